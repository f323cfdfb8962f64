//! What runs inside containers, as the daemon reaches it (Typst's `World`
//! in spirit): the daemon owns a container's lifecycle — ports, networks,
//! state, health, events, restarts — and asks its [`Programs`] to run a
//! main process or a health probe. The implementer (the CLI, over the
//! machine's shells, database servers, network clients and the attached
//! terminal) decides what argv means; the daemon knows no program, terminal
//! or output text.

use super::Daemon;
use crate::container::process::Outcome;
use crate::vfs::Fs;

/// The machine's side of the daemon. Each call that runs something lends
/// the daemon back (`daemon`), so the implementer holds no borrow of it.
pub trait Programs {
    /// The host's filesystem (bind mounts' sources; `/etc/hosts` for `--network host`).
    fn host_fs(&mut self) -> &mut Fs;

    /// Runs `argv` as container `id`'s main process, started at `now` (its
    /// logs and filesystem are the container's). None: the container is gone.
    fn main_process(&mut self, daemon: &mut Daemon, id: &str, argv: &[String], now: i64) -> Option<Outcome>;

    /// Runs a health probe's `argv` in running container `id` at time `at`:
    /// its exit status and output. None: the container is gone.
    fn probe(&mut self, daemon: &mut Daemon, id: &str, argv: &[String], at: i64) -> Option<(i32, String)>;

    /// Container `id`'s main process ended (or the container went): a
    /// terminal attached to it is given back.
    fn ended(&mut self, id: &str);
}
