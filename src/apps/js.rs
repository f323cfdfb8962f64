//! A small JavaScript evaluator for the Node programs tutorials write:
//! variables, functions and arrow functions, objects and arrays, template
//! literals, if/for/while, `require` of `os`, `path`, `fs`, `http`,
//! `express` and local files, `process.env`, `console.log`. A server's
//! routes are recorded so the container can answer requests by calling the
//! handlers. What it does not model raises an error naming it.

use crate::vfs::Fs;
use std::cell::RefCell;

mod class;
pub mod emit;
mod esm;
mod ts;

pub(super) use class::hidden;
pub use esm::package_name;
use std::collections::BTreeMap;
use std::rc::Rc;

// ---------------------------------------------------------------- values ----

#[derive(Clone)]
pub enum Val {
    Undef,
    Null,
    Bool(bool),
    Num(f64),
    Str(Rc<str>),
    Arr(Rc<RefCell<Vec<Val>>>),
    Obj(Rc<RefCell<Vec<(String, Val)>>>),
    Func(Rc<Func>),
    Native(Rc<str>, Rc<Val>),
}

/// Dropping a deeply nested value (a list built by `o = [o]` in a loop)
/// takes its children apart on a work list instead of recursing.
impl Drop for Val {
    fn drop(&mut self) {
        let mut work: Vec<Val> = Vec::new();
        take_children(self, &mut work);
        while let Some(mut v) = work.pop() {
            take_children(&mut v, &mut work);
        }
    }
}

fn take_children(v: &mut Val, work: &mut Vec<Val>) {
    match v {
        Val::Arr(a) if Rc::strong_count(a) == 1 => {
            if let Ok(mut items) = a.try_borrow_mut() {
                work.append(&mut items);
            }
        }
        Val::Obj(o) if Rc::strong_count(o) == 1 => {
            if let Ok(mut fields) = o.try_borrow_mut() {
                work.extend(fields.drain(..).map(|(_, x)| x));
            }
        }
        _ => {}
    }
}

pub struct Func {
    def: Rc<FnDef>,
    scope: Scope,
    /// The class a method belongs to (what `super` reaches).
    home: Option<Val>,
}

impl Val {
    pub(super) fn obj_pub(fields: Vec<(&str, Val)>) -> Val {
        Val::obj(fields)
    }
    pub(super) fn native_pub(name: &str) -> Val {
        Val::native(name, Val::Undef)
    }
    pub(super) fn native_with(name: &str, this: Val) -> Val {
        Val::native(name, this)
    }
    pub(super) fn get_pub(&self, key: &str) -> Val {
        self.get(key)
    }
    pub(super) fn set_pub(&self, key: &str, v: Val) {
        self.set(key, v)
    }
    pub(super) fn to_str_or_empty(&self) -> String {
        if matches!(self, Val::Undef | Val::Null) {
            String::new()
        } else {
            self.to_str()
        }
    }
    fn s(s: &str) -> Val {
        Val::Str(Rc::from(s))
    }
    fn obj(fields: Vec<(&str, Val)>) -> Val {
        Val::Obj(Rc::new(RefCell::new(fields.into_iter().map(|(k, v)| (k.to_string(), v)).collect())))
    }
    fn native(name: &str, this: Val) -> Val {
        Val::Native(Rc::from(name), Rc::new(this))
    }
    pub(super) fn truthy(&self) -> bool {
        match self {
            Val::Undef | Val::Null => false,
            Val::Bool(b) => *b,
            Val::Num(n) => *n != 0.0 && !n.is_nan(),
            Val::Str(s) => !s.is_empty(),
            _ => true,
        }
    }
    /// A property, own or along the prototype chain.
    fn get(&self, key: &str) -> Val {
        match self {
            Val::Obj(o) => {
                let mut cur = o.clone();
                for _ in 0..64 {
                    let next = {
                        let b = cur.borrow();
                        if let Some((_, v)) = b.iter().rev().find(|(k, _)| k == key) {
                            return v.clone();
                        }
                        match b.iter().find(|(k, _)| k == class::PROTO) {
                            Some((_, Val::Obj(p))) => p.clone(),
                            _ => return Val::Undef,
                        }
                    };
                    cur = next;
                }
                Val::Undef
            }
            Val::Arr(a) if key == "length" => Val::Num(a.borrow().len() as f64),
            Val::Arr(a) => key.parse::<usize>().ok().and_then(|i| a.borrow().get(i).cloned()).unwrap_or(Val::Undef),
            Val::Str(s) if key == "length" => Val::Num(s.chars().count() as f64),
            Val::Str(s) => key.parse::<usize>().ok().and_then(|i| s.chars().nth(i)).map(|c| Val::s(&c.to_string())).unwrap_or(Val::Undef),
            _ => Val::Undef,
        }
    }
    /// An own property only.
    fn get_own(&self, key: &str) -> Val {
        match self {
            Val::Obj(o) => o.borrow().iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or(Val::Undef),
            _ => self.get(key),
        }
    }
    fn set(&self, key: &str, v: Val) {
        match self {
            Val::Obj(o) => {
                let mut o = o.borrow_mut();
                match o.iter_mut().find(|(k, _)| k == key) {
                    Some(slot) => slot.1 = v,
                    None => o.push((key.to_string(), v)),
                }
            }
            Val::Arr(a) => {
                if let Ok(i) = key.parse::<usize>() {
                    let mut a = a.borrow_mut();
                    if i < 100_000 {
                        if i >= a.len() {
                            a.resize(i + 1, Val::Undef);
                        }
                        a[i] = v;
                    }
                }
            }
            _ => {}
        }
    }
    /// String conversion (`String(x)`, `+`, templates).
    pub fn to_str(&self) -> String {
        self.to_str_in(&mut Vec::new())
    }
    /// `String(v)`; `path` holds the arrays being joined: an array inside
    /// itself joins as "" (as V8 does), and nesting is bounded.
    fn to_str_in(&self, path: &mut Vec<*const RefCell<Vec<Val>>>) -> String {
        match self {
            Val::Undef => "undefined".into(),
            Val::Null => "null".into(),
            Val::Bool(b) => b.to_string(),
            Val::Num(n) => num_str(*n),
            Val::Str(s) => s.to_string(),
            Val::Arr(a) => {
                if path.contains(&Rc::as_ptr(a)) || path.len() > 256 {
                    return String::new();
                }
                path.push(Rc::as_ptr(a));
                let parts: Vec<String> = a
                    .borrow()
                    .iter()
                    .map(|v| if matches!(v, Val::Undef | Val::Null) { String::new() } else { v.to_str_in(path) })
                    .collect();
                path.pop();
                parts.join(",")
            }
            Val::Obj(_) => "[object Object]".into(),
            Val::Func(_) | Val::Native(..) => "function () { [native code] }".into(),
        }
    }
    pub(super) fn to_num(&self) -> f64 {
        match self {
            Val::Num(n) => *n,
            Val::Bool(b) => *b as u8 as f64,
            Val::Null => 0.0,
            Val::Str(s) => {
                let t = s.trim();
                if t.is_empty() {
                    0.0
                } else {
                    t.parse().unwrap_or(f64::NAN)
                }
            }
            _ => f64::NAN,
        }
    }
    pub fn type_of(&self) -> &'static str {
        match self {
            Val::Undef => "undefined",
            Val::Obj(_) if class::is_class(self) => "function",
            Val::Null | Val::Obj(_) | Val::Arr(_) => "object",
            Val::Bool(_) => "boolean",
            Val::Num(_) => "number",
            Val::Str(_) => "string",
            Val::Func(_) | Val::Native(..) => "function",
        }
    }
}

/// Whether a file is TypeScript by its name.
pub fn is_typescript(path: &str) -> bool {
    [".ts", ".mts", ".cts", ".tsx"].iter().any(|e| path.ends_with(e)) && !path.ends_with(".d.ts")
}

pub fn num_str(n: f64) -> String {
    if n.is_nan() {
        "NaN".into()
    } else if n.is_infinite() {
        if n > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        }
    } else if n.fract() == 0.0 && n.abs() < 1e21 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// `console.log`'s rendering of a value (node's util.inspect, simplified).
pub fn inspect(v: &Val, depth: usize, top: bool) -> String {
    match v {
        Val::Str(s) if top => s.to_string(),
        Val::Str(s) => quote_str(s),
        Val::Arr(a) => {
            let a = a.borrow();
            if a.is_empty() {
                return "[]".into();
            }
            if depth > 2 {
                return "[Array]".into();
            }
            let parts: Vec<String> = a.iter().map(|x| inspect(x, depth + 1, false)).collect();
            let one = format!("[ {} ]", parts.join(", "));
            if one.len() <= 72 {
                one
            } else {
                format!("[\n{}\n]", parts.iter().map(|p| format!("{}{p}", "  ".repeat(depth + 1))).collect::<Vec<_>>().join(",\n"))
            }
        }
        Val::Obj(_) if class::is_class(v) => match &v.get_own("\0super") {
            Val::Undef => format!("[class {}]", v.get_own("\0class").to_str()),
            Val::Native(n, _) => format!("[class {} extends {}]", v.get_own("\0class").to_str(), n.trim_start_matches("module.")),
            p => format!("[class {} extends {}]", v.get_own("\0class").to_str(), p.get_own("\0class").to_str()),
        },
        Val::Obj(o) => {
            let o = o.borrow();
            let prefix = class::instance_name(&o).map(|n| format!("{n} ")).unwrap_or_default();
            let o: Vec<&(String, Val)> = o.iter().filter(|(k, _)| !class::hidden(k)).collect();
            if o.is_empty() {
                return format!("{prefix}{{}}");
            }
            // An error from a modelled package: its stack line, then its own properties.
            if let Some((_, Val::Str(stack))) = o.iter().find(|(k, _)| k == "stack") {
                let props: Vec<String> = o
                    .iter()
                    .filter(|(k, _)| k != "stack" && k != "message")
                    .map(|(k, x)| format!("{}{k}: {}", "  ".repeat(depth + 1), inspect(x, depth + 1, false)))
                    .collect();
                if props.is_empty() {
                    return stack.to_string();
                }
                return format!("{stack} {{\n{}\n{}}}", props.join(",\n"), "  ".repeat(depth));
            }
            if depth > 2 {
                return "[Object]".into();
            }
            let parts: Vec<String> = o
                .iter()
                .map(|(k, x)| {
                    let key =
                        if k.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '$') && !k.starts_with(|c: char| c.is_ascii_digit()) {
                            k.clone()
                        } else {
                            format!("'{k}'")
                        };
                    format!("{key}: {}", inspect(x, depth + 1, false))
                })
                .collect();
            let one = format!("{prefix}{{ {} }}", parts.join(", "));
            if one.len() <= 72 {
                one
            } else {
                format!(
                    "{prefix}{{\n{}\n{}}}",
                    parts.iter().map(|p| format!("{}{p}", "  ".repeat(depth + 1))).collect::<Vec<_>>().join(",\n"),
                    "  ".repeat(depth)
                )
            }
        }
        Val::Func(_) => "[Function (anonymous)]".into(),
        Val::Native(n, _) => format!("[Function: {}]", n.rsplit('.').next().unwrap_or(n)),
        other => other.to_str(),
    }
}

/// A string as util.inspect quotes it: single quotes, or double (then
/// backticks) when the text holds the quote.
fn quote_str(s: &str) -> String {
    let escaped = s.replace('\\', "\\\\").replace('\n', "\\n");
    if !s.contains('\'') {
        format!("'{escaped}'")
    } else if !s.contains('"') {
        format!("\"{escaped}\"")
    } else if !s.contains('`') && !s.contains("${") {
        format!("`{escaped}`")
    } else {
        format!("'{}'", escaped.replace('\'', "\\'"))
    }
}

/// Why JSON.stringify failed.
enum JsonErr {
    Circular,
    TooDeep,
}

fn to_json(v: &Val, indent: &str, path: &mut Vec<*const ()>) -> Result<Option<String>, JsonErr> {
    let level = path.len();
    let nl = |l: usize| if indent.is_empty() { String::new() } else { format!("\n{}", indent.repeat(l)) };
    let ptr = match v {
        Val::Arr(a) => Rc::as_ptr(a) as *const (),
        Val::Obj(o) => Rc::as_ptr(o) as *const (),
        _ => std::ptr::null(),
    };
    if !ptr.is_null() {
        if path.contains(&ptr) {
            return Err(JsonErr::Circular);
        }
        if level >= 256 {
            return Err(JsonErr::TooDeep);
        }
        path.push(ptr);
    }
    let out = Some(match v {
        Val::Undef | Val::Func(_) | Val::Native(..) => return Ok(None),
        Val::Null => "null".into(),
        Val::Bool(b) => b.to_string(),
        Val::Num(n) if n.is_finite() => num_str(*n),
        Val::Num(_) => "null".into(),
        Val::Str(s) => serde_json::to_string(&**s).unwrap_or_default(),
        Val::Arr(a) => {
            let a = a.borrow();
            let mut parts = Vec::new();
            for x in a.iter() {
                parts.push(to_json(x, indent, path)?.unwrap_or_else(|| "null".into()));
            }
            if parts.is_empty() {
                "[]".into()
            } else {
                format!("[{}{}{}]", nl(level + 1), parts.join(&format!(",{}", nl(level + 1))), nl(level))
            }
        }
        Val::Obj(o) => {
            let o = o.borrow();
            let mut parts = Vec::new();
            for (k, x) in o.iter().filter(|(k, _)| !class::hidden(k)) {
                if let Some(j) = to_json(x, indent, path)? {
                    parts.push(format!("{}:{}{j}", serde_json::to_string(k).unwrap_or_default(), if indent.is_empty() { "" } else { " " }));
                }
            }
            if parts.is_empty() {
                "{}".into()
            } else {
                format!("{{{}{}{}}}", nl(level + 1), parts.join(&format!(",{}", nl(level + 1))), nl(level))
            }
        }
    });
    if !ptr.is_null() {
        path.pop();
    }
    Ok(out)
}

fn from_json(j: &serde_json::Value) -> Val {
    match j {
        serde_json::Value::Null => Val::Null,
        serde_json::Value::Bool(b) => Val::Bool(*b),
        serde_json::Value::Number(n) => Val::Num(n.as_f64().unwrap_or(0.0)),
        serde_json::Value::String(s) => Val::s(s),
        serde_json::Value::Array(a) => Val::Arr(Rc::new(RefCell::new(a.iter().map(from_json).collect()))),
        serde_json::Value::Object(o) => Val::Obj(Rc::new(RefCell::new(o.iter().map(|(k, v)| (k.clone(), from_json(v))).collect()))),
    }
}

// ----------------------------------------------------------------- lexer ----

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(f64),
    Str(String),
    Tpl(Vec<(String, String)>, String),
    Id(String),
    P(&'static str),
    Eof,
}

const PUNCT: &[&str] = &[
    "===", "!==", "...", "**=", "&&=", "||=", "??=", "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=",
    "/=", "%=", "**", "{", "}", "(", ")", "[", "]", ";", ",", "<", ">", "+", "-", "*", "/", "%", "!", "?", ":", "=", ".", "&", "|", "^",
    "~", "@",
];

fn lex(src: &str) -> Result<Vec<(Tok, usize)>, String> {
    lex_spanned(src).map(|(toks, _)| toks)
}

/// The `}` closing a template literal's `${` whose code starts at `start`
/// (or the end of the text).
fn substitution_end(c: &[char], start: usize) -> usize {
    let mut depth = 1;
    let mut i = start;
    while i < c.len() {
        match c[i] {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
        i += 1;
    }
    i
}

/// Tokens with their lines, and where each is in the source (char offsets, end exclusive).
type Spanned = (Vec<(Tok, usize)>, Vec<(usize, usize)>);

/// The tokens and where each is in the source.
fn lex_spanned(src: &str) -> Result<Spanned, String> {
    let c: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut spans = Vec::new();
    let mut i = 0;
    let mut line = 1;
    while i < c.len() {
        let tok_start = i;
        let before = out.len();
        lex_one(&c, &mut i, &mut line, &mut out)?;
        if out.len() > before {
            spans.push((tok_start, i));
        }
    }
    out.push((Tok::Eof, line));
    spans.push((c.len(), c.len()));
    Ok((out, spans))
}

fn lex_one(c: &[char], i: &mut usize, line: &mut usize, out: &mut Vec<(Tok, usize)>) -> Result<(), String> {
    let (mut ii, mut ll) = (*i, *line);
    let r = lex_at(c, &mut ii, &mut ll, out);
    *i = ii;
    *line = ll;
    r
}

fn lex_at(c: &[char], i_ref: &mut usize, line_ref: &mut usize, out: &mut Vec<(Tok, usize)>) -> Result<(), String> {
    let mut i = *i_ref;
    let mut line = *line_ref;
    {
        let ch = c[i];
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && c.get(i + 1) == Some(&'/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && c.get(i + 1) == Some(&'*') {
            i += 2;
            while i + 1 < c.len() && !(c[i] == '*' && c[i + 1] == '/') {
                if c[i] == '\n' {
                    line += 1;
                }
                i += 1;
            }
            i += 2;
        } else if ch == '#' && i == 0 && c.get(1) == Some(&'!') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch.is_ascii_digit() || (ch == '.' && c.get(i + 1).is_some_and(char::is_ascii_digit)) {
            let start = i;
            while i < c.len() && (c[i].is_ascii_alphanumeric() || c[i] == '.' || c[i] == '_') {
                i += 1;
            }
            let t: String = c[start..i].iter().filter(|&&x| x != '_').collect();
            let n = if let Some(h) = t.strip_prefix("0x") {
                i64::from_str_radix(h, 16).map(|v| v as f64).unwrap_or(f64::NAN)
            } else {
                t.parse().unwrap_or(f64::NAN)
            };
            out.push((Tok::Num(n), line));
        } else if ch.is_alphabetic()
            || ch == '_'
            || ch == '$'
            || (ch == '#' && c.get(i + 1).is_some_and(|n| n.is_alphabetic() || *n == '_'))
        {
            let start = i;
            if ch == '#' {
                i += 1;
            }
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_' || c[i] == '$') {
                i += 1;
            }
            out.push((Tok::Id(c[start..i].iter().collect()), line));
        } else if ch == '"' || ch == '\'' {
            i += 1;
            let mut s = String::new();
            while i < c.len() && c[i] != ch {
                if c[i] == '\\' && i + 1 < c.len() {
                    i += 1;
                    s.push(match c[i] {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        '0' => '\0',
                        o => o,
                    });
                } else if c[i] == '\n' {
                    return Err(format!("{line}: SyntaxError: Invalid or unexpected token"));
                } else {
                    s.push(c[i]);
                }
                i += 1;
            }
            if i >= c.len() {
                return Err(format!("{line}: SyntaxError: Invalid or unexpected token"));
            }
            i += 1;
            out.push((Tok::Str(s), line));
        } else if ch == '`' {
            i += 1;
            let mut parts = Vec::new();
            let mut cur = String::new();
            while i < c.len() && c[i] != '`' {
                if c[i] == '\\' && i + 1 < c.len() {
                    i += 1;
                    cur.push(match c[i] {
                        'n' => '\n',
                        't' => '\t',
                        o => o,
                    });
                    i += 1;
                } else if c[i] == '$' && c.get(i + 1) == Some(&'{') {
                    let start = i + 2;
                    i = substitution_end(c, start);
                    parts.push((std::mem::take(&mut cur), c[start..i.min(c.len())].iter().collect()));
                    i += 1;
                } else {
                    if c[i] == '\n' {
                        line += 1;
                    }
                    cur.push(c[i]);
                    i += 1;
                }
            }
            i += 1;
            out.push((Tok::Tpl(parts, cur), line));
        } else {
            let rest: String = c[i..(i + 4).min(c.len())].iter().collect();
            let Some(p) = PUNCT.iter().find(|p| rest.starts_with(**p)) else {
                return Err(format!("{line}: SyntaxError: Invalid or unexpected token"));
            };
            out.push((Tok::P(p), line));
            i += p.chars().count();
        }
    }
    *i_ref = i;
    *line_ref = line;
    Ok(())
}

// ---------------------------------------------------------------- parser ----

#[derive(Clone, Debug)]
enum Pat {
    Name(String),
    /// `{ a, b: c, d = 1, ...rest }`: key and target (`...` for the rest).
    Obj(Vec<(String, Pat)>),
    /// `[a, , b = 2, ...rest]`: None for a hole.
    Arr(Vec<Option<Pat>>),
    Default(Box<Pat>, Box<Expr>),
    Rest(Box<Pat>),
}

/// A function's definition: parameters, body, and whether it is an arrow
/// function (which takes `this` from where it was made).
#[derive(Debug)]
struct FnDef {
    params: Vec<Pat>,
    body: FnSrc,
    arrow: bool,
}

#[derive(Clone, Debug)]
enum Expr {
    Lit(LitV),
    Tpl(Vec<(String, Expr)>, String),
    Id(String),
    Arr(Vec<Expr>),
    Obj(Vec<(String, Expr)>),
    Member(Box<Expr>, Box<Expr>, bool),
    Call(Box<Expr>, Vec<Expr>, bool),
    New(Box<Expr>, Vec<Expr>),
    Unary(&'static str, Box<Expr>),
    Bin(&'static str, Box<Expr>, Box<Expr>),
    Logic(&'static str, Box<Expr>, Box<Expr>),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    Assign(&'static str, Box<Expr>, Box<Expr>),
    Update(&'static str, bool, Box<Expr>),
    Fn(Rc<FnDef>),
    Class(Rc<class::ClassDef>),
    Spread(Box<Expr>),
    Await(Box<Expr>),
}

#[derive(Clone, Debug)]
enum LitV {
    Undef,
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
}

#[derive(Clone, Debug)]
enum FnSrc {
    Expr(Expr),
    Block(Vec<Stmt>),
}

#[derive(Clone, Debug)]
enum Stmt {
    Expr(Expr, usize),
    Let(Pat, Option<Expr>),
    Func(String, Rc<FnDef>),
    Class(String, Rc<class::ClassDef>),
    Switch(Expr, Vec<(Option<Expr>, Vec<Stmt>)>),
    Import(esm::Import),
    Export(esm::Export),
    If(Expr, Box<Stmt>, Option<Box<Stmt>>),
    Block(Vec<Stmt>),
    /// Several declarations in one statement (same scope).
    Seq(Vec<Stmt>),
    For(Option<Box<Stmt>>, Option<Expr>, Option<Expr>, Box<Stmt>),
    ForOf(Pat, Expr, Box<Stmt>, bool),
    While(Expr, Box<Stmt>),
    Return(Option<Expr>),
    Break,
    Continue,
    Throw(Expr),
    Try(Vec<Stmt>, Option<String>, Vec<Stmt>),
    Empty,
}

struct Parser {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    depth: usize,
    /// TypeScript: types are read and dropped.
    ts: bool,
    /// Token ranges that are TypeScript only.
    erased: Vec<(usize, usize)>,
    /// Enums: token range, name, members.
    enums: Vec<ts::Enum>,
    /// The parameter properties of the constructor being parsed.
    param_props: Vec<(usize, String)>,
    /// What tsc's emit needs (filled when parsing TypeScript): each name
    /// reference's token (and whether it is a shorthand property), the
    /// top-level statements' token ranges, and constructors whose
    /// parameter properties become assignments (body's `{`, names, derived).
    refs: Vec<(usize, bool)>,
    top: Vec<(usize, usize)>,
    ctors: Vec<(usize, Vec<String>, bool)>,
}

type PR<T> = Result<T, String>;

impl Parser {
    fn new(toks: Vec<(Tok, usize)>, ts: bool, depth: usize) -> Parser {
        Parser {
            toks,
            pos: 0,
            depth,
            ts,
            erased: Vec::new(),
            enums: Vec::new(),
            param_props: Vec::new(),
            refs: Vec::new(),
            top: Vec::new(),
            ctors: Vec::new(),
        }
    }
    fn peek(&self) -> &Tok {
        &self.toks[self.pos.min(self.toks.len() - 1)].0
    }
    fn line(&self) -> usize {
        self.toks[self.pos.min(self.toks.len() - 1)].1
    }
    fn next(&mut self) -> Tok {
        let t = self.peek().clone();
        if self.pos < self.toks.len() - 1 {
            self.pos += 1;
        }
        t
    }
    fn is(&self, p: &str) -> bool {
        matches!(self.peek(), Tok::P(x) if *x == p) || matches!(self.peek(), Tok::Id(x) if x == p)
    }
    fn eat(&mut self, p: &str) -> bool {
        if self.is(p) {
            self.next();
            true
        } else {
            false
        }
    }
    fn err(&self) -> String {
        let what = match self.peek() {
            Tok::Eof => "SyntaxError: Unexpected end of input".to_string(),
            Tok::P(p) => format!("SyntaxError: Unexpected token '{p}'"),
            Tok::Id(i) => format!("SyntaxError: Unexpected identifier '{i}'"),
            Tok::Str(_) | Tok::Tpl(..) => "SyntaxError: Unexpected string".to_string(),
            Tok::Num(_) => "SyntaxError: Unexpected number".to_string(),
        };
        format!("{}: {what}", self.line())
    }
    fn expect(&mut self, p: &str) -> PR<()> {
        if self.eat(p) {
            Ok(())
        } else {
            Err(self.err())
        }
    }
    fn ident(&mut self) -> PR<String> {
        match self.next() {
            Tok::Id(s) => Ok(s),
            _ => {
                self.pos = self.pos.saturating_sub(1);
                Err(self.err())
            }
        }
    }
    fn semi(&mut self) {
        self.eat(";");
    }
    fn program(&mut self) -> PR<Vec<Stmt>> {
        let mut out = Vec::new();
        while *self.peek() != Tok::Eof {
            let start = self.pos;
            out.push(self.stmt()?);
            if self.ts {
                self.top.push((start, self.pos));
            }
        }
        Ok(out)
    }
    fn block(&mut self) -> PR<Vec<Stmt>> {
        self.expect("{")?;
        let mut out = Vec::new();
        while !self.is("}") {
            if *self.peek() == Tok::Eof {
                return Err(self.err());
            }
            out.push(self.stmt()?);
        }
        self.next();
        Ok(out)
    }
    fn pattern(&mut self) -> PR<Pat> {
        if self.eat("{") {
            let mut fields = Vec::new();
            while !self.eat("}") {
                if self.eat("...") {
                    fields.push(("...".to_string(), Pat::Name(self.ident()?)));
                } else {
                    let k = match self.next() {
                        Tok::Id(s) | Tok::Str(s) => s,
                        Tok::Num(n) => num_str(n),
                        _ => {
                            self.pos = self.pos.saturating_sub(1);
                            return Err(self.err());
                        }
                    };
                    let target = if self.eat(":") { self.binding_elem()? } else { self.with_default(Pat::Name(k.clone()))? };
                    fields.push((k, target));
                }
                if !self.eat(",") {
                    self.expect("}")?;
                    break;
                }
            }
            return Ok(Pat::Obj(fields));
        }
        if self.eat("[") {
            let mut items = Vec::new();
            while !self.eat("]") {
                if self.eat(",") {
                    items.push(None);
                    continue;
                }
                items.push(Some(self.binding_elem()?));
                if !self.eat(",") {
                    self.expect("]")?;
                    break;
                }
            }
            return Ok(Pat::Arr(items));
        }
        Ok(Pat::Name(self.ident()?))
    }
    /// A pattern with its default (`x = 1`) or a rest element (`...xs`).
    fn binding_elem(&mut self) -> PR<Pat> {
        if self.eat("...") {
            return Ok(Pat::Rest(Box::new(self.pattern()?)));
        }
        let p = self.pattern()?;
        self.with_default(p)
    }
    fn with_default(&mut self, p: Pat) -> PR<Pat> {
        Ok(if self.eat("=") { Pat::Default(Box::new(p), Box::new(self.assign()?)) } else { p })
    }
    /// A parameter list after its `(`: patterns with defaults and rest, and
    /// in TypeScript their `?`, types and accessibility modifiers.
    fn params(&mut self) -> PR<Vec<Pat>> {
        let mut params = Vec::new();
        while !self.eat(")") {
            let property = self.ts_param_modifiers();
            let rest = self.eat("...");
            let p = self.pattern()?;
            self.ts_optional_and_type()?;
            if let (true, Pat::Name(n)) = (property, &p) {
                self.param_props.push((params.len(), n.clone()));
            }
            let p = if rest { Pat::Rest(Box::new(p)) } else { self.with_default(p)? };
            params.push(p);
            if !self.eat(",") {
                self.expect(")")?;
                break;
            }
        }
        Ok(params)
    }
    fn stmt(&mut self) -> PR<Stmt> {
        self.depth += 1;
        let r =
            if self.depth > 48 { Err(format!("{}: RangeError: Maximum call stack size exceeded", self.line())) } else { self.stmt_inner() };
        self.depth -= 1;
        r
    }
    fn stmt_inner(&mut self) -> PR<Stmt> {
        let line = self.line();
        if self.eat(";") {
            return Ok(Stmt::Empty);
        }
        if self.is("{") {
            return Ok(Stmt::Block(self.block()?));
        }
        if self.ts {
            if let Some(st) = self.ts_stmt()? {
                return Ok(st);
            }
        }
        if (self.is("const") || self.is("let") || self.is("var"))
            && !matches!(self.toks.get(self.pos + 1), Some((Tok::P("=" | "." | "(" | ";"), _)))
        {
            self.next();
            let mut decls = Vec::new();
            loop {
                let p = self.pattern()?;
                self.ts_optional_and_type()?;
                let init = if self.eat("=") { Some(self.assign()?) } else { None };
                decls.push(Stmt::Let(p, init));
                if !self.eat(",") {
                    break;
                }
            }
            self.semi();
            return Ok(if decls.len() == 1 { decls.remove(0) } else { Stmt::Seq(decls) });
        }
        if self.is("async") && matches!(self.toks.get(self.pos + 1), Some((Tok::Id(f), _)) if f == "function") {
            self.next();
        }
        if self.eat("function") {
            self.eat("*");
            let name = self.ident()?;
            let f = self.func_rest()?;
            return Ok(Stmt::Func(name, f));
        }
        if self.eat("if") {
            self.expect("(")?;
            let c = self.expr()?;
            self.expect(")")?;
            let t = self.stmt()?;
            let e = if self.eat("else") { Some(Box::new(self.stmt()?)) } else { None };
            return Ok(Stmt::If(c, Box::new(t), e));
        }
        if self.eat("for") {
            self.expect("(")?;
            if self.is("const") || self.is("let") || self.is("var") {
                let save = self.pos;
                self.next();
                let p = self.pattern()?;
                if self.eat("of") || self.eat("in") {
                    let is_in = matches!(&self.toks[self.pos - 1].0, Tok::Id(x) if x == "in");
                    let it = self.expr()?;
                    self.expect(")")?;
                    let body = self.stmt()?;
                    return Ok(Stmt::ForOf(p, it, Box::new(body), is_in));
                }
                self.pos = save;
            }
            let init = if self.is(";") { None } else { Some(Box::new(self.stmt()?)) };
            if init.is_none() {
                self.expect(";")?;
            }
            let cond = if self.is(";") { None } else { Some(self.expr()?) };
            self.expect(";")?;
            let step = if self.is(")") { None } else { Some(self.expr()?) };
            self.expect(")")?;
            let body = self.stmt()?;
            return Ok(Stmt::For(init, cond, step, Box::new(body)));
        }
        if self.eat("while") {
            self.expect("(")?;
            let c = self.expr()?;
            self.expect(")")?;
            return Ok(Stmt::While(c, Box::new(self.stmt()?)));
        }
        if self.eat("return") {
            let v = if self.is(";") || self.is("}") { None } else { Some(self.expr()?) };
            self.semi();
            return Ok(Stmt::Return(v));
        }
        if self.eat("break") {
            self.semi();
            return Ok(Stmt::Break);
        }
        if self.eat("continue") {
            self.semi();
            return Ok(Stmt::Continue);
        }
        if self.eat("throw") {
            let e = self.expr()?;
            self.semi();
            return Ok(Stmt::Throw(e));
        }
        if self.eat("try") {
            let body = self.block()?;
            let mut name = None;
            let mut handler = Vec::new();
            if self.eat("catch") {
                if self.eat("(") {
                    name = Some(self.ident()?);
                    self.ts_optional_and_type()?;
                    self.expect(")")?;
                }
                handler = self.block()?;
            }
            if self.eat("finally") {
                let fin = self.block()?;
                handler.extend(fin);
            }
            return Ok(Stmt::Try(body, name, handler));
        }
        if self.eat("switch") {
            return self.switch_rest();
        }
        if self.is("class")
            || (self.ts && self.is("abstract") && matches!(self.toks.get(self.pos + 1), Some((Tok::Id(c), _)) if c == "class"))
        {
            let start = self.pos;
            if self.eat("abstract") {
                self.ts_skipped(start);
            }
            self.next();
            let def = self.class_rest(true)?;
            return Ok(Stmt::Class(def.name.clone(), def));
        }
        if self.is("import") && !matches!(self.toks.get(self.pos + 1), Some((Tok::P("(" | "."), _))) {
            let start = self.pos;
            self.next();
            return self.import_stmt(start);
        }
        if self.is("export") {
            let start = self.pos;
            self.next();
            return self.export_stmt(start);
        }
        if self.is("@") {
            return Err(format!("{line}: dockersim: decorators are not simulated"));
        }
        let e = self.expr()?;
        self.semi();
        Ok(Stmt::Expr(e, line))
    }
    /// After `switch`: `(x) { case a: … default: … }`.
    fn switch_rest(&mut self) -> PR<Stmt> {
        self.expect("(")?;
        let subject = self.expr()?;
        self.expect(")")?;
        self.expect("{")?;
        let mut cases: Vec<(Option<Expr>, Vec<Stmt>)> = Vec::new();
        while !self.eat("}") {
            let test = if self.eat("default") {
                None
            } else {
                self.expect("case")?;
                Some(self.expr()?)
            };
            self.expect(":")?;
            let mut body = Vec::new();
            while !self.is("case") && !self.is("default") && !self.is("}") {
                if *self.peek() == Tok::Eof {
                    return Err(self.err());
                }
                body.push(self.stmt()?);
            }
            cases.push((test, body));
        }
        Ok(Stmt::Switch(subject, cases))
    }
    /// A class's `extends` operand: a name or a member chain.
    fn postfix_no_call(&mut self) -> PR<Expr> {
        let mut e = self.primary()?;
        while self.eat(".") {
            let name = self.ident()?;
            e = Expr::Member(Box::new(e), Box::new(Expr::Lit(LitV::Str(name))), false);
        }
        Ok(e)
    }
    fn func_rest(&mut self) -> PR<Rc<FnDef>> {
        self.ts_type_params()?;
        self.expect("(")?;
        let params = self.params()?;
        self.ts_return_type()?;
        let body = self.block()?;
        Ok(Rc::new(FnDef { params, body: FnSrc::Block(body), arrow: false }))
    }
    fn expr(&mut self) -> PR<Expr> {
        let mut e = self.assign()?;
        while self.eat(",") {
            e = self.assign()?;
        }
        Ok(e)
    }
    fn arrow_ahead(&self) -> bool {
        // ( … ) => or ident =>
        if let Tok::Id(_) = self.peek() {
            return matches!(self.toks.get(self.pos + 1), Some((Tok::P("=>"), _)));
        }
        if !self.is("(") {
            return false;
        }
        let mut depth = 0;
        let mut i = self.pos;
        while i < self.toks.len() {
            match &self.toks[i].0 {
                Tok::P("(") => depth += 1,
                Tok::P(")") => {
                    depth -= 1;
                    if depth == 0 {
                        if self.ts && matches!(self.toks.get(i + 1), Some((Tok::P(":"), _))) {
                            return self.return_type_then_arrow(i + 2);
                        }
                        return matches!(self.toks.get(i + 1), Some((Tok::P("=>"), _)));
                    }
                }
                Tok::Eof => return false,
                _ => {}
            }
            i += 1;
        }
        false
    }
    /// TypeScript: whether a return type starting at token `i` is followed
    /// by `=>` (`(a: T): R => …`).
    fn return_type_then_arrow(&self, mut i: usize) -> bool {
        let mut depth = 0usize;
        while let Some((t, _)) = self.toks.get(i) {
            match t {
                Tok::P("(" | "[" | "{" | "<") => depth += 1,
                Tok::P(")" | "]" | "}" | ">") => {
                    if depth == 0 {
                        return false;
                    }
                    depth -= 1;
                }
                Tok::P("=>") if depth == 0 => return true,
                Tok::P(";" | "=" | ",") if depth == 0 => return false,
                Tok::Eof => return false,
                _ => {}
            }
            i += 1;
        }
        false
    }
    fn assign(&mut self) -> PR<Expr> {
        self.depth += 1;
        let r = if self.depth > 48 {
            Err(format!("{}: RangeError: Maximum call stack size exceeded", self.line()))
        } else {
            self.assign_inner()
        };
        self.depth -= 1;
        r
    }
    fn assign_inner(&mut self) -> PR<Expr> {
        if self.is("async") && matches!(self.toks.get(self.pos + 1), Some((Tok::P("("), _)) | Some((Tok::Id(_), _))) {
            let save = self.pos;
            self.next();
            if self.arrow_ahead() || self.is("function") {
                return self.assign();
            }
            self.pos = save;
        }
        if self.arrow_ahead() {
            self.ts_type_params()?;
            let params = if self.eat("(") { self.params()? } else { vec![Pat::Name(self.ident()?)] };
            self.ts_return_type()?;
            self.expect("=>")?;
            let body = if self.is("{") { FnSrc::Block(self.block()?) } else { FnSrc::Expr(self.assign()?) };
            return Ok(Expr::Fn(Rc::new(FnDef { params, body, arrow: true })));
        }
        let left = self.cond()?;
        for op in ["=", "+=", "-=", "*=", "/=", "%=", "||=", "&&=", "??="] {
            if self.is(op) {
                self.next();
                let right = self.assign()?;
                let op: &'static str = PUNCT.iter().find(|p| **p == op).copied().unwrap_or("=");
                return Ok(Expr::Assign(op, Box::new(left), Box::new(right)));
            }
        }
        Ok(left)
    }
    fn cond(&mut self) -> PR<Expr> {
        let c = self.binary(0)?;
        if self.eat("?") {
            let a = self.assign()?;
            self.expect(":")?;
            let b = self.assign()?;
            return Ok(Expr::Cond(Box::new(c), Box::new(a), Box::new(b)));
        }
        Ok(c)
    }
    /// Binary operators by precedence climbing: one frame per operator
    /// rather than one per precedence level, so nesting stays shallow.
    fn binary(&mut self, min: usize) -> PR<Expr> {
        const LEVELS: &[&[&str]] = &[
            &["??"],
            &["||"],
            &["&&"],
            &["===", "!==", "==", "!="],
            &["<=", ">=", "<", ">", "instanceof", "in"],
            &["+", "-"],
            &["*", "/", "%"],
            &["**"],
        ];
        let mut left = self.unary()?;
        loop {
            if self.ts && (self.is("as") || self.is("satisfies")) && min <= 4 {
                let start = self.pos;
                self.next();
                if !self.eat("const") {
                    self.skip_type()?;
                }
                self.ts_skipped(start);
                continue;
            }
            let Some((level, op)) =
                LEVELS.iter().enumerate().skip(min).find_map(|(l, ops)| ops.iter().find(|op| self.is(op)).map(|op| (l, *op)))
            else {
                return Ok(left);
            };
            self.next();
            // `**` is right-associative; the others bind to the left.
            let right = self.binary(if op == "**" { level } else { level + 1 })?;
            left =
                if level <= 2 { Expr::Logic(op, Box::new(left), Box::new(right)) } else { Expr::Bin(op, Box::new(left), Box::new(right)) };
        }
    }
    fn unary(&mut self) -> PR<Expr> {
        for op in ["!", "-", "+", "typeof", "void", "~"] {
            if self.is(op) {
                self.next();
                let e = self.unary()?;
                return Ok(Expr::Unary(
                    PUNCT.iter().find(|p| **p == op).copied().unwrap_or(if op == "typeof" { "typeof" } else { "void" }),
                    Box::new(e),
                ));
            }
        }
        if self.eat("await") {
            return Ok(Expr::Await(Box::new(self.unary()?)));
        }
        if self.is("++") || self.is("--") {
            let op = if self.eat("++") {
                "++"
            } else {
                self.next();
                "--"
            };
            let e = self.unary()?;
            return Ok(Expr::Update(op, true, Box::new(e)));
        }
        let e = self.postfix()?;
        if self.is("++") || self.is("--") {
            let op = if self.eat("++") {
                "++"
            } else {
                self.next();
                "--"
            };
            return Ok(Expr::Update(op, false, Box::new(e)));
        }
        Ok(e)
    }
    fn args(&mut self) -> PR<Vec<Expr>> {
        let mut out = Vec::new();
        while !self.eat(")") {
            if self.eat("...") {
                out.push(Expr::Spread(Box::new(self.assign()?)));
            } else {
                out.push(self.assign()?);
            }
            if !self.eat(",") {
                self.expect(")")?;
                break;
            }
        }
        Ok(out)
    }
    fn postfix(&mut self) -> PR<Expr> {
        let mut e = if self.eat("new") {
            let callee = self.primary()?;
            let mut callee = callee;
            while self.eat(".") {
                let name = self.ident()?;
                callee = Expr::Member(Box::new(callee), Box::new(Expr::Lit(LitV::Str(name))), false);
            }
            self.ts_call_type_args();
            let args = if self.eat("(") { self.args()? } else { Vec::new() };
            Expr::New(Box::new(callee), args)
        } else {
            self.primary()?
        };
        loop {
            if self.eat(".") {
                let name = self.ident()?;
                e = Expr::Member(Box::new(e), Box::new(Expr::Lit(LitV::Str(name))), false);
            } else if self.eat("?.") {
                if self.eat("(") {
                    let a = self.args()?;
                    e = Expr::Call(Box::new(e), a, true);
                } else if self.eat("[") {
                    let k = self.expr()?;
                    self.expect("]")?;
                    e = Expr::Member(Box::new(e), Box::new(k), true);
                } else {
                    let name = self.ident()?;
                    e = Expr::Member(Box::new(e), Box::new(Expr::Lit(LitV::Str(name))), true);
                }
            } else if self.eat("[") {
                let k = self.expr()?;
                self.expect("]")?;
                e = Expr::Member(Box::new(e), Box::new(k), false);
            } else if self.eat("(") {
                let a = self.args()?;
                e = Expr::Call(Box::new(e), a, false);
            } else if let Tok::Tpl(..) = self.peek() {
                self.next();
            } else if self.ts && self.is("!") {
                let start = self.pos;
                self.next();
                self.ts_skipped(start);
            } else if self.ts_call_type_args() {
                continue;
            } else {
                break;
            }
        }
        Ok(e)
    }
    fn primary(&mut self) -> PR<Expr> {
        let t = self.next();
        Ok(match t {
            Tok::Num(n) => Expr::Lit(LitV::Num(n)),
            Tok::Str(s) => Expr::Lit(LitV::Str(s)),
            Tok::Tpl(parts, tail) => {
                let mut ps = Vec::new();
                for (text, code) in parts {
                    let toks = lex(&code)?;
                    let mut p = Parser::new(toks, self.ts, self.depth);
                    ps.push((text, p.expr()?));
                }
                Expr::Tpl(ps, tail)
            }
            Tok::P("(") => {
                let e = self.expr()?;
                self.expect(")")?;
                e
            }
            Tok::P("[") => {
                let mut items = Vec::new();
                while !self.eat("]") {
                    if self.eat("...") {
                        items.push(Expr::Spread(Box::new(self.assign()?)));
                    } else {
                        items.push(self.assign()?);
                    }
                    if !self.eat(",") {
                        self.expect("]")?;
                        break;
                    }
                }
                Expr::Arr(items)
            }
            Tok::P("{") => {
                let mut fields = Vec::new();
                while !self.eat("}") {
                    if self.eat("...") {
                        fields.push(("...".to_string(), self.assign()?));
                    } else {
                        let key = match self.next() {
                            Tok::Id(s) | Tok::Str(s) => s,
                            Tok::Num(n) => num_str(n),
                            Tok::P("[") => {
                                let k = self.assign()?;
                                self.expect("]")?;
                                self.expect(":")?;
                                let v = self.assign()?;
                                fields.push(("[computed]".to_string(), Expr::Arr(vec![k, v])));
                                if !self.eat(",") {
                                    self.expect("}")?;
                                    break;
                                }
                                continue;
                            }
                            _ => {
                                self.pos = self.pos.saturating_sub(1);
                                return Err(self.err());
                            }
                        };
                        if self.is("(") {
                            let f = self.func_rest()?;
                            fields.push((key, Expr::Fn(f)));
                        } else if self.eat(":") {
                            fields.push((key, self.assign()?));
                        } else {
                            if self.ts {
                                self.refs.push((self.pos - 1, true));
                            }
                            fields.push((key.clone(), Expr::Id(key)));
                        }
                    }
                    if !self.eat(",") {
                        self.expect("}")?;
                        break;
                    }
                }
                Expr::Obj(fields)
            }
            Tok::Id(id) => match id.as_str() {
                "true" => Expr::Lit(LitV::Bool(true)),
                "false" => Expr::Lit(LitV::Bool(false)),
                "null" => Expr::Lit(LitV::Null),
                "undefined" => Expr::Lit(LitV::Undef),
                "function" => {
                    self.eat("*");
                    if let Tok::Id(_) = self.peek() {
                        self.next();
                    }
                    Expr::Fn(self.func_rest()?)
                }
                "async" if self.is("function") => {
                    self.next();
                    if let Tok::Id(_) = self.peek() {
                        self.next();
                    }
                    Expr::Fn(self.func_rest()?)
                }
                "class" => Expr::Class(self.class_rest(false)?),
                "import" if self.eat(".") => {
                    let meta = self.ident()?;
                    if meta != "meta" {
                        self.pos = self.pos.saturating_sub(1);
                        return Err(self.err());
                    }
                    Expr::Id("import.meta".into())
                }
                _ => {
                    if self.ts {
                        self.refs.push((self.pos - 1, false));
                    }
                    Expr::Id(id)
                }
            },
            _ => {
                self.pos = self.pos.saturating_sub(1);
                return Err(self.err());
            }
        })
    }
}

// --------------------------------------------------------------- runtime ----

#[derive(Clone)]
pub struct Scope(Rc<RefCell<ScopeData>>);

struct ScopeData {
    vars: BTreeMap<String, Val>,
    parent: Option<Scope>,
}

impl Scope {
    fn new(parent: Option<Scope>) -> Scope {
        Scope(Rc::new(RefCell::new(ScopeData { vars: BTreeMap::new(), parent })))
    }
    fn get(&self, name: &str) -> Option<Val> {
        let d = self.0.borrow();
        d.vars.get(name).cloned().or_else(|| d.parent.as_ref().and_then(|p| p.get(name)))
    }
    fn declare(&self, name: &str, v: Val) {
        self.0.borrow_mut().vars.insert(name.to_string(), v);
    }
    fn assign(&self, name: &str, v: Val) -> bool {
        let mut d = self.0.borrow_mut();
        if d.vars.contains_key(name) {
            d.vars.insert(name.to_string(), v);
            return true;
        }
        match &d.parent {
            Some(p) => p.assign(name, v),
            None => false,
        }
    }
}

/// How a statement ended.
enum Flow {
    Normal,
    Return(Val),
    Break,
    Continue,
}

/// A thrown error: the value, or a message already in node's words.
pub enum Thrown {
    Error(String, String),
    Value(Val),
}

type R<T> = Result<T, Thrown>;

/// The stack budget: deep enough for tutorial programs, and small enough
/// that the deepest chain of evaluator frames fits wasm's 1 MiB stack
/// (checked in a debug build, whose frames are the largest).
const STACK_UNITS: usize = 160;
const CALL_UNITS: usize = 3;

fn stack_exceeded() -> Thrown {
    Thrown::Error("RangeError".into(), "Maximum call stack size exceeded".into())
}

fn type_error(msg: String) -> Thrown {
    Thrown::Error("TypeError".into(), msg)
}

/// A route an app registered: method, path pattern, handler(s).
#[derive(Clone)]
pub struct Route {
    pub method: String,
    pub path: String,
    pub handlers: Vec<Val>,
}

/// The world the program runs in.
pub struct World<'a> {
    pub fs: &'a Fs,
    pub env: BTreeMap<String, String>,
    pub cwd: String,
    pub hostname: String,
    pub argv: Vec<String>,
    pub stdout: String,
    pub stderr: String,
    /// Servers started: (port, routes, static directories).
    pub listening: Option<u16>,
    pub routes: Vec<Route>,
    /// `express.Router()`s: the routes each holds until it is mounted.
    pub routers: Vec<Vec<Route>>,
    pub statics: Vec<(String, String)>,
    pub raw_handler: Option<Val>,
    pub steps: u64,
    pub notices: Vec<String>,
    /// The line of the main module's statement being run (for error reports).
    line: usize,
    /// Nesting of calls (bounded like V8's stack).
    depth: usize,
    /// Native stack in use, in units: each nested evaluation costs one, a
    /// call `CALL_UNITS` (its statement frames).
    stack: usize,
    /// The code of `node -e`, run as the module `[eval]`.
    pub eval_source: Option<String>,
    /// Callbacks waiting for the event loop.
    queue: std::collections::VecDeque<(Val, Vec<Val>)>,
    modules: BTreeMap<String, Val>,
    app: Option<Val>,
    file_stack: Vec<String>,
    /// Files the program wrote (path → bytes; `None`: a directory it made),
    /// read back before the container's files.
    pub written: BTreeMap<String, Option<Vec<u8>>>,
    /// The simulated network (mysql2's connections, wait-port).
    pub net: Option<&'a mut dyn super::PyNet>,
    /// What seeds `uuid.v4()` (the container, the clock, the request), and
    /// how many it made.
    pub seed: String,
    uuids: u64,
    /// The simulated clock (seconds since the epoch).
    pub now: i64,
    /// Whether the app uses express.json() / express.urlencoded().
    pub body_parsers: (bool, bool),
    /// Whether the program handles SIGTERM (`process.on('SIGTERM', …)`).
    pub handles_sigterm: bool,
    /// The MongoDB shell this code runs in (mongosh's `db`, `ObjectId`, …).
    pub mongo: Option<&'a mut super::mongo::shell::Shell>,
    /// Classes defined so far: their definitions and scopes.
    classes: Vec<(Rc<class::ClassDef>, Scope)>,
    /// package.json files Node warned were typeless.
    warned_typeless: std::collections::BTreeSet<String>,
    /// Whether the main module is an ES module (its errors print as such).
    main_esm: bool,
    /// TypeScript files run with their types stripped (Node 22.18+/23.6+,
    /// `--experimental-strip-types`, ts-node, tsx).
    pub strip_types: bool,
    /// Imports resolve as `require` does (ts-node, tsx): no extensions needed.
    pub loose_imports: bool,
}

impl<'a> World<'a> {
    pub fn new(fs: &'a Fs, env: BTreeMap<String, String>, cwd: &str, hostname: &str) -> World<'a> {
        World {
            fs,
            env,
            cwd: cwd.to_string(),
            hostname: hostname.to_string(),
            argv: Vec::new(),
            stdout: String::new(),
            stderr: String::new(),
            listening: None,
            routes: Vec::new(),
            routers: Vec::new(),
            statics: Vec::new(),
            raw_handler: None,
            steps: 0,
            notices: Vec::new(),
            eval_source: None,
            queue: std::collections::VecDeque::new(),
            line: 1,
            depth: 0,
            stack: 0,
            modules: BTreeMap::new(),
            app: None,
            file_stack: Vec::new(),
            written: BTreeMap::new(),
            net: None,
            seed: String::new(),
            uuids: 0,
            now: 0,
            body_parsers: (false, false),
            handles_sigterm: false,
            mongo: None,
            classes: Vec::new(),
            warned_typeless: std::collections::BTreeSet::new(),
            main_esm: false,
            strip_types: false,
            loose_imports: false,
        }
    }

    /// An absolute path for `p` (relative to the working directory).
    pub(super) fn abs_path(&self, p: &str) -> String {
        if p == ":memory:" {
            return p.to_string();
        }
        crate::vfs::join(&self.cwd, p)
    }

    /// Whether `path` exists (the program's own writes first).
    pub(super) fn exists(&self, path: &str) -> bool {
        self.written.contains_key(path) || self.fs.exists(path)
    }

    /// A file's text (the program's own writes first).
    pub(super) fn read_text(&self, path: &str) -> Option<String> {
        match self.written.get(path) {
            Some(Some(b)) => Some(String::from_utf8_lossy(b).into_owned()),
            Some(None) => None,
            None => self.fs.read(path).ok().map(|b| String::from_utf8_lossy(&b).into_owned()),
        }
    }

    pub(super) fn write_file(&mut self, path: &str, bytes: Vec<u8>) {
        if path != ":memory:" && self.written.len() < 1000 {
            self.written.insert(path.to_string(), Some(bytes));
        }
    }

    pub(super) fn make_dir(&mut self, path: &str) {
        if !self.fs.exists(path) && self.written.len() < 1000 {
            self.written.entry(path.to_string()).or_insert(None);
        }
    }

    pub(super) fn now_secs(&self) -> i64 {
        self.now
    }

    /// The next `uuid.v4()`: random-looking bits from a hash of the seed and
    /// a counter (deterministic), with the version and variant bits set.
    pub(super) fn next_uuid(&mut self) -> String {
        self.uuids += 1;
        let h = crate::digest::sha256_hex(format!("uuid\0{}\0{}", self.seed, self.uuids).as_bytes());
        let mut hex: Vec<char> = h.chars().take(32).collect();
        hex[12] = '4';
        hex[16] = ['8', '9', 'a', 'b'][hex[16].to_digit(16).unwrap_or(0) as usize % 4];
        let t: String = hex.into_iter().collect();
        format!("{}-{}-{}-{}-{}", &t[0..8], &t[8..12], &t[12..16], &t[16..20], &t[20..32])
    }

    fn tick(&mut self) -> R<()> {
        self.steps += 1;
        if self.steps > 2_000_000 {
            return Err(Thrown::Error("RangeError".into(), "dockersim: the program ran more than 2000000 steps (an endless loop?)".into()));
        }
        if self.stdout.len() + self.stderr.len() > 4 << 20 {
            return Err(Thrown::Error("RangeError".into(), "dockersim: the program wrote more than 4 MiB".into()));
        }
        Ok(())
    }

    /// Runs a shell's code (mongosh's `--eval`, a line typed at its prompt)
    /// with `globals` declared; the value of its last expression statement.
    pub fn eval_shell(&mut self, src: &str, globals: Vec<(String, Val)>) -> R<Val> {
        self.eval_shell_keep(&[], src, globals).0
    }

    /// [`World::eval_shell`] after the `prelude` sources ran in the same
    /// scope; also the variables that scope ends with (a REPL keeps them
    /// for its next line).
    pub fn eval_shell_keep(&mut self, prelude: &[String], src: &str, globals: Vec<(String, Val)>) -> (R<Val>, Vec<(String, Val)>) {
        let scope = Scope::new(None);
        for (k, v) in globals {
            scope.declare(&k, v);
        }
        let mut r = Ok(Val::Undef);
        for code in prelude.iter().map(String::as_str).chain([src]) {
            r = self.eval_in(code, &scope);
            if r.is_err() {
                break;
            }
        }
        let vars = scope.0.borrow().vars.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        (r, vars)
    }

    /// The names `src` declares when it only declares functions
    /// (`function f() {}`, `const g = (x) => x`): running it again has no
    /// other effect. None for any other code.
    pub fn function_decls(src: &str) -> Option<Vec<String>> {
        let toks = lex(src).ok()?;
        let prog = Parser::new(toks, false, 0).program().ok()?;
        fn names(s: &Stmt, out: &mut Vec<String>) -> bool {
            match s {
                Stmt::Func(name, _) => out.push(name.clone()),
                Stmt::Let(Pat::Name(name), Some(Expr::Fn(_))) => out.push(name.clone()),
                Stmt::Seq(all) => return all.iter().all(|s| names(s, out)),
                Stmt::Empty => {}
                _ => return false,
            }
            true
        }
        let mut out = Vec::new();
        (prog.iter().all(|s| names(s, &mut out)) && !out.is_empty()).then_some(out)
    }

    fn eval_in(&mut self, src: &str, scope: &Scope) -> R<Val> {
        let toks = lex(src).map_err(|e| Thrown::Error("SyntaxError".into(), e))?;
        let prog = Parser::new(toks, false, 0).program().map_err(|e| Thrown::Error("SyntaxError".into(), e))?;
        let scope = scope.clone();
        self.file_stack.push("[shell]".into());
        let mut last = Val::Undef;
        for s in &prog {
            if let Stmt::Func(name, f) = s {
                scope.declare(name, self.make_fn(f, &scope));
            }
        }
        let r = (|| {
            for s in &prog {
                last = match s {
                    Stmt::Expr(e, line) => {
                        self.line = *line;
                        self.eval(e, &scope)?
                    }
                    other => {
                        if let Flow::Return(v) = self.exec(other, &scope)? {
                            return Ok(v);
                        }
                        Val::Undef
                    }
                };
                // `await`ed and chained promises settle before the next statement.
                self.run_queue(None)?;
            }
            if super::js_lib::is_promise(&last) {
                last = self.await_value(&last)?;
            }
            Ok(last)
        })();
        self.file_stack.pop();
        r
    }

    /// Runs the file at `path` as the main module. Err: node's report of an uncaught error.
    pub fn run_main(&mut self, path: &str) -> Result<(), String> {
        match self.load_file(path).and_then(|_| self.run_queue(None)) {
            Ok(_) => Ok(()),
            Err(Thrown::Error(kind, msg)) if kind == "EXIT" => Err(format!("EXIT:{msg}")),
            Err(Thrown::Error(kind, msg)) => Err(self.uncaught(path, &kind, &msg)),
            Err(Thrown::Value(v)) => Err(format!("{}\n\nNode.js v{}", self.inspect_thrown(&v), self.node_version())),
        }
    }

    fn node_version(&self) -> String {
        self.env.get("NODE_VERSION").cloned().unwrap_or_else(|| "20.18.1".into())
    }

    fn inspect_thrown(&self, v: &Val) -> String {
        let msg = v.get("message");
        if !matches!(msg, Val::Undef) {
            return format!("Error: {}", msg.to_str());
        }
        format!("Uncaught {}", inspect(v, 0, false))
    }

    fn uncaught(&self, path: &str, kind: &str, msg: &str) -> String {
        let v = self.node_version();
        if msg.starts_with("dockersim:") {
            return msg.to_string();
        }
        if kind == "SyntaxError" {
            let (line, m) = msg.split_once(": ").unwrap_or(("1", msg));
            let src = self.fs.read(path).ok().map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
            let text = src.lines().nth(line.parse::<usize>().unwrap_or(1).saturating_sub(1)).unwrap_or("");
            if m.starts_with("dockersim:") {
                return m.to_string();
            }
            let marks = if m.contains("Cannot use import statement") {
                let col = text.find("import").unwrap_or(0);
                format!("{}^^^^^^", " ".repeat(col))
            } else {
                String::new()
            };
            return format!("{path}:{line}\n{text}\n{marks}\n\n{m}\n    at wrapSafe (node:internal/modules/cjs/loader:1378:20)\n    at Module._compile (node:internal/modules/cjs/loader:1428:41)\n\nNode.js v{v}");
        }
        if kind == "ERR_UNKNOWN_FILE_EXTENSION" {
            let ext = msg.rsplit_once('.').map_or("", |(_, e)| e);
            return format!("node:internal/modules/esm/get_format:218\n  throw new ERR_UNKNOWN_FILE_EXTENSION(ext, filepath);\n        ^\n\nTypeError [ERR_UNKNOWN_FILE_EXTENSION]: Unknown file extension \".{ext}\" for {msg}\n    at Object.getFileProtocolModuleFormat [as file:] (node:internal/modules/esm/get_format:218:9)\n    at defaultGetFormat (node:internal/modules/esm/get_format:244:36)\n    at defaultLoad (node:internal/modules/esm/load:122:22)\n    at async ModuleLoader.loadAndTranslate (node:internal/modules/esm/loader:483:32)\n    at async ModuleJob._link (node:internal/modules/esm/module_job:115:19) {{\n  code: 'ERR_UNKNOWN_FILE_EXTENSION'\n}}\n\nNode.js v{v}");
        }
        if kind == "ERR_MODULE_NOT_FOUND" {
            let url = msg
                .strip_prefix("Cannot find module '")
                .and_then(|m| m.split_once('\''))
                .map(|(p, _)| format!(",\n  url: 'file://{p}'"))
                .unwrap_or_default();
            let (at, line) = if url.is_empty() {
                ("packageResolve (node:internal/modules/esm/resolve:854:9)", 854)
            } else {
                ("finalizeResolution (node:internal/modules/esm/resolve:257:11)", 257)
            };
            return format!("node:internal/modules/esm/resolve:{line}\n    throw new ERR_MODULE_NOT_FOUND(\n          ^\n\nError [ERR_MODULE_NOT_FOUND]: {msg}\n    at {at}\n    at moduleResolve (node:internal/modules/esm/resolve:927:18)\n    at defaultResolve (node:internal/modules/esm/resolve:1169:11)\n    at ModuleLoader.defaultResolve (node:internal/modules/esm/loader:542:12)\n    at ModuleLoader.resolve (node:internal/modules/esm/loader:510:25)\n    at ModuleLoader.getModuleJob (node:internal/modules/esm/loader:239:38)\n    at ModuleWrap.<anonymous> (node:internal/modules/esm/module_job:96:40)\n    at link (node:internal/modules/esm/module_job:95:36) {{\n  code: 'ERR_MODULE_NOT_FOUND'{url}\n}}\n\nNode.js v{v}");
        }
        if kind == "SyntaxError" && msg.starts_with("0: ") {
            // A missing export, found when the module graph links.
            let m = msg.trim_start_matches("0: ");
            let src = self.fs.read(path).ok().map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
            let text = src.lines().nth(self.line.saturating_sub(1)).unwrap_or("");
            return format!("file://{path}:{}\n{text}\n\n{m}\n    at ModuleJob._instantiate (node:internal/modules/esm/module_job:180:21)\n    at async ModuleJob.run (node:internal/modules/esm/module_job:263:5)\n    at async onImport.tracePromise.__proto__ (node:internal/modules/esm/loader:547:26)\n    at async asyncRunEntryPointWithESMLoader (node:internal/modules/run_main:116:5)\n\nNode.js v{v}", self.line);
        }
        if kind == "MODULE_NOT_FOUND" {
            return format!("node:internal/modules/cjs/loader:1228\n  throw err;\n  ^\n\nError: Cannot find module '{msg}'\nRequire stack:\n- {path}\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)\n    at Module._load (node:internal/modules/cjs/loader:1051:27) {{\n  code: 'MODULE_NOT_FOUND',\n  requireStack: [ '{path}' ]\n}}\n\nNode.js v{v}");
        }
        let src = match (path, &self.eval_source) {
            ("[eval]", Some(code)) => code.clone(),
            _ => self.fs.read(path).ok().map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default(),
        };
        let text = src.lines().nth(self.line.saturating_sub(1)).unwrap_or("");
        let col = text.len() - text.trim_start().len();
        if self.main_esm {
            return format!("file://{path}:{line}\n{text}\n{}^\n\n{kind}: {msg}\n    at file://{path}:{line}:{}\n    at ModuleJob.run (node:internal/modules/esm/module_job:271:25)\n    at async onImport.tracePromise.__proto__ (node:internal/modules/esm/loader:547:26)\n    at async asyncRunEntryPointWithESMLoader (node:internal/modules/run_main:116:5)\n\nNode.js v{v}", " ".repeat(col), col + 1, line = self.line);
        }
        format!("{path}:{line}\n{text}\n{}^\n\n{kind}: {msg}\n    at Object.<anonymous> ({path}:{line}:{})\n    at Module._compile (node:internal/modules/cjs/loader:1469:14)\n    at Module._extensions..js (node:internal/modules/cjs/loader:1548:10)\n    at Module.load (node:internal/modules/cjs/loader:1288:32)\n    at Module._load (node:internal/modules/cjs/loader:1104:12)\n    at TracingChannel.traceSync (node:diagnostics_channel:315:14)\n    at wrapModuleLoad (node:internal/modules/cjs/loader:218:24)\n    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:170:5)\n    at node:internal/main/run_main_module:36:49\n\nNode.js v{v}", " ".repeat(col), col + 1, line = self.line)
    }

    fn load_file(&mut self, path: &str) -> R<Val> {
        if let Some(m) = self.modules.get(path) {
            return Ok(m.get("exports"));
        }
        let src = match (path, &self.eval_source) {
            ("[eval]", Some(code)) => code.clone(),
            _ => String::from_utf8_lossy(&self.fs.read(path).map_err(|_| Thrown::Error("MODULE_NOT_FOUND".into(), path.to_string()))?)
                .into_owned(),
        };
        if path.ends_with(".json") {
            let j: serde_json::Value =
                serde_json::from_str(&src).map_err(|e| Thrown::Error("SyntaxError".into(), format!("1: {path}: {e}")))?;
            return Ok(from_json(&j));
        }
        let mut ts = is_typescript(path);
        if ts && !self.strip_types {
            // Without type stripping an ES module's loader knows no `.ts`;
            // CommonJS's reads it as JavaScript (and fails on the first type).
            if path.ends_with(".mts") || matches!(self.package_type(path), Some((_, Some(t))) if t == "module") {
                return Err(Thrown::Error("ERR_UNKNOWN_FILE_EXTENSION".into(), path.to_string()));
            }
            ts = false;
        }
        let toks = lex(&src).map_err(|e| Thrown::Error("SyntaxError".into(), e))?;
        let first_import = toks.iter().enumerate().find_map(|(i, (t, line))| match (t, toks.get(i + 1).map(|n| &n.0)) {
            (Tok::Id(k), Some(Tok::Id(_) | Tok::P("{" | "*") | Tok::Str(_))) if k == "import" => Some(*line),
            _ => None,
        });
        let prog = match Parser::new(toks, ts, 0).program() {
            Ok(prog) => prog,
            Err(e) => {
                // V8 stops at the first error: an import statement in a CommonJS file comes before a later one.
                let at: usize = e.split(':').next().and_then(|l| l.parse().ok()).unwrap_or(usize::MAX);
                if let Some(line) = first_import.filter(|l| *l < at) {
                    self.module_kind(path, Some("import"), line)?;
                }
                return Err(Thrown::Error("SyntaxError".into(), e));
            }
        };
        let syntax = esm::has_module_syntax(&prog);
        let first_line = prog.iter().find_map(|s| if let Stmt::Import(i) = s { Some(i.line) } else { None }).unwrap_or(1);
        let kind = if path == "[eval]" || self.loose_imports {
            if path == "[eval]" && syntax.is_some() {
                return Err(Thrown::Error(
                    "SyntaxError".into(),
                    format!("{first_line}: SyntaxError: Cannot use import statement outside a module"),
                ));
            }
            esm::Kind::CommonJs
        } else {
            self.module_kind(path, syntax, first_line)?
        };
        if self.file_stack.is_empty() {
            self.main_esm = kind != esm::Kind::CommonJs;
        }
        let exports = Val::obj(vec![]);
        let module = Val::obj(vec![("exports", exports.clone())]);
        self.modules.insert(path.to_string(), module.clone());
        let scope = Scope::new(None);
        scope.declare("\0exports", exports.clone());
        let dir = path.rsplit_once('/').map_or("/", |(d, _)| if d.is_empty() { "/" } else { d }).to_string();
        match &kind {
            esm::Kind::Esm(why) => {
                module.set("\0esm", Val::Bool(true));
                exports.set("\0esm", Val::Bool(true));
                self.esm_scope(&scope, path, why);
            }
            esm::Kind::CommonJs => {
                scope.declare("module", module.clone());
                scope.declare("exports", exports.clone());
                scope.declare("this", exports.clone());
                scope.declare("__dirname", Val::s(&dir));
                scope.declare("__filename", Val::s(path));
                if syntax.is_some() {
                    // ts-node and tsx compile import/export to CommonJS.
                    exports.set("\0esm", Val::Bool(true));
                }
            }
        }
        self.file_stack.push(path.to_string());
        // An ES module's imports are all loaded before its body runs.
        let r = if kind == esm::Kind::CommonJs {
            self.exec_block(&prog, &scope, true)
        } else {
            let (imports, body): (Vec<Stmt>, Vec<Stmt>) = prog.into_iter().partition(|s| matches!(s, Stmt::Import(_)));
            self.exec_block(&imports, &scope, true).and_then(|_| self.exec_block(&body, &scope, true))
        };
        self.file_stack.pop();
        r?;
        Ok(module.get("exports"))
    }

    fn require(&mut self, name: &str) -> R<Val> {
        let builtin = name.strip_prefix("node:").unwrap_or(name);
        match builtin {
            "os" | "path" | "fs" | "http" | "util" | "events" | "url" | "crypto" | "child_process" | "fs/promises" => {
                return Ok(Val::native(&format!("module.{builtin}"), Val::Undef))
            }
            _ => {}
        }
        let here = self.file_stack.last().cloned().unwrap_or_else(|| format!("{}/index.js", self.cwd));
        let dir = here.rsplit_once('/').map_or("/".to_string(), |(d, _)| d.to_string());
        if name.starts_with("./") || name.starts_with("../") || name.starts_with('/') {
            let base = crate::vfs::join(&dir, name);
            let mut cands = vec![base.clone(), format!("{base}.js"), format!("{base}.json"), format!("{base}/index.js")];
            if self.strip_types {
                cands.extend([format!("{base}.ts"), format!("{base}/index.ts")]);
                if let Some(stem) = base.strip_suffix(".js") {
                    // TypeScript's `./x.js` names the source `./x.ts`.
                    cands.push(format!("{stem}.ts"));
                }
            }
            for cand in cands {
                if matches!(self.fs.get(&cand), Ok(crate::vfs::Node::File { .. })) {
                    return self.load_file(&cand);
                }
            }
            return Err(Thrown::Error("MODULE_NOT_FOUND".into(), name.to_string()));
        }
        // A package: it must be installed in a node_modules on the way up.
        let mut d = dir.clone();
        let mut found = false;
        for _ in 0..32 {
            if self.fs.exists(&format!("{}/node_modules/{name}", d.trim_end_matches('/'))) {
                found = true;
                break;
            }
            if d == "/" || d.is_empty() {
                break;
            }
            d = d.rsplit_once('/').map_or("/".to_string(), |(p, _)| if p.is_empty() { "/".into() } else { p.to_string() });
        }
        if !found && !self.fs.exists(&format!("/usr/local/lib/node_modules/{name}")) {
            return Err(Thrown::Error("MODULE_NOT_FOUND".into(), name.to_string()));
        }
        if let Some(v) = super::js_pkgs::require(name) {
            return Ok(v);
        }
        match name {
            "express" => Ok(Val::native("express", Val::Undef)),
            "dotenv" => Ok(Val::obj(vec![("config", Val::native("dotenv.config", Val::Undef))])),
            "cors" | "morgan" | "helmet" | "body-parser" | "compression" | "cookie-parser" => {
                Ok(Val::native("middleware.factory", Val::Undef))
            }
            other => {
                let note = format!("dockersim: the npm package {other} is not simulated; calls into it do nothing");
                if !self.notices.contains(&note) {
                    self.stderr.push_str(&note);
                    self.stderr.push('\n');
                    self.notices.push(note);
                }
                Ok(Val::native("stub", Val::Undef))
            }
        }
    }

    #[inline(never)]
    fn exec_block(&mut self, stmts: &[Stmt], scope: &Scope, _hoist: bool) -> R<Flow> {
        // Function declarations are hoisted to the top of their block.
        for s in stmts {
            match s {
                Stmt::Func(name, f) => scope.declare(name, self.make_fn(f, scope)),
                Stmt::Export(esm::Export::Decl(decl, _)) => {
                    if let Stmt::Func(name, f) = &**decl {
                        scope.declare(name, self.make_fn(f, scope));
                    }
                }
                _ => {}
            }
        }
        for s in stmts {
            match self.exec(s, scope)? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    fn make_fn(&self, f: &Rc<FnDef>, scope: &Scope) -> Val {
        Val::Func(Rc::new(Func { def: f.clone(), scope: scope.clone(), home: None }))
    }

    /// Binds a pattern to a value: destructuring, defaults, rest.
    fn bind(&mut self, p: &Pat, v: Val, scope: &Scope) -> R<()> {
        match p {
            Pat::Name(n) => scope.declare(n, v),
            Pat::Default(inner, default) => {
                let v = if matches!(v, Val::Undef) { self.eval(default, scope)? } else { v };
                self.bind(inner, v, scope)?;
            }
            Pat::Rest(inner) => self.bind(inner, v, scope)?,
            Pat::Obj(fields) => {
                if matches!(v, Val::Undef | Val::Null) {
                    let what = v.to_str();
                    return Err(type_error(match fields.first() {
                        Some((k, _)) if k != "..." => format!("Cannot destructure property '{k}' of '{what}' as it is {what}."),
                        _ => format!("Cannot destructure '{what}' as it is {what}."),
                    }));
                }
                let mut used = Vec::new();
                for (k, target) in fields {
                    if k == "..." {
                        let rest = Val::obj(vec![]);
                        if let Val::Obj(o) = &v {
                            for (kk, vv) in o.borrow().iter().filter(|(kk, _)| !hidden(kk) && !used.contains(kk)) {
                                rest.set(kk, vv.clone());
                            }
                        }
                        self.bind(target, rest, scope)?;
                    } else {
                        let x = self.member(&v, k)?;
                        used.push(k.clone());
                        self.bind(target, x, scope)?;
                    }
                }
            }
            Pat::Arr(items) => {
                let all: Vec<Val> = match &v {
                    Val::Arr(a) => a.borrow().clone(),
                    Val::Str(s) => s.chars().map(|c| Val::s(&c.to_string())).collect(),
                    other => return Err(type_error(format!("{} is not iterable", inspect(other, 0, false)))),
                };
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Some(Pat::Rest(inner)) => self.bind(inner, arr(all.get(i..).map(<[Val]>::to_vec).unwrap_or_default()), scope)?,
                        Some(t) => self.bind(t, all.get(i).cloned().unwrap_or(Val::Undef), scope)?,
                        None => {}
                    }
                }
            }
        }
        Ok(())
    }

    fn exec(&mut self, s: &Stmt, scope: &Scope) -> R<Flow> {
        self.tick()?;
        match s {
            Stmt::Return(Some(e)) => Ok(Flow::Return(self.eval(e, scope)?)),
            Stmt::Expr(e, line) => {
                if self.file_stack.len() == 1 {
                    self.line = *line;
                }
                self.eval(e, scope)?;
                Ok(Flow::Normal)
            }
            Stmt::If(c, t, e) => {
                if self.eval(c, scope)?.truthy() {
                    self.exec(t, scope)
                } else if let Some(e) = e {
                    self.exec(e, scope)
                } else {
                    Ok(Flow::Normal)
                }
            }
            _ => self.exec_other(s, scope),
        }
    }

    #[inline(never)]
    fn exec_other(&mut self, s: &Stmt, scope: &Scope) -> R<Flow> {
        match s {
            Stmt::Empty | Stmt::Func(..) => {}
            Stmt::Expr(e, line) => {
                if self.file_stack.len() == 1 {
                    self.line = *line;
                }
                self.eval(e, scope)?;
            }
            Stmt::Let(p, init) => {
                let v = match init {
                    Some(e) => self.eval(e, scope)?,
                    None => Val::Undef,
                };
                self.bind(p, v, scope)?;
            }
            Stmt::Block(b) => {
                let inner = Scope::new(Some(scope.clone()));
                return self.exec_block(b, &inner, false);
            }
            Stmt::Seq(b) => {
                for st in b {
                    self.exec(st, scope)?;
                }
            }
            Stmt::If(c, t, e) => {
                if self.eval(c, scope)?.truthy() {
                    return self.exec(t, scope);
                } else if let Some(e) = e {
                    return self.exec(e, scope);
                }
            }
            Stmt::For(init, cond, step, body) => {
                let inner = Scope::new(Some(scope.clone()));
                if let Some(i) = init {
                    self.exec(i, &inner)?;
                }
                loop {
                    self.tick()?;
                    if let Some(c) = cond {
                        if !self.eval(c, &inner)?.truthy() {
                            break;
                        }
                    }
                    match self.exec(body, &inner)? {
                        Flow::Break => break,
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        _ => {}
                    }
                    if let Some(st) = step {
                        self.eval(st, &inner)?;
                    }
                }
            }
            Stmt::ForOf(p, it, body, is_in) => {
                let coll = self.eval(it, scope)?;
                let items: Vec<Val> = match (&coll, is_in) {
                    (Val::Arr(a), false) => a.borrow().clone(),
                    (Val::Str(s), false) => s.chars().map(|c| Val::s(&c.to_string())).collect(),
                    (Val::Obj(o), true) => o.borrow().iter().filter(|(k, _)| !hidden(k)).map(|(k, _)| Val::s(k)).collect(),
                    (Val::Arr(a), true) => (0..a.borrow().len()).map(|i| Val::s(&i.to_string())).collect(),
                    (other, _) => return Err(type_error(format!("{} is not iterable", inspect(other, 0, false)))),
                };
                for item in items {
                    let inner = Scope::new(Some(scope.clone()));
                    self.bind(p, item, &inner)?;
                    match self.exec(body, &inner)? {
                        Flow::Break => break,
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        _ => {}
                    }
                }
            }
            Stmt::While(c, body) => loop {
                self.tick()?;
                if !self.eval(c, scope)?.truthy() {
                    break;
                }
                match self.exec(body, scope)? {
                    Flow::Break => break,
                    Flow::Return(v) => return Ok(Flow::Return(v)),
                    _ => {}
                }
            },
            Stmt::Return(e) => {
                let v = match e {
                    Some(e) => self.eval(e, scope)?,
                    None => Val::Undef,
                };
                return Ok(Flow::Return(v));
            }
            Stmt::Break => return Ok(Flow::Break),
            Stmt::Continue => return Ok(Flow::Continue),
            Stmt::Class(name, def) => {
                let c = self.make_class(def, scope)?;
                scope.declare(name, c);
            }
            Stmt::Switch(subject, cases) => return self.exec_switch(subject, cases, scope),
            Stmt::Import(imp) => self.exec_import(imp, scope)?,
            Stmt::Export(ex) => self.exec_export(ex, scope)?,
            Stmt::Throw(e) => {
                let v = self.eval(e, scope)?;
                return Err(Thrown::Value(v));
            }
            Stmt::Try(body, name, handler) => {
                let inner = Scope::new(Some(scope.clone()));
                match self.exec_block(body, &inner, false) {
                    Ok(f) => return Ok(f),
                    Err(Thrown::Error(k, m)) if !m.starts_with("dockersim:") => {
                        let h = Scope::new(Some(scope.clone()));
                        if let Some(n) = name {
                            h.declare(n, Val::obj(vec![("name", Val::s(&k)), ("message", Val::s(&m))]));
                        }
                        return self.exec_block(handler, &h, false);
                    }
                    Err(Thrown::Value(v)) => {
                        let h = Scope::new(Some(scope.clone()));
                        if let Some(n) = name {
                            h.declare(n, v);
                        }
                        return self.exec_block(handler, &h, false);
                    }
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(Flow::Normal)
    }

    fn exec_switch(&mut self, subject: &Expr, cases: &[(Option<Expr>, Vec<Stmt>)], scope: &Scope) -> R<Flow> {
        let v = self.eval(subject, scope)?;
        let mut start = None;
        for (i, (test, _)) in cases.iter().enumerate() {
            if let Some(t) = test {
                if strict_eq(&v, &self.eval(t, scope)?) {
                    start = Some(i);
                    break;
                }
            }
        }
        let start = start.or_else(|| cases.iter().position(|(t, _)| t.is_none()));
        let Some(start) = start else { return Ok(Flow::Normal) };
        let inner = Scope::new(Some(scope.clone()));
        for (_, body) in &cases[start..] {
            match self.exec_block(body, &inner, false)? {
                Flow::Normal => {}
                Flow::Break => return Ok(Flow::Normal),
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    fn member(&mut self, obj: &Val, key: &str) -> R<Val> {
        match obj {
            Val::Undef | Val::Null => Err(type_error(format!("Cannot read properties of {} (reading '{key}')", obj.to_str()))),
            Val::Native(name, _) if &**name == "stub" => Ok(Val::native("stub", Val::Undef)),
            Val::Native(name, payload) if &**name == "class.super" => self.super_member(payload, key),
            Val::Native(name, this) => Ok(self.native_member(name, this, key)),
            Val::Str(_) if !matches!(key, "length") && key.parse::<usize>().is_err() => {
                Ok(Val::native(&format!("string.{key}"), obj.clone()))
            }
            Val::Arr(_) if !matches!(key, "length") && key.parse::<usize>().is_err() => {
                Ok(Val::native(&format!("array.{key}"), obj.clone()))
            }
            Val::Num(_) if key == "toFixed" || key == "toString" => Ok(Val::native(&format!("number.{key}"), obj.clone())),
            Val::Obj(_) => {
                if let Some(v) = self.getter(obj, key)? {
                    return Ok(v);
                }
                let v = obj.get(key);
                if matches!(v, Val::Undef) && matches!(key, "then" | "catch" | "finally") {
                    // A promise, or (an async function's plain result) a value taken as resolved.
                    let p = if super::js_lib::is_promise(obj) { obj.clone() } else { super::js_lib::resolved(obj.clone()) };
                    return Ok(Val::native(&format!("promise.{key}"), p));
                }
                if matches!(v, Val::Undef) && key == "hasOwnProperty" {
                    return Ok(Val::native("object.hasOwnProperty", obj.clone()));
                }
                Ok(v)
            }
            _ => Ok(obj.get(key)),
        }
    }

    fn native_member(&mut self, name: &str, this: &Rc<Val>, key: &str) -> Val {
        match (name, key) {
            // CommonJS packages are not transpiled ES modules (tsc's and Babel's interop asks).
            (_, "__esModule") => Val::Undef,
            ("module.process", "env") => Val::Obj(Rc::new(RefCell::new(self.env.iter().map(|(k, v)| (k.clone(), Val::s(v))).collect()))),
            ("module.process", "argv") => Val::Arr(Rc::new(RefCell::new(self.argv.iter().map(|a| Val::s(a)).collect()))),
            ("module.process", "platform") => Val::s("linux"),
            ("module.process", "pid") => Val::Num(1.0),
            ("module.process", "version") => Val::s(&format!("v{}", self.node_version())),
            ("module.process", "versions") => Val::obj(vec![("node", Val::s(&self.node_version()))]),
            ("module.path", "sep") => Val::s("/"),
            ("express", "static" | "json" | "urlencoded" | "Router") => Val::native(&format!("express.{key}"), Val::Undef),
            ("module.process", "stdout") => Val::obj(vec![("write", Val::native("process.stdout.write", Val::Undef))]),
            ("module.process", "stderr") => Val::obj(vec![("write", Val::native("process.stderr.write", Val::Undef))]),
            ("module.Math", "PI") => Val::Num(std::f64::consts::PI),
            _ if name.starts_with("mongo.") => super::mongo::shell::member(name, this, key, self.mongo.as_deref().map(|m| m.db.as_str())),
            _ => Val::native(&format!("{name}.{key}"), (**this).clone()),
        }
    }

    /// Evaluates an expression. The common, nesting cases stay in this
    /// small frame; the rest are out of line so deep programs fit the stack.
    fn eval(&mut self, e: &Expr, scope: &Scope) -> R<Val> {
        self.tick()?;
        self.stack += 1;
        let r = if self.stack > STACK_UNITS { Err(stack_exceeded()) } else { self.eval_inner(e, scope) };
        self.stack -= 1;
        r
    }

    fn eval_inner(&mut self, e: &Expr, scope: &Scope) -> R<Val> {
        match e {
            Expr::Id(name) if scope.get(name).is_some() => Ok(scope.get(name).unwrap_or(Val::Undef)),
            Expr::Call(callee, args, optional) => self.eval_call(callee, args, *optional, scope),
            Expr::Cond(c, a, b) => {
                if self.eval(c, scope)?.truthy() {
                    self.eval(a, scope)
                } else {
                    self.eval(b, scope)
                }
            }
            Expr::Bin(op, a, b) => {
                let x = self.eval(a, scope)?;
                let y = self.eval(b, scope)?;
                Ok(binop(op, &x, &y))
            }
            Expr::Lit(_) | Expr::Id(_) => self.eval_leaf(e, scope),
            Expr::Tpl(..) | Expr::Arr(_) | Expr::Obj(_) => self.eval_collection(e, scope),
            Expr::New(..) => self.eval_new(e, scope),
            Expr::Logic(..) | Expr::Assign(..) => self.eval_logic(e, scope),
            _ => self.eval_unary(e, scope),
        }
    }

    #[inline(never)]
    fn eval_call(&mut self, callee: &Expr, args: &[Expr], optional: bool, scope: &Scope) -> R<Val> {
        // A method call: the object is `this`.
        let (f, this) = match callee {
            Expr::Member(o, k, opt) => {
                let ov = self.eval(o, scope)?;
                if *opt && matches!(ov, Val::Undef | Val::Null) {
                    return Ok(Val::Undef);
                }
                let key = self.eval(k, scope)?.to_str();
                let f = self.member(&ov, &key)?;
                let this = match &ov {
                    Val::Native(n, payload) if &**n == "class.super" => payload.get("1"),
                    _ => ov,
                };
                (f, this)
            }
            _ => (self.eval(callee, scope)?, Val::Undef),
        };
        if optional && matches!(f, Val::Undef | Val::Null) {
            return Ok(Val::Undef);
        }
        let mut vals = Vec::new();
        for a in args {
            if let Expr::Spread(inner) = a {
                if let Val::Arr(arr) = &self.eval(inner, scope)? {
                    vals.extend(arr.borrow().iter().cloned());
                }
            } else {
                vals.push(self.eval(a, scope)?);
            }
        }
        if !matches!(f, Val::Func(_) | Val::Native(..)) && !class::is_class(&f) {
            return Err(type_error(format!("{} is not a function", describe(callee))));
        }
        self.call_with(&f, this, vals)
    }

    /// Literals and names that are not variables (globals, or a ReferenceError).
    #[inline(never)]
    fn eval_leaf(&mut self, e: &Expr, scope: &Scope) -> R<Val> {
        Ok(match e {
            Expr::Lit(l) => match l {
                LitV::Undef => Val::Undef,
                LitV::Null => Val::Null,
                LitV::Bool(b) => Val::Bool(*b),
                LitV::Num(n) => Val::Num(*n),
                LitV::Str(s) => Val::s(s),
            },
            Expr::Id(name) => match scope.get(name) {
                Some(v) => v,
                None => match name.as_str() {
                    "console" | "process" | "JSON" | "Math" | "Object" | "Array" | "String" | "Number" | "Date" | "Promise" | "Buffer"
                    | "Error" | "Boolean" => Val::native(&format!("module.{name}"), Val::Undef),
                    "require" | "module" | "exports" | "__dirname" | "__filename" if scope.get("\0esm").is_some() => {
                        let note = scope.get("\0esm").map(|n| n.to_str()).unwrap_or_default();
                        let hint = if name == "require" { ", you can use import instead" } else { "" };
                        return Err(Thrown::Error(
                            "ReferenceError".into(),
                            format!("{name} is not defined in ES module scope{hint}{note}"),
                        ));
                    }
                    "require" => Val::native("require", Val::Undef),
                    "this" => Val::Undef,
                    "import.meta" => {
                        return Err(Thrown::Error("SyntaxError".into(), "0: SyntaxError: Cannot use 'import.meta' outside a module".into()))
                    }
                    "setTimeout" | "setInterval" | "setImmediate" | "parseInt" | "parseFloat" | "isNaN" | "clearInterval"
                    | "clearTimeout" | "encodeURIComponent" | "decodeURIComponent" => Val::native(name, Val::Undef),
                    "NaN" => Val::Num(f64::NAN),
                    "Infinity" => Val::Num(f64::INFINITY),
                    "globalThis" | "global" => Val::obj(vec![]),
                    _ => return Err(Thrown::Error("ReferenceError".into(), format!("{name} is not defined"))),
                },
            },
            _ => Val::Undef,
        })
    }

    /// Template literals, array and object literals.
    #[inline(never)]
    fn eval_collection(&mut self, e: &Expr, scope: &Scope) -> R<Val> {
        Ok(match e {
            Expr::Tpl(parts, tail) => {
                let mut s = String::new();
                for (text, e) in parts {
                    s.push_str(text);
                    let v = self.eval(e, scope)?;
                    s.push_str(&v.to_str());
                }
                s.push_str(tail);
                Val::s(&s)
            }
            Expr::Arr(items) => {
                let mut out = Vec::new();
                for i in items {
                    if let Expr::Spread(inner) = i {
                        if let Val::Arr(a) = &self.eval(inner, scope)? {
                            out.extend(a.borrow().iter().cloned());
                        }
                    } else {
                        out.push(self.eval(i, scope)?);
                    }
                }
                Val::Arr(Rc::new(RefCell::new(out)))
            }
            Expr::Obj(fields) => {
                let obj = Val::obj(vec![]);
                for (k, v) in fields {
                    if k == "..." {
                        if let Val::Obj(src) = &self.eval(v, scope)? {
                            for (kk, vv) in src.borrow().iter().filter(|(kk, _)| !hidden(kk)) {
                                obj.set(kk, vv.clone());
                            }
                        }
                    } else if k == "[computed]" {
                        if let Expr::Arr(kv) = v {
                            let key = self.eval(&kv[0], scope)?.to_str();
                            let val = self.eval(&kv[1], scope)?;
                            obj.set(&key, val);
                        }
                    } else {
                        let val = self.eval(v, scope)?;
                        obj.set(k, val);
                    }
                }
                obj
            }
            _ => Val::Undef,
        })
    }

    /// `new F(…)`.
    #[inline(never)]
    fn eval_new(&mut self, e: &Expr, scope: &Scope) -> R<Val> {
        Ok(match e {
            Expr::New(callee, args) => {
                let f = self.eval(callee, scope)?;
                let mut vals = Vec::new();
                for a in args {
                    vals.push(self.eval(a, scope)?);
                }
                match &f {
                    Val::Native(n, _) if &**n == "module.Error" => {
                        Val::obj(vec![("name", Val::s("Error")), ("message", Val::s(&vals.first().map(Val::to_str).unwrap_or_default()))])
                    }
                    Val::Native(n, _) if &**n == "module.Promise" => {
                        let p = super::js_lib::pending();
                        let resolve = Val::native("promise.resolve", p.clone());
                        let reject = Val::native("promise.reject", p.clone());
                        if let Some(exec) = vals.first() {
                            self.call(exec, vec![resolve, reject])?;
                        }
                        p
                    }
                    Val::Native(n, _) if &**n == "module.Date" => Val::obj(vec![("__date", Val::Bool(true))]),
                    Val::Native(n, this) if n.starts_with("mongo.") => super::mongo::shell::call(self, n, this, vals)?,
                    Val::Native(n, _) if n.starts_with("pkg.") => match super::js_pkgs::construct(self, n, &vals) {
                        Some(r) => r?,
                        None => return Err(type_error(format!("{} is not a constructor", describe(callee)))),
                    },
                    Val::Native(n, _) if n.starts_with("stub") || &**n == "stub" => {
                        for v in &vals {
                            if matches!(v, Val::Func(_)) {
                                self.defer(v.clone(), vec![Val::Null]);
                            }
                        }
                        Val::native("stub", Val::Undef)
                    }
                    Val::Func(_) => {
                        let this = Val::obj(vec![]);
                        match self.call_with(&f, this.clone(), vals)? {
                            r @ Val::Obj(_) => r,
                            _ => this,
                        }
                    }
                    Val::Obj(_) if class::is_class(&f) => self.construct(&f, vals)?,
                    Val::Native(n, _) => Val::native(n, Val::Undef),
                    _ => return Err(type_error(format!("{} is not a constructor", describe(callee)))),
                }
            }
            _ => Val::Undef,
        })
    }

    /// Unary operators, await, member access, ++/--, functions and spread.
    #[inline(never)]
    fn eval_unary(&mut self, e: &Expr, scope: &Scope) -> R<Val> {
        Ok(match e {
            Expr::Unary(op, x) => {
                if *op == "typeof" {
                    if let Expr::Id(n) = &**x {
                        if scope.get(n).is_none() && !matches!(n.as_str(), "console" | "process" | "require" | "module") {
                            return Ok(Val::s("undefined"));
                        }
                    }
                }
                let v = self.eval(x, scope)?;
                match *op {
                    "!" => Val::Bool(!v.truthy()),
                    "-" => Val::Num(-v.to_num()),
                    "+" => Val::Num(v.to_num()),
                    "typeof" => Val::s(v.type_of()),
                    "~" => Val::Num(!(v.to_num() as i32) as f64),
                    _ => Val::Undef,
                }
            }
            Expr::Await(x) => {
                let v = self.eval(x, scope)?;
                if super::js_lib::is_promise(&v) {
                    self.await_value(&v)?
                } else {
                    v
                }
            }
            Expr::Member(o, k, optional) => {
                let ov = self.eval(o, scope)?;
                if *optional && matches!(ov, Val::Undef | Val::Null) {
                    return Ok(Val::Undef);
                }
                let key = self.eval(k, scope)?.to_str();
                self.member(&ov, &key)?
            }
            Expr::Update(op, prefix, target) => {
                let cur = self.eval(target, scope)?.to_num();
                let new = if *op == "++" { cur + 1.0 } else { cur - 1.0 };
                self.store(target, Val::Num(new), scope)?;
                Val::Num(if *prefix { new } else { cur })
            }
            Expr::Fn(f) => self.make_fn(f, scope),
            Expr::Class(def) => self.make_class(def, scope)?,
            Expr::Spread(x) => self.eval(x, scope)?,
            _ => Val::Undef,
        })
    }

    /// Short-circuit operators and assignments.
    #[inline(never)]
    fn eval_logic(&mut self, e: &Expr, scope: &Scope) -> R<Val> {
        Ok(match e {
            Expr::Logic(op, a, b) => {
                let x = self.eval(a, scope)?;
                match *op {
                    "&&" => {
                        if x.truthy() {
                            self.eval(b, scope)?
                        } else {
                            x
                        }
                    }
                    "||" => {
                        if x.truthy() {
                            x
                        } else {
                            self.eval(b, scope)?
                        }
                    }
                    _ => {
                        if matches!(x, Val::Undef | Val::Null) {
                            self.eval(b, scope)?
                        } else {
                            x
                        }
                    }
                }
            }
            Expr::Assign(op, target, value) => {
                let v = if *op == "=" {
                    self.eval(value, scope)?
                } else {
                    let cur = self.eval(target, scope)?;
                    match *op {
                        "||=" if cur.truthy() => return Ok(cur),
                        "&&=" if !cur.truthy() => return Ok(cur),
                        "??=" if !matches!(cur, Val::Undef | Val::Null) => return Ok(cur),
                        "||=" | "&&=" | "??=" => self.eval(value, scope)?,
                        _ => {
                            let r = self.eval(value, scope)?;
                            binop(&op[..op.len() - 1], &cur, &r)
                        }
                    }
                };
                self.store(target, v.clone(), scope)?;
                v
            }
            _ => Val::Undef,
        })
    }

    fn store(&mut self, target: &Expr, v: Val, scope: &Scope) -> R<()> {
        match target {
            Expr::Id(n) => {
                if !scope.assign(n, v.clone()) {
                    // Sloppy-mode global.
                    let mut s = scope.clone();
                    loop {
                        let parent = s.0.borrow().parent.clone();
                        match parent {
                            Some(p) => s = p,
                            None => break,
                        }
                    }
                    s.declare(n, v);
                }
                Ok(())
            }
            Expr::Member(o, k, _) => {
                let ov = self.eval(o, scope)?;
                let key = self.eval(k, scope)?.to_str();
                if matches!(ov, Val::Undef | Val::Null) {
                    return Err(type_error(format!("Cannot set properties of {} (setting '{key}')", ov.to_str())));
                }
                if let Val::Native(n, _) = &ov {
                    if &**n == "module.process" && key == "title" {
                        return Ok(());
                    }
                }
                if matches!(ov, Val::Obj(_)) && self.setter(&ov, &key, &v)? {
                    return Ok(());
                }
                ov.set(&key, v);
                Ok(())
            }
            _ => Err(Thrown::Error("SyntaxError".into(), "1: SyntaxError: Invalid left-hand side in assignment".into())),
        }
    }

    /// Calls a function value.
    pub fn call(&mut self, f: &Val, args: Vec<Val>) -> R<Val> {
        self.call_with(f, Val::Undef, args)
    }

    /// Calls a function value with `this`.
    pub(super) fn call_with(&mut self, f: &Val, this: Val, args: Vec<Val>) -> R<Val> {
        self.tick()?;
        match f {
            Val::Func(func) => {
                if self.depth > 64 || self.stack + CALL_UNITS > STACK_UNITS {
                    return Err(stack_exceeded());
                }
                self.depth += 1;
                self.stack += CALL_UNITS;
                let r = self.call_func(func, this, args);
                self.depth -= 1;
                self.stack -= CALL_UNITS;
                r
            }
            Val::Native(name, payload) if &**name == "class.super" => self.call_super(payload, args),
            Val::Native(name, this) => super::js_lib::call_native(self, name, this, args),
            Val::Obj(_) if class::is_class(f) => {
                Err(type_error(format!("Class constructor {} cannot be invoked without 'new'", f.get_own("\0class").to_str())))
            }
            other => Err(type_error(format!("{} is not a function", inspect(other, 0, false)))),
        }
    }

    #[inline(never)]
    fn call_func(&mut self, func: &Rc<Func>, this: Val, args: Vec<Val>) -> R<Val> {
        let scope = Scope::new(Some(func.scope.clone()));
        if !func.def.arrow {
            if let Some(class) = &func.home {
                scope.declare("super", Val::native("class.super", arr(vec![class.clone(), this.clone(), arr(args.clone())])));
            }
            scope.declare("this", this);
            scope.declare("arguments", arr(args.clone()));
        }
        for (i, p) in func.def.params.iter().enumerate() {
            match p {
                Pat::Rest(inner) => self.bind(inner, arr(args.get(i..).map(<[Val]>::to_vec).unwrap_or_default()), &scope)?,
                _ => self.bind(p, args.get(i).cloned().unwrap_or(Val::Undef), &scope)?,
            }
        }
        match &func.def.body {
            FnSrc::Expr(e) => self.eval(e, &scope),
            FnSrc::Block(b) => match self.exec_block(b, &scope, true)? {
                Flow::Return(v) => Ok(v),
                _ => Ok(Val::Undef),
            },
        }
    }

    pub(super) fn print(&mut self, err: bool, args: &[Val]) {
        let text = format_args(args);
        let out = if err { &mut self.stderr } else { &mut self.stdout };
        out.push_str(&text);
        out.push('\n');
    }

    /// Queues a callback for after the current code (the event loop's next turn).
    pub(super) fn defer(&mut self, f: Val, args: Vec<Val>) {
        if self.queue.len() < 10_000 {
            self.queue.push_back((f, args));
        }
    }

    /// Runs queued callbacks until the queue is empty (or `until` settles).
    pub(super) fn run_queue(&mut self, until: Option<&Val>) -> R<()> {
        let mut n = 0;
        while let Some((f, args)) = self.queue.pop_front() {
            self.call(&f, args)?;
            n += 1;
            if n > 10_000 || until.is_some_and(|p| p.get("state").to_str() != "pending") {
                break;
            }
        }
        Ok(())
    }

    /// `await p`: the event loop runs until p settles.
    pub(super) fn await_value(&mut self, p: &Val) -> R<Val> {
        if p.get("state").to_str() == "pending" {
            self.run_queue(Some(p))?;
        }
        match p.get("state").to_str().as_str() {
            "fulfilled" => Ok(p.get("value")),
            "rejected" => Err(Thrown::Value(p.get("value"))),
            _ => Err(Thrown::Error("Error".into(), "dockersim: awaiting a promise that nothing in the simulation settles".into())),
        }
    }

    pub(super) fn require_pub(&mut self, name: &str) -> R<Val> {
        self.require(name)
    }

    pub(super) fn app_pub(&mut self) -> Val {
        self.app()
    }

    pub(super) fn app(&mut self) -> Val {
        if let Some(a) = &self.app {
            return a.clone();
        }
        let a = Val::native("app", Val::Undef);
        self.app = Some(a.clone());
        a
    }
}

/// node's util.format for console.log's arguments.
pub fn format_args(args: &[Val]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut rest = args;
    if let Some(Val::Str(fmt)) = args.first() {
        if fmt.contains('%') && args.len() > 1 {
            let mut s = String::new();
            let mut it = fmt.chars().peekable();
            let mut i = 1;
            while let Some(c) = it.next() {
                if c == '%' {
                    match it.peek() {
                        Some('s' | 'd' | 'i' | 'o' | 'O' | 'j' | 'f') if i < args.len() => {
                            let spec = it.next().unwrap_or('s');
                            let v = &args[i];
                            s.push_str(&match spec {
                                'd' | 'i' => num_str(v.to_num().trunc()),
                                'f' => num_str(v.to_num()),
                                'j' => match to_json(v, "", &mut Vec::new()) {
                                    Ok(j) => j.unwrap_or_else(|| "undefined".into()),
                                    Err(_) => "[Circular]".into(),
                                },
                                's' => match v {
                                    Val::Str(x) => x.to_string(),
                                    other => inspect(other, 1, false),
                                },
                                _ => inspect(v, 0, false),
                            });
                            i += 1;
                            continue;
                        }
                        Some('%') => {
                            it.next();
                            s.push('%');
                            continue;
                        }
                        _ => {}
                    }
                }
                s.push(c);
            }
            parts.push(s);
            rest = &args[i.min(args.len())..];
        }
    }
    for a in rest {
        parts.push(inspect(a, 0, true));
    }
    parts.join(" ")
}

pub(super) fn binop(op: &str, x: &Val, y: &Val) -> Val {
    match op {
        "+" => match (x, y) {
            (Val::Str(_), _) | (_, Val::Str(_)) | (Val::Arr(_), _) | (Val::Obj(_), _) | (_, Val::Arr(_)) | (_, Val::Obj(_)) => {
                Val::s(&format!("{}{}", x.to_str(), y.to_str()))
            }
            _ => Val::Num(x.to_num() + y.to_num()),
        },
        "-" => Val::Num(x.to_num() - y.to_num()),
        "*" => Val::Num(x.to_num() * y.to_num()),
        "/" => Val::Num(x.to_num() / y.to_num()),
        "%" => Val::Num(x.to_num() % y.to_num()),
        "**" => Val::Num(x.to_num().powf(y.to_num())),
        "===" | "!==" => {
            let eq = strict_eq(x, y);
            Val::Bool(if op == "===" { eq } else { !eq })
        }
        "==" | "!=" => {
            let eq = match (x, y) {
                (Val::Undef | Val::Null, Val::Undef | Val::Null) => true,
                (Val::Str(_), Val::Num(_)) | (Val::Num(_), Val::Str(_)) | (Val::Bool(_), _) | (_, Val::Bool(_)) => x.to_num() == y.to_num(),
                _ => strict_eq(x, y),
            };
            Val::Bool(if op == "==" { eq } else { !eq })
        }
        "<" | ">" | "<=" | ">=" => {
            let o = match (x, y) {
                (Val::Str(a), Val::Str(b)) => a.partial_cmp(b),
                _ => x.to_num().partial_cmp(&y.to_num()),
            };
            Val::Bool(match (op, o) {
                (_, None) => false,
                ("<", Some(o)) => o.is_lt(),
                (">", Some(o)) => o.is_gt(),
                ("<=", Some(o)) => o.is_le(),
                (_, Some(o)) => o.is_ge(),
            })
        }
        "in" => Val::Bool(!matches!(y.get(&x.to_str()), Val::Undef)),
        "instanceof" => Val::Bool(match y {
            Val::Obj(_) if class::is_class(y) => class::instance_of(x, y),
            Val::Native(n, _) if &**n == "module.Error" => matches!(x, Val::Obj(_)) && !matches!(x.get("message"), Val::Undef),
            Val::Native(n, _) if &**n == "module.Array" => matches!(x, Val::Arr(_)),
            Val::Native(n, _) if &**n == "module.Object" => matches!(x, Val::Obj(_) | Val::Arr(_)),
            _ => false,
        }),
        _ => Val::Undef,
    }
}

fn strict_eq(x: &Val, y: &Val) -> bool {
    match (x, y) {
        (Val::Undef, Val::Undef) | (Val::Null, Val::Null) => true,
        (Val::Bool(a), Val::Bool(b)) => a == b,
        (Val::Num(a), Val::Num(b)) => a == b,
        (Val::Str(a), Val::Str(b)) => a == b,
        (Val::Arr(a), Val::Arr(b)) => Rc::ptr_eq(a, b),
        (Val::Obj(a), Val::Obj(b)) => Rc::ptr_eq(a, b),
        _ => false,
    }
}

fn describe(e: &Expr) -> String {
    match e {
        Expr::Id(n) => n.clone(),
        Expr::Member(o, k, _) => match &**k {
            Expr::Lit(LitV::Str(s)) => format!("{}.{s}", describe(o)),
            _ => format!("{}[…]", describe(o)),
        },
        Expr::Call(c, _, _) => format!("{}(...)", describe(c)),
        _ => "expression".into(),
    }
}

/// `JSON.stringify`: None for undefined; node's errors for a value that
/// contains itself or nests too deeply.
pub(super) fn json_stringify(v: &Val, indent: &str) -> R<Option<String>> {
    to_json(v, indent, &mut Vec::new()).map_err(|e| match e {
        JsonErr::Circular => type_error("Converting circular structure to JSON".into()),
        JsonErr::TooDeep => stack_exceeded(),
    })
}

pub(super) fn json_parse(s: &str) -> Result<Val, String> {
    serde_json::from_str::<serde_json::Value>(s)
        .map(|j| from_json(&j))
        .map_err(|e| format!("Unexpected token in JSON at position {}", e.column().saturating_sub(1)))
}

pub(super) fn arr(v: Vec<Val>) -> Val {
    Val::Arr(Rc::new(RefCell::new(v)))
}
