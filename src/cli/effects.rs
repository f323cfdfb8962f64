//! Typed effects: what a terminal line did that the page and the lessons
//! show, said as data (never guessed from the command's text).
//!
//! Builds and the screen are reported by the program that does them
//! (`docker build`, `clear`); containers, interactive sessions and the host's
//! files are compared before and after the line, so a `docker run` inside a
//! script or a loop is reported like one typed at the prompt.

use crate::vfs::Node;
use crate::Engine;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Effect {
    /// A `docker build` finished: `report` says whether `Engine::last_build`
    /// holds its report (a build that failed before building has none, and
    /// `error` says why).
    Build { ok: bool, report: bool, image: Option<String>, error: Option<String> },
    /// The terminal's screen was cleared (`clear`, Ctrl-L).
    Clear,
    /// An interactive session (`docker run -it`, `docker exec -it`) was
    /// `entered` or `left`.
    Session { action: &'static str },
    /// A container was `created`, `started`, `exited` or `removed`.
    Container { action: &'static str, id: String, name: String },
    /// Files on the host changed (the editor reloads them).
    FilesChanged,
    /// `nano FILE` (or vim, code…) at the prompt: the page's editor opens
    /// `path` (relative to the editor's folder).
    Edit { path: String },
}

/// What the comparison needs from before a line.
pub struct Before {
    containers: Vec<(String, String, bool)>,
    session: bool,
    host: Node,
}

pub fn before(engine: &Engine) -> Before {
    Before { containers: containers(engine), session: engine.session.is_some(), host: home(engine) }
}

/// The effects a line had on containers, sessions and host files.
pub fn after(engine: &Engine, before: Before, effects: &mut Vec<Effect>) {
    let now = containers(engine);
    for (id, name, running) in &before.containers {
        match now.iter().find(|(i, _, _)| i == id) {
            None => {
                if *running {
                    effects.push(Effect::Container { action: "exited", id: id.clone(), name: name.clone() });
                }
                effects.push(Effect::Container { action: "removed", id: id.clone(), name: name.clone() });
            }
            Some((_, _, r)) if *running && !r => effects.push(Effect::Container { action: "exited", id: id.clone(), name: name.clone() }),
            Some((_, _, r)) if !*running && *r => effects.push(Effect::Container { action: "started", id: id.clone(), name: name.clone() }),
            Some(_) => {}
        }
    }
    for (id, name, running) in &now {
        if !before.containers.iter().any(|(i, _, _)| i == id) {
            effects.push(Effect::Container { action: "created", id: id.clone(), name: name.clone() });
            if *running {
                effects.push(Effect::Container { action: "started", id: id.clone(), name: name.clone() });
            }
        }
    }
    match (before.session, engine.session.is_some()) {
        (false, true) => effects.push(Effect::Session { action: "entered" }),
        (true, false) => effects.push(Effect::Session { action: "left" }),
        _ => {}
    }
    if before.host != home(engine) {
        effects.push(Effect::FilesChanged);
    }
}

/// The learner's files: what the page's editor shows lives here.
fn home(engine: &Engine) -> Node {
    engine.host.fs.get(crate::engine::HOME).cloned().unwrap_or_else(|_| engine.host.fs.root().clone())
}

fn containers(engine: &Engine) -> Vec<(String, String, bool)> {
    engine.daemon.containers.iter().map(|c| (c.id.clone(), c.name.clone(), c.is_running())).collect()
}
