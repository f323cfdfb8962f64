//! The builder: runs a Dockerfile against a build context with BuildKit's
//! layer, history and cache semantics, and records an event log.

mod cache;
pub mod context;
pub mod copy;
pub mod format;
pub mod pattern;
mod event;
mod progress;

pub use cache::{step_key, BuildCache, CachedStep};
pub use event::{BuildEvent, ChangeSummary, LayerSummary, Origin};
pub use progress::render_plain;

use crate::digest::{sha256_digest, Hasher};
use crate::dockerfile::instructions::{self, Command, Instruction, Located};
use crate::dockerfile::{self, Diagnostic};
use crate::image::{catalog, History, Image, ImageConfig, ImageStore};
use crate::layer::Layer;
use crate::shell::{self, ExecContext, Flavor};
use crate::time::rfc3339;
use crate::vfs::{self, Fs, Meta, Node};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// What to build.
#[derive(Clone, Debug, Default)]
pub struct BuildRequest {
    pub dockerfile: String,
    /// The build context; its root is the context directory.
    pub context: Fs,
    /// `-t` references.
    pub tags: Vec<String>,
    pub no_cache: bool,
}

/// The outcome of a build: the event log and, on success, the image ID.
#[derive(Clone, Debug, Serialize)]
pub struct BuildReport {
    pub ok: bool,
    pub image_id: Option<String>,
    pub events: Vec<BuildEvent>,
    /// Set when the build failed; carries the Dockerfile location when known.
    pub error: Option<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

/// The engine state a build reads and writes.
pub struct BuildEnv<'a> {
    pub images: &'a mut ImageStore,
    pub cache: &'a mut BuildCache,
    /// Unix seconds when the build starts.
    pub now: i64,
}

/// Runs a build.
pub fn build(env: BuildEnv, request: &BuildRequest) -> BuildReport {
    let mut run = Run { env, events: Vec::new(), vertex: 0 };
    match run.build(request) {
        Ok((image_id, warnings)) => {
            BuildReport { ok: true, image_id: Some(image_id), events: run.events, error: None, warnings }
        }
        Err(error) => BuildReport { ok: false, image_id: None, events: run.events, error: Some(error), warnings: Vec::new() },
    }
}

struct Run<'a> {
    env: BuildEnv<'a>,
    events: Vec<BuildEvent>,
    vertex: usize,
}

/// The evolving state of the stage being built.
struct StageState {
    fs: Fs,
    config: ImageConfig,
    layers: Vec<Arc<Layer>>,
    cache_key: String,
    /// Set once a step missed the cache: why later steps re-run.
    missed_at: Option<usize>,
}

impl Run<'_> {
    fn next_vertex(&mut self) -> usize {
        self.vertex += 1;
        self.vertex
    }

    fn build(&mut self, request: &BuildRequest) -> Result<(String, Vec<Diagnostic>), Diagnostic> {
        if request.dockerfile.is_empty() {
            return Err(Diagnostic::error("the Dockerfile cannot be empty", 0, 0, (0, 0)));
        }
        let parsed = dockerfile::parse(&request.dockerfile)?;
        let stages = instructions::parse(&parsed)?;
        let stage = stages.last().ok_or_else(|| Diagnostic::error("dockerfile contains no stages to build", 0, 0, (0, 0)))?;
        let total = stage.commands.iter().filter(|c| makes_vertex(&c.instruction)).count()
            + usize::from(stage.base != "scratch");
        let mut state = self.from(stage, total)?;
        let mut step_no = usize::from(stage.base != "scratch");
        for located in &stage.commands {
            if makes_vertex(&located.instruction) {
                step_no += 1;
                let label = format!("[{step_no:>w$}/{total}] {}", display_original(&located.node), w = total.to_string().len());
                self.vertex_step(&mut state, located, label, request)?;
            } else {
                self.metadata_step(&mut state, located);
            }
        }
        let now = rfc3339(self.env.now);
        state.config.created = now;
        state.config.rootfs.diff_ids = state.layers.iter().map(|l| l.diff_id.clone()).collect();
        let image = Image::new(state.config, state.layers);
        let image_id = image.id.clone();
        let summaries = image.layers.iter().map(|l| LayerSummary::of(l)).collect();
        self.env.images.insert(image);
        for tag in &request.tags {
            self.env.images.tag(tag, &image_id);
        }
        self.events.push(BuildEvent::ImageWritten { image_id: image_id.clone(), tags: request.tags.clone(), layers: summaries });
        Ok((image_id, parsed.warnings))
    }

    fn from(&mut self, stage: &instructions::Stage, total: usize) -> Result<StageState, Diagnostic> {
        let origin = origin(&stage.from);
        if stage.base == "scratch" {
            return Ok(StageState {
                fs: Fs::new(),
                config: ImageConfig::scratch(),
                layers: Vec::new(),
                cache_key: step_key("", &["scratch"]),
                missed_at: None,
            });
        }
        let image = match self.env.images.lookup(&stage.base).cloned() {
            Some(image) => image,
            None => match catalog::pull(&stage.base) {
                Some(image) => {
                    let id = self.env.images.insert(image.clone());
                    self.env.images.tag(&stage.base, &id);
                    image
                }
                None => {
                    let vertex = self.next_vertex();
                    let name = canonical_name(&stage.base);
                    let message = format!(
                        "failed to resolve source metadata for {name}: pull access denied, repository does not exist or may require authorization"
                    );
                    self.events.push(BuildEvent::StepStarted {
                        vertex,
                        label: format!("[internal] load metadata for {name}"),
                        instruction: "INTERNAL".into(),
                        origin: Some(origin.clone()),
                    });
                    self.events.push(BuildEvent::StepFailed { vertex, message: message.clone() });
                    return Err(Diagnostic::error(message, origin.start_line, origin.end_line, origin.span));
                }
            },
        };
        let vertex = self.next_vertex();
        let label = format!(
            "[{:>w$}/{total}] FROM {}@{}",
            1,
            canonical_name(&stage.base),
            sha256_digest(image.config.to_json().as_bytes()),
            w = total.to_string().len()
        );
        self.events.push(BuildEvent::StepStarted { vertex, label, instruction: "FROM".into(), origin: Some(origin) });
        let mut fs = Fs::new();
        for layer in &image.layers {
            layer.apply(&mut fs).map_err(|e| Diagnostic::error(e.to_string(), 0, 0, (0, 0)))?;
        }
        self.events.push(BuildEvent::StepDone { vertex, cache_key: None, reason: None, layer: None, duration_ms: 0 });
        let mut config = image.config.clone();
        if config.config.working_dir.is_empty() {
            config.config.working_dir = String::new();
        }
        Ok(StageState { fs, cache_key: image.id.clone(), config, layers: image.layers.clone(), missed_at: None })
    }

    fn vertex_step(&mut self, state: &mut StageState, located: &Located, label: String, request: &BuildRequest) -> Result<(), Diagnostic> {
        let vertex = self.next_vertex();
        let origin = origin(&located.node);
        self.events.push(BuildEvent::StepStarted {
            vertex,
            label,
            instruction: located.node.cmd.to_ascii_uppercase(),
            origin: Some(origin.clone()),
        });
        let workdir = workdir_of(&state.config);
        let (key, created_by) = match &located.instruction {
            Instruction::Run(cmd) => {
                let argv = argv_of(cmd, &state.config);
                let env = state.config.config.env.join("\n");
                let key = step_key(&state.cache_key, &["RUN", &argv.join("\0"), &env, &workdir, &state.config.config.user]);
                (key, format!("RUN {} # buildkit", argv.join(" ")))
            }
            Instruction::Copy { sources, dest, .. } => {
                let checksum = context_checksum(&request.context, sources);
                let key = step_key(&state.cache_key, &["COPY", dest, &workdir, &checksum]);
                (key, format!("COPY {} {} # buildkit", sources.join(" "), dest))
            }
            Instruction::Workdir(path) => {
                let abs = vfs::join(&workdir, path);
                (step_key(&state.cache_key, &["WORKDIR", &abs]), format!("WORKDIR {abs}"))
            }
            _ => unreachable!("only vertex instructions reach here"),
        };
        if let Instruction::Workdir(path) = &located.instruction {
            state.config.config.working_dir = vfs::join(&workdir, path);
        }

        let cached = if request.no_cache { None } else { self.env.cache.get(&key).cloned() };
        let layer = match cached {
            Some(hit) => {
                hit.layer.apply(&mut state.fs).map_err(|e| self.fail(vertex, &origin, e.to_string()))?;
                self.events.push(BuildEvent::StepCached { vertex, cache_key: key.clone(), layer: Some(LayerSummary::of(&hit.layer)) });
                hit.layer
            }
            None => {
                let reason = match state.missed_at {
                    Some(prev) => format!("re-runs because step #{prev} re-ran"),
                    None if request.no_cache => "--no-cache was given".to_string(),
                    None => "no cached result for this instruction and its inputs".to_string(),
                };
                let before = state.fs.clone();
                let mut output = Vec::new();
                let duration_ms = match &located.instruction {
                    Instruction::Run(cmd) => {
                        let argv = argv_of(cmd, &state.config);
                        let result = self.run(state, &argv);
                        for line in result.stdout.lines().chain(result.stderr.lines()) {
                            output.push(line.to_string());
                            self.events.push(BuildEvent::StepLog { vertex, line: line.to_string() });
                        }
                        if result.status != 0 {
                            let quoted = argv.join(" ");
                            let message = format!("process \"{quoted}\" did not complete successfully: exit code: {}", result.status);
                            return Err(self.fail(vertex, &origin, message));
                        }
                        100
                    }
                    Instruction::Copy { sources, dest, .. } => {
                        copy_from_context(&request.context, sources, dest, &workdir, &mut state.fs, self.env.now)
                            .map_err(|m| self.fail(vertex, &origin, m))?;
                        0
                    }
                    Instruction::Workdir(_) => {
                        let wd = state.config.config.working_dir.clone();
                        state.fs.mkdir_all(&wd, Meta::new(0o755, self.env.now)).map_err(|e| self.fail(vertex, &origin, e.to_string()))?;
                        0
                    }
                    _ => 0,
                };
                let layer = Arc::new(Layer::diff(&before, &state.fs, self.env.now));
                self.env.cache.insert(key.clone(), CachedStep { layer: layer.clone(), output });
                self.events.push(BuildEvent::StepDone {
                    vertex,
                    cache_key: Some(key.clone()),
                    reason: Some(reason),
                    layer: Some(LayerSummary::of(&layer)),
                    duration_ms,
                });
                state.missed_at.get_or_insert(vertex);
                layer
            }
        };
        state.layers.push(layer);
        state.cache_key = key;
        state.config.history.push(History {
            created: rfc3339(self.env.now),
            created_by,
            comment: Some("buildkit.dockerfile.v0".into()),
            ..Default::default()
        });
        Ok(())
    }

    fn fail(&mut self, vertex: usize, origin: &Origin, message: String) -> Diagnostic {
        self.events.push(BuildEvent::StepFailed { vertex, message: message.clone() });
        Diagnostic::error(message, origin.start_line, origin.end_line, origin.span)
    }

    fn run(&mut self, state: &mut StageState, argv: &[String]) -> shell::ExecResult {
        let env: BTreeMap<String, String> = state
            .config
            .config
            .env
            .iter()
            .filter_map(|kv| kv.split_once('=').map(|(k, v)| (k.to_string(), v.to_string())))
            .collect();
        let shell_path = argv.first().cloned().unwrap_or_default();
        if state.fs.get(&shell_path).is_err() {
            return shell::ExecResult {
                status: 1,
                stdout: String::new(),
                stderr: format!(
                    "runc run failed: unable to start container process: error during container init: exec: \"{shell_path}\": stat {shell_path}: no such file or directory"
                ),
            };
        }
        let mut ctx = ExecContext { fs: &mut state.fs, env, cwd: workdir_of(&state.config), now: self.env.now, flavor: Flavor::Busybox };
        shell::run_argv(argv, &mut ctx)
    }

    fn metadata_step(&mut self, state: &mut StageState, located: &Located) {
        let cfg = &mut state.config.config;
        let created_by = match &located.instruction {
            Instruction::Env(pairs) => {
                for (k, v) in pairs {
                    cfg.env.retain(|kv| kv.split_once('=').map(|(key, _)| key) != Some(k.as_str()));
                    cfg.env.push(format!("{k}={v}"));
                }
                format!("ENV {}", pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(" "))
            }
            Instruction::Label(pairs) => {
                for (k, v) in pairs {
                    cfg.labels.insert(k.clone(), v.clone());
                }
                format!("LABEL {}", pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(" "))
            }
            Instruction::Cmd(cmd) => {
                let argv = shell_wrap(cmd);
                cfg.cmd = Some(argv.clone());
                cfg.args_escaped = true;
                format!("CMD {}", go_quote_list(&argv))
            }
            Instruction::Entrypoint(cmd) => {
                let argv = shell_wrap(cmd);
                cfg.entrypoint = Some(argv.clone());
                format!("ENTRYPOINT {}", go_quote_list(&argv))
            }
            Instruction::Expose(ports) => {
                let mut normalized: Vec<String> =
                    ports.iter().map(|p| if p.contains('/') { p.clone() } else { format!("{p}/tcp") }).collect();
                normalized.sort();
                for p in &normalized {
                    cfg.exposed_ports.insert(p.clone(), Default::default());
                }
                format!("EXPOSE map[{}]", normalized.iter().map(|p| format!("{p}:{{}}")).collect::<Vec<_>>().join(" "))
            }
            Instruction::User(user) => {
                cfg.user = user.clone();
                format!("USER {user}")
            }
            _ => unreachable!("vertex instructions handled elsewhere"),
        };
        state.config.history.push(History {
            created: rfc3339(self.env.now),
            created_by: created_by.clone(),
            comment: Some("buildkit.dockerfile.v0".into()),
            empty_layer: true,
            ..Default::default()
        });
        self.events.push(BuildEvent::MetadataApplied { created_by, origin: origin(&located.node) });
    }
}

fn makes_vertex(instruction: &Instruction) -> bool {
    matches!(instruction, Instruction::Run(_) | Instruction::Copy { .. } | Instruction::Workdir(_))
}

fn origin(node: &dockerfile::Node) -> Origin {
    Origin { start_line: node.start_line, end_line: node.end_line, span: node.span }
}

/// The instruction as BuildKit labels it: keyword upper-cased, rest as written.
fn display_original(node: &dockerfile::Node) -> String {
    let rest = node.original[node.cmd.len()..].trim_start();
    format!("{} {}", node.cmd.to_ascii_uppercase(), rest)
}

/// `busybox` → `docker.io/library/busybox:latest`.
pub fn canonical_name(reference: &str) -> String {
    let with_tag = crate::image::store_normalize(reference);
    let first = with_tag.split('/').next().unwrap_or("");
    if !with_tag.contains('/') {
        format!("docker.io/library/{with_tag}")
    } else if first.contains('.') || first.contains(':') || first == "localhost" {
        with_tag
    } else {
        format!("docker.io/{with_tag}")
    }
}

fn workdir_of(config: &ImageConfig) -> String {
    if config.config.working_dir.is_empty() { "/".into() } else { config.config.working_dir.clone() }
}

fn shell_wrap(cmd: &Command) -> Vec<String> {
    match cmd {
        Command::Exec(argv) => argv.clone(),
        Command::Shell(s) => vec!["/bin/sh".into(), "-c".into(), s.clone()],
    }
}

fn argv_of(cmd: &Command, config: &ImageConfig) -> Vec<String> {
    match (cmd, &config.config.shell) {
        (Command::Shell(s), Some(shell)) => {
            let mut argv = shell.clone();
            argv.push(s.clone());
            argv
        }
        _ => shell_wrap(cmd),
    }
}

/// Go's `%q` of a string slice: `["/bin/sh" "-c" "x"]`.
fn go_quote_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| serde_json::to_string(s).expect("string")).collect();
    format!("[{}]", quoted.join(" "))
}

/// The content checksum of COPY sources: names, modes and bytes, never mtimes.
fn context_checksum(context: &Fs, sources: &[String]) -> String {
    let mut h = Hasher::new();
    for src in sources {
        h.update(src.as_bytes());
        let path = vfs::normalize(src);
        let prefix = path.trim_start_matches('/').to_string();
        for (p, node) in context.walk() {
            if prefix.is_empty() || p == prefix || p.starts_with(&format!("{prefix}/")) {
                h.update(p.as_bytes());
                h.update(&node.meta().mode.to_le_bytes());
                if let Node::File { content, .. } = node {
                    content.for_each_chunk(|c| h.update(c));
                }
            }
        }
    }
    h.finish_digest()
}

fn copy_from_context(context: &Fs, sources: &[String], dest: &str, workdir: &str, fs: &mut Fs, now: i64) -> Result<(), String> {
    let dest_abs = vfs::join(workdir, dest);
    let dest_is_dir = dest.ends_with('/') || sources.len() > 1 || matches!(fs.get(&dest_abs), Ok(Node::Dir { .. }));
    for src in sources {
        let src_path = vfs::normalize(src);
        let node = context.get(&src_path).map_err(|_| {
            format!("failed to calculate checksum of ref context: \"{}\": not found", src_path)
        })?;
        let mut node = node.clone();
        reset_owner(&mut node);
        match node {
            Node::Dir { entries, .. } => {
                fs.mkdir_all(&dest_abs, Meta::new(0o755, now)).map_err(|e| e.to_string())?;
                for (name, child) in entries {
                    fs.insert(&vfs::join(&dest_abs, &name), child).map_err(|e| e.to_string())?;
                }
            }
            other => {
                let target = if dest_is_dir {
                    let name = src_path.rsplit('/').next().unwrap_or("");
                    vfs::join(&dest_abs, name)
                } else {
                    dest_abs.clone()
                };
                let parent = &target[..target.rfind('/').unwrap_or(0)];
                if !parent.is_empty() {
                    fs.mkdir_all(parent, Meta::new(0o755, now)).map_err(|e| e.to_string())?;
                }
                fs.insert(&target, other).map_err(|e| e.to_string())?;
            }
        }
    }
    Ok(())
}

fn reset_owner(node: &mut Node) {
    let meta = node.meta_mut();
    meta.uid = 0;
    meta.gid = 0;
    if let Node::Dir { entries, .. } = node {
        for child in entries.values_mut() {
            reset_owner(child);
        }
    }
}

#[cfg(test)]
mod tests;
