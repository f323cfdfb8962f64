//! The tree-walking evaluator for `py.rs`'s programs: values, scopes,
//! calls with defaults/`*args`/`**kwargs`, closures, classes with single
//! or simple multiple inheritance, exceptions with Python's tracebacks.
//! Built-in functions, methods and modules live in `py_lib.rs`. Bounded:
//! steps, call depth, output and container sizes.

use super::py::{Arg, CompFor, Ex, FPart, FnDef, Sk, St};
use crate::vfs::Fs;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

pub type L = Rc<RefCell<Vec<V>>>;

#[derive(Clone)]
pub enum V {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    List(L),
    Tuple(Rc<Vec<V>>),
    Dict(Rc<RefCell<Vec<(V, V)>>>),
    Set(L),
    Range(i64, i64, i64),
    Func(Rc<Func>),
    /// A built-in function or method: name and what it is bound to.
    Bi(Rc<str>, Rc<V>),
    Class(Rc<Class>),
    Obj(Rc<Obj>),
    Method(Rc<V>, Rc<V>),
    Super(Rc<Class>, Rc<V>),
    /// An iterator (map, zip, generator…): items and position.
    Iter(Rc<RefCell<(Vec<V>, usize, &'static str)>>),
}

pub struct Func {
    pub def: Rc<FnDef>,
    pub defaults: Vec<Option<V>>,
    pub closure: Rc<Scope>,
    pub owner: RefCell<Option<Rc<Class>>>,
    pub file: Rc<str>,
    pub qual: String,
}

pub struct Class {
    pub name: Rc<str>,
    pub module: Rc<str>,
    pub bases: Vec<Rc<Class>>,
    pub attrs: RefCell<BTreeMap<Rc<str>, V>>,
}

pub struct Obj {
    pub cls: Rc<Class>,
    pub attrs: RefCell<BTreeMap<Rc<str>, V>>,
    pub id: usize,
}

impl Class {
    /// This class and its ancestors, depth first.
    pub fn mro(self: &Rc<Class>) -> Vec<Rc<Class>> {
        let mut out: Vec<Rc<Class>> = Vec::new();
        let mut stack = vec![self.clone()];
        while let Some(c) = stack.pop() {
            if out.len() > 64 {
                break;
            }
            if !out.iter().any(|o| Rc::ptr_eq(o, &c)) {
                for b in c.bases.iter().rev() {
                    stack.push(b.clone());
                }
                out.push(c);
            }
        }
        // `object` goes last.
        if let Some(i) = out.iter().position(|c| &*c.name == "object") {
            let o = out.remove(i);
            out.push(o);
        }
        out
    }
    pub fn lookup(self: &Rc<Class>, name: &str) -> Option<(V, Rc<Class>)> {
        self.mro().into_iter().find_map(|c| c.attrs.borrow().get(name).cloned().map(|v| (v, c.clone())))
    }
    pub fn is_sub(self: &Rc<Class>, other: &Rc<Class>) -> bool {
        self.mro().iter().any(|c| Rc::ptr_eq(c, other))
    }
    pub fn is_named(self: &Rc<Class>, name: &str) -> bool {
        self.mro().iter().any(|c| &*c.name == name)
    }
}

impl V {
    pub fn s(s: &str) -> V {
        V::Str(Rc::from(s))
    }
    pub fn list(v: Vec<V>) -> V {
        V::List(Rc::new(RefCell::new(v)))
    }
    pub fn tuple(v: Vec<V>) -> V {
        V::Tuple(Rc::new(v))
    }
    pub fn dict(v: Vec<(V, V)>) -> V {
        V::Dict(Rc::new(RefCell::new(v)))
    }
    pub fn bi(name: &str, this: V) -> V {
        V::Bi(Rc::from(name), Rc::new(this))
    }
    pub fn iter(items: Vec<V>, kind: &'static str) -> V {
        V::Iter(Rc::new(RefCell::new((items, 0, kind))))
    }
    pub fn type_name(&self) -> String {
        match self {
            V::None => "NoneType".into(),
            V::Bool(_) => "bool".into(),
            V::Int(_) => "int".into(),
            V::Float(_) => "float".into(),
            V::Str(_) => "str".into(),
            V::Bytes(_) => "bytes".into(),
            V::List(_) => "list".into(),
            V::Tuple(_) => "tuple".into(),
            V::Dict(_) => "dict".into(),
            V::Set(_) => "set".into(),
            V::Range(..) => "range".into(),
            V::Func(_) => "function".into(),
            V::Bi(n, _) if TYPES.contains(&&**n) => "type".into(),
            V::Bi(..) => "builtin_function_or_method".into(),
            V::Class(_) => "type".into(),
            V::Obj(o) => o.cls.name.to_string(),
            V::Method(..) => "method".into(),
            V::Super(..) => "super".into(),
            V::Iter(i) => i.borrow().2.into(),
        }
    }
    pub fn truthy(&self) -> bool {
        match self {
            V::None => false,
            V::Bool(b) => *b,
            V::Int(n) => *n != 0,
            V::Float(f) => *f != 0.0,
            V::Str(s) => !s.is_empty(),
            V::Bytes(b) => !b.is_empty(),
            V::List(l) | V::Set(l) => !l.borrow().is_empty(),
            V::Tuple(t) => !t.is_empty(),
            V::Dict(d) => !d.borrow().is_empty(),
            V::Range(a, b, s) => range_len(*a, *b, *s) > 0,
            _ => true,
        }
    }
    pub fn as_int(&self) -> Option<i64> {
        match self {
            V::Int(n) => Some(*n),
            V::Bool(b) => Some(*b as i64),
            _ => None,
        }
    }
    pub fn as_f(&self) -> Option<f64> {
        match self {
            V::Float(f) => Some(*f),
            V::Int(n) => Some(*n as f64),
            V::Bool(b) => Some(*b as i64 as f64),
            _ => None,
        }
    }
    pub fn is_none(&self) -> bool {
        matches!(self, V::None)
    }
    pub fn str_ref(&self) -> Option<&str> {
        match self {
            V::Str(s) => Some(s),
            _ => None,
        }
    }
}

pub const TYPES: &[&str] = &["int", "str", "float", "bool", "list", "dict", "tuple", "set", "bytes", "type", "range", "frozenset"];

pub fn range_len(a: i64, b: i64, s: i64) -> i64 {
    if s > 0 && b > a {
        (b - a - 1) / s + 1
    } else if s < 0 && a > b {
        (a - b - 1) / (-s) + 1
    } else {
        0
    }
}

/// Python's `repr(float)`.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    let e = format!("{f:e}");
    let (mant, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if !(-4..16).contains(&exp) {
        return format!("{mant}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    }
    let s = format!("{f}");
    if s.contains('.') {
        s
    } else {
        format!("{s}.0")
    }
}

// ---------------------------------------------------------------- scopes ----

pub struct Scope {
    pub vars: RefCell<BTreeMap<Rc<str>, V>>,
    pub parent: Option<Rc<Scope>>,
    pub class_body: bool,
    pub globals: RefCell<Vec<Rc<str>>>,
    pub nonlocals: RefCell<Vec<Rc<str>>>,
}

impl Scope {
    pub fn new(parent: Option<Rc<Scope>>, class_body: bool) -> Rc<Scope> {
        Rc::new(Scope { vars: RefCell::default(), parent, class_body, globals: RefCell::default(), nonlocals: RefCell::default() })
    }
    fn root(self: &Rc<Scope>) -> Rc<Scope> {
        let mut s = self.clone();
        while let Some(p) = s.parent.clone() {
            s = p;
        }
        s
    }
    pub fn get(self: &Rc<Scope>, name: &str) -> Option<V> {
        if let Some(v) = self.vars.borrow().get(name) {
            return Some(v.clone());
        }
        let mut s = self.parent.clone();
        while let Some(sc) = s {
            if !sc.class_body {
                if let Some(v) = sc.vars.borrow().get(name) {
                    return Some(v.clone());
                }
            }
            s = sc.parent.clone();
        }
        None
    }
    pub fn set(self: &Rc<Scope>, name: &Rc<str>, v: V) {
        if self.globals.borrow().iter().any(|g| g == name) {
            self.root().vars.borrow_mut().insert(name.clone(), v);
            return;
        }
        if self.nonlocals.borrow().iter().any(|g| g == name) {
            let mut s = self.parent.clone();
            while let Some(sc) = s {
                if sc.vars.borrow().contains_key(name) {
                    sc.vars.borrow_mut().insert(name.clone(), v);
                    return;
                }
                s = sc.parent.clone();
            }
        }
        self.vars.borrow_mut().insert(name.clone(), v);
    }
    fn del(self: &Rc<Scope>, name: &str) -> bool {
        self.vars.borrow_mut().remove(name).is_some()
    }
}

// ---------------------------------------------------------------- control ----

pub enum Ctl {
    /// An exception: the instance and the traceback frames (file, line, function).
    Exc(V, Traceback),
    Ret(V),
    Brk,
    Cont,
    /// Flask's `app.run()`: the server takes over.
    Serve,
}

pub type R<X> = Result<X, Ctl>;

/// Frames from the outermost: file, line, function.
pub type Traceback = Rc<Vec<(Rc<str>, usize, Rc<str>)>>;

/// A route a Flask app registered.
#[derive(Clone)]
pub struct Route {
    pub rule: String,
    pub methods: Vec<String>,
    pub func: V,
}

pub const MAX_STEPS: u64 = 3_000_000;
/// Python's recursion limit here (CPython: 1000), within a 1 MiB stack.
pub const MAX_DEPTH: usize = 48;
pub const MAX_OUT: usize = 4 << 20;
pub const MAX_LEN: usize = 1 << 22;

pub struct Py<'a> {
    pub fs: &'a Fs,
    pub env: BTreeMap<String, String>,
    pub cwd: String,
    pub hostname: String,
    pub argv: Vec<String>,
    pub version: String,
    pub stdout: String,
    pub stderr: String,
    pub stdin: String,
    pub stdin_pos: usize,
    /// Files written by `open(…, 'w')`: path → bytes.
    pub written: BTreeMap<String, Vec<u8>>,
    /// Seconds since the epoch (the simulated clock), advanced by `time.sleep`.
    pub now: f64,
    pub rng: u64,
    pub steps: u64,
    pub depth: usize,
    pub frames: Vec<(Rc<str>, usize, Rc<str>)>,
    pub handling: Vec<Ctl>,
    pub modules: BTreeMap<String, V>,
    pub classes: BTreeMap<&'static str, Rc<Class>>,
    pub sources: BTreeMap<Rc<str>, String>,
    pub next_id: usize,
    pub yields: Vec<Vec<V>>,
    /// The interactive prompt echoes expression statements' values.
    pub echo: bool,
    // Flask
    pub routes: Vec<Route>,
    pub listening: Option<(String, u16, bool)>,
    pub request: Option<V>,
    pub app_name: Option<String>,
    /// A FastAPI app registered the routes (answers are JSON, errors `{"detail":…}`).
    pub fastapi: bool,
    /// A framework's dispatch is calling a view: `async def` runs to its return.
    pub awaiting: bool,
    /// Reaches other containers (redis); None where there is no network.
    pub net: Option<&'a mut dyn super::PyNet>,
    /// Modes set by `os.chmod` on files the program wrote.
    pub modes: BTreeMap<String, u32>,
    /// Directories `os.makedirs`/`os.mkdir` made.
    pub dirs: std::collections::BTreeSet<String>,
    /// Django's runserver: what it printed before serving (`true`: stderr)
    /// and the settings module it serves.
    pub django: Option<super::py_django::Serving>,
}

const EXC_TREE: &[(&str, &str)] = &[
    ("BaseException", "object"),
    ("Exception", "BaseException"),
    ("SystemExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("LookupError", "Exception"),
    ("KeyError", "LookupError"),
    ("IndexError", "LookupError"),
    ("ValueError", "Exception"),
    ("UnicodeDecodeError", "ValueError"),
    ("TypeError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("AttributeError", "Exception"),
    ("RuntimeError", "Exception"),
    ("RecursionError", "RuntimeError"),
    ("NotImplementedError", "RuntimeError"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("OSError", "Exception"),
    ("FileNotFoundError", "OSError"),
    ("IsADirectoryError", "OSError"),
    ("PermissionError", "OSError"),
    ("ConnectionError", "OSError"),
    ("ConnectionRefusedError", "ConnectionError"),
    ("TimeoutError", "OSError"),
    ("FileExistsError", "OSError"),
    ("StopIteration", "Exception"),
    ("AssertionError", "Exception"),
    ("MemoryError", "Exception"),
    ("EOFError", "Exception"),
    ("JSONDecodeError", "ValueError"),
];

impl<'a> Py<'a> {
    pub fn new(fs: &'a Fs, env: BTreeMap<String, String>, cwd: &str, hostname: &str) -> Py<'a> {
        let mut classes: BTreeMap<&'static str, Rc<Class>> = BTreeMap::new();
        let object = Rc::new(Class { name: Rc::from("object"), module: Rc::from("builtins"), bases: vec![], attrs: RefCell::default() });
        classes.insert("object", object);
        for (name, base) in EXC_TREE {
            let b = classes[base].clone();
            classes.insert(
                name,
                Rc::new(Class {
                    name: Rc::from(*name),
                    module: Rc::from(if *name == "JSONDecodeError" { "json.decoder" } else { "builtins" }),
                    bases: vec![b],
                    attrs: RefCell::default(),
                }),
            );
        }
        let version = env.get("PYTHON_VERSION").cloned().unwrap_or_else(|| "3.12.8".into());
        Py {
            fs,
            env,
            cwd: cwd.to_string(),
            hostname: hostname.to_string(),
            argv: Vec::new(),
            version,
            stdout: String::new(),
            stderr: String::new(),
            stdin: String::new(),
            stdin_pos: 0,
            written: BTreeMap::new(),
            now: 0.0,
            rng: 0x9e37_79b9_7f4a_7c15,
            steps: 0,
            depth: 0,
            frames: Vec::new(),
            handling: Vec::new(),
            modules: BTreeMap::new(),
            classes,
            sources: BTreeMap::new(),
            next_id: 0,
            yields: Vec::new(),
            echo: false,
            routes: Vec::new(),
            listening: None,
            request: None,
            app_name: None,
            fastapi: false,
            awaiting: false,
            net: None,
            modes: BTreeMap::new(),
            dirs: Default::default(),
            django: None,
        }
    }

    pub fn tick(&mut self) -> R<()> {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            return Err(self.exc("dockersim", &format!("dockersim: the program ran more than {MAX_STEPS} steps (an endless loop?)")));
        }
        if self.stdout.len() + self.stderr.len() > MAX_OUT {
            return Err(self.exc("dockersim", "dockersim: the program wrote more than 4 MiB"));
        }
        Ok(())
    }

    pub fn new_obj(&mut self, cls: Rc<Class>, attrs: Vec<(&str, V)>) -> V {
        self.next_id += 1;
        V::Obj(Rc::new(Obj { cls, attrs: RefCell::new(attrs.into_iter().map(|(k, v)| (Rc::from(k), v)).collect()), id: self.next_id }))
    }

    /// A plain class (modules, files, responses).
    pub fn class(&mut self, name: &str, module: &str) -> Rc<Class> {
        let object = self.classes["object"].clone();
        Rc::new(Class { name: Rc::from(name), module: Rc::from(module), bases: vec![object], attrs: RefCell::default() })
    }

    /// An exception of a built-in class, raised here. `dockersim` is an internal stop.
    pub fn exc(&mut self, kind: &str, msg: &str) -> Ctl {
        let v = self.exc_val(kind, if msg.is_empty() { vec![] } else { vec![V::s(msg)] });
        self.raise(v)
    }

    pub fn exc_val(&mut self, kind: &str, args: Vec<V>) -> V {
        let cls = match self.classes.get(kind) {
            Some(c) => c.clone(),
            None => {
                let base = self.classes["Exception"].clone();
                Rc::new(Class { name: Rc::from(kind), module: Rc::from("builtins"), bases: vec![base], attrs: RefCell::default() })
            }
        };
        self.new_obj(cls, vec![("args", V::tuple(args))])
    }

    pub fn raise(&mut self, v: V) -> Ctl {
        Ctl::Exc(v, Rc::new(self.frames.clone()))
    }

    pub fn type_err(&mut self, msg: String) -> Ctl {
        self.exc("TypeError", &msg)
    }

    // ---------------------------------------------------------- running ----

    /// Runs a module's source in `scope`; the file name is for tracebacks.
    pub fn run_source(&mut self, file: &str, src: &str, scope: &Rc<Scope>) -> R<()> {
        let file: Rc<str> = Rc::from(file);
        self.sources.insert(file.clone(), src.to_string());
        let prog = match super::py::parse(src) {
            Ok(p) => p,
            Err(e) => {
                let v = self.exc_val(e.0, vec![V::s(&e.1)]);
                if let V::Obj(o) = &v {
                    let mut a = o.attrs.borrow_mut();
                    a.insert(Rc::from("filename"), V::Str(file.clone()));
                    a.insert(Rc::from("lineno"), V::Int(e.2 as i64));
                    a.insert(Rc::from("offset"), V::Int(e.3 as i64 + 1));
                }
                return Err(Ctl::Exc(v, Rc::new(self.frames.clone())));
            }
        };
        self.frames.push((file, 0, Rc::from("<module>")));
        let r = self.block(&prog, scope);
        self.frames.pop();
        match r {
            Err(Ctl::Ret(_)) | Ok(()) => Ok(()),
            Err(e) => Err(e),
        }
    }

    pub fn block(&mut self, body: &[St], scope: &Rc<Scope>) -> R<()> {
        for s in body {
            self.stmt(s, scope)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &St, scope: &Rc<Scope>) -> R<()> {
        self.tick()?;
        if let Some(f) = self.frames.last_mut() {
            f.1 = s.line;
        }
        // The common statements here keep this frame small (deep recursion
        // must fit wasm's 1 MiB stack); the rest are in `stmt_other`.
        match &s.k {
            Sk::Return(Some(e)) => {
                let v = self.eval(e, scope)?;
                Err(Ctl::Ret(v))
            }
            Sk::If(arms, els) => {
                for (c, body) in arms {
                    if self.eval(c, scope)?.truthy() {
                        return self.block(body, scope);
                    }
                }
                self.block(els, scope)
            }
            _ => self.stmt_other(s, scope),
        }
    }

    #[inline(never)]
    fn stmt_other(&mut self, s: &St, scope: &Rc<Scope>) -> R<()> {
        match &s.k {
            Sk::Expr(e) => {
                let v = self.eval(e, scope)?;
                if self.echo && self.frames.len() == 1 && !v.is_none() {
                    let r = self.repr(&v)?;
                    self.stdout.push_str(&r);
                    self.stdout.push('\n');
                }
            }
            Sk::Assign(targets, value) => {
                let v = self.eval(value, scope)?;
                for t in targets {
                    self.store(t, v.clone(), scope)?;
                }
            }
            Sk::Aug(t, op, value) => {
                let cur = self.eval(t, scope)?;
                let rhs = self.eval(value, scope)?;
                let nv = match (&cur, *op) {
                    (V::List(l), "+") => {
                        let items = self.iterate(&rhs)?;
                        l.borrow_mut().extend(items);
                        cur.clone()
                    }
                    _ => self.binop(op, &cur, &rhs)?,
                };
                self.store(t, nv, scope)?;
            }
            Sk::Pass => {}
            Sk::Break => return Err(Ctl::Brk),
            Sk::Continue => return Err(Ctl::Cont),
            Sk::Return(e) => {
                let v = match e {
                    Some(e) => self.eval(e, scope)?,
                    None => V::None,
                };
                return Err(Ctl::Ret(v));
            }
            Sk::Yield(e) => {
                let v = self.eval(e, scope)?;
                match self.yields.last_mut() {
                    Some(y) if y.len() < 100_000 => y.push(v),
                    _ => return Err(self.exc("MemoryError", "dockersim: a generator yielded more than 100000 items")),
                }
            }
            Sk::Raise(e, cause) => {
                let Some(e) = e else {
                    return Err(match self.handling.last() {
                        Some(Ctl::Exc(v, tb)) => Ctl::Exc(v.clone(), tb.clone()),
                        _ => self.exc("RuntimeError", "No active exception to reraise"),
                    });
                };
                let v = self.eval(e, scope)?;
                if let Some(c) = cause {
                    self.eval(c, scope)?;
                }
                let v = match &v {
                    V::Class(c) if c.is_named("BaseException") => self.call(&v, vec![], vec![])?,
                    V::Obj(o) if o.cls.is_named("BaseException") => v,
                    _ => return Err(self.type_err("exceptions must derive from BaseException".into())),
                };
                return Err(self.raise(v));
            }
            Sk::Global(names) => scope.globals.borrow_mut().extend(names.iter().cloned()),
            Sk::Nonlocal(names) => scope.nonlocals.borrow_mut().extend(names.iter().cloned()),
            Sk::Del(targets) => {
                for t in targets {
                    self.delete(t, scope)?;
                }
            }
            Sk::Assert(c, m) => {
                if !self.eval(c, scope)?.truthy() {
                    let args = match m {
                        Some(m) => vec![self.eval(m, scope)?],
                        None => vec![],
                    };
                    let v = self.exc_val("AssertionError", args);
                    return Err(self.raise(v));
                }
            }
            Sk::Import(mods) => {
                for (name, alias) in mods {
                    let m = self.import(name)?;
                    match alias {
                        Some(a) => scope.set(a, m),
                        None => {
                            let top = name.split('.').next().unwrap_or(name);
                            let v = self.import(top)?;
                            scope.set(&Rc::from(top), v);
                        }
                    }
                }
            }
            Sk::From(module, names) => {
                let module = &self.absolute_module(module, scope)?;
                let m = self.import(module)?;
                for (n, alias) in names {
                    if &**n == "*" {
                        if let V::Obj(o) = &m {
                            for (k, v) in o.attrs.borrow().iter() {
                                if !k.starts_with('_') {
                                    scope.set(k, v.clone());
                                }
                            }
                        }
                        continue;
                    }
                    let v = match self.getattr(&m, n) {
                        Ok(v) => v,
                        Err(_) => match self.import(&if module.is_empty() { n.to_string() } else { format!("{module}.{n}") }) {
                            Ok(v) => v,
                            Err(_) => {
                                let path = self.module_file(&m);
                                let msg = format!("cannot import name '{n}' from '{module}'{path}");
                                return Err(self.exc("ImportError", &msg));
                            }
                        },
                    };
                    scope.set(alias.as_ref().unwrap_or(n), v);
                }
            }
            Sk::If(arms, els) => {
                for (c, body) in arms {
                    if self.eval(c, scope)?.truthy() {
                        return self.block(body, scope);
                    }
                }
                return self.block(els, scope);
            }
            Sk::While(c, body, els) => loop {
                self.tick()?;
                if !self.eval(c, scope)?.truthy() {
                    return self.block(els, scope);
                }
                match self.block(body, scope) {
                    Err(Ctl::Brk) => break,
                    Err(Ctl::Cont) | Ok(()) => {}
                    Err(e) => return Err(e),
                }
            },
            Sk::For(t, it, body, els) => {
                let iv = self.eval(it, scope)?;
                let mut i = 0usize;
                let items = if let V::Range(..) = iv { None } else { Some(self.iterate(&iv)?) };
                loop {
                    self.tick()?;
                    let item = match (&items, &iv) {
                        (Some(items), _) => items.get(i).cloned(),
                        (None, V::Range(a, b, st)) => {
                            let x = a.saturating_add(st.saturating_mul(i as i64));
                            ((*st > 0 && x < *b) || (*st < 0 && x > *b)).then_some(V::Int(x))
                        }
                        _ => None,
                    };
                    let Some(item) = item else {
                        return self.block(els, scope);
                    };
                    i += 1;
                    self.store(t, item, scope)?;
                    match self.block(body, scope) {
                        Err(Ctl::Brk) => break,
                        Err(Ctl::Cont) | Ok(()) => {}
                        Err(e) => return Err(e),
                    }
                }
            }
            Sk::Try(body, handlers, els, fin) => {
                let r = self.block(body, scope);
                let r = match r {
                    Err(Ctl::Exc(v, tb)) => {
                        let mut handled = None;
                        for h in handlers {
                            let ok = match &h.typ {
                                None => true,
                                Some(t) => {
                                    let tv = self.eval(t, scope)?;
                                    self.exc_matches(&v, &tv)
                                }
                            };
                            if ok {
                                if let Some(n) = &h.name {
                                    scope.set(n, v.clone());
                                }
                                self.handling.push(Ctl::Exc(v.clone(), tb.clone()));
                                let r = self.block(&h.body, scope);
                                self.handling.pop();
                                if let Some(n) = &h.name {
                                    scope.del(n);
                                }
                                handled = Some(r);
                                break;
                            }
                        }
                        handled.unwrap_or(Err(Ctl::Exc(v, tb)))
                    }
                    Ok(()) => self.block(els, scope),
                    other => other,
                };
                if !fin.is_empty() {
                    self.block(fin, scope)?;
                }
                return r;
            }
            Sk::With(items, body) => {
                let mut exits = Vec::new();
                for (e, t) in items {
                    let ctx = self.eval(e, scope)?;
                    let entered = match self.getattr(&ctx, "__enter__") {
                        Ok(f) => self.call(&f, vec![], vec![])?,
                        Err(_) => ctx.clone(),
                    };
                    if let Some(t) = t {
                        self.store(t, entered, scope)?;
                    }
                    exits.push(ctx);
                }
                let r = self.block(body, scope);
                for ctx in exits.iter().rev() {
                    if let Ok(f) = self.getattr(ctx, "__exit__") {
                        self.call(&f, vec![V::None, V::None, V::None], vec![])?;
                    }
                }
                return r;
            }
            Sk::Def(def, decs) => {
                let f = self.make_fn(def, scope)?;
                let mut v = f;
                for d in decs.iter().rev() {
                    let dv = self.eval(d, scope)?;
                    v = self.call(&dv, vec![v], vec![])?;
                }
                scope.set(&def.name, v);
            }
            Sk::Class(name, bases, body, decs) => {
                let mut bs = Vec::new();
                for b in bases {
                    match self.eval(b, scope)? {
                        V::Class(c) => bs.push(c),
                        V::Bi(n, _) if &*n == "object" => bs.push(self.classes["object"].clone()),
                        other => {
                            let t = other.type_name();
                            return Err(self.type_err(format!("dockersim: subclassing '{t}' is not simulated")));
                        }
                    }
                }
                if bs.is_empty() {
                    bs.push(self.classes["object"].clone());
                }
                let cscope = Scope::new(Some(scope.clone()), true);
                self.block(body, &cscope)?;
                let module = match scope.root().vars.borrow().get("__name__") {
                    Some(V::Str(s)) => s.clone(),
                    _ => Rc::from("__main__"),
                };
                let cls = Rc::new(Class { name: name.clone(), module, bases: bs, attrs: RefCell::new(cscope.vars.borrow().clone()) });
                for v in cls.attrs.borrow().values() {
                    let f = match v {
                        V::Func(f) => Some(f.clone()),
                        V::Bi(_, inner) => match &**inner {
                            V::Func(f) => Some(f.clone()),
                            _ => None,
                        },
                        _ => None,
                    };
                    if let Some(f) = f {
                        *f.owner.borrow_mut() = Some(cls.clone());
                    }
                }
                let mut v = V::Class(cls);
                for d in decs.iter().rev() {
                    let dv = self.eval(d, scope)?;
                    v = self.call(&dv, vec![v], vec![])?;
                }
                scope.set(name, v);
            }
        }
        Ok(())
    }

    fn module_file(&self, m: &V) -> String {
        match m {
            V::Obj(o) => match o.attrs.borrow().get("__file__") {
                Some(V::Str(f)) => format!(" ({f})"),
                _ => " (unknown location)".into(),
            },
            _ => String::new(),
        }
    }

    pub fn exc_matches(&mut self, v: &V, t: &V) -> bool {
        match t {
            V::Tuple(ts) => ts.iter().any(|t| self.exc_matches(v, t)),
            V::Class(c) => matches!(v, V::Obj(o) if o.cls.is_sub(c)),
            _ => false,
        }
    }

    fn make_fn(&mut self, def: &Rc<FnDef>, scope: &Rc<Scope>) -> R<V> {
        let mut defaults = Vec::new();
        for p in &def.params {
            defaults.push(match &p.default {
                Some(e) => Some(self.eval(e, scope)?),
                None => None,
            });
        }
        let file = self.frames.last().map(|f| f.0.clone()).unwrap_or_else(|| Rc::from("<string>"));
        let qual = def.name.to_string();
        Ok(V::Func(Rc::new(Func { def: def.clone(), defaults, closure: scope.clone(), owner: RefCell::new(None), file, qual })))
    }

    fn store(&mut self, t: &Ex, v: V, scope: &Rc<Scope>) -> R<()> {
        match t {
            Ex::Name(n) => {
                scope.set(n, v);
                Ok(())
            }
            Ex::Attr(o, name) => {
                let ov = self.eval(o, scope)?;
                self.setattr(&ov, name, v)
            }
            Ex::Index(o, i) => {
                let ov = self.eval(o, scope)?;
                let iv = self.eval(i, scope)?;
                self.setitem(&ov, iv, v)
            }
            Ex::Tuple(items) | Ex::List(items) => {
                let vals = self.iterate(&v)?;
                let star = items.iter().position(|i| matches!(i, Ex::Star(_)));
                match star {
                    None => {
                        if vals.len() != items.len() {
                            let msg = if vals.len() > items.len() {
                                format!("too many values to unpack (expected {})", items.len())
                            } else {
                                format!("not enough values to unpack (expected {}, got {})", items.len(), vals.len())
                            };
                            return Err(self.exc("ValueError", &msg));
                        }
                        for (t, v) in items.iter().zip(vals) {
                            self.store(t, v, scope)?;
                        }
                    }
                    Some(si) => {
                        let after = items.len() - si - 1;
                        if vals.len() < items.len() - 1 {
                            let msg = format!("not enough values to unpack (expected at least {}, got {})", items.len() - 1, vals.len());
                            return Err(self.exc("ValueError", &msg));
                        }
                        for (t, v) in items[..si].iter().zip(vals.iter()) {
                            self.store(t, v.clone(), scope)?;
                        }
                        let mid = vals[si..vals.len() - after].to_vec();
                        if let Ex::Star(inner) = &items[si] {
                            self.store(inner, V::list(mid), scope)?;
                        }
                        for (t, v) in items[si + 1..].iter().zip(vals[vals.len() - after..].iter()) {
                            self.store(t, v.clone(), scope)?;
                        }
                    }
                }
                Ok(())
            }
            _ => Err(self.exc("SyntaxError", "cannot assign to expression")),
        }
    }

    fn delete(&mut self, t: &Ex, scope: &Rc<Scope>) -> R<()> {
        match t {
            Ex::Name(n) => {
                if !scope.del(n) {
                    return Err(self.exc("NameError", &format!("name '{n}' is not defined")));
                }
                Ok(())
            }
            Ex::Index(o, i) => {
                let ov = self.eval(o, scope)?;
                let iv = self.eval(i, scope)?;
                match &ov {
                    V::Dict(d) => {
                        let pos = self.dict_find(d, &iv)?;
                        match pos {
                            Some(p) => {
                                d.borrow_mut().remove(p);
                                Ok(())
                            }
                            None => {
                                let k = self.exc_val("KeyError", vec![iv]);
                                Err(self.raise(k))
                            }
                        }
                    }
                    V::List(l) => {
                        let n = l.borrow().len();
                        let i = self.index_of(&iv, n, "list")?;
                        l.borrow_mut().remove(i);
                        Ok(())
                    }
                    _ => Err(self.type_err(format!("'{}' object doesn't support item deletion", ov.type_name()))),
                }
            }
            Ex::Attr(o, n) => {
                let ov = self.eval(o, scope)?;
                if let V::Obj(o) = ov {
                    o.attrs.borrow_mut().remove(&**n);
                }
                Ok(())
            }
            Ex::Tuple(items) => items.iter().try_for_each(|i| self.delete(i, scope)),
            _ => Ok(()),
        }
    }

    pub fn setattr(&mut self, o: &V, name: &str, v: V) -> R<()> {
        match o {
            V::Obj(ob) => {
                ob.attrs.borrow_mut().insert(Rc::from(name), v);
                Ok(())
            }
            V::Class(c) => {
                c.attrs.borrow_mut().insert(Rc::from(name), v);
                Ok(())
            }
            V::Func(_) => Ok(()),
            _ => Err(self.exc("AttributeError", &format!("'{}' object has no attribute '{name}'", o.type_name()))),
        }
    }

    pub fn setitem(&mut self, o: &V, k: V, v: V) -> R<()> {
        match o {
            V::Dict(d) => {
                let pos = self.dict_find(d, &k)?;
                let mut d = d.borrow_mut();
                match pos {
                    Some(p) => d[p].1 = v,
                    None if d.len() < MAX_LEN => d.push((k, v)),
                    None => {}
                }
                Ok(())
            }
            V::List(l) => {
                if let V::Tuple(_) = k {
                    return Err(self.type_err("list indices must be integers or slices, not tuple".into()));
                }
                let n = l.borrow().len();
                let i = self.index_of(&k, n, "list assignment")?;
                l.borrow_mut()[i] = v;
                Ok(())
            }
            V::Obj(_) => {
                let f = self.getattr(o, "__setitem__")?;
                self.call(&f, vec![k, v], vec![]).map(|_| ())
            }
            _ => Err(self.type_err(format!("'{}' object does not support item assignment", o.type_name()))),
        }
    }

    pub fn index_of(&mut self, k: &V, n: usize, what: &str) -> R<usize> {
        let Some(i) = k.as_int() else {
            let t = k.type_name();
            let w = what.split(' ').next().unwrap_or(what);
            return Err(self.type_err(format!("{w} indices must be integers or slices, not {t}")));
        };
        let j = if i < 0 { i + n as i64 } else { i };
        if j < 0 || j >= n as i64 {
            return Err(self.exc("IndexError", &format!("{what} index out of range")));
        }
        Ok(j as usize)
    }

    pub fn dict_find(&mut self, d: &Rc<RefCell<Vec<(V, V)>>>, k: &V) -> R<Option<usize>> {
        if let V::List(_) | V::Dict(_) | V::Set(_) = k {
            return Err(self.type_err(format!("unhashable type: '{}'", k.type_name())));
        }
        let items = d.borrow();
        Ok(items.iter().position(|(x, _)| eq(x, k)))
    }

    // -------------------------------------------------------- expressions ----

    pub fn eval(&mut self, e: &Ex, scope: &Rc<Scope>) -> R<V> {
        // Hot, small cases inline; the rest in `eval_other` (frame size).
        match e {
            Ex::Name(n) => match scope.get(n) {
                Some(v) => Ok(v),
                None => self.eval_other(e, scope),
            },
            Ex::Int(n) => Ok(V::Int(*n)),
            Ex::Bin(op, a, b) => {
                let x = self.eval(a, scope)?;
                let y = self.eval(b, scope)?;
                self.binop(op, &x, &y)
            }
            Ex::IfExp(c, a, b) => {
                let cv = self.eval(c, scope)?;
                if self.truth(&cv)? {
                    self.eval(a, scope)
                } else {
                    self.eval(b, scope)
                }
            }
            Ex::Call(f, args) if args.iter().all(|a| matches!(a, Arg::Pos(_))) && !matches!(&**f, Ex::Name(n) if &**n == "super") => {
                let fv = self.eval(f, scope)?;
                let pos = self.eval_pos(args, scope)?;
                self.call(&fv, pos, Vec::new())
            }
            _ => self.eval_other(e, scope),
        }
    }

    #[inline(never)]
    fn eval_pos(&mut self, args: &[Arg], scope: &Rc<Scope>) -> R<Vec<V>> {
        let mut pos = Vec::with_capacity(args.len());
        for a in args {
            if let Arg::Pos(e) = a {
                pos.push(self.eval(e, scope)?);
            }
        }
        Ok(pos)
    }

    #[inline(never)]
    fn eval_other(&mut self, e: &Ex, scope: &Rc<Scope>) -> R<V> {
        Ok(match e {
            Ex::Name(n) => match scope.get(n) {
                Some(v) => v,
                None => match super::py_lib::builtin(self, n) {
                    Some(v) => v,
                    None => return Err(self.exc("NameError", &format!("name '{n}' is not defined"))),
                },
            },
            Ex::Int(n) => V::Int(*n),
            Ex::Float(f) => V::Float(*f),
            Ex::Str(s) => V::Str(s.clone()),
            Ex::Bytes(b) => V::Bytes(b.clone()),
            Ex::None => V::None,
            Ex::Bool(b) => V::Bool(*b),
            Ex::Ellipsis => V::s("Ellipsis"),
            Ex::FStr(parts) => V::s(&self.fstr(parts, scope)?),
            Ex::List(items) => V::list(self.eval_items(items, scope)?),
            Ex::Tuple(items) => V::tuple(self.eval_items(items, scope)?),
            Ex::Set(items) => {
                let vals = self.eval_items(items, scope)?;
                self.make_set(vals)?
            }
            Ex::Dict(items) => {
                let d = V::dict(Vec::new());
                for (k, v) in items {
                    match k {
                        Some(k) => {
                            let kv = self.eval(k, scope)?;
                            let vv = self.eval(v, scope)?;
                            self.setitem(&d, kv, vv)?;
                        }
                        None => {
                            let src = self.eval(v, scope)?;
                            for (k, v) in self.dict_items(&src)? {
                                self.setitem(&d, k, v)?;
                            }
                        }
                    }
                }
                d
            }
            Ex::Star(_) => return Err(self.exc("SyntaxError", "can't use starred expression here")),
            Ex::Attr(o, name) => {
                let ov = self.eval(o, scope)?;
                self.getattr(&ov, name)?
            }
            Ex::Index(o, i) => {
                let ov = self.eval(o, scope)?;
                if let Ex::Slice(a, b, c) = &**i {
                    let ev = |x: &Option<Box<Ex>>, me: &mut Self| -> R<Option<i64>> {
                        match x {
                            None => Ok(None),
                            Some(e) => match me.eval(e, scope)? {
                                V::None => Ok(None),
                                v => match v.as_int() {
                                    Some(n) => Ok(Some(n)),
                                    None => Err(me.type_err("slice indices must be integers or None or have an __index__ method".into())),
                                },
                            },
                        }
                    };
                    let (a, b, c) = (ev(a, self)?, ev(b, self)?, ev(c, self)?);
                    return self.slice(&ov, a, b, c);
                }
                let iv = self.eval(i, scope)?;
                self.getitem(&ov, &iv)?
            }
            Ex::Slice(..) => return Err(self.exc("SyntaxError", "invalid syntax")),
            Ex::Call(f, args) if args.is_empty() && matches!(&**f, Ex::Name(n) if &**n == "super") && scope.get("super").is_none() => {
                match (scope.get("__class__"), scope.get("__self__")) {
                    (Some(V::Class(c)), Some(this)) => V::Super(c, Rc::new(this)),
                    _ => return Err(self.exc("RuntimeError", "super(): no arguments")),
                }
            }
            Ex::Call(f, args) => {
                let fv = self.eval(f, scope)?;
                let mut pos = Vec::new();
                let mut kw: Vec<(Rc<str>, V)> = Vec::new();
                for a in args {
                    match a {
                        Arg::Pos(e) => pos.push(self.eval(e, scope)?),
                        Arg::Star(e) => {
                            let v = self.eval(e, scope)?;
                            pos.extend(self.iterate(&v)?);
                        }
                        Arg::Kw(n, e) => kw.push((n.clone(), self.eval(e, scope)?)),
                        Arg::DStar(e) => {
                            let v = self.eval(e, scope)?;
                            for (k, v) in self.dict_items(&v)? {
                                kw.push((Rc::from(k.str_ref().unwrap_or("")), v));
                            }
                        }
                    }
                }
                self.call(&fv, pos, kw)?
            }
            Ex::Bin(op, a, b) => {
                let x = self.eval(a, scope)?;
                let y = self.eval(b, scope)?;
                self.binop(op, &x, &y)?
            }
            Ex::Unary(op, a) => {
                let x = self.eval(a, scope)?;
                match (*op, &x) {
                    ("not", _) => V::Bool(!self.truth(&x)?),
                    ("-", V::Int(n)) => V::Int(n.checked_neg().ok_or_else(|| self.overflow())?),
                    ("-", V::Bool(b)) => V::Int(-(*b as i64)),
                    ("-", V::Float(f)) => V::Float(-f),
                    ("+", V::Int(_) | V::Float(_)) => x,
                    ("+", V::Bool(b)) => V::Int(*b as i64),
                    ("~", V::Int(n)) => V::Int(!n),
                    ("~", V::Bool(b)) => V::Int(!(*b as i64)),
                    _ => return Err(self.type_err(format!("bad operand type for unary {op}: '{}'", x.type_name()))),
                }
            }
            Ex::And(a, b) => {
                let x = self.eval(a, scope)?;
                if !self.truth(&x)? {
                    x
                } else {
                    self.eval(b, scope)?
                }
            }
            Ex::Or(a, b) => {
                let x = self.eval(a, scope)?;
                if self.truth(&x)? {
                    x
                } else {
                    self.eval(b, scope)?
                }
            }
            Ex::Cmp(first, rest) => {
                let mut left = self.eval(first, scope)?;
                for (op, e) in rest {
                    let right = self.eval(e, scope)?;
                    if !self.compare(op, &left, &right)? {
                        return Ok(V::Bool(false));
                    }
                    left = right;
                }
                V::Bool(true)
            }
            Ex::IfExp(c, a, b) => {
                let cv = self.eval(c, scope)?;
                if self.truth(&cv)? {
                    self.eval(a, scope)?
                } else {
                    self.eval(b, scope)?
                }
            }
            Ex::Lambda(def) => self.make_fn(def, scope)?,
            Ex::Walrus(n, e) => {
                let v = self.eval(e, scope)?;
                scope.set(n, v.clone());
                v
            }
            Ex::Comp(kind, elt, val, gens) => {
                let inner = Scope::new(Some(scope.clone()), false);
                let mut out = Vec::new();
                // A comprehension is a nested function call in CPython: it counts.
                if self.depth >= MAX_DEPTH {
                    return Err(self.exc("RecursionError", "maximum recursion depth exceeded"));
                }
                self.depth += 1;
                let r = self.comp(gens, 0, elt, val.as_deref(), &inner, &mut out);
                self.depth -= 1;
                r?;
                match kind {
                    '[' => V::list(out),
                    '{' => self.make_set(out)?,
                    'd' => {
                        let d = V::dict(Vec::new());
                        for pair in out {
                            if let V::Tuple(t) = pair {
                                self.setitem(&d, t[0].clone(), t[1].clone())?;
                            }
                        }
                        d
                    }
                    _ => V::iter(out, "generator"),
                }
            }
        })
    }

    fn comp(&mut self, gens: &[CompFor], i: usize, elt: &Ex, val: Option<&Ex>, scope: &Rc<Scope>, out: &mut Vec<V>) -> R<()> {
        let Some(g) = gens.get(i) else {
            let e = self.eval(elt, scope)?;
            out.push(match val {
                Some(v) => V::tuple(vec![e, self.eval(v, scope)?]),
                None => e,
            });
            if out.len() > MAX_LEN {
                return Err(self.exc("MemoryError", ""));
            }
            return Ok(());
        };
        let it = self.eval(&g.iter, scope)?;
        for item in self.iterate(&it)? {
            self.tick()?;
            self.store(&g.target, item, scope)?;
            let mut ok = true;
            for c in &g.conds {
                if !self.eval(c, scope)?.truthy() {
                    ok = false;
                    break;
                }
            }
            if ok {
                self.comp(gens, i + 1, elt, val, scope, out)?;
            }
        }
        Ok(())
    }

    fn eval_items(&mut self, items: &[Ex], scope: &Rc<Scope>) -> R<Vec<V>> {
        let mut out = Vec::new();
        for e in items {
            if let Ex::Star(inner) = e {
                let v = self.eval(inner, scope)?;
                out.extend(self.iterate(&v)?);
            } else {
                out.push(self.eval(e, scope)?);
            }
        }
        Ok(out)
    }

    pub fn make_set(&mut self, vals: Vec<V>) -> R<V> {
        let mut out: Vec<V> = Vec::new();
        for v in vals {
            if let V::List(_) | V::Dict(_) | V::Set(_) = v {
                return Err(self.type_err(format!("unhashable type: '{}'", v.type_name())));
            }
            if !out.iter().any(|x| eq(x, &v)) {
                out.push(v);
            }
        }
        Ok(V::Set(Rc::new(RefCell::new(out))))
    }

    fn fstr(&mut self, parts: &[FPart], scope: &Rc<Scope>) -> R<String> {
        let mut s = String::new();
        for p in parts {
            match p {
                FPart::Lit(l) => s.push_str(l),
                FPart::Ex(e, conv, spec, debug) => {
                    let v = self.eval(e, scope)?;
                    let spec = self.fstr(spec, scope)?;
                    if let Some(d) = debug {
                        s.push_str(d);
                    }
                    let v = match conv {
                        'r' | 'a' => V::s(&self.repr(&v)?),
                        's' => V::s(&self.str(&v)?),
                        _ => v,
                    };
                    s.push_str(&self.format_value(&v, &spec)?);
                }
            }
        }
        Ok(s)
    }

    pub fn truth(&mut self, v: &V) -> R<bool> {
        if let V::Obj(o) = v {
            if let Some((f, _)) = o.cls.lookup("__bool__").or_else(|| o.cls.lookup("__len__")) {
                let r = self.call(&f, vec![v.clone()], vec![])?;
                return Ok(r.truthy());
            }
        }
        Ok(v.truthy())
    }

    pub fn overflow(&mut self) -> Ctl {
        self.exc("OverflowError", "dockersim: integers beyond 64 bits are not simulated")
    }

    // -------------------------------------------------------------- calls ----

    pub fn call(&mut self, f: &V, args: Vec<V>, kw: Vec<(Rc<str>, V)>) -> R<V> {
        self.tick()?;
        match f {
            V::Func(func) => self.call_func(func, args, kw),
            _ => self.call_other(f, args, kw),
        }
    }

    #[inline(never)]
    fn call_other(&mut self, f: &V, args: Vec<V>, kw: Vec<(Rc<str>, V)>) -> R<V> {
        match f {
            V::Func(func) => self.call_func(func, args, kw),
            V::Method(this, func) => {
                let mut a = vec![(**this).clone()];
                a.extend(args);
                self.call(func, a, kw)
            }
            V::Bi(name, this) => {
                let (name, this) = (name.clone(), this.clone());
                super::py_lib::call(self, &name, &this, args, kw)
            }
            V::Class(c) => self.instantiate(c, args, kw),
            V::Obj(o) => match o.cls.lookup("__call__") {
                Some((m, _)) => {
                    let mut a = vec![f.clone()];
                    a.extend(args);
                    self.call(&m, a, kw)
                }
                None => Err(self.type_err(format!("'{}' object is not callable", o.cls.name))),
            },
            _ => Err(self.type_err(format!("'{}' object is not callable", f.type_name()))),
        }
    }

    fn instantiate(&mut self, c: &Rc<Class>, args: Vec<V>, kw: Vec<(Rc<str>, V)>) -> R<V> {
        let is_exc = c.is_named("BaseException");
        let obj = self.new_obj(c.clone(), if is_exc { vec![("args", V::tuple(args.clone()))] } else { vec![] });
        if let Some((init, _)) = c.lookup("__init__") {
            let mut a = vec![obj.clone()];
            a.extend(args);
            self.call(&init, a, kw)?;
        } else if !is_exc && (!args.is_empty() || !kw.is_empty()) {
            return Err(self.type_err(format!("{}() takes no arguments", c.name)));
        }
        Ok(obj)
    }

    pub fn call_func(&mut self, func: &Rc<Func>, args: Vec<V>, kw: Vec<(Rc<str>, V)>) -> R<V> {
        if self.depth >= MAX_DEPTH {
            return Err(self.exc("RecursionError", "maximum recursion depth exceeded"));
        }
        let def = &func.def;
        let scope = Scope::new(Some(func.closure.clone()), false);
        let name = &def.name;
        let mut args = args.into_iter();
        let mut given = 0usize;
        let positional = def.params.iter().filter(|p| p.kind == 0).count();
        let mut kwargs: Option<V> = None;
        let mut filled: Vec<bool> = vec![false; def.params.len()];
        for (i, p) in def.params.iter().enumerate() {
            match p.kind {
                0 => {
                    if let Some(a) = args.next() {
                        scope.vars.borrow_mut().insert(p.name.clone(), a);
                        filled[i] = true;
                        given += 1;
                    }
                }
                1 => {
                    let rest: Vec<V> = args.by_ref().collect();
                    scope.vars.borrow_mut().insert(p.name.clone(), V::tuple(rest));
                    filled[i] = true;
                }
                2 => {
                    kwargs = Some(V::dict(Vec::new()));
                    filled[i] = true;
                }
                _ => {}
            }
        }
        let extra = args.count();
        if extra > 0 {
            let total = given + extra;
            let takes = if positional == 1 { "1 positional argument".to_string() } else { format!("{positional} positional arguments") };
            let were = if total == 1 { "was" } else { "were" };
            return Err(self.type_err(format!("{}() takes {takes} but {total} {were} given", func.qual)));
        }
        for (k, v) in kw {
            match def.params.iter().position(|p| p.name == k && (p.kind == 0 || p.kind == 3)) {
                Some(i) => {
                    if filled[i] {
                        return Err(self.type_err(format!("{}() got multiple values for argument '{k}'", func.qual)));
                    }
                    scope.vars.borrow_mut().insert(k, v);
                    filled[i] = true;
                }
                None => match &kwargs {
                    Some(d) => self.setitem(d, V::Str(k), v)?,
                    None => return Err(self.type_err(format!("{}() got an unexpected keyword argument '{k}'", func.qual))),
                },
            }
        }
        let mut missing = Vec::new();
        for (i, p) in def.params.iter().enumerate() {
            if !filled[i] {
                match &func.defaults[i] {
                    Some(d) => {
                        scope.vars.borrow_mut().insert(p.name.clone(), d.clone());
                    }
                    None => missing.push(format!("'{}'", p.name)),
                }
            }
            if p.kind == 2 {
                scope.vars.borrow_mut().insert(p.name.clone(), kwargs.clone().unwrap_or(V::None));
            }
        }
        if !missing.is_empty() {
            let n = missing.len();
            let list = match n {
                1 => missing[0].clone(),
                2 => format!("{} and {}", missing[0], missing[1]),
                _ => format!("{}, and {}", missing[..n - 1].join(", "), missing[n - 1]),
            };
            let s = if n == 1 { "" } else { "s" };
            return Err(self.type_err(format!("{}() missing {n} required positional argument{s}: {list}", func.qual)));
        }
        if let Some(owner) = func.owner.borrow().clone() {
            scope.vars.borrow_mut().insert(Rc::from("__class__"), V::Class(owner));
            if let Some(first) = def.params.first().and_then(|p| scope.vars.borrow().get(&p.name).cloned()) {
                scope.vars.borrow_mut().insert(Rc::from("__self__"), first);
            }
        }
        if def.is_async && !std::mem::take(&mut self.awaiting) {
            return Err(
                self.exc("RuntimeError", "dockersim: calling an async function (a coroutine) outside a web framework is not simulated")
            );
        }
        self.depth += 1;
        self.frames.push((func.file.clone(), 0, name.clone()));
        if def.generator {
            self.yields.push(Vec::new());
        }
        let r = self.block(&def.body, &scope);
        self.frames.pop();
        self.depth -= 1;
        if def.generator {
            let items = self.yields.pop().unwrap_or_default();
            return match r {
                Ok(()) | Err(Ctl::Ret(_)) => Ok(V::iter(items, "generator")),
                Err(e) => Err(e),
            };
        }
        match r {
            Ok(()) => Ok(V::None),
            Err(Ctl::Ret(v)) => Ok(v),
            Err(e) => Err(e),
        }
    }

    /// A `from` import's module made absolute: `.views` in package `polls`
    /// is `polls.views`; `..` climbs a package.
    fn absolute_module(&mut self, module: &str, scope: &Rc<Scope>) -> R<String> {
        let dots = module.len() - module.trim_start_matches('.').len();
        if dots == 0 {
            return Ok(module.to_string());
        }
        let name = scope.get("__name__").and_then(|v| v.str_ref().map(str::to_string)).unwrap_or_default();
        let file = scope.get("__file__").and_then(|v| v.str_ref().map(str::to_string)).unwrap_or_default();
        let mut package: Vec<&str> = if name == "__main__" || name.is_empty() { Vec::new() } else { name.split('.').collect() };
        if !file.ends_with("/__init__.py") {
            package.pop();
        }
        if dots > package.len() {
            return Err(self.exc("ImportError", "attempted relative import with no known parent package"));
        }
        package.truncate(package.len() + 1 - dots);
        let rest = &module[dots..];
        Ok(if rest.is_empty() { package.join(".") } else { format!("{}.{rest}", package.join(".")) })
    }

    // ---------------------------------------------------------- attributes ----

    pub fn getattr(&mut self, o: &V, name: &str) -> R<V> {
        match o {
            V::Obj(ob) => {
                if let Some(v) = ob.attrs.borrow().get(name) {
                    return Ok(v.clone());
                }
                if let Some((v, _)) = ob.cls.lookup(name) {
                    return Ok(self.bind(v, o));
                }
                if let Some(v) = super::py_lib::obj_attr(self, ob, o, name) {
                    return Ok(v);
                }
                if let Some((hook, _)) = ob.cls.lookup("__getattr__") {
                    return self.call(&hook, vec![o.clone(), V::s(name)], vec![]);
                }
                let msg = if &*ob.cls.name == "module" {
                    let n = ob.attrs.borrow().get("__name__").and_then(|v| v.str_ref().map(str::to_string)).unwrap_or_default();
                    format!("module '{n}' has no attribute '{name}'")
                } else {
                    format!("'{}' object has no attribute '{name}'", ob.cls.name)
                };
                Err(self.exc("AttributeError", &msg))
            }
            V::Class(c) => match c.lookup(name) {
                Some((V::Bi(k, f), _)) if &*k == "staticmethod" => Ok((*f).clone()),
                Some((V::Bi(k, f), _)) if &*k == "classmethod" => Ok(V::Method(Rc::new(o.clone()), f)),
                Some((v, _)) => Ok(v),
                None if name == "__name__" => Ok(V::Str(c.name.clone())),
                None => Err(self.exc("AttributeError", &format!("type object '{}' has no attribute '{name}'", c.name))),
            },
            V::Super(cls, this) => {
                let mro = match &**this {
                    V::Obj(ob) => ob.cls.mro(),
                    V::Class(c) => c.mro(),
                    _ => Vec::new(),
                };
                let start = mro.iter().position(|c| Rc::ptr_eq(c, cls)).map_or(0, |i| i + 1);
                for c in &mro[start.min(mro.len())..] {
                    if let Some(v) = c.attrs.borrow().get(name).cloned() {
                        return Ok(self.bind(v, this));
                    }
                }
                if name == "__init__" {
                    let exc = matches!(&**this, V::Obj(o) if o.cls.is_named("BaseException"));
                    return Ok(V::bi(if exc { "object.exc_init" } else { "object.__init__" }, (**this).clone()));
                }
                Err(self.exc("AttributeError", &format!("'super' object has no attribute '{name}'")))
            }
            V::Func(f) if name == "__name__" => Ok(V::Str(f.def.name.clone())),
            V::Bi(n, _) if name == "__name__" => Ok(V::s(n.rsplit('.').next().unwrap_or(n))),
            _ => match super::py_lib::method(o, name) {
                Some(v) => Ok(v),
                None => Err(self.exc("AttributeError", &format!("'{}' object has no attribute '{name}'", o.type_name()))),
            },
        }
    }

    fn bind(&mut self, v: V, this: &V) -> V {
        match v {
            V::Func(_) => V::Method(Rc::new(this.clone()), Rc::new(v)),
            V::Bi(ref k, ref f) if &**k == "staticmethod" => (**f).clone(),
            V::Bi(ref k, ref f) if &**k == "classmethod" => {
                let cls = match this {
                    V::Obj(o) => V::Class(o.cls.clone()),
                    other => other.clone(),
                };
                V::Method(Rc::new(cls), f.clone())
            }
            V::Bi(ref k, ref f) if &**k == "property" => {
                let f = (**f).clone();
                self.call(&f, vec![this.clone()], vec![]).unwrap_or(V::None)
            }
            other => other,
        }
    }

    // ------------------------------------------------------------ helpers ----

    /// The items of an iterable.
    pub fn iterate(&mut self, v: &V) -> R<Vec<V>> {
        Ok(match v {
            V::List(l) | V::Set(l) => l.borrow().clone(),
            V::Tuple(t) => t.to_vec(),
            V::Str(s) => s.chars().map(|c| V::s(&c.to_string())).collect(),
            V::Bytes(b) => b.iter().map(|&x| V::Int(x as i64)).collect(),
            V::Dict(d) => d.borrow().iter().map(|(k, _)| k.clone()).collect(),
            V::Range(a, b, s) => {
                let n = range_len(*a, *b, *s);
                if n > MAX_LEN as i64 {
                    return Err(self.exc("MemoryError", "dockersim: the range is too long to materialise"));
                }
                (0..n).map(|i| V::Int(a + i * s)).collect()
            }
            V::Iter(it) if it.borrow().2.starts_with("dict_") => it.borrow().0.clone(),
            V::Iter(it) => {
                let mut it = it.borrow_mut();
                let pos = it.1;
                it.1 = it.0.len();
                it.0[pos..].to_vec()
            }
            V::Obj(o) if o.cls.lookup("__iter__").is_some() => {
                let f = self.getattr(v, "__iter__")?;
                let it = self.call(&f, vec![], vec![])?;
                if let V::Obj(_) = it {
                    let next = self.getattr(&it, "__next__")?;
                    let mut out = Vec::new();
                    loop {
                        self.tick()?;
                        match self.call(&next, vec![], vec![]) {
                            Ok(x) => out.push(x),
                            Err(Ctl::Exc(e, _)) if matches!(&e, V::Obj(o) if &*o.cls.name == "StopIteration") => break,
                            Err(e) => return Err(e),
                        }
                    }
                    return Ok(out);
                }
                return self.iterate(&it);
            }
            V::Obj(o) if super::py_lib::is_file(o) => super::py_lib::file_lines(self, o),
            _ => return Err(self.type_err(format!("'{}' object is not iterable", v.type_name()))),
        })
    }

    pub fn dict_items(&mut self, v: &V) -> R<Vec<(V, V)>> {
        match v {
            V::Dict(d) => Ok(d.borrow().clone()),
            _ => Err(self.type_err(format!("'{}' object is not a mapping", v.type_name()))),
        }
    }

    pub fn getitem(&mut self, o: &V, k: &V) -> R<V> {
        match o {
            V::List(l) => {
                let n = l.borrow().len();
                let i = self.index_of(k, n, "list")?;
                Ok(l.borrow()[i].clone())
            }
            V::Tuple(t) => {
                let i = self.index_of(k, t.len(), "tuple")?;
                Ok(t[i].clone())
            }
            V::Str(s) => {
                let chars: Vec<char> = s.chars().collect();
                let i = self.index_of(k, chars.len(), "string")?;
                Ok(V::s(&chars[i].to_string()))
            }
            V::Bytes(b) => {
                let i = self.index_of(k, b.len(), "index")?;
                Ok(V::Int(b[i] as i64))
            }
            V::Range(a, b, s) => {
                let n = range_len(*a, *b, *s);
                let i = self.index_of(k, n as usize, "range object")?;
                Ok(V::Int(a + i as i64 * s))
            }
            V::Dict(d) => {
                let pos = self.dict_find(d, k)?;
                match pos {
                    Some(p) => Ok(d.borrow()[p].1.clone()),
                    None => {
                        let e = self.exc_val("KeyError", vec![k.clone()]);
                        Err(self.raise(e))
                    }
                }
            }
            V::Obj(ob) if ob.cls.lookup("__getitem__").is_some() => {
                let f = self.getattr(o, "__getitem__")?;
                self.call(&f, vec![k.clone()], vec![])
            }
            V::Obj(ob) if ob.attrs.borrow().contains_key("__environ") => {
                let d = ob.attrs.borrow().get("__environ").cloned().unwrap_or(V::None);
                self.getitem(&d, k)
            }
            V::Bi(..) | V::Class(_) => Ok(o.clone()),
            _ => Err(self.type_err(format!("'{}' object is not subscriptable", o.type_name()))),
        }
    }

    fn slice(&mut self, o: &V, a: Option<i64>, b: Option<i64>, c: Option<i64>) -> R<V> {
        let step = c.unwrap_or(1);
        if step == 0 {
            return Err(self.exc("ValueError", "slice step cannot be zero"));
        }
        let idx = |n: usize| -> Vec<usize> {
            let n = n as i64;
            let norm = |x: i64, lo: i64, hi: i64| if x < 0 { (x + n).max(lo) } else { x.min(hi) };
            let mut out = Vec::new();
            if step > 0 {
                let (mut i, end) = (a.map_or(0, |x| norm(x, 0, n)), b.map_or(n, |x| norm(x, 0, n)));
                while i < end {
                    out.push(i as usize);
                    i += step;
                }
            } else {
                let (mut i, end) = (a.map_or(n - 1, |x| norm(x, -1, n - 1)), b.map_or(-1, |x| norm(x, -1, n - 1)));
                while i > end {
                    out.push(i as usize);
                    i += step;
                }
            }
            out
        };
        Ok(match o {
            V::List(l) => {
                let l = l.borrow();
                V::list(idx(l.len()).into_iter().map(|i| l[i].clone()).collect())
            }
            V::Tuple(t) => V::tuple(idx(t.len()).into_iter().map(|i| t[i].clone()).collect()),
            V::Str(s) => {
                let chars: Vec<char> = s.chars().collect();
                V::s(&idx(chars.len()).into_iter().map(|i| chars[i]).collect::<String>())
            }
            V::Bytes(b) => V::Bytes(idx(b.len()).into_iter().map(|i| b[i]).collect::<Vec<u8>>().into()),
            V::Range(..) => {
                let items = self.iterate(o)?;
                V::list(idx(items.len()).into_iter().map(|i| items[i].clone()).collect())
            }
            _ => return Err(self.type_err(format!("'{}' object is not subscriptable", o.type_name()))),
        })
    }

    pub fn compare(&mut self, op: &str, a: &V, b: &V) -> R<bool> {
        Ok(match op {
            "==" => self.equals(a, b)?,
            "!=" => !self.equals(a, b)?,
            "is" => identical(a, b),
            "is not" => !identical(a, b),
            "in" => self.contains(b, a)?,
            "not in" => !self.contains(b, a)?,
            _ => {
                if let V::Obj(o) = a {
                    let m = match op {
                        "<" => "__lt__",
                        ">" => "__gt__",
                        "<=" => "__le__",
                        _ => "__ge__",
                    };
                    if o.cls.lookup(m).is_some() {
                        let f = self.getattr(a, m)?;
                        return Ok(self.call(&f, vec![b.clone()], vec![])?.truthy());
                    }
                }
                let Some(ord) = cmp(a, b) else {
                    return Err(self.type_err(format!(
                        "'{op}' not supported between instances of '{}' and '{}'",
                        a.type_name(),
                        b.type_name()
                    )));
                };
                match op {
                    "<" => ord.is_lt(),
                    ">" => ord.is_gt(),
                    "<=" => ord.is_le(),
                    _ => ord.is_ge(),
                }
            }
        })
    }

    pub fn equals(&mut self, a: &V, b: &V) -> R<bool> {
        if let V::Obj(o) = a {
            if o.cls.lookup("__eq__").is_some() {
                let f = self.getattr(a, "__eq__")?;
                return Ok(self.call(&f, vec![b.clone()], vec![])?.truthy());
            }
        }
        Ok(eq(a, b))
    }

    pub fn contains(&mut self, container: &V, x: &V) -> R<bool> {
        Ok(match container {
            V::Str(s) => match x {
                V::Str(sub) => s.contains(&**sub),
                _ => return Err(self.type_err(format!("'in <string>' requires string as left operand, not {}", x.type_name()))),
            },
            V::Dict(d) => {
                let d = d.clone();
                self.dict_find(&d, x)?.is_some()
            }
            V::Range(a, b, s) => match x.as_int() {
                Some(n) => {
                    let r = range_len(*a, *b, *s);
                    (0..r.min(10_000_000)).any(|i| a + i * s == n)
                }
                None => false,
            },
            V::Obj(o) if o.attrs.borrow().contains_key("__environ") => {
                let d = o.attrs.borrow().get("__environ").cloned().unwrap_or(V::None);
                return self.contains(&d, x);
            }
            V::Obj(o) if o.cls.lookup("__contains__").is_some() => {
                let f = self.getattr(container, "__contains__")?;
                self.call(&f, vec![x.clone()], vec![])?.truthy()
            }
            other => self.iterate(other)?.iter().any(|v| eq(v, x)),
        })
    }
}

pub fn identical(a: &V, b: &V) -> bool {
    match (a, b) {
        (V::None, V::None) => true,
        (V::Bool(x), V::Bool(y)) => x == y,
        (V::Int(x), V::Int(y)) => x == y && (-5..=256).contains(x),
        (V::Str(x), V::Str(y)) => Rc::ptr_eq(x, y) || (x == y && x.len() <= 1),
        (V::List(x), V::List(y)) | (V::Set(x), V::Set(y)) => Rc::ptr_eq(x, y),
        (V::Dict(x), V::Dict(y)) => Rc::ptr_eq(x, y),
        (V::Obj(x), V::Obj(y)) => Rc::ptr_eq(x, y),
        (V::Class(x), V::Class(y)) => Rc::ptr_eq(x, y),
        (V::Func(x), V::Func(y)) => Rc::ptr_eq(x, y),
        (V::Bi(x, _), V::Bi(y, _)) => x == y && TYPES.contains(&&**x),
        (V::Tuple(x), V::Tuple(y)) => Rc::ptr_eq(x, y) || (x.is_empty() && y.is_empty()),
        _ => false,
    }
}

/// Structural equality (`==` without `__eq__`).
pub fn eq(a: &V, b: &V) -> bool {
    match (a, b) {
        (V::None, V::None) => true,
        (V::Str(x), V::Str(y)) => x == y,
        (V::Bytes(x), V::Bytes(y)) => x == y,
        (V::List(x), V::List(y)) => Rc::ptr_eq(x, y) || seq_eq(&x.borrow(), &y.borrow()),
        (V::Tuple(x), V::Tuple(y)) => seq_eq(x, y),
        (V::Set(x), V::Set(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            x.len() == y.len() && x.iter().all(|v| y.iter().any(|w| eq(v, w)))
        }
        (V::Dict(x), V::Dict(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            x.len() == y.len() && x.iter().all(|(k, v)| y.iter().any(|(k2, v2)| eq(k, k2) && eq(v, v2)))
        }
        (V::Range(a, b, c), V::Range(d, e, f)) => (a, b, c) == (d, e, f),
        _ => match (a.as_f(), b.as_f()) {
            (Some(x), Some(y)) => match (a.as_int(), b.as_int()) {
                (Some(i), Some(j)) => i == j,
                _ => x == y,
            },
            _ => identical(a, b),
        },
    }
}

fn seq_eq(x: &[V], y: &[V]) -> bool {
    x.len() == y.len() && x.iter().zip(y).all(|(a, b)| eq(a, b))
}

/// Ordering for `<` and `sorted` (None when Python raises TypeError).
pub fn cmp(a: &V, b: &V) -> Option<std::cmp::Ordering> {
    match (a, b) {
        (V::Str(x), V::Str(y)) => Some(x.cmp(y)),
        (V::Bytes(x), V::Bytes(y)) => Some(x.cmp(y)),
        (V::List(x), V::List(y)) => seq_cmp(&x.borrow(), &y.borrow()),
        (V::Tuple(x), V::Tuple(y)) => seq_cmp(x, y),
        (V::Set(x), V::Set(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            let sub = x.iter().all(|v| y.iter().any(|w| eq(v, w)));
            let sup = y.iter().all(|v| x.iter().any(|w| eq(v, w)));
            Some(match (sub, sup) {
                (true, true) => std::cmp::Ordering::Equal,
                (true, false) => std::cmp::Ordering::Less,
                _ => std::cmp::Ordering::Greater,
            })
        }
        _ => match (a.as_int(), b.as_int()) {
            (Some(x), Some(y)) => Some(x.cmp(&y)),
            _ => match (a.as_f(), b.as_f()) {
                (Some(x), Some(y)) => x.partial_cmp(&y).or(Some(std::cmp::Ordering::Equal)),
                _ => None,
            },
        },
    }
}

fn seq_cmp(x: &[V], y: &[V]) -> Option<std::cmp::Ordering> {
    for (a, b) in x.iter().zip(y) {
        if !eq(a, b) {
            return cmp(a, b);
        }
    }
    Some(x.len().cmp(&y.len()))
}
