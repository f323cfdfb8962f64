//! Live diagnostics for an editor: every error and lint warning of a
//! Dockerfile, each with its lines and byte span — from the same parse and
//! the same instruction checks (`plan`) as a build.

use crate::dockerfile::{lint, Diagnostic};

/// One finding: a diagnostic and, for a lint warning, BuildKit's rule name
/// and documentation page.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    pub rule: Option<&'static str>,
    pub url: Option<String>,
    #[serde(flatten)]
    pub diagnostic: Diagnostic,
}

/// A line-parser error alone (nothing else can be said about the text), or
/// the lint warnings followed by the first instruction-level error, the one
/// BuildKit would stop the build with.
pub fn check(text: &str) -> Vec<Finding> {
    if text.is_empty() {
        let e = Diagnostic::error("the Dockerfile cannot be empty", 0, 0, (0, 0));
        return vec![Finding { rule: None, url: None, diagnostic: e }];
    }
    let df = match crate::dockerfile::parse(text) {
        Ok(df) => df,
        Err(e) => return vec![Finding { rule: None, url: None, diagnostic: e }],
    };
    let mut out: Vec<Finding> =
        lint::check(&df).into_iter().map(|w| Finding { rule: Some(w.rule), url: Some(w.url), diagnostic: w.diagnostic }).collect();
    if let Err(e) = super::plan::plan_parsed(&df) {
        out.push(Finding { rule: None, url: None, diagnostic: e });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dockerfile::Severity;

    #[test]
    fn warnings_then_the_error_with_lines() {
        let found = check("FROM alpine as base\nENV A 1\nCMD echo hi\nCOPY x\n");
        let rules: Vec<_> = found.iter().map(|f| f.rule.unwrap_or("error")).collect();
        assert_eq!(rules, ["FromAsCasing", "LegacyKeyValueFormat", "JSONArgsRecommended", "error"]);
        let err = &found[3].diagnostic;
        assert_eq!(err.severity, Severity::Error);
        assert_eq!((err.start_line, err.span), (4, (40, 46)));
        assert_eq!(found[2].diagnostic.message, "JSON arguments recommended for CMD to prevent unintended behavior related to OS signals");
    }

    #[test]
    fn a_parse_error_is_the_only_finding() {
        let found = check("FROM alpine\nRUN <<EOF\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].diagnostic.message, "unterminated heredoc");
        assert_eq!(check("")[0].diagnostic.message, "the Dockerfile cannot be empty");
        assert_eq!(check("\n# only a comment\n")[0].diagnostic.message, "file with no instructions");
    }

    #[test]
    fn a_clean_file_has_no_findings() {
        assert!(check("FROM alpine\nCMD [\"sh\"]\n").is_empty());
    }
}
