//! What an interactive shell keeps between the lines a learner types, and
//! the hook through which the host machine offers programs that live outside
//! any filesystem (the `docker` client, `curl` to published ports, `clear`).
//!
//! The host terminal runs every line through this same shell (bash's rules
//! at the prompt, dash's or ash's in images); the host's programs are found
//! like any other program, so they work in pipelines, `$(…)`, loops,
//! functions and scripts (`sh build.sh`, `./run.sh`).

use super::ast::Cmd;
use crate::vfs::Fs;
use std::collections::{BTreeMap, BTreeSet};

/// Programs the machine provides (Typst's `World` in spirit: the shell asks,
/// the host answers; the shell never knows what `docker` does).
pub trait HostPrograms {
    /// Whether the host runs `name` (a bare command name) itself; `fs` is
    /// the shell's filesystem (a container offers `curl` only if installed).
    fn provides(&self, name: &str, fs: &Fs) -> bool;
    /// Runs one program. The shell's filesystem is lent for the call.
    fn run(&mut self, call: HostCall<'_>) -> HostOutcome;
    /// A program of a container's main process became a server (`npm start`
    /// running `node server.js`, `sh -c "… && python app.py"`): the container
    /// takes it over as its main process when it answers true; the script
    /// then stops there, as the real one would block.
    fn serve(&mut self, _request: ServeRequest) -> bool {
        false
    }
    /// The simulated network as apps reach it (a database client in a Node
    /// app), where there is one.
    fn net(&mut self) -> Option<&mut dyn crate::apps::PyNet> {
        None
    }
}

/// A server the main process's script starts: its argv, directory and
/// environment at that point; `watch` when nodemon runs it (the command it
/// shows and the extensions it watches).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServeRequest {
    pub argv: Vec<String>,
    pub cwd: String,
    pub env: BTreeMap<String, String>,
    pub watch: Option<(String, Vec<String>)>,
}

/// One call of a host program.
pub struct HostCall<'x> {
    pub argv: &'x [String],
    pub fs: &'x mut Fs,
    pub cwd: &'x str,
    /// The exported variables.
    pub env: BTreeMap<String, String>,
    pub stdin: &'x [u8],
    pub now: i64,
    /// Whether stdout / stderr reach the terminal (not a pipe, a file or `$(…)`).
    pub stdout_tty: bool,
    pub stderr_tty: bool,
}

/// What a host program printed, in order (`true` = stderr), its status, and
/// the simulated clock after it.
pub struct HostOutcome {
    pub status: i32,
    pub output: Vec<(bool, String)>,
    /// Bytes for standard output after `output` (`docker save` into a pipe:
    /// an archive is not text).
    pub raw: Vec<u8>,
    pub now: i64,
}

/// An interactive shell's state between lines: variables, exports,
/// functions, options, the working directory and `$?`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShellState {
    pub vars: BTreeMap<String, String>,
    pub exported: BTreeSet<String>,
    pub funcs: BTreeMap<String, Cmd>,
    /// `alias name=value` definitions.
    pub aliases: BTreeMap<String, String>,
    pub positional: Vec<String>,
    pub cwd: String,
    pub status: i32,
    pub errexit: bool,
    pub xtrace: bool,
    pub nounset: bool,
    /// Set when the machine's disk is full as the line starts: the real
    /// bytes its files hold and the most it keeps. Every write then fails
    /// (the host's files are shared by every line; `rm` frees them).
    pub disk_full: Option<(u64, u64)>,
}

impl ShellState {
    /// A login shell's start: every variable of `env` exported.
    pub fn login(env: &BTreeMap<String, String>, cwd: &str) -> ShellState {
        let mut vars = env.clone();
        vars.insert("PWD".into(), cwd.to_string());
        let exported = crate::btree::set(vars.keys().cloned());
        ShellState { vars, exported, cwd: cwd.to_string(), ..ShellState::default() }
    }

    /// Whether this state was never used (a session's first line starts it).
    pub fn is_fresh(&self) -> bool {
        self.cwd.is_empty()
    }

    /// The exported variables, as a child process sees them.
    pub fn env(&self) -> BTreeMap<String, String> {
        crate::btree::map(self.vars.iter().filter(|(k, _)| self.exported.contains(*k)).map(|(k, v)| (k.clone(), v.clone())))
    }
}

/// One interactive line's result: `$?`, what reached the terminal in order
/// (`true` = stderr), the state to continue from, and whether the shell
/// ran `exit` (a container's shell then ends its session).
pub struct Interactive {
    pub status: i32,
    pub output: Vec<(bool, String)>,
    pub state: ShellState,
    pub exited: bool,
}
