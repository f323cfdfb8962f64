//! `docker stats`: a sample of each container's resource use, in the
//! client's table (`formatter_stats.go`). The simulation has no processes
//! using CPU or memory, so the figures are deterministic estimates per kind
//! of program (an idle shell, nginx, a database), the same on every run.

use super::containers::resolve;
use super::flags::{self, b, v, Flag};
use super::format::{self, row, Listing};
use super::units::human_size_prec;
use super::{flag_error, Out};
use crate::container::{Container, Service};
use crate::Engine;
use serde_json::Value;

/// What `docker info` reports as Total Memory (3.82GiB).
const MEMORY_LIMIT: u64 = 4_101_693_440;

pub fn run(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    const FLAGS: &[Flag] = &[b("all", Some('a')), v("format", None), b("no-stream", None), b("no-trunc", None)];
    let p = match flags::parse(FLAGS, args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("stats", &e, out),
    };
    let mut ids = Vec::new();
    for name in &p.args {
        match resolve(engine, name) {
            Ok(id) => ids.push(id),
            Err(e) => {
                out.eline(format!("Error response from daemon: {e}"));
                return 1;
            }
        }
    }
    let listed: Vec<&Container> = if ids.is_empty() {
        engine.daemon.containers.iter().filter(|c| p.on("all") || c.is_running()).collect()
    } else {
        ids.iter().filter_map(|id| engine.daemon.containers.get(id)).collect()
    };
    let trunc = !p.on("no-trunc");
    let rows = listed.iter().map(|c| sample(c, trunc)).collect();
    let listing = Listing {
        default: "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}",
        headers: &[
            ("Container", "CONTAINER"),
            ("Name", "NAME"),
            ("ID", "CONTAINER ID"),
            ("CPUPerc", "CPU %"),
            ("MemUsage", "MEM USAGE / LIMIT"),
            ("MemPerc", "MEM %"),
            ("NetIO", "NET I/O"),
            ("BlockIO", "BLOCK I/O"),
            ("PIDs", "PIDS"),
        ],
        type_name: "*container.statsContext",
        rows,
    };
    let status = format::print(&listing, p.value("format"), out);
    if !p.on("no-stream") && status == 0 {
        out.eline("dockersim: docker stats shows one sample and returns (the simulated clock does not run between commands); --no-stream does the same");
    }
    status
}

/// Memory in bytes, PIDs and network bytes received for a running container.
fn estimate(c: &Container) -> (u64, u32, u64) {
    let image = c.image_ref.split([':', '@']).next().unwrap_or("").rsplit('/').next().unwrap_or("");
    let (mib_x100, pids) = match (&c.service, image) {
        (Some(Service::Nginx { .. }), _) => (287, 3),
        (Some(Service::Registry { .. }), _) => (812, 7),
        (Some(Service::Flask { .. }), _) => (2490, 1),
        (Some(Service::NodeHttp { .. }), _) => (1130, 7),
        (_, "mysql" | "mariadb" | "percona") => (36_210, 37),
        (_, "postgres") => (2_110, 6),
        (_, "redis") => (396, 6),
        (_, "mongo") => (15_840, 34),
        (_, "rabbitmq") => (11_870, 29),
        (_, "httpd") => (720, 82),
        _ => (52, 1),
    };
    let seed = c.id.bytes().take(4).fold(0u64, |a, b| a * 31 + u64::from(b));
    let mem = mib_x100 * 1024 * 1024 / 100 + (seed % 256) * 1024;
    let rx = 796 + seed % 900;
    (mem, pids, rx)
}

fn sample(c: &Container, trunc: bool) -> serde_json::Map<String, Value> {
    let s = |t: String| Value::String(t);
    let id = if trunc { c.short_id().to_string() } else { c.id.clone() };
    let (mem, pids, rx) = if c.is_running() { estimate(c) } else { (0, 0, 0) };
    let limit = if !c.is_running() {
        0
    } else if c.config.memory > 0 {
        c.config.memory.min(MEMORY_LIMIT)
    } else {
        MEMORY_LIMIT
    };
    let perc = if limit == 0 { 0.0 } else { mem as f64 * 100.0 / limit as f64 };
    row(vec![
        ("BlockIO", s(format!("{} / {}", human_size_prec(0, 3), human_size_prec(0, 3)))),
        ("CPUPerc", s("0.00%".into())),
        ("Container", s(id.clone())),
        ("ID", s(id)),
        ("MemPerc", s(format!("{perc:.2}%"))),
        ("MemUsage", s(format!("{} / {}", bytes_size(mem), bytes_size(limit)))),
        ("Name", s(c.name.clone())),
        ("NetIO", s(format!("{} / {}", human_size_prec(rx, 3), human_size_prec(0, 3)))),
        ("PIDs", s(pids.to_string())),
    ])
}

/// go-units' `BytesSize`: 1024-based, four significant digits.
fn bytes_size(size: u64) -> String {
    const UNITS: [&str; 7] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    let mut v = size as f64;
    let mut i = 0;
    while v >= 1024.0 && i < UNITS.len() - 1 {
        v /= 1024.0;
        i += 1;
    }
    format!("{}{}", super::units::go_g(v, 4), UNITS[i])
}
