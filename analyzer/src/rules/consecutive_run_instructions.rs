use crate::checker::Checker;
use crate::declare_rule;
use crate::model::{Model, ScriptSource};
use crate::rule::{Rule, RuleMeta};
use crate::shell::{self, Script, TerminatorKind};
use crate::syntax::{Args, Instruction, Keyword};
use crate::{Edit, Fix, TextRange};

declare_rule! {
    /// ## What it does
    /// Flags a `RUN` that directly follows another `RUN` with the same flags
    /// (`--mount`, `--network`, `--security`) when each of the two runs at
    /// most one command. Comments between them do not count; any other
    /// instruction does. This is hadolint's rule as it behaves: longer
    /// scripts are taken to be split on purpose.
    ///
    /// ## Why is this bad?
    /// Each `RUN` adds a layer and a step to the build; two trivial steps in
    /// a row are usually one step split by accident.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN mkdir -p /app
    /// RUN chown nobody /app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN mkdir -p /app && \
    ///     chown nobody /app
    /// ```
    ///
    /// ## Fix safety
    /// When both are plain one-line-list shell scripts with nothing but
    /// blank lines between them, the fix joins them with `&&`. It is unsafe:
    /// the second command now runs in the directory and environment the
    /// first one leaves behind, and the layer cache splits differently.
    pub ConsecutiveRunInstructions {
        code: "DL3059",
        name: "consecutive-run-instructions",
        aliases: [],
        severity: Info,
        category: BestPractice,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for ConsecutiveRunInstructions {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        let insts = model.instructions();
        for (i, pair) in insts.windows(2).enumerate() {
            let (prev, cur) = (&pair[0], &pair[1]);
            if prev.keyword != Keyword::Run || cur.keyword != Keyword::Run {
                continue;
            }
            if flags(prev) != flags(cur) {
                continue;
            }
            if command_count(model, i) > 1 || command_count(model, i + 1) > 1 {
                continue;
            }
            let fix = merge_fix(model, i, i + 1);
            let diagnostic = cx
                .report(
                    cur.keyword_range,
                    "`RUN` directly after a `RUN` with one command could be merged into it",
                )
                .with_instruction(i + 1)
                .with_related(prev.keyword_range, "previous `RUN`");
            if let Some(fix) = fix {
                diagnostic.with_fix(fix);
            }
        }
    }
}

/// The instruction's flags, order aside.
fn flags(inst: &Instruction) -> Vec<String> {
    let mut out: Vec<String> = inst
        .flags
        .iter()
        .map(|f| {
            let name = f.name();
            // Mount options in any order are the same mount.
            match (name, f.value()) {
                ("mount", Some(v)) => {
                    let mut parts: Vec<&str> = v.split(',').collect();
                    parts.sort_unstable();
                    format!("mount={}", parts.join(","))
                }
                _ => f.text.clone(),
            }
        })
        .collect();
    out.sort();
    out
}

/// The number of commands with a name the RUN runs, anywhere in its script
/// (substitutions and compound commands included).
fn command_count(model: &Model, index: usize) -> usize {
    let inst = &model.instructions()[index];
    let target = inst.onbuild_trigger().unwrap_or(inst);
    if matches!(target.args, Args::Json(_)) {
        // hadolint counts an exec-form RUN as one command, even
        // `["sh", "-c", "a && b"]` (whose string dockward parses as a script).
        return 1;
    }
    let scripts = model.scripts_of(index);
    if !scripts.is_empty() {
        // The RUN's own commands: `sh -c 'a && b'` is one, as for hadolint.
        return scripts
            .iter()
            .filter(|s| !s.source.is_nested())
            .map(|s| named_commands(&s.script, &s.text))
            .sum();
    }
    // Exec form, PowerShell, cmd, `escape=\``: hadolint parses the joined
    // text as shell anyway, and text its parser rejects has no commands.
    match &inst.args {
        Args::Text(span) => {
            let text = span.text(inst, model.src());
            let script = shell::parse(text);
            if script.has_errors() {
                0
            } else {
                named_commands(&script, text)
            }
        }
        _ => 0,
    }
}

/// Simple commands with a name; `[ … ]` is a test expression to ShellCheck
/// (hadolint's parser), not a command.
fn named_commands(script: &Script, src: &str) -> usize {
    script
        .simple_commands()
        .filter(|c| !c.command.words.is_empty() && c.command.name(src).as_deref() != Some("["))
        .count()
}

/// Joins `RUN a` and `RUN b` into `RUN a && \ b`.
fn merge_fix(model: &Model, prev: usize, cur: usize) -> Option<Fix> {
    let insts = model.instructions();
    let (p, c) = (&insts[prev], &insts[cur]);
    let simple = |i: usize, inst: &Instruction| -> Option<TextRange> {
        if !matches!(inst.args, Args::Text(_)) || !inst.heredocs.is_empty() {
            return None;
        }
        let [script, rest @ ..] = model.scripts_of(i) else {
            return None;
        };
        if rest.iter().any(|s| !s.source.is_nested()) {
            return None;
        }
        if script.source != ScriptSource::Line
            || script.script.has_errors()
            || !script.script.comments.is_empty()
        {
            return None;
        }
        let [item] = script.script.body.items.as_slice() else {
            return None;
        };
        if item
            .terminator
            .is_some_and(|t| t.kind != TerminatorKind::Newline)
        {
            return None;
        }
        Some(script.file_range(item.span))
    };
    let first = simple(prev, p)?;
    let second = simple(cur, c)?;
    let gap = TextRange::new(first.end(), second.start());
    let src = model.src();
    let between = gap.slice(src);
    // Nothing but the end of the first RUN, blank lines and the second
    // RUN's keyword and flags.
    if model
        .file
        .comments
        .iter()
        .any(|k| gap.contains_range(k.range))
        || between.contains(model.file.escape.as_char())
    {
        return None;
    }
    let escape = model.file.escape.as_char();
    Some(Fix::unsafe_(
        "Merge into the previous `RUN` with `&&`",
        vec![Edit::replace(gap, format!(" && {escape}\n    "))],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&ConsecutiveRunInstructions)
            .pass([
                "FROM a\nRUN a && b\nRUN c\n",
                "FROM a\nRUN a\nWORKDIR /x\nRUN b\n",
                "FROM a\nRUN echo $(a)\nRUN c\n",
                "FROM a\nRUN --mount=type=cache,target=/x a\nRUN b\n",
                "FROM a\nRUN a\nFROM b\nRUN c\n",
                "FROM a\nONBUILD RUN a\nONBUILD RUN b\n",
                "FROM a\nRUN a | b\nRUN c\n",
            ])
            .fail([
                "FROM a\nRUN a\nRUN b\n",
                "FROM a\nRUN a\n# comment\n\nRUN b\n",
                "FROM a\nRUN [\"a\"]\nRUN [\"b\", \"c\"]\n",
                "FROM a\nRUN [\"sh\", \"-c\", \"a && b\"]\nRUN c\n",
                "FROM a\nRUN X=1 && a\nRUN c\n",
                "FROM a\nRUN --network=none a\nRUN --network=none b\n",
                "FROM a\nRUN --mount=type=cache,target=/x,id=1 a\nRUN --mount=id=1,type=cache,target=/x b\n",
                "FROM a\nRUN (a)\nRUN { b; }\n",
                "FROM a\nRUN for i in 1; do :; done\nRUN [[ -f x ]] || exit 1\n",
                "FROM a\nRUN <<EOF\nb\nEOF\nRUN a\n",
                "FROM a\nRUN [ -d /tmp ] && echo yes\nRUN [ \"$X\" = 0 ] || false\n",
                "# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN powershell -Command \"a; `\n    b\"\nRUN powershell -Command \"c\"\n",
            ])
            .fix([
                ("FROM a\nRUN a\nRUN b\n", "FROM a\nRUN a && \\\n    b\n"),
                (
                    "FROM a\nRUN a\n\nRUN b\nRUN c\n",
                    "FROM a\nRUN a && \\\n    b && \\\n    c\n",
                ),
                (
                    "FROM a\nRUN --network=none mkdir /x\nRUN --network=none chown a /x\n",
                    "FROM a\nRUN --network=none mkdir /x && \\\n    chown a /x\n",
                ),
            ])
            .test();
    }

    #[test]
    fn no_merge_when_unsafe_to_join() {
        let config = crate::Config {
            select: Some(vec!["DL3059".to_owned()]),
            ..crate::Config::default()
        };
        for src in [
            "FROM a\nRUN a &\nRUN b\n",
            "FROM a\nRUN a\n# keep me\nRUN b\n",
            "FROM a\nRUN [\"a\"]\nRUN b\n",
            "FROM a\nRUN X=1; Y=2\nRUN b\n",
        ] {
            let analysis = crate::analyze(src, &config);
            assert_eq!(analysis.diagnostics.len(), 1, "{src}");
            assert!(analysis.diagnostics[0].fix.is_none(), "{src}");
        }
    }
}
