use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

use crate::facts::expose_ports::{PortNumber, container_ports, port_specs};

declare_rule! {
    /// ## What it does
    /// Flags an `EXPOSE` of port 22 (SSH), alone, with a protocol, or inside
    /// a port range. Variables are expanded with their ARG and ENV values.
    ///
    /// ## Why is this bad?
    /// Running an SSH server in a container adds a service to patch, keys to
    /// manage and a way in for attackers. `docker exec` (or `kubectl exec`)
    /// gives a shell without it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// EXPOSE 22 8080
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// EXPOSE 8080
    /// ```
    pub ExposeSshPort {
        code: "DW1006",
        name: "expose-ssh-port",
        aliases: ["DS-0004", "CKV_DOCKER_1"],
        severity: Warning,
        category: Security,
        default: true,
        fix: None,
    }
}

impl Rule for ExposeSshPort {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for spec in port_specs(cx.model) {
            let Some((PortNumber::Valid(low), high)) = container_ports(&spec.text) else {
                continue;
            };
            let covers = match high {
                PortNumber::Valid(high) => (low..=high).contains(&22),
                PortNumber::TooLarge => low <= 22,
            };
            if covers {
                let message = if low == 22 && high == PortNumber::Valid(22) {
                    "Port 22 (SSH) is exposed".to_owned()
                } else {
                    format!("Port range `{}` exposes port 22 (SSH)", spec.text)
                };
                cx.report(spec.word.range, message);
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
        Tester::new(&ExposeSshPort)
            .pass([
                "FROM a\nEXPOSE 80 2222 220\n",
                "FROM a\nEXPOSE 23-25\n",
                "FROM a\nEXPOSE $SSH_PORT\n",
                "FROM a\nRUN echo 22\n",
            ])
            .fail([
                "FROM a\nEXPOSE 22\n",
                "FROM a\nEXPOSE 80 22/tcp\n",
                "FROM a\nEXPOSE 22/udp\n",
                "FROM a\nEXPOSE 20-30\n",
                "FROM a\nARG SSH_PORT=22\nEXPOSE $SSH_PORT\n",
            ])
            .test();
    }
}
