use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::syntax::{Args, Instruction, JsonArray, Keyword};
use crate::{Edit, Fix, TextRange};

declare_rule! {
    /// ## What it does
    /// Flags text after the closing `]` of an exec-form (JSON array)
    /// instruction, typically a trailing comment: `CMD ["nginx"] # start`.
    ///
    /// ## Why is this bad?
    /// Dockerfile comments are whole lines; `#` in the middle of a line is
    /// ordinary text. Builders disagree about what the line means:
    /// BuildKit up to v0.12 (and hadolint) decode the array and silently
    /// drop the rest, while current BuildKit rejects the line as JSON and
    /// falls back to the other form. `RUN`, `CMD`, `ENTRYPOINT` and
    /// `HEALTHCHECK` then run the whole line, brackets and all, with
    /// `/bin/sh -c`; `COPY`, `ADD` and `VOLUME` split it on white space into
    /// paths such as `["a",`; `SHELL` fails the build.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// CMD ["nginx", "-g", "daemon off;"] # run in the foreground
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.27
    /// # run in the foreground
    /// CMD ["nginx", "-g", "daemon off;"]
    /// ```
    ///
    /// ## Fix safety
    /// When the text is a `#` comment, the fix moves it to its own line
    /// above the instruction. It is unsafe: it changes what current BuildKit
    /// builds (to what the author meant).
    pub TextAfterExecForm {
        code: "DW2014",
        name: "text-after-exec-form",
        aliases: [],
        severity: Warning,
        category: Correctness,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for TextAfterExecForm {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let src = cx.src();
        for (i, inst) in cx.model.instructions().iter().enumerate() {
            let Some((keyword, array)) = exec_array(inst) else {
                continue;
            };
            let Some(trailing) = array.trailing else {
                continue;
            };
            let effect = match keyword {
                Keyword::Copy | Keyword::Add | Keyword::Volume => {
                    "current BuildKit then splits the whole line into white-space separated paths"
                }
                Keyword::Shell => "current BuildKit then rejects the SHELL instruction",
                _ => "current BuildKit then runs the whole line in a shell",
            };
            let diag = cx
                .report(
                    trailing,
                    format!("Text after the exec-form JSON array is not a comment: {effect}"),
                )
                .with_instruction(i);
            let text = trailing.slice(src);
            // Only a one-line instruction: the comment moves above it.
            let single_line = !src[inst.range.start()..trailing.end()].contains('\n');
            if text.starts_with('#') && single_line && !looks_like_directive(text) {
                let line_start = src[..inst.range.start()].rfind('\n').map_or(0, |n| n + 1);
                let indent = &src[line_start..inst.range.start()];
                let gap_start = src[..trailing.start()].trim_end_matches([' ', '\t']).len();
                diag.with_fix(Fix::unsafe_(
                    "Move the comment to its own line",
                    vec![
                        Edit::insert(line_start, format!("{indent}{text}\n")),
                        Edit::delete(TextRange::new(gap_start, trailing.end())),
                    ],
                ));
            }
        }
    }
}

/// `# key=value`: on a line of its own at the top of the file, a comment
/// like this would be read as a parser directive.
fn looks_like_directive(comment: &str) -> bool {
    let body = comment.trim_start_matches('#').trim_start();
    let name_len = body
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(body.len());
    name_len > 0 && body[name_len..].trim_start().starts_with('=')
}

/// The exec-form array of an instruction (looking through HEALTHCHECK and
/// ONBUILD), with the keyword it belongs to.
fn exec_array(inst: &Instruction) -> Option<(Keyword, &JsonArray)> {
    match &inst.args {
        Args::Json(array) => Some((inst.keyword, array)),
        Args::Healthcheck { command, .. } => match &**command {
            Args::Json(array) => Some((Keyword::Healthcheck, array)),
            _ => None,
        },
        Args::Onbuild(trigger) => exec_array(trigger),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&TextAfterExecForm)
            .pass([
                "FROM alpine\nCMD [\"a\"]\n",
                "FROM alpine\nCMD [\"a\"]   \n",
                "FROM alpine\nCMD echo [\"a\"] # x\n",
                "FROM alpine\n# comment\nCMD [\"a\"]\n",
            ])
            .fail([
                "FROM alpine\nCMD [\"a\"] # comment\n",
                "FROM alpine\nCOPY [\"a\", \"/b\"] extra\n",
                "FROM alpine\nHEALTHCHECK CMD [\"true\"] # x\n",
                "FROM alpine\nONBUILD RUN [\"true\"] # x\n",
                "FROM alpine\nSHELL [\"/bin/bash\", \"-c\"] # bash\n",
            ])
            .fix([
                (
                    "FROM alpine\n  CMD [\"a\"]  # start it\n",
                    "FROM alpine\n  # start it\n  CMD [\"a\"]\n",
                ),
                (
                    "FROM alpine\nCOPY [\"a\", \"/b\"] extra\n",
                    "FROM alpine\nCOPY [\"a\", \"/b\"] extra\n",
                ),
            ])
            .test();
    }
}
