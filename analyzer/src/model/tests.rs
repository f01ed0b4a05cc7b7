use super::*;

fn model(src: &str) -> Model {
    Model::new(src)
}

#[test]
fn stages_and_global_args() {
    let m = model(
        "ARG BASE=debian\nARG TAG=12\nFROM ${BASE}:${TAG} AS Build\nRUN make\nFROM build\nCOPY --from=build /a /b\n",
    );
    assert_eq!(m.stages.len(), 2);
    let s0 = &m.stages[0];
    assert_eq!(s0.base.expanded, "debian:12");
    assert!(s0.base.resolved);
    assert_eq!(s0.name.as_ref().unwrap().lower, "build");
    assert_eq!(s0.instructions, 2..4);
    let s1 = &m.stages[1];
    assert_eq!(s1.parent, Some(0));
    assert_eq!(s1.base.stage, Some(0));
    assert_eq!(
        m.instruction_stage,
        vec![None, None, Some(0), Some(0), Some(1), Some(1)]
    );
    let copy_ref = m
        .stage_refs
        .iter()
        .find(|r| r.kind == StageRefKind::CopyFrom)
        .unwrap();
    assert_eq!(copy_ref.target, RefTarget::Stage(0));
    assert_eq!(m.src()[copy_ref.range.as_range()].to_string(), "build");
    // Uses in FROM bind to the globals.
    let uses: Vec<_> = m.vars.uses.iter().filter(|u| u.instruction == 2).collect();
    assert_eq!(uses.len(), 2);
    assert!(uses.iter().all(|u| matches!(u.binding, Binding::Def(_))));
}

#[test]
fn unresolved_base_stays_symbolic() {
    let m = model("FROM ${IMAGE}\n");
    assert_eq!(m.stages[0].base.expanded, "${IMAGE}");
    assert!(!m.stages[0].base.resolved);
    assert_eq!(m.vars.uses[0].binding, Binding::Unbound);
}

#[test]
fn global_args_need_redeclaration_in_stage() {
    let m = model("ARG V=1\nFROM alpine\nRUN echo $V\nARG V\nRUN echo $V\n");
    let uses: Vec<_> = m.vars.uses.iter().collect();
    assert_eq!(uses.len(), 2);
    assert_eq!(uses[0].binding, Binding::Unbound);
    let Binding::Def(d) = uses[1].binding else {
        panic!("unbound")
    };
    assert_eq!(m.vars.defs[d].value.as_deref(), Some("1"));
    assert!(m.vars.defs[d].global.is_some());
}

#[test]
fn env_wins_over_arg_and_is_inherited() {
    let m = model("FROM alpine AS a\nENV X=env\nARG X=arg\nWORKDIR /$X\nFROM a\nWORKDIR /$X\n");
    assert_eq!(m.stages[0].workdir.as_ref().unwrap().1, "/env");
    assert_eq!(m.stages[1].workdir.as_ref().unwrap().1, "/env");
}

#[test]
fn env_values_see_the_previous_scope() {
    let m = model("FROM alpine\nENV A=1\nENV A=2 B=$A\nWORKDIR /$B\n");
    assert_eq!(m.stages[0].workdir.as_ref().unwrap().1, "/1");
}

#[test]
fn self_reference_and_cycles() {
    let m = model(
        "FROM alpine AS a\nCOPY --from=b /x /x\nFROM alpine AS b\nCOPY --from=a /y /y\nCOPY --from=b /z /z\n",
    );
    assert!(
        m.stage_refs
            .iter()
            .any(|r| r.target == RefTarget::SelfStage)
    );
    assert_eq!(m.cycles.len(), 1);
    let mut c = m.cycles[0].clone();
    c.sort_unstable();
    assert_eq!(c, vec![0, 1]);
}

#[test]
fn user_is_inherited_from_parent_stage() {
    let m = model("FROM alpine AS base\nUSER app\nFROM base\nRUN id\n");
    assert_eq!(m.stages[1].user.as_ref().unwrap().1, "app");
    assert!(m.stages[1].user_inherited);
}

#[test]
fn run_scripts_map_to_file_offsets() {
    let src = "FROM alpine\nRUN apt-get update \\\n# comment\n  && apt-get install -y curl   \\  \r\n  && rm -rf /x\nRUN <<EOF\nset -e\ncurl -fsSL https://x | sh\nEOF\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\nRUN python3 <<EOF\nprint(1)\nEOF\n";
    let m = model(src);
    let names = |i: usize| -> Vec<String> {
        m.scripts_of(i)
            .iter()
            .flat_map(|s| {
                s.script
                    .simple_commands()
                    .map(|c| {
                        m.src()[s.file_range(c.command.name_word().unwrap().span).as_range()]
                            .to_owned()
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    assert_eq!(names(1), vec!["apt-get", "apt-get", "rm"]);
    assert_eq!(names(2), vec!["set", "curl", "sh"]);
    assert!(m.scripts_of(3).is_empty(), "python heredoc is not shell");
    assert_eq!(names(4), vec!["python3"]);
}

#[test]
fn windows_shells_are_not_posix() {
    let m = model(
        "FROM mcr.microsoft.com/windows/nanoserver\nRUN dir\nSHELL [\"bash\", \"-c\"]\nRUN ls\n",
    );
    assert_eq!(m.shell_applicability(1), ShellApplicability::NonPosix);
    assert_eq!(m.shell_applicability(3), ShellApplicability::Posix);
    let m = model("FROM alpine\nSHELL [\"pwsh\", \"-c\"]\nRUN ls\nRUN [\"ls\"]\n");
    assert_eq!(m.shell_applicability(2), ShellApplicability::NonPosix);
    assert_eq!(m.shell_applicability(3), ShellApplicability::NotShell);
    let m = model("# escape=`\nFROM alpine\nRUN ls\n");
    assert_eq!(m.shell_applicability(1), ShellApplicability::NonPosix);
}

#[test]
fn shell_in_effect_with_several_shells() {
    let m = model(
        "FROM alpine AS a\nRUN ls\nSHELL [\"pwsh\", \"-c\"]\nRUN dir\nSHELL [\"bash\", \"-c\"]\nRUN ls\nFROM a\nRUN ls\nFROM alpine\nSHELL [\"cmd\", \"/S\", \"/C\"]\nRUN dir\n",
    );
    assert_eq!(m.shell_applicability(1), ShellApplicability::Posix);
    assert_eq!(m.shell_applicability(3), ShellApplicability::NonPosix);
    assert_eq!(m.shell_applicability(5), ShellApplicability::Posix);
    assert_eq!(
        m.shell_applicability(7),
        ShellApplicability::Posix,
        "inherited bash"
    );
    assert_eq!(m.shell_applicability(10), ShellApplicability::NonPosix);
}

#[test]
fn expand_keeps_text_without_expansions_or_quotes() {
    // `Model::expand` skips the lexer for such text; the lexer agrees.
    for escape in ['\\', '`'] {
        let lex = Lex {
            unset: UnsetMode::KeepSymbolic,
            ..Lex::new(escape)
        };
        let env = ScopeEnv {
            model: &model("FROM a\n"),
            index: 0,
        };
        for text in [
            "",
            "a b\tc",
            "/opt/{x}/y}",
            "~/é ü €",
            "a=b,c:d;e|f&g*h?i[j]k",
            " lead and trail ",
            "line\nbreak",
            "100%",
        ] {
            let e = lex.process_word(text, &env).expect("no error");
            assert_eq!(e.value, text, "{text:?} with escape {escape:?}");
        }
    }
}

#[test]
fn exec_form_shell_strings_are_scripts_with_file_offsets() {
    let src = "FROM a\n\
               RUN [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\", \"curl x | sh\"]\n\
               RUN [\"sh\", \"-c\", \"echo \\\"q\\\"\"]\n\
               RUN [\"echo\", \"-c\", \"not a shell\"]\n\
               RUN [\"sh\", \"script.sh\"]\n";
    let m = model(src);
    let exec: Vec<_> = m
        .scripts
        .iter()
        .filter(|s| s.source == ScriptSource::ExecForm)
        .collect();
    // Only the first: the second has JSON escapes, the third no shell, the
    // fourth no `-c`.
    assert_eq!(exec.len(), 1, "{exec:?}");
    let s = exec[0];
    assert_eq!(s.instruction, 1);
    assert_eq!(s.text, "curl x | sh");
    assert_eq!(&src[s.base..s.base + s.text.len()], "curl x | sh");
    let first = s.script.simple_commands().next().expect("a command");
    let word = &first.command.words[0];
    assert_eq!(s.file_range(word.span).slice(src), "curl");
}

#[test]
fn script_dialects_follow_the_shell_that_runs_them() {
    use crate::shell::Dialect;
    let src = "FROM a\nRUN echo 1\nSHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]\nRUN echo 2\nENV X=1\nRUN echo 3\nRUN <<EOF\n#!/bin/sh\necho 4\nEOF\nRUN [\"/bin/dash\", \"-c\", \"echo 5\"]\nFROM a AS b\nRUN echo 6\nFROM b\nSHELL [\"/bin/ash\", \"-c\"]\nRUN echo 7\n";
    let m = Model::new(src);
    let got: Vec<(Dialect, bool)> = m.scripts.iter().map(|s| (s.dialect, s.errexit)).collect();
    assert_eq!(
        got,
        [
            (Dialect::Sh, false),
            (Dialect::Bash, true),
            // ENV after SHELL keeps the SHELL (hadolint 2.15 resets it).
            (Dialect::Bash, true),
            // A heredoc script's shebang wins over SHELL.
            (Dialect::Sh, true),
            (Dialect::Dash, false),
            // FROM resets the shell.
            (Dialect::Sh, false),
            (Dialect::Dash, false),
        ]
    );
    let m = Model::new("# hadolint shell=bash\nFROM a\nRUN echo 1\n");
    assert_eq!(m.scripts[0].dialect, Dialect::Bash);
}
