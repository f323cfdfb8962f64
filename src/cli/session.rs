//! Interactive sessions: `docker run -it` and `docker exec -it` hand the
//! terminal to a shell or REPL inside the container until it exits.

use super::{daemon, Out};
use crate::container::process::{self, Repl};
use crate::vfs::{self, Node};
use crate::Engine;
use serde::Serialize;

/// The terminal is attached to a program in a container.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Session {
    pub container_id: String,
    pub repl: Repl,
    /// `docker exec` (leaving ends only this process) rather than the main process.
    pub exec: bool,
    pub tty: bool,
}

/// Attaches the terminal and prints the program's banner.
pub fn open(engine: &mut Engine, session: Session, out: &mut Out) {
    match &session.repl {
        Repl::Node { version } => {
            out.line(format!("Welcome to Node.js v{version}."));
            out.line("Type \".help\" for more information.");
        }
        Repl::Python { version } => {
            out.line(format!("Python {version} (default, Dec 3 2024, 02:45:03) "));
            out.line("[GCC 12.2.0] on linux");
            out.line("Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.");
        }
        Repl::Shell { .. } => {}
    }
    engine.session = Some(session);
}

/// The prompt the program shows.
pub fn prompt(engine: &Engine, s: &Session) -> String {
    match &s.repl {
        Repl::Node { .. } => "> ".into(),
        Repl::Python { .. } => ">>> ".into(),
        Repl::Shell { program, cwd } => {
            let c = engine.containers.get(&s.container_id);
            let user = c.map(|c| c.config.user.split(':').next().unwrap_or("").to_string()).unwrap_or_default();
            let root = user.is_empty() || user == "root" || user == "0";
            let sigil = if root { '#' } else { '$' };
            match program.as_str() {
                "bash" => {
                    let host = c.map(|c| c.config.hostname.clone()).unwrap_or_default();
                    let home = if root { "/root".to_string() } else { format!("/home/{user}") };
                    let shown = if cwd == &home { "~".to_string() } else { cwd.replace(&format!("{home}/"), "~/") };
                    format!("{}@{host}:{shown}{sigil} ", if root { "root" } else { &user })
                }
                "sh" | "dash" if c.is_some_and(|c| c.fs.exists("/etc/debian_version")) => format!("{sigil} "),
                _ => format!("{cwd} {sigil} "),
            }
        }
    }
}

/// Runs one line inside the session; returns the exit status of that line.
pub fn input(engine: &mut Engine, line: &str, out: &mut Out) -> i32 {
    let Some(session) = engine.session.clone() else { return 0 };
    if !engine.containers.get(&session.container_id).is_some_and(|c| c.is_running()) {
        engine.session = None;
        return 0;
    }
    match &session.repl {
        Repl::Shell { program, cwd } => {
            super::mounts::sync_in(engine, &session.container_id);
            let status = shell_line(engine, &session, program, cwd, line, out);
            super::mounts::sync_out(engine, &session.container_id);
            status
        }
        Repl::Node { version } => {
            let t = line.trim();
            if t == ".exit" {
                leave(engine, &session, 0);
                return 0;
            }
            out.out(node_eval(t, version));
            0
        }
        Repl::Python { .. } => {
            let t = line.trim();
            if t == "exit()" || t == "quit()" {
                leave(engine, &session, 0);
                return 0;
            }
            out.out(python_eval(t));
            0
        }
    }
}

/// Ends the session: the main process exits (or just the exec'd one).
fn leave(engine: &mut Engine, s: &Session, code: i32) {
    engine.session = None;
    if !s.exec {
        daemon::finish(engine, &s.container_id, code);
    }
}

fn shell_line(engine: &mut Engine, s: &Session, program: &str, cwd: &str, line: &str, out: &mut Out) -> i32 {
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.first().copied() {
        None => return 0,
        Some("exit") => {
            if program == "bash" {
                out.eline("exit");
            }
            let code = words.get(1).and_then(|c| c.parse().ok()).unwrap_or(0);
            leave(engine, s, code);
            return code;
        }
        Some("cd") => {
            let target = words.get(1).copied().unwrap_or("/root");
            let Some(c) = engine.containers.get(&s.container_id) else { return 1 };
            let abs = vfs::join(cwd, target);
            return match c.fs.get(&abs) {
                Ok(Node::Dir { .. }) => {
                    if let Some(session) = engine.session.as_mut() {
                        session.repl = Repl::Shell { program: program.into(), cwd: abs };
                    }
                    0
                }
                _ => {
                    let msg = if program == "bash" {
                        format!("bash: cd: {target}: No such file or directory")
                    } else if c.fs.exists("/etc/debian_version") {
                        format!("sh: 1: cd: can't cd to {target}")
                    } else {
                        format!("sh: cd: can't cd to {target}: No such file or directory")
                    };
                    out.eline(msg);
                    if program == "bash" { 1 } else { 2 }
                }
            };
        }
        Some("pwd") => {
            out.line(cwd);
            return 0;
        }
        Some("curl") if engine.containers.get(&s.container_id).is_some_and(|c| process::find_program(c, "curl").is_some()) => {
            let args: Vec<String> = words[1..].iter().map(|w| w.trim_matches(['"', '\'']).to_string()).collect();
            return super::network::curl(engine, Some(&s.container_id), &args, out);
        }
        Some("wget") if engine.containers.get(&s.container_id).is_some_and(|c| process::find_program(c, "wget").is_some()) => {
            let args: Vec<String> = words[1..].iter().map(|w| w.trim_matches(['"', '\'']).to_string()).collect();
            return super::network::wget(engine, &s.container_id, &args, out);
        }
        _ => {}
    }
    let now = engine.now;
    let Some(c) = engine.containers.get_mut(&s.container_id) else { return 1 };
    let saved = std::mem::replace(&mut c.config.working_dir, cwd.to_string());
    let r = process::run_shell(c, &["/bin/sh".into(), "-c".into(), line.to_string()], now);
    c.config.working_dir = saved;
    out.out(&r.stdout);
    let stderr = if program == "bash" {
        r.stderr.replace("/bin/sh: 1: ", "bash: ").replace("/bin/sh: ", "bash: ").replace(": not found", ": command not found")
    } else if c.fs.exists("/etc/debian_version") {
        r.stderr.replace("/bin/sh: 1: ", "sh: 1: ")
    } else {
        r.stderr.replace("/bin/sh: ", "sh: ")
    };
    out.err(stderr);
    r.status
}

/// A very small JavaScript REPL: numbers, strings, `console.log`.
fn node_eval(input: &str, version: &str) -> String {
    if input.is_empty() {
        return String::new();
    }
    if input == ".help" {
        return ".break     Sometimes you get stuck, this gets you out\n.clear     Alias for .break\n.editor    Enter editor mode\n.exit      Exit the REPL\n.help      Print this help message\n.load     Load JS from a file into the REPL session\n.save     Save all evaluated commands in this REPL session to a file\n\nPress Ctrl+C to abort current expression, Ctrl+D to exit the REPL\n".into();
    }
    if input == "process.version" {
        return format!("'v{version}'\n");
    }
    if let Some(inner) = input.strip_prefix("console.log(").and_then(|r| r.strip_suffix(')')) {
        return match value(inner) {
            Some(Val::Str(s)) => format!("{s}\nundefined\n"),
            Some(Val::Num(n)) => format!("{}\nundefined\n", num(n)),
            None => error_js(inner),
        };
    }
    match value(input) {
        Some(Val::Str(s)) => format!("'{s}'\n"),
        Some(Val::Num(n)) => format!("{}\n", num(n)),
        None => error_js(input),
    }
}

fn error_js(input: &str) -> String {
    let ident: String = input.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$').collect();
    if !ident.is_empty() && !ident.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        format!("Uncaught ReferenceError: {ident} is not defined\n")
    } else {
        "Uncaught SyntaxError: Invalid or unexpected token\n".into()
    }
}

/// A very small Python REPL: numbers, strings, `print`.
fn python_eval(input: &str) -> String {
    if input.is_empty() {
        return String::new();
    }
    if let Some(inner) = input.strip_prefix("print(").and_then(|r| r.strip_suffix(')')) {
        return match value(inner) {
            Some(Val::Str(s)) => format!("{s}\n"),
            Some(Val::Num(n)) => format!("{}\n", num(n)),
            None => python_error(inner),
        };
    }
    match value(input) {
        Some(Val::Str(s)) => format!("'{s}'\n"),
        Some(Val::Num(n)) => format!("{}\n", num(n)),
        None => python_error(input),
    }
}

fn python_error(input: &str) -> String {
    let ident: String = input.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    if !ident.is_empty() && !ident.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        format!("Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nNameError: name '{ident}' is not defined\n")
    } else {
        format!("  File \"<stdin>\", line 1\n    {input}\n    ^\nSyntaxError: invalid syntax\n")
    }
}

enum Val {
    Str(String),
    Num(f64),
}

fn num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n}") }
}

/// Evaluates a string literal, a `+` of literals, or arithmetic.
fn value(s: &str) -> Option<Val> {
    let s = s.trim();
    let q = s.chars().next()?;
    if matches!(q, '"' | '\'' | '`') {
        let mut out = String::new();
        for part in s.split('+') {
            let p = part.trim();
            let inner = p.strip_prefix(q).and_then(|r| r.strip_suffix(q))?;
            out.push_str(inner);
        }
        return Some(Val::Str(out));
    }
    let tokens: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    let mut pos = 0;
    let v = expr(&tokens, &mut pos)?;
    (pos == tokens.len()).then_some(Val::Num(v))
}

fn expr(t: &[char], pos: &mut usize) -> Option<f64> {
    let mut v = term(t, pos)?;
    while let Some(&op) = t.get(*pos).filter(|c| matches!(c, '+' | '-')) {
        *pos += 1;
        let r = term(t, pos)?;
        v = if op == '+' { v + r } else { v - r };
    }
    Some(v)
}

fn term(t: &[char], pos: &mut usize) -> Option<f64> {
    let mut v = atom(t, pos)?;
    while let Some(&op) = t.get(*pos).filter(|c| matches!(c, '*' | '/' | '%')) {
        *pos += 1;
        let r = atom(t, pos)?;
        v = match op {
            '*' => v * r,
            '/' => v / r,
            _ => v % r,
        };
    }
    Some(v)
}

fn atom(t: &[char], pos: &mut usize) -> Option<f64> {
    match t.get(*pos)? {
        '(' => {
            *pos += 1;
            let v = expr(t, pos)?;
            (t.get(*pos) == Some(&')')).then(|| *pos += 1)?;
            Some(v)
        }
        '-' => {
            *pos += 1;
            atom(t, pos).map(|v| -v)
        }
        _ => {
            let start = *pos;
            while t.get(*pos).is_some_and(|c| c.is_ascii_digit() || *c == '.') {
                *pos += 1;
            }
            t[start..*pos].iter().collect::<String>().parse().ok()
        }
    }
}
