//! Image commands: images, history, tag, rmi, image prune, commit, and the
//! image half of inspect.

use super::flags::{self, b, v, Flag};
use super::format::{self, ellipsis, row, Listing};
use super::units::{ago, parse_rfc3339, size3};
use super::{arg_error, flag_error, Out};
use crate::image::reference::Reference;
use crate::image::{History, Image};
use crate::time::rfc3339;
use crate::Engine;
use serde_json::{json, Value};

pub fn run(engine: &mut Engine, cmd: &str, args: &[String], out: &mut Out) -> i32 {
    match cmd {
        "images" => images(engine, args, out),
        "history" => history(engine, args, out),
        "tag" => tag(engine, args, out),
        "rmi" => super::rmi::rmi(engine, args, out),
        "image prune" => super::rmi::prune(engine, args, out),
        _ => 1,
    }
}

fn created_secs(image: &Image) -> i64 {
    parse_rfc3339(&image.config.created).unwrap_or(0)
}

/// `name:tag` references pointing at `id`, sorted.
pub fn tags_of(engine: &Engine, id: &str) -> Vec<String> {
    engine.daemon.images.tags().iter().filter(|(_, v)| v.as_str() == id).map(|(k, _)| k.clone()).collect()
}

pub(crate) fn repo_digests(engine: &Engine, id: &str) -> Vec<String> {
    engine.daemon.image_meta.get(id).map(|m| m.repo_digests.clone()).unwrap_or_default()
}

/// Go's `path.Match` for `*`, `?` (no `/` crossing) and literals (linear time: `crate::glob`).
fn glob(pattern: &str, name: &str) -> bool {
    use crate::glob::{Glob, Tok};
    let toks: Vec<Tok> = pattern
        .chars()
        .map(|c| match c {
            '*' => Tok::Star,
            '?' => Tok::Any,
            c => Tok::Lit(c),
        })
        .collect();
    Glob::new(&toks, Some('/')).is_match(name)
}

fn images(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    const FLAGS: &[Flag] = &[
        b("all", Some('a')),
        b("quiet", Some('q')),
        b("digests", None),
        b("no-trunc", None),
        v("filter", Some('f')),
        v("format", None),
        b("tree", None),
    ];
    let p = match flags::parse(FLAGS, args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("images", &e, out),
    };
    if p.args.len() > 1 {
        return arg_error("images", "at most 1 argument", "[OPTIONS] [REPOSITORY[:TAG]]", "List images", out);
    }
    let mut dangling: Option<bool> = None;
    let mut patterns: Vec<String> = p.args.clone();
    for f in p.values("filter") {
        match f.split_once('=') {
            Some(("dangling", v)) => dangling = Some(v == "true" || v == "1"),
            Some(("reference", v)) => patterns.push(v.to_string()),
            _ => {
                out.eline(format!("Error response from daemon: invalid filter '{}'", f.split('=').next().unwrap_or(f)));
                return 1;
            }
        }
    }
    let now = engine.daemon.now;
    let trunc = !p.on("no-trunc");
    let mut list: Vec<&Image> = engine.daemon.images.images().collect();
    crate::sort::sort_by(&mut list, |a, b| created_secs(b).cmp(&created_secs(a)).then(a.id.cmp(&b.id)));
    let mut rows = Vec::new();
    for image in list {
        let tags = tags_of(engine, &image.id);
        let digests = repo_digests(engine, &image.id);
        let is_dangling = tags.is_empty() && digests.is_empty();
        match dangling {
            Some(true) if !is_dangling => continue,
            Some(false) if is_dangling => continue,
            // Like the classic image store: untagged images that are
            // parents of other images are hidden without -a; dangling
            // top-level ones (an old build, an untagged commit) are listed.
            None if is_dangling
                && !p.on("all")
                && engine.daemon.image_meta.values().any(|m| m.parent.as_deref() == Some(image.id.as_str())) =>
            {
                continue
            }
            _ => {}
        }
        let mut entries: Vec<(String, String)> = tags
            .iter()
            .map(|t| {
                let (repo, tag) = t.rsplit_once(':').unwrap_or((t, "latest"));
                (repo.to_string(), tag.to_string())
            })
            .collect();
        for d in &digests {
            let repo = d.split('@').next().unwrap_or("");
            if !entries.iter().any(|(r, _)| r == repo) {
                entries.push((repo.to_string(), "<none>".into()));
            }
        }
        if entries.is_empty() {
            entries.push(("<none>".into(), "<none>".into()));
        }
        for (repo, tag) in entries {
            if !patterns.is_empty() {
                let name_tag = format!("{repo}:{tag}");
                let hit = patterns.iter().any(|pat| if pat.contains(':') { glob(pat, &name_tag) } else { glob(pat, &repo) });
                if !hit {
                    continue;
                }
            }
            let digest = digests
                .iter()
                .find(|d| d.split('@').next() == Some(repo.as_str()))
                .and_then(|d| d.split('@').nth(1))
                .unwrap_or("<none>")
                .to_string();
            let id = if trunc { image.id[7..19].to_string() } else { image.id.clone() };
            let containers = engine.daemon.containers.iter().filter(|c| c.image_id == image.id).count();
            rows.push(row(vec![
                ("Containers", Value::String(containers.to_string())),
                ("CreatedAt", Value::String(rfc3339(created_secs(image)).replace('T', " ").replace('Z', " +0000 UTC"))),
                ("CreatedSince", Value::String(ago(now, created_secs(image)))),
                ("Digest", Value::String(digest)),
                ("ID", Value::String(id)),
                ("Repository", Value::String(repo)),
                ("SharedSize", Value::String("N/A".into())),
                ("Size", Value::String(size3(image.size()))),
                ("Tag", Value::String(tag)),
                ("UniqueSize", Value::String("N/A".into())),
                ("VirtualSize", Value::String(size3(image.size()))),
            ]));
        }
    }
    if p.on("quiet") {
        let mut seen = Vec::new();
        for r in &rows {
            let id = r["ID"].as_str().unwrap_or("").to_string();
            if !seen.contains(&id) {
                out.line(&id);
                seen.push(id);
            }
        }
        return 0;
    }
    let default = if p.on("digests") {
        "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"
    } else {
        "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"
    };
    let listing = Listing {
        default,
        headers: &[
            ("Repository", "REPOSITORY"),
            ("Tag", "TAG"),
            ("Digest", "DIGEST"),
            ("ID", "IMAGE ID"),
            ("CreatedSince", "CREATED"),
            ("CreatedAt", "CREATED AT"),
            ("Size", "SIZE"),
            ("SharedSize", "SHARED SIZE"),
            ("UniqueSize", "UNIQUE SIZE"),
            ("VirtualSize", "VIRTUAL SIZE"),
            ("Containers", "CONTAINERS"),
        ],
        type_name: "*formatter.ImageContext",
        rows,
    };
    format::print(&listing, p.value("format"), out)
}

/// Resolves an image argument or prints `No such image`.
pub(crate) fn image_arg(engine: &Engine, arg: &str, out: &mut Out) -> Option<String> {
    let found = engine.daemon.find_image(arg);
    if found.is_none() {
        let shown = Reference::parse(arg).map(|r| r.familiar()).unwrap_or_else(|_| arg.to_string());
        let shown = if arg.chars().all(|c| c.is_ascii_hexdigit()) && arg.len() >= 4 { arg.to_string() } else { shown };
        out.eline(format!("Error response from daemon: No such image: {shown}"));
    }
    found
}

fn history(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    const FLAGS: &[Flag] = &[b("human", Some('H')), b("no-trunc", None), b("quiet", Some('q')), v("format", None), v("platform", None)];
    let p = match flags::parse(FLAGS, args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("history", &e, out),
    };
    if p.args.len() != 1 {
        return arg_error("history", "exactly 1 argument", "[OPTIONS] IMAGE", "Show the history of an image", out);
    }
    let Some(id) = image_arg(engine, &p.args[0], out) else { return 1 };
    let Some(image) = engine.daemon.images.get(&id).cloned() else { return 1 };
    let human = !p.given("human") || p.on("human");
    let trunc = !p.on("no-trunc");
    let now = engine.daemon.now;
    // Which rows have a local image ID: the top one, then each committed parent's top.
    let mut ids = vec![(0usize, id.clone())];
    let mut cur = id.clone();
    while let Some(parent) = engine.daemon.image_meta.get(&cur).and_then(|m| m.parent.clone()) {
        let Some(parent_img) = engine.daemon.images.get(&parent) else { break };
        ids.push((image.config.history.len() - parent_img.config.history.len(), parent.clone()));
        cur = parent;
    }
    let mut layer_sizes = image.layers.iter().map(|l| l.size);
    let mut entries: Vec<(&History, u64)> = Vec::new();
    for h in &image.config.history {
        let size = if h.empty_layer { 0 } else { layer_sizes.next().unwrap_or(0) };
        entries.push((h, size));
    }
    entries.reverse();
    let mut rows = Vec::new();
    for (i, (h, size)) in entries.iter().enumerate() {
        let row_id = ids.iter().find(|(at, _)| *at == i).map(|(_, id)| id.clone());
        let shown_id = match row_id {
            Some(id) if trunc => id[7..19].to_string(),
            Some(id) => id,
            None => "<missing>".into(),
        };
        let created = parse_rfc3339(&h.created).unwrap_or(0);
        let created_by = h.created_by.replace('\t', " ");
        rows.push(row(vec![
            ("Comment", Value::String(h.comment.clone().unwrap_or_default())),
            ("CreatedAt", Value::String(rfc3339(created))),
            ("CreatedBy", Value::String(if trunc { ellipsis(&created_by, 45) } else { created_by })),
            ("CreatedSince", Value::String(if human { ago(now, created) } else { rfc3339(created) })),
            ("ID", Value::String(shown_id)),
            ("Size", Value::String(if human { size3(*size) } else { size.to_string() })),
        ]));
    }
    if p.on("quiet") {
        for r in &rows {
            out.line(r["ID"].as_str().unwrap_or(""));
        }
        return 0;
    }
    let default = if human {
        "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}"
    } else {
        "table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}"
    };
    let listing = Listing {
        default,
        headers: &[
            ("ID", "IMAGE"),
            ("CreatedSince", "CREATED"),
            ("CreatedAt", "CREATED AT"),
            ("CreatedBy", "CREATED BY"),
            ("Size", "SIZE"),
            ("Comment", "COMMENT"),
        ],
        type_name: "*image.historyContext",
        rows,
    };
    format::print(&listing, p.value("format"), out)
}

fn tag(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let p = match flags::parse(&[], args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("tag", &e, out),
    };
    if p.args.len() != 2 {
        return arg_error(
            "tag",
            "exactly 2 arguments",
            "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]",
            "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE",
            out,
        );
    }
    let target = match Reference::parse(&p.args[1]) {
        Ok(r) if r.digest.is_none() => r,
        Ok(_) => {
            out.eline(format!("Error parsing reference: \"{}\" is not a valid repository/tag: invalid reference format", p.args[1]));
            return 1;
        }
        Err(e) => {
            out.eline(format!("Error parsing reference: \"{}\" is not a valid repository/tag: {e}", p.args[1]));
            return 1;
        }
    };
    let Some(id) = image_arg(engine, &p.args[0], out) else { return 1 };
    engine.daemon.images.tag(&target.familiar(), &id);
    engine.daemon.image_event(&id, &id, &target.familiar(), "tag");
    engine.daemon.image_meta.entry(id).or_default().last_tag_time = Some(engine.daemon.now);
    0
}

/// `docker image inspect`'s JSON for one image.
pub fn image_json(engine: &Engine, id: &str) -> Value {
    let Some(image) = engine.daemon.images.get(id) else { return Value::Null };
    let c = &image.config.config;
    let meta = engine.daemon.image_meta.get(id);
    let exposed: serde_json::Map<String, Value> = c.exposed_ports.keys().map(|k| (k.clone(), json!({}))).collect();
    let mut config = serde_json::Map::new();
    config.insert("Hostname".into(), json!(""));
    config.insert("Domainname".into(), json!(""));
    config.insert("User".into(), json!(c.user));
    config.insert("AttachStdin".into(), json!(false));
    config.insert("AttachStdout".into(), json!(false));
    config.insert("AttachStderr".into(), json!(false));
    if !exposed.is_empty() {
        config.insert("ExposedPorts".into(), Value::Object(exposed));
    }
    config.insert("Tty".into(), json!(false));
    config.insert("OpenStdin".into(), json!(false));
    config.insert("StdinOnce".into(), json!(false));
    config.insert("Env".into(), json!(c.env));
    config.insert("Cmd".into(), c.cmd.as_ref().map(|v| json!(v)).unwrap_or(Value::Null));
    if c.args_escaped {
        config.insert("ArgsEscaped".into(), json!(true));
    }
    config.insert("Image".into(), json!(""));
    config.insert("Volumes".into(), Value::Null);
    config.insert("WorkingDir".into(), json!(c.working_dir));
    config.insert("Entrypoint".into(), c.entrypoint.as_ref().map(|v| json!(v)).unwrap_or(Value::Null));
    config.insert("OnBuild".into(), Value::Null);
    config.insert("Labels".into(), if c.labels.is_empty() { Value::Null } else { json!(c.labels) });
    if !c.stop_signal.is_empty() {
        config.insert("StopSignal".into(), json!(c.stop_signal));
    }
    let top = super::rmi::chain_ids(image).last().cloned().unwrap_or_default();
    let hex = |s: &str| s.trim_start_matches("sha256:").to_string();
    json!({
        "Id": image.id,
        "RepoTags": tags_of(engine, id),
        "RepoDigests": meta.map(|m| m.repo_digests.clone()).unwrap_or_default(),
        "Parent": meta.and_then(|m| m.parent.clone()).unwrap_or_default(),
        "Comment": image.config.history.last().filter(|_| meta.is_some_and(|m| m.parent.is_some())).and_then(|h| h.comment.clone()).unwrap_or_default(),
        "Created": image.config.created,
        "DockerVersion": "",
        "Author": "",
        "Config": Value::Object(config),
        "Architecture": image.config.architecture,
        "Os": image.config.os,
        "Size": image.size(),
        "GraphDriver": {
            "Data": {
                "MergedDir": format!("/var/lib/docker/overlay2/{}/merged", hex(&top)),
                "UpperDir": format!("/var/lib/docker/overlay2/{}/diff", hex(&top)),
                "WorkDir": format!("/var/lib/docker/overlay2/{}/work", hex(&top)),
            },
            "Name": "overlay2",
        },
        "RootFS": {
            "Type": "layers",
            "Layers": image.config.rootfs.diff_ids,
        },
        "Metadata": {
            "LastTagTime": meta.and_then(|m| m.last_tag_time).map(rfc3339).unwrap_or_else(|| "0001-01-01T00:00:00Z".into()),
        },
    })
}
