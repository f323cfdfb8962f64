//! Plain-words reasons for cache hits and misses, from what the previous
//! build saw at the same step position (`StepMemory`).

use super::cache::StepMemory;
use super::context::{change_lists, describe_changes};
use serde::Serialize;
use std::collections::BTreeMap;

/// Why, as data: a stable code and its arguments, so that a page can say
/// it in any language (`{code: "files_changed", args: {changed: "server.js"}}`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Why {
    pub code: &'static str,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<&'static str, String>,
}

impl Why {
    pub fn new(code: &'static str) -> Why {
        Why { code, args: BTreeMap::new() }
    }
    pub fn arg(mut self, key: &'static str, value: impl Into<String>) -> Why {
        self.args.insert(key, value.into());
        self
    }
}

/// A reason in plain English words, and the same reason as data.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Explained {
    pub text: String,
    pub why: Why,
}

fn said(text: impl Into<String>, why: Why) -> Explained {
    Explained { text: text.into(), why }
}

/// Everything that decides why a step missed.
pub(crate) struct Miss<'a> {
    pub text: &'a str,
    pub no_cache: bool,
    /// The `[i/N]` index of the first step of this stage that re-ran.
    pub first_rerun: Option<usize>,
    /// Why the stage's starting point differs, if it does.
    pub base_changed: Option<&'a Explained>,
    pub pruned: bool,
    pub old: Option<&'a StepMemory>,
    pub new: &'a StepMemory,
}

/// Why a step could not come from the cache.
pub(crate) fn miss_reason(m: &Miss) -> Explained {
    if m.no_cache {
        return said("--no-cache: RUN, COPY and ADD steps ignore the cache", Why::new("no_cache"));
    }
    let Some(old) = m.old else {
        return said("first build of this step: nothing cached for it yet", Why::new("first_build"));
    };
    if let Some(i) = m.first_rerun {
        return said(format!("re-runs because step {i} re-ran"), Why::new("parent_reran").arg("step", i.to_string()));
    }
    if m.pruned {
        return said("the build cache was pruned (docker builder prune)", Why::new("pruned"));
    }
    if old.parent != m.new.parent {
        return m.base_changed.cloned().unwrap_or_else(|| said("an earlier step changed", Why::new("earlier_step_changed")));
    }
    if old.text != m.text {
        return said(format!("the instruction changed (was: {})", old.text), Why::new("instruction_changed").arg("was", old.text.clone()));
    }
    if let Some(changes) = describe_changes(&old.inputs, &m.new.inputs) {
        let (changed, added, removed) = change_lists(&old.inputs, &m.new.inputs);
        let mut why = Why::new("files_changed").arg("instruction", m.text);
        for (key, list) in [("changed", changed), ("added", added), ("removed", removed)] {
            if !list.is_empty() {
                why = why.arg(key, list.join("\n"));
            }
        }
        return said(format!("{}: {changes}", m.text), why);
    }
    if let Some(change) = changed_key(&old.args, &m.new.args) {
        return said(format!("build arg {}", change.text), change.why("build_arg"));
    }
    if old.env != m.new.env {
        let to_map = |v: &[String]| -> BTreeMap<String, String> {
            crate::btree::map(v.iter().filter_map(|kv| kv.split_once('=').map(|(k, v)| (k.to_string(), v.to_string()))))
        };
        if let Some(change) = changed_key(&to_map(&old.env), &to_map(&m.new.env)) {
            return said(format!("environment variable {}", change.text), change.why("env_var"));
        }
    }
    if old.user != m.new.user {
        return said(
            format!("USER changed from {:?} to {:?}", old.user, m.new.user),
            Why::new("user_changed").arg("from", old.user.clone()).arg("to", m.new.user.clone()),
        );
    }
    if old.workdir != m.new.workdir {
        return said(
            format!("WORKDIR changed from {} to {}", old.workdir, m.new.workdir),
            Why::new("workdir_changed").arg("from", old.workdir.clone()).arg("to", m.new.workdir.clone()),
        );
    }
    if old.key == m.new.key {
        said("the cached result is gone", Why::new("cache_gone"))
    } else {
        said("no cached result for these inputs", Why::new("no_cached_result"))
    }
}

/// A key whose value differs between two maps.
struct KeyChange {
    key: String,
    old: Option<String>,
    new: Option<String>,
    /// `VERSION changed (1 → 2)`, `VERSION was added (2)`, `VERSION was removed`.
    text: String,
}

impl KeyChange {
    fn why(&self, code: &'static str) -> Why {
        let mut why = Why::new(code).arg("name", self.key.clone());
        if let Some(o) = &self.old {
            why = why.arg("from", o.clone());
        }
        if let Some(n) = &self.new {
            why = why.arg("to", n.clone());
        }
        why
    }
}

/// The first key whose value differs.
fn changed_key(old: &BTreeMap<String, String>, new: &BTreeMap<String, String>) -> Option<KeyChange> {
    for (k, v) in new {
        match old.get(k) {
            Some(o) if o != v => {
                return Some(KeyChange {
                    key: k.clone(),
                    old: Some(o.clone()),
                    new: Some(v.clone()),
                    text: format!("{k} changed ({o} → {v})"),
                })
            }
            None => return Some(KeyChange { key: k.clone(), old: None, new: Some(v.clone()), text: format!("{k} was added ({v})") }),
            _ => {}
        }
    }
    old.iter().find(|(k, _)| !new.contains_key(*k)).map(|(k, o)| KeyChange {
        key: k.clone(),
        old: Some(o.clone()),
        new: None,
        text: format!("{k} was removed"),
    })
}

/// Why the cache could answer.
pub(crate) fn hit_reason(old: Option<&StepMemory>, new: &StepMemory, other_image: Option<&str>) -> Explained {
    match old {
        Some(o) if o.key == new.key && other_image.is_none() && o.text != new.text => {
            said("the wording changed but the cache key did not: same inputs as the last build", Why::new("same_key_new_wording"))
        }
        Some(o) if o.key == new.key && !new.inputs.is_empty() => {
            said("unchanged since the last build: same instruction and same files", Why::new("unchanged_files"))
        }
        Some(o) if o.key == new.key => said("unchanged since the last build: same instruction on the same parent", Why::new("unchanged")),
        _ => match other_image {
            Some(image) => said(
                format!("shared with image {image}: the cache holds this step from its build"),
                Why::new("shared_with").arg("image", image),
            ),
            None => said("the cache already holds this step from an earlier build", Why::new("cached_earlier")),
        },
    }
}
