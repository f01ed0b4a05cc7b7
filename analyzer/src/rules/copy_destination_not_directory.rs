use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::syntax::Keyword;
use crate::{Edit, Fix};

use crate::facts::copy_paths::copy_paths;

declare_rule! {
    /// ## What it does
    /// Flags a `COPY` with several sources whose destination does not end
    /// with `/`. Variables are expanded with their ARG and ENV values; a
    /// destination whose value is unknown is not checked.
    ///
    /// ## Why is this bad?
    /// Several sources can only go into a directory. BuildKit treats the
    /// destination as one, but the classic builder (and Podman/Buildah in
    /// some versions) fails with "the destination must be a directory and end
    /// with a /", and readers cannot tell a file from a directory.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20
    /// COPY package.json package-lock.json /app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:20
    /// COPY package.json package-lock.json /app/
    /// ```
    ///
    /// ## Fix safety
    /// The fix appends `/` to the destination, which is how BuildKit reads it
    /// already: it is safe.
    pub CopyDestinationNotDirectory {
        code: "DL3021",
        name: "copy-destination-not-directory",
        aliases: ["DS-0011"],
        severity: Error,
        category: Correctness,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for CopyDestinationNotDirectory {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let src = cx.src();
        let model = cx.model;
        for (i, inst) in model.instructions().iter().enumerate() {
            if inst.keyword != Keyword::Copy {
                continue;
            }
            let Some((sources, dest)) = copy_paths(model, i, inst) else {
                continue;
            };
            if sources.len() < 2
                || dest.unresolved()
                || dest.value.ends_with('/')
                || dest.value.contains(['"', '\''])
            {
                continue;
            }
            let written = dest.range.slice(src);
            // Where the `/` goes: after the last character, inside closing quotes.
            let insert_at = if dest.value.ends_with('\\') {
                None
            } else if written.len() >= 2 && (written.ends_with('"') || written.ends_with('\'')) {
                let before = &written[..written.len() - 1];
                (!before.ends_with('\\')).then(|| dest.range.end() - 1)
            } else {
                Some(dest.range.end())
            };
            let d = cx.report(
                dest.range,
                format!(
                    "COPY with {} sources needs a destination directory ending with `/`",
                    sources.len()
                ),
            );
            if let Some(at) = insert_at {
                d.with_fix(Fix::safe(
                    "Add a trailing `/` to the destination",
                    vec![Edit::insert(at, "/")],
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
        Tester::new(&CopyDestinationNotDirectory)
            .pass([
                "FROM a\nCOPY a b /app/\n",
                "FROM a\nCOPY a /app\n",
                "FROM a\nCOPY [\"a\", \"b\", \"/app/\"]\n",
                "FROM a\nCOPY a b $DEST\n",
                "FROM a\nARG D=/app/\nCOPY a b $D\n",
                "FROM a\nCOPY a b \"/app/\"\n",
                "FROM a\nCOPY a b \"/my dir\"\n",
                "FROM a\nADD a b /x\n",
            ])
            .fail([
                "FROM a\nCOPY a b /app\n",
                "FROM a\nCOPY a b .\n",
                "FROM a\nCOPY --from=build /a /b /out\n",
                "FROM a\nCOPY [\"a\", \"b\", \"/app\"]\n",
                "FROM a\nARG D=/app\nCOPY a b ${D}\n",
                "FROM a\nCOPY <<A <<B /etc\nx\nA\ny\nB\n",
            ])
            .fix([
                ("FROM a\nCOPY a b /app\n", "FROM a\nCOPY a b /app/\n"),
                ("FROM a\nCOPY a b .\n", "FROM a\nCOPY a b ./\n"),
                (
                    "FROM a\nCOPY [\"a\", \"b\", \"/app\"]\n",
                    "FROM a\nCOPY [\"a\", \"b\", \"/app/\"]\n",
                ),
                ("FROM a\nCOPY a b \"/x\"\n", "FROM a\nCOPY a b \"/x/\"\n"),
                (
                    "FROM a\nARG D=/app\nCOPY a b ${D}\n",
                    "FROM a\nARG D=/app\nCOPY a b ${D}/\n",
                ),
            ])
            .test();
    }
}
