use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::shell::SimpleCommand;
use crate::shell::expansions::{Context, Kind};

declare_rule! {
    /// ## What it does
    /// Flags a single-quoted string holding what looks like an expansion —
    /// `$name`, `${…}`, `$(…)`, `$1` or a pair of backticks — as an
    /// argument, a redirection target or an assignment value.
    ///
    /// Not flagged where the single quotes are meant to pass the text on to
    /// another interpreter or a later expansion: the arguments of `awk`
    /// (`gawk`, `mawk`, `nawk`), `perl`, `sh`/`bash`/`ksh`/`zsh`, `ssh`,
    /// `eval`, `trap`, `sudo`, `docker`/`podman`, `jq`, `rename`, `rg`,
    /// `unset`, `alias`, `dpkg-query`, `git filter-branch` and `find -exec`
    /// of one of those; `sed` scripts whose `$` is an address (`$d`, `$p`,
    /// `$a text`, `${…}`); `PS1`–`PS4` assignments.
    ///
    /// ## Why is this bad?
    /// Nothing inside single quotes is expanded: `echo 'Version: $VERSION'
    /// > /etc/motd` writes the dollar sign and the name, not the version.
    /// Double quotes expand the variable and still keep the text one word.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// ARG VERSION=1.2.3
    /// RUN echo 'Version: $VERSION' > /etc/motd
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// ARG VERSION=1.2.3
    /// RUN echo "Version: $VERSION" > /etc/motd
    /// ```
    ///
    /// ## Differences from ShellCheck
    /// None in what is flagged: like ShellCheck, wrappers such as `env`,
    /// `xargs`, `timeout` or `su -c` are not looked through, and
    /// `envsubst '$VAR'` is flagged. Scripts hadolint never checks are
    /// checked too.
    pub SingleQuotedExpansion {
        code: "SC2016",
        name: "single-quoted-expansion",
        aliases: [],
        severity: Info,
        category: Shell,
        default: true,
        fix: None,
    }
}

/// Commands whose single-quoted arguments are code or templates for
/// someone else.
const EXEMPT: &[&str] = &[
    "awk",
    "gawk",
    "mawk",
    "nawk",
    "perl",
    "perl5",
    "sh",
    "bash",
    "ksh",
    "zsh",
    "ssh",
    "eval",
    "trap",
    "sudo",
    "docker",
    "podman",
    "jq",
    "rename",
    "rg",
    "unset",
    "alias",
    "dpkg-query",
];

impl Rule for SingleQuotedExpansion {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        for (index, run) in model.scripts.iter().enumerate() {
            let src = run.text.as_str();
            for e in cx.expansions(index) {
                if !matches!(e.kind, Kind::SingleQuoted)
                    || !matches!(
                        e.context,
                        Context::Argument
                            | Context::TestOperand
                            | Context::Redirect
                            | Context::HereString
                            | Context::Assignment
                            | Context::DeclarationValue
                    )
                {
                    continue;
                }
                let text = e.span.slice(src);
                let body = text.strip_prefix('\'').unwrap_or(text);
                let body = body.strip_suffix('\'').unwrap_or(body);
                let Some(token) = first_expansion(body) else {
                    continue;
                };
                if let Some(cmd) = e.command {
                    if e.context == Context::Assignment {
                        if assigns_prompt(cmd, e.word, src) {
                            continue;
                        }
                    } else if exempt(cmd, e.word_index, body, token, src) {
                        continue;
                    }
                }
                let shown = token.shown(body);
                cx.report(
                    run.file_range(e.span),
                    format!("`{shown}` is inside single quotes, so the shell does not expand it"),
                );
            }
        }
    }
}

/// What looks like an expansion in single-quoted text.
#[derive(Clone, Copy)]
enum Token {
    /// `$` at this offset, followed by a name, digit, `{` or `(`.
    Dollar(usize),
    /// A pair of backticks.
    Backticks,
}

impl Token {
    fn shown(self, body: &str) -> String {
        match self {
            Token::Dollar(i) => {
                let rest = &body[i + 1..];
                let n = match rest.as_bytes().first() {
                    Some(b'{') => rest.find('}').map_or(1, |k| k + 1),
                    Some(b'(') => 1,
                    Some(c) if c.is_ascii_digit() => 1,
                    _ => rest
                        .bytes()
                        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                        .count(),
                };
                let end = (i + 1 + n).min(body.len());
                let mut s = body[i..end].to_owned();
                if rest.starts_with('(') {
                    s.push_str("…)");
                }
                s
            }
            Token::Backticks => "`…`".to_owned(),
        }
    }
}

/// The first `$name`, `$1`, `${`, `$(` or backtick pair in `body`.
fn first_expansion(body: &str) -> Option<Token> {
    let b = body.as_bytes();
    let dollar = (0..b.len()).find(|&i| {
        b[i] == b'$'
            && b.get(i + 1)
                .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'{' | b'('))
    });
    let tick = body.find('`').filter(|&i| body[i + 1..].contains('`'));
    match (dollar, tick) {
        (Some(d), Some(t)) if t < d => Some(Token::Backticks),
        (Some(d), _) => Some(Token::Dollar(d)),
        (None, Some(_)) => Some(Token::Backticks),
        (None, None) => None,
    }
}

/// `PS1='…'` … `PS4='…'`: prompts expand when shown.
fn assigns_prompt(cmd: &SimpleCommand, word: &crate::shell::Word, src: &str) -> bool {
    cmd.assignments
        .iter()
        .find(|a| a.value.span == word.span)
        .is_some_and(|a| matches!(a.name.slice(src), "PS1" | "PS2" | "PS3" | "PS4"))
}

/// The command passes the argument on as code: see [`EXEMPT`], `git
/// filter-branch`, `find -exec <exempt>`, and `sed` addresses.
fn exempt(
    cmd: &SimpleCommand,
    word_index: Option<usize>,
    body: &str,
    token: Token,
    src: &str,
) -> bool {
    let name_of = |k: usize| {
        cmd.words
            .get(k)
            .and_then(|w| w.literal(src))
            .map(|n| n.rsplit('/').next().unwrap_or(&n).to_owned())
    };
    let Some(name) = name_of(0) else {
        return false;
    };
    if EXEMPT.contains(&name.as_str()) {
        return true;
    }
    match name.as_str() {
        "git" => name_of(1).is_some_and(|s| s == "filter-branch"),
        "find" => {
            let upto = word_index.unwrap_or(cmd.words.len());
            // `-exec` sits a few words before its arguments (a bounded
            // look back keeps huge commands linear).
            let exec = (1..upto).rev().take(32).find(|&k| {
                name_of(k)
                    .is_some_and(|w| matches!(w.as_str(), "-exec" | "-execdir" | "-ok" | "-okdir"))
            });
            exec.and_then(|k| name_of(k + 1))
                .is_some_and(|p| EXEMPT.contains(&p.as_str()))
        }
        "sed" => {
            let Token::Dollar(i) = token else {
                return false;
            };
            let rest = &body.as_bytes()[i + 1..];
            match rest {
                [b'{', ..] => true,
                [c, tail @ ..] if b"acdips".contains(c) => tail
                    .first()
                    .is_none_or(|n| !(n.is_ascii_alphanumeric() || *n == b'_')),
                _ => false,
            }
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&SingleQuotedExpansion)
            .pass([
                "FROM a\nRUN echo '$' 'cost: $ 5' '$$' '$-x' \"$HOME\"\n",
                "FROM a\nRUN awk '{print $1}' f && gawk '{print $2}' f\n",
                "FROM a\nRUN sh -c 'echo $x' && bash -c 'echo $HOME' && /bin/sh -c 'echo $1'\n",
                "FROM a\nRUN perl -e 'print $x' && eval 'echo $x' && trap 'rm $f' EXIT\n",
                "FROM a\nRUN sudo sh -c 'echo $x > /f' && docker run x sh -c 'echo $x'\n",
                "FROM a\nRUN jq '.$x' f && dpkg-query -W -f='${Package}\\n'\n",
                "FROM a\nRUN sed -i '$d' f && sed -n '$p' f && sed '1,$d' f && sed -i -e '$a\\' f\n",
                "FROM a\nRUN sed '$d;s/$x/y/' f && sed -E 's/(a)$/b/' f\n",
                "FROM a\nRUN find . -exec sh -c 'echo $1' _ {} \\;\n",
                "FROM a\nRUN git filter-branch --msg-filter 'cat $x'\n",
                "FROM a\nRUN PS1='$PWD> '\n",
                "FROM a\nRUN cat <<'EOF' > /f\n$x\nEOF\n",
            ])
            .fail([
                "FROM a\nRUN echo 'Version: $VERSION' > /etc/motd\n",
                "FROM a\nRUN echo 'a ${x}' '$(date)' '`date`' '$1'\n",
                "FROM a\nRUN x='$y' && echo 'a $x' > f && cat <<< '$x'\n",
                "FROM a\nRUN sed 's/$x/y/' f && sed '$q' f && sed -i '$aexport X=1' f\n",
                "FROM a\nRUN xargs sh -c 'echo $1' && env X=1 sh -c 'echo $X' && timeout 5 sh -c 'echo $x'\n",
                "FROM a\nRUN envsubst '${PORT}' < a > b\n",
                "FROM a\nRUN find . -exec echo '$x' \\;\n",
                "FROM a\nRUN echo 'export PATH=$PATH:/opt/bin' >> /etc/profile && \\\n    echo done\n",
                "FROM a\nRUN <<EOF\necho '$HOME'\nEOF\n",
            ])
            .test();
    }
}
