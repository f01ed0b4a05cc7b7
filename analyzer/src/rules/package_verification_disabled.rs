use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::commands::{Arg, Invocation, Opt, OptSpec, parse_options};
use crate::facts::package_commands::Hit;
use crate::facts::package_commands::{Manager, PackageCommand};
use crate::families::package_rules::report_per_instruction;
use crate::rule::{Rule, RuleMeta};
use crate::{Applicability, Edit, TextRange};

declare_rule! {
    /// ## What it does
    /// Flags package-manager options that turn off the checks guarding what
    /// gets installed:
    ///
    /// - apk `--allow-untrusted`;
    /// - apt-get / apt `--allow-unauthenticated`,
    ///   `--allow-insecure-repositories`, `--force-yes`, and `-o` settings
    ///   `APT::Get::AllowUnauthenticated`, `Acquire::AllowInsecureRepositories`,
    ///   `Acquire::https::Verify-Peer=false`, `Verify-Host=false`;
    /// - yum / dnf / microdnf / tdnf `--nogpgcheck`, and `--setopt` (also in
    ///   `yum-config-manager` / `dnf config-manager`) turning off `gpgcheck`,
    ///   `localpkg_gpgcheck` or `sslverify`;
    /// - zypper `--no-gpg-checks`, `addrepo --no-gpgcheck`;
    /// - rpm `--nosignature`, `--nodigest`, `--nofiledigest`, `--noverify`;
    /// - pip `--trusted-host` and `pip config set …trusted-host`;
    /// - npm / yarn `strict-ssl false` (`config set`, `--strict-ssl=false`,
    ///   `--no-strict-ssl`);
    /// - `go get -insecure`.
    ///
    /// TLS settings made through environment variables
    /// (`PIP_TRUSTED_HOST`, `NPM_CONFIG_STRICT_SSL`, …) and `curl -k` /
    /// `wget --no-check-certificate` belong to DW1003.
    ///
    /// ## Why is this bad?
    /// Signatures and TLS are what stop a compromised mirror, proxy or
    /// network from slipping modified packages into the image. With them
    /// off, anything that answers in the repository's name is installed, and
    /// runs as root during the build.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache --allow-untrusted /tmp/tool.apk
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// COPY tool.rsa.pub /etc/apk/keys/
    /// RUN apk add --no-cache /tmp/tool.apk
    /// ```
    ///
    /// ## Fix safety
    /// Where the option is a word of its own, the fix removes it. It is
    /// unsafe: the install fails until the repository's key or certificate is
    /// trusted properly.
    pub PackageVerificationDisabled {
        code: "DW1010",
        name: "package-verification-disabled",
        aliases: [
            "CKV2_DOCKER_4",
            "CKV2_DOCKER_7",
            "CKV2_DOCKER_8",
            "CKV2_DOCKER_9",
            "CKV2_DOCKER_10",
            "CKV2_DOCKER_11",
            "CKV2_DOCKER_13",
            "CKV2_DOCKER_15",
        ],
        severity: Warning,
        category: Security,
        default: true,
        fix: Sometimes,
    }
}

const SIGNATURE: &str = "disables package signature checks";
const TLS: &str = "disables TLS certificate checks for package downloads";

fn is_false(v: &str) -> bool {
    matches!(
        v.to_ascii_lowercase().as_str(),
        "false" | "0" | "no" | "off"
    )
}

fn is_true(v: &str) -> bool {
    matches!(v.to_ascii_lowercase().as_str(), "true" | "1" | "yes" | "on")
}

/// `KEY=false`-style dnf/yum `--setopt` values that turn a check off.
fn setopt_disables(value: &str) -> Option<&'static str> {
    let (key, val) = value.split_once('=')?;
    let key = key.rsplit('.').next().unwrap_or(key).to_ascii_lowercase();
    if !is_false(val.trim()) {
        return None;
    }
    match key.as_str() {
        "gpgcheck" | "localpkg_gpgcheck" | "repo_gpgcheck" => Some(SIGNATURE),
        "sslverify" => Some(TLS),
        _ => None,
    }
}

/// `-o Key=Value` settings of apt that turn a check off.
fn apt_option_disables(value: &str) -> Option<&'static str> {
    let (key, val) = value.split_once('=')?;
    let key = key.to_ascii_lowercase();
    if (key == "apt::get::allowunauthenticated"
        || key == "acquire::allowinsecurerepositories"
        || key == "acquire::allowdowngradetoinsecurerepositories")
        && is_true(val)
    {
        return Some(SIGNATURE);
    }
    if key.starts_with("acquire::https")
        && (key.ends_with("verify-peer") || key.ends_with("verify-host"))
        && is_false(val)
    {
        return Some(TLS);
    }
    None
}

/// Why `opt` of `pc` disables verification, if it does.
fn opt_reason(pc: &PackageCommand<'_>, opt: &Opt<'_>) -> Option<&'static str> {
    let long = |names: &[&str]| opt.is_long() && names.contains(&opt.name);
    let value = opt.value.unwrap_or("");
    match pc.manager {
        Manager::Apk if long(&["allow-untrusted"]) => Some(SIGNATURE),
        Manager::AptGet | Manager::Apt => {
            if long(&[
                "allow-unauthenticated",
                "allow-insecure-repositories",
                "force-yes",
            ]) {
                Some(SIGNATURE)
            } else if opt.name == "o" || long(&["option"]) {
                apt_option_disables(value)
            } else {
                None
            }
        }
        m if m.is_rpm_family() => {
            if long(&["nogpgcheck"]) {
                Some(SIGNATURE)
            } else if long(&["setopt"]) {
                setopt_disables(value)
            } else {
                None
            }
        }
        Manager::Zypper => {
            let adds_repo = pc.is_subcommand(&["addrepo", "ar", "modifyrepo", "mr"]);
            (long(&["no-gpg-checks"])
                || (adds_repo && (long(&["no-gpgcheck"]) || opt.is_short('G'))))
            .then_some(SIGNATURE)
        }
        Manager::Rpm if long(&["nosignature", "nodigest", "nofiledigest", "noverify"]) => {
            Some(SIGNATURE)
        }
        Manager::Pip | Manager::Pipx if long(&["trusted-host"]) => Some(TLS),
        Manager::Npm | Manager::Yarn => {
            let off = long(&["no-strict-ssl"]) || (long(&["strict-ssl"]) && is_false(value));
            off.then_some(TLS)
        }
        Manager::Go if long(&["insecure"]) => Some(TLS),
        _ => None,
    }
}

/// The word range to delete to remove an option word (and its value word),
/// with the blanks before it; `args` are the arguments `opt` indexes.
fn removal(inv: &Invocation<'_>, args: &[Arg<'_>], opt: &Opt<'_>) -> Option<Edit> {
    let word = args.get(opt.arg)?;
    if !opt.is_long() || !word.is_literal() {
        return None;
    }
    let mut end = word.span.end();
    if opt.value.is_some() && !word.text().contains('=') {
        let value = args.get(opt.arg + 1)?;
        if !value.is_literal() {
            return None;
        }
        end = value.span.end();
    }
    let text = inv.run.text.as_bytes();
    let mut start = word.span.start();
    while start > 0 && matches!(text[start - 1], b' ' | b'\t') {
        start -= 1;
    }
    Some(Edit::delete(inv.file_range(TextRange::new(start, end))))
}

/// A hit on arguments `first..=last` of `args` (arguments of `inv`).
fn hit(
    inv: &Invocation<'_>,
    args: &[Arg<'_>],
    first: usize,
    last: usize,
    reason: &str,
    edit: Option<Edit>,
) -> Option<Hit> {
    let a = args.get(first)?;
    let b = args.get(last.max(first))?;
    let label = args[first..=last.max(first)]
        .iter()
        .map(Arg::text)
        .collect::<Vec<_>>()
        .join(" ");
    Some(Hit {
        instruction: inv.instruction(),
        range: inv.file_range(a.span.cover(b.span)),
        label,
        command: reason.to_owned(),
        edits: edit.into_iter().collect(),
    })
}

/// The last argument of an option: its value's word when the value is the
/// next word.
fn opt_end(args: &[Arg<'_>], opt: &Opt<'_>) -> usize {
    let word = &args[opt.arg];
    let separate = opt.value.is_some()
        && if opt.is_long() {
            !word.text().contains('=')
        } else {
            word.text().ends_with(opt.name)
        };
    if separate && opt.arg + 1 < args.len() {
        opt.arg + 1
    } else {
        opt.arg
    }
}

/// `npm config set strict-ssl false`, `pip config set global.trusted-host x`.
fn config_set_hit(pc: &PackageCommand<'_>) -> Option<Hit> {
    let ops = &pc.operands;
    let args = pc.args;
    let word = |k: usize| ops.get(k).and_then(|&i| args[i].known());
    let (key_at, end_at, reason) = match pc.manager {
        Manager::Npm | Manager::Yarn => {
            let at = match (word(0), word(1)) {
                (Some("config"), Some("set")) => 2,
                (Some("set"), _) => 1,
                _ => return None,
            };
            let key = word(at)?;
            let off = match key.split_once('=') {
                Some((k, v)) => k == "strict-ssl" && is_false(v),
                None => key == "strict-ssl" && word(at + 1).is_some_and(is_false),
            };
            if !off {
                return None;
            }
            let end = if key.contains('=') { at } else { at + 1 };
            (at, end, TLS)
        }
        Manager::Pip => {
            if !(word(0) == Some("config") && word(1) == Some("set")) {
                return None;
            }
            let key = word(2)?;
            if !key
                .split('=')
                .next()
                .is_some_and(|k| k.ends_with("trusted-host"))
            {
                return None;
            }
            (2, 2, TLS)
        }
        _ => return None,
    };
    let first = *ops.get(key_at)?;
    let last = ops.get(end_at).copied().unwrap_or(first);
    hit(pc.inv, args, first, last, reason, None)
}

impl Rule for PackageVerificationDisabled {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let mut hits = Vec::new();
        for inv in cx.invocations() {
            if inv.program == "yum-config-manager" {
                let args = inv.args();
                let opts = parse_options(args, &SETOPT);
                for opt in opts.iter().filter(|o| o.is_long() && o.name == "setopt") {
                    if let Some(reason) = opt.value.and_then(setopt_disables) {
                        hits.extend(hit(inv, args, opt.arg, opt_end(args, opt), reason, None));
                    }
                }
                continue;
            }
            let Some(pc) = cx.package_command(inv) else {
                continue;
            };
            for opt in &pc.opts {
                if let Some(reason) = opt_reason(pc, opt) {
                    let end = opt_end(pc.args, opt);
                    let edit = removal(pc.inv, pc.args, opt);
                    hits.extend(hit(pc.inv, pc.args, opt.arg, end, reason, edit));
                }
            }
            hits.extend(config_set_hit(pc));
        }
        report_per_instruction(
            cx,
            hits,
            |h| format!("`{}` {}", h[0].label, h[0].command),
            "Also disables verification",
            Some(("Remove the option", Applicability::Unsafe)),
        );
    }
}

static SETOPT: OptSpec = OptSpec {
    short_value: "c",
    long_value: &["setopt", "add-repo", "config", "installroot"],
    short_equals: true,
    ..OptSpec::GNU
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&PackageVerificationDisabled)
            .pass([
                "FROM alpine\nRUN apk add --no-cache curl\n",
                "FROM debian\nRUN apt-get install -y -o Dpkg::Options::=--force-confold x\n",
                "FROM fedora\nRUN dnf install -y --setopt=install_weak_deps=False x\n",
                "FROM python\nRUN pip install --index-url https://x/simple y\n",
                "FROM node\nRUN npm config set strict-ssl true\n",
                "FROM node\nRUN npm install --strict-ssl\n",
                "FROM debian\nRUN echo --allow-untrusted\n",
            ])
            .fail([
                "FROM alpine\nRUN apk add --allow-untrusted /x.apk\n",
                "FROM debian\nRUN apt-get install -y --allow-unauthenticated x\n",
                "FROM debian\nRUN apt-get install -y --force-yes x\n",
                "FROM debian\nRUN apt-get -o Acquire::https::Verify-Peer=false update\n",
                "FROM debian\nRUN apt-get -o APT::Get::AllowUnauthenticated=1 install x\n",
                "FROM centos\nRUN yum install -y --nogpgcheck x\n",
                "FROM centos\nRUN yum-config-manager --save --setopt=*.sslverify=false\n",
                "FROM fedora\nRUN dnf config-manager --setopt=epel.gpgcheck=0 --save\n",
                "FROM fedora\nRUN microdnf install -y --setopt=gpgcheck=0 x\n",
                "FROM opensuse/leap\nRUN zypper --no-gpg-checks in -y x\n",
                "FROM opensuse/leap\nRUN zypper ar -G http://x repo\n",
                "FROM centos\nRUN rpm -ivh --nosignature x.rpm\n",
                "FROM python\nRUN pip install --trusted-host pypi.org x\n",
                "FROM python\nRUN python -m pip config set global.trusted-host pypi.org\n",
                "FROM node\nRUN npm config set strict-ssl false\n",
                "FROM node\nRUN yarn config set strict-ssl false -g\n",
                "FROM node\nRUN npm install --strict-ssl=false x\n",
                "FROM golang\nRUN go get -insecure example.com/x\n",
            ])
            .fix([
                (
                    "FROM alpine\nRUN apk add --allow-untrusted /x.apk\n",
                    "FROM alpine\nRUN apk add /x.apk\n",
                ),
                (
                    "FROM python\nRUN pip install --trusted-host pypi.org --trusted-host=files.pythonhosted.org x\n",
                    "FROM python\nRUN pip install x\n",
                ),
            ])
            .test();
    }
}
