//! A Redis server's data and commands, kept in the redis container's
//! filesystem (`/data/dump.rdb`, as JSON — not the real RDB format — so a
//! volume on /data persists it). Used by the Python `redis` client and the
//! `redis-cli` program; replies print in redis-cli's formats.

use crate::vfs::{Content, Fs, Meta};
use std::collections::BTreeMap;

pub const DUMP: &str = "/data/dump.rdb";

#[derive(Clone, Debug, PartialEq)]
pub enum Reply {
    Status(String),
    Int(i64),
    Bulk(Option<String>),
    Array(Vec<Reply>),
    Error(String),
}

type Db = BTreeMap<String, serde_json::Value>;

fn load(fs: &Fs) -> Db {
    fs.read(DUMP).ok().and_then(|b| serde_json::from_slice::<Db>(&b).ok()).unwrap_or_default()
}

fn save(fs: &mut Fs, db: &Db) {
    let text = serde_json::to_string(db).unwrap_or_default();
    let _ = fs.mkdir_all("/data", Meta::new(0o755, 999));
    let _ = fs.write(DUMP, Content::from_bytes(text.into_bytes()), Meta::new(0o644, 999));
}

/// Runs one command against the server whose data lives in `fs`.
pub fn execute(fs: &mut Fs, argv: &[String]) -> Reply {
    let mut db = load(fs);
    let r = command(&mut db, argv);
    if !matches!(
        argv.first().map(|c| c.to_ascii_uppercase()).as_deref(),
        Some(
            "GET"
                | "PING"
                | "KEYS"
                | "EXISTS"
                | "LRANGE"
                | "HGET"
                | "HGETALL"
                | "TTL"
                | "LLEN"
                | "SMEMBERS"
                | "MGET"
                | "DBSIZE"
                | "TYPE"
                | "ECHO"
        )
    ) {
        save(fs, &db);
    }
    r
}

fn wrong(cmd: &str) -> Reply {
    Reply::Error(format!("ERR wrong number of arguments for '{}' command", cmd.to_ascii_lowercase()))
}

const WRONGTYPE: &str = "WRONGTYPE Operation against a key holding the wrong kind of value";

fn command(db: &mut Db, argv: &[String]) -> Reply {
    use serde_json::Value as J;
    let Some(cmd) = argv.first() else { return Reply::Error("ERR empty command".into()) };
    let c = cmd.to_ascii_uppercase();
    let a = &argv[1..];
    let arity = |n: usize| a.len() >= n;
    let as_int = |v: Option<&J>| -> Result<i64, Reply> {
        match v {
            None => Ok(0),
            Some(J::String(s)) => s.parse().map_err(|_| Reply::Error("ERR value is not an integer or out of range".into())),
            Some(_) => Err(Reply::Error(WRONGTYPE.into())),
        }
    };
    match c.as_str() {
        "PING" => match a.first() {
            Some(m) => Reply::Bulk(Some(m.clone())),
            None => Reply::Status("PONG".into()),
        },
        "ECHO" if arity(1) => Reply::Bulk(Some(a[0].clone())),
        "SET" if arity(2) => {
            db.insert(a[0].clone(), J::String(a[1].clone()));
            Reply::Status("OK".into())
        }
        "SETEX" if arity(3) => {
            db.insert(a[0].clone(), J::String(a[2].clone()));
            Reply::Status("OK".into())
        }
        "GET" if arity(1) => match db.get(&a[0]) {
            None => Reply::Bulk(None),
            Some(J::String(s)) => Reply::Bulk(Some(s.clone())),
            Some(_) => Reply::Error(WRONGTYPE.into()),
        },
        "MGET" if arity(1) => Reply::Array(a.iter().map(|k| Reply::Bulk(db.get(k).and_then(|v| v.as_str().map(str::to_string)))).collect()),
        "APPEND" if arity(2) => {
            let cur = db.get(&a[0]).and_then(|v| v.as_str()).unwrap_or("").to_string() + &a[1];
            let n = cur.len() as i64;
            db.insert(a[0].clone(), J::String(cur));
            Reply::Int(n)
        }
        "INCR" | "DECR" | "INCRBY" | "DECRBY" if arity(if c.ends_with("BY") { 2 } else { 1 }) => {
            let by = if c.ends_with("BY") {
                match a[1].parse::<i64>() {
                    Ok(n) => n,
                    Err(_) => return Reply::Error("ERR value is not an integer or out of range".into()),
                }
            } else {
                1
            };
            let by = if c.starts_with("DECR") { -by } else { by };
            match as_int(db.get(&a[0])) {
                Ok(n) => match n.checked_add(by) {
                    Some(v) => {
                        db.insert(a[0].clone(), J::String(v.to_string()));
                        Reply::Int(v)
                    }
                    None => Reply::Error("ERR increment or decrement would overflow".into()),
                },
                Err(e) => e,
            }
        }
        "DEL" if arity(1) => Reply::Int(a.iter().filter(|k| db.remove(*k).is_some()).count() as i64),
        "EXISTS" if arity(1) => Reply::Int(a.iter().filter(|k| db.contains_key(*k)).count() as i64),
        "EXPIRE" if arity(2) => Reply::Int(db.contains_key(&a[0]) as i64),
        "TTL" if arity(1) => Reply::Int(if db.contains_key(&a[0]) { -1 } else { -2 }),
        "TYPE" if arity(1) => Reply::Status(
            match db.get(&a[0]) {
                None => "none",
                Some(J::String(_)) => "string",
                Some(J::Array(_)) => "list",
                Some(J::Object(_)) => "hash",
                Some(_) => "set",
            }
            .into(),
        ),
        "KEYS" if arity(1) => {
            Reply::Array(db.keys().filter(|k| crate::glob::Glob::shell(&a[0]).is_match(k)).map(|k| Reply::Bulk(Some(k.clone()))).collect())
        }
        "DBSIZE" => Reply::Int(db.len() as i64),
        "FLUSHALL" | "FLUSHDB" => {
            db.clear();
            Reply::Status("OK".into())
        }
        "LPUSH" | "RPUSH" if arity(2) => {
            let entry = db.entry(a[0].clone()).or_insert_with(|| J::Array(vec![]));
            let J::Array(l) = entry else { return Reply::Error(WRONGTYPE.into()) };
            for v in &a[1..] {
                if c == "LPUSH" {
                    l.insert(0, J::String(v.clone()));
                } else {
                    l.push(J::String(v.clone()));
                }
            }
            Reply::Int(l.len() as i64)
        }
        "LPOP" | "RPOP" if arity(1) => match db.get_mut(&a[0]) {
            Some(J::Array(l)) if !l.is_empty() => {
                let v = if c == "LPOP" { l.remove(0) } else { l.pop().unwrap_or(J::Null) };
                if l.is_empty() {
                    db.remove(&a[0]);
                }
                Reply::Bulk(v.as_str().map(str::to_string))
            }
            Some(J::Array(_)) | None => Reply::Bulk(None),
            Some(_) => Reply::Error(WRONGTYPE.into()),
        },
        "LLEN" if arity(1) => match db.get(&a[0]) {
            Some(J::Array(l)) => Reply::Int(l.len() as i64),
            None => Reply::Int(0),
            Some(_) => Reply::Error(WRONGTYPE.into()),
        },
        "LRANGE" if arity(3) => {
            let (Ok(s), Ok(e)) = (a[1].parse::<i64>(), a[2].parse::<i64>()) else {
                return Reply::Error("ERR value is not an integer or out of range".into());
            };
            match db.get(&a[0]) {
                Some(J::Array(l)) => {
                    let n = l.len() as i64;
                    let s = if s < 0 { (n + s).max(0) } else { s };
                    let e = if e < 0 { n + e } else { e.min(n - 1) };
                    Reply::Array(
                        (s..=e).filter(|i| *i >= 0 && *i < n).map(|i| Reply::Bulk(l[i as usize].as_str().map(str::to_string))).collect(),
                    )
                }
                None => Reply::Array(vec![]),
                Some(_) => Reply::Error(WRONGTYPE.into()),
            }
        }
        "HSET" if a.len() >= 3 && a.len() % 2 == 1 => {
            let entry = db.entry(a[0].clone()).or_insert_with(|| J::Object(Default::default()));
            let J::Object(h) = entry else { return Reply::Error(WRONGTYPE.into()) };
            let mut added = 0;
            for kv in a[1..].chunks(2) {
                if h.insert(kv[0].clone(), J::String(kv[1].clone())).is_none() {
                    added += 1;
                }
            }
            Reply::Int(added)
        }
        "HGET" if arity(2) => match db.get(&a[0]) {
            Some(J::Object(h)) => Reply::Bulk(h.get(&a[1]).and_then(|v| v.as_str().map(str::to_string))),
            None => Reply::Bulk(None),
            Some(_) => Reply::Error(WRONGTYPE.into()),
        },
        "HDEL" if arity(2) => match db.get_mut(&a[0]) {
            Some(J::Object(h)) => Reply::Int(a[1..].iter().filter(|k| h.shift_remove(*k).is_some()).count() as i64),
            _ => Reply::Int(0),
        },
        "HGETALL" if arity(1) => match db.get(&a[0]) {
            Some(J::Object(h)) => Reply::Array(
                h.iter().flat_map(|(k, v)| [Reply::Bulk(Some(k.clone())), Reply::Bulk(v.as_str().map(str::to_string))]).collect(),
            ),
            None => Reply::Array(vec![]),
            Some(_) => Reply::Error(WRONGTYPE.into()),
        },
        "SADD" if arity(2) => {
            let entry = db.entry(a[0].clone()).or_insert_with(|| J::Bool(true));
            if let J::Bool(_) = entry {
                *entry = serde_json::json!({"__set": []});
            }
            let Some(J::Array(s)) = entry.get_mut("__set") else { return Reply::Error(WRONGTYPE.into()) };
            let mut added = 0;
            for v in &a[1..] {
                if !s.iter().any(|x| x.as_str() == Some(v)) {
                    s.push(J::String(v.clone()));
                    added += 1;
                }
            }
            Reply::Int(added)
        }
        "SMEMBERS" if arity(1) => match db.get(&a[0]).and_then(|v| v.get("__set")) {
            Some(J::Array(s)) => Reply::Array(s.iter().map(|v| Reply::Bulk(v.as_str().map(str::to_string))).collect()),
            _ => Reply::Array(vec![]),
        },
        "ECHO" | "SET" | "SETEX" | "GET" | "MGET" | "APPEND" | "INCR" | "DECR" | "INCRBY" | "DECRBY" | "DEL" | "EXISTS" | "EXPIRE"
        | "TTL" | "TYPE" | "KEYS" | "LPUSH" | "RPUSH" | "LPOP" | "RPOP" | "LLEN" | "LRANGE" | "HSET" | "HGET" | "HDEL" | "HGETALL"
        | "SADD" | "SMEMBERS" => wrong(cmd),
        _ => {
            let args: Vec<String> = a.iter().map(|x| format!("'{x}' ")).collect();
            Reply::Error(format!("ERR unknown command '{cmd}', with args beginning with: {}", args.concat()))
        }
    }
}

/// redis-cli's rendering of a reply on a terminal (`tty`) or a pipe.
pub fn format(r: &Reply, tty: bool) -> String {
    fn go(r: &Reply, tty: bool, indent: usize, out: &mut String) {
        match r {
            Reply::Status(s) => out.push_str(s),
            Reply::Int(n) if tty => out.push_str(&format!("(integer) {n}")),
            Reply::Int(n) => out.push_str(&n.to_string()),
            Reply::Bulk(None) if tty => out.push_str("(nil)"),
            Reply::Bulk(None) => {}
            Reply::Bulk(Some(s)) if tty => out.push_str(&format!("{s:?}")),
            Reply::Bulk(Some(s)) => out.push_str(s),
            Reply::Error(e) if tty => out.push_str(&format!("(error) {e}")),
            Reply::Error(e) => out.push_str(e),
            Reply::Array(items) if items.is_empty() => {
                if tty {
                    out.push_str("(empty array)")
                }
            }
            Reply::Array(items) => {
                let w = items.len().to_string().len();
                for (i, x) in items.iter().enumerate() {
                    if i > 0 {
                        out.push('\n');
                        if tty {
                            out.push_str(&" ".repeat(indent));
                        }
                    }
                    if tty {
                        out.push_str(&format!("{:>w$}) ", i + 1));
                    }
                    go(x, tty, indent + w + 2, out);
                }
            }
        }
    }
    let mut out = String::new();
    go(r, tty, 0, &mut out);
    out
}

/// Splits a redis-cli line into arguments (quotes as redis-cli reads them).
pub fn split_line(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) if c == q => quote = None,
            Some('"') if c == '\\' => match chars.next() {
                Some('n') => cur.push('\n'),
                Some('t') => cur.push('\t'),
                Some(x) => cur.push(x),
                None => {}
            },
            Some(_) => cur.push(c),
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                any = true;
            }
            None if c.is_whitespace() => {
                if any {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            None => {
                cur.push(c);
                any = true;
            }
        }
    }
    if quote.is_some() {
        return Err("Invalid argument(s)".into());
    }
    if any {
        out.push(cur);
    }
    Ok(out)
}
