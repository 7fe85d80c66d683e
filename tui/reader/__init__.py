"""The reader screen as one package: `screen` composes it, starts every job and routes every
message; command objects see it only as a host (`host.ReaderHost`); each feature is a folder
(state and jobs, commands, messages). docs/architecture.md draws the layers."""
