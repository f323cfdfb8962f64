//! The JavaScript boundary. This is the only module that knows `JsValue`;
//! everything crosses as JSON-compatible values (plain objects, arrays, strings).

use crate::build::{render_plain, BuildRequest};
use crate::vfs::{Content, Fs, Meta};
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
}

#[derive(Serialize)]
struct BuildOutput<'a> {
    #[serde(flatten)]
    report: &'a crate::build::BuildReport,
    /// The `--progress=plain` transcript.
    plain: String,
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
        DockerSim { engine: Engine::new(config) }
    }

    /// Builds `dockerfile` with `files` (an object of path → text) as the
    /// context, and returns the report with its event log.
    pub fn build(&mut self, dockerfile: &str, files: JsValue, tag: Option<String>, no_cache: bool) -> Result<JsValue, JsError> {
        let files: BTreeMap<String, String> =
            serde_wasm_bindgen::from_value(files).map_err(|e| JsError::new(&format!("bad files object: {e}")))?;
        let now = self.engine.now();
        let mut context = Fs::new();
        for (path, text) in files {
            let abs = crate::vfs::normalize(&path);
            if let Some(idx) = abs.rfind('/').filter(|&i| i > 0) {
                context.mkdir_all(&abs[..idx], Meta::new(0o755, now)).map_err(|e| JsError::new(&e.to_string()))?;
            }
            context.write(&abs, Content::from_bytes(text), Meta::new(0o644, now)).map_err(|e| JsError::new(&e.to_string()))?;
        }
        let request = BuildRequest { dockerfile: dockerfile.to_string(), context, tags: tag.into_iter().collect(), no_cache, ..Default::default() };
        let report = self.engine.build(&request);
        let output = BuildOutput { plain: render_plain(&report), report: &report };
        to_js(&output)
    }
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsError::new(&e.to_string()))
}
