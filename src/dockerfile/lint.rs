//! Lint warnings from BuildKit's build checks that help a learner. They are
//! warnings, never errors.

use super::{Diagnostic, Dockerfile, Severity};

/// A check's rule name, its documentation page and the diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub rule: &'static str,
    pub url: String,
    pub diagnostic: Diagnostic,
}

fn warn(rule: &'static str, slug: &str, message: String, node: &super::Node) -> Warning {
    Warning {
        rule,
        url: format!("https://docs.docker.com/go/dockerfile/rule/{slug}/"),
        diagnostic: Diagnostic { severity: Severity::Warning, message, start_line: node.start_line, end_line: node.end_line, span: node.span },
    }
}

/// The checks BuildKit runs by default that apply to `df`.
pub fn check(df: &Dockerfile) -> Vec<Warning> {
    let mut out = Vec::new();
    for w in &df.warnings {
        if w.message.starts_with("Empty continuation line") {
            out.push(Warning { rule: "NoEmptyContinuation", url: "https://docs.docker.com/go/dockerfile/rule/no-empty-continuation/".into(), diagnostic: Diagnostic { message: "Empty continuation line".into(), ..w.clone() } });
        }
    }
    let has_shell = df.nodes.iter().any(|n| n.cmd.eq_ignore_ascii_case("shell"));
    for node in &df.nodes {
        let kw = node.cmd.to_ascii_uppercase();
        match kw.as_str() {
            "ENV" | "LABEL" => {
                if node.pair_sep == Some("") {
                    out.push(warn("LegacyKeyValueFormat", "legacy-key-value-format", format!("\"{kw} key=value\" should be used instead of legacy \"{kw} key value\" format"), node));
                }
            }
            "FROM" => {
                if let [_, as_kw, name] = node.value.as_slice() {
                    let from_upper = node.cmd.chars().all(|c| c.is_ascii_uppercase());
                    let as_upper = as_kw.chars().all(|c| c.is_ascii_uppercase());
                    if as_kw.eq_ignore_ascii_case("as") && from_upper != as_upper {
                        out.push(warn("FromAsCasing", "from-as-casing", format!("'{as_kw}' and '{}' keywords' casing do not match", node.cmd), node));
                    }
                    if name.chars().any(|c| c.is_ascii_uppercase()) {
                        out.push(warn("StageNameCasing", "stage-name-casing", format!("Stage name '{name}' should be lowercase"), node));
                    }
                }
            }
            "CMD" | "ENTRYPOINT" if !node.json && !has_shell && !node.value.is_empty() => {
                out.push(warn("JSONArgsRecommended", "json-args-recommended", format!("JSON arguments recommended for {kw} to prevent unintended behavior related to OS signals"), node));
            }
            "MAINTAINER" => out.push(warn("MaintainerDeprecated", "maintainer-deprecated", "Maintainer instruction is deprecated in favor of using label".into(), node)),
            _ => {}
        }
    }
    out
}
