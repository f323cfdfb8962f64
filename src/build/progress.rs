//! Renders a build's event log as BuildKit prints it: `--progress=plain`
//! (`progressui/printer.go`), the final tty screen (`display.go`), the error
//! block with its Dockerfile excerpt (`solver/errdefs/source.go`) and `-q`.

use super::format::{secs, secs3};
use super::{BuildEvent, BuildReport};
use std::collections::BTreeMap;

/// The line buildx prints first.
pub const BUILDER_LINE: &str = "#0 building with \"default\" instance using docker driver";

/// The builder description on the right of the tty header.
const BUILDER_DESC: &str = "docker:default";

/// The `--progress=plain` transcript of a build (what `docker build` writes to stderr).
pub fn render_plain(report: &BuildReport) -> String {
    let mut out = format!("{BUILDER_LINE}\n");
    let mut starts: BTreeMap<usize, u64> = BTreeMap::new();
    for event in &report.events {
        match event {
            BuildEvent::StepStarted { vertex, label, at_ms, .. } => {
                starts.insert(*vertex, *at_ms);
                out.push_str(&format!("\n#{vertex} {label}\n"));
            }
            BuildEvent::StepStatus { vertex, status, .. } => {
                let mut line = format!("#{vertex} {}", status.id);
                if let Some(b) = &status.bytes {
                    line.push(' ');
                    line.push_str(b);
                }
                if status.duration_ms > 10 {
                    line.push_str(&format!(" {}s", secs(status.duration_ms)));
                }
                if status.done {
                    line.push_str(" done");
                }
                out.push_str(&line);
                out.push('\n');
            }
            BuildEvent::StepLog { vertex, line, at_ms } => {
                let offset = at_ms.saturating_sub(starts.get(vertex).copied().unwrap_or(0));
                // A long output's event holds a chunk of lines.
                for line in line.split('\n') {
                    out.push_str(&format!("#{vertex} {} {line}\n", secs3(offset)));
                }
            }
            BuildEvent::StepCached { vertex, .. } => out.push_str(&format!("#{vertex} CACHED\n")),
            BuildEvent::StepDone { vertex, duration_ms, .. } => out.push_str(&format!("#{vertex} DONE {}s\n", secs(*duration_ms))),
            BuildEvent::StepFailed { vertex, message, .. } => out.push_str(&format!("#{vertex} ERROR: {message}\n")),
            BuildEvent::MetadataApplied { .. } | BuildEvent::ImageWritten { .. } => {}
        }
    }
    out.push_str(&failed_vertex_logs(report));
    out.push_str(&super::lint::render(&report.lint));
    out.push_str(&solve_error(report));
    out
}

/// The tail printed after a failed build: the failed vertex's last logs, the
/// Dockerfile excerpt and the `ERROR: failed to build: …` line.
pub fn render_error(report: &BuildReport) -> String {
    format!("{}{}", failed_vertex_logs(report), solve_error(report))
}

/// The progress printer's block for the failed vertex (` > [2/2] RUN …:`).
fn failed_vertex_logs(report: &BuildReport) -> String {
    let mut out = String::new();
    if report.error.is_none() {
        return out;
    }
    if let Some(failed) = report.events.iter().find_map(|e| match e {
        BuildEvent::StepFailed { vertex, .. } => Some(*vertex),
        _ => None,
    }) {
        let (label, start) = report
            .events
            .iter()
            .find_map(|e| match e {
                BuildEvent::StepStarted { vertex, label, at_ms, .. } if *vertex == failed => Some((label.clone(), *at_ms)),
                _ => None,
            })
            .unwrap_or_default();
        let logs: Vec<String> = report
            .events
            .iter()
            .filter_map(|e| match e {
                BuildEvent::StepLog { vertex, line, at_ms } if *vertex == failed => {
                    Some(line.split('\n').map(|l| format!("{} {l}", secs3(at_ms.saturating_sub(start)))).collect::<Vec<_>>())
                }
                _ => None,
            })
            .flatten()
            .collect();
        out.push_str(&format!("------\n > {label}:\n"));
        for line in &logs[logs.len().saturating_sub(10)..] {
            out.push_str(line);
            out.push('\n');
        }
        out.push_str("------\n");
    }
    out
}

/// What the CLI prints for the error: the Dockerfile excerpt and `ERROR: …`.
fn solve_error(report: &BuildReport) -> String {
    let Some(err) = &report.error else { return String::new() };
    let mut out = excerpt(&report.dockerfile_name, &report.dockerfile, err.start_line, err.end_line);
    out.push_str(&format!("ERROR: failed to build: failed to solve: {}\n", err.message));
    out
}

/// BuildKit's source excerpt (`errdefs.Source.Print`).
pub fn excerpt(name: &str, text: &str, start: usize, end: usize) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    if start < 1 || start > lines.len() {
        return String::new();
    }
    let prepad_start = start;
    let (mut first, mut last) = (start, end.min(lines.len()).max(start));
    let pad = if last == first { 4 } else { 2 };
    let mut p = 0;
    while p < pad {
        if first > 1 {
            first -= 1;
            p += 1;
        }
        if last != lines.len() {
            last += 1;
            p += 1;
        }
        p += 1;
    }
    let mut out = format!("{name}:{prepad_start}\n--------------------\n");
    for i in first..=last {
        let pfx = if (start..=end).contains(&i) { ">>>" } else { "   " };
        out.push_str(&format!(" {i:>3} | {pfx} {}\n", lines[i - 1].trim_end_matches('\r')));
    }
    out.push_str("--------------------\n");
    out
}

/// `-q`: only the image ID (errors go to stderr as usual).
pub fn render_quiet(report: &BuildReport) -> String {
    report.image_id.as_ref().map(|id| format!("{id}\n")).unwrap_or_default()
}

/// The final screen of the default tty progress (80 columns).
pub fn render_tty(report: &BuildReport) -> String {
    render_tty_width(report, 80)
}

/// The final tty screen for a terminal `width` columns wide.
pub fn render_tty_width(report: &BuildReport, width: usize) -> String {
    struct Job {
        name: String,
        ms: u64,
        subs: Vec<(String, String, u64)>,
        completed: bool,
    }
    let mut jobs: BTreeMap<usize, Job> = BTreeMap::new();
    let mut starts: BTreeMap<usize, u64> = BTreeMap::new();
    for event in &report.events {
        match event {
            BuildEvent::StepStarted { vertex, label, at_ms, .. } => {
                starts.insert(*vertex, *at_ms);
                jobs.insert(*vertex, Job { name: label.clone(), ms: 0, subs: Vec::new(), completed: false });
            }
            BuildEvent::StepStatus { vertex, status, .. } => {
                if let Some(job) = jobs.get_mut(vertex) {
                    let name = format!("=> {}", status.id);
                    job.subs.retain(|(n, _, _)| *n != name);
                    job.subs.push((name, status.bytes.clone().unwrap_or_default(), status.duration_ms));
                }
            }
            BuildEvent::StepCached { vertex, .. } => {
                if let Some(job) = jobs.get_mut(vertex) {
                    job.name = format!("CACHED {}", job.name);
                    job.completed = true;
                }
            }
            BuildEvent::StepDone { vertex, duration_ms, .. } => {
                if let Some(job) = jobs.get_mut(vertex) {
                    job.ms = *duration_ms;
                    job.completed = true;
                }
            }
            BuildEvent::StepFailed { vertex, at_ms, .. } => {
                if let Some(job) = jobs.get_mut(vertex) {
                    job.name = format!("ERROR {}", job.name);
                    job.ms = at_ms.saturating_sub(starts.get(vertex).copied().unwrap_or(0));
                    job.completed = true;
                }
            }
            _ => {}
        }
    }
    let total = jobs.len() + report.steps_not_started;
    let done = jobs.values().filter(|j| j.completed).count();
    let status = if done > 0 && done == total { "FINISHED" } else { "" };
    let header = format!("[+] Building {}s ({done}/{total}) {status}", secs(report.duration_ms));
    let width = width.max(20);
    let mut out = align(&header, BUILDER_DESC, width - 1);
    out.truncate(width);
    out.push('\n');
    let line = |name: &str, status: &str, ms: u64| {
        let ms = if ms < 50 { 0 } else { ms };
        let timer = format!(" {:>3}s", secs(ms));
        let mut left = width.saturating_sub(4 + timer.len() + 2) as isize;
        let show_status = !status.is_empty() && left + status.len() as isize > 20;
        if show_status {
            left -= status.len() as isize + 1;
        }
        let name: String = name.chars().take(left.max(0) as usize).collect();
        let mut text = format!(" => {name}");
        if show_status {
            text.push(' ');
            text.push_str(status);
        }
        format!("{}\n", align(&text, &timer, width - 1))
    };
    for (vertex, job) in &jobs {
        out.push_str(&line(&job.name, "", job.ms));
        for (name, status, ms) in &job.subs {
            out.push_str(&line(name, status, *ms));
        }
        // Build-check warnings hang off the vertex that loaded the Dockerfile.
        if *vertex == 1 {
            for w in &report.lint {
                out.push_str(&line(&format!("WARN: {}: {} (line {})", w.rule, w.message, w.line), "", job.ms));
            }
        }
    }
    out.push_str(&failed_vertex_logs(report));
    out.push_str(&super::lint::render(&report.lint));
    out.push_str(&solve_error(report));
    out
}

/// Go's `fmt.Sprintf("%-*s %s", w-len(r)-1, l, r)`.
fn align(l: &str, r: &str, w: usize) -> String {
    let pad = w.saturating_sub(r.len() + 1);
    format!("{l:<pad$} {r}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_pads_like_buildkit() {
        let text = "a\nb\nc\nd\ne\nf\ng\n";
        assert_eq!(
            excerpt("Dockerfile", text, 4, 4),
            "Dockerfile:4\n--------------------\n   2 |     b\n   3 |     c\n   4 | >>> d\n   5 |     e\n   6 |     f\n--------------------\n"
        );
        assert_eq!(
            excerpt("Dockerfile", "FROM node # x\n", 1, 1),
            "Dockerfile:1\n--------------------\n   1 | >>> FROM node # x\n   2 |     \n--------------------\n"
        );
    }
}
