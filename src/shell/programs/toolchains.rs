//! Toolchains that make artifacts: `go build` and `gcc`/`cc`/`g++` compile
//! the programs tutorials write into executables of a plausible size. An
//! executable is an ELF-looking file that carries, after its header, what
//! the program does as far as the simulator understands its source (the
//! literal prints of `main`, the port and routes of a `net/http` server);
//! running it does that. Source the simulator cannot model builds, and the
//! binary says so with a `dockersim:` line when run.

use super::packages::read_text;
use super::Prog;
use crate::shell::interp::{Flow, Shell};
use crate::vfs::{Content, Node};

type Out = Result<Option<i32>, Flow>;

/// Marks an executable made by a simulated toolchain.
const MARK: &str = "DOCKERSIM-PROGRAM v1\n";

/// What a built program does.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Behaviour {
    /// Text written to stdout, in order.
    pub prints: Vec<String>,
    /// A server's port and its routes (path, body).
    pub listen: Option<u16>,
    pub routes: Vec<(String, String)>,
    /// The web framework serving the routes and its version (`echo v4.10.2`); None: net/http.
    pub framework: Option<String>,
    /// Each route's content type (same order as `routes`; empty: the server's default).
    pub route_types: Vec<String>,
    /// The environment variable that overrides `listen` (`PORT`).
    pub port_env: Option<String>,
    /// Whether the framework's request logger is on (`e.Use(middleware.Logger())`).
    pub logger: bool,
    /// What the source does that the simulator does not model.
    pub unsupported: Vec<String>,
    /// A JVM program's main class (`com.example.demo.DemoApplication`).
    pub main: Option<String>,
    /// A jar whose manifest names its main class (`java -jar` runs it).
    pub manifest: bool,
    /// The artifact's name and version (`demo 0.0.1-SNAPSHOT`).
    pub artifact: Option<String>,
    /// A jar's entries (path, size): what `jar -xf` writes (`jars.rs`).
    pub entries: Vec<(String, u64)>,
    /// A C# console program's statements (`csharp.rs` runs them).
    pub source: Option<String>,
    /// A dynamically linked executable's ELF interpreter (glibc's loader); None: static.
    pub interp: Option<String>,
}

impl Behaviour {
    /// The routes with their content types: (path, content type, body).
    pub fn typed_routes(&self) -> Vec<(String, String, String)> {
        self.routes
            .iter()
            .enumerate()
            .map(|(i, (p, body))| (p.clone(), self.route_types.get(i).cloned().unwrap_or_default(), body.clone()))
            .collect()
    }

    pub fn encode(&self, lang: &str) -> String {
        let esc = |s: &str| s.replace('\\', "\\\\").replace('\n', "\\n");
        let mut t = format!("{MARK}lang {lang}\n");
        for p in &self.prints {
            t.push_str(&format!("print {}\n", esc(p)));
        }
        if let Some(port) = self.listen {
            t.push_str(&format!("listen {port}\n"));
        }
        for (path, body) in &self.routes {
            t.push_str(&format!("route {path} {}\n", esc(body)));
        }
        for ty in &self.route_types {
            t.push_str(&format!("rtype {}\n", esc(ty)));
        }
        if let Some(f) = &self.framework {
            t.push_str(&format!("framework {}\n", esc(f)));
        }
        if let Some(v) = &self.port_env {
            t.push_str(&format!("portenv {}\n", esc(v)));
        }
        if self.logger {
            t.push_str("logger\n");
        }
        for u in &self.unsupported {
            t.push_str(&format!("unsupported {}\n", esc(u)));
        }
        if let Some(m) = &self.main {
            t.push_str(&format!("main {}\n", esc(m)));
        }
        if self.manifest {
            t.push_str("manifest\n");
        }
        if let Some(a) = &self.artifact {
            t.push_str(&format!("artifact {}\n", esc(a)));
        }
        for (path, size) in &self.entries {
            t.push_str(&format!("entry {size} {}\n", esc(path)));
        }
        if let Some(src) = &self.source {
            t.push_str(&format!("source {}\n", esc(src)));
        }
        if let Some(i) = &self.interp {
            t.push_str(&format!("interp {}\n", esc(i)));
        }
        t.push_str("end\n");
        t
    }

    /// Reads the behaviour from an executable's bytes (None: not one of ours).
    pub fn decode(bytes: &[u8]) -> Option<Behaviour> {
        let head = &bytes[..bytes.len().min(256 * 1024)];
        let text = String::from_utf8_lossy(head);
        let start = text.find(MARK)? + MARK.len();
        let unesc = |s: &str| {
            let mut out = String::new();
            let mut it = s.chars();
            while let Some(c) = it.next() {
                if c == '\\' {
                    match it.next() {
                        Some('n') => out.push('\n'),
                        Some(o) => out.push(o),
                        None => {}
                    }
                } else {
                    out.push(c);
                }
            }
            out
        };
        let mut b = Behaviour::default();
        for line in text[start..].lines() {
            let (k, v) = line.split_once(' ').unwrap_or((line, ""));
            match k {
                "print" => b.prints.push(unesc(v)),
                "listen" => b.listen = v.parse().ok(),
                "route" => {
                    let (p, body) = v.split_once(' ').unwrap_or((v, ""));
                    b.routes.push((p.to_string(), unesc(body)));
                }
                "unsupported" => b.unsupported.push(unesc(v)),
                "rtype" => b.route_types.push(unesc(v)),
                "framework" => b.framework = Some(unesc(v)),
                "portenv" => b.port_env = Some(unesc(v)),
                "logger" => b.logger = true,
                "main" => b.main = Some(unesc(v)),
                "manifest" => b.manifest = true,
                "artifact" => b.artifact = Some(unesc(v)),
                "source" => b.source = Some(unesc(v)),
                "entry" => {
                    let (size, path) = v.split_once(' ').unwrap_or(("0", v));
                    b.entries.push((unesc(path), size.parse().unwrap_or(0)));
                }
                "interp" => b.interp = Some(unesc(v)),
                "end" => break,
                _ => {}
            }
        }
        Some(b)
    }
}

/// Whether the file at `path` is an executable a simulated toolchain made.
pub fn behaviour_of(sh: &Shell, path: &str) -> Option<Behaviour> {
    match sh.fs().get(path) {
        Ok(Node::File { content: Content::Bytes(b), .. }) => Behaviour::decode(b),
        _ => None,
    }
}

/// Whether a dynamically linked executable's loader is missing from `fs`
/// (a glibc binary in alpine or scratch): the kernel's exec then fails with ENOENT.
pub fn loader_missing(fs: &crate::vfs::Fs, b: &Behaviour) -> bool {
    let Some(interp) = &b.interp else { return false };
    let name = interp.rsplit('/').next().unwrap_or(interp);
    ![interp.clone(), format!("/lib/x86_64-linux-gnu/{name}"), format!("/usr/lib/x86_64-linux-gnu/{name}")].iter().any(|p| fs.exists(p))
}

/// Runs a built program in the shell: its prints, or the notice for what is not simulated.
pub fn run_built(sh: &mut Shell, b: &Behaviour, program: Option<&str>) -> Result<i32, Flow> {
    for p in &b.prints {
        sh.out_str(p)?;
    }
    if let Some(u) = b.unsupported.first() {
        sh.err_str(&format!("dockersim: {u} is not simulated\n"))?;
        return Ok(1);
    }
    if let Some(port) = b.listen {
        if let Some(path) = program {
            sh.hand_over(vec![path.to_string()])?;
        }
        // A server in a RUN step or an exec would block; the container layer runs it as a service.
        sh.err_str(&format!("dockersim: a server listening on port {port} runs only as a container's main process\n"))?;
        return Ok(1);
    }
    Ok(0)
}

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    let args: Vec<&str> = argv[1..].iter().map(String::as_str).collect();
    match prog.name.as_str() {
        "go" => go(sh, &args).map(Some),
        "gcc" | "cc" | "g++" | "c++" | "clang" | "clang++" => cc(sh, &prog.name, &args).map(Some),
        _ => Ok(None),
    }
}

fn write_binary(sh: &mut Shell, path: &str, b: &Behaviour, lang: &str, size: usize) {
    write_artifact(sh, path, b, lang, size, &[0x7f, b'E', b'L', b'F', 2, 1, 1, 0], 0o755);
}

/// Writes an artifact: the file format's magic bytes, then the behaviour, padded to `size`.
pub(crate) fn write_artifact(sh: &mut Shell, path: &str, b: &Behaviour, lang: &str, size: usize, magic: &[u8], mode: u32) {
    let mut bytes = magic.to_vec();
    bytes.resize(64, 0);
    bytes.extend_from_slice(b.encode(lang).as_bytes());
    bytes.resize(size.max(bytes.len()), 0);
    if let Some(i) = path.rfind('/').filter(|&i| i > 0) {
        let meta = sh.meta(0o755);
        let _ = sh.fs_mut().mkdir_all(&path[..i], meta);
    }
    let meta = sh.meta(mode);
    let _ = sh.fs_mut().remove(path, false);
    let _ = sh.fs_mut().write(path, Content::from_bytes(bytes), meta);
}

// ------------------------------------------------------------------ go ----

/// `GOLANG_VERSION` of the golang images, else the distribution's package
/// apt installed (`golang-go` on Debian 12: golang-1.19-go 1.19.8).
pub(super) fn go_version(sh: &Shell) -> String {
    const DEBS: &[&str] = &["golang-1.24-go", "golang-1.22-go", "golang-1.19-go", "golang-1.18-go", "golang-1.15-go", "golang-1.13-go"];
    sh.var("GOLANG_VERSION").or_else(|| super::packages::installed_version(sh, DEBS, "go")).unwrap_or_else(|| "1.22.10".into())
}

fn go(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    let v = go_version(sh);
    match args.first().copied() {
        Some("version") => {
            sh.out_str(&format!("go version go{v} linux/amd64\n"))?;
            Ok(0)
        }
        Some("build") => go_build(sh, &args[1..]),
        Some("run") => {
            let (b, _) = match go_compile(sh, &args[1..])? {
                Ok(x) => x,
                Err(s) => return Ok(s),
            };
            run_built(sh, &b, None)
        }
        Some("mod") => match args.get(1).copied() {
            Some("init") => {
                let module = args.get(2).map(|s| s.to_string()).unwrap_or_else(|| sh.cwd.rsplit('/').next().unwrap_or("app").to_string());
                let path = sh.abs("go.mod");
                if sh.fs().exists(&path) {
                    sh.err_str(&format!("go: {path} already exists\n"))?;
                    return Ok(1);
                }
                let minor: String = v.split('.').take(2).collect::<Vec<_>>().join(".");
                super::packages::write_text(sh, &path, &format!("module {module}\n\ngo {minor}\n"));
                sh.err_str(&format!("go: creating new go.mod: module {module}\n"))?;
                Ok(0)
            }
            Some("download" | "tidy" | "verify") => {
                if !sh.fs().exists(&sh.abs("go.mod")) {
                    sh.err_str("go: go.mod file not found in current directory or any parent directory; see 'go help modules'\n")?;
                    return Ok(1);
                }
                Ok(0)
            }
            _ => {
                sh.err_str("dockersim: this go mod command is not simulated\n")?;
                Ok(1)
            }
        },
        Some("env") => {
            sh.out_str("GOARCH='amd64'\nGOOS='linux'\nGOPATH='/go'\nGOROOT='/usr/local/go'\n")?;
            Ok(0)
        }
        Some("test") => go_test(sh, &args[1..]),
        Some("vet" | "get" | "install" | "generate") | None => {
            sh.err_str(&format!("dockersim: go {} is not simulated\n", args.first().copied().unwrap_or("")))?;
            Ok(1)
        }
        Some(other) => {
            sh.err_str(&format!("go {other}: unknown command\nRun 'go help' for usage.\n"))?;
            Ok(2)
        }
    }
}

/// `go test [-v] [./... | .]`: the package in the working directory (its tests on `gotest`'s evaluator).
fn go_test(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    let verbose = args.contains(&"-v");
    if let Some(a) = args.iter().find(|a| !matches!(**a, "-v" | "./..." | "." | "./")) {
        sh.err_str(&format!("dockersim: go test {a} is not simulated (go test [-v] [./...] is)\n"))?;
        return Ok(1);
    }
    let Some(go_mod) = read_text(sh, &sh.abs("go.mod")) else {
        sh.err_str("go: go.mod file not found in current directory or any parent directory; see 'go help modules'\n")?;
        return Ok(1);
    };
    let module = go_mod.lines().find_map(|l| l.strip_prefix("module ")).unwrap_or("").trim().to_string();
    let dir = sh.cwd.clone();
    let names: Vec<String> = match sh.fs().get(&dir) {
        Ok(Node::Dir { entries, .. }) => entries.keys().filter(|n| n.ends_with(".go")).cloned().collect(),
        _ => Vec::new(),
    };
    let mut files = Vec::new();
    for n in names {
        let p = crate::vfs::join(&dir, &n);
        if let Some(s) = read_text(sh, &p) {
            files.push((p, s));
        }
    }
    match super::gotest::run(&files, &module, verbose) {
        Ok((out, status)) => {
            sh.out_str(&out)?;
            Ok(status)
        }
        Err(e) => {
            sh.err_str(&format!("dockersim: go test of this code is not simulated ({e})\n"))?;
            Ok(1)
        }
    }
}

/// Reads the package's sources; Ok((behaviour, default output name)) or the status of a failure.
fn go_compile(sh: &mut Shell, args: &[&str]) -> Result<Result<(Behaviour, String), i32>, Flow> {
    let mut targets: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i];
        if matches!(a, "-o" | "-ldflags" | "-tags" | "-gcflags" | "-mod" | "-p") {
            i += 2;
            continue;
        }
        if !a.starts_with('-') {
            targets.push(a);
        }
        i += 1;
    }
    let cwd = sh.cwd.clone();
    let go_mod = read_text(sh, &sh.abs("go.mod"));
    let files_mode = targets.iter().all(|t| t.ends_with(".go")) && !targets.is_empty();
    if !files_mode && go_mod.is_none() {
        sh.err_str("go: go.mod file not found in current directory or any parent directory; see 'go help modules'\n")?;
        return Ok(Err(1));
    }
    let mut sources: Vec<(String, String)> = Vec::new();
    let mut dir = cwd.clone();
    if files_mode {
        for t in &targets {
            let p = sh.abs(t);
            match read_text(sh, &p) {
                Some(s) => sources.push((p, s)),
                None => {
                    sh.err_str(&format!("stat {t}: no such file or directory\n"))?;
                    return Ok(Err(1));
                }
            }
        }
    } else {
        let target = targets.first().copied().unwrap_or(".").trim_end_matches("/...");
        dir = sh.abs(target);
        if let Ok(Node::Dir { entries, .. }) = sh.fs().get(&dir) {
            let names: Vec<String> = entries.keys().filter(|n| n.ends_with(".go") && !n.ends_with("_test.go")).cloned().collect();
            for n in names {
                let p = crate::vfs::join(&dir, &n);
                if let Some(s) = read_text(sh, &p) {
                    sources.push((p, s));
                }
            }
        } else {
            sh.err_str(&format!("stat {dir}: directory not found\n"))?;
            return Ok(Err(1));
        }
        if sources.is_empty() {
            sh.err_str(&format!("no Go files in {dir}\n"))?;
            return Ok(Err(1));
        }
    }
    let all: String = sources.iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>().join("\n");
    if !all.contains("package main") {
        return Ok(Ok((Behaviour::default(), String::new())));
    }
    if !all.contains("func main()") {
        sh.err_str("# command-line-arguments\nruntime.main_main·f: function main is undeclared in the main package\n")?;
        return Ok(Err(1));
    }
    let name = if files_mode {
        sources[0].0.rsplit('/').next().unwrap_or("main").trim_end_matches(".go").to_string()
    } else if dir == cwd {
        go_mod
            .as_deref()
            .and_then(|m| m.lines().find_map(|l| l.strip_prefix("module ")))
            .map(|m| m.trim().rsplit('/').next().unwrap_or("app").to_string())
            .unwrap_or_else(|| dir.rsplit('/').next().unwrap_or("app").to_string())
    } else {
        dir.rsplit('/').next().unwrap_or("app").to_string()
    };
    let mut b = go_behaviour(&all);
    if let Some(f) = &mut b.framework {
        // The framework's version is the one go.mod requires.
        let module = format!("github.com/labstack/{f}/");
        let version = go_mod.as_deref().and_then(|m| {
            m.lines().find_map(|l| {
                l.trim().trim_start_matches("require ").strip_prefix(module.as_str())?.split_whitespace().nth(1).map(str::to_string)
            })
        });
        *f = format!("{f} {}", version.unwrap_or_else(|| "v4.12.0".into()));
    }
    Ok(Ok((b, name)))
}

fn go_build(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    let out = args.iter().position(|a| *a == "-o").and_then(|i| args.get(i + 1)).map(|s| s.to_string());
    let (b, name) = match go_compile(sh, args)? {
        Ok(x) => x,
        Err(s) => return Ok(s),
    };
    if name.is_empty() {
        return Ok(0); // a library package: built and discarded, as go does
    }
    let path = match out {
        Some(o) if o.ends_with('/') || matches!(sh.fs().get(&sh.abs(&o)), Ok(Node::Dir { .. })) => crate::vfs::join(&sh.abs(&o), &name),
        Some(o) => sh.abs(&o),
        None => sh.abs(&name),
    };
    let size = if b.listen.is_some() { 7_340_032 } else { 2_162_688 };
    write_binary(sh, &path, &b, "go", size);
    Ok(0)
}

/// What a Go main package does: fmt prints of literals, a net/http server.
pub fn go_behaviour(src: &str) -> Behaviour {
    let mut b = Behaviour::default();
    let main_body = src.find("func main()").map(|i| &src[i..]).unwrap_or(src);
    // Walk main's calls in order.
    let mut rest = main_body;
    while let Some(i) = rest.find("fmt.Print") {
        let tail = &rest[i..];
        let (newline, open) = if tail.starts_with("fmt.Println(") {
            (true, "fmt.Println(".len())
        } else if tail.starts_with("fmt.Printf(") {
            (false, "fmt.Printf(".len())
        } else if tail.starts_with("fmt.Print(") {
            (false, "fmt.Print(".len())
        } else {
            rest = &tail[9..];
            continue;
        };
        let (args, after) = call_args(&tail[open..]);
        rest = after;
        match args.iter().map(|a| go_literal(a)).collect::<Option<Vec<String>>>() {
            Some(parts) if !parts.is_empty() || newline => {
                let mut text = parts.join(if newline { " " } else { "" });
                if !newline {
                    text = text.replace("%%", "%");
                }
                if newline {
                    text.push('\n');
                }
                b.prints.push(text);
            }
            _ => {
                b.unsupported
                    .push(format!("fmt.Print of a value computed at run time ({})", args.join(", ").chars().take(40).collect::<String>()));
                break;
            }
        }
    }
    // net/http: routes with fixed answers, and the port.
    let mut rest = src;
    while let Some(i) = rest.find("HandleFunc(") {
        let (args, after) = call_args(&rest[i + "HandleFunc(".len()..]);
        rest = after;
        let Some(path) = args.first().and_then(|a| go_literal(a)) else { continue };
        let handler = args.get(1).map(|h| h.trim().to_string()).unwrap_or_default();
        // The handler's body: an inline func or a named one.
        let body_src = if handler.starts_with("func") {
            handler.clone()
        } else {
            src.find(&format!("func {handler}(")).map(|j| src[j..].chars().take(2000).collect()).unwrap_or_default()
        };
        let answer = ["fmt.Fprintf(w,", "fmt.Fprint(w,", "fmt.Fprintln(w,", "w.Write([]byte(", "io.WriteString(w,"]
            .iter()
            .find_map(|m| body_src.find(m).map(|j| (m, j)))
            .and_then(|(m, j)| {
                let (a, _) = call_args(&body_src[j + m.len()..]);
                let lit = a.first().and_then(|x| go_literal(x))?;
                Some(if m.starts_with("fmt.Fprintln") { format!("{lit}\n") } else { lit })
            });
        match answer {
            Some(body) => b.routes.push((path, body)),
            None => b.unsupported.push(format!("the handler for {path} (only fixed answers are simulated)")),
        }
    }
    if let Some(i) = src.find("ListenAndServe(") {
        let (args, _) = call_args(&src[i + "ListenAndServe(".len()..]);
        let addr = args.first().and_then(|a| go_literal(a)).unwrap_or_default();
        match addr.rsplit(':').next().and_then(|p| p.parse().ok()) {
            Some(port) => b.listen = Some(port),
            None => b.unsupported.push("a listen address computed at run time".to_string()),
        }
    } else if src.contains("echo.New()") {
        echo_server(src, &mut b);
    } else if src.contains(".Run(") && src.contains("gin.") {
        b.unsupported.push("a gin web framework server".to_string());
    }
    if b.prints.is_empty() && b.listen.is_none() && b.unsupported.is_empty() {
        b.unsupported.push("this Go program (only fmt prints of literals and net/http servers with fixed answers are)".to_string());
    }
    b
}

/// An echo server: `e.GET(path, handler)` routes answering `c.String`,
/// `c.HTML` or `c.JSON` of a literal, and `e.Start(addr)`.
fn echo_server(src: &str, b: &mut Behaviour) {
    b.framework = Some("echo".into());
    b.logger = src.contains("middleware.Logger()");
    let mut rest = src;
    while let Some(i) = rest.find(".GET(") {
        let (args, after) = call_args(&rest[i + ".GET(".len()..]);
        rest = after;
        let Some(path) = args.first().and_then(|a| go_literal(a)) else { continue };
        let handler = args.get(1).map(|h| h.trim().to_string()).unwrap_or_default();
        let body_src = if handler.starts_with("func") {
            handler.clone()
        } else {
            src.find(&format!("func {handler}(")).map(|j| src[j..].chars().take(2000).collect()).unwrap_or_default()
        };
        let answer = [("c.String(", "text/plain; charset=UTF-8"), ("c.HTML(", "text/html; charset=UTF-8"), ("c.JSON(", "application/json")]
            .iter()
            .find_map(|(m, ty)| body_src.find(m).map(|j| (*m, *ty, j)))
            .and_then(|(m, ty, j)| {
                let (a, _) = call_args(&body_src[j + m.len()..]);
                let value = a.get(1)?;
                let body = if m == "c.JSON(" { go_json(value)? + "\n" } else { go_literal(value)? };
                Some((body, ty))
            });
        match answer {
            Some((body, ty)) => {
                b.routes.push((path, body));
                b.route_types.push(ty.to_string());
            }
            None => b.unsupported.push(format!("the handler for {path} (only c.String, c.HTML and c.JSON of literals are simulated)")),
        }
    }
    if src.contains(".POST(") || src.contains(".PUT(") || src.contains(".DELETE(") {
        b.unsupported.push("echo routes other than GET".to_string());
    }
    let Some(i) = src.find(".Start(") else {
        b.unsupported.push("an echo server started otherwise than with e.Start".to_string());
        return;
    };
    let (args, _) = call_args(&src[i + ".Start(".len()..]);
    let addr = args.first().cloned().unwrap_or_default();
    if let Some(port) = go_literal(&addr).and_then(|a| a.rsplit(':').next().and_then(|p| p.parse().ok())) {
        b.listen = Some(port);
        return;
    }
    // `":" + port` where `port := os.Getenv("PORT")` falls back to a literal.
    let var = addr.rsplit('+').next().unwrap_or("").trim().to_string();
    let env = src.find(&format!("{var} := os.Getenv(")).and_then(|j| {
        let (a, _) = call_args(&src[j + format!("{var} := os.Getenv(").len()..]);
        go_literal(a.first()?)
    });
    let fallback = src.find(&format!("{var} = \"")).and_then(|j| {
        let tail = &src[j + var.len() + 4..];
        go_literal(&format!("\"{}\"", tail.split('"').next()?))?.parse().ok()
    });
    match (env, fallback) {
        (Some(env), Some(port)) if !var.is_empty() => {
            b.listen = Some(port);
            b.port_env = Some(env);
        }
        _ => b.unsupported.push("a listen address computed at run time".to_string()),
    }
}

/// What encoding/json writes for a Go composite literal of strings (a
/// struct in field order, a map with sorted keys) or a string literal.
fn go_json(expr: &str) -> Option<String> {
    let e = expr.trim();
    if let Some(s) = go_literal(e) {
        return Some(json_str(&s));
    }
    let open = e.rfind('{').filter(|_| e.ends_with('}'))?;
    // For `struct{ A string }{A: "x"}` the values are in the last braces.
    let head = &e[..open];
    let (items, _) = call_args(&e[open + 1..]);
    let mut pairs: Vec<(String, String)> = Vec::new();
    for item in items {
        let (k, v) = split_key(&item)?;
        let key = go_literal(k).unwrap_or_else(|| k.trim().to_string());
        let value = go_json(v)?;
        pairs.push((key, value));
    }
    if head.starts_with("map[") || head.ends_with("Map") {
        pairs.sort();
    }
    let body: Vec<String> = pairs.iter().map(|(k, v)| format!("{}:{v}", json_str(k))).collect();
    Some(format!("{{{}}}", body.join(",")))
}

/// `key: value` at the top level of a composite literal's element.
fn split_key(item: &str) -> Option<(&str, &str)> {
    let mut quote = None;
    for (i, c) in item.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '`') => quote = Some(c),
            (None, ':') => return Some((&item[..i], &item[i + 1..])),
            _ => {}
        }
    }
    None
}

fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The arguments of a call starting after its `(`, split at top-level commas; and what follows the `)`.
fn call_args(s: &str) -> (Vec<String>, &str) {
    let mut depth = 0i32;
    let mut args = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut escape = false;
    for (i, c) in s.char_indices() {
        if let Some(q) = quote {
            cur.push(c);
            if escape {
                escape = false;
            } else if c == '\\' && q != '`' {
                escape = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '`' | '\'' => {
                quote = Some(c);
                cur.push(c);
            }
            '(' | '{' | '[' => {
                depth += 1;
                cur.push(c);
            }
            ')' | '}' | ']' if depth == 0 => {
                if !cur.trim().is_empty() {
                    args.push(cur.trim().to_string());
                }
                return (args, &s[i + 1..]);
            }
            ')' | '}' | ']' => {
                depth -= 1;
                cur.push(c);
            }
            ',' if depth == 0 => args.push(std::mem::take(&mut cur).trim().to_string()),
            _ => cur.push(c),
        }
        if i > 20_000 {
            break;
        }
    }
    (args, "")
}

/// A Go (or C) string literal's value: "…" with escapes, or `…`.
fn go_literal(s: &str) -> Option<String> {
    let s = s.trim();
    if let Some(raw) = s.strip_prefix('`').and_then(|r| r.strip_suffix('`')) {
        return Some(raw.to_string());
    }
    let inner = s.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::new();
    let mut it = inner.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                '"' => out.push('"'),
                '\\' => out.push('\\'),
                '\'' => out.push('\''),
                'r' => out.push('\r'),
                _ => return None,
            }
        } else if c == '"' {
            return None;
        } else {
            out.push(c);
        }
    }
    Some(out)
}

// ------------------------------------------------------------------- cc ----

fn cc(sh: &mut Shell, name: &str, args: &[&str]) -> Result<i32, Flow> {
    if args.iter().any(|a| *a == "--version" || *a == "-v") {
        // The gcc image builds GCC itself (`GCC_VERSION`); Debian's package says so in its banner.
        let (label, version) = match sh.var("GCC_VERSION").filter(|v| !v.is_empty()) {
            Some(v) => ("GCC".to_string(), v.to_string()),
            None if sh.fs().exists("/etc/alpine-release") => ("Alpine 13.2.1_git20240309".to_string(), "13.2.1 20240309".to_string()),
            None if sh.fs().exists("/etc/debian_version") => ("Debian 12.2.0-14".to_string(), "12.2.0".to_string()),
            None => ("GCC".to_string(), "12.2.0".to_string()),
        };
        let year = version.split('.').next().and_then(|m| m.parse::<u32>().ok()).map_or(2022, |m| 2010 + m.min(80));
        sh.out_str(&format!("{name} ({label}) {version}\nCopyright (C) {year} Free Software Foundation, Inc.\nThis is free software; see the source for copying conditions.  There is NO\nwarranty; not even for MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.\n\n"))?;
        return Ok(0);
    }
    let out = args.iter().position(|a| *a == "-o").and_then(|i| args.get(i + 1)).map(|s| s.to_string());
    let sources: Vec<&str> = args
        .iter()
        .copied()
        .filter(|a| !a.starts_with('-') && (a.ends_with(".c") || a.ends_with(".cpp") || a.ends_with(".cc") || a.ends_with(".cxx")))
        .collect();
    if sources.is_empty() {
        sh.err_str(&format!("{name}: fatal error: no input files\ncompilation terminated.\n"))?;
        return Ok(1);
    }
    let mut all = String::new();
    for s in &sources {
        match read_text(sh, &sh.abs(s)) {
            Some(t) => all.push_str(&t),
            None => {
                sh.err_str(&format!(
                    "{name}: error: {s}: No such file or directory\n{name}: fatal error: no input files\ncompilation terminated.\n"
                ))?;
                return Ok(1);
            }
        }
    }
    if args.contains(&"-c") {
        let obj = out.unwrap_or_else(|| sources[0].rsplit_once('.').map_or(sources[0], |(a, _)| a).to_string() + ".o");
        let path = sh.abs(&obj);
        write_binary(sh, &path, &c_behaviour(&all), "c", 1_600);
        return Ok(0);
    }
    if !all.contains("main(") {
        sh.err_str("/usr/bin/ld: /usr/lib/x86_64-linux-gnu/Scrt1.o: in function `_start':\n(.text+0x17): undefined reference to `main'\ncollect2: error: ld returned 1 exit status\n")?;
        return Ok(1);
    }
    let path = sh.abs(out.as_deref().unwrap_or("a.out"));
    let size = if args.contains(&"-static") { 900_000 } else { 15_960 };
    write_binary(sh, &path, &c_behaviour(&all), "c", size);
    Ok(0)
}

/// What a C/C++ main does: printf/puts/std::cout of literals.
pub fn c_behaviour(src: &str) -> Behaviour {
    let mut b = Behaviour::default();
    let body = src.find("main(").map(|i| &src[i..]).unwrap_or(src);
    let mut rest = body;
    loop {
        let next = ["printf(", "puts(", "std::cout <<", "cout <<"].iter().filter_map(|m| rest.find(m).map(|i| (i, *m))).min();
        let Some((i, m)) = next else { break };
        let tail = &rest[i + m.len()..];
        if m.ends_with('(') {
            let (args, after) = call_args(tail);
            rest = after;
            match (args.len(), args.first().and_then(|a| go_literal(a))) {
                (1, Some(lit)) => b.prints.push(if m == "puts(" { format!("{lit}\n") } else { lit.replace("%%", "%") }),
                _ => {
                    b.unsupported.push(format!("{}… with values computed at run time", m.trim_end_matches('(')));
                    break;
                }
            }
        } else {
            let end = tail.find(';').unwrap_or(tail.len());
            rest = &tail[end..];
            let mut text = String::new();
            for part in tail[..end].split("<<") {
                let p = part.trim();
                if p == "std::endl" || p == "endl" {
                    text.push('\n');
                } else if let Some(l) = go_literal(p) {
                    text.push_str(&l);
                } else {
                    b.unsupported.push("std::cout of values computed at run time".to_string());
                    break;
                }
            }
            b.prints.push(text);
        }
    }
    if b.prints.is_empty() && b.unsupported.is_empty() {
        b.unsupported.push("this C program (only prints of literals are)".to_string());
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_hello_and_server() {
        let hello =
            "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"Hello, World!\")\n\tfmt.Printf(\"%d%% done\\n\")\n}\n";
        assert_eq!(go_behaviour(hello).prints, ["Hello, World!\n", "%d% done\n"]);
        let server = "package main\nimport (\"fmt\"; \"net/http\")\nfunc main() {\n\thttp.HandleFunc(\"/\", func(w http.ResponseWriter, r *http.Request) {\n\t\tfmt.Fprintf(w, \"Hello, Docker! <3\")\n\t})\n\thttp.HandleFunc(\"/health\", health)\n\thttp.ListenAndServe(\":8080\", nil)\n}\nfunc health(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`OK`)) }\n";
        let b = go_behaviour(server);
        assert_eq!(b.listen, Some(8080));
        assert_eq!(b.routes, [("/".to_string(), "Hello, Docker! <3".to_string()), ("/health".to_string(), "OK".to_string())]);
        let encoded = b.encode("go");
        assert_eq!(Behaviour::decode(encoded.as_bytes()), Some(b));
        let echo = "package main\nfunc main() {\n\te := echo.New()\n\te.Use(middleware.Logger())\n\te.GET(\"/\", func(c echo.Context) error {\n\t\treturn c.HTML(http.StatusOK, \"Hello, Docker! <3\")\n\t})\n\te.GET(\"/health\", func(c echo.Context) error {\n\t\treturn c.JSON(http.StatusOK, struct{ Status string }{Status: \"OK\"})\n\t})\n\te.GET(\"/m\", func(c echo.Context) error { return c.JSON(200, map[string]string{\"b\": \"<\", \"a\": \"x\"}) })\n\tport := os.Getenv(\"PORT\")\n\tif port == \"\" {\n\t\tport = \"8080\"\n\t}\n\te.Logger.Fatal(e.Start(\":\" + port))\n}\n";
        let b = go_behaviour(echo);
        assert!(b.unsupported.is_empty(), "{:?}", b.unsupported);
        assert_eq!((b.listen, b.port_env.as_deref(), b.logger), (Some(8080), Some("PORT"), true));
        assert_eq!(b.routes[1].1, "{\"Status\":\"OK\"}\n");
        assert_eq!(b.routes[2].1, "{\"a\":\"x\",\"b\":\"\\u003c\"}\n");
        assert_eq!(b.route_types[0], "text/html; charset=UTF-8");
        assert_eq!(Behaviour::decode(b.encode("go").as_bytes()), Some(b));
        let computed = "package main\nimport \"fmt\"\nfunc main() { x := 2; fmt.Println(x) }\n";
        assert!(go_behaviour(computed).unsupported[0].starts_with("fmt.Print of a value"));
    }

    #[test]
    fn c_hello() {
        let b = c_behaviour("#include <stdio.h>\nint main(void) {\n  printf(\"Hello from C\\n\");\n  puts(\"bye\");\n  return 0;\n}\n");
        assert_eq!(b.prints, ["Hello from C\n", "bye\n"]);
        let cpp = c_behaviour("#include <iostream>\nint main() { std::cout << \"Hi \" << \"there\" << std::endl; }\n");
        assert_eq!(cpp.prints, ["Hi there\n"]);
    }
}
