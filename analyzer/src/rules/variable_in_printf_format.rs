use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::shell::expansions::text_of;
use crate::shell::{Word, WordPart};

declare_rule! {
    /// ## What it does
    /// Flags a `printf` whose format (its first operand, after `-v NAME`
    /// and `--`) holds a variable or command substitution and no `%`
    /// directive of its own: `printf "$msg"`, `printf "Version $v\n"`.
    ///
    /// ## Why is this bad?
    /// The value becomes part of the format: a `%` or a backslash in it is
    /// read as a directive or an escape (`printf "$url"` with `%20` in the
    /// URL prints garbage), and a value starting with `-` is an option.
    /// Keep the format literal and pass values as arguments.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// ARG GREETING="Hello"
    /// RUN printf "$GREETING\n" > /etc/motd
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// ARG GREETING="Hello"
    /// RUN printf '%s\n' "$GREETING" > /etc/motd
    /// ```
    pub VariableInPrintfFormat {
        code: "SC2059",
        name: "variable-in-printf-format",
        aliases: [],
        severity: Info,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for VariableInPrintfFormat {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        // The simple commands of every script, as the command layer lists
        // them (shared with the other command rules).
        for inv in cx.invocations() {
            let run = inv.run;
            let src = run.text.as_str();
            {
                let c = &inv.cmd;
                let cmd = c.command;
                if cmd.name(src).as_deref() != Some("printf") {
                    continue;
                }
                let args = cmd.args();
                let mut k = 0;
                while let Some(lit) = args.get(k).and_then(|w| w.literal(src)) {
                    match lit.as_ref() {
                        "-v" => k += 2,
                        "--" => {
                            k += 1;
                            break;
                        }
                        l if l.starts_with("-v") && l.len() > 2 => k += 1,
                        _ => break,
                    }
                }
                let Some(format) = args.get(k) else { continue };
                if !has_expansion(format) || literal_has_percent(format, src) {
                    continue;
                }
                cx.report(
                    run.file_range(format.span),
                    format!(
                        "The `printf` format `{}` holds a variable: a `%` or `\\` in its value is read as a directive",
                        text_of(format.span, src)
                    ),
                );
            }
        }
    }
}

/// A parameter expansion or command substitution, quoted or not.
fn has_expansion(w: &Word) -> bool {
    fn parts(ps: &[WordPart]) -> bool {
        ps.iter().any(|p| match p {
            WordPart::Param(_) | WordPart::CommandSubst(_) => true,
            WordPart::DoubleQuoted(d) => parts(&d.parts),
            _ => false,
        })
    }
    parts(&w.parts)
}

/// The literal text of the word has a `%`.
fn literal_has_percent(w: &Word, src: &str) -> bool {
    fn parts(ps: &[WordPart], src: &str) -> bool {
        ps.iter().any(|p| match p {
            WordPart::Literal(r) | WordPart::SingleQuoted(r) | WordPart::Escaped(r) => {
                r.slice(src).contains('%')
            }
            WordPart::DoubleQuoted(d) => parts(&d.parts, src),
            _ => false,
        })
    }
    parts(&w.parts, src)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&VariableInPrintfFormat)
            .pass([
                "FROM a\nRUN printf '%s\\n' \"$x\"\n",
                "FROM a\nRUN printf \"%s $x\\n\" a\n",
                "FROM a\nRUN printf 'a' \"$x\"\n",
                "FROM a\nRUN printf \"%${w}s\" a\n",
                "FROM a\nRUN echo \"$x\"\n",
            ])
            .fail([
                "FROM a\nRUN printf \"$x\"\n",
                "FROM a\nRUN printf \"Hello $name\\n\" > /etc/motd\n",
                "FROM a\nRUN printf -v y \"$x\" && printf -- \"$(date)\" && printf $1\n",
                "FROM a\nRUN <<EOF\nprintf \"$msg\"\nEOF\n",
            ])
            .test();
    }
}
