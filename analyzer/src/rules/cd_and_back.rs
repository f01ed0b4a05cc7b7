use std::collections::HashMap;

use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::shell::{AndOr, Command};

declare_rule! {
    /// ## What it does
    /// Flags `cd ..` that returns from the previous `cd` of the same
    /// command list, when both are statements of their own: `cd src; make;
    /// cd ..`. Not flagged under errexit (`set -e`, or a `SHELL` with
    /// `-e`), where a failing `cd` stops the script anyway.
    ///
    /// ## Why is this bad?
    /// When `cd src` fails, the script stays where it was and `cd ..`
    /// climbs one level too high; so does any command in between that
    /// changes directory. A subshell, `(cd src && make)`, returns by
    /// itself, and `WORKDIR` is clearer still (see DL3003).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN cd /usr/src/app; make; cd ..; rm -rf app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN (cd /usr/src/app && make) && rm -rf /usr/src/app
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// ShellCheck (and hadolint) only know `set -e` written in the script;
    /// dockward also reads the `SHELL` flags.
    pub CdAndBack {
        code: "SC2103",
        name: "cd-and-back",
        aliases: [],
        severity: Info,
        category: Shell,
        default: true,
        fix: None,
    }
}

impl Rule for CdAndBack {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for (index, run) in cx.model.scripts.iter().enumerate() {
            let src = run.text.as_str();
            if !src.contains("cd") {
                continue;
            }
            // The previous `cd` statement of each list: (is it `cd ..`).
            let mut previous: HashMap<*const crate::shell::List, bool> = HashMap::new();
            for a in run.script.and_or_lists() {
                let Some(args) = lone_cd(a.and_or, src) else {
                    continue;
                };
                let back = args.len() == 1 && args[0] == "..";
                let key = std::ptr::from_ref(a.list);
                let before = previous.insert(key, back);
                if !back || before != Some(false) {
                    continue;
                }
                let flow = cx.script_flow(index);
                let cd = a.and_or.pipelines[0].commands[0].as_simple();
                if cd.is_some_and(|cd| flow.of(cd).errexit) {
                    continue;
                }
                cx.report(
                    run.file_range(a.and_or.span),
                    "`cd ..` to undo an earlier `cd`: a subshell would return by itself",
                )
                .with_instruction(run.instruction);
            }
        }
    }
}

/// The arguments of an and-or list that is only a `cd` command.
fn lone_cd(a: &AndOr, src: &str) -> Option<Vec<String>> {
    let [p] = a.pipelines.as_slice() else {
        return None;
    };
    if p.bang.is_some() {
        return None;
    }
    let [Command::Simple(s)] = p.commands.as_slice() else {
        return None;
    };
    if s.name(src).as_deref() != Some("cd") {
        return None;
    }
    Some(
        s.arg_literals(src)
            .map(|a| a.map_or_else(|| "\u{FFFC}".to_owned(), std::borrow::Cow::into_owned))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&CdAndBack)
            .pass([
                "FROM a\nRUN (cd src && make) && rm -rf src\n",
                "FROM a\nRUN cd src && make && cd .. && rm -rf src\n",
                "FROM a\nRUN set -e; cd src; make; cd ..\n",
                "FROM a\nRUN cd a; cd ../..\n",
                "FROM a\nRUN cd ..; cd ..\n",
            ])
            .fail([
                "FROM a\nRUN cd /usr/src/app; make; cd ..; rm -rf app\n",
                "FROM a\nRUN <<EOF\ncd build\nmake\ncd ..\nEOF\n",
            ])
            .test();
    }
}
