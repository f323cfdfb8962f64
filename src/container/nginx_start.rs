//! nginx as a container's main process: the official image's entrypoint
//! scripts (IPv6 listen, envsubst on `/etc/nginx/templates`), the
//! configuration read at start with nginx's `[emerg]` when it fails (an
//! unknown directive, an upstream host that does not resolve), its start
//! notices, and what the master does on `nginx -s` from `docker exec`.

use super::process::{Hook, Outcome};
use super::{Container, Service, Stream};
use crate::apps::nginx_conf::{self, Config};
use crate::shell::nginx as cli;
use crate::vfs::{Content, Meta, Node};

const DEFAULT_CONF: &str = "/etc/nginx/conf.d/default.conf";

/// The lines the image's `/docker-entrypoint.sh` logs before nginx starts,
/// and what its scripts change (`listen [::]:80;`, templates rendered into conf.d).
pub fn entrypoint(c: &mut Container) {
    let log = |c: &mut Container, line: String| c.logs.push((Stream::Stdout, line));
    if c.config.env_map().get("NGINX_ENTRYPOINT_QUIET_LOGS").cloned().is_some_and(|v| !v.is_empty()) {
        render_templates(c, &mut |_, _| {});
        return;
    }
    log(c, "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration".into());
    log(c, "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/".into());
    log(c, "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh".into());
    let me = "10-listen-on-ipv6-by-default.sh";
    match c.fs.read(DEFAULT_CONF) {
        Err(_) => log(c, format!("{me}: info: {DEFAULT_CONF} is not a file or does not exist")),
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            if c.mounts.iter().any(|m| m.destination == DEFAULT_CONF && m.read_only) {
                log(c, format!("{me}: info: can not modify {DEFAULT_CONF} (read-only file system?)"));
            } else if text != crate::image::catalog::texts::NGINX_DEFAULT_CONF {
                log(c, format!("{me}: info: Getting the checksum of {DEFAULT_CONF}"));
                log(c, format!("{me}: info: {DEFAULT_CONF} differs from the packaged version"));
            } else {
                log(c, format!("{me}: info: Getting the checksum of {DEFAULT_CONF}"));
                log(c, format!("{me}: info: Enabled listen on IPv6 in {DEFAULT_CONF}"));
            }
        }
    }
    log(c, "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh".into());
    log(c, "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh".into());
    render_templates(c, &mut |c, line| c.logs.push((Stream::Stdout, line)));
    log(c, "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh".into());
    log(c, "/docker-entrypoint.sh: Configuration complete; ready for start up".into());
}

/// 20-envsubst-on-templates.sh: each `/etc/nginx/templates/**/*.template`
/// becomes the file of the same path under `/etc/nginx/conf.d` without the
/// suffix, with `${VAR}` replaced for the variables the environment defines.
fn render_templates(c: &mut Container, log: &mut dyn FnMut(&mut Container, String)) {
    let dir = c.config.env_map().get("NGINX_ENVSUBST_TEMPLATE_DIR").cloned().unwrap_or_else(|| "/etc/nginx/templates".into());
    let suffix = c.config.env_map().get("NGINX_ENVSUBST_TEMPLATE_SUFFIX").cloned().unwrap_or_else(|| ".template".into());
    let out_dir = c.config.env_map().get("NGINX_ENVSUBST_OUTPUT_DIR").cloned().unwrap_or_else(|| "/etc/nginx/conf.d".into());
    let mut found = Vec::new();
    collect(&c.fs, &dir, &suffix, &mut found);
    if found.is_empty() {
        return;
    }
    let env = c.config.env_map();
    for path in found {
        let rel = path.strip_prefix(&dir).unwrap_or(&path).trim_start_matches('/');
        let out = format!("{out_dir}/{}", rel.strip_suffix(suffix.as_str()).unwrap_or(rel));
        let text = String::from_utf8_lossy(&c.fs.read(&path).unwrap_or_default()).into_owned();
        let rendered = envsubst(&text, &env);
        if let Some((parent, _)) = out.rsplit_once('/') {
            let _ = c.fs.mkdir_all(parent, Meta::new(0o755, 0));
        }
        match c.fs.write(&out, Content::from_bytes(rendered.into_bytes()), Meta::new(0o644, 0)) {
            Ok(()) => log(c, format!("20-envsubst-on-templates.sh: Running envsubst on {path} to {out}")),
            Err(_) => log(c, format!("20-envsubst-on-templates.sh: ERROR: {out_dir} exists, but is not writable")),
        }
    }
}

fn collect(fs: &crate::vfs::Fs, dir: &str, suffix: &str, out: &mut Vec<String>) {
    let Ok(Node::Dir { entries, .. }) = fs.get(dir) else { return };
    for (name, node) in entries {
        let path = format!("{}/{name}", dir.trim_end_matches('/'));
        match node {
            Node::Dir { .. } if out.len() < 1000 => collect(fs, &path, suffix, out),
            Node::File { .. } if name.ends_with(suffix) => out.push(path),
            _ => {}
        }
    }
}

/// envsubst limited to the defined variables (`$VAR` and `${VAR}`), as the
/// script passes it the list of defined names: nginx's own `$uri` stays.
fn envsubst(text: &str, env: &std::collections::BTreeMap<String, String>) -> String {
    nginx_conf::substitute(text, false, &mut |name| env.get(name).cloned())
}

/// nginx as the main process: a one-shot command (`nginx -t`, `-v`), or the
/// server with the configuration it reads now.
pub fn start(c: &mut Container, args: &[String], now: i64, host: &mut Hook<'_>) -> Outcome {
    let env = c.config.env_map();
    let fs = c.fs.clone();
    let mut ips = std::collections::BTreeMap::new();
    let mut resolves = |h: &str| {
        if cli::resolves_locally(&fs, h) {
            return true;
        }
        match host.as_mut().and_then(|p| p.net()).and_then(|n| n.resolve(h)) {
            Some(ip) => {
                ips.insert(h.to_string(), ip);
                true
            }
            None => false,
        }
    };
    if let Some(ran) = cli::cli(&fs, &env, args, &mut resolves, &mut |_| None, now) {
        for line in ran.stdout.lines() {
            c.logs.push((Stream::Stdout, line.to_string()));
        }
        for line in ran.stderr.lines() {
            c.logs.push((Stream::Stderr, line.to_string()));
        }
        return Outcome::Exited(ran.code);
    }
    let emerg = |c: &mut Container, e: &str| {
        c.logs.push((Stream::Stderr, format!("{} [emerg] 1#1: {e}", cli::log_time(now))));
        c.logs.push((Stream::Stderr, format!("nginx: [emerg] {e}")));
        Outcome::Exited(1)
    };
    let top = match cli::test(&fs, &mut resolves) {
        Ok(top) => top,
        Err(e) => return emerg(c, &e),
    };
    let mut conf = Config::from(&top);
    conf.ips = ips;
    // nginx opens its log files (creating them, not their directories).
    for path in conf.log_paths() {
        let LogDest::File(real) = log_dest(&c.fs, &path) else { continue };
        if real.starts_with("/dev/") || c.fs.exists(&real) {
            continue;
        }
        let parent = real.rsplit_once('/').map_or("/", |(p, _)| if p.is_empty() { "/" } else { p }).to_string();
        if !matches!(c.fs.get(&parent), Ok(Node::Dir { .. })) {
            return emerg(c, &format!("open() \"{path}\" failed (2: No such file or directory)"));
        }
        let _ = c.fs.write(&real, Content::from_bytes(Vec::new()), Meta::new(0o644, now));
    }
    let version = cli::version(&fs, &env);
    if notices(&top) {
        let t = cli::log_time(now);
        let gcc = if fs.exists("/etc/alpine-release") {
            "gcc 13.2.1 20240309 (Alpine 13.2.1_git20240309) "
        } else {
            "gcc 12.2.0 (Debian 12.2.0-14) "
        };
        for line in [
            "using the \"epoll\" event method".to_string(),
            format!("nginx/{version}"),
            format!("built by {gcc}"),
            format!("OS: Linux {}", crate::shell::KERNEL),
            "getrlimit(RLIMIT_NOFILE): 1048576:1048576".into(),
            "start worker processes".into(),
            "start worker process 29".into(),
            "start worker process 30".into(),
        ] {
            c.logs.push((Stream::Stderr, format!("{t} [notice] 1#1: {line}")));
        }
    }
    Outcome::Serving(Service::Nginx { version, conf, served: 0 })
}

/// Where a log path nginx opens ends up.
#[derive(Debug, PartialEq, Eq)]
pub enum LogDest {
    Stdout,
    Stderr,
    File(String),
    Nowhere,
}

/// Follows `path`'s links (the official image's `access.log -> /dev/stdout`,
/// itself `/proc/self/fd/1`) to the stream or file nginx writes.
pub fn log_dest(fs: &crate::vfs::Fs, path: &str) -> LogDest {
    if path == "off" || path.starts_with("syslog:") || path.starts_with("memory:") {
        return LogDest::Nowhere;
    }
    if path == "stderr" {
        return LogDest::Stderr;
    }
    let mut p = path.to_string();
    for _ in 0..16 {
        match p.as_str() {
            "/dev/stdout" | "/proc/self/fd/1" => return LogDest::Stdout,
            "/dev/stderr" | "/proc/self/fd/2" => return LogDest::Stderr,
            _ => {}
        }
        match fs.get_nofollow(&p) {
            Ok(Node::Symlink { target, .. }) => {
                p = if target.starts_with('/') {
                    target.clone()
                } else {
                    format!("{}/{target}", p.rsplit_once('/').map_or("", |(d, _)| d))
                };
            }
            _ => return LogDest::File(fs.resolve(&p, true).unwrap_or(p)),
        }
    }
    LogDest::Nowhere
}

/// Whether the error log takes notices on stderr (the official image's
/// `error_log /var/log/nginx/error.log notice;`, a link to /dev/stderr).
fn notices(top: &[nginx_conf::Directive]) -> bool {
    top.iter().any(|d| d.name == "error_log" && d.args.get(1).is_some_and(|l| matches!(l.as_str(), "notice" | "info" | "debug")))
}

/// The running master's answer to `nginx -s SIGNAL` from `docker exec`:
/// `reload` reads the configuration again (the caller checked it first).
/// Returns whether the master stops (the signalling command's own line is
/// printed by its caller).
/// `resolved` is what the configuration's upstream names resolve to now
/// (None: not at all); names it does not list resolve locally.
pub fn signal(c: &mut Container, signal: &str, now: i64, resolved: &std::collections::BTreeMap<String, Option<String>>) -> bool {
    let mut resolves = |h: &str| resolved.get(h).is_none_or(|ip| ip.is_some());
    let t = cli::log_time(now);
    if !matches!(c.service, Some(Service::Nginx { .. })) {
        return false;
    }
    let (number, name) = match signal {
        "reload" => (1, "SIGHUP"),
        "stop" => (15, "SIGTERM"),
        "quit" => (3, "SIGQUIT"),
        _ => (10, "SIGUSR1"),
    };
    let notice = |c: &mut Container, text: &str| c.logs.push((Stream::Stderr, format!("{t} [notice] 1#1: {text}")));
    notice(
        c,
        &format!(
            "signal {number} ({name}) received from 40, {}",
            match signal {
                "reload" => "reconfiguring",
                "stop" => "exiting",
                "quit" => "shutting down",
                _ => "reopening logs",
            }
        ),
    );
    match signal {
        "reload" => {
            let fs = c.fs.clone();
            if let Ok(top) = cli::test(&fs, &mut resolves) {
                if let Some(Service::Nginx { conf, .. }) = c.service.as_mut() {
                    *conf = Config::from(&top);
                    conf.ips = resolved.iter().filter_map(|(h, ip)| Some((h.clone(), ip.clone()?))).collect();
                }
                notice(c, "reconfiguring");
                for line in [
                    "using the \"epoll\" event method",
                    "start worker processes",
                    "start worker process 41",
                    "start worker process 42",
                    "worker process 29 exited with code 0",
                    "worker process 30 exited with code 0",
                    "signal 29 (SIGIO) received",
                ] {
                    notice(c, line);
                }
            }
            false
        }
        "stop" | "quit" => {
            for line in ["worker process 29 exited with code 0", "worker process 30 exited with code 0", "exit"] {
                notice(c, line);
            }
            true
        }
        _ => {
            notice(c, "reopening logs");
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::envsubst;

    #[test]
    fn envsubst_replaces_defined_variables_only() {
        let env = [("PORT".to_string(), "8080".to_string()), ("HOST".to_string(), "app".to_string())].into();
        assert_eq!(
            envsubst("listen ${PORT}; proxy_pass http://$HOST:3000$uri; $request_uri", &env),
            "listen 8080; proxy_pass http://app:3000$uri; $request_uri"
        );
    }
}
