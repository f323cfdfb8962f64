//! The docker client's side of starting and ending a main process: the
//! daemon does it (`daemon/start.rs`, `daemon/timed.rs`,
//! `daemon/probes.rs`) with the CLI's programs (`programs.rs`); ending it
//! gives the attached terminal back.

use super::programs::{release, with_daemon};
use super::Out;
use crate::container::process::Outcome;
use crate::container::Stream;
use crate::Engine;

/// Starts a container's main process (`Daemon::start`).
pub fn start(engine: &mut Engine, id: &str) -> Result<Outcome, String> {
    with_daemon(engine, |daemon, programs| daemon.start(programs, id))
}

/// Starts a main process no terminal is attached to (`Daemon::start_unattended`).
pub fn start_unattended(engine: &mut Engine, id: &str) -> Result<Outcome, String> {
    with_daemon(engine, |daemon, programs| daemon.start_unattended(programs, id))
}

/// Ends the main process (the daemon's part) and gives the terminal back
/// when the container was attached to it.
pub fn finish(engine: &mut Engine, id: &str, code: i32) {
    engine.daemon.finish(id, code);
    release(engine, id);
}

/// `docker stop` (the daemon's part), then the terminal as in [`finish`].
pub fn stop(engine: &mut Engine, id: &str) {
    engine.daemon.stop(id);
    if engine.daemon.containers.get(id).is_none_or(|c| !c.is_running()) {
        release(engine, id);
    }
}

/// Runs the health probes that fell due (`Daemon::health_checks`).
pub fn health_checks(engine: &mut Engine) {
    with_daemon(engine, |daemon, programs| daemon.health_checks(programs));
}

/// Plays the exits and restarts that fell due (`Daemon::timed_exits`).
pub fn timed_exits(engine: &mut Engine) {
    with_daemon(engine, |daemon, programs| daemon.timed_exits(programs));
}

/// Prints log lines to the right streams.
pub fn print_logs(lines: &[(Stream, String)], out: &mut Out) {
    for (stream, text) in lines {
        out.push(*stream, &format!("{text}\n"));
    }
}
