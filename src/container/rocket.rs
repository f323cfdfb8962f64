//! A Rocket 0.5 app as a container's main process (a binary `cargo build`
//! made, `shell/programs/cargo.rs`): Rocket's launch log as it prints it
//! when stdout is not a terminal (no colours, no emoji), its configuration
//! from `Rocket.toml` and `ROCKET_*` variables (default address 127.0.0.1:
//! unreachable through a published port), and the `#[get]` routes'
//! fixed answers; other paths get Rocket's default 404 page.

use super::service::{HttpResponse, Service};
use super::{Container, Stream};
use crate::shell::BuiltProgram;

/// What the app runs with.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Rocket {
    pub port: u16,
    pub address: String,
    /// Routes: (path, body, how the launch log lists it).
    pub routes: Vec<(String, String, String)>,
    /// `normal` logs each request; `critical` (release) only errors and warnings.
    pub log_level: String,
}

/// Whether a built program is a Rocket app.
pub fn is_rocket(b: &BuiltProgram) -> bool {
    b.framework.as_deref().is_some_and(|f| f.starts_with("rocket"))
}

/// Values for `profile` from Rocket.toml (`[default]`, `[PROFILE]`, `[global]`, in that precedence order reversed).
fn toml_config(text: &str, profile: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for want in ["default", profile, "global"] {
        let mut section = String::new();
        for line in text.lines() {
            let l = line.split('#').next().unwrap_or("").trim();
            if l.starts_with('[') {
                section = l.trim_matches(|c| c == '[' || c == ']').trim().to_string();
                continue;
            }
            if section != want {
                continue;
            }
            if let Some((k, v)) = l.split_once('=') {
                out.retain(|(key, _)| key != k.trim());
                out.push((k.trim().to_string(), v.trim().trim_matches('"').to_string()));
            }
        }
    }
    out
}

/// Starts the app: the launch log, then it serves (or a configuration error ends it).
pub fn start(c: &mut Container, b: BuiltProgram) -> super::process::Outcome {
    let env = c.config.env_map();
    let built = b.artifact.as_deref().and_then(|a| a.split_whitespace().nth(2)).unwrap_or("debug").to_string();
    let profile = env.get("ROCKET_PROFILE").cloned().unwrap_or_else(|| if built == "release" { "release".into() } else { "debug".into() });
    let wd = super::process::workdir(c);
    let toml_path = env.get("ROCKET_CONFIG").cloned().unwrap_or_else(|| crate::vfs::join(&wd, "Rocket.toml"));
    let toml = c.fs.read(&toml_path).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    let mut values = toml_config(&toml, &profile);
    for (k, v) in &env {
        if let Some(key) = k.strip_prefix("ROCKET_") {
            let key = key.to_ascii_lowercase();
            if key != "profile" && key != "config" {
                values.retain(|(x, _)| *x != key);
                values.push((key, v.clone()));
            }
        }
    }
    let get = |k: &str| values.iter().rev().find(|(x, _)| x == k).map(|(_, v)| v.clone());
    let address = get("address").unwrap_or_else(|| "127.0.0.1".into());
    let port_text = get("port").unwrap_or_else(|| "8000".into());
    let log_level = get("log_level").unwrap_or_else(|| if profile == "release" { "critical".into() } else { "normal".into() });
    let Ok(port) = port_text.parse::<u16>() else {
        c.logs.push((Stream::Stdout, "Error: Failed to extract valid configuration.".into()));
        c.logs.push((Stream::Stdout, format!("   >> invalid type: found string \"{port_text}\", expected u16 for key \"default.port\" in `ROCKET_` environment variable(s)")));
        c.logs.push((Stream::Stderr, "thread 'main' panicked at /usr/local/cargo/registry/src/index.dockersim-1949cf8c6b5b557f/rocket-0.5.1/src/config/config.rs:589:5:\naborting due to configuration error(s)\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace".into()));
        return super::process::Outcome::Exited(101);
    };
    let ok_addr = address.parse::<std::net::IpAddr>();
    let Ok(ip) = ok_addr else {
        c.logs.push((Stream::Stdout, "Error: Failed to extract valid configuration.".into()));
        c.logs.push((
            Stream::Stdout,
            "   >> invalid IP address syntax for key \"default.address\" in `ROCKET_` environment variable(s)".to_string(),
        ));
        return super::process::Outcome::Exited(101);
    };
    let socket = std::net::SocketAddr::new(ip, port);
    let off = log_level == "off";
    let mut lines: Vec<String> = Vec::new();
    lines.push(format!("Configured for {profile}."));
    let meta = [
        format!("address: {address}"),
        format!("port: {port}"),
        "workers: 2".to_string(),
        "max blocking threads: 512".to_string(),
        "ident: Rocket".to_string(),
        "IP header: X-Real-IP".to_string(),
        "limits: bytes = 8KiB, data-form = 2MiB, file = 1MiB, form = 32KiB, json = 1MiB, msgpack = 1MiB, string = 8KiB".to_string(),
        "temp dir: /tmp".to_string(),
        "http/2: true".to_string(),
        "keep-alive: 5s".to_string(),
        "tls: disabled".to_string(),
        "shutdown: ctrlc = true, force = true, signals = [SIGTERM], grace = 2s, mercy = 3s".to_string(),
        format!("log level: {log_level}"),
        "cli colors: true".to_string(),
    ];
    lines.extend(meta.iter().map(|m| format!("   >> {m}")));
    let routes: Vec<(String, String, String)> = b
        .routes
        .iter()
        .enumerate()
        .map(|(i, (p, body))| (p.clone(), body.clone(), b.route_types.get(i).cloned().unwrap_or_default()))
        .collect();
    if !routes.is_empty() {
        lines.push("Routes:".into());
        // Sorted as Rocket logs them: by segment count, then by length.
        let mut listed: Vec<&(String, String, String)> = routes.iter().collect();
        crate::sort::sort_by(&mut listed, |a, b| (a.0.matches('/').count(), a.0.len()).cmp(&(b.0.matches('/').count(), b.0.len())));
        lines.extend(listed.iter().map(|(_, _, shown)| format!("   >> {shown}")));
    }
    lines.push("Fairings:".into());
    lines.push("   >> Shield (liftoff, response, singleton)".into());
    if matches!(log_level.as_str(), "normal" | "debug") {
        lines.push("Shield:".into());
        lines.push("   >> X-Content-Type-Options: nosniff".into());
        lines.push("   >> X-Frame-Options: SAMEORIGIN".into());
        lines.push("   >> Permissions-Policy: interest-cohort=()".into());
    }
    lines.push(format!("Rocket has launched from http://{socket}"));
    if !off {
        for l in lines {
            c.logs.push((Stream::Stdout, l));
        }
    }
    super::process::Outcome::Serving(Service::Rocket(Rocket { port, address, routes, log_level }))
}

impl Rocket {
    /// Whether a request from outside the container reaches the app.
    pub fn reachable(&self, from_host: bool) -> bool {
        !from_host || !(self.address.starts_with("127.") || self.address == "::1")
    }

    /// The answer to `req` (HEAD as GET, without the body, as Rocket
    /// auto-handles it), with Rocket's headers and what it logs.
    pub fn respond_to(&self, req: &super::http::Request, now: i64) -> HttpResponse {
        let mut r = self.respond(req.target);
        r.headers = super::http::rocket(now, r.content_type, r.body.len());
        if req.method != "GET" {
            if let Some(log) = r.log.as_mut() {
                *log = log.replace(
                    &format!("GET {}", req.target.split('?').next().unwrap_or(req.target)),
                    &format!("{} {}", req.method, req.target),
                );
            }
        }
        r
    }

    /// The answer to `GET path`, with what Rocket logs for it.
    pub fn respond(&self, path: &str) -> HttpResponse {
        let target = path.split('?').next().unwrap_or(path);
        let normal = matches!(self.log_level.as_str(), "normal" | "debug");
        let shown_err = self.log_level != "off";
        let mut log: Vec<String> = Vec::new();
        if normal {
            log.push(format!("GET {target}:"));
        }
        match self.routes.iter().find(|(p, _, _)| p == target) {
            Some((_, body, shown)) => {
                if normal {
                    log.push(format!("   >> Matched: {shown}"));
                    log.push("   >> Outcome: Success(200 OK)".into());
                    log.push("   >> Response succeeded.".into());
                }
                HttpResponse {
                    headers: Vec::new(),
                    status: 200,
                    reason: "OK",
                    content_type: "text/plain; charset=utf-8",
                    body: body.clone(),
                    server: "Rocket".into(),
                    log: (!log.is_empty()).then(|| log.join("\n")),
                }
            }
            None => {
                if shown_err {
                    log.push(format!("   >> No matching routes for GET {target}."));
                    log.push("   >> No 404 catcher registered. Using Rocket default.".into());
                }
                if normal {
                    log.push("   >> Response succeeded.".into());
                }
                HttpResponse {
                    headers: Vec::new(),
                    status: 404,
                    reason: "Not Found",
                    content_type: "text/html; charset=utf-8",
                    body: NOT_FOUND.into(),
                    server: "Rocket".into(),
                    log: (!log.is_empty()).then(|| log.join("\n")),
                }
            }
        }
    }
}

/// Rocket's default 404 catcher page.
const NOT_FOUND: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n    <meta charset=\"utf-8\">\n    <meta name=\"color-scheme\" content=\"light dark\">\n    <title>404 Not Found</title>\n</head>\n<body align=\"center\">\n    <div role=\"main\" align=\"center\">\n        <h1>404: Not Found</h1>\n        <p>The requested resource could not be found.</p>\n        <hr />\n    </div>\n    <div role=\"contentinfo\" align=\"center\">\n        <small>Rocket</small>\n    </div>\n</body>\n</html>";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rocket_answers_and_logs_by_level() {
        let r = Rocket {
            port: 8000,
            address: "0.0.0.0".into(),
            routes: vec![("/".into(), "Hello, Docker!".into(), "(index) GET /".into())],
            log_level: "critical".into(),
        };
        let ok = r.respond("/");
        assert_eq!((ok.status, ok.body.as_str(), ok.log), (200, "Hello, Docker!", None));
        let missing = r.respond("/nope");
        assert_eq!(missing.status, 404);
        assert_eq!(
            missing.log.as_deref(),
            Some("   >> No matching routes for GET /nope.\n   >> No 404 catcher registered. Using Rocket default.")
        );
        assert!(r.reachable(true));
        assert!(!Rocket { address: "127.0.0.1".into(), ..r }.reachable(true));
        assert_eq!(
            toml_config("[default]\nport = 9000\n[release]\naddress = \"0.0.0.0\"\n", "release"),
            [("port".to_string(), "9000".to_string()), ("address".to_string(), "0.0.0.0".to_string())]
        );
    }
}
