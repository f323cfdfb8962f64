//! What a Rust package is, as far as `cargo` and the binaries it builds
//! need: the manifest (`Cargo.toml`: package name, version, edition,
//! `[[bin]]` targets, dependencies), the lock file's packages, and what
//! `src/main.rs` does — `println!`/`print!` of literals, `#[test]` functions,
//! a Rocket 0.5 app (`#[get("/path")]` handlers returning a string literal,
//! `rocket::build().mount(BASE, routes![…])`) or an axum router
//! (`Router::new().route("/", get(|| async { "…" }))` bound to a literal
//! address).

use super::toolchains::Behaviour;

/// `Cargo.toml`, reduced to what cargo's output and the artifacts name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Manifest {
    pub name: String,
    pub version: String,
    pub edition: String,
    /// `[[bin]]` target names (empty: the package's own name).
    pub bins: Vec<String>,
    /// `[dependencies]` names with their requirement.
    pub deps: Vec<(String, String)>,
    /// A `[workspace]` without a `[package]`.
    pub workspace_only: bool,
}

/// Reads a manifest; Err is cargo's complaint about it.
pub fn manifest(text: &str) -> Result<Manifest, String> {
    let mut m = Manifest::default();
    let mut section = String::new();
    let mut has_package = false;
    let mut bin_open = false;
    for raw in text.lines() {
        let line = raw.split(" #").next().unwrap_or(raw).trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with("[[") {
            section = line.trim_matches(|c| c == '[' || c == ']').trim().to_string();
            bin_open = section == "bin";
            continue;
        }
        if line.starts_with('[') {
            section = line.trim_matches(|c| c == '[' || c == ']').trim().to_string();
            bin_open = false;
            if section == "package" {
                has_package = true;
            }
            if section == "workspace" {
                m.workspace_only = true;
            }
            continue;
        }
        let Some((k, v)) = line.split_once('=') else {
            return Err(format!("invalid TOML: expected `=`, found newline in line `{line}`"));
        };
        let (k, v) = (k.trim(), v.trim());
        let string = v.trim_matches('"').to_string();
        match section.as_str() {
            "package" => match k {
                "name" => m.name = string,
                "version" => m.version = string,
                "edition" => m.edition = string,
                _ => {}
            },
            "bin" if bin_open && k == "name" => m.bins.push(string),
            "dependencies" => {
                let req = if v.starts_with('{') {
                    v.split("version").nth(1).and_then(|r| r.split('"').nth(1)).unwrap_or("*").to_string()
                } else {
                    string
                };
                m.deps.push((k.trim_matches('"').to_string(), req));
            }
            _ => {}
        }
    }
    if has_package {
        m.workspace_only = false;
        if m.name.is_empty() {
            return Err("missing field `name`".into());
        }
    }
    if m.version.is_empty() {
        m.version = "0.0.0".into();
    }
    Ok(m)
}

/// One `[[package]]` of `Cargo.lock`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Locked {
    pub name: String,
    pub version: String,
    /// From a registry (not the workspace's own package).
    pub registry: bool,
    pub deps: Vec<String>,
}

/// The lock file's packages, in file order.
pub fn lock(text: &str) -> Vec<Locked> {
    let mut out: Vec<Locked> = Vec::new();
    let mut in_deps = false;
    for raw in text.lines() {
        let line = raw.trim();
        if line == "[[package]]" {
            out.push(Locked::default());
            in_deps = false;
            continue;
        }
        let Some(p) = out.last_mut() else { continue };
        if in_deps {
            if line.starts_with(']') {
                in_deps = false;
            } else {
                let d = line.trim_matches(|c| c == '"' || c == ',').split(' ').next().unwrap_or("").to_string();
                if !d.is_empty() {
                    p.deps.push(d);
                }
            }
            continue;
        }
        if let Some((k, v)) = line.split_once('=') {
            let v = v.trim().trim_matches('"');
            match k.trim() {
                "name" => p.name = v.to_string(),
                "version" => p.version = v.to_string(),
                "source" => p.registry = v.starts_with("registry+") || v.starts_with("sparse+"),
                "dependencies" => in_deps = !line.ends_with(']'),
                _ => {}
            }
        }
    }
    out
}

/// Crates in a lock file that are built only for other platforms.
fn foreign(name: &str) -> bool {
    [
        "windows",
        "winapi",
        "wasi",
        "wasm-bindgen",
        "js-sys",
        "web-sys",
        "hermit-abi",
        "redox",
        "fuchsia",
        "core-foundation",
        "security-framework",
    ]
    .iter()
    .any(|p| name.starts_with(p))
}

/// The registry crates a build compiles, dependencies first (cargo's
/// `Compiling` order), skipping crates for other platforms and those not
/// reached from the package.
pub fn build_order(locked: &[Locked], root: &str) -> Vec<(String, String)> {
    let find = |n: &str| locked.iter().position(|p| p.name == n);
    let mut order: Vec<usize> = Vec::new();
    let mut seen = vec![false; locked.len()];
    // Iterative depth-first post-order from the root's dependencies.
    let Some(start) = find(root) else { return Vec::new() };
    let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
    seen[start] = true;
    while let Some((i, next)) = stack.pop() {
        let deps = &locked[i].deps;
        if next < deps.len() {
            stack.push((i, next + 1));
            let d = &deps[next];
            if let Some(j) = find(d) {
                if !seen[j] && !foreign(d) {
                    seen[j] = true;
                    stack.push((j, 0));
                }
            }
        } else if i != start {
            order.push(i);
        }
        if order.len() > 2_000 {
            break;
        }
    }
    order.into_iter().map(|i| (locked[i].name.clone(), locked[i].version.clone())).collect()
}

/// A Rust string literal's value: `"…"` with escapes or `r"…"`/`r#"…"#`.
pub fn literal(s: &str) -> Option<String> {
    let s = s.trim();
    if let Some(raw) = s.strip_prefix('r') {
        let hashes = raw.chars().take_while(|c| *c == '#').count();
        let inner = raw[hashes..].strip_prefix('"')?;
        return Some(inner.strip_suffix(&format!("\"{}", "#".repeat(hashes)))?.to_string());
    }
    let inner = s.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::new();
    let mut it = inner.chars().peekable();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                '0' => out.push('\0'),
                '"' => out.push('"'),
                '\'' => out.push('\''),
                '\\' => out.push('\\'),
                '\n' => {
                    while it.peek().is_some_and(|c| c.is_whitespace()) {
                        it.next();
                    }
                }
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

/// The text between the `(` at `open` and its match, and the index after it.
fn group(s: &str, open: usize) -> Option<(&str, usize)> {
    let bytes = s.as_bytes();
    let (o, c) = match bytes.get(open)? {
        b'(' => (b'(', b')'),
        b'[' => (b'[', b']'),
        b'{' => (b'{', b'}'),
        _ => return None,
    };
    let mut depth = 0i32;
    let mut quote = false;
    let mut i = open;
    while i < bytes.len() {
        let b = bytes[i];
        if quote {
            if b == b'\\' {
                i += 1;
            } else if b == b'"' {
                quote = false;
            }
        } else if b == b'"' {
            quote = true;
        } else if b == o {
            depth += 1;
        } else if b == c {
            depth -= 1;
            if depth == 0 {
                return Some((&s[open + 1..i], i + 1));
            }
        }
        i += 1;
    }
    None
}

/// Splits at top-level commas.
fn split_args(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    let mut quote = false;
    let mut esc = false;
    for c in s.chars() {
        if quote {
            cur.push(c);
            if esc {
                esc = false;
            } else if c == '\\' {
                esc = true;
            } else if c == '"' {
                quote = false;
            }
            continue;
        }
        match c {
            '"' => {
                quote = true;
                cur.push(c);
            }
            '(' | '[' | '{' => {
                depth += 1;
                cur.push(c);
            }
            ')' | ']' | '}' => {
                depth -= 1;
                cur.push(c);
            }
            ',' if depth == 0 => out.push(std::mem::take(&mut cur).trim().to_string()),
            _ => cur.push(c),
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// The body of `fn NAME(` (between its braces).
fn fn_body<'a>(src: &'a str, name: &str) -> Option<&'a str> {
    let at = src.find(&format!("fn {name}("))?;
    let open = at + src[at..].find('{')?;
    group(src, open).map(|(b, _)| b)
}

/// `{}`-free format strings only; `{{`/`}}` unescaped.
fn format_literal(args: &str) -> Option<String> {
    let parts = split_args(args);
    let [fmt] = parts.as_slice() else { return None };
    let text = literal(fmt)?;
    let bare = text.replace("{{", "").replace("}}", "");
    if bare.contains('{') || bare.contains('}') {
        return None;
    }
    Some(text.replace("{{", "{").replace("}}", "}"))
}

/// What the package's binary does, read from its sources (`main.rs` and the
/// files beside it, concatenated).
pub fn behaviour(src: &str) -> Behaviour {
    let mut b = Behaviour::default();
    if src.contains("#[launch]") || src.contains("rocket::build()") {
        rocket(src, &mut b);
        return b;
    }
    if src.contains("Router::new()") && src.contains("axum") {
        axum(src, &mut b);
        return b;
    }
    if src.contains("HttpServer::new") {
        b.unsupported.push("an actix-web server".into());
        return b;
    }
    let Some(main) = fn_body(src, "main") else {
        b.unsupported.push("this Rust program (it has no `fn main`)".into());
        return b;
    };
    let mut rest = main;
    loop {
        let next = ["println!(", "print!(", "eprintln!(", "eprint!("].iter().filter_map(|m| rest.find(m).map(|i| (i, *m))).min();
        let Some((i, m)) = next else { break };
        let open = i + m.len() - 1;
        let Some((args, after)) = group(rest, open) else { break };
        let line = m.starts_with("println") || m.starts_with("eprintln");
        if m.starts_with('e') {
            b.unsupported.push("eprintln! (standard error)".into());
            break;
        }
        if args.trim().is_empty() && line {
            b.prints.push("\n".into());
        } else {
            match format_literal(args) {
                Some(mut t) => {
                    if line {
                        t.push('\n');
                    }
                    b.prints.push(t);
                }
                None => {
                    b.unsupported.push(format!("{}… of values computed at run time", m.trim_end_matches('(')));
                    break;
                }
            }
        }
        rest = &rest[after..];
    }
    let other = main
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .any(|l| !(l.starts_with("println!") || l.starts_with("print!") || l.starts_with('"') || l.starts_with(')')));
    if b.unsupported.is_empty() && other && b.prints.is_empty() {
        b.unsupported.push("this Rust program (only println! of literals is)".into());
    }
    b
}

/// The `#[get("/path")] fn name() -> … { "literal" }` handlers of a Rocket app
/// mounted with `.mount(BASE, routes![…])`.
fn rocket(src: &str, b: &mut Behaviour) {
    b.framework = Some("rocket".into());
    b.listen = Some(8000);
    let mut handlers: Vec<(String, String, Option<String>)> = Vec::new(); // (fn, path, body)
    let mut rest = src;
    while let Some(i) = rest.find("#[get(") {
        let tail = &rest[i + "#[get".len()..];
        let Some((args, after)) = group(tail, 0) else { break };
        let path = split_args(args).first().and_then(|a| literal(a)).unwrap_or_default();
        let body_src = &tail[after..];
        let name = body_src.split("fn ").nth(1).and_then(|s| s.split(['(', '<']).next()).unwrap_or("").trim().to_string();
        let body = fn_body(body_src, &name).map(str::trim).and_then(literal);
        handlers.push((name, path, body));
        rest = &tail[after..];
    }
    for verb in ["#[post(", "#[put(", "#[delete(", "#[patch("] {
        if src.contains(verb) {
            b.unsupported.push(format!("Rocket routes other than GET ({})", verb.trim_start_matches("#[").trim_end_matches('(')));
        }
    }
    let mut rest = src;
    while let Some(i) = rest.find(".mount(") {
        let tail = &rest[i + ".mount".len()..];
        let Some((args, after)) = group(tail, 0) else { break };
        let parts = split_args(args);
        let base = parts.first().and_then(|a| literal(a)).unwrap_or_else(|| "/".into());
        let names = parts
            .get(1)
            .and_then(|r| r.strip_prefix("routes!"))
            .map(|r| r.trim_matches(|c| c == '[' || c == ']' || c == '(' || c == ')'))
            .unwrap_or("");
        for n in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let n = n.rsplit("::").next().unwrap_or(n);
            let Some((_, path, body)) = handlers.iter().find(|(f, _, _)| f == n) else { continue };
            let full = match (base.trim_end_matches('/'), path.as_str()) {
                ("", p) => p.to_string(),
                (base, "/") => base.to_string(),
                (base, p) => format!("{base}{p}"),
            };
            match body {
                Some(body) if !path.contains('<') => {
                    b.routes.push((full.clone(), body.clone()));
                    b.route_types.push(format!("({n}) GET {path}"));
                }
                _ => b.unsupported.push(format!("the handler {n} for GET {full} (only fixed string answers are simulated)")),
            }
        }
        rest = &tail[after..];
    }
    if b.routes.is_empty() && b.unsupported.is_empty() {
        b.unsupported.push("a Rocket app without mounted GET routes".into());
    }
}

/// `Router::new().route("/", get(|| async { "…" }))` served on a literal address.
fn axum(src: &str, b: &mut Behaviour) {
    b.framework = Some("axum".into());
    let mut rest = src;
    while let Some(i) = rest.find(".route(") {
        let tail = &rest[i + ".route".len()..];
        let Some((args, after)) = group(tail, 0) else { break };
        let parts = split_args(args);
        let path = parts.first().and_then(|a| literal(a)).unwrap_or_default();
        let handler = parts.get(1).cloned().unwrap_or_default();
        let body = handler
            .strip_prefix("get(")
            .and_then(|h| h.rsplit_once('{'))
            .and_then(|(_, body)| literal(body.trim_end_matches(')').trim().trim_end_matches('}').trim()))
            .or_else(|| {
                let name = handler.strip_prefix("get(")?.trim_end_matches(')').trim().to_string();
                fn_body(src, &name).and_then(|b| literal(b.trim()))
            });
        match body {
            Some(body) => {
                b.routes.push((path, body));
                b.route_types.push("text/plain; charset=utf-8".into());
            }
            None => b.unsupported.push(format!("the handler for {path} (only fixed string answers are simulated)")),
        }
        rest = &tail[after..];
    }
    let addr = src.find("TcpListener::bind(").and_then(|i| {
        let tail = &src[i + "TcpListener::bind".len()..];
        group(tail, 0).and_then(|(a, _)| literal(split_args(a).first()?))
    });
    match addr.and_then(|a| a.rsplit(':').next().and_then(|p| p.parse().ok())) {
        Some(port) => b.listen = Some(port),
        None => b.unsupported.push("an axum server on an address computed at run time".into()),
    }
}

/// The `#[test]` functions' names.
pub fn tests(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = src;
    while let Some(i) = rest.find("#[test]") {
        rest = &rest[i + 7..];
        if let Some(name) = rest.split("fn ").nth(1).and_then(|s| s.split('(').next()) {
            out.push(name.trim().to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROCKET: &str = "#[macro_use]\nextern crate rocket;\n\n#[get(\"/\")]\nfn index() -> &'static str {\n    \"Hello, Docker!\"\n}\n\n#[launch]\nfn rocket() -> _ {\n    rocket::build().mount(\"/\", routes![index])\n}\n";

    #[test]
    fn rocket_routes_and_hello_world() {
        let b = behaviour(ROCKET);
        assert_eq!(b.routes, [("/".to_string(), "Hello, Docker!".to_string())]);
        assert_eq!(b.route_types, ["(index) GET /"]);
        assert!(b.unsupported.is_empty());
        let hello = behaviour("fn main() {\n    println!(\"Hello, world!\");\n    print!(\"{{x}} \");\n}\n");
        assert_eq!(hello.prints, ["Hello, world!\n", "{x} "]);
        assert!(behaviour("fn main() { let x = 1; println!(\"{x}\"); }").unsupported[0].starts_with("println!"));
        let axum = behaviour("use axum::{routing::get, Router};\n#[tokio::main]\nasync fn main() {\n let app = Router::new().route(\"/\", get(|| async { \"Hello, World!\" }));\n let listener = tokio::net::TcpListener::bind(\"0.0.0.0:3000\").await.unwrap();\n axum::serve(listener, app).await.unwrap();\n}\n");
        assert_eq!((axum.listen, axum.routes[0].1.as_str()), (Some(3000), "Hello, World!"));
    }

    #[test]
    fn manifests_locks_and_build_order() {
        let m = manifest("[package]\nname = \"docker-rust-hello\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nrocket = \"0.5\"\nserde = { version = \"1\", features = [\"derive\"] }\n").unwrap();
        assert_eq!((m.name.as_str(), m.deps.len(), m.deps[1].1.as_str()), ("docker-rust-hello", 2, "1"));
        let l = lock("version = 3\n\n[[package]]\nname = \"a\"\nversion = \"1.0.0\"\nsource = \"registry+x\"\ndependencies = [\n \"b\",\n \"windows-sys\",\n]\n\n[[package]]\nname = \"b\"\nversion = \"2.0.0\"\nsource = \"registry+x\"\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\n \"a\",\n]\n\n[[package]]\nname = \"windows-sys\"\nversion = \"0.5.0\"\nsource = \"registry+x\"\n");
        assert_eq!(build_order(&l, "app"), [("b".to_string(), "2.0.0".to_string()), ("a".to_string(), "1.0.0".to_string())]);
        assert_eq!(tests("#[test]\nfn it_works() {}\n#[test]\nfn other() {}"), ["it_works", "other"]);
    }
}
