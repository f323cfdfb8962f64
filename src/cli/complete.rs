//! Tab completion for the terminal, as bash with Docker's completion
//! script offers it: command names on `PATH`, paths (directories end in
//! `/`), docker subcommands and their flags (read from the recorded
//! `--help` texts), image references and container names where a command
//! takes them. Inside a container's shell, that container's programs and
//! files.

use crate::vfs::{self, Fs, Node};
use crate::Engine;
use serde::Serialize;

/// What Tab offers: the byte offset where the word being completed starts,
/// and the candidates for it (sorted, without duplicates).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Completion {
    pub start: usize,
    pub candidates: Vec<String>,
}

/// Commands whose arguments are images / containers.
const TAKES_IMAGE: &[&str] = &["run", "create", "pull", "push", "rmi", "history", "tag", "save", "image"];
const TAKES_CONTAINER: &[&str] = &[
    "start",
    "stop",
    "restart",
    "rm",
    "logs",
    "exec",
    "attach",
    "kill",
    "port",
    "diff",
    "commit",
    "cp",
    "top",
    "rename",
    "wait",
    "pause",
    "unpause",
    "inspect",
    "container",
];

impl Engine {
    /// Candidates for the last word of `line`.
    pub fn complete(&self, line: &str) -> Completion {
        let start = line.rfind(|c: char| c.is_whitespace()).map_or(0, |i| i + 1);
        let word = &line[start..];
        let before: Vec<&str> = line[..start].split_whitespace().collect();
        let (fs, cwd, path_var) = match &self.session {
            Some(s) => match self.daemon.containers.get(&s.container_id) {
                Some(c) => {
                    let cwd = match &s.repl {
                        crate::container::process::Repl::Shell { cwd, .. } => cwd.clone(),
                        _ => "/".into(),
                    };
                    (&c.fs, cwd, c.config.env_map().get("PATH").cloned().unwrap_or_default())
                }
                None => return Completion { start, candidates: Vec::new() },
            },
            None => (&self.host.fs, self.host.cwd.clone(), self.host.env.get("PATH").cloned().unwrap_or_default()),
        };
        let mut out: Vec<String> = Vec::new();
        let in_docker = self.session.is_none() && before.first() == Some(&"docker");
        if before.is_empty() && !word.contains('/') {
            out.extend(programs(fs, &path_var).into_iter().filter(|p| p.starts_with(word)));
        } else if in_docker && before.len() == 1 && !word.starts_with('-') {
            out.extend(subcommands("").into_iter().filter(|c| c.starts_with(word)));
        } else if in_docker && word.starts_with('-') {
            let sub: Vec<&str> = before[1..].iter().copied().filter(|w| !w.starts_with('-')).take(2).collect();
            let key = match sub.as_slice() {
                [group @ ("container" | "image" | "network" | "volume" | "system" | "builder"), cmd, ..] => format!("{group} {cmd}"),
                [cmd, ..] => cmd.to_string(),
                [] => String::new(),
            };
            out.extend(flags(&key).into_iter().filter(|f| f.starts_with(word)));
        } else if in_docker && before.len() == 2 && matches!(before[1], "container" | "image" | "network" | "volume" | "system" | "builder")
        {
            out.extend(subcommands(before[1]).into_iter().filter(|c| c.starts_with(word)));
        } else {
            if in_docker {
                let cmd = before.get(1).copied().unwrap_or("");
                if TAKES_IMAGE.contains(&cmd) {
                    out.extend(self.daemon.images.tags().keys().filter(|t| t.starts_with(word)).cloned());
                }
                if TAKES_CONTAINER.contains(&cmd) {
                    out.extend(self.daemon.containers.iter().map(|c| c.name.clone()).filter(|n| n.starts_with(word)));
                }
            }
            out.extend(paths(fs, &cwd, word));
        }
        crate::sort::sort_by(&mut out, |a, b| a.cmp(b));
        out.dedup();
        Completion { start, candidates: out }
    }
}

/// Executables in the directories of `PATH`.
fn programs(fs: &Fs, path_var: &str) -> Vec<String> {
    let dirs = if path_var.is_empty() { "/usr/local/bin:/usr/bin:/bin" } else { path_var };
    let mut names = Vec::new();
    for dir in dirs.split(':') {
        if let Ok(Node::Dir { entries, .. }) = fs.get(dir) {
            names.extend(entries.keys().cloned());
        }
    }
    names
}

/// Entries of the directory `word` points into, as `word`'s completions.
fn paths(fs: &Fs, cwd: &str, word: &str) -> Vec<String> {
    let (dir_part, prefix) = match word.rfind('/') {
        Some(i) => (&word[..=i], &word[i + 1..]),
        None => ("", word),
    };
    let dir = if dir_part.is_empty() { cwd.to_string() } else { vfs::join(cwd, dir_part) };
    let Ok(Node::Dir { entries, .. }) = fs.get(&dir) else { return Vec::new() };
    entries
        .iter()
        .filter(|(name, _)| name.starts_with(prefix) && (prefix.starts_with('.') || !name.starts_with('.')))
        .map(|(name, node)| {
            let is_dir = node.is_dir() || matches!(node, Node::Symlink { .. }) && fs.get(&vfs::join(&dir, name)).is_ok_and(Node::is_dir);
            format!("{dir_part}{name}{}", if is_dir { "/" } else { "" })
        })
        .collect()
}

/// Subcommands listed in `docker [GROUP] --help`.
fn subcommands(group: &str) -> Vec<String> {
    let Some((_, text)) = super::help_texts::TEXTS.iter().find(|(c, _)| *c == group) else { return Vec::new() };
    let mut in_list = false;
    let mut out = Vec::new();
    for line in text.lines() {
        if line.ends_with("Commands:") {
            in_list = true;
            continue;
        }
        if line.is_empty() {
            in_list = false;
        }
        if in_list {
            if let Some(name) = line.strip_prefix("  ").and_then(|l| l.split_whitespace().next()) {
                out.push(name.trim_end_matches('*').to_string());
            }
        }
    }
    out
}

/// The flags `docker KEY --help` lists (`--name`, `-d`).
fn flags(key: &str) -> Vec<String> {
    if matches!(key, "build" | "image build" | "builder build" | "buildx build") {
        // BuildKit's help was not recorded (the client here has no buildx):
        // the flags `docker build` accepts.
        let mut out: Vec<String> = super::build::FLAGS.iter().map(|f| format!("--{}", f.long)).collect();
        out.extend(super::build::FLAGS.iter().filter_map(|f| f.short.map(|c| format!("-{c}"))));
        return out;
    }
    let Some((_, text)) = super::help_texts::TEXTS.iter().find(|(c, _)| *c == key) else { return Vec::new() };
    let mut out = Vec::new();
    for line in text.lines().map(str::trim_start).filter(|l| l.starts_with('-')) {
        for word in line.split_whitespace().take(2) {
            let flag = word.trim_end_matches(',');
            if flag.starts_with('-') {
                out.push(flag.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::Engine;

    fn complete(engine: &Engine, line: &str) -> Vec<String> {
        engine.complete(line).candidates
    }

    #[test]
    fn commands_subcommands_flags_names_and_paths() {
        let mut e = Engine::default();
        e.run_command("mkdir -p app/src && touch app/Dockerfile app/src/main.js");
        e.run_command("docker pull -q alpine:3.19");
        e.run_command("docker create --name web alpine:3.19");
        assert!(complete(&e, "doc").contains(&"docker".to_string()));
        assert_eq!(complete(&e, "docker bui"), ["build", "builder", "buildx"]);
        assert!(complete(&e, "docker run --rm --na").contains(&"--name".to_string()));
        assert_eq!(complete(&e, "docker build --no-c"), ["--no-cache"]);
        assert!(complete(&e, "docker container l").contains(&"ls".to_string()));
        assert_eq!(complete(&e, "docker run alp"), ["alpine:3.19"]);
        assert_eq!(complete(&e, "docker logs w"), ["web"]);
        assert_eq!(complete(&e, "cat ap"), ["app/"]);
        assert_eq!(complete(&e, "cat app/"), ["app/Dockerfile", "app/src/"]);
        assert_eq!(e.complete("ls app/s").start, 3);
    }
}
