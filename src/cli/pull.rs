//! Moving images and files: pull, save, load, cp.

use super::containers::resolve_or_report;
use super::flags::{self, b, v, Flag};
use super::units::human_size;
use super::{arg_error, flag_error, Out};
use crate::image::reference::Reference;
use crate::image::Image;
use crate::vfs::{self, Content, Fs, Meta, Node};

use crate::Engine;

pub fn run(engine: &mut Engine, cmd: &str, args: &[String], out: &mut Out) -> i32 {
    match cmd {
        "pull" => pull(engine, args, out),
        "save" => save(engine, args, out),
        _ => load(engine, args, out),
    }
}

fn pull(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    const FLAGS: &[Flag] = &[b("all-tags", Some('a')), b("quiet", Some('q')), v("platform", None), b("disable-content-trust", None)];
    let p = match flags::parse(FLAGS, args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("pull", &e, out),
    };
    if p.args.len() != 1 {
        return arg_error("pull", "exactly 1 argument", "[OPTIONS] NAME[:TAG|@DIGEST]", "Download an image from a registry", out);
    }
    let r = match Reference::parse(&p.args[0]) {
        Ok(r) => r,
        Err(e) => {
            out.eline(e);
            return 1;
        }
    };
    if r.tag.is_none() && r.digest.is_none() {
        out.line("Using default tag: latest");
    }
    let mut progress = Vec::new();
    match engine.daemon.pull(&r, &mut progress) {
        Ok(_) => {
            for l in &progress {
                if l.starts_with("dockersim:") {
                    out.eline(l);
                } else if !p.on("quiet") {
                    out.line(l);
                }
            }
            out.line(r.canonical());
            0
        }
        Err(e) => {
            if !p.on("quiet") {
                progress.iter().for_each(|l| out.line(l));
            }
            out.eline(e.text());
            if let Some(hint) = engine.daemon.pull_hint(&r, &e) {
                out.eline(hint);
            }
            1
        }
    }
}

/// `docker save`: a `docker-archive` of the images (layers stay in the daemon's pool).
/// The most layer bytes `docker save` writes (the archive lives in memory).
pub(super) const SAVE_LIMIT: u64 = 300_000_000;

/// Real bytes (not generated content) the host's files may hold: `docker
/// save -o` refuses to pass it, and once the files hold more, the host
/// shell's writes fail as on a full disk until files are removed.
pub const HOST_DISK_LIMIT: u64 = 512 << 20;

fn save(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let p = match flags::parse(&[v("output", Some('o')), v("platform", None)], args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("save", &e, out),
    };
    if p.args.is_empty() {
        return arg_error(
            "save",
            "at least 1 argument",
            "[OPTIONS] IMAGE [IMAGE...]",
            "Save one or more images to a tar archive (streamed to STDOUT by default)",
            out,
        );
    }
    let mut images = Vec::new();
    let mut total = 0u64;
    for name in &p.args {
        let Some(id) = engine.daemon.find_image(name) else {
            out.eline(format!("Error response from daemon: No such image: {name}"));
            return 1;
        };
        let Some(image) = engine.daemon.images.get(&id) else { return 1 };
        total += image.size();
        let by_id = id[7..].starts_with(name.trim_start_matches("sha256:"));
        let tags: Vec<String> = match Reference::parse(name) {
            Ok(r) if !by_id && r.digest.is_none() => vec![r.familiar()],
            _ => Vec::new(),
        };
        images.push((image.clone(), tags));
    }
    // The archive holds every byte of every layer; keep the browser's memory safe.
    if total > SAVE_LIMIT {
        out.eline(format!(
            "dockersim: saving {} of layers is more than this simulator writes ({} at most); try a smaller image such as alpine or busybox",
            human_size(total),
            human_size(SAVE_LIMIT)
        ));
        return 1;
    }
    // Archives are real bytes on the learner's host: all of them together stay
    // under the host's disk budget.
    if p.value("output").is_some() {
        let held = engine.host.fs.root().held_bytes();
        if held.saturating_add(total) > HOST_DISK_LIMIT {
            let file = p.value("output").unwrap_or_default();
            out.eline(format!(
                "failed to save image: write {file}: no space left on device (dockersim keeps at most {} of files on the host, {} are in use; remove old archives with rm)",
                human_size(HOST_DISK_LIMIT),
                human_size(held)
            ));
            return 1;
        }
    }
    let refs: Vec<(&Image, Vec<String>)> = images.iter().map(|(i, t)| (i, t.clone())).collect();
    let archive = match crate::image::oci::save(&refs, engine.daemon.now) {
        Ok(a) => a,
        Err(e) => {
            out.eline(format!("Error response from daemon: {e}"));
            return 1;
        }
    };
    write_archive(engine, p.value("output"), archive, "failed to save image: invalid output path", out)
}

/// Writes `archive` to `file`, or to standard output when that is a pipe or
/// a redirection (`docker save`, `docker export`); refuses a terminal.
pub(super) fn write_archive(engine: &mut Engine, file: Option<&str>, archive: Vec<u8>, failure: &str, out: &mut Out) -> i32 {
    match file {
        Some(file) => {
            let path = vfs::join(&engine.host.cwd, file);
            if let Err(e) = engine.host.fs.write(&path, Content::from_bytes(archive), Meta::new(0o644, engine.daemon.now)) {
                out.eline(format!("{failure}: open {path}: {}", e.reason().to_lowercase()));
                return 1;
            }
            0
        }
        None if engine.host.stdout_tty => {
            out.eline("cowardly refusing to save to a terminal. Use the -o flag or redirect");
            1
        }
        None => {
            out.raw = archive;
            0
        }
    }
}

fn load(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let p = match flags::parse(&[v("input", Some('i')), b("quiet", Some('q'))], args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("load", &e, out),
    };
    let bytes = match p.value("input") {
        Some(file) => {
            let path = vfs::join(&engine.host.cwd, file);
            match engine.host.fs.read(&path) {
                Ok(b) => b,
                Err(e) => {
                    out.eline(format!("open {path}: {}", e.reason().to_lowercase()));
                    return 1;
                }
            }
        }
        None if engine.host.stdin.is_empty() => {
            out.eline("requested load from stdin, but stdin is empty");
            return 1;
        }
        None => std::mem::take(&mut engine.host.stdin),
    };
    // The daemon takes gzip-, bzip2- and xz-compressed archives too.
    let Some(tar) = crate::archive::tar_stream(&bytes) else {
        out.eline("Error response from daemon: archive/tar: invalid tar header");
        return 1;
    };
    let loaded = match crate::image::oci::load(&tar) {
        Ok(l) => l,
        Err(e) => {
            out.eline(format!("Error response from daemon: {e}"));
            return 1;
        }
    };
    for (image, tags) in loaded {
        for layer in &image.layers {
            if !p.on("quiet") {
                let size = human_size(layer.size);
                out.line(format!(
                    "{}: Loading layer [==================================================>]  {size}/{size}",
                    &layer.diff_id[7..19]
                ));
            }
        }
        let id = engine.daemon.images.insert(image);
        if tags.is_empty() {
            out.line(format!("Loaded image ID: {id}"));
        }
        for t in tags {
            engine.daemon.images.tag(&t, &id);
            out.line(format!("Loaded image: {t}"));
        }
    }
    0
}

/// `docker cp SRC DEST`, one side `CONTAINER:PATH`.
pub fn cp(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let p = match flags::parse(&[b("archive", Some('a')), b("follow-link", Some('L')), b("quiet", Some('q'))], args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("cp", &e, out),
    };
    if p.args.len() != 2 {
        return arg_error(
            "cp",
            "exactly 2 arguments",
            "[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH",
            "Copy files/folders between a container and the local filesystem",
            out,
        );
    }
    let split = |s: &str| -> Option<(String, String)> {
        let (c, path) = s.split_once(':')?;
        (!c.contains('/') && !c.is_empty()).then(|| (c.to_string(), path.to_string()))
    };
    let (src, dst) = (&p.args[0], &p.args[1]);
    let now = engine.daemon.now;
    match (split(src), split(dst)) {
        (Some((cname, cpath)), None) => {
            let Some(id) = resolve_or_report(engine, &cname, out) else { return 1 };
            let Some(c) = engine.daemon.containers.get(&id) else { return 1 };
            let abs = vfs::join("/", &cpath);
            let Ok(node) = c.fs.get(&abs).cloned() else {
                out.eline(format!("Error response from daemon: Could not find the file {cpath} in container {cname}"));
                return 1;
            };
            let dest = vfs::join(&engine.host.cwd, dst);
            let size = tree_size(&node);
            match place(&mut engine.host.fs, &abs, &dest, node, now) {
                Ok(()) => {
                    out.eline(format!("Successfully copied {} to {dst}", human_size(size.max(512))));
                    0
                }
                Err(e) => {
                    out.eline(e);
                    1
                }
            }
        }
        (None, Some((cname, cpath))) => {
            let src_abs = vfs::join(&engine.host.cwd, src);
            let Ok(node) = engine.host.fs.get(&src_abs).cloned() else {
                out.eline(format!("lstat {src_abs}: no such file or directory"));
                return 1;
            };
            let Some(id) = resolve_or_report(engine, &cname, out) else { return 1 };
            let size = tree_size(&node);
            let Some(c) = engine.daemon.containers.get_mut(&id) else { return 1 };
            match place(&mut c.fs, &src_abs, &vfs::join("/", &cpath), node, now) {
                Ok(()) => {
                    out.eline(format!("Successfully copied {} to {cname}:{cpath}", human_size(size.max(512))));
                    0
                }
                Err(e) => {
                    out.eline(format!("Error response from daemon: {e}"));
                    1
                }
            }
        }
        (Some(_), Some(_)) => {
            out.eline("copying between containers is not supported");
            1
        }
        (None, None) => {
            out.eline("must specify at least one container source");
            1
        }
    }
}

fn tree_size(node: &Node) -> u64 {
    match node {
        Node::Dir { entries, .. } => entries.values().map(tree_size).sum(),
        other => other.file_size(),
    }
}

/// Copies `node` (from `src_path`) to `dest`: into it when it is a directory.
fn place(fs: &mut Fs, src_path: &str, dest: &str, node: Node, now: i64) -> Result<(), String> {
    let name = src_path.rsplit('/').next().unwrap_or("");
    let target = match fs.get(dest) {
        Ok(Node::Dir { .. }) => vfs::join(dest, name),
        _ => dest.to_string(),
    };
    let parent = &target[..target.rfind('/').unwrap_or(0)];
    if !parent.is_empty() && !fs.exists(parent) {
        return Err(format!("Could not find the file {parent} in container"));
    }
    let _ = now;
    fs.insert(&target, node).map_err(|e| e.to_string())
}
