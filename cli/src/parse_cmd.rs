//! `dockward parse`: the parser's view of files, for debugging and for
//! conformance with BuildKit.

use std::fmt::Write as _;
use std::io::{Read, Write};
use std::path::Path;

use dockward_analyzer::rule::FileKind;
use dockward_analyzer::syntax::{self, Args, Dockerfile, ErrorKind, Instruction, Span};
use dockward_analyzer::{ColumnUnit, LineIndex, TextRange};
use serde::Serialize;

use crate::args::{ParseArgs, ParseFormat};
use crate::error::CliError;

/// One line of `--format json`: BuildKit's parser records.
#[derive(Serialize)]
struct Record<'a> {
    path: &'a str,
    ok: bool,
    error: Option<&'a str>,
    instructions: Vec<JsonInstruction>,
}

#[derive(Serialize)]
struct JsonInstruction {
    cmd: String,
    sub_cmd: Option<String>,
    json: bool,
    flags: Vec<String>,
    value: Vec<String>,
    start_line: u32,
    end_line: u32,
    heredocs: Vec<JsonHeredoc>,
}

#[derive(Serialize)]
struct JsonHeredoc {
    name: String,
    content: String,
}

pub fn run(args: &ParseArgs) -> Result<u8, CliError> {
    let mut failed = false;
    let mut out = std::io::stdout().lock();
    for path in &args.files {
        if let Some(kind) = not_a_dockerfile(path) {
            failed = true;
            let _ = writeln!(
                std::io::stderr(),
                "dockward: error: {}: this is a {kind} file by its name; `dockward parse` shows Dockerfile syntax (`dockward lint` reads {kind} files)",
                path.display()
            );
            continue;
        }
        let text = match read(path) {
            Ok(t) => t,
            Err(e) => {
                failed = true;
                let _ = writeln!(std::io::stderr(), "dockward: error: {e}");
                continue;
            }
        };
        let df = syntax::parse(&text);
        let shown = path.display().to_string();
        let rendered = match args.format {
            ParseFormat::Json => json_line(&shown, &df),
            ParseFormat::Sexp => df.buildkit_dump(),
            ParseFormat::Tree => tree(&shown, &df),
        };
        out.write_all(rendered.as_bytes())
            .map_err(|e| CliError::output(None, e))?;
    }
    out.flush().map_err(|e| CliError::output(None, e))?;
    Ok(if failed { 2 } else { 0 })
}

/// The kind a file's name gives it when that kind is not a Dockerfile
/// (`compose.yaml`, `daemon.json`): parsing it as one would print nonsense.
fn not_a_dockerfile(path: &Path) -> Option<&'static str> {
    let name = path.file_name()?.to_str()?;
    match dockward_analyzer::names::kind_of_name(name, true)? {
        FileKind::Compose => Some("Compose"),
        FileKind::Daemon => Some("daemon.json"),
        _ => None,
    }
}

fn read(path: &Path) -> Result<String, CliError> {
    let bytes = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| CliError::io(path, e))?;
        buf
    } else {
        crate::lint::read_file(path)?
    };
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

fn json_line(path: &str, df: &Dockerfile) -> String {
    let rejection = df.rejection();
    let instructions = if rejection.is_some() {
        Vec::new()
    } else {
        df.buildkit_instructions()
            .into_iter()
            .map(|i| JsonInstruction {
                cmd: i.cmd,
                sub_cmd: i.sub_cmd,
                json: i.json,
                flags: i.flags,
                value: i.value,
                start_line: i.start_line,
                end_line: i.end_line,
                heredocs: i
                    .heredocs
                    .into_iter()
                    .map(|h| JsonHeredoc {
                        name: h.name,
                        content: h.content,
                    })
                    .collect(),
            })
            .collect()
    };
    let record = Record {
        path,
        ok: rejection.is_none(),
        error: rejection.map(|e| e.message.as_str()),
        instructions,
    };
    let mut line = serde_json::to_string(&record).unwrap_or_default();
    line.push('\n');
    line
}

/// The readable dump of the lossless tree.
struct Tree<'a> {
    src: &'a str,
    index: LineIndex,
    out: String,
}

impl Tree<'_> {
    fn pos(&self, range: TextRange) -> String {
        let (s, e) = self.index.range(self.src, range, ColumnUnit::Char);
        format!(
            "{}:{}-{}:{} [{}..{}]",
            s.line + 1,
            s.col + 1,
            e.line + 1,
            e.col + 1,
            range.start,
            range.end
        )
    }

    fn text(&self, range: TextRange) -> String {
        let t = self.src.get(range.as_range()).unwrap_or("");
        let mut shown: String = t.chars().take(60).collect();
        if t.chars().nth(60).is_some() {
            shown.push('…');
        }
        format!("{shown:?}")
    }

    fn line(&mut self, depth: usize, s: &str) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn span(&mut self, depth: usize, label: &str, inst: &Instruction, span: &Span) {
        let logical = span.text(inst, self.src);
        let line = format!("{label} {:?} {}", logical, self.pos(span.range));
        self.line(depth, &line);
    }

    fn instruction(&mut self, depth: usize, n: Option<usize>, inst: &Instruction) {
        let head = format!(
            "{}{} {}",
            n.map_or_else(String::new, |n| format!("[{n}] ")),
            inst.keyword_text(self.src),
            self.pos(inst.range)
        );
        self.line(depth, &head);
        let kw = if inst.keyword == syntax::Keyword::Unknown {
            "(unknown)".to_owned()
        } else {
            inst.keyword.as_str().to_owned()
        };
        let line = format!("keyword {kw} {}", self.pos(inst.keyword_range));
        self.line(depth + 1, &line);
        for flag in &inst.flags {
            let line = format!("flag {:?} {}", flag.text, self.pos(flag.range));
            self.line(depth + 1, &line);
        }
        self.args(depth + 1, inst, &inst.args);
        for h in &inst.heredocs {
            let line = format!(
                "heredoc <<{}{} {} (word {}){}",
                if h.chomp { "-" } else { "" },
                h.name,
                if h.expand { "expanded" } else { "quoted" },
                self.pos(h.word_range),
                h.fd.map_or_else(String::new, |fd| format!(" fd={fd}"))
            );
            self.line(depth + 1, &line);
            let line = format!("body {} {}", self.text(h.body), self.pos(h.body));
            self.line(depth + 2, &line);
            let line = match h.terminator {
                Some(t) => format!("terminator {} {}", self.text(t), self.pos(t)),
                None => "terminator (missing: runs to end of file)".to_owned(),
            };
            self.line(depth + 2, &line);
        }
        for r in &inst.empty_continuation_lines {
            let line = format!("empty continuation line {}", self.pos(*r));
            self.line(depth + 1, &line);
        }
    }

    fn args(&mut self, depth: usize, inst: &Instruction, args: &Args) {
        match args {
            Args::None => self.line(depth, "args (none)"),
            Args::Text(s) => self.span(depth, "text", inst, s),
            Args::Ignored(s) => self.span(depth, "ignored", inst, s),
            Args::Json(array) => {
                let line = format!("json {}", self.pos(array.range));
                self.line(depth, &line);
                for item in &array.items {
                    let line = format!("string {:?} {}", item.value, self.pos(item.range));
                    self.line(depth + 1, &line);
                }
                if let Some(t) = array.trailing {
                    let line = format!("trailing {} {}", self.text(t), self.pos(t));
                    self.line(depth + 1, &line);
                }
            }
            Args::Words(words) => {
                self.line(depth, "words");
                for w in words {
                    self.span(depth + 1, "word", inst, w);
                }
            }
            Args::KeyValues(pairs) => {
                self.line(depth, "pairs");
                for p in pairs {
                    let line = format!(
                        "pair{} {:?} = {:?} {}",
                        if p.equals { "" } else { " (legacy form)" },
                        p.key.text(inst, self.src),
                        p.value.text(inst, self.src),
                        self.pos(p.key.range.cover(p.value.range))
                    );
                    self.line(depth + 1, &line);
                }
            }
            Args::Healthcheck { kind, command } => {
                self.span(depth, "healthcheck", inst, kind);
                self.args(depth + 1, inst, command);
            }
            Args::Onbuild(trigger) => {
                self.line(depth, "trigger");
                self.instruction(depth + 1, None, trigger);
            }
        }
    }
}

fn tree(path: &str, df: &Dockerfile) -> String {
    let src = df.source();
    let mut t = Tree {
        src,
        index: LineIndex::new(src),
        out: String::new(),
    };
    let _ = writeln!(
        t.out,
        "{path}: {} bytes, {} lines, escape {:?}",
        src.len(),
        t.index.line_count(),
        df.escape.as_char()
    );
    if !df.directives.is_empty() {
        t.line(0, "directives");
        for d in &df.directives {
            let line = format!("{} = {:?} {}", d.name, d.value, t.pos(d.range));
            t.line(1, &line);
        }
    }
    t.line(0, "instructions");
    for (i, inst) in df.instructions.iter().enumerate() {
        t.instruction(1, Some(i), inst);
    }
    if !df.comments.is_empty() {
        t.line(0, "comments");
        for c in &df.comments {
            let line = format!(
                "{} {}{}",
                t.text(c.range),
                t.pos(c.range),
                if c.in_continuation {
                    " (in continuation)"
                } else {
                    ""
                }
            );
            t.line(1, &line);
        }
    }
    if !df.errors.is_empty() {
        t.line(0, "errors");
        for e in &df.errors {
            let (s, _) = t.index.range(src, e.range, ColumnUnit::Char);
            let kind = match e.kind {
                ErrorKind::Rejected => "rejected by BuildKit's parser",
                ErrorKind::Invalid => "rejected by docker build",
            };
            let line = format!(
                "{}:{}: {} ({kind}) {}",
                s.line + 1,
                s.col + 1,
                e.message,
                t.pos(e.range)
            );
            t.line(1, &line);
        }
    }
    t.line(0, "tokens");
    for tok in &df.tokens {
        let line = format!("{:?} {} {}", tok.kind, t.text(tok.range), t.pos(tok.range));
        t.line(1, &line);
    }
    t.out
}
