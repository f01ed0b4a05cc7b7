use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::syntax::{Args, Keyword};
use crate::{Edit, Fix};

use crate::facts::workdir_state::{Workdirs, clean_absolute};

declare_rule! {
    /// ## What it does
    /// Flags a `WORKDIR` whose path is relative as written. Paths starting
    /// with a variable (`WORKDIR $HOME/app`) and Windows drive paths
    /// (`WORKDIR C:\app`) are left alone.
    ///
    /// ## Why is this bad?
    /// A relative `WORKDIR` continues from the previous working directory,
    /// which may come from the base image and change with it. An absolute
    /// path says where the files go.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20
    /// WORKDIR app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:20
    /// WORKDIR /app
    /// ```
    ///
    /// ## Fix safety
    /// When the working directory before the instruction is known from the
    /// file (an earlier absolute `WORKDIR` without variables in this stage or
    /// a stage it is built on, or the `/` of `scratch`), the fix writes the
    /// joined absolute path, which means the same thing: it is safe. When no
    /// `WORKDIR` of the file applies, the fix prefixes `/`, assuming the base
    /// image's working directory is `/`; it is unsafe. When the previous
    /// working directory holds a variable, there is no fix.
    pub RelativeWorkdir {
        code: "DL3000",
        name: "relative-workdir",
        aliases: ["WorkdirRelativePath", "DS-0009", "CKV_DOCKER_10"],
        severity: Error,
        category: Correctness,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for RelativeWorkdir {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let src = cx.src();
        let model = cx.model;
        let workdirs = Workdirs::new(model);
        for (i, inst) in model.instructions().iter().enumerate() {
            if inst.keyword != Keyword::Workdir {
                continue;
            }
            let Args::Text(span) = &inst.args else {
                continue;
            };
            let raw = span.text(inst, src);
            let path = raw.trim_matches(['"', '\'']);
            if path.is_empty()
                || path.starts_with('$')
                || path.starts_with('/')
                || is_windows_drive(path)
            {
                continue;
            }
            let written = span.range.slice(src);
            let plain = |s: &str| {
                !s.is_empty()
                    && !s.bytes().any(|b| {
                        b.is_ascii_whitespace()
                            || matches!(b, b'"' | b'\'' | b'\\' | b'`' | b'$' | b'#' | b'~')
                    })
            };
            let fix = if plain(written) {
                let previous = model.stage_of(i).map(|_| workdirs.before(i));
                match previous {
                    Some(Some(w))
                        if w.literal && w.absolute && w.path.starts_with('/') && plain(&w.path) =>
                    {
                        let joined = clean_absolute(&format!("{}/{written}", w.path));
                        Some(Fix::safe(
                            format!("Replace with `{joined}`"),
                            vec![Edit::replace(span.range, joined)],
                        ))
                    }
                    Some(Some(_)) | None => None,
                    Some(None) => Some(Fix::unsafe_(
                        format!("Replace with `/{written}` (assumes the base image works in `/`)"),
                        vec![Edit::insert(span.range.start(), "/")],
                    )),
                }
            } else {
                None
            };
            let d = cx.report(span.range, format!("WORKDIR `{path}` is a relative path"));
            if let Some(fix) = fix {
                d.with_fix(fix);
            }
        }
    }
}

/// `C:…`: hadolint's Windows drive exemption (a letter and a colon).
fn is_windows_drive(path: &str) -> bool {
    let b = path.as_bytes();
    b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':'
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&RelativeWorkdir)
            .pass([
                "FROM alpine\nWORKDIR /app\n",
                "FROM alpine\nWORKDIR \"/app\"\n",
                "FROM alpine\nWORKDIR $HOME/app\n",
                "FROM alpine\nWORKDIR ${APP_DIR}\n",
                "FROM mcr.microsoft.com/windows/servercore\nWORKDIR C:\\app\n",
                "FROM mcr.microsoft.com/windows/servercore\nWORKDIR c:/app\n",
                "FROM alpine\nWORKDIR\n",
            ])
            .fail([
                "FROM alpine\nWORKDIR app\n",
                "FROM alpine\nWORKDIR /app\nWORKDIR src\n",
                "FROM alpine\nWORKDIR \"my app\"\n",
                "FROM alpine\nWORKDIR ~/app\n",
                "FROM alpine\nARG D=/x\nWORKDIR $D\nWORKDIR src\n",
            ])
            .fix([
                ("FROM alpine\nWORKDIR app\n", "FROM alpine\nWORKDIR /app\n"),
                (
                    "FROM alpine\nWORKDIR /app/\nWORKDIR ./src\n",
                    "FROM alpine\nWORKDIR /app/\nWORKDIR /app/src\n",
                ),
                (
                    "FROM alpine AS base\nWORKDIR /srv\nFROM base\nWORKDIR www\n",
                    "FROM alpine AS base\nWORKDIR /srv\nFROM base\nWORKDIR /srv/www\n",
                ),
                (
                    "FROM scratch\nWORKDIR app\n",
                    "FROM scratch\nWORKDIR /app\n",
                ),
                (
                    "FROM alpine\nWORKDIR a\nWORKDIR b\n",
                    "FROM alpine\nWORKDIR /a\nWORKDIR /a/b\n",
                ),
            ])
            .test();
    }
}
