use crate::TextRange;
use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::shell::expansions::{Context, Kind};

declare_rule! {
    /// ## What it does
    /// Flags an unquoted `[…]` in a word whose characters repeat:
    /// `pip install uvicorn[standard]`, `pkg[test,dev]`, `[aa]`. Such a
    /// bracket is a glob character class, which matches one character;
    /// the repetition shows a word was meant.
    ///
    /// ## Why is this bad?
    /// `pip install "uvicorn[standard]"` installs the extra;
    /// `pip install uvicorn[standard]` is a glob that matches a file named
    /// `uvicorns`, `uvicornt`… if the working directory has one (and fails
    /// with `failglob` in bash). Extras, array-like keys and ranges belong
    /// in quotes.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12
    /// RUN pip install --no-cache-dir uvicorn[standard]==0.30.1
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12
    /// RUN pip install --no-cache-dir "uvicorn[standard]==0.30.1"
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// None: like ShellCheck, a bracket without repeated characters
    /// (`pkg[extra]`) is not flagged although it is a glob too.
    pub RepeatedCharInGlobClass {
        code: "SC2102",
        name: "repeated-char-in-glob-class",
        aliases: [],
        severity: Info,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for RepeatedCharInGlobClass {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        for (index, run) in model.scripts.iter().enumerate() {
            let src = run.text.as_str();
            for e in cx.expansions(index) {
                if !matches!(e.kind, Kind::Glob)
                    || e.in_param
                    || matches!(e.context, Context::Arithmetic | Context::CommandName)
                {
                    continue;
                }
                for class in repeated_classes(e.span, src) {
                    cx.report(
                        run.file_range(class),
                        format!(
                            "`{}` is a glob character class matching one character, not a word",
                            class.slice(src)
                        ),
                    );
                }
            }
        }
    }
}

/// The `[…]` classes in the literal `span` whose characters repeat.
fn repeated_classes(span: TextRange, src: &str) -> Vec<TextRange> {
    let text = span.slice(src);
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'[' {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        if j < b.len() && matches!(b[j], b'!' | b'^') {
            j += 1;
        }
        // A `]` first is a member.
        if j < b.len() && b[j] == b']' {
            j += 1;
        }
        let Some(close) = b[j..].iter().position(|&c| c == b']').map(|k| j + k) else {
            break;
        };
        let body = &text[i + 1..close];
        if !body.contains("[:") && !body.contains('\n') {
            let members = body.trim_start_matches(['!', '^']);
            let mut seen = [false; 256];
            let repeated = members.bytes().filter(|&c| c != b'-').any(|c| {
                let dup = seen[c as usize];
                seen[c as usize] = true;
                dup
            });
            if repeated {
                out.push(TextRange::new(span.start() + i, span.start() + close + 1));
            }
        }
        i = close + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&RepeatedCharInGlobClass)
            .pass([
                "FROM a\nRUN pip install pkg[extra] \"uvicorn[standard]\" .[dev]\n",
                "FROM a\nRUN echo [a-z] [[:alpha:]] ${a[11]} $(( b[11] ))\n",
                "FROM a\nRUN [ -f x ] && echo ok\n",
            ])
            .fail([
                "FROM a\nRUN pip install --no-cache-dir uvicorn[standard]==0.30.1\n",
                "FROM a\nRUN pip install pkg[test,dev] && pip install -e .[testing]\n",
                "FROM a\nRUN echo [aa] a[bb]c [!aa] [a-za-z]\n",
                "FROM a\nRUN x=[aa]\n",
            ])
            .test();
    }
}
