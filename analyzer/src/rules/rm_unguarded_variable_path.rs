use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::rm_command::{SYSTEM_DIRS, is_recursive_rm, normalize_path};
use crate::rule::{Rule, RuleMeta};
use crate::shell::expansions::{ParamOp, param_info, text_of};
use crate::shell::{Word, WordPart};
use crate::{Edit, Fix};

declare_rule! {
    /// ## What it does
    /// Flags a recursive `rm` (`-r`, `-R`, `--recursive`) of a path that
    /// becomes `/`, `/*` or a system directory (`/usr`, `/etc/*`…) when its
    /// variables or command substitutions are empty: `rm -rf "$DIR/"`,
    /// `rm -rf $PREFIX/usr/*`, `rm -rf "$(go env GOPATH)/"`. A variable
    /// guarded with `${VAR:?}` (or a non-empty default) keeps its part.
    ///
    /// ## Why is this bad?
    /// An unset or misspelt variable — an `ARG` not redeclared in the
    /// stage, a variable set in an earlier `RUN` — turns a cleanup into the
    /// removal of the image's root. `${VAR:?}` stops the script instead.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// ARG BUILD_DIR
    /// RUN rm -rf "$BUILD_DIR/"*
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// ARG BUILD_DIR
    /// RUN rm -rf "${BUILD_DIR:?}/"*
    /// ```
    ///
    /// ## Fix safety
    /// When every part that can vanish is a variable, the fix writes each as
    /// `${VAR:?}`. It is unsafe: where the variable is empty the `RUN` now
    /// fails instead of running `rm` — the point, but a change of what the
    /// build does.
    ///
    /// ## Differences from ShellCheck
    /// None in what is flagged (like ShellCheck, a literal `rm -rf /*` is
    /// reported here and `rm -rf /usr` under `SC2114`).
    pub RmUnguardedVariablePath {
        code: "SC2115",
        name: "rm-unguarded-variable-path",
        aliases: [],
        severity: Warning,
        category: Shell,
        default: true,
        fix: Sometimes,
    }
}

impl Rule for RmUnguardedVariablePath {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        // The simple commands of every script, as the command layer lists
        // them (shared with the other command rules).
        for inv in cx.invocations() {
            let run = inv.run;
            let src = run.text.as_str();
            {
                let c = &inv.cmd;
                if !is_recursive_rm(c.command, src) {
                    continue;
                }
                for w in c.command.args() {
                    let Some(found) = vanishing_path(w, src) else {
                        continue;
                    };
                    let message = match found.vanishing.first() {
                        Some((_, Some(name))) => format!(
                            "`rm -r {}` deletes `{}` when `${name}` is empty or unset",
                            text_of(w.span, src),
                            found.path
                        ),
                        Some((_, None)) => format!(
                            "`rm -r {}` deletes `{}` when the command substitution prints nothing",
                            text_of(w.span, src),
                            found.path
                        ),
                        None => {
                            format!("`rm -r {}` deletes `{}`", text_of(w.span, src), found.path)
                        }
                    };
                    let fix = guard_fix(&found, run);
                    let d = cx.report(run.file_range(w.span), message);
                    if let Some(fix) = fix {
                        d.with_fix(fix);
                    }
                }
            }
        }
    }
}

/// An `rm` operand that can become a system path.
struct Vanishing {
    /// The path with the vanishing parts removed, normalized.
    path: String,
    /// The parts that can vanish: their span, and the variable name (none
    /// for a command substitution or a computed expansion).
    vanishing: Vec<(crate::TextRange, Option<String>)>,
}

fn vanishing_path(w: &Word, src: &str) -> Option<Vanishing> {
    let mut text = String::new();
    let mut vanishing = Vec::new();
    let mut glob = false;
    let mut stack: Vec<(std::slice::Iter<'_, WordPart>, bool)> = vec![(w.parts.iter(), false)];
    while let Some((it, quoted)) = stack.last_mut() {
        let quoted = *quoted;
        let Some(p) = it.next() else {
            stack.pop();
            continue;
        };
        match p {
            WordPart::Literal(r) => {
                let t = crate::shell::strip_continuations(r.slice(src));
                glob |= !quoted && t.contains('*');
                text.push_str(&t);
            }
            WordPart::SingleQuoted(_) | WordPart::Escaped(_) | WordPart::AnsiC(_) => {
                let single = Word {
                    span: crate::TextRange::default(),
                    parts: crate::shell::Parts::one(p.clone()),
                };
                text.push_str(&single.literal(src)?);
            }
            WordPart::DoubleQuoted(d) => stack.push((d.parts.iter(), true)),
            WordPart::Param(x) => {
                let info = param_info(x, src);
                let kept = match info.op {
                    ParamOp::Error => true,
                    ParamOp::Default | ParamOp::Assign => !info.operand.is_empty(),
                    _ => false,
                };
                if kept {
                    text.push('x');
                } else {
                    let simple = info.op == ParamOp::Plain
                        && info.subscript.is_none()
                        && !info.length
                        && !info.indirect
                        && info.is_variable();
                    vanishing.push((x.span, simple.then(|| info.name.to_owned())));
                }
            }
            WordPart::CommandSubst(c) => vanishing.push((c.span, None)),
            _ => return None,
        }
    }
    if vanishing.is_empty() && !glob {
        return None;
    }
    let path = normalize_path(&text);
    let base = path
        .strip_suffix("/*")
        .map(|b| if b.is_empty() { "/" } else { b });
    let hit =
        SYSTEM_DIRS.contains(&path.as_str()) || base.is_some_and(|b| SYSTEM_DIRS.contains(&b));
    hit.then_some(Vanishing { path, vanishing })
}

/// `${VAR:?}` for every vanishing variable (none when a command
/// substitution can vanish).
fn guard_fix(found: &Vanishing, run: &crate::model::RunScript) -> Option<Fix> {
    if found.vanishing.is_empty() {
        return None;
    }
    let mut edits = Vec::new();
    for (span, name) in &found.vanishing {
        edits.push(Edit::replace(
            run.file_range(*span),
            format!("${{{}:?}}", name.as_ref()?),
        ));
    }
    Some(Fix::unsafe_("Guard the variable with `${VAR:?}`", edits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&RmUnguardedVariablePath)
            .pass([
                "FROM a\nRUN rm -rf \"${DIR:?}/\" \"$DIR/var/lib\" \"$DIR\" ${D:-/tmp}/\n",
                "FROM a\nRUN rm \"$DIR/\"\n",
                "FROM a\nRUN rm -rf /usr /tmp/* /var/lib/apt/lists/*\n",
                "FROM a\nRUN sudo rm -rf \"$D/\"\n",
            ])
            .fail([
                "FROM a\nRUN rm -rf \"$DIR/\"\n",
                "FROM a\nRUN rm -rf $DIR/* \"$DIR\"/usr/* \"$D/etc/\"\n",
                "FROM a\nRUN rm -fr \"$A/$B\" && rm --recursive \"$(go env GOPATH)/\"\n",
                "FROM a\nRUN rm -rf /*\n",
                "FROM a\nRUN <<EOF\nrm -rf \"$BUILD/\"*\nEOF\n",
            ])
            .fix([
                (
                    "FROM a\nRUN rm -rf \"$DIR/\"*\n",
                    "FROM a\nRUN rm -rf \"${DIR:?}/\"*\n",
                ),
                (
                    "FROM a\nRUN rm -rf ${A}/${B}\n",
                    "FROM a\nRUN rm -rf ${A:?}/${B:?}\n",
                ),
            ])
            .test();
    }
}
