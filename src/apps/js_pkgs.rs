//! npm packages the JavaScript evaluator models (when installed in a
//! node_modules): `sqlite3` (a file database run by the SQL engine in
//! `super::sql`), `mysql`/`mysql2` (statements sent over the simulated
//! network through `super::PyNet::mysql`), `uuid` (v4 from a seeded
//! generator, never randomness) and `wait-port`.
//!
//! Every name here starts with `pkg.`: `require` hands out natives named
//! `pkg.<package>`, member access appends `.<key>`, and calls land in [`call`].

use super::js::{arr, num_str, Thrown, Val, World};
use super::js_lib::{pending, resolved, settle};
use super::sql::exec::{Conn, Reply};
use super::sql::{lex, parse, Dialect, Server, Value};
use std::rc::Rc;

type R<T> = Result<T, Thrown>;

/// The first line of a database file the simulated sqlite3 writes (a real
/// one starts with the same 16 bytes); the tables follow as SQL.
const SQLITE_HEADER: &str = "SQLite format 3\0\n";

fn s(v: &str) -> Val {
    Val::Str(Rc::from(v))
}

fn arg(args: &[Val], i: usize) -> Val {
    args.get(i).cloned().unwrap_or(Val::Undef)
}

/// The value `require(name)` returns for a modelled package.
pub fn require(name: &str) -> Option<Val> {
    Some(match name {
        "sqlite3" => Val::native_pub("pkg.sqlite3"),
        "uuid" => Val::obj_pub(vec![("v4", Val::native_pub("pkg.uuid.v4"))]),
        "mysql" | "mysql2" => Val::native_pub("pkg.mysql"),
        "wait-port" => Val::native_pub("pkg.waitPort"),
        _ => return None,
    })
}

/// `new NAME(args)` for a package's class.
pub fn construct(w: &mut World, name: &str, args: &[Val]) -> Option<R<Val>> {
    match name {
        "pkg.sqlite3.Database" => Some(sqlite_open(w, args)),
        _ => None,
    }
}

/// A call into a package (`name` starts with `pkg.`).
pub fn call(w: &mut World, name: &str, this: &Val, args: Vec<Val>) -> R<Val> {
    match name {
        "pkg.sqlite3.verbose" => Ok(Val::native_pub("pkg.sqlite3")),
        "pkg.sqlite3.Database" => sqlite_open(w, &args),
        "pkg.sqlite.db.run" | "pkg.sqlite.db.all" | "pkg.sqlite.db.get" | "pkg.sqlite.db.exec" | "pkg.sqlite.db.each" => {
            sqlite_call(w, &name[14..], this, &args)
        }
        "pkg.sqlite.db.close" => {
            if let Some(cb) = callback(&args) {
                w.defer(cb, vec![Val::Null]);
            }
            Ok(Val::Undef)
        }
        "pkg.sqlite.db.serialize" | "pkg.sqlite.db.parallelize" => {
            if let Some(cb) = callback(&args) {
                w.call(&cb, vec![])?;
            }
            Ok(Val::Undef)
        }
        "pkg.uuid.v4" => Ok(s(&w.next_uuid())),
        "pkg.waitPort" => wait_port(w, &arg(&args, 0)),
        "pkg.mysql.createPool" | "pkg.mysql.createConnection" => {
            let opts = match arg(&args, 0) {
                o @ Val::Obj(_) => o,
                _ => Val::obj_pub(vec![]),
            };
            Ok(Val::native_with("pkg.mysql.pool", opts))
        }
        "pkg.mysql.pool.query" | "pkg.mysql.pool.execute" => mysql_query(w, this, &args),
        "pkg.mysql.pool.end" | "pkg.mysql.pool.connect" => {
            if let Some(cb) = callback(&args) {
                w.defer(cb, vec![Val::Null]);
            }
            Ok(Val::Undef)
        }
        "pkg.mysql.pool.on" | "pkg.mysql.pool.release" => Ok(Val::Undef),
        other => {
            let shown = other.trim_start_matches("pkg.").replace("sqlite.db.", "Database.").replace("mysql.pool.", "Pool.");
            Err(Thrown::Error("Error".into(), format!("dockersim: {shown}() is not simulated")))
        }
    }
}

fn callback(args: &[Val]) -> Option<Val> {
    args.iter().rev().find(|v| matches!(v, Val::Func(_) | Val::Native(..))).cloned()
}

/// An error object as the packages make them: its stack line (no frames
/// are simulated), message and own properties in the package's order.
fn error(message: &str, props: Vec<(&str, Val)>) -> Val {
    let mut fields = vec![("stack", s(&format!("Error: {message}"))), ("message", s(message))];
    fields.extend(props);
    Val::obj_pub(fields)
}

/// node-sqlite3's errors carry no stack frames: node shows them in brackets.
fn sqlite_err(message: &str, code: &str, errno: f64) -> Val {
    let e = error(message, vec![("errno", Val::Num(errno)), ("code", s(code))]);
    e.set_pub("stack", s(&format!("[Error: {message}]")));
    e
}

// ------------------------------------------------------------------ sqlite3 --

/// `new sqlite3.Database(path, [mode], [callback])`: the file is made (with
/// its directory's existence checked) on first write.
fn sqlite_open(w: &mut World, args: &[Val]) -> R<Val> {
    let path = w.abs_path(&arg(args, 0).to_str());
    let db = Val::native_with("pkg.sqlite.db", s(&path));
    let dir = path.rsplit_once('/').map_or("/", |(d, _)| if d.is_empty() { "/" } else { d }).to_string();
    let err = if path == ":memory:" || w.exists(&dir) {
        Val::Null
    } else {
        sqlite_err("SQLITE_CANTOPEN: unable to open database file", "SQLITE_CANTOPEN", 14.0)
    };
    if let Some(cb) = callback(&args[1.min(args.len())..]) {
        w.defer(cb, vec![err]);
    }
    Ok(db)
}

/// The statement with `?` placeholders replaced by literals (outside quotes).
pub fn bind(sql: &str, params: &[Val]) -> String {
    let mut out = String::new();
    let mut quote: Option<char> = None;
    let mut next = params.iter();
    for ch in sql.chars() {
        match quote {
            Some(q) => {
                out.push(ch);
                if ch == q {
                    quote = None;
                }
            }
            None if ch == '\'' || ch == '"' || ch == '`' => {
                quote = Some(ch);
                out.push(ch);
            }
            None if ch == '?' => match next.next() {
                Some(v) => out.push_str(&literal(v)),
                None => out.push_str("NULL"),
            },
            None => out.push(ch),
        }
    }
    out
}

fn literal(v: &Val) -> String {
    match v {
        Val::Undef | Val::Null => "NULL".into(),
        Val::Bool(b) => if *b { "1" } else { "0" }.into(),
        Val::Num(n) => num_str(*n),
        other => format!("'{}'", other.to_str().replace('\\', "\\\\").replace('\'', "''")),
    }
}

fn params_of(args: &[Val]) -> Vec<Val> {
    match args.get(1) {
        Some(Val::Arr(a)) => a.borrow().clone(),
        _ => args
            .get(1..)
            .unwrap_or(&[])
            .iter()
            .take_while(|x| !matches!(x, Val::Func(_) | Val::Native(..)))
            .filter(|x| !matches!(x, Val::Obj(_)))
            .cloned()
            .collect(),
    }
}

/// Runs one statement on the database file at `path`.
fn sqlite_exec(w: &mut World, path: &str, sql: &str) -> Result<Reply, String> {
    let text = w.read_text(path).unwrap_or_default();
    let mut server = Server::new(Dialect::Mysql, "3.45.3");
    server.dbs.insert("main".into(), Default::default());
    let stored = text.strip_prefix(SQLITE_HEADER).unwrap_or("");
    {
        let mut conn = Conn { server: &mut server, db: Some("main".into()), user: String::new(), now: 0, changed: false };
        for stmt in lex::split(stored, true).0.iter().take(super::sql::MAX_ROWS) {
            if let Ok(toks) = lex::lex(stmt, true) {
                if let Ok(st) = parse::parse(stmt, &toks, false) {
                    let _ = conn.run(&st);
                }
            }
        }
    }
    let sql = sql.trim().trim_end_matches(';');
    let toks = lex::lex(sql, true).map_err(|_| "SQLITE_ERROR: unrecognized token".to_string())?;
    let stmt = parse::parse(sql, &toks, false).map_err(|e| {
        let near: String = sql.get(e.0.min(sql.len())..).unwrap_or("").split_whitespace().next().unwrap_or("").to_string();
        format!("SQLITE_ERROR: near \"{near}\": syntax error")
    })?;
    let mut conn = Conn { server: &mut server, db: Some("main".into()), user: String::new(), now: w.now_secs(), changed: false };
    let reply = conn.run(&stmt).map_err(|e| sqlite_error(&e))?;
    if conn.changed {
        let mut out = String::from(SQLITE_HEADER);
        if let Some(db) = server.dbs.get("main") {
            for (name, t) in &db.tables {
                out.push_str(&super::sql::store::dump(name, t, true));
            }
        }
        w.write_file(path, out.into_bytes());
    }
    Ok(reply)
}

fn sqlite_error(e: &super::sql::exec::Error) -> String {
    use super::sql::exec::Error as E;
    let bare = |t: &str| t.strip_prefix("main.").unwrap_or(t).to_string();
    match e {
        E::NoTable(t, _) => format!("SQLITE_ERROR: no such table: {}", bare(t)),
        E::TableExists(t) => format!("SQLITE_ERROR: table {} already exists", bare(t)),
        E::NoColumn(c, _, _) => format!("SQLITE_ERROR: no such column: {c}"),
        E::Count => "SQLITE_ERROR: table has a different number of columns than values supplied".into(),
        E::Unmodelled(wd) => format!("dockersim: sqlite3: {wd} is not modelled by the simulated database"),
        other => {
            let m = super::sql::format::mysql_error(other, "", None);
            let m = m.trim_end();
            let m = m.split_once("): ").map_or(m, |(_, r)| r);
            format!("SQLITE_ERROR: {m}")
        }
    }
}

fn rows_of(cols: &[String], rows: &[Vec<Value>]) -> Val {
    arr(rows.iter().map(|r| Val::obj_pub(cols.iter().zip(r).map(|(c, v)| (c.as_str(), value(v))).collect())).collect())
}

fn value(v: &Value) -> Val {
    match v {
        Value::Null => Val::Null,
        Value::Int(n) => Val::Num(*n as f64),
        Value::Num(n) => Val::Num(*n),
        Value::Text(t) => s(t),
    }
}

/// `db.run/all/get/exec/each(sql, [params], callback)`.
fn sqlite_call(w: &mut World, method: &str, this: &Val, args: &[Val]) -> R<Val> {
    let path = this.to_str();
    let sql = bind(&arg(args, 0).to_str(), &params_of(args));
    let cb = callback(&args[1.min(args.len())..]);
    let r = sqlite_exec(w, &path, &sql);
    if let Err(m) = &r {
        if m.starts_with("dockersim:") {
            return Err(Thrown::Error("Error".into(), m.clone()));
        }
    }
    let Some(cb) = cb else { return Ok(Val::native_with("pkg.sqlite.db", this.clone())) };
    let cb_args = match r {
        Err(m) => vec![sqlite_err(&m, "SQLITE_ERROR", 1.0)],
        Ok(Reply::Rows { cols, rows }) => match method {
            "all" => vec![Val::Null, rows_of(&cols, &rows)],
            "get" => vec![Val::Null, rows_of(&cols, &rows[..rows.len().min(1)]).get_pub("0")],
            "each" => {
                let all = rows_of(&cols, &rows);
                if let Val::Arr(a) = &all {
                    for row in a.borrow().iter() {
                        w.defer(cb.clone(), vec![Val::Null, row.clone()]);
                    }
                }
                return Ok(Val::native_with("pkg.sqlite.db", this.clone()));
            }
            _ => vec![Val::Null],
        },
        Ok(_) => vec![Val::Null],
    };
    w.defer(cb, cb_args);
    Ok(Val::native_with("pkg.sqlite.db", this.clone()))
}

// -------------------------------------------------------------------- mysql --

fn opt(o: &Val, key: &str) -> Option<String> {
    match o.get_pub(key) {
        Val::Undef | Val::Null => None,
        // As given: a secret read with readFileSync keeps its newline, as in node.
        v => Some(v.to_str()),
    }
}

/// `pool.query(sql, [values], callback)`: mysql2 formats the values into the
/// statement on the client side, then the server at `host` runs it.
fn mysql_query(w: &mut World, opts: &Val, args: &[Val]) -> R<Val> {
    let sql = bind(&arg(args, 0).to_str(), &params_of(args));
    let cb = callback(&args[1.min(args.len())..]);
    let host = opt(opts, "host").unwrap_or_else(|| "localhost".into());
    let port = opt(opts, "port").and_then(|p| p.parse().ok()).unwrap_or(3306);
    let user = opt(opts, "user").unwrap_or_else(|| "root".into());
    let password = opt(opts, "password").unwrap_or_default();
    let db = opt(opts, "database");
    let answer = match w.net.as_deref_mut() {
        Some(net) => net.mysql(&host, port, &user, &password, db.as_deref(), &sql),
        None => Err(super::MysqlErr::Other(format!("dockersim: mysql2: the connection to {host}:{port} is not simulated here"))),
    };
    let cb_args = match answer {
        Ok(Reply::Rows { cols, rows }) => {
            vec![Val::Null, rows_of(&cols, &rows), arr(cols.iter().map(|c| Val::obj_pub(vec![("name", s(c))])).collect())]
        }
        Ok(Reply::Done { affected, insert_id, .. }) => vec![
            Val::Null,
            Val::obj_pub(vec![
                ("fieldCount", Val::Num(0.0)),
                ("affectedRows", Val::Num(affected as f64)),
                ("insertId", Val::Num(insert_id as f64)),
                ("info", s("")),
                ("serverStatus", Val::Num(2.0)),
                ("warningStatus", Val::Num(0.0)),
            ]),
        ],
        Ok(Reply::Use(_)) => vec![Val::Null, Val::obj_pub(vec![])],
        Err(super::MysqlErr::Net(super::NetErr::Unknown)) => {
            vec![error(
                &format!("getaddrinfo ENOTFOUND {host}"),
                vec![
                    ("errno", Val::Num(-3008.0)),
                    ("code", s("ENOTFOUND")),
                    ("syscall", s("getaddrinfo")),
                    ("hostname", s(&host)),
                    ("fatal", Val::Bool(true)),
                ],
            )]
        }
        Err(super::MysqlErr::Net(super::NetErr::Refused)) => {
            let ip = w.net.as_deref_mut().and_then(|n| n.resolve(&host)).unwrap_or_else(|| host.clone());
            vec![error(
                &format!("connect ECONNREFUSED {ip}:{port}"),
                vec![
                    ("errno", Val::Num(-111.0)),
                    ("code", s("ECONNREFUSED")),
                    ("syscall", s("connect")),
                    ("address", s(&ip)),
                    ("port", Val::Num(port as f64)),
                    ("fatal", Val::Bool(true)),
                ],
            )]
        }
        Err(super::MysqlErr::Sql { code, errno, state, message }) => {
            // A refused login fails the connection; a statement's error names it.
            let sql_field = if code == "ER_ACCESS_DENIED_ERROR" || code == "ER_BAD_DB_ERROR" { Val::Undef } else { s(&sql) };
            vec![error(
                &message,
                vec![
                    ("code", s(&code)),
                    ("errno", Val::Num(errno as f64)),
                    ("sqlState", s(&state)),
                    ("sqlMessage", s(&message)),
                    ("sql", sql_field),
                ],
            )]
        }
        Err(super::MysqlErr::Other(m)) => return Err(Thrown::Error("Error".into(), m)),
    };
    if let Some(cb) = cb {
        w.defer(cb, cb_args);
    }
    Ok(Val::Undef)
}

// ---------------------------------------------------------------- wait-port --

/// `waitPort({host, port, timeout})`: wait-port's "dots" output, then a
/// promise of `{ open, ipVersion }`.
fn wait_port(w: &mut World, params: &Val) -> R<Val> {
    let host = opt(params, "host").unwrap_or_else(|| "localhost".into());
    let port = opt(params, "port").unwrap_or_else(|| "0".into());
    let open = match w.net.as_deref_mut() {
        Some(net) => net.mysql_listening(&host, port.parse().unwrap_or(0)),
        None => {
            return Err(Thrown::Error(
                "Error".into(),
                format!("dockersim: wait-port: the connection to {host}:{port} is not simulated here"),
            ))
        }
    };
    let out_mode = opt(params, "output").unwrap_or_else(|| "dots".into());
    if out_mode != "silent" {
        w.stdout.push_str(&format!("Waiting for {host}:{port}."));
    }
    if open {
        if out_mode != "silent" {
            w.stdout.push_str("\nConnected!\n");
        }
        return Ok(resolved(Val::obj_pub(vec![("open", Val::Bool(true)), ("ipVersion", Val::Num(4.0))])));
    }
    // The timeout passes without an answer: wait-port resolves with open: false.
    if out_mode != "silent" {
        w.stdout.push('\n');
    }
    let p = pending();
    settle(w, &p, Val::obj_pub(vec![("open", Val::Bool(false)), ("ipVersion", Val::Undef)]), false)?;
    Ok(p)
}
