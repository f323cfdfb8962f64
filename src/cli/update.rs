//! A container's restart policy and resource limits: `docker run
//! --restart/--memory/--cpus` set them, `docker update` changes them on an
//! existing container, `docker inspect` shows them under `HostConfig`.
//! The limits are recorded, not enforced (no process of the simulator uses
//! memory or CPU); restart policies are the daemon's
//! (`container::restart`, `Daemon::timed_exits`).

use super::flags::{self, v, Flag};
use super::{arg_error, flag_error, Out};
use crate::container::RunConfig;
use crate::Engine;

/// `512m`, `1g`, `300MB`, `1048576` as bytes (Docker's RAMInBytes).
fn ram_bytes(text: &str) -> Option<u64> {
    let t = text.trim().to_ascii_lowercase();
    let t = t.strip_suffix('b').filter(|r| r.ends_with(['k', 'm', 'g', 't', 'p'])).unwrap_or(&t);
    let (num, unit) = match t.char_indices().find(|(_, c)| c.is_ascii_alphabetic()) {
        Some((i, _)) => (&t[..i], &t[i..]),
        None => (t, ""),
    };
    let shift = match unit {
        "" => 0,
        "k" => 10,
        "m" => 20,
        "g" => 30,
        "t" => 40,
        "p" => 50,
        _ => return None,
    };
    let n: f64 = num.parse().ok().filter(|n: &f64| *n >= 0.0)?;
    Some((n * (1u64 << shift) as f64) as u64)
}

/// Reads `--restart`, `--memory` and `--cpus` into `config`: the flag's or
/// the daemon's error text when a value is wrong.
pub fn resources(p: &flags::Parsed, config: &mut RunConfig) -> Result<(), String> {
    if let Some(policy) = p.value("restart") {
        config.restart = restart_policy(policy)?;
        if p.on("rm") && !matches!(config.restart.0.as_str(), "" | "no") {
            return Err("conflicting options: cannot specify both --restart and --rm".into());
        }
    }
    if let Some(m) = p.value("memory").filter(|m| !m.is_empty()) {
        let bytes = ram_bytes(m).ok_or_else(|| format!("invalid argument \"{m}\" for \"-m, --memory\" flag: invalid size: '{m}'"))?;
        if bytes > 0 && bytes < 6 * 1024 * 1024 {
            return Err("Error response from daemon: Minimum memory limit allowed is 6MB".into());
        }
        config.memory = bytes;
    }
    if let Some(c) = p.value("cpus").filter(|c| !c.is_empty()) {
        let cpus: f64 =
            c.parse().map_err(|_| format!("invalid argument \"{c}\" for \"--cpus\" flag: failed to parse {c} as a rational number"))?;
        if cpus > 2.0 {
            return Err("Error response from daemon: range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available".into());
        }
        config.nano_cpus = (cpus * 1e9).round() as u64;
    }
    Ok(())
}

/// `no`, `always`, `unless-stopped`, `on-failure[:N]`, checked as the
/// client parses and the daemon validates.
fn restart_policy(policy: &str) -> Result<(String, u32), String> {
    if policy.is_empty() {
        return Ok((String::new(), 0));
    }
    let (name, count) = match policy.split_once(':') {
        Some(("", _)) => return Err("invalid restart policy format: no policy provided before colon".into()),
        Some((name, count)) => {
            let n: i64 = count.parse().map_err(|_| "invalid restart policy format: maximum retry count must be an integer".to_string())?;
            (name, Some(n))
        }
        None => (policy, None),
    };
    match (name, count) {
        ("no" | "always" | "unless-stopped", Some(_)) => {
            Err("Error response from daemon: invalid restart policy: maximum retry count can only be used with 'on-failure'".into())
        }
        ("on-failure", Some(n)) if n < 0 => {
            Err("Error response from daemon: invalid restart policy: maximum retry count cannot be negative".into())
        }
        ("no" | "always" | "unless-stopped" | "on-failure", n) => Ok((name.to_string(), n.unwrap_or(0) as u32)),
        _ => Err(format!(
            "Error response from daemon: invalid restart policy: unknown policy '{name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'"
        )),
    }
}

/// `docker update [--restart P] [-m SIZE] [--cpus N] CONTAINER...`.
pub fn run(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    const FLAGS: &[Flag] = &[v("restart", None), v("memory", Some('m')), v("cpus", None)];
    let p = match flags::parse(FLAGS, args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("update", &e, out),
    };
    if p.args.is_empty() {
        return arg_error(
            "update",
            "at least 1 argument",
            "[OPTIONS] CONTAINER [CONTAINER...]",
            "Update configuration of one or more containers",
            out,
        );
    }
    if !["restart", "memory", "cpus"].iter().any(|f| p.given(f)) {
        out.eline("You must provide one or more flags when using this command.");
        return 1;
    }
    let mut status = 0;
    for name in &p.args {
        let Some(id) = super::containers::resolve_or_report(engine, name, out) else {
            status = 1;
            continue;
        };
        let Some(c) = engine.daemon.containers.get(&id) else { continue };
        if p.given("restart") && c.auto_remove && p.value("restart").is_some_and(|r| !r.is_empty() && r != "no") {
            out.eline(format!(
                "Error response from daemon: Cannot update container {id}: Restart policy cannot be updated because AutoRemove is enabled for the container"
            ));
            status = 1;
            continue;
        }
        let mut config = c.config.clone();
        if let Err(e) = resources(&p, &mut config) {
            out.eline(
                e.strip_prefix("Error response from daemon: ")
                    .map_or(e.clone(), |r| format!("Error response from daemon: Cannot update container {id}: {r}")),
            );
            status = 1;
            continue;
        }
        if let Some(c) = engine.daemon.containers.get_mut(&id) {
            c.config = config;
        }
        out.line(name);
    }
    status
}
