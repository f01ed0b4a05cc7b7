//! Package-manager invocations inside RUN scripts, shared by the package
//! rules (DL3008–DL3062, DW1010, DW3001, DW3002), read from the command
//! layer ([`commands`](super::commands)) in its expanded view:
//!
//! - [`PackageCommand`]: the invocations of the package managers dockward
//!   knows ([`Manager`]) with their options, subcommand and operands;
//! - the shared bodies of the package rules: [`report_unpinned`] (the
//!   `*-package-unpinned` rules, each with its own version-syntax
//!   predicate), [`report_missing_option`] (`-y`, `--no-cache`,
//!   `--no-cache-dir`), [`report_not_cleaned`] (the cache rules);
//! - what the cleanup rules share: [`cache_mount_targets`] (the RUN's
//!   `--mount=type=cache|tmpfs` targets), [`path_covers`], [`removes_path`],
//!   [`shell_string_mentions`] and [`in_image_stage`].

use std::borrow::Cow;

use crate::checker::Checker;
use crate::model::Model;
use crate::rules::commands::{
    Arg, Invocation, Opt, OptSpec, UNKNOWN, of_instruction, parse_options,
};
use crate::syntax::Keyword;
use crate::values::mount::{MountKind, parse_mount};
use crate::{Applicability, Edit, Fix, TextRange};

/// The package managers dockward knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Manager {
    AptGet,
    Apt,
    Apk,
    Yum,
    Dnf,
    Microdnf,
    Tdnf,
    Zypper,
    /// `pip`, `pip3`, `pip3.12`, `python -m pip`.
    Pip,
    Pipx,
    Npm,
    Yarn,
    Gem,
    Go,
    Rpm,
}

impl Manager {
    /// The manager a program name runs (`python*` is handled separately).
    pub(crate) fn from_program(name: &str) -> Option<Manager> {
        Some(match name {
            "apt-get" => Manager::AptGet,
            "apt" => Manager::Apt,
            "apk" => Manager::Apk,
            "yum" => Manager::Yum,
            "dnf" | "dnf5" | "dnf-3" => Manager::Dnf,
            "microdnf" => Manager::Microdnf,
            "tdnf" => Manager::Tdnf,
            "zypper" => Manager::Zypper,
            "pipx" => Manager::Pipx,
            "npm" => Manager::Npm,
            "yarn" => Manager::Yarn,
            "gem" => Manager::Gem,
            "go" => Manager::Go,
            "rpm" => Manager::Rpm,
            _ if is_versioned(name, "pip") => Manager::Pip,
            _ => return None,
        })
    }

    /// `yum`, `dnf`, `microdnf`, `tdnf`.
    pub(crate) fn is_rpm_family(self) -> bool {
        matches!(
            self,
            Manager::Yum | Manager::Dnf | Manager::Microdnf | Manager::Tdnf
        )
    }

    /// `apt-get`, `apt`.
    pub(crate) fn is_apt(self) -> bool {
        matches!(self, Manager::AptGet | Manager::Apt)
    }

    fn spec(self) -> &'static OptSpec {
        match self {
            Manager::AptGet | Manager::Apt => &APT,
            Manager::Apk => &APK,
            Manager::Yum | Manager::Dnf | Manager::Microdnf | Manager::Tdnf => &DNF,
            Manager::Zypper => &ZYPPER,
            Manager::Pip | Manager::Pipx => &PIP,
            Manager::Npm => &NPM,
            Manager::Yarn => &YARN,
            Manager::Gem => &GEM,
            Manager::Go => &GO,
            Manager::Rpm => &RPM,
        }
    }
}

/// `name`, or `name` followed by a version (`pip3`, `pip3.12`, `python3.11`).
fn is_versioned(program: &str, name: &str) -> bool {
    program.strip_prefix(name).is_some_and(|rest| {
        rest.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && !rest.starts_with('.')
            && !rest.ends_with('.')
    })
}

/// What the package managers' option tables share: options may follow
/// operands, and apt's `-q=2` form.
const PACKAGE: OptSpec = OptSpec {
    short_equals: true,
    ..OptSpec::GNU
};

static APT: OptSpec = OptSpec {
    short_value: "octaP",
    long_value: &[
        "option",
        "config-file",
        "target-release",
        "default-release",
        "host-architecture",
        "build-profiles",
        "solver",
        "planner",
    ],
    ..PACKAGE
};

static APK: OptSpec = OptSpec {
    short_value: "Xpt",
    long_value: &[
        "repository",
        "root",
        "virtual",
        "arch",
        "cache-dir",
        "keys-dir",
        "repositories-file",
        "progress-fd",
        "wait",
        "cache-max-age",
        "timeout",
    ],
    ..PACKAGE
};

static DNF: OptSpec = OptSpec {
    short_value: "cdexR",
    long_value: &[
        "config",
        "debuglevel",
        "errorlevel",
        "exclude",
        "excludepkgs",
        "enablerepo",
        "disablerepo",
        "repo",
        "repoid",
        "setopt",
        "installroot",
        "releasever",
        "rpmverbosity",
        "downloaddir",
        "destdir",
        "color",
        "comment",
        "advisory",
        "advisories",
        "bz",
        "bzs",
        "cve",
        "cves",
        "sec-severity",
        "secseverity",
        "forcearch",
        "repofrompath",
        "enableplugin",
        "disableplugin",
        "disableexcludes",
        "disableexcludepkgs",
        "randomwait",
        "cachedir",
        "platform_id",
        "module_platform_id",
    ],
    ..PACKAGE
};

static ZYPPER: OptSpec = OptSpec {
    short_value: "RcpDCtr",
    long_value: &[
        "root",
        "config",
        "plus-repo",
        "plus-content",
        "reposd-dir",
        "cache-dir",
        "raw-cache-dir",
        "solv-cache-dir",
        "pkg-cache-dir",
        "userdata",
        "type",
        "repo",
        "from",
        "download",
    ],
    ..PACKAGE
};

static PIP: OptSpec = OptSpec {
    short_value: "rcetifbC",
    long_value: &[
        "requirement",
        "constraint",
        "editable",
        "target",
        "platform",
        "python-version",
        "implementation",
        "abi",
        "root",
        "prefix",
        "src",
        "upgrade-strategy",
        "index-url",
        "extra-index-url",
        "find-links",
        "no-binary",
        "only-binary",
        "progress-bar",
        "proxy",
        "trusted-host",
        "log",
        "log-file",
        "cache-dir",
        "timeout",
        "retries",
        "exists-action",
        "cert",
        "client-cert",
        "global-option",
        "install-option",
        "config-settings",
        "python",
        "report",
        "root-user-action",
        "keyring-provider",
        "use-feature",
        "use-deprecated",
        "build",
        "group",
        "pip-args",
        "spec",
        "suffix",
    ],
    ..PACKAGE
};

static NPM: OptSpec = OptSpec {
    short_value: "wC",
    long_value: &[
        "registry",
        "loglevel",
        "prefix",
        "cache",
        "userconfig",
        "globalconfig",
        "tag",
        "workspace",
        "omit",
        "include",
        "install-strategy",
        "before",
        "otp",
        "location",
        "save-prefix",
        "scope",
        "script-shell",
        "fetch-retries",
        "fetch-timeout",
        "proxy",
        "https-proxy",
        "ca",
        "cafile",
        "cert",
        "key",
        "access",
        "auth-type",
        "node-options",
        "python",
        "only",
        "also",
        "depth",
        "target_arch",
        "target_platform",
        "arch",
        "platform",
        "libc",
        "cpu",
        "os",
    ],
    bool_words: true,
    ..PACKAGE
};

static YARN: OptSpec = OptSpec {
    short_value: "",
    long_value: &[
        "cache-folder",
        "modules-folder",
        "global-folder",
        "link-folder",
        "preferred-cache-folder",
        "network-timeout",
        "network-concurrency",
        "mutex",
        "registry",
        "cwd",
        "use-yarnrc",
        "https-proxy",
        "proxy",
    ],
    bool_words: true,
    ..PACKAGE
};

static GEM: OptSpec = OptSpec {
    short_value: "vinspPg",
    long_value: &[
        "version",
        "install-dir",
        "bindir",
        "source",
        "http-proxy",
        "trust-policy",
        "file",
        "platform",
        "document",
        "build-root",
        "config-file",
        "target-rbconfig",
    ],
    ..PACKAGE
};

static GO: OptSpec = OptSpec {
    short_value: "",
    long_value: &[
        "o",
        "C",
        "p",
        "tags",
        "ldflags",
        "gcflags",
        "asmflags",
        "gccgoflags",
        "mod",
        "modfile",
        "pkgdir",
        "toolexec",
        "overlay",
        "pgo",
        "buildmode",
        "compiler",
        "installsuffix",
        "exec",
        "coverpkg",
        "covermode",
    ],
    single_dash_long: true,
    ..PACKAGE
};

static RPM: OptSpec = OptSpec {
    short_value: "D",
    long_value: &[
        "root",
        "dbpath",
        "define",
        "predefine",
        "prefix",
        "relocate",
        "excludepath",
        "macros",
        "rcfile",
        "pipe",
    ],
    ..PACKAGE
};

/// A package manager invocation.
#[derive(Clone, Debug)]
pub(crate) struct PackageCommand<'a> {
    pub inv: &'a Invocation<'a>,
    pub manager: Manager,
    /// How the command is named in messages: the program, or
    /// `python3 -m pip`.
    pub display: Cow<'a, str>,
    /// The manager's arguments: the invocation's (expanded) arguments, after
    /// `-m pip` for `python -m pip`.
    pub args: &'a [Arg<'a>],
    /// The options, with indices into `args`.
    pub opts: Vec<Opt<'a>>,
    /// Indices into `args` of the operands: the subcommand first (for
    /// managers that have one), then its operands.
    pub operands: Vec<usize>,
}

impl<'a> PackageCommand<'a> {
    /// The package-manager command an invocation runs, if any.
    pub(crate) fn new(inv: &'a Invocation<'a>) -> Option<PackageCommand<'a>> {
        let program: &'a str = &inv.program;
        let mut display = Cow::Borrowed(program);
        let mut args: &'a [Arg<'a>] = inv.args();
        let manager = match Manager::from_program(program) {
            Some(m) => m,
            None if is_versioned(program, "python") => {
                // `python [opts] -m pip …`: the arguments after the module.
                let mut k = 0;
                loop {
                    let a = args.get(k)?;
                    let module = if a.is("-m") {
                        k += 1;
                        args.get(k)?.known()?
                    } else if let Some(m) = a.text().strip_prefix("-m") {
                        m
                    } else if a.text().starts_with('-') && !a.text().starts_with("-c") {
                        k += if matches!(a.text(), "-W" | "-X") {
                            2
                        } else {
                            1
                        };
                        continue;
                    } else {
                        return None;
                    };
                    if !is_versioned(module, "pip") {
                        return None;
                    }
                    display = Cow::Owned(format!("{program} -m {module}"));
                    args = &args[k + 1..];
                    break Manager::Pip;
                }
            }
            None => return None,
        };
        let (operands, opts): (Vec<Opt<'a>>, Vec<Opt<'a>>) = parse_options(args, manager.spec())
            .into_iter()
            .partition(Opt::is_operand);
        Some(PackageCommand {
            inv,
            manager,
            display,
            args,
            opts,
            operands: operands.iter().map(|o| o.arg).collect(),
        })
    }

    /// The instruction that runs the command.
    pub(crate) fn instruction(&self) -> usize {
        self.inv.instruction()
    }

    /// The first operand: the subcommand (`install`, `add`, `update`).
    pub(crate) fn subcommand_arg(&self) -> Option<&'a Arg<'a>> {
        self.operands.first().map(|&i| &self.args[i])
    }

    /// The subcommand's value, when known.
    pub(crate) fn subcommand(&self) -> Option<&'a str> {
        self.subcommand_arg().and_then(Arg::known)
    }

    /// The subcommand is one of `names`.
    pub(crate) fn is_subcommand(&self, names: &[&str]) -> bool {
        self.subcommand().is_some_and(|s| names.contains(&s))
    }

    /// The `k`-th operand (the subcommand is the first).
    pub(crate) fn operand(&self, k: usize) -> Option<&'a Arg<'a>> {
        self.operands.get(k).map(|&i| &self.args[i])
    }

    /// The operands after the subcommand.
    pub(crate) fn operands_after_subcommand(&self) -> impl Iterator<Item = &'a Arg<'a>> + '_ {
        self.operands.iter().skip(1).map(|&i| &self.args[i])
    }

    /// Any occurrence of the short option `short` or one of the long options.
    pub(crate) fn has_opt(&self, short: &[char], long: &[&str]) -> bool {
        self.opts_named(short, long).next().is_some()
    }

    /// The occurrences of the short option `short` or one of the long options.
    pub(crate) fn opts_named<'s>(
        &'s self,
        short: &'s [char],
        long: &'s [&'s str],
    ) -> impl Iterator<Item = &'s Opt<'a>> + 's {
        self.opts.iter().filter(move |o| o.is_opt(short, long))
    }

    /// The file range from the program word to the end of the subcommand
    /// (`apt-get install`), or the program word alone.
    pub(crate) fn head_range(&self) -> TextRange {
        let start = self.inv.program_span;
        let span = match self.subcommand_arg() {
            Some(sub) if sub.span.start() >= start.end() => start.cover(sub.span),
            _ => start,
        };
        self.inv.file_range(span)
    }

    /// `program subcommand` for messages (`apt-get install`, `pip3 install`).
    pub(crate) fn label(&self) -> String {
        let Some(sub) = self.subcommand() else {
            return self.display.clone().into_owned();
        };
        match self.operand(1).and_then(Arg::known) {
            Some(action)
                if matches!(sub, "module" | "group" | "global" | "config")
                    && !action.starts_with('-') =>
            {
                format!("{} {sub} {action}", self.display)
            }
            _ => format!("{} {sub}", self.display),
        }
    }

    /// A hit at `arg` (an operand of this command) labelled with its value.
    pub(crate) fn hit_at(&self, arg: &Arg<'_>) -> Hit {
        Hit {
            instruction: self.instruction(),
            range: self.inv.file_range(arg.span),
            label: arg.text().to_owned(),
            command: self.label(),
            edits: Vec::new(),
        }
    }

    /// A hit at the command's head (`apt-get install`), with a fix edit.
    pub(crate) fn hit_at_head(&self, edit: Option<Edit>) -> Hit {
        Hit {
            instruction: self.instruction(),
            range: self.head_range(),
            label: self.label(),
            command: self.label(),
            edits: edit.into_iter().collect(),
        }
    }

    /// An edit inserting ` text` right after the subcommand word, when that
    /// word is written literally.
    pub(crate) fn insert_after_subcommand(&self, text: &str) -> Option<Edit> {
        let sub = self.subcommand_arg()?;
        if !sub.is_literal() {
            return None;
        }
        let at = self.inv.file_range(sub.span).end();
        Some(Edit::insert(at, format!(" {text}")))
    }
}

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

/// The package-manager invocations among `all`, and for each invocation the
/// index of its package command.
pub(crate) fn package_commands<'a>(
    all: &'a [Invocation<'a>],
) -> (Vec<PackageCommand<'a>>, Vec<Option<u32>>) {
    let mut list = Vec::new();
    let mut of_invocation = Vec::with_capacity(all.len());
    for inv in all {
        let pc = PackageCommand::new(inv);
        of_invocation.push(pc.as_ref().and_then(|_| u32::try_from(list.len()).ok()));
        list.extend(pc);
    }
    (list, of_invocation)
}

/// An rpm package operand (`yum`/`dnf`/`zypper install`) that names a
/// package without a version: `httpd`, `epel-release`, `gcc-c++`; not
/// `httpd-2.4.6`, `x.rpm`, a path or URL, `@group`, or an unknown value.
/// After the name, a version is a `-` followed by parts made of letters,
/// digits and `.~^_:+`, one of them starting with a digit.
pub(crate) fn rpm_unpinned(arg: &Arg<'_>) -> bool {
    let v = arg.text();
    if v.is_empty()
        || v.starts_with('-')
        || v.starts_with('@')
        || v.contains('/')
        || v.ends_with(".rpm")
        || v.contains(['=', '<', '>'])
    {
        return false;
    }
    let mut parts = v.split('-');
    parts.next();
    let rest: Vec<&str> = parts.collect();
    if rest.iter().any(|p| p.contains(UNKNOWN)) {
        return false;
    }
    if arg.has_unknown() && rest.is_empty() {
        return false;
    }
    let version_like = !rest.is_empty()
        && rest.iter().all(|p| {
            p.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".~^_:+".contains(c))
        })
        && rest
            .iter()
            .any(|p| p.chars().next().is_some_and(|c| c.is_ascii_digit()));
    !version_like
}

// ---------------------------------------------------------------------------
// Cleanup helpers
// ---------------------------------------------------------------------------

/// The targets of the RUN's `--mount=type=cache` and `type=tmpfs` mounts
/// (what is written there stays out of the layer), expanded.
pub(crate) fn cache_mount_targets(model: &Model, instruction: usize) -> Vec<String> {
    let Some(inst) = model.instructions().get(instruction) else {
        return Vec::new();
    };
    let run = inst.onbuild_trigger().unwrap_or(inst);
    let src = model.src();
    let escape = model.file.escape.as_char();
    let mut out = Vec::new();
    for flag in &run.flags {
        if flag.name() != "mount" {
            continue;
        }
        let Some(cooked) = flag.value() else { continue };
        let range = flag.value_range(src);
        let spec = if range == flag.range {
            parse_mount(cooked, 0, escape)
        } else {
            parse_mount(range.slice(src), range.start(), escape)
        };
        if !matches!(spec.kind, MountKind::Cache | MountKind::Tmpfs) {
            continue;
        }
        if let Some(target) = spec.target {
            let value = if target.symbolic {
                model.expand(instruction, &target.text)
            } else {
                target.text
            };
            out.push(value);
        }
    }
    out
}

fn trim_path(p: &str) -> &str {
    let t = p.trim_end_matches('/');
    if t.is_empty() && p.starts_with('/') {
        "/"
    } else {
        t
    }
}

/// `dir` is `ancestor` or inside it.
pub(crate) fn path_covers(ancestor: &str, dir: &str) -> bool {
    let a = trim_path(ancestor);
    let d = trim_path(dir);
    if a.is_empty() || a.contains(UNKNOWN) {
        return false;
    }
    d == a || a == "/" || d.strip_prefix(a).is_some_and(|rest| rest.starts_with('/'))
}

/// The invocation is `rm` of `dir`, of a directory containing it, or of
/// `dir/*`.
pub(crate) fn removes_path(inv: &Invocation<'_>, dir: &str) -> bool {
    inv.program == "rm"
        && inv.args().iter().any(|a| {
            let Some(v) = a.known() else { return false };
            if v.starts_with('-') {
                return false;
            }
            let v = v
                .strip_suffix("/*")
                .or_else(|| v.strip_suffix("*"))
                .unwrap_or(v);
            path_covers(v, dir)
        })
}

/// The invocation is a shell running a `-c` string (`bash -c "…"`,
/// `sh -ec '…'`) whose text mentions one of `needles`. dockward does not
/// parse such strings; the cleanup rules accept a cleanup they mention.
pub(crate) fn shell_string_mentions(inv: &Invocation<'_>, needles: &[&str]) -> bool {
    if !matches!(
        &*inv.program,
        "sh" | "bash" | "dash" | "ash" | "zsh" | "ksh" | "mksh" | "busybox"
    ) {
        return false;
    }
    let Some(c) = inv.args().iter().position(|a| {
        a.value.starts_with('-') && !a.value.starts_with("--") && a.value.contains('c')
    }) else {
        return false;
    };
    inv.args()[c + 1..]
        .iter()
        .any(|a| needles.iter().any(|n| a.value.contains(n)))
}

/// The instruction's layers end up in an image: it is in the last stage, in
/// a stage another stage is built `FROM`, or in an ONBUILD trigger.
pub(crate) fn in_image_stage(model: &Model, instruction: usize) -> bool {
    if model.is(instruction, Keyword::Onbuild) {
        return true;
    }
    let Some(stage) = model.stage_of(instruction) else {
        return true;
    };
    stage.index + 1 == model.stages.len()
        || model.stages.iter().any(|s| s.parent == Some(stage.index))
}

/// The text of the RUN scripts that run before the command at `order` in
/// its stage (and the stages it is built on): where an earlier
/// `echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/…` would be.
pub(crate) fn earlier_script_text_contains(
    model: &Model,
    inv: &Invocation<'_>,
    needle: &str,
) -> bool {
    let needle = needle.to_ascii_lowercase();
    let instruction = inv.instruction();
    let stage = model.stage_of(instruction).map(|s| s.index);
    let lineage: Vec<usize> = match stage {
        Some(s) => std::iter::once(s)
            .chain(model.ancestors(s).map(|a| a.index))
            .collect(),
        None => Vec::new(),
    };
    model.scripts.iter().enumerate().any(|(k, run)| {
        let same_stage = model.stage_of(run.instruction).map(|s| s.index);
        let relevant = if run.instruction == instruction {
            k <= inv.script
        } else {
            same_stage == stage && run.instruction < instruction
                || same_stage.is_some_and(|s| Some(s) != stage && lineage.contains(&s))
        };
        if !relevant {
            return false;
        }
        let text = if k == inv.script {
            &run.text[..inv.program_span.start().min(run.text.len())]
        } else {
            run.text.as_str()
        };
        text.to_ascii_lowercase().contains(&needle)
    })
}

// ---------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------

/// One offending place.
#[derive(Clone, Debug)]
pub(crate) struct Hit {
    pub instruction: usize,
    /// File range.
    pub range: TextRange,
    /// What is at the range (a package name), for messages.
    pub label: String,
    /// The command it belongs to (`apt-get install`), for messages.
    pub command: String,
    /// Edits fixing this place, if any.
    pub edits: Vec<Edit>,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::commands::invocations;
    use crate::rules::commands::tests::{ODD_RUNS, odd_model};

    #[test]
    fn options_and_operands() {
        let model = Model::new(
            "FROM a\nRUN apt-get -qq -o Dpkg::Options::=--force-confold install -t buster --no-install-recommends -y=1 a b=1 -- -c\n",
        );
        let all = invocations(&model);
        let pc = &package_commands(&all).0[0];
        assert_eq!(pc.manager, Manager::AptGet);
        assert_eq!(pc.subcommand(), Some("install"));
        let names: Vec<_> = pc.opts.iter().map(|o| o.name).collect();
        assert_eq!(names, ["q", "q", "o", "t", "no-install-recommends", "y"]);
        assert_eq!(pc.opts[2].value, Some("Dpkg::Options::=--force-confold"));
        assert_eq!(pc.opts[3].value, Some("buster"));
        assert_eq!(pc.opts[5].value, Some("1"));
        let ops: Vec<_> = pc.operands_after_subcommand().map(Arg::text).collect();
        assert_eq!(ops, ["a", "b=1", "-c"]);
    }

    #[test]
    fn python_dash_m_pip() {
        let model = Model::new("FROM a\nRUN python3 -u -m pip install --no-cache-dir x\n");
        let all = invocations(&model);
        let pc = &package_commands(&all).0[0];
        assert_eq!(pc.manager, Manager::Pip);
        assert_eq!(pc.subcommand(), Some("install"));
        assert!(pc.has_opt(&[], &["no-cache-dir"]));
        assert_eq!(
            pc.head_range().slice(model.src()),
            "python3 -u -m pip install"
        );
        for src in [
            "FROM a\nRUN python -c 'x' -m pip\n",
            "FROM a\nRUN pipenv install\n",
        ] {
            let model = Model::new(src);
            assert!(package_commands(&invocations(&model)).0.is_empty());
        }
    }

    #[test]
    fn go_flags_are_single_dash() {
        let model = Model::new("FROM a\nRUN go install -ldflags '-s -w' -v example.com/x@v1\n");
        let all = invocations(&model);
        let pc = &package_commands(&all).0[0];
        let ops: Vec<_> = pc.operands_after_subcommand().map(Arg::text).collect();
        assert_eq!(ops, ["example.com/x@v1"]);
    }

    #[test]
    fn cache_mounts_and_paths() {
        let model = Model::new(
            "FROM a\nARG D=/var/cache/apt\nRUN --mount=type=cache,target=$D --mount=type=tmpfs,dst=/tmp --mount=type=bind,target=/x true\n",
        );
        let i = model.scripts[0].instruction;
        assert_eq!(cache_mount_targets(&model, i), ["/var/cache/apt", "/tmp"]);
        assert!(path_covers("/var/lib/apt", "/var/lib/apt/lists"));
        assert!(path_covers("/var/lib/apt/lists/", "/var/lib/apt/lists"));
        assert!(!path_covers("/var/lib/ap", "/var/lib/apt/lists"));
        assert!(!path_covers(
            "/var/lib/apt/lists/partial",
            "/var/lib/apt/lists"
        ));
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let package_runs = [
            "python -m",
            "python3 -W",
            "apt-get -o",
            "apt-get install -t",
            "pip install -r",
            "go install -o",
            "apk add -",
            "apt-get -q=",
            "npm --strict-ssl",
            "yum --setopt",
            "apt-get install 'a b",
            "`apt-get install x",
            "apt-get install é=1 ü",
            "rm -rf /var/lib/apt/lists/ \u{FFFC}",
            "zypper ar -G",
            "bash -c",
            "sh -ec",
        ];
        for run in ODD_RUNS.iter().chain(&package_runs) {
            let model = odd_model(run);
            let all = invocations(&model);
            for pc in package_commands(&all).0 {
                let _ = (
                    pc.label(),
                    pc.head_range(),
                    pc.insert_after_subcommand("-y"),
                );
                let _ = pc.operands_after_subcommand().map(rpm_unpinned).count();
            }
            for inv in &all {
                let _ = (removes_path(inv, "/x"), shell_string_mentions(inv, &["x"]));
                let _ = earlier_script_text_contains(&model, inv, "x");
            }
            let _ = cache_mount_targets(&model, 1);
        }
    }

    #[test]
    fn image_stages() {
        let model = Model::new("FROM a AS base\nRUN x\nFROM a AS build\nRUN y\nFROM base\nRUN z\n");
        let runs: Vec<_> = model.scripts.iter().map(|s| s.instruction).collect();
        assert!(in_image_stage(&model, runs[0]));
        assert!(!in_image_stage(&model, runs[1]));
        assert!(in_image_stage(&model, runs[2]));
    }
}
