//! `docker init` at the terminal: the wizard (`crate::init`) asks through
//! `engine::Question::Init`; its files land in the working directory.

use super::Out;
use crate::engine::{Engine, Question};
use crate::init::{Project, Step, Wizard};
use crate::vfs::{Content, Meta, Node};

/// How deep and how many files the wizard looks for project files (.csproj).
const WALK_DEPTH: usize = 6;
const WALK_FILES: usize = 5000;

/// The project's file paths under `dir`, relative, in name order (`.git` and
/// `node_modules` skipped).
fn walk(node: &Node, prefix: &str, depth: usize, out: &mut Vec<String>) {
    let Node::Dir { entries, .. } = node else { return };
    for (name, child) in entries {
        if out.len() >= WALK_FILES {
            return;
        }
        let path = if prefix.is_empty() { name.clone() } else { format!("{prefix}/{name}") };
        if child.is_dir() {
            if depth > 0 && name != ".git" && name != "node_modules" {
                walk(child, &path, depth - 1, out);
            }
        } else {
            out.push(path);
        }
    }
}

fn with_project<T>(engine: &Engine, f: impl FnOnce(&Project<'_>) -> T) -> T {
    let cwd = engine.host.cwd.clone();
    let (names, paths): (Vec<String>, Vec<String>) = match engine.host.fs.get(&cwd) {
        Ok(dir @ Node::Dir { entries, .. }) => {
            let mut paths = Vec::new();
            walk(dir, "", WALK_DEPTH, &mut paths);
            (entries.keys().cloned().collect(), paths)
        }
        _ => (Vec::new(), Vec::new()),
    };
    let fs = &engine.host.fs;
    let read = |name: &str| fs.read(&crate::vfs::join(&cwd, name)).ok().map(|b| String::from_utf8_lossy(&b).into_owned());
    f(&Project { names: &names, paths: &paths, read: &read })
}

/// `docker init`.
pub fn run(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    if let Some(a) = args.first() {
        out.eline(format!("dockersim: docker init {a} is not simulated (only the interactive wizard is)"));
        return 1;
    }
    if !engine.host.stdin.is_empty() || !engine.host.stderr_tty {
        // The wizard draws menus on a terminal; piped answers are not read.
        out.eline("dockersim: docker init without a terminal (piped input or redirected output) is not simulated");
        return 1;
    }
    match with_project(engine, Wizard::start) {
        Ok((wizard, text)) => {
            out.out(text);
            engine.question = Some(Question::Init(Box::new(wizard)));
            0
        }
        Err(step) => finish(engine, step, out),
    }
}

/// The line typed at one of the wizard's questions.
pub fn answer(engine: &mut Engine, mut wizard: Box<Wizard>, line: &str, out: &mut Out) -> i32 {
    let step = with_project(engine, |p| wizard.answer(p, line));
    match step {
        Step::Ask(text) => {
            out.out(text);
            engine.question = Some(Question::Init(wizard));
            0
        }
        Step::Retry(text) => {
            out.err(text);
            engine.question = Some(Question::Init(wizard));
            0
        }
        other => finish(engine, other, out),
    }
}

/// The prompt of the wizard's next question.
pub fn prompt(wizard: &Wizard) -> String {
    wizard.prompt()
}

fn finish(engine: &mut Engine, step: Step, out: &mut Out) -> i32 {
    match step {
        Step::Done { text, files } => {
            let now = engine.now();
            for (name, body) in files {
                let path = crate::vfs::join(&engine.host.cwd, &name);
                let mut meta = Meta::new(0o644, now);
                meta.uid = 1000;
                meta.gid = 1000;
                if let Err(e) = engine.host.fs.write(&path, Content::from_bytes(body.into_bytes()), meta) {
                    out.eline(format!("dockersim: docker init could not write {path}: {e:?}"));
                    return 1;
                }
            }
            out.out(text);
            0
        }
        Step::End { text, error, status } => {
            out.out(text);
            out.err(error);
            status
        }
        Step::Ask(text) | Step::Retry(text) => {
            out.out(text);
            0
        }
    }
}
