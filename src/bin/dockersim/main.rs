//! `dockersim`: the engine in a terminal. This binary is the I/O edge: it
//! reads files from disk and prints; the library does the rest.

//!
//! Each subcommand lives in its own `cmd_*.rs` module; `main` only dispatches.

mod cmd_build;
mod cmd_lesson;
mod cmd_parse;
mod cmd_shell;
mod context;

use std::process::ExitCode;

const USAGE: &str = "Usage: dockersim COMMAND [ARGS]

Commands:
  build [-t NAME[:TAG]] [-f DOCKERFILE] [--no-cache] [-q] [--progress=plain|tty]
        [--build-arg K=V] [--target STAGE] PATH
        Build an image from a directory, printing BuildKit's plain progress.
  parse FILE [--json]
        Print BuildKit's line-parser view of a Dockerfile (AST dump, or JSON).
  check FILE
        Validate instructions and print BuildKit's errors and lint warnings.
";

fn main() -> ExitCode {
    // Arguments that are not UTF-8 are read lossily (U+FFFD for bad bytes),
    // never a panic: the simulated shell works on text.
    let args: Vec<String> = std::env::args_os().skip(1).map(|a| a.to_string_lossy().into_owned()).collect();
    // `dockersim CMD --help` (and `dockersim lesson check --help`): usage, exit 0.
    if args.len() > 1 && args[1..].iter().take(2).any(|a| a == "--help" || a == "-h") && args[0] != "shell" {
        match args[0].as_str() {
            "lesson" => println!("{}", cmd_lesson::USAGE),
            "build" | "parse" | "check" => println!("{USAGE}"),
            _ => {}
        }
        if matches!(args[0].as_str(), "lesson" | "build" | "parse" | "check") {
            return ExitCode::SUCCESS;
        }
    }
    match args.first().map(String::as_str) {
        Some("build") => cmd_build::run(&args[1..]),
        Some("shell") => cmd_shell::run(&args[1..]),
        Some("parse") => cmd_parse::parse(&args[1..]),
        Some("lesson") => cmd_lesson::run(&args[1..]),
        Some("check") => cmd_parse::check(&args[1..]),
        Some("--help") | Some("-h") | None => {
            println!("{USAGE}{}\n{}", cmd_shell::USAGE, cmd_lesson::USAGE);
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("dockersim: unknown command: {other}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
