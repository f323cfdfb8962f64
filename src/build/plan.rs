//! The build plan: the Dockerfile's stages and steps lowered to what the
//! builder executes. This is the only place that knows the parser's types.

use super::event::Origin;
use crate::dockerfile::{self, Diagnostic, Node};

/// Shell form or exec (JSON) form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cmd {
    Shell(String),
    Exec(Vec<String>),
}

/// A heredoc attached to RUN/COPY/ADD.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heredoc {
    pub name: String,
    pub content: String,
    pub expand: bool,
}

/// COPY/ADD options.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CopySpec {
    pub add: bool,
    pub sources: Vec<String>,
    pub dest: String,
    pub from: Option<String>,
    pub chown: Option<String>,
    pub chmod: Option<String>,
    pub link: bool,
    pub parents: bool,
    pub excludes: Vec<String>,
    pub heredocs: Vec<Heredoc>,
    pub unpack: Option<bool>,
}

/// HEALTHCHECK.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Health {
    None,
    Check { test: Vec<String>, interval: u64, timeout: u64, start_period: u64, start_interval: u64, retries: u64 },
}

/// One lowered instruction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    Run { cmd: Cmd, mounts: Vec<String>, network: Option<String>, heredocs: Vec<Heredoc> },
    Copy(CopySpec),
    Workdir(String),
    Env(Vec<(String, String)>),
    Label(Vec<(String, String)>),
    Arg(Vec<(String, Option<String>)>),
    User(String),
    Cmd(Cmd),
    Entrypoint(Cmd),
    Expose(Vec<String>),
    Volume(Vec<String>),
    StopSignal(String),
    Healthcheck(Health),
    Shell(Vec<String>),
    Onbuild(String),
    Maintainer(String),
}

impl Op {
    /// Whether BuildKit makes a vertex (and a `[i/N]` step) for it.
    pub fn is_vertex(&self) -> bool {
        matches!(self, Op::Run { .. } | Op::Copy(_) | Op::Workdir(_))
    }
}

/// An op with where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub op: Op,
    pub origin: Origin,
    /// Upper-case keyword.
    pub keyword: String,
    /// The instruction text after the keyword, as written (continuations joined).
    pub rest: String,
    /// An ONBUILD trigger inherited from the parent stage.
    pub trigger: bool,
}

/// A `FROM` and its steps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanStage {
    /// `AS` name, lower-cased.
    pub name: Option<String>,
    /// The base as written (variables not yet expanded).
    pub base: String,
    pub platform: Option<String>,
    pub origin: Origin,
    pub steps: Vec<Step>,
}

/// The whole Dockerfile.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// ARGs before the first FROM.
    pub meta_args: Vec<(String, Option<String>)>,
    pub stages: Vec<PlanStage>,
    pub warnings: Vec<Diagnostic>,
}

fn origin(node: &Node) -> Origin {
    Origin { start_line: node.start_line, end_line: node.end_line, span: node.span }
}

/// Parses Dockerfile text into a plan, with BuildKit's errors.
pub fn plan(text: &str) -> Result<Plan, Diagnostic> {
    if text.is_empty() {
        return Err(Diagnostic::error("the Dockerfile cannot be empty", 0, 0, (0, 0)));
    }
    // One parser for everything, here-documents included (BuildKit's own
    // `heredocsFromLine`); spans and line ranges cover the bodies.
    let parsed = dockerfile::parse(text)?;
    plan_parsed(&parsed)
}

/// The plan of an already parsed Dockerfile (the editor's checks parse once).
pub fn plan_parsed(parsed: &dockerfile::Dockerfile<'_>) -> Result<Plan, Diagnostic> {
    let mut out = Plan { warnings: parsed.warnings.clone(), ..Default::default() };
    for node in &parsed.nodes {
        // Line-parser errors (ENV/LABEL forms) carry no "dockerfile parse error" prefix.
        let err = |msg: String| {
            let line_parser = ["ENV must", "LABEL must", "Syntax error"].iter().any(|p| msg.starts_with(p));
            let text = if line_parser { msg } else { format!("dockerfile parse error on line {}: {msg}", node.start_line) };
            Diagnostic::error(text, node.start_line, node.end_line, node.span)
        };
        let keyword = node.cmd.to_ascii_uppercase();
        super::bflag::check(&keyword, &node.flags).map_err(err)?;
        if keyword == "FROM" {
            let platform = flag(node, "platform");
            let (base, name) = match node.value.as_slice() {
                [image] => (image.to_string(), None),
                [image, as_kw, name] if as_kw.eq_ignore_ascii_case("as") => {
                    let lower = name.to_ascii_lowercase();
                    let valid = lower.starts_with(|c: char| c.is_ascii_lowercase())
                        && lower.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c));
                    if !valid {
                        return Err(err(format!(
                            "invalid name for build stage: {name:?}, name can't start with a number or contain symbols"
                        )));
                    }
                    (image.to_string(), Some(lower))
                }
                _ => return Err(err("FROM requires either one or three arguments".into())),
            };
            out.stages.push(PlanStage { name, base, platform, origin: origin(node), steps: Vec::new() });
            continue;
        }
        let mut op = lower(node).map_err(err)?;
        let docs: Vec<Heredoc> = node
            .heredocs
            .iter()
            .map(|d| Heredoc {
                name: d.name.clone(),
                // `<<-`: leading tabs go when the body is used.
                content: if d.chomp {
                    d.content.split_inclusive('\n').map(|l| l.trim_start_matches('\t')).collect()
                } else {
                    d.content.to_string()
                },
                expand: d.expand,
            })
            .collect();
        attach(&mut op, docs);
        // The step is named by its first line; bodies follow it in `original`.
        let first = if node.heredocs.is_empty() { &node.original[..] } else { node.original.split('\n').next().unwrap_or("") };
        let rest = first[node.cmd.len().min(first.len())..].trim_start().to_string();
        let step = Step { op, origin: origin(node), keyword, rest, trigger: false };
        match out.stages.last_mut() {
            Some(stage) => stage.steps.push(step),
            None => match step.op {
                Op::Arg(args) => out.meta_args.extend(args),
                _ => return Err(Diagnostic::error("no build stage in current context", node.start_line, node.end_line, node.span)),
            },
        }
    }
    if out.stages.is_empty() {
        return Err(Diagnostic::error("dockerfile contains no stages to build", 0, 0, (0, 0)));
    }
    Ok(out)
}

/// BuildKit's `suggest.WrapError` for instruction names: ` (did you mean run?)`
/// when an instruction is within Levenshtein distance 2, in the input's case.
fn suggest(cmd: &str) -> String {
    const NAMES: [&str; 18] = [
        "add",
        "arg",
        "cmd",
        "copy",
        "entrypoint",
        "env",
        "expose",
        "from",
        "healthcheck",
        "label",
        "maintainer",
        "onbuild",
        "run",
        "shell",
        "stopsignal",
        "user",
        "volume",
        "workdir",
    ];
    let lower = cmd.to_lowercase();
    let mut best: Option<&str> = None;
    let mut min = 3;
    for name in NAMES {
        let d = levenshtein(&lower, name);
        if d < min {
            best = Some(name);
            min = d;
        }
    }
    match best {
        Some(m) if cmd == cmd.to_uppercase() => format!(" (did you mean {}?)", m.to_uppercase()),
        Some(m) => format!(" (did you mean {m}?)"),
        None => String::new(),
    }
}

pub(crate) fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push((prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Gives RUN/COPY/ADD their heredocs; COPY sources name them `<<NAME`.
fn attach(op: &mut Op, docs: Vec<Heredoc>) {
    match op {
        Op::Run { heredocs, .. } => *heredocs = docs,
        Op::Copy(spec) => {
            for src in spec.sources.iter_mut() {
                if let Some(d) = docs.iter().find(|d| src.starts_with("<<") && src.trim_matches(['<', '-', '"', '\'']) == d.name) {
                    *src = format!("<<{}", d.name);
                }
            }
            spec.heredocs = docs;
        }
        _ => {}
    }
}

/// The ONBUILD triggers a stage declares, as steps that run in a child stage.
pub fn triggers(parent: &PlanStage) -> Vec<Step> {
    parent
        .steps
        .iter()
        .filter_map(|s| match &s.op {
            Op::Onbuild(text) => trigger_steps(std::slice::from_ref(text), &s.origin).into_iter().next(),
            _ => None,
        })
        .collect()
}

/// Trigger texts (`RUN echo hi`) parsed into steps located at `origin`.
pub fn trigger_steps(texts: &[String], origin: &Origin) -> Vec<Step> {
    texts
        .iter()
        .filter_map(|text| {
            let parsed = plan(&format!("FROM scratch\n{text}\n")).ok()?;
            let mut step = parsed.stages.into_iter().next()?.steps.into_iter().next()?;
            step.origin = origin.clone();
            step.trigger = true;
            Some(step)
        })
        .collect()
}

fn flag(node: &Node, name: &str) -> Option<String> {
    node.flags.iter().find_map(|f| f.strip_prefix(&format!("--{name}=")).map(str::to_string))
}

fn bool_flag(node: &Node, name: &str) -> bool {
    node.flags.iter().any(|f| f == &format!("--{name}") || f.eq_ignore_ascii_case(&format!("--{name}=true")))
}

fn command(node: &Node) -> Cmd {
    if node.json {
        Cmd::Exec(strings(&node.value))
    } else {
        Cmd::Shell(node.value.first().map(|v| v.to_string()).unwrap_or_default())
    }
}

fn one(node: &Node, kw: &str) -> Result<String, String> {
    node.value.first().filter(|v| !v.is_empty()).map(|v| v.to_string()).ok_or_else(|| format!("{kw} requires exactly one argument"))
}

fn lower(node: &Node) -> Result<Op, String> {
    let kw = node.cmd.to_ascii_uppercase();
    Ok(match kw.as_str() {
        "RUN" => Op::Run {
            cmd: command(node),
            mounts: node.flags.iter().filter_map(|f| f.strip_prefix("--mount=").map(str::to_string)).collect(),
            network: flag(node, "network"),
            heredocs: Vec::new(),
        },
        "CMD" => Op::Cmd(command(node)),
        "ENTRYPOINT" => Op::Entrypoint(command(node)),
        "COPY" | "ADD" => {
            if node.value.len() < 2 {
                return Err(format!(
                    "{kw} requires at least two arguments, but only one was provided. Destination could not be determined"
                ));
            }
            let (dest, sources) = node.value.split_last().expect("two or more");
            if kw == "COPY" && sources.iter().any(|s| s.starts_with("http://") || s.starts_with("https://")) {
                return Err("source can't be a URL for COPY".into());
            }
            if kw == "COPY" && flag(node, "checksum").is_some() {
                return Err("checksum can't be specified for COPY".into());
            }
            if kw == "ADD" && flag(node, "from").is_some() {
                return Err("unknown flag: --from".into());
            }
            Op::Copy(CopySpec {
                add: kw == "ADD",
                sources: strings(sources),
                dest: dest.to_string(),
                from: flag(node, "from"),
                chown: flag(node, "chown"),
                chmod: flag(node, "chmod"),
                link: bool_flag(node, "link"),
                parents: bool_flag(node, "parents"),
                excludes: node.flags.iter().filter_map(|f| f.strip_prefix("--exclude=").map(str::to_string)).collect(),
                heredocs: Vec::new(),
                unpack: flag(node, "unpack").map(|v| v.eq_ignore_ascii_case("true")),
            })
        }
        "WORKDIR" => Op::Workdir(one(node, &kw)?),
        "USER" => Op::User(one(node, &kw)?),
        "STOPSIGNAL" => Op::StopSignal(one(node, &kw)?),
        "MAINTAINER" => Op::Maintainer(one(node, &kw)?),
        "ENV" | "LABEL" => {
            let rest = node.original[node.cmd.len().min(node.original.len())..].trim();
            let pairs = key_values(&shell_words(rest)).ok_or_else(|| format!("{kw} must have two arguments"))??;
            if pairs.iter().any(|(k, _)| k.is_empty()) {
                return Err(format!("{kw} names can not be blank"));
            }
            if kw == "ENV" {
                Op::Env(pairs)
            } else {
                Op::Label(pairs)
            }
        }
        "ARG" => {
            if node.value.is_empty() {
                return Err("ARG requires at least one argument".into());
            }
            if node.value.iter().any(|w| w.starts_with('=')) {
                return Err("ARG names can not be blank".into());
            }
            Op::Arg(
                node.value
                    .iter()
                    .map(|w| match w.split_once('=') {
                        Some((k, v)) => (k.to_string(), Some(unquote(v))),
                        None => (w.to_string(), None),
                    })
                    .collect(),
            )
        }
        "EXPOSE" | "VOLUME" if node.value.is_empty() => return Err(format!("{kw} requires at least one argument")),
        "EXPOSE" => Op::Expose(strings(&node.value)),
        "VOLUME" => Op::Volume(strings(&node.value)),
        "SHELL" => {
            if !node.json {
                return Err("SHELL requires the arguments to be in JSON form".into());
            }
            Op::Shell(strings(&node.value))
        }
        "ONBUILD" => Op::Onbuild(node.trigger_text()),
        "HEALTHCHECK" => Op::Healthcheck(healthcheck(node)?),
        _ => return Err(format!("unknown instruction: {}{}", node.cmd, suggest(&node.cmd))),
    })
}

/// Splits on whitespace outside quotes, keeping the quotes (BuildKit's `parseWords`).
fn shell_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in text.chars() {
        if escaped {
            cur.push(c);
            escaped = false;
            continue;
        }
        match (quote, c) {
            (_, '\\') if quote != Some('\'') => {
                cur.push(c);
                escaped = true;
            }
            (None, '"' | '\'') => {
                quote = Some(c);
                cur.push(c);
            }
            (Some(q), c) if c == q => {
                quote = None;
                cur.push(c);
            }
            (None, c) if c.is_whitespace() => {
                if !cur.is_empty() {
                    words.push(std::mem::take(&mut cur));
                }
            }
            _ => cur.push(c),
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// `HEALTHCHECK [--interval=… --timeout=… --start-period=… --start-interval=… --retries=…] CMD …|NONE`.
/// The line parser's words as owned strings.
fn strings(words: &[std::borrow::Cow<'_, str>]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

fn healthcheck(node: &Node) -> Result<Health, String> {
    // The line parser gives `[type, command…]`; the command is JSON elements or one shell string.
    let kind = node.value.first().map_or("", |v| v.as_ref());
    let args: &[std::borrow::Cow<'_, str>] = node.value.get(1..).unwrap_or(&[]);
    if kind.eq_ignore_ascii_case("none") {
        if !args.is_empty() || !node.flags.is_empty() {
            return Err("HEALTHCHECK NONE takes no arguments".into());
        }
        return Ok(Health::None);
    }
    if !kind.eq_ignore_ascii_case("cmd") {
        return Err(format!("Unknown type {kind:?} in HEALTHCHECK (try CMD)"));
    }
    if args.is_empty() {
        return Err("Missing command after HEALTHCHECK CMD".into());
    }
    let test = if node.json {
        std::iter::once("CMD".to_string()).chain(args.iter().map(|a| a.to_string())).collect()
    } else {
        vec!["CMD-SHELL".to_string(), args.join(" ")]
    };
    let duration = |name: &str| -> Result<u64, String> {
        match flag(node, name) {
            None => Ok(0),
            Some(v) => {
                let ns = go_duration(&v).ok_or_else(|| format!("time: invalid duration {:?}", v))?;
                if ns != 0 && ns < 1_000_000 {
                    return Err(format!("Interval {:?} cannot be less than 1ms", name));
                }
                Ok(ns)
            }
        }
    };
    let retries = match flag(node, "retries") {
        None => 0,
        Some(v) => match v.parse::<i64>() {
            Ok(n) if n < 0 => return Err(format!("--retries cannot be negative ({n})")),
            Ok(n) => n as u64,
            Err(_) => return Err(format!("strconv.ParseInt: parsing {v:?}: invalid syntax")),
        },
    };
    Ok(Health::Check {
        test,
        interval: duration("interval")?,
        timeout: duration("timeout")?,
        start_period: duration("start-period")?,
        start_interval: duration("start-interval")?,
        retries,
    })
}

/// Go's `time.ParseDuration` (nanoseconds) for the common units.
pub fn go_duration(text: &str) -> Option<u64> {
    if text == "0" {
        return Some(0);
    }
    let mut total = 0f64;
    let mut rest = text;
    while !rest.is_empty() {
        let num_len = rest.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
        let value: f64 = rest[..num_len].parse().ok()?;
        rest = &rest[num_len..];
        let unit_len = rest.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(rest.len());
        let scale = match &rest[..unit_len] {
            "ns" => 1.0,
            "us" | "µs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return None,
        };
        total += value * scale;
        rest = &rest[unit_len..];
    }
    Some(total as u64)
}

fn unquote(v: &str) -> String {
    v.trim_matches('"').to_string()
}

/// `parseNameVal`: the legacy `key value` form or `k=v` pairs (`None`: one word only).
fn key_values(words: &[String]) -> Option<Result<Vec<(String, String)>, String>> {
    let first = words.first()?;
    if !first.contains('=') {
        if words.len() < 2 {
            return None;
        }
        return Some(Ok(vec![(first.clone(), words[1..].join(" "))]));
    }
    Some(
        words
            .iter()
            .map(|w| match w.split_once('=') {
                Some((k, v)) => Ok((k.to_string(), v.to_string())),
                None => Err(format!("Syntax error - can't find = in {w:?}. Must be of the form: name=value")),
            })
            .collect(),
    )
}
