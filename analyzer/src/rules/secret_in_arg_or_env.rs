use crate::TextRange;
use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::secrets::{is_secret_name, secret_value_kind};
use crate::rule::{Rule, RuleMeta};
use crate::syntax::{Args, Instruction, Keyword};

declare_rule! {
    /// ## What it does
    /// Flags `ARG` and `ENV` (also inside `ONBUILD`) that look like they
    /// hold a secret, by name or by value.
    ///
    /// A name is secret-looking when it is one of hadolint's 48 well-known
    /// credential variables (`AWS_SECRET_ACCESS_KEY`, `GITHUB_TOKEN`,
    /// `NPM_TOKEN`, …), contains one of hadolint's words (`api_key`,
    /// `client_key`, `password`, `private`, `secret`, `token`, `username`)
    /// where a word ends (`PGPASSWORD`, `apiToken`, not
    /// `TOKENIZERS_PARALLELISM`), or has one of BuildKit's words (`apikey`, `auth`, `credential(s)`,
    /// `key`, `password`, `pword`, `passwd`, `secret`, `token`) as a
    /// `_`-separated part. Names that mention `public`, `file` or `version`
    /// (`SSH_KEY_FILE`, `GPG_PUBLIC_KEY`) name no secret, as in BuildKit;
    /// dockward also leaves out locations (`KEY_DIR`, `SSH_KEY_PATH`) and
    /// GPG/PGP key ids (`GPG_KEY`, `NODE_GPG_KEYS`), which verify downloads.
    ///
    /// A value is secret-looking when it holds an AWS access key id
    /// (`AKIA…`, `ASIA…`), a GitHub token (`ghp_…`, `gho_…`, `ghs_…`,
    /// `ghu_…`, `ghr_…`, `github_pat_…`), a GitLab token (`glpat-…`), a
    /// Slack token (`xoxb-…`), a Stripe live key, a Google API key, an npm
    /// token, a private key (`-----BEGIN … PRIVATE KEY-----`), a password in
    /// a URL (`https://user:pass@host`), or is a long random-looking string
    /// (mixed case and digits, high entropy). Checksums, versions, URLs
    /// without credentials and paths are not flagged, nor are values of
    /// variables named like checksums (`*_SHA256`, `*_CHECKSUM`, …).
    ///
    /// ## Why is this bad?
    /// `ARG` values are recorded in the image history (`docker history`
    /// shows them) and `ENV` values are part of the image configuration:
    /// anyone who can pull the image can read them. BuildKit secrets
    /// (`RUN --mount=type=secret`) give a build step a secret without
    /// storing it in any layer or in the image's metadata.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ARG NPM_TOKEN
    /// RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > ~/.npmrc && npm ci
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
    /// ```
    pub SecretInArgOrEnv {
        code: "DL3064",
        name: "secret-in-arg-or-env",
        aliases: ["SecretsUsedInArgOrEnv", "DS-0031"],
        severity: Warning,
        category: Security,
        default: true,
        fix: None,
    }
}

/// The value with one pair of surrounding quotes removed.
fn unquote(value: &str) -> &str {
    let v = value.trim();
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return &v[1..v.len() - 1];
        }
    }
    v
}

struct Pair<'a> {
    name: &'a str,
    name_range: TextRange,
    value: Option<(&'a str, TextRange)>,
}

/// The variables an ARG or ENV defines.
fn pairs<'a>(inst: &'a Instruction, src: &'a str) -> Vec<Pair<'a>> {
    match (&inst.keyword, &inst.args) {
        (Keyword::Arg, Args::Words(words)) => words
            .iter()
            .filter_map(|w| {
                let text = w.text(inst, src);
                let (name, value) = match text.split_once('=') {
                    Some((n, v)) => (n, Some(v)),
                    None => (text, None),
                };
                if name.is_empty() {
                    return None;
                }
                let (start, end) = (w.logical.0 as usize, w.logical.1 as usize);
                let name_end = start + name.len();
                Some(Pair {
                    name,
                    name_range: inst.logical.map_range(start, name_end),
                    value: value.map(|v| (v, inst.logical.map_range(end - v.len(), end))),
                })
            })
            .collect(),
        (Keyword::Env, Args::KeyValues(kvs)) => kvs
            .iter()
            .map(|kv| Pair {
                name: kv.key.text(inst, src),
                name_range: kv.key.range,
                value: Some((kv.value.text(inst, src), kv.value.range)),
            })
            .collect(),
        _ => Vec::new(),
    }
}

impl Rule for SecretInArgOrEnv {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let src = cx.src();
        let model = cx.model;
        for inst in model.instructions() {
            let inst = inst.onbuild_trigger().unwrap_or(inst);
            let keyword = match inst.keyword {
                Keyword::Arg => "ARG",
                Keyword::Env => "ENV",
                _ => continue,
            };
            for pair in pairs(inst, src) {
                let value_kind = pair
                    .value
                    .and_then(|(v, r)| Some((secret_value_kind(pair.name, unquote(v))?, r)));
                if let Some((kind, range)) = value_kind {
                    cx.report(
                        range,
                        format!(
                            "{keyword} `{}` holds what looks like {kind}, which stays in the image; pass it with `RUN --mount=type=secret` instead",
                            pair.name
                        ),
                    );
                } else if is_secret_name(pair.name) {
                    cx.report(
                        pair.name_range,
                        format!(
                            "{keyword} `{}` looks like a secret, which stays in the image; pass it with `RUN --mount=type=secret` instead",
                            pair.name
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn names() {
        for name in [
            "GITHUB_TOKEN",
            "github_token",
            "DB_PASSWORD",
            "MY_API_KEY",
            "SSH_PRIVATE_KEY",
            "ADMIN_PASSWORD",
            "JDK11_TOKEN",
            "USERNAME",
            "AUTH",
            "aws_secret_access_key",
            "CLIENT_CREDENTIALS",
            "SOME_PASSWD",
            "APIKEY",
            "DOCKER_EMAIL",
            "PGPASSWORD",
            "apiToken",
            "PRIVATEKEY",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in [
            "PATH",
            "KEYBOARD",
            "AUTHOR",
            "MONKEY",
            "SECRET_FILE",
            "PASSWORD_FILE",
            "GPG_KEY",
            "NODE_GPG_KEYS",
            "PUBLIC_KEY",
            "TOKEN_VERSION",
            "DEBIAN_FRONTEND",
            "HOME",
            "KEY_DIR",
            "SSH_KEY_PATH",
            "TOKENIZERS_PARALLELISM",
            "PASSWORDLESS_LOGIN",
            "SECRETARY",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
    }

    #[test]
    fn values() {
        let secret = |v: &str| secret_value_kind("X", v);
        assert_eq!(secret("AKIAIOSFODNN7EXAMPLE"), Some("an AWS access key id"));
        assert_eq!(
            secret("ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"),
            Some("a GitHub token")
        );
        assert_eq!(secret("glpat-aBcDeFgHiJ0123456789"), Some("a GitLab token"));
        assert_eq!(
            secret("xoxb-123456789012-abcdefABCDEF"),
            Some("a Slack token")
        );
        assert_eq!(
            secret("-----BEGIN RSA PRIVATE KEY-----\\nMIIE"),
            Some("a private key")
        );
        assert_eq!(
            secret("https://deploy:s3cr3t@git.example.com/repo.git"),
            Some("a URL with a password")
        );
        assert_eq!(
            secret("9aZ3/kLm8Qw2xR7tY1uP+vN4bC6dE0fG5hJ2sK8a"),
            Some("a random secret")
        );
        for v in [
            "1.2.3",
            "https://example.com/download/v1.2.3/tool.tar.gz",
            "https://${USER}:${PASS}@example.com/",
            "/usr/local/lib/python3.12/site-packages",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "0D96DF4D4110E5C43FBFB17F2D347EA6AA65421D",
            "org.opencontainers.image.source",
            "en_US.UTF-8",
            "production",
            "--no-cache-dir --disable-pip-version-check",
            "MyApplicationServerConfiguration",
            "ASIA",
            "PSDocker-DotnetSDK-NanoServer-1809",
            "Microsoft.DotNet.Docker.Sdk",
        ] {
            assert_eq!(secret(v), None, "{v}");
        }
        assert_eq!(
            secret_value_kind("NODE_SHA512", "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z"),
            None
        );
    }

    #[test]
    fn vectors() {
        Tester::new(&SecretInArgOrEnv)
            .pass([
                "FROM alpine:3.20\nARG VERSION=1.2.3\nENV PATH=/opt/bin:$PATH\n",
                "FROM alpine:3.20\nENV GPG_KEY 0D96DF4D4110E5C43FBFB17F2D347EA6AA65421D\n",
                "FROM alpine:3.20\nENV NODE_SHA256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n",
                "FROM alpine:3.20\nARG SSH_KEY_FILE=/run/secrets/key\n",
                "FROM alpine:3.20\nRUN --mount=type=secret,id=npm_token npm ci\n",
            ])
            .fail([
                "ARG GITHUB_TOKEN\nFROM alpine:3.20\n",
                "FROM alpine:3.20\nARG DB_PASSWORD=hunter2\n",
                "FROM alpine:3.20\nENV API_KEY=abc\n",
                "FROM alpine:3.20\nENV A=1 \\\n    SECRET_KEY=\"x\" \\\n    B=2\n",
                "FROM alpine:3.20\nENV AWS_ACCESS_KEY_ID AKIAIOSFODNN7EXAMPLE\n",
                "FROM alpine:3.20\nENV GH=ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789\n",
                "FROM alpine:3.20\nARG REPO=https://deploy:s3cr3t@git.example.com/repo.git\n",
                "FROM alpine:3.20\nONBUILD ARG NPM_TOKEN\n",
                "FROM alpine:3.20\nENV SIGNING=Xk9mQ2vR7tL4pW8nZ3bF6hJ1cY5gD0sA\n",
                "FROM alpine:3.20\nARG DB_\\\nPASSWORD=x \\\n  OTHER=1\n",
            ])
            .test();
    }
}
