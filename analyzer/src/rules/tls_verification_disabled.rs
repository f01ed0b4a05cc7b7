use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::commands::{Invocation, Opt, OptKind, is_name, parse_options};
use crate::facts::downloads::{CURL, WGET};
use crate::model::VarKind;
use crate::rule::{Rule, RuleMeta};
use crate::shell::{Word, WordPart};
use crate::{Edit, Fix, TextRange};

declare_rule! {
    /// ## What it does
    /// Flags settings that turn off TLS certificate checks for downloads:
    ///
    /// - `curl -k` / `--insecure` (also inside `-fsSLk`), `--proxy-insecure`,
    ///   `--doh-insecure`;
    /// - `wget --no-check-certificate`;
    /// - git's `http.sslVerify` set to false: `git -c http.sslVerify=false
    ///   clone …`, `git config --global http.sslVerify false` (also
    ///   `http.<url>.sslVerify`);
    /// - environment variables, set by `ENV`, by `ARG` defaults (a build
    ///   argument is in the environment of every `RUN`) or inside `RUN`
    ///   (`X=… cmd`, `export X=…`, `env X=… cmd`):
    ///   `GIT_SSL_NO_VERIFY` (any value), `NODE_TLS_REJECT_UNAUTHORIZED=0`,
    ///   `PYTHONHTTPSVERIFY=0`, `NPM_CONFIG_STRICT_SSL=false`,
    ///   `PIP_TRUSTED_HOST=<host>`.
    ///
    /// Only build steps (`RUN`) are checked: a `HEALTHCHECK CMD curl -k
    /// https://localhost/…` talks to the container itself.
    ///
    /// Package-manager options (`apk --allow-untrusted`, `pip
    /// --trusted-host`, `npm config set strict-ssl false`, `yum
    /// --nogpgcheck`…) are `package-verification-disabled` (DW1010).
    ///
    /// ## Why is this bad?
    /// Without certificate checks, anyone on the network path (a proxy, a
    /// compromised Wi-Fi or CI network, a poisoned DNS answer) can serve
    /// their own files in place of the real ones, and the build installs
    /// them. An environment variable set with `ENV` also stays in the image
    /// and weakens every program run from it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN curl -fsSLk https://example.com/tool.tar.gz | tar -xz
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// COPY corp-ca.crt /usr/local/share/ca-certificates/
    /// RUN update-ca-certificates && curl -fsSL https://example.com/tool.tar.gz | tar -xz
    /// ```
    ///
    /// ## Fix safety
    /// For `curl` and `wget` options the fix removes the option. It is
    /// unsafe: the download fails until the server's certificate is trusted
    /// (install the CA certificate instead).
    pub TlsVerificationDisabled {
        code: "DW1003",
        name: "tls-verification-disabled",
        aliases: [
            "CKV2_DOCKER_2",
            "CKV2_DOCKER_3",
            "CKV2_DOCKER_5",
            "CKV2_DOCKER_6",
            "CKV2_DOCKER_12",
            "CKV2_DOCKER_14",
            "CKV2_DOCKER_16",
        ],
        severity: Warning,
        category: Security,
        default: true,
        fix: Sometimes,
    }
}

/// What an environment variable's value does to TLS checks, if anything.
fn env_disables(name: &str, value: &str) -> Option<&'static str> {
    let value = value.trim();
    let falsy = || {
        matches!(
            value.to_ascii_lowercase().as_str(),
            "false" | "0" | "no" | "off"
        )
    };
    match name {
        // git checks whether the variable is set, not its value.
        "GIT_SSL_NO_VERIFY" => Some("turns off TLS certificate checks in git"),
        "NODE_TLS_REJECT_UNAUTHORIZED" if value == "0" => {
            Some("turns off TLS certificate checks in Node.js")
        }
        "PYTHONHTTPSVERIFY" if value == "0" => {
            Some("turns off TLS certificate checks in Python's standard library")
        }
        "NPM_CONFIG_STRICT_SSL" | "npm_config_strict_ssl" if falsy() => {
            Some("turns off TLS certificate checks in npm")
        }
        "PIP_TRUSTED_HOST" if !value.is_empty() => {
            Some("turns off TLS certificate checks in pip for these hosts")
        }
        _ => None,
    }
}

/// A git config key that is `http.sslVerify` or `http.<url>.sslVerify`.
fn is_ssl_verify_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.starts_with("http.") && key.ends_with(".sslverify")
}

fn is_false(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "false" | "0" | "no" | "off" | ""
    )
}

/// One finding: range, message, and edits removing the option.
struct Hit {
    instruction: usize,
    range: TextRange,
    message: String,
    edits: Vec<Edit>,
}

impl Rule for TlsVerificationDisabled {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        let mut hits: Vec<Hit> = Vec::new();
        // ENV and ARG defaults.
        for def in &model.vars.defs {
            let (Some(instruction), Some(value)) = (def.instruction, def.value.as_deref()) else {
                continue;
            };
            let kind = match def.kind {
                VarKind::Env => "ENV",
                VarKind::Arg => "ARG",
                VarKind::Predefined => continue,
            };
            if let Some(what) = env_disables(&def.name, value) {
                let range = def
                    .value_range
                    .map_or(def.name_range, |v| def.name_range.cover(v));
                hits.push(Hit {
                    instruction,
                    range,
                    message: format!("{kind} `{}` {what}", def.name),
                    edits: Vec::new(),
                });
            }
        }
        for c in cx.invocations() {
            env_in_run(c, &mut hits);
            match c.name() {
                Some("curl") => curl(c, &mut hits),
                Some("wget") => wget(c, &mut hits),
                Some("git") => git(c, &mut hits),
                _ => {}
            }
        }
        hits.sort_by_key(|h| h.range.start());
        for h in hits {
            let diagnostic = cx
                .report(h.range, h.message)
                .with_instruction(h.instruction);
            if !h.edits.is_empty() {
                diagnostic.with_fix(Fix::unsafe_("Remove the option", h.edits));
            }
        }
    }
}

/// `X=… cmd`, `X=…`, `export X=…`, `env X=… cmd`.
fn env_in_run(c: &Invocation<'_>, hits: &mut Vec<Hit>) {
    let src = c.src();
    let mut push = |span: TextRange, name: &str, value: &str| {
        if let Some(what) = env_disables(name, value) {
            hits.push(Hit {
                instruction: c.instruction(),
                range: c.file_range(span),
                message: format!("`{name}` {what}"),
                edits: Vec::new(),
            });
        }
    };
    for a in &c.cmd.command.assignments {
        let Some(value) = a.value.literal(src) else {
            continue;
        };
        push(a.span, a.name.slice(src), &value);
    }
    // Assignments given to `env` / `sudo` before the program, or the
    // arguments of `export`.
    let upto = match c.name() {
        Some("export" | "declare" | "typeset" | "readonly" | "local") => c.words.len(),
        _ => c.program().map_or(0, |p| p.word),
    };
    for w in c.words.iter().take(upto).skip(1) {
        let Some(lit) = w.known() else { continue };
        if let Some((name, value)) = lit.split_once('=')
            && is_name(name)
        {
            push(w.span, name, value);
        }
    }
}

/// Deletes argument `arg` (index in `c.args()`) with the blanks before it.
fn delete_arg(c: &Invocation<'_>, arg: usize) -> Option<Edit> {
    let words = &c.cmd.command.words;
    let index = c.program()?.word + 1 + arg;
    let word = words.get(index)?;
    let prev = words.get(index.checked_sub(1)?)?;
    let gap = TextRange::new(prev.span.end(), word.span.start());
    let start = if gap.slice(c.src()).trim().is_empty() {
        prev.span.end()
    } else {
        word.span.start()
    };
    Some(Edit::delete(
        c.file_range(TextRange::new(start, word.span.end())),
    ))
}

/// The file range of an option and the edit removing it.
fn option_hit(c: &Invocation<'_>, a: &Opt<'_>) -> (TextRange, Option<Edit>) {
    let word = &c.arg_words()[a.arg];
    let src = c.src();
    match a.kind {
        OptKind::Short if is_plain(word, src) => {
            let off = a.at;
            let letter = TextRange::new(word.span.start() + off, word.span.start() + off + 1);
            // `-k` alone: remove the word; `-fsSLk`: remove the letter.
            let alone = c.literal_args()[a.arg].text().len() == 2;
            let edit = if alone {
                delete_arg(c, a.arg)
            } else {
                Some(Edit::delete(c.file_range(letter)))
            };
            (c.file_range(if alone { word.span } else { letter }), edit)
        }
        OptKind::Long if a.value.is_none() => (c.file_range(word.span), delete_arg(c, a.arg)),
        _ => (c.file_range(word.span), None),
    }
}

/// The word is one unquoted literal part with no line continuation, so byte
/// offsets in its value are offsets in its text.
fn is_plain(word: &Word, src: &str) -> bool {
    matches!(word.parts.as_slice(), [WordPart::Literal(r)] if *r == word.span && !word.text(src).contains('\n'))
}

fn curl(c: &Invocation<'_>, hits: &mut Vec<Hit>) {
    for a in parse_options(c.literal_args(), &CURL) {
        if !a.is_opt(&['k'], &["insecure", "proxy-insecure", "doh-insecure"]) {
            continue;
        }
        let (range, edit) = option_hit(c, &a);
        let what = match (a.kind, a.name) {
            (OptKind::Long, "proxy-insecure") => "for the proxy",
            (OptKind::Long, "doh-insecure") => "for DNS-over-HTTPS",
            _ => "",
        };
        let message = if what.is_empty() {
            "`curl` with TLS certificate checks turned off".to_owned()
        } else {
            format!("`curl` with TLS certificate checks turned off {what}")
        };
        hits.push(Hit {
            instruction: c.instruction(),
            range,
            message,
            edits: edit.into_iter().collect(),
        });
    }
}

fn wget(c: &Invocation<'_>, hits: &mut Vec<Hit>) {
    for a in parse_options(c.literal_args(), &WGET) {
        if !a.is_opt(&[], &["no-check-certificate"]) {
            continue;
        }
        let (range, edit) = option_hit(c, &a);
        hits.push(Hit {
            instruction: c.instruction(),
            range,
            message: "`wget` with TLS certificate checks turned off".to_owned(),
            edits: edit.into_iter().collect(),
        });
    }
}

/// `git -c http.sslVerify=false …`, `git config http.sslVerify false`.
fn git(c: &Invocation<'_>, hits: &mut Vec<Hit>) {
    let args = c.literal_args();
    let lits: Vec<Option<&str>> = args.iter().map(|a| a.known()).collect();
    let mut push = |range: TextRange| {
        hits.push(Hit {
            instruction: c.instruction(),
            range: c.file_range(range),
            message: "git's `http.sslVerify` turned off".to_owned(),
            edits: Vec::new(),
        });
    };
    let mut k = 0;
    let mut subcommand = None;
    while k < lits.len() {
        let Some(v) = lits[k] else {
            k += 1;
            continue;
        };
        let setting = match v {
            "-c" | "--config" => {
                k += 1;
                lits.get(k).copied().flatten().map(|s| (s, k))
            }
            _ => v.strip_prefix("--config=").map(|s| (s, k)),
        };
        if let Some((setting, at)) = setting {
            if let Some((key, value)) = setting.split_once('=')
                && is_ssl_verify_key(key)
                && is_false(value)
            {
                push(args[at].span);
            }
            k += 1;
            continue;
        }
        if subcommand.is_none() && !v.starts_with('-') {
            subcommand = Some(k);
            if v != "config" {
                return;
            }
        }
        k += 1;
    }
    // `git config [options] [set] KEY VALUE`.
    let Some(sub) = subcommand else { return };
    let operands: Vec<usize> = (sub + 1..lits.len())
        .filter(|&i| lits[i].is_none_or(|v| !v.starts_with('-')))
        .filter(|&i| {
            // Values of `--file`, `--type`… are not operands.
            !matches!(
                lits[i - 1],
                Some("-f" | "--file" | "--blob" | "--type" | "--default" | "--comment")
            )
        })
        .collect();
    let operands = match operands.first() {
        Some(&i) if lits[i] == Some("set") => &operands[1..],
        _ => &operands[..],
    };
    if let [key, value, ..] = operands
        && lits[*key].is_some_and(is_ssl_verify_key)
        && lits[*value].is_some_and(is_false)
    {
        push(args[*key].span.cover(args[*value].span));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&TlsVerificationDisabled)
            .pass([
                "FROM a\nRUN curl -fsSL https://x\n",
                "FROM a\nRUN curl -H 'X-k: 1' -o k https://x\n",
                "FROM a\nRUN wget -q https://x\n",
                "FROM a\nRUN git config --global http.sslVerify true\n",
                "FROM a\nRUN git -c http.sslVerify=true clone x\n",
                "FROM a\nENV NODE_TLS_REJECT_UNAUTHORIZED=1\n",
                "FROM a\nARG GIT_SSL_NO_VERIFY\n",
                "FROM a\nENV PIP_TRUSTED_HOST=\"\"\n",
                "FROM a\nRUN echo --insecure -k\n",
                "FROM a\nRUN git commit -m 'http.sslVerify false'\n",
            ])
            .fail([
                "FROM a\nRUN curl -k https://x\n",
                "FROM a\nRUN curl -fsSLk https://x | tar -xz\n",
                "FROM a\nRUN curl -fs\\\nLk https://x\n",
                "FROM a\nRUN curl --insecure -o x https://x\n",
                "FROM a\nRUN sudo curl --proxy-insecure https://x\n",
                "FROM a\nRUN wget --no-check-certificate https://x\n",
                "FROM a\nRUN git -c http.sslVerify=false clone https://x\n",
                "FROM a\nRUN git config --global http.sslverify false\n",
                "FROM a\nRUN git config --global http.https://x.sslVerify \"false\"\n",
                "FROM a\nRUN git config set http.sslVerify false\n",
                "FROM a\nENV GIT_SSL_NO_VERIFY=1\n",
                "FROM a\nENV NODE_TLS_REJECT_UNAUTHORIZED 0\n",
                "FROM a\nARG PYTHONHTTPSVERIFY=0\n",
                "FROM a\nENV NPM_CONFIG_STRICT_SSL=false\n",
                "FROM a\nENV PIP_TRUSTED_HOST=pypi.example.com\n",
                "FROM a\nRUN NODE_TLS_REJECT_UNAUTHORIZED=0 npm install\n",
                "FROM a\nRUN export GIT_SSL_NO_VERIFY=true && git clone x\n",
                "FROM a\nRUN env PYTHONHTTPSVERIFY=0 python x.py\n",
                "FROM a\nARG V=0\nENV NODE_TLS_REJECT_UNAUTHORIZED=$V\n",
            ])
            .fix([
                (
                    "FROM a\nRUN curl -k https://x && curl -fsSLk https://y && wget --no-check-certificate -q https://z\n",
                    "FROM a\nRUN curl https://x && curl -fsSL https://y && wget -q https://z\n",
                ),
                (
                    "FROM a\nRUN curl --insecure \\\n  -o x https://x\n",
                    "FROM a\nRUN curl \\\n  -o x https://x\n",
                ),
            ])
            .test();
    }
}
