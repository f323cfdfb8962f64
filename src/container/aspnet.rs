//! An ASP.NET Core app as a container's main process (`dotnet App.dll` or
//! its apphost, built by `shell/programs/dotnet.rs`): the console logger's
//! start-up lines (data protection's warnings for Razor Pages apps, the
//! addresses Kestrel binds from `ASPNETCORE_URLS`/`ASPNETCORE_HTTP_PORTS`),
//! then Kestrel answers the app's fixed routes, its Razor pages and the
//! files under `wwwroot`.

use super::service::{HttpResponse, Service};
use super::{Container, Stream};
use crate::shell::BuiltProgram;
use crate::vfs::Node;

/// The web app `dotnet ARGS` (or the apphost at `path`) runs, with its assembly's path.
pub fn app(c: &Container, program: &str, args: &[String]) -> Option<(BuiltProgram, String)> {
    let wd = super::process::workdir(c);
    let path = if program.ends_with("/dotnet") || program == "dotnet" {
        let dll = args.first().filter(|a| a.ends_with(".dll"))?;
        crate::vfs::join(&wd, dll)
    } else {
        program.to_string()
    };
    let b = match c.fs.get(&path) {
        Ok(Node::File { content: crate::vfs::Content::Bytes(bytes), .. }) => BuiltProgram::decode(bytes)?,
        _ => return None,
    };
    let web = b.framework.as_deref().is_some_and(|f| f.starts_with("aspnetcore"));
    // The framework must be installed, or the muxer's error runs instead (through the shell).
    let config = c.fs.read(&format!("{}.runtimeconfig.json", path.trim_end_matches(".dll"))).ok()?;
    let (fw, major) = crate::shell::dotnet_required_framework(&String::from_utf8_lossy(&config))?;
    let installed = match c.fs.get(&format!("{}/shared/{fw}", crate::shell::DOTNET_ROOT)) {
        Ok(Node::Dir { entries, .. }) => entries.keys().any(|v| v.split('.').take(2).collect::<Vec<_>>().join(".") == major),
        _ => false,
    };
    (web && installed && b.unsupported.is_empty()).then_some((b, path))
}

fn block(level: &str, category: &str, msg: &str) -> [String; 2] {
    [format!("{level}: {category}"), format!("      {msg}")]
}

/// The addresses Kestrel binds: (what it logs, port, loopback only), and a warning.
fn addresses(c: &Container, b: &BuiltProgram) -> (Vec<(String, u16, bool)>, Option<String>) {
    let env = super::process::process_env(c);
    let from_url = |u: &str| -> Option<(String, u16, bool)> {
        let rest = u.trim().strip_prefix("http://")?;
        let (host, port) = rest.trim_end_matches('/').rsplit_once(':').unwrap_or((rest, "80"));
        let port: u16 = port.parse().ok()?;
        let shown = match host {
            "+" | "*" | "[::]" => format!("http://[::]:{port}"),
            h => format!("http://{h}:{port}"),
        };
        Some((shown, port, matches!(host, "localhost" | "127.0.0.1" | "[::1]")))
    };
    if let Some(url) = &b.port_env {
        return (url.split(';').filter_map(from_url).collect(), None);
    }
    let ports = env.get("ASPNETCORE_HTTP_PORTS").filter(|p| !p.is_empty());
    if let Some(urls) = env.get("ASPNETCORE_URLS").filter(|u| !u.is_empty()) {
        let warn =
            ports.map(|p| format!("Overriding HTTP_PORTS '{p}' and HTTPS_PORTS ''. Binding to values defined by URLS instead '{urls}'."));
        return (urls.split(';').filter_map(from_url).collect(), warn);
    }
    if let Some(p) = ports {
        return (p.split(';').filter_map(|p| p.trim().parse().ok()).map(|p: u16| (format!("http://[::]:{p}"), p, false)).collect(), None);
    }
    (vec![("http://localhost:5000".into(), 5000, true)], None)
}

/// Starts the app: its console log, then Kestrel serves.
pub fn start(c: &mut Container, b: BuiltProgram, dll: &str, now: i64) -> super::process::Outcome {
    let env = super::process::process_env(c);
    let wd = super::process::workdir(c);
    let mut lines: Vec<String> = Vec::new();
    let (addrs, warn) = addresses(c, &b);
    if b.logger {
        // Razor Pages: antiforgery starts data protection, which says where its keys live.
        let home = env.get("HOME").cloned().unwrap_or_else(|| "/root".into());
        if matches!(c.fs.get(&home), Ok(Node::Dir { .. })) {
            lines.extend(block(
                "warn",
                "Microsoft.AspNetCore.DataProtection.Repositories.FileSystemXmlRepository[60]",
                &format!("Storing keys in a directory '{home}/.aspnet/DataProtection-Keys' that may not be persisted outside of the container. Protected data will be unavailable when container is destroyed. For more information go to https://aka.ms/aspnet/dataprotectionwarning"),
            ));
            let id = crate::digest::sha256_hex(format!("{dll}{now}").as_bytes());
            let key = format!("{}-{}-{}-{}-{}", &id[..8], &id[8..12], &id[12..16], &id[16..20], &id[20..32]);
            lines.extend(block(
                "warn",
                "Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager[35]",
                &format!("No XML encryptor configured. Key {{{key}}} may be persisted to storage in unencrypted form."),
            ));
        } else {
            lines.extend(block(
                "warn",
                "Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager[59]",
                "Neither user profile nor HKLM registry available. Using an ephemeral key repository. Protected data will be unavailable when application exits.",
            ));
        }
    }
    if let Some(w) = warn {
        lines.extend(block("warn", "Microsoft.AspNetCore.Hosting.Diagnostics[15]", &w));
    }
    for (shown, _, _) in &addrs {
        lines.extend(block("info", "Microsoft.Hosting.Lifetime[14]", &format!("Now listening on: {shown}")));
    }
    let environment = env.get("ASPNETCORE_ENVIRONMENT").or(env.get("DOTNET_ENVIRONMENT")).cloned().unwrap_or_else(|| "Production".into());
    lines.extend(block("info", "Microsoft.Hosting.Lifetime[0]", "Application started. Press Ctrl+C to shut down."));
    lines.extend(block("info", "Microsoft.Hosting.Lifetime[0]", &format!("Hosting environment: {environment}")));
    lines.extend(block("info", "Microsoft.Hosting.Lifetime[0]", &format!("Content root path: {wd}")));
    for l in lines {
        c.logs.push((Stream::Stdout, l));
    }
    let port = addrs.first().map_or(5000, |a| a.1);
    let loopback = addrs.first().is_some_and(|a| a.2);
    let web_root = crate::vfs::join(&wd, "wwwroot");
    super::process::Outcome::Serving(Service::Kestrel { port, routes: b.typed_routes(), loopback, web_root })
}

/// Kestrel's answer to `req`: a route (minimal APIs answer only their
/// method; Razor pages GET and HEAD), a file under `wwwroot` (with its
/// validators), or an empty 404.
pub fn respond(
    routes: &[(String, String, String)],
    web_root: &str,
    fs: &crate::vfs::Fs,
    req: &super::http::Request,
    now: i64,
) -> HttpResponse {
    let path = req.target;
    let target = path.split('?').next().unwrap_or(path);
    let target = if target.len() > 1 { target.trim_end_matches('/') } else { target };
    // Routing ignores case.
    let found = routes.iter().find(|(p, _, _)| p.eq_ignore_ascii_case(target));
    let answer = |status: u16, reason: &'static str, content_type: &'static str, body: String, headers| HttpResponse {
        headers,
        status,
        reason,
        content_type,
        body,
        server: "Kestrel".into(),
        log: None,
    };
    let chunked = |ct: &'static str, body: String| answer(200, "OK", ct, body, super::http::kestrel(now, ct, None, None));
    match found {
        Some((p, ty, _)) if ty == crate::shell::JAVA_COMPUTED => {
            let body = format!("dockersim: the handler for GET {p} computes its answer at run time; the simulator serves only fixed answers (() => \"…\")\n");
            let headers = super::http::kestrel(now, "text/plain", Some(body.len()), None);
            answer(501, "Not Implemented", "text/plain", body, headers)
        }
        Some((_, ty, body)) if ty.starts_with("text/html") && req.reads() => chunked("text/html; charset=utf-8", body.clone()),
        Some((_, _, body)) if req.method == "GET" => chunked("text/plain; charset=utf-8", body.clone()),
        Some(_) => {
            let mut headers = super::http::kestrel(now, "", Some(0), None);
            headers.push(("Allow".into(), "GET".into()));
            answer(405, "Method Not Allowed", "", String::new(), headers)
        }
        None => {
            let file = format!("{web_root}{target}");
            match fs.get(&file) {
                Ok(n @ Node::File { content, .. }) if target != "/" && req.reads() => {
                    let (mtime, size) = (n.meta().mtime, content.len() as usize);
                    let ct = content_type(target);
                    if super::http::not_modified(req, &super::http::kestrel_etag(mtime, size), mtime, false) {
                        let mut headers = super::http::kestrel(now, "", None, Some((mtime, size)));
                        headers.retain(|(k, _)| k != "Transfer-Encoding" && k != "Accept-Ranges");
                        return answer(304, "Not Modified", "", String::new(), headers);
                    }
                    let body = String::from_utf8_lossy(&content.to_vec()).into_owned();
                    answer(200, "OK", ct, body, super::http::kestrel(now, ct, Some(size), Some((mtime, size))))
                }
                _ => answer(404, "Not Found", "", String::new(), super::http::kestrel(now, "", Some(0), None)),
            }
        }
    }
}

/// The static file middleware's content types.
fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "css" => "text/css",
        "js" => "text/javascript",
        "html" | "htm" => "text/html",
        "json" => "application/json",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "txt" => "text/plain",
        _ => "application/octet-stream",
    }
}

/// What the app logs when `docker stop` sends SIGTERM.
pub fn shutdown_log() -> Vec<String> {
    block("info", "Microsoft.Hosting.Lifetime[0]", "Application is shutting down...").to_vec()
}
