//! A Spring Boot web app as a container's main process (`java -jar app.jar`
//! of a jar Maven built, `shell/programs/java.rs`): Spring Boot's banner and
//! start-up log, embedded Tomcat on `server.port` (or `SERVER_PORT`), and
//! the `@GetMapping` routes with fixed answers; other paths get Spring's
//! JSON error.

use super::service::{HttpResponse, Service};
use super::{Container, Stream};
use crate::shell::BuiltProgram;

/// The Spring Boot web app `java ARGS` runs (`-jar app.jar`, a class path,
/// `JarLauncher` in an exploded jar), with the file it came from.
pub fn app(c: &Container, args: &[String]) -> Option<(BuiltProgram, String)> {
    if args.iter().any(|a| a.starts_with("-Djarmode=")) {
        return None; // a jar mode (layertools) runs a tool, not the app
    }
    let wd = super::process::workdir(c);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (b, path) = crate::shell::resolve_java_program(&c.fs, &wd, &args).ok()?;
    let spring = b.framework.as_deref().is_some_and(|f| f.starts_with("spring-boot"));
    (spring && b.listen.is_some() && b.unsupported.is_empty()).then_some((b, path))
}

/// Spring Boot's console time stamp: `2026-01-01T00:00:19.312Z`.
fn stamp(now: i64, ms: i64) -> String {
    let t = now * 1000 + ms;
    format!("{}.{:03}Z", crate::time::rfc3339(t.div_euclid(1000)).trim_end_matches('Z'), t.rem_euclid(1000))
}

/// One log line in Spring Boot's default console pattern.
fn line(now: i64, ms: i64, thread: &str, logger: &str, msg: &str) -> String {
    format!("{}  INFO 1 --- [{thread:>15}] {logger:<40} : {msg}", stamp(now, ms))
}

/// The Spring Boot release the app was built with (its parent POM's).
fn boot_version(b: &BuiltProgram) -> String {
    b.framework.as_deref().and_then(|f| f.split_whitespace().nth(1)).unwrap_or("3.4.0").to_string()
}

/// Starts the app: banner and start-up log, then it serves.
pub fn start(c: &mut Container, b: BuiltProgram, jar: &str, now: i64) -> super::process::Outcome {
    let env = c.config.env_map();
    let port = env.get("SERVER_PORT").and_then(|p| p.parse().ok()).or(b.listen).unwrap_or(8080);
    let boot = boot_version(&b);
    let main = b.main.clone().unwrap_or_else(|| "Application".into());
    let simple = main.rsplit('.').next().unwrap_or(&main).to_string();
    let logger = abbreviate(&main, 39);
    let version = b.artifact.as_deref().and_then(|a| a.split_whitespace().nth(1)).map(|v| format!(" v{v}")).unwrap_or_default();
    let java = env
        .get("JAVA_VERSION")
        .map(|v| v.trim_start_matches("jdk-").split(['+', '_']).next().unwrap_or("17").to_string())
        .unwrap_or_else(|| "17.0.13".into());
    let user = match c.config.user.split(':').next().unwrap_or("") {
        "" | "0" => "root".to_string(),
        u => u.to_string(),
    };
    let wd = super::process::workdir(c);
    // An exploded jar runs from its classes directory.
    let rel = format!("/{}.class", main.replace('.', "/"));
    let jar = jar.strip_suffix(&rel).unwrap_or(jar);
    let tomcat = crate::shell::tomcat_release(&boot);
    let mut lines: Vec<String> = vec![String::new()];
    lines.extend(BANNER.lines().map(str::to_string));
    lines.push(format!(" :: Spring Boot :: {:>23}", format!("(v{boot})")));
    lines.push(String::new());
    let m = "main";
    lines.push(line(
        now,
        412,
        m,
        &logger,
        &format!("Starting {simple}{version} using Java {java} with PID 1 ({jar} started by {user} in {wd})"),
    ));
    lines.push(line(now, 415, m, &logger, "No active profile set, falling back to 1 default profile: \"default\""));
    lines.push(line(now, 1_187, m, "o.s.b.w.embedded.tomcat.TomcatWebServer", &format!("Tomcat initialized with port {port} (http)")));
    lines.push(line(now, 1_201, m, "o.apache.catalina.core.StandardService", "Starting service [Tomcat]"));
    lines.push(line(now, 1_202, m, "o.apache.catalina.core.StandardEngine", &format!("Starting Servlet engine: [Apache Tomcat/{tomcat}]")));
    lines.push(line(now, 1_244, m, "o.a.c.c.C.[Tomcat].[localhost].[/]", "Initializing Spring embedded WebApplicationContext"));
    lines.push(line(
        now,
        1_245,
        m,
        "w.s.c.ServletWebServerApplicationContext",
        "Root WebApplicationContext: initialization completed in 772 ms",
    ));
    let context = if boot.as_str() >= "3.4" { "/" } else { "" };
    lines.push(line(
        now,
        1_562,
        m,
        "o.s.b.w.embedded.tomcat.TomcatWebServer",
        &format!("Tomcat started on port {port} (http) with context path '{context}'"),
    ));
    lines.push(line(now, 1_575, m, &logger, &format!("Started {simple} in 1.412 seconds (process running for 1.687)")));
    for l in lines {
        c.logs.push((Stream::Stdout, l));
    }
    let routes = b.typed_routes();
    super::process::Outcome::Serving(Service::Spring { port, routes, dispatcher_ready: false })
}

/// Logback's `%logger{len}`: leading packages shortened to their initials until the name fits.
fn abbreviate(name: &str, len: usize) -> String {
    if name.len() <= len {
        return name.to_string();
    }
    let parts: Vec<&str> = name.split('.').collect();
    let mut out: Vec<String> = parts.iter().map(|s| s.to_string()).collect();
    for i in 0..parts.len().saturating_sub(1) {
        if out.join(".").len() <= len {
            break;
        }
        out[i] = parts[i].chars().next().map(String::from).unwrap_or_default();
    }
    out.join(".")
}

const BANNER: &str = "  .   ____          _            __ _ _
 /\\\\ / ___'_ __ _ _(_)_ __  __ _ \\ \\ \\ \\
( ( )\\___ | '_ | '_| | '_ \\/ _` | \\ \\ \\ \\
 \\\\/  ___)| |_)| | | | | || (_| |  ) ) ) )
  '  |____| .__|_| |_|_| |_\\__, | / / / /
 =========|_|==============|___/=/_/_/_/";

/// What the DispatcherServlet logs when the first request arrives.
pub fn dispatcher_log(now: i64, port: u16) -> Vec<String> {
    let t = format!("nio-{port}-exec-1");
    vec![
        line(now, 210, &t, "o.a.c.c.C.[Tomcat].[localhost].[/]", "Initializing Spring DispatcherServlet 'dispatcherServlet'"),
        line(now, 210, &t, "o.s.web.servlet.DispatcherServlet", "Initializing Servlet 'dispatcherServlet'"),
        line(now, 211, &t, "o.s.web.servlet.DispatcherServlet", "Completed initialization in 1 ms"),
    ]
}

/// The answer to `req`: a route's fixed text, or Spring's JSON error, as
/// Tomcat sends them (no reason phrase; keep-alive headers).
pub fn respond(routes: &[(String, String, String)], req: &super::http::Request, now: i64) -> HttpResponse {
    let path = req.target;
    let target = path.split('?').next().unwrap_or(path);
    let target = if target.len() > 1 { target.trim_end_matches('/') } else { target };
    let found = routes.iter().find(|(p, _, _)| p == target || (p.is_empty() && target == "/"));
    let (status, content_type, body, length_known) = match found {
        Some((p, ty, _)) if ty == crate::shell::JAVA_COMPUTED => (
            501,
            "text/plain",
            format!("dockersim: the handler for GET {p} computes its answer at run time; the simulator serves only fixed answers (return \"…\";)\n"),
            true,
        ),
        // @GetMapping answers GET and HEAD; other methods get 405.
        Some(_) if !req.reads() => {
            let ts = stamp(now, 0).replace('Z', "+00:00");
            (405, "application/json", format!("{{\"timestamp\":\"{ts}\",\"status\":405,\"error\":\"Method Not Allowed\",\"path\":\"{target}\"}}"), false)
        }
        Some((_, _, body)) => (200, "text/plain;charset=UTF-8", body.clone(), true),
        None => {
            let ts = stamp(now, 0).replace('Z', "+00:00");
            (404, "application/json", format!("{{\"timestamp\":\"{ts}\",\"status\":404,\"error\":\"Not Found\",\"path\":\"{target}\"}}"), false)
        }
    };
    let mut headers = super::http::tomcat(now, content_type, length_known.then_some(body.len()));
    if status == 405 {
        headers.insert(0, ("Allow".into(), "GET,HEAD".into()));
    }
    HttpResponse { headers, status, reason: "", content_type, body, server: String::new(), log: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logger_names_abbreviate_like_logback() {
        assert_eq!(abbreviate("com.example.demo.DemoApplication", 39), "com.example.demo.DemoApplication");
        assert_eq!(abbreviate("com.example.springboot.docker.SpringBootDockerApplication", 39), "c.e.s.d.SpringBootDockerApplication");
    }

    #[test]
    fn unknown_paths_get_springs_json_error() {
        let r = respond(&[("/".into(), "text/plain;charset=UTF-8".into(), "hi".into())], &crate::container::http::Request::get("/nope"), 0);
        assert_eq!(r.status, 404);
        assert!(r.body.contains("\"path\":\"/nope\""));
        assert_eq!(respond(&[("/".into(), String::new(), "hi".into())], &crate::container::http::Request::get("/"), 0).body, "hi");
    }
}
