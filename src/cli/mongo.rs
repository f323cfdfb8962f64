//! The MongoDB shells run through the engine (`docker exec mg mongosh
//! --eval …`, `mongo` in a 4.4 container, `mongosh "mongodb://user:pw@mongo:27017/app"`
//! from another container): find the `mongod` container over the simulated
//! network, authenticate, run the code on the server's `/data/db`, and keep
//! an interactive shell as the session (`test> `, `> `).

use super::networks::ip_text;
use super::sql::Ran2;
use super::Out;
use crate::apps::mongo::shell::{self, Shell};
use crate::apps::mongo::store;
use crate::container::process::{self, Repl};
use crate::daemon::Peer;
use crate::Engine;

const MONGOSH: &str = "2.3.4";

/// Whether `argv0` is a MongoDB shell installed in container `id`.
pub fn is_client(engine: &Engine, id: &str, argv0: &str) -> bool {
    matches!(argv0.rsplit('/').next(), Some("mongosh" | "mongo"))
        && engine.daemon.containers.get(id).is_some_and(|c| process::find_program(c, argv0).is_some())
}

#[derive(Default)]
struct Opts {
    host: Option<String>,
    port: Option<u16>,
    db: Option<String>,
    user: Option<String>,
    password: Option<String>,
    auth_db: Option<String>,
    evals: Vec<String>,
    files: Vec<String>,
    quiet: bool,
    uri: Option<String>,
}

fn parse(args: &[String], legacy: bool) -> Result<Opts, String> {
    let mut o = Opts::default();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (a, None),
        };
        let mut value = || -> Result<String, String> {
            if let Some(v) = inline.clone() {
                return Ok(v);
            }
            i += 1;
            args.get(i).cloned().ok_or_else(|| format!("Error parsing command line: the argument for option '{flag}' is missing"))
        };
        match flag {
            "--eval" => o.evals.push(value()?),
            "--quiet" => o.quiet = true,
            "--host" => o.host = Some(value()?),
            "--port" => o.port = value()?.parse().ok(),
            "-u" | "--username" => o.user = Some(value()?),
            "-p" | "--password" => o.password = Some(value()?),
            "--authenticationDatabase" => o.auth_db = Some(value()?),
            "-f" | "--file" => o.files.push(value()?),
            "--norc" | "--nodb" | "--shell" | "--verbose" => {}
            f if f.starts_with('-') => {
                return Err(if legacy {
                    format!("Error parsing command line: unrecognised option '{f}'\ntry 'mongo --help' for more information")
                } else {
                    format!("MongoshUnimplementedError: Unknown argument: {f}")
                })
            }
            _ if a.ends_with(".js") => o.files.push(a.to_string()),
            _ if o.uri.is_none() => o.uri = Some(a.to_string()),
            _ => o.files.push(a.to_string()),
        }
        i += 1;
    }
    if let Some(uri) = o.uri.clone() {
        apply_uri(&mut o, &uri);
    }
    Ok(o)
}

/// `mongodb://user:pass@host:port/db?authSource=admin`, `host:port/db`, `db`.
fn apply_uri(o: &mut Opts, uri: &str) {
    let Some(rest) = uri.strip_prefix("mongodb://").or(uri.strip_prefix("mongodb+srv://")) else {
        // A bare `db` or `host/db` or `host:port/db`.
        match uri.split_once('/') {
            Some((hp, db)) => {
                set_host(o, hp);
                if !db.is_empty() {
                    o.db = Some(db.to_string());
                }
            }
            None if uri.contains(':') || uri.contains('.') => set_host(o, uri),
            None => o.db = Some(uri.to_string()),
        }
        return;
    };
    let (main, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (auth, hostpart) = match main.rsplit_once('@') {
        Some((a, h)) => (Some(a), h),
        None => (None, main),
    };
    if let Some(a) = auth {
        let (u, p) = a.split_once(':').unwrap_or((a, ""));
        o.user.get_or_insert_with(|| decode(u));
        if !p.is_empty() {
            o.password.get_or_insert_with(|| decode(p));
        }
    }
    let (hp, db) = hostpart.split_once('/').unwrap_or((hostpart, ""));
    set_host(o, hp.split(',').next().unwrap_or(hp));
    if !db.is_empty() {
        o.db = Some(db.to_string());
    }
    for kv in query.split('&') {
        if let Some(v) = kv.strip_prefix("authSource=") {
            o.auth_db.get_or_insert_with(|| v.to_string());
        }
    }
}

fn decode(s: &str) -> String {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(n) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(n);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn set_host(o: &mut Opts, hp: &str) {
    if hp.is_empty() {
        return;
    }
    match hp.rsplit_once(':') {
        Some((h, p)) if p.parse::<u16>().is_ok() => {
            o.host = Some(h.to_string());
            o.port = p.parse().ok();
        }
        _ => o.host = Some(hp.to_string()),
    }
}

/// Whether container `id` runs `mongod`.
fn is_server(engine: &Engine, id: &str) -> bool {
    engine.daemon.containers.get(id).filter(|c| c.is_running()).is_some_and(|c| {
        c.config.argv().iter().any(|a| a.rsplit('/').next() == Some("mongod"))
            || process::find_program(c, "mongod").is_some()
                && c.config.argv().iter().any(|a| a.starts_with("--") || a == "docker-entrypoint.sh")
    })
}

/// The server container `o` reaches from `from`, and the address shown.
fn connect(engine: &Engine, from: &str, o: &Opts, legacy: bool) -> Result<(String, String), String> {
    let host = o.host.clone().unwrap_or_else(|| "127.0.0.1".into());
    let port = o.port.unwrap_or(27017);
    let refused = |ip: &str| {
        if legacy {
            format!("Error: couldn't connect to server {ip}:{port}, connection attempt failed: SocketException: Error connecting to {ip}:{port} :: caused by :: Connection refused :\nconnect@src/mongo/shell/mongo.js:374:17\n@(connect):2:6\nexception: connect failed\nexiting with code 1\n")
        } else {
            format!("MongoNetworkError: connect ECONNREFUSED {ip}:{port}\n")
        }
    };
    let local = matches!(host.as_str(), "localhost" | "127.0.0.1" | "0.0.0.0" | "::1");
    let peer = if local { Some(Peer::Itself) } else { engine.daemon.lookup(Some(from), &host) };
    match peer {
        None if legacy => Err(format!("Error: couldn't connect to server {host}:{port}, connection attempt failed: HostNotFound: Could not find address for {host}:{port}: SocketException: Host not found (authoritative) :\nconnect@src/mongo/shell/mongo.js:374:17\n@(connect):2:6\nexception: connect failed\nexiting with code 1\n")),
        None => Err(format!("MongoNetworkError: getaddrinfo ENOTFOUND {host}\n")),
        Some(Peer::Itself) => {
            if is_server(engine, from) && port == 27017 {
                Ok((from.to_string(), format!("{host}:{port}")))
            } else {
                Err(refused(if local && host != "localhost" { &host } else { "127.0.0.1" }))
            }
        }
        Some(Peer::Container(cid, ip)) => {
            if is_server(engine, &cid) && port == 27017 {
                Ok((cid, format!("{host}:{port}")))
            } else {
                Err(refused(&ip_text(ip)))
            }
        }
        Some(Peer::Host(ip)) => Err(refused(&ip_text(ip))),
        Some(Peer::Nowhere(ip)) => Err(refused(&ip_text(ip))),
    }
}

fn unique(id: &str) -> String {
    crate::digest::sha256_hex(format!("mongod\0{id}").as_bytes())[..10].to_string()
}

fn server_env(engine: &Engine, id: &str) -> std::collections::BTreeMap<String, String> {
    engine.daemon.containers.get(id).map(process::process_env).unwrap_or_default()
}

/// Runs `f` on the shell connected to server container `server`, saving what changed.
fn with_shell<T>(
    engine: &mut Engine,
    server: &str,
    f: impl FnOnce(&mut Shell, &crate::vfs::Fs, i64, &str) -> T,
    mut sh: Shell,
) -> (T, Shell) {
    engine.daemon.sync_in(&mut engine.host.fs, server);
    let now = engine.daemon.now;
    let (fs, host, started) = match engine.daemon.containers.get(server) {
        Some(c) => {
            let started = match c.state {
                crate::container::State::Running { started } => started,
                _ => now,
            };
            (c.fs.clone(), c.config.hostname.clone(), started)
        }
        None => (crate::vfs::Fs::new(), String::new(), now),
    };
    sh.server = store::load(&fs, &unique(server), now);
    sh.started = started;
    sh.host.clone_from(&host);
    let r = f(&mut sh, &fs, now, &host);
    if sh.server.changed {
        if let Some(c) = engine.daemon.containers.get_mut(server) {
            store::save(&mut c.fs, &sh.server, now);
        }
        engine.daemon.sync_out(&mut engine.host.fs, server);
    }
    (r, sh)
}

/// Runs `mongosh`/`mongo` with `argv` in container `from`; `stdin`: what
/// was piped in (`docker exec -i m mongosh < script.js`).
pub fn run(engine: &mut Engine, from: &str, argv: &[String], stdin: Option<&str>, interactive: bool, out: &mut Out) -> Ran2 {
    let legacy = argv[0].rsplit('/').next() == Some("mongo");
    let o = match parse(&argv[1..], legacy) {
        Ok(o) => o,
        Err(e) => {
            out.err(format!("{e}\n"));
            return Ran2::Done(if legacy { 2 } else { 1 });
        }
    };
    let db = o.db.clone().unwrap_or_else(|| "test".into());
    let shown_host = o.host.clone().unwrap_or_else(|| "127.0.0.1".into());
    let port = o.port.unwrap_or(27017);
    let banner_uri = if legacy {
        format!(
            "mongodb://{shown_host}:{port}/{}?compressors=disabled&gssapiServiceName=mongodb",
            if o.db.is_some() { db.as_str() } else { "" }
        )
    } else {
        let cred = if o.user.is_some() { "<credentials>@" } else { "" };
        let auth = o.auth_db.as_ref().map(|a| format!("authSource={a}&")).unwrap_or_default();
        format!(
            "mongodb://{cred}{shown_host}:{port}/{}?directConnection=true&serverSelectionTimeoutMS=2000&{auth}appName=mongosh+{MONGOSH}",
            if o.db.is_some() { db.as_str() } else { "" }
        )
    };
    let quiet = o.quiet || (!legacy && !o.evals.is_empty());
    if legacy && !o.quiet {
        out.out(format!(
            "MongoDB shell version v{}\nconnecting to: {banner_uri}\n",
            server_env(engine, from).get("MONGO_VERSION").cloned().unwrap_or_else(|| "4.4.29".into())
        ));
    }
    let (server, _addr) = match connect(engine, from, &o, legacy) {
        Ok(t) => t,
        Err(e) => {
            if !legacy && !quiet {
                out.out(format!("Current Mongosh Log ID:\t{}\nConnecting to:\t\t{banner_uri}\n", log_id(engine, from)));
            }
            out.err(e);
            return Ran2::Done(1);
        }
    };
    let senv = server_env(engine, &server);
    let version = senv.get("MONGO_VERSION").cloned().unwrap_or_else(|| "7.0.16".into());
    let argv_server: Vec<String> = engine.daemon.containers.get(&server).map(|c| c.config.argv()).unwrap_or_default();
    let needs_auth = store::requires_auth(&senv, &argv_server);
    let mut authed = !needs_auth;
    let mut who = None;
    if let Some(user) = &o.user {
        let Some(pwd) = o.password.clone() else {
            out.err(format!(
                "dockersim: {}: the password prompt is not simulated; give the password with -p or in the connection string\n",
                argv[0]
            ));
            return Ran2::Done(1);
        };
        let auth_db = o.auth_db.clone().or(o.db.clone()).unwrap_or_else(|| "admin".into());
        let fs = engine.daemon.containers.get(&server).map(|c| c.fs.clone()).unwrap_or_default();
        let srv = store::load(&fs, "", 0);
        if !srv.auth(&auth_db, user, &pwd) {
            if legacy {
                out.err("Error: Authentication failed. :\nconnect@src/mongo/shell/mongo.js:374:17\n@(connect):2:6\nexception: connect failed\nexiting with code 1\n");
            } else {
                if !quiet {
                    out.out(format!("Current Mongosh Log ID:\t{}\nConnecting to:\t\t{banner_uri}\n", log_id(engine, from)));
                }
                out.err("MongoServerError: Authentication failed.\n");
            }
            return Ran2::Done(1);
        }
        authed = true;
        who = Some((user.clone(), auth_db));
    }
    if legacy && !o.quiet {
        out.out(format!("Implicit session: session {{ \"id\" : UUID(\"{}\") }}\nMongoDB server version: {version}\n", uuid(engine, from)));
    }
    let mut sh = Shell::new(Default::default(), &db, legacy, authed, &version);
    sh.who = who.clone();
    let scripts: Vec<String> = o.evals.clone();
    let mut status = 0;
    if !scripts.is_empty() || !o.files.is_empty() {
        let mut files = Vec::new();
        for f in &o.files {
            let path = if f.starts_with('/') {
                f.clone()
            } else {
                format!("{}/{f}", engine.daemon.containers.get(from).map(process::workdir).unwrap_or_default().trim_end_matches('/'))
            };
            match engine.daemon.containers.get(from).and_then(|c| c.fs.read(&path).ok()) {
                Some(b) => files.push(String::from_utf8_lossy(&b).into_owned()),
                None => {
                    out.err(if legacy {
                        format!("file [{f}] doesn't exist\nfailed to load: {f}\n")
                    } else {
                        format!("Error: ENOENT: no such file or directory, open '{path}'\n")
                    });
                    return Ran2::Done(1);
                }
            }
        }
        for (k, code) in scripts.iter().chain(files.iter()).enumerate() {
            let is_file = k >= scripts.len();
            // The legacy shell prints only what the code prints; mongosh the last value too.
            sh.echo = !legacy && !is_file;
            let (ran, back) = with_shell(engine, &server, |sh, fs, now, host| shell::eval(sh, fs, code, now, host), sh);
            sh = back;
            out.out(ran.stdout.clone());
            out.err(ran.stderr.clone());
            if let Some(code) = ran.exit {
                return Ran2::Done(code);
            }
            if !ran.ok {
                status = 1;
                break;
            }
        }
        return Ran2::Done(status);
    }
    if let Some(text) = stdin.filter(|t| !t.is_empty()) {
        // Piped input: read as typed at the prompt, without a terminal.
        if !legacy && !quiet {
            banner(engine, from, &banner_uri, &version, needs_auth, out);
        }
        return Ran2::Done(piped(engine, &server, sh, text, out));
    }
    if !interactive {
        // Nothing to read: the shell starts and ends at end of input.
        if !legacy && !quiet {
            banner(engine, from, &banner_uri, &version, authed && needs_auth, out);
        }
        return Ran2::Done(0);
    }
    if legacy {
        if !o.quiet {
            out.out("Welcome to the MongoDB shell.\nFor interactive help, type \"help\".\nFor more comprehensive documentation, see\n\thttps://docs.mongodb.com/\nQuestions? Try the MongoDB Developer Community Forums\n\thttps://community.mongodb.com\n");
            if !needs_auth {
                out.out("---\nThe server generated these startup warnings when booting: \n        2026-01-01T00:00:02.000+00:00: Access control is not enabled for the database. Read and write access to data and configuration is unrestricted\n---\n");
            }
        }
    } else if !quiet {
        banner(engine, from, &banner_uri, &version, needs_auth, out);
    }
    Ran2::Session(Repl::Mongo {
        server,
        db,
        legacy,
        authed,
        version,
        cursor: None,
        kept: Box::new(process::MongoKept { who, ..Default::default() }),
    })
}

/// The shell reading piped input (`mongosh < script.js`): each statement
/// as if typed, mongosh writing its prompt (`test> `, `... ` inside an
/// open statement) where a terminal would have echoed the line; the legacy
/// shell prints no prompts and says `bye` at the end.
fn piped(engine: &mut Engine, server: &str, mut sh: Shell, text: &str, out: &mut Out) -> i32 {
    let mut pending = String::new();
    let prompt = |sh: &Shell, pending: &str| if !pending.is_empty() { "... ".to_string() } else { format!("{}> ", sh.db) };
    for line in text.lines() {
        if !sh.legacy {
            out.out(prompt(&sh, &pending));
        }
        if pending.is_empty() && matches!(line.trim(), "exit" | "quit" | "exit()" | "quit()" | ".exit") {
            if sh.legacy {
                out.out("bye\n");
            }
            return 0;
        }
        pending.push_str(line);
        pending.push('\n');
        if shell::incomplete(&pending) {
            continue;
        }
        let code = std::mem::take(&mut pending);
        if code.trim().is_empty() {
            if !sh.legacy {
                out.out("\n");
            }
            continue;
        }
        sh.echo = true;
        let (ran, back) = with_shell(engine, server, |sh, fs, now, host| shell::eval(sh, fs, &code, now, host), sh);
        sh = back;
        if ran.stdout.is_empty() && !sh.legacy {
            out.out("\n");
        }
        out.out(ran.stdout);
        out.err(ran.stderr);
        if let Some(code) = ran.exit {
            return code;
        }
    }
    if sh.legacy {
        out.out("bye\n");
    } else {
        out.out(prompt(&sh, &pending) + "\n");
    }
    0
}

fn log_id(engine: &Engine, from: &str) -> String {
    crate::digest::sha256_hex(format!("mongosh\0{from}\0{}", engine.daemon.now).as_bytes())[..24].to_string()
}

fn uuid(engine: &Engine, from: &str) -> String {
    let h = crate::digest::sha256_hex(format!("session\0{from}\0{}", engine.daemon.now).as_bytes());
    format!("{}-{}-4{}-a{}-{}", &h[..8], &h[8..12], &h[13..16], &h[17..20], &h[20..32])
}

fn banner(engine: &Engine, from: &str, uri: &str, version: &str, auth: bool, out: &mut Out) {
    out.out(format!(
        "Current Mongosh Log ID:\t{}\nConnecting to:\t\t{uri}\nUsing MongoDB:\t\t{version}\nUsing Mongosh:\t\t{MONGOSH}\n\nFor mongosh info see: https://www.mongodb.com/docs/mongodb-shell/\n\n",
        log_id(engine, from)
    ));
    if !auth {
        out.out("------\n   The server generated these startup warnings when booting\n   2026-01-01T00:00:02.000+00:00: Access control is not enabled for the database. Read and write access to data and configuration is unrestricted\n------\n\n");
    }
}

/// The session's prompt: mongosh's `test> `, the legacy shell's `> `.
pub fn prompt(repl: &Repl) -> String {
    match repl {
        Repl::Mongo { kept, .. } if !kept.pending.is_empty() => "... ".into(),
        Repl::Mongo { legacy: true, .. } => "> ".into(),
        Repl::Mongo { db, .. } => format!("{db}> "),
        _ => String::new(),
    }
}

/// One line typed at the shell's prompt.
pub fn input(engine: &mut Engine, s: &crate::container::Session, line: &str, out: &mut Out) -> i32 {
    let Repl::Mongo { server, db, legacy, authed, version, cursor, kept } = s.repl.clone() else { return 0 };
    let process::MongoKept { vars, defs, who, pending } = *kept;
    let t = line.trim();
    if t.is_empty() && pending.is_empty() {
        return 0;
    }
    let code = format!("{pending}{line}\n");
    let open = shell::incomplete(&code);
    if let Some(Repl::Mongo { kept, .. }) = engine.session.as_mut().map(|x| &mut x.repl) {
        kept.pending = if open { code.clone() } else { String::new() };
    }
    if open {
        return 0;
    }
    if matches!(t, "exit" | "quit" | "exit()" | "quit()" | ".exit") {
        if legacy {
            out.line("bye");
        }
        super::sql::leave_session(engine, s, 0);
        return 0;
    }
    if !engine.daemon.containers.get(&server).is_some_and(|c| c.is_running()) {
        out.err(if legacy {
            "uncaught exception: Error: error doing query: failed: network error while attempting to run command 'isMaster' on host '127.0.0.1:27017'  :\n".to_string()
        } else {
            "MongoNetworkError: connection 2 to 127.0.0.1:27017 closed\n".to_string()
        });
        return 1;
    }
    let mut sh = Shell::new(Default::default(), &db, legacy, authed, &version);
    sh.cursor = cursor;
    (sh.vars, sh.defs, sh.who) = (vars, defs, who);
    let (ran, sh) = with_shell(engine, &server, |sh, fs, now, host| shell::eval(sh, fs, &code, now, host), sh);
    out.out(ran.stdout);
    out.err(ran.stderr);
    if let Some(code) = ran.exit {
        super::sql::leave_session(engine, s, code);
        return code;
    }
    if let Some(Repl::Mongo { db, authed, cursor, kept, .. }) = engine.session.as_mut().map(|x| &mut x.repl) {
        *db = sh.db;
        *authed = sh.authed;
        *cursor = sh.cursor;
        (kept.vars, kept.defs, kept.who) = (sh.vars, sh.defs, sh.who);
    }
    i32::from(!ran.ok)
}

/// A shell as a container's main process (`docker run -it --network app
/// mongo:7 mongosh --host mongo`), through the image's entrypoint.
pub fn main_process(engine: &mut Engine, id: &str, argv: &[String]) -> Option<process::Outcome> {
    let argv = super::programs::after_entrypoint(argv);
    if !is_client(engine, id, argv.first()?) {
        return None;
    }
    let interactive = engine.daemon.containers.get(id).map(|c| c.config.interactive)?;
    let mut out = Out::default();
    let ran = run(engine, id, argv, None, interactive, &mut out);
    super::programs::log_output(engine, id, out)?;
    Some(ran.outcome())
}
