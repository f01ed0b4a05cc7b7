//! The token layer of Go-compatible JSON, shared by the Dockerfile exec-form
//! reader (`syntax/json.rs`) and the strict JSON tree: whitespace, strings
//! (escapes and surrogates decoded as `encoding/json` does: an unpaired
//! surrogate becomes U+FFFD), numbers and literals.

/// Go's `encoding/json` maximum nesting depth.
pub(crate) const MAX_DEPTH: usize = 10_000;

/// A position in JSON text, with Go's `encoding/json` rules for its tokens.
pub(crate) struct Cursor<'a> {
    pub bytes: &'a [u8],
    pub pos: usize,
}

impl Cursor<'_> {
    pub fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    pub fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// A JSON string at `pos`; decodes into `out` when given.
    pub fn string(&mut self, mut out: Option<&mut String>) -> Option<()> {
        if self.peek() != Some(b'"') {
            return None;
        }
        self.pos += 1;
        let text = self.bytes;
        let mut run_start = self.pos;
        loop {
            let &b = text.get(self.pos)?;
            match b {
                b'"' => {
                    if let Some(out) = out.as_deref_mut() {
                        push_bytes(out, &text[run_start..self.pos]);
                    }
                    self.pos += 1;
                    return Some(());
                }
                b'\\' => {
                    if let Some(out) = out.as_deref_mut() {
                        push_bytes(out, &text[run_start..self.pos]);
                    }
                    self.pos += 1;
                    let &esc = text.get(self.pos)?;
                    self.pos += 1;
                    let ch = match esc {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            if (0xD800..0xE000).contains(&hi) {
                                // A surrogate: valid only as a high surrogate followed
                                // by an escaped low surrogate; otherwise U+FFFD.
                                let save = self.pos;
                                let mut decoded = None;
                                if hi < 0xDC00
                                    && text.get(self.pos) == Some(&b'\\')
                                    && text.get(self.pos + 1) == Some(&b'u')
                                {
                                    self.pos += 2;
                                    match self.hex4() {
                                        Some(lo) if (0xDC00..0xE000).contains(&lo) => {
                                            let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                                            decoded = char::from_u32(c);
                                        }
                                        _ => {}
                                    }
                                    if decoded.is_none() {
                                        self.pos = save;
                                    }
                                }
                                decoded.unwrap_or('\u{FFFD}')
                            } else {
                                char::from_u32(hi).unwrap_or('\u{FFFD}')
                            }
                        }
                        _ => return None,
                    };
                    if let Some(out) = out.as_deref_mut() {
                        out.push(ch);
                    }
                    run_start = self.pos;
                }
                0..=0x1f => return None,
                _ => self.pos += 1,
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.bytes.get(self.pos..self.pos + 4)?;
        let mut v = 0u32;
        for &d in digits {
            v = v * 16 + char::from(d).to_digit(16)?;
        }
        self.pos += 4;
        Some(v)
    }

    /// A number or literal.
    pub fn scalar(&mut self) -> bool {
        for lit in [&b"true"[..], b"false", b"null"] {
            if self.bytes[self.pos..].starts_with(lit) {
                self.pos += lit.len();
                return true;
            }
        }
        self.number()
    }

    pub fn number(&mut self) -> bool {
        let b = self.bytes;
        let mut p = self.pos;
        if b.get(p) == Some(&b'-') {
            p += 1;
        }
        match b.get(p) {
            Some(b'0') => p += 1,
            Some(b'1'..=b'9') => {
                while let Some(b'0'..=b'9') = b.get(p) {
                    p += 1;
                }
            }
            _ => return false,
        }
        if b.get(p) == Some(&b'.') {
            p += 1;
            if !matches!(b.get(p), Some(b'0'..=b'9')) {
                return false;
            }
            while let Some(b'0'..=b'9') = b.get(p) {
                p += 1;
            }
        }
        if let Some(b'e' | b'E') = b.get(p) {
            p += 1;
            if let Some(b'+' | b'-') = b.get(p) {
                p += 1;
            }
            if !matches!(b.get(p), Some(b'0'..=b'9')) {
                return false;
            }
            while let Some(b'0'..=b'9') = b.get(p) {
                p += 1;
            }
        }
        self.pos = p;
        true
    }
}

fn push_bytes(out: &mut String, bytes: &[u8]) {
    // Slices are cut at ASCII delimiters of valid UTF-8 input, so this is valid.
    out.push_str(&String::from_utf8_lossy(bytes));
}
