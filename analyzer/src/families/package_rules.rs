//! The shared bodies of the package rules, over the package commands
//! ([`crate::facts::package_commands`]): [`report_unpinned`] (the
//! `*-package-unpinned` rules, each with its own version-syntax predicate),
//! [`report_missing_option`] (`-y`, `--no-cache`, `--no-cache-dir`),
//! [`report_not_cleaned`] (the cache rules), all reporting one finding per
//! instruction as hadolint does.

use crate::checker::Checker;
use crate::facts::commands::{Arg, Invocation, UNKNOWN, of_instruction};
use crate::facts::package_commands::*;
use crate::{Applicability, Edit, Fix};

/// Some invocation of the same instruction as `inv` whose program is known,
/// running after it, satisfies `pred` (given its package command, if any).
pub(crate) fn any_later<'a>(
    cx: &Checker<'a>,
    inv: &Invocation<'_>,
    mut pred: impl FnMut(&'a Invocation<'a>, Option<&'a PackageCommand<'a>>) -> bool,
) -> bool {
    of_instruction(cx.invocations(), inv.instruction())
        .iter()
        .any(|other| {
            other.has_program()
                && other.order() > inv.order()
                && pred(other, cx.package_command(other))
        })
}

/// Reports one finding per instruction, as hadolint does: at the first hit,
/// with the other hits as related locations (`related` names them) and one
/// fix combining every hit's edits.
pub(crate) fn report_per_instruction(
    cx: &mut Checker<'_>,
    mut hits: Vec<Hit>,
    message: impl Fn(&[Hit]) -> String,
    related: &str,
    fix: Option<(&str, Applicability)>,
) {
    hits.sort_by_key(|h| (h.instruction, h.range.start()));
    let mut start = 0;
    while start < hits.len() {
        let instruction = hits[start].instruction;
        let end = start
            + hits[start..]
                .iter()
                .take_while(|h| h.instruction == instruction)
                .count();
        let group = &hits[start..end];
        let mut edits: Vec<Edit> = group.iter().flat_map(|h| h.edits.iter().cloned()).collect();
        edits.sort_by_key(|e| (e.range.start(), e.range.end()));
        edits.dedup();
        let diagnostic = cx
            .report(group[0].range, message(group))
            .with_instruction(instruction);
        for h in &group[1..] {
            diagnostic.with_related(h.range, related);
        }
        if let Some((title, applicability)) = fix
            && !edits.is_empty()
        {
            diagnostic.with_fix(Fix::new(title, applicability, edits));
        }
        start = end;
    }
}

/// The shared body of the `*-package-unpinned` rules. `unpinned` returns,
/// for one package command, its package operands without a version (none
/// when the command installs nothing the rule checks); each rule keeps its
/// manager's version syntax. One finding per instruction, at the first
/// unpinned package, naming them all.
pub(crate) fn report_unpinned<'a, I>(
    cx: &mut Checker<'a>,
    unpinned: impl Fn(&'a PackageCommand<'a>) -> I,
) where
    I: IntoIterator<Item = &'a Arg<'a>>,
{
    let hits = cx
        .package_commands()
        .iter()
        .flat_map(|pc| unpinned(pc).into_iter().map(|a| pc.hit_at(a)))
        .collect();
    report_per_instruction(cx, hits, unpinned_message, "Also unpinned", None);
}

/// `arg` is a package operand without a version: its value is known, not
/// empty, not an option, and `unpinned` (a manager's version syntax) finds
/// no version in it.
pub(crate) fn is_unpinned(arg: &Arg<'_>, unpinned: fn(&str) -> bool) -> bool {
    arg.known()
        .is_some_and(|v| !v.is_empty() && !v.starts_with('-') && unpinned(v))
}

impl<'a> PackageCommand<'a> {
    /// The operands after the subcommand that are packages without a
    /// version by `unpinned` ([`is_unpinned`]); none unless `installs`.
    pub(crate) fn unpinned_operands(
        &self,
        installs: bool,
        unpinned: fn(&str) -> bool,
    ) -> impl Iterator<Item = &'a Arg<'a>> + '_ {
        self.operands_after_subcommand()
            .filter(move |a| installs && is_unpinned(a, unpinned))
    }
}

/// What a rule that wants an option on a package command reports (`-y`,
/// `--no-cache`, `--no-cache-dir`, `--no-install-recommends`).
pub(crate) struct MissingOption<'r> {
    /// The option the fix inserts after the subcommand.
    pub option: &'r str,
    /// The message after the command's label: "`apt-get install` {what}".
    pub what: &'r str,
    /// The note at the other commands of the same RUN.
    pub related: &'r str,
    /// How safe inserting the option is.
    pub fix: Applicability,
}

impl MissingOption<'_> {
    /// `-y` for the package managers that ask for confirmation (DL3014,
    /// DL3030, DL3038).
    pub(crate) const ASSUME_YES: MissingOption<'static> = MissingOption {
        option: "-y",
        what: "without `-y` aborts at the confirmation prompt",
        related: "Also without `-y`",
        fix: Applicability::Safe,
    };
}

/// The shared body of the rules that want an option on a package command:
/// every command `lacks` is reported at its head (`apt-get install`), one
/// finding per instruction, with a fix inserting the option after the
/// subcommand.
pub(crate) fn report_missing_option<'a>(
    cx: &mut Checker<'a>,
    rule: &MissingOption<'_>,
    lacks: impl Fn(&'a PackageCommand<'a>) -> bool,
) {
    let hits = cx
        .package_commands()
        .iter()
        .filter(|pc| lacks(pc))
        .map(|pc| pc.hit_at_head(pc.insert_after_subcommand(rule.option)))
        .collect();
    report_per_instruction(
        cx,
        hits,
        |h| format!("`{}` {}", h[0].label, rule.what),
        rule.related,
        Some((&format!("Add `{}`", rule.option), rule.fix)),
    );
}

/// What a cache rule looks for (DL3009, DL3032, DL3036, DL3040, DL3060).
pub(crate) struct Cleanup<'r, 'a> {
    /// The command fills the cache (`apt-get update`, `yum install`).
    pub fills: &'r dyn Fn(&'a PackageCommand<'a>) -> bool,
    /// A `--mount=type=cache|tmpfs` target that keeps the cache out of the
    /// layer.
    pub mounted: &'r dyn Fn(&str) -> bool,
    /// A later command of the same RUN (with its package command, if any)
    /// empties the cache.
    pub cleans: &'r dyn Fn(&'a Invocation<'a>, Option<&'a PackageCommand<'a>>) -> bool,
    /// The message, given the command's label (`apt-get update`).
    pub message: &'r dyn Fn(&str) -> String,
    /// The note at the other commands of the same RUN.
    pub related: &'r str,
}

/// The shared body of the cache rules: every command that fills a cache,
/// in a RUN without a cache mount for it, and not followed in the same RUN
/// by a command that empties it; one finding per instruction.
pub(crate) fn report_not_cleaned<'a>(cx: &mut Checker<'a>, rule: &Cleanup<'_, 'a>) {
    let mut hits = Vec::new();
    for pc in cx.package_commands() {
        if !(rule.fills)(pc)
            || cache_mount_targets(cx.model, pc.instruction())
                .iter()
                .any(|t| (rule.mounted)(t))
            || any_later(cx, pc.inv, rule.cleans)
        {
            continue;
        }
        hits.push(pc.hit_at_head(None));
    }
    report_per_instruction(
        cx,
        hits,
        |h| (rule.message)(&h[0].label),
        rule.related,
        None,
    );
}

/// `` `a` ``, `` `a`, `b` `` … for messages, at most five names.
pub(crate) fn quoted_list(hits: &[Hit]) -> String {
    let mut out = String::new();
    for (i, h) in hits.iter().take(5).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push('`');
        out.push_str(&h.label.replace(UNKNOWN, "…"));
        out.push('`');
    }
    if hits.len() > 5 {
        out.push_str(&format!(" and {} more", hits.len() - 5));
    }
    out
}

/// "`a`, `b` have no pinned version in `apt-get install`".
pub(crate) fn unpinned_message(hits: &[Hit]) -> String {
    let verb = if hits.len() == 1 { "has" } else { "have" };
    let command = hits.first().map_or("", |h| h.command.as_str());
    format!(
        "{} {verb} no pinned version in `{command}`",
        quoted_list(hits)
    )
}
