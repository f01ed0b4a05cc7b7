//! Heredoc detection on an instruction line, as BuildKit's `heredocsFromLine`
//! does it: split the line into words with its shell lexer (quotes and escapes
//! kept, unset variables kept verbatim), take every word shaped
//! `[fd]<<[-]NAME`, and unquote NAME with the same lexer.
//!
//! BuildKit ignores lexing errors on the line (no heredocs then), but a
//! lexing error inside a heredoc's name rejects the file.

pub(crate) struct FoundHeredoc {
    pub name: String,
    /// Logical range of the `<<NAME` word.
    pub word: (usize, usize),
    pub chomp: bool,
    pub expand: bool,
    pub fd: Option<u32>,
}

pub(crate) struct HeredocScan {
    pub heredocs: Vec<FoundHeredoc>,
    pub errors: Vec<(String, (usize, usize))>,
}

pub(crate) fn find_heredocs(line: &str) -> HeredocScan {
    let mut scan = HeredocScan {
        heredocs: Vec::new(),
        errors: Vec::new(),
    };
    let Ok(words) = Lexer::new(line, true, true).words() else {
        return scan;
    };
    for (word, start, end) in words {
        let Some((fd, chomp, rest)) = match_heredoc_word(&word) else {
            continue;
        };
        if rest.is_empty() {
            continue;
        }
        let unquoted = match Lexer::new(rest, false, false).words() {
            Ok(w) => w,
            Err(message) => {
                scan.errors.push((
                    format!("failed to process {rest:?}: {message}"),
                    (start, end),
                ));
                continue;
            }
        };
        if unquoted.len() != 1 {
            continue;
        }
        let raw = match Lexer::new(rest, true, false).words() {
            Ok(w) => w,
            Err(message) => {
                scan.errors.push((
                    format!("failed to process {rest:?}: {message}"),
                    (start, end),
                ));
                continue;
            }
        };
        let name = unquoted.into_iter().next().map(|w| w.0).unwrap_or_default();
        let quotes = |s: &str| s.bytes().filter(|&b| b == b'\'' || b == b'"').count();
        let raw_quotes = raw.first().map_or(0, |w| quotes(&w.0));
        scan.heredocs.push(FoundHeredoc {
            expand: quotes(&name) == raw_quotes,
            name,
            word: (start, end),
            chomp,
            fd,
        });
    }
    scan
}

/// `^(\d*)<<(-?)([^<]*)$`
fn match_heredoc_word(word: &str) -> Option<(Option<u32>, bool, &str)> {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let after = word[digits..].strip_prefix("<<")?;
    let (chomp, rest) = match after.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, after),
    };
    if rest.contains('<') {
        return None;
    }
    let fd = if digits == 0 {
        None
    } else {
        word[..digits].parse().ok()
    };
    Some((fd, chomp, rest))
}

/// A minimal port of the behaviour of BuildKit's `shell.Lex` word splitting
/// with an empty environment and `SkipUnsetEnv` (every variable is unset, so
/// references are kept as written). Escape character: backslash.
struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    raw_quotes: bool,
    raw_escapes: bool,
}

type Words = Vec<(String, usize, usize)>;

struct WordsBuilder {
    words: Words,
    word: String,
    in_word: bool,
    start: Option<usize>,
    end: usize,
}

impl WordsBuilder {
    fn add_char(&mut self, ch: char, at: usize, next: usize) {
        if ch.is_whitespace() {
            if self.in_word && !self.word.is_empty() {
                self.flush();
            }
        } else {
            self.add_raw(ch.encode_utf8(&mut [0; 4]), at, next);
        }
    }

    fn add_raw(&mut self, s: &str, at: usize, next: usize) {
        if self.start.is_none() {
            self.start = Some(at);
        }
        self.word.push_str(s);
        self.in_word = true;
        self.end = next;
    }

    fn flush(&mut self) {
        let word = std::mem::take(&mut self.word);
        let start = self.start.take().unwrap_or(self.end);
        self.words.push((word, start, self.end));
        self.in_word = false;
    }

    fn finish(mut self) -> Words {
        if !self.word.is_empty() {
            self.flush();
        }
        self.words
    }
}

impl<'a> Lexer<'a> {
    fn new(src: &'a str, raw_quotes: bool, raw_escapes: bool) -> Self {
        Lexer {
            src,
            pos: 0,
            raw_quotes,
            raw_escapes,
        }
    }

    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn words(mut self) -> Result<Words, String> {
        let mut w = WordsBuilder {
            words: Vec::new(),
            word: String::new(),
            in_word: false,
            start: None,
            end: 0,
        };
        let raw_escapes = self.raw_escapes;
        while let Some(ch) = self.peek() {
            let at = self.pos;
            match ch {
                '$' => {
                    let text = self.dollar()?;
                    // Expansion results are split on white space; offsets
                    // inside them are approximate (they are rewritten text).
                    let end = self.pos;
                    let mut offset = at;
                    for c in text.chars() {
                        let next = (offset + c.len_utf8()).min(end);
                        w.add_char(c, offset.min(end), next);
                        offset = next;
                    }
                    if w.in_word {
                        w.end = end;
                    }
                }
                '\'' => {
                    let text = self.single_quote()?;
                    w.add_raw(&text, at, self.pos);
                }
                '"' => {
                    let text = self.double_quote(raw_escapes)?;
                    w.add_raw(&text, at, self.pos);
                }
                _ => {
                    self.next();
                    if ch == '\\' {
                        if raw_escapes {
                            w.add_raw("\\", at, self.pos);
                        }
                        let Some(c) = self.next() else { break };
                        w.add_raw(c.encode_utf8(&mut [0; 4]), at, self.pos);
                    } else {
                        w.add_char(ch, at, self.pos);
                    }
                }
            }
        }
        Ok(w.finish())
    }

    /// Processes text up to `stop` (consumed), like `processStopOn`.
    fn stop_on(&mut self, stop: char, raw_escapes: bool) -> Result<String, String> {
        let mut out = String::new();
        while let Some(ch) = self.peek() {
            if ch == stop {
                self.next();
                return Ok(out);
            }
            match ch {
                '$' => out.push_str(&self.dollar()?),
                '\'' => out.push_str(&self.single_quote()?),
                '"' => out.push_str(&self.double_quote(raw_escapes)?),
                _ => {
                    self.next();
                    if ch == '\\' {
                        if raw_escapes {
                            out.push('\\');
                        }
                        let Some(c) = self.next() else { break };
                        out.push(c);
                    } else {
                        out.push(ch);
                    }
                }
            }
        }
        Err(format!(
            "unexpected end of statement while looking for matching {stop}"
        ))
    }

    fn single_quote(&mut self) -> Result<String, String> {
        let mut out = String::new();
        self.next();
        if self.raw_quotes {
            out.push('\'');
        }
        loop {
            match self.next() {
                None => {
                    return Err(
                        "unexpected end of statement while looking for matching single-quote"
                            .to_owned(),
                    );
                }
                Some('\'') => {
                    if self.raw_quotes {
                        out.push('\'');
                    }
                    return Ok(out);
                }
                Some(c) => out.push(c),
            }
        }
    }

    fn double_quote(&mut self, raw_escapes: bool) -> Result<String, String> {
        let mut out = String::new();
        self.next();
        if self.raw_quotes {
            out.push('"');
        }
        loop {
            match self.peek() {
                None => {
                    return Err(
                        "unexpected end of statement while looking for matching double-quote"
                            .to_owned(),
                    );
                }
                Some('"') => {
                    self.next();
                    if self.raw_quotes {
                        out.push('"');
                    }
                    return Ok(out);
                }
                Some('$') => out.push_str(&self.dollar()?),
                Some(_) => {
                    let mut ch = self.next().unwrap_or('\0');
                    if ch == '\\' {
                        if raw_escapes {
                            out.push('\\');
                        }
                        match self.peek() {
                            None => continue,
                            Some('"' | '$' | '\\') => ch = self.next().unwrap_or('\0'),
                            Some(_) => {}
                        }
                    }
                    out.push(ch);
                }
            }
        }
    }

    fn name(&mut self) -> String {
        let mut name = String::new();
        while let Some(ch) = self.peek() {
            if name.is_empty() && ch.is_ascii_digit() {
                while let Some(d) = self.peek().filter(char::is_ascii_digit) {
                    self.next();
                    name.push(d);
                }
                return name;
            }
            if name.is_empty() && matches!(ch, '@' | '*' | '#' | '?' | '-' | '$' | '!' | '0') {
                self.next();
                name.push(ch);
                return name;
            }
            if !ch.is_alphanumeric() && ch != '_' {
                break;
            }
            self.next();
            name.push(ch);
        }
        name
    }

    /// `$…` with every variable unset and kept verbatim.
    fn dollar(&mut self) -> Result<String, String> {
        self.next();
        if self.peek() != Some('{') {
            let name = self.name();
            return Ok(format!("${name}"));
        }
        self.next();
        match self.peek() {
            None => return Err("syntax error: missing '}'".to_owned()),
            Some('{' | '}' | ':') => return Err("syntax error: bad substitution".to_owned()),
            Some(_) => {}
        }
        let name = self.name();
        let ch = self.next();
        match ch {
            Some('}') => Ok(format!("${{{name}}}")),
            Some(c @ (':' | '+' | '-' | '?' | '#' | '%')) => {
                let mut op = String::from(c);
                let mut modifier = c;
                if c == ':' {
                    match self.next() {
                        Some(m) => {
                            op.push(m);
                            modifier = m;
                        }
                        None => return Err("syntax error: missing '}'".to_owned()),
                    }
                }
                let raw = modifier == '#' || modifier == '%';
                let word = self.stop_on('}', raw).map_err(|e| {
                    if self.peek().is_none() {
                        "syntax error: missing '}'".to_owned()
                    } else {
                        e
                    }
                })?;
                Ok(format!("${{{name}{op}{word}}}"))
            }
            Some('/') => {
                if self.peek() == Some('/') {
                    self.next();
                }
                let pattern = self
                    .stop_on('/', true)
                    .map_err(|_| "syntax error: missing '/' in ${}".to_owned())?;
                let replacement = self
                    .stop_on('}', true)
                    .map_err(|_| "syntax error: missing '}'".to_owned())?;
                Ok(format!("${{{name}/{pattern}/{replacement}}}"))
            }
            other => Err(format!(
                "unsupported modifier ({}) in substitution",
                other.map(String::from).unwrap_or_default()
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(line: &str) -> Vec<(String, bool, bool)> {
        find_heredocs(line)
            .heredocs
            .into_iter()
            .map(|h| (h.name, h.chomp, h.expand))
            .collect()
    }

    #[test]
    fn detects_heredoc_words() {
        assert_eq!(names("RUN <<EOF"), vec![("EOF".into(), false, true)]);
        assert_eq!(names("RUN <<-EOT bash"), vec![("EOT".into(), true, true)]);
        assert_eq!(
            names("COPY <<\"EOF\" /x"),
            vec![("EOF".into(), false, false)]
        );
        assert_eq!(
            names("RUN cat <<A && cat <<'B'"),
            vec![("A".into(), false, true), ("B".into(), false, false)]
        );
        assert!(names("RUN echo '<<EOF'").is_empty());
        assert!(names("RUN echo \"unterminated <<EOF").is_empty());
        assert!(names("RUN a<<EOF").is_empty());
        assert_eq!(find_heredocs("RUN 3<<EOF").heredocs[0].fd, Some(3));
    }

    #[test]
    fn word_ranges() {
        let scan = find_heredocs("RUN cat <<EOF > f");
        assert_eq!(scan.heredocs[0].word, (8, 13));
    }
}
