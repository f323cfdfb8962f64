//! One stage while it is built: its config, layers, lazily materialised
//! filesystem, history, ARG scope and cache key, and small helpers about
//! stages (step counts, canonical image names).

use super::cache::step_key;
use super::history::NewHistory;
use super::plan::{Op, PlanStage};
use super::BuildCache;
use crate::image::ImageConfig;
use crate::layer::Layer;
use crate::vfs::Fs;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The PATH BuildKit gives a stage that lacks one.
pub(crate) const DEFAULT_PATH: &str = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// One stage while it is being built.
pub(crate) struct StageState {
    pub prefix: Option<String>,
    pub total: usize,
    pub index: usize,
    pub config: ImageConfig,
    pub layers: Vec<Arc<Layer>>,
    pub(crate) fs: Option<Fs>,
    pub(crate) applied: usize,
    pub key: String,
    pub history: Vec<NewHistory>,
    /// Declared ARGs in scope, in declaration order, with their values.
    pub args: Vec<(String, Option<String>)>,
    /// The first step of this stage that ran instead of coming from the cache.
    pub first_rerun: Option<usize>,
    /// Why the stage's starting point differs from the last build, if it does.
    pub base_changed: Option<super::explain::Explained>,
    pub cmd_set: bool,
    /// How many layers the stage started with (its base's).
    pub layers_at_start: usize,
}

/// A finished stage: what later stages and the exporter use.
#[derive(Clone)]
pub(crate) struct StageResult {
    pub config: ImageConfig,
    pub layers: Vec<Arc<Layer>>,
    pub history: Vec<NewHistory>,
    pub key: String,
    pub fs: Option<Arc<Fs>>,
    pub name: String,
}

impl StageState {
    pub fn empty(prefix: Option<String>, total: usize) -> StageState {
        StageState {
            prefix,
            total,
            index: 0,
            config: ImageConfig::scratch(),
            layers: Vec::new(),
            fs: Some(Fs::new()),
            applied: 0,
            key: step_key("", &["scratch"]),
            history: Vec::new(),
            args: Vec::new(),
            first_rerun: None,
            base_changed: None,
            cmd_set: false,
            layers_at_start: 0,
        }
    }

    /// `FROM <earlier stage>`: start from that stage's result.
    pub fn inherit(&mut self, from: &StageResult) {
        self.config = from.config.clone();
        // A parent stage's ONBUILD list is not inherited; its triggers run here instead.
        self.config.config.on_build.clear();
        self.layers = from.layers.clone();
        self.history = from.history.clone();
        self.key = from.key.clone();
        // Materialised lazily (from a snapshot or the layers) only if a step runs.
        self.fs = None;
        self.applied = 0;
        self.base_changed = Some(super::explain::Explained {
            text: format!("its parent stage {} changed", from.name),
            why: super::explain::Why::new("parent_stage_changed").arg("stage", from.name.clone()),
        });
        self.layers_at_start = self.layers.len();
    }

    /// The filesystem, materialised from snapshots and layers on demand.
    pub fn fs(&mut self, cache: &mut BuildCache) -> &mut Fs {
        if self.fs.is_none() || self.applied < self.layers.len() {
            if let Some(snap) = cache.snapshot(&self.key) {
                self.fs = Some((*snap).clone());
                self.applied = self.layers.len();
            }
        }
        if self.fs.is_none() {
            let fs = super::diff::materialize(&self.layers);
            cache.keep_snapshot(&self.key, Arc::new(fs.clone()));
            self.fs = Some(fs);
            self.applied = self.layers.len();
        }
        let fs = self.fs.get_or_insert_with(Fs::new);
        for layer in self.layers.get(self.applied..).unwrap_or(&[]) {
            let _ = layer.apply(fs);
        }
        self.applied = self.layers.len();
        fs
    }

    pub(crate) fn label(&self, index: usize, text: &str) -> String {
        let width = self.total.to_string().len();
        match &self.prefix {
            Some(p) => format!("[{p} {index:>width$}/{}] {text}", self.total),
            None => format!("[{index:>width$}/{}] {text}", self.total),
        }
    }

    /// The environment a RUN sees: config env, then in-scope ARGs not set by ENV.
    pub fn run_env(&self) -> Vec<String> {
        let mut env = self.config.config.env.clone();
        for (k, v) in &self.args {
            if let Some(v) = v {
                if !env.iter().any(|kv| kv.split_once('=').map_or(kv.as_str(), |p| p.0) == k) {
                    env.push(format!("{k}={v}"));
                }
            }
        }
        env
    }

    /// Variables for expansion: config env overrides args.
    pub fn vars(&self) -> BTreeMap<String, String> {
        let mut map = crate::btree::map(self.args.iter().filter_map(|(k, v)| v.clone().map(|v| (k.clone(), v))));
        for kv in &self.config.config.env {
            if let Some((k, v)) = kv.split_once('=') {
                map.insert(k.to_string(), v.to_string());
            }
        }
        map
    }

    pub fn workdir(&self) -> String {
        if self.config.config.working_dir.is_empty() {
            "/".into()
        } else {
            self.config.config.working_dir.clone()
        }
    }
}

/// Counts a stage's `[i/N]` steps: FROM of an image, then RUN/COPY/ADD/WORKDIR.
pub fn count_steps(stage: &PlanStage, no_from: bool) -> usize {
    usize::from(!no_from) + stage.steps.iter().filter(|s| s.op.is_vertex()).count()
}

/// Whether a stage copies from the build context.
pub fn reads_context(stage: &PlanStage) -> bool {
    stage.steps.iter().any(|s| match &s.op {
        Op::Copy(spec) => spec.from.is_none() && spec.sources.iter().any(|src| !is_url(src) && !src.starts_with("<<")),
        Op::Run { mounts, .. } => mounts.iter().any(|m| {
            let fields: Vec<&str> = m.split(',').collect();
            !fields.iter().any(|f| f.starts_with("from="))
                && (fields.contains(&"type=bind") || !fields.iter().any(|f| f.starts_with("type=")))
        }),
        _ => false,
    })
}

pub fn is_url(src: &str) -> bool {
    src.starts_with("http://") || src.starts_with("https://")
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
