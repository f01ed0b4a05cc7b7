use crate::checker::Checker;
use crate::declare_rule;
use crate::model::{Model, ShellApplicability};
use crate::rule::{Rule, RuleMeta};
use crate::syntax::{Args, Keyword, Span};
use crate::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Flags `CMD`, `ENTRYPOINT` and `HEALTHCHECK CMD` written in shell form
    /// (`CMD node server.js`) rather than exec form
    /// (`CMD ["node", "server.js"]`).
    ///
    /// ## Why is this bad?
    /// In shell form the command runs as `/bin/sh -c "…"`: the shell is
    /// process 1, so `docker stop`'s SIGTERM goes to the shell and not to the
    /// program, which is killed after the timeout instead of shutting down
    /// cleanly. A shell-form `ENTRYPOINT` also ignores `CMD` and `docker run`
    /// arguments.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20
    /// CMD node server.js
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:20
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// ## Fix safety
    /// The fix rewrites the command in exec form when that is exact: plain
    /// words without quotes, variables, globs, redirections or other shell
    /// syntax, a first word that is a program rather than a shell builtin,
    /// a POSIX shell, and no `ENTRYPOINT`/`CMD` pairing whose meaning would
    /// change (a `CMD` under an `ENTRYPOINT`, an `ENTRYPOINT` with a `CMD` in
    /// its stage). It is unsafe: the program becomes process 1 and receives
    /// signals itself, which is the point, but changes how it runs.
    pub ShellFormCommand {
        code: "DL3025",
        name: "shell-form-command",
        aliases: ["JSONArgsRecommended"],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for ShellFormCommand {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        for (i, inst) in model.instructions().iter().enumerate() {
            let span = match (&inst.keyword, &inst.args) {
                (Keyword::Cmd | Keyword::Entrypoint, Args::Text(span)) => *span,
                (Keyword::Healthcheck, Args::Healthcheck { command, .. }) => match **command {
                    Args::Text(span) => span,
                    _ => continue,
                },
                _ => continue,
            };
            let what = match inst.keyword {
                Keyword::Healthcheck => "HEALTHCHECK CMD",
                k => k.as_str(),
            };
            let fix = exec_form(model, i, span).map(|json| {
                Fix::unsafe_(
                    "Convert to exec (JSON array) form",
                    vec![Edit::replace(span.range, json)],
                )
            });
            let d = cx.report(
                span.range,
                format!("{what} uses the shell form; the exec (JSON array) form is recommended"),
            );
            if let Some(fix) = fix {
                d.with_fix(fix);
            }
        }
    }
}

/// The exec form of instruction `index`'s shell-form command `span`, when
/// the conversion is exact.
fn exec_form(model: &Model, index: usize, span: Span) -> Option<String> {
    let inst = &model.file.instructions[index];
    let src = model.src();
    if model.shell_applicability(index) != ShellApplicability::Posix
        || span.range.slice(src).contains('#')
    {
        return None;
    }
    let stage = model.stage_of(index)?;
    match inst.keyword {
        Keyword::Cmd if stage.entrypoint.is_some() => return None,
        Keyword::Entrypoint
            if stage
                .instructions
                .clone()
                .any(|j| model.file.instructions[j].keyword == Keyword::Cmd) =>
        {
            return None;
        }
        _ => {}
    }
    let text = span.text(inst, src);
    let words: Vec<&str> = text.split_ascii_whitespace().collect();
    let first = *words.first()?;
    if SHELL_BUILTINS.contains(&first) || first.contains('=') {
        return None;
    }
    let plain = |w: &str| {
        w.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b'-' | b'_' | b'.' | b'/' | b':' | b'=' | b'@' | b'%' | b'+' | b','
                )
        })
    };
    if !words.iter().all(|w| plain(w)) {
        return None;
    }
    let items: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
    Some(format!("[{}]", items.join(", ")))
}

/// Words that are shell builtins or keywords (no program of that name, or
/// one that behaves differently).
const SHELL_BUILTINS: &[&str] = &[
    ".", ":", "[", "[[", "!", "{", "}", "alias", "bg", "break", "case", "cd", "command",
    "continue", "declare", "do", "done", "echo", "elif", "else", "esac", "eval", "exec", "exit",
    "export", "false", "fc", "fg", "fi", "for", "function", "getopts", "hash", "if", "jobs", "let",
    "local", "printf", "pwd", "read", "readonly", "return", "select", "set", "shift", "source",
    "test", "then", "time", "times", "trap", "true", "type", "typeset", "ulimit", "umask",
    "unalias", "unset", "until", "wait", "while",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&ShellFormCommand)
            .pass([
                "FROM a\nCMD [\"node\", \"server.js\"]\n",
                "FROM a\nENTRYPOINT [\"/entrypoint.sh\"]\n",
                "FROM a\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost/\"]\n",
                "FROM a\nHEALTHCHECK NONE\n",
                "FROM a\nRUN echo hi\n",
                "FROM a\nONBUILD CMD echo hi\n",
            ])
            .fail([
                "FROM a\nCMD node server.js\n",
                "FROM a\nENTRYPOINT /entrypoint.sh\n",
                "FROM a\nHEALTHCHECK --interval=5s CMD curl -f http://localhost/ || exit 1\n",
                "FROM a\nCMD echo $HOME\n",
                "FROM a\nSHELL [\"powershell\", \"-Command\"]\nCMD Write-Host hi\n",
                "FROM a\nENTRYPOINT [\"tini\", \"--\"]\nCMD nginx -g daemon\n",
            ])
            .fix([
                ("FROM a\nCMD node server.js\n", "FROM a\nCMD [\"node\", \"server.js\"]\n"),
                (
                    "FROM a\nHEALTHCHECK --interval=5s CMD curl -f http://localhost:8080/health\n",
                    "FROM a\nHEALTHCHECK --interval=5s CMD [\"curl\", \"-f\", \"http://localhost:8080/health\"]\n",
                ),
                (
                    "FROM a\nENTRYPOINT /usr/bin/tini \\\n  -- /run.sh\n",
                    "FROM a\nENTRYPOINT [\"/usr/bin/tini\", \"--\", \"/run.sh\"]\n",
                ),
                // Not exact: shell syntax, builtins, a CMD under an ENTRYPOINT.
                ("FROM a\nCMD a || b\n", "FROM a\nCMD a || b\n"),
                ("FROM a\nCMD exec nginx\n", "FROM a\nCMD exec nginx\n"),
                ("FROM a\nCMD FOO=1 run\n", "FROM a\nCMD FOO=1 run\n"),
                (
                    "FROM a\nENTRYPOINT [\"tini\"]\nCMD nginx\n",
                    "FROM a\nENTRYPOINT [\"tini\"]\nCMD nginx\n",
                ),
                (
                    "FROM a\nENTRYPOINT run\nCMD [\"x\"]\n",
                    "FROM a\nENTRYPOINT run\nCMD [\"x\"]\n",
                ),
                (
                    "FROM a\nCMD run \\\n# comment\n  now\n",
                    "FROM a\nCMD run \\\n# comment\n  now\n",
                ),
            ])
            .test();
    }
}
