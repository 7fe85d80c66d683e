"""tolk's benchmarks: `make bench` (python -m bench) runs them all and prints each figure
beside its goal, as ratios measured in one run on the same machine."""
