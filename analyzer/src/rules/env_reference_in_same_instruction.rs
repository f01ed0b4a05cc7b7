use std::collections::HashMap;

use crate::checker::Checker;
use crate::declare_rule;
use crate::model::Binding;
use crate::rule::{Rule, RuleMeta};
use crate::syntax::{Args, Keyword};

declare_rule! {
    /// ## What it does
    /// Flags a variable reference in an `ENV` value to a variable that the
    /// same `ENV` instruction defines in another pair, when no earlier ARG or
    /// ENV of the stage defines it (`ENV A=1 B=$A`).
    ///
    /// ## Why is this bad?
    /// Every value of one `ENV` instruction is expanded with the variables
    /// from before it, so `$A` is not the `A` defined next to it: here it is
    /// empty. A reference to the variable's own previous value
    /// (`ENV PATH=/opt/bin:$PATH`) is fine.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV APP_HOME=/app APP_BIN=$APP_HOME/bin
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV APP_HOME=/app
    /// ENV APP_BIN=$APP_HOME/bin
    /// ```
    pub EnvReferenceInSameInstruction {
        code: "DL3044",
        name: "env-reference-in-same-instruction",
        aliases: [],
        severity: Error,
        category: Correctness,
        default: true,
        fix: None,
    }
}

impl Rule for EnvReferenceInSameInstruction {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let src = cx.src();
        let model = cx.model;
        // The pairs of the ENV being looked at, by key (uses come in
        // instruction order).
        let mut current: Option<(usize, HashMap<&str, Vec<usize>>)> = None;
        for u in &model.vars.uses {
            if u.binding != Binding::Unbound {
                continue;
            }
            let inst = &model.file.instructions[u.instruction];
            let Args::KeyValues(pairs) = &inst.args else {
                continue;
            };
            if inst.keyword != Keyword::Env {
                continue;
            }
            if current.as_ref().is_none_or(|(i, _)| *i != u.instruction) {
                let mut keys: HashMap<&str, Vec<usize>> = HashMap::new();
                for (k, p) in pairs.iter().enumerate() {
                    keys.entry(p.key.text(inst, src)).or_default().push(k);
                }
                current = Some((u.instruction, keys));
            }
            let Some((_, keys)) = &current else {
                continue;
            };
            let Some(defining) = keys.get(u.name.as_str()) else {
                continue;
            };
            let own = pairs.partition_point(|p| p.value.range.end() < u.range.end());
            let Some(&other) = defining.iter().find(|&&k| k != own) else {
                continue;
            };
            cx.report(
                u.range,
                format!(
                    "`{}` is defined in this same ENV instruction, so this reference does not see it",
                    u.name
                ),
            )
            .with_related(pairs[other].key.range, format!("`{}` is defined here", u.name));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&EnvReferenceInSameInstruction)
            .pass([
                "FROM a\nENV A=1\nENV B=$A\n",
                "FROM a\nENV PATH=/x:$PATH\n",
                "FROM a\nARG A\nENV A=1 B=$A\n",
                "FROM a\nENV A=1\nENV A=2 B=$A\n",
                "FROM a\nENV A=1 B=$AB\n",
                "FROM a\nENV A=1 B='$A'\n",
            ])
            .fail([
                "FROM a\nENV A=1 B=$A\n",
                "FROM a\nENV A=1 A=$A:2\n",
                "FROM a\nENV A=1 B=${A}/x\n",
                "FROM a\nENV B=${A:-x} A=1\n",
                "FROM a\nARG A\nFROM b\nENV A=1 B=$A\n",
                "FROM a\nENV A=1 \\\n    B=\"$A and more\"\n",
            ])
            .test();
    }
}
