//! "What would rebuild?": which steps of a pending Dockerfile and context
//! the cache would answer, and why the others would run — without building.
//! A pure function of the engine's image store and cache: it dry-runs the
//! builder on copies, keying every step but executing none.

use super::event::{BuildEvent, Origin};
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
    let mut steps: Vec<PredictedStep> = Vec::new();
    let mut by_vertex = std::collections::BTreeMap::new();
    for event in &report.events {
        match event {
            BuildEvent::StepStarted { vertex, label, instruction, origin, step: Some(info), .. } if info.instruction != "FROM" => {
                by_vertex.insert(*vertex, steps.len());
                steps.push(PredictedStep {
                    label: label.clone(),
                    instruction: instruction.clone(),
                    origin: origin.clone(),
                    cached: false,
                    reason: String::new(),
                });
            }
            BuildEvent::StepCached { vertex, reason, .. } => {
                if let Some(s) = by_vertex.get(vertex).and_then(|&i| steps.get_mut(i)) {
                    s.cached = true;
                    s.reason = reason.clone();
                }
            }
            BuildEvent::StepDone { vertex, reason: Some(reason), .. } => {
                if let Some(s) = by_vertex.get(vertex).and_then(|&i| steps.get_mut(i)) {
                    s.reason = reason.clone();
                }
            }
            _ => {}
        }
    }
    Prediction { steps, error: report.error }
}
