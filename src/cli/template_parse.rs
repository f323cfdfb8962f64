//! Lexing and parsing Go templates into nodes (see `template.rs`).

#[derive(Clone, Debug)]
pub(super) enum Node {
    Text(String),
    /// A pipeline, and the variables it declares or assigns (`$x := …`).
    Action(Vec<String>, Pipeline),
    If(Pipeline, Vec<Node>, Vec<Node>),
    /// `range [$i,] [$e :=] pipeline`.
    Range(Vec<String>, Pipeline, Vec<Node>, Vec<Node>),
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
    /// `$name.A.B` (`$` alone: the data the template was given).
    Var(String, Vec<String>),
    /// `(pipeline).A.B`.
    SubField(Pipeline, Vec<String>),
}

#[derive(Clone, Debug)]
pub(super) enum Tok {
    Text(String),
    /// Args, keyword (`if`, `range` …), declared variables.
    Action(Vec<Arg>, Option<String>, Vec<String>),
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
    let trimmed = inner.trim_start();
    let keyword = ["if", "range", "with", "else", "end"]
        .into_iter()
        .find(|k| trimmed.strip_prefix(k).is_some_and(|r| r.is_empty() || r.starts_with(char::is_whitespace)));
    let rest = keyword.map_or(trimmed, |k| &trimmed[k.len()..]);
    let (decl, body) = declaration(rest)?;
    let offset = col + (inner.len() - body.len());
    let args = words(body, offset)?;
    Ok(Tok::Action(args, keyword.map(str::to_string), decl))
}

/// `$a, $b := rest` or `$a = rest`: the variable names and the rest.
fn declaration(s: &str) -> Result<(Vec<String>, &str), String> {
    let t = s.trim_start();
    if !t.starts_with('$') {
        return Ok((Vec::new(), s));
    }
    let Some(at) = t.find(":=").or_else(|| t.find('=').filter(|&i| !t[..i].contains(['(', '"', '|']))) else {
        return Ok((Vec::new(), s));
    };
    let names: Vec<String> = t[..at].split(',').map(|n| n.trim().to_string()).collect();
    if names.iter().all(|n| n.len() > 1 && n.starts_with('$') && n[1..].chars().all(|c| c.is_alphanumeric() || c == '_'))
        && names.len() <= 2
    {
        let width = if t[at..].starts_with(":=") { 2 } else { 1 };
        return Ok((names.into_iter().map(|n| n[1..].to_string()).collect(), &t[at + width..]));
    }
    Ok((Vec::new(), s))
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
            let sub = split_pipeline(words_at(&inner, col + i + 1, depth + 1)?);
            i = j + 1;
            if chars.get(i) == Some(&'.') {
                let mut k = i;
                while k < chars.len() && !chars[k].is_whitespace() && !matches!(chars[k], '|' | '(' | ')') {
                    k += 1;
                }
                let path: String = chars[i..k].iter().collect();
                out.push(Arg::SubField(sub, path.split('.').filter(|p| !p.is_empty()).map(str::to_string).collect()));
                i = k;
            } else {
                out.push(Arg::Sub(sub));
            }
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
            out.push(if let Some(var) = word.strip_prefix('$') {
                let mut parts = var.split('.');
                let name = parts.next().unwrap_or("").to_string();
                if !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                    return Err(format!("template: :1: unexpected bad character U+{:04X} '{}' in command", c as u32, c));
                }
                Arg::Var(name, parts.filter(|p| !p.is_empty()).map(str::to_string).collect())
            } else if word.starts_with('.') {
                let path = word.trim_start_matches('.');
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
            Tok::Action(args, None, decl) => {
                if args.is_empty() {
                    return Err("template: :1: missing value for command".into());
                }
                nodes.push(Node::Action(decl, split_pipeline(args)));
            }
            Tok::Action(args, Some(k), decl) => match k.as_str() {
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
                        "range" => Node::Range(decl, p, body, otherwise),
                        _ => Node::With(p, body, otherwise),
                    });
                }
            },
        }
    }
    Ok((nodes, None))
}
