//! The Compose rule test harness: the generic one (`crate::testing`) over
//! the Compose model, with its `.env` and resolved files
//! (`Tester::dotenv`, `Tester::file`); and the checks of every Compose
//! rule's documentation and aliases.

/// The harness for a Compose rule: `ComposeTester::new_for(&Rule)`.
pub(crate) type ComposeTester = crate::testing::Tester<super::model::ComposeModel>;

#[cfg(test)]
mod tests {
    use crate::compose::model::{ComposeContext, ComposeModel};
    use crate::config::Config;
    use crate::registry::COMPOSE_RULES;

    /// The first ```yaml block after `marker` in `docs`.
    fn example_after<'d>(docs: &'d str, marker: &str) -> Option<&'d str> {
        let rest = &docs[docs.find(marker)? + marker.len()..];
        let start = rest.find("```yaml\n")? + "```yaml\n".len();
        let len = rest[start..].find("```")?;
        Some(&rest[start..start + len])
    }

    /// Each Compose rule's Example fires it and its Use instead does not.
    /// (A rule of another kind that also checks Compose files, such as
    /// `content-trust-disabled`, documents its first kind's examples and
    /// has Compose vectors beside it.)
    #[test]
    fn doc_examples_fire_and_use_instead_does_not() {
        for rule in COMPOSE_RULES {
            let m = rule.meta();
            if m.kinds.first() != Some(&crate::rule::FileKind::Compose) {
                continue;
            }
            let config = Config {
                select: Some(vec![m.code.to_owned()]),
                ..Config::default()
            };
            let docs = m.documentation();
            let count = |src: &str| {
                crate::compose::check(&ComposeModel::new(src, ComposeContext::default()), &config)
                    .into_iter()
                    .filter(|d| d.code == m.code)
                    .count()
            };
            let bad = example_after(&docs, "## Example")
                .unwrap_or_else(|| panic!("{}: no ```yaml example", m.code));
            assert!(
                count(bad) > 0,
                "{}: the Example does not fire:\n{bad}",
                m.code
            );
            let good = example_after(&docs, "Use instead:")
                .unwrap_or_else(|| panic!("{}: no ```yaml Use instead", m.code));
            assert_eq!(
                count(good),
                0,
                "{}: the Use instead example fires:\n{good}",
                m.code
            );
        }
    }

    /// Every rule mapped to a CIS item carries the `cis` group alias, and
    /// only those.
    #[test]
    fn cis_rules_carry_the_group_alias() {
        for rule in COMPOSE_RULES {
            let m = rule.meta();
            let mapped = m.aliases.iter().any(|a| a.starts_with("CIS-"));
            assert_eq!(m.aliases.contains(&"cis"), mapped, "{}", m.code);
            assert!(
                m.kinds.contains(&crate::rule::FileKind::Compose),
                "{}",
                m.code
            );
            if m.kinds.first() == Some(&crate::rule::FileKind::Compose) {
                assert_eq!(m.category, crate::rule::Category::Compose, "{}", m.code);
            }
        }
    }
}
