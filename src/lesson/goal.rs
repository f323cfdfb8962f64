//! Goals: predicates on the engine's state. Each names exactly what it
//! checks, so a stray extra image or container never blocks completion.

use super::Text;
use crate::vfs::Fs;
use crate::Engine;
use serde::{Deserialize, Serialize};

/// A goal as the learner reads it, and what is checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    /// A stable name for graders (`image-built`); `goal-N` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub text: Text,
    pub check: Check,
    /// Points for this goal in a grade (1 when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<u32>,
}

/// The predicates lessons can use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Check {
    /// An image with this reference exists.
    ImageExists {
        image: String,
    },
    /// At least `min` containers (any state) were created from the image.
    ContainersFromImage {
        image: String,
        min: usize,
    },
    /// The image's history has an entry whose `created_by` contains the text
    /// and that is (or is not) an empty layer.
    HistoryEntry {
        image: String,
        created_by_contains: String,
        empty_layer: bool,
    },
    /// In the last build, the step whose label contains the text was (or was not) cached.
    LastBuildStep {
        instruction_contains: String,
        cached: bool,
    },
    PathAbsentInImage {
        image: String,
        path: String,
    },
    PathPresentInImage {
        image: String,
        path: String,
    },
    ImageEnvContains {
        image: String,
        env: String,
    },
    ImageLabel {
        image: String,
        key: String,
        value: String,
    },
    /// `docker diff CONTAINER` lists this line (`A /tmp/x`).
    ContainerDiffLists {
        container: String,
        line: String,
    },
    /// The image was made by `docker commit`.
    ImageFromCommit {
        image: String,
    },
    /// Two references name the same image ID.
    ImageSameAs {
        image: String,
        other: String,
    },
    /// Some container was created from a reference containing this text (`nginx@sha256:`).
    ContainerImageRefContains {
        text: String,
    },
    /// The two images share at least `min` layers.
    ImagesShareLayers {
        a: String,
        b: String,
        min: usize,
    },
    ImageSmallerThan {
        image: String,
        bytes: u64,
    },
    /// A running container publishes host `port`, and a request to it answers with a body containing the text.
    PortServes {
        port: u16,
        body_contains: String,
    },
    /// The named container is running and its environment has `env` (`K=V`).
    ContainerEnv {
        container: String,
        env: String,
    },
    ContainerRunning {
        container: String,
    },
    /// The image's CMD is in exec form (not wrapped in `/bin/sh -c`).
    ImageCmdExecForm {
        image: String,
    },
    /// A file in the image holds this text (what a page really serves, not
    /// only that a file is there).
    FileInImageContains {
        image: String,
        path: String,
        text: String,
    },
    /// The named container is attached to the named network.
    ContainerOnNetwork {
        container: String,
        network: String,
    },
    /// From inside container `from`, the name `host` resolves (Docker's DNS,
    /// /etc/hosts) to a running container whose answer on `port` contains the text.
    ContainerReaches {
        from: String,
        host: String,
        port: u16,
        body_contains: String,
    },
    NetworkExists {
        network: String,
    },
    VolumeExists {
        volume: String,
    },
    /// The volume holds a file at `path` (relative to the volume) containing the text.
    VolumeHasFile {
        volume: String,
        path: String,
        contains: String,
    },
    /// A container of Compose project `project`, service `service`, is running.
    ComposeServiceRunning {
        project: String,
        service: String,
    },
    /// No container has this name (it was removed).
    ContainerAbsent {
        container: String,
    },
}

impl Check {
    pub fn met(&self, engine: &Engine) -> bool {
        let image = |r: &str| engine.image(r);
        match self {
            Check::ImageExists { image: r } => image(r).is_some(),
            Check::ContainersFromImage { image: r, min } => match image(r) {
                Some(img) => engine.containers().filter(|c| c.image_id == img.id).count() >= *min,
                None => false,
            },
            Check::HistoryEntry { image: r, created_by_contains, empty_layer } => image(r).is_some_and(|img| {
                img.config.history.iter().any(|h| h.created_by.contains(created_by_contains.as_str()) && h.empty_layer == *empty_layer)
            }),
            Check::LastBuildStep { instruction_contains, cached } => engine.last_build().is_some_and(|report| {
                report.ok && report.steps.iter().any(|s| s.label.contains(instruction_contains.as_str()) && s.cached == *cached)
            }),
            Check::PathAbsentInImage { image: r, path } => image(r).is_some_and(|img| !image_rootfs(img).exists(path)),
            Check::PathPresentInImage { image: r, path } => image(r).is_some_and(|img| image_rootfs(img).exists(path)),
            Check::ImageEnvContains { image: r, env } => image(r).is_some_and(|img| img.config.config.env.iter().any(|e| e == env)),
            Check::ImageLabel { image: r, key, value } => image(r).is_some_and(|img| img.config.config.labels.get(key) == Some(value)),
            Check::ContainerDiffLists { container, line } => engine.container_summaries().iter().any(|c| {
                (c.name == *container || c.id.starts_with(container.as_str())) && c.changes.iter().any(|(k, p)| format!("{k} {p}") == *line)
            }),
            Check::ImageFromCommit { image: r } => {
                image(r).is_some_and(|img| engine.image_meta(&img.id).is_some_and(|m| m.parent.is_some()))
            }
            Check::ImageSameAs { image: a, other: b } => matches!((image(a), image(b)), (Some(x), Some(y)) if x.id == y.id),
            Check::ContainerImageRefContains { text } => engine.containers().any(|c| c.image_ref.contains(text.as_str())),
            Check::ImagesShareLayers { a, b, min } => match (image(a), image(b)) {
                (Some(x), Some(y)) => x.layers.iter().filter(|l| y.layers.iter().any(|m| m.diff_id == l.diff_id)).count() >= *min,
                _ => false,
            },
            Check::ImageSmallerThan { image: r, bytes } => image(r).is_some_and(|img| img.size() < *bytes),
            Check::PortServes { port, body_contains } => engine.containers().any(|c| {
                let Some(binding) = c.ports.iter().find(|b| b.host_port == Some(*port)) else { return false };
                c.is_running()
                    && c.service
                        .as_ref()
                        .and_then(|s| s.respond(binding.container_port, "/", &c.fs, engine.now(), true))
                        .is_some_and(|r| r.body.contains(body_contains.as_str()))
            }),
            Check::ContainerEnv { container, env } => {
                engine.containers().any(|c| c.name == *container && c.is_running() && c.config.env.iter().any(|e| e == env))
            }
            Check::ContainerRunning { container } => engine.containers().any(|c| c.name == *container && c.is_running()),
            Check::FileInImageContains { image: r, path, text } => {
                image(r).is_some_and(|img| image_rootfs(img).read(path).is_ok_and(|b| String::from_utf8_lossy(&b).contains(text.as_str())))
            }
            Check::ContainerOnNetwork { container, network } => engine
                .daemon
                .containers
                .by_name(container)
                .is_some_and(|c| engine.daemon.networks.find(network).is_some_and(|n| n.endpoints.contains_key(&c.id))),
            Check::ContainerReaches { from, host, port, body_contains } => {
                let Some(c) = engine.daemon.containers.by_name(from).filter(|c| c.is_running()) else { return false };
                let target = match engine.daemon.lookup(Some(&c.id), host) {
                    Some(crate::daemon::Peer::Container(id, _)) => engine.daemon.containers.get(&id),
                    Some(crate::daemon::Peer::Itself) => Some(c),
                    _ => None,
                };
                target.is_some_and(|t| {
                    t.is_running()
                        && t.service
                            .as_ref()
                            .and_then(|s| s.respond(*port, "/", &t.fs, engine.now(), true))
                            .is_some_and(|r| r.body.contains(body_contains.as_str()))
                })
            }
            Check::NetworkExists { network } => engine.daemon.networks.find(network).is_some(),
            Check::VolumeExists { volume } => engine.daemon.volumes.contains_key(volume),
            Check::VolumeHasFile { volume, path, contains } => engine.daemon.volumes.get(volume).is_some_and(|node| {
                let mut fs = Fs::new();
                fs.insert("/", node.clone()).is_ok()
                    && fs
                        .read(&format!("/{}", path.trim_start_matches('/')))
                        .is_ok_and(|b| String::from_utf8_lossy(&b).contains(contains.as_str()))
            }),
            Check::ComposeServiceRunning { project, service } => engine.containers().any(|c| {
                c.is_running()
                    && c.config.labels.get("com.docker.compose.project") == Some(project)
                    && c.config.labels.get("com.docker.compose.service") == Some(service)
            }),
            Check::ContainerAbsent { container } => engine.daemon.containers.by_name(container).is_none(),
            Check::ImageCmdExecForm { image: r } => image(r).is_some_and(|img| {
                img.config
                    .config
                    .cmd
                    .as_ref()
                    .is_some_and(|cmd| !(cmd.is_empty() || cmd.len() == 3 && cmd[0] == "/bin/sh" && cmd[1] == "-c"))
            }),
        }
    }
}

/// The image's whole filesystem (its layers applied in order).
pub(super) fn image_rootfs(image: &crate::image::Image) -> Fs {
    let mut fs = Fs::new();
    for layer in &image.layers {
        let _ = layer.apply(&mut fs);
    }
    fs
}
