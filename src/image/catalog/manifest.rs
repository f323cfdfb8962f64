//! Manifests: what a registry serves for a catalog image, and the digest
//! `name@sha256:…` refers to (`docker pull` prints it as `Digest:`).
//!
//! The manifest is an OCI image manifest whose layers are the uncompressed
//! layer tars (`application/vnd.oci.image.layer.v1.tar`, digest = DiffID,
//! size = tar length), as `docker save` with the containerd image store
//! writes them. The tar length is computed from the entries (512-byte
//! headers, content padded to 512, two zero blocks at the end), so no
//! content is generated or hashed.

use crate::digest::sha256_digest;
use crate::image::Image;
use crate::layer::Layer;
use crate::vfs::Node;

/// Length of the layer's tar stream as `layer::write_tar` writes it.
pub fn tar_len(layer: &Layer) -> u64 {
    let body: u64 = layer
        .entries
        .iter()
        .map(|e| match &e.node {
            Some(Node::File { content, .. }) => 512 + content.len().div_ceil(512) * 512,
            _ => 512,
        })
        .sum();
    body + 1024
}

/// The manifest JSON of `image` (keys in the order the OCI spec lists them).
pub fn manifest_json(image: &Image) -> String {
    let layers: Vec<serde_json::Value> = image
        .layers
        .iter()
        .map(|l| {
            serde_json::json!({
                "mediaType": "application/vnd.oci.image.layer.v1.tar",
                "digest": l.diff_id,
                "size": tar_len(l),
            })
        })
        .collect();
    serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {
            "mediaType": "application/vnd.oci.image.config.v1+json",
            "digest": image.id,
            "size": image.config.to_json().len(),
        },
        "layers": layers,
    })
    .to_string()
}

/// The sha256 of [`manifest_json`]: the image's repo digest.
pub fn image_manifest_digest(image: &Image) -> String {
    sha256_digest(manifest_json(image).as_bytes())
}

/// The manifest digest of a catalog reference (`nginx:alpine` → `sha256:…`).
pub fn manifest_digest(reference: &str) -> Option<String> {
    super::pull(reference).map(|image| image_manifest_digest(&image))
}
