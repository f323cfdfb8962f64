//! The Dockerfile front end: BuildKit's line parser, instruction parser and
//! variable expansion.
//!
//! `parse` turns text into [`Node`]s exactly as BuildKit's line parser does
//! (checked against BuildKit itself by tests/dockerfile_corpus.rs); `lint`
//! adds BuildKit's build-check warnings; `dump` prints BuildKit's AST dump.
//! The builder (`build::plan`) turns nodes into typed steps with BuildKit's
//! instruction-level errors. Errors are [`Diagnostic`]s with spans.

pub mod dump;
pub mod expand;
pub mod lint;
mod parser;
mod words;

pub use parser::{parse, parse_with, Dockerfile, Heredoc, Node, ParseOptions};

use serde::Serialize;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// An error or warning about a Dockerfile, with where it applies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The message as BuildKit words it, without any `dockerfile parse error` prefix.
    pub message: String,
    /// 1-based first and last line (0 when the error concerns the whole file).
    pub start_line: usize,
    pub end_line: usize,
    /// Byte range in the Dockerfile text.
    pub span: (usize, usize),
}

impl Diagnostic {
    pub fn error(message: impl Into<String>, start_line: usize, end_line: usize, span: (usize, usize)) -> Diagnostic {
        Diagnostic { severity: Severity::Error, message: message.into(), start_line, end_line, span }
    }
}

/// One instruction as `dockersim parse --json` prints it: the fields of the
/// line parser's node, as the PyPI package `dockerfile` (which wraps
/// BuildKit's parser) reports them.
pub fn node_json(node: &Node) -> serde_json::Value {
    let (sub_cmd, flags, value, json) = match &node.sub {
        Some(sub) => (serde_json::Value::String(sub.cmd.to_string()), &sub.flags, &sub.value, sub.json),
        None => (serde_json::Value::Null, &node.flags, &node.value, node.json),
    };
    // The wrapper turns Go's empty strings into None (a bare trailing
    // continuation makes a node with an empty name and original).
    let text = |s: &str| if s.is_empty() { serde_json::Value::Null } else { serde_json::Value::String(s.to_string()) };
    serde_json::json!({
        "cmd": text(&node.cmd),
        "sub_cmd": sub_cmd,
        "json": json,
        "original": text(&node.original),
        "start_line": node.start_line,
        "end_line": node.end_line,
        "flags": flags,
        "value": value,
        "heredocs": node.heredocs.iter().map(|h| serde_json::json!({"name": h.name, "file_descriptor": h.file_descriptor, "content": h.content})).collect::<Vec<_>>(),
    })
}
