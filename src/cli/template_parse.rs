//! Lexing and parsing Go templates into nodes (see `template.rs`).

#[derive(Clone, Debug)]
pub(super) enum Node {
    Text(String),
    Action(Pipeline),
    If(Pipeline, Vec<Node>, Vec<Node>),
    Range(Pipeline, Vec<Node>, Vec<Node>),
    With(Pipeline, Vec<Node>, Vec<Node>),
}

pub(super) type Pipeline = Vec<Vec<Arg>>;

#[derive(Clone, Debug)]
pub(super) enum Arg {
    /// `.A.B` (empty: `.`), with the column it starts at.
    Field(Vec<String>, usize),
    Str(String),
    Num(f64),
    Bool(bool),
    Func(String),
    Sub(Pipeline),
}

#[derive(Clone, Debug)]
pub(super) enum Tok {
    Text(String),
    Action(Vec<Arg>, Option<String>),
}

pub(super) fn lex(text: &str) -> Result<Vec<Tok>, String> {
    let mut toks = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(start) = rest.find("{{") {
        let mut before = rest[..start].to_string();
        let after = &rest[start + 2..];
        let trim_left = after.starts_with('-') && after[1..].starts_with(|c: char| c.is_whitespace());
        if trim_left {
            before = before.trim_end().to_string();
        }
        toks.push(Tok::Text(before));
        let end = after.find("}}").ok_or("template: :1: unclosed action")?;
        let mut inner = &after[..end];
        let mut consumed = start + 2 + end + 2;
        if trim_left {
            inner = &inner[1..];
        }
        let trim_right = inner.ends_with('-') && inner[..inner.len() - 1].ends_with(|c: char| c.is_whitespace());
        if trim_right {
            inner = &inner[..inner.len() - 1];
        }
        toks.push(parse_action(inner, offset + start + 2 + usize::from(trim_left))?);
        rest = &rest[consumed..];
        if trim_right {
            let trimmed = rest.trim_start();
            consumed += rest.len() - trimmed.len();
            rest = trimmed;
        }
        offset += consumed;
    }
    toks.push(Tok::Text(rest.to_string()));
    Ok(toks)
}

/// One action: its words as args, the positions of `|`, and a keyword.
fn parse_action(inner: &str, col: usize) -> Result<Tok, String> {
    let words = words(inner, col)?;
    let keyword = match words.first() {
        Some(Arg::Func(k)) if matches!(k.as_str(), "if" | "range" | "with" | "else" | "end") => Some(k.clone()),
        _ => None,
    };
    let args: Vec<Arg> = if keyword.is_some() { words.into_iter().skip(1).collect() } else { words };
    Ok(Tok::Action(args, keyword))
}

/// Splits an action into args; `|` separators become `Func("|")` markers.
fn words(s: &str, col: usize) -> Result<Vec<Arg>, String> {
    words_at(s, col, 0)
}

/// Nesting of parentheses and of `if`/`range`/`with` blocks a template may
/// have (Go's parser stops at its own, larger, limit with the same words).
pub(super) const MAX_DEPTH: usize = 100;

fn too_deep() -> String {
    "template: :1: max expression depth exceeded".into()
}

fn words_at(s: &str, col: usize, depth: usize) -> Result<Vec<Arg>, String> {
    if depth > MAX_DEPTH {
        return Err(too_deep());
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '"' || c == '`' {
            let mut j = i + 1;
            let mut lit = String::new();
            while j < chars.len() && chars[j] != c {
                if c == '"' && chars[j] == '\\' && j + 1 < chars.len() {
                    j += 1;
                    lit.push(match chars[j] {
                        'n' => '\n',
                        't' => '\t',
                        other => other,
                    });
                } else {
                    lit.push(chars[j]);
                }
                j += 1;
            }
            if j >= chars.len() {
                return Err("template: :1: unterminated quoted string".into());
            }
            out.push(Arg::Str(lit));
            i = j + 1;
        } else if c == '(' {
            let mut open = 0;
            let mut j = i;
            while j < chars.len() {
                match chars[j] {
                    '(' => open += 1,
                    ')' => {
                        open -= 1;
                        if open == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            if j >= chars.len() {
                return Err("template: :1: unclosed left paren".into());
            }
            let inner: String = chars[i + 1..j].iter().collect();
            out.push(Arg::Sub(split_pipeline(words_at(&inner, col + i + 1, depth + 1)?)));
            i = j + 1;
        } else if c == '|' {
            out.push(Arg::Func("|".into()));
            i += 1;
        } else if c == ')' {
            return Err("template: :1: unexpected right paren U+0029 ')'".into());
        } else {
            let mut j = i;
            while j < chars.len() && !chars[j].is_whitespace() && !matches!(chars[j], '|' | '(' | ')') {
                j += 1;
            }
            let word: String = chars[i..j].iter().collect();
            out.push(if word.starts_with('.') || word == "$" || word.starts_with("$.") {
                let path = word.trim_start_matches('$').trim_start_matches('.');
                Arg::Field(path.split('.').filter(|p| !p.is_empty()).map(str::to_string).collect(), col + i)
            } else if word == "true" || word == "false" {
                Arg::Bool(word == "true")
            } else if let Ok(n) = word.parse::<f64>() {
                Arg::Num(n)
            } else if word.chars().all(|c| c.is_alphanumeric() || c == '_') {
                Arg::Func(word)
            } else {
                return Err(format!("template: :1: unexpected bad character U+{:04X} '{}' in command", c as u32, c));
            });
            i = j;
        }
    }
    Ok(out)
}

fn split_pipeline(args: Vec<Arg>) -> Pipeline {
    let mut p: Pipeline = vec![Vec::new()];
    for a in args {
        match a {
            Arg::Func(ref f) if f == "|" => p.push(Vec::new()),
            other => p.last_mut().expect("non-empty").push(other),
        }
    }
    p
}

pub(super) fn parse_list(tokens: &mut std::iter::Peekable<std::vec::IntoIter<Tok>>) -> Result<(Vec<Node>, Option<String>), String> {
    parse_list_at(tokens, 0)
}

fn parse_list_at(tokens: &mut std::iter::Peekable<std::vec::IntoIter<Tok>>, depth: usize) -> Result<(Vec<Node>, Option<String>), String> {
    if depth > MAX_DEPTH {
        return Err(too_deep());
    }
    let mut nodes = Vec::new();
    while let Some(tok) = tokens.next() {
        match tok {
            Tok::Text(t) => nodes.push(Node::Text(t)),
            Tok::Action(args, None) => {
                if args.is_empty() {
                    return Err("template: :1: missing value for command".into());
                }
                nodes.push(Node::Action(split_pipeline(args)));
            }
            Tok::Action(args, Some(k)) => match k.as_str() {
                "end" | "else" => return Ok((nodes, Some(k))),
                _ => {
                    let p = split_pipeline(args);
                    let (body, end) = parse_list_at(tokens, depth + 1)?;
                    let otherwise = match end.as_deref() {
                        Some("else") => {
                            let (o, end2) = parse_list_at(tokens, depth + 1)?;
                            if end2.as_deref() != Some("end") {
                                return Err("template: :1: unexpected EOF".into());
                            }
                            o
                        }
                        Some("end") => Vec::new(),
                        _ => return Err("template: :1: unexpected EOF".into()),
                    };
                    nodes.push(match k.as_str() {
                        "if" => Node::If(p, body, otherwise),
                        "range" => Node::Range(p, body, otherwise),
                        _ => Node::With(p, body, otherwise),
                    });
                }
            },
        }
    }
    Ok((nodes, None))
}
