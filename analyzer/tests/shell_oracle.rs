//! The real shells as the oracle of `shell-syntax-error` (DW2020): every
//! POSIX script of every RUN of the corpus (`../shared/corpus/real`, read in
//! place) is handed to `dash -n` (sh, dash, busybox dialects) or `bash -n`
//! (bash, ksh), as the text the shell really gets: a shell-form RUN with
//! Docker's line continuations joined (comment lines inside them dropped),
//! a `RUN <<EOF` body and an exec-form `sh -c` string as they are.
//!
//! - A script the shell accepts never gets DW2020 (asserted).
//! - A script the shell rejects gets DW2020, or in a POSIX-only dialect a
//!   bashism finding (SC3xxx) for the construct dash cannot parse (rate
//!   reported, and asserted to stay high).
//!
//! Skipped when the corpus is absent; fails under `CI` when dash or bash
//! is missing (`.ci/run` installs them).

use std::io::Write as _;
use std::process::{Command, Stdio};

use dockward_analyzer::model::{Model, RunScript, ScriptSource};
use dockward_analyzer::shell::Dialect;
use dockward_analyzer::{Config, Context, Diagnostic, check_model};

mod support;

/// The text the shell gets for `run`.
fn shell_text(run: &RunScript) -> String {
    match run.source {
        ScriptSource::Heredoc(_) | ScriptSource::ExecForm | ScriptSource::Nested { .. } => {
            run.text.clone()
        }
        ScriptSource::Line => join_instruction_line(&run.text),
    }
}

/// Docker's joining of a shell-form RUN: `\` + blanks + newline is removed,
/// with the blank lines (and the comment lines, which the model's text has
/// blanked) after it; the here-document bodies after the instruction's
/// logical line are left as they are.
fn join_instruction_line(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\n' {
            // The logical line ends here: the rest is here-document bodies.
            break;
        }
        if b[i] == b'\\' {
            let mut j = i + 1;
            while j < b.len() && matches!(b[j], b' ' | b'\t' | b'\r') {
                j += 1;
            }
            if j < b.len() && b[j] == b'\n' {
                let mut end = j + 1;
                loop {
                    let mut k = end;
                    while k < b.len() && matches!(b[k], b' ' | b'\t' | b'\r') {
                        k += 1;
                    }
                    if k < b.len() && b[k] == b'\n' {
                        end = k + 1;
                    } else {
                        break;
                    }
                }
                out.push_str(&text[copied..i]);
                copied = end;
                i = end;
                continue;
            }
            i += 2;
            continue;
        }
        i += 1;
    }
    out.push_str(&text[copied..]);
    out
}

/// `Some(true)` when `shell -n` accepts `text`, `None` when the shell
/// cannot be run.
fn shell_accepts(shell: &str, text: &str) -> Option<bool> {
    let mut child = Command::new(shell)
        .arg("-n")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    {
        let mut stdin = child.stdin.take()?;
        // A shell that stops reading at an error closes the pipe early.
        let _ = stdin.write_all(text.as_bytes());
    }
    let out = child.wait_with_output().ok()?;
    // bash reports some errors (`[[ -f x ]`) and still exits 0; at run
    // time it stops the script there, with status 0.
    let stderr = String::from_utf8_lossy(&out.stderr).to_ascii_lowercase();
    Some(out.status.success() && !stderr.contains("syntax error"))
}

fn oracle_shell(dialect: Dialect) -> &'static str {
    if dialect.is_posix_only() {
        "dash"
    } else {
        "bash"
    }
}

fn shells_present() -> bool {
    ["dash", "bash"].iter().all(|s| {
        Command::new(s)
            .args(["-c", "true"])
            .status()
            .is_ok_and(|st| st.success())
    })
}

fn require_shells(test: &str) -> bool {
    if shells_present() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "dash and bash are needed by {test}; .ci/run installs them"
    );
    eprintln!("dash or bash not found: skipping {test}");
    false
}

struct Case {
    file: String,
    line: usize,
    dialect: Dialect,
    text: String,
    accepted: bool,
    syntax: Vec<String>,
    bashisms: Vec<String>,
}

const SYNTAX: &str = "DW2020";

fn findings(model: &Model) -> Vec<Diagnostic> {
    let config = Config::default();
    check_model(model, &config, Context::default())
        .into_iter()
        .filter(|d| d.code == SYNTAX || d.code.starts_with("SC3"))
        .collect()
}

fn cases_of(file: &str, src: &str) -> Vec<Case> {
    let model = Model::new(src);
    let diags = findings(&model);
    let mut out = Vec::new();
    for run in &model.scripts {
        let inst = u32::try_from(run.instruction).ok();
        let mine: Vec<&Diagnostic> = diags.iter().filter(|d| d.instruction == inst).collect();
        out.push(Case {
            file: file.to_owned(),
            line: src[..run.base].matches('\n').count() + 1,
            dialect: run.dialect,
            text: shell_text(run),
            accepted: false,
            syntax: mine
                .iter()
                .filter(|d| d.code == SYNTAX)
                .map(|d| d.message.clone())
                .collect(),
            bashisms: mine
                .iter()
                .filter(|d| d.code != SYNTAX)
                .map(|d| d.code.to_owned())
                .collect(),
        });
    }
    out
}

/// Asks the real shells about every case (in parallel), filling `accepted`.
fn run_cases(mut cases: Vec<Case>) -> Vec<Case> {
    let threads = std::thread::available_parallelism().map_or(2, usize::from);
    let chunk = cases.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|s| {
        for part in cases.chunks_mut(chunk) {
            s.spawn(move || {
                for c in part {
                    c.accepted =
                        shell_accepts(oracle_shell(c.dialect), &c.text).expect("run the shell");
                }
            });
        }
    });
    cases
}

#[test]
fn corpus_scripts_agree_with_the_real_shells() {
    let files = support::real_files();
    if files.is_empty() {
        eprintln!("corpus not found; skipping");
        return;
    }
    if !require_shells("corpus_scripts_agree_with_the_real_shells") {
        return;
    }
    let root = support::corpus().expect("corpus");
    let mut cases = Vec::new();
    for path in &files {
        let name = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .display()
            .to_string();
        cases.extend(cases_of(&name, &support::read_lossy(path)));
    }
    let cases = run_cases(cases);
    let rejected: Vec<&Case> = cases.iter().filter(|c| !c.accepted).collect();
    let false_alarms: Vec<&Case> = cases
        .iter()
        .filter(|c| c.accepted && !c.syntax.is_empty())
        .collect();
    let explains =
        |c: &Case| !c.syntax.is_empty() || (c.dialect.is_posix_only() && !c.bashisms.is_empty());
    let explained = rejected.iter().filter(|c| explains(c)).count();
    let missed: Vec<&&Case> = rejected.iter().filter(|c| !explains(c)).collect();
    eprintln!(
        "shell oracle: {} scripts, {} rejected by the shell, {} of them with a DW2020 or bashism finding, {} false DW2020",
        cases.len(),
        rejected.len(),
        explained,
        false_alarms.len()
    );
    for c in &missed {
        eprintln!(
            "missed: {}:{} ({}):\n{}\n",
            c.file,
            c.line,
            c.dialect.as_str(),
            c.text
        );
    }
    let report: Vec<String> = false_alarms
        .iter()
        .map(|c| {
            format!(
                "{}:{} ({}): {:?}\n{}",
                c.file,
                c.line,
                c.dialect.as_str(),
                c.syntax,
                c.text
            )
        })
        .collect();
    assert!(
        report.is_empty(),
        "DW2020 on scripts the shell accepts:\n{}",
        report.join("\n\n")
    );
    // Every script the shell rejects should get a finding.
    assert!(
        explained * 100 >= rejected.len() * 90,
        "only {explained} of {} rejected scripts get a finding",
        rejected.len()
    );
}

/// A small deterministic generator (xorshift), so the mutations are the
/// same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }
}

/// Bytes whose loss or doubling breaks the grammar most often.
const SIGNIFICANT: &[u8] = b"\"'`(){};&|$<>\\\n";

/// A broken variant of `text`: cut at a random point, or one significant
/// byte dropped or doubled, or a keyword dropped.
fn mutate(text: &str, rng: &mut Rng) -> String {
    let b = text.as_bytes();
    let boundary = |mut i: usize| {
        while i < text.len() && !text.is_char_boundary(i) {
            i += 1;
        }
        i.min(text.len())
    };
    match rng.below(4) {
        0 => text[..boundary(rng.below(text.len()))].to_owned(),
        1 | 2 => {
            let spots: Vec<usize> = (0..b.len())
                .filter(|&i| SIGNIFICANT.contains(&b[i]))
                .collect();
            if spots.is_empty() {
                return text[..boundary(rng.below(text.len()))].to_owned();
            }
            let i = spots[rng.below(spots.len())];
            let mut out = text[..i].to_owned();
            if rng.below(2) == 0 {
                out.push(char::from(b[i]));
                out.push(char::from(b[i]));
            }
            out.push_str(&text[i + 1..]);
            out
        }
        _ => {
            let words: Vec<(usize, usize)> =
                ["then", "fi", "do", "done", "esac", "in", "if", "{", "}"]
                    .iter()
                    .flat_map(|k| {
                        text.match_indices(k)
                            .filter(|(i, _)| {
                                let before = i.checked_sub(1).map_or(b' ', |j| b[j]);
                                let after = b.get(i + k.len()).copied().unwrap_or(b' ');
                                matches!(before, b' ' | b'\t' | b'\n' | b';')
                                    && matches!(after, b' ' | b'\t' | b'\n' | b';')
                            })
                            .map(|(i, _)| (i, k.len()))
                            .collect::<Vec<_>>()
                    })
                    .collect();
            if words.is_empty() {
                return text[..boundary(rng.below(text.len()))].to_owned();
            }
            let (i, n) = words[rng.below(words.len())];
            format!("{}{}", &text[..i], &text[i + n..])
        }
    }
}

/// Broken variants of the corpus scripts, parsed by dockward as `sh` (and
/// checked with dash) and as `bash` (checked with bash): no syntax error
/// where the shell accepts, and most rejected variants found (a syntax
/// error, or under `sh` a bashism dash cannot parse).
#[test]
fn mutated_corpus_scripts_agree_with_the_real_shells() {
    use dockward_analyzer::shell;
    let files = support::real_files();
    if files.is_empty() {
        eprintln!("corpus not found; skipping");
        return;
    }
    if !require_shells("mutated_corpus_scripts_agree_with_the_real_shells") {
        return;
    }
    let every: usize = std::env::var("ORACLE_SAMPLE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let seed = std::env::var("ORACLE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9e37_79b9_7f4a_7c15);
    let mut rng = Rng(seed);
    let rounds: usize = std::env::var("ORACLE_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let mut texts = Vec::new();
    let mut n = 0usize;
    for path in &files {
        let model = Model::new(&support::read_lossy(path));
        for run in &model.scripts {
            n += 1;
            if !n.is_multiple_of(every) {
                continue;
            }
            let mut m = shell_text(run);
            for _ in 0..rounds {
                m = mutate(&m, &mut rng);
            }
            let dialect = if rng.below(2) == 0 {
                Dialect::Sh
            } else {
                Dialect::Bash
            };
            texts.push((m, dialect));
        }
    }
    let cases: Vec<Case> = texts
        .into_iter()
        .map(|(text, dialect)| {
            let script = shell::parse(&text);
            let syntax = script
                .errors
                .iter()
                .filter(|e| e.rejected_by(dialect))
                .map(|e| format!("{} at {}", e.message, e.span.start()))
                .collect();
            let bashisms = shell::bashisms::find(&script, &text, dialect)
                .iter()
                .map(|f| format!("{:?}", f.kind))
                .collect();
            Case {
                file: String::new(),
                line: 0,
                dialect,
                text,
                accepted: false,
                syntax,
                bashisms,
            }
        })
        .collect();
    let cases = run_cases(cases);
    let rejected = cases.iter().filter(|c| !c.accepted).count();
    // A bashism explains what dash rejects in bash-only syntax.
    let explains = |c: &Case| !c.syntax.is_empty() || !c.bashisms.is_empty();
    let found = cases.iter().filter(|c| !c.accepted && explains(c)).count();
    let false_alarms: Vec<String> = cases
        .iter()
        .filter(|c| c.accepted && !c.syntax.is_empty())
        .map(|c| format!("({}) {:?}:\n{}", c.dialect.as_str(), c.syntax, c.text))
        .collect();
    let missed: Vec<String> = cases
        .iter()
        .filter(|c| !c.accepted && !explains(c))
        .map(|c| format!("({}):\n{}", c.dialect.as_str(), c.text))
        .collect();
    eprintln!(
        "mutation oracle: {} variants, {} rejected by the shell, {} of them found, {} false",
        cases.len(),
        rejected,
        found,
        false_alarms.len()
    );
    if std::env::var_os("ORACLE_VERBOSE").is_some() {
        for m in &missed {
            eprintln!("missed {m}\n");
        }
    }
    assert!(
        false_alarms.is_empty(),
        "syntax errors on scripts the shell accepts:\n{}",
        false_alarms.join("\n\n")
    );
    assert!(
        found * 100 >= rejected * 90,
        "only {found} of {rejected} rejected variants found"
    );
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Verdict {
    /// The shell accepts it; no syntax error.
    Accept,
    /// The shell rejects it; a syntax error.
    Reject,
    /// dash rejects bash-only syntax; no syntax error (a bashism check
    /// reports the construct).
    Bashism,
    /// The shell rejects it, dockward does not see it (a known leniency).
    Lenient,
}

/// Hand-written scripts, broken and valid, with what the shell of the
/// dialect does with them. The table is checked against the real shells
/// (when present) and against dockward's parser.
const HAND_WRITTEN: &[(&str, &str, Verdict)] = {
    use Verdict::*;
    &[
        // Unterminated quotes and substitutions.
        ("sh", "echo \"abc", Reject),
        ("sh", "echo 'abc", Reject),
        ("sh", "echo $(date", Reject),
        ("sh", "echo ${x", Reject),
        ("sh", "echo `date", Reject),
        ("sh", "echo $((1+2)", Reject),
        ("bash", "echo \"abc", Reject),
        ("bash", "echo $(date", Reject),
        ("bash", "x=(1 2", Reject),
        // Compound commands without their closers, closers without openers.
        ("sh", "if true; then echo", Reject),
        ("sh", "if true; echo; fi", Reject),
        ("sh", "while true; do echo", Reject),
        ("sh", "for x in a b; echo; done", Reject),
        ("sh", "case x in a) echo;;", Reject),
        ("sh", "{ echo", Reject),
        ("sh", "( echo", Reject),
        ("sh", "f() { echo", Reject),
        ("sh", "echo )", Reject),
        ("sh", "echo; fi", Reject),
        ("sh", "echo; done", Reject),
        ("sh", "esac", Reject),
        ("sh", "then", Reject),
        ("sh", "echo; }", Reject),
        ("sh", "in", Reject),
        ("bash", "echo; in x", Reject),
        ("bash", "if true; then echo; fi; fi", Reject),
        // Dangling and misplaced operators.
        ("sh", "a &&", Reject),
        ("sh", "a ||", Reject),
        ("sh", "a |", Reject),
        ("sh", "&& b", Reject),
        ("sh", "| b", Reject),
        ("sh", "a ;; b", Reject),
        ("sh", "a & & b", Reject),
        ("sh", "a\n&& b", Reject),
        ("sh", "a\n| b", Reject),
        ("bash", "a\n|| b", Reject),
        ("sh", "echo a >", Reject),
        ("sh", "echo a > ;", Reject),
        ("sh", "echo (a)", Reject),
        ("sh", "a | ! b", Reject),
        ("sh", "! && a", Reject),
        ("bash", "! | a", Reject),
        // An unterminated here-document swallows the closers after it.
        ("sh", "if true; then cat <<EOF\na\nfi", Reject),
        ("bash", "x=$(cat <<EOF\na)", Reject),
        // Only one of the shells rejects these.
        ("sh", "!", Reject),
        ("bash", "!", Accept),
        ("sh", "if !; then :; fi", Reject),
        ("bash", "if !; then :; fi", Accept),
        ("sh", "echo `if`", Reject),
        ("bash", "echo `if`", Accept),
        ("sh", "x=`echo \"`", Reject),
        ("bash", "x=`echo \"`", Accept),
        ("sh", "[[ -f x ] && echo y", Accept),
        ("bash", "[[ -f x ] && echo y", Reject),
        ("sh", "f() echo hi", Accept),
        ("bash", "f() echo hi", Reject),
        // bash-only syntax that dash cannot parse: the bashism checks.
        ("sh", "a=(1 2)", Bashism),
        ("sh", "cat <(ls)", Bashism),
        ("sh", "function f { echo; }", Bashism),
        ("sh", "a |& b", Bashism),
        ("sh", "cat <<< x", Bashism),
        ("sh", "for ((i = 0; i < 3; i++)); do echo; done", Bashism),
        ("sh", "[[ (a) ]]", Bashism),
        ("sh", "select x in a b; do echo; done", Bashism),
        // Extended globs need `shopt -s extglob` on an earlier line.
        ("sh", "echo @(a|b)", Reject),
        ("sh", "sed -ri \"\"s!^#?(a)!b!\" f", Reject),
        ("bash", "echo @(a|b)", Reject),
        // (`bash -n` runs no `shopt`; bash itself accepts this one.)
        ("bash", "shopt -s extglob\necho @(a|b)", Lenient),
        ("bash", "shopt -s extglob; echo @(a|b)", Lenient),
        // Valid scripts that are easy to get wrong.
        ("sh", "cat <<EOF", Accept),
        ("sh", "cat <<EOF\nabc", Accept),
        ("sh", "case x in a) ;; esac", Accept),
        ("sh", "case x in (a) echo;; esac", Accept),
        ("sh", "case x in a|b) echo; esac", Accept),
        (
            "sh",
            "case x in\n  a)\n    echo\n    ;;\n  *) ;;\nesac",
            Accept,
        ),
        ("sh", "echo ${x:-{a}}", Accept),
        ("sh", "echo \"${{x}\"", Accept),
        ("sh", "echo ${x#\\}}", Accept),
        ("sh", "echo \"${x:-\"a b\"}\"", Accept),
        ("sh", "echo $(( (1 + 2) * 3 ))", Accept),
        ("sh", "echo $( (echo a) )", Accept),
        ("sh", "echo $((1 + ))", Accept),
        ("sh", "f() { echo; }", Accept),
        ("sh", "f() ( echo )", Accept),
        ("sh", "f()\n{\n  echo\n}", Accept),
        ("sh", "! true", Accept),
        ("sh", "if ! a; then :; fi", Accept),
        ("sh", "a &&\n\n  b", Accept),
        ("sh", "a |\n b", Accept),
        ("sh", "echo a # comment ) fi \"", Accept),
        ("sh", "x=1 y=2 env", Accept),
        ("sh", ">f echo", Accept),
        ("sh", "2>&1 echo", Accept),
        ("sh", "cat <<-EOF\n\tabc\n\tEOF\necho", Accept),
        ("sh", "cat <<'EOF'\n$(\nEOF\necho", Accept),
        ("sh", "cat <<EOF\n\"unbalanced\nEOF\necho", Accept),
        ("sh", "echo \"it's\" 'a\"b' \"\\\"\" '\\'", Accept),
        ("sh", "echo \\$\\( \\' \\\"", Accept),
        ("sh", "for x; do :; done", Accept),
        ("sh", "for x in; do :; done", Accept),
        ("sh", "while read -r l; do :; done < f", Accept),
        ("sh", "{ echo; } > f 2>&1", Accept),
        ("sh", "time ls", Accept),
        ("sh", "exec 3>&1", Accept),
        ("sh", ": ${x:=1}", Accept),
        ("sh", "echo {a,b} [a] a=b", Accept),
        ("sh", "echo $'a'", Accept),
        ("sh", "echo `echo \\`date\\``", Accept),
        ("sh", "x=$(case y in y) echo;; esac)", Accept),
        ("sh", "echo $(echo ')')", Accept),
        ("sh", "echo \"$(echo \"a\")\"", Accept),
        ("sh", "a & b & wait", Accept),
        ("sh", "echo a;", Accept),
        ("sh", "echo a &", Accept),
        (
            "sh",
            "if true; then :; elif false; then :; else :; fi",
            Accept,
        ),
        ("sh", "until false; do break; done", Accept),
        ("sh", "((i++))", Accept),
        ("sh", "echo a &> f", Accept),
        ("sh", "x[0]=1", Accept),
        ("sh", "echo ${x/a/b} ${x:1:2} ${!x}", Accept),
        ("bash", "a=(1 2) && cat <(ls) <<< x", Accept),
        ("bash", "[[ -f x && $y == z* ]] && echo", Accept),
        ("bash", "[[ $x =~ ^(a|b)$ ]]", Accept),
        ("bash", "for ((i = 0; i < 3; i++)); do echo; done", Accept),
        ("bash", "function f { echo; }", Accept),
        ("bash", "f() { local -a x=(1); echo \"${x[@]}\"; }", Accept),
        ("bash", "case x in a) echo;& b) echo;;& esac", Accept),
        ("bash", "echo $'a\\'b'", Accept),
        ("bash", "coproc cat", Accept),
        ("bash", "echo ${x,,} ${x^^} ${#x[@]}", Accept),
        ("bash", "echo \"${{x}\"", Accept),
        ("bash", "echo `echo ${x`", Accept),
    ]
};

#[test]
fn hand_written_scripts_agree_with_the_real_shells() {
    use dockward_analyzer::shell;
    let shells = shells_present();
    if !shells {
        assert!(
            std::env::var_os("CI").is_none(),
            "dash and bash are needed; .ci/run installs them"
        );
    }
    let mut failures = Vec::new();
    for &(dialect, text, verdict) in HAND_WRITTEN {
        let d = Dialect::of_program(dialect).expect("a dialect");
        let script = shell::parse(text);
        let error = script.errors.iter().find(|e| e.rejected_by(d));
        let reported = error.is_some();
        if reported != (verdict == Verdict::Reject) {
            failures.push(format!(
                "dockward ({dialect}) {}: {text:?} ({:?})",
                if reported { "rejects" } else { "accepts" },
                script.errors
            ));
        }
        if shells {
            let accepted = shell_accepts(oracle_shell(d), text).expect("run the shell");
            if accepted != (verdict == Verdict::Accept) {
                failures.push(format!(
                    "{} {}: {text:?} (the table says {verdict:?})",
                    oracle_shell(d),
                    if accepted { "accepts" } else { "rejects" }
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
