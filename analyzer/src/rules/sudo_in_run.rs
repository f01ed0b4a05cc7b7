use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::{Edit, Fix, TextRange};

declare_rule! {
    /// ## What it does
    /// Flags `sudo` in `RUN`, once per instruction, wherever it runs in the
    /// script (also behind `env`, `xargs` and similar wrappers).
    ///
    /// ## Why is this bad?
    /// A build step already runs as the stage's `USER`; `sudo` adds a
    /// package, a setuid binary and a sudoers policy to the image, and its
    /// TTY and environment handling make builds behave unpredictably. Switch
    /// users with `USER` around the steps that need root, or use a tool such
    /// as `gosu` / `su-exec` in an entrypoint to drop privileges at run time.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// USER app
    /// RUN sudo apt-get update
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN apt-get update
    /// USER app
    /// ```
    ///
    /// ## Fix safety
    /// When `sudo` has no options, the fix removes it. It is unsafe: when the
    /// `RUN` does not run as root, the command then fails.
    pub SudoInRun {
        code: "DL3004",
        name: "sudo-in-run",
        aliases: ["DS-0010", "CKV2_DOCKER_1"],
        severity: Error,
        category: Security,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for SudoInRun {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        // Per instruction: the first `sudo` and the edits removing every
        // option-less `sudo`.
        let mut found: Vec<(usize, TextRange, Vec<Edit>)> = Vec::new();
        for c in cx.invocations() {
            let words = &c.cmd.command.words;
            for (k, p) in c.chain.iter().enumerate() {
                if !p.is("sudo") {
                    continue;
                }
                let range = c.file_range(words[p.word].span);
                // `sudo cmd …`: the next word is the program.
                let edit = c
                    .chain
                    .get(k + 1)
                    .filter(|next| next.word == p.word + 1)
                    .map(|next| {
                        let end = c.file_range(words[next.word].span).start();
                        Edit::delete(TextRange::new(range.start(), end))
                    });
                match found.last_mut() {
                    Some((i, _, edits)) if *i == c.instruction() => edits.extend(edit),
                    _ => found.push((c.instruction(), range, edit.into_iter().collect())),
                }
            }
        }
        for (instruction, range, edits) in found {
            let diagnostic = cx
                .report(range, "`sudo` in `RUN`")
                .with_instruction(instruction);
            if !edits.is_empty() {
                diagnostic.with_fix(Fix::unsafe_("Remove `sudo`", edits));
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
        Tester::new(&SudoInRun)
            .pass([
                "FROM a\nRUN apt-get install -y sudo\n",
                "FROM a\nRUN echo sudo && pseudocode\n",
                "FROM a\nCMD sudo x\n",
                "FROM a\nRUN echo 'app ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/app\n",
            ])
            .fail([
                "FROM a\nRUN sudo apt-get update\n",
                "FROM a\nRUN echo x | sudo tee /etc/x\n",
                "FROM a\nRUN env FOO=1 /usr/bin/sudo -E make install\n",
                "FROM a\nRUN <<EOF\nsudo make install\nEOF\n",
                "FROM a\nONBUILD RUN sudo make\n",
            ])
            .fix([
                (
                    "FROM a\nRUN sudo apt-get update && sudo apt-get install -y x\n",
                    "FROM a\nRUN apt-get update && apt-get install -y x\n",
                ),
                ("FROM a\nRUN sudo \\\n  make\n", "FROM a\nRUN make\n"),
            ])
            .test();
    }
}
