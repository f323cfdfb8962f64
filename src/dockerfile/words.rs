//! Word splitting used by the line parser: whitespace splitting, BuildKit's
//! `parseWords` (quotes kept), and here-document markers.

use super::parser::Heredoc;

/// Splits on runs of `[\t\v\f\r ]` (Go's `reWhitespace.Split(s, n)`).
pub fn split_ws(s: &str, n: usize) -> Vec<String> {
    let is_ws = |c: char| matches!(c, '\t' | '\x0b' | '\x0c' | '\r' | ' ');
    let mut out = Vec::new();
    let mut rest = s;
    while out.len() + 1 < n {
        match rest.find(is_ws) {
            Some(i) => {
                out.push(rest[..i].to_string());
                rest = rest[i..].trim_start_matches(is_ws);
            }
            None => break,
        }
    }
    out.push(rest.to_string());
    out
}

/// Splits off the first word (`reWhitespace.Split(s, 2)`) without allocating.
pub fn split_first(s: &str) -> (&str, Option<&str>) {
    let is_ws = |c: char| matches!(c, '\t' | '\x0b' | '\x0c' | '\r' | ' ');
    match s.find(is_ws) {
        Some(i) => (&s[..i], Some(s[i..].trim_start_matches(is_ws))),
        None => (s, None),
    }
}

/// BuildKit's `parseWords`: whitespace-separated words where quotes keep
/// their content together (and are kept), and the escape token protects the
/// next character (and is kept).
pub fn parse_words(rest: &str, escape: char) -> Vec<String> {
    if rest.is_ascii() && !rest.contains(['\'', '"', escape]) {
        return rest.split_ascii_whitespace().map(str::to_string).collect();
    }
    let chars: Vec<char> = rest.chars().collect();
    let mut words = Vec::new();
    let mut word = String::new();
    let mut blank_ok = false;
    let mut in_word = false;
    let mut quote: Option<char> = None;
    let mut i = 0;
    while i <= chars.len() {
        let at_end = i == chars.len();
        if !in_word && quote.is_none() {
            if at_end {
                break;
            }
            if chars[i].is_whitespace() {
                i += 1;
                continue;
            }
            in_word = true;
        }
        if at_end {
            if blank_ok || !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            break;
        }
        let ch = chars[i];
        match quote {
            None => {
                if ch.is_whitespace() {
                    in_word = false;
                    if blank_ok || !word.is_empty() {
                        words.push(std::mem::take(&mut word));
                    }
                    blank_ok = false;
                    i += 1;
                    continue;
                }
                if ch == '\'' || ch == '"' {
                    quote = Some(ch);
                    blank_ok = true;
                }
                if ch == escape {
                    if i + 1 == chars.len() {
                        i += 1;
                        continue;
                    }
                    word.push(ch);
                    i += 1;
                }
                word.push(chars[i]);
            }
            Some(q) => {
                if ch == q {
                    quote = None;
                }
                if ch == escape && q != '\'' {
                    if i + 1 == chars.len() {
                        quote = None;
                        i += 1;
                        continue;
                    }
                    word.push(ch);
                    i += 1;
                }
                word.push(chars[i]);
            }
        }
        i += 1;
    }
    words
}

/// Splits a line into raw words (quotes and escapes kept) as BuildKit's lexer
/// does with `RawQuotes`/`RawEscapes`: whitespace outside quotes separates.
fn raw_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut chars = line.chars().peekable();
    let mut started = false;
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                word.push(c);
                if c == '\\' && q == '"' {
                    if let Some(n) = chars.next() {
                        word.push(n);
                    }
                } else if c == q {
                    quote = None;
                }
            }
            None if c.is_whitespace() => {
                if started {
                    words.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            None => {
                started = true;
                word.push(c);
                if c == '\\' {
                    if let Some(n) = chars.next() {
                        word.push(n);
                    }
                } else if c == '\'' || c == '"' {
                    quote = Some(c);
                }
            }
        }
    }
    if started {
        words.push(word);
    }
    words
}

/// Removes quotes and escapes from a heredoc delimiter word.
fn unquote(word: &str) -> String {
    let mut out = String::new();
    let mut quote: Option<char> = None;
    let mut chars = word.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') => out.extend(chars.next()),
            (Some(_), c) => out.push(c),
            (None, '\'' | '"') => quote = Some(c),
            (None, '\\') => out.extend(chars.next()),
            (None, c) => out.push(c),
        }
    }
    out
}

/// The here-document markers on an instruction line, in order
/// (`heredocsFromLine`: words matching `^(\d*)<<(-?)\s*([^<]*)$`).
pub fn heredoc_markers(line: &str) -> Result<Vec<Heredoc>, String> {
    let mut docs = Vec::new();
    // BuildKit lexes the line first and finds no heredocs when that fails
    // (an unterminated quote, `${x#y}` in the lexer the oracle wraps).
    let opts = super::expand::Options { raw_quotes: true, raw_escapes: true, skip_unset_env: true, legacy_modifiers: true };
    if super::expand::process_word_with(line, &std::collections::BTreeMap::new(), '\\', opts).is_err() {
        return Ok(docs);
    }
    for word in raw_words(line) {
        let digits = word.chars().take_while(|c| c.is_ascii_digit()).count();
        let Some(after) = word[digits..].strip_prefix("<<") else { continue };
        let (chomp, after) = match after.strip_prefix('-') {
            Some(a) => (true, a),
            None => (false, after),
        };
        let rest = after.trim_start();
        if rest.is_empty() || rest.contains('<') {
            continue;
        }
        let name = unquote(rest);
        if name.is_empty() || name.contains(char::is_whitespace) {
            continue;
        }
        let quotes = |s: &str| s.matches(['\'', '"']).count();
        docs.push(Heredoc {
            name: name.clone(),
            file_descriptor: word[..digits].parse().unwrap_or(0),
            expand: quotes(&name) == quotes(rest) && !rest.contains('\\'),
            chomp,
            content: String::new(),
        });
    }
    Ok(docs)
}
