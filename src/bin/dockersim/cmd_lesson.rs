//! `dockersim lesson check LESSON_FILE [--script SOLUTION] [--lang en|ko]`:
//! runs a learner's command script on a fresh machine with the lesson's
//! starting workspace and reports each goal. Exit 0 only if all are met.
//! Without `--script`, the lesson's own reference solution is run.

use dockersim::lesson::{run_solution, script_lines, Lesson, Workspace};
use std::process::ExitCode;

pub const USAGE: &str = "  lesson check LESSON_FILE [--script SOLUTION] [--lang en|ko]
        Run a command script against a lesson's goals (exit 0 when all are met).
";

pub fn run(args: &[String]) -> ExitCode {
    if args.first().map(String::as_str) != Some("check") {
        eprintln!("Usage: dockersim{USAGE}");
        return ExitCode::from(2);
    }
    let mut file = None;
    let mut script = None;
    let mut korean = false;
    let mut it = args[1..].iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--script" => script = it.next().cloned(),
            "--lang" => korean = it.next().is_some_and(|l| l == "ko"),
            s if !s.starts_with("--") => file = Some(s.to_string()),
            s => {
                eprintln!("dockersim lesson: unknown flag: {s}");
                return ExitCode::from(2);
            }
        }
    }
    let Some(file) = file else {
        eprintln!("Usage: dockersim{USAGE}");
        return ExitCode::from(2);
    };
    let lesson = match std::fs::read_to_string(&file).map_err(|e| e.to_string()).and_then(|t| Lesson::from_json(&t)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("dockersim lesson: {file}: {e}");
            return ExitCode::from(2);
        }
    };
    let solution = match &script {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => Workspace { files: Default::default(), commands: script_lines(&text) },
            Err(e) => {
                eprintln!("dockersim lesson: {path}: {e}");
                return ExitCode::from(2);
            }
        },
        None => lesson.solution.clone(),
    };
    let mut engine = lesson.start();
    let used = run_solution(&mut engine, &solution);
    let results = lesson.evaluate(&engine);
    let title = if korean { &lesson.title.ko } else { &lesson.title.en };
    println!("{} — {title}", lesson.id);
    let mut all = true;
    for r in &results {
        all &= r.met;
        let text = if korean { &r.text.ko } else { &r.text.en };
        println!("  [{}] {text}", if r.met { "met" } else { "UNMET" });
    }
    let met = results.iter().filter(|r| r.met).count();
    let par = if used <= lesson.par { format!("within par ({used}/{})", lesson.par) } else { format!("over par ({used}/{})", lesson.par) };
    println!("{met}/{} goals met, {par}", results.len());
    if all { ExitCode::SUCCESS } else { ExitCode::from(1) }
}
