//! `docker volume …`, `--mount`, the anonymous volumes an image's `VOLUME`
//! asks for, and what `docker system df` counts for volumes. A volume's
//! content is a directory node in `Engine::volumes`; its facts (creation
//! time, labels, whether it is anonymous and which container made it) are
//! in `Engine::volume_meta`.

use super::flags::{self, b, v, Flag};
use super::format::{self, row, Listing};
use super::units::human_size;
use super::{arg_error, flag_error, Out};
use crate::container::Mount;
use crate::vfs::Node;
use crate::Engine;
use serde_json::{json, Value};

/// Bytes in a volume.
pub fn size(node: &Node) -> u64 {
    match node {
        Node::Dir { entries, .. } => entries.values().map(size).sum(),
        other => other.file_size(),
    }
}

/// A `--mount` value: `type=bind|volume|tmpfs,source=…,target=…,readonly`.
/// Returns the mount, or None for tmpfs (an empty directory, not kept).
pub fn parse_mount(engine: &Engine, spec: &str, anonymous: &str) -> Result<Option<Mount>, String> {
    let (mut kind, mut source, mut target, mut read_only) = ("volume".to_string(), String::new(), String::new(), false);
    for field in spec.split(',') {
        let (k, val) = field.split_once('=').unwrap_or((field, ""));
        match k.trim() {
            "type" => kind = val.to_string(),
            "source" | "src" => source = val.to_string(),
            "target" | "destination" | "dst" => target = val.to_string(),
            "readonly" | "ro" => read_only = matches!(val, "" | "1" | "true"),
            "volume-opt" | "bind-propagation" | "volume-nocopy" | "tmpfs-size" | "tmpfs-mode" | "consistency" | "volume-driver" => {}
            other => return Err(format!("invalid argument \"{spec}\" for \"--mount\" flag: unexpected key '{other}' in '{field}'")),
        }
    }
    if target.is_empty() {
        return Err("invalid argument \"".to_string() + spec + "\" for \"--mount\" flag: target is required");
    }
    if !target.starts_with('/') {
        return Err(format!("Error response from daemon: invalid mount config for type \"{kind}\": invalid mount path: '{target}' mount path must be absolute"));
    }
    let target = crate::vfs::normalize(&target);
    match kind.as_str() {
        "bind" => {
            if source.is_empty() {
                return Err("Error response from daemon: invalid mount config for type \"bind\": field Source must not be empty".into());
            }
            let abs = crate::vfs::join(&engine.host.cwd, &source);
            if engine.host.fs.get(&abs).is_err() {
                return Err(format!(
                    "Error response from daemon: invalid mount config for type \"bind\": bind source path does not exist: {abs}"
                ));
            }
            Ok(Some(Mount { source: abs, destination: target, bind: true, read_only }))
        }
        "volume" => {
            let name = if source.is_empty() { anonymous.to_string() } else { source };
            Ok(Some(Mount { source: name, destination: target, bind: false, read_only }))
        }
        "tmpfs" => {
            if !source.is_empty() {
                return Err(
                    "Error response from daemon: invalid mount config for type \"tmpfs\": field Source must not be specified".into()
                );
            }
            Ok(None)
        }
        other => Err(format!("invalid argument \"{spec}\" for \"--mount\" flag: invalid mount type: {other}")),
    }
}

/// `docker volume SUB …`.
pub fn run(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    engine.daemon.collect_volumes();
    let Some(sub) = args.first() else {
        out.line("\nUsage:  docker volume COMMAND\n\nManage volumes\n\nCommands:\n  create      Create a volume\n  inspect     Display detailed information on one or more volumes\n  ls          List volumes\n  prune       Remove unused local volumes\n  rm          Remove one or more volumes\n\nRun 'docker volume COMMAND --help' for more information on a command.");
        return 0;
    };
    let rest = &args[1..];
    match sub.as_str() {
        "create" => create(engine, rest, out),
        "ls" | "list" => ls(engine, rest, out),
        "inspect" => inspect(engine, rest, out),
        "rm" | "remove" => rm(engine, rest, out),
        "prune" => prune(engine, rest, out),
        other => {
            out.eline(format!("docker: 'volume {other}' is not a docker command."));
            out.eline("See 'docker --help'");
            1
        }
    }
}

fn create(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    const FLAGS: &[Flag] = &[v("driver", Some('d')), v("label", None), v("opt", Some('o')), v("name", None)];
    let p = match flags::parse(FLAGS, args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("volume create", &e, out),
    };
    if p.args.len() > 1 {
        return arg_error("volume create", "at most 1 argument", "[OPTIONS] [VOLUME]", "Create a volume", out);
    }
    if let Some(d) = p.value("driver").filter(|d| *d != "local") {
        out.eline(format!(
            "Error response from daemon: create {}: error looking up volume plugin {d}: plugin \"{d}\" not found",
            p.args.first().map(String::as_str).unwrap_or("")
        ));
        return 1;
    }
    let name = match (p.args.first(), p.value("name")) {
        (Some(a), Some(n)) if a != n => {
            out.eline("Conflicting options: either specify --name or provide positional arg, not both");
            return 1;
        }
        (Some(a), _) => a.clone(),
        (None, Some(n)) => n.to_string(),
        (None, None) => engine.daemon.new_id("volume", ""),
    };
    let valid = name.len() >= 2
        && name.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    if !valid {
        out.eline(format!("Error response from daemon: create {name}: \"{name}\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path"));
        return 1;
    }
    let fresh = !engine.daemon.volumes.contains_key(&name);
    engine.daemon.ensure_volume(&name, None, None);
    if fresh {
        if let Some(meta) = engine.daemon.volume_meta.get_mut(&name) {
            meta.anonymous = false;
            meta.labels = crate::btree::map(p.values("label").iter().map(|l| {
                let (k, v) = l.split_once('=').unwrap_or((l, ""));
                (k.to_string(), v.to_string())
            }));
        }
    }
    out.line(name);
    0
}

fn ls(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    const FLAGS: &[Flag] = &[b("quiet", Some('q')), v("format", None), v("filter", Some('f')), b("cluster", None)];
    let p = match flags::parse(FLAGS, args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("volume ls", &e, out),
    };
    let mut names: Vec<String> = engine.daemon.volumes.keys().cloned().collect();
    for f in p.values("filter") {
        let (k, val) = f.split_once('=').unwrap_or((f, ""));
        names.retain(|n| match k {
            "name" => n.contains(val),
            "dangling" => engine.daemon.volume_users(n).is_empty() == matches!(val, "true" | "1"),
            "driver" => val == "local",
            "label" => {
                let labels = engine.daemon.volume_meta.get(n).map(|m| m.labels.clone()).unwrap_or_default();
                match val.split_once('=') {
                    Some((lk, lv)) => labels.get(lk).is_some_and(|x| x == lv),
                    None => labels.contains_key(val),
                }
            }
            _ => true,
        });
    }
    if p.on("quiet") {
        for n in names {
            out.line(n);
        }
        return 0;
    }
    let rows = names
        .iter()
        .map(|n| {
            let labels = engine
                .daemon
                .volume_meta
                .get(n)
                .map(|m| m.labels.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(","))
                .unwrap_or_default();
            row(vec![
                ("Driver", Value::String("local".into())),
                ("Name", Value::String(n.clone())),
                ("Scope", Value::String("local".into())),
                ("Mountpoint", Value::String(format!("/var/lib/docker/volumes/{n}/_data"))),
                ("Labels", Value::String(labels)),
                ("Links", Value::String("N/A".into())),
                ("Size", Value::String("N/A".into())),
            ])
        })
        .collect();
    let listing = Listing {
        default: "table {{.Driver}}\t{{.Name}}",
        headers: &[
            ("Driver", "DRIVER"),
            ("Name", "VOLUME NAME"),
            ("Scope", "SCOPE"),
            ("Mountpoint", "MOUNTPOINT"),
            ("Labels", "LABELS"),
            ("Links", "LINKS"),
            ("Size", "SIZE"),
        ],
        type_name: "*formatter.volumeContext",
        rows,
    };
    format::print(&listing, p.value("format"), out)
}

/// `docker volume inspect`'s object.
pub fn volume_json(engine: &Engine, name: &str) -> Value {
    let meta = engine.daemon.volume_meta.get(name).cloned().unwrap_or_default();
    json!({
        "CreatedAt": crate::time::rfc3339(meta.created),
        "Driver": "local",
        "Labels": if meta.labels.is_empty() { Value::Null } else { json!(meta.labels) },
        "Mountpoint": format!("/var/lib/docker/volumes/{name}/_data"),
        "Name": name,
        "Options": null,
        "Scope": "local",
    })
}

fn inspect(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let p = match flags::parse(&[v("format", Some('f'))], args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("volume inspect", &e, out),
    };
    if p.args.is_empty() {
        return arg_error(
            "volume inspect",
            "at least 1 argument",
            "[OPTIONS] VOLUME [VOLUME...]",
            "Display detailed information on one or more volumes",
            out,
        );
    }
    let mut values = Vec::new();
    let mut errors = Vec::new();
    for name in &p.args {
        if engine.daemon.volumes.contains_key(name) {
            values.push(volume_json(engine, name));
        } else {
            errors.push(format!("Error response from daemon: get {name}: no such volume"));
        }
    }
    let status = super::inspect::print_values(&values, p.value("format"), out);
    for e in &errors {
        out.eline(e);
    }
    if status != 0 {
        status
    } else if errors.is_empty() {
        0
    } else {
        1
    }
}

fn rm(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let p = match flags::parse(&[b("force", Some('f'))], args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("volume rm", &e, out),
    };
    if p.args.is_empty() {
        return arg_error("volume rm", "at least 1 argument", "[OPTIONS] VOLUME [VOLUME...]", "Remove one or more volumes", out);
    }
    let mut status = 0;
    for name in &p.args {
        let using = engine.daemon.volume_users(name);
        if !engine.daemon.volumes.contains_key(name) {
            if !p.on("force") {
                out.eline(format!("Error response from daemon: get {name}: no such volume"));
                status = 1;
            }
        } else if !using.is_empty() {
            out.eline(format!("Error response from daemon: remove {name}: volume is in use - [{}]", using.join(", ")));
            status = 1;
        } else {
            engine.daemon.drop_volume(name);
            out.line(name);
        }
    }
    status
}

fn prune(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let p = match flags::parse(&[b("force", Some('f')), b("all", Some('a')), v("filter", None)], args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("volume prune", &e, out),
    };
    let warning = if p.on("all") {
        "WARNING! This will remove all local volumes not used by at least one container."
    } else {
        "WARNING! This will remove anonymous local volumes not used by at least one container."
    };
    if super::ask(engine, p.on("force"), &["volume", "prune"], args, warning, out) {
        return 0;
    }
    let gone: Vec<String> = engine
        .daemon
        .volumes
        .keys()
        .filter(|n| engine.daemon.volume_users(n).is_empty())
        .filter(|n| p.on("all") || engine.daemon.volume_meta.get(*n).is_some_and(|m| m.anonymous))
        .cloned()
        .collect();
    let mut freed = 0;
    if !gone.is_empty() {
        out.line("Deleted Volumes:");
    }
    for n in &gone {
        freed += engine.daemon.drop_volume(n).map(|node| size(&node)).unwrap_or(0);
        out.line(n);
    }
    if !gone.is_empty() {
        out.line("");
    }
    out.line(format!("Total reclaimed space: {}", human_size(freed)));
    0
}

/// `docker system df`'s volume numbers: (count, active, size, reclaimable).
pub fn usage(engine: &Engine) -> (usize, usize, u64, u64) {
    let mut active = 0;
    let (mut total, mut reclaim) = (0, 0);
    for (name, node) in &engine.daemon.volumes {
        let s = size(node);
        total += s;
        if engine.daemon.volume_users(name).is_empty() {
            reclaim += s;
        } else {
            active += 1;
        }
    }
    (engine.daemon.volumes.len(), active, total, reclaim)
}

/// `docker system df -v`'s volume table.
pub fn usage_table(engine: &Engine) -> String {
    let mut text = String::from("VOLUME NAME\tLINKS\tSIZE\n");
    for (name, node) in &engine.daemon.volumes {
        text.push_str(&format!("{name}\t{}\t{}\n", engine.daemon.volume_users(name).len(), human_size(size(node))));
    }
    super::table::tabwrite(&text)
}
