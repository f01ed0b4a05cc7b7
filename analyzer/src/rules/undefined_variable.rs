use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::suggest::{closest, is_typo};
use crate::model::{Binding, Model, UseContext, VarKind, VarUse};
use crate::rule::{Rule, RuleMeta};
use crate::syntax::{Instruction, Keyword};
use crate::values::substitution::{Lex, SubstError};
use crate::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Flags a `$VAR` that the builder expands (in `ENV`, `ARG`, `LABEL`,
    /// `COPY`/`ADD` paths and `--chown`/`--chmod`, `WORKDIR`, `USER`,
    /// `VOLUME`, `STOPSIGNAL`, `RUN --mount`) while no `ARG` or `ENV` defines
    /// it at that point. This is BuildKit's `UndefinedVar` check; shell-form
    /// `RUN`/`CMD`/`ENTRYPOINT` are left alone, since the shell expands those
    /// at run time. A `${VAR:-default}`-style reference handles the unset
    /// case itself and is not flagged.
    ///
    /// BuildKit also sees the environment of the base image, which an
    /// offline linter does not. So a variable is flagged only when the base
    /// image cannot explain it:
    /// - the stage is built on `scratch`, whose only variable is `PATH`; or
    /// - the name is not one base images commonly set (`HOME`, `JAVA_HOME`,
    ///   `GOPATH`, `NODE_VERSION`, …) and it is a global `ARG` used without
    ///   `ARG NAME` in the stage, an `ARG` declared further down, or one typo
    ///   (a character added, dropped, changed or two swapped) away from a
    ///   variable defined at that point.
    ///
    /// `PATH` is always defined, and the `ARG`s of a parent stage count as
    /// defined in the stages built on it, as in BuildKit.
    ///
    /// ## Why is this bad?
    /// An undefined variable expands to an empty string: `COPY app-$VERSION.jar`
    /// looks for `app-.jar`, `WORKDIR $APP_HOME` goes to `/`. The usual causes
    /// are typos and global `ARG`s used inside a stage without redeclaring
    /// them there.
    ///
    /// ## Example
    /// ```dockerfile
    /// ARG VERSION=1.4.2
    /// FROM eclipse-temurin:21
    /// COPY target/app-${VERSION}.jar /app.jar
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// ARG VERSION=1.4.2
    /// FROM eclipse-temurin:21
    /// ARG VERSION
    /// COPY target/app-${VERSION}.jar /app.jar
    /// ```
    ///
    /// ## Fix safety
    /// For a global `ARG`, the fix declares it in the stage (`ARG NAME` after
    /// the `FROM`); for a typo, it replaces the name with the close one. Both
    /// are unsafe: the build then uses a value where it used an empty string.
    pub UndefinedVariable {
        code: "DW2006",
        name: "undefined-variable",
        aliases: ["UndefinedVar"],
        severity: Warning,
        category: Correctness,
        default: true,
        fix: Sometimes,
    }
}

/// Variables base images commonly set: not reported unless the stage is
/// built on `scratch`.
const IMAGE_ENV: &[&str] = &[
    "HOME",
    "HOSTNAME",
    "USER",
    "SHELL",
    "PWD",
    "TERM",
    "TZ",
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "DEBIAN_FRONTEND",
    "JAVA_HOME",
    "JAVA_VERSION",
    "JDK_HOME",
    "JRE_HOME",
    "MAVEN_HOME",
    "MAVEN_CONFIG",
    "GRADLE_HOME",
    "GRADLE_USER_HOME",
    "CATALINA_HOME",
    "GOPATH",
    "GOROOT",
    "GOLANG_VERSION",
    "GOTOOLCHAIN",
    "CARGO_HOME",
    "RUSTUP_HOME",
    "RUST_VERSION",
    "NODE_VERSION",
    "NODE_ENV",
    "YARN_VERSION",
    "NPM_CONFIG_PREFIX",
    "PYTHON_VERSION",
    "PYTHON_SHA256",
    "PYTHONPATH",
    "PYTHONUNBUFFERED",
    "PIP_NO_CACHE_DIR",
    "VIRTUAL_ENV",
    "CONDA_DIR",
    "RUBY_VERSION",
    "RUBY_MAJOR",
    "GEM_HOME",
    "BUNDLE_PATH",
    "BUNDLE_APP_CONFIG",
    "BUNDLE_SILENCE_ROOT_WARNING",
    "PHP_VERSION",
    "PHP_INI_DIR",
    "PHPIZE_DEPS",
    "NGINX_VERSION",
    "HTTPD_PREFIX",
    "DOTNET_VERSION",
    "ASPNET_VERSION",
    "DOTNET_ROOT",
    "APP_ROOT",
    "APP_HOME",
    "STI_SCRIPTS_PATH",
    "LD_LIBRARY_PATH",
    "CUDA_HOME",
    "CUDA_VERSION",
    "NVIDIA_VISIBLE_DEVICES",
];

/// Build args BuildKit reads itself and never puts in the environment.
const NON_ENV_ARGS: &[&str] = &["BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE"];

impl Rule for UndefinedVariable {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        let src = cx.src();
        for u in &model.vars.uses {
            if u.context != UseContext::Builder || u.binding != Binding::Unbound || u.guarded {
                continue;
            }
            let Some(stage) = model
                .instruction_stage
                .get(u.instruction)
                .copied()
                .flatten()
            else {
                continue; // global ARG values: not checked by BuildKit
            };
            let stage = stage as usize;
            let Some(inst) = model.instructions().get(u.instruction) else {
                continue;
            };
            let name = u.name.as_str();
            if !expanded_by_builder(inst, u)
                || !is_identifier(name)
                || name == "PATH"
                || NON_ENV_ARGS.contains(&name)
                || malformed_reference(model, u)
                || ancestor_defines_arg(model, stage, name)
            {
                continue;
            }
            let visible = visible_names(model, stage, u.instruction);
            let suggestion = closest(name, visible.iter().copied());
            let global = model
                .vars
                .defs
                .iter()
                .any(|d| d.stage.is_none() && d.kind == VarKind::Arg && d.name == name);
            // Defined later in the stage: by an ENV of this instruction (the
            // value sees the scope before it), or by a later instruction.
            let later = model.vars.defs.iter().find(|d| {
                d.stage == Some(stage)
                    && d.name == name
                    && d.instruction.is_some_and(|i| i >= u.instruction)
            });
            let report = if built_on_scratch(model, stage) {
                true
            } else if IMAGE_ENV.contains(&name) {
                false
            } else {
                // The base image may define the variable; report only what
                // it cannot explain: a global ARG used without `ARG NAME`,
                // an ARG declared further down, or a one-letter typo of a
                // variable that is defined here.
                global
                    || later.is_some_and(|d| {
                        d.kind == VarKind::Arg && d.instruction != Some(u.instruction)
                    })
                    || suggestion.is_some_and(|s| is_typo(name, s))
            };
            if !report {
                continue;
            }
            let message = if global {
                format!(
                    "`${name}` is a global ARG, which this stage does not see without `ARG {name}`"
                )
            } else if later.is_some() {
                format!("`${name}` is used before it is defined")
            } else if let Some(s) = suggestion {
                format!("`${name}` is not defined here; did you mean `${s}`?")
            } else {
                format!("`${name}` is not defined here")
            };
            let diag = cx
                .report(u.name_range, message)
                .with_instruction(u.instruction);
            if global {
                let from = &model.instructions()[model.stages[stage].from];
                diag.with_fix(Fix::unsafe_(
                    format!("Declare `ARG {name}` in this stage"),
                    vec![Edit::insert(
                        from.header_range.end(),
                        format!("\nARG {name}"),
                    )],
                ));
            } else if let Some(s) = suggestion
                && u.name_range.slice(src) == name
            {
                diag.with_fix(Fix::unsafe_(
                    format!("Use `${s}`"),
                    vec![Edit::replace(u.name_range, s)],
                ));
            }
        }
    }
}

/// A reference BuildKit cannot parse (`${NAME:x}`): the build fails
/// before any check runs, and the syntax error is reported elsewhere.
pub(crate) fn malformed_reference(model: &Model, u: &VarUse) -> bool {
    let text = u.range.slice(model.src());
    Lex::new(model.file.escape.as_char())
        .parse(text, 0)
        .errors
        .iter()
        .any(SubstError::is_syntax)
}

/// Whether BuildKit expands (and checks) this use: the instructions that
/// the builder expands, and among flags only `--mount`, `--chown` and
/// `--chmod`.
fn expanded_by_builder(inst: &Instruction, u: &VarUse) -> bool {
    let flag = inst.flags.iter().find(|f| f.range.contains_range(u.range));
    match inst.keyword {
        Keyword::Env
        | Keyword::Label
        | Keyword::Workdir
        | Keyword::User
        | Keyword::Volume
        | Keyword::Stopsignal
        | Keyword::Arg => flag.is_none(),
        Keyword::Add | Keyword::Copy => flag.is_none_or(|f| matches!(f.name(), "chown" | "chmod")),
        Keyword::Run => flag.is_some_and(|f| f.name() == "mount"),
        _ => false,
    }
}

fn is_identifier(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// BuildKit carries a stage's `ARG`s into the stages built `FROM` it.
fn ancestor_defines_arg(model: &Model, stage: usize, name: &str) -> bool {
    model.ancestors(stage).any(|a| {
        model
            .vars
            .defs
            .iter()
            .any(|d| d.kind == VarKind::Arg && d.stage == Some(a.index) && d.name == name)
    })
}

/// The variables defined at instruction `index` of `stage`: its own ARGs
/// and ENVs so far, everything its parent stages define, and `PATH`.
fn visible_names(model: &Model, stage: usize, index: usize) -> Vec<&str> {
    let ancestors: Vec<usize> = model.ancestors(stage).map(|s| s.index).collect();
    let mut names: Vec<&str> = model
        .vars
        .defs
        .iter()
        .filter(|d| match d.stage {
            Some(s) if s == stage => d.instruction.is_some_and(|i| i < index),
            Some(s) => ancestors.contains(&s),
            None => false,
        })
        .map(|d| d.name.as_str())
        .collect();
    names.push("PATH");
    names
}

/// The stage's chain of parent stages ends in `FROM scratch`.
fn built_on_scratch(model: &Model, stage: usize) -> bool {
    let root = model
        .ancestors(stage)
        .last()
        .unwrap_or(&model.stages[stage]);
    root.base.scratch
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&UndefinedVariable)
            .pass([
                // Defined, shell-expanded, guarded, or possibly from the image.
                "FROM alpine\nARG V=1\nCOPY app-$V /app\n",
                "FROM alpine\nARG V\nCOPY app-$V /app\n",
                "FROM alpine\nENV A=1\nENV B=$A\n",
                "FROM alpine\nRUN echo $UNDEFINED\n",
                "FROM alpine\nCMD echo $UNDEFINED\n",
                "FROM alpine\nCOPY app-${V:-1} /app\n",
                "FROM alpine\nWORKDIR $SOME_IMAGE_VAR\n",
                "FROM golang\nWORKDIR $GOPATH/src\n",
                "FROM alpine\nENV PATH=$PATH:/x\n",
                "FROM scratch\nENV PATH=$PATH:/x\n",
                "FROM alpine\nEXPOSE $PORT\n",
                "FROM alpine AS base\nARG V=1\nFROM base\nCOPY app-$V /app\n",
                "FROM alpine AS base\nENV V=1\nFROM base\nCOPY app-$V /app\n",
                "ARG V=1\nARG W=$V$X\nFROM alpine\n",
                "FROM alpine\nRUN --network=$NET true\n",
                // Could come from the base image.
                "FROM alpine AS a\nENV HOME_DIR=/h\nFROM alpine\nWORKDIR $HOME_DIR\n",
                "FROM alpine\nENV A=1 B=$A\n",
                "FROM alpine\nENV JAVA_OPTS=\"$JAVA_OPTS -Xmx1g\"\n",
                "FROM alpine\nENV STARTUP_FILE=s.sh\nCOPY $START_FILE /\n",
                "FROM alpine\nLABEL v=$V\nENV V=1\n",
                "FROM alpine\nCOPY ${IMG:x} /\n",
            ])
            .fail([
                "ARG VERSION=1\nFROM alpine\nCOPY app-${VERSION}.jar /app.jar\n",
                "FROM alpine\nENV APP_DIR=/app\nWORKDIR $APP_DIRR\n",
                "FROM scratch\nENV A=1 B=$A\n",
                "FROM scratch\nCOPY $SRC /\n",
                "FROM alpine\nLABEL version=$VERSION\nARG VERSION=1\n",
                "FROM alpine\nARG CACHE_ID=x\nRUN --mount=type=cache,id=$CACHEID,target=/c true\n",
                "FROM scratch\nUSER $HOME\n",
            ])
            .fix([
                (
                    "ARG VERSION=1\nFROM alpine\nCOPY app-${VERSION}.jar /app.jar\n",
                    "ARG VERSION=1\nFROM alpine\nARG VERSION\nCOPY app-${VERSION}.jar /app.jar\n",
                ),
                (
                    "FROM alpine\nENV APP_DIR=/app\nWORKDIR $APP_DIRR\n",
                    "FROM alpine\nENV APP_DIR=/app\nWORKDIR $APP_DIR\n",
                ),
            ])
            .test();
    }
}
