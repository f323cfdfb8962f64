//! The Dockerfile front end: BuildKit's line parser, instruction parser and
//! variable expansion.
//!
//! `parse` turns text into [`Node`]s (BuildKit's AST); `instructions::parse`
//! turns nodes into typed stages. Errors are [`Diagnostic`]s with spans.

pub mod instructions;
mod parser;

pub use parser::{parse, Dockerfile, Node};

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
