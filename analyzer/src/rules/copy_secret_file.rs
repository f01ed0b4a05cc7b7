use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::syntax::Keyword;

use crate::facts::copy_paths::{copy_paths, is_remote};

declare_rule! {
    /// ## What it does
    /// Flags `COPY` and `ADD` sources that name secret files: SSH private keys
    /// (`id_rsa`, `id_ed25519`…), `.env` files, private keys and key stores
    /// (`*.key`, `*.pem`, `*.p12`, `*.pfx`), credential files (`.npmrc`,
    /// `.pypirc`, `.git-credentials`, `.netrc`, `.pgpass`,
    /// `.aws/credentials`, `.docker/config.json`, kubeconfigs) and the
    /// directories that hold them (`.ssh`, `.aws`, `.gnupg`, `.kube`). Names are matched as whole path components (and globs
    /// such as `*.pem` or `.env*` are matched against them), after variable
    /// expansion. Templates (`.env.example`, `.env.sample`…), public keys
    /// (`*.pub`), certificates (`ca.pem`, `fullchain.pem`, `cert.pem`) and
    /// package-signing keys (`*.gpg.key`, `release.key`, a `.key` copied to
    /// a `*.pub`, `*.gpg`, `*.asc` or keyring destination) are not flagged.
    ///
    /// ## Why is this bad?
    /// Whatever `COPY` puts in a layer stays in the image, even if a later
    /// `RUN rm` deletes it, and anyone who can pull the image can read it.
    /// Secrets a build needs belong in `RUN --mount=type=secret`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20
    /// COPY .npmrc package.json /app/
    /// RUN npm ci
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:20
    /// COPY package.json /app/
    /// RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
    /// ```
    pub CopySecretFile {
        code: "DW1005",
        name: "copy-secret-file",
        aliases: [],
        severity: Warning,
        category: Security,
        default: true,
        fix: None,
    }
}

impl Rule for CopySecretFile {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        for (i, inst) in model.instructions().iter().enumerate() {
            if !matches!(inst.keyword, Keyword::Copy | Keyword::Add) {
                continue;
            }
            let Some((sources, dest)) = copy_paths(model, i, inst) else {
                continue;
            };
            let public_dest = is_public_key_destination(&dest.value);
            for s in sources {
                if s.heredoc || s.unresolved() || is_remote(&s.value) {
                    continue;
                }
                if let Some(what) = secret_kind(&s.value) {
                    if public_dest && what == PRIVATE_KEY {
                        continue;
                    }
                    let verb = if is_glob(&s.value) {
                        "may match"
                    } else {
                        "looks like"
                    };
                    cx.report(
                        s.range,
                        format!(
                            "`{}` {verb} {what}; copying it bakes it into an image layer",
                            s.value
                        ),
                    );
                }
            }
        }
    }
}

const PRIVATE_KEY: &str = "a private key";

/// A destination that says the file is a public key: `*.pub`, `*.gpg`,
/// `*.asc`, a keyring directory (`/usr/share/keyrings/`, `trusted.gpg.d`).
fn is_public_key_destination(dest: &str) -> bool {
    let lower = dest.to_ascii_lowercase();
    lower.ends_with(".pub")
        || lower.ends_with(".gpg")
        || lower.ends_with(".asc")
        || lower.contains("keyring")
        || lower.contains("trusted.gpg")
}

/// What kind of secret `path` names, if it names one.
fn secret_kind(path: &str) -> Option<&'static str> {
    let components: Vec<&str> = path
        .split(['/', '\\'])
        .filter(|c| !c.is_empty() && *c != ".")
        .collect();
    let (&name, parents) = components.split_last()?;
    let parent = parents.last().copied().unwrap_or("");
    if is_glob(name) {
        return glob_secret(name);
    }
    match (parent, name) {
        (".aws", "credentials") => return Some("AWS credentials"),
        (".docker", "config.json") => return Some("a Docker config with registry credentials"),
        (".kube", "config") => return Some("a kubeconfig"),
        _ => {}
    }
    name_secret(name)
}

/// What kind of secret a file or directory `name` is, by name alone.
fn name_secret(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    match lower.as_str() {
        "id_rsa" | "id_dsa" | "id_ecdsa" | "id_ed25519" | "id_ecdsa_sk" | "id_ed25519_sk" => {
            return Some("an SSH private key");
        }
        ".npmrc" | ".yarnrc" | ".pypirc" | ".git-credentials" | ".netrc" | "_netrc" | ".pgpass" => {
            return Some("a credentials file");
        }
        "kubeconfig" => return Some("a kubeconfig"),
        ".ssh" => return Some("an SSH directory (private keys)"),
        ".aws" => return Some("an AWS credentials directory"),
        ".gnupg" => return Some("a GnuPG directory (private keys)"),
        ".kube" => return Some("a kubeconfig directory"),
        ".env" => return Some("an environment file with secrets"),
        _ => {}
    }
    if let Some(suffix) = lower.strip_prefix(".env.") {
        const TEMPLATES: &[&str] = &[
            "example", "sample", "template", "tmpl", "tpl", "dist", "defaults", "default",
            "schema", "in", "skel", "orig",
        ];
        return (!TEMPLATES.contains(&suffix)).then_some("an environment file with secrets");
    }
    let (stem, ext) = lower.rsplit_once('.')?;
    if stem.is_empty() {
        return None;
    }
    let words: Vec<&str> = stem.split(['-', '_', '.']).collect();
    let has = |parts: &[&str]| parts.iter().any(|p| stem.contains(p));
    match ext {
        "key"
            if !has(&[
                "gpg", "pgp", "pub", "release", "repo", "signing", "keyring", "apt",
            ]) =>
        {
            Some(PRIVATE_KEY)
        }
        "pem"
            if !has(&["cert", "crt", "chain", "bundle", "pub", "root", "trust"])
                && !words.contains(&"ca") =>
        {
            Some(PRIVATE_KEY)
        }
        "p12" | "pfx" => Some("a key store with a private key"),
        "kubeconfig" => Some("a kubeconfig"),
        _ => None,
    }
}

fn is_glob(name: &str) -> bool {
    name.contains(['*', '?', '['])
}

/// Names a glob would be a secret for: it matches one of these and has at
/// least three literal characters (so `*` or `*.*` alone do not count).
fn glob_secret(pattern: &str) -> Option<&'static str> {
    const SAMPLES: &[&str] = &[
        "id_rsa",
        "id_ed25519",
        ".env",
        ".env.production",
        ".npmrc",
        ".pypirc",
        ".git-credentials",
        ".netrc",
        "server.key",
        "private.pem",
        "keystore.p12",
        "keystore.pfx",
        "kubeconfig",
    ];
    let literal = pattern
        .chars()
        .filter(|c| !matches!(c, '*' | '?' | '[' | ']'))
        .count();
    if literal < 3 {
        return None;
    }
    // As in most shells, a wildcard does not stand for a leading dot: `*.env`
    // means `meta.env`, not `.env`.
    SAMPLES
        .iter()
        .filter(|s| !s.starts_with('.') || pattern.starts_with('.'))
        .find(|s| glob_match(pattern.as_bytes(), s.as_bytes()))
        .and_then(|s| name_secret(s))
}

/// Shell-style matching of `*`, `?` and `[…]` (iterative, with
/// backtracking to the last `*`).
fn glob_match(pattern: &[u8], name: &[u8]) -> bool {
    let (mut p, mut n) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        if p < pattern.len() {
            match pattern[p] {
                b'*' => {
                    star = Some((p, n));
                    p += 1;
                    continue;
                }
                b'?' => {
                    p += 1;
                    n += 1;
                    continue;
                }
                b'[' => {
                    if let Some(close) = pattern[p + 1..].iter().position(|&c| c == b']') {
                        let class = &pattern[p + 1..p + 1 + close];
                        let (negate, class) = match class.first() {
                            Some(b'!' | b'^') => (true, &class[1..]),
                            _ => (false, class),
                        };
                        let mut hit = false;
                        let mut k = 0;
                        while k < class.len() {
                            if k + 2 < class.len() && class[k + 1] == b'-' {
                                hit |= (class[k]..=class[k + 2]).contains(&name[n]);
                                k += 3;
                            } else {
                                hit |= class[k] == name[n];
                                k += 1;
                            }
                        }
                        if hit != negate {
                            p += close + 2;
                            n += 1;
                            continue;
                        }
                    } else if name[n] == b'[' {
                        p += 1;
                        n += 1;
                        continue;
                    }
                }
                c if c == name[n] => {
                    p += 1;
                    n += 1;
                    continue;
                }
                _ => {}
            }
        }
        match star {
            Some((sp, sn)) => {
                p = sp + 1;
                n = sn + 1;
                star = Some((sp, sn + 1));
            }
            None => return false,
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&CopySecretFile)
            .pass([
                "FROM a\nCOPY . /app/\n",
                "FROM a\nCOPY .env.example /app/.env\n",
                "FROM a\nCOPY id_rsa.pub /root/.ssh/authorized_keys\n",
                "FROM a\nCOPY certs/ca.pem fullchain.pem cert.pem /etc/ssl/\n",
                "FROM a\nCOPY pem/ /etc/pem/\n",
                "FROM a\nCOPY nodesource.gpg.key release.key /tmp/\n",
                "FROM a\nCOPY * /app/\n",
                "FROM a\nCOPY *.json /app/\n",
                "FROM a\nCOPY src/environment.ts keyboard.js /app/\n",
                "FROM a\nADD https://example.com/id_rsa /x\n",
                "FROM a\nCOPY <<EOF /app/.env\nA=1\nEOF\n",
                "FROM a\nCOPY $SECRET /x\n",
                "FROM a\nCOPY .ssh/config .ssh/known_hosts /root/.ssh/\n",
                "FROM a\nCOPY library-scripts/*.env /tmp/\n",
                "FROM a\nCOPY jenkins.io-2026.key /war/jenkins-key.pub\n",
                "FROM a\nCOPY vendor.key /usr/share/keyrings/\n",
                "FROM a\nCOPY --from=builder /kaniko/.docker /kaniko/.docker\n",
            ])
            .fail([
                "FROM a\nCOPY id_rsa /root/.ssh/\n",
                "FROM a\nCOPY .env /app/\n",
                "FROM a\nCOPY ./config/.env.production /app/.env\n",
                "FROM a\nCOPY server.key /etc/ssl/private/\n",
                "FROM a\nCOPY privkey.pem /etc/ssl/\n",
                "FROM a\nCOPY .npmrc package.json /app/\n",
                "FROM a\nADD .aws/credentials /root/.aws/\n",
                "FROM a\nCOPY [\"/home/me/.docker/config.json\", \"/root/.docker/\"]\n",
                "FROM a\nCOPY .ssh /root/.ssh\n",
                "FROM a\nCOPY *.pem /certs/\n",
                "FROM a\nCOPY .env* /app/\n",
                "FROM a\nARG KEY=deploy.key\nCOPY ${KEY} /k\n",
                "FROM a\nCOPY --from=build /root/.ssh/id_ed25519 /x\n",
                "FROM a\nCOPY cluster.kubeconfig /k\n",
            ])
            .test();
    }

    #[test]
    fn globs() {
        assert!(glob_match(b"*.pem", b"private.pem"));
        assert!(glob_match(b"id_*", b"id_rsa"));
        assert!(glob_match(b"[._]netrc", b".netrc"));
        assert!(!glob_match(b"*.pem", b"private.pem.bak"));
        assert!(glob_match(b"a*b*c", b"axxbyyc"));
        assert!(!glob_match(b"[a-c]x", b"dx"));
        assert_eq!(glob_secret("*.*"), None);
    }
}
