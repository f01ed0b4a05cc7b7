use crate::TextRange;
use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::commands::{Invocation, base_name};
use crate::facts::downloads::{Output, ProgramSource, download, interpreter, program_source};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a file downloaded in a `RUN` (`curl -o`, `curl -O`, `wget`,
    /// `curl … > file`) that the same stage then runs — with an interpreter
    /// (`sh install.sh`, `python3 get-pip.py`), with `source` / `.`, or by
    /// path (`./install.sh`, `/usr/local/bin/tool`) — when no checksum or
    /// signature check (`sha256sum`, `sha512sum`, `shasum`, `md5sum`,
    /// `gpg`, `gpgv`, `cosign`, `minisign`, `signify`, `openssl dgst`…)
    /// runs in between.
    ///
    /// Off by default: running an unverified download is common practice
    /// and this rule is stricter than its peers. A script piped straight into
    /// a shell is `curl-pipe-shell` (DW1001), on by default.
    ///
    /// ## Why is this bad?
    /// Saving the script to a file changes nothing if it is run unchecked:
    /// whatever the server sends runs as root in the build. Pinning its
    /// checksum (or checking its signature) makes the build fail instead
    /// when the file changes.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh && sh /tmp/install.sh
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \
    ///     && echo "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef  /tmp/install.sh" | sha256sum -c - \
    ///     && sh /tmp/install.sh
    /// ```
    pub UnverifiedDownloadRun {
        code: "DW1020",
        name: "unverified-download-run",
        aliases: [],
        severity: Warning,
        category: Security,
        default: false,
        fix: None,
    }
}

/// A file downloaded earlier in the stage and not checked yet.
struct Pending {
    path: String,
    tool: &'static str,
    /// File range of the download command.
    range: TextRange,
}

/// Commands that check a checksum or a signature.
fn verifies(c: &Invocation<'_>) -> bool {
    let Some(name) = c.name() else { return false };
    match name {
        "sha1sum" | "sha224sum" | "sha256sum" | "sha384sum" | "sha512sum" | "md5sum" | "b2sum"
        | "shasum" | "cksum" | "gpg" | "gpg2" | "gpgv" | "gpgv2" | "cosign" | "minisign"
        | "signify" | "sq" | "sqv" | "slsa-verifier" => true,
        "openssl" | "gh" => c.literal_args().iter().any(|w| {
            w.known().is_some_and(|v| {
                v.starts_with("dgst")
                    || v.starts_with("sha")
                    || v == "-verify"
                    || v == "attestation"
            })
        }),
        _ => false,
    }
}

/// The file `c` runs, if it runs one named literally.
fn executed_file(c: &Invocation<'_>) -> Option<String> {
    let name = c.name()?;
    if let Some(lang) = interpreter(name) {
        return match program_source(c, lang) {
            ProgramSource::File(w) => Some(c.literal_args()[w].known()?.to_owned()),
            _ => None,
        };
    }
    if matches!(name, "source" | ".") {
        return Some(c.literal_args().first()?.known()?.to_owned());
    }
    let word = c.words.get(c.program()?.word)?.known()?;
    word.contains('/').then(|| word.to_owned())
}

/// `a` and `b` name the same file: equal paths, or the same file name
/// when one is relative.
fn same_file(a: &str, b: &str) -> bool {
    let a = a.strip_prefix("./").unwrap_or(a);
    let b = b.strip_prefix("./").unwrap_or(b);
    a == b || ((!a.starts_with('/') || !b.starts_with('/')) && base_name(a) == base_name(b))
}

impl Rule for UnverifiedDownloadRun {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        let mut cmds: Vec<&Invocation<'_>> = cx.invocations().iter().collect();
        cmds.sort_by_key(|c| (c.script, c.cmd.command.span.start()));
        let mut stage = None;
        let mut pending: Vec<Pending> = Vec::new();
        for c in cmds {
            let s = model.stage_of(c.instruction()).map(|s| s.index);
            if s != stage {
                stage = s;
                pending.clear();
            }
            if verifies(c) {
                pending.clear();
                continue;
            }
            if let Some(file) = executed_file(c)
                && let Some(k) = pending.iter().position(|p| same_file(&p.path, &file))
            {
                let p = pending.remove(k);
                let message = format!(
                    "`{}` downloaded by `{}` is run without a checksum or signature check",
                    p.path, p.tool
                );
                cx.report(c.file_range(c.cmd.command.span), message)
                    .with_instruction(c.instruction())
                    .with_related(p.range, "downloaded here");
                continue;
            }
            if let Some(d) = download(c)
                && let Output::File(path) = d.output
            {
                pending.retain(|p| !same_file(&p.path, &path));
                pending.push(Pending {
                    path,
                    tool: d.tool,
                    range: c.file_range(c.cmd.command.span),
                });
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
        Tester::new(&UnverifiedDownloadRun)
            .pass([
                "FROM a\nRUN curl -fsSLo /tmp/i.sh https://x/i.sh && echo \"abc  /tmp/i.sh\" | sha256sum -c - && sh /tmp/i.sh\n",
                "FROM a\nRUN curl -fsSLO https://x/i.sh && curl -fsSLO https://x/i.sh.asc && gpg --verify i.sh.asc i.sh && bash i.sh\n",
                "FROM a\nRUN curl -fsSLo /tmp/x.tar.gz https://x/x.tar.gz && tar -xzf /tmp/x.tar.gz\n",
                "FROM a\nRUN curl -fsSL https://x/i.sh | sh\n",
                "FROM a\nRUN curl -fsSLo /tmp/i.sh https://x/i.sh\nFROM b\nRUN sh /tmp/i.sh\n",
                "FROM a\nRUN curl -fsSLo /usr/local/bin/tool https://x/tool && tool --version\n",
                "FROM a\nRUN curl -fsSLo /tmp/i.sh https://x/i.sh && sh /tmp/other.sh\n",
                "FROM a\nRUN curl -fsSLo i.sh https://x/i.sh && curl -fsSLo i.sh.bundle https://x/b && cosign verify-blob --bundle i.sh.bundle i.sh && sh i.sh\n",
                "FROM a\nRUN wget -O /usr/local/bin/dind https://x/dind && sh -n /usr/local/bin/dind\n",
            ])
            .fail([
                "FROM a\nRUN curl -fsSLo /tmp/i.sh https://x/i.sh && sh /tmp/i.sh\n",
                "FROM a\nRUN wget https://x/install.sh && bash install.sh\n",
                "FROM a\nRUN wget -P /opt https://x/install.sh && bash /opt/install.sh\n",
                "FROM a\nRUN curl -fsSLO https://x/get-pip.py?v=1 && python3 get-pip.py\n",
                "FROM a\nRUN curl https://x/i.sh > i.sh && chmod +x i.sh && ./i.sh\n",
                "FROM a\nRUN curl -fsSLo /tmp/i.sh https://x/i.sh\nRUN sh /tmp/i.sh\n",
                "FROM a\nRUN curl -fsSLo /tmp/env https://x/env && . /tmp/env\n",
            ])
            .test();
    }
}
