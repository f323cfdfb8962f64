//! What a goal saw: for each check, the value on the machine that decided
//! it (an image's size, the matching history lines, a port's answer…), so a
//! grade comes with deterministic evidence instead of a bare yes or no.

use super::Check;
use crate::Engine;
use serde_json::{json, Value};

/// At most this many characters of an answer or a list go into evidence.
const EVIDENCE_CHARS: usize = 200;

impl Check {
    /// The value this check looked at, as JSON (`null` when its subject —
    /// an image, a container, a build — does not exist).
    pub fn evidence(&self, engine: &Engine) -> Value {
        let image = |r: &str| engine.image(r);
        let short = |s: &str| s.chars().take(EVIDENCE_CHARS).collect::<String>();
        match self {
            Check::ImageExists { image: r } => image(r).map_or(Value::Null, |i| json!({ "id": i.id })),
            Check::ContainersFromImage { image: r, .. } => {
                image(r).map_or(Value::Null, |img| json!({ "containers": engine.containers().filter(|c| c.image_id == img.id).count() }))
            }
            Check::HistoryEntry { image: r, created_by_contains, .. } => image(r).map_or(Value::Null, |img| {
                let lines: Vec<Value> = img
                    .config
                    .history
                    .iter()
                    .filter(|h| h.created_by.contains(created_by_contains.as_str()))
                    .map(|h| json!({ "created_by": short(&h.created_by), "empty_layer": h.empty_layer }))
                    .collect();
                json!({ "matching": lines })
            }),
            Check::LastBuildStep { instruction_contains, .. } => engine.last_build().map_or(Value::Null, |report| {
                let steps: Vec<Value> = report
                    .steps
                    .iter()
                    .filter(|s| s.label.contains(instruction_contains.as_str()))
                    .map(|s| json!({ "step": s.label, "cached": s.cached }))
                    .collect();
                json!({ "build_ok": report.ok, "steps": steps })
            }),
            Check::PathAbsentInImage { image: r, path } | Check::PathPresentInImage { image: r, path } => {
                image(r).map_or(Value::Null, |img| json!({ "exists": super::goal::image_rootfs(img).exists(path) }))
            }
            Check::ImageEnvContains { image: r, .. } => image(r).map_or(Value::Null, |img| json!({ "env": img.config.config.env })),
            Check::ImageLabel { image: r, key, .. } => {
                image(r).map_or(Value::Null, |img| json!({ "value": img.config.config.labels.get(key) }))
            }
            Check::ContainerDiffLists { container, .. } => engine
                .container_summaries()
                .iter()
                .find(|c| c.name == *container || c.id.starts_with(container.as_str()))
                .map_or(Value::Null, |c| json!({ "diff": c.changes.iter().map(|(k, p)| format!("{k} {p}")).collect::<Vec<_>>() })),
            Check::ImageFromCommit { image: r } => {
                image(r).map_or(Value::Null, |img| json!({ "parent": engine.image_meta(&img.id).and_then(|m| m.parent.clone()) }))
            }
            Check::ImageSameAs { image: a, other: b } => json!({ "image": image(a).map(|i| &i.id), "other": image(b).map(|i| &i.id) }),
            Check::ContainerImageRefContains { .. } => {
                json!({ "image_refs": engine.containers().map(|c| c.image_ref.clone()).collect::<Vec<_>>() })
            }
            Check::ImagesShareLayers { a, b, .. } => match (image(a), image(b)) {
                (Some(x), Some(y)) => {
                    json!({ "shared_layers": x.layers.iter().filter(|l| y.layers.iter().any(|m| m.diff_id == l.diff_id)).count() })
                }
                _ => Value::Null,
            },
            Check::ImageSmallerThan { image: r, .. } => image(r).map_or(Value::Null, |img| json!({ "bytes": img.size() })),
            Check::PortServes { port, .. } => {
                let body = engine.containers().find_map(|c| {
                    let binding = c.ports.iter().find(|b| b.host_port == Some(*port))?;
                    if !c.is_running() {
                        return None;
                    }
                    c.service.as_ref().and_then(|s| s.respond(binding.container_port, "/", &c.fs, engine.now(), true)).map(|r| r.body)
                });
                body.map_or(Value::Null, |b| json!({ "body": short(&b) }))
            }
            Check::ContainerEnv { container, .. } => engine
                .containers()
                .find(|c| c.name == *container)
                .map_or(Value::Null, |c| json!({ "running": c.is_running(), "env": c.config.env })),
            Check::ContainerRunning { container } => {
                engine.containers().find(|c| c.name == *container).map_or(Value::Null, |c| json!({ "running": c.is_running() }))
            }
            Check::ImageCmdExecForm { image: r } => image(r).map_or(Value::Null, |img| json!({ "cmd": img.config.config.cmd })),
            Check::FileInImageContains { image: r, path, .. } => image(r).map_or(Value::Null, |img| {
                let fs = super::goal::image_rootfs(img);
                json!({ "content": fs.read(path).ok().map(|b| short(&String::from_utf8_lossy(&b))) })
            }),
            #[allow(unreachable_patterns)]
            _ => Value::Null,
        }
    }
}
