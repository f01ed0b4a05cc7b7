use crate::Applicability;
use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::package_commands::{
    Manager, PackageCommand, cache_mount_targets, earlier_script_text_contains, path_covers,
};
use crate::families::package_rules::{MissingOption, report_missing_option};
use crate::model::Model;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `pip install` (also `pip3`, `python -m pip`) without
    /// `--no-cache-dir`.
    ///
    /// Not flagged when pip's cache is disabled another way —
    /// `PIP_NO_CACHE_DIR` set by ENV or ARG, on the command
    /// (`PIP_NO_CACHE_DIR=1 pip install …`) or exported earlier in the
    /// script, or `pip config set global.no-cache-dir true` run earlier in
    /// the stage — or kept out of the image by a cache or tmpfs mount on the
    /// cache directory (`RUN --mount=type=cache,target=/root/.cache/pip`, or
    /// the directory `PIP_CACHE_DIR` names). `pipx` and `pipenv` are not
    /// checked.
    ///
    /// ## Why is this bad?
    /// pip keeps every downloaded and built wheel under `~/.cache/pip`. In an
    /// image nothing reuses that cache: it only makes the layer bigger.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12
    /// RUN pip install flask==3.0.3
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12
    /// RUN pip install --no-cache-dir flask==3.0.3
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `--no-cache-dir` after `install`. It is safe: pip
    /// installs the same packages without writing its cache.
    pub PipCacheKept {
        code: "DL3042",
        name: "pip-cache-kept",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: Sometimes,
    }
}

/// A value pip accepts for `PIP_NO_CACHE_DIR`: any boolean disables the
/// cache (pip's documented backwards-compatible behaviour).
fn disables_cache(value: &str) -> bool {
    matches!(
        value.to_ascii_lowercase().as_str(),
        "1" | "true" | "yes" | "y" | "t" | "on" | "0" | "false" | "no" | "n" | "f" | "off"
    )
}

fn cache_disabled(model: &Model, pc: &PackageCommand<'_>) -> bool {
    if pc.has_opt(&[], &["no-cache-dir"]) {
        return true;
    }
    if pc
        .inv
        .env_value("PIP_NO_CACHE_DIR")
        .is_some_and(disables_cache)
    {
        return true;
    }
    let instruction = pc.instruction();
    if model
        .lookup(instruction, "PIP_NO_CACHE_DIR")
        .and_then(|d| d.value.as_deref())
        .is_some_and(disables_cache)
    {
        return true;
    }
    let before = &pc.inv.run.text[..pc.inv.program_span.start().min(pc.inv.run.text.len())];
    if before.contains("PIP_NO_CACHE_DIR=")
        || earlier_script_text_contains(model, pc.inv, "global.no-cache-dir")
        || earlier_script_text_contains(model, pc.inv, "global.cache-dir false")
    {
        return true;
    }
    let cache_dir = pc
        .inv
        .env_value("PIP_CACHE_DIR")
        .map(str::to_owned)
        .or_else(|| {
            model
                .lookup(instruction, "PIP_CACHE_DIR")
                .and_then(|d| d.value.clone())
        });
    cache_mount_targets(model, instruction).iter().any(|t| {
        t.contains(".cache/pip")
            || t.trim_end_matches('/').ends_with("/.cache")
            || cache_dir.as_deref().is_some_and(|d| path_covers(t, d))
    })
}

impl Rule for PipCacheKept {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        report_missing_option(
            cx,
            &MissingOption {
                option: "--no-cache-dir",
                what: "without `--no-cache-dir` keeps pip's cache in the image",
                related: "Also without `--no-cache-dir`",
                fix: Applicability::Safe,
            },
            |pc| {
                pc.manager == Manager::Pip
                    && pc.is_subcommand(&["install"])
                    && !cache_disabled(model, pc)
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&PipCacheKept)
            .pass([
                "FROM python\nRUN pip install --no-cache-dir flask\n",
                "FROM python\nRUN pip --no-cache-dir install flask\n",
                "FROM python\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n",
                "FROM python\nARG PIP_NO_CACHE_DIR=off\nRUN pip install flask\n",
                "FROM python AS base\nENV PIP_NO_CACHE_DIR=true\nFROM base\nRUN pip install flask\n",
                "FROM python\nRUN PIP_NO_CACHE_DIR=1 pip install flask\n",
                "FROM python\nRUN export PIP_NO_CACHE_DIR=1 && pip install flask\n",
                "FROM python\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n",
                "FROM python\nENV PIP_CACHE_DIR=/pipcache\nRUN --mount=type=cache,target=/pipcache pip install flask\n",
                "FROM python\nRUN pipx install black && pipenv install\n",
                "FROM python\nRUN pip config set global.no-cache-dir true\nRUN pip install flask\n",
                "FROM python\nRUN pip download flask\n",
            ])
            .fail([
                "FROM python\nRUN pip install flask\n",
                "FROM python\nRUN python3 -m pip install -U pip\n",
                "FROM python\nENV PIP_NO_CACHE_DIR=maybe\nRUN pip install flask\n",
                "FROM python\nRUN --mount=type=cache,target=/root/.npm pip3 install flask\n",
            ])
            .fix([(
                "FROM python\nRUN pip install -U pip && python -m pip install -r req.txt\n",
                "FROM python\nRUN pip install --no-cache-dir -U pip && python -m pip install --no-cache-dir -r req.txt\n",
            )])
            .test();
    }
}
