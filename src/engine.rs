//! The simulated machine: a host with a filesystem and a shell, and a
//! Docker daemon (image store, build cache, containers), behind one API that
//! the wasm bindings, the native binary and the lessons drive.
//!
//! The main entry point is [`Engine::run_command`]: one line typed in the
//! terminal, run by the host shell (which may call `docker …`) or, while an
//! interactive session is open (`docker run -it`, `docker exec -it`), by the
//! container's shell or REPL. [`Engine::prompt`] says what to show next.

use crate::build::{self, BuildCache, BuildEnv, BuildReport, BuildRequest};
use crate::container::Session;
use crate::container::{Container, ContainerStore};
use crate::image::ImageStore;
use crate::vfs::{self, Content, Fs, FsError, Meta, Node};
use std::collections::BTreeMap;
use std::sync::Arc;

pub use crate::time::DEFAULT_EPOCH;

/// The learner's home directory on the simulated host.
pub const HOME: &str = "/home/learner";

/// How to start an engine.
#[derive(Clone, Debug)]
pub struct EngineConfig {
    /// Unix seconds the simulated clock starts at.
    pub epoch: i64,
}

impl Default for EngineConfig {
    fn default() -> EngineConfig {
        EngineConfig { epoch: DEFAULT_EPOCH }
    }
}

/// The host machine the learner types into.
#[derive(Clone, Debug)]
pub struct Host {
    pub fs: Fs,
    pub cwd: String,
    pub env: BTreeMap<String, String>,
    /// The last command's exit status (`$?`).
    pub status: i32,
    /// Whether the running command's stderr is the terminal (not a file or
    /// a pipe): `docker build`'s `--progress=auto` picks tty or plain by it.
    pub stderr_tty: bool,
    /// The running host program's standard input (`docker build -`, `docker load`).
    pub stdin: Vec<u8>,
    /// The interactive shell's variables, functions and options between lines.
    pub shell: crate::shell::ShellState,
    /// Typed text waiting for an open construct to close (prompt `> `).
    pub pending: String,
}

/// A question the docker client asked; the next line typed answers it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Question {
    /// `[y/N]`: the docker arguments to run with `--force` on yes.
    Confirm(Vec<String>),
    /// `docker login`'s `Username: ` for `server`.
    Username { server: String },
    /// `docker login`'s `Password: ` for `user` on `server`.
    Password { server: String, user: String },
    /// One of `docker init`'s questions (`crate::init`).
    Init(Box<crate::init::Wizard>),
}

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

/// One simulated machine: host + Docker daemon.
#[derive(Clone)]
pub struct Engine {
    pub(crate) images: ImageStore,
    pub(crate) cache: BuildCache,
    /// Simulated Unix time in seconds.
    pub(crate) now: i64,
    pub(crate) containers: ContainerStore,
    pub(crate) host: Host,
    pub(crate) session: Option<Session>,
    /// A question the docker client asked is waiting for the next line.
    pub(crate) question: Option<Question>,
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
    /// Networks and each container's network settings.
    pub(crate) networks: crate::network::Networks,
    /// Counter mixed into generated IDs.
    pub(crate) seq: u64,
    /// Every terminal line run so far, with its exit status.
    pub(crate) history: Vec<(String, i32)>,
    /// What was pushed to Docker Hub and to `registry:2` containers.
    pub(crate) registries: crate::image::registry::Registries,
}

impl Engine {
    pub fn new(config: EngineConfig) -> Engine {
        Engine {
            images: ImageStore::default(),
            cache: BuildCache::default(),
            now: config.epoch,
            containers: ContainerStore::default(),
            host: new_host(config.epoch),
            session: None,
            question: None,
            last_build: None,
            image_meta: BTreeMap::new(),
            rootfs: BTreeMap::new(),
            volumes: BTreeMap::new(),
            volume_meta: BTreeMap::new(),
            networks: crate::network::Networks::default(),
            proxy_depth: 0,
            seq: 0,
            history: Vec::new(),
            registries: Default::default(),
        }
    }

    /// The simulated current time (Unix seconds).
    pub fn now(&self) -> i64 {
        self.now
    }

    /// Moves the simulated clock (it never goes backwards).
    pub fn set_now(&mut self, secs: i64) {
        self.now = self.now.max(secs);
    }

    /// Every line run so far with its exit status (for lesson checks).
    pub fn command_history(&self) -> &[(String, i32)] {
        &self.history
    }

    /// Whether typed text is waiting for an open construct to close
    /// (a here-document, a quote, `if` … — the prompt is `> `).
    pub fn pending_input(&self) -> bool {
        match &self.session {
            Some(s) => !s.pending.is_empty(),
            None => !self.host.pending.is_empty(),
        }
    }

    /// The open interactive session, if any.
    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// `docker build` from code (the terminal goes through `run_command`).
    pub fn build(&mut self, request: &BuildRequest) -> BuildReport {
        let report = build::build(BuildEnv { images: &mut self.images, cache: &mut self.cache, now: self.now }, request);
        self.now += (report.duration_ms as i64 + 999) / 1000;
        self.last_build = Some(report.clone());
        report
    }

    /// The report of the most recent build (terminal or API).
    pub fn last_build(&self) -> Option<&BuildReport> {
        self.last_build.as_ref()
    }

    pub fn images(&self) -> &ImageStore {
        &self.images
    }

    /// Tags (`name:tag`) pointing at image `id`.
    pub fn image_tags(&self, id: &str) -> Vec<String> {
        self.images.tags().iter().filter(|(_, v)| v.as_str() == id).map(|(k, _)| k.clone()).collect()
    }

    pub fn image_meta(&self, id: &str) -> Option<&ImageMeta> {
        self.image_meta.get(id)
    }

    pub fn cache(&self) -> &BuildCache {
        &self.cache
    }

    /// Containers, oldest first.
    pub fn containers(&self) -> impl Iterator<Item = &Container> {
        self.containers.iter()
    }

    /// A container by ID, unique ID prefix or name.
    pub fn container(&self, reference: &str) -> Option<&Container> {
        self.containers.resolve(reference).ok().and_then(|id| self.containers.get(&id))
    }

    /// The merged filesystem of image `reference` up to and including layer
    /// `index` (all layers when `index` is past the top).
    pub fn image_fs_at(&self, reference: &str, index: usize) -> Option<Fs> {
        let image = self.image(reference)?;
        let upto = image.layers.len().min(index.saturating_add(1));
        Some(crate::build::diff::materialize(&image.layers[..upto]))
    }

    /// `docker builder prune`.
    pub fn prune_cache(&mut self) {
        self.cache.clear();
    }

    // ---- the host filesystem (the page's editor reads and writes here) ----

    pub fn host(&self) -> &Host {
        &self.host
    }

    pub fn host_fs(&self) -> &Fs {
        &self.host.fs
    }

    pub fn host_fs_mut(&mut self) -> &mut Fs {
        &mut self.host.fs
    }

    /// The host shell's working directory.
    pub fn host_cwd(&self) -> &str {
        &self.host.cwd
    }

    /// Changes the host shell's directory (relative paths from the current one).
    pub fn set_host_cwd(&mut self, path: &str) -> Result<(), FsError> {
        let abs = vfs::join(&self.host.cwd, path);
        match self.host.fs.get(&abs)? {
            Node::Dir { .. } => {
                self.host.cwd = self.host.fs.resolve(&abs, true)?;
                Ok(())
            }
            _ => Err(FsError::NotADirectory(abs)),
        }
    }

    /// Writes a host file (creating parent directories), as the editor saves it.
    pub fn write_host_file(&mut self, path: &str, bytes: &[u8]) -> Result<(), FsError> {
        let abs = vfs::join(&self.host.cwd, path);
        if let Some(idx) = abs.rfind('/').filter(|&i| i > 0) {
            self.host.fs.mkdir_all(&abs[..idx], owned(Meta::new(0o755, self.now)))?;
        }
        self.host.fs.write(&abs, Content::from_bytes(bytes.to_vec()), owned(Meta::new(0o644, self.now)))
    }

    /// Reads a host file.
    pub fn read_host_file(&self, path: &str) -> Result<Vec<u8>, FsError> {
        self.host.fs.read(&vfs::join(&self.host.cwd, path))
    }

    /// Removes a host file or directory tree.
    pub fn remove_host_path(&mut self, path: &str) -> Result<(), FsError> {
        self.host.fs.remove(&vfs::join(&self.host.cwd, path), true).map(|_| ())
    }

    /// Every regular file under `dir` (relative paths, sorted).
    pub fn list_host_files(&self, dir: &str) -> Vec<String> {
        let abs = vfs::join(&self.host.cwd, dir);
        let Ok(node) = self.host.fs.get(&abs) else { return Vec::new() };
        let mut sub = Fs::new();
        if sub.insert("/", node.clone()).is_err() {
            return Vec::new();
        }
        sub.walk().into_iter().filter(|(_, n)| matches!(n, Node::File { .. })).map(|(p, _)| p).collect()
    }
}

impl Default for Engine {
    fn default() -> Engine {
        Engine::new(EngineConfig::default())
    }
}

/// Files the learner owns are uid/gid 1000.
fn owned(mut meta: Meta) -> Meta {
    meta.uid = 1000;
    meta.gid = 1000;
    meta
}

/// A small Linux host: `/home/learner` (the learner's files), `/tmp`, and
/// the programs the terminal offers.
fn new_host(now: i64) -> Host {
    let mut fs = Fs::new();
    let dir = Meta::new(0o755, now);
    for d in ["/bin", "/usr/bin", "/usr/local/bin", "/etc", "/tmp", "/var"] {
        let _ = fs.mkdir_all(d, dir.clone());
    }
    let _ = fs.mkdir_all(HOME, owned(dir.clone()));
    let exe = Meta::new(0o755, now);
    for p in ["sh", "bash", "ls", "cat", "echo", "mkdir", "rm", "cp", "mv", "touch", "pwd", "env", "true", "false"] {
        let _ = fs.write(&format!("/bin/{p}"), Content::from_bytes(Vec::new()), exe.clone());
    }
    for p in [
        "docker",
        "curl",
        "wget",
        "git",
        "clear",
        "grep",
        "egrep",
        "fgrep",
        "head",
        "tail",
        "wc",
        "sort",
        "sed",
        "awk",
        "tr",
        "uniq",
        "cut",
        "find",
        "xargs",
        "tee",
        "ln",
        "chmod",
        "chown",
        "basename",
        "dirname",
        "date",
        "sleep",
        "printf",
        "seq",
        "id",
        "whoami",
        "uname",
        "hostname",
        "realpath",
        "readlink",
        "[",
        "test",
        "yes",
        "du",
        "df",
        "env",
        "expr",
        "nl",
        "paste",
        "rev",
        "tac",
        "od",
        "base64",
        "sha256sum",
        "md5sum",
        "stat",
        "file",
        "split",
        "fold",
        "comm",
        "column",
        "tar",
        "gzip",
        "gunzip",
        "zcat",
        "dd",
        "truncate",
        "less",
        "more",
        "diff",
        "cmp",
    ] {
        let _ = fs.write(&format!("/usr/bin/{p}"), Content::from_bytes(Vec::new()), exe.clone());
    }
    let _ = fs.write("/etc/hostname", Content::from_bytes("dockersim\n"), Meta::new(0o644, now));
    let _ = fs.write("/etc/group", Content::from_bytes("root:x:0:\nlearner:x:1000:\n"), Meta::new(0o644, now));
    let _ = fs.write(
        "/etc/passwd",
        Content::from_bytes("root:x:0:0:root:/root:/bin/bash\nlearner:x:1000:1000:learner:/home/learner:/bin/bash\n"),
        Meta::new(0o644, now),
    );
    let env: BTreeMap<String, String> = crate::btree::map(
        [("HOME", HOME), ("USER", "learner"), ("PATH", "/usr/local/bin:/usr/bin:/bin"), ("SHELL", "/bin/bash"), ("HOSTNAME", "dockersim")]
            .map(|(k, v)| (k.to_string(), v.to_string())),
    );
    let shell = crate::shell::ShellState::login(&env, HOME);
    Host { fs, cwd: HOME.into(), env, status: 0, stderr_tty: true, stdin: Vec::new(), shell, pending: String::new() }
}
