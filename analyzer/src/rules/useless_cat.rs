use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::script_flow::command_basename;
use crate::rule::{Rule, RuleMeta};
use crate::shell::ast::{Word, WordPart};
use crate::shell::expansions::brace_expansions;

declare_rule! {
    /// ## What it does
    /// Flags `cat` given one file and piped into another command: `cat
    /// file | grep x`. Off by default, as in ShellCheck (an optional check
    /// there). Not flagged when the operand may become several files: an
    /// unquoted `$var`, a glob (`*.txt`) or a brace expansion (`a{1,2}`),
    /// since `cat` then joins them.
    ///
    /// ## Why is this bad?
    /// The command can read the file itself (`grep x file`, `cmd < file`),
    /// without an extra process and pipe.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN cat /etc/os-release | grep VERSION_ID
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN grep VERSION_ID /etc/os-release
    /// ```
    pub UselessCat {
        code: "SC2002",
        name: "useless-cat",
        aliases: [],
        severity: Style,
        category: Shell,
        default: false,
        fix: None,
    }
}

impl Rule for UselessCat {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            let src = run.text.as_str();
            for p in run.script.pipelines() {
                let commands = &p.pipeline.commands;
                for cmd in commands.iter().take(commands.len().saturating_sub(1)) {
                    if command_basename(cmd, src).as_deref() != Some("cat") {
                        continue;
                    }
                    let Some(cat) = cmd.as_simple() else { continue };
                    let [file] = cat.args() else { continue };
                    if file.literal(src).is_some_and(|f| f.starts_with('-'))
                        || may_be_several_files(file, src)
                    {
                        continue;
                    }
                    cx.report(
                        run.file_range(cat.span),
                        "`cat` of one file into a pipe: the next command can read the file itself",
                    )
                    .with_instruction(run.instruction);
                }
            }
        }
    }
}

/// The operand may expand to several words: an unquoted parameter
/// expansion, an unquoted glob character, a brace expansion.
fn may_be_several_files(word: &Word, src: &str) -> bool {
    word.parts.iter().any(|p| match p {
        WordPart::Param(_) => true,
        WordPart::Literal(r) => r.slice(src).contains(['*', '?', '[']),
        _ => false,
    }) || !brace_expansions(word, src).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&UselessCat)
            .pass([
                "FROM a\nRUN grep x /etc/f\n",
                "FROM a\nRUN cat a b | grep x\n",
                "FROM a\nRUN cat - | grep x\n",
                "FROM a\nRUN cat /etc/f\n",
                "FROM a\nRUN x | cat /f\n",
                "FROM a\nRUN cat /m/$module/deps | xargs\n",
                "FROM a\nRUN echo \"$(cat app-$v.sha512| tr A-F a-f)  app\" | sha512sum -c -\n",
                "FROM a\nRUN cat *.txt | wc -l\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN cat /etc/{a,b} | wc -l\n",
            ])
            .fail([
                "FROM a\nRUN cat /etc/os-release | grep VERSION_ID\n",
                "FROM a\nRUN cat \"$F\" \\\n  | sha256sum -c -\n",
                "FROM a\nRUN cat \"/m/$module/deps\" | xargs\n",
            ])
            .test();
    }
}
