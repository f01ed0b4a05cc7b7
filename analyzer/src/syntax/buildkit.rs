//! BuildKit's view of the parse: the instruction records of its parser stage
//! (what `../shared/corpus/reference/buildkit-ref.jsonl` holds) and its
//! `Node.Dump` s-expression form. Used by `dockward parse` and by the
//! conformance tests.

use super::args::go_quote;
use super::{Args, Dockerfile, Instruction};

/// One instruction as BuildKit's parser reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildkitInstruction {
    /// The keyword as written.
    pub cmd: String,
    /// ONBUILD's trigger keyword as written.
    pub sub_cmd: Option<String>,
    /// Exec (JSON) form.
    pub json: bool,
    /// Flags as BuildKit reports them.
    pub flags: Vec<String>,
    /// Arguments; ENV/LABEL as flat key, value pairs without separators.
    pub value: Vec<String>,
    /// 1-based first line.
    pub start_line: u32,
    /// 1-based last line (continuations and heredoc bodies included).
    pub end_line: u32,
    pub heredocs: Vec<BuildkitHeredoc>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildkitHeredoc {
    pub name: String,
    pub content: String,
}

impl Dockerfile {
    /// The instructions as BuildKit's parser stage reports them.
    #[must_use]
    pub fn buildkit_instructions(&self) -> Vec<BuildkitInstruction> {
        let src = self.source();
        self.instructions
            .iter()
            .map(|inst| {
                let trigger = inst.onbuild_trigger();
                let target = trigger.unwrap_or(inst);
                BuildkitInstruction {
                    cmd: inst.keyword_text(src).to_owned(),
                    sub_cmd: trigger.map(|t| t.keyword_text(src).to_owned()),
                    json: target.is_json(),
                    flags: inst.flags.iter().map(|f| f.text.clone()).collect(),
                    value: values(target, src, false),
                    start_line: inst.start_line + 1,
                    end_line: inst.end_line + 1,
                    heredocs: inst
                        .heredocs
                        .iter()
                        .map(|h| BuildkitHeredoc {
                            name: h.name.clone(),
                            content: h.body.slice(src).to_owned(),
                        })
                        .collect(),
                }
            })
            .collect()
    }

    /// BuildKit's `Node.Dump` of the whole file (current BuildKit: ENV/LABEL
    /// pairs carry their separator).
    #[must_use]
    pub fn buildkit_dump(&self) -> String {
        let src = self.source();
        let mut out = String::new();
        for inst in &self.instructions {
            out.push('(');
            dump_node(inst, src, &mut out);
            out.push_str(")\n");
        }
        out
    }
}

fn dump_node(inst: &Instruction, src: &str, out: &mut String) {
    out.push_str(&inst.keyword_text(src).to_lowercase());
    if !inst.flags.is_empty() {
        out.push_str(" [");
        for (i, f) in inst.flags.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&go_quote(&f.text));
        }
        out.push(']');
    }
    if let Some(trigger) = inst.onbuild_trigger() {
        out.push_str(" (");
        dump_node(trigger, src, out);
        out.push(')');
        return;
    }
    for v in values(inst, src, true) {
        out.push(' ');
        out.push_str(&go_quote(&v));
    }
}

/// The argument values of `inst` (ONBUILD: none of its own).
fn values(inst: &Instruction, src: &str, separators: bool) -> Vec<String> {
    fn shaped(args: &Args, inst: &Instruction, src: &str, separators: bool, out: &mut Vec<String>) {
        match args {
            Args::None | Args::Onbuild(_) => {}
            Args::Ignored(_) => out.push(String::new()),
            Args::Text(span) => out.push(span.text(inst, src).to_owned()),
            Args::Json(array) => out.extend(array.items.iter().map(|i| i.value.clone())),
            Args::Words(words) => out.extend(words.iter().map(|w| w.text(inst, src).to_owned())),
            Args::KeyValues(pairs) => {
                for p in pairs {
                    out.push(p.key.text(inst, src).to_owned());
                    out.push(p.value.text(inst, src).to_owned());
                    if separators {
                        out.push(if p.equals { "=" } else { "" }.to_owned());
                    }
                }
            }
            Args::Healthcheck { kind, command } => {
                out.push(kind.text(inst, src).to_owned());
                shaped(command, inst, src, separators, out);
            }
        }
    }
    let mut out = Vec::new();
    shaped(&inst.args, inst, src, separators, &mut out);
    out
}
