//! `dockersim build PATH`: builds a directory like `docker build` does.

use crate::context;
use dockersim::build::{render_plain, BuildRequest};
use dockersim::Engine;
use std::process::ExitCode;

/// `dockersim build`.
pub fn run(args: &[String]) -> ExitCode {
    let mut tags = Vec::new();
    let mut dockerfile_path = None;
    let mut no_cache = false;
    let mut quiet = false;
    let mut dir = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "-t" | "--tag" => tags.extend(iter.next().cloned()),
            "-f" | "--file" => dockerfile_path = iter.next().cloned(),
            "--no-cache" => no_cache = true,
            "-q" | "--quiet" => quiet = true,
            "--progress=plain" => {}
            a if a.starts_with("--tag=") || a.starts_with("-t=") => tags.push(a.split_once('=').unwrap().1.to_string()),
            a if !a.starts_with('-') => dir = Some(a.to_string()),
            a => {
                eprintln!("unknown flag: {a}");
                return ExitCode::from(125);
            }
        }
    }
    let Some(dir) = dir else {
        eprintln!("ERROR: docker buildx build requires 1 argument\n{}", crate::USAGE);
        return ExitCode::from(1);
    };
    let dockerfile_path = dockerfile_path.unwrap_or_else(|| format!("{dir}/Dockerfile"));
    let dockerfile = match std::fs::read_to_string(&dockerfile_path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("ERROR: failed to build: resolve : lstat {dockerfile_path}: {e}");
            return ExitCode::from(1);
        }
    };
    let mut engine = Engine::default();
    let context = match context::read_dir(std::path::Path::new(&dir), engine.now()) {
        Ok(fs) => fs,
        Err(e) => {
            eprintln!("ERROR: failed to read build context {dir}: {e}");
            return ExitCode::from(1);
        }
    };
    let report = engine.build(&BuildRequest { dockerfile, context, tags, no_cache });
    if quiet {
        if let Some(id) = &report.image_id {
            println!("{id}");
        }
        if let Some(err) = &report.error {
            eprintln!("ERROR: failed to build: failed to solve: {}", err.message);
        }
    } else {
        eprint!("{}", render_plain(&report));
    }
    if report.ok { ExitCode::SUCCESS } else { ExitCode::from(1) }
}
