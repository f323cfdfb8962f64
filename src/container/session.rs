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
    /// A shell's variables, functions and options between lines.
    #[serde(skip)]
    pub shell: crate::shell::ShellState,
    /// Typed text waiting for an open construct to close (prompt `> `).
    #[serde(skip)]
    pub pending: String,
    /// A Python REPL's statements so far (run again before each new one).
    #[serde(skip)]
    pub history: Vec<String>,
    /// The shell a client (`mysql` typed at `bash`) returns to when it exits.
    #[serde(skip)]
    pub outer: Option<Box<Repl>>,
}

impl Session {
    pub fn new(container_id: &str, repl: Repl, exec: bool, tty: bool) -> Session {
        Session {
            container_id: container_id.to_string(),
            repl,
            exec,
            tty,
            shell: Default::default(),
            pending: String::new(),
            history: Vec::new(),
            outer: None,
        }
    }
}
