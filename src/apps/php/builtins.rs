//! The functions and constants tutorials use, as PHP 8 defines them.

use super::dump;
use super::eval::{Class, Flow, Php, R};
use super::value::*;
use std::rc::Rc;

/// Parameters a builtin takes by reference (its writes are copied back).
pub fn by_ref_params(name: &str) -> &'static [usize] {
    match name {
        "sort" | "rsort" | "usort" | "uasort" | "uksort" | "ksort" | "krsort" | "asort" | "arsort" | "shuffle" | "array_push"
        | "array_pop" | "array_shift" | "array_unshift" | "array_splice" | "natsort" | "natcasesort" | "array_walk" | "settype" => &[0],
        "preg_match" | "preg_match_all" => &[2],
        "str_replace" | "str_ireplace" => &[3],
        _ => &[],
    }
}

pub fn constant(p: &mut Php, n: &str) -> Option<V> {
    Some(match n {
        "PHP_EOL" => V::s("\n"),
        "PHP_SAPI" => V::s(&p.sapi.clone()),
        "PHP_VERSION" => V::s(&p.version),
        "PHP_MAJOR_VERSION" => V::Int(p.version.split('.').next().and_then(|x| x.parse().ok()).unwrap_or(8)),
        "PHP_MINOR_VERSION" => V::Int(p.version.split('.').nth(1).and_then(|x| x.parse().ok()).unwrap_or(2)),
        "PHP_INT_MAX" => V::Int(i64::MAX),
        "PHP_INT_MIN" => V::Int(i64::MIN),
        "PHP_INT_SIZE" => V::Int(8),
        "PHP_FLOAT_EPSILON" => V::Float(f64::EPSILON),
        "PHP_OS" => V::s("Linux"),
        "PHP_OS_FAMILY" => V::s("Linux"),
        "NAN" => V::Float(f64::NAN),
        "INF" => V::Float(f64::INFINITY),
        "M_PI" => V::Float(std::f64::consts::PI),
        "E_ALL" => V::Int(32767),
        "E_DEPRECATED" => V::Int(8192),
        "E_USER_ERROR" => V::Int(256),
        "E_USER_WARNING" => V::Int(512),
        "E_USER_NOTICE" => V::Int(1024),
        "E_USER_DEPRECATED" => V::Int(16384),
        "INFO_GENERAL" => V::Int(1),
        "INFO_CREDITS" => V::Int(2),
        "INFO_CONFIGURATION" => V::Int(4),
        "INFO_MODULES" => V::Int(8),
        "INFO_ENVIRONMENT" => V::Int(16),
        "INFO_VARIABLES" => V::Int(32),
        "INFO_LICENSE" => V::Int(64),
        "INFO_ALL" => V::Int(4294967295),
        "E_ERROR" => V::Int(1),
        "E_WARNING" => V::Int(2),
        "E_NOTICE" => V::Int(8),
        "E_STRICT" => V::Int(2048),
        "JSON_PRETTY_PRINT" => V::Int(dump::JSON_PRETTY_PRINT),
        "JSON_UNESCAPED_SLASHES" => V::Int(dump::JSON_UNESCAPED_SLASHES),
        "JSON_UNESCAPED_UNICODE" => V::Int(dump::JSON_UNESCAPED_UNICODE),
        "JSON_THROW_ON_ERROR" => V::Int(dump::JSON_THROW_ON_ERROR),
        "JSON_FORCE_OBJECT" => V::Int(dump::JSON_FORCE_OBJECT),
        "JSON_NUMERIC_CHECK" => V::Int(dump::JSON_NUMERIC_CHECK),
        "JSON_PRESERVE_ZERO_FRACTION" => V::Int(dump::JSON_PRESERVE_ZERO_FRACTION),
        "JSON_HEX_TAG" => V::Int(dump::JSON_HEX_TAG),
        "ENT_QUOTES" => V::Int(3),
        "ENT_COMPAT" => V::Int(2),
        "ENT_NOQUOTES" => V::Int(0),
        "ENT_HTML5" => V::Int(48),
        "ENT_HTML401" => V::Int(0),
        "SORT_REGULAR" => V::Int(0),
        "SORT_NUMERIC" => V::Int(1),
        "SORT_STRING" => V::Int(2),
        "COUNT_RECURSIVE" => V::Int(1),
        "ARRAY_FILTER_USE_KEY" => V::Int(2),
        "ARRAY_FILTER_USE_BOTH" => V::Int(1),
        "STR_PAD_RIGHT" => V::Int(1),
        "STR_PAD_LEFT" => V::Int(0),
        "STR_PAD_BOTH" => V::Int(2),
        "PREG_SPLIT_NO_EMPTY" => V::Int(1),
        "DIRECTORY_SEPARATOR" => V::s("/"),
        "FILTER_VALIDATE_INT" => V::Int(257),
        "FILTER_VALIDATE_EMAIL" => V::Int(274),
        "FILTER_VALIDATE_BOOLEAN" | "FILTER_VALIDATE_BOOL" => V::Int(258),
        "FILTER_DEFAULT" => V::Int(516),
        "STDIN" | "STDOUT" | "STDERR" => V::s(n),
        "LC_ALL" => V::Int(6),
        "__FILE__" => V::Str(p.file.clone()),
        "__DIR__" => V::s(p.file.rsplit_once('/').map_or(".", |(d, _)| if d.is_empty() { "/" } else { d })),
        "__FUNCTION__" => V::Str(p.frames.last().and_then(|f| f.func.as_ref().map(|f| f.name.clone())).unwrap_or_else(|| "".into())),
        "__CLASS__" => V::Str(p.frames.last().and_then(|f| f.class.as_ref().map(|c| c.name.clone())).unwrap_or_else(|| "".into())),
        "__METHOD__" => {
            let f = p.frames.last().and_then(|f| f.func.as_ref().map(|f| f.name.clone())).unwrap_or_else(|| "".into());
            match p.frames.last().and_then(|fr| fr.class.clone()) {
                Some(c) => V::s(&format!("{}::{f}", c.name)),
                None => V::Str(f),
            }
        }
        "__NAMESPACE__" => V::s(""),
        _ => return None,
    })
}

pub fn enum_static(p: &mut Php, cls: &Rc<Class>, m: &str, args: Vec<V>) -> R<V> {
    let cases: Vec<V> =
        cls.consts.borrow().iter().filter(|(_, v)| matches!(v, V::Obj(o) if Rc::ptr_eq(&o.class, cls))).map(|(_, v)| v.clone()).collect();
    match m.to_ascii_lowercase().as_str() {
        "cases" => Ok(V::arr(Arr::list(cases))),
        "from" | "tryfrom" => {
            let want = args.first().cloned().unwrap_or_default();
            for c in &cases {
                if let V::Obj(o) = c {
                    if o.get("value").is_some_and(|v| loose_cmp(&v, &want) == 0) {
                        return Ok(c.clone());
                    }
                }
            }
            if m.eq_ignore_ascii_case("tryfrom") {
                return Ok(V::Null);
            }
            let shown = dump::export_short(&want);
            let shown = if let V::Str(_) = want { format!("\"{}\"", shown.trim_matches('\'')) } else { shown };
            Err(p.throw_error("ValueError", &format!("{shown} is not a valid backing value for enum {}", cls.name)))
        }
        _ => Err(p.throw_error("Error", &format!("Call to undefined method {}::{m}()", cls.name))),
    }
}

pub fn call(p: &mut Php, name: &str, args: Vec<V>) -> R<Option<V>> {
    let mut args = args;
    call_mut(p, name, &mut args)
}

fn s(p: &mut Php, a: &[V], i: usize) -> R<String> {
    match a.get(i) {
        Some(v) => p.to_str(v),
        None => Ok(String::new()),
    }
}

fn arr(a: &[V], i: usize) -> Rc<Arr> {
    match a.get(i).map(V::deref) {
        Some(V::Arr(x)) => x,
        _ => Rc::new(Arr::default()),
    }
}

fn int(a: &[V], i: usize, d: i64) -> i64 {
    a.get(i).map_or(d, |v| v.to_int())
}

fn need(p: &mut Php, name: &str, a: &[V], n: usize) -> R<()> {
    if a.len() < n {
        let msg = format!(
            "{name}() expects {} {n} argument{}, {} given",
            if n == 1 { "exactly" } else { "at least" },
            if n == 1 { "" } else { "s" },
            a.len()
        );
        return Err(p.throw_error("ArgumentCountError", &msg));
    }
    Ok(())
}

fn type_err(p: &mut Php, name: &str, i: usize, want: &str, v: &V) -> Flow {
    let given = match v {
        V::Obj(o) => o.class.name.to_string(),
        other => other.type_name().to_string(),
    };
    p.throw_error("TypeError", &format!("{name}(): Argument #{} must be of type {want}, {given} given", i + 1))
}

fn want_arr(p: &mut Php, name: &str, a: &[V], i: usize) -> R<Rc<Arr>> {
    match a.get(i).map(V::deref) {
        Some(V::Arr(x)) => Ok(x),
        Some(other) => {
            let pname = match name {
                "count" | "sizeof" => "($value)",
                "implode" | "join" => "($array)",
                _ => "($array)",
            };
            let e = type_err(p, name, i, "array", &other);
            let _ = pname;
            Err(match e {
                Flow::Throw(V::Obj(o)) => {
                    let m = o.get("message").map(|m| m.deref()).unwrap_or_default();
                    let m = p.to_str(&m)?.replacen(" must be", &format!(" {pname} must be"), 1);
                    let m = if name == "count" || name == "sizeof" { m.replace("type array", "type Countable|array") } else { m };
                    o.set("message", V::s(&m));
                    Flow::Throw(V::Obj(o))
                }
                other => other,
            })
        }
        None => {
            need(p, name, a, i + 1)?;
            Ok(Rc::new(Arr::default()))
        }
    }
}

pub fn call_mut(p: &mut Php, name: &str, a: &mut [V]) -> R<Option<V>> {
    let v = match name {
        // ---------------------------------------------------------------- output
        "var_dump" => {
            for v in a.iter() {
                let mut out = String::new();
                dump::var_dump(p, v, 0, &mut out);
                p.echo(&out);
            }
            V::Null
        }
        "print_r" => {
            let mut out = String::new();
            let v = a.first().cloned().unwrap_or_default();
            dump::print_r(p, &v, 0, &mut out)?;
            if a.get(1).is_some_and(V::truthy) {
                return Ok(Some(V::s(&out)));
            }
            p.echo(&out);
            V::Bool(true)
        }
        "var_export" => {
            let mut out = String::new();
            let v = a.first().cloned().unwrap_or_default();
            dump::var_export(&v, 0, &mut out);
            if a.get(1).is_some_and(V::truthy) {
                return Ok(Some(V::s(&out)));
            }
            p.echo(&out);
            V::Null
        }
        "printf" => {
            let out = sprintf(p, a)?;
            let n = out.len() as i64;
            p.echo(&out);
            V::Int(n)
        }
        "sprintf" => V::s(&sprintf(p, a)?),
        "vsprintf" | "vprintf" => {
            let mut all = vec![a.first().cloned().unwrap_or_default()];
            all.extend(arr(a, 1).items.iter().map(|(_, v)| v.clone()));
            let out = sprintf(p, &all)?;
            if name == "vprintf" {
                p.echo(&out);
                V::Int(out.len() as i64)
            } else {
                V::s(&out)
            }
        }
        "number_format" => {
            let f = a.first().map_or(0.0, V::to_float);
            let d = int(a, 1, 0).clamp(0, 50) as usize;
            let dp = if a.len() > 2 { s(p, a, 2)? } else { ".".into() };
            let ts = if a.len() > 3 { s(p, a, 3)? } else { ",".into() };
            V::s(&number_format(f, d, &dp, &ts))
        }
        "fwrite" | "fputs" => {
            let target = s(p, a, 0)?;
            let text = s(p, a, 1)?;
            if target == "STDOUT" || target == "php://output" {
                p.echo(&text);
            } else if target == "STDERR" {
                p.stderr_text(&text);
            }
            V::Int(text.len() as i64)
        }
        "fopen" => {
            let path = s(p, a, 0)?;
            match path.as_str() {
                "php://stdout" | "php://output" => V::s("STDOUT"),
                "php://stderr" => V::s("STDERR"),
                "php://stdin" => V::s("STDIN"),
                _ => return Err(Flow::Fatal(format!("dockersim: PHP fopen(\"{path}\") is not simulated"))),
            }
        }
        "fclose"
        | "flush"
        | "ob_flush"
        | "set_error_handler"
        | "set_exception_handler"
        | "error_reporting"
        | "date_default_timezone_set"
        | "session_start"
        | "mb_internal_encoding"
        | "setlocale"
        | "spl_autoload_register"
        | "register_shutdown_function"
        | "ignore_user_abort"
        | "set_time_limit"
        | "assert"
        | "error_log"
        | "usleep"
        | "sleep"
        | "srand"
        | "mt_srand"
        | "ob_implicit_flush"
        | "opcache_get_status" => {
            if name == "error_log" {
                let m = s(p, a, 0)?;
                p.stderr_text(&format!("{m}\n"));
            }
            match name {
                "date_default_timezone_set" | "session_start" | "mb_internal_encoding" | "spl_autoload_register" => V::Bool(true),
                "error_reporting" => {
                    let old = p.error_reporting();
                    if let Some(level) = a.first().filter(|v| !matches!(v, V::Null)) {
                        let level = level.to_int();
                        p.ini.values.insert("error_reporting".into(), level.to_string());
                    }
                    V::Int(old)
                }
                "sleep" => V::Int(0),
                "setlocale" => V::Bool(false),
                _ => V::Null,
            }
        }
        "fgets" => {
            let src = s(p, a, 0)?;
            if src != "STDIN" {
                return Ok(Some(V::Bool(false)));
            }
            if p.stdin.is_empty() {
                V::Bool(false)
            } else {
                let end = p.stdin.find('\n').map_or(p.stdin.len(), |i| i + 1);
                let line: String = p.stdin.drain(..end).collect();
                V::s(&line)
            }
        }
        "readline" => {
            let prompt = s(p, a, 0)?;
            p.echo(&prompt);
            if p.stdin.is_empty() {
                V::Bool(false)
            } else {
                let end = p.stdin.find('\n').map_or(p.stdin.len(), |i| i + 1);
                let line: String = p.stdin.drain(..end).collect();
                V::s(line.trim_end_matches('\n'))
            }
        }
        "ob_start" => {
            p.ob.push(String::new());
            V::Bool(true)
        }
        "ob_get_clean" | "ob_get_contents" | "ob_end_clean" | "ob_end_flush" | "ob_get_flush" => {
            let top = if name == "ob_get_contents" { p.ob.last().cloned() } else { p.ob.pop() };
            match top {
                Some(t) => {
                    if name == "ob_end_flush" || name == "ob_get_flush" {
                        p.echo(&t);
                    }
                    if name == "ob_end_clean" || name == "ob_end_flush" {
                        V::Bool(true)
                    } else {
                        V::s(&t)
                    }
                }
                None => V::Bool(false),
            }
        }
        "header" => {
            let h = s(p, a, 0)?;
            if let Some((k, v)) = h.split_once(':') {
                let k = k.trim().to_string();
                let v = v.trim().to_string();
                if k.eq_ignore_ascii_case("location") && p.status == 200 {
                    p.status = 302;
                }
                if a.get(1).is_none_or(V::truthy) {
                    p.headers.retain(|(x, _)| !x.eq_ignore_ascii_case(&k));
                }
                p.headers.push((k, v));
            } else if let Some(code) = h.strip_prefix("HTTP/").and_then(|r| r.split_whitespace().nth(1)).and_then(|c| c.parse().ok()) {
                p.status = code;
            }
            if let Some(code) = a.get(2).map(V::to_int).filter(|c| *c > 0) {
                p.status = code as u16;
            }
            V::Null
        }
        "http_response_code" => {
            let old = p.status as i64;
            if let Some(c) = a.first() {
                p.status = c.to_int() as u16;
                if old == 200 {
                    return Ok(Some(V::Bool(true)));
                }
            }
            V::Int(old)
        }
        "headers_sent" => V::Bool(false),
        "headers_list" => V::arr(Arr::list(p.headers.iter().map(|(k, v)| V::s(&format!("{k}: {v}"))).collect())),
        // ---------------------------------------------------------------- strings
        "strlen" => {
            need(p, name, a, 1)?;
            if let Some(V::Arr(_)) = a.first() {
                let v = a[0].clone();
                return Err(type_err(p, "strlen", 0, "string", &v));
            }
            V::Int(s(p, a, 0)?.len() as i64)
        }
        "mb_strlen" => V::Int(s(p, a, 0)?.chars().count() as i64),
        "strtoupper" | "mb_strtoupper" => {
            V::s(&if name == "strtoupper" { s(p, a, 0)?.to_ascii_uppercase() } else { s(p, a, 0)?.to_uppercase() })
        }
        "strtolower" | "mb_strtolower" => {
            V::s(&if name == "strtolower" { s(p, a, 0)?.to_ascii_lowercase() } else { s(p, a, 0)?.to_lowercase() })
        }
        "ucfirst" | "lcfirst" => {
            let t = s(p, a, 0)?;
            let mut b = t.into_bytes();
            if let Some(c) = b.first_mut() {
                *c = if name == "ucfirst" { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() };
            }
            V::s(&String::from_utf8_lossy(&b))
        }
        "ucwords" => {
            let t = s(p, a, 0)?;
            let mut out = String::new();
            let mut start = true;
            for c in t.chars() {
                out.push(if start { c.to_ascii_uppercase() } else { c });
                start = matches!(c, ' ' | '\t' | '\r' | '\n' | '\x0c' | '\x0b');
            }
            V::s(&out)
        }
        "trim" | "ltrim" | "rtrim" | "chop" => {
            let t = s(p, a, 0)?;
            let chars: Vec<char> = if a.len() > 1 { char_mask(&s(p, a, 1)?) } else { vec![' ', '\t', '\n', '\r', '\0', '\x0b'] };
            let r = match name {
                "trim" => t.trim_matches(|c| chars.contains(&c)),
                "ltrim" => t.trim_start_matches(|c| chars.contains(&c)),
                _ => t.trim_end_matches(|c| chars.contains(&c)),
            };
            V::s(r)
        }
        "str_repeat" => V::s(&s(p, a, 0)?.repeat(int(a, 1, 0).clamp(0, 10_000_000) as usize)),
        "strrev" => V::s(&s(p, a, 0)?.chars().rev().collect::<String>()),
        "str_pad" => {
            let t = s(p, a, 0)?;
            let n = int(a, 1, 0).max(0) as usize;
            let pad = if a.len() > 2 { s(p, a, 2)? } else { " ".into() };
            let kind = int(a, 3, 1);
            if n <= t.len() || pad.is_empty() {
                V::s(&t)
            } else {
                let total = n - t.len();
                let mk = |k: usize| pad.chars().cycle().take(k).collect::<String>();
                V::s(&match kind {
                    0 => format!("{}{t}", mk(total)),
                    2 => format!("{}{t}{}", mk(total / 2), mk(total - total / 2)),
                    _ => format!("{t}{}", mk(total)),
                })
            }
        }
        "str_split" | "mb_str_split" => {
            let t = s(p, a, 0)?;
            let n = int(a, 1, 1).max(1) as usize;
            let chars: Vec<char> = t.chars().collect();
            let parts: Vec<V> =
                if t.is_empty() { vec![V::s("")] } else { chars.chunks(n).map(|c| V::s(&c.iter().collect::<String>())).collect() };
            V::arr(Arr::list(parts))
        }
        "strpos" | "stripos" | "mb_strpos" => {
            let (h, n) = (s(p, a, 0)?, s(p, a, 1)?);
            let off = int(a, 2, 0).max(0) as usize;
            let (h2, n2) = if name == "stripos" { (h.to_ascii_lowercase(), n.to_ascii_lowercase()) } else { (h.clone(), n) };
            match h2.get(off..).and_then(|x| x.find(&n2)) {
                Some(i) => V::Int((i + off) as i64),
                None => V::Bool(false),
            }
        }
        "strrpos" => match s(p, a, 0)?.rfind(&s(p, a, 1)?) {
            Some(i) => V::Int(i as i64),
            None => V::Bool(false),
        },
        "str_contains" => V::Bool(s(p, a, 0)?.contains(&s(p, a, 1)?)),
        "str_starts_with" => V::Bool(s(p, a, 0)?.starts_with(&s(p, a, 1)?)),
        "str_ends_with" => V::Bool(s(p, a, 0)?.ends_with(&s(p, a, 1)?)),
        "strstr" => {
            let (h, n) = (s(p, a, 0)?, s(p, a, 1)?);
            match h.find(&n) {
                Some(i) => V::s(if a.get(2).is_some_and(V::truthy) { &h[..i] } else { &h[i..] }),
                None => V::Bool(false),
            }
        }
        "strrchr" => {
            let (h, n) = (s(p, a, 0)?, s(p, a, 1)?);
            match n.chars().next().and_then(|c| h.rfind(c)) {
                Some(i) => V::s(&h[i..]),
                None => V::Bool(false),
            }
        }
        "substr" | "mb_substr" => {
            let t = s(p, a, 0)?;
            let units: Vec<String> = if name == "substr" {
                t.bytes().map(|b| String::from_utf8_lossy(&[b]).into_owned()).collect()
            } else {
                t.chars().map(|c| c.to_string()).collect()
            };
            let n = units.len() as i64;
            let mut st = int(a, 1, 0);
            if st < 0 {
                st = (n + st).max(0);
            }
            let st = st.min(n);
            let len = match a.get(2) {
                Some(V::Null) | None => n - st,
                Some(l) => {
                    let l = l.to_int();
                    if l < 0 {
                        (n - st + l).max(0)
                    } else {
                        l.min(n - st)
                    }
                }
            };
            if name == "substr" {
                let b = t.as_bytes();
                V::s(&String::from_utf8_lossy(&b[st as usize..(st + len) as usize]))
            } else {
                V::s(&units[st as usize..(st + len) as usize].concat())
            }
        }
        "substr_count" => {
            let (h, n) = (s(p, a, 0)?, s(p, a, 1)?);
            V::Int(if n.is_empty() { 0 } else { h.matches(&n).count() as i64 })
        }
        "str_replace" | "str_ireplace" => {
            let search = a.first().cloned().unwrap_or_default();
            let rep = a.get(1).cloned().unwrap_or_default();
            let subject = a.get(2).cloned().unwrap_or_default();
            let pairs: Vec<(String, String)> = match (&search, &rep) {
                (V::Arr(sa), V::Arr(ra)) => {
                    let mut v = Vec::new();
                    for (i, (_, x)) in sa.items.iter().enumerate() {
                        let r = ra.items.get(i).map(|(_, r)| r.clone()).unwrap_or_default();
                        v.push((p.to_str(x)?, p.to_str(&r)?));
                    }
                    v
                }
                (V::Arr(sa), r) => {
                    let r = p.to_str(r)?;
                    let mut v = Vec::new();
                    for (_, x) in &sa.items {
                        v.push((p.to_str(x)?, r.clone()));
                    }
                    v
                }
                (x, r) => vec![(p.to_str(x)?, p.to_str(r)?)],
            };
            let mut count = 0i64;
            let ci = name == "str_ireplace";
            let mut one = |t: String| -> String {
                let mut t = t;
                for (f, r) in &pairs {
                    if f.is_empty() {
                        continue;
                    }
                    if ci {
                        let (lt, lf) = (t.to_ascii_lowercase(), f.to_ascii_lowercase());
                        let mut out = String::new();
                        let mut last = 0;
                        for (i, _) in lt.match_indices(&lf) {
                            out.push_str(&t[last..i]);
                            out.push_str(r);
                            last = i + f.len();
                            count += 1;
                        }
                        out.push_str(&t[last..]);
                        t = out;
                    } else {
                        count += t.matches(f.as_str()).count() as i64;
                        t = t.replace(f.as_str(), r);
                    }
                }
                t
            };
            let r = match &subject {
                V::Arr(sa) => {
                    let mut out = Arr::default();
                    for (k, x) in &sa.items {
                        let xs = p.to_str(x)?;
                        out.set(k.clone(), V::s(&one(xs)));
                    }
                    V::arr(out)
                }
                other => {
                    let t = p.to_str(other)?;
                    V::s(&one(t))
                }
            };
            if a.len() > 3 {
                a[3] = V::Int(count);
            }
            r
        }
        "implode" | "join" => {
            let (sep, items) = match (a.first().map(V::deref), a.get(1).map(V::deref)) {
                (Some(V::Arr(x)), None) => (String::new(), x),
                (Some(V::Arr(x)), Some(sep)) => (p.to_str(&sep)?, x),
                (Some(sep), Some(_)) => {
                    let items = want_arr(p, name, a, 1)?;
                    (p.to_str(&sep)?, items)
                }
                _ => {
                    let v = a.first().cloned().unwrap_or_default();
                    return Err(p.throw_error(
                        "TypeError",
                        &format!("{name}(): Argument #1 ($array) must be of type array, {} given", v.type_name()),
                    ));
                }
            };
            let mut parts = Vec::new();
            for (_, x) in &items.items {
                parts.push(p.to_str(x)?);
            }
            V::s(&parts.join(&sep))
        }
        "explode" => {
            let (sep, t) = (s(p, a, 0)?, s(p, a, 1)?);
            if sep.is_empty() {
                return Err(p.throw_error("ValueError", "explode(): Argument #1 ($separator) cannot be empty"));
            }
            let lim = int(a, 2, i64::MAX);
            let mut parts: Vec<V> =
                if lim > 0 { t.splitn(lim as usize, sep.as_str()).map(V::s).collect() } else { t.split(sep.as_str()).map(V::s).collect() };
            if lim < 0 {
                let keep = parts.len().saturating_sub((-lim) as usize);
                parts.truncate(keep);
            }
            V::arr(Arr::list(parts))
        }
        "nl2br" => V::s(&s(p, a, 0)?.replace("\r\n", "<br />\r\n").replace('\n', "<br />\n")),
        "htmlspecialchars" | "htmlentities" => {
            let t = s(p, a, 0)?;
            V::s(&html_escape(&t, int(a, 1, 3 | 8 | 48)))
        }
        "html_entity_decode" | "htmlspecialchars_decode" => V::s(
            &s(p, a, 0)?
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#039;", "'")
                .replace("&#39;", "'")
                .replace("&amp;", "&"),
        ),
        "strip_tags" => {
            let t = s(p, a, 0)?;
            let mut out = String::new();
            let mut inside = false;
            for c in t.chars() {
                match c {
                    '<' => inside = true,
                    '>' if inside => inside = false,
                    c if !inside => out.push(c),
                    _ => {}
                }
            }
            V::s(&out)
        }
        "addslashes" => V::s(&s(p, a, 0)?.replace('\\', "\\\\").replace('\'', "\\'").replace('"', "\\\"")),
        "strcmp" | "strcasecmp" | "strncmp" | "strncasecmp" | "strnatcmp" | "strnatcasecmp" => {
            let (mut x, mut y) = (s(p, a, 0)?, s(p, a, 1)?);
            if name.contains("case") {
                x = x.to_ascii_lowercase();
                y = y.to_ascii_lowercase();
            }
            if name.starts_with("strn") && !name.starts_with("strnat") {
                let n = int(a, 2, 0).max(0) as usize;
                x = x.chars().take(n).collect();
                y = y.chars().take(n).collect();
            }
            V::Int(match x.cmp(&y) {
                std::cmp::Ordering::Less => -1,
                std::cmp::Ordering::Equal => 0,
                std::cmp::Ordering::Greater => 1,
            })
        }
        "wordwrap" => {
            let t = s(p, a, 0)?;
            let w = int(a, 1, 75).max(1) as usize;
            let brk = if a.len() > 2 { s(p, a, 2)? } else { "\n".into() };
            let mut lines = Vec::new();
            let mut cur = String::new();
            for word in t.split(' ') {
                if !cur.is_empty() && cur.len() + 1 + word.len() > w {
                    lines.push(std::mem::take(&mut cur));
                } else if !cur.is_empty() {
                    cur.push(' ');
                }
                cur.push_str(word);
            }
            lines.push(cur);
            V::s(&lines.join(&brk))
        }
        "chr" => V::s(&String::from_utf8_lossy(&[(int(a, 0, 0).rem_euclid(256)) as u8])),
        "ord" => V::Int(s(p, a, 0)?.bytes().next().map_or(0, i64::from)),
        "md5" => V::s(&md5_hex(s(p, a, 0)?.as_bytes())),
        "sha1" => V::s(&sha1_hex(s(p, a, 0)?.as_bytes())),
        "hash" => {
            let algo = s(p, a, 0)?;
            let data = s(p, a, 1)?;
            match algo.as_str() {
                "md5" => V::s(&md5_hex(data.as_bytes())),
                "sha1" => V::s(&sha1_hex(data.as_bytes())),
                "sha256" => {
                    use sha2::Digest;
                    V::s(&sha2::Sha256::digest(data.as_bytes()).iter().map(|b| format!("{b:02x}")).collect::<String>())
                }
                _ => return Err(Flow::Fatal(format!("dockersim: PHP hash('{algo}') is not simulated"))),
            }
        }
        "base64_encode" => V::s(&crate::base64::encode(s(p, a, 0)?.as_bytes())),
        "base64_decode" => match crate::base64::decode(s(p, a, 0)?.as_bytes(), true).ok() {
            Some(b) => V::s(&String::from_utf8_lossy(&b)),
            None => V::Bool(false),
        },
        "bin2hex" => V::s(&s(p, a, 0)?.bytes().map(|b| format!("{b:02x}")).collect::<String>()),
        "dechex" => V::s(&format!("{:x}", int(a, 0, 0))),
        "hexdec" => V::Int(i64::from_str_radix(&s(p, a, 0)?, 16).unwrap_or(0)),
        "decbin" => V::s(&format!("{:b}", int(a, 0, 0))),
        "bindec" => V::Int(i64::from_str_radix(&s(p, a, 0)?, 2).unwrap_or(0)),
        "urlencode" | "rawurlencode" => {
            let t = s(p, a, 0)?;
            let mut out = String::new();
            for b in t.bytes() {
                match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => out.push(b as char),
                    b'~' if name == "rawurlencode" => out.push('~'),
                    b' ' if name == "urlencode" => out.push('+'),
                    _ => out.push_str(&format!("%{b:02X}")),
                }
            }
            V::s(&out)
        }
        "urldecode" | "rawurldecode" => V::s(&url_decode(&s(p, a, 0)?, name == "urldecode")),
        "http_build_query" => {
            let items = arr(a, 0);
            let mut parts = Vec::new();
            for (k, v) in &items.items {
                let ks = match k {
                    Key::I(i) => i.to_string(),
                    Key::S(s) => s.to_string(),
                };
                let vs = p.to_str(v)?;
                let enc = |x: &str| {
                    x.bytes()
                        .map(|b| {
                            if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
                                (b as char).to_string()
                            } else if b == b' ' {
                                "+".into()
                            } else {
                                format!("%{b:02X}")
                            }
                        })
                        .collect::<String>()
                };
                parts.push(format!("{}={}", enc(&ks), enc(&vs)));
            }
            V::s(&parts.join("&"))
        }
        "uniqid" => V::s(&format!("{:x}{:05x}", p.now, p.steps % 0xfffff)),
        "lcg_value" => V::Float(0.5),
        "str_word_count" => {
            V::Int(s(p, a, 0)?.split(|c: char| !c.is_ascii_alphabetic() && c != '\'' && c != '-').filter(|w| !w.is_empty()).count() as i64)
        }
        "similar_text" | "levenshtein" => V::Int(0),
        "sprintf_" => V::Null,
        // ---------------------------------------------------------------- types
        "gettype" => V::s(a.first().map_or("NULL", |v| v.gettype())),
        "get_debug_type" => V::s(&match a.first().map(V::deref) {
            Some(V::Obj(o)) => o.class.name.to_string(),
            Some(v) => v.type_name().to_string(),
            None => "null".into(),
        }),
        "is_int" | "is_integer" | "is_long" => V::Bool(matches!(a.first().map(V::deref), Some(V::Int(_)))),
        "is_float" | "is_double" => V::Bool(matches!(a.first().map(V::deref), Some(V::Float(_)))),
        "is_string" => V::Bool(matches!(a.first().map(V::deref), Some(V::Str(_)))),
        "is_bool" => V::Bool(matches!(a.first().map(V::deref), Some(V::Bool(_)))),
        "is_array" => V::Bool(matches!(a.first().map(V::deref), Some(V::Arr(_)))),
        "is_object" => V::Bool(matches!(a.first().map(V::deref), Some(V::Obj(_)))),
        "is_null" => V::Bool(matches!(a.first().map(V::deref), Some(V::Null) | None)),
        "is_numeric" => V::Bool(match a.first().map(V::deref) {
            Some(V::Int(_) | V::Float(_)) => true,
            Some(V::Str(s)) => is_numeric_str(&s) && !s.ends_with(|c: char| c.is_whitespace()) || is_numeric_str(&s),
            _ => false,
        }),
        "is_scalar" => V::Bool(matches!(a.first().map(V::deref), Some(V::Int(_) | V::Float(_) | V::Str(_) | V::Bool(_)))),
        "is_callable" => V::Bool(match a.first().map(V::deref) {
            Some(V::Obj(o)) => o.closure.is_some() || o.class.find_method("__invoke").is_some(),
            Some(V::Str(f)) => p.functions.contains_key(&f.to_ascii_lowercase()) || is_builtin(&f.to_ascii_lowercase()),
            Some(V::Arr(x)) => x.len() == 2,
            _ => false,
        }),
        "is_iterable" => V::Bool(matches!(a.first().map(V::deref), Some(V::Arr(_)))),
        "intval" => {
            let base = int(a, 1, 10);
            match a.first().map(V::deref) {
                Some(V::Str(t)) if base != 10 => {
                    let t = t.trim();
                    let t = if base == 16 { t.trim_start_matches("0x").trim_start_matches("0X") } else { t };
                    V::Int(i64::from_str_radix(t, base.clamp(2, 36) as u32).unwrap_or(0))
                }
                Some(v) => V::Int(v.to_int()),
                None => V::Int(0),
            }
        }
        "floatval" | "doubleval" => V::Float(a.first().map_or(0.0, V::to_float)),
        "strval" => V::s(&s(p, a, 0)?),
        "boolval" => V::Bool(a.first().is_some_and(V::truthy)),
        "settype" => {
            let t = s(p, a, 1)?;
            let v = a.first().cloned().unwrap_or_default();
            let k = match t.as_str() {
                "integer" | "int" => "int",
                "double" | "float" => "float",
                "boolean" | "bool" => "bool",
                "array" => "array",
                _ => "string",
            };
            a[0] = p.cast(k, v)?;
            V::Bool(true)
        }
        "get_class" => match a.first().map(V::deref) {
            Some(V::Obj(o)) => V::Str(o.class.name.clone()),
            _ => V::Bool(false),
        },
        "get_parent_class" => match a.first().map(V::deref) {
            Some(V::Obj(o)) => o.class.parent.as_ref().map_or(V::Bool(false), |c| V::Str(c.name.clone())),
            _ => V::Bool(false),
        },
        "get_object_vars" => match a.first().map(V::deref) {
            Some(V::Obj(o)) => {
                let mut out = Arr::default();
                let scope = p.frames.last().and_then(|f| f.class.clone());
                let inside = scope.is_some_and(|c| c.is_a(&o.class.name) || o.class.is_a(&c.name));
                for (k, v) in o.props.borrow().iter().filter(|(k, _)| !k.starts_with("__")) {
                    if inside || dump::prop_vis(&o, k) == "public" {
                        out.set(Key::of_str(k), v.clone());
                    }
                }
                V::arr(out)
            }
            _ => V::Null,
        },
        "method_exists" => {
            let m = s(p, a, 1)?;
            match a.first().map(V::deref) {
                Some(V::Obj(o)) => V::Bool(o.class.find_method(&m).is_some()),
                Some(V::Str(c)) => V::Bool(p.classes.get(&c.to_ascii_lowercase()).is_some_and(|k| k.find_method(&m).is_some())),
                _ => V::Bool(false),
            }
        }
        "property_exists" => {
            let m = s(p, a, 1)?;
            match a.first().map(V::deref) {
                Some(V::Obj(o)) => V::Bool(o.get(&m).is_some() || o.class.decl.props.iter().any(|x| *x.0 == *m)),
                Some(V::Str(c)) => V::Bool(p.classes.get(&c.to_ascii_lowercase()).is_some_and(|k| k.decl.props.iter().any(|x| *x.0 == *m))),
                _ => V::Bool(false),
            }
        }
        "class_exists" | "interface_exists" | "enum_exists" => {
            let n = s(p, a, 0)?.to_ascii_lowercase();
            V::Bool(p.classes.contains_key(&n))
        }
        "function_exists" => {
            let f = s(p, a, 0)?.to_ascii_lowercase();
            V::Bool(p.functions.contains_key(&f) || is_builtin(&f))
        }
        "is_a" | "is_subclass_of" => {
            let c = s(p, a, 1)?;
            match a.first().map(V::deref) {
                Some(V::Obj(o)) => V::Bool(o.class.is_a(&c) && (name == "is_a" || !o.class.name.eq_ignore_ascii_case(&c))),
                _ => V::Bool(false),
            }
        }
        "spl_object_id" => match a.first().map(V::deref) {
            Some(V::Obj(o)) => V::Int(o.id as i64),
            _ => V::Int(0),
        },
        "spl_object_hash" => match a.first().map(V::deref) {
            Some(V::Obj(o)) => V::s(&format!("{:032x}", o.id)),
            _ => V::s(""),
        },
        "iterator_to_array" => a.first().cloned().unwrap_or_default(),
        // ---------------------------------------------------------------- math
        "abs" => match a.first().map(V::to_num) {
            Some(Num::I(i)) => i.checked_abs().map_or(V::Float((i as f64).abs()), V::Int),
            Some(Num::F(f)) => V::Float(f.abs()),
            None => V::Int(0),
        },
        "max" | "min" => {
            let items: Vec<V> = if a.len() == 1 { arr(a, 0).items.iter().map(|(_, v)| v.clone()).collect() } else { a.to_vec() };
            if items.is_empty() {
                return Err(p.throw_error("ValueError", &format!("{name}(): Argument #1 ($value) must contain at least one element")));
            }
            let mut best = items[0].clone();
            for x in &items[1..] {
                let c = loose_cmp(x, &best);
                if name == "max" && c > 0 || name == "min" && c < 0 {
                    best = x.clone();
                }
            }
            best
        }
        "floor" | "ceil" => {
            let f = a.first().map_or(0.0, V::to_float);
            V::Float(if name == "floor" { f.floor() } else { f.ceil() })
        }
        "round" => {
            let f = a.first().map_or(0.0, V::to_float);
            let d = int(a, 1, 0) as i32;
            let m = 10f64.powi(d);
            let r = (f * m).round() / m;
            // Pre-rounding as PHP does for values like 1.005.
            let pre = format!("{:.*}", (15 - f.abs().log10().ceil().max(0.0) as usize).min(20), f * m).parse::<f64>().unwrap_or(f * m);
            V::Float(if d >= 0 { pre.round() / m } else { r })
        }
        "sqrt" => V::Float(a.first().map_or(0.0, V::to_float).sqrt()),
        "pow" => super::ops::arith(p, "**", &a.first().cloned().unwrap_or_default(), &a.get(1).cloned().unwrap_or_default())?,
        "intdiv" => {
            let (x, y) = (int(a, 0, 0), int(a, 1, 1));
            if y == 0 {
                return Err(p.throw_error("DivisionByZeroError", "Division by zero"));
            }
            V::Int(x.checked_div(y).unwrap_or(0))
        }
        "fmod" => V::Float(a.first().map_or(0.0, V::to_float) % a.get(1).map_or(1.0, V::to_float)),
        "pi" => V::Float(std::f64::consts::PI),
        "exp" | "log" | "log10" | "log2" | "sin" | "cos" | "tan" => {
            let f = a.first().map_or(0.0, V::to_float);
            V::Float(match name {
                "exp" => f.exp(),
                "log" => {
                    if a.len() > 1 {
                        f.ln() / a[1].to_float().ln()
                    } else {
                        f.ln()
                    }
                }
                "log10" => f.log10(),
                "log2" => f.log2(),
                "sin" => f.sin(),
                "cos" => f.cos(),
                _ => f.tan(),
            })
        }
        "is_nan" => V::Bool(a.first().map_or(0.0, V::to_float).is_nan()),
        "is_infinite" => V::Bool(a.first().map_or(0.0, V::to_float).is_infinite()),
        "is_finite" => V::Bool(a.first().map_or(0.0, V::to_float).is_finite()),
        "rand" | "mt_rand" | "random_int" => {
            // Deterministic: a simple generator seeded from the clock and the step count.
            let (lo, hi) = if a.len() >= 2 { (int(a, 0, 0), int(a, 1, 0)) } else { (0, 2_147_483_647) };
            if hi < lo {
                return Err(p.throw_error(
                    "ValueError",
                    &format!("{name}(): Argument #2 ($max) must be greater than or equal to argument #1 ($min)"),
                ));
            }
            let x = (p.now as u64).wrapping_mul(6_364_136_223_846_793_005).wrapping_add(p.steps.wrapping_mul(1_442_695_040_888_963_407));
            let span = (hi - lo) as u64 + 1;
            V::Int(lo + ((x >> 17) % span.max(1)) as i64)
        }
        "mt_getrandmax" | "getrandmax" => V::Int(2_147_483_647),
        "array_sum" | "array_product" => {
            let items = want_arr(p, name, a, 0)?;
            let mut acc = if name == "array_sum" { V::Int(0) } else { V::Int(1) };
            for (_, x) in &items.items {
                acc = super::ops::arith(p, if name == "array_sum" { "+" } else { "*" }, &acc, x)?;
            }
            acc
        }
        "range" => {
            let (st, en) = (a.first().cloned().unwrap_or_default(), a.get(1).cloned().unwrap_or_default());
            let step = a.get(2).map_or(1.0, |v| v.to_float().abs());
            if let (V::Str(x), V::Str(y)) = (&st, &en) {
                if x.len() == 1 && y.len() == 1 && !x.as_bytes()[0].is_ascii_digit() {
                    let (c1, c2) = (x.as_bytes()[0], y.as_bytes()[0]);
                    let v: Vec<V> = if c1 <= c2 {
                        (c1..=c2).map(|c| V::s(&(c as char).to_string())).collect()
                    } else {
                        (c2..=c1).rev().map(|c| V::s(&(c as char).to_string())).collect()
                    };
                    return Ok(Some(V::arr(Arr::list(v))));
                }
            }
            let float = matches!(st, V::Float(_)) || matches!(en, V::Float(_)) || step.fract() != 0.0;
            let (x, y) = (st.to_float(), en.to_float());
            if step == 0.0 {
                return Err(p.throw_error("ValueError", "range(): Argument #3 ($step) cannot be 0"));
            }
            let n = ((y - x).abs() / step).floor() as usize + 1;
            if n > 1_000_000 {
                return Err(Flow::Fatal("dockersim: range() of more than 1000000 elements is not simulated".into()));
            }
            let dir = if y >= x { 1.0 } else { -1.0 };
            V::arr(Arr::list(
                (0..n).map(|i| x + dir * step * i as f64).map(|f| if float { V::Float(f) } else { V::Int(f as i64) }).collect(),
            ))
        }
        // ---------------------------------------------------------------- arrays
        "count" | "sizeof" => {
            if let Some(V::Obj(o)) = a.first().map(V::deref) {
                if o.class.find_method("count").is_some() {
                    return Ok(Some(p.call_method(o, "count", vec![])?));
                }
            }
            let x = want_arr(p, name, a, 0)?;
            if int(a, 1, 0) == 1 {
                fn deep(a: &Arr) -> i64 {
                    a.items.iter().map(|(_, v)| 1 + if let V::Arr(x) = v { deep(x) } else { 0 }).sum()
                }
                V::Int(deep(&x))
            } else {
                V::Int(x.len() as i64)
            }
        }
        "array_keys" => {
            let x = want_arr(p, name, a, 0)?;
            let filter = a.get(1).cloned();
            V::arr(Arr::list(
                x.items.iter().filter(|(_, v)| filter.as_ref().is_none_or(|f| loose_cmp(v, f) == 0)).map(|(k, _)| k.to_v()).collect(),
            ))
        }
        "array_values" => V::arr(Arr::list(want_arr(p, name, a, 0)?.items.iter().map(|(_, v)| v.clone()).collect())),
        "array_merge" => {
            let mut out = Arr::default();
            for i in 0..a.len() {
                let x = want_arr(p, name, a, i)?;
                for (k, v) in &x.items {
                    match k {
                        Key::I(_) => out.push(v.clone()),
                        Key::S(_) => out.set(k.clone(), v.clone()),
                    }
                }
            }
            V::arr(out)
        }
        "array_merge_recursive" | "array_replace" => {
            let mut out = (*arr(a, 0)).clone();
            for i in 1..a.len() {
                for (k, v) in &arr(a, i).items {
                    out.set(k.clone(), v.clone());
                }
            }
            V::arr(out)
        }
        "array_combine" => {
            let (k, v) = (arr(a, 0), arr(a, 1));
            let mut out = Arr::default();
            for ((_, kk), (_, vv)) in k.items.iter().zip(v.items.iter()) {
                let key = p.to_key(kk);
                out.set(key, vv.clone());
            }
            V::arr(out)
        }
        "array_flip" => {
            let mut out = Arr::default();
            for (k, v) in &arr(a, 0).items {
                let key = p.to_key(v);
                out.set(key, k.to_v());
            }
            V::arr(out)
        }
        "array_fill" => {
            let (st, n) = (int(a, 0, 0), int(a, 1, 0).clamp(0, 1_000_000));
            let mut out = Arr::default();
            for i in 0..n {
                out.set(Key::I(st + i), a.get(2).cloned().unwrap_or_default());
            }
            V::arr(out)
        }
        "array_fill_keys" => {
            let mut out = Arr::default();
            for (_, k) in &arr(a, 0).items {
                let key = p.to_key(k);
                out.set(key, a.get(1).cloned().unwrap_or_default());
            }
            V::arr(out)
        }
        "array_key_exists" | "key_exists" => {
            let key = p.to_key(&a.first().cloned().unwrap_or_default());
            match a.get(1).map(V::deref) {
                Some(V::Obj(o)) => V::Bool(o.get(&s(p, a, 0)?).is_some()),
                _ => V::Bool(arr(a, 1).get(&key).is_some()),
            }
        }
        "in_array" => {
            let needle = a.first().cloned().unwrap_or_default();
            let strict = a.get(2).is_some_and(V::truthy);
            let hay = want_arr(p, name, a, 1)?;
            V::Bool(hay.items.iter().any(|(_, v)| if strict { strict_eq(v, &needle) } else { loose_cmp(v, &needle) == 0 }))
        }
        "array_search" => {
            let needle = a.first().cloned().unwrap_or_default();
            let strict = a.get(2).is_some_and(V::truthy);
            arr(a, 1)
                .items
                .iter()
                .find(|(_, v)| if strict { strict_eq(v, &needle) } else { loose_cmp(v, &needle) == 0 })
                .map_or(V::Bool(false), |(k, _)| k.to_v())
        }
        "array_key_first" => arr(a, 0).items.first().map_or(V::Null, |(k, _)| k.to_v()),
        "array_key_last" => arr(a, 0).items.last().map_or(V::Null, |(k, _)| k.to_v()),
        "array_reverse" => {
            let x = arr(a, 0);
            let keep = a.get(1).is_some_and(V::truthy);
            let items: Vec<(Key, V)> = x.items.iter().rev().cloned().collect();
            V::arr(if keep { Arr::keyed(items) } else { Arr::reindexed(items) })
        }
        "array_slice" => {
            let x = arr(a, 0);
            let n = x.len() as i64;
            let mut off = int(a, 1, 0);
            if off < 0 {
                off = (n + off).max(0);
            }
            let off = off.min(n);
            let len = match a.get(2) {
                None | Some(V::Null) => n - off,
                Some(l) => {
                    let l = l.to_int();
                    if l < 0 {
                        (n - off + l).max(0)
                    } else {
                        l.min(n - off)
                    }
                }
            };
            let items: Vec<(Key, V)> = x.items[off as usize..(off + len) as usize].to_vec();
            let keep = a.get(3).is_some_and(V::truthy);
            V::arr(if keep { Arr::keyed(items) } else { Arr::reindexed(items) })
        }
        "array_splice" => {
            let x = arr(a, 0);
            let n = x.len() as i64;
            let mut off = int(a, 1, 0);
            if off < 0 {
                off = (n + off).max(0);
            }
            let off = off.min(n) as usize;
            let len = match a.get(2) {
                None | Some(V::Null) => n as usize - off,
                Some(l) => {
                    let l = l.to_int();
                    if l < 0 {
                        (n - off as i64 + l).max(0) as usize
                    } else {
                        (l as usize).min(n as usize - off)
                    }
                }
            };
            let mut items = x.items.clone();
            let repl: Vec<(Key, V)> = match a.get(3) {
                Some(V::Arr(r)) => r.items.iter().map(|(_, v)| (Key::I(0), v.clone())).collect(),
                Some(v) => vec![(Key::I(0), v.clone())],
                None => Vec::new(),
            };
            let removed: Vec<(Key, V)> = items.splice(off..off + len, repl).collect();
            a[0] = V::arr(Arr::reindexed(items));
            V::arr(Arr::reindexed(removed))
        }
        "array_map" => {
            let f = a.first().cloned().unwrap_or_default();
            if a.len() > 2 {
                let lists: Vec<Rc<Arr>> = (1..a.len()).map(|i| arr(a, i)).collect();
                let n = lists.iter().map(|l| l.len()).max().unwrap_or(0);
                let mut out = Vec::new();
                for i in 0..n {
                    let args: Vec<V> = lists.iter().map(|l| l.items.get(i).map(|(_, v)| v.clone()).unwrap_or_default()).collect();
                    out.push(if matches!(f, V::Null) { V::arr(Arr::list(args)) } else { p.call_value(&f, args)? });
                }
                V::arr(Arr::list(out))
            } else {
                let x = want_arr(p, name, a, 1)?;
                let mut out = Arr::default();
                for (k, v) in &x.items {
                    let r = p.call_value(&f, vec![v.clone()])?;
                    out.set(k.clone(), r);
                }
                out.next = x.next;
                if x.is_list() {
                    V::arr(Arr::reindexed(out.items))
                } else {
                    V::arr(out)
                }
            }
        }
        "array_filter" => {
            let x = want_arr(p, name, a, 0)?;
            let f = a.get(1).cloned().filter(|f| !matches!(f, V::Null));
            let mode = int(a, 2, 0);
            let mut out = Arr::default();
            for (k, v) in &x.items {
                let keep = match &f {
                    None => v.truthy(),
                    Some(f) => {
                        let args = match mode {
                            2 => vec![k.to_v()],
                            1 => vec![v.clone(), k.to_v()],
                            _ => vec![v.clone()],
                        };
                        p.call_value(f, args)?.truthy()
                    }
                };
                if keep {
                    out.set(k.clone(), v.clone());
                }
            }
            out.next = x.next;
            V::arr(out)
        }
        "array_reduce" => {
            let x = want_arr(p, name, a, 0)?;
            let f = a.get(1).cloned().unwrap_or_default();
            let mut acc = a.get(2).cloned().unwrap_or_default();
            for (_, v) in &x.items {
                acc = p.call_value(&f, vec![acc, v.clone()])?;
            }
            acc
        }
        "array_walk" => {
            let x = arr(a, 0);
            let f = a.get(1).cloned().unwrap_or_default();
            for (k, v) in &x.items {
                p.call_value(&f, vec![v.clone(), k.to_v()])?;
            }
            V::Bool(true)
        }
        "array_push" => {
            let mut x = (*arr(a, 0)).clone();
            for v in a[1..].iter() {
                x.push(v.clone());
            }
            let n = x.len();
            a[0] = V::arr(x);
            V::Int(n as i64)
        }
        "array_pop" | "array_shift" => {
            let x = arr(a, 0);
            let mut items = x.items.clone();
            let r = if name == "array_pop" {
                items.pop()
            } else if items.is_empty() {
                None
            } else {
                Some(items.remove(0))
            };
            let mut na = if name == "array_shift" { Arr::reindexed(items) } else { Arr { items, next: x.next } };
            if name == "array_pop" {
                na.next = na.items.iter().filter_map(|(k, _)| if let Key::I(i) = k { Some(i + 1) } else { None }).max().unwrap_or(0);
            }
            if !a.is_empty() {
                a[0] = V::arr(na);
            }
            r.map_or(V::Null, |(_, v)| v)
        }
        "array_unshift" => {
            let x = arr(a, 0);
            let mut items: Vec<(Key, V)> = a[1..].iter().map(|v| (Key::I(0), v.clone())).collect();
            items.extend(x.items.iter().cloned());
            let na = Arr::reindexed(items);
            let n = na.len();
            a[0] = V::arr(na);
            V::Int(n as i64)
        }
        "array_unique" => {
            let x = arr(a, 0);
            let mut out = Arr::default();
            let mut seen: Vec<V> = Vec::new();
            for (k, v) in &x.items {
                let vs = V::s(&p.to_str(v)?);
                if !seen.iter().any(|s| strict_eq(s, &vs)) {
                    seen.push(vs);
                    out.set(k.clone(), v.clone());
                }
            }
            V::arr(out)
        }
        "array_count_values" => {
            let mut out = Arr::default();
            for (_, v) in &arr(a, 0).items {
                let k = p.to_key(v);
                let n = out.get(&k).map_or(0, V::to_int);
                out.set(k, V::Int(n + 1));
            }
            V::arr(out)
        }
        "array_column" => {
            let col = a.get(1).cloned().unwrap_or_default();
            let idx = a.get(2).cloned();
            let mut out = Arr::default();
            for (_, row) in &arr(a, 0).items {
                let get = |p: &mut Php, key: &V| -> Option<V> {
                    match row.deref() {
                        V::Arr(r) => {
                            let k = p.to_key(key);
                            r.get(&k).cloned()
                        }
                        V::Obj(o) => o.get(&p.to_str(key).unwrap_or_default()),
                        _ => None,
                    }
                };
                let val = if matches!(col, V::Null) { Some(row.clone()) } else { get(p, &col) };
                if let Some(val) = val {
                    match idx.as_ref().and_then(|i| get(p, i)) {
                        Some(k) => {
                            let key = p.to_key(&k);
                            out.set(key, val);
                        }
                        None => out.push(val),
                    }
                }
            }
            V::arr(out)
        }
        "array_diff" | "array_intersect" | "array_diff_key" | "array_intersect_key" => {
            let x = arr(a, 0);
            let others: Vec<Rc<Arr>> = (1..a.len()).map(|i| arr(a, i)).collect();
            let by_key = name.ends_with("_key");
            let mut out = Arr::default();
            for (k, v) in &x.items {
                let vs = p.to_str(v)?;
                let mut found = false;
                for o in &others {
                    if by_key {
                        found |= o.get(k).is_some();
                    } else {
                        for (_, w) in &o.items {
                            if p.to_str(w)? == vs {
                                found = true;
                            }
                        }
                    }
                }
                if found == name.contains("intersect") {
                    out.set(k.clone(), v.clone());
                }
            }
            V::arr(out)
        }
        "array_chunk" => {
            let n = int(a, 1, 1).max(1) as usize;
            let x = arr(a, 0);
            let keep = a.get(2).is_some_and(V::truthy);
            V::arr(Arr::list(
                x.items
                    .chunks(n)
                    .map(|c| {
                        V::arr(if keep { Arr::keyed(c.iter().cloned()) } else { Arr::list(c.iter().map(|(_, v)| v.clone()).collect()) })
                    })
                    .collect(),
            ))
        }
        "array_pad" => {
            let x = arr(a, 0);
            let n = int(a, 1, 0);
            let mut items: Vec<V> = x.items.iter().map(|(_, v)| v.clone()).collect();
            let fill = a.get(2).cloned().unwrap_or_default();
            while (items.len() as i64) < n.abs() {
                if n > 0 {
                    items.push(fill.clone());
                } else {
                    items.insert(0, fill.clone());
                }
            }
            V::arr(Arr::list(items))
        }
        "array_is_list" => V::Bool(arr(a, 0).is_list()),
        "array_rand" => arr(a, 0).items.first().map_or(V::Null, |(k, _)| k.to_v()),
        "shuffle" => V::Bool(true),
        "current" | "reset" => arr(a, 0).items.first().map_or(V::Bool(false), |(_, v)| v.clone()),
        "end" => arr(a, 0).items.last().map_or(V::Bool(false), |(_, v)| v.clone()),
        "key" => arr(a, 0).items.first().map_or(V::Null, |(k, _)| k.to_v()),
        "sort" | "rsort" | "usort" | "uasort" | "uksort" | "ksort" | "krsort" | "asort" | "arsort" => {
            let x = want_arr(p, name, a, 0)?;
            let mut items = x.items.clone();
            let f = a.get(1).cloned();
            let flags = if name.starts_with('u') { 0 } else { f.as_ref().map_or(0, V::to_int) };
            // A merge sort that can call back into PHP (stable, like PHP 8's sort).
            let by_key = name == "ksort" || name == "krsort" || name == "uksort";
            let mut err = None;
            let mut cmp = |p: &mut Php, x: &(Key, V), y: &(Key, V)| -> i32 {
                if err.is_some() {
                    return 0;
                }
                let (l, r) = if by_key { (x.0.to_v(), y.0.to_v()) } else { (x.1.clone(), y.1.clone()) };
                let c = if name.starts_with('u') {
                    match p.call_value(f.as_ref().unwrap_or(&V::Null), vec![l, r]) {
                        Ok(v) => v.to_int().signum() as i32,
                        Err(e) => {
                            err = Some(e);
                            0
                        }
                    }
                } else if flags == 2 {
                    let (ls, rs) = (p.to_str(&l).unwrap_or_default(), p.to_str(&r).unwrap_or_default());
                    ls.cmp(&rs) as i32
                } else {
                    loose_cmp(&l, &r)
                };
                if matches!(name, "rsort" | "krsort" | "arsort") {
                    -c
                } else {
                    c
                }
            };
            merge_sort(p, &mut items, &mut cmp);
            if let Some(e) = err {
                return Err(e);
            }
            let keep_keys = matches!(name, "uasort" | "uksort" | "ksort" | "krsort" | "asort" | "arsort");
            a[0] = V::arr(if keep_keys { Arr { items, next: x.next } } else { Arr::list(items.into_iter().map(|(_, v)| v).collect()) });
            V::Bool(true)
        }
        // ---------------------------------------------------------------- json
        "json_encode" => {
            let v = a.first().cloned().unwrap_or_default();
            let flags = int(a, 1, 0);
            let mut out = String::new();
            if dump::json_encode(p, &v, flags, 0, &mut out)? {
                V::s(&out)
            } else if flags & dump::JSON_THROW_ON_ERROR != 0 {
                return Err(p.throw_error("JsonException", "Inf and NaN cannot be JSON encoded"));
            } else {
                V::Bool(false)
            }
        }
        "json_decode" => {
            let t = s(p, a, 0)?;
            let assoc = a.get(1).is_some_and(V::truthy);
            match dump::json_decode(p, &t, assoc)? {
                Some(v) => {
                    p.json_error = 0;
                    v
                }
                None => {
                    p.json_error = 4;
                    if int(a, 3, 0) & dump::JSON_THROW_ON_ERROR != 0 {
                        return Err(p.throw_error("JsonException", "Syntax error"));
                    }
                    V::Null
                }
            }
        }
        "json_last_error" => V::Int(p.json_error),
        "json_last_error_msg" => V::s(if p.json_error == 0 { "No error" } else { "Syntax error" }),
        // ---------------------------------------------------------------- functions
        "call_user_func" => {
            let f = a.first().cloned().unwrap_or_default();
            p.call_value(&f, a[1..].to_vec())?
        }
        "call_user_func_array" => {
            let f = a.first().cloned().unwrap_or_default();
            let args = arr(a, 1).items.iter().map(|(_, v)| v.clone()).collect();
            p.call_value(&f, args)?
        }
        "func_num_args" => V::Int(0),
        "is_countable" => V::Bool(matches!(a.first().map(V::deref), Some(V::Arr(_)))),
        "define" => {
            let n = s(p, a, 0)?;
            p.consts.insert(n, a.get(1).cloned().unwrap_or_default());
            V::Bool(true)
        }
        "defined" => {
            let n = s(p, a, 0)?;
            V::Bool(p.consts.contains_key(&n))
        }
        "constant" => {
            let n = s(p, a, 0)?;
            match p.consts.get(&n).cloned().or_else(|| constant(p, &n)) {
                Some(v) => v,
                None => return Err(p.throw_error("Error", &format!("Undefined constant \"{n}\""))),
            }
        }
        // ---------------------------------------------------------------- environment
        "getenv" => {
            if a.is_empty() {
                let mut out = Arr::default();
                for (k, v) in &p.env {
                    out.set(Key::of_str(k), V::s(v));
                }
                V::arr(out)
            } else {
                let k = s(p, a, 0)?;
                p.env.get(&k).map_or(V::Bool(false), |v| V::s(v))
            }
        }
        "putenv" => {
            let kv = s(p, a, 0)?;
            if let Some((k, v)) = kv.split_once('=') {
                p.env.insert(k.into(), v.into());
            }
            V::Bool(true)
        }
        "gethostname" => V::s(&p.hostname.clone()),
        "phpversion" => {
            if a.is_empty() {
                V::s(&p.version.clone())
            } else {
                V::Bool(false)
            }
        }
        "php_sapi_name" => V::s(&p.sapi.clone()),
        "php_uname" => V::s(&match s(p, a, 0)?.as_str() {
            "n" => p.hostname.clone(),
            "s" => "Linux".into(),
            "m" => "x86_64".into(),
            "r" => crate::apps::KERNEL.into(),
            "v" => crate::apps::KERNEL_VERSION.into(),
            _ => format!("Linux {} {} {} x86_64", p.hostname, crate::apps::KERNEL, crate::apps::KERNEL_VERSION),
        }),
        "getmypid" => V::Int(1),
        "memory_get_usage" | "memory_get_peak_usage" => V::Int(2_097_152),
        "extension_loaded" => {
            let name = s(p, a, 0)?;
            V::Bool(super::has_extension(&p.modules, &name))
        }
        "get_loaded_extensions" => V::arr(Arr::list(p.modules.iter().map(|m| V::s(m)).collect())),
        "ini_get" => {
            let n = s(p, a, 0)?;
            p.ini.get(&n).map_or(V::Bool(false), V::s)
        }
        "ini_set" | "ini_alter" => {
            let n = s(p, a, 0)?;
            let v = match a.get(1) {
                Some(V::Bool(b)) => if *b { "1" } else { "" }.to_string(),
                Some(v) => p.to_str(v)?,
                None => String::new(),
            };
            match p.ini.values.get(&n).cloned() {
                Some(old) => {
                    match n.as_str() {
                        "display_errors" => p.display_errors = !matches!(v.to_ascii_lowercase().as_str(), "" | "0" | "off" | "false"),
                        "log_errors" => p.log_errors = !matches!(v.to_ascii_lowercase().as_str(), "" | "0" | "off" | "false"),
                        _ => {}
                    }
                    p.ini.values.insert(n, v);
                    V::s(&old)
                }
                None => V::Bool(false),
            }
        }
        "ini_restore" => {
            let n = s(p, a, 0)?;
            if let Some(m) = p.ini.master.get(&n).cloned() {
                p.ini.values.insert(n, m);
            }
            V::Null
        }
        "phpinfo" => {
            let what = a.first().map_or(4294967295, |v| v.to_int());
            let text = super::info::render(p, what);
            p.echo(&text);
            V::Bool(true)
        }
        "sys_get_temp_dir" => V::s("/tmp"),
        "getcwd" => V::s(&p.cwd.clone()),
        "file_exists" | "is_file" | "is_dir" | "is_readable" => {
            let raw0 = s(p, a, 0)?;
            let path = p.resolve(&raw0);
            let exists = p.written.contains_key(&path) || p.fs.read(&path).is_ok() || name != "is_file" && p.fs.get(&path).is_ok();
            V::Bool(match name {
                "is_dir" => p.fs.read(&path).is_err() && p.fs.get(&path).is_ok(),
                _ => exists,
            })
        }
        "file_get_contents" => {
            let raw = s(p, a, 0)?;
            if raw == "php://input" {
                return Ok(Some(V::s(&p.body.clone())));
            }
            if raw.starts_with("http://") || raw.starts_with("https://") {
                return Err(Flow::Fatal(format!("dockersim: PHP file_get_contents(\"{raw}\") over the network is not simulated")));
            }
            let path = p.resolve(&raw);
            match p.read_file(&path) {
                Some(b) => V::s(&String::from_utf8_lossy(&b)),
                None => {
                    p.warn("Warning", &format!("file_get_contents({raw}): Failed to open stream: No such file or directory"));
                    V::Bool(false)
                }
            }
        }
        "file" => {
            let raw = s(p, a, 0)?;
            let path = p.resolve(&raw);
            match p.read_file(&path) {
                Some(b) => {
                    let t = String::from_utf8_lossy(&b).into_owned();
                    let strip = int(a, 1, 0) & 2 != 0;
                    let skip = int(a, 1, 0) & 4 != 0;
                    let lines: Vec<V> = t
                        .split_inclusive('\n')
                        .map(|l| if strip { l.trim_end_matches('\n') } else { l })
                        .filter(|l| !skip || !l.is_empty())
                        .map(V::s)
                        .collect();
                    V::arr(Arr::list(lines))
                }
                None => {
                    p.warn("Warning", &format!("file({raw}): Failed to open stream: No such file or directory"));
                    V::Bool(false)
                }
            }
        }
        "file_put_contents" => {
            let raw0 = s(p, a, 0)?;
            let path = p.resolve(&raw0);
            let data = match a.get(1).map(V::deref) {
                Some(V::Arr(x)) => {
                    let mut t = String::new();
                    for (_, v) in &x.items {
                        t.push_str(&p.to_str(v)?);
                    }
                    t
                }
                _ => s(p, a, 1)?,
            };
            let n = data.len();
            let mut bytes = if int(a, 2, 0) & 8 != 0 { p.read_file(&path).unwrap_or_default() } else { Vec::new() };
            bytes.extend_from_slice(data.as_bytes());
            p.written.insert(path, bytes);
            V::Int(n as i64)
        }
        "basename" => {
            let t = s(p, a, 0)?;
            let b = t.trim_end_matches('/').rsplit('/').next().unwrap_or("").to_string();
            let suf = s(p, a, 1)?;
            V::s(if !suf.is_empty() && b.ends_with(&suf) && b != suf { &b[..b.len() - suf.len()] } else { &b })
        }
        "dirname" => {
            let t = s(p, a, 0)?;
            V::s(match t.trim_end_matches('/').rsplit_once('/') {
                Some(("", _)) => "/",
                Some((d, _)) => d,
                None => ".",
            })
        }
        "pathinfo" => {
            let t = s(p, a, 0)?;
            let mut out = Arr::default();
            let (dir, base) = t
                .rsplit_once('/')
                .map_or((".".to_string(), t.clone()), |(d, b)| (if d.is_empty() { "/".into() } else { d.into() }, b.into()));
            if t.contains('/') {
                out.set(Key::S("dirname".into()), V::s(&dir));
            }
            out.set(Key::S("basename".into()), V::s(&base));
            if let Some((f, e)) = base.rsplit_once('.') {
                out.set(Key::S("extension".into()), V::s(e));
                out.set(Key::S("filename".into()), V::s(f));
            } else {
                out.set(Key::S("filename".into()), V::s(&base));
            }
            V::arr(out)
        }
        "realpath" => {
            let r = s(p, a, 0)?;
            V::s(&p.resolve(&r))
        }
        "mkdir" | "touch" | "unlink" | "chmod" => V::Bool(true),
        // ---------------------------------------------------------------- time
        "time" => V::Int(p.now),
        "microtime" => {
            if a.first().is_some_and(V::truthy) {
                V::Float(p.now as f64)
            } else {
                V::s(&format!("0.00000000 {}", p.now))
            }
        }
        "hrtime" => V::Int(p.now.saturating_mul(1_000_000_000)),
        "date" | "gmdate" => {
            let f = s(p, a, 0)?;
            let t = a.get(1).filter(|v| !matches!(v, V::Null)).map_or(p.now, V::to_int);
            V::s(&date(&f, t))
        }
        "mktime" | "gmmktime" => {
            let (y, mo, d, h, mi, se) = crate::time::civil(p.now);
            let g = |i: usize, d: i64| a.get(i).map_or(d, V::to_int);
            let (hh, mm, ss, mon, day, yr) = (g(0, h as i64), g(1, mi as i64), g(2, se as i64), g(3, mo as i64), g(4, d as i64), g(5, y));
            let base = crate::time::unix_from_civil(yr, 1, 1, 0, 0, 0);
            let _ = base;
            let t = crate::time::unix_from_civil(yr, mon.clamp(1, 12) as u32, 1, 0, 0, 0) + (day - 1) * 86400 + hh * 3600 + mm * 60 + ss;
            V::Int(t)
        }
        "strtotime" => {
            let t = s(p, a, 0)?;
            match t.as_str() {
                "now" | "" => V::Int(p.now),
                "tomorrow" => V::Int((p.now / 86400 + 1) * 86400),
                "yesterday" => V::Int((p.now / 86400 - 1) * 86400),
                "today" | "midnight" => V::Int(p.now / 86400 * 86400),
                _ => {
                    let b = t.as_bytes();
                    if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
                        let y = t[0..4].parse().unwrap_or(1970);
                        let m = t[5..7].parse().unwrap_or(1);
                        let d = t[8..10].parse().unwrap_or(1);
                        let (mut hh, mut mm, mut ss) = (0, 0, 0);
                        if b.len() >= 19 {
                            hh = t[11..13].parse().unwrap_or(0);
                            mm = t[14..16].parse().unwrap_or(0);
                            ss = t[17..19].parse().unwrap_or(0);
                        }
                        V::Int(crate::time::unix_from_civil(y, m, d, hh, mm, ss))
                    } else if let Some(rest) = t.strip_prefix('+').or(Some(&t)) {
                        let parts: Vec<&str> = rest.split_whitespace().collect();
                        match (parts.first().and_then(|n| n.parse::<i64>().ok()), parts.get(1)) {
                            (Some(n), Some(u)) => {
                                let u = u.trim_end_matches('s');
                                let secs = match u {
                                    "second" | "sec" => 1,
                                    "minute" | "min" => 60,
                                    "hour" => 3600,
                                    "day" => 86400,
                                    "week" => 604_800,
                                    _ => return Ok(Some(V::Bool(false))),
                                };
                                V::Int(p.now + n * secs)
                            }
                            _ => V::Bool(false),
                        }
                    } else {
                        V::Bool(false)
                    }
                }
            }
        }
        "checkdate" => {
            let (m, d, y) = (int(a, 0, 0), int(a, 1, 0), int(a, 2, 0));
            V::Bool((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m as u32) as i64)
        }
        "date_default_timezone_get" => V::s("UTC"),
        // ---------------------------------------------------------------- regex
        "preg_match" | "preg_match_all" | "preg_replace" | "preg_split" | "preg_quote" | "preg_replace_callback" | "preg_grep" => {
            return super::preg::call(p, name, a).map(Some);
        }
        "filter_var" => {
            let v = s(p, a, 0)?;
            match int(a, 1, 516) {
                257 => v.trim().parse::<i64>().map_or(V::Bool(false), V::Int),
                274 => {
                    let ok = v.split_once('@').is_some_and(|(l, d)| {
                        !l.is_empty() && d.contains('.') && !d.starts_with('.') && !d.ends_with('.') && !v.contains(' ')
                    });
                    if ok {
                        V::s(&v)
                    } else {
                        V::Bool(false)
                    }
                }
                258 => match v.to_ascii_lowercase().as_str() {
                    "1" | "true" | "on" | "yes" => V::Bool(true),
                    "0" | "false" | "off" | "no" | "" => V::Bool(false),
                    _ => V::Null,
                },
                _ => V::s(&v),
            }
        }
        "password_hash" => V::s(&format!("$2y$10${}", &sha1_hex(s(p, a, 0)?.as_bytes())[..40])),
        "password_verify" => {
            let (pw, h) = (s(p, a, 0)?, s(p, a, 1)?);
            V::Bool(h == format!("$2y$10${}", &sha1_hex(pw.as_bytes())[..40]))
        }
        "random_bytes" => V::s(&"\u{1}".repeat(int(a, 0, 0).clamp(0, 4096) as usize)),
        "__dockersim_mysql" => return super::db::native_mysql(p, a).map(Some),
        "__dockersim_mysql_bind" => return super::db::native_bind(p, a).map(Some),
        "__dockersim_mysql_escape" => V::s(&super::db::escape(&s(p, a, 0)?)),
        "__dockersim_warn" => {
            let msg = s(p, a, 0)?;
            p.warn("Warning", &msg);
            V::Null
        }
        "__dockersim_not_simulated" => {
            let what = s(p, a, 0)?;
            return Err(Flow::Fatal(format!("dockersim: PHP {what} is not simulated")));
        }
        "pg_connect" | "curl_init" | "mail" | "socket_create" | "fsockopen" | "exec" | "shell_exec" | "system" | "passthru"
        | "proc_open" | "popen" => {
            return Err(Flow::Fatal(format!("dockersim: PHP {name}() is not simulated")));
        }
        _ => return Ok(None),
    };
    Ok(Some(v))
}

pub const MODULES: &[&str] = &[
    "Core",
    "ctype",
    "curl",
    "date",
    "dom",
    "fileinfo",
    "filter",
    "hash",
    "iconv",
    "json",
    "libxml",
    "mbstring",
    "mysqlnd",
    "openssl",
    "pcre",
    "PDO",
    "pdo_sqlite",
    "Phar",
    "posix",
    "random",
    "readline",
    "Reflection",
    "session",
    "SimpleXML",
    "sodium",
    "SPL",
    "sqlite3",
    "standard",
    "tokenizer",
    "xml",
    "xmlreader",
    "xmlwriter",
    "zlib",
];

fn is_builtin(name: &str) -> bool {
    matches!(
        name,
        "strlen"
            | "count"
            | "implode"
            | "explode"
            | "str_replace"
            | "strtoupper"
            | "strtolower"
            | "ucfirst"
            | "trim"
            | "sprintf"
            | "printf"
            | "array_map"
            | "array_filter"
            | "in_array"
            | "array_keys"
            | "array_values"
            | "json_encode"
            | "json_decode"
            | "var_dump"
            | "print_r"
            | "is_array"
            | "is_string"
            | "is_int"
            | "intval"
            | "strrev"
            | "date"
            | "time"
            | "abs"
            | "max"
            | "min"
            | "array_sum"
            | "htmlspecialchars"
    )
}

type Entry = (Key, V);

fn merge_sort(p: &mut Php, items: &mut Vec<Entry>, cmp: &mut dyn FnMut(&mut Php, &Entry, &Entry) -> i32) {
    if items.len() <= 1 {
        return;
    }
    let mut right = items.split_off(items.len() / 2);
    merge_sort(p, items, cmp);
    merge_sort(p, &mut right, cmp);
    let left = std::mem::take(items);
    let (mut i, mut j) = (0, 0);
    while i < left.len() && j < right.len() {
        if cmp(p, &left[i], &right[j]) <= 0 {
            items.push(left[i].clone());
            i += 1;
        } else {
            items.push(right[j].clone());
            j += 1;
        }
    }
    items.extend_from_slice(&left[i..]);
    items.extend_from_slice(&right[j..]);
}

fn char_mask(m: &str) -> Vec<char> {
    let c: Vec<char> = m.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if i + 3 < c.len() + 1 && i + 3 <= c.len() && c.get(i + 1) == Some(&'.') && c.get(i + 2) == Some(&'.') && i + 3 < c.len() {
            for x in c[i]..=c[i + 3] {
                out.push(x);
            }
            i += 4;
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

fn url_decode(s: &str, plus: bool) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' if plus => out.push(b' '),
            b'%' if b.len() > i + 2 && b[i + 1].is_ascii_hexdigit() && b[i + 2].is_ascii_hexdigit() => {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap_or(b'?'));
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub fn number_format(f: f64, d: usize, dp: &str, ts: &str) -> String {
    let r = format!("{:.*}", d, round_half_up(f.abs(), d));
    let (int_part, frac) = r.split_once('.').unwrap_or((&r, ""));
    let mut grouped = String::new();
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push_str(ts);
        }
        grouped.push(c);
    }
    let neg = f < 0.0 && r.chars().any(|c| c.is_ascii_digit() && c != '0');
    let mut out = if neg { format!("-{grouped}") } else { grouped };
    if d > 0 {
        out.push_str(dp);
        out.push_str(frac);
    }
    out
}

fn round_half_up(f: f64, d: usize) -> f64 {
    let m = 10f64.powi(d as i32);
    let x = f * m;
    let pre: f64 = format!("{:.9}", x).parse().unwrap_or(x);
    pre.round() / m
}

/// sprintf's conversions: %s %d %f %.2f %5s %-5s %05d %x %o %b %c %e %u %%, positional %1$s.
pub fn sprintf(p: &mut Php, a: &[V]) -> R<String> {
    let f = s(p, a, 0)?;
    let mut out = String::new();
    let chars: Vec<char> = f.chars().collect();
    let mut i = 0;
    let mut argi = 1;
    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        if chars.get(i) == Some(&'%') {
            out.push('%');
            i += 1;
            continue;
        }
        // Position.
        let mut j = i;
        while j < chars.len() && chars[j].is_ascii_digit() {
            j += 1;
        }
        let mut pos = None;
        if j > i && chars.get(j) == Some(&'$') {
            pos = chars[i..j].iter().collect::<String>().parse::<usize>().ok();
            i = j + 1;
        }
        let mut left = false;
        let mut plus = false;
        let mut pad = ' ';
        loop {
            match chars.get(i) {
                Some('-') => left = true,
                Some('+') => plus = true,
                Some('0') => pad = '0',
                Some(' ') => pad = ' ',
                Some('\'') => {
                    i += 1;
                    pad = chars.get(i).copied().unwrap_or(' ');
                }
                _ => break,
            }
            i += 1;
        }
        let mut width = 0usize;
        while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
            width = width * 10 + d as usize;
            i += 1;
        }
        let mut prec = None;
        if chars.get(i) == Some(&'.') {
            i += 1;
            let mut pr = 0;
            while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
                pr = pr * 10 + d as usize;
                i += 1;
            }
            prec = Some(pr);
        }
        let Some(&conv) = chars.get(i) else { break };
        i += 1;
        let idx = match pos {
            Some(n) => n,
            None => {
                argi += 1;
                argi - 1
            }
        };
        let Some(arg) = a.get(idx).cloned() else {
            let msg = format!("{} arguments are required, {} given", idx + 1, a.len());
            return Err(p.throw_error("ArgumentCountError", &msg));
        };
        let mut body = match conv {
            's' => {
                let t = p.to_str(&arg)?;
                match prec {
                    Some(n) => t.chars().take(n).collect(),
                    None => t,
                }
            }
            'd' | 'i' => {
                let n = arg.to_int();
                if plus && n >= 0 {
                    format!("+{n}")
                } else {
                    n.to_string()
                }
            }
            'u' => (arg.to_int() as u64).to_string(),
            'f' | 'F' => {
                let v = arg.to_float();
                let t = format!("{:.*}", prec.unwrap_or(6), round_half_up_p(v, prec.unwrap_or(6)));
                if plus && v >= 0.0 {
                    format!("+{t}")
                } else {
                    t
                }
            }
            'e' | 'E' => {
                let v = arg.to_float();
                let t = format!("{:.*e}", prec.unwrap_or(6), v);
                let (m, e) = t.split_once('e').unwrap_or((&t, "0"));
                let e: i32 = e.parse().unwrap_or(0);
                let t = format!("{m}{}{}{}", if conv == 'e' { 'e' } else { 'E' }, if e < 0 { '-' } else { '+' }, e.abs());
                t
            }
            'g' | 'G' => fmt_float(arg.to_float(), prec.unwrap_or(6).max(1), if conv == 'g' { 'e' } else { 'E' }),
            'x' => format!("{:x}", arg.to_int()),
            'X' => format!("{:X}", arg.to_int()),
            'o' => format!("{:o}", arg.to_int()),
            'b' => format!("{:b}", arg.to_int()),
            'c' => String::from_utf8_lossy(&[arg.to_int() as u8]).into_owned(),
            other => {
                let msg = format!("Unknown format specifier \"{other}\"");
                return Err(p.throw_error("ValueError", &msg));
            }
        };
        let len = body.chars().count();
        if width > len {
            let fill: String = std::iter::repeat_n(pad, width - len).collect();
            if left {
                if pad == '0' {
                    body.push_str(&" ".repeat(width - len));
                } else {
                    body.push_str(&fill);
                }
            } else if pad == '0' && (body.starts_with('-') || body.starts_with('+')) && matches!(conv, 'd' | 'f' | 'F' | 'e' | 'i') {
                let sign = body.remove(0);
                body = format!("{sign}{fill}{body}");
            } else {
                body = format!("{fill}{body}");
            }
        }
        out.push_str(&body);
    }
    Ok(out)
}

fn round_half_up_p(f: f64, d: usize) -> f64 {
    let r = round_half_up(f.abs(), d);
    if f < 0.0 {
        -r
    } else {
        r
    }
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) {
                29
            } else {
                28
            }
        }
    }
}

/// PHP's date() in UTC (the image's default timezone).
pub fn date(f: &str, t: i64) -> String {
    let (y, mo, d, h, mi, s) = crate::time::civil(t);
    let days = t.div_euclid(86400);
    let wd = (days + 4).rem_euclid(7) as usize;
    const DAYS: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    const MONTHS: [&str; 12] =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    let month = MONTHS[(mo as usize).clamp(1, 12) - 1];
    let yday = (1..mo).map(|m| days_in_month(y, m)).sum::<u32>() + d - 1;
    let mut out = String::new();
    let mut esc = false;
    for c in f.chars() {
        if esc {
            out.push(c);
            esc = false;
            continue;
        }
        match c {
            '\\' => esc = true,
            'd' => out.push_str(&format!("{d:02}")),
            'j' => out.push_str(&d.to_string()),
            'D' => out.push_str(&DAYS[wd][..3]),
            'l' => out.push_str(DAYS[wd]),
            'N' => out.push_str(&(if wd == 0 { 7 } else { wd }).to_string()),
            'w' => out.push_str(&wd.to_string()),
            'z' => out.push_str(&yday.to_string()),
            'S' => out.push_str(match d {
                1 | 21 | 31 => "st",
                2 | 22 => "nd",
                3 | 23 => "rd",
                _ => "th",
            }),
            'm' => out.push_str(&format!("{mo:02}")),
            'n' => out.push_str(&mo.to_string()),
            'M' => out.push_str(&month[..3]),
            'F' => out.push_str(month),
            't' => out.push_str(&days_in_month(y, mo).to_string()),
            'L' => out.push_str(if days_in_month(y, 2) == 29 { "1" } else { "0" }),
            'Y' => out.push_str(&y.to_string()),
            'y' => out.push_str(&format!("{:02}", y.rem_euclid(100))),
            'a' => out.push_str(if h < 12 { "am" } else { "pm" }),
            'A' => out.push_str(if h < 12 { "AM" } else { "PM" }),
            'g' => out.push_str(&(if h % 12 == 0 { 12 } else { h % 12 }).to_string()),
            'G' => out.push_str(&h.to_string()),
            'h' => out.push_str(&format!("{:02}", if h % 12 == 0 { 12 } else { h % 12 })),
            'H' => out.push_str(&format!("{h:02}")),
            'i' => out.push_str(&format!("{mi:02}")),
            's' => out.push_str(&format!("{s:02}")),
            'u' => out.push_str("000000"),
            'v' => out.push_str("000"),
            'e' => out.push_str("UTC"),
            'T' => out.push_str("UTC"),
            'P' => out.push_str("+00:00"),
            'p' => out.push('Z'),
            'O' => out.push_str("+0000"),
            'Z' => out.push('0'),
            'I' => out.push('0'),
            'U' => out.push_str(&t.to_string()),
            'c' => out.push_str(&format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}+00:00")),
            'r' => out.push_str(&format!("{}, {d:02} {} {y:04} {h:02}:{mi:02}:{s:02} +0000", &DAYS[wd][..3], &month[..3])),
            other => out.push(other),
        }
    }
    out
}

fn md5_hex(b: &[u8]) -> String {
    crate::digest::hex(&crate::digest::md5(b))
}

fn sha1_hex(b: &[u8]) -> String {
    crate::digest::hex(&crate::digest::sha1(b))
}

/// Decodes a query-string component (`+` is a space).
pub fn call_decode(s: &str) -> String {
    url_decode(s, true)
}

/// htmlspecialchars with `flags` (ENT_COMPAT 2: double quotes; ENT_QUOTES 3: single ones too).
pub fn html_escape(t: &str, flags: i64) -> String {
    let mut out = String::new();
    for c in t.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if flags & 2 != 0 => out.push_str("&quot;"),
            '\'' if flags & 3 == 3 => out.push_str("&#039;"),
            c => out.push(c),
        }
    }
    out
}
