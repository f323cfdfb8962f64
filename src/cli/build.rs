//! `docker build` / `docker image build` / `docker buildx build`: parses
//! the CLI's flags, reads the context from the host filesystem and hands
//! the work to the builder (`crate::build`).

use super::flags::{self, b, v, Flag};
use super::{Effect, Out};
use crate::build::{render_error, render_plain, render_quiet, render_tty, BuildRequest};
use crate::image::reference::Reference;
use crate::vfs::{self, Fs, Node};
use crate::Engine;

pub(super) const FLAGS: &[Flag] = &[
    v("tag", Some('t')),
    v("file", Some('f')),
    b("no-cache", None),
    b("quiet", Some('q')),
    v("progress", None),
    v("build-arg", None),
    v("target", None),
    v("platform", None),
    b("pull", None),
    b("load", None),
    b("rm", None),
    v("label", None),
    v("network", None),
];

pub fn run(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let mark = out.chunks.len();
    let status = run_build(engine, args, out);
    if !out.effects.iter().any(|e| matches!(e, Effect::Build { .. })) && status != 0 {
        // It failed before building: the page shows this failure, not the previous build.
        let error: String = out.chunks[mark.min(out.chunks.len())..].iter().map(|c| c.text.as_str()).collect();
        let error = error.lines().next().unwrap_or("").to_string();
        out.effects.push(Effect::Build { ok: false, report: false, image: None, error: Some(error) });
    }
    status
}

fn run_build(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let p = match flags::parse(FLAGS, args, true) {
        Ok(p) => p,
        Err(e) => {
            out.eline(format!("ERROR: {e}"));
            return 1;
        }
    };
    if p.args.len() != 1 {
        out.eline("ERROR: \"docker buildx build\" requires exactly 1 argument.");
        out.eline("See 'docker buildx build --help'.");
        out.eline("");
        out.eline("Usage:  docker buildx build [OPTIONS] PATH | URL | -");
        out.eline("");
        out.eline("Start a build");
        return 1;
    }
    let mut tags = Vec::new();
    for t in p.values("tag") {
        match Reference::parse(t) {
            Ok(r) if r.digest.is_none() => tags.push(r.familiar()),
            Ok(_) | Err(_) => {
                out.eline(format!("ERROR: invalid tag \"{t}\": invalid reference format"));
                return 1;
            }
        }
    }
    // `docker build - < Dockerfile` (or a here-document): the Dockerfile is
    // standard input and the context is empty; `-f -` reads only the Dockerfile.
    let stdin = std::mem::take(&mut engine.host.stdin);
    let from_stdin = p.args[0] == "-";
    let dir = vfs::join(&engine.host.cwd, &p.args[0]);
    let context = match engine.host.fs.get(&dir) {
        _ if from_stdin => Fs::new(),
        Ok(node @ Node::Dir { .. }) => {
            let mut fs = Fs::new();
            let _ = fs.insert("/", node.clone());
            fs
        }
        Ok(_) => {
            out.eline(format!("ERROR: unable to prepare context: path \"{}\" not found", p.args[0]));
            return 1;
        }
        Err(_) => {
            out.eline(format!("ERROR: unable to prepare context: path \"{}\" not found", p.args[0]));
            return 1;
        }
    };
    let dockerfile_path = match p.value("file") {
        Some(f) => vfs::join(&engine.host.cwd, f),
        None => vfs::join(&dir, "Dockerfile"),
    };
    let read = if from_stdin || p.value("file") == Some("-") { Ok(stdin) } else { engine.host.fs.read(&dockerfile_path) };
    let dockerfile = match read {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(_) => {
            let name = p.value("file").unwrap_or("Dockerfile");
            out.eline(format!(
                "ERROR: failed to build: failed to solve: failed to read dockerfile: open {name}: no such file or directory"
            ));
            return 1;
        }
    };
    let mut build_args = std::collections::BTreeMap::new();
    for a in p.values("build-arg") {
        match a.split_once('=') {
            Some((k, v)) => build_args.insert(k.to_string(), v.to_string()),
            None => engine.host.env.get(a).map(|v| build_args.insert(a.clone(), v.clone())).unwrap_or(None),
        };
    }
    let dockerfile_name = dockerfile_path.rsplit('/').next().unwrap_or("Dockerfile").to_string();
    let request = BuildRequest {
        dockerfile,
        dockerfile_name,
        context,
        tags,
        no_cache: p.on("no-cache"),
        build_args,
        target: p.value("target").map(str::to_string),
    };
    let report = engine.build(&request);
    if let Some(id) = report.image_id.clone().filter(|_| report.ok) {
        for t in &request.tags {
            engine.daemon.image_event(&id, &id, t, "tag");
        }
    }
    let error = report.error.as_ref().map(|d| d.message.clone());
    out.effects.push(Effect::Build { ok: report.ok, report: true, image: report.image_id.clone(), error });
    if p.on("quiet") {
        out.out(render_quiet(&report));
        if !report.ok {
            out.err(render_error(&report));
        }
    } else if p.value("progress") == Some("plain") || (p.value("progress").is_none_or(|v| v == "auto") && !engine.host.stderr_tty) {
        // `auto` (the default) is plain when stderr is a file or a pipe.
        out.err(render_plain(&report));
    } else {
        out.err(render_tty(&report));
    }
    if report.ok {
        0
    } else {
        1
    }
}
