//! Package-manager invocations inside RUN scripts, shared by the package
//! rules (DL3008–DL3062, DW1010, DW3001, DW3002), read from the command
//! layer ([`commands`](super::commands)) in its expanded view:
//!
//! - [`PackageCommand`]: the invocations of the package managers dockward
//!   knows ([`Manager`]) with their options, subcommand and operands;
//! - what the cleanup rules share: [`cache_mount_targets`] (the RUN's
//!   `--mount=type=cache|tmpfs` targets), [`path_covers`], [`removes_path`],
//!   [`shell_string_mentions`] and [`in_image_stage`].

use std::borrow::Cow;

use crate::facts::commands::{Arg, Invocation, Opt, OptSpec, UNKNOWN, parse_options};
use crate::model::Model;
use crate::syntax::Keyword;
use crate::values::mount::{MountKind, parse_mount};
use crate::{Edit, TextRange};

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
    stage.index + 1 == model.stages.len() || !stage.children.is_empty()
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
    // The scripts of the stage before the command, and of its ancestors;
    // `model.scripts` is in instruction order.
    let mut ranges = Vec::new();
    match stage {
        Some(s) => {
            ranges.push(model.stages[s].instructions.start..instruction + 1);
            ranges.extend(model.ancestors(s).map(|a| a.instructions.clone()));
        }
        None => ranges.push(0..instruction + 1),
    }
    ranges.into_iter().any(|range| {
        let first = model
            .scripts
            .partition_point(|r| r.instruction < range.start);
        model.scripts[first..]
            .iter()
            .enumerate()
            .take_while(|(_, r)| r.instruction < range.end)
            .any(|(offset, run)| {
                let k = first + offset;
                if run.instruction == instruction && k > inv.script {
                    return false;
                }
                let text = if k == inv.script {
                    &run.text[..inv.program_span.start().min(run.text.len())]
                } else {
                    run.text.as_str()
                };
                text.to_ascii_lowercase().contains(&needle)
            })
    })
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::commands::invocations;
    use crate::facts::commands::tests::{ODD_RUNS, odd_model};

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
