//! `docker push`: the image's layers and manifest go to Docker Hub (into
//! the learner's own namespace, after `docker login`) or to a `registry:2`
//! container on localhost. Layers a registry already has are not sent again
//! (`Layer already exists`); layers of images pulled from the same registry
//! are mounted from their repository (`Mounted from library/alpine`).

use super::flags::{self, b, v};
use super::registry::{self, INDEX_SERVER};
use super::{arg_error, flag_error, Out};
use crate::digest::short_id;
use crate::image::catalog::manifest_json;
use crate::image::reference::Reference;
use crate::image::registry::{Pushed, HUB};
use crate::Engine;

pub fn run(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let flags = &[b("all-tags", Some('a')), b("quiet", Some('q')), b("disable-content-trust", None), v("platform", None)];
    let p = match flags::parse(flags, args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("push", &e, out),
    };
    if p.args.len() != 1 {
        return arg_error("push", "exactly 1 argument", "[OPTIONS] NAME[:TAG]", "Upload an image to a registry", out);
    }
    let r = match Reference::parse(&p.args[0]) {
        Ok(r) => r,
        Err(e) => {
            out.eline(e);
            return 1;
        }
    };
    let all = p.on("all-tags");
    if all && r.tag.is_some() {
        out.eline("tag can't be used with --all-tags/-a");
        return 1;
    }
    if r.tag.is_none() && r.digest.is_none() && !all {
        out.line("Using default tag: latest");
    }
    let name = r.familiar_name();
    let tags: Vec<String> = if all {
        engine.daemon.images.tags().keys().filter_map(|k| k.strip_prefix(&format!("{name}:")).map(str::to_string)).collect()
    } else {
        r.tag_or_latest().into_iter().collect()
    };
    if tags.is_empty() || tags.iter().any(|t| engine.daemon.find_image(&format!("{name}:{t}")).is_none()) {
        out.eline(format!("An image does not exist locally with the tag: {name}"));
        return 1;
    }
    let mut progress = Out::default();
    let status = push_tags(engine, &r, &tags, &mut progress);
    if p.on("quiet") {
        for c in progress.chunks.iter().filter(|c| c.stream == crate::container::Stream::Stderr) {
            out.err(&c.text);
        }
        if status == 0 {
            out.line(r.canonical());
        }
    } else {
        for c in progress.chunks {
            out.push(c.stream, &c.text);
        }
    }
    status
}

fn push_tags(engine: &mut Engine, r: &Reference, tags: &[String], out: &mut Out) -> i32 {
    out.line(format!("The push refers to repository [{}/{}]", r.domain, r.path));
    let store = match engine.daemon.registry_store(&r.domain) {
        Ok(s) => s,
        Err(e) => {
            out.eline(e);
            if let Some(hint) = registry::remote_hint(r) {
                out.eline(hint);
            }
            return 1;
        }
    };
    for tag in tags {
        let Some(id) = engine.daemon.find_image(&format!("{}:{tag}", r.familiar_name())) else { return 1 };
        let Some(image) = engine.daemon.images.get(&id).cloned() else { return 1 };
        let mut layers: Vec<String> = Vec::new();
        for l in image.layers.iter().rev() {
            if !layers.contains(&l.diff_id) {
                layers.push(l.diff_id.clone());
            }
        }
        if store == HUB && !may_push(engine, r) {
            for d in &layers {
                out.line(format!("{}: Preparing", short_id(d)));
            }
            out.eline("denied: requested access to the resource is denied");
            return 1;
        }
        for d in &layers {
            let status = if engine.daemon.registries.repo_has_layer(&store, &r.path, d) {
                "Layer already exists".to_string()
            } else if let Some(from) = pulled_from(engine, r, d).or_else(|| engine.daemon.registries.layer_home(&store, d)) {
                format!("Mounted from {from}")
            } else {
                "Pushed".to_string()
            };
            out.line(format!("{}: {status}", short_id(d)));
        }
        let manifest = manifest_json(&image);
        let digest = crate::image::catalog::image_manifest_digest(&image);
        out.line(format!("{tag}: digest: {digest} size: {}", manifest.len()));
        engine.daemon.registries.put(&store, &r.path, tag, Pushed { image, digest: digest.clone(), size: manifest.len() });
        let repo_digest = format!("{}@{digest}", r.familiar_name());
        let meta = engine.daemon.image_meta.entry(id).or_default();
        if !meta.repo_digests.contains(&repo_digest) {
            meta.repo_digests.push(repo_digest);
        }
        engine.daemon.now += 1;
    }
    0
}

/// Docker Hub lets a logged-in user push into their own namespace only.
fn may_push(engine: &Engine, r: &Reference) -> bool {
    let Some((user, _)) = registry::logged_in(engine, INDEX_SERVER) else { return false };
    r.path.split('/').next().is_some_and(|ns| ns.eq_ignore_ascii_case(&user))
}

/// The repository (on the registry `r` names) a local image holding the
/// layer was pulled from, other than `r` itself.
fn pulled_from(engine: &Engine, r: &Reference, diff_id: &str) -> Option<String> {
    engine.daemon.images.images().filter(|i| i.layers.iter().any(|l| l.diff_id == diff_id)).find_map(|i| {
        let meta = engine.daemon.image_meta.get(&i.id)?;
        meta.repo_digests.iter().find_map(|rd| {
            let name = rd.split('@').next()?;
            let from = Reference::parse(name).ok()?;
            (from.domain == r.domain && from.path != r.path).then_some(from.path)
        })
    })
}
