//! The one post-pass over a fresh tree: moves here-document bodies (read when
//! the parser met the newline after their command line, by which time the
//! redirect node was already built) into their redirects, and maps every span
//! from the joined text back to the original. It runs only when the text had a
//! line continuation or a here-document.

use super::ast::*;
use super::join::{Cursor, Joined};
use super::parser::HeredocBody;
use crate::text::TextRange;

pub(crate) struct Fixup<'a, 'j> {
    pub joined: &'a Joined<'j>,
    pub heredocs: Vec<Option<HeredocBody>>,
    pub cursor: Cursor,
}

impl Fixup<'_, '_> {
    #[inline]
    fn span(&mut self, r: &mut TextRange) {
        if !self.joined.is_identity() {
            *r = self.joined.map(*r, &mut self.cursor);
        }
    }

    pub(crate) fn script(&mut self, s: &mut Script) {
        self.list(&mut s.body);
        for e in &mut s.errors {
            self.span(&mut e.span);
        }
        for c in &mut s.comments {
            self.span(c);
        }
    }

    fn list(&mut self, l: &mut List) {
        self.span(&mut l.span);
        for item in &mut l.items {
            self.span(&mut item.span);
            for op in &mut item.operators {
                self.span(&mut op.span);
            }
            if let Some(t) = &mut item.terminator {
                self.span(&mut t.span);
            }
            for p in &mut item.pipelines {
                self.span(&mut p.span);
                if let Some(b) = &mut p.bang {
                    self.span(b);
                }
                for pipe in &mut p.pipes {
                    self.span(&mut pipe.span);
                }
                for c in &mut p.commands {
                    self.command(c);
                }
            }
        }
    }

    fn redirects(&mut self, rs: &mut [Redirect]) {
        for r in rs {
            self.span(&mut r.span);
            if let Some(RedirectFd::Var(v)) = &mut r.fd {
                self.span(v);
            }
            match &mut r.target {
                RedirectTarget::Word(w) => self.word(w),
                RedirectTarget::Heredoc(h) => {
                    if let Some(slot) = self.heredocs.get_mut(h.id as usize)
                        && let Some(body) = slot.take()
                    {
                        h.body = body.body;
                        h.end_marker = body.end_marker;
                    }
                    self.word(&mut h.delimiter);
                    self.word(&mut h.body);
                    if let Some(m) = &mut h.end_marker {
                        self.span(m);
                    }
                }
            }
        }
    }

    fn words(&mut self, ws: &mut [Word]) {
        for w in ws {
            self.word(w);
        }
    }

    fn command(&mut self, c: &mut Command) {
        match c {
            Command::Simple(s) => {
                self.span(&mut s.span);
                for a in &mut s.assignments {
                    self.span(&mut a.span);
                    self.span(&mut a.name);
                    if let Some(sub) = &mut a.subscript {
                        self.span(sub);
                    }
                    self.word(&mut a.value);
                }
                self.words(&mut s.words);
                self.redirects(&mut s.redirects);
            }
            Command::Subshell(g) | Command::BraceGroup(g) => {
                self.span(&mut g.span);
                self.list(&mut g.body);
                self.redirects(&mut g.redirects);
            }
            Command::If(i) => {
                self.span(&mut i.span);
                for b in &mut i.branches {
                    self.span(&mut b.keyword);
                    self.list(&mut b.condition);
                    self.list(&mut b.body);
                }
                if let Some(e) = &mut i.else_body {
                    self.list(e);
                }
                self.redirects(&mut i.redirects);
            }
            Command::While(w) => {
                self.span(&mut w.span);
                self.list(&mut w.condition);
                self.list(&mut w.body);
                self.redirects(&mut w.redirects);
            }
            Command::For(f) => {
                self.span(&mut f.span);
                self.word(&mut f.variable);
                if let Some(items) = &mut f.items {
                    self.words(items);
                }
                self.list(&mut f.body);
                self.redirects(&mut f.redirects);
            }
            Command::ArithFor(f) => {
                self.span(&mut f.span);
                self.word(&mut f.header);
                self.list(&mut f.body);
                self.redirects(&mut f.redirects);
            }
            Command::Case(k) => {
                self.span(&mut k.span);
                self.word(&mut k.subject);
                for item in &mut k.items {
                    self.span(&mut item.span);
                    self.words(&mut item.patterns);
                    self.list(&mut item.body);
                    if let Some(t) = &mut item.terminator {
                        self.span(&mut t.span);
                    }
                }
                self.redirects(&mut k.redirects);
            }
            Command::Function(f) => {
                self.span(&mut f.span);
                self.word(&mut f.name);
                self.command(&mut f.body);
            }
            Command::Test(t) => {
                self.span(&mut t.span);
                self.words(&mut t.words);
                self.redirects(&mut t.redirects);
            }
            Command::Arith(a) => {
                self.span(&mut a.span);
                self.word(&mut a.expr);
                self.redirects(&mut a.redirects);
            }
            Command::Unparsed(r) => self.span(r),
        }
    }

    fn word(&mut self, w: &mut Word) {
        // A plain word's one literal part has the word's span: map it once.
        if let [WordPart::Literal(r)] = &mut *w.parts
            && *r == w.span
        {
            self.span(&mut w.span);
            *r = w.span;
            return;
        }
        self.span(&mut w.span);
        self.parts(&mut w.parts);
    }

    fn parts(&mut self, parts: &mut [WordPart]) {
        for p in parts {
            match p {
                WordPart::Literal(s)
                | WordPart::Escaped(s)
                | WordPart::SingleQuoted(s)
                | WordPart::AnsiC(s) => self.span(s),
                WordPart::DoubleQuoted(d) => {
                    self.span(&mut d.span);
                    self.parts(&mut d.parts);
                }
                WordPart::Param(x) => {
                    self.span(&mut x.span);
                    self.span(&mut x.name);
                    self.parts(&mut x.parts);
                }
                WordPart::CommandSubst(c) => {
                    self.span(&mut c.span);
                    self.list(&mut c.body);
                }
                WordPart::ProcessSubst(c) => {
                    self.span(&mut c.span);
                    self.list(&mut c.body);
                }
                WordPart::Arith(a) => {
                    self.span(&mut a.span);
                    self.parts(&mut a.parts);
                }
                WordPart::Array(a) => {
                    self.span(&mut a.span);
                    self.words(&mut a.elements);
                }
            }
        }
    }
}
