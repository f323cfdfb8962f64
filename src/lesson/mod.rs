//! Lessons as data: a story, a starting workspace, goals checked against the
//! engine's state (never against terminal text), a reference solution and a
//! par. The format is documented with a full example in docs/lessons.md.

mod evidence;
mod goal;
pub mod lint;
pub mod report;

pub use goal::{Check, Goal};

use crate::Engine;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Text in English and Korean.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub en: String,
    pub ko: String,
}

/// Files placed in the learner's project folder and commands run first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Workspace {
    /// Path (relative to the project folder) → content.
    pub files: BTreeMap<String, String>,
    /// Terminal lines, run in the project folder.
    pub commands: Vec<String>,
}

/// One lesson file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lesson {
    pub id: String,
    pub title: Text,
    pub story: Text,
    #[serde(default)]
    pub hints: Vec<Text>,
    #[serde(default)]
    pub setup: Workspace,
    pub goals: Vec<Goal>,
    /// The reference solution: file edits, then terminal lines.
    pub solution: Workspace,
    /// A plausible mistake that must leave a goal unmet (tested).
    #[serde(default)]
    pub wrong_solution: Option<Workspace>,
    /// The English text of each goal the wrong solution must leave unmet.
    #[serde(default)]
    pub wrong_solution_unmet: Vec<String>,
    /// More plausible mistakes, each with the goals it must leave unmet.
    #[serde(default)]
    pub wrong_solutions: Vec<lint::WrongSolution>,
    /// Commands a good solution needs.
    pub par: usize,
}

/// The learner's project folder in the simulated host.
pub const PROJECT_DIR: &str = "/home/learner/app";

/// One goal's outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GoalResult {
    pub text: Text,
    pub met: bool,
}

impl Lesson {
    pub fn from_json(text: &str) -> Result<Lesson, String> {
        let lesson: Lesson = serde_json::from_str(text).map_err(|e| format!("not a lesson file: {e}"))?;
        if lesson.goals.is_empty() {
            return Err(format!("lesson {}: has no goals", lesson.id));
        }
        let workspaces = [Some(&lesson.setup), Some(&lesson.solution), lesson.wrong_solution.as_ref()];
        for name in workspaces.into_iter().flatten().flat_map(|w| w.files.keys()) {
            project_path(name).map_err(|e| format!("lesson {}: {e}", lesson.id))?;
        }
        Ok(lesson)
    }

    /// A fresh engine with the lesson's starting workspace in place.
    pub fn start(&self) -> Engine {
        let mut engine = Engine::default();
        engine.run_command(&format!("mkdir -p {PROJECT_DIR}"));
        apply_files(&mut engine, &self.setup.files);
        engine.run_command(&format!("cd {PROJECT_DIR}"));
        for line in &self.setup.commands {
            engine.run_command(line);
        }
        engine
    }

    /// Evaluates every goal against the engine's state.
    pub fn evaluate(&self, engine: &Engine) -> Vec<GoalResult> {
        self.goals.iter().map(|g| GoalResult { text: g.text.clone(), met: g.check.met(engine) }).collect()
    }
}

/// Writes workspace files into the project folder.
/// Names that are not a relative path inside the folder are skipped
/// (`Lesson::from_json` refuses them).
pub fn apply_files(engine: &mut Engine, files: &BTreeMap<String, String>) {
    for (path, text) in files {
        if let Ok(abs) = project_path(path) {
            let _ = engine.write_host_file(&abs, text.as_bytes());
        }
    }
}

/// Where a workspace file named `name` goes: a relative path of plain names
/// inside the project folder (no empty name, `.`, `..` or leading `/`).
pub fn project_path(name: &str) -> Result<String, String> {
    let plain = !name.is_empty()
        && !name.starts_with('/')
        && name.split('/').all(|c| !c.is_empty() && c != "." && c != "..")
        && !name.contains('\0');
    if !plain {
        return Err(format!("file name {name:?} is not a relative path inside the project folder"));
    }
    Ok(format!("{PROJECT_DIR}/{name}"))
}

/// Runs a solution (its file edits, then its commands) and returns the
/// number of commands it took.
pub fn run_solution(engine: &mut Engine, solution: &Workspace) -> usize {
    apply_files(engine, &solution.files);
    for line in &solution.commands {
        engine.run_command(line);
    }
    solution.commands.len()
}

/// The command lines of a script file (blank lines and `#` comments skipped).
pub fn script_lines(script: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut pending = String::new();
    for line in script.lines() {
        // A here-document continues until its delimiter line.
        if !pending.is_empty() {
            pending.push('\n');
            pending.push_str(line);
            let delim = pending
                .split("<<")
                .nth(1)
                .map(|d| d.trim().trim_matches(['\'', '"', '-']).split_whitespace().next().unwrap_or("").to_string())
                .unwrap_or_default();
            if line.trim() == delim {
                lines.push(std::mem::take(&mut pending));
            }
            continue;
        }
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if trimmed.contains("<<") && !trimmed.contains("<<<") {
            pending = line.to_string();
        } else {
            lines.push(line.to_string());
        }
    }
    if !pending.is_empty() {
        lines.push(pending);
    }
    lines
}
