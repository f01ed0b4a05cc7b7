use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::script_flow::{leading_short_flags, simple_basename};
use crate::rule::{Rule, RuleMeta};
use crate::shell::{WordPart, strip_continuations};

declare_rule! {
    /// ## What it does
    /// Flags `echo` (without `-e`) given an argument whose text holds a
    /// backslash escape: `\n`, `\t`, `\r`, `\a`, `\b`, `\e`, `\f`, `\v`,
    /// `\\`, `\0…` or `\x…`, after quote removal.
    ///
    /// ## Why is this bad?
    /// Whether `echo` expands escapes depends on the shell: dash (Debian's
    /// and Ubuntu's `/bin/sh`) and BusyBox expand them, bash does not
    /// unless given `-e`. The same `RUN echo "a\nb" > f` writes two lines
    /// or one depending on the base image or `SHELL`. `printf` behaves the
    /// same everywhere.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN echo "[global]\nindex-url = https://pypi.example.com" > /etc/pip.conf
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN printf '[global]\nindex-url = https://pypi.example.com\n' > /etc/pip.conf
    /// ```
    pub EchoBackslashEscapes {
        code: "SC2028",
        name: "echo-backslash-escapes",
        aliases: [],
        severity: Info,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for EchoBackslashEscapes {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            let src = run.text.as_str();
            for c in run.script.simple_commands() {
                let cmd = c.command;
                if simple_basename(cmd, src).as_deref() != Some("echo") {
                    continue;
                }
                let (flags, first) = leading_short_flags(cmd.args(), src, "");
                if flags.contains('e') {
                    continue;
                }
                for w in &cmd.args()[first..] {
                    let mut value = String::new();
                    literal_text(&w.parts, src, &mut value);
                    if has_escape(&value) {
                        cx.report(
                            run.file_range(w.span),
                            "`echo` may or may not expand these backslash escapes, depending on the shell",
                        )
                        .with_instruction(run.instruction);
                        break;
                    }
                }
            }
        }
    }
}

/// The word's literal text after quote removal, with a NUL for each
/// expansion.
fn literal_text(parts: &[WordPart], src: &str, out: &mut String) {
    for p in parts {
        match p {
            WordPart::Literal(r) => out.push_str(&strip_continuations(r.slice(src))),
            WordPart::Escaped(r) => out.push_str(r.slice(src).get(1..).unwrap_or("")),
            WordPart::SingleQuoted(r) => {
                let t = r.slice(src);
                let t = t.strip_prefix('\'').unwrap_or(t);
                out.push_str(t.strip_suffix('\'').unwrap_or(t));
            }
            WordPart::DoubleQuoted(d) => literal_text(&d.parts, src, out),
            _ => out.push('\0'),
        }
    }
}

fn has_escape(value: &str) -> bool {
    let b = value.as_bytes();
    b.windows(2).any(|w| {
        w[0] == b'\\'
            && matches!(
                w[1],
                b'a' | b'b' | b'e' | b'f' | b'n' | b'r' | b't' | b'v' | b'\\' | b'0' | b'x'
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&EchoBackslashEscapes)
            .pass([
                "FROM a\nRUN echo -e \"a\\nb\"\n",
                "FROM a\nRUN echo \"x\\\\y\"\n",
                "FROM a\nRUN printf 'a\\nb'\n",
                "FROM a\nRUN echo \"a\\cb\"\n",
                "FROM a\nRUN echo a\\nb\n",
            ])
            .fail([
                "FROM a\nRUN echo \"[global]\\nindex-url = x\" > /etc/pip.conf\n",
                "FROM a\nRUN echo 'a\\tb'\n",
                "FROM a\nRUN echo a\\\\nb\n",
                "FROM a\nRUN echo -n \"\\033[1m$X\\n\"\n",
                "FROM a\nRUN echo \"a\\\\\\\\b\"\n",
            ])
            .test();
    }
}
