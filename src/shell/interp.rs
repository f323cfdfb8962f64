//! The interpreter: runs a [`Cmd`] tree over the virtual filesystem with
//! dash/ash semantics, capturing output per file descriptor.

use super::ast::{Cmd, CondExpr, Redir, RedirOp};
use super::{ExecContext, Flavor, HostCall, ShellState};
use crate::vfs::{self, Content, Fs, Meta, Node};
use std::collections::{BTreeMap, BTreeSet};

#[path = "stream.rs"]
pub mod stream;

/// Commands (and loop iterations) one run may execute.
pub const STEP_LIMIT: u64 = 100_000;
/// Bytes of output one run may produce.
pub const OUTPUT_LIMIT: usize = 8 * 1024 * 1024;
/// The end of the output limit's message (the pipeline recognises it).
const OUTPUT_LIMIT_WORDS: &str = "of output (the simulated shell's output limit)";
/// Nesting of functions, subshells and substitutions.
pub const DEPTH_LIMIT: u32 = 48;
/// Bytes (stated sizes) one run may write to the filesystem by redirection or `cp`.
pub const FS_QUOTA: u64 = 1 << 30;
/// Files and directories one run may create by redirection or `cp`.
pub const FS_NODE_LIMIT: u64 = 200_000;
/// Exit status of a run stopped by a limit (as if killed).
pub const LIMIT_STATUS: i32 = 137;

/// A bash array: indexed (sparse) or associative.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Array {
    Indexed(BTreeMap<i64, String>),
    Assoc(BTreeMap<String, String>),
}

/// What `local` saved of a variable, to restore when the function returns.
struct SavedVar {
    name: String,
    value: Option<String>,
    array: Option<Array>,
    exported: bool,
}

/// Saved state of a subshell's parent.
type Saved = (BTreeMap<String, String>, BTreeSet<String>, String, Vec<String>, BTreeMap<String, Array>);

/// Non-local control flow.
pub enum Flow {
    Exit(i32),
    Break(u32),
    Continue(u32),
    Return(i32),
    /// A limit stopped the script: the message for stderr.
    Abort(String),
}

pub type R = Result<i32, Flow>;

/// Where a pushed output buffer goes when it is popped.
enum Sink {
    File {
        path: String,
        append: bool,
    },
    Discard,
    /// Into the stdout (1) or stderr (2) buffer below.
    Merge(u32),
}

/// A running shell.
pub struct Shell<'a, 'b> {
    pub ctx: &'a mut ExecContext<'b>,
    pub vars: BTreeMap<String, String>,
    /// bash's arrays (a name is in `vars` or here, not both).
    pub arrays: BTreeMap<String, Array>,
    /// `local` frames of the functions running, innermost last.
    locals: Vec<Vec<SavedVar>>,
    /// Names of the functions running (`$FUNCNAME`), innermost last.
    pub func_names: Vec<String>,
    /// Exit statuses of the last pipeline (`$PIPESTATUS`).
    pub pipestatus: Vec<i32>,
    /// State of `$RANDOM` (a fixed seed: the same script prints the same numbers).
    pub random: u32,
    /// Files made for process substitutions (`<(cmd)`), removed after the command.
    pub proc_files: Vec<String>,
    /// `declare -i` variables: assignments evaluate arithmetic.
    pub integer_vars: BTreeSet<String>,
    /// `readonly` / `declare -r` variables (bash refuses to assign them).
    pub readonly: BTreeSet<String>,
    /// `shopt -s` options that are on.
    pub shopts: BTreeSet<String>,
    pub exported: BTreeSet<String>,
    funcs: BTreeMap<String, Cmd>,
    /// Aliases (`alias ll='ls -l'`), and the ones being expanded (no recursion).
    pub(super) aliases: BTreeMap<String, String>,
    expanding: Vec<String>,
    pub status: i32,
    pub cwd: String,
    pub errexit: bool,
    pub xtrace: bool,
    pub nounset: bool,
    /// `set -o pipefail` (bash).
    pub pipefail: bool,
    pub positional: Vec<String>,
    /// `$0`, which prefixes error messages (`/bin/sh: 1: …`).
    pub arg0: String,
    /// The shell this is: dash, ash or bash (syntax and wording).
    pub flavor: Flavor,
    /// An interactive shell (the host prompt): bash's messages carry no line number.
    pub interactive: bool,
    /// Running a `-c` string (bash's syntax errors say `bash: -c: line 1: …`).
    pub c_mode: bool,
    pub line: usize,
    steps: u64,
    depth: u32,
    out: Vec<Vec<u8>>,
    err: Vec<Vec<u8>>,
    pub stdin: Vec<u8>,
    /// Standard input too large to hold as bytes (`stream.rs`); `stdin` then
    /// holds its beginning.
    pub stdin_big: Option<Content>,
    /// Large pieces written to stdout buffers: (buffer level, offset, content).
    big_out: Vec<(usize, usize, Content)>,
    /// Set by a program that stopped reading its stdin before the end (`head`):
    /// the pipeline's producer then dies of SIGPIPE instead of hitting a limit.
    pub stdin_closed: bool,
    pub(super) output_total: usize,
    fs_bytes: u64,
    /// The disk was full before this run ([`ShellState::disk_full`]).
    disk_full: Option<(u64, u64)>,
    fs_nodes: u64,
    /// The acting user (USER, `--user`), resolved against the image's /etc/passwd.
    pub who: crate::vfs::access::Who,
    /// At a terminal: what reached it, stdout and stderr in the order written
    /// (`true` = stderr). `None` keeps the two streams apart.
    term: Option<Vec<(bool, Vec<u8>)>>,
    /// Away from a terminal: the order the bottom buffers were written in
    /// (stream, bytes), so a container's log keeps stdout and stderr interleaved.
    order: Vec<(bool, usize, i64)>,
}

impl<'a, 'b> Shell<'a, 'b> {
    pub fn new(ctx: &'a mut ExecContext<'b>, arg0: &str) -> Shell<'a, 'b> {
        let mut vars = ctx.env.clone();
        let cwd = ctx.cwd.clone();
        // Every shell sets and exports PWD at start-up.
        if vars.get("PWD").is_none_or(|p| p != &cwd) {
            vars.insert("PWD".into(), cwd.clone());
        }
        let exported = crate::btree::set(vars.keys().cloned());
        let who = crate::vfs::access::Who::resolve(ctx.fs, &ctx.user);
        let flavor = ctx.flavor;
        let mut sh = Shell {
            who,
            ctx,
            vars,
            arrays: BTreeMap::new(),
            locals: Vec::new(),
            func_names: Vec::new(),
            pipestatus: vec![0],
            random: 0x2545_f491,
            proc_files: Vec::new(),
            integer_vars: BTreeSet::new(),
            readonly: BTreeSet::new(),
            shopts: BTreeSet::new(),
            exported,
            funcs: BTreeMap::new(),
            aliases: BTreeMap::new(),
            expanding: Vec::new(),
            status: 0,
            cwd,
            errexit: false,
            xtrace: false,
            nounset: false,
            pipefail: false,
            positional: Vec::new(),
            flavor,
            interactive: false,
            c_mode: true,
            arg0: arg0.to_string(),
            line: 1,
            steps: 0,
            depth: 0,
            out: vec![Vec::new()],
            err: vec![Vec::new()],
            stdin: Vec::new(),
            stdin_big: None,
            big_out: Vec::new(),
            stdin_closed: false,
            output_total: 0,
            order: Vec::new(),
            fs_bytes: 0,
            disk_full: None,
            fs_nodes: 0,
            term: None,
        };
        if flavor == Flavor::Bash {
            sh.become_bash();
        }
        sh
    }

    /// Makes this shell bash: its wording and its variables.
    pub fn become_bash(&mut self) {
        self.flavor = Flavor::Bash;
        let version = super::bash_version(self.ctx.fs);
        self.vars.insert("BASH_VERSION".into(), version.to_string());
        self.vars.insert("BASH".into(), super::bash_path(self.ctx.fs).unwrap_or("/bin/bash").to_string());
    }

    /// Turns a `set -o NAME` option on or off; false for an unknown name.
    pub fn set_option(&mut self, name: &str, on: bool) -> bool {
        match name {
            "errexit" => self.errexit = on,
            "xtrace" => self.xtrace = on,
            "nounset" => self.nounset = on,
            "pipefail" if self.flavor == Flavor::Bash => self.pipefail = on,
            "noglob"
            | "noclobber"
            | "allexport"
            | "verbose"
            | "monitor"
            | "notify"
            | "ignoreeof"
            | "noexec"
            | "posix"
            | "emacs"
            | "vi"
            | "hashall"
            | "braceexpand"
            | "histexpand"
            | "history"
            | "interactive-comments"
            | "physical"
            | "privileged"
            | "functrace"
            | "errtrace"
            | "keyword"
            | "onecmd"
            | "nolog" => {}
            _ => return false,
        }
        true
    }

    /// Applies shell options given before `-c` (`bash -e -o pipefail -c …`):
    /// `Err(status)` after an unknown one, with bash's message.
    pub fn set_options(&mut self, args: &[String]) -> Result<(), i32> {
        let mut it = args.iter();
        while let Some(a) = it.next() {
            let on = a.starts_with('-');
            if a == "-o" || a == "+o" {
                let name = it.next().cloned().unwrap_or_default();
                if !self.set_option(&name, on) {
                    let _ = self.err_str(&format!("{}: {name}: invalid option name\n", self.arg0));
                    return Err(2);
                }
            } else if let Some(flags) = a.strip_prefix('-').or_else(|| a.strip_prefix('+')) {
                for f in flags.chars() {
                    match f {
                        'e' => self.errexit = on,
                        'x' => self.xtrace = on,
                        'u' => self.nounset = on,
                        _ => {}
                    }
                }
            }
        }
        Ok(())
    }

    /// Continues an interactive session: its variables, functions, options,
    /// directory and `$?`; output is kept in the order it reaches the terminal.
    pub fn resume(&mut self, state: ShellState) {
        self.vars = state.vars;
        self.exported = state.exported;
        self.funcs = state.funcs;
        self.aliases = state.aliases;
        self.positional = state.positional;
        self.cwd = state.cwd;
        self.status = state.status;
        (self.errexit, self.xtrace, self.nounset) = (state.errexit, state.xtrace, state.nounset);
        if let Some(full) = state.disk_full {
            self.fs_bytes = FS_QUOTA;
            self.disk_full = Some(full);
        }
        self.term = Some(Vec::new());
    }

    /// The state to resume from at the next line.
    pub fn state(&self) -> ShellState {
        ShellState {
            vars: self.vars.clone(),
            exported: self.exported.clone(),
            funcs: self.funcs.clone(),
            aliases: self.aliases.clone(),
            positional: self.positional.clone(),
            cwd: self.cwd.clone(),
            status: self.status,
            errexit: self.errexit,
            xtrace: self.xtrace,
            nounset: self.nounset,
            disk_full: None,
        }
    }

    /// What reached the terminal, in order (`true` = stderr).
    pub fn take_terminal(&mut self) -> Vec<(bool, Vec<u8>)> {
        let mut chunks = self.term.take().unwrap_or_default();
        let (out, err) = self.take_output();
        chunks.extend([(false, out), (true, err)].into_iter().filter(|(_, b)| !b.is_empty()));
        chunks
    }

    /// Appends to the bottom buffer of stdout (`err` false) or stderr: the
    /// terminal, in order, when there is one.
    fn append_bottom(&mut self, err: bool, bytes: &[u8]) {
        let at_bottom = if err { self.err.len() == 1 } else { self.out.len() == 1 };
        match &mut self.term {
            Some(term) if at_bottom => match term.last_mut() {
                Some((e, buf)) if *e == err => buf.extend_from_slice(bytes),
                _ => term.push((err, bytes.to_vec())),
            },
            _ => {
                if at_bottom {
                    let now = self.ctx.now;
                    match self.order.last_mut() {
                        Some((e, n, t)) if *e == err && *t == now => *n += bytes.len(),
                        _ => self.order.push((err, bytes.len(), now)),
                    }
                }
                let stack = if err { &mut self.err } else { &mut self.out };
                stack.last_mut().expect("output buffer").extend_from_slice(bytes);
            }
        }
    }

    /// Offers a server `argv` started to the container as its main process;
    /// when taken, the whole script stops here (`Err`), else `Ok(())` and the
    /// caller says the server cannot run here.
    pub fn hand_over(&mut self, argv: Vec<String>) -> Result<(), Flow> {
        self.hand_over_watched(argv, None)
    }

    /// [`Shell::hand_over`] for a server nodemon runs (`watch`: the command
    /// it shows and the extensions it watches).
    pub fn hand_over_watched(&mut self, argv: Vec<String>, watch: Option<(String, Vec<String>)>) -> Result<(), Flow> {
        let request = super::ServeRequest { argv, cwd: self.cwd.clone(), env: self.env(), watch };
        let ctx = &mut *self.ctx;
        let taken = ctx.host.as_deref_mut().is_some_and(|host| host.serve(request));
        if taken {
            Err(Flow::Abort(String::new()))
        } else {
            Ok(())
        }
    }

    /// Whether the host machine provides program `name` (`docker` at the prompt).
    pub fn host_provides(&self, name: &str) -> bool {
        let ctx = &*self.ctx;
        ctx.host.as_deref().is_some_and(|h| h.provides(name, &*ctx.fs))
    }

    /// Runs `argv` if the host machine provides it (`Ok(None)` if not).
    pub fn run_host(&mut self, argv: &[String]) -> Result<Option<i32>, Flow> {
        let name = argv[0].rsplit('/').next().unwrap_or(&argv[0]);
        let ctx = &mut *self.ctx;
        let Some(host) = ctx.host.as_deref_mut() else { return Ok(None) };
        if !host.provides(name, &*ctx.fs) {
            return Ok(None);
        }
        let env = crate::btree::map(self.vars.iter().filter(|(k, _)| self.exported.contains(*k)).map(|(k, v)| (k.clone(), v.clone())));
        let stdout_tty = self.term.is_some() && self.out.len() == 1;
        let stderr_tty = self.term.is_some() && self.err.len() == 1;
        let call = HostCall { argv, fs: &mut *ctx.fs, cwd: &self.cwd, env, stdin: &self.stdin, now: ctx.now, stdout_tty, stderr_tty };
        let outcome = host.run(call);
        ctx.now = ctx.now.max(outcome.now);
        for (err, text) in outcome.output {
            if err {
                self.write_err(text.as_bytes())?
            } else {
                self.write_out(text.as_bytes())?
            }
        }
        if !outcome.raw.is_empty() {
            // An archive (bounded by the daemon's own save limit), not a
            // runaway: it does not count against the output limit.
            self.append_bottom(false, &outcome.raw);
        }
        Ok(Some(outcome.status))
    }

    /// The filesystem and, where the host offers one, the simulated network.
    pub fn fs_and_net(&mut self) -> (&Fs, Option<&mut dyn crate::apps::PyNet>) {
        let ctx = &mut *self.ctx;
        (&*ctx.fs, ctx.host.as_deref_mut().and_then(|h| h.net()))
    }

    /// Drops a variable without the checks `unset` makes.
    pub fn forget_var(&mut self, name: &str) {
        self.vars.remove(name);
        self.exported.remove(name);
    }

    pub fn fs(&self) -> &Fs {
        self.ctx.fs
    }

    pub fn fs_mut(&mut self) -> &mut Fs {
        self.ctx.fs
    }

    pub fn flavor(&self) -> Flavor {
        self.flavor
    }

    /// Whether standard output reaches the terminal (not a pipe, a file or `$(…)`).
    pub fn stdout_tty(&self) -> bool {
        self.term.is_some() && self.out.len() == 1
    }

    pub fn now(&self) -> i64 {
        self.ctx.now
    }

    /// Metadata for a file this shell creates: owned by the acting user.
    pub fn meta(&self, mode: u32) -> Meta {
        let mut meta = Meta::new(mode, self.ctx.now);
        meta.uid = self.who.uid;
        meta.gid = self.who.gid;
        meta
    }

    /// Whether the acting user may create or remove `path` (write and search
    /// permission on its directory).
    pub fn may_change(&self, path: &str) -> bool {
        self.who.may_change_entry(self.ctx.fs, path).is_ok()
    }

    /// Whether the acting user may `access` `path`.
    pub fn may(&self, path: &str, access: crate::vfs::access::Access) -> bool {
        self.who.may(self.ctx.fs, path, access).is_ok()
    }

    /// Absolute path for `p` relative to the working directory.
    pub fn abs(&self, p: &str) -> String {
        vfs::join(&self.cwd, p)
    }

    pub fn var(&self, name: &str) -> Option<String> {
        match self.vars.get(name) {
            Some(v) => Some(v.clone()),
            None => self.element(name, "0"),
        }
    }

    pub fn set_var(&mut self, name: &str, value: &str) {
        match self.arrays.get_mut(name) {
            Some(Array::Indexed(a)) => {
                a.insert(0, value.to_string());
            }
            Some(Array::Assoc(a)) => {
                a.insert("0".into(), value.to_string());
            }
            None => {
                self.vars.insert(name.to_string(), value.to_string());
            }
        }
    }

    /// Removes a variable or array.
    pub fn unset_var(&mut self, name: &str) {
        self.vars.remove(name);
        self.arrays.remove(name);
        self.exported.remove(name);
    }

    pub fn is_assoc(&self, name: &str) -> bool {
        matches!(self.arrays.get(name), Some(Array::Assoc(_)))
    }

    /// bash's arrays kept elsewhere: `PIPESTATUS`, `FUNCNAME`.
    fn special_array(&self, name: &str) -> Option<Array> {
        if self.flavor != Flavor::Bash || self.arrays.contains_key(name) {
            return None;
        }
        match name {
            "PIPESTATUS" => Some(Array::Indexed(self.pipestatus.iter().enumerate().map(|(i, s)| (i as i64, s.to_string())).collect())),
            "FUNCNAME" if !self.func_names.is_empty() => {
                let mut names: Vec<String> = self.func_names.iter().rev().cloned().collect();
                names.push("main".into());
                Some(Array::Indexed(names.into_iter().enumerate().map(|(i, s)| (i as i64, s)).collect()))
            }
            _ => None,
        }
    }

    /// One element: `key` is the (already evaluated) index or the assoc key.
    pub fn element(&self, name: &str, key: &str) -> Option<String> {
        if let Some(a) = self.special_array(name) {
            let Array::Indexed(a) = a else { return None };
            return a.get(&key.trim().parse().ok()?).cloned();
        }
        match self.arrays.get(name) {
            Some(Array::Indexed(a)) => {
                let mut i: i64 = key.trim().parse().ok()?;
                if i < 0 {
                    i += a.keys().next_back().map_or(0, |k| k + 1);
                }
                a.get(&i).cloned()
            }
            Some(Array::Assoc(a)) => a.get(key).cloned(),
            None => (key.trim() == "0").then(|| self.vars.get(name).cloned()).flatten(),
        }
    }

    /// All values of an array (a scalar is a one-element array), in index order.
    pub fn array_values(&self, name: &str) -> Vec<String> {
        if let Some(Array::Indexed(a)) = self.special_array(name) {
            return a.into_values().collect();
        }
        match self.arrays.get(name) {
            Some(Array::Indexed(a)) => a.values().cloned().collect(),
            Some(Array::Assoc(a)) => a.values().cloned().collect(),
            None => self.special_or_var(name).into_iter().collect(),
        }
    }

    /// The indices or keys of an array.
    pub fn array_keys(&self, name: &str) -> Vec<String> {
        match self.arrays.get(name) {
            Some(Array::Indexed(a)) => a.keys().map(i64::to_string).collect(),
            Some(Array::Assoc(a)) => a.keys().cloned().collect(),
            None => self.vars.get(name).map(|_| "0".to_string()).into_iter().collect(),
        }
    }

    /// Sets one element; a scalar becomes an indexed array holding it at 0.
    pub fn set_element(&mut self, name: &str, key: &str, value: &str) {
        if !self.arrays.contains_key(name) {
            let mut a = BTreeMap::new();
            if let Some(v) = self.vars.remove(name) {
                a.insert(0, v);
            }
            self.arrays.insert(name.to_string(), Array::Indexed(a));
        }
        match self.arrays.get_mut(name) {
            Some(Array::Indexed(a)) => {
                let mut i: i64 = key.trim().parse().unwrap_or(0);
                if i < 0 {
                    i += a.keys().next_back().map_or(0, |k| k + 1);
                }
                a.insert(i, value.to_string());
            }
            Some(Array::Assoc(a)) => {
                a.insert(key.to_string(), value.to_string());
            }
            None => {}
        }
    }

    /// A variable as arithmetic names it: `name` or `name[key]` (key evaluated).
    pub fn arith_var(&self, name: &str) -> Option<String> {
        match name.split_once('[') {
            Some((base, key)) => self.element(base, key.trim_end_matches(']')),
            None => self.special_or_var(name),
        }
    }

    pub fn arith_assign(&mut self, name: &str, value: &str) {
        match name.split_once('[') {
            Some((base, key)) => self.set_element(base, key.trim_end_matches(']'), value),
            None => self.set_var(name, value),
        }
    }

    /// `local NAME`: saves the variable in the innermost function's frame
    /// (once) so that it is restored when the function returns.
    pub fn make_local(&mut self, name: &str) -> bool {
        let saved = SavedVar {
            name: name.to_string(),
            value: self.vars.get(name).cloned(),
            array: self.arrays.get(name).cloned(),
            exported: self.exported.contains(name),
        };
        let Some(frame) = self.locals.last_mut() else { return false };
        if !frame.iter().any(|v| v.name == name) {
            frame.push(saved);
        }
        true
    }

    /// Restores what `local` saved in the innermost frame.
    fn pop_locals(&mut self) {
        for saved in self.locals.pop().unwrap_or_default().into_iter().rev() {
            self.vars.remove(&saved.name);
            self.arrays.remove(&saved.name);
            if let Some(v) = saved.value {
                self.vars.insert(saved.name.clone(), v);
            }
            if let Some(a) = saved.array {
                self.arrays.insert(saved.name.clone(), a);
            }
            if saved.exported {
                self.exported.insert(saved.name);
            } else {
                self.exported.remove(&saved.name);
            }
        }
    }

    /// Whether a function is running (where `local` is allowed).
    pub fn in_function(&self) -> bool {
        !self.locals.is_empty()
    }

    /// The next `$RANDOM`: 0..32767 from a fixed-seed generator.
    pub fn next_random(&mut self) -> u32 {
        // xorshift32: deterministic, so the same script gives the same numbers.
        let mut x = self.random;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.random = x;
        (x >> 8) & 0x7fff
    }

    pub fn special_or_var(&self, name: &str) -> Option<String> {
        match name {
            "?" => Some(self.status.to_string()),
            "#" => Some(self.positional.len().to_string()),
            "@" | "*" => Some(self.positional.join(" ")),
            "$" => Some("1".into()),
            "!" => Some(String::new()),
            "-" => Some(String::new()),
            "0" => Some(self.arg0.clone()),
            "RANDOM" | "SECONDS" | "LINENO" | "FUNCNAME" | "EPOCHSECONDS" | "BASHPID"
                if self.flavor == Flavor::Bash && !self.vars.contains_key(name) =>
            {
                match name {
                    "SECONDS" => Some("0".into()),
                    "LINENO" => Some(self.line.to_string()),
                    "FUNCNAME" => self.func_names.last().cloned(),
                    "EPOCHSECONDS" => Some(self.ctx.now.to_string()),
                    "BASHPID" => Some("1".into()),
                    _ => Some(String::new()),
                }
            }
            n if n.chars().all(|c| c.is_ascii_digit()) => {
                n.parse::<usize>().ok().and_then(|i| self.positional.get(i.wrapping_sub(1)).cloned())
            }
            n => self.var(n),
        }
    }

    /// The environment a child program sees.
    pub fn env(&self) -> BTreeMap<String, String> {
        crate::btree::map(self.vars.iter().filter(|(k, _)| self.exported.contains(*k)).map(|(k, v)| (k.clone(), v.clone())))
    }

    pub fn write_out(&mut self, bytes: &[u8]) -> Result<(), Flow> {
        self.count_output(bytes.len())?;
        self.append_bottom(false, bytes);
        Ok(())
    }

    pub fn write_err(&mut self, bytes: &[u8]) -> Result<(), Flow> {
        self.count_output(bytes.len())?;
        self.append_bottom(true, bytes);
        Ok(())
    }

    pub fn out_str(&mut self, s: &str) -> Result<(), Flow> {
        self.write_out(s.as_bytes())
    }

    pub fn err_str(&mut self, s: &str) -> Result<(), Flow> {
        self.write_err(s.as_bytes())
    }

    fn count_output(&mut self, n: usize) -> Result<(), Flow> {
        self.output_total += n;
        self.check_output(0)
    }

    /// Fails like a write would if `pending` more bytes of output would pass the
    /// output limit (programs check this before they format a large string).
    pub fn check_output(&self, pending: usize) -> Result<(), Flow> {
        if self.output_total.saturating_add(pending) > OUTPUT_LIMIT {
            return Err(Flow::Abort(format!(
                "dockersim: script stopped: it wrote more than {} MiB {OUTPUT_LIMIT_WORDS}",
                OUTPUT_LIMIT >> 20
            )));
        }
        Ok(())
    }

    /// Counts a write of `nodes` entries holding `bytes` against the run's quota.
    pub fn charge_fs(&mut self, bytes: u64, nodes: u64) -> Result<(), Flow> {
        self.fs_bytes += bytes;
        self.fs_nodes += nodes;
        if let Some((held, limit)) = self.disk_full.filter(|_| self.fs_bytes > FS_QUOTA) {
            return Err(Flow::Abort(format!(
                "dockersim: script stopped: the disk is full (its files hold {} MiB; the simulator keeps at most {} MiB; remove files with rm)",
                held >> 20,
                limit >> 20
            )));
        }
        if self.fs_bytes > FS_QUOTA || self.fs_nodes > FS_NODE_LIMIT {
            return Err(Flow::Abort(format!(
                "dockersim: script stopped: it wrote more than {} MiB or {FS_NODE_LIMIT} files (the simulated shell's disk quota)",
                FS_QUOTA >> 20
            )));
        }
        Ok(())
    }

    /// Counts one step against the budget.
    pub fn step(&mut self) -> Result<(), Flow> {
        self.steps += 1;
        if self.steps > STEP_LIMIT {
            return Err(Flow::Abort(format!(
                "dockersim: script stopped after {STEP_LIMIT} commands (the simulated shell's step limit; is there an endless loop?)"
            )));
        }
        Ok(())
    }

    /// The error prefix: `/bin/sh: 1: ` (dash) or `/bin/sh: ` (ash).
    pub fn prefix(&self) -> String {
        match self.flavor() {
            Flavor::Dash => format!("{}: {}: ", self.arg0, self.line),
            Flavor::Busybox => format!("{}: ", self.arg0),
            Flavor::Bash if self.interactive => format!("{}: ", self.arg0),
            Flavor::Bash => format!("{}: line {}: ", self.arg0, self.line),
        }
    }

    /// Length of the current stdout buffer (to undo output later).
    pub fn take_out_len(&self) -> usize {
        self.out.last().map_or(0, Vec::len)
    }

    pub fn truncate_out(&mut self, len: usize) {
        if let Some(b) = self.out.last_mut() {
            b.truncate(len);
        }
        self.forget_big_after(len);
    }

    pub fn take_err_len(&self) -> usize {
        self.err.last().map_or(0, Vec::len)
    }

    pub fn truncate_err(&mut self, len: usize) {
        if let Some(b) = self.err.last_mut() {
            b.truncate(len);
        }
    }

    /// The order the bottom stdout and stderr buffers were written in.
    pub fn take_order(&mut self) -> Vec<(bool, usize, i64)> {
        std::mem::take(&mut self.order)
    }

    pub fn take_output(&mut self) -> (Vec<u8>, Vec<u8>) {
        (std::mem::take(&mut self.out[0]), std::mem::take(&mut self.err[0]))
    }

    /// Runs a script string in this shell (used by `sh -c` and `eval`).
    pub fn run_source(&mut self, src: &str) -> R {
        if self.flavor == Flavor::Bash {
            return self.run_bash_source(src);
        }
        match super::parse::parse(src) {
            Ok(cmd) => self.exec(&cmd),
            Err(msg) => {
                let p = self.prefix();
                let msg = if self.flavor() == Flavor::Busybox { ash_syntax(&msg) } else { msg };
                self.err_str(&format!("{p}{msg}\n"))?;
                Ok(2)
            }
        }
    }

    /// bash reads and runs a script one line (complete command) at a time:
    /// the lines before a syntax error run, then bash reports it.
    fn run_bash_source(&mut self, src: &str) -> R {
        let (cmds, error) = super::parse::parse_lines(src);
        let mut status = self.status;
        for cmd in &cmds {
            status = self.exec(cmd)?;
        }
        let Some(e) = error else { return Ok(status) };
        let place = match (self.interactive, self.c_mode) {
            (true, _) => format!("{}: ", self.arg0),
            (false, true) => format!("{}: -c: line {}: ", self.arg0, e.line),
            (false, false) => format!("{}: line {}: ", self.arg0, e.line),
        };
        let text = match (e.open_quote, &e.token) {
            (Some(q), _) => format!("{place}unexpected EOF while looking for matching `{q}'\n"),
            (None, Some(tok)) => {
                let source_line = src.lines().nth(e.line.saturating_sub(1)).unwrap_or("");
                let echo = if self.interactive { String::new() } else { format!("{place}`{source_line}'\n") };
                format!("{place}syntax error near unexpected token `{tok}'\n{echo}")
            }
            (None, None) => format!("{place}syntax error: unexpected end of file\n"),
        };
        self.err_str(&text)?;
        Ok(2)
    }

    /// Runs `script` in a subshell and returns its stdout.
    pub fn subshell_capture(&mut self, script: &str) -> Result<String, String> {
        self.out.push(Vec::new());
        let saved = self.save();
        let r = self.nested(|sh| sh.run_source(script));
        self.restore(saved);
        let out = match self.pop_out_bytes() {
            Ok(out) => out,
            Err(Flow::Abort(m)) => return Err(m),
            Err(_) => Vec::new(),
        };
        match r {
            Ok(status) | Err(Flow::Exit(status)) => {
                self.status = status;
                Ok(String::from_utf8_lossy(&out).into_owned())
            }
            Err(Flow::Abort(m)) => Err(m),
            Err(_) => Ok(String::from_utf8_lossy(&out).into_owned()),
        }
    }

    /// Runs `script` in a child shell process (`sh -c`, `sh file`): it sees
    /// only exported variables and none of this shell's functions or options.
    pub fn child_shell(&mut self, script: &str, arg0: &str, args: &[String]) -> R {
        let flavor = self.ctx.flavor;
        self.child_shell_as(script, arg0, args, flavor, true)
    }

    /// [`Shell::child_shell`] as a given shell: `c_mode` for `-c` strings,
    /// false for script files.
    pub fn child_shell_as(&mut self, script: &str, arg0: &str, args: &[String], flavor: Flavor, c_mode: bool) -> R {
        self.child_shell_with(script, arg0, args, flavor, c_mode, &[])
    }

    /// [`Shell::child_shell_as`] with command-line options (`-e`, `-o pipefail`).
    pub fn child_shell_with(&mut self, script: &str, arg0: &str, args: &[String], flavor: Flavor, c_mode: bool, options: &[String]) -> R {
        let saved = self.save();
        let funcs = std::mem::take(&mut self.funcs);
        let aliases = std::mem::take(&mut self.aliases);
        let opts = (self.errexit, self.xtrace, self.nounset, self.pipefail, self.line, std::mem::replace(&mut self.arg0, arg0.to_string()));
        let modes = (self.flavor, self.interactive, self.c_mode);
        self.vars = self.env();
        self.arrays.clear();
        let locals = std::mem::take(&mut self.locals);
        let func_names = std::mem::take(&mut self.func_names);
        self.positional = args.to_vec();
        (self.errexit, self.xtrace, self.nounset, self.pipefail, self.line) = (false, false, false, false, 1);
        (self.flavor, self.interactive, self.c_mode) = (flavor, false, c_mode);
        if flavor == Flavor::Bash {
            self.become_bash();
        }
        let r = match self.set_options(options) {
            Ok(()) => self.nested(|sh| sh.run_source(script)),
            Err(status) => Ok(status),
        };
        self.restore(saved);
        self.funcs = funcs;
        self.aliases = aliases;
        self.locals = locals;
        self.func_names = func_names;
        (self.errexit, self.xtrace, self.nounset, self.pipefail, self.line, self.arg0) = opts;
        (self.flavor, self.interactive, self.c_mode) = modes;
        match r {
            Ok(s) | Err(Flow::Exit(s)) | Err(Flow::Return(s)) => Ok(s),
            Err(Flow::Break(_)) | Err(Flow::Continue(_)) => Ok(0),
            Err(e) => Err(e),
        }
    }

    fn save(&self) -> Saved {
        (self.vars.clone(), self.exported.clone(), self.cwd.clone(), self.positional.clone(), self.arrays.clone())
    }

    fn restore(&mut self, saved: Saved) {
        (self.vars, self.exported, self.cwd, self.positional, self.arrays) = saved;
    }

    fn nested(&mut self, f: impl FnOnce(&mut Self) -> R) -> R {
        self.depth += 1;
        if self.depth > DEPTH_LIMIT {
            self.depth -= 1;
            return Err(Flow::Abort(format!("dockersim: script stopped: nesting deeper than {DEPTH_LIMIT} (runaway recursion?)")));
        }
        let r = f(self);
        self.depth -= 1;
        r
    }

    /// Executes a command tree.
    pub fn exec(&mut self, cmd: &Cmd) -> R {
        let status = match cmd {
            Cmd::Simple { assigns, words, redirs, line } => {
                self.line = *line;
                self.step()?;
                let r = self.simple(assigns, words, redirs);
                if !self.proc_files.is_empty() {
                    self.clear_proc_files();
                }
                let s = r?;
                self.pipestatus = vec![s];
                s
            }
            Cmd::Seq(items) => {
                let mut s = 0;
                for item in items {
                    s = self.exec(item)?;
                }
                s
            }
            Cmd::Background(inner) => {
                self.exec(inner)?;
                0
            }
            Cmd::And(l, r) => {
                let s = self.exec_cond(l)?;
                if s == 0 {
                    self.exec(r)?
                } else {
                    s
                }
            }
            Cmd::Or(l, r) => {
                let s = self.exec_cond(l)?;
                if s != 0 {
                    self.exec(r)?
                } else {
                    s
                }
            }
            Cmd::Pipeline { cmds, negate } => {
                let s = self.pipeline(cmds)?;
                if *negate {
                    i32::from(s == 0)
                } else {
                    s
                }
            }
            Cmd::If { branches, otherwise } => {
                let mut ran = None;
                for (cond, body) in branches {
                    if self.exec_cond(cond)? == 0 {
                        ran = Some(self.exec(body)?);
                        break;
                    }
                }
                match (ran, otherwise) {
                    (Some(s), _) => s,
                    (None, Some(e)) => self.exec(e)?,
                    (None, None) => 0,
                }
            }
            Cmd::While { cond, body, until } => {
                let mut s = 0;
                loop {
                    self.step()?;
                    let c = self.exec_cond(cond)?;
                    if (c == 0) == *until {
                        break;
                    }
                    match self.loop_body(body)? {
                        Some(v) => s = v,
                        None => break,
                    }
                }
                s
            }
            Cmd::For { var, items, body } => {
                let values = match items {
                    Some(words) => {
                        let mut v = Vec::new();
                        for w in words {
                            v.extend(self.expand_or_fail(w)?);
                        }
                        v
                    }
                    None => self.positional.clone(),
                };
                let mut s = 0;
                for value in values {
                    self.step()?;
                    self.set_var(var, &value);
                    match self.loop_body(body)? {
                        Some(v) => s = v,
                        None => break,
                    }
                }
                s
            }
            Cmd::Case { word, arms } => {
                let subject = self.expand_str_or_fail(word)?;
                let mut s = 0;
                'arms: for (patterns, body) in arms {
                    for p in patterns {
                        let pat = self.expand_str_or_fail(p)?;
                        if super::expand::fnmatch(&pat, &subject) {
                            s = self.exec(body)?;
                            break 'arms;
                        }
                    }
                }
                s
            }
            Cmd::Group(body) => self.exec(body)?,
            Cmd::Subshell(body) => {
                let saved = self.save();
                let r = self.nested(|sh| sh.exec(body));
                self.restore(saved);
                match r {
                    Ok(s) | Err(Flow::Exit(s)) => s,
                    Err(e) => return Err(e),
                }
            }
            Cmd::Func { name, body } => {
                self.funcs.insert(name.clone(), (**body).clone());
                0
            }
            Cmd::Redirected(inner, redirs) => {
                let inner = inner.clone();
                self.with_redirs(redirs, move |sh| sh.exec(&inner))?
            }
            Cmd::Cond { expr, line } => {
                self.line = *line;
                self.step()?;
                match self.cond(expr) {
                    Ok(b) => i32::from(!b),
                    Err(msg) if msg.is_empty() => 2,
                    Err(msg) => {
                        if msg.starts_with("dockersim:") {
                            return Err(Flow::Abort(msg));
                        }
                        let p = self.prefix();
                        self.err_str(&format!("{p}{msg}\n"))?;
                        if self.flavor == Flavor::Bash && !self.interactive {
                            return Err(Flow::Exit(1));
                        }
                        1
                    }
                }
            }
            Cmd::Arith { expr, line } => {
                self.line = *line;
                self.step()?;
                match self.arith_status(expr) {
                    Ok(v) => i32::from(v == 0),
                    Err(code) => code,
                }
            }
            Cmd::ForArith { init, cond, step, body } => {
                if let Err(code) = self.arith_status(init) {
                    return Ok(code);
                }
                let mut s = 0;
                loop {
                    self.step()?;
                    if !cond.trim().is_empty() {
                        match self.arith_status(cond) {
                            Ok(0) => break,
                            Ok(_) => {}
                            Err(code) => return Ok(code),
                        }
                    }
                    match self.loop_body(body)? {
                        Some(v) => s = v,
                        None => break,
                    }
                    if let Err(code) = self.arith_status(step) {
                        return Ok(code);
                    }
                }
                s
            }
        };
        self.status = status;
        if status != 0 && self.errexit && matches!(cmd, Cmd::Simple { .. } | Cmd::Pipeline { .. } | Cmd::Subshell(_)) {
            return Err(Flow::Exit(status));
        }
        Ok(status)
    }

    /// Evaluates an arithmetic command's expression (after expanding `$…`);
    /// an error is reported and gives status 1.
    pub fn arith_status(&mut self, expr: &str) -> Result<i64, i32> {
        self.arith_status_as(expr, "((: ")
    }

    /// [`Shell::arith_status`] with the label of the command in messages (`let: `).
    pub fn arith_status_as(&mut self, expr: &str, label: &str) -> Result<i64, i32> {
        let expanded = match self.expand_arith_text(expr) {
            Ok(e) => e,
            Err(msg) => {
                let p = self.prefix();
                let _ = self.err_str(&format!("{p}{msg}\n"));
                return Err(1);
            }
        };
        match super::arith::eval(&expanded, self) {
            Ok(v) => Ok(v),
            Err(msg) => {
                let p = self.prefix();
                let _ = self.err_str(&format!("{p}{label}{msg}\n"));
                Err(1)
            }
        }
    }

    /// Evaluates a `[[ … ]]` expression.
    fn cond(&mut self, e: &CondExpr) -> Result<bool, String> {
        Ok(match e {
            CondExpr::And(l, r) => self.cond(l)? && self.cond(r)?,
            CondExpr::Or(l, r) => self.cond(l)? || self.cond(r)?,
            CondExpr::Not(x) => !self.cond(x)?,
            CondExpr::Word(w) => !self.expand_word(w)?.is_empty(),
            CondExpr::Unary(op, w) => {
                let v = self.expand_word(w)?;
                match op.as_str() {
                    "-n" => !v.is_empty(),
                    "-z" => v.is_empty(),
                    "-v" => {
                        let (base, key) = match v.split_once('[') {
                            Some((b, k)) => (b.to_string(), Some(k.trim_end_matches(']').to_string())),
                            None => (v.clone(), None),
                        };
                        match key {
                            Some(k) => self.element(&base, &k).is_some(),
                            None => self.vars.contains_key(&base) || self.arrays.contains_key(&base),
                        }
                    }
                    "-o" => false,
                    _ => super::builtins::file_test(self, op, &v),
                }
            }
            CondExpr::Binary(l, op, r) => {
                let left = self.expand_word(l)?;
                match op.as_str() {
                    "==" | "=" | "!=" => {
                        let pattern = self.expand_pattern(r)?;
                        let m = super::expand::fnmatch(&pattern, &left);
                        if op == "!=" {
                            !m
                        } else {
                            m
                        }
                    }
                    "=~" => {
                        let pattern = self.expand_regex(r)?;
                        match super::expand::regex_captures(&pattern, &left) {
                            Ok(Some(groups)) => {
                                self.arrays.insert(
                                    "BASH_REMATCH".into(),
                                    Array::Indexed(groups.into_iter().enumerate().map(|(i, g)| (i as i64, g)).collect()),
                                );
                                self.vars.remove("BASH_REMATCH");
                                true
                            }
                            Ok(None) => {
                                self.arrays.insert("BASH_REMATCH".into(), Array::Indexed(BTreeMap::new()));
                                false
                            }
                            // An invalid regex: status 2, no message (as bash).
                            Err(_) => return Err(String::new()),
                        }
                    }
                    "<" => left < self.expand_word(r)?,
                    ">" => left > self.expand_word(r)?,
                    "-nt" | "-ot" | "-ef" => {
                        let right = self.expand_word(r)?;
                        super::builtins::file_compare(self, op, &left, &right)
                    }
                    _ => {
                        let right = self.expand_word(r)?;
                        let a = self.cond_int(&left)?;
                        let b = self.cond_int(&right)?;
                        match op.as_str() {
                            "-eq" => a == b,
                            "-ne" => a != b,
                            "-lt" => a < b,
                            "-le" => a <= b,
                            "-gt" => a > b,
                            _ => a >= b,
                        }
                    }
                }
            }
        })
    }

    /// An operand of `[[ a -eq b ]]`: arithmetic, as bash evaluates it.
    fn cond_int(&mut self, text: &str) -> Result<i64, String> {
        super::arith::eval(text, self)
    }

    /// One pass of a loop body: `Some(status)` to go on (also after `continue`),
    /// `None` after `break`; `break N`/`continue N` for outer loops propagate.
    fn loop_body(&mut self, body: &Cmd) -> Result<Option<i32>, Flow> {
        match self.exec(body) {
            Ok(v) => Ok(Some(v)),
            Err(Flow::Break(n)) if n > 1 => Err(Flow::Break(n - 1)),
            Err(Flow::Break(_)) => Ok(None),
            Err(Flow::Continue(n)) if n > 1 => Err(Flow::Continue(n - 1)),
            Err(Flow::Continue(_)) => Ok(Some(self.status)),
            Err(e) => Err(e),
        }
    }

    /// Runs a condition: `set -e` does not apply inside it.
    fn exec_cond(&mut self, cmd: &Cmd) -> R {
        let saved = self.errexit;
        self.errexit = false;
        let r = self.exec(cmd);
        self.errexit = saved;
        r
    }

    fn pipeline(&mut self, cmds: &[Cmd]) -> R {
        let saved_stdin = self.save_stdin(true);
        let mut input = Some(saved_stdin.content());
        let mut status = 0;
        let mut failed = 0;
        let mut statuses = Vec::new();
        // SIGPIPE: a producer that never ends (`while :; do echo; done | head`)
        // runs until the output limit stops it; if a later command then stops
        // reading early (`stdin_closed`), the producer died of SIGPIPE (status
        // 141) and its excess output is dropped, as on Linux. Otherwise the
        // limit stands. (Endless contents such as `yes` never get that far:
        // they are read lazily.)
        let mut cut: Option<String> = None;
        let base = (self.out.len(), self.take_out_len());
        for (i, cmd) in cmds.iter().enumerate() {
            let last = i + 1 == cmds.len();
            self.set_stdin_content(input.take().unwrap_or_else(|| Content::from_bytes(Vec::new())));
            let (outs, errs) = (self.out.len(), self.err.len());
            if !last {
                self.out.push(Vec::new());
            }
            self.stdin_closed = false;
            let saved = self.save();
            let r = self.nested(|sh| sh.exec_cond(cmd));
            self.restore(saved);
            if self.stdin_closed {
                cut = None;
            }
            status = match r {
                Ok(s) | Err(Flow::Exit(s)) => s,
                Err(Flow::Abort(msg)) if !last && msg.contains(OUTPUT_LIMIT_WORDS) => {
                    self.out.truncate(outs + 1);
                    self.err.truncate(errs);
                    self.big_out.retain(|(level, _, _)| *level <= outs);
                    let piped = self.out.last().map_or(0, Vec::len);
                    self.output_total = self.output_total.saturating_sub(piped);
                    cut = Some(msg);
                    141
                }
                Err(e) => {
                    if !last {
                        self.pop_out_content();
                    }
                    self.restore_stdin(saved_stdin);
                    return Err(e);
                }
            };
            if status != 0 {
                failed = status;
            }
            statuses.push(status);
            if !last {
                input = Some(self.pop_out_content());
            }
        }
        self.restore_stdin(saved_stdin);
        self.pipestatus = statuses;
        self.stdin_closed = false;
        match cut {
            // Nothing read to the end: the pipeline would never finish, so what
            // its last command printed from the cut input is not shown.
            Some(msg) => {
                if self.out.len() == base.0 {
                    self.truncate_out(base.1);
                }
                Err(Flow::Abort(msg))
            }
            None => Ok(if self.pipefail { failed } else { status }),
        }
    }

    fn expand_or_fail(&mut self, word: &str) -> Result<Vec<String>, Flow> {
        match self.expand_fields(word) {
            Ok(v) => Ok(v),
            Err(msg) => self.expansion_error(msg),
        }
    }

    fn expand_str_or_fail(&mut self, word: &str) -> Result<String, Flow> {
        match self.expand_word(word) {
            Ok(v) => Ok(v),
            Err(msg) => self.expansion_error(msg),
        }
    }

    fn expansion_error<T>(&mut self, msg: String) -> Result<T, Flow> {
        if msg.starts_with("dockersim:") {
            return Err(Flow::Abort(msg));
        }
        let p = self.prefix();
        // bash exits 127 after `${v:?}` and `set -u`, 1 after other expansion errors.
        let (msg, code) = match msg.strip_prefix('\u{1}') {
            Some(m) => (m.to_string(), 127),
            None if self.flavor == Flavor::Bash && msg.ends_with(": unbound variable") => (msg, 127),
            None if self.flavor == Flavor::Bash => (msg, 1),
            None => (msg, 2),
        };
        self.err_str(&format!("{p}{msg}\n"))?;
        // A script exits; an interactive shell drops the line and prompts again.
        if self.interactive {
            return Err(Flow::Return(if self.flavor == Flavor::Bash { code } else { 2 }));
        }
        Err(Flow::Exit(code))
    }

    /// Assigns a raw (unexpanded) value as bash does; false when refused.
    pub fn assign_raw(&mut self, name: &str, raw: &str) -> Result<bool, Flow> {
        if self.assign_bash(name, raw)? {
            return Ok(true);
        }
        let value = self.expand_str_or_fail(raw)?;
        self.set_var(name, &value);
        Ok(true)
    }

    pub fn has_function(&self, name: &str) -> bool {
        self.funcs.contains_key(name)
    }

    pub fn remove_function(&mut self, name: &str) {
        self.funcs.remove(name);
    }

    /// Removes one element of an array (or the scalar, for key 0).
    pub fn unset_element(&mut self, name: &str, key: &str) {
        match self.arrays.get_mut(name) {
            Some(Array::Indexed(a)) => {
                if let Ok(mut i) = key.parse::<i64>() {
                    if i < 0 {
                        i += a.keys().next_back().map_or(0, |k| k + 1);
                    }
                    a.remove(&i);
                }
            }
            Some(Array::Assoc(a)) => {
                a.remove(key);
            }
            None if key == "0" => {
                self.vars.remove(name);
            }
            None => {}
        }
    }

    /// Output written since `mark` (see [`Shell::take_out_len`]), removed.
    pub fn take_out_tail(&mut self, mark: usize) -> String {
        let buf = self.out.last_mut().expect("stdout");
        let tail = buf.split_off(mark.min(buf.len()));
        String::from_utf8_lossy(&tail).into_owned()
    }

    /// Runs a sourced file's text in this shell.
    pub fn run_sourced(&mut self, src: &str) -> R {
        let line = self.line;
        let r = self.run_source(src);
        self.line = line;
        r
    }

    /// A bash assignment (`a=(…)`, `a+=x`, `a[k]=v`); false when the name
    /// is a plain one, left to the caller.
    fn assign_bash(&mut self, name: &str, raw: &str) -> Result<bool, Flow> {
        let (name, append) = match name.strip_suffix('+') {
            Some(n) => (n, true),
            None => (name, false),
        };
        if let Some((base, sub)) = name.split_once('[') {
            let sub = sub.trim_end_matches(']');
            let key = if self.is_assoc(base) {
                self.expand_str_or_fail(sub)?
            } else {
                let expanded = self.expand_str_or_fail(sub)?;
                match super::arith::eval(&expanded, self) {
                    Ok(v) => v.to_string(),
                    Err(m) => return self.expansion_error(m),
                }
            };
            let value = self.expand_str_or_fail(raw)?;
            let value = if append { self.element(base, &key).unwrap_or_default() + &value } else { value };
            self.set_element(base, &key, &value);
            return Ok(true);
        }
        if raw.starts_with('(') && raw.ends_with(')') {
            let inner = &raw[1..raw.len() - 1];
            let words: Vec<String> = match super::lex::tokenize_as(inner, true) {
                Ok(toks) => toks.into_iter().filter_map(|t| if let super::lex::Tok::Word(w) = t.tok { Some(w) } else { None }).collect(),
                Err(m) => return self.expansion_error(m),
            };
            let assoc = self.is_assoc(name);
            let mut arr = if append { self.arrays.get(name).cloned() } else { None }.unwrap_or(if assoc {
                Array::Assoc(BTreeMap::new())
            } else {
                Array::Indexed(BTreeMap::new())
            });
            if append && !self.arrays.contains_key(name) {
                if let (Some(v), Array::Indexed(a)) = (self.vars.get(name).cloned(), &mut arr) {
                    a.insert(0, v);
                }
            }
            let mut next = match &arr {
                Array::Indexed(a) => a.keys().next_back().map_or(0, |k| k + 1),
                Array::Assoc(_) => 0,
            };
            for w in words {
                if w.starts_with('[') {
                    if let Some(close) = w.find("]=") {
                        let key_raw = &w[1..close];
                        let value = self.expand_str_or_fail(&w[close + 2..])?;
                        match &mut arr {
                            Array::Assoc(a) => {
                                let key = self.expand_str_or_fail(key_raw)?;
                                a.insert(key, value);
                            }
                            Array::Indexed(a) => {
                                let expanded = self.expand_str_or_fail(key_raw)?;
                                let k = match super::arith::eval(&expanded, self) {
                                    Ok(v) => v,
                                    Err(m) => return self.expansion_error(m),
                                };
                                a.insert(k, value);
                                next = k + 1;
                            }
                        }
                        continue;
                    }
                }
                for value in self.expand_or_fail(&w)? {
                    match &mut arr {
                        Array::Indexed(a) => {
                            a.insert(next, value);
                            next += 1;
                        }
                        Array::Assoc(_) => {
                            let p = self.prefix();
                            self.err_str(&format!("{p}{name}: {value}: must use subscript when assigning associative array\n"))?;
                        }
                    }
                }
            }
            self.vars.remove(name);
            self.arrays.insert(name.to_string(), arr);
            return Ok(true);
        }
        if append {
            let value = self.expand_str_or_fail(raw)?;
            let old = self.var(name).unwrap_or_default();
            let new = if self.integer_vars.contains(name) {
                let a = super::arith::eval(&old, self).unwrap_or(0);
                let b = super::arith::eval(&value, self).unwrap_or(0);
                (a + b).to_string()
            } else {
                old + &value
            };
            self.set_var(name, &new);
            return Ok(true);
        }
        if self.integer_vars.contains(name) {
            let value = self.expand_str_or_fail(raw)?;
            match super::arith::eval(&value, self) {
                Ok(v) => self.set_var(name, &v.to_string()),
                Err(m) => return self.expansion_error(m),
            }
            return Ok(true);
        }
        Ok(false)
    }

    fn simple(&mut self, assigns: &[(String, String)], words: &[String], redirs: &[Redir]) -> R {
        // Aliases: dash and ash expand them always, bash only when interactive.
        if assigns.is_empty() && (self.flavor != Flavor::Bash || self.interactive) {
            if let Some(value) = words.first().and_then(|w| self.aliases.get(w)).cloned() {
                if !self.expanding.contains(&words[0]) && self.expanding.len() < 32 {
                    let text = std::iter::once(value.as_str()).chain(words[1..].iter().map(String::as_str)).collect::<Vec<_>>().join(" ");
                    self.expanding.push(words[0].clone());
                    let r = self.with_redirs(redirs, move |sh| sh.run_source(&text));
                    self.expanding.pop();
                    return r;
                }
            }
        }
        if self.flavor == Flavor::Bash
            && words.first().is_some_and(|w| super::bash_builtins::DECLARATIONS.contains(&w.as_str()))
            && !self.funcs.contains_key(&words[0])
        {
            let words = words.to_vec();
            let assigns = assigns.to_vec();
            return self.with_redirs(redirs, move |sh| {
                for (name, raw) in &assigns {
                    if !sh.assign_raw(name, raw)? {
                        return Ok(1);
                    }
                }
                super::bash_builtins::declaration(sh, &words)
            });
        }
        let mut argv = Vec::new();
        for w in words {
            argv.extend(self.expand_or_fail(w)?);
        }
        let mut values = Vec::new();
        for (name, raw) in assigns {
            if self.flavor == Flavor::Bash && argv.is_empty() {
                if self.readonly.contains(name.trim_end_matches('+')) {
                    let p = self.prefix();
                    self.err_str(&format!("{p}{}: readonly variable\n", name.trim_end_matches('+')))?;
                    return Ok(1);
                }
                if self.assign_bash(name, raw)? {
                    continue;
                }
            }
            values.push((name.clone(), self.expand_str_or_fail(raw)?));
        }
        if self.xtrace && !(argv.is_empty() && values.is_empty()) {
            let words: Vec<String> = values.iter().map(|(n, v)| format!("{n}={v}")).chain(argv.iter().cloned()).collect();
            let quote = self.flavor() != Flavor::Dash;
            let shown: Vec<String> = words.iter().map(|w| if quote { ash_trace_quote(w) } else { w.clone() }).collect();
            self.err_str(&format!("+ {}\n", shown.join(" ")))?;
        }
        if argv.is_empty() {
            for (name, value) in &values {
                self.set_var(name, value);
            }
            let status = self.status;
            return self.with_redirs(redirs, move |_| Ok(status));
        }
        let argv2 = argv.clone();
        self.with_redirs(redirs, move |sh| {
            if let Some(body) = sh.funcs.get(&argv2[0]).cloned() {
                let saved_pos = std::mem::replace(&mut sh.positional, argv2[1..].to_vec());
                sh.locals.push(Vec::new());
                sh.func_names.push(argv2[0].clone());
                let r = sh.nested(|sh| sh.exec(&body));
                sh.func_names.pop();
                sh.pop_locals();
                sh.positional = saved_pos;
                return match r {
                    Err(Flow::Return(s)) => Ok(s),
                    other => other,
                };
            }
            if super::builtins::is_builtin_for(&argv2[0], sh.flavor) {
                let saved: Vec<(String, Option<String>)> = if matches!(
                    argv2[0].as_str(),
                    "export" | "readonly" | "unset" | "set" | "cd" | "." | "source" | "eval" | "exec" | "local" | "read" | "shift"
                ) {
                    for (n, v) in &values {
                        sh.set_var(n, v);
                    }
                    Vec::new()
                } else {
                    values
                        .iter()
                        .map(|(n, v)| {
                            let old = sh.var(n);
                            sh.set_var(n, v);
                            (n.clone(), old)
                        })
                        .collect()
                };
                let r = super::builtins::run(sh, &argv2);
                for (n, old) in saved {
                    match old {
                        Some(v) => sh.set_var(&n, &v),
                        None => {
                            sh.vars.remove(&n);
                        }
                    }
                }
                return r;
            }
            let saved: Vec<(String, Option<String>, bool)> = values
                .iter()
                .map(|(n, v)| {
                    let old = sh.var(n);
                    let was = sh.exported.contains(n);
                    sh.set_var(n, v);
                    sh.exported.insert(n.clone());
                    (n.clone(), old, was)
                })
                .collect();
            let r = super::programs::run_external(sh, &argv2);
            for (n, old, was) in saved {
                match old {
                    Some(v) => sh.set_var(&n, &v),
                    None => {
                        sh.vars.remove(&n);
                    }
                }
                if !was {
                    sh.exported.remove(&n);
                }
            }
            r
        })
    }

    /// Applies redirections around `f`.
    pub fn with_redirs(&mut self, redirs: &[Redir], f: impl FnOnce(&mut Self) -> R) -> R {
        if redirs.is_empty() {
            return f(self);
        }
        let saved_stdin = self.save_stdin(false);
        let (pushed, failed) = self.open_redirs(redirs);
        let result = match failed {
            Some(status) => Ok(status),
            None => f(self),
        };
        self.close_redirs(pushed)?;
        self.restore_stdin(saved_stdin);
        result
    }

    /// Opens `redirs` in order, each output one on a fresh buffer; stops at
    /// the first that fails, with its status. (Kept apart from the generic
    /// `with_redirs` so that it is compiled once.)
    fn open_redirs(&mut self, redirs: &[Redir]) -> (Vec<(u32, Sink)>, Option<i32>) {
        let mut pushed: Vec<(u32, Sink)> = Vec::new();
        for r in redirs {
            match self.open_redir(r) {
                Ok(Some(sink)) => {
                    let fd = if r.fd == 2 { 2 } else { 1 };
                    if fd == 2 {
                        self.err.push(Vec::new())
                    } else {
                        self.out.push(Vec::new())
                    }
                    pushed.push((fd, sink));
                }
                Ok(None) => {}
                Err(status) => return (pushed, Some(status)),
            }
        }
        (pushed, None)
    }

    /// Pops the buffers `open_redirs` pushed, innermost first, into their sinks.
    fn close_redirs(&mut self, pushed: Vec<(u32, Sink)>) -> Result<(), Flow> {
        for (fd, sink) in pushed.into_iter().rev() {
            let buf = if fd == 2 { Content::from_bytes(self.err.pop().unwrap_or_default()) } else { self.pop_out_content() };
            match sink {
                Sink::Discard => {}
                Sink::Merge(1) => self.merge_out_content(&buf)?,
                Sink::Merge(_) => {
                    if buf.len() > OUTPUT_LIMIT as u64 {
                        self.count_output(OUTPUT_LIMIT + 1)?;
                    }
                    self.append_bottom(true, &buf.to_vec())
                }
                Sink::File { path, append } => {
                    self.charge_fs(buf.len(), 1)?;
                    let meta = self.meta(0o644);
                    let written = if append { self.ctx.fs.append_content(&path, buf, meta) } else { self.ctx.fs.write(&path, buf, meta) };
                    let _ = written;
                }
            }
        }
        Ok(())
    }

    /// Prepares one redirection: `Some(sink)` for output, `None` for input.
    fn open_redir(&mut self, r: &Redir) -> Result<Option<Sink>, i32> {
        if let RedirOp::Heredoc { body, expand } = &r.op {
            let text = if *expand { self.expand_heredoc(body).unwrap_or_else(|_| body.clone()) } else { body.clone() };
            self.set_stdin_content(Content::from_bytes(text.into_bytes()));
            return Ok(None);
        }
        let target = match self.expand_word(&r.target) {
            Ok(t) => t,
            Err(m) => {
                let p = self.prefix();
                let _ = self.err_str(&format!("{p}{m}\n"));
                return Err(2);
            }
        };
        match r.op {
            RedirOp::HereString => {
                self.set_stdin_content(Content::from_bytes(format!("{target}\n").into_bytes()));
                Ok(None)
            }
            RedirOp::Dup => {
                if target == "-" {
                    return Ok(Some(Sink::Discard));
                }
                let to: u32 = target.parse().unwrap_or(1);
                Ok(Some(Sink::Merge(to)))
            }
            RedirOp::In => {
                let path = self.abs(&target);
                if !self.may(&path, crate::vfs::access::Access::Read) {
                    let msg = match self.flavor() {
                        Flavor::Dash => format!("{}cannot open {target}: Permission denied\n", self.prefix()),
                        Flavor::Busybox => format!("{}can't open '{target}': Permission denied\n", self.prefix()),
                        Flavor::Bash => format!("{}{target}: Permission denied\n", self.prefix()),
                    };
                    let _ = self.err_str(&msg);
                    return Err(if self.flavor() == Flavor::Dash { 2 } else { 1 });
                }
                match self.read_content(&path) {
                    Ok(content) => {
                        self.set_stdin_content(content);
                        Ok(None)
                    }
                    Err(e) => {
                        let msg = match self.flavor() {
                            Flavor::Dash => format!("{}cannot open {target}: No such file\n", self.prefix()),
                            Flavor::Busybox | Flavor::Bash => {
                                let sep = if self.flavor() == Flavor::Bash { "" } else { "can't open '" };
                                let close = if self.flavor() == Flavor::Bash { "" } else { "'" };
                                format!("{}{sep}{target}{close}: {}\n", self.prefix(), e.reason())
                            }
                        };
                        let _ = self.err_str(&msg);
                        Err(if self.flavor() == Flavor::Dash { 2 } else { 1 })
                    }
                }
            }
            _ => {
                let append = r.op == RedirOp::Append;
                let path = self.abs(&target);
                // A device, named or reached through a symlink (`ln -sf
                // /dev/stdout /var/log/app.log`, as nginx's image does).
                let real = self.ctx.fs.resolve(&path, true).unwrap_or_else(|_| path.clone());
                match stream::device(&real) {
                    Some(stream::Device::Null | stream::Device::Stream(_)) => return Ok(Some(Sink::Discard)),
                    Some(stream::Device::Stdout) => return Ok(Some(Sink::Merge(1))),
                    Some(stream::Device::Stderr) => return Ok(Some(Sink::Merge(2))),
                    _ => {}
                }
                let parent_ok = match path.rfind('/') {
                    Some(0) => true,
                    Some(i) => matches!(self.ctx.fs.get(&path[..i]), Ok(Node::Dir { .. })),
                    None => true,
                };
                let is_dir = matches!(self.ctx.fs.get(&path), Ok(Node::Dir { .. }));
                let exists = self.ctx.fs.get(&path).is_ok();
                let denied = parent_ok
                    && !is_dir
                    && if exists { !self.may(&path, crate::vfs::access::Access::Write) } else { !self.may_change(&path) };
                let read_only = parent_ok && !is_dir && self.ctx.fs.is_read_only(&path);
                if denied || read_only {
                    let why = if read_only { "Read-only file system" } else { "Permission denied" };
                    let msg = match self.flavor() {
                        Flavor::Dash => format!("{}cannot create {target}: {why}\n", self.prefix()),
                        Flavor::Busybox => format!("{}can't create {target}: {why}\n", self.prefix()),
                        Flavor::Bash => format!("{}{target}: {why}\n", self.prefix()),
                    };
                    let _ = self.err_str(&msg);
                    return Err(if self.flavor() == Flavor::Dash { 2 } else { 1 });
                }
                if !parent_ok || is_dir {
                    let msg = match (self.flavor(), is_dir) {
                        (Flavor::Dash, true) => format!("{}cannot create {target}: Is a directory\n", self.prefix()),
                        (Flavor::Dash, false) => format!("{}cannot create {target}: Directory nonexistent\n", self.prefix()),
                        (Flavor::Busybox, true) => format!("{}can't create {target}: Is a directory\n", self.prefix()),
                        (Flavor::Busybox, false) => format!("{}can't create {target}: nonexistent directory\n", self.prefix()),
                        (Flavor::Bash, true) => format!("{}{target}: Is a directory\n", self.prefix()),
                        (Flavor::Bash, false) => format!("{}{target}: No such file or directory\n", self.prefix()),
                    };
                    let _ = self.err_str(&msg);
                    return Err(if self.flavor() == Flavor::Dash { 2 } else { 1 });
                }
                if !append || self.ctx.fs.get(&path).is_err() {
                    let meta = self.meta(0o644);
                    let _ = self.ctx.fs.write(&path, Content::from_bytes(Vec::new()), meta);
                }
                Ok(Some(Sink::File { path, append }))
            }
        }
    }
}

/// dash's `Syntax error: X unexpected (expecting Y)` in ash's words:
/// `syntax error: unexpected X (expecting Y)`.
fn ash_syntax(msg: &str) -> String {
    let Some(rest) = msg.strip_prefix("Syntax error: ") else { return msg.to_string() };
    match rest.split_once(" unexpected") {
        Some((what, tail)) => format!("syntax error: unexpected {what}{tail}"),
        None => format!("syntax error: {rest}"),
    }
}

/// How BusyBox ash's `set -x` shows a word: quoted unless plainly safe.
fn ash_trace_quote(w: &str) -> String {
    const RESERVED: [&str; 16] =
        ["if", "then", "else", "elif", "fi", "for", "in", "do", "done", "while", "until", "case", "esac", "{", "}", "!"];
    let safe = !w.is_empty() && !RESERVED.contains(&w) && w.chars().all(|c| c.is_ascii_alphanumeric() || "_./=:,+-@%".contains(c));
    if safe {
        w.to_string()
    } else {
        format!("'{}'", w.replace('\'', "'\"'\"'"))
    }
}
