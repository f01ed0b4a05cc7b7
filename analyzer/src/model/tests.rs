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

/// Random scripts embedded in each quoting map back exactly, and edits of
/// them, fitted as the analysis fits a rule's fix, decode to the edited
/// script.
mod embedding {
    use super::*;
    use crate::{Edit, Fix};
    use proptest::prelude::*;

    fn script() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(
                &[
                    "a", "b", " ", "'", "\"", "\\", "$", "`", "é", "x=1", "&&", ";", "|", "\t",
                    "€", "$x", "(",
                ][..],
            ),
            1..24,
        )
        .prop_map(|v| v.concat())
        .prop_filter("a script", |s| !s.trim().is_empty())
    }

    fn json(s: &str) -> String {
        crate::syntax::json_escape(s)
    }

    fn single(s: &str) -> String {
        s.replace('\'', "'\\''")
    }

    fn backslashed(s: &str, special: &[char]) -> String {
        s.chars()
            .flat_map(|c| {
                let esc = special.contains(&c).then_some('\\');
                esc.into_iter().chain(std::iter::once(c))
            })
            .collect()
    }

    /// The Dockerfile running `script` in quoting `how`, the index of its
    /// script, and the file text one script character is written as.
    fn embed(script: &str, how: usize) -> (String, usize, fn(char) -> String) {
        match how {
            0 => (
                format!("FROM a\nRUN [\"sh\", \"-c\", \"{}\"]\n", json(script)),
                0,
                |c| json(&c.to_string()),
            ),
            1 => (
                format!("FROM a\nRUN sh -c '{}'\n", single(script)),
                1,
                |c| {
                    if c == '\'' {
                        "\\'".to_owned()
                    } else {
                        c.to_string()
                    }
                },
            ),
            2 => (
                format!(
                    "FROM a\nRUN sh -c \"{}\"\n",
                    backslashed(script, &['"', '\\', '$', '`'])
                ),
                1,
                |c| backslashed(&c.to_string(), &['"', '\\', '$', '`']),
            ),
            3 => (
                format!(
                    "FROM a\nRUN [\"sh\", \"-c\", \"{}\"]\n",
                    json(&format!("bash -c '{}'", single(script)))
                ),
                1,
                |c| {
                    if c == '\'' {
                        json("\\'")
                    } else {
                        json(&c.to_string())
                    }
                },
            ),
            _ => (
                format!(
                    "FROM a\nRUN bash <<EOF\n{}\nEOF\n",
                    backslashed(script, &['\\', '$', '`'])
                ),
                1,
                |c| backslashed(&c.to_string(), &['\\', '$', '`']),
            ),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(300),
        ))]

        #[test]
        fn embedded_scripts_map_back_exactly(
            script in script(),
            how in 0..5usize,
            cuts in prop::collection::vec(any::<prop::sample::Index>(), 2),
            insert in prop::sample::select(&["", "\"", "'", "$y", "a b", "\\", "é", "`", " -y"][..]),
        ) {
            // `\` (then blanks) at a line end in a here-document is a known
            // corner case of the shell parser's line joining (`shell/mod.rs`).
            let joined = |s: &str| how == 4 && s.trim_end_matches([' ', '\t', '\n']).ends_with('\\');
            prop_assume!(!joined(&script));
            let (src, index, written) = embed(&script, how);
            let m = Model::new(&src);
            let run = &m.scripts[index];
            let text = if how == 4 { format!("{script}\n") } else { script.clone() };
            prop_assert_eq!(&run.text, &text, "{}", src);
            // Each character maps to the text it is written as.
            for (i, c) in script.char_indices() {
                let r = run.file_range(TextRange::new(i, i + c.len_utf8()));
                prop_assert_eq!(r.slice(&src), written(c), "char {} of {:?} in {}", i, script, src);
            }
            // A range maps from its first character's start to its last
            // character's end.
            let mut b: Vec<usize> = cuts
                .iter()
                .map(|c| c.index(script.len() + 1))
                .map(|mut p| {
                    while !script.is_char_boundary(p) {
                        p -= 1;
                    }
                    p
                })
                .collect();
            b.sort_unstable();
            let (i, j) = (b[0], b[1]);
            let r = run.file_range(TextRange::new(i, j));
            if i < j {
                let first = script[i..].chars().next().unwrap().len_utf8();
                let last = script[..j].chars().next_back().unwrap().len_utf8();
                prop_assert_eq!(r.start(), run.file_range(TextRange::new(i, i + first)).start());
                prop_assert_eq!(r.end(), run.file_range(TextRange::new(j - last, j)).end());
            } else {
                prop_assert!(r.is_empty());
            }
            // Replacing the range, as a fix would, gives the edited script.
            let fix = Fix::safe("t", vec![Edit::replace(r, insert)]);
            let Some(fix) = crate::analysis::Embedded::new(&m).expect("decoded").fit(fix) else {
                // The edit crosses a quote of `'\''`: dropped.
                prop_assume!(false);
                unreachable!();
            };
            let mut out = src.clone();
            let e = &fix.edits[0];
            out.replace_range(e.range.as_range(), &e.content);
            let after = Model::new(&out);
            let expected = format!("{}{insert}{}", &script[..i], &text[j..]);
            // A blank string is no script.
            prop_assume!(!expected.trim().is_empty() && !joined(&expected));
            prop_assert_eq!(&after.scripts[index].text, &expected, "{} → {}", src, out);
        }
    }
}

#[test]
fn nested_script_dialects_follow_their_program() {
    use crate::shell::Dialect;
    let src = "FROM a\nSHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]\n\
               RUN sh -c 'echo 1' && bash -e -c 'echo 2' && busybox sh -c 'echo 3' \
               && ash -c 'echo 4' && ksh -o errexit -c 'echo 5' && zsh -c 'echo 6' \
               && bash -n -c 'echo 7' && bash --norc -xc 'echo 8'\n\
               RUN [\"/bin/sh\", \"-c\", \"dash -ec 'echo 9'\"]\n\
               RUN sh -e <<'EOF'\necho 10\nEOF\n";
    let m = Model::new(src);
    let got: Vec<(&str, Dialect, bool)> = m
        .scripts
        .iter()
        .filter(|s| s.source.is_nested())
        .map(|s| (s.text.trim(), s.dialect, s.errexit))
        .collect();
    assert_eq!(
        got,
        [
            ("echo 1", Dialect::Sh, false),
            ("echo 2", Dialect::Bash, true),
            ("echo 3", Dialect::Busybox, false),
            ("echo 4", Dialect::Dash, false),
            ("echo 5", Dialect::Ksh, true),
            // zsh is not checked; `-n` runs nothing.
            ("echo 8", Dialect::Bash, false),
            ("echo 9", Dialect::Dash, true),
            ("echo 10", Dialect::Sh, true),
        ]
    );
    // The enclosing scripts keep the SHELL's dialect.
    assert_eq!(m.scripts[0].dialect, Dialect::Bash);
}

#[test]
fn shellcheck_directives_in_scripts_are_range_pragmas() {
    use crate::suppression::{PragmaScope, PragmaTool};
    let src = "FROM a\n\
RUN <<EOF\n\
# shellcheck disable=SC2086\n\
echo $a\n\
EOF\n\
RUN <<EOF\n\
echo $b\n\
# shellcheck disable=2086,SC2046 # why\n\
if true; then\n\
  echo $c\n\
fi\n\
echo $d\n\
EOF\n\
RUN echo 1 \\\n\
# shellcheck disable=SC2000-SC2099\n\
    && echo $e\n\
RUN bash -c 'echo 1\n\
';\n";
    let m = Model::new(src);
    let p: Vec<_> = m
        .pragmas
        .pragmas
        .iter()
        .filter(|p| p.tool == PragmaTool::Shellcheck)
        .collect();
    assert_eq!(p.len(), 3, "{p:#?}");
    let scope = |i: usize| match p[i].scope {
        PragmaScope::Range(r) => r.slice(src),
        s => panic!("{s:?}"),
    };
    // At the top: the whole script.
    assert_eq!(scope(0), "# shellcheck disable=SC2086\necho $a\n");
    assert_eq!(p[0].rules[0].id, "SC2086");
    // Before a command: that command (the whole `if`).
    assert_eq!(scope(1), "if true; then\necho $c\nfi");
    let ids: Vec<_> = p[1]
        .rules
        .iter()
        .map(|r| (r.id.as_str(), r.range.slice(src)))
        .collect();
    assert_eq!(ids, [("SC2086", "2086"), ("SC2046", "SC2046")]);
    assert_eq!(p[1].reason.as_deref(), Some("why"));
    // A Dockerfile comment line inside the continuation of a shell-form RUN.
    assert_eq!(scope(2), "echo $e");
    assert_eq!(p[2].rules[0].id, "SC2000-SC2099");
}

#[test]
fn nesting_is_depth_capped() {
    let mut script = "echo hi".to_owned();
    for _ in 0..8 {
        script = format!("sh -c '{}'", script.replace('\'', "'\\''"));
    }
    let src = format!("FROM a\nRUN {script}\n");
    let m = Model::new(&src);
    let nested: Vec<_> = m.scripts.iter().filter(|s| s.source.is_nested()).collect();
    assert_eq!(nested.len(), MAX_NESTING as usize);
    for (depth, s) in nested.iter().enumerate() {
        assert_eq!(
            s.source,
            ScriptSource::Nested {
                parent: depth,
                input: NestedInput::Argument
            }
        );
    }
    // Every level maps back into the file.
    let deepest = nested[nested.len() - 1];
    let first = deepest.script.simple_commands().next().expect("a command");
    let word = deepest.file_range(first.command.words[0].span);
    assert_eq!(word.slice(&src), "sh");
    // Many `sh -c` strings side by side.
    let many = "sh -c 'a | b' && ".repeat(5000);
    let m = Model::new(&format!("FROM a\nRUN {many}true\n"));
    assert_eq!(m.scripts.len(), 5001);
}

#[test]
fn build_args_replace_declared_defaults_only() {
    let args = vec![
        ("TAG".to_owned(), "1.27".to_owned()),
        ("BASE".to_owned(), "nginx".to_owned()),
        ("UNDECLARED".to_owned(), "x".to_owned()),
    ];
    let m = Model::with_build_args(
        "ARG BASE\nARG TAG=latest\nFROM ${BASE}:${TAG}\nARG TAG\nRUN echo $TAG $UNDECLARED\n",
        &args,
    );
    assert_eq!(m.stages[0].base.expanded, "nginx:1.27");
    assert!(m.stages[0].base.resolved);
    // The stage's `ARG TAG` takes the passed value too.
    let stage_tag = m
        .vars
        .defs
        .iter()
        .find(|d| d.name == "TAG" && d.stage == Some(0))
        .unwrap();
    assert_eq!(stage_tag.value.as_deref(), Some("1.27"));
    // A name the Dockerfile never declares defines nothing.
    assert!(!m.vars.defs.iter().any(|d| d.name == "UNDECLARED"));
    // Without build args the written default stands.
    let plain = Model::new("ARG TAG=latest\nFROM nginx:${TAG}\n");
    assert_eq!(plain.stages[0].base.expanded, "nginx:latest");
}
