//! A YAML reader for Compose files: block mappings and sequences, flow
//! collections, plain/quoted/block scalars, comments, anchors, aliases and
//! `<<` merge keys. Errors are worded as Go's yaml.v3 (libyaml) words them
//! (`yaml: line 3: mapping values are not allowed in this context`).
//! Every node keeps its line and column (1-based).

use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    /// A scalar; `plain` when unquoted (so `true`/`8080` are bool/number).
    Str {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    /// Keys in file order.
    Map(Vec<(Node, Node)>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub line: usize,
    pub col: usize,
}

impl Node {
    pub fn str(&self) -> Option<&str> {
        match &self.value {
            Value::Str { text, .. } => Some(text),
            _ => None,
        }
    }
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(m) => m.iter().find(|(k, _)| k.str() == Some(key)).map(|(_, v)| v),
            _ => None,
        }
    }
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Null)
            || matches!(&self.value, Value::Str { text, plain: true } if matches!(text.as_str(), "~" | "null" | "Null" | "NULL"))
    }
}

/// `yaml: line N: message` for the scanner's errors (the real line).
pub fn err(line: usize, msg: &str) -> String {
    format!("yaml: line {line}: {msg}")
}

/// The parser's errors: yaml.v3 prints libyaml's 0-based mark there, so
/// the line named is the one before the offending token.
pub fn perr(line: usize, msg: &str) -> String {
    match line.saturating_sub(1) {
        0 => format!("yaml: {msg}"),
        n => format!("yaml: line {n}: {msg}"),
    }
}

struct Line {
    no: usize,
    indent: usize,
    text: String,
}

struct Parser {
    /// The line after the last one (where libyaml's end-of-stream mark is).
    eof_line: usize,
    lines: Vec<Line>,
    pos: usize,
    anchors: BTreeMap<String, Node>,
    depth: usize,
}

/// Parses one YAML document. An empty document is `Value::Null`.
pub fn parse(src: &str) -> Result<Node, String> {
    let mut lines = Vec::new();
    let mut in_block: Option<usize> = None;
    for (i, raw) in src.lines().enumerate() {
        let no = i + 1;
        let raw = raw.trim_end_matches('\r');
        let indent = raw.len() - raw.trim_start_matches(' ').len();
        let rest = &raw[indent..];
        if let Some(b) = in_block {
            if rest.trim().is_empty() || indent > b {
                lines.push(Line { no, indent, text: raw.to_string() });
                continue;
            }
            in_block = None;
        }
        if rest.starts_with('\t') && !rest.trim().is_empty() {
            return Err(err(no, "found a tab character that violates indentation"));
        }
        let body = strip_comment(rest);
        if body.trim().is_empty() || body.trim() == "---" && indent == 0 {
            continue;
        }
        if body.trim() == "..." && indent == 0 {
            break;
        }
        let t = body.trim_end();
        if t.ends_with('|') || t.ends_with('>') || t.ends_with("|-") || t.ends_with(">-") || t.ends_with("|+") || t.ends_with(">+") {
            in_block = Some(indent);
        }
        lines.push(Line { no, indent, text: raw[..indent + body.trim_end().len()].to_string() });
    }
    let eof_line = src.matches('\n').count() + 1;
    let mut p = Parser { eof_line, lines, pos: 0, anchors: BTreeMap::new(), depth: 0 };
    if p.lines.is_empty() {
        return Ok(Node { value: Value::Null, line: 1, col: 1 });
    }
    let first = p.lines[0].indent;
    let node = p.block(first)?;
    if let Some(l) = p.lines.get(p.pos) {
        let msg = if l.indent > 0 && l.text.trim_start().starts_with("- ") {
            "did not find expected key"
        } else {
            "did not find expected <document start>"
        };
        return Err(perr(l.no, msg));
    }
    Ok(node)
}

/// The text before a ` #` comment (outside quotes).
fn strip_comment(s: &str) -> &str {
    let (mut single, mut double) = (false, false);
    let b = s.as_bytes();
    for i in 0..b.len() {
        match b[i] {
            b'\'' if !double => single = !single,
            b'"' if !single && (i == 0 || b[i - 1] != b'\\') => double = !double,
            b'#' if !single && !double && (i == 0 || b[i - 1] == b' ' || b[i - 1] == b'\t') => return &s[..i],
            _ => {}
        }
    }
    s
}

/// Where `key: value`'s colon is (a `:` followed by space or end, outside quotes and flows).
fn find_colon(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let (mut single, mut double, mut flow) = (false, false, 0i32);
    if b.first().is_some_and(|c| matches!(c, b'[' | b'{')) {
        // A flow collection is a value, unless a key follows it.
    }
    for i in 0..b.len() {
        match b[i] {
            b'\'' if !double => single = !single,
            b'"' if !single && (i == 0 || b[i - 1] != b'\\') => double = !double,
            b'[' | b'{' if !single && !double => flow += 1,
            b']' | b'}' if !single && !double => flow -= 1,
            b':' if !single && !double && flow == 0 && (i + 1 == b.len() || b[i + 1] == b' ') => return Some(i),
            _ => {}
        }
    }
    None
}

impl Parser {
    fn block(&mut self, indent: usize) -> Result<Node, String> {
        self.depth += 1;
        if self.depth > 200 {
            return Err(err(self.lines[self.pos.min(self.lines.len() - 1)].no, "exceeded max depth of 200"));
        }
        let l = &self.lines[self.pos];
        let t = l.text[l.indent..].to_string();
        let (no, ind) = (l.no, l.indent);
        let r = if t == "-" || t.starts_with("- ") {
            self.seq(indent)
        } else if find_colon(&t).is_some() || t.starts_with("? ") {
            self.map(indent)
        } else {
            self.pos += 1;
            let mut text = t.clone();
            // A multi-line plain scalar.
            while let Some(n) = self.lines.get(self.pos) {
                if n.indent < ind || find_colon(&n.text[n.indent..]).is_some() {
                    break;
                }
                text.push(' ');
                text.push_str(n.text.trim());
                self.pos += 1;
            }
            self.scalar(&text, no, ind + 1)
        };
        self.depth -= 1;
        r
    }

    fn seq(&mut self, indent: usize) -> Result<Node, String> {
        let (line, col) = (self.lines[self.pos].no, indent + 1);
        let mut items = Vec::new();
        while let Some(l) = self.lines.get(self.pos) {
            if l.indent < indent {
                break;
            }
            let t = l.text[l.indent..].to_string();
            let t = t.as_str();
            if l.indent > indent {
                return Err(err(l.no, "did not find expected '-' indicator"));
            }
            if !(t == "-" || t.starts_with("- ")) {
                break;
            }
            let no = l.no;
            let rest = t[1..].trim_start();
            if rest.is_empty() {
                self.pos += 1;
                match self.lines.get(self.pos) {
                    Some(n) if n.indent > indent => items.push(self.block(n.indent)?),
                    _ => items.push(Node { value: Value::Null, line: no, col: indent + 2 }),
                }
                continue;
            }
            // `- item` is parsed as if the item started at the column after "- ".
            let inner = indent + (t.len() - rest.len());
            self.split_inline(inner);
            items.push(self.block(inner)?);
        }
        Ok(Node { value: Value::Seq(items), line, col })
    }

    /// Turns the current `- rest` line into a line holding just `rest` at `inner`.
    fn split_inline(&mut self, inner: usize) {
        let l = &mut self.lines[self.pos];
        let rest = l.text.get(inner..).unwrap_or("").to_string();
        l.text = format!("{}{rest}", " ".repeat(inner));
        l.indent = inner;
    }

    fn map(&mut self, indent: usize) -> Result<Node, String> {
        let (line, col) = (self.lines[self.pos].no, indent + 1);
        let mut entries: Vec<(Node, Node)> = Vec::new();
        let mut after_scalar = false;
        while let Some(l) = self.lines.get(self.pos) {
            if l.indent < indent {
                break;
            }
            let no = l.no;
            if l.indent > indent {
                // After a scalar value, a deeper `key:` continues that scalar
                // (a scanner error); after a nested block it is a stray key.
                if after_scalar && find_colon(&l.text[l.indent..]).is_some() {
                    return Err(err(no, "mapping values are not allowed in this context"));
                }
                return Err(perr(no, "did not find expected key"));
            }
            let t = l.text[l.indent..].to_string();
            if t == "-" || t.starts_with("- ") {
                return Err(perr(no, "did not find expected key"));
            }
            let Some(c) = find_colon(&t) else {
                return Err(err(no + 1, "could not find expected ':'"));
            };
            let key_text = t[..c].trim_end();
            let key = self.scalar(key_text, no, indent + 1)?;
            let key_str = key.str().unwrap_or("").to_string();
            let rest = t[c + 1..].trim_start();
            let vcol = indent + c + 2 + (t[c + 1..].len() - rest.len()).saturating_sub(1);
            self.pos += 1;
            let (anchor, rest) = take_anchor(rest);
            let value = if rest.is_empty() || rest.starts_with('!') && !rest.contains(' ') {
                match self.lines.get(self.pos) {
                    Some(n) if n.indent > indent => self.block(n.indent)?,
                    Some(n) if n.indent == indent && (n.text[n.indent..].starts_with("- ") || &n.text[n.indent..] == "-") => {
                        self.seq(indent)?
                    }
                    _ => Node { value: Value::Null, line: no, col: vcol },
                }
            } else if rest.starts_with('|') || rest.starts_with('>') {
                self.block_scalar(rest, indent, no, vcol)?
            } else if find_colon(rest).is_some() && !rest.starts_with(['"', '\'', '[', '{']) {
                return Err(err(no, "mapping values are not allowed in this context"));
            } else {
                let mut text = rest.to_string();
                if !rest.starts_with(['"', '\'', '[', '{']) {
                    while let Some(n) = self.lines.get(self.pos) {
                        if n.indent <= indent || find_colon(&n.text[n.indent..]).is_some() {
                            break;
                        }
                        text.push(' ');
                        text.push_str(n.text.trim());
                        self.pos += 1;
                    }
                } else if (rest.starts_with('"') || rest.starts_with('\'')) && !closed(rest) {
                    // A quoted scalar over several lines.
                    while let Some(n) = self.lines.get(self.pos) {
                        text.push(' ');
                        text.push_str(n.text.trim());
                        self.pos += 1;
                        if closed(&text) {
                            break;
                        }
                    }
                    if !closed(&text) {
                        return Err(err(self.eof_line, "found unexpected end of stream"));
                    }
                }
                self.scalar(&text, no, vcol)?
            };
            after_scalar = matches!(value.value, Value::Str { .. }) && value.line == no;
            if let Some(a) = anchor {
                self.anchors.insert(a, value.clone());
            }
            if key_str == "<<" && key.str().is_some() {
                let sources = match &value.value {
                    Value::Seq(items) => items.clone(),
                    _ => vec![value.clone()],
                };
                for s in sources {
                    let Value::Map(m) = s.value else { return Err(err(no, "map merge requires map or sequence of maps as the value")) };
                    for (k, v) in m {
                        if !entries.iter().any(|(e, _)| e.str() == k.str()) {
                            entries.push((k, v));
                        }
                    }
                }
                continue;
            }
            if let Some((prev, _)) = entries.iter().find(|(k, _)| k.str() == Some(&key_str)) {
                return Err(format!(
                    "yaml: unmarshal errors:\n  line {no}: mapping key \"{key_str}\" already defined at line {}",
                    prev.line
                ));
            }
            entries.push((key, value));
        }
        Ok(Node { value: Value::Map(entries), line, col })
    }

    fn block_scalar(&mut self, header: &str, indent: usize, no: usize, col: usize) -> Result<Node, String> {
        let literal = header.starts_with('|');
        let chomp = if header.contains('-') {
            '-'
        } else if header.contains('+') {
            '+'
        } else {
            ' '
        };
        let mut body: Vec<String> = Vec::new();
        let mut block_indent = None;
        while let Some(n) = self.lines.get(self.pos) {
            let blank = n.text.trim().is_empty();
            if !blank && n.indent <= indent {
                break;
            }
            if !blank && block_indent.is_none() {
                block_indent = Some(n.indent);
            }
            let bi = block_indent.unwrap_or(n.indent);
            body.push(if blank { String::new() } else { n.text.get(bi.min(n.indent)..).unwrap_or("").to_string() });
            self.pos += 1;
        }
        while body.last().is_some_and(|l| l.is_empty()) && chomp != '+' {
            body.pop();
        }
        let mut text = if literal {
            body.join("\n")
        } else {
            let mut s = String::new();
            for (i, l) in body.iter().enumerate() {
                if i > 0 {
                    s.push(if l.is_empty() || body[i - 1].is_empty() || l.starts_with(' ') { '\n' } else { ' ' });
                }
                s.push_str(l);
            }
            s
        };
        if chomp != '-' && !text.is_empty() {
            text.push('\n');
        }
        Ok(Node { value: Value::Str { text, plain: false }, line: no, col })
    }

    fn scalar(&mut self, text: &str, line: usize, col: usize) -> Result<Node, String> {
        let text = text.trim();
        let (anchor, text) = take_anchor(text);
        let node = if let Some(name) = text.strip_prefix('*') {
            match self.anchors.get(name) {
                Some(n) => n.clone(),
                None => return Err(format!("yaml: unknown anchor '{name}' referenced")),
            }
        } else if text.starts_with('[') || text.starts_with('{') {
            let mut f = Flow { s: text.as_bytes(), i: 0, line };
            let n = f.value(col, 0)?;
            f.ws();
            if f.i < f.s.len() {
                return Err(err(line, "did not find expected <document start>"));
            }
            n
        } else if text.starts_with('"') || text.starts_with('\'') {
            let mut f = Flow { s: text.as_bytes(), i: 0, line };
            let n = f.quoted(col)?;
            f.ws();
            if f.i < f.s.len() {
                return Err(err(line, "did not find expected key"));
            }
            n
        } else if text.starts_with(['@', '`']) {
            return Err(err(line, "found character that cannot start any token"));
        } else if text.is_empty() {
            Node { value: Value::Null, line, col }
        } else {
            Node { value: Value::Str { text: text.to_string(), plain: true }, line, col }
        };
        if let Some(a) = anchor {
            self.anchors.insert(a, node.clone());
        }
        Ok(node)
    }
}

fn closed(s: &str) -> bool {
    let q = s.as_bytes()[0];
    let b = s.as_bytes();
    let mut i = 1;
    while i < b.len() {
        if q == b'"' && b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i] == q {
            if q == b'\'' && b.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return true;
        }
        i += 1;
    }
    false
}

/// `&name rest` → (Some(name), rest).
fn take_anchor(s: &str) -> (Option<String>, &str) {
    match s.strip_prefix('&') {
        Some(r) => {
            let end = r.find(' ').unwrap_or(r.len());
            (Some(r[..end].to_string()), r[end..].trim_start())
        }
        None => (None, s),
    }
}

struct Flow<'b> {
    s: &'b [u8],
    i: usize,
    line: usize,
}

impl Flow<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i] == b' ' {
            self.i += 1;
        }
    }

    fn value(&mut self, col: usize, depth: usize) -> Result<Node, String> {
        if depth > 100 {
            return Err(err(self.line, "exceeded max depth of 100"));
        }
        self.ws();
        let c = col + self.i;
        match self.s.get(self.i) {
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.ws();
                    match self.s.get(self.i) {
                        Some(b']') => {
                            self.i += 1;
                            break;
                        }
                        None => return Err(perr(self.line + 1, "did not find expected ',' or ']'")),
                        _ => {}
                    }
                    items.push(self.value(col, depth + 1)?);
                    self.ws();
                    match self.s.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b']') => {}
                        _ => return Err(perr(self.line + 1, "did not find expected ',' or ']'")),
                    }
                }
                Ok(Node { value: Value::Seq(items), line: self.line, col: c })
            }
            Some(b'{') => {
                self.i += 1;
                let mut entries = Vec::new();
                loop {
                    self.ws();
                    match self.s.get(self.i) {
                        Some(b'}') => {
                            self.i += 1;
                            break;
                        }
                        None => return Err(perr(self.line + 1, "did not find expected ',' or '}'")),
                        _ => {}
                    }
                    let k = self.value(col, depth + 1)?;
                    self.ws();
                    let v = if self.s.get(self.i) == Some(&b':') {
                        self.i += 1;
                        self.value(col, depth + 1)?
                    } else {
                        Node { value: Value::Null, line: self.line, col: c }
                    };
                    entries.push((k, v));
                    self.ws();
                    match self.s.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {}
                        _ => return Err(perr(self.line + 1, "did not find expected ',' or '}'")),
                    }
                }
                Ok(Node { value: Value::Map(entries), line: self.line, col: c })
            }
            Some(b'"' | b'\'') => self.quoted(col),
            _ => {
                let start = self.i;
                while self.i < self.s.len() && !matches!(self.s[self.i], b',' | b']' | b'}') {
                    if self.s[self.i] == b':' && self.s.get(self.i + 1).is_none_or(|n| *n == b' ' || *n == b',') {
                        break;
                    }
                    self.i += 1;
                }
                let t = String::from_utf8_lossy(&self.s[start..self.i]).trim().to_string();
                Ok(Node { value: if t.is_empty() { Value::Null } else { Value::Str { text: t, plain: true } }, line: self.line, col: c })
            }
        }
    }

    fn quoted(&mut self, col: usize) -> Result<Node, String> {
        let c = col + self.i;
        let q = self.s[self.i];
        self.i += 1;
        let mut out = Vec::new();
        loop {
            let Some(&b) = self.s.get(self.i) else {
                return Err(err(self.line, "found unexpected end of stream"));
            };
            self.i += 1;
            if b == q {
                if q == b'\'' && self.s.get(self.i) == Some(&b'\'') {
                    out.push(b'\'');
                    self.i += 1;
                    continue;
                }
                break;
            }
            if q == b'"' && b == b'\\' {
                let Some(&e) = self.s.get(self.i) else { continue };
                self.i += 1;
                match e {
                    b'n' => out.push(b'\n'),
                    b't' => out.push(b'\t'),
                    b'r' => out.push(b'\r'),
                    b'0' => out.push(0),
                    b'"' | b'\\' | b'/' | b' ' => out.push(e),
                    _ => return Err(err(self.line, "found unknown escape character while parsing a quoted scalar")),
                }
                continue;
            }
            out.push(b);
        }
        Ok(Node { value: Value::Str { text: String::from_utf8_lossy(&out).into_owned(), plain: false }, line: self.line, col: c })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compose_shapes() {
        let n = parse("services:\n  web:\n    image: \"nginx:alpine\"\n    ports:\n      - 8080:80\n    environment:\n      A: 1\n    command: [\"npm\", \"start\"]\n  db:\n    image: mysql # comment\nvolumes:\n  data:\n").unwrap();
        let web = n.get("services").unwrap().get("web").unwrap();
        assert_eq!(web.get("image").unwrap().str(), Some("nginx:alpine"));
        assert!(matches!(&web.get("ports").unwrap().value, Value::Seq(v) if v[0].str() == Some("8080:80")));
        assert!(matches!(&web.get("command").unwrap().value, Value::Seq(v) if v.len() == 2));
        assert_eq!(n.get("services").unwrap().get("db").unwrap().get("image").unwrap().str(), Some("mysql"));
        assert!(n.get("volumes").unwrap().get("data").unwrap().is_null());
    }

    #[test]
    fn sequences_of_maps_and_block_scalars() {
        let n = parse("a:\n- x: 1\n  y: 2\n- z\nb: |\n  line1\n  line2\nc: >-\n  folded\n  text\n").unwrap();
        let Value::Seq(items) = &n.get("a").unwrap().value else { panic!() };
        assert_eq!(items[0].get("y").unwrap().str(), Some("2"));
        assert_eq!(items[1].str(), Some("z"));
        assert_eq!(n.get("b").unwrap().str(), Some("line1\nline2\n"));
        assert_eq!(n.get("c").unwrap().str(), Some("folded text"));
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(parse("a: b: c\n").unwrap_err(), "yaml: line 1: mapping values are not allowed in this context");
        assert_eq!(parse("a:\n\tb: 1\n").unwrap_err(), "yaml: line 2: found a tab character that violates indentation");
        assert!(parse("a: [1, 2\n").unwrap_err().contains("did not find expected ',' or ']'"));
        assert!(parse("a: 1\na: 2\n").unwrap_err().contains("mapping key \"a\" already defined at line 1"));
    }

    #[test]
    fn anchors_and_merge() {
        let n = parse("x-common: &c\n  restart: always\nservices:\n  a:\n    <<: *c\n    image: i\n").unwrap();
        let a = n.get("services").unwrap().get("a").unwrap();
        assert_eq!(a.get("restart").unwrap().str(), Some("always"));
    }
}
