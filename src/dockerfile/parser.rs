//! BuildKit's line parser (`frontend/dockerfile/parser`): parser directives,
//! BOM, CRLF, comments (also between continuation lines), the escape token,
//! empty continuation lines (a warning), builder flags, the JSON exec form
//! with BuildKit's fallback rules, here-documents, ENV/LABEL forms, ONBUILD
//! and HEALTHCHECK. Unknown instructions are accepted here, as BuildKit does;
//! `instructions` rejects them.

use super::words::{heredoc_markers, parse_words, split_at_ws, split_first, split_ws, trim, trim_start};
use super::{Diagnostic, Severity};
use serde::Serialize;
use std::borrow::Cow;

/// A here-document attached to RUN, COPY or ADD.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Heredoc<'a> {
    pub name: String,
    pub file_descriptor: u32,
    /// Whether variables in the body are expanded (the delimiter was unquoted).
    #[serde(skip)]
    pub expand: bool,
    /// `<<-`: leading tabs are removed when the body is used.
    #[serde(skip)]
    pub chomp: bool,
    /// The body: a slice of the Dockerfile text.
    pub content: Cow<'a, str>,
}

/// One instruction as the line parser sees it (BuildKit's `parser.Node`).
/// Text borrows from the Dockerfile wherever it appears there verbatim (a
/// one-line instruction parses without copying it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Node<'a> {
    /// The instruction name as written (`from`, `RUN`, …).
    pub cmd: Cow<'a, str>,
    /// Leading `--flag[=value]` words, quotes removed.
    pub flags: Vec<String>,
    /// The arguments: the JSON elements (exec form), one string (shell form
    /// of RUN/CMD/ENTRYPOINT/SHELL and the one-string instructions), words
    /// (COPY/ADD/VOLUME/FROM/EXPOSE/ARG), `[key, value]*` (ENV/LABEL),
    /// `[type, command]` (HEALTHCHECK), or the trigger's arguments (ONBUILD).
    pub value: Vec<Cow<'a, str>>,
    /// The exec (JSON) form.
    pub json: bool,
    /// The logical line with continuations joined (as BuildKit stores it).
    pub original: Cow<'a, str>,
    pub start_line: usize,
    pub end_line: usize,
    /// Byte range of the instruction in the text (heredoc bodies included).
    pub span: (usize, usize),
    /// ONBUILD's trigger instruction.
    pub sub: Option<Box<Node<'a>>>,
    pub heredocs: Vec<Heredoc<'a>>,
    /// ENV/LABEL: the separator BuildKit's `Next` chain keeps after each
    /// `key, value` pair (`=`, or nothing for the legacy `key value` form),
    /// for the AST dump.
    #[serde(skip)]
    pub pair_sep: Option<&'static str>,
}

impl Node<'_> {
    /// The ONBUILD trigger text (the line without the `ONBUILD` word, heredoc bodies appended).
    pub fn trigger_text(&self) -> String {
        split_ws(self.original.trim(), 2).get(1).map_or_else(String::new, |s| s.to_string())
    }

    /// The same node owning all its text.
    pub fn into_owned(self) -> Node<'static> {
        let own = |c: Cow<'_, str>| Cow::Owned(c.into_owned());
        Node {
            cmd: own(self.cmd),
            flags: self.flags,
            value: self.value.into_iter().map(own).collect(),
            json: self.json,
            original: own(self.original),
            start_line: self.start_line,
            end_line: self.end_line,
            span: self.span,
            sub: self.sub.map(|s| Box::new(s.into_owned())),
            heredocs: self.heredocs.into_iter().map(|h| Heredoc { content: own(h.content), ..h }).collect(),
            pair_sep: self.pair_sep,
        }
    }
}

/// The parsed file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Dockerfile<'a> {
    pub nodes: Vec<Node<'a>>,
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
pub fn parse(text: &str) -> Result<Dockerfile<'_>, Diagnostic> {
    parse_with(text, ParseOptions::default())
}

/// The longest physical line BuildKit's scanner accepts.
const MAX_LINE: usize = 65_535;

struct Line<'a> {
    /// The raw line including its `\n`.
    raw: &'a str,
    start: usize,
}

pub fn parse_with(text: &str, opts: ParseOptions) -> Result<Dockerfile<'_>, Diagnostic> {
    let lines: Vec<Line> = {
        let bytes = text.as_bytes();
        let mut v = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
        let mut start = 0;
        for at in memchr::memchr_iter(b'\n', bytes) {
            v.push(Line { raw: &text[start..at + 1], start });
            start = at + 1;
        }
        if start < text.len() {
            v.push(Line { raw: &text[start..], start });
        }
        v
    };
    let err_at = |msg: String, line: usize, end: usize| {
        let span = lines
            .get(line.saturating_sub(1))
            .map_or((text.len(), text.len()), |l| (l.start, l.start + l.raw.trim_end_matches(['\n', '\r']).len()));
        Diagnostic::error(msg, line, end.max(line), span)
    };
    let mut escape = '\\';
    let mut directives_done = false;
    let mut seen_directives: Vec<String> = Vec::new();
    let mut nodes = Vec::with_capacity(lines.len());
    let mut warnings = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let mut raw = lines[i].raw;
        if i == 0 {
            raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
        }
        if raw.len() > MAX_LINE {
            return Err(err_at(format!("dockerfile line greater than max allowed size of {MAX_LINE}"), i + 1, i + 1));
        }
        let trimmed_nl = strip_eol(raw);
        let stripped = trim_start(trimmed_nl);
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
                    i += 1;
                    continue;
                }
                None => directives_done = true,
            }
        }
        let start_line = i + 1;
        let indent = if stripped.len() == trimmed_nl.len() && i > 0 {
            0
        } else {
            lines[i].raw.len() - lines[i].raw.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}').len()
        };
        let start_offset = lines[i].start + indent;
        i += 1;
        if stripped.starts_with('#') {
            continue;
        }
        let (first, mut done) = trim_continuation(stripped, escape);
        if done && first.is_empty() {
            continue;
        }
        let mut buf: Cow<'_, str> = Cow::Borrowed(first);
        let mut empty_continuation = false;
        while !done && i < lines.len() {
            let next = strip_eol(lines[i].raw);
            i += 1;
            if trim_start(next).starts_with('#') {
                continue;
            }
            if trim(next).is_empty() {
                empty_continuation = true;
                continue;
            }
            let (part, d) = trim_continuation(next, escape);
            if let Cow::Borrowed(b) = buf {
                let mut owned = String::with_capacity(b.len() + part.len() + 128);
                owned.push_str(b);
                buf = Cow::Owned(owned);
            }
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
                span: (start_offset, lines[end_line - 1].start + strip_eol(lines[end_line - 1].raw).len()),
            });
        }
        let mut node = match &buf {
            Cow::Borrowed(line) => node_from_line(line, escape),
            Cow::Owned(line) => node_from_line(line, escape).map(Node::into_owned),
        }
        .map_err(|m| err_at(m, start_line, end_line))?;
        if opts.heredocs && can_contain_heredoc(&node) && buf.contains("<<") {
            let markers = heredoc_markers(&buf).map_err(|m| err_at(m, start_line, end_line))?;
            for mut doc in markers {
                let body_start = lines.get(i).map_or(text.len(), |l| l.start);
                let mut body_end = None;
                while i < lines.len() {
                    let body = lines[i].raw;
                    let at = lines[i].start;
                    i += 1;
                    let mut candidate = strip_eol(body);
                    if doc.chomp {
                        candidate = candidate.trim_start_matches('\t');
                    }
                    if candidate == doc.name {
                        body_end = Some(at);
                        break;
                    }
                }
                let Some(body_end) = body_end else {
                    return Err(err_at("unterminated heredoc".into(), start_line, i));
                };
                doc.content = Cow::Borrowed(&text[body_start..body_end]);
                let original = node.original.to_mut();
                original.push('\n');
                original.push_str(&doc.content);
                original.push_str(&doc.name);
                node.heredocs.push(doc);
            }
            if !node.heredocs.is_empty() {
                node.original.to_mut().push('\n');
            }
            end_line = i;
        }
        let end = lines[end_line - 1].start + strip_eol(lines[end_line - 1].raw).len();
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

/// The line without its trailing `\r` and `\n` characters.
fn strip_eol(s: &str) -> &str {
    let b = s.as_bytes();
    let mut n = b.len();
    while n > 0 && matches!(b[n - 1], b'\n' | b'\r') {
        n -= 1;
    }
    &s[..n]
}

/// `# key=value` at the top, for the keys BuildKit knows.
fn directive(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix('#')?.trim_start();
    let key_len = rest
        .char_indices()
        .find(|(i, c)| !(c.is_ascii_alphanumeric() && (*i > 0 || c.is_ascii_alphabetic())))
        .map_or(rest.len(), |(i, _)| i);
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
    let b = line.as_bytes();
    let mut n = b.len();
    while n > 0 && matches!(b[n - 1], b' ' | b'\t') {
        n -= 1;
    }
    let trimmed = &line[..n];
    if let Some(body) = trimmed.strip_suffix(escape) {
        if body.is_empty() || !body.ends_with(escape) {
            return (body, false);
        }
    }
    (line, true)
}

/// The instruction name in lower case, without allocating for known names.
fn keyword(cmd: &str) -> &'static str {
    const KNOWN: [&str; 18] = [
        "add",
        "arg",
        "cmd",
        "copy",
        "entrypoint",
        "env",
        "expose",
        "from",
        "healthcheck",
        "label",
        "maintainer",
        "onbuild",
        "run",
        "shell",
        "stopsignal",
        "user",
        "volume",
        "workdir",
    ];
    // The name's bytes, lower-cased, packed into one integer: one compare per candidate.
    const fn pack(b: &[u8]) -> u128 {
        let mut v = 0u128;
        let mut i = 0;
        while i < b.len() {
            v = (v << 8) | b[i].to_ascii_lowercase() as u128;
            i += 1;
        }
        v
    }
    const PACKED: [u128; 18] = {
        let mut out = [0u128; 18];
        let mut i = 0;
        while i < 18 {
            out[i] = pack(KNOWN[i].as_bytes());
            i += 1;
        }
        out
    };
    let bytes = cmd.as_bytes();
    if bytes.len() < 3 || bytes.len() > 11 {
        return "";
    }
    let v = pack(bytes);
    PACKED.iter().position(|&k| k == v).map_or("", |i| KNOWN[i])
}

fn can_contain_heredoc(node: &Node<'_>) -> bool {
    let target = match (&node.sub, node.cmd.eq_ignore_ascii_case("onbuild")) {
        (Some(sub), true) => sub,
        _ => node,
    };
    matches!(keyword(&target.cmd), "run" | "copy" | "add") && !target.json
}

/// Splits a logical line into a node (`newNodeFromLine`).
fn node_from_line(line: &str, escape: char) -> Result<Node<'_>, String> {
    let (cmd, rest) = split_first(trim(line));
    let (args, flags) = match rest {
        Some(rest) => extract_flags(rest, escape),
        None => ("", Vec::new()),
    };
    let args = trim(args);
    let mut node = Node {
        cmd: Cow::Borrowed(cmd),
        flags,
        value: Vec::new(),
        json: false,
        original: Cow::Borrowed(line),
        start_line: 0,
        end_line: 0,
        span: (0, 0),
        sub: None,
        heredocs: Vec::new(),
        pair_sep: None,
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
                    None => node.value = vec![Cow::Borrowed(args)],
                }
            }
        }
        "arg" => node.value = parse_words(args, escape).into_iter().map(Cow::Borrowed).collect(),
        "env" | "label" => {
            let key = if cmd.eq_ignore_ascii_case("env") { "ENV" } else { "LABEL" };
            node.pair_sep = name_val(args, key, escape, &mut node.value)?;
            return Ok(node);
        }
        "expose" | "from" => node.value = ws_list(args),
        "maintainer" | "stopsignal" | "user" | "workdir" => {
            if !args.is_empty() {
                node.value = vec![Cow::Borrowed(args)];
            }
        }
        "healthcheck" => {
            let sep = args.find(char::is_whitespace).unwrap_or(args.len());
            if sep > 0 {
                node.value.push(Cow::Borrowed(&args[..sep]));
                let rest = trim_start(&args[sep..]);
                if !rest.is_empty() {
                    match parse_json(rest)? {
                        Some(items) => {
                            node.json = true;
                            node.value.extend(items);
                        }
                        None => node.value.push(Cow::Borrowed(rest)),
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
        _ => node.value = vec![Cow::Borrowed("")],
    }
    Ok(node)
}

fn set_json<'a>(node: &mut Node<'a>, items: Vec<Cow<'a, str>>) {
    node.value = items;
    node.json = true;
}

/// Whitespace-delimited words (`parseStringsWhitespaceDelimited`).
fn ws_list(args: &str) -> Vec<Cow<'_, str>> {
    let mut out = Vec::new();
    if !args.is_empty() {
        out.reserve(4);
        let mut rest = args;
        while let Some((word, after)) = split_at_ws(rest) {
            out.push(Cow::Borrowed(word));
            rest = after;
        }
        out.push(Cow::Borrowed(rest));
    }
    out
}

/// The JSON exec form: `Ok(None)` when it is not valid JSON (shell form
/// instead), an error when the array holds non-strings.
fn parse_json(rest: &str) -> Result<Option<Vec<Cow<'_, str>>>, String> {
    let rest = trim_start(rest);
    if !rest.starts_with('[') {
        return Ok(None);
    }
    // Go's json.Decoder reads the first value and ignores what follows
    // (`CMD ["a"] # note` is exec form). Fast paths: an array of plain
    // strings (borrowed), then any array of strings.
    if let Some(items) = plain_json_strings(rest) {
        return Ok(Some(items));
    }
    if let Ok(items) = <Vec<String> as serde::Deserialize>::deserialize(&mut serde_json::Deserializer::from_str(rest)) {
        return Ok(Some(items.into_iter().map(Cow::Owned).collect()));
    }
    let first_value = |de: &mut serde_json::Deserializer<serde_json::de::StrRead>| -> Option<Vec<serde_json::Value>> {
        serde::Deserialize::deserialize(de).ok()
    };
    let Some(items) = first_value(&mut serde_json::Deserializer::from_str(rest)) else { return Ok(None) };
    items
        .iter()
        .map(|v| {
            v.as_str()
                .map(|s| Cow::Owned(s.to_string()))
                .ok_or_else(|| "when using JSON array syntax, arrays must be comprised of strings only".to_string())
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

/// `["a", "b"]` whose strings hold no escapes or control characters, as
/// slices of `s`; `None` for anything else (left to serde_json).
fn plain_json_strings(s: &str) -> Option<Vec<Cow<'_, str>>> {
    let b = s.as_bytes();
    let ws = |i: &mut usize| {
        while *i < b.len() && matches!(b[*i], b' ' | b'\t' | b'\n' | b'\r') {
            *i += 1;
        }
    };
    let mut out = Vec::with_capacity(4);
    let mut i = 1;
    ws(&mut i);
    if b.get(i) == Some(&b']') {
        return Some(out);
    }
    loop {
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let start = i + 1;
        let len = b[start..].iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20)?;
        if b[start + len] != b'"' {
            return None;
        }
        out.push(Cow::Borrowed(&s[start..start + len]));
        i = start + len + 1;
        ws(&mut i);
        match b.get(i) {
            Some(b',') => {
                i += 1;
                ws(&mut i);
            }
            Some(b']') => return Some(out),
            _ => return None,
        }
    }
}

/// ENV/LABEL: `key=value` words or the legacy `key value` form, pushed
/// as `key, value` onto `out`; returns the separator BuildKit records after
/// each pair (none without pairs).
fn name_val<'a>(rest: &'a str, key: &str, escape: char, out: &mut Vec<Cow<'a, str>>) -> Result<Option<&'static str>, String> {
    let words = parse_words(rest, escape);
    let Some(first) = words.first() else { return Ok(None) };
    if !first.contains('=') {
        let parts = split_ws(rest, 2);
        if parts.len() < 2 {
            return Err(format!("{key} must have two arguments"));
        }
        out.extend([Cow::Borrowed(parts[0]), Cow::Borrowed(parts[1])]);
        return Ok(Some(""));
    }
    out.reserve(words.len() * 2);
    for w in words {
        let Some((k, v)) = w.split_once('=') else {
            return Err(format!("Syntax error - can't find = in \"{w}\". Must be of the form: name=value"));
        };
        out.extend([Cow::Borrowed(k), Cow::Borrowed(v)]);
    }
    Ok(Some("="))
}

/// Leading `--flags` (`extractBuilderFlags`): returns the rest and the flags.
fn extract_flags(line: &str, escape: char) -> (&str, Vec<String>) {
    // Most instructions have no flags: skip the scanner.
    let start = trim_start(line);
    if !start.starts_with("--") {
        return (start, Vec::new());
    }
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut words = Vec::new();
    let mut word = String::new();
    let mut blank_ok = false;
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote(char),
    }
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
                return (&line[pos..], words);
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
                        return (&line[pos..], words);
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
    ("", words)
}

#[cfg(test)]
mod tests;
