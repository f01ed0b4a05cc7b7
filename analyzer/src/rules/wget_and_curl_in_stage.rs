use crate::TextRange;
use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::commands::is_onbuild;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags every `RUN` of a stage that uses `curl` or `wget` once the
    /// stage has used both. `ONBUILD RUN` triggers are tracked on their own,
    /// since they run in another build.
    ///
    /// ## Why is this bad?
    /// Both tools do the same job. Installing and keeping two of them makes
    /// the image bigger and gives two sets of TLS, proxy and retry behaviour
    /// to reason about.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN wget -q https://example.com/a.tar.gz
    /// RUN curl -fsSLO https://example.com/b.tar.gz
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN curl -fsSLO https://example.com/a.tar.gz
    /// RUN curl -fsSLO https://example.com/b.tar.gz
    /// ```
    pub WgetAndCurlInStage {
        code: "DL4001",
        name: "wget-and-curl-in-stage",
        aliases: ["DS-0014"],
        severity: Warning,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

/// The first use of each tool: `[curl, wget]`.
type FirstUses = [Option<TextRange>; 2];

impl Rule for WgetAndCurlInStage {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        // Per (stage, onbuild): the first use of each tool.
        let mut seen: Vec<((Option<usize>, bool), FirstUses)> = Vec::new();
        let mut last_reported = None;
        let cmds = cx.invocations();
        let mut k = 0;
        while k < cmds.len() {
            let instruction = cmds[k].instruction();
            let end = k + cmds[k..]
                .iter()
                .take_while(|c| c.instruction() == instruction)
                .count();
            let key = (
                model.stage_of(instruction).map(|s| s.index),
                is_onbuild(model, instruction),
            );
            // The tools this RUN uses, first use of each.
            let mut here: FirstUses = [None, None];
            for c in &cmds[k..end] {
                let tool = match c.name() {
                    Some("curl") => 0,
                    Some("wget") => 1,
                    _ => continue,
                };
                if here[tool].is_none()
                    && let Some(w) = c.program_word()
                {
                    here[tool] = Some(c.file_range(w.span));
                }
            }
            k = end;
            if here == [None, None] {
                continue;
            }
            let slot = match seen.iter().position(|(s, _)| *s == key) {
                Some(p) => p,
                None => {
                    seen.push((key, [None, None]));
                    seen.len() - 1
                }
            };
            let before = seen[slot].1;
            for (first, now) in seen[slot].1.iter_mut().zip(here) {
                if first.is_none() {
                    *first = now;
                }
            }
            let all = seen[slot].1;
            let (Some(curl), Some(wget)) = (all[0], all[1]) else {
                continue;
            };
            if last_reported == Some(instruction) {
                continue;
            }
            last_reported = Some(instruction);
            // Report at this RUN's first tool; point at the other tool's
            // first use in the stage.
            let (range, other, other_name) = match (here[0], here[1]) {
                (Some(c), Some(w)) if c.start() <= w.start() => (c, before[1].unwrap_or(w), "wget"),
                (Some(c), Some(w)) => (w, before[0].unwrap_or(c), "curl"),
                (Some(c), None) => (c, wget, "wget"),
                (None, Some(w)) => (w, curl, "curl"),
                (None, None) => continue,
            };
            cx.report(range, "Both `curl` and `wget` are used in this stage")
                .with_instruction(instruction)
                .with_related(other, format!("`{other_name}` used here"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&WgetAndCurlInStage)
            .pass([
                "FROM a\nRUN curl -fsSLO x && curl -fsSLO y\n",
                "FROM a\nRUN wget x\nFROM b\nRUN curl y\n",
                "FROM a\nRUN apt-get install -y curl wget\n",
                "FROM a\nRUN wget x\nONBUILD RUN curl y\n",
                "FROM a\nRUN command -v curl || command -v wget\n",
            ])
            .fail([
                "FROM a\nRUN wget x && curl y\n",
                "FROM a\nRUN wget x\nRUN curl y\n",
                "FROM a\nRUN /usr/bin/curl x\nRUN busybox wget -q y\n",
                "FROM a\nONBUILD RUN wget x\nONBUILD RUN curl y\n",
            ])
            .test();
    }

    #[test]
    fn every_later_run_with_either_tool() {
        let config = crate::Config {
            select: Some(vec!["DL4001".to_owned()]),
            ..crate::Config::default()
        };
        let src = "FROM a\nRUN wget x\nRUN curl y\nRUN echo\nRUN curl z\nRUN wget z\nFROM b\nRUN curl q\n";
        let analysis = crate::analyze(src, &config);
        let lines: Vec<u32> = analysis
            .diagnostics
            .iter()
            .map(|d| analysis.model.file.line_of(d.range.start()) + 1)
            .collect();
        assert_eq!(lines, [3, 5, 6]);
    }
}
