//! Line and field tools: seq, cut, paste, nl, rev, tr, column, split,
//! xargs, base64 — GNU's behaviour and messages, BusyBox's where they differ.

use super::bytes::{bounded, open};
use super::{fail, q, Prog};
use crate::shell::interp::{Flow, Shell, OUTPUT_LIMIT};
use crate::vfs::Content;

type Out = Result<Option<i32>, Flow>;

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    let args = &argv[1..];
    match prog.name.as_str() {
        "seq" => seq(sh, prog, args),
        "cut" => cut(sh, prog, args),
        "paste" => paste(sh, prog, args),
        "nl" => nl(sh, prog, args),
        "rev" => rev(sh, prog, args),
        "tr" => tr(sh, prog, args),
        "column" => column(sh, prog, args),
        "split" => split(sh, prog, args),
        "xargs" => xargs(sh, prog, args),
        "base64" => base64(sh, prog, args),
        _ => Ok(None),
    }
}

fn try_help(prog: &Prog) -> String {
    format!("\nTry '{} --help' for more information.", prog.name)
}

/// An option's value: attached (`-d:`) or the next argument.
fn value(args: &[String], i: &mut usize, attached: &str) -> Option<String> {
    if !attached.is_empty() {
        return Some(attached.to_string());
    }
    *i += 1;
    args.get(*i).cloned()
}

/// The input text of the operand files (or stdin), or the status to exit with.
fn text_of(sh: &mut Shell, prog: &Prog, files: &[String]) -> Result<Result<String, i32>, Flow> {
    let files: Vec<String> = if files.is_empty() { vec!["-".into()] } else { files.to_vec() };
    let mut text = String::new();
    let mut status = 0;
    for f in &files {
        match open(sh, f) {
            Ok(c) => text.push_str(&String::from_utf8_lossy(&bounded(sh, &c)?)),
            Err(e) => {
                let msg = if prog.busybox { format!("can't open {}: {}", q(f), e.reason()) } else { format!("{f}: {}", e.reason()) };
                fail(sh, prog, &msg, 1)?;
                status = 1;
            }
        }
    }
    Ok(if status == 0 || !text.is_empty() { Ok(text) } else { Err(status) })
}

/// Decimal places written in a number (`0.25` → 2; `1e3` → 0).
fn decimals(s: &str) -> usize {
    if s.contains(['e', 'E']) {
        return 0;
    }
    s.split_once('.').map_or(0, |(_, d)| d.len())
}

/// printf-style `%[flags][width][.prec]{f,g,e}` of `v`.
fn format_float(spec: &str, v: f64) -> String {
    let conv = spec.chars().last().unwrap_or('g');
    let body = &spec[..spec.len() - conv.len_utf8()];
    let (flags, rest) = body.split_at(body.find(|c: char| !"-+ 0#".contains(c)).unwrap_or(body.len()));
    let (width, prec) = match rest.split_once('.') {
        Some((w, p)) => (w.parse().unwrap_or(0), Some(p.parse().unwrap_or(0))),
        None => (rest.parse().unwrap_or(0), None),
    };
    let s = match conv {
        'f' | 'F' => format!("{v:.*}", prec.unwrap_or(6)),
        'e' | 'E' => {
            let p = prec.unwrap_or(6);
            let s = format!("{v:.p$e}");
            let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
            let e: i32 = e.parse().unwrap_or(0);
            let s = format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
            if conv == 'E' {
                s.to_uppercase()
            } else {
                s
            }
        }
        _ => {
            let p = prec.unwrap_or(6).max(1);
            if v == 0.0 {
                "0".to_string()
            } else {
                let exp = v.abs().log10().floor() as i32;
                if exp < -4 || exp >= p as i32 {
                    let s = format!("{v:.*e}", p - 1);
                    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
                    let m = if m.contains('.') { m.trim_end_matches('0').trim_end_matches('.') } else { m };
                    let e: i32 = e.parse().unwrap_or(0);
                    format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
                } else {
                    let d = (p as i32 - 1 - exp).max(0) as usize;
                    let s = format!("{v:.d$}");
                    if s.contains('.') {
                        s.trim_end_matches('0').trim_end_matches('.').to_string()
                    } else {
                        s
                    }
                }
            }
        }
    };
    let s = if flags.contains('+') && v >= 0.0 { format!("+{s}") } else { s };
    if s.len() >= width {
        s
    } else if flags.contains('-') {
        format!("{s:<width$}")
    } else if flags.contains('0') {
        let (sign, digits) = if s.starts_with(['-', '+']) { s.split_at(1) } else { ("", s.as_str()) };
        format!("{sign}{digits:0>w$}", w = width - sign.len())
    } else {
        format!("{s:>width$}")
    }
}

fn seq(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let (mut sep, mut equal, mut fmt) = ("\n".to_string(), false, None::<String>);
    let mut nums: Vec<String> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let is_num = a.parse::<f64>().is_ok();
        if a.starts_with('-') && a.len() > 1 && !is_num {
            let flag = &a[1..2];
            let rest = &a[2..];
            match flag {
                "s" => sep = value(args, &mut i, rest).unwrap_or_default(),
                "w" => equal = true,
                "f" if !prog.busybox => fmt = value(args, &mut i, rest),
                _ => {
                    let msg = if prog.busybox {
                        format!("invalid option -- '{flag}'")
                    } else {
                        format!("invalid option -- '{flag}'{}", try_help(prog))
                    };
                    return fail(sh, prog, &msg, 1);
                }
            }
        } else {
            nums.push(a.to_string());
        }
        i += 1;
    }
    if nums.is_empty() || nums.len() > 3 {
        let msg = if nums.is_empty() {
            format!("missing operand{}", try_help(prog))
        } else {
            format!("extra operand {}{}", q(&nums[3]), try_help(prog))
        };
        return fail(sh, prog, &msg, 1);
    }
    let mut vals = Vec::new();
    for n in &nums {
        match n.parse::<f64>() {
            Ok(v) if v.is_finite() => vals.push(v),
            _ => {
                let msg = if prog.busybox {
                    format!("invalid number {}", q(n))
                } else {
                    format!("invalid floating point argument: {}{}", q(n), try_help(prog))
                };
                return fail(sh, prog, &msg, 1);
            }
        }
    }
    let (first, step, last) = match vals.as_slice() {
        [l] => (1.0, 1.0, *l),
        [f, l] => (*f, 1.0, *l),
        [f, s, l] => (*f, *s, *l),
        _ => unreachable!("1 to 3 operands"),
    };
    if step == 0.0 {
        return fail(sh, prog, &format!("invalid Zero increment value: {}{}", q(&nums[1]), try_help(prog)), 1);
    }
    let prec = match nums.len() {
        1 => 0,
        2 => decimals(&nums[0]),
        _ => decimals(&nums[0]).max(decimals(&nums[1])),
    };
    let plain = |v: f64| format!("{v:.prec$}");
    let width = if equal { plain(first).len().max(plain(last).len()) } else { 0 };
    let mut out = String::new();
    let mut k = 0u64;
    loop {
        let v = first + step * k as f64;
        if (step > 0.0 && v > last + 1e-10 * step.abs()) || (step < 0.0 && v < last - 1e-10 * step.abs()) {
            break;
        }
        if k > 0 {
            out.push_str(&sep);
        }
        let text = match &fmt {
            Some(f) => {
                let start = f.find('%').unwrap_or(f.len());
                let end = f[start + 1..].find(|c: char| c.is_ascii_alphabetic()).map_or(f.len(), |e| start + 2 + e);
                format!("{}{}{}", &f[..start], format_float(&f[start + 1..end.min(f.len())], v), &f[end.min(f.len())..])
            }
            None if equal => {
                let s = plain(v);
                let (sign, digits) = if s.starts_with('-') { s.split_at(1) } else { ("", s.as_str()) };
                format!("{sign}{digits:0>w$}", w = width - sign.len())
            }
            None => plain(v),
        };
        out.push_str(&text);
        k += 1;
        if out.len() > OUTPUT_LIMIT {
            break;
        }
    }
    if k > 0 {
        out.push('\n');
    }
    sh.out_str(&out)?;
    Ok(Some(0))
}

/// A cut list: 1-based inclusive ranges.
fn parse_list(spec: &str) -> Option<Vec<(usize, usize)>> {
    let mut out = Vec::new();
    for r in spec.split([',', ' ']) {
        let (a, b) = match r.split_once('-') {
            Some(("", "")) => return None,
            Some((a, b)) => (if a.is_empty() { 1 } else { a.parse().ok()? }, if b.is_empty() { usize::MAX } else { b.parse().ok()? }),
            None => {
                let n = r.parse().ok()?;
                (n, n)
            }
        };
        if a == 0 || b < a {
            return None;
        }
        out.push((a, b));
    }
    Some(out)
}

fn cut(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let (mut mode, mut list, mut delim, mut only, mut complement, mut out_delim) =
        (' ', String::new(), None::<String>, false, false, None::<String>);
    let mut files = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        if a == "--complement" && !prog.busybox {
            complement = true;
        } else if let Some(d) = a.strip_prefix("--output-delimiter=") {
            out_delim = Some(d.to_string());
        } else if a.starts_with("--") && a.len() > 2 {
            let msg = format!("unrecognized option {}{}", q(a), if prog.busybox { String::new() } else { try_help(prog) });
            return fail(sh, prog, &msg, 1);
        } else if a.starts_with('-') && a.len() > 1 {
            let flag = a.as_bytes()[1];
            let rest = &a[2..];
            match flag {
                b'b' | b'c' | b'f' => {
                    mode = flag as char;
                    list = value(args, &mut i, rest).unwrap_or_default();
                }
                b'd' => delim = value(args, &mut i, rest),
                b's' => only = true,
                b'n' => {}
                _ => {
                    let msg = if prog.busybox {
                        format!("invalid option -- '{}'", flag as char)
                    } else {
                        format!("invalid option -- '{}'{}", flag as char, try_help(prog))
                    };
                    return fail(sh, prog, &msg, 1);
                }
            }
        } else {
            files.push(a.to_string());
        }
        i += 1;
    }
    if mode == ' ' {
        let msg = if prog.busybox {
            "expected a list of bytes, characters, or fields".to_string()
        } else {
            format!("you must specify a list of bytes, characters, or fields{}", try_help(prog))
        };
        return fail(sh, prog, &msg, 1);
    }
    if delim.is_some() && mode != 'f' {
        return fail(sh, prog, &format!("an input delimiter may be specified only when operating on fields{}", try_help(prog)), 1);
    }
    let Some(ranges) = parse_list(&list) else {
        let msg = if list.contains('0') {
            format!("fields and positions are numbered from 1{}", try_help(prog))
        } else {
            format!("invalid field range{}", try_help(prog))
        };
        return fail(sh, prog, &msg, 1);
    };
    let d = delim.clone().unwrap_or_else(|| "\t".into());
    if d.chars().count() != 1 {
        return fail(sh, prog, &format!("the delimiter must be a single character{}", try_help(prog)), 1);
    }
    let keep = |n: usize| ranges.iter().any(|&(a, b)| n >= a && n <= b) != complement;
    let text = match text_of(sh, prog, &files)? {
        Ok(t) => t,
        Err(s) => return Ok(Some(s)),
    };
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let (body, nl) = line.strip_suffix('\n').map_or((line, ""), |b| (b, "\n"));
        if mode == 'f' {
            if !body.contains(d.as_str()) {
                if !only {
                    out.push_str(body);
                    out.push('\n');
                }
                continue;
            }
            let picked: Vec<&str> = body.split(d.as_str()).enumerate().filter(|(i, _)| keep(i + 1)).map(|(_, p)| p).collect();
            out.push_str(&picked.join(out_delim.as_deref().unwrap_or(&d)));
        } else {
            let picked: String = body.chars().enumerate().filter(|(i, _)| keep(i + 1)).map(|(_, c)| c).collect();
            out.push_str(&picked);
        }
        out.push_str(if nl.is_empty() { "\n" } else { nl });
    }
    sh.out_str(&out)?;
    Ok(Some(0))
}

fn paste(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let (mut delims, mut serial) = ("\t".to_string(), false);
    let mut files = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        // Clustered short options as getopt reads them: `-sd+` is `-s -d +`.
        let cluster = a.strip_prefix('-').filter(|r| r.starts_with(['s', 'd']));
        if let Some(mut rest) = cluster {
            while let Some(r) = rest.strip_prefix('s') {
                serial = true;
                rest = r;
            }
            if let Some(r) = rest.strip_prefix('d') {
                delims = super::text::unescape(&value(args, &mut i, r).unwrap_or_default()).0;
            } else if !rest.is_empty() {
                files.push(a.to_string());
            }
        } else {
            files.push(a.to_string());
        }
        i += 1;
    }
    let files = if files.is_empty() { vec!["-".to_string()] } else { files };
    let mut inputs: Vec<Vec<String>> = Vec::new();
    // Several `-` operands take standard input's lines in turn.
    let dashes = files.iter().filter(|f| *f == "-").count();
    let mut stdin_lines: Option<Vec<String>> = None;
    let mut dash_seen = 0;
    for f in &files {
        if f == "-" && dashes > 1 {
            if stdin_lines.is_none() {
                let c = open(sh, f).map_err(|_| ()).ok();
                let t = match c {
                    Some(c) => String::from_utf8_lossy(&bounded(sh, &c)?).into_owned(),
                    None => String::new(),
                };
                stdin_lines = Some(t.lines().map(str::to_string).collect());
            }
            let all = stdin_lines.as_deref().unwrap_or_default();
            inputs.push(all.iter().skip(dash_seen).step_by(dashes).cloned().collect());
            dash_seen += 1;
            continue;
        }
        match open(sh, f) {
            Ok(c) => {
                let t = String::from_utf8_lossy(&bounded(sh, &c)?).into_owned();
                inputs.push(t.lines().map(str::to_string).collect());
            }
            Err(e) => {
                let msg = if prog.busybox { format!("can't open {}: {}", q(f), e.reason()) } else { format!("{f}: {}", e.reason()) };
                return fail(sh, prog, &msg, 1);
            }
        }
    }
    let ds: Vec<char> = delims.chars().collect();
    let delim = |k: usize| ds.get(k % ds.len().max(1)).map(|c| c.to_string()).unwrap_or_default();
    let mut out = String::new();
    if serial {
        for lines in &inputs {
            for (k, l) in lines.iter().enumerate() {
                if k > 0 {
                    out.push_str(&delim(k - 1));
                }
                out.push_str(l);
            }
            out.push('\n');
        }
    } else {
        let rows = inputs.iter().map(Vec::len).max().unwrap_or(0);
        for r in 0..rows {
            for (k, lines) in inputs.iter().enumerate() {
                if k > 0 {
                    out.push_str(&delim(k - 1));
                }
                out.push_str(lines.get(r).map_or("", String::as_str));
            }
            out.push('\n');
        }
    }
    sh.out_str(&out)?;
    Ok(Some(0))
}

fn nl(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let (mut all, mut width, mut sep) = (false, 6usize, "\t".to_string());
    let mut files = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        if let Some(rest) = a.strip_prefix("-b") {
            all = value(args, &mut i, rest).as_deref() == Some("a");
        } else if let Some(rest) = a.strip_prefix("-w") {
            width = value(args, &mut i, rest).and_then(|v| v.parse().ok()).unwrap_or(6);
        } else if let Some(rest) = a.strip_prefix("-s") {
            sep = value(args, &mut i, rest).unwrap_or_default();
        } else {
            files.push(a.to_string());
        }
        i += 1;
    }
    let text = match text_of(sh, prog, &files)? {
        Ok(t) => t,
        Err(s) => return Ok(Some(s)),
    };
    let mut out = String::new();
    let mut n = 0;
    for line in text.lines() {
        if line.is_empty() && !all {
            out.push_str(&format!("{:w$}\n", "", w = width + sep.len()));
        } else {
            n += 1;
            out.push_str(&format!("{n:>width$}{sep}{line}\n"));
        }
    }
    sh.out_str(&out)?;
    Ok(Some(0))
}

fn rev(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let text = match text_of(sh, prog, args)? {
        Ok(t) => t,
        Err(s) => return Ok(Some(s)),
    };
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let (body, nl) = line.strip_suffix('\n').map_or((line, ""), |b| (b, "\n"));
        out.extend(body.chars().rev());
        out.push_str(nl);
    }
    sh.out_str(&out)?;
    Ok(Some(0))
}

/// A tr set: ranges, `[:class:]`, escapes, `[c*n]` repeats.
fn tr_set(s: &str) -> Vec<char> {
    let (s, _) = super::text::unescape(s);
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '[' && chars.get(i + 1) == Some(&':') {
            if let Some(end) = s[s.char_indices().nth(i).map_or(0, |(b, _)| b)..].find(":]") {
                let start_b = s.char_indices().nth(i).map_or(0, |(b, _)| b);
                let class = &s[start_b + 2..start_b + end];
                let members: Vec<char> = (0u8..=127)
                    .map(char::from)
                    .filter(|c| match class {
                        "alpha" => c.is_ascii_alphabetic(),
                        "digit" => c.is_ascii_digit(),
                        "alnum" => c.is_ascii_alphanumeric(),
                        "lower" => c.is_ascii_lowercase(),
                        "upper" => c.is_ascii_uppercase(),
                        "space" => c.is_ascii_whitespace() || *c == '\x0b',
                        "blank" => *c == ' ' || *c == '\t',
                        "punct" => c.is_ascii_punctuation(),
                        "print" => c.is_ascii_graphic() || *c == ' ',
                        "graph" => c.is_ascii_graphic(),
                        "cntrl" => c.is_ascii_control(),
                        "xdigit" => c.is_ascii_hexdigit(),
                        _ => false,
                    })
                    .collect();
                out.extend(members);
                i += s[start_b..start_b + end + 2].chars().count();
                continue;
            }
        }
        if chars.get(i + 1) == Some(&'-') && i + 2 < chars.len() {
            let (a, b) = (chars[i], chars[i + 2]);
            if a <= b {
                out.extend(a..=b);
            }
            i += 3;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

fn tr(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let (mut delete, mut squeeze, mut complement) = (false, false, false);
    let mut sets = Vec::new();
    for a in args {
        if a.starts_with('-') && a.len() > 1 && sets.is_empty() {
            for c in a[1..].chars() {
                match c {
                    'd' => delete = true,
                    's' => squeeze = true,
                    'c' | 'C' => complement = true,
                    't' => {}
                    _ => {
                        let msg = if prog.busybox {
                            format!("invalid option -- '{c}'")
                        } else {
                            format!("invalid option -- '{c}'{}", try_help(prog))
                        };
                        return fail(sh, prog, &msg, 1);
                    }
                }
            }
        } else {
            sets.push(a.clone());
        }
    }
    let needed = if delete && squeeze {
        2
    } else if delete || squeeze {
        1
    } else {
        2
    };
    if sets.len() < needed {
        let msg = if sets.is_empty() {
            format!("missing operand{}", try_help(prog))
        } else {
            format!("missing operand after {}\nTwo strings must be given when translating.{}", q(&sets[0]), try_help(prog))
        };
        return fail(sh, prog, &msg, 1);
    }
    let set1 = tr_set(&sets[0]);
    let set2 = sets.get(1).map(|s| tr_set(s)).unwrap_or_default();
    let in1 = |c: char| set1.contains(&c) != complement;
    let input = sh.stdin_content();
    let text = String::from_utf8_lossy(&bounded(sh, &input)?).into_owned();
    let mut out = String::with_capacity(text.len());
    let squeeze_set: &[char] = if delete || sets.len() < 2 {
        if delete {
            &set2
        } else {
            &set1
        }
    } else {
        &set2
    };
    let mut last: Option<char> = None;
    for c in text.chars() {
        let mapped = if delete {
            if in1(c) {
                continue;
            }
            c
        } else if sets.len() >= 2 && in1(c) {
            if complement {
                *set2.last().unwrap_or(&c)
            } else {
                let i = set1.iter().rposition(|&x| x == c).unwrap_or(0);
                *set2.get(i).or(set2.last()).unwrap_or(&c)
            }
        } else {
            c
        };
        let squeezable = squeeze && (if sets.len() < 2 && !delete { in1(mapped) } else { squeeze_set.contains(&mapped) });
        if squeezable && last == Some(mapped) {
            continue;
        }
        last = Some(mapped);
        out.push(mapped);
    }
    sh.out_str(&out)?;
    Ok(Some(0))
}

fn column(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let (mut table, mut seps) = (false, None::<String>);
    let mut files = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        if a == "-t" {
            table = true;
        } else if let Some(rest) = a.strip_prefix("-s") {
            seps = value(args, &mut i, rest);
        } else if a.starts_with('-') && a.len() > 1 {
            return fail(sh, prog, &format!("dockersim: column {a} is not simulated"), 1);
        } else {
            files.push(a.to_string());
        }
        i += 1;
    }
    let text = match text_of(sh, prog, &files)? {
        Ok(t) => t,
        Err(s) => return Ok(Some(s)),
    };
    if !table {
        // Without -t, entries fill 80 columns like ls does.
        sh.out_str(&text)?;
        return Ok(Some(0));
    }
    let rows: Vec<Vec<String>> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| match &seps {
            Some(s) => l.split(|c| s.contains(c)).filter(|f| !f.is_empty()).map(str::to_string).collect(),
            None => l.split_whitespace().map(str::to_string).collect(),
        })
        .collect();
    let ncols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> =
        (0..ncols).map(|c| rows.iter().filter_map(|r| r.get(c)).map(|f| f.chars().count()).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for r in &rows {
        let mut line = String::new();
        for (c, f) in r.iter().enumerate() {
            if c + 1 == r.len() {
                line.push_str(f);
            } else {
                line.push_str(&format!("{f:<w$}  ", w = widths[c]));
            }
        }
        out.push_str(&line);
        out.push('\n');
    }
    sh.out_str(&out)?;
    Ok(Some(0))
}

fn split(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let (mut lines, mut bytes, mut numeric, mut suffix_len) = (Some(1000u64), None::<u64>, false, 2usize);
    let mut ops = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        if let Some(rest) = a.strip_prefix("-l") {
            lines = value(args, &mut i, rest).and_then(|v| v.parse().ok());
            bytes = None;
        } else if let Some(rest) = a.strip_prefix("-b") {
            bytes = value(args, &mut i, rest).and_then(|v| super::bytes::parse_size(&v));
            if bytes.is_none() {
                return fail(sh, prog, &format!("invalid number of bytes{}", try_help(prog)), 1);
            }
        } else if a == "-d" || a == "--numeric-suffixes" {
            numeric = true;
        } else if let Some(rest) = a.strip_prefix("-a") {
            suffix_len = value(args, &mut i, rest).and_then(|v| v.parse().ok()).unwrap_or(2);
        } else {
            ops.push(a.to_string());
        }
        i += 1;
    }
    let input = ops.first().cloned().unwrap_or_else(|| "-".into());
    let prefix = ops.get(1).cloned().unwrap_or_else(|| "x".into());
    let content = match open(sh, &input) {
        Ok(c) => c,
        Err(e) => return fail(sh, prog, &format!("cannot open {} for reading: {}", q(&input), e.reason()), 1),
    };
    let data = bounded(sh, &content)?;
    let mut pieces: Vec<Vec<u8>> = Vec::new();
    match (bytes, lines) {
        (Some(b), _) if b > 0 => pieces.extend(data.chunks(b as usize).map(<[u8]>::to_vec)),
        (None, Some(l)) if l > 0 => {
            let mut cur = Vec::new();
            let mut n = 0;
            for line in data.split_inclusive(|&b| b == b'\n') {
                cur.extend_from_slice(line);
                n += 1;
                if n == l {
                    pieces.push(std::mem::take(&mut cur));
                    n = 0;
                }
            }
            if !cur.is_empty() {
                pieces.push(cur);
            }
        }
        _ => return fail(sh, prog, &format!("invalid number of lines: '0'{}", try_help(prog)), 1),
    }
    for (k, piece) in pieces.into_iter().enumerate() {
        let mut suffix = String::new();
        let mut n = k;
        let base = if numeric { 10 } else { 26 };
        for _ in 0..suffix_len {
            let d = (n % base) as u8;
            suffix.insert(0, if numeric { (b'0' + d) as char } else { (b'a' + d) as char });
            n /= base;
        }
        let path = sh.abs(&format!("{prefix}{suffix}"));
        sh.charge_fs(piece.len() as u64, 1)?;
        let meta = sh.meta(0o644);
        if let Err(e) = sh.fs_mut().write(&path, Content::from_bytes(piece), meta) {
            return fail(sh, prog, &format!("{prefix}{suffix}: {}", e.reason()), 1);
        }
    }
    Ok(Some(0))
}

/// xargs's input items: blank-separated with quotes and backslashes.
fn xargs_items(text: &str) -> Result<Vec<String>, String> {
    let mut items = Vec::new();
    let mut cur = String::new();
    let mut has = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                has = true;
                loop {
                    match chars.next() {
                        Some(x) if x == c => break,
                        Some('\n') | None => {
                            return Err(format!(
                                "unmatched {} quote; by default quotes are special to xargs unless you use the -0 option",
                                if c == '"' { "double" } else { "single" }
                            ))
                        }
                        Some(x) => cur.push(x),
                    }
                }
            }
            '\\' => {
                has = true;
                if let Some(x) = chars.next() {
                    cur.push(x);
                }
            }
            c if c.is_whitespace() => {
                if has {
                    items.push(std::mem::take(&mut cur));
                    has = false;
                }
            }
            c => {
                has = true;
                cur.push(c);
            }
        }
    }
    if has {
        items.push(cur);
    }
    Ok(items)
}

fn xargs(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let (mut max_args, mut replace, mut nul, mut no_empty, mut trace, mut delim) =
        (None::<usize>, None::<String>, false, false, false, None::<char>);
    let mut i = 0;
    while i < args.len() && args[i].starts_with('-') && args[i].len() > 1 {
        let a = args[i].as_str();
        let flag = &a[1..2];
        let rest = &a[2..];
        match flag {
            "n" | "L" => max_args = value(args, &mut i, rest).and_then(|v| v.parse().ok()),
            "I" | "i" => replace = Some(value(args, &mut i, rest).unwrap_or_else(|| "{}".into())),
            "0" => nul = true,
            "r" => no_empty = true,
            "t" => trace = true,
            "P" | "s" => {
                value(args, &mut i, rest);
            }
            "d" => delim = value(args, &mut i, rest).and_then(|d| super::text::unescape(&d).0.chars().next()),
            "x" | "p" => {}
            "-" => {
                i += 1;
                break;
            }
            _ => {
                let msg = if prog.busybox {
                    format!("invalid option -- '{flag}'")
                } else {
                    format!("invalid option -- '{flag}'{}", try_help(prog))
                };
                return fail(sh, prog, &msg, 1);
            }
        }
        i += 1;
    }
    let cmd: Vec<String> = if i < args.len() { args[i..].to_vec() } else { vec!["echo".into()] };
    let input = sh.stdin_content();
    let text = String::from_utf8_lossy(&bounded(sh, &input)?).into_owned();
    let items: Vec<String> = if nul {
        text.split('\0').filter(|s| !s.is_empty()).map(str::to_string).collect()
    } else if let Some(d) = delim {
        text.split(d).filter(|s| !s.is_empty()).map(str::to_string).collect()
    } else if replace.is_some() {
        text.lines().map(|l| l.trim_start().to_string()).filter(|l| !l.is_empty()).collect()
    } else {
        match xargs_items(&text) {
            Ok(v) => v,
            Err(m) => return fail(sh, prog, &m, 1),
        }
    };
    let batches: Vec<Vec<String>> = if let Some(r) = &replace {
        items.iter().map(|item| cmd.iter().map(|w| w.replace(r.as_str(), item)).collect()).collect()
    } else if items.is_empty() {
        if no_empty {
            Vec::new()
        } else {
            vec![cmd.clone()]
        }
    } else {
        let per = max_args.unwrap_or(usize::MAX).max(1);
        items.chunks(per.min(items.len())).map(|c| cmd.iter().cloned().chain(c.iter().cloned()).collect()).collect()
    };
    let mut status = 0;
    for argv in batches {
        sh.step()?;
        if trace {
            sh.err_str(&format!("{}\n", argv.join(" ")))?;
        }
        let s = super::run_external(sh, &argv)?;
        match s {
            0 => {}
            127 => return Ok(Some(127)),
            126 => return Ok(Some(126)),
            255 => return Ok(Some(124)),
            _ => status = 123,
        }
    }
    Ok(Some(status))
}

fn base64(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let (mut decode, mut wrap, mut ignore) = (false, 76usize, false);
    let mut files = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        if a == "-d" || a == "--decode" {
            decode = true;
        } else if a == "-i" || a == "--ignore-garbage" {
            ignore = true;
        } else if let Some(rest) = a.strip_prefix("-w") {
            wrap = value(args, &mut i, rest).and_then(|v| v.parse().ok()).unwrap_or(76);
        } else if let Some(v) = a.strip_prefix("--wrap=") {
            wrap = v.parse().unwrap_or(76);
        } else {
            files.push(a.to_string());
        }
        i += 1;
    }
    let f = files.first().cloned().unwrap_or_else(|| "-".into());
    let content = match open(sh, &f) {
        Ok(c) => c,
        Err(e) => {
            let msg = if prog.busybox { format!("can't open {}: {}", q(&f), e.reason()) } else { format!("{f}: {}", e.reason()) };
            return fail(sh, prog, &msg, 1);
        }
    };
    let data = bounded(sh, &content)?;
    if decode {
        return match crate::base64::decode(&data, ignore || prog.busybox) {
            Ok(out) => {
                sh.write_out(&out)?;
                Ok(Some(0))
            }
            Err(out) => {
                sh.write_out(&out)?;
                fail(sh, prog, "invalid input", 1)
            }
        };
    }
    let enc = crate::base64::encode(&data);
    let mut out = String::new();
    if wrap == 0 {
        out = enc;
    } else {
        for (k, c) in enc.chars().enumerate() {
            if k > 0 && k % wrap == 0 {
                out.push('\n');
            }
            out.push(c);
        }
        if !out.is_empty() {
            out.push('\n');
        }
    }
    sh.out_str(&out)?;
    Ok(Some(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_formats() {
        assert_eq!(format_float("03g", 3.0), "003");
        assert_eq!(format_float("g", 0.5), "0.5");
        assert_eq!(format_float("g", 1e7), "1e+07");
        assert_eq!(format_float(".2f", 1.005), "1.00");
        assert_eq!(tr_set("a-c[:digit:]"), "abc0123456789".chars().collect::<Vec<_>>());
    }
}
