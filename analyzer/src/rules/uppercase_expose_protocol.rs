use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::expose_ports::{port_specs, split_spec};
use crate::rule::{Rule, RuleMeta};
use crate::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Flags an `EXPOSE` protocol that is not lowercase (`80/TCP`). This is
    /// BuildKit's `ExposeProtoCasing` check. Variables are expanded first.
    ///
    /// ## Why is this bad?
    /// Docker matches protocols case-insensitively and stores them in
    /// lowercase; the uppercase spelling is inconsistent with the image
    /// config, `docker run -p` and Compose files, and BuildKit warns about it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 80/TCP
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 80/tcp
    /// ```
    ///
    /// ## Fix safety
    /// The fix lowercases the protocol when it is written out literally. It
    /// is safe: BuildKit lowercases it anyway.
    pub UppercaseExposeProtocol {
        code: "DW2010",
        name: "uppercase-expose-protocol",
        aliases: ["ExposeProtoCasing"],
        severity: Style,
        category: Style,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for UppercaseExposeProtocol {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for spec in port_specs(cx.model) {
            let (_, _, port, proto) = split_spec(&spec.text);
            let valid = ["tcp", "udp", "sctp"]
                .iter()
                .any(|p| p.eq_ignore_ascii_case(proto));
            if port.is_empty() || !valid || proto == proto.to_ascii_lowercase() {
                continue;
            }
            let diag = cx
                .report(
                    spec.word.range,
                    format!("Protocol `{proto}` in `{}` should be lowercase", spec.text),
                )
                .with_instruction(spec.instruction);
            if spec.literal {
                let end = spec.word.range.end();
                let range = crate::TextRange::new(end - proto.len(), end);
                diag.with_fix(Fix::safe(
                    "Lowercase the protocol",
                    vec![Edit::replace(range, proto.to_ascii_lowercase())],
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
        Tester::new(&UppercaseExposeProtocol)
            .pass([
                "FROM alpine\nEXPOSE 80 443/tcp 53/udp\n",
                "FROM alpine\nEXPOSE 80/FOO\n",
                "FROM alpine\nEXPOSE $PORT/TCP\n",
            ])
            .fail([
                "FROM alpine\nEXPOSE 80/TCP\n",
                "FROM alpine\nexpose 53/Udp 80\n",
                "FROM alpine\nARG P=80/TCP\nEXPOSE $P\n",
                "FROM alpine\nEXPOSE 8080:80/SCTP\n",
            ])
            .fix([
                (
                    "FROM alpine\nEXPOSE 80/TCP 53/Udp\n",
                    "FROM alpine\nEXPOSE 80/tcp 53/udp\n",
                ),
                (
                    "FROM alpine\nARG P=80/TCP\nEXPOSE $P\n",
                    "FROM alpine\nARG P=80/TCP\nEXPOSE $P\n",
                ),
            ])
            .test();
    }
}
