//! cowsay / cowthink (Tony Monroe's Perl program, 3.03): the message is
//! wrapped as Perl's `Text::Wrap::fill` does at `-W` columns (40), put in a
//! balloon, and followed by the cow read from a cowfile on the image's
//! `COWPATH` (`docker/whalesay` puts its whale there as `default.cow`).
//! Cowfiles are Perl; the simulator reads their `$the_cow = <<EOC` /
//! `.= <<'EOC'` here-documents (the format every stock cow uses) and
//! interpolates `$thoughts`, `$eyes` and `$tongue`.

use super::Prog;
use crate::shell::interp::{Flow, Shell};

type Out = Result<Option<i32>, Flow>;

/// Where the cowfiles are when `COWPATH` is unset: the source install's
/// `%PREFIX%/share/cows`, or Debian's package directory.
const COWPATHS: &[&str] = &["/usr/local/share/cows", "/usr/share/cowsay/cows", "/usr/share/cows"];

/// Debian's `/usr/share/cowsay/cows/default.cow` (the cow itself).
const DEBIAN_DEFAULT_COW: &str = "$the_cow = <<\"EOC\";\n        $thoughts   ^__^\n         $thoughts  ($eyes)\\\\_______\n            (__)\\\\       )\\\\/\\\\\n             $tongue ||----w |\n                ||     ||\nEOC\n";

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    if !matches!(prog.name.as_str(), "cowsay" | "cowthink") {
        return Ok(None);
    }
    let think = prog.name.contains("think");
    let (mut eyes, mut tongue, mut cowfile, mut width, mut nowrap) =
        ("oo".to_string(), "  ".to_string(), "default.cow".to_string(), 40i64, false);
    let mut words: Vec<String> = Vec::new();
    let mut i = 1;
    // Getopt::Std's getopts('bde:f:ghlLnNpstT:wW:y'): options until the first non-option or `--`.
    while i < argv.len() {
        let a = &argv[i];
        if a == "--" {
            i += 1;
            break;
        }
        if !a.starts_with('-') || a.len() < 2 {
            break;
        }
        let chars: Vec<char> = a[1..].chars().collect();
        let mut j = 0;
        while j < chars.len() {
            let c = chars[j];
            j += 1;
            if matches!(c, 'e' | 'f' | 'T' | 'W') {
                let rest: String = chars[j..].iter().collect();
                let value = if rest.is_empty() {
                    i += 1;
                    argv.get(i).cloned().unwrap_or_default()
                } else {
                    rest
                };
                j = chars.len();
                match c {
                    'e' => eyes = value.chars().take(2).collect(),
                    'T' => tongue = value.chars().take(2).collect(),
                    'f' => cowfile = value,
                    _ => width = perl_number(&value),
                }
                continue;
            }
            match c {
                'b' => eyes = "==".into(),
                'd' => {
                    eyes = "xx".into();
                    tongue = "U ".into();
                }
                'g' => eyes = "$$".into(),
                'p' => eyes = "@@".into(),
                's' => {
                    eyes = "**".into();
                    tongue = "U ".into();
                }
                't' => eyes = "--".into(),
                'w' => eyes = "OO".into(),
                'y' => eyes = "..".into(),
                'n' => nowrap = true,
                'N' | 'L' => {}
                'h' | 'l' => {
                    sh.err_str(&format!("dockersim: {} -{c}: not simulated\n", prog.name))?;
                    return Ok(Some(1));
                }
                other => sh.err_str(&format!("Unknown option: {other}\n"))?,
            }
        }
        i += 1;
    }
    words.extend(argv[i.min(argv.len())..].iter().cloned());
    // `unless ($ARGV[0])`: no words (or a first word Perl finds false) reads standard input.
    let lines: Vec<Vec<u8>> = if words.first().is_some_and(|w| !w.is_empty() && w != "0") {
        vec![words.join(" ").into_bytes()]
    } else {
        let input = sh.stdin.clone();
        let mut l: Vec<Vec<u8>> = input.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
        if input.ends_with(b"\n") || input.is_empty() {
            l.pop();
        }
        l
    };
    let message = if nowrap { lines } else { fill(&lines, width) };
    let cow = find_cow(sh, &cowfile).or_else(|| {
        // Debian's package (`apt-get install cowsay`): its cowfiles are not
        // part of the simulated package data; the default cow is known.
        let debian = COWPATHS[1..].iter().all(|d| !sh.fs().exists(d)) && sh.var("COWPATH").is_none();
        (debian && matches!(cowfile.as_str(), "default" | "default.cow")).then(|| DEBIAN_DEFAULT_COW.to_string())
    });
    let Some(cow) = cow else {
        sh.err_str(&format!("{}: Could not find {cowfile} cowfile!\n", prog.name))?;
        return Ok(Some(2));
    };
    let Some(cow) = read_cow(&cow, if think { "o" } else { "\\" }, &eyes, &tongue) else {
        sh.err_str(&format!("dockersim: {}: the cowfile {cowfile} is Perl the simulator cannot read\n", prog.name))?;
        return Ok(Some(1));
    };
    let mut out = balloon(&message, think);
    out.extend_from_slice(cow.as_bytes());
    sh.out_str(&String::from_utf8_lossy(&out))?;
    Ok(Some(0))
}

/// Perl's numeric value of a string (leading digits; else 0).
fn perl_number(s: &str) -> i64 {
    let t = s.trim_start();
    let (sign, digits) = match t.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, t.strip_prefix('+').unwrap_or(t)),
    };
    let n: String = digits.chars().take_while(char::is_ascii_digit).take(9).collect();
    sign * n.parse::<i64>().unwrap_or(0)
}

/// `Text::Wrap::fill("", "", @lines)` split on newlines: paragraphs (split at
/// a newline followed by whitespace) have their whitespace runs squeezed to
/// one space and are wrapped; a blank line separates them.
fn fill(lines: &[Vec<u8>], columns: i64) -> Vec<Vec<u8>> {
    let joined = lines.join(&b'\n');
    let mut paragraphs: Vec<Vec<u8>> = Vec::new();
    let mut start = 0;
    let mut k = 0;
    while k < joined.len() {
        if joined[k] == b'\n' && joined.get(k + 1).is_some_and(u8::is_ascii_whitespace) {
            paragraphs.push(joined[start..k].to_vec());
            k += 1;
            while k < joined.len() && joined[k].is_ascii_whitespace() {
                k += 1;
            }
            start = k;
            continue;
        }
        k += 1;
    }
    paragraphs.push(joined[start..].to_vec());
    // Perl's split drops trailing empty fields.
    while paragraphs.len() > 1 && paragraphs.last().is_some_and(Vec::is_empty) {
        paragraphs.pop();
    }
    let mut text: Vec<u8> = Vec::new();
    for (n, p) in paragraphs.iter().enumerate() {
        if n > 0 {
            text.extend_from_slice(b"\n\n");
        }
        let mut squeezed = Vec::with_capacity(p.len());
        for &b in p {
            if b.is_ascii_whitespace() {
                if squeezed.last() != Some(&b' ') {
                    squeezed.push(b' ');
                }
            } else {
                squeezed.push(b);
            }
        }
        text.extend(wrap(&squeezed, columns));
    }
    let mut out: Vec<Vec<u8>> = text.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
    while out.last().is_some_and(Vec::is_empty) {
        out.pop();
    }
    out
}

/// `Text::Wrap::wrap("", "", text)` for a paragraph without newlines: lines
/// of at most `columns - 1` bytes broken at a space (which is dropped), a
/// longer word cut; the last break is kept at the end.
fn wrap(t: &[u8], columns: i64) -> Vec<u8> {
    let ll = (columns - 1).max(0) as usize;
    let mut out = Vec::new();
    let mut pos = 0;
    let mut remainder: &[u8] = b"";
    let mut nl = false;
    while t[pos..].iter().any(|b| !b.is_ascii_whitespace()) {
        let most = ll.min(t.len() - pos);
        let fit = (0..=most).rev().find(|&k| pos + k == t.len() || t[pos + k].is_ascii_whitespace());
        if nl {
            out.push(b'\n');
        }
        match fit {
            Some(k) => {
                out.extend_from_slice(&t[pos..pos + k]);
                if pos + k == t.len() {
                    remainder = b"";
                    pos += k;
                } else {
                    remainder = &t[pos + k..pos + k + 1];
                    pos += k + 1;
                }
            }
            None if ll > 0 => {
                out.extend_from_slice(&t[pos..pos + ll]);
                remainder = b"\n";
                pos += ll;
            }
            None => break,
        }
        nl = true;
    }
    out.extend_from_slice(remainder);
    if pos < t.len() && !t[pos..].iter().all(u8::is_ascii_whitespace) {
        out.extend_from_slice(&t[pos..]);
    }
    out
}

/// The balloon: `_` and `-` rules two wider than the longest line, `< >`
/// around one line, `/ \`, `| |`, `\ /` around several, `( )` for cowthink.
fn balloon(message: &[Vec<u8>], think: bool) -> Vec<u8> {
    let max = message.iter().map(Vec::len).max().map_or(-1, |m| m as i64);
    let width = if max < 0 { 1 } else { max as usize };
    let rule = |c: u8| {
        let mut l = vec![b' '];
        l.extend(std::iter::repeat_n(c, (max + 2).max(0) as usize));
        l.extend_from_slice(b" \n");
        l
    };
    let line = |open: &str, text: &[u8], close: &str| {
        let mut l = open.as_bytes().to_vec();
        l.push(b' ');
        l.extend_from_slice(text);
        l.extend(std::iter::repeat_n(b' ', width.saturating_sub(text.len())));
        l.push(b' ');
        l.extend_from_slice(close.as_bytes());
        l.push(b'\n');
        l
    };
    let mut out = rule(b'_');
    let first = message.first().map_or(&[][..], Vec::as_slice);
    if think {
        for m in message.iter().map(Vec::as_slice).chain((message.is_empty()).then_some(first)) {
            out.extend(line("(", m, ")"));
        }
    } else if message.len() < 2 {
        out.extend(line("<", first, ">"));
    } else {
        out.extend(line("/", first, "\\"));
        for m in &message[1..message.len() - 1] {
            out.extend(line("|", m, "|"));
        }
        out.extend(line("\\", &message[message.len() - 1], "/"));
    }
    out.extend(rule(b'-'));
    out
}

/// The cowfile's text: `-f` with a `/` is a path, else a name (with or
/// without `.cow`) in the `COWPATH` directories.
fn find_cow(sh: &Shell, name: &str) -> Option<String> {
    let read = |p: &str| sh.fs().read(p).ok().map(|b| String::from_utf8_lossy(&b).into_owned());
    if name.contains('/') {
        return read(&sh.abs(name));
    }
    let cowpath = sh.var("COWPATH");
    let dirs: Vec<String> = match &cowpath {
        Some(p) => p.split(':').map(str::to_string).collect(),
        None => COWPATHS.iter().map(|d| d.to_string()).collect(),
    };
    dirs.iter().flat_map(|d| [format!("{d}/{name}"), format!("{d}/{name}.cow")]).find_map(|p| read(&p))
}

/// Runs the part of a cowfile that every stock cow is: here-documents
/// assigned (`=`) or appended (`.=`) to `$the_cow`, interpolated unless
/// quoted with `'`.
fn read_cow(text: &str, thoughts: &str, eyes: &str, tongue: &str) -> Option<String> {
    let mut cow: Option<String> = None;
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let l = line.trim();
        let Some(rest) = l.strip_prefix("$the_cow") else { continue };
        let rest = rest.trim_start();
        let (append, rest) = match rest.strip_prefix(".=") {
            Some(r) => (true, r),
            None => (false, rest.strip_prefix('=')?),
        };
        let tag = rest.trim().strip_prefix("<<")?.trim_end_matches(';').trim();
        let (tag, literal) =
            if let Some(t) = tag.strip_prefix('\'') { (t.trim_end_matches('\''), true) } else { (tag.trim_matches('"'), false) };
        let mut body = String::new();
        let mut closed = false;
        for b in lines.by_ref() {
            if b == tag {
                closed = true;
                break;
            }
            body.push_str(b);
            body.push('\n');
        }
        if !closed {
            return None;
        }
        let piece = if literal { body } else { interpolate(&body, thoughts, eyes, tongue) };
        match (&mut cow, append) {
            (Some(c), true) => c.push_str(&piece),
            (c, _) => *c = Some(piece),
        }
    }
    cow
}

/// Perl's interpolation of a `<<EOC` here-document for the variables a
/// cowfile uses; backslash escapes drop the backslash (`\\` → `\`).
fn interpolate(body: &str, thoughts: &str, eyes: &str, tongue: &str) -> String {
    let mut out = String::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(o) => out.push(o),
                None => out.push('\\'),
            },
            '$' => {
                let braced = chars.peek() == Some(&'{');
                if braced {
                    chars.next();
                }
                let mut name = String::new();
                while let Some(&n) = chars.peek() {
                    if n.is_ascii_alphanumeric() || n == '_' {
                        name.push(n);
                        chars.next();
                    } else {
                        break;
                    }
                }
                if braced && chars.peek() == Some(&'}') {
                    chars.next();
                }
                match name.as_str() {
                    "thoughts" => out.push_str(thoughts),
                    "eyes" => out.push_str(eyes),
                    "tongue" => out.push_str(tongue),
                    "" => out.push('$'),
                    _ => {}
                }
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Vec<u8>]) -> Vec<String> {
        lines.iter().map(|l| String::from_utf8_lossy(l).into_owned()).collect()
    }

    #[test]
    fn wraps_like_text_wrap_at_forty_columns() {
        let msg = b"The quick brown fox jumps over the lazy dog and keeps on running".to_vec();
        assert_eq!(text(&fill(&[msg], 40)), ["The quick brown fox jumps over the lazy", "dog and keeps on running"]);
        let long = vec![b'x'; 45];
        assert_eq!(text(&fill(&[long], 40)), ["x".repeat(39), "x".repeat(6)]);
        assert_eq!(text(&fill(&[b"a\n\nb".to_vec()], 40)), ["a", "", "b"]);
    }

    #[test]
    fn balloon_shapes() {
        assert_eq!(String::from_utf8_lossy(&balloon(&[b"boo".to_vec()], false)), " _____ \n< boo >\n ----- \n");
        assert_eq!(String::from_utf8_lossy(&balloon(&[], false)), " _ \n<   >\n - \n");
        let two = balloon(&[b"ab".to_vec(), b"c".to_vec()], false);
        assert_eq!(String::from_utf8_lossy(&two), " ____ \n/ ab \\\n\\ c  /\n ---- \n");
    }

    #[test]
    fn reads_here_documents() {
        let cow = "##\n$the_cow = <<EOC;\n  $thoughts ($eyes)\n \\\\_\\_/\nEOC\n$the_cow .= <<'EOC';\n \\x $y\nEOC\n";
        assert_eq!(read_cow(cow, "\\", "oo", "  ").as_deref(), Some("  \\ (oo)\n \\__/\n \\x $y\n"));
        assert_eq!(read_cow("print 1;\n", "\\", "oo", "  "), None);
    }
}
