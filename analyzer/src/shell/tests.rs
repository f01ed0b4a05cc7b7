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

/// Source text of a span, with line continuations removed (so renderings of
/// a text with and without continuations compare equal).
fn t(r: TextRange, src: &str) -> String {
    strip_continuations(r.slice(src)).into_owned()
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
                out.push_str(&format!("<<{:?}>>", t(h.body.span, src)));
            }
        }
    }
}

fn word(w: &Word, src: &str, out: &mut String) {
    out.push_str(&t(w.span, src));
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
                out.push_str(&t(a.name, src));
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
            out.push_str(&t(f.header.span, src));
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
            out.push_str(&t(a.expr.span, src));
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

fn names(src: &str) -> Vec<String> {
    let s = parse(src);
    s.simple_commands()
        .map(|c| {
            c.name(src)
                .map_or_else(|| "?".to_owned(), |n| n.into_owned())
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Corpus smoke test
// ---------------------------------------------------------------------------

#[path = "../../tests/support/mod.rs"]
mod support;

#[test]
fn corpus_smoke() {
    let files = support::real_files();
    if files.is_empty() {
        eprintln!("corpus not found; skipping");
        return;
    }
    let (mut runs, mut bytes, mut with_errors, mut total_errors) = (0usize, 0usize, 0usize, 0usize);
    let (mut simple, mut in_subst, mut in_place) = (0usize, 0usize, 0usize);
    let mut by_name = std::collections::HashMap::new();
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
            if super::join::continuations_parse_in_place(&run) {
                in_place += 1;
            }
            for c in s.simple_commands() {
                simple += 1;
                if c.scope.in_substitution() {
                    in_subst += 1;
                }
                if let Some(n) = c.name(&run) {
                    *by_name.entry(n.into_owned()).or_insert(0usize) += 1;
                }
            }
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
    let mut top: Vec<_> = by_name.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    eprintln!(
        "  {simple} simple commands ({in_subst} inside substitutions); {in_place} texts parsed in place; most common: {:?}",
        &top[..top.len().min(12)]
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

// ---------------------------------------------------------------------------
// Robustness: deep nesting, pathological sizes
// ---------------------------------------------------------------------------

/// Parses (and walks, and drops) `src` on a thread with a 2 MiB stack.
fn parse_on_small_stack(src: String) -> (usize, usize) {
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || {
            let s = parse(&src);
            check_spans(&s, &src);
            let n = s.simple_commands().count();
            let _ = s.pipelines().count();
            let _ = super::bashisms::find(&s, &src, super::Dialect::Sh).len();
            let _ = super::lexical::find(&s, &src).len();
            let _ = format!("{s:?}").len();
            (n, s.errors.len())
        })
        .unwrap()
        .join()
        .unwrap()
}

const DEEP: usize = 20_000;

/// The stack the deep-nesting tests run on (2 MiB unless overridden, to
/// measure the margin).
const STACK: usize = 2 << 20;

#[test]
fn deep_command_substitution() {
    let src = format!("{}echo hi{}", "echo $(".repeat(DEEP), ")".repeat(DEEP));
    let (n, errs) = parse_on_small_stack(src);
    assert!(n >= 60, "{n}");
    assert!(errs >= 1);
}

#[test]
fn deep_unclosed_substitutions_and_quotes() {
    parse_on_small_stack("$(".repeat(DEEP));
    parse_on_small_stack("\"$(".repeat(DEEP));
    parse_on_small_stack("$((".repeat(DEEP));
    parse_on_small_stack("`$(".repeat(DEEP));
    parse_on_small_stack("<(".repeat(DEEP));
    parse_on_small_stack("a=(".repeat(DEEP));
    parse_on_small_stack("f() ".repeat(DEEP));
    parse_on_small_stack("function f ".repeat(DEEP));
    parse_on_small_stack("! ".repeat(DEEP));
    parse_on_small_stack("case x in a) ".repeat(DEEP));
    parse_on_small_stack("{ ".repeat(DEEP));
    parse_on_small_stack("while ".repeat(DEEP));
    parse_on_small_stack("for x in y; do ".repeat(DEEP));
    parse_on_small_stack("[[ $(".repeat(DEEP));
    parse_on_small_stack("((".repeat(DEEP));
    parse_on_small_stack("x <<E $(\n".repeat(DEEP));
}

#[test]
fn deep_subshells() {
    // `((((…))))` is arithmetic to bash (and to us).
    let src = format!("{}echo hi{}", "(".repeat(DEEP), ")".repeat(DEEP));
    parse_on_small_stack(src);
    let src = format!("{}echo hi{}", "( ".repeat(DEEP), " )".repeat(DEEP));
    let (n, errs) = parse_on_small_stack(src);
    assert_eq!((n, errs), (0, 1));
}

#[test]
fn deep_braced_params() {
    let src = format!("echo {}x{}", "${a:-".repeat(DEEP), "}".repeat(DEEP));
    let (_, errs) = parse_on_small_stack(src);
    assert!(errs >= 1);
}

#[test]
fn deep_ifs() {
    let src = format!(
        "{}echo hi{}",
        "if true; then ".repeat(DEEP),
        "; fi".repeat(DEEP)
    );
    let (n, errs) = parse_on_small_stack(src);
    assert!(n >= 60);
    assert_eq!(errs, 1);
    // Unclosed, and without separators.
    parse_on_small_stack("if ".repeat(DEEP));
    parse_on_small_stack("if true; then ".repeat(DEEP));
}

#[test]
fn deep_mixed() {
    let unit = "if $( { ( \"${x:-`";
    parse_on_small_stack(unit.repeat(DEEP / 4));
    let src = format!("{}{}", "echo \"$(".repeat(DEEP), "\")".repeat(DEEP));
    parse_on_small_stack(src);
}

/// Pathological sizes must parse in near-linear time. Generous limits (debug
/// build, shared machine); quadratic behaviour would blow them by far.
#[test]
fn pathological_inputs_are_fast() {
    let cases: Vec<(&str, String)> = vec![
        (
            "5 MB one line",
            "apt-get install -y foo && ".repeat(200_000),
        ),
        (
            "200k lines",
            "echo \"$HOME\" | grep -q x || true\n".repeat(200_000),
        ),
        (
            "continuations",
            "curl -fsSL url \\\n  | tar -xz \\\n  && ".repeat(100_000),
        ),
        ("unclosed $((", "$((".repeat(1_000_000)),
        ("unclosed ((", "((".repeat(1_000_000)),
        ("unclosed (", "(".repeat(2_000_000)),
        ("unclosed $(", "$(".repeat(1_000_000)),
        ("unclosed quotes", "\"'".repeat(1_000_000)),
        ("extglob", "a@(".repeat(1_000_000)),
        ("heredocs", "cat <<E\n".repeat(200_000)),
        ("many heredocs one line", "cat <<E ".repeat(200_000)),
        ("backslashes", "\\".repeat(3_000_000)),
        (
            "blank continuation lines",
            format!("a \\\n{}b", "   \n".repeat(500_000)),
        ),
        ("case", "case x in a) b;; ".repeat(200_000)),
        ("braces", "echo {a,{b}{".repeat(300_000)),
        (
            "bashisms",
            "[[ $RANDOM == 1 ]] && source f; UID=1 echo ${x/a/b} &> f; ".repeat(50_000),
        ),
        (
            "100k-word command",
            format!("echo {}", "w\\t{x} ".repeat(100_000)),
        ),
        (
            "keywords",
            "if then elif else fi do done esac } ) ;; ".repeat(100_000),
        ),
        (
            "arith nest",
            format!("{}1{}", "$((".repeat(100_000), "))".repeat(100_000)),
        ),
    ];
    for (name, src) in cases {
        // Debug builds are ~20x slower: test a fifth of the size there.
        let src = if cfg!(debug_assertions) {
            let mut cut = src.len() / 5;
            while !src.is_char_boundary(cut) {
                cut -= 1;
            }
            src[..cut].to_owned()
        } else {
            src
        };
        let t = std::time::Instant::now();
        let s = parse(&src);
        // The walks of the shell rules over the tree stay linear too.
        let _ = super::bashisms::find(&s, &src, super::Dialect::Sh).len();
        let _ = super::lexical::find(&s, &src).len();
        let el = t.elapsed();
        eprintln!(
            "{name}: {} bytes in {el:?} ({} errors)",
            src.len(),
            s.errors.len()
        );
        assert!(el.as_secs_f64() < 20.0, "{name} took {el:?}");
    }
}

#[test]
#[ignore = "debugging helper"]
fn dump() {
    let src = std::env::var("DUMP_SRC")
        .unwrap_or_default()
        .replace("\\n", "\n");
    eprintln!("{src:?}\n{}\n{:#?}", sx(&src), parse(&src));
}

#[test]
#[ignore = "profiling helper"]
fn profile_case() {
    let src = std::env::var("PROFILE_SRC")
        .map(|s| s.replace("\\n", "\n"))
        .unwrap_or_else(|_| "echo \"$HOME\" | grep -q x || true\n".to_owned())
        .repeat(std::env::var("PROFILE_N").map_or(200_000, |n| n.parse().unwrap()));
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let s = parse(&src);
        eprintln!("{:?} {}", t.elapsed(), s.body.items.len());
    }
}

// ---------------------------------------------------------------------------
// Helpers for exact assertions
// ---------------------------------------------------------------------------

fn rg(a: u32, b: u32) -> TextRange {
    TextRange { start: a, end: b }
}

/// `(text, span)` of each word of each simple command, in walk order.
fn cmd_words(src: &str) -> Vec<Vec<(String, TextRange)>> {
    parse(src)
        .simple_commands()
        .map(|c| {
            c.command
                .words
                .iter()
                .map(|w| (w.text(src).to_owned(), w.span))
                .collect()
        })
        .collect()
}

fn lit(w: &Word, src: &str) -> Option<String> {
    w.literal(src).map(std::borrow::Cow::into_owned)
}

fn first_simple(s: &Script) -> &SimpleCommand {
    s.simple_commands()
        .next()
        .expect("a simple command")
        .command
}

// ---------------------------------------------------------------------------
// Simple commands, lists, pipelines
// ---------------------------------------------------------------------------

#[test]
fn apt_chain_spans() {
    let src = "apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*";
    let s = parse(src);
    assert!(s.errors.is_empty());
    assert_eq!(s.body.items.len(), 1);
    let and_or = &s.body.items[0];
    assert_eq!(and_or.pipelines.len(), 3);
    assert_eq!(
        and_or
            .operators
            .iter()
            .map(|o| (o.kind, o.span))
            .collect::<Vec<_>>(),
        vec![(AndOrOp::And, rg(15, 17)), (AndOrOp::And, rg(66, 68))]
    );
    let cmds = cmd_words(src);
    assert_eq!(
        cmds[0],
        vec![("apt-get".into(), rg(0, 7)), ("update".into(), rg(8, 14))]
    );
    assert_eq!(
        cmds[1],
        vec![
            ("apt-get".into(), rg(18, 25)),
            ("install".into(), rg(26, 33)),
            ("-y".into(), rg(34, 36)),
            ("--no-install-recommends".into(), rg(37, 60)),
            ("curl".into(), rg(61, 65)),
        ]
    );
    assert_eq!(
        cmds[2],
        vec![
            ("rm".into(), rg(69, 71)),
            ("-rf".into(), rg(72, 75)),
            ("/var/lib/apt/lists/*".into(), rg(76, 96)),
        ]
    );
    let all: Vec<_> = s.simple_commands().collect();
    assert_eq!(all[1].command.span, rg(18, 65));
    assert_eq!(all[1].name(src).as_deref(), Some("apt-get"));
    assert_eq!(
        all[1]
            .command
            .arg_literals(src)
            .map(Option::unwrap)
            .collect::<Vec<_>>(),
        ["install", "-y", "--no-install-recommends", "curl"]
    );
    assert_eq!(all[1].position.and_or_index, 1);
    assert_eq!(all[1].position.op_before(), Some(AndOrOp::And));
    assert_eq!(all[1].position.op_after(), Some(AndOrOp::And));
    assert_eq!(all[2].position.op_after(), None);
    assert_eq!(and_or.span, rg(0, 96));
    assert_eq!(s.body.span, rg(0, 96));
}

#[test]
fn curl_pipe_sh() {
    let src = "curl -fsSL https://x/install.sh | sh";
    let s = parse(src);
    assert!(s.errors.is_empty());
    let cmds: Vec<_> = s.simple_commands().collect();
    assert_eq!(cmds.len(), 2);
    let curl = &cmds[0];
    assert_eq!(curl.name(src).as_deref(), Some("curl"));
    assert_eq!(curl.command.span, rg(0, 31));
    let next = curl
        .position
        .next_in_pipeline()
        .unwrap()
        .as_simple()
        .unwrap();
    assert_eq!(next.name(src).as_deref(), Some("sh"));
    assert_eq!(next.span, rg(34, 36));
    assert_eq!(cmds[1].position.pipeline_index, 1);
    assert!(cmds[1].position.prev_in_pipeline().is_some());
    let p = &s.body.items[0].pipelines[0];
    assert_eq!(
        p.pipes,
        vec![Pipe {
            span: rg(32, 33),
            stderr: false
        }]
    );
    assert_eq!(p.span, rg(0, 36));
    assert_eq!(s.pipelines().filter(|p| p.pipeline.is_piped()).count(), 1);
}

#[test]
fn process_substitution_is_visible() {
    let src = "bash <(curl -s url)";
    let s = parse(src);
    assert!(s.errors.is_empty());
    let bash = first_simple(&s);
    assert_eq!(bash.words[1].span, rg(5, 19));
    let subs: Vec<_> = bash.substitutions().collect();
    assert_eq!(subs.len(), 1);
    assert_eq!(subs[0].kind, SubstitutionKind::ProcessIn);
    assert_eq!(subs[0].span, rg(5, 19));
    let cmds: Vec<_> = s.simple_commands().collect();
    assert_eq!(cmds.len(), 2);
    let curl = &cmds[1];
    assert_eq!(curl.name(src).as_deref(), Some("curl"));
    assert_eq!(curl.command.words[0].span, rg(7, 11));
    assert_eq!(
        curl.scope.substitution.unwrap().kind,
        SubstitutionKind::ProcessIn
    );
    assert_eq!(curl.scope.substitution_depth, 1);
    let owner = curl.scope.substitution_owner.unwrap();
    assert_eq!(owner.name(src).as_deref(), Some("bash"));
    assert!(!cmds[0].scope.in_substitution());
    assert!(bash.words[1].literal(src).is_none());
}

#[test]
fn command_substitution_in_double_quotes() {
    let src = "sh -c \"$(wget -qO- url)\"";
    let s = parse(src);
    assert!(s.errors.is_empty());
    let sh = first_simple(&s);
    assert_eq!(sh.words.len(), 3);
    let arg = &sh.words[2];
    assert_eq!(arg.span, rg(6, 24));
    let WordPart::DoubleQuoted(dq) = &arg.parts[0] else {
        panic!("{arg:?}")
    };
    assert_eq!(dq.span, rg(6, 24));
    let WordPart::CommandSubst(cs) = &dq.parts[0] else {
        panic!("{dq:?}")
    };
    assert_eq!(cs.span, rg(7, 23));
    assert!(!cs.backtick);
    let wget = s.simple_commands().nth(1).unwrap();
    assert_eq!(wget.name(src).as_deref(), Some("wget"));
    assert_eq!(wget.command.span, rg(9, 22));
    assert_eq!(
        wget.scope.substitution.unwrap().kind,
        SubstitutionKind::Command
    );
    assert_eq!(
        wget.scope.substitution_owner.unwrap().name(src).as_deref(),
        Some("sh")
    );
    assert!(arg.has_substitution());
}

#[test]
fn lists_and_terminators() {
    let src = "a; b & c\nd";
    let s = parse(src);
    let kinds: Vec<_> = s
        .body
        .items
        .iter()
        .map(|i| i.terminator.map(|t| (t.kind, t.span)))
        .collect();
    assert_eq!(
        kinds,
        vec![
            Some((TerminatorKind::Semicolon, rg(1, 2))),
            Some((TerminatorKind::Background, rg(5, 6))),
            Some((TerminatorKind::Newline, rg(8, 9))),
            None,
        ]
    );
    assert!(s.body.items[1].is_background());
    assert_eq!(sx("a || b && ! c |& d"), "[a] || [b] && ! [c] |& [d]");
    assert_eq!(sx("a &&\n\n  b ||\n c |\n d"), "[a] && [b] || [c] | [d]");
    assert_eq!(sx("# only a comment\n\n"), "");
    assert_eq!(sx(""), "");
}

#[test]
fn assignments() {
    let src = "A=1 B+=\"x y\" C= D[2]=v E=(a \"b c\" $(d)) env";
    let s = parse(src);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    let c = first_simple(&s);
    let names: Vec<_> = c.assignments.iter().map(|a| a.name.slice(src)).collect();
    assert_eq!(names, ["A", "B", "C", "D", "E"]);
    assert!(c.assignments[1].append);
    assert_eq!(lit(&c.assignments[1].value, src).as_deref(), Some("x y"));
    assert_eq!(c.assignments[2].value.span, rg(15, 15));
    assert_eq!(lit(&c.assignments[2].value, src).as_deref(), Some(""));
    assert_eq!(
        c.assignments[3].subscript.map(|r| r.slice(src)),
        Some("[2]")
    );
    let WordPart::Array(arr) = &c.assignments[4].value.parts[0] else {
        panic!()
    };
    assert_eq!(arr.elements.len(), 3);
    assert_eq!(arr.span.slice(src), "(a \"b c\" $(d))");
    assert_eq!(c.name(src).as_deref(), Some("env"));
    // The command inside the array element is visible.
    assert_eq!(names_of(src), ["env", "d"]);
    // After the command name, NAME=value is an argument.
    assert_eq!(sx("env A=1 B=(x) cmd"), "[env A=1 B=(x) cmd]");
    assert_eq!(sx("A=1"), "[A=1]");
    assert_eq!(sx("declare -a arr=(1 2)"), "[declare -a arr=(1 2)]");
}

fn names_of(src: &str) -> Vec<String> {
    names(src)
}

#[test]
fn redirections() {
    let src = "cmd <in >out 2>&1 >>log 2>/dev/null &>all &>>all2 <>rw >|clob 3<&0 {fd}>x <<<\"$s\"";
    let s = parse(src);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    let c = first_simple(&s);
    let ops: Vec<_> = c
        .redirects
        .iter()
        .map(|r| (r.fd, r.op, r.word().text(src)))
        .collect();
    assert_eq!(
        ops,
        vec![
            (None, RedirectOp::Read, "in"),
            (None, RedirectOp::Write, "out"),
            (Some(RedirectFd::Number(2)), RedirectOp::DupWrite, "1"),
            (None, RedirectOp::Append, "log"),
            (Some(RedirectFd::Number(2)), RedirectOp::Write, "/dev/null"),
            (None, RedirectOp::WriteAll, "all"),
            (None, RedirectOp::AppendAll, "all2"),
            (None, RedirectOp::ReadWrite, "rw"),
            (None, RedirectOp::Clobber, "clob"),
            (Some(RedirectFd::Number(3)), RedirectOp::DupRead, "0"),
            (Some(RedirectFd::Var(rg(68, 70))), RedirectOp::Write, "x"),
            (None, RedirectOp::HereString, "\"$s\""),
        ]
    );
    assert_eq!(c.redirects[2].span, rg(13, 17));
    assert_eq!(c.words.len(), 1);
    // Redirections may come first, and between words.
    assert_eq!(sx(">f echo a 2>&1 b"), "[echo a b Write:f 2DupWrite:1]");
    // A redirection without a target is an error.
    assert_eq!(errors("echo >"), ["missing redirection target@5..6"]);
    // Digits not followed by < or > are a word.
    assert_eq!(sx("echo 2 > x"), "[echo 2 Write:x]");
}

#[test]
fn heredoc_in_script() {
    let src = "cat <<EOF > /etc/x\nline $HOME\n  two\nEOF\necho done";
    let s = parse(src);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    let cmds: Vec<_> = s.simple_commands().collect();
    assert_eq!(cmds.len(), 2);
    let cat = cmds[0].command;
    let h = cat.redirects[0].heredoc().unwrap();
    assert_eq!(h.delimiter.span, rg(6, 9));
    assert!(!h.quoted && !h.strip_tabs);
    assert_eq!(h.body.span, rg(19, 36));
    assert_eq!(h.body.text(src), "line $HOME\n  two\n");
    assert_eq!(h.end_marker, Some(rg(36, 39)));
    assert!(h.body.parts.iter().any(|p| matches!(p, WordPart::Param(_))));
    assert_eq!(cat.redirects[1].op, RedirectOp::Write);
    assert_eq!(cmds[1].name(src).as_deref(), Some("echo"));
    assert_eq!(cmds[1].command.span, rg(40, 49));
}

#[test]
fn heredoc_variants() {
    // Quoted delimiter: body is literal, substitutions are not parsed.
    let src = "cat <<'E' | sh\n$(curl x)\nE\n";
    let s = parse(src);
    let h = first_simple(&s).redirects[0].heredoc().unwrap();
    assert!(h.quoted);
    assert_eq!(h.body.parts.len(), 1);
    assert_eq!(names(src), ["cat", "sh"]);
    // Unquoted: the substitution in the body is a command.
    assert_eq!(names("cat <<E\n$(curl x)\nE"), ["cat", "curl"]);
    // <<- strips tabs before the end marker.
    let src = "cat <<-E\n\tbody\n\tE\necho after";
    let s = parse(src);
    assert!(s.errors.is_empty());
    let h = first_simple(&s).redirects[0].heredoc().unwrap();
    assert!(h.strip_tabs);
    assert_eq!(h.end_marker.map(|r| r.slice(src)), Some("E"));
    assert_eq!(names(src), ["cat", "echo"]);
    // Two on one line, bodies in order.
    let src = "paste <<A <<\"B\"\na1\nA\nb1\nB\nnext";
    let s = parse(src);
    let bodies: Vec<_> = first_simple(&s)
        .redirects
        .iter()
        .map(|r| r.heredoc().unwrap().body.text(src))
        .collect();
    assert_eq!(bodies, ["a1\n", "b1\n"]);
    assert_eq!(names(src), ["paste", "next"]);
    // Commands after the operator on the same line still parse.
    assert_eq!(
        sx("cat <<E | grep x && echo y\nbody\nE\n"),
        "[cat Heredoc:E<<\"body\\n\">>] | [grep x] && [echo y]⏎"
    );
    // Unterminated: the body runs to the end.
    assert_eq!(
        errors("cat <<E\nno end"),
        ["here-document `E` is not terminated@4..7"]
    );
    assert_eq!(errors("cat <<E"), ["here-document `E` has no body@4..7"]);
    // Inside a command substitution.
    assert_eq!(
        names("x=$(cat <<E\nbody\nE\n)\necho $x"),
        ["?", "cat", "echo"]
    );
    // Here-string is not a heredoc.
    assert_eq!(sx("cat <<<word x"), "[cat x HereString:word]");
}

#[test]
fn continuation_inside_word() {
    let src = "apt-get ins\\\ntall -y \\\n  curl";
    let s = parse(src);
    assert!(s.errors.is_empty());
    let c = first_simple(&s);
    assert_eq!(c.words[1].span, rg(8, 17));
    assert_eq!(lit(&c.words[1], src).as_deref(), Some("install"));
    assert_eq!(c.words[2].span, rg(18, 20));
    assert_eq!(c.words[3].span, rg(25, 29));
    assert_eq!(lit(&c.words[3], src).as_deref(), Some("curl"));
    assert!(matches!(
        c.words[3].literal(src),
        Some(std::borrow::Cow::Borrowed(_))
    ));
    // Operators split by a continuation are still operators (Docker joins
    // first), and a continuation between words is just a separator.
    assert_eq!(sx("a &\\\n& b"), "[a] && [b]");
    assert_eq!(sx("echo \"a\\\nb\" 'c\\\nd'"), "[echo \"ab\" 'cd']");
    let src = "echo \"a\\\nb\" 'c\\\nd'";
    let c = parse(src);
    let w: Vec<_> = first_simple(&c)
        .args()
        .iter()
        .map(|w| lit(w, src).unwrap())
        .collect();
    assert_eq!(w, ["ab", "cd"]);
}

#[test]
fn word_spans_stop_before_continuations() {
    let src = "curl -fsSL url\\\n  | sh\\\n  && echo ok";
    let s = parse(src);
    assert!(s.errors.is_empty());
    let spans: Vec<_> = s.simple_commands().map(|c| c.command.span).collect();
    assert_eq!(spans, vec![rg(0, 14), rg(20, 22), rg(29, 36)]);
    assert_eq!(
        parse_joined(src)
            .simple_commands()
            .map(|c| c.command.span)
            .collect::<Vec<_>>(),
        spans
    );
}

#[test]
fn dockerfile_view_of_continued_lines() {
    // Comment lines inside a continuation arrive blanked; Docker drops them
    // (and empty lines), so `procps` is still an argument of apt-get.
    let src = "apt-get install -y \\\n\t\tsubversion \\\n\t\t\\\n                                          \n\t\tprocps \\\n\t; \\\n\trm -rf /x";
    let s = parse(src);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    let cmds = cmd_words(src);
    assert_eq!(cmds.len(), 2);
    let args: Vec<_> = cmds[0].iter().map(|w| w.0.trim().to_owned()).collect();
    assert_eq!(args, ["apt-get", "install", "-y", "subversion", "procps"]);
    // Trailing blanks after the backslash still continue the line.
    assert_eq!(names("a \\  \n&& b"), ["a", "b"]);
    // A comment swallows what Docker joined onto its line.
    let src = "echo a # note \\\n && echo b";
    let s = parse(src);
    assert_eq!(names(src), ["echo"]);
    assert_eq!(s.comments, vec![rg(7, 26)]);
}

#[test]
fn words_and_quotes() {
    let src = r#"echo 'a b' "c $d ${e:-f}" g\ h $'i\tj' $"k" ~/l *.m {n,o} "p"'q'r"#;
    let s = parse(src);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    let c = first_simple(&s);
    let texts: Vec<_> = c.words.iter().map(|w| w.text(src)).collect();
    assert_eq!(
        texts,
        [
            "echo",
            "'a b'",
            "\"c $d ${e:-f}\"",
            "g\\ h",
            "$'i\\tj'",
            "$\"k\"",
            "~/l",
            "*.m",
            "{n,o}",
            "\"p\"'q'r"
        ]
    );
    let lits: Vec<_> = c.words.iter().map(|w| lit(w, src)).collect();
    assert_eq!(lits[1].as_deref(), Some("a b"));
    assert_eq!(lits[2], None);
    assert_eq!(lits[3].as_deref(), Some("g h"));
    assert_eq!(lits[4].as_deref(), Some("i\tj"));
    assert_eq!(lits[9].as_deref(), Some("pqr"));
    assert!(matches!(
        c.words[1].literal(src),
        Some(std::borrow::Cow::Borrowed("a b"))
    ));
    let WordPart::DoubleQuoted(dq) = &c.words[2].parts[0] else {
        panic!()
    };
    let kinds: Vec<_> = dq
        .parts
        .iter()
        .map(|p| match p {
            WordPart::Literal(r) => format!("lit {}", r.slice(src)),
            WordPart::Param(p) => format!(
                "param {} braced={} rest={:?}",
                p.name.slice(src),
                p.braced,
                p.parts
                    .iter()
                    .map(|x| crate::shell::parser::part_span(x).slice(src))
                    .collect::<Vec<_>>()
            ),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "lit c ",
            "param d braced=false rest=[]",
            "lit  ",
            "param e braced=true rest=[\":-f\"]"
        ]
    );
    // Escapes inside double quotes.
    let src = r#"echo "a\"b\\c\$d\e""#;
    assert_eq!(
        lit(&first_simple(&parse(src)).words[1], src).as_deref(),
        Some("a\"b\\c$d\\e")
    );
    // Special parameters.
    let src = "echo $1 $@ $# $? $$ $! $- $* $0 ${#x} ${!p} ${x[@]} ${x/a/b} ${#}";
    let s = parse(src);
    assert!(s.errors.is_empty());
    let names: Vec<_> = first_simple(&s)
        .args()
        .iter()
        .map(|w| match &w.parts[0] {
            WordPart::Param(p) => p.name.slice(src),
            _ => "?",
        })
        .collect();
    assert_eq!(
        names,
        [
            "1", "@", "#", "?", "$", "!", "-", "*", "0", "x", "p", "x", "x", "#"
        ]
    );
    // A lone `$` is literal.
    assert_eq!(
        lit(&first_simple(&parse("echo $")).words[1], "echo $").as_deref(),
        Some("$")
    );
    // `#` inside a word is not a comment.
    assert_eq!(sx("echo a#b #c"), "[echo a#b]");
}

#[test]
fn braced_parameter_nesting() {
    let src = "echo ${A:-${B:-$(curl -s x)}} ${C//\\}/x} ${D:-'}'}";
    let s = parse(src);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    let c = first_simple(&s);
    let texts: Vec<_> = c.args().iter().map(|w| w.text(src)).collect();
    assert_eq!(
        texts,
        ["${A:-${B:-$(curl -s x)}}", "${C//\\}/x}", "${D:-'}'}"]
    );
    assert_eq!(names(src), ["echo", "curl"]);
    assert_eq!(sx("echo ${x:-{a}}b"), "[echo ${x:-{a}}b]");
}

#[test]
fn arithmetic() {
    let src = "echo $(( (1 + 2) * $(nproc) )) $((x<<2))";
    let s = parse(src);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    let c = first_simple(&s);
    let WordPart::Arith(a) = &c.words[1].parts[0] else {
        panic!("{:?}", c.words[1])
    };
    assert_eq!(a.span, rg(5, 30));
    assert_eq!(names(src), ["echo", "nproc"]);
    // `$( (` is a command substitution holding a subshell.
    assert_eq!(
        sx("echo $( (cd x; make) )"),
        "[echo $( (cd x; make) ){(sub [cd x]; [make])}]"
    );
    assert_eq!(
        sx("x=$((cd /; ls) | wc -l)"),
        "[x=$((cd /; ls) | wc -l){(sub [cd /]; [ls]) | [wc -l]}]"
    );
    // `((` command.
    let s = parse("(( i += 1 )) && echo");
    assert!(matches!(
        s.body.items[0].pipelines[0].commands[0],
        Command::Arith(_)
    ));
    assert_eq!(sx("((cd x) && y)"), "(sub (sub [cd x]) && [y])");
}

#[test]
fn backticks() {
    let src = "echo `uname -m` \"`date`\"";
    let s = parse(src);
    assert!(s.errors.is_empty());
    assert_eq!(names(src), ["echo", "uname", "date"]);
    let subs: Vec<_> = first_simple(&s)
        .substitutions()
        .map(|x| (x.kind, x.span))
        .collect();
    assert_eq!(
        subs,
        vec![
            (SubstitutionKind::Backtick, rg(5, 15)),
            (SubstitutionKind::Backtick, rg(17, 23))
        ]
    );
    assert_eq!(errors("echo `x"), ["unterminated backquote@5..6"]);
}

#[test]
fn process_substitution_output() {
    assert_eq!(
        sx("tee >(gzip > x.gz) <(cat a) >/dev/null"),
        "[tee >(gzip > x.gz){[gzip Write:x.gz]} <(cat a){[cat a]} Write:/dev/null]"
    );
    let s = parse("diff <(a) <(b)");
    let kinds: Vec<_> = s.all_substitutions().map(|(x, _)| x.kind).collect();
    assert_eq!(
        kinds,
        [SubstitutionKind::ProcessIn, SubstitutionKind::ProcessIn]
    );
    assert_eq!(
        parse("tee >(x)").all_substitutions().next().unwrap().0.kind,
        SubstitutionKind::ProcessOut
    );
}

// ---------------------------------------------------------------------------
// Compound commands
// ---------------------------------------------------------------------------

#[test]
fn groups() {
    let src = "(cd /x && make) > log; { echo a; echo b; } 2>&1 | tee f";
    let s = parse(src);
    assert!(s.errors.is_empty());
    assert_eq!(
        sx(src),
        "(sub [cd /x] && [make]) Write:log; { [echo a]; [echo b]; } 2DupWrite:1 | [tee f]"
    );
    let Command::Subshell(g) = &s.body.items[0].pipelines[0].commands[0] else {
        panic!()
    };
    assert_eq!(g.span, rg(0, 21));
    assert_eq!(g.body.span, rg(1, 14));
    let Command::BraceGroup(g) = &s.body.items[1].pipelines[0].commands[0] else {
        panic!()
    };
    assert_eq!(g.span, rg(23, 47));
    assert_eq!(sx("{ a; }"), "{ [a]; }");
    // `}` is only a keyword in command position.
    assert_eq!(sx("{ echo }; }"), "{ [echo }]; }");
    assert_eq!(sx("echo {a,b} {}"), "[echo {a,b} {}]");
}

#[test]
fn if_elif_else() {
    let src = "if [ -f x ]; then a; elif b; then c\nelse d; fi > out";
    let s = parse(src);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(
        sx(src),
        "(if [[ -f x ]]; then [a]; elif [b]; then [c]⏎ else [d];) Write:out"
    );
    let Command::If(i) = &s.body.items[0].pipelines[0].commands[0] else {
        panic!()
    };
    assert_eq!(i.span, rg(0, src.len() as u32));
    assert_eq!(i.branches[1].keyword, rg(21, 25));
    let conds: Vec<_> = s
        .simple_commands()
        .map(|c| {
            (
                c.name(src).unwrap().into_owned(),
                c.scope.in_condition,
                c.scope.compound_depth,
            )
        })
        .collect();
    assert_eq!(
        conds,
        [
            ("[".into(), true, 1),
            ("a".into(), false, 1),
            ("b".into(), true, 1),
            ("c".into(), false, 1),
            ("d".into(), false, 1)
        ]
    );
}

#[test]
fn loops() {
    assert_eq!(
        sx("while read l; do echo $l; done < f"),
        "(while [read l]; do [echo $l];) Read:f"
    );
    assert_eq!(sx("until false\ndo\n  x\ndone"), "(until [false]⏎ do [x]⏎)");
    assert_eq!(
        sx("for p in a \"b c\" $(ls); do apt-get install $p; done"),
        "(for p in a \"b c\" $(ls){[ls]} do [apt-get install $p];)"
    );
    assert_eq!(sx("for x; do y; done"), "(for x do [y];)");
    assert_eq!(sx("for x\ndo y; done"), "(for x do [y];)");
    assert_eq!(sx("for x in\ndo y; done"), "(for x in  do [y];)");
    assert_eq!(
        sx("for ((i=0; i<3; i++)); do echo $i; done"),
        "(for-arith i=0; i<3; i++ do [echo $i];)"
    );
    assert_eq!(
        sx("select x in a b; do break; done"),
        "(select x in a b do [break];)"
    );
    let s = parse("for x in a; do y; done");
    let y = s.simple_commands().next().unwrap();
    assert!(y.scope.in_loop);
    assert!(errors("for x in a; do y; done").is_empty());
}

#[test]
fn case_statement() {
    let src = "case \"$1\" in\n  a|b) echo ab ;;\n  (c) echo c ;&\n  *.tar.gz) x;;&\n  *) ;;\nesac";
    let s = parse(src);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(
        sx(src),
        "(case \"$1\" [a b] [echo ab];; [c] [echo c];& [*.tar.gz] [x];;& [*] ;;)"
    );
    let Command::Case(k) = &s.body.items[0].pipelines[0].commands[0] else {
        panic!()
    };
    assert_eq!(k.items[0].span.slice(src), "a|b) echo ab ;;");
    assert_eq!(k.items[0].patterns[1].span.slice(src), "b");
    assert_eq!(sx("case x in a) y; esac"), "(case x [a] [y];)");
    assert_eq!(sx("case x in esac"), "(case x)");
    // In a command substitution the pattern's `)` does not close it.
    assert_eq!(names("v=$(case $a in x) echo 1;; esac)"), ["?", "echo"]);
}

#[test]
fn functions() {
    assert_eq!(sx("f() { echo hi; }"), "(fn f { [echo hi]; })");
    assert_eq!(sx("function g { x; }"), "(fn g { [x]; })");
    assert_eq!(sx("function h() ( y )"), "(fn h (sub [y]))");
    assert_eq!(sx("f ()\n{\n a\n}"), "(fn f { [a]⏎ })");
    let src = "f() { curl x; }; f";
    let s = parse(src);
    let cmds: Vec<_> = s.simple_commands().collect();
    assert!(cmds[0].scope.function.is_some());
    assert!(cmds[1].scope.function.is_none());
    assert_eq!(
        errors("f() echo"),
        ["a function body must be a compound command such as `{ …; }`@4..8"]
    );
}

#[test]
fn double_bracket_test() {
    let src = "[[ -f x && ( $y =~ ^(a|b)+$ || $z < 3 ) ]] && echo ok";
    let s = parse(src);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    let Command::Test(t) = &s.body.items[0].pipelines[0].commands[0] else {
        panic!()
    };
    let w: Vec<_> = t.words.iter().map(|w| w.text(src)).collect();
    assert_eq!(
        w,
        [
            "-f", "x", "&&", "(", "$y", "=~", "^(a|b)+$", "||", "$z", "<", "3", ")"
        ]
    );
    assert_eq!(t.span, rg(0, 42));
    assert_eq!(names("[[ $(uname) == Linux ]]"), ["uname"]);
    assert_eq!(errors("[[ a"), ["missing `]]` for this `[[`@0..2"]);
}

// ---------------------------------------------------------------------------
// Error recovery
// ---------------------------------------------------------------------------

#[test]
fn recovery_missing_fi_keeps_commands() {
    let src = "if true; then apt-get install -y curl";
    let s = parse(src);
    assert_eq!(errors(src), ["missing `fi` for this `if`@0..2"]);
    let names: Vec<_> = s
        .simple_commands()
        .map(|c| c.name(src).unwrap().into_owned())
        .collect();
    assert_eq!(names, ["true", "apt-get"]);
    let apt = s.simple_commands().nth(1).unwrap();
    assert_eq!(apt.command.span, rg(14, 37));
}

#[test]
fn recovery_stray_closers() {
    assert_eq!(errors("echo a ) echo b"), ["unexpected `)`@7..8"]);
    assert_eq!(names("echo a ) echo b"), ["echo", "echo"]);
    assert_eq!(errors("done; echo x"), ["unexpected `done`@0..4"]);
    assert_eq!(names("done; echo x"), ["echo"]);
    assert_eq!(errors("fi"), ["unexpected `fi`@0..2"]);
    assert_eq!(errors("echo a;; echo b"), ["unexpected `;;`@6..8"]);
    assert_eq!(errors("; echo"), ["unexpected `;`@0..1"]);
    assert_eq!(errors("| echo"), ["unexpected `|`@0..1"]);
    assert_eq!(
        errors("a && && b"),
        ["expected a command after `&&`@2..4", "unexpected `&&`@5..7"]
    );
    assert_eq!(names("a && && b"), ["a", "b"]);
    assert_eq!(errors("a |"), ["expected a command after `|`@2..3"]);
    // A closer inside a nested construct that someone outside expects ends the
    // inner construct with one error.
    let src = "while x; do if y; then z; done; echo after";
    assert_eq!(errors(src), ["missing `fi` for this `if`@12..14"]);
    assert_eq!(names(src), ["x", "y", "z", "echo"]);
    assert_eq!(errors("if x; y; fi"), ["expected `then`@9..11"]);
    assert_eq!(names("if x; y; fi"), ["x", "y"]);
    assert_eq!(errors("while x; y; done"), ["expected `do`@12..16"]);
    assert_eq!(errors("{ a; b"), ["missing `}` for this `{`@0..1"]);
    assert_eq!(errors("( a; b"), ["missing `)` for this `(`@0..1"]);
    assert_eq!(
        errors("case x in a) b"),
        ["missing `esac` for this `case`@0..4"]
    );
    assert_eq!(
        errors("{ a; } b"),
        ["expected `;`, `&` or a newline before this@7..8"]
    );
}

#[test]
fn recovery_unterminated() {
    let src = "echo \"abc $(date) && rm -rf /";
    assert_eq!(errors(src), ["unterminated double quote@5..6"]);
    let s = parse(src);
    let w = &first_simple(&s).words[1];
    assert_eq!(w.span, rg(5, src.len() as u32));
    assert_eq!(names(src), ["echo", "date"]);
    assert_eq!(errors("echo 'abc"), ["unterminated single quote@5..6"]);
    assert_eq!(errors("echo $(curl x"), ["unterminated `$(`@5..7"]);
    assert_eq!(names("echo $(curl x"), ["echo", "curl"]);
    assert_eq!(errors("echo ${x"), ["unterminated `${`@5..7"]);
    assert_eq!(errors("echo $'x"), ["unterminated `$'`@5..7"]);
    assert_eq!(errors("x=(a b"), ["unterminated array `(`@2..3"]);
    assert_eq!(errors("echo <(x"), ["unterminated `<(`@5..7"]);
}

#[test]
fn recovery_nested_in_substitution() {
    // Closers inside a substitution are judged there, not by the outer if.
    let src = "if a; then echo $(fi; b); fi";
    assert_eq!(errors(src), ["unexpected `fi`@18..20"]);
    assert_eq!(names(src), ["a", "echo", "b"]);
}

#[test]
fn non_ascii_text() {
    let src = "echo 'héllo' \"wörld $x\" 日本\\語 ✓; ls é";
    let s = parse(src);
    assert!(s.errors.is_empty());
    check_spans(&s, src);
    let c = first_simple(&s);
    assert_eq!(lit(&c.words[3], src).as_deref(), Some("日本語"));
    assert_eq!(names(src), ["echo", "ls"]);
    // A backslash before a multi-byte character escapes the whole character.
    let src = "echo \\é";
    let s = parse(src);
    assert_eq!(
        first_simple(&s).words[1].parts[0],
        WordPart::Escaped(rg(5, 8))
    );
}

// ---------------------------------------------------------------------------
// Visitor
// ---------------------------------------------------------------------------

#[test]
fn visitor_reaches_everything() {
    let src = "A=$(a) b $(c) <(d) >$(e) <<X | f\n$(g)\nX\nfor i in $(h); do case $(i) in $(j)) k;; esac; done; [[ $(l) ]]; (( $(m) )); n() { o; }; ${p:-$(q)} \"$(r)\" `s` x=(\"$(t)\")";
    let s = parse(src);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    let mut found: Vec<String> = s
        .simple_commands()
        .filter_map(|c| c.name(src).map(|n| n.into_owned()))
        .collect();
    found.sort();
    let want: Vec<String> = "a b c d e f g h i j k l m o q r s t x"
        .split(' ')
        .map(str::to_owned)
        .collect();
    // `x=(…)` is an assignment-only command: no name.
    let want: Vec<String> = want.into_iter().filter(|n| n != "x").collect();
    assert_eq!(found, want);
    struct Count(usize, usize, usize, usize);
    impl<'a> Visitor<'a> for Count {
        fn and_or(&mut self, _: AndOrRef<'a>) {
            self.0 += 1;
        }
        fn pipeline(&mut self, _: PipelineRef<'a>) {
            self.1 += 1;
        }
        fn substitution(&mut self, _: Substitution<'a>, _: Scope<'a>) {
            self.2 += 1;
        }
        fn word(&mut self, _: &'a Word, _: Scope<'a>) {
            self.3 += 1;
        }
    }
    let mut c = Count(0, 0, 0, 0);
    s.walk(&mut c);
    assert_eq!(c.2, 14);
    assert!(c.0 >= 10 && c.1 >= 10 && c.3 >= 20);
    assert_eq!(s.and_or_lists().count(), c.0);
    assert_eq!(s.pipelines().count(), c.1);
    assert!(s.commands().count() > s.simple_commands().count());
}

#[test]
fn substitution_scope_nesting() {
    let src = "sh -c \"$(curl -s $(cat url))\"";
    let s = parse(src);
    let cmds: Vec<_> = s.simple_commands().collect();
    let depth: Vec<_> = cmds
        .iter()
        .map(|c| {
            (
                c.name(src).unwrap().into_owned(),
                c.scope.substitution_depth,
            )
        })
        .collect();
    assert_eq!(
        depth,
        [("sh".into(), 0), ("curl".into(), 1), ("cat".into(), 2)]
    );
    assert_eq!(
        cmds[2]
            .scope
            .substitution_owner
            .unwrap()
            .name(src)
            .as_deref(),
        Some("curl")
    );
}

// ---------------------------------------------------------------------------
// Property tests
// ---------------------------------------------------------------------------

mod props {
    use super::*;
    use proptest::prelude::*;

    const TOKENS: &[&str] = &[
        "echo", "apt-get", "install", "-y", "curl", "sh", "x", "a=b", "A+=1", "x=(", "2", "|",
        "||", "|&", "&&", "&", ";", ";;", ";&", ";;&", "\n", "(", ")", "((", "))", "{", "}", "if",
        "then", "elif", "else", "fi", "for", "in", "do", "done", "while", "until", "case", "esac",
        "select", "function", "f()", "!", "[[", "]]", "=~", "$(", "`", "${", "${x:-", "$((", "$'",
        "$\"", "$x", "$1", "$@", "$#", "\"", "'", "\\", "\\\n", "\\ \n", "<", ">", ">>", "2>&1",
        "&>", "<<<", "<<EOF", "<<-'E'", "<<\"Q\"", "EOF", "E", "Q", "\tE", "<(", ">(", "#", "# c",
        "*", "@(", "~", "=", "é", "日本", "✓", "\r",
    ];

    fn shellish() -> impl Strategy<Value = String> {
        prop::collection::vec(
            (
                prop::sample::select(TOKENS),
                prop::sample::select(&["", " ", " ", "\n", "\t"][..]),
            ),
            0..48,
        )
        .prop_map(|v| v.into_iter().map(|(t, sep)| format!("{t}{sep}")).collect())
    }

    /// Parses, checks every span, and exercises the read API.
    fn check(src: &str) {
        let s = parse(src);
        check_spans(&s, src);
        for e in &s.errors {
            assert!(span_ok(src, e.span));
        }
        struct Words<'s>(&'s str, usize);
        impl<'a> Visitor<'a> for Words<'_> {
            fn word(&mut self, w: &'a Word, _: Scope<'a>) {
                assert!(span_ok(self.0, w.span));
                let _ = w.literal(self.0);
                let _ = w.is_quoted();
                self.1 += w.substitutions().count();
            }
            fn simple_command(&mut self, c: SimpleCommandRef<'a>) {
                let _ = c.name(self.0);
                let _ = c.command.arg_literals(self.0).count();
                let _ = c.position.next_in_pipeline();
                let _ = c.position.prev_in_pipeline();
                let _ = c.position.op_before();
                let _ = c.position.op_after();
            }
        }
        let mut w = Words(src, 0);
        s.walk(&mut w);
        let _ = s.pipelines().count();
        let _ = s.and_or_lists().count();
        assert_eq!(s.all_substitutions().count() > 0, w.1 > 0);
    }

    /// Everything a rule can see of the tree, texts without continuations.
    fn observable(src: &str) -> (String, Vec<Option<String>>, Vec<String>, usize) {
        observable_of(&parse(src), src)
    }

    fn observable_of(s: &Script, src: &str) -> (String, Vec<Option<String>>, Vec<String>, usize) {
        struct Lits<'s>(&'s str, Vec<Option<String>>);
        impl<'a> Visitor<'a> for Lits<'_> {
            fn word(&mut self, w: &'a Word, _: Scope<'a>) {
                self.1
                    .push(w.literal(self.0).map(std::borrow::Cow::into_owned));
            }
        }
        let mut l = Lits(src, Vec::new());
        s.walk(&mut l);
        let errs = s.errors.iter().map(|e| e.message.clone()).collect();
        let mut rendered = String::new();
        list(&s.body, src, &mut rendered);
        (rendered, l.1, errs, s.comments.len())
    }

    /// Text whose continuations all sit next to a blank.
    fn spaced_continuations() -> impl Strategy<Value = String> {
        prop::collection::vec(
            (
                prop::sample::select(TOKENS),
                prop::sample::select(
                    &[
                        "",
                        " ",
                        " \\\n  ",
                        " \\\n",
                        "\\\n ",
                        " \\ \n\t",
                        "\\\n  \n  ",
                    ][..],
                ),
            ),
            0..48,
        )
        .prop_map(|v| v.into_iter().map(|(t, sep)| format!("{t}{sep}")).collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(400),
        ))]

        #[test]
        fn no_panic_on_arbitrary_strings(src in any::<String>()) {
            check(&src);
        }

        #[test]
        fn no_panic_on_printable_ascii(src in "[ -~\t\n]{0,300}") {
            check(&src);
        }

        #[test]
        fn no_panic_on_shell_tokens(src in shellish()) {
            check(&src);
        }

        #[test]
        fn no_panic_on_lossy_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            check(&String::from_utf8_lossy(&bytes));
        }

        /// Parsing continuations in place gives what joining lines first
        /// gives, whenever the fast path is taken.
        #[test]
        fn in_place_equals_joined(src in spaced_continuations()) {
            let fast = parse(&src);
            check_spans(&fast, &src);
            let slow = parse_joined(&src);
            check_spans(&slow, &src);
            prop_assert_eq!(observable_of(&fast, &src), observable_of(&slow, &src), "src: {:?}", src);
        }

        /// Docker removes line continuations before the shell runs, so adding
        /// one anywhere (except where it would join a blank line) changes
        /// nothing a rule can observe — which exercises the span mapping.
        #[test]
        fn continuations_are_transparent(
            src in shellish(),
            at in prop::collection::vec(any::<prop::sample::Index>(), 1..6),
            blanks in prop::sample::select(&["", " ", "\t "][..]),
        ) {
            let b = src.as_bytes();
            let mut cuts: Vec<usize> = at
                .iter()
                .map(|i| i.index(src.len() + 1))
                .filter(|&p| src.is_char_boundary(p))
                .filter(|&p| {
                    // Something other than blanks must follow on the line.
                    b[p..].iter().take_while(|&&c| c != b'\n').any(|&c| !matches!(c, b' ' | b'\t' | b'\r'))
                })
                .collect();
            cuts.sort_unstable();
            cuts.dedup();
            let mut with = String::new();
            let mut last = 0;
            for p in cuts {
                with.push_str(&src[last..p]);
                with.push('\\');
                with.push_str(blanks);
                with.push('\n');
                last = p;
            }
            with.push_str(&src[last..]);
            check(&with);
            prop_assert_eq!(observable(&src), observable(&with), "with continuations: {:?}", with);
        }
    }
}

// ---------------------------------------------------------------------------
// Which shells reject an error
// ---------------------------------------------------------------------------

fn kinds(src: &str) -> Vec<(ShellErrorKind, &str)> {
    parse(src)
        .errors
        .iter()
        .map(|e| (e.kind, e.span.slice(src)))
        .collect()
}

#[test]
fn error_kinds() {
    use ShellErrorKind::*;
    // Both shells reject these.
    assert_eq!(kinds("echo \"a"), [(Syntax, "\"")]);
    assert_eq!(kinds("in x"), [(Syntax, "in")]);
    assert_eq!(kinds("a | ! b"), [(Syntax, "!")]);
    assert_eq!(kinds("! | a")[0].0, Syntax);
    assert_eq!(kinds("echo @(a|b)"), [(Syntax, "(")]);
    // bash accepts a lone `!`, dash does not.
    assert_eq!(kinds("!"), [(Posix, "!")]);
    assert_eq!(kinds("if !; then :; fi"), [(Posix, "!")]);
    // bash parses backquotes only when it runs them.
    assert_eq!(kinds("echo `if`"), [(Posix, "if")]);
    // With `extglob` on an earlier line bash takes the pattern.
    assert_eq!(kinds("shopt -s extglob\necho @(a|b)"), [(Posix, "(")]);
    // dash reads these as plain commands.
    assert_eq!(kinds("[[ -f x ]")[0].0, Bash);
    assert_eq!(kinds("f() echo"), [(Bash, "echo")]);
    // Shells only warn about a here-document the end of the script ends.
    assert_eq!(kinds("cat <<EOF"), [(Tolerated, "<<EOF")]);
    assert_eq!(kinds("cat <<EOF\na"), [(Tolerated, "<<EOF")]);
    // Nesting beyond the cap is no error of the script.
    let deep = format!("{}x{}", "$(".repeat(100), ")".repeat(100));
    assert!(parse(&deep).errors.iter().all(|e| e.kind == TooDeep));
    assert!(
        !parse(&deep)
            .errors
            .iter()
            .any(|e| e.rejected_by(super::Dialect::Sh))
    );
}

#[test]
fn braces_do_not_nest_in_parameter_expansions() {
    // The first `}` closes `${`, as in bash and dash.
    let src = "echo ${x:-{a}} \"${{y}\"";
    let s = parse(src);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    let words = &s.simple_commands().next().unwrap().command.words;
    assert_eq!(words[1].text(src), "${x:-{a}}");
    match &words[1].parts[..] {
        [WordPart::Param(p), WordPart::Literal(rest)] => {
            assert_eq!(p.span.slice(src), "${x:-{a}");
            assert_eq!(rest.slice(src), "}");
        }
        other => panic!("{other:?}"),
    }
}
