//! What looks like a secret: variable names that name credentials, and
//! values shaped like provider tokens, private keys, URLs with a password
//! or generated keys. Shared by the Dockerfile's `secret-in-arg-or-env`
//! (ARG/ENV) and the Compose file's `secret-in-environment`
//! (`environment`, `build.args`).

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
