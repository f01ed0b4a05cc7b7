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
        let strings = crate::analysis::exec_form_strings(&model);
        let start = src.find("echo").unwrap();
        let inside = Fix::safe("q", vec![Edit::insert(start, "x=\"1\" ")]);
        let fixed = crate::analysis::fit_exec_form_scripts(&strings, inside).expect("kept");
        assert_eq!(fixed.edits[0].content, "x=\\\"1\\\" ");
        let across = Fix::safe(
            "q",
            vec![Edit::replace(TextRange::new(start - 1, start + 4), "")],
        );
        assert!(crate::analysis::fit_exec_form_scripts(&strings, across).is_none());
        let before = Fix::safe("q", vec![Edit::insert(0, "# c\n")]);
        assert!(crate::analysis::fit_exec_form_scripts(&strings, before).is_some());
    }
}
