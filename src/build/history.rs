//! Config-only instructions and image history as BuildKit records them
//! (`dockerfile2llb/convert.go` `commitToHistory`, the exporter's
//! `normalizeLayersAndHistory` for created times).

use super::format::{go_list, go_quote_list};
use super::plan::{Health, Op, Step};
use super::stage::StageState;
use super::vars::expand;
use crate::image::History;
use crate::time::rfc3339;
use std::collections::BTreeMap;

/// The comment BuildKit puts on every history entry it writes.
pub const COMMENT: &str = "buildkit.dockerfile.v0";

/// A history entry of the image being built; `created` is set for layers
/// (their creation time) and filled in for empty entries at export.
#[derive(Clone, Debug)]
pub(crate) struct NewHistory {
    pub entry: History,
    pub created: Option<i64>,
    pub inherited: bool,
}

impl NewHistory {
    pub fn base(entry: History) -> NewHistory {
        NewHistory { entry, created: None, inherited: true }
    }

    pub fn layer(created_by: String, created: i64) -> NewHistory {
        let entry = History { created_by, comment: Some(COMMENT.into()), ..Default::default() };
        NewHistory { entry, created: Some(created), inherited: false }
    }

    pub fn empty(created_by: String) -> NewHistory {
        let entry = History { created_by, comment: Some(COMMENT.into()), empty_layer: true, ..Default::default() };
        NewHistory { entry, created: None, inherited: false }
    }
}

/// Final history and the image's `created`: empty entries take the time of
/// the first new layer (before it) or of the layer before them.
pub(crate) fn finish(entries: &[NewHistory]) -> (Vec<History>, String) {
    let has_time = |h: &NewHistory| h.inherited || h.created.is_some();
    let time_of = |h: &NewHistory| if h.inherited { h.entry.created.clone() } else { h.created.map(rfc3339).unwrap_or_default() };
    let mut created: Option<String> = None;
    let mut seen_gap = false;
    for h in entries {
        if has_time(h) {
            created = Some(time_of(h));
            if seen_gap {
                break;
            }
        } else {
            seen_gap = true;
        }
    }
    let mut out = Vec::with_capacity(entries.len());
    seen_gap = false;
    for h in entries {
        let mut entry = h.entry.clone();
        if has_time(h) {
            if seen_gap {
                created = Some(time_of(h));
            }
            entry.created = time_of(h);
        } else {
            seen_gap = true;
            entry.created = created.clone().unwrap_or_default();
        }
        out.push(entry);
    }
    let image_created = out.last().map(|h| h.created.clone()).unwrap_or_default();
    (out, image_created)
}

/// The step text as the progress label shows it: keyword upper-cased, the
/// rest as written, with set variables expanded "raw" (quotes kept, unset
/// variables left as written), as BuildKit names its vertices.
pub(crate) fn display_text(step: &Step, vars: &BTreeMap<String, String>) -> String {
    let onbuild = if step.trigger { "ONBUILD " } else { "" };
    let mut text = format!("{onbuild}{} {}", step.keyword, expand_raw(&step.rest, vars));
    if let Op::Run { cmd: super::plan::Cmd::Shell(line), heredocs, .. } = &step.op {
        if let [doc] = heredocs.as_slice() {
            if super::run::is_single_heredoc(line, doc) {
                let trimmed = doc.content.trim();
                let mut lines = trimmed.lines();
                text.push_str(&format!(" ({}{})", lines.next().unwrap_or(""), if lines.next().is_some() { "..." } else { "" }));
            }
        }
    }
    text
}

/// `$NAME` and `${NAME}` replaced when `NAME` is set; everything else verbatim.
fn expand_raw(text: &str, vars: &BTreeMap<String, String>) -> String {
    if !text.contains('$') {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let is_name = |c: char| c.is_alphanumeric() || c == '_';
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() {
            out.push(c);
            out.push(chars[i + 1]);
            i += 2;
            continue;
        }
        if c == '$' {
            let (name, end) = if chars.get(i + 1) == Some(&'{') {
                let close = chars[i + 2..].iter().position(|&c| c == '}').map(|p| p + i + 2);
                match close {
                    Some(close) if chars[i + 2..close].iter().all(|&c| is_name(c)) => {
                        (chars[i + 2..close].iter().collect::<String>(), close + 1)
                    }
                    _ => (String::new(), i + 1),
                }
            } else {
                let n = chars[i + 1..].iter().take_while(|&&c| is_name(c)).count();
                (chars[i + 1..i + 1 + n].iter().collect(), i + 1 + n)
            };
            if let Some(value) = vars.get(&name).filter(|_| !name.is_empty()) {
                out.push_str(value);
                i = end;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Applies a config-only instruction; returns its history text (`None` for
/// ONBUILD, which BuildKit does not record in history).
pub(crate) fn apply_meta(
    state: &mut StageState,
    op: &Op,
    globals: &BTreeMap<String, String>,
    build_args: &BTreeMap<String, String>,
) -> Result<Option<String>, String> {
    // Variables matter only to words with a `$`; building the map for every
    // ENV of a long Dockerfile made 16,000 ENV lines quadratic.
    let vars = if format!("{op:?}").contains('$') { state.vars() } else { BTreeMap::new() };
    let cfg = &mut state.config.config;
    let text = match op {
        Op::Env(pairs) => {
            let mut shown = Vec::new();
            let mut expanded = Vec::new();
            for (k, v) in pairs {
                let value = expand(v, &vars)?;
                shown.push(format!("{k}={value}"));
                expanded.push((k.clone(), value));
            }
            for (k, value) in expanded {
                let named = |kv: &String| kv.as_bytes().get(k.len()).is_none_or(|&b| b == b'=') && kv.as_bytes().starts_with(k.as_bytes());
                match cfg.env.iter_mut().find(|kv| named(kv)) {
                    Some(slot) => *slot = format!("{k}={value}"),
                    None => cfg.env.push(format!("{k}={value}")),
                }
            }
            format!("ENV {}", shown.join(" "))
        }
        Op::Label(pairs) => {
            let mut shown = Vec::new();
            for (k, v) in pairs {
                let key = expand(k, &vars)?;
                let value = expand(v, &vars)?;
                shown.push(format!("{key}={value}"));
                cfg.labels.insert(key, value);
            }
            format!("LABEL {}", shown.join(" "))
        }
        Op::Arg(args) => {
            let mut shown = Vec::new();
            for (k, default) in args {
                let default = default.as_ref().map(|d| expand(d, &vars)).transpose()?;
                shown.push(match &default {
                    Some(d) => format!("{k}={d}"),
                    None => k.clone(),
                });
                let value = build_args.get(k).cloned().or(default).or_else(|| globals.get(k).cloned());
                match state.args.iter_mut().find(|(name, _)| name == k) {
                    Some(slot) => slot.1 = value,
                    None => state.args.push((k.clone(), value)),
                }
            }
            format!("ARG {}", shown.join(" "))
        }
        Op::User(u) => {
            let user = expand(u, &vars)?;
            cfg.user = user.clone();
            format!("USER {user}")
        }
        Op::Cmd(cmd) => {
            let argv = super::run::argv_of(cmd, &cfg.shell);
            cfg.cmd = Some(argv.clone());
            cfg.args_escaped = true;
            state.cmd_set = true;
            format!("CMD {}", go_quote_list(&argv))
        }
        Op::Entrypoint(cmd) => {
            let argv = super::run::argv_of(cmd, &cfg.shell);
            cfg.entrypoint = Some(argv.clone());
            if !state.cmd_set {
                cfg.cmd = None;
            }
            format!("ENTRYPOINT {}", go_quote_list(&argv))
        }
        Op::Expose(ports) => {
            let mut specs = Vec::new();
            for p in ports {
                for word in expand(p, &vars)?.split_whitespace() {
                    let (port, proto) = word.split_once('/').map_or((word, "tcp".to_string()), |(p, pr)| (p, pr.to_ascii_lowercase()));
                    let (lo, hi) = port.split_once('-').unwrap_or((port, port));
                    let (lo, hi) = match (lo.parse::<u16>(), hi.parse::<u16>()) {
                        (Ok(l), Ok(h)) if l <= h => (l, h),
                        (Ok(_), Ok(_)) => return Err(format!("invalid range specified for container port: {port}")),
                        _ => return Err(format!("invalid containerPort: {port}")),
                    };
                    specs.extend((lo..=hi).map(|p| format!("{p}/{proto}")));
                }
            }
            crate::sort::sort(&mut specs);
            specs.dedup();
            for s in &specs {
                cfg.exposed_ports.insert(s.clone(), Default::default());
            }
            format!("EXPOSE {}", go_list(&specs))
        }
        Op::Volume(vols) => {
            let mut shown = Vec::new();
            for v in vols {
                let vol = expand(v, &vars)?;
                if vol.is_empty() {
                    return Err("VOLUME specified can not be an empty string".into());
                }
                cfg.volumes.insert(vol.clone(), Default::default());
                shown.push(vol);
            }
            format!("VOLUME {}", go_list(&shown))
        }
        Op::StopSignal(s) => {
            let sig = expand(s, &vars)?;
            cfg.stop_signal = sig.clone();
            format!("STOPSIGNAL {sig}")
        }
        Op::Shell(argv) => {
            if argv.is_empty() {
                return Err("SHELL requires at least one argument".into());
            }
            cfg.shell = Some(argv.clone());
            format!("SHELL {}", go_list(argv))
        }
        // BuildKit: fmt.Sprintf("HEALTHCHECK %q", config) of a *HealthConfig.
        Op::Healthcheck(h) => {
            cfg.healthcheck = Some(match h {
                Health::None => crate::image::HealthConfig { test: vec!["NONE".into()], ..Default::default() },
                Health::Check { test, interval, timeout, start_period, start_interval, retries } => crate::image::HealthConfig {
                    test: test.clone(),
                    interval: *interval,
                    timeout: *timeout,
                    start_period: *start_period,
                    start_interval: *start_interval,
                    retries: *retries,
                },
            });
            let (test, durations, retries) = match h {
                Health::None => (vec!["NONE".to_string()], [0; 4], 0),
                Health::Check { test, interval, timeout, start_period, start_interval, retries } => {
                    (test.clone(), [*interval, *timeout, *start_period, *start_interval], *retries)
                }
            };
            let d: Vec<String> = durations.iter().map(|ns| format!("\"{}\"", super::format::go_duration(*ns))).collect();
            format!("HEALTHCHECK &{{{} {} {}}}", go_quote_list(&test), d.join(" "), super::format::go_rune(retries))
        }
        Op::Maintainer(m) => format!("MAINTAINER {m}"),
        Op::Onbuild(trigger) => {
            cfg.on_build.push(trigger.clone());
            return Ok(None);
        }
        Op::Run { .. } | Op::Copy(_) | Op::Workdir(_) => return Err("not a config instruction".into()),
    };
    Ok(Some(text))
}
