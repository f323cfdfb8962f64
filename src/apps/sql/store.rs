//! A server's state in its data directory (`/var/lib/mysql`,
//! `/var/lib/postgresql/data`), so named volumes keep it: one directory per
//! database and one file per table holding its definition and rows as SQL
//! (what `mysqldump`/`pg_dump` would print), written in a fixed order.
//! First start creates it from the official images' environment variables.

use super::exec::Conn;
use super::parse::Column;
use super::{lex, parse, Db, Dialect, Server, Table, Value};
use crate::vfs::{Content, Fs, Meta, Node};
use std::collections::BTreeMap;

pub const MYSQL_DIR: &str = "/var/lib/mysql";
const USERS: &str = "dockersim-users";

/// Which server an image runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Mysql,
    Mariadb,
    Postgres,
}

impl Kind {
    pub fn dialect(self) -> Dialect {
        if self == Kind::Postgres {
            Dialect::Postgres
        } else {
            Dialect::Mysql
        }
    }
}

/// The data directory of a server of `kind`.
pub fn data_dir(kind: Kind, env: &BTreeMap<String, String>) -> String {
    match kind {
        Kind::Postgres => env.get("PGDATA").cloned().unwrap_or_else(|| "/var/lib/postgresql/data".into()),
        _ => MYSQL_DIR.into(),
    }
}

/// The server version the image's environment names (`8.4.3`, `11.4.4-MariaDB-ubu2404`, `16.6 (Debian …)`).
pub fn version(kind: Kind, env: &BTreeMap<String, String>) -> String {
    let get = |k: &str| env.get(k).cloned().unwrap_or_default();
    match kind {
        Kind::Mysql => get("MYSQL_VERSION").split('-').next().unwrap_or("8.4.3").to_string(),
        Kind::Mariadb => {
            let v = get("MARIADB_VERSION");
            let v = v.split_once(':').map_or(v.as_str(), |(_, r)| r);
            let (num, dist) = v.split_once("+maria~").unwrap_or((v, "ubu2404"));
            format!("{num}-MariaDB-{dist}")
        }
        Kind::Postgres => {
            let v = get("PG_VERSION");
            let v = if v.is_empty() { "17.2".to_string() } else { v };
            format!("{v} (Debian {v}-1.pgdg120+1)")
        }
    }
}

/// Which server's data `fs` holds, if any.
pub fn detect(fs: &Fs, env: &BTreeMap<String, String>) -> Option<Kind> {
    if fs.exists(&format!("{}/PG_VERSION", data_dir(Kind::Postgres, env))) {
        return Some(Kind::Postgres);
    }
    if fs.exists(&format!("{MYSQL_DIR}/mysql")) {
        return Some(if env.contains_key("MARIADB_VERSION") { Kind::Mariadb } else { Kind::Mysql });
    }
    None
}

fn meta(dir: bool, now: i64) -> Meta {
    Meta { mode: if dir { 0o750 } else { 0o640 }, uid: 999, gid: 999, mtime: now }
}

fn list(fs: &Fs, dir: &str) -> Vec<(String, bool)> {
    match fs.get(dir) {
        Ok(Node::Dir { entries, .. }) => entries.iter().map(|(k, n)| (k.clone(), n.is_dir())).collect(),
        _ => vec![],
    }
}

fn dbs_dir(kind: Kind, env: &BTreeMap<String, String>) -> String {
    match kind {
        Kind::Postgres => format!("{}/base", data_dir(kind, env)),
        _ => MYSQL_DIR.into(),
    }
}

fn users_file(kind: Kind, env: &BTreeMap<String, String>) -> String {
    match kind {
        Kind::Postgres => format!("{}/global/{USERS}", data_dir(kind, env)),
        _ => format!("{MYSQL_DIR}/mysql/{USERS}"),
    }
}

fn is_system_dir(kind: Kind, name: &str) -> bool {
    kind != Kind::Postgres && (super::exec::is_system_db(name) || name.starts_with('#'))
}

/// Reads the server's state from its data directory.
pub fn load(fs: &Fs, kind: Kind, env: &BTreeMap<String, String>) -> Server {
    let mut server = Server::new(kind.dialect(), &version(kind, env));
    let users = fs.read(&users_file(kind, env)).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    for line in users.lines() {
        let (u, p) = line.split_once('\t').unwrap_or((line, ""));
        server.users.insert(u.to_string(), p.to_string());
    }
    let base = dbs_dir(kind, env);
    for (name, is_dir) in list(fs, &base) {
        if !is_dir || is_system_dir(kind, &name) {
            continue;
        }
        server.dbs.insert(name.clone(), Db::default());
        let dir = format!("{base}/{name}");
        let mut conn = Conn { server: &mut server, db: Some(name.clone()), user: String::new(), now: 0, changed: false };
        for (file, is_dir) in list(fs, &dir) {
            let Some(table) = file.strip_suffix(".ibd").or((kind == Kind::Postgres).then_some(file.as_str())) else { continue };
            if is_dir || table.is_empty() {
                continue;
            }
            let text = fs.read(&format!("{dir}/{file}")).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
            let my = kind != Kind::Postgres;
            for stmt in lex::split(&text, my).0.iter().take(super::MAX_ROWS) {
                if let Ok(toks) = lex::lex(stmt, my) {
                    if let Ok(s) = parse::parse(stmt, &toks, !my) {
                        let _ = conn.run(&s);
                    }
                }
            }
        }
    }
    server
}

fn quote_name(n: &str, my: bool) -> String {
    if my {
        format!("`{}`", n.replace('`', "``"))
    } else {
        format!("\"{}\"", n.replace('"', "\"\""))
    }
}

fn literal(v: &Value, my: bool) -> String {
    match v {
        Value::Null => "NULL".into(),
        Value::Int(n) => n.to_string(),
        Value::Num(f) => format!("{f:?}"),
        Value::Text(s) => {
            let s = if my { s.replace('\\', "\\\\") } else { s.clone() };
            format!("'{}'", s.replace('\'', "''"))
        }
    }
}

/// A table as the SQL that re-creates it.
pub fn dump(name: &str, t: &Table, my: bool) -> String {
    let q = |n: &str| quote_name(n, my);
    let mut lines: Vec<String> = t
        .cols
        .iter()
        .map(|c: &Column| {
            let mut s = format!("  {} {}", q(&c.name), c.ty);
            if c.not_null {
                s.push_str(" NOT NULL");
            }
            if c.auto {
                s.push_str(" AUTO_INCREMENT");
            }
            if c.now {
                s.push_str(" DEFAULT CURRENT_TIMESTAMP");
            } else if let Some(d) = c.default.as_ref().filter(|d| **d != Value::Null) {
                s.push_str(&format!(" DEFAULT {}", literal(d, my)));
            }
            s
        })
        .collect();
    let pk: Vec<String> = t.cols.iter().filter(|c| c.pk).map(|c| q(&c.name)).collect();
    if !pk.is_empty() {
        lines.push(format!("  PRIMARY KEY ({})", pk.join(",")));
    }
    let mut out = format!("CREATE TABLE {} (\n{}\n) AUTO_INCREMENT={};\n", q(name), lines.join(",\n"), t.next);
    for row in &t.rows {
        out.push_str(&format!("INSERT INTO {} VALUES ({});\n", q(name), row.iter().map(|v| literal(v, my)).collect::<Vec<_>>().join(",")));
    }
    out
}

/// Writes the server's state back into its data directory.
pub fn save(fs: &mut Fs, server: &Server, kind: Kind, env: &BTreeMap<String, String>, now: i64) {
    let my = kind != Kind::Postgres;
    let base = dbs_dir(kind, env);
    let _ = fs.mkdir_all(&base, meta(true, now));
    for (name, is_dir) in list(fs, &base) {
        if is_dir && !is_system_dir(kind, &name) && !server.dbs.contains_key(&name) {
            let _ = fs.remove(&format!("{base}/{name}"), true);
        }
    }
    for (name, db) in &server.dbs {
        let dir = format!("{base}/{name}");
        let _ = fs.mkdir_all(&dir, meta(true, now));
        let file_of = |t: &str| if my { format!("{t}.ibd") } else { t.to_string() };
        for (file, _) in list(fs, &dir) {
            let table = file.strip_suffix(".ibd").unwrap_or(&file);
            if !db.tables.contains_key(table) {
                let _ = fs.remove(&format!("{dir}/{file}"), true);
            }
        }
        for (t, table) in &db.tables {
            let path = format!("{dir}/{}", file_of(t));
            let text = dump(t, table, my);
            if fs.read(&path).ok().as_deref() != Some(text.as_bytes()) {
                let _ = fs.write(&path, Content::from_bytes(text.into_bytes()), meta(false, now));
            }
        }
    }
    let users: String = server.users.iter().map(|(u, p)| format!("{u}\t{p}\n")).collect();
    let path = users_file(kind, env);
    if fs.read(&path).ok().as_deref() != Some(users.as_bytes()) {
        if let Some((dir, _)) = path.rsplit_once('/') {
            let _ = fs.mkdir_all(dir, meta(true, now));
        }
        let _ = fs.write(&path, Content::from_bytes(users.into_bytes()), meta(false, now));
    }
}

/// What the entrypoint decided at start.
#[derive(Debug, PartialEq)]
pub enum Start {
    /// A new data directory was made; the entrypoint's notes (`Creating database todos`).
    Fresh(Vec<String>),
    /// The data directory already held a database: initialisation is skipped.
    Existing,
    /// The entrypoint refused (its error lines, on stderr).
    Refused(Vec<String>),
}

/// The official entrypoint's first-start work: check the environment, create
/// the data directory, the root password, `MYSQL_DATABASE`/`POSTGRES_DB`
/// and the extra user. `stamp` prefixes MySQL's entrypoint notes.
pub fn first_start(fs: &mut Fs, kind: Kind, env: &BTreeMap<String, String>, stamp: &str, now: i64) -> Start {
    if detect(fs, env).is_some() {
        return Start::Existing;
    }
    let get = |k: &str| env.get(k).filter(|v| !v.is_empty()).cloned();
    let pick = |a: &str, b: &str| if kind == Kind::Mariadb { get(a).or_else(|| get(b)) } else { get(b) };
    let mut server = Server::new(kind.dialect(), &version(kind, env));
    let mut notes = Vec::new();
    match kind {
        Kind::Postgres => {
            let Some(password) =
                get("POSTGRES_PASSWORD").or_else(|| (get("POSTGRES_HOST_AUTH_METHOD").as_deref() == Some("trust")).then(String::new))
            else {
                return Start::Refused(
                    [
                        "Error: Database is uninitialized and superuser password is not specified.",
                        "       You must specify POSTGRES_PASSWORD to a non-empty value for the",
                        "       superuser. For example, \"-e POSTGRES_PASSWORD=password\" on \"docker run\".",
                        "",
                        "       You may also use \"POSTGRES_HOST_AUTH_METHOD=trust\" to allow all",
                        "       connections without a password. This is *not* recommended.",
                        "",
                        "       See PostgreSQL documentation about \"trust\":",
                        "       https://www.postgresql.org/docs/current/auth-trust.html",
                    ]
                    .map(String::from)
                    .to_vec(),
                );
            };
            let user = get("POSTGRES_USER").unwrap_or_else(|| "postgres".into());
            let db = get("POSTGRES_DB").unwrap_or_else(|| user.clone());
            server.users.insert(user, password);
            server.dbs.insert("postgres".into(), Db::default());
            server.dbs.insert(db, Db::default());
            let dir = data_dir(kind, env);
            let _ = fs.mkdir_all(&format!("{dir}/global"), meta(true, now));
            let major = server.version.split('.').next().unwrap_or("17").to_string();
            let _ = fs.write(&format!("{dir}/PG_VERSION"), Content::from_bytes(format!("{major}\n").into_bytes()), meta(false, now));
        }
        _ => {
            let (root, empty, random) = (
                pick("MARIADB_ROOT_PASSWORD", "MYSQL_ROOT_PASSWORD"),
                pick("MARIADB_ALLOW_EMPTY_ROOT_PASSWORD", "MYSQL_ALLOW_EMPTY_PASSWORD"),
                pick("MARIADB_RANDOM_ROOT_PASSWORD", "MYSQL_RANDOM_ROOT_PASSWORD"),
            );
            if root.is_none() && empty.is_none() && random.is_none() {
                let lines: Vec<String> = if kind == Kind::Mariadb {
                    vec![
                        format!("{stamp} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified"),
                        "\tYou need to specify one of MARIADB_ROOT_PASSWORD, MARIADB_ROOT_PASSWORD_HASH, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and MARIADB_RANDOM_ROOT_PASSWORD".into(),
                    ]
                } else {
                    vec![
                        format!("{stamp} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified"),
                        "    You need to specify one of the following as an environment variable:".into(),
                        "    - MYSQL_ROOT_PASSWORD".into(),
                        "    - MYSQL_ALLOW_EMPTY_PASSWORD".into(),
                        "    - MYSQL_RANDOM_ROOT_PASSWORD".into(),
                    ]
                };
                return Start::Refused(lines);
            }
            // A random password is generated from the clock here (deterministic).
            let password =
                root.or(random.map(|_| crate::digest::sha256_hex(format!("root\0{now}").as_bytes())[..32].to_string())).unwrap_or_default();
            server.users.insert("root".into(), password);
            if let Some(db) = pick("MARIADB_DATABASE", "MYSQL_DATABASE") {
                notes.push(format!("{stamp} [Note] [Entrypoint]: Creating database {db}"));
                server.dbs.insert(db, Db::default());
            }
            if let (Some(u), Some(p)) = (pick("MARIADB_USER", "MYSQL_USER"), pick("MARIADB_PASSWORD", "MYSQL_PASSWORD")) {
                notes.push(format!("{stamp} [Note] [Entrypoint]: Creating user {u}"));
                server.users.insert(u, p);
            }
            for d in ["mysql", "performance_schema", "sys"] {
                let _ = fs.mkdir_all(&format!("{MYSQL_DIR}/{d}"), meta(true, now));
            }
        }
    }
    save(fs, &server, kind, env, now);
    Start::Fresh(notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn round_trip() {
        let mut fs = Fs::new();
        let e = env(&[("MYSQL_ROOT_PASSWORD", "secret"), ("MYSQL_DATABASE", "todos"), ("MYSQL_VERSION", "8.4.3-1.el9")]);
        assert!(matches!(first_start(&mut fs, Kind::Mysql, &e, "T", 0), Start::Fresh(n) if n.len() == 1));
        assert_eq!(first_start(&mut fs, Kind::Mysql, &e, "T", 0), Start::Existing);
        let mut s = load(&fs, Kind::Mysql, &e);
        assert_eq!(s.users.get("root").map(String::as_str), Some("secret"));
        let mut c = Conn { server: &mut s, db: Some("todos".into()), user: "root".into(), now: 0, changed: false };
        for sql in [
            "CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) DEFAULT 'x', b BOOLEAN)",
            "INSERT INTO t (name, b) VALUES ('it''s \\\\ ok', true), (NULL, false)",
        ] {
            let toks = lex::lex(sql, true).unwrap();
            c.run(&parse::parse(sql, &toks, false).unwrap()).unwrap();
        }
        save(&mut fs, &s, Kind::Mysql, &e, 0);
        assert!(fs.exists("/var/lib/mysql/todos/t.ibd"));
        let again = load(&fs, Kind::Mysql, &e);
        assert_eq!(again, s);
        assert!(matches!(first_start(&mut Fs::new(), Kind::Postgres, &env(&[]), "", 0), Start::Refused(l) if l.len() == 9));
    }
}
