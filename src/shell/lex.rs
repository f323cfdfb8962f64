//! Tokenizer: words (quotes kept), operators, newlines and here-documents.

use super::ast::{Redir, RedirOp};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tok {
    Word(String),
    Op(&'static str),
    Redir(Redir),
    Newline,
}

/// A token with the line it starts on.
#[derive(Clone, Debug)]
pub struct Token {
    pub tok: Tok,
    pub line: usize,
}

const OPS: &[&str] = &["&&", "||", ";;", ";", "&", "|", "(", ")"];

/// Splits `src` into tokens, or explains the syntax error.
pub fn tokenize(src: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = src.chars().collect();
    let mut toks: Vec<Token> = Vec::new();
    let mut i = 0;
    let mut line = 1;
    let mut pending_heredocs: Vec<usize> = Vec::new();
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && chars.get(i + 1) == Some(&'\n') {
            i += 2;
            line += 1;
            continue;
        }
        if c == ' ' || c == '\t' || c == '\r' {
            i += 1;
            continue;
        }
        if c == '#' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '\n' {
            toks.push(Token { tok: Tok::Newline, line });
            line += 1;
            i += 1;
            for idx in std::mem::take(&mut pending_heredocs) {
                i = read_heredoc(&chars, i, &mut toks[idx], &mut line);
            }
            continue;
        }
        // Redirections, with an optional fd number directly before them.
        let (fd, rest) = {
            let mut j = i;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            if j > i && j < chars.len() && (chars[j] == '>' || chars[j] == '<') {
                (chars[i..j].iter().collect::<String>().parse::<u32>().ok(), j)
            } else {
                (None, i)
            }
        };
        if chars.get(rest) == Some(&'>') || chars.get(rest) == Some(&'<') {
            let mut j = rest;
            let op = if chars[j] == '>' {
                j += 1;
                match chars.get(j) {
                    Some('>') => { j += 1; RedirOp::Append }
                    Some('&') => { j += 1; RedirOp::Dup }
                    Some('|') => { j += 1; RedirOp::Out }
                    _ => RedirOp::Out,
                }
            } else {
                j += 1;
                match chars.get(j) {
                    Some('<') => {
                        j += 1;
                        let strip = chars.get(j) == Some(&'-');
                        if strip { j += 1; }
                        RedirOp::Heredoc { body: if strip { "-".into() } else { String::new() }, expand: true }
                    }
                    Some('&') => { j += 1; RedirOp::Dup }
                    _ => RedirOp::In,
                }
            };
            while j < chars.len() && (chars[j] == ' ' || chars[j] == '\t') {
                j += 1;
            }
            let (word, end) = read_word(&chars, j)?;
            if word.is_empty() {
                return Err(format!("Syntax error: {}", near(&chars, j)));
            }
            let default_fd = if matches!(op, RedirOp::In | RedirOp::Heredoc { .. }) || (op == RedirOp::Dup && chars[rest] == '<') { 0 } else { 1 };
            let is_heredoc = matches!(op, RedirOp::Heredoc { .. });
            toks.push(Token { tok: Tok::Redir(Redir { fd: fd.unwrap_or(default_fd), op, target: word }), line });
            if is_heredoc {
                pending_heredocs.push(toks.len() - 1);
            }
            i = end;
            continue;
        }
        if let Some(op) = OPS.iter().find(|op| chars[i..].starts_with(&op.chars().collect::<Vec<_>>())) {
            toks.push(Token { tok: Tok::Op(op), line });
            i += op.len();
            continue;
        }
        let (word, end) = read_word(&chars, i)?;
        line += word.matches('\n').count();
        toks.push(Token { tok: Tok::Word(word), line });
        i = end;
    }
    if !pending_heredocs.is_empty() {
        // A here-document at the very end without a newline: empty body, as dash reads it.
        for idx in pending_heredocs {
            i = read_heredoc(&chars, chars.len(), &mut toks[idx], &mut line);
        }
    }
    let _ = i;
    Ok(toks)
}

fn near(chars: &[char], i: usize) -> String {
    match chars.get(i) {
        None | Some('\n') => "newline unexpected".into(),
        Some(c @ ('>' | '<')) if matches!(chars.get(i + 1), Some('>' | '<' | '&')) => format!("\"{c}{}\" unexpected", chars[i + 1]),
        Some(c) => format!("\"{c}\" unexpected"),
    }
}

/// Reads one word starting at `i`, keeping quotes, `$(...)`, `${...}` and backquotes intact.
fn read_word(chars: &[char], mut i: usize) -> Result<(String, usize), String> {
    let mut out = String::new();
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' | '\n' | ';' | '&' | '|' | '(' | ')' | '<' | '>' | '\r' => break,
            '\\' => {
                out.push(c);
                if let Some(&n) = chars.get(i + 1) {
                    out.push(n);
                }
                i += 2;
            }
            '\'' => {
                let end = chars[i + 1..].iter().position(|&x| x == '\'').ok_or("Syntax error: Unterminated quoted string")?;
                out.extend(&chars[i..=i + 1 + end]);
                i += end + 2;
            }
            '"' => {
                let start = i;
                i += 1;
                loop {
                    match chars.get(i) {
                        None => return Err("Syntax error: Unterminated quoted string".into()),
                        Some('\\') => i += 2,
                        Some('"') => break,
                        Some('$') if chars.get(i + 1) == Some(&'(') => i = skip_balanced(chars, i + 1, '(', ')')?,
                        Some('`') => i = skip_backquote(chars, i)?,
                        _ => i += 1,
                    }
                }
                out.extend(&chars[start..=i.min(chars.len() - 1)]);
                i += 1;
            }
            '$' if chars.get(i + 1) == Some(&'(') => {
                let end = skip_balanced(chars, i + 1, '(', ')')?;
                out.extend(&chars[i..end]);
                i = end;
            }
            '$' if chars.get(i + 1) == Some(&'{') => {
                let end = skip_balanced(chars, i + 1, '{', '}')?;
                out.extend(&chars[i..end]);
                i = end;
            }
            '`' => {
                let end = skip_backquote(chars, i)?;
                out.extend(&chars[i..end]);
                i = end;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok((out, i))
}

/// Given `chars[i] == open`, returns the index after the matching `close`.
fn skip_balanced(chars: &[char], mut i: usize, open: char, close: char) -> Result<usize, String> {
    let mut depth = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            i += 2;
            continue;
        }
        if c == '\'' && open == '(' {
            i += chars[i + 1..].iter().position(|&x| x == '\'').map_or(chars.len(), |p| p + 2);
            continue;
        }
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return Ok(i + 1);
            }
        }
        i += 1;
    }
    Err(if open == '(' { "Syntax error: end of file unexpected (expecting \")\")".into() } else { "Syntax error: Missing '}'".into() })
}

fn skip_backquote(chars: &[char], i: usize) -> Result<usize, String> {
    let mut j = i + 1;
    while j < chars.len() {
        match chars[j] {
            '\\' => j += 2,
            '`' => return Ok(j + 1),
            _ => j += 1,
        }
    }
    Err("Syntax error: EOF in backquote substitution".into())
}

/// Reads a here-document body starting at `i` (the line after the operator).
fn read_heredoc(chars: &[char], mut i: usize, tok: &mut Token, line: &mut usize) -> usize {
    let Tok::Redir(redir) = &mut tok.tok else { return i };
    let strip = matches!(&redir.op, RedirOp::Heredoc { body, .. } if body == "-");
    let quoted = redir.target.contains(['\'', '"', '\\']);
    let delim: String = redir.target.chars().filter(|c| !matches!(c, '\'' | '"' | '\\')).collect();
    let mut body = String::new();
    while i < chars.len() {
        let end = chars[i..].iter().position(|&c| c == '\n').map_or(chars.len(), |p| i + p);
        let raw: String = chars[i..end].iter().collect();
        let text = if strip { raw.trim_start_matches('\t').to_string() } else { raw };
        i = (end + 1).min(chars.len());
        *line += 1;
        if text == delim {
            break;
        }
        body.push_str(&text);
        body.push('\n');
    }
    redir.op = RedirOp::Heredoc { body, expand: !quoted };
    i
}
