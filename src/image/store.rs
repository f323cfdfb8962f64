//! The image store: images by ID, and tags naming them.

use super::ImageConfig;
use crate::digest::sha256_digest;
use crate::layer::Layer;
use std::collections::BTreeMap;
use std::sync::Arc;

/// An image: its config and its layers, bottom to top.
#[derive(Clone, Debug)]
pub struct Image {
    /// `sha256:` of the config JSON.
    pub id: String,
    pub config: ImageConfig,
    pub layers: Vec<Arc<Layer>>,
}

impl Image {
    pub fn new(config: ImageConfig, layers: Vec<Arc<Layer>>) -> Image {
        let id = sha256_digest(config.to_json().as_bytes());
        Image { id, config, layers }
    }

    /// Sum of layer sizes: Docker's "virtual size".
    pub fn size(&self) -> u64 {
        self.layers.iter().map(|l| l.size).sum()
    }
}

/// Images by ID plus the `name:tag` → ID map.
#[derive(Clone, Debug, Default)]
pub struct ImageStore {
    images: BTreeMap<String, Image>,
    tags: BTreeMap<String, String>,
}

impl ImageStore {
    pub fn insert(&mut self, image: Image) -> String {
        let id = image.id.clone();
        self.images.entry(id.clone()).or_insert(image);
        id
    }

    /// Points `reference` (normalised to `name:tag`) at `id`.
    pub fn tag(&mut self, reference: &str, id: &str) {
        self.tags.insert(normalize_reference(reference), id.to_string());
    }

    /// Removes the `name:tag` reference (the image stays).
    pub fn untag(&mut self, reference: &str) -> Option<String> {
        self.tags.remove(&normalize_reference(reference))
    }

    /// Removes an image and every tag pointing at it.
    pub fn remove(&mut self, id: &str) -> Option<Image> {
        self.tags.retain(|_, v| v != id);
        self.images.remove(id)
    }

    pub fn get(&self, id: &str) -> Option<&Image> {
        self.images.get(id)
    }

    /// Finds an image by `name[:tag]`, full ID or unique ID prefix.
    pub fn lookup(&self, reference: &str) -> Option<&Image> {
        if let Some(id) = self.tags.get(&normalize_reference(reference)) {
            return self.images.get(id);
        }
        let hex = reference.strip_prefix("sha256:").unwrap_or(reference);
        if hex.len() >= 4 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            let mut matches = self.images.values().filter(|img| img.id[7..].starts_with(hex));
            if let (Some(img), None) = (matches.next(), matches.next()) {
                return Some(img);
            }
        }
        None
    }

    pub fn images(&self) -> impl Iterator<Item = &Image> {
        self.images.values()
    }

    pub fn tags(&self) -> &BTreeMap<String, String> {
        &self.tags
    }
}

/// `name` → `name:latest`; `name:tag` unchanged. (A registry port's `:` is not a tag.)
pub fn normalize_reference(reference: &str) -> String {
    let last = reference.rsplit('/').next().unwrap_or(reference);
    if last.contains(':') || reference.contains('@') {
        reference.to_string()
    } else {
        format!("{reference}:latest")
    }
}
