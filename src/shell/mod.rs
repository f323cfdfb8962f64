//! The simulated POSIX shell that RUN, CMD and the terminal execute.
//!
//! `lex` and `parse` turn a script into a [`ast::Cmd`] tree; `interp` runs it
//! over the virtual filesystem with dash's (Debian) or BusyBox ash's (Alpine)
//! semantics and error wording; `expand` does POSIX word expansion;
//! `builtins` and `programs` are the commands. Programs run only when their
//! file exists on `PATH` in the image.
//!
//! Limits keep runaway scripts from freezing the page: at most
//! [`interp::STEP_LIMIT`] commands or loop iterations, [`interp::OUTPUT_LIMIT`]
//! bytes of output and [`interp::DEPTH_LIMIT`] levels of nesting per run. A
//! run that hits one stops with status [`interp::LIMIT_STATUS`] and a
//! `dockersim: script stopped …` line on stderr.

mod arith;
pub mod ast;
mod bash_builtins;
mod builtins;
mod continuation;
pub mod expand;
pub mod interp;
mod lex;
pub mod parse;
mod programs;
pub use programs::clock::strftime_utc;
pub(crate) use programs::clock::KERNEL;
pub use programs::dotnet::{required_framework as dotnet_required_framework, DOTNET_ROOT};
pub use programs::jars::resolve as resolve_java_program;
pub use programs::java_source::COMPUTED as JAVA_COMPUTED;
pub use programs::maven::tomcat as tomcat_release;
pub use programs::net::curl_version;
pub use programs::nginx;
/// The package indexes (`packages/*.txt`): their names, and how a host hands one over.
pub use programs::pkg_index::{provide as provide_package_index, NAMES as PACKAGE_INDEXES};
pub use programs::toolchains::loader_missing;
pub use programs::toolchains::Behaviour as BuiltProgram;
pub use programs::tools::ping_report;
pub use programs::BUSYBOX_BANNER;
mod session;

pub use continuation::incomplete;
pub use session::{HostCall, HostOutcome, HostPrograms, Interactive, ServeRequest, ShellState};

use crate::vfs::Fs;
use interp::{Flow, Shell, LIMIT_STATUS};
use std::collections::BTreeMap;

/// Which shell runs a script; decides syntax and error wording. `/bin/sh`
/// is dash or BusyBox ash (see [`Flavor::detect`]); `bash` is chosen by the
/// binary that runs (`bash -c`, `#!/bin/bash`, `SHELL ["/bin/bash", …]`)
/// where the image has it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    /// Debian/Ubuntu `dash`: `/bin/sh: 1: foo: not found`.
    Dash,
    /// Alpine/BusyBox `ash`: `/bin/sh: foo: not found`.
    Busybox,
    /// GNU bash: `bash: line 1: foo: command not found`, arrays, `[[ ]]`, …
    Bash,
}

impl Flavor {
    /// The flavour the image's `/bin/sh` really is: a link to BusyBox means
    /// ash, any other shell dash's wording; `None` when there is no `/bin/sh`.
    pub fn detect(fs: &Fs) -> Option<Flavor> {
        let target = fs.resolve("/bin/sh", true).ok()?;
        fs.get(&target).ok()?;
        Some(if target.ends_with("/busybox") { Flavor::Busybox } else { Flavor::Dash })
    }
}

/// `$BASH_VERSION` of the image's bash, from its `/etc/os-release`
/// (Debian 12's when the release is unknown, as on the host).
pub fn bash_version(fs: &Fs) -> &'static str {
    let release = fs.read("/etc/os-release").or_else(|_| fs.read("/usr/lib/os-release")).unwrap_or_default();
    let text = String::from_utf8_lossy(&release);
    let field = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key).and_then(|v| v.strip_prefix('=')))
            .map(|v| v.trim_matches('"').to_string())
            .unwrap_or_default()
    };
    let (id, version) = (field("ID"), field("VERSION_ID"));
    match (id.as_str(), version.as_str()) {
        ("ubuntu", "20.04") => "5.0.17(1)-release",
        ("ubuntu", "22.04") => "5.1.16(1)-release",
        ("ubuntu", v) if v.starts_with("24.") => "5.2.21(1)-release",
        ("debian", "10") => "5.0.3(1)-release",
        ("debian", "11") => "5.1.4(1)-release",
        ("alpine", v) if v.starts_with("3.18") => "5.2.15(1)-release",
        ("alpine", v) if v.starts_with("3.19") => "5.2.21(1)-release",
        ("alpine", v) if v.starts_with("3.20") => "5.2.26(1)-release",
        ("alpine", _) => "5.2.37(1)-release",
        _ => "5.2.15(1)-release",
    }
}

/// Where the image's bash is, if it has one: `/bin/bash` or `/usr/bin/bash`.
pub fn bash_path(fs: &Fs) -> Option<&'static str> {
    ["/bin/bash", "/usr/bin/bash"]
        .into_iter()
        .find(|p| matches!(fs.get(p), Ok(crate::vfs::Node::File { .. })) || fs.resolve(p, true).is_ok_and(|t| fs.get(&t).is_ok()))
}

/// Everything a command runs against. `flavor` is a fallback: when the
/// filesystem has a `/bin/sh`, [`Flavor::detect`] decides.
pub struct ExecContext<'a> {
    pub fs: &'a mut Fs,
    pub env: BTreeMap<String, String>,
    pub cwd: String,
    /// Unix seconds from the injected clock.
    pub now: i64,
    pub flavor: Flavor,
    /// The acting user as USER names it (`node`, `1000`, `app:app`); empty means root.
    pub user: String,
    /// Programs the machine provides outside the filesystem (the host's
    /// `docker`, `curl`, `clear`); `None` inside containers and builds.
    pub host: Option<&'a mut dyn HostPrograms>,
}

/// What a command produced.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExecResult {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
    /// The same output in the order it was written (`true` = stderr).
    pub chunks: Vec<(bool, String)>,
    /// When each chunk was written (simulated seconds; empty when unknown).
    pub times: Vec<i64>,
    /// Standard output as bytes when lines of text would not carry it
    /// exactly (`tar c` to stdout, `cat image.png`, `printf hi`): `stdout`
    /// and `chunks` hold it lossily.
    pub stdout_bytes: Option<Vec<u8>>,
}

impl ExecResult {
    /// Complete lines in the order each stream finished them (a line written
    /// in pieces belongs to its stream, as Docker's log driver splits them).
    pub fn lines(&self) -> Vec<(bool, String)> {
        self.timed_lines(0).into_iter().map(|(_, e, l)| (e, l)).collect()
    }

    /// [`ExecResult::lines`] with the time each line was finished
    /// (`default` when the times are unknown).
    pub fn timed_lines(&self, default: i64) -> Vec<(i64, bool, String)> {
        let mut lines = Vec::new();
        self.each_line(default, |at, is_err, line| lines.push((at, is_err, line.to_string())));
        lines
    }

    /// Visits the lines of [`ExecResult::timed_lines`] without keeping them
    /// (a log that clips a long output allocates only what it keeps).
    pub fn each_line(&self, default: i64, mut visit: impl FnMut(i64, bool, &str)) {
        let mut partial = [String::new(), String::new()];
        let mut last = default;
        for (k, (is_err, text)) in self.chunks.iter().enumerate() {
            let at = self.times.get(k).copied().unwrap_or(default);
            last = at;
            let buf = &mut partial[usize::from(*is_err)];
            let mut rest = text.as_str();
            while let Some(i) = rest.find('\n') {
                if buf.is_empty() {
                    visit(at, *is_err, &rest[..i]);
                } else {
                    buf.push_str(&rest[..i]);
                    visit(at, *is_err, buf);
                    buf.clear();
                }
                rest = &rest[i + 1..];
            }
            buf.push_str(rest);
        }
        for (i, rest) in partial.iter().enumerate() {
            if !rest.is_empty() {
                visit(last, i == 1, rest);
            }
        }
    }
}

/// Runs `script` as `/bin/sh -c script` would.
pub fn run_script(script: &str, ctx: &mut ExecContext) -> ExecResult {
    run_script_as(script, "/bin/sh", ctx)
}

/// Runs `script` as one line of an interactive shell: `stdin` is its
/// standard input (a pipeline's stage) and `$?` starts as `last_status`.
///
/// With `ctx.flavor` [`Flavor::Bash`] the line runs as an interactive bash
/// (`bash: foo: command not found`, no line numbers); otherwise as the
/// image's `/bin/sh`.
pub fn run_line(script: &str, stdin: &[u8], last_status: i32, ctx: &mut ExecContext) -> ExecResult {
    let bash = ctx.flavor == Flavor::Bash;
    if !bash {
        ctx.flavor = Flavor::detect(ctx.fs).unwrap_or(ctx.flavor);
    }
    let mut sh = Shell::new(ctx, if bash { "bash" } else { "/bin/sh" });
    sh.interactive = bash;
    sh.stdin = stdin.to_vec();
    sh.status = last_status;
    let r = sh.run_source(script);
    finish(sh, r)
}

/// Runs `src` as the next line of an interactive shell that was left in
/// `state`; returns `$?`, what reached the terminal in order (`true` =
/// stderr) and the state to continue from.
pub fn run_interactive(src: &str, state: ShellState, arg0: &str, ctx: &mut ExecContext) -> Interactive {
    let bash = ctx.flavor == Flavor::Bash;
    let mut sh = Shell::new(ctx, arg0);
    sh.resume(state);
    if bash {
        sh.become_bash();
    }
    sh.interactive = true;
    let r = sh.run_source(src);
    let exited = matches!(r, Err(Flow::Exit(_)));
    let (status, abort) = match r {
        Ok(s) | Err(Flow::Exit(s)) | Err(Flow::Return(s)) => (s, None),
        Err(Flow::Break(_)) | Err(Flow::Continue(_)) => (0, None),
        Err(Flow::Abort(msg)) => (LIMIT_STATUS, Some(msg)),
    };
    sh.status = status;
    let state = sh.state();
    let mut output: Vec<(bool, String)> =
        sh.take_terminal().into_iter().map(|(e, b)| (e, String::from_utf8_lossy(&b).into_owned())).collect();
    if let Some(msg) = abort {
        output.push((true, format!("{msg}\n")));
    }
    Interactive { status, output, state, exited }
}

fn run_script_as(script: &str, arg0: &str, ctx: &mut ExecContext) -> ExecResult {
    ctx.flavor = Flavor::detect(ctx.fs).unwrap_or(ctx.flavor);
    let mut sh = Shell::new(ctx, arg0);
    let r = sh.run_source(script);
    finish(sh, r)
}

fn finish(mut sh: Shell, r: interp::R) -> ExecResult {
    let mut order = sh.take_order();
    let (status, out, err) = match r {
        Ok(s) | Err(Flow::Exit(s)) | Err(Flow::Return(s)) => {
            let (out, err) = sh.take_output();
            (s, out, err)
        }
        Err(Flow::Break(_)) | Err(Flow::Continue(_)) => {
            let (out, err) = sh.take_output();
            (0, out, err)
        }
        // The main process's server took over (`Shell::hand_over`): no message.
        Err(Flow::Abort(msg)) if msg.is_empty() => {
            let (out, err) = sh.take_output();
            (0, out, err)
        }
        Err(Flow::Abort(msg)) => {
            let (out, mut err) = sh.take_output();
            err.extend_from_slice(format!("{msg}\n").as_bytes());
            order.push((true, msg.len() + 1, sh.ctx.now));
            (LIMIT_STATUS, out, err)
        }
    };
    let (chunks, times) = interleave(&out, &err, &order);
    // Bytes a log line cannot carry: not UTF-8, NULs (a tar archive), or an
    // unfinished last line (the log would end it with a newline).
    let binary = std::str::from_utf8(&out).is_err() || out.contains(&0) || out.last().is_some_and(|&b| b != b'\n');
    let stdout_bytes = binary.then(|| out.clone());
    ExecResult {
        status,
        stdout: String::from_utf8_lossy(&out).into_owned(),
        stderr: String::from_utf8_lossy(&err).into_owned(),
        chunks,
        times,
        stdout_bytes,
    }
}

/// Stdout and stderr as they were written, in order (`true` = stderr); when
/// the record does not cover the buffers (large generated output), stdout
/// then stderr.
fn interleave(out: &[u8], err: &[u8], order: &[(bool, usize, i64)]) -> (Vec<(bool, String)>, Vec<i64>) {
    let (o, e) = order.iter().fold((0, 0), |(o, e), (is_err, n, _)| if *is_err { (o, e + n) } else { (o + n, e) });
    if o != out.len() || e != err.len() {
        let chunks: Vec<(bool, String)> = [(false, out), (true, err)]
            .into_iter()
            .filter(|(_, b)| !b.is_empty())
            .map(|(s, b)| (s, String::from_utf8_lossy(b).into_owned()))
            .collect();
        return (chunks, Vec::new());
    }
    let (mut oi, mut ei) = (0, 0);
    let mut chunks: Vec<(bool, Vec<u8>)> = Vec::new();
    let times: Vec<i64> = order.iter().map(|o| o.2).collect();
    for (is_err, n, _) in order {
        let piece = if *is_err {
            ei += n;
            &err[ei - n..ei]
        } else {
            oi += n;
            &out[oi - n..oi]
        };
        chunks.push((*is_err, piece.to_vec()));
    }
    (chunks.into_iter().map(|(s, b)| (s, String::from_utf8_lossy(&b).into_owned())).collect(), times)
}

/// Runs one program with its arguments (exec form), as the kernel would:
/// `sh -c SCRIPT` runs the shell; anything else is looked up on `PATH`.
pub fn run_argv(argv: &[String], ctx: &mut ExecContext) -> ExecResult {
    run_argv_input(argv, &[], ctx)
}

/// [`run_argv`] with `stdin` as the program's standard input (`docker run
/// -i` fed by a pipe); empty is the end of input at once.
pub fn run_argv_input(argv: &[String], stdin: &[u8], ctx: &mut ExecContext) -> ExecResult {
    let Some(first) = argv.first() else { return ExecResult::default() };
    ctx.flavor = Flavor::detect(ctx.fs).unwrap_or(ctx.flavor);
    let base = first.rsplit('/').next().unwrap_or(first);
    let bash = base == "bash" && bash_path(ctx.fs).is_some();
    if matches!(base, "sh" | "ash" | "dash") || bash {
        if let Some(pos) = argv.iter().position(|a| a == "-c") {
            let script = argv.get(pos + 1).cloned().unwrap_or_default();
            let mut sh = Shell::new(ctx, first);
            if bash {
                sh.become_bash();
                if let Err(status) = sh.set_options(&argv[1..pos]) {
                    return finish(sh, Ok(status));
                }
            }
            sh.positional = argv.get(pos + 3..).map(<[String]>::to_vec).unwrap_or_default();
            if let Some(zero) = argv.get(pos + 2) {
                sh.arg0 = zero.clone();
            }
            sh.stdin = stdin.to_vec();
            let r = sh.run_source(&script);
            return finish(sh, r);
        }
    }
    let had_pwd = ctx.env.contains_key("PWD");
    let mut sh = Shell::new(ctx, "/bin/sh");
    if !had_pwd {
        // A program run without a shell (`docker exec c env`) gets no PWD.
        sh.forget_var("PWD");
    }
    sh.stdin = stdin.to_vec();
    let r = programs::run_external(&mut sh, argv);
    finish(sh, r)
}

#[cfg(test)]
mod tests;
