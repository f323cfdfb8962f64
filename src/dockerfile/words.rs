//! Word splitting used by the line parser: whitespace splitting, BuildKit's
//! `parseWords` (quotes kept), and here-document markers.

use super::parser::Heredoc;

/// Go's `reWhitespace` class `[\t\v\f\r ]` (ASCII, so bytes will do).
fn is_ws(b: u8) -> bool {
    matches!(b, b'\t' | 0x0b | 0x0c | b'\r' | b' ')
}

/// Splits `s` at its first run of `reWhitespace`: the part before and the
/// part after the run.
pub fn split_at_ws(s: &str) -> Option<(&str, &str)> {
    let b = s.as_bytes();
    let i = b.iter().position(|&c| is_ws(c))?;
    let j = b[i..].iter().position(|&c| !is_ws(c)).map_or(b.len(), |k| i + k);
    Some((&s[..i], &s[j..]))
}

/// Splits on runs of `[\t\v\f\r ]` (Go's `reWhitespace.Split(s, n)`).
pub fn split_ws(s: &str, n: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while out.len() + 1 < n {
        match split_at_ws(rest) {
            Some((word, after)) => {
                out.push(word);
                rest = after;
            }
            None => break,
        }
    }
    out.push(rest);
    out
}

/// Splits off the first word (`reWhitespace.Split(s, 2)`) without allocating.
pub fn split_first(s: &str) -> (&str, Option<&str>) {
    match split_at_ws(s) {
        Some((word, rest)) => (word, Some(rest)),
        None => (s, None),
    }
}

/// Unicode whitespace as Rust's `char::is_whitespace` sees it, in ASCII.
fn ascii_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
}

/// `str::trim_start`, skipping the work when the text starts with a visible ASCII character.
pub fn trim_start(s: &str) -> &str {
    match s.as_bytes().first() {
        Some(&b) if b.is_ascii() && !ascii_space(b) => s,
        _ => s.trim_start(),
    }
}

/// `str::trim_end`, skipping the work when the text ends with a visible ASCII character.
pub fn trim_end(s: &str) -> &str {
    match s.as_bytes().last() {
        Some(&b) if b.is_ascii() && !ascii_space(b) => s,
        _ => s.trim_end(),
    }
}

/// `str::trim`, cheaply.
pub fn trim(s: &str) -> &str {
    trim_end(trim_start(s))
}

/// BuildKit's `parseWords`: whitespace-separated words where quotes keep
/// their content together (and are kept), and the escape token protects the
/// next character (and is kept). Since nothing is removed but a final lone
/// escape token, every word is a slice of `rest`.
pub fn parse_words(rest: &str, escape: char) -> Vec<&str> {
    if rest.is_ascii() && !rest.contains(['\'', '"', escape]) {
        return rest.split_ascii_whitespace().collect();
    }
    let chars: Vec<(usize, char)> = rest.char_indices().collect();
    let pos = |i: usize| chars.get(i).map_or(rest.len(), |c| c.0);
    let mut words = Vec::new();
    // The current word: where it starts, where it ends so far, whether it had quotes.
    let mut start = 0;
    let mut end = 0;
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
            if chars[i].1.is_whitespace() {
                i += 1;
                continue;
            }
            in_word = true;
            start = pos(i);
            end = start;
        }
        if at_end {
            if blank_ok || end > start {
                words.push(&rest[start..end]);
            }
            break;
        }
        let ch = chars[i].1;
        match quote {
            None => {
                if ch.is_whitespace() {
                    in_word = false;
                    if blank_ok || end > start {
                        words.push(&rest[start..end]);
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
                    i += 1;
                }
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
                    i += 1;
                }
            }
        }
        end = pos(i + 1);
        i += 1;
    }
    words
}

/// Splits a line into raw words (quotes and escapes kept) as BuildKit's lexer
/// does with `RawQuotes`/`RawEscapes`: whitespace outside quotes separates.
/// Nothing is removed, so each word is a slice of `line`.
fn raw_words(line: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut quote: Option<char> = None;
    let mut chars = line.char_indices().peekable();
    let mut start: Option<usize> = None;
    while let Some((at, c)) = chars.next() {
        match quote {
            Some(q) => {
                if c == '\\' && q == '"' {
                    chars.next();
                } else if c == q {
                    quote = None;
                }
            }
            None if c.is_whitespace() => {
                if let Some(s) = start.take() {
                    words.push(&line[s..at]);
                }
            }
            None => {
                start.get_or_insert(at);
                if c == '\\' {
                    chars.next();
                } else if c == '\'' || c == '"' {
                    quote = Some(c);
                }
            }
        }
    }
    if let Some(s) = start {
        words.push(&line[s..]);
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
pub fn heredoc_markers(line: &str) -> Result<Vec<Heredoc<'static>>, String> {
    let mut docs = Vec::new();
    // BuildKit lexes the line first and finds no heredocs when that fails
    // (an unterminated quote, `${x#y}` in the lexer the oracle wraps).
    let opts = super::expand::Options { raw_quotes: true, raw_escapes: true, skip_unset_env: true, legacy_modifiers: true };
    // Only quotes, escapes and `$` can make that lexer fail.
    let may_fail = line.contains(['\'', '"', '\\', '$']);
    if may_fail && super::expand::process_word_with(line, &std::collections::BTreeMap::new(), '\\', opts).is_err() {
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
            content: std::borrow::Cow::Borrowed(""),
        });
    }
    Ok(docs)
}
