//! The build event log: what the page animates and the CLI prints.

use crate::layer::{ChangeKind, Layer};
use serde::Serialize;

/// One change inside a layer, for display.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChangeSummary {
    pub kind: ChangeKind,
    /// Absolute path in the image (`/app/server.js`).
    pub path: String,
    pub size: u64,
}

/// A layer as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LayerSummary {
    pub diff_id: String,
    pub size: u64,
    pub changes: Vec<ChangeSummary>,
}

impl LayerSummary {
    pub fn of(layer: &Layer) -> LayerSummary {
        LayerSummary {
            diff_id: layer.diff_id.clone(),
            size: layer.size,
            changes: layer
                .entries
                .iter()
                .map(|e| ChangeSummary {
                    kind: e.kind,
                    path: format!("/{}", e.path),
                    size: e.node.as_ref().map_or(0, |n| n.file_size()),
                })
                .collect(),
        }
    }
}

/// Where a step comes from in the Dockerfile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Origin {
    pub start_line: usize,
    pub end_line: usize,
    /// Byte range in the Dockerfile.
    pub span: (usize, usize),
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
        /// Upper-case instruction keyword (`COPY`), or `INTERNAL`.
        instruction: String,
        origin: Option<Origin>,
    },
    /// A line of the step's output.
    StepLog { vertex: usize, line: String },
    /// The step was answered from the cache.
    StepCached { vertex: usize, cache_key: String, layer: Option<LayerSummary> },
    /// The step ran.
    StepDone {
        vertex: usize,
        cache_key: Option<String>,
        /// Why it could not come from the cache, in plain words.
        reason: Option<String>,
        layer: Option<LayerSummary>,
        /// Simulated duration in milliseconds.
        duration_ms: u64,
    },
    /// The step failed; the build stops.
    StepFailed { vertex: usize, message: String },
    /// Config-only instructions (ENV, CMD…) that add a 0 B history entry.
    MetadataApplied { created_by: String, origin: Origin },
    /// The final image.
    ImageWritten { image_id: String, tags: Vec<String>, layers: Vec<LayerSummary> },
}
