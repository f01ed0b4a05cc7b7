//! Applying fixes to text: pick non-overlapping edits, re-analyse, repeat
//! until nothing changes. Shared by `dockward lint --fix`, the language
//! server's fix-all and the rule tests.

use crate::analysis::{Context, check_model};
use crate::config::Config;
use crate::model::Model;
use crate::{Applicability, Diagnostic, Edit};

/// How many analyse-and-fix rounds to try before giving up.
pub const MAX_ROUNDS: usize = 10;

/// Applies the fixes of `diagnostics` whose applicability is allowed, in
/// order, skipping any fix that overlaps one already taken. Returns the new
/// text and the number of fixes applied.
#[must_use]
pub fn apply_fixes(src: &str, diagnostics: &[Diagnostic], unsafe_fixes: bool) -> (String, usize) {
    let mut chosen: Vec<&Edit> = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut count = 0;
    let mut fixes: Vec<_> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| match f.applicability {
            Applicability::Safe => true,
            Applicability::Unsafe => unsafe_fixes,
            Applicability::DisplayOnly => false,
        })
        .collect();
    fixes.sort_by_key(|f| f.edits.first().map(|e| (e.range.start, e.range.end)));
    'fixes: for fix in fixes {
        for e in &fix.edits {
            let (s, t) = (e.range.start(), e.range.end());
            // Overlap, or two insertions at the same point (order unknown).
            if taken.iter().any(|&(a, b)| conflicts((s, t), (a, b))) {
                continue 'fixes;
            }
        }
        for e in &fix.edits {
            taken.push((e.range.start(), e.range.end()));
            chosen.push(e);
        }
        count += 1;
    }
    chosen.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(src.len());
    let mut last = 0;
    for e in chosen {
        if e.range.start() < last {
            continue;
        }
        out.push_str(&src[last..e.range.start()]);
        out.push_str(&e.content);
        last = e.range.end();
    }
    out.push_str(&src[last..]);
    (out, count)
}

/// Whether two edits cannot both be applied: overlapping ranges, two
/// insertions at one point (their order would be arbitrary), or an insertion
/// inside a replaced range.
fn conflicts((s, t): (usize, usize), (a, b): (usize, usize)) -> bool {
    let overlap = s < b && a < t;
    let same_insert = s == t && a == b && s == a;
    let insert_inside = (s == t && a < s && s < b) || (a == b && s < a && a < t);
    overlap || same_insert || insert_inside
}

/// The outcome of [`fix_all`].
#[derive(Debug)]
pub struct FixOutcome {
    /// The fixed text (equal to the input when nothing could be fixed).
    pub text: String,
    /// Fixes applied over all rounds.
    pub applied: usize,
    /// Rounds run.
    pub rounds: usize,
    /// True when another round would still change the text.
    pub converged: bool,
    /// The last round's fixed text was rejected because it parsed with more
    /// errors than its input.
    pub rejected: bool,
}

/// Fixes `src` until no fixable finding remains (at most [`MAX_ROUNDS`]).
/// A round whose result parses with more syntax errors than its input is
/// discarded, so the result never has new parse errors.
#[must_use]
pub fn fix_all(src: &str, config: &Config, context: Context<'_>, unsafe_fixes: bool) -> FixOutcome {
    fix_loop(
        src,
        unsafe_fixes,
        |text| check_model(&Model::new(text), config, context),
        |text| Model::new(text).file.errors.len(),
    )
}

/// The fix loop of every kind of file: `analyze` gives a text's findings,
/// `syntax_errors` counts what its parser refuses; a round that would add
/// syntax errors is discarded and the loop stops.
pub fn fix_loop(
    src: &str,
    unsafe_fixes: bool,
    mut analyze: impl FnMut(&str) -> Vec<Diagnostic>,
    syntax_errors: impl Fn(&str) -> usize,
) -> FixOutcome {
    let mut text = src.to_owned();
    let mut applied = 0;
    let mut rejected = false;
    for round in 0..MAX_ROUNDS {
        let errors = syntax_errors(&text);
        let diagnostics = analyze(&text);
        let (next, n) = apply_fixes(&text, &diagnostics, unsafe_fixes);
        if n == 0 || next == text {
            return FixOutcome {
                text,
                applied,
                rounds: round,
                converged: true,
                rejected,
            };
        }
        if syntax_errors(&next) > errors {
            rejected = true;
            return FixOutcome {
                text,
                applied,
                rounds: round,
                converged: false,
                rejected,
            };
        }
        text = next;
        applied += n;
    }
    FixOutcome {
        text,
        applied,
        rounds: MAX_ROUNDS,
        converged: false,
        rejected,
    }
}

/// [`fix_all`] for any kind of file: `analyse` returns a text's syntax
/// error count and its findings under the caller's configuration (the
/// daemon.json and seccomp kinds use it: `daemon::fix_all`,
/// `seccomp::fix_all`).
pub fn fix_all_by(
    src: &str,
    unsafe_fixes: bool,
    mut analyse: impl FnMut(&str) -> (usize, Vec<Diagnostic>),
) -> FixOutcome {
    let mut text = src.to_owned();
    let mut applied = 0;
    for round in 0..MAX_ROUNDS {
        let (errors, diagnostics) = analyse(&text);
        let (next, n) = apply_fixes(&text, &diagnostics, unsafe_fixes);
        if n == 0 || next == text {
            return FixOutcome {
                text,
                applied,
                rounds: round,
                converged: true,
                rejected: false,
            };
        }
        if analyse(&next).0 > errors {
            return FixOutcome {
                text,
                applied,
                rounds: round,
                converged: false,
                rejected: true,
            };
        }
        text = next;
        applied += n;
    }
    FixOutcome {
        text,
        applied,
        rounds: MAX_ROUNDS,
        converged: false,
        rejected: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Fix, Severity, TextRange};

    fn diag(fix: Fix) -> Diagnostic {
        Diagnostic {
            code: "DL0000",
            name: "test",
            severity: Severity::Warning,
            message: String::new(),
            range: TextRange::default(),
            fix: Some(fix),
            related: Vec::new(),
            tags: Vec::new(),
            instruction: None,
        }
    }

    #[test]
    fn skips_overlapping_and_unsafe() {
        let src = "abcdef";
        let d = vec![
            diag(Fix::safe(
                "x",
                vec![Edit::replace(TextRange::new(0, 2), "X")],
            )),
            diag(Fix::safe(
                "y",
                vec![Edit::replace(TextRange::new(1, 3), "Y")],
            )),
            diag(Fix::unsafe_(
                "z",
                vec![Edit::replace(TextRange::new(4, 5), "Z")],
            )),
            diag(Fix::safe("w", vec![Edit::insert(6, "!")])),
        ];
        assert_eq!(apply_fixes(src, &d, false), ("Xcdef!".to_owned(), 2));
        assert_eq!(apply_fixes(src, &d, true), ("XcdZf!".to_owned(), 3));
    }

    #[test]
    fn fixes_inside_exec_form_scripts_stay_valid_json() {
        // DL3014 inserts `-y`, DL3015 `--no-install-recommends`, both inside
        // the JSON string; the result is still exec form, with the options.
        let src = "FROM debian:12\nRUN [\"sh\", \"-c\", \"apt-get install x=1\"]\n";
        let out = fix_all(src, &Config::default(), Context::default(), true);
        assert!(out.applied >= 2, "{out:?}");
        let model = Model::new(&out.text);
        let run = &model.instructions()[1];
        let crate::syntax::Args::Json(array) = &run.args else {
            panic!("no longer exec form: {}", out.text);
        };
        let script = &array.items[2].value;
        assert!(
            script.contains("-y") && script.contains("--no-install-recommends"),
            "{script}"
        );
    }

    #[test]
    fn edits_are_escaped_inside_and_dropped_across_exec_form_strings() {
        let src = "FROM a\nRUN [\"sh\", \"-c\", \"echo hi\"]\n";
        let model = Model::new(src);
        let embedded = crate::analysis::Embedded::new(&model).expect("an exec-form string");
        let start = src.find("echo").unwrap();
        let inside = Fix::safe("q", vec![Edit::insert(start, "x=\"1\" ")]);
        let fixed = embedded.fit(inside).expect("kept");
        assert_eq!(fixed.edits[0].content, "x=\\\"1\\\" ");
        let across = Fix::safe(
            "q",
            vec![Edit::replace(TextRange::new(start - 1, start + 4), "")],
        );
        assert!(embedded.fit(across).is_none());
        let before = Fix::safe("q", vec![Edit::insert(0, "# c\n")]);
        assert!(embedded.fit(before).is_some());
    }

    /// Applies DL3014 and DL3015 to `src` until they converge: the fixed
    /// text (which must parse without errors) and its model.
    fn fixed_by_apt_rules(src: &str) -> (String, Model) {
        let config = Config {
            select: Some(vec!["DL3014".to_owned(), "DL3015".to_owned()]),
            ..Config::default()
        };
        let out = fix_all(src, &config, Context::default(), true);
        assert!(
            out.converged && !out.rejected && out.applied >= 2,
            "{out:?}"
        );
        let model = Model::new(&out.text);
        assert!(model.file.errors.is_empty(), "{}", out.text);
        (out.text, model)
    }

    /// The quote-removed words of script `index`, which must parse.
    fn words(model: &Model, index: usize) -> Vec<String> {
        let run = &model.scripts[index];
        assert!(run.script.errors.is_empty(), "{:?}", run.text);
        run.script
            .simple_commands()
            .flat_map(|c| c.command.words.iter())
            .map(|w| w.literal(&run.text).expect("literal").into_owned())
            .collect()
    }

    fn assert_apt_fixed(words: &[String], package: &str) {
        assert_eq!(words.len(), 5, "{words:?}");
        assert_eq!(&words[..2], ["apt-get", "install"], "{words:?}");
        assert!(words.iter().any(|w| w == "-y"), "{words:?}");
        assert!(
            words.iter().any(|w| w == "--no-install-recommends"),
            "{words:?}"
        );
        assert_eq!(words[4], package, "{words:?}");
    }

    #[test]
    fn fixes_inside_a_json_escaped_exec_form_string() {
        let (text, model) = fixed_by_apt_rules(
            r#"FROM debian:12
RUN ["sh", "-c", "apt-get install \"foo\""]
"#,
        );
        let crate::syntax::Args::Json(array) = &model.instructions()[1].args else {
            panic!("no longer exec form: {text}");
        };
        assert_eq!(array.items[2].value, model.scripts[0].text);
        assert_apt_fixed(&words(&model, 0), "foo");
    }

    #[test]
    fn fixes_inside_sh_c_strings() {
        for src in [
            r#"FROM debian:12
RUN sh -c "apt-get install foo"
"#,
            r#"FROM debian:12
RUN sh -c 'apt-get install "foo"'
"#,
            r#"FROM debian:12
RUN sudo bash -ec "apt-get install \"foo\""
"#,
            r#"FROM debian:12
RUN ["sh", "-c", "bash -c 'apt-get install \"foo\"'"]
"#,
            "FROM debian:12\nRUN bash <<EOF\napt-get install foo\nEOF\n",
        ] {
            let (text, model) = fixed_by_apt_rules(src);
            assert!(
                model.scripts[1].source.is_nested(),
                "{text}: {:?}",
                model.scripts
            );
            assert_apt_fixed(&words(&model, 1), "foo");
            // The enclosing script still runs exactly one command.
            assert_eq!(
                model.scripts[0].script.simple_commands().count(),
                1,
                "{text}"
            );
        }
    }

    /// Applies `edits` (script ranges of script `index`, new text) the way
    /// the analysis fits a rule's fix; `None` when the fix is dropped.
    fn edit_script(src: &str, index: usize, edits: &[(usize, usize, &str)]) -> Option<Model> {
        let model = Model::new(src);
        let run = &model.scripts[index];
        let edits = edits
            .iter()
            .map(|&(s, e, c)| Edit::replace(run.file_range(TextRange::new(s, e)), c))
            .collect();
        let fix = Fix::safe("t", edits);
        let fix = match crate::analysis::Embedded::new(&model) {
            Some(e) => e.fit(fix)?,
            None => fix,
        };
        let (out, n) = apply_fixes(src, &[diag(fix)], false);
        assert_eq!(n, 1);
        Some(Model::new(&out))
    }

    #[test]
    fn inserted_text_is_escaped_for_the_quoting_it_lands_in() {
        let after = |src: &str, index: usize, edits: &[(usize, usize, &str)]| {
            let m = edit_script(src, index, edits).expect("kept");
            (m.src().to_owned(), m.scripts[index].text.clone())
        };
        // Quoting `$x` inside a double-quoted `sh -c` string.
        let (src, script) = after(r#"RUN sh -c "echo \$x""#, 1, &[(5, 5, "\""), (7, 7, "\"")]);
        assert_eq!(src, r#"RUN sh -c "echo \"\$x\"""#);
        assert_eq!(script, r#"echo "$x""#);
        // A `'` inside `sh -c '…'` closes, escapes and reopens the quotes.
        let (src, script) = after("RUN sh -c 'echo $x'", 1, &[(5, 7, "'$x'")]);
        assert_eq!(src, r"RUN sh -c 'echo '\''$x'\'''");
        assert_eq!(script, "echo '$x'");
        // The same inside an exec-form string: then JSON-escaped.
        let (src, script) = after(
            r#"RUN ["sh", "-c", "sh -c 'echo $x'"]"#,
            1,
            &[(5, 7, r#"'"$x"'"#)],
        );
        assert_eq!(src, r#"RUN ["sh", "-c", "sh -c 'echo '\\''\"$x\"'\\'''"]"#);
        assert_eq!(script, r#"echo '"$x"'"#);
        // An unquoted here-document body: `$` and `` ` `` are escaped.
        let (src, script) = after("RUN bash <<EOF\necho hi\nEOF\n", 1, &[(7, 7, " \"$HOME\"")]);
        assert_eq!(src, "RUN bash <<EOF\necho hi \"\\$HOME\"\nEOF\n");
        assert_eq!(script, "echo hi \"$HOME\"\n");
        // An unquoted `-c` word: blanks are escaped.
        let (src, script) = after("RUN sh -c ls", 1, &[(2, 2, " -l")]);
        assert_eq!(src, r"RUN sh -c ls\ -l");
        assert_eq!(script, "ls -l");
        // Replacing a decoded `"` replaces its whole escape.
        let (src, script) = after(r#"RUN ["sh", "-c", "echo \"q\""]"#, 0, &[(5, 6, "'")]);
        assert_eq!(src, r#"RUN ["sh", "-c", "echo 'q\""]"#);
        assert_eq!(script, r#"echo 'q""#);
    }

    #[test]
    fn edits_cutting_an_escape_or_a_quote_are_dropped() {
        let src = r#"RUN ["sh", "-c", "echo \"q\""]"#;
        let model = Model::new(src);
        let embedded = crate::analysis::Embedded::new(&model).expect("decoded");
        let backslash = src.find(r#"\"q"#).unwrap();
        // Between the backslash and the quote it escapes.
        let cut = Fix::safe("t", vec![Edit::insert(backslash + 1, "x")]);
        assert!(embedded.fit(cut).is_none());
        // From inside the string to outside it.
        let across = Fix::safe(
            "t",
            vec![Edit::replace(TextRange::new(backslash, src.len() - 1), "")],
        );
        assert!(embedded.fit(across).is_none());
        // A `sh -c '…'` string: from its text over its closing quote.
        let src = "RUN sh -c 'echo hi' && true";
        let model = Model::new(src);
        let embedded = crate::analysis::Embedded::new(&model).expect("decoded");
        let hi = src.find("hi").unwrap();
        let across = Fix::safe("t", vec![Edit::replace(TextRange::new(hi, hi + 3), "")]);
        assert!(embedded.fit(across).is_none());
        // The whole word, quotes included, is the enclosing script's text.
        let word = src.find("'echo").unwrap();
        let whole = Fix::safe(
            "t",
            vec![Edit::replace(TextRange::new(word, hi + 3), "'x'")],
        );
        assert_eq!(embedded.fit(whole).expect("kept").edits[0].content, "'x'");
    }

    #[test]
    fn every_rule_fixes_embedded_scripts_without_breaking_them() {
        let config = Config {
            select: Some(vec!["ALL".to_owned()]),
            ..Config::default()
        };
        for src in [
            "FROM debian:12\nRUN [\"sh\", \"-c\", \"apt-get install \\\"foo\\\" && echo \\\\$x \\\n foo\"]\n",
            "FROM a\nRUN sh -c 'apt-get install x && echo \"$HOME\"' && bash -ec \"cd /x && make \\\"\\$T\\\"\" && find . -exec sh -c 'strip \"$1\"' _ {} \\;\n",
            "FROM a\nRUN bash -e <<EOF\n# shellcheck disable=SC2086\napt-get install $x `date`\nEOF\nRUN <<'EOF' sh\ncurl x | sh\nEOF\n",
            "FROM a\nRUN [\"sh\", \"-c\", \"bash -c \\\"sh -c 'apt-get install \\\\\\\"\\\\$1\\\\\\\"'\\\"\"]\n",
            "FROM a\nRUN sh -c 'apt-get update' && sh -c \"apt-get install -y 'a b'\" && sh -c ls\\ -l\n",
        ] {
            let errors = Model::new(src).file.errors.len();
            let out = fix_all(src, &config, Context::default(), true);
            assert!(!out.rejected, "{src}\n→\n{}", out.text);
            assert!(
                Model::new(&out.text).file.errors.len() <= errors,
                "{}",
                out.text
            );
        }
    }
}
