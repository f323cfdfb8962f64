//! The pattern parser: BRE and ERE as glibc's `regcomp` reads them with the
//! GNU syntax bits grep and sed use, into a small tree.

use super::class::{is_word, ByteSet};
use super::{RegexError, Syntax};

/// Zero-width assertions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Assert {
    Bol,
    Eol,
    /// `^` and `$` in PCRE's multiline mode (`/m`): at a line's start or end.
    LineBol,
    LineEol,
    WordB,
    NotWordB,
    WordStart,
    WordEnd,
}

impl Assert {
    /// Whether the assertion holds at `pos` of `t`.
    pub fn holds(self, t: &[u8], pos: usize) -> bool {
        let before = pos > 0 && is_word(t[pos - 1]);
        let after = pos < t.len() && is_word(t[pos]);
        match self {
            Assert::Bol => pos == 0,
            Assert::Eol => pos == t.len(),
            Assert::LineBol => pos == 0 || t[pos - 1] == b'\n',
            Assert::LineEol => pos == t.len() || t[pos] == b'\n',
            Assert::WordB => before != after,
            Assert::NotWordB => before == after,
            Assert::WordStart => !before && after,
            Assert::WordEnd => before && !after,
        }
    }
}

#[derive(Clone, Debug)]
pub enum Node {
    Empty,
    Set(Box<ByteSet>),
    Assert(Assert),
    Group(usize, Box<Node>),
    Cat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat(Box<Node>, u32, Option<u32>),
    Backref(usize),
}

/// The tree with `^` and `$` matching at every line (PCRE's `/m`).
pub fn multiline(n: Node) -> Node {
    match n {
        Node::Assert(Assert::Bol) => Node::Assert(Assert::LineBol),
        Node::Assert(Assert::Eol) => Node::Assert(Assert::LineEol),
        Node::Group(i, inner) => Node::Group(i, Box::new(multiline(*inner))),
        Node::Cat(v) => Node::Cat(v.into_iter().map(multiline).collect()),
        Node::Alt(v) => Node::Alt(v.into_iter().map(multiline).collect()),
        Node::Repeat(inner, lo, hi) => Node::Repeat(Box::new(multiline(*inner)), lo, hi),
        other => other,
    }
}

pub struct Parsed {
    pub root: Node,
    pub groups: usize,
    pub backrefs: bool,
    pub warnings: Vec<String>,
}

/// The largest count in `{m,n}` (glibc's RE_DUP_MAX).
const DUP_MAX: u32 = 0x7fff;
/// How many intervals may be stacked on one atom (`a{2}{2}…`).
const MAX_STACKED: usize = 16;
/// How deep groups may nest.
const MAX_DEPTH: usize = 250;

struct Parser<'p> {
    p: &'p [u8],
    i: usize,
    ere: bool,
    icase: bool,
    groups: usize,
    /// Groups whose `)` has been read (back-references may name only these).
    closed: Vec<bool>,
    backrefs: bool,
    warnings: Vec<String>,
}

pub fn parse(p: &[u8], syntax: Syntax, icase: bool) -> Result<Parsed, RegexError> {
    let mut ps =
        Parser { p, i: 0, ere: syntax == Syntax::Ere, icase, groups: 0, closed: vec![false], backrefs: false, warnings: Vec::new() };
    let root = ps.alt(0)?;
    if ps.i < p.len() {
        // Only an unmatched `\)` stops the top level.
        return Err(RegexError::RParen);
    }
    Ok(Parsed { root, groups: ps.groups, backrefs: ps.backrefs, warnings: ps.warnings })
}

/// The NFA size a tree compiles to (saturating), to refuse huge patterns.
pub fn size(n: &Node) -> usize {
    match n {
        Node::Empty | Node::Set(_) | Node::Assert(_) | Node::Backref(_) => 1,
        Node::Group(_, inner) => size(inner),
        Node::Cat(v) | Node::Alt(v) => v.iter().fold(1usize, |a, n| a.saturating_add(size(n)).saturating_add(1)),
        Node::Repeat(inner, min, max) => {
            let copies = max.unwrap_or(*min).max(*min).max(1) as usize + 1;
            size(inner).saturating_add(1).saturating_mul(copies)
        }
    }
}

impl Parser<'_> {
    fn peek(&self, k: usize) -> Option<u8> {
        self.p.get(self.i + k).copied()
    }

    /// At `|` (ERE) or `\|` (BRE).
    fn at_bar(&self) -> bool {
        if self.ere {
            self.peek(0) == Some(b'|')
        } else {
            self.peek(0) == Some(b'\\') && self.peek(1) == Some(b'|')
        }
    }

    /// At the `)` closing a group (ERE: only inside one).
    fn at_close(&self, depth: usize) -> bool {
        if self.ere {
            depth > 0 && self.peek(0) == Some(b')')
        } else {
            self.peek(0) == Some(b'\\') && self.peek(1) == Some(b')')
        }
    }

    fn alt(&mut self, depth: usize) -> Result<Node, RegexError> {
        if depth > MAX_DEPTH {
            return Err(RegexError::Size);
        }
        // As glibc: a branch may refer back only to groups closed before the
        // alternation or in that branch.
        let initial = self.closed.clone();
        let mut alts = vec![self.cat(depth)?];
        while self.at_bar() {
            self.i += if self.ere { 1 } else { 2 };
            let accumulated = std::mem::take(&mut self.closed);
            self.closed = (0..accumulated.len()).map(|k| initial.get(k).copied().unwrap_or(false)).collect();
            alts.push(self.cat(depth)?);
            for (k, done) in accumulated.into_iter().enumerate() {
                if done {
                    if let Some(c) = self.closed.get_mut(k) {
                        *c = true;
                    }
                }
            }
        }
        Ok(if alts.len() == 1 { alts.pop().unwrap_or(Node::Empty) } else { Node::Alt(alts) })
    }

    fn cat(&mut self, depth: usize) -> Result<Node, RegexError> {
        let mut items: Vec<Node> = Vec::new();
        // Whether a repetition operator here has nothing to repeat.
        let mut at_start = true;
        loop {
            if self.i >= self.p.len() || self.at_bar() || self.at_close(depth) {
                break;
            }
            if !self.ere && self.peek(0) == Some(b'\\') && self.peek(1) == Some(b')') {
                break;
            }
            let c = self.p[self.i];
            if at_start {
                if self.ere && matches!(c, b'*' | b'+' | b'?') {
                    self.warnings.push(format!("{} at start of expression", c as char));
                    self.i += 1;
                    continue;
                }
                if self.ere && c == b'{' {
                    self.warnings.push("{...} at start of expression".into());
                    self.i += 1;
                    continue;
                }
            }
            let atom = match self.atom(depth, at_start)? {
                Some(a) => a,
                None => continue,
            };
            let anchor = matches!(atom, Node::Assert(Assert::Bol));
            // A BRE's `*` after an anchor is literal; an ERE's after a leading
            // `^` is dropped with a warning (the next turn of this loop).
            let repeatable = !matches!(atom, Node::Assert(_)) || (self.ere && !(anchor && at_start));
            let atom = if repeatable { self.quantifiers(atom)? } else { atom };
            items.push(atom);
            at_start = anchor && at_start && self.ere;
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().unwrap_or(Node::Empty),
            _ => Node::Cat(items),
        })
    }

    fn lit(&self, b: u8) -> Node {
        Node::Set(Box::new(ByteSet::byte(b, self.icase)))
    }

    /// One atom; `None` when the input was consumed without one.
    fn atom(&mut self, depth: usize, at_start: bool) -> Result<Option<Node>, RegexError> {
        let c = self.p[self.i];
        self.i += 1;
        let node = match c {
            b'(' if self.ere => self.group(depth)?,
            b'|' | b')' if self.ere => self.lit(c),
            b'^' if self.ere || at_start => Node::Assert(Assert::Bol),
            b'$' if self.ere || self.bre_dollar_is_anchor() => Node::Assert(Assert::Eol),
            b'.' => Node::Set(Box::new(ByteSet::all())),
            b'[' => self.bracket()?,
            b'\\' => return self.escape(depth, at_start),
            _ => self.lit(c),
        };
        Ok(Some(node))
    }

    /// In a BRE `$` anchors only at the end of the pattern or before `\)`/`\|`.
    fn bre_dollar_is_anchor(&self) -> bool {
        self.i == self.p.len() || (self.peek(0) == Some(b'\\') && matches!(self.peek(1), Some(b')') | Some(b'|')))
    }

    fn group(&mut self, depth: usize) -> Result<Node, RegexError> {
        self.groups += 1;
        let idx = self.groups;
        self.closed.push(false);
        let inner = self.alt(depth + 1)?;
        let close = if self.ere { self.peek(0) == Some(b')') } else { self.peek(0) == Some(b'\\') && self.peek(1) == Some(b')') };
        if !close {
            return Err(RegexError::Paren);
        }
        self.i += if self.ere { 1 } else { 2 };
        self.closed[idx] = true;
        Ok(Node::Group(idx, Box::new(inner)))
    }

    fn escape(&mut self, depth: usize, at_start: bool) -> Result<Option<Node>, RegexError> {
        let Some(c) = self.peek(0) else { return Err(RegexError::Escape) };
        self.i += 1;
        let set = |f: &dyn Fn(&mut ByteSet), neg: bool| {
            let mut s = ByteSet::new();
            f(&mut s);
            if neg {
                s.negate();
            }
            Node::Set(Box::new(s))
        };
        let node = match c {
            b'(' if !self.ere => self.group(depth)?,
            b')' if !self.ere => return Err(RegexError::RParen),
            b'{' if !self.ere && at_start => self.lit(b'{'),
            b'*' | b'+' | b'?' if !self.ere && at_start => self.lit(c),
            b'1'..=b'9' => {
                let n = usize::from(c - b'0');
                if !self.closed.get(n).copied().unwrap_or(false) {
                    return Err(RegexError::Subreg);
                }
                self.backrefs = true;
                Node::Backref(n)
            }
            b'w' | b'W' => set(
                &|s| {
                    s.add_class(b"alnum");
                    s.add(b'_');
                },
                c == b'W',
            ),
            b's' | b'S' => set(
                &|s| {
                    s.add_class(b"space");
                },
                c == b'S',
            ),
            b'b' => Node::Assert(Assert::WordB),
            b'B' => Node::Assert(Assert::NotWordB),
            b'<' => Node::Assert(Assert::WordStart),
            b'>' => Node::Assert(Assert::WordEnd),
            b'`' => Node::Assert(Assert::Bol),
            b'\'' => Node::Assert(Assert::Eol),
            b'n' => self.lit(b'\n'),
            _ => self.lit(c),
        };
        Ok(Some(node))
    }

    fn quantifiers(&mut self, mut atom: Node) -> Result<Node, RegexError> {
        let mut stacked = 0;
        loop {
            let (min, max) = match (self.peek(0), self.peek(1)) {
                (Some(b'*'), _) => {
                    self.i += 1;
                    (0, None)
                }
                (Some(b'+'), _) if self.ere => {
                    self.i += 1;
                    (1, None)
                }
                (Some(b'?'), _) if self.ere => {
                    self.i += 1;
                    (0, Some(1))
                }
                (Some(b'\\'), Some(b'+')) if !self.ere => {
                    self.i += 2;
                    (1, None)
                }
                (Some(b'\\'), Some(b'?')) if !self.ere => {
                    self.i += 2;
                    (0, Some(1))
                }
                (Some(b'{'), _) if self.ere => match self.interval(self.i + 1)? {
                    Some((min, max, next)) => {
                        self.i = next;
                        (min, max)
                    }
                    None => return Ok(atom),
                },
                (Some(b'\\'), Some(b'{')) if !self.ere => match self.interval(self.i + 2)? {
                    Some((min, max, next)) => {
                        self.i = next;
                        (min, max)
                    }
                    None => return Err(RegexError::Brace),
                },
                _ => return Ok(atom),
            };
            atom = match atom {
                // `x**`, `x+?`, `x??`…: one of `*`, `+`, `?` again.
                Node::Repeat(inner, m1, x1) if m1 <= 1 && matches!(x1, None | Some(1)) && min <= 1 && matches!(max, None | Some(1)) => {
                    let min = u32::from(m1 == 1 && min == 1);
                    let max = if x1 == Some(1) && max == Some(1) { Some(1) } else { None };
                    Node::Repeat(inner, min, max)
                }
                other => {
                    stacked += 1;
                    if stacked > MAX_STACKED {
                        return Err(RegexError::Size);
                    }
                    Node::Repeat(Box::new(other), min, max)
                }
            };
        }
    }

    /// `m}`, `m,}`, `m,n}`, `,n}` from `at` (after the `{`): the counts and the
    /// index after the closing brace; `None` when an ERE's `{` is a literal.
    fn interval(&self, at: usize) -> Result<Option<(u32, Option<u32>, usize)>, RegexError> {
        let p = self.p;
        let mut j = at;
        let number = |j: &mut usize| -> Option<u32> {
            let start = *j;
            let mut n: u32 = 0;
            while *j < p.len() && p[*j].is_ascii_digit() {
                n = n.saturating_mul(10).saturating_add(u32::from(p[*j] - b'0')).min(DUP_MAX + 1);
                *j += 1;
            }
            (*j > start).then_some(n)
        };
        let min = number(&mut j);
        let max = if p.get(j) == Some(&b',') {
            j += 1;
            number(&mut j)
        } else {
            Some(min.unwrap_or(0))
        };
        let closed = if self.ere {
            (p.get(j) == Some(&b'}')).then_some(j + 1)
        } else {
            (p.get(j) == Some(&b'\\') && p.get(j + 1) == Some(&b'}')).then_some(j + 2)
        };
        let Some(next) = closed else {
            if self.ere {
                return Ok(None);
            }
            // A BRE's `\{` must close; content that is not a count is invalid.
            let rest = &p[j..];
            let unclosed = !rest.windows(2).any(|w| w == b"\\}");
            return Err(if unclosed { RegexError::Brace } else { RegexError::BadBrace });
        };
        if min.is_none() && p.get(at) != Some(&b',') {
            return if self.ere { Ok(None) } else { Err(RegexError::BadBrace) };
        }
        let min = min.unwrap_or(0);
        if min > DUP_MAX || max.is_some_and(|m| m > DUP_MAX) {
            return Err(RegexError::Size);
        }
        if max.is_some_and(|m| m < min) {
            return Err(RegexError::BadBrace);
        }
        Ok(Some((min, max, next)))
    }

    /// A bracket expression after its `[`.
    fn bracket(&mut self) -> Result<Node, RegexError> {
        let p = self.p;
        if self.i >= p.len() {
            return Err(RegexError::BadPattern);
        }
        let mut set = ByteSet::new();
        let negate = self.peek(0) == Some(b'^');
        if negate {
            self.i += 1;
        }
        let mut first = true;
        loop {
            let Some(c) = self.peek(0) else { return Err(RegexError::Brack) };
            if c == b']' && !first {
                self.i += 1;
                break;
            }
            first = false;
            // The element: a class, an equivalence class, a collating symbol or a byte.
            let lo = if c == b'[' && matches!(self.peek(1), Some(b':') | Some(b'=') | Some(b'.')) {
                let kind = p[self.i + 1];
                let body = self.i + 2;
                let end = (body..p.len().saturating_sub(1)).find(|&k| p[k] == kind && p[k + 1] == b']');
                let Some(end) = end else { return Err(RegexError::Brack) };
                let name = &p[body..end];
                self.i = end + 2;
                match kind {
                    b':' => {
                        if !set.add_class(name) {
                            return Err(RegexError::Class);
                        }
                        if self.peek(0) == Some(b'-') && self.peek(1).is_some_and(|n| n != b']') {
                            return Err(RegexError::Range);
                        }
                        continue;
                    }
                    _ if name.len() != 1 => return Err(RegexError::Collate),
                    b'=' => {
                        set.add(name[0]);
                        continue;
                    }
                    _ => name[0],
                }
            } else {
                self.i += 1;
                c
            };
            if self.peek(0) == Some(b'-') && self.peek(1).is_some_and(|n| n != b']') {
                self.i += 1;
                let hi = if self.peek(0) == Some(b'[') && self.peek(1) == Some(b'.') {
                    let body = self.i + 2;
                    let end = (body..p.len().saturating_sub(1)).find(|&k| p[k] == b'.' && p[k + 1] == b']');
                    let Some(end) = end else { return Err(RegexError::Brack) };
                    if end - body != 1 {
                        return Err(RegexError::Collate);
                    }
                    self.i = end + 2;
                    p[body]
                } else if self.peek(0) == Some(b'[') && matches!(self.peek(1), Some(b':') | Some(b'=')) {
                    return Err(RegexError::Range);
                } else {
                    let Some(h) = self.peek(0) else { return Err(RegexError::Brack) };
                    self.i += 1;
                    h
                };
                if hi < lo {
                    return Err(RegexError::Range);
                }
                set.add_range(lo, hi);
            } else {
                set.add(lo);
            }
        }
        if self.icase {
            set.fold();
        }
        if negate {
            set.negate();
        }
        Ok(Node::Set(Box::new(set)))
    }
}
