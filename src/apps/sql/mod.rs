//! Database servers in containers (MySQL, MariaDB, PostgreSQL) and their
//! clients (`mysql`, `mariadb`, `psql`): a small SQL engine over tables kept
//! in the server's data directory, so volumes keep them.
//!
//! `lex`/`parse` read statements, `exec` runs them on a [`Server`], `store`
//! loads and saves a server from its data directory (and makes it at first
//! start from the images' environment variables), `format` prints results
//! and errors as each client does, `client` is the clients' command lines
//! and interactive sessions.

pub mod client;
pub mod exec;
pub mod format;
pub mod lex;
pub mod parse;
pub mod store;

use std::collections::BTreeMap;

/// Bounds: statement size, tables per database, rows per table, databases.
pub const MAX_STATEMENT: usize = 1 << 20;
pub const MAX_TABLES: usize = 1000;
pub const MAX_ROWS: usize = 100_000;
pub const MAX_DATABASES: usize = 100;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Num(f64),
    Text(String),
}

impl Value {
    /// As the clients print it (`None` for NULL).
    pub fn show(&self) -> Option<String> {
        match self {
            Value::Null => None,
            Value::Int(n) => Some(n.to_string()),
            Value::Num(n) => Some(format!("{n}")),
            Value::Text(s) => Some(s.clone()),
        }
    }

    pub fn is_num(&self) -> bool {
        matches!(self, Value::Int(_) | Value::Num(_))
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(n) => Some(*n as f64),
            Value::Num(n) => Some(*n),
            Value::Text(s) => s.trim().parse().ok(),
            Value::Null => None,
        }
    }
}

/// Which server speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Mysql,
    Postgres,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub cols: Vec<parse::Column>,
    pub rows: Vec<Vec<Value>>,
    /// The next AUTO_INCREMENT / SERIAL value.
    pub next: i64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Db {
    pub tables: BTreeMap<String, Table>,
}

/// A server's whole state: what its data directory holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Server {
    pub dialect: Dialect,
    /// `8.4.3`, `16.6`.
    pub version: String,
    pub dbs: BTreeMap<String, Db>,
    /// User name → password.
    pub users: BTreeMap<String, String>,
}

impl Server {
    pub fn new(dialect: Dialect, version: &str) -> Server {
        Server { dialect, version: version.to_string(), dbs: BTreeMap::new(), users: BTreeMap::new() }
    }

    pub fn mysql(&self) -> bool {
        self.dialect == Dialect::Mysql
    }
}
