//! `dockersim shell`: a fresh simulated machine in the terminal. Imports
//! local folders into the host filesystem, runs commands exactly as the
//! page's terminal would, exports paths back, exits with the last status.

use crate::context;
use dockersim::container::Stream;
use dockersim::vfs::{self, Node};
use dockersim::Engine;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub const USAGE: &str =
    "  shell [--import LOCAL:SIMPATH]... [--export SIMPATH:LOCAL]... [--cwd SIMPATH] [--images FILE_OR_DIR]... [-c 'COMMANDS' | SCRIPT]
        Run terminal commands (docker …, ls, cat, curl …) on a fresh simulated machine;
        SIMPATHs are relative to /home/learner. --images declares images as if published
        (JSON in the catalog's format, docs/images.md; a directory: every *.json in it).";

/// `--images FILE_OR_DIR`: image declarations (docs/images.md).
fn declare_images(path: &Path) -> Result<(), String> {
    let files: Vec<std::path::PathBuf> = if path.is_dir() {
        let mut found: Vec<_> = std::fs::read_dir(path)
            .map_err(|e| format!("dockersim shell: {}: {e}", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        found.sort();
        found
    } else {
        vec![path.to_path_buf()]
    };
    for file in files {
        let text = std::fs::read_to_string(&file).map_err(|e| format!("dockersim shell: {}: {e}", file.display()))?;
        dockersim::image::catalog::data::declare_images(&text).map_err(|e| format!("dockersim shell: {}: {e}", file.display()))?;
    }
    Ok(())
}

pub fn run(args: &[String]) -> ExitCode {
    let mut imports = Vec::new();
    let mut exports = Vec::new();
    let mut cwd = None;
    let mut commands: Option<String> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| match it.next() {
            Some(v) => Ok(v.clone()),
            None => Err(format!("dockersim shell: {name} needs a value")),
        };
        let result = match a.as_str() {
            "--import" => value("--import").map(|v| imports.push(v)),
            "--export" => value("--export").map(|v| exports.push(v)),
            "--cwd" => value("--cwd").map(|v| cwd = Some(v)),
            "--images" => value("--images").and_then(|v| declare_images(Path::new(&v))),
            "-c" => value("-c").map(|v| commands = Some(v)),
            "-h" | "--help" => {
                println!("Usage: dockersim\n{USAGE}");
                return ExitCode::SUCCESS;
            }
            s if !s.starts_with('-') && commands.is_none() => match std::fs::read_to_string(s) {
                Ok(text) => {
                    commands = Some(text);
                    Ok(())
                }
                Err(e) => Err(format!("dockersim shell: {s}: {e}")),
            },
            s => Err(format!("dockersim shell: unknown option {s}")),
        };
        if let Err(e) = result {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    }
    let mut engine = Engine::default();
    for spec in &imports {
        let Some((local, sim)) = spec.split_once(':') else {
            eprintln!("dockersim shell: --import wants LOCAL:SIMPATH, got {spec}");
            return ExitCode::from(2);
        };
        if let Err(e) = import(&mut engine, Path::new(local), sim) {
            eprintln!("dockersim shell: cannot import {local}: {e}");
            return ExitCode::from(1);
        }
    }
    if let Some(dir) = &cwd {
        if let Err(e) = engine.set_host_cwd(dir) {
            eprintln!("dockersim shell: --cwd {dir}: {e}");
            return ExitCode::from(1);
        }
    }
    let mut status = 0;
    match commands {
        Some(text) => {
            for line in text.lines() {
                status = run_line(&mut engine, line);
            }
        }
        None => {
            let stdin = std::io::stdin();
            let tty = stdin.is_terminal();
            loop {
                if tty {
                    print!("{}", engine.prompt());
                    let _ = std::io::stdout().flush();
                }
                let mut line = String::new();
                match stdin.lock().read_line(&mut line) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => status = run_line(&mut engine, line.trim_end_matches(['\n', '\r'])),
                }
            }
        }
    }
    if let Some(output) = engine.end_of_script() {
        status = print_output(&output);
    }
    for spec in &exports {
        let Some((sim, local)) = spec.split_once(':') else {
            eprintln!("dockersim shell: --export wants SIMPATH:LOCAL, got {spec}");
            return ExitCode::from(2);
        };
        if let Err(e) = export(&engine, sim, Path::new(local)) {
            eprintln!("dockersim shell: cannot export {sim}: {e}");
            return ExitCode::from(1);
        }
    }
    ExitCode::from(status.clamp(0, 255) as u8)
}

fn run_line(engine: &mut Engine, line: &str) -> i32 {
    let output = engine.run_command(line);
    print_output(&output)
}

fn print_output(output: &dockersim::cli::CommandOutput) -> i32 {
    let (mut out, mut err) = (std::io::stdout(), std::io::stderr());
    for chunk in &output.chunks {
        let _ = match chunk.stream {
            Stream::Stdout => out.write_all(chunk.text.as_bytes()).and_then(|_| out.flush()),
            Stream::Stderr => err.write_all(chunk.text.as_bytes()).and_then(|_| err.flush()),
        };
    }
    output.exit_code
}

fn import(engine: &mut Engine, local: &Path, sim: &str) -> std::io::Result<()> {
    let abs = vfs::join(dockersim::engine::HOME, sim);
    if local.is_dir() {
        let now = engine.now();
        let fs = context::read_dir(local, now)?;
        // The learner's files belong to the learner, as on a real machine.
        let mut root = fs.root().clone();
        own(&mut root);
        root.meta_mut().mtime = now;
        let dir = vfs::Meta { uid: 1000, gid: 1000, ..vfs::Meta::new(0o755, now) };
        engine.host_fs_mut().mkdir_all(&abs, dir).map_err(std::io::Error::other)?;
        engine.host_fs_mut().insert(&abs, root).map_err(std::io::Error::other)?;
        Ok(())
    } else {
        let bytes = std::fs::read(local)?;
        engine.write_host_file(&abs, &bytes).map_err(std::io::Error::other)
    }
}

/// Gives a tree to the learner (uid and gid 1000).
fn own(node: &mut Node) {
    let meta = node.meta_mut();
    (meta.uid, meta.gid) = (1000, 1000);
    if let Node::Dir { entries, .. } = node {
        entries.values_mut().for_each(own);
    }
}

/// SIMPATHs are relative to the learner's home directory. Nothing is
/// written outside LOCAL: entry names that are not plain names (`..`, `/`,
/// empty) are refused, and so is an existing symlink on the way.
fn export(engine: &Engine, sim: &str, local: &Path) -> std::io::Result<()> {
    let abs = vfs::join(dockersim::engine::HOME, sim);
    let node = engine.host_fs().get(&abs).map_err(std::io::Error::other)?;
    if std::fs::symlink_metadata(local).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(std::io::Error::other(format!("{} is a symlink; refusing to write through it", local.display())));
    }
    write_node(node, &local.to_path_buf())
}

fn write_node(node: &Node, path: &PathBuf) -> std::io::Result<()> {
    match node {
        Node::File { content, .. } => std::fs::write(path, content.to_vec()),
        Node::Dir { entries, .. } => {
            std::fs::create_dir_all(path)?;
            for (name, child) in entries {
                if name.is_empty() || name == "." || name == ".." || name.contains(['/', '\0']) {
                    return Err(std::io::Error::other(format!(
                        "refusing to export the entry {name:?} of {}: not a plain file name",
                        path.display()
                    )));
                }
                let target = path.join(name);
                if std::fs::symlink_metadata(&target).is_ok_and(|m| m.file_type().is_symlink()) {
                    return Err(std::io::Error::other(format!("{} is a symlink; refusing to write through it", target.display())));
                }
                write_node(child, &target)?;
            }
            Ok(())
        }
        Node::Symlink { .. } => Ok(()),
    }
}
