//! awk's tokens. Whether `/` starts a regular expression or divides depends
//! on the token before it, as in every awk.

use super::ast::Builtin;

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Num(f64),
    Str(String),
    Ere(String),
    /// A name directly followed by `(`: a user function call.
    FuncName(String),
    Name(String),
    Builtin(Builtin),
    Kw(&'static str),
    Punct(&'static str),
    Newline,
    Eof,
}

#[derive(Clone, Debug)]
pub struct Token {
    pub tok: Tok,
    pub line: usize,
    /// Byte offset in the program text.
    pub pos: usize,
}

/// A lexing error: (line, byte offset, message).
pub type LexError = (usize, usize, String);

const KEYWORDS: &[&str] = &[
    "BEGIN", "END", "function", "func", "if", "else", "while", "for", "do", "break", "continue", "next", "nextfile", "exit", "return",
    "delete", "in", "getline", "print", "printf",
];

const PUNCT: &[&str] = &[
    "**=", "&&", "||", "==", "!=", "<=", ">=", "!~", "++", "--", "+=", "-=", "*=", "/=", "%=", "^=", "**", ">>", "{", "}", "(", ")", "[",
    "]", ";", ",", "+", "-", "*", "/", "%", "^", "!", ">", "<", "|", "?", ":", "~", "$", "=",
];

/// Whether a `/` after `prev` divides (else it opens a regular expression).
fn divides_after(prev: Option<&Tok>) -> bool {
    match prev {
        Some(Tok::Num(_) | Tok::Str(_) | Tok::Ere(_) | Tok::Name(_) | Tok::Builtin(_)) => true,
        Some(Tok::Punct(p)) => matches!(*p, ")" | "]" | "$" | "++" | "--"),
        Some(Tok::Kw("getline")) => true,
        _ => false,
    }
}

pub fn lex(src: &str) -> Result<Vec<Token>, LexError> {
    let b = src.as_bytes();
    let mut out: Vec<Token> = Vec::new();
    let mut i = 0;
    let mut line = 1;
    while i < b.len() {
        let c = b[i];
        let start = i;
        let push = |out: &mut Vec<Token>, tok: Tok| out.push(Token { tok, line, pos: start });
        match c {
            b' ' | b'\t' | b'\r' => i += 1,
            b'\\' if b.get(i + 1) == Some(&b'\n') => {
                i += 2;
                line += 1;
            }
            b'\\' if b.get(i + 1) == Some(&b'\r') && b.get(i + 2) == Some(&b'\n') => {
                i += 3;
                line += 1;
            }
            b'\n' => {
                push(&mut out, Tok::Newline);
                i += 1;
                line += 1;
            }
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' => {
                i += 1;
                let mut s = Vec::new();
                loop {
                    match b.get(i) {
                        None | Some(b'\n') => return Err((line, start, "unterminated string".into())),
                        Some(b'"') => {
                            i += 1;
                            break;
                        }
                        Some(b'\\') => {
                            i += 1;
                            i += unescape_one(&b[i..], &mut s, true);
                        }
                        Some(&x) => {
                            s.push(x);
                            i += 1;
                        }
                    }
                }
                push(&mut out, Tok::Str(String::from_utf8_lossy(&s).into_owned()));
            }
            b'/' if !divides_after(out.last().map(|t| &t.tok)) => {
                i += 1;
                let mut s = Vec::new();
                let mut in_bracket = false;
                loop {
                    match b.get(i) {
                        None | Some(b'\n') => return Err((line, start, "unterminated regexp".into())),
                        Some(b'/') if !in_bracket => {
                            i += 1;
                            break;
                        }
                        Some(b'\\') if b.get(i + 1) == Some(&b'/') => {
                            s.push(b'/');
                            i += 2;
                        }
                        Some(b'\\') if i + 1 < b.len() => {
                            s.extend_from_slice(&b[i..i + 2]);
                            i += 2;
                        }
                        Some(&x) => {
                            // BusyBox ends a regex at the first `/`, brackets or not.
                            if x == b'[' && !in_bracket && super::value::mode() != super::Dialect::Busybox {
                                in_bracket = true;
                                s.push(x);
                                i += 1;
                                // `[]…]` and `[^]…]`: the first `]` is a member.
                                if b.get(i) == Some(&b'^') {
                                    s.push(b'^');
                                    i += 1;
                                }
                                if b.get(i) == Some(&b']') {
                                    s.push(b']');
                                    i += 1;
                                }
                                continue;
                            }
                            if x == b']' && in_bracket {
                                in_bracket = false;
                            }
                            s.push(x);
                            i += 1;
                        }
                    }
                }
                push(&mut out, Tok::Ere(String::from_utf8_lossy(&s).into_owned()));
            }
            b'0'..=b'9' | b'.' if c != b'.' || b.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                let (v, n) = busybox_hex_octal(&b[i..]).unwrap_or_else(|| number_prefix(&b[i..]));
                i += n.max(1);
                push(&mut out, Tok::Num(v));
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                let word = &src[start..i];
                let tok = if let Some(k) = KEYWORDS.iter().find(|k| **k == word) {
                    Tok::Kw(k)
                } else if let Some(f) = Builtin::from_name(word) {
                    Tok::Builtin(f)
                } else if b.get(i) == Some(&b'(') {
                    Tok::FuncName(word.to_string())
                } else {
                    Tok::Name(word.to_string())
                };
                push(&mut out, tok);
            }
            _ => {
                let mawk = super::value::mode() == super::Dialect::Mawk;
                let Some(p) = PUNCT.iter().filter(|p| !(mawk && p.starts_with("**"))).find(|p| b[i..].starts_with(p.as_bytes())) else {
                    let ch = src[i..].chars().next().unwrap_or('?');
                    return Err((line, start, format!("invalid char '{ch}' in expression")));
                };
                i += p.len();
                push(&mut out, Tok::Punct(p));
            }
        }
    }
    out.push(Token { tok: Tok::Eof, line, pos: b.len() });
    Ok(out)
}

/// One escape after a backslash (in strings, `-v` values and dynamic
/// regex text): appends its bytes to `out`, returns how many input bytes it used.
/// `keep_unknown` keeps the backslash of an unknown escape (regex text).
pub fn unescape_one(b: &[u8], out: &mut Vec<u8>, keep_unknown: bool) -> usize {
    let Some(&c) = b.first() else {
        out.push(b'\\');
        return 0;
    };
    let simple = match c {
        b'n' => Some(b'\n'),
        b't' => Some(b'\t'),
        b'r' => Some(b'\r'),
        b'\\' => Some(b'\\'),
        b'"' => Some(b'"'),
        b'/' => Some(b'/'),
        b'a' => Some(7),
        b'b' => Some(8),
        b'f' => Some(12),
        b'v' => Some(11),
        _ => None,
    };
    if let Some(s) = simple {
        out.push(s);
        return 1;
    }
    if (b'0'..=b'7').contains(&c) {
        let mut n = 0u32;
        let mut used = 0;
        while used < 3 && b.get(used).is_some_and(|d| (b'0'..=b'7').contains(d)) {
            n = n * 8 + u32::from(b[used] - b'0');
            used += 1;
        }
        out.push((n & 0xff) as u8);
        return used;
    }
    if c == b'\n' {
        return 1;
    }
    out.push(b'\\');
    if !keep_unknown {
        out.pop();
    }
    out.push(c);
    1
}

/// Processes escapes in a command-line assignment's value (`-v x='a\tb'`).
pub fn unescape(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            i += 1;
            i += unescape_one(&b[i..], &mut out, true);
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// BusyBox reads a program constant with a leading 0 as C's strtoull(…, 0)
/// does: `0x1A` is hex, `017` octal; one that goes on with a digit or `.`
/// (`019`, `017.5`) is decimal after all. Only in the program text.
fn busybox_hex_octal(b: &[u8]) -> Option<(f64, usize)> {
    if super::value::mode() != super::Dialect::Busybox || b.first() != Some(&b'0') {
        return None;
    }
    let digits = |from: usize, radix: u32| {
        let mut v = 0f64;
        let mut j = from;
        while let Some(d) = b.get(j).and_then(|c| (*c as char).to_digit(radix)) {
            v = v * f64::from(radix) + f64::from(d);
            j += 1;
        }
        (v, j)
    };
    match b.get(1) {
        Some(b'x' | b'X') => {
            let (v, j) = digits(2, 16);
            Some(if j == 2 { (0.0, 1) } else { (v, j) })
        }
        Some(c) if c.is_ascii_digit() => {
            let (v, j) = digits(1, 8);
            (!matches!(b.get(j), Some(c) if c.is_ascii_digit() || *c == b'.')).then_some((v, j))
        }
        _ => None,
    }
}

/// The longest decimal number at the start of `b` (after no blanks):
/// digits, a fraction, an exponent. Returns the value and bytes used (0: none).
pub fn number_prefix(b: &[u8]) -> (f64, usize) {
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    let int_start = i;
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let mut digits = i - int_start;
    if b.get(i) == Some(&b'.') {
        let f = i + 1;
        let mut j = f;
        while b.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        digits += j - f;
        if digits > 0 {
            i = j;
        }
    }
    if digits == 0 {
        return (0.0, 0);
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(b.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        if b.get(j).is_some_and(u8::is_ascii_digit) {
            while b.get(j).is_some_and(u8::is_ascii_digit) {
                j += 1;
            }
            i = j;
        }
    }
    let text = std::str::from_utf8(&b[..i]).unwrap_or("0");
    (text.parse().unwrap_or(0.0), i)
}
