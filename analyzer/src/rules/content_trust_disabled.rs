use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::declare_rule;
use crate::facts::commands::{Arg, Invocation, is_name};
use crate::model::VarKind;
use crate::rule::{Rule, RuleMeta};
use crate::{Edit, Fix, TextRange};

declare_rule! {
    /// ## What it does
    /// Flags what switches off Docker Content Trust, the docker CLI's
    /// verification of image signatures:
    ///
    /// - `DOCKER_CONTENT_TRUST` set to a false value (`0`, `false`, `f`…,
    ///   as the CLI reads it) by `ENV`, by an `ARG` default (a build
    ///   argument is in the environment of every `RUN`), or inside `RUN`
    ///   (`DOCKER_CONTENT_TRUST=0 docker pull …`, `export …`, `env …`);
    /// - `--disable-content-trust` (or `=true`) on `docker pull`, `push`,
    ///   `build`, `run`, `create` (also `docker image …`, `docker container
    ///   …`, `docker builder build`, `docker plugin install|create|push|upgrade`)
    ///   inside `RUN`.
    ///
    /// In a Compose file: `DOCKER_CONTENT_TRUST` set to a false value in a
    /// service's `environment` (the value after interpolation: a default
    /// written in the file counts, a value from `.env` or the environment
    /// that stays unknown does not).
    ///
    /// An empty `DOCKER_CONTENT_TRUST` is the CLI's default (off) and is not
    /// flagged; `--disable-content-trust=false` turns verification on.
    ///
    /// ## Why is this bad?
    /// With content trust on, the CLI pulls and runs only images whose tag
    /// is signed, so a registry or a network path that serves a different
    /// image is caught. Switching it off in an image or a build step means
    /// every `docker` command there trusts whatever the registry returns
    /// (CIS Docker Benchmark 4.5). Registries without content-trust
    /// signatures cannot be pulled with it on: pin their images by digest
    /// instead of switching verification off.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM docker:27-cli
    /// ENV DOCKER_CONTENT_TRUST=0
    /// RUN docker pull --disable-content-trust example/tool:1.2
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM docker:27-cli
    /// ENV DOCKER_CONTENT_TRUST=1
    /// RUN docker pull example/tool:1.2
    /// ```
    ///
    /// ## Fix safety
    /// For `--disable-content-trust` the fix removes the option; in a
    /// Compose `environment`, a literal false value becomes `1`. Both are
    /// unsafe: with content trust on, pulling an unsigned image then fails.
    pub ContentTrustDisabled {
        code: "DW1008",
        name: "content-trust-disabled",
        aliases: ["CIS-4.5", "cis"],
        severity: Warning,
        category: Security,
        kinds: [Dockerfile, Compose],
        default: true,
        fix: Sometimes,
    }
}

impl Rule<ComposeModel> for ContentTrustDisabled {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        for svc in cx.model.service_views() {
            for var in svc.environment() {
                if var.name != VARIABLE || !var.known {
                    continue;
                }
                let Some(value) = var.value.as_deref() else {
                    continue;
                };
                if !disables(value.trim()) {
                    continue;
                }
                let Some(range) = var.value_range.or(var.name_range) else {
                    continue;
                };
                let name = crate::diagnostic::shorten(svc.name()).into_owned();
                let literal = !var.interpolated
                    && var
                        .value_range
                        .is_some_and(|r| &cx.src()[r.start as usize..r.end as usize] == value);
                let d = cx.report(
                    range,
                    format!(
                        "Service `{name}` sets `{VARIABLE}={value}`, which switches off image signature verification"
                    ),
                );
                if literal {
                    d.with_fix(Fix::unsafe_(
                        "Turn content trust on",
                        vec![Edit::replace(range, "1")],
                    ));
                }
            }
        }
    }
}

/// The environment variable that turns content trust on in the docker CLI.
pub(crate) const VARIABLE: &str = "DOCKER_CONTENT_TRUST";

/// `value` turns content trust off where the CLI would otherwise use it:
/// the false values of Go's `strconv.ParseBool` (the CLI treats any other
/// non-empty value, even an invalid one, as on). An empty value is the
/// default (off), not a setting. A Compose `environment` entry is checked
/// with the same function.
pub(crate) fn disables(value: &str) -> bool {
    matches!(value, "0" | "f" | "F" | "false" | "FALSE" | "False")
}

/// The value of `--disable-content-trust=VALUE` turns verification off
/// (`ParseBool`'s true values).
fn is_true(value: &str) -> bool {
    matches!(value, "1" | "t" | "T" | "true" | "TRUE" | "True")
}

/// `(group, command)` pairs whose command takes `--disable-content-trust`.
const COMMANDS: &[(&str, &str)] = &[
    ("", "build"),
    ("", "create"),
    ("", "pull"),
    ("", "push"),
    ("", "run"),
    ("builder", "build"),
    ("container", "create"),
    ("container", "run"),
    ("image", "build"),
    ("image", "pull"),
    ("image", "push"),
    ("plugin", "create"),
    ("plugin", "install"),
    ("plugin", "push"),
    ("plugin", "upgrade"),
];

/// docker's global options that take a value.
fn global_takes_value(opt: &str) -> bool {
    matches!(
        opt,
        "-c" | "-H"
            | "-l"
            | "--config"
            | "--context"
            | "--host"
            | "--log-level"
            | "--tlscacert"
            | "--tlscert"
            | "--tlskey"
    )
}

/// `run` / `create` options that take no value (the others take the next
/// argument unless written `--opt=value`).
fn run_flag_is_bool(opt: &str) -> bool {
    if let Some(cluster) = opt.strip_prefix('-').filter(|c| !c.starts_with('-')) {
        return !cluster.is_empty() && cluster.chars().all(|c| "dPitq".contains(c));
    }
    opt.contains('=')
        || matches!(
            opt,
            "--rm"
                | "--detach"
                | "--interactive"
                | "--tty"
                | "--privileged"
                | "--init"
                | "--read-only"
                | "--publish-all"
                | "--no-healthcheck"
                | "--oom-kill-disable"
                | "--disable-content-trust"
                | "--use-api-socket"
                | "--quiet"
                | "--help"
        )
}

/// The `--disable-content-trust` arguments (indexes into `args`) of a
/// `docker` command line, and the command's name.
fn disable_flags(args: &[Arg<'_>]) -> Option<(String, Vec<usize>)> {
    let mut i = 0;
    while let Some(a) = args.get(i) {
        let t = a.text();
        if !t.starts_with('-') || t == "-" {
            break;
        }
        i += if global_takes_value(t) { 2 } else { 1 };
    }
    let first = args.get(i)?.known()?;
    let (group, command, start) = if matches!(first, "builder" | "container" | "image" | "plugin") {
        (first, args.get(i + 1)?.known()?, i + 2)
    } else {
        ("", first, i + 1)
    };
    if !COMMANDS.contains(&(group, command)) {
        return None;
    }
    // `run` and `create` stop at the image: what follows is the container's
    // command line.
    let stops = matches!(command, "run" | "create");
    let mut hits = Vec::new();
    let mut value_next = false;
    for (j, a) in args.iter().enumerate().skip(start) {
        let t = a.text();
        if t == "--" {
            break;
        }
        let off = t == "--disable-content-trust"
            || t.strip_prefix("--disable-content-trust=")
                .is_some_and(is_true);
        if off {
            hits.push(j);
        }
        if stops {
            if t.starts_with('-') && t != "-" {
                value_next = !run_flag_is_bool(t);
            } else if value_next {
                value_next = false;
            } else {
                break;
            }
        }
    }
    let name = if group.is_empty() {
        format!("docker {command}")
    } else {
        format!("docker {group} {command}")
    };
    Some((name, hits))
}

impl Rule for ContentTrustDisabled {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        let mut hits: Vec<(usize, TextRange, String, Option<Edit>)> = Vec::new();
        for def in &model.vars.defs {
            let (Some(instruction), Some(value)) = (def.instruction, def.value.as_deref()) else {
                continue;
            };
            let kind = match def.kind {
                VarKind::Env => "ENV",
                VarKind::Arg => "ARG",
                VarKind::Predefined => continue,
            };
            if def.name == VARIABLE && disables(value) {
                let range = def
                    .value_range
                    .map_or(def.name_range, |v| def.name_range.cover(v));
                hits.push((
                    instruction,
                    range,
                    format!("{kind} `{VARIABLE}={value}` turns off image signature verification for docker commands"),
                    None,
                ));
            }
        }
        for c in cx.invocations() {
            env_in_run(c, &mut hits);
            if c.name() != Some("docker") {
                continue;
            }
            let Some((command, flags)) = disable_flags(c.literal_args()) else {
                continue;
            };
            for arg in flags {
                let word = &c.arg_words()[arg];
                hits.push((
                    c.instruction(),
                    c.file_range(word.span),
                    format!(
                        "`{command} --disable-content-trust` skips image signature verification"
                    ),
                    delete_arg(c, arg),
                ));
            }
        }
        hits.sort_by_key(|h| h.1.start());
        for (instruction, range, message, edit) in hits {
            let d = cx.report(range, message).with_instruction(instruction);
            if let Some(edit) = edit {
                d.with_fix(Fix::unsafe_("Remove `--disable-content-trust`", vec![edit]));
            }
        }
    }
}

/// `DOCKER_CONTENT_TRUST=0 cmd`, `export DOCKER_CONTENT_TRUST=0`, `env
/// DOCKER_CONTENT_TRUST=0 cmd` inside RUN.
fn env_in_run(c: &Invocation<'_>, hits: &mut Vec<(usize, TextRange, String, Option<Edit>)>) {
    let src = c.src();
    let mut push = |span: TextRange, value: &str| {
        if disables(value) {
            hits.push((
                c.instruction(),
                c.file_range(span),
                format!("`{VARIABLE}={value}` turns off image signature verification"),
                None,
            ));
        }
    };
    for a in &c.cmd.command.assignments {
        if a.name.slice(src) == VARIABLE
            && let Some(value) = a.value.literal(src)
        {
            push(a.span, &value);
        }
    }
    let upto = match c.name() {
        Some("export" | "declare" | "typeset" | "readonly" | "local") => c.words.len(),
        _ => c.program().map_or(0, |p| p.word),
    };
    for w in c.words.iter().take(upto).skip(1) {
        let Some(lit) = w.known() else { continue };
        if let Some((name, value)) = lit.split_once('=')
            && is_name(name)
            && name == VARIABLE
        {
            push(w.span, value);
        }
    }
}

/// Deletes argument `arg` (index in `c.literal_args()`) with the blanks
/// before it.
fn delete_arg(c: &Invocation<'_>, arg: usize) -> Option<Edit> {
    let words = &c.cmd.command.words;
    let index = c.program()?.word + 1 + arg;
    let word = words.get(index)?;
    if word.literal(c.src()).as_deref() != Some(word.span.slice(c.src())) {
        return None;
    }
    let prev = words.get(index.checked_sub(1)?)?;
    let gap = TextRange::new(prev.span.end(), word.span.start());
    let start = if gap.slice(c.src()).trim().is_empty() {
        prev.span.end()
    } else {
        word.span.start()
    };
    Some(Edit::delete(
        c.file_range(TextRange::new(start, word.span.end())),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ComposeTester;
    use crate::testing::Tester;

    #[test]
    fn compose_vectors() {
        ComposeTester::new_for(&ContentTrustDisabled)
            .dotenv("TRUST=0\n")
            .pass([
                "services:\n  a:\n    image: a:1\n    environment:\n      DOCKER_CONTENT_TRUST: 1\n",
                "services:\n  a:\n    image: a:1\n    environment:\n      - DOCKER_CONTENT_TRUST\n      - OTHER=0\n",
                "services:\n  a:\n    image: a:1\n    environment:\n      DOCKER_CONTENT_TRUST: ${UNSET_TRUST}\n",
                "services:\n  a:\n    image: a:1\n    environment:\n      DOCKER_CONTENT_TRUST: \"\"\n",
            ])
            .fail([
                "services:\n  a:\n    image: a:1\n    environment:\n      DOCKER_CONTENT_TRUST: 0\n",
                "services:\n  a:\n    image: a:1\n    environment:\n      - DOCKER_CONTENT_TRUST=false\n",
                "services:\n  a:\n    image: a:1\n    environment:\n      DOCKER_CONTENT_TRUST: ${TRUST_OFF:-0}\n",
                "x-env: &env\n  DOCKER_CONTENT_TRUST: \"0\"\nservices:\n  a:\n    image: a:1\n    environment: *env\n",
            ])
            .fix([
                (
                    "services:\n  a:\n    image: a:1\n    environment:\n      DOCKER_CONTENT_TRUST: 0 # pinned\n",
                    "services:\n  a:\n    image: a:1\n    environment:\n      DOCKER_CONTENT_TRUST: 1 # pinned\n",
                ),
                (
                    "services:\n  a:\n    image: a:1\n    environment:\n      - DOCKER_CONTENT_TRUST=false\n",
                    "services:\n  a:\n    image: a:1\n    environment:\n      - DOCKER_CONTENT_TRUST=1\n",
                ),
            ])
            .test();
    }

    #[test]
    fn vectors() {
        Tester::new(&ContentTrustDisabled)
            .pass([
                "FROM a\nENV DOCKER_CONTENT_TRUST=1\n",
                "FROM a\nENV DOCKER_CONTENT_TRUST=\"\"\n",
                "FROM a\nARG DOCKER_CONTENT_TRUST\n",
                "FROM a\nRUN docker pull alpine:3.20\n",
                "FROM a\nRUN docker pull --disable-content-trust=false alpine:3.20\n",
                "FROM a\nRUN docker run --rm alpine:3.20 tool --disable-content-trust\n",
                "FROM a\nRUN docker run -e X alpine:3.20 --disable-content-trust\n",
                "FROM a\nRUN docker images --disable-content-trust\n",
                "FROM a\nRUN echo docker pull --disable-content-trust x\n",
                "FROM a\nRUN DOCKER_CONTENT_TRUST=1 docker pull x\n",
            ])
            .fail([
                "FROM a\nENV DOCKER_CONTENT_TRUST=0\n",
                "FROM a\nENV DOCKER_CONTENT_TRUST false\n",
                "FROM a\nARG DOCKER_CONTENT_TRUST=0\n",
                "FROM a\nRUN DOCKER_CONTENT_TRUST=0 docker pull x\n",
                "FROM a\nRUN export DOCKER_CONTENT_TRUST=false && docker pull x\n",
                "FROM a\nRUN env DOCKER_CONTENT_TRUST=0 docker pull x\n",
                "FROM a\nRUN docker pull --disable-content-trust x\n",
                "FROM a\nRUN docker pull x --disable-content-trust\n",
                "FROM a\nRUN docker --host unix:///x.sock image pull --disable-content-trust=true x\n",
                "FROM a\nRUN docker build --disable-content-trust -t x .\n",
                "FROM a\nRUN docker run --rm -v /a:/b --disable-content-trust x\n",
                "FROM a\nRUN sudo docker container create --disable-content-trust x\n",
                "FROM a\nRUN docker plugin install --disable-content-trust vieux/sshfs\n",
            ])
            .fix([
                (
                    "FROM a\nRUN docker pull --disable-content-trust x\n",
                    "FROM a\nRUN docker pull x\n",
                ),
                (
                    "FROM a\nRUN docker run --rm --disable-content-trust=true x\n",
                    "FROM a\nRUN docker run --rm x\n",
                ),
            ])
            .test();
    }
}
