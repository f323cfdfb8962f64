//! `dockersim lesson check|grade|lint`: grading for classes.
//!
//! - `check LESSON --script S [--format F]`: one attempt; exit 0 when every
//!   goal is met, 1 when some are unmet, 2 when the lesson or script cannot
//!   be run (with the reason on stderr).
//! - `grade LESSON --submissions DIR [--out DIR]`: every student's attempt
//!   (a script file, or a folder with files and a `script.sh`), on all
//!   cores; writes `results.csv` and `results.json` and prints a table.
//! - `lint FILE…`: what `dockersim::lesson::lint` finds, `FILE:LINE:COL: …`.

use dockersim::lesson::report::{self, Format, Report};
use dockersim::lesson::{lint, script_lines, Lesson};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub const USAGE: &str = "  lesson check LESSON_FILE [--script SOLUTION] [--lang en|ko] [--format text|json|junit|tap|gradescope]
        Run a command script against a lesson's goals (exit 0 all met, 1 some unmet, 2 cannot run).
  lesson grade LESSON_FILE --submissions DIR [--out DIR] [--lang en|ko]
        Grade every student's script in DIR (a file each, or a folder with files and script.sh);
        writes results.csv and results.json.
  lesson lint FILE...
        Check lesson files: schema, both languages, goals vs their checks, the reference and
        wrong solutions, an empty attempt.
";

pub fn run(args: &[String]) -> ExitCode {
    match args.first().map(String::as_str) {
        Some("check") => check(&args[1..]),
        Some("grade") => grade(&args[1..]),
        Some("lint") => lint_files(&args[1..]),
        _ => {
            eprintln!("Usage: dockersim{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Flags shared by the subcommands.
#[derive(Default)]
struct Opts {
    positional: Vec<String>,
    script: Option<String>,
    submissions: Option<String>,
    out: Option<String>,
    format: Option<String>,
    korean: bool,
}

fn opts(args: &[String]) -> Result<Opts, String> {
    let mut o = Opts::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| format!("flag needs an argument: {name}"));
        match a.as_str() {
            "--script" => o.script = Some(value(a)?),
            "--submissions" => o.submissions = Some(value(a)?),
            "--out" => o.out = Some(value(a)?),
            "--format" => o.format = Some(value(a)?),
            "--lang" => o.korean = value(a)? == "ko",
            s if !s.starts_with("--") => o.positional.push(s.to_string()),
            s => return Err(format!("unknown flag: {s}")),
        }
    }
    Ok(o)
}

fn load(file: &str) -> Result<Lesson, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
    Lesson::from_json(&text).map_err(|e| format!("{file}: {e}"))
}

fn check(args: &[String]) -> ExitCode {
    let o = match opts(args) {
        Ok(o) => o,
        Err(e) => return cannot(&e),
    };
    let Some(file) = o.positional.first() else {
        return cannot(&format!("lesson check: a lesson file is required\nUsage: dockersim{USAGE}"));
    };
    let format = match o.format.as_deref().map_or(Some(Format::Text), Format::parse) {
        Some(f) => f,
        None => return cannot(&format!("unknown format {:?} (text, json, junit, tap, gradescope)", o.format.unwrap_or_default())),
    };
    let lesson = match load(file) {
        Ok(l) => l,
        Err(e) => return cannot(&e),
    };
    let (files, commands) = match &o.script {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => (BTreeMap::new(), script_lines(&text)),
            Err(e) => return cannot(&format!("{path}: {e}")),
        },
        None => (lesson.solution.files.clone(), lesson.solution.commands.clone()),
    };
    let graded = report::grade(&lesson, &files, &commands);
    print!("{}", report::render(&graded, format, o.korean));
    if graded.all_met() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn cannot(reason: &str) -> ExitCode {
    eprintln!("dockersim lesson: {reason}");
    ExitCode::from(2)
}

/// One student's attempt: files for the project folder and the commands.
struct Attempt {
    student: String,
    files: BTreeMap<String, String>,
    commands: Result<Vec<String>, String>,
}

fn attempts(dir: &Path) -> Result<Vec<Attempt>, String> {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    let mut out = Vec::new();
    for path in entries {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            let mut files = BTreeMap::new();
            collect_files(&path, &path, &mut files);
            let script = ["script.sh", "commands.sh", "solution.sh"].iter().find_map(|s| files.remove(*s));
            let commands = script.map(|s| script_lines(&s)).ok_or_else(|| "no script.sh in the folder".to_string());
            out.push(Attempt { student: name, files, commands });
        } else {
            let student = name.strip_suffix(".sh").unwrap_or(&name).to_string();
            let commands = std::fs::read(&path)
                .map_err(|e| e.to_string())
                .and_then(|b| String::from_utf8(b).map_err(|_| "the script is not UTF-8 text".to_string()))
                .map(|t| script_lines(&t));
            out.push(Attempt { student, files: BTreeMap::new(), commands });
        }
    }
    Ok(out)
}

fn collect_files(root: &Path, dir: &Path, files: &mut BTreeMap<String, String>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.filter_map(Result::ok) {
        let p = e.path();
        if p.is_dir() {
            collect_files(root, &p, files);
        } else if let (Ok(rel), Ok(text)) = (p.strip_prefix(root), std::fs::read_to_string(&p)) {
            files.insert(rel.to_string_lossy().replace('\\', "/"), text);
        }
    }
}

fn grade(args: &[String]) -> ExitCode {
    let o = match opts(args) {
        Ok(o) => o,
        Err(e) => return cannot(&e),
    };
    let (Some(file), Some(dir)) = (o.positional.first(), o.submissions.as_deref()) else {
        return cannot(&format!("lesson grade: LESSON_FILE and --submissions DIR are required\nUsage: dockersim{USAGE}"));
    };
    let lesson = match load(file) {
        Ok(l) => l,
        Err(e) => return cannot(&e),
    };
    let attempts = match attempts(Path::new(dir)) {
        Ok(a) => a,
        Err(e) => return cannot(&e),
    };
    let started = std::time::Instant::now();
    let results = grade_all(&lesson, &attempts);
    let secs = started.elapsed().as_secs_f64();
    let out_dir = PathBuf::from(o.out.as_deref().unwrap_or(dir));
    let csv = results_csv(&lesson, &results);
    let json = results_json(&results);
    for (name, text) in [("results.csv", csv), ("results.json", json)] {
        if let Err(e) = std::fs::write(out_dir.join(name), text) {
            return cannot(&format!("{}: {e}", out_dir.join(name).display()));
        }
    }
    println!("{:<24} {:>7} {:>9} {:>8}  status", "STUDENT", "GOALS", "SCORE", "COMMANDS");
    for (student, r) in &results {
        match r {
            Ok(r) => {
                let met = r.goals.iter().filter(|g| g.met).count();
                println!(
                    "{student:<24} {:>7} {:>9} {:>8}  {}",
                    format!("{met}/{}", r.goals.len()),
                    format!("{}/{}", r.score, r.max_score),
                    format!("{}/{}", r.commands, r.par),
                    if r.all_met() { "passed" } else { "unmet goals" }
                );
            }
            Err(e) => println!("{student:<24} {:>7} {:>9} {:>8}  error: {e}", "-", "-", "-"),
        }
    }
    println!(
        "graded {} submissions in {secs:.2} s ({:.1}/s); wrote results.csv and results.json to {}",
        results.len(),
        results.len() as f64 / secs.max(1e-9),
        out_dir.display()
    );
    ExitCode::SUCCESS
}

/// Grades every attempt on all cores (each on its own machine).
fn grade_all(lesson: &Lesson, attempts: &[Attempt]) -> Vec<(String, Result<Report, String>)> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(attempts.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<Option<Result<Report, String>>> = vec![None; attempts.len()];
    let slots = std::sync::Mutex::new(&mut results);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(a) = attempts.get(i) else { break };
                let r = a.commands.as_ref().map(|c| report::grade(lesson, &a.files, c)).map_err(Clone::clone);
                if let Ok(mut slots) = slots.lock() {
                    slots[i] = Some(r);
                }
            });
        }
    });
    attempts.iter().zip(results).map(|(a, r)| (a.student.clone(), r.unwrap_or_else(|| Err("not graded".into())))).collect()
}

fn results_csv(lesson: &Lesson, results: &[(String, Result<Report, String>)]) -> String {
    let ids: Vec<String> =
        lesson.goals.iter().enumerate().map(|(i, g)| g.id.clone().unwrap_or_else(|| format!("goal-{}", i + 1))).collect();
    let mut s = format!("student,score,max_score,goals_met,goals,commands,par,{},error\n", ids.join(","));
    for (student, r) in results {
        match r {
            Ok(r) => {
                let met: Vec<&str> = r.goals.iter().map(|g| if g.met { "1" } else { "0" }).collect();
                s.push_str(&format!(
                    "{},{},{},{},{},{},{},{},\n",
                    csv(student),
                    r.score,
                    r.max_score,
                    r.goals.iter().filter(|g| g.met).count(),
                    r.goals.len(),
                    r.commands,
                    r.par,
                    met.join(",")
                ));
            }
            Err(e) => s.push_str(&format!("{},0,,,,,,{},{}\n", csv(student), vec![""; ids.len()].join(","), csv(e))),
        }
    }
    s
}

fn csv(field: &str) -> String {
    if field.contains([',', '"', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

fn results_json(results: &[(String, Result<Report, String>)]) -> String {
    let rows: Vec<serde_json::Value> = results
        .iter()
        .map(|(student, r)| match r {
            Ok(r) => serde_json::json!({ "student": student, "report": r }),
            Err(e) => serde_json::json!({ "student": student, "error": e }),
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&rows).unwrap_or_default();
    s.push('\n');
    s
}

fn lint_files(args: &[String]) -> ExitCode {
    if args.is_empty() {
        return cannot(&format!("lesson lint: at least one file is required\nUsage: dockersim{USAGE}"));
    }
    let mut problems = 0;
    for file in args {
        match std::fs::read_to_string(file) {
            Ok(text) => {
                for issue in lint::lint(&text) {
                    println!("{file}:{}:{}: {}", issue.line, issue.column, issue.message);
                    problems += 1;
                }
            }
            Err(e) => return cannot(&format!("{file}: {e}")),
        }
    }
    if problems == 0 {
        println!("{} lesson file(s): no problems", args.len());
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
