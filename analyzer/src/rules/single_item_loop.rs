use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::shell::expansions::{brace_expansions, text_of};
use crate::shell::{Command, Word, WordPart};

declare_rule! {
    /// ## What it does
    /// Flags `for NAME in WORD` whose list is a single word that can neither
    /// split nor glob: a plain word (`for f in a`) or a double-quoted
    /// string (`for pkg in "curl git"`).
    ///
    /// ## Why is this bad?
    /// The loop runs exactly once. Usually the list was meant to be split
    /// (`"curl git"` quoted by mistake), a glob lost its `*`, or a `$` is
    /// missing before a variable name.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN for pkg in "curl git"; do apt-get install -y "$pkg"; done
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN for pkg in curl git; do apt-get install -y "$pkg"; done
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// None: a single-quoted word (`for x in 'a'`) is taken as deliberate,
    /// as ShellCheck does.
    pub SingleItemLoop {
        code: "SC2043",
        name: "single-item-loop",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for SingleItemLoop {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        for run in &model.scripts {
            let src = run.text.as_str();
            for c in run.script.commands() {
                let Command::For(f) = c.command else { continue };
                let Some([item]) = f.items.as_deref() else {
                    continue;
                };
                if !runs_once(item, src) {
                    continue;
                }
                cx.report(
                    run.file_range(item.span),
                    format!(
                        "This loop runs exactly once: its list is the single word `{}`",
                        text_of(item.span, src)
                    ),
                );
            }
        }
    }
}

/// The word cannot split or glob, and is not single-quoted.
fn runs_once(w: &Word, src: &str) -> bool {
    let plain = w.parts.iter().all(|p| match p {
        WordPart::Literal(r) => !r.slice(src).contains(['*', '?', '[']),
        WordPart::Escaped(_) => true,
        WordPart::DoubleQuoted(d) => d
            .parts
            .iter()
            .all(|q| matches!(q, WordPart::Literal(_) | WordPart::Escaped(_))),
        _ => false,
    });
    plain && !w.parts.is_empty() && brace_expansions(w, src).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&SingleItemLoop)
            .pass([
                "FROM a\nRUN for x in a b; do echo $x; done\n",
                "FROM a\nRUN for x in $list; do echo $x; done\n",
                "FROM a\nRUN for x in *.txt; do echo $x; done\n",
                "FROM a\nRUN for x in {a,b}; do echo $x; done\n",
                "FROM a\nRUN for x in 'a'; do echo $x; done\n",
                "FROM a\nRUN for x in \"$l\"; do echo $x; done\n",
                "FROM a\nRUN for x; do echo $x; done\n",
                "FROM a\nRUN for x in $(ls); do echo $x; done\n",
            ])
            .fail([
                "FROM a\nRUN for x in a; do echo $x; done\n",
                "FROM a\nRUN for pkg in \"curl git\"; do apt-get install -y \"$pkg\"; done\n",
                "FROM a\nRUN for d in /usr/lib; do ls $d; done\n",
                "FROM a\nRUN <<EOF\nfor x in ~; do echo $x; done\nEOF\n",
            ])
            .test();
    }
}
