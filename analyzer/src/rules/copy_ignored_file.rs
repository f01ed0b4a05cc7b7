use crate::TextRange;
use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::dockerignore::{Dockerignore, clean};
use crate::rule::{Rule, RuleMeta};
use crate::syntax::{Args, Keyword, Span};

declare_rule! {
    /// ## What it does
    /// Flags a `COPY` or `ADD` source from the build context that the
    /// `.dockerignore` excludes. This is BuildKit's `CopyIgnoredFile`
    /// check; it runs only when the caller passes the `.dockerignore`.
    ///
    /// Sources are matched after `ARG`/`ENV` expansion (one with a variable
    /// that has no known value is skipped), as written (a wildcard source is
    /// matched as text, like BuildKit does). `COPY --from`, URLs, git sources
    /// and heredocs do not come from the context and are not checked. Like
    /// BuildKit, nothing is checked when the `.dockerignore` has exceptions
    /// (`!pattern`): which files they bring back cannot be told without the
    /// files. Copying the whole context (`COPY . .`) is flagged only when
    /// the `.dockerignore` excludes everything (`*`, `**`).
    ///
    /// ## Why is this bad?
    /// Excluded files are not sent to the builder: the build fails with
    /// "not found", or a wildcard copies less than intended.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20
    /// COPY node_modules /app/node_modules
    /// ```
    ///
    /// with this `.dockerignore`:
    /// ```dockerignore
    /// node_modules
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:20
    /// COPY package.json package-lock.json /app/
    /// RUN cd /app && npm ci
    /// ```
    pub CopyIgnoredFile {
        code: "DW2013",
        name: "copy-ignored-file",
        aliases: ["CopyIgnoredFile"],
        severity: Warning,
        category: Correctness,
        default: true,
        fix: None,
    }
}

impl Rule for CopyIgnoredFile {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let Some(text) = cx.dockerignore() else {
            return;
        };
        let ignore = Dockerignore::parse(text);
        if ignore.has_exclusions() {
            return;
        }
        let model = cx.model;
        let src = cx.src();
        for (i, inst) in model.instructions().iter().enumerate() {
            let verb = match inst.keyword {
                Keyword::Copy if inst.flag("from").is_none() => "COPY",
                Keyword::Add => "ADD",
                _ => continue,
            };
            let sources: Vec<(TextRange, String)> = match &inst.args {
                Args::Words(words) => source_words(words)
                    .iter()
                    .map(|w| (w.range, w.text(inst, src).to_owned()))
                    .collect(),
                Args::Json(array) => array
                    .items
                    .split_last()
                    .map(|(_, sources)| sources)
                    .unwrap_or_default()
                    .iter()
                    .map(|item| (item.range, item.value.clone()))
                    .collect(),
                _ => continue,
            };
            for (range, raw) in sources {
                if raw.starts_with("<<") || raw.contains("://") || raw.starts_with("git@") {
                    continue;
                }
                let expanded = model.expand(i, &raw);
                if expanded.contains('$') {
                    continue;
                }
                let path = clean(&expanded.replace('\\', "/"));
                let path = path.trim_start_matches('/');
                let excluded = if path.is_empty() || path == "." {
                    ignore.ignores_root()
                } else {
                    ignore.excludes(path)
                };
                if excluded {
                    cx.report(
                        range,
                        format!("{verb} source `{expanded}` is excluded by .dockerignore"),
                    )
                    .with_instruction(i);
                }
            }
        }
    }
}

/// All words but the destination.
fn source_words(words: &[Span]) -> &[Span] {
    words.split_last().map_or(&[], |(_, sources)| sources)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&CopyIgnoredFile)
            .dockerignore("# build output\nnode_modules\n*.log\n/secrets/\ndocs/**/*.md\n")
            .pass([
                "FROM alpine\nCOPY src /app\n",
                "FROM alpine\nCOPY . /app\n",
                "FROM alpine AS b\nFROM alpine\nCOPY --from=b node_modules /x\n",
                "FROM alpine\nADD https://example.com/a.log /x\n",
                "FROM alpine\nCOPY <<EOF /x.log\nhi\nEOF\n",
                "FROM alpine\nCOPY $UNKNOWN /x\n",
                "FROM alpine\nCOPY docs/README /x\n",
            ])
            .fail([
                "FROM alpine\nCOPY node_modules /app/node_modules\n",
                "FROM alpine\nCOPY src node_modules/a.js /app/\n",
                "FROM alpine\nADD app.log /x\n",
                "FROM alpine\nCOPY [\"secrets/key\", \"/k\"]\n",
                "FROM alpine\nARG D=node_modules\nCOPY ${D}/x /x\n",
                "FROM alpine\nCOPY ./docs/a/b.md /x\n",
                "FROM alpine\nCOPY /secrets /x\n",
            ])
            .test();
    }

    fn count(dockerignore: &str, src: &str) -> usize {
        use crate::analysis::{Context, check_model};
        let config = crate::Config {
            select: Some(vec!["DW2013".to_owned()]),
            ..crate::Config::default()
        };
        let model = crate::model::Model::new(src);
        let context = Context {
            dockerignore: Some(dockerignore),
        };
        check_model(&model, &config, context).len()
    }

    #[test]
    fn exceptions_and_root() {
        // Everything excluded: even the whole context.
        assert_eq!(count("*\n", "FROM alpine\nCOPY . /app\n"), 1);
        assert_eq!(count("**\n", "FROM alpine\nCOPY ./ /app\n"), 1);
        // Exceptions: BuildKit does not check at all.
        assert_eq!(count("*\n!src\n", "FROM alpine\nCOPY docs /app\n"), 0);
        // No .dockerignore: nothing to check.
        let config = crate::Config {
            select: Some(vec!["DW2013".to_owned()]),
            ..crate::Config::default()
        };
        let analysis = crate::analyze("FROM alpine\nCOPY node_modules /x\n", &config);
        assert!(analysis.diagnostics.is_empty());
    }
}
