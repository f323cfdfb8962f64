//! `awk`: the POSIX awk language, as mawk (Debian, Ubuntu), gawk and BusyBox
//! awk (Alpine) run it — the same language, each flavour's messages.
//! `lex` → `parse` (`ast`) → `interp` (+ `eval`, `builtins`); `format` is
//! printf and number output; `re` the one door to a regex engine.

mod ast;
mod builtins;
mod eval;
mod format;
mod interp;
mod lex;
mod parse;
mod re;
mod usage;
mod value;

use super::Prog;
use crate::shell::interp::{Flow, Shell};
use interp::{Cell, Interp, Jump};
use parse::ErrKind;
use value::Value;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Dialect {
    Mawk,
    Gawk,
    Busybox,
}

type Out = Result<Option<i32>, Flow>;

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    if !matches!(prog.name.as_str(), "awk" | "mawk" | "gawk" | "nawk") {
        return Ok(None);
    }
    let dialect = if prog.busybox {
        Dialect::Busybox
    } else if prog.name == "gawk" {
        Dialect::Gawk
    } else if prog.name == "mawk" {
        Dialect::Mawk
    } else {
        let resolved = super::find_in_path(sh, &argv[0]).and_then(|p| sh.fs().resolve(&p, true).ok()).unwrap_or_default();
        if resolved.ends_with("gawk") {
            Dialect::Gawk
        } else {
            Dialect::Mawk
        }
    };
    run_awk(sh, dialect, argv).map(Some)
}

/// `NAME=value` (a command-line assignment): NAME is an awk identifier.
pub fn assignment(arg: &str) -> Option<(String, String)> {
    let (name, value) = arg.split_once('=')?;
    let mut chars = name.chars();
    let first = chars.next()?;
    ((first.is_ascii_alphabetic() || first == '_') && chars.all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .then(|| (name.to_string(), value.to_string()))
}

/// The usage text for a missing program (`short`: gawk's two lines) or a bad option.
fn usage(d: Dialect, short: bool) -> (String, i32) {
    match d {
        Dialect::Mawk => (usage::MAWK.into(), if short { 0 } else { 2 }),
        Dialect::Gawk if short => (usage::GAWK_SHORT.into(), 1),
        Dialect::Gawk => (usage::GAWK.into(), 1),
        Dialect::Busybox => (format!("{}{}", usage::BUSYBOX_BANNER, usage::BUSYBOX), 1),
    }
}

/// Messages name the program as it was invoked (`awk: …` for mawk and gawk
/// run as `awk`); BusyBox always says `awk`.
fn rename(msg: &str, me: &str) -> String {
    msg.split_inclusive('\n')
        .map(|l| match l.strip_prefix("mawk: ").or_else(|| l.strip_prefix("gawk: ")) {
            Some(rest) => format!("{me}: {rest}"),
            None => l.to_string(),
        })
        .collect()
}

struct Options {
    fs: Option<String>,
    assigns: Vec<(String, String)>,
    files: Vec<String>,
    text: Option<String>,
    operands: Vec<String>,
}

fn options(d: Dialect, args: &[String]) -> Result<Options, (String, i32)> {
    let mut o = Options { fs: None, assigns: Vec::new(), files: Vec::new(), text: None, operands: Vec::new() };
    let mut i = 0;
    let name = match d {
        Dialect::Mawk => "mawk",
        Dialect::Gawk => "gawk",
        Dialect::Busybox => "awk",
    };
    while i < args.len() {
        let a = &args[i];
        if a == "--" {
            i += 1;
            break;
        }
        if !a.starts_with('-') || a == "-" {
            break;
        }
        let first = a[1..].chars().next().unwrap_or('-');
        let flag = &a[1..1 + first.len_utf8()];
        let attached = &a[1 + first.len_utf8()..];
        let mut value = || -> Result<String, (String, i32)> {
            if !attached.is_empty() {
                return Ok(attached.to_string());
            }
            i += 1;
            args.get(i).cloned().ok_or_else(|| match d {
                Dialect::Mawk => (format!("mawk: option requires an argument -- {flag}\n"), 2),
                Dialect::Gawk => (format!("gawk: option requires an argument -- {flag}\n{}", usage(d, false).0), 1),
                Dialect::Busybox => (format!("awk: option requires an argument -- '{flag}'\n{}", usage(d, false).0), 1),
            })
        };
        match flag {
            "F" => {
                let v = value()?;
                o.fs = Some(if v == "t" && d == Dialect::Gawk { "\t".into() } else { lex::unescape(&v) });
            }
            "v" => {
                let v = value()?;
                match assignment(&v) {
                    Some(kv) => o.assigns.push(kv),
                    None => {
                        return Err(match d {
                            Dialect::Mawk => (format!("mawk: improper assignment: -v {v}\n"), 2),
                            Dialect::Gawk => (format!("gawk: `{v}' argument to `-v' not in `var=value' form\n\n{}", usage(d, false).0), 1),
                            Dialect::Busybox => (String::new(), 0),
                        })
                    }
                }
            }
            "f" => o.files.push(value()?),
            "W" if d == Dialect::Mawk => {
                let v = value()?;
                if v.starts_with('v') {
                    return Err(("mawk 1.3.4 20200120\nCopyright 2008-2019,2020, Thomas E. Dickey\nCopyright 1991-1996,2014, Michael D. Brennan\n\nrandom-funcs:       srandom/random\nregex-funcs:        internal\ncompiled limits:\nsprintf buffer      8192\nmaximum-integer     2147483647\n".into(), 0));
                }
            }
            "-" | "V" if d == Dialect::Gawk && (a == "--version" || a == "-V") => {
                return Err(("GNU Awk 5.2.1, API 3.2, PMA Avon 8-g1, (GNU MPFR 4.2.0, GNU MP 6.2.1)\nCopyright (C) 1989, 1991-2022 Free Software Foundation.\n".into(), 0));
            }
            _ => {
                return Err(match d {
                    Dialect::Mawk => (format!("{name}: not an option: {a}\n"), 2),
                    Dialect::Gawk => usage(d, false),
                    Dialect::Busybox => (format!("awk: invalid option -- '{flag}'\n{}", usage(d, false).0), 1),
                });
            }
        }
        i += 1;
    }
    let mut rest = args[i.min(args.len())..].iter();
    if o.files.is_empty() {
        match rest.next() {
            Some(t) => o.text = Some(t.clone()),
            None => return Err(usage(d, true)),
        }
    }
    o.operands = rest.cloned().collect();
    Ok(o)
}

/// A parse error in the flavour's words, and the status.
fn parse_error(d: Dialect, e: &parse::ParseError, src: &str, source_name: &str) -> (String, i32) {
    let line_text = src.lines().nth(e.line.saturating_sub(1)).unwrap_or("");
    let line_start: usize = src.lines().take(e.line.saturating_sub(1)).map(|l| l.len() + 1).sum();
    let col = e.pos.saturating_sub(line_start).min(line_text.len());
    let nlines = src.lines().count().max(1);
    match d {
        Dialect::Mawk => match &e.kind {
            ErrKind::Syntax => (format!("mawk: line {}: syntax error at or near {}\n", e.line, e.near), 2),
            ErrKind::ExtraBrace => {
                (format!("mawk: line {0}: extra '}}'\nmawk: line {0}: syntax error at or near end of line\n", e.line), 2)
            }
            ErrKind::Usage(m) => (format!("mawk: line {}: {m}\n", e.line), 2),
            ErrKind::Eof => {
                let open = src.matches('{').count() > src.matches('}').count();
                let first =
                    if e.near == "operand" { format!("mawk: line {nlines}: syntax error at or near end of line\n") } else { String::new() };
                if open {
                    (format!("{first}mawk: line {}: missing }} near end of file\n", nlines + 1), 2)
                } else {
                    (format!("mawk: line {}: syntax error at or near end of file\n", nlines + 1), 2)
                }
            }
            ErrKind::Undefined(f) => (format!("mawk: line {}: function {f} never defined\n", nlines + 1), 2),
            ErrKind::Other(m) if m.starts_with("unterminated") => {
                let what = if m.ends_with("string") { "string constant" } else { "regular expression" };
                let text: String = src[e.pos.min(src.len())..].chars().take(11).take_while(|c| *c != '\n').collect();
                (format!("mawk: line {}: runaway {what} {text} ...\n", e.line), 2)
            }
            ErrKind::Other(m) => (format!("mawk: line {}: {m}\n", e.line), 2),
        },
        Dialect::Gawk => {
            let place = format!("gawk: {source_name}:{}: ", e.line);
            match &e.kind {
                ErrKind::Undefined(f) => (format!("gawk: {source_name}:{}: fatal: function `{f}' not defined\n", e.line), 2),
                ErrKind::Eof => {
                    let last = src.lines().last().unwrap_or("");
                    let n = src.lines().count().max(1) + usize::from(e.near == "operand");
                    (
                        format!(
                            "gawk: {source_name}:{n}: {last}\ngawk: {source_name}:{n}: {}^ unexpected newline or end of string\n",
                            " ".repeat(last.len())
                        ),
                        1,
                    )
                }
                ErrKind::Syntax | ErrKind::ExtraBrace | ErrKind::Usage(_) => {
                    (format!("{place}{line_text}\n{place}{}^ syntax error\n", " ".repeat(col)), 1)
                }
                ErrKind::Other(m) if m.starts_with("unterminated") => {
                    let col = if m.ends_with("regexp") { col + 1 } else { col };
                    (format!("{place}{line_text}\n{place}{}^ {m}\n", " ".repeat(col)), 1)
                }
                ErrKind::Other(m) => (format!("{place}{line_text}\n{place}{}^ {m}\n", " ".repeat(col)), 1),
            }
        }
        Dialect::Busybox => match &e.kind {
            ErrKind::Undefined(_) => (format!("awk: {source_name}:{}: Call to undefined function\n", e.line), 1),
            ErrKind::Other(m) if m.starts_with("unterminated") => (format!("awk: {source_name}:{}: Unexpected end of string\n", e.line), 1),
            _ => (format!("awk: {source_name}:{}: Unexpected token\n", e.line), 1),
        },
    }
}

fn run_awk(sh: &mut Shell, d: Dialect, argv: &[String]) -> Result<i32, Flow> {
    let me = if d == Dialect::Busybox { "awk".to_string() } else { argv[0].rsplit('/').next().unwrap_or("awk").to_string() };
    let o = match options(d, &argv[1..]) {
        Ok(o) => o,
        Err((msg, status)) => {
            let mut msg = rename(&msg, &me).replace("{NAME}", &me);
            // Ubuntu 22.04 ships gawk 5.1.0.
            let jammy = sh.fs().read("/etc/os-release").is_ok_and(|b| String::from_utf8_lossy(&b).contains("VERSION_ID=\"22.04\""));
            if jammy && msg.starts_with("GNU Awk 5.2.1") {
                msg = msg.replacen(
                    "GNU Awk 5.2.1, API 3.2, PMA Avon 8-g1, (GNU MPFR 4.2.0, GNU MP 6.2.1)",
                    "GNU Awk 5.1.0, API: 3.0 (GNU MPFR 4.1.0, GNU MP 6.2.1)",
                    1,
                );
            }
            if status == 0 && !msg.starts_with("Usage") {
                sh.out_str(&msg)?;
            } else {
                sh.err_str(&msg)?;
            }
            return Ok(status);
        }
    };
    let (src, source_name) = match &o.text {
        Some(t) => (t.clone(), "cmd. line".to_string()),
        None => {
            let mut text = String::new();
            for f in &o.files {
                let data = if f == "-" || f == "/dev/stdin" {
                    Ok(String::from_utf8_lossy(&std::mem::take(&mut sh.stdin)).into_owned())
                } else {
                    sh.fs().read(&sh.abs(f)).map(|b| String::from_utf8_lossy(&b).into_owned())
                };
                match data {
                    Ok(t) => {
                        text.push_str(&t);
                        text.push('\n');
                    }
                    Err(e) => {
                        let (msg, status) = match d {
                            Dialect::Mawk => (format!("mawk: cannot open {f} ({})\n", e.reason()), 2),
                            Dialect::Gawk => (format!("gawk: fatal: cannot open source file `{f}' for reading: {}\n", e.reason()), 2),
                            Dialect::Busybox => (format!("awk: can't open '{f}': {}\n", e.reason()), 1),
                        };
                        sh.err_str(&rename(&msg, &me))?;
                        return Ok(status);
                    }
                }
            }
            (text, o.files.first().cloned().unwrap_or_default())
        }
    };
    value::set_mode(d);
    let program = match lex::lex(&src) {
        Err((line, pos, msg)) => Err(parse::ParseError { kind: ErrKind::Other(msg), line, pos, near: String::new() }),
        Ok(toks) => parse::parse(&src, toks),
    };
    let program = match program {
        Ok(p) => p,
        Err(e) => {
            let (msg, status) = parse_error(d, &e, &src, &source_name);
            sh.err_str(&rename(&msg, &me))?;
            return Ok(status);
        }
    };
    let invoked = argv[0].rsplit('/').next().unwrap_or("awk").to_string();
    let mut it = Interp::new(&program, sh, d);
    if let Some(fs) = &o.fs {
        it.set_special(ast::FS, Value::Str(fs.clone()));
    }
    if let Cell::Arr(a) = &it.globals[ast::ARGV] {
        let mut a = a.borrow_mut();
        a.set("0".into(), Value::Str(invoked));
        for (i, op) in o.operands.iter().enumerate() {
            a.set((i + 1).to_string(), Value::StrNum(op.clone()));
        }
    }
    it.set_special(ast::ARGC, Value::Num((o.operands.len() + 1) as f64));
    for (k, v) in &o.assigns {
        it.assign_global_name(k, Value::StrNum(lex::unescape(v)));
    }
    if let Err((msg, status)) = it.check_literals() {
        it.sh.err_str(&rename(&msg, &me))?;
        return Ok(status);
    }
    let r = execute(&mut it);
    let r = match r {
        Ok(()) => it.close_all().and_then(|()| it.flush_stdout()).map(|()| it.exit_code),
        Err(e) => {
            let _ = it.close_all();
            let _ = it.flush_stdout();
            Err(e)
        }
    };
    match r {
        Ok(code) => Ok(code),
        Err(Jump::Fatal(msg, status)) => {
            it.sh.err_str(&rename(&msg, &me))?;
            Ok(status)
        }
        Err(Jump::Flow(f)) => Err(f),
        Err(_) => Ok(it.exit_code),
    }
}

fn execute(it: &mut Interp) -> Result<(), Jump> {
    let prog = it.prog;
    let mut exiting = false;
    for b in &prog.begin {
        match it.exec_block(b) {
            Ok(()) | Err(Jump::Next | Jump::NextFile | Jump::Return(_) | Jump::Break | Jump::Continue) => {}
            Err(Jump::Exit) => {
                exiting = true;
                break;
            }
            Err(e) => return Err(e),
        }
    }
    if !exiting && (!prog.items.is_empty() || !prog.end.is_empty()) {
        'records: while let Some(rec) = it.next_main()? {
            it.step()?;
            it.bump(ast::NR);
            it.bump(ast::FNR);
            it.set_record(rec)?;
            for item in &prog.items {
                let hit = match &item.pattern {
                    ast::Pattern::All => true,
                    ast::Pattern::Expr(e) => it.eval(e)?.truthy(),
                    ast::Pattern::Range(a, b, k) => {
                        if it.ranges[*k] {
                            if it.eval(b)?.truthy() {
                                it.ranges[*k] = false;
                            }
                            true
                        } else if it.eval(a)?.truthy() {
                            it.ranges[*k] = !it.eval(b)?.truthy();
                            true
                        } else {
                            false
                        }
                    }
                };
                if !hit {
                    continue;
                }
                let r = match &item.action {
                    Some(stmts) => it.exec_block(stmts),
                    None => it.exec(&ast::Stmt::Print(Vec::new(), None)),
                };
                match r {
                    Ok(()) | Err(Jump::Return(_) | Jump::Break | Jump::Continue) => {}
                    Err(Jump::Next) => continue 'records,
                    Err(Jump::NextFile) => {
                        it.main = None;
                        continue 'records;
                    }
                    Err(Jump::Exit) => {
                        exiting = true;
                        break 'records;
                    }
                    Err(e) => return Err(e),
                }
            }
        }
    }
    let _ = exiting;
    it.in_end = true;
    for b in &prog.end {
        match it.exec_block(b) {
            Ok(()) | Err(Jump::Next | Jump::NextFile | Jump::Return(_) | Jump::Break | Jump::Continue) => {}
            Err(Jump::Exit) => return Ok(()),
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
