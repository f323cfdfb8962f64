//! The tools that make and cut bytes: cat, head, tail, dd, truncate,
//! fallocate, yes. They work on [`Content`], so 500 MB of zeros from
//! `/dev/zero`, `fallocate` or `truncate` is a description, never a buffer.

use super::{fail, q, Prog};
use crate::shell::interp::{Flow, Shell};
use crate::vfs::access::Access;
use crate::vfs::content::ENDLESS;
use crate::vfs::{Content, FsError, Node};

type Out = Result<Option<i32>, Flow>;

/// Bytes scanned at most looking for line ends (bounds `head -n 1 /dev/zero`).
const SCAN_LIMIT: u64 = 1 << 30;

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    let args = &argv[1..];
    match prog.name.as_str() {
        "cat" => cat(sh, prog, args),
        "head" | "tail" => head_tail(sh, prog, args),
        "dd" => dd(sh, prog, args),
        "truncate" => truncate(sh, prog, args),
        "fallocate" => fallocate(sh, prog, args),
        "yes" => {
            let word = if args.is_empty() { "y".to_string() } else { args.join(" ") };
            sh.write_content(&Content::Repeat { size: ENDLESS, pattern: std::sync::Arc::new(format!("{word}\n").into_bytes()) })?;
            Ok(Some(0))
        }
        _ => Ok(None),
    }
}

/// A file operand's content (`-` is stdin), with the read permission checked.
pub fn open(sh: &mut Shell, operand: &str) -> Result<Content, FsError> {
    if operand == "-" {
        return Ok(sh.stdin_content());
    }
    let path = sh.abs(operand);
    let resolved = sh.fs().resolve(&path, true).unwrap_or_else(|_| path.clone());
    if crate::shell::interp::stream::device(&resolved).is_none() && sh.fs().get(&path).is_ok() && !sh.may(&path, Access::Read) {
        return Err(FsError::PermissionDenied(path));
    }
    sh.read_content(&path).map_err(|e| match e {
        FsError::NotFound(_) => FsError::NotFound(operand.to_string()),
        other => other,
    })
}

/// A size with an optional multiplier suffix: `b` 512, `K`/`KiB` 1024,
/// `KB` 1000, and so on up to `E` (dd also knows `c` 1 and `w` 2).
pub fn parse_size(s: &str) -> Option<u64> {
    let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if digits == 0 {
        return None;
    }
    let n: u64 = s[..digits].parse().ok()?;
    let mult: u64 = match &s[digits..] {
        "" | "c" => 1,
        "w" => 2,
        "b" => 512,
        suffix => {
            let mut chars = suffix.chars();
            let power = match chars.next()?.to_ascii_uppercase() {
                'K' => 1,
                'M' => 2,
                'G' => 3,
                'T' => 4,
                'P' => 5,
                'E' => 6,
                _ => return None,
            };
            let base: u64 = match chars.as_str() {
                "" | "iB" => 1024,
                "B" | "D" => 1000,
                _ => return None,
            };
            base.checked_pow(power)?
        }
    };
    n.checked_mul(mult)
}

fn cat(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let valid = if prog.busybox { "nbvteAu" } else { "uAbeEnstTv" };
    const LONG: &[&str] =
        &["--show-all", "--number-nonblank", "--show-ends", "--number", "--squeeze-blank", "--show-tabs", "--show-nonprinting", "--"];
    if let Some(bad) = args.iter().find(|a| a.starts_with("--") && !LONG.contains(&a.as_str())) {
        let msg = if prog.busybox {
            format!("unrecognized option '{bad}'")
        } else {
            format!("unrecognized option '{bad}'\nTry 'cat --help' for more information.")
        };
        return fail(sh, prog, &msg, 1);
    }
    let files: Vec<&str> = args.iter().map(String::as_str).filter(|a| *a == "-" || !a.starts_with('-')).collect();
    if let Some(bad) =
        args.iter().find(|a| a.starts_with('-') && a.len() > 1 && !a.starts_with("--") && a[1..].chars().any(|c| !valid.contains(c)))
    {
        let c = bad[1..].chars().find(|c| !valid.contains(*c)).unwrap_or('-');
        let msg = if prog.busybox {
            format!("invalid option -- '{c}'")
        } else {
            format!("invalid option -- '{c}'\nTry 'cat --help' for more information.")
        };
        return fail(sh, prog, &msg, 1);
    }
    let mut short: String = args.iter().filter(|a| a.starts_with('-') && !a.starts_with("--") && a.len() > 1).map(|a| &a[1..]).collect();
    for a in args.iter().filter(|a| a.starts_with("--")) {
        short.push(match a.as_str() {
            "--show-all" => 'A',
            "--number-nonblank" => 'b',
            "--show-ends" => 'E',
            "--number" => 'n',
            "--squeeze-blank" => 's',
            "--show-tabs" => 'T',
            "--show-nonprinting" => 'v',
            _ => 'u',
        });
    }
    let has = |c: char| short.contains(c);
    let o = CatOptions {
        number_nonblank: has('b'),
        number: has('n') && !has('b'),
        ends: has('A') || has('e') || has('E'),
        tabs: has('A') || has('t') || has('T'),
        nonprinting: has('A') || has('e') || has('t') || has('v'),
        squeeze: has('s'),
        busybox: prog.busybox,
    };
    let plain = !(o.number || o.number_nonblank || o.ends || o.tabs || o.nonprinting || o.squeeze);
    let files = if files.is_empty() { vec!["-"] } else { files };
    let mut status = 0;
    let mut line_no = 0usize;
    let mut blank_run = false;
    for f in files {
        match open(sh, f) {
            Ok(c) if !plain => {
                let bytes = bounded(sh, &c)?;
                let out = cat_lines(&bytes, &o, &mut line_no, &mut blank_run);
                sh.write_out(&out)?;
            }
            Ok(c) => sh.write_content(&c)?,
            Err(e) => {
                let msg = match (&e, prog.busybox) {
                    (FsError::IsADirectory(_), true) => "read error: Is a directory".to_string(),
                    (_, true) => format!("can't open {}: {}", q(f), e.reason()),
                    (_, false) => format!("{f}: {}", e.reason()),
                };
                fail(sh, prog, &msg, 1)?;
                status = 1;
            }
        }
    }
    Ok(Some(status))
}

struct CatOptions {
    number: bool,
    number_nonblank: bool,
    ends: bool,
    tabs: bool,
    nonprinting: bool,
    squeeze: bool,
    busybox: bool,
}

/// GNU cat's line options: numbers (`-n`, `-b`), `$` at line ends (`-E`),
/// `^I` for tabs (`-T`), `^X`/`M-X` for other control and high bytes (`-v`),
/// one empty line for a run of them (`-s`). Numbering and squeezing carry
/// over from one file to the next.
fn cat_lines(bytes: &[u8], o: &CatOptions, line_no: &mut usize, blank_run: &mut bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 8);
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let (body, newline) = match line.strip_suffix(b"\n") {
            Some(b) => (b, true),
            None => (line, false),
        };
        let blank = body.is_empty() && newline;
        if o.squeeze && blank && *blank_run {
            continue;
        }
        *blank_run = blank;
        if o.number || (o.number_nonblank && !blank) {
            *line_no += 1;
            out.extend_from_slice(format!("{:>6}\t", *line_no).as_bytes());
        }
        for &b in body {
            match b {
                b'\t' if o.tabs => out.extend_from_slice(b"^I"),
                b'\t' => out.push(b),
                _ if !o.nonprinting => out.push(b),
                0..=31 => out.extend_from_slice(&[b'^', b + 64]),
                127 => out.extend_from_slice(b"^?"),
                128..=159 => out.extend_from_slice(&[b'M', b'-', b'^', b - 128 + 64]),
                160..=254 => out.extend_from_slice(&[b'M', b'-', b - 128]),
                255 => out.extend_from_slice(b"M-^?"),
                _ => out.push(b),
            }
        }
        if newline {
            if o.ends {
                out.push(b'$');
            }
            out.push(b'\n');
        } else if o.busybox && (o.number || o.number_nonblank) {
            // BusyBox numbers through its `nl` code, which ends every line.
            out.push(b'\n');
        }
    }
    out
}

/// The bytes of `c`, refusing endless or huge content a line-based tool cannot hold.
pub fn bounded(sh: &mut Shell, c: &Content) -> Result<Vec<u8>, Flow> {
    if c.len() > 64 << 20 {
        let _ = sh;
        return Err(Flow::Abort("dockersim: script stopped: a text tool read more than 64 MiB (the simulated shell's input limit)".into()));
    }
    Ok(c.to_vec())
}

/// Where the `n`th line ends (after its newline), or the content's end.
fn after_lines(c: &Content, n: u64) -> u64 {
    if n == 0 {
        return 0;
    }
    if let Content::Repeat { pattern, size } = c {
        let per = pattern.iter().filter(|&&b| b == b'\n').count() as u64;
        if per == 0 {
            return *size;
        }
        let periods = (n - 1) / per;
        let mut left = n - periods * per;
        let mut at = periods * pattern.len() as u64;
        for &b in pattern.iter() {
            at += 1;
            if b == b'\n' {
                left -= 1;
                if left == 0 {
                    break;
                }
            }
        }
        return at.min(*size);
    }
    let len = c.len();
    let (mut at, mut seen) = (0u64, 0u64);
    while at < len && at < SCAN_LIMIT {
        let mut found = None;
        let mut chunk_len = 0;
        c.range_chunks(at, 1 << 16, &mut |chunk| {
            for (i, &b) in chunk.iter().enumerate() {
                if found.is_none() && b == b'\n' {
                    seen += 1;
                    if seen == n {
                        found = Some(chunk_len + i as u64 + 1);
                    }
                }
            }
            chunk_len += chunk.len() as u64;
        });
        if let Some(end) = found {
            return at + end;
        }
        at += chunk_len.max(1);
    }
    len
}

/// How many line starts there are (lines, counting an unterminated last one).
fn count_lines(bytes: &[u8]) -> u64 {
    let nl = bytes.iter().filter(|&&b| b == b'\n').count() as u64;
    nl + u64::from(bytes.last().is_some_and(|&b| b != b'\n'))
}

/// Where the last `n` lines start.
fn last_lines_start(bytes: &[u8], n: u64) -> usize {
    if n == 0 {
        return bytes.len();
    }
    let mut seen = 0;
    let end = if bytes.last() == Some(&b'\n') { bytes.len() - 1 } else { bytes.len() };
    for i in (0..end).rev() {
        if bytes[i] == b'\n' {
            seen += 1;
            if seen == n {
                return i + 1;
            }
        }
    }
    0
}

enum Count {
    /// First / last N (`-n N`, `-c N`).
    Plain(u64),
    /// head: all but the last N (`-n -N`); tail: from the Nth (`-n +N`).
    Other(u64),
}

fn head_tail(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let head = prog.name == "head";
    let (mut bytes, mut count, mut verbose, mut quiet) = (false, Count::Plain(10), false, false);
    let mut files: Vec<&str> = Vec::new();
    let mut i = 0;
    let mut done = false;
    while i < args.len() {
        let a = args[i].as_str();
        i += 1;
        if done || a == "-" || !a.starts_with('-') {
            if !done
                && !head
                && a.starts_with('+')
                && files.is_empty()
                && a[1..].chars().all(|c| c.is_ascii_digit())
                && a.len() > 1
                && args.len() <= 2
            {
                count = Count::Other(a[1..].parse().unwrap_or(1));
                continue;
            }
            files.push(a);
            continue;
        }
        if a == "--" {
            done = true;
            continue;
        }
        let (opt, value) = match a.as_bytes().get(1) {
            Some(b'n') | Some(b'c') => {
                let v = if a.len() > 2 {
                    a[2..].to_string()
                } else if let Some(v) = args.get(i) {
                    i += 1;
                    v.clone()
                } else {
                    let msg = if prog.busybox {
                        format!("option requires an argument -- '{}'", &a[1..2])
                    } else {
                        format!("option requires an argument -- '{}'\nTry '{} --help' for more information.", &a[1..2], prog.name)
                    };
                    return fail(sh, prog, &msg, 1);
                };
                (a.as_bytes()[1], v)
            }
            Some(b'q') => {
                quiet = true;
                continue;
            }
            Some(b'v') => {
                verbose = true;
                continue;
            }
            Some(d) if d.is_ascii_digit() => (b'n', a[1..].to_string()),
            _ => {
                let c = a[1..].chars().next().unwrap_or('-');
                let msg = if prog.busybox {
                    format!("invalid option -- '{c}'")
                } else {
                    format!("invalid option -- '{c}'\nTry '{} --help' for more information.", prog.name)
                };
                return fail(sh, prog, &msg, 1);
            }
        };
        bytes = opt == b'c';
        let (other, digits) = if head {
            match value.strip_prefix('-') {
                Some(d) => (true, d),
                None => (false, value.as_str()),
            }
        } else {
            match value.strip_prefix('+') {
                Some(d) => (true, d),
                None => (false, value.strip_prefix('-').unwrap_or(&value)),
            }
        };
        let Some(n) = parse_size(digits) else {
            let msg = if prog.busybox {
                format!("invalid number {}", q(&value))
            } else {
                format!("invalid number of {}: {}", if bytes { "bytes" } else { "lines" }, q(&value))
            };
            return fail(sh, prog, &msg, 1);
        };
        count = if other { Count::Other(n) } else { Count::Plain(n) };
    }
    let files = if files.is_empty() { vec!["-"] } else { files };
    let headers = (files.len() > 1 || verbose) && !quiet;
    let mut status = 0;
    let mut opened = 0;
    for f in files.iter() {
        let content = match open(sh, f) {
            Ok(c) => c,
            Err(e) => {
                let msg = match (prog.busybox, head) {
                    (true, true) => format!("{f}: {}", e.reason()),
                    (true, false) => format!("can't open {}: {}", q(f), e.reason()),
                    (false, _) => format!("cannot open {} for reading: {}", q(f), e.reason()),
                };
                fail(sh, prog, &msg, 1)?;
                status = 1;
                continue;
            }
        };
        if headers {
            let name = if *f == "-" { "standard input" } else { f };
            sh.out_str(&format!("{}==> {name} <==\n", if opened > 0 { "\n" } else { "" }))?;
        }
        opened += 1;
        let len = content.len();
        let piece = match (head, bytes, &count) {
            (true, true, Count::Plain(n)) => content.slice(0, *n),
            (true, true, Count::Other(n)) => {
                if content.is_endless() {
                    return endless(sh, prog);
                }
                content.slice(0, len.saturating_sub(*n))
            }
            (true, false, Count::Plain(n)) => content.slice(0, after_lines(&content, *n)),
            (false, true, Count::Other(n)) => content.slice(n.saturating_sub(1), ENDLESS),
            (false, false, Count::Other(n)) => content.slice(after_lines(&content, n.saturating_sub(1)), ENDLESS),
            (_, _, Count::Plain(n)) if !head && bytes => {
                if content.is_endless() {
                    return endless(sh, prog);
                }
                content.slice(len.saturating_sub(*n), *n)
            }
            (_, _, count) => {
                if content.is_endless() {
                    return endless(sh, prog);
                }
                let data = bounded(sh, &content)?;
                let n = match count {
                    Count::Plain(n) | Count::Other(n) => *n,
                };
                let start = last_lines_start(&data, n);
                if head {
                    let keep = count_lines(&data).saturating_sub(n);
                    let end = after_lines(&content, keep);
                    content.slice(0, end)
                } else {
                    content.slice(start as u64, ENDLESS)
                }
            }
        };
        sh.write_content(&piece)?;
    }
    if !head && prog.busybox && opened == 0 {
        fail(sh, prog, "no files", 1)?;
    }
    Ok(Some(status))
}

fn endless(_sh: &mut Shell, prog: &Prog) -> Out {
    // The real program never returns: the run is stopped like any runaway.
    Err(Flow::Abort(format!("dockersim: {}: the input never ends (the real program would run until killed)", prog.name)))
}

/// dd's operands.
struct DdOpts {
    input: Option<String>,
    output: Option<String>,
    ibs: u64,
    obs: u64,
    count: Option<u64>,
    skip: u64,
    seek: u64,
    notrunc: bool,
    ucase: bool,
    lcase: bool,
    /// 0 = full report, 1 = noxfer, 2 = none.
    status: u8,
}

fn dd(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let mut o = DdOpts {
        input: None,
        output: None,
        ibs: 512,
        obs: 512,
        count: None,
        skip: 0,
        seek: 0,
        notrunc: false,
        ucase: false,
        lcase: false,
        status: 0,
    };
    for a in args {
        if a == "--" {
            continue;
        }
        let Some((key, value)) = a.split_once('=') else {
            let msg = if prog.busybox {
                "usage: dd [if=FILE] [of=FILE] [ibs=N obs=N/bs=N] [count=N] [skip=N] [seek=N]".to_string()
            } else {
                format!("unrecognized operand {}\nTry 'dd --help' for more information.", q(a))
            };
            return fail(sh, prog, &msg, 1);
        };
        let number = |v: &str| parse_size(v).filter(|_| !v.is_empty());
        let bad = |sh: &mut Shell| -> Out {
            let msg = if prog.busybox { format!("invalid number '{value}'") } else { format!("invalid number: {}", q(value)) };
            fail(sh, prog, &msg, 1)
        };
        match key {
            "if" => o.input = Some(value.to_string()),
            "of" => o.output = Some(value.to_string()),
            "bs" | "ibs" | "obs" | "count" | "skip" | "seek" => {
                let Some(n) = number(value) else {
                    return bad(sh);
                };
                if matches!(key, "bs" | "ibs" | "obs") && n == 0 {
                    return bad(sh);
                }
                match key {
                    "bs" => (o.ibs, o.obs) = (n, n),
                    "ibs" => o.ibs = n,
                    "obs" => o.obs = n,
                    "count" => o.count = Some(n),
                    "skip" => o.skip = n,
                    _ => o.seek = n,
                }
            }
            "conv" => {
                for c in value.split(',') {
                    match c {
                        "notrunc" => o.notrunc = true,
                        "ucase" if !prog.busybox => o.ucase = true,
                        "lcase" if !prog.busybox => o.lcase = true,
                        "sync" | "noerror" | "fsync" | "swab" => {}
                        "fdatasync" | "excl" | "nocreat" | "sparse" if !prog.busybox => {}
                        _ => {
                            let msg = if prog.busybox {
                                format!("invalid argument '{c}' to 'conv'")
                            } else {
                                format!("invalid conversion: {}\nTry 'dd --help' for more information.", q(c))
                            };
                            return fail(sh, prog, &msg, 1);
                        }
                    }
                }
            }
            "status" => match value {
                "none" => o.status = 2,
                "noxfer" => o.status = o.status.max(1),
                "progress" if !prog.busybox => {}
                _ => {
                    let msg = if prog.busybox {
                        format!("invalid argument '{value}' to 'status'")
                    } else {
                        format!("invalid status level: {}\nTry 'dd --help' for more information.", q(value))
                    };
                    return fail(sh, prog, &msg, 1);
                }
            },
            "iflag" | "oflag" => {}
            _ => {
                let msg = if prog.busybox {
                    "usage: dd [if=FILE] [of=FILE] [ibs=N obs=N/bs=N] [count=N] [skip=N] [seek=N]".to_string()
                } else {
                    format!("unrecognized operand {}\nTry 'dd --help' for more information.", q(a))
                };
                return fail(sh, prog, &msg, 1);
            }
        }
    }
    let input = match &o.input {
        Some(f) => match open(sh, f) {
            Ok(c) => c,
            Err(e) => {
                let msg = if prog.busybox {
                    format!("can't open {}: {}", q(f), e.reason())
                } else {
                    format!("failed to open {}: {}", q(f), e.reason())
                };
                return fail(sh, prog, &msg, 1);
            }
        },
        None => sh.stdin_content(),
    };
    let start = o.skip.saturating_mul(o.ibs);
    let available = input.len().saturating_sub(start);
    let wanted = match o.count {
        Some(n) => n.saturating_mul(o.ibs).min(available),
        None => available,
    };
    if wanted == ENDLESS || (input.is_endless() && o.count.is_none()) {
        return endless(sh, prog);
    }
    let mut data = input.slice(start, wanted);
    if o.ucase || o.lcase {
        let mut bytes = bounded(sh, &data)?;
        if o.ucase {
            bytes.make_ascii_uppercase()
        } else {
            bytes.make_ascii_lowercase()
        }
        data = Content::from_bytes(bytes);
    }
    let (in_full, in_part) = (wanted / o.ibs, u64::from(wanted % o.ibs != 0));
    let (out_full, out_part) = (wanted / o.obs, u64::from(wanted % o.obs != 0));
    match &o.output {
        Some(f) => {
            let path = sh.abs(f);
            let offset = o.seek.saturating_mul(o.obs);
            let old = match sh.fs().get(&path) {
                Ok(Node::File { content, .. }) => content.clone(),
                Ok(Node::Dir { .. }) => {
                    let msg = if prog.busybox {
                        format!("can't open {}: Is a directory", q(f))
                    } else {
                        format!("failed to open {}: Is a directory", q(f))
                    };
                    return fail(sh, prog, &msg, 1);
                }
                _ => Content::from_bytes(Vec::new()),
            };
            let exists = sh.fs().get(&path).is_ok();
            if crate::shell::interp::stream::device(&path).is_none() {
                let allowed = if exists { sh.may(&path, Access::Write) } else { sh.may_change(&path) };
                let parent_ok = path.rfind('/').is_some_and(|i| i == 0 || matches!(sh.fs().get(&path[..i]), Ok(Node::Dir { .. })));
                if !allowed || !parent_ok {
                    let reason = if parent_ok { "Permission denied" } else { "No such file or directory" };
                    let msg =
                        if prog.busybox { format!("can't open {}: {reason}", q(f)) } else { format!("failed to open {}: {reason}", q(f)) };
                    return fail(sh, prog, &msg, 1);
                }
                // Without conv=notrunc the file is cut at the seek point.
                let head = old.slice(0, offset);
                let gap = Content::zeros(offset.saturating_sub(head.len()));
                let tail = if o.notrunc { old.slice(offset + wanted, ENDLESS) } else { Content::from_bytes(Vec::new()) };
                let new = Content::concat(vec![head, gap, data, tail]);
                sh.charge_fs(new.len(), 1)?;
                let meta = sh.meta(0o644);
                if let Err(e) = sh.fs_mut().write(&path, new, meta) {
                    let msg = format!("failed to open {}: {}", q(f), e.reason());
                    return fail(sh, prog, &msg, 1);
                }
            }
        }
        None => sh.write_content(&data)?,
    }
    if o.status < 2 {
        let mut report = format!("{in_full}+{in_part} records in\n{out_full}+{out_part} records out\n");
        if o.status == 0 {
            report.push_str(&transfer_line(wanted, prog.busybox));
        }
        sh.err_str(&report)?;
    }
    Ok(Some(0))
}

/// Simulated copy time: a fixed start-up cost plus 2 GB/s.
fn copy_seconds(bytes: u64) -> f64 {
    0.000_05 + bytes as f64 / 2.0e9
}

/// dd's third status line.
fn transfer_line(bytes: u64, busybox: bool) -> String {
    let secs = copy_seconds(bytes);
    let rate = bytes as f64 / secs;
    if busybox {
        return format!("{bytes} bytes ({}B) copied, {secs:.6} seconds, {}B/s\n", bb_human(bytes), bb_human(rate as u64));
    }
    let si = gnu_human(bytes as f64, 1000.0, "B");
    let iec = gnu_human(bytes as f64, 1024.0, "iB");
    let time = format!("{} s", g6(secs));
    let speed = format!("{}/s", gnu_human(rate, 1000.0, "B"));
    if bytes < 1000 {
        let unit = if bytes == 1 { "byte" } else { "bytes" };
        format!("{bytes} {unit} copied, {time}, {speed}\n")
    } else if bytes < 1024 {
        format!("{bytes} bytes ({si}) copied, {time}, {speed}\n")
    } else {
        format!("{bytes} bytes ({si}, {iec}) copied, {time}, {speed}\n")
    }
}

/// coreutils' `human_readable` with autoscale, round to nearest, a space
/// before the unit: one decimal below 10, none above.
fn gnu_human(value: f64, base: f64, suffix: &str) -> String {
    const PREFIXES: [&str; 9] = ["", "k", "M", "G", "T", "P", "E", "Z", "Y"];
    let mut v = value;
    let mut p = 0;
    while v >= base && p + 1 < PREFIXES.len() {
        v /= base;
        p += 1;
    }
    if p == 0 {
        return format!("{} B", value.round() as u64);
    }
    let prefix = if base == 1024.0 { PREFIXES[p].to_ascii_uppercase() } else { PREFIXES[p].to_string() };
    let suffix = if base == 1024.0 { suffix } else { "B" };
    if v < 10.0 && (v * 10.0).round() < 100.0 {
        format!("{:.1} {prefix}{suffix}", (v * 10.0).round() / 10.0)
    } else {
        format!("{} {prefix}{suffix}", v.round() as u64)
    }
}

/// printf's `%g` (six significant digits).
fn g6(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let exp = v.abs().log10().floor() as i32;
    if !(-4..6).contains(&exp) {
        let s = format!("{v:.5e}");
        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
        let m = if m.contains('.') { m.trim_end_matches('0').trim_end_matches('.') } else { m };
        let e: i32 = e.parse().unwrap_or(0);
        return format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    }
    let decimals = (5 - exp).max(0) as usize;
    let s = format!("{v:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// BusyBox's `make_human_readable_str(n, 1, 0)`: powers of 1024 with one decimal.
pub fn bb_human(n: u64) -> String {
    const UNITS: [&str; 9] = ["", "K", "M", "G", "T", "P", "E", "Z", "Y"];
    if n == 0 {
        return "0".into();
    }
    let (mut v, mut u, mut frac) = (n, 0, 0u64);
    while v >= 1024 && u + 1 < UNITS.len() {
        frac = ((v % 1024) * 10 + 512) / 1024;
        v /= 1024;
        u += 1;
    }
    if frac >= 10 {
        v += 1;
        frac = 0;
    }
    if u == 0 {
        format!("{v}")
    } else {
        format!("{v}.{frac}{}", UNITS[u])
    }
}

fn truncate(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let (mut size, mut no_create, mut reference) = (None::<String>, false, None::<String>);
    let mut files = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        i += 1;
        match a {
            "-s" | "--size" | "-r" | "--reference" => {
                let Some(v) = args.get(i) else {
                    let msg = format!("option requires an argument -- '{}'\nTry 'truncate --help' for more information.", &a[1..2]);
                    return fail(sh, prog, &msg, 1);
                };
                i += 1;
                if a.contains('s') {
                    size = Some(v.clone())
                } else {
                    reference = Some(v.clone())
                }
            }
            "-c" | "--no-create" => no_create = true,
            "-o" | "--io-blocks" => {}
            _ if a.starts_with("-s") => size = Some(a[2..].to_string()),
            _ if a.starts_with("--size=") => size = Some(a[7..].to_string()),
            _ => files.push(a),
        }
    }
    let base = match &reference {
        Some(r) => match sh.fs().get(&sh.abs(r)) {
            Ok(n) => Some(n.file_size()),
            Err(e) => {
                let msg = format!("cannot stat {}: {}", q(r), e.reason());
                return fail(sh, prog, &msg, 1);
            }
        },
        None => None,
    };
    let Some(spec) = size.or_else(|| base.map(|b| b.to_string())) else {
        let msg = if prog.busybox {
            "usage: truncate [-c] -s SIZE FILE...".to_string()
        } else {
            "you must specify either '--size' or '--reference'\nTry 'truncate --help' for more information.".to_string()
        };
        return fail(sh, prog, &msg, 1);
    };
    if files.is_empty() {
        let msg = if prog.busybox {
            "usage: truncate [-c] -s SIZE FILE...".to_string()
        } else {
            "missing file operand\nTry 'truncate --help' for more information.".to_string()
        };
        return fail(sh, prog, &msg, 1);
    }
    let (op, digits) = match spec.chars().next() {
        Some(c @ ('+' | '-' | '<' | '>' | '/' | '%')) if !prog.busybox => (c, &spec[1..]),
        _ => ('=', spec.as_str()),
    };
    let Some(n) = parse_size(digits) else {
        let msg = if prog.busybox { format!("invalid number '{spec}'") } else { format!("Invalid number: {}", q(&spec)) };
        return fail(sh, prog, &msg, 1);
    };
    let mut status = 0;
    for f in files {
        let path = sh.abs(f);
        let old = match sh.fs().get(&path) {
            Ok(Node::File { content, .. }) => content.clone(),
            Ok(Node::Dir { .. }) => {
                let msg = format!("cannot open {} for writing: Is a directory", q(f));
                fail(sh, prog, &msg, 1)?;
                status = 1;
                continue;
            }
            _ if no_create => continue,
            _ => Content::from_bytes(Vec::new()),
        };
        let cur = old.len();
        let new_len = match op {
            '+' => cur.saturating_add(n),
            '-' => cur.saturating_sub(n),
            '<' => cur.min(n),
            '>' => cur.max(n),
            '/' if n > 0 => cur / n * n,
            '%' if n > 0 => cur.div_ceil(n) * n,
            '/' | '%' => {
                return fail(sh, prog, "division by zero", 1);
            }
            _ => n,
        };
        let exists = sh.fs().get(&path).is_ok();
        let allowed = if exists { sh.may(&path, Access::Write) } else { sh.may_change(&path) };
        if !allowed {
            let msg = format!("cannot open {} for writing: Permission denied", q(f));
            fail(sh, prog, &msg, 1)?;
            status = 1;
            continue;
        }
        let new = if new_len <= cur { old.slice(0, new_len) } else { Content::concat(vec![old, Content::zeros(new_len - cur)]) };
        // Growing makes a sparse file: holes take no disk.
        sh.charge_fs(0, u64::from(!exists))?;
        let meta = sh.meta(0o644);
        if let Err(e) = sh.fs_mut().write(&path, new, meta) {
            let msg = format!("cannot open {} for writing: {}", q(f), e.reason());
            fail(sh, prog, &msg, 1)?;
            status = 1;
        }
    }
    Ok(Some(status))
}

fn fallocate(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let (mut len, mut offset, mut keep) = (None::<String>, 0u64, false);
    let mut files = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        i += 1;
        match a {
            "-l" | "--length" | "-o" | "--offset" => {
                let Some(v) = args.get(i) else {
                    return fail(sh, prog, &format!("option requires an argument -- '{}'", &a[1..2]), 1);
                };
                i += 1;
                if a.contains('l') {
                    len = Some(v.clone());
                } else {
                    match parse_size(v) {
                        Some(n) => offset = n,
                        None => return fail(sh, prog, &format!("invalid offset value specified: {v}"), 1),
                    }
                }
            }
            "-n" | "--keep-size" => keep = true,
            _ if a.starts_with("-l") => len = Some(a[2..].to_string()),
            _ if a.starts_with("--length=") => len = Some(a[9..].to_string()),
            _ => files.push(a),
        }
    }
    let Some(spec) = len else {
        let msg =
            if prog.busybox { "usage: fallocate [-o OFS] -l LEN FILE".to_string() } else { "no length argument specified".to_string() };
        return fail(sh, prog, &msg, 1);
    };
    let Some(n) = parse_size(&spec).filter(|&n| n > 0) else {
        let msg = if prog.busybox { format!("invalid number '{spec}'") } else { format!("invalid length value specified: {spec}") };
        return fail(sh, prog, &msg, 1);
    };
    let [f] = files.as_slice() else {
        let msg = if prog.busybox {
            "usage: fallocate [-o OFS] -l LEN FILE".to_string()
        } else if files.is_empty() {
            "no filename specified\nTry 'fallocate --help' for more information.".to_string()
        } else {
            "unexpected number of arguments\nTry 'fallocate --help' for more information.".to_string()
        };
        return fail(sh, prog, &msg, 1);
    };
    let path = sh.abs(f);
    let old = match sh.fs().get(&path) {
        Ok(Node::File { content, .. }) => content.clone(),
        Ok(Node::Dir { .. }) => return fail(sh, prog, &format!("cannot open {f}: Is a directory"), 1),
        _ => Content::from_bytes(Vec::new()),
    };
    let exists = sh.fs().get(&path).is_ok();
    let allowed = if exists { sh.may(&path, Access::Write) } else { sh.may_change(&path) };
    if !allowed {
        return fail(sh, prog, &format!("cannot open {f}: Permission denied"), 1);
    }
    let end = offset.saturating_add(n);
    let cur = old.len();
    if keep || end <= cur {
        if !exists {
            let meta = sh.meta(0o644);
            let _ = sh.fs_mut().write(&path, Content::from_bytes(Vec::new()), meta);
        }
        return Ok(Some(0));
    }
    sh.charge_fs(end - cur, u64::from(!exists))?;
    let new = Content::concat(vec![old, Content::zeros(end - cur)]);
    let meta = sh.meta(0o644);
    if let Err(e) = sh.fs_mut().write(&path, new, meta) {
        return fail(sh, prog, &format!("cannot open {f}: {}", e.reason()), 1);
    }
    Ok(Some(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_reports() {
        assert_eq!(parse_size("1M"), Some(1 << 20));
        assert_eq!(parse_size("1MB"), Some(1_000_000));
        assert_eq!(parse_size("2KiB"), Some(2048));
        assert_eq!(parse_size("3b"), Some(1536));
        assert_eq!(parse_size("x"), None);
        assert_eq!(gnu_human(524_288_000.0, 1000.0, "B"), "524 MB");
        assert_eq!(gnu_human(524_288_000.0, 1024.0, "iB"), "500 MiB");
        assert_eq!(gnu_human(5_242_880.0, 1000.0, "B"), "5.2 MB");
        assert_eq!(bb_human(524_288_000), "500.0M");
        assert_eq!(g6(0.262194), "0.262194");
        assert_eq!(g6(4.2413e-05), "4.2413e-05");
        assert_eq!(g6(24.71734), "24.7173");
    }
}
