use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags commands in `RUN` that make no sense in an image build:
    /// `free`, `kill`, `mount`, `ps`, `service`, `shutdown`, `ssh`, `top` and
    /// `vim` (hadolint's list), wherever they run in the script, also behind
    /// `sudo`, `env` and similar wrappers.
    ///
    /// ## Why is this bad?
    /// A build step runs once, without a terminal, an init system or other
    /// processes worth inspecting: interactive tools (`vim`, `top`, `ssh`)
    /// hang or fail, process tools (`ps`, `kill`, `free`) report on the
    /// throw-away build container, and `service` / `shutdown` / `mount`
    /// manage a system that is not running. Start services from the image's
    /// `CMD` or `ENTRYPOINT` instead.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y nginx && service nginx start
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update && apt-get install -y nginx
    /// CMD ["nginx", "-g", "daemon off;"]
    /// ```
    pub PointlessCommand {
        code: "DL3001",
        name: "pointless-command",
        aliases: [],
        severity: Info,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

const POINTLESS: &[&str] = &[
    "free", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim",
];

impl Rule for PointlessCommand {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let mut last = None;
        for c in cx.invocations() {
            let Some(name) = c.name().filter(|n| POINTLESS.contains(n)) else {
                continue;
            };
            // One finding per instruction, at the first such command.
            if last == Some(c.instruction()) {
                continue;
            }
            last = Some(c.instruction());
            let Some(word) = c.program_word() else {
                continue;
            };
            let message = format!("`{name}` makes no sense in an image build");
            cx.report(c.file_range(word.span), message)
                .with_instruction(c.instruction());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&PointlessCommand)
            .pass([
                "FROM a\nRUN echo ps top\n",
                "FROM a\nRUN pkill x && sshd -t && ssh-keygen -A\n",
                "FROM a\nCMD service nginx start\n",
                "FROM a\nRUN --mount=type=cache,target=/x make\n",
            ])
            .fail([
                "FROM a\nRUN ps aux | grep x\n",
                "FROM a\nRUN apt-get install -y x && service x start\n",
                "FROM a\nRUN sudo /usr/sbin/service x restart\n",
                "FROM a\nRUN if true; then kill -9 1; fi\n",
                "FROM a\nRUN <<EOF\nmount -t tmpfs x /y\nEOF\n",
                "FROM a\nONBUILD RUN top -b -n 1\n",
                "FROM a\nRUN x=$(ps -o pid=)\n",
            ])
            .test();
    }

    #[test]
    fn one_finding_per_instruction() {
        let config = crate::Config {
            select: Some(vec!["DL3001".to_owned()]),
            ..crate::Config::default()
        };
        let analysis = crate::analyze("FROM a\nRUN ps && top\nRUN free\n", &config);
        assert_eq!(analysis.diagnostics.len(), 2);
    }
}
