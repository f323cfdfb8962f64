//! The one place awk touches a regular-expression engine: `compile` and
//! `Matcher::find`. It sits on `crate::regex` (ERE).

use crate::regex::{Regex, RegexError, Syntax};
use std::rc::Rc;

/// A compiled pattern; its clones share the pattern's step budget.
#[derive(Clone, Debug)]
pub struct Matcher {
    /// None: matches nothing (BusyBox's answer to a bad dynamic regex).
    re: Option<Rc<Regex>>,
}

/// The pattern spent its step budget (`crate::regex::FUEL`): the program
/// stops with `crate::regex::exhausted_line`.
pub struct Exhausted;

/// Why a pattern does not compile, in each awk's words: glibc's (gawk),
/// musl's (BusyBox on Alpine) and mawk's own.
#[derive(Clone, Copy, Debug)]
pub struct Failure {
    pub gnu: &'static str,
    pub musl: &'static str,
    pub mawk: &'static str,
}

fn failure(e: RegexError) -> Failure {
    let mawk = match e {
        RegexError::Paren => "missing ')'",
        RegexError::RParen => "missing '('",
        RegexError::Brack => "bad class -- [], [^] or [",
        RegexError::BadRepeat => "missing operand",
        RegexError::Brace | RegexError::BadBrace => "bad interval expression",
        other => other.gnu(),
    };
    Failure { gnu: e.gnu(), musl: e.musl(), mawk }
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

pub fn compile(pattern: &str, icase: bool) -> Result<Matcher, Failure> {
    let mut p = awk_escapes(pattern);
    // mawk takes a backslash at the end for itself.
    if super::value::mode() == super::Dialect::Mawk && p.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1 {
        p.push('\\');
    }
    let re = Regex::new(&p, Syntax::Ere, icase).map_err(failure)?;
    Ok(Matcher { re: Some(Rc::new(re)) })
}

impl Matcher {
    pub fn never() -> Matcher {
        Matcher { re: None }
    }
}

impl Matcher {
    /// The first match at or after byte `start`: its byte range.
    pub fn find(&self, text: &str, start: usize) -> Result<Option<(usize, usize)>, Exhausted> {
        let Some(re) = &self.re else { return Ok(None) };
        if start > text.len() || !text.is_char_boundary(start) {
            return Ok(None);
        }
        let found = re.find_at(text, start).map(|m| (m.start, m.end));
        if re.exhausted() {
            return Err(Exhausted);
        }
        Ok(found)
    }

    pub fn is_match(&self, text: &str) -> Result<bool, Exhausted> {
        let Some(re) = &self.re else { return Ok(false) };
        let found = re.is_match(text);
        if re.exhausted() {
            return Err(Exhausted);
        }
        Ok(found)
    }
}

/// mawk's own parser refuses some patterns an ERE engine takes: an operator
/// with nothing before it (`+5`, `x|*`, `?a`), an empty alternative (`a|`,
/// `|a`, `a||b`, `()`) — though not inside a group that follows an operand
/// (`a(|b)` compiles) — and `^*`/`^+`. Its words for the failure, if any.
pub fn mawk_refuses(pattern: &str) -> Option<&'static str> {
    #[derive(Clone, Copy, PartialEq)]
    enum Prev {
        Start,
        Open,
        Alt,
        Operand,
    }
    const MISSING: &str = "missing operand";
    let c: Vec<char> = pattern.chars().collect();
    if c.first() == Some(&'^') && matches!(c.get(1), Some('*' | '+')) {
        return Some("syntax error ^* or ^+");
    }
    // Per open group: whether empty alternatives are tolerated there.
    let mut lenient = vec![false];
    let mut prev = Prev::Start;
    let mut i = 0;
    while i < c.len() {
        let here = *lenient.last().unwrap_or(&false);
        match c[i] {
            '\\' => {
                i += 1;
                prev = Prev::Operand;
            }
            '[' => {
                // Skip the bracket expression (`]` first is a member).
                let mut j = i + 1;
                if c.get(j) == Some(&'^') {
                    j += 1;
                }
                if c.get(j) == Some(&']') {
                    j += 1;
                }
                while j < c.len() && c[j] != ']' {
                    j += if c[j] == '[' && matches!(c.get(j + 1), Some(':' | '.' | '=')) {
                        c[j + 2..].iter().position(|&x| x == ']').map_or(c.len(), |p| p + 3)
                    } else {
                        1
                    };
                }
                i = j;
                prev = Prev::Operand;
            }
            '*' | '?' if matches!(prev, Prev::Start | Prev::Alt | Prev::Open) => return Some(MISSING),
            '+' if matches!(prev, Prev::Start | Prev::Alt) => return Some(MISSING),
            '|' if !here && prev != Prev::Operand => return Some(MISSING),
            '|' => prev = Prev::Alt,
            '(' => {
                lenient.push(here || prev == Prev::Operand);
                prev = Prev::Open;
            }
            ')' if lenient.len() > 1 => {
                if !here && matches!(prev, Prev::Open | Prev::Alt) {
                    return Some(MISSING);
                }
                lenient.pop();
                prev = Prev::Operand;
            }
            _ => {
                if prev != Prev::Operand || !matches!(c[i], '*' | '+' | '?') {
                    prev = Prev::Operand;
                }
            }
        }
        i += 1;
    }
    (prev == Prev::Alt && !lenient.last().unwrap_or(&false)).then_some(MISSING)
}
