//! Removing images: rmi (with the daemon's conflict rules) and image prune.

use super::flags::{self, b, v, Flag};
use super::images::{image_arg, repo_digests, tags_of};
use super::units::human_size;
use super::{arg_error, flag_error, Out};
use crate::digest::sha256_digest;
use crate::image::reference::Reference;
use crate::image::Image;
use crate::Engine;

/// ChainIDs of an image's layers, bottom to top.
pub(crate) fn chain_ids(image: &Image) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in &image.layers {
        let next = match out.last() {
            None => l.diff_id.clone(),
            Some(prev) => sha256_digest(format!("{prev} {}", l.diff_id).as_bytes()),
        };
        out.push(next);
    }
    out
}

/// Removes `id` from the store and prints `Deleted:` for it and freed layers.
pub(crate) fn delete_image(engine: &mut Engine, id: &str, out: &mut Out) {
    let Some(image) = engine.daemon.images.get(id).cloned() else { return };
    for d in repo_digests(engine, id) {
        out.line(format!("Untagged: {d}"));
    }
    engine.daemon.image_event(id, id, id, "delete");
    engine.daemon.images.remove(id);
    engine.daemon.image_meta.remove(id);
    engine.daemon.rootfs.remove(id);
    out.line(format!("Deleted: {id}"));
    let still = crate::btree::set(engine.daemon.images.images().flat_map(chain_ids));
    for chain in chain_ids(&image).into_iter().rev() {
        if !still.contains(&chain) {
            out.line(format!("Deleted: {chain}"));
        }
    }
}

pub(crate) fn rmi(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    const FLAGS: &[Flag] = &[b("force", Some('f')), b("no-prune", None)];
    let p = match flags::parse(FLAGS, args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("rmi", &e, out),
    };
    if p.args.is_empty() {
        return arg_error("rmi", "at least 1 argument", "[OPTIONS] IMAGE [IMAGE...]", "Remove one or more images", out);
    }
    let force = p.on("force");
    let mut status = 0;
    for arg in &p.args {
        let Some(id) = image_arg(engine, arg, out) else {
            status = 1;
            continue;
        };
        let short = id[7..19].to_string();
        let by_id = id[7..].starts_with(arg.trim_start_matches("sha256:"));
        let tags = tags_of(engine, &id);
        let users: Vec<(String, bool)> =
            engine.daemon.containers.iter().filter(|c| c.image_id == id).map(|c| (c.short_id().to_string(), c.is_running())).collect();
        let children = engine.daemon.image_meta.values().any(|m| m.parent.as_deref() == Some(id.as_str()));
        let err = |out: &mut Out, msg: String| out.eline(format!("Error response from daemon: {msg}"));
        if !by_id {
            let key = Reference::parse(arg).map(|r| r.familiar()).unwrap_or_else(|_| arg.clone());
            if tags.len() > 1 || (!users.is_empty() && force) || (tags.len() == 1 && children) {
                engine.daemon.images.untag(&key);
                engine.daemon.image_event(&id, &id, &id, "untag");
                out.line(format!("Untagged: {key}"));
                continue;
            }
            if let Some((cid, _)) = users.first() {
                err(out, format!("conflict: unable to remove repository reference \"{arg}\" (must force) - container {cid} is using its referenced image {short}"));
                status = 1;
                continue;
            }
            engine.daemon.images.untag(&key);
            engine.daemon.image_event(&id, &id, &id, "untag");
            out.line(format!("Untagged: {key}"));
            delete_image(engine, &id, out);
            continue;
        }
        if children {
            err(out, format!("conflict: unable to delete {short} (cannot be forced) - image has dependent child images"));
            status = 1;
            continue;
        }
        if let Some((cid, _)) = users.iter().find(|(_, running)| *running) {
            err(out, format!("conflict: unable to delete {short} (cannot be forced) - image is being used by running container {cid}"));
            status = 1;
            continue;
        }
        if !force {
            if tags.len() > 1 {
                err(out, format!("conflict: unable to delete {short} (must be forced) - image is referenced in multiple repositories"));
                status = 1;
                continue;
            }
            if let Some((cid, _)) = users.first() {
                err(out, format!("conflict: unable to delete {short} (must be forced) - image is being used by stopped container {cid}"));
                status = 1;
                continue;
            }
        }
        for t in &tags {
            engine.daemon.images.untag(t);
            engine.daemon.image_event(&id, &id, &id, "untag");
            out.line(format!("Untagged: {t}"));
        }
        delete_image(engine, &id, out);
    }
    status
}

pub(crate) fn prune(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    const FLAGS: &[Flag] = &[b("all", Some('a')), b("force", Some('f')), v("filter", None)];
    let p = match flags::parse(FLAGS, args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("image prune", &e, out),
    };
    let warning = if p.on("all") {
        "WARNING! This will remove all images without at least one container associated to them."
    } else {
        "WARNING! This will remove all dangling images."
    };
    if super::ask(engine, p.on("force"), &["image", "prune"], args, warning, out) {
        return 0;
    }
    let used: Vec<String> = engine.daemon.containers.iter().map(|c| c.image_id.clone()).collect();
    let victims: Vec<String> = engine
        .daemon
        .images
        .images()
        .filter(|i| !used.contains(&i.id))
        .filter(|i| p.on("all") || (tags_of(engine, &i.id).is_empty() && repo_digests(engine, &i.id).is_empty()))
        .filter(|i| !engine.daemon.image_meta.values().any(|m| m.parent.as_deref() == Some(i.id.as_str())))
        .map(|i| i.id.clone())
        .collect();
    let before: u64 = layer_bytes(engine);
    let mut text = Out::default();
    for id in &victims {
        for t in tags_of(engine, id) {
            engine.daemon.images.untag(&t);
            text.line(format!("untagged: {t}"));
        }
        let mut sub = Out::default();
        delete_image(engine, id, &mut sub);
        for line in sub.stdout_text().lines() {
            text.line(line.replacen("Untagged:", "untagged:", 1).replacen("Deleted:", "deleted:", 1));
        }
    }
    if !victims.is_empty() {
        out.line("Deleted Images:");
        out.out(text.stdout_text());
        out.line("");
    }
    out.line(format!("Total reclaimed space: {}", human_size(before - layer_bytes(engine))));
    0
}

/// Bytes of distinct layers in the store.
pub fn layer_bytes(engine: &Engine) -> u64 {
    let mut seen = std::collections::BTreeMap::new();
    for image in engine.daemon.images.images() {
        for (chain, layer) in chain_ids(image).into_iter().zip(&image.layers) {
            seen.insert(chain, layer.size);
        }
    }
    seen.values().sum()
}

/// Layer ChainIDs with sizes, for `system df`.
pub fn image_layers(image: &Image) -> Vec<(String, u64)> {
    chain_ids(image).into_iter().zip(image.layers.iter().map(|l| l.size)).collect()
}
