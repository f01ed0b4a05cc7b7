//! Zed extension: runs `dockward lsp` for the `Dockerfile` language.
//!
//! The command is `lsp.dockward.binary.path` (with `binary.arguments`, default
//! `["lsp"]`) when set, otherwise `dockward` found on the worktree's PATH.
//! `lsp.dockward.initialization_options` and `lsp.dockward.settings` are
//! passed through to the server.

use zed_extension_api::{self as zed, serde_json, settings::LspSettings, LanguageServerId};

struct Dockward;

const INSTALL_HINT: &str = "dockward was not found on PATH: install it \
    (cargo install --locked --git https://github.com/dockward/dockward dockward) \
    or set lsp.dockward.binary.path in Zed's settings";

fn settings(id: &LanguageServerId, worktree: &zed::Worktree) -> LspSettings {
    LspSettings::for_worktree(id.as_ref(), worktree).unwrap_or_default()
}

impl zed::Extension for Dockward {
    fn new() -> Self {
        Dockward
    }

    fn language_server_command(
        &mut self,
        id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> zed::Result<zed::Command> {
        let binary = settings(id, worktree).binary;
        let configured = binary
            .as_ref()
            .and_then(|b| b.path.clone())
            .filter(|p| !p.trim().is_empty());
        let command = match configured {
            Some(path) => path,
            None => worktree
                .which("dockward")
                .ok_or_else(|| INSTALL_HINT.to_string())?,
        };
        let args = binary
            .as_ref()
            .and_then(|b| b.arguments.clone())
            .unwrap_or_else(|| vec!["lsp".to_string()]);
        let mut env = worktree.shell_env();
        if let Some(extra) = binary.and_then(|b| b.env) {
            env.extend(extra);
        }
        Ok(zed::Command { command, args, env })
    }

    fn language_server_initialization_options(
        &mut self,
        id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> zed::Result<Option<serde_json::Value>> {
        Ok(settings(id, worktree).initialization_options)
    }

    fn language_server_workspace_configuration(
        &mut self,
        id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> zed::Result<Option<serde_json::Value>> {
        Ok(settings(id, worktree).settings)
    }
}

zed::register_extension!(Dockward);
