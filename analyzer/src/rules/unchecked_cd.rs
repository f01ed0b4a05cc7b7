use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::shell::{AndOrOp, SimpleCommandRef};
use crate::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Flags `cd`, `pushd` and `popd` whose failure nothing checks: not
    /// followed by `&&` / `||`, not an `if` / `while` condition, while
    /// errexit is off. Changing to `/`, `.`, `..` (or `../..`…) is exempt,
    /// and so are `pushd -n` / `popd -n`, which change no directory.
    ///
    /// errexit is on when the `SHELL` in effect starts the shell with `-e`
    /// or when `set -e` / `set -o errexit` ran earlier in the script.
    ///
    /// ## Why is this bad?
    /// When the directory does not exist (a renamed folder in an archive, a
    /// typo), `cd` fails and the script carries on in the directory it was
    /// in: `cd /tmp/build; rm -rf *` removes the wrong files, `make
    /// install` builds something else, and the step still succeeds.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN cd /usr/src/app; make install
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN cd /usr/src/app || exit; make install
    /// ```
    ///
    /// ## Fix safety
    /// The fix appends `|| exit` to the `cd` (`a && { cd d || exit; }` when
    /// an `&&` precedes it, so that a failing `a` is not turned into an
    /// exit). It is unsafe: the build only changes when `cd` fails, but it
    /// then stops instead of going on in the wrong directory. No fix is
    /// offered in a pipeline, for a backgrounded command, or with a
    /// here-document.
    ///
    /// ## Differences from ShellCheck
    /// ShellCheck (and so hadolint) only knows `set -e` written in the
    /// script, anywhere in it: dockward also reads the `SHELL` flags (a
    /// `SHELL ["/bin/bash", "-e", "-c"]` file gets no finding where hadolint
    /// reports one), and only counts a `set -e` that ran before the `cd`.
    pub UncheckedCd {
        code: "SC2164",
        name: "unchecked-cd",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for UncheckedCd {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for (index, run) in cx.model.scripts.iter().enumerate() {
            let src = run.text.as_str();
            for c in run.script.simple_commands() {
                let Some(name) = c.command.name(src) else {
                    continue;
                };
                let name = name.as_ref();
                if !matches!(name, "cd" | "pushd" | "popd") {
                    continue;
                }
                let args: Vec<_> = c.command.arg_literals(src).collect();
                if let [Some(dir)] = args.as_slice()
                    && is_safe_dir(dir)
                {
                    continue;
                }
                if name != "cd" && args.iter().any(|a| a.as_deref() == Some("-n")) {
                    continue;
                }
                let flow = cx.script_flow(index);
                let f = flow.of(c.command);
                if f.condition || f.errexit {
                    continue;
                }
                let fix = exit_fix(run, &c);
                let d = cx
                    .report(
                        run.file_range(c.command.span),
                        format!("`{name}` can fail and the script goes on in the wrong directory"),
                    )
                    .with_instruction(run.instruction);
                if let Some(fix) = fix {
                    d.with_fix(fix);
                }
            }
        }
    }
}

/// `/`, `.`, `..`, `../..`, `./`…: directories that always exist.
fn is_safe_dir(dir: &str) -> bool {
    let rest = dir.trim_start_matches('/');
    rest.split('/')
        .filter(|s| !s.is_empty())
        .all(|s| s == "." || s == "..")
}

fn exit_fix(run: &crate::model::RunScript, c: &SimpleCommandRef<'_>) -> Option<Fix> {
    let pos = &c.position;
    let cmd = c.command;
    if pos.pipeline.commands.len() != 1
        || pos.is_background()
        || cmd.redirects.iter().any(|r| r.heredoc().is_some())
    {
        return None;
    }
    let span = run.file_range(cmd.span);
    let edits = if pos.op_before() == Some(AndOrOp::And) {
        vec![
            Edit::insert(span.start(), "{ "),
            Edit::insert(span.end(), " || exit; }"),
        ]
    } else {
        vec![Edit::insert(span.end(), " || exit")]
    };
    Some(Fix::unsafe_("Append `|| exit`", edits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&UncheckedCd)
            .pass([
                "FROM a\nRUN cd /src && make\n",
                "FROM a\nRUN cd /src || exit 1; make\n",
                "FROM a\nRUN set -e; cd /src; make\n",
                "FROM a\nRUN set -eux \\\n && cd /src \\\n ; make\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-e\", \"-c\"]\nRUN cd /src; make\n",
                "FROM a\nRUN make; cd ..; cd /; cd .; cd ../..\n",
                "FROM a\nRUN if cd /src; then make; fi\n",
                "FROM a\nRUN x=$(cd /src && pwd); echo $x\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN pushd -n /x; popd -n\n",
                "FROM a\nRUN echo cd /x\n",
                "FROM a\nRUN { cd /x; make; } || exit 1\n",
            ])
            .fail([
                "FROM a\nRUN cd /src; make\n",
                "FROM a\nRUN make; cd /src\n",
                "FROM a\nRUN curl -o x.tgz u \\\n && tar xf x.tgz && cd x-1.0; \\\n ./configure && make\n",
                "FROM a\nRUN <<EOF\ncd /src\nmake\nEOF\n",
                "FROM a\nRUN (cd /src; make)\n",
                "FROM a\nRUN cd /src; set -e; make\n",
                "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN pushd /x; make; popd\n",
                "FROM a\nRUN cd $HOME; make\n",
                "FROM a\nRUN cd /x | true\n",
            ])
            .fix([
                (
                    "FROM a\nRUN cd /src; make\n",
                    "FROM a\nRUN cd /src || exit; make\n",
                ),
                (
                    "FROM a\nRUN tar xf x.tgz && cd x-1.0; \\\n ./configure && make\n",
                    "FROM a\nRUN tar xf x.tgz && { cd x-1.0 || exit; }; \\\n ./configure && make\n",
                ),
                (
                    "FROM a\nRUN <<EOF\ncd /src\nmake\nEOF\n",
                    "FROM a\nRUN <<EOF\ncd /src || exit\nmake\nEOF\n",
                ),
                (
                    "FROM a\nRUN a || cd /b\n",
                    "FROM a\nRUN a || cd /b || exit\n",
                ),
            ])
            .test();
    }
}
