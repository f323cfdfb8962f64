//! `docker ps` / `docker container ls`.

use super::flags::{self, b, v, Flag};
use super::format::{self, ellipsis, row, Listing};
use super::inspect::{go_time, image_column, state_name, status};
use super::units::{ago, size3};
use super::{arg_error, flag_error, Out};
use crate::container::{ports, Container, State};
use crate::Engine;
use serde_json::Value;

pub(crate) fn ps(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    const FLAGS: &[Flag] = &[
        b("all", Some('a')),
        b("quiet", Some('q')),
        b("no-trunc", None),
        b("size", Some('s')),
        v("filter", Some('f')),
        v("format", None),
        v("last", Some('n')),
        b("latest", Some('l')),
    ];
    let p = match flags::parse(FLAGS, args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("ps", &e, out),
    };
    if !p.args.is_empty() {
        return arg_error("ps", "no arguments", "[OPTIONS]", "List containers", out);
    }
    let now = engine.daemon.now;
    let trunc = !p.on("no-trunc");
    let mut list: Vec<&Container> = engine.daemon.containers.newest_first().collect();
    if !p.on("all") && !p.given("filter") && !p.on("latest") && !p.given("last") {
        list.retain(|c| c.is_running() || c.is_restarting());
    }
    for f in p.values("filter") {
        let (k, val) = f.split_once('=').unwrap_or((f, ""));
        match k {
            "status" => list.retain(|c| state_name(c) == val),
            "name" => list.retain(|c| c.name.contains(val)),
            "id" => list.retain(|c| c.id.starts_with(val)),
            "ancestor" => {
                let target = engine.daemon.find_image(val);
                list.retain(|c| Some(&c.image_id) == target.as_ref());
            }
            "exited" => list.retain(|c| matches!(c.state, State::Exited { code, .. } if code.to_string() == val)),
            _ => {
                out.eline(format!("Error response from daemon: invalid filter '{k}'"));
                return 1;
            }
        }
    }
    if p.on("latest") {
        list.truncate(1);
    }
    if let Some(n) = p.value("last").and_then(|n| n.parse::<usize>().ok()) {
        list.truncate(n);
    }
    let rows = list
        .iter()
        .map(|c| {
            // The daemon's Command (path, then args with spaces in single quotes),
            // truncated by the CLI before it quotes it (formatter.ContainerContext).
            let command = daemon_command(&c.config.argv());
            let size = c.rw_size();
            let virt = size + engine.daemon.images.get(&c.image_id).map(|i| i.size()).unwrap_or(0);
            let port_text = if c.is_running() { ports::display(&c.ports, &c.config.exposed_ports) } else { String::new() };
            row(vec![
                ("Command", Value::String(crate::build::format::go_quote(&if trunc { ellipsis(&command, 20) } else { command }))),
                ("CreatedAt", Value::String(go_time(c.created))),
                ("ID", Value::String(if trunc { c.short_id().to_string() } else { c.id.clone() })),
                ("Image", Value::String(image_column(engine, c))),
                ("Labels", Value::String(c.config.labels.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(","))),
                ("LocalVolumes", Value::String("0".into())),
                ("Mounts", Value::String(String::new())),
                ("Names", Value::String(c.name.clone())),
                ("Networks", Value::String("bridge".into())),
                ("Ports", Value::String(port_text)),
                ("RunningFor", Value::String(ago(now, c.created))),
                ("Size", Value::String(format!("{} (virtual {})", size3(size), size3(virt)))),
                ("State", Value::String(state_name(c).into())),
                ("Status", Value::String(status(c, now))),
            ])
        })
        .collect();
    let default = if p.on("quiet") {
        "{{.ID}}"
    } else if p.on("size") {
        "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}\t{{.Size}}"
    } else {
        "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}"
    };
    let listing = Listing {
        default,
        headers: &[
            ("ID", "CONTAINER ID"),
            ("Image", "IMAGE"),
            ("Command", "COMMAND"),
            ("RunningFor", "CREATED"),
            ("CreatedAt", "CREATED AT"),
            ("Status", "STATUS"),
            ("State", "STATE"),
            ("Ports", "PORTS"),
            ("Names", "NAMES"),
            ("Size", "SIZE"),
            ("Labels", "LABELS"),
            ("Mounts", "MOUNTS"),
            ("Networks", "NETWORKS"),
            ("LocalVolumes", "LOCAL VOLUMES"),
        ],
        type_name: "*formatter.ContainerContext",
        rows,
    };
    let fmt = if p.on("quiet") { None } else { p.value("format") };
    format::print(&listing, fmt, out)
}

/// moby's `Command` of a container summary: the path, then each argument,
/// in single quotes when it holds a space.
fn daemon_command(argv: &[String]) -> String {
    let mut words = argv.iter();
    let mut s = words.next().cloned().unwrap_or_default();
    for a in words {
        s.push(' ');
        if a.contains(' ') {
            s.push_str(&format!("'{a}'"));
        } else {
            s.push_str(a);
        }
    }
    s
}
