//! A terminal attached to a program in a container (`docker run -it`,
//! `docker exec -it`): the engine keeps it, the terminal talks to it.

use super::process::Repl;
use serde::Serialize;

/// The terminal is attached to a program in a container.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Session {
    pub container_id: String,
    pub repl: Repl,
    /// `docker exec` (leaving ends only this process) rather than the main process.
    pub exec: bool,
    pub tty: bool,
}
