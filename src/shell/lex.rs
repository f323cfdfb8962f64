//! Tokenizer: words (quotes kept), operators, newlines and here-documents.

use super::ast::{Redir, RedirOp};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tok {
    Word(String),
    Op(&'static str),
    Redir(Redir),
    Newline,
    /// bash's `[[ … ]]`: its words, operators apart.
    Cond(Vec<CondTok>),
    /// bash's `(( … ))`: the expression.
    Arith(String),
}

/// A word inside `[[ … ]]`: `&&`, `||`, `(`, `)`, `!`, `<`, `>` are operators.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CondTok {
    Op(String),
    Word(String),
}

/// Words after which a command starts (where `[[` and `((` are keywords).
const COMMAND_STARTERS: &[&str] = &["then", "else", "elif", "do", "if", "while", "until", "!", "{", "}", "time"];

/// A token with the line it starts on.
#[derive(Clone, Debug)]
pub struct Token {
    pub tok: Tok,
    pub line: usize,
}

const OPS: &[&str] = &["&&", "||", ";;", ";", "&", "|", "(", ")"];

/// Splits `src` into tokens, or explains the syntax error.
pub fn tokenize(src: &str) -> Result<Vec<Token>, String> {
    tokenize_as(src, false)
}

/// Whether the next word is in command position.
fn at_command_start(toks: &[Token]) -> bool {
    match toks.last().map(|t| &t.tok) {
        None | Some(Tok::Newline) => true,
        Some(Tok::Op(_)) => true,
        Some(Tok::Word(w)) => COMMAND_STARTERS.contains(&w.as_str()),
        _ => false,
    }
}

/// [`tokenize`] with bash's syntax when `bash`: `[[ ]]`, `(( ))`, `$'…'`,
/// `name=(…)`, `&>`, `|&`, `<<<`, `<(…)`.
pub fn tokenize_as(src: &str, bash: bool) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = src.chars().collect();
    let mut toks: Vec<Token> = Vec::new();
    let mut i = 0;
    let mut line = 1;
    let mut pending_heredocs: Vec<usize> = Vec::new();
    while i < chars.len() {
        let c = chars[i];
        if bash {
            if let Some((tok, end)) = bash_token(&chars, i, &toks)? {
                line += chars[i..end].iter().filter(|&&c| c == '\n').count();
                let tok_line = line;
                match tok {
                    BashTok::One(t) => toks.push(Token { tok: t, line: tok_line }),
                    BashTok::Two(a, b) => {
                        toks.push(Token { tok: a, line: tok_line });
                        toks.push(Token { tok: b, line: tok_line });
                    }
                }
                i = end;
                continue;
            }
        }
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
                    Some('>') => {
                        j += 1;
                        RedirOp::Append
                    }
                    Some('&') => {
                        j += 1;
                        RedirOp::Dup
                    }
                    Some('|') => {
                        j += 1;
                        RedirOp::Out
                    }
                    _ => RedirOp::Out,
                }
            } else {
                j += 1;
                match chars.get(j) {
                    Some('<') if bash && chars.get(j + 1) == Some(&'<') => {
                        j += 2;
                        RedirOp::HereString
                    }
                    Some('<') => {
                        j += 1;
                        let strip = chars.get(j) == Some(&'-');
                        if strip {
                            j += 1;
                        }
                        RedirOp::Heredoc { body: if strip { "-".into() } else { String::new() }, expand: true }
                    }
                    Some('&') => {
                        j += 1;
                        RedirOp::Dup
                    }
                    _ => RedirOp::In,
                }
            };
            while j < chars.len() && (chars[j] == ' ' || chars[j] == '\t') {
                j += 1;
            }
            let (word, end) = read_word_as(&chars, j, bash)?;
            if word.is_empty() {
                return Err(format!("Syntax error: {}", near(&chars, j)));
            }
            let default_fd = if matches!(op, RedirOp::In | RedirOp::Heredoc { .. } | RedirOp::HereString)
                || (op == RedirOp::Dup && chars[rest] == '<')
            {
                0
            } else {
                1
            };
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
        let (word, end) = read_word_as(&chars, i, bash)?;
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

enum BashTok {
    One(Tok),
    Two(Tok, Tok),
}

/// bash-only tokens at `i`: `[[ … ]]`, `(( … ))`, `&>`, `&>>`, `|&`.
fn bash_token(chars: &[char], i: usize, toks: &[Token]) -> Result<Option<(BashTok, usize)>, String> {
    let at = |k: usize| chars.get(k).copied();
    let delim = |k: usize| matches!(at(k), None | Some(' ' | '\t' | '\n' | ';' | '&' | '|' | ')'));
    if at(i) == Some('&') && at(i + 1) == Some('>') {
        let append = at(i + 2) == Some('>');
        let mut j = i + if append { 3 } else { 2 };
        while matches!(at(j), Some(' ' | '\t')) {
            j += 1;
        }
        let (word, end) = read_word_as(chars, j, true)?;
        if word.is_empty() {
            return Err(format!("Syntax error: {}", near(chars, j)));
        }
        let out = Redir { fd: 1, op: if append { RedirOp::Append } else { RedirOp::Out }, target: word };
        let err = Redir { fd: 2, op: RedirOp::Dup, target: "1".into() };
        return Ok(Some((BashTok::Two(Tok::Redir(out), Tok::Redir(err)), end)));
    }
    if at(i) == Some('|') && at(i + 1) == Some('&') {
        let err = Redir { fd: 2, op: RedirOp::Dup, target: "1".into() };
        return Ok(Some((BashTok::Two(Tok::Redir(err), Tok::Op("|")), i + 2)));
    }
    let for_arith = matches!(toks.last().map(|t| &t.tok), Some(Tok::Word(w)) if w == "for");
    if at(i) == Some('(') && at(i + 1) == Some('(') && (at_command_start(toks) || for_arith) {
        // `(( expr ))`: up to the `))` that closes it; otherwise nested subshells.
        let mut depth = 0i32;
        let mut j = i + 2;
        while j < chars.len() {
            match chars[j] {
                '(' => depth += 1,
                ')' if depth == 0 => {
                    if at(j + 1) == Some(')') {
                        let expr: String = chars[i + 2..j].iter().collect();
                        return Ok(Some((BashTok::One(Tok::Arith(expr)), j + 2)));
                    }
                    return Ok(None);
                }
                ')' => depth -= 1,
                _ => {}
            }
            j += 1;
        }
        return Ok(None);
    }
    if at(i) == Some('[') && at(i + 1) == Some('[') && delim(i + 2) && at_command_start(toks) {
        let mut j = i + 2;
        let mut words = Vec::new();
        loop {
            while matches!(at(j), Some(' ' | '\t' | '\n')) || (at(j) == Some('\\') && at(j + 1) == Some('\n')) {
                j += if at(j) == Some('\\') { 2 } else { 1 };
            }
            let Some(c) = at(j) else { return Err("Syntax error: end of file unexpected (expecting \"]]\")".into()) };
            if c == ']' && at(j + 1) == Some(']') && delim(j + 2) {
                return Ok(Some((BashTok::One(Tok::Cond(words)), j + 2)));
            }
            let two: String = chars[j..(j + 2).min(chars.len())].iter().collect();
            if two == "&&" || two == "||" {
                words.push(CondTok::Op(two));
                j += 2;
                continue;
            }
            // After `=~` a `(` opens a group of the regex, not a sub-expression.
            let regex = matches!(words.last(), Some(CondTok::Word(w)) if w == "=~");
            if matches!(c, '(' | ')' | '<' | '>') && !(regex && c == '(') {
                words.push(CondTok::Op(c.to_string()));
                j += 1;
                continue;
            }
            let (word, end) = if regex { read_regex_word(chars, j)? } else { read_word_as(chars, j, true)? };
            if word.is_empty() {
                return Err(format!("Syntax error: {}", near(chars, j)));
            }
            words.push(if word == "!" { CondTok::Op(word) } else { CondTok::Word(word) });
            j = end;
        }
    }
    Ok(None)
}

/// The word after `=~`: parentheses and `|` belong to the regex.
fn read_regex_word(chars: &[char], mut i: usize) -> Result<(String, usize), String> {
    let mut out = String::new();
    let mut depth = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' | '\n' if depth == 0 => break,
            '(' => {
                depth += 1;
                out.push(c);
                i += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                out.push(c);
                i += 1;
            }
            ')' => break,
            '\\' | '\'' | '"' | '$' | '`' => {
                let (w, end) = read_word_as(&chars[..chars.len()], i, true)?;
                if end == i {
                    out.push(c);
                    i += 1;
                } else {
                    // Only the first quoted/expanded piece: stop at what read_word stops at.
                    out.push_str(&w);
                    i = end;
                }
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok((out, i))
}

/// Reads one word starting at `i`, keeping quotes, `$(...)`, `${...}` and
/// backquotes intact; with `bash` also `$'…'`, `name=(…)` and `<(…)`.
fn read_word_as(chars: &[char], mut i: usize, bash: bool) -> Result<(String, usize), String> {
    let mut out = String::new();
    while i < chars.len() {
        let c = chars[i];
        if bash {
            if c == '$' && chars.get(i + 1) == Some(&'\'') {
                let mut j = i + 2;
                loop {
                    match chars.get(j) {
                        None => return Err("Syntax error: Unterminated quoted string".into()),
                        Some('\\') => j += 2,
                        Some('\'') => break,
                        _ => j += 1,
                    }
                }
                out.extend(&chars[i..=j]);
                i = j + 1;
                continue;
            }
            if c == '(' && is_array_assign_prefix(&out) {
                let end = skip_balanced(chars, i, '(', ')')?;
                out.extend(&chars[i..end]);
                i = end;
                continue;
            }
            if (c == '<' || c == '>') && chars.get(i + 1) == Some(&'(') && (out.is_empty() || !out.ends_with(|c: char| c.is_ascii_digit()))
            {
                let end = skip_balanced(chars, i + 1, '(', ')')?;
                out.extend(&chars[i..end]);
                i = end;
                continue;
            }
        }
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

/// `name=` or `name+=` (or `name[…]=`) just before a `(`: an array assignment.
fn is_array_assign_prefix(word: &str) -> bool {
    let Some(head) = word.strip_suffix('=') else { return false };
    let head = head.strip_suffix('+').unwrap_or(head);
    let name = head.split('[').next().unwrap_or("");
    !name.is_empty()
        && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
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
