//! Counting and digesting whole files without holding them: wc, md5sum,
//! sha1sum, sha256sum (with `-c` check mode). Real digests of the virtual
//! bytes, streamed from [`Content`].

use super::bytes::open;
use super::{fail, q, Prog};
use crate::shell::interp::{Flow, Shell};
use crate::vfs::Content;
use sha2::Digest;

type Out = Result<Option<i32>, Flow>;

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    match prog.name.as_str() {
        "wc" => wc(sh, prog, &argv[1..]),
        "md5sum" | "sha1sum" | "sha256sum" => sum(sh, prog, &argv[1..]),
        "od" => od(sh, prog, &argv[1..]),
        _ => Ok(None),
    }
}

/// Lines, words, bytes of `c` (words as GNU wc counts them in the C locale).
fn counts(c: &Content) -> (u64, u64, u64) {
    if let Content::Repeat { pattern, size } = c {
        if pattern.iter().all(|&b| !b.is_ascii_graphic() && b < 0x80) {
            let nl = pattern.iter().filter(|&&b| b == b'\n').count() as u64;
            let periods = size / pattern.len() as u64;
            let rest = (size % pattern.len() as u64) as usize;
            return (nl * periods + pattern[..rest].iter().filter(|&&b| b == b'\n').count() as u64, 0, *size);
        }
    }
    let (mut lines, mut words, mut in_word) = (0u64, 0u64, false);
    c.for_each_chunk(|chunk| {
        for &b in chunk {
            if b == b'\n' {
                lines += 1;
            }
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
                in_word = false;
            } else if (b.is_ascii_graphic() || b >= 0x80) && !in_word {
                in_word = true;
                words += 1;
            }
        }
    });
    (lines, words, c.len())
}

fn wc(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let (mut l, mut w, mut c, mut longest) = (false, false, false, false);
    let mut files: Vec<&str> = Vec::new();
    for a in args {
        if a.starts_with('-') && a.len() > 1 {
            for ch in a[1..].chars() {
                match ch {
                    'l' => l = true,
                    'w' => w = true,
                    'c' | 'm' => c = true,
                    'L' => longest = true,
                    _ => {
                        let msg = if prog.busybox {
                            format!("invalid option -- '{ch}'")
                        } else {
                            format!("invalid option -- '{ch}'\nTry 'wc --help' for more information.")
                        };
                        return fail(sh, prog, &msg, 1);
                    }
                }
            }
        } else {
            files.push(a);
        }
    }
    if longest && !(l || w || c) {
        return fail(sh, prog, "dockersim: wc -L is not simulated", 1);
    }
    if !(l || w || c) {
        (l, w, c) = (true, true, true);
    }
    let selected = [l, w, c].iter().filter(|&&x| x).count();
    let named = !files.is_empty();
    let files = if named { files } else { vec!["-"] };
    let mut rows: Vec<(Option<String>, [u64; 3])> = Vec::new();
    let (mut status, mut any_stream, mut regular_total) = (0, false, 0u64);
    for f in &files {
        match open(sh, f) {
            Ok(content) => {
                if *f == "-" || content.is_endless() {
                    any_stream = true;
                } else {
                    regular_total += content.len();
                }
                if content.is_endless() {
                    return Err(Flow::Abort("dockersim: wc: the input never ends (the real program would run until killed)".into()));
                }
                let (a, b, d) = counts(&content);
                rows.push((named.then(|| f.to_string()), [a, b, d]));
            }
            Err(e) => {
                fail(sh, prog, &format!("{f}: {}", e.reason()), 1)?;
                status = 1;
            }
        }
    }
    if rows.len() > 1 || (files.len() > 1 && !rows.is_empty()) {
        let mut total = [0u64; 3];
        for (_, r) in &rows {
            for i in 0..3 {
                total[i] += r[i];
            }
        }
        rows.push((Some("total".into()), total));
    }
    let width = if prog.busybox {
        if selected == 1 && files.len() == 1 {
            0
        } else {
            9
        }
    } else if selected == 1 && files.len() == 1 {
        1
    } else {
        let digits = regular_total.max(1).to_string().len();
        if any_stream {
            digits.max(7)
        } else {
            digits
        }
    };
    let mut out = String::new();
    for (name, r) in rows {
        let cols: Vec<String> = [l, w, c].iter().zip(r).filter(|(on, _)| **on).map(|(_, n)| format!("{n:>width$}")).collect();
        out.push_str(&cols.join(" "));
        if let Some(n) = name {
            out.push(' ');
            out.push_str(&n);
        }
        out.push('\n');
    }
    sh.out_str(&out)?;
    Ok(Some(status))
}

/// The hex digest of `c` with the algorithm `name` names.
fn digest(name: &str, c: &Content) -> String {
    match name {
        "md5sum" => {
            let mut h = crate::digest::Md5::new();
            c.for_each_chunk(|b| h.update(b));
            crate::digest::hex(&h.finish())
        }
        "sha1sum" => {
            let mut h = crate::digest::Sha1::new();
            c.for_each_chunk(|b| h.update(b));
            crate::digest::hex(&h.finish())
        }
        _ => {
            let mut h = sha2::Sha256::new();
            c.for_each_chunk(|b| h.update(b));
            crate::digest::hex(&h.finalize())
        }
    }
}

fn sum(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let (mut check, mut quiet, mut status_only) = (false, false, false);
    let mut files: Vec<&str> = Vec::new();
    for a in args {
        match a.as_str() {
            "-c" | "--check" => check = true,
            "--quiet" => quiet = true,
            "-s" | "--status" => status_only = true,
            "-b" | "-t" | "--binary" | "--text" | "-w" | "--warn" | "--strict" => {}
            _ => files.push(a),
        }
    }
    let files = if files.is_empty() { vec!["-"] } else { files };
    let hex_len = match prog.name.as_str() {
        "md5sum" => 32,
        "sha1sum" => 40,
        _ => 64,
    };
    let mut status = 0;
    if !check {
        for f in files {
            match open(sh, f) {
                Ok(c) if c.is_endless() => {
                    return Err(Flow::Abort(format!(
                        "dockersim: {}: the input never ends (the real program would run until killed)",
                        prog.name
                    )));
                }
                Ok(c) => {
                    let d = digest(&prog.name, &c);
                    sh.out_str(&format!("{d}  {f}\n"))?;
                }
                Err(e) => {
                    let msg = if prog.busybox { format!("can't open {}: {}", q(f), e.reason()) } else { format!("{f}: {}", e.reason()) };
                    fail(sh, prog, &msg, 1)?;
                    status = 1;
                }
            }
        }
        return Ok(Some(status));
    }
    let (mut failed, mut total, mut bad_lines) = (0, 0, 0);
    for list in files {
        let text = match open(sh, list) {
            Ok(c) => String::from_utf8_lossy(&super::bytes::bounded(sh, &c)?).into_owned(),
            Err(e) => {
                let msg = if prog.busybox { format!("can't open {}: {}", q(list), e.reason()) } else { format!("{list}: {}", e.reason()) };
                fail(sh, prog, &msg, 1)?;
                status = 1;
                continue;
            }
        };
        for line in text.lines() {
            let parsed = line.get(..hex_len).filter(|h| h.chars().all(|c| c.is_ascii_hexdigit())).and_then(|h| {
                let rest = &line[hex_len..];
                rest.strip_prefix("  ").or_else(|| rest.strip_prefix(" *")).map(|name| (h.to_ascii_lowercase(), name))
            });
            let Some((want, name)) = parsed else {
                bad_lines += 1;
                continue;
            };
            total += 1;
            match open(sh, name) {
                Ok(c) => {
                    let ok = digest(&prog.name, &c) == want;
                    if !ok {
                        failed += 1;
                    }
                    if !(status_only || ok && quiet) {
                        sh.out_str(&format!("{name}: {}\n", if ok { "OK" } else { "FAILED" }))?;
                    }
                }
                Err(e) => {
                    failed += 1;
                    if !status_only {
                        if prog.busybox {
                            fail(sh, prog, &format!("can't open {}: {}", q(name), e.reason()), 1)?;
                            sh.out_str(&format!("{name}: FAILED\n"))?;
                        } else {
                            fail(sh, prog, &format!("{name}: {}", e.reason()), 1)?;
                            sh.out_str(&format!("{name}: FAILED open or read\n"))?;
                        }
                    }
                }
            }
        }
    }
    if total == 0 && bad_lines > 0 {
        let msg = if prog.busybox {
            format!("WARNING: {bad_lines} of {bad_lines} computed checksums did NOT match")
        } else {
            format!("{}: no properly formatted checksum lines found", files_name(args))
        };
        fail(sh, prog, &msg, 1)?;
        return Ok(Some(1));
    }
    if failed > 0 {
        if !status_only {
            let msg = if prog.busybox {
                format!("WARNING: {failed} of {total} computed checksums did NOT match")
            } else if failed == 1 {
                "WARNING: 1 computed checksum did NOT match".to_string()
            } else {
                format!("WARNING: {failed} computed checksums did NOT match")
            };
            fail(sh, prog, &msg, 1)?;
        }
        status = 1;
    }
    Ok(Some(status))
}

fn files_name(args: &[String]) -> String {
    args.iter().rfind(|a| !a.starts_with('-')).cloned().unwrap_or_else(|| "standard input".into())
}

/// od: `-c`, `-t x1/o1/d1/u1/x2/o2/c`, `-A d/o/x/n`, `-v`; the default is
/// octal two-byte words. Repeated lines collapse to `*` as the real od does.
pub fn od(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let (mut kind, mut radix, mut all) = ("o2".to_string(), 'o', false);
    let mut files = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        match a {
            "-c" => kind = "c".into(),
            "-x" => kind = "x2".into(),
            "-v" => all = true,
            "-b" => kind = "o1".into(),
            "-d" => kind = "u2".into(),
            _ if a.starts_with("-t") => {
                let v = if a.len() > 2 {
                    a[2..].to_string()
                } else {
                    i += 1;
                    args.get(i).cloned().unwrap_or_default()
                };
                kind = match v.as_str() {
                    "x" => "x4".into(),
                    "o" => "o4".into(),
                    "d" => "d4".into(),
                    "u" => "u4".into(),
                    _ => v,
                };
            }
            _ if a.starts_with("-A") => {
                let v = if a.len() > 2 {
                    a[2..].to_string()
                } else {
                    i += 1;
                    args.get(i).cloned().unwrap_or_default()
                };
                radix = v.chars().next().unwrap_or('o');
            }
            _ => files.push(a.to_string()),
        }
        i += 1;
    }
    let files = if files.is_empty() { vec!["-".to_string()] } else { files };
    let mut data = Vec::new();
    for f in &files {
        match open(sh, f) {
            Ok(c) => data.extend(super::bytes::bounded(sh, &c)?),
            Err(e) => {
                return fail(sh, prog, &format!("{f}: {}", e.reason()), 1);
            }
        }
    }
    let size: usize = kind[1..].parse().unwrap_or(1).clamp(1, 8);
    let addr = |n: usize| match radix {
        'd' => format!("{n:07}"),
        'x' => format!("{n:06x}"),
        'n' => String::new(),
        _ => format!("{n:07o}"),
    };
    let mut out = String::new();
    let mut last: Option<&[u8]> = None;
    let mut starred = false;
    for (k, line) in data.chunks(16).enumerate() {
        if !all && last == Some(line) && line.len() == 16 {
            if !starred {
                out.push_str("*\n");
                starred = true;
            }
            continue;
        }
        starred = false;
        last = Some(line);
        out.push_str(&addr(k * 16));
        if kind.starts_with('c') {
            for &b in line {
                let s = match b {
                    0 => "\\0".to_string(),
                    7 => "\\a".into(),
                    8 => "\\b".into(),
                    9 => "\\t".into(),
                    10 => "\\n".into(),
                    11 => "\\v".into(),
                    12 => "\\f".into(),
                    13 => "\\r".into(),
                    32..=126 => (b as char).to_string(),
                    _ => format!("{b:03o}"),
                };
                out.push_str(&format!("{s:>4}"));
            }
        } else {
            for word in line.chunks(size) {
                let mut v = 0u64;
                for (j, &b) in word.iter().enumerate() {
                    v |= u64::from(b) << (8 * j);
                }
                let s = match kind.as_bytes()[0] {
                    b'x' => format!("{v:0w$x}", w = size * 2),
                    b'd' => format!("{:>w$}", (v as i64) << (64 - 8 * size) >> (64 - 8 * size), w = [0, 4, 6, 0, 11, 0, 0, 0, 20][size]),
                    b'u' => format!("{v:>w$}", w = [0, 3, 5, 0, 10, 0, 0, 0, 20][size]),
                    _ => format!("{v:0w$o}", w = [0, 3, 6, 0, 11, 0, 0, 0, 22][size]),
                };
                out.push(' ');
                out.push_str(&s);
            }
        }
        out.push('\n');
    }
    if radix != 'n' {
        out.push_str(&addr(data.len()));
        out.push('\n');
    }
    sh.out_str(&out)?;
    Ok(Some(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_match_known_values() {
        let abc = Content::from_bytes("abc");
        assert_eq!(digest("md5sum", &abc), "900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(digest("sha1sum", &abc), "a9993e364706816aba3e25717850c26c9cd0d89d");
        assert_eq!(digest("sha256sum", &abc), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        let long = Content::zeros(1000);
        assert_eq!(digest("md5sum", &long), "ede3d3b685b4e137ba4cb2521329a75e");
        assert_eq!(counts(&Content::from_bytes("a b\nc\n")), (2, 3, 6));
        // A last block with more than 55 bytes pads into a second block.
        let sixty = Content::from_bytes("a".repeat(60));
        assert_eq!(digest("md5sum", &sixty), "cc7ed669cf88f201c3297c6a91e1d18d");
        assert_eq!(digest("sha1sum", &sixty), "13d956033d9af449bfe2c4ef78c17c20469c4bf1");
    }
}
