//! Walking the tree: a [`Visitor`] sees every and-or list, pipeline and
//! command — inside compound commands, function bodies, and command and
//! process substitutions anywhere in any word — each with its position (list,
//! and-or list, pipeline) and [`Scope`]. The convenience iterators on
//! [`Script`] and [`List`] collect from it.
//!
//! The walk recurses, but only as deep as the tree, which the parser caps.

use super::ast::*;

/// What encloses a node, beyond its own list / pipeline.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scope<'a> {
    /// The innermost enclosing command or process substitution.
    pub substitution: Option<Substitution<'a>>,
    /// The simple command whose words hold that substitution (`sh` in
    /// `sh -c "$(curl …)"`); `None` when it sits in a compound command's
    /// words (`for x in $(…)`, `case $(…) in`).
    pub substitution_owner: Option<&'a SimpleCommand>,
    /// How many substitutions enclose the node.
    pub substitution_depth: u32,
    /// How many compound commands (groups, `if`, loops, `case`, functions)
    /// enclose the node, within its substitution.
    pub compound_depth: u32,
    /// The innermost enclosing function definition.
    pub function: Option<&'a FunctionDef>,
    /// The node is in the condition of an `if`, `elif`, `while` or `until`.
    pub in_condition: bool,
    /// The node is in the body of a loop.
    pub in_loop: bool,
}

impl Scope<'_> {
    /// Runs inside `$(…)`, `` `…` ``, `<(…)` or `>(…)`.
    #[must_use]
    pub fn in_substitution(&self) -> bool {
        self.substitution.is_some()
    }
}

/// Where a command sits: its list, and-or list and pipeline, with indexes.
#[derive(Debug, Clone, Copy)]
pub struct Position<'a> {
    pub list: &'a List,
    /// Index of the and-or list in `list.items`.
    pub list_index: usize,
    pub and_or: &'a AndOr,
    /// Index of the pipeline in `and_or.pipelines`.
    pub and_or_index: usize,
    pub pipeline: &'a Pipeline,
    /// Index of the command in `pipeline.commands`.
    pub pipeline_index: usize,
}

impl<'a> Position<'a> {
    /// The command writing into this one through a pipe.
    #[must_use]
    pub fn prev_in_pipeline(&self) -> Option<&'a Command> {
        self.pipeline_index
            .checked_sub(1)
            .and_then(|i| self.pipeline.commands.get(i))
    }

    /// The command reading this one's output through a pipe.
    #[must_use]
    pub fn next_in_pipeline(&self) -> Option<&'a Command> {
        self.pipeline.commands.get(self.pipeline_index + 1)
    }

    /// `&&` / `||` before this command's pipeline.
    #[must_use]
    pub fn op_before(&self) -> Option<AndOrOp> {
        self.and_or.op_before(self.and_or_index)
    }

    /// `&&` / `||` after this command's pipeline.
    #[must_use]
    pub fn op_after(&self) -> Option<AndOrOp> {
        self.and_or.op_after(self.and_or_index)
    }

    /// The pipeline after this one in the and-or list.
    #[must_use]
    pub fn next_pipeline(&self) -> Option<&'a Pipeline> {
        self.and_or.pipelines.get(self.and_or_index + 1)
    }

    /// The and-or list runs in the background (`&`).
    #[must_use]
    pub fn is_background(&self) -> bool {
        self.and_or.is_background()
    }
}

/// Any command, with where it sits.
#[derive(Debug, Clone, Copy)]
pub struct CommandRef<'a> {
    pub command: &'a Command,
    pub position: Position<'a>,
    pub scope: Scope<'a>,
}

/// A simple command, with where it sits.
#[derive(Debug, Clone, Copy)]
pub struct SimpleCommandRef<'a> {
    pub command: &'a SimpleCommand,
    pub position: Position<'a>,
    pub scope: Scope<'a>,
}

impl<'a> SimpleCommandRef<'a> {
    /// Shorthand for `command.name(src)`.
    #[must_use]
    pub fn name<'s>(&self, src: &'s str) -> Option<std::borrow::Cow<'s, str>> {
        self.command.name(src)
    }
}

#[derive(Debug, Clone, Copy)]
pub struct PipelineRef<'a> {
    pub pipeline: &'a Pipeline,
    pub and_or: &'a AndOr,
    /// Index of the pipeline in `and_or.pipelines`.
    pub and_or_index: usize,
    pub list: &'a List,
    pub list_index: usize,
    pub scope: Scope<'a>,
}

#[derive(Debug, Clone, Copy)]
pub struct AndOrRef<'a> {
    pub and_or: &'a AndOr,
    pub list: &'a List,
    /// Index of the and-or list in `list.items`.
    pub list_index: usize,
    pub scope: Scope<'a>,
}

/// Callbacks for [`walk_list`]; all default to doing nothing. Nodes come in
/// source order, parents before children.
pub trait Visitor<'a> {
    fn and_or(&mut self, _and_or: AndOrRef<'a>) {}
    fn pipeline(&mut self, _pipeline: PipelineRef<'a>) {}
    /// Every command, simple or compound.
    fn command(&mut self, _command: CommandRef<'a>) {}
    /// Every simple command (after [`command`](Self::command) for it).
    fn simple_command(&mut self, _command: SimpleCommandRef<'a>) {}
    /// Every word (command words, assignment values, redirect targets,
    /// here-document bodies, `for` items, `case` words, `[[ ]]` operands,
    /// arithmetic, array elements), before the scripts nested in it.
    fn word(&mut self, _word: &'a Word, _scope: Scope<'a>) {}
    /// Every command or process substitution, before its body is walked.
    fn substitution(&mut self, _substitution: Substitution<'a>, _scope: Scope<'a>) {}
}

/// Walks `list` and everything nested in it.
pub fn walk_list<'a, V: Visitor<'a> + ?Sized>(list: &'a List, scope: Scope<'a>, v: &mut V) {
    for (list_index, and_or) in list.items.iter().enumerate() {
        v.and_or(AndOrRef {
            and_or,
            list,
            list_index,
            scope,
        });
        for (and_or_index, pipeline) in and_or.pipelines.iter().enumerate() {
            v.pipeline(PipelineRef {
                pipeline,
                and_or,
                and_or_index,
                list,
                list_index,
                scope,
            });
            for (pipeline_index, command) in pipeline.commands.iter().enumerate() {
                let position = Position {
                    list,
                    list_index,
                    and_or,
                    and_or_index,
                    pipeline,
                    pipeline_index,
                };
                walk_command(command, position, scope, v);
            }
        }
    }
}

fn walk_command<'a, V: Visitor<'a> + ?Sized>(
    command: &'a Command,
    position: Position<'a>,
    scope: Scope<'a>,
    v: &mut V,
) {
    v.command(CommandRef {
        command,
        position,
        scope,
    });
    let inner = Scope {
        compound_depth: scope.compound_depth + 1,
        ..scope
    };
    let cond = Scope {
        in_condition: true,
        ..inner
    };
    let body = Scope {
        in_condition: false,
        ..inner
    };
    match command {
        Command::Simple(c) => {
            v.simple_command(SimpleCommandRef {
                command: c,
                position,
                scope,
            });
            for w in c.all_words() {
                walk_word(w, scope, Some(c), v);
            }
        }
        Command::Subshell(g) | Command::BraceGroup(g) => {
            walk_list(&g.body, body, v);
            walk_redirects(&g.redirects, scope, v);
        }
        Command::If(i) => {
            for b in &i.branches {
                walk_list(&b.condition, cond, v);
                walk_list(&b.body, body, v);
            }
            if let Some(e) = &i.else_body {
                walk_list(e, body, v);
            }
            walk_redirects(&i.redirects, scope, v);
        }
        Command::While(w) => {
            walk_list(
                &w.condition,
                Scope {
                    in_loop: true,
                    ..cond
                },
                v,
            );
            walk_list(
                &w.body,
                Scope {
                    in_loop: true,
                    ..body
                },
                v,
            );
            walk_redirects(&w.redirects, scope, v);
        }
        Command::For(f) => {
            walk_word(&f.variable, scope, None, v);
            for w in f.items.iter().flatten() {
                walk_word(w, scope, None, v);
            }
            walk_list(
                &f.body,
                Scope {
                    in_loop: true,
                    ..body
                },
                v,
            );
            walk_redirects(&f.redirects, scope, v);
        }
        Command::ArithFor(f) => {
            walk_word(&f.header, scope, None, v);
            walk_list(
                &f.body,
                Scope {
                    in_loop: true,
                    ..body
                },
                v,
            );
            walk_redirects(&f.redirects, scope, v);
        }
        Command::Case(k) => {
            walk_word(&k.subject, scope, None, v);
            for item in &k.items {
                for p in &item.patterns {
                    walk_word(p, scope, None, v);
                }
                walk_list(&item.body, body, v);
            }
            walk_redirects(&k.redirects, scope, v);
        }
        Command::Function(f) => {
            walk_word(&f.name, scope, None, v);
            let fscope = Scope {
                function: Some(f),
                in_condition: false,
                in_loop: false,
                ..scope
            };
            // The body is a single command; give it a synthetic position in
            // the function's own position (it is not part of any list).
            walk_command(&f.body, position, fscope, v);
        }
        Command::Test(t) => {
            for w in &t.words {
                walk_word(w, scope, None, v);
            }
            walk_redirects(&t.redirects, scope, v);
        }
        Command::Arith(a) => {
            walk_word(&a.expr, scope, None, v);
            walk_redirects(&a.redirects, scope, v);
        }
        Command::Unparsed(_) => {}
    }
}

fn walk_redirects<'a, V: Visitor<'a> + ?Sized>(rs: &'a [Redirect], scope: Scope<'a>, v: &mut V) {
    for r in rs {
        walk_word(r.word(), scope, None, v);
    }
}

/// Walks a word's parts and the scripts nested in them. `owner` is the simple
/// command the word belongs to, if any.
pub fn walk_word<'a, V: Visitor<'a> + ?Sized>(
    word: &'a Word,
    scope: Scope<'a>,
    owner: Option<&'a SimpleCommand>,
    v: &mut V,
) {
    v.word(word, scope);
    walk_parts(&word.parts, scope, owner, v);
}

fn walk_parts<'a, V: Visitor<'a> + ?Sized>(
    parts: &'a [WordPart],
    scope: Scope<'a>,
    owner: Option<&'a SimpleCommand>,
    v: &mut V,
) {
    for p in parts {
        let sub = match p {
            WordPart::DoubleQuoted(d) => {
                walk_parts(&d.parts, scope, owner, v);
                continue;
            }
            WordPart::Param(x) => {
                walk_parts(&x.parts, scope, owner, v);
                continue;
            }
            WordPart::Arith(a) => {
                walk_parts(&a.parts, scope, owner, v);
                continue;
            }
            WordPart::Array(a) => {
                for w in &a.elements {
                    walk_word(w, scope, owner, v);
                }
                continue;
            }
            WordPart::CommandSubst(c) => Substitution {
                kind: if c.backtick {
                    SubstitutionKind::Backtick
                } else {
                    SubstitutionKind::Command
                },
                span: c.span,
                body: &c.body,
            },
            WordPart::ProcessSubst(c) => Substitution {
                kind: if c.output {
                    SubstitutionKind::ProcessOut
                } else {
                    SubstitutionKind::ProcessIn
                },
                span: c.span,
                body: &c.body,
            },
            WordPart::Literal(_)
            | WordPart::Escaped(_)
            | WordPart::SingleQuoted(_)
            | WordPart::AnsiC(_) => continue,
        };
        v.substitution(sub, scope);
        let inner = Scope {
            substitution: Some(sub),
            substitution_owner: owner,
            substitution_depth: scope.substitution_depth + 1,
            compound_depth: 0,
            function: scope.function,
            in_condition: false,
            in_loop: false,
        };
        walk_list(sub.body, inner, v);
    }
}

#[derive(Default)]
struct Collect<'a> {
    commands: Vec<CommandRef<'a>>,
    simple: Vec<SimpleCommandRef<'a>>,
    pipelines: Vec<PipelineRef<'a>>,
    and_ors: Vec<AndOrRef<'a>>,
    substitutions: Vec<(Substitution<'a>, Scope<'a>)>,
    which: u8,
}

const C_COMMANDS: u8 = 1;
const C_SIMPLE: u8 = 2;
const C_PIPELINES: u8 = 4;
const C_AND_ORS: u8 = 8;
const C_SUBST: u8 = 16;

impl<'a> Visitor<'a> for Collect<'a> {
    fn and_or(&mut self, a: AndOrRef<'a>) {
        if self.which & C_AND_ORS != 0 {
            self.and_ors.push(a);
        }
    }
    fn pipeline(&mut self, p: PipelineRef<'a>) {
        if self.which & C_PIPELINES != 0 {
            self.pipelines.push(p);
        }
    }
    fn command(&mut self, c: CommandRef<'a>) {
        if self.which & C_COMMANDS != 0 {
            self.commands.push(c);
        }
    }
    fn simple_command(&mut self, c: SimpleCommandRef<'a>) {
        if self.which & C_SIMPLE != 0 {
            self.simple.push(c);
        }
    }
    fn substitution(&mut self, s: Substitution<'a>, scope: Scope<'a>) {
        if self.which & C_SUBST != 0 {
            self.substitutions.push((s, scope));
        }
    }
}

fn collect(list: &List, which: u8) -> Collect<'_> {
    let mut c = Collect {
        which,
        ..Collect::default()
    };
    walk_list(list, Scope::default(), &mut c);
    c
}

impl List {
    /// Walks this list with `v` (top-level scope).
    pub fn walk<'a>(&'a self, v: &mut impl Visitor<'a>) {
        walk_list(self, Scope::default(), v);
    }

    /// Every simple command anywhere in the list, in source order.
    #[must_use]
    pub fn simple_commands(&self) -> std::vec::IntoIter<SimpleCommandRef<'_>> {
        collect(self, C_SIMPLE).simple.into_iter()
    }

    /// Every command (simple or compound) anywhere in the list.
    #[must_use]
    pub fn commands(&self) -> std::vec::IntoIter<CommandRef<'_>> {
        collect(self, C_COMMANDS).commands.into_iter()
    }

    /// Every pipeline anywhere in the list (single commands are pipelines of
    /// one).
    #[must_use]
    pub fn pipelines(&self) -> std::vec::IntoIter<PipelineRef<'_>> {
        collect(self, C_PIPELINES).pipelines.into_iter()
    }

    /// Every and-or list anywhere in the list.
    #[must_use]
    pub fn and_or_lists(&self) -> std::vec::IntoIter<AndOrRef<'_>> {
        collect(self, C_AND_ORS).and_ors.into_iter()
    }

    /// Every command and process substitution anywhere in the list, nested
    /// ones included, with the scope they appear in.
    #[must_use]
    pub fn all_substitutions(&self) -> std::vec::IntoIter<(Substitution<'_>, Scope<'_>)> {
        collect(self, C_SUBST).substitutions.into_iter()
    }
}

impl Script {
    /// Walks the whole script with `v`.
    pub fn walk<'a>(&'a self, v: &mut impl Visitor<'a>) {
        self.body.walk(v);
    }

    /// Every simple command anywhere in the script — in lists, pipelines,
    /// compound commands, functions and command / process substitutions — in
    /// source order, with position and scope.
    #[must_use]
    pub fn simple_commands(&self) -> std::vec::IntoIter<SimpleCommandRef<'_>> {
        self.body.simple_commands()
    }

    /// Every command, simple or compound, anywhere in the script.
    #[must_use]
    pub fn commands(&self) -> std::vec::IntoIter<CommandRef<'_>> {
        self.body.commands()
    }

    /// Every pipeline anywhere in the script.
    #[must_use]
    pub fn pipelines(&self) -> std::vec::IntoIter<PipelineRef<'_>> {
        self.body.pipelines()
    }

    /// Every and-or list anywhere in the script.
    #[must_use]
    pub fn and_or_lists(&self) -> std::vec::IntoIter<AndOrRef<'_>> {
        self.body.and_or_lists()
    }

    /// Every command and process substitution anywhere in the script.
    #[must_use]
    pub fn all_substitutions(&self) -> std::vec::IntoIter<(Substitution<'_>, Scope<'_>)> {
        self.body.all_substitutions()
    }
}
