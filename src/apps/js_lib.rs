//! The built-in functions of the JavaScript evaluator: console, require'd
//! modules (os, path, fs, http, express), JSON, Math, Object, strings,
//! arrays, promises (settled at once) and express's request/response.

use super::js::{arr, binop, hidden, inspect, json_parse, json_stringify, num_str, Route, Thrown, Val, World};
use std::rc::Rc;

type R<T> = Result<T, Thrown>;

fn s(v: &str) -> Val {
    Val::Str(Rc::from(v))
}

fn arg(args: &[Val], i: usize) -> Val {
    args.get(i).cloned().unwrap_or(Val::Undef)
}

fn not_simulated(what: &str) -> Thrown {
    Thrown::Error("Error".into(), format!("dockersim: {what} is not simulated"))
}

fn items(v: &Val) -> Vec<Val> {
    match v {
        Val::Arr(a) => a.borrow().clone(),
        _ => Vec::new(),
    }
}

/// A settled promise.
pub fn resolved(v: Val) -> Val {
    Val::obj_pub(vec![("__promise", Val::Bool(true)), ("state", s("fulfilled")), ("value", v), ("reactions", arr(vec![]))])
}

pub fn pending() -> Val {
    Val::obj_pub(vec![("__promise", Val::Bool(true)), ("state", s("pending")), ("value", Val::Undef), ("reactions", arr(vec![]))])
}

pub fn is_promise(v: &Val) -> bool {
    matches!(v, Val::Obj(_)) && matches!(v.get_pub("__promise"), Val::Bool(true))
}

/// Resolves or rejects `p` (adopting a promise value), running its reactions.
pub fn settle(w: &mut World, p: &Val, v: Val, rejected: bool) -> R<()> {
    if p.get_pub("state").to_str_or_empty() != "pending" {
        return Ok(());
    }
    if !rejected && is_promise(&v) {
        // Adopt: when v settles, settle p the same way.
        let adopt = arr(vec![
            Val::native_with("promise.resolve", p.clone()),
            Val::native_with("promise.reject", p.clone()),
            pending(),
            Val::Bool(false),
        ]);
        if v.get_pub("state").to_str_or_empty() == "pending" {
            if let Val::Arr(r) = &v.get_pub("reactions") {
                r.borrow_mut().push(adopt);
            }
            return Ok(());
        }
        return react(w, &v, &adopt);
    }
    p.set_pub("state", s(if rejected { "rejected" } else { "fulfilled" }));
    p.set_pub("value", v);
    let reactions = items(&p.get_pub("reactions"));
    p.set_pub("reactions", arr(vec![]));
    for r in reactions {
        react(w, p, &r)?;
    }
    Ok(())
}

/// Runs one reaction [onFulfilled, onRejected, child, finally] of a settled promise.
fn react(w: &mut World, p: &Val, reaction: &Val) -> R<()> {
    let rejected = p.get_pub("state").to_str_or_empty() == "rejected";
    let value = p.get_pub("value");
    let handler = reaction.get_pub(if rejected { "1" } else { "0" });
    let child = reaction.get_pub("2");
    let is_finally = reaction.get_pub("3").truthy();
    if !matches!(handler, Val::Func(_) | Val::Native(..)) {
        return settle(w, &child, value, rejected);
    }
    let args = if is_finally { vec![] } else { vec![value.clone()] };
    match w.call(&handler, args) {
        Ok(r) if is_finally => settle(w, &child, value, rejected).map(|_| drop(r)),
        Ok(r) => settle(w, &child, r, false),
        Err(Thrown::Value(v)) => settle(w, &child, v, true),
        Err(Thrown::Error(k, m)) if !m.starts_with("dockersim:") && k != "EXIT" => {
            settle(w, &child, Val::obj_pub(vec![("name", s(&k)), ("message", s(&m))]), true)
        }
        Err(e) => Err(e),
    }
}

/// The routes `app.use(prefix, m)` adds: a static directory, a router's
/// routes under the prefix, or a middleware.
fn mount(w: &World, prefix: &str, m: &Val) -> Vec<Route> {
    if let Val::Str(dir) = &m.get_pub("__static") {
        return vec![Route { method: "STATIC".into(), path: format!("{prefix}\0{dir}"), handlers: Vec::new() }];
    }
    match m {
        // The app itself (an old-style router): its routes are already there.
        Val::Native(n, _) if &**n == "app" => Vec::new(),
        Val::Native(n, id) if &**n == "router" => {
            let prefix = prefix.trim_end_matches('/');
            let routes = w.routers.get(id.to_num() as usize).cloned().unwrap_or_default();
            routes
                .into_iter()
                .map(|mut r| {
                    match r.method.as_str() {
                        "STATIC" => r.path = format!("{prefix}{}", r.path),
                        _ if r.path == "/" && !prefix.is_empty() => r.path = prefix.to_string(),
                        _ => r.path = format!("{prefix}{}", r.path),
                    }
                    r
                })
                .collect()
        }
        _ => vec![Route { method: "USE".into(), path: prefix.to_string(), handlers: vec![m.clone()] }],
    }
}

pub fn call_native(w: &mut World, name: &str, this: &Val, args: Vec<Val>) -> R<Val> {
    let a0 = arg(&args, 0);
    Ok(match name {
        "module.console.log" | "module.console.info" | "module.console.debug" => {
            w.print(false, &args);
            Val::Undef
        }
        "module.console.error" | "module.console.warn" => {
            w.print(true, &args);
            Val::Undef
        }
        "process.stdout.write" => {
            w.stdout.push_str(&a0.to_str());
            Val::Bool(true)
        }
        "process.stderr.write" => {
            w.stderr.push_str(&a0.to_str());
            Val::Bool(true)
        }
        "require" => {
            let n = a0.to_str();
            if n == "process" {
                return Ok(Val::native_pub("module.process"));
            }
            return w.require_pub(&n);
        }
        "module.process.exit" => return Err(Thrown::Error("EXIT".into(), num_str(a0.to_num().max(0.0)))),
        "module.process.on" | "module.process.once" | "module.process.cwd" if name.ends_with("cwd") => s(&w.cwd.clone()),
        "module.process.on" | "module.process.once" => {
            if a0.to_str() == "SIGTERM" && matches!(arg(&args, 1), Val::Func(_)) {
                w.handles_sigterm = true;
            }
            Val::Undef
        }
        "module.process.uptime" => Val::Num(1.0),
        "module.process.memoryUsage" => Val::obj_pub(vec![("rss", Val::Num(45_000_000.0)), ("heapUsed", Val::Num(5_000_000.0))]),
        // ---- os
        "module.os.hostname" => s(&w.hostname.clone()),
        "module.os.platform" => s("linux"),
        "module.os.type" => s("Linux"),
        "module.os.arch" => s("x64"),
        "module.os.release" => s(super::KERNEL),
        "module.os.uptime" => Val::Num(3600.0),
        "module.os.homedir" => s(&w.env.get("HOME").cloned().unwrap_or_else(|| "/root".into())),
        "module.os.tmpdir" => s("/tmp"),
        "module.os.totalmem" => Val::Num(8_232_976_384.0),
        "module.os.freemem" => Val::Num(6_304_452_608.0),
        "module.os.cpus" => {
            arr((0..2).map(|_| Val::obj_pub(vec![("model", s("Intel(R) Core(TM) i7 CPU")), ("speed", Val::Num(2400.0))])).collect())
        }
        "module.os.networkInterfaces" => Val::obj_pub(vec![(
            "eth0",
            arr(vec![Val::obj_pub(vec![("address", s("172.17.0.2")), ("family", s("IPv4")), ("internal", Val::Bool(false))])]),
        )]),
        "module.os.userInfo" => Val::obj_pub(vec![("username", s("root")), ("uid", Val::Num(0.0)), ("homedir", s("/root"))]),
        // ---- path
        "module.path.join" | "module.path.resolve" => {
            let mut out = if name.ends_with("resolve") { w.cwd.clone() } else { String::new() };
            for a in &args {
                let p = a.to_str();
                if (p.starts_with('/') && name.ends_with("resolve")) || out.is_empty() {
                    out = p;
                } else {
                    out = format!("{}/{p}", out.trim_end_matches('/'));
                }
            }
            s(&normalize(&out))
        }
        "module.path.basename" => {
            let p = a0.to_str();
            let b = p.trim_end_matches('/').rsplit('/').next().unwrap_or("").to_string();
            let ext = arg(&args, 1);
            s(if let Val::Str(e) = &ext { b.strip_suffix(&**e).unwrap_or(&b) } else { &b })
        }
        "module.path.dirname" => {
            let p = a0.to_str();
            s(p.rsplit_once('/').map_or(".", |(d, _)| if d.is_empty() { "/" } else { d }))
        }
        "module.path.extname" => {
            let p = a0.to_str();
            let b = p.rsplit('/').next().unwrap_or("");
            s(b.rfind('.').filter(|&i| i > 0).map_or("", |i| &b[i..]))
        }
        // ---- fs
        "module.fs.readFileSync" => {
            let path = abs(w, &a0.to_str());
            match w.read_text(&path).ok_or(()) {
                Ok(text) => s(&text),
                Err(_) => return Err(Thrown::Error("Error".into(), format!("ENOENT: no such file or directory, open '{}'", a0.to_str()))),
            }
        }
        "module.fs.existsSync" => Val::Bool(w.exists(&abs(w, &a0.to_str()))),
        "module.fs.readdirSync" => match w.fs.get(&abs(w, &a0.to_str())) {
            Ok(crate::vfs::Node::Dir { entries, .. }) => arr(entries.keys().map(|k| s(k)).collect()),
            _ => return Err(Thrown::Error("Error".into(), format!("ENOENT: no such file or directory, scandir '{}'", a0.to_str()))),
        },
        "module.fs.mkdirSync" => {
            let path = abs(w, &a0.to_str());
            let recursive = arg(&args, 1).get_pub("recursive").truthy();
            let parent = path.rsplit_once('/').map_or("/", |(d, _)| if d.is_empty() { "/" } else { d }).to_string();
            if w.exists(&path) {
                if !recursive {
                    return Err(Thrown::Error("Error".into(), format!("EEXIST: file already exists, mkdir '{}'", a0.to_str())));
                }
            } else if !recursive && !w.exists(&parent) {
                return Err(Thrown::Error("Error".into(), format!("ENOENT: no such file or directory, mkdir '{}'", a0.to_str())));
            } else {
                w.make_dir(&path);
            }
            Val::Undef
        }
        "module.fs.writeFileSync" | "module.fs.appendFileSync" => {
            let path = abs(w, &a0.to_str());
            let mut text = if name.ends_with("appendFileSync") { w.read_text(&path).unwrap_or_default() } else { String::new() };
            text.push_str(&arg(&args, 1).to_str());
            w.write_file(&path, text.into_bytes());
            Val::Undef
        }
        "module.fs.unlinkSync" => return Err(not_simulated("fs.unlinkSync()")),
        "module.fs.readFile" => {
            let cb = args.iter().rev().find(|v| matches!(v, Val::Func(_))).cloned();
            let path = abs(w, &a0.to_str());
            let r = w.fs.read(&path).map(|b| String::from_utf8_lossy(&b).into_owned());
            if let Some(cb) = cb {
                match r {
                    Ok(t) => w.call(&cb, vec![Val::Null, s(&t)])?,
                    Err(_) => w.call(
                        &cb,
                        vec![Val::obj_pub(vec![
                            ("code", s("ENOENT")),
                            ("message", s(&format!("ENOENT: no such file or directory, open '{}'", a0.to_str()))),
                        ])],
                    )?,
                };
            }
            Val::Undef
        }
        // ---- JSON, Math, Object, conversions
        "module.JSON.stringify" => {
            let indent = match &arg(&args, 2) {
                Val::Num(n) => " ".repeat(n.clamp(0.0, 10.0) as usize),
                Val::Str(t) => t.to_string(),
                _ => String::new(),
            };
            json_stringify(&a0, &indent)?.map(|t| s(&t)).unwrap_or(Val::Undef)
        }
        "module.JSON.parse" => json_parse(&a0.to_str()).map_err(|e| Thrown::Error("SyntaxError".into(), e))?,
        "module.Math.floor" => Val::Num(a0.to_num().floor()),
        "module.Math.ceil" => Val::Num(a0.to_num().ceil()),
        "module.Math.round" => Val::Num((a0.to_num() + 0.5).floor()),
        "module.Math.abs" => Val::Num(a0.to_num().abs()),
        "module.Math.sqrt" => Val::Num(a0.to_num().sqrt()),
        "module.Math.pow" => Val::Num(a0.to_num().powf(arg(&args, 1).to_num())),
        "module.Math.max" => Val::Num(args.iter().map(Val::to_num).fold(f64::NEG_INFINITY, f64::max)),
        "module.Math.min" => Val::Num(args.iter().map(Val::to_num).fold(f64::INFINITY, f64::min)),
        // Deterministic: the simulation has no randomness.
        "module.Math.random" => Val::Num(0.42),
        "module.Date.now" => Val::Num(1_767_225_600_000.0),
        "module.Object.keys" => match &a0 {
            Val::Obj(o) => arr(o.borrow().iter().filter(|(k, _)| !hidden(k)).map(|(k, _)| s(k)).collect()),
            Val::Arr(a) => arr((0..a.borrow().len()).map(|i| s(&i.to_string())).collect()),
            _ => arr(vec![]),
        },
        "module.Object.values" => match &a0 {
            Val::Obj(o) => arr(o.borrow().iter().filter(|(k, _)| !hidden(k)).map(|(_, v)| v.clone()).collect()),
            _ => arr(vec![]),
        },
        "module.Object.entries" => match &a0 {
            Val::Obj(o) => arr(o.borrow().iter().filter(|(k, _)| !hidden(k)).map(|(k, v)| arr(vec![s(k), v.clone()])).collect()),
            _ => arr(vec![]),
        },
        "module.Object.assign" => {
            for src in args.iter().skip(1) {
                if let Val::Obj(o) = src {
                    for (k, v) in o.borrow().iter().filter(|(k, _)| !hidden(k)) {
                        a0.set_pub(k, v.clone());
                    }
                }
            }
            a0
        }
        "module.Object.freeze" => a0,
        "module.Object.defineProperty" => {
            let desc = arg(&args, 2);
            let value = desc.get_pub("value");
            let getter = desc.get_pub("get");
            let key = arg(&args, 1).to_str();
            match getter {
                Val::Func(_) => a0.set_pub(&format!("\0get:{key}"), getter),
                _ => a0.set_pub(&key, value),
            }
            a0
        }
        "module.url.fileURLToPath" => s(a0.to_str().strip_prefix("file://").unwrap_or(&a0.to_str())),
        "module.url.pathToFileURL" => Val::obj_pub(vec![("href", s(&format!("file://{}", a0.to_str())))]),
        "module.Array.isArray" => Val::Bool(matches!(a0, Val::Arr(_))),
        "module.Array.from" => arr(items(&a0)),
        "module.String" => s(&a0.to_str()),
        "module.Number" | "parseFloat" => Val::Num(a0.to_num()),
        "module.Boolean" => Val::Bool(a0.truthy()),
        "parseInt" => {
            let t = a0.to_str();
            let digits: String =
                t.trim().chars().enumerate().take_while(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '-')).map(|(_, c)| c).collect();
            Val::Num(digits.parse::<f64>().unwrap_or(f64::NAN))
        }
        "isNaN" => Val::Bool(a0.to_num().is_nan()),
        "encodeURIComponent" | "decodeURIComponent" => s(&a0.to_str()),
        "module.Error" => Val::obj_pub(vec![("name", s("Error")), ("message", s(&a0.to_str()))]),
        "module.Promise.resolve" => {
            if is_promise(&a0) {
                a0
            } else {
                resolved(a0)
            }
        }
        "module.Promise.reject" => {
            let p = pending();
            settle(w, &p, a0, true)?;
            p
        }
        "module.Promise.all" => {
            let mut out = Vec::new();
            for p in items(&a0) {
                out.push(if is_promise(&p) { w.await_value(&p)? } else { p });
            }
            resolved(arr(out))
        }
        "promise.resolve" => {
            settle(w, this, a0, false)?;
            Val::Undef
        }
        "promise.reject" => {
            settle(w, this, a0, true)?;
            Val::Undef
        }
        "promise.then" | "promise.catch" | "promise.finally" => {
            let (on_ok, on_err) = match name {
                "promise.then" => (a0.clone(), arg(&args, 1)),
                "promise.catch" => (Val::Undef, a0.clone()),
                _ => (a0.clone(), a0.clone()),
            };
            let child = pending();
            let reaction = arr(vec![on_ok, on_err, child.clone(), Val::Bool(name == "promise.finally")]);
            match this.get_pub("state").to_str_or_empty().as_str() {
                "pending" => {
                    if let Val::Arr(r) = &this.get_pub("reactions") {
                        r.borrow_mut().push(reaction);
                    }
                }
                _ => react(w, this, &reaction)?,
            }
            child
        }
        // Timers: a timeout runs at once (the simulation has no event loop); an interval is not simulated.
        "setTimeout" | "setImmediate" => {
            w.defer(a0.clone(), args.iter().skip(2).cloned().collect());
            Val::Num(1.0)
        }
        "setInterval" => {
            let note = "dockersim: setInterval is not simulated; the callback never runs".to_string();
            if !w.notices.contains(&note) {
                w.stderr.push_str(&note);
                w.stderr.push('\n');
                w.notices.push(note);
            }
            Val::Num(1.0)
        }
        "clearInterval" | "clearTimeout" => Val::Undef,
        "dotenv.config" => {
            let path = format!("{}/.env", w.cwd.trim_end_matches('/'));
            if let Ok(b) = w.fs.read(&path) {
                for line in String::from_utf8_lossy(&b).lines() {
                    if let Some((k, v)) = line.split_once('=') {
                        let k = k.trim().trim_start_matches("export ").to_string();
                        if !k.starts_with('#') && !w.env.contains_key(&k) {
                            w.env.insert(k, v.trim().trim_matches('"').trim_matches('\'').to_string());
                        }
                    }
                }
            }
            Val::obj_pub(vec![])
        }
        "middleware.factory" => Val::native_pub("middleware.noop"),
        "middleware.next" => Val::Undef,
        "middleware.noop" => {
            if let Some(next) = args.get(2) {
                w.call(next, vec![])?;
            }
            Val::Undef
        }
        // ---- express
        "express" => w.app_pub(),
        "express.Router" => {
            w.routers.push(Vec::new());
            Val::native_with("router", Val::Num((w.routers.len() - 1) as f64))
        }
        "router.get" | "router.post" | "router.put" | "router.delete" | "router.patch" | "router.all" | "router.use" => {
            let id = this.to_num() as usize;
            let method = name.trim_start_matches("router.").to_ascii_uppercase();
            let mut added = Vec::new();
            if method == "USE" {
                let (prefix, rest) = match &a0 {
                    Val::Str(p) => (p.to_string(), &args[1..]),
                    _ => (String::new(), &args[..]),
                };
                for m in rest {
                    added.extend(mount(w, &prefix, m));
                }
            } else {
                added.push(Route { method, path: a0.to_str(), handlers: args[1..].to_vec() });
            }
            if let Some(r) = w.routers.get_mut(id) {
                r.extend(added);
            }
            Val::native_with("router", this.clone())
        }
        "express.json" | "express.urlencoded" => {
            if name == "express.json" {
                w.body_parsers.0 = true;
            } else {
                w.body_parsers.1 = true;
            }
            Val::native_pub("middleware.noop")
        }
        "express.static" => Val::obj_pub(vec![("__static", s(&abs(w, &a0.to_str())))]),
        "app.use" => {
            let (prefix, rest) = match &a0 {
                Val::Str(p) => (p.to_string(), &args[1..]),
                _ => (String::new(), &args[..]),
            };
            for m in rest {
                let routes = mount(w, &prefix, m);
                w.routes.extend(routes);
            }
            this.clone()
        }
        "app.get" | "app.post" | "app.put" | "app.delete" | "app.patch" | "app.all" if !(name == "app.get" && args.len() == 1) => {
            let method = name.trim_start_matches("app.").to_ascii_uppercase();
            w.routes.push(Route { method, path: a0.to_str(), handlers: args[1..].to_vec() });
            this.clone()
        }
        "app.get" | "app.set" | "app.enable" | "app.disable" | "app.engine" => Val::Undef,
        "app.listen" | "server.listen" => {
            let port = match &a0 {
                Val::Num(n) => *n as u16,
                Val::Str(p) => p.parse().unwrap_or(3000),
                _ => 3000,
            };
            w.listening = Some(port);
            if let Some(cb) = args.iter().find(|v| matches!(v, Val::Func(_))) {
                w.call(cb, vec![])?;
            }
            Val::native_pub("server")
        }
        "module.http.createServer" => {
            w.raw_handler = args.iter().find(|v| matches!(v, Val::Func(_))).cloned();
            Val::native_pub("server")
        }
        "server.on" | "server.close" => Val::Undef,
        // ---- response (state kept on the res object)
        "res.status" | "res.sendStatus" => {
            this.set_pub("__status", Val::Num(a0.to_num()));
            if name == "res.sendStatus" {
                this.set_pub("__body", s(reason(a0.to_num() as u16)));
                this.set_pub("__sent", Val::Bool(true));
            }
            this.clone()
        }
        "res.set" | "res.header" | "res.setHeader" | "res.type" | "res.writeHead" => {
            let pairs: Vec<(String, Val)> = match (name, &a0) {
                ("res.writeHead", _) => {
                    this.set_pub("__status", Val::Num(a0.to_num()));
                    this.set_pub("__headwritten", Val::Bool(true));
                    let h = args.iter().skip(1).find(|v| matches!(v, Val::Obj(_))).cloned();
                    match &h {
                        Some(Val::Obj(h)) => h.borrow().iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
                        _ => Vec::new(),
                    }
                }
                ("res.type", _) => vec![("Content-Type".into(), s(&mime(&a0.to_str())))],
                (_, Val::Obj(h)) => h.borrow().iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
                _ => vec![(a0.to_str(), arg(&args, 1))],
            };
            for (k, v) in pairs {
                if k.eq_ignore_ascii_case("content-type") {
                    this.set_pub("__type", v);
                } else {
                    add_header(this, &k, &v.to_str());
                }
            }
            this.clone()
        }
        "res.send" | "res.end" | "res.write" => {
            let (body, ty) = match &a0 {
                Val::Obj(_) | Val::Arr(_) if name == "res.send" => {
                    (json_stringify(&a0, "")?.unwrap_or_default(), "application/json; charset=utf-8")
                }
                Val::Num(n) if name == "res.send" => {
                    this.set_pub("__status", Val::Num(*n));
                    (reason(*n as u16).to_string(), "text/plain; charset=utf-8")
                }
                Val::Undef => (String::new(), "text/html; charset=utf-8"),
                other => (other.to_str(), "text/html; charset=utf-8"),
            };
            let prev = if matches!(this.get_pub("__sent"), Val::Bool(true)) && name != "res.write" {
                String::new()
            } else {
                this.get_pub("__body").to_str_or_empty()
            };
            this.set_pub("__body", s(&format!("{prev}{body}")));
            if matches!(this.get_pub("__type"), Val::Undef) {
                this.set_pub("__type", s(if name == "res.send" { ty } else { "" }));
            }
            if name != "res.write" {
                this.set_pub("__sent", Val::Bool(true));
            } else {
                this.set_pub("__headwritten", Val::Bool(true));
            }
            this.clone()
        }
        "res.json" => {
            this.set_pub("__body", s(&json_stringify(&a0, "")?.unwrap_or_default()));
            this.set_pub("__type", s("application/json; charset=utf-8"));
            this.set_pub("__sent", Val::Bool(true));
            this.clone()
        }
        "res.sendFile" => {
            let path = a0.to_str();
            let root = arg(&args, 1).get_pub("root");
            let full = if let Val::Str(r) = &root {
                format!("{}/{}", r.trim_end_matches('/'), path.trim_start_matches('/'))
            } else {
                path.clone()
            };
            match w.fs.read(&full) {
                Ok(b) => {
                    let mtime = w.fs.get(&full).map(|n| n.meta().mtime).unwrap_or(0);
                    this.set_pub("__file", s(&format!("{mtime} {}", b.len())));
                    this.set_pub("__body", s(&String::from_utf8_lossy(&b)));
                    this.set_pub("__type", s(&mime(&full)));
                }
                Err(_) => {
                    this.set_pub("__status", Val::Num(404.0));
                    this.set_pub("__body", s(&format!("Error: ENOENT: no such file or directory, stat '{full}'")));
                }
            }
            this.set_pub("__sent", Val::Bool(true));
            this.clone()
        }
        "res.redirect" => {
            let (status, url) = match &a0 {
                Val::Num(n) => (*n as u16, arg(&args, 1).to_str()),
                _ => (302, a0.to_str()),
            };
            this.set_pub("__status", Val::Num(status as f64));
            this.set_pub("__body", s(&format!("{}. Redirecting to {url}", reason(status))));
            this.set_pub("__type", s("text/plain; charset=utf-8"));
            add_header(this, "Location", &url);
            add_header(this, "Vary", "Accept");
            this.set_pub("__redirect", Val::Bool(true));
            this.set_pub("__sent", Val::Bool(true));
            this.clone()
        }
        "res.render" => return Err(not_simulated("res.render (view templates)")),
        n if n.starts_with("pkg.") => return super::js_pkgs::call(w, n, this, args),
        n if n.starts_with("mongo.") => return super::mongo::shell::call(w, n, this, args),
        // ---- strings
        n if n.starts_with("string.") => return string_method(&n[7..], this, &args),
        n if n.starts_with("array.") => return array_method(w, &n[6..], this, &args),
        "number.toFixed" => {
            let d = a0.to_num().clamp(0.0, 20.0) as usize;
            s(&format!("{:.*}", d, this.to_num()))
        }
        "number.toString" => s(&this.to_str()),
        "object.hasOwnProperty" => Val::Bool(!matches!(this.get_pub(&a0.to_str()), Val::Undef)),
        "stub" => {
            // A call into a package the simulation does not model: callbacks
            // hear "no error, no rows".
            for v in &args {
                if matches!(v, Val::Func(_)) {
                    w.defer(v.clone(), vec![Val::Null, arr(vec![])]);
                }
            }
            Val::native_pub("stub")
        }
        other => {
            let shown = other.trim_start_matches("module.");
            return Err(not_simulated(&format!("{shown}()")));
        }
    })
}

fn abs(w: &World, p: &str) -> String {
    if p.starts_with('/') {
        normalize(p)
    } else {
        normalize(&format!("{}/{p}", w.cwd.trim_end_matches('/')))
    }
}

/// Node's `path.normalize` over the one path arithmetic (`vfs::normalize`):
/// a relative path stays relative (`.` when nothing is left).
fn normalize(p: &str) -> String {
    let abs = crate::vfs::normalize(p);
    if p.starts_with('/') {
        abs
    } else if abs == "/" {
        ".".into()
    } else {
        abs[1..].to_string()
    }
}

pub fn mime(path: &str) -> String {
    let ext = path.rsplit('.').next().unwrap_or("");
    match ext {
        "html" | "htm" => "text/html; charset=UTF-8",
        "css" => "text/css; charset=UTF-8",
        "js" | "mjs" => "application/javascript; charset=UTF-8",
        "json" => "application/json; charset=UTF-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=UTF-8",
        _ => "application/octet-stream",
    }
    .into()
}

pub fn reason(code: u16) -> &'static str {
    match code {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        410 => "Gone",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "OK",
    }
}

fn string_method(m: &str, this: &Val, args: &[Val]) -> R<Val> {
    let t = this.to_str();
    let a0 = arg(args, 0);
    Ok(match m {
        "toUpperCase" => s(&t.to_uppercase()),
        "toLowerCase" => s(&t.to_lowercase()),
        "trim" => s(t.trim()),
        "trimStart" => s(t.trim_start()),
        "trimEnd" => s(t.trim_end()),
        "includes" => Val::Bool(t.contains(&a0.to_str())),
        "startsWith" => Val::Bool(t.starts_with(&a0.to_str())),
        "endsWith" => Val::Bool(t.ends_with(&a0.to_str())),
        "indexOf" => Val::Num(t.find(&a0.to_str()).map_or(-1.0, |i| t[..i].chars().count() as f64)),
        "split" => match &a0 {
            Val::Str(sep) if sep.is_empty() => arr(t.chars().map(|c| s(&c.to_string())).collect()),
            Val::Str(sep) => arr(t.split(&**sep).map(s).collect()),
            _ => arr(vec![s(&t)]),
        },
        "replace" => s(&t.replacen(&a0.to_str(), &arg(args, 1).to_str(), 1)),
        "replaceAll" => s(&t.replace(&a0.to_str(), &arg(args, 1).to_str())),
        "repeat" => s(&t.repeat(a0.to_num().clamp(0.0, 10_000.0) as usize)),
        "slice" | "substring" | "substr" => {
            let chars: Vec<char> = t.chars().collect();
            let len = chars.len() as i64;
            let norm = |v: &Val, d: i64| -> i64 {
                match v {
                    Val::Undef => d,
                    x => {
                        let n = x.to_num() as i64;
                        if n < 0 && m == "slice" {
                            (len + n).max(0)
                        } else {
                            n.clamp(0, len)
                        }
                    }
                }
            };
            let a = norm(&a0, 0);
            let b = if m == "substr" { (a + arg(args, 1).to_num().max(0.0) as i64).min(len) } else { norm(&arg(args, 1), len) };
            let (a, b) = if m == "substring" && a > b { (b, a) } else { (a, b.max(a)) };
            s(&chars[a as usize..b as usize].iter().collect::<String>())
        }
        "charAt" => s(&t.chars().nth(a0.to_num() as usize).map(|c| c.to_string()).unwrap_or_default()),
        "padStart" | "padEnd" => {
            let n = a0.to_num() as usize;
            let pad = match arg(args, 1) {
                Val::Undef => " ".to_string(),
                p => p.to_str(),
            };
            let len = t.chars().count();
            if len >= n || pad.is_empty() {
                s(&t)
            } else {
                let fill: String = pad.chars().cycle().take(n - len).collect();
                s(&if m == "padStart" { format!("{fill}{t}") } else { format!("{t}{fill}") })
            }
        }
        "toString" => s(&t),
        "concat" => s(&format!("{t}{}", args.iter().map(Val::to_str).collect::<String>())),
        _ => return Err(Thrown::Error("TypeError".into(), format!("\"{t}\".{m} is not a function"))),
    })
}

fn array_method(w: &mut World, m: &str, this: &Val, args: &[Val]) -> R<Val> {
    let Val::Arr(a) = this else { return Ok(Val::Undef) };
    let a0 = arg(args, 0);
    let list = a.borrow().clone();
    Ok(match m {
        "push" => {
            a.borrow_mut().extend(args.iter().cloned());
            Val::Num(a.borrow().len() as f64)
        }
        "pop" => a.borrow_mut().pop().unwrap_or(Val::Undef),
        "shift" => {
            let mut b = a.borrow_mut();
            if b.is_empty() {
                Val::Undef
            } else {
                b.remove(0)
            }
        }
        "unshift" => {
            let mut b = a.borrow_mut();
            for (i, v) in args.iter().enumerate() {
                b.insert(i, v.clone());
            }
            Val::Num(b.len() as f64)
        }
        "join" => {
            s(&list.iter().map(|v| if matches!(v, Val::Undef | Val::Null) { String::new() } else { v.to_str() }).collect::<Vec<_>>().join(
                &match &a0 {
                    Val::Undef => ",".to_string(),
                    x => x.to_str(),
                },
            ))
        }
        "includes" => Val::Bool(list.iter().any(|v| matches!(binop("===", v, &a0), Val::Bool(true)))),
        "indexOf" => Val::Num(list.iter().position(|v| matches!(binop("===", v, &a0), Val::Bool(true))).map_or(-1.0, |i| i as f64)),
        "slice" => {
            let len = list.len() as i64;
            let norm = |v: &Val, d: i64| match v {
                Val::Undef => d,
                x => {
                    let n = x.to_num() as i64;
                    if n < 0 {
                        (len + n).max(0)
                    } else {
                        n.min(len)
                    }
                }
            };
            let (x, y) = (norm(&a0, 0), norm(&arg(args, 1), len));
            arr(list[x as usize..(y.max(x)) as usize].to_vec())
        }
        "concat" => {
            let mut out = list;
            for v in args {
                match v {
                    Val::Arr(b) => out.extend(b.borrow().iter().cloned()),
                    other => out.push(other.clone()),
                }
            }
            arr(out)
        }
        "reverse" => {
            a.borrow_mut().reverse();
            this.clone()
        }
        "map" | "filter" | "forEach" | "find" | "findIndex" | "some" | "every" | "flatMap" => {
            let mut out = Vec::new();
            for (i, v) in list.iter().enumerate() {
                let r = w.call(&a0, vec![v.clone(), Val::Num(i as f64), this.clone()])?;
                match m {
                    "map" => out.push(r),
                    "flatMap" => match &r {
                        Val::Arr(x) => out.extend(x.borrow().iter().cloned()),
                        _ => out.push(r.clone()),
                    },
                    "filter" if r.truthy() => out.push(v.clone()),
                    "find" if r.truthy() => return Ok(v.clone()),
                    "findIndex" if r.truthy() => return Ok(Val::Num(i as f64)),
                    "some" if r.truthy() => return Ok(Val::Bool(true)),
                    "every" if !r.truthy() => return Ok(Val::Bool(false)),
                    _ => {}
                }
            }
            match m {
                "map" | "filter" | "flatMap" => arr(out),
                "find" => Val::Undef,
                "findIndex" => Val::Num(-1.0),
                "some" => Val::Bool(false),
                "every" => Val::Bool(true),
                _ => Val::Undef,
            }
        }
        "reduce" => {
            let mut it = list.into_iter();
            let mut acc = if args.len() > 1 {
                arg(args, 1)
            } else {
                it.next().ok_or_else(|| Thrown::Error("TypeError".into(), "Reduce of empty array with no initial value".into()))?
            };
            for v in it {
                acc = w.call(&a0, vec![acc, v])?;
            }
            acc
        }
        "sort" => {
            let mut l = list;
            if matches!(a0, Val::Func(_)) {
                // Insertion sort through the comparator (bounded by the step limit).
                for i in 1..l.len() {
                    let mut j = i;
                    while j > 0 && w.call(&a0, vec![l[j - 1].clone(), l[j].clone()])?.to_num() > 0.0 {
                        l.swap(j - 1, j);
                        j -= 1;
                    }
                }
            } else {
                l.sort_by_key(|v| v.to_str());
            }
            *a.borrow_mut() = l;
            this.clone()
        }
        "toString" => s(&this.to_str()),
        "keys" => arr((0..list.len()).map(|i| Val::Num(i as f64)).collect()),
        _ => return Err(Thrown::Error("TypeError".into(), format!("{}.{m} is not a function", inspect(this, 1, false)))),
    })
}

/// What an app answered.
pub struct Response {
    pub status: u16,
    pub content_type: String,
    pub body: String,
    /// Headers the program set besides Content-Type, in order.
    pub headers: Vec<(String, String)>,
    /// Who answered: Express (its own headers), or Node's `http` module.
    pub kind: Answerer,
    /// A static file's (mtime, size) (`express.static`, `res.sendFile`).
    pub file: Option<(i64, usize)>,
}

/// What produced a Node app's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answerer {
    /// An Express route or middleware (`res.send`, `res.json`…).
    Express,
    /// Express's final handler (the `Cannot GET` page).
    ExpressFinal,
    /// `res.redirect`: Location and `Vary: Accept`, no ETag.
    ExpressRedirect,
    /// Node's `http` module with the head written first (`writeHead`, `write`): chunked.
    NodeChunked,
    /// Node's `http` module, the body given to `end`: Content-Length.
    Node,
}

/// Appends a header to the response object's ordered list (`__hdrs`).
fn add_header(res: &Val, name: &str, value: &str) {
    let prev = res.get_pub("__hdrs").to_str_or_empty();
    res.set_pub("__hdrs", s(&format!("{prev}{name}\u{0}{value}\n")));
}

fn header_list(res: &Val) -> Vec<(String, String)> {
    res.get_pub("__hdrs")
        .to_str_or_empty()
        .lines()
        .filter_map(|l| l.split_once('\u{0}'))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Answers `method path` with the routes, static directories and raw
/// handler the program registered.
pub fn handle(w: &mut World, method: &str, target: &str) -> Result<Response, String> {
    handle_body(w, method, target, "", "")
}

/// [`handle`] with the request's body and its Content-Type (parsed into
/// `req.body` when the app uses `express.json()` / `express.urlencoded()`).
pub fn handle_body(w: &mut World, method: &str, target: &str, body: &str, content_type: &str) -> Result<Response, String> {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let q = Val::obj_pub(vec![]);
    for p in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = p.split_once('=').unwrap_or((p, ""));
        q.set_pub(k, s(&v.replace('+', " ")));
    }
    let res = Val::obj_pub(vec![]);
    for (k, n) in [
        ("status", "res.status"),
        ("sendStatus", "res.sendStatus"),
        ("send", "res.send"),
        ("json", "res.json"),
        ("end", "res.end"),
        ("write", "res.write"),
        ("set", "res.set"),
        ("header", "res.header"),
        ("setHeader", "res.setHeader"),
        ("type", "res.type"),
        ("writeHead", "res.writeHead"),
        ("sendFile", "res.sendFile"),
        ("redirect", "res.redirect"),
        ("render", "res.render"),
    ] {
        res.set_pub(k, Val::native_with(n, res.clone()));
    }
    let req = Val::obj_pub(vec![
        ("method", s(method)),
        ("url", s(target)),
        ("path", s(path)),
        ("query", q),
        ("headers", Val::obj_pub(vec![("host", s("localhost")), ("user-agent", s("curl/8.5.0"))])),
        ("body", Val::obj_pub(vec![])),
        ("params", Val::obj_pub(vec![])),
    ]);
    let ctype = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if w.body_parsers.0 && (ctype == "application/json" || ctype.ends_with("+json")) && !body.is_empty() {
        match json_parse(body) {
            Ok(v) => req.set_pub("body", v),
            Err(e) => {
                return Ok(Response {
                    headers: Vec::new(),
                    kind: Answerer::ExpressFinal,
                    file: None,
                    status: 400,
                    content_type: "text/html; charset=utf-8".into(),
                    body: format!("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n<pre>SyntaxError: {e}</pre>\n</body>\n</html>\n"),
                })
            }
        }
    } else if w.body_parsers.1 && ctype == "application/x-www-form-urlencoded" {
        let form = Val::obj_pub(vec![]);
        for p in body.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            form.set_pub(k, s(&v.replace('+', " ")));
        }
        req.set_pub("body", form);
    }
    let done = |res: &Val| matches!(res.get_pub("__sent"), Val::Bool(true));
    let raw = w.raw_handler.is_some();
    let finish = |res: &Val| Response {
        status: match res.get_pub("__status") {
            Val::Num(n) => n as u16,
            _ => 200,
        },
        content_type: res.get_pub("__type").to_str_or_empty(),
        body: res.get_pub("__body").to_str_or_empty(),
        headers: header_list(res),
        kind: match (raw, matches!(res.get_pub("__headwritten"), Val::Bool(true))) {
            (true, true) => Answerer::NodeChunked,
            (true, false) => Answerer::Node,
            _ if matches!(res.get_pub("__redirect"), Val::Bool(true)) => Answerer::ExpressRedirect,
            _ => Answerer::Express,
        },
        file: res.get_pub("__file").to_str_or_empty().split_once(' ').and_then(|(m, n)| Some((m.parse().ok()?, n.parse().ok()?))),
    };
    let run = |w: &mut World, f: &Val, args: Vec<Val>| -> Result<(), String> {
        match w.call(f, args).and_then(|_| w.run_queue(None)) {
            Ok(_) => Ok(()),
            Err(Thrown::Error(k, m)) if m.starts_with("dockersim:") => Err(format!("{k}: {m}")),
            Err(Thrown::Error(k, m)) => Err(format!("{k}: {m}")),
            Err(Thrown::Value(v)) => Err(inspect(&v, 0, false)),
        }
    };
    if let Some(h) = w.raw_handler.clone() {
        run(w, &h, vec![req, res.clone()])?;
        return Ok(finish(&res));
    }
    let routes = w.routes.clone();
    for r in &routes {
        match r.method.as_str() {
            "STATIC" => {
                let (prefix, dir) = r.path.split_once('\0').unwrap_or(("", &r.path));
                let Some(rest) = path.strip_prefix(prefix) else { continue };
                let mut file = format!("{}/{}", dir.trim_end_matches('/'), rest.trim_start_matches('/'));
                if file.ends_with('/') || matches!(w.fs.get(&file), Ok(crate::vfs::Node::Dir { .. })) {
                    file = format!("{}/index.html", file.trim_end_matches('/'));
                }
                if let Ok(b) = w.fs.read(&file) {
                    let mtime = w.fs.get(&file).map(|n| n.meta().mtime).unwrap_or(0);
                    return Ok(Response {
                        status: 200,
                        content_type: mime(&file),
                        file: Some((mtime, b.len())),
                        body: String::from_utf8_lossy(&b).into_owned(),
                        headers: Vec::new(),
                        kind: Answerer::Express,
                    });
                }
            }
            "USE" => {
                if !path.starts_with(&r.path) {
                    continue;
                }
                let next = Val::native_pub("middleware.next");
                for h in &r.handlers {
                    run(w, h, vec![req.clone(), res.clone(), next.clone()])?;
                }
                if done(&res) {
                    return Ok(finish(&res));
                }
            }
            m if m == method || m == "ALL" => {
                let Some(params) = match_path(&r.path, path) else { continue };
                let p = req.get_pub("params");
                for (k, v) in params {
                    p.set_pub(&k, s(&v));
                }
                let next = Val::native_pub("middleware.next");
                for h in &r.handlers {
                    run(w, h, vec![req.clone(), res.clone(), next.clone()])?;
                    if done(&res) {
                        break;
                    }
                }
                if done(&res) || !res.get_pub("__body").to_str_or_empty().is_empty() {
                    return Ok(finish(&res));
                }
                return Err(format!("dockersim: the handler for {method} {} did not answer in a way the simulation follows (a callback or promise it waits on)", r.path));
            }
            _ => {}
        }
    }
    Ok(Response {
        status: 404,
        content_type: "text/html; charset=utf-8".into(),
        body: format!("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot {method} {path}</pre>\n</body>\n</html>\n"),
        headers: Vec::new(),
        kind: Answerer::ExpressFinal,
        file: None,
    })
}

/// Express path patterns: `/items/:id`, `*`.
fn match_path(pattern: &str, path: &str) -> Option<Vec<(String, String)>> {
    if pattern == "*" || pattern == "/*" {
        return Some(Vec::new());
    }
    let pp: Vec<&str> = pattern.trim_end_matches('/').split('/').collect();
    let xp: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    if pp.len() != xp.len() {
        return None;
    }
    let mut out = Vec::new();
    for (p, x) in pp.iter().zip(&xp) {
        if let Some(name) = p.strip_prefix(':') {
            out.push((name.trim_end_matches('?').to_string(), x.to_string()));
        } else if p != x {
            return None;
        }
    }
    Some(out)
}
