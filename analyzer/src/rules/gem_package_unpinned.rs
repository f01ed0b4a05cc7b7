use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::package_commands::Manager;
use crate::families::package_rules::report_unpinned;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags gems installed with `gem install` without a version
    /// (`gem:version`, or `-v version` for a single gem).
    ///
    /// Not flagged: local `.gem` files, installs from a gem dependencies
    /// file (`-g`), and gems whose name comes from a variable with no known
    /// value. ARG and ENV values are expanded.
    ///
    /// ## Why is this bad?
    /// Without a version, every build installs the latest release: rebuilding
    /// the same Dockerfile gives a different image, and a new release can
    /// break the build or the application unnoticed.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ruby:3.3
    /// RUN gem install bundler
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM ruby:3.3
    /// RUN gem install bundler:2.5.16
    /// ```
    pub GemPackageUnpinned {
        code: "DL3028",
        name: "gem-package-unpinned",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

/// A gem operand with no version.
fn unpinned(v: &str) -> bool {
    !(v.contains(':') || v.contains('/') || v.ends_with(".gem"))
}

impl Rule for GemPackageUnpinned {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        report_unpinned(cx, |pc| {
            let installs = pc.manager == Manager::Gem
                && pc.is_subcommand(&["install", "i"])
                && !pc.has_opt(&['v', 'g'], &["version", "file"]);
            pc.unpinned_operands(installs, unpinned)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&GemPackageUnpinned)
            .pass([
                "FROM ruby\nRUN gem install bundler:2.5.16 rake:13.0\n",
                "FROM ruby\nRUN gem install bundler -v 2.5.16\n",
                "FROM ruby\nRUN gem install bundler --version=2.5.16 --no-document\n",
                "FROM ruby\nRUN gem install ./pkg.gem\n",
                "FROM ruby\nRUN gem install $GEMS\n",
                "FROM ruby\nRUN gem update --system\n",
            ])
            .fail([
                "FROM ruby\nRUN gem install bundler\n",
                "FROM ruby\nRUN gem i --no-document -s https://rubygems.org rails\n",
                "FROM ruby\nRUN gem install rake:13 -- --with-x\nRUN gem install rails\n",
            ])
            .test();
    }
}
