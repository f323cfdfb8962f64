//! PHP's tokens: inline HTML between `?>` and `<?php`, variables, names,
//! numbers, strings (double-quoted and heredoc keep their interpolation
//! parts raw, the parser splits them), casts and operators.

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Html(String),
    /// `<?=`: an echo of what follows.
    OpenEcho,
    Var(String),
    Name(String),
    Int(i64),
    Float(f64),
    /// A string without interpolation (single-quoted, nowdoc).
    Str(String),
    /// A double-quoted string or heredoc: the raw body, escapes unprocessed.
    Interp(String, bool),
    Cast(&'static str),
    Op(&'static str),
    End,
}

/// A token and its line.
pub type Spanned = (Tok, usize);

const OPS: &[&str] = &[
    "<<=", ">>=", "**=", "...", "<=>", "===", "!==", "??=", "?->", "++", "--", "->", "=>", "::", "==", "!=", "<>", "<=", ">=", "&&", "||",
    "??", "+=", "-=", "*=", "/=", ".=", "%=", "&=", "|=", "^=", "<<", ">>", "**", "+", "-", "*", "/", "%", "=", "<", ">", "!", ".", "(",
    ")", "[", "]", "{", "}", ",", ";", "?", ":", "&", "|", "^", "~", "@", "$", "#", "\\",
];

/// Why lexing stopped: the message (PHP's words) and the line.
pub type LexErr = (String, usize);

pub fn lex(src: &str) -> Result<Vec<Spanned>, LexErr> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1;
    // Inline HTML first.
    loop {
        let start = i;
        let open = find(b, i, b"<?");
        let end = open.unwrap_or(b.len());
        if end > start {
            out.push((Tok::Html(src[start..end].to_string()), line));
            line += src[start..end].matches('\n').count();
        }
        let Some(o) = open else { break };
        i = o + 2;
        if b[i..].len() >= 3 && b[i..i + 3].eq_ignore_ascii_case(b"php") {
            i += 3;
            // One whitespace after the open tag belongs to it.
            if i < b.len() && b[i] == b'\n' {
                line += 1;
                i += 1;
            } else if i < b.len() && (b[i] == b' ' || b[i] == b'\t' || b[i] == b'\r') {
                i += 1;
                if b[i - 1] == b'\r' && i < b.len() && b[i] == b'\n' {
                    i += 1;
                    line += 1;
                }
            }
        } else if i < b.len() && b[i] == b'=' {
            i += 1;
            out.push((Tok::OpenEcho, line));
        } else {
            // `<?` alone (short tags off): HTML.
            out.push((Tok::Html("<?".into()), line));
            continue;
        }
        // PHP code until `?>`.
        loop {
            while i < b.len() && b[i].is_ascii_whitespace() {
                if b[i] == b'\n' {
                    line += 1;
                }
                i += 1;
            }
            if i >= b.len() {
                out.push((Tok::End, line));
                return Ok(out);
            }
            let c = b[i];
            if c == b'?' && b.get(i + 1) == Some(&b'>') {
                out.push((Tok::Op(";"), line));
                i += 2;
                // A newline right after `?>` is eaten.
                if b.get(i) == Some(&b'\n') {
                    i += 1;
                    line += 1;
                } else if b.get(i) == Some(&b'\r') && b.get(i + 1) == Some(&b'\n') {
                    i += 2;
                    line += 1;
                }
                break;
            }
            if c == b'#' && b.get(i + 1) != Some(&b'[') || c == b'/' && b.get(i + 1) == Some(&b'/') {
                while i < b.len() && b[i] != b'\n' {
                    if b[i] == b'?' && b.get(i + 1) == Some(&b'>') {
                        break;
                    }
                    i += 1;
                }
                continue;
            }
            if c == b'#' {
                // An attribute `#[...]`: skipped.
                while i < b.len() && b[i] != b']' {
                    i += 1;
                }
                i += 1;
                continue;
            }
            if c == b'/' && b.get(i + 1) == Some(&b'*') {
                let e = find(b, i + 2, b"*/").map_or(b.len(), |e| e + 2);
                line += src[i..e].matches('\n').count();
                i = e;
                continue;
            }
            if c == b'$' && b.get(i + 1).is_some_and(|&n| is_ident_start(n)) {
                let s = i + 1;
                i = s;
                while i < b.len() && is_ident(b[i]) {
                    i += 1;
                }
                out.push((Tok::Var(src[s..i].to_string()), line));
                continue;
            }
            if is_ident_start(c) || c == b'\\' && b.get(i + 1).is_some_and(|&n| is_ident_start(n)) {
                let s = i;
                i += 1;
                while i < b.len() && (is_ident(b[i]) || b[i] == b'\\' && b.get(i + 1).is_some_and(|&n| is_ident_start(n))) {
                    i += 1;
                }
                let name = src[s..i].trim_start_matches('\\');
                // Namespaced names: the last part is what the simulation uses.
                let name = name.rsplit('\\').next().unwrap_or(name);
                out.push((Tok::Name(name.to_string()), line));
                continue;
            }
            if c.is_ascii_digit() || c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
                let (tok, n) = number(&src[i..]);
                out.push((tok, line));
                i += n;
                continue;
            }
            if c == b'\'' {
                let mut s = String::new();
                let start_line = line;
                i += 1;
                loop {
                    let Some(&ch) = b.get(i) else { return Err(("syntax error, unexpected end of file".into(), start_line)) };
                    if ch == b'\\' && matches!(b.get(i + 1), Some(b'\\') | Some(b'\'')) {
                        s.push(b[i + 1] as char);
                        i += 2;
                        continue;
                    }
                    if ch == b'\'' {
                        i += 1;
                        break;
                    }
                    let l = utf8_len(ch);
                    s.push_str(&src[i..i + l]);
                    if ch == b'\n' {
                        line += 1;
                    }
                    i += l;
                }
                out.push((Tok::Str(s), start_line));
                continue;
            }
            if c == b'"' || c == b'`' {
                let start_line = line;
                let s = i + 1;
                i += 1;
                while i < b.len() && b[i] != c {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    if b.get(i) == Some(&b'\n') {
                        line += 1;
                    }
                    i += 1;
                }
                if i >= b.len() {
                    return Err(("syntax error, unexpected end of file".into(), start_line));
                }
                out.push((Tok::Interp(src[s..i].to_string(), false), start_line));
                i += 1;
                continue;
            }
            if b[i..].starts_with(b"<<<") {
                let start_line = line;
                let mut j = i + 3;
                while b.get(j) == Some(&b' ') {
                    j += 1;
                }
                let quote = b.get(j).copied().filter(|&q| q == b'\'' || q == b'"');
                if quote.is_some() {
                    j += 1;
                }
                let ls = j;
                while j < b.len() && is_ident(b[j]) {
                    j += 1;
                }
                let label = &src[ls..j];
                if quote.is_some() {
                    j += 1;
                }
                if label.is_empty() || b.get(j) != Some(&b'\n') {
                    return Err(("syntax error, unexpected token \"<<\"".into(), line));
                }
                j += 1;
                // Find the closing label on its own line (maybe indented).
                let body_start = j;
                let mut k = j;
                let (body_end, indent, after) = loop {
                    if k >= b.len() {
                        return Err(("syntax error, unexpected end of file".into(), start_line));
                    }
                    let le = find(b, k, b"\n").unwrap_or(b.len());
                    let l = &src[k..le];
                    let t = l.trim_start_matches([' ', '\t']);
                    if t.starts_with(label) && !t[label.len()..].starts_with(|ch: char| ch.is_ascii_alphanumeric() || ch == '_') {
                        let ind = l.len() - t.len();
                        break (k, ind, k + ind + label.len());
                    }
                    k = le + 1;
                };
                let raw = if body_end > body_start { &src[body_start..body_end - 1] } else { "" };
                let body: String = if indent > 0 {
                    raw.split('\n').map(|l| l.get(indent..).unwrap_or(l.trim_start())).collect::<Vec<_>>().join("\n")
                } else {
                    raw.to_string()
                };
                line += src[i..after].matches('\n').count();
                i = after;
                if quote == Some(b'\'') {
                    out.push((Tok::Str(body), start_line));
                } else {
                    out.push((Tok::Interp(body, true), start_line));
                }
                continue;
            }
            if c == b'(' {
                // Casts: `(int)`, `(string)`, …
                let close = find(b, i, b")");
                if let Some(e) = close {
                    let inner = src[i + 1..e].trim().to_ascii_lowercase();
                    let cast = match inner.as_str() {
                        "int" | "integer" => Some("int"),
                        "float" | "double" | "real" => Some("float"),
                        "string" => Some("string"),
                        "bool" | "boolean" => Some("bool"),
                        "array" => Some("array"),
                        "object" => Some("object"),
                        _ => None,
                    };
                    if let Some(k) = cast {
                        out.push((Tok::Cast(k), line));
                        i = e + 1;
                        continue;
                    }
                }
            }
            match OPS.iter().find(|op| b[i..].starts_with(op.as_bytes())) {
                Some(op) => {
                    out.push((Tok::Op(op), line));
                    i += op.len();
                }
                None => {
                    let ch = src[i..].chars().next().unwrap_or('?');
                    return Err((format!("syntax error, unexpected character 0x{:02X}", ch as u32), line));
                }
            }
        }
    }
    out.push((Tok::End, line));
    Ok(out)
}

fn number(s: &str) -> (Tok, usize) {
    let b = s.as_bytes();
    let clean = |t: &str| t.replace('_', "");
    if b.len() > 1 && b[0] == b'0' && matches!(b[1], b'x' | b'X' | b'b' | b'B' | b'o' | b'O') {
        let radix = match b[1] {
            b'x' | b'X' => 16,
            b'b' | b'B' => 2,
            _ => 8,
        };
        let mut n = 2;
        while n < b.len() && (b[n] as char).is_digit(radix) || n < b.len() && b[n] == b'_' {
            n += 1;
        }
        let digits = clean(&s[2..n]);
        return match i64::from_str_radix(&digits, radix) {
            Ok(v) => (Tok::Int(v), n),
            Err(_) => (Tok::Float(u64::from_str_radix(&digits, radix).map_or(f64::INFINITY, |v| v as f64)), n),
        };
    }
    let mut n = 0;
    let mut float = false;
    while n < b.len() && (b[n].is_ascii_digit() || b[n] == b'_') {
        n += 1;
    }
    if n < b.len() && b[n] == b'.' && b.get(n + 1).is_some_and(u8::is_ascii_digit) || n < b.len() && b[n] == b'.' && n > 0 {
        float = true;
        n += 1;
        while n < b.len() && (b[n].is_ascii_digit() || b[n] == b'_') {
            n += 1;
        }
    }
    if n < b.len() && (b[n] == b'e' || b[n] == b'E') {
        let mut m = n + 1;
        if m < b.len() && (b[m] == b'+' || b[m] == b'-') {
            m += 1;
        }
        if m < b.len() && b[m].is_ascii_digit() {
            float = true;
            n = m;
            while n < b.len() && b[n].is_ascii_digit() {
                n += 1;
            }
        }
    }
    let t = clean(&s[..n]);
    if !float {
        if t.len() > 1 && t.starts_with('0') && t.bytes().all(|c| c.is_ascii_digit()) {
            if let Ok(v) = i64::from_str_radix(&t[1..], 8) {
                return (Tok::Int(v), n);
            }
        }
        if let Ok(v) = t.parse::<i64>() {
            return (Tok::Int(v), n);
        }
    }
    (Tok::Float(t.parse().unwrap_or(0.0)), n)
}

fn find(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    if from > b.len() {
        return None;
    }
    b[from..].windows(pat.len()).position(|w| w == pat).map(|p| p + from)
}

pub fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 0x80
}

pub fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

fn utf8_len(b: u8) -> usize {
    match b {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}
