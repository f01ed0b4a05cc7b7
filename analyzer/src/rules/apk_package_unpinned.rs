use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::package_commands::Manager;
use crate::families::package_rules::report_unpinned;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags packages installed with `apk add` without a version constraint
    /// (`package=version`, `package~version`, `package>=version`).
    ///
    /// Not flagged: `.apk` files and paths, the name of a virtual package
    /// (`--virtual .build-deps`), and a package whose name comes from a
    /// variable with no known value. ARG and ENV values are expanded.
    ///
    /// ## Why is this bad?
    /// Without a version, every build installs whatever the repository holds
    /// that day: rebuilding the same Dockerfile gives a different image, and
    /// an update can break the build or the application unnoticed.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache curl=8.9.1-r2
    /// ```
    pub ApkPackageUnpinned {
        code: "DL3018",
        name: "apk-package-unpinned",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

/// A package operand with no version constraint.
fn unpinned(v: &str) -> bool {
    !(v.contains(['=', '~', '<', '>']) || v.contains('/') || v.ends_with(".apk"))
}

impl Rule for ApkPackageUnpinned {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        report_unpinned(cx, |pc| {
            pc.unpinned_operands(
                pc.manager == Manager::Apk && pc.is_subcommand(&["add"]),
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
        Tester::new(&ApkPackageUnpinned)
            .pass([
                "FROM alpine\nRUN apk add --no-cache curl=8.9.1-r2 git~2.45 'jq>=1.7'\n",
                "FROM alpine\nRUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0\n",
                "FROM alpine\nRUN apk add -t .deps --repository http://x/edge/main musl-dev=1.2.5-r0\n",
                "FROM alpine\nRUN apk add --allow-untrusted /tmp/pkg.apk\n",
                "FROM alpine\nRUN apk add --no-cache $PACKAGES\n",
                "FROM alpine\nRUN apk update && apk upgrade\n",
            ])
            .fail([
                "FROM alpine\nRUN apk add curl\n",
                "FROM alpine\nRUN apk --no-cache add -U curl=1 git bash\n",
                "FROM alpine\nARG PKGS=\"curl git\"\nRUN apk add --no-cache ${PKGS}\n",
                "FROM alpine\nRUN <<EOF\napk add --no-cache python3\nEOF\n",
            ])
            .test();
    }
}
