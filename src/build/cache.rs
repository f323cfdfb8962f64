//! The build cache: step keys → results, shared by every build in an engine.

use crate::digest::Hasher;
use crate::layer::Layer;
use std::collections::BTreeMap;
use std::sync::Arc;

/// What a cached step produced.
#[derive(Clone, Debug)]
pub struct CachedStep {
    pub layer: Arc<Layer>,
    pub output: Vec<String>,
}

/// Step results by cache key.
#[derive(Clone, Debug, Default)]
pub struct BuildCache {
    entries: BTreeMap<String, CachedStep>,
}

impl BuildCache {
    pub fn get(&self, key: &str) -> Option<&CachedStep> {
        self.entries.get(key)
    }

    pub fn insert(&mut self, key: String, step: CachedStep) {
        self.entries.insert(key, step);
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// `docker builder prune`: forgets everything.
    pub fn clear(&mut self) {
        self.entries.clear();
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
