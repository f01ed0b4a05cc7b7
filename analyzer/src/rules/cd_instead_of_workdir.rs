use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::commands::{Invocation, is_onbuild};
use crate::facts::insertion::insertion_point;
use crate::model::ScriptSource;
use crate::rule::{Rule, RuleMeta};
use crate::shell::{AndOrOp, Command};
use crate::{Edit, Fix, TextRange};

declare_rule! {
    /// ## What it does
    /// Flags `cd` in `RUN`, once per instruction.
    ///
    /// A `cd` inside a subshell — `(cd src && make)` — or inside a command
    /// or process substitution — `$(cd "$dir" && pwd)` — is not flagged:
    /// it changes directory for that part of the command only, which
    /// `WORKDIR` cannot express. hadolint flags those too (its issue #422).
    /// Nor is a `cd` in a script run by another shell (`sh -c 'cd /x &&
    /// make'`, `find … -exec sh -c 'cd "$1" …' _ {} \;`), for the same
    /// reason.
    ///
    /// ## Why is this bad?
    /// A `cd` lasts until the end of its `RUN`; the next instruction starts
    /// in the `WORKDIR` again, which surprises readers and breaks relative
    /// paths when instructions are reordered. `WORKDIR` says where the
    /// following instructions run, creates the directory, and is visible in
    /// the image's metadata.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22
    /// RUN cd /src && go build ./...
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.22
    /// WORKDIR /src
    /// RUN go build ./...
    /// ```
    ///
    /// ## Fix safety
    /// When the `RUN` starts with `cd <absolute path> &&` (or is only that
    /// `cd`), the fix moves the directory to a `WORKDIR` before the `RUN`. It
    /// is unsafe: the following instructions of the stage run in that
    /// directory too.
    pub CdInsteadOfWorkdir {
        code: "DL3003",
        name: "cd-instead-of-workdir",
        aliases: ["DS-0013"],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for CdInsteadOfWorkdir {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let mut last = None;
        // Subshell spans per script, computed lazily.
        let mut subshells: Option<(usize, Vec<TextRange>)> = None;
        for c in cx.invocations() {
            if c.name() != Some("cd") || last == Some(c.instruction()) {
                continue;
            }
            // Inside a substitution or a shell of its own (`sh -c 'cd /x &&
            // make'`), the directory change is contained on purpose.
            if c.cmd.scope.in_substitution() || c.run.source.is_nested() {
                continue;
            }
            if subshells.as_ref().is_none_or(|(s, _)| *s != c.script) {
                let spans = c
                    .run
                    .script
                    .commands()
                    .filter_map(|r| match r.command {
                        Command::Subshell(g) => Some(g.span),
                        _ => None,
                    })
                    .collect();
                subshells = Some((c.script, spans));
            }
            let span = c.cmd.command.span;
            if subshells
                .as_ref()
                .is_some_and(|(_, spans)| spans.iter().any(|s| s.contains_range(span)))
            {
                continue;
            }
            last = Some(c.instruction());
            let fix = workdir_fix(cx, c);
            let diagnostic = cx
                .report(
                    c.file_range(span),
                    "`cd` in `RUN` changes directory only for this instruction; use `WORKDIR`",
                )
                .with_instruction(c.instruction());
            if let Some(fix) = fix {
                diagnostic.with_fix(fix);
            }
        }
    }
}

/// `RUN cd /dir && rest` → `WORKDIR /dir` + `RUN rest`; `RUN cd /dir` →
/// `WORKDIR /dir`.
fn workdir_fix(cx: &Checker<'_>, c: &Invocation<'_>) -> Option<Fix> {
    let model = cx.model;
    let run = c.run;
    if run.source != ScriptSource::Line || is_onbuild(model, c.instruction()) {
        return None;
    }
    let inst = model.instructions().get(c.instruction())?;
    if !inst.heredocs.is_empty() || !run.script.errors.is_empty() {
        return None;
    }
    let pos = &c.cmd.position;
    let top = &run.script.body;
    // The first command of the script, alone in its pipeline.
    if c.cmd.scope.compound_depth != 0
        || c.chain.len() != 1
        || !std::ptr::eq(pos.list, top)
        || pos.list_index != 0
        || pos.and_or_index != 0
        || pos.pipeline.commands.len() != 1
        || !c.cmd.command.assignments.is_empty()
        || !c.cmd.command.redirects.is_empty()
    {
        return None;
    }
    let [dir] = c.literal_args() else {
        return None;
    };
    let dir = dir.known()?;
    if !dir.starts_with('/') || dir.contains(['$', '\n', '\\']) || !run.script.comments.is_empty() {
        return None;
    }
    let (at, indent) = insertion_point(model, c.instruction())?;
    let workdir = format!("{indent}WORKDIR {dir}\n");
    let title = format!("Move the directory to `WORKDIR {dir}`");
    let only_item = top.items.len() == 1
        && top.items[0]
            .terminator
            .is_none_or(|t| t.kind == crate::shell::TerminatorKind::Newline);
    match pos.op_after() {
        // `RUN cd /dir` alone: the instruction becomes the WORKDIR.
        None if only_item && pos.and_or.pipelines.len() == 1 => {
            let range = TextRange::new(inst.range.start(), inst.range.end());
            Some(Fix::unsafe_(
                title,
                vec![Edit::replace(range, format!("WORKDIR {dir}"))],
            ))
        }
        Some(AndOrOp::And) => {
            // Delete from the script's start through the `&&` and the blanks
            // (and line continuations) after it.
            let next = pos.and_or.pipelines.get(1)?;
            let start = run.file_range(c.cmd.command.span).start();
            let end = run.file_range(next.span).start();
            Some(Fix::unsafe_(
                title,
                vec![
                    Edit::insert(at, workdir),
                    Edit::delete(TextRange::new(start, end)),
                ],
            ))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&CdInsteadOfWorkdir)
            .pass([
                "FROM a\nWORKDIR /src\nRUN make\n",
                "FROM a\nRUN git clone x /tmp/x && (cd /tmp/x && make) && rm -rf /tmp/x\n",
                "FROM a\nRUN DIR=$(cd \"$(dirname x)\" && pwd) && echo $DIR\n",
                "FROM a\nRUN tar -c -f - <(cd /x && ls)\n",
                "FROM a\nRUN echo cd /x\n",
                "FROM a\nRUN sh -c 'cd /x && make'\n",
                "FROM a\nCMD cd /app && ./run\n",
            ])
            .fail([
                "FROM a\nRUN cd /src && make\n",
                "FROM a\nRUN make && cd /tmp && rm -rf x\n",
                "FROM a\nRUN if [ -d x ]; then cd x; fi\n",
                "FROM a\nRUN <<EOF\ncd /x\nmake\nEOF\n",
                "FROM a\nONBUILD RUN cd /x && make\n",
                "FROM a\nRUN (cd /a && make) && cd /b && make\n",
            ])
            .fix([
                (
                    "FROM a\nRUN cd /src && make && \\\n    make install\n",
                    "FROM a\nWORKDIR /src\nRUN make && \\\n    make install\n",
                ),
                (
                    "FROM a\nRUN cd /src && \\\n  make\n",
                    "FROM a\nWORKDIR /src\nRUN make\n",
                ),
                (
                    "FROM a\n  RUN cd /app\nCMD x\n",
                    "FROM a\n  WORKDIR /app\nCMD x\n",
                ),
                (
                    "FROM a\n# hadolint ignore=DL3008\nRUN cd /x && apt-get install -y y\n",
                    "FROM a\nWORKDIR /x\n# hadolint ignore=DL3008\nRUN apt-get install -y y\n",
                ),
                (
                    "FROM a\nRUN --network=none cd /x && make\n",
                    "FROM a\nWORKDIR /x\nRUN --network=none make\n",
                ),
            ])
            .test();
    }

    #[test]
    fn no_fix_when_not_leading() {
        let config = crate::Config {
            select: Some(vec!["DL3003".to_owned()]),
            ..crate::Config::default()
        };
        for src in [
            "FROM a\nRUN make && cd /tmp && rm -rf x\n",
            "FROM a\nRUN cd x && make\n",
            "FROM a\nRUN cd /x; make\n",
            "FROM a\nRUN cd /x || exit 1\n",
            "FROM a\nRUN cd /x | true\n",
        ] {
            let analysis = crate::analyze(src, &config);
            assert_eq!(analysis.diagnostics.len(), 1, "{src}");
            assert!(analysis.diagnostics[0].fix.is_none(), "{src}");
        }
    }
}
