//! php-fpm, the php images' `-fpm` variants: it starts with its two
//! notices, listens for FastCGI on 9000 (`listen` in php-fpm.d, the image's
//! zz-docker.conf), and answers what nginx's `fastcgi_pass` sends by running
//! the script SCRIPT_FILENAME names in its own files, with its access-log
//! line on stderr (`172.18.0.3 -  06/Dec/2026:14:00:00 +0000 "GET /index.php" 200`).

use super::process::Outcome;
use super::{Container, Service, Stream};
use crate::vfs::{Fs, Node};
use std::collections::BTreeMap;

/// fpm's log time: `06-Dec-2026 14:00:00`.
pub(super) fn fpm_time(now: i64) -> String {
    let (y, mo, d, h, mi, s) = crate::time::civil(now);
    format!("{d:02}-{}-{y} {h:02}:{mi:02}:{s:02}", crate::time::month_abbr(mo))
}

/// The port the `listen` lines of php-fpm.d give (the last file wins).
fn listen_port(fs: &Fs, etc: &str) -> u16 {
    let mut port = 9000;
    let dir = format!("{etc}/php-fpm.d");
    if let Ok(Node::Dir { entries, .. }) = fs.get(&dir) {
        for name in entries.keys().filter(|n| n.ends_with(".conf")) {
            let text = String::from_utf8_lossy(&fs.read(&format!("{dir}/{name}")).unwrap_or_default()).into_owned();
            for line in text.lines() {
                let Some((k, v)) = line.split_once('=') else { continue };
                if k.trim() == "listen" {
                    let v = v.trim();
                    if let Some(p) = v.rsplit(':').next().and_then(|p| p.parse().ok()) {
                        port = p;
                    }
                }
            }
        }
    }
    port
}

/// php-fpm as the main process (`-t` tests its configuration and exits).
pub fn start(c: &mut Container, args: &[String], now: i64) -> Outcome {
    let env: BTreeMap<String, String> = c.config.env_map().into_iter().collect();
    let version = env.get("PHP_VERSION").cloned().unwrap_or_else(|| "8.2.26".into());
    let etc = "/usr/local/etc";
    let t = fpm_time(now);
    if args.iter().any(|a| a == "-t" || a == "--test") {
        c.logs.push((Stream::Stderr, format!("[{t}] NOTICE: configuration file {etc}/php-fpm.conf test is successful")));
        c.logs.push((Stream::Stderr, String::new()));
        return Outcome::Exited(0);
    }
    if let Some(a) =
        args.iter().find(|a| !matches!(a.as_str(), "-F" | "--nodaemonize" | "-R" | "--allow-to-run-as-root" | "-O" | "--force-stderr"))
    {
        c.logs.push((Stream::Stderr, format!("dockersim: php-fpm {a}: not simulated")));
        return Outcome::Exited(1);
    }
    c.logs.push((Stream::Stderr, format!("[{t}] NOTICE: fpm is running, pid 1")));
    c.logs.push((Stream::Stderr, format!("[{t}] NOTICE: ready to handle connections")));
    let ini = crate::apps::php::ini::Ini::load(&c.fs, &env, "fpm-fcgi");
    Outcome::Serving(Service::PhpFpm { port: listen_port(&c.fs, etc), version, env, ini })
}

/// What php-fpm answered a FastCGI request.
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// What it wrote on the FastCGI stderr stream (nginx logs it).
    pub stderr: String,
    /// Its own log lines (the container's stderr).
    pub log: Vec<String>,
}

/// php-fpm as it started: PHP's version, the environment its workers keep
/// (`clear_env = no`) and the configuration it read.
pub struct Fpm<'c> {
    pub version: &'c str,
    pub env: &'c BTreeMap<String, String>,
    pub ini: &'c crate::apps::php::ini::Ini,
}

/// Runs the request's script. `client` is the address fpm logs (nginx's).
pub fn respond<'a>(
    fs: &'a Fs,
    params: &[(String, String)],
    body: &str,
    fpm: &Fpm,
    now: i64,
    client: &str,
    net: Option<&'a mut dyn crate::apps::PyNet>,
) -> Answer {
    let version = fpm.version;
    let get = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()).unwrap_or_default();
    let method = get("REQUEST_METHOD");
    let script = get("SCRIPT_FILENAME");
    let script_name = if get("SCRIPT_NAME").is_empty() { get("DOCUMENT_URI") } else { get("SCRIPT_NAME") };
    let access = |status: u16| format!("{client} -  {} \"{method} {script_name}\" {status}", super::service::clf_time(now, true));
    let plain = |status: u16, text: &str, stderr: &str| Answer {
        status,
        headers: vec![("X-Powered-By".into(), format!("PHP/{version}")), ("Content-type".into(), "text/html; charset=UTF-8".into())],
        body: text.to_string(),
        stderr: stderr.to_string(),
        log: vec![access(status)],
    };
    if script.is_empty() || !matches!(fs.get(&script), Ok(Node::File { .. })) {
        return plain(404, "File not found.\n", "Primary script unknown");
    }
    if !script.ends_with(".php") {
        let why = format!("Access to the script '{script}' has been denied (see security.limit_extensions)");
        let mut a = plain(403, "Access denied.\n", &why);
        a.log.insert(0, format!("[{}] WARNING: [pool www] child 7 said into stderr: \"{why}\"", fpm_time(now)));
        return a;
    }
    let request = crate::apps::php::Request::cgi(params.to_vec(), body, fpm.ini.clone(), "fpm-fcgi");
    let run = crate::apps::php::run(
        crate::apps::php::PhpEnv::web(fs, fpm.env.clone(), &script, now, version, request, net),
        crate::apps::php::Script::File(&script),
    );
    let mut headers = vec![("X-Powered-By".to_string(), format!("PHP/{version}"))];
    headers.extend(run.headers.iter().cloned());
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("content-type")) {
        headers.push(("Content-type".into(), "text/html; charset=UTF-8".into()));
    }
    let status = if run.code == 0 { 200 } else { run.code };
    // PHP's logged errors go down FastCGI's stderr as "PHP message: …".
    let mut stderr: Vec<String> = run.log.iter().map(|(_, text)| format!("PHP message: {text}")).collect();
    stderr.extend(run.stderr.lines().map(str::to_string));
    Answer { status, headers, body: run.stdout, stderr: stderr.join("\n"), log: vec![access(status)] }
}
