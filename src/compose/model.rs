//! The Compose project: the file found and read, variables interpolated
//! (`${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`,
//! `${VAR?err}`, `${VAR:+alt}`, `$$`) from the shell and `.env`, checked
//! against the Compose Specification keys, and turned into services,
//! networks and volumes. Errors are Compose's texts.

use super::yaml::{self, Node, Value};
use std::collections::BTreeMap;

pub const FILE_NAMES: [&str; 4] = ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"];

#[derive(Clone, Debug, Default)]
pub struct Build {
    pub context: String,
    pub dockerfile: Option<String>,
    pub args: Vec<(String, String)>,
    pub target: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Health {
    pub test: Vec<String>,
    /// Go durations as written (`10s`, `1m30s`).
    pub interval: Option<String>,
    pub timeout: Option<String>,
    pub start_period: Option<String>,
    pub start_interval: Option<String>,
    pub retries: Option<u64>,
    pub disable: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Service {
    pub name: String,
    pub image: Option<String>,
    pub build: Option<Build>,
    pub ports: Vec<String>,
    pub expose: Vec<String>,
    pub environment: Vec<(String, Option<String>)>,
    pub env_file: Vec<String>,
    /// `-v` specs (long syntax converted; named volumes not yet prefixed).
    pub volumes: Vec<String>,
    /// Network name in the file → aliases.
    pub networks: Vec<(String, Vec<String>)>,
    /// `depends_on`, and the services `links` names (compose adds those
    /// as started-dependencies that restart with them).
    pub depends_on: Vec<Dependency>,
    /// `links`: (service, alias).
    pub links: Vec<(String, String)>,
    /// `volumes_from`: `service[:mode]` or `container:name[:mode]`.
    pub volumes_from: Vec<String>,
    pub command: Option<Vec<String>>,
    pub entrypoint: Option<Vec<String>>,
    pub working_dir: Option<String>,
    pub user: Option<String>,
    pub restart: Option<String>,
    pub healthcheck: Option<Health>,
    pub profiles: Vec<String>,
    pub container_name: Option<String>,
    pub hostname: Option<String>,
    pub labels: Vec<(String, String)>,
    pub network_mode: Option<String>,
    pub tty: bool,
    pub stdin_open: bool,
}

/// One entry of `depends_on`.
#[derive(Clone, Debug, Default)]
pub struct Dependency {
    pub service: String,
    /// `service_started`, `service_healthy` or `service_completed_successfully`.
    pub condition: String,
    /// Restart this service when the dependency is restarted.
    pub restart: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Resource {
    /// The key in the file.
    pub key: String,
    /// The daemon-side name (`project_key`, or `name:`, or the external name).
    pub name: String,
    pub external: bool,
    pub driver: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Project {
    pub name: String,
    pub dir: String,
    pub file: String,
    pub services: Vec<Service>,
    pub networks: Vec<Resource>,
    pub volumes: Vec<Resource>,
    /// `WARN[0000] …` lines to print.
    pub warnings: Vec<String>,
}

/// Interpolates `${…}` in one string.
pub fn interpolate(s: &str, env: &BTreeMap<String, String>, warnings: &mut Vec<String>) -> Result<String, String> {
    let b: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != '$' {
            out.push(b[i]);
            i += 1;
            continue;
        }
        match b.get(i + 1) {
            Some('$') => {
                out.push('$');
                i += 2;
            }
            Some('{') => {
                let mut depth = 1;
                let mut j = i + 2;
                while j < b.len() && depth > 0 {
                    match b[j] {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    j += 1;
                }
                if depth > 0 {
                    return Err(format!("Invalid template: \"{s}\""));
                }
                let inner: String = b[i + 2..j - 1].iter().collect();
                out.push_str(&expand(&inner, s, env, warnings)?);
                i = j;
            }
            Some(c) if c.is_ascii_alphabetic() || *c == '_' => {
                let mut j = i + 1;
                while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == '_') {
                    j += 1;
                }
                let name: String = b[i + 1..j].iter().collect();
                out.push_str(&lookup(&name, env, warnings));
                i = j;
            }
            _ => {
                out.push('$');
                i += 1;
            }
        }
    }
    Ok(out)
}

fn lookup(name: &str, env: &BTreeMap<String, String>, warnings: &mut Vec<String>) -> String {
    match env.get(name) {
        Some(v) => v.clone(),
        None => {
            let w = format!("The \"{name}\" variable is not set. Defaulting to a blank string.");
            if !warnings.contains(&w) {
                warnings.push(w);
            }
            String::new()
        }
    }
}

fn expand(inner: &str, whole: &str, env: &BTreeMap<String, String>, warnings: &mut Vec<String>) -> Result<String, String> {
    let end = inner.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(inner.len());
    let (name, op) = inner.split_at(end);
    if name.is_empty() {
        return Err(format!("Invalid template: \"{whole}\""));
    }
    let val = env.get(name);
    let set_nonempty = val.is_some_and(|v| !v.is_empty());
    let sub = |rest: &str, warnings: &mut Vec<String>| interpolate(rest, env, warnings);
    Ok(match op {
        "" => lookup(name, env, warnings),
        _ if op.starts_with(":-") => {
            if set_nonempty {
                val.cloned().unwrap_or_default()
            } else {
                sub(&op[2..], warnings)?
            }
        }
        _ if op.starts_with('-') => match val {
            Some(v) => v.clone(),
            None => sub(&op[1..], warnings)?,
        },
        _ if op.starts_with(":?") => {
            if set_nonempty {
                val.cloned().unwrap_or_default()
            } else {
                return Err(required(name, &op[2..]));
            }
        }
        _ if op.starts_with('?') => match val {
            Some(v) => v.clone(),
            None => return Err(required(name, &op[1..])),
        },
        _ if op.starts_with(":+") => {
            if set_nonempty {
                sub(&op[2..], warnings)?
            } else {
                String::new()
            }
        }
        _ if op.starts_with('+') => {
            if val.is_some() {
                sub(&op[1..], warnings)?
            } else {
                String::new()
            }
        }
        _ => return Err(format!("Invalid template: \"{whole}\"")),
    })
}

fn required(name: &str, msg: &str) -> String {
    if msg.is_empty() {
        format!("required variable {name} is missing a value")
    } else {
        format!("required variable {name} is missing a value: {msg}")
    }
}

/// Interpolates every scalar value (not keys) of the tree.
fn interpolate_tree(n: &mut Node, env: &BTreeMap<String, String>, warnings: &mut Vec<String>) -> Result<(), String> {
    match &mut n.value {
        Value::Str { text, .. } => *text = interpolate(text, env, warnings)?,
        Value::Seq(items) => {
            for i in items {
                interpolate_tree(i, env, warnings)?;
            }
        }
        Value::Map(entries) => {
            for (_, v) in entries {
                interpolate_tree(v, env, warnings)?;
            }
        }
        Value::Null => {}
    }
    Ok(())
}

/// `KEY=VALUE` lines of a `.env` or `env_file` (comments, quotes, `export `).
pub fn parse_env_file(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        let l = l.strip_prefix("export ").unwrap_or(l);
        let (k, v) = l.split_once('=').unwrap_or((l, ""));
        let v = v.trim();
        let v = if v.len() >= 2 && (v.starts_with('"') && v.ends_with('"') || v.starts_with('\'') && v.ends_with('\'')) {
            v[1..v.len() - 1].to_string()
        } else {
            v.split(" #").next().unwrap_or("").trim().to_string()
        };
        out.push((k.trim().to_string(), v));
    }
    out
}

/// Compose's project-name normalisation: lowercase, only `[a-z0-9_-]`, starting with a letter or digit.
pub fn normalize_name(s: &str) -> String {
    let lower: String = s.to_lowercase().chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-').collect();
    lower.trim_start_matches(['_', '-']).to_string()
}

const TOP_KEYS: [&str; 8] = ["version", "name", "services", "networks", "volumes", "configs", "secrets", "include"];
const SERVICE_KEYS: [&str; 47] = [
    "image",
    "build",
    "ports",
    "expose",
    "environment",
    "env_file",
    "volumes",
    "networks",
    "depends_on",
    "command",
    "entrypoint",
    "working_dir",
    "user",
    "restart",
    "healthcheck",
    "profiles",
    "container_name",
    "hostname",
    "labels",
    "network_mode",
    "tty",
    "stdin_open",
    "deploy",
    "logging",
    "init",
    "cap_add",
    "cap_drop",
    "privileged",
    "extra_hosts",
    "dns",
    "platform",
    "pull_policy",
    "stop_signal",
    "stop_grace_period",
    "ulimits",
    "links",
    "volumes_from",
    "secrets",
    "configs",
    "read_only",
    "shm_size",
    "tmpfs",
    "domainname",
    "mem_limit",
    "cpus",
    "develop",
    "annotations",
];

fn kind(n: &Node) -> &'static str {
    match &n.value {
        Value::Null => "null",
        Value::Str { text, plain: true } if text.parse::<f64>().is_ok() => "number",
        Value::Str { text, plain: true } if matches!(text.as_str(), "true" | "false") => "boolean",
        Value::Str { .. } => "string",
        Value::Seq(_) => "array",
        Value::Map(_) => "object",
    }
}

fn must(n: &Node, path: &str, want: &str) -> Result<(), String> {
    let k = kind(n);
    let ok = match want {
        "string" => k == "string",
        "array" => k == "array",
        "object" => k == "object",
        "string|array" => k == "string" || k == "array",
        "object|array" => k == "object" || k == "array",
        "string|object" => k == "string" || k == "object",
        _ => true,
    };
    if ok {
        return Ok(());
    }
    // compose-go words JSON types as people do: object → mapping, array → list.
    let text = match want {
        "string|array" => "must be a string or list",
        "object|array" => "must be a mapping",
        "string|object" => "must be a string or mapping",
        "object" => "must be a mapping",
        "array" => "must be a list",
        _ => "must be a string",
    };
    Err(format!("{path} {text}"))
}

fn strings(n: &Node) -> Vec<String> {
    match &n.value {
        Value::Seq(items) => items.iter().filter_map(|i| i.str().map(str::to_string)).collect(),
        Value::Str { text, .. } => vec![text.clone()],
        _ => Vec::new(),
    }
}

/// A command given as a string is split like a shell would (no expansion).
pub fn split_command(s: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            (Some(_), c) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, '\\') => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                    in_word = true;
                }
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            (None, c) => {
                cur.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    words
}

fn scalar_text(n: &Node) -> Option<String> {
    match &n.value {
        Value::Str { text, .. } => Some(text.clone()),
        Value::Null => None,
        _ => None,
    }
}

/// Reads a Compose file's text into a project. `env` is the interpolation
/// environment (shell over `.env`); `name` the project name already chosen
/// (`-p`, else None).
pub fn load(text: &str, file: &str, dir: &str, env: &BTreeMap<String, String>, name: Option<&str>) -> Result<Project, String> {
    let mut root = yaml::parse(text)?;
    if root.is_null() {
        return Err("empty compose file".into());
    }
    if !matches!(root.value, Value::Map(_)) {
        return Err("Top-level object must be a mapping".into());
    }
    let mut warnings = Vec::new();
    interpolate_tree(&mut root, env, &mut warnings)?;
    let validating = |e: String| format!("validating {file}: {e}");
    let Value::Map(top) = &root.value else { unreachable!() };
    for (k, _) in top {
        let key = k.str().unwrap_or("");
        if !TOP_KEYS.contains(&key) && !key.starts_with("x-") {
            return Err(validating(format!("(root) Additional property {key} is not allowed")));
        }
    }
    if root.get("version").is_some() {
        warnings.push(format!(
            "{file}: the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion"
        ));
    }
    let project_name = match (name, root.get("name").and_then(scalar_text)) {
        (Some(n), _) => n.to_string(),
        (None, Some(n)) => n,
        (None, None) => match env.get("COMPOSE_PROJECT_NAME") {
            Some(n) => n.clone(),
            None => normalize_name(dir.rsplit('/').next().unwrap_or("")),
        },
    };
    if project_name.is_empty() || project_name != normalize_name(&project_name) {
        return Err(format!("invalid project name {project_name:?}: must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number"));
    }
    let mut project = Project { name: project_name.clone(), dir: dir.to_string(), file: file.to_string(), ..Default::default() };
    for (what, list) in [("networks", &mut project.networks), ("volumes", &mut project.volumes)] {
        let Some(section) = root.get(what) else { continue };
        if section.is_null() {
            continue;
        }
        must(section, what, "object").map_err(validating)?;
        let Value::Map(entries) = &section.value else { continue };
        for (k, v) in entries {
            let key = k.str().unwrap_or("").to_string();
            if !v.is_null() {
                must(v, &format!("{what}.{key}"), "object").map_err(validating)?;
            }
            let external = v.get("external").and_then(|e| e.str()).is_some_and(|e| e == "true");
            let explicit = v.get("name").and_then(scalar_text);
            let name = match (explicit, external) {
                (Some(n), _) => n,
                (None, true) => key.clone(),
                (None, false) => format!("{project_name}_{key}"),
            };
            list.push(Resource { key, name, external, driver: v.get("driver").and_then(scalar_text) });
        }
    }
    let services = root.get("services");
    let Some(services) = services.filter(|s| !s.is_null()) else {
        return Err("no service selected".into());
    };
    must(services, "services", "object").map_err(validating)?;
    let Value::Map(entries) = &services.value else { unreachable!() };
    for (k, v) in entries {
        let sname = k.str().unwrap_or("").to_string();
        let path = format!("services.{sname}");
        must(v, &path, "object").map_err(validating)?;
        let Value::Map(fields) = &v.value else { unreachable!() };
        let mut s = Service { name: sname.clone(), ..Default::default() };
        for (fk, fv) in fields {
            let key = fk.str().unwrap_or("");
            if !SERVICE_KEYS.contains(&key) && !key.starts_with("x-") {
                return Err(validating(format!("{path} Additional property {key} is not allowed")));
            }
            let p = format!("{path}.{key}");
            match key {
                "image" | "container_name" | "hostname" | "working_dir" | "user" | "restart" | "network_mode" => {
                    if !fv.is_null() {
                        must(fv, &p, "string").map_err(validating)?;
                    }
                    let val = scalar_text(fv);
                    match key {
                        "image" => s.image = val,
                        "container_name" => s.container_name = val,
                        "hostname" => s.hostname = val,
                        "working_dir" => s.working_dir = val,
                        "user" => s.user = val,
                        "restart" => {
                            if let Some(r) = &val {
                                let policy = r.split(':').next().unwrap_or("");
                                if !matches!(policy, "no" | "always" | "on-failure" | "unless-stopped") {
                                    return Err(format!("invalid restart policy: unknown policy '{policy}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'"));
                                }
                            }
                            s.restart = val
                        }
                        _ => s.network_mode = val,
                    }
                }
                "build" => {
                    must(fv, &p, "string|object").map_err(validating)?;
                    let b = match &fv.value {
                        Value::Str { text, .. } => Build { context: text.clone(), ..Default::default() },
                        _ => Build {
                            context: fv.get("context").and_then(scalar_text).unwrap_or_else(|| ".".into()),
                            dockerfile: fv.get("dockerfile").and_then(scalar_text),
                            target: fv.get("target").and_then(scalar_text),
                            args: fv
                                .get("args")
                                .map(pairs)
                                .unwrap_or_default()
                                .into_iter()
                                .map(|(k, v)| (k, v.unwrap_or_default()))
                                .collect(),
                        },
                    };
                    s.build = Some(b);
                }
                "ports" | "expose" | "env_file" | "profiles" => {
                    if key == "env_file" {
                        must(fv, &p, "string|array").map_err(validating)?;
                    } else {
                        must(fv, &p, "array").map_err(validating)?;
                    }
                    let mut list = Vec::new();
                    if let Value::Seq(items) = &fv.value {
                        for (i, item) in items.iter().enumerate() {
                            match (&item.value, key) {
                                (Value::Map(_), "ports") => {
                                    let target = item.get("target").and_then(scalar_text).unwrap_or_default();
                                    let published = item.get("published").and_then(scalar_text);
                                    let proto = item.get("protocol").and_then(scalar_text).unwrap_or_else(|| "tcp".into());
                                    list.push(match published {
                                        Some(pp) => format!("{pp}:{target}/{proto}"),
                                        None => format!("{target}/{proto}"),
                                    });
                                }
                                (Value::Map(_), "env_file") => list.extend(item.get("path").and_then(scalar_text)),
                                (Value::Str { text, .. }, _) => list.push(text.clone()),
                                _ => {
                                    return Err(validating(format!(
                                        "{p}.{i} must be a {}",
                                        if key == "ports" { "number" } else { "string" }
                                    )))
                                }
                            }
                        }
                    } else if let Some(t) = fv.str() {
                        list.push(t.to_string());
                    }
                    match key {
                        "ports" => s.ports = list,
                        "expose" => s.expose = list,
                        "env_file" => s.env_file = list,
                        _ => s.profiles = list,
                    }
                }
                "environment" => {
                    must(fv, &p, "object|array").map_err(validating)?;
                    s.environment = pairs(fv);
                }
                "labels" => {
                    must(fv, &p, "object|array").map_err(validating)?;
                    s.labels = pairs(fv).into_iter().map(|(k, v)| (k, v.unwrap_or_default())).collect();
                }
                "volumes" => {
                    must(fv, &p, "array").map_err(validating)?;
                    let Value::Seq(items) = &fv.value else { continue };
                    for (i, item) in items.iter().enumerate() {
                        match &item.value {
                            Value::Str { text, .. } => s.volumes.push(text.clone()),
                            Value::Map(_) => {
                                let t = item.get("type").and_then(scalar_text).unwrap_or_else(|| "volume".into());
                                let src = item.get("source").and_then(scalar_text).unwrap_or_default();
                                let Some(target) = item.get("target").and_then(scalar_text) else {
                                    return Err(validating(format!("{p}.{i} target is required")));
                                };
                                let ro = item.get("read_only").and_then(|r| r.str()).is_some_and(|r| r == "true");
                                if t == "bind" && src.is_empty() {
                                    return Err("invalid mount config for type \"bind\": field Source must not be empty".into());
                                }
                                let mut spec = if src.is_empty() { target } else { format!("{src}:{target}") };
                                if ro {
                                    spec.push_str(":ro");
                                }
                                s.volumes.push(spec);
                            }
                            _ => return Err(validating(format!("{p}.{i} must be a string or object"))),
                        }
                    }
                }
                "networks" => {
                    must(fv, &p, "object|array").map_err(validating)?;
                    match &fv.value {
                        Value::Seq(items) => {
                            s.networks = items.iter().filter_map(|i| i.str()).map(|n| (n.to_string(), Vec::new())).collect()
                        }
                        Value::Map(m) => {
                            for (nk, nv) in m {
                                let aliases = nv.get("aliases").map(strings).unwrap_or_default();
                                s.networks.push((nk.str().unwrap_or("").to_string(), aliases));
                            }
                        }
                        _ => {}
                    }
                }
                "depends_on" => {
                    must(fv, &p, "object|array").map_err(validating)?;
                    match &fv.value {
                        Value::Seq(items) => {
                            s.depends_on = items
                                .iter()
                                .filter_map(|i| i.str())
                                .map(|n| Dependency { service: n.to_string(), condition: "service_started".into(), restart: false })
                                .collect()
                        }
                        Value::Map(m) => {
                            for (dk, dv) in m {
                                let cond = dv.get("condition").and_then(scalar_text).unwrap_or_else(|| "service_started".into());
                                if !matches!(cond.as_str(), "service_started" | "service_healthy" | "service_completed_successfully") {
                                    return Err(validating(format!("{p}.{}.condition must be one of the following: \"service_started\", \"service_healthy\", \"service_completed_successfully\"", dk.str().unwrap_or(""))));
                                }
                                let restart = dv.get("restart").and_then(|r| r.str()) == Some("true");
                                s.depends_on.push(Dependency { service: dk.str().unwrap_or("").to_string(), condition: cond, restart });
                            }
                        }
                        _ => {}
                    }
                }
                "command" | "entrypoint" => {
                    if fv.is_null() {
                        continue;
                    }
                    must(fv, &p, "string|array").map_err(validating)?;
                    let v = match &fv.value {
                        Value::Str { text, .. } => split_command(text),
                        _ => strings(fv),
                    };
                    if key == "command" {
                        s.command = Some(v);
                    } else {
                        s.entrypoint = Some(v);
                    }
                }
                "healthcheck" => {
                    must(fv, &p, "object").map_err(validating)?;
                    let test = fv.get("test").map(|t| match &t.value {
                        Value::Str { text, .. } => vec!["CMD-SHELL".to_string(), text.clone()],
                        _ => strings(t),
                    });
                    let text = |k: &str| fv.get(k).and_then(|v| v.str()).map(str::to_string);
                    s.healthcheck = Some(Health {
                        test: test.unwrap_or_default(),
                        interval: text("interval"),
                        timeout: text("timeout"),
                        start_period: text("start_period"),
                        start_interval: text("start_interval"),
                        retries: text("retries").and_then(|r| r.parse().ok()),
                        disable: text("disable").as_deref() == Some("true"),
                    });
                }
                "links" => {
                    must(fv, &p, "array").map_err(validating)?;
                    s.links = strings(fv)
                        .into_iter()
                        .map(|l| match l.split_once(':') {
                            Some((svc, alias)) => (svc.to_string(), alias.to_string()),
                            None => (l.clone(), l),
                        })
                        .collect();
                }
                "volumes_from" => {
                    must(fv, &p, "array").map_err(validating)?;
                    s.volumes_from = strings(fv);
                }
                "tty" => s.tty = fv.str() == Some("true"),
                "stdin_open" => s.stdin_open = fv.str() == Some("true"),
                _ => {}
            }
        }
        // As compose does: a linked service is a dependency that must have
        // started, and this one restarts with it.
        for (svc, _) in s.links.clone() {
            if !s.depends_on.iter().any(|d| d.service == svc) {
                s.depends_on.push(Dependency { service: svc, condition: "service_started".into(), restart: true });
            }
        }
        for v in s.volumes_from.clone() {
            if !v.starts_with("container:") {
                let svc = v.split(':').next().unwrap_or("").to_string();
                if !s.depends_on.iter().any(|d| d.service == svc) {
                    s.depends_on.push(Dependency { service: svc, condition: "service_started".into(), restart: false });
                }
            }
        }
        project.services.push(s);
    }
    for s in &project.services {
        if s.image.is_none() && s.build.is_none() {
            return Err(format!("service \"{}\" has neither an image nor a build context specified: invalid compose project", s.name));
        }
        for d in s.depends_on.iter().map(|d| &d.service) {
            if !project.services.iter().any(|o| &o.name == d) {
                return Err(format!("service \"{}\" depends on undefined service \"{d}\": invalid compose project", s.name));
            }
        }
        for (n, _) in &s.networks {
            if n != "default" && !project.networks.iter().any(|r| &r.key == n) {
                return Err(format!("service \"{}\" refers to undefined network {n}: invalid compose project", s.name));
            }
        }
        for v in &s.volumes {
            let src = v.split(':').next().unwrap_or("");
            if v.contains(':') && !src.starts_with(['/', '.', '~', '$']) && !project.volumes.iter().any(|r| r.key == src) {
                return Err(format!("service \"{}\" refers to undefined volume {src}: invalid compose project", s.name));
            }
        }
    }
    order(&project)?;
    project.warnings = warnings;
    Ok(project)
}

/// `KEY: value` maps and `KEY=value` lists as (key, value) pairs; a key
/// without a value is None (taken from the environment).
fn pairs(n: &Node) -> Vec<(String, Option<String>)> {
    match &n.value {
        Value::Map(m) => m.iter().map(|(k, v)| (k.str().unwrap_or("").to_string(), scalar_text(v))).collect(),
        Value::Seq(items) => items
            .iter()
            .filter_map(|i| i.str())
            .map(|e| match e.split_once('=') {
                Some((k, v)) => (k.to_string(), Some(v.to_string())),
                None => (e.to_string(), None),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Services in dependency order (dependencies first, then file order).
pub fn order(p: &Project) -> Result<Vec<String>, String> {
    let mut done: Vec<String> = Vec::new();
    fn visit(p: &Project, name: &str, done: &mut Vec<String>, stack: &mut Vec<String>) -> Result<(), String> {
        if done.iter().any(|d| d == name) {
            return Ok(());
        }
        if let Some(i) = stack.iter().position(|s| s == name) {
            let mut cycle: Vec<String> = stack[i..].to_vec();
            cycle.push(name.to_string());
            return Err(format!("dependency cycle detected: {}", cycle.join(" -> ")));
        }
        if stack.len() > 200 {
            return Err("dependency cycle detected".into());
        }
        stack.push(name.to_string());
        if let Some(s) = p.services.iter().find(|s| s.name == name) {
            for d in &s.depends_on {
                visit(p, &d.service, done, stack)?;
            }
        }
        stack.pop();
        done.push(name.to_string());
        Ok(())
    }
    for s in &p.services {
        visit(p, &s.name, &mut done, &mut Vec::new())?;
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn interpolation() {
        let e = env(&[("A", "1"), ("E", "")]);
        let mut w = Vec::new();
        assert_eq!(interpolate("${A} $A ${B:-d} ${E:-x} ${E-y} $$A", &e, &mut w).unwrap(), "1 1 d x  $A");
        assert_eq!(interpolate("${B:?need B}", &e, &mut w).unwrap_err(), "required variable B is missing a value: need B");
        assert_eq!(interpolate("${B}", &e, &mut w).unwrap(), "");
        assert_eq!(w, vec!["The \"B\" variable is not set. Defaulting to a blank string."]);
    }

    #[test]
    fn loads_a_project() {
        let p = load("services:\n  web:\n    build: .\n    depends_on: [db]\n  db:\n    image: mysql:8.0\n    volumes:\n      - data:/var/lib/mysql\nvolumes:\n  data:\n", "/p/compose.yaml", "/home/learner/My App", &BTreeMap::new(), None).unwrap();
        assert_eq!(p.name, "myapp");
        assert_eq!(order(&p).unwrap(), vec!["db", "web"]);
        assert_eq!(p.volumes[0].name, "myapp_data");
    }
}
