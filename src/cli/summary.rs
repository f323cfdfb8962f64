//! Plain, serialisable views of the daemon's state for the page's panels
//! and the lessons' goal checks (no filesystems, just what a learner sees).

use super::images::tags_of;
use super::inspect::status;
use crate::container::{ports, Container, State};
use crate::layer::ChangeKind;
use crate::Engine;
use serde::Serialize;

/// One container as `docker ps -a` and `docker diff` describe it.
#[derive(Clone, Debug, Serialize)]
pub struct ContainerSummary {
    pub id: String,
    pub name: String,
    pub image: String,
    pub image_id: String,
    /// `created`, `running` or `exited`.
    pub state: String,
    /// `Up 5 seconds`, `Exited (0) 2 minutes ago`.
    pub status: String,
    pub exit_code: Option<i32>,
    pub command: Vec<String>,
    /// `0.0.0.0:8080->80/tcp, …` while running.
    pub ports: String,
    /// `docker diff` lines: `("A", "/app/x")`.
    pub changes: Vec<(String, String)>,
    /// Bytes in the read/write layer.
    pub rw_size: u64,
    /// The Compose project and service it belongs to (its
    /// `com.docker.compose.*` labels).
    pub project: Option<String>,
    pub service: Option<String>,
    /// The networks it is attached to, by name.
    pub networks: Vec<String>,
    /// The volumes it mounts: name and mount point.
    pub volumes: Vec<(String, String)>,
}

/// One image as `docker images` describes it.
#[derive(Clone, Debug, Serialize)]
pub struct ImageSummary {
    pub id: String,
    pub tags: Vec<String>,
    pub created: String,
    pub size: u64,
    /// DiffIDs bottom to top.
    pub layers: Vec<String>,
    pub layer_sizes: Vec<u64>,
}

pub fn container(engine: &Engine, c: &Container) -> ContainerSummary {
    let (state, exit_code) = match c.state {
        State::Created => ("created", None),
        State::Running { .. } => ("running", None),
        State::Exited { code, .. } => ("exited", Some(code)),
    };
    ContainerSummary {
        id: c.id.clone(),
        name: c.name.clone(),
        image: c.image_ref.clone(),
        image_id: c.image_id.clone(),
        state: state.into(),
        status: status(c, engine.daemon.now),
        exit_code,
        command: c.config.argv(),
        ports: if c.is_running() { ports::display(&c.ports, &c.config.exposed_ports) } else { String::new() },
        changes: c
            .changes()
            .into_iter()
            .map(|(k, p)| {
                let letter = match k {
                    ChangeKind::Added => "A",
                    ChangeKind::Changed => "C",
                    ChangeKind::Deleted => "D",
                };
                (letter.to_string(), p)
            })
            .collect(),
        rw_size: c.rw_size(),
        project: c.config.labels.get("com.docker.compose.project").cloned(),
        service: c.config.labels.get("com.docker.compose.service").cloned(),
        networks: engine.daemon.networks.of(&c.id).iter().map(|(n, _)| n.name.clone()).collect(),
        volumes: c.mounts.iter().filter(|m| !m.bind).map(|m| (m.source.clone(), m.destination.clone())).collect(),
    }
}

pub fn containers(engine: &Engine) -> Vec<ContainerSummary> {
    engine.daemon.containers.newest_first().map(|c| container(engine, c)).collect()
}

pub fn images(engine: &Engine) -> Vec<ImageSummary> {
    engine
        .daemon
        .images
        .images()
        .map(|i| ImageSummary {
            id: i.id.clone(),
            tags: tags_of(engine, &i.id),
            created: i.config.created.clone(),
            size: i.size(),
            layers: i.layers.iter().map(|l| l.diff_id.clone()).collect(),
            layer_sizes: i.layers.iter().map(|l| l.size).collect(),
        })
        .collect()
}
