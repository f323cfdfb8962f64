//! The build event log: what the page animates and the CLI prints.
//!
//! A build is a sequence of **vertices**, numbered in the order they first
//! appear, exactly as BuildKit numbers them in `--progress=plain` output
//! (`#1 [internal] load build definition from Dockerfile`, …, `#7 [3/5] COPY
//! . /app`). Every vertex gets one `step_started`, then any number of
//! `step_status` and `step_log` events, then exactly one of `step_cached`,
//! `step_done` or `step_failed`. Config-only instructions (ENV, CMD, …) are
//! not vertices; they appear as `metadata_applied`. The log ends with
//! `image_written` on success.
//!
//! Times (`at_ms`) are milliseconds since the build started, from the
//! simulated clock (`clock.rs`), so the same build gives the same log.
//! Every variant serialises with a `type` tag in snake_case.

use super::context::FileSum;
use crate::layer::{ChangeKind, Layer};
use serde::Serialize;

/// One change inside a layer, for display.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChangeSummary {
    /// `A`, `C` or `D`, as `docker diff` letters it.
    pub kind: ChangeKind,
    /// Absolute path in the image (`/app/server.js`).
    pub path: String,
    pub size: u64,
}

/// A layer as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LayerSummary {
    pub diff_id: String,
    /// Sum of regular-file sizes (what `docker history` shows).
    pub size: u64,
    /// The first [`LayerSummary::SHOWN`] changes in tar order (a layer can
    /// hold thousands; `DockerSim::layer_changes` pages through all of them).
    pub changes: Vec<ChangeSummary>,
    /// How many changes the layer has in all.
    pub total_changes: usize,
}

impl LayerSummary {
    pub const SHOWN: usize = 100;

    pub fn of(layer: &Layer) -> LayerSummary {
        LayerSummary {
            diff_id: layer.diff_id.clone(),
            size: layer.size,
            total_changes: layer.entries.len(),
            changes: layer
                .entries
                .iter()
                .take(Self::SHOWN)
                .map(|e| ChangeSummary { kind: e.kind, path: format!("/{}", e.path), size: e.node.as_ref().map_or(0, |n| n.file_size()) })
                .collect(),
        }
    }
}

/// Where a step comes from in the Dockerfile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// 1-based, inclusive.
    pub start_line: usize,
    pub end_line: usize,
    /// Byte range in the Dockerfile.
    pub span: (usize, usize),
}

/// What a Dockerfile step is, for the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StepInfo {
    /// Upper-case instruction keyword (`COPY`).
    pub instruction: String,
    /// The stage name (`build`, `stage-1`), or `None` in a one-stage build.
    pub stage: Option<String>,
    /// 1-based position in the stage, as in `[2/5]`.
    pub index: usize,
    pub total: usize,
    pub origin: Origin,
}

/// A progress status line of a vertex (`transferring context: 1.23kB done`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Status {
    /// The status name (`transferring context:`, `writing image sha256:…`).
    pub id: String,
    /// Formatted bytes (`1.23kB`, `3.40MB / 3.40MB`).
    pub bytes: Option<String>,
    pub duration_ms: u64,
    pub done: bool,
}

/// One entry of the build log, in the order things happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BuildEvent {
    /// A vertex starts: `#<vertex> <label>`.
    StepStarted {
        vertex: usize,
        /// `[2/3] COPY . /app`, or `[internal] load build context`.
        label: String,
        /// Upper-case instruction keyword (`COPY`), or `INTERNAL`/`EXPORT`.
        instruction: String,
        /// Set for Dockerfile steps (FROM, RUN, COPY, ADD, WORKDIR).
        step: Option<StepInfo>,
        origin: Option<Origin>,
        at_ms: u64,
    },
    /// A status line of the vertex.
    StepStatus { vertex: usize, status: Status, at_ms: u64 },
    /// A line of the step's output.
    StepLog { vertex: usize, line: String, at_ms: u64 },
    /// The step was answered from the cache.
    StepCached {
        vertex: usize,
        cache_key: String,
        /// Why the cache could answer, in plain words.
        reason: String,
        /// The same, as data (`code` and `args`) for other languages.
        why: Option<super::explain::Why>,
        layer: Option<LayerSummary>,
        at_ms: u64,
    },
    /// The step ran.
    StepDone {
        vertex: usize,
        cache_key: Option<String>,
        /// Why it could not come from the cache, in plain words
        /// (`COPY . /app: server.js changed`, `re-runs because step 3 re-ran`).
        reason: Option<String>,
        why: Option<super::explain::Why>,
        layer: Option<LayerSummary>,
        /// Fingerprints of the files a COPY/ADD read (for "what changed?").
        inputs: Vec<FileSum>,
        duration_ms: u64,
        at_ms: u64,
    },
    /// The step failed; the build stops.
    StepFailed { vertex: usize, message: String, at_ms: u64 },
    /// Config-only instructions (ENV, CMD…) that add a 0 B history entry.
    MetadataApplied { created_by: String, origin: Origin, stage: Option<String> },
    /// The final image.
    ImageWritten { image_id: String, tags: Vec<String>, layers: Vec<LayerSummary> },
}

impl BuildEvent {
    /// The vertex this event belongs to, if any.
    pub fn vertex(&self) -> Option<usize> {
        match self {
            BuildEvent::StepStarted { vertex, .. }
            | BuildEvent::StepStatus { vertex, .. }
            | BuildEvent::StepLog { vertex, .. }
            | BuildEvent::StepCached { vertex, .. }
            | BuildEvent::StepDone { vertex, .. }
            | BuildEvent::StepFailed { vertex, .. } => Some(*vertex),
            _ => None,
        }
    }
}

/// One Dockerfile step's outcome, distilled from the log (what lessons and
/// the page ask most: was it cached, why, and what layer did it make).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StepOutcome {
    pub vertex: usize,
    /// `[3/5] COPY . /app`.
    pub label: String,
    pub instruction: String,
    pub origin: Option<Origin>,
    pub cached: bool,
    /// Set when the step failed.
    pub error: Option<String>,
    pub reason: Option<String>,
    pub why: Option<super::explain::Why>,
    pub layer: Option<LayerSummary>,
    pub duration_ms: u64,
}

/// The Dockerfile steps of a log (FROM included), in order.
pub fn step_outcomes(events: &[BuildEvent]) -> Vec<StepOutcome> {
    let mut out: Vec<StepOutcome> = Vec::new();
    let mut index = std::collections::BTreeMap::new();
    for e in events {
        match e {
            BuildEvent::StepStarted { vertex, label, instruction, step: Some(_), origin, .. } => {
                index.insert(*vertex, out.len());
                out.push(StepOutcome {
                    vertex: *vertex,
                    label: label.clone(),
                    instruction: instruction.clone(),
                    origin: origin.clone(),
                    cached: false,
                    error: None,
                    reason: None,
                    why: None,
                    layer: None,
                    duration_ms: 0,
                });
            }
            BuildEvent::StepCached { vertex, reason, why, layer, .. } => {
                if let Some(s) = index.get(vertex).and_then(|&i| out.get_mut(i)) {
                    s.cached = true;
                    s.reason = Some(reason.clone());
                    s.why = why.clone();
                    s.layer = layer.clone();
                }
            }
            BuildEvent::StepDone { vertex, reason, why, layer, duration_ms, .. } => {
                if let Some(s) = index.get(vertex).and_then(|&i| out.get_mut(i)) {
                    s.reason = reason.clone();
                    s.why = why.clone();
                    s.layer = layer.clone();
                    s.duration_ms = *duration_ms;
                }
            }
            BuildEvent::StepFailed { vertex, message, .. } => {
                if let Some(s) = index.get(vertex).and_then(|&i| out.get_mut(i)) {
                    s.error = Some(message.clone());
                }
            }
            _ => {}
        }
    }
    out
}
