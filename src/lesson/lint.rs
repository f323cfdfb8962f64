//! `dockersim lesson lint`: what makes a lesson file trustworthy before a
//! class uses it — it parses (errors with line and column), every text has
//! both languages, each goal's text names what its check looks at, the
//! reference solution meets every goal within par, each wrong solution
//! leaves the goals it names unmet, and an empty attempt meets nothing.

use super::{report, Check, Lesson, Text, Workspace};
use serde::Deserialize;

/// One problem, at a line and column of the file (0 when it has no place).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// A wrong solution and the goals (English text or id) it must leave unmet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(default)]
pub struct WrongSolution {
    pub files: std::collections::BTreeMap<String, String>,
    pub commands: Vec<String>,
    pub unmet: Vec<String>,
}

/// Every problem of the lesson file `text`.
pub fn lint(text: &str) -> Vec<Issue> {
    let lesson: Lesson = match serde_json::from_str(text) {
        Ok(l) => l,
        Err(e) => return vec![Issue { line: e.line(), column: e.column(), message: e.to_string() }],
    };
    let mut issues = Vec::new();
    let mut at = |needle: &str, message: String| {
        let (line, column) = locate(text, needle);
        issues.push(Issue { line, column, message });
    };
    if let Err(e) = Lesson::from_json(text) {
        at(&lesson.id, e);
    }
    let mut texts: Vec<(&str, &Text)> = vec![("title", &lesson.title), ("story", &lesson.story)];
    texts.extend(lesson.hints.iter().map(|h| ("hint", h)));
    texts.extend(lesson.goals.iter().map(|g| ("goal", &g.text)));
    for (what, t) in texts {
        if t.en.trim().is_empty() || t.ko.trim().is_empty() {
            let missing = if t.en.trim().is_empty() { "en" } else { "ko" };
            at(if t.en.is_empty() { &t.ko } else { &t.en }, format!("{what} has no {missing} text"));
        }
    }
    for g in &lesson.goals {
        for subject in subjects(&g.check) {
            if !g.text.en.contains(&subject) {
                at(&g.text.en, format!("goal {:?} does not name {subject:?}, which its check looks at", g.text.en));
            }
        }
    }
    let solution = report::grade(&lesson, &lesson.solution.files, &lesson.solution.commands);
    for g in solution.goals.iter().filter(|g| !g.met) {
        at(&g.text.en, format!("the reference solution leaves goal {:?} unmet", g.text.en));
    }
    // Within par: its first `par` commands already meet every goal (a last
    // command that only looks — `docker diff`, `curl` — may follow).
    if lesson.solution.commands.len() > lesson.par {
        let within = report::grade(&lesson, &lesson.solution.files, &lesson.solution.commands[..lesson.par]);
        if !within.all_met() {
            at("\"par\"", format!("the reference solution needs more than par ({}) commands to meet every goal", lesson.par));
        }
    }
    let empty = report::grade(&lesson, &Default::default(), &[]);
    if empty.all_met() {
        at(&lesson.id, "an empty attempt meets every goal".into());
    }
    let mut wrong: Vec<WrongSolution> = lesson.wrong_solutions.clone();
    if let Some(w) = &lesson.wrong_solution {
        wrong.push(WrongSolution { files: w.files.clone(), commands: w.commands.clone(), unmet: lesson.wrong_solution_unmet.clone() });
    }
    for (i, w) in wrong.iter().enumerate() {
        let graded = report::grade(&lesson, &w.files, &w.commands);
        if graded.all_met() {
            at("wrong_solution", format!("wrong solution {} meets every goal", i + 1));
        }
        for name in &w.unmet {
            match graded.goals.iter().find(|g| g.text.en == *name || g.id == *name) {
                Some(g) if g.met => at(name, format!("wrong solution {} should leave {name:?} unmet, but meets it", i + 1)),
                Some(_) => {}
                None => at(name, format!("wrong solution {} names {name:?}, which is no goal", i + 1)),
            }
        }
    }
    issues
}

/// The names a check looks at, which its goal's text must mention.
fn subjects(check: &Check) -> Vec<String> {
    match check {
        Check::ImageExists { image }
        | Check::ContainersFromImage { image, .. }
        | Check::ImageFromCommit { image }
        | Check::ImageCmdExecForm { image }
        | Check::ImageSmallerThan { image, .. } => vec![bare(image)],
        Check::ContainerRunning { container } | Check::ContainerEnv { container, .. } => vec![container.clone()],
        Check::PortServes { port, .. } => vec![port.to_string()],
        _ => Vec::new(),
    }
}

/// `app:latest` is named `app` in prose.
fn bare(image: &str) -> String {
    image.strip_suffix(":latest").unwrap_or(image).to_string()
}

/// The 1-based line and column where `needle` first appears in `text`.
fn locate(text: &str, needle: &str) -> (usize, usize) {
    let quoted = serde_json::to_string(needle).unwrap_or_default();
    let found = text.find(quoted.trim_matches('"')).or_else(|| text.find(needle));
    match found {
        Some(at) if !needle.is_empty() => {
            let before = &text[..at];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            (line, column)
        }
        _ => (0, 0),
    }
}

/// A workspace from a wrong solution (for callers that run one).
impl From<&WrongSolution> for Workspace {
    fn from(w: &WrongSolution) -> Workspace {
        Workspace { files: w.files.clone(), commands: w.commands.clone() }
    }
}
