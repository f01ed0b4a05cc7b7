use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::commands::{base_name, is_onbuild};
use crate::facts::insertion::insertion_point;
use crate::model::{Model, ScriptSource, exec_form_shell_call};
use crate::rule::{Rule, RuleMeta};
use crate::shell::{Command, Script, Word};
use crate::syntax::Args;
use crate::{Edit, Fix, TextRange};

declare_rule! {
    /// ## What it does
    /// Flags a `RUN` whose script has a pipe (`a | b`, anywhere, also in
    /// `$(…)`) while `pipefail` is off: the `SHELL` in effect has no
    /// `-o pipefail` and the script does not run `set -o pipefail` before the
    /// pipe.
    ///
    /// Differences from hadolint, which are its false positives:
    /// `set -o pipefail` (or `set -eo pipefail`…) earlier in the same script
    /// counts; a `SHELL` inherited from the stage a stage is built on
    /// counts; any POSIX shell path counts (`/usr/bin/bash`,
    /// `/usr/bin/env bash`, `/bin/sh -o pipefail`: a shell without
    /// `pipefail` fails every `RUN`, so nothing is silently masked).
    /// `ONBUILD RUN` is not checked: it runs with the shell of the image
    /// built from this one. Non-POSIX shells (PowerShell, cmd) are not
    /// checked, nor the scripts a `RUN` hands to another shell (`bash -c
    /// 'a | b'`, `sh <<EOF`): that shell is started by the script, not by
    /// `SHELL`, and neither the `SHELL` fix nor hadolint reach it.
    ///
    /// ## Why is this bad?
    /// A pipeline's exit status is its last command's: in
    /// `RUN curl -fsSL https://example.com/key | gpg --dearmor -o key.gpg`,
    /// a failed download still ends the step successfully and the build
    /// goes on with a broken image. With `pipefail`, any failing command
    /// fails the pipeline.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN curl -fsSL https://example.com/key | gpg --dearmor -o /usr/share/keyrings/x.gpg
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// SHELL ["/bin/bash", "-o", "pipefail", "-c"]
    /// RUN curl -fsSL https://example.com/key | gpg --dearmor -o /usr/share/keyrings/x.gpg
    /// ```
    ///
    /// ## Fix safety
    /// For the first such `RUN` of a stage that has no `SHELL`, the fix adds
    /// `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before it
    /// (`/bin/ash` when the base image is Alpine or BusyBox). It is unsafe:
    /// the image must have that shell, and the later `RUN`s and shell-form
    /// `CMD` / `ENTRYPOINT` of the stage run with it too.
    pub PipeWithoutPipefail {
        code: "DL4006",
        name: "pipe-without-pipefail",
        aliases: [],
        severity: Warning,
        category: Correctness,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for PipeWithoutPipefail {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        let mut last = None;
        // Stages that already got a fix.
        let mut fixed_stages: Vec<usize> = Vec::new();
        for run in &model.scripts {
            let i = run.instruction;
            // A script nested in another (`bash -c 'a | b'`) runs in a shell
            // of its own, which neither SHELL nor this rule's fix configures.
            if last == Some(i) || is_onbuild(model, i) || run.source.is_nested() {
                continue;
            }
            let Some(pipe) = first_pipe(&run.script) else {
                continue;
            };
            if run.source == ScriptSource::ExecForm {
                // `RUN ["bash", "-o", "pipefail", "-c", "…"]` names its shell
                // and options itself; SHELL does not apply, nor its fix.
                if exec_form_options_set_pipefail(model, i)
                    || sets_pipefail_before(&run.script, &run.text, pipe.start())
                {
                    continue;
                }
                last = Some(i);
                cx.report(
                    run.file_range(pipe),
                    "Pipe in `RUN` without `pipefail`: a failure before the last command is ignored",
                )
                .with_instruction(i);
                continue;
            }
            let shell = model.shell_at(i);
            if shell
                .as_ref()
                .is_some_and(|(_, argv)| shell_sets_pipefail(argv))
            {
                continue;
            }
            if sets_pipefail_before(&run.script, &run.text, pipe.start()) {
                continue;
            }
            last = Some(i);
            let stage = model.stage_of(i).map(|s| s.index);
            let fix = match (shell, stage) {
                (None, Some(s))
                    if !fixed_stages.contains(&s)
                        && !model.ancestors(s).any(|a| fixed_stages.contains(&a.index)) =>
                {
                    fixed_stages.push(s);
                    shell_fix(model, i)
                }
                _ => None,
            };
            let diagnostic = cx
                .report(
                    run.file_range(pipe),
                    "Pipe in `RUN` without `pipefail`: a failure before the last command is ignored",
                )
                .with_instruction(i);
            if let Some(fix) = fix {
                diagnostic.with_fix(fix);
            }
        }
    }
}

/// The first `|` / `|&` anywhere in the script.
fn first_pipe(script: &Script) -> Option<TextRange> {
    script
        .pipelines()
        .filter_map(|p| p.pipeline.pipes.first().map(|pipe| pipe.span))
        .min_by_key(|r| r.start())
}

/// The exec-form shell of instruction `index` turns `pipefail` on with the
/// options before its `-c`.
fn exec_form_options_set_pipefail(model: &Model, index: usize) -> bool {
    let Some(inst) = model.instructions().get(index) else {
        return false;
    };
    let Args::Json(array) = &inst.onbuild_trigger().unwrap_or(inst).args else {
        return false;
    };
    let Some((call, _)) = exec_form_shell_call(array) else {
        return false;
    };
    let argv: Vec<String> = call.iter().map(|item| item.value.clone()).collect();
    shell_sets_pipefail(&argv)
}

/// `SHELL [...]` turns `pipefail` on: a shell program (looking through
/// `env`) with `-o pipefail` among its options.
fn shell_sets_pipefail(argv: &[String]) -> bool {
    let mut args = argv.iter().map(String::as_str);
    let Some(program) = args.next() else {
        return false;
    };
    if base_name(program) == "env"
        && args
            .by_ref()
            .find(|a| !a.starts_with('-') && !a.contains('='))
            .is_none()
    {
        return false;
    }
    pipefail_in_options(args)
}

/// `-o pipefail`, `-eo pipefail`, `-euxo pipefail`, … among `args` (the
/// last switch wins: `+o pipefail` turns it off).
fn pipefail_in_options<'a>(args: impl Iterator<Item = &'a str>) -> bool {
    let mut on = false;
    let mut expect: Option<bool> = None;
    for a in args {
        if let Some(turn_on) = expect.take() {
            if a == "pipefail" {
                on = turn_on;
            }
            continue;
        }
        let (sign, cluster) = match (a.strip_prefix('-'), a.strip_prefix('+')) {
            (Some(c), _) => (true, c),
            (_, Some(c)) => (false, c),
            _ => continue,
        };
        if cluster.ends_with('o') && !cluster.starts_with('-') {
            expect = Some(sign);
        }
    }
    on
}

/// The script runs `set -o pipefail` (in the shell that runs the pipe:
/// not inside a subshell or substitution) before offset `before`.
fn sets_pipefail_before(script: &Script, src: &str, before: usize) -> bool {
    let subshells: Vec<TextRange> = script
        .commands()
        .filter_map(|c| match c.command {
            Command::Subshell(g) => Some(g.span),
            _ => None,
        })
        .collect();
    script.simple_commands().any(|c| {
        let span = c.command.span;
        span.end() <= before
            && !c.scope.in_substitution()
            && !subshells
                .iter()
                .any(|s| s.contains_range(span) && !s.contains(before))
            && c.command.name(src).as_deref() == Some("set")
            && {
                let args: Vec<String> = c
                    .command
                    .args()
                    .iter()
                    .filter_map(|w: &Word| w.literal(src).map(std::borrow::Cow::into_owned))
                    .collect();
                pipefail_in_options(args.iter().map(String::as_str))
            }
    })
}

/// Inserts `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN.
fn shell_fix(model: &Model, index: usize) -> Option<Fix> {
    let stage = model.stage_of(index)?;
    let root = std::iter::once(stage)
        .chain(model.ancestors(stage.index))
        .last()?;
    let image = root.base.expanded.to_ascii_lowercase();
    if root.base.scratch || image.contains('$') {
        return None;
    }
    let shell = if image.contains("alpine") || image.contains("busybox") {
        "/bin/ash"
    } else {
        "/bin/bash"
    };
    let (at, indent) = insertion_point(model, index)?;
    let text = format!("{indent}SHELL [\"{shell}\", \"-o\", \"pipefail\", \"-c\"]\n");
    Some(Fix::unsafe_(
        format!("Add `SHELL [\"{shell}\", \"-o\", \"pipefail\", \"-c\"]` before this `RUN`"),
        vec![Edit::insert(at, text)],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&PipeWithoutPipefail)
            .pass([
                "FROM a\nRUN a || b\n",
                "FROM a\nRUN echo 'a | b'\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\n",
                "FROM a\nRUN [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\", \"a | b\"]\n",
                "FROM a\nRUN [\"bash\", \"-euxo\", \"pipefail\", \"-c\", \"a | b\"]\n",
                "FROM a\nRUN [\"sh\", \"-c\", \"set -o pipefail; a | b\"]\n",
                "FROM a\nSHELL [\"/usr/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]\nRUN a | b\n",
                "FROM a\nSHELL [\"/usr/bin/env\", \"bash\", \"-euxo\", \"pipefail\", \"-c\"]\nRUN a | b\n",
                "FROM a\nSHELL [\"/bin/ash\", \"-o\", \"errexit\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nFROM base\nRUN a | b\n",
                "FROM a\nRUN set -o pipefail && a | b\n",
                "FROM a\nRUN set -euxo pipefail; a | b\n",
                "FROM a\nRUN <<EOF\nset -eo pipefail\na | b\nEOF\n",
                "FROM a\nONBUILD RUN a | b\n",
                "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN a | b\n",
                "FROM a\nRUN bash -o pipefail -c 'a | b'\n",
                "FROM a\nCMD a | b\n",
            ])
            .fail([
                "FROM a\nRUN a | b\n",
                "FROM a\nRUN [\"/bin/bash\", \"-c\", \"a | b\"]\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN [\"sh\", \"-c\", \"a | b\"]\n",
                "FROM a\nRUN x=$(a | b)\n",
                "FROM a\nRUN a |& b\n",
                "FROM a\nRUN <<EOF\na | b\nEOF\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN a | b\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\nSHELL [\"/bin/sh\", \"-c\"]\nRUN a | b\n",
                "FROM a AS base\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nFROM a\nRUN a | b\n",
                "FROM a\nRUN a | b && set -o pipefail\n",
                "FROM a\nRUN (set -o pipefail) && a | b\n",
                "FROM a\nRUN x=$(set -o pipefail) && a | b\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"+o\", \"pipefail\", \"-c\"]\nRUN a | b\n",
            ])
            .fix([
                (
                    "FROM debian:12\nRUN a | b\nRUN c | d\n",
                    "FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\nRUN c | d\n",
                ),
                (
                    "FROM debian:12\n  # dockward ignore=DL3001\n  RUN ps | b\n",
                    "FROM debian:12\n  SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n  # dockward ignore=DL3001\n  RUN ps | b\n",
                ),
                (
                    "FROM alpine:3.20 AS x\nRUN a | b\nFROM x\nRUN c | d\n",
                    "FROM alpine:3.20 AS x\nSHELL [\"/bin/ash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\nFROM x\nRUN c | d\n",
                ),
            ])
            .test();
    }
}
