//! Starting a container's main process, and the terminal's side of its end.
//! The state changes are the daemon's (`crate::daemon`); what runs in the
//! container reaches the machine's programs (databases, the network, the
//! attached terminal) through the CLI's hooks, so starting is orchestrated
//! here. Errors are the daemon's messages (the CLI adds `Error response
//! from daemon: `).

use super::Out;
use crate::container::process::Outcome;
use crate::container::{State, Stream};
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
    super::networks::on_start(engine, id);
    engine.daemon.sync_in(&mut engine.host.fs, id);
    let Some(c) = engine.daemon.containers.get_mut(id) else { return Err(format!("No such container: {id}")) };
    let argv = c.config.argv();
    let outcome = match super::sql::main_process(engine, id, &argv).or_else(|| super::network::client(engine, id, &argv)) {
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

/// Prints log lines to the right streams.
pub fn print_logs(lines: &[(Stream, String)], out: &mut Out) {
    for (stream, text) in lines {
        out.push(*stream, &format!("{text}\n"));
    }
}
