//! `docker export` (a container's filesystem as one tar) and `docker import`
//! (a tar as a one-layer image with no config but what `--change` sets).

use super::flags::{self, v};
use super::{arg_error, flag_error, Out};
use crate::image::{History, Image, ImageConfig};
use crate::layer::Layer;
use crate::time::rfc3339;
use crate::vfs::{self, Fs};
use crate::Engine;
use std::sync::Arc;

/// `docker export [-o FILE] CONTAINER`: to the file, or to a pipe or a redirection.
pub fn export(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let p = match flags::parse(&[v("output", Some('o'))], args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("export", &e, out),
    };
    let [name] = p.args.as_slice() else {
        return arg_error("export", "exactly 1 argument", "[OPTIONS] CONTAINER", "Export a container's filesystem as a tar archive", out);
    };
    let Some(id) = super::containers::resolve_or_report(engine, name, out) else { return 1 };
    let Some(c) = engine.daemon.containers.get(&id) else { return 1 };
    let now = engine.daemon.now;
    let size = engine.daemon.images.get(&c.image_id).map_or(0, Image::size).saturating_add(c.rw_size());
    if size > super::pull::SAVE_LIMIT {
        out.eline(format!(
            "dockersim: exporting {} is more than this simulator writes ({} at most)",
            super::units::human_size(size),
            super::units::human_size(super::pull::SAVE_LIMIT)
        ));
        return 1;
    }
    // `/dev` is the runtime's tmpfs: the archive has the image's directory.
    let mut fs = c.fs.clone();
    let _ = fs.remove("/dev", true);
    if let Ok(dev) = c.base.get_nofollow("/dev") {
        let _ = fs.insert("/dev", dev.clone());
    }
    let tar = Layer::diff(&Fs::new(), &fs, now).to_tar(now);
    super::pull::write_archive(engine, p.value("output"), tar, "failed to export container", out)
}

/// `docker import [-c CHANGE]… [-m MESSAGE] FILE|- [REPOSITORY[:TAG]]`.
pub fn import(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let p = match flags::parse(&[v("change", Some('c')), v("message", Some('m')), v("platform", None)], args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("import", &e, out),
    };
    let (source, repo) = match p.args.as_slice() {
        [s] => (s.as_str(), None),
        [s, r] => (s.as_str(), Some(r.as_str())),
        _ => {
            return arg_error(
                "import",
                "at least 1 and at most 2 arguments",
                "[OPTIONS] file|URL|- [REPOSITORY[:TAG]]",
                "Import the contents from a tarball to create a filesystem image",
                out,
            )
        }
    };
    let bytes = if source == "-" {
        std::mem::take(&mut engine.host.stdin)
    } else if source.contains("://") {
        out.eline(format!("dockersim: docker import {source}: importing from a URL is not simulated; download the file first"));
        return 1;
    } else {
        match engine.host.fs.read(&vfs::join(&engine.host.cwd, source)) {
            Ok(b) => b,
            Err(e) => {
                out.eline(format!("open {source}: {}", e.reason().to_lowercase()));
                return 1;
            }
        }
    };
    let Some(tar) = crate::archive::tar_stream(&bytes) else {
        out.eline("Error response from daemon: archive/tar: invalid tar header");
        return 1;
    };
    let layer = match crate::layer::layer_from_tar(&tar) {
        Ok(l) => l,
        Err(e) => {
            out.eline(format!("Error response from daemon: {e}"));
            return 1;
        }
    };
    let target = match repo.map(crate::image::reference::Reference::parse).transpose() {
        Ok(t) => t,
        Err(e) => {
            out.eline(format!("Error response from daemon: {e}"));
            return 1;
        }
    };
    let now = engine.daemon.now;
    let mut config = ImageConfig { architecture: "amd64".into(), os: "linux".into(), created: rfc3339(now), ..Default::default() };
    for change in p.values("change") {
        if let Err(e) = super::commit::apply_change(&mut config.config, change) {
            out.eline(format!("Error response from daemon: {e}"));
            return 1;
        }
    }
    let from = if source == "-" { "-".to_string() } else { source.to_string() };
    config.history.push(History {
        created: rfc3339(now),
        created_by: String::new(),
        author: None,
        comment: Some(p.value("message").map_or_else(|| format!("Imported from {from}"), str::to_string)),
        empty_layer: false,
    });
    config.rootfs.diff_ids = vec![layer.diff_id.clone()];
    let id = engine.daemon.images.insert(Image::new(config, vec![Arc::new(layer)]));
    if let Some(r) = target {
        engine.daemon.images.tag(&r.familiar(), &id);
    }
    out.line(&id);
    0
}
