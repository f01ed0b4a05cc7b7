use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::script_flow::simple_basename;
use crate::rule::{Rule, RuleMeta};
use crate::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Flags `find` given no starting path: `find -name '*.pyc' -delete`,
    /// a bare `find`. (The options `-H`, `-L`, `-P`, `-D …` and `-O…` may
    /// come first.)
    ///
    /// ## Why is this bad?
    /// GNU and BusyBox `find` search the current directory when no path is
    /// given, but POSIX requires one and BSD / macOS `find` fail without
    /// it. With `.` written out, the command says where it searches and
    /// runs everywhere.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN find -name '*.pyc' -delete
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN find . -name '*.pyc' -delete
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts `.` as the path. It is safe: it is the path GNU and
    /// BusyBox `find` use when none is given.
    pub FindWithoutPath {
        code: "SC2185",
        name: "find-without-path",
        aliases: [],
        severity: Info,
        category: Shell,
        default: true,
        fix: Always,
    }
}

impl Rule for FindWithoutPath {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            let src = run.text.as_str();
            for c in run.script.simple_commands() {
                let cmd = c.command;
                if simple_basename(cmd, src).as_deref() != Some("find") {
                    continue;
                }
                let args = cmd.args();
                let mut k = 0;
                while let Some(v) = args.get(k).and_then(|w| w.literal(src)) {
                    match v.as_ref() {
                        "-H" | "-L" | "-P" => k += 1,
                        "-D" => k += 2,
                        o if o.starts_with("-O") => k += 1,
                        _ => break,
                    }
                }
                let needs_path = match args.get(k) {
                    None => k == args.len(),
                    Some(w) => w
                        .literal(src)
                        .is_some_and(|v| v.starts_with('-') && v != "-"),
                };
                if !needs_path {
                    continue;
                }
                let Some(name) = cmd.name_word() else {
                    continue;
                };
                let fix = match args.get(k) {
                    Some(w) => Edit::insert(run.file_range(w.span).start(), ". "),
                    None => {
                        let end = args.last().map_or(name.span, |w| w.span);
                        Edit::insert(run.file_range(end).end(), " .")
                    }
                };
                cx.report(
                    run.file_range(name.span),
                    "`find` without a starting path: some `find`s require one",
                )
                .with_instruction(run.instruction)
                .with_fix(Fix::safe("Search `.` explicitly", vec![fix]));
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
        Tester::new(&FindWithoutPath)
            .pass([
                "FROM a\nRUN find . -name x\n",
                "FROM a\nRUN find -L /x -name y\n",
                "FROM a\nRUN find \"$D\" -type f\n",
                "FROM a\nRUN find ! -name x\n",
                "FROM a\nRUN find \\( -name x \\)\n",
            ])
            .fail([
                "FROM a\nRUN find -name '*.pyc' -delete\n",
                "FROM a\nRUN find\n",
                "FROM a\nRUN find -L -type l\n",
                "FROM a\nRUN cd /x && find -type f | wc -l\n",
            ])
            .fix([
                (
                    "FROM a\nRUN find -name '*.pyc' -delete\n",
                    "FROM a\nRUN find . -name '*.pyc' -delete\n",
                ),
                ("FROM a\nRUN find | wc -l\n", "FROM a\nRUN find . | wc -l\n"),
                ("FROM a\nRUN find -L\n", "FROM a\nRUN find -L .\n"),
                (
                    "FROM a\nRUN cd /x && find \\\n   -type f -delete\n",
                    "FROM a\nRUN cd /x && find \\\n   . -type f -delete\n",
                ),
            ])
            .test();
    }
}
