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
        let (argv, mut redirect) = take_redirect(words);
        let native = argv.first().is_some_and(|c| {
            BUILTINS.contains(&c.as_str()) || (input.is_some() && (c == "xargs" || super::filters::FILTERS.contains(&c.as_str())))
        });
        if !native {
            // The shell applies its own redirections.
            redirect = None;
        }
        let mut inner = Out::default();
        status = run_stage(engine, stage, &argv, input.take(), &mut inner);
        if i < last && redirect.is_none() {
            for c in inner.chunks.iter().filter(|c| c.stream == Stream::Stderr) {
                out.err(&c.text);
            }
            input = Some(inner.stdout_text());
            continue;
        }
        match redirect {
            Some((append, target)) => {
                let path = vfs::join(&engine.host.cwd, &target);
                let text = inner.stdout_text();
                let meta = Meta { uid: 1000, gid: 1000, ..Meta::new(0o644, engine.now) };
                let written = if append {
                    engine.host.fs.append(&path, text.as_bytes(), meta)
                } else {
                    engine.host.fs.write(&path, Content::from_bytes(text), meta)
                };
                for c in inner.chunks.into_iter().filter(|c| c.stream == Stream::Stderr) {
                    out.err(c.text);
                }
                if let Err(e) = written {
                    out.eline(format!("bash: {target}: {}", e.reason()));
                    return 1;
                }
                input = Some(String::new());
            }
            None => {
                for c in inner.chunks {
                    out.push(c.stream, &c.text);
                }
            }
        }
    }
    status
}

/// Commands the host terminal runs itself (everything else goes to the shell).
const BUILTINS: [&str; 6] = ["docker", "cd", "curl", "export", "clear", "pwd"];

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
        _ => run_in_shell(engine, text, out),
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
fn run_in_shell(engine: &mut Engine, segment: &str, out: &mut Out) -> i32 {
    let mut env = engine.host.env.clone();
    env.insert("PWD".into(), engine.host.cwd.clone());
    let mut ctx = ExecContext { fs: &mut engine.host.fs, env, cwd: engine.host.cwd.clone(), now: engine.now, flavor: Flavor::Dash, user: "learner".into() };
    let r = shell::run_script(segment.trim(), &mut ctx);
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
            if in_word {
                out.push(std::mem::take(&mut cur));
                in_word = false;
            }
            if chars.get(i + 1) == Some(&'>') {
                out.push(">>".into());
                i += 1;
            } else {
                out.push(">".into());
            }
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

fn take_redirect(words: Vec<String>) -> (Vec<String>, Option<(bool, String)>) {
    let mut argv = Vec::new();
    let mut redirect = None;
    let mut it = words.into_iter();
    while let Some(w) = it.next() {
        if w == ">" || w == ">>" {
            if let Some(t) = it.next() {
                redirect = Some((w == ">>", t));
            }
        } else {
            argv.push(w);
        }
    }
    (argv, redirect)
}
