use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::shell::{Command, RedirectOp, RedirectTarget, Word, WordPart};

declare_rule! {
    /// ## What it does
    /// Flags a pipeline (a single command included) that writes a file
    /// with `>` / `>>` while one of its commands names the same file as an
    /// argument or reads it with `<`: `cat f | sed s/a/b/ > f`, `sort f >
    /// f`. Files under `/dev/` are not flagged.
    ///
    /// ## Why is this bad?
    /// The shell opens (and with `>` truncates) the output file before the
    /// commands run, so they read an empty file, and the content is lost;
    /// with `>>` a command may read its own output forever. Write to a
    /// temporary file and move it, or use the tool's in-place option.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN sort -u /etc/app/hosts > /etc/app/hosts
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN sort -u -o /etc/app/hosts /etc/app/hosts
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// Like ShellCheck, only unquoted plain words are compared (`cat "f" |
    /// sed … > f` is not flagged), and any argument equal to the output
    /// file counts, even for commands that do not read files (`echo x >
    /// x`).
    pub SameFileReadAndWritten {
        code: "SC2094",
        name: "same-file-read-and-written",
        aliases: [],
        severity: Info,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for SameFileReadAndWritten {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            let src = run.text.as_str();
            for p in run.script.pipelines() {
                let mut inputs = Vec::new();
                let mut outputs = Vec::new();
                for cmd in &p.pipeline.commands {
                    if let Command::Simple(s) = cmd {
                        for w in s.args().iter().filter(|w| unquoted_literal(w)) {
                            if let Some(v) = w.literal(src) {
                                inputs.push((v, w.span));
                            }
                        }
                    }
                    for r in cmd.redirects() {
                        let RedirectTarget::Word(w) = &r.target else {
                            continue;
                        };
                        if !unquoted_literal(w) {
                            continue;
                        }
                        let Some(v) = w.literal(src) else { continue };
                        if v.starts_with("/dev/") || v.is_empty() {
                            continue;
                        }
                        match r.op {
                            RedirectOp::Read => inputs.push((v, w.span)),
                            RedirectOp::Write | RedirectOp::Append | RedirectOp::Clobber => {
                                outputs.push((v, w.span));
                            }
                            _ => {}
                        }
                    }
                }
                if outputs.is_empty() {
                    continue;
                }
                let mut first_read = std::collections::HashMap::new();
                for (v, span) in &inputs {
                    first_read.entry(v.as_ref()).or_insert(*span);
                }
                for (out, span) in &outputs {
                    let Some(read) = first_read.get(out.as_ref()) else {
                        continue;
                    };
                    cx.report(
                        run.file_range(*span),
                        format!("`{out}` is written by the pipeline that reads it"),
                    )
                    .with_instruction(run.instruction)
                    .with_related(run.file_range(*read), "read here");
                }
            }
        }
    }
}

/// Plain unquoted text (`f`, not `"f"` or `$f`).
fn unquoted_literal(w: &Word) -> bool {
    w.parts.iter().all(|p| matches!(p, WordPart::Literal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&SameFileReadAndWritten)
            .pass([
                "FROM a\nRUN sort -u f > g\n",
                "FROM a\nRUN cat f | tee f\n",
                "FROM a\nRUN cat /dev/null | x > /dev/null\n",
                "FROM a\nRUN sed s/a/b/ f > f.new && mv f.new f\n",
                "FROM a\nRUN echo \"parent-one\" > parent-one\n",
            ])
            .fail([
                "FROM a\nRUN cat f | sed s/a/b/ > f\n",
                "FROM a\nRUN sort -u /etc/hosts > /etc/hosts\n",
                "FROM a\nRUN sed s/a/b/ < f > f\n",
                "FROM a\nRUN cat a | b >> a\n",
            ])
            .test();
    }
}
