//! The registries as the docker client and the daemon reach them: which
//! storage a reference's domain names (Docker Hub, or the `registry:2`
//! container publishing that port on localhost), the credentials
//! `docker login` keeps in `~/.docker/config.json`, and the registry's HTTP
//! API that `curl localhost:5000/v2/_catalog` reads.

use crate::container::service::{clf_time, HttpResponse};
use crate::image::reference::Reference;
use crate::Engine;
use serde_json::{Map, Value};

/// The key Docker Hub's credentials are stored under.
pub const INDEX_SERVER: &str = "https://index.docker.io/v1/";

/// Where the client keeps credentials.
pub fn config_path(engine: &Engine) -> String {
    let home = engine.host.env.get("HOME").cloned().unwrap_or_else(|| crate::engine::HOME.to_string());
    format!("{}/.docker/config.json", home.trim_end_matches('/'))
}

/// The dockersim line after an error about a registry the simulation lacks.
pub fn remote_hint(r: &Reference) -> Option<String> {
    let host = r.domain.split(':').next().unwrap_or("");
    (r.domain != "docker.io" && !matches!(host, "localhost" | "127.0.0.1" | "[::1]")).then(|| {
        format!(
            "dockersim: the simulated host reaches Docker Hub and registry:2 containers on localhost only; {} is not simulated",
            r.domain
        )
    })
}

fn read_config(engine: &Engine) -> Map<String, Value> {
    let text = engine.host.fs.read(&config_path(engine)).unwrap_or_default();
    match serde_json::from_slice::<Value>(&text) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

/// The user logged in to `key`, from `~/.docker/config.json`.
pub fn logged_in(engine: &Engine, key: &str) -> Option<(String, String)> {
    let config = read_config(engine);
    let auth = config.get("auths")?.get(key)?.get("auth")?.as_str()?;
    let decoded = crate::base64::decode(auth.as_bytes(), false).ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (user, pass) = text.split_once(':')?;
    Some((user.to_string(), pass.to_string()))
}

/// Stores or (with `None`) erases the credentials for `key`; returns
/// whether the file changed.
pub fn store_auth(engine: &mut Engine, key: &str, creds: Option<(&str, &str)>) -> bool {
    let mut config = read_config(engine);
    let auths = config.entry("auths").or_insert_with(|| Value::Object(Map::new()));
    if !auths.is_object() {
        *auths = Value::Object(Map::new());
    }
    let Some(map) = auths.as_object_mut() else { return false };
    let before = map.get(key).cloned();
    match creds {
        Some((user, pass)) => {
            let mut entry = Map::new();
            entry.insert("auth".into(), Value::String(crate::base64::encode(format!("{user}:{pass}").as_bytes())));
            map.insert(key.to_string(), Value::Object(entry));
        }
        None => {
            map.remove(key);
        }
    }
    if map.get(key) == before.as_ref() {
        return false;
    }
    let text = indent_json(&Value::Object(config), 0);
    let path = config_path(engine);
    engine.write_host_file(&path, text.as_bytes()).is_ok()
}

/// JSON indented with tabs, keys in order, as Go's `json.MarshalIndent`.
fn indent_json(v: &Value, depth: usize) -> String {
    let pad = "\t".repeat(depth + 1);
    let close = "\t".repeat(depth);
    match v {
        Value::Object(m) if m.is_empty() => "{}".into(),
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            let items: Vec<String> =
                keys.iter().map(|k| format!("{pad}{}: {}", Value::String((*k).clone()), indent_json(&m[k.as_str()], depth + 1))).collect();
            format!("{{\n{}\n{close}}}", items.join(",\n"))
        }
        Value::Array(a) if a.is_empty() => "[]".into(),
        Value::Array(a) => {
            let items: Vec<String> = a.iter().map(|x| format!("{pad}{}", indent_json(x, depth + 1))).collect();
            format!("[\n{}\n{close}]", items.join(",\n"))
        }
        other => other.to_string(),
    }
}

/// The registry container `id` answers `GET path` (its HTTP API, v2).
pub fn http(engine: &mut Engine, id: &str, path: &str, from_outside: bool) -> HttpResponse {
    let json = |status: u16, reason: &'static str, body: String| HttpResponse {
        headers: Vec::new(),
        status,
        reason,
        content_type: "application/json; charset=utf-8",
        body,
        server: String::new(),
        log: None,
    };
    let path_only = path.split('?').next().unwrap_or(path);
    let mut resp = if path_only == "/v2/" || path_only == "/v2" {
        json(200, "OK", "{}".into())
    } else if path_only == "/v2/_catalog" {
        let repos: Vec<Value> = engine.daemon.registries.repositories(id).into_iter().map(Value::String).collect();
        json(200, "OK", format!("{}\n", serde_json::json!({ "repositories": repos })))
    } else if let Some(name) = path_only.strip_prefix("/v2/").and_then(|p| p.strip_suffix("/tags/list")) {
        match engine.daemon.registries.tags(id, name) {
            Some(tags) => json(200, "OK", format!("{}\n", serde_json::json!({ "name": name, "tags": tags }))),
            None => json(
                404,
                "Not Found",
                format!(
                    "{}\n",
                    serde_json::json!({"errors": [{"code": "NAME_UNKNOWN", "message": "repository name not known to registry", "detail": {"name": name}}]})
                ),
            ),
        }
    } else {
        json(404, "Not Found", "404 page not found\n".into())
    };
    if resp.status == 404 && !path_only.starts_with("/v2") {
        resp.content_type = "text/plain; charset=utf-8";
    }
    let client = if from_outside { "172.17.0.1" } else { "127.0.0.1" };
    let line = format!(
        "{client} - - [{}] \"GET {path} HTTP/1.1\" {} {} \"\" \"curl/8.5.0\"",
        clf_time(engine.daemon.now, true),
        resp.status,
        resp.body.len()
    );
    if let Some(c) = engine.daemon.containers.get_mut(id) {
        c.logs.push((crate::container::Stream::Stdout, line));
    }
    resp
}
