//! SQL tokens: words (keywords and names), quoted names, strings, numbers
//! and punctuation, each with its byte offset for error carets.

/// One token and where it starts in the statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Tok {
    pub kind: Kind,
    pub pos: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// A bare word (keyword or name), as written.
    Word(String),
    /// A quoted name (`` `x` `` in MySQL, `"x"` in PostgreSQL).
    Name(String),
    Str(String),
    Num(String),
    /// Punctuation and operators: `(`, `)`, `,`, `;`, `*`, `=`, `<>`, `<=`, …
    Sym(&'static str),
}

impl Tok {
    /// Whether this is the keyword `kw` (case-insensitive).
    pub fn is(&self, kw: &str) -> bool {
        matches!(&self.kind, Kind::Word(w) if w.eq_ignore_ascii_case(kw))
    }
}

const SYMS: [&str; 18] = ["<>", "!=", "<=", ">=", "::", "||", "(", ")", ",", ";", "*", "=", "<", ">", ".", "+", "-", "/"];

/// Splits `src` into tokens; `mysql` decides what double quotes mean.
/// Errors carry the offset of the unterminated quote or unknown character.
pub fn lex(src: &str, mysql: bool) -> Result<Vec<Tok>, usize> {
    let b = src.as_bytes();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if b[i..].starts_with(b"--") || (mysql && c == b'#') {
            i = b[i..].iter().position(|&c| c == b'\n').map_or(b.len(), |n| i + n);
        } else if b[i..].starts_with(b"/*") {
            i = b[i + 2..].windows(2).position(|w| w == b"*/").map_or(b.len(), |n| i + n + 4);
        } else if c == b'\'' || c == b'"' || c == b'`' {
            let (text, end) = quoted(src, i, mysql).ok_or(i)?;
            let kind = if c == b'\'' || (c == b'"' && mysql) { Kind::Str(text) } else { Kind::Name(text) };
            toks.push(Tok { kind, pos: i });
            i = end;
        } else if c.is_ascii_digit() || (c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            let start = i;
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') {
                i += 1;
            }
            toks.push(Tok { kind: Kind::Num(src[start..i].to_string()), pos: start });
        } else if c.is_ascii_alphabetic() || c == b'_' || c == b'$' || c == b'@' || c >= 0x80 {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'_' | b'$' | b'@') || b[i] >= 0x80) {
                i += 1;
            }
            toks.push(Tok { kind: Kind::Word(src[start..i].to_string()), pos: start });
        } else if let Some(s) = SYMS.iter().find(|s| b[i..].starts_with(s.as_bytes())) {
            toks.push(Tok { kind: Kind::Sym(s), pos: i });
            i += s.len();
        } else {
            return Err(i);
        }
    }
    Ok(toks)
}

/// A quoted run starting at `i`: doubled quotes and (for strings) backslash escapes.
fn quoted(src: &str, i: usize, mysql: bool) -> Option<(String, usize)> {
    let q = src.as_bytes()[i] as char;
    let mut out = String::new();
    let mut chars = src[i + 1..].char_indices().peekable();
    while let Some((j, ch)) = chars.next() {
        if ch == q {
            if chars.peek().is_some_and(|(_, n)| *n == q) {
                chars.next();
                out.push(q);
                continue;
            }
            return Some((out, i + 1 + j + 1));
        }
        if ch == '\\' && q == '\'' && mysql {
            match chars.next()?.1 {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                '0' => out.push('\0'),
                o => out.push(o),
            }
            continue;
        }
        out.push(ch);
    }
    None
}

/// Splits text into complete statements (ending in `;` outside quotes and
/// comments) and the unfinished rest.
pub fn split(src: &str, mysql: bool) -> (Vec<String>, String) {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        let c = b[i];
        if c == b'\'' || c == b'"' || c == b'`' {
            match quoted(src, i, mysql) {
                Some((_, end)) => i = end,
                None => break,
            }
        } else if b[i..].starts_with(b"--") || (mysql && c == b'#') {
            i = b[i..].iter().position(|&c| c == b'\n').map_or(b.len(), |n| i + n);
        } else if b[i..].starts_with(b"/*") {
            match b[i + 2..].windows(2).position(|w| w == b"*/") {
                Some(n) => i += n + 4,
                None => break,
            }
        } else if c == b';' {
            out.push(src[start..=i].to_string());
            start = i + 1;
            i += 1;
        } else {
            i += 1;
        }
    }
    (out, src[start..].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        let t = lex("SELECT `a`, 'it''s' FROM t WHERE x<>1.5; -- c", true).unwrap();
        assert_eq!(t.len(), 11);
        assert_eq!(t[1].kind, Kind::Name("a".into()));
        assert_eq!(t[3].kind, Kind::Str("it's".into()));
        assert_eq!(t[8].kind, Kind::Sym("<>"));
        assert_eq!(lex("'open", true), Err(0));
        assert_eq!(lex("\"x\"", false).unwrap()[0].kind, Kind::Name("x".into()));
    }
}
