//! Renders a build's event log as BuildKit's `--progress=plain` output.

use super::{BuildEvent, BuildReport};

/// The `--progress=plain` transcript of a build.
pub fn render_plain(report: &BuildReport) -> String {
    let mut out = String::new();
    let mut last_vertex = 0;
    for event in &report.events {
        match event {
            BuildEvent::StepStarted { vertex, label, .. } => {
                out.push_str(&format!("#{vertex} {label}\n"));
                last_vertex = *vertex;
            }
            BuildEvent::StepLog { vertex, line } => out.push_str(&format!("#{vertex} 0.100 {line}\n")),
            BuildEvent::StepCached { vertex, .. } => out.push_str(&format!("#{vertex} CACHED\n\n")),
            BuildEvent::StepDone { vertex, duration_ms, .. } => {
                out.push_str(&format!("#{vertex} DONE {:.1}s\n\n", *duration_ms as f64 / 1000.0))
            }
            BuildEvent::StepFailed { vertex, message } => out.push_str(&format!("#{vertex} ERROR: {message}\n")),
            BuildEvent::MetadataApplied { .. } => {}
            BuildEvent::ImageWritten { image_id, tags, .. } => {
                let v = last_vertex + 1;
                out.push_str(&format!("#{v} exporting to image\n#{v} exporting layers done\n"));
                out.push_str(&format!("#{v} writing image {image_id} done\n"));
                for tag in tags {
                    out.push_str(&format!("#{v} naming to {} done\n", super::canonical_name(tag)));
                }
                out.push_str(&format!("#{v} DONE 0.0s\n"));
            }
        }
    }
    if let Some(err) = &report.error {
        out.push_str(&format!("ERROR: failed to build: failed to solve: {}\n", err.message));
    }
    out
}
