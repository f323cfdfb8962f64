//! mongosh and the legacy `mongo` shell on the JavaScript evaluator: the
//! shell's globals (`db`, `ObjectId`, `print`, `printjson`, …), its
//! commands (`show dbs`, `use`, `it`), the collection and cursor methods
//! on the server, and each shell's way of printing results and errors.

use super::format::{self, Show};
use super::{number, Doc, Server, ServerErr};
use crate::apps::js::{self, Thrown, Val, World};
use serde_json::{Map, Value as J};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// One connected shell.
pub struct Shell {
    pub server: Server,
    pub db: String,
    pub legacy: bool,
    /// Whether the connection may run commands (authenticated, or no auth needed).
    pub authed: bool,
    /// The server's version (`7.0.16`).
    pub version: String,
    /// The cursor `it` continues: its spec and how many documents were shown.
    pub cursor: Option<(String, usize)>,
    warned: Vec<&'static str>,
    pub stdout: String,
    /// Whether the value of the code is printed (not for `--eval` in the legacy shell, nor files).
    pub echo: bool,
    /// The variables the code declared, kept for the next line or script
    /// (name, [`keep`]'s JSON), and the lines that declared functions.
    pub vars: Vec<(String, String)>,
    pub defs: Vec<String>,
    /// The user the connection authenticated as (user, database).
    pub who: Option<(String, String)>,
    /// When the server started (seconds) and its host name (serverStatus).
    pub started: i64,
    pub host: String,
}

impl Shell {
    pub fn new(server: Server, db: &str, legacy: bool, authed: bool, version: &str) -> Shell {
        Shell {
            server,
            db: db.into(),
            legacy,
            authed,
            version: version.into(),
            cursor: None,
            warned: Vec::new(),
            stdout: String::new(),
            echo: true,
            vars: Vec::new(),
            defs: Vec::new(),
            who: None,
            started: 0,
            host: String::new(),
        }
    }
}

/// What one evaluation printed and how it ended.
pub struct Ran {
    pub stdout: String,
    pub stderr: String,
    pub ok: bool,
    pub exit: Option<i32>,
}

type R<T> = Result<T, Thrown>;

fn s(text: &str) -> Val {
    Val::Str(Rc::from(text))
}

fn obj(fields: Vec<(String, Val)>) -> Val {
    Val::Obj(Rc::new(RefCell::new(fields)))
}

fn server_err(e: ServerErr) -> Thrown {
    if e.0.starts_with("dockersim:") {
        return Thrown::Error("Error".into(), e.0);
    }
    Thrown::Error("MongoServerError".into(), e.0)
}

// --------------------------------------------------------- conversions ----

pub fn to_j(v: &Val, now_ms: i64) -> J {
    match v {
        Val::Undef | Val::Null => J::Null,
        Val::Bool(b) => J::Bool(*b),
        Val::Num(n) => number(*n),
        Val::Str(t) => J::String(t.to_string()),
        Val::Arr(a) => J::Array(a.borrow().iter().map(|x| to_j(x, now_ms)).collect()),
        Val::Obj(o) => {
            let o = o.borrow();
            if o.iter().any(|(k, _)| k == "__date") {
                let mut m = Map::new();
                m.insert("$date".into(), J::from(now_ms));
                return J::Object(m);
            }
            J::Object(
                o.iter().filter(|(_, x)| !matches!(x, Val::Undef | Val::Func(_))).map(|(k, x)| (k.clone(), to_j(x, now_ms))).collect(),
            )
        }
        Val::Func(_) | Val::Native(..) => J::Null,
    }
}

pub fn from_j(v: &J) -> Val {
    match v {
        J::Null => Val::Null,
        J::Bool(b) => Val::Bool(*b),
        J::Number(n) => Val::Num(n.as_f64().unwrap_or(0.0)),
        J::String(t) => s(t),
        J::Array(a) => Val::Arr(Rc::new(RefCell::new(a.iter().map(from_j).collect()))),
        J::Object(o) => obj(o.iter().map(|(k, x)| (k.clone(), from_j(x))).collect()),
    }
}

fn doc_arg(v: &Val, now_ms: i64) -> R<Doc> {
    match v {
        Val::Undef | Val::Null => Ok(Map::new()),
        Val::Obj(_) => Ok(to_j(v, now_ms).as_object().cloned().unwrap_or_default()),
        other => Err(Thrown::Error(
            "MongoInvalidArgumentError".into(),
            format!("Argument \"filter\" must be an object, got {}", js::inspect(other, 0, false)),
        )),
    }
}

/// A value for printing (the shell's own objects rendered as it shows them).
pub fn show_val(v: &Val, legacy: bool) -> Show {
    match v {
        Val::Undef => Show::Atom("undefined".into()),
        Val::Str(t) => Show::Str(t.to_string()),
        Val::Arr(a) => Show::Arr(a.borrow().iter().map(|x| show_val(x, legacy)).collect()),
        Val::Obj(o) => {
            let b = o.borrow();
            if let Some((_, Val::Str(t))) = b.iter().find(|(k, _)| k == "__shown") {
                return Show::Atom(t.to_string());
            }
            drop(b);
            let j = to_j(v, 0);
            if let J::Object(m) = &j {
                if m.len() == 1 && (m.contains_key("$oid") || m.contains_key("$date")) {
                    return format::show(&j, legacy);
                }
            }
            Show::Obj(o.borrow().iter().map(|(k, x)| (k.clone(), show_val(x, legacy))).collect())
        }
        Val::Func(_) => Show::Atom("[Function (anonymous)]".into()),
        Val::Native(n, this) if &**n == "mongo.db" => Show::Atom(this.to_str()),
        Val::Native(n, this) if &**n == "mongo.coll" => {
            let (db, c) = coll_of(this);
            Show::Atom(format!("{db}.{c}"))
        }
        Val::Native(n, _) => Show::Atom(format!("[Function: {}]", n.rsplit('.').next().unwrap_or(n))),
        other => Show::Atom(other.to_str()),
    }
}

fn shown(text: String) -> Val {
    obj(vec![("__shown".into(), s(&text))])
}

// ------------------------------------------------------------ running ----

/// Evaluates `src` (an `--eval` script or one line typed at the prompt)
/// and prints its value as the shell does.
pub fn eval(sh: &mut Shell, fs: &crate::vfs::Fs, src: &str, now: i64, hostname: &str) -> Ran {
    sh.server.now = now;
    let trimmed = src.trim().trim_end_matches(';').trim();
    if let Some(r) = command(sh, trimmed) {
        return r;
    }
    let legacy = sh.legacy;
    // `db` follows the shell's database (`use("shop")` switches it).
    let mut globals = vec![
        ("db".to_string(), Val::Native(Rc::from("mongo.db"), Rc::new(Val::Undef))),
        ("ObjectId".into(), Val::Native(Rc::from("mongo.ObjectId"), Rc::new(Val::Undef))),
        ("ISODate".into(), Val::Native(Rc::from("mongo.ISODate"), Rc::new(Val::Undef))),
        ("NumberInt".into(), Val::Native(Rc::from("mongo.NumberInt"), Rc::new(Val::Undef))),
        ("NumberLong".into(), Val::Native(Rc::from("mongo.NumberLong"), Rc::new(Val::Undef))),
        ("print".into(), Val::Native(Rc::from("mongo.print"), Rc::new(Val::Undef))),
        ("printjson".into(), Val::Native(Rc::from("mongo.printjson"), Rc::new(Val::Undef))),
        ("tojson".into(), Val::Native(Rc::from("mongo.tojson"), Rc::new(Val::Undef))),
        ("quit".into(), Val::Native(Rc::from("mongo.quit"), Rc::new(Val::Undef))),
        ("exit".into(), Val::Native(Rc::from("mongo.quit"), Rc::new(Val::Undef))),
    ];
    if !legacy {
        globals.push(("use".into(), Val::Native(Rc::from("mongo.use"), Rc::new(Val::Undef))));
    }
    let builtin: Vec<String> = globals.iter().map(|(k, _)| k.clone()).collect();
    for (k, text) in &sh.vars {
        if let Ok(j) = serde_json::from_str::<J>(text) {
            globals.push((k.clone(), restore(&j)));
        }
    }
    sh.stdout.clear();
    let defs = sh.defs.clone();
    let (r, vars, w_out, w_err) = {
        let mut w = World::new(fs, BTreeMap::new(), "/", hostname);
        w.now = now;
        w.mongo = Some(&mut *sh);
        let (r, vars) = w.eval_shell_keep(&defs, src, globals);
        w.mongo = None;
        (r, vars, std::mem::take(&mut w.stdout), std::mem::take(&mut w.stderr))
    };
    keep_vars(sh, src, &builtin, vars);
    let mut out = std::mem::take(&mut sh.stdout);
    out.push_str(&w_out);
    let mut ran = Ran { stdout: out, stderr: w_err, ok: true, exit: None };
    match r {
        Ok(_) if !sh.echo => {}
        Ok(v) => {
            let text = match result_text(sh, &v) {
                Ok(t) => t,
                Err(e) => {
                    ran.ok = false;
                    ran.stderr.push_str(&e);
                    String::new()
                }
            };
            if !text.is_empty() {
                ran.stdout.push_str(&text);
                ran.stdout.push('\n');
            }
        }
        Err(Thrown::Error(kind, msg)) if kind == "EXIT" => ran.exit = Some(msg.parse().unwrap_or(0)),
        Err(e) => {
            ran.ok = false;
            ran.stderr.push_str(&error_text(&e, legacy));
        }
    }
    ran
}

/// What the code's scope ends with, kept for the next line: data as
/// [`keep`]'s JSON, functions as the lines that declared them; `db`
/// assigned another database (`db = db.getSiblingDB("x")`) switches the shell.
fn keep_vars(sh: &mut Shell, src: &str, builtin: &[String], vars: Vec<(String, Val)>) {
    let declared = World::function_decls(src);
    let mut kept = Vec::new();
    for (k, v) in vars {
        if builtin.contains(&k) {
            if let (true, Val::Native(n, this)) = (k == "db", &v) {
                if let (true, Val::Str(name)) = (&**n == "mongo.db", &**this) {
                    sh.db = name.to_string();
                }
            }
            continue;
        }
        if matches!(v, Val::Func(_)) || declared.as_ref().is_some_and(|d| d.contains(&k)) {
            continue;
        }
        kept.push((k, keep(&v, 0).to_string()));
    }
    sh.vars = kept;
    if declared.is_some() && !sh.defs.iter().any(|d| d == src) {
        sh.defs.push(src.to_string());
    }
}

/// A value as JSON that [`restore`] turns back into it: objects as
/// `{"o": [[key, value]…]}`, undefined `{"u": 0}`, the shell's own objects
/// (`db`, collections, cursors) `{"n": name, "t": value}`.
fn keep(v: &Val, depth: usize) -> J {
    if depth > 64 {
        return J::Null;
    }
    let tag = |k: &str, x: J| J::Object(Map::from_iter([(k.to_string(), x)]));
    match v {
        Val::Undef | Val::Func(_) => tag("u", J::from(0)),
        Val::Null => J::Null,
        Val::Bool(b) => J::Bool(*b),
        Val::Num(n) if n.is_finite() => number(*n),
        Val::Num(n) => tag("f", J::String(js::num_str(*n))),
        Val::Str(t) => J::String(t.to_string()),
        Val::Arr(a) => J::Array(a.borrow().iter().map(|x| keep(x, depth + 1)).collect()),
        Val::Obj(o) => {
            tag("o", J::Array(o.borrow().iter().map(|(k, x)| J::Array(vec![J::String(k.clone()), keep(x, depth + 1)])).collect()))
        }
        Val::Native(n, this) => {
            J::Object(Map::from_iter([("n".to_string(), J::String(n.to_string())), ("t".to_string(), keep(this, depth + 1))]))
        }
    }
}

fn restore(j: &J) -> Val {
    match j {
        J::Array(a) => Val::Arr(Rc::new(RefCell::new(a.iter().map(restore).collect()))),
        J::Object(m) => {
            if let (Some(J::String(n)), Some(t)) = (m.get("n"), m.get("t")) {
                return Val::Native(Rc::from(n.as_str()), Rc::new(restore(t)));
            }
            if let Some(J::String(f)) = m.get("f") {
                return Val::Num(f.parse().unwrap_or(f64::NAN));
            }
            match m.get("o") {
                Some(J::Array(fields)) => obj(fields
                    .iter()
                    .filter_map(|f| match f.as_array().map(Vec::as_slice) {
                        Some([J::String(k), x]) => Some((k.clone(), restore(x))),
                        _ => None,
                    })
                    .collect()),
                _ => Val::Undef,
            }
        }
        other => from_j(other),
    }
}

fn error_text(e: &Thrown, legacy: bool) -> String {
    let (kind, msg) = match e {
        Thrown::Error(k, m) => (k.clone(), m.clone()),
        Thrown::Value(v) => {
            let m = v.get_pub("message");
            if matches!(m, Val::Undef) {
                ("Uncaught".into(), format::inspect(&show_val(v, legacy), 100))
            } else {
                ("Error".into(), m.to_str())
            }
        }
    };
    if msg.starts_with("dockersim:") {
        return format!("{msg}\n");
    }
    if legacy {
        let kind = if kind == "MongoServerError" { "Error".to_string() } else { kind };
        return format!("uncaught exception: {kind}: {msg} :\n@(shell):1:1\n");
    }
    if kind == "Uncaught" {
        return format!("Uncaught {msg}\n");
    }
    format!("{kind}: {msg}\n")
}

/// `show dbs`, `show collections`, `use`, `it`: lines the shells read
/// before JavaScript.
fn command(sh: &mut Shell, line: &str) -> Option<Ran> {
    let mut words = line.split_whitespace();
    let first = words.next()?;
    let arg = words.next();
    let ok =
        |text: String| Some(Ran { stdout: if text.is_empty() { text } else { text + "\n" }, stderr: String::new(), ok: true, exit: None });
    let fail = |text: String| Some(Ran { stdout: String::new(), stderr: text + "\n", ok: false, exit: None });
    match (first, arg) {
        ("use", Some(db)) if words.next().is_none() => {
            if db.contains(['/', '\\', '.', ' ', '"', '$']) {
                return fail(format!("MongoInvalidArgumentError: Invalid database name: {db}"));
            }
            ok(switch_db(sh, db))
        }
        ("show", Some(what)) => {
            if !sh.authed {
                let cmd = if matches!(what, "dbs" | "databases") { "listDatabases" } else { "listCollections" };
                return fail(if sh.legacy {
                    format!("uncaught exception: Error: command {cmd} requires authentication :")
                } else {
                    format!("MongoServerError: command {cmd} requires authentication")
                });
            }
            match what {
                "dbs" | "databases" => {
                    let names = sh.server.db_names();
                    if sh.legacy {
                        let w = names.iter().map(|n| n.len()).max().unwrap_or(0);
                        let lines: Vec<String> = names
                            .iter()
                            .map(|n| format!("{n:<w$} {:.3}GB", sh.server.db_size(n) as f64 / 1024.0 / 1024.0 / 1024.0, w = w + 1))
                            .collect();
                        ok(lines.join("\n"))
                    } else {
                        let rows: Vec<(String, String)> = names.iter().map(|n| (n.clone(), format::bytes(sh.server.db_size(n)))).collect();
                        ok(format::table(&rows))
                    }
                }
                "collections" | "tables" => {
                    let names: Vec<String> = sh.server.dbs.get(&sh.db).map(|d| d.keys().cloned().collect()).unwrap_or_default();
                    ok(names.join("\n"))
                }
                "users" => {
                    let users: Vec<J> = sh.server.users.iter().filter(|u| u.db == sh.db).map(user_info).collect();
                    let show = format::show(&J::Array(users), sh.legacy);
                    ok(if sh.legacy { format::tojson(&show, false) } else { format::inspect(&show, 100) })
                }
                other => fail(if sh.legacy {
                    format!("uncaught exception: Error: don't know how to show [{other}] :")
                } else {
                    format!("MongoshInvalidInputError: [COMMON-10001] '{other}' is not a valid argument for \"show\".")
                }),
            }
        }
        ("it", None) => {
            let Some((spec, shown)) = sh.cursor.clone() else {
                return ok("no cursor".into());
            };
            let docs = match cursor_docs(sh, &spec) {
                Ok(d) => d,
                Err(e) => return fail(error_text(&e, sh.legacy).trim_end().to_string()),
            };
            ok(batch(sh, &spec, docs, shown))
        }
        _ => None,
    }
}

/// `use DB` and mongosh's `use("DB")`: what the shell says.
fn switch_db(sh: &mut Shell, db: &str) -> String {
    if !sh.legacy && sh.db == db {
        return format!("already on db {db}");
    }
    sh.db = db.to_string();
    sh.cursor = None;
    format!("switched to db {db}")
}

fn user_info(u: &super::User) -> J {
    let roles: Vec<J> = u.roles.iter().map(|(r, d)| serde_json::json!({"role": r, "db": d})).collect();
    serde_json::json!({"_id": format!("{}.{}", u.db, u.user), "userId": {"$oid": "000000000000000000000000"}, "user": u.user, "db": u.db, "roles": roles, "mechanisms": ["SCRAM-SHA-1", "SCRAM-SHA-256"]})
}

/// The printed form of an evaluation's value.
fn result_text(sh: &mut Shell, v: &Val) -> Result<String, String> {
    Ok(match v {
        Val::Undef => String::new(),
        Val::Native(n, this) if &**n == "mongo.db" && matches!(**this, Val::Undef) => sh.db.clone(),
        Val::Native(n, this) if &**n == "mongo.cursor" => {
            let spec = this.to_str();
            match cursor_docs(sh, &spec) {
                Ok(docs) => batch(sh, &spec, docs, 0),
                Err(e) => return Err(error_text(&e, sh.legacy)),
            }
        }
        Val::Str(t) if !sh.legacy => t.to_string(),
        other if sh.legacy => match other {
            Val::Str(t) => t.to_string(),
            _ => format::tojson(&show_val(other, true), false),
        },
        other => format::inspect(&show_val(other, false), 100),
    })
}

/// Up to 20 documents from `from`, and `Type "it" for more` if more remain.
fn batch(sh: &mut Shell, spec: &str, docs: Vec<Doc>, from: usize) -> String {
    let page: Vec<J> = docs.iter().skip(from).take(20).cloned().map(J::Object).collect();
    let more = docs.len() > from + 20;
    sh.cursor = more.then(|| (spec.to_string(), from + 20));
    let mut text = if sh.legacy {
        page.iter().map(|d| format::tojson(&format::show(d, true), true)).collect::<Vec<_>>().join("\n")
    } else if page.is_empty() {
        String::new()
    } else {
        format::inspect(&format::show(&J::Array(page), false), usize::MAX)
    };
    if more {
        text.push_str("\nType \"it\" for more");
    }
    text
}

// ------------------------------------------------------------- members ----

const DB_METHODS: &[&str] = &[
    "getName",
    "version",
    "stats",
    "getCollectionNames",
    "getCollectionInfos",
    "getCollection",
    "createCollection",
    "dropDatabase",
    "getSiblingDB",
    "getMongo",
    "createUser",
    "dropUser",
    "getUsers",
    "getUser",
    "auth",
    "runCommand",
    "adminCommand",
    "serverStatus",
    "hello",
    "isMaster",
    "help",
];

const COLL_METHODS: &[&str] = &[
    "insertOne",
    "insertMany",
    "insert",
    "find",
    "findOne",
    "countDocuments",
    "estimatedDocumentCount",
    "count",
    "updateOne",
    "updateMany",
    "update",
    "replaceOne",
    "deleteOne",
    "deleteMany",
    "remove",
    "drop",
    "createIndex",
    "getIndexes",
    "dropIndex",
    "aggregate",
    "distinct",
    "findOneAndUpdate",
    "findOneAndDelete",
    "getName",
    "stats",
];

/// `db.users`, `db.users.find`, `cursor.sort`: what a property of the
/// shell's objects is.
pub fn member(name: &str, this: &Rc<Val>, key: &str, current: Option<&str>) -> Val {
    let native = |n: String, t: Val| Val::Native(Rc::from(n.as_str()), Rc::new(t));
    // The global `db`: the shell's database now.
    let live;
    let this = match (name, &**this, current) {
        ("mongo.db", Val::Undef, Some(db)) => {
            live = Rc::new(s(db));
            &live
        }
        _ => this,
    };
    match name {
        "mongo.db" if DB_METHODS.contains(&key) => native(format!("mongo.db.{key}"), (**this).clone()),
        "mongo.db" => native("mongo.coll".into(), obj(vec![("db".into(), (**this).clone()), ("name".into(), s(key))])),
        "mongo.coll" if COLL_METHODS.contains(&key) => native(format!("mongo.coll.{key}"), (**this).clone()),
        "mongo.coll" => {
            let (db, c) = coll_of(this);
            native("mongo.coll".into(), obj(vec![("db".into(), s(&db)), ("name".into(), s(&format!("{c}.{key}")))]))
        }
        _ => native(format!("{name}.{key}"), (**this).clone()),
    }
}

fn coll_of(this: &Val) -> (String, String) {
    (this.get_pub("db").to_str(), this.get_pub("name").to_str())
}

fn arg(args: &[Val], i: usize) -> Val {
    args.get(i).cloned().unwrap_or(Val::Undef)
}

fn num_field(v: &Val, k: &str) -> Option<f64> {
    match v.get_pub(k) {
        Val::Num(n) => Some(n),
        _ => None,
    }
}

/// Calls one of the shell's functions.
pub fn call(w: &mut World, name: &str, this: &Val, args: Vec<Val>) -> R<Val> {
    let now_ms = w.now.saturating_mul(1000);
    let legacy = w.mongo.as_ref().is_some_and(|m| m.legacy);
    let current = w.mongo.as_ref().map(|m| m.db.clone()).unwrap_or_default();
    let args: Vec<Val> = args
        .into_iter()
        .map(|a| match &a {
            Val::Native(n, this) if &**n == "mongo.db" && matches!(**this, Val::Undef) => Val::Native(n.clone(), Rc::new(s(&current))),
            _ => a,
        })
        .collect();
    match name {
        "mongo.print" => {
            let parts: Vec<String> = args
                .iter()
                .map(|a| match a {
                    Val::Str(t) => t.to_string(),
                    other if legacy => format::tojson(&show_val(other, true), false),
                    other => format::inspect(&show_val(other, false), 100),
                })
                .collect();
            push_out(w, &(parts.join(" ") + "\n"));
            return Ok(Val::Undef);
        }
        "mongo.printjson" => {
            let a = arg(&args, 0);
            let text = if legacy { format::tojson(&show_val(&a, true), false) } else { format::inspect(&show_val(&a, false), 100) };
            push_out(w, &(text + "\n"));
            return Ok(Val::Undef);
        }
        "mongo.tojson" => {
            let a = arg(&args, 0);
            return Ok(s(&if legacy { format::tojson(&show_val(&a, true), false) } else { format::inspect(&show_val(&a, false), 100) }));
        }
        "mongo.quit" => return Err(Thrown::Error("EXIT".into(), js::num_str(arg(&args, 0).to_num().max(0.0)))),
        "mongo.ObjectId" => {
            return Ok(match &arg(&args, 0) {
                Val::Str(h) if h.len() == 24 && h.chars().all(|c| c.is_ascii_hexdigit()) => from_j(&super::oid(&h.to_lowercase())),
                Val::Undef => from_j(&shell(w)?.server.new_id()),
                other => {
                    return Err(Thrown::Error(
                        "BSONError".into(),
                        format!(
                            "input must be a 24 character hex string, 12 byte Uint8Array, or an integer, got {}",
                            js::inspect(other, 0, false)
                        ),
                    ))
                }
            })
        }
        "mongo.ISODate" => {
            let ms = match &arg(&args, 0) {
                Val::Str(t) => parse_date(t).ok_or_else(|| Thrown::Error("Error".into(), format!("invalid ISO date: {t}")))?,
                _ => now_ms,
            };
            let mut m = Map::new();
            m.insert("$date".into(), J::from(ms));
            return Ok(from_j(&J::Object(m)));
        }
        "mongo.NumberInt" | "mongo.NumberLong" => return Ok(Val::Num(arg(&args, 0).to_num().trunc())),
        "mongo.use" => {
            let a0 = arg(&args, 0);
            let Val::Str(db) = &a0 else {
                let text = match &a0 {
                    Val::Undef => "Missing required argument at position 0".to_string(),
                    other => format!("Argument at position 0 must be of type string, got {} instead", other.type_of()),
                };
                return Err(Thrown::Error("MongoshInvalidInputError".into(), format!("[COMMON-10001] {text} (Mongo.use)")));
            };
            return Ok(s(&switch_db(shell(w)?, db)));
        }
        _ => {}
    }
    if let Some(method) = name.strip_prefix("mongo.db.") {
        let db = if matches!(this, Val::Undef) { shell(w)?.db.clone() } else { this.to_str() };
        return db_call(w, method, &db, &args, now_ms);
    }
    if let Some(method) = name.strip_prefix("mongo.coll.") {
        let (db, c) = coll_of(this);
        return coll_call(w, method, &db, &c, &args, now_ms);
    }
    if let Some(method) = name.strip_prefix("mongo.cursor.") {
        return cursor_call(w, method, &this.to_str(), &args);
    }
    Err(Thrown::Error("TypeError".into(), format!("{} is not a function", name.trim_start_matches("mongo."))))
}

fn push_out(w: &mut World, text: &str) {
    let before = std::mem::take(&mut w.stdout);
    if let Some(m) = w.mongo.as_mut() {
        m.stdout.push_str(&before);
        m.stdout.push_str(text);
    }
}

fn shell<'w>(w: &'w mut World) -> R<&'w mut Shell> {
    w.mongo.as_deref_mut().ok_or_else(|| Thrown::Error("Error".into(), "dockersim: no MongoDB connection here".into()))
}

/// The server, when the connection may run `cmd`.
fn server<'w>(w: &'w mut World, cmd: &str) -> R<&'w mut Server> {
    let sh = shell(w)?;
    if !sh.authed {
        return Err(Thrown::Error("MongoServerError".into(), format!("command {cmd} requires authentication")));
    }
    Ok(&mut sh.server)
}

fn warn(w: &mut World, what: &'static str, text: &str) {
    let Ok(sh) = shell(w) else { return };
    if sh.legacy || sh.warned.contains(&what) {
        return;
    }
    sh.warned.push(what);
    sh.stdout.push_str(text);
    sh.stdout.push('\n');
}

fn ok1() -> Val {
    obj(vec![("ok".into(), Val::Num(1.0))])
}

fn db_call(w: &mut World, method: &str, db: &str, args: &[Val], now_ms: i64) -> R<Val> {
    let a0 = arg(args, 0);
    let native = |n: &str, t: Val| Val::Native(Rc::from(n), Rc::new(t));
    Ok(match method {
        "getName" => s(db),
        "version" => s(&shell(w)?.version.clone()),
        "getSiblingDB" => native("mongo.db", s(&a0.to_str())),
        "getCollection" => native("mongo.coll", obj(vec![("db".into(), s(db)), ("name".into(), s(&a0.to_str()))])),
        "getMongo" => shown("mongodb://127.0.0.1:27017/?directConnection=true".into()),
        "getCollectionNames" => {
            let srv = server(w, "listCollections")?;
            let names: Vec<Val> = srv.dbs.get(db).map(|d| d.keys().map(|k| s(k)).collect()).unwrap_or_default();
            Val::Arr(Rc::new(RefCell::new(names)))
        }
        "createCollection" => {
            let name = a0.to_str();
            server(w, "create")?.create_collection(db, &name).map_err(server_err)?;
            ok1()
        }
        "dropDatabase" => {
            server(w, "dropDatabase")?.drop_database(db);
            obj(vec![("ok".into(), Val::Num(1.0)), ("dropped".into(), s(db))])
        }
        "stats" => {
            let srv = server(w, "dbStats")?;
            let colls = srv.dbs.get(db).cloned().unwrap_or_default();
            let objects: usize = colls.values().map(|c| c.docs.len()).sum();
            let data: u64 = colls.values().map(super::data_size).sum();
            let indexes: usize = colls.values().map(|c| c.indexes.len() + 1).sum();
            let storage = 4096 * colls.len() as u64 + 4096 * (data / 4096);
            let legacy = shell(w)?.legacy;
            let long = |n: usize| if legacy { Val::Num(n as f64) } else { shown(format!("Long('{n}')")) };
            obj(vec![
                ("db".into(), s(db)),
                ("collections".into(), long(colls.len())),
                ("views".into(), long(0)),
                ("objects".into(), long(objects)),
                ("avgObjSize".into(), Val::Num(if objects == 0 { 0.0 } else { (data / objects as u64) as f64 })),
                ("dataSize".into(), Val::Num(data as f64)),
                ("storageSize".into(), Val::Num(storage as f64)),
                ("indexes".into(), long(indexes)),
                ("indexSize".into(), Val::Num(4096.0 * indexes as f64)),
                ("totalSize".into(), Val::Num((storage + 4096 * indexes as u64) as f64)),
                ("scaleFactor".into(), long(1)),
                ("fsUsedSize".into(), Val::Num(41_232_601_088.0)),
                ("fsTotalSize".into(), Val::Num(62_671_097_856.0)),
                ("ok".into(), Val::Num(1.0)),
            ])
        }
        "createUser" => {
            let spec = to_j(&a0, now_ms);
            let user = spec.get("user").and_then(J::as_str).unwrap_or("").to_string();
            let pwd = spec.get("pwd").and_then(J::as_str).unwrap_or("").to_string();
            let roles = spec
                .get("roles")
                .and_then(J::as_array)
                .into_iter()
                .flatten()
                .map(|r| match r {
                    J::String(role) => (role.clone(), db.to_string()),
                    other => (
                        other.get("role").and_then(J::as_str).unwrap_or("").to_string(),
                        other.get("db").and_then(J::as_str).unwrap_or(db).to_string(),
                    ),
                })
                .collect();
            let legacy = shell(w)?.legacy;
            let srv = server(w, "createUser")?;
            if srv.users.iter().any(|u| u.db == db && u.user == user) {
                return Err(server_err(ServerErr(format!("User \"{user}@{db}\" already exists"))));
            }
            srv.users.push(super::User { db: db.to_string(), user: user.clone(), pwd, roles });
            srv.changed = true;
            if legacy {
                let info = serde_json::json!({"user": user, "roles": spec.get("roles").cloned().unwrap_or(J::Array(vec![]))});
                push_out(w, &format!("Successfully added user: {}\n", format::tojson(&format::show(&info, true), false)));
                return Ok(Val::Undef);
            }
            ok1()
        }
        "dropUser" => {
            let user = a0.to_str();
            let srv = server(w, "dropUser")?;
            let before = srv.users.len();
            srv.users.retain(|u| !(u.db == db && u.user == user));
            srv.changed = true;
            if before == srv.users.len() {
                return Err(server_err(ServerErr(format!("User '{user}@{db}' not found"))));
            }
            ok1()
        }
        "getUsers" => {
            let srv = server(w, "usersInfo")?;
            let users: Vec<J> = srv.users.iter().filter(|u| u.db == db).map(user_info).collect();
            obj(vec![("users".into(), from_j(&J::Array(users))), ("ok".into(), Val::Num(1.0))])
        }
        "auth" => {
            let (user, pwd) = match &a0 {
                Val::Obj(_) => (a0.get_pub("user").to_str(), a0.get_pub("pwd").to_str()),
                _ => (a0.to_str(), arg(args, 1).to_str()),
            };
            let sh = shell(w)?;
            if sh.server.auth(db, &user, &pwd) {
                sh.authed = true;
                sh.who = Some((user, db.to_string()));
                if sh.legacy {
                    return Ok(Val::Num(1.0));
                }
                obj(vec![("ok".into(), Val::Num(1.0))])
            } else {
                return Err(Thrown::Error("MongoServerError".into(), "Authentication failed.".into()));
            }
        }
        "runCommand" | "adminCommand" | "serverStatus" | "hello" | "isMaster" => {
            let cmd = match &a0 {
                Val::Str(t) => t.to_string(),
                Val::Obj(o) => o.borrow().first().map(|(k, _)| k.clone()).unwrap_or_default(),
                _ => method.to_string(),
            };
            let cmd = if matches!(method, "serverStatus" | "hello" | "isMaster") { method.to_string() } else { cmd };
            let on = if method == "adminCommand" { "admin" } else { db };
            match cmd.as_str() {
                "ping" => ok1(),
                "connectionStatus" => {
                    let sh = shell(w)?;
                    let (users, roles): (Vec<Val>, Vec<Val>) = match &sh.who {
                        Some((user, udb)) => {
                            let roles = sh.server.users.iter().find(|u| &u.user == user && &u.db == udb).map(|u| u.roles.clone());
                            (
                                vec![obj(vec![("user".into(), s(user)), ("db".into(), s(udb))])],
                                roles
                                    .unwrap_or_default()
                                    .iter()
                                    .map(|(r, d)| obj(vec![("role".into(), s(r)), ("db".into(), s(d))]))
                                    .collect(),
                            )
                        }
                        None => (Vec::new(), Vec::new()),
                    };
                    let list = |v: Vec<Val>| Val::Arr(Rc::new(RefCell::new(v)));
                    obj(vec![
                        (
                            "authInfo".into(),
                            obj(vec![("authenticatedUsers".into(), list(users)), ("authenticatedUserRoles".into(), list(roles))]),
                        ),
                        ("ok".into(), Val::Num(1.0)),
                    ])
                }
                "serverStatus" => {
                    let sh = shell(w)?;
                    if !sh.authed {
                        return Err(Thrown::Error("MongoServerError".into(), "command serverStatus requires authentication".into()));
                    }
                    let up = (sh.server.now - sh.started).max(0);
                    let long = |n: i64| if sh.legacy { Val::Num(n as f64) } else { shown(format!("Long('{n}')")) };
                    let date = from_j(&serde_json::json!({"$date": sh.server.now.saturating_mul(1000)}));
                    let (host, version) = (sh.host.clone(), sh.version.clone());
                    obj(vec![
                        ("host".into(), s(&host)),
                        ("version".into(), s(&version)),
                        ("process".into(), s("mongod")),
                        ("pid".into(), long(1)),
                        ("uptime".into(), Val::Num(up as f64)),
                        ("uptimeMillis".into(), long(up.saturating_mul(1000))),
                        ("uptimeEstimate".into(), long(up)),
                        ("localTime".into(), date),
                        ("ok".into(), Val::Num(1.0)),
                    ])
                }
                "hello" | "isMaster" | "ismaster" => obj(vec![
                    ("isWritablePrimary".into(), Val::Bool(true)),
                    ("maxBsonObjectSize".into(), Val::Num(16_777_216.0)),
                    ("ok".into(), Val::Num(1.0)),
                ]),
                "buildInfo" | "buildinfo" => {
                    let v = shell(w)?.version.clone();
                    obj(vec![("version".into(), s(&v)), ("ok".into(), Val::Num(1.0))])
                }
                "listDatabases" if on != "admin" => {
                    return Err(Thrown::Error(
                        "MongoServerError".into(),
                        "listDatabases may only be run against the admin database.".into(),
                    ))
                }
                "listDatabases" => {
                    let srv = server(w, "listDatabases")?;
                    let total: u64 = srv.db_names().iter().map(|n| srv.db_size(n)).sum();
                    let dbs: Vec<Val> = srv
                        .db_names()
                        .iter()
                        .map(|n| {
                            obj(vec![
                                ("name".into(), s(n)),
                                ("sizeOnDisk".into(), Val::Num(srv.db_size(n) as f64)),
                                ("empty".into(), Val::Bool(false)),
                            ])
                        })
                        .collect();
                    obj(vec![
                        ("databases".into(), Val::Arr(Rc::new(RefCell::new(dbs)))),
                        ("totalSize".into(), Val::Num(total as f64)),
                        ("totalSizeMb".into(), Val::Num((total / 1024 / 1024) as f64)),
                        ("ok".into(), Val::Num(1.0)),
                    ])
                }
                other => return Err(Thrown::Error("Error".into(), format!("dockersim: the command {other} is not simulated"))),
            }
        }
        other => return Err(Thrown::Error("Error".into(), format!("dockersim: db.{other}() is not simulated"))),
    })
}

fn write_summary(legacy: bool, what: &str, r: &super::WriteRes, upsert_shown: bool) -> Val {
    let oidv = |j: &J| from_j(j);
    match (legacy, what) {
        (false, "insertOne") => {
            obj(vec![("acknowledged".into(), Val::Bool(true)), ("insertedId".into(), r.inserted.first().map(oidv).unwrap_or(Val::Null))])
        }
        (false, "insertMany" | "insert") => obj(vec![
            ("acknowledged".into(), Val::Bool(true)),
            ("insertedIds".into(), obj(r.inserted.iter().enumerate().map(|(i, x)| (i.to_string(), oidv(x))).collect())),
        ]),
        (true, "insertOne") => {
            obj(vec![("acknowledged".into(), Val::Bool(true)), ("insertedId".into(), r.inserted.first().map(oidv).unwrap_or(Val::Null))])
        }
        (true, "insertMany") => obj(vec![
            ("acknowledged".into(), Val::Bool(true)),
            ("insertedIds".into(), Val::Arr(Rc::new(RefCell::new(r.inserted.iter().map(oidv).collect())))),
        ]),
        (true, "insert") => shown(format!("WriteResult({{ \"nInserted\" : {} }})", r.inserted.len())),
        (false, "updateOne" | "updateMany" | "replaceOne" | "update") => obj(vec![
            ("acknowledged".into(), Val::Bool(true)),
            ("insertedId".into(), r.upserted.as_ref().map(oidv).unwrap_or(Val::Null)),
            ("matchedCount".into(), Val::Num(r.matched as f64)),
            ("modifiedCount".into(), Val::Num(r.modified as f64)),
            ("upsertedCount".into(), Val::Num(if r.upserted.is_some() { 1.0 } else { 0.0 })),
        ]),
        (true, "update") => shown(if let Some(id) = &r.upserted {
            format!(
                "WriteResult({{\n\t\"nMatched\" : 0,\n\t\"nUpserted\" : 1,\n\t\"nModified\" : 0,\n\t\"_id\" : {}\n}})",
                format::tojson(&format::show(id, true), false)
            )
        } else {
            format!("WriteResult({{ \"nMatched\" : {}, \"nUpserted\" : 0, \"nModified\" : {} }})", r.matched, r.modified)
        }),
        (true, "updateOne" | "updateMany" | "replaceOne") => {
            let mut f = vec![
                ("acknowledged".into(), Val::Bool(true)),
                ("matchedCount".into(), Val::Num(r.matched as f64)),
                ("modifiedCount".into(), Val::Num(r.modified as f64)),
            ];
            if let (Some(id), true) = (&r.upserted, upsert_shown) {
                f.push(("upsertedId".into(), oidv(id)));
            }
            obj(f)
        }
        (true, "remove") => shown(format!("WriteResult({{ \"nRemoved\" : {} }})", r.deleted)),
        _ => obj(vec![("acknowledged".into(), Val::Bool(true)), ("deletedCount".into(), Val::Num(r.deleted as f64))]),
    }
}

fn coll_call(w: &mut World, method: &str, db: &str, c: &str, args: &[Val], now_ms: i64) -> R<Val> {
    let legacy = shell(w)?.legacy;
    let (a0, a1, a2) = (arg(args, 0), arg(args, 1), arg(args, 2));
    let cursor = |spec: J| Val::Native(Rc::from("mongo.cursor"), Rc::new(s(&spec.to_string())));
    Ok(match method {
        "getName" => s(c),
        "insertOne" | "insertMany" | "insert" => {
            if method == "insert" {
                warn(w, "insert", "DeprecationWarning: Collection.insert() is deprecated. Use insertOne, insertMany, or bulkWrite.");
            }
            let docs: Vec<Doc> = match (&a0, method) {
                (Val::Arr(a), "insertMany" | "insert") => a.borrow().iter().map(|d| doc_arg(d, now_ms)).collect::<R<_>>()?,
                (Val::Obj(_), "insertOne" | "insert") => vec![doc_arg(&a0, now_ms)?],
                (_, "insertMany") => {
                    return Err(Thrown::Error("MongoInvalidArgumentError".into(), "Argument \"docs\" must be an array of documents".into()))
                }
                _ => return Err(Thrown::Error("MongoInvalidArgumentError".into(), "Argument \"doc\" must be an object".into())),
            };
            let r = server(w, "insert")?.insert(db, c, docs).map_err(server_err)?;
            write_summary(legacy, method, &r, false)
        }
        "find" => cursor(serde_json::json!({"db": db, "coll": c, "filter": doc_arg(&a0, now_ms)?, "proj": doc_arg(&a1, now_ms)?})),
        "aggregate" => {
            let stages: Vec<J> = match &a0 {
                Val::Arr(_) => to_j(&a0, now_ms).as_array().cloned().unwrap_or_default(),
                _ => args.iter().map(|x| to_j(x, now_ms)).collect(),
            };
            cursor(serde_json::json!({"db": db, "coll": c, "pipeline": stages}))
        }
        "findOne" => {
            let f = doc_arg(&a0, now_ms)?;
            let p = doc_arg(&a1, now_ms)?;
            let docs = server(w, "find")?.find(db, c, &f, None, 0, 1).map_err(server_err)?;
            match docs.first() {
                Some(d) => from_j(&J::Object(super::query::project(d, &p).map_err(server_err)?)),
                None => Val::Null,
            }
        }
        "countDocuments" | "count" | "estimatedDocumentCount" => {
            if method == "count" {
                warn(w, "count", "DeprecationWarning: Collection.count() is deprecated. Use countDocuments or estimatedDocumentCount.");
            }
            let f = if method == "estimatedDocumentCount" { Map::new() } else { doc_arg(&a0, now_ms)? };
            Val::Num(server(w, "count")?.find(db, c, &f, None, 0, 0).map_err(server_err)?.len() as f64)
        }
        "distinct" => {
            let field = a0.to_str();
            let f = doc_arg(&a1, now_ms)?;
            let docs = server(w, "distinct")?.find(db, c, &f, None, 0, 0).map_err(server_err)?;
            let mut vals: Vec<J> = Vec::new();
            for d in &docs {
                let items = match super::query::get_path(d, &field) {
                    Some(J::Array(a)) => a,
                    Some(v) => vec![v],
                    None => vec![],
                };
                for v in items {
                    if !vals.iter().any(|x| super::query::cmp(x, &v).is_eq()) {
                        vals.push(v);
                    }
                }
            }
            vals.sort_by(super::query::cmp);
            from_j(&J::Array(vals))
        }
        "updateOne" | "updateMany" | "update" | "replaceOne" => {
            if method == "update" {
                warn(w, "update", "DeprecationWarning: Collection.update() is deprecated. Use updateOne, updateMany, or bulkWrite.");
            }
            let f = doc_arg(&a0, now_ms)?;
            let u = to_j(&a1, now_ms);
            let upsert = matches!(a2.get_pub("upsert"), Val::Bool(true));
            let multi = method == "updateMany" || (method == "update" && matches!(a2.get_pub("multi"), Val::Bool(true)));
            if method == "replaceOne" && u.as_object().is_some_and(|o| o.keys().any(|k| k.starts_with('$'))) {
                return Err(Thrown::Error(
                    "MongoInvalidArgumentError".into(),
                    "Replacement document must not contain atomic operators".into(),
                ));
            }
            if matches!(method, "updateOne" | "updateMany") && u.as_object().is_some_and(|o| !o.keys().any(|k| k.starts_with('$'))) {
                return Err(Thrown::Error("MongoInvalidArgumentError".into(), "Update document requires atomic operators".into()));
            }
            let r = server(w, "update")?.update(db, c, &f, &u, multi, upsert).map_err(server_err)?;
            write_summary(legacy, method, &r, true)
        }
        "findOneAndUpdate" => {
            let f = doc_arg(&a0, now_ms)?;
            let u = to_j(&a1, now_ms);
            let after = a2.get_pub("returnDocument").to_str() == "after" || matches!(a2.get_pub("returnNewDocument"), Val::Bool(true));
            let srv = server(w, "findAndModify")?;
            let before = srv.find(db, c, &f, None, 0, 1).map_err(server_err)?;
            srv.update(db, c, &f, &u, false, false).map_err(server_err)?;
            match before.first() {
                Some(d) if after => {
                    let id = d.get("_id").cloned().unwrap_or(J::Null);
                    let mut by = Map::new();
                    by.insert("_id".into(), id);
                    srv.find(db, c, &by, None, 0, 1)
                        .map_err(server_err)?
                        .first()
                        .map(|d| from_j(&J::Object(d.clone())))
                        .unwrap_or(Val::Null)
                }
                Some(d) => from_j(&J::Object(d.clone())),
                None => Val::Null,
            }
        }
        "findOneAndDelete" => {
            let f = doc_arg(&a0, now_ms)?;
            let srv = server(w, "findAndModify")?;
            let before = srv.find(db, c, &f, None, 0, 1).map_err(server_err)?;
            srv.delete(db, c, &f, false).map_err(server_err)?;
            before.first().map(|d| from_j(&J::Object(d.clone()))).unwrap_or(Val::Null)
        }
        "deleteOne" | "deleteMany" | "remove" => {
            if method == "remove" {
                warn(w, "remove", "DeprecationWarning: Collection.remove() is deprecated. Use deleteOne or deleteMany.");
            }
            let f = doc_arg(&a0, now_ms)?;
            let multi = method == "deleteMany"
                || (method == "remove" && !matches!(a1, Val::Bool(true)) && !matches!(a1.get_pub("justOne"), Val::Bool(true)));
            let r = server(w, "delete")?.delete(db, c, &f, multi).map_err(server_err)?;
            write_summary(legacy, method, &r, false)
        }
        "drop" => Val::Bool(server(w, "drop")?.drop_collection(db, c)),
        "createIndex" => {
            let keys = doc_arg(&a0, now_ms)?;
            let unique = matches!(a1.get_pub("unique"), Val::Bool(true));
            let name = match &a1.get_pub("name") {
                Val::Str(n) => Some(n.to_string()),
                _ => None,
            };
            let srv = server(w, "createIndexes")?;
            let existed = srv.coll(db, c).is_some();
            let before = srv.coll(db, c).map_or(1, |x| x.indexes.len() + 1);
            let n = srv.create_index(db, c, &keys, unique, name).map_err(server_err)?;
            let after = srv.coll(db, c).map_or(1, |x| x.indexes.len() + 1);
            if legacy {
                return Ok(obj(vec![
                    ("createdCollectionAutomatically".into(), Val::Bool(!existed)),
                    ("numIndexesBefore".into(), Val::Num(before as f64)),
                    ("numIndexesAfter".into(), Val::Num(after as f64)),
                    ("ok".into(), Val::Num(1.0)),
                ]));
            }
            s(&n)
        }
        "dropIndex" => {
            let name = a0.to_str();
            let srv = server(w, "dropIndexes")?;
            let Some(coll) = srv.dbs.get_mut(db).and_then(|d| d.get_mut(c)) else {
                return Err(server_err(ServerErr(format!("ns not found {db}.{c}"))));
            };
            let before = coll.indexes.len();
            coll.indexes.retain(|(n, _, _)| *n != name);
            if coll.indexes.len() == before {
                return Err(server_err(ServerErr(format!("index not found with name [{name}]"))));
            }
            srv.changed = true;
            obj(vec![("nIndexesWas".into(), Val::Num(before as f64 + 1.0)), ("ok".into(), Val::Num(1.0))])
        }
        "getIndexes" => {
            let srv = server(w, "listIndexes")?;
            let mut list = vec![serde_json::json!({"v": 2, "key": {"_id": 1}, "name": "_id_"})];
            for (n, k, u) in srv.coll(db, c).map(|x| x.indexes.clone()).unwrap_or_default() {
                let mut m = Map::new();
                m.insert("v".into(), J::from(2));
                m.insert("key".into(), J::Object(k));
                m.insert("name".into(), J::String(n));
                if u {
                    m.insert("unique".into(), J::Bool(true));
                }
                list.push(J::Object(m));
            }
            from_j(&J::Array(list))
        }
        "stats" => {
            let srv = server(w, "collStats")?;
            let n = srv.coll(db, c).map_or(0, |x| x.docs.len());
            obj(vec![("ns".into(), s(&format!("{db}.{c}"))), ("count".into(), Val::Num(n as f64)), ("ok".into(), Val::Num(1.0))])
        }
        other => return Err(Thrown::Error("Error".into(), format!("dockersim: db.collection.{other}() is not simulated"))),
    })
}

/// A cursor's documents (its query run now).
fn cursor_docs(sh: &mut Shell, spec: &str) -> R<Vec<Doc>> {
    let spec: J = serde_json::from_str(spec).unwrap_or(J::Null);
    let (db, c) = (spec["db"].as_str().unwrap_or(""), spec["coll"].as_str().unwrap_or(""));
    if !sh.authed {
        let cmd = if spec.get("pipeline").is_some() { "aggregate" } else { "find" };
        return Err(Thrown::Error("MongoServerError".into(), format!("command {cmd} requires authentication")));
    }
    let skip = spec["skip"].as_f64().unwrap_or(0.0).max(0.0) as usize;
    let limit = spec["limit"].as_f64().unwrap_or(0.0).abs() as usize;
    if let Some(p) = spec.get("pipeline").and_then(J::as_array) {
        let all = sh.server.find(db, c, &Map::new(), None, 0, 0).map_err(server_err)?;
        return super::query::aggregate(all, p).map_err(server_err);
    }
    let filter = spec["filter"].as_object().cloned().unwrap_or_default();
    let sort = spec["sort"].as_object().cloned();
    let docs = sh.server.find(db, c, &filter, sort.as_ref(), skip, limit).map_err(server_err)?;
    let proj = spec["proj"].as_object().cloned().unwrap_or_default();
    docs.iter().map(|d| super::query::project(d, &proj).map_err(server_err)).collect()
}

fn cursor_call(w: &mut World, method: &str, spec: &str, args: &[Val]) -> R<Val> {
    let a0 = arg(args, 0);
    let mut j: J = serde_json::from_str(spec).unwrap_or(J::Null);
    let again = |j: &J| Val::Native(Rc::from("mongo.cursor"), Rc::new(s(&j.to_string())));
    let docs = |w: &mut World| -> R<Vec<Doc>> { cursor_docs(shell(w)?, spec) };
    Ok(match method {
        "sort" | "limit" | "skip" | "projection" | "project" => {
            let key = if matches!(method, "project" | "projection") { "proj" } else { method };
            j[key] = to_j(&a0, 0);
            again(&j)
        }
        "pretty" | "batchSize" | "maxTimeMS" | "allowDiskUse" | "hint" | "collation" | "noCursorTimeout" => again(&j),
        "toArray" => from_j(&J::Array(docs(w)?.into_iter().map(J::Object).collect())),
        "count" | "size" | "itcount" => {
            if method == "count" && !shell(w)?.legacy {
                // mongosh's cursor.count() ignores skip and limit, like the server's count.
                j["skip"] = J::Null;
                j["limit"] = J::Null;
                return Ok(Val::Num(cursor_docs(shell(w)?, &j.to_string())?.len() as f64));
            }
            Val::Num(docs(w)?.len() as f64)
        }
        "forEach" | "map" => {
            let list = docs(w)?;
            let mut out = Vec::new();
            for d in list {
                let r = w.call(&a0, vec![from_j(&J::Object(d))])?;
                out.push(r);
            }
            if method == "map" {
                Val::Arr(Rc::new(RefCell::new(out)))
            } else {
                Val::Undef
            }
        }
        "hasNext" => {
            let pos = num_field(&from_j(&j), "pos").unwrap_or(0.0) as usize;
            Val::Bool(docs(w)?.len() > pos)
        }
        "next" => {
            let pos = num_field(&from_j(&j), "pos").unwrap_or(0.0) as usize;
            let list = docs(w)?;
            match list.get(pos) {
                Some(d) => from_j(&J::Object(d.clone())),
                None => return Err(Thrown::Error("MongoCursorExhaustedError".into(), "Cursor is exhausted".into())),
            }
        }
        "explain" => return Err(Thrown::Error("Error".into(), "dockersim: explain() is not simulated".into())),
        other => return Err(Thrown::Error("TypeError".into(), format!("cursor.{other} is not a function"))),
    })
}

/// `2024-01-01`, `2024-01-01T10:00:00Z`, `2024-01-01T10:00:00.500Z`: milliseconds.
pub fn parse_date(t: &str) -> Option<i64> {
    let t = t.trim_end_matches('Z');
    let (date, time) = t.split_once(['T', ' ']).unwrap_or((t, "00:00:00"));
    let mut d = date.split('-').map(|x| x.parse::<i64>().ok());
    let (y, mo, da) = (d.next()??, d.next()??, d.next().flatten().unwrap_or(1));
    let (hms, frac) = time.split_once('.').unwrap_or((time, "0"));
    let mut h = hms.split(':').map(|x| x.parse::<u32>().ok());
    let (hh, mm, ss) = (h.next().flatten().unwrap_or(0), h.next().flatten().unwrap_or(0), h.next().flatten().unwrap_or(0));
    if !(1..=12).contains(&mo) || !(1..=31).contains(&da) || hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    let ms: i64 = format!("{:0<3}", &frac[..frac.len().min(3)]).parse().unwrap_or(0);
    Some(crate::time::unix_from_civil(y, mo as u32, da as u32, hh, mm, ss) * 1000 + ms)
}

/// Whether `src` is a statement still open: a bracket, string, template or
/// comment not closed (the shells then read another line, prompting `... `).
pub fn incomplete(src: &str) -> bool {
    let mut depth = 0i64;
    let mut chars = src.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            match c {
                '\\' => {
                    chars.next();
                }
                _ if c == q => quote = None,
                '\n' if q != '`' => quote = None,
                _ => {}
            }
            continue;
        }
        match c {
            '"' | '\'' | '`' => quote = Some(c),
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = ' ';
                let mut closed = false;
                for c in chars.by_ref() {
                    if prev == '*' && c == '/' {
                        closed = true;
                        break;
                    }
                    prev = c;
                }
                if !closed {
                    return true;
                }
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
    }
    quote == Some('`') || depth > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_statements_wait_for_more_lines() {
        assert!(incomplete("db.items.insertOne({\n"));
        assert!(incomplete("db.items.find(\n  { a: \"(\" }\n"));
        assert!(incomplete("/* a comment\n"));
        assert!(!incomplete("db.items.find({ a: \")\" }) // (\n"));
        assert!(!incomplete("const x = 5\n"));
    }

    #[test]
    fn kept_values_come_back_the_same() {
        let v = obj(vec![
            ("a".into(), Val::Num(1.5)),
            ("b".into(), Val::Arr(Rc::new(RefCell::new(vec![s("x"), Val::Undef, Val::Null, Val::Num(f64::NAN)])))),
            ("db".into(), Val::Native(Rc::from("mongo.db"), Rc::new(s("shop")))),
        ]);
        let j = keep(&v, 0);
        let back = restore(&serde_json::from_str(&j.to_string()).unwrap());
        assert_eq!(keep(&back, 0), j);
        assert!(matches!(back.get_pub("db"), Val::Native(ref n, _) if &**n == "mongo.db"));
    }
}
