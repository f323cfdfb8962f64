//! The simulated machine: a host with a filesystem and a shell, and a
//! Docker daemon (image store, build cache, containers), behind one API that
//! the wasm bindings, the native binary and the lessons drive.
//!
//! The main entry point is [`Engine::run_command`]: one line typed in the
//! terminal, run by the host shell (which may call `docker …`) or, while an
//! interactive session is open (`docker run -it`, `docker exec -it`), by the
//! container's shell or REPL. [`Engine::prompt`] says what to show next.

use crate::build::{self, BuildCache, BuildEnv, BuildReport, BuildRequest};
use crate::container::Container;
use crate::container::Session;
pub use crate::daemon::{Daemon, ImageMeta, VolumeMeta};
use crate::host_files::owned;
use crate::image::ImageStore;
use crate::vfs::{self, Content, Fs, FsError, Meta, Node};
use std::collections::BTreeMap;

pub use crate::time::DEFAULT_EPOCH;

pub use crate::host_files::HOME;

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
    /// The same for stdout: `docker save`/`export` refuse to write an archive to a terminal.
    pub stdout_tty: bool,
    /// The running host program's standard input (`docker build -`, `docker load`).
    pub stdin: Vec<u8>,
    /// The interactive shell's variables, functions and options between lines.
    pub shell: crate::shell::ShellState,
    /// Typed text waiting for an open construct to close (prompt `> `).
    pub pending: String,
    /// The shell's history: every complete command typed at the prompt.
    pub history: Vec<String>,
    /// The folder a page's editor shows: `nano FILE` there opens the file in
    /// it (the page's `edit` effect). `None` (the native binary): editors
    /// say they are not simulated.
    pub editor: Option<String>,
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

/// One simulated machine: the learner's host and its Docker daemon.
#[derive(Clone)]
pub struct Engine {
    /// Everything Docker knows: images, build cache, containers, volumes,
    /// networks, registries, and the machine's clock.
    pub(crate) daemon: Daemon,
    pub(crate) host: Host,
    pub(crate) session: Option<Session>,
    /// A question the docker client asked is waiting for the next line.
    pub(crate) question: Option<Question>,
    /// Every terminal line run so far, with its exit status.
    pub(crate) history: Vec<(String, i32)>,
}

impl Engine {
    pub fn new(config: EngineConfig) -> Engine {
        Engine { daemon: Daemon::new(config.epoch), host: new_host(config.epoch), session: None, question: None, history: Vec::new() }
    }

    /// The simulated current time (Unix seconds).
    pub fn now(&self) -> i64 {
        self.daemon.now
    }

    /// Moves the simulated clock (it never goes backwards).
    pub fn set_now(&mut self, secs: i64) {
        self.daemon.now = self.daemon.now.max(secs);
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
        let report =
            build::build(BuildEnv { images: &mut self.daemon.images, cache: &mut self.daemon.cache, now: self.daemon.now }, request);
        self.daemon.now += (report.duration_ms as i64 + 999) / 1000;
        self.daemon.last_build = Some(report.clone());
        report
    }

    /// The report of the most recent build (terminal or API).
    pub fn last_build(&self) -> Option<&BuildReport> {
        self.daemon.last_build.as_ref()
    }

    pub fn images(&self) -> &ImageStore {
        &self.daemon.images
    }

    /// Tags (`name:tag`) pointing at image `id`.
    pub fn image_tags(&self, id: &str) -> Vec<String> {
        self.daemon.images.tags().iter().filter(|(_, v)| v.as_str() == id).map(|(k, _)| k.clone()).collect()
    }

    pub fn image_meta(&self, id: &str) -> Option<&ImageMeta> {
        self.daemon.image_meta.get(id)
    }

    pub fn cache(&self) -> &BuildCache {
        &self.daemon.cache
    }

    /// Containers, oldest first.
    pub fn containers(&self) -> impl Iterator<Item = &Container> {
        self.daemon.containers.iter()
    }

    /// A container by ID, unique ID prefix or name.
    pub fn container(&self, reference: &str) -> Option<&Container> {
        self.daemon.containers.resolve(reference).ok().and_then(|id| self.daemon.containers.get(&id))
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
        self.daemon.cache.clear();
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

    /// Lets `nano`/`vim`/`code FILE` under `root` open the file in the page's editor.
    pub fn set_editor_root(&mut self, root: Option<String>) {
        self.host.editor = root;
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
            self.host.fs.mkdir_all(&abs[..idx], owned(Meta::new(0o755, self.daemon.now)))?;
        }
        self.host.fs.write(&abs, Content::from_bytes(bytes.to_vec()), owned(Meta::new(0o644, self.daemon.now)))
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

/// The learner's machine (`crate::host_files`), at `~` with a login shell.
fn new_host(now: i64) -> Host {
    let fs = crate::host_files::filesystem(now);
    let env: BTreeMap<String, String> = crate::btree::map(
        [
            ("HOME", HOME),
            ("USER", "learner"),
            ("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/games:/usr/local/games:/snap/bin"),
            ("SHELL", "/bin/bash"),
            ("HOSTNAME", "dockersim"),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string())),
    );
    let shell = crate::shell::ShellState::login(&env, HOME);
    Host {
        fs,
        cwd: HOME.into(),
        env,
        status: 0,
        stderr_tty: true,
        stdout_tty: true,
        stdin: Vec::new(),
        shell,
        pending: String::new(),
        history: Vec::new(),
        editor: None,
    }
}
