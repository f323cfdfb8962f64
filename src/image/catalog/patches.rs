//! Older patch releases of the tags the catalog holds. Tutorials pin exact
//! versions (`python:3.11.4-slim`, `node:18.17.0-alpine`, `postgres:13.3`);
//! the catalog holds the newest patch of each line. A pin to an older patch
//! of a line the catalog has resolves to the newest one's layers with the
//! version variables (`PYTHON_VERSION`, `NODE_VERSION`, …) set to the pinned
//! release, and says so with a `dockersim:` line ([`note`]).
//!
//! Which releases exist follows `crate::release`'s two rules; Go before
//! 1.21 named its first releases `1.20`, not `1.20.0`.

use super::Spec;

/// A version tag split into its numbers and the variant after them
/// (`3.11.4-slim-buster` → `[3, 11, 4]`, `-slim-buster`).
fn split(tag: &str) -> Option<(Vec<u64>, &str)> {
    let end = tag.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(tag.len());
    let (version, rest) = tag.split_at(end);
    if !(rest.is_empty() || rest.starts_with('-')) || version.ends_with('.') {
        return None;
    }
    let numbers: Option<Vec<u64>> = version.split('.').map(|n| n.parse().ok()).collect();
    numbers.filter(|n| n.len() >= 2).map(|n| (n, rest))
}

/// Whether `asked` is an older release of the line `known` belongs to.
fn older_in_line(repo: &str, asked: &[u64], known: &[u64]) -> bool {
    if repo == "golang" && asked.len() == 3 && asked[0] == 1 && asked[1] < 21 && asked[2] == 0 {
        return false;
    }
    crate::release::implied_by(asked, known)
}

/// The catalog reference whose line holds `reference` (`name:tag`, normalised),
/// with both version strings; None when `reference` is not an older patch.
pub(crate) fn newer_of(reference: &str, known: &[String]) -> Option<(String, String, String)> {
    let (repo, tag) = reference.rsplit_once(':')?;
    let (asked, rest) = split(tag)?;
    let mut best: Option<(Vec<u64>, &String)> = None;
    for r in known {
        let Some((kr, kt)) = r.rsplit_once(':') else { continue };
        if kr != repo {
            continue;
        }
        let Some((k, krest)) = split(kt) else { continue };
        if krest != rest || !older_in_line(repo, &asked, &k) {
            continue;
        }
        // The oldest newer release of the line: the closest image.
        if best.as_ref().is_none_or(|(b, _)| k < *b) {
            best = Some((k, r));
        }
    }
    let (k, newer) = best?;
    let text = |v: &[u64]| v.iter().map(u64::to_string).collect::<Vec<_>>().join(".");
    Some((newer.clone(), text(&k), text(&asked)))
}

/// `spec` (the newer release's) with its version variables set to `asked`.
pub(crate) fn retarget(mut spec: Spec, newer: &str, asked: &str) -> Spec {
    let swap = |s: &str| -> Option<String> {
        let (key, value) = s.split_once('=')?;
        let versioned = key.ends_with("_VERSION") && !key.ends_with("_MAJOR_VERSION");
        let tail = value.strip_prefix(newer)?;
        // `13.18-1.pgdg120+1` keeps its packaging suffix; `3.11.11x` is not this version.
        let boundary = tail.is_empty() || tail.starts_with(['-', '+', '~']);
        (versioned && boundary).then(|| format!("{key}={asked}{tail}"))
    };
    for e in &mut spec.config.env {
        if let Some(new) = swap(e) {
            *e = new;
        }
    }
    for step in &mut spec.steps {
        if let super::Step::Meta(created_by) = step {
            if let Some(new) = created_by.strip_prefix("ENV ").and_then(swap) {
                *created_by = format!("ENV {new}");
            }
        }
    }
    spec
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Vec<String> {
        ["python:3.11.11-slim", "python:3.11.11", "node:18.20.5-alpine", "postgres:13.18", "golang:1.20.14", "python:3.11-slim"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn older_patches_find_their_line() {
        let k = known();
        assert_eq!(newer_of("python:3.11.4-slim", &k), Some(("python:3.11.11-slim".into(), "3.11.11".into(), "3.11.4".into())));
        assert_eq!(newer_of("python:3.11.4", &k).map(|t| t.0), Some("python:3.11.11".into()));
        assert_eq!(newer_of("postgres:13.3", &k).map(|t| t.0), Some("postgres:13.18".into()));
        assert_eq!(newer_of("node:18.17.0-alpine", &k).map(|t| t.0), Some("node:18.20.5-alpine".into()));
        assert_eq!(newer_of("golang:1.20.3", &k).map(|t| t.0), Some("golang:1.20.14".into()));
    }

    #[test]
    fn what_cannot_be_inferred_is_not_found() {
        let k = known();
        // A patch of an older minor line: its last patch is unknown.
        assert_eq!(newer_of("node:18.17.1-alpine", &k), None);
        // Newer than the catalog, another variant, another line, Go's `1.20.0`.
        assert_eq!(newer_of("python:3.11.12-slim", &k), None);
        assert_eq!(newer_of("python:3.11.4-slim-buster", &k), None);
        assert_eq!(newer_of("python:3.10.4", &k), None);
        assert_eq!(newer_of("golang:1.20.0", &k), None);
        assert_eq!(newer_of("python:latest", &k), None);
    }
}
