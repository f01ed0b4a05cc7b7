use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::package_commands::Manager;
use crate::families::package_rules::report_unpinned;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags packages installed with `npm install` (`npm i`, `npm add`)
    /// without a version or tag (`package@version`).
    ///
    /// Not flagged: `npm install` without packages (it installs what
    /// `package.json` and the lock file say), folders and tarballs, git URLs
    /// with a `#commit` or `#semver:` suffix, and packages whose name comes
    /// from a variable with no known value. ARG and ENV values are expanded.
    ///
    /// ## Why is this bad?
    /// Without a version, every build installs the latest release: rebuilding
    /// the same Dockerfile gives a different image, and a new release can
    /// break the build or the application unnoticed.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20
    /// RUN npm install -g typescript
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:20
    /// RUN npm install -g typescript@5.5.4
    /// ```
    pub NpmPackageUnpinned {
        code: "DL3016",
        name: "npm-package-unpinned",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

/// A package spec with no version: `sax`, `@types/node`, `user/repo`.
fn unpinned(v: &str) -> bool {
    let git = [
        "git://",
        "git+ssh://",
        "git+http://",
        "git+https://",
        "github:",
        "gitlab:",
        "bitbucket:",
        "gist:",
    ]
    .iter()
    .any(|p| v.starts_with(p));
    if git {
        return !v.contains('#');
    }
    if v.contains("://")
        || v.starts_with("file:")
        || v == "."
        || ["/", "./", "../", "~/"].iter().any(|p| v.starts_with(p))
        || [".tar", ".tar.gz", ".tgz"].iter().any(|s| v.ends_with(s))
    {
        return false;
    }
    let name = match v.strip_prefix('@') {
        Some(scoped) => scoped.split_once('/').map_or(scoped, |(_, rest)| rest),
        None => v,
    };
    // `user/repo` is a GitHub shorthand, pinned by `#commit`.
    !(name.contains('@') || name.contains('#'))
}

impl Rule for NpmPackageUnpinned {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        report_unpinned(cx, |pc| {
            pc.unpinned_operands(
                pc.manager == Manager::Npm && pc.is_subcommand(&["install", "i", "add"]),
                unpinned,
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&NpmPackageUnpinned)
            .pass([
                "FROM node\nRUN npm install\n",
                "FROM node\nRUN npm ci --omit=dev\n",
                "FROM node\nRUN npm install sax@0.1.1 @types/node@20 @scope/pkg@latest\n",
                "FROM node\nRUN npm install --registry https://example.com sax@0.1.1\n",
                "FROM node\nRUN npm install --loglevel verbose --prefix /opt\n",
                "FROM node\nRUN npm install ./lib /app ../x pkg.tgz git+https://github.com/a/b#v1\n",
                "FROM node\nRUN npm install -g $TOOLS\n",
                "FROM node\nRUN npm run install\n",
            ])
            .fail([
                "FROM node\nRUN npm install -g typescript\n",
                "FROM node\nRUN npm i --save-dev @types/node\n",
                "FROM node\nRUN npm install git+https://github.com/a/b\n",
                "FROM node\nARG TOOLS=\"yarn pnpm@9\"\nRUN npm install -g $TOOLS\n",
            ])
            .test();
    }
}
