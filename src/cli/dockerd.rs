//! The Docker daemon as a system service: `systemctl stop|start|restart
//! docker` shut it down and bring it back as dockerd does. Shutting down
//! stops every running container (SIGTERM, SIGKILL after the grace period,
//! all at once); starting again restores them: containers whose restart
//! policy says so start again (moby's `restore`: `always` even after a
//! manual stop, `unless-stopped` unless stopped by hand, `on-failure` after
//! a failure within its retry count). While `docker.socket` is active a
//! `docker` command starts a stopped daemon (socket activation); with both
//! stopped, the client cannot connect.

use super::start;
use super::Out;
use crate::container::State;
use crate::Engine;

/// What the client prints when nothing listens on the socket.
pub const NO_DAEMON: &str = "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?";

/// Before a `docker` command: a stopped daemon starts when its socket is
/// active; without either the command cannot reach it (false, said on `out`).
pub fn reachable(engine: &mut Engine, out: &mut Out) -> bool {
    if engine.daemon.service_up {
        return true;
    }
    if engine.daemon.socket_up {
        up(engine);
        return true;
    }
    out.eline(NO_DAEMON);
    false
}

/// dockerd stops: every running container is stopped as at shutdown (not
/// by hand, so the restart policies still count at the next start).
pub fn down(engine: &mut Engine) {
    if !engine.daemon.service_up {
        return;
    }
    start::timed_exits(engine);
    engine.daemon.shutting_down = true;
    let began = engine.daemon.now;
    let mut ended = began;
    let ids: Vec<String> = engine.daemon.containers.iter().map(|c| c.id.clone()).collect();
    for id in ids {
        if let Some(c) = engine.daemon.containers.get_mut(&id) {
            c.restarts.due_ms = None;
        }
        if engine.daemon.containers.get(&id).is_some_and(|c| c.is_running()) {
            engine.daemon.now = began;
            engine.daemon.terminate(&id);
            engine.daemon.container_event(&id, "stop", &[]);
            if engine.session.as_ref().is_some_and(|s| s.container_id == id) {
                engine.session = None;
            }
            ended = ended.max(engine.daemon.now);
        }
    }
    engine.daemon.now = ended;
    engine.daemon.shutting_down = false;
    engine.daemon.service_up = false;
    // `systemctl status` tells since when it is inactive.
    engine.daemon.service_since = engine.daemon.now;
}

/// dockerd starts: containers whose restart policy says so start again,
/// with a fresh restart count.
pub fn up(engine: &mut Engine) {
    if engine.daemon.service_up {
        return;
    }
    engine.daemon.service_up = true;
    engine.daemon.socket_up = true;
    engine.daemon.service_since = engine.daemon.now;
    let due: Vec<String> = engine
        .daemon
        .containers
        .iter()
        .filter(|c| {
            let State::Exited { code, started, finished } = c.state else { return false };
            let mut r = c.restarts.clone();
            crate::container::restart::should_restart(&c.config.restart, c.restart_count, code, finished - started, &mut r)
        })
        .map(|c| c.id.clone())
        .collect();
    for id in due {
        engine.daemon.started_by_user(&id);
        let _ = start::start_unattended(engine, &id);
    }
}
