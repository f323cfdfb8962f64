//! The builder's state machine: vertices (numbered as BuildKit numbers
//! them), base images, stages and their steps. Vertex steps (RUN, COPY, ADD,
//! WORKDIR) are keyed for the cache and either answered from it or executed
//! (`exec.rs`); config-only steps change the image config and add a 0 B
//! history entry (`history.rs`).

use super::cache::{step_key, CachedStep, StepMemory};
use super::clock::{self, Clock};
use super::context::{checksum, BuildContext};
use super::event::{BuildEvent, LayerSummary, Origin, Status, StepInfo};
use super::history::{self, NewHistory};
use super::plan::{Op, PlanStage, Step};
use super::stage::{canonical_name, StageResult, StageState, DEFAULT_PATH};
use super::{explain, format, BuildCache, BuildEnv, BuildRequest};
use crate::dockerfile::Diagnostic;
use crate::image::{catalog, Image, ImageStore};
use crate::vfs::Fs;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A build in progress.
pub(crate) struct Builder<'a> {
    pub images: &'a mut ImageStore,
    pub cache: &'a mut BuildCache,
    pub now: i64,
    pub req: &'a BuildRequest,
    pub dry: bool,
    pub events: Vec<BuildEvent>,
    pub clock: Clock,
    vertex: usize,
    starts: BTreeMap<usize, u64>,
    pub context: Option<BuildContext>,
    /// Layers created by this build (exported as new blobs).
    fresh: Vec<String>,
    /// Dockerfile step vertices the solve holds, and how many started.
    pub planned_steps: usize,
    pub started_steps: usize,
    pub lint: Vec<super::lint::LintWarning>,
}

impl<'a> Builder<'a> {
    pub fn new(env: BuildEnv<'a>, req: &'a BuildRequest, dry: bool) -> Builder<'a> {
        Builder {
            images: env.images,
            cache: env.cache,
            now: env.now,
            req,
            dry,
            events: Vec::new(),
            clock: Clock::default(),
            vertex: 0,
            starts: BTreeMap::new(),
            context: None,
            fresh: Vec::new(),
            planned_steps: 0,
            started_steps: 0,
            lint: Vec::new(),
        }
    }

    // ---- vertices ----

    pub fn start_vertex(&mut self, label: String, instruction: &str, step: Option<StepInfo>, origin: Option<Origin>) -> usize {
        self.vertex += 1;
        let at_ms = self.clock.now_ms;
        self.starts.insert(self.vertex, at_ms);
        self.events.push(BuildEvent::StepStarted { vertex: self.vertex, label, instruction: instruction.into(), step, origin, at_ms });
        self.vertex
    }

    pub fn status(&mut self, vertex: usize, id: &str, bytes: Option<String>, duration_ms: u64, done: bool) {
        self.clock.advance(duration_ms);
        let status = Status { id: id.into(), bytes, duration_ms, done };
        self.events.push(BuildEvent::StepStatus { vertex, status, at_ms: self.clock.now_ms });
    }

    /// Ends a vertex `ms` after its last event (DONE).
    pub fn finish(&mut self, vertex: usize, ms: u64) {
        let at_ms = self.clock.advance(ms);
        let duration_ms = at_ms - self.starts.get(&vertex).copied().unwrap_or(at_ms);
        self.events.push(BuildEvent::StepDone {
            vertex,
            cache_key: None,
            reason: None,
            why: None,
            layer: None,
            inputs: Vec::new(),
            duration_ms,
            at_ms,
        });
    }

    /// Ends an internal vertex as CACHED.
    pub fn cached(&mut self, vertex: usize) {
        self.events.push(BuildEvent::StepCached {
            vertex,
            cache_key: String::new(),
            reason: String::new(),
            why: None,
            layer: None,
            at_ms: self.clock.now_ms,
        });
    }

    pub fn fail(&mut self, vertex: usize, message: String) {
        self.events.push(BuildEvent::StepFailed { vertex, message, at_ms: self.clock.now_ms });
    }

    fn fail_at(&mut self, vertex: usize, origin: &Origin, vertex_msg: String, solve_msg: String) -> Diagnostic {
        self.fail(vertex, vertex_msg);
        Diagnostic::error(solve_msg, origin.start_line, origin.end_line, origin.span)
    }

    // ---- images ----

    /// Finds a base image locally or in the catalog; `true` when it had to be pulled.
    pub fn resolve_image(&mut self, reference: &str) -> Option<(Image, bool)> {
        if let Some(img) = self.images.lookup(reference) {
            return Some((img.clone(), false));
        }
        let image = catalog::pull(reference)?;
        let id = self.images.insert(image.clone());
        self.images.tag(reference, &id);
        Some((image, true))
    }

    /// The FROM vertex of an image-based stage.
    #[allow(clippy::too_many_arguments)]
    pub fn start_from_image(
        &mut self,
        stage: &PlanStage,
        base: &str,
        prefix: Option<String>,
        total: usize,
        image: &Image,
        pulled: bool,
        position: &str,
    ) -> StageState {
        let mut state = StageState::empty(prefix, total);
        let name = canonical_name(base);
        // The manifest digest `docker pull` prints, so labels and pulls agree.
        let pinned =
            if name.contains('@') { name.clone() } else { format!("{name}@{}", crate::image::catalog::image_manifest_digest(image)) };
        let label = state.label(1, &format!("FROM {pinned}"));
        let info = StepInfo { instruction: "FROM".into(), stage: state.prefix.clone(), index: 1, total, origin: stage.origin.clone() };
        let v = self.start_vertex(label, "FROM", Some(info), Some(stage.origin.clone()));
        if pulled {
            self.status(v, &format!("resolve {pinned}"), None, 0, true);
            let config_size = format::bytes(image.config.to_json().len() as u64);
            self.status(v, &image.id, Some(format!("{config_size} / {config_size}")), 0, true);
            for layer in &image.layers {
                let size = format::bytes(layer.size);
                self.status(v, &layer.diff_id, Some(format!("{size} / {size}")), clock::download_ms(layer.size), true);
            }
            for layer in &image.layers {
                self.status(v, &format!("extracting {}", layer.diff_id), None, clock::extract_ms(layer.size), true);
            }
        }
        self.finish(v, 0);
        state.index = 1;
        state.config = image.config.clone();
        // The triggers run in this stage (spliced in by the orchestrator) and are not inherited further.
        state.config.config.on_build.clear();
        if !state.config.config.env.iter().any(|e| e.starts_with("PATH=")) {
            state.config.config.env.insert(0, DEFAULT_PATH.into());
        }
        state.layers = image.layers.clone();
        state.layers_at_start = state.layers.len();
        state.fs = None;
        state.applied = 0;
        state.key = step_key(&image.id, &["FROM"]);
        state.history = image.config.history.iter().map(|h| NewHistory::base(h.clone())).collect();
        let position = format!("{position}/from");
        state.base_changed = Some(explain::Explained {
            text: format!("the base image changed ({base} now points to another image)"),
            why: explain::Why::new("base_image_changed").arg("image", base.to_string()),
        });
        self.cache.remember(position, StepMemory { key: state.key.clone(), text: pinned, ..Default::default() });
        state
    }

    /// `[internal] load build context`.
    pub fn load_context(&mut self, ctx: &mut BuildContext) {
        let v = self.start_vertex("[internal] load build context".into(), "INTERNAL", None, None);
        let (_, sums) = checksum(&ctx.fs, "/");
        ctx.sums = Some(sums.clone());
        let files: Vec<(String, String, u64)> = sums.iter().map(|s| (s.path.clone(), s.digest.clone(), s.size)).collect();
        let sent = self.cache.sync_context(&files);
        let overhead: u64 = sums.iter().map(|s| s.path.len() as u64 + 23).sum();
        let ms = clock::transfer_ms(sent, sums.len() as u64);
        self.status(v, "transferring context:", Some(format::bytes(sent + overhead)), ms, true);
        self.finish(v, 0);
    }

    // ---- stages ----

    pub fn run_stage(
        &mut self,
        stage: &PlanStage,
        mut state: StageState,
        position: &str,
        names: &[String],
        results: &BTreeMap<usize, StageResult>,
        globals: &BTreeMap<String, String>,
    ) -> Result<StageResult, Diagnostic> {
        for (n, step) in stage.steps.iter().enumerate() {
            let pos = format!("{position}/{n}");
            if step.op.is_vertex() {
                state.index += 1;
                self.vertex_step(&mut state, step, &pos, names, results)?;
            } else {
                self.meta_step(&mut state, step, globals)?;
            }
        }
        // Hand on the filesystem only if it is already built (a fully cached
        // stage never materialises one; COPY --from builds it on demand).
        let fs = if state.applied == state.layers.len() { state.fs.take().map(Arc::new) } else { None };
        let name = position.rsplit('|').next().unwrap_or(position).to_string();
        Ok(StageResult { config: state.config, layers: state.layers, history: state.history, key: state.key, fs, name })
    }

    fn vertex_step(
        &mut self,
        state: &mut StageState,
        step: &Step,
        position: &str,
        names: &[String],
        results: &BTreeMap<usize, StageResult>,
    ) -> Result<(), Diagnostic> {
        let vars = state.vars();
        // `WORKDIR /` makes no mkdir op: no vertex, an empty history entry.
        if let Op::Workdir(path) = &step.op {
            let abs = crate::vfs::join(&state.workdir(), &super::vars::expand(path, &vars).unwrap_or_default());
            if abs == "/" {
                state.config.config.working_dir = abs;
                state.history.push(NewHistory::empty("WORKDIR /".into()));
                // Planned as a vertex but never shown: out of the total too.
                self.started_steps += 1;
                return Ok(());
            }
        }
        let display = super::history::display_text(step, &vars);
        let label = state.label(state.index, &display);
        let info = StepInfo {
            instruction: step.keyword.clone(),
            stage: state.prefix.clone(),
            index: state.index,
            total: state.total,
            origin: step.origin.clone(),
        };
        // ADD's remote sources are vertices of their own, fetched first.
        if let Op::Copy(spec) = &step.op {
            for url in spec.sources.iter().filter(|s| spec.add && super::stage::is_url(s)) {
                let u = self.start_vertex(url.clone(), "INTERNAL", None, Some(step.origin.clone()));
                if let Err(e) = super::exec::fetch(url) {
                    self.fail(u, e.clone());
                    let o = &step.origin;
                    return Err(Diagnostic::error(format!("failed to load cache key: {e}"), o.start_line, o.end_line, o.span));
                }
                self.finish(u, 300);
            }
        }
        let v = self.start_vertex(label, &step.keyword.clone(), Some(info), Some(step.origin.clone()));
        self.started_steps += 1;
        let prepared = match super::exec::prepare(self, state, step, &vars, names, results) {
            Ok(p) => p,
            Err((vertex_msg, solve_msg)) => return Err(self.fail_at(v, &step.origin, vertex_msg, solve_msg)),
        };
        let memory = StepMemory {
            text: display.clone(),
            parent: state.key.clone(),
            key: prepared.key.clone(),
            inputs: prepared.inputs.clone(),
            env: if matches!(step.op, Op::Run { .. }) { state.run_env() } else { Vec::new() },
            args: crate::btree::map(state.args.iter().filter_map(|(k, v)| v.clone().map(|v| (k.clone(), v)))),
            user: state.config.config.user.clone(),
            workdir: state.workdir(),
        };
        let old = self.cache.memory(position).cloned();
        let ignore_cache = self.req.no_cache && !matches!(step.op, Op::Workdir(_));
        let hit = if ignore_cache || state.first_rerun.is_some() && self.dry { None } else { self.cache.get(&prepared.key).cloned() };
        let created = match hit {
            Some(hit) => {
                let reason = explain::hit_reason(
                    old.as_ref(),
                    &memory,
                    hit.built_for.as_deref().filter(|t| self.req.tags.first().map(String::as_str) != Some(*t)),
                );
                self.events.push(BuildEvent::StepCached {
                    vertex: v,
                    cache_key: prepared.key.clone(),
                    reason: reason.text,
                    why: Some(reason.why),
                    layer: Some(LayerSummary::of(&hit.layer)),
                    at_ms: self.clock.now_ms,
                });
                state.layers.push(hit.layer.clone());
                if !self.dry {
                    self.cache.touch(&prepared.key);
                }
                hit.created
            }
            None => {
                let reason = explain::miss_reason(&explain::Miss {
                    text: &display,
                    no_cache: ignore_cache,
                    first_rerun: state.first_rerun,
                    // Only the stage's first step sits directly on the base.
                    base_changed: state.base_changed.as_ref().filter(|_| state.layers_at_start == state.layers.len()),
                    pruned: self.cache.was_pruned(&prepared.key),
                    old: old.as_ref(),
                    new: &memory,
                });
                state.first_rerun.get_or_insert(state.index);
                if self.dry {
                    self.events.push(BuildEvent::StepDone {
                        vertex: v,
                        cache_key: Some(prepared.key.clone()),
                        reason: Some(reason.text.clone()),
                        why: Some(reason.why.clone()),
                        layer: None,
                        inputs: prepared.inputs.clone(),
                        duration_ms: 0,
                        at_ms: self.clock.now_ms,
                    });
                    state.key = prepared.key.clone();
                    self.cache.remember(position.to_string(), memory);
                    return Ok(());
                }
                // A linked copy whose layer is cached on its own only needs
                // the merge: no run, and the filesystem is applied lazily.
                let reusable = prepared.layer_key.as_ref().filter(|_| !ignore_cache).and_then(|k| self.cache.get(k).cloned());
                let (layer, duration_ms, at_ms, created, ran) = if let Some(reused) = reusable {
                    let at_ms = self.clock.now_ms;
                    let created = self.now + (at_ms / 1000) as i64;
                    self.cache.insert(prepared.key.clone(), CachedStep { created, output: Vec::new(), ..reused.clone() });
                    (reused.layer, 0, at_ms, created, false)
                } else {
                    let roots = prepared.touched();
                    let before = partial(state.fs(self.cache), roots.as_deref());
                    let outcome = super::exec::execute(self, state, step, &prepared, &vars);
                    let start = self.starts.get(&v).copied().unwrap_or(0);
                    for (offset, line) in &outcome.output {
                        self.events.push(BuildEvent::StepLog { vertex: v, line: line.clone(), at_ms: start + offset });
                    }
                    if let Some((vertex_msg, solve_msg)) = outcome.error {
                        self.clock.advance(outcome.ms);
                        return Err(self.fail_at(v, &step.origin, vertex_msg, solve_msg));
                    }
                    // Files a step writes carry its start time, so that is the tar's clamp epoch.
                    let started = self.now + (self.clock.now_ms / 1000) as i64;
                    let layer = match &outcome.linked {
                        Some(scratch) => {
                            let layer = Arc::new(super::diff::layer(&Fs::new(), scratch, started));
                            let _ = layer.apply(state.fs(self.cache));
                            layer
                        }
                        None => {
                            let after = partial(state.fs(self.cache), roots.as_deref());
                            Arc::new(super::diff::layer(&before, &after, started))
                        }
                    };
                    // A RUN takes longer the more it writes (package installs).
                    let writing =
                        if matches!(step.op, Op::Run { .. }) { clock::write_ms(layer.size, layer.entries.len() as u64) } else { 0 };
                    let duration_ms = outcome.ms + writing;
                    let at_ms = self.clock.advance(duration_ms);
                    let created = self.now + (at_ms / 1000) as i64;
                    self.fresh.push(layer.diff_id.clone());
                    let cached = CachedStep {
                        layer: layer.clone(),
                        output: outcome.output.clone(),
                        created,
                        built_for: self.req.tags.first().cloned(),
                    };
                    if let Some(k) = &prepared.layer_key {
                        self.cache.insert(k.clone(), cached.clone());
                    }
                    self.cache.insert(prepared.key.clone(), cached);
                    (layer, duration_ms, at_ms, created, true)
                };
                self.events.push(BuildEvent::StepDone {
                    vertex: v,
                    cache_key: Some(prepared.key.clone()),
                    reason: Some(reason.text.clone()),
                    why: Some(reason.why.clone()),
                    layer: Some(LayerSummary::of(&layer)),
                    inputs: prepared.inputs.clone(),
                    duration_ms,
                    at_ms,
                });
                state.layers.push(layer);
                if ran {
                    state.applied = state.layers.len();
                }
                created
            }
        };
        state.key = prepared.key.clone();
        if let Some(fs) = &state.fs {
            if state.applied == state.layers.len() && !self.dry {
                self.cache.keep_snapshot(&state.key, Arc::new(fs.clone()));
            }
        }
        self.cache.remember(position.to_string(), memory);
        state.history.push(NewHistory::layer(prepared.created_by, created));
        Ok(())
    }

    fn meta_step(&mut self, state: &mut StageState, step: &Step, globals: &BTreeMap<String, String>) -> Result<(), Diagnostic> {
        let err = |m: String| Diagnostic::error(m, step.origin.start_line, step.origin.end_line, step.origin.span);
        let created_by = history::apply_meta(state, &step.op, globals, &self.req.build_args).map_err(err)?;
        if let Some(created_by) = created_by {
            self.events.push(BuildEvent::MetadataApplied {
                created_by: created_by.clone(),
                origin: step.origin.clone(),
                stage: state.prefix.clone(),
            });
            state.history.push(NewHistory::empty(created_by));
        }
        Ok(())
    }

    // ---- export ----

    pub fn export(&mut self, result: StageResult) -> Result<Option<String>, Diagnostic> {
        if self.dry {
            return Ok(None);
        }
        let v = self.start_vertex("exporting to image".into(), "EXPORT", None, None);
        let fresh: u64 = result.layers.iter().filter(|l| self.fresh.contains(&l.diff_id)).map(|l| clock::export_layer_ms(l.size)).sum();
        if fresh > 0 {
            self.status(v, "exporting layers", None, 0, false);
        }
        self.status(v, "exporting layers", None, fresh, true);
        let mut config = result.config;
        let (history, created) = history::finish(&result.history);
        config.history = history;
        config.created = created;
        config.rootfs.diff_ids = result.layers.iter().map(|l| l.diff_id.clone()).collect();
        let image = Image::new(config, result.layers);
        let id = image.id.clone();
        self.images.insert(image);
        self.status(v, &format!("writing image {id}"), None, clock::WRITE_IMAGE_MS, true);
        for tag in &self.req.tags {
            self.images.tag(tag, &id);
            let named = canonical_name(tag);
            self.status(v, &format!("naming to {named}"), None, 0, true);
        }
        self.finish(v, 0);
        self.events.push(BuildEvent::ImageWritten {
            image_id: id.clone(),
            tags: self.req.tags.clone(),
            layers: self.images.get(&id).map(|i| i.layers.iter().map(|l| LayerSummary::of(l)).collect()).unwrap_or_default(),
        });
        Ok(Some(id))
    }
}

/// The parts of `fs` a step can change: the subtrees at `roots` with their
/// parent directories (the whole filesystem when `roots` is `None`).
fn partial(fs: &Fs, roots: Option<&[String]>) -> Fs {
    let Some(roots) = roots.filter(|r| r.iter().all(|p| p != "/")) else { return fs.clone() };
    let mut out = Fs::new();
    for root in roots {
        let mut current = String::new();
        for comp in crate::vfs::split_components(root) {
            current = format!("{current}/{comp}");
            match fs.get_nofollow(&current) {
                Ok(crate::vfs::Node::Symlink { .. }) => return fs.clone(),
                Ok(crate::vfs::Node::Dir { meta, .. }) if current != *root => {
                    if !out.exists(&current) {
                        let _ = out.insert(&current, crate::vfs::Node::empty_dir(meta.clone()));
                    }
                }
                Ok(node) if current == *root => {
                    let _ = out.insert(&current, node.clone());
                }
                _ => break,
            }
        }
    }
    out
}
