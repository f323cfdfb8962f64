//! BuildKit's line parser (a first cut: comments, continuations, flags and
//! the JSON exec form).

use super::Diagnostic;
use serde::Serialize;

/// One instruction as the line parser sees it (BuildKit's `parser.Node`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Node {
    /// The instruction name as written (`from`, `RUN`, …).
    pub cmd: String,
    /// Leading `--flag[=value]` words, raw.
    pub flags: Vec<String>,
    /// Arguments: one string for shell form, the elements for JSON form.
    pub value: Vec<String>,
    /// Whether the arguments were a JSON array (exec form).
    pub json: bool,
    /// The logical line with continuations joined.
    pub original: String,
    pub start_line: usize,
    pub end_line: usize,
    /// Byte range of the instruction in the text.
    pub span: (usize, usize),
}

/// The parsed file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Dockerfile {
    pub nodes: Vec<Node>,
    pub warnings: Vec<Diagnostic>,
}

/// Parses Dockerfile text into nodes.
pub fn parse(text: &str) -> Result<Dockerfile, Diagnostic> {
    let text_no_bom = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - text_no_bom.len();
    let mut nodes = Vec::new();
    let mut offset = bom;
    let mut lines = text_no_bom.split_inclusive('\n').enumerate().peekable();
    while let Some((idx, raw)) = lines.next() {
        let line_start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches('\n').trim_end_matches('\r');
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let mut logical = String::new();
        let mut end_line = idx + 1;
        let mut end_offset = offset;
        let mut current = trimmed.to_string();
        loop {
            match strip_continuation(&current) {
                Some(stripped) => {
                    logical.push_str(&stripped);
                    // Skip comment lines and empty lines inside the continuation.
                    let mut next_line = None;
                    while let Some((nidx, nraw)) = lines.next() {
                        offset += nraw.len();
                        let nl = nraw.trim_end_matches('\n').trim_end_matches('\r');
                        if nl.trim_start().starts_with('#') || nl.trim().is_empty() {
                            continue;
                        }
                        end_line = nidx + 1;
                        end_offset = offset;
                        next_line = Some(nl.to_string());
                        break;
                    }
                    match next_line {
                        Some(n) => current = n,
                        None => break,
                    }
                }
                None => {
                    logical.push_str(&current);
                    break;
                }
            }
        }
        let span_end = text[..end_offset].trim_end_matches(['\n', '\r']).len();
        nodes.push(split_node(&logical, idx + 1, end_line, (line_start, span_end)));
    }
    if nodes.is_empty() {
        return Err(Diagnostic::error("file with no instructions", 0, 0, (0, 0)));
    }
    Ok(Dockerfile { nodes, warnings: Vec::new() })
}

/// Removes a trailing `\` continuation marker, if any.
fn strip_continuation(line: &str) -> Option<String> {
    let trimmed = line.trim_end_matches([' ', '\t']);
    let body = trimmed.strip_suffix('\\')?;
    if body.ends_with('\\') {
        return None;
    }
    Some(body.to_string())
}

fn split_node(logical: &str, start_line: usize, end_line: usize, span: (usize, usize)) -> Node {
    let logical_trim = logical.trim();
    let (cmd, rest) = match logical_trim.find(|c: char| c.is_whitespace()) {
        Some(i) => (&logical_trim[..i], logical_trim[i..].trim_start()),
        None => (logical_trim, ""),
    };
    let mut rest = rest;
    let mut flags = Vec::new();
    while rest.starts_with("--") {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..end];
        rest = rest[end..].trim_start();
        if word == "--" {
            break;
        }
        flags.push(word.to_string());
    }
    let lower = cmd.to_ascii_lowercase();
    let (value, json) = match lower.as_str() {
        "run" | "cmd" | "entrypoint" | "shell" | "copy" | "add" | "volume" => match parse_json_array(rest) {
            Some(items) => (items, true),
            None if matches!(lower.as_str(), "copy" | "add" | "volume") => {
                (rest.split_whitespace().map(str::to_string).collect(), false)
            }
            None if rest.is_empty() => (Vec::new(), false),
            None => (vec![rest.to_string()], false),
        },
        "from" | "expose" | "env" | "label" | "arg" => (rest.split_whitespace().map(str::to_string).collect(), false),
        _ if rest.is_empty() => (Vec::new(), false),
        _ => (vec![rest.to_string()], false),
    };
    Node { cmd: cmd.to_string(), flags, value, json, original: logical_trim.to_string(), start_line, end_line, span }
}

fn parse_json_array(rest: &str) -> Option<Vec<String>> {
    if !rest.starts_with('[') {
        return None;
    }
    let parsed: serde_json::Value = serde_json::from_str(rest).ok()?;
    parsed.as_array()?.iter().map(|v| v.as_str().map(str::to_string)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuation_comments_and_json() {
        let df = parse("# c\nFROM scratch\nRUN echo a \\\n# inner\n  b\nCMD [\"sh\"]\n").unwrap();
        assert_eq!(df.nodes.len(), 3);
        assert_eq!(df.nodes[1].value, vec!["echo a   b"]);
        assert_eq!((df.nodes[1].start_line, df.nodes[1].end_line), (3, 5));
        assert!(df.nodes[2].json);
    }

    #[test]
    fn no_instructions_is_an_error() {
        assert_eq!(parse("# only\n\n").unwrap_err().message, "file with no instructions");
    }
}
