//! `dockersim build PATH`: builds a directory like `docker build` does.

use crate::context;
use dockersim::build::{render_plain, render_quiet, render_tty, BuildRequest};
use dockersim::Engine;
use std::io::IsTerminal;
use std::process::ExitCode;

/// `dockersim build`.
pub fn run(args: &[String]) -> ExitCode {
    let mut req = BuildRequest::default();
    let mut dockerfile_path = None;
    let mut quiet = false;
    let mut progress = "auto".to_string();
    let mut dir = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") || f == "-t" || f == "-f" => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| inline.clone().or_else(|| iter.next().cloned()).ok_or_else(|| name.to_string());
        let result = match flag {
            "-t" | "--tag" => value("--tag").map(|v| req.tags.push(v)),
            "-f" | "--file" => value("--file").map(|v| dockerfile_path = Some(v)),
            "--build-arg" => value("--build-arg").map(|v| {
                let (k, val) = v.split_once('=').map_or((v.clone(), std::env::var(&v).unwrap_or_default()), |(k, v)| (k.into(), v.into()));
                req.build_args.insert(k, val);
            }),
            "--target" => value("--target").map(|v| req.target = Some(v)),
            "--progress" => value("--progress").map(|v| progress = v),
            "--platform" => value("--platform").map(|_| ()),
            "--no-cache" => {
                req.no_cache = true;
                Ok(())
            }
            "-q" | "--quiet" => {
                quiet = true;
                Ok(())
            }
            a if !a.starts_with('-') && dir.is_none() => {
                dir = Some(a.to_string());
                Ok(())
            }
            a => {
                eprintln!("unknown flag: {a}");
                return ExitCode::from(125);
            }
        };
        if let Err(name) = result {
            eprintln!("flag needs an argument: {name}");
            return ExitCode::from(125);
        }
    }
    let Some(dir) = dir else {
        eprintln!("ERROR: docker buildx build requires 1 argument\n{}", crate::USAGE);
        return ExitCode::from(1);
    };
    let dockerfile_path = dockerfile_path.unwrap_or_else(|| format!("{dir}/Dockerfile"));
    req.dockerfile = match std::fs::read_to_string(&dockerfile_path) {
        Ok(text) => text,
        Err(_) => {
            eprintln!("ERROR: failed to build: resolve : lstat {dockerfile_path}: no such file or directory");
            return ExitCode::from(1);
        }
    };
    req.dockerfile_name = std::path::Path::new(&dockerfile_path).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut engine = Engine::default();
    req.context = match context::read_dir(std::path::Path::new(&dir), engine.now()) {
        Ok(fs) => fs,
        Err(e) => {
            eprintln!("ERROR: failed to read build context {dir}: {e}");
            return ExitCode::from(1);
        }
    };
    // The build is the first terminal line of a fresh machine: the clock
    // moves one second first, as `Engine::run_command` does, so this gives the
    // image ID `dockersim shell --import DIR:ctx -c 'docker build ctx'` gives.
    engine.set_now(engine.now() + 1);
    let report = engine.build(&req);
    if quiet {
        print!("{}", render_quiet(&report));
        if !report.ok {
            eprint!("{}", dockersim::build::render_error(&report));
        }
    } else if progress == "plain" || (progress == "auto" && !std::io::stderr().is_terminal()) {
        eprint!("{}", render_plain(&report));
    } else {
        eprint!("{}", render_tty(&report));
    }
    if report.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
