use crate::checker::Checker;
use crate::compose::model::ComposeModel;
use crate::compose::model::{EnvVar, parse_bool};
use crate::declare_rule;
use crate::facts::secrets::{is_secret_name, secret_value_kind};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a variable of a service's `environment` or `build.args` that holds
    /// a secret written in the file: a secret-looking name (`DB_PASSWORD`,
    /// `API_KEY`, `GITHUB_TOKEN`… the detector of `secret-in-arg-or-env`) with a
    /// literal value, or any value that looks like a token, a private key or a
    /// URL with a password. A value written in a default (`${PW:-hunter2}`) is
    /// literal; one that comes from the `.env` file or stays unknown is not.
    /// Names ending in `_FILE`, values under `/run/secrets/`, booleans and empty
    /// values are never flagged; nor, by name alone, variables that describe a
    /// secret rather than hold it (`DB_USER`, `AUTH_METHOD`, `TOKEN_URL`,
    /// `KEY_CONVERTER`…: the name's last word says so) or values that read as
    /// text, URLs or dotted class names.
    ///
    /// ## Why is this bad?
    /// A secret in the Compose file is in the repository, in every clone and in
    /// its history, and in `docker inspect` of the running container. Use
    /// `secrets:` (mounted under `/run/secrets/`, with the `*_FILE` variables
    /// most images read), or leave the value to the environment or `.env`.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   db:
    ///     image: postgres:16.4
    ///     environment:
    ///       POSTGRES_PASSWORD: hunter2
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   db:
    ///     image: postgres:16.4
    ///     environment:
    ///       POSTGRES_PASSWORD_FILE: /run/secrets/db_password
    ///     secrets: [db_password]
    /// secrets:
    ///   db_password:
    ///     file: ./db_password.txt
    /// ```
    pub SecretInEnvironment {
        code: "DW5060",
        name: "secret-in-environment",
        aliases: [],
        severity: Warning,
        category: Compose,
        kinds: [Compose],
        default: true,
        fix: None,
    }
}

impl Rule<ComposeModel> for SecretInEnvironment {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        for svc in cx.model.service_views() {
            let name = crate::diagnostic::shorten(svc.name()).into_owned();
            let build_args = svc.build().map(|b| b.args).unwrap_or_default();
            for (var, section) in svc
                .environment()
                .iter()
                .map(|v| (v, "environment"))
                .chain(build_args.iter().map(|v| (v, "build.args")))
            {
                let Some(what) = literal_secret(var) else {
                    continue;
                };
                let Some(range) = var.value_range.or(var.name_range) else {
                    continue;
                };
                cx.report(
                    range,
                    format!(
                        "Service `{name}` sets `{}` in `{section}` to {what}, written in the file: use `secrets:` or the environment",
                        crate::diagnostic::shorten(&var.name)
                    ),
                );
            }
        }
    }
}

/// The last word of a variable name that says the value describes a
/// secret (its user, where it is, how it is used) rather than being one.
const DESCRIPTORS: [&str; 38] = [
    "user",
    "username",
    "login",
    "name",
    "method",
    "region",
    "url",
    "uri",
    "endpoint",
    "host",
    "hostname",
    "port",
    "type",
    "mode",
    "policy",
    "converter",
    "algorithm",
    "path",
    "dir",
    "file",
    "length",
    "size",
    "timeout",
    "ttl",
    "expiry",
    "enabled",
    "enable",
    "provider",
    "format",
    "header",
    "prefix",
    "scope",
    "class",
    "manager",
    "driver",
    "plugin",
    "strategy",
    "handler",
];

/// Words of a name: split at `_`, `.` and `-`, lower-cased.
fn last_word(name: &str) -> String {
    name.rsplit(['_', '.', '-'])
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// A value that reads as a description, an address or an identifier, not
/// as a credential: words with spaces, a URL without a password, a dotted
/// name (`org.apache.kafka.StringConverter`).
fn descriptive_value(value: &str) -> bool {
    let parts: Vec<&str> = value.split('.').collect();
    value.contains(char::is_whitespace)
        || value.contains("://")
        || (parts.len() >= 2
            && parts.iter().all(|p| {
                p.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
                    && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            })
            && (parts.len() >= 3 || parts[1].starts_with(|c: char| c.is_ascii_uppercase())))
}

/// Why a variable's value is a literal secret written in the file, if it is.
fn literal_secret(var: &EnvVar) -> Option<String> {
    let value = var.value.as_deref()?.trim();
    if !var.known || var.from_env || value.is_empty() {
        return None;
    }
    let upper = var.name.to_ascii_uppercase();
    if upper.ends_with("_FILE")
        || value.starts_with("/run/secrets/")
        || parse_bool(value).is_some()
        || matches!(value, "0" | "1")
    {
        return None;
    }
    if let Some(kind) = secret_value_kind(&var.name, value) {
        // Identifiers are random-looking by design (`CLUSTER_ID`).
        let identifier =
            kind == "a random secret" && upper.ends_with("ID") && !is_secret_name(&var.name);
        if !identifier {
            return Some(format!("what looks like {kind}"));
        }
    }
    let last = last_word(&var.name);
    let described = DESCRIPTORS.contains(&last.as_str()) || last.ends_with("username");
    (is_secret_name(&var.name) && !described && !descriptive_value(value))
        .then(|| "a literal value".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ComposeTester;

    #[test]
    fn vectors() {
        ComposeTester::new_for(&SecretInEnvironment)
            .dotenv("DB_PASSWORD=from-dotenv\n")
            .pass([
                "services:\n  a:\n    image: a:1\n    environment:\n      DB_PASSWORD: ${DB_PASSWORD}\n      API_KEY_FILE: /run/secrets/key\n      SECRET: /run/secrets/secret\n      ALLOW_EMPTY_PASSWORD: \"yes\"\n      MYSQL_RANDOM_ROOT_PASSWORD: 1\n      TOKEN:\n      PASSWORD: \"\"\n",
                "services:\n  a:\n    image: a:1\n    environment:\n      - DB_PASSWORD=${DB_PASSWORD:-changeme}\n",
                "services:\n  a:\n    image: a:1\n    environment:\n      - DEBUG=1\n      - GPG_KEY=0D96DF4D4110E5C43FBFB17F2D347EA6AA65421D\n",
                "services:\n  a:\n    image: a:1\n    environment:\n      ES_USERNAME: elastic\n      POSTGRES_HOST_AUTH_METHOD: scram-sha-256\n      CONNECT_KEY_CONVERTER: org.apache.kafka.connect.storage.StringConverter\n      AWS_CREDENTIALS_REGION: us-east-1\n      TOKEN_POLICY: Agent Policy\n      CLUSTER_ID: MkU3OEVBNTcwNTJENDM2Qk\n      OAUTH_TOKEN_ENDPOINT: https://auth.example.com/token\n      ME_ADMINUSERNAME: root\n      AIRFLOW__CORE__AUTH_MANAGER: airflow.providers.fab.auth_manager.FabAuthManager\n",
            ])
            .fail([
                "services:\n  a:\n    image: a:1\n    environment:\n      POSTGRES_PASSWORD: example\n",
                "services:\n  a:\n    image: a:1\n    environment:\n      - MYSQL_ROOT_PASSWORD=secret\n      - MODE=prod\n",
                "services:\n  a:\n    image: a:1\n    environment:\n      GH: ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789\n",
                "services:\n  a:\n    image: a:1\n    environment:\n      - ADMIN_PASSWORD=${ADMIN_PASSWORD:-admin123}\n",
                "services:\n  a:\n    build:\n      context: .\n      args:\n        NPM_TOKEN: abc123\n",
                "x-env: &env\n  API_KEY: s3cr3t\nservices:\n  a:\n    image: a:1\n    environment: *env\n  b:\n    image: b:1\n    environment: *env\n",
            ])
            .test();
    }
}
