//! A MongoDB server's data in its `dbPath` (`/data/db`), so a volume keeps
//! databases across containers: WiredTiger's marker files, and the data as
//! extended JSON in `dockersim-mongo.json` (users, ObjectId counter, each
//! collection's indexes and documents in insertion order). First start is
//! the official entrypoint's: `MONGO_INITDB_ROOT_USERNAME`/`PASSWORD`
//! create a root user in `admin` (and the server then requires auth).

use super::{Coll, Server, User};
use crate::vfs::{Content, Fs, Meta};
use serde_json::{json, Map, Value as J};
use std::collections::BTreeMap;

pub const DB_PATH: &str = "/data/db";
const FILE: &str = "dockersim-mongo.json";

fn meta(dir: bool, now: i64) -> Meta {
    Meta { mode: if dir { 0o755 } else { 0o600 }, uid: 999, gid: 999, mtime: now }
}

/// Whether `/data/db` holds a database already.
pub fn exists(fs: &Fs) -> bool {
    fs.exists(&format!("{DB_PATH}/{FILE}"))
}

/// Reads the server in container filesystem `fs` (`unique`: the process's
/// ObjectId bytes, derived from the container).
pub fn load(fs: &Fs, unique: &str, now: i64) -> Server {
    let mut s = Server { unique: unique.to_string(), now, ..Server::default() };
    let Ok(bytes) = fs.read(&format!("{DB_PATH}/{FILE}")) else { return s };
    let Ok(J::Object(root)) = serde_json::from_slice::<J>(&bytes) else { return s };
    s.counter = root.get("counter").and_then(J::as_u64).unwrap_or(0);
    for u in root.get("users").and_then(J::as_array).into_iter().flatten() {
        let get = |k: &str| u.get(k).and_then(J::as_str).unwrap_or("").to_string();
        let roles = u
            .get("roles")
            .and_then(J::as_array)
            .into_iter()
            .flatten()
            .map(|r| (r.get("role").and_then(J::as_str).unwrap_or("").into(), r.get("db").and_then(J::as_str).unwrap_or("").into()))
            .collect();
        s.users.push(User { db: get("db"), user: get("user"), pwd: get("pwd"), roles });
    }
    for (db, colls) in root.get("dbs").and_then(J::as_object).into_iter().flatten() {
        let mut d = BTreeMap::new();
        for (name, c) in colls.as_object().into_iter().flatten() {
            let docs = c.get("docs").and_then(J::as_array).into_iter().flatten().filter_map(|x| x.as_object().cloned()).collect();
            let indexes = c
                .get("indexes")
                .and_then(J::as_array)
                .into_iter()
                .flatten()
                .map(|i| {
                    (
                        i.get("name").and_then(J::as_str).unwrap_or("").to_string(),
                        i.get("key").and_then(J::as_object).cloned().unwrap_or_default(),
                        i.get("unique").and_then(J::as_bool).unwrap_or(false),
                    )
                })
                .collect();
            d.insert(name.clone(), Coll { docs, indexes });
        }
        s.dbs.insert(db.clone(), d);
    }
    s
}

/// Writes the server back into `/data/db` (when something changed).
pub fn save(fs: &mut Fs, s: &Server, now: i64) {
    let users: Vec<J> = s
        .users
        .iter()
        .map(|u| {
            let roles: Vec<J> = u.roles.iter().map(|(r, d)| json!({"role": r, "db": d})).collect();
            json!({"db": u.db, "user": u.user, "pwd": u.pwd, "roles": roles})
        })
        .collect();
    let mut dbs = Map::new();
    for (name, colls) in &s.dbs {
        let mut m = Map::new();
        for (c, coll) in colls {
            let indexes: Vec<J> = coll.indexes.iter().map(|(n, k, u)| json!({"name": n, "key": k, "unique": u})).collect();
            m.insert(c.clone(), json!({"indexes": indexes, "docs": coll.docs}));
        }
        dbs.insert(name.clone(), J::Object(m));
    }
    let root = json!({"counter": s.counter, "users": users, "dbs": dbs});
    let text = serde_json::to_string(&root).unwrap_or_default() + "\n";
    let path = format!("{DB_PATH}/{FILE}");
    if fs.read(&path).ok().as_deref() != Some(text.as_bytes()) {
        let _ = fs.mkdir_all(DB_PATH, meta(true, now));
        let _ = fs.write(&path, Content::from_bytes(text.into_bytes()), meta(false, now));
    }
}

/// The entrypoint's first start: the data directory's files and, with
/// `MONGO_INITDB_ROOT_USERNAME`/`PASSWORD`, the root user. Returns whether
/// the directory was new.
pub fn first_start(fs: &mut Fs, env: &BTreeMap<String, String>, now: i64) -> bool {
    if exists(fs) {
        return false;
    }
    let _ = fs.mkdir_all(&format!("{DB_PATH}/journal"), meta(true, now));
    let _ = fs.mkdir_all(&format!("{DB_PATH}/diagnostic.data"), meta(true, now));
    for (name, text) in [
        ("WiredTiger", "WiredTiger\nWiredTiger 11.2.0: (December 2024)\n"),
        ("WiredTiger.lock", "WiredTiger lock file\n"),
        ("mongod.lock", "1\n"),
        ("storage.bson", ""),
    ] {
        let _ = fs.write(&format!("{DB_PATH}/{name}"), Content::from_bytes(text.as_bytes().to_vec()), meta(false, now));
    }
    let mut s = Server::default();
    let get = |k: &str| env.get(k).filter(|v| !v.is_empty()).cloned();
    if let (Some(user), Some(pwd)) = (get("MONGO_INITDB_ROOT_USERNAME"), get("MONGO_INITDB_ROOT_PASSWORD")) {
        s.users.push(User { db: "admin".into(), user, pwd, roles: vec![("root".into(), "admin".into())] });
    }
    save(fs, &s, now);
    true
}

/// Whether the server requires authentication: the entrypoint adds
/// `--auth` when it created a root user (or the command line asks).
pub fn requires_auth(env: &BTreeMap<String, String>, argv: &[String]) -> bool {
    argv.iter().any(|a| a == "--auth")
        || ["MONGO_INITDB_ROOT_USERNAME", "MONGO_INITDB_ROOT_PASSWORD"].iter().all(|k| env.get(*k).is_some_and(|v| !v.is_empty()))
}
