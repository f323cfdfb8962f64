//! The Python modules the evaluator models: os, os.path, sys, json, time,
//! datetime, random, math, socket, platform, string, typing, flask and the
//! redis client; `import` of local files; `open()` over the container's
//! files. Anything else fails with Python's error and a `dockersim:` line.

use super::py_eval::{Ctl, Obj, Py, Scope, R, V};
use std::rc::Rc;

const MODELLED: &[&str] = &[
    "os",
    "os.path",
    "sys",
    "json",
    "time",
    "datetime",
    "random",
    "math",
    "socket",
    "platform",
    "string",
    "typing",
    "flask",
    "fastapi",
    "redis",
    "redis.exceptions",
];

/// Standard-library modules that exist in a real Python but are not modelled.
const STDLIB: &[&str] = &[
    "collections",
    "itertools",
    "functools",
    "subprocess",
    "threading",
    "logging",
    "argparse",
    "pathlib",
    "dataclasses",
    "uuid",
    "hashlib",
    "base64",
    "urllib",
    "http",
    "csv",
    "sqlite3",
    "shutil",
    "tempfile",
    "glob",
    "textwrap",
    "copy",
    "pprint",
    "statistics",
    "decimal",
    "fractions",
    "enum",
    "abc",
    "asyncio",
    "signal",
    "traceback",
    "io",
    "struct",
    "queue",
    "unittest",
    "contextlib",
    "operator",
    "heapq",
    "bisect",
    "secrets",
    "getpass",
    "zlib",
    "gzip",
    "zipfile",
    "tarfile",
    "email",
    "smtplib",
    "html",
    "xml",
    "socketserver",
    "wsgiref",
    "configparser",
    "inspect",
    "types",
    "warnings",
    "weakref",
    "atexit",
    "select",
    "ssl",
    "locale",
    "codecs",
    "calendar",
    "zoneinfo",
    "shlex",
    "fnmatch",
    "difflib",
    "array",
    "numbers",
    "timeit",
    "cmath",
    "multiprocessing",
    "concurrent",
    "pickle",
    "venv",
    "ctypes",
    "mimetypes",
    "platform",
    "ipaddress",
    "builtins",
    "gc",
    "tomllib",
    "test",
    "site",
    "code",
    "ast",
    "token",
    "keyword",
    "errno",
    "binascii",
];

impl Py<'_> {
    fn module(&mut self, name: &str, attrs: Vec<(&str, V)>) -> V {
        let cls = self.class("module", "builtins");
        let mut all = vec![("__name__", V::s(name))];
        all.extend(attrs);
        self.new_obj(cls, all)
    }

    fn fns(&mut self, module: &str, names: &[&str], extra: Vec<(&str, V)>) -> V {
        let m = self.module(module, extra);
        if let V::Obj(o) = &m {
            for n in names {
                o.attrs.borrow_mut().insert(Rc::from(*n), V::bi(&format!("{module}.{n}"), V::None));
            }
        }
        m
    }

    /// `import name`: a modelled module, a local file, or Python's error.
    pub fn import(&mut self, name: &str) -> R<V> {
        if let Some(m) = self.modules.get(name) {
            return Ok(m.clone());
        }
        let m = match name {
            "os" => {
                let env = V::dict(self.env.iter().map(|(k, v)| (V::s(k), V::s(v))).collect());
                let path = self.import("os.path")?;
                self.fns(
                    "os",
                    &[
                        "getenv",
                        "getcwd",
                        "listdir",
                        "getpid",
                        "system",
                        "makedirs",
                        "mkdir",
                        "remove",
                        "cpu_count",
                        "walk",
                        "urandom",
                        "chdir",
                        "unlink",
                        "chmod",
                        "fspath",
                    ],
                    vec![("environ", env), ("path", path), ("sep", V::s("/")), ("name", V::s("posix")), ("linesep", V::s("\n"))],
                )
            }
            "os.path" => self.fns(
                "posixpath",
                &[
                    "join",
                    "exists",
                    "isfile",
                    "isdir",
                    "basename",
                    "dirname",
                    "abspath",
                    "splitext",
                    "split",
                    "getsize",
                    "expanduser",
                    "realpath",
                ],
                vec![("sep", V::s("/"))],
            ),
            "sys" => {
                let argv = V::list(self.argv.iter().map(|a| V::s(a)).collect());
                let out_cls = self.class("stdout", "sys");
                let stdout = self.new_obj(out_cls, vec![]);
                let err_cls = self.class("stderr", "sys");
                let stderr = self.new_obj(err_cls, vec![]);
                // Standard input as a read-only text file (`for line in sys.stdin`, `sys.stdin.read()`).
                let in_cls = self.class("TextIOWrapper", "_io");
                let rest = self.stdin[self.stdin_pos.min(self.stdin.len())..].to_string();
                let stdin = self.new_obj(
                    in_cls,
                    vec![
                        ("name", V::s("<stdin>")),
                        ("mode", V::s("r")),
                        ("__data", V::s(&rest)),
                        ("__pos", V::Int(0)),
                        ("closed", V::Bool(false)),
                        ("__full", V::s("")),
                    ],
                );
                let parts: Vec<i64> = self.version.split('.').map(|p| p.parse().unwrap_or(0)).collect();
                let vi = V::tuple(vec![
                    V::Int(parts[0]),
                    V::Int(*parts.get(1).unwrap_or(&0)),
                    V::Int(*parts.get(2).unwrap_or(&0)),
                    V::s("final"),
                    V::Int(0),
                ]);
                let version = V::s(&format!("{} (main, Dec  3 2024, 02:45:03) [GCC 12.2.0]", self.version));
                let minor = format!("python{}.{}", parts[0], parts.get(1).unwrap_or(&0));
                let path = V::list(vec![
                    V::s(&self.cwd),
                    V::s(&format!("/usr/local/lib/{minor}")),
                    V::s(&format!("/usr/local/lib/{minor}/site-packages")),
                ]);
                self.fns(
                    "sys",
                    &["exit", "getsizeof", "getrecursionlimit"],
                    vec![
                        ("argv", argv),
                        ("stdin", stdin),
                        ("stdout", stdout),
                        ("stderr", stderr),
                        ("version", version),
                        ("version_info", vi),
                        ("platform", V::s("linux")),
                        ("path", path),
                        ("executable", V::s("/usr/local/bin/python3")),
                        ("maxsize", V::Int(i64::MAX)),
                        ("byteorder", V::s("little")),
                    ],
                )
            }
            "json" => {
                let err = V::Class(self.classes["JSONDecodeError"].clone());
                self.fns("json", &["dumps", "loads", "dump", "load"], vec![("JSONDecodeError", err)])
            }
            "time" => self.fns("time", &["time", "sleep", "monotonic", "perf_counter", "strftime", "time_ns", "ctime"], vec![]),
            "datetime" => {
                let dt = V::bi("datetime.datetime", V::None);
                let date = V::bi("datetime.date", V::None);
                self.module("datetime", vec![("datetime", dt), ("date", date)])
            }
            "random" => {
                self.fns("random", &["seed", "random", "randint", "choice", "shuffle", "uniform", "randrange", "sample", "choices"], vec![])
            }
            "math" => self.fns(
                "math",
                &[
                    "sqrt",
                    "floor",
                    "ceil",
                    "pow",
                    "log",
                    "log2",
                    "log10",
                    "exp",
                    "sin",
                    "cos",
                    "tan",
                    "atan",
                    "atan2",
                    "fabs",
                    "gcd",
                    "factorial",
                    "isclose",
                    "trunc",
                    "hypot",
                    "radians",
                    "degrees",
                    "isnan",
                    "isinf",
                    "prod",
                    "fsum",
                    "comb",
                ],
                vec![
                    ("pi", V::Float(std::f64::consts::PI)),
                    ("e", V::Float(std::f64::consts::E)),
                    ("tau", V::Float(std::f64::consts::TAU)),
                    ("inf", V::Float(f64::INFINITY)),
                    ("nan", V::Float(f64::NAN)),
                ],
            ),
            "socket" => self.fns("socket", &["gethostname", "gethostbyname", "getfqdn"], vec![]),
            "platform" => self.fns("platform", &["system", "python_version", "machine", "node", "release", "platform", "uname"], vec![]),
            "string" => self.module(
                "string",
                vec![
                    ("ascii_letters", V::s("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")),
                    ("ascii_lowercase", V::s("abcdefghijklmnopqrstuvwxyz")),
                    ("ascii_uppercase", V::s("ABCDEFGHIJKLMNOPQRSTUVWXYZ")),
                    ("digits", V::s("0123456789")),
                    ("hexdigits", V::s("0123456789abcdefABCDEF")),
                    ("punctuation", V::s("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")),
                    ("whitespace", V::s(" \t\n\r\x0b\x0c")),
                ],
            ),
            "typing" => {
                let names = [
                    "List",
                    "Dict",
                    "Optional",
                    "Any",
                    "Tuple",
                    "Union",
                    "Set",
                    "Callable",
                    "Iterable",
                    "Iterator",
                    "Sequence",
                    "Mapping",
                    "Type",
                    "NamedTuple",
                    "TypedDict",
                ];
                let attrs: Vec<(&str, V)> = names.iter().map(|n| (*n, V::bi("typing.any", V::None))).collect();
                self.module("typing", attrs)
            }
            "flask" | "fastapi" | "redis" | "redis.exceptions" if !self.installed(name.split('.').next().unwrap_or(name)) => {
                return Err(self.not_found(name))
            }
            "flask" => {
                let req_cls = self.class("Request", "werkzeug");
                let req =
                    self.request.clone().unwrap_or_else(|| self.new_obj(req_cls, vec![("method", V::s("GET")), ("args", V::dict(vec![]))]));
                self.request = Some(req.clone());
                self.fns(
                    "flask",
                    &["Flask", "jsonify", "render_template", "render_template_string", "abort", "make_response", "redirect", "url_for"],
                    vec![("request", req)],
                )
            }
            "fastapi" => self.fns("fastapi", &["FastAPI"], vec![]),
            "redis.exceptions" => {
                let mut attrs = Vec::new();
                let base = self.classes["Exception"].clone();
                let root = Rc::new(super::py_eval::Class {
                    name: Rc::from("RedisError"),
                    module: Rc::from("redis.exceptions"),
                    bases: vec![base],
                    attrs: Default::default(),
                });
                attrs.push(("RedisError", V::Class(root.clone())));
                for n in ["ConnectionError", "TimeoutError", "ResponseError", "DataError", "AuthenticationError"] {
                    let c = Rc::new(super::py_eval::Class {
                        name: Rc::from(n),
                        module: Rc::from("redis.exceptions"),
                        bases: vec![root.clone()],
                        attrs: Default::default(),
                    });
                    attrs.push((n, V::Class(c)));
                }
                self.module("redis.exceptions", attrs)
            }
            "redis" => {
                let ex = self.import("redis.exceptions")?;
                let mut attrs = vec![
                    ("exceptions", ex.clone()),
                    ("Redis", V::bi("redis.Redis", V::None)),
                    ("StrictRedis", V::bi("redis.Redis", V::None)),
                ];
                for n in ["RedisError", "ConnectionError", "TimeoutError", "ResponseError"] {
                    let c = self.getattr(&ex, n)?;
                    attrs.push((n, c));
                }
                self.module("redis", attrs)
            }
            "_dockersim" => self.fns("_dockersim", super::py_django::HOOKS, vec![]),
            _ => match super::py_django::source(name) {
                Some((src, package)) if package.is_none_or(|p| self.installed(p)) && self.local_module(name).is_none() => {
                    return self.import_site(name, src)
                }
                _ => return self.import_file(name),
            },
        };
        self.modules.insert(name.to_string(), m.clone());
        Ok(m)
    }

    /// Imports a module of the simulator's own site (`py_django`): its
    /// parent package first, and the module becomes the parent's attribute.
    fn import_site(&mut self, name: &str, src: &str) -> R<V> {
        let parent = match name.rsplit_once('.') {
            Some((p, _)) => Some(self.import(p)?),
            None => None,
        };
        if let Some(m) = self.modules.get(name) {
            return Ok(m.clone());
        }
        let file = if super::py_django::is_package(name) {
            format!("{}/{}/__init__.py", self.site_packages(), name.replace('.', "/"))
        } else {
            format!("{}/{}.py", self.site_packages(), name.replace('.', "/"))
        };
        self.run_module(name, &file, src, parent)
    }

    /// Runs a module's source as `name` from `file`: registered first (so
    /// imports back into it see it), made its parent package's attribute,
    /// its names copied onto the module; forgotten again if it fails.
    fn run_module(&mut self, name: &str, file: &str, src: &str, parent: Option<V>) -> R<V> {
        let scope = Scope::new(None, false);
        scope.set(&Rc::from("__name__"), V::s(name));
        scope.set(&Rc::from("__file__"), V::s(file));
        let m = self.module(name, vec![("__file__", V::s(file))]);
        self.modules.insert(name.to_string(), m.clone());
        if let (Some(V::Obj(p)), Some((_, last))) = (&parent, name.rsplit_once('.')) {
            p.attrs.borrow_mut().insert(Rc::from(last), m.clone());
        }
        let r = self.run_source(file, src, &scope);
        if let V::Obj(o) = &m {
            let mut a = o.attrs.borrow_mut();
            for (k, v) in scope.vars.borrow().iter() {
                a.insert(k.clone(), v.clone());
            }
        }
        if let Err(e) = r {
            self.modules.remove(name);
            return Err(e);
        }
        Ok(m)
    }

    /// The file a local module (`polls.views`) is imported from: the main
    /// program's directory, then the working directory.
    pub fn local_module(&self, name: &str) -> Option<String> {
        let rel = name.replace('.', "/");
        let main_dir = self.frames.first().map(|f| f.0.to_string()).and_then(|f| f.rsplit_once('/').map(|(d, _)| d.to_string()));
        let mut dirs: Vec<String> = main_dir.into_iter().filter(|d| !d.is_empty()).collect();
        dirs.push(self.cwd.clone());
        for d in dirs {
            for cand in [format!("{d}/{rel}.py"), format!("{d}/{rel}/__init__.py")] {
                let cand = cand.replace("//", "/");
                if self.fs.read(&cand).is_ok() {
                    return Some(cand);
                }
            }
        }
        None
    }

    /// Whether `path` is a directory: in the files, made by the program, or
    /// holding a file it wrote.
    pub fn path_is_dir(&self, path: &str) -> bool {
        let prefix = format!("{}/", path.trim_end_matches('/'));
        self.fs.get(path).is_ok_and(|n| n.is_dir())
            || self.dirs.contains(path)
            || self.written.keys().any(|k| k.starts_with(&prefix))
            || self.dirs.iter().any(|k| k.starts_with(&prefix))
    }

    /// Whether `import name` would find a module: loaded, the standard
    /// library's, installed, the simulator's site, or next to the main program.
    pub fn importable(&self, name: &str) -> bool {
        let top = name.split('.').next().unwrap_or(name);
        let main_dir = self.frames.first().and_then(|f| f.0.rsplit_once('/').map(|(d, _)| d.to_string()));
        let local = main_dir.is_some_and(|d| {
            let rel = name.replace('.', "/");
            self.fs.exists(&format!("{d}/{rel}.py")) || self.fs.exists(&format!("{d}/{rel}/__init__.py"))
        });
        self.modules.contains_key(name)
            || local
            || STDLIB.contains(&name)
            || MODELLED.contains(&name)
            || super::py_django::source(name).is_some_and(|(_, pkg)| pkg.is_none_or(|p| self.installed(p)))
            || (top == name && self.installed(name))
    }

    /// Where an installed package's directory is (`django` →
    /// `/usr/local/lib/python3.12/site-packages/django`).
    pub fn package_dir_of(&self, name: &str) -> Option<String> {
        self.package_dirs().into_iter().map(|d| format!("{d}/{name}")).find(|d| self.fs.exists(d))
    }

    fn site_packages(&self) -> String {
        let minor: Vec<&str> = self.version.split('.').take(2).collect();
        format!("/usr/local/lib/python{}/site-packages", minor.join("."))
    }

    /// Whether package `name` is installed where this Python looks: the
    /// image's site-packages, a virtual environment on PATH or VIRTUAL_ENV,
    /// `pip install --user`'s and the distribution's directories.
    fn installed(&self, name: &str) -> bool {
        let dirs = self.package_dirs();
        dirs.iter().any(|d| self.fs.exists(&format!("{d}/{name}")) || self.fs.exists(&format!("{d}/{name}.py")))
    }

    /// The directories packages are installed in, as this Python searches them.
    fn package_dirs(&self) -> Vec<String> {
        let sp = self.site_packages();
        let minor = sp.trim_start_matches("/usr/local/lib/").trim_end_matches("/site-packages").to_string();
        let mut dirs = vec![
            sp,
            "/usr/lib/python3/dist-packages".to_string(),
            format!("/usr/lib/{minor}/site-packages"),
            format!("/root/.local/lib/{minor}/site-packages"),
            // Debian's and Ubuntu's Python: pip installs into dist-packages.
            format!("/usr/local/lib/{minor}/dist-packages"),
            format!("/usr/lib/{minor}/dist-packages"),
        ];
        let venvs = self.env.get("VIRTUAL_ENV").cloned().into_iter().chain(
            self.env
                .get("PATH")
                .map(|p| p.split(':').filter_map(|d| d.strip_suffix("/bin").map(str::to_string)).collect::<Vec<_>>())
                .unwrap_or_default(),
        );
        for v in venvs {
            dirs.push(format!("{v}/lib/{minor}/site-packages"));
        }
        dirs
    }

    fn not_found(&mut self, name: &str) -> Ctl {
        self.exc("ModuleNotFoundError", &format!("No module named '{name}'"))
    }

    fn import_file(&mut self, name: &str) -> R<V> {
        if let Some(cand) = self.local_module(name) {
            let src = self.fs.read(&cand).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
            // A package's module is its attribute (`import polls.views`, `from polls import views`).
            let parent = match name.rsplit_once('.') {
                Some((p, _)) if self.local_module(p).is_some() => Some(self.import(p)?),
                _ => None,
            };
            if let Some(m) = self.modules.get(name) {
                return Ok(m.clone());
            }
            return self.run_module(name, &cand, &src, parent);
        }
        let top = name.split('.').next().unwrap_or(name);
        if STDLIB.contains(&top) || self.installed(top) || MODELLED.contains(&top) {
            let what = if STDLIB.contains(&top) { "the standard library module" } else { "the installed package" };
            self.stderr.push_str(&format!("dockersim: {what} '{name}' is not simulated\n"));
            return Err(self.exc("ModuleNotFoundError", &format!("No module named '{name}'")));
        }
        Err(self.not_found(name))
    }
}

fn arg(args: &[V], i: usize) -> V {
    args.get(i).cloned().unwrap_or(V::None)
}

fn kwarg(kw: &[(Rc<str>, V)], name: &str) -> Option<V> {
    kw.iter().find(|(k, _)| &**k == name).map(|(_, v)| v.clone())
}

fn path_join(parts: &[String]) -> String {
    let mut out = String::new();
    for p in parts {
        if p.starts_with('/') || out.is_empty() {
            out = p.clone();
        } else if out.ends_with('/') {
            out.push_str(p);
        } else {
            out.push('/');
            out.push_str(p);
        }
    }
    out
}

/// `open(path, mode)`.
pub fn open(py: &mut Py, args: Vec<V>, kw: Vec<(Rc<str>, V)>) -> R<V> {
    let path = match arg(&args, 0) {
        V::Str(s) => s.to_string(),
        V::Obj(o) if o.cls.lookup("__fspath__").is_some() => {
            let p = call(py, "os.fspath", &V::None, vec![V::Obj(o)], vec![])?;
            py.str(&p)?
        }
        other => return Err(py.type_err(format!("expected str, bytes or os.PathLike object, not {}", other.type_name()))),
    };
    let mode = match args.get(1).cloned().or_else(|| kwarg(&kw, "mode")) {
        Some(V::Str(m)) => m.to_string(),
        _ => "r".into(),
    };
    let full = crate::vfs::join(&py.cwd, &path);
    let data = if mode.contains('r') || mode.contains('a') {
        match py.written.get(&full).cloned().or_else(|| py.fs.read(&full).ok()) {
            Some(b) => String::from_utf8_lossy(&b).into_owned(),
            None if mode.contains('a') => String::new(),
            None => {
                let msg = if py.fs.get(&full).is_ok_and(|n| n.is_dir()) {
                    format!("[Errno 21] Is a directory: {}", super::py_lib::str_repr(&path))
                } else {
                    format!("[Errno 2] No such file or directory: {}", super::py_lib::str_repr(&path))
                };
                let kind = if msg.contains("21") { "IsADirectoryError" } else { "FileNotFoundError" };
                return Err(py.exc(kind, &msg));
            }
        }
    } else {
        String::new()
    };
    if mode.contains('w') {
        py.written.insert(full.clone(), Vec::new());
    } else if mode.contains('a') {
        py.written.insert(full.clone(), data.clone().into_bytes());
    }
    let cls = py.class("TextIOWrapper", "_io");
    Ok(py.new_obj(
        cls,
        vec![
            ("name", V::s(&path)),
            ("mode", V::s(&mode)),
            ("__data", V::s(&data)),
            ("__pos", V::Int(0)),
            ("closed", V::Bool(false)),
            ("__full", V::s(&full)),
        ],
    ))
}

/// Attributes of the objects the modules make.
pub fn obj_attr(py: &mut Py, ob: &Rc<Obj>, o: &V, name: &str) -> Option<V> {
    let cls = ob.cls.name.to_string();
    let m = |n: &str| Some(V::bi(&format!("{cls}.{n}"), o.clone()));
    match (cls.as_str(), name) {
        ("stdout" | "stderr", "write" | "flush" | "writelines") => m(name),
        ("Flask", "route" | "get" | "post" | "put" | "delete" | "patch" | "run" | "errorhandler" | "before_request" | "after_request") => {
            m(name)
        }
        ("FastAPI", "get" | "post" | "put" | "delete" | "patch") => m(name),
        ("Request", "get_json") => m(name),
        ("Request", "json") => {
            let _ = py;
            Some(ob.attrs.borrow().get("__json").cloned().unwrap_or(V::None))
        }
        ("Redis", _) => REDIS_CMDS.contains(&name).then(|| V::bi(&format!("Redis.{name}"), o.clone())),
        ("datetime" | "date", "isoformat" | "strftime" | "timestamp" | "date") => m(name),
        _ => None,
    }
}

pub fn special_repr(py: &mut Py, o: &Obj) -> Option<String> {
    let get = |k: &str| o.attrs.borrow().get(k).cloned().unwrap_or(V::None);
    match &*o.cls.name {
        "module" => {
            let n = get("__name__").str_ref().unwrap_or("").to_string();
            Some(match get("__file__") {
                V::Str(f) => format!("<module '{n}' from '{f}'>"),
                _ => format!("<module '{n}' (built-in)>"),
            })
        }
        "datetime" | "date" => Some(dt_str(py, o)),
        "TextIOWrapper" => Some(format!(
            "<_io.TextIOWrapper name='{}' mode='{}' encoding='UTF-8'>",
            get("name").str_ref().unwrap_or(""),
            get("mode").str_ref().unwrap_or("")
        )),
        "Flask" => Some(format!("<Flask '{}'>", get("import_name").str_ref().unwrap_or(""))),
        "Response" => {
            let body = get("data");
            let n = match &body {
                V::Str(s) => s.len(),
                _ => 0,
            };
            let st = get("status_code").as_int().unwrap_or(200);
            Some(format!("<Response {n} bytes [{st} {}]>", super::js_lib::reason(st as u16).to_uppercase()))
        }
        "Redis" => Some(format!(
            "Redis<ConnectionPool<Connection<host={},port={},db=0>>>",
            get("host").str_ref().unwrap_or("localhost"),
            get("port").as_int().unwrap_or(6379)
        )),
        _ => None,
    }
}

fn civil(secs: i64) -> (i64, i64, i64, i64, i64, i64) {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d, rem / 3600, rem % 3600 / 60, rem % 60)
}

fn strftime(fmt: &str, secs: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(secs);
    const MON: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const DAY: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    let wd = DAY[secs.div_euclid(86_400).rem_euclid(7) as usize];
    let mut out = String::new();
    let mut c = fmt.chars();
    while let Some(ch) = c.next() {
        if ch != '%' {
            out.push(ch);
            continue;
        }
        match c.next() {
            Some('Y') => out.push_str(&format!("{y:04}")),
            Some('m') => out.push_str(&format!("{mo:02}")),
            Some('d') => out.push_str(&format!("{d:02}")),
            Some('H') => out.push_str(&format!("{h:02}")),
            Some('M') => out.push_str(&format!("{mi:02}")),
            Some('S') => out.push_str(&format!("{s:02}")),
            Some('y') => out.push_str(&format!("{:02}", y % 100)),
            Some('b') => out.push_str(MON[(mo - 1) as usize]),
            Some('a') => out.push_str(wd),
            Some('f') => out.push_str("000000"),
            Some('%') => out.push('%'),
            Some(x) => {
                out.push('%');
                out.push(x)
            }
            None => out.push('%'),
        }
    }
    out
}

fn dt_str(_py: &mut Py, o: &Obj) -> String {
    let secs = o.attrs.borrow().get("__secs").and_then(V::as_int).unwrap_or(0);
    if &*o.cls.name == "date" {
        strftime("%Y-%m-%d", secs)
    } else {
        strftime("%Y-%m-%d %H:%M:%S", secs)
    }
}

const REDIS_CMDS: &[&str] = &[
    "get", "set", "incr", "decr", "incrby", "decrby", "delete", "exists", "expire", "ttl", "keys", "lpush", "rpush", "lrange", "llen",
    "lpop", "rpop", "hset", "hget", "hgetall", "hdel", "ping", "flushall", "flushdb", "sadd", "smembers", "setex", "mget", "append",
    "dbsize",
];

/// Calls a module's function.
pub fn call(py: &mut Py, name: &str, this: &V, args: Vec<V>, kw: Vec<(Rc<str>, V)>) -> R<V> {
    let a0 = arg(&args, 0);
    let s0 = |py: &mut Py| -> R<String> { py.str(&arg(&args, 0)) };
    Ok(match name {
        "os.getenv" => {
            let k = s0(py)?;
            match py.env.get(&k) {
                Some(v) => V::s(v),
                None => args.get(1).cloned().or_else(|| kwarg(&kw, "default")).unwrap_or(V::None),
            }
        }
        "os.getcwd" => V::s(&py.cwd),
        "os.chmod" => {
            let path = s0(py)?;
            let path = if path.starts_with('/') { path } else { format!("{}/{path}", py.cwd.trim_end_matches('/')) };
            py.modes.insert(path, arg(&args, 1).as_int().unwrap_or(0o644).clamp(0, 0o7777) as u32);
            V::None
        }
        "os.fspath" => match &a0 {
            V::Str(_) | V::Bytes(_) => a0.clone(),
            V::Obj(o) if o.cls.lookup("__fspath__").is_some() => {
                let f = py.getattr(&a0, "__fspath__")?;
                py.call(&f, vec![], vec![])?
            }
            other => return Err(py.type_err(format!("expected str, bytes or os.PathLike object, not {}", other.type_name()))),
        },
        "os.getpid" => V::Int(1),
        "os.cpu_count" => V::Int(2),
        "os.urandom" => V::Bytes(vec![0x5a; a0.as_int().unwrap_or(0).clamp(0, 4096) as usize].into()),
        "os.listdir" => {
            let p = if a0.is_none() {
                py.cwd.clone()
            } else {
                {
                    let a = s0(py)?;
                    crate::vfs::join(&py.cwd, &a)
                }
            };
            match crate::vfs::listing::list_dir(py.fs, &p) {
                Ok(entries) => V::list(entries.iter().map(|e| V::s(&e.name)).collect()),
                Err(_) => return Err(py.exc("FileNotFoundError", &format!("[Errno 2] No such file or directory: '{p}'"))),
            }
        }
        "os.makedirs" | "os.mkdir" => {
            let given = s0(py)?;
            let p = crate::vfs::join(&py.cwd, &given);
            let exist_ok = kwarg(&kw, "exist_ok").is_some_and(|v| v.truthy()) || (name == "os.makedirs" && arg(&args, 2).truthy());
            if py.path_is_dir(&p) || py.fs.exists(&p) {
                if !exist_ok {
                    return Err(py.exc("FileExistsError", &format!("[Errno 17] File exists: '{p}'")));
                }
            } else {
                let parent = p.rsplit_once('/').map_or("/", |(d, _)| if d.is_empty() { "/" } else { d }).to_string();
                if name == "os.mkdir" && !py.path_is_dir(&parent) {
                    return Err(py.exc("FileNotFoundError", &format!("[Errno 2] No such file or directory: '{p}'")));
                }
                let mut cur = String::new();
                for part in p.split('/').filter(|s| !s.is_empty()) {
                    cur = format!("{cur}/{part}");
                    if !py.fs.exists(&cur) {
                        py.dirs.insert(cur.clone());
                    }
                }
            }
            V::None
        }
        "os.system" | "os.remove" | "os.unlink" | "os.walk" | "os.chdir" => {
            return Err(py.exc("NotImplementedError", &format!("dockersim: {name}() is not simulated")))
        }
        "posixpath.join" => {
            let mut parts = Vec::new();
            for a in &args {
                parts.push(py.str(a)?);
            }
            V::s(&path_join(&parts))
        }
        "posixpath.exists" | "posixpath.isfile" | "posixpath.isdir" | "posixpath.getsize" => {
            let p = {
                let a = s0(py)?;
                crate::vfs::join(&py.cwd, &a)
            };
            let node = py.fs.get(&p).ok().cloned();
            let written = py.written.get(&p).map(Vec::len);
            match name {
                "posixpath.exists" => V::Bool(node.is_some() || written.is_some() || py.path_is_dir(&p)),
                "posixpath.isfile" => V::Bool(node.as_ref().is_some_and(|n| !n.is_dir()) || written.is_some()),
                "posixpath.isdir" => V::Bool(py.path_is_dir(&p)),
                _ => match (written, py.fs.read(&p)) {
                    (Some(n), _) => V::Int(n as i64),
                    (None, Ok(b)) => V::Int(b.len() as i64),
                    _ => return Err(py.exc("FileNotFoundError", &format!("[Errno 2] No such file or directory: '{p}'"))),
                },
            }
        }
        "posixpath.basename" => V::s(s0(py)?.rsplit('/').next().unwrap_or("")),
        "posixpath.dirname" => {
            let s = s0(py)?;
            V::s(match s.rfind('/') {
                Some(0) => "/",
                Some(i) => &s[..i],
                None => "",
            })
        }
        "posixpath.abspath" | "posixpath.realpath" => V::s(&{
            let a = s0(py)?;
            crate::vfs::join(&py.cwd, &a)
        }),
        "posixpath.expanduser" => V::s(&s0(py)?.replacen('~', "/root", 1)),
        "posixpath.split" => {
            let s = s0(py)?;
            let (d, b) = s.rsplit_once('/').unwrap_or(("", &s));
            V::tuple(vec![V::s(if d.is_empty() && s.starts_with('/') { "/" } else { d }), V::s(b)])
        }
        "posixpath.splitext" => {
            let s = s0(py)?;
            let base_start = s.rfind('/').map_or(0, |i| i + 1);
            match s[base_start..].rfind('.').filter(|&i| i > 0) {
                Some(i) => V::tuple(vec![V::s(&s[..base_start + i]), V::s(&s[base_start + i..])]),
                None => V::tuple(vec![V::s(&s), V::s("")]),
            }
        }
        "sys.exit" => {
            let e = py.exc_val("SystemExit", args.clone());
            return Err(py.raise(e));
        }
        "sys.getsizeof" => V::Int(64),
        "sys.getrecursionlimit" => V::Int(1000),
        "stdout.write" | "stderr.write" => {
            let s = match &a0 {
                V::Str(s) => s.to_string(),
                other => return Err(py.type_err(format!("write() argument must be str, not {}", other.type_name()))),
            };
            if name.starts_with("stdout") {
                py.stdout.push_str(&s);
            } else {
                py.stderr.push_str(&s);
            }
            V::Int(s.chars().count() as i64)
        }
        "stdout.flush" | "stderr.flush" => V::None,
        "json.dumps" | "json.dump" => {
            let indent = match kwarg(&kw, "indent") {
                Some(V::Int(n)) => Some(" ".repeat(n.clamp(0, 64) as usize)),
                Some(V::Str(s)) => Some(s.to_string()),
                _ => None,
            };
            let sort = kwarg(&kw, "sort_keys").is_some_and(|v| v.truthy());
            let ascii = kwarg(&kw, "ensure_ascii").is_none_or(|v| v.truthy());
            let (item, key) = match kwarg(&kw, "separators") {
                Some(V::Tuple(t)) if t.len() == 2 => (py.str(&t[0])?, py.str(&t[1])?),
                _ => (if indent.is_some() { ",".into() } else { ", ".into() }, ": ".into()),
            };
            let default = kwarg(&kw, "default");
            let mut out = String::new();
            dumps(py, &a0, &JsonOpts { indent, sort, ascii, item, key, default }, 0, &mut out)?;
            if name == "json.dump" {
                let f = arg(&args, 1);
                let w = py.getattr(&f, "write")?;
                py.call(&w, vec![V::s(&out)], vec![])?;
                return Ok(V::None);
            }
            V::s(&out)
        }
        "json.loads" | "json.load" => {
            let text = if name == "json.load" {
                let r = py.getattr(&a0, "read")?;
                let v = py.call(&r, vec![], vec![])?;
                py.str(&v)?
            } else {
                match &a0 {
                    V::Str(s) => s.to_string(),
                    V::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
                    other => return Err(py.type_err(format!("the JSON object must be str, bytes or bytearray, not {}", other.type_name()))),
                }
            };
            match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(j) => from_json(&j),
                Err(e) => {
                    let line_start: usize = text.lines().take(e.line().saturating_sub(1)).map(|l| l.len() + 1).sum();
                    let mut offset = line_start + e.column().max(1) - 1;
                    let b = text.as_bytes();
                    while offset > line_start && offset <= b.len() && b[offset - 1].is_ascii_alphanumeric() {
                        offset -= 1;
                    }
                    let msg = format!("Expecting value: line {} column {} (char {offset})", e.line().max(1), offset - line_start + 1);
                    return Err(py.exc("JSONDecodeError", &msg));
                }
            }
        }
        "time.time" | "time.monotonic" | "time.perf_counter" => V::Float(py.now),
        "time.time_ns" => V::Int((py.now * 1e9) as i64),
        "time.sleep" => {
            let s = a0.as_f().unwrap_or(0.0);
            if s < 0.0 {
                return Err(py.exc("ValueError", "sleep length must be non-negative"));
            }
            py.now += s;
            py.steps += (s * 10.0).min(1e6) as u64;
            V::None
        }
        "time.strftime" => V::s(&strftime(&s0(py)?, py.now as i64)),
        "time.ctime" => V::s(&strftime("%a %b %d %H:%M:%S %Y", py.now as i64)),
        "datetime.datetime" | "datetime.date" => {
            return Err(py.exc("NotImplementedError", "dockersim: constructing datetime objects is not simulated; use datetime.now()"))
        }
        "datetime.now" | "datetime.utcnow" | "datetime.today" | "date.today" => {
            let cls_name = if name == "date.today" { "date" } else { "datetime" };
            let cls = py.class(cls_name, "datetime");
            let secs = py.now as i64;
            let (y, mo, d, h, mi, s) = civil(secs);
            py.new_obj(
                cls,
                vec![
                    ("__secs", V::Int(secs)),
                    ("year", V::Int(y)),
                    ("month", V::Int(mo)),
                    ("day", V::Int(d)),
                    ("hour", V::Int(h)),
                    ("minute", V::Int(mi)),
                    ("second", V::Int(s)),
                    ("microsecond", V::Int(0)),
                ],
            )
        }
        "datetime.isoformat" | "date.isoformat" => {
            let V::Obj(o) = this else { return Ok(V::None) };
            let secs = o.attrs.borrow().get("__secs").and_then(V::as_int).unwrap_or(0);
            V::s(&strftime(if name.starts_with("date.") { "%Y-%m-%d" } else { "%Y-%m-%dT%H:%M:%S" }, secs))
        }
        "datetime.strftime" | "date.strftime" => {
            let V::Obj(o) = this else { return Ok(V::None) };
            let secs = o.attrs.borrow().get("__secs").and_then(V::as_int).unwrap_or(0);
            V::s(&strftime(&s0(py)?, secs))
        }
        "datetime.timestamp" => V::Float(py.now.floor()),
        "random.seed" => {
            let s = match &a0 {
                V::Str(s) => s.bytes().fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64)),
                v => v.as_int().unwrap_or(0) as u64,
            };
            py.rng = s ^ 0x9e37_79b9_7f4a_7c15;
            V::None
        }
        "random.random" => V::Float(rand(py)),
        "random.uniform" => {
            let (a, b) = (a0.as_f().unwrap_or(0.0), arg(&args, 1).as_f().unwrap_or(1.0));
            V::Float(a + (b - a) * rand(py))
        }
        "random.randint" | "random.randrange" => {
            let (a, b) = match (name, args.len()) {
                ("random.randrange", 1) => (0, a0.as_int().unwrap_or(1) - 1),
                ("random.randrange", _) => (a0.as_int().unwrap_or(0), arg(&args, 1).as_int().unwrap_or(1) - 1),
                _ => (a0.as_int().unwrap_or(0), arg(&args, 1).as_int().unwrap_or(0)),
            };
            if b < a {
                return Err(py.exc("ValueError", &format!("empty range in randrange({a}, {})", b + 1)));
            }
            V::Int(a + (rand(py) * ((b - a + 1) as f64)) as i64)
        }
        "random.choice" => {
            let items = py.iterate(&a0)?;
            if items.is_empty() {
                return Err(py.exc("IndexError", "Cannot choose from an empty sequence"));
            }
            let i = (rand(py) * items.len() as f64) as usize;
            items[i.min(items.len() - 1)].clone()
        }
        "random.choices" => {
            let items = py.iterate(&a0)?;
            let k = kwarg(&kw, "k").and_then(|v| v.as_int()).unwrap_or(1).clamp(0, 100_000);
            if items.is_empty() {
                return Err(py.exc("IndexError", "Cannot choose from an empty sequence"));
            }
            V::list((0..k).map(|_| items[((rand(py) * items.len() as f64) as usize).min(items.len() - 1)].clone()).collect())
        }
        "random.shuffle" => {
            if let V::List(l) = &a0 {
                let n = l.borrow().len();
                for i in (1..n).rev() {
                    let j = (rand(py) * (i + 1) as f64) as usize;
                    l.borrow_mut().swap(i, j.min(i));
                }
            }
            V::None
        }
        "random.sample" => {
            let mut items = py.iterate(&a0)?;
            let k = arg(&args, 1).as_int().unwrap_or(0).max(0) as usize;
            if k > items.len() {
                return Err(py.exc("ValueError", "Sample larger than population or is negative"));
            }
            let mut out = Vec::new();
            for _ in 0..k {
                let i = ((rand(py) * items.len() as f64) as usize).min(items.len() - 1);
                out.push(items.remove(i));
            }
            V::list(out)
        }
        "socket.gethostname" | "platform.node" | "socket.getfqdn" => V::s(&py.hostname),
        "socket.gethostbyname" => {
            let h = s0(py)?;
            if h == "localhost" || h == py.hostname {
                V::s("127.0.0.1")
            } else {
                let r = py.net.as_mut().and_then(|n| n.resolve(&h));
                match r {
                    Some(ip) => V::s(&ip),
                    None => {
                        let e = py.exc_val("socket.gaierror", vec![V::Int(-2), V::s("Name or service not known")]);
                        return Err(py.raise(e));
                    }
                }
            }
        }
        "platform.system" => V::s("Linux"),
        "platform.python_version" => V::s(&py.version.clone()),
        "platform.machine" => V::s("x86_64"),
        "platform.release" => V::s(super::KERNEL),
        "platform.platform" => V::s(&format!("Linux-{}-x86_64-with-glibc2.36", super::KERNEL)),
        "platform.uname" => {
            V::tuple(vec![V::s("Linux"), V::s(&py.hostname.clone()), V::s(super::KERNEL), V::s(super::KERNEL_VERSION), V::s("x86_64")])
        }
        "typing.any" => a0,
        _ if name.starts_with("math.") => math(py, &name[5..], &args)?,
        _ if name.starts_with("flask.")
            || name.starts_with("Flask.")
            || name.starts_with("Request.")
            || name.starts_with("fastapi.")
            || name.starts_with("FastAPI.") =>
        {
            return super::py_web::call(py, name, this, args, kw)
        }
        _ if name.starts_with("redis.") || name.starts_with("Redis.") => return super::py_web::redis_call(py, name, this, args, kw),
        _ if name.starts_with("_dockersim.") => return super::py_django::call(py, &name[11..], args),
        _ => return Err(py.exc("NotImplementedError", &format!("dockersim: {name}() is not simulated"))),
    })
}

fn rand(py: &mut Py) -> f64 {
    let mut x = py.rng;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    py.rng = x;
    (x >> 11) as f64 / (1u64 << 53) as f64
}

fn math(py: &mut Py, f: &str, args: &[V]) -> R<V> {
    let x = args.first().and_then(V::as_f);
    let Some(x) = x else {
        let t = args.first().map(V::type_name).unwrap_or_else(|| "NoneType".into());
        if f == "prod" || f == "fsum" {
            let items = py.iterate(&arg(args, 0))?;
            let mut acc = if f == "prod" { V::Int(1) } else { V::Float(0.0) };
            for i in items {
                acc = py.binop(if f == "prod" { "*" } else { "+" }, &acc, &i)?;
            }
            return Ok(acc);
        }
        return Err(py.type_err(format!("must be real number, not {t}")));
    };
    let y = args.get(1).and_then(V::as_f);
    let domain = |py: &mut Py| py.exc("ValueError", "math domain error");
    Ok(match f {
        "sqrt" if x < 0.0 => return Err(domain(py)),
        "sqrt" => V::Float(x.sqrt()),
        "floor" | "ceil" | "trunc" => {
            if let Some(n) = args[0].as_int() {
                return Ok(V::Int(n));
            }
            let r = match f {
                "floor" => x.floor(),
                "ceil" => x.ceil(),
                _ => x.trunc(),
            };
            if !r.is_finite() || r.abs() > 9.2e18 {
                return Err(py.overflow());
            }
            V::Int(r as i64)
        }
        "pow" => V::Float(x.powf(y.unwrap_or(1.0))),
        "log" if x <= 0.0 => return Err(domain(py)),
        "log" => V::Float(match y {
            Some(b) => x.ln() / b.ln(),
            None => x.ln(),
        }),
        "log2" | "log10" if x <= 0.0 => return Err(domain(py)),
        "log2" => V::Float(x.log2()),
        "log10" => V::Float(x.log10()),
        "exp" => V::Float(x.exp()),
        "sin" => V::Float(x.sin()),
        "cos" => V::Float(x.cos()),
        "tan" => V::Float(x.tan()),
        "atan" => V::Float(x.atan()),
        "atan2" => V::Float(x.atan2(y.unwrap_or(1.0))),
        "fabs" => V::Float(x.abs()),
        "hypot" => V::Float(x.hypot(y.unwrap_or(0.0))),
        "radians" => V::Float(x.to_radians()),
        "degrees" => V::Float(x.to_degrees()),
        "isnan" => V::Bool(x.is_nan()),
        "isinf" => V::Bool(x.is_infinite()),
        "isclose" => {
            let y = y.unwrap_or(0.0);
            V::Bool((x - y).abs() <= (1e-9 * x.abs().max(y.abs())).max(0.0))
        }
        "gcd" => {
            let (mut a, mut b) = (args[0].as_int().unwrap_or(0).abs(), args.get(1).and_then(V::as_int).unwrap_or(0).abs());
            while b != 0 {
                (a, b) = (b, a % b);
            }
            V::Int(a)
        }
        "factorial" => {
            let n = args[0].as_int().unwrap_or(-1);
            if n < 0 {
                return Err(py.exc("ValueError", "factorial() not defined for negative values"));
            }
            let mut acc: i64 = 1;
            for i in 2..=n {
                acc = acc.checked_mul(i).ok_or_else(|| py.overflow())?;
            }
            V::Int(acc)
        }
        "comb" => {
            let (n, k) = (args[0].as_int().unwrap_or(0), args.get(1).and_then(V::as_int).unwrap_or(0));
            let mut acc: i64 = 1;
            for i in 0..k.min(n - k).max(0) {
                acc = acc.checked_mul(n - i).ok_or_else(|| py.overflow())? / (i + 1);
            }
            V::Int(if k > n || k < 0 { 0 } else { acc })
        }
        _ => return Err(py.exc("AttributeError", &format!("module 'math' has no attribute '{f}'"))),
    })
}

pub struct JsonOpts {
    pub indent: Option<String>,
    pub sort: bool,
    pub ascii: bool,
    pub item: String,
    pub key: String,
    pub default: Option<V>,
}

/// `json.dumps` with Python's spacing.
pub fn dumps(py: &mut Py, v: &V, o: &JsonOpts, level: usize, out: &mut String) -> R<()> {
    if level > 100 {
        return Err(py.exc("RecursionError", "maximum recursion depth exceeded while encoding a JSON object"));
    }
    let nl = |out: &mut String, l: usize| {
        if let Some(ind) = &o.indent {
            out.push('\n');
            out.push_str(&ind.repeat(l));
        }
    };
    match v {
        V::None => out.push_str("null"),
        V::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        V::Int(n) => out.push_str(&n.to_string()),
        V::Float(f) if f.is_nan() => out.push_str("NaN"),
        V::Float(f) if f.is_infinite() => out.push_str(if *f > 0.0 { "Infinity" } else { "-Infinity" }),
        V::Float(f) => out.push_str(&super::py_eval::float_repr(*f)),
        V::Str(s) => out.push_str(&json_str(s, o.ascii)),
        V::List(_) | V::Tuple(_) => {
            let items = py.iterate(v)?;
            if items.is_empty() {
                out.push_str("[]");
                return Ok(());
            }
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(&o.item);
                }
                nl(out, level + 1);
                dumps(py, x, o, level + 1, out)?;
            }
            nl(out, level);
            out.push(']');
        }
        V::Dict(d) => {
            let mut items = d.borrow().clone();
            if items.is_empty() {
                out.push_str("{}");
                return Ok(());
            }
            let mut keyed = Vec::new();
            for (k, v) in items.drain(..) {
                let ks = match &k {
                    V::Str(s) => s.to_string(),
                    V::Int(n) => n.to_string(),
                    V::Float(f) => super::py_eval::float_repr(*f),
                    V::Bool(b) => if *b { "true" } else { "false" }.to_string(),
                    V::None => "null".into(),
                    other => return Err(py.type_err(format!("keys must be str, int, float, bool or None, not {}", other.type_name()))),
                };
                keyed.push((ks, v));
            }
            if o.sort {
                keyed.sort_by(|a, b| a.0.cmp(&b.0));
            }
            out.push('{');
            for (i, (k, x)) in keyed.iter().enumerate() {
                if i > 0 {
                    out.push_str(&o.item);
                }
                nl(out, level + 1);
                out.push_str(&json_str(k, o.ascii));
                out.push_str(&o.key);
                dumps(py, x, o, level + 1, out)?;
            }
            nl(out, level);
            out.push('}');
        }
        other => {
            if let Some(f) = &o.default {
                let r = py.call(f, vec![other.clone()], vec![])?;
                return dumps(py, &r, o, level + 1, out);
            }
            return Err(py.type_err(format!("Object of type {} is not JSON serializable", other.type_name())));
        }
    }
    Ok(())
}

fn json_str(s: &str, ascii: bool) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (ascii && (c as u32) > 0x7e) => {
                let mut buf = [0u16; 2];
                for u in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn from_json(j: &serde_json::Value) -> V {
    use serde_json::Value as J;
    match j {
        J::Null => V::None,
        J::Bool(b) => V::Bool(*b),
        J::Number(n) => match n.as_i64() {
            Some(i) => V::Int(i),
            None => V::Float(n.as_f64().unwrap_or(0.0)),
        },
        J::String(s) => V::s(s),
        J::Array(a) => V::list(a.iter().map(from_json).collect()),
        J::Object(o) => V::dict(o.iter().map(|(k, v)| (V::s(k), from_json(v))).collect()),
    }
}
