//! `docker network …`, and what networking means for one container: the
//! `docker run` flags (`--network`, `--network-alias`, `--link`,
//! `--add-host`, `--hostname`), its address when it starts, the
//! `/etc/hosts` and `/etc/resolv.conf` Docker writes, name lookups from
//! inside it, and its `NetworkSettings` for `docker inspect`.

use super::flags::{self, b, v, Flag};
use super::format::{self, row, Listing};
use super::{arg_error, flag_error, Out};
use crate::network::{cidr_string, ip_string, mac_for, ContainerNet, NewNetwork};
use crate::time::rfc3339;
use crate::vfs::{Content, Meta};
use crate::Engine;
use serde_json::{json, Map, Value};

/// `docker network SUB …`.
pub fn run(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let Some(sub) = args.first() else {
        out.line("\nUsage:  docker network COMMAND\n\nManage networks\n\nCommands:\n  connect     Connect a container to a network\n  create      Create a network\n  disconnect  Disconnect a container from a network\n  inspect     Display detailed information on one or more networks\n  ls          List networks\n  prune       Remove all unused networks\n  rm          Remove one or more networks\n\nRun 'docker network COMMAND --help' for more information on a command.");
        return 0;
    };
    let rest = &args[1..];
    match sub.as_str() {
        "create" => create(engine, rest, out),
        "ls" | "list" => ls(engine, rest, out),
        "inspect" => inspect(engine, rest, out),
        "rm" | "remove" => rm(engine, rest, out),
        "connect" => connect(engine, rest, out),
        "disconnect" => disconnect(engine, rest, out),
        "prune" => prune(engine, rest, out),
        other => {
            out.eline(format!("docker: 'network {other}' is not a docker command."));
            out.eline("See 'docker --help'");
            1
        }
    }
}

fn create(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    const FLAGS: &[Flag] = &[
        v("driver", Some('d')),
        v("subnet", None),
        v("gateway", None),
        v("label", None),
        v("ip-range", None),
        v("opt", Some('o')),
        b("internal", None),
        b("attachable", None),
        b("ipv6", None),
    ];
    let p = match flags::parse(FLAGS, args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("network create", &e, out),
    };
    if p.args.len() != 1 {
        return arg_error("network create", "exactly 1 argument", "[OPTIONS] NETWORK", "Create a network", out);
    }
    let name = p.args[0].clone();
    let labels = crate::btree::map(p.values("label").iter().map(|l| {
        let (k, v) = l.split_once('=').unwrap_or((l, ""));
        (k.to_string(), v.to_string())
    }));
    let id = engine.daemon.new_id("network", &name);
    let spec = NewNetwork {
        id,
        name,
        driver: p.value("driver").unwrap_or("bridge").to_string(),
        subnet: p.value("subnet").map(str::to_string),
        gateway: p.value("gateway").map(str::to_string),
        labels,
        internal: p.on("internal"),
        attachable: p.on("attachable"),
        now: engine.daemon.now,
    };
    match engine.daemon.networks.create(spec) {
        Ok(id) => {
            engine.daemon.network_event(&id, "create", None);
            out.line(id);
            0
        }
        Err(e) => {
            out.eline(format!("Error response from daemon: {e}"));
            1
        }
    }
}

/// A network's row for `ls` and `--format`.
fn ls(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    const FLAGS: &[Flag] = &[b("quiet", Some('q')), b("no-trunc", None), v("format", None), v("filter", Some('f'))];
    let p = match flags::parse(FLAGS, args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("network ls", &e, out),
    };
    let mut list: Vec<&crate::network::Network> = engine.daemon.networks.list.iter().collect();
    for f in p.values("filter") {
        let (k, val) = f.split_once('=').unwrap_or((f, ""));
        list.retain(|n| match k {
            "name" => n.name.contains(val),
            "id" => n.id.starts_with(val),
            "driver" => n.driver == val,
            "type" => (val == "builtin") == n.predefined,
            "label" => match val.split_once('=') {
                Some((lk, lv)) => n.labels.get(lk).is_some_and(|x| x == lv),
                None => n.labels.contains_key(val),
            },
            _ => true,
        });
    }
    crate::sort::sort_by_key(&mut list, |n| n.name.clone());
    let trunc = !p.on("no-trunc");
    if p.on("quiet") {
        for n in list {
            out.line(if trunc { &n.id[..12] } else { &n.id });
        }
        return 0;
    }
    let rows = list
        .iter()
        .map(|n| {
            row(vec![
                ("ID", Value::String(if trunc { n.id[..12].to_string() } else { n.id.clone() })),
                ("Name", Value::String(n.name.clone())),
                ("Driver", Value::String(n.driver.clone())),
                ("Scope", Value::String("local".into())),
                ("IPv6", Value::Bool(false)),
                ("Internal", Value::Bool(n.internal)),
                ("CreatedAt", Value::String(rfc3339(n.created).replace('T', " ").replace('Z', " +0000 UTC"))),
                ("Labels", Value::String(n.labels.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(","))),
            ])
        })
        .collect();
    let listing = Listing {
        default: "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}",
        headers: &[
            ("ID", "NETWORK ID"),
            ("Name", "NAME"),
            ("Driver", "DRIVER"),
            ("Scope", "SCOPE"),
            ("Internal", "INTERNAL"),
            ("IPv6", "IPV6"),
            ("CreatedAt", "CREATED AT"),
            ("Labels", "LABELS"),
        ],
        type_name: "*formatter.networkContext",
        rows,
    };
    format::print(&listing, p.value("format"), out)
}

/// `docker network inspect`'s object.
pub fn network_json(engine: &Engine, n: &crate::network::Network) -> Value {
    let mut containers = Map::new();
    let mut eps: Vec<_> = n.endpoints.iter().collect();
    crate::sort::sort_by_key(&mut eps, |(id, _)| (*id).clone());
    for (id, e) in eps {
        let Some(c) = engine.daemon.containers.get(id) else {
            continue;
        };
        let Some(ip) = e.ip.filter(|_| c.is_running()) else {
            continue;
        };
        containers.insert(
            id.clone(),
            json!({
                "Name": c.name,
                "EndpointID": e.endpoint_id,
                "MacAddress": mac_for(ip),
                "IPv4Address": format!("{}/{}", ip_string(ip), n.subnet.map(|s| s.1).unwrap_or(0)),
                "IPv6Address": "",
            }),
        );
    }
    let config: Vec<Value> =
        n.subnet.map(|s| json!({"Subnet": cidr_string(s), "Gateway": ip_string(n.gateway.unwrap_or(s.0 + 1))})).into_iter().collect();
    let options = if n.name == "bridge" && n.predefined {
        json!({
            "com.docker.network.bridge.default_bridge": "true",
            "com.docker.network.bridge.enable_icc": "true",
            "com.docker.network.bridge.enable_ip_masquerade": "true",
            "com.docker.network.bridge.host_binding_ipv4": "0.0.0.0",
            "com.docker.network.bridge.name": "docker0",
            "com.docker.network.driver.mtu": "1500",
        })
    } else {
        json!({})
    };
    json!({
        "Name": n.name,
        "Id": n.id,
        "Created": crate::time::rfc3339_nano_fixed(n.created * 1_000_000_000 + i64::from_str_radix(&n.id[..7], 16).unwrap_or(0) % 1_000_000_000),
        "Scope": "local",
        "Driver": n.driver,
        "EnableIPv6": false,
        "IPAM": {
            "Driver": "default",
            "Options": if n.predefined { Value::Null } else { json!({}) },
            "Config": config,
        },
        "Internal": n.internal,
        "Attachable": n.attachable,
        "Ingress": false,
        "ConfigFrom": { "Network": "" },
        "ConfigOnly": false,
        "Containers": containers,
        "Options": options,
        "Labels": n.labels,
    })
}

fn inspect(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let p = match flags::parse(&[v("format", Some('f')), b("verbose", Some('v'))], args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("network inspect", &e, out),
    };
    if p.args.is_empty() {
        return arg_error(
            "network inspect",
            "at least 1 argument",
            "[OPTIONS] NETWORK [NETWORK...]",
            "Display detailed information on one or more networks",
            out,
        );
    }
    let mut values = Vec::new();
    let mut errors = Vec::new();
    for name in &p.args {
        match engine.daemon.networks.find(name) {
            Some(n) => values.push(network_json(engine, n)),
            None => errors.push(format!("Error response from daemon: network {name} not found")),
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

/// Containers still attached (stopped ones count: Docker keeps their endpoint config).
fn users(engine: &Engine, n: &crate::network::Network) -> Vec<String> {
    n.endpoints.keys().filter(|id| engine.daemon.containers.get(id).is_some_and(|c| c.is_running())).cloned().collect()
}

fn rm(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let p = match flags::parse(&[b("force", Some('f'))], args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("network rm", &e, out),
    };
    if p.args.is_empty() {
        return arg_error("network rm", "at least 1 argument", "NETWORK [NETWORK...]", "Remove one or more networks", out);
    }
    let mut status = 0;
    for name in &p.args {
        let Some(i) = engine.daemon.networks.index(name) else {
            if !p.on("force") {
                out.eline(format!("Error response from daemon: network {name} not found"));
                status = 1;
            }
            continue;
        };
        let n = &engine.daemon.networks.list[i];
        if n.predefined {
            out.eline(format!("Error response from daemon: {} is a pre-defined network and cannot be removed", n.name));
            status = 1;
            continue;
        }
        let active = users(engine, n);
        if !active.is_empty() {
            let list: Vec<String> = active
                .iter()
                .filter_map(|id| engine.daemon.containers.get(id))
                .map(|c| format!("name:\"{}\" id:\"{}\"", c.name, c.short_id()))
                .collect();
            out.eline(format!(
                "Error response from daemon: error while removing network: network {} has active endpoints ({})",
                n.name,
                list.join(", ")
            ));
            status = 1;
            continue;
        }
        let net_id = engine.daemon.networks.list[i].id.clone();
        engine.daemon.network_event(&net_id, "destroy", None);
        engine.daemon.networks.list.remove(i);
        out.line(name);
    }
    status
}

fn prune(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let p = match flags::parse(&[b("force", Some('f')), v("filter", None)], args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("network prune", &e, out),
    };
    if super::ask(
        engine,
        p.on("force"),
        &["network", "prune"],
        args,
        "WARNING! This will remove all custom networks not used by at least one container.",
        out,
    ) {
        return 0;
    }
    let unused: Vec<String> = engine
        .daemon
        .networks
        .list
        .iter()
        .filter(|n| !n.predefined && !n.endpoints.keys().any(|id| engine.daemon.containers.get(id).is_some()))
        .map(|n| n.name.clone())
        .collect();
    if !unused.is_empty() {
        out.line("Deleted Networks:");
        for name in &unused {
            out.line(name);
        }
    }
    let gone: Vec<String> = engine.daemon.networks.list.iter().filter(|n| unused.contains(&n.name)).map(|n| n.id.clone()).collect();
    for net_id in gone {
        engine.daemon.network_event(&net_id, "destroy", None);
    }
    engine.daemon.networks.list.retain(|n| !unused.contains(&n.name));
    0
}

fn connect(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let p = match flags::parse(&[v("alias", None), v("ip", None), v("link", None)], args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("network connect", &e, out),
    };
    if p.args.len() != 2 {
        return arg_error("network connect", "exactly 2 arguments", "[OPTIONS] NETWORK CONTAINER", "Connect a container to a network", out);
    }
    let Some(i) = engine.daemon.networks.index(&p.args[0]) else {
        out.eline(format!("Error response from daemon: network {} not found", p.args[0]));
        return 1;
    };
    let Some(id) = super::containers::resolve_or_report(engine, &p.args[1], out) else {
        return 1;
    };
    let n = &engine.daemon.networks.list[i];
    if n.endpoints.contains_key(&id) {
        let cname = engine.daemon.containers.get(&id).map(|c| c.name.clone()).unwrap_or_default();
        out.eline(format!("Error response from daemon: endpoint with name {cname} already exists in network {}", n.name));
        return 1;
    }
    let mode = engine.daemon.networks.mode(&id);
    if n.driver != "bridge" || mode == "host" || mode == "none" || mode.starts_with("container:") {
        out.eline("Error response from daemon: container cannot be disconnected from host network or connected to host network");
        return 1;
    }
    let endpoint = endpoint_id(engine, i, &id);
    engine.daemon.networks.attach(i, &id, p.values("alias").to_vec(), endpoint);
    if engine.daemon.containers.get(&id).is_some_and(|c| c.is_running()) {
        on_start(engine, &id);
        let net_id = engine.daemon.networks.list[i].id.clone();
        engine.daemon.network_event(&net_id, "connect", Some(&id));
    }
    0
}

fn disconnect(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let p = match flags::parse(&[b("force", Some('f'))], args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("network disconnect", &e, out),
    };
    if p.args.len() != 2 {
        return arg_error(
            "network disconnect",
            "exactly 2 arguments",
            "[OPTIONS] NETWORK CONTAINER",
            "Disconnect a container from a network",
            out,
        );
    }
    let Some(i) = engine.daemon.networks.index(&p.args[0]) else {
        out.eline(format!("Error response from daemon: network {} not found", p.args[0]));
        return 1;
    };
    let Some(id) = super::containers::resolve_or_report(engine, &p.args[1], out) else {
        return 1;
    };
    let running = engine.daemon.containers.get(&id).is_some_and(|c| c.is_running());
    let net_id = engine.daemon.networks.list[i].id.clone();
    if running && engine.daemon.networks.list[i].endpoints.contains_key(&id) {
        engine.daemon.network_event(&net_id, "disconnect", Some(&id));
    }
    let n = &mut engine.daemon.networks.list[i];
    if n.endpoints.remove(&id).is_none() {
        let cname = engine.daemon.containers.get(&id).map(|c| c.name.clone()).unwrap_or_default();
        out.eline(format!(
            "Error response from daemon: container {} is not connected to network {}",
            if cname.is_empty() { id.clone() } else { cname },
            p.args[0]
        ));
        return 1;
    }
    if engine.daemon.containers.get(&id).is_some_and(|c| c.is_running()) {
        write_etc(engine, &id);
    }
    0
}

/// The networking flags of `docker run`/`create`, checked before the container exists.
pub struct RunNet {
    pub mode: String,
    pub aliases: Vec<String>,
    pub links: Vec<(String, String)>,
    pub extra_hosts: Vec<(String, String)>,
    pub hostname: Option<String>,
}

/// Reads and checks `--network`, `--network-alias`, `--link`, `--add-host`, `--hostname`.
pub fn parse_run(engine: &Engine, p: &flags::Parsed) -> Result<RunNet, String> {
    let mode = p.value("network").or(p.value("net")).unwrap_or("bridge").to_string();
    let mode = if mode == "default" { "bridge".to_string() } else { mode };
    let aliases = p.values("network-alias").to_vec();
    if let Some(target) = mode.strip_prefix("container:") {
        if engine.daemon.containers.resolve(target).is_err() {
            return Err(format!("Error response from daemon: No such container: {target}"));
        }
    } else if engine.daemon.networks.find(&mode).is_none() {
        return Err(format!("Error response from daemon: network {mode} not found"));
    }
    let user_defined = engine.daemon.networks.find(&mode).is_some_and(|n| !n.predefined);
    if !aliases.is_empty() && !user_defined {
        return Err("Error response from daemon: network-scoped alias is supported only for containers in user defined networks".into());
    }
    let mut links = Vec::new();
    for l in p.values("link") {
        let (name, alias) = l.split_once(':').unwrap_or((l, l));
        let Ok(cid) = engine.daemon.containers.resolve(name) else {
            return Err(format!("Error response from daemon: could not get container for {name}"));
        };
        if !user_defined && !engine.daemon.containers.get(&cid).is_some_and(|c| c.is_running()) {
            return Err(format!("Error response from daemon: Cannot link to a non running container: /{name} AS /{alias}"));
        }
        links.push((name.trim_start_matches('/').to_string(), alias.to_string()));
    }
    let mut extra_hosts = Vec::new();
    for h in p.values("add-host") {
        let Some((host, ip)) = h.split_once(':').or_else(|| h.split_once('=')) else {
            return Err(format!("invalid argument \"{h}\" for \"--add-host\" flag: bad format for add-host: \"{h}\""));
        };
        let ip = if ip == "host-gateway" { "172.17.0.1".to_string() } else { ip.to_string() };
        if crate::network::parse_ip(&ip).is_none() && !ip.contains(':') {
            return Err(format!("invalid argument \"{h}\" for \"--add-host\" flag: invalid IP address in add-host: \"{ip}\""));
        }
        extra_hosts.push((host.to_string(), ip));
    }
    let hostname = p.value("hostname").map(str::to_string);
    if mode == "host" && hostname.is_some() {
        return Err("Error response from daemon: conflicting options: hostname and the network mode".into());
    }
    Ok(RunNet { mode, aliases, links, extra_hosts, hostname })
}

/// A container's endpoint ID on network `net` (a hash: it takes no ID sequence number).
fn endpoint_id(engine: &Engine, net: usize, container: &str) -> String {
    let network = engine.daemon.networks.list.get(net).map(|n| n.id.as_str()).unwrap_or("");
    crate::digest::sha256_hex(format!("endpoint\0{network}\0{container}\0{}", engine.daemon.now).as_bytes())
}

/// Records a new container's networking and attaches it to its network.
pub fn attach_new(engine: &mut Engine, id: &str, net: RunNet) {
    let RunNet { mode, aliases, links, extra_hosts, .. } = net;
    if let Some(i) = engine.daemon.networks.index(&mode).filter(|_| !mode.starts_with("container:")) {
        let endpoint = endpoint_id(engine, i, id);
        engine.daemon.networks.attach(i, id, aliases, endpoint);
        let name = engine.daemon.networks.list[i].name.clone();
        engine.daemon.networks.containers.insert(id.to_string(), ContainerNet { mode: name, links, extra_hosts });
    } else {
        engine.daemon.networks.containers.insert(id.to_string(), ContainerNet { mode, links, extra_hosts });
    }
    write_etc(engine, id);
}

/// A starting container gets its addresses and its `/etc/hosts`.
pub fn on_start(engine: &mut Engine, id: &str) {
    let running: Vec<String> = engine.daemon.containers.iter().filter(|c| c.is_running()).map(|c| c.id.clone()).collect();
    engine.daemon.networks.allocate(id, &|c| running.iter().any(|r| r == c));
    write_etc(engine, id);
}

/// The container whose network stack `id` uses (itself, or `container:X`'s).
fn stack_owner(engine: &Engine, id: &str) -> String {
    let mode = engine.daemon.networks.mode(id);
    match mode.strip_prefix("container:").and_then(|t| engine.daemon.containers.resolve(t).ok()) {
        Some(other) if other != id => other,
        _ => id.to_string(),
    }
}

/// The container's current address on its first network (running only).
pub fn primary_ip(engine: &Engine, id: &str) -> Option<u32> {
    let owner = stack_owner(engine, id);
    if !engine.daemon.containers.get(&owner).is_some_and(|c| c.is_running()) {
        return None;
    }
    engine.daemon.networks.of(&owner).into_iter().find_map(|(_, e)| e.ip)
}

/// `/etc/hostname`, `/etc/hosts` and `/etc/resolv.conf` as Docker writes them.
pub fn write_etc(engine: &mut Engine, id: &str) {
    let mode = engine.daemon.networks.mode(id);
    let Some(c) = engine.daemon.containers.get(id) else {
        return;
    };
    let hostname = c.config.hostname.clone();
    let mut hosts = String::from("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff00::1\tip6-allnodes\nff00::2\tip6-allrouters\n");
    let mut resolv = "nameserver 8.8.8.8\nnameserver 8.8.4.4\n".to_string();
    if mode == "host" {
        hosts = String::from_utf8_lossy(&engine.host.fs.read("/etc/hosts").unwrap_or_default()).into_owned();
        if hosts.is_empty() {
            hosts = "127.0.0.1\tlocalhost\n127.0.1.1\tdockersim\n".into();
        }
    } else {
        let cn = engine.daemon.networks.containers.get(id).cloned().unwrap_or_default();
        for (name, alias) in &cn.links {
            let Ok(other) = engine.daemon.containers.resolve(name) else {
                continue;
            };
            let Some(oc) = engine.daemon.containers.get(&other) else {
                continue;
            };
            let Some(ip) = primary_ip(engine, &other) else {
                continue;
            };
            let mut names = vec![alias.clone()];
            for n in [oc.config.hostname.clone(), oc.name.clone()] {
                if !names.contains(&n) {
                    names.push(n);
                }
            }
            hosts.push_str(&format!("{}\t{}\n", ip_string(ip), names.join(" ")));
        }
        for (host, ip) in &cn.extra_hosts {
            hosts.push_str(&format!("{ip}\t{host}\n"));
        }
        if let Some(ip) = engine.daemon.networks.of(&stack_owner(engine, id)).into_iter().find_map(|(_, e)| e.ip) {
            hosts.push_str(&format!("{}\t{hostname}\n", ip_string(ip)));
        }
        if engine.daemon.networks.of(&stack_owner(engine, id)).iter().any(|(n, _)| !n.predefined) {
            resolv = "# Generated by Docker Engine.\n# This file can be edited; Docker Engine will not make further changes once it\n# has been modified.\n\nnameserver 127.0.0.11\noptions ndots:0\n\n# Based on host file: '/etc/resolv.conf' (internal resolver)\n# ExtServers: [8.8.8.8 8.8.4.4]\n# Overrides: []\n# Option ndots from: internal\n".into();
        }
        if mode == "none" {
            hosts = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff00::1\tip6-allnodes\nff00::2\tip6-allrouters\n".into();
            resolv = String::new();
        }
    }
    let now = engine.daemon.now;
    let Some(c) = engine.daemon.containers.get_mut(id) else {
        return;
    };
    if matches!(c.fs.get("/etc"), Ok(crate::vfs::Node::Dir { .. })) {
        let meta = Meta::new(0o644, now);
        for (path, text) in [("/etc/hostname", format!("{hostname}\n")), ("/etc/hosts", hosts), ("/etc/resolv.conf", resolv)] {
            let _ = c.fs.write(path, Content::from_bytes(text), meta.clone());
        }
    }
}

/// What a name looked up from a container (or the host) leads to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Peer {
    /// A running container, by ID, at this address.
    Container(String, u32),
    /// The host (a gateway address, `localhost` on the host).
    Host(u32),
    /// The container itself (`localhost` inside it).
    Itself,
    /// An address nothing answers on.
    Nowhere(u32),
}

/// Resolves `host` as seen from container `from` (None: the host machine):
/// `/etc/hosts` first, then Docker's embedded DNS on user-defined networks.
/// None: the name does not resolve.
pub fn lookup(engine: &Engine, from: Option<&str>, host: &str) -> Option<Peer> {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let from = from.map(|f| stack_owner(engine, f));
    let local = matches!(host, "localhost" | "127.0.0.1" | "0.0.0.0" | "::1" | "ip6-localhost");
    let Some(from) = from else {
        if local || host == "dockersim" {
            return Some(Peer::Host(0x7f00_0001));
        }
        return crate::network::parse_ip(host).map(|ip| peer_at(engine, ip));
    };
    if engine.daemon.networks.mode(&from) == "host" {
        if local || host == "dockersim" {
            return Some(Peer::Host(0x7f00_0001));
        }
    } else if local {
        return Some(Peer::Itself);
    }
    if let Some(ip) = crate::network::parse_ip(host) {
        return Some(peer_at(engine, ip));
    }
    let c = engine.daemon.containers.get(&from)?;
    if host == c.config.hostname || host == c.name && engine.daemon.networks.of(&from).iter().any(|(n, _)| !n.predefined) {
        return primary_ip(engine, &from).map(|_| Peer::Itself);
    }
    // /etc/hosts (links, --add-host) as the container's resolver reads it.
    let hosts = String::from_utf8_lossy(&c.fs.read("/etc/hosts").unwrap_or_default()).into_owned();
    for line in hosts.lines() {
        let mut words = line.split_whitespace();
        let Some(addr) = words.next() else { continue };
        if addr.starts_with('#') {
            continue;
        }
        if words.any(|w| w == host) {
            if let Some(ip) = crate::network::parse_ip(addr) {
                return Some(peer_at(engine, ip));
            }
        }
    }
    embedded_dns(engine, &from, host).map(|(cid, ip)| Peer::Container(cid, ip))
}

/// Docker's embedded DNS server (127.0.0.11) as container `from` queries
/// it: the running container (ID, address) a name, alias or short ID
/// stands for on a user-defined network `from` is on. The DNS clients
/// (`dig`, `host`, `nslookup`) ask it directly; `lookup` after `/etc/hosts`.
pub fn embedded_dns(engine: &Engine, from: &str, host: &str) -> Option<(String, u32)> {
    let from = stack_owner(engine, from);
    let name = host.trim_end_matches('.').to_ascii_lowercase();
    for (n, _) in engine.daemon.networks.of(&from) {
        if n.predefined {
            continue;
        }
        for (cid, e) in &n.endpoints {
            let Some(other) = engine.daemon.containers.get(cid) else {
                continue;
            };
            let Some(ip) = e.ip.filter(|_| other.is_running()) else {
                continue;
            };
            let hit = other.name.eq_ignore_ascii_case(&name)
                || e.aliases.iter().any(|a| a.eq_ignore_ascii_case(&name))
                || other.id.starts_with(&name) && name.len() == 12;
            if hit {
                return Some((cid.clone(), ip));
            }
        }
    }
    None
}

/// The embedded DNS server's reverse answer for `ip` (PTR): `NAME.NETWORK`
/// of the running container at that address on a user-defined network
/// `from` is on.
pub fn reverse_dns(engine: &Engine, from: &str, ip: u32) -> Option<String> {
    let from = stack_owner(engine, from);
    for (n, _) in engine.daemon.networks.of(&from) {
        if n.predefined {
            continue;
        }
        for (cid, e) in &n.endpoints {
            let Some(other) = engine.daemon.containers.get(cid).filter(|c| c.is_running()) else {
                continue;
            };
            if e.ip == Some(ip) {
                return Some(format!("{}.{}", other.name, n.name));
            }
        }
    }
    None
}

/// `172.18.0.2`.
pub fn ip_text(ip: u32) -> String {
    ip_string(ip)
}

/// Who answers at `ip`.
fn peer_at(engine: &Engine, ip: u32) -> Peer {
    if engine.daemon.networks.list.iter().any(|n| n.gateway == Some(ip)) || ip >> 24 == 127 {
        return Peer::Host(ip);
    }
    for n in &engine.daemon.networks.list {
        for (cid, e) in &n.endpoints {
            if e.ip == Some(ip) && engine.daemon.containers.get(cid).is_some_and(|c| c.is_running()) {
                return Peer::Container(cid.clone(), ip);
            }
        }
    }
    Peer::Nowhere(ip)
}

/// `NetworkSettings` and `HostConfig.NetworkMode` for `docker inspect`.
pub fn settings_json(engine: &Engine, c: &crate::container::Container, ports: Value) -> (Value, String) {
    let mode = engine.daemon.networks.mode(&c.id);
    let running = c.is_running();
    let mut networks = Map::new();
    let mut top = (String::new(), String::new(), String::new(), 0u8);
    for (n, e) in engine.daemon.networks.of(&c.id) {
        let ip = e.ip.filter(|_| running);
        let prefix = n.subnet.map(|s| s.1).unwrap_or(0);
        let ip_s = ip.map(ip_string).unwrap_or_default();
        let gw = ip.and(n.gateway).map(ip_string).unwrap_or_default();
        let mac = ip.map(mac_for).unwrap_or_default();
        if n.name == "bridge" && n.predefined {
            top = (ip_s.clone(), gw.clone(), mac.clone(), if ip.is_some() { prefix } else { 0 });
        }
        let dns: Value = if n.predefined {
            Value::Null
        } else {
            let mut names = vec![c.name.clone()];
            names.extend(e.aliases.iter().cloned());
            names.push(c.id[..12].to_string());
            json!(names)
        };
        let links: Value = match engine.daemon.networks.containers.get(&c.id) {
            Some(cn) if !cn.links.is_empty() && n.predefined => json!(cn.links.iter().map(|(a, b)| format!("{a}:{b}")).collect::<Vec<_>>()),
            _ => Value::Null,
        };
        networks.insert(
            n.name.clone(),
            json!({
                "IPAMConfig": null,
                "Links": links,
                "Aliases": if e.aliases.is_empty() { Value::Null } else { json!(e.aliases) },
                "MacAddress": mac,
                "DriverOpts": null,
                "NetworkID": n.id,
                "EndpointID": if ip.is_some() || n.subnet.is_none() && running { e.endpoint_id.clone() } else { String::new() },
                "Gateway": gw,
                "IPAddress": ip_s,
                "IPPrefixLen": if ip.is_some() { prefix } else { 0 },
                "IPv6Gateway": "",
                "GlobalIPv6Address": "",
                "GlobalIPv6PrefixLen": 0,
                "DNSNames": dns,
            }),
        );
    }
    let sandbox = if running { crate::digest::sha256_hex(format!("sandbox\0{}", c.id).as_bytes()) } else { String::new() };
    let value = json!({
        "Bridge": "",
        "SandboxID": sandbox,
        "SandboxKey": if running { format!("/var/run/docker/netns/{}", &sandbox[..12]) } else { String::new() },
        "Ports": ports,
        "HairpinMode": false,
        "LinkLocalIPv6Address": "",
        "LinkLocalIPv6PrefixLen": 0,
        "SecondaryIPAddresses": null,
        "SecondaryIPv6Addresses": null,
        "EndpointID": "",
        "Gateway": top.1,
        "GlobalIPv6Address": "",
        "GlobalIPv6PrefixLen": 0,
        "IPAddress": top.0,
        "IPPrefixLen": top.3,
        "IPv6Gateway": "",
        "MacAddress": top.2,
        "Networks": networks,
    });
    (value, mode)
}
