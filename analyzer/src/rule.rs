//! The rule framework: metadata, the [`Rule`] trait and the `declare_rule!`
//! macro that turns a rule's doc comment into its documentation.

use crate::Severity;
use crate::checker::{Checker, FileModel};
use crate::config::RuleOptions;
use crate::model::Model;

/// The kinds of file dockward analyses. Each has its own syntax and model;
/// they share the rule framework, configuration, suppressions, fixes and
/// outputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileKind {
    /// A Dockerfile or Containerfile.
    Dockerfile,
    /// A Compose file (`compose.yaml`, `docker-compose.yml`, overrides).
    Compose,
    /// The Docker daemon's `daemon.json`.
    Daemon,
    /// A seccomp profile (JSON).
    Seccomp,
}

impl FileKind {
    pub const ALL: [FileKind; 4] = [
        FileKind::Dockerfile,
        FileKind::Compose,
        FileKind::Daemon,
        FileKind::Seccomp,
    ];

    /// `dockerfile`, `compose`, `daemon`, `seccomp` (the CLI's `--kind`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Dockerfile => "dockerfile",
            FileKind::Compose => "compose",
            FileKind::Daemon => "daemon",
            FileKind::Seccomp => "seccomp",
        }
    }

    /// Parses [`as_str`](Self::as_str)'s names (case-insensitive).
    #[must_use]
    pub fn from_name(name: &str) -> Option<FileKind> {
        FileKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(name))
    }
}

/// What a rule is about; DW codes are numbered by category.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// The file does not parse or would not build.
    Syntax,
    /// The shell scripts RUN executes (ShellCheck's checks, bashisms).
    Shell,
    /// Unsafe images: root, secrets, unverified downloads.
    Security,
    /// Mistakes that break or change the build (BuildKit's checks).
    Correctness,
    /// Reproducibility and image hygiene (pinning, caches, layers).
    BestPractice,
    /// Consistency and readability.
    Style,
    /// The running container, as a Compose file configures it.
    Compose,
    /// The daemon's configuration (`daemon.json`) and seccomp profiles.
    Daemon,
    /// dockward's own bookkeeping (suppressions).
    Meta,
}

impl Category {
    /// The heading of the category's table in rules.md.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Category::Syntax => "Syntax",
            Category::Shell => "Shell",
            Category::Security => "Security",
            Category::Correctness => "Correctness",
            Category::BestPractice => "Best practice",
            Category::Style => "Style",
            Category::Compose => "Compose",
            Category::Daemon => "Daemon",
            Category::Meta => "Meta",
        }
    }

    /// One sentence on what the category covers.
    #[must_use]
    pub fn description(self) -> &'static str {
        match self {
            Category::Syntax => "The file does not parse, or would not build.",
            Category::Shell => {
                "The shell scripts RUN executes: ShellCheck's checks (SC codes), bashisms under `/bin/sh`, shell syntax errors."
            }
            Category::Security => "Unsafe images: root, secrets, unverified downloads.",
            Category::Correctness => "Mistakes that break or change the build (BuildKit's checks).",
            Category::BestPractice => "Reproducibility and image hygiene: pinning, caches, layers.",
            Category::Style => "Consistency and readability.",
            Category::Compose => {
                "The running container, as a Compose file configures it (CIS Docker Benchmark section 5)."
            }
            Category::Daemon => {
                "The daemon's `daemon.json` and seccomp profiles (CIS Docker Benchmark section 2)."
            }
            Category::Meta => "dockward's own bookkeeping (suppressions).",
        }
    }

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Syntax => "syntax",
            Category::Shell => "shell",
            Category::Security => "security",
            Category::Correctness => "correctness",
            Category::BestPractice => "best-practice",
            Category::Style => "style",
            Category::Compose => "compose",
            Category::Daemon => "daemon",
            Category::Meta => "meta",
        }
    }
}

/// Whether a rule offers fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FixAvailability {
    None,
    Sometimes,
    Always,
}

/// Everything known about a rule without running it.
#[derive(Debug)]
pub struct RuleMeta {
    /// `DLxxxx` for hadolint's rules, `SCxxxx` for ShellCheck's checks,
    /// `DWxxxx` for dockward's own.
    pub code: &'static str,
    /// The kinds of file the rule checks (most rules: one).
    pub kinds: &'static [FileKind],
    /// Kebab-case, naming the pattern flagged.
    pub name: &'static str,
    /// Ids of equivalent peer rules: hadolint codes, BuildKit check names,
    /// Trivy `DS-` ids, Checkov `CKV_` ids.
    pub aliases: &'static [&'static str],
    pub severity: Severity,
    pub default_enabled: bool,
    pub category: Category,
    pub fix: FixAvailability,
    /// The rule's documentation (Markdown), from its doc comment.
    pub docs: &'static str,
    /// Suppressions cannot silence this rule (syntax errors).
    pub unsuppressible: bool,
}

/// BuildKit's build-check names (`docker build --check`).
pub const BUILDKIT_CHECKS: &[&str] = &[
    "StageNameCasing",
    "FromAsCasing",
    "NoEmptyContinuation",
    "ConsistentInstructionCasing",
    "DuplicateStageName",
    "ReservedStageName",
    "JSONArgsRecommended",
    "MaintainerDeprecated",
    "UndefinedArgInFrom",
    "WorkdirRelativePath",
    "UndefinedVar",
    "MultipleInstructionsDisallowed",
    "LegacyKeyValueFormat",
    "RedundantTargetPlatform",
    "SecretsUsedInArgOrEnv",
    "InvalidDefaultArgInFrom",
    "FromPlatformFlagConstDisallowed",
    "CopyIgnoredFile",
    "InvalidDefinitionDescription",
    "ExposeProtoCasing",
    "ExposeInvalidFormat",
];

/// BuildKit checks that only run when enabled with `experimental=`.
pub const BUILDKIT_EXPERIMENTAL: &[&str] = &["InvalidDefinitionDescription"];

impl RuleMeta {
    /// The BuildKit check this rule implements or overlaps, if any.
    #[must_use]
    pub fn buildkit_check(&self) -> Option<&'static str> {
        self.aliases
            .iter()
            .copied()
            .find(|a| BUILDKIT_CHECKS.contains(a))
    }

    /// The documentation as Markdown (doc-comment indentation removed).
    #[must_use]
    pub fn documentation(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim().to_owned()
    }

    /// The first paragraph of "What it does", on one line.
    #[must_use]
    pub fn summary(&self) -> String {
        let docs = self.documentation();
        let body = docs
            .split_once("## What it does")
            .map_or(docs.as_str(), |(_, rest)| rest);
        let para = body.trim_start().split("\n\n").next().unwrap_or("");
        let para = para.split_once("\n#").map_or(para, |(p, _)| p);
        para.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// True when `id` names this rule: its code, name or one of its aliases
    /// (case-insensitive).
    #[must_use]
    pub fn is_named(&self, id: &str) -> bool {
        self.code.eq_ignore_ascii_case(id)
            || self.name.eq_ignore_ascii_case(id)
            || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(id))
    }
}

/// A rule: metadata plus a check over the model of one kind of file (`M`:
/// the Dockerfile [`Model`] unless said otherwise). A rule that checks
/// several kinds implements `Rule<M>` once per model and is listed in each
/// kind's registry.
pub trait Rule<M: FileModel = Model>: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, cx: &mut Checker<'_, M>);

    /// Sets the options the documentation examples run under, for rules that
    /// only fire when configured (the label schema, trusted registries).
    fn example_options(&self, _options: &mut RuleOptions) {}

    /// The rule walks the whole file on its own (the Compose schema walk)
    /// and costs many times what a typical rule does: when the rules run on
    /// several threads, such rules start first so none is left running
    /// alone at the end.
    fn is_heavy(&self) -> bool {
        false
    }
}

/// Declares a rule struct and its [`RuleMeta`]. The doc comment is the rule's
/// documentation, with the sections `## What it does`, `## Why is this bad?`,
/// `## Example` (then `Use instead:`), and where relevant `## Fix safety` and
/// `## Options`. `kinds: [Compose]` names the kinds of file the rule checks
/// (default: Dockerfile).
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub $name:ident {
            code: $code:literal,
            name: $rule_name:literal,
            aliases: [$($alias:literal),* $(,)?],
            severity: $severity:ident,
            category: $category:ident,
            $(kinds: [$($kind:ident),+ $(,)?],)?
            default: $default:literal,
            fix: $fix:ident,
            $(unsuppressible: $unsup:literal,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;

        impl $name {
            pub const META: $crate::rule::RuleMeta = $crate::rule::RuleMeta {
                code: $code,
                kinds: $crate::declare_rule!(@kinds $($($kind),+)?),
                name: $rule_name,
                aliases: &[$($alias),*],
                severity: $crate::Severity::$severity,
                default_enabled: $default,
                category: $crate::rule::Category::$category,
                fix: $crate::rule::FixAvailability::$fix,
                docs: concat!($($doc, "\n"),*),
                unsuppressible: false $(|| $unsup)?,
            };
        }
    };
    (@kinds) => { &[$crate::rule::FileKind::Dockerfile] };
    (@kinds $($kind:ident),+) => { &[$($crate::rule::FileKind::$kind),+] };
}
