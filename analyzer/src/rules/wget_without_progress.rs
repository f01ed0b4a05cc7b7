use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::commands::{Invocation, parse_options};
use crate::facts::downloads::WGET;
use crate::rule::{Rule, RuleMeta};
use crate::{Edit, Fix, TextRange};

declare_rule! {
    /// ## What it does
    /// Flags `wget` in `RUN` that prints its default progress bar: without
    /// `--progress=…`, `-q` / `--quiet`, `-nv` / `--no-verbose`, or a log
    /// file (`-o` / `--output-file`, `-a` / `--append-output`). One finding
    /// per instruction.
    ///
    /// ## Why is this bad?
    /// Without a terminal, wget's bar prints a line for every few kilobytes:
    /// large downloads flood the build log with thousands of lines and slow
    /// down CI log viewers. `--progress=dot:giga` prints one dot per
    /// megabyte-sized chunk; `-nv` prints one line per file.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN wget https://example.com/big.tar.gz
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN wget --progress=dot:giga https://example.com/big.tar.gz
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `--progress=dot:giga` after `wget`. It is unsafe:
    /// BusyBox's `wget` (Alpine) does not know the option and fails; use
    /// `-q` there.
    pub WgetWithoutProgress {
        code: "DL3047",
        name: "wget-without-progress",
        aliases: [],
        severity: Info,
        category: BestPractice,
        default: true,
        fix: Always,
    }
}

/// The wget command prints its progress bar.
fn shows_bar(c: &Invocation<'_>) -> bool {
    if c.literal_args().iter().any(|a| a.is("-nv")) {
        return false;
    }
    !parse_options(c.literal_args(), &WGET).iter().any(|a| {
        a.is_opt(
            &['q', 'o', 'a'],
            &[
                "progress",
                "quiet",
                "no-verbose",
                "output-file",
                "append-output",
            ],
        )
    })
}

impl Rule for WgetWithoutProgress {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let mut found: Vec<(usize, TextRange, Vec<Edit>)> = Vec::new();
        for c in cx.invocations() {
            if c.name() != Some("wget") || !shows_bar(c) {
                continue;
            }
            let Some(word) = c.program_word() else {
                continue;
            };
            let range = c.file_range(word.span);
            let edit = Edit::insert(range.end(), " --progress=dot:giga");
            match found.last_mut() {
                Some((i, _, edits)) if *i == c.instruction() => edits.push(edit),
                _ => found.push((c.instruction(), range, vec![edit])),
            }
        }
        for (instruction, range, edits) in found {
            cx.report(range, "`wget` without `--progress` floods the build log")
                .with_instruction(instruction)
                .with_fix(Fix::unsafe_("Add `--progress=dot:giga`", edits));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&WgetWithoutProgress)
            .pass([
                "FROM a\nRUN wget --progress=dot:giga https://x/y\n",
                "FROM a\nRUN wget -q https://x/y\n",
                "FROM a\nRUN wget -qO- https://x/y | tar -xz\n",
                "FROM a\nRUN wget -nv https://x/y\n",
                "FROM a\nRUN wget --no-verbose https://x/y\n",
                "FROM a\nRUN wget -o /dev/null https://x/y\n",
                "FROM a\nRUN wget --quiet https://x/y\n",
                "FROM a\nRUN curl -fsSLO https://x/y\n",
                "FROM a\nRUN echo wget\n",
            ])
            .fail([
                "FROM a\nRUN wget https://x/y\n",
                "FROM a\nRUN wget -O /tmp/aqo https://x/y\n",
                "FROM a\nRUN wget -nc https://x/y\n",
                "FROM a\nRUN busybox wget https://x/y\n",
                "FROM a\nRUN <<EOF\nwget https://x/y\nEOF\n",
                "FROM a\nONBUILD RUN wget https://x/y\n",
            ])
            .fix([
                (
                    "FROM a\nRUN wget -O x https://x/y && wget https://x/z\n",
                    "FROM a\nRUN wget --progress=dot:giga -O x https://x/y && wget --progress=dot:giga https://x/z\n",
                ),
            ])
            .test();
    }
}
