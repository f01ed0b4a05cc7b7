use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::script_vars::origin;
use crate::model::ScriptSource;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a variable whose name has a lowercase letter that a `RUN`
    /// script reads (`$name`, `${name}`, in arithmetic) but never assigns,
    /// when no `ARG` or `ENV` in scope defines it either (parent stages
    /// and the proxy build args count). Reported once per name, at its
    /// first use.
    ///
    /// Not flagged: all-uppercase names (they usually come from the
    /// environment; see `SC2153` for their typos), names the script assigns
    /// anywhere (`=`, `read`, `for`, `export`, `local`, `getopts`,
    /// `printf -v`, `mapfile`, arithmetic), and names whose emptiness the
    /// script handles somewhere (`${name:-…}`, `${name+…}`, `${name:?…}`,
    /// `[ -n "$name" ]`, `[ -z "$name" ]`).
    ///
    /// ## Why is this bad?
    /// Each `RUN` is a new shell: a variable set in an earlier `RUN` is gone,
    /// and a misspelt name is silently empty. `rm -rf $build_dir/` with
    /// `$build_dir` never set removes `/`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN version=1.2.3
    /// RUN curl -fsSLo /tmp/app.tgz "https://example.com/app-${version}.tgz"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// ARG version=1.2.3
    /// RUN curl -fsSLo /tmp/app.tgz "https://example.com/app-${version}.tgz"
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// An assignment before a special builtin (`deps='a b' set -x && …`)
    /// stays in the shell under POSIX `sh`, as dash and ash do; ShellCheck
    /// takes it as temporary and reports the later use.
    ///
    /// A script run by another (`find … -exec sh -c '… $sum'`, `bash <<EOF`)
    /// inherits what its parent script exports (`sum=…; export sum`);
    /// ShellCheck sees such a script only as a string.
    ///
    /// `ARG` and `ENV` are known as dockward's model sees them: every name
    /// of a multi-name `ARG`, `ARG`s redeclared or inherited from a parent
    /// stage (also one named with a variable, `FROM base-${FLAVOUR}`,
    /// resolved with the `ARG`'s default), in the scope of the `RUN` (hadolint declares only the first
    /// name of an `ARG` and knows nothing of `PowerShell` stages, which
    /// gives it most of its findings of this code).
    pub UnassignedVariable {
        code: "SC2154",
        name: "unassigned-variable",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for UnassignedVariable {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        for (index, run) in model.scripts.iter().enumerate() {
            let Some(vars) = cx.script_vars(index) else {
                continue;
            };
            for (name, span) in vars.reads() {
                if !name.bytes().any(|b| b.is_ascii_lowercase())
                    || vars.is_assigned(name)
                    || vars.is_guarded(name)
                    || origin(model, run, name).is_known()
                    || exported_by_parent(cx, run.source, name)
                {
                    continue;
                }
                cx.report(
                    run.file_range(span),
                    format!("`{name}` is read but never assigned in this `RUN`, nor defined by `ARG` or `ENV`"),
                );
            }
        }
    }
}

/// A script another script runs (`sh -c '…'`, `bash <<EOF`) inherits the
/// variables its parent scripts export (`x=…; export x`): they are set in its
/// environment.
fn exported_by_parent(cx: &Checker<'_>, mut source: ScriptSource, name: &str) -> bool {
    // Parents come before their children, so the walk ends; the cap keeps it
    // bounded whatever the model holds.
    for _ in 0..64 {
        let ScriptSource::Nested { parent, .. } = source else {
            return false;
        };
        if cx.script_vars(parent).is_some_and(|v| v.is_exported(name)) {
            return true;
        }
        source = cx.model.scripts[parent].source;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&UnassignedVariable)
            .pass([
                "FROM a\nRUN x=1 && echo $x\n",
                "FROM a\nRUN echo $HOME $MY_VAR $1 $? ${#}\n",
                "FROM a\nARG version=1\nRUN echo $version\n",
                "FROM a\nARG a b\nRUN echo $a $b\n",
                "FROM a\nENV app_home=/app\nRUN echo $app_home\n",
                "FROM a AS base\nENV app_home=/app\nFROM base\nRUN echo $app_home\n",
                "FROM a AS base\nARG app_ver\nFROM base\nRUN echo $app_ver\n",
                "FROM a\nRUN curl -x $http_proxy https://e.com\n",
                "FROM a\nRUN echo ${x:-default} ${y+set} ${z:?}\n",
                "FROM a\nRUN [ -n \"$x\" ] && echo $x\n",
                "FROM a\nRUN read -r line && echo $line\n",
                "FROM a\nRUN for f in a b; do echo $f; done\n",
                "FROM a\nRUN f() { local v=1; echo $v; }\n",
                "FROM a\nRUN (( n = 1 )) && echo $n\n",
                "FROM a\nRUN echo '$x'\n",
                "FROM a\nRUN deps='a b' set -x && apt-get install $deps\n",
                "FROM a\nRUN sum=1; export sum; find / -exec sh -c 'test \"$1\" = \"$sum\"' -- {} ';'\n",
                "FROM a\nRUN export dir=/x && sh -c 'bash -c \"echo $dir\"'\n",
            ])
            .fail([
                "FROM a\nRUN echo $version\n",
                "FROM a\nRUN version=1\nRUN echo $version\n",
                "FROM a\nRUN echo $((count + 1)) $count\n",
                "FROM a\nARG version\nFROM b\nRUN echo $version\n",
                "FROM a\nRUN cat <<EOF > /f\nport=$port\nEOF\n",
                "FROM a\nONBUILD RUN echo $x\n",
                "FROM a\nRUN <<EOF\necho $build_dir\nEOF\n",
                "FROM a\nRUN x=1 make && echo $x\n",
                "FROM a\nRUN sum=1; find / -exec sh -c 'test \"$1\" = \"$sum\"' -- {} ';'\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN deps='a b' set -x && apt-get install $deps\n",
            ])
            .test();
    }
}
