//! `go test`: the package's `TestXxx(t *testing.T)` functions run on a
//! small Go evaluator — integers, strings, booleans, structs and slices
//! (composite literals), `:=`/`var`/`=`, `if`/`else`, `for … range`,
//! `return`, calls of the package's functions, closures, `t.Run`,
//! `t.Error[f]`/`t.Fatal[f]`/`t.Log[f]`, `fmt.Sprintf`. Anything else stops
//! the run with a `dockersim:` line. Output is go test's (`-v`: `=== RUN`,
//! `--- PASS:`), with every duration `0.00s`.

use std::collections::BTreeMap;
use std::rc::Rc;

// ----------------------------------------------------------------- lexer ----

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Int(i64),
    Str(String),
    P(&'static str),
    Nl,
}

const PUNCT: [&str; 32] = [
    ":=", "==", "!=", "<=", ">=", "&&", "||", "++", "--", "+=", "-=", "...", "(", ")", "{", "}", "[", "]", ",", ";", ".", ":", "+", "-",
    "*", "/", "%", "<", ">", "=", "!", "&",
];

fn lex(src: &str) -> Result<Vec<(Tok, usize)>, String> {
    let b: Vec<char> = src.chars().collect();
    let mut out: Vec<(Tok, usize)> = Vec::new();
    let (mut i, mut line) = (0usize, 1usize);
    while i < b.len() {
        let c = b[i];
        if c == '\n' {
            out.push((Tok::Nl, line));
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && b.get(i + 1) == Some(&'/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && b.get(i + 1) == Some(&'*') {
            i += 2;
            while i + 1 < b.len() && !(b[i] == '*' && b[i + 1] == '/') {
                if b[i] == '\n' {
                    line += 1;
                }
                i += 1;
            }
            i += 2;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let text: String = b[start..i].iter().collect();
            out.push((Tok::Int(text.parse().map_err(|_| format!("the number {text}"))?), line));
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < b.len() && (b[i].is_alphanumeric() || b[i] == '_') {
                i += 1;
            }
            out.push((Tok::Ident(b[start..i].iter().collect()), line));
        } else if c == '"' {
            let mut s = String::new();
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' && i + 1 < b.len() {
                    i += 1;
                    s.push(match b[i] {
                        'n' => '\n',
                        't' => '\t',
                        other => other,
                    });
                } else {
                    s.push(b[i]);
                }
                i += 1;
            }
            i += 1;
            out.push((Tok::Str(s), line));
        } else if c == '`' {
            let start = i + 1;
            i += 1;
            while i < b.len() && b[i] != '`' {
                if b[i] == '\n' {
                    line += 1;
                }
                i += 1;
            }
            out.push((Tok::Str(b[start..i.min(b.len())].iter().collect()), line));
            i += 1;
        } else {
            let rest: String = b[i..(i + 3).min(b.len())].iter().collect();
            let Some(p) = PUNCT.iter().find(|p| rest.starts_with(**p)) else {
                return Err(format!("the character {c:?}"));
            };
            out.push((Tok::P(p), line));
            i += p.chars().count();
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------- parser ----

#[derive(Debug)]
enum Expr {
    Int(i64),
    Str(String),
    Ident(String),
    Unary(&'static str, Box<Expr>),
    Bin(&'static str, Box<Expr>, Box<Expr>),
    Call(Box<Expr>, Vec<Expr>, usize),
    Sel(Box<Expr>, String),
    Index(Box<Expr>, Box<Expr>),
    /// A composite literal: field names of its struct type (element type for a slice), elements.
    Composite {
        slice: bool,
        fields: Vec<String>,
        elems: Vec<Elem>,
    },
    Func(Rc<Func>),
}

#[derive(Debug)]
enum Elem {
    Expr(Expr),
    Keyed(String, Expr),
    /// `{…}` inside a slice literal: a struct (or nested) element.
    Braced(Vec<Elem>),
}

#[derive(Debug)]
enum Stmt {
    Define(Vec<String>, Expr),
    Assign(String, &'static str, Expr),
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    Range(Option<String>, Option<String>, Expr, Vec<Stmt>),
    Return(Option<Expr>),
    Expr(Expr),
}

#[derive(Debug)]
struct Func {
    params: Vec<String>,
    body: Vec<Stmt>,
}

struct Parser {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    /// Nesting of expressions and blocks being parsed (bounded: no stack overflow).
    depth: usize,
}

type PR<T> = Result<T, String>;

impl Parser {
    fn peek(&self) -> &Tok {
        self.toks.get(self.pos).map_or(&Tok::Nl, |t| &t.0)
    }
    fn line(&self) -> usize {
        self.toks.get(self.pos).map_or(0, |t| t.1)
    }
    fn is(&self, p: &str) -> bool {
        matches!(self.peek(), Tok::P(q) if *q == p) || matches!(self.peek(), Tok::Ident(q) if q == p)
    }
    fn eat(&mut self, p: &str) -> bool {
        let yes = self.is(p);
        if yes {
            self.pos += 1;
        }
        yes
    }
    fn expect(&mut self, p: &str) -> PR<()> {
        if self.eat(p) {
            Ok(())
        } else {
            Err(format!("{:?} where {p} was expected (line {})", self.peek(), self.line()))
        }
    }
    fn skip_nl(&mut self) {
        while matches!(self.peek(), Tok::Nl) || self.is(";") {
            self.pos += 1;
        }
    }
    fn ident(&mut self) -> PR<String> {
        match self.peek().clone() {
            Tok::Ident(n) => {
                self.pos += 1;
                Ok(n)
            }
            t => Err(format!("{t:?} where a name was expected (line {})", self.line())),
        }
    }

    /// Skips a type; for a struct type, its field names.
    fn typ(&mut self) -> PR<Vec<String>> {
        if self.eat("*") {
            return self.typ();
        }
        if self.eat("[") {
            self.expect("]")?;
            return self.typ();
        }
        if self.eat("struct") {
            self.expect("{")?;
            let mut names = Vec::new();
            loop {
                self.skip_nl();
                if self.eat("}") {
                    return Ok(names);
                }
                let mut group = vec![self.ident()?];
                while self.eat(",") {
                    group.push(self.ident()?);
                }
                self.typ()?;
                names.extend(group);
            }
        }
        if self.eat("map") {
            self.expect("[")?;
            self.typ()?;
            self.expect("]")?;
            self.typ()?;
            return Ok(Vec::new());
        }
        if self.eat("func") {
            return Err("a func type".into());
        }
        self.ident()?;
        if self.eat(".") {
            self.ident()?;
        }
        Ok(Vec::new())
    }

    fn func_sig(&mut self) -> PR<Vec<String>> {
        self.expect("(")?;
        let mut params = Vec::new();
        let mut pending: Vec<String> = Vec::new();
        loop {
            self.skip_nl();
            if self.eat(")") {
                break;
            }
            pending.push(self.ident()?);
            if self.eat(",") {
                continue;
            }
            self.typ()?;
            params.append(&mut pending);
            self.eat(",");
        }
        // Results: a type, or a parenthesised list.
        if self.eat("(") {
            while !self.eat(")") {
                self.pos += 1;
                if self.pos > self.toks.len() {
                    return Err("a result list".into());
                }
            }
        } else if !self.is("{") {
            self.typ()?;
        }
        Ok(params)
    }

    fn block(&mut self) -> PR<Vec<Stmt>> {
        self.depth += 1;
        let r = self.block_inner();
        self.depth -= 1;
        r
    }

    fn block_inner(&mut self) -> PR<Vec<Stmt>> {
        if self.depth > 100 {
            return Err("blocks nested this deep".into());
        }
        self.expect("{")?;
        let mut out = Vec::new();
        loop {
            self.skip_nl();
            if self.eat("}") {
                return Ok(out);
            }
            if self.pos >= self.toks.len() {
                return Err("an unclosed block".into());
            }
            out.push(self.stmt()?);
        }
    }

    fn stmt(&mut self) -> PR<Stmt> {
        if self.eat("return") {
            if matches!(self.peek(), Tok::Nl) || self.is("}") || self.is(";") {
                return Ok(Stmt::Return(None));
            }
            return Ok(Stmt::Return(Some(self.expr()?)));
        }
        if self.eat("if") {
            let cond = self.expr()?;
            let then = self.block()?;
            let mut other = Vec::new();
            if self.eat("else") {
                other = if self.is("if") { vec![self.stmt()?] } else { self.block()? };
            }
            return Ok(Stmt::If(cond, then, other));
        }
        if self.eat("for") {
            let (mut k, mut v) = (None, None);
            let first = self.ident()?;
            if self.eat(",") {
                v = Some(self.ident()?);
            }
            k = k.or(Some(first));
            self.expect(":=")?;
            self.expect("range")?;
            let e = self.expr()?;
            let body = self.block()?;
            let blank = |n: Option<String>| n.filter(|n| n != "_");
            return Ok(Stmt::Range(blank(k), blank(v), e, body));
        }
        if self.eat("var") {
            let name = self.ident()?;
            if !self.is("=") {
                self.typ()?;
            }
            self.expect("=")?;
            return Ok(Stmt::Define(vec![name], self.expr()?));
        }
        // name := …, name = …, name += …, or an expression.
        if let Tok::Ident(n) = self.peek().clone() {
            let save = self.pos;
            self.pos += 1;
            let mut names = vec![n.clone()];
            while self.eat(",") {
                names.push(self.ident()?);
            }
            if self.eat(":=") {
                return Ok(Stmt::Define(names, self.expr()?));
            }
            for op in ["=", "+=", "-="] {
                if names.len() == 1 && self.eat(op) {
                    return Ok(Stmt::Assign(n, op, self.expr()?));
                }
            }
            if names.len() == 1 && (self.is("++") || self.is("--")) {
                let op = if self.eat("++") { "+=" } else { "-=" };
                self.eat("--");
                return Ok(Stmt::Assign(n, op, Expr::Int(1)));
            }
            self.pos = save;
        }
        Ok(Stmt::Expr(self.expr()?))
    }

    fn expr(&mut self) -> PR<Expr> {
        self.binary(0)
    }

    fn binary(&mut self, min: u8) -> PR<Expr> {
        self.depth += 1;
        let r = self.binary_inner(min);
        self.depth -= 1;
        r
    }

    fn binary_inner(&mut self, min: u8) -> PR<Expr> {
        if self.depth > 100 {
            return Err("expressions nested this deep".into());
        }
        let mut left = self.unary()?;
        loop {
            let (op, prec) = match self.peek() {
                Tok::P(p @ "||") => (*p, 1),
                Tok::P(p @ "&&") => (*p, 2),
                Tok::P(p @ ("==" | "!=" | "<" | "<=" | ">" | ">=")) => (*p, 3),
                Tok::P(p @ ("+" | "-")) => (*p, 4),
                Tok::P(p @ ("*" | "/" | "%")) => (*p, 5),
                _ => return Ok(left),
            };
            if prec <= min {
                return Ok(left);
            }
            self.pos += 1;
            let right = self.binary(prec)?;
            left = Expr::Bin(op, Box::new(left), Box::new(right));
        }
    }

    fn unary(&mut self) -> PR<Expr> {
        for op in ["-", "!"] {
            if self.eat(op) {
                self.depth += 1;
                let e = if self.depth > 100 { Err("operators nested this deep".to_string()) } else { self.unary() };
                self.depth -= 1;
                let e = e?;
                return Ok(Expr::Unary(if op == "-" { "-" } else { "!" }, Box::new(e)));
            }
        }
        let mut e = self.primary()?;
        loop {
            if self.eat(".") {
                e = Expr::Sel(Box::new(e), self.ident()?);
            } else if self.is("(") {
                let line = self.line();
                self.pos += 1;
                let mut args = Vec::new();
                loop {
                    self.skip_nl();
                    if self.eat(")") {
                        break;
                    }
                    args.push(self.expr()?);
                    self.skip_nl();
                    self.eat(",");
                }
                e = Expr::Call(Box::new(e), args, line);
            } else if self.eat("[") {
                let i = self.expr()?;
                self.expect("]")?;
                e = Expr::Index(Box::new(e), Box::new(i));
            } else {
                return Ok(e);
            }
        }
    }

    fn primary(&mut self) -> PR<Expr> {
        match self.peek().clone() {
            Tok::Int(n) => {
                self.pos += 1;
                Ok(Expr::Int(n))
            }
            Tok::Str(s) => {
                self.pos += 1;
                Ok(Expr::Str(s))
            }
            Tok::P("(") => {
                self.pos += 1;
                let e = self.expr()?;
                self.expect(")")?;
                Ok(e)
            }
            Tok::P("[") | Tok::Ident(_) if self.is("[") || self.is("struct") => {
                let slice = self.is("[");
                let fields = self.typ()?;
                let elems = self.elems()?;
                Ok(Expr::Composite { slice, fields, elems })
            }
            Tok::Ident(n) if n == "func" => {
                self.pos += 1;
                let params = self.func_sig()?;
                let body = self.block()?;
                Ok(Expr::Func(Rc::new(Func { params, body })))
            }
            Tok::Ident(n) => {
                self.pos += 1;
                Ok(Expr::Ident(n))
            }
            t => Err(format!("{t:?} (line {})", self.line())),
        }
    }

    fn elems(&mut self) -> PR<Vec<Elem>> {
        self.expect("{")?;
        let mut out = Vec::new();
        loop {
            self.skip_nl();
            if self.eat("}") {
                return Ok(out);
            }
            if self.is("{") {
                out.push(Elem::Braced(self.elems()?));
            } else if let (Tok::Ident(k), Some((Tok::P(":"), _))) = (self.peek().clone(), self.toks.get(self.pos + 1)) {
                self.pos += 2;
                out.push(Elem::Keyed(k, self.expr()?));
            } else {
                out.push(Elem::Expr(self.expr()?));
            }
            self.skip_nl();
            self.eat(",");
        }
    }
}

/// The top-level functions of a file: name → (file, definition).
fn functions(file: &str, src: &str, out: &mut Vec<(String, String, Rc<Func>)>) -> PR<()> {
    let toks = lex(src)?;
    let mut p = Parser { toks, pos: 0, depth: 0 };
    while p.pos < p.toks.len() {
        let at_line_start = p.pos == 0 || matches!(p.toks[p.pos - 1].0, Tok::Nl);
        if at_line_start && p.is("func") {
            p.pos += 1;
            if p.is("(") {
                return Err("methods".into());
            }
            let name = p.ident()?;
            let params = p.func_sig()?;
            let body = p.block()?;
            out.push((file.to_string(), name, Rc::new(Func { params, body })));
        } else if at_line_start && p.is("import") {
            p.pos += 1;
            if p.eat("(") {
                while !p.eat(")") && p.pos < p.toks.len() {
                    p.pos += 1;
                }
            }
        } else {
            p.pos += 1;
        }
    }
    Ok(())
}

// ------------------------------------------------------------- evaluator ----

#[derive(Clone, Debug)]
enum Val {
    Int(i64),
    Str(String),
    Bool(bool),
    Struct(Rc<BTreeMap<String, Val>>),
    Slice(Rc<Vec<Val>>),
    Func(Rc<Func>, Scope),
    T(usize),
    Nil,
}

type Scope = Rc<std::cell::RefCell<Vec<BTreeMap<String, Val>>>>;

/// One test or subtest.
struct Case {
    name: String,
    failed: bool,
    depth: usize,
    /// Output lines (`    file:line: message`) and finished subtests' indices.
    logs: Vec<String>,
    subs: Vec<usize>,
}

enum Flow {
    Ret(Val),
    FailNow,
    Err(String),
}

struct Run<'a> {
    funcs: &'a BTreeMap<String, (String, Rc<Func>)>,
    cases: Vec<Case>,
    verbose: bool,
    out: String,
    steps: usize,
    /// The file of the function being run (for `t.Errorf` locations).
    file: String,
    /// Calls in progress (bounded: a runaway recursion stops the run).
    calls: usize,
}

fn lookup(scope: &Scope, name: &str) -> Option<Val> {
    scope.borrow().iter().rev().find_map(|m| m.get(name).cloned())
}

fn set(scope: &Scope, name: &str, v: Val) -> bool {
    for m in scope.borrow_mut().iter_mut().rev() {
        if let Some(slot) = m.get_mut(name) {
            *slot = v;
            return true;
        }
    }
    false
}

fn sprintf(format: &str, args: &[Val]) -> String {
    let mut out = String::new();
    let mut it = format.chars();
    let mut next = args.iter();
    while let Some(c) = it.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('%') => out.push('%'),
            Some(verb) => match next.next() {
                Some(v) => out.push_str(&show(v, verb)),
                None => out.push_str(&format!("%!{verb}(MISSING)")),
            },
            None => out.push_str("%!(NOVERB)"),
        }
    }
    out
}

fn show(v: &Val, verb: char) -> String {
    match (v, verb) {
        (Val::Str(s), 'q') => format!("{s:?}"),
        (Val::Int(n), _) => n.to_string(),
        (Val::Str(s), _) => s.clone(),
        (Val::Bool(b), _) => b.to_string(),
        (Val::Struct(m), _) => format!("{{{}}}", m.values().map(|v| show(v, 'v')).collect::<Vec<_>>().join(" ")),
        (Val::Slice(xs), _) => format!("[{}]", xs.iter().map(|v| show(v, 'v')).collect::<Vec<_>>().join(" ")),
        _ => "<nil>".into(),
    }
}

impl Run<'_> {
    fn eval(&mut self, e: &Expr, scope: &Scope) -> Result<Val, Flow> {
        self.steps += 1;
        if self.steps > 200_000 {
            return Err(Flow::Err("a test that runs too long".into()));
        }
        Ok(match e {
            Expr::Int(n) => Val::Int(*n),
            Expr::Str(s) => Val::Str(s.clone()),
            Expr::Ident(n) => match n.as_str() {
                "true" => Val::Bool(true),
                "false" => Val::Bool(false),
                "nil" => Val::Nil,
                _ => lookup(scope, n).ok_or_else(|| Flow::Err(format!("the name {n}")))?,
            },
            Expr::Unary(op, x) => match (*op, self.eval(x, scope)?) {
                ("-", Val::Int(n)) => Val::Int(n.wrapping_neg()),
                ("!", Val::Bool(b)) => Val::Bool(!b),
                _ => return Err(Flow::Err(format!("the operator {op}"))),
            },
            Expr::Bin(op, a, b) => {
                let a = self.eval(a, scope)?;
                if let (op @ ("&&" | "||"), Val::Bool(x)) = (*op, &a) {
                    if (op == "&&" && !x) || (op == "||" && *x) {
                        return Ok(Val::Bool(*x));
                    }
                    return self.eval(b, scope);
                }
                let b = self.eval(b, scope)?;
                binop(op, &a, &b).ok_or_else(|| Flow::Err(format!("the operator {op} on these values")))?
            }
            Expr::Sel(x, f) => match self.eval(x, scope)? {
                Val::Struct(m) => m.get(f).cloned().ok_or_else(|| Flow::Err(format!("the field {f}")))?,
                _ => return Err(Flow::Err(format!("the selector .{f}"))),
            },
            Expr::Index(x, i) => match (self.eval(x, scope)?, self.eval(i, scope)?) {
                (Val::Slice(xs), Val::Int(i)) => xs.get(i as usize).cloned().ok_or_else(|| Flow::Err("an index out of range".into()))?,
                _ => return Err(Flow::Err("this index expression".into())),
            },
            Expr::Composite { slice, fields, elems } => self.composite(*slice, fields, elems, scope)?,
            Expr::Func(f) => Val::Func(f.clone(), scope.clone()),
            Expr::Call(f, args, line) => return self.call(f, args, *line, scope),
        })
    }

    fn composite(&mut self, slice: bool, fields: &[String], elems: &[Elem], scope: &Scope) -> Result<Val, Flow> {
        let strukt = |run: &mut Self, elems: &[Elem]| -> Result<Val, Flow> {
            let mut m = BTreeMap::new();
            for (i, el) in elems.iter().enumerate() {
                let (k, v) = match el {
                    Elem::Keyed(k, e) => (k.clone(), run.eval(e, scope)?),
                    Elem::Expr(e) => (fields.get(i).cloned().ok_or_else(|| Flow::Err("a struct literal".into()))?, run.eval(e, scope)?),
                    Elem::Braced(_) => return Err(Flow::Err("a nested composite literal".into())),
                };
                m.insert(k, v);
            }
            Ok(Val::Struct(Rc::new(m)))
        };
        if !slice {
            return strukt(self, elems);
        }
        let mut xs = Vec::new();
        for el in elems {
            xs.push(match el {
                Elem::Braced(inner) => strukt(self, inner)?,
                Elem::Expr(e) => self.eval(e, scope)?,
                Elem::Keyed(..) => return Err(Flow::Err("a keyed slice literal".into())),
            });
        }
        Ok(Val::Slice(Rc::new(xs)))
    }

    fn call(&mut self, f: &Expr, args: &[Expr], line: usize, scope: &Scope) -> Result<Val, Flow> {
        let mut vals = Vec::new();
        for a in args {
            vals.push(self.eval(a, scope)?);
        }
        if let Expr::Sel(recv, method) = f {
            if let Expr::Ident(pkg) = &**recv {
                if pkg == "fmt" && method == "Sprintf" {
                    let Some(Val::Str(fmt)) = vals.first() else { return Err(Flow::Err("fmt.Sprintf without a format".into())) };
                    return Ok(Val::Str(sprintf(fmt, &vals[1..])));
                }
                if pkg == "fmt" && method == "Sprint" {
                    return Ok(Val::Str(vals.iter().map(|v| show(v, 'v')).collect()));
                }
            }
            if let Ok(Val::T(id)) = self.eval(recv, scope) {
                return self.t_method(id, method, &vals, line);
            }
            return Err(Flow::Err(format!("the call .{method}()")));
        }
        let callee = match f {
            Expr::Ident(n) => match lookup(scope, n) {
                Some(v) => v,
                None => match self.funcs.get(n) {
                    Some((_, func)) => Val::Func(func.clone(), Rc::new(std::cell::RefCell::new(vec![BTreeMap::new()]))),
                    None => match n.as_str() {
                        "len" => {
                            return match vals.first() {
                                Some(Val::Str(s)) => Ok(Val::Int(s.len() as i64)),
                                Some(Val::Slice(xs)) => Ok(Val::Int(xs.len() as i64)),
                                _ => Err(Flow::Err("len of this value".into())),
                            }
                        }
                        _ => return Err(Flow::Err(format!("the function {n}"))),
                    },
                },
            },
            other => self.eval(other, scope)?,
        };
        self.apply(&callee, vals)
    }

    fn apply(&mut self, callee: &Val, vals: Vec<Val>) -> Result<Val, Flow> {
        let Val::Func(func, env) = callee else { return Err(Flow::Err("a call of a value that is not a function".into())) };
        let mut frame = BTreeMap::new();
        for (p, v) in func.params.iter().zip(vals) {
            frame.insert(p.clone(), v);
        }
        let mut chain = env.borrow().clone();
        chain.push(frame);
        if chain.len() > 64 {
            return Err(Flow::Err("deep recursion".into()));
        }
        let scope: Scope = Rc::new(std::cell::RefCell::new(chain));
        if self.calls >= 48 {
            return Err(Flow::Err("calls nested this deep".into()));
        }
        self.calls += 1;
        let r = self.block(&func.body, &scope);
        self.calls -= 1;
        match r {
            Ok(()) => Ok(Val::Nil),
            Err(Flow::Ret(v)) => Ok(v),
            Err(e) => Err(e),
        }
    }

    fn block(&mut self, body: &[Stmt], scope: &Scope) -> Result<(), Flow> {
        scope.borrow_mut().push(BTreeMap::new());
        let r = self.stmts(body, scope);
        scope.borrow_mut().pop();
        r
    }

    fn stmts(&mut self, body: &[Stmt], scope: &Scope) -> Result<(), Flow> {
        for s in body {
            match s {
                Stmt::Define(names, e) => {
                    let v = self.eval(e, scope)?;
                    if names.len() != 1 {
                        return Err(Flow::Err("multiple assignment".into()));
                    }
                    if let Some(top) = scope.borrow_mut().last_mut() {
                        top.insert(names[0].clone(), v);
                    }
                }
                Stmt::Assign(n, op, e) => {
                    let v = self.eval(e, scope)?;
                    let v = match *op {
                        "=" => v,
                        _ => {
                            let old = lookup(scope, n).ok_or_else(|| Flow::Err(format!("the name {n}")))?;
                            binop(if *op == "+=" { "+" } else { "-" }, &old, &v).ok_or_else(|| Flow::Err("this assignment".into()))?
                        }
                    };
                    if n != "_" && !set(scope, n, v) {
                        return Err(Flow::Err(format!("the name {n}")));
                    }
                }
                Stmt::If(c, then, other) => match self.eval(c, scope)? {
                    Val::Bool(true) => self.block(then, scope)?,
                    Val::Bool(false) => self.block(other, scope)?,
                    _ => return Err(Flow::Err("a condition that is not a bool".into())),
                },
                Stmt::Range(k, v, e, body) => {
                    let items: Vec<(Val, Val)> = match self.eval(e, scope)? {
                        Val::Slice(xs) => xs.iter().enumerate().map(|(i, x)| (Val::Int(i as i64), x.clone())).collect(),
                        Val::Int(n) => (0..n.max(0)).map(|i| (Val::Int(i), Val::Nil)).collect(),
                        _ => return Err(Flow::Err("a range over this value".into())),
                    };
                    for (i, x) in items {
                        let mut frame = BTreeMap::new();
                        if let Some(k) = k {
                            frame.insert(k.clone(), i);
                        }
                        if let Some(v) = v {
                            frame.insert(v.clone(), x);
                        }
                        scope.borrow_mut().push(frame);
                        let r = self.block(body, scope);
                        scope.borrow_mut().pop();
                        r?;
                    }
                }
                Stmt::Return(e) => {
                    let v = match e {
                        Some(e) => self.eval(e, scope)?,
                        None => Val::Nil,
                    };
                    return Err(Flow::Ret(v));
                }
                Stmt::Expr(e) => {
                    self.eval(e, scope)?;
                }
            }
        }
        Ok(())
    }

    fn t_method(&mut self, id: usize, method: &str, vals: &[Val], line: usize) -> Result<Val, Flow> {
        let text = |vals: &[Val], f: bool| match (f, vals.first()) {
            (true, Some(Val::Str(fmt))) => sprintf(fmt, &vals[1..]),
            _ => vals.iter().map(|v| show(v, 'v')).collect::<Vec<_>>().join(" "),
        };
        let file = self.file.rsplit('/').next().unwrap_or("").to_string();
        let log = |run: &mut Self, msg: String, fail: bool| {
            let line = format!("    {file}:{line}: {msg}");
            if run.verbose {
                run.out.push_str(&line);
                run.out.push('\n');
            } else {
                run.cases[id].logs.push(line);
            }
            if fail {
                run.cases[id].failed = true;
            }
        };
        match method {
            "Errorf" | "Error" => log(self, text(vals, method.ends_with('f')), true),
            "Logf" | "Log" => log(self, text(vals, method.ends_with('f')), false),
            "Fatalf" | "Fatal" => {
                log(self, text(vals, method.ends_with('f')), true);
                return Err(Flow::FailNow);
            }
            "Fail" => self.cases[id].failed = true,
            "FailNow" => {
                self.cases[id].failed = true;
                return Err(Flow::FailNow);
            }
            "Helper" | "Parallel" => {}
            "Run" => {
                let (Some(Val::Str(name)), Some(f)) = (vals.first(), vals.get(1)) else {
                    return Err(Flow::Err("t.Run without a name and a function".into()));
                };
                let full = format!("{}/{}", self.cases[id].name, name.replace(' ', "_"));
                let sub = self.run_case(full, self.cases[id].depth + 1, f)?;
                self.cases[id].subs.push(sub);
                if self.cases[sub].failed {
                    self.cases[id].failed = true;
                }
                return Ok(Val::Bool(!self.cases[sub].failed));
            }
            other => return Err(Flow::Err(format!("t.{other}"))),
        }
        Ok(Val::Nil)
    }

    fn run_case(&mut self, name: String, depth: usize, f: &Val) -> Result<usize, Flow> {
        let id = self.cases.len();
        if self.verbose {
            self.out.push_str(&format!("=== RUN   {name}\n"));
        }
        self.cases.push(Case { name, failed: false, depth, logs: Vec::new(), subs: Vec::new() });
        match self.apply(f, vec![Val::T(id)]) {
            Ok(_) | Err(Flow::FailNow) => Ok(id),
            Err(e) => Err(e),
        }
    }

    /// `--- PASS: name (0.00s)` for a finished test and, indented, its subtests.
    fn report(&self, id: usize, out: &mut String) {
        let c = &self.cases[id];
        let indent = "    ".repeat(c.depth);
        if self.verbose || c.failed {
            out.push_str(&format!("{indent}--- {}: {} (0.00s)\n", if c.failed { "FAIL" } else { "PASS" }, c.name));
            for l in &c.logs {
                out.push_str(&format!("{indent}{l}\n"));
            }
        }
        for &s in &c.subs {
            self.report(s, out);
        }
    }
}

fn binop(op: &str, a: &Val, b: &Val) -> Option<Val> {
    Some(match (a, b) {
        (Val::Int(x), Val::Int(y)) => match op {
            "+" => Val::Int(x.wrapping_add(*y)),
            "-" => Val::Int(x.wrapping_sub(*y)),
            "*" => Val::Int(x.wrapping_mul(*y)),
            "/" if *y != 0 => Val::Int(x.wrapping_div(*y)),
            "%" if *y != 0 => Val::Int(x.wrapping_rem(*y)),
            "==" => Val::Bool(x == y),
            "!=" => Val::Bool(x != y),
            "<" => Val::Bool(x < y),
            "<=" => Val::Bool(x <= y),
            ">" => Val::Bool(x > y),
            ">=" => Val::Bool(x >= y),
            _ => return None,
        },
        (Val::Str(x), Val::Str(y)) => match op {
            "+" => Val::Str(format!("{x}{y}")),
            "==" => Val::Bool(x == y),
            "!=" => Val::Bool(x != y),
            "<" => Val::Bool(x < y),
            ">" => Val::Bool(x > y),
            _ => return None,
        },
        (Val::Bool(x), Val::Bool(y)) => match op {
            "==" => Val::Bool(x == y),
            "!=" => Val::Bool(x != y),
            _ => return None,
        },
        _ => return None,
    })
}

/// What `go test` printed and its status; Err: what is not simulated.
pub fn run(files: &[(String, String)], module: &str, verbose: bool) -> Result<(String, i32), String> {
    let mut all = Vec::new();
    for (path, src) in files {
        functions(path, src, &mut all)?;
    }
    let mut funcs = BTreeMap::new();
    let mut tests = Vec::new();
    for (file, name, f) in all {
        let is_test = file.ends_with("_test.go")
            && name.strip_prefix("Test").is_some_and(|r| r.chars().next().is_none_or(|c| !c.is_lowercase()))
            && f.params.len() == 1;
        if is_test {
            tests.push((file.clone(), name.clone(), f.clone()));
        }
        funcs.insert(name, (file, f));
    }
    if tests.is_empty() {
        return Ok((format!("?   \t{module}\t[no test files]\n"), 0));
    }
    let mut r = Run { funcs: &funcs, cases: Vec::new(), verbose, out: String::new(), steps: 0, file: String::new(), calls: 0 };
    let mut failed = false;
    for (file, name, f) in tests {
        r.file = file;
        let id = match r.run_case(name, 0, &Val::Func(f, Rc::new(std::cell::RefCell::new(vec![BTreeMap::new()])))) {
            Ok(id) => id,
            Err(Flow::Err(e)) => return Err(e),
            Err(_) => continue,
        };
        let mut block = String::new();
        r.report(id, &mut block);
        r.out.push_str(&block);
        failed |= r.cases[id].failed;
    }
    let mut out = r.out;
    if failed {
        out.push_str(&format!("FAIL\nFAIL\t{module}\t0.004s\nFAIL\n"));
        Ok((out, 1))
    } else {
        if verbose {
            out.push_str("PASS\n");
        }
        out.push_str(&format!("ok  \t{module}\t0.004s\n"));
        Ok((out, 0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAIN: &str = "package main\n\nfunc IntMin(a, b int) int {\n\tif a < b {\n\t\treturn a\n\t}\n\treturn b\n}\n";
    const TEST: &str = "package main\n\nimport (\n\t\"fmt\"\n\t\"testing\"\n)\n\nfunc TestIntMinBasic(t *testing.T) {\n\tans := IntMin(2, -2)\n\tif ans != -2 {\n\t\tt.Errorf(\"IntMin(2, -2) = %d; want -2\", ans)\n\t}\n}\n\nfunc TestIntMinTableDriven(t *testing.T) {\n\tvar tests = []struct {\n\t\ta, b int\n\t\twant int\n\t}{\n\t\t{0, 1, 0},\n\t\t{2, -2, -2},\n\t}\n\tfor _, tt := range tests {\n\t\ttestname := fmt.Sprintf(\"%d,%d\", tt.a, tt.b)\n\t\tt.Run(testname, func(t *testing.T) {\n\t\t\tans := IntMin(tt.a, tt.b)\n\t\t\tif ans != tt.want {\n\t\t\t\tt.Errorf(\"got %d, want %d\", ans, tt.want)\n\t\t\t}\n\t\t})\n\t}\n}\n";

    #[test]
    fn table_driven_tests_pass_and_fail() {
        let files = vec![("/app/main.go".to_string(), MAIN.to_string()), ("/app/main_test.go".to_string(), TEST.to_string())];
        let (out, status) = run(&files, "example.com/m", true).unwrap();
        assert_eq!(status, 0);
        assert_eq!(
            out,
            "=== RUN   TestIntMinBasic\n--- PASS: TestIntMinBasic (0.00s)\n=== RUN   TestIntMinTableDriven\n=== RUN   TestIntMinTableDriven/0,1\n=== RUN   TestIntMinTableDriven/2,-2\n--- PASS: TestIntMinTableDriven (0.00s)\n    --- PASS: TestIntMinTableDriven/0,1 (0.00s)\n    --- PASS: TestIntMinTableDriven/2,-2 (0.00s)\nPASS\nok  \texample.com/m\t0.004s\n"
        );
        let broken = vec![("/app/main.go".to_string(), MAIN.replace("a < b", "a > b")), files[1].clone()];
        let (out, status) = run(&broken, "example.com/m", false).unwrap();
        assert_eq!(status, 1);
        assert!(out.starts_with("--- FAIL: TestIntMinBasic (0.00s)\n    main_test.go:11: IntMin(2, -2) = 2; want -2\n--- FAIL: TestIntMinTableDriven (0.00s)\n    --- FAIL: TestIntMinTableDriven/0,1 (0.00s)\n        main_test.go:28: got 1, want 0\n"), "{out}");
        assert!(out.ends_with("FAIL\nFAIL\texample.com/m\t0.004s\nFAIL\n"), "{out}");
        let (_, status) = run(&broken, "example.com/m", false).unwrap();
        assert_eq!(status, 1);
        assert!(run(&[("/a_test.go".into(), "package main\nfunc TestX(t *testing.T) { go f() }\n".into())], "m", true).is_err());
        let deep = format!("package main\nfunc TestX(t *testing.T) {{ x := {}1{} }}\n", "(".repeat(50_000), ")".repeat(50_000));
        assert!(run(&[("/a_test.go".into(), deep)], "m", true).is_err());
        let neg = format!("package main\nfunc TestX(t *testing.T) {{ x := {}1 }}\n", "-".repeat(50_000));
        assert!(run(&[("/a_test.go".into(), neg)], "m", true).is_err());
        let recurse = "package main\nfunc f(n int) int { return f(n) }\nfunc TestX(t *testing.T) { f(1) }\n";
        assert!(run(&[("/a_test.go".into(), recurse.into())], "m", true).is_err());
    }
}
