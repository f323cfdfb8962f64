//! BuildKit's line parser (`frontend/dockerfile/parser`): parser directives,
//! BOM, CRLF, comments (also between continuation lines), the escape token,
//! empty continuation lines (a warning), builder flags, the JSON exec form
//! with BuildKit's fallback rules, here-documents, ENV/LABEL forms, ONBUILD
//! and HEALTHCHECK. Unknown instructions are accepted here, as BuildKit does;
//! `instructions` rejects them.

use super::words::{heredoc_markers, parse_words, split_first, split_ws};
use super::{Diagnostic, Severity};
use serde::Serialize;

/// A here-document attached to RUN, COPY or ADD.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Heredoc {
    pub name: String,
    pub file_descriptor: u32,
    /// Whether variables in the body are expanded (the delimiter was unquoted).
    #[serde(skip)]
    pub expand: bool,
    /// `<<-`: leading tabs are removed when the body is used.
    #[serde(skip)]
    pub chomp: bool,
    pub content: String,
}

/// One instruction as the line parser sees it (BuildKit's `parser.Node`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Node {
    /// The instruction name as written (`from`, `RUN`, …).
    pub cmd: String,
    /// Leading `--flag[=value]` words, quotes removed.
    pub flags: Vec<String>,
    /// The arguments: the JSON elements (exec form), one string (shell form
    /// of RUN/CMD/ENTRYPOINT/SHELL and the one-string instructions), words
    /// (COPY/ADD/VOLUME/FROM/EXPOSE/ARG), `[key, value]*` (ENV/LABEL),
    /// `[type, command]` (HEALTHCHECK), or the trigger's arguments (ONBUILD).
    pub value: Vec<String>,
    /// The exec (JSON) form.
    pub json: bool,
    /// The logical line with continuations joined (as BuildKit stores it).
    pub original: String,
    pub start_line: usize,
    pub end_line: usize,
    /// Byte range of the instruction in the text (heredoc bodies included).
    pub span: (usize, usize),
    /// ONBUILD's trigger instruction.
    pub sub: Option<Box<Node>>,
    pub heredocs: Vec<Heredoc>,
    /// BuildKit's `Next` chain when it differs from `value` (ENV/LABEL pairs
    /// keep their separators there), for the AST dump.
    #[serde(skip)]
    pub chain: Vec<String>,
    /// Comments directly above the instruction.
    #[serde(skip)]
    pub comments: Vec<String>,
}

impl Node {
    /// The ONBUILD trigger text (the line without the `ONBUILD` word, heredoc bodies appended).
    pub fn trigger_text(&self) -> String {
        split_ws(self.original.trim(), 2).get(1).cloned().unwrap_or_default()
    }
}

/// The parsed file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Dockerfile {
    pub nodes: Vec<Node>,
    pub warnings: Vec<Diagnostic>,
    /// The escape token in effect (`\` or `` ` ``).
    #[serde(skip)]
    pub escape: char,
}

/// How to parse.
#[derive(Clone, Copy, Debug)]
pub struct ParseOptions {
    /// Read here-document bodies (BuildKit always does; callers that lift
    /// bodies out beforehand turn this off).
    pub heredocs: bool,
}

impl Default for ParseOptions {
    fn default() -> ParseOptions {
        ParseOptions { heredocs: true }
    }
}

/// Parses Dockerfile text into nodes, as BuildKit's `parser.Parse` does.
pub fn parse(text: &str) -> Result<Dockerfile, Diagnostic> {
    parse_with(text, ParseOptions::default())
}

/// The longest physical line BuildKit's scanner accepts.
const MAX_LINE: usize = 65_535;

struct Line<'a> {
    /// The raw line including its `\n`.
    raw: &'a str,
    start: usize,
}

pub fn parse_with(text: &str, opts: ParseOptions) -> Result<Dockerfile, Diagnostic> {
    let lines: Vec<Line> = {
        let mut v = Vec::with_capacity(text.len() / 24 + 1);
        let mut offset = 0;
        for raw in text.split_inclusive('\n') {
            v.push(Line { raw, start: offset });
            offset += raw.len();
        }
        v
    };
    let err_at = |msg: String, line: usize, end: usize| {
        let span = lines.get(line.saturating_sub(1)).map_or((text.len(), text.len()), |l| (l.start, l.start + l.raw.trim_end_matches(['\n', '\r']).len()));
        Diagnostic::error(msg, line, end.max(line), span)
    };
    let mut escape = '\\';
    let mut directives_done = false;
    let mut seen_directives: Vec<String> = Vec::new();
    let mut nodes = Vec::with_capacity(text.len() / 64 + 1);
    let mut warnings = Vec::new();
    let mut comments: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let mut raw = lines[i].raw;
        if i == 0 {
            raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
        }
        if raw.len() > MAX_LINE {
            return Err(err_at(format!("dockerfile line greater than max allowed size of {MAX_LINE}"), i + 1, i + 1));
        }
        let trimmed_nl = raw.trim_end_matches(['\r', '\n']);
        let stripped = trimmed_nl.trim_start();
        if let Some(c) = stripped.strip_prefix('#') {
            let c = c.trim();
            if c.is_empty() { comments.clear() } else { comments.push(c.to_string()) }
        }
        // Parser directives are only recognised before anything else.
        if !directives_done {
            match directive(stripped) {
                Some((key, value)) => {
                    if seen_directives.contains(&key) {
                        return Err(err_at(format!("only one {key} parser directive can be used"), i + 1, i + 1));
                    }
                    if key == "escape" {
                        escape = match value.as_str() {
                            "`" => '`',
                            "\\" => '\\',
                            other => return Err(err_at(format!("invalid escape token '{other}' does not match ` or \\"), i + 1, i + 1)),
                        };
                    }
                    seen_directives.push(key);
                    comments.pop();
                    i += 1;
                    continue;
                }
                None => directives_done = true,
            }
        }
        let start_line = i + 1;
        let start_offset = lines[i].start + (lines[i].raw.len() - lines[i].raw.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}').len());
        i += 1;
        if stripped.starts_with('#') {
            continue;
        }
        let (first, mut done) = trim_continuation(stripped, escape);
        if done && first.is_empty() {
            continue;
        }
        let mut buf = std::borrow::Cow::Borrowed(first);
        let mut empty_continuation = false;
        while !done && i < lines.len() {
            let next = lines[i].raw.trim_end_matches(['\r', '\n']);
            i += 1;
            if next.trim_start().starts_with('#') {
                continue;
            }
            if next.trim().is_empty() {
                empty_continuation = true;
                continue;
            }
            let (part, d) = trim_continuation(next, escape);
            buf.to_mut().push_str(part);
            done = d;
        }
        let mut end_line = i;
        if empty_continuation {
            warnings.push(Diagnostic {
                severity: Severity::Warning,
                message: format!("Empty continuation line found in: {buf}"),
                start_line: end_line,
                end_line,
                span: (start_offset, lines[end_line - 1].start + lines[end_line - 1].raw.trim_end_matches(['\r', '\n']).len()),
            });
        }
        let mut node = node_from_line(&buf, escape).map_err(|m| err_at(m, start_line, end_line))?;
        node.comments = std::mem::take(&mut comments);
        if opts.heredocs && can_contain_heredoc(&node) && buf.contains("<<") {
            let markers = heredoc_markers(&buf).map_err(|m| err_at(m, start_line, end_line))?;
            for mut doc in markers {
                let mut content = String::new();
                let mut terminated = false;
                while i < lines.len() {
                    let body = lines[i].raw;
                    i += 1;
                    let mut candidate = body.trim_end_matches(['\r', '\n']);
                    if doc.chomp {
                        candidate = candidate.trim_start_matches('\t');
                    }
                    if candidate == doc.name {
                        terminated = true;
                        break;
                    }
                    content.push_str(body);
                }
                if !terminated {
                    return Err(err_at("unterminated heredoc".into(), start_line, i));
                }
                doc.content = content;
                node.original.push('\n');
                node.original.push_str(&doc.content);
                node.original.push_str(&doc.name);
                node.heredocs.push(doc);
            }
            if !node.heredocs.is_empty() {
                node.original.push('\n');
            }
            end_line = i;
        }
        let end = lines[end_line - 1].start + lines[end_line - 1].raw.trim_end_matches(['\r', '\n']).len();
        node.start_line = start_line;
        node.end_line = end_line;
        node.span = (start_offset, end);
        if let Some(sub) = node.sub.as_mut() {
            sub.start_line = start_line;
            sub.end_line = end_line;
            sub.span = (start_offset, end);
            sub.heredocs = node.heredocs.clone();
        }
        nodes.push(node);
    }
    if nodes.is_empty() {
        let line = lines.len();
        return Err(Diagnostic::error("file with no instructions", line, line, (text.len(), text.len())));
    }
    Ok(Dockerfile { nodes, warnings, escape })
}

/// `# key=value` at the top, for the keys BuildKit knows.
fn directive(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix('#')?.trim_start();
    let key_len = rest.char_indices().find(|(i, c)| !(c.is_ascii_alphanumeric() && (*i > 0 || c.is_ascii_alphabetic()))).map_or(rest.len(), |(i, _)| i);
    if key_len == 0 {
        return None;
    }
    let key = rest[..key_len].to_ascii_lowercase();
    let after = rest[key_len..].trim_start().strip_prefix('=')?;
    let value = after.trim();
    if value.is_empty() || !matches!(key.as_str(), "syntax" | "escape" | "check") {
        return None;
    }
    Some((key, value.to_string()))
}

/// BuildKit's continuation regex: the escape token as the last non-blank
/// character, not itself escaped (or alone on the line). Returns the line
/// without it and whether the instruction ends here.
fn trim_continuation(line: &str, escape: char) -> (&str, bool) {
    let trimmed = line.trim_end_matches([' ', '\t']);
    if let Some(body) = trimmed.strip_suffix(escape) {
        if body.is_empty() || !body.ends_with(escape) {
            return (body, false);
        }
    }
    (line, true)
}

/// The instruction name in lower case, without allocating for known names.
fn keyword(cmd: &str) -> &'static str {
    const KNOWN: &[&str] = &[
        "add", "arg", "cmd", "copy", "entrypoint", "env", "expose", "from", "healthcheck", "label", "maintainer",
        "onbuild", "run", "shell", "stopsignal", "user", "volume", "workdir",
    ];
    KNOWN.iter().find(|k| k.eq_ignore_ascii_case(cmd)).copied().unwrap_or("")
}

fn can_contain_heredoc(node: &Node) -> bool {
    let target = match (&node.sub, node.cmd.eq_ignore_ascii_case("onbuild")) {
        (Some(sub), true) => sub,
        _ => node,
    };
    matches!(keyword(&target.cmd), "run" | "copy" | "add") && !target.json
}

/// Splits a logical line into a node (`newNodeFromLine`).
fn node_from_line(line: &str, escape: char) -> Result<Node, String> {
    let (cmd, rest) = split_first(line.trim());
    let (args, flags) = match rest {
        Some(rest) => extract_flags(rest, escape),
        None => (std::borrow::Cow::Borrowed(""), Vec::new()),
    };
    let args = args.trim();
    let mut node = Node {
        cmd: cmd.to_string(),
        flags,
        value: Vec::new(),
        json: false,
        original: line.to_string(),
        start_line: 0,
        end_line: 0,
        span: (0, 0),
        sub: None,
        heredocs: Vec::new(),
        chain: Vec::new(),
        comments: Vec::new(),
    };
    match keyword(cmd) {
        "add" | "copy" | "volume" => match parse_json(args)? {
            Some(items) => set_json(&mut node, items),
            None => node.value = ws_list(args),
        },
        "run" | "cmd" | "entrypoint" | "shell" => {
            if !args.is_empty() {
                match parse_json(args)? {
                    Some(items) => set_json(&mut node, items),
                    None => node.value = vec![args.to_string()],
                }
            }
        }
        "arg" => node.value = parse_words(args, escape),
        "env" | "label" => {
            let key = if cmd.eq_ignore_ascii_case("env") { "ENV" } else { "LABEL" };
            let pairs = name_val(args, key, escape)?;
            for (k, v, sep) in pairs {
                node.value.push(k.clone());
                node.value.push(v.clone());
                node.chain.extend([k, v, sep]);
            }
            return Ok(node);
        }
        "expose" | "from" => node.value = ws_list(args),
        "maintainer" | "stopsignal" | "user" | "workdir" => {
            if !args.is_empty() {
                node.value = vec![args.to_string()];
            }
        }
        "healthcheck" => {
            let sep = args.find(char::is_whitespace).unwrap_or(args.len());
            if sep > 0 {
                node.value.push(args[..sep].to_string());
                let rest = args[sep..].trim_start();
                if !rest.is_empty() {
                    match parse_json(rest)? {
                        Some(items) => {
                            node.json = true;
                            node.value.extend(items);
                        }
                        None => node.value.push(rest.to_string()),
                    }
                }
            }
        }
        "onbuild" => {
            if !args.is_empty() {
                let child = node_from_line(args, escape)?;
                node.value = child.value.clone();
                node.json = child.json;
                node.sub = Some(Box::new(child));
            }
        }
        // Unknown instructions get BuildKit's `parseIgnore`: one empty node.
        _ => node.value = vec![String::new()],
    }
    Ok(node)
}

fn set_json(node: &mut Node, items: Vec<String>) {
    node.value = items;
    node.json = true;
}

/// Whitespace-delimited words (`parseStringsWhitespaceDelimited`).
fn ws_list(args: &str) -> Vec<String> {
    if args.is_empty() {
        return Vec::new();
    }
    split_ws(args, usize::MAX)
}

/// The JSON exec form: `Ok(None)` when it is not valid JSON (shell form
/// instead), an error when the array holds non-strings.
fn parse_json(rest: &str) -> Result<Option<Vec<String>>, String> {
    let rest = rest.trim_start();
    if !rest.starts_with('[') {
        return Ok(None);
    }
    // Go's json.Decoder reads the first value and ignores what follows
    // (`CMD ["a"] # note` is exec form). Fast path: an array of strings.
    let first_value = |de: &mut serde_json::Deserializer<serde_json::de::StrRead>| -> Option<Vec<serde_json::Value>> { serde::Deserialize::deserialize(de).ok() };
    if let Ok(items) = <Vec<String> as serde::Deserialize>::deserialize(&mut serde_json::Deserializer::from_str(rest)) {
        return Ok(Some(items));
    }
    let Some(items) = first_value(&mut serde_json::Deserializer::from_str(rest)) else { return Ok(None) };
    items
        .iter()
        .map(|v| v.as_str().map(str::to_string).ok_or_else(|| "when using JSON array syntax, arrays must be comprised of strings only".to_string()))
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

/// ENV/LABEL: `key=value` words or the legacy `key value` form.
fn name_val(rest: &str, key: &str, escape: char) -> Result<Vec<(String, String, String)>, String> {
    let words = parse_words(rest, escape);
    let Some(first) = words.first() else { return Ok(Vec::new()) };
    if !first.contains('=') {
        let parts = split_ws(rest, 2);
        if parts.len() < 2 {
            return Err(format!("{key} must have two arguments"));
        }
        return Ok(vec![(parts[0].clone(), parts[1].clone(), String::new())]);
    }
    words
        .iter()
        .map(|w| match w.split_once('=') {
            Some((k, v)) => Ok((k.to_string(), v.to_string(), "=".to_string())),
            None => Err(format!("Syntax error - can't find = in \"{w}\". Must be of the form: name=value")),
        })
        .collect()
}

/// Leading `--flags` (`extractBuilderFlags`): returns the rest and the flags.
fn extract_flags(line: &str, escape: char) -> (std::borrow::Cow<'_, str>, Vec<String>) {
    // Most instructions have no flags: skip the scanner.
    if !line.trim_start().starts_with("--") {
        return (std::borrow::Cow::Borrowed(line.trim_start()), Vec::new());
    }
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut words = Vec::new();
    let mut word = String::new();
    let mut blank_ok = false;
    #[derive(PartialEq)]
    enum Phase { Spaces, Word, Quote(char) }
    let mut phase = Phase::Spaces;
    let mut k = 0;
    while k <= chars.len() {
        let at_end = k == chars.len();
        let (pos, ch) = if at_end { (line.len(), '\0') } else { chars[k] };
        if phase == Phase::Spaces {
            if at_end {
                break;
            }
            if ch.is_whitespace() {
                k += 1;
                continue;
            }
            let next_dash = chars.get(k + 1).map(|c| c.1) == Some('-');
            if ch != '-' || !next_dash {
                return (std::borrow::Cow::Borrowed(&line[pos..]), words);
            }
            phase = Phase::Word;
        }
        if at_end {
            if word != "--" && (blank_ok || !word.is_empty()) {
                words.push(word);
            }
            break;
        }
        match phase {
            Phase::Word => {
                if ch.is_whitespace() {
                    phase = Phase::Spaces;
                    if word == "--" {
                        return (std::borrow::Cow::Borrowed(&line[pos..]), words);
                    }
                    if blank_ok || !word.is_empty() {
                        words.push(std::mem::take(&mut word));
                    }
                    word.clear();
                    blank_ok = false;
                    k += 1;
                    continue;
                }
                if ch == '\'' || ch == '"' {
                    phase = Phase::Quote(ch);
                    blank_ok = true;
                    k += 1;
                    continue;
                }
                if ch == escape {
                    if k + 1 == chars.len() {
                        k += 1;
                        continue;
                    }
                    k += 1;
                    word.push(chars[k].1);
                    k += 1;
                    continue;
                }
                word.push(ch);
            }
            Phase::Quote(q) => {
                if ch == q {
                    phase = Phase::Word;
                    k += 1;
                    continue;
                }
                if ch == escape {
                    if k + 1 == chars.len() {
                        phase = Phase::Word;
                        k += 1;
                        continue;
                    }
                    k += 1;
                    word.push(chars[k].1);
                    k += 1;
                    continue;
                }
                word.push(ch);
            }
            Phase::Spaces => {}
        }
        k += 1;
    }
    (std::borrow::Cow::Borrowed(""), words)
}

#[cfg(test)]
mod tests;
