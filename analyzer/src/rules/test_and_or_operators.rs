use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::shell::{AndOrOp, SimpleCommandRef, Word};
use crate::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Flags `-a` and `-o` joining two tests inside `[ … ]` or `test`:
    /// `[ -n "$a" -a -f "$b" ]`, `[ "$x" = y -o "$x" = z ]`. The unary file
    /// test `[ -a file ]` is not flagged.
    ///
    /// ## Why is this bad?
    /// POSIX marks `-a` and `-o` obsolescent: with operands that look like
    /// operators (`!`, `(`, `-n`…) the expression is ambiguous and shells
    /// disagree on it. Two tests joined by the shell's `&&` / `||` are
    /// always well defined.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN if [ -f /etc/app.conf -a -d /var/lib/app ]; then app migrate; fi
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN if [ -f /etc/app.conf ] && [ -d /var/lib/app ]; then app migrate; fi
    /// ```
    ///
    /// ## Fix safety
    /// When the test has exactly one `-a` / `-o` outside parentheses and no
    /// `!`, and the command stands where `&&` / `||` bind the same way, the
    /// fix splits it: `[ a -a b ]` → `[ a ] && [ b ]`, `test a -o b` →
    /// `test a || test b`. It is safe when the operands hold no command
    /// substitution; otherwise unsafe, since the second test's words are
    /// then only expanded when needed.
    pub TestAndOrOperators {
        code: "SC2166",
        name: "test-and-or-operators",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: Sometimes,
    }
}

const UNARY: &[&str] = &[
    "-a", "-b", "-c", "-d", "-e", "-f", "-g", "-h", "-k", "-n", "-o", "-p", "-r", "-s", "-t", "-u",
    "-v", "-w", "-x", "-z", "-G", "-L", "-N", "-O", "-R", "-S",
];
const BINARY: &[&str] = &[
    "=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef", "=~",
];

/// A connective found by [`Parser`]: the argument index, `-a` or not, and
/// the parenthesis depth.
struct Connective {
    index: usize,
    and: bool,
    depth: u32,
}

/// A recursive-descent reader of `test` arguments (bounded by their count,
/// depth capped).
struct Parser<'t> {
    tokens: &'t [Option<String>],
    pos: usize,
    depth: u32,
    found: Vec<Connective>,
    bang: bool,
}

impl Parser<'_> {
    fn tok(&self, k: usize) -> Option<&str> {
        self.tokens
            .get(k)
            .map(|t| t.as_deref().unwrap_or("\u{FFFC}"))
    }

    fn or(&mut self) {
        self.and();
        while self.tok(self.pos) == Some("-o") && self.pos + 1 < self.tokens.len() {
            self.found.push(Connective {
                index: self.pos,
                and: false,
                depth: self.depth,
            });
            self.pos += 1;
            self.and();
        }
    }

    fn and(&mut self) {
        self.not();
        while self.tok(self.pos) == Some("-a") && self.pos + 1 < self.tokens.len() {
            self.found.push(Connective {
                index: self.pos,
                and: true,
                depth: self.depth,
            });
            self.pos += 1;
            self.not();
        }
    }

    fn not(&mut self) {
        let mut guard = 0;
        while self.tok(self.pos) == Some("!") && self.pos + 1 < self.tokens.len() && guard < 64 {
            self.bang = true;
            self.pos += 1;
            guard += 1;
        }
        self.primary();
    }

    fn primary(&mut self) {
        let Some(t) = self.tok(self.pos) else { return };
        if t == "(" && self.depth < 32 {
            self.pos += 1;
            self.depth += 1;
            self.or();
            self.depth -= 1;
            if self.tok(self.pos) == Some(")") {
                self.pos += 1;
            }
            return;
        }
        let next = self.tok(self.pos + 1);
        if UNARY.contains(&t) && next.is_some() && !next.is_some_and(|n| BINARY.contains(&n)) {
            self.pos += 2;
            return;
        }
        self.pos += 1;
        if self.tok(self.pos).is_some_and(|n| BINARY.contains(&n))
            && self.pos + 1 < self.tokens.len()
        {
            self.pos += 2;
        }
    }
}

impl Rule for TestAndOrOperators {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for run in &cx.model.scripts {
            let src = run.text.as_str();
            for c in run.script.simple_commands() {
                let cmd = c.command;
                let Some(name) = cmd.name(src) else { continue };
                let bracket = match name.as_ref() {
                    "[" => true,
                    "test" => false,
                    _ => continue,
                };
                let mut args = cmd.args();
                if bracket {
                    match args.split_last() {
                        Some((last, rest)) if last.text(src) == "]" => args = rest,
                        _ => continue,
                    }
                }
                let tokens: Vec<Option<String>> = args
                    .iter()
                    .map(|w| w.literal(src).map(std::borrow::Cow::into_owned))
                    .collect();
                let mut p = Parser {
                    tokens: &tokens,
                    pos: 0,
                    depth: 0,
                    found: Vec::new(),
                    bang: false,
                };
                p.or();
                let fix = match p.found.as_slice() {
                    [only] if only.depth == 0 && !p.bang => {
                        split_fix(run, &c, args, only, bracket, src)
                    }
                    _ => None,
                };
                for k in &p.found {
                    let op = if k.and { "-a" } else { "-o" };
                    let shell = if k.and { "&&" } else { "||" };
                    let d = cx
                        .report(
                            run.file_range(args[k.index].span),
                            format!(
                                "`{op}` in a test is ill-defined; join two tests with `{shell}`"
                            ),
                        )
                        .with_instruction(run.instruction);
                    if let Some(fix) = &fix {
                        d.with_fix(fix.clone());
                    }
                }
            }
        }
    }
}

fn split_fix(
    run: &crate::model::RunScript,
    c: &SimpleCommandRef<'_>,
    args: &[Word],
    k: &Connective,
    bracket: bool,
    src: &str,
) -> Option<Fix> {
    let pos = &c.position;
    let before = pos.op_before();
    let binds = if k.and {
        before != Some(AndOrOp::Or)
    } else {
        before != Some(AndOrOp::And)
    };
    if !binds
        || pos.pipeline.commands.len() != 1
        || pos.pipeline.bang.is_some()
        || !c.command.assignments.is_empty()
        || !c.command.redirects.is_empty()
        || c.command.name_word()?.text(src) != if bracket { "[" } else { "test" }
    {
        return None;
    }
    let shell = if k.and { "&&" } else { "||" };
    let text = if bracket {
        format!("] {shell} [")
    } else {
        format!("{shell} test")
    };
    let edit = Edit::replace(run.file_range(args[k.index].span), text);
    let title = format!("Split into two tests joined by `{shell}`");
    let later = &args[k.index + 1..];
    Some(if later.iter().any(Word::has_substitution) {
        Fix::unsafe_(title, vec![edit])
    } else {
        Fix::safe(title, vec![edit])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&TestAndOrOperators)
            .pass([
                "FROM a\nRUN [ -a /f ]\n",
                "FROM a\nRUN test -a /f\n",
                "FROM a\nRUN [ \"$x\" = -a ]\n",
                "FROM a\nRUN [ -f a ] && [ -d b ]\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN [[ -f a && -d b ]]\n",
            ])
            .fail([
                "FROM a\nRUN if [ -f /etc/a -a -d /var/b ]; then x; fi\n",
                "FROM a\nRUN [ \"$x\" = y -o \"$x\" = z ] && echo ok\n",
                "FROM a\nRUN [ ! -f x -o -d y ]\n",
                "FROM a\nRUN [ \\( a -o b \\) ]\n",
                "FROM a\nRUN test -n \"$a\" -a -n \"$b\"\n",
                "FROM a\nRUN [ a -a b -a c ]\n",
            ])
            .fix([
                (
                    "FROM a\nRUN if [ -f /etc/a -a -d /var/b ]; then x; fi\n",
                    "FROM a\nRUN if [ -f /etc/a ] && [ -d /var/b ]; then x; fi\n",
                ),
                (
                    "FROM a\nRUN [ \"$x\" = y -o \"$x\" = z ] && echo ok\n",
                    "FROM a\nRUN [ \"$x\" = y ] || [ \"$x\" = z ] && echo ok\n",
                ),
                (
                    "FROM a\nRUN test -n \"$a\" -a -n \"$(b)\"\n",
                    "FROM a\nRUN test -n \"$a\" && test -n \"$(b)\"\n",
                ),
                (
                    "FROM a\nRUN x && [ a -o b ]\n",
                    "FROM a\nRUN x && [ a -o b ]\n",
                ),
            ])
            .test();
    }
}
