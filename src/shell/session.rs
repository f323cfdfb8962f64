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
    /// A server that a program of a container's main process started
    /// (`npm install && node app.js`): true when the process goes on as
    /// that server (the script stops there); false where nothing keeps it
    /// running (a build, `docker exec`).
    fn serve(&mut self, _server: &Served) -> bool {
        false
    }
    /// The simulated network as apps reach it (a database client in a Node
    /// app), where there is one.
    fn net(&mut self) -> Option<&mut dyn crate::apps::PyNet> {
        None
    }
}

/// A Node server started by a program in a shell script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Served {
    pub port: u16,
    pub entry: String,
    pub cwd: String,
    pub env: BTreeMap<String, String>,
    pub hostname: String,
    /// Under nodemon: the command it shows and the extensions it watches.
    pub watch: Option<(String, Vec<String>)>,
}

/// The message a script stops with when its program became the container's server.
pub const SERVING: &str = "dockersim: the script goes on as its server";

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
    pub now: i64,
}

/// An interactive shell's state between lines: variables, exports,
/// functions, options, the working directory and `$?`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShellState {
    pub vars: BTreeMap<String, String>,
    pub exported: BTreeSet<String>,
    pub funcs: BTreeMap<String, Cmd>,
    pub positional: Vec<String>,
    pub cwd: String,
    pub status: i32,
    pub errexit: bool,
    pub xtrace: bool,
    pub nounset: bool,
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
