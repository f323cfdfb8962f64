//! Build-check warnings as a build reports them, after the build as
//! `N warning(s) found (use docker --debug to expand):`. The checks
//! themselves live in the front end (`dockerfile::lint`).

use serde::Serialize;

/// One check result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LintWarning {
    /// The rule name (`JSONArgsRecommended`).
    pub rule: String,
    pub message: String,
    pub line: usize,
}

/// BuildKit's build checks for `dockerfile` (the front end's linter), as
/// the build reports them.
pub fn check(dockerfile: &str) -> Vec<LintWarning> {
    let Ok(df) = crate::dockerfile::parse(dockerfile) else { return Vec::new() };
    crate::dockerfile::lint::check(&df)
        .into_iter()
        .map(|w| LintWarning { rule: w.rule.to_string(), message: w.diagnostic.message, line: w.diagnostic.start_line })
        .collect()
}

/// The block buildx prints after a build with warnings.
pub fn render(warnings: &[LintWarning]) -> String {
    if warnings.is_empty() {
        return String::new();
    }
    let n = warnings.len();
    let mut out = format!("\n {n} warning{} found (use docker --debug to expand):\n", if n == 1 { "" } else { "s" });
    for w in warnings {
        out.push_str(&format!(" - {}: {} (line {})\n", w.rule, w.message, w.line));
    }
    out
}
