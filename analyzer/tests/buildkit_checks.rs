//! BuildKit's `check` directive works on every rule that implements or
//! overlaps a BuildKit build check: `# check=skip=<Name>` silences it (in the
//! parser directive and in the comment above an instruction),
//! `# check=error=true` turns its findings into errors, and the
//! experimental checks run only when `experimental=` enables them. Each rule
//! is exercised on the `## Example` of its own documentation, so rules added
//! later are covered without touching this file.

use dockward_analyzer::rule::{BUILDKIT_EXPERIMENTAL, RuleMeta};
use dockward_analyzer::{Config, Context, Diagnostic, Severity, analyze_with, registry};

/// The first ```` ```<lang> ```` block after `marker` in `docs`.
fn block_after<'d>(docs: &'d str, marker: &str, lang: &str) -> Option<&'d str> {
    let rest = &docs[docs.find(marker)? + marker.len()..];
    let open = format!("```{lang}\n");
    let start = rest.find(&open)? + open.len();
    let len = rest[start..].find("```")?;
    Some(&rest[start..start + len])
}

struct Case {
    meta: &'static RuleMeta,
    check: &'static str,
    example: String,
    dockerignore: Option<String>,
}

fn cases() -> Vec<Case> {
    registry::all()
        .filter_map(|meta| {
            let check = meta.buildkit_check()?;
            let docs = meta.documentation();
            let example = block_after(&docs, "## Example", "dockerfile")
                .unwrap_or_else(|| panic!("{}: no example", meta.code))
                .to_owned();
            let dockerignore = block_after(&docs, "## Example", "dockerignore").map(str::to_owned);
            Some(Case {
                meta,
                check,
                example,
                dockerignore,
            })
        })
        .collect()
}

/// The findings of `case`'s rule on `src`, with `config`.
fn findings(case: &Case, src: &str, config: &Config) -> Vec<Diagnostic> {
    let context = Context {
        dockerignore: case.dockerignore.as_deref(),
    };
    analyze_with(src, config, context)
        .diagnostics
        .into_iter()
        .filter(|d| d.code == case.meta.code)
        .collect()
}

fn selected(case: &Case) -> Config {
    Config {
        select: Some(vec![case.meta.code.to_owned()]),
        ..Config::default()
    }
}

#[test]
fn every_buildkit_aliased_rule_is_covered() {
    let cases = cases();
    let codes: Vec<&str> = cases.iter().map(|c| c.meta.code).collect();
    for code in [
        "DW2001", "DW2002", "DW2003", "DW2004", "DW2005", "DW2006", "DW2007", "DW2008", "DW2009",
        "DW2010", "DW2011", "DW2012", "DW2013",
    ] {
        assert!(codes.contains(&code), "{code} carries no BuildKit alias");
    }
    // DL4000 is on main with MaintainerDeprecated; the hadolint rules of the
    // other engineers join this list as they land.
    assert!(codes.contains(&"DL4000"));
}

#[test]
fn the_examples_fire() {
    for case in cases() {
        let found = findings(&case, &case.example, &selected(&case));
        assert!(
            !found.is_empty(),
            "{} ({}): the example does not fire:\n{}",
            case.meta.code,
            case.check,
            case.example
        );
    }
}

#[test]
fn check_skip_silences_each_rule() {
    for case in cases() {
        for directive in [
            format!("# check=skip={}\n", case.check),
            format!("# check=skip=Other,{} ;error=true\n", case.check),
            "# check=skip=all\n".to_owned(),
        ] {
            let src = format!("{directive}{}", case.example);
            let found = findings(&case, &src, &selected(&case));
            assert!(
                found.is_empty(),
                "{} ({}): `{}` does not silence it: {found:#?}",
                case.meta.code,
                case.check,
                directive.trim()
            );
        }
    }
}

#[test]
fn check_skip_above_an_instruction_silences_it_there() {
    for case in cases() {
        let config = selected(&case);
        let found = findings(&case, &case.example, &config);
        // Put `# check=skip=<Name>` above every instruction that has a finding.
        let mut lines: Vec<String> = case.example.lines().map(str::to_owned).collect();
        let mut starts: Vec<usize> = found
            .iter()
            .filter_map(|d| d.instruction)
            .map(|i| {
                let model = dockward_analyzer::model::Model::new(&case.example);
                model.instructions()[i as usize].start_line as usize
            })
            .collect();
        starts.sort_unstable();
        starts.dedup();
        if starts.is_empty() {
            continue; // file-level findings only
        }
        for &line in starts.iter().rev() {
            lines.insert(line, format!("# check=skip={}", case.check));
        }
        let src = lines.join("\n") + "\n";
        let left: Vec<_> = findings(&case, &src, &config)
            .into_iter()
            .filter(|d| d.instruction.is_some())
            .collect();
        assert!(
            left.is_empty(),
            "{} ({}): per-instruction skip leaves {left:#?}\n{src}",
            case.meta.code,
            case.check
        );
    }
}

#[test]
fn check_error_true_makes_errors() {
    for case in cases() {
        let src = format!("# check=error=true\n{}", case.example);
        let found = findings(&case, &src, &selected(&case));
        assert!(!found.is_empty(), "{}: nothing found", case.meta.code);
        assert!(
            found.iter().all(|d| d.severity == Severity::Error),
            "{} ({}): check=error=true left {found:#?}",
            case.meta.code,
            case.check
        );
        // And without the directive, the rule's own severity stays.
        let plain = findings(&case, &case.example, &selected(&case));
        assert!(plain.iter().all(|d| d.severity == case.meta.severity));
    }
}

#[test]
fn experimental_checks_run_only_when_enabled() {
    for case in cases() {
        if !BUILDKIT_EXPERIMENTAL.contains(&case.check) {
            continue;
        }
        assert!(
            !case.meta.default_enabled,
            "{} is on by default",
            case.meta.code
        );
        let default = Config::default();
        assert!(
            findings(&case, &case.example, &default).is_empty(),
            "{} runs without experimental=",
            case.meta.code
        );
        for directive in [
            format!("# check=experimental={}\n", case.check),
            "# check=experimental=all\n".to_owned(),
            // `skip=all` does not turn off what `experimental=` turns on.
            format!("# check=skip=all;experimental={}\n", case.check),
        ] {
            let src = format!("{directive}{}", case.example);
            assert!(
                !findings(&case, &src, &default).is_empty(),
                "{}: `{}` does not enable it",
                case.meta.code,
                directive.trim()
            );
        }
    }
}
