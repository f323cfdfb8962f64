//! The clients' side: `mysql`/`mariadb` and `psql` command lines, and
//! running typed text on a connection with each client's output.

use super::exec::{Conn, Reply};
use super::format::{mysql_error, mysql_table, mysql_tabs, psql_error, psql_table};
use super::{lex, parse, Value, MAX_STATEMENT};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prog {
    Mysql,
    Mariadb,
    Psql,
}

impl Prog {
    pub fn of(name: &str) -> Option<Prog> {
        match name {
            "mysql" => Some(Prog::Mysql),
            "mariadb" => Some(Prog::Mariadb),
            "psql" => Some(Prog::Psql),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Prog::Mysql => "mysql",
            Prog::Mariadb => "mariadb",
            Prog::Psql => "psql",
        }
    }
}

/// What the command line asked for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Opts {
    pub user: Option<String>,
    pub password: Option<String>,
    /// `-p` without a value (mysql), `-W` (psql): prompt.
    pub ask_password: bool,
    pub host: Option<String>,
    pub port: Option<u16>,
    /// `-e` / `-c` texts.
    pub execute: Vec<String>,
    pub db: Option<String>,
    /// mysql `-t`: tables even when not on a terminal.
    pub table: bool,
    /// mysql `-N`, psql `-t`: no column names.
    pub skip_names: bool,
    /// `--version`.
    pub version: bool,
    /// `--help` / `-?`.
    pub help: bool,
    /// psql `-f FILE`: statements from a file in the client's container.
    pub file: Option<String>,
}

/// Parses the client's arguments; errors carry the message and exit code.
pub fn parse_args(prog: Prog, args: &[String]) -> Result<Opts, (String, i32)> {
    let mut o = Opts::default();
    let mut i = 0;
    let my = prog != Prog::Psql;
    let value = |i: &mut usize, attached: &str, flag: &str| -> Result<String, (String, i32)> {
        if !attached.is_empty() {
            return Ok(attached.to_string());
        }
        *i += 1;
        args.get(*i).cloned().ok_or_else(|| {
            if my {
                (format!("{}: [ERROR] {}: option '{flag}' requires an argument.\n", prog.name(), prog.name()), 7)
            } else {
                (
                    format!(
                        "psql: option requires an argument -- '{}'\npsql: hint: Try \"psql --help\" for more information.\n",
                        flag.trim_start_matches('-')
                    ),
                    1,
                )
            }
        })
    };
    let mut positional = Vec::new();
    while i < args.len() {
        let a = args[i].clone();
        if let Some(long) = a.strip_prefix("--") {
            let (k, v) = long.split_once('=').map_or((long, None), |(k, v)| (k, Some(v.to_string())));
            let need = |i: &mut usize| -> Result<String, (String, i32)> {
                match &v {
                    Some(v) => Ok(v.clone()),
                    None => value(i, "", &format!("--{k}")),
                }
            };
            match (k, my) {
                ("version", _) => o.version = true,
                ("help", _) => o.help = true,
                ("user" | "username", _) => o.user = Some(need(&mut i)?),
                ("password", true) => match &v {
                    Some(p) => o.password = Some(p.clone()),
                    None => o.ask_password = true,
                },
                ("password", false) => o.ask_password = true,
                ("no-password", false) => {}
                ("host", _) => o.host = Some(need(&mut i)?),
                ("port", _) => o.port = need(&mut i)?.parse().ok(),
                ("execute", true) | ("command", false) => o.execute.push(need(&mut i)?),
                ("file", false) => o.file = Some(need(&mut i)?),
                ("database", true) | ("dbname", false) => o.db = Some(need(&mut i)?),
                ("table", true) => o.table = true,
                ("skip-column-names", true) | ("tuples-only", false) => o.skip_names = true,
                ("protocol" | "default-character-set" | "socket", true) => {
                    need(&mut i)?;
                }
                ("batch" | "silent" | "force" | "comments" | "no-auto-rehash" | "verbose", true) | ("quiet" | "no-psqlrc", false) => {}
                _ if my => return Err((format!("{}: [ERROR] unknown option '--{k}'.\n", prog.name()), 7)),
                _ => {
                    return Err((format!("psql: unrecognized option '--{k}'\npsql: hint: Try \"psql --help\" for more information.\n"), 1))
                }
            }
        } else if a.len() > 1 && a.starts_with('-') {
            let flag = &a[1..2];
            let rest = &a[2..];
            match (flag, my) {
                ("u", true) | ("U", false) => o.user = Some(value(&mut i, rest, flag)?),
                ("p", true) => {
                    if rest.is_empty() {
                        o.ask_password = true;
                    } else {
                        o.password = Some(rest.to_string());
                    }
                }
                ("p", false) | ("P", true) => o.port = value(&mut i, rest, flag)?.parse().ok(),
                ("h", _) => o.host = Some(value(&mut i, rest, flag)?),
                ("e", true) | ("c", false) => o.execute.push(value(&mut i, rest, flag)?),
                ("f", false) => o.file = Some(value(&mut i, rest, flag)?),
                ("D", true) | ("d", false) => o.db = Some(value(&mut i, rest, flag)?),
                ("t", true) => o.table = true,
                ("N", true) | ("t", false) => o.skip_names = true,
                ("W", false) => o.ask_password = true,
                ("V", _) => o.version = true,
                ("?", _) => o.help = true,
                ("B" | "s" | "f" | "A" | "v", true) | ("w" | "q" | "X" | "A", false) => {}
                ("v", false) => {
                    value(&mut i, rest, flag)?;
                }
                _ if my => return Err((format!("{}: [ERROR] unknown option '-{flag}'.\n", prog.name()), 7)),
                _ => return Err((format!("psql: invalid option -- '{flag}'\npsql: hint: Try \"psql --help\" for more information.\n"), 1)),
            }
        } else {
            positional.push(a);
        }
        i += 1;
    }
    let mut pos = positional.into_iter();
    if let Some(d) = pos.next() {
        o.db.get_or_insert(d);
    }
    if let (Some(u), false) = (pos.next(), my) {
        o.user.get_or_insert(u);
    }
    Ok(o)
}

/// How results are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `-e`/`-c` or piped input; `tty`: stdout is a terminal.
    Batch {
        tty: bool,
    },
    Interactive,
}

/// Output lines in order (`true` = stderr) and whether to stop.
#[derive(Debug, Default)]
pub struct Ran {
    pub out: Vec<(bool, String)>,
    pub failed: bool,
    pub quit: bool,
}

impl Ran {
    fn out(&mut self, s: impl Into<String>) {
        self.out.push((false, s.into()));
    }
    fn err(&mut self, s: impl Into<String>) {
        self.out.push((true, s.into()));
    }
}

/// Runs complete statements (`text` holds whole statements, or a psql
/// meta-command) on `conn` and prints as `prog` does. `line` counts lines
/// for mysql's batch errors.
pub fn run(conn: &mut Conn, prog: Prog, text: &str, mode: Mode, skip_names: bool, table: bool, ran: &mut Ran) {
    if text.len() > MAX_STATEMENT {
        ran.err(format!("dockersim: {}: statement longer than {} bytes (the simulator's limit)\n", prog.name(), MAX_STATEMENT));
        ran.failed = true;
        return;
    }
    let my = prog != Prog::Psql;
    if !my && text.trim_start().starts_with('\\') {
        return meta(conn, text.trim(), ran);
    }
    let (stmts, rest) = lex::split(text, my);
    let mut offset = 0;
    for stmt in stmts.iter().map(String::as_str).chain((!rest.trim().is_empty()).then_some(rest.as_str())) {
        let lead = stmt.len() - stmt.trim_start().len();
        let here = 1 + text[..offset + lead].matches('\n').count();
        offset += stmt.len();
        let body = stmt.trim();
        if body.trim_end_matches(';').trim().is_empty() {
            continue;
        }
        let result = lex::lex(body, my).map_err(super::exec::Error::Syntax).and_then(|mut toks| {
            if !my {
                for t in toks.iter_mut() {
                    if let lex::Kind::Word(w) = &mut t.kind {
                        *w = w.to_lowercase();
                    }
                }
            }
            let s = parse::parse(body, &toks, !my).map_err(|e| unmodelled(&toks, e.0).unwrap_or(super::exec::Error::Syntax(e.0)))?;
            conn.run(&s)
        });
        match result {
            Ok(reply) => print(conn, prog, reply, mode, skip_names, table, ran),
            Err(e) => {
                let msg = if my {
                    mysql_error(&e, body, matches!(mode, Mode::Batch { .. }).then_some(here))
                } else {
                    let table_of = match parse::parse(body, &lex::lex(body, false).unwrap_or_default(), true) {
                        Ok(parse::Stmt::Insert { table, .. } | parse::Stmt::Update { table, .. }) => table,
                        _ => String::new(),
                    };
                    psql_error(&e, body, &table_of)
                };
                ran.err(msg);
                ran.failed = true;
                if my && matches!(mode, Mode::Batch { .. }) {
                    return;
                }
            }
        }
    }
}

/// A syntax error at a word the servers know but this one does not run
/// (JOIN, ALTER TABLE, …) is said to be unmodelled rather than wrong SQL.
fn unmodelled(toks: &[lex::Tok], at: usize) -> Option<super::exec::Error> {
    const WORDS: [&str; 22] = [
        "JOIN",
        "INNER",
        "LEFT",
        "RIGHT",
        "OUTER",
        "CROSS",
        "NATURAL",
        "UNION",
        "HAVING",
        "ALTER",
        "TRUNCATE",
        "RENAME",
        "EXPLAIN",
        "WITH",
        "CASE",
        "EXISTS",
        "INDEX",
        "VIEW",
        "TRIGGER",
        "PROCEDURE",
        "REPLACE",
        "RETURNING",
    ];
    let t = toks.iter().find(|t| t.pos == at)?;
    let first = toks.first()?;
    WORDS
        .iter()
        .find(|w| t.is(w) || (t.pos == first.pos && first.is(w)) || (toks.len() > 1 && first.is("CREATE") && toks[1].is(w)))
        .map(|w| super::exec::Error::Unmodelled(w.to_string()))
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        "row"
    } else {
        "rows"
    }
}

fn print(conn: &Conn, prog: Prog, reply: Reply, mode: Mode, skip_names: bool, table: bool, ran: &mut Ran) {
    let my = prog != Prog::Psql;
    match (reply, my) {
        (Reply::Rows { cols, rows }, true) => match mode {
            Mode::Interactive if rows.is_empty() => ran.out("Empty set (0.00 sec)\n\n"),
            Mode::Interactive => {
                let n = rows.len() as u64;
                ran.out(format!("{}{n} {} in set (0.00 sec)\n\n", mysql_table(&cols, &rows), plural(n)));
            }
            Mode::Batch { .. } if rows.is_empty() => {}
            Mode::Batch { tty } if tty || table => ran.out(mysql_table(&cols, &rows)),
            Mode::Batch { .. } => {
                let t = mysql_tabs(&cols, &rows);
                ran.out(if skip_names { t.split_once('\n').map_or(String::new(), |(_, r)| r.to_string()) } else { t });
            }
        },
        (Reply::Rows { cols, rows }, false) => {
            if skip_names {
                for r in &rows {
                    ran.out(format!(" {}\n", r.iter().map(|v| v.show().unwrap_or_default()).collect::<Vec<_>>().join(" | ")));
                }
                ran.out("\n");
            } else {
                ran.out(psql_table(None, &cols, &rows, true) + "\n");
            }
        }
        (Reply::Done { affected, info, .. }, true) => {
            if mode == Mode::Interactive {
                let secs = "0.01";
                ran.out(format!(
                    "Query OK, {affected} {} affected ({secs} sec)\n{}\n",
                    plural(affected),
                    info.map(|i| i + "\n").unwrap_or_default()
                ));
            }
        }
        (Reply::Done { tag, .. }, false) => ran.out(tag + "\n"),
        (Reply::Use(_), _) => {
            if mode == Mode::Interactive {
                ran.out("Database changed\n");
            }
        }
    }
    let _ = conn;
}

/// psql's backslash commands.
fn meta(conn: &mut Conn, text: &str, ran: &mut Ran) {
    let mut words = text.split_whitespace();
    let cmd = words.next().unwrap_or("");
    let arg = words.next().map(|a| a.trim_end_matches(';').to_string());
    let owner = conn.user.clone();
    let db = conn.db.clone().unwrap_or_default();
    let tables: Vec<(String, super::Table)> = conn.server.dbs.get(&db).map(|d| d.tables.clone().into_iter().collect()).unwrap_or_default();
    let text_rows = |rows: Vec<Vec<&str>>| -> Vec<Vec<Value>> {
        rows.into_iter().map(|r| r.into_iter().map(|s| Value::Text(s.to_string())).collect()).collect()
    };
    let heads = |h: &[&str]| -> Vec<String> { h.iter().map(|s| s.to_string()).collect() };
    match cmd {
        "\\q" => ran.quit = true,
        "\\l" | "\\list" | "\\l+" => {
            let major: u32 = conn.server.version.split('.').next().and_then(|m| m.parse().ok()).unwrap_or(17);
            let mut names: Vec<String> = conn.server.dbs.keys().cloned().collect();
            names.extend(["template0".to_string(), "template1".to_string()]);
            names.sort();
            let (h, extra): (Vec<&str>, usize) = match major {
                17.. => (
                    vec!["Name", "Owner", "Encoding", "Locale Provider", "Collate", "Ctype", "Locale", "ICU Rules", "Access privileges"],
                    3,
                ),
                15..=16 => (
                    vec![
                        "Name",
                        "Owner",
                        "Encoding",
                        "Locale Provider",
                        "Collate",
                        "Ctype",
                        "ICU Locale",
                        "ICU Rules",
                        "Access privileges",
                    ],
                    3,
                ),
                _ => (vec!["Name", "Owner", "Encoding", "Collate", "Ctype", "Access privileges"], 0),
            };
            let rows: Vec<Vec<Value>> = names
                .iter()
                .map(|n| {
                    let mut r = vec![n.as_str(), owner.as_str(), "UTF8"];
                    if extra > 0 {
                        r.push("libc");
                    }
                    r.extend(["en_US.utf8", "en_US.utf8"]);
                    if extra > 0 {
                        r.extend(["", ""]);
                    }
                    let acl = if n.starts_with("template") { format!("=c/{owner}\n{owner}=CTc/{owner}") } else { String::new() };
                    let mut v: Vec<Value> = r.into_iter().map(|s| Value::Text(s.to_string())).collect();
                    v.push(Value::Text(acl));
                    v
                })
                .collect();
            ran.out(psql_table(Some("List of databases"), &heads(&h), &rows, true) + "\n");
        }
        "\\dt" | "\\d" | "\\dt+" | "\\d+" if arg.is_none() => {
            let mut rows: Vec<Vec<&str>> = Vec::new();
            let seqs: Vec<String> =
                tables.iter().flat_map(|(t, tb)| tb.cols.iter().filter(|c| c.auto).map(move |c| format!("{t}_{}_seq", c.name))).collect();
            let mut all: Vec<(&str, &str)> = tables.iter().map(|(t, _)| (t.as_str(), "table")).collect();
            if cmd.starts_with("\\d") && !cmd.starts_with("\\dt") {
                all.extend(seqs.iter().map(|s| (s.as_str(), "sequence")));
                all.sort();
            }
            for (n, kind) in &all {
                rows.push(vec!["public", n, kind, owner.as_str()]);
            }
            if rows.is_empty() {
                ran.out("Did not find any relations.\n");
            } else {
                ran.out(psql_table(Some("List of relations"), &heads(&["Schema", "Name", "Type", "Owner"]), &text_rows(rows), true) + "\n");
            }
        }
        "\\d" | "\\d+" => {
            let name = arg.unwrap_or_default().to_lowercase();
            let Some((_, t)) = tables.iter().find(|(n, _)| *n == name) else {
                ran.err(format!("Did not find any relation named \"{name}\".\n"));
                ran.failed = true;
                return;
            };
            let rows: Vec<Vec<Value>> = t
                .cols
                .iter()
                .map(|c| {
                    let default = if c.now {
                        "CURRENT_TIMESTAMP".to_string()
                    } else if c.auto {
                        format!("nextval('{name}_{}_seq'::regclass)", c.name)
                    } else {
                        c.default
                            .as_ref()
                            .and_then(Value::show)
                            .map(|d| if c.default.as_ref().is_some_and(Value::is_num) { d } else { format!("'{d}'::{}", c.ty) })
                            .unwrap_or_default()
                    };
                    [c.name.clone(), c.ty.clone(), String::new(), if c.not_null { "not null".into() } else { String::new() }, default]
                        .into_iter()
                        .map(Value::Text)
                        .collect()
                })
                .collect();
            let mut s = psql_table(
                Some(&format!("Table \"public.{name}\"")),
                &heads(&["Column", "Type", "Collation", "Nullable", "Default"]),
                &rows,
                false,
            );
            let pk: Vec<&str> = t.cols.iter().filter(|c| c.pk).map(|c| c.name.as_str()).collect();
            if !pk.is_empty() {
                s.push_str(&format!("Indexes:\n    \"{name}_pkey\" PRIMARY KEY, btree ({})\n", pk.join(", ")));
            }
            ran.out(s + "\n");
        }
        "\\c" | "\\connect" => match arg {
            Some(d) if !conn.server.dbs.contains_key(&d) => {
                ran.err(format!("connection to server on socket \"/var/run/postgresql/.s.PGSQL.5432\" failed: FATAL:  database \"{d}\" does not exist\nPrevious connection kept\n"));
                ran.failed = true;
            }
            d => {
                let d = d.unwrap_or(db);
                ran.out(format!("You are now connected to database \"{d}\" as user \"{owner}\".\n"));
                conn.db = Some(d);
            }
        },
        "\\?" | "\\h" | "\\du" | "\\dn" | "\\x" | "\\timing" | "\\i" | "\\copy" | "\\conninfo" | "\\dv" | "\\di" | "\\df" => {
            ran.err(format!("dockersim: psql: {cmd} is not modelled\n"));
            ran.failed = true;
        }
        _ => {
            ran.err(format!("invalid command {cmd}\nTry \\? for help.\n"));
            ran.failed = true;
        }
    }
}

/// The banner an interactive client prints after connecting.
pub fn banner(prog: Prog, version: &str) -> String {
    match prog {
        Prog::Psql => format!("psql ({version})\nType \"help\" for help.\n\n"),
        Prog::Mariadb => format!("Welcome to the MariaDB monitor.  Commands end with ; or \\g.\nYour MariaDB connection id is 3\nServer version: {version} mariadb.org binary distribution\n\nCopyright (c) 2000, 2018, Oracle, MariaDB Corporation Ab and others.\n\nType 'help;' or '\\h' for help. Type '\\c' to clear the current input statement.\n\n"),
        Prog::Mysql => {
            let edition = if version.contains("MariaDB") { "mariadb.org binary distribution" } else { "MySQL Community Server - GPL" };
            format!("Welcome to the MySQL monitor.  Commands end with ; or \\g.\nYour MySQL connection id is 8\nServer version: {version} {edition}\n\nCopyright (c) 2000, 2024, Oracle and/or its affiliates.\n\nOracle is a registered trademark of Oracle Corporation and/or its\naffiliates. Other names may be trademarks of their respective\nowners.\n\nType 'help;' or '\\h' for help. Type '\\c' to clear the current input statement.\n\n")
        }
    }
}

/// The prompt of an interactive client (`pending`: a statement is open).
pub fn prompt(prog: Prog, db: Option<&str>, superuser: bool, pending: bool) -> String {
    match prog {
        Prog::Mysql if pending => "    -> ".into(),
        Prog::Mysql => "mysql> ".into(),
        Prog::Mariadb if pending => "    -> ".into(),
        Prog::Mariadb => format!("MariaDB [{}]> ", db.unwrap_or("(none)")),
        Prog::Psql => format!("{}{}{} ", db.unwrap_or(""), if pending { "-" } else { "=" }, if superuser { "#" } else { ">" }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apps::sql::{Db, Dialect, Server};

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn options() {
        let o = parse_args(Prog::Mysql, &args("-u root -psecret -h mysql todos")).unwrap();
        assert_eq!(
            (o.user.as_deref(), o.password.as_deref(), o.host.as_deref(), o.db.as_deref()),
            (Some("root"), Some("secret"), Some("mysql"), Some("todos"))
        );
        assert!(parse_args(Prog::Mysql, &args("-p")).unwrap().ask_password);
        assert_eq!(parse_args(Prog::Mysql, &args("--nope")).unwrap_err().1, 7);
        let o = parse_args(Prog::Psql, &args("-U postgres -d app -c select")).unwrap();
        assert_eq!((o.user.as_deref(), o.db.as_deref(), o.execute.len()), (Some("postgres"), Some("app"), 1));
    }

    #[test]
    fn sessions() {
        let mut s = Server::new(Dialect::Mysql, "8.4.3");
        s.dbs.insert("todos".into(), Db::default());
        let mut c = Conn { server: &mut s, db: None, user: "root".into(), now: 0, changed: false };
        let mut r = Ran::default();
        run(
            &mut c,
            Prog::Mysql,
            "use todos; create table t (id int primary key, v text); insert into t values (1,'a'),(2,'b'); select * from t where id > 1;",
            Mode::Interactive,
            false,
            false,
            &mut r,
        );
        let text: String = r.out.iter().map(|(_, t)| t.as_str()).collect();
        assert!(text.contains("Database changed\nQuery OK, 0 rows affected (0.01 sec)\n\nQuery OK, 2 rows affected (0.01 sec)\nRecords: 2  Duplicates: 0  Warnings: 0\n\n+----+------+\n".replace("------", "---").as_str()), "{text}");
        assert!(text.ends_with("|  2 | b |\n+----+---+\n1 row in set (0.00 sec)\n\n"), "{text}");
        let mut r = Ran::default();
        run(&mut c, Prog::Mysql, "select * from nope", Mode::Batch { tty: false }, false, false, &mut r);
        assert_eq!(r.out, vec![(true, "ERROR 1146 (42S02) at line 1: Table 'todos.nope' doesn't exist\n".to_string())]);
    }
}
