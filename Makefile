# The two commands for a fresh machine are `make run` and `make test`; everything else is optional.
#
# tolk's environment (.venv) is made by uv from uv.lock: the same versions on every machine, and
# without the sentence splitters argostranslate declares (stanza, spaCy, minisbd) and what only
# they pull in (torch, onnxruntime, ...) -- see `exclude-dependencies` in pyproject.toml. uv itself
# is bootstrapped from PyPI with the machine's pip into .tools/, pinned, so nothing needs to be
# installed by hand.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV_VERSION := 0.13.9
UV_DIR := .tools/uv-$(UV_VERSION)
UV := $(UV_DIR)/bin/uv
# -qq: errors only (this machine's pip config adds local indexes that warn for every package).
PIP_QUIET := -qq --disable-pip-version-check
# Reinstall only when the dependency description or the lock changes.
STAMP := $(VENV)/.tolk-installed

# uv must use this machine's Python (it cannot download one here) and the repo's .venv.
export UV_PYTHON := $(PYTHON)
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# The uv cache usually sits on another filesystem than the checkout: copy without warning.
export UV_LINK_MODE ?= copy

# The benchmark compares tolk with argostranslate.translate, which imports stanza and so torch:
# it gets its own environment so that tolk's stays lean. pip, not uv, builds it, because the
# CPU-only torch wheel pinned in constraints.txt comes from this machine's pip find-links (uv
# would fetch PyPI's multi-GB CUDA build). uv.lock's versions constrain the rest, so tolk runs
# there on the same libraries as in .venv.
BENCH_VENV := .venv-bench
BENCH_STAMP := $(BENCH_VENV)/.tolk-bench-installed

# `make install-check`: a throwaway home for the installed tool, its models, data and cache, so
# the `tolk` it runs is the freshly installed one and nothing touches the user's own.
INSTALL_CHECK := $(CURDIR)/build/install-check
CHECK_SEED := seeds/000_4a397d34e890302c.txt
install-check: export UV_TOOL_DIR := $(INSTALL_CHECK)/tools
install-check: export UV_TOOL_BIN_DIR := $(INSTALL_CHECK)/bin
install-check: export PATH := $(INSTALL_CHECK)/bin:$(PATH)
# Only on the lines that run tolk: uv's own cache (under XDG_CACHE_HOME) stays the user's.
CHECK_HOME := ARGOS_PACKAGES_DIR=$(INSTALL_CHECK)/packages XDG_DATA_HOME=$(INSTALL_CHECK)/data \
	XDG_CACHE_HOME=$(INSTALL_CHECK)/cache XDG_CONFIG_HOME=$(INSTALL_CHECK)/config

.PHONY: setup run test lint lock bench install-check screenshots clean

setup: $(STAMP)

$(UV):
	$(PYTHON) -m pip install $(PIP_QUIET) --target $(UV_DIR) uv==$(UV_VERSION)

# --locked: fail if uv.lock no longer matches pyproject.toml (run `make lock` and commit it),
# rather than quietly resolving new versions.
$(STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --extra dev
	touch $(STAMP)

# After changing dependencies in pyproject.toml: re-resolve uv.lock (needs PyPI).
lock: | $(UV)
	$(UV) lock

run: $(STAMP)
	$(VENV)/bin/tolk $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

test: lint
	$(VENV)/bin/pytest

$(BENCH_STAMP): pyproject.toml uv.lock constraints.txt | $(UV)
	$(PYTHON) -m venv $(BENCH_VENV)
	$(UV) export --frozen --no-emit-project --no-hashes --quiet -o $(BENCH_VENV)/locked.txt
	$(BENCH_VENV)/bin/pip install $(PIP_QUIET) -c constraints.txt -c $(BENCH_VENV)/locked.txt \
		torch argostranslate -e .
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BENCH_VENV)/bin/python -m bench

# Not part of `make test` (it needs PyPI): build the wheel, install it exactly as the README's
# "Installing the tolk command" says, into a throwaway tool dir, then install a test model (a real
# .argosmodel from translation/copy_model.py) and translate a seed with the installed `tolk`.
# Everything it writes stays under build/install-check; it ends with the installed size.
install-check: $(STAMP)
	rm -rf $(INSTALL_CHECK) dist
	$(UV) build --wheel --quiet -o dist
	$(UV) tool install --excludes excludes.txt dist/tolk-*.whl
	$(PY) -c "import sys; from pathlib import Path; from translation.copy_model import \
		build_copy_package; build_copy_package(Path(sys.argv[1]), \
		Path(sys.argv[2]).read_text(encoding='utf-8'))" $(INSTALL_CHECK) $(CHECK_SEED)
	$(CHECK_HOME) tolk models install $(INSTALL_CHECK)/*.argosmodel
	$(CHECK_HOME) tolk translate $(CHECK_SEED)
	$(INSTALL_CHECK)/tools/tolk/bin/python -c "import importlib.util as u, sys; \
		heavy = [m for m in ('torch', 'stanza', 'spacy', 'minisbd', 'onnxruntime') if u.find_spec(m)]; \
		sys.exit(f'heavy packages installed: {heavy}' if heavy else 0)"
	du -sh $(INSTALL_CHECK)/tools/tolk

screenshots: $(STAMP)
	$(PY) -m tui.screenshots screenshots

clean:
	rm -rf $(VENV) $(BENCH_VENV) .tools build dist
