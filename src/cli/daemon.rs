//! The daemon side of the CLI: image resolution and pulls, container
//! creation, start, stop and removal. Errors are the daemon's messages
//! (the CLI adds `Error response from daemon: `).

use super::reference::Reference;
use super::Out;
use crate::container::process::Outcome;
use crate::container::{names, Container, RunConfig, State, Stream};
use crate::digest::{sha256_hex, short_id};
use crate::image::registry::HUB;
use crate::image::{catalog, Image};
use crate::vfs::Fs;
use crate::Engine;
use std::sync::Arc;

/// A fresh deterministic 64-hex ID.
pub fn new_id(engine: &mut Engine, kind: &str, salt: &str) -> String {
    engine.seq += 1;
    sha256_hex(format!("{kind}\0{}\0{}\0{salt}", engine.seq, engine.now).as_bytes())
}

/// The manifest digest a registry would serve for `image` (its RepoDigest).
pub fn manifest_digest(image: &Image) -> String {
    catalog::image_manifest_digest(image)
}

/// Finds a local image by reference, digest reference or ID prefix.
pub fn find_image(engine: &Engine, reference: &str) -> Option<String> {
    if let Ok(r) = Reference::parse(reference) {
        if let Some(d) = &r.digest {
            let wanted = format!("{}@{d}", r.familiar_name());
            return engine.image_meta.iter().find(|(_, m)| m.repo_digests.contains(&wanted)).map(|(id, _)| id.clone());
        }
        if let Some(id) = engine.images.tags().get(&r.familiar()) {
            return Some(id.clone());
        }
    }
    let hex = reference.strip_prefix("sha256:").unwrap_or(reference);
    if hex.len() >= 4 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return engine.images.lookup(reference).map(|i| i.id.clone());
    }
    None
}

/// The one line that follows Docker's error for an image the simulator
/// lacks; none for the learner's own registries and repositories, whose
/// misses are real.
pub fn registry_hint(engine: &Engine, r: &Reference) -> Option<String> {
    let local = matches!(r.domain.split(':').next(), Some("localhost" | "127.0.0.1" | "[::1]"));
    if local || (r.domain == "docker.io" && engine.registries.tags(HUB, &r.path).is_some()) {
        return None;
    }
    Some(format!(
        "dockersim: {} is not part of the simulator's registry; authors can add it with an image declaration (docs/images.md, `dockersim shell --images FILE`)",
        r.familiar()
    ))
}

/// `docker pull`'s work: fetch from the catalog, print layer progress, store.
/// Returns the image ID, or the daemon's error.
pub fn pull(engine: &mut Engine, r: &Reference, out: &mut Out) -> Result<String, String> {
    let tag_ref = format!("{}:{}", r.familiar_name(), r.tag.clone().unwrap_or_else(|| "latest".into()));
    let matches_digest = |img: &Image| match &r.digest {
        Some(d) => &manifest_digest(img) == d,
        None => true,
    };
    let local_registry = matches!(r.domain.split(':').next(), Some("localhost" | "127.0.0.1" | "[::1]"));
    let store = if local_registry { Some(super::registry::store_for(engine, &r.domain)?) } else { Some(HUB.to_string()) };
    let tag = r.tag.clone().unwrap_or_else(|| "latest".into());
    let pushed = store.as_deref().and_then(|s| engine.registries.get(s, &r.path, &tag)).map(|p| p.image.clone()).filter(matches_digest);
    let found = if local_registry {
        if pushed.is_none() {
            return Err(format!("manifest for {} not found: manifest unknown: manifest unknown", r.familiar()));
        }
        pushed
    } else {
        pushed.or_else(|| catalog::pull(&tag_ref).filter(matches_digest))
    };
    let image = match found {
        Some(image) => image,
        None if r.digest.is_some() && catalog::pull(&tag_ref).is_some() => {
            return Err(format!(
                "manifest for {}@{} not found: manifest unknown: manifest unknown",
                r.familiar_name(),
                r.digest.as_deref().unwrap_or("")
            ))
        }
        None if r.tag.is_some() && catalog::knows_repo(&r.familiar_name()) => {
            return Err(format!("manifest for {} not found: manifest unknown: manifest unknown", r.familiar()))
        }
        None => {
            let repo = r.familiar_name();
            return Err(format!(
                "pull access denied for {repo}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied"
            ));
        }
    };
    let label = r.digest.clone().unwrap_or_else(|| r.tag.clone().unwrap_or_else(|| "latest".into()));
    let label = if r.digest.is_some() { format!("{}@{label}", r.canonical().split('@').next().unwrap_or("")) } else { label };
    let digest = manifest_digest(&image);
    let already = engine.images.get(&image.id).is_some();
    out.line(format!("{label}: Pulling from {}", repo_path(r)));
    if !already {
        let present = crate::btree::set(engine.images.images().flat_map(|i| i.layers.iter().map(|l| l.diff_id.clone())));
        let mut seen = std::collections::BTreeSet::new();
        for layer in &image.layers {
            if !seen.insert(layer.diff_id.clone()) {
                continue;
            }
            let status = if present.contains(&layer.diff_id) { "Already exists" } else { "Pull complete" };
            out.line(format!("{}: {status}", short_id(&layer.diff_id)));
        }
    }
    out.line(format!("Digest: {digest}"));
    let id = image.id.clone();
    engine.images.insert(image);
    let tag_key = r.tag_or_latest().map(|t| format!("{}:{t}", r.familiar_name()));
    let was_tagged = tag_key.as_ref().is_some_and(|k| engine.images.tags().get(k) == Some(&id));
    if let Some(key) = &tag_key {
        engine.images.tag(key, &id);
    }
    let meta = engine.image_meta.entry(id.clone()).or_default();
    let repo_digest = format!("{}@{digest}", r.familiar_name());
    if !meta.repo_digests.contains(&repo_digest) {
        meta.repo_digests.push(repo_digest);
    }
    if already && (was_tagged || r.digest.is_some()) {
        out.line(format!("Status: Image is up to date for {}", r.familiar()));
    } else {
        out.line(format!("Status: Downloaded newer image for {}", r.familiar()));
    }
    engine.now += 2;
    Ok(id)
}

/// `library/nginx` as pull prints it (`Pulling from library/nginx`).
fn repo_path(r: &Reference) -> String {
    if r.domain == "docker.io" {
        r.path.clone()
    } else {
        format!("{}/{}", r.domain, r.path)
    }
}

/// The image's root filesystem, built once and shared by its containers.
pub fn rootfs(engine: &mut Engine, image_id: &str) -> Arc<Fs> {
    if let Some(fs) = engine.rootfs.get(image_id) {
        return fs.clone();
    }
    let fs = match engine.images.get(image_id) {
        Some(image) => Arc::new(crate::build::diff::materialize(&image.layers)),
        None => Arc::new(Fs::new()),
    };
    engine.rootfs.insert(image_id.to_string(), fs.clone());
    fs
}

/// Checks a `--name` value as the daemon does.
pub fn validate_name(name: &str) -> Result<(), String> {
    let n = name.strip_prefix('/').unwrap_or(name);
    let ok = n.len() >= 2
        && n.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && n.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    if ok {
        Ok(())
    } else {
        Err(format!("Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"))
    }
}

/// The "name in use" conflict text.
pub fn name_conflict(engine: &Engine, name: &str) -> Option<String> {
    engine.containers.by_name(name).map(|c| {
        format!(
            "Conflict. The container name \"/{}\" is already in use by container \"{}\". You have to remove (or rename) that container to be able to reuse that name.",
            c.name, c.id
        )
    })
}

/// Creates a container (state `created`).
/// What `docker create` is given besides the image.
pub struct CreateOptions<'a> {
    pub name: Option<&'a str>,
    pub config: RunConfig,
    pub ports: Vec<crate::container::PortBinding>,
    pub mounts: Vec<crate::container::Mount>,
    pub auto_remove: bool,
}

pub fn create(engine: &mut Engine, image_id: &str, image_ref: &str, opts: CreateOptions) -> Result<String, String> {
    let CreateOptions { name, config, ports, mounts, auto_remove } = opts;
    if let Some(n) = name {
        validate_name(n)?;
        if let Some(conflict) = name_conflict(engine, n) {
            return Err(conflict);
        }
    }
    let id = new_id(engine, "container", image_id);
    let name = match name {
        Some(n) => n.trim_start_matches('/').to_string(),
        None => (0..).map(|i| names::generate(&id, i)).find(|n| engine.containers.by_name(n).is_none()).unwrap_or_default(),
    };
    let base = rootfs(engine, image_id);
    let mut config = config;
    if config.hostname.is_empty() {
        config.hostname = id[..12].to_string();
    }
    let mut fs = (*base).clone();
    if matches!(fs.get("/etc"), Ok(crate::vfs::Node::Dir { .. })) {
        let short = config.hostname.as_str();
        let meta = crate::vfs::Meta::new(0o644, engine.now);
        let hosts = format!("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff00::1\tip6-allnodes\nff00::2\tip6-allrouters\n172.17.0.2\t{short}\n");
        for (path, text) in [
            ("/etc/hostname", format!("{short}\n")),
            ("/etc/hosts", hosts),
            ("/etc/resolv.conf", "nameserver 8.8.8.8\nnameserver 8.8.4.4\n".to_string()),
        ] {
            let _ = fs.write(path, crate::vfs::Content::from_bytes(text), meta.clone());
        }
    }
    let container = Container {
        fs,
        base,
        id: id.clone(),
        name,
        image_id: image_id.to_string(),
        image_ref: image_ref.to_string(),
        created: engine.now,
        config,
        ports,
        auto_remove,
        state: State::Created,
        logs: Vec::new(),
        log_times: Vec::new(),
        service: None,
        restart_count: 0,
        mounts,
    };
    engine.containers.insert(container);
    super::mounts::sync_in(engine, &id);
    Ok(id)
}

/// Starts a container's main process. Port conflicts and missing programs
/// are errors (the container stays `created`).
pub fn start(engine: &mut Engine, id: &str) -> Result<Outcome, String> {
    let now = engine.now;
    let in_use: Vec<u16> = engine
        .containers
        .iter()
        .filter(|c| c.is_running() && c.id != id)
        .flat_map(|c| c.ports.iter().filter_map(|p| p.host_port))
        .collect();
    let mut next_ephemeral = 32768u16;
    let Some(c) = engine.containers.get_mut(id) else { return Err(format!("No such container: {id}")) };
    if c.is_running() {
        return Ok(Outcome::Serving(c.service.clone().unwrap_or(crate::container::Service::Idle)));
    }
    for p in c.ports.iter_mut() {
        match p.host_port {
            Some(hp) if in_use.contains(&hp) => {
                let endpoint = sha256_hex(format!("endpoint\0{}\0{now}", c.id).as_bytes());
                let ip = if p.host_ip.is_empty() { "0.0.0.0".to_string() } else { p.host_ip.clone() };
                return Err(format!(
                    "driver failed programming external connectivity on endpoint {} ({endpoint}): Bind for {ip}:{hp} failed: port is already allocated",
                    c.name
                ));
            }
            Some(_) => {}
            None => {
                while in_use.contains(&next_ephemeral) {
                    next_ephemeral += 1;
                }
                p.host_port = Some(next_ephemeral);
                next_ephemeral += 1;
            }
        }
    }
    super::networks::on_start(engine, id);
    super::mounts::sync_in(engine, id);
    let Some(c) = engine.containers.get_mut(id) else { return Err(format!("No such container: {id}")) };
    let argv = c.config.argv();
    let outcome = match super::sql::main_process(engine, id, &argv).or_else(|| super::network::client(engine, id, &argv)) {
        Some(outcome) => outcome,
        None => match super::session::start_main(engine, id, &argv, now) {
            Some(outcome) => outcome,
            None => return Err(format!("No such container: {id}")),
        },
    };
    let Some(c) = engine.containers.get_mut(id) else { return Err(format!("No such container: {id}")) };
    match &outcome {
        Outcome::StartFailed(..) => {}
        Outcome::Exited(code) => {
            c.state = State::Exited { code: code.rem_euclid(256), started: now, finished: now };
            c.service = None;
        }
        Outcome::Serving(service) => {
            c.state = State::Running { started: now };
            c.service = Some(service.clone());
        }
        Outcome::Interactive(_) => {
            c.state = State::Running { started: now };
            c.service = None;
        }
    }
    super::mounts::sync_out(engine, id);
    Ok(outcome)
}

/// Ends the main process with `code`, keeping the logs it wrote meanwhile.
pub fn finish(engine: &mut Engine, id: &str, code: i32) {
    let now = engine.now;
    if let Some(c) = engine.containers.get_mut(id) {
        if let State::Running { started } = c.state {
            c.stamp_logs(now);
            let lines = c.timed_log_lines(now);
            c.log_times = lines.iter().map(|l| l.0).collect();
            c.logs = lines.into_iter().map(|(_, stream, text)| (stream, text)).collect();
            c.state = State::Exited { code, started, finished: now };
            c.service = None;
        }
    }
    if engine.session.as_ref().is_some_and(|s| s.container_id == id) {
        engine.session = None;
    }
    if engine.containers.get(id).is_some_and(|c| c.auto_remove) {
        engine.containers.remove(id);
    }
}

/// `docker stop`: SIGTERM, then SIGKILL after 10 s for processes that
/// ignore it (a PID 1 without a handler: node, python, shells).
pub fn stop(engine: &mut Engine, id: &str) {
    let Some(c) = engine.containers.get(id) else { return };
    if !c.is_running() {
        return;
    }
    let handles_term =
        matches!(c.service, Some(crate::container::Service::Nginx { .. } | crate::container::Service::NodeApp { stops_on_term: true, .. }));
    if handles_term {
        finish(engine, id, 0);
    } else {
        engine.now += 10;
        finish(engine, id, 137);
    }
}

/// Log lines written since `from` (for attached output).
pub fn logs_since(engine: &Engine, id: &str, from: usize) -> Vec<(Stream, String)> {
    engine.containers.get(id).map(|c| c.log_lines(engine.now).into_iter().skip(from).collect()).unwrap_or_default()
}

/// Prints log lines to the right streams.
pub fn print_logs(lines: &[(Stream, String)], out: &mut Out) {
    for (stream, text) in lines {
        out.push(*stream, &format!("{text}\n"));
    }
}
