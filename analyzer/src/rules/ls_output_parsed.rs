use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::script_flow::{command_name, leading_short_flags};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `ls` whose output is piped into another command (other than
    /// `grep` and `xargs`, which have their own checks: SC2010 and SC2011).
    /// `ls -N` is exempt. A pipeline where `ls` feeds `grep` or `xargs` is
    /// not reported here.
    ///
    /// As in ShellCheck, `ls` is recognised by the name as written: a
    /// path such as `/bin/ls` is not.
    ///
    /// ## Why is this bad?
    /// `ls` is made for people to read: it may escape, quote or mangle
    /// unusual names, and its columns are not a stable format. A script
    /// reading it breaks on names with blanks or newlines.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN ls /opt/app/lib | wc -l
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN find /opt/app/lib -mindepth 1 -maxdepth 1 | wc -l
    /// ```
    pub LsOutputParsed {
        code: "SC2012",
        name: "ls-output-parsed",
        aliases: [],
        severity: Info,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for LsOutputParsed {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            let src = run.text.as_str();
            for p in run.script.pipelines() {
                let names: Vec<_> = p
                    .pipeline
                    .commands
                    .iter()
                    .map(|c| command_name(c, src))
                    .collect();
                let has_pair = |next: &str| {
                    names
                        .windows(2)
                        .any(|w| w[0].as_deref() == Some("ls") && w[1].as_deref() == Some(next))
                };
                if has_pair("grep") || has_pair("xargs") {
                    continue;
                }
                for (k, cmd) in p.pipeline.commands.iter().enumerate() {
                    if names[k].as_deref() != Some("ls") || k + 1 == names.len() {
                        continue;
                    }
                    let Some(ls) = cmd.as_simple() else { continue };
                    let (flags, _) = leading_short_flags(ls.args(), src, "IwT");
                    if flags.contains('N') {
                        continue;
                    }
                    cx.report(
                        run.file_range(ls.span),
                        "`ls` output is piped into a command that parses it",
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
        Tester::new(&LsOutputParsed)
            .pass([
                "FROM a\nRUN ls -la /opt\n",
                "FROM a\nRUN ls /opt | grep x\n",
                "FROM a\nRUN ls /opt | xargs rm\n",
                "FROM a\nRUN ls -N /opt | wc -l\n",
                "FROM a\nRUN echo | ls\n",
            ])
            .fail([
                "FROM a\nRUN ls /opt/app/lib | wc -l\n",
                "FROM a\nRUN VERSION=$(ls /opt | head -n1)\n",
                "FROM a\nRUN ls -1 /x \\\n  | sort -V | tail -1\n",
                "FROM a\nRUN <<EOF\nls | while read f; do echo $f; done\nEOF\n",
            ])
            .test();
    }
}
