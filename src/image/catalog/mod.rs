//! The built-in registry: base images generated from code, not stored bytes.
//!
//! Each catalog image describes a real image: its layers (with approximate
//! real sizes), `history`, config (Env with the real version variables,
//! Cmd, Entrypoint, WorkingDir, ExposedPorts, StopSignal) and a
//! representative filesystem per layer: `/etc/os-release`, the real shell,
//! coreutils at their real paths, package databases, and the runtime in its
//! real place. Big binaries are `Content::Generated` of a stated size, so the
//! catalog costs no memory and no bytes in the wasm.
//!
//! Conventions other modules rely on:
//! - programs are found by walking `PATH` and identified by file name
//!   (Alpine and BusyBox applets are symlinks to `/bin/busybox`; Debian's
//!   `/bin/sh` is a symlink to `dash`);
//! - runtime versions come from the image Env (`NODE_VERSION`,
//!   `YARN_VERSION`, `PYTHON_VERSION`, `NGINX_VERSION`, `GOLANG_VERSION`,
//!   `HTTPD_VERSION`) and the distribution from `/etc/os-release`.
//!
//! Layers shared between images (debian:bookworm under node and python,
//! alpine under node:*-alpine and nginx:alpine) are built once per process
//! and are byte-for-byte the same layer. Their DiffIDs are pinned in
//! `pinned.txt`, which a test recomputes from the real tar streams, so a pull
//! never has to hash hundreds of megabytes (which would take seconds in a
//! browser).

mod busybox_applets;
mod classic;
pub mod data;
mod debian_programs;
mod families;
mod layerfs;
mod manifest;
mod os;
mod patches;
mod pins;
mod runtimes;
pub(crate) mod texts;

use super::{ContainerConfig, History, Image, ImageConfig, RootFs};
use crate::layer::Layer;
use layerfs::LayerFs;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;

pub use manifest::{image_manifest_digest, manifest_digest, manifest_json, tar_len};
pub use pins::{compute_all_pins, pinned_diff_id};

/// One step of a catalog image's history.
pub(crate) enum Step {
    /// A layer, memoised by `key` (the same key is the same layer everywhere).
    Layer { key: String, created_by: String, build: Box<dyn Fn() -> LayerFs> },
    /// A history entry with no layer (ENV, CMD, …).
    Meta(String),
}

/// A catalog image before it is assembled.
pub(crate) struct Spec {
    pub created: String,
    pub steps: Vec<Step>,
    pub config: ContainerConfig,
    /// The history `comment` of entries (`buildkit.dockerfile.v0` for BuildKit-built images).
    pub comment: Option<String>,
}

thread_local! {
    static LAYERS: RefCell<BTreeMap<String, Arc<Layer>>> = const { RefCell::new(BTreeMap::new()) };
}

/// Every reference the catalog answers, as `name:tag` (familiar form).
pub fn references() -> Vec<String> {
    let mut all: Vec<String> = families::ALL_REFERENCES.iter().map(|s| s.to_string()).collect();
    all.extend(data::references());
    all
}

/// Whether the catalog has some tag of repository `name` (any reference form).
pub fn knows_repo(name: &str) -> bool {
    let n = normalize(&format!("{name}:latest"));
    let repo = n.rsplit_once(':').map_or(n.as_str(), |(r, _)| r);
    let prefix = format!("{repo}:");
    families::ALL_REFERENCES.iter().any(|r| r.starts_with(&prefix)) || data::knows_repo(repo)
}

/// Whether `name:tag` is published only with a Docker Image Format v1 /
/// manifest schema 1 (pushed before Docker 1.10): Docker 27's daemon refuses
/// to pull it ([`SCHEMA1_REFUSAL`]).
pub fn schema1(reference: &str) -> bool {
    data::schema1(&normalize(reference))
}

/// What Docker 26+ answers a pull of a schema 1 image (after `Pulling from`).
pub fn schema1_refusal(reference: &str) -> String {
    format!("[DEPRECATION NOTICE] Docker Image Format v1 and Docker Image manifest version 2, schema 1 support is disabled by default and will be removed in an upcoming release. Suggest the author of docker.io/{} to upgrade the image to the OCI Format or Docker Image manifest v2, schema 2. More information at https://docs.docker.com/go/deprecated-image-specs/", normalize(reference))
}

/// The spec of a normalised `name:tag`, from the Rust families or the data
/// families, or an older patch of a line they hold (`patches.rs`).
pub(crate) fn spec_any(reference: &str, depth: u32) -> Option<Spec> {
    families::spec(reference).or_else(|| data::spec(reference, depth)).or_else(|| {
        let (newer_ref, newer, asked) = patches::newer_of(reference, &references())?;
        let spec = families::spec(&newer_ref).or_else(|| data::spec(&newer_ref, depth))?;
        Some(patches::retarget(spec, &newer, &asked))
    })
}

/// The `dockersim:` line for a pin to an older patch release the catalog
/// resolves through a newer one of its line (`patches.rs`).
pub fn patch_note(reference: &str) -> Option<String> {
    let r = normalize(reference);
    let known = references();
    // A listed reference, or one the Rust families answer by pattern (node's tags), is exact.
    if known.contains(&r) || families::spec(&r).is_some() {
        return None;
    }
    let (newer_ref, newer, asked) = patches::newer_of(&r, &known)?;
    spec_any(&r, 0)?;
    Some(format!(
        "dockersim: {r} is simulated from {newer_ref}: the version variables say {asked}, the files are {newer}'s (the catalog keeps the newest patch of each line)"
    ))
}

/// Looks up `name:tag` (or `name@sha256:…`, `name:tag@sha256:…`, matched
/// against [`manifest_digest`]) in the catalog and generates the image.
pub fn pull(reference: &str) -> Option<Image> {
    if let Some((name, digest)) = reference.split_once('@') {
        return pull_by_digest(name, digest);
    }
    let spec = spec_any(&normalize(reference), 0)?;
    Some(assemble(spec))
}

fn pull_by_digest(name: &str, digest: &str) -> Option<Image> {
    let tagged = normalize(name);
    let check = |image: Image| (image_manifest_digest(&image) == digest).then_some(image);
    let repo = tagged.rsplit_once(':').map_or(tagged.as_str(), |(repo, _)| repo).to_string();
    let in_repo =
        || references().iter().filter(|r| r.rsplit_once(':').is_some_and(|(n, _)| n == repo)).find_map(|r| pull(r).and_then(check));
    if name.rsplit('/').next().is_some_and(|last| last.contains(':')) {
        let image = pull(&tagged)?;
        if image_manifest_digest(&image) == digest {
            return Some(image);
        }
        // `name:tag@digest`: a pin to a digest the simulator cannot know (the
        // registry's real one) resolves to the tag's image (see [`digest_note`]);
        // another simulated image's digest disagrees with the tag.
        return if in_repo().is_some() { None } else { Some(image) };
    }
    in_repo()
}

/// The `dockersim:` line for `name:tag@digest` whose digest is not the
/// simulated image's: tutorials pin real registry digests (Microsoft's .NET
/// samples do), which the simulator resolves to the tag instead.
pub fn digest_note(reference: &str) -> Option<String> {
    let (name, digest) = reference.split_once('@')?;
    if !name.rsplit('/').next().is_some_and(|last| last.contains(':')) {
        return None;
    }
    let image = pull(reference)?;
    (image_manifest_digest(&image) != digest).then(|| {
        format!("dockersim: {digest} is not the simulated {name}'s digest; the simulator uses the tag (the registry's real digests are not simulated)")
    })
}

/// `docker.io/library/node` → `node:latest`.
fn normalize(reference: &str) -> String {
    let normalized = super::store::normalize_reference(reference);
    let normalized = normalized.strip_prefix("docker.io/").unwrap_or(&normalized);
    normalized.strip_prefix("library/").unwrap_or(normalized).to_string()
}

/// Builds (or reuses) one layer.
fn layer(key: &str, build: &dyn Fn() -> LayerFs) -> Arc<Layer> {
    if let Some(found) = LAYERS.with(|m| m.borrow().get(key).cloned()) {
        return found;
    }
    let lfs = build();
    let entries = lfs.entries();
    let built = match pinned_diff_id(key).map(str::to_string).or_else(|| data::pinned(key)) {
        Some(diff_id) => Layer::with_diff_id(entries, diff_id),
        None => Layer::from_entries(entries, lfs.mtime),
    };
    let built = Arc::new(built);
    LAYERS.with(|m| m.borrow_mut().insert(key.to_string(), built.clone()));
    built
}

/// The DiffIDs of `reference` recomputed from the real tar streams, ignoring
/// pins and the memo (slow: hashes every byte; for tests and benchmarks).
pub fn diff_ids_unpinned(reference: &str) -> Option<Vec<String>> {
    let normalized = normalize(reference);
    let spec = spec_any(&normalized, 0)?;
    let ids = spec.steps.iter().filter_map(|step| match step {
        Step::Layer { build, .. } => Some(layer_unpinned(build.as_ref()).diff_id),
        Step::Meta(_) => None,
    });
    Some(ids.collect())
}

/// Builds a layer from scratch, never using a pinned DiffID (for the pin test).
pub(crate) fn layer_unpinned(build: &dyn Fn() -> LayerFs) -> Layer {
    let lfs = build();
    Layer::from_entries(lfs.entries(), lfs.mtime)
}

fn assemble(spec: Spec) -> Image {
    let mut layers = Vec::new();
    let mut history = Vec::new();
    for step in &spec.steps {
        match step {
            Step::Layer { key, created_by, build } => {
                layers.push(layer(key, build.as_ref()));
                history.push(History {
                    created: spec.created.clone(),
                    created_by: created_by.clone(),
                    comment: spec.comment.clone(),
                    ..Default::default()
                });
            }
            Step::Meta(created_by) => history.push(History {
                created: spec.created.clone(),
                created_by: created_by.clone(),
                comment: spec.comment.clone(),
                empty_layer: true,
                ..Default::default()
            }),
        }
    }
    let config = ImageConfig {
        architecture: "amd64".into(),
        os: "linux".into(),
        created: spec.created.clone(),
        config: spec.config,
        history,
        rootfs: RootFs { kind: "layers".into(), diff_ids: layers.iter().map(|l| l.diff_id.clone()).collect() },
    };
    Image::new(config, layers)
}

/// Every layer key with its builder, for the pin test.
pub(crate) fn all_layer_steps() -> Vec<(String, Box<dyn Fn() -> LayerFs>)> {
    let mut seen = BTreeMap::new();
    for reference in families::ALL_REFERENCES {
        if let Some(spec) = families::spec(reference) {
            for step in spec.steps {
                if let Step::Layer { key, build, .. } = step {
                    seen.entry(key).or_insert(build);
                }
            }
        }
    }
    seen.into_iter().collect()
}

#[cfg(test)]
mod tests;
