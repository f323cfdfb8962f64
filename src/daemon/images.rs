//! Images on the daemon: lookup by reference, digest or ID prefix, the
//! shared root filesystems of their containers, generated IDs.

use super::Daemon;
use crate::digest::sha256_hex;
use crate::image::reference::Reference;
use crate::vfs::Fs;
use std::sync::Arc;

impl Daemon {
    /// A fresh deterministic 64-hex ID.
    pub fn new_id(&mut self, kind: &str, salt: &str) -> String {
        self.seq += 1;
        sha256_hex(format!("{kind}\0{}\0{}\0{salt}", self.seq, self.now).as_bytes())
    }

    /// Finds a local image by reference, digest reference or ID prefix.
    pub fn find_image(&self, reference: &str) -> Option<String> {
        if let Ok(r) = Reference::parse(reference) {
            if let Some(d) = &r.digest {
                let wanted = format!("{}@{d}", r.familiar_name());
                return self.image_meta.iter().find(|(_, m)| m.repo_digests.contains(&wanted)).map(|(id, _)| id.clone());
            }
            if let Some(id) = self.images.tags().get(&r.familiar()) {
                return Some(id.clone());
            }
        }
        let hex = reference.strip_prefix("sha256:").unwrap_or(reference);
        if hex.len() >= 4 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return self.images.lookup(reference).map(|i| i.id.clone());
        }
        None
    }

    /// The image's root filesystem, built once and shared by its containers.
    pub fn rootfs(&mut self, image_id: &str) -> Arc<Fs> {
        if let Some(fs) = self.rootfs.get(image_id) {
            return fs.clone();
        }
        let fs = match self.images.get(image_id) {
            Some(image) => Arc::new(crate::build::diff::materialize(&image.layers)),
            None => Arc::new(Fs::new()),
        };
        self.rootfs.insert(image_id.to_string(), fs.clone());
        fs
    }
}
