//! BuildKit's build checks (`frontend/dockerfile/linter`) that help a
//! learner, run on the line parser's nodes: the editor underlines them,
//! `dockersim check` prints them and `docker build` lists them after the
//! build. They are warnings, never errors.

use super::{Diagnostic, Dockerfile, Node, Severity};
use std::collections::BTreeMap;

/// A check's rule name, its documentation page and the diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub rule: &'static str,
    pub url: String,
    pub diagnostic: Diagnostic,
}

fn url(slug: &str) -> String {
    format!("https://docs.docker.com/go/dockerfile/rule/{slug}/")
}

fn warn(rule: &'static str, slug: &str, message: String, node: &Node<'_>) -> Warning {
    Warning {
        rule,
        url: url(slug),
        diagnostic: Diagnostic {
            severity: Severity::Warning,
            message,
            start_line: node.start_line,
            end_line: node.end_line,
            span: node.span,
        },
    }
}

/// What a stage carries that later stages built `FROM` it inherit.
#[derive(Clone, Copy, Default)]
struct StageState {
    shell_set: bool,
    workdir_set: bool,
}

/// The checks BuildKit runs by default that apply to `df`, in line order.
pub fn check(df: &Dockerfile<'_>) -> Vec<Warning> {
    let mut out = Vec::new();
    for w in &df.warnings {
        if w.message.starts_with("Empty continuation line") {
            out.push(Warning {
                rule: "NoEmptyContinuation",
                url: url("no-empty-continuation"),
                diagnostic: Diagnostic { message: "Empty continuation line".into(), ..w.clone() },
            });
        }
    }
    let mut stages: BTreeMap<String, StageState> = BTreeMap::new();
    let mut stage = StageState::default();
    let mut current: Option<String> = None;
    let mut used_once: BTreeMap<&'static str, bool> = BTreeMap::new();
    for node in &df.nodes {
        let kw = node.cmd.to_ascii_uppercase();
        match kw.as_str() {
            "FROM" => {
                used_once.clear();
                if let Some(name) = current.take() {
                    stages.insert(name, stage);
                }
                stage = node.value.first().and_then(|base| stages.get(&base.to_ascii_lowercase()).copied()).unwrap_or_default();
                if let [_, as_kw, name] = node.value.as_slice() {
                    let from_upper = node.cmd.chars().all(|c| c.is_ascii_uppercase());
                    let as_upper = as_kw.chars().all(|c| c.is_ascii_uppercase());
                    if as_kw.eq_ignore_ascii_case("as") && from_upper != as_upper {
                        out.push(warn(
                            "FromAsCasing",
                            "from-as-casing",
                            format!("'{as_kw}' and '{}' keywords' casing do not match", node.cmd),
                            node,
                        ));
                    }
                    if name.chars().any(|c| c.is_ascii_uppercase()) {
                        out.push(warn("StageNameCasing", "stage-name-casing", format!("Stage name '{name}' should be lowercase"), node));
                    }
                    let lower = name.to_ascii_lowercase();
                    if lower == "scratch" || lower == "context" {
                        out.push(warn(
                            "ReservedStageName",
                            "reserved-stage-name",
                            format!("Stage name should not use the same name as reserved stage \"{lower}\""),
                            node,
                        ));
                    }
                    if stages.contains_key(&lower) {
                        out.push(warn(
                            "DuplicateStageName",
                            "duplicate-stage-name",
                            format!("Duplicate stage name \"{lower}\", stage names should be unique"),
                            node,
                        ));
                    }
                    current = Some(lower);
                }
            }
            "ENV" | "LABEL" if node.pair_sep == Some("") => {
                out.push(warn(
                    "LegacyKeyValueFormat",
                    "legacy-key-value-format",
                    format!("\"{kw} key=value\" should be used instead of legacy \"{kw} key value\" format"),
                    node,
                ));
            }
            "MAINTAINER" => out.push(warn(
                "MaintainerDeprecated",
                "maintainer-deprecated",
                "Maintainer instruction is deprecated in favor of using label".into(),
                node,
            )),
            "SHELL" => stage.shell_set = true,
            "WORKDIR" => {
                let path = node.value.first().map_or("", |p| p.as_ref());
                if !stage.workdir_set && !path.starts_with('/') && !path.starts_with('$') {
                    out.push(warn(
                        "WorkdirRelativePath",
                        "workdir-relative-path",
                        format!("Relative workdir {path:?} can have unexpected results if the base image changes"),
                        node,
                    ));
                }
                stage.workdir_set = true;
            }
            "CMD" | "ENTRYPOINT" | "HEALTHCHECK" => {
                let name: &'static str = match kw.as_str() {
                    "CMD" => "CMD",
                    "ENTRYPOINT" => "ENTRYPOINT",
                    _ => "HEALTHCHECK",
                };
                if used_once.insert(name, true).is_some() {
                    out.push(warn(
                        "MultipleInstructionsDisallowed",
                        "multiple-instructions-disallowed",
                        format!("Multiple {name} instructions should not be used in the same stage because only the last one will be used"),
                        node,
                    ));
                }
                if name != "HEALTHCHECK" && !node.json && !stage.shell_set && !node.value.is_empty() {
                    out.push(warn(
                        "JSONArgsRecommended",
                        "json-args-recommended",
                        format!("JSON arguments recommended for {kw} to prevent unintended behavior related to OS signals"),
                        node,
                    ));
                }
            }
            _ => {}
        }
        // Sensitive names in ARG and ENV (`ARG NAME[=default]`, ENV pairs).
        let names: Vec<&str> = match kw.as_str() {
            "ARG" => node.value.iter().map(|v| v.split('=').next().unwrap_or("")).collect(),
            "ENV" => node.value.iter().step_by(2).map(|k| k.as_ref()).collect(),
            _ => Vec::new(),
        };
        for name in names {
            if looks_secret(name) {
                out.push(warn(
                    "SecretsUsedInArgOrEnv",
                    "secrets-used-in-arg-or-env",
                    format!("Do not use ARG or ENV instructions for sensitive data ({kw} {name:?})"),
                    node,
                ));
            }
        }
    }
    crate::sort::sort_by_key(&mut out, |w| w.diagnostic.start_line);
    out
}

/// BuildKit's secret-name pattern: a `_`-separated word such as `password`,
/// `token`, `key` or `secret` (names with `public` are allowed).
fn looks_secret(name: &str) -> bool {
    const WORDS: [&str; 10] = ["apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd", "secret", "token"];
    let lower = name.to_lowercase();
    let parts: Vec<&str> = lower.split('_').collect();
    !parts.contains(&"public") && parts.iter().any(|p| WORDS.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(text: &str) -> Vec<(&'static str, usize)> {
        check(&crate::dockerfile::parse(text).unwrap()).into_iter().map(|w| (w.rule, w.diagnostic.start_line)).collect()
    }

    #[test]
    fn stages_inherit_shell_and_workdir_and_reset_used_once() {
        let text = "FROM alpine AS Base\nSHELL [\"/bin/bash\", \"-c\"]\nWORKDIR /app\nCMD echo a\nCMD echo b\nFROM base\nWORKDIR sub\nCMD echo c\nFROM alpine AS base\nWORKDIR rel\n";
        assert_eq!(
            rules(text),
            [("StageNameCasing", 1), ("MultipleInstructionsDisallowed", 5), ("DuplicateStageName", 9), ("WorkdirRelativePath", 10)]
        );
    }

    #[test]
    fn secrets_and_legacy_forms() {
        assert_eq!(
            rules("FROM busybox\nARG DB_PASSWORD\nENV API_TOKEN=x PUBLIC_KEY=y MONKEY=z\nLABEL a b\n"),
            [("SecretsUsedInArgOrEnv", 2), ("SecretsUsedInArgOrEnv", 3), ("LegacyKeyValueFormat", 4)]
        );
    }
}
