//! Test and bench support only: pulls the shell text of shell-form `RUN`
//! instructions out of a Dockerfile, the way the Dockerfile parser hands it to
//! the shell model — continuation lines kept, comment lines inside them
//! blanked to spaces, BuildKit here-documents appended (or, for `RUN <<EOF`,
//! the body alone). A deliberately simple scan, not the real Dockerfile parser.

#![allow(dead_code)]

/// The shell texts of the `RUN` instructions of `dockerfile`.
pub fn run_texts(dockerfile: &str) -> Vec<String> {
    let lines: Vec<&str> = dockerfile.split('\n').collect();
    // Windows-style escape directive: not POSIX shell; skip the file.
    for l in lines.iter().take(5) {
        let t = l.trim().to_ascii_lowercase();
        if t.starts_with('#') && t.contains("escape") && t.contains('`') {
            return Vec::new();
        }
    }
    let mut out = Vec::new();
    let mut posix = true;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_start();
        i += 1;
        // Windows images and non-POSIX SHELLs run cmd / PowerShell.
        if let Some(rest) = strip_keyword(trimmed, "FROM") {
            let r = rest.to_ascii_lowercase();
            posix = !(r.contains("windows") || r.contains("nanoserver"));
        }
        if let Some(rest) = strip_keyword(trimmed, "SHELL") {
            let r = rest.to_ascii_lowercase();
            posix = !(r.contains("powershell") || r.contains("pwsh") || r.contains("cmd"));
        }
        let Some(rest) = strip_keyword(trimmed, "RUN") else {
            continue;
        };
        if !posix {
            continue;
        }
        // Gather the continued instruction.
        let mut text = String::from(rest);
        let mut last = line;
        while ends_with_continuation(last) && i < lines.len() {
            let next = lines[i];
            i += 1;
            text.push('\n');
            if next.trim_start().starts_with('#') {
                text.extend(std::iter::repeat_n(' ', next.len()));
                // A comment line does not end the continuation.
                last = "\\";
            } else {
                text.push_str(next);
                last = if next.trim().is_empty() { "\\" } else { next };
            }
        }
        let text = strip_flags(&text);
        if text.trim_start().starts_with('[') {
            continue; // exec form
        }
        // BuildKit here-documents: bodies follow the instruction.
        let delims = heredoc_delimiters(text);
        if delims.is_empty() {
            out.push(text.to_owned());
            continue;
        }
        let script_is_heredoc = text.trim_start().starts_with("<<");
        let mut full = String::from(text);
        let mut first_body = String::new();
        for (n, (delim, strip)) in delims.iter().enumerate() {
            let mut body = String::new();
            while i < lines.len() {
                let l = lines[i];
                i += 1;
                let cmp = if *strip {
                    l.trim_start_matches('\t')
                } else {
                    l
                };
                if cmp.trim_end_matches('\r') == delim {
                    full.push('\n');
                    full.push_str(&body);
                    full.push_str(l);
                    break;
                }
                body.push_str(l);
                body.push('\n');
            }
            if n == 0 {
                first_body = body;
            }
        }
        if script_is_heredoc {
            out.push(first_body);
        } else {
            out.push(full);
        }
    }
    out
}

fn strip_keyword<'a>(line: &'a str, kw: &str) -> Option<&'a str> {
    let head = line.get(..kw.len())?;
    if !head.eq_ignore_ascii_case(kw) {
        return None;
    }
    let rest = &line[kw.len()..];
    if rest.is_empty() || rest.starts_with([' ', '\t']) {
        Some(rest.trim_start_matches([' ', '\t']))
    } else if rest.starts_with('\\') {
        Some(rest)
    } else {
        None
    }
}

fn ends_with_continuation(line: &str) -> bool {
    line.trim_end_matches([' ', '\t', '\r']).ends_with('\\')
}

/// Drops leading `--mount=…`-style flags.
fn strip_flags(mut text: &str) -> &str {
    loop {
        let t = text.trim_start_matches([' ', '\t', '\r', '\n', '\\']);
        if !t.starts_with("--") {
            return text;
        }
        let end = t.find([' ', '\t', '\n']).unwrap_or(t.len());
        text = &t[end..];
    }
}

/// `<<EOF`, `<<-EOF`, `<<'EOF'`, `<<"EOF"` markers in the instruction, in
/// order.
fn heredoc_delimiters(text: &str) -> Vec<(String, bool)> {
    let first = text;
    let b = first.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 2 < b.len() {
        if b[i] == b'<' && b[i + 1] == b'<' && b[i + 2] != b'<' && (i == 0 || b[i - 1] != b'<') {
            let mut j = i + 2;
            let strip = b.get(j) == Some(&b'-');
            if strip {
                j += 1;
            }
            let quote = match b.get(j) {
                Some(q @ (b'\'' | b'"')) => {
                    j += 1;
                    Some(*q)
                }
                _ => None,
            };
            let s = j;
            while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
                j += 1;
            }
            if j > s {
                out.push((first[s..j].to_owned(), strip));
                if quote.is_some() {
                    j += 1;
                }
            }
            i = j.max(i + 2);
        } else {
            i += 1;
        }
    }
    out
}
