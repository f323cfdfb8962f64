//! Containers: a read/write layer over an image's shared layers, a state
//! machine (created → running → exited), a main process, logs and ports.
//!
//! Every container keeps the image's root filesystem (`base`, shared through
//! an `Arc` by all containers of that image) and its own merged view (`fs`).
//! The container's read/write layer is the changeset between the two, which
//! is exactly what overlayfs' upper directory holds: copied-up files, new
//! files and whiteouts. Containers never see each other's changes.

mod aspnet;
pub mod dev;
mod devserver;
pub mod health;
pub mod http;
mod httpd;
pub mod names;
pub mod nginx;
mod nginx_start;
pub mod php_fpm;
pub use nginx::error_page as nginx_error_page;
pub use nginx_start::{log_dest as nginx_log_dest, signal as nginx_signal, LogDest};
pub mod ports;
pub mod process;
pub mod restart;
mod rocket;
pub mod service;
mod session;
mod spring;

pub use ports::PortBinding;
pub use service::Service;
pub use session::Session;

use crate::layer::{ChangeKind, Layer};
use crate::vfs::Fs;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Files the runtime bind-mounts into every container (relative paths);
/// `dev` (a tmpfs, [`dev::populate`]) is mounted too.
pub const MOUNTS: [&str; 3] = ["etc/hostname", "etc/hosts", "etc/resolv.conf"];

/// Where a container is in its life.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum State {
    Created,
    Running { started: i64 },
    Exited { code: i32, started: i64, finished: i64 },
}

/// Which stream a log line came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stream {
    Stdout,
    Stderr,
}

/// What the container runs and with which settings (`docker run` flags
/// merged over the image config).
#[derive(Clone, Debug, Default, Serialize)]
pub struct RunConfig {
    pub entrypoint: Vec<String>,
    pub cmd: Vec<String>,
    pub env: Vec<String>,
    pub working_dir: String,
    pub user: String,
    pub tty: bool,
    pub interactive: bool,
    pub exposed_ports: Vec<String>,
    pub labels: BTreeMap<String, String>,
    pub hostname: String,
    /// `--read-only`: the root filesystem cannot change (mounts and tmpfs can).
    pub read_only: bool,
    /// `--tmpfs` mount points (writable even under `--read-only`).
    pub tmpfs: Vec<String>,
    /// The image's HEALTHCHECK, or `--health-*` flags over it.
    pub healthcheck: Option<crate::image::HealthConfig>,
    /// `--restart` / `docker update --restart`: the policy's name (empty:
    /// `no`) and `on-failure`'s retry count.
    pub restart: (String, u32),
    /// `--memory` in bytes (0: no limit) and `--cpus` in billionths of a CPU.
    pub memory: u64,
    pub nano_cpus: u64,
    /// `--volumes-from` as given (`data`, `data:ro`).
    pub volumes_from: Vec<String>,
}

impl RunConfig {
    /// The main process: entrypoint followed by cmd.
    pub fn argv(&self) -> Vec<String> {
        self.entrypoint.iter().chain(self.cmd.iter()).cloned().collect()
    }

    /// The environment as a map (later entries win).
    pub fn env_map(&self) -> BTreeMap<String, String> {
        crate::btree::map(self.env.iter().map(|kv| match kv.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (kv.clone(), String::new()),
        }))
    }
}

/// One container.
#[derive(Clone, Debug)]
pub struct Container {
    /// 64 hex digits.
    pub id: String,
    /// Without the leading `/`.
    pub name: String,
    /// `sha256:` image ID.
    pub image_id: String,
    /// The image as the user named it (what `docker ps` shows).
    pub image_ref: String,
    pub created: i64,
    pub config: RunConfig,
    pub ports: Vec<PortBinding>,
    pub auto_remove: bool,
    pub state: State,
    /// The image's root filesystem, shared with every container of the image.
    pub base: Arc<Fs>,
    /// The merged view: image layers plus this container's changes.
    pub fs: Fs,
    /// Output of every process run as the main process, in order.
    pub logs: Vec<(Stream, String)>,
    /// When each of `logs` was written, in nanoseconds since the epoch
    /// (filled in by [`Container::stamp_logs`] after each command).
    pub log_times: Vec<i64>,
    /// What answers on the container's ports while it runs.
    pub service: Option<Service>,
    pub restart_count: u32,
    /// The restart policy's pending restart and back-off.
    pub restarts: restart::Restarts,
    /// Volumes and bind mounts (`-v`).
    pub mounts: Vec<Mount>,
    /// Health checks' state while it runs with a healthcheck.
    pub health: Option<health::Health>,
    /// When a main process that runs for a while (`sleep 300`, a script
    /// with sleeps) exits, and its status.
    pub exits_at: Option<(i64, i32)>,
    /// `docker pause`: its processes are frozen (it still counts as running).
    pub paused: bool,
    /// What the process being started or exec'd reads on standard input
    /// (`docker run -i` fed by a pipe or a file); empty: the end of input.
    /// Set by the client for one start or exec, then cleared.
    pub stdin: Vec<u8>,
    /// The last run's standard output as bytes when it was not text (`tar c`
    /// to stdout), for the attached client to pass on byte for byte.
    pub binary_out: Option<Vec<u8>>,
}

/// A `-v SOURCE:DESTINATION[:ro]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mount {
    /// A host path (bind mount) or a volume name.
    pub source: String,
    pub destination: String,
    pub bind: bool,
    pub read_only: bool,
}

impl Mount {
    /// Parses a `-v` value; `host_cwd` resolves relative bind sources.
    pub fn parse(spec: &str, host_cwd: &str, anonymous_name: &str) -> Result<Mount, String> {
        let parts: Vec<&str> = spec.split(':').collect();
        let (source, destination, mode) = match parts.as_slice() {
            [d] => (anonymous_name.to_string(), *d, ""),
            [s, d] => (s.to_string(), *d, ""),
            [s, d, m] => (s.to_string(), *d, *m),
            _ => return Err(format!("invalid volume specification: '{spec}'")),
        };
        if !destination.starts_with('/') {
            return Err(format!("invalid volume specification: '{spec}': invalid mount config for type \"volume\": invalid mount path: '{destination}' mount path must be absolute"));
        }
        let bind = source.starts_with('/') || source.starts_with('.') || source.starts_with('~');
        let source = if bind { crate::vfs::join(host_cwd, &source) } else { source };
        Ok(Mount { source, destination: crate::vfs::normalize(destination), bind, read_only: mode.split(',').any(|m| m == "ro") })
    }
}

impl Container {
    pub fn short_id(&self) -> &str {
        &self.id[..12]
    }

    pub fn is_running(&self) -> bool {
        matches!(self.state, State::Running { .. })
    }

    /// Exited and waiting for its restart policy to start it again (moby
    /// counts it as running: `docker ps` lists it, `rm` needs `-f`).
    pub fn is_restarting(&self) -> bool {
        self.restarts.due_ms.is_some() && matches!(self.state, State::Exited { .. })
    }

    /// The host's PIDs of this container's runtime shim and main process
    /// (what `docker top` and the host's `ps` show): fixed by its ID.
    pub fn host_pids(&self) -> (u32, u32) {
        let n = self.id.bytes().take(8).fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32));
        let shim = 2000 + n % 28_000;
        (shim, shim + 21)
    }

    /// The main process's user ID (`USER` resolved in the container's files).
    pub fn uid(&self) -> u32 {
        crate::vfs::access::Who::resolve(&self.fs, &self.config.user).uid
    }

    /// The container's processes as the host sees them (PID, parent PID,
    /// user ID, command line): an official image's entrypoint script has
    /// `exec`ed its command; nginx has a master and two workers.
    pub fn processes(&self) -> Vec<(u32, u32, u32, String)> {
        let (shim, pid) = self.host_pids();
        let mut argv = self.config.argv();
        let script = |a: &str| a.ends_with("docker-entrypoint.sh") || a == "/entrypoint.sh";
        if argv.len() > 1 && script(&argv[0]) {
            argv.remove(0);
            // node's entrypoint runs `node` with options or a script file.
            if argv[0].starts_with('-') || argv[0].ends_with(".js") {
                argv.insert(0, "node".into());
            }
        }
        let cmd = argv.join(" ");
        let uid = self.uid();
        if argv.first().is_some_and(|a| a == "nginx" || a.ends_with("/nginx")) {
            let master = format!("nginx: master process {cmd}");
            return vec![
                (pid, shim, uid, master),
                (pid + 28, pid, 101, "nginx: worker process".into()),
                (pid + 29, pid, 101, "nginx: worker process".into()),
            ];
        }
        vec![(pid, shim, uid, cmd)]
    }

    /// The read/write layer: what `docker diff` lists and `docker commit`
    /// stores. What the runtime mounts (`/etc/hostname`, `/etc/hosts`,
    /// `/etc/resolv.conf`, volumes and bind mounts) is not part of it.
    pub fn rw_layer(&self, epoch: i64) -> Layer {
        let raw = Layer::diff(&self.base, &self.fs, epoch);
        let mounted: Vec<String> = self.mounts.iter().map(|m| m.destination.trim_start_matches('/').to_string()).collect();
        let is_mounted = |p: &str| {
            MOUNTS.contains(&p) || p == "dev" || p.starts_with("dev/") || mounted.iter().any(|m| p == m || p.starts_with(&format!("{m}/")))
        };
        if !raw.entries.iter().any(|e| is_mounted(&e.path)) {
            return raw;
        }
        let mut entries: Vec<_> = raw.entries.into_iter().filter(|e| !is_mounted(&e.path)).collect();
        let keep: Vec<bool> = entries
            .iter()
            .map(|e| {
                let implied_parent = e.kind == ChangeKind::Changed
                    && e.node.as_ref().is_some_and(|n| n.is_dir())
                    && self.base.get_nofollow(&format!("/{}", e.path)).ok().map(|n| n.meta()) == e.node.as_ref().map(|n| n.meta());
                let prefix = format!("{}/", e.path);
                !implied_parent || entries.iter().any(|o| o.path.starts_with(&prefix))
            })
            .collect();
        let mut k = keep.into_iter();
        entries.retain(|_| k.next().unwrap_or(true));
        Layer::from_entries(entries, epoch)
    }

    /// `docker diff`: `(kind, /path)` with parents before children, sorted.
    pub fn changes(&self) -> Vec<(ChangeKind, String)> {
        self.rw_layer(0).entries.iter().map(|e| (e.kind, format!("/{}", e.path))).collect()
    }

    /// Bytes of regular files in the read/write layer (`docker ps -s`).
    pub fn rw_size(&self) -> u64 {
        self.rw_layer(0).size
    }

    /// Gives the lines written since the last call the time `now` (Unix
    /// seconds), one microsecond apart so that they keep their order.
    pub fn stamp_logs(&mut self, now: i64) {
        let first = self.log_times.len();
        for k in first..self.logs.len() {
            self.log_times.push(now.saturating_mul(1_000_000_000).saturating_add((k - first) as i64 * 1000));
        }
    }

    /// The complete log up to `now`, including what a service printed meanwhile.
    pub fn log_lines(&self, now: i64) -> Vec<(Stream, String)> {
        self.timed_log_lines(now).into_iter().map(|(_, stream, text)| (stream, text)).collect()
    }

    /// [`Container::log_lines`] with each line's time in nanoseconds.
    pub fn timed_log_lines(&self, now: i64) -> Vec<(i64, Stream, String)> {
        let mut lines: Vec<(i64, Stream, String)> = self
            .logs
            .iter()
            .enumerate()
            .map(|(i, (stream, text))| (self.log_times.get(i).copied().unwrap_or(now.saturating_mul(1_000_000_000)), *stream, text.clone()))
            // A running main process simulated ahead of the clock has not written these yet.
            .filter(|(at, _, _)| !self.is_running() || *at <= now.saturating_mul(1_000_000_000).saturating_add(999_999_999))
            .collect();
        if let (Some(service), State::Running { started }) = (&self.service, &self.state) {
            lines.extend(service.periodic_logs(*started, now));
            crate::sort::sort_by_key(&mut lines, |l| l.0);
        }
        lines
    }
}

/// Containers by ID, with name lookup.
#[derive(Clone, Debug, Default)]
pub struct ContainerStore {
    containers: BTreeMap<String, Container>,
    /// Creation order, oldest first (`docker ps` lists newest first).
    order: Vec<String>,
}

/// Why a container reference did not resolve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LookupError {
    NotFound(String),
    Ambiguous(String),
}

impl ContainerStore {
    pub fn insert(&mut self, c: Container) {
        self.order.push(c.id.clone());
        self.containers.insert(c.id.clone(), c);
    }

    /// Takes a container out while its main process starts (its place in
    /// the listing order is kept); [`ContainerStore::restore`] puts it back.
    pub fn take(&mut self, id: &str) -> Option<Container> {
        self.containers.remove(id)
    }

    /// Puts back a container [`ContainerStore::take`] took out.
    pub fn restore(&mut self, c: Container) {
        if !self.order.contains(&c.id) {
            self.order.push(c.id.clone());
        }
        self.containers.insert(c.id.clone(), c);
    }

    pub fn remove(&mut self, id: &str) -> Option<Container> {
        self.order.retain(|x| x != id);
        self.containers.remove(id)
    }

    /// Newest first, as `docker ps` lists them.
    pub fn newest_first(&self) -> impl Iterator<Item = &Container> {
        self.order.iter().rev().filter_map(|id| self.containers.get(id))
    }

    pub fn iter(&self) -> impl Iterator<Item = &Container> {
        self.order.iter().filter_map(|id| self.containers.get(id))
    }

    pub fn get(&self, id: &str) -> Option<&Container> {
        self.containers.get(id)
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut Container> {
        self.containers.values_mut()
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut Container> {
        self.containers.get_mut(id)
    }

    pub fn by_name(&self, name: &str) -> Option<&Container> {
        let name = name.strip_prefix('/').unwrap_or(name);
        self.containers.values().find(|c| c.name == name)
    }

    /// Resolves a full ID, a name, or a unique ID prefix, as the daemon does.
    pub fn resolve(&self, reference: &str) -> Result<String, LookupError> {
        if self.containers.contains_key(reference) {
            return Ok(reference.to_string());
        }
        if let Some(c) = self.by_name(reference) {
            return Ok(c.id.clone());
        }
        if !reference.is_empty() && reference.chars().all(|c| c.is_ascii_hexdigit()) {
            let mut matches = self.containers.keys().filter(|id| id.starts_with(reference));
            match (matches.next(), matches.next()) {
                (Some(id), None) => return Ok(id.clone()),
                (Some(_), Some(_)) => return Err(LookupError::Ambiguous(reference.to_string())),
                _ => {}
            }
        }
        Err(LookupError::NotFound(reference.to_string()))
    }

    pub fn len(&self) -> usize {
        self.containers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.containers.is_empty()
    }
}

#[cfg(test)]
mod tests;
