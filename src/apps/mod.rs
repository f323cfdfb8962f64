//! Apps answer like the real ones: small evaluators for the JavaScript
//! that tutorial apps are written in (`js.rs`, built-ins in `js_lib.rs`).
//! The shell runs programs with them (`node app.js`), and containers keep
//! servers running and answer requests by calling the handlers again.

pub mod js;
pub mod js_lib;
#[cfg(test)]
mod tests;

use crate::vfs::Fs;
use std::collections::BTreeMap;

/// What running a Node program did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct NodeRun {
    pub stdout: String,
    pub stderr: String,
    /// 0, or 1 for an uncaught error.
    pub status: i32,
    /// The port a server listens on.
    pub listening: Option<u16>,
}

/// Runs `path` with node's semantics as far as the evaluator goes.
pub fn run_node(fs: &Fs, path: &str, env: &BTreeMap<String, String>, cwd: &str, hostname: &str, argv: &[String]) -> NodeRun {
    run_node_with(fs, path, None, env, cwd, hostname, argv)
}

/// `node -e CODE`.
pub fn run_node_eval(fs: &Fs, code: &str, env: &BTreeMap<String, String>, cwd: &str, hostname: &str) -> NodeRun {
    run_node_with(fs, "[eval]", Some(code), env, cwd, hostname, &["/usr/local/bin/node".to_string()])
}

fn run_node_with(
    fs: &Fs,
    path: &str,
    code: Option<&str>,
    env: &BTreeMap<String, String>,
    cwd: &str,
    hostname: &str,
    argv: &[String],
) -> NodeRun {
    let mut w = js::World::new(fs, env.clone(), cwd, hostname);
    w.eval_source = code.map(str::to_string);
    w.argv = argv.to_vec();
    let r = w.run_main(path);
    let mut out =
        NodeRun { stdout: std::mem::take(&mut w.stdout), stderr: std::mem::take(&mut w.stderr), status: 0, listening: w.listening };
    if let Err(msg) = r {
        if let Some(code) = msg.strip_prefix("EXIT:") {
            out.status = code.trim().parse().unwrap_or(0);
        } else {
            out.stderr.push_str(&msg);
            out.stderr.push('\n');
            out.status = 1;
            out.listening = None;
        }
    }
    out
}

/// Answers `GET target` from the Node server at `path`: the program runs
/// again (it is deterministic) and the matching handler is called.
pub fn node_request(
    fs: &Fs,
    path: &str,
    env: &BTreeMap<String, String>,
    cwd: &str,
    hostname: &str,
    method: &str,
    target: &str,
) -> Result<js_lib::Response, String> {
    let mut w = js::World::new(fs, env.clone(), cwd, hostname);
    w.run_main(path)?;
    js_lib::handle(&mut w, method, target)
}
