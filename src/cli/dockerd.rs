//! The Docker daemon as a system service: `systemctl stop|start|restart
//! docker` shut it down and bring it back as dockerd does
//! (`daemon/service.rs`). While `docker.socket` is active a
//! `docker` command starts a stopped daemon (socket activation); with both
//! stopped, the client cannot connect.

use super::programs::with_daemon;
use super::Out;
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

/// dockerd stops (`Daemon::shut_down`).
pub fn down(engine: &mut Engine) {
    with_daemon(engine, |daemon, programs| daemon.shut_down(programs));
}

/// dockerd starts (`Daemon::come_up`).
pub fn up(engine: &mut Engine) {
    with_daemon(engine, |daemon, programs| daemon.come_up(programs));
}
