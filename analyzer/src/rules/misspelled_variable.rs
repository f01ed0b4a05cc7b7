use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::script_vars::{defined_names, origin};
use crate::facts::suggest::levenshtein;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an all-uppercase variable that a `RUN` script reads but that
    /// nothing defines — no assignment in the script, no `ARG` or `ENV` in
    /// scope, no variable base images or the shell set — when its name is
    /// one typo away from one that is defined (two for names longer than
    /// seven characters; both names at least four characters). Reported
    /// once per name, at its first use.
    ///
    /// ## Why is this bad?
    /// A misspelt variable expands to an empty string without an error:
    /// `ARG NODE_VERISON=20` … `curl …/node-v$NODE_VERSION.tar.gz` downloads
    /// `node-v.tar.gz`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// ARG APP_VERSION=1.2.3
    /// RUN curl -fsSLo /tmp/app.tgz "https://example.com/app-${APP_VERSOIN}.tgz"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// ARG APP_VERSION=1.2.3
    /// RUN curl -fsSLo /tmp/app.tgz "https://example.com/app-${APP_VERSION}.tgz"
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// Every `ARG` and `ENV` in scope counts as assigned, all names of a
    /// multi-name `ARG` and those of parent stages included (hadolint
    /// declares only the first name of an `ARG`).
    pub MisspelledVariable {
        code: "SC2153",
        name: "misspelled-variable",
        aliases: [],
        severity: Info,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for MisspelledVariable {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        for (index, run) in model.scripts.iter().enumerate() {
            let Some(vars) = cx.script_vars(index) else {
                continue;
            };
            let mut defined: Option<Vec<&str>> = None;
            for (name, span) in vars.reads() {
                if name.len() < 4
                    || name.bytes().any(|b| b.is_ascii_lowercase())
                    || !name.bytes().any(|b| b.is_ascii_uppercase())
                    || vars.is_assigned(name)
                    || origin(model, run, name).is_known()
                {
                    continue;
                }
                let defined = defined.get_or_insert_with(|| {
                    let mut names = defined_names(model, run);
                    names.extend(vars.assigned_names());
                    names.sort_unstable();
                    names.dedup();
                    names
                });
                let max = if name.len() > 7 { 2 } else { 1 };
                let Some(close) = defined
                    .iter()
                    .filter(|d| d.len() >= 4 && **d != name)
                    .map(|d| (levenshtein(name, d), *d))
                    .filter(|(dist, _)| *dist <= max)
                    .min()
                    .map(|(_, d)| d)
                else {
                    continue;
                };
                cx.report(
                    run.file_range(span),
                    format!("`{name}` is never assigned; did you mean `{close}`?"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&MisspelledVariable)
            .pass([
                "FROM a\nARG APP_VERSION=1\nRUN echo $APP_VERSION\n",
                "FROM a\nRUN echo $XFOO && FOO=1 && echo $FOO\n",
                "FROM a\nRUN echo $PATHX\n",
                "FROM a\nARG VAR1 VAR2\nRUN echo $VAR1 $VAR2\n",
                "FROM a\nRUN echo $ABCDEFG && ABCDEXY=1 && echo $ABCDEXY\n",
                "FROM a\nENV HOME2=/x\nRUN echo $HOME\n",
            ])
            .fail([
                "FROM a\nARG APP_VERSION=1\nRUN echo $APP_VERSOIN\n",
                "FROM a\nRUN echo $FOOBAR && FOO_BAR=1 && echo $FOO_BAR\n",
                "FROM a\nRUN echo $ABCDEFGH && ABCDEFXY=1 && echo $ABCDEFXY\n",
                "FROM a AS b\nENV NODE_VERSION=20\nFROM b\nRUN echo ${NODE_VERSON}\n",
                "FROM a\nARG VAR1=1\nRUN <<EOF\necho $VAR2\nEOF\n",
            ])
            .test();
    }
}
