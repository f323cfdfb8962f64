//! Starting a container's main process, and the terminal's side of its end.
//! The state changes are the daemon's (`crate::daemon`); what runs in the
//! container reaches the machine's programs (databases, the network, the
//! attached terminal) through the CLI's hooks, so starting is orchestrated
//! here. Errors are the daemon's messages (the CLI adds `Error response
//! from daemon: `).

use super::Out;
use crate::container::process::Outcome;
use crate::container::{health, State, Stream};
use crate::digest::sha256_hex;
use crate::Engine;

/// Starts a container's main process. Port conflicts and missing programs
/// are errors (the container stays `created`).
pub fn start(engine: &mut Engine, id: &str) -> Result<Outcome, String> {
    let now = engine.daemon.now;
    let in_use: Vec<u16> = engine
        .daemon
        .containers
        .iter()
        .filter(|c| c.is_running() && c.id != id)
        .flat_map(|c| c.ports.iter().filter_map(|p| p.host_port))
        .collect();
    let mut next_ephemeral = 32768u16;
    let Some(c) = engine.daemon.containers.get_mut(id) else { return Err(format!("No such container: {id}")) };
    if c.is_running() {
        return Ok(Outcome::Serving(c.service.clone().unwrap_or(crate::container::Service::Idle)));
    }
    for p in c.ports.iter_mut() {
        match p.host_port {
            Some(hp) if in_use.contains(&hp) => {
                let endpoint = sha256_hex(format!("endpoint\0{}\0{now}", c.id).as_bytes());
                let ip = if p.host_ip.is_empty() { "0.0.0.0".to_string() } else { p.host_ip.clone() };
                return Err(format!(
                    "driver failed programming external connectivity on endpoint {} ({endpoint}): Bind for {ip}:{hp} failed: port is already allocated",
                    c.name
                ));
            }
            Some(_) => {}
            None => {
                while in_use.contains(&next_ephemeral) {
                    next_ephemeral += 1;
                }
                p.host_port = Some(next_ephemeral);
                next_ephemeral += 1;
            }
        }
    }
    engine.daemon.join_networks(&engine.host.fs, id);
    engine.daemon.sync_in(&mut engine.host.fs, id);
    let Some(c) = engine.daemon.containers.get_mut(id) else { return Err(format!("No such container: {id}")) };
    let argv = c.config.argv();
    let outcome = match super::sql::main_process(engine, id, &argv)
        .or_else(|| super::mongo::main_process(engine, id, &argv))
        .or_else(|| super::network::client(engine, id, &argv))
    {
        Some(outcome) => outcome,
        None => match super::session::start_main(engine, id, &argv, now) {
            Some(outcome) => outcome,
            None => return Err(format!("No such container: {id}")),
        },
    };
    let Some(c) = engine.daemon.containers.get_mut(id) else { return Err(format!("No such container: {id}")) };
    match &outcome {
        Outcome::StartFailed(..) => {}
        Outcome::Exited(code) => {
            c.state = State::Exited { code: code.rem_euclid(256), started: now, finished: now };
            c.service = None;
            c.stamp_logs(now);
        }
        Outcome::Serving(service) => {
            c.state = State::Running { started: now };
            c.service = Some(service.clone());
        }
        Outcome::Interactive(_) => {
            c.state = State::Running { started: now };
            c.service = None;
        }
    }
    if c.is_running() {
        c.health = c.config.healthcheck.as_ref().filter(|h| health::enabled(h)).map(|h| health::Health::new(h, now));
    } else {
        c.exits_at = None;
    }
    if !matches!(outcome, Outcome::StartFailed(..)) {
        engine.daemon.started_events(id);
    }
    if matches!(outcome, Outcome::Exited(_)) {
        engine.daemon.died_events(id);
        engine.daemon.plan_restart(id);
    }
    engine.daemon.sync_out(&mut engine.host.fs, id);
    Ok(outcome)
}

/// Ends the main process (the daemon's part) and gives the terminal back
/// when the container was attached to it.
pub fn finish(engine: &mut Engine, id: &str, code: i32) {
    engine.daemon.finish(id, code);
    if engine.session.as_ref().is_some_and(|s| s.container_id == id) {
        engine.session = None;
    }
}

/// `docker stop` (the daemon's part), then the terminal as in [`finish`].
pub fn stop(engine: &mut Engine, id: &str) {
    engine.daemon.stop(id);
    if engine.session.as_ref().is_some_and(|s| s.container_id == id && engine.daemon.containers.get(id).is_none_or(|c| !c.is_running())) {
        engine.session = None;
    }
}

/// A main process's arguments past the official images' entrypoint script
/// (`docker-entrypoint.sh mysql -h db` runs `mysql -h db`).
pub fn after_entrypoint(argv: &[String]) -> &[String] {
    match argv.first() {
        Some(a) if a.rsplit('/').next() == Some("docker-entrypoint.sh") => &argv[1..],
        _ => argv,
    }
}

/// What a client program run as container `id`'s main process printed goes
/// on the container's log, line by line (None: the container is gone).
pub fn log_output(engine: &mut Engine, id: &str, out: Out) -> Option<()> {
    let c = engine.daemon.containers.get_mut(id)?;
    for chunk in out.chunks {
        for line in chunk.text.lines() {
            c.logs.push((chunk.stream, line.to_string()));
        }
    }
    Some(())
}

/// Prints log lines to the right streams.
pub fn print_logs(lines: &[(Stream, String)], out: &mut Out) {
    for (stream, text) in lines {
        out.push(*stream, &format!("{text}\n"));
    }
}

/// Runs the health probes that fell due by now in every running container
/// with a healthcheck (at most the last few of a long wait: each probe is
/// deterministic, so skipped ones would have answered alike).
pub fn health_checks(engine: &mut Engine) {
    if engine.daemon.probing {
        return;
    }
    engine.daemon.probing = true;
    run_due_probes(engine);
    engine.daemon.probing = false;
}

fn run_due_probes(engine: &mut Engine) {
    let now = engine.daemon.now;
    let due: Vec<String> = engine
        .daemon
        .containers
        .iter()
        .filter(|c| c.is_running() && c.health.as_ref().is_some_and(|h| h.next <= now))
        .map(|c| c.id.clone())
        .collect();
    for id in due {
        let Some(c) = engine.daemon.containers.get_mut(&id) else { continue };
        let (Some(h), Some(cfg)) = (c.health.as_mut(), c.config.healthcheck.clone()) else { continue };
        // Every probe that fell due counts (the failing streak), the last
        // ten at most; one run answers for them all.
        let due = h.due_until(&cfg, now, 10);
        let Some(&at) = due.last() else { continue };
        let argv = health::probe_argv(&cfg);
        let ran = super::session::with_programs(engine, &id, |c, hook| crate::container::process::run_shell_with(c, &argv, at, hook));
        let Some(r) = ran else { continue };
        let output: String = r.chunks.iter().map(|(_, t)| t.as_str()).collect();
        if let Some(h) = engine.daemon.containers.get_mut(&id).and_then(|c| c.health.as_mut()) {
            for _ in &due {
                h.record(&cfg, r.status, &output);
            }
        }
    }
}

/// Plays what fell due by now, in the order it happened: main processes
/// whose run (`sleep 300`) is over end at the time they ended, and the
/// restart policies start exited containers again after their back-off.
/// At most [`DUE_LIMIT`] steps a call; restarts left over then wait a
/// back-off from now (a container crash-looping for hours is not replayed
/// run by run).
pub fn timed_exits(engine: &mut Engine) {
    let now = engine.daemon.now;
    let now_ms = now * 1000;
    for _ in 0..DUE_LIMIT {
        let next = engine
            .daemon
            .containers
            .iter()
            .filter_map(|c| match c.exits_at {
                Some((at, code)) if c.is_running() && at <= now => Some((at * 1000, c.id.clone(), Some(code))),
                _ => c.restarts.due_ms.filter(|&due| due <= now_ms && !c.is_running()).map(|due| (due, c.id.clone(), None)),
            })
            .min();
        let Some((at_ms, id, code)) = next else { return };
        engine.daemon.now = at_ms.div_euclid(1000);
        engine.daemon.sub_ms = at_ms.rem_euclid(1000);
        match code {
            Some(code) => finish(engine, &id, code),
            None => policy_restart(engine, &id),
        }
        engine.daemon.now = now;
        engine.daemon.sub_ms = 0;
    }
    for c in engine.daemon.containers.iter_mut() {
        if let Some(due) = c.restarts.due_ms.as_mut().filter(|due| **due <= now_ms) {
            *due = now_ms + c.restarts.backoff_ms;
        }
    }
}

/// Steps [`timed_exits`] replays between two terminal lines at most.
const DUE_LIMIT: usize = 1000;

/// The daemon starts a container again for its restart policy.
fn policy_restart(engine: &mut Engine, id: &str) {
    if let Some(c) = engine.daemon.containers.get_mut(id) {
        c.restarts.due_ms = None;
    }
    let _ = start_unattended(engine, id);
}

/// Starts a main process no terminal is attached to (`docker restart`, the
/// restart policies, dockerd's restore): a shell or REPL without `-i` reads
/// the end of its closed standard input and exits.
pub fn start_unattended(engine: &mut Engine, id: &str) -> Result<Outcome, String> {
    let outcome = start(engine, id)?;
    if matches!(outcome, Outcome::Interactive(_)) && !engine.daemon.containers.get(id).is_some_and(|c| c.config.interactive) {
        finish(engine, id, 0);
    }
    Ok(outcome)
}
