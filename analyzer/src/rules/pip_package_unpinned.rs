use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::package_commands::Manager;
use crate::families::package_rules::report_unpinned;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags packages installed with `pip install` (also `pip3`,
    /// `python -m pip`, `pipx`) without a version specifier
    /// (`package==version`, `>=`, `~=`, …).
    ///
    /// Not flagged: installs from a requirements file (`-r`) or under a
    /// constraints file (`-c`, or `PIP_CONSTRAINT` in the environment), local
    /// paths and archives (`.`, `./src`, `dist/x.whl`, `x.tar.gz`), URLs, VCS
    /// references pinned with `@`, editable installs (`-e`), and packages
    /// whose name comes from a variable with no known value. ARG and ENV
    /// values are expanded.
    ///
    /// ## Why is this bad?
    /// Without a version, every build installs the latest release of each
    /// package: rebuilding the same Dockerfile gives a different image, and a
    /// new release can break the build or the application unnoticed.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12
    /// RUN pip install --no-cache-dir flask
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12
    /// RUN pip install --no-cache-dir flask==3.0.3
    /// ```
    pub PipPackageUnpinned {
        code: "DL3013",
        name: "pip-package-unpinned",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

/// A requirement with no version: `flask`, not `flask==3`, `./src` or
/// `git+https://…@v1`.
fn unpinned(v: &str) -> bool {
    let versioned = ["==", ">=", "<=", ">", "<", "!=", "~=", "==="]
        .iter()
        .any(|op| v.contains(op));
    let vcs =
        v.contains("+http") || v.contains("+ssh") || v.contains("+git") || v.contains("+file");
    !(versioned
        || (vcs && v.contains('@'))
        || (!vcs && (v.contains('/') || v.contains(':')))
        || v.starts_with('.')
        || v.starts_with('~')
        || [".whl", ".tar.gz", ".zip", ".tgz", ".tar.bz2"]
            .iter()
            .any(|ext| v.ends_with(ext)))
}

impl Rule for PipPackageUnpinned {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        report_unpinned(cx, |pc| {
            let installs = matches!(pc.manager, Manager::Pip | Manager::Pipx)
                && pc.is_subcommand(&["install"])
                && !pc.has_opt(&['r', 'c'], &["requirement", "constraint"])
                && pc.inv.env_value("PIP_CONSTRAINT").is_none()
                && model.lookup(pc.instruction(), "PIP_CONSTRAINT").is_none();
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
        Tester::new(&PipPackageUnpinned)
            .pass([
                "FROM python\nRUN pip install flask==3.0 'requests>=2' 'numpy~=1.26' 'a[b]!=1'\n",
                "FROM python\nRUN pip install -r requirements.txt\n",
                "FROM python\nRUN pip install --requirement=req.txt gunicorn\n",
                "FROM python\nRUN pip install -c constraints.txt flask\n",
                "FROM python\nENV PIP_CONSTRAINT=/c.txt\nRUN pip install flask\n",
                "FROM python\nRUN pip install . ./src dist/x.whl pkg.tar.gz -e ./lib\n",
                "FROM python\nRUN pip install git+https://github.com/a/b@v1.0\n",
                "FROM python\nRUN pip install https://example.com/x.zip\n",
                "FROM python\nRUN pip install $PACKAGES\n",
                "FROM python\nRUN pip install -i https://pypi.example/simple flask==3\n",
                "FROM python\nRUN pip download flask\n",
                "FROM python\nRUN pipenv install flask\n",
            ])
            .fail([
                "FROM python\nRUN pip install flask\n",
                "FROM python\nRUN pip3 install --upgrade pip setuptools\n",
                "FROM python\nRUN python3 -m pip install --no-cache-dir flask==3 requests\n",
                "FROM python\nRUN pip install git+https://github.com/a/b\n",
                "FROM python\nARG PKGS=\"flask gunicorn\"\nRUN pip install $PKGS\n",
                "FROM python\nRUN pipx install black\n",
            ])
            .test();
    }
}
