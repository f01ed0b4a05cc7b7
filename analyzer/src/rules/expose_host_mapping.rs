use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::expose_ports::{port_specs, split_spec};
use crate::rule::{Rule, RuleMeta};
use crate::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Flags an `EXPOSE` port with an IP address or a host port
    /// (`127.0.0.1:8080:80`, `8080:80`). This is BuildKit's
    /// `ExposeInvalidFormat` check. Variables are expanded first.
    ///
    /// ## Why is this bad?
    /// `EXPOSE` only documents the ports the container listens on; it never
    /// publishes them. BuildKit drops the address and host port (the example
    /// exposes `80/tcp`), and Docker has announced that this form will
    /// become an error. Publishing is `docker run -p`'s job.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 8080:80
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 80
    /// ```
    ///
    /// ## Fix safety
    /// The fix keeps only the container port and protocol. It is unsafe: the
    /// build's result is the same, but a malformed address or host port that
    /// made the build fail no longer does, and the intent to publish a port
    /// must move to `docker run -p` or a Compose file.
    pub ExposeHostMapping {
        code: "DW2011",
        name: "expose-host-mapping",
        aliases: ["ExposeInvalidFormat"],
        severity: Warning,
        category: Correctness,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for ExposeHostMapping {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for spec in port_specs(cx.model) {
            let (ip, host, port, proto) = split_spec(&spec.text);
            if ip.is_empty() && host.is_empty() {
                continue;
            }
            let what = if ip.is_empty() {
                "a host port"
            } else {
                "an IP address"
            };
            let diag = cx
                .report(
                    spec.word.range,
                    format!("`{}` maps {what}, which EXPOSE does not do", spec.text),
                )
                .with_instruction(spec.instruction);
            if spec.literal && !port.is_empty() {
                let kept = if proto.is_empty() {
                    port.to_owned()
                } else {
                    format!("{port}/{proto}")
                };
                diag.with_fix(Fix::unsafe_(
                    format!("Expose only `{kept}`"),
                    vec![Edit::replace(spec.word.range, kept.clone())],
                ));
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
        Tester::new(&ExposeHostMapping)
            .pass([
                "FROM alpine\nEXPOSE 80 443/tcp 8000-8010\n",
                "FROM alpine\nEXPOSE ${PORT}\n",
            ])
            .fail([
                "FROM alpine\nEXPOSE 8080:80\n",
                "FROM alpine\nEXPOSE 127.0.0.1:8080:80/udp\n",
                "FROM alpine\nEXPOSE [::1]:8080:80\n",
                "FROM alpine\nARG P=1:2\nEXPOSE $P\n",
            ])
            .fix([
                (
                    "FROM alpine\nEXPOSE 8080:80 22\n",
                    "FROM alpine\nEXPOSE 80 22\n",
                ),
                (
                    "FROM alpine\nEXPOSE 127.0.0.1:53:53/udp\n",
                    "FROM alpine\nEXPOSE 53/udp\n",
                ),
            ])
            .test();
    }
}
