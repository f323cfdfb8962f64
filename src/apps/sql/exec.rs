//! Running statements on a [`Server`].

use super::parse::{Column, Expr, Select, Stmt};
use super::{Db, Server, Table, Value, MAX_DATABASES, MAX_ROWS, MAX_TABLES};
use std::cmp::Ordering;

/// What a statement answered.
#[derive(Clone, Debug, PartialEq)]
pub enum Reply {
    Rows {
        cols: Vec<String>,
        rows: Vec<Vec<Value>>,
    },
    /// Rows affected, MySQL's info line, PostgreSQL's command tag, and
    /// the first AUTO_INCREMENT value an INSERT generated (0: none).
    Done {
        affected: u64,
        info: Option<String>,
        tag: String,
        insert_id: i64,
    },
    Use(String),
}

/// A statement's failure; `format` words it as each server does. Offsets
/// point into the statement (`usize::MAX`: no caret).
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    Syntax(usize),
    UnknownDb(String),
    DbExists(String),
    DropUnknownDb(String),
    NoTable(String, usize),
    DropNoTable(String),
    TableExists(String),
    NoColumn(String, usize, &'static str),
    NoDb,
    Count,
    NullIn(String, bool),
    Duplicate(String, String, String),
    NoFunction(String, usize),
    PgParam(String),
    Limit(&'static str),
    /// A value longer than its `varchar(n)` column: the column and its type.
    TooLong(String, String),
    /// SQL the simulated server does not run (JOIN, ALTER TABLE, …): the word.
    Unmodelled(String),
}

/// One client connection: the server, the current database, the user.
pub struct Conn<'s> {
    pub server: &'s mut Server,
    pub db: Option<String>,
    pub user: String,
    /// The simulated clock (NOW()).
    pub now: i64,
    /// Whether a statement changed what the data directory must hold.
    pub changed: bool,
}

type R<T> = Result<T, Error>;

fn done(affected: u64, info: Option<String>, tag: impl Into<String>) -> R<Reply> {
    Ok(Reply::Done { affected, info, tag: tag.into(), insert_id: 0 })
}

impl Conn<'_> {
    fn mysql(&self) -> bool {
        self.server.mysql()
    }

    fn db_name(&self) -> R<String> {
        self.db.clone().ok_or(Error::NoDb)
    }

    /// The database and table a possibly qualified name means (`todos.items`;
    /// PostgreSQL's `public.items` is the current database's).
    fn split(&self, name: &str) -> R<(String, String)> {
        match name.split_once('.') {
            Some((d, t)) if self.mysql() => Ok((d.to_string(), t.to_string())),
            Some((_, t)) => Ok((self.db_name()?, t.to_string())),
            None => Ok((self.db_name()?, name.to_string())),
        }
    }

    fn table(&self, name: &str, at: usize) -> R<&Table> {
        let (db, name) = self.split(name)?;
        self.server.dbs.get(&db).and_then(|d| d.tables.get(&name)).ok_or_else(|| self.no_table(&db, &name, at))
    }

    fn no_table(&self, db: &str, name: &str, at: usize) -> Error {
        Error::NoTable(if self.mysql() { format!("{db}.{name}") } else { name.to_string() }, at)
    }

    fn table_mut(&mut self, name: &str, at: usize) -> R<&mut Table> {
        let (db, name) = self.split(name)?;
        let err = self.no_table(&db, &name, at);
        self.server.dbs.get_mut(&db).and_then(|d| d.tables.get_mut(&name)).ok_or(err)
    }

    /// Runs one statement.
    pub fn run(&mut self, stmt: &Stmt) -> R<Reply> {
        let my = self.mysql();
        match stmt {
            Stmt::CreateDb { name, if_not } => {
                if self.server.dbs.contains_key(name) || (my && is_system_db(name)) {
                    if *if_not {
                        return done(1, None, "CREATE DATABASE");
                    }
                    return Err(Error::DbExists(name.clone()));
                }
                if self.server.dbs.len() >= MAX_DATABASES {
                    return Err(Error::Limit("databases"));
                }
                self.server.dbs.insert(name.clone(), Db::default());
                self.changed = true;
                done(1, None, "CREATE DATABASE")
            }
            Stmt::DropDb { name, if_exists } => match self.server.dbs.remove(name) {
                Some(db) => {
                    self.changed = true;
                    if self.db.as_deref() == Some(name) {
                        self.db = None;
                    }
                    done(db.tables.len() as u64, None, "DROP DATABASE")
                }
                None if *if_exists => done(0, None, "DROP DATABASE"),
                None => Err(Error::DropUnknownDb(name.clone())),
            },
            Stmt::Use(name) if my => {
                if !self.server.dbs.contains_key(name) && !is_system_db(name) {
                    return Err(Error::UnknownDb(name.clone()));
                }
                self.db = Some(name.clone());
                Ok(Reply::Use(name.clone()))
            }
            Stmt::Use(_) => Err(Error::Syntax(0)),
            Stmt::Describe(..) if !my => Err(Error::Syntax(0)),
            Stmt::ShowDatabases if my => {
                let mut names: Vec<String> = ["information_schema", "mysql", "performance_schema", "sys"].map(String::from).to_vec();
                names.extend(self.server.dbs.keys().cloned());
                names.sort();
                Ok(Reply::Rows { cols: vec!["Database".into()], rows: names.into_iter().map(|n| vec![Value::Text(n)]).collect() })
            }
            Stmt::ShowTables if my => {
                let db = self.db_name()?;
                let names: Vec<String> = self.server.dbs.get(&db).map(|d| d.tables.keys().cloned().collect()).unwrap_or_default();
                Ok(Reply::Rows { cols: vec![format!("Tables_in_{db}")], rows: names.into_iter().map(|n| vec![Value::Text(n)]).collect() })
            }
            Stmt::ShowDatabases => Err(Error::PgParam("databases".into())),
            Stmt::ShowTables => Err(Error::PgParam("tables".into())),
            Stmt::CreateTable { name, if_not, cols, auto_inc } => {
                let (db_name, name) = self.split(name)?;
                let name = &name;
                let unknown = if my { Error::UnknownDb(db_name.clone()) } else { Error::NoDb };
                let Some(db) = self.server.dbs.get_mut(&db_name) else { return Err(unknown) };
                if db.tables.contains_key(name) {
                    if *if_not {
                        return done(0, None, "CREATE TABLE");
                    }
                    return Err(Error::TableExists(name.clone()));
                }
                if db.tables.len() >= MAX_TABLES {
                    return Err(Error::Limit("tables"));
                }
                let cols = cols.iter().cloned().map(|c| normalise_column(c, my)).collect();
                db.tables.insert(name.clone(), Table { cols, rows: vec![], next: auto_inc.unwrap_or(1) });
                self.changed = true;
                done(0, None, "CREATE TABLE")
            }
            Stmt::DropTable { names, if_exists } => {
                let names: Vec<(String, String)> = names.iter().map(|(n, _)| self.split(n)).collect::<R<_>>()?;
                for (d, n) in &names {
                    let exists = self.server.dbs.get(d).is_some_and(|db| db.tables.contains_key(n));
                    if !exists && !if_exists {
                        return Err(Error::DropNoTable(if my { format!("{d}.{n}") } else { n.clone() }));
                    }
                }
                for (d, n) in &names {
                    if let Some(db) = self.server.dbs.get_mut(d) {
                        db.tables.remove(n);
                    }
                }
                self.changed = true;
                done(0, None, "DROP TABLE")
            }
            Stmt::Describe(name, at) => {
                let t = self.table(name, *at)?;
                let rows = t
                    .cols
                    .iter()
                    .map(|c| {
                        vec![
                            Value::Text(c.name.clone()),
                            Value::Text(c.ty.clone()),
                            Value::Text(if c.not_null { "NO" } else { "YES" }.into()),
                            Value::Text(if c.pk { "PRI" } else { "" }.into()),
                            if c.now {
                                Value::Text("CURRENT_TIMESTAMP".into())
                            } else {
                                c.default.as_ref().and_then(Value::show).map_or(Value::Null, Value::Text)
                            },
                            Value::Text(
                                if c.auto {
                                    "auto_increment"
                                } else if c.now {
                                    "DEFAULT_GENERATED"
                                } else {
                                    ""
                                }
                                .into(),
                            ),
                        ]
                    })
                    .collect();
                Ok(Reply::Rows { cols: ["Field", "Type", "Null", "Key", "Default", "Extra"].map(String::from).to_vec(), rows })
            }
            Stmt::Insert { table, at, cols, rows } => self.insert(table, *at, cols.as_deref(), rows),
            Stmt::Select(s) => self.select(s),
            Stmt::Update { table, at, sets, filter } => {
                let t = self.table(table, *at)?.clone();
                let idx: Vec<(usize, &Expr)> = sets
                    .iter()
                    .map(|(c, e)| col_index(&t, c).map(|i| (i, e)).ok_or_else(|| Error::NoColumn(c.clone(), usize::MAX, "field list")))
                    .collect::<R<_>>()?;
                let mut rows = t.rows.clone();
                let (mut matched, mut changed) = (0u64, 0u64);
                for row in rows.iter_mut() {
                    if let Some(f) = filter {
                        if !truthy(&self.eval(f, Some((&t, row)), None, "where clause")?) {
                            continue;
                        }
                    }
                    matched += 1;
                    let before = row.clone();
                    for (i, e) in &idx {
                        let v = coerce(self.eval(e, Some((&t, &before)), None, "field list")?, &t.cols[*i], my);
                        fits(&v, &t.cols[*i])?;
                        if v == Value::Null && t.cols[*i].not_null {
                            return Err(Error::NullIn(t.cols[*i].name.clone(), false));
                        }
                        row[*i] = v;
                    }
                    changed += (*row != before) as u64;
                }
                self.table_mut(table, *at)?.rows = rows;
                self.changed |= changed > 0;
                done(changed, Some(format!("Rows matched: {matched}  Changed: {changed}  Warnings: 0")), format!("UPDATE {matched}"))
            }
            Stmt::Delete { table, at, filter } => {
                let t = self.table(table, *at)?.clone();
                let mut keep = Vec::new();
                for row in &t.rows {
                    let gone = match filter {
                        Some(f) => truthy(&self.eval(f, Some((&t, row)), None, "where clause")?),
                        None => true,
                    };
                    if !gone {
                        keep.push(row.clone());
                    }
                }
                let n = (t.rows.len() - keep.len()) as u64;
                self.table_mut(table, *at)?.rows = keep;
                self.changed |= n > 0;
                done(n, None, format!("DELETE {n}"))
            }
            Stmt::CreateUser { name, password } => {
                self.server.users.insert(name.clone(), password.clone());
                self.changed = true;
                done(0, None, "CREATE ROLE")
            }
            Stmt::Noop(tag) => done(0, None, *tag),
        }
    }

    fn insert(&mut self, table: &str, at: usize, cols: Option<&[String]>, rows: &[Vec<Expr>]) -> R<Reply> {
        let my = self.mysql();
        let mut t = self.table(table, at)?.clone();
        let targets: Vec<usize> = match cols {
            Some(cs) => {
                cs.iter().map(|c| col_index(&t, c).ok_or_else(|| Error::NoColumn(c.clone(), usize::MAX, "field list"))).collect::<R<_>>()?
            }
            None => (0..t.cols.len()).collect(),
        };
        let mut first_auto: Option<i64> = None;
        for exprs in rows {
            if exprs.len() != targets.len() {
                return Err(Error::Count);
            }
            if t.rows.len() >= MAX_ROWS {
                return Err(Error::Limit("rows"));
            }
            let mut row: Vec<Option<Value>> = vec![None; t.cols.len()];
            for (i, e) in targets.iter().zip(exprs) {
                let v = coerce(self.eval(e, None, None, "field list")?, &t.cols[*i], my);
                fits(&v, &t.cols[*i])?;
                row[*i] = Some(v);
            }
            let mut full = Vec::with_capacity(row.len());
            for (c, v) in t.cols.iter().zip(row) {
                let v = match v {
                    Some(Value::Null) | None if c.auto => {
                        t.next += 1;
                        first_auto.get_or_insert(t.next - 1);
                        Value::Int(t.next - 1)
                    }
                    Some(Value::Null) if c.not_null => return Err(Error::NullIn(c.name.clone(), false)),
                    Some(v) => v,
                    None if c.now => Value::Text(self.timestamp()),
                    None => match &c.default {
                        Some(d) => d.clone(),
                        None if c.not_null => return Err(Error::NullIn(c.name.clone(), true)),
                        None => Value::Null,
                    },
                };
                if let (true, Value::Int(n)) = (c.auto, &v) {
                    t.next = t.next.max(n.saturating_add(1));
                }
                full.push(v);
            }
            let pk: Vec<usize> = t.cols.iter().enumerate().filter(|(_, c)| c.pk).map(|(i, _)| i).collect();
            if !pk.is_empty() && t.rows.iter().any(|r| pk.iter().all(|&i| r[i] == full[i])) {
                let key = pk.iter().map(|&i| full[i].show().unwrap_or_default()).collect::<Vec<_>>().join("-");
                let names = pk.iter().map(|&i| t.cols[i].name.clone()).collect::<Vec<_>>().join(", ");
                return Err(Error::Duplicate(table.to_string(), names, key));
            }
            t.rows.push(full);
        }
        let n = rows.len() as u64;
        *self.table_mut(table, at)? = t;
        self.changed = true;
        let info = (n > 1).then(|| format!("Records: {n}  Duplicates: 0  Warnings: 0"));
        Ok(Reply::Done { affected: n, info, tag: format!("INSERT 0 {n}"), insert_id: first_auto.unwrap_or(0) })
    }

    fn select(&mut self, s: &Select) -> R<Reply> {
        let my = self.mysql();
        let table = match &s.from {
            Some((name, at)) => Some(self.table(name, *at)?.clone()),
            None => None,
        };
        let empty = Table::default();
        let t = table.as_ref().unwrap_or(&empty);
        // Headers and the expressions behind them (`*` expands).
        let mut heads = Vec::new();
        let mut exprs = Vec::new();
        for item in &s.items {
            if item.expr == Expr::Star {
                if table.is_none() {
                    return Err(if my { Error::NoDb } else { Error::Syntax(usize::MAX) });
                }
                for c in &t.cols {
                    heads.push(c.name.clone());
                    exprs.push(Expr::Col(c.name.clone(), usize::MAX));
                }
                continue;
            }
            let head = item.alias.clone().unwrap_or_else(|| match &item.expr {
                Expr::Col(c, _) => c.clone(),
                Expr::Call(f, _) if !my => f.clone(),
                _ if my => item.text.clone(),
                _ => "?column?".into(),
            });
            heads.push(head);
            exprs.push(item.expr.clone());
        }
        let source: Vec<&Vec<Value>> = if table.is_some() {
            let mut v = Vec::new();
            for row in &t.rows {
                if let Some(f) = &s.filter {
                    if !truthy(&self.eval(f, Some((t, row)), None, "where clause")?) {
                        continue;
                    }
                }
                v.push(row);
            }
            v
        } else {
            vec![]
        };
        let grouped = !s.group.is_empty() || exprs.iter().any(has_aggregate);
        // Output rows with the source row they came from (for ORDER BY).
        let mut out: Vec<(Vec<Value>, Option<&Vec<Value>>)> = Vec::new();
        if grouped {
            let mut groups: Vec<(Vec<Value>, Vec<&Vec<Value>>)> = Vec::new();
            for row in &source {
                let key = s.group.iter().map(|g| self.eval(g, Some((t, row)), None, "group statement")).collect::<R<Vec<_>>>()?;
                match groups.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, rows)) => rows.push(row),
                    None => groups.push((key, vec![row])),
                }
            }
            if groups.is_empty() && s.group.is_empty() {
                groups.push((vec![], vec![]));
            }
            for (_, rows) in &groups {
                let first = rows.first().copied();
                let vals = exprs
                    .iter()
                    .map(|e| self.eval(e, first.map(|r| (t, r.as_slice())), Some((t, rows)), "field list"))
                    .collect::<R<Vec<_>>>()?;
                out.push((vals, first));
            }
        } else if table.is_some() {
            for row in &source {
                let vals = exprs.iter().map(|e| self.eval(e, Some((t, row)), None, "field list")).collect::<R<Vec<_>>>()?;
                out.push((vals, Some(row)));
            }
        } else {
            let vals = exprs.iter().map(|e| self.eval(e, None, None, "field list")).collect::<R<Vec<_>>>()?;
            out.push((vals, None));
        }
        if !s.order.is_empty() {
            let mut keyed = Vec::with_capacity(out.len());
            for (vals, src) in out {
                let mut keys = Vec::new();
                for (e, _) in &s.order {
                    let k = match e {
                        Expr::Lit(Value::Int(n)) if *n >= 1 && (*n as usize) <= vals.len() => vals[*n as usize - 1].clone(),
                        Expr::Col(c, _)
                            if heads.iter().any(|h| h.eq_ignore_ascii_case(c))
                                && (grouped || src.is_none() || col_index(t, c).is_none()) =>
                        {
                            vals[heads.iter().position(|h| h.eq_ignore_ascii_case(c)).unwrap_or(0)].clone()
                        }
                        _ => self.eval(e, src.map(|r| (t, r.as_slice())), None, "order clause")?,
                    };
                    keys.push(k);
                }
                keyed.push((keys, vals, src));
            }
            keyed.sort_by(|a, b| {
                for (i, (_, desc)) in s.order.iter().enumerate() {
                    let o = compare(&a.0[i], &b.0[i], my);
                    let o = if *desc { o.reverse() } else { o };
                    if o != Ordering::Equal {
                        return o;
                    }
                }
                Ordering::Equal
            });
            out = keyed.into_iter().map(|(_, v, s)| (v, s)).collect();
        }
        let mut rows: Vec<Vec<Value>> = Vec::new();
        for (v, _) in out {
            if !s.distinct || !rows.contains(&v) {
                rows.push(v);
            }
        }
        let rows = rows.into_iter().skip(s.offset).take(s.limit.unwrap_or(usize::MAX)).collect();
        Ok(Reply::Rows { cols: heads, rows })
    }

    /// Evaluates `e` over `row` of a table; `group` holds the rows an aggregate reads.
    fn eval(&self, e: &Expr, row: Option<(&Table, &[Value])>, group: Option<(&Table, &[&Vec<Value>])>, clause: &'static str) -> R<Value> {
        let my = self.mysql();
        Ok(match e {
            Expr::Lit(v) => v.clone(),
            Expr::Star => Value::Null,
            Expr::Col(c, at) => {
                let Some((t, r)) = row else {
                    return match group {
                        Some((t, _)) if col_index(t, c).is_some() => Ok(Value::Null),
                        _ => Err(Error::NoColumn(c.clone(), *at, clause)),
                    };
                };
                let i = col_index(t, c).ok_or_else(|| Error::NoColumn(c.clone(), *at, clause))?;
                r.get(i).cloned().unwrap_or(Value::Null)
            }
            Expr::Neg(x) => match self.eval(x, row, group, clause)? {
                Value::Int(n) => Value::Int(n.wrapping_neg()),
                v => v.as_f64().map_or(Value::Null, |f| Value::Num(-f)),
            },
            Expr::Not(x) => match self.eval(x, row, group, clause)? {
                Value::Null => Value::Null,
                v => Value::Int(!truthy(&v) as i64),
            },
            Expr::IsNull(x, yes) => Value::Int(((self.eval(x, row, group, clause)? == Value::Null) == *yes) as i64),
            Expr::Like(x, p, neg) => {
                let (v, p) = (self.eval(x, row, group, clause)?, self.eval(p, row, group, clause)?);
                match (v.show(), p.show()) {
                    (Some(v), Some(p)) => Value::Int((like(&v, &p, my) != *neg) as i64),
                    _ => Value::Null,
                }
            }
            Expr::In(x, list, neg) => {
                let v = self.eval(x, row, group, clause)?;
                let mut hit = false;
                for l in list {
                    hit |= compare(&v, &self.eval(l, row, group, clause)?, my) == Ordering::Equal;
                }
                Value::Int((hit != *neg) as i64)
            }
            Expr::Bin(op, a, b) => {
                let (a, b) = (self.eval(a, row, group, clause)?, self.eval(b, row, group, clause)?);
                binary(op, a, b, my)
            }
            Expr::Call(f, args) => return self.call(f, args, row, group, clause, e),
        })
    }

    fn call(
        &self,
        f: &str,
        args: &[Expr],
        row: Option<(&Table, &[Value])>,
        group: Option<(&Table, &[&Vec<Value>])>,
        clause: &'static str,
        _e: &Expr,
    ) -> R<Value> {
        let my = self.mysql();
        if is_aggregate(f) {
            let Some((t, rows)) = group else { return Err(Error::Syntax(usize::MAX)) };
            let arg = args.first().cloned().unwrap_or(Expr::Star);
            let mut vals = Vec::new();
            for r in rows {
                let v = if arg == Expr::Star { Value::Int(1) } else { self.eval(&arg, Some((t, r)), None, clause)? };
                if v != Value::Null {
                    vals.push(v);
                }
            }
            return Ok(match f {
                "count" => Value::Int(vals.len() as i64),
                _ if vals.is_empty() => Value::Null,
                "sum" if vals.iter().all(|v| matches!(v, Value::Int(_))) => {
                    Value::Int(vals.iter().filter_map(|v| v.as_f64()).sum::<f64>() as i64)
                }
                "sum" => Value::Num(vals.iter().filter_map(Value::as_f64).sum()),
                "avg" => Value::Num(vals.iter().filter_map(Value::as_f64).sum::<f64>() / vals.len() as f64),
                "min" => vals.iter().cloned().min_by(|a, b| compare(a, b, my)).unwrap_or(Value::Null),
                _ => vals.iter().cloned().max_by(|a, b| compare(a, b, my)).unwrap_or(Value::Null),
            });
        }
        let mut vals = Vec::new();
        for a in args {
            vals.push(self.eval(a, row, group, clause)?);
        }
        let first = vals.first().cloned().unwrap_or(Value::Null);
        Ok(match f {
            "version" => Value::Text(if my {
                self.server.version.clone()
            } else {
                format!("PostgreSQL {} on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit", self.server.version)
            }),
            "now" | "current_timestamp" | "sysdate" | "localtime" | "localtimestamp" => Value::Text(self.timestamp()),
            "current_date" | "curdate" => Value::Text(self.timestamp()[..10].to_string()),
            "database" | "current_database" | "schema" => self.db.clone().map_or(Value::Null, Value::Text),
            "user" | "current_user" | "session_user" => {
                Value::Text(if my { format!("{}@localhost", self.user) } else { self.user.clone() })
            }
            "upper" | "ucase" => first.show().map_or(Value::Null, |s| Value::Text(s.to_uppercase())),
            "lower" | "lcase" => first.show().map_or(Value::Null, |s| Value::Text(s.to_lowercase())),
            "length" | "char_length" => {
                first.show().map_or(Value::Null, |s| Value::Int(if f == "length" && my { s.len() } else { s.chars().count() } as i64))
            }
            "concat" => {
                if my && vals.contains(&Value::Null) {
                    Value::Null
                } else {
                    Value::Text(vals.iter().filter_map(Value::show).collect())
                }
            }
            "coalesce" | "ifnull" => vals.into_iter().find(|v| *v != Value::Null).unwrap_or(Value::Null),
            "abs" => binary("*", first.clone(), Value::Int(if first.as_f64().unwrap_or(0.0) < 0.0 { -1 } else { 1 }), my),
            _ => {
                let at = match _e {
                    Expr::Call(..) => usize::MAX,
                    _ => usize::MAX,
                };
                return Err(Error::NoFunction(if my { format!("{}.{f}", self.db.clone().unwrap_or_default()) } else { f.to_string() }, at));
            }
        })
    }

    fn timestamp(&self) -> String {
        let (y, mo, d, h, mi, s) = crate::time::civil(self.now);
        let base = format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}");
        if self.mysql() {
            base
        } else {
            format!("{base}.000000+00")
        }
    }
}

pub fn is_system_db(name: &str) -> bool {
    matches!(name, "information_schema" | "mysql" | "performance_schema" | "sys")
}

/// The type as the server stores and shows it.
fn normalise_column(mut c: Column, my: bool) -> Column {
    let t = c.ty.as_str();
    let (head, args) = t.split_once('(').map_or((t, ""), |(h, a)| (h, a));
    let args = if args.is_empty() { String::new() } else { format!("({args}") };
    c.ty = if my {
        match head {
            "integer" | "int" | "serial" => "int".into(),
            "bool" | "boolean" => "tinyint(1)".into(),
            "bigint" | "smallint" | "tinyint" | "mediumint" if !args.is_empty() && head != "tinyint" => head.into(),
            "character varying" => format!("varchar{args}"),
            _ => c.ty.clone(),
        }
    } else {
        match head {
            "int" | "integer" | "serial" | "int4" => "integer".into(),
            "bigserial" | "int8" => "bigint".into(),
            "smallserial" | "int2" => "smallint".into(),
            "varchar" | "character varying" => format!("character varying{args}"),
            "char" | "character" => format!("character{}", if args.is_empty() { "(1)".into() } else { args }),
            "bool" | "boolean" => "boolean".into(),
            "timestamp" => "timestamp without time zone".into(),
            "timestamptz" => "timestamp with time zone".into(),
            "decimal" | "numeric" => format!("numeric{args}"),
            "float" | "double precision" | "float8" => "double precision".into(),
            _ => c.ty.clone(),
        }
    };
    c
}

/// Strict mode's and PostgreSQL's length check for `varchar(n)`/`char(n)`.
fn fits(v: &Value, c: &Column) -> R<()> {
    let Value::Text(text) = v else { return Ok(()) };
    let limit = c.ty.split_once('(').filter(|(h, _)| h.contains("char")).and_then(|(_, n)| n.trim_end_matches(')').parse::<usize>().ok());
    match limit {
        Some(n) if text.chars().count() > n => Err(Error::TooLong(c.name.clone(), c.ty.clone())),
        _ => Ok(()),
    }
}

/// A value stored in a column of `c`'s type.
fn coerce(v: Value, c: &Column, my: bool) -> Value {
    let ty = c.ty.as_str();
    if v == Value::Null {
        return v;
    }
    if ty == "boolean" {
        return Value::Text(
            if truthy(&v) || matches!(&v, Value::Text(s) if matches!(s.to_ascii_lowercase().as_str(), "t" | "true" | "yes" | "on" | "1")) {
                "t".into()
            } else {
                "f".into()
            },
        );
    }
    if ty.contains("int") {
        return match &v {
            Value::Num(f) => Value::Int(f.round() as i64),
            Value::Text(s) => s.trim().parse().map(Value::Int).unwrap_or(if my { Value::Int(0) } else { v.clone() }),
            _ => v,
        };
    }
    if ty.contains("char") || ty.contains("text") || ty.contains("date") || ty.contains("time") {
        return Value::Text(v.show().unwrap_or_default());
    }
    v
}

fn col_index(t: &Table, name: &str) -> Option<usize> {
    t.cols.iter().position(|c| c.name.eq_ignore_ascii_case(name))
}

fn is_aggregate(f: &str) -> bool {
    matches!(f, "count" | "sum" | "avg" | "min" | "max")
}

fn has_aggregate(e: &Expr) -> bool {
    match e {
        Expr::Call(f, args) => is_aggregate(f) || args.iter().any(has_aggregate),
        Expr::Bin(_, a, b) | Expr::Like(a, b, _) => has_aggregate(a) || has_aggregate(b),
        Expr::Not(a) | Expr::Neg(a) | Expr::IsNull(a, _) => has_aggregate(a),
        Expr::In(a, l, _) => has_aggregate(a) || l.iter().any(has_aggregate),
        _ => false,
    }
}

pub fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Text(s) => s == "t" || s.trim().parse::<f64>().is_ok_and(|f| f != 0.0),
        v => v.as_f64().is_some_and(|f| f != 0.0),
    }
}

/// Orders two values: NULL first, numbers numerically, text (case-insensitively in MySQL).
pub fn compare(a: &Value, b: &Value, my: bool) -> Ordering {
    match (a, b) {
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Less,
        (_, Value::Null) => Ordering::Greater,
        (Value::Text(x), Value::Text(y)) => {
            if my {
                x.to_lowercase().cmp(&y.to_lowercase())
            } else {
                x.cmp(y)
            }
        }
        _ => match (a.as_f64(), b.as_f64()) {
            (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
            _ => a.show().cmp(&b.show()),
        },
    }
}

fn binary(op: &str, a: Value, b: Value, my: bool) -> Value {
    match op {
        "AND" => match (truthy(&a), truthy(&b)) {
            (false, _) if a != Value::Null => Value::Int(0),
            (_, false) if b != Value::Null => Value::Int(0),
            _ if a == Value::Null || b == Value::Null => Value::Null,
            _ => Value::Int(1),
        },
        "OR" => {
            if truthy(&a) || truthy(&b) {
                Value::Int(1)
            } else if a == Value::Null || b == Value::Null {
                Value::Null
            } else {
                Value::Int(0)
            }
        }
        _ if a == Value::Null || b == Value::Null => Value::Null,
        "||" => Value::Text(format!("{}{}", a.show().unwrap_or_default(), b.show().unwrap_or_default())),
        "=" | "<>" | "<" | ">" | "<=" | ">=" => {
            let o = compare(&a, &b, my);
            let yes = match op {
                "=" => o == Ordering::Equal,
                "<>" => o != Ordering::Equal,
                "<" => o == Ordering::Less,
                ">" => o == Ordering::Greater,
                "<=" => o != Ordering::Greater,
                _ => o != Ordering::Less,
            };
            Value::Int(yes as i64)
        }
        _ => match (&a, &b, op) {
            (Value::Int(x), Value::Int(y), "+") => x.checked_add(*y).map_or(Value::Null, Value::Int),
            (Value::Int(x), Value::Int(y), "-") => x.checked_sub(*y).map_or(Value::Null, Value::Int),
            (Value::Int(x), Value::Int(y), "*") => x.checked_mul(*y).map_or(Value::Null, Value::Int),
            (Value::Int(x), Value::Int(y), "/") if !my => x.checked_div(*y).map_or(Value::Null, Value::Int),
            _ => match (a.as_f64(), b.as_f64()) {
                (Some(x), Some(y)) => match op {
                    "+" => Value::Num(x + y),
                    "-" => Value::Num(x - y),
                    "*" => Value::Num(x * y),
                    _ if y == 0.0 => Value::Null,
                    _ => Value::Num(x / y),
                },
                _ => Value::Null,
            },
        },
    }
}

/// SQL LIKE: `%` any run, `_` one character; MySQL compares without case.
pub fn like(text: &str, pat: &str, my: bool) -> bool {
    let fold = |s: &str| if my { s.to_lowercase().chars().collect::<Vec<_>>() } else { s.chars().collect() };
    let (t, p) = (fold(text), fold(pat));
    // reach[j]: the first j pattern characters match the text read so far.
    let mut reach = vec![false; p.len() + 1];
    reach[0] = true;
    for j in 0..p.len() {
        reach[j + 1] = reach[j] && p[j] == '%';
    }
    for ch in &t {
        let mut next = vec![false; p.len() + 1];
        for j in 0..p.len() {
            next[j + 1] = match p[j] {
                '%' => next[j] || reach[j + 1] || reach[j],
                '_' => reach[j],
                c => reach[j] && c == *ch,
            };
        }
        reach = next;
    }
    reach[p.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns() {
        assert!(like("Hello", "h%", true));
        assert!(!like("Hello", "h%", false));
        assert!(like("abc", "a_c", false));
        assert!(like("abc", "%", false));
        assert!(!like("abc", "%d", false));
        assert!(like("a%c", "a%%c", false));
    }
}

#[cfg(test)]
mod engine_tests {
    use super::super::{lex, parse, Db, Dialect, Server};
    use super::*;

    fn run_all(c: &mut Conn, sql: &str) -> Vec<R<Reply>> {
        let my = c.server.mysql();
        lex::split(sql, my).0.iter().map(|s| c.run(&parse::parse(s, &lex::lex(s, my).unwrap(), !my).unwrap())).collect()
    }

    #[test]
    fn groups_orders_and_checks() {
        let mut s = Server::new(Dialect::Mysql, "8.4.3");
        s.dbs.insert("d".into(), Db::default());
        let mut c = Conn { server: &mut s, db: Some("d".into()), user: "root".into(), now: 86400, changed: false };
        let r = run_all(
            &mut c,
            "create table t (id int auto_increment primary key, k varchar(3), v int, at timestamp default now());
             insert into t (k, v) values ('a', 1), ('b', 2), ('a', 3), ('c', null);
             select k, sum(v), count(v) from t group by k order by 2 desc, k;
             select at from t where id = 1;
             insert into t (k) values ('long');
             select count(*) from t where v is null or k like 'B%';",
        );
        let rows = |i: usize| match &r[i] {
            Ok(Reply::Rows { rows, .. }) => {
                rows.iter().map(|r| r.iter().map(|v| v.show().unwrap_or("NULL".into())).collect::<Vec<_>>().join(",")).collect::<Vec<_>>()
            }
            other => panic!("{other:?}"),
        };
        assert_eq!(rows(2), ["a,4,2", "b,2,1", "c,NULL,0"]);
        assert_eq!(rows(3), ["1970-01-02 00:00:00"]);
        assert_eq!(r[4], Err(Error::TooLong("k".into(), "varchar(3)".into())));
        assert_eq!(rows(5), ["2"]);
    }
}
