//! `docker events` / `docker system events`: the daemon's recent events
//! (`crate::daemon::events`), filtered and printed as the Docker CLI prints
//! them. Real Docker keeps the command open and prints new events until
//! Ctrl-C; here the list ends at `--until`, or at the present with a
//! `dockersim:` line saying that waiting for new events is not simulated.

use super::flags::{self, v, Flag};
use super::template::Template;
use super::{flag_error, Out};
use crate::daemon::events::Event;
use crate::Engine;
use serde_json::{json, Map, Value};

const FLAGS: &[Flag] = &[v("filter", Some('f')), v("format", None), v("since", None), v("until", None)];

const FILTER_KEYS: [&str; 13] =
    ["config", "container", "daemon", "event", "image", "label", "network", "node", "plugin", "scope", "secret", "service", "type"];

pub(crate) fn events(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let p = match flags::parse(FLAGS, args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("events", &e, out),
    };
    if !p.args.is_empty() {
        return super::arg_error("events", "no arguments", "[OPTIONS]", "Get real time events from the server", out);
    }
    let mut filters: Vec<(String, String)> = Vec::new();
    for f in p.values("filter") {
        let Some((k, val)) = f.split_once('=') else {
            out.eline(format!("invalid argument \"{f}\" for \"-f, --filter\" flag: bad format of filter (expected name=value)"));
            out.eline("See 'docker events --help'.");
            return 125;
        };
        let k = k.to_ascii_lowercase();
        if !FILTER_KEYS.contains(&k.as_str()) && k != "volume" {
            out.eline(format!("Error response from daemon: invalid filter '{k}'"));
            return 1;
        }
        filters.push((k, val.to_string()));
    }
    let now = engine.daemon.now;
    let bounds = match super::since::window(&p, now) {
        Ok(b) => b,
        Err((_, e)) => {
            out.eline(format!("Error response from daemon: {e}"));
            return 1;
        }
    };
    let [since, until] = bounds;
    // An end in the future: the command waits until then.
    if let Some(end) = until.filter(|end| end.div_euclid(1_000_000_000) > now) {
        engine.daemon.now = end.div_euclid(1_000_000_000).min(now + 86_400);
        super::start::timed_exits(engine);
        super::start::health_checks(engine);
    }
    let template = match p.value("format") {
        Some("json") => Some(Template::parse("{{json .}}").expect("fixed template")),
        Some(f) if !f.is_empty() => match Template::parse(f) {
            Ok(t) => Some(t),
            Err(e) => {
                out.eline(format!("template parsing error: {e}"));
                return 64;
            }
        },
        _ => None,
    };
    let listed: Vec<Event> = if since.is_none() && until.is_none() {
        Vec::new()
    } else {
        engine
            .daemon
            .events
            .iter()
            .filter(|e| since.is_none_or(|s| e.time_ns >= s) && until.is_none_or(|u| e.time_ns <= u))
            .filter(|e| matches(engine, e, &filters))
            .cloned()
            .collect()
    };
    for e in &listed {
        match &template {
            Some(t) => match t.execute(&message(e)) {
                Ok(s) => out.line(s),
                Err(err) => {
                    out.eline(err);
                    return 1;
                }
            },
            None => out.line(pretty(e)),
        }
    }
    if until.is_none() {
        out.eline("dockersim: docker events: waiting for new events is not simulated (real Docker prints them until Ctrl-C); --since lists earlier ones and --until ends the list");
        return 1;
    }
    0
}

/// The CLI's default line: time, type, action, actor, sorted attributes.
fn pretty(e: &Event) -> String {
    let mut line = format!("{} {} {} {}", crate::time::rfc3339_nano_fixed(e.time_ns), e.kind, e.action, e.actor);
    if !e.attrs.is_empty() {
        let attrs: Vec<String> = e.attrs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        line.push_str(&format!(" ({})", attrs.join(", ")));
    }
    line
}

/// moby's `events.Message` as JSON (the deprecated status/id/from fields
/// are filled for containers and images, as Docker 27 does).
fn message(e: &Event) -> Value {
    let mut m = Map::new();
    if matches!(e.kind, "container" | "image") {
        m.insert("status".into(), json!(e.action));
        m.insert("id".into(), json!(e.actor));
        if let Some(from) = e.attrs.get("image").filter(|_| e.kind == "container") {
            m.insert("from".into(), json!(from));
        }
    }
    m.insert("Type".into(), json!(e.kind));
    m.insert("Action".into(), json!(e.action));
    m.insert("Actor".into(), json!({"ID": e.actor, "Attributes": e.attrs}));
    m.insert("scope".into(), json!("local"));
    m.insert("time".into(), json!(e.time_ns.div_euclid(1_000_000_000)));
    m.insert("timeNano".into(), json!(e.time_ns));
    Value::Object(m)
}

/// moby's event filters: the same key ORs its values, different keys AND.
fn matches(engine: &Engine, e: &Event, filters: &[(String, String)]) -> bool {
    let mut keys: Vec<&str> = filters.iter().map(|(k, _)| k.as_str()).collect();
    keys.dedup();
    keys.iter().all(|key| filters.iter().filter(|(k, _)| k == key).any(|(_, want)| one(engine, e, key, want)))
}

fn one(engine: &Engine, e: &Event, key: &str, want: &str) -> bool {
    let attr = |k: &str| e.attrs.get(k).map(String::as_str);
    match key {
        "type" => e.kind == want,
        "event" => e.action == want || e.action.split(':').next() == Some(want),
        "scope" => want == "local",
        "container" => e.kind == "container" && (e.actor.starts_with(want) || attr("name") == Some(want)),
        "image" => {
            let named = |v: Option<&str>| v.is_some_and(|v| v == want || v.split(':').next() == Some(want));
            (e.kind == "image" && (e.actor == want || named(Some(&e.actor)) || named(attr("name"))))
                || (e.kind == "container" && named(attr("image")))
                || engine.daemon.find_image(want).is_some_and(|id| e.kind == "image" && e.actor == id)
        }
        "network" => e.kind == "network" && (e.actor.starts_with(want) || attr("name") == Some(want)),
        "volume" => e.kind == "volume" && e.actor == want,
        "label" => match want.split_once('=') {
            Some((k, v)) => attr(k) == Some(v),
            None => attr(want).is_some(),
        },
        "daemon" => e.kind == "daemon",
        _ => false,
    }
}
