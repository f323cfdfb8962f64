//! Flask apps answer like the real ones, for the small subset tutorials
//! write: `@app.route`/`@app.get`/`@app.post` views whose bodies assign
//! names and return strings, f-strings, `.format(…)`, dicts, `jsonify(…)`
//! or `(body, status)`, reading route parameters (`<name>`, `<int:id>`),
//! `request.args.get(…)`, `os.environ.get`/`os.getenv` and
//! `socket.gethostname()`; `app.run(host=…, port=…)` gives the address.
//! Anything else in a view answers 500 and logs a `dockersim:` line naming
//! what is not simulated. The app is data (routes with their lines), read
//! again for each request; no Python runs beyond these expressions.

use serde::Serialize;
use std::collections::BTreeMap;

/// One view: the URL rule, its methods and the lines of its body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct View {
    pub rule: String,
    pub methods: Vec<String>,
    pub params: Vec<String>,
    pub body: Vec<String>,
}

/// A parsed app: its views and the `app.run(…)` keyword arguments.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FlaskApp {
    pub views: Vec<View>,
    pub run_args: Vec<(String, String)>,
}

/// What a request gets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    pub content_type: &'static str,
    pub body: String,
    /// A `dockersim:` line for the log when the view used something not simulated.
    pub notice: Option<String>,
}

/// The world a view runs in.
pub struct Ctx<'a> {
    pub env: &'a BTreeMap<String, String>,
    pub hostname: &'a str,
}

/// Reads the views and `app.run(…)` of a Flask program.
pub fn parse(source: &str) -> FlaskApp {
    let lines: Vec<&str> = source.lines().collect();
    let mut app = FlaskApp::default();
    let mut pending: Vec<(String, Vec<String>)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trim();
        if let Some((verb, args)) = decorator(t) {
            let rule = string_literal(args.trim()).unwrap_or_default();
            let methods = match verb {
                "route" => list_after(args, "methods=").unwrap_or_else(|| vec!["GET".into()]),
                v => vec![v.to_ascii_uppercase()],
            };
            pending.push((rule, methods));
        } else if let Some(rest) = t.strip_prefix("def ").filter(|_| !pending.is_empty()) {
            let indent = indent_of(lines[i]);
            let params: Vec<String> = rest
                .split_once('(')
                .and_then(|(_, p)| p.split_once(')'))
                .map(|(p, _)| {
                    p.split(',').map(|s| s.trim().split('=').next().unwrap_or("").trim().to_string()).filter(|s| !s.is_empty()).collect()
                })
                .unwrap_or_default();
            let mut body = Vec::new();
            let mut j = i + 1;
            while j < lines.len() && (lines[j].trim().is_empty() || indent_of(lines[j]) > indent) {
                let l = lines[j].trim();
                if !l.is_empty() && !l.starts_with('#') {
                    body.push(l.to_string());
                }
                j += 1;
            }
            for (rule, methods) in pending.drain(..) {
                app.views.push(View { rule, methods, params: params.clone(), body: body.clone() });
            }
            i = j;
            continue;
        } else if let Some(at) = t.find("app.run(") {
            let open = at + "app.run".len();
            let inner = matching_close(t, open).map_or("", |close| &t[open + 1..close]);
            app.run_args = call_args(inner)
                .into_iter()
                .filter_map(|a| a.split_once('=').map(|(k, v)| (k.trim().to_string(), v.trim().to_string())))
                .collect();
        }
        i += 1;
    }
    app
}

/// `app.run`'s host and port (Flask's defaults: 127.0.0.1:5000).
pub fn address(app: &FlaskApp, ctx: &Ctx) -> (String, u16) {
    let mut host = "127.0.0.1".to_string();
    let mut port = 5000;
    let scope = BTreeMap::new();
    for (k, v) in &app.run_args {
        let value = Eval { ctx, scope: &scope, args: &BTreeMap::new() }.expr(v);
        match (k.as_str(), value) {
            ("host", Ok(Py::Str(h))) => host = h,
            ("port", Ok(Py::Int(p))) => port = u16::try_from(p).unwrap_or(5000),
            ("port", Ok(Py::Str(p))) => port = p.parse().unwrap_or(5000),
            _ => {}
        }
    }
    (host, port)
}

/// Answers `method target` (`/path?query`).
pub fn respond(app: &FlaskApp, ctx: &Ctx, method: &str, target: &str) -> Answer {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let args: BTreeMap<String, String> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .rev()
        .collect();
    let mut allowed = false;
    for view in &app.views {
        let Some(bound) = match_rule(&view.rule, path) else { continue };
        if !view.methods.iter().any(|m| m == method || (method == "HEAD" && m == "GET")) {
            allowed = true;
            continue;
        }
        return run_view(view, bound, &args, ctx);
    }
    if allowed {
        return html(405, METHOD_NOT_ALLOWED);
    }
    html(404, NOT_FOUND)
}

fn run_view(view: &View, bound: BTreeMap<String, Py>, args: &BTreeMap<String, String>, ctx: &Ctx) -> Answer {
    let mut scope = bound;
    for line in &view.body {
        if line.starts_with("\"\"\"") || line.starts_with("'''") || line == "pass" || line.starts_with("global ") {
            continue;
        }
        let result = if let Some(e) = line.strip_prefix("return ") {
            match (Eval { ctx, scope: &scope, args }).returned(e) {
                Ok(answer) => return answer,
                Err(e) => Err(e),
            }
        } else if let Some((name, value)) = assignment(line) {
            Eval { ctx, scope: &scope, args }.expr(value).map(|v| {
                scope.insert(name.to_string(), v);
            })
        } else {
            Err(format!("the statement `{line}`"))
        };
        if let Err(what) = result {
            let mut a = html(500, INTERNAL_ERROR);
            a.notice = Some(format!("dockersim: flask: {what} in the view for {} is not simulated", view.rule));
            return a;
        }
    }
    // A view that returns nothing: Flask's TypeError, a 500.
    let mut a = html(500, INTERNAL_ERROR);
    a.notice = Some(format!("TypeError: The view function for '{}' did not return a valid response. The function either returned None or ended without a return statement.", view.rule.trim_start_matches('/')));
    a
}

/// A Python value, as far as views need them.
#[derive(Clone, Debug, PartialEq)]
enum Py {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<Py>),
    Dict(Vec<(String, Py)>),
    /// `jsonify(…)`'s response.
    Json(Box<Py>),
}

impl Py {
    /// `str(v)`.
    fn str(&self) -> String {
        match self {
            Py::Str(s) => s.clone(),
            other => other.repr(),
        }
    }
    fn repr(&self) -> String {
        match self {
            Py::None => "None".into(),
            Py::Bool(b) => if *b { "True" } else { "False" }.into(),
            Py::Int(n) => n.to_string(),
            Py::Float(f) if f.fract() == 0.0 && f.abs() < 1e16 => format!("{f:.1}"),
            Py::Float(f) => f.to_string(),
            Py::Str(s) if s.contains('\'') && !s.contains('"') => format!("\"{s}\""),
            Py::Str(s) => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
            Py::List(items) => format!("[{}]", items.iter().map(Py::repr).collect::<Vec<_>>().join(", ")),
            Py::Dict(kv) => format!("{{{}}}", kv.iter().map(|(k, v)| format!("'{k}': {}", v.repr())).collect::<Vec<_>>().join(", ")),
            Py::Json(v) => v.repr(),
        }
    }
    fn truthy(&self) -> bool {
        match self {
            Py::None => false,
            Py::Bool(b) => *b,
            Py::Int(n) => *n != 0,
            Py::Float(f) => *f != 0.0,
            Py::Str(s) => !s.is_empty(),
            Py::List(v) => !v.is_empty(),
            Py::Dict(v) => !v.is_empty(),
            Py::Json(_) => true,
        }
    }
    /// Flask's JSON: keys sorted, compact separators.
    fn json(&self) -> String {
        match self {
            Py::None => "null".into(),
            Py::Bool(b) => b.to_string(),
            Py::Int(n) => n.to_string(),
            Py::Float(f) => Py::Float(*f).repr(),
            Py::Str(s) => serde_json::to_string(s).unwrap_or_default(),
            Py::List(items) => format!("[{}]", items.iter().map(Py::json).collect::<Vec<_>>().join(",")),
            Py::Dict(kv) => {
                let sorted: BTreeMap<&str, &Py> = kv.iter().map(|(k, v)| (k.as_str(), v)).collect();
                let parts: Vec<String> =
                    sorted.iter().map(|(k, v)| format!("{}:{}", serde_json::to_string(k).unwrap_or_default(), v.json())).collect();
                format!("{{{}}}", parts.join(","))
            }
            Py::Json(v) => v.json(),
        }
    }
}

struct Eval<'a> {
    ctx: &'a Ctx<'a>,
    scope: &'a BTreeMap<String, Py>,
    args: &'a BTreeMap<String, String>,
}

type E<T> = Result<T, String>;

impl Eval<'_> {
    /// `return EXPR` or `return EXPR, STATUS`.
    fn returned(&self, e: &str) -> E<Answer> {
        let parts = split_top(e, ',');
        let value = self.expr(parts[0])?;
        let status = match parts.get(1) {
            Some(s) => match self.expr(s)? {
                Py::Int(n) => u16::try_from(n).map_err(|_| format!("the status {n}"))?,
                other => return Err(format!("the status {}", other.repr())),
            },
            None => 200,
        };
        Ok(match value {
            Py::Dict(_) | Py::List(_) | Py::Json(_) => {
                Answer { status, content_type: "application/json", body: format!("{}\n", value.json()), notice: None }
            }
            Py::Str(s) => Answer { status, content_type: "text/html; charset=utf-8", body: s, notice: None },
            other => return Err(format!("returning {} from a view", other.repr())),
        })
    }

    fn expr(&self, e: &str) -> E<Py> {
        let e = e.trim();
        // Conditional expression, `or`/`and`, `+`, then atoms.
        if let Some((a, rest)) = split_keyword(e, " if ") {
            let (cond, b) = split_keyword(rest, " else ").ok_or_else(|| format!("`{e}`"))?;
            return if self.expr(cond)?.truthy() { self.expr(a) } else { self.expr(b) };
        }
        if let Some((a, b)) = split_keyword(e, " or ") {
            let x = self.expr(a)?;
            return if x.truthy() { Ok(x) } else { self.expr(b) };
        }
        if let Some((a, b)) = split_keyword(e, " and ") {
            let x = self.expr(a)?;
            return if x.truthy() { self.expr(b) } else { Ok(x) };
        }
        let terms = split_top(e, '+');
        if terms.len() > 1 {
            let mut acc = self.expr(terms[0])?;
            for t in &terms[1..] {
                acc = match (acc, self.expr(t)?) {
                    (Py::Str(a), Py::Str(b)) => Py::Str(a + &b),
                    (Py::Int(a), Py::Int(b)) => Py::Int(a.saturating_add(b)),
                    (Py::Float(a), Py::Float(b)) => Py::Float(a + b),
                    (Py::Int(a), Py::Float(b)) | (Py::Float(b), Py::Int(a)) => Py::Float(a as f64 + b),
                    (a, b) => return Err(format!("TypeError: unsupported operand type(s) for +: {} and {}", a.repr(), b.repr())),
                };
            }
            return Ok(acc);
        }
        self.atom(e)
    }

    fn atom(&self, e: &str) -> E<Py> {
        if let Some(s) = e.strip_prefix('f').or_else(|| e.strip_prefix('F')).filter(|s| s.starts_with('"') || s.starts_with('\'')) {
            let text = string_literal(s).ok_or_else(|| format!("`{e}`"))?;
            return self.fstring(&text).map(Py::Str);
        }
        if e.starts_with('"') || e.starts_with('\'') {
            let end = literal_end(e).ok_or_else(|| format!("`{e}`"))?;
            let text = string_literal(e).ok_or_else(|| format!("`{e}`"))?;
            let rest = e[end..].trim();
            if rest.is_empty() {
                return Ok(Py::Str(text));
            }
            return self.method(Py::Str(text), rest, e);
        }
        if e.starts_with('{') && e.ends_with('}') {
            let mut kv = Vec::new();
            for item in split_top(&e[1..e.len() - 1], ',') {
                if item.trim().is_empty() {
                    continue;
                }
                let (k, v) = split_once_top(item, ':').ok_or_else(|| format!("`{e}`"))?;
                kv.push((self.expr(k)?.str(), self.expr(v)?));
            }
            return Ok(Py::Dict(kv));
        }
        if e.starts_with('[') && e.ends_with(']') {
            let items =
                split_top(&e[1..e.len() - 1], ',').into_iter().filter(|i| !i.trim().is_empty()).map(|i| self.expr(i)).collect::<E<_>>()?;
            return Ok(Py::List(items));
        }
        if e.starts_with('(') && e.ends_with(')') {
            return self.expr(&e[1..e.len() - 1]);
        }
        match e {
            "None" => return Ok(Py::None),
            "True" => return Ok(Py::Bool(true)),
            "False" => return Ok(Py::Bool(false)),
            _ => {}
        }
        if let Ok(n) = e.parse::<i64>() {
            return Ok(Py::Int(n));
        }
        if let Ok(f) = e.parse::<f64>() {
            return Ok(Py::Float(f));
        }
        if let Some(v) = self.scope.get(e) {
            return Ok(v.clone());
        }
        if let Some((callee, inner)) = call(e) {
            let args = || -> E<Vec<Py>> { call_args(inner).iter().filter(|a| !a.contains('=')).map(|a| self.expr(a)).collect() };
            return match callee {
                "request.args.get" | "os.environ.get" | "os.getenv" => {
                    let a = args()?;
                    let key = a.first().map(Py::str).unwrap_or_default();
                    let found = if callee == "request.args.get" { self.args.get(&key) } else { self.ctx.env.get(&key) };
                    let default = a.get(1).cloned().unwrap_or(Py::None);
                    Ok(found.map(|v| Py::Str(v.clone())).unwrap_or(default))
                }
                "socket.gethostname" | "platform.node" => Ok(Py::Str(self.ctx.hostname.to_string())),
                "str" => Ok(Py::Str(args()?.first().map(Py::str).unwrap_or_default())),
                "int" => match args()?.first() {
                    Some(Py::Int(n)) => Ok(Py::Int(*n)),
                    Some(Py::Float(f)) => Ok(Py::Int(*f as i64)),
                    Some(Py::Str(s)) => {
                        s.trim().parse().map(Py::Int).map_err(|_| format!("ValueError: invalid literal for int() with base 10: '{s}'"))
                    }
                    _ => Err("int() of that value".into()),
                },
                "len" => match args()?.first() {
                    Some(Py::Str(s)) => Ok(Py::Int(s.chars().count() as i64)),
                    Some(Py::List(v)) => Ok(Py::Int(v.len() as i64)),
                    Some(Py::Dict(v)) => Ok(Py::Int(v.len() as i64)),
                    _ => Err("len() of that value".into()),
                },
                "jsonify" | "dict" => {
                    let raw = call_args(inner);
                    let value = if raw.iter().any(|a| a.contains('=') && !a.trim_start().starts_with('{')) {
                        let mut kv = Vec::new();
                        for a in raw {
                            let (k, v) = a.split_once('=').ok_or_else(|| format!("`{e}`"))?;
                            kv.push((k.trim().to_string(), self.expr(v)?));
                        }
                        Py::Dict(kv)
                    } else {
                        args()?.into_iter().next().unwrap_or(Py::Dict(Vec::new()))
                    };
                    Ok(if callee == "jsonify" { Py::Json(Box::new(value)) } else { value })
                }
                "request.args.to_dict" => Ok(Py::Dict(self.args.iter().map(|(k, v)| (k.clone(), Py::Str(v.clone()))).collect())),
                c if c.starts_with("render_template") => Err("render_template".into()),
                c => Err(format!("calling {c}()")),
            };
        }
        if let Some(key) = e.strip_prefix("request.args[").and_then(|k| k.strip_suffix(']')) {
            let key = self.expr(key)?.str();
            return self
                .args
                .get(&key)
                .map(|v| Py::Str(v.clone()))
                .ok_or_else(|| format!("the missing argument {key} (a 400 Bad Request)"));
        }
        if let Some(key) = e.strip_prefix("os.environ[").and_then(|k| k.strip_suffix(']')) {
            let key = self.expr(key)?.str();
            return self.ctx.env.get(&key).map(|v| Py::Str(v.clone())).ok_or_else(|| format!("KeyError: '{key}'"));
        }
        if let Some((obj, m)) = method_split(e) {
            let target = self.expr(obj)?;
            return self.method(target, m, e);
        }
        Err(format!("`{e}`"))
    }

    /// `.format(…)`, `.upper()`, `.lower()`, `.strip()`, `.title()`.
    fn method(&self, target: Py, rest: &str, whole: &str) -> E<Py> {
        let rest = rest.trim_start_matches('.');
        let Some((name, inner)) = call(rest) else { return Err(format!("`{whole}`")) };
        let Py::Str(s) = target else { return Err(format!("`{whole}`")) };
        Ok(Py::Str(match name {
            "format" => {
                let args: Vec<Py> = call_args(inner).iter().map(|a| self.expr(a)).collect::<E<_>>()?;
                let mut out = String::new();
                let mut next = 0;
                let mut chars = s.chars().peekable();
                while let Some(c) = chars.next() {
                    match c {
                        '{' if chars.peek() == Some(&'{') => {
                            chars.next();
                            out.push('{');
                        }
                        '}' if chars.peek() == Some(&'}') => {
                            chars.next();
                            out.push('}');
                        }
                        '{' => {
                            let field: String = chars.by_ref().take_while(|c| *c != '}').collect();
                            let i = if field.is_empty() {
                                next += 1;
                                next - 1
                            } else {
                                field.parse().map_err(|_| format!("the format field {{{field}}}"))?
                            };
                            out.push_str(&args.get(i).ok_or("IndexError: Replacement index out of range for positional args tuple")?.str());
                        }
                        c => out.push(c),
                    }
                }
                out
            }
            "upper" => s.to_uppercase(),
            "lower" => s.to_lowercase(),
            "strip" => s.trim().to_string(),
            "title" => s
                .split(' ')
                .map(|w| {
                    w.chars()
                        .enumerate()
                        .map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
                .join(" "),
            other => return Err(format!("the string method {other}()")),
        }))
    }

    fn fstring(&self, text: &str) -> E<String> {
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    out.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    out.push('}');
                }
                '{' => {
                    let mut depth = 1;
                    let mut inner = String::new();
                    for c in chars.by_ref() {
                        match c {
                            '{' => depth += 1,
                            '}' => depth -= 1,
                            _ => {}
                        }
                        if depth == 0 {
                            break;
                        }
                        inner.push(c);
                    }
                    let expr = inner.split(['!', ':']).next().unwrap_or("");
                    out.push_str(&self.expr(expr)?.str());
                }
                c => out.push(c),
            }
        }
        Ok(out)
    }
}

fn html(status: u16, body: &str) -> Answer {
    Answer { status, content_type: "text/html; charset=utf-8", body: body.to_string(), notice: None }
}

const NOT_FOUND: &str = "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n";
const METHOD_NOT_ALLOWED: &str = "<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n<p>The method is not allowed for the requested URL.</p>\n";
const INTERNAL_ERROR: &str = "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n<p>The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.</p>\n";

/// `@app.route(…)` → ("route", "…").
fn decorator(t: &str) -> Option<(&str, &str)> {
    let rest = t.strip_prefix('@')?;
    let (callee, args) = rest.split_once('(')?;
    let verb = callee.rsplit('.').next()?;
    matches!(verb, "route" | "get" | "post" | "put" | "delete" | "patch").then_some((verb, args.strip_suffix(')').unwrap_or(args)))
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// `name = value` (not `==`, not augmented).
fn assignment(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.split_once('=')?;
    let name = name.trim();
    (!value.starts_with('=') && !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .then_some((name, value.trim()))
}

/// The text of the string literal at the start of `s` (escapes \n \t \\ \' \").
fn string_literal(s: &str) -> Option<String> {
    let q = s.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let mut out = String::new();
    let mut chars = s[1..].chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                other => out.push(other),
            },
            c if c == q => return Some(out),
            c => out.push(c),
        }
    }
    None
}

/// The byte just past the string literal at the start of `s`.
fn literal_end(s: &str) -> Option<usize> {
    let q = s.chars().next()?;
    let mut escaped = false;
    for (i, c) in s.char_indices().skip(1) {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == q {
            return Some(i + 1);
        }
    }
    None
}

/// Splits at `sep` outside brackets and quotes.
fn split_top(s: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut quote, mut start) = (0i32, None, 0);
    let mut prev = ' ';
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q && prev != '\\' => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')' | ']' | '}') => depth -= 1,
            (None, c) if c == sep && depth == 0 => {
                parts.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
        prev = c;
    }
    parts.push(&s[start..]);
    parts
}

fn split_once_top(s: &str, sep: char) -> Option<(&str, &str)> {
    let parts = split_top(s, sep);
    (parts.len() > 1).then(|| {
        let first = parts[0];
        (first, &s[first.len() + sep.len_utf8()..])
    })
}

/// Splits at a keyword (` if `, ` or `) outside brackets and quotes.
fn split_keyword<'s>(s: &'s str, kw: &str) -> Option<(&'s str, &'s str)> {
    let (mut depth, mut quote) = (0i32, None);
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')' | ']' | '}') => depth -= 1,
            (None, _) if depth == 0 && s[i..].starts_with(kw) => return Some((&s[..i], &s[i + kw.len()..])),
            _ => {}
        }
    }
    None
}

/// `callee(args)` spanning the whole of `e`.
fn call(e: &str) -> Option<(&str, &str)> {
    let open = e.find('(')?;
    let callee = &e[..open];
    if callee.is_empty() || !callee.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
        return None;
    }
    // The parenthesis opened must be the one that closes at the end.
    let close = matching_close(e, open)?;
    (close == e.len() - 1).then(|| (callee, &e[open + 1..close]))
}

/// The index of the bracket closing the one at `open` (quotes skipped).
fn matching_close(e: &str, open: usize) -> Option<usize> {
    let (mut depth, mut quote) = (0i32, None);
    for (i, c) in e.char_indices().skip_while(|(i, _)| *i < open) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')' | ']' | '}') => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The arguments of a call (text), split at top-level commas.
fn call_args(inner: &str) -> Vec<&str> {
    split_top(inner, ',').into_iter().map(str::trim).filter(|a| !a.is_empty()).collect()
}

/// `x.method(…)` → ("x", ".method(…)") at the last top-level dot.
fn method_split(e: &str) -> Option<(&str, &str)> {
    let (mut depth, mut quote, mut at) = (0i32, None, None);
    for (i, c) in e.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')' | ']' | '}') => depth -= 1,
            (None, '.') if depth == 0 => at = Some(i),
            _ => {}
        }
    }
    let at = at.filter(|&i| i > 0)?;
    Some((&e[..at], &e[at..]))
}

/// `methods=['GET', 'POST']` in a decorator's arguments.
fn list_after(args: &str, key: &str) -> Option<Vec<String>> {
    let i = args.find(key)?;
    let rest = &args[i + key.len()..];
    let inner = rest.trim_start().strip_prefix(['[', '('])?;
    let end = inner.find([']', ')'])?;
    Some(split_top(&inner[..end], ',').into_iter().filter_map(|m| string_literal(m.trim())).map(|m| m.to_ascii_uppercase()).collect())
}

/// Matches a URL rule (`/user/<name>`, `/item/<int:id>`, `/files/<path:p>`).
fn match_rule(rule: &str, path: &str) -> Option<BTreeMap<String, Py>> {
    let mut bound = BTreeMap::new();
    let rs: Vec<&str> = rule.trim_start_matches('/').split('/').collect();
    let ps: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    for (i, r) in rs.iter().enumerate() {
        if let Some(var) = r.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
            let (conv, name) = var.split_once(':').unwrap_or(("string", var));
            if conv == "path" {
                let rest = ps.get(i..)?.join("/");
                bound.insert(name.to_string(), Py::Str(percent_decode(&rest)));
                return (!rest.is_empty()).then_some(bound);
            }
            let seg = ps.get(i).filter(|s| !s.is_empty())?;
            let value = match conv {
                "int" => Py::Int(seg.parse().ok().filter(|_| seg.chars().all(|c| c.is_ascii_digit()))?),
                "float" => Py::Float(seg.parse().ok().filter(|_| seg.contains('.'))?),
                _ => Py::Str(percent_decode(seg)),
            };
            bound.insert(name.to_string(), value);
        } else if ps.get(i) != Some(r) {
            return None;
        }
    }
    (ps.len() == rs.len()).then_some(bound)
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                let hex = |c: u8| (c as char).to_digit(16);
                match (hex(b[i + 1]), hex(b[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const APP: &str = r#"
import os
import socket
from flask import Flask, jsonify, request

app = Flask(__name__)

@app.route('/')
def hello():
    name = request.args.get('name', 'World')
    return f'Hello, {name}!'

@app.route("/host")
def host():
    return "Container: " + socket.gethostname() + "\n"

@app.route('/api/items/<int:item_id>')
def item(item_id):
    return jsonify({'id': item_id, 'name': 'item {}'.format(item_id), 'ok': True})

@app.get('/env')
def env():
    return {"greeting": os.environ.get('GREETING', 'hi'), "mode": os.getenv("MODE")}

@app.route('/user/<username>')
def user(username):
    return 'User %s' % username

@app.route('/created', methods=['POST'])
def created():
    return jsonify(status='created'), 201

@app.route('/teapot')
def teapot():
    return "I'm a teapot", 418

@app.route('/page')
def page():
    return render_template('index.html', title='x')

if __name__ == '__main__':
    app.run(host='0.0.0.0', port=int(os.environ.get('PORT', 8080)))
"#;

    fn get(target: &str) -> Answer {
        let env: BTreeMap<String, String> = [("GREETING".to_string(), "hello".to_string())].into_iter().collect();
        respond(&parse(APP), &Ctx { env: &env, hostname: "c0ffee" }, "GET", target)
    }

    #[test]
    fn views_answer_with_their_strings_json_and_status() {
        assert_eq!(get("/").body, "Hello, World!");
        assert_eq!(get("/?name=Docker%20fan").body, "Hello, Docker fan!");
        assert_eq!(get("/host").body, "Container: c0ffee\n");
        let item = get("/api/items/42");
        assert_eq!(
            (item.status, item.content_type, item.body.as_str()),
            (200, "application/json", "{\"id\":42,\"name\":\"item 42\",\"ok\":true}\n")
        );
        assert_eq!(get("/env").body, "{\"greeting\":\"hello\",\"mode\":null}\n");
        let teapot = get("/teapot");
        assert_eq!((teapot.status, teapot.body.as_str()), (418, "I'm a teapot"));
    }

    #[test]
    fn flask_errors_and_what_is_not_simulated() {
        assert_eq!(get("/api/items/abc").status, 404);
        assert_eq!(get("/nope").body, NOT_FOUND);
        assert_eq!(get("/created").status, 405);
        let page = get("/page");
        assert_eq!(page.status, 500);
        assert!(page.notice.unwrap().starts_with("dockersim: flask: render_template in the view for /page is not simulated"));
        let user = get("/user/ann");
        assert_eq!(user.status, 500, "%-formatting is not simulated");
        assert!(user.notice.unwrap().contains("not simulated"));
    }

    #[test]
    fn app_run_gives_the_address() {
        let env = BTreeMap::new();
        let ctx = Ctx { env: &env, hostname: "h" };
        assert_eq!(address(&parse(APP), &ctx), ("0.0.0.0".into(), 8080));
        let env: BTreeMap<String, String> = [("PORT".to_string(), "9000".to_string())].into_iter().collect();
        assert_eq!(address(&parse(APP), &Ctx { env: &env, hostname: "h" }), ("0.0.0.0".into(), 9000));
        assert_eq!(address(&parse("app.run()"), &ctx), ("127.0.0.1".into(), 5000));
    }

    #[test]
    fn fuzzed_apps_never_panic() {
        let pieces = [
            "@app.route('/')",
            "def f(x):",
            "    return ",
            "f'{",
            "}'",
            "'a'",
            "\"b\"",
            "{",
            "}",
            "[",
            "]",
            "(",
            ")",
            ",",
            ":",
            "+",
            " if ",
            " else ",
            "jsonify(",
            "request.args.get(",
            ".format(",
            "1",
            "x",
            "\n",
            "<int:x>",
            "%",
            "\\",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let env = BTreeMap::new();
        let ctx = Ctx { env: &env, hostname: "h" };
        for _ in 0..300 {
            let mut src = String::new();
            for _ in 0..(seed % 30) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                src.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            let app = parse(&src);
            let _ = address(&app, &ctx);
            for t in ["/", "/1", "/?a=%", "/?x=%zz&x=2"] {
                let _ = respond(&app, &ctx, "GET", t);
            }
        }
    }
}
