use crate::checker::Checker;
use crate::compose::interpolate::UNKNOWN;
use crate::compose::model::ComposeModel;
use crate::compose::model::{Port, Service};
use crate::declare_rule;
use crate::families::compose_services::subject_at;
use crate::rule::{Rule, RuleMeta};
use crate::yaml::edit::{NewValue, insert_entry};
use crate::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Flags a published port that listens on every interface of the host: no
    /// host IP (`"8080:80"`, a container-only `"80"`, which gets a random host
    /// port, or the long syntax without `host_ip`), or `0.0.0.0` / `::`. A host
    /// IP that stays unknown after interpolation is not flagged. `expose`
    /// publishes nothing and is never flagged.
    ///
    /// ## Why is this bad?
    /// Docker publishes to every interface by default and writes its own
    /// firewall rules, which bypass the host's (`ufw`, `firewalld`): a database
    /// port meant for the host alone is reachable from the whole network.
    /// Binding to `127.0.0.1` keeps it local; a reverse proxy can publish what
    /// must be public.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   db:
    ///     image: postgres:16.4
    ///     ports:
    ///       - "5432:5432"
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// services:
    ///   db:
    ///     image: postgres:16.4
    ///     ports:
    ///       - "127.0.0.1:5432:5432"
    /// ```
    ///
    /// ## Fix safety
    /// Binding the port to `127.0.0.1` is unsafe: clients on other machines
    /// (or in other network namespaces) lose access, which is the point for a
    /// private service but breaks a public one. No fix is offered for values
    /// that hold variables, escapes or aliases.
    pub PortPublishedAllInterfaces {
        code: "DW5070",
        name: "port-published-all-interfaces",
        aliases: ["CIS-5.14", "cis", "451d79dc"],
        severity: Info,
        category: Compose,
        kinds: [Compose],
        default: true,
        fix: Sometimes,
    }
}

impl Rule<ComposeModel> for PortPublishedAllInterfaces {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_, ComposeModel>) {
        for svc in cx.model.service_views() {
            for port in svc.ports() {
                if port
                    .spec
                    .host_ip
                    .as_deref()
                    .is_some_and(|ip| ip.contains(UNKNOWN))
                    || !port.spec.all_interfaces()
                {
                    continue;
                }
                let Some(range) = port.report else { continue };
                let who = subject_at(&svc, port.file, port.value);
                let published = port.spec.published.as_deref().filter(|p| !p.is_empty());
                let target = port.spec.target.replace(UNKNOWN, "…");
                let message = match published {
                    Some(p) => format!(
                        "{who} publishes port {} (container {target}) on every interface of the host",
                        p.replace(UNKNOWN, "…")
                    ),
                    None => format!(
                        "{who} publishes container port {target} on a random port of every interface of the host"
                    ),
                };
                let fix = bind_to_loopback(&svc, &port);
                let d = cx.report(range, message);
                if let Some(edit) = fix {
                    d.with_fix(Fix::unsafe_("Bind the port to `127.0.0.1`", vec![edit]));
                }
            }
        }
    }
}

/// Binds the port to `127.0.0.1`: the short syntax gets the address
/// (or has `0.0.0.0` / `::` replaced), the long syntax a `host_ip`.
fn bind_to_loopback(svc: &Service<'_>, port: &Port<'_>) -> Option<Edit> {
    let model = svc.model;
    if port.report != Some(port.value.span()) || port.value.via().is_some() {
        return None;
    }
    if let Some(s) = &port.scalar {
        let base = s.source_offset()?;
        return Some(match &port.spec.host_ip_range {
            Some(r) => Edit::replace(
                crate::TextRange::new(base + r.start, base + r.end),
                "127.0.0.1",
            ),
            None if port.spec.published.is_some() => Edit::insert(base, "127.0.0.1:"),
            None => Edit::insert(base, "127.0.0.1::"),
        });
    }
    match port.host_ip_value {
        Some(v) => {
            (v.is_scalar() && v.via().is_none()).then(|| Edit::replace(v.span(), "127.0.0.1"))
        }
        None => insert_entry(
            model.yaml(),
            port.value.id(),
            "host_ip",
            NewValue::Scalar("127.0.0.1"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::ComposeTester;

    #[test]
    fn vectors() {
        ComposeTester::new_for(&PortPublishedAllInterfaces)
            .pass([
                "services:\n  a:\n    image: a:1\n    ports:\n      - \"127.0.0.1:8080:80\"\n      - \"[::1]:8443:443\"\n      - ::1:9000:9000\n    expose: [\"3000\"]\n",
                "services:\n  a:\n    image: a:1\n    ports:\n      - target: 80\n        published: 8080\n        host_ip: 127.0.0.1\n",
                "services:\n  a:\n    image: a:1\n    ports:\n      - \"${BIND_IP}:80:80\"\n",
                "services:\n  a:\n    image: a:1\n    ports:\n      - \"${BIND_IP:-127.0.0.1}:80:80\"\n",
            ])
            .fail([
                "services:\n  a:\n    image: a:1\n    ports:\n      - \"8080:80\"\n      - 9000\n      - 0.0.0.0:5432:5432/tcp\n      - \"[::]:53:53/udp\"\n",
                "services:\n  a:\n    image: a:1\n    ports:\n      - target: 80\n        published: \"8080\"\n",
                "services:\n  a:\n    image: a:1\n    ports:\n      - \"${PORT:-8080}:80\"\n",
                "services:\n  a:\n    image: a:1\n    ports:\n      - 8000-8010:8000-8010\n",
            ])
            .fix([
                (
                    "services:\n  a:\n    image: a:1\n    ports:\n      - \"8080:80\"  # web\n      - 9000\n      - 0.0.0.0:5432:5432\n      - \"[::]:53:53/udp\"\n      - target: 80\n        published: 8081\n",
                    "services:\n  a:\n    image: a:1\n    ports:\n      - \"127.0.0.1:8080:80\"  # web\n      - 127.0.0.1::9000\n      - 127.0.0.1:5432:5432\n      - \"127.0.0.1:53:53/udp\"\n      - target: 80\n        published: 8081\n        host_ip: 127.0.0.1\n",
                ),
                (
                    "services:\n  a:\n    image: a:1\n    ports: [\"80:80\", {target: 81, host_ip: \"0.0.0.0\"}]\n",
                    "services:\n  a:\n    image: a:1\n    ports: [\"127.0.0.1:80:80\", {target: 81, host_ip: 127.0.0.1}]\n",
                ),
            ])
            .test();
    }
}
