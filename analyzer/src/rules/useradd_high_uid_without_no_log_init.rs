use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::commands::{OptSpec, is_name, is_onbuild, parse_options};
use crate::rule::{Rule, RuleMeta};
use crate::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Flags `useradd` with a UID of more than five digits (`-u 1000000`,
    /// `--uid=1000000`) and without `-l` / `--no-log-init`. A UID given by an
    /// ARG or ENV is checked with its value.
    ///
    /// ## Why is this bad?
    /// `useradd` records the user in `/var/log/lastlog` and
    /// `/var/log/faillog`, sparse files indexed by UID. Docker does not keep
    /// files sparse in layers, so a high UID adds gigabytes of zeros to the
    /// image. `-l` skips those databases.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN useradd -u 1000000 app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN useradd -l -u 1000000 app
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `-l` after `useradd`. It is safe: only the login
    /// records of the build are skipped.
    pub UseraddHighUidWithoutNoLogInit {
        code: "DL3046",
        name: "useradd-high-uid-without-no-log-init",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: Always,
    }
}

/// `useradd`'s options that take a value.
const USERADD: OptSpec = OptSpec {
    short_value: "bcdefgGkKpsuRPZ",
    long_value: &[
        "base-dir",
        "comment",
        "home-dir",
        "expiredate",
        "inactive",
        "gid",
        "groups",
        "skel",
        "key",
        "password",
        "shell",
        "uid",
        "root",
        "prefix",
        "selinux-user",
        "btrfs-subvolume-home",
    ],
    ..OptSpec::GNU
};

impl Rule for UseraddHighUidWithoutNoLogInit {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        for c in cx.invocations() {
            if c.name() != Some("useradd") {
                continue;
            }
            let args = parse_options(c.literal_args(), &USERADD);
            if args.iter().any(|a| a.is_opt(&['l'], &["no-log-init"])) {
                continue;
            }
            let Some(uid) = args.iter().find(|a| a.is_opt(&['u'], &["uid"])) else {
                continue;
            };
            let value = match uid.known_value() {
                Some(v) => v.to_owned(),
                None => {
                    // `-u $UID`: the ARG/ENV value the RUN sees.
                    let Some(word) = c.arg_words().get(uid.arg + 1) else {
                        continue;
                    };
                    let text = word.text(c.src());
                    let name = text
                        .trim_matches('"')
                        .trim_start_matches('$')
                        .trim_start_matches('{')
                        .trim_end_matches('}');
                    if is_onbuild(model, c.instruction())
                        || !is_name(name)
                        || !text.trim_matches('"').starts_with('$')
                    {
                        continue;
                    }
                    let Some(v) = model
                        .lookup(c.instruction(), name)
                        .and_then(|d| d.value.clone())
                    else {
                        continue;
                    };
                    v
                }
            };
            if value.len() <= 5 || !value.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            let Some(word) = c.program_word() else {
                continue;
            };
            let range = c.file_range(word.span);
            let uid_word = &c.arg_words()[uid.arg];
            let related = c.file_range(uid_word.span);
            cx.report(
                range,
                format!("`useradd` with the high UID {value} and no `-l` bloats the image with sparse log files"),
            )
            .with_instruction(c.instruction())
            .with_related(related, "UID set here")
            .with_fix(Fix::safe(
                "Add `-l` (`--no-log-init`)",
                vec![Edit::insert(range.end(), " -l")],
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&UseraddHighUidWithoutNoLogInit)
            .pass([
                "FROM a\nRUN useradd -u 12345 app\n",
                "FROM a\nRUN useradd -l -u 1000000 app\n",
                "FROM a\nRUN useradd --no-log-init --uid=1000000 app\n",
                "FROM a\nRUN useradd -lu 1000000 app\n",
                "FROM a\nRUN useradd app\n",
                "FROM a\nRUN useradd -u $UNKNOWN app\n",
                "FROM a\nRUN adduser -u 1000000 app\n",
                "FROM a\nRUN useradd -c 1000000 app\n",
            ])
            .fail([
                "FROM a\nRUN useradd -u 1000000 app\n",
                "FROM a\nRUN useradd --uid 1000000 app\n",
                "FROM a\nRUN useradd -u1000000 -m app\n",
                "FROM a\nRUN useradd -m -s /bin/bash -u 1000000 app\n",
                "FROM a\nARG UID=1000000\nRUN useradd -u ${UID} app\n",
                "FROM a\nRUN sudo useradd -u 1000000 app\n",
            ])
            .fix([(
                "FROM a\nRUN useradd -u 1000000 app\n",
                "FROM a\nRUN useradd -l -u 1000000 app\n",
            )])
            .test();
    }
}
