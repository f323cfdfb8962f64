//! "What would rebuild?": which steps of a pending Dockerfile and context
//! the cache would answer, and why the others would run — without building.
//! A pure function of the engine's image store and cache: it dry-runs the
//! builder on copies, keying every step but executing none.

use super::event::Origin;
use super::{run, BuildCache, BuildEnv, BuildRequest};
use crate::dockerfile::Diagnostic;
use crate::image::ImageStore;
use serde::Serialize;

/// One step's fate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PredictedStep {
    /// The progress label (`[3/5] COPY . /app`).
    pub label: String,
    pub instruction: String,
    pub origin: Option<Origin>,
    /// Whether the cache would answer it.
    pub cached: bool,
    /// Why, in plain words.
    pub reason: String,
    /// The same, as data (`code` and `args`) for other languages.
    pub why: Option<super::explain::Why>,
}

/// The answer for a whole build.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Prediction {
    pub steps: Vec<PredictedStep>,
    /// Set when the build would fail before or while keying steps.
    pub error: Option<Diagnostic>,
}

/// Predicts a build of `request` against the given engine state.
pub fn predict(images: &ImageStore, cache: &BuildCache, request: &BuildRequest, now: i64) -> Prediction {
    let (mut images, mut cache) = (images.clone(), cache.clone());
    let report = run(BuildEnv { images: &mut images, cache: &mut cache, now }, request, true);
    let steps = report
        .steps
        .iter()
        .filter(|s| s.instruction != "FROM")
        .map(|s| PredictedStep {
            label: s.label.clone(),
            instruction: s.instruction.clone(),
            origin: s.origin.clone(),
            cached: s.cached,
            reason: s.reason.clone().unwrap_or_default(),
            why: s.why.clone(),
        })
        .collect();
    Prediction { steps, error: report.error }
}
