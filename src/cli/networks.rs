//! `docker network …` and the networking flags of `docker run`
//! (`--network`, `--network-alias`, `--link`, `--add-host`, `--hostname`):
//! argv in, the daemon's answers printed (`network ls|inspect`, a
//! container's `NetworkSettings` for `docker inspect`). The state — endpoints,
//! addresses, `/etc` files, name resolution — is the daemon's
//! (`daemon/endpoints.rs`, `daemon/etc_files.rs`, `daemon/resolve.rs`).

use super::flags::{self, b, v, Flag};
use super::format::{self, row, Listing};
use super::{arg_error, flag_error, Out};
pub use crate::daemon::RunNet;
use crate::network::{cidr_string, ip_string, mac_for, NewNetwork};
use crate::time::rfc3339;
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
    match engine.daemon.create_network(spec) {
        Ok(id) => {
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
        if let Err(e) = engine.daemon.remove_network(i) {
            out.eline(format!("Error response from daemon: {e}"));
            status = 1;
            continue;
        }
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
    let unused = engine.daemon.prune_networks();
    if !unused.is_empty() {
        out.line("Deleted Networks:");
        for name in &unused {
            out.line(name);
        }
    }
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
    if engine.daemon.networks.index(&p.args[0]).is_none() {
        out.eline(format!("Error response from daemon: network {} not found", p.args[0]));
        return 1;
    }
    let Some(id) = super::containers::resolve_or_report(engine, &p.args[1], out) else {
        return 1;
    };
    if let Err(e) = engine.daemon.connect(&engine.host.fs, &p.args[0], &id, p.values("alias").to_vec()) {
        out.eline(format!("Error response from daemon: {e}"));
        return 1;
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
    if engine.daemon.networks.index(&p.args[0]).is_none() {
        out.eline(format!("Error response from daemon: network {} not found", p.args[0]));
        return 1;
    }
    let Some(id) = super::containers::resolve_or_report(engine, &p.args[1], out) else {
        return 1;
    };
    if let Err(e) = engine.daemon.disconnect(&engine.host.fs, &p.args[0], &id) {
        out.eline(format!("Error response from daemon: {e}"));
        return 1;
    }
    0
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

/// `172.18.0.2`.
pub fn ip_text(ip: u32) -> String {
    ip_string(ip)
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
