//! Download commands and interpreters in RUN scripts, shared by
//! `curl-pipe-shell` (DW1001), `tls-verification-disabled` (DW1003) and
//! `unverified-download-run` (DW1020): where `curl` / `wget` / `fetch` /
//! HTTPie write what they download, and whether a shell or interpreter
//! reads its program from standard input, from an argument, or from a file.

use crate::facts::commands::{Invocation, Opt, OptSpec, base_name, parse_options};
use crate::shell::{RedirectOp, RedirectTarget, SimpleCommand};

/// curl's options that take a value.
pub(crate) const CURL: OptSpec = OptSpec {
    short_value: "abcCdDeEFhHKmoPQrtTuUwxXyYz",
    long_value: &[
        "abstract-unix-socket",
        "alt-svc",
        "aws-sigv4",
        "cacert",
        "capath",
        "cert",
        "cert-type",
        "ciphers",
        "config",
        "connect-timeout",
        "connect-to",
        "continue-at",
        "cookie",
        "cookie-jar",
        "create-file-mode",
        "curves",
        "data",
        "data-ascii",
        "data-binary",
        "data-raw",
        "data-urlencode",
        "dns-servers",
        "dump-header",
        "etag-compare",
        "etag-save",
        "expect100-timeout",
        "form",
        "form-string",
        "ftp-account",
        "ftp-method",
        "ftp-port",
        "header",
        "hostpubmd5",
        "hostpubsha256",
        "interface",
        "json",
        "keepalive-time",
        "key",
        "key-type",
        "limit-rate",
        "local-port",
        "max-filesize",
        "max-redirs",
        "max-time",
        "netrc-file",
        "noproxy",
        "oauth2-bearer",
        "output",
        "output-dir",
        "pass",
        "pinnedpubkey",
        "preproxy",
        "proto",
        "proto-default",
        "proto-redir",
        "proxy",
        "proxy-cacert",
        "proxy-header",
        "proxy-user",
        "quote",
        "random-file",
        "range",
        "referer",
        "request",
        "request-target",
        "resolve",
        "retry",
        "retry-delay",
        "retry-max-time",
        "speed-limit",
        "speed-time",
        "stderr",
        "telnet-option",
        "time-cond",
        "tls-max",
        "trace",
        "trace-ascii",
        "unix-socket",
        "upload-file",
        "url",
        "user",
        "user-agent",
        "variable",
        "write-out",
    ],
    ..OptSpec::GNU
};

/// wget's options that take a value.
pub(crate) const WGET: OptSpec = OptSpec {
    short_value: "oaeiBOtTwQPUlARDIX",
    long_value: &[
        "output-file",
        "append-output",
        "execute",
        "input-file",
        "base",
        "output-document",
        "tries",
        "timeout",
        "wait",
        "quota",
        "directory-prefix",
        "user-agent",
        "level",
        "accept",
        "reject",
        "domains",
        "include-directories",
        "exclude-directories",
        "header",
        "user",
        "password",
        "post-data",
        "post-file",
        "method",
        "body-data",
        "body-file",
        "referer",
        "load-cookies",
        "save-cookies",
        "ca-certificate",
        "ca-directory",
        "certificate",
        "private-key",
        "bind-address",
        "limit-rate",
        "progress",
    ],
    ..OptSpec::GNU
};

/// FreeBSD `fetch`'s options that take a value.
const FETCH: OptSpec = OptSpec {
    short_value: "BNoST",
    long_value: &["output", "user-agent", "referer"],
    ..OptSpec::GNU
};

/// What a download command does with the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Output {
    /// Standard output.
    Stdout,
    /// A file (its path as written, or the URL's last path segment).
    File(String),
    /// Files whose names cannot be told.
    Unknown,
}

/// A download: the tool and where the body goes.
#[derive(Clone, Debug)]
pub(crate) struct Download {
    pub tool: &'static str,
    pub output: Output,
}

fn is_stdout(path: &str) -> bool {
    matches!(path, "-" | "/dev/stdout" | "/dev/fd/1" | "/proc/self/fd/1")
}

/// The last path segment of a URL (no query or fragment).
fn url_file_name(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.split(['?', '#']).next()?;
    let (_, path) = path.split_once('/')?;
    let name = base_name(path);
    (!name.is_empty()).then(|| name.to_owned())
}

/// The command downloads something: `curl`, `wget`, `fetch`, HTTPie's
/// `http` / `https`, and where the body goes (a `>` redirection of
/// standard output included).
pub(crate) fn download(c: &Invocation<'_>) -> Option<Download> {
    let (tool, args, output) = match c.name()? {
        "curl" => {
            let args = parse_options(c.literal_args(), &CURL);
            let mut output = Output::Stdout;
            for a in &args {
                if a.is_opt(&['o'], &["output"]) {
                    output = match a.known_value() {
                        Some(v) if is_stdout(v) => Output::Stdout,
                        Some(v) => Output::File(v.to_owned()),
                        None => Output::Unknown,
                    };
                } else if a.is_opt(&['O'], &["remote-name", "remote-name-all"]) {
                    output = first_url(&args)
                        .and_then(url_file_name)
                        .map_or(Output::Unknown, Output::File);
                }
            }
            ("curl", args, output)
        }
        "wget" => {
            let args = parse_options(c.literal_args(), &WGET);
            let mut output = None;
            let mut prefix = None;
            for a in &args {
                if a.is_opt(&['O'], &["output-document"]) {
                    output = Some(match a.known_value() {
                        Some(v) if is_stdout(v) => Output::Stdout,
                        Some(v) => Output::File(v.to_owned()),
                        None => Output::Unknown,
                    });
                } else if a.is_opt(&['P'], &["directory-prefix"]) {
                    prefix = a.known_value().map(str::to_owned);
                }
            }
            let output = output.unwrap_or_else(|| match first_url(&args).and_then(url_file_name) {
                Some(name) => Output::File(match prefix {
                    Some(p) => format!("{}/{name}", p.trim_end_matches('/')),
                    None => name,
                }),
                None => Output::Unknown,
            });
            ("wget", args, output)
        }
        "fetch" => {
            let args = parse_options(c.literal_args(), &FETCH);
            let output = args
                .iter()
                .rev()
                .find(|a| a.is_opt(&['o'], &["output"]))
                .map_or_else(
                    || {
                        first_url(&args)
                            .and_then(url_file_name)
                            .map_or(Output::Unknown, Output::File)
                    },
                    |a| match a.known_value() {
                        Some(v) if is_stdout(v) => Output::Stdout,
                        Some(v) => Output::File(v.to_owned()),
                        None => Output::Unknown,
                    },
                );
            ("fetch", args, output)
        }
        name @ ("http" | "https") => {
            let args = parse_options(c.literal_args(), &OptSpec::GNU);
            let downloads = args
                .iter()
                .any(|a| a.is_opt(&['d', 'o'], &["download", "output"]));
            let tool = if name == "http" { "http" } else { "https" };
            (
                tool,
                args,
                if downloads {
                    Output::Unknown
                } else {
                    Output::Stdout
                },
            )
        }
        _ => return None,
    };
    // A URL (or an unknown operand that may be one) is needed.
    let has_url = args.iter().any(|a| {
        if a.is_operand() {
            a.known_value().is_none_or(|v| !v.starts_with("file:"))
        } else {
            a.is_opt(&[], &["url"])
        }
    });
    if !has_url {
        return None;
    }
    // `curl … > file`: standard output goes to the file.
    let output = match (output, stdout_redirect(c.cmd.command, c.src())) {
        (Output::Stdout, Some(target)) => target,
        (output, _) => output,
    };
    Some(Download { tool, output })
}

fn first_url<'a>(args: &[Opt<'a>]) -> Option<&'a str> {
    args.iter()
        .filter(|a| a.is_operand() || a.is_opt(&[], &["url"]))
        .find_map(Opt::known_value)
}

/// Where a `>` / `>>` / `>|` redirection of standard output sends it.
fn stdout_redirect(cmd: &SimpleCommand, src: &str) -> Option<Output> {
    let r = cmd.redirects.iter().rev().find(|r| {
        matches!(
            r.op,
            RedirectOp::Write | RedirectOp::Append | RedirectOp::Clobber | RedirectOp::WriteAll
        ) && r
            .fd
            .is_none_or(|fd| matches!(fd, crate::shell::RedirectFd::Number(1)))
    })?;
    let RedirectTarget::Word(w) = &r.target else {
        return None;
    };
    Some(match w.literal(src) {
        Some(v) if is_stdout(&v) => Output::Stdout,
        Some(v) if v == "/dev/null" => Output::Unknown,
        Some(v) => Output::File(v.into_owned()),
        None => Output::Unknown,
    })
}

/// An interpreter family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lang {
    Shell,
    Python,
    Perl,
    Ruby,
    Node,
    Php,
}

/// The interpreter a program name runs.
pub(crate) fn interpreter(name: &str) -> Option<Lang> {
    let versioned = |prefix: &str| {
        name.strip_prefix(prefix)
            .is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
    };
    Some(match name {
        "sh" | "bash" | "zsh" | "dash" | "ash" | "ksh" | "mksh" | "yash" => Lang::Shell,
        "perl" | "perl5" => Lang::Perl,
        "ruby" => Lang::Ruby,
        "node" | "nodejs" => Lang::Node,
        _ if versioned("python") || versioned("pypy") => Lang::Python,
        _ if versioned("php") => Lang::Php,
        _ => return None,
    })
}

impl Lang {
    /// How the interpreter reads options: those taking a value, and the
    /// options whose value is program text.
    fn spec(self) -> (OptSpec, &'static [char], &'static [&'static str]) {
        match self {
            Lang::Shell => (
                OptSpec {
                    short_value: "oO",
                    long_value: &["rcfile", "init-file"],
                    stop_at_operand: true,
                    ..OptSpec::GNU
                },
                &[],
                &[],
            ),
            Lang::Python => (
                OptSpec {
                    short_value: "cmWXQ",
                    long_value: &["check-hash-based-pycs"],
                    stop_at_operand: true,
                    ..OptSpec::GNU
                },
                &['c', 'm'],
                &[],
            ),
            Lang::Perl => (
                OptSpec {
                    short_value: "eEIM",
                    long_value: &[],
                    stop_at_operand: true,
                    ..OptSpec::GNU
                },
                &['e', 'E'],
                &[],
            ),
            Lang::Ruby => (
                OptSpec {
                    short_value: "erICEF",
                    long_value: &["encoding", "enable", "disable"],
                    stop_at_operand: true,
                    ..OptSpec::GNU
                },
                &['e'],
                &[],
            ),
            Lang::Node => (
                OptSpec {
                    short_value: "eprC",
                    long_value: &[
                        "eval",
                        "print",
                        "require",
                        "import",
                        "loader",
                        "experimental-loader",
                        "input-type",
                        "conditions",
                        "env-file",
                        "title",
                    ],
                    stop_at_operand: true,
                    ..OptSpec::GNU
                },
                &['e', 'p'],
                &["eval", "print"],
            ),
            Lang::Php => (
                OptSpec {
                    short_value: "rfBRFEdcz",
                    long_value: &[],
                    stop_at_operand: true,
                    ..OptSpec::GNU
                },
                &['r', 'B', 'R', 'F', 'E'],
                &[],
            ),
        }
    }
}

/// Where an interpreter takes its program from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ProgramSource {
    /// Standard input (`sh`, `sh -s`, `bash -`, `python3 -`).
    Stdin,
    /// The argument word at this index of the command's arguments (`sh -c
    /// CODE`, `python -c CODE`, `perl -e CODE`).
    Argument(usize),
    /// A script file: the argument word at this index (`sh x.sh`,
    /// `bash <(curl …)`).
    File(usize),
    /// Something else (`python -m module`, `php -f`, unknown words).
    Other,
}

/// Where the interpreter `c` runs reads its program from.
pub(crate) fn program_source(c: &Invocation<'_>, lang: Lang) -> ProgramSource {
    let words = c.literal_args();
    let (spec, code_short, code_long) = lang.spec();
    let args = parse_options(words, &spec);
    for a in &args {
        if a.is_opt(code_short, code_long) {
            if a.is_short('m') {
                return ProgramSource::Other;
            }
            // The value is the rest of the word or the next word.
            let w = a.arg;
            let own = words[w].known();
            let attached = if a.is_long() {
                own.is_some_and(|v| v.contains('='))
            } else {
                own.is_some_and(|v| !v.ends_with(a.name) || v.starts_with("--"))
            };
            return if attached {
                ProgramSource::Argument(w)
            } else if w + 1 < words.len() {
                ProgramSource::Argument(w + 1)
            } else {
                ProgramSource::Other
            };
        }
        if lang == Lang::Shell && a.is_short('c') {
            // `sh -c CODE`: the first operand is the code.
            return args
                .iter()
                .find(|x| x.is_operand())
                .map_or(ProgramSource::Other, |x| ProgramSource::Argument(x.arg));
        }
        if lang == Lang::Shell && a.is_short('s') {
            return ProgramSource::Stdin;
        }
        if lang == Lang::Shell && a.is_short('n') {
            // `sh -n`: read the program, run nothing.
            return ProgramSource::Other;
        }
        if lang == Lang::Php && a.is_short('f') {
            return ProgramSource::Other;
        }
    }
    match args.iter().find(|a| a.is_operand()) {
        None => ProgramSource::Stdin,
        Some(a) => match a.known_value() {
            Some("-" | "/dev/stdin" | "/dev/fd/0" | "/proc/self/fd/0") => ProgramSource::Stdin,
            _ => ProgramSource::File(a.arg),
        },
    }
}
