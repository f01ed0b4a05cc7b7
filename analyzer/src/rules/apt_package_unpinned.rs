use crate::checker::Checker;
use crate::declare_rule;
use crate::families::package_rules::report_unpinned;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags packages installed with `apt-get install` (or `apt install`)
    /// without a pinned version (`package=version`).
    ///
    /// Not flagged: a release pin (`package/bookworm-backports`), a `.deb`
    /// file or any path, and a package whose name comes from a variable with
    /// no known value. ARG and ENV values are expanded, so
    /// `apt-get install $PACKAGES` is checked against the ARG's default.
    ///
    /// ## Why is this bad?
    /// Without a version, every build installs whatever the archive holds
    /// that day: rebuilding the same Dockerfile gives a different image, and
    /// an update can break the build or the application unnoticed.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update \
    ///  && apt-get install -y --no-install-recommends curl \
    ///  && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update \
    ///  && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \
    ///  && rm -rf /var/lib/apt/lists/*
    /// ```
    pub AptPackageUnpinned {
        code: "DL3008",
        name: "apt-package-unpinned",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

/// A package operand with no version: `curl`, not `curl=1.0`,
/// `curl/bookworm` or `./x.deb`.
fn unpinned(v: &str) -> bool {
    !(v.contains('=') || v.contains('/') || v.ends_with(".deb"))
}

impl Rule for AptPackageUnpinned {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        report_unpinned(cx, |pc| {
            pc.unpinned_operands(
                pc.manager.is_apt() && pc.is_subcommand(&["install"]),
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
        Tester::new(&AptPackageUnpinned)
            .pass([
                "FROM debian\nRUN apt-get install -y curl=7.88 wget=1.21\n",
                "FROM debian\nRUN apt-get install -y -t bookworm-backports curl=7.88\n",
                "FROM debian\nRUN apt-get install -y ./pkg.deb /tmp/x.deb foo/bookworm\n",
                "FROM debian\nRUN apt-get install -y $PACKAGES \"${EXTRA}\" $(cat list)\n",
                "FROM debian\nARG V=1.0\nRUN apt-get install -y curl=$V\n",
                "FROM debian\nRUN apt-get update && apt-get upgrade -y\n",
                "FROM debian\nRUN echo apt-get install curl\n",
                "FROM debian\nRUN apt-get install -y -o Dpkg::Options::=--force-confnew x=1\n",
            ])
            .fail([
                "FROM debian\nRUN apt-get install -y curl\n",
                "FROM debian\nRUN apt-get -y install curl wget=1 git\n",
                "FROM debian\nRUN sudo apt-get install -y curl=1 && apt install -y nano\n",
                "FROM debian\nARG PKGS=\"curl wget\"\nRUN apt-get install -y $PKGS\n",
                "FROM debian\nRUN <<EOF\nset -e\napt-get install -y vim\nEOF\n",
                "FROM debian\nONBUILD RUN apt-get install -y curl\n",
                "FROM debian\nRUN if true; then (apt-get install -y curl); fi\n",
            ])
            .test();
    }
}
