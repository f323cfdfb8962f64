//! Text tools: printf, head, tail, wc, tr, sort, uniq, cut, tee, find.

use super::coreutils::split_flags;
use super::{fail, q, Prog};
use crate::shell::interp::{Flow, Shell, R};
use crate::vfs::{Content, Node};

type Out = Result<Option<i32>, Flow>;

/// Backslash escapes as echo/printf interpret them; `true` if `\c` stopped output.
pub fn unescape(s: &str) -> (String, bool) {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some('a') => out.push('\x07'),
            Some('b') => out.push('\x08'),
            Some('f') => out.push('\x0c'),
            Some('v') => out.push('\x0b'),
            Some('c') => return (out, true),
            Some('0') => {
                let mut n = 0u32;
                for _ in 0..3 {
                    match chars.peek() {
                        Some(d) if d.is_digit(8) => {
                            n = n * 8 + d.to_digit(8).unwrap_or(0);
                            chars.next();
                        }
                        _ => break,
                    }
                }
                out.push(char::from_u32(n).unwrap_or('\0'));
            }
            Some(o) => {
                out.push('\\');
                out.push(o);
            }
            None => out.push('\\'),
        }
    }
    (out, false)
}

/// A conversion's flags, width and precision (`-08.3` → ("-0", 8, Some(3))); numbers
/// too large for a width saturate, and the output limit stops them.
fn printf_spec(spec: &str) -> (String, usize, Option<usize>) {
    let flags_end = spec.find(|c: char| !matches!(c, '-' | '+' | ' ' | '#' | '0')).unwrap_or(spec.len());
    let (flags, rest) = spec.split_at(flags_end);
    let number =
        |s: &str| s.bytes().filter(u8::is_ascii_digit).fold(0usize, |n, d| n.saturating_mul(10).saturating_add(usize::from(d - b'0')));
    let (width, precision) = match rest.split_once('.') {
        Some((w, p)) => (number(w), Some(number(p))),
        None => (number(rest), None),
    };
    (flags.to_string(), width, precision)
}

/// The `printf` builtin/utility (%s %d %i %b %c %x %o %%, widths).
pub fn printf(sh: &mut Shell, args: &[String]) -> R {
    // `printf -- FORMAT`: the `--` ends the (absent) options.
    let args = if args.first().is_some_and(|a| a == "--") { &args[1..] } else { args };
    let Some((format, mut rest)) = args.split_first().map(|(f, r)| (f.clone(), r.to_vec())) else {
        let p = sh.prefix();
        sh.err_str(&format!("{p}printf: usage: printf format [arg ...]\n"))?;
        return Ok(2);
    };
    let mut out = String::new();
    loop {
        let mut consumed = false;
        let chars: Vec<char> = format.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '\\' && chars.get(i + 1).is_some_and(|d| d.is_digit(8)) {
                // `\NNN`: one to three octal digits.
                let mut n = 0u32;
                let mut k = i + 1;
                while k < chars.len() && k < i + 4 && chars[k].is_digit(8) {
                    n = n * 8 + chars[k].to_digit(8).unwrap_or(0);
                    k += 1;
                }
                out.push(char::from_u32(n & 0xff).unwrap_or('\0'));
                i = k;
                continue;
            }
            if c == '\\' {
                let (s, _) = unescape(&chars[i..(i + 2).min(chars.len())].iter().collect::<String>());
                out.push_str(&s);
                i += 2;
                continue;
            }
            if c != '%' {
                out.push(c);
                i += 1;
                continue;
            }
            let start = i;
            i += 1;
            while i < chars.len() && (chars[i].is_ascii_digit() || matches!(chars[i], '-' | '.' | '+' | ' ' | '#')) {
                i += 1;
            }
            let spec: String = chars[start + 1..i].iter().collect();
            let conv = chars.get(i).copied().unwrap_or('%');
            i += 1;
            if conv == '%' {
                out.push('%');
                continue;
            }
            let arg = if rest.is_empty() {
                String::new()
            } else {
                consumed = true;
                rest.remove(0)
            };
            let text = match conv {
                'd' | 'i' => arg.trim().parse::<i64>().unwrap_or(0).to_string(),
                'x' => format!("{:x}", arg.trim().parse::<i64>().unwrap_or(0)),
                'o' => format!("{:o}", arg.trim().parse::<i64>().unwrap_or(0)),
                'c' => arg.chars().next().map(String::from).unwrap_or_default(),
                'b' => unescape(&arg).0,
                _ => arg,
            };
            let (flags, width, precision) = printf_spec(&spec);
            let numeric = matches!(conv, 'd' | 'i' | 'x' | 'o');
            let text = match precision {
                Some(p) if !numeric && text.chars().count() > p => text.chars().take(p).collect(),
                Some(p) if numeric && text.trim_start_matches('-').len() < p => {
                    let (sign, digits) = if let Some(d) = text.strip_prefix('-') { ("-", d) } else { ("", text.as_str()) };
                    format!("{sign}{}{digits}", "0".repeat(p - digits.len()))
                }
                _ => text,
            };
            // The output limit is checked before a width is materialised.
            sh.check_output(out.len() + width.max(text.len()))?;
            let pad = width.saturating_sub(text.chars().count());
            if flags.contains('-') {
                out.push_str(&text);
                out.extend(std::iter::repeat_n(' ', pad));
            } else if flags.contains('0') && numeric && precision.is_none() {
                let (sign, digits) = if let Some(d) = text.strip_prefix('-') { ("-", d) } else { ("", text.as_str()) };
                out.push_str(sign);
                out.extend(std::iter::repeat_n('0', pad));
                out.push_str(digits);
            } else {
                out.extend(std::iter::repeat_n(' ', pad));
                out.push_str(&text);
            }
            sh.check_output(out.len())?;
        }
        if !consumed || rest.is_empty() {
            break;
        }
    }
    sh.out_str(&out)?;
    Ok(0)
}

/// Input lines from the operand files, or stdin.
fn input(sh: &mut Shell, prog: &Prog, files: &[&str]) -> Result<Option<String>, Flow> {
    if files.is_empty() || files == ["-"] {
        return Ok(Some(String::from_utf8_lossy(&std::mem::take(&mut sh.stdin)).into_owned()));
    }
    let mut text = String::new();
    for f in files {
        match sh.fs().read(&sh.abs(f)) {
            Ok(b) => text.push_str(&String::from_utf8_lossy(&b)),
            Err(e) => {
                let msg = if prog.busybox { format!("can't open {}: {}", q(f), e.reason()) } else { format!("{f}: {}", e.reason()) };
                fail(sh, prog, &msg, if prog.name == "grep" { 2 } else { 1 })?;
                return Ok(None);
            }
        }
    }
    Ok(Some(text))
}

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    let args = &argv[1..];
    match prog.name.as_str() {
        "grep" | "egrep" | "fgrep" => super::grep::grep(sh, prog, args),
        "sed" => super::sed::sed(sh, prog, args),
        "head" | "tail" => {
            let mut n: i64 = 10;
            let mut files = Vec::new();
            let mut it = args.iter();
            while let Some(a) = it.next() {
                if a == "-n" {
                    n = it.next().and_then(|v| v.trim_start_matches('+').parse().ok()).unwrap_or(10);
                } else if let Some(v) = a.strip_prefix("-n") {
                    n = v.parse().unwrap_or(10);
                } else if a.starts_with('-') && a[1..].chars().all(|c| c.is_ascii_digit()) && a.len() > 1 {
                    n = a[1..].parse().unwrap_or(10);
                } else if !a.starts_with('-') {
                    files.push(a.as_str());
                }
            }
            let Some(text) = input(sh, prog, &files)? else { return Ok(Some(1)) };
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            let n = n.max(0) as usize;
            let pick: Vec<&str> =
                if prog.name == "head" { lines.iter().take(n).copied().collect() } else { lines[lines.len().saturating_sub(n)..].to_vec() };
            // head stops reading after its lines: a producer writing into it gets SIGPIPE.
            sh.stdin_closed = prog.name == "head" && files.is_empty() && lines.len() > n;
            sh.out_str(&pick.concat())?;
            Ok(Some(0))
        }
        "wc" => {
            let (flags, files) = split_flags(args);
            let Some(text) = input(sh, prog, &files)? else { return Ok(Some(1)) };
            let (l, w, c) = (text.matches('\n').count(), text.split_whitespace().count(), text.len());
            let out = match flags.as_str() {
                "l" => format!("{l}"),
                "w" => format!("{w}"),
                "c" | "m" => format!("{c}"),
                _ => format!("{l:>7} {w:>7} {c:>7}"),
            };
            let suffix = files.first().map(|f| format!(" {f}")).unwrap_or_default();
            sh.out_str(&format!("{out}{suffix}\n"))?;
            Ok(Some(0))
        }
        "tr" => {
            let (flags, ops) = split_flags(args);
            let text = String::from_utf8_lossy(&std::mem::take(&mut sh.stdin)).into_owned();
            let set1 = expand_set(ops.first().copied().unwrap_or(""));
            let squeeze = flags.contains('s');
            let set2 = expand_set(ops.get(1).copied().unwrap_or(""));
            let out: String = if flags.contains('d') {
                text.chars().filter(|c| !set1.contains(c)).collect()
            } else if squeeze && ops.len() < 2 {
                text
            } else {
                text.chars()
                    .map(|c| match set1.iter().position(|&x| x == c) {
                        Some(i) => *set2.get(i).or(set2.last()).unwrap_or(&c),
                        None => c,
                    })
                    .collect()
            };
            // -s squeezes runs of the last set's characters into one.
            let out = if squeeze {
                let last = if ops.len() >= 2 { &set2 } else { &set1 };
                let mut squeezed = String::with_capacity(out.len());
                for c in out.chars() {
                    if !(squeezed.ends_with(c) && last.contains(&c)) {
                        squeezed.push(c);
                    }
                }
                squeezed
            } else {
                out
            };
            sh.out_str(&out)?;
            Ok(Some(0))
        }
        "sort" => {
            let (flags, files) = split_flags(args);
            let Some(text) = input(sh, prog, &files)? else { return Ok(Some(2)) };
            let mut lines: Vec<&str> = text.lines().collect();
            if flags.contains('n') {
                crate::sort::sort_by(&mut lines, |a, b| {
                    let na = a.trim().parse::<f64>().unwrap_or(0.0);
                    let nb = b.trim().parse::<f64>().unwrap_or(0.0);
                    na.partial_cmp(&nb).unwrap_or(std::cmp::Ordering::Equal).then(a.cmp(b))
                });
            } else {
                crate::sort::sort(&mut lines);
            }
            if flags.contains('r') {
                lines.reverse();
            }
            if flags.contains('u') {
                lines.dedup();
            }
            let out: String = lines.iter().map(|l| format!("{l}\n")).collect();
            sh.out_str(&out)?;
            Ok(Some(0))
        }
        "uniq" => {
            let (flags, files) = split_flags(args);
            let Some(text) = input(sh, prog, &files)? else { return Ok(Some(1)) };
            let mut groups: Vec<(usize, &str)> = Vec::new();
            for l in text.lines() {
                match groups.last_mut() {
                    Some((n, last)) if *last == l => *n += 1,
                    _ => groups.push((1, l)),
                }
            }
            let out: String =
                groups.iter().map(|(n, l)| if flags.contains('c') { format!("{n:>7} {l}\n") } else { format!("{l}\n") }).collect();
            sh.out_str(&out)?;
            Ok(Some(0))
        }
        "cut" => {
            let mut delim = '\t';
            let mut fields = String::new();
            let mut chars = false;
            let mut files = Vec::new();
            let mut it = args.iter();
            while let Some(a) = it.next() {
                if let Some(d) = a.strip_prefix("-d") {
                    delim = if d.is_empty() {
                        it.next().and_then(|v| v.chars().next()).unwrap_or('\t')
                    } else {
                        d.chars().next().unwrap_or('\t')
                    };
                } else if let Some(f) = a.strip_prefix("-f").or_else(|| a.strip_prefix("-c").inspect(|_| chars = true)) {
                    fields = if f.is_empty() { it.next().cloned().unwrap_or_default() } else { f.to_string() };
                } else {
                    files.push(a.as_str());
                }
            }
            let Some(text) = input(sh, prog, &files)? else { return Ok(Some(1)) };
            // A list of N, N-M, N- and -M ranges (1-based, inclusive).
            let ranges: Vec<(usize, usize)> = fields
                .split(',')
                .filter_map(|r| match r.split_once('-') {
                    Some((a, b)) => Some((a.parse().unwrap_or(1), if b.is_empty() { usize::MAX } else { b.parse().ok()? })),
                    None => r.parse().ok().map(|n| (n, n)),
                })
                .collect();
            let keep = |i: usize| ranges.iter().any(|&(a, b)| i >= a && i <= b);
            let mut out = String::new();
            for line in text.lines() {
                if chars {
                    out.extend(line.chars().enumerate().filter(|(i, _)| keep(i + 1)).map(|(_, c)| c));
                } else if !line.contains(delim) {
                    out.push_str(line);
                } else {
                    let picked: Vec<&str> = line.split(delim).enumerate().filter(|(i, _)| keep(i + 1)).map(|(_, p)| p).collect();
                    out.push_str(&picked.join(&delim.to_string()));
                }
                out.push('\n');
            }
            sh.out_str(&out)?;
            Ok(Some(0))
        }
        "tee" => {
            let (flags, files) = split_flags(args);
            let data = std::mem::take(&mut sh.stdin);
            for f in files {
                let path = sh.abs(f);
                let meta = sh.meta(0o644);
                if flags.contains('a') {
                    let _ = sh.fs_mut().append(&path, &data, meta);
                } else {
                    let _ = sh.fs_mut().write(&path, Content::from_bytes(data.clone()), meta);
                }
            }
            sh.write_out(&data)?;
            Ok(Some(0))
        }
        "find" => find(sh, args),
        "xargs" => {
            let input = String::from_utf8_lossy(&std::mem::take(&mut sh.stdin)).into_owned();
            let mut cmd: Vec<String> = if args.is_empty() { vec!["echo".into()] } else { args.to_vec() };
            cmd.extend(input.split_whitespace().map(str::to_string));
            super::run_external(sh, &cmd).map(Some)
        }
        _ => Ok(None),
    }
}

fn expand_set(s: &str) -> Vec<char> {
    match s {
        "[:lower:]" => return ('a'..='z').collect(),
        "[:upper:]" => return ('A'..='Z').collect(),
        "[:digit:]" => return ('0'..='9').collect(),
        "[:space:]" => return vec![' ', '\t', '\n', '\r'],
        _ => {}
    }
    let c: Vec<char> = unescape(s).0.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if i + 2 < c.len() && c[i + 1] == '-' {
            out.extend(c[i]..=c[i + 2]);
            i += 3;
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

fn find(sh: &mut Shell, args: &[String]) -> Out {
    let mut roots = Vec::new();
    let mut name = None;
    let mut kind = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-name" => name = it.next().cloned(),
            "-type" => kind = it.next().cloned(),
            "-maxdepth" | "-mindepth" => {
                it.next();
            }
            s if s.starts_with('-') => {}
            s => roots.push(s.to_string()),
        }
    }
    if roots.is_empty() {
        roots.push(".".into());
    }
    let mut out = String::new();
    for root in roots {
        let abs = sh.abs(&root);
        let Ok(node) = sh.fs().get(&abs) else {
            sh.err_str(&format!("find: {}: No such file or directory\n", q(&root)))?;
            return Ok(Some(1));
        };
        let mut stack = vec![(root.clone(), node.clone())];
        while let Some((shown, node)) = stack.pop() {
            let base = shown.rsplit('/').next().unwrap_or(&shown).to_string();
            let type_ok = match kind.as_deref() {
                Some("f") => matches!(node, Node::File { .. }),
                Some("d") => node.is_dir(),
                Some("l") => matches!(node, Node::Symlink { .. }),
                _ => true,
            };
            let name_ok = name.as_ref().is_none_or(|p| crate::shell::expand::fnmatch(p, &base));
            if type_ok && name_ok {
                out.push_str(&shown);
                out.push('\n');
            }
            if let Node::Dir { entries, .. } = node {
                for (n, child) in entries.into_iter().rev() {
                    let child_path = if shown.ends_with('/') { format!("{shown}{n}") } else { format!("{shown}/{n}") };
                    stack.push((child_path, child));
                }
            }
        }
    }
    sh.out_str(&out)?;
    Ok(Some(0))
}
