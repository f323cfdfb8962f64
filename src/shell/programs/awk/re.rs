//! The one place awk touches a regular-expression engine: `compile` and
//! `Matcher::find`. Today it sits on `shell::regex`; switching engines
//! changes only this file.

use crate::shell::regex::Regex;

/// Private-use characters that mark a match's ends in `replace`'s output.
const OPEN: char = '\u{F8F0}';
const CLOSE: char = '\u{F8F1}';

#[derive(Clone, Debug)]
pub struct Matcher {
    re: Regex,
    anchored: bool,
}

/// awk's escapes inside a regular expression (`\t`, `\/`, `\"`, octal) become
/// the characters; the engine's own escapes (`\.`, `\\`) stay.
fn awk_escapes(pattern: &str) -> String {
    let mut out = String::new();
    let mut it = pattern.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.peek().copied() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('f') => out.push('\x0c'),
            Some('v') => out.push('\x0b'),
            Some('a') => out.push('\x07'),
            Some('/') => out.push('/'),
            // shell::regex reads `\|`, `\(`… as BRE operators; in an ERE they are literal.
            Some(x @ ('|' | '(' | ')' | '{' | '}')) => {
                out.push('[');
                out.push(x);
                out.push(']');
            }
            Some('"') => out.push('"'),
            Some(d @ '0'..='7') => {
                let mut n = d.to_digit(8).unwrap_or(0);
                it.next();
                for _ in 0..2 {
                    match it.peek().and_then(|c| c.to_digit(8)) {
                        Some(x) => {
                            n = n * 8 + x;
                            it.next();
                        }
                        None => break,
                    }
                }
                let ch = char::from_u32(n & 0xff).unwrap_or('\0');
                if "\\^$.[]|()*+?{}".contains(ch) {
                    out.push('\\');
                }
                out.push(ch);
                continue;
            }
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => {
                out.push('\\');
                continue;
            }
        }
        it.next();
    }
    out
}

pub fn compile(pattern: &str, icase: bool) -> Result<Matcher, String> {
    let p = awk_escapes(pattern);
    Ok(Matcher { anchored: p.starts_with('^'), re: Regex::new(&p, icase) })
}

impl Matcher {
    /// The first match at or after byte `start`: its byte range.
    pub fn find(&self, text: &str, start: usize) -> Option<(usize, usize)> {
        if start > text.len() || (self.anchored && start > 0) || !text.is_char_boundary(start) {
            return None;
        }
        let rest = &text[start..];
        if rest.contains(OPEN) || rest.contains(CLOSE) {
            return None;
        }
        let marked = self.re.replace(rest, &format!("{OPEN}&{CLOSE}"), false);
        let s = marked.find(OPEN)?;
        let e = marked.find(CLOSE)?;
        Some((start + s, start + e - OPEN.len_utf8()))
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.re.is_match(text)
    }
}
