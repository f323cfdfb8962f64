//! Image commands: images, history, tag, rmi, image prune, commit, and the
//! image half of inspect.

use super::containers::resolve_or_report;
use super::daemon;
use super::flags::{self, b, v, Flag};
use super::format::{self, ellipsis, row, Listing};
use super::reference::Reference;
use super::units::{ago, human_size, parse_rfc3339, size3};
use super::{arg_error, flag_error, Out};
use crate::digest::sha256_digest;
use crate::image::{History, Image};
use crate::time::rfc3339;
use crate::Engine;
use serde_json::{json, Value};
use std::sync::Arc;

pub fn run(engine: &mut Engine, cmd: &str, args: &[String], out: &mut Out) -> i32 {
    match cmd {
        "images" => images(engine, args, out),
        "history" => history(engine, args, out),
        "tag" => tag(engine, args, out),
        "rmi" => rmi(engine, args, out),
        "image prune" => prune(engine, args, out),
        _ => 1,
    }
}

fn created_secs(image: &Image) -> i64 {
    parse_rfc3339(&image.config.created).unwrap_or(0)
}

/// `name:tag` references pointing at `id`, sorted.
pub fn tags_of(engine: &Engine, id: &str) -> Vec<String> {
    engine.images.tags().iter().filter(|(_, v)| v.as_str() == id).map(|(k, _)| k.clone()).collect()
}

fn repo_digests(engine: &Engine, id: &str) -> Vec<String> {
    engine.image_meta.get(id).map(|m| m.repo_digests.clone()).unwrap_or_default()
}

/// Go's `path.Match` for `*`, `?` (no `/` crossing) and literals.
fn glob(pattern: &str, name: &str) -> bool {
    fn m(p: &[char], n: &[char]) -> bool {
        match p.first() {
            None => n.is_empty(),
            Some('*') => (0..=n.len()).take_while(|&i| i == 0 || n[i - 1] != '/').any(|i| m(&p[1..], &n[i..])),
            Some('?') => !n.is_empty() && n[0] != '/' && m(&p[1..], &n[1..]),
            Some(c) => n.first() == Some(c) && m(&p[1..], &n[1..]),
        }
    }
    m(&pattern.chars().collect::<Vec<_>>(), &name.chars().collect::<Vec<_>>())
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
    let now = engine.now;
    let trunc = !p.on("no-trunc");
    let mut list: Vec<&Image> = engine.images.images().collect();
    list.sort_by(|a, b| created_secs(b).cmp(&created_secs(a)).then(a.id.cmp(&b.id)));
    let mut rows = Vec::new();
    for image in list {
        let tags = tags_of(engine, &image.id);
        let digests = repo_digests(engine, &image.id);
        let is_dangling = tags.is_empty() && digests.is_empty();
        match dangling {
            Some(true) if !is_dangling => continue,
            Some(false) if is_dangling => continue,
            None if is_dangling && !p.on("all") => continue,
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
            let containers = engine.containers.iter().filter(|c| c.image_id == image.id).count();
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
fn image_arg(engine: &Engine, arg: &str, out: &mut Out) -> Option<String> {
    let found = daemon::find_image(engine, arg);
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
    let Some(image) = engine.images.get(&id).cloned() else { return 1 };
    let human = !p.given("human") || p.on("human");
    let trunc = !p.on("no-trunc");
    let now = engine.now;
    // Which rows have a local image ID: the top one, then each committed parent's top.
    let mut ids = vec![(0usize, id.clone())];
    let mut cur = id.clone();
    while let Some(parent) = engine.image_meta.get(&cur).and_then(|m| m.parent.clone()) {
        let Some(parent_img) = engine.images.get(&parent) else { break };
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
        return arg_error("tag", "exactly 2 arguments", "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]", "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE", out);
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
    engine.images.tag(&target.familiar(), &id);
    engine.image_meta.entry(id).or_default().last_tag_time = Some(engine.now);
    0
}

/// ChainIDs of an image's layers, bottom to top.
fn chain_ids(image: &Image) -> Vec<String> {
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
fn delete_image(engine: &mut Engine, id: &str, out: &mut Out) {
    let Some(image) = engine.images.get(id).cloned() else { return };
    for d in repo_digests(engine, id) {
        out.line(format!("Untagged: {d}"));
    }
    engine.images.remove(id);
    engine.image_meta.remove(id);
    engine.rootfs.remove(id);
    out.line(format!("Deleted: {id}"));
    let still: std::collections::BTreeSet<String> = engine.images.images().flat_map(chain_ids).collect();
    for chain in chain_ids(&image).into_iter().rev() {
        if !still.contains(&chain) {
            out.line(format!("Deleted: {chain}"));
        }
    }
}

fn rmi(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
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
            engine.containers.iter().filter(|c| c.image_id == id).map(|c| (c.short_id().to_string(), c.is_running())).collect();
        let children = engine.image_meta.values().any(|m| m.parent.as_deref() == Some(id.as_str()));
        let err = |out: &mut Out, msg: String| out.eline(format!("Error response from daemon: {msg}"));
        if !by_id {
            let key = Reference::parse(arg).map(|r| r.familiar()).unwrap_or_else(|_| arg.clone());
            if tags.len() > 1 || (!users.is_empty() && force) || (tags.len() == 1 && children) {
                engine.images.untag(&key);
                out.line(format!("Untagged: {key}"));
                continue;
            }
            if let Some((cid, _)) = users.first() {
                err(out, format!("conflict: unable to remove repository reference \"{arg}\" (must force) - container {cid} is using its referenced image {short}"));
                status = 1;
                continue;
            }
            engine.images.untag(&key);
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
            engine.images.untag(t);
            out.line(format!("Untagged: {t}"));
        }
        delete_image(engine, &id, out);
    }
    status
}

fn prune(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
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
    let used: Vec<String> = engine.containers.iter().map(|c| c.image_id.clone()).collect();
    let victims: Vec<String> = engine
        .images
        .images()
        .filter(|i| !used.contains(&i.id))
        .filter(|i| p.on("all") || (tags_of(engine, &i.id).is_empty() && repo_digests(engine, &i.id).is_empty()))
        .filter(|i| !engine.image_meta.values().any(|m| m.parent.as_deref() == Some(i.id.as_str())))
        .map(|i| i.id.clone())
        .collect();
    let before: u64 = layer_bytes(engine);
    let mut text = Out::default();
    for id in &victims {
        for t in tags_of(engine, id) {
            engine.images.untag(&t);
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
    for image in engine.images.images() {
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

/// `docker image inspect`'s JSON for one image.
pub fn image_json(engine: &Engine, id: &str) -> Value {
    let Some(image) = engine.images.get(id) else { return Value::Null };
    let c = &image.config.config;
    let meta = engine.image_meta.get(id);
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
    let top = chain_ids(image).last().cloned().unwrap_or_default();
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

/// `docker commit [-m MSG] [-a AUTHOR] [-c CHANGE] CONTAINER [REPOSITORY[:TAG]]`.
pub fn commit(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    const FLAGS: &[Flag] = &[v("message", Some('m')), v("author", Some('a')), v("change", Some('c')), b("pause", Some('p'))];
    let p = match flags::parse(FLAGS, args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("commit", &e, out),
    };
    if p.args.is_empty() || p.args.len() > 2 {
        return arg_error("commit", "at least 1 and at most 2 arguments", "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]", "Create a new image from a container's changes", out);
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
    let now = engine.now;
    let Some(c) = engine.containers.get(&cid).cloned() else { return 1 };
    let Some(base) = engine.images.get(&c.image_id).cloned() else {
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
    let id = engine.images.insert(image);
    let meta = engine.image_meta.entry(id.clone()).or_default();
    meta.parent = Some(c.image_id.clone());
    if let Some(r) = target {
        engine.images.tag(&r.familiar(), &id);
        meta.last_tag_time = Some(now);
    }
    out.line(&id);
    0
}

/// One `--change` Dockerfile instruction applied to a config.
fn apply_change(cc: &mut crate::image::ContainerConfig, change: &str) -> Result<(), String> {
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
