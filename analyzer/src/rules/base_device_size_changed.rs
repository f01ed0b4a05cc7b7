use crate::checker::Checker;
use crate::daemon::DaemonModel;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `dm.basesize` in `storage-opts`: the size of the base device
    /// of the devicemapper storage driver. Off by default.
    ///
    /// ## Why is this bad?
    /// A larger base device lets every container fill more of the thin
    /// pool, so one container can exhaust the storage of all (CIS Docker
    /// Benchmark 2.11). The devicemapper driver itself was removed in
    /// Docker Engine 25.0.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "storage-driver": "devicemapper",
    ///   "storage-opts": ["dm.basesize=50G"]
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "storage-driver": "overlay2"
    /// }
    /// ```
    pub BaseDeviceSizeChanged {
        code: "DW6018",
        name: "base-device-size-changed",
        aliases: ["CIS-2.11", "cis"],
        severity: Info,
        category: Daemon,
        kinds: [Daemon],
        default: false,
        fix: None,
    }
}

impl Rule<DaemonModel> for BaseDeviceSizeChanged {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, DaemonModel>) {
        let model = cx.model;
        for (opt, range, _) in model.strings("storage-opts") {
            let key = opt.split('=').next().unwrap_or("").trim();
            if key.eq_ignore_ascii_case("dm.basesize") {
                cx.report(
                    range,
                    "`dm.basesize` changes the base device size of every container",
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
        Tester::new_for(&BaseDeviceSizeChanged)
            .pass(["{}", "{\"storage-opts\": [\"overlay2.size=10G\"]}"])
            .fail(["{\"storage-opts\": [\"dm.thinpooldev=/dev/x\", \"dm.basesize=20G\"]}"])
            .test();
    }
}
