//! The text filters learners pipe docker output into (`| grep web`,
//! `| head -3`, `| wc -l`), for the host terminal's pipelines.

use super::Out;

/// The filters known here.
pub const FILTERS: [&str; 7] = ["grep", "head", "tail", "wc", "sort", "uniq", "cat"];

/// Runs `cmd` over `input`; `None` when `cmd` is not a filter known here.
pub fn run(cmd: &str, args: &[String], input: &str, out: &mut Out) -> Option<i32> {
    let lines: Vec<&str> = input.lines().collect();
    let flags: Vec<&str> = args.iter().map(String::as_str).filter(|a| a.starts_with('-')).collect();
    let operands: Vec<&str> = args.iter().map(String::as_str).filter(|a| !a.starts_with('-')).collect();
    let has = |f: char| flags.iter().any(|x| !x.starts_with("--") && x.contains(f));
    let count = |default: usize| -> usize {
        let mut n = default;
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if a == "-n" {
                n = it.next().and_then(|v| v.parse().ok()).unwrap_or(default);
            } else if let Some(v) = a.strip_prefix("-n").or_else(|| a.strip_prefix('-')) {
                n = v.parse().unwrap_or(n);
            }
        }
        n
    };
    let emit = |out: &mut Out, selected: Vec<&str>| {
        for l in selected {
            out.line(l);
        }
    };
    Some(match cmd {
        "grep" => {
            let Some(pattern) = operands.first() else {
                out.eline("Usage: grep [OPTION]... PATTERNS [FILE]...");
                return Some(2);
            };
            let icase = has('i');
            let matches = |l: &&str| {
                if icase { l.to_lowercase().contains(&pattern.to_lowercase()) } else { l.contains(pattern) }
            };
            let selected: Vec<&str> = lines.iter().filter(|l| matches(l) != has('v')).copied().collect();
            let found = !selected.is_empty();
            if has('c') {
                out.line(selected.len().to_string());
            } else {
                emit(out, selected);
            }
            if found { 0 } else { 1 }
        }
        "head" => {
            emit(out, lines.iter().take(count(10)).copied().collect());
            0
        }
        "tail" => {
            let n = count(10);
            emit(out, lines.iter().skip(lines.len().saturating_sub(n)).copied().collect());
            0
        }
        "wc" => {
            let (l, w, c) = (input.matches('\n').count(), input.split_whitespace().count(), input.len());
            let text = match flags.first().copied() {
                Some("-l") => l.to_string(),
                Some("-w") => w.to_string(),
                Some("-c") => c.to_string(),
                _ => format!("{l:>7} {w:>7} {c:>7}"),
            };
            out.line(text);
            0
        }
        "sort" => {
            let mut sorted = lines.clone();
            crate::sort::sort(&mut sorted);
            if has('r') {
                sorted.reverse();
            }
            emit(out, sorted);
            0
        }
        "uniq" => {
            let mut v = lines.clone();
            v.dedup();
            emit(out, v);
            0
        }
        "cat" if operands.is_empty() => {
            out.out(input);
            0
        }
        _ => return None,
    })
}
