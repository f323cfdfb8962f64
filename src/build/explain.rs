//! Plain-words reasons for cache hits and misses, from what the previous
//! build saw at the same step position (`StepMemory`).

use super::cache::StepMemory;
use super::context::describe_changes;
use std::collections::BTreeMap;

/// Everything that decides why a step missed.
pub(crate) struct Miss<'a> {
    pub text: &'a str,
    pub no_cache: bool,
    /// The `[i/N]` index of the first step of this stage that re-ran.
    pub first_rerun: Option<usize>,
    /// Why the stage's starting point differs, if it does.
    pub base_changed: Option<&'a str>,
    pub pruned: bool,
    pub old: Option<&'a StepMemory>,
    pub new: &'a StepMemory,
}

/// Why a step could not come from the cache.
pub(crate) fn miss_reason(m: &Miss) -> String {
    if m.no_cache {
        return "--no-cache: RUN, COPY and ADD steps ignore the cache".into();
    }
    let Some(old) = m.old else {
        return "first build of this step: nothing cached for it yet".into();
    };
    if let Some(i) = m.first_rerun {
        return format!("re-runs because step {i} re-ran");
    }
    if m.pruned {
        return "the build cache was pruned (docker builder prune)".into();
    }
    if old.parent != m.new.parent {
        return m.base_changed.map_or_else(|| "an earlier step changed".into(), str::to_string);
    }
    if old.text != m.text {
        return format!("the instruction changed (was: {})", old.text);
    }
    if let Some(changes) = describe_changes(&old.inputs, &m.new.inputs) {
        return format!("{}: {changes}", m.text);
    }
    if let Some(arg) = changed_key(&old.args, &m.new.args) {
        return format!("build arg {arg}");
    }
    if old.env != m.new.env {
        let to_map = |v: &[String]| -> BTreeMap<String, String> {
            v.iter().filter_map(|kv| kv.split_once('=').map(|(k, v)| (k.to_string(), v.to_string()))).collect()
        };
        if let Some(var) = changed_key(&to_map(&old.env), &to_map(&m.new.env)) {
            return format!("environment variable {var}");
        }
    }
    if old.user != m.new.user {
        return format!("USER changed from {:?} to {:?}", old.user, m.new.user);
    }
    if old.workdir != m.new.workdir {
        return format!("WORKDIR changed from {} to {}", old.workdir, m.new.workdir);
    }
    if old.key == m.new.key {
        "the cached result is gone".into()
    } else {
        "no cached result for these inputs".into()
    }
}

/// Describes the first key whose value differs: `VERSION changed (1 → 2)`.
fn changed_key(old: &BTreeMap<String, String>, new: &BTreeMap<String, String>) -> Option<String> {
    for (k, v) in new {
        match old.get(k) {
            Some(o) if o != v => return Some(format!("{k} changed ({o} → {v})")),
            None => return Some(format!("{k} was added ({v})")),
            _ => {}
        }
    }
    old.keys().find(|k| !new.contains_key(*k)).map(|k| format!("{k} was removed"))
}

/// Why the cache could answer.
pub(crate) fn hit_reason(old: Option<&StepMemory>, new: &StepMemory, other_image: Option<&str>) -> String {
    match old {
        Some(o) if o.key == new.key && other_image.is_none() && o.text != new.text => {
            "the wording changed but the cache key did not: same inputs as the last build".into()
        }
        Some(o) if o.key == new.key && !new.inputs.is_empty() => "unchanged since the last build: same instruction and same files".into(),
        Some(o) if o.key == new.key => "unchanged since the last build: same instruction on the same parent".into(),
        _ => match other_image {
            Some(image) => format!("shared with image {image}: the cache holds this step from its build"),
            None => "the cache already holds this step from an earlier build".into(),
        },
    }
}
