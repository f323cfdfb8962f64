//! bash's own builtins and bash's versions of the POSIX ones: `declare`/
//! `typeset`/`local`, `let`, `mapfile`/`readarray`, `read -a -r -d -n`,
//! `printf -v`, `shopt`, `type`, `source`, `unset` of elements.

use super::interp::{Array, Flow, Shell, R};
use std::collections::BTreeMap;

/// Names only bash has as builtins.
pub const BASH_ONLY: &[&str] = &[
    "declare",
    "typeset",
    "let",
    "mapfile",
    "readarray",
    "shopt",
    "caller",
    "builtin",
    "enable",
    "help",
    "disown",
    "compgen",
    "complete",
    "dirs",
    "pushd",
    "popd",
];

/// Declaration builtins: their `name=value` words are assignments.
pub const DECLARATIONS: &[&str] = &["declare", "typeset", "local", "export", "readonly"];

/// Runs a builtin as bash has it; `None` to use the common one.
pub fn run(sh: &mut Shell, argv: &[String]) -> Option<R> {
    let args = &argv[1..];
    Some(match argv[0].as_str() {
        "let" => let_cmd(sh, args),
        "mapfile" | "readarray" => mapfile(sh, &argv[0], args),
        "read" => read(sh, args),
        "printf" if args.first().is_some_and(|a| a == "-v") => printf_v(sh, args),
        "shopt" => shopt(sh, args),
        "type" => type_cmd(sh, args),
        "unset" => unset(sh, args),
        "source" | "." => source(sh, &argv[0], args),
        "shift" => {
            let n: i64 = args.first().and_then(|a| a.parse().ok()).unwrap_or(1);
            if n < 0 || n as usize > sh.positional.len() {
                return Some(Ok(1));
            }
            sh.positional.drain(..n as usize);
            Ok(0)
        }
        "return" if !sh.in_function() && args.is_empty() => {
            let p = sh.prefix();
            sh.err_str(&format!("{p}return: can only `return' from a function or sourced script\n")).map(|_| 1)
        }
        "caller" | "builtin" | "enable" | "help" | "disown" | "compgen" | "complete" | "dirs" | "pushd" | "popd" => {
            let p = sh.prefix();
            sh.err_str(&format!("{p}dockersim: the bash builtin `{}' is not simulated\n", argv[0])).map(|_| 1)
        }
        _ => return None,
    })
}

fn let_cmd(sh: &mut Shell, args: &[String]) -> R {
    if args.is_empty() {
        let p = sh.prefix();
        sh.err_str(&format!("{p}let: expression expected\n"))?;
        return Ok(1);
    }
    let mut last = 0;
    for a in args {
        match arith(sh, a, "let: ") {
            Ok(v) => last = v,
            Err(code) => return Ok(code),
        }
    }
    Ok(i32::from(last == 0))
}

/// Evaluates arithmetic already expanded (a builtin's argument).
fn arith(sh: &mut Shell, expr: &str, label: &str) -> Result<i64, i32> {
    match super::arith::eval(expr, sh) {
        Ok(v) => Ok(v),
        Err(msg) => {
            let p = sh.prefix();
            let _ = sh.err_str(&format!("{p}{label}{msg}\n"));
            Err(1)
        }
    }
}

/// `declare`/`typeset`/`local`/`export`/`readonly` with their raw words:
/// `name=value` words are assignments (no field splitting; `a=(…)` arrays).
pub fn declaration(sh: &mut Shell, words: &[String]) -> R {
    let cmd = words[0].as_str();
    let mut flags: Vec<(char, bool)> = Vec::new();
    let mut items: Vec<(String, Option<String>)> = Vec::new();
    let mut options_done = false;
    for raw in &words[1..] {
        if !options_done && (raw.starts_with('-') || raw.starts_with('+')) && raw.len() > 1 {
            if raw == "--" {
                options_done = true;
                continue;
            }
            let on = raw.starts_with('-');
            flags.extend(raw[1..].chars().map(|c| (c, on)));
            continue;
        }
        options_done = true;
        match split_assignment(raw) {
            Some((name, value)) => items.push((name.to_string(), Some(value.to_string()))),
            None => {
                let expanded = match sh.expand_fields(raw) {
                    Ok(v) => v,
                    Err(m) => {
                        let p = sh.prefix();
                        sh.err_str(&format!("{p}{m}\n"))?;
                        return Ok(1);
                    }
                };
                for e in expanded {
                    match e.split_once('=') {
                        Some((n, v)) => items.push((n.to_string(), Some(format!("'{}'", v.replace('\'', "'\\''"))))),
                        None => items.push((e, None)),
                    }
                }
            }
        }
    }
    let has = |c: char| flags.iter().any(|&(f, on)| f == c && on);
    let off = |c: char| flags.iter().any(|&(f, on)| f == c && !on);
    let global = has('g');
    let local = cmd == "local" || (matches!(cmd, "declare" | "typeset") && sh.in_function() && !global);
    if cmd == "local" && !sh.in_function() {
        let p = sh.prefix();
        sh.err_str(&format!("{p}local: can only be used in a function\n"))?;
        return Ok(1);
    }
    if let Some(&(bad, _)) = flags.iter().find(|(c, _)| !"aAirxpgfFnlut".contains(*c)) {
        let p = sh.prefix();
        let usage = match cmd {
            "local" => "local: usage: local [option] name[=value] ...",
            "export" => "export: usage: export [-fn] [name[=value] ...] or export -p",
            "readonly" => "readonly: usage: readonly [-aAf] [name[=value] ...] or readonly -p",
            _ => "declare: usage: declare [-aAfFgiIlnrtux] [name[=value] ...] or declare -p [name ...]",
        };
        sh.err_str(&format!("{p}{cmd}: -{bad}: invalid option\n{p}{usage}\n"))?;
        return Ok(2);
    }
    let print = has('p') || (items.is_empty() && !matches!(cmd, "local"));
    if print {
        return print_declarations(sh, cmd, &items, &flags);
    }
    let mut status = 0;
    for (name, value) in items {
        let base = name.split('[').next().unwrap_or(&name).trim_end_matches('+').to_string();
        if !valid_name(&base) {
            let p = sh.prefix();
            let shown = match &value {
                Some(v) => format!("{name}={v}"),
                None => name.clone(),
            };
            sh.err_str(&format!("{p}{cmd}: `{shown}': not a valid identifier\n"))?;
            status = 1;
            continue;
        }
        if sh.readonly.contains(&base) && (value.is_some() || local) {
            let p = sh.prefix();
            sh.err_str(&format!("{p}{base}: readonly variable\n"))?;
            status = 1;
            continue;
        }
        if local {
            sh.make_local(&base);
            // A new local starts unset (bash keeps no value unless one is given).
            sh.vars.remove(&base);
            sh.arrays.remove(&base);
        }
        if has('A') && !sh.is_assoc(&base) {
            let old = sh.arrays.remove(&base);
            sh.vars.remove(&base);
            let _ = old;
            sh.arrays.insert(base.clone(), Array::Assoc(BTreeMap::new()));
        } else if has('a') && !sh.arrays.contains_key(&base) {
            let mut a = BTreeMap::new();
            if let Some(v) = sh.vars.remove(&base) {
                a.insert(0, v);
            }
            sh.arrays.insert(base.clone(), Array::Indexed(a));
        }
        if has('i') {
            sh.integer_vars.insert(base.clone());
        } else if off('i') {
            sh.integer_vars.remove(&base);
        }
        if let Some(raw) = &value {
            let raw_name = name.clone();
            if !sh.assign_raw(&raw_name, raw)? {
                status = 1;
            }
        } else if local && !has('a') && !has('A') {
            // `local x`: declared, unset until assigned.
        }
        if has('x') || cmd == "export" {
            sh.exported.insert(base.clone());
            if value.is_none() && !sh.vars.contains_key(&base) && cmd == "export" {
                // exported but unset: bash shows it only once it has a value.
            }
        } else if off('x') {
            sh.exported.remove(&base);
        }
        if has('r') || cmd == "readonly" {
            sh.readonly.insert(base.clone());
        }
    }
    Ok(status)
}

/// `declare -p` and friends: bash's reusable listing.
fn print_declarations(sh: &mut Shell, cmd: &str, items: &[(String, Option<String>)], flags: &[(char, bool)]) -> R {
    let mut names: Vec<String> = items.iter().map(|(n, _)| n.clone()).collect();
    let all = names.is_empty();
    if all {
        names = sh.vars.keys().chain(sh.arrays.keys()).cloned().collect();
        crate::sort::sort(&mut names);
        names.dedup();
    }
    let mut status = 0;
    let mut out = String::new();
    for name in names {
        let exported = sh.exported.contains(&name);
        if all && (cmd == "export" || flags.iter().any(|&(c, on)| c == 'x' && on)) && !exported {
            continue;
        }
        if all && cmd == "readonly" && !sh.readonly.contains(&name) {
            continue;
        }
        let mut attrs = String::new();
        let body = match sh.arrays.get(&name) {
            Some(Array::Indexed(a)) => {
                attrs.push('a');
                let parts: Vec<String> = a.iter().map(|(k, v)| format!("[{k}]={}", dq(v))).collect();
                format!("=({})", parts.join(" "))
            }
            Some(Array::Assoc(a)) => {
                attrs.push('A');
                let parts: Vec<String> = a.iter().map(|(k, v)| format!("[{k}]={} ", dq(v))).collect();
                format!("=({})", parts.concat())
            }
            None => match sh.vars.get(&name) {
                Some(v) => format!("={}", dq(v)),
                None if exported || sh.readonly.contains(&name) || sh.integer_vars.contains(&name) => String::new(),
                None => {
                    let p = sh.prefix();
                    sh.err_str(&format!("{p}declare: {name}: not found\n"))?;
                    status = 1;
                    continue;
                }
            },
        };
        if sh.integer_vars.contains(&name) {
            attrs.push('i');
        }
        if sh.readonly.contains(&name) {
            attrs.push('r');
        }
        if exported {
            attrs.push('x');
        }
        let attrs = if attrs.is_empty() { "--".to_string() } else { format!("-{attrs}") };
        out.push_str(&format!("declare {attrs} {name}{body}\n"));
    }
    sh.out_str(&out)?;
    Ok(status)
}

/// bash's double-quoted form of a value in `declare -p`.
fn dq(v: &str) -> String {
    let mut out = String::from("\"");
    for c in v.chars() {
        if matches!(c, '"' | '\\' | '$' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

fn valid_name(n: &str) -> bool {
    n.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_') && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `name=value`, `name+=value`, `name[k]=value` as written: (name, raw value).
fn split_assignment(raw: &str) -> Option<(&str, &str)> {
    let eq = raw.find('=')?;
    let name = &raw[..eq];
    let base = name.split('[').next().unwrap_or(name).trim_end_matches('+');
    (valid_name(base) && !name.contains(['"', '\'', '$'])).then(|| (name, &raw[eq + 1..]))
}

fn mapfile(sh: &mut Shell, cmd: &str, args: &[String]) -> R {
    let mut strip = false;
    let mut name = "MAPFILE".to_string();
    let mut delim = '\n';
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-t" => strip = true,
            "-d" => delim = it.next().and_then(|d| d.chars().next()).unwrap_or('\0'),
            "-n" | "-O" | "-s" | "-u" | "-C" | "-c" => {
                let p = sh.prefix();
                sh.err_str(&format!("{p}dockersim: {cmd} {a} is not simulated\n"))?;
                return Ok(1);
            }
            _ => name = a.clone(),
        }
    }
    let text = String::from_utf8_lossy(&std::mem::take(&mut sh.stdin)).into_owned();
    let mut items = BTreeMap::new();
    let mut rest = text.as_str();
    let mut i = 0;
    while !rest.is_empty() {
        let (line, next) = match rest.find(delim) {
            Some(p) => (&rest[..p + delim.len_utf8()], &rest[p + delim.len_utf8()..]),
            None => (rest, ""),
        };
        let line = if strip { line.strip_suffix(delim).unwrap_or(line) } else { line };
        items.insert(i, line.to_string());
        i += 1;
        rest = next;
    }
    sh.vars.remove(&name);
    sh.arrays.insert(name, Array::Indexed(items));
    Ok(0)
}

/// bash's `read`: `-r -a NAME -d DELIM -n N -N N -p PROMPT -s -t T`.
fn read(sh: &mut Shell, args: &[String]) -> R {
    let mut raw = false;
    let mut array: Option<String> = None;
    let mut delim = Some('\n');
    let mut count: Option<usize> = None;
    let mut exact = false;
    let mut names = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a.starts_with('-') && a.len() > 1 && names.is_empty() {
            let flags: Vec<char> = a[1..].chars().collect();
            let mut k = 0;
            while k < flags.len() {
                let f = flags[k];
                let takes = matches!(f, 'a' | 'd' | 'n' | 'N' | 'p' | 't' | 'u' | 'i' | 'e');
                let value = if takes {
                    let tail: String = flags[k + 1..].iter().collect();
                    k = flags.len();
                    if tail.is_empty() {
                        i += 1;
                        args.get(i).cloned().unwrap_or_default()
                    } else {
                        tail
                    }
                } else {
                    k += 1;
                    String::new()
                };
                match f {
                    'r' => raw = true,
                    's' | 'e' => {}
                    'a' => array = Some(value),
                    'd' => delim = value.chars().next().or(Some('\0')),
                    'n' => count = value.parse().ok(),
                    'N' => {
                        count = value.parse().ok();
                        exact = true;
                    }
                    'p' | 't' | 'u' | 'i' => {}
                    _ => {
                        let p = sh.prefix();
                        sh.err_str(&format!("{p}read: -{f}: invalid option\n{p}read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n"))?;
                        return Ok(2);
                    }
                }
            }
        } else {
            names.push(a.clone());
        }
        i += 1;
    }
    let input = String::from_utf8_lossy(&sh.stdin).into_owned();
    if input.is_empty() {
        for n in &names {
            sh.set_var(n, "");
        }
        if let Some(a) = &array {
            sh.arrays.insert(a.clone(), Array::Indexed(BTreeMap::new()));
        }
        return Ok(1);
    }
    // Read up to the delimiter (or N characters); backslash escapes without -r.
    let mut line = String::new();
    let mut found = false;
    let mut chars = input.char_indices().peekable();
    let mut consumed = input.len();
    let mut taken = 0usize;
    while let Some((pos, c)) = chars.next() {
        if count.is_some_and(|n| taken >= n) {
            consumed = pos;
            found = true;
            break;
        }
        if !raw && c == '\\' {
            match chars.next() {
                Some((_, '\n')) => continue,
                Some((_, n)) => {
                    line.push('\u{1}');
                    line.push(n);
                    taken += 1;
                    continue;
                }
                None => break,
            }
        }
        if !exact && Some(c) == delim {
            consumed = pos + c.len_utf8();
            found = true;
            break;
        }
        line.push(c);
        taken += 1;
    }
    sh.stdin = input.as_bytes()[consumed.min(input.len())..].to_vec();
    let ifs = sh.var("IFS").unwrap_or_else(|| " \t\n".into());
    let fields = split_ifs(&line, &ifs, if array.is_some() { usize::MAX } else { names.len().max(1) });
    let unescape = |s: &str| s.replace('\u{1}', "");
    if let Some(a) = array {
        let items = fields.iter().enumerate().map(|(i, f)| (i as i64, unescape(f))).collect();
        sh.vars.remove(&a);
        sh.arrays.insert(a, Array::Indexed(items));
    } else if names.is_empty() {
        sh.set_var("REPLY", &unescape(&line));
    } else {
        for (k, n) in names.iter().enumerate() {
            sh.set_var(n, &unescape(fields.get(k).map_or("", String::as_str)));
        }
    }
    Ok(if found || count.is_some() { 0 } else { 1 })
}

/// Splits `line` on IFS into at most `max` fields (the last keeps the rest),
/// as `read` does. `\u{1}` marks an escaped (literal) character.
fn split_ifs(line: &str, ifs: &str, max: usize) -> Vec<String> {
    let white = |c: char| ifs.contains(c) && c.is_whitespace();
    let chars: Vec<char> = line.chars().collect();
    let mut fields = Vec::new();
    let mut i = 0;
    while i < chars.len() && white(chars[i]) {
        i += 1;
    }
    while i < chars.len() {
        if fields.len() + 1 == max {
            let mut rest: String = chars[i..].iter().collect();
            // Trailing IFS whitespace is dropped from the last field.
            while rest.ends_with(|c: char| white(c)) && !rest.ends_with("\u{1} ") {
                rest.pop();
            }
            fields.push(rest);
            return fields;
        }
        let mut field = String::new();
        while i < chars.len() && !(ifs.contains(chars[i]) && (i == 0 || chars[i - 1] != '\u{1}')) {
            field.push(chars[i]);
            i += 1;
        }
        fields.push(field);
        // Skip one delimiter with the whitespace around it.
        while i < chars.len() && white(chars[i]) {
            i += 1;
        }
        if i < chars.len() && ifs.contains(chars[i]) && !white(chars[i]) {
            i += 1;
            while i < chars.len() && white(chars[i]) {
                i += 1;
            }
        }
    }
    fields
}

fn printf_v(sh: &mut Shell, args: &[String]) -> R {
    let Some(name) = args.get(1).cloned() else {
        let p = sh.prefix();
        sh.err_str(&format!("{p}printf: -v: option requires an argument\n"))?;
        return Ok(2);
    };
    let mark = sh.take_out_len();
    let status = super::programs::text::printf(sh, &args[2..])?;
    let text = sh.take_out_tail(mark);
    sh.arith_assign(&name, &text);
    Ok(status)
}

/// Options `shopt` knows; `nullglob` changes globbing, the others are accepted.
const SHOPTS: &[&str] = &[
    "nullglob",
    "extglob",
    "globstar",
    "dotglob",
    "failglob",
    "nocaseglob",
    "nocasematch",
    "expand_aliases",
    "lastpipe",
    "inherit_errexit",
    "xpg_echo",
    "checkwinsize",
    "histappend",
    "cmdhist",
    "progcomp",
    "promptvars",
    "sourcepath",
    "interactive_comments",
    "extquote",
    "globasciiranges",
    "patsub_replacement",
];

fn shopt(sh: &mut Shell, args: &[String]) -> R {
    let mut set = None;
    let mut quiet = false;
    let mut names = Vec::new();
    for a in args {
        match a.as_str() {
            "-s" => set = Some(true),
            "-u" => set = Some(false),
            "-q" => quiet = true,
            "-o" | "-p" => {}
            _ => names.push(a.clone()),
        }
    }
    let mut status = 0;
    for n in &names {
        if !SHOPTS.contains(&n.as_str()) {
            let p = sh.prefix();
            sh.err_str(&format!("{p}shopt: {n}: invalid shell option name\n"))?;
            status = 1;
            continue;
        }
        match set {
            Some(true) => {
                sh.shopts.insert(n.clone());
            }
            Some(false) => {
                sh.shopts.remove(n);
            }
            None => {
                let on = sh.shopts.contains(n) || default_on(n);
                if !quiet {
                    sh.out_str(&format!("{n:<15}\t{}\n", if on { "on" } else { "off" }))?;
                }
                if !on {
                    status = 1;
                }
            }
        }
    }
    Ok(status)
}

fn default_on(n: &str) -> bool {
    matches!(
        n,
        "checkwinsize"
            | "cmdhist"
            | "progcomp"
            | "promptvars"
            | "sourcepath"
            | "interactive_comments"
            | "extquote"
            | "globasciiranges"
            | "patsub_replacement"
    )
}

const KEYWORDS: &[&str] = &[
    "if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while", "until", "do", "done", "in", "function", "time", "{",
    "}", "!", "[[", "]]", "coproc",
];

/// What a name is, as `type -t` says: keyword, function, builtin, file.
pub fn kind(sh: &Shell, name: &str) -> Option<(&'static str, Option<String>)> {
    if KEYWORDS.contains(&name) {
        return Some(("keyword", None));
    }
    if sh.has_function(name) {
        return Some(("function", None));
    }
    if super::builtins::is_builtin_for(name, sh.flavor()) {
        return Some(("builtin", None));
    }
    super::programs::find_in_path(sh, name).map(|p| ("file", Some(p)))
}

fn type_cmd(sh: &mut Shell, args: &[String]) -> R {
    let terse = args.iter().any(|a| a == "-t");
    let path_only = args.iter().any(|a| a == "-p" || a == "-P");
    let mut status = 0;
    for name in args.iter().filter(|a| !a.starts_with('-')) {
        match kind(sh, name) {
            Some((k, path)) => {
                let text = if terse {
                    format!("{k}\n")
                } else if path_only {
                    path.map(|p| format!("{p}\n")).unwrap_or_default()
                } else {
                    match k {
                        "keyword" => format!("{name} is a shell keyword\n"),
                        "function" => format!("{name} is a function\n"),
                        "builtin" => format!("{name} is a shell builtin\n"),
                        _ => format!("{name} is {}\n", path.unwrap_or_default()),
                    }
                };
                sh.out_str(&text)?;
            }
            None => {
                status = 1;
                if !terse && !path_only {
                    let p = sh.prefix();
                    sh.err_str(&format!("{p}type: {name}: not found\n"))?;
                }
            }
        }
    }
    Ok(status)
}

fn unset(sh: &mut Shell, args: &[String]) -> R {
    let functions = args.iter().any(|a| a == "-f");
    for a in args.iter().filter(|a| !a.starts_with('-')) {
        if functions {
            sh.remove_function(a);
            continue;
        }
        if sh.readonly.contains(a.as_str()) {
            let p = sh.prefix();
            sh.err_str(&format!("{p}unset: {a}: cannot unset: readonly variable\n"))?;
            return Ok(1);
        }
        if let Some((base, key)) = a.split_once('[') {
            let key = key.trim_end_matches(']');
            if key == "@" || key == "*" {
                sh.unset_var(base);
                continue;
            }
            let key = if sh.is_assoc(base) { key.to_string() } else { super::arith::eval(key, sh).unwrap_or(0).to_string() };
            sh.unset_element(base, &key);
            continue;
        }
        if !sh.vars.contains_key(a) && !sh.arrays.contains_key(a) && sh.has_function(a) {
            sh.remove_function(a);
            continue;
        }
        sh.unset_var(a);
        sh.integer_vars.remove(a);
    }
    Ok(0)
}

fn source(sh: &mut Shell, cmd: &str, args: &[String]) -> R {
    let Some(file) = args.first() else {
        let p = sh.prefix();
        sh.err_str(&format!("{p}{cmd}: filename argument required\n{p}{cmd}: usage: {cmd} filename [arguments]\n"))?;
        return Ok(2);
    };
    let path = if file.contains('/') { Some(sh.abs(file)) } else { super::programs::find_in_path(sh, file).or_else(|| Some(sh.abs(file))) };
    let bytes = path.as_ref().and_then(|p| sh.fs().read(p).ok());
    let Some(bytes) = bytes else {
        let p = sh.prefix();
        sh.err_str(&format!("{p}{file}: No such file or directory\n"))?;
        return Ok(1);
    };
    let src = String::from_utf8_lossy(&bytes).into_owned();
    let saved = (args.len() > 1).then(|| std::mem::replace(&mut sh.positional, args[1..].to_vec()));
    let r = sh.run_sourced(&src);
    if let Some(p) = saved {
        sh.positional = p;
    }
    match r {
        Err(Flow::Return(s)) => Ok(s),
        other => other,
    }
}
