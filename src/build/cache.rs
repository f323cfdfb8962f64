//! The build cache: step keys → results, shared by every build in an engine,
//! plus what the last build saw at each step position (to explain misses)
//! and filesystem snapshots that spare re-applying layers.

use super::context::FileSum;
use crate::digest::Hasher;
use crate::layer::Layer;
use crate::vfs::Fs;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::Arc;

/// What a cached step produced.
#[derive(Clone, Debug)]
pub struct CachedStep {
    pub layer: Arc<Layer>,
    /// Output lines with their offset from the step's start.
    pub output: Vec<(u64, String)>,
    /// Unix seconds the layer was created (BuildKit keeps it on cache hits).
    pub created: i64,
    /// The image (first tag) whose build made it, for "shared between images".
    pub built_for: Option<String>,
}

/// What one build saw at one step position, to explain the next build.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StepMemory {
    /// The step's text (`COPY . /app`).
    pub text: String,
    pub parent: String,
    pub key: String,
    /// File fingerprints a COPY/ADD read.
    pub inputs: Vec<FileSum>,
    /// Environment a RUN saw (`k=v`, config env then in-scope ARGs).
    pub env: Vec<String>,
    /// In-scope build args.
    pub args: BTreeMap<String, String>,
    pub user: String,
    pub workdir: String,
}

/// How many filesystem snapshots to keep.
const SNAPSHOTS: usize = 48;

/// The garbage collector's bounds: Docker's default `defaultKeepStorage`
/// (20 GB of layer size), and a number of records that keeps the page's
/// memory in check. Past either, the least recently used records go first,
/// as BuildKit's GC removes them.
pub const KEEP_STORAGE: u64 = 20_000_000_000;
pub const KEEP_RECORDS: usize = 2_000;

/// Step results by cache key, and the engine's memory of past builds.
#[derive(Clone, Debug, Default)]
pub struct BuildCache {
    entries: BTreeMap<String, CachedStep>,
    /// Step position (`<stage>/<index>`) → what the last build saw there.
    memory: BTreeMap<String, StepMemory>,
    /// Image references whose metadata was resolved before.
    resolved: BTreeSet<String>,
    /// Context file fingerprints the builder already holds (path → digest).
    context: BTreeMap<String, String>,
    snapshots: VecDeque<(String, Arc<Fs>)>,
    /// Cache keys dropped by `docker builder prune`.
    pruned: BTreeSet<String>,
    /// `RUN --mount=type=cache` contents by id (default: the target), kept across builds.
    mounts: BTreeMap<String, crate::vfs::Node>,
    /// When each record was last used (a counter, not the clock: deterministic).
    used: BTreeMap<String, u64>,
    uses: u64,
}

impl BuildCache {
    pub fn get(&self, key: &str) -> Option<&CachedStep> {
        self.entries.get(key)
    }

    pub fn insert(&mut self, key: String, step: CachedStep) {
        self.pruned.remove(&key);
        self.touch(&key);
        self.entries.insert(key, step);
        self.collect_garbage();
    }

    /// Marks a record used (a cache hit), so the collector keeps it longest.
    pub fn touch(&mut self, key: &str) {
        self.uses += 1;
        self.used.insert(key.to_string(), self.uses);
    }

    /// Drops the least recently used records while the cache is past
    /// [`KEEP_STORAGE`] or [`KEEP_RECORDS`] (never the newest record).
    fn collect_garbage(&mut self) {
        let mut size = self.size();
        while self.entries.len() > 1 && (size > KEEP_STORAGE || self.entries.len() > KEEP_RECORDS) {
            let Some(oldest) = self.entries.keys().min_by_key(|k| (self.used.get(*k).copied().unwrap_or(0), (*k).clone())).cloned() else {
                break;
            };
            if let Some(step) = self.entries.remove(&oldest) {
                size = size.saturating_sub(step.layer.size);
            }
            self.used.remove(&oldest);
            self.pruned.insert(oldest);
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every cached step by key (for `docker builder prune`/`docker system df -v`).
    pub fn records(&self) -> impl Iterator<Item = (&str, &CachedStep)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Total size of cached layers (for `docker system df`'s Build Cache row).
    pub fn size(&self) -> u64 {
        self.entries.values().map(|s| s.layer.size).sum()
    }

    /// `docker builder prune`: forgets every result (the memory of what
    /// builds saw stays, so the next build can say the cache was pruned).
    pub fn clear(&mut self) {
        self.pruned.extend(self.entries.keys().cloned());
        self.entries.clear();
        self.used.clear();
        self.snapshots.clear();
        self.context.clear();
        self.resolved.clear();
        self.mounts.clear();
    }

    /// What a cache mount held after the last step that used it.
    pub fn cache_mount(&self, id: &str) -> Option<&crate::vfs::Node> {
        self.mounts.get(id)
    }

    /// Keeps a cache mount's contents for the next step that mounts it.
    pub fn keep_cache_mount(&mut self, id: String, node: crate::vfs::Node) {
        self.mounts.insert(id, node);
    }

    pub fn was_pruned(&self, key: &str) -> bool {
        self.pruned.contains(key)
    }

    pub fn memory(&self, position: &str) -> Option<&StepMemory> {
        self.memory.get(position)
    }

    pub fn remember(&mut self, position: String, memory: StepMemory) {
        self.memory.insert(position, memory);
    }

    /// Marks `reference` resolved; returns whether it was already.
    pub fn resolve(&mut self, reference: &str) -> bool {
        !self.resolved.insert(reference.to_string())
    }

    /// Records the context files sent; returns the bytes that had to be sent
    /// (files the builder did not hold yet).
    pub fn sync_context(&mut self, files: &[(String, String, u64)]) -> u64 {
        let mut sent = 0;
        for (path, digest, size) in files {
            if self.context.get(path) != Some(digest) {
                sent += size;
                self.context.insert(path.clone(), digest.clone());
            }
        }
        sent
    }

    pub fn snapshot(&self, key: &str) -> Option<Arc<Fs>> {
        self.snapshots.iter().find(|(k, _)| k == key).map(|(_, fs)| fs.clone())
    }

    pub fn keep_snapshot(&mut self, key: &str, fs: Arc<Fs>) {
        if self.snapshots.iter().any(|(k, _)| k == key) {
            return;
        }
        if self.snapshots.len() >= SNAPSHOTS {
            self.snapshots.pop_front();
        }
        self.snapshots.push_back((key.to_string(), fs));
    }
}

/// A cache key from the parent's key and this step's parts.
pub fn step_key(parent: &str, parts: &[&str]) -> String {
    let mut h = Hasher::new();
    h.update(parent.as_bytes());
    for p in parts {
        h.update(&(p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    h.finish_digest()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step() -> CachedStep {
        let layer = Arc::new(crate::build::diff::layer(&Fs::new(), &Fs::new(), 0));
        CachedStep { layer, output: Vec::new(), created: 0, built_for: None }
    }

    #[test]
    fn the_collector_drops_the_least_recently_used_records_past_the_cap() {
        let mut cache = BuildCache::default();
        for i in 0..KEEP_RECORDS {
            cache.insert(format!("k{i:05}"), step());
        }
        cache.touch("k00000");
        cache.insert("new".into(), step());
        assert_eq!(cache.len(), KEEP_RECORDS);
        assert!(cache.get("k00000").is_some(), "a record used lately stays");
        assert!(cache.get("k00001").is_none() && cache.was_pruned("k00001"), "the least recently used goes");
        assert!(cache.get("new").is_some());
    }
}
