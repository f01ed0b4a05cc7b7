use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::package_commands::Manager;
use crate::families::package_rules::{is_unpinned, report_unpinned};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags Go packages fetched with `go install`, `go get` or `go run`
    /// without a version (`module/path@v1.2.3`), or with a moving query
    /// (`@latest`, `@upgrade`, `@patch`).
    ///
    /// Not flagged: local packages and files (`.`, `./cmd/x`, `/src/...`,
    /// `main.go`), `@none` (which removes a dependency), and packages whose
    /// path comes from a variable with no known value. For `go run`, only
    /// the package is checked, not the program's arguments. ARG and ENV
    /// values are expanded.
    ///
    /// ## Why is this bad?
    /// Without a version, every build fetches the latest release: rebuilding
    /// the same Dockerfile gives a different image, and a new release can
    /// break the build unnoticed.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23
    /// RUN go install golang.org/x/tools/gopls@latest
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.23
    /// RUN go install golang.org/x/tools/gopls@v0.16.2
    /// ```
    pub GoPackageUnpinned {
        code: "DL3062",
        name: "go-package-unpinned",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

/// A package path with no version.
fn unpinned(v: &str) -> bool {
    if v.starts_with('.') || v.starts_with('/') || v.ends_with(".go") {
        return false;
    }
    match v.rsplit_once('@') {
        Some((_, query)) => matches!(query, "latest" | "upgrade" | "patch"),
        None => true,
    }
}

impl Rule for GoPackageUnpinned {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        report_unpinned(cx, |pc| {
            // `go run PKG ARGS…`: only the first operand is a package.
            let take = match (pc.manager, pc.subcommand()) {
                (Manager::Go, Some("install" | "get")) => usize::MAX,
                (Manager::Go, Some("run")) => 1,
                _ => 0,
            };
            pc.operands_after_subcommand()
                .take(take)
                .filter(|a| is_unpinned(a, unpinned))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&GoPackageUnpinned)
            .pass([
                "FROM golang\nRUN go install golang.org/x/tools/gopls@v0.16.2\n",
                "FROM golang\nRUN go install ./... && go get -d -v ./...\n",
                "FROM golang\nRUN go run main.go --flag value\n",
                "FROM golang\nRUN go run example.com/gen@v1.0 some/arg\n",
                "FROM golang\nRUN go get example.com/old@none\n",
                "FROM golang\nRUN go install -ldflags '-s -w' $TOOL\n",
                "FROM golang\nRUN go build -o /app .\n",
            ])
            .fail([
                "FROM golang\nRUN go install golang.org/x/tools/gopls@latest\n",
                "FROM golang\nRUN go get -u github.com/a/b\n",
                "FROM golang\nRUN go run github.com/a/gen\n",
                "FROM golang\nRUN CGO_ENABLED=0 go install -v github.com/a/b@v1 github.com/c/d\n",
            ])
            .test();
    }
}
