use crate::TextRange;
use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::script_flow::simple_basename;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a run of blanks at least four columns wide (tabs count to the
    /// next multiple of eight) between two arguments of `echo`, on one
    /// line: `echo %sudo<TAB>ALL=(ALL) NOPASSWD: ALL >> /etc/sudoers`.
    /// Blanks around a redirection and the indentation after a line
    /// continuation are not flagged.
    ///
    /// ## Why is this bad?
    /// Unquoted blanks only separate arguments: `echo` prints its
    /// arguments joined by single spaces, so the tab or the aligned columns
    /// are lost in the file written. Quoting keeps them.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN echo app    ALL=NOPASSWD: ALL >> /etc/sudoers
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN echo 'app    ALL=NOPASSWD: ALL' >> /etc/sudoers
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// hadolint joins a `RUN`'s continuation lines before ShellCheck sees
    /// them, so the indentation of a continued line becomes a long gap and
    /// is reported; dockward does not report it (the shell only sees one
    /// separator there, as intended).
    pub EchoRepeatedBlanks {
        code: "SC2291",
        name: "echo-repeated-blanks",
        aliases: [],
        severity: Style,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for EchoRepeatedBlanks {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            let src = run.text.as_str();
            // The last position whose display column is known.
            let mut cursor: Option<(usize, usize)> = None;
            for c in run.script.simple_commands() {
                let cmd = c.command;
                if simple_basename(cmd, src).as_deref() != Some("echo") {
                    continue;
                }
                // Display column at `pos`, advanced monotonically (tabs to
                // the next multiple of eight), so a long line costs once.
                let args = cmd.args();
                let wide = args.windows(2).any(|p| {
                    src.get(p[0].span.end()..p[1].span.start())
                        .is_some_and(|g| g.len() >= 4 || g.contains('\t'))
                });
                if !wide {
                    continue;
                }
                let start = cmd.span.start();
                let (mut pos, mut col) = match cursor {
                    Some((p, c)) if p <= start => (p, c),
                    _ => {
                        let line_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
                        (line_start, 0)
                    }
                };
                for pair in args.windows(2) {
                    let (a, b) = (pair[0].span.end(), pair[1].span.start());
                    let Some(gap) = src.get(a..b) else { continue };
                    let advance = |from: usize, to: usize, mut col: usize| {
                        for ch in src.get(from..to).unwrap_or("").chars() {
                            col = match ch {
                                '\t' => (col / 8 + 1) * 8,
                                '\n' => 0,
                                _ => col + 1,
                            };
                        }
                        col
                    };
                    let at_a = advance(pos, a, col);
                    let at_b = advance(a, b, at_a);
                    (pos, col) = (b, at_b);
                    cursor = Some((pos, col));
                    if gap.contains(['\n', '\\']) || gap.is_empty() {
                        continue;
                    }
                    if at_b - at_a < 4 {
                        continue;
                    }
                    // A redirection between the two (in source order).
                    let k = cmd.redirects.partition_point(|r| r.span.start() < a);
                    if cmd.redirects.get(k).is_some_and(|r| r.span.end() <= b) {
                        continue;
                    }
                    cx.report(
                        run.file_range(TextRange::new(a, b)),
                        "Unquoted blanks between `echo` arguments collapse into one space",
                    )
                    .with_instruction(run.instruction);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&EchoRepeatedBlanks)
            .pass([
                "FROM a\nRUN echo a   b\n",
                "FROM a\nRUN echo 'a    b'\n",
                "FROM a\nRUN echo a \\\n        b\n",
                "FROM a\nRUN echo a    > f\n",
                "FROM a\nRUN printf a    b\n",
            ])
            .fail([
                "FROM a\nRUN echo app    ALL=NOPASSWD: ALL >> /etc/sudoers\n",
                "FROM a\nRUN echo %sudo\tALL=NOPASSWD: ALL >> /etc/sudoers\n",
                "FROM a\nRUN <<EOF\necho a      b\nEOF\n",
            ])
            .test();
    }
}
