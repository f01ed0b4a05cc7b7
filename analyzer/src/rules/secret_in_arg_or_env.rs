use crate::TextRange;
use crate::checker::Checker;
use crate::declare_rule;
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

/// hadolint's well-known credential variables (compared upper-cased).
const KNOWN_NAMES: [&str; 48] = [
    "ACCESS_TOKEN",
    "APPLICATION_KEY",
    "APP_SECRET",
    "AUTH_TOKEN",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "BITTREX_API_KEY",
    "BITTREX_API_SECRET",
    "CF_PASSWORD",
    "CF_USERNAME",
    "CIRCLE_TOKEN",
    "CI_DEPLOY_PASSWORD",
    "CI_DEPLOY_USER",
    "DOCKERHUB_PASSWORD",
    "DOCKER_EMAIL",
    "DOCKER_PASSWORD",
    "DOCKER_USERNAME",
    "FACEBOOK_ACCESS_TOKEN",
    "FACEBOOK_APP_ID",
    "FACEBOOK_APP_SECRET",
    "FIREBASE_API_TOKEN",
    "FIREBASE_TOKEN",
    "FOSSA_API_KEY",
    "GH_ENTERPRISE_TOKEN",
    "GH_TOKEN",
    "GITHUB_ENTERPRISE_TOKEN",
    "GITHUB_TOKEN",
    "HEROKU_API_KEY",
    "HEROKU_API_USER",
    "NPM_AUTH_TOKEN",
    "NPM_TOKEN",
    "OKTA_AUTHN_GROUPID",
    "OKTA_CLIENT_ORGURL",
    "OKTA_CLIENT_TOKEN",
    "OKTA_OAUTH2_CLIENTID",
    "OKTA_OAUTH2_CLIENTSECRET",
    "OPENAI_API_KEY",
    "OS_PASSWORD",
    "OS_USERNAME",
    "POSTGRES_PASSWORD",
    "SLACK_TOKEN",
    "STRIPE_API_KEY",
    "STRIPE_DEVICE_NAME",
    "TRAVIS_OS_NAME",
    "TRAVIS_SECURE_ENV_VARS",
    "TRAVIS_SUDO",
    "VAULT_CLIENT_KEY",
    "VAULT_TOKEN",
];

/// hadolint's substrings (compared lower-cased).
const HADOLINT_SUBSTRINGS: [&str; 7] = [
    "api_key",
    "client_key",
    "password",
    "private",
    "secret",
    "token",
    "username",
];

/// BuildKit's words, matched as whole `_`-separated parts.
const BUILDKIT_WORDS: [&str; 10] = [
    "apikey",
    "auth",
    "credential",
    "credentials",
    "key",
    "password",
    "pword",
    "passwd",
    "secret",
    "token",
];

/// BuildKit's allow-list: a name mentioning one of these names no secret.
const NOT_SECRET: [&str; 3] = ["public", "file", "version"];

/// Whether a variable name looks like it holds a secret.
pub(crate) fn is_secret_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    if KNOWN_NAMES.contains(&upper.as_str()) {
        return true;
    }
    let lower = name.to_ascii_lowercase();
    if NOT_SECRET.iter().any(|w| lower.contains(w)) {
        return false;
    }
    let parts: Vec<&str> = lower.split('_').collect();
    // Where a secret lives is not the secret (`KEY_DIR`, `SSH_KEY_PATH`).
    if parts.iter().any(|p| matches!(*p, "dir" | "path")) {
        return false;
    }
    // GPG/PGP key ids and fingerprints verify downloads; they are public.
    if parts.iter().any(|p| matches!(*p, "gpg" | "pgp" | "gnupg"))
        && !parts
            .iter()
            .any(|p| matches!(*p, "private" | "secret" | "passphrase" | "password"))
    {
        return false;
    }
    parts.iter().any(|p| BUILDKIT_WORDS.contains(p))
        || HADOLINT_SUBSTRINGS
            .iter()
            .any(|s| contains_ending_word(name, &lower, s))
}

/// `lower` (the lower-cased `name`) contains `word` where a word ends: at the
/// end, before a non-letter, at a camelCase boundary or before `key`
/// (`PGPASSWORD`, `apiToken`, `PRIVATEKEY`, but not `TOKENIZERS_PARALLELISM`
/// or `PASSWORDLESS`).
fn contains_ending_word(name: &str, lower: &str, word: &str) -> bool {
    let bytes = name.as_bytes();
    lower.match_indices(word).any(|(start, _)| {
        let end = start + word.len();
        match bytes.get(end) {
            None => true,
            Some(b) if !b.is_ascii_alphabetic() => true,
            Some(b) if b.is_ascii_uppercase() && bytes[end - 1].is_ascii_lowercase() => true,
            Some(_) => lower[end..].starts_with("key"),
        }
    })
}

/// Names whose values are checksums, versions, locations or identifiers:
/// random-looking values there are expected.
fn is_digest_like_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [
        "sha",
        "md5",
        "hash",
        "checksum",
        "digest",
        "sum",
        "integrity",
        "fingerprint",
        "version",
        "commit",
        "revision",
        "ref",
        "url",
        "uri",
        "path",
        "dir",
        "home",
        "file",
        "gpg",
        "pgp",
        "keyid",
        "key_id",
        "uuid",
        "guid",
        "build_id",
        "image",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// What a secret-looking value looks like, if it does.
pub(crate) fn secret_value_kind(name: &str, value: &str) -> Option<&'static str> {
    if value.contains("-----BEGIN") && value.contains("PRIVATE KEY") {
        return Some("a private key");
    }
    if url_with_password(value) {
        return Some("a URL with a password");
    }
    // Every provider token is at least 15 characters long.
    for token in value
        .split(|c: char| !is_token_char(c))
        .filter(|t| t.len() >= 15)
    {
        if let Some(kind) = token_kind(token) {
            return Some(kind);
        }
    }
    if looks_random(value) && !is_digest_like_name(name) {
        return Some("a random secret");
    }
    None
}

fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-')
}

fn all_bytes(s: &str, ok: impl Fn(u8) -> bool) -> bool {
    s.bytes().all(ok)
}

fn alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// A token with a provider's well-known prefix and shape.
fn token_kind(t: &str) -> Option<&'static str> {
    let upper_alnum = |b: u8| b.is_ascii_uppercase() || b.is_ascii_digit();
    for prefix in ["AKIA", "ASIA", "ABIA", "ACCA"] {
        if t.len() == 20 && t.starts_with(prefix) && all_bytes(&t[4..], upper_alnum) {
            return Some("an AWS access key id");
        }
    }
    for prefix in ["ghp_", "gho_", "ghs_", "ghu_", "ghr_"] {
        if let Some(rest) = t.strip_prefix(prefix)
            && rest.len() >= 36
            && all_bytes(rest, alnum)
        {
            return Some("a GitHub token");
        }
    }
    if let Some(rest) = t.strip_prefix("github_pat_")
        && rest.len() >= 22
        && all_bytes(rest, |b| alnum(b) || b == b'_')
    {
        return Some("a GitHub token");
    }
    if let Some(rest) = t.strip_prefix("glpat-")
        && rest.len() >= 20
        && all_bytes(rest, |b| alnum(b) || b == b'_' || b == b'-')
    {
        return Some("a GitLab token");
    }
    for prefix in ["xoxa-", "xoxb-", "xoxp-", "xoxr-", "xoxs-"] {
        if let Some(rest) = t.strip_prefix(prefix)
            && rest.len() >= 10
            && all_bytes(rest, |b| alnum(b) || b == b'-')
            && rest.bytes().any(|b| b.is_ascii_digit())
        {
            return Some("a Slack token");
        }
    }
    for prefix in ["sk_live_", "rk_live_"] {
        if let Some(rest) = t.strip_prefix(prefix)
            && rest.len() >= 16
            && all_bytes(rest, alnum)
        {
            return Some("a Stripe live key");
        }
    }
    if let Some(rest) = t.strip_prefix("AIza")
        && rest.len() == 35
        && all_bytes(rest, |b| alnum(b) || b == b'_' || b == b'-')
    {
        return Some("a Google API key");
    }
    if let Some(rest) = t.strip_prefix("npm_")
        && rest.len() == 36
        && all_bytes(rest, alnum)
        && has_mixed_classes(rest)
    {
        return Some("an npm token");
    }
    None
}

/// `scheme://user:password@host` with a literal password.
fn url_with_password(value: &str) -> bool {
    let mut rest = value;
    while let Some(pos) = rest.find("://") {
        let after = &rest[pos + 3..];
        let authority_end = after
            .find(|c: char| c == '/' || c == '?' || c == '#' || c.is_whitespace())
            .unwrap_or(after.len());
        let authority = &after[..authority_end];
        if let Some((userinfo, host)) = authority.rsplit_once('@')
            && let Some((user, password)) = userinfo.split_once(':')
            && !user.is_empty()
            && !password.is_empty()
            && !password.contains('$')
            && !host.is_empty()
        {
            return true;
        }
        rest = after;
    }
    false
}

fn has_mixed_classes(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_uppercase())
        && s.bytes().any(|b| b.is_ascii_lowercase())
        && s.bytes().any(|b| b.is_ascii_digit())
}

/// A long word of base64/base62 characters with a random-looking run: at
/// least 16 characters between separators, with mixed case and digits and
/// frequent case changes, and high Shannon entropy overall: a generated key
/// or password. Hex strings (checksums, commit ids), identifiers
/// (`NanoServer-1809`, `MyServerConfig2`) and anything with `.` or `:` or a
/// leading `/` (versions, paths, URLs) are not random-looking.
fn looks_random(value: &str) -> bool {
    let v = value.trim();
    if v.len() < 20
        || v.len() > 256
        || v.starts_with('/')
        || !all_bytes(v, |b| {
            alnum(b) || matches!(b, b'+' | b'=' | b'_' | b'-' | b'/')
        })
    {
        return false;
    }
    let random_run = v
        .split(['+', '=', '_', '-', '/'])
        .any(|run| run.len() >= 16 && has_mixed_classes(run) && frequent_case_changes(run));
    random_run && shannon_entropy(v) >= 3.8
}

/// Words in CamelCase change case once per word; random text about every
/// other letter.
fn frequent_case_changes(run: &str) -> bool {
    let letters: Vec<bool> = run
        .bytes()
        .filter(u8::is_ascii_alphabetic)
        .map(|b| b.is_ascii_uppercase())
        .collect();
    let changes = letters.windows(2).filter(|w| w[0] != w[1]).count();
    letters.len() >= 2 && changes * 4 >= letters.len() - 1
}

fn shannon_entropy(s: &str) -> f64 {
    let mut counts = [0u32; 256];
    for b in s.bytes() {
        counts[b as usize] += 1;
    }
    #[allow(clippy::cast_precision_loss)]
    let len = s.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / len;
            -p * p.log2()
        })
        .sum()
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
