//! Configuration discovery and loading: the CLI and the server read files here and hand the analyzer plain data.
