//! The dockward language server. It alone knows the LSP types.
