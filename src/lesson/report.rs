//! A graded attempt and the formats course systems read: plain text, JSON
//! (each goal's id, text, met and evidence), JUnit XML (GitLab, Jenkins,
//! GitHub reporters), TAP, and Gradescope's `results.json`.

use super::{Lesson, Text};
use crate::Engine;
use serde::Serialize;
use serde_json::Value;

/// One goal as graded.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GoalReport {
    pub id: String,
    pub text: Text,
    pub met: bool,
    pub weight: f64,
    /// What the check saw on the machine.
    pub evidence: Value,
}

/// One attempt at a lesson: the goals, the commands it took and what the
/// terminal showed (the deterministic transcript is the evidence).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub lesson: String,
    pub title: Text,
    pub goals: Vec<GoalReport>,
    pub commands: usize,
    pub par: usize,
    pub score: f64,
    pub max_score: f64,
    pub transcript: String,
}

impl Report {
    pub fn all_met(&self) -> bool {
        self.goals.iter().all(|g| g.met)
    }
}

/// Runs `commands` (after `files` are placed) on a fresh machine with the
/// lesson's start, and grades the result.
pub fn grade(lesson: &Lesson, files: &std::collections::BTreeMap<String, String>, commands: &[String]) -> Report {
    let mut engine = lesson.start();
    super::apply_files(&mut engine, files);
    let mut transcript = String::new();
    for line in commands {
        transcript.push_str(&engine.prompt());
        transcript.push_str(line);
        transcript.push('\n');
        let out = engine.run_command(line);
        let text = out.text();
        transcript.push_str(&text);
        if !text.is_empty() && !text.ends_with('\n') {
            transcript.push('\n');
        }
    }
    if let Some(out) = engine.end_of_script() {
        transcript.push_str(&out.text());
    }
    report(lesson, &engine, commands.len(), transcript)
}

/// Grades the machine as it is.
pub fn report(lesson: &Lesson, engine: &Engine, commands: usize, transcript: String) -> Report {
    let goals: Vec<GoalReport> = lesson
        .goals
        .iter()
        .enumerate()
        .map(|(i, g)| GoalReport {
            id: g.id.clone().unwrap_or_else(|| format!("goal-{}", i + 1)),
            text: g.text.clone(),
            met: g.check.met(engine),
            weight: f64::from(g.weight.unwrap_or(1)),
            evidence: g.check.evidence(engine),
        })
        .collect();
    let max_score = goals.iter().fold(0.0, |t, g| t + g.weight);
    let score = goals.iter().filter(|g| g.met).fold(0.0, |t, g| t + g.weight);
    Report { lesson: lesson.id.clone(), title: lesson.title.clone(), goals, commands, par: lesson.par, score, max_score, transcript }
}

/// The output formats of `dockersim lesson check --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Junit,
    Tap,
    Gradescope,
}

impl Format {
    pub fn parse(name: &str) -> Option<Format> {
        Some(match name {
            "text" => Format::Text,
            "json" => Format::Json,
            "junit" => Format::Junit,
            "tap" => Format::Tap,
            "gradescope" => Format::Gradescope,
            _ => return None,
        })
    }
}

/// The report in `format` (`korean` picks the goals' Korean texts).
pub fn render(report: &Report, format: Format, korean: bool) -> String {
    let text = |t: &Text| if korean { t.ko.clone() } else { t.en.clone() };
    match format {
        Format::Text => {
            let mut s = format!("{} — {}\n", report.lesson, text(&report.title));
            for g in &report.goals {
                s.push_str(&format!("  [{}] {}\n", if g.met { "met" } else { "UNMET" }, text(&g.text)));
            }
            let met = report.goals.iter().filter(|g| g.met).count();
            let par = if report.commands <= report.par { "within par" } else { "over par" };
            s.push_str(&format!("{met}/{} goals met, {par} ({}/{})\n", report.goals.len(), report.commands, report.par));
            s
        }
        Format::Json => {
            let mut s = serde_json::to_string_pretty(report).unwrap_or_default();
            s.push('\n');
            s
        }
        Format::Tap => {
            let mut s = format!("TAP version 13\n1..{}\n", report.goals.len());
            for (i, g) in report.goals.iter().enumerate() {
                s.push_str(&format!("{} {} - {}: {}\n", if g.met { "ok" } else { "not ok" }, i + 1, g.id, text(&g.text)));
                if !g.met {
                    s.push_str(&format!("  ---\n  evidence: {}\n  ...\n", serde_json::to_string(&g.evidence).unwrap_or_default()));
                }
            }
            s
        }
        Format::Junit => {
            let failures = report.goals.iter().filter(|g| !g.met).count();
            let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            s.push_str(&format!(
                "<testsuites name=\"dockersim\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">\n  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">\n",
                report.goals.len(),
                xml(&report.lesson),
                report.goals.len()
            ));
            for g in &report.goals {
                s.push_str(&format!(
                    "    <testcase classname=\"{}\" name=\"{}: {}\"",
                    xml(&report.lesson),
                    xml(&g.id),
                    xml(&text(&g.text))
                ));
                if g.met {
                    s.push_str("/>\n");
                } else {
                    let evidence = serde_json::to_string(&g.evidence).unwrap_or_default();
                    s.push_str(&format!(
                        ">\n      <failure message=\"goal not met\" type=\"unmet\">{}</failure>\n    </testcase>\n",
                        xml(&evidence)
                    ));
                }
            }
            s.push_str(&format!("    <system-out>{}</system-out>\n  </testsuite>\n</testsuites>\n", xml(&report.transcript)));
            s
        }
        Format::Gradescope => {
            let tests: Vec<Value> = report
                .goals
                .iter()
                .map(|g| {
                    serde_json::json!({
                        "name": text(&g.text),
                        "number": g.id,
                        "score": if g.met { g.weight } else { 0.0 },
                        "max_score": g.weight,
                        "status": if g.met { "passed" } else { "failed" },
                        "output": serde_json::to_string(&g.evidence).unwrap_or_default(),
                    })
                })
                .collect();
            let v = serde_json::json!({
                "score": report.score,
                "max_score": report.max_score,
                "output": format!("{} commands (par {})", report.commands, report.par),
                "tests": tests,
            });
            let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
            s.push('\n');
            s
        }
    }
}

/// Text escaped for XML attributes and content (control characters other
/// than tab and newline are not allowed in XML 1.0 and are dropped).
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}
