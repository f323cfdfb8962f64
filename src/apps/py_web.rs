//! Flask and the redis client for the Python evaluator: routes recorded by
//! `@app.route`, `app.run()` handing over to the container's server,
//! requests answered by calling the handler again (`request`, `jsonify`,
//! `render_template`), and redis commands sent over the simulated network.

use super::py_eval::{Ctl, Py, Route, R, V};
use std::rc::Rc;

fn kwarg(kw: &[(Rc<str>, V)], name: &str) -> Option<V> {
    kw.iter().find(|(k, _)| &**k == name).map(|(_, v)| v.clone())
}

fn attr(o: &V, k: &str) -> V {
    match o {
        V::Obj(ob) => ob.attrs.borrow().get(k).cloned().unwrap_or(V::None),
        _ => V::None,
    }
}

pub fn call(py: &mut Py, name: &str, this: &V, args: Vec<V>, kw: Vec<(Rc<str>, V)>) -> R<V> {
    let a0 = args.first().cloned().unwrap_or(V::None);
    Ok(match name {
        "flask.Flask" => {
            let cls = py.class("Flask", "flask.app");
            let import_name = py.str(&a0)?;
            if py.app_name.is_none() {
                py.app_name = Some(import_name.clone());
            }
            let config = V::dict(vec![(V::s("DEBUG"), V::Bool(false))]);
            py.new_obj(cls, vec![("import_name", V::s(&import_name)), ("config", config), ("debug", V::Bool(false))])
        }
        "Flask.route" | "Flask.get" | "Flask.post" | "Flask.put" | "Flask.delete" | "Flask.patch" => {
            let rule = py.str(&a0)?;
            let methods = match (name, kwarg(&kw, "methods")) {
                ("Flask.route", Some(m)) => {
                    let mut out = Vec::new();
                    for x in py.iterate(&m)? {
                        out.push(py.str(&x)?.to_uppercase());
                    }
                    out
                }
                ("Flask.route", None) => vec!["GET".to_string()],
                (n, _) => vec![n[6..].to_uppercase()],
            };
            V::bi("flask.decorate", V::tuple(vec![V::s(&rule), V::list(methods.iter().map(|m| V::s(m)).collect())]))
        }
        "flask.decorate" => {
            if let V::Tuple(t) = this {
                let rule = t[0].str_ref().unwrap_or("/").to_string();
                let methods = py.iterate(&t[1])?.iter().filter_map(|m| m.str_ref().map(str::to_string)).collect();
                py.routes.push(Route { rule, methods, func: a0.clone() });
            }
            a0
        }
        "Flask.errorhandler" | "Flask.before_request" | "Flask.after_request" => {
            if name == "Flask.errorhandler" {
                V::bi("flask.identity", V::None)
            } else {
                a0
            }
        }
        "flask.identity" => a0,
        "fastapi.FastAPI" => {
            py.fastapi = true;
            let cls = py.class("FastAPI", "fastapi.applications");
            py.new_obj(cls, vec![("title", V::s("FastAPI")), ("version", V::s("0.1.0"))])
        }
        "FastAPI.get" | "FastAPI.post" | "FastAPI.put" | "FastAPI.delete" | "FastAPI.patch" => {
            // `{name}` path parameters are Flask's `<name>` to the matcher.
            let rule = py.str(&a0)?.replace('{', "<").replace('}', ">");
            let method = name[8..].to_uppercase();
            V::bi("flask.decorate", V::tuple(vec![V::s(&rule), V::list(vec![V::s(&method)])]))
        }
        "Flask.run" => {
            let host = match args.first().cloned().or_else(|| kwarg(&kw, "host")) {
                Some(V::Str(h)) => h.to_string(),
                _ => "127.0.0.1".into(),
            };
            let port = args.get(1).cloned().or_else(|| kwarg(&kw, "port")).and_then(|p| p.as_int()).unwrap_or(5000);
            let debug = args.get(2).cloned().or_else(|| kwarg(&kw, "debug")).is_some_and(|d| d.truthy());
            py.listening = Some((host, port.clamp(0, 65535) as u16, debug));
            return Err(Ctl::Serve);
        }
        "Request.get_json" => attr(this, "__json"),
        "flask.jsonify" => {
            let v = if args.len() > 1 {
                V::list(args.clone())
            } else if !kw.is_empty() {
                V::dict(kw.iter().map(|(k, v)| (V::Str(k.clone()), v.clone())).collect())
            } else {
                a0
            };
            let debug = py.listening.as_ref().is_some_and(|l| l.2);
            let body = jsonify_body(py, &v, debug)?;
            response(py, &body, 200, "application/json")
        }
        "flask.make_response" => {
            let (body, status) = match &a0 {
                V::Tuple(t) => (t.first().cloned().unwrap_or(V::None), t.get(1).and_then(V::as_int).unwrap_or(200)),
                other => (other.clone(), args.get(1).and_then(V::as_int).unwrap_or(200)),
            };
            let text = py.str(&body)?;
            response(py, &text, status, "text/html; charset=utf-8")
        }
        "flask.abort" => {
            let code = a0.as_int().unwrap_or(500);
            let e = py.exc_val("HTTPException", vec![V::Int(code)]);
            return Err(py.raise(e));
        }
        "flask.redirect" => {
            let loc = py.str(&a0)?;
            let body = format!("<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target URL: <a href=\"{loc}\">{loc}</a>. If not, click the link.\n");
            let r = response(py, &body, 302, "text/html; charset=utf-8");
            if let V::Dict(h) = attr(&r, "headers") {
                h.borrow_mut().push((V::s("Location"), V::s(&loc)));
            }
            r
        }
        "flask.url_for" => {
            let target = py.str(&a0)?;
            let rule = py.routes.iter().find(|r| matches!(&r.func, V::Func(f) if *f.def.name == *target)).map(|r| r.rule.clone());
            V::s(&rule.unwrap_or_else(|| format!("/{target}")))
        }
        "flask.render_template" | "flask.render_template_string" => {
            let text = if name == "flask.render_template" {
                let file = py.str(&a0)?;
                let dir =
                    py.frames.first().and_then(|f| f.0.rsplit_once('/').map(|(d, _)| d.to_string())).unwrap_or_else(|| py.cwd.clone());
                let path = format!("{dir}/templates/{file}");
                match py.fs.read(&path) {
                    Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                    Err(_) => {
                        let e = py.exc_val("TemplateNotFound", vec![V::s(&file)]);
                        return Err(py.raise(e));
                    }
                }
            } else {
                py.str(&a0)?
            };
            V::s(&render(py, &text, &kw)?)
        }
        _ => return Err(py.exc("NotImplementedError", &format!("dockersim: {name}() is not simulated"))),
    })
}

fn response(py: &mut Py, body: &str, status: i64, mime: &str) -> V {
    let cls = py.class("Response", "flask.wrappers");
    py.new_obj(cls, vec![("data", V::s(body)), ("status_code", V::Int(status)), ("mimetype", V::s(mime)), ("headers", V::dict(vec![]))])
}

/// Flask's JSON provider: sorted keys, compact unless debug, a final newline.
fn jsonify_body(py: &mut Py, v: &V, debug: bool) -> R<String> {
    let opts = super::py_mods::JsonOpts {
        indent: debug.then(|| "  ".to_string()),
        sort: true,
        ascii: true,
        item: ",".into(),
        key: if debug { ": ".into() } else { ":".into() },
        default: None,
    };
    let mut out = String::new();
    super::py_mods::dumps(py, v, &opts, 0, &mut out)?;
    out.push('\n');
    Ok(out)
}

/// A small Jinja: `{{ expr }}` (with `|upper`, `|lower`, `|length`,
/// `|safe`, `|e`), `{% for x in xs %}`, `{% if %}/{% elif %}/{% else %}`.
fn render(py: &mut Py, text: &str, kw: &[(Rc<str>, V)]) -> R<String> {
    let scope = super::py_eval::Scope::new(None, false);
    for (k, v) in kw {
        scope.set(k, v.clone());
    }
    // Jinja drops one trailing newline (keep_trailing_newline=False).
    let toks = jinja_tokens(text.strip_suffix('\n').unwrap_or(text));
    let mut out = String::new();
    let mut pos = 0;
    render_block(py, &toks, &mut pos, &scope, &mut out, 0)?;
    Ok(out)
}

enum JT {
    Text(String),
    Var(String),
    Tag(String),
}

fn jinja_tokens(text: &str) -> Vec<JT> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let next = [rest.find("{{"), rest.find("{%"), rest.find("{#")].into_iter().flatten().min();
        let Some(i) = next else {
            out.push(JT::Text(rest.to_string()));
            break;
        };
        out.push(JT::Text(rest[..i].to_string()));
        let kind = &rest[i..i + 2];
        let close = match kind {
            "{{" => "}}",
            "{%" => "%}",
            _ => "#}",
        };
        let Some(end) = rest[i + 2..].find(close) else {
            out.push(JT::Text(rest[i..].to_string()));
            break;
        };
        let inner = rest[i + 2..i + 2 + end].trim().trim_matches('-').trim().to_string();
        match kind {
            "{{" => out.push(JT::Var(inner)),
            "{%" => out.push(JT::Tag(inner)),
            _ => {}
        }
        rest = &rest[i + 2 + end + 2..];
    }
    out
}

fn jinja_eval(py: &mut Py, expr: &str, scope: &Rc<super::py_eval::Scope>) -> R<V> {
    let mut parts = expr.split('|');
    let base = parts.next().unwrap_or("").trim();
    let mut v = match super::py::parse(base) {
        Ok(prog) => match prog.first().map(|s| &s.k) {
            Some(super::py::Sk::Expr(e)) => match py.eval(e, scope) {
                Ok(v) => v,
                Err(Ctl::Exc(..)) => V::s(""),
                Err(e) => return Err(e),
            },
            _ => V::s(""),
        },
        Err(_) => return Err(py.exc("TemplateSyntaxError", &format!("unexpected '{base}'"))),
    };
    for f in parts {
        let f = f.trim();
        v = match f {
            "upper" => V::s(&py.str(&v)?.to_uppercase()),
            "lower" => V::s(&py.str(&v)?.to_lowercase()),
            "length" | "count" => super::py_lib::call(py, "len", &V::None, vec![v], vec![])?,
            "safe" | "e" | "escape" => v,
            "title" => {
                let s = V::s(&py.str(&v)?);
                super::py_lib::call(py, "str.title", &s, vec![], vec![])?
            }
            _ if f.starts_with("default(") => {
                if v.is_none() || matches!(&v, V::Str(s) if s.is_empty()) {
                    jinja_eval(py, &f[8..f.len() - 1], scope)?
                } else {
                    v
                }
            }
            _ => v,
        };
    }
    Ok(v)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&#34;").replace('\'', "&#39;")
}

/// Renders until `{% end… %}`, `{% else %}` or `{% elif %}` (returned tag) or the end.
fn render_block(
    py: &mut Py,
    toks: &[JT],
    pos: &mut usize,
    scope: &Rc<super::py_eval::Scope>,
    out: &mut String,
    depth: usize,
) -> R<Option<String>> {
    if depth > 30 {
        return Err(py.exc("TemplateSyntaxError", "templates nested too deeply"));
    }
    while *pos < toks.len() {
        py.tick()?;
        match &toks[*pos] {
            JT::Text(t) => {
                out.push_str(t);
                *pos += 1;
            }
            JT::Var(e) => {
                *pos += 1;
                let safe = e.contains("|safe");
                let v = jinja_eval(py, e, scope)?;
                let s = if v.is_none() { "None".to_string() } else { py.str(&v)? };
                out.push_str(&if safe { s } else { escape(&s) });
            }
            JT::Tag(t) => {
                *pos += 1;
                let word = t.split_whitespace().next().unwrap_or("");
                match word {
                    "for" => {
                        let rest = t[3..].trim();
                        let (var, iter) = rest.split_once(" in ").unwrap_or((rest, "[]"));
                        let items = {
                            let v = jinja_eval(py, iter, scope)?;
                            py.iterate(&v)?
                        };
                        let start = *pos;
                        let mut end_pos = start;
                        if items.is_empty() {
                            let mut sink = String::new();
                            let stop = render_block(py, toks, pos, scope, &mut sink, depth + 1)?;
                            if stop.as_deref() == Some("else") {
                                render_block(py, toks, pos, scope, out, depth + 1)?;
                            }
                            continue;
                        }
                        for item in items {
                            *pos = start;
                            let names: Vec<&str> = var.split(',').map(str::trim).collect();
                            if names.len() > 1 {
                                let vals = py.iterate(&item)?;
                                for (n, v) in names.iter().zip(vals) {
                                    scope.set(&Rc::from(*n), v);
                                }
                            } else {
                                scope.set(&Rc::from(var.trim()), item);
                            }
                            let stop = render_block(py, toks, pos, scope, out, depth + 1)?;
                            if stop.as_deref() == Some("else") {
                                let mut sink = String::new();
                                render_block(py, toks, pos, scope, &mut sink, depth + 1)?;
                            }
                            end_pos = *pos;
                        }
                        *pos = end_pos;
                    }
                    "if" => {
                        let mut taken = false;
                        let mut cond = t[2..].trim().to_string();
                        loop {
                            let c = !taken && jinja_eval(py, &cond, scope)?.truthy();
                            let mut sink = String::new();
                            let stop = render_block(py, toks, pos, scope, if c { &mut *out } else { &mut sink }, depth + 1)?;
                            taken |= c;
                            match stop.as_deref() {
                                Some(s) if s.starts_with("elif") => cond = s[4..].trim().to_string(),
                                Some("else") => cond = if taken { "False".into() } else { "True".into() },
                                _ => break,
                            }
                        }
                    }
                    "endfor" | "endif" | "else" | "elif" | "endblock" => return Ok(Some(t.clone())),
                    "set" => {
                        let rest = t[3..].trim();
                        if let Some((n, e)) = rest.split_once('=') {
                            let v = jinja_eval(py, e.trim(), scope)?;
                            scope.set(&Rc::from(n.trim()), v);
                        }
                    }
                    "block" | "extends" | "include" | "macro" | "endmacro" => {}
                    other => return Err(py.exc("TemplateSyntaxError", &format!("Encountered unknown tag '{other}'."))),
                }
            }
        }
    }
    Ok(None)
}

/// What a request to the app answered: status, content type, body, log lines.
pub struct FlaskAnswer {
    /// Headers the view set besides Content-Type and Content-Length (Location, …).
    pub headers: Vec<(String, String)>,
    pub status: u16,
    pub content_type: String,
    pub body: String,
}

pub const FLASK_404: &str = "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n";
const FLASK_405: &str = "<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n<p>The method is not allowed for the requested URL.</p>\n";
const FLASK_500: &str = "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n<p>The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.</p>\n";

/// Matches `/user/<name>` and `<int:id>` rules; the captured values.
fn match_rule(rule: &str, path: &str) -> Option<Vec<(String, V)>> {
    let rs: Vec<&str> = rule.trim_end_matches('/').split('/').collect();
    let ps: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let mut caps = Vec::new();
    for (i, r) in rs.iter().enumerate() {
        if let Some(inner) = r.strip_prefix('<').and_then(|x| x.strip_suffix('>')) {
            let (conv, name) = inner.split_once(':').unwrap_or(("string", inner));
            if conv == "path" {
                let rest = ps.get(i..)?.join("/");
                if rest.is_empty() {
                    return None;
                }
                caps.push((name.to_string(), V::s(&rest)));
                return Some(caps);
            }
            let seg = *ps.get(i)?;
            if seg.is_empty() {
                return None;
            }
            let v = match conv {
                "int" => V::Int(seg.parse().ok()?),
                "float" => V::Float(seg.parse().ok()?),
                _ => V::s(&percent_decode(seg)),
            };
            caps.push((name.to_string(), v));
        } else if ps.get(i) != Some(r) {
            return None;
        }
    }
    (rs.len() == ps.len()).then_some(caps)
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(x) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(x);
                i += 3;
                continue;
            }
        }
        out.push(if b[i] == b'+' { b' ' } else { b[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// FastAPI's answer to `method target`: the view's value as JSON, `{"detail":…}` errors.
fn fastapi_dispatch(py: &mut Py, method: &str, target: &str) -> FlaskAnswer {
    let path = target.split_once('?').map_or(target, |(p, _)| p);
    let json =
        |status: u16, body: &str| FlaskAnswer { headers: Vec::new(), status, content_type: "application/json".into(), body: body.into() };
    let mut allowed = None;
    let mut found = None;
    for r in py.routes.clone() {
        if let Some(caps) = match_rule(&r.rule, path) {
            // FastAPI's routes take only their declared methods (no HEAD for GET).
            allowed = allowed.or_else(|| Some(r.methods.join(", ")));
            if r.methods.iter().any(|m| m == method) {
                found = Some((r, caps));
                break;
            }
        }
    }
    let Some((route, caps)) = found else {
        if matches!(path, "/docs" | "/redoc" | "/openapi.json" | "/docs/oauth2-redirect") {
            py.stderr.push_str(&format!("dockersim: FastAPI's {path} (the generated API documentation) is not simulated\n"));
            return FlaskAnswer {
                headers: Vec::new(),
                status: 500,
                content_type: "text/plain; charset=utf-8".into(),
                body: "Internal Server Error".into(),
            };
        }
        return match allowed {
            Some(methods) => {
                let mut a = json(405, r#"{"detail":"Method Not Allowed"}"#);
                a.headers.push(("allow".into(), methods));
                a
            }
            None => json(404, r#"{"detail":"Not Found"}"#),
        };
    };
    let kw: Vec<(Rc<str>, V)> = caps.into_iter().map(|(k, v)| (Rc::from(k.as_str()), v)).collect();
    py.awaiting = matches!(&route.func, V::Func(f) if f.def.is_async);
    let r = py.call(&route.func, vec![], kw);
    py.awaiting = false;
    let v = match r {
        Ok(v) => v,
        Err(e @ Ctl::Exc(..)) => {
            let report = super::traceback(py, &e);
            py.stderr.push_str(&format!("ERROR:    Exception in ASGI application\n{report}"));
            return FlaskAnswer {
                headers: Vec::new(),
                status: 500,
                content_type: "text/plain; charset=utf-8".into(),
                body: "Internal Server Error".into(),
            };
        }
        Err(_) => {
            return FlaskAnswer {
                headers: Vec::new(),
                status: 500,
                content_type: "text/plain; charset=utf-8".into(),
                body: "Internal Server Error".into(),
            }
        }
    };
    let opts = super::py_mods::JsonOpts { indent: None, sort: false, ascii: false, item: ",".into(), key: ":".into(), default: None };
    let mut out = String::new();
    match super::py_mods::dumps(py, &v, &opts, 0, &mut out) {
        Ok(()) => json(200, &out),
        Err(e) => {
            let report = super::traceback(py, &e);
            py.stderr.push_str(&format!("ERROR:    Exception in ASGI application\n{report}"));
            FlaskAnswer {
                headers: Vec::new(),
                status: 500,
                content_type: "text/plain; charset=utf-8".into(),
                body: "Internal Server Error".into(),
            }
        }
    }
}

/// Calls the handler for `method target` (the program has run and registered its routes).
pub fn dispatch(py: &mut Py, method: &str, target: &str, body: &str) -> FlaskAnswer {
    if py.fastapi {
        return fastapi_dispatch(py, method, target);
    }
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let html = "text/html; charset=utf-8";
    let mut allowed = false;
    let mut found = None;
    for r in py.routes.clone() {
        if let Some(caps) = match_rule(&r.rule, path) {
            allowed = true;
            if r.methods.iter().any(|m| m == method) || (method == "HEAD" && r.methods.iter().any(|m| m == "GET")) {
                found = Some((r, caps));
                break;
            }
        }
    }
    let Some((route, caps)) = found else {
        return if allowed {
            FlaskAnswer { headers: Vec::new(), status: 405, content_type: html.into(), body: FLASK_405.into() }
        } else {
            FlaskAnswer { headers: Vec::new(), status: 404, content_type: html.into(), body: FLASK_404.into() }
        };
    };
    let args = V::dict(
        query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (V::s(&percent_decode(k)), V::s(&percent_decode(v)))
            })
            .collect(),
    );
    let json = serde_json::from_str::<serde_json::Value>(body).map(|j| super::py_mods::from_json(&j)).unwrap_or(V::None);
    if let Some(V::Obj(req)) = &py.request {
        let mut a = req.attrs.borrow_mut();
        a.insert(Rc::from("method"), V::s(method));
        a.insert(Rc::from("path"), V::s(path));
        a.insert(Rc::from("args"), args);
        a.insert(Rc::from("form"), V::dict(vec![]));
        a.insert(Rc::from("__json"), json);
        a.insert(Rc::from("data"), V::Bytes(body.as_bytes().to_vec().into()));
        a.insert(Rc::from("headers"), V::dict(vec![]));
        a.insert(Rc::from("remote_addr"), V::s("172.17.0.1"));
    }
    let kw: Vec<(Rc<str>, V)> = caps.into_iter().map(|(k, v)| (Rc::from(k.as_str()), v)).collect();
    let r = py.call(&route.func, vec![], kw);
    let v = match r {
        Ok(v) => v,
        Err(Ctl::Exc(e, tb)) => {
            if let V::Obj(o) = &e {
                if &*o.cls.name == "HTTPException" {
                    let code = attr(&e, "args");
                    let code = match code {
                        V::Tuple(t) => t.first().and_then(V::as_int).unwrap_or(500),
                        _ => 500,
                    };
                    let body = if code == 404 { FLASK_404.to_string() } else { FLASK_500.to_string() };
                    return FlaskAnswer { headers: Vec::new(), status: code as u16, content_type: html.into(), body };
                }
            }
            let name = match &route.func {
                V::Func(f) => f.def.name.to_string(),
                _ => "view".into(),
            };
            let report = super::traceback(py, &Ctl::Exc(e, tb));
            let when = crate::time::rfc3339(py.now as i64).replace('T', " ").replace('Z', ",000");
            py.stderr.push_str(&format!("[{when}] ERROR in app: Exception on {path} [{method}]\n{report}"));
            let _ = name;
            return FlaskAnswer { headers: Vec::new(), status: 500, content_type: html.into(), body: FLASK_500.into() };
        }
        Err(_) => return FlaskAnswer { headers: Vec::new(), status: 500, content_type: html.into(), body: FLASK_500.into() },
    };
    to_answer(py, v, &route)
}

fn to_answer(py: &mut Py, v: V, route: &Route) -> FlaskAnswer {
    let html = "text/html; charset=utf-8";
    let (body, status, headers) = match &v {
        V::Tuple(t) => {
            let status = t.get(1).and_then(V::as_int);
            (t.first().cloned().unwrap_or(V::None), status, t.get(if status.is_some() { 2 } else { 1 }).cloned())
        }
        _ => (v.clone(), None, None),
    };
    let mut ans = match &body {
        V::Str(s) => FlaskAnswer { headers: Vec::new(), status: 200, content_type: html.into(), body: s.to_string() },
        V::Bytes(b) => {
            FlaskAnswer { headers: Vec::new(), status: 200, content_type: html.into(), body: String::from_utf8_lossy(b).into_owned() }
        }
        V::Dict(_) | V::List(_) => {
            let debug = py.listening.as_ref().is_some_and(|l| l.2);
            match jsonify_body(py, &body, debug) {
                Ok(b) => FlaskAnswer { headers: Vec::new(), status: 200, content_type: "application/json".into(), body: b },
                Err(_) => FlaskAnswer { headers: Vec::new(), status: 500, content_type: html.into(), body: FLASK_500.into() },
            }
        }
        V::Obj(o) if &*o.cls.name == "Response" => FlaskAnswer {
            status: attr(&body, "status_code").as_int().unwrap_or(200) as u16,
            content_type: attr(&body, "mimetype").str_ref().unwrap_or(html).to_string(),
            body: attr(&body, "data").str_ref().unwrap_or("").to_string(),
            headers: header_pairs(&attr(&body, "headers")),
        },
        other => {
            let name = match &route.func {
                V::Func(f) => f.def.name.to_string(),
                _ => "view".into(),
            };
            let what = if other.is_none() {
                "The function either returned None or ended without a return statement.".to_string()
            } else {
                format!("The return type must be a string, dict, list, tuple with headers or status, Response instance, or WSGI callable, but it was a {}.", other.type_name())
            };
            py.stderr.push_str(&format!("TypeError: The view function for '{name}' did not return a valid response. {what}\n"));
            return FlaskAnswer { headers: Vec::new(), status: 500, content_type: html.into(), body: FLASK_500.into() };
        }
    };
    if let Some(s) = status {
        ans.status = s.clamp(100, 599) as u16;
    }
    ans.headers.extend(headers.map(|h| header_pairs(&h)).unwrap_or_default());
    ans
}

/// A headers dict (or list of pairs) as name/value strings.
pub(crate) fn header_pairs(v: &V) -> Vec<(String, String)> {
    let text = |v: &V| v.str_ref().map(str::to_string).or_else(|| v.as_int().map(|n| n.to_string())).unwrap_or_default();
    match v {
        V::Dict(d) => d.borrow().iter().map(|(k, v)| (text(k), text(v))).collect(),
        V::List(l) => l
            .borrow()
            .iter()
            .filter_map(|p| match p {
                V::Tuple(t) if t.len() == 2 => Some((text(&t[0]), text(&t[1]))),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

// ----------------------------------------------------------------- redis ----

pub fn redis_call(py: &mut Py, name: &str, this: &V, args: Vec<V>, kw: Vec<(Rc<str>, V)>) -> R<V> {
    if name == "redis.Redis" {
        let host = args.first().cloned().or_else(|| kwarg(&kw, "host")).unwrap_or(V::s("localhost"));
        let port = args.get(1).cloned().or_else(|| kwarg(&kw, "port")).and_then(|p| p.as_int()).unwrap_or(6379);
        let decode = kwarg(&kw, "decode_responses").is_some_and(|v| v.truthy());
        let cls = py.class("Redis", "redis.client");
        return Ok(py.new_obj(cls, vec![("host", host), ("port", V::Int(port)), ("decode", V::Bool(decode))]));
    }
    let cmd = name.trim_start_matches("Redis.");
    let host = attr(this, "host").str_ref().unwrap_or("localhost").to_string();
    let port = attr(this, "port").as_int().unwrap_or(6379) as u16;
    let decode = attr(this, "decode").truthy();
    let mut argv = vec![match cmd {
        "delete" => "DEL".to_string(),
        other => other.to_uppercase(),
    }];
    if cmd == "hset" {
        if let Some(m) = kwarg(&kw, "mapping") {
            argv.push(py.str(&args[0])?);
            for (k, v) in py.dict_items(&m)? {
                argv.push(py.str(&k)?);
                argv.push(py.str(&v)?);
            }
        }
    }
    if argv.len() == 1 {
        for a in &args {
            argv.push(match a {
                V::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
                V::Float(f) => super::py_eval::float_repr(*f),
                other => py.str(other)?,
            });
        }
        if let Some(ex) = kwarg(&kw, "ex") {
            argv.push("EX".into());
            argv.push(py.str(&ex)?);
        }
    }
    let reply = match py.net.as_mut() {
        Some(net) => net.redis(&host, port, &argv),
        None => {
            py.stderr.push_str(
                "dockersim: redis connections are simulated only from a Flask app's requests; here the server cannot be reached\n",
            );
            Err(super::NetErr::Refused)
        }
    };
    let reply = match reply {
        Ok(r) => r,
        Err(e) => {
            let msg = match e {
                super::NetErr::Unknown => format!("Error -2 connecting to {host}:{port}. Name or service not known."),
                super::NetErr::Refused => format!("Error 111 connecting to {host}:{port}. Connection refused."),
            };
            let v = redis_exc(py, "ConnectionError", &msg);
            return Err(py.raise(v));
        }
    };
    redis_value(py, cmd, reply, decode)
}

fn redis_value(py: &mut Py, cmd: &str, r: super::redis::Reply, decode: bool) -> R<V> {
    use super::redis::Reply;
    let s = |x: String| if decode { V::s(&x) } else { V::Bytes(x.into_bytes().into()) };
    Ok(match r {
        Reply::Status(st) if cmd == "ping" => V::Bool(st == "PONG"),
        Reply::Status(_) => V::Bool(true),
        Reply::Int(n) if matches!(cmd, "exists" | "expire" | "hset" | "sadd") && cmd == "expire" => V::Bool(n == 1),
        Reply::Int(n) => V::Int(n),
        Reply::Bulk(None) => V::None,
        Reply::Bulk(Some(x)) => s(x),
        Reply::Array(items) if cmd == "hgetall" => {
            let mut pairs = Vec::new();
            let mut it = items.into_iter();
            while let (Some(Reply::Bulk(Some(k))), Some(Reply::Bulk(Some(v)))) = (it.next(), it.next()) {
                pairs.push((s(k), s(v)));
            }
            V::dict(pairs)
        }
        Reply::Array(items) => {
            let mut out = Vec::new();
            for i in items {
                out.push(redis_value(py, "", i, decode)?);
            }
            if cmd == "smembers" {
                py.make_set(out)?
            } else {
                V::list(out)
            }
        }
        Reply::Error(e) => {
            let v = redis_exc(py, "ResponseError", e.trim_start_matches("ERR "));
            return Err(py.raise(v));
        }
    })
}

/// An instance of `redis.exceptions.KIND`.
fn redis_exc(py: &mut Py, kind: &str, msg: &str) -> V {
    let cls = py.import("redis.exceptions").ok().and_then(|m| py.getattr(&m, kind).ok());
    match cls {
        Some(V::Class(c)) => py.new_obj(c, vec![("args", V::tuple(vec![V::s(msg)]))]),
        _ => py.exc_val(kind, vec![V::s(msg)]),
    }
}
