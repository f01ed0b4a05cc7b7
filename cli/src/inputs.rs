//! Which files a run reads: explicit files, directories searched for
//! Dockerfiles, Compose files and `daemon.json` (honouring `.gitignore` and
//! `.ignore`), or standard input; and the [`FileKind`] of each.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use dockward_analyzer::names::kind_of_name;
use dockward_analyzer::rule::FileKind;

use crate::error::{CliError, describe_io};

/// Where one input's text comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    Stdin,
}

/// One file to check.
#[derive(Clone, Debug)]
pub struct Input {
    /// The path as given or as discovered (`-` or `--stdin-filename` for stdin).
    pub display: String,
    pub source: Source,
    /// The path config discovery and `.dockerignore` / `.env` lookup start
    /// from.
    pub anchor: PathBuf,
    /// How the file is read: by its name, or as `--kind` forces.
    pub kind: FileKind,
}

/// Which kinds of file a command reads, and the kind it was told to force.
#[derive(Clone, Copy, Debug)]
pub struct KindFilter<'a> {
    /// The kinds a directory walk picks up (by name).
    pub walk: &'a [FileKind],
    /// `--kind`: the kind of explicit paths and standard input, whatever
    /// their names.
    pub forced: Option<FileKind>,
}

impl KindFilter<'_> {
    /// Every kind, none forced (`dockward lint` without `--kind`).
    pub const ALL: KindFilter<'static> = KindFilter {
        walk: &FileKind::ALL,
        forced: None,
    };
}

/// The kind of a file named explicitly (a path on the command line, or
/// standard input's `--stdin-filename`): `--kind`, else its name (any
/// `*compose*.yml|yaml` is a Compose file), else any other `.yml|.yaml`
/// is a Compose file too (the only YAML dockward reads; no Dockerfile is
/// named so), else a Dockerfile, as before dockward knew other kinds
/// (`dockward lint build/prod` checks a Dockerfile).
fn explicit_kind(path: &Path, forced: Option<FileKind>) -> FileKind {
    if let Some(kind) = forced {
        return kind;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    kind_of_name(&name, true).unwrap_or(if name.ends_with(".yml") || name.ends_with(".yaml") {
        FileKind::Compose
    } else {
        FileKind::Dockerfile
    })
}

/// The inputs found, and the problems met on the way.
#[derive(Debug, Default)]
pub struct Discovered {
    pub inputs: Vec<Input>,
    /// Real errors (a named path missing, a directory that cannot be read):
    /// reported, and the run exits 2 after checking the rest.
    pub errors: Vec<CliError>,
    /// Things skipped with a note (broken symbolic links found while walking).
    pub warnings: Vec<String>,
}

/// Resolves the command line's paths. `stdin_filename` names `-`.
pub fn discover(
    paths: &[PathBuf],
    stdin_filename: Option<&Path>,
    kinds: KindFilter<'_>,
) -> Discovered {
    let mut found = Discovered::default();
    let mut seen = HashSet::new();
    let defaulted = paths.is_empty();
    let roots: Vec<PathBuf> = if defaulted {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    for root in &roots {
        if root.as_os_str() == "-" {
            let anchor =
                stdin_filename.map_or_else(|| PathBuf::from("Dockerfile"), Path::to_path_buf);
            found.inputs.push(Input {
                display: stdin_filename.map_or_else(|| "-".to_owned(), |p| p.display().to_string()),
                source: Source::Stdin,
                kind: explicit_kind(&anchor, kinds.forced),
                anchor,
            });
            continue;
        }
        match std::fs::metadata(root) {
            Ok(meta) if meta.is_dir() => walk(root, defaulted, kinds.walk, &mut found, &mut seen),
            Ok(_) => {
                if seen.insert(identity(root)) {
                    found.inputs.push(Input {
                        display: root.display().to_string(),
                        source: Source::File(root.clone()),
                        anchor: root.clone(),
                        kind: explicit_kind(root, kinds.forced),
                    });
                }
            }
            Err(e) => {
                let error = if std::fs::symlink_metadata(root).is_ok() {
                    std::io::Error::other("broken symbolic link")
                } else {
                    e
                };
                found.errors.push(CliError::io(root, error));
            }
        }
    }
    found
}

fn walk(
    root: &Path,
    defaulted: bool,
    kinds: &[FileKind],
    found: &mut Discovered,
    seen: &mut HashSet<PathBuf>,
) {
    let walker = ignore::WalkBuilder::new(root)
        .hidden(false)
        .require_git(false)
        .follow_links(false)
        .filter_entry(|e| e.file_name() != ".git")
        .build();
    let mut files = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(ignore::Error::Partial(errs)) => {
                for e in errs {
                    found.warnings.push(format!("ignore file problem: {e}"));
                }
                continue;
            }
            Err(err) => {
                found.errors.push(walk_error(root, &err));
                continue;
            }
        };
        let Some(ft) = entry.file_type() else {
            continue;
        };
        if ft.is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        // Found, not named: only the names Compose itself looks for count
        // (`compose.prod.yaml` must be given explicitly).
        let Some(kind) = kind_of_name(&name, false).filter(|k| kinds.contains(k)) else {
            continue;
        };
        let path = entry.path();
        if ft.is_symlink() && !path.is_file() {
            if path.is_dir() {
                continue;
            }
            found.warnings.push(format!(
                "{}: broken symbolic link, skipped",
                display_path(path, defaulted)
            ));
            continue;
        }
        files.push((path.to_path_buf(), kind));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in files {
        if seen.insert(identity(&path)) {
            found.inputs.push(Input {
                display: display_path(&path, defaulted),
                source: Source::File(path.clone()),
                anchor: path,
                kind,
            });
        }
    }
}

/// What makes two inputs the same file: the canonical path, so that
/// overlapping directories (`. svc`), `./x` and `x`, and symbolic links
/// name one input. The first spelling met is the one displayed.
pub fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Paths under the implicit `.` are shown without the `./`.
fn display_path(path: &Path, defaulted: bool) -> String {
    let shown = if defaulted {
        path.strip_prefix(".").unwrap_or(path)
    } else {
        path
    };
    shown.display().to_string()
}

fn walk_error(root: &Path, err: &ignore::Error) -> CliError {
    let mut err = err;
    let mut path = None;
    loop {
        match err {
            ignore::Error::WithPath {
                path: p,
                err: inner,
            } => {
                path = Some(p.clone());
                err = inner;
            }
            ignore::Error::WithDepth { err: inner, .. }
            | ignore::Error::WithLineNumber { err: inner, .. } => err = inner,
            ignore::Error::Io(io) => {
                return CliError::Io {
                    path: path.unwrap_or_else(|| root.to_path_buf()),
                    error: std::io::Error::new(io.kind(), describe_io(io)),
                };
            }
            other => {
                return CliError::Io {
                    path: path.unwrap_or_else(|| root.to_path_buf()),
                    error: std::io::Error::other(other.to_string()),
                };
            }
        }
    }
}
