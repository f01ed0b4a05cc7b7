use crate::checker::Checker;
use crate::daemon::DaemonModel;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `"storage-driver": "aufs"`.
    ///
    /// ## Why is this bad?
    /// aufs is an out-of-tree union filesystem with known security and
    /// stability problems, unmaintained in the kernels Docker supports; it
    /// was deprecated for years and removed in Docker Engine 24.0, so a
    /// current dockerd with this setting does not start (CIS Docker
    /// Benchmark 2.6).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "storage-driver": "aufs"
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "storage-driver": "overlay2"
    /// }
    /// ```
    ///
    /// No fix: images and containers stored with aufs are not visible to
    /// another driver; they must be re-pulled or migrated.
    pub AufsStorageDriver {
        code: "DW6013",
        name: "aufs-storage-driver",
        aliases: ["CIS-2.6", "cis"],
        severity: Warning,
        category: Daemon,
        kinds: [Daemon],
        default: true,
        fix: None,
    }
}

impl Rule<DaemonModel> for AufsStorageDriver {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, DaemonModel>) {
        let model = cx.model;
        if let Some((driver, s)) = model.string("storage-driver")
            && driver.eq_ignore_ascii_case("aufs")
        {
            cx.report(
                model.value_range(s),
                "the aufs storage driver is unmaintained and was removed in Docker Engine 24.0",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new_for(&AufsStorageDriver)
            .pass(["{}", "{\"storage-driver\": \"overlay2\"}"])
            .fail(["{\"storage-driver\": \"aufs\"}"])
            .test();
    }
}
