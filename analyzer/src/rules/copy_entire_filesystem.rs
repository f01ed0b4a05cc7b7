use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::syntax::{Args, Keyword};

declare_rule! {
    /// ## What it does
    /// Flags `COPY --from=<stage or image> / /`, which copies another
    /// stage's whole filesystem over the current one.
    ///
    /// ## Why is this bad?
    /// Copying `/` brings along everything: package databases, caches,
    /// `/etc/passwd`, `/proc` and `/sys` mount points, and the build tools a
    /// multi-stage build is meant to leave behind. It defeats the purpose of
    /// the separate stage and produces large images that are hard to reason
    /// about. Copy the directories the final image needs, or build `FROM`
    /// that stage.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// RUN go build -o /out/app .
    /// FROM alpine:3.20
    /// COPY --from=build / /
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// RUN go build -o /out/app .
    /// FROM alpine:3.20
    /// COPY --from=build /out/app /usr/local/bin/app
    /// ```
    pub CopyEntireFilesystem {
        code: "DL3067",
        name: "copy-entire-filesystem",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

fn unquote(s: &str) -> &str {
    for q in ['"', '\''] {
        if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) {
            return &s[1..s.len() - 1];
        }
    }
    s
}

impl Rule for CopyEntireFilesystem {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        let src = cx.src();
        for inst in model.instructions() {
            if inst.keyword != Keyword::Copy || inst.flag("from").is_none() {
                continue;
            }
            // (value, range) of every argument; the last is the destination.
            let args: Vec<(&str, crate::TextRange)> = match &inst.args {
                Args::Words(words) => words
                    .iter()
                    .map(|w| (unquote(w.text(inst, src)), w.range))
                    .collect(),
                Args::Json(array) => array
                    .items
                    .iter()
                    .map(|i| (i.value.as_str(), i.range))
                    .collect(),
                _ => continue,
            };
            let Some(((_, dest_range), sources)) = args.split_last() else {
                continue;
            };
            if args.last().is_none_or(|(d, _)| *d != "/") {
                continue;
            }
            if let Some((_, source_range)) = sources.iter().find(|(s, _)| *s == "/") {
                cx.report(
                    source_range.cover(*dest_range),
                    "COPY copies the entire filesystem of another stage",
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
        Tester::new(&CopyEntireFilesystem)
            .pass([
                "FROM alpine:3.20 AS a\nFROM alpine:3.20\nCOPY --from=a /app /app\n",
                "FROM alpine:3.20\nCOPY / /\n",
                "FROM alpine:3.20 AS a\nFROM alpine:3.20\nCOPY --from=a / /rootfs/\n",
                "FROM alpine:3.20 AS a\nFROM alpine:3.20\nCOPY --from=a /etc/ /\n",
            ])
            .fail([
                "FROM alpine:3.20 AS a\nFROM scratch\nCOPY --from=a / /\n",
                "FROM alpine:3.20 AS a\nFROM scratch\nCOPY --link --from=a \"/\" \"/\"\n",
                "FROM alpine:3.20 AS a\nFROM scratch\nCOPY --from=a [\"/\", \"/\"]\n",
                "FROM scratch\nCOPY --from=busybox:1.36 / /\n",
            ])
            .test();
    }
}
