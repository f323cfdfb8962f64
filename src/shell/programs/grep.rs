//! `grep`, `egrep`, `fgrep`: GNU grep 3.8's options, output and messages
//! (Debian/Ubuntu images) or BusyBox's (Alpine), over `crate::regex`.

use super::{bytes, Prog};
use crate::regex::{Regex, Syntax};
use crate::shell::expand::fnmatch;
use crate::shell::interp::{Flow, Shell};
use crate::vfs::{Content, Node};

type Out = Result<Option<i32>, Flow>;

/// At most this much of one input is searched (larger or endless inputs: their start).
const INPUT_LIMIT: u64 = 8 << 20;

/// A content's bytes, the first `INPUT_LIMIT` of them.
pub fn materialise(c: &Content) -> Vec<u8> {
    let len = c.len().min(INPUT_LIMIT);
    let mut out = Vec::with_capacity(len as usize);
    c.range_chunks(0, len, &mut |b| out.extend_from_slice(b));
    out
}

#[derive(Default)]
struct Opts {
    syntax: Option<Syntax>,
    fixed: bool,
    icase: bool,
    invert: bool,
    count: bool,
    number: bool,
    only: bool,
    list: bool,
    list_missing: bool,
    recursive: bool,
    deref: bool,
    word: bool,
    line: bool,
    quiet: bool,
    silent: bool,
    names: Option<bool>,
    after: usize,
    before: usize,
    max: Option<u64>,
    patterns: Vec<String>,
    have_patterns: bool,
    include: Vec<String>,
    /// `-z`: NUL-separated lines.
    null: bool,
    /// `-b`: the byte offset before each line.
    offsets: bool,
    /// `-a`: binary files as text.
    text: bool,
    exclude: Vec<String>,
    exclude_dir: Vec<String>,
}

struct Search {
    res: Vec<Regex>,
    o: Opts,
    busybox: bool,
    out: String,
    /// Messages for stderr ("binary file matches").
    err: String,
    /// Something was printed with context (so groups are separated by `--`).
    printed_any: bool,
}

fn usage(sh: &mut Shell, prog: &Prog, bad: Option<String>) -> Out {
    let mut msg = bad.map(|b| format!("grep: {b}\n")).unwrap_or_default();
    if prog.busybox {
        msg.push_str("BusyBox v1.36.1 (2024-06-10 08:12:19 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFEz] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n");
    } else {
        msg.push_str("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
    }
    sh.err_str(&msg)?;
    Ok(Some(2))
}

fn number(sh: &mut Shell, prog: &Prog, v: &str, what: &str) -> Result<Result<u64, i32>, Flow> {
    match v.trim().parse::<u64>() {
        Ok(n) => Ok(Ok(n)),
        Err(_) => {
            let msg = if prog.busybox { format!("grep: invalid number '{v}'\n") } else { format!("grep: {v}: invalid {what} argument\n") };
            sh.err_str(&msg)?;
            Ok(Err(2))
        }
    }
}

pub fn grep(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let mut o = Opts::default();
    match prog.name.as_str() {
        "egrep" => o.syntax = Some(Syntax::Ere),
        "fgrep" => o.fixed = true,
        _ => {}
    }
    let mut operands: Vec<String> = Vec::new();
    let mut files_from: Vec<String> = Vec::new();
    let mut i = 0;
    let mut only_operands = false;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if only_operands || a == "-" || !a.starts_with('-') {
            operands.push(a.clone());
            continue;
        }
        if a == "--" {
            only_operands = true;
            continue;
        }
        if let Some(long) = a.strip_prefix("--") {
            if prog.busybox && !long.starts_with("color") {
                return usage(sh, prog, Some(format!("unrecognized option '{a}'")));
            }
            let (name, value) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            let needs = matches!(
                name,
                "binary-files"
                    | "regexp"
                    | "file"
                    | "after-context"
                    | "before-context"
                    | "context"
                    | "max-count"
                    | "include"
                    | "exclude"
                    | "exclude-dir"
            );
            let value = if needs && value.is_none() {
                if i >= args.len() {
                    let msg = format!("option '--{name}' requires an argument");
                    return usage(sh, prog, Some(msg));
                }
                i += 1;
                Some(args[i - 1].clone())
            } else {
                value
            };
            if value.is_some() && !needs && !matches!(name, "color" | "colour") {
                return usage(sh, prog, Some(format!("option '--{name}' doesn't allow an argument")));
            }
            let v = value.clone().unwrap_or_default();
            match name {
                "extended-regexp" => o.syntax = Some(Syntax::Ere),
                "basic-regexp" => o.syntax = Some(Syntax::Bre),
                "fixed-strings" => o.fixed = true,
                "ignore-case" => o.icase = true,
                "no-ignore-case" => o.icase = false,
                "invert-match" => o.invert = true,
                "count" => o.count = true,
                "line-number" => o.number = true,
                "only-matching" => o.only = true,
                "files-with-matches" => o.list = true,
                "files-without-match" => o.list_missing = true,
                "recursive" => o.recursive = true,
                "dereference-recursive" => {
                    o.recursive = true;
                    o.deref = true;
                }
                "word-regexp" => o.word = true,
                "line-regexp" => o.line = true,
                "quiet" | "silent" => o.quiet = true,
                "no-messages" => o.silent = true,
                "no-filename" => o.names = Some(false),
                "with-filename" => o.names = Some(true),
                "color" | "colour" | "line-buffered" | "binary" => {}
                "text" => o.text = true,
                "null-data" => o.null = true,
                "byte-offset" => o.offsets = true,
                "binary-files" => o.text = v == "text",
                "regexp" => {
                    o.patterns.push(v);
                    o.have_patterns = true;
                }
                "file" => files_from.push(v),
                "include" => o.include.push(v),
                "exclude" => o.exclude.push(v),
                "exclude-dir" => o.exclude_dir.push(v),
                "after-context" | "before-context" | "context" | "max-count" => {
                    let n = match number(sh, prog, &v, if name == "max-count" { "max count" } else { "context length" })? {
                        Ok(n) => n,
                        Err(s) => return Ok(Some(s)),
                    };
                    match name {
                        "after-context" => o.after = n as usize,
                        "before-context" => o.before = n as usize,
                        "context" => (o.after, o.before) = (n as usize, n as usize),
                        _ => o.max = Some(n),
                    }
                }
                _ => {
                    let msg = format!("dockersim: grep: option --{name} is not simulated\n");
                    sh.err_str(&msg)?;
                    return Ok(Some(2));
                }
            }
            continue;
        }
        let chars: Vec<char> = a[1..].chars().collect();
        let mut k = 0;
        while k < chars.len() {
            let c = chars[k];
            k += 1;
            if c.is_ascii_digit() {
                // -NUM: context both ways.
                let digits: String = chars[k - 1..].iter().take_while(|c| c.is_ascii_digit()).collect();
                k += digits.len() - 1;
                let n = digits.parse().unwrap_or(0);
                (o.after, o.before) = (n, n);
                continue;
            }
            if matches!(c, 'e' | 'f' | 'A' | 'B' | 'C' | 'm') {
                let value: String = if k < chars.len() {
                    let v = chars[k..].iter().collect();
                    k = chars.len();
                    v
                } else if i < args.len() {
                    i += 1;
                    args[i - 1].clone()
                } else {
                    return usage(sh, prog, Some(format!("option requires an argument -- '{c}'")));
                };
                match c {
                    'e' => {
                        o.patterns.push(value);
                        o.have_patterns = true;
                    }
                    'f' => files_from.push(value),
                    _ => {
                        let n = match number(sh, prog, &value, if c == 'm' { "max count" } else { "context length" })? {
                            Ok(n) => n,
                            Err(s) => return Ok(Some(s)),
                        };
                        match c {
                            'A' => o.after = n as usize,
                            'B' => o.before = n as usize,
                            'C' => (o.after, o.before) = (n as usize, n as usize),
                            _ => o.max = Some(n),
                        }
                    }
                }
                continue;
            }
            match c {
                'E' => o.syntax = Some(Syntax::Ere),
                'G' => o.syntax = Some(Syntax::Bre),
                'F' => o.fixed = true,
                'i' | 'y' => o.icase = true,
                'v' => o.invert = true,
                'c' => o.count = true,
                'n' => o.number = true,
                'o' => o.only = true,
                'l' => o.list = true,
                'L' => o.list_missing = true,
                'r' => o.recursive = true,
                'R' => {
                    o.recursive = true;
                    o.deref = true;
                }
                'w' => o.word = true,
                'x' => o.line = true,
                'q' => o.quiet = true,
                's' => o.silent = true,
                'h' => o.names = Some(false),
                'H' => o.names = Some(true),
                'a' => o.text = true,
                'I' | 'U' => {}
                'z' => o.null = true,
                'b' if !prog.busybox => o.offsets = true,
                'P' if !prog.busybox => {
                    sh.err_str("dockersim: grep: -P (Perl regular expressions) is not simulated\n")?;
                    return Ok(Some(2));
                }
                _ => return usage(sh, prog, Some(format!("invalid option -- '{c}'"))),
            }
        }
    }
    for f in &files_from {
        let content = match bytes::open(sh, f) {
            Ok(c) => materialise(&c),
            Err(e) => {
                sh.err_str(&format!("grep: {f}: {}\n", e.reason()))?;
                return Ok(Some(2));
            }
        };
        let text = String::from_utf8_lossy(&content).into_owned();
        o.patterns.extend(text.strip_suffix('\n').unwrap_or(&text).split('\n').filter(|_| !text.is_empty()).map(str::to_string));
        o.have_patterns = true;
    }
    if !o.have_patterns {
        if operands.is_empty() {
            return usage(sh, prog, None);
        }
        let p = operands.remove(0);
        o.patterns.push(p);
    }
    // A pattern with newlines is several patterns.
    let patterns: Vec<String> = o.patterns.iter().flat_map(|p| p.split('\n').map(str::to_string).collect::<Vec<_>>()).collect();
    let syntax = o.syntax.unwrap_or(Syntax::Bre);
    let mut res = Vec::new();
    let mut warned = Vec::new();
    for p in &patterns {
        let source = if o.fixed { fixed_pattern(p) } else { p.clone() };
        let wrapped = if o.line {
            match syntax {
                Syntax::Ere if !o.fixed => format!("^({source})$"),
                _ => format!("^\\({source}\\)$"),
            }
        } else {
            source.clone()
        };
        let syn = if o.fixed { Syntax::Bre } else { syntax };
        let compiled = Regex::new(&wrapped, syn, o.icase).and_then(|re| {
            // `-x` added a group: validate the pattern alone (its own errors, back-references).
            if o.line {
                Regex::new(&source, syn, o.icase).map(|_| re)
            } else {
                Ok(re)
            }
        });
        match compiled {
            Ok(re) => {
                if !prog.busybox {
                    warned.extend(re.warnings().iter().cloned());
                }
                res.push(re);
            }
            Err(e) => {
                let msg = if prog.busybox { format!("grep: bad regex '{p}'\n") } else { format!("grep: {}\n", e.gnu()) };
                sh.err_str(&msg)?;
                return Ok(Some(2));
            }
        }
    }
    for w in warned {
        sh.err_str(&format!("grep: warning: {w}\n"))?;
    }
    let explicit = !operands.is_empty();
    if operands.is_empty() {
        operands.push(if o.recursive && !prog.busybox { ".".into() } else { "-".into() });
    }
    let names = o.names.unwrap_or(operands.len() > 1 || o.recursive && (explicit || !prog.busybox) && !single_file(sh, &operands));
    let busybox = prog.busybox;
    let mut s = Search { res, o, busybox, out: String::new(), err: String::new(), printed_any: false };
    let mut matched = false;
    let mut error = false;
    let implicit_dot = !explicit && s.o.recursive;
    for f in &operands {
        let done = visit(sh, &mut s, f, implicit_dot, names, true, &mut matched, &mut error)?;
        if done {
            break;
        }
    }
    let out = std::mem::take(&mut s.out);
    sh.out_str(&out)?;
    let err = std::mem::take(&mut s.err);
    sh.err_str(&err)?;
    if s.res.iter().any(Regex::exhausted) {
        sh.err_str(&crate::regex::exhausted_line("grep"))?;
        return Ok(Some(2));
    }
    if s.o.quiet && matched {
        return Ok(Some(0));
    }
    Ok(Some(if error && !(s.o.silent && busybox) {
        2
    } else if matched {
        0
    } else if error {
        2
    } else {
        1
    }))
}

/// With `-r` and one operand that is a regular file, GNU omits the name.
fn single_file(sh: &Shell, operands: &[String]) -> bool {
    operands.len() == 1 && operands[0] != "-" && matches!(sh.fs().get(&sh.abs(&operands[0])), Ok(Node::File { .. }))
}

/// A `-F` string as a BRE that matches it literally.
fn fixed_pattern(p: &str) -> String {
    let mut out = String::new();
    for c in p.chars() {
        if matches!(c, '\\' | '.' | '*' | '[' | ']' | '^' | '$') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Searches one operand (recursing into directories with `-r`); true when grep should stop (`-q` matched).
#[allow(clippy::too_many_arguments)]
fn visit(
    sh: &mut Shell,
    s: &mut Search,
    f: &str,
    implicit_dot: bool,
    names: bool,
    top: bool,
    matched: &mut bool,
    error: &mut bool,
) -> Result<bool, Flow> {
    if f != "-" {
        let path = sh.abs(f);
        let node = if top || s.o.deref { sh.fs().get(&path).cloned() } else { sh.fs().get_nofollow(&path).cloned() };
        match node {
            Ok(Node::Dir { entries, .. }) if s.o.recursive => {
                let base = f.trim_end_matches('/').rsplit('/').next().unwrap_or(f);
                if !top && s.o.exclude_dir.iter().any(|g| fnmatch(g, base)) {
                    return Ok(false);
                }
                for name in entries.keys() {
                    let child = if implicit_dot && f == "." {
                        name.clone()
                    } else if f.ends_with('/') {
                        format!("{f}{name}")
                    } else {
                        format!("{f}/{name}")
                    };
                    if visit(sh, s, &child, false, names, false, matched, error)? {
                        return Ok(true);
                    }
                }
                return Ok(false);
            }
            Ok(Node::Dir { .. }) if s.busybox => return Ok(false),
            Ok(Node::Dir { .. }) => {
                if !s.o.silent {
                    sh.err_str(&format!("grep: {f}: Is a directory\n"))?;
                }
                *error = true;
                return Ok(false);
            }
            Ok(Node::Symlink { .. }) if !top => return Ok(false),
            _ => {}
        }
        let base = f.rsplit('/').next().unwrap_or(f);
        if !s.o.include.is_empty() && !s.o.include.iter().any(|g| fnmatch(g, base)) {
            return Ok(false);
        }
        if s.o.exclude.iter().any(|g| fnmatch(g, base)) {
            return Ok(false);
        }
    }
    let content = match bytes::open(sh, f) {
        Ok(c) => materialise(&c),
        Err(e) => {
            if !s.o.silent {
                sh.err_str(&format!("grep: {f}: {}\n", e.reason()))?;
            }
            *error = true;
            return Ok(false);
        }
    };
    let shown = if f == "-" { "(standard input)".to_string() } else { f.to_string() };
    let found = search(s, &content, &shown, names);
    if found {
        *matched = true;
    }
    Ok(found && s.o.quiet)
}

impl Search {
    fn matches(&self, line: &str) -> bool {
        self.res.iter().any(|re| self.hit(re, line))
    }

    fn hit(&self, re: &Regex, line: &str) -> bool {
        if !self.o.word {
            return re.is_match(line);
        }
        self.word_match(re, line, 0).is_some()
    }

    /// The first match at or after `from` that stands as a whole word (GNU's `-w`:
    /// shorter matches at the same start are tried before moving on).
    fn word_match(&self, re: &Regex, line: &str, from: usize) -> Option<(usize, usize)> {
        let t = line.as_bytes();
        let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        let after_ok = |e: usize| e == t.len() || !word(t[e]);
        let mut start = from;
        while start <= t.len() {
            let m = re.find_at(line, start)?;
            if m.start == 0 || !word(t[m.start - 1]) {
                if after_ok(m.end) {
                    return Some((m.start, m.end));
                }
                let mut end = m.end;
                while end > m.start {
                    end -= 1;
                    while end > m.start && !line.is_char_boundary(end) {
                        end -= 1;
                    }
                    if after_ok(end) && re.find_at(&line[..end], m.start).is_some_and(|x| x.start == m.start && x.end == end) {
                        return Some((m.start, end));
                    }
                }
            }
            start = m.start + 1;
            while start < t.len() && !line.is_char_boundary(start) {
                start += 1;
            }
        }
        None
    }

    /// Every non-empty match in the line, leftmost-longest among the patterns.
    fn all_matches(&self, line: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut pos = 0;
        while pos <= line.len() {
            let mut best: Option<(usize, usize)> = None;
            for re in &self.res {
                let m = if self.o.word && !self.busybox {
                    self.word_match(re, line, pos)
                } else {
                    re.find_at(line, pos).map(|m| (m.start, m.end))
                };
                if let Some((a, b)) = m {
                    if best.is_none_or(|(ba, bb)| a < ba || (a == ba && b > bb)) {
                        best = Some((a, b));
                    }
                }
            }
            let Some((a, b)) = best else { break };
            if b > a {
                out.push((a, b));
                pos = b;
            } else {
                pos = a + 1;
                while pos < line.len() && !line.is_char_boundary(pos) {
                    pos += 1;
                }
            }
        }
        out
    }
}

/// Searches one input; true if a line was selected.
fn search(s: &mut Search, content: &[u8], name: &str, names: bool) -> bool {
    let sep = if s.o.null { '\0' } else { '\n' };
    let binary = !s.busybox && !s.o.null && !s.o.text && content.contains(&0);
    let text = String::from_utf8_lossy(content);
    let body = text.strip_suffix(sep).unwrap_or(&text);
    let lines: Vec<&str> = if text.is_empty() { Vec::new() } else { body.split(sep).collect() };
    let mut offsets = Vec::with_capacity(if s.o.offsets { lines.len() } else { 0 });
    if s.o.offsets {
        let mut at = 0;
        for l in &lines {
            offsets.push(at);
            at += l.len() + 1;
        }
    }
    let o = &s.o;
    let context = !o.only && !o.count && !o.list && !o.list_missing && !o.quiet && !binary && (o.after > 0 || o.before > 0);
    let mut count: u64 = 0;
    let mut last_printed: Option<usize> = None;
    let mut pending_after = 0usize;
    let mut out = String::new();
    let prefix = |out: &mut String, n: usize, sep: char| {
        if names {
            out.push_str(name);
            out.push(sep);
        }
        if s.o.number {
            out.push_str(&format!("{}{sep}", n + 1));
        }
        if let Some(at) = offsets.get(n) {
            out.push_str(&format!("{at}{sep}"));
        }
    };
    let mut stopped_at = lines.len();
    for (n, line) in lines.iter().enumerate() {
        if o.max.is_some_and(|m| count >= m) {
            stopped_at = n;
            break;
        }
        let selected = s.matches(line) != o.invert;
        if !selected {
            if context && pending_after > 0 {
                prefix(&mut out, n, '-');
                out.push_str(line);
                out.push(sep);
                last_printed = Some(n);
                pending_after -= 1;
            }
            continue;
        }
        count += 1;
        if o.quiet || o.list || o.list_missing {
            break;
        }
        if o.count || binary {
            continue;
        }
        if context {
            let from = n.saturating_sub(o.before).max(last_printed.map_or(0, |l| l + 1));
            let gap = last_printed.is_none_or(|l| from > l + 1);
            if (s.printed_any || last_printed.is_some()) && gap {
                out.push_str("--\n");
            }
            for (k, l) in lines.iter().enumerate().take(n).skip(from) {
                prefix(&mut out, k, '-');
                out.push_str(l);
                out.push(sep);
            }
            pending_after = o.after;
        }
        if o.only {
            if !o.invert {
                for (a, b) in s.all_matches(line) {
                    prefix(&mut out, n, ':');
                    out.push_str(&line[a..b]);
                    out.push(sep);
                }
            }
        } else {
            prefix(&mut out, n, ':');
            out.push_str(line);
            out.push(sep);
        }
        last_printed = Some(n);
    }
    // Trailing context after the last counted match (-m).
    if context && pending_after > 0 {
        for (k, l) in lines.iter().enumerate().skip(stopped_at).take(pending_after) {
            prefix(&mut out, k, '-');
            out.push_str(l);
            out.push(sep);
        }
    }
    if context && last_printed.is_some() {
        s.printed_any = true;
    }
    let o = &s.o;
    if o.quiet {
    } else if o.list {
        if count > 0 {
            out = format!("{name}\n");
        }
    } else if o.list_missing {
        if count == 0 {
            out = format!("{name}\n");
        }
    } else if o.count {
        out = if names { format!("{name}:{count}\n") } else { format!("{count}\n") };
    } else if binary && count > 0 {
        out = String::new();
        s.err.push_str(&format!("grep: {name}: binary file matches\n"));
    }
    s.out.push_str(&out);
    if s.busybox && s.o.list_missing {
        // BusyBox's -L succeeds when it lists a file.
        return count == 0;
    }
    count > 0
}
