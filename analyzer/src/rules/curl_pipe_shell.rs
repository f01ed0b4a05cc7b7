use crate::TextRange;
use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::commands::{Invocation, of_script};
use crate::facts::downloads::{Output, ProgramSource, download, interpreter, program_source};
use crate::rule::{Rule, RuleMeta};
use crate::shell::SubstitutionKind;

declare_rule! {
    /// ## What it does
    /// Flags a script downloaded from the network and run straight away,
    /// without being saved and checked first:
    ///
    /// - piped into a shell or interpreter: `curl -fsSL https://… | sh`,
    ///   `wget -qO- https://… | sudo -E bash -`, `curl … | python3 -`,
    ///   `curl … | tee install.sh | sh -s -- --yes`;
    /// - process-substituted as the script: `bash <(curl -fsSL https://…)`,
    ///   `source <(curl …)`;
    /// - substituted as the program text: `sh -c "$(curl -fsSL https://…)"`,
    ///   `eval "$(wget -qO- …)"`, `python3 -c "$(curl …)"`.
    ///
    /// Every script a RUN executes is checked, the literal `sh -c '…'` /
    /// `bash -c "…"` strings and here-documents fed to a shell included.
    ///
    /// Downloaders: `curl`, `wget` (writing to standard output with
    /// `-O -`), FreeBSD `fetch -o -` and HTTPie (`http`, `https`).
    /// Interpreters: `sh`, `bash`, `zsh`, `dash`, `ash`, `ksh`, `mksh`,
    /// `python*`, `pypy*`, `perl`, `ruby`, `node`, `php*`, also behind `sudo`,
    /// `env` and similar wrappers, reading the program from standard input
    /// (`sh`, `sh -s`, `bash -`, `python3 -`). An interpreter that takes its
    /// program from an argument and only reads data from the pipe is fine:
    /// `curl … | python3 -c 'import json,sys; …'`, `curl … | perl -ne '…'`.
    ///
    /// A download saved to a file and run later is not this rule's concern:
    /// with a checksum or signature check in between it is the recommended
    /// pattern; without one, `unverified-download-run` (DW1020, off by
    /// default) flags it.
    ///
    /// Semgrep's `curl-pipe-bash` rule covers a part of this for shell
    /// scripts; hadolint, BuildKit, Trivy and Checkov have no equivalent.
    ///
    /// ## Why is this bad?
    /// Whatever the server sends at build time runs as root in the build,
    /// with no record of what it was: a compromised host, a hijacked DNS
    /// name or a changed script silently changes the image. A truncated
    /// download can even run half a script. Downloading to a file and
    /// checking it against a checksum or signature pinned in the Dockerfile
    /// makes the build reproducible and tamper-evident.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN curl -fsSL https://example.com/install.sh | sh
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// ARG INSTALL_SHA256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
    /// RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \
    ///     && echo "${INSTALL_SHA256}  /tmp/install.sh" | sha256sum -c - \
    ///     && sh /tmp/install.sh \
    ///     && rm /tmp/install.sh
    /// ```
    pub CurlPipeShell {
        code: "DW1001",
        name: "curl-pipe-shell",
        aliases: [],
        severity: Warning,
        category: Security,
        default: true,
        fix: None,
    }
}

/// A finding in one script (spans relative to the script's text).
struct Found {
    /// From the download to the interpreter.
    range: TextRange,
    tool: &'static str,
    interpreter: String,
    /// The download command.
    download: TextRange,
}

impl Rule for CurlPipeShell {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        let all = cx.invocations();
        for (index, run) in model.scripts.iter().enumerate() {
            for f in scan(of_script(all, index)) {
                let message = format!(
                    "Script downloaded by `{}` runs in `{}` unverified; save it to a file and check its checksum or signature before running it",
                    f.tool, f.interpreter
                );
                let diagnostic = cx
                    .report(run.file_range(f.range), message)
                    .with_instruction(run.instruction);
                if f.download.start() != f.range.start() {
                    diagnostic.with_related(run.file_range(f.download), "downloaded here");
                }
            }
        }
    }
}

/// The findings in one script (the scripts nested in it have their own).
fn scan(cmds: &[Invocation<'_>]) -> Vec<Found> {
    let downloads: Vec<(TextRange, &'static str)> = cmds
        .iter()
        .filter_map(|c| {
            let d = download(c)?;
            (d.output == Output::Stdout).then_some((c.cmd.command.span, d.tool))
        })
        .collect();
    // The first download to standard output inside `range`.
    let download_in = |range: TextRange| {
        downloads
            .iter()
            .find(|(span, _)| range.contains_range(*span))
            .copied()
    };
    let mut out = Vec::new();
    for c in cmds {
        let Some(name) = c.name() else { continue };
        let span = c.cmd.command.span;
        let found = if name == "eval" {
            c.arg_words()
                .iter()
                .find_map(|w| code_download(w, &download_in))
        } else if matches!(name, "source" | ".") {
            c.arg_words()
                .first()
                .and_then(|w| process_download(w, &download_in))
        } else if let Some(lang) = interpreter(name) {
            if c.runs("xargs") {
                continue;
            }
            match program_source(c, lang) {
                ProgramSource::Stdin => piped_download(c, &download_in),
                ProgramSource::File(w) => process_download(&c.arg_words()[w], &download_in),
                ProgramSource::Argument(w) => code_download(&c.arg_words()[w], &download_in),
                ProgramSource::Other => None,
            }
        } else {
            None
        };
        let Some((download_span, tool)) = found else {
            continue;
        };
        let range = TextRange::new(download_span.start().min(span.start()), span.end());
        out.push(Found {
            range,
            tool,
            interpreter: name.to_owned(),
            download: download_span,
        });
    }
    out
}

/// A download whose output reaches `c`'s standard input through the pipe.
fn piped_download(
    c: &Invocation<'_>,
    download_in: &impl Fn(TextRange) -> Option<(TextRange, &'static str)>,
) -> Option<(TextRange, &'static str)> {
    let pos = &c.cmd.position;
    pos.pipeline.commands[..pos.pipeline_index]
        .iter()
        .find_map(|earlier| download_in(earlier.span()))
}

/// A download in a `<(…)` that is the word.
fn process_download(
    word: &crate::shell::Word,
    download_in: &impl Fn(TextRange) -> Option<(TextRange, &'static str)>,
) -> Option<(TextRange, &'static str)> {
    word.substitutions()
        .filter(|s| s.kind == SubstitutionKind::ProcessIn)
        .find_map(|s| download_in(s.span))
}

/// A download in a `$(…)` / `` `…` `` inside the program text `word`.
fn code_download(
    word: &crate::shell::Word,
    download_in: &impl Fn(TextRange) -> Option<(TextRange, &'static str)>,
) -> Option<(TextRange, &'static str)> {
    word.substitutions()
        .filter(|s| {
            matches!(
                s.kind,
                SubstitutionKind::Command | SubstitutionKind::Backtick
            )
        })
        .find_map(|s| download_in(s.span))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&CurlPipeShell)
            .pass([
                "FROM a\nRUN curl -fsSLo /tmp/i.sh https://x/i.sh && sh /tmp/i.sh\n",
                "FROM a\nRUN curl -fsSL https://x/a.tar.gz | tar -xz\n",
                "FROM a\nRUN curl -s https://x/api | python3 -c 'import json,sys; print(json.load(sys.stdin))'\n",
                "FROM a\nRUN curl -s https://x/api | python -m json.tool\n",
                "FROM a\nRUN curl -fsSL https://x/key | gpg --dearmor -o /k.gpg\n",
                "FROM a\nRUN wget https://x/i.sh | sh\n",
                "FROM a\nRUN curl -fsSLO https://x/i.sh | sh\n",
                "FROM a\nRUN curl -s https://x | perl -ne 'print if /v/'\n",
                "FROM a\nRUN curl -s https://x | sh -c 'cat > /tmp/x'\n",
                "FROM a\nRUN echo 'curl https://x | sh'\n",
                "FROM a\nRUN cat install.sh | sh\n",
                "FROM a\nRUN curl -s https://x/list | xargs -n1 sh\n",
                "FROM a\nRUN curl https://x/i.sh > /tmp/i.sh && bash /tmp/i.sh\n",
                "FROM a\nRUN bash -c 'echo hi | cat'\n",
            ])
            .fail([
                "FROM a\nRUN curl -fsSL https://x/i.sh | sh\n",
                "FROM a\nRUN curl -fsSL https://x/i.sh | bash -s -- --yes\n",
                "FROM a\nRUN wget -qO- https://x/i.sh | sh\n",
                "FROM a\nRUN wget -O - https://x/i.sh | sudo -E bash -\n",
                "FROM a\nRUN curl -sL https://x/setup | sudo -E bash -\n",
                "FROM a\nRUN curl -sSL https://x/get-pip.py | python3 -\n",
                "FROM a\nRUN curl -sSL https://x/get-pip.py | python3.11\n",
                "FROM a\nRUN curl -fsSL https://x/i.sh | tee /tmp/i.sh | sh\n",
                "FROM a\nRUN bash <(curl -fsSL https://x/i.sh)\n",
                "FROM a\nRUN source <(curl -fsSL https://x/env)\n",
                "FROM a\nRUN sh -c \"$(curl -fsSL https://x/i.sh)\"\n",
                "FROM a\nRUN bash -c \"$(wget -qO- https://x/i.sh)\" -- --unattended\n",
                "FROM a\nRUN eval \"$(curl -fsSL https://x/env)\"\n",
                "FROM a\nRUN /bin/sh -c 'curl -fsSL https://x/i.sh | sh'\n",
                "FROM a\nRUN <<EOF\ncurl -fsSL https://x/i.sh | sh\nEOF\n",
                "FROM a\nONBUILD RUN curl -fsSL https://x/i.sh | sh\n",
                "FROM a\nRUN env X=1 curl -fsSL https://x/i.sh | env Y=2 sh\n",
                "FROM a\nRUN curl https://x/i.pl | perl\n",
                "FROM a\nRUN curl -fsSL https://x/i.js | node -\n",
                "FROM a\nRUN http https://x/i.sh | sh\n",
                "FROM a\nRUN fetch -qo - https://x/i.sh | sh\n",
                "FROM a\nRUN curl -fsSL https://x/i.sh -o - | sh\n",
            ])
            .test();
    }

    #[test]
    fn range_spans_download_to_interpreter() {
        let config = crate::Config {
            select: Some(vec!["DW1001".to_owned()]),
            ..crate::Config::default()
        };
        let src = "FROM a\nRUN apt-get update && curl -fsSL https://x/i.sh | sh && echo done\n";
        let analysis = crate::analyze(src, &config);
        let [d] = analysis.diagnostics.as_slice() else {
            panic!("{:?}", analysis.diagnostics)
        };
        assert_eq!(d.range.slice(src), "curl -fsSL https://x/i.sh | sh");
        assert_eq!(
            d.message,
            "Script downloaded by `curl` runs in `sh` unverified; save it to a file and check its checksum or signature before running it"
        );
    }
}
