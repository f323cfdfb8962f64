//! Pulls: what the registry holds (the catalog, and what the learner pushed
//! to Docker Hub or a `registry:2` container), stored on the daemon.

use super::Daemon;
use crate::container::Service;
use crate::digest::short_id;
use crate::image::reference::Reference;
use crate::image::registry::HUB;
use crate::image::{catalog, Image};

/// The manifest digest a registry would serve for `image` (its RepoDigest).
pub fn manifest_digest(image: &Image) -> String {
    catalog::image_manifest_digest(image)
}

/// `library/nginx` as pull prints it (`Pulling from library/nginx`).
fn repo_path(r: &Reference) -> String {
    if r.domain == "docker.io" {
        r.path.clone()
    } else {
        format!("{}/{}", r.domain, r.path)
    }
}

/// Why a pull failed: the daemon's answer (the client prefixes `Error
/// response from daemon: `), or an error in the progress stream, which the
/// client prints as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PullError {
    Daemon(String),
    Stream(String),
}

impl PullError {
    /// The text the docker client prints for it.
    pub fn text(&self) -> String {
        match self {
            PullError::Daemon(m) => format!("Error response from daemon: {m}"),
            PullError::Stream(m) => m.clone(),
        }
    }
}

impl From<String> for PullError {
    fn from(m: String) -> PullError {
        PullError::Daemon(m)
    }
}

impl Daemon {
    /// The `dockersim:` line that follows a failed pull: what the simulator
    /// lacks, or why a real image is refused.
    pub fn pull_hint(&self, r: &Reference, e: &PullError) -> Option<String> {
        match e {
            PullError::Stream(_) => Some(format!(
                "dockersim: {} uses the schema 1 manifest format, which Docker 26 and later (the simulated Docker is 27) refuse; tutorials written for older Docker need another image",
                r.familiar()
            )),
            PullError::Daemon(_) => self.registry_hint(r),
        }
    }

    /// The one line that follows Docker's error for an image the simulator
    /// lacks; none for the learner's own registries and repositories, whose
    /// misses are real.
    pub fn registry_hint(&self, r: &Reference) -> Option<String> {
        let local = matches!(r.domain.split(':').next(), Some("localhost" | "127.0.0.1" | "[::1]"));
        if local || (r.domain == "docker.io" && self.registries.tags(HUB, &r.path).is_some()) {
            return None;
        }
        Some(format!(
        "dockersim: {} is not part of the simulator's registry; authors can add it with an image declaration (docs/images.md, `dockersim shell --images FILE`)",
        r.familiar()
    ))
    }

    /// `docker pull`'s work: fetch from the catalog or a registry the learner
    /// pushed to, store. Returns the image ID (the client prints `progress`),
    /// or the daemon's error.
    pub fn pull(&mut self, r: &Reference, progress: &mut Vec<String>) -> Result<String, PullError> {
        let tag_ref = format!("{}:{}", r.familiar_name(), r.tag.clone().unwrap_or_else(|| "latest".into()));
        let matches_digest = |img: &Image| match &r.digest {
            Some(d) => &manifest_digest(img) == d,
            None => true,
        };
        // `name:tag@digest` with a digest the catalog cannot know resolves to the tag.
        let note = r.digest.as_ref().filter(|_| r.tag.is_some()).and_then(|d| catalog::digest_note(&format!("{tag_ref}@{d}")));
        let local_registry = matches!(r.domain.split(':').next(), Some("localhost" | "127.0.0.1" | "[::1]"));
        let store = if local_registry { Some(self.registry_store(&r.domain)?) } else { Some(HUB.to_string()) };
        let tag = r.tag.clone().unwrap_or_else(|| "latest".into());
        let pushed = store.as_deref().and_then(|s| self.registries.get(s, &r.path, &tag)).map(|p| p.image.clone()).filter(matches_digest);
        let from_catalog = !local_registry && pushed.is_none();
        let found = if local_registry {
            if pushed.is_none() {
                return Err(PullError::Daemon(format!("manifest for {} not found: manifest unknown: manifest unknown", r.familiar())));
            }
            pushed
        } else {
            pushed.or_else(|| catalog::pull(&tag_ref).filter(|img| note.is_some() || matches_digest(img)))
        };
        if let Some(n) = note.or_else(|| from_catalog.then(|| catalog::patch_note(&tag_ref)).flatten()) {
            progress.push(n);
        }
        let image = match found {
            Some(image) => image,
            None if r.digest.is_some() && catalog::pull(&tag_ref).is_some() => {
                return Err(PullError::Daemon(format!(
                    "manifest for {}@{} not found: manifest unknown: manifest unknown",
                    r.familiar_name(),
                    r.digest.as_deref().unwrap_or("")
                )))
            }
            None if r.tag.is_some() && catalog::knows_repo(&r.familiar_name()) => {
                return Err(PullError::Daemon(format!("manifest for {} not found: manifest unknown: manifest unknown", r.familiar())))
            }
            None => {
                let repo = r.familiar_name();
                return Err(PullError::Daemon(format!(
                "pull access denied for {repo}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied"
            )));
            }
        };
        let label = r.digest.clone().unwrap_or_else(|| r.tag.clone().unwrap_or_else(|| "latest".into()));
        let label = if r.digest.is_some() { format!("{}@{label}", r.canonical().split('@').next().unwrap_or("")) } else { label };
        let digest = manifest_digest(&image);
        let already = self.images.get(&image.id).is_some();
        progress.push(format!("{label}: Pulling from {}", repo_path(r)));
        // Docker 26+ refuses schema 1 manifests (docker/whalesay, training/webapp).
        if !already && catalog::schema1(&tag_ref) {
            return Err(PullError::Stream(catalog::schema1_refusal(&tag_ref)));
        }
        if !already {
            let present = crate::btree::set(self.images.images().flat_map(|i| i.layers.iter().map(|l| l.diff_id.clone())));
            let mut seen = std::collections::BTreeSet::new();
            for layer in &image.layers {
                if !seen.insert(layer.diff_id.clone()) {
                    continue;
                }
                let status = if present.contains(&layer.diff_id) { "Already exists" } else { "Pull complete" };
                progress.push(format!("{}: {status}", short_id(&layer.diff_id)));
            }
        }
        progress.push(format!("Digest: {digest}"));
        let id = image.id.clone();
        self.images.insert(image);
        let tag_key = r.tag_or_latest().map(|t| format!("{}:{t}", r.familiar_name()));
        let was_tagged = tag_key.as_ref().is_some_and(|k| self.images.tags().get(k) == Some(&id));
        if let Some(key) = &tag_key {
            self.images.tag(key, &id);
        }
        let meta = self.image_meta.entry(id.clone()).or_default();
        let repo_digest = format!("{}@{digest}", r.familiar_name());
        if !meta.repo_digests.contains(&repo_digest) {
            meta.repo_digests.push(repo_digest);
        }
        self.image_event(&r.familiar(), &id, &r.familiar_name(), "pull");
        if already && (was_tagged || r.digest.is_some()) {
            progress.push(format!("Status: Image is up to date for {}", r.familiar()));
        } else {
            progress.push(format!("Status: Downloaded newer image for {}", r.familiar()));
        }
        self.now += 2;
        Ok(id)
    }

    /// The storage a domain names: [`HUB`] or the ID of the registry container
    /// answering on that localhost port; else the daemon's error.
    pub fn registry_store(&self, domain: &str) -> Result<String, String> {
        if domain == "docker.io" {
            return Ok(HUB.to_string());
        }
        let (host, port) = match domain.rsplit_once(':') {
            Some((h, p)) => (h, p.parse::<u16>().ok()),
            None => (domain, None),
        };
        let local = matches!(host, "localhost" | "127.0.0.1" | "[::1]");
        if !local {
            return Err(format!("Get \"https://{domain}/v2/\": dial tcp: lookup {host}: no such host"));
        }
        let port = port.unwrap_or(80);
        let found = self.containers.iter().find(|c| {
            c.is_running()
                && matches!(c.service, Some(Service::Registry { .. }))
                && c.ports.iter().any(|b| b.host_port == Some(port) && b.container_port == 5000)
        });
        match found {
            Some(c) => Ok(c.id.clone()),
            None => {
                let addr = if host == "localhost" { "[::1]" } else { host };
                Err(format!("Get \"http://{domain}/v2/\": dial tcp {addr}:{port}: connect: connection refused"))
            }
        }
    }
}
