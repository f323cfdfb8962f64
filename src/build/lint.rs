//! BuildKit's default build checks that learners trip over, reported after
//! the build as `N warning(s) found (use docker --debug to expand):`.

use super::plan::{Cmd, Op, Plan};
use serde::Serialize;

/// One check result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LintWarning {
    /// The rule name (`JSONArgsRecommended`).
    pub rule: String,
    pub message: String,
    pub line: usize,
}

/// Runs the checks over a plan; `from_lines` are the original FROM lines.
pub fn check(plan: &Plan, from_lines: &[(usize, String)]) -> Vec<LintWarning> {
    let mut out = Vec::new();
    let mut warn = |rule: &str, message: String, line: usize| out.push(LintWarning { rule: rule.into(), message, line });
    for (line, text) in from_lines {
        let words: Vec<&str> = text.split_whitespace().filter(|w| !w.starts_with("--")).collect();
        if let [from, _, as_kw, _] = words.as_slice() {
            let upper = |s: &str| s == s.to_uppercase();
            if as_kw.eq_ignore_ascii_case("as") && upper(from) != upper(as_kw) {
                warn("FromAsCasing", "'as' and 'FROM' keywords' casing do not match".into(), *line);
            }
        }
    }
    for stage in &plan.stages {
        let mut shell_set = false;
        let mut workdir_set = false;
        for step in &stage.steps {
            let line = step.origin.start_line;
            match &step.op {
                Op::Shell(_) => shell_set = true,
                Op::Cmd(Cmd::Shell(_)) | Op::Entrypoint(Cmd::Shell(_)) if !shell_set => warn(
                    "JSONArgsRecommended",
                    format!("JSON arguments recommended for {} to prevent unintended behavior related to OS signals", step.keyword),
                    line,
                ),
                Op::Env(pairs) => {
                    for (k, _) in pairs {
                        if looks_secret(k) {
                            warn("SecretsUsedInArgOrEnv", format!("Do not use ARG or ENV instructions for sensitive data (ENV {k:?})"), line);
                        }
                    }
                    legacy(&mut warn, step, line);
                }
                Op::Arg(args) => {
                    for (k, _) in args {
                        if looks_secret(k) {
                            warn("SecretsUsedInArgOrEnv", format!("Do not use ARG or ENV instructions for sensitive data (ARG {k:?})"), line);
                        }
                    }
                }
                Op::Label(_) => legacy(&mut warn, step, line),
                Op::Workdir(path) => {
                    if !path.starts_with('/') && !path.starts_with('$') && !workdir_set {
                        warn("WorkdirRelativePath", format!("Relative workdir {path:?} can have unexpected results if the base image changes"), line);
                    }
                    workdir_set = true;
                }
                Op::Maintainer(_) => warn("MaintainerDeprecated", "Maintainer instruction is deprecated in favor of using label".into(), line),
                _ => {}
            }
        }
    }
    out.sort_by_key(|w| w.line);
    out
}

/// `LegacyKeyValueFormat`: `ENV key value` instead of `ENV key=value`.
fn legacy(warn: &mut impl FnMut(&str, String, usize), step: &super::plan::Step, line: usize) {
    let first = step.rest.split_whitespace().next().unwrap_or("");
    if !first.contains('=') {
        let kw = &step.keyword;
        warn("LegacyKeyValueFormat", format!("\"{kw} key=value\" should be used instead of legacy \"{kw} key value\" format"), line);
    }
}

/// BuildKit's secret-name pattern: a `_`-separated word such as `password`,
/// `token`, `key` or `secret` (names with `public` are allowed).
fn looks_secret(name: &str) -> bool {
    const WORDS: [&str; 10] = ["apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd", "secret", "token"];
    let lower = name.to_lowercase();
    let parts: Vec<&str> = lower.split('_').collect();
    !parts.contains(&"public") && parts.iter().any(|p| WORDS.contains(p))
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
