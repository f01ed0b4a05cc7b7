//! Seccomp profiles (the JSON `docker run --security-opt seccomp=FILE`,
//! Compose's `security_opt: [seccomp=FILE]` and daemon.json's
//! `seccomp-profile` name): a model over the strict JSON tree and the entry
//! point that runs the seccomp rules (`DW6100`–`DW6119`).
//!
//! # Model
//!
//! [`SeccompModel`] reads a profile as Docker does (moby's
//! `profiles/seccomp.LoadProfile`: Go's `encoding/json` into a struct, so
//! field names match case-insensitively and the last duplicate wins): the
//! `defaultAction`, and each entry of `syscalls` ([`SyscallRule`]: its
//! names with their ranges, action, argument filters and conditions).
//! Every value keeps its range.
//!
//! # Entry points
//!
//! [`analyze`] on a profile's text; [`check`] over a model. A Compose
//! service that names a profile (`seccomp=./profile.json`) is analysed by
//! running [`analyze`] on the text the edge reads; [`SeccompModel::unconfinement`]
//! tells whether the profile confines anything at all.
//!
//! JSON has no comments: findings are turned off only by configuration.

pub mod syscalls;

#[cfg(test)]
mod tests;

use crate::analysis::check_uncommented;
use crate::checker::FileModel;
use crate::config::Config;
use crate::json::{self, Json, JsonId, JsonKind, Member};
use crate::registry::SECCOMP_RULES;
use crate::{Diagnostic, TextRange};

/// The actions libseccomp (and so runc) knows; any other string makes the
/// container fail to start.
pub const ACTIONS: &[&str] = &[
    "SCMP_ACT_KILL",
    "SCMP_ACT_KILL_PROCESS",
    "SCMP_ACT_KILL_THREAD",
    "SCMP_ACT_TRAP",
    "SCMP_ACT_ERRNO",
    "SCMP_ACT_TRACE",
    "SCMP_ACT_ALLOW",
    "SCMP_ACT_LOG",
    "SCMP_ACT_NOTIFY",
];

/// The action lets the call through: `SCMP_ACT_ALLOW`, or `SCMP_ACT_LOG`
/// (logs it, then allows it).
#[must_use]
pub fn allows(action: &str) -> bool {
    matches!(action, "SCMP_ACT_ALLOW" | "SCMP_ACT_LOG")
}

/// One system call name in an entry's `names` (or its legacy `name`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyscallName {
    /// The string node.
    pub node: JsonId,
    /// The array holding it (`None` for a legacy `"name": "…"`).
    pub array: Option<JsonId>,
    /// Its index in that array.
    pub index: usize,
}

/// One entry of `syscalls`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyscallRule {
    /// The entry's object.
    pub entry: JsonId,
    /// The names the entry applies to, in order.
    pub names: Vec<SyscallName>,
    /// The `action` value.
    pub action: Option<JsonId>,
    /// The entry filters arguments (`args` non-empty): it applies to some
    /// calls only.
    pub has_args: bool,
    /// The capabilities the entry requires (`includes.caps`).
    pub requires_caps: Vec<JsonId>,
}

/// Why a profile confines nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unconfinement {
    /// `defaultAction` allows every call not listed (`SCMP_ACT_ALLOW`,
    /// `SCMP_ACT_LOG`); the value's node.
    DefaultAllows(JsonId),
    /// Neither `defaultAction` nor `syscalls` (`{}`): Docker applies no
    /// filter at all.
    Empty,
}

/// A parsed seccomp profile.
#[derive(Debug)]
pub struct SeccompModel {
    json: Json,
    default_action: Option<JsonId>,
    syscalls: Option<JsonId>,
    rules: Vec<SyscallRule>,
}

/// The result of analysing one profile.
#[derive(Debug)]
pub struct SeccompAnalysis {
    pub model: SeccompModel,
    /// Findings sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// Analyses a seccomp profile's text under `config`.
#[must_use]
pub fn analyze(src: &str, config: &Config) -> SeccompAnalysis {
    let model = SeccompModel::new(src);
    let diagnostics = check(&model, config);
    SeccompAnalysis { model, diagnostics }
}

/// Runs the enabled seccomp rules over a model.
#[must_use]
pub fn check(model: &SeccompModel, config: &Config) -> Vec<Diagnostic> {
    check_uncommented(model, SECCOMP_RULES, config)
}

/// Applies the fixes of the enabled seccomp rules until they converge;
/// a round whose result has more JSON errors than its input is refused.
#[must_use]
pub fn fix_all(src: &str, config: &Config, unsafe_fixes: bool) -> crate::fixes::FixOutcome {
    crate::fixes::fix_all_by(src, unsafe_fixes, |text| {
        let model = SeccompModel::new(text);
        let errors = model.json.errors().len() + usize::from(!model.is_profile());
        (errors, check(&model, config))
    })
}

impl FileModel for SeccompModel {
    fn source(&self) -> &str {
        self.json.source()
    }
}

/// The member of `object` that Go's `encoding/json` decodes into the field
/// `field`: the last one whose key matches ignoring ASCII case.
#[must_use]
pub fn field<'j>(json: &'j Json, object: JsonId, field: &str) -> Option<&'j Member> {
    json.members(object)
        .iter()
        .rev()
        .find(|m| json.key(m).eq_ignore_ascii_case(field))
}

/// The value of [`field`], `null` counting as absent.
#[must_use]
pub fn field_value(json: &Json, object: JsonId, name: &str) -> Option<JsonId> {
    field(json, object, name)
        .map(|m| m.value)
        .filter(|&v| !json.is_null(v))
}

impl SeccompModel {
    /// Parses `src` (never fails: errors are in [`json`](Self::json)).
    #[must_use]
    pub fn new(src: &str) -> Self {
        let json = json::parse(src);
        let root = json.root().filter(|&r| json.kind(r) == JsonKind::Object);
        let default_action = root.and_then(|r| field_value(&json, r, "defaultAction"));
        let syscalls = root.and_then(|r| field_value(&json, r, "syscalls"));
        let mut rules = Vec::new();
        for &entry in syscalls.map_or(&[][..], |s| json.items(s)) {
            if json.kind(entry) != JsonKind::Object {
                continue;
            }
            let mut names = Vec::new();
            if let Some(array) = field_value(&json, entry, "names") {
                for (index, &node) in json.items(array).iter().enumerate() {
                    if json.as_str(node).is_some() {
                        names.push(SyscallName {
                            node,
                            array: Some(array),
                            index,
                        });
                    }
                }
            }
            if let Some(node) = field_value(&json, entry, "name")
                && json.as_str(node).is_some_and(|n| !n.is_empty())
            {
                names.push(SyscallName {
                    node,
                    array: None,
                    index: 0,
                });
            }
            let has_args =
                field_value(&json, entry, "args").is_some_and(|a| !json.items(a).is_empty());
            let requires_caps = field_value(&json, entry, "includes")
                .and_then(|inc| field_value(&json, inc, "caps"))
                .map(|caps| json.items(caps).to_vec())
                .unwrap_or_default();
            rules.push(SyscallRule {
                entry,
                names,
                action: field_value(&json, entry, "action"),
                has_args,
                requires_caps,
            });
        }
        SeccompModel {
            json,
            default_action,
            syscalls,
            rules,
        }
    }

    /// The parsed JSON.
    #[must_use]
    pub fn json(&self) -> &Json {
        &self.json
    }

    /// The top-level object, when the document is one.
    #[must_use]
    pub fn root_object(&self) -> Option<JsonId> {
        self.json
            .root()
            .filter(|&r| self.json.kind(r) == JsonKind::Object)
    }

    /// The `defaultAction` value node.
    #[must_use]
    pub fn default_action(&self) -> Option<JsonId> {
        self.default_action
    }

    /// The `defaultAction` string (`None` when absent or not a string).
    #[must_use]
    pub fn default_action_name(&self) -> Option<&str> {
        self.json.as_str(self.default_action?)
    }

    /// The `syscalls` array node.
    #[must_use]
    pub fn syscalls_node(&self) -> Option<JsonId> {
        self.syscalls
    }

    /// The entries of `syscalls` that are objects, in order.
    #[must_use]
    pub fn rules(&self) -> &[SyscallRule] {
        &self.rules
    }

    /// A name's text.
    #[must_use]
    pub fn name(&self, n: &SyscallName) -> &str {
        self.json.as_str(n.node).unwrap_or("")
    }

    /// A name's range (quotes included).
    #[must_use]
    pub fn name_range(&self, n: &SyscallName) -> TextRange {
        self.json.node(n.node).span()
    }

    /// An entry's action string.
    #[must_use]
    pub fn action_name(&self, rule: &SyscallRule) -> Option<&str> {
        self.json.as_str(rule.action?)
    }

    /// The profile is read by Docker as a profile: an object (or `null`,
    /// which Go reads as an empty profile), whatever its errors.
    #[must_use]
    pub fn is_profile(&self) -> bool {
        self.json
            .root()
            .is_some_and(|r| matches!(self.json.kind(r), JsonKind::Object | JsonKind::Null))
    }

    /// Whether the profile confines nothing, and why. `None` for a text
    /// that is not a profile at all.
    #[must_use]
    pub fn unconfinement(&self) -> Option<Unconfinement> {
        if !self.is_profile() {
            return None;
        }
        if let Some(action) = self.default_action
            && self.json.as_str(action).is_some_and(allows)
        {
            return Some(Unconfinement::DefaultAllows(action));
        }
        let no_default = self
            .default_action
            .is_none_or(|a| self.json.as_str(a) == Some(""));
        let no_syscalls = self.syscalls.is_none_or(|s| self.json.items(s).is_empty());
        (no_default && no_syscalls && self.json.is_complete()).then_some(Unconfinement::Empty)
    }

    /// The fix edit that removes a name from its entry's `names` (`None`
    /// for a legacy `name`).
    #[must_use]
    pub fn remove_name_edit(&self, n: &SyscallName) -> Option<crate::Edit> {
        json::edit::remove_item(&self.json, n.array?, n.index)
    }
}
