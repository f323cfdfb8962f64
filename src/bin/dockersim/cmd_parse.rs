//! `dockersim parse FILE [--json]` and `dockersim check FILE`.

use dockersim::dockerfile::{self, dump::dump, Severity};
use std::process::ExitCode;

fn read(args: &[String]) -> Result<(String, String), ExitCode> {
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("dockersim: a Dockerfile path is required");
        return Err(ExitCode::from(2));
    };
    match std::fs::read(path) {
        Ok(bytes) => Ok((path.clone(), String::from_utf8_lossy(&bytes).into_owned())),
        Err(e) => {
            eprintln!("dockersim: {path}: {e}");
            Err(ExitCode::from(2))
        }
    }
}

/// `dockersim parse`: the line parser's output, or its error with exit 1.
pub fn parse(args: &[String]) -> ExitCode {
    let (_, text) = match read(args) {
        Ok(v) => v,
        Err(code) => return code,
    };
    match dockerfile::parse(&text) {
        Ok(df) => {
            if args.iter().any(|a| a == "--json") {
                let nodes: Vec<serde_json::Value> = df.nodes.iter().map(dockerfile::node_json).collect();
                println!("{}", serde_json::to_string_pretty(&nodes).unwrap_or_default());
            } else {
                for node in &df.nodes {
                    println!("{}", dump(node));
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            println!("{}", e.message);
            ExitCode::from(1)
        }
    }
}

/// `dockersim check`: BuildKit's instruction errors and lint warnings.
pub fn check(args: &[String]) -> ExitCode {
    let (path, text) = match read(args) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let name = std::path::Path::new(&path).file_name().map_or("Dockerfile".into(), |n| n.to_string_lossy().into_owned());
    let mut findings = dockersim::build::check(&text);
    let error = findings.iter().position(|f| f.diagnostic.severity == Severity::Error).map(|i| findings.remove(i).diagnostic);
    let n = findings.len();
    if n == 0 && error.is_none() {
        println!("Check complete, no warnings found.");
    } else if n > 0 {
        println!("Check complete, {n} warning{} been found!", if n == 1 { " has" } else { "s have" });
    }
    for w in &findings {
        println!("\nWARNING: {} - {}\n{}", w.rule.unwrap_or(""), w.url.as_deref().unwrap_or(""), w.diagnostic.message);
        print!("{}", dockersim::build::excerpt(&name, &text, w.diagnostic.start_line, w.diagnostic.end_line));
    }
    match error {
        Some(e) => {
            if n > 0 {
                println!();
            }
            print_error(&name, &text, &e);
            ExitCode::from(1)
        }
        None => ExitCode::SUCCESS,
    }
}

fn print_error(name: &str, text: &str, e: &dockerfile::Diagnostic) {
    if e.start_line > 0 {
        print!("{}", dockersim::build::excerpt(name, text, e.start_line, e.end_line));
    }
    println!("ERROR: {}", e.message);
}
