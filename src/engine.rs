//! The simulated machine: image store, build cache and clock, behind one API
//! that the wasm bindings and the native binary both drive.

use crate::build::{self, BuildCache, BuildEnv, BuildReport, BuildRequest};
use crate::image::ImageStore;

/// The default simulated start time: 2026-01-01T00:00:00Z. The same default
/// everywhere keeps digests identical natively and in the browser.
pub const DEFAULT_EPOCH: i64 = 1_767_225_600;

/// How to start an engine.
#[derive(Clone, Debug)]
pub struct EngineConfig {
    /// Unix seconds the simulated clock starts at.
    pub epoch: i64,
}

impl Default for EngineConfig {
    fn default() -> EngineConfig {
        EngineConfig { epoch: DEFAULT_EPOCH }
    }
}

/// One simulated Docker host.
pub struct Engine {
    images: ImageStore,
    cache: BuildCache,
    /// Simulated Unix time in seconds.
    now: i64,
}

impl Engine {
    pub fn new(config: EngineConfig) -> Engine {
        Engine { images: ImageStore::default(), cache: BuildCache::default(), now: config.epoch }
    }

    /// The simulated current time (Unix seconds).
    pub fn now(&self) -> i64 {
        self.now
    }

    /// Moves the simulated clock (it never goes backwards).
    pub fn set_now(&mut self, secs: i64) {
        self.now = self.now.max(secs);
    }

    /// `docker build`.
    pub fn build(&mut self, request: &BuildRequest) -> BuildReport {
        let report = build::build(BuildEnv { images: &mut self.images, cache: &mut self.cache, now: self.now }, request);
        self.now += 1;
        report
    }

    pub fn images(&self) -> &ImageStore {
        &self.images
    }

    pub fn cache(&self) -> &BuildCache {
        &self.cache
    }

    /// `docker builder prune`.
    pub fn prune_cache(&mut self) {
        self.cache.clear();
    }
}

impl Default for Engine {
    fn default() -> Engine {
        Engine::new(EngineConfig::default())
    }
}
