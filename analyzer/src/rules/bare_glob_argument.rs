use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::shell::expansions::{Context, Kind, text_of};
use crate::shell::{SimpleCommand, WordPart};
use crate::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Flags a command argument that starts with an unquoted `*` or `?`
    /// glob (`rm *.log`, `chmod +x *`, `tar czf app.tgz *`), before any
    /// `--` that ends the options. `echo` and `printf` are not flagged:
    /// they take no options from their operands.
    ///
    /// ## Why is this bad?
    /// The shell expands the glob before the command runs, and a file whose
    /// name starts with `-` becomes an option: a file called `-rf` turns
    /// `rm *` into `rm -rf …`. Build contexts copied with `COPY . .` are
    /// full of files nobody chose the names of. `./*` keeps every name a
    /// path.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// WORKDIR /app
    /// RUN chmod +x *.sh
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// WORKDIR /app
    /// RUN chmod +x ./*.sh
    /// ```
    ///
    /// ## Fix safety
    /// The fix prefixes the glob with `./`. For commands that only act on
    /// the files named (`rm`, `rmdir`, `chmod`, `chown`, `chgrp`, `cp`,
    /// `mv`, `touch`, `mkdir`, `ln`, `cat`, `install`, `dos2unix`) it is
    /// safe: `./name` and `name` are the same file. For other commands it
    /// is unsafe, because some record or print the names as given: `tar`
    /// and `zip` store `./name` in the archive, `ls`, `grep` and checksum
    /// tools print it.
    pub BareGlobArgument {
        code: "SC2035",
        name: "bare-glob-argument",
        aliases: [],
        severity: Info,
        category: Shell,
        default: true,
        fix: Always,
    }
}

/// Commands that only use their operands as paths.
const PATH_ONLY: &[&str] = &[
    "rm", "rmdir", "chmod", "chown", "chgrp", "cp", "mv", "touch", "mkdir", "ln", "cat", "install",
    "dos2unix",
];

impl Rule for BareGlobArgument {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        for (index, run) in model.scripts.iter().enumerate() {
            let src = run.text.as_str();
            // The command last looked at, and the index of its `--`.
            let mut end_of_options: Option<(*const SimpleCommand, Option<usize>)> = None;
            for e in cx.expansions(index) {
                if !matches!(e.kind, Kind::Glob) || e.context != Context::Argument {
                    continue;
                }
                let (Some(cmd), Some(k)) = (e.command, e.word_index) else {
                    continue;
                };
                // The glob opens the word.
                let Some(WordPart::Literal(first)) = e.word.parts.first() else {
                    continue;
                };
                if *first != e.span || !first.slice(src).starts_with(['*', '?']) {
                    continue;
                }
                let Some(name) = cmd.name(src) else { continue };
                let name = name.rsplit('/').next().unwrap_or(&name);
                let dashes = match end_of_options {
                    Some((c, d)) if std::ptr::eq(c, cmd) => d,
                    _ => {
                        let d = double_dash(cmd, src);
                        end_of_options = Some((cmd, d));
                        d
                    }
                };
                if matches!(name, "echo" | "printf") || dashes.is_some_and(|d| d < k) {
                    continue;
                }
                let at = run.file_range(e.word.span);
                let edits = vec![Edit::insert(at.start(), "./")];
                let title = "Prefix the glob with `./`";
                let fix = if PATH_ONLY.contains(&name) {
                    Fix::safe(title, edits)
                } else {
                    Fix::unsafe_(title, edits)
                };
                cx.report(
                    at,
                    format!(
                        "Glob `{}` can expand to a file name starting with `-`, which `{name}` reads as an option",
                        text_of(e.word.span, src)
                    ),
                )
                .with_fix(fix);
            }
        }
    }
}

/// The index of the first `--` among the command's words.
fn double_dash(cmd: &SimpleCommand, src: &str) -> Option<usize> {
    cmd.words
        .iter()
        .skip(1)
        .position(|w| w.literal(src).is_some_and(|l| l == "--"))
        .map(|k| k + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&BareGlobArgument)
            .pass([
                "FROM a\nRUN rm ./*.txt && rm -- *.txt && rm /tmp/*\n",
                "FROM a\nRUN echo * && printf '%s\\n' *\n",
                "FROM a\nRUN rm \"*\" '*' \\* \"$d\"/* [ab]x\n",
                "FROM a\nRUN for f in *.txt; do echo \"$f\"; done\n",
                "FROM a\nRUN x=*.txt\n",
                "FROM a\nRUN [ -f *.txt ]\n",
                "FROM a\nRUN cat <<EOF > /f\n*\nEOF\n",
            ])
            .fail([
                "FROM a\nRUN rm *.txt\n",
                "FROM a\nRUN tar czf a.tgz * && ls ?x\n",
                "FROM a\nRUN sudo rm -rf * && cp -r * /dst\n",
                "FROM a\nRUN find . -name *.txt\n",
                "FROM a\nRUN <<EOF\nchmod +x *.sh\nEOF\n",
                "FROM a\nRUN [\"sh\", \"-c\", \"rm -rf *\"]\n",
            ])
            .fix([
                ("FROM a\nRUN rm *.txt\n", "FROM a\nRUN rm ./*.txt\n"),
                (
                    "FROM a\nRUN tar czf a.tgz * && \\\n    chmod +x */bin\n",
                    "FROM a\nRUN tar czf a.tgz ./* && \\\n    chmod +x ./*/bin\n",
                ),
                (
                    "FROM a\nRUN [\"sh\", \"-c\", \"rm -rf *\"]\n",
                    "FROM a\nRUN [\"sh\", \"-c\", \"rm -rf ./*\"]\n",
                ),
            ])
            .test();
    }
}
