//! Zed extension: runs `dockward lsp` for the `Dockerfile` language.
//!
//! The command is `lsp.dockward.binary.path` (with `binary.arguments`, default
//! `["lsp"]`) when set, otherwise `dockward` found on the worktree's PATH.
//! `lsp.dockward.initialization_options` and `lsp.dockward.settings` are
//! passed through to the server.

use zed_extension_api::{
    self as zed, serde_json,
    settings::{CommandSettings, LspSettings},
    LanguageServerId,
};

struct Dockward;

const INSTALL_HINT: &str = "dockward was not found on PATH: install it \
    (cargo install --locked --git https://github.com/dockward/dockward dockward) \
    or set lsp.dockward.binary.path in Zed's settings";

fn settings(id: &LanguageServerId, worktree: &zed::Worktree) -> LspSettings {
    LspSettings::for_worktree(id.as_ref(), worktree).unwrap_or_default()
}

/// The command that starts the server, from the user's `binary` settings,
/// where `dockward` is on the worktree's PATH (if it is) and the worktree's
/// shell environment. Kept free of host calls so that it runs in tests.
fn server_command(
    binary: Option<CommandSettings>,
    on_path: Option<String>,
    shell_env: zed::EnvVars,
) -> zed::Result<zed::Command> {
    let configured = binary
        .as_ref()
        .and_then(|b| b.path.clone())
        .filter(|p| !p.trim().is_empty());
    let command = match configured.or(on_path) {
        Some(path) => path,
        None => return Err(INSTALL_HINT.to_string()),
    };
    let args = binary
        .as_ref()
        .and_then(|b| b.arguments.clone())
        .unwrap_or_else(|| vec!["lsp".to_string()]);
    let mut env = shell_env;
    if let Some(extra) = binary.and_then(|b| b.env) {
        // A variable set in the settings replaces the shell's value.
        env.retain(|(name, _)| !extra.contains_key(name));
        let mut extra: Vec<(String, String)> = extra.into_iter().collect();
        extra.sort();
        env.extend(extra);
    }
    Ok(zed::Command { command, args, env })
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
        server_command(
            settings(id, worktree).binary,
            worktree.which("dockward"),
            worktree.shell_env(),
        )
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn binary(path: Option<&str>, args: Option<&[&str]>, env: &[(&str, &str)]) -> CommandSettings {
        CommandSettings {
            path: path.map(str::to_string),
            arguments: args.map(|a| a.iter().map(|s| s.to_string()).collect()),
            env: (!env.is_empty()).then(|| pairs(env).into_iter().collect::<HashMap<_, _>>()),
        }
    }

    #[test]
    fn without_settings_runs_dockward_lsp_from_path() {
        let shell = pairs(&[("PATH", "/usr/bin"), ("HOME", "/home/u")]);
        let cmd = server_command(None, Some("/usr/bin/dockward".into()), shell.clone()).unwrap();
        assert_eq!(cmd.command, "/usr/bin/dockward");
        assert_eq!(cmd.args, ["lsp"]);
        assert_eq!(cmd.env, shell);
    }

    #[test]
    fn configured_path_wins_over_path_lookup_and_keeps_default_args() {
        let cmd = server_command(
            Some(binary(Some("/opt/dockward"), None, &[])),
            Some("/usr/bin/dockward".into()),
            Vec::new(),
        )
        .unwrap();
        assert_eq!(cmd.command, "/opt/dockward");
        assert_eq!(cmd.args, ["lsp"]);
    }

    #[test]
    fn configured_path_works_without_dockward_on_path() {
        let cmd = server_command(Some(binary(Some("dockward"), None, &[])), None, Vec::new());
        assert_eq!(cmd.unwrap().command, "dockward");
    }

    #[test]
    fn blank_path_falls_back_to_path_lookup() {
        let cmd = server_command(
            Some(binary(Some("  "), Some(&["lsp", "--stdio"]), &[])),
            Some("/usr/bin/dockward".into()),
            Vec::new(),
        )
        .unwrap();
        assert_eq!(cmd.command, "/usr/bin/dockward");
        assert_eq!(cmd.args, ["lsp", "--stdio"]);
    }

    #[test]
    fn missing_binary_is_an_error_that_says_how_to_install() {
        let err = server_command(None, None, Vec::new()).unwrap_err();
        assert!(err.contains("cargo install"), "{err}");
        assert!(err.contains("lsp.dockward.binary.path"), "{err}");
        let err = server_command(Some(binary(Some(""), None, &[])), None, Vec::new()).unwrap_err();
        assert_eq!(err, INSTALL_HINT);
    }

    #[test]
    fn settings_env_overrides_and_extends_the_shell_env() {
        let cmd = server_command(
            Some(binary(
                None,
                None,
                &[("RUST_LOG", "debug"), ("HOME", "/tmp/h")],
            )),
            Some("dockward".into()),
            pairs(&[("PATH", "/usr/bin"), ("HOME", "/home/u")]),
        )
        .unwrap();
        assert_eq!(
            cmd.env,
            pairs(&[
                ("PATH", "/usr/bin"),
                ("HOME", "/tmp/h"),
                ("RUST_LOG", "debug")
            ])
        );
    }
}
