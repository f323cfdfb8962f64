//! version, info, system df, system prune, builder prune.

use super::flags::{self, b, v};
use super::format::{self, row, Listing};
use super::images::tags_of;
use super::inspect::status;
use super::rmi::image_layers;
use super::units::{ago, human_size, parse_rfc3339, size3};
use super::{flag_error, Out};
use crate::Engine;
use serde_json::Value;
use std::collections::BTreeMap;

pub const VERSION: &str = "27.4.1";
pub const GIT_COMMIT: &str = "b9d17ea";

pub fn run(engine: &mut Engine, cmd: &str, args: &[String], out: &mut Out) -> i32 {
    match cmd {
        "version" => version(args, out),
        "info" => info(engine, args, out),
        "system df" => df(engine, args, out),
        "system prune" => system_prune(engine, args, out),
        "builder prune" => builder_prune(engine, args, out),
        _ => {
            out.line("github.com/docker/buildx v0.19.3 48d6a39");
            0
        }
    }
}

/// `--format TEMPLATE|json` over one value; the CLI names the template after
/// the command (`template: version:1: …`).
fn print_named(value: &Value, format: &str, name: &str, out: &mut Out) -> i32 {
    let format = if format == "json" { "{{json .}}" } else { format };
    let mut sub = Out::default();
    let code = super::inspect::print_values(std::slice::from_ref(value), Some(format), &mut sub);
    for c in sub.chunks {
        out.push(c.stream, &c.text.replace("template: :", &format!("template: {name}:")));
    }
    code
}

fn version(args: &[String], out: &mut Out) -> i32 {
    let p = match flags::parse(&[v("format", Some('f'))], args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("version", &e, out),
    };
    if let Some(f) = p.value("format") {
        return print_named(&version_json(), f, "version", out);
    }
    out.line(format!(
        "Client: Docker Engine - Community
 Version:           {VERSION}
 API version:       1.47
 Go version:        go1.22.10
 Git commit:        {GIT_COMMIT}
 Built:             Tue Dec 17 15:45:46 2024
 OS/Arch:           linux/amd64
 Context:           default

Server: Docker Engine - Community
 Engine:
  Version:          {VERSION}
  API version:      1.47 (minimum version 1.24)
  Go version:       go1.22.10
  Git commit:       c710b88
  Built:            Tue Dec 17 15:45:46 2024
  OS/Arch:          linux/amd64
  Experimental:     false
 containerd:
  Version:          1.7.24
  GitCommit:        88bf19b2105c8b17560993bee28a01ddc2f97182
 runc:
  Version:          1.2.2
  GitCommit:        v1.2.2-0-g7cb3632
 docker-init:
  Version:          0.19.0
  GitCommit:        de40ad0"
    ));
    0
}

/// `docker version`'s data (the API's `types.Version`) for `--format`.
fn version_json() -> Value {
    serde_json::json!({
        "Client": {
            "Platform": {"Name": "Docker Engine - Community"},
            "Version": VERSION,
            "ApiVersion": "1.47",
            "DefaultAPIVersion": "1.47",
            "GitCommit": GIT_COMMIT,
            "GoVersion": "go1.22.10",
            "Os": "linux",
            "Arch": "amd64",
            "BuildTime": "Tue Dec 17 15:45:46 2024",
            "Context": "default"
        },
        "Server": {
            "Platform": {"Name": "Docker Engine - Community"},
            "Components": [
                {"Name": "Engine", "Version": VERSION, "Details": {"ApiVersion": "1.47", "Arch": "amd64", "BuildTime": "2024-12-17T15:45:46.000000000+00:00", "Experimental": "false", "GitCommit": "c710b88", "GoVersion": "go1.22.10", "KernelVersion": "6.8.0-49-generic", "MinAPIVersion": "1.24", "Os": "linux"}},
                {"Name": "containerd", "Version": "1.7.24", "Details": {"GitCommit": "88bf19b2105c8b17560993bee28a01ddc2f97182"}},
                {"Name": "runc", "Version": "1.2.2", "Details": {"GitCommit": "v1.2.2-0-g7cb3632"}},
                {"Name": "docker-init", "Version": "0.19.0", "Details": {"GitCommit": "de40ad0"}}
            ],
            "Version": VERSION,
            "ApiVersion": "1.47",
            "MinAPIVersion": "1.24",
            "GitCommit": "c710b88",
            "GoVersion": "go1.22.10",
            "Os": "linux",
            "Arch": "amd64",
            "KernelVersion": "6.8.0-49-generic",
            "BuildTime": "2024-12-17T15:45:46.000000000+00:00"
        }
    })
}

/// `docker info`'s data (the API's `system.Info`) for `--format`.
fn info_json(engine: &Engine) -> Value {
    let (total, running, paused) = container_counts(engine);
    let mut info = serde_json::json!({
        "ID": "7e2c1b1a-5d3f-4c7a-9a51-dockersim0001",
        "Containers": total,
        "ContainersRunning": running,
        "ContainersPaused": paused,
        "ContainersStopped": total - running - paused,
        "Images": engine.daemon.images.images().count(),
        "Driver": "overlay2",
        "DriverStatus": [["Backing Filesystem", "extfs"], ["Supports d_type", "true"], ["Using metacopy", "false"], ["Native Overlay Diff", "true"], ["userxattr", "false"]],
        "Plugins": {"Volume": ["local"], "Network": ["bridge", "host", "ipvlan", "macvlan", "null", "overlay"], "Authorization": null, "Log": ["awslogs", "fluentd", "gcplogs", "gelf", "journald", "json-file", "local", "splunk", "syslog"]},
        "MemoryLimit": true,
        "SwapLimit": true,
        "CpuCfsPeriod": true,
        "CpuCfsQuota": true,
        "IPv4Forwarding": true,
    });
    let rest = serde_json::json!({
        "Debug": false,
        "LoggingDriver": "json-file",
        "CgroupDriver": "systemd",
        "CgroupVersion": "2",
        "KernelVersion": "6.8.0-49-generic",
        "OperatingSystem": "Ubuntu 24.04.1 LTS",
        "OSVersion": "24.04",
        "OSType": "linux",
        "Architecture": "x86_64",
        "IndexServerAddress": "https://index.docker.io/v1/",
        "NCPU": 2,
        "MemTotal": 4_101_693_440u64,
        "DockerRootDir": "/var/lib/docker",
        "Name": "dockersim",
        "Labels": [],
        "ExperimentalBuild": false,
        "ServerVersion": VERSION,
        "Runtimes": {"io.containerd.runc.v2": {"path": "runc"}, "runc": {"path": "runc"}},
        "DefaultRuntime": "runc",
        "Swarm": {"NodeID": "", "NodeAddr": "", "LocalNodeState": "inactive", "ControlAvailable": false, "Error": "", "RemoteManagers": null},
        "LiveRestoreEnabled": false,
        "Isolation": "",
        "InitBinary": "docker-init",
        "SecurityOptions": ["name=apparmor", "name=seccomp,profile=builtin", "name=cgroupns"],
        "Warnings": null,
        "ClientInfo": {"Debug": false, "Version": VERSION, "Context": "default", "Plugins": [], "Warnings": null},
    });
    if let (Value::Object(a), Value::Object(b)) = (&mut info, rest) {
        a.extend(b);
    }
    info
}

/// All containers, running (not paused) and paused ones.
fn container_counts(engine: &Engine) -> (usize, usize, usize) {
    let total = engine.daemon.containers.len();
    let paused = engine.daemon.containers.iter().filter(|c| c.is_running() && c.paused).count();
    let running = engine.daemon.containers.iter().filter(|c| c.is_running()).count() - paused;
    (total, running, paused)
}

fn info(engine: &Engine, args: &[String], out: &mut Out) -> i32 {
    let p = match flags::parse(&[v("format", Some('f'))], args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("info", &e, out),
    };
    if let Some(f) = p.value("format") {
        return print_named(&info_json(engine), f, "info", out);
    }
    let (total, running, paused) = container_counts(engine);
    out.line(format!(
        "Client: Docker Engine - Community
 Version:    {VERSION}
 Context:    default
 Debug Mode: false

Server:
 Containers: {total}
  Running: {running}
  Paused: {paused}
  Stopped: {}
 Images: {}
 Server Version: {VERSION}
 Storage Driver: overlay2
  Backing Filesystem: extfs
 Logging Driver: json-file
 Cgroup Driver: systemd
 Cgroup Version: 2
 Runtimes: io.containerd.runc.v2 runc
 Default Runtime: runc
 Kernel Version: 6.8.0-49-generic
 Operating System: Ubuntu 24.04.1 LTS
 OSType: linux
 Architecture: x86_64
 CPUs: 2
 Total Memory: 3.82GiB
 Name: dockersim
 Docker Root Dir: /var/lib/docker
 Debug Mode: false
 Experimental: false
 Insecure Registries:
  127.0.0.0/8
 Live Restore Enabled: false",
        total - running - paused,
        engine.daemon.images.images().count()
    ));
    0
}

/// Per image: (size, shared size) where shared layers are used by more than one image.
fn image_sizes(engine: &Engine) -> BTreeMap<String, (u64, u64)> {
    let mut users: BTreeMap<String, usize> = BTreeMap::new();
    for image in engine.daemon.images.images() {
        let mut seen = std::collections::BTreeSet::new();
        for (chain, _) in image_layers(image) {
            if seen.insert(chain.clone()) {
                *users.entry(chain).or_default() += 1;
            }
        }
    }
    crate::btree::map(engine.daemon.images.images().map(|image| {
        let layers = image_layers(image);
        let size: u64 = layers.iter().map(|(_, s)| s).sum();
        let shared: u64 = layers.iter().filter(|(c, _)| users.get(c).copied().unwrap_or(0) > 1).map(|(_, s)| s).sum();
        (image.id.clone(), (size, shared))
    }))
}

fn reclaim(part: u64, total: u64) -> String {
    match (part * 100).checked_div(total) {
        Some(pct) => format!("{} ({pct}%)", human_size(part)),
        None => human_size(part),
    }
}

fn cache_size(engine: &Engine) -> u64 {
    engine.daemon.cache.size()
}

/// What `docker system df` counts, as data (the page draws it).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct DiskUsage {
    /// Every image with its full size and the part of it shared with other images.
    pub images: Vec<ImageUsage>,
    /// The sizes summed image by image, as if nothing were shared.
    pub images_logical: u64,
    /// What the images really take: every distinct layer once (`docker system df`'s SIZE).
    pub images_actual: u64,
    pub containers: Vec<ContainerUsage>,
    pub containers_total: u64,
    pub build_cache: u64,
    pub build_cache_entries: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ImageUsage {
    pub id: String,
    /// `name:tag`, or `<none>:<none>`.
    pub name: String,
    pub size: u64,
    pub shared: u64,
    pub in_use: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ContainerUsage {
    pub name: String,
    pub image_id: String,
    /// Bytes in its read/write layer.
    pub size: u64,
    pub running: bool,
}

/// The numbers behind `docker system df`.
pub fn disk_usage(engine: &Engine) -> DiskUsage {
    let sizes = image_sizes(engine);
    let used: Vec<&str> = engine.daemon.containers.iter().map(|c| c.image_id.as_str()).collect();
    let mut distinct: BTreeMap<String, u64> = BTreeMap::new();
    for image in engine.daemon.images.images() {
        for (chain, size) in image_layers(image) {
            distinct.insert(chain, size);
        }
    }
    let images: Vec<ImageUsage> = engine
        .daemon
        .images
        .images()
        .map(|image| {
            let (size, shared) = sizes.get(&image.id).copied().unwrap_or_default();
            let name = engine.image_tags(&image.id).into_iter().next().unwrap_or_else(|| "<none>:<none>".into());
            ImageUsage { id: image.id.clone(), name, size, shared, in_use: used.contains(&image.id.as_str()) }
        })
        .collect();
    let containers: Vec<ContainerUsage> = engine
        .daemon
        .containers
        .iter()
        .map(|c| ContainerUsage { name: c.name.clone(), image_id: c.image_id.clone(), size: c.rw_size(), running: c.is_running() })
        .collect();
    DiskUsage {
        images_logical: images.iter().map(|i| i.size).sum(),
        images_actual: distinct.values().sum(),
        containers_total: containers.iter().map(|c| c.size).sum(),
        images,
        containers,
        build_cache: cache_size(engine),
        build_cache_entries: engine.daemon.cache.len(),
    }
}

fn df(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let p = match flags::parse(&[b("verbose", Some('v')), v("format", None)], args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("system df", &e, out),
    };
    engine.daemon.collect_volumes();
    let volumes = super::volumes::usage(engine);
    let now = engine.daemon.now;
    let usage = disk_usage(engine);
    let images_total = usage.images_actual;
    let active_images = usage.images.iter().filter(|i| i.in_use).count();
    let reclaimable: u64 = usage.images.iter().filter(|i| !i.in_use).map(|i| i.size - i.shared).sum();
    let containers_size = usage.containers_total;
    let containers_reclaim: u64 = usage.containers.iter().filter(|c| !c.running).map(|c| c.size).sum();
    let running = usage.containers.iter().filter(|c| c.running).count();
    let cache_total = usage.build_cache;
    if p.on("verbose") {
        return df_verbose(engine, &image_sizes(engine), now, cache_total, out);
    }
    let rows = vec![
        row(vec![
            ("Type", Value::String("Images".into())),
            ("TotalCount", Value::String(engine.daemon.images.images().count().to_string())),
            ("Active", Value::String(active_images.to_string())),
            ("Size", Value::String(human_size(images_total))),
            ("Reclaimable", Value::String(reclaim(reclaimable, images_total))),
        ]),
        row(vec![
            ("Type", Value::String("Containers".into())),
            ("TotalCount", Value::String(engine.daemon.containers.len().to_string())),
            ("Active", Value::String(running.to_string())),
            ("Size", Value::String(human_size(containers_size))),
            ("Reclaimable", Value::String(reclaim(containers_reclaim, containers_size))),
        ]),
        row(vec![
            ("Type", Value::String("Local Volumes".into())),
            ("TotalCount", Value::String(volumes.0.to_string())),
            ("Active", Value::String(volumes.1.to_string())),
            ("Size", Value::String(human_size(volumes.2))),
            ("Reclaimable", Value::String(reclaim(volumes.3, volumes.2))),
        ]),
        row(vec![
            ("Type", Value::String("Build Cache".into())),
            ("TotalCount", Value::String(engine.daemon.cache.len().to_string())),
            ("Active", Value::String("0".into())),
            ("Size", Value::String(human_size(cache_total))),
            ("Reclaimable", Value::String(human_size(cache_total))),
        ]),
    ];
    let listing = Listing {
        default: "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}",
        headers: &[("Type", "TYPE"), ("TotalCount", "TOTAL"), ("Active", "ACTIVE"), ("Size", "SIZE"), ("Reclaimable", "RECLAIMABLE")],
        type_name: "*formatter.diskUsageImagesContext",
        rows,
    };
    format::print(&listing, p.value("format"), out)
}

fn df_verbose(engine: &Engine, sizes: &BTreeMap<String, (u64, u64)>, now: i64, cache_total: u64, out: &mut Out) -> i32 {
    let mut text = String::from("REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\tSHARED SIZE\tUNIQUE SIZE\tCONTAINERS\n");
    let mut list: Vec<_> = engine.daemon.images.images().collect();
    crate::sort::sort_by_key(&mut list, |i| std::cmp::Reverse(parse_rfc3339(&i.config.created).unwrap_or(0)));
    for image in list {
        let tag = tags_of(engine, &image.id).into_iter().next().unwrap_or_else(|| "<none>:<none>".into());
        let (repo, t) = tag.rsplit_once(':').unwrap_or((&tag, "<none>"));
        let (size, shared) = sizes.get(&image.id).copied().unwrap_or((0, 0));
        let containers = engine.daemon.containers.iter().filter(|c| c.image_id == image.id).count();
        let created = parse_rfc3339(&image.config.created).unwrap_or(0);
        text.push_str(&format!(
            "{repo}\t{t}\t{}\t{}\t{}\t{}\t{}\t{containers}\n",
            &image.id[7..19],
            ago(now, created),
            human_size(size),
            human_size(shared),
            human_size(size - shared)
        ));
    }
    out.line("Images space usage:\n");
    out.out(super::table::tabwrite(&text));
    out.line("\nContainers space usage:\n");
    let mut text = String::from("CONTAINER ID\tIMAGE\tCOMMAND\tLOCAL VOLUMES\tSIZE\tCREATED\tSTATUS\tNAMES\n");
    for c in engine.daemon.containers.newest_first() {
        let command = super::format::ellipsis(&format!("\"{}\"", c.config.argv().join(" ")), 20);
        text.push_str(&format!(
            "{}\t{}\t{command}\t{}\t{}\t{}\t{}\t{}\n",
            c.short_id(),
            c.image_ref,
            c.mounts.iter().filter(|m| !m.bind).count(),
            human_size(c.rw_size()),
            ago(now, c.created),
            status(c, now),
            c.name
        ));
    }
    out.out(super::table::tabwrite(&text));
    out.line("\nLocal Volumes space usage:\n");
    out.out(super::volumes::usage_table(engine));
    out.line(format!("\nBuild cache usage: {}\n", human_size(cache_total)));
    out.out(super::table::tabwrite("CACHE ID\tCACHE TYPE\tSIZE\tCREATED\tLAST USED\tUSAGE\tSHARED\n"));
    let _ = size3;
    0
}

fn system_prune(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let p = match flags::parse(&[b("all", Some('a')), b("force", Some('f')), b("volumes", None), v("filter", None)], args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("system prune", &e, out),
    };
    let images = if p.on("all") { "all images without at least one container associated to them" } else { "all dangling images" };
    let volumes = if p.on("volumes") { "  - all anonymous volumes not used by at least one container\n" } else { "" };
    let warning = format!("WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n{volumes}  - {images}\n  - unused build cache\n");
    if super::ask(engine, p.on("force"), &["system", "prune"], args, &warning, out) {
        return 0;
    }
    let (_, _, volumes_before, _) = super::volumes::usage(engine);
    let layers_before = super::rmi::layer_bytes(engine);
    let containers_before: u64 = engine.daemon.containers.iter().filter(|c| !c.is_running()).map(|c| c.rw_size()).sum();
    let mut sub = Out::default();
    super::containers::run(engine, "container prune", &["-f".to_string()], &mut sub);
    let mut nets = Out::default();
    super::networks::run(engine, &["prune".to_string(), "-f".to_string()], &mut nets);
    if !nets.chunks.is_empty() {
        sub.out(format!("{}\n", nets.stdout_text()));
    }
    if p.on("volumes") {
        let mut vols = Out::default();
        super::volumes::run(engine, &["prune".to_string(), "-f".to_string()], &mut vols);
        let text = vols.stdout_text();
        sub.out(text.lines().filter(|l| !l.starts_with("Total reclaimed space")).map(|l| format!("{l}\n")).collect::<String>());
    }
    let mut img_args = vec!["-f".to_string()];
    if p.on("all") {
        img_args.push("-a".into());
    }
    super::images::run(engine, "image prune", &img_args, &mut sub);
    let containers_after: u64 = engine.daemon.containers.iter().filter(|c| !c.is_running()).map(|c| c.rw_size()).sum();
    let freed = cache_size(engine)
        + layers_before.saturating_sub(super::rmi::layer_bytes(engine))
        + volumes_before.saturating_sub(super::volumes::usage(engine).2)
        + containers_before.saturating_sub(containers_after);
    engine.prune_cache();
    let text = sub.stdout_text();
    out.out(text.lines().filter(|l| !l.starts_with("Total reclaimed space")).map(|l| format!("{l}\n")).collect::<String>());
    out.line(format!("Total reclaimed space: {}", human_size(freed)));
    0
}

fn builder_prune(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let p = match flags::parse(&[b("all", Some('a')), b("force", Some('f')), v("filter", None), v("keep-storage", None)], args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("builder prune", &e, out),
    };
    if super::ask(engine, p.on("force"), &["builder", "prune"], args, "WARNING! This will remove all dangling build cache.", out) {
        return 0;
    }
    let freed = cache_size(engine);
    engine.prune_cache();
    out.line(format!("Total:\t{}", human_size(freed)));
    0
}
