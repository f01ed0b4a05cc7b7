use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::shell::expansions::text_of;
use crate::shell::{Command, Word, WordPart};

declare_rule! {
    /// ## What it does
    /// Flags a unary test in `[ ]` or `[[ ]]` (`-f`, `-e`, `-d`, `-n`…)
    /// whose operand is an unquoted glob: `[ -f /etc/ssl/*.pem ]`.
    ///
    /// ## Why is this bad?
    /// In `[ ]` the glob expands first: with no match the test sees the
    /// pattern itself and is false, with two matches `[` gets too many
    /// arguments and fails with an error. In `[[ ]]` the glob does not
    /// expand at all, so the test looks for a file named `*.pem`. To test
    /// for "any match", loop over the glob or use `compgen`/`find`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN if [ -f /tmp/certs/*.pem ]; then cp /tmp/certs/*.pem /usr/local/share/ca-certificates/; fi
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN for f in /tmp/certs/*.pem; do [ -f "$f" ] && cp "$f" /usr/local/share/ca-certificates/; done
    /// ```
    pub FileTestOnGlob {
        code: "SC2144",
        name: "file-test-on-glob",
        aliases: [],
        severity: Error,
        category: Shell,
        default: true,
        fix: None,
    }
}

/// Unary test operators.
const UNARY: &[&str] = &[
    "-a", "-b", "-c", "-d", "-e", "-f", "-g", "-h", "-k", "-p", "-r", "-s", "-t", "-u", "-w", "-x",
    "-G", "-L", "-N", "-O", "-S", "-n", "-z",
];

impl Rule for FileTestOnGlob {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        for run in &model.scripts {
            let src = run.text.as_str();
            for c in run.script.commands() {
                let words: &[Word] = match c.command {
                    Command::Simple(s) if s.name(src).as_deref() == Some("[") => s.args(),
                    Command::Test(t) => &t.words,
                    _ => continue,
                };
                for pair in words.windows(2) {
                    let Some(op) = pair[0].literal(src) else {
                        continue;
                    };
                    if !UNARY.contains(&op.as_ref()) || !is_glob(&pair[1], src) {
                        continue;
                    }
                    cx.report(
                        run.file_range(pair[1].span),
                        format!(
                            "`{op}` tests a single file, but the glob `{}` can match none or several",
                            text_of(pair[1].span, src)
                        ),
                    );
                }
            }
        }
    }
}

/// An unquoted `*` or `?` in the word.
fn is_glob(w: &Word, src: &str) -> bool {
    w.parts.iter().any(|p| match p {
        WordPart::Literal(r) => r.slice(src).contains(['*', '?']),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&FileTestOnGlob)
            .pass([
                "FROM a\nRUN [ -f \"*.txt\" ] || [ a = *.txt ] || [ -f x ]\n",
                "FROM a\nRUN for f in *.txt; do [ -f \"$f\" ]; done\n",
            ])
            .fail([
                "FROM a\nRUN [ -f *.txt ] && echo yes\n",
                "FROM a\nRUN if [ -e /x/* ]; then echo; fi\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN [[ -d /opt/app-? ]]\n",
                "FROM a\nRUN [ -n *.txt ]\n",
            ])
            .test();
    }
}
