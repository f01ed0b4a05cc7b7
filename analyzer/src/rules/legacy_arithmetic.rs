use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::shell::expansions::{LegacyArith, legacy_arithmetic};
use crate::shell::visit::SimpleCommandRef;
use crate::shell::{Scope, Visitor, Word};
use crate::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Flags `$[expr]`, the legacy form of arithmetic expansion:
    /// `echo $[1 + 2]`, `jobs=$[$(nproc) * 2]`, in every `RUN` script (also
    /// inside `"…"`, heredoc scripts and `sh -c` strings).
    ///
    /// ## Why is this bad?
    /// `$[…]` is an undocumented leftover that bash still accepts but has
    /// deprecated; POSIX shells never had it. Under the default `/bin/sh`
    /// (dash on Debian and Ubuntu) it is not arithmetic at all: `make
    /// -j$[$(nproc) + 1]` passes the text `-j$[4 + 1]` to `make`. `$((…))`
    /// means the same in every shell.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN make -j$[$(nproc) + 1]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN make -j$(($(nproc) + 1))
    /// ```
    ///
    /// ## Fix safety
    /// Under bash the fix (`$[…]` to `$((…))`) is safe: both forms compute
    /// the same value. Under a POSIX shell it is unsafe: the script then
    /// computes the number where it used to pass the literal text, which is
    /// surely what was meant but changes what the build does.
    ///
    /// ## Differences from ShellCheck
    /// One rule stands for ShellCheck's two codes: `SC2007` (the deprecated
    /// form, style) and `SC3007` (undefined in POSIX sh, warning), an alias.
    /// It is a warning in every shell: in a Dockerfile the default shell is
    /// POSIX sh, where the construct does not compute anything.
    pub LegacyArithmetic {
        code: "SC2007",
        name: "legacy-arithmetic",
        aliases: ["SC3007"],
        severity: Warning,
        category: Shell,
        default: true,
        fix: Always,
    }
}

struct Collect<'s> {
    found: Vec<LegacyArith>,
    src: &'s str,
}

impl<'a> Visitor<'a> for Collect<'_> {
    /// Every word alone (redirect targets, here-documents, `for` items…).
    fn word(&mut self, word: &'a Word, _scope: Scope<'a>) {
        if word.span.slice(self.src).contains("$[") {
            self.found.extend(legacy_arithmetic([word], self.src));
        }
    }

    /// A command's words in a row: `$[a + 1]` is split into several.
    fn simple_command(&mut self, command: SimpleCommandRef<'a>) {
        let c = command.command;
        if !c.span.slice(self.src).contains("$[") {
            return;
        }
        let words = c.assignments.iter().map(|a| &a.value).chain(&c.words);
        self.found.extend(legacy_arithmetic(words, self.src));
    }
}

impl Rule for LegacyArithmetic {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            if !run.text.contains("$[") {
                continue;
            }
            let mut c = Collect {
                found: Vec::new(),
                src: &run.text,
            };
            run.script.walk(&mut c);
            c.found.sort_by_key(|a| a.span.start());
            c.found.dedup();
            let posix = run.dialect.is_posix_only();
            for a in &c.found {
                let message = if posix {
                    "`$[…]` is not arithmetic in POSIX sh: the shell keeps it as text"
                } else {
                    "`$[…]` is bash's deprecated form of arithmetic expansion"
                };
                let edits = vec![
                    Edit::replace(run.file_range(a.open), "$(("),
                    Edit::replace(run.file_range(a.close), "))"),
                ];
                let title = "Write it as `$((…))`";
                let fix = if posix {
                    Fix::unsafe_(title, edits)
                } else {
                    Fix::safe(title, edits)
                };
                cx.report(run.file_range(a.span), message)
                    .with_instruction(run.instruction)
                    .with_fix(fix);
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
        Tester::new(&LegacyArithmetic)
            .pass([
                "FROM a\nRUN echo $((1 + 2))\n",
                "FROM a\nRUN echo '$[1 + 2]'\n",
                "FROM a\nRUN echo \\$[1]\n",
                "FROM a\nRUN [ \"$x\" = 1 ] && echo ${a[1]}\n",
                "FROM a\nRUN ls /dev/tty[0-9]\n",
                "FROM a\nRUN echo $[unterminated\n",
            ])
            .fail([
                "FROM a\nRUN make -j$[$(nproc) + 1]\n",
                "FROM a\nRUN echo \"total: $[a + b]\"\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN n=$[n + 1]; echo $n\n",
                "FROM a\nRUN echo $[ ${x[0]} + 1 ]\n",
                "FROM a\nRUN set -e \\\n  && echo $[1 \\\n  + 2]\n",
                "FROM a\nRUN <<EOF\necho $[2 * 3]\nEOF\n",
                "FROM a\nRUN sh -c 'echo $[2 * 3]'\n",
            ])
            .fix([
                (
                    "FROM a\nRUN make -j$[$(nproc) + 1]\n",
                    "FROM a\nRUN make -j$(($(nproc) + 1))\n",
                ),
                (
                    "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN n=$[n + 1]; echo \"$[n * 2]\"\n",
                    "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN n=$((n + 1)); echo \"$((n * 2))\"\n",
                ),
                (
                    "FROM a\nRUN set -e \\\n  && echo $[1 \\\n  + 2]\n",
                    "FROM a\nRUN set -e \\\n  && echo $((1 \\\n  + 2))\n",
                ),
                (
                    "FROM a\nRUN <<EOF\necho $[2 * 3]\nEOF\n",
                    "FROM a\nRUN <<EOF\necho $((2 * 3))\nEOF\n",
                ),
            ])
            .test();
    }
}
