use super::*;
use crate::TextRange;

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
    // The third runs no shell, the fourth has no `-c`.
    assert_eq!(exec.len(), 2, "{exec:?}");
    let s = exec[0];
    assert_eq!(s.instruction, 1);
    assert_eq!(s.text, "curl x | sh");
    assert!(s.map.is_shift());
    assert_eq!(&src[s.base..s.base + s.text.len()], "curl x | sh");
    let first = s.script.simple_commands().next().expect("a command");
    let word = &first.command.words[0];
    assert_eq!(s.file_range(word.span).slice(src), "curl");
    // JSON escapes are decoded; the word maps back to its escaped text.
    let s = exec[1];
    assert_eq!(s.text, "echo \"q\"");
    assert_eq!(words_in_file(s, src), ["echo", "\\\"q\\\""]);
}

/// The file text of every word of every simple command of `run`.
fn words_in_file<'s>(run: &RunScript, src: &'s str) -> Vec<&'s str> {
    run.script
        .simple_commands()
        .flat_map(|c| {
            c.command
                .words
                .iter()
                .map(|w| run.file_range(w.span).slice(src))
        })
        .collect()
}

/// The values (quotes removed) of every word, from the script text.
fn word_values(run: &RunScript) -> Vec<String> {
    run.script
        .simple_commands()
        .flat_map(|c| {
            c.command.words.iter().map(|w| {
                w.literal(&run.text)
                    .map_or_else(|| w.text(&run.text).to_owned(), |v| v.into_owned())
            })
        })
        .collect()
}

#[test]
fn json_escapes_and_continuations_map_back_exactly() {
    // `\"` and `\\` escapes, a `\u` escape, and a Dockerfile line
    // continuation inside the JSON string.
    let src = "FROM a\nRUN [\"sh\", \"-c\", \"echo \\\"$x\\\" && apt-get install -y \\\\\\n \\u00e9t\\u00e9 \\\n  foo\"]\n";
    let m = model(src);
    let [s] = m.scripts.as_slice() else {
        panic!("{:?}", m.scripts)
    };
    assert_eq!(s.source, ScriptSource::ExecForm);
    assert_eq!(s.text, "echo \"$x\" && apt-get install -y \\\n été   foo");
    assert_eq!(
        words_in_file(s, src),
        [
            "echo",
            "\\\"$x\\\"",
            "apt-get",
            "install",
            "-y",
            "\\u00e9t\\u00e9",
            "foo"
        ]
    );
    assert_eq!(
        word_values(s),
        ["echo", "\"$x\"", "apt-get", "install", "-y", "été", "foo"]
    );
    // A range inside an escape covers the whole escape.
    let q = s.text.find('"').unwrap();
    assert_eq!(s.file_range(TextRange::new(q, q + 1)).slice(src), "\\\"");
    let e = s.text.find('é').unwrap();
    assert_eq!(s.file_range(TextRange::new(e, e + 2)).slice(src), "\\u00e9");
}

#[test]
fn sh_c_strings_are_nested_scripts() {
    let src = "FROM a\n\
RUN apt-get update && sh -c 'apt-get install -y foo && echo \"$HOME\"' \\\n    && sudo -E bash -ec \"cd /x && make \\\"\\$TARGET\\\"\" \\\n    && find . -exec sh -c 'strip \"$1\"' _ {} \\; \\\n    && sh -c $CMD && sh -c \"make $X\" && python3 -c 'import x'\n";
    let m = model(src);
    let s = m.scripts_of(1);
    assert_eq!(s.len(), 4, "{s:#?}");
    assert_eq!(s[0].source, ScriptSource::Line);
    let nested = |i: usize| {
        ScriptSource::Nested {
            parent: 0,
            input: NestedInput::Argument,
        }
        .eq(&s[i].source)
    };
    assert!(nested(1) && nested(2) && nested(3));
    assert_eq!(s[1].text, "apt-get install -y foo && echo \"$HOME\"");
    assert_eq!(
        words_in_file(&s[1], src),
        ["apt-get", "install", "-y", "foo", "echo", "\"$HOME\""]
    );
    assert_eq!(
        (s[1].dialect, s[1].errexit),
        (crate::shell::Dialect::Sh, false)
    );
    assert_eq!(s[2].text, "cd /x && make \"$TARGET\"");
    assert_eq!(
        words_in_file(&s[2], src),
        ["cd", "/x", "make", "\\\"\\$TARGET\\\""]
    );
    assert_eq!(
        (s[2].dialect, s[2].errexit),
        (crate::shell::Dialect::Bash, true)
    );
    assert_eq!(s[3].text, "strip \"$1\"");
    assert_eq!(words_in_file(&s[3], src), ["strip", "\"$1\""]);
}

#[test]
fn nested_scripts_nest_and_compose_maps() {
    // `bash -c` inside an escaped exec-form string, `sh -c` inside that.
    let src = r#"FROM a
RUN ["sh", "-c", "bash -c \"sh -c 'echo \\\"\\$1\\\"'\""]
"#;
    let m = model(src);
    let texts: Vec<_> = m.scripts.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            r#"bash -c "sh -c 'echo \"\$1\"'""#,
            r#"sh -c 'echo "$1"'"#,
            r#"echo "$1""#
        ]
    );
    assert_eq!(
        m.scripts[2].source,
        ScriptSource::Nested {
            parent: 1,
            input: NestedInput::Argument
        }
    );
    assert_eq!(
        words_in_file(&m.scripts[2], src),
        ["echo", r#"\\\"\\$1\\\""#]
    );
    assert_eq!(m.scripts[1].dialect, crate::shell::Dialect::Bash);
}

#[test]
fn mixed_and_unquoted_sh_c_words() {
    let src = "FROM a\nRUN sh -c 'echo a'\" \\\"b\\\"\"' c' && sh -c ls && sh -c echo\\ hi\n";
    let m = model(src);
    let s = m.scripts_of(1);
    let texts: Vec<_> = s.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts[1..], ["echo a \"b\" c", "ls", "echo hi"]);
    assert_eq!(words_in_file(&s[1], src), ["echo", "a", "\\\"b\\\"", "c"]);
    assert_eq!(words_in_file(&s[3], src), ["echo", "hi"]);
}

#[test]
fn heredocs_fed_to_a_shell_are_scripts() {
    let src = "FROM a\n\
RUN bash -e <<EOF\n\
set -u\n\
echo \\$HOME $VER \\`date\\`\n\
EOF\n\
RUN <<'EOF' sh\n\
echo \"$1\"\n\
EOF\n\
RUN python3 <<EOF\n\
print(1)\n\
EOF\n\
RUN cat <<EOF | sh\n\
echo data\n\
EOF\n\
RUN bash script.sh <<EOF\n\
data\n\
EOF\n";
    let m = model(src);
    let bash = m.scripts_of(1);
    assert_eq!(bash.len(), 2);
    assert_eq!(
        bash[1].source,
        ScriptSource::Nested {
            parent: m.scripts.iter().position(|s| s.instruction == 1).unwrap(),
            input: NestedInput::Stdin
        }
    );
    assert_eq!(
        (bash[1].dialect, bash[1].errexit),
        (crate::shell::Dialect::Bash, true)
    );
    // The outer shell removes the backslashes of `\$` and `\``.
    assert_eq!(bash[1].text, "set -u\necho $HOME $VER `date`\n");
    assert_eq!(
        words_in_file(&bash[1], src),
        ["set", "-u", "echo", "\\$HOME", "$VER", "\\`date\\`", "date"]
    );
    // The body is the inner script's alone: the outer one sees blanks.
    assert!(!bash[0].text.contains("HOME"), "{:?}", bash[0].text);
    assert_eq!(bash[0].script.simple_commands().count(), 1);
    let quoted = m.scripts_of(2);
    assert_eq!(quoted.len(), 2);
    assert_eq!(quoted[1].text, "echo \"$1\"\n");
    assert!(quoted[1].map.is_shift());
    assert_eq!(words_in_file(&quoted[1], src), ["echo", "\"$1\""]);
    // Data, not scripts.
    for i in [3, 4, 5] {
        assert_eq!(m.scripts_of(i).len(), 1, "instruction {i}");
    }
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
