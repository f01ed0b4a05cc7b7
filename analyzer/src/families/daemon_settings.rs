//! The daemon.json rules about one boolean setting: reported when it has
//! the unsafe value, or (for some) when it is absent and dockerd's default
//! is the unsafe value; fixed by setting the hardened value.

use crate::checker::Checker;
use crate::daemon::DaemonModel;
use crate::{Fix, TextRange};

/// One boolean setting and its hardened value.
pub(crate) struct BoolSetting {
    pub key: &'static str,
    /// The hardened value.
    pub want: bool,
    /// dockerd's default is the unsafe value, so an absent key is reported.
    pub report_absent: bool,
    /// What the unsafe value does, for the message.
    pub effect: &'static str,
    /// Offer the (unsafe) fix that sets the hardened value.
    pub fix: bool,
}

/// Reports `setting` in the model's configuration.
pub(crate) fn check_bool(cx: &mut Checker<'_, DaemonModel>, setting: &BoolSetting) {
    let model = cx.model;
    let key = setting.key;
    let (range, message): (TextRange, String) = match model.setting(key) {
        Some(s) => match model.json().as_bool(s.member.value) {
            Some(v) if v != setting.want => (
                model.setting_range(s),
                format!("`{key}` is {v}: {}", setting.effect),
            ),
            // The hardened value; or not a boolean (the syntax rule's
            // finding: dockerd refuses the file).
            _ => return,
        },
        None if setting.report_absent && model.is_whole() => (
            model.missing_range(),
            format!(
                "`{key}` is not set, so it defaults to {}: {}",
                !setting.want, setting.effect
            ),
        ),
        None => return,
    };
    let edit = setting
        .fix
        .then(|| model.set_edit(key, if setting.want { "true" } else { "false" }))
        .flatten();
    let d = cx.report(range, message);
    if let Some(edit) = edit {
        d.with_fix(Fix::unsafe_(
            format!("Set `{key}` to {}", setting.want),
            vec![edit],
        ));
    }
}
