//! Database clients run through the engine (`docker exec db mysql …`,
//! `psql` in a container's shell, `mysql -h mysql` from another container):
//! find the server over the simulated network, authenticate, run the
//! statements on the server container's data directory, and keep an
//! interactive client as a session (`mysql> `, `postgres=# `).

use super::Out;
use crate::apps::sql::client::{self, Mode, Opts, Prog, Ran};
use crate::apps::sql::exec::Conn;
use crate::apps::sql::store::{self, Kind};
use crate::container::process::{self, Repl};
use crate::container::Stream;
use crate::daemon::Peer;
use crate::Engine;

/// Whether a container filesystem has the client `name` (psql lives in
/// `/usr/lib/postgresql/N/bin`).
pub fn installed(fs: &crate::vfs::Fs, name: &str) -> bool {
    if ["/usr/bin/", "/usr/local/bin/", "/bin/"].iter().any(|d| fs.exists(&format!("{d}{name}"))) {
        return true;
    }
    match fs.get("/usr/lib/postgresql") {
        Ok(crate::vfs::Node::Dir { entries, .. }) => entries.keys().any(|v| fs.exists(&format!("/usr/lib/postgresql/{v}/bin/{name}"))),
        _ => false,
    }
}

/// Ctrl-D in a client: mysql says `Bye`, psql `\q`.
pub fn end_of_input(engine: &mut Engine, out: &mut Out) -> bool {
    let Some(s) = engine.session.clone() else { return false };
    let Repl::Sql { client, asking, .. } = &s.repl else { return false };
    if !asking {
        out.line(if client == "psql" { "\\q" } else { "Bye" });
    }
    leave(engine, &s, 0);
    true
}

/// Which client `argv[0]` is, when container `id` has it installed.
pub fn client_of(engine: &Engine, id: &str, argv0: &str) -> Option<Prog> {
    let prog = Prog::of(argv0.rsplit('/').next()?)?;
    process::find_program(engine.daemon.containers.get(id)?, argv0)?;
    Some(prog)
}

/// What running a client did.
pub enum Ran2 {
    Done(i32),
    Session(Repl),
}

impl Ran2 {
    /// The client's end as its container's main process.
    pub fn outcome(self) -> process::Outcome {
        match self {
            Ran2::Done(code) => process::Outcome::Exited(code),
            Ran2::Session(repl) => process::Outcome::Interactive(repl),
        }
    }
}

/// A connection's endpoints: the server container and how the client reached it.
struct Target {
    server: String,
    kind: Kind,
    /// `localhost`, or the client's address as the server sees it.
    client_host: String,
    /// psql's `at "db" (172.18.0.2), port 5432` or `on socket "…"`.
    via: String,
}

const MY_SOCKET: &str = "/var/run/mysqld/mysqld.sock";
const PG_SOCKET: &str = "connection to server on socket \"/var/run/postgresql/.s.PGSQL.5432\" failed";

/// Whether container `id` runs a database server that `prog` speaks to.
fn server_kind(engine: &Engine, id: &str, prog: Prog) -> Option<Kind> {
    let c = engine.daemon.containers.get(id).filter(|c| c.is_running())?;
    let runs = c.config.argv().iter().any(|a| matches!(a.rsplit('/').next(), Some("mysqld" | "mariadbd" | "postgres")));
    let kind = store::detect(&c.fs, &c.config.env_map()).filter(|_| runs)?;
    ((kind == Kind::Postgres) == (prog == Prog::Psql)).then_some(kind)
}

/// The ports a database server in container `id` listens on.
pub(super) fn db_ports(engine: &Engine, id: &str) -> Vec<u16> {
    match server_kind(engine, id, Prog::Psql).or_else(|| server_kind(engine, id, Prog::Mysql)) {
        Some(Kind::Postgres) => vec![5432],
        Some(_) => vec![3306, 33060],
        None => Vec::new(),
    }
}

/// Whether `prog` in container `from` reaches a server with `o`'s host and
/// port; else the client's error text.
pub(super) fn connect_to(engine: &Engine, from: &str, prog: Prog, o: &Opts) -> Result<(), String> {
    connect(engine, from, prog, o).map(|_| ()).map_err(|(msg, _)| msg)
}

pub(super) fn env_of(engine: &Engine, id: &str) -> std::collections::BTreeMap<String, String> {
    engine.daemon.containers.get(id).map(process::process_env).unwrap_or_default()
}

fn connect(engine: &Engine, from: &str, prog: Prog, o: &Opts) -> Result<Target, (String, i32)> {
    let env = env_of(engine, from);
    let my = prog != Prog::Psql;
    let host = o.host.clone().or_else(|| env.get(if my { "MYSQL_HOST" } else { "PGHOST" }).cloned());
    let port = o.port.unwrap_or(if my { 3306 } else { 5432 });
    let local = |engine: &Engine| -> Result<Target, (String, i32)> {
        match server_kind(engine, from, prog) {
            Some(kind) => Ok(Target { server: from.to_string(), kind, client_host: "localhost".into(), via: PG_SOCKET.into() }),
            None if my => Err((format!("ERROR 2002 (HY000): Can't connect to local MySQL server through socket '{MY_SOCKET}' (2)\n"), 1)),
            None => Err((format!("psql: error: {PG_SOCKET}: No such file or directory\n\tIs the server running locally and accepting connections on that socket?\n"), 2)),
        }
    };
    let Some(host) = host.filter(|h| !h.is_empty() && h != "localhost") else { return local(engine) };
    let peer = engine.daemon.lookup(Some(from), &host);
    let refused = |ip: &str| {
        if my {
            (format!("ERROR 2003 (HY000): Can't connect to MySQL server on '{host}:{port}' (111)\n"), 1)
        } else {
            (format!("psql: error: connection to server at \"{host}\" ({ip}), port {port} failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?\n"), 2)
        }
    };
    match peer {
        None if my => Err((format!("ERROR 2005 (HY000): Unknown MySQL server host '{host}' (-2)\n"), 1)),
        None => Err((format!("psql: error: could not translate host name \"{host}\" to address: Name or service not known\n"), 2)),
        Some(Peer::Itself) => local(engine).map_err(|_| refused("127.0.0.1")),
        Some(Peer::Container(cid, ip)) => {
            let ip = super::networks::ip_text(ip);
            match server_kind(engine, &cid, prog).filter(|_| port == if my { 3306 } else { 5432 }) {
                Some(kind) => {
                    let me = engine
                        .daemon
                        .networks
                        .of(from)
                        .into_iter()
                        .find_map(|(_, e)| e.ip)
                        .map(super::networks::ip_text)
                        .unwrap_or_else(|| "172.17.0.1".into());
                    Ok(Target {
                        server: cid,
                        kind,
                        client_host: me,
                        via: format!("connection to server at \"{host}\" ({ip}), port {port} failed"),
                    })
                }
                None => Err(refused(&ip)),
            }
        }
        Some(Peer::Host(ip) | Peer::Nowhere(ip)) => Err(refused(&super::networks::ip_text(ip))),
    }
}

/// Loads the server's state, runs `f` on a connection, saves what changed.
fn with_server<T>(engine: &mut Engine, t: &Target, user: &str, db: Option<String>, f: impl FnOnce(&mut Conn) -> T) -> (T, Option<String>) {
    engine.daemon.sync_in(&mut engine.host.fs, &t.server);
    let now = engine.daemon.now;
    let Some(c) = engine.daemon.containers.get_mut(&t.server) else {
        let mut server = crate::apps::sql::Server::new(t.kind.dialect(), "");
        let mut conn = Conn { server: &mut server, db, user: user.to_string(), now, changed: false };
        return (f(&mut conn), None);
    };
    let env = process::process_env(c);
    let mut server = store::load(&c.fs, t.kind, &env);
    let mut conn = Conn { server: &mut server, db, user: user.to_string(), now, changed: false };
    let r = f(&mut conn);
    let (changed, db) = (conn.changed, conn.db.clone());
    if changed {
        store::save(&mut c.fs, &server, t.kind, &env, now);
        engine.daemon.sync_out(&mut engine.host.fs, &t.server);
    }
    (r, db)
}

/// Checks the user, password and database; the error text and exit code otherwise.
fn authenticate(
    engine: &mut Engine,
    t: &Target,
    prog: Prog,
    user: &str,
    password: Option<&str>,
    db: Option<&str>,
) -> Result<(), (String, i32)> {
    let my = prog != Prog::Psql;
    let (ok_user, ok_db) = with_server(engine, t, user, None, |c| {
        let known = c.server.users.get(user).cloned();
        (known, db.map(|d| c.server.dbs.contains_key(d) || (my && crate::apps::sql::exec::is_system_db(d))))
    })
    .0;
    if my {
        let given = password.unwrap_or("");
        if ok_user.as_deref() != Some(given) {
            let yes = if given.is_empty() { "NO" } else { "YES" };
            return Err((format!("ERROR 1045 (28000): Access denied for user '{user}'@'{}' (using password: {yes})\n", t.client_host), 1));
        }
        if ok_db == Some(false) {
            return Err((format!("ERROR 1049 (42000): Unknown database '{}'\n", db.unwrap_or("")), 1));
        }
        return Ok(());
    }
    let fatal = |m: String| Err((format!("psql: error: {}: FATAL:  {m}\n", t.via), 2));
    if t.client_host != "localhost" && ok_user.as_deref() != password {
        if password.is_none() {
            return Err((format!("psql: error: {}: fe_sendauth: no password supplied\n", t.via), 2));
        }
        return fatal(format!("password authentication failed for user \"{user}\""));
    }
    if ok_user.is_none() {
        return fatal(format!("role \"{user}\" does not exist"));
    }
    if ok_db == Some(false) {
        return fatal(format!("database \"{}\" does not exist", db.unwrap_or("")));
    }
    Ok(())
}

fn emit(out: &mut Out, ran: &Ran) {
    for (err, text) in &ran.out {
        out.push(if *err { Stream::Stderr } else { Stream::Stdout }, text);
    }
}

/// `mysql …` / `psql …` started in container `from` (by `docker exec`, a
/// container's shell or its main process). `stdin`: what was piped in.
pub fn run(engine: &mut Engine, from: &str, argv: &[String], stdin: Option<&str>, interactive: bool, tty: bool, out: &mut Out) -> Ran2 {
    let Some(prog) = client_of(engine, from, &argv[0]) else { return Ran2::Done(127) };
    let my = prog != Prog::Psql;
    let o = match client::parse_args(prog, &argv[1..]) {
        Ok(o) => o,
        Err((msg, code)) => {
            out.err(msg);
            return Ran2::Done(code);
        }
    };
    let env = env_of(engine, from);
    if o.version {
        let v = env.get("MYSQL_VERSION").or(env.get("PG_VERSION")).cloned().unwrap_or_default();
        let v = v.split('-').next().unwrap_or("").to_string();
        out.line(if my {
            format!("{}  Ver {v} for Linux on x86_64 (MySQL Community Server - GPL)", prog.name())
        } else {
            format!("psql (PostgreSQL) {v} (Debian {v}-1.pgdg120+1)")
        });
        return Ran2::Done(0);
    }
    if o.help {
        out.line(if my {
            format!("Usage: {} [OPTIONS] [database]", prog.name())
        } else {
            "psql is the PostgreSQL interactive terminal.\n\nUsage:\n  psql [OPTION]... [DBNAME [USERNAME]]".to_string()
        });
        let flags = if my { "-u, -p, -h, -P, -e, -D, -t, -N" } else { "-U, -d, -h, -p, -c, -f, -t, -W" };
        out.err(format!("dockersim: {}: the full option list is not reproduced ({flags} are simulated)\n", prog.name()));
        return Ran2::Done(0);
    }
    if my && o.password.is_some() && prog == Prog::Mysql {
        out.err("mysql: [Warning] Using a password on the command line interface can be insecure.\n");
    }
    let t = match connect(engine, from, prog, &o) {
        Ok(t) => t,
        Err((msg, code)) => {
            out.err(msg);
            return Ran2::Done(code);
        }
    };
    let os_user = engine
        .daemon
        .containers
        .get(from)
        .map(|c| c.config.user.split(':').next().unwrap_or("").to_string())
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "root".into());
    let user = o.user.clone().or_else(|| if my { None } else { env.get("PGUSER").cloned() }).unwrap_or(os_user);
    let db = o.db.clone().or_else(|| (!my).then(|| env.get("PGDATABASE").cloned().unwrap_or_else(|| user.clone())));
    let password = o.password.clone().or_else(|| env.get(if my { "MYSQL_PWD" } else { "PGPASSWORD" }).cloned());
    let remote_pg = !my && t.client_host != "localhost" && password.is_none();
    if (o.ask_password || remote_pg) && password.is_none() {
        if interactive && tty {
            return Ran2::Session(Repl::Sql {
                client: prog.name().into(),
                server: t.server,
                engine: kind_name(t.kind),
                user,
                db,
                via: t.via,
                client_host: t.client_host,
                asking: true,
            });
        }
        // No terminal to read a password from: an empty one.
        out.out(if my { "Enter password: ".to_string() } else { format!("Password for user {user}: ") });
        out.line("");
    }
    if let Err((msg, code)) =
        authenticate(engine, &t, prog, &user, password.as_deref().or(Some("")).filter(|p| !p.is_empty() || my), db.as_deref())
    {
        out.err(msg);
        return Ran2::Done(code);
    }
    let from_file = match &o.file {
        Some(f) => {
            let Some(c) = engine.daemon.containers.get(from) else { return Ran2::Done(1) };
            match c.fs.read(&crate::vfs::join(&process::workdir(c), f)) {
                Ok(b) => Some(String::from_utf8_lossy(&b).into_owned()),
                Err(_) => {
                    out.err(format!("psql: error: {f}: No such file or directory\n"));
                    return Ran2::Done(1);
                }
            }
        }
        None => None,
    };
    let batch_text: Option<String> = if let Some(text) = from_file {
        Some(text)
    } else if !o.execute.is_empty() {
        Some(o.execute.join(if my { "\n" } else { ";\n" }))
    } else {
        stdin.filter(|s| !s.is_empty() || !interactive || !tty).map(String::from).filter(|_| !(interactive && tty))
    };
    match batch_text {
        Some(text) => {
            let mut ran = Ran::default();
            let mode = Mode::Batch { tty: tty && !o.execute.is_empty() };
            if !my && o.execute.len() > 1 {
                for cmd in &o.execute {
                    with_server(engine, &t, &user, db.clone(), |c| client::run(c, prog, cmd, mode, o.skip_names, o.table, &mut ran));
                    if ran.failed {
                        break;
                    }
                }
            } else {
                with_server(engine, &t, &user, db.clone(), |c| client::run(c, prog, &text, mode, o.skip_names, o.table, &mut ran));
            }
            emit(out, &ran);
            Ran2::Done(if ran.failed { 1 } else { 0 })
        }
        None if interactive && tty => {
            let version = with_server(engine, &t, &user, None, |c| c.server.version.clone()).0;
            out.out(client::banner(prog, &client_version(prog, &env, &version)));
            Ran2::Session(Repl::Sql {
                client: prog.name().into(),
                server: t.server,
                engine: kind_name(t.kind),
                user,
                db,
                via: t.via,
                client_host: t.client_host,
                asking: false,
            })
        }
        None => Ran2::Done(0),
    }
}

fn client_version(prog: Prog, env: &std::collections::BTreeMap<String, String>, server: &str) -> String {
    if prog == Prog::Psql {
        let v = env.get("PG_VERSION").cloned().unwrap_or_else(|| server.split(' ').next().unwrap_or("").to_string());
        format!("{v} (Debian {v}-1.pgdg120+1)")
    } else {
        server.to_string()
    }
}

fn kind_name(k: Kind) -> String {
    match k {
        Kind::Mysql => "mysql",
        Kind::Mariadb => "mariadb",
        Kind::Postgres => "postgres",
    }
    .into()
}

fn target_of(repl: &Repl) -> Option<(Prog, Target, String, Option<String>, bool)> {
    let Repl::Sql { client, server, engine: kind, user, db, via, client_host, asking } = repl else { return None };
    let kind = match kind.as_str() {
        "postgres" => Kind::Postgres,
        "mariadb" => Kind::Mariadb,
        _ => Kind::Mysql,
    };
    Some((
        Prog::of(client)?,
        Target { server: server.clone(), kind, client_host: client_host.clone(), via: via.clone() },
        user.clone(),
        db.clone(),
        *asking,
    ))
}

/// The prompt of a client session.
pub fn prompt(engine: &Engine, s: &crate::container::Session) -> String {
    let Some((prog, t, user, db, asking)) = target_of(&s.repl) else { return String::new() };
    if asking {
        return if prog == Prog::Psql { format!("Password for user {user}: ") } else { "Enter password: ".into() };
    }
    let superuser = engine
        .daemon
        .containers
        .get(&t.server)
        .map(|c| c.config.env_map().get("POSTGRES_USER").map_or(user == "postgres", |u| *u == user))
        .unwrap_or(false);
    client::prompt(prog, db.as_deref(), superuser, !s.pending.trim().is_empty())
}

/// Whether the session waits for a password (the terminal hides it).
pub fn asking(s: &crate::container::Session) -> bool {
    matches!(s.repl, Repl::Sql { asking: true, .. })
}

/// A line typed into a client session.
pub fn input(engine: &mut Engine, s: &crate::container::Session, line: &str, out: &mut Out) -> i32 {
    let Some((prog, t, user, db, asking)) = target_of(&s.repl) else { return 1 };
    let my = prog != Prog::Psql;
    if server_kind(engine, &t.server, prog).is_none() {
        out.err(if my { "ERROR 2013 (HY000): Lost connection to MySQL server during query\n".to_string() } else { "server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n\tbefore or while processing the request.\nThe connection to the server was lost. Attempting reset: Failed.\n".to_string() });
        leave(engine, s, 1);
        return 1;
    }
    if asking {
        let password = if my || !line.is_empty() { Some(line) } else { None };
        if let Err((msg, code)) = authenticate(engine, &t, prog, &user, password, db.as_deref()) {
            out.err(msg);
            leave(engine, s, code);
            return code;
        }
        let env = env_of(engine, &s.container_id);
        let version = with_server(engine, &t, &user, None, |c| c.server.version.clone()).0;
        out.out(client::banner(prog, &client_version(prog, &env, &version)));
        if let Some(Repl::Sql { asking, .. }) = engine.session.as_mut().map(|s| &mut s.repl) {
            *asking = false;
        }
        return 0;
    }
    let trimmed = line.trim();
    let pending = s.pending.clone();
    if pending.trim().is_empty() {
        let word = trimmed.trim_end_matches(';').to_ascii_lowercase();
        if matches!(word.as_str(), "exit" | "quit" | "\\q") {
            if my {
                out.line("Bye");
            }
            leave(engine, s, 0);
            return 0;
        }
    }
    let mut text = if pending.is_empty() { line.to_string() } else { format!("{pending}\n{line}") };
    if my && text.trim_end().ends_with("\\c") {
        set_pending(engine, String::new());
        return 0;
    }
    // mysql's `use db` and psql's backslash commands need no `;`.
    let command =
        pending.trim().is_empty() && ((my && trimmed.to_ascii_lowercase().starts_with("use ")) || (!my && trimmed.starts_with('\\')));
    if command && my && !text.trim_end().ends_with(';') {
        text.push(';');
    }
    let (stmts, rest) = if command && !my { (vec![text.clone()], String::new()) } else { crate::apps::sql::lex::split(&text, my) };
    if text.len() > crate::apps::sql::MAX_STATEMENT {
        out.err(format!(
            "dockersim: {}: statement longer than {} bytes (the simulator's limit)\n",
            prog.name(),
            crate::apps::sql::MAX_STATEMENT
        ));
        set_pending(engine, String::new());
        return 1;
    }
    set_pending(engine, rest.trim_start().to_string());
    if stmts.is_empty() {
        return 0;
    }
    let mut ran = Ran::default();
    let (_, new_db) = with_server(engine, &t, &user, db.clone(), |c| {
        for st in &stmts {
            client::run(c, prog, st, Mode::Interactive, false, false, &mut ran);
            if ran.quit {
                break;
            }
        }
    });
    emit(out, &ran);
    if ran.quit {
        leave(engine, s, 0);
        return 0;
    }
    if let Some(Repl::Sql { db, .. }) = engine.session.as_mut().map(|s| &mut s.repl) {
        *db = new_db;
    }
    0
}

fn set_pending(engine: &mut Engine, text: String) {
    if let Some(s) = engine.session.as_mut() {
        s.pending = text;
    }
}

pub(super) fn leave_session(engine: &mut Engine, s: &crate::container::Session, code: i32) {
    leave(engine, s, code)
}

fn leave(engine: &mut Engine, s: &crate::container::Session, code: i32) {
    if let Some(open) = engine.session.as_mut() {
        if let Some(outer) = open.outer.take() {
            open.repl = *outer;
            open.pending.clear();
            open.shell.status = code;
            return;
        }
    }
    engine.session = None;
    if !s.exec {
        super::start::finish(engine, &s.container_id, code);
    }
}

/// A client as a container's main process (`docker run --rm -it --network
/// app mysql mysql -h db -u root -p`), through the image's entrypoint.
pub fn main_process(engine: &mut Engine, id: &str, argv: &[String]) -> Option<process::Outcome> {
    let argv = super::programs::after_entrypoint(argv);
    client_of(engine, id, argv.first()?)?;
    let (interactive, tty) = engine.daemon.containers.get(id).map(|c| (c.config.interactive, c.config.tty))?;
    let mut out = Out::default();
    let ran = run(engine, id, argv, None, interactive, tty, &mut out);
    super::programs::log_output(engine, id, out)?;
    Some(ran.outcome())
}

/// One statement from an app in container `from` (mysql2 in a Node app) to
/// the MySQL server at `host:port`, as `user` with `password`, in `db`.
#[allow(clippy::too_many_arguments)]
pub fn app_statement(
    engine: &mut Engine,
    from: &str,
    host: &str,
    port: u16,
    user: &str,
    password: &str,
    db: Option<&str>,
    sql: &str,
) -> Result<crate::apps::sql::exec::Reply, crate::apps::MysqlErr> {
    use crate::apps::{MysqlErr, NetErr};
    let o = Opts { host: Some(host.to_string()), port: Some(port), ..Opts::default() };
    let t = connect(engine, from, Prog::Mysql, &o).map_err(|(m, _)| {
        if m.contains("(HY000): Unknown MySQL server host") {
            MysqlErr::Net(NetErr::Unknown)
        } else {
            MysqlErr::Net(NetErr::Refused)
        }
    })?;
    authenticate(engine, &t, Prog::Mysql, user, Some(password), db).map_err(|(m, _)| server_error(&m))?;
    let toks = crate::apps::sql::lex::lex(sql, true);
    let (r, _) = with_server(engine, &t, user, db.map(str::to_string), |conn| {
        let toks = toks.map_err(crate::apps::sql::exec::Error::Syntax)?;
        let stmt = crate::apps::sql::parse::parse(sql, &toks, false).map_err(|e| crate::apps::sql::exec::Error::Syntax(e.0))?;
        conn.run(&stmt)
    });
    r.map_err(|e| server_error(&crate::apps::sql::format::mysql_error(&e, sql, None)))
}

/// A client's `ERROR 1146 (42S02): …` line as mysql2's error fields.
fn server_error(line: &str) -> crate::apps::MysqlErr {
    let line = line.trim_end();
    if line.starts_with("dockersim:") {
        return crate::apps::MysqlErr::Other(line.to_string());
    }
    let rest = line.strip_prefix("ERROR ").unwrap_or(line);
    let (head, message) = rest.split_once(": ").unwrap_or((rest, ""));
    let mut parts = head.split_whitespace();
    let errno: u16 = parts.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    let state = parts.next().unwrap_or("").trim_matches(|c| c == '(' || c == ')').to_string();
    let code = match errno {
        1045 => "ER_ACCESS_DENIED_ERROR",
        1046 => "ER_NO_DB_ERROR",
        1048 => "ER_BAD_NULL_ERROR",
        1049 => "ER_BAD_DB_ERROR",
        1050 => "ER_TABLE_EXISTS_ERROR",
        1054 => "ER_BAD_FIELD_ERROR",
        1062 => "ER_DUP_ENTRY",
        1064 => "ER_PARSE_ERROR",
        1136 => "ER_WRONG_VALUE_COUNT_ON_ROW",
        1146 => "ER_NO_SUCH_TABLE",
        1406 => "ER_DATA_TOO_LONG",
        _ => "ER_UNKNOWN_ERROR",
    };
    crate::apps::MysqlErr::Sql { code: code.into(), errno, state, message: message.to_string() }
}

/// Whether a MySQL server listens at `host:port` as seen from container `from`.
pub fn app_listening(engine: &Engine, from: &str, host: &str, port: u16) -> bool {
    let o = Opts { host: Some(host.to_string()), port: Some(port), ..Opts::default() };
    connect(engine, from, Prog::Mysql, &o).is_ok()
}
