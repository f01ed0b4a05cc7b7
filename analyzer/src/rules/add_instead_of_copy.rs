use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::syntax::Keyword;
use crate::{Edit, Fix};

use crate::facts::copy_paths::{PathArg, basename, copy_paths, is_remote};

declare_rule! {
    /// ## What it does
    /// Flags `ADD` of local files or directories that are not archives, where
    /// `COPY` does the same. Sources that need `ADD` are URLs and git
    /// addresses and files that look like tar archives (`.tar`, `.tgz`,
    /// `.gz`, `.bz2`, `.xz`, `.zst`…); an `ADD` that mixes them with plain
    /// files is flagged too (the plain files belong in a `COPY`). Variables
    /// are expanded with their ARG and ENV values; an `ADD` with a source
    /// whose value is unknown is left alone.
    ///
    /// ## Why is this bad?
    /// `ADD` also downloads URLs and unpacks local archives. Using it for
    /// plain files hides which of those the author wanted, and a file that
    /// turns out to be a tarball gets unpacked. `COPY` only copies.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12
    /// ADD requirements.txt /app/
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12
    /// COPY requirements.txt /app/
    /// ```
    ///
    /// ## Fix safety
    /// The fix replaces `ADD` with `COPY`. `ADD` unpacks a local file whose
    /// *content* is a tar archive, whatever its name, so the fix is safe only
    /// when every source is a directory (`.`, a path ending in `/`), a
    /// heredoc, or a file whose extension marks it as something else (`.py`,
    /// `.json`, `.conf`…); otherwise it is unsafe. There is no fix when `ADD`
    /// has a flag `COPY` lacks (`--checksum`, `--keep-git-dir`, `--unpack`).
    pub AddInsteadOfCopy {
        code: "DL3020",
        name: "add-instead-of-copy",
        aliases: ["DS-0005", "CKV_DOCKER_4"],
        severity: Error,
        category: BestPractice,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for AddInsteadOfCopy {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let src = cx.src();
        let model = cx.model;
        for (i, inst) in model.instructions().iter().enumerate() {
            if inst.keyword != Keyword::Add {
                continue;
            }
            let Some((sources, _)) = copy_paths(model, i, inst) else {
                continue;
            };
            if sources.iter().any(|s| !s.heredoc && s.unresolved()) {
                continue;
            }
            let plain: Vec<&PathArg> = sources
                .iter()
                .filter(|s| s.heredoc || !(is_remote(&s.value) || is_archive(&s.value)))
                .collect();
            if plain.is_empty() {
                continue;
            }
            let add_only_flag = inst
                .flags
                .iter()
                .any(|f| matches!(f.name(), "checksum" | "keep-git-dir" | "unpack"));
            let mixed = plain.len() < sources.len();
            let fix = (!add_only_flag && !mixed).then(|| {
                let keyword = inst.keyword_text(src);
                let copy = if keyword.bytes().any(|b| b.is_ascii_uppercase()) {
                    "COPY"
                } else {
                    "copy"
                };
                let edits = vec![Edit::replace(inst.keyword_range, copy)];
                if sources.iter().all(certainly_not_archive) {
                    Fix::safe("Replace `ADD` with `COPY`", edits)
                } else {
                    Fix::unsafe_("Replace `ADD` with `COPY`", edits)
                }
            });
            let message = if mixed {
                format!(
                    "ADD copies the plain local file `{}`; COPY it separately",
                    plain[0].value
                )
            } else {
                "ADD copies plain local files; COPY does the same without ADD's extra behaviour"
                    .to_owned()
            };
            let d = cx.report(inst.keyword_range, message);
            if let Some(fix) = fix {
                d.with_fix(fix);
            }
        }
    }
}

/// Extensions of the archives `ADD` unpacks (tar, possibly compressed), as
/// hadolint lists them plus zstd.
const ARCHIVE_EXTENSIONS: &[&str] = &[
    ".tar", ".z", ".bz2", ".gz", ".lz", ".lzma", ".tz", ".tb2", ".tbz", ".tbz2", ".tgz", ".tlz",
    ".tpz", ".txz", ".xz", ".zst", ".tzst",
];

fn is_archive(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    ARCHIVE_EXTENSIONS.iter().any(|ext| lower.ends_with(ext))
}

/// Extensions of files that are not tar archives: source code, scripts,
/// configuration, text, certificates, zip-based packages (not unpacked).
const PLAIN_EXTENSIONS: &[&str] = &[
    "sh",
    "bash",
    "zsh",
    "ps1",
    "bat",
    "cmd",
    "py",
    "pyc",
    "rb",
    "pl",
    "php",
    "js",
    "mjs",
    "cjs",
    "ts",
    "tsx",
    "jsx",
    "go",
    "rs",
    "c",
    "h",
    "cc",
    "cpp",
    "hpp",
    "java",
    "kt",
    "scala",
    "cs",
    "lua",
    "r",
    "sql",
    "json",
    "yaml",
    "yml",
    "toml",
    "ini",
    "cfg",
    "conf",
    "config",
    "cnf",
    "properties",
    "xml",
    "html",
    "htm",
    "css",
    "scss",
    "md",
    "rst",
    "txt",
    "csv",
    "env",
    "lock",
    "mod",
    "sum",
    "service",
    "socket",
    "timer",
    "repo",
    "list",
    "pem",
    "crt",
    "cer",
    "key",
    "pub",
    "asc",
    "gpg",
    "jar",
    "war",
    "ear",
    "zip",
    "whl",
    "egg",
    "deb",
    "rpm",
    "apk",
    "png",
    "jpg",
    "jpeg",
    "gif",
    "svg",
    "ico",
    "so",
    "dll",
    "exe",
    "template",
    "tmpl",
    "tpl",
    "j2",
    "patch",
    "diff",
    "pac",
    "crontab",
    "nginx",
    "vcl",
    "lic",
    "license",
    "log",
];

/// True when the source provably is not a file `ADD` would unpack: a
/// heredoc, a directory, or a name with a known non-archive extension and no
/// wildcard.
fn certainly_not_archive(source: &PathArg) -> bool {
    if source.heredoc {
        return true;
    }
    let value = source.value.as_str();
    if value == "." || value.ends_with('/') || value.ends_with("/.") {
        return true;
    }
    if value.contains(['*', '?', '[']) {
        return false;
    }
    let name = basename(value);
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => {
            PLAIN_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&AddInsteadOfCopy)
            .pass([
                "FROM a\nADD https://example.com/x.sh /x\n",
                "FROM a\nADD git@github.com:moby/buildkit.git /src\n",
                "FROM a\nADD rootfs.tar.gz /\n",
                "FROM a\nADD [\"a.tgz\", \"b.tar.xz\", \"/x/\"]\n",
                "FROM a\nADD $SRC /x\n",
                "FROM a\nARG URL=https://example.com/f\nADD ${URL} /f\n",
                "FROM a\nCOPY x /x\n",
                "FROM a\nONBUILD ADD x /x\n",
                "FROM a\nADD --unpack=false c.tar.gz /x\n",
            ])
            .fail([
                "FROM a\nADD x.txt /x\n",
                "FROM a\nADD . /app\n",
                "FROM a\nADD [\"x y.sh\", \"/x\"]\n",
                "FROM a\nARG F=conf.ini\nADD $F /etc/\n",
                "FROM a\nADD a.tar b.txt /x/\n",
                "FROM a\nADD --chown=1:1 rootfs /\n",
                "FROM a\nADD <<EOF /x\nhi\nEOF\n",
            ])
            .fix([
                ("FROM a\nADD x.txt /x\n", "FROM a\nCOPY x.txt /x\n"),
                (
                    "FROM a\nadd --chmod=755 . /app\n",
                    "FROM a\ncopy --chmod=755 . /app\n",
                ),
                ("FROM a\nADD rootfs /\n", "FROM a\nCOPY rootfs /\n"),
                (
                    "FROM a\nADD a.tar b.txt /x/\n",
                    "FROM a\nADD a.tar b.txt /x/\n",
                ),
            ])
            .test();
    }

    #[test]
    fn safety() {
        let m = crate::model::Model::new("FROM a\nADD x.py . rootfs *.conf <<EOF /x/\nEOF\n");
        let (s, _) = copy_paths(&m, 1, &m.file.instructions[1]).unwrap();
        let safe: Vec<bool> = s.iter().map(certainly_not_archive).collect();
        assert_eq!(safe, vec![true, true, false, false, true]);
    }
}
