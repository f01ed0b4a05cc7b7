//! The dockward language server. It alone knows the LSP types; analysis is
//! `dockward-analyzer`'s job and configuration files are `dockward-config`'s.
//!
//! Layout: [`server`] is the routing table, [`session`] the single owner of
//! the documents, `handlers/` one file per LSP method, [`to_proto`] and
//! [`from_proto`] the conversions. Stdout carries the protocol, so nothing
//! else may print to it: logs go to stderr (`DOCKWARD_LOG=debug` for more).

#![deny(clippy::print_stdout)]

pub mod capabilities;
pub mod document;
pub mod from_proto;
pub mod handlers;
pub mod locate;
pub mod navigation;
pub mod position;
pub mod reference;
pub mod server;
mod session;
pub mod settings;
pub mod to_proto;
mod transport;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

pub use server::Backend;

/// Serves LSP over `input`/`output` until `exit` or end of input. Returns the
/// process exit code: 0 when `shutdown` came before the end, 1 otherwise.
pub async fn serve<I, O>(input: I, output: O) -> i32
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = shutdown.clone();
    let (out_tx, out_rx) = tokio::sync::mpsc::unbounded_channel();
    let direct = out_tx.clone();
    let (service, socket) = LspService::new(move |client| Backend::new(client, flag, direct));
    // The server talks to the pumps in `transport` through an in-memory pipe.
    let (server_end, pump_end) = tokio::io::duplex(1 << 20);
    let (server_in, server_out) = tokio::io::split(server_end);
    let (pump_in, pump_out) = tokio::io::split(pump_end);
    let writer = tokio::spawn(transport::write_output(output, out_rx));
    let copier = tokio::spawn(transport::pump_server_output(pump_in, out_tx.clone()));
    tokio::spawn(transport::pump_input(input, pump_out, out_tx.clone()));
    Server::new(server_in, server_out, socket)
        .serve(service)
        .await;
    // Everything the server wrote reaches the client before we return.
    let _ = copier.await;
    let (done, flushed) = tokio::sync::oneshot::channel();
    let _ = out_tx.send(transport::Out::Flush(done));
    let _ = flushed.await;
    drop(writer);
    i32::from(!shutdown.load(Ordering::SeqCst))
}

/// Runs the server on stdin/stdout (`dockward lsp`). Logs go to stderr.
#[must_use]
pub fn run_stdio() -> i32 {
    let filter = tracing_subscriber::EnvFilter::try_from_env("DOCKWARD_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(err) => {
            tracing::error!("cannot start the runtime: {err}");
            return 1;
        }
    };
    let code = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // Do not wait for analyses still running on the blocking pool.
    runtime.shutdown_timeout(Duration::from_millis(100));
    code
}
