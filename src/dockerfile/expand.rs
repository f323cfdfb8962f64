//! BuildKit's shell lexer (`frontend/dockerfile/shell/lex.go`): variable
//! expansion and word splitting as the Dockerfile frontend applies them.
//! Checked against BuildKit's `envVarTest` and `wordsTest` tables.

use std::collections::BTreeMap;

/// Lexer options (BuildKit's `Lex` fields).
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Keep quote characters in the result.
    pub raw_quotes: bool,
    /// Keep escape characters in the result.
    pub raw_escapes: bool,
    /// Leave references to unset variables as written.
    pub skip_unset_env: bool,
    /// BuildKit v0.12's lexer (the one the PyPI `dockerfile` oracle wraps,
    /// used for heredoc detection): `${name#…}`, `${name%…}` and
    /// `${name/…}` are errors there.
    pub legacy_modifiers: bool,
}

/// `ProcessWord`: the word with variables expanded and quotes removed.
pub fn process_word(word: &str, env: &BTreeMap<String, String>, escape: char) -> Result<String, String> {
    process_word_with(word, env, escape, Options::default())
}

pub fn process_word_with(word: &str, env: &BTreeMap<String, String>, escape: char, opts: Options) -> Result<String, String> {
    run(word, env, escape, opts).map(|(s, _)| s)
}

/// `ProcessWords`: expansion, then splitting into words (quoted text stays together).
pub fn process_words(word: &str, env: &BTreeMap<String, String>, escape: char) -> Result<Vec<String>, String> {
    run(word, env, escape, Options::default()).map(|(_, w)| w)
}

fn run(word: &str, env: &BTreeMap<String, String>, escape: char, opts: Options) -> Result<(String, Vec<String>), String> {
    let mut lx = Lexer { chars: word.chars().collect(), pos: 0, env, escape, opts, raw_escapes: opts.raw_escapes };
    lx.stop_on(None, opts.raw_escapes).map_err(|e| format!("failed to process \"{word}\": {e}"))
}

struct Lexer<'a> {
    chars: Vec<char>,
    pos: usize,
    env: &'a BTreeMap<String, String>,
    escape: char,
    opts: Options,
    raw_escapes: bool,
}

#[derive(Default)]
struct Words {
    buf: String,
    words: Vec<String>,
    in_word: bool,
}

impl Words {
    fn add_char(&mut self, ch: char) {
        if ch.is_whitespace() && self.in_word {
            if !self.buf.is_empty() {
                self.words.push(std::mem::take(&mut self.buf));
                self.in_word = false;
            }
        } else if !ch.is_whitespace() {
            self.add_raw_char(ch);
        }
    }
    fn add_raw_char(&mut self, ch: char) {
        self.buf.push(ch);
        self.in_word = true;
    }
    fn add_string(&mut self, s: &str) {
        for c in s.chars() {
            self.add_char(c);
        }
    }
    fn add_raw_string(&mut self, s: &str) {
        self.buf.push_str(s);
        self.in_word = true;
    }
    fn finish(mut self) -> Vec<String> {
        if !self.buf.is_empty() {
            self.words.push(self.buf);
        }
        self.words
    }
}

impl Lexer<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.chars.get(self.pos).copied();
        if c.is_some() {
            self.pos += 1;
        }
        c
    }

    fn get(&self, name: &str) -> Option<String> {
        self.env.get(name).cloned()
    }

    fn stop_on(&mut self, stop: Option<char>, raw_escapes: bool) -> Result<(String, Vec<String>), String> {
        let saved = self.raw_escapes;
        self.raw_escapes = raw_escapes;
        let r = self.stop_on_inner(stop);
        self.raw_escapes = saved;
        r
    }

    fn stop_on_inner(&mut self, stop: Option<char>) -> Result<(String, Vec<String>), String> {
        let mut result = String::new();
        let mut words = Words::default();
        while let Some(ch) = self.peek() {
            if Some(ch) == stop {
                self.next();
                return Ok((result, words.finish()));
            }
            let special = match ch {
                '$' => Some(self.dollar()?),
                '<' => Some(self.possible_heredoc()),
                '\'' => Some(self.single_quote()?),
                '"' => Some(self.double_quote()?),
                _ => None,
            };
            if let Some(tmp) = special {
                result.push_str(&tmp);
                if ch == '$' {
                    words.add_string(&tmp)
                } else {
                    words.add_raw_string(&tmp)
                }
                continue;
            }
            let mut ch = self.next().expect("peeked");
            if ch == self.escape {
                if self.raw_escapes {
                    words.add_raw_char(ch);
                    result.push(ch);
                }
                match self.next() {
                    None => break,
                    Some(c) => ch = c,
                }
                words.add_raw_char(ch);
            } else {
                words.add_char(ch);
            }
            result.push(ch);
        }
        if let Some(stop) = stop {
            return Err(format!("unexpected end of statement while looking for matching {stop}"));
        }
        Ok((result, words.finish()))
    }

    fn single_quote(&mut self) -> Result<String, String> {
        let mut out = String::new();
        let q = self.next().expect("quote");
        if self.opts.raw_quotes {
            out.push(q);
        }
        loop {
            match self.next() {
                None => return Err("unexpected end of statement while looking for matching single-quote".into()),
                Some('\'') => {
                    if self.opts.raw_quotes {
                        out.push('\'');
                    }
                    return Ok(out);
                }
                Some(c) => out.push(c),
            }
        }
    }

    fn double_quote(&mut self) -> Result<String, String> {
        let mut out = String::new();
        let q = self.next().expect("quote");
        if self.opts.raw_quotes {
            out.push(q);
        }
        loop {
            match self.peek() {
                None => return Err("unexpected end of statement while looking for matching double-quote".into()),
                Some('"') => {
                    self.next();
                    if self.opts.raw_quotes {
                        out.push('"');
                    }
                    return Ok(out);
                }
                Some('$') => {
                    let v = self.dollar()?;
                    out.push_str(&v);
                }
                Some(_) => {
                    let mut ch = self.next().expect("peeked");
                    if ch == self.escape {
                        if self.raw_escapes {
                            out.push(ch);
                        }
                        match self.peek() {
                            None => continue,
                            Some(c) if c == '"' || c == '$' || c == self.escape => ch = self.next().expect("peeked"),
                            Some(_) => {}
                        }
                    }
                    out.push(ch);
                }
            }
        }
    }

    fn possible_heredoc(&mut self) -> String {
        self.next();
        if self.peek() != Some('<') {
            return "<".into();
        }
        self.next();
        let mut out = String::from("<<");
        while let Some(c) = self.peek().filter(|c| matches!(c, '\t' | '\r' | ' ')) {
            out.push(c);
            self.next();
        }
        out
    }

    fn name(&mut self) -> String {
        let mut name = String::new();
        while let Some(ch) = self.peek() {
            if name.is_empty() && ch.is_numeric() {
                while let Some(d) = self.peek().filter(|c| c.is_numeric()) {
                    name.push(d);
                    self.next();
                }
                return name;
            }
            if name.is_empty() && matches!(ch, '@' | '*' | '#' | '?' | '-' | '$' | '!' | '0') {
                self.next();
                return ch.to_string();
            }
            if !ch.is_alphabetic() && !ch.is_numeric() && ch != '_' {
                break;
            }
            name.push(ch);
            self.next();
        }
        name
    }

    fn dollar(&mut self) -> Result<String, String> {
        self.next();
        if self.peek() != Some('{') {
            let name = self.name();
            if name.is_empty() {
                return Ok("$".into());
            }
            return Ok(match self.get(&name) {
                Some(v) => v,
                None if self.opts.skip_unset_env => format!("${name}"),
                None => String::new(),
            });
        }
        self.next();
        match self.peek() {
            None => return Err("syntax error: missing '}'".into()),
            Some('{' | '}' | ':') => return Err("syntax error: bad substitution".into()),
            _ => {}
        }
        let name = self.name();
        let Some(mut ch) = self.next() else { return Err("syntax error: missing '}'".into()) };
        let mut chs = ch.to_string();
        match ch {
            '}' => Ok(match self.get(&name) {
                Some(v) => v,
                None if self.opts.skip_unset_env => format!("${{{name}}}"),
                None => String::new(),
            }),
            '#' | '%' | '/' if self.opts.legacy_modifiers => Err("missing ':' in substitution".into()),
            ':' | '+' | '-' | '?' | '#' | '%' => {
                let null_is_unset = ch == ':';
                if null_is_unset {
                    let Some(c) = self.next() else { return Err("syntax error: missing '}'".into()) };
                    ch = c;
                    chs.push(c);
                }
                let raw = ch == '#' || ch == '%';
                if null_is_unset && raw {
                    return Err(format!("unsupported modifier ({chs}) in substitution"));
                }
                let word = match self.stop_on(Some('}'), raw) {
                    Ok((w, _)) => w,
                    Err(e) => {
                        if self.peek().is_none() {
                            return Err("syntax error: missing '}'".into());
                        }
                        return Err(e);
                    }
                };
                let value = self.get(&name);
                if self.opts.skip_unset_env && value.is_none() {
                    return Ok(format!("${{{name}{chs}{word}}}"));
                }
                let set = value.is_some();
                let value = value.unwrap_or_default();
                match ch {
                    '-' => Ok(if !set || (null_is_unset && value.is_empty()) { word } else { value }),
                    '+' => Ok(if !set || (null_is_unset && value.is_empty()) { String::new() } else { word }),
                    '?' => {
                        if !set {
                            let msg = if word.is_empty() { "is not allowed to be unset".to_string() } else { word };
                            return Err(format!("{name}: {msg}"));
                        }
                        if null_is_unset && value.is_empty() {
                            let msg = if word.is_empty() { "is not allowed to be empty".to_string() } else { word };
                            return Err(format!("{name}: {msg}"));
                        }
                        Ok(value)
                    }
                    '%' | '#' => {
                        let (greedy, pattern) = match word.strip_prefix(ch) {
                            Some(rest) => (true, rest.to_string()),
                            None => (false, word),
                        };
                        if ch == '%' {
                            trim_suffix(&pattern, &value, greedy)
                        } else {
                            trim_prefix(&pattern, &value, greedy)
                        }
                    }
                    _ => Err(format!("unsupported modifier ({chs}) in substitution")),
                }
            }
            '/' => {
                let all = self.peek() == Some('/');
                if all {
                    self.next();
                }
                let pattern = match self.stop_on(Some('/'), true) {
                    Ok((p, _)) => p,
                    Err(e) => return Err(if self.peek().is_none() { "syntax error: missing '/' in ${}".into() } else { e }),
                };
                let replacement = match self.stop_on(Some('}'), true) {
                    Ok((r, _)) => r,
                    Err(e) => return Err(if self.peek().is_none() { "syntax error: missing '}'".into() } else { e }),
                };
                let value = self.get(&name);
                if self.opts.skip_unset_env && value.is_none() {
                    return Ok(format!("${{{name}/{pattern}/{replacement}}}"));
                }
                let value: Vec<char> = value.unwrap_or_default().chars().collect();
                let pat = compile(&pattern, true).map_err(|e| format!("invalid pattern ({pattern}) in substitution: {e}"))?;
                let mut out = String::new();
                let mut i = 0;
                let mut replaced = false;
                while i <= value.len() {
                    if (all || !replaced) && i <= value.len() {
                        if let Some(end) = match_at(&pat, &value, i) {
                            out.push_str(&replacement);
                            replaced = true;
                            if end == i {
                                if i < value.len() {
                                    out.push(value[i]);
                                }
                                i += 1;
                            } else {
                                i = end;
                            }
                            continue;
                        }
                    }
                    if i < value.len() {
                        out.push(value[i]);
                    }
                    i += 1;
                }
                Ok(out)
            }
            _ => Err(format!("unsupported modifier ({chs}) in substitution")),
        }
    }
}

/// A shell pattern compiled to tokens (BuildKit converts it to a regexp).
#[derive(Clone, Debug)]
enum Tok {
    Lit(char),
    Any,
    /// `*`: greedy (longest first) or lazy (shortest first).
    Star(bool),
}

fn compile(pattern: &str, greedy: bool) -> Result<Vec<Tok>, String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '*' => out.push(Tok::Star(greedy)),
            '?' => out.push(Tok::Any),
            '\\' => {
                if matches!(chars.get(i + 1), Some('}' | '/')) {
                    i += 1;
                    continue;
                }
                match chars.get(i + 1) {
                    Some(&c @ ('*' | '?' | '\\')) => {
                        out.push(Tok::Lit(c));
                        i += 1;
                    }
                    Some(c) => return Err(format!("invalid escape '\\{c}'")),
                    None => return Err("invalid escape '\\'".into()),
                }
            }
            c => out.push(Tok::Lit(c)),
        }
        i += 1;
    }
    Ok(out)
}

/// Where a match of `pat` starting at `start` ends: the longest for greedy
/// stars, the shortest for lazy ones (linear time: `crate::glob`; `*` and `?`
/// stop at a newline, as the regexp BuildKit builds does).
fn match_at(pat: &[Tok], text: &[char], start: usize) -> Option<usize> {
    use crate::glob::{Glob, Tok as G};
    let greedy = pat.iter().any(|t| matches!(t, Tok::Star(true)));
    let toks: Vec<G> = pat
        .iter()
        .map(|t| match t {
            Tok::Lit(c) => G::Lit(*c),
            Tok::Any => G::Any,
            Tok::Star(_) => G::Star,
        })
        .collect();
    let ends = Glob::new(&toks, Some('\n')).ends(text, start);
    if greedy {
        ends.last().copied()
    } else {
        ends.first().copied()
    }
}

fn trim_prefix(pattern: &str, value: &str, greedy: bool) -> Result<String, String> {
    let pat = compile(pattern, greedy).map_err(|e| format!("invalid pattern ({pattern}) in substitution: {e}"))?;
    let chars: Vec<char> = value.chars().collect();
    Ok(match match_at(&pat, &chars, 0) {
        Some(end) => chars[end..].iter().collect(),
        None => value.to_string(),
    })
}

fn trim_suffix(pattern: &str, value: &str, greedy: bool) -> Result<String, String> {
    let reversed_pattern = reverse_pattern(pattern);
    let reversed_value: String = value.chars().rev().collect();
    Ok(trim_prefix(&reversed_pattern, &reversed_value, greedy)?.chars().rev().collect())
}

/// Reverses a pattern keeping `\x` escapes in order (`reversePattern`).
fn reverse_pattern(pattern: &str) -> String {
    let p: Vec<char> = pattern.chars().collect();
    let mut out = vec![' '; p.len()];
    let last = p.len().saturating_sub(1);
    let mut i = 0;
    while i < p.len() {
        let out_idx = last - i;
        if p[i] == '\\' && i != last {
            out[out_idx - 1] = p[i];
            out[out_idx] = p[i + 1];
            i += 2;
        } else {
            out[out_idx] = p[i];
            i += 1;
        }
    }
    out.into_iter().collect()
}
