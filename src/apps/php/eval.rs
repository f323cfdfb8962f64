//! The PHP interpreter: statements, expressions, functions, classes and
//! exceptions, with PHP 8's warnings and uncaught-error reports.

use super::ast::*;
use super::value::*;
use crate::vfs::Fs;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::rc::Rc;

pub struct Class {
    pub name: Rc<str>,
    pub parent: Option<Rc<Class>>,
    pub interfaces: Vec<Rc<str>>,
    pub decl: Rc<ClassDecl>,
    pub statics: RefCell<Vec<(Rc<str>, V)>>,
    pub consts: RefCell<Vec<(Rc<str>, V)>>,
}

impl Class {
    pub fn find_method(self: &Rc<Class>, name: &str) -> Option<(Rc<FuncDecl>, Rc<Class>)> {
        let mut c = Some(self.clone());
        while let Some(cls) = c {
            if let Some(m) = cls.decl.methods.iter().find(|m| m.name.eq_ignore_ascii_case(name)) {
                return Some((m.clone(), cls.clone()));
            }
            c = cls.parent.clone();
        }
        None
    }
    pub fn is_a(&self, name: &str) -> bool {
        if self.name.eq_ignore_ascii_case(name) || self.interfaces.iter().any(|i| i.eq_ignore_ascii_case(name)) {
            return true;
        }
        if name.eq_ignore_ascii_case("Throwable") && (self.name.as_ref() == "Exception" || self.name.as_ref() == "Error") {
            return true;
        }
        self.parent.as_ref().is_some_and(|p| p.is_a(name))
    }
}

#[derive(Clone)]
pub struct Closure {
    pub func: Rc<FuncDecl>,
    pub bound: Vec<(Rc<str>, V)>,
    pub this: Option<Rc<Obj>>,
    pub scope: Option<Rc<Class>>,
    /// A named function or a builtin (`strlen(...)`, `'strtoupper'`).
    pub named: Option<Rc<str>>,
}

pub enum Flow {
    Break(usize),
    Continue(usize),
    Return(V),
    Throw(V),
    Exit(i32),
    /// A fatal error that is not an exception (its message).
    Fatal(String),
}

pub type R<T> = Result<T, Flow>;

/// Evaluated arguments: positional, then named.
type Args = (Vec<V>, Vec<(Rc<str>, V)>);

#[derive(Default)]
pub struct Frame {
    pub vars: HashMap<Rc<str>, V>,
    pub this: Option<Rc<Obj>>,
    pub class: Option<Rc<Class>>,
    pub static_class: Option<Rc<Class>>,
    pub func: Option<Rc<FuncDecl>>,
}

/// One entry of the call stack for traces: the call as shown, its file and line.
pub struct CallSite {
    pub shown: String,
    pub file: Rc<str>,
    pub line: usize,
}

pub struct Php<'a> {
    pub fs: &'a Fs,
    /// The simulated network (mysqli and PDO reach MySQL servers through it).
    pub net: Option<&'a mut dyn crate::apps::PyNet>,
    pub out: String,
    pub frames: Vec<Frame>,
    pub functions: HashMap<String, Rc<FuncDecl>>,
    pub classes: HashMap<String, Rc<Class>>,
    pub consts: HashMap<String, V>,
    pub statics: HashMap<String, Rc<RefCell<V>>>,
    pub included: HashSet<String>,
    pub file: Rc<str>,
    pub line: usize,
    pub calls: Vec<CallSite>,
    pub steps: u64,
    pub next_obj: usize,
    pub silence: usize,
    pub env: BTreeMap<String, String>,
    pub cwd: String,
    pub hostname: String,
    pub now: i64,
    pub version: String,
    pub headers: Vec<(String, String)>,
    pub status: u16,
    pub superglobals: HashMap<&'static str, V>,
    pub written: BTreeMap<String, Vec<u8>>,
    pub stdin: String,
    pub ob: Vec<String>,
    pub json_error: i64,
    pub sapi: String,
    /// The request body (`php://input`).
    pub body: String,
    pub stderr: String,
    /// What PHP logged (log_errors, to the SAPI's log: Apache's error log):
    /// the syslog level (`error`, `warn`) and the text.
    pub log: Vec<(&'static str, String)>,
    pub display_errors: bool,
    pub log_errors: bool,
    /// The configuration (`ini_get`, `ini_set`, `phpinfo()`).
    pub ini: super::ini::Ini,
    /// The extensions loaded at start, as `php -m` lists them.
    pub modules: Vec<String>,
    /// (stdout length, stderr length) at each write on stderr.
    pub order: Vec<(usize, usize)>,
}

pub const MAX_STEPS: u64 = 5_000_000;
const MAX_DEPTH: usize = 100;

const PRELUDE: &str = r#"<?php
interface Throwable {} interface Stringable {} interface Countable {} interface ArrayAccess {} interface IteratorAggregate {} interface Traversable {} interface JsonSerializable {}
class Exception implements Throwable {
  protected $message = ""; protected $code = 0; protected string $file = ""; protected int $line = 0; protected ?Throwable $previous = null;
  public function __construct($message = "", $code = 0, $previous = null) { $this->message = $message; $this->code = $code; $this->previous = $previous; }
  public function getMessage() { return $this->message; }
  public function getCode() { return $this->code; }
  public function getPrevious() { return $this->previous; }
  public function getFile() { return $this->file; }
  public function getLine() { return $this->line; }
  public function getTrace() { return []; }
}
class Error extends Exception {}
class ErrorException extends Exception {}
class TypeError extends Error {} class ValueError extends Error {} class ArithmeticError extends Error {} class DivisionByZeroError extends ArithmeticError {}
class ArgumentCountError extends TypeError {} class UnhandledMatchError extends Error {}
class RuntimeException extends Exception {} class LogicException extends Exception {} class InvalidArgumentException extends LogicException {}
class DomainException extends LogicException {} class LengthException extends LogicException {} class OutOfRangeException extends LogicException {}
class OutOfBoundsException extends RuntimeException {} class RangeException extends RuntimeException {} class OverflowException extends RuntimeException {}
class UnderflowException extends RuntimeException {} class UnexpectedValueException extends RuntimeException {} class BadFunctionCallException extends LogicException {}
class BadMethodCallException extends BadFunctionCallException {} class JsonException extends Exception {}
class stdClass {} class Closure {} class ArrayObject {}
"#;

impl<'a> Php<'a> {
    pub fn new(fs: &'a Fs, env: BTreeMap<String, String>, cwd: &str, hostname: &str, now: i64, version: &str) -> Php<'a> {
        let mut p = Php {
            fs,
            net: None,
            out: String::new(),
            frames: vec![Frame::default()],
            functions: HashMap::new(),
            classes: HashMap::new(),
            consts: HashMap::new(),
            statics: HashMap::new(),
            included: HashSet::new(),
            file: "".into(),
            line: 0,
            calls: Vec::new(),
            steps: 0,
            next_obj: 1,
            silence: 0,
            env,
            cwd: cwd.to_string(),
            hostname: hostname.to_string(),
            now,
            version: version.to_string(),
            headers: Vec::new(),
            status: 200,
            superglobals: HashMap::new(),
            written: BTreeMap::new(),
            stdin: String::new(),
            ob: Vec::new(),
            json_error: 0,
            sapi: "cli".into(),
            ini: super::ini::Ini::default(),
            modules: Vec::new(),
            order: Vec::new(),
            body: String::new(),
            stderr: String::new(),
            log: Vec::new(),
            display_errors: true,
            log_errors: false,
        };
        if let Ok(toks) = super::lex::lex(PRELUDE) {
            if let Ok(stmts) = super::parse::parse(toks) {
                for s in &stmts {
                    let _ = p.hoist(s);
                }
            }
        }
        // The prelude's objects do not count.
        p.next_obj = 1;
        p
    }

    /// Takes the configuration the process starts with: its loaded
    /// extensions, and the classes of the database extensions among them.
    pub fn configure(&mut self, ini: super::ini::Ini) {
        self.modules = super::loaded_extensions_in(self.fs, &ini);
        self.display_errors = ini.on("display_errors");
        self.log_errors = ini.on("log_errors");
        self.ini = ini;
        let has = |m: &str| super::has_extension(&self.modules, m);
        let mut more = String::from("<?php\n");
        if has("mysqli") {
            more.push_str(super::db::MYSQLI_PRELUDE);
            for (name, value) in super::db::MYSQLI_CONSTS {
                self.consts.insert(name.to_string(), V::Int(*value));
            }
        }
        if has("PDO") {
            more.push_str(super::db::PDO_PRELUDE);
        }
        let toks = super::lex::lex(&more).map(|ts| ts.into_iter().map(|(t, _)| (t, 0)).collect());
        if let Ok(stmts) = toks.and_then(super::parse::parse) {
            for s in &stmts {
                let _ = self.hoist(s);
            }
        }
        self.next_obj = 1;
    }

    /// Writes on stderr, noting how far stdout had got (see `PhpRun::order`).
    pub fn stderr_text(&mut self, s: &str) {
        self.order.push((self.out.len(), self.stderr.len()));
        self.stderr.push_str(s);
    }

    /// A file's bytes as the script sees them: what it wrote itself
    /// (file_put_contents), else the filesystem's.
    pub fn read_file(&self, path: &str) -> Option<Vec<u8>> {
        self.written.get(path).cloned().or_else(|| self.fs.read(path).ok().map(|b| b.to_vec()))
    }

    /// A path relative to the working directory made absolute.
    pub fn resolve(&self, p: &str) -> String {
        if p.starts_with('/') {
            crate::vfs::normalize(p)
        } else {
            crate::vfs::normalize(&format!("{}/{p}", self.cwd))
        }
    }

    pub fn echo(&mut self, s: &str) {
        match self.ob.last_mut() {
            Some(buf) => buf.push_str(s),
            None => self.out.push_str(s),
        }
    }

    /// A warning or notice as PHP displays it (display_errors on, CLI).
    pub fn warn(&mut self, level: &str, msg: &str) {
        let bit = match level {
            "Warning" => 2,
            "Notice" => 8,
            "Strict Standards" => 2048,
            "Deprecated" => 8192,
            _ => 1,
        };
        if self.silence > 0 || self.error_reporting() & bit == 0 {
            return;
        }
        let (file, line) = (self.file.clone(), self.line);
        self.report(level, msg, &file, line);
    }

    /// An error as PHP shows it: displayed in the output (display_errors=1
    /// by default; as HTML under Apache, html_errors=1) and, under Apache
    /// with log_errors on (a php.ini), logged to its error log at the levels
    /// the image's `LogLevel warn` keeps; a fatal error not displayed answers 500.
    pub fn report(&mut self, level: &str, msg: &str, file: &str, line: usize) {
        if self.sapi == "cli" {
            // Shown on stdout (or stderr with display_errors=stderr), logged
            // to stderr when there is no error_log.
            if self.log_errors {
                self.stderr_text(&format!("PHP {level}:  {msg} in {file} on line {line}\n"));
            }
            let shown = format!("\n{level}: {msg} in {file} on line {line}\n");
            if self.display_errors && self.ini.get("display_errors").is_some_and(|d| d.eq_ignore_ascii_case("stderr")) {
                self.stderr_text(&shown[1..]);
            } else if self.display_errors {
                self.echo(&shown);
            }
            return;
        }
        let fatal = matches!(level, "Fatal error" | "Parse error");
        if self.display_errors {
            let shown = super::builtins::html_escape(msg, 2);
            self.echo(&format!("<br />\n<b>{level}</b>:  {shown} in <b>{file}</b> on line <b>{line}</b><br />\n"));
        } else if fatal && self.status == 200 {
            self.status = 500;
        }
        let syslog = match level {
            "Warning" => Some("warn"),
            _ if fatal => Some("error"),
            // Notices and deprecations are below Apache's LogLevel.
            _ => None,
        };
        if let (true, Some(at)) = (self.log_errors, syslog) {
            self.log.push((at, format!("PHP {level}:  {msg} in {file} on line {line}")));
        }
    }

    /// The error_reporting level: the ini's, else PHP's built-in default
    /// (E_ALL since PHP 8; before, without notices, strict and deprecations).
    pub fn error_reporting(&self) -> i64 {
        match self.ini.get("error_reporting").and_then(|v| v.trim().parse().ok()) {
            Some(level) => level,
            None if self.version.starts_with('7') => 32767 & !8 & !2048 & !8192,
            None => 32767,
        }
    }

    /// Reading a missing array key: PHP 8's warning, PHP 7's notice.
    fn undefined_key(&mut self, key: &Key) {
        match key {
            _ if !self.version.starts_with('7') => self.warn("Warning", &format!("Undefined array key {}", key_shown(key))),
            Key::I(i) => self.warn("Notice", &format!("Undefined offset: {i}")),
            Key::S(s) => self.warn("Notice", &format!("Undefined index: {s}")),
        }
    }

    pub fn step(&mut self) -> R<()> {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            return Err(Flow::Fatal(format!(
                "dockersim: the PHP program ran more than {MAX_STEPS} steps; it was stopped (a loop that never ends?)"
            )));
        }
        Ok(())
    }

    fn frame(&mut self) -> &mut Frame {
        let n = self.frames.len() - 1;
        &mut self.frames[n]
    }

    pub fn throw_error(&mut self, class: &str, msg: &str) -> Flow {
        match self.instantiate(class, vec![V::s(msg)]) {
            Ok(v) => Flow::Throw(v),
            Err(f) => f,
        }
    }

    // ------------------------------------------------------------ running

    /// Runs a whole source file (already read) as `file`.
    pub fn run_file(&mut self, file: &str, src: &str) -> R<V> {
        let stmts = match super::lex::lex(src).and_then(super::parse::parse) {
            Ok(s) => s,
            Err((msg, line)) => {
                if msg.starts_with("dockersim:") {
                    return Err(Flow::Fatal(msg));
                }
                let kind = if msg.starts_with("Cannot") { "Fatal error" } else { "Parse error" };
                self.report(kind, &msg, file, line);
                return Err(Flow::Exit(255));
            }
        };
        let saved = std::mem::replace(&mut self.file, file.into());
        self.included.insert(file.to_string());
        for s in &stmts {
            self.hoist(s)?;
        }
        let r = self.block(&stmts);
        self.file = saved;
        match r {
            Ok(()) => Ok(V::Int(1)),
            Err(Flow::Return(v)) => Ok(v),
            Err(e) => Err(e),
        }
    }

    /// Declares functions and classes before the code runs (PHP hoists them).
    fn hoist(&mut self, s: &Stmt) -> R<()> {
        match s {
            Stmt::Line(_, s) => self.hoist(s),
            Stmt::Func(f) => {
                self.functions.insert(f.name.to_ascii_lowercase(), f.clone());
                Ok(())
            }
            Stmt::Class(c) => {
                let parent_ok = c.parent.as_ref().is_none_or(|p| self.classes.contains_key(&p.to_ascii_lowercase()));
                if parent_ok && !self.classes.contains_key(&c.name.to_ascii_lowercase()) {
                    self.declare_class(c)?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    pub fn declare_class(&mut self, c: &Rc<ClassDecl>) -> R<Rc<Class>> {
        let parent = match &c.parent {
            Some(p) if &*c.kind != "interface" => Some(self.class(p)?),
            _ => None,
        };
        let mut decl = c.clone();
        if !c.traits.is_empty() {
            // Traits: their members are copied in.
            let mut methods = c.methods.clone();
            let mut props = c.props.clone();
            for t in &c.traits {
                let tc = self.class(t)?;
                for m in &tc.decl.methods {
                    if !methods.iter().any(|x| x.name.eq_ignore_ascii_case(&m.name)) {
                        methods.push(m.clone());
                    }
                }
                props.extend(tc.decl.props.iter().cloned());
            }
            decl = Rc::new(ClassDecl {
                name: c.name.clone(),
                parent: c.parent.clone(),
                interfaces: c.interfaces.clone(),
                kind: c.kind.clone(),
                consts: c.consts.clone(),
                props,
                methods,
                traits: Vec::new(),
                is_abstract: c.is_abstract,
                cases: c.cases.clone(),
            });
        }
        let mut interfaces = c.interfaces.clone();
        if &*c.kind == "interface" {
            if let Some(p) = &c.parent {
                interfaces.push(p.clone());
            }
        }
        let cls = Rc::new(Class {
            name: c.name.clone(),
            parent,
            interfaces,
            decl: decl.clone(),
            statics: RefCell::new(Vec::new()),
            consts: RefCell::new(Vec::new()),
        });
        self.classes.insert(c.name.to_ascii_lowercase(), cls.clone());
        self.frames.push(Frame { class: Some(cls.clone()), static_class: Some(cls.clone()), ..Frame::default() });
        let r = (|| {
            for (n, e) in &decl.consts {
                let v = self.expr(e)?;
                cls.consts.borrow_mut().push((n.clone(), v));
            }
            for (n, d, is_static, _, _) in &decl.props {
                if *is_static {
                    let v = match d {
                        Some(e) => self.expr(e)?,
                        None => V::Null,
                    };
                    cls.statics.borrow_mut().push((n.clone(), v));
                }
            }
            for (n, val) in &decl.cases {
                let o = self.new_obj(cls.clone());
                o.set("name", V::s(n));
                if let Some(e) = val {
                    let v = self.expr(e)?;
                    o.set("value", v);
                }
                cls.consts.borrow_mut().push((n.clone(), V::Obj(o)));
            }
            Ok(())
        })();
        self.frames.pop();
        r?;
        Ok(cls)
    }

    pub fn class(&mut self, name: &str) -> R<Rc<Class>> {
        let l = name.to_ascii_lowercase();
        let cur = self.frames.last().and_then(|f| f.class.clone());
        match l.as_str() {
            "self" => return cur.ok_or_else(|| self.throw_error("Error", "Cannot use \"self\" when no class scope is active")),
            "static" => {
                let s = self.frames.last().and_then(|f| f.static_class.clone());
                return s.ok_or_else(|| self.throw_error("Error", "Cannot use \"static\" when no class scope is active"));
            }
            "parent" => {
                return cur
                    .and_then(|c| c.parent.clone())
                    .ok_or_else(|| self.throw_error("Error", "Cannot use \"parent\" when current class scope has no parent"))
            }
            _ => {}
        }
        if let Some(c) = self.classes.get(&l) {
            return Ok(c.clone());
        }
        if let Some(v) = name.strip_prefix('$') {
            let v = self.get_var(v);
            return match v {
                V::Str(s) => self.class(&s),
                V::Obj(o) => Ok(o.class.clone()),
                _ => Err(self.throw_error("Error", "Cannot instantiate non-class")),
            };
        }
        Err(self.throw_error("Error", &format!("Class \"{name}\" not found")))
    }

    pub fn new_obj(&mut self, class: Rc<Class>) -> Rc<Obj> {
        let id = self.next_obj;
        self.next_obj += 1;
        Rc::new(Obj { id, class, props: RefCell::new(Vec::new()), closure: None })
    }

    pub fn instantiate(&mut self, class: &str, args: Vec<V>) -> R<V> {
        let cls = self.class(class)?;
        self.construct(cls, args, Vec::new())
    }

    fn construct(&mut self, cls: Rc<Class>, args: Vec<V>, named: Vec<(Rc<str>, V)>) -> R<V> {
        if cls.decl.is_abstract || &*cls.decl.kind == "interface" {
            let what = if &*cls.decl.kind == "interface" { "interface" } else { "abstract class" };
            return Err(self.throw_error("Error", &format!("Cannot instantiate {what} {}", cls.name)));
        }
        let o = self.new_obj(cls.clone());
        // Property defaults, the parents' first.
        let mut chain = Vec::new();
        let mut c = Some(cls.clone());
        while let Some(k) = c {
            chain.push(k.clone());
            c = k.parent.clone();
        }
        self.frames.push(Frame { class: Some(cls.clone()), static_class: Some(cls.clone()), ..Frame::default() });
        for k in chain.iter().rev() {
            for (n, d, is_static, _, _) in &k.decl.props {
                if *is_static {
                    continue;
                }
                let v = match d {
                    Some(e) => match self.expr(e) {
                        Ok(v) => v,
                        Err(f) => {
                            self.frames.pop();
                            return Err(f);
                        }
                    },
                    None => V::Null,
                };
                o.set(n, v);
            }
        }
        self.frames.pop();
        if cls.is_a("Throwable") {
            o.set("file", V::Str(self.file.clone()));
            o.set("line", V::Int(self.line as i64));
            let trace = self.trace_text();
            o.set("__trace", V::s(&trace));
        }
        if let Some((m, mc)) = cls.find_method("__construct") {
            self.call_user(&m, args, named, Some(o.clone()), Some(mc), Some(cls.clone()), &format!("{}->__construct", cls.name))?;
        }
        Ok(V::Obj(o))
    }

    pub fn trace_text(&self) -> String {
        let mut out = String::new();
        // The built-in classes' own helpers are not frames PHP would show.
        let shown: Vec<&CallSite> = self.calls.iter().rev().filter(|c| !c.shown.contains("__dockersim")).collect();
        for (i, c) in shown.iter().enumerate() {
            out.push_str(&format!("#{i} {}({}): {}\n", c.file, c.line, c.shown));
        }
        out.push_str(&format!("#{} {{main}}", shown.len()));
        out
    }

    // ------------------------------------------------------------ statements

    pub fn block(&mut self, stmts: &[Stmt]) -> R<()> {
        for s in stmts {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> R<()> {
        self.step()?;
        match s {
            Stmt::Line(l, s) => {
                // Line 0: the built-in classes' code, which reports the caller's line.
                if *l != 0 {
                    self.line = *l;
                }
                self.stmt(s)
            }
            Stmt::Html(h) => {
                self.echo(h);
                Ok(())
            }
            Stmt::Echo(es) => {
                for e in es {
                    let v = self.expr(e)?;
                    let s = self.to_str(&v)?;
                    self.echo(&s);
                }
                Ok(())
            }
            Stmt::Expr(e) => self.expr(e).map(|_| ()),
            Stmt::If(arms, other) => {
                for (c, b) in arms {
                    if self.expr(c)?.truthy() {
                        return self.block(b);
                    }
                }
                if let Some(b) = other {
                    self.block(b)?;
                }
                Ok(())
            }
            Stmt::While(c, b) => {
                while self.expr(c)?.truthy() {
                    self.step()?;
                    match self.block(b) {
                        Err(Flow::Break(n)) => return if n > 1 { Err(Flow::Break(n - 1)) } else { Ok(()) },
                        Err(Flow::Continue(n)) if n > 1 => return Err(Flow::Continue(n - 1)),
                        Err(Flow::Continue(_)) | Ok(()) => {}
                        Err(e) => return Err(e),
                    }
                }
                Ok(())
            }
            Stmt::DoWhile(b, c) => loop {
                self.step()?;
                match self.block(b) {
                    Err(Flow::Break(n)) => return if n > 1 { Err(Flow::Break(n - 1)) } else { Ok(()) },
                    Err(Flow::Continue(n)) if n > 1 => return Err(Flow::Continue(n - 1)),
                    Err(Flow::Continue(_)) | Ok(()) => {}
                    Err(e) => return Err(e),
                }
                if !self.expr(c)?.truthy() {
                    return Ok(());
                }
            },
            Stmt::For(init, cond, step, b) => {
                for e in init {
                    self.expr(e)?;
                }
                loop {
                    let mut ok = true;
                    for (i, e) in cond.iter().enumerate() {
                        let v = self.expr(e)?;
                        if i == cond.len() - 1 {
                            ok = v.truthy();
                        }
                    }
                    if !ok {
                        return Ok(());
                    }
                    self.step()?;
                    match self.block(b) {
                        Err(Flow::Break(n)) => return if n > 1 { Err(Flow::Break(n - 1)) } else { Ok(()) },
                        Err(Flow::Continue(n)) if n > 1 => return Err(Flow::Continue(n - 1)),
                        Err(Flow::Continue(_)) | Ok(()) => {}
                        Err(e) => return Err(e),
                    }
                    for e in step {
                        self.expr(e)?;
                    }
                }
            }
            Stmt::Foreach(subject, key, val, by_ref, b) => self.foreach(subject, key.as_ref(), val, *by_ref, b),
            Stmt::Switch(subject, cases) => {
                let v = self.expr(subject)?;
                let mut start = None;
                for (i, (t, _)) in cases.iter().enumerate() {
                    if let Some(t) = t {
                        let tv = self.expr(t)?;
                        if loose_cmp(&v, &tv) == 0 {
                            start = Some(i);
                            break;
                        }
                    }
                }
                if start.is_none() {
                    start = cases.iter().position(|(t, _)| t.is_none());
                }
                if let Some(st) = start {
                    for (_, body) in &cases[st..] {
                        match self.block(body) {
                            Err(Flow::Break(n)) | Err(Flow::Continue(n)) if n <= 1 => return Ok(()),
                            Err(Flow::Break(n)) => return Err(Flow::Break(n - 1)),
                            Err(Flow::Continue(n)) => return Err(Flow::Continue(n - 1)),
                            Err(e) => return Err(e),
                            Ok(()) => {}
                        }
                    }
                }
                Ok(())
            }
            Stmt::Break(n) => Err(Flow::Break(*n)),
            Stmt::Continue(n) => Err(Flow::Continue(*n)),
            Stmt::Return(e) => {
                let v = match e {
                    Some(e) => self.expr(e)?,
                    None => V::Null,
                };
                Err(Flow::Return(v))
            }
            Stmt::Func(f) => {
                self.functions.insert(f.name.to_ascii_lowercase(), f.clone());
                Ok(())
            }
            Stmt::Class(c) => {
                if !self.classes.contains_key(&c.name.to_ascii_lowercase()) {
                    self.declare_class(c)?;
                }
                Ok(())
            }
            Stmt::Try(body, catches, finally) => {
                let r = self.block(body);
                let r = match r {
                    Err(Flow::Throw(exc)) => {
                        let V::Obj(o) = &exc else { return Err(Flow::Throw(exc)) };
                        let hit = catches.iter().find(|(types, _, _)| types.iter().any(|t| o.class.is_a(t)));
                        match hit {
                            Some((_, var, b)) => {
                                if let Some(var) = var {
                                    self.set_var(var, exc.clone());
                                }
                                self.block(b)
                            }
                            None => Err(Flow::Throw(exc)),
                        }
                    }
                    other => other,
                };
                if let Some(f) = finally {
                    self.block(f)?;
                }
                r
            }
            Stmt::Throw(e) => {
                let v = self.expr(e)?;
                Err(self.throw_value(v))
            }
            Stmt::Global(names) => {
                for n in names {
                    let cell = match self.frames[0].vars.get(n) {
                        Some(V::Ref(r)) => r.clone(),
                        other => {
                            let r = Rc::new(RefCell::new(other.cloned().unwrap_or_default()));
                            self.frames[0].vars.insert(n.clone(), V::Ref(r.clone()));
                            r
                        }
                    };
                    self.frame().vars.insert(n.clone(), V::Ref(cell));
                }
                Ok(())
            }
            Stmt::Static(vars) => {
                let fname = self.frames.last().and_then(|f| f.func.as_ref().map(|f| Rc::as_ptr(f) as usize)).unwrap_or(0);
                for (n, init) in vars {
                    let key = format!("{fname}/{n}");
                    let cell = match self.statics.get(&key) {
                        Some(c) => c.clone(),
                        None => {
                            let v = match init {
                                Some(e) => self.expr(e)?,
                                None => V::Null,
                            };
                            let c = Rc::new(RefCell::new(v));
                            self.statics.insert(key, c.clone());
                            c
                        }
                    };
                    self.frame().vars.insert(n.clone(), V::Ref(cell));
                }
                Ok(())
            }
            Stmt::Unset(es) => {
                for e in es {
                    self.unset(e)?;
                }
                Ok(())
            }
            Stmt::Block(b) => self.block(b),
            Stmt::Const(cs) => {
                for (n, e) in cs {
                    let v = self.expr(e)?;
                    self.consts.insert(n.to_string(), v);
                }
                Ok(())
            }
            Stmt::Nop => Ok(()),
        }
    }

    fn throw_value(&mut self, v: V) -> Flow {
        match &v {
            V::Obj(o) if o.class.is_a("Throwable") => Flow::Throw(v),
            _ => self.throw_error("Error", "Can only throw objects"),
        }
    }

    fn foreach(&mut self, subject: &Expr, key: Option<&Expr>, val: &Expr, by_ref: bool, b: &[Stmt]) -> R<()> {
        let sv = self.expr(subject)?;
        let items: Vec<(V, V)> = match &sv {
            V::Arr(a) => a.items.iter().map(|(k, v)| (k.to_v(), v.deref())).collect(),
            V::Obj(o) => {
                if o.class.find_method("getIterator").is_some() {
                    let it = self.call_method(o.clone(), "getIterator", vec![])?;
                    let items = match &it {
                        V::Arr(a) => a.items.iter().map(|(k, v)| (k.to_v(), v.clone())).collect(),
                        V::Obj(io) => io.get("storage").map_or(Vec::new(), |s| match s {
                            V::Arr(a) => a.items.iter().map(|(k, v)| (k.to_v(), v.clone())).collect(),
                            _ => Vec::new(),
                        }),
                        _ => Vec::new(),
                    };
                    items
                } else {
                    o.props.borrow().iter().filter(|(k, _)| !k.starts_with("__")).map(|(k, v)| (V::Str(k.clone()), v.clone())).collect()
                }
            }
            other => {
                let t = other.type_name();
                self.warn("Warning", &format!("foreach() argument must be of type array|object, {t} given"));
                return Ok(());
            }
        };
        for (k, v) in items {
            self.step()?;
            if let Some(ke) = key {
                self.assign(ke, k.clone())?;
            }
            self.assign(val, v)?;
            let r = self.block(b);
            if by_ref {
                let nv = self.expr(val)?;
                let key = self.to_key(&k);
                let place = Expr::Index(Box::new(subject.clone()), Some(Box::new(Expr::Str("".into()))));
                let _ = place;
                self.with_place_key(subject, key, nv)?;
            }
            match r {
                Err(Flow::Break(n)) => return if n > 1 { Err(Flow::Break(n - 1)) } else { Ok(()) },
                Err(Flow::Continue(n)) if n > 1 => return Err(Flow::Continue(n - 1)),
                Err(Flow::Continue(_)) | Ok(()) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    fn with_place_key(&mut self, base: &Expr, key: Key, v: V) -> R<()> {
        let mut path = self.place(base)?;
        path.1.push(Some(key));
        self.write_place(path, &mut |slot| *slot = v.clone())
    }

    // ------------------------------------------------------------ variables

    pub fn get_var(&mut self, name: &str) -> V {
        if let Some(v) = self.frames.last().and_then(|f| f.vars.get(name)) {
            return v.deref();
        }
        if name == "this" {
            if let Some(t) = self.frames.last().and_then(|f| f.this.clone()) {
                return V::Obj(t);
            }
        }
        if name == "GLOBALS" {
            let mut a = Arr::default();
            for (k, v) in &self.frames[0].vars {
                a.set(Key::of_str(k), v.deref());
            }
            return V::arr(a);
        }
        if let Some(v) = self.superglobals.get(name) {
            return v.clone();
        }
        if self.version.starts_with('7') {
            self.warn("Notice", &format!("Undefined variable: {name}"));
        } else {
            self.warn("Warning", &format!("Undefined variable ${name}"));
        }
        V::Null
    }

    fn has_var(&self, name: &str) -> Option<V> {
        if name == "this" {
            return self.frames.last().and_then(|f| f.this.clone()).map(V::Obj);
        }
        self.frames.last().and_then(|f| f.vars.get(name)).map(V::deref).or_else(|| self.superglobals.get(name).cloned())
    }

    pub fn set_var(&mut self, name: &str, v: V) {
        let f = self.frame();
        match f.vars.get(name) {
            Some(V::Ref(r)) => *r.borrow_mut() = v,
            _ => {
                f.vars.insert(name.into(), v);
            }
        }
    }

    /// An lvalue as a root and a path of keys (`None`: append).
    fn place(&mut self, e: &Expr) -> R<(Root, Vec<Option<Key>>)> {
        match e {
            Expr::Var(n) => {
                if &**n == "this" {
                    return Err(self.throw_error("Error", "Cannot re-assign $this"));
                }
                if self.superglobals.contains_key(&**n) && !self.frame().vars.contains_key(&**n) {
                    let v = self.superglobals.get(&**n).cloned().unwrap_or_default();
                    self.frames[0].vars.insert(n.clone(), v);
                }
                Ok((Root::Var(n.clone()), Vec::new()))
            }
            Expr::VarVar(e) => {
                let v = self.expr(e)?;
                let n = self.to_str(&v)?;
                Ok((Root::Var(n.into()), Vec::new()))
            }
            Expr::Index(b, k) => {
                let k = match k {
                    Some(k) => {
                        let kv = self.expr(k)?;
                        Some(self.to_key(&kv))
                    }
                    None => None,
                };
                let mut p = self.place(b)?;
                p.1.push(k);
                Ok(p)
            }
            Expr::Prop(o, name, _) => {
                let ov = self.expr(o)?;
                let n = self.prop_name(name)?;
                match ov {
                    V::Obj(obj) => Ok((Root::Prop(obj, n), Vec::new())),
                    other => Err(self.throw_error("Error", &format!("Attempt to assign property \"{n}\" on {}", other.type_name()))),
                }
            }
            Expr::StaticProp(c, n) => {
                let cls = self.class(c)?;
                let mut k = Some(cls);
                while let Some(cl) = k {
                    if cl.statics.borrow().iter().any(|(x, _)| x == n) {
                        return Ok((Root::Static(cl, n.clone()), Vec::new()));
                    }
                    k = cl.parent.clone();
                }
                Err(self.throw_error("Error", &format!("Access to undeclared static property {c}::${n}")))
            }
            Expr::Line(_, e) => self.place(e),
            _ => Err(Flow::Fatal("Cannot assign to this expression".into())),
        }
    }

    fn write_place(&mut self, (root, path): (Root, Vec<Option<Key>>), f: &mut dyn FnMut(&mut V)) -> R<()> {
        let mut err = None;
        match root {
            Root::Var(n) => {
                let fr = self.frame();
                let slot = fr.vars.entry(n).or_insert(V::Null);
                if let V::Ref(r) = slot {
                    let r = r.clone();
                    let mut b = r.borrow_mut();
                    walk(&mut b, &path, f, &mut err);
                } else {
                    walk(slot, &path, f, &mut err);
                }
            }
            Root::Prop(o, n) => {
                let mut props = o.props.borrow_mut();
                let idx = match props.iter().position(|(k, _)| *k == n) {
                    Some(i) => i,
                    None => {
                        props.push((n, V::Null));
                        props.len() - 1
                    }
                };
                walk(&mut props[idx].1, &path, f, &mut err);
            }
            Root::Static(c, n) => {
                let mut st = c.statics.borrow_mut();
                if let Some(slot) = st.iter_mut().find(|(k, _)| *k == n) {
                    walk(&mut slot.1, &path, f, &mut err);
                }
            }
        }
        match err {
            Some(e) => Err(self.throw_error("Error", &e)),
            None => Ok(()),
        }
    }

    pub fn assign(&mut self, target: &Expr, v: V) -> R<V> {
        if let Expr::List(items) = target {
            let mut i = 0i64;
            for it in items {
                let Some((k, t)) = it else {
                    i += 1;
                    continue;
                };
                let key = match k {
                    Some(k) => {
                        let kv = self.expr(k)?;
                        self.to_key(&kv)
                    }
                    None => {
                        i += 1;
                        Key::I(i - 1)
                    }
                };
                let item = match &v {
                    V::Arr(a) => a.get(&key).cloned(),
                    _ => Some(V::Null),
                };
                let item = match item {
                    Some(x) => x,
                    None => {
                        self.undefined_key(&key);
                        V::Null
                    }
                };
                self.assign(t, item)?;
            }
            return Ok(v);
        }
        if let Expr::Prop(o, name, _) = target {
            // __set and readonly are not modelled; plain properties.
            let ov = self.expr(o)?;
            let n = self.prop_name(name)?;
            if let V::Obj(obj) = &ov {
                obj.set(&n, v.clone());
                return Ok(v);
            }
        }
        let p = self.place(target)?;
        if let (Root::Var(n), true) = (&p.0, p.1.is_empty()) {
            let n = n.clone();
            self.set_var(&n, v.clone());
            return Ok(v);
        }
        let vv = v.clone();
        self.write_place(p, &mut |slot| *slot = vv.clone())?;
        Ok(v)
    }

    fn unset(&mut self, e: &Expr) -> R<()> {
        match e {
            Expr::Var(n) => {
                self.frame().vars.remove(n);
                Ok(())
            }
            Expr::Index(b, Some(k)) => {
                let kv = self.expr(k)?;
                let key = self.to_key(&kv);
                if let Ok(p) = self.place(b) {
                    if let Root::Var(n) = &p.0 {
                        if !self.frame().vars.contains_key(n) {
                            return Ok(());
                        }
                    }
                    self.write_place(p, &mut |slot| {
                        if let V::Arr(a) = slot {
                            Rc::make_mut(a).remove(&key);
                        }
                    })?;
                }
                Ok(())
            }
            Expr::Prop(o, name, _) => {
                if let V::Obj(obj) = self.expr(o)? {
                    let n = self.prop_name(name)?;
                    obj.props.borrow_mut().retain(|(k, _)| **k != *n);
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn prop_name(&mut self, e: &Expr) -> R<Rc<str>> {
        match e {
            Expr::Str(s) => Ok(s.clone()),
            other => {
                let v = self.expr(other)?;
                Ok(self.to_str(&v)?.into())
            }
        }
    }

    pub fn to_key(&mut self, v: &V) -> Key {
        match v.deref() {
            V::Int(i) => Key::I(i),
            V::Str(s) => Key::of_str(&s),
            V::Bool(b) => Key::I(b as i64),
            V::Float(f) => {
                let i = f as i64;
                if i as f64 != f {
                    self.warn("Deprecated", &format!("Implicit conversion from float {} to int loses precision", fmt_float(f, 0, 'E')));
                }
                Key::I(i)
            }
            V::Null => Key::S("".into()),
            _ => Key::S("".into()),
        }
    }

    // ------------------------------------------------------------ strings

    pub fn to_str(&mut self, v: &V) -> R<String> {
        Ok(match v {
            V::Null => String::new(),
            V::Bool(true) => "1".into(),
            V::Bool(false) => String::new(),
            V::Int(i) => i.to_string(),
            V::Float(f) => fmt_float(*f, 14, 'E'),
            V::Str(s) => s.to_string(),
            V::Arr(_) => {
                self.warn("Warning", "Array to string conversion");
                "Array".into()
            }
            V::Obj(o) => {
                if o.class.find_method("__tostring").is_some() {
                    let r = self.call_method(o.clone(), "__toString", vec![])?;
                    return self.to_str(&r);
                }
                if o.class.is_a("Throwable") {
                    return Ok(self.exception_text(o));
                }
                if o.class.decl.kind.as_ref() == "enum" {
                    return Err(self.throw_error("Error", &format!("Object of class {} could not be converted to string", o.class.name)));
                }
                return Err(self.throw_error("Error", &format!("Object of class {} could not be converted to string", o.class.name)));
            }
            V::Ref(r) => {
                let inner = r.borrow().clone();
                return self.to_str(&inner);
            }
        })
    }

    pub fn exception_text(&mut self, o: &Rc<Obj>) -> String {
        let msg = o.get("message").map(|m| m.deref()).unwrap_or_default();
        let msg = match msg {
            V::Str(s) => s.to_string(),
            other => self.to_str(&other).unwrap_or_default(),
        };
        let file = o.get("file").map(|v| self.to_str(&v).unwrap_or_default()).unwrap_or_default();
        let line = o.get("line").map_or(0, |v| v.to_int());
        let trace = o.get("__trace").map(|v| self.to_str(&v).unwrap_or_default()).unwrap_or_default();
        let head = if msg.is_empty() { o.class.name.to_string() } else { format!("{}: {msg}", o.class.name) };
        let at = if msg.contains(", called in ") { "and defined in" } else { "in" };
        format!("{head} {at} {file}:{line}\nStack trace:\n{trace}")
    }

    // ------------------------------------------------------------ calls

    pub fn call_method(&mut self, o: Rc<Obj>, name: &str, args: Vec<V>) -> R<V> {
        let cls = o.class.clone();
        match cls.find_method(name) {
            Some((m, mc)) => {
                self.call_user(&m, args, Vec::new(), Some(o), Some(mc), Some(cls.clone()), &format!("{}->{}", cls.name, m.name))
            }
            None => {
                if let Some(c) = &o.closure {
                    if name.eq_ignore_ascii_case("__invoke") || name.eq_ignore_ascii_case("call") {
                        let c = c.clone();
                        return self.call_closure(&c, args);
                    }
                }
                if let Some((m, mc)) = cls.find_method("__call") {
                    let a = V::arr(Arr::list(args));
                    return self.call_user(&m, vec![V::s(name), a], Vec::new(), Some(o), Some(mc), Some(cls.clone()), "__call");
                }
                Err(self.throw_error("Error", &format!("Call to undefined method {}::{}()", cls.name, name)))
            }
        }
    }

    pub fn call_closure(&mut self, c: &Closure, args: Vec<V>) -> R<V> {
        if let Some(n) = &c.named {
            return self.call_function(n, args);
        }
        let frame_vars = c.bound.clone();
        self.call_with(&c.func, args, Vec::new(), c.this.clone(), c.scope.clone(), c.scope.clone(), frame_vars, "{closure}")
    }

    /// Calls any callable value: a closure, a function name, `[obj, 'method']`, `'Class::method'`.
    pub fn call_value(&mut self, f: &V, args: Vec<V>) -> R<V> {
        match f.deref() {
            V::Obj(o) => {
                if let Some(c) = &o.closure {
                    let c = c.clone();
                    return self.call_closure(&c, args);
                }
                self.call_method(o, "__invoke", args)
            }
            V::Str(s) => {
                if let Some((c, m)) = s.split_once("::") {
                    return self.static_call(c, m, args);
                }
                self.call_function(&s, args)
            }
            V::Arr(a) if a.len() == 2 => {
                let target = a.get(&Key::I(0)).cloned().unwrap_or_default();
                let m = a.get(&Key::I(1)).cloned().unwrap_or_default();
                let m = self.to_str(&m)?;
                match target {
                    V::Obj(o) => self.call_method(o, &m, args),
                    V::Str(c) => self.static_call(&c, &m, args),
                    _ => Err(self.throw_error("Error", "Array callback must have exactly two elements")),
                }
            }
            _ => Err(self.throw_error("Error", "Value not callable")),
        }
    }

    fn static_call(&mut self, c: &str, m: &str, args: Vec<V>) -> R<V> {
        let cls = self.class(c)?;
        match cls.find_method(m) {
            Some((f, mc)) => {
                let this = if f.is_static { None } else { self.frames.last().and_then(|fr| fr.this.clone()) };
                let static_cls = if matches!(c.to_ascii_lowercase().as_str(), "parent" | "self") {
                    self.frames.last().and_then(|fr| fr.static_class.clone()).unwrap_or(cls.clone())
                } else {
                    cls.clone()
                };
                let shown = format!("{}::{}", cls.name, f.name);
                self.call_user(&f, args, Vec::new(), this, Some(mc), Some(static_cls), &shown)
            }
            None => {
                if cls.decl.kind.as_ref() == "enum" {
                    return super::builtins::enum_static(self, &cls, m, args);
                }
                Err(self.throw_error("Error", &format!("Call to undefined method {}::{}()", cls.name, m)))
            }
        }
    }

    pub fn call_function(&mut self, name: &str, args: Vec<V>) -> R<V> {
        let l = name.trim_start_matches('\\').to_ascii_lowercase();
        if let Some(f) = self.functions.get(&l).cloned() {
            return self.call_user(&f, args, Vec::new(), None, None, None, &f.name);
        }
        match super::builtins::call(self, &l, args)? {
            Some(v) => Ok(v),
            None => Err(self.throw_error("Error", &format!("Call to undefined function {name}()"))),
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub fn call_user(
        &mut self,
        f: &Rc<FuncDecl>,
        args: Vec<V>,
        named: Vec<(Rc<str>, V)>,
        this: Option<Rc<Obj>>,
        class: Option<Rc<Class>>,
        static_class: Option<Rc<Class>>,
        shown: &str,
    ) -> R<V> {
        self.call_with(f, args, named, this, class, static_class, Vec::new(), shown)
    }

    #[allow(clippy::too_many_arguments)]
    fn call_with(
        &mut self,
        f: &Rc<FuncDecl>,
        args: Vec<V>,
        named: Vec<(Rc<str>, V)>,
        this: Option<Rc<Obj>>,
        class: Option<Rc<Class>>,
        static_class: Option<Rc<Class>>,
        bound: Vec<(Rc<str>, V)>,
        shown: &str,
    ) -> R<V> {
        if self.calls.len() >= MAX_DEPTH {
            return Err(Flow::Fatal(format!(
                "dockersim: PHP calls nested deeper than {MAX_DEPTH} levels; the program was stopped (infinite recursion?)"
            )));
        }
        if f.is_abstract {
            return Err(self.throw_error("Error", &format!("Cannot call abstract method {shown}()")));
        }
        let mut frame = Frame { this: this.clone(), class, static_class, func: Some(f.clone()), vars: HashMap::new() };
        for (n, v) in bound {
            frame.vars.insert(n, v);
        }
        let shown_args: Vec<String> = args.iter().map(arg_shown).collect();
        self.calls.push(CallSite { shown: format!("{shown}({})", shown_args.join(", ")), file: self.file.clone(), line: self.line });
        let mut args = args.into_iter();
        let mut pending = Vec::new();
        for (i, p) in f.params.iter().enumerate() {
            if p.variadic {
                let rest: Vec<V> = args.by_ref().collect();
                let mut a = Arr::list(rest);
                for (n, v) in &named {
                    a.set(Key::S(n.clone()), v.clone());
                }
                frame.vars.insert(p.name.clone(), V::arr(a));
                break;
            }
            let v = match args.next() {
                Some(v) => Some(v),
                None => named.iter().find(|(n, _)| *n == p.name).map(|(_, v)| v.clone()),
            };
            match v {
                Some(v) => match self.coerce_param(p, v, i, f, shown) {
                    Ok(v) => {
                        frame.vars.insert(p.name.clone(), v);
                    }
                    Err(e) => {
                        self.calls.pop();
                        return Err(e);
                    }
                },
                None => pending.push((i, p)),
            }
        }
        let name_shown = shown.to_string();
        self.frames.push(frame);
        let mut r = Ok(());
        for (i, p) in pending {
            match &p.default {
                Some(d) => match self.expr(d) {
                    Ok(v) => {
                        self.frame().vars.insert(p.name.clone(), v);
                    }
                    Err(e) => {
                        r = Err(e);
                        break;
                    }
                },
                None => {
                    let passed = i;
                    let required = f.params.iter().filter(|p| p.default.is_none() && !p.variadic).count();
                    let caller = self.calls.last().map(|c| (c.file.clone(), c.line)).unwrap_or_default();
                    let msg = format!(
                        "Too few arguments to function {name_shown}(), {passed} passed in {} on line {} and {} {required} expected",
                        caller.0,
                        caller.1,
                        if required == f.params.len() { "exactly" } else { "at least" }
                    );
                    self.frames.pop();
                    let saved = std::mem::replace(&mut self.line, f.line);
                    let e = self.throw_error("ArgumentCountError", &msg);
                    self.line = saved;
                    self.calls.pop();
                    return Err(e);
                }
            }
        }
        if r.is_ok() {
            if let Some(t) = &this {
                for p in &f.params {
                    if p.promote.is_some() {
                        let v = self.frame().vars.get(&p.name).cloned().unwrap_or_default();
                        t.set(&p.name, v);
                    }
                }
            }
        }
        let saved_line = self.line;
        if r.is_ok() {
            r = self.block(&f.body);
        }
        self.line = saved_line;
        self.frames.pop();
        self.calls.pop();
        match r {
            Ok(()) => Ok(V::Null),
            Err(Flow::Return(v)) => Ok(v),
            Err(Flow::Break(_)) | Err(Flow::Continue(_)) => Err(Flow::Fatal("'break' not in the 'loop' or 'switch' context".into())),
            Err(e) => Err(e),
        }
    }

    fn coerce_param(&mut self, p: &Param, v: V, i: usize, f: &FuncDecl, shown: &str) -> R<V> {
        let Some(ty) = &p.ty else { return Ok(v) };
        if matches!(v, V::Ref(_)) {
            return Ok(v);
        }
        let t = ty.to_ascii_lowercase();
        let nullable =
            t.starts_with('?') || t.contains("null") || matches!(v, V::Null) && p.default.as_ref().is_some_and(|d| matches!(d, Expr::Null));
        let t = t.trim_start_matches('?');
        let ok = match (&v, t) {
            (_, "mixed") => true,
            (V::Null, _) => nullable,
            (V::Int(_), "int" | "float")
            | (V::Float(_), "float")
            | (V::Str(_), "string")
            | (V::Bool(_), "bool")
            | (V::Arr(_), "array" | "iterable") => true,
            (V::Int(_) | V::Float(_) | V::Bool(_), "string") => return Ok(V::s(&self.to_str(&v)?)),
            (V::Float(x), "int") if x.fract() == 0.0 => return Ok(V::Int(*x as i64)),
            (V::Str(s), "int" | "float") if is_numeric_str(s) => {
                return Ok(match (v.to_num(), t) {
                    (Num::I(i), _) => {
                        if t == "float" {
                            V::Float(i as f64)
                        } else {
                            V::Int(i)
                        }
                    }
                    (Num::F(x), "float") => V::Float(x),
                    (Num::F(x), _) if x.fract() == 0.0 => V::Int(x as i64),
                    (Num::F(x), _) => V::Float(x),
                })
            }
            (V::Int(_) | V::Float(_) | V::Str(_), "bool") => return Ok(V::Bool(v.truthy())),
            (V::Obj(o), t) => t.split('|').any(|t| o.class.is_a(t) || t == "object" || t == "callable" && o.closure.is_some()),
            (_, t) if t.contains('|') => true,
            (V::Str(_) | V::Arr(_), "callable") => true,
            (_, "int" | "float" | "string" | "bool" | "array") => false,
            _ => true,
        };
        if ok {
            if let (V::Int(n), "float") = (&v, t) {
                return Ok(V::Float(*n as f64));
            }
            return Ok(v);
        }
        let given = match &v {
            V::Obj(o) => o.class.name.to_string(),
            other => other.type_name().to_string(),
        };
        let caller = self.calls.last().map(|c| (c.file.clone(), c.line)).unwrap_or((self.file.clone(), self.line));
        let msg = format!(
            "{shown}(): Argument #{} (${}) must be of type {ty}, {given} given, called in {} on line {}",
            i + 1,
            p.name,
            caller.0,
            caller.1
        );
        let saved = std::mem::replace(&mut self.line, f.line);
        let e = self.throw_error("TypeError", &msg);
        self.line = saved;
        Err(e)
    }

    /// As [`Php::eval_args`]; arguments at `refs` (by reference) may be undefined without a warning.
    /// `$o->name(args)` (its own function: kept out of `expr`'s stack frame).
    #[inline(never)]
    fn method_call(&mut self, o: &Expr, name: &Expr, args: &[Arg], nullsafe: bool) -> R<V> {
        let ov = self.expr(o)?;
        if nullsafe && matches!(ov, V::Null) {
            return Ok(V::Null);
        }
        let n = self.prop_name(name)?;
        // mysqli_stmt::bind_param and PDOStatement::bindParam take
        // variables by reference: execute() reads their values then;
        // bind_result's variables receive each fetch()'s row.
        let stmt = matches!(&ov, V::Obj(o) if matches!(&*o.class.name, "mysqli_stmt" | "PDOStatement"));
        let binds = stmt && (n.eq_ignore_ascii_case("bind_param") || n.eq_ignore_ascii_case("bindParam"));
        let (a, named) = if stmt && n.eq_ignore_ascii_case("bind_result") {
            self.ref_args(args, 0)?
        } else if binds {
            self.ref_args(args, 1)?
        } else {
            self.eval_args(args)?
        };
        match ov {
            V::Obj(obj) => {
                let cls = obj.class.clone();
                if let Some((m, mc)) = cls.find_method(&n) {
                    if m.visibility.as_ref() == "private" || m.visibility.as_ref() == "protected" {
                        let scope = self.frames.last().and_then(|f| f.class.clone());
                        let allowed = scope.is_some_and(|s| {
                            if m.visibility.as_ref() == "private" {
                                Rc::ptr_eq(&s, &mc)
                            } else {
                                s.is_a(&mc.name) || mc.is_a(&s.name)
                            }
                        });
                        if !allowed {
                            return Err(self.throw_error(
                                "Error",
                                &format!("Call to {} method {}::{}() from global scope", m.visibility, cls.name, m.name),
                            ));
                        }
                    }
                    let shown = format!("{}->{}", cls.name, m.name);
                    let this = if m.is_static { None } else { Some(obj.clone()) };
                    return self.call_user(&m, a, named, this, Some(mc), Some(cls.clone()), &shown);
                }
                // A closure stored in a property is not a method; `__invoke`/`call` on closures are.
                self.call_method(obj, &n, a)
            }
            other => Err(self.throw_error("Error", &format!("Call to a member function {n}() on {}", other.type_name()))),
        }
    }

    /// Arguments from the `first`, where they are variables, as shared
    /// cells (the variables become references to them).
    fn ref_args(&mut self, args: &[Arg], first: usize) -> R<Args> {
        let mut out = Vec::new();
        for (i, a) in args.iter().enumerate() {
            match &a.value {
                Expr::Var(sn) if i >= first => {
                    let cell = match self.frame().vars.get(sn) {
                        Some(V::Ref(r)) => r.clone(),
                        other => {
                            let r = Rc::new(RefCell::new(other.cloned().unwrap_or_default()));
                            self.frame().vars.insert(sn.clone(), V::Ref(r.clone()));
                            r
                        }
                    };
                    out.push(V::Ref(cell));
                }
                e => out.push(self.expr(e)?),
            }
        }
        Ok((out, Vec::new()))
    }

    fn eval_args_refs(&mut self, args: &[Arg], refs: &[usize]) -> R<Args> {
        if refs.is_empty() {
            return self.eval_args(args);
        }
        let mut out = Vec::new();
        for (i, a) in args.iter().enumerate() {
            let v = if refs.contains(&i) { self.quiet(&a.value)? } else { self.expr(&a.value)? };
            out.push(v);
        }
        Ok((out, Vec::new()))
    }

    fn eval_args(&mut self, args: &[Arg]) -> R<Args> {
        let mut out = Vec::new();
        let mut named = Vec::new();
        for a in args {
            let v = self.expr(&a.value)?;
            if a.spread {
                if let V::Arr(arr) = v {
                    for (k, x) in &arr.items {
                        match k {
                            Key::I(_) => out.push(x.clone()),
                            Key::S(s) => named.push((s.clone(), x.clone())),
                        }
                    }
                }
            } else if let Some(n) = &a.name {
                named.push((n.clone(), v));
            } else {
                out.push(v);
            }
        }
        Ok((out, named))
    }

    /// Arguments bound by reference are written back after the call.
    fn write_back(&mut self, args: &[Arg], refs: &[(usize, V)]) -> R<()> {
        for (i, v) in refs {
            if let Some(a) = args.get(*i) {
                if matches!(a.value, Expr::Var(_) | Expr::Index(..) | Expr::Prop(..) | Expr::StaticProp(..)) {
                    self.assign(&a.value, v.clone())?;
                }
            }
        }
        Ok(())
    }

    // ------------------------------------------------------------ expressions

    pub fn expr(&mut self, e: &Expr) -> R<V> {
        match e {
            Expr::Null => Ok(V::Null),
            Expr::Bool(b) => Ok(V::Bool(*b)),
            Expr::Int(i) => Ok(V::Int(*i)),
            Expr::Float(f) => Ok(V::Float(*f)),
            Expr::Str(s) => Ok(V::Str(s.clone())),
            Expr::Interp(parts) => {
                let mut s = String::new();
                for p in parts {
                    let v = self.expr(p)?;
                    s.push_str(&self.to_str(&v)?);
                }
                Ok(V::s(&s))
            }
            Expr::Var(n) => Ok(self.get_var(n)),
            Expr::VarVar(e) => {
                let v = self.expr(e)?;
                let n = self.to_str(&v)?;
                Ok(self.get_var(&n))
            }
            Expr::Line(l, e) => {
                if *l != 0 {
                    self.line = *l;
                }
                self.expr(e)
            }
            Expr::Array(items) => {
                let mut a = Arr::default();
                for (k, v, spread) in items {
                    let val = self.expr(v)?;
                    if *spread {
                        if let V::Arr(src) = &val {
                            for (k, x) in &src.items {
                                match k {
                                    Key::I(_) => a.push(x.clone()),
                                    Key::S(_) => a.set(k.clone(), x.clone()),
                                }
                            }
                        }
                        continue;
                    }
                    match k {
                        Some(k) => {
                            let kv = self.expr(k)?;
                            let key = self.to_key(&kv);
                            a.set(key, val);
                        }
                        None => a.push(val),
                    }
                }
                Ok(V::arr(a))
            }
            Expr::Index(b, k) => {
                let base = self.expr(b)?;
                let Some(k) = k else { return Err(Flow::Fatal("Cannot use [] for reading".into())) };
                let kv = self.expr(k)?;
                self.index(&base, &kv)
            }
            Expr::Prop(o, name, nullsafe) => {
                let ov = self.expr(o)?;
                if *nullsafe && matches!(ov, V::Null) {
                    return Ok(V::Null);
                }
                let n = self.prop_name(name)?;
                self.read_prop(&ov, &n)
            }
            Expr::StaticProp(c, n) => {
                let cls = self.class(c)?;
                let mut k = Some(cls);
                while let Some(cl) = k {
                    if let Some((_, v)) = cl.statics.borrow().iter().find(|(x, _)| x == n) {
                        return Ok(v.clone());
                    }
                    k = cl.parent.clone();
                }
                Err(self.throw_error("Error", &format!("Access to undeclared static property {c}::${n}")))
            }
            Expr::ClassConst(c, n) => {
                if n.eq_ignore_ascii_case("class") {
                    if let Some(v) = c.strip_prefix('$') {
                        if let V::Obj(o) = self.get_var(v) {
                            return Ok(V::Str(o.class.name.clone()));
                        }
                    }
                    let cls = self.class(c);
                    return Ok(match cls {
                        Ok(k) => V::Str(k.name.clone()),
                        Err(_) => V::Str(c.clone()),
                    });
                }
                let cls = self.class(c)?;
                let mut k = Some(cls.clone());
                while let Some(cl) = k {
                    if let Some((_, v)) = cl.consts.borrow().iter().find(|(x, _)| x == n) {
                        return Ok(v.clone());
                    }
                    for i in &cl.interfaces {
                        if let Ok(ic) = self.class(i) {
                            if let Some((_, v)) = ic.consts.borrow().iter().find(|(x, _)| x == n) {
                                return Ok(v.clone());
                            }
                        }
                    }
                    k = cl.parent.clone();
                }
                Err(self.throw_error("Error", &format!("Undefined constant {}::{n}", cls.name)))
            }
            Expr::Const(n) => self.constant(n),
            Expr::Name(n) => Ok(V::Str(n.clone())),
            Expr::Call(callee, args) => self.call_expr(callee, args),
            Expr::MethodCall(o, name, args, nullsafe) => self.method_call(o, name, args, *nullsafe),
            Expr::StaticCall(c, m, args) => {
                let (a, _named) = self.eval_args(args)?;
                if let Some(v) = c.strip_prefix('$') {
                    if let V::Obj(o) = self.get_var(v) {
                        return self.call_method(o, m, a);
                    }
                }
                self.static_call(c, m, a)
            }
            Expr::New(c, args) => {
                let (a, named) = self.eval_args(args)?;
                let cls = self.class(c)?;
                self.construct(cls, a, named)
            }
            Expr::NewAnon(decl, args) => {
                let (a, named) = self.eval_args(args)?;
                let cls = match self.classes.get(&decl.name.to_ascii_lowercase()) {
                    Some(c) => c.clone(),
                    None => self.declare_class(decl)?,
                };
                self.construct(cls, a, named)
            }
            Expr::Bin(op, l, r) => self.binary(op, l, r),
            Expr::Unary(op, e) => {
                let v = self.expr(e)?;
                match *op {
                    "!" => Ok(V::Bool(!v.truthy())),
                    "-" => super::ops::arith(self, "*", &v, &V::Int(-1)),
                    "+" => super::ops::arith(self, "*", &v, &V::Int(1)),
                    _ => Ok(V::Int(!v.to_int())),
                }
            }
            Expr::Assign(t, v) => {
                let val = self.expr(v)?;
                // Arrays are values: a copy is taken (copy on write).
                self.assign(t, val)
            }
            Expr::AssignRef(t, src) => {
                // `$a = &$b`: both names share one cell.
                if let (Expr::Var(tn), Expr::Var(sn)) = (&**t, &**src) {
                    let cell = match self.frame().vars.get(sn) {
                        Some(V::Ref(r)) => r.clone(),
                        other => {
                            let r = Rc::new(RefCell::new(other.cloned().unwrap_or_default()));
                            self.frame().vars.insert(sn.clone(), V::Ref(r.clone()));
                            r
                        }
                    };
                    self.frame().vars.insert(tn.clone(), V::Ref(cell.clone()));
                    return Ok(cell.borrow().clone());
                }
                let v = self.expr(src)?;
                self.assign(t, v)
            }
            Expr::AssignOp(op, t, v) => {
                if *op == "??" {
                    let cur = self.quiet(t)?;
                    if !matches!(cur, V::Null) {
                        return Ok(cur);
                    }
                    let val = self.expr(v)?;
                    return self.assign(t, val);
                }
                let cur = self.expr(t)?;
                let rhs = self.expr(v)?;
                let nv = self.apply_bin(op, &cur, &rhs)?;
                self.assign(t, nv)
            }
            Expr::IncDec(inc, pre, t) => {
                let cur = self.quiet(t)?;
                if matches!(cur, V::Null) && matches!(**t, Expr::Var(_)) && !self.has_var_expr(t) {
                    let _ = self.expr(t)?;
                }
                let nv = match (&cur, inc) {
                    (V::Null, true) => V::Int(1),
                    (V::Null, false) => V::Null,
                    (V::Str(s), true) if !is_numeric_str(s) => V::s(&str_inc(s)),
                    (V::Str(s), false) if !is_numeric_str(s) => cur.clone(),
                    (_, true) => super::ops::arith(self, "+", &cur, &V::Int(1))?,
                    (_, false) => super::ops::arith(self, "-", &cur, &V::Int(1))?,
                };
                self.assign(t, nv.clone())?;
                Ok(if *pre { nv } else { cur })
            }
            Expr::Ternary(c, t, o) => {
                let cv = self.expr(c)?;
                if cv.truthy() {
                    match t {
                        Some(t) => self.expr(t),
                        None => Ok(cv),
                    }
                } else {
                    self.expr(o)
                }
            }
            Expr::Cast(k, e) => {
                let v = self.expr(e)?;
                self.cast(k, v)
            }
            Expr::Isset(es) => {
                for e in es {
                    if matches!(self.quiet(e)?, V::Null) {
                        return Ok(V::Bool(false));
                    }
                }
                Ok(V::Bool(true))
            }
            Expr::Empty(e) => Ok(V::Bool(!self.quiet(e)?.truthy())),
            Expr::Closure(f, uses, _) => {
                let mut bound = Vec::new();
                for (n, by_ref) in uses {
                    if *by_ref {
                        let cell = match self.frame().vars.get(n) {
                            Some(V::Ref(r)) => r.clone(),
                            other => {
                                let r = Rc::new(RefCell::new(other.cloned().unwrap_or_default()));
                                self.frame().vars.insert(n.clone(), V::Ref(r.clone()));
                                r
                            }
                        };
                        bound.push((n.clone(), V::Ref(cell)));
                    } else {
                        let v = self.get_var(n);
                        bound.push((n.clone(), v));
                    }
                }
                Ok(self.closure(f.clone(), bound))
            }
            Expr::Arrow(f) => {
                // Arrow functions capture the whole scope by value.
                let bound: Vec<(Rc<str>, V)> =
                    self.frames.last().map(|fr| fr.vars.iter().map(|(k, v)| (k.clone(), v.deref())).collect()).unwrap_or_default();
                Ok(self.closure(f.clone(), bound))
            }
            Expr::Match(subject, arms) => {
                let v = self.expr(subject)?;
                for (conds, res) in arms {
                    match conds {
                        None => {}
                        Some(cs) => {
                            for c in cs {
                                let cv = self.expr(c)?;
                                if strict_eq(&v, &cv) {
                                    return self.expr(res);
                                }
                            }
                        }
                    }
                }
                if let Some((_, res)) = arms.iter().find(|(c, _)| c.is_none()) {
                    return self.expr(res);
                }
                let shown = super::dump::export_short(&v);
                Err(self.throw_error("UnhandledMatchError", &format!("Unhandled match case {shown}")))
            }
            Expr::InstanceOf(e, c) => {
                let v = self.expr(e)?;
                Ok(V::Bool(match v {
                    V::Obj(o) => {
                        let name = if let Some(var) = c.strip_prefix('$') {
                            match self.get_var(var) {
                                V::Obj(x) => x.class.name.to_string(),
                                other => self.to_str(&other)?,
                            }
                        } else {
                            match c.to_ascii_lowercase().as_str() {
                                "self" | "static" | "parent" => self.class(c)?.name.to_string(),
                                _ => c.to_string(),
                            }
                        };
                        o.class.is_a(&name) || name.eq_ignore_ascii_case("Closure") && o.closure.is_some()
                    }
                    _ => false,
                }))
            }
            Expr::Include(e, require, once) => {
                let v = self.expr(e)?;
                let p = self.to_str(&v)?;
                self.include(&p, *require, *once)
            }
            Expr::Print(e) => {
                let v = self.expr(e)?;
                let s = self.to_str(&v)?;
                self.echo(&s);
                Ok(V::Int(1))
            }
            Expr::Exit(arg) => {
                let code = match arg {
                    Some(e) => match self.expr(e)? {
                        V::Int(i) => i as i32,
                        other => {
                            let s = self.to_str(&other)?;
                            self.echo(&s);
                            0
                        }
                    },
                    None => 0,
                };
                Err(Flow::Exit(code))
            }
            Expr::List(_) => Err(Flow::Fatal("Cannot use list() outside an assignment".into())),
            Expr::Throw(e) => {
                let v = self.expr(e)?;
                Err(self.throw_value(v))
            }
            Expr::Silence(e) => {
                self.silence += 1;
                let r = self.expr(e);
                self.silence -= 1;
                r
            }
            Expr::Clone(e) => match self.expr(e)? {
                V::Obj(o) => {
                    let n = self.new_obj(o.class.clone());
                    *n.props.borrow_mut() = o.props.borrow().clone();
                    let n = Rc::new(Obj {
                        id: n.id,
                        class: n.class.clone(),
                        props: RefCell::new(n.props.borrow().clone()),
                        closure: o.closure.clone(),
                    });
                    if n.class.find_method("__clone").is_some() {
                        self.call_method(n.clone(), "__clone", vec![])?;
                    }
                    Ok(V::Obj(n))
                }
                _ => Err(self.throw_error("Error", "__clone method called on non-object")),
            },
        }
    }

    fn has_var_expr(&self, e: &Expr) -> bool {
        match e {
            Expr::Var(n) => self.has_var(n).is_some(),
            _ => true,
        }
    }

    pub fn closure(&mut self, f: Rc<FuncDecl>, bound: Vec<(Rc<str>, V)>) -> V {
        let this = self.frames.last().and_then(|fr| fr.this.clone());
        let scope = self.frames.last().and_then(|fr| fr.class.clone());
        let cls = self.classes.get("closure").cloned();
        let id = self.next_obj;
        self.next_obj += 1;
        let Some(cls) = cls else { return V::Null };
        V::Obj(Rc::new(Obj {
            id,
            class: cls,
            props: RefCell::new(Vec::new()),
            closure: Some(Closure { func: f, bound, this, scope, named: None }),
        }))
    }

    pub fn named_closure(&mut self, name: &str) -> V {
        let cls = self.classes.get("closure").cloned();
        let id = self.next_obj;
        self.next_obj += 1;
        let Some(cls) = cls else { return V::Null };
        let func = Rc::new(FuncDecl {
            name: name.into(),
            params: Vec::new(),
            body: Vec::new(),
            by_ref: false,
            is_static: false,
            visibility: "public".into(),
            is_abstract: false,
            line: 0,
        });
        V::Obj(Rc::new(Obj {
            id,
            class: cls,
            props: RefCell::new(Vec::new()),
            closure: Some(Closure { func, bound: Vec::new(), this: None, scope: None, named: Some(name.into()) }),
        }))
    }

    /// Evaluates without "undefined" warnings (isset, empty, ??).
    pub fn quiet(&mut self, e: &Expr) -> R<V> {
        match e {
            Expr::Var(n) => Ok(self.has_var(n).unwrap_or_default()),
            Expr::Index(b, Some(k)) => {
                let base = self.quiet(b)?;
                let kv = self.expr(k)?;
                Ok(match &base {
                    V::Arr(a) => {
                        let key = self.to_key(&kv);
                        a.get(&key).map(V::deref).unwrap_or_default()
                    }
                    V::Str(s) => {
                        let i = kv.to_int();
                        let n = s.len() as i64;
                        let i = if i < 0 { i + n } else { i };
                        if i >= 0 && i < n && (matches!(kv, V::Int(_)) || matches!(&kv, V::Str(x) if is_numeric_str(x))) {
                            V::s(&String::from_utf8_lossy(&s.as_bytes()[i as usize..i as usize + 1]))
                        } else {
                            V::Null
                        }
                    }
                    V::Obj(o) if o.class.find_method("offsetGet").is_some() => self.call_method(o.clone(), "offsetGet", vec![kv])?,
                    _ => V::Null,
                })
            }
            Expr::Prop(o, name, _) => {
                let ov = self.quiet(o)?;
                let n = self.prop_name(name)?;
                Ok(match ov {
                    V::Obj(obj) => obj.get(&n).map(|v| v.deref()).unwrap_or_default(),
                    _ => V::Null,
                })
            }
            Expr::StaticProp(..) | Expr::ClassConst(..) => {
                self.silence += 1;
                let r = self.expr(e);
                self.silence -= 1;
                Ok(r.unwrap_or_default())
            }
            Expr::Line(_, e) => self.quiet(e),
            other => self.expr(other),
        }
    }

    pub fn index(&mut self, base: &V, k: &V) -> R<V> {
        match base {
            V::Arr(a) => {
                let key = self.to_key(k);
                match a.get(&key) {
                    Some(v) => Ok(v.deref()),
                    None => {
                        self.undefined_key(&key);
                        Ok(V::Null)
                    }
                }
            }
            V::Str(s) => {
                let n = s.len() as i64;
                let i = k.to_int();
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    self.warn("Warning", &format!("Uninitialized string offset {i}"));
                    return Ok(V::s(""));
                }
                Ok(V::s(&String::from_utf8_lossy(&s.as_bytes()[j as usize..j as usize + 1])))
            }
            V::Null => {
                self.warn("Warning", "Trying to access array offset on value of type null");
                Ok(V::Null)
            }
            V::Obj(o) if o.class.find_method("offsetGet").is_some() => self.call_method(o.clone(), "offsetGet", vec![k.clone()]),
            V::Obj(o) => Err(self.throw_error("Error", &format!("Cannot use object of type {} as array", o.class.name))),
            other => {
                let t = other.type_name();
                self.warn("Warning", &format!("Trying to access array offset on value of type {t}"));
                Ok(V::Null)
            }
        }
    }

    fn read_prop(&mut self, ov: &V, n: &str) -> R<V> {
        match ov {
            V::Obj(o) => match o.get(n) {
                Some(v) => {
                    if let Some((_, _, _, vis, _)) = o.class.decl.props.iter().find(|p| &*p.0 == n) {
                        if vis.as_ref() != "public" {
                            let scope = self.frames.last().and_then(|f| f.class.clone());
                            if scope.is_none_or(|s| !(s.is_a(&o.class.name) || o.class.is_a(&s.name))) {
                                return Err(self.throw_error("Error", &format!("Cannot access {vis} property {}::${n}", o.class.name)));
                            }
                        }
                    }
                    Ok(v.deref())
                }
                None => {
                    if o.class.find_method("__get").is_some() {
                        return self.call_method(o.clone(), "__get", vec![V::s(n)]);
                    }
                    let cname = o.class.name.clone();
                    self.warn("Warning", &format!("Undefined property: {cname}::${n}"));
                    Ok(V::Null)
                }
            },
            other => {
                let t = other.type_name();
                self.warn("Warning", &format!("Attempt to read property \"{n}\" on {t}"));
                Ok(V::Null)
            }
        }
    }

    fn constant(&mut self, n: &str) -> R<V> {
        if let Some(v) = self.consts.get(n) {
            return Ok(v.clone());
        }
        if let Some(v) = super::builtins::constant(self, n) {
            return Ok(v);
        }
        Err(self.throw_error("Error", &format!("Undefined constant \"{n}\"")))
    }

    fn call_expr(&mut self, callee: &Expr, args: &[Arg]) -> R<V> {
        if args.len() == 1 && args[0].name.as_deref() == Some("...") {
            // `strlen(...)`: a first-class callable.
            return match callee {
                Expr::Name(n) => Ok(self.named_closure(n)),
                other => self.expr(other),
            };
        }
        match callee {
            Expr::Name(n) => {
                let l = n.to_ascii_lowercase();
                if let Some(f) = self.functions.get(&l).cloned() {
                    let refs: Vec<usize> = f.params.iter().enumerate().filter(|(_, p)| p.by_ref).map(|(i, _)| i).collect();
                    let (a, named) = self.eval_args_refs(args, &refs)?;
                    if refs.is_empty() {
                        return self.call_user(&f, a, named, None, None, None, &f.name);
                    }
                    // By-reference parameters: the callee's final values are copied back.
                    return self.call_by_ref(&f, a, named, args, &refs);
                }
                let refs = super::builtins::by_ref_params(&l);
                let (a, _) = self.eval_args_refs(args, refs)?;
                match l.as_str() {
                    "compact" => {
                        let mut out = Arr::default();
                        for v in &a {
                            let names: Vec<V> = match v {
                                V::Arr(x) => x.items.iter().map(|(_, v)| v.clone()).collect(),
                                other => vec![other.clone()],
                            };
                            for nv in names {
                                let name = self.to_str(&nv)?;
                                if let Some(val) = self.has_var(&name) {
                                    out.set(Key::of_str(&name), val);
                                } else {
                                    self.warn("Warning", &format!("compact(): Undefined variable ${name}"));
                                }
                            }
                        }
                        return Ok(V::arr(out));
                    }
                    "extract" => {
                        let mut n = 0;
                        if let Some(V::Arr(x)) = a.first() {
                            for (k, v) in &x.items {
                                if let Key::S(s) = k {
                                    self.set_var(s, v.clone());
                                    n += 1;
                                }
                            }
                        }
                        return Ok(V::Int(n));
                    }
                    "get_defined_vars" => {
                        let mut out = Arr::default();
                        let vars: Vec<(Rc<str>, V)> =
                            self.frames.last().map(|f| f.vars.iter().map(|(k, v)| (k.clone(), v.deref())).collect()).unwrap_or_default();
                        for (k, v) in vars {
                            out.set(Key::of_str(&k), v);
                        }
                        return Ok(V::arr(out));
                    }
                    "func_get_args" => {
                        return Ok(V::arr(Arr::default()));
                    }
                    _ => {}
                }
                let mut a = a;
                let r = super::builtins::call_mut(self, &l, &mut a)?;
                let r = match r {
                    Some(v) => v,
                    None => {
                        return Err(self.throw_error("Error", &format!("Call to undefined function {n}()")));
                    }
                };
                if !refs.is_empty() {
                    let back: Vec<(usize, V)> = refs.iter().filter_map(|&i| a.get(i).map(|v| (i, v.clone()))).collect();
                    self.write_back(args, &back)?;
                }
                Ok(r)
            }
            other => {
                let f = self.expr(other)?;
                let (a, _) = self.eval_args(args)?;
                if let V::Str(s) = &f {
                    if !s.contains("::") {
                        return self.call_function(s, a);
                    }
                }
                self.call_value(&f, a)
            }
        }
    }

    fn call_by_ref(&mut self, f: &Rc<FuncDecl>, a: Vec<V>, named: Vec<(Rc<str>, V)>, args: &[Arg], refs: &[usize]) -> R<V> {
        // Give the by-ref parameters shared cells, then copy them back.
        let cells: Vec<(usize, Rc<RefCell<V>>)> =
            refs.iter().map(|&i| (i, Rc::new(RefCell::new(a.get(i).cloned().unwrap_or_default())))).collect();
        let mut a2 = a;
        for (i, c) in &cells {
            if *i < a2.len() {
                a2[*i] = V::Ref(c.clone());
            }
        }
        let r = self.call_user(f, a2, named, None, None, None, &f.name);
        let back: Vec<(usize, V)> = cells.iter().map(|(i, c)| (*i, c.borrow().deref())).collect();
        self.write_back(args, &back)?;
        r
    }

    pub fn cast(&mut self, k: &str, v: V) -> R<V> {
        Ok(match k {
            "int" => V::Int(v.to_int()),
            "float" => V::Float(v.to_float()),
            "string" => V::s(&self.to_str(&v)?),
            "bool" => V::Bool(v.truthy()),
            "array" => match v {
                V::Arr(_) => v,
                V::Null => V::arr(Arr::default()),
                V::Obj(o) => {
                    let mut a = Arr::default();
                    for (k, x) in o.props.borrow().iter() {
                        a.set(Key::of_str(k), x.clone());
                    }
                    V::arr(a)
                }
                other => V::arr(Arr::list(vec![other])),
            },
            _ => match v {
                V::Obj(_) => v,
                V::Arr(a) => {
                    let cls = self.class("stdClass")?;
                    let o = self.new_obj(cls);
                    for (k, x) in &a.items {
                        let name = match k {
                            Key::I(i) => i.to_string(),
                            Key::S(s) => s.to_string(),
                        };
                        o.set(&name, x.clone());
                    }
                    V::Obj(o)
                }
                other => {
                    let cls = self.class("stdClass")?;
                    let o = self.new_obj(cls);
                    if !matches!(other, V::Null) {
                        o.set("scalar", other);
                    }
                    V::Obj(o)
                }
            },
        })
    }

    fn binary(&mut self, op: &str, l: &Expr, r: &Expr) -> R<V> {
        match op {
            "&&" | "and" => {
                let a = self.expr(l)?;
                Ok(V::Bool(a.truthy() && self.expr(r)?.truthy()))
            }
            "||" | "or" => {
                let a = self.expr(l)?;
                Ok(V::Bool(a.truthy() || self.expr(r)?.truthy()))
            }
            "??" => {
                let a = self.quiet(l)?;
                if matches!(a, V::Null) {
                    self.expr(r)
                } else {
                    Ok(a)
                }
            }
            _ => {
                let a = self.expr(l)?;
                let b = self.expr(r)?;
                self.apply_bin(op, &a, &b)
            }
        }
    }

    pub fn apply_bin(&mut self, op: &str, a: &V, b: &V) -> R<V> {
        Ok(match op {
            "." => {
                let mut s = self.to_str(a)?;
                s.push_str(&self.to_str(b)?);
                V::s(&s)
            }
            "==" => V::Bool(loose_cmp(a, b) == 0 && !uncomparable(a, b)),
            "!=" => V::Bool(loose_cmp(a, b) != 0 || uncomparable(a, b)),
            "===" => V::Bool(strict_eq(a, b)),
            "!==" => V::Bool(!strict_eq(a, b)),
            "<" => V::Bool(loose_cmp(a, b) < 0),
            "<=" => V::Bool(loose_cmp(a, b) <= 0),
            ">" => V::Bool(loose_cmp(a, b) > 0),
            ">=" => V::Bool(loose_cmp(a, b) >= 0),
            "<=>" => V::Int(loose_cmp(a, b) as i64),
            "xor" => V::Bool(a.truthy() ^ b.truthy()),
            "&" => V::Int(a.to_int() & b.to_int()),
            "|" => V::Int(a.to_int() | b.to_int()),
            "^" => V::Int(a.to_int() ^ b.to_int()),
            "<<" => V::Int(a.to_int().checked_shl(b.to_int().clamp(0, 64) as u32).unwrap_or(0)),
            ">>" => V::Int(a.to_int() >> b.to_int().clamp(0, 63)),
            _ => return super::ops::arith(self, op, a, b),
        })
    }

    fn include(&mut self, p: &str, require: bool, once: bool) -> R<V> {
        let path = if p.starts_with('/') {
            p.to_string()
        } else {
            // Relative paths: the including script's directory, then the working directory.
            let dir = self.file.rsplit_once('/').map(|(d, _)| d.to_string()).unwrap_or_default();
            let a = crate::vfs::normalize(&format!("{dir}/{p}"));
            if self.fs.read(&a).is_ok() {
                a
            } else {
                crate::vfs::normalize(&format!("{}/{p}", self.cwd))
            }
        };
        if once && self.included.contains(&path) {
            return Ok(V::Bool(true));
        }
        match self.fs.read(&path) {
            Ok(b) => {
                let src = String::from_utf8_lossy(&b).into_owned();
                self.run_file(&path, &src)
            }
            Err(_) => {
                let kind = if require { "require" } else { "include" };
                let kind = if once { format!("{kind}_once") } else { kind.to_string() };
                self.warn("Warning", &format!("{kind}({p}): Failed to open stream: No such file or directory"));
                if require {
                    let msg = format!("Uncaught Error: Failed opening required '{p}' (include_path='.:/usr/local/lib/php')");
                    let _ = msg;
                    self.echo(&format!(
                        "\nFatal error: Uncaught Error: Failed opening required '{p}' (include_path='.:/usr/local/lib/php') in {}:{}\nStack trace:\n#0 {{main}}\n  thrown in {} on line {}\n",
                        self.file, self.line, self.file, self.line
                    ));
                    return Err(Flow::Exit(255));
                }
                self.warn("Warning", &format!("{kind}(): Failed opening '{p}' for inclusion (include_path='.:/usr/local/lib/php')"));
                Ok(V::Bool(false))
            }
        }
    }
}

pub enum Root {
    Var(Rc<str>),
    Prop(Rc<Obj>, Rc<str>),
    Static(Rc<Class>, Rc<str>),
}

fn walk(slot: &mut V, path: &[Option<Key>], f: &mut dyn FnMut(&mut V), err: &mut Option<String>) {
    if let V::Ref(r) = slot {
        let r = r.clone();
        let mut b = r.borrow_mut();
        return walk(&mut b, path, f, err);
    }
    let Some((k, rest)) = path.split_first() else {
        f(slot);
        return;
    };
    if matches!(slot, V::Null) {
        *slot = V::arr(Arr::default());
    }
    match slot {
        V::Arr(a) => {
            let a = Rc::make_mut(a);
            let key = match k {
                Some(k) => k.clone(),
                None => {
                    let k = Key::I(a.next);
                    a.push(V::Null);
                    k
                }
            };
            if a.get(&key).is_none() {
                a.set(key.clone(), V::Null);
            }
            if let Some(v) = a.get_mut(&key) {
                walk(v, rest, f, err);
            }
        }
        V::Obj(o) => {
            // ArrayAccess is not modelled for writes; properties of nested objects are.
            let _ = o;
            *err = Some("Cannot use object as array".into());
        }
        V::Str(_) => *err = Some("[] operator not supported for strings".into()),
        other => {
            if matches!(other, V::Bool(false)) {
                *other = V::arr(Arr::default());
                walk(other, path, f, err);
            } else {
                *err = Some("Cannot use a scalar value as an array".into());
            }
        }
    }
}

fn uncomparable(a: &V, b: &V) -> bool {
    match (a.deref(), b.deref()) {
        (V::Arr(x), V::Arr(y)) => x.len() == y.len() && x.items.iter().any(|(k, _)| y.get(k).is_none()),
        _ => false,
    }
}

pub fn key_shown(k: &Key) -> String {
    match k {
        Key::I(i) => i.to_string(),
        Key::S(s) => format!("\"{s}\""),
    }
}

fn arg_shown(v: &V) -> String {
    match v.deref() {
        V::Null => "NULL".into(),
        V::Bool(b) => if b { "true" } else { "false" }.into(),
        V::Int(i) => i.to_string(),
        V::Float(f) => fmt_float(f, 0, 'E'),
        V::Str(s) => {
            if s.chars().count() > 15 {
                format!("'{}...'", s.chars().take(15).collect::<String>())
            } else {
                format!("'{s}'")
            }
        }
        V::Arr(_) => "Array".into(),
        V::Obj(o) => format!("Object({})", o.class.name),
        V::Ref(_) => String::new(),
    }
}

fn str_inc(s: &str) -> String {
    if s.is_empty() {
        return "1".into();
    }
    let mut b: Vec<u8> = s.bytes().collect();
    let mut i = b.len();
    loop {
        if i == 0 {
            let first = b[0];
            let pre = if first.is_ascii_digit() {
                b'1'
            } else if first.is_ascii_uppercase() {
                b'A'
            } else {
                b'a'
            };
            b.insert(0, pre);
            break;
        }
        i -= 1;
        match b[i] {
            b'z' => b[i] = b'a',
            b'Z' => b[i] = b'A',
            b'9' => b[i] = b'0',
            c if c.is_ascii_alphanumeric() => {
                b[i] = c + 1;
                break;
            }
            _ => break,
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}
