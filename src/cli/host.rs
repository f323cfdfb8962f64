//! The host shell: what the learner types at `learner@dockersim:~$`.
//! Lines are split into `&&`/`||`/`;` lists; `docker`, `cd`, `curl`,
//! `export` run here, everything else runs in the simulated shell on the
//! host filesystem.

use super::Out;
use crate::container::Stream;
use crate::shell::{self, ExecContext, Flavor};
use crate::vfs::{self, Content, Meta};
use crate::Engine;

/// `learner@dockersim:~/app$ `.
pub fn prompt(engine: &Engine) -> String {
    let home = crate::engine::HOME;
    let cwd = &engine.host.cwd;
    let shown = if cwd == home {
        "~".to_string()
    } else if let Some(rest) = cwd.strip_prefix(&format!("{home}/")) {
        format!("~/{rest}")
    } else {
        cwd.clone()
    };
    format!("learner@dockersim:{shown}$ ")
}

/// Runs a host line; returns the last command's status.
pub fn run(engine: &mut Engine, line: &str, out: &mut Out) -> i32 {
    let mut status = 0;
    let mut skip = false;
    for (segment, op) in split_list(line) {
        if !skip && !segment.trim().is_empty() && !segment.trim_start().starts_with('#') {
            status = run_simple(engine, &segment, out);
            engine.host.status = status;
        }
        skip = match op.as_str() {
            "&&" => status != 0,
            "||" => status == 0,
            _ => false,
        };
    }
    status
}

fn run_simple(engine: &mut Engine, segment: &str, out: &mut Out) -> i32 {
    let stages = split_pipes(segment);
    let mut input: Option<String> = None;
    let mut status = 0;
    let last = stages.len() - 1;
    for (i, stage) in stages.iter().enumerate() {
        let words = match words(engine, stage) {
            Ok(w) => w,
            Err(e) => {
                out.eline(format!("bash: {e}"));
                return 2;
            }
        };
        let (argv, fds) = match take_redirects(words) {
            Ok(r) => r,
            Err(token) => {
                out.eline(format!("bash: syntax error near unexpected token `{token}'"));
                return 2;
            }
        };
        let native = argv.first().is_some_and(|c| {
            BUILTINS.contains(&c.as_str()) || (input.is_some() && (c == "xargs" || super::filters::FILTERS.contains(&c.as_str())))
        });
        // The shell applies its own redirections; the terminal's built-ins
        // have theirs applied here.
        let fds = if native { fds } else { [Dest::Out, Dest::Err] };
        let mut inner = Out::default();
        engine.host.stderr_tty = fds[1] == Dest::Err;
        status = run_stage(engine, stage, &argv, input.take(), &mut inner);
        engine.host.stderr_tty = true;
        let mut piped = String::new();
        let mut files: Vec<(String, bool, String)> = Vec::new();
        for d in &fds {
            if let Dest::File { path, append } = d {
                if !files.iter().any(|(p, _, _)| p == path) {
                    files.push((path.clone(), *append, String::new()));
                }
            }
        }
        for c in inner.chunks {
            match &fds[if c.stream == Stream::Stderr { 1 } else { 0 }] {
                Dest::Out if i < last => piped.push_str(&c.text),
                Dest::Out => out.push(Stream::Stdout, &c.text),
                Dest::Err => out.push(Stream::Stderr, &c.text),
                Dest::Null => {}
                Dest::File { path, .. } => {
                    if let Some(f) = files.iter_mut().find(|(p, _, _)| p == path) {
                        f.2.push_str(&c.text);
                    }
                }
            }
        }
        for (target, append, text) in files {
            let path = vfs::join(&engine.host.cwd, &target);
            let meta = Meta { uid: 1000, gid: 1000, ..Meta::new(0o644, engine.now) };
            let written = if append {
                engine.host.fs.append(&path, text.as_bytes(), meta)
            } else {
                engine.host.fs.write(&path, Content::from_bytes(text), meta)
            };
            if let Err(e) = written {
                out.eline(format!("bash: {target}: {}", e.reason()));
                return 1;
            }
        }
        if i < last {
            input = Some(piped);
        }
    }
    status
}

/// Commands the host terminal runs itself (everything else goes to the shell).
const BUILTINS: [&str; 7] = ["docker", "docker-compose", "cd", "curl", "export", "clear", "pwd"];

/// Runs one command of a pipeline with `input` as its standard input.
fn run_stage(engine: &mut Engine, text: &str, argv: &[String], input: Option<String>, out: &mut Out) -> i32 {
    let Some(cmd) = argv.first().cloned() else { return 0 };
    if let Some(stdin) = &input {
        if cmd == "xargs" {
            let mut line: Vec<String> = argv[1..].to_vec();
            if line.is_empty() {
                line.push("echo".into());
            }
            let items: Vec<String> = stdin.split_whitespace().map(str::to_string).collect();
            if items.is_empty() && line[0] != "echo" {
                return 0;
            }
            line.extend(items);
            let quoted: Vec<String> = line.iter().map(|w| format!("'{}'", w.replace('\'', "'\\''"))).collect();
            return run_simple(engine, &quoted.join(" "), out);
        }
        if let Some(status) = super::filters::run(&cmd, &argv[1..], stdin, out) {
            return status;
        }
    }
    match cmd.as_str() {
        "docker" => super::docker(engine, &argv[1..], out),
        "docker-compose" => crate::compose::run(engine, &argv[1..], out, true),
        "cd" => cd(engine, argv.get(1).map(String::as_str), out),
        "curl" => super::network::curl(engine, None, &argv[1..], out),
        "pwd" => {
            out.line(&engine.host.cwd);
            0
        }
        "export" => {
            for a in &argv[1..] {
                if let Some((k, v)) = a.split_once('=') {
                    engine.host.env.insert(k.to_string(), v.to_string());
                }
            }
            0
        }
        "clear" => {
            out.out("\x1b[H\x1b[2J\x1b[3J");
            0
        }
        _ => run_in_shell(engine, text, input.as_deref(), out),
    }
}

/// Splits a command on `|` (not `||`) outside quotes and `$(…)`.
fn split_pipes(segment: &str) -> Vec<String> {
    let chars: Vec<char> = segment.chars().collect();
    let mut parts = vec![String::new()];
    let (mut single, mut double, mut depth) = (false, false, 0);
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '(' if !single && i > 0 && chars[i - 1] == '$' => depth += 1,
            ')' if !single && depth > 0 => depth -= 1,
            '|' if !single && !double && depth == 0 => {
                parts.push(String::new());
                continue;
            }
            _ => {}
        }
        parts.last_mut().expect("non-empty").push(c);
    }
    parts
}

/// Everything that is not a built-in here runs in the simulated shell.
fn run_in_shell(engine: &mut Engine, segment: &str, input: Option<&str>, out: &mut Out) -> i32 {
    let last_status = engine.host.status;
    let mut env = engine.host.env.clone();
    env.insert("PWD".into(), engine.host.cwd.clone());
    let mut ctx = ExecContext { fs: &mut engine.host.fs, env, cwd: engine.host.cwd.clone(), now: engine.now, flavor: Flavor::Dash, user: "learner".into() };
    let r = shell::run_line(segment.trim(), input.unwrap_or("").as_bytes(), last_status, &mut ctx);
    // `sleep` moves the simulated clock: containers' periodic work goes on meanwhile.
    let later = ctx.now;
    engine.set_now(later);
    out.out(&r.stdout);
    out.err(r.stderr.replace("/bin/sh: 1: ", "bash: ").replace(": not found", ": command not found"));
    r.status
}

fn cd(engine: &mut Engine, target: Option<&str>, out: &mut Out) -> i32 {
    let target = target.unwrap_or(crate::engine::HOME);
    match engine.set_host_cwd(target) {
        Ok(()) => 0,
        Err(e) => {
            out.eline(format!("bash: cd: {target}: {}", e.reason()));
            1
        }
    }
}

/// Splits a line on `&&`, `||` and `;` outside quotes.
fn split_list(line: &str) -> Vec<(String, String)> {
    let chars: Vec<char> = line.chars().collect();
    let mut parts = Vec::new();
    let mut cur = String::new();
    let (mut single, mut double, mut depth) = (false, false, 0);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '(' if !single && i > 0 && chars[i - 1] == '$' => depth += 1,
            ')' if !single && depth > 0 => depth -= 1,
            _ => {}
        }
        let free = !single && !double && depth == 0;
        if free && ((c == '&' && next == Some('&')) || (c == '|' && next == Some('|'))) {
            parts.push((std::mem::take(&mut cur), format!("{c}{c}")));
            i += 2;
            continue;
        }
        if free && c == ';' {
            parts.push((std::mem::take(&mut cur), ";".into()));
            i += 1;
            continue;
        }
        cur.push(c);
        i += 1;
    }
    parts.push((cur, String::new()));
    parts
}

/// Splits into words: quotes removed, `$VAR`, `~` and `$(…)` expanded.
fn words(engine: &mut Engine, s: &str) -> Result<Vec<String>, String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut i = 0;
    let (mut single, mut double) = (false, false);
    while i < chars.len() {
        let c = chars[i];
        if single {
            if c == '\'' { single = false } else { cur.push(c) }
        } else if c == '\'' && !double {
            single = true;
            in_word = true;
        } else if c == '"' {
            double = !double;
            in_word = true;
        } else if c == '\\' && i + 1 < chars.len() {
            i += 1;
            cur.push(chars[i]);
            in_word = true;
        } else if c == '$' && chars.get(i + 1) == Some(&'(') {
            let mut depth = 0;
            let mut j = i + 1;
            while j < chars.len() {
                match chars[j] {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            let inner: String = chars[i + 2..j.min(chars.len())].iter().collect();
            let mut sub = Out::default();
            run(engine, &inner, &mut sub);
            let text = sub.stdout_text();
            if double {
                cur.push_str(text.trim_end_matches('\n'));
                in_word = true;
            } else {
                for (k, w) in text.split_whitespace().enumerate() {
                    if k > 0 || in_word {
                        if in_word || k > 0 {
                            out.push(std::mem::take(&mut cur));
                        }
                    }
                    cur.push_str(w);
                    in_word = true;
                }
            }
            i = j;
        } else if c == '$' {
            let rest: String = chars[i + 1..].iter().collect();
            let (name, used) = if let Some(r) = rest.strip_prefix('{') {
                let end = r.find('}').ok_or("bad substitution")?;
                (r[..end].to_string(), end + 2)
            } else if rest.starts_with('?') {
                ("?".to_string(), 1)
            } else {
                let n: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                let len = n.len();
                (n, len)
            };
            if name.is_empty() {
                cur.push('$');
            } else if name == "?" {
                cur.push_str(&engine.host.status.to_string());
            } else {
                cur.push_str(engine.host.env.get(&name).map(String::as_str).unwrap_or(""));
            }
            in_word = true;
            i += used;
        } else if c == '~' && !double && !in_word && matches!(chars.get(i + 1), None | Some('/') | Some(' ')) {
            cur.push_str(crate::engine::HOME);
            in_word = true;
        } else if c.is_whitespace() && !double {
            if in_word {
                out.push(std::mem::take(&mut cur));
                in_word = false;
            }
        } else if c == '>' && !double {
            // `>`, `>>`, `2>`, `&>`, `2>&1`: one redirection token, marked
            // with a NUL so that a quoted ">" stays an argument.
            let mut token = String::from(REDIRECT);
            if in_word && matches!(cur.as_str(), "1" | "2" | "&") && !quoted_word(&chars, i) {
                token.push_str(&cur);
                cur.clear();
            } else if in_word {
                out.push(std::mem::take(&mut cur));
            }
            in_word = false;
            token.push('>');
            if chars.get(i + 1) == Some(&'>') {
                token.push('>');
                i += 1;
            } else if chars.get(i + 1) == Some(&'&') && chars.get(i + 2).is_some_and(|d| matches!(d, '1' | '2')) {
                token.push('&');
                token.push(chars[i + 2]);
                i += 2;
            }
            out.push(token);
        } else if c == '&' && !double && !in_word && chars.get(i + 1) == Some(&'>') {
            cur.push('&');
            in_word = true;
        } else {
            cur.push(c);
            in_word = true;
        }
        i += 1;
    }
    if single || double {
        return Err(format!("unexpected EOF while looking for matching `{}'", if single { '\'' } else { '"' }));
    }
    if in_word {
        out.push(cur);
    }
    Ok(out)
}

/// Takes the redirections out of `words`; a redirection without a target
/// is bash's syntax error (the token it met instead is returned).
fn take_redirects(words: Vec<String>) -> Result<(Vec<String>, [Dest; 2]), String> {
    let mut argv = Vec::new();
    let mut fds = [Dest::Out, Dest::Err];
    let mut it = words.into_iter();
    while let Some(w) = it.next() {
        let Some(op) = w.strip_prefix(REDIRECT) else {
            argv.push(w);
            continue;
        };
        let (fd, rest) = match op.split_once('>') {
            Some(("2", r)) => (Some(1), r),
            Some(("&", r)) => (None, r),
            Some((_, r)) => (Some(0), r),
            None => continue,
        };
        let dest = if let Some(n) = rest.strip_prefix('&') {
            fds[if n == "2" { 1 } else { 0 }].clone()
        } else {
            let target = match it.next() {
                None => return Err("newline".into()),
                Some(t) if t.starts_with(REDIRECT) => return Err(t[1..].trim_start_matches(['1', '2', '&']).to_string()),
                Some(t) => t,
            };
            match target.as_str() {
                "/dev/null" => Dest::Null,
                "/dev/stdout" => Dest::Out,
                "/dev/stderr" => Dest::Err,
                _ => Dest::File { path: target, append: rest == ">" },
            }
        };
        match fd {
            Some(n) => fds[n] = dest,
            None => fds = [dest.clone(), dest],
        }
    }
    Ok((argv, fds))
}

/// Where a built-in's output stream goes.
#[derive(Clone, Debug, PartialEq)]
enum Dest {
    /// The terminal's stdout, or the pipe to the next command.
    Out,
    /// The terminal's stderr.
    Err,
    Null,
    File { path: String, append: bool },
}

/// Marks a redirection operator among the words.
const REDIRECT: char = '\0';

/// Whether the word ending just before `end` had quotes in it (`"2">x` is
/// an argument `2`, not a file descriptor).
fn quoted_word(chars: &[char], end: usize) -> bool {
    let start = chars[..end].iter().rposition(|c| c.is_whitespace()).map_or(0, |p| p + 1);
    chars[start..end].iter().any(|c| matches!(c, '"' | '\'' | '\\'))
}
