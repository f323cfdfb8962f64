//! A small Python 3 front end for the programs tutorials and Dockerfiles
//! run: a lexer with INDENT/DEDENT tokens and a recursive-descent parser
//! producing the tree `py_eval.rs` walks. Errors carry Python's kind,
//! message, line and column (`SyntaxError: invalid syntax`).

use std::rc::Rc;

// ----------------------------------------------------------------- lexer ----

#[derive(Clone, Debug, PartialEq)]
pub enum T {
    Name(Rc<str>),
    Int(i64),
    Float(f64),
    /// Text, f-string, bytes.
    Str(String, bool, bool),
    Op(&'static str),
    Nl,
    Indent,
    Dedent,
    End,
}

/// A syntax error: kind (`SyntaxError`, `IndentationError`), message, line, column (0-based).
#[derive(Clone, Debug, PartialEq)]
pub struct SynErr(pub &'static str, pub String, pub usize, pub usize);

const OPS: &[&str] = &[
    "**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "==", "!=", "<=", ">=", "<<", ">>", "+=", "-=", "*=", "/=", "%=", "&=",
    "|=", "^=", "@=", "+", "-", "*", "/", "%", "<", ">", "=", "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "@", "&", "|", "^", "~",
];

pub fn lex(src: &str) -> Result<Vec<(T, usize, usize)>, SynErr> {
    let c: Vec<char> = src.chars().collect();
    let mut out: Vec<(T, usize, usize)> = Vec::new();
    let (mut i, mut line, mut line_start) = (0, 1, 0);
    let mut indents = vec![0usize];
    let mut depth = 0usize;
    let mut at_start = true;
    let err = |m: &str, line, col| SynErr("SyntaxError", m.to_string(), line, col);
    while i < c.len() {
        if at_start && depth == 0 {
            let mut w = 0;
            let mut j = i;
            while j < c.len() && (c[j] == ' ' || c[j] == '\t' || c[j] == '\x0c') {
                w = if c[j] == '\t' { (w / 8 + 1) * 8 } else { w + 1 };
                j += 1;
            }
            if j >= c.len() || c[j] == '\n' || c[j] == '#' || c[j] == '\r' {
                while j < c.len() && c[j] != '\n' {
                    j += 1;
                }
                i = j + 1;
                line += 1;
                line_start = i;
                continue;
            }
            at_start = false;
            i = j;
            let top = *indents.last().unwrap_or(&0);
            if w > top {
                let n = out.len();
                if n < 2 || !matches!(out[n - 1].0, T::Nl) || !matches!(out[n - 2].0, T::Op(":")) {
                    return Err(SynErr("IndentationError", "unexpected indent".into(), line, w));
                }
                indents.push(w);
                out.push((T::Indent, line, 0));
            } else {
                while w < *indents.last().unwrap_or(&0) {
                    indents.pop();
                    out.push((T::Dedent, line, 0));
                }
                if w != *indents.last().unwrap_or(&0) {
                    return Err(SynErr("IndentationError", "unindent does not match any outer indentation level".into(), line, w));
                }
            }
        }
        let ch = c[i];
        let col = i - line_start;
        if ch == '\n' {
            if depth == 0 {
                out.push((T::Nl, line, col));
                at_start = true;
            }
            line += 1;
            i += 1;
            line_start = i;
        } else if ch == '\\' && c.get(i + 1) == Some(&'\n') {
            i += 2;
            line += 1;
            line_start = i;
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch == '#' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch.is_ascii_digit() || (ch == '.' && c.get(i + 1).is_some_and(char::is_ascii_digit)) {
            let start = i;
            let radix = if ch == '0' && c.get(i + 1).is_some_and(|x| "xXoObB".contains(*x)) {
                i += 2;
                match c[i - 1].to_ascii_lowercase() {
                    'x' => 16,
                    'o' => 8,
                    _ => 2,
                }
            } else {
                10
            };
            let mut float = false;
            while i < c.len() {
                let x = c[i];
                if x.is_ascii_alphanumeric() || x == '_' {
                    if radix == 10 && (x == 'e' || x == 'E') {
                        float = true;
                        if matches!(c.get(i + 1), Some('+' | '-')) {
                            i += 1;
                        }
                    }
                    i += 1;
                } else if x == '.' && radix == 10 && !float {
                    float = true;
                    i += 1;
                } else {
                    break;
                }
            }
            let t: String = c[start..i].iter().filter(|&&x| x != '_').collect();
            let tok = if float {
                T::Float(t.parse().map_err(|_| err("invalid decimal literal", line, col))?)
            } else if radix == 10 {
                match t.parse::<i64>() {
                    Ok(n) => T::Int(n),
                    Err(_) if t.bytes().all(|b| b.is_ascii_digit()) => {
                        return Err(err("dockersim: integers beyond 64 bits are not simulated", line, col))
                    }
                    Err(_) => return Err(err("invalid decimal literal", line, col)),
                }
            } else {
                T::Int(i64::from_str_radix(&t[2..], radix).map_err(|_| err("invalid literal", line, col))?)
            };
            out.push((tok, line, col));
        } else if ch.is_alphabetic() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            let word: String = c[start..i].iter().collect();
            let lower = word.to_ascii_lowercase();
            if i < c.len() && (c[i] == '"' || c[i] == '\'') && lower.len() <= 2 && lower.chars().all(|x| "rbfu".contains(x)) {
                let (s, ni, nl) = string(&c, i, lower.contains('r'), line)
                    .map_err(|l| err("unterminated string literal (detected at line 1)", l, col))?;
                i = ni;
                if nl > line {
                    line = nl;
                    line_start = c[..i].iter().rposition(|&x| x == '\n').map_or(0, |p| p + 1);
                }
                out.push((T::Str(s, lower.contains('f'), lower.contains('b')), line, col));
            } else {
                out.push((T::Name(Rc::from(word.as_str())), line, col));
            }
        } else if ch == '"' || ch == '\'' {
            let (s, ni, nl) = string(&c, i, false, line).map_err(|l| {
                let m = if l == line {
                    format!("unterminated string literal (detected at line {l})")
                } else {
                    format!("unterminated triple-quoted string literal (detected at line {l})")
                };
                SynErr("SyntaxError", m, line, col)
            })?;
            i = ni;
            if nl > line {
                line = nl;
                line_start = c[..i].iter().rposition(|&x| x == '\n').map_or(0, |p| p + 1);
            }
            out.push((T::Str(s, false, false), line, col));
        } else {
            let rest: String = c[i..(i + 3).min(c.len())].iter().collect();
            let Some(p) = OPS.iter().find(|p| rest.starts_with(**p)) else {
                return Err(err(&format!("invalid character '{ch}' (U+{:04X})", ch as u32), line, col));
            };
            match *p {
                "(" | "[" | "{" => depth += 1,
                ")" | "]" | "}" => {
                    if depth == 0 {
                        return Err(err(&format!("unmatched '{p}'"), line, col));
                    }
                    depth -= 1
                }
                _ => {}
            }
            out.push((T::Op(p), line, col));
            i += p.len();
        }
    }
    if depth > 0 {
        let open = out.iter().rev().find(|t| matches!(t.0, T::Op("(" | "[" | "{"))).cloned();
        let (p, l, col) = match open {
            Some((T::Op(p), l, col)) => (p, l, col),
            _ => ("(", line, 0),
        };
        return Err(err(&format!("'{p}' was never closed"), l, col));
    }
    if !matches!(out.last(), Some((T::Nl, ..)) | None) {
        out.push((T::Nl, line, i - line_start));
    }
    for _ in 1..indents.len() {
        out.push((T::Dedent, line, 0));
    }
    out.push((T::End, line, 0));
    Ok(out)
}

/// A string literal starting at the quote `c[i]`: (value, next index, line after). Err: the line it ran off.
fn string(c: &[char], mut i: usize, raw: bool, mut line: usize) -> Result<(String, usize, usize), usize> {
    let q = c[i];
    let triple = c.get(i + 1) == Some(&q) && c.get(i + 2) == Some(&q);
    i += if triple { 3 } else { 1 };
    let mut s = String::new();
    loop {
        let Some(&x) = c.get(i) else { return Err(line) };
        if x == q && (!triple || (c.get(i + 1) == Some(&q) && c.get(i + 2) == Some(&q))) {
            return Ok((s, i + if triple { 3 } else { 1 }, line));
        }
        if x == '\n' {
            if !triple {
                return Err(line);
            }
            line += 1;
        }
        if x == '\\' && i + 1 < c.len() {
            let n = c[i + 1];
            if raw {
                s.push('\\');
                s.push(n);
                i += 2;
                continue;
            }
            i += 2;
            match n {
                'n' => s.push('\n'),
                't' => s.push('\t'),
                'r' => s.push('\r'),
                '0' => s.push('\0'),
                'a' => s.push('\x07'),
                'b' => s.push('\x08'),
                'f' => s.push('\x0c'),
                'v' => s.push('\x0b'),
                '\n' => line += 1,
                'x' | 'u' | 'U' => {
                    let n = match n {
                        'x' => 2,
                        'u' => 4,
                        _ => 8,
                    };
                    let hex: String = c[i..(i + n).min(c.len())].iter().collect();
                    match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                        Some(ch) => s.push(ch),
                        None => return Err(line),
                    }
                    i += n;
                }
                '\\' | '\'' | '"' => s.push(n),
                other => {
                    s.push('\\');
                    s.push(other)
                }
            }
            continue;
        }
        s.push(x);
        i += 1;
    }
}

// ------------------------------------------------------------------- AST ----

#[derive(Clone, Debug)]
pub enum Ex {
    Name(Rc<str>),
    Int(i64),
    Float(f64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    None,
    Bool(bool),
    Ellipsis,
    FStr(Vec<FPart>),
    List(Vec<Ex>),
    Tuple(Vec<Ex>),
    Set(Vec<Ex>),
    /// `None` key: `**spread`.
    Dict(Vec<(Option<Ex>, Ex)>),
    Star(Box<Ex>),
    Attr(Box<Ex>, Rc<str>),
    Index(Box<Ex>, Box<Ex>),
    Slice(Option<Box<Ex>>, Option<Box<Ex>>, Option<Box<Ex>>),
    Call(Box<Ex>, Vec<Arg>),
    Bin(&'static str, Box<Ex>, Box<Ex>),
    Unary(&'static str, Box<Ex>),
    And(Box<Ex>, Box<Ex>),
    Or(Box<Ex>, Box<Ex>),
    Cmp(Box<Ex>, Vec<(&'static str, Ex)>),
    IfExp(Box<Ex>, Box<Ex>, Box<Ex>),
    Lambda(Rc<FnDef>),
    /// Kind (`[`, `{`, `(`, `d` for dict), element, dict value, generators.
    Comp(char, Box<Ex>, Option<Box<Ex>>, Vec<CompFor>),
    Walrus(Rc<str>, Box<Ex>),
}

#[derive(Clone, Debug)]
pub enum FPart {
    Lit(String),
    /// Expression, conversion (`r`, `s`, `a` or ' '), format spec, the `{x=}` text.
    Ex(Ex, char, Vec<FPart>, Option<String>),
}

#[derive(Clone, Debug)]
pub struct CompFor {
    pub target: Ex,
    pub iter: Ex,
    pub conds: Vec<Ex>,
}

#[derive(Clone, Debug)]
pub enum Arg {
    Pos(Ex),
    Star(Ex),
    Kw(Rc<str>, Ex),
    DStar(Ex),
}

#[derive(Clone, Debug)]
pub struct Param {
    pub name: Rc<str>,
    pub default: Option<Ex>,
    /// 0 positional-or-keyword, 1 `*args`, 2 `**kwargs`, 3 keyword-only.
    pub kind: u8,
}

#[derive(Debug)]
pub struct FnDef {
    pub name: Rc<str>,
    pub params: Vec<Param>,
    pub body: Vec<St>,
    pub generator: bool,
    /// `async def`: a coroutine function (run only by a web framework's dispatch).
    pub is_async: bool,
}

#[derive(Clone, Debug)]
pub struct St {
    pub line: usize,
    pub k: Sk,
}

#[derive(Clone, Debug)]
pub struct Handler {
    pub typ: Option<Ex>,
    pub name: Option<Rc<str>>,
    pub body: Vec<St>,
}

#[derive(Clone, Debug)]
pub enum Sk {
    Expr(Ex),
    Assign(Vec<Ex>, Ex),
    Aug(Ex, &'static str, Ex),
    Pass,
    Break,
    Continue,
    Return(Option<Ex>),
    Raise(Option<Ex>, Option<Ex>),
    Global(Vec<Rc<str>>),
    Nonlocal(Vec<Rc<str>>),
    Del(Vec<Ex>),
    Assert(Ex, Option<Ex>),
    Import(Vec<(String, Option<Rc<str>>)>),
    From(String, Vec<(Rc<str>, Option<Rc<str>>)>),
    If(Vec<(Ex, Vec<St>)>, Vec<St>),
    While(Ex, Vec<St>, Vec<St>),
    For(Ex, Ex, Vec<St>, Vec<St>),
    Try(Vec<St>, Vec<Handler>, Vec<St>, Vec<St>),
    With(Vec<(Ex, Option<Ex>)>, Vec<St>),
    Def(Rc<FnDef>, Vec<Ex>),
    Class(Rc<str>, Vec<Ex>, Rc<Vec<St>>, Vec<Ex>),
    Yield(Ex),
}

// ---------------------------------------------------------------- parser ----

pub struct Parser {
    toks: Vec<(T, usize, usize)>,
    pos: usize,
    depth: usize,
    in_fn: Vec<bool>,
}

type PR<X> = Result<X, SynErr>;

pub fn parse(src: &str) -> PR<Vec<St>> {
    let toks = lex(src)?;
    let mut p = Parser { toks, pos: 0, depth: 0, in_fn: Vec::new() };
    let mut out = Vec::new();
    while p.peek() != &T::End {
        if p.peek() == &T::Nl {
            p.pos += 1;
            continue;
        }
        out.extend(p.stmt()?);
    }
    Ok(out)
}

/// Parses one expression (an f-string's `{…}`).
fn parse_expr(src: &str, line: usize) -> PR<Ex> {
    let toks: Vec<(T, usize, usize)> = lex(&format!("({src})")).map_err(|mut e| {
        e.2 = line;
        e
    })?;
    let mut p = Parser { toks, pos: 0, depth: 0, in_fn: Vec::new() };
    let e = p.expr_list()?;
    if !matches!(p.peek(), T::Nl | T::End) {
        return Err(p.err("f-string: invalid syntax"));
    }
    Ok(e)
}

impl Parser {
    fn peek(&self) -> &T {
        &self.toks[self.pos.min(self.toks.len() - 1)].0
    }
    fn prev_line(&self) -> usize {
        self.toks[self.pos.saturating_sub(1).min(self.toks.len() - 1)].1
    }
    fn line(&self) -> usize {
        self.toks[self.pos.min(self.toks.len() - 1)].1
    }
    fn next(&mut self) -> T {
        let t = self.peek().clone();
        if self.pos < self.toks.len() {
            self.pos += 1;
        }
        t
    }
    fn is(&self, op: &str) -> bool {
        matches!(self.peek(), T::Op(o) if *o == op) || matches!(self.peek(), T::Name(n) if &**n == op)
    }
    fn eat(&mut self, op: &str) -> bool {
        if self.is(op) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn err(&self, m: &str) -> SynErr {
        let (_, l, c) = &self.toks[self.pos.min(self.toks.len() - 1)];
        SynErr("SyntaxError", m.to_string(), *l, *c)
    }
    fn expect(&mut self, op: &str) -> PR<()> {
        if self.eat(op) {
            Ok(())
        } else if op == ":" {
            Err(self.err("expected ':'"))
        } else if matches!(self.peek(), T::Nl | T::End) && op == ")" {
            Err(self.err("'(' was never closed"))
        } else {
            Err(self.err("invalid syntax"))
        }
    }
    fn name(&mut self) -> PR<Rc<str>> {
        match self.next() {
            T::Name(n) if !KEYWORDS.contains(&&*n) => Ok(n),
            _ => {
                self.pos -= 1;
                Err(self.err("invalid syntax"))
            }
        }
    }
    fn enter(&mut self) -> PR<()> {
        self.depth += 1;
        if self.depth > MAX_NEST {
            return Err(SynErr("SyntaxError", "too many nested parentheses".into(), self.line(), 0));
        }
        Ok(())
    }

    /// A suite after a header (`what` on `line` names it in IndentationError).
    fn block_after(&mut self, what: &str, hline: usize) -> PR<Vec<St>> {
        self.expect(":")?;
        if self.peek() != &T::Nl {
            let b = self.simple_line()?;
            return Ok(b);
        }
        self.next();
        if self.peek() != &T::Indent {
            let l = self.line();
            let m = if what.is_empty() {
                "expected an indented block".to_string()
            } else {
                format!("expected an indented block after {what} on line {hline}")
            };
            return Err(SynErr("IndentationError", m, l, 0));
        }
        self.next();
        let mut out = Vec::new();
        while !matches!(self.peek(), T::Dedent | T::End) {
            if self.peek() == &T::Nl {
                self.next();
                continue;
            }
            out.extend(self.stmt()?);
        }
        self.eat_dedent();
        Ok(out)
    }
    fn eat_dedent(&mut self) {
        if self.peek() == &T::Dedent {
            self.next();
        }
    }

    fn stmt(&mut self) -> PR<Vec<St>> {
        self.enter()?;
        let r = self.stmt_inner();
        self.depth -= 1;
        r
    }

    fn stmt_inner(&mut self) -> PR<Vec<St>> {
        let line = self.line();
        let st = |k| St { line, k };
        let kw = match self.peek() {
            T::Name(n) => n.clone(),
            _ => return self.simple_line(),
        };
        match &*kw {
            "if" => {
                self.next();
                let mut arms = vec![(self.expr()?, self.block_after("'if' statement", self.prev_line())?)];
                let mut els = Vec::new();
                loop {
                    if self.eat("elif") {
                        arms.push((self.expr()?, self.block_after("'elif' statement", self.prev_line())?));
                    } else if self.eat("else") {
                        els = self.block_after("'else' statement", self.prev_line())?;
                        break;
                    } else {
                        break;
                    }
                }
                Ok(vec![st(Sk::If(arms, els))])
            }
            "while" => {
                self.next();
                let c = self.expr()?;
                let b = self.block_after("'while' statement", self.prev_line())?;
                let e = if self.eat("else") { self.block_after("'else' statement", self.prev_line())? } else { Vec::new() };
                Ok(vec![st(Sk::While(c, b, e))])
            }
            "for" => {
                self.next();
                let t = self.target_list()?;
                self.expect("in")?;
                let it = self.expr_list()?;
                let b = self.block_after("'for' statement", self.prev_line())?;
                let e = if self.eat("else") { self.block_after("'else' statement", self.prev_line())? } else { Vec::new() };
                Ok(vec![st(Sk::For(t, it, b, e))])
            }
            "try" => {
                self.next();
                let body = self.block_after("'try' statement", self.prev_line())?;
                let mut hs = Vec::new();
                while self.eat("except") {
                    let (typ, name) = if self.is(":") {
                        (None, None)
                    } else {
                        let t = self.expr()?;
                        let n = if self.eat("as") { Some(self.name()?) } else { None };
                        (Some(t), n)
                    };
                    hs.push(Handler { typ, name, body: self.block_after("'except' statement", self.prev_line())? });
                }
                let els = if self.eat("else") { self.block_after("'else' statement", self.prev_line())? } else { Vec::new() };
                let fin = if self.eat("finally") { self.block_after("'finally' statement", self.prev_line())? } else { Vec::new() };
                if hs.is_empty() && fin.is_empty() {
                    return Err(self.err("expected 'except' or 'finally' block"));
                }
                Ok(vec![st(Sk::Try(body, hs, els, fin))])
            }
            "with" => {
                self.next();
                let mut items = Vec::new();
                loop {
                    let e = self.expr()?;
                    let t = if self.eat("as") { Some(self.target()?) } else { None };
                    items.push((e, t));
                    if !self.eat(",") {
                        break;
                    }
                }
                Ok(vec![st(Sk::With(items, self.block_after("'with' statement", self.prev_line())?))])
            }
            "def" => Ok(vec![st(self.def(Vec::new())?)]),
            "async" if matches!(self.toks.get(self.pos + 1), Some((T::Name(n), ..)) if &**n == "def") => {
                Ok(vec![st(self.def(Vec::new())?)])
            }
            "class" => Ok(vec![st(self.class(Vec::new())?)]),
            _ => self.simple_line(),
        }
    }

    fn decorated(&mut self) -> PR<Sk> {
        let mut decs = Vec::new();
        while self.eat("@") {
            decs.push(self.expr()?);
            if self.next() != T::Nl {
                return Err(self.err("invalid syntax"));
            }
        }
        if self.is("def") || self.is("async") {
            self.def(decs)
        } else if self.is("class") {
            self.class(decs)
        } else {
            Err(self.err("invalid syntax"))
        }
    }

    fn def(&mut self, decs: Vec<Ex>) -> PR<Sk> {
        let is_async = self.eat("async");
        self.expect("def")?;
        let name = self.name()?;
        self.expect("(")?;
        let params = self.params(")")?;
        self.expect(")")?;
        if self.eat("->") {
            self.expr()?;
        }
        self.in_fn.push(false);
        let body = self.block_after("function definition", self.prev_line());
        let generator = self.in_fn.pop().unwrap_or(false);
        Ok(Sk::Def(Rc::new(FnDef { name, params, body: body?, generator, is_async }), decs))
    }

    fn params(&mut self, end: &str) -> PR<Vec<Param>> {
        let mut ps: Vec<Param> = Vec::new();
        let mut kwonly = false;
        while !self.is(end) {
            if self.eat("**") {
                ps.push(Param { name: self.name()?, default: None, kind: 2 });
            } else if self.eat("*") {
                kwonly = true;
                if !self.is(",") {
                    ps.push(Param { name: self.name()?, default: None, kind: 1 });
                }
            } else if self.eat("/") {
            } else {
                let name = self.name()?;
                if end == ")" && self.eat(":") {
                    self.expr()?;
                }
                let default = if self.eat("=") { Some(self.expr()?) } else { None };
                if default.is_none() && !kwonly && ps.iter().any(|p| p.default.is_some() && p.kind == 0) {
                    return Err(self.err("non-default argument follows default argument"));
                }
                ps.push(Param { name, default, kind: if kwonly { 3 } else { 0 } });
            }
            if !self.eat(",") {
                break;
            }
        }
        Ok(ps)
    }

    fn class(&mut self, decs: Vec<Ex>) -> PR<Sk> {
        self.expect("class")?;
        let name = self.name()?;
        let mut bases = Vec::new();
        if self.eat("(") {
            while !self.is(")") {
                if let T::Name(_) = self.peek() {
                    if matches!(self.toks.get(self.pos + 1), Some((T::Op("="), ..))) {
                        self.pos += 2;
                        self.expr()?;
                        self.eat(",");
                        continue;
                    }
                }
                bases.push(self.expr()?);
                if !self.eat(",") {
                    break;
                }
            }
            self.expect(")")?;
        }
        self.in_fn.push(false);
        let body = self.block_after("class definition", self.prev_line());
        self.in_fn.pop();
        Ok(Sk::Class(name, bases, Rc::new(body?), decs))
    }

    fn simple_line(&mut self) -> PR<Vec<St>> {
        let mut out = Vec::new();
        loop {
            let line = self.line();
            if self.is("@") {
                out.push(St { line, k: self.decorated()? });
                return Ok(out);
            }
            out.push(St { line, k: self.simple()? });
            if !self.eat(";") || matches!(self.peek(), T::Nl | T::End) {
                break;
            }
        }
        match self.next() {
            T::Nl | T::End => Ok(out),
            _ => {
                self.pos -= 1;
                Err(self.err("invalid syntax"))
            }
        }
    }

    fn simple(&mut self) -> PR<Sk> {
        let kw = match self.peek() {
            T::Name(n) => n.clone(),
            _ => Rc::from(""),
        };
        let ends = |p: &Parser| matches!(p.peek(), T::Nl | T::End) || p.is(";");
        match &*kw {
            "pass" => {
                self.next();
                Ok(Sk::Pass)
            }
            "break" => {
                self.next();
                Ok(Sk::Break)
            }
            "continue" => {
                self.next();
                Ok(Sk::Continue)
            }
            "return" => {
                self.next();
                if self.in_fn.is_empty() {
                    return Err(self.err("'return' outside function"));
                }
                Ok(Sk::Return(if ends(self) { None } else { Some(self.expr_list()?) }))
            }
            "raise" => {
                self.next();
                if ends(self) {
                    return Ok(Sk::Raise(None, None));
                }
                let e = self.expr()?;
                let from = if self.eat("from") { Some(self.expr()?) } else { None };
                Ok(Sk::Raise(Some(e), from))
            }
            "global" | "nonlocal" => {
                self.next();
                let mut names = vec![self.name()?];
                while self.eat(",") {
                    names.push(self.name()?);
                }
                Ok(if &*kw == "global" { Sk::Global(names) } else { Sk::Nonlocal(names) })
            }
            "del" => {
                self.next();
                let mut ts = vec![self.target()?];
                while self.eat(",") {
                    ts.push(self.target()?);
                }
                Ok(Sk::Del(ts))
            }
            "assert" => {
                self.next();
                let e = self.expr()?;
                let m = if self.eat(",") { Some(self.expr()?) } else { None };
                Ok(Sk::Assert(e, m))
            }
            "import" => {
                self.next();
                let mut mods = Vec::new();
                loop {
                    let m = self.dotted()?;
                    let a = if self.eat("as") { Some(self.name()?) } else { None };
                    mods.push((m, a));
                    if !self.eat(",") {
                        break;
                    }
                }
                Ok(Sk::Import(mods))
            }
            "from" => {
                self.next();
                let mut m = String::new();
                loop {
                    if self.eat("...") {
                        m.push_str("...");
                    } else if self.eat(".") {
                        m.push('.');
                    } else {
                        break;
                    }
                }
                if !self.is("import") {
                    m.push_str(&self.dotted()?);
                }
                self.expect("import")?;
                let paren = self.eat("(");
                let mut names = Vec::new();
                if self.eat("*") {
                    names.push((Rc::from("*"), None));
                } else {
                    loop {
                        let n = self.name()?;
                        let a = if self.eat("as") { Some(self.name()?) } else { None };
                        names.push((n, a));
                        if !self.eat(",") || (paren && self.is(")")) {
                            break;
                        }
                    }
                }
                if paren {
                    self.expect(")")?;
                }
                Ok(Sk::From(m, names))
            }
            _ => {
                if self.is("yield") {
                    self.next();
                    if let Some(f) = self.in_fn.last_mut() {
                        *f = true;
                    }
                    let e = if ends(self) { Ex::None } else { self.expr_list()? };
                    return Ok(Sk::Yield(e));
                }
                let e = self.star_expr_list()?;
                if let Some(T::Op(op)) = Some(self.peek().clone()) {
                    if op.len() >= 2 && op.ends_with('=') && !matches!(op, "==" | "<=" | ">=" | "!=") {
                        self.next();
                        check_target(&e, self)?;
                        let v = self.expr_list()?;
                        return Ok(Sk::Aug(e, &op[..op.len() - 1], v));
                    }
                    if op == ":" {
                        self.next();
                        self.expr()?;
                        if self.eat("=") {
                            let v = self.expr_list()?;
                            return Ok(Sk::Assign(vec![e], v));
                        }
                        return Ok(Sk::Pass);
                    }
                }
                if self.is("=") {
                    let mut targets = vec![e];
                    let mut value = Ex::None;
                    while self.eat("=") {
                        value = if self.is("yield") {
                            return Err(self.err("dockersim: yield expressions are not simulated"));
                        } else {
                            self.star_expr_list()?
                        };
                        targets.push(value.clone());
                    }
                    targets.pop();
                    for t in &targets {
                        check_target(t, self)?;
                    }
                    return Ok(Sk::Assign(targets, value));
                }
                Ok(Sk::Expr(e))
            }
        }
    }

    fn dotted(&mut self) -> PR<String> {
        let mut s = self.name()?.to_string();
        while self.eat(".") {
            s.push('.');
            s.push_str(&self.name()?);
        }
        Ok(s)
    }

    fn target(&mut self) -> PR<Ex> {
        let e = self.or_expr()?;
        check_target(&e, self)?;
        Ok(e)
    }

    fn target_list(&mut self) -> PR<Ex> {
        let mut items = Vec::new();
        loop {
            if self.eat("*") {
                items.push(Ex::Star(Box::new(self.target()?)));
            } else {
                items.push(self.target()?);
            }
            if !self.eat(",") || self.is("in") {
                break;
            }
        }
        if items.len() == 1
            && !matches!(items[0], Ex::Star(_))
            && !matches!(self.toks.get(self.pos.wrapping_sub(1)), Some((T::Op(","), ..)))
        {
            return Ok(items.pop().unwrap_or(Ex::None));
        }
        Ok(Ex::Tuple(items))
    }

    /// `a, b` (a tuple) or one expression.
    fn expr_list(&mut self) -> PR<Ex> {
        self.star_expr_list()
    }

    fn star_expr_list(&mut self) -> PR<Ex> {
        let first = self.star_expr()?;
        if !self.is(",") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat(",") {
            if matches!(self.peek(), T::Nl | T::End) || self.is("=") || self.is(")") || self.is(":") || self.is(";") {
                break;
            }
            items.push(self.star_expr()?);
        }
        Ok(Ex::Tuple(items))
    }

    fn star_expr(&mut self) -> PR<Ex> {
        if self.eat("*") {
            return Ok(Ex::Star(Box::new(self.or_expr()?)));
        }
        self.expr()
    }

    pub fn expr(&mut self) -> PR<Ex> {
        self.enter()?;
        let r = self.expr_inner();
        self.depth -= 1;
        r
    }

    fn expr_inner(&mut self) -> PR<Ex> {
        if self.eat("lambda") {
            let params = self.params(":")?;
            self.expect(":")?;
            let body = self.expr()?;
            let line = self.line();
            return Ok(Ex::Lambda(Rc::new(FnDef {
                name: Rc::from("<lambda>"),
                params,
                body: vec![St { line, k: Sk::Return(Some(body)) }],
                generator: false,
                is_async: false,
            })));
        }
        if let (T::Name(n), Some((T::Op(":="), ..))) = (self.peek().clone(), self.toks.get(self.pos + 1)) {
            self.pos += 2;
            return Ok(Ex::Walrus(n, Box::new(self.expr()?)));
        }
        let e = self.or_test()?;
        if self.is("if") {
            self.next();
            let c = self.or_test()?;
            if !self.eat("else") {
                return Err(self.err("expected 'else' after 'if' expression"));
            }
            let o = self.expr()?;
            return Ok(Ex::IfExp(Box::new(c), Box::new(e), Box::new(o)));
        }
        Ok(e)
    }

    fn or_test(&mut self) -> PR<Ex> {
        let mut e = self.and_test()?;
        while self.eat("or") {
            e = Ex::Or(Box::new(e), Box::new(self.and_test()?));
        }
        Ok(e)
    }
    fn and_test(&mut self) -> PR<Ex> {
        let mut e = self.not_test()?;
        while self.eat("and") {
            e = Ex::And(Box::new(e), Box::new(self.not_test()?));
        }
        Ok(e)
    }
    fn not_test(&mut self) -> PR<Ex> {
        if self.eat("not") {
            self.enter()?;
            let e = self.not_test();
            self.depth -= 1;
            return Ok(Ex::Unary("not", Box::new(e?)));
        }
        self.comparison()
    }
    fn comparison(&mut self) -> PR<Ex> {
        let first = self.or_expr()?;
        let mut rest = Vec::new();
        loop {
            let op = match self.peek() {
                T::Op(o @ ("<" | ">" | "==" | ">=" | "<=" | "!=")) => *o,
                T::Name(n) if &**n == "in" => "in",
                T::Name(n) if &**n == "is" => {
                    if matches!(self.toks.get(self.pos + 1), Some((T::Name(m), ..)) if &**m == "not") {
                        self.next();
                        "is not"
                    } else {
                        "is"
                    }
                }
                T::Name(n) if &**n == "not" && matches!(self.toks.get(self.pos + 1), Some((T::Name(m), ..)) if &**m == "in") => {
                    self.next();
                    "not in"
                }
                _ => break,
            };
            self.next();
            rest.push((op, self.or_expr()?));
        }
        Ok(if rest.is_empty() { first } else { Ex::Cmp(Box::new(first), rest) })
    }

    fn or_expr(&mut self) -> PR<Ex> {
        self.binary(0)
    }

    fn binary(&mut self, level: usize) -> PR<Ex> {
        const LEVELS: &[&[&str]] = &[&["|"], &["^"], &["&"], &["<<", ">>"], &["+", "-"], &["*", "/", "//", "%", "@"]];
        if level >= LEVELS.len() {
            return self.unary();
        }
        let mut e = self.binary(level + 1)?;
        loop {
            let op = match self.peek() {
                T::Op(o) if LEVELS[level].contains(o) => *o,
                _ => break,
            };
            self.next();
            e = Ex::Bin(op, Box::new(e), Box::new(self.binary(level + 1)?));
        }
        Ok(e)
    }

    fn unary(&mut self) -> PR<Ex> {
        if let T::Op(o @ ("-" | "+" | "~")) = self.peek().clone() {
            self.next();
            self.enter()?;
            let e = self.unary();
            self.depth -= 1;
            return Ok(match (o, e?) {
                ("-", Ex::Int(n)) => Ex::Int(-n),
                ("-", Ex::Float(f)) => Ex::Float(-f),
                (o, e) => Ex::Unary(o, Box::new(e)),
            });
        }
        self.power()
    }

    fn power(&mut self) -> PR<Ex> {
        let base = self.postfix()?;
        if self.eat("**") {
            self.enter()?;
            let e = self.unary();
            self.depth -= 1;
            return Ok(Ex::Bin("**", Box::new(base), Box::new(e?)));
        }
        Ok(base)
    }

    fn postfix(&mut self) -> PR<Ex> {
        let mut e = self.atom()?;
        loop {
            if self.eat(".") {
                e = Ex::Attr(Box::new(e), self.name()?);
            } else if self.eat("(") {
                let args = self.call_args()?;
                e = Ex::Call(Box::new(e), args);
            } else if self.eat("[") {
                let mut items = vec![self.subscript()?];
                let mut tuple = false;
                while self.eat(",") {
                    tuple = true;
                    if self.is("]") {
                        break;
                    }
                    items.push(self.subscript()?);
                }
                self.expect("]")?;
                let idx = if tuple { Ex::Tuple(items) } else { items.pop().unwrap_or(Ex::None) };
                e = Ex::Index(Box::new(e), Box::new(idx));
            } else {
                return Ok(e);
            }
        }
    }

    fn subscript(&mut self) -> PR<Ex> {
        let a = if self.is(":") { None } else { Some(Box::new(self.expr()?)) };
        if !self.eat(":") {
            return Ok(*a.unwrap_or(Box::new(Ex::None)));
        }
        let b = if self.is(":") || self.is("]") || self.is(",") { None } else { Some(Box::new(self.expr()?)) };
        let c = if self.eat(":") && !self.is("]") && !self.is(",") { Some(Box::new(self.expr()?)) } else { None };
        Ok(Ex::Slice(a, b, c))
    }

    fn call_args(&mut self) -> PR<Vec<Arg>> {
        let mut args = Vec::new();
        while !self.is(")") {
            if self.eat("**") {
                args.push(Arg::DStar(self.expr()?));
            } else if self.eat("*") {
                args.push(Arg::Star(self.expr()?));
            } else if let (T::Name(n), Some((T::Op("="), ..))) = (self.peek().clone(), self.toks.get(self.pos + 1)) {
                self.pos += 2;
                args.push(Arg::Kw(n, self.expr()?));
            } else {
                let e = self.expr()?;
                if self.is("for") {
                    let gens = self.comp_for()?;
                    args.push(Arg::Pos(Ex::Comp('(', Box::new(e), None, gens)));
                } else {
                    args.push(Arg::Pos(e));
                }
            }
            if !self.eat(",") {
                break;
            }
        }
        self.expect(")")?;
        Ok(args)
    }

    fn comp_for(&mut self) -> PR<Vec<CompFor>> {
        let mut gens = Vec::new();
        while self.eat("for") {
            let target = self.target_list()?;
            self.expect("in")?;
            let iter = self.or_test()?;
            let mut conds = Vec::new();
            while self.eat("if") {
                conds.push(self.or_test_no_cond()?);
            }
            gens.push(CompFor { target, iter, conds });
        }
        Ok(gens)
    }

    fn or_test_no_cond(&mut self) -> PR<Ex> {
        self.or_test()
    }

    fn atom(&mut self) -> PR<Ex> {
        let (t, line, _) = self.toks[self.pos.min(self.toks.len() - 1)].clone();
        self.next();
        match t {
            T::Int(n) => Ok(Ex::Int(n)),
            T::Float(f) => Ok(Ex::Float(f)),
            T::Str(s, f, b) => {
                let mut parts: Vec<FPart> = Vec::new();
                let mut bytes = b;
                let push = |s: String, f: bool, parts: &mut Vec<FPart>| -> PR<()> {
                    if f {
                        parts.extend(fstring(&s, line)?);
                    } else {
                        parts.push(FPart::Lit(s));
                    }
                    Ok(())
                };
                push(s, f, &mut parts)?;
                let mut any_f = f;
                while let T::Str(s2, f2, b2) = self.peek().clone() {
                    self.next();
                    if b2 != bytes {
                        return Err(self.err("cannot mix bytes and nonbytes literals"));
                    }
                    bytes = b2;
                    any_f |= f2;
                    push(s2, f2, &mut parts)?;
                }
                if bytes {
                    let text: String = parts.iter().map(|p| if let FPart::Lit(s) = p { s.as_str() } else { "" }).collect();
                    return Ok(Ex::Bytes(text.chars().map(|c| c as u32 as u8).collect::<Vec<u8>>().into()));
                }
                if !any_f {
                    let text: String = parts.iter().map(|p| if let FPart::Lit(s) = p { s.as_str() } else { "" }).collect();
                    return Ok(Ex::Str(Rc::from(text.as_str())));
                }
                Ok(Ex::FStr(parts))
            }
            T::Name(n) => match &*n {
                "None" => Ok(Ex::None),
                "True" => Ok(Ex::Bool(true)),
                "False" => Ok(Ex::Bool(false)),
                "yield" | "await" => Err(self.err(&format!("dockersim: '{n}' expressions are not simulated"))),
                k if KEYWORDS.contains(&k) => {
                    self.pos -= 1;
                    Err(self.err("invalid syntax"))
                }
                _ => Ok(Ex::Name(n)),
            },
            T::Op("...") => Ok(Ex::Ellipsis),
            T::Op("(") => {
                self.enter()?;
                if self.eat(")") {
                    self.depth -= 1;
                    return Ok(Ex::Tuple(Vec::new()));
                }
                let first = self.star_expr()?;
                let r = if self.is("for") {
                    let gens = self.comp_for()?;
                    Ex::Comp('(', Box::new(first), None, gens)
                } else if self.is(",") {
                    let mut items = vec![first];
                    while self.eat(",") {
                        if self.is(")") {
                            break;
                        }
                        items.push(self.star_expr()?);
                    }
                    Ex::Tuple(items)
                } else {
                    first
                };
                self.expect(")")?;
                self.depth -= 1;
                Ok(r)
            }
            T::Op("[") => {
                self.enter()?;
                let mut items = Vec::new();
                if !self.is("]") {
                    let first = self.star_expr()?;
                    if self.is("for") {
                        let gens = self.comp_for()?;
                        self.expect("]")?;
                        self.depth -= 1;
                        return Ok(Ex::Comp('[', Box::new(first), None, gens));
                    }
                    items.push(first);
                    while self.eat(",") {
                        if self.is("]") {
                            break;
                        }
                        items.push(self.star_expr()?);
                    }
                }
                self.expect("]")?;
                self.depth -= 1;
                Ok(Ex::List(items))
            }
            T::Op("{") => {
                self.enter()?;
                if self.eat("}") {
                    self.depth -= 1;
                    return Ok(Ex::Dict(Vec::new()));
                }
                let r = if self.eat("**") {
                    let v = self.or_expr()?;
                    self.dict_rest(None, v)?
                } else {
                    let first = self.star_expr()?;
                    if self.eat(":") {
                        let v = self.expr()?;
                        if self.is("for") {
                            let gens = self.comp_for()?;
                            Ex::Comp('d', Box::new(first), Some(Box::new(v)), gens)
                        } else {
                            self.dict_rest(Some(first), v)?
                        }
                    } else if self.is("for") {
                        let gens = self.comp_for()?;
                        Ex::Comp('{', Box::new(first), None, gens)
                    } else {
                        let mut items = vec![first];
                        while self.eat(",") {
                            if self.is("}") {
                                break;
                            }
                            items.push(self.star_expr()?);
                        }
                        Ex::Set(items)
                    }
                };
                self.expect("}")?;
                self.depth -= 1;
                Ok(r)
            }
            _ => {
                self.pos -= 1;
                Err(self.err("invalid syntax"))
            }
        }
    }

    fn dict_rest(&mut self, k: Option<Ex>, v: Ex) -> PR<Ex> {
        let mut items = vec![(k, v)];
        while self.eat(",") {
            if self.is("}") {
                break;
            }
            if self.eat("**") {
                items.push((None, self.or_expr()?));
            } else {
                let k = self.expr()?;
                self.expect(":")?;
                items.push((Some(k), self.expr()?));
            }
        }
        Ok(Ex::Dict(items))
    }
}

/// Nesting of brackets and blocks the parser accepts (CPython: 200), kept
/// within a 1 MiB stack.
pub const MAX_NEST: usize = 50;

pub const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except",
    "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
    "while", "with", "yield",
];

fn check_target(e: &Ex, p: &Parser) -> PR<()> {
    match e {
        Ex::Name(_) | Ex::Attr(..) | Ex::Index(..) => Ok(()),
        Ex::Tuple(items) | Ex::List(items) => items.iter().try_for_each(|i| check_target(i, p)),
        Ex::Star(inner) => check_target(inner, p),
        Ex::Call(..) => Err(p.err("cannot assign to function call here. Maybe you meant '==' instead of '='?")),
        Ex::Int(_) | Ex::Float(_) | Ex::Str(_) | Ex::None | Ex::Bool(_) => {
            Err(p.err("cannot assign to literal here. Maybe you meant '==' instead of '='?"))
        }
        _ => Err(p.err("cannot assign to expression here. Maybe you meant '==' instead of '='?")),
    }
}

/// The parts of an f-string's text.
fn fstring(s: &str, line: usize) -> PR<Vec<FPart>> {
    let c: Vec<char> = s.chars().collect();
    let mut parts = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    let bad = |m: &str| SynErr("SyntaxError", format!("f-string: {m}"), line, 0);
    while i < c.len() {
        match c[i] {
            '{' if c.get(i + 1) == Some(&'{') => {
                lit.push('{');
                i += 2;
            }
            '}' if c.get(i + 1) == Some(&'}') => {
                lit.push('}');
                i += 2;
            }
            '}' => return Err(bad("single '}' is not allowed")),
            '{' => {
                if !lit.is_empty() {
                    parts.push(FPart::Lit(std::mem::take(&mut lit)));
                }
                i += 1;
                let start = i;
                let mut depth = 0;
                let mut quote: Option<char> = None;
                while i < c.len() {
                    let x = c[i];
                    if let Some(q) = quote {
                        if x == q {
                            quote = None;
                        }
                    } else if x == '\'' || x == '"' {
                        quote = Some(x);
                    } else if "([{".contains(x) {
                        depth += 1;
                    } else if ")]".contains(x) || (x == '}' && depth > 0) {
                        depth -= 1;
                    } else if depth == 0 && (x == '}' || x == ':' || (x == '!' && c.get(i + 1) != Some(&'='))) {
                        break;
                    }
                    i += 1;
                }
                let mut code: String = c[start..i.min(c.len())].iter().collect();
                let mut debug = None;
                let trimmed = code.trim_end();
                if trimmed.ends_with('=')
                    && !trimmed.ends_with("==")
                    && !trimmed.ends_with("!=")
                    && !trimmed.ends_with("<=")
                    && !trimmed.ends_with(">=")
                {
                    debug = Some(code.clone());
                    code = trimmed[..trimmed.len() - 1].to_string();
                }
                if code.trim().is_empty() {
                    return Err(bad("valid expression required before '}'"));
                }
                let e = parse_expr(&code, line)?;
                let mut conv = if debug.is_some() { 'r' } else { ' ' };
                if c.get(i) == Some(&'!') {
                    conv = *c.get(i + 1).ok_or_else(|| bad("missing conversion character"))?;
                    if !"rsa".contains(conv) {
                        return Err(bad("invalid conversion character"));
                    }
                    i += 2;
                }
                let mut spec = Vec::new();
                if c.get(i) == Some(&':') {
                    i += 1;
                    let s0 = i;
                    let mut d = 0;
                    while i < c.len() && !(c[i] == '}' && d == 0) {
                        if c[i] == '{' {
                            d += 1;
                        } else if c[i] == '}' {
                            d -= 1;
                        }
                        i += 1;
                    }
                    let spec_text: String = c[s0..i.min(c.len())].iter().collect();
                    spec = fstring(&spec_text, line)?;
                    if debug.is_some() && conv == 'r' {
                        conv = ' ';
                    }
                }
                if c.get(i) != Some(&'}') {
                    return Err(bad("expecting '}'"));
                }
                i += 1;
                parts.push(FPart::Ex(e, conv, spec, debug));
            }
            x => {
                lit.push(x);
                i += 1;
            }
        }
    }
    if !lit.is_empty() {
        parts.push(FPart::Lit(lit));
    }
    Ok(parts)
}
