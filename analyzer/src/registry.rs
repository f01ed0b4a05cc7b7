//! The one list of rules. Adding a rule: write `rules/<name>.rs`, add its
//! `mod` line in `rules/mod.rs` and one line here, then regenerate rules.md
//! (`UPDATE_RULES_MD=1 cargo test -p dockward-analyzer rules_md`).

use crate::rule::{Rule, RuleMeta};
use crate::rules;

/// Every rule, in code order.
pub static RULES: &[&dyn Rule] = &[&rules::syntax_error::SyntaxError];

/// Every rule's metadata, in code order.
pub fn all() -> impl Iterator<Item = &'static RuleMeta> {
    RULES.iter().map(|r| r.meta())
}

/// The rule with this exact code.
#[must_use]
pub fn by_code(code: &str) -> Option<&'static RuleMeta> {
    all().find(|m| m.code.eq_ignore_ascii_case(code))
}

/// Every rule an identifier names: a code or a name names one rule, a peer
/// alias may name several (BuildKit's `MultipleInstructionsDisallowed` covers
/// DL3012, DL4003 and DL4004), `ALL` names every rule.
#[must_use]
pub fn resolve(id: &str) -> Vec<&'static RuleMeta> {
    if id.eq_ignore_ascii_case("ALL") {
        return all().collect();
    }
    all().filter(|m| m.is_named(id)).collect()
}
