//! A MongoDB server's side: databases of collections of documents (kept as
//! extended JSON values: `{"$oid": …}`, `{"$date": …}`), users, and the
//! operations the shells and drivers send (query filters, update
//! operators, sorts, projections, aggregation stages), with the server's
//! error texts. `store.rs` keeps it in the container's `/data/db`;
//! `shell.rs` is mongosh and the legacy `mongo` shell on the JavaScript
//! evaluator; `format.rs` prints values as each shell does.

pub mod format;
pub mod query;
pub mod shell;
pub mod store;

use serde_json::{Map, Value as J};
use std::collections::BTreeMap;

pub type Doc = Map<String, J>;

/// Bounds: documents per collection, collections, databases.
pub const MAX_DOCS: usize = 100_000;
pub const MAX_COLLS: usize = 1000;
pub const MAX_DBS: usize = 100;

#[derive(Clone, Debug, Default)]
pub struct Coll {
    pub docs: Vec<Doc>,
    /// Secondary indexes: name, key pattern, unique.
    pub indexes: Vec<(String, Doc, bool)>,
}

#[derive(Clone, Debug)]
pub struct User {
    pub db: String,
    pub user: String,
    pub pwd: String,
    pub roles: Vec<(String, String)>,
}

/// One server's data.
#[derive(Clone, Debug, Default)]
pub struct Server {
    pub dbs: BTreeMap<String, BTreeMap<String, Coll>>,
    pub users: Vec<User>,
    /// ObjectId counter and the process's 5 random bytes (10 hex digits).
    pub counter: u64,
    pub unique: String,
    /// The clock, seconds (ObjectId timestamps).
    pub now: i64,
    pub changed: bool,
}

/// A server error: code name and message (`MongoServerError: …`).
#[derive(Clone, Debug, PartialEq)]
pub struct ServerErr(pub String);

pub type Res<T> = Result<T, ServerErr>;

pub fn err<T>(msg: impl Into<String>) -> Res<T> {
    Err(ServerErr(msg.into()))
}

/// What an insert/update/delete did.
#[derive(Clone, Debug, Default)]
pub struct WriteRes {
    pub inserted: Vec<J>,
    pub matched: u64,
    pub modified: u64,
    pub upserted: Option<J>,
    pub deleted: u64,
}

pub fn oid(hex: &str) -> J {
    let mut m = Map::new();
    m.insert("$oid".into(), J::String(hex.to_string()));
    J::Object(m)
}

pub fn number(n: f64) -> J {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        J::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map(J::Number).unwrap_or(J::Null)
    }
}

impl Server {
    /// A new ObjectId: the clock's seconds, the process's bytes, a counter.
    pub fn new_id(&mut self) -> J {
        self.counter = (self.counter + 1) % 0x100_0000;
        self.changed = true;
        let unique = if self.unique.len() == 10 { self.unique.clone() } else { "a1b2c3d4e5".into() };
        oid(&format!("{:08x}{unique}{:06x}", self.now.clamp(0, u32::MAX as i64), self.counter))
    }

    pub fn coll(&self, db: &str, coll: &str) -> Option<&Coll> {
        self.dbs.get(db)?.get(coll)
    }

    fn coll_mut(&mut self, db: &str, coll: &str) -> Res<&mut Coll> {
        check_name(db, coll)?;
        if !self.dbs.contains_key(db) && self.dbs.len() >= MAX_DBS {
            return err("dockersim: too many databases (the simulation keeps at most 100)");
        }
        let d = self.dbs.entry(db.to_string()).or_default();
        if !d.contains_key(coll) && d.len() >= MAX_COLLS {
            return err("dockersim: too many collections (the simulation keeps at most 1000)");
        }
        self.changed = true;
        Ok(d.entry(coll.to_string()).or_default())
    }

    pub fn create_collection(&mut self, db: &str, coll: &str) -> Res<()> {
        if self.coll(db, coll).is_some() {
            return err(format!("Collection {db}.{coll} already exists."));
        }
        self.coll_mut(db, coll).map(|_| ())
    }

    /// `d` with an `_id` (a new ObjectId, first, as the server adds it) when it has none.
    fn with_id(&mut self, d: Doc) -> Doc {
        if d.contains_key("_id") {
            return d;
        }
        let mut with = Map::new();
        with.insert("_id".into(), self.new_id());
        with.extend(d);
        with
    }

    pub fn insert(&mut self, db: &str, coll: &str, docs: Vec<Doc>) -> Res<WriteRes> {
        let mut res = WriteRes::default();
        for mut d in docs {
            d = self.with_id(d);
            let c = self.coll_mut(db, coll)?;
            if c.docs.len() >= MAX_DOCS {
                return err("dockersim: the collection is full (the simulation keeps at most 100,000 documents)");
            }
            unique_check(db, coll, c, &d, None)?;
            res.inserted.push(d.get("_id").cloned().unwrap_or(J::Null));
            c.docs.push(d);
        }
        Ok(res)
    }

    /// Documents matching `filter`, sorted, skipped, limited.
    pub fn find(&self, db: &str, coll: &str, filter: &Doc, sort: Option<&Doc>, skip: usize, limit: usize) -> Res<Vec<Doc>> {
        let Some(c) = self.coll(db, coll) else { return Ok(Vec::new()) };
        let mut out = Vec::new();
        for d in &c.docs {
            if query::matches(d, filter)? {
                out.push(d.clone());
            }
        }
        if let Some(s) = sort {
            query::sort(&mut out, s);
        }
        let out = out.into_iter().skip(skip);
        Ok(if limit == 0 { out.collect() } else { out.take(limit).collect() })
    }

    pub fn update(&mut self, db: &str, coll: &str, filter: &Doc, update: &J, multi: bool, upsert: bool) -> Res<WriteRes> {
        let mut res = WriteRes::default();
        let replace = match update {
            J::Object(u) => !u.keys().any(|k| k.starts_with('$')),
            J::Array(_) => return err("dockersim: aggregation pipelines in updates are not simulated"),
            _ => return err("Update document requires atomic operators"),
        };
        if replace && multi {
            return err("multi update is not supported for replacement-style update");
        }
        let u = update.as_object().cloned().unwrap_or_default();
        let exists = self.coll(db, coll).is_some();
        if exists {
            let c = self.coll_mut(db, coll)?;
            for i in 0..c.docs.len() {
                if !query::matches(&c.docs[i], filter)? {
                    continue;
                }
                res.matched += 1;
                let new = if replace { query::replace(&c.docs[i], &u)? } else { query::apply_update(&c.docs[i], &u, false)? };
                if new != c.docs[i] {
                    unique_check(db, coll, c, &new, Some(i))?;
                    c.docs[i] = new;
                    res.modified += 1;
                }
                if !multi {
                    break;
                }
            }
        }
        if res.matched == 0 && upsert {
            let mut base = Map::new();
            for (k, v) in filter {
                if !k.starts_with('$') && !v.as_object().is_some_and(|o| o.keys().any(|k| k.starts_with('$'))) {
                    query::set_path(&mut base, k, v.clone());
                }
            }
            let mut new = if replace { query::replace(&base, &u)? } else { query::apply_update(&base, &u, true)? };
            new = self.with_id(new);
            res.upserted = new.get("_id").cloned();
            self.insert(db, coll, vec![new])?;
        }
        Ok(res)
    }

    pub fn delete(&mut self, db: &str, coll: &str, filter: &Doc, multi: bool) -> Res<WriteRes> {
        let mut res = WriteRes::default();
        if self.coll(db, coll).is_none() {
            return Ok(res);
        }
        let c = self.coll_mut(db, coll)?;
        let mut kept = Vec::new();
        for d in std::mem::take(&mut c.docs) {
            if (multi || res.deleted == 0) && query::matches(&d, filter)? {
                res.deleted += 1;
            } else {
                kept.push(d);
            }
        }
        c.docs = kept;
        Ok(res)
    }

    pub fn drop_collection(&mut self, db: &str, coll: &str) -> bool {
        let dropped = self.dbs.get_mut(db).is_some_and(|d| d.remove(coll).is_some());
        if self.dbs.get(db).is_some_and(|d| d.is_empty()) {
            self.dbs.remove(db);
        }
        self.changed |= dropped;
        dropped
    }

    pub fn drop_database(&mut self, db: &str) {
        self.changed |= self.dbs.remove(db).is_some();
    }

    /// `createIndex`: the index's name (`email_1`).
    pub fn create_index(&mut self, db: &str, coll: &str, keys: &Doc, unique: bool, name: Option<String>) -> Res<String> {
        if keys.is_empty() {
            return err("Index keys cannot be empty.");
        }
        let name = name.unwrap_or_else(|| {
            keys.iter()
                .map(|(k, v)| format!("{k}_{}", v.as_f64().map(format::num).or(v.as_str().map(str::to_string)).unwrap_or_default()))
                .collect::<Vec<_>>()
                .join("_")
        });
        let c = self.coll_mut(db, coll)?;
        if !c.indexes.iter().any(|(n, _, _)| *n == name) && name != "_id_" {
            c.indexes.push((name.clone(), keys.clone(), unique));
            if let Err(e) = (0..c.docs.len()).try_for_each(|i| unique_check(db, coll, c, &c.docs[i].clone(), Some(i))) {
                c.indexes.pop();
                return Err(e);
            }
        }
        Ok(name)
    }

    /// The size `show dbs` reports: WiredTiger's blocks, roughly.
    pub fn db_size(&self, db: &str) -> u64 {
        match db {
            "admin" => {
                if self.users.is_empty() {
                    40 * 1024
                } else {
                    100 * 1024
                }
            }
            "config" => 12 * 1024,
            "local" => 40 * 1024,
            _ => self
                .dbs
                .get(db)
                .map_or(0, |d| d.values().map(|c| 8192 + 4096 * c.indexes.len() as u64 + 4096 * (data_size(c) / 4096)).sum::<u64>()),
        }
    }

    /// Databases as `show dbs` lists them (the system ones always).
    pub fn db_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.dbs.keys().filter(|n| !self.dbs[*n].is_empty()).cloned().collect();
        for sys in ["admin", "config", "local"] {
            if !names.iter().any(|n| n == sys) {
                names.push(sys.into());
            }
        }
        names.sort();
        names
    }

    pub fn auth(&self, db: &str, user: &str, pwd: &str) -> bool {
        self.users.iter().any(|u| u.db == db && u.user == user && u.pwd == pwd)
    }
}

pub fn data_size(c: &Coll) -> u64 {
    c.docs.iter().map(|d| serde_json::to_string(d).map_or(0, |s| s.len() as u64)).sum()
}

fn check_name(db: &str, coll: &str) -> Res<()> {
    if db.is_empty() || db.contains(['/', '\\', '.', ' ', '"', '$']) {
        return err(format!("Invalid database name: '{db}'"));
    }
    if coll.is_empty() || coll.contains('$') {
        return err(format!("Invalid collection name: {coll}"));
    }
    Ok(())
}

/// E11000 on `_id` and unique indexes (`skip`: the document being replaced).
fn unique_check(db: &str, coll: &str, c: &Coll, d: &Doc, skip: Option<usize>) -> Res<()> {
    let mut keys: Vec<(String, Vec<String>)> = vec![("_id_".into(), vec!["_id".into()])];
    for (name, k, unique) in &c.indexes {
        if *unique {
            keys.push((name.clone(), k.keys().cloned().collect()));
        }
    }
    for (name, fields) in keys {
        let vals: Vec<J> = fields.iter().map(|f| query::get_path(d, f).unwrap_or(J::Null)).collect();
        let clash = c.docs.iter().enumerate().any(|(i, o)| {
            Some(i) != skip && fields.iter().zip(&vals).all(|(f, v)| query::cmp(&query::get_path(o, f).unwrap_or(J::Null), v).is_eq())
        });
        if clash {
            let shown: Vec<String> = fields
                .iter()
                .zip(&vals)
                .map(|(f, v)| match v {
                    J::String(t) => format!("{f}: {}", serde_json::to_string(t).unwrap_or_default()),
                    _ => format!("{f}: {}", format::inspect(&format::show(v, false), 100)),
                })
                .collect();
            return err(format!("E11000 duplicate key error collection: {db}.{coll} index: {name} dup key: {{ {} }}", shown.join(", ")));
        }
    }
    Ok(())
}
