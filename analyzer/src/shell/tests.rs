//! Tests of the shell parser: structure (through a compact S-expression
//! rendering), exact spans, recovery, robustness and the real corpus.

use super::*;

// ---------------------------------------------------------------------------
// A compact rendering of the tree, for structural assertions.
// ---------------------------------------------------------------------------

fn sx(src: &str) -> String {
    let s = parse(src);
    let mut out = String::new();
    list(&s.body, src, &mut out);
    out
}

fn list(l: &List, src: &str, out: &mut String) {
    for (i, item) in l.items.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        for (j, p) in item.pipelines.iter().enumerate() {
            if j > 0 {
                out.push_str(match item.operators[j - 1].kind {
                    AndOrOp::And => " && ",
                    AndOrOp::Or => " || ",
                });
            }
            pipeline(p, src, out);
        }
        match item.terminator.map(|t| t.kind) {
            Some(TerminatorKind::Semicolon) => out.push(';'),
            Some(TerminatorKind::Background) => out.push('&'),
            Some(TerminatorKind::Newline) => out.push('⏎'),
            None => {}
        }
    }
}

fn pipeline(p: &Pipeline, src: &str, out: &mut String) {
    if p.bang.is_some() {
        out.push_str("! ");
    }
    for (i, c) in p.commands.iter().enumerate() {
        if i > 0 {
            out.push_str(if p.pipes[i - 1].stderr { " |& " } else { " | " });
        }
        command(c, src, out);
    }
}

fn redirects(rs: &[Redirect], src: &str, out: &mut String) {
    for r in rs {
        out.push(' ');
        if let Some(RedirectFd::Number(n)) = r.fd {
            out.push_str(&n.to_string());
        }
        out.push_str(&format!("{:?}", r.op));
        match &r.target {
            RedirectTarget::Word(w) => {
                out.push(':');
                word(w, src, out);
            }
            RedirectTarget::Heredoc(h) => {
                out.push(':');
                word(&h.delimiter, src, out);
                out.push_str(&format!("<<{:?}>>", h.body.text(src)));
            }
        }
    }
}

fn word(w: &Word, src: &str, out: &mut String) {
    out.push_str(w.text(src));
    let mut nested = Vec::new();
    for s in w.substitutions() {
        let mut inner = String::new();
        list(s.body, src, &mut inner);
        nested.push(inner);
    }
    if !nested.is_empty() {
        out.push_str(&format!("{{{}}}", nested.join("|")));
    }
}

fn words(ws: &[Word], src: &str, out: &mut String) {
    for (i, w) in ws.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        word(w, src, out);
    }
}

fn command(c: &Command, src: &str, out: &mut String) {
    match c {
        Command::Simple(s) => {
            out.push('[');
            let mut first = true;
            for a in &s.assignments {
                if !first {
                    out.push(' ');
                }
                first = false;
                out.push_str(a.name.slice(src));
                out.push_str(if a.append { "+=" } else { "=" });
                word(&a.value, src, out);
            }
            if !s.words.is_empty() && !first {
                out.push(' ');
            }
            words(&s.words, src, out);
            redirects(&s.redirects, src, out);
            out.push(']');
        }
        Command::Subshell(g) => {
            out.push_str("(sub ");
            list(&g.body, src, out);
            out.push(')');
            redirects(&g.redirects, src, out);
        }
        Command::BraceGroup(g) => {
            out.push_str("{ ");
            list(&g.body, src, out);
            out.push_str(" }");
            redirects(&g.redirects, src, out);
        }
        Command::If(i) => {
            for (n, b) in i.branches.iter().enumerate() {
                out.push_str(if n == 0 { "(if " } else { " elif " });
                list(&b.condition, src, out);
                out.push_str(" then ");
                list(&b.body, src, out);
            }
            if let Some(e) = &i.else_body {
                out.push_str(" else ");
                list(e, src, out);
            }
            out.push(')');
            redirects(&i.redirects, src, out);
        }
        Command::While(w) => {
            out.push_str(if w.until { "(until " } else { "(while " });
            list(&w.condition, src, out);
            out.push_str(" do ");
            list(&w.body, src, out);
            out.push(')');
            redirects(&w.redirects, src, out);
        }
        Command::For(f) => {
            out.push_str(if f.select { "(select " } else { "(for " });
            word(&f.variable, src, out);
            if let Some(items) = &f.items {
                out.push_str(" in ");
                words(items, src, out);
            }
            out.push_str(" do ");
            list(&f.body, src, out);
            out.push(')');
            redirects(&f.redirects, src, out);
        }
        Command::ArithFor(f) => {
            out.push_str("(for-arith ");
            out.push_str(f.header.text(src));
            out.push_str(" do ");
            list(&f.body, src, out);
            out.push(')');
        }
        Command::Case(k) => {
            out.push_str("(case ");
            word(&k.subject, src, out);
            for item in &k.items {
                out.push_str(" [");
                words(&item.patterns, src, out);
                out.push_str("] ");
                list(&item.body, src, out);
                if let Some(t) = item.terminator {
                    out.push_str(match t.kind {
                        CaseTerminatorKind::Break => ";;",
                        CaseTerminatorKind::FallThrough => ";&",
                        CaseTerminatorKind::Continue => ";;&",
                    });
                }
            }
            out.push(')');
        }
        Command::Function(f) => {
            out.push_str("(fn ");
            word(&f.name, src, out);
            out.push(' ');
            command(&f.body, src, out);
            out.push(')');
        }
        Command::Test(t) => {
            out.push_str("[[ ");
            words(&t.words, src, out);
            out.push_str(" ]]");
        }
        Command::Arith(a) => {
            out.push_str("((");
            out.push_str(a.expr.text(src));
            out.push_str("))");
        }
        Command::Unparsed(_) => out.push_str("<unparsed>"),
    }
}

fn errors(src: &str) -> Vec<String> {
    parse(src)
        .errors
        .iter()
        .map(|e| format!("{}@{:?}", e.message, e.span))
        .collect()
}

#[allow(dead_code)]
fn names(src: &str) -> Vec<String> {
    let s = parse(src);
    s.simple_commands()
        .map(|c| {
            c.name(src)
                .map_or_else(|| "?".to_owned(), |n| n.into_owned())
        })
        .collect()
}

#[test]
fn scratch() {
    for src in [
        "apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*",
        "curl -fsSL https://x/install.sh | sh",
        "bash <(curl -s url)",
        "sh -c \"$(wget -qO- url)\"",
        "if true; then apt-get install -y curl",
        "cat <<EOF > /x\nhello $USER\nEOF\necho done",
        "for x in a b; do echo $x; done",
        "case $x in a|b) echo a;; *) echo b;; esac",
        "f() { echo hi; }",
        "[[ -f x && $y =~ ^(a|b)$ ]] && echo ok",
        "(( i++ )) || true",
        "echo $(( 1 + 2 )) $( (echo a) )",
        "x=(1 2 3) declare -a y=(a b)",
        "{ echo a; echo b; } > out 2>&1",
        "while read l; do echo $l; done < file",
        "echo ${x:-$(curl -s u)} `ls`",
    ] {
        eprintln!("{src:?}\n  => {}\n  errors {:?}", sx(src), errors(src));
    }
}

// ---------------------------------------------------------------------------
// Corpus smoke test
// ---------------------------------------------------------------------------

fn corpus_files() -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new("/work/shared/corpus/real");
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n != "MANIFEST.tsv") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn corpus_smoke() {
    let files = corpus_files();
    if files.is_empty() {
        eprintln!("corpus not found; skipping");
        return;
    }
    let (mut runs, mut bytes, mut with_errors, mut total_errors) = (0usize, 0usize, 0usize, 0usize);
    let mut samples = Vec::new();
    for f in &files {
        if f.to_string_lossy().contains("windows") {
            continue;
        }
        let Ok(raw) = std::fs::read(f) else { continue };
        let text = String::from_utf8_lossy(&raw);
        for run in super::run_extract::run_texts(&text) {
            runs += 1;
            bytes += run.len();
            let s = parse(&run);
            check_spans(&s, &run);
            if !s.errors.is_empty() {
                with_errors += 1;
                total_errors += s.errors.len();
                for e in &s.errors {
                    samples.push(format!(
                        "{}: {} @{:?} near {:?}",
                        f.display(),
                        e.message,
                        e.span,
                        context(&run, e.span)
                    ));
                }
            }
        }
    }
    eprintln!(
        "corpus: {} files, {runs} RUN texts, {bytes} bytes, {with_errors} with errors, {total_errors} errors",
        files.len()
    );
    for s in samples.iter().take(200) {
        eprintln!("  {s}");
    }
}

fn context(src: &str, r: TextRange) -> String {
    let mut s = r.start().saturating_sub(40);
    while !src.is_char_boundary(s) {
        s -= 1;
    }
    let mut e = (r.end() + 40).min(src.len());
    while !src.is_char_boundary(e) {
        e += 1;
    }
    src[s..e].to_owned()
}

/// Every span printed in the tree's Debug output is in bounds and on char
/// boundaries (the Debug rendering reaches every span, whatever the walker
/// code does).
fn check_spans(s: &Script, src: &str) {
    let dbg = format!("{s:?}");
    let b = dbg.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            let s0 = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if dbg[i..].starts_with("..") {
                let s1 = i + 2;
                let mut j = s1;
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
                if j > s1 {
                    let a: usize = dbg[s0..i].parse().unwrap();
                    let z: usize = dbg[s1..j].parse().unwrap();
                    let r = TextRange::new(a.min(z), z);
                    assert!(a <= z, "inverted span {a}..{z} in {src:?}");
                    assert!(span_ok(src, r), "bad span {a}..{z} in {src:?}");
                    i = j;
                }
            }
        } else {
            i += 1;
        }
    }
}
