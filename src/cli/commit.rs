//! `docker commit`: a container's read/write layer becomes one new image layer.

use super::containers::resolve_or_report;
use super::flags::{self, b, v, Flag};
use super::{arg_error, flag_error, Out};
use crate::image::reference::Reference;
use crate::image::{History, Image};
use crate::time::rfc3339;
use crate::Engine;
use std::sync::Arc;

/// `docker commit [-m MSG] [-a AUTHOR] [-c CHANGE] CONTAINER [REPOSITORY[:TAG]]`.
pub fn commit(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    const FLAGS: &[Flag] = &[v("message", Some('m')), v("author", Some('a')), v("change", Some('c')), b("pause", Some('p'))];
    let p = match flags::parse(FLAGS, args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("commit", &e, out),
    };
    if p.args.is_empty() || p.args.len() > 2 {
        return arg_error(
            "commit",
            "at least 1 and at most 2 arguments",
            "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]",
            "Create a new image from a container's changes",
            out,
        );
    }
    let target = match p.args.get(1).map(|r| Reference::parse(r)) {
        Some(Ok(r)) => Some(r),
        Some(Err(e)) => {
            out.eline(format!("Error parsing reference: \"{}\" is not a valid repository/tag: {e}", p.args[1]));
            return 1;
        }
        None => None,
    };
    let Some(cid) = resolve_or_report(engine, &p.args[0], out) else { return 1 };
    let now = engine.daemon.now;
    let Some(c) = engine.daemon.containers.get(&cid).cloned() else { return 1 };
    let Some(base) = engine.daemon.images.get(&c.image_id).cloned() else {
        out.eline(format!("Error response from daemon: No such image: {}", c.image_id));
        return 1;
    };
    let mut config = base.config.clone();
    let cc = &mut config.config;
    cc.env = c.config.env.clone();
    cc.cmd = if c.config.cmd.is_empty() { None } else { Some(c.config.cmd.clone()) };
    cc.entrypoint = if c.config.entrypoint.is_empty() { None } else { Some(c.config.entrypoint.clone()) };
    cc.working_dir = c.config.working_dir.clone();
    cc.user = c.config.user.clone();
    for e in &c.config.exposed_ports {
        cc.exposed_ports.insert(e.clone(), Default::default());
    }
    for change in p.values("change") {
        if let Err(e) = apply_change(cc, change) {
            out.eline(format!("Error response from daemon: {e}"));
            return 1;
        }
    }
    let layer = c.rw_layer(now);
    let empty = layer.entries.is_empty();
    let mut layers = base.layers.clone();
    if !empty {
        layers.push(Arc::new(layer));
    }
    config.created = rfc3339(now);
    config.history.push(History {
        created: rfc3339(now),
        created_by: c.config.argv().join(" "),
        author: p.value("author").map(str::to_string),
        comment: p.value("message").map(str::to_string),
        empty_layer: empty,
    });
    config.rootfs.diff_ids = layers.iter().map(|l| l.diff_id.clone()).collect();
    let image = Image::new(config, layers);
    let id = engine.daemon.images.insert(image);
    let meta = engine.daemon.image_meta.entry(id.clone()).or_default();
    meta.parent = Some(c.image_id.clone());
    if let Some(r) = target {
        engine.daemon.images.tag(&r.familiar(), &id);
        meta.last_tag_time = Some(now);
    }
    out.line(&id);
    0
}

/// One `--change` Dockerfile instruction applied to a config.
pub(super) fn apply_change(cc: &mut crate::image::ContainerConfig, change: &str) -> Result<(), String> {
    let (instr, rest) = change.trim().split_once(char::is_whitespace).unwrap_or((change.trim(), ""));
    let rest = rest.trim();
    let list = |s: &str| -> Vec<String> {
        serde_json::from_str::<Vec<String>>(s).unwrap_or_else(|_| vec!["/bin/sh".into(), "-c".into(), s.to_string()])
    };
    match instr.to_ascii_uppercase().as_str() {
        "CMD" => cc.cmd = Some(list(rest)),
        "ENTRYPOINT" => cc.entrypoint = Some(list(rest)),
        "ENV" => {
            let (k, v) = rest.split_once('=').or_else(|| rest.split_once(' ')).unwrap_or((rest, ""));
            cc.env.retain(|kv| kv.split('=').next() != Some(k));
            cc.env.push(format!("{k}={v}"));
        }
        "EXPOSE" => {
            for port in rest.split_whitespace() {
                let key = if port.contains('/') { port.to_string() } else { format!("{port}/tcp") };
                cc.exposed_ports.insert(key, Default::default());
            }
        }
        "WORKDIR" => cc.working_dir = rest.to_string(),
        "USER" => cc.user = rest.to_string(),
        "LABEL" => {
            let (k, v) = rest.split_once('=').unwrap_or((rest, ""));
            cc.labels.insert(k.to_string(), v.trim_matches('"').to_string());
        }
        "STOPSIGNAL" => cc.stop_signal = rest.to_string(),
        "VOLUME" | "ONBUILD" | "HEALTHCHECK" => {}
        other => return Err(format!("{other} is not a valid change command")),
    }
    Ok(())
}
