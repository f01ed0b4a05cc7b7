//! The one place that turns a file's kind into an analysis: Dockerfiles,
//! Compose files, `daemon.json` and seccomp profiles each go to their own
//! analyzer entry point (and `fix_all`), and come back as the same
//! [`Analysed`] record that reports and fixes are made of.
//!
//! This is also the CLI's IO edge for Compose: the analyzer reads no files,
//! so the `.env` beside a Compose file, the files its `extends` names and
//! the Dockerfiles it builds are read here and handed in
//! ([`ComposeContext`]). The real environment is never read: a variable
//! that `.env` does not set stays unknown.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use dockward_analyzer::compose::{self, ComposeContext};
use dockward_analyzer::fixes::{FixOutcome, MAX_ROUNDS};
use dockward_analyzer::names::is_compose_override_name;
use dockward_analyzer::rule::FileKind;
use dockward_analyzer::{Config, Context, Diagnostic, daemon, seccomp};

use crate::fix::FixMode;

/// The largest file read on a Compose file's behalf (`.env`, `extends`
/// files, Dockerfiles): a mistake, not a configuration, beyond this.
const MAX_LINKED_FILE_SIZE: u64 = 16 << 20;

/// One file's text after fixing, and the findings that remain in it.
#[derive(Debug)]
pub struct Analysed {
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Fixes applied over all rounds.
    pub applied: usize,
    /// Why fixing stopped early, if it did.
    pub note: Option<String>,
    /// Other files this one makes part of the run (a Compose file's
    /// Dockerfiles and seccomp profiles).
    pub links: Vec<Link>,
}

/// A file a Compose file names, to be checked with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub kind: FileKind,
    /// Where to read it.
    pub path: PathBuf,
    /// How to name it in reports: the Compose file's directory as it was
    /// shown, joined with the path as written.
    pub display: String,
    /// For a Dockerfile: the service's known `build.args`, as
    /// `--build-arg` values.
    pub build_args: Vec<(String, String)>,
    /// Who names it, for messages: "compose.yaml builds it for service `web`".
    pub via: String,
}

/// Analyses (and in fix mode fixes) `text` as a file of `kind` that lives at
/// `anchor` (its `.dockerignore`, `.env` and the files it names are looked
/// up beside it). `display` is how the file is shown, for its links.
#[must_use]
pub fn analyze(
    kind: FileKind,
    text: &str,
    config: &Config,
    anchor: &Path,
    display: &str,
    mode: FixMode,
) -> Analysed {
    match kind {
        FileKind::Dockerfile => {
            let dockerignore = read_dockerignore(anchor);
            let context = Context {
                dockerignore: dockerignore.as_deref(),
            };
            let analyse = |t: &str| dockward_analyzer::analyze_with(t, config, context).diagnostics;
            with_fixes(text, mode, analyse, |t| {
                dockward_analyzer::fixes::fix_all(t, config, context, mode.unsafe_fixes)
            })
        }
        FileKind::Compose => analyze_compose(text, config, anchor, display, mode),
        FileKind::Daemon => with_fixes(
            text,
            mode,
            |t| daemon::analyze(t, config).diagnostics,
            |t| daemon::fix_all(t, config, mode.unsafe_fixes),
        ),
        FileKind::Seccomp => with_fixes(
            text,
            mode,
            |t| seccomp::analyze(t, config).diagnostics,
            |t| seccomp::fix_all(t, config, mode.unsafe_fixes),
        ),
    }
}

/// A Dockerfile as a Compose service builds it: with the service's
/// `build.args` as the values of the ARGs it declares. Never fixed (the
/// same Dockerfile may be built with other args elsewhere).
#[must_use]
pub fn analyze_built_dockerfile(
    text: &str,
    config: &Config,
    anchor: &Path,
    build_args: &[(String, String)],
) -> Vec<Diagnostic> {
    let dockerignore = read_dockerignore(anchor);
    let context = Context {
        dockerignore: dockerignore.as_deref(),
    };
    dockward_analyzer::analyze_with_build_args(text, config, context, build_args).diagnostics
}

/// The syntax errors of a text of `kind`: a fixed text with more than the
/// original is never written.
#[must_use]
pub fn syntax_errors(kind: FileKind, text: &str) -> usize {
    match kind {
        FileKind::Dockerfile => dockward_analyzer::syntax::parse(text).errors.len(),
        FileKind::Compose => compose::syntax_errors(text),
        FileKind::Daemon => {
            let model = daemon::DaemonModel::new(text);
            model.json().errors().len() + usize::from(!model.is_configuration())
        }
        FileKind::Seccomp => {
            let model = seccomp::SeccompModel::new(text);
            model.json().errors().len() + usize::from(!model.is_profile())
        }
    }
}

/// The code of the rule that reports a file of `kind` unreadable (binary,
/// not UTF-8): each kind's syntax-error rule.
#[must_use]
pub fn syntax_rule_code(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Dockerfile => "DL1000",
        FileKind::Compose => "DW5900",
        FileKind::Daemon => "DW6000",
        FileKind::Seccomp => "DW6100",
    }
}

/// What a file of `kind` is called in messages.
#[must_use]
pub fn kind_noun(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Dockerfile => "a Dockerfile",
        FileKind::Compose => "a Compose file",
        FileKind::Daemon => "a daemon.json",
        FileKind::Seccomp => "a seccomp profile",
    }
}

fn with_fixes(
    text: &str,
    mode: FixMode,
    analyse: impl Fn(&str) -> Vec<Diagnostic>,
    fix_all: impl FnOnce(&str) -> FixOutcome,
) -> Analysed {
    if !mode.apply {
        return Analysed {
            text: text.to_owned(),
            diagnostics: analyse(text),
            applied: 0,
            note: None,
            links: Vec::new(),
        };
    }
    let outcome = fix_all(text);
    let note = if outcome.rejected {
        Some(
            "a fix would introduce a syntax error, so the remaining fixes were not applied (please report this)"
                .to_owned(),
        )
    } else if !outcome.converged {
        Some(format!(
            "fixes did not converge after {MAX_ROUNDS} rounds; the remaining findings are reported"
        ))
    } else {
        None
    };
    Analysed {
        diagnostics: analyse(&outcome.text),
        text: outcome.text,
        applied: outcome.applied,
        note,
        links: Vec::new(),
    }
}

fn analyze_compose(
    text: &str,
    config: &Config,
    anchor: &Path,
    display: &str,
    mode: FixMode,
) -> Analysed {
    let dir = parent_dir(anchor);
    let dotenv = read_linked(&dir.join(".env"));
    // Each named file is read once however many rounds of fixing ask again.
    let cache: RefCell<HashMap<String, Option<String>>> = RefCell::new(HashMap::new());
    let resolve = |rel: &str| -> Option<String> {
        if let Some(hit) = cache.borrow().get(rel) {
            return hit.clone();
        }
        let read = read_linked(&dir.join(rel));
        cache.borrow_mut().insert(rel.to_owned(), read.clone());
        read
    };
    let name = anchor
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let context = ComposeContext {
        dotenv: dotenv.as_deref(),
        files: Some(&resolve),
        partial: is_compose_override_name(&name),
    };
    let mut analysed = with_fixes(
        text,
        mode,
        |t| compose::analyze(t, config, context).diagnostics,
        |t| compose::fix_all(t, config, context, mode.unsafe_fixes),
    );
    let model = compose::ComposeModel::new(&analysed.text, context);
    analysed.links = compose_links(&model, &dir, display);
    analysed
}

/// The Dockerfiles a Compose file's services build (local contexts, file
/// Dockerfiles: not `dockerfile_inline`, remote contexts or paths with
/// unknown variables) and the seccomp profiles they name.
fn compose_links(model: &compose::ComposeModel, dir: &Path, display: &str) -> Vec<Link> {
    let shown_dir = Path::new(display)
        .parent()
        .filter(|p| !p.as_os_str().is_empty() && display != "-");
    let link = |kind, rel: &str, build_args, via| Link {
        via,
        kind,
        path: normalize(&dir.join(rel)),
        display: normalize(&shown_dir.map_or_else(|| PathBuf::from(rel), |d| d.join(rel)))
            .display()
            .to_string(),
        build_args,
    };
    let mut links = Vec::new();
    for service in model.service_views() {
        if let Some(build) = service.build()
            && build.dockerfile_inline.is_none()
            && let Some(path) = build.dockerfile_path()
        {
            let mut args = build.known_args();
            args.sort();
            let via = format!("{display} builds it for service `{}`", service.name());
            let l = link(FileKind::Dockerfile, &path, args, via);
            if !links.contains(&l) {
                links.push(l);
            }
        }
        for (path, _) in service.seccomp_profiles() {
            let via = format!("{display} names it for service `{}`", service.name());
            let l = link(FileKind::Seccomp, &path, Vec::new(), via);
            if !links.contains(&l) {
                links.push(l);
            }
        }
    }
    links
}

/// The directory a file at `anchor` lives in (`.` for a bare name).
fn parent_dir(anchor: &Path) -> PathBuf {
    anchor
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// `a/./b` → `a/b`, `./x` → `x`: the spelling shown in reports. `..` is
/// kept (resolving it lexically would be wrong across symbolic links).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        if c != Component::CurDir {
            out.push(c);
        }
    }
    if out.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        out
    }
}

/// A file a Compose file names, as text: `None` when it is missing,
/// unreadable, not a regular file, too large or not UTF-8 (what cannot be
/// read stays unknown; it is not an error of the run).
pub fn read_linked(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_LINKED_FILE_SIZE {
        return None;
    }
    String::from_utf8(std::fs::read(path).ok()?).ok()
}

/// The `.dockerignore` BuildKit would use for a Dockerfile at `anchor` with
/// its directory as the build context: `<Dockerfile>.dockerignore` first,
/// then `.dockerignore` in the context.
fn read_dockerignore(anchor: &Path) -> Option<String> {
    let mut own = anchor.as_os_str().to_owned();
    own.push(".dockerignore");
    let dir = anchor.parent().filter(|p| !p.as_os_str().is_empty());
    let shared = dir.map_or_else(
        || PathBuf::from(".dockerignore"),
        |d| d.join(".dockerignore"),
    );
    [PathBuf::from(own), shared]
        .iter()
        .find_map(|p| std::fs::read(p).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_drops_current_dir_only() {
        assert_eq!(normalize(Path::new("./a/./b")), PathBuf::from("a/b"));
        assert_eq!(normalize(Path::new("a/../b")), PathBuf::from("a/../b"));
        assert_eq!(normalize(Path::new(".")), PathBuf::from("."));
    }

    #[test]
    fn compose_links_name_dockerfiles_with_args_and_profiles() {
        let src = "services:\n  web:\n    build:\n      context: ./app\n      dockerfile: web.Dockerfile\n      args:\n        TAG: \"1.2\"\n        UNSET: ${NOPE}\n    security_opt:\n      - seccomp=./profiles/web.json\n  db:\n    build: .\n  inline:\n    build:\n      dockerfile_inline: FROM alpine\n";
        let model = compose::ComposeModel::new(src, ComposeContext::default());
        let links = compose_links(&model, Path::new("proj"), "proj/compose.yaml");
        let shown: Vec<_> = links
            .iter()
            .map(|l| (l.kind, l.display.as_str(), l.build_args.clone()))
            .collect();
        assert_eq!(
            shown,
            vec![
                (
                    FileKind::Dockerfile,
                    "proj/app/web.Dockerfile",
                    vec![("TAG".to_owned(), "1.2".to_owned())]
                ),
                (FileKind::Seccomp, "proj/profiles/web.json", Vec::new()),
                (FileKind::Dockerfile, "proj/Dockerfile", Vec::new()),
            ]
        );
        assert_eq!(links[0].path, PathBuf::from("proj/app/web.Dockerfile"));
    }
}
