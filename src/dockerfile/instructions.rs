//! BuildKit's instruction parser (a first cut): nodes → typed stages.

use super::{Diagnostic, Dockerfile, Node};

/// Shell form or exec (JSON) form of RUN/CMD/ENTRYPOINT.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Shell(String),
    Exec(Vec<String>),
}

/// A typed instruction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Instruction {
    Run(Command),
    Copy { sources: Vec<String>, dest: String, from: Option<String> },
    Workdir(String),
    Env(Vec<(String, String)>),
    Cmd(Command),
    Entrypoint(Command),
    Expose(Vec<String>),
    Label(Vec<(String, String)>),
    User(String),
}

/// An instruction with the node it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    pub instruction: Instruction,
    pub node: Node,
}

/// One `FROM` and what follows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stage {
    pub name: Option<String>,
    pub base: String,
    pub from: Node,
    pub commands: Vec<Located>,
}

/// Parses every node into stages, with BuildKit's errors.
pub fn parse(dockerfile: &Dockerfile) -> Result<Vec<Stage>, Diagnostic> {
    let mut stages: Vec<Stage> = Vec::new();
    for node in &dockerfile.nodes {
        let err = |msg: String| {
            Diagnostic::error(
                format!("dockerfile parse error on line {}: {msg}", node.start_line),
                node.start_line,
                node.end_line,
                node.span,
            )
        };
        let lower = node.cmd.to_ascii_lowercase();
        if lower == "from" {
            let (base, name) = match node.value.as_slice() {
                [image] => (image.clone(), None),
                [image, as_kw, name] if as_kw.eq_ignore_ascii_case("as") => (image.clone(), Some(name.to_ascii_lowercase())),
                _ => return Err(err("FROM requires either one or three arguments".into())),
            };
            stages.push(Stage { name, base, from: node.clone(), commands: Vec::new() });
            continue;
        }
        let instruction = match lower.as_str() {
            "run" => Instruction::Run(command(node)),
            "cmd" => Instruction::Cmd(command(node)),
            "entrypoint" => Instruction::Entrypoint(command(node)),
            "copy" => {
                if node.value.len() < 2 {
                    return Err(err(
                        "COPY requires at least two arguments, but only one was provided. Destination could not be determined".into(),
                    ));
                }
                let from = node.flags.iter().find_map(|f| f.strip_prefix("--from=").map(str::to_string));
                let (dest, sources) = node.value.split_last().expect("two or more");
                Instruction::Copy { sources: sources.to_vec(), dest: dest.clone(), from }
            }
            "workdir" => Instruction::Workdir(one_arg(node).ok_or_else(|| err("WORKDIR requires exactly one argument".into()))?),
            "user" => Instruction::User(one_arg(node).ok_or_else(|| err("USER requires exactly one argument".into()))?),
            "env" | "label" => {
                let pairs = key_values(&node.value).ok_or_else(|| err(format!("{} must have two arguments", node.cmd.to_ascii_uppercase())))?;
                if lower == "env" { Instruction::Env(pairs) } else { Instruction::Label(pairs) }
            }
            "expose" => Instruction::Expose(node.value.clone()),
            _ => return Err(err(format!("unknown instruction: {}", node.cmd))),
        };
        match stages.last_mut() {
            Some(stage) => stage.commands.push(Located { instruction, node: node.clone() }),
            None => {
                return Err(Diagnostic::error("no build stage in current context", node.start_line, node.end_line, node.span))
            }
        }
    }
    Ok(stages)
}

fn command(node: &Node) -> Command {
    if node.json {
        Command::Exec(node.value.clone())
    } else {
        Command::Shell(node.value.first().cloned().unwrap_or_default())
    }
}

fn one_arg(node: &Node) -> Option<String> {
    node.value.first().filter(|v| !v.is_empty()).cloned()
}

fn key_values(words: &[String]) -> Option<Vec<(String, String)>> {
    if words.is_empty() {
        return None;
    }
    if !words[0].contains('=') {
        if words.len() < 2 {
            return None;
        }
        return Some(vec![(words[0].clone(), words[1..].join(" "))]);
    }
    Some(
        words
            .iter()
            .map(|w| {
                let (k, v) = w.split_once('=').unwrap_or((w, ""));
                (k.to_string(), v.trim_matches('"').to_string())
            })
            .collect(),
    )
}
