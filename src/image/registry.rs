//! Registries the simulated host can push to: Docker Hub (for the
//! repositories the learner pushed; the rest of Docker Hub is the catalog)
//! and the `registry:2` containers, each with its own storage. A registry
//! keeps manifests by repository and tag; a layer is stored once per
//! registry, which is what `docker push` reports as `Layer already exists`
//! or `Mounted from`.

use super::Image;
use std::collections::BTreeMap;

/// Docker Hub's storage key.
pub const HUB: &str = "docker.io";

/// One pushed manifest.
#[derive(Clone, Debug)]
pub struct Pushed {
    pub image: Image,
    /// `sha256:` of the manifest.
    pub digest: String,
    /// The manifest's length in bytes (`size:` in push's last line).
    pub size: usize,
}

/// The storage of every registry: `store` is [`HUB`] or a registry
/// container's ID; repositories are paths without the host (`me/app`,
/// `library/alpine`).
#[derive(Clone, Debug, Default)]
pub struct Registries {
    repos: BTreeMap<String, BTreeMap<String, BTreeMap<String, Pushed>>>,
}

impl Registries {
    /// The manifest `repo:tag` in `store`.
    pub fn get(&self, store: &str, repo: &str, tag: &str) -> Option<&Pushed> {
        self.repos.get(store)?.get(repo)?.get(tag)
    }

    /// Stores `pushed` as `repo:tag`.
    pub fn put(&mut self, store: &str, repo: &str, tag: &str, pushed: Pushed) {
        self.repos.entry(store.to_string()).or_default().entry(repo.to_string()).or_default().insert(tag.to_string(), pushed);
    }

    /// Whether `repo` in `store` holds a layer with this DiffID.
    pub fn repo_has_layer(&self, store: &str, repo: &str, diff_id: &str) -> bool {
        self.repos
            .get(store)
            .and_then(|r| r.get(repo))
            .is_some_and(|tags| tags.values().any(|p| p.image.layers.iter().any(|l| l.diff_id == diff_id)))
    }

    /// The first repository of `store` (in name order) holding the layer.
    pub fn layer_home(&self, store: &str, diff_id: &str) -> Option<String> {
        let repos = self.repos.get(store)?;
        repos.iter().find(|(_, tags)| tags.values().any(|p| p.image.layers.iter().any(|l| l.diff_id == diff_id))).map(|(r, _)| r.clone())
    }

    /// The repositories of `store`, in name order.
    pub fn repositories(&self, store: &str) -> Vec<String> {
        self.repos.get(store).map(|r| r.keys().cloned().collect()).unwrap_or_default()
    }

    /// The tags of `repo` in `store`, `None` when the repository is unknown.
    pub fn tags(&self, store: &str, repo: &str) -> Option<Vec<String>> {
        self.repos.get(store)?.get(repo).map(|t| t.keys().cloned().collect())
    }

    /// Forgets a store (a registry container was removed).
    pub fn drop_store(&mut self, store: &str) {
        self.repos.remove(store);
    }
}
