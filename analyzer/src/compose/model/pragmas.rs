//! Suppression comments of a Compose file (the syntax and the engine:
//! [`crate::suppression`]): `# dockward ignore=DW5001` (or `# hadolint
//! ignore=…`) in the comment block right above a key, a service or a
//! sequence item covers that entry, key through value; the same comment
//! trailing a key's line covers that entry; `# dockward global ignore=…`
//! anywhere covers the file.

use crate::suppression::{IgnoreKind, Pragma, PragmaComment, PragmaScope, Pragmas, parse_comment};
use crate::yaml::Yaml;

pub(super) fn collect(yaml: &Yaml) -> Pragmas {
    let mut out = Pragmas::default();
    let src = yaml.source();
    for comment in yaml.comments() {
        let text = comment.span.slice(src);
        let Some(PragmaComment::Ignore {
            tool,
            kind,
            rules,
            reason,
        }) = parse_comment(text, comment.span.start())
        else {
            continue;
        };
        let scope = match kind {
            IgnoreKind::Global => PragmaScope::File,
            IgnoreKind::Next | IgnoreKind::Stage => {
                let target = if comment.own_line {
                    yaml.comment_target(comment)
                } else {
                    let line = yaml.line_start(yaml.line_of(comment.span.start()));
                    yaml.target_at(line)
                };
                match target {
                    Some(t) => PragmaScope::Range(t.span(yaml)),
                    None => continue,
                }
            }
        };
        out.pragmas.push(Pragma {
            tool,
            scope,
            rules,
            range: comment.span,
            reason,
        });
    }
    out
}
