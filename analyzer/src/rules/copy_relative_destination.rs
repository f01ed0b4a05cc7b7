use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::syntax::Keyword;

use crate::facts::copy_paths::copy_paths;
use crate::facts::workdir_state::Workdirs;

declare_rule! {
    /// ## What it does
    /// Flags a `COPY` to a relative destination in a stage where no `WORKDIR`
    /// is set: not in the stage before the `COPY`, not in a stage of the file
    /// it is built on. Destinations starting with a variable and Windows
    /// absolute paths are left alone; so are stages built on `scratch`,
    /// whose working directory is always `/`.
    ///
    /// ## Why is this bad?
    /// A relative destination is resolved against the base image's working
    /// directory, which the Dockerfile does not show and which can change
    /// when the base image does.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20
    /// COPY package.json .
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:20
    /// WORKDIR /app
    /// COPY package.json .
    /// ```
    pub CopyRelativeDestination {
        code: "DL3045",
        name: "copy-relative-destination",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

impl Rule for CopyRelativeDestination {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        let mut workdirs = None;
        for (i, inst) in model.instructions().iter().enumerate() {
            if inst.keyword != Keyword::Copy {
                continue;
            }
            if model.stage_of(i).is_none() {
                continue;
            }
            let Some((_, dest)) = copy_paths(model, i, inst) else {
                continue;
            };
            let raw = dest.raw.trim_matches(['"', '\'']);
            if raw.starts_with('/') || raw.starts_with('$') || windows_absolute(raw) {
                continue;
            }
            let workdirs = workdirs.get_or_insert_with(|| Workdirs::new(model));
            if workdirs.before(i).is_some() {
                continue;
            }
            cx.report(
                dest.range,
                format!("COPY to the relative destination `{raw}` with no WORKDIR set"),
            );
        }
    }
}

/// hadolint's Windows test: a drive letter then `:\` or `:/`.
fn windows_absolute(path: &str) -> bool {
    let mut chars = path.chars();
    chars.next().is_some() && {
        let rest = chars.as_str();
        rest.starts_with(":\\") || rest.starts_with(":/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&CopyRelativeDestination)
            .pass([
                "FROM a\nCOPY x /app/\n",
                "FROM a\nWORKDIR /app\nCOPY x .\n",
                "FROM a\nCOPY x $DEST\n",
                "FROM a\nCOPY x \"/app/\"\n",
                "FROM a\nCOPY x C:\\app\n",
                "FROM a AS base\nWORKDIR /app\nFROM base\nCOPY x .\n",
                "FROM scratch\nCOPY x .\n",
                "FROM a\nADD x .\n",
                "FROM a\nONBUILD COPY x .\n",
            ])
            .fail([
                "FROM a\nCOPY x .\n",
                "FROM a\nCOPY x app/\n",
                "FROM a\nCOPY x .\nWORKDIR /app\n",
                "FROM a\nWORKDIR /app\nFROM b\nCOPY x .\n",
                "FROM a AS one\nWORKDIR /app\nFROM a\nCOPY [\"x\", \"y\"]\n",
            ])
            .test();
    }
}
