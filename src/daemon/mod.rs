//! The Docker daemon: all of Docker's state on the simulated machine —
//! images and their metadata, the build cache, containers, volumes,
//! networks, what was pushed to registries — and the machine's clock.
//! The `docker` client (the `cli` module) reaches it through `Engine::daemon`;
//! nothing here knows about terminals, argv or output text.

use crate::build::{BuildCache, BuildReport};
use crate::container::ContainerStore;
use crate::image::ImageStore;
use crate::vfs::{Fs, Node};
use std::collections::BTreeMap;
use std::sync::Arc;

/// What the daemon knows about a volume besides its content.
#[derive(Clone, Debug, Default)]
pub struct VolumeMeta {
    pub created: i64,
    pub labels: BTreeMap<String, String>,
    /// Made by `-v /path`, `--mount type=volume,target=…` or an image's VOLUME.
    pub anonymous: bool,
    /// The container an anonymous volume was made for, and whether it was `--rm`.
    pub owner: Option<(String, bool)>,
}

/// Per-image facts the daemon keeps beside the store.
#[derive(Clone, Debug, Default)]
pub struct ImageMeta {
    /// The parent image (committed images only; BuildKit images have none).
    pub parent: Option<String>,
    /// `name@sha256:…` digests from pulls.
    pub repo_digests: Vec<String>,
    pub last_tag_time: Option<i64>,
}

/// The daemon's state.
#[derive(Clone)]
pub struct Daemon {
    pub(crate) images: ImageStore,
    pub(crate) cache: BuildCache,
    /// Simulated Unix time in seconds (the machine's clock: the terminal
    /// advances it a second a line, simulated work by what it takes).
    pub(crate) now: i64,
    /// Milliseconds past `now` while the restart policies replay what fell
    /// due between two terminal lines (restarts are 100 ms apart at first).
    pub(crate) sub_ms: i64,
    /// dockerd runs (`systemctl stop docker` ends it) and its socket
    /// listens (a client then starts it again).
    pub(crate) service_up: bool,
    pub(crate) socket_up: bool,
    /// Containers are being stopped because dockerd stops (no restarts).
    pub(crate) shutting_down: bool,
    /// The last events (`docker events`).
    pub(crate) events: Vec<events::Event>,
    /// When the daemon started (the machine's boot).
    pub(crate) boot: i64,
    /// When dockerd last started or stopped (`systemctl status docker`).
    pub(crate) service_since: i64,
    pub(crate) containers: ContainerStore,
    pub(crate) last_build: Option<BuildReport>,
    pub(crate) image_meta: BTreeMap<String, ImageMeta>,
    /// Root filesystems of images, shared by their containers.
    pub(crate) rootfs: BTreeMap<String, Arc<Fs>>,
    /// Named volumes: their content as a directory node.
    pub(crate) volumes: BTreeMap<String, Node>,
    /// Facts about each volume (creation time, labels, anonymous or named).
    pub(crate) volume_meta: BTreeMap<String, VolumeMeta>,
    /// How many reverse proxies a request in flight went through (bounded).
    pub(crate) proxy_depth: u8,
    /// Health probes are running (what they call must not start more).
    pub(crate) probing: bool,
    /// Networks and each container's network settings.
    pub(crate) networks: crate::network::Networks,
    /// Counter mixed into generated IDs.
    pub(crate) seq: u64,
    /// What was pushed to Docker Hub and to `registry:2` containers.
    pub(crate) registries: crate::image::registry::Registries,
}

impl Daemon {
    /// A daemon with nothing in it, its clock at `epoch`.
    pub fn new(epoch: i64) -> Daemon {
        Daemon {
            images: ImageStore::default(),
            cache: BuildCache::default(),
            now: epoch,
            sub_ms: 0,
            service_up: true,
            socket_up: true,
            shutting_down: false,
            events: Vec::new(),
            boot: epoch,
            service_since: epoch,
            containers: ContainerStore::default(),
            last_build: None,
            image_meta: BTreeMap::new(),
            rootfs: BTreeMap::new(),
            volumes: BTreeMap::new(),
            volume_meta: BTreeMap::new(),
            proxy_depth: 0,
            probing: false,
            networks: crate::network::Networks::default(),
            seq: 0,
            registries: Default::default(),
        }
    }
}
/// An empty daemon at the epoch 0 (a stand-in while the real one is lent).
impl Default for Daemon {
    fn default() -> Daemon {
        Daemon::new(0)
    }
}

pub use containers::{validate_name, CreateOptions};
pub use endpoints::RunNet;
pub use programs::Programs;
pub use pull::{manifest_digest, PullError};
pub use resolve::Peer;
mod containers;
mod endpoints;
mod etc_files;
pub mod events;
mod images;
mod mounts;
mod networks;
mod probes;
mod programs;
mod pull;
mod resolve;
mod service;
mod start;
mod timed;
mod volumes;
