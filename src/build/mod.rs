//! The builder: runs a Dockerfile against a build context with BuildKit's
//! stage, layer, history and cache semantics, and records an event log
//! (`event.rs`) that the CLI renders (`progress.rs`) and the page animates.
//!
//! A build goes: load the definition → plan (`plan.rs`) → resolve base
//! images → load `.dockerignore` and the context (`context.rs`) → run the
//! needed stages step by step (`stage.rs`), keying every step for the cache
//! (`cache.rs`) and explaining every hit and miss (`explain.rs`) → export.

mod bflag;
mod cache;
mod check;
mod clock;
pub mod context;
pub mod copy;
pub mod diff;
mod event;
mod exec;
mod explain;
pub mod format;
mod history;
pub mod lint;
pub mod pattern;
mod plan;
mod predict;
mod progress;
mod run;
mod runner;
mod stage;
mod vars;

pub use cache::{step_key, BuildCache, CachedStep, StepMemory};
pub use event::{step_outcomes, BuildEvent, ChangeSummary, LayerSummary, Origin, Status, StepInfo, StepOutcome};
pub use predict::{predict, PredictedStep, Prediction};

/// Instruction-level validation without building (`dockersim check`): BuildKit's errors with their line.
pub fn check_instructions(dockerfile: &str) -> Result<(), crate::dockerfile::Diagnostic> {
    plan::plan(dockerfile).map(|_| ())
}
pub use check::{check, Finding};
pub use progress::{excerpt, render_error, render_plain, render_quiet, render_tty, render_tty_width};

use crate::dockerfile::Diagnostic;
use crate::image::{Image, ImageStore};
use crate::vfs::Fs;
use context::BuildContext;
use runner::Builder;
use serde::Serialize;
use stage::StageResult;
use std::collections::{BTreeMap, BTreeSet};

/// What to build (`docker build` flags and inputs).
#[derive(Clone, Debug, Default)]
pub struct BuildRequest {
    pub dockerfile: String,
    /// The Dockerfile's name for messages (`Dockerfile` when empty).
    pub dockerfile_name: String,
    /// The build context; its root is the context directory.
    pub context: Fs,
    /// `-t` references.
    pub tags: Vec<String>,
    pub no_cache: bool,
    /// `--build-arg k=v`.
    pub build_args: BTreeMap<String, String>,
    /// `--target`.
    pub target: Option<String>,
}

impl BuildRequest {
    pub fn dockerfile_name(&self) -> &str {
        if self.dockerfile_name.is_empty() {
            "Dockerfile"
        } else {
            &self.dockerfile_name
        }
    }
}

/// The outcome of a build: the event log and, on success, the image ID.
#[derive(Clone, Debug, Serialize)]
pub struct BuildReport {
    pub ok: bool,
    pub image_id: Option<String>,
    pub events: Vec<BuildEvent>,
    /// The Dockerfile steps distilled from `events` (cached or ran, why, layer).
    pub steps: Vec<StepOutcome>,
    /// Set when the build failed; carries the Dockerfile location when known.
    pub error: Option<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    /// BuildKit's build-check warnings (printed after the progress).
    pub lint: Vec<lint::LintWarning>,
    /// Simulated wall time of the whole build.
    pub duration_ms: u64,
    /// Step vertices of the solve that never started (the build failed first).
    pub steps_not_started: usize,
    /// The Dockerfile text and name (for error excerpts).
    pub dockerfile: String,
    pub dockerfile_name: String,
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
    run(env, request, false)
}

/// The largest Dockerfile a build reads (here-documents included).
pub const MAX_DOCKERFILE: usize = 16 << 20;

pub(crate) fn run(env: BuildEnv, request: &BuildRequest, dry: bool) -> BuildReport {
    let mut b = Builder::new(env, request, dry);
    let outcome = orchestrate(&mut b);
    let (ok, image_id, error, warnings) = match outcome {
        Ok((id, warnings)) => (true, id, None, warnings),
        Err(e) => (false, None, Some(e), Vec::new()),
    };
    BuildReport {
        ok,
        image_id,
        steps: step_outcomes(&b.events),
        lint: b.lint.clone(),
        events: b.events,
        error,
        warnings,
        duration_ms: b.clock.now_ms,
        steps_not_started: b.planned_steps.saturating_sub(b.started_steps),
        dockerfile: request.dockerfile.clone(),
        dockerfile_name: request.dockerfile_name().to_string(),
    }
}

fn orchestrate(b: &mut Builder) -> Result<(Option<String>, Vec<Diagnostic>), Diagnostic> {
    let req = b.req;
    let v = b.start_vertex(format!("[internal] load build definition from {}", req.dockerfile_name()), "INTERNAL", None, None);
    b.status(v, "transferring dockerfile:", Some(format::bytes(req.dockerfile.len() as u64)), 0, true);
    b.finish(v, clock::LOAD_DEFINITION_MS);
    if req.dockerfile.len() > MAX_DOCKERFILE {
        // Every here-document is held several times over while it is built.
        return Err(Diagnostic::error(
            format!(
                "failed to read dockerfile: dockersim: the Dockerfile is {:.1} MiB; the simulator reads Dockerfiles up to {} MiB",
                req.dockerfile.len() as f64 / f64::from(1u32 << 20),
                MAX_DOCKERFILE >> 20
            ),
            0,
            0,
            (0, 0),
        ));
    }
    if let Some(frontend) = syntax_directive(&req.dockerfile) {
        load_frontend(b, &frontend);
    }
    let mut plan = plan::plan(&req.dockerfile)?;
    b.lint = lint::check(&req.dockerfile);

    // Global scope: predefined platform args, then meta ARGs (with --build-arg).
    let mut globals = crate::btree::map(vars::predefined_args());
    for (k, default) in &plan.meta_args {
        let value = match req.build_args.get(k) {
            Some(v) => Some(v.clone()),
            None => default.as_ref().map(|d| vars::expand(d, &globals)).transpose().map_err(|e| Diagnostic::error(e, 0, 0, (0, 0)))?,
        };
        if let Some(v) = value {
            globals.insert(k.clone(), v);
        }
    }
    let names: Vec<String> = plan.stages.iter().enumerate().map(|(i, s)| s.name.clone().unwrap_or_else(|| format!("stage-{i}"))).collect();
    let target = match &req.target {
        Some(t) => names
            .iter()
            .position(|n| n.eq_ignore_ascii_case(t))
            .ok_or_else(|| Diagnostic::error(format!("target stage \"{t}\" could not be found"), 0, 0, (0, 0)))?,
        None => plan.stages.len() - 1,
    };
    let mut bases = Vec::new();
    for s in &plan.stages {
        let base =
            vars::expand(&s.base, &globals).map_err(|e| Diagnostic::error(e, s.origin.start_line, s.origin.end_line, s.origin.span))?;
        if base.is_empty() {
            return Err(Diagnostic::error(
                format!("base name ({}) should not be blank", s.base),
                s.origin.start_line,
                s.origin.end_line,
                s.origin.span,
            ));
        }
        bases.push(base);
    }
    // A stage built FROM an earlier stage runs that stage's ONBUILD triggers first.
    for i in 0..plan.stages.len() {
        if let Some(p) = names[..i].iter().position(|n| n.eq_ignore_ascii_case(&bases[i])) {
            let triggers = plan::triggers(&plan.stages[p]);
            plan.stages[i].steps.splice(0..0, triggers);
        }
    }
    let needed = needed_stages(&plan, &names, &bases, target);
    let stage_of = |base: &str, before: usize| names[..before].iter().position(|n| n.eq_ignore_ascii_case(base));

    // Resolve base images and `COPY --from=<image>` sources (`[internal] load metadata for …`).
    let mut refs: Vec<(Option<usize>, String, Origin)> = Vec::new();
    for &i in &needed {
        if bases[i] != "scratch" && stage_of(&bases[i], i).is_none() {
            refs.push((Some(i), bases[i].clone(), plan.stages[i].origin.clone()));
        }
    }
    for &i in &needed {
        for step in &plan.stages[i].steps {
            if let plan::Op::Copy(plan::CopySpec { from: Some(from), .. }) = &step.op {
                let is_stage = names[..i].iter().any(|n| n.eq_ignore_ascii_case(from)) || from.parse::<usize>().is_ok_and(|n| n < i);
                if !is_stage && !from.contains('$') {
                    refs.push((None, from.clone(), step.origin.clone()));
                }
            }
        }
    }
    let mut images: BTreeMap<usize, (Image, bool)> = BTreeMap::new();
    let mut seen: BTreeMap<String, (Image, bool)> = BTreeMap::new();
    for (stage, reference, o) in refs {
        let canonical = stage::canonical_name(&reference);
        if let Some(found) = seen.get(&canonical) {
            if let Some(i) = stage {
                images.insert(i, found.clone());
            }
            continue;
        }
        let v = b.start_vertex(format!("[internal] load metadata for {canonical}"), "INTERNAL", None, Some(o.clone()));
        let Some((image, pulled)) = b.resolve_image(&reference) else {
            let repo = canonical.rsplit_once(':').filter(|(_, t)| !t.contains('/')).map_or(canonical.as_str(), |(r, _)| r);
            let familiar = repo.strip_prefix("docker.io/").unwrap_or(repo);
            let familiar = familiar.strip_prefix("library/").unwrap_or(familiar);
            let unknown_tag = format!("{canonical}: not found");
            let denied = if crate::image::catalog::knows_repo(familiar) {
                unknown_tag.as_str()
            } else {
                "pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed"
            };
            // A name from outside the simulator's registry (a real image it lacks, or a typo).
            let local = canonical.starts_with("localhost") || canonical.starts_with("127.0.0.1");
            if !local {
                let line = format!("dockersim: {reference} is not part of the simulator's registry; authors can add it with an image declaration (docs/images.md, `dockersim shell --images FILE`)");
                b.events.push(BuildEvent::StepLog { vertex: v, line, at_ms: b.clock.now_ms });
            }
            b.fail(v, denied.into());
            let msg = format!("{reference}: failed to resolve source metadata for {canonical}: {denied}");
            return Err(Diagnostic::error(msg, o.start_line, o.end_line, o.span));
        };
        if let Some(line) = crate::image::catalog::digest_note(&reference).or_else(|| crate::image::catalog::patch_note(&reference)) {
            b.events.push(BuildEvent::StepLog { vertex: v, line, at_ms: b.clock.now_ms });
        }
        let ms = if b.cache.resolve(&canonical) { 0 } else { clock::RESOLVE_METADATA_MS };
        b.finish(v, ms);
        seen.insert(canonical, (image.clone(), pulled));
        if let Some(i) = stage {
            images.insert(i, (image, pulled));
        }
    }

    // ONBUILD triggers recorded in a base image's config run first in the stage.
    for (&i, (image, _)) in &images {
        let triggers = plan::trigger_steps(&image.config.config.on_build, &plan.stages[i].origin);
        plan.stages[i].steps.splice(0..0, triggers);
    }

    let v = b.start_vertex("[internal] load .dockerignore".into(), "INTERNAL", None, None);
    let ctx = BuildContext::load(&req.context, req.dockerfile_name()).map_err(|e| Diagnostic::error(e, 0, 0, (0, 0)));
    let mut ctx = match ctx {
        Ok(c) => c,
        Err(e) => {
            b.fail(v, e.message.clone());
            return Err(e);
        }
    };
    b.status(v, "transferring context:", Some(format::bytes(ctx.dockerignore_size)), 0, true);
    b.finish(v, 0);

    let multi = plan.stages.len() > 1;
    let mut states = BTreeMap::new();
    for &i in &needed {
        let prefix = if multi { Some(names[i].clone()) } else { None };
        let total = stage::count_steps(&plan.stages[i], bases[i] == "scratch" || stage_of(&bases[i], i).is_some());
        let state = match images.remove(&i) {
            Some((image, pulled)) => {
                b.start_from_image(&plan.stages[i], &bases[i], prefix.clone(), total, &image, pulled, &position_of(req, &names[i]))
            }
            None => stage::StageState::empty(prefix.clone(), total),
        };
        states.insert(i, state);
    }
    b.planned_steps = needed.iter().map(|&i| plan.stages[i].steps.iter().filter(|s| s.op.is_vertex()).count()).sum();
    let uses_context = needed.iter().any(|&i| stage::reads_context(&plan.stages[i]));
    if uses_context {
        b.load_context(&mut ctx);
    }
    b.context = Some(ctx);

    let mut results: BTreeMap<usize, StageResult> = BTreeMap::new();
    for &i in &needed {
        let mut state = states.remove(&i).expect("state for every needed stage");
        if let Some(parent) = stage_of(&bases[i], i) {
            let result = results.get(&parent).expect("dependencies build first");
            state.inherit(result);
        }
        let position = position_of(req, &names[i]);
        let result = b.run_stage(&plan.stages[i], state, &position, &names, &results, &globals)?;
        results.insert(i, result);
    }
    let result = results.remove(&target).expect("target built");
    let id = b.export(result)?;
    Ok((id, plan.warnings))
}

/// The `# syntax=` parser directive's image, if the file starts with one.
fn syntax_directive(text: &str) -> Option<String> {
    for line in text.lines() {
        let t = line.trim();
        let (key, value) = t.strip_prefix('#')?.split_once('=')?;
        match key.trim().to_ascii_lowercase().as_str() {
            "syntax" => return value.split_whitespace().next().map(str::to_string),
            "escape" | "check" => continue,
            _ => return None,
        }
    }
    None
}

/// BuildKit fetches the Dockerfile frontend image a `# syntax=` names.
fn load_frontend(b: &mut Builder, reference: &str) {
    let canonical = stage::canonical_name(reference);
    let v = b.start_vertex(format!("resolve image config for docker-image://{canonical}"), "INTERNAL", None, None);
    let ms = if b.cache.resolve(&format!("frontend {canonical}")) { 0 } else { clock::RESOLVE_METADATA_MS };
    b.finish(v, ms);
    let digest = crate::digest::sha256_digest(canonical.as_bytes());
    let v = b.start_vertex(format!("docker-image://{canonical}@{digest}"), "INTERNAL", None, None);
    b.cached(v);
}

/// Where the memory of earlier builds of the same image lives: the first
/// tag and the stage name (steps add `/<n>`).
fn position_of(req: &BuildRequest, stage: &str) -> String {
    format!("{}|{stage}", req.tags.first().map(String::as_str).unwrap_or(""))
}

/// The target and every stage it needs (FROM <stage>, COPY --from), in order.
fn needed_stages(plan: &plan::Plan, names: &[String], bases: &[String], target: usize) -> Vec<usize> {
    let mut needed = BTreeSet::new();
    let mut todo = vec![target];
    while let Some(i) = todo.pop() {
        if !needed.insert(i) {
            continue;
        }
        let find = |r: &str| -> Option<usize> {
            names[..i].iter().position(|n| n.eq_ignore_ascii_case(r)).or_else(|| r.parse::<usize>().ok().filter(|&n| n < i))
        };
        if let Some(p) = names[..i].iter().position(|n| n.eq_ignore_ascii_case(&bases[i])) {
            todo.push(p);
        }
        for step in &plan.stages[i].steps {
            if let plan::Op::Copy(spec) = &step.op {
                if let Some(p) = spec.from.as_deref().and_then(find) {
                    todo.push(p);
                }
            }
            if let plan::Op::Run { mounts, .. } = &step.op {
                for m in mounts {
                    for part in m.split(',') {
                        if let Some(p) = part.strip_prefix("from=").and_then(find) {
                            todo.push(p);
                        }
                    }
                }
            }
        }
    }
    needed.into_iter().collect()
}

#[cfg(test)]
mod tests;
