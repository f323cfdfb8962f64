//! The JavaScript boundary. This is the only module that knows `JsValue`;
//! everything crosses as JSON-compatible values (plain objects, arrays,
//! strings), and every error becomes one `JsError`.

use crate::build::{predict, render_plain, BuildRequest};
use crate::vfs::{self, Content, Fs, Meta, Node};
use crate::{Engine, EngineConfig};
use serde::Serialize;
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// A simulated Docker host for one page widget.
#[wasm_bindgen]
pub struct DockerSim {
    engine: Engine,
    /// The last merged filesystem browsed (image ID, layer index), so that
    /// opening folder after folder does not merge the layers again.
    browsed: Option<(String, usize, Fs)>,
}

#[derive(Serialize)]
struct BuildOutput<'a> {
    #[serde(flatten)]
    report: &'a crate::build::BuildReport,
    /// The `--progress=plain` transcript.
    plain: String,
}

#[derive(Serialize)]
struct RunOutput<'a> {
    /// What the terminal shows (stdout and stderr interleaved).
    text: String,
    /// Each output chunk with its stream (`stdout`/`stderr`).
    chunks: Vec<(&'static str, &'a str)>,
    exit_code: i32,
    prompt: String,
    /// The report of the last build this line ran (typed, from its effects;
    /// absent when no build ran or it failed before building).
    build: Option<&'a crate::build::BuildReport>,
    /// What the line did: builds, containers, sessions, the screen, files.
    effects: &'a [crate::cli::Effect],
    /// The line left a construct open: the engine keeps it, the prompt is `> `.
    pending: bool,
    /// The next line answers a password prompt: do not echo or keep it.
    secret: bool,
}

#[derive(Serialize)]
struct LayerView {
    diff_id: String,
    size: u64,
    created_by: String,
}

#[derive(Serialize)]
struct ImageView {
    id: String,
    tags: Vec<String>,
    size: u64,
    layers: Vec<LayerView>,
}

#[derive(Serialize)]
struct ChangeView<'a> {
    path: &'a str,
    kind: crate::layer::ChangeKind,
    node: &'static str,
    size: u64,
}

#[derive(Serialize)]
struct LayerChanges<'a> {
    total: usize,
    entries: Vec<ChangeView<'a>>,
    /// This layer's files that a later layer deletes or replaces (stored,
    /// but no container sees them): the first `limit`, and their bytes.
    hidden: Vec<crate::layer::Wasted>,
    hidden_bytes: u64,
    /// Bytes of the whole image hidden that way.
    image_hidden_bytes: u64,
}

#[derive(Serialize)]
struct StateView {
    images: Vec<ImageView>,
    containers: Vec<crate::cli::ContainerSummary>,
    cwd: String,
    files: Vec<String>,
}

#[wasm_bindgen]
impl DockerSim {
    /// A fresh engine. `epoch` (Unix seconds) is optional; the default is the
    /// same as the native binary's so digests match.
    #[wasm_bindgen(constructor)]
    pub fn new(epoch: Option<f64>) -> DockerSim {
        let mut config = EngineConfig::default();
        if let Some(e) = epoch {
            config.epoch = e as i64;
        }
        DockerSim { engine: Engine::new(config), browsed: None }
    }

    /// Builds `dockerfile` with `files` (an object of path → text) as the
    /// context, and returns the report with its event log.
    pub fn build(&mut self, dockerfile: &str, files: JsValue, tag: Option<String>, no_cache: bool) -> Result<JsValue, JsError> {
        let files: BTreeMap<String, String> =
            serde_wasm_bindgen::from_value(files).map_err(|e| JsError::new(&format!("bad files object: {e}")))?;
        let now = self.engine.now();
        let mut context = Fs::new();
        for (path, text) in files {
            let abs = vfs::normalize(&path);
            if let Some(idx) = abs.rfind('/').filter(|&i| i > 0) {
                context.mkdir_all(&abs[..idx], Meta::new(0o755, now)).map_err(|e| JsError::new(&e.to_string()))?;
            }
            context.write(&abs, Content::from_bytes(text), Meta::new(0o644, now)).map_err(|e| JsError::new(&e.to_string()))?;
        }
        let request =
            BuildRequest { dockerfile: dockerfile.to_string(), context, tags: tag.into_iter().collect(), no_cache, ..Default::default() };
        let report = self.engine.build(&request);
        let output = BuildOutput { plain: render_plain(&report), report: &report };
        to_js(&output)
    }

    /// Runs one terminal line (host shell, `docker …`, or a line inside an
    /// interactive container session).
    pub fn run(&mut self, line: &str) -> Result<JsValue, JsError> {
        let out = self.engine.run_command(line);
        self.run_output(&out)
    }

    /// Tab: `{start, candidates}` for the last word of `line` (commands,
    /// paths, docker subcommands and flags, image and container names).
    pub fn complete(&self, line: &str) -> Result<JsValue, JsError> {
        to_js(&self.engine.complete(line))
    }

    /// Ctrl-C: drops an open construct's text, answers a REPL or a question.
    pub fn interrupt(&mut self) -> Result<JsValue, JsError> {
        let out = self.engine.interrupt();
        self.run_output(&out)
    }

    /// Ctrl-D on an empty line: leaves a container's shell or REPL.
    pub fn end_of_input(&mut self) -> Result<JsValue, JsError> {
        let out = self.engine.end_of_input();
        self.run_output(&out)
    }

    /// The folder the page's editor shows: `nano FILE` under it opens FILE there.
    pub fn set_editor_root(&mut self, root: Option<String>) {
        self.engine.set_editor_root(root);
    }

    /// The terminal prompt (`learner@dockersim:~/app$ `, or a container's).
    pub fn prompt(&self) -> String {
        self.engine.prompt()
    }

    /// Writes a text file in the host filesystem (relative paths are relative
    /// to the terminal's working directory).
    pub fn write_file(&mut self, path: &str, text: &str) -> Result<(), JsError> {
        let abs = vfs::join(self.engine.host_cwd(), path);
        self.engine.write_host_file(&abs, text.as_bytes()).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Reads a text file from the host filesystem (`undefined` if absent).
    pub fn read_file(&self, path: &str) -> Option<String> {
        let abs = vfs::join(self.engine.host_cwd(), path);
        self.engine.read_host_file(&abs).ok().map(|b| String::from_utf8_lossy(&b).into_owned())
    }

    /// Removes a file or directory in the host filesystem.
    pub fn remove_file(&mut self, path: &str) -> Result<(), JsError> {
        let abs = vfs::join(self.engine.host_cwd(), path);
        self.engine.remove_host_path(&abs).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Errors and lint warnings for a Dockerfile, with lines and byte spans.
    pub fn check(&self, dockerfile: &str) -> Result<JsValue, JsError> {
        to_js(&crate::build::check(dockerfile))
    }

    /// "What would rebuild?": which steps of `dockerfile` would come from the
    /// cache if the working directory were built now.
    pub fn predict(&self, dockerfile: &str) -> Result<JsValue, JsError> {
        let cwd = self.engine.host_cwd().to_string();
        let mut context = Fs::new();
        if let Ok(node @ Node::Dir { .. }) = self.engine.host_fs().get(&cwd) {
            let _ = context.insert("/", node.clone());
        }
        let request = BuildRequest { dockerfile: dockerfile.to_string(), context, ..Default::default() };
        let prediction = predict(self.engine.images(), self.engine.cache(), &request, self.engine.now());
        to_js(&prediction)
    }

    /// What layer `index` of `image` changed (`docker diff` letters, file
    /// sizes, whiteouts): the first `limit` entries and the total count.
    pub fn layer_changes(&self, image: &str, index: usize, limit: usize) -> Result<JsValue, JsError> {
        let img = self.engine.image(image).ok_or_else(|| JsError::new(&format!("No such image: {image}")))?;
        let layer = img.layers.get(index).ok_or_else(|| JsError::new(&format!("{image} has no layer {index}")))?;
        let wasted = crate::layer::wasted(&img.layers);
        let image_hidden_bytes = wasted.iter().map(|w| w.size).sum();
        let here: Vec<crate::layer::Wasted> = wasted.into_iter().filter(|w| w.layer == index).collect();
        let hidden_bytes = here.iter().map(|w| w.size).sum();
        let hidden = here.into_iter().take(limit).collect();
        to_js(&LayerChanges {
            total: layer.entries.len(),
            entries: change_views(&layer.entries, limit),
            hidden,
            hidden_bytes,
            image_hidden_bytes,
        })
    }

    /// Directory `path` of image `image`'s merged filesystem as it stands
    /// after layer `index` (what a container started from there would see).
    pub fn fs_listing(&mut self, image: &str, index: usize, path: &str) -> Result<JsValue, JsError> {
        let id = self.engine.image(image).map(|i| i.id.clone()).ok_or_else(|| JsError::new(&format!("No such image: {image}")))?;
        let cached = matches!(&self.browsed, Some((i, n, _)) if *i == id && *n == index);
        if !cached {
            let fs = self.engine.image_fs_at(&id, index).unwrap_or_default();
            self.browsed = Some((id, index, fs));
        }
        let fs = &self.browsed.as_ref().expect("just set").2;
        to_js(&vfs::listing::list_dir(fs, path).map_err(|e| JsError::new(&e.to_string()))?)
    }

    /// Directory `path` of a container's filesystem (its image plus its read/write layer).
    pub fn container_fs_listing(&self, container: &str, path: &str) -> Result<JsValue, JsError> {
        let c = self.engine.container(container).ok_or_else(|| JsError::new(&format!("No such container: {container}")))?;
        to_js(&vfs::listing::list_dir(&c.fs, path).map_err(|e| JsError::new(&e.to_string()))?)
    }

    /// A container's read/write layer (`docker diff`, with sizes and whiteouts):
    /// the first `limit` entries and the total count.
    pub fn container_changes(&self, container: &str, limit: usize) -> Result<JsValue, JsError> {
        let c = self.engine.container(container).ok_or_else(|| JsError::new(&format!("No such container: {container}")))?;
        let layer = c.rw_layer(0);
        to_js(&LayerChanges {
            total: layer.entries.len(),
            entries: change_views(&layer.entries, limit),
            hidden: Vec::new(),
            hidden_bytes: 0,
            image_hidden_bytes: 0,
        })
    }

    /// What `docker system df` counts, as numbers: images' sizes summed one
    /// by one vs every distinct layer once, containers' read/write layers, build cache.
    pub fn disk_usage(&self) -> Result<JsValue, JsError> {
        to_js(&crate::cli::system::disk_usage(&self.engine))
    }

    /// Images (with their layers) and containers, for the layers view.
    pub fn state(&self) -> Result<JsValue, JsError> {
        let images = self
            .engine
            .image_summaries()
            .into_iter()
            .map(|s| {
                let history: Vec<String> = self
                    .engine
                    .image(&s.id)
                    .map(|img| img.config.history.iter().filter(|h| !h.empty_layer).map(|h| h.created_by.clone()).collect())
                    .unwrap_or_default();
                let layers = s
                    .layers
                    .iter()
                    .zip(&s.layer_sizes)
                    .enumerate()
                    .map(|(i, (d, size))| LayerView {
                        diff_id: d.clone(),
                        size: *size,
                        created_by: history.get(i).cloned().unwrap_or_default(),
                    })
                    .collect();
                ImageView { id: s.id, tags: s.tags, size: s.size, layers }
            })
            .collect();
        let cwd = self.engine.host_cwd().to_string();
        let files = self.engine.list_host_files(&cwd);
        to_js(&StateView { images, containers: self.engine.container_summaries(), cwd, files })
    }
}

#[wasm_bindgen]
impl DockerSim {
    /// Validates a lesson file and returns it as a plain object.
    pub fn lesson_parse(json: &str) -> Result<JsValue, JsError> {
        let lesson = crate::lesson::Lesson::from_json(json).map_err(|e| JsError::new(&e))?;
        to_js(&lesson)
    }

    /// Evaluates a lesson's goals against this engine's state.
    pub fn lesson_evaluate(&self, json: &str) -> Result<JsValue, JsError> {
        let lesson = crate::lesson::Lesson::from_json(json).map_err(|e| JsError::new(&e))?;
        to_js(&lesson.evaluate(&self.engine))
    }
}

/// Changeset entries as the page shows them.
fn change_views(entries: &[crate::layer::Entry], limit: usize) -> Vec<ChangeView<'_>> {
    entries
        .iter()
        .take(limit)
        .map(|e| {
            let (node, size) = match &e.node {
                Some(Node::File { content, .. }) => ("file", content.len()),
                Some(Node::Dir { .. }) => ("dir", 0),
                Some(Node::Symlink { .. }) => ("symlink", 0),
                None => ("whiteout", 0),
            };
            ChangeView { path: &e.path, kind: e.kind, node, size }
        })
        .collect()
}

/// Values cross as one JSON text parsed by the browser: several times
/// faster for a build report's thousands of small objects than building them
/// field by field through the boundary.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    let text = serde_json::to_string(value).map_err(|e| JsError::new(&e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| JsError::new("the engine produced invalid JSON"))
}

/// The lazily loaded catalog (issue 16): a family's data is fetched by the
/// page on first use, so the wasm does not grow with the catalog.
#[wasm_bindgen]
impl DockerSim {
    /// Like `run`, but when the line needed catalog families that are not
    /// loaded yet, undoes its effects and answers `{ needs_catalog: [names] }`;
    /// the worker fetches `catalog/<name>.json`, calls
    /// `load_catalog_family` and runs the line again.
    pub fn run_catalog(&mut self, line: &str) -> Result<JsValue, JsError> {
        crate::image::catalog::data::take_needed();
        crate::web::take_needed();
        let before = self.engine.clone();
        let result = self.run(line)?;
        let mut needed = crate::image::catalog::data::take_needed();
        needed.extend(crate::web::take_needed());
        if needed.is_empty() {
            return Ok(result);
        }
        self.engine = before;
        to_js(&serde_json::json!({ "needs_catalog": needed }))
    }

    /// Hands one family's data (`catalog/<name>.json`) to the engine; a
    /// `repo-…` name is a git repository's (`crate::web`).
    pub fn load_catalog_family(name: &str, text: &str) -> Result<(), JsError> {
        if crate::web::is_repo_data(name) {
            return crate::web::load(name, text).map_err(|e| JsError::new(&e));
        }
        crate::image::catalog::data::load_family(name, text).map_err(|e| JsError::new(&e))
    }
}

impl DockerSim {
    /// A terminal line's result as the page reads it.
    fn run_output(&self, out: &crate::cli::CommandOutput) -> Result<JsValue, JsError> {
        let built = out.effects.iter().any(|e| matches!(e, crate::cli::Effect::Build { report: true, .. }));
        let build = if built { self.engine.last_build() } else { None };
        let chunks = out
            .chunks
            .iter()
            .map(|c| (if c.stream == crate::container::Stream::Stderr { "stderr" } else { "stdout" }, c.text.as_str()))
            .collect();
        let pending = self.engine.pending_input();
        to_js(&RunOutput {
            text: out.text(),
            chunks,
            exit_code: out.exit_code,
            prompt: self.engine.prompt(),
            build,
            effects: &out.effects,
            pending,
            secret: self.engine.input_is_secret(),
        })
    }
}
