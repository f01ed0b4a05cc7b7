use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

use crate::facts::expose_ports::{PortNumber, container_ports, port_specs};

declare_rule! {
    /// ## What it does
    /// Flags an `EXPOSE` port (or an end of a port range) above 65535.
    /// Variables are expanded with their ARG and ENV values; a port whose
    /// value is unknown is not checked.
    ///
    /// ## Why is this bad?
    /// TCP and UDP ports range from 0 to 65535. A larger number is a typo, and
    /// the container cannot listen on it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 80800
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 8080
    /// ```
    pub ExposePortOutOfRange {
        code: "DL3011",
        name: "expose-port-out-of-range",
        aliases: ["DS-0008"],
        severity: Error,
        category: Correctness,
        default: true,
        fix: None,
    }
}

impl Rule for ExposePortOutOfRange {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for spec in port_specs(cx.model) {
            let Some((low, high)) = container_ports(&spec.text) else {
                continue;
            };
            if low == PortNumber::TooLarge || high == PortNumber::TooLarge {
                cx.report(
                    spec.word.range,
                    format!("Port `{}` is outside the range 0-65535", spec.text),
                );
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
        Tester::new(&ExposePortOutOfRange)
            .pass([
                "FROM a\nEXPOSE 80 443/tcp 0 65535/udp\n",
                "FROM a\nEXPOSE 8000-8010\n",
                "FROM a\nEXPOSE $PORT\n",
                "FROM a\nARG PORT\nEXPOSE ${PORT}/tcp\n",
                "FROM a\nEXPOSE 127.0.0.1:80:80\n",
            ])
            .fail([
                "FROM a\nEXPOSE 65536\n",
                "FROM a\nEXPOSE 80 99999/udp\n",
                "FROM a\nEXPOSE 8000-70000\n",
                "FROM a\nARG PORT=123456\nEXPOSE $PORT\n",
                "FROM a\nENV P=\"80 700000\"\nEXPOSE $P\n",
            ])
            .test();
    }
}
