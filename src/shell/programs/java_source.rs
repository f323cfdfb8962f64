//! What a Java program does, read from its sources as far as the simulator
//! understands them: the literal prints of `main`, and a Spring Boot web
//! app's `@GetMapping` routes with fixed answers. The build tools
//! (`java.rs`) store the result in the artifact; running it does that.

use super::toolchains::Behaviour;

/// A route whose handler computes its answer at run time: served as 501 with
/// a `dockersim:` explanation (`container/service.rs`).
pub const COMPUTED: &str = "dockersim/computed";

/// Source text without comments (string literals kept).
pub fn strip_comments(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let b: Vec<char> = src.chars().collect();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            '"' => {
                out.push('"');
                i += 1;
                while i < b.len() && b[i] != '"' && b[i] != '\n' {
                    if b[i] == '\\' && i + 1 < b.len() {
                        out.push(b[i]);
                        i += 1;
                    }
                    out.push(b[i]);
                    i += 1;
                }
                if i < b.len() {
                    out.push(b[i]);
                    i += 1;
                }
            }
            '/' if b.get(i + 1) == Some(&'/') => {
                while i < b.len() && b[i] != '\n' {
                    i += 1;
                }
            }
            '/' if b.get(i + 1) == Some(&'*') => {
                i += 2;
                while i < b.len() && !(b[i] == '*' && b.get(i + 1) == Some(&'/')) {
                    i += 1;
                }
                i += 2;
                out.push(' ');
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// The text between the brace at `open` and its match (exclusive), and the index after it.
fn block(src: &str, open: usize) -> Option<(&str, usize)> {
    let mut depth = 0usize;
    let mut in_str = false;
    let bytes = src.as_bytes();
    let mut i = open;
    while i < bytes.len() {
        let c = bytes[i];
        if in_str {
            if c == b'\\' {
                i += 1;
            } else if c == b'"' {
                in_str = false;
            }
        } else if c == b'"' {
            in_str = true;
        } else if c == b'{' {
            depth += 1;
        } else if c == b'}' {
            depth -= 1;
            if depth == 0 {
                return Some((&src[open + 1..i], i + 1));
            }
        }
        i += 1;
    }
    None
}

/// A Java string literal or a `+` concatenation of them (None: computed).
pub fn literal(expr: &str) -> Option<String> {
    let mut out = String::new();
    for part in split_top(expr.trim(), '+') {
        let p = part.trim();
        let inner = p.strip_prefix('"')?.strip_suffix('"')?;
        let mut it = inner.chars();
        while let Some(c) = it.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match it.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                '0' => out.push('\0'),
                o => out.push(o),
            }
        }
    }
    Some(out)
}

/// Splits at `sep` outside strings and brackets.
fn split_top(s: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut in_str, mut start) = (0i32, false, 0);
    let mut prev = ' ';
    for (i, c) in s.char_indices() {
        if in_str {
            if c == '"' && prev != '\\' {
                in_str = false;
            }
        } else {
            match c {
                '"' => in_str = true,
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                c if c == sep && depth == 0 => {
                    parts.push(&s[start..i]);
                    start = i + c.len_utf8();
                }
                _ => {}
            }
        }
        prev = if prev == '\\' && c == '\\' { ' ' } else { c };
    }
    parts.push(&s[start..]);
    parts
}

/// The fully qualified names of the classes that declare `main`.
pub fn main_classes(sources: &[(String, String)]) -> Vec<String> {
    let mut out = Vec::new();
    for (_, src) in sources {
        let src = strip_comments(src);
        if let Some(i) = src.find("static void main(") {
            if let Some(class) = class_before(&src, i) {
                out.push(qualified(&src, &class));
            }
        }
    }
    out
}

/// The class declared before position `at`.
fn class_before(src: &str, at: usize) -> Option<String> {
    let head = &src[..at];
    let i = head.rfind("class ")?;
    let name: String = head[i + 6..].trim_start().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    (!name.is_empty()).then_some(name)
}

/// `package a.b;` + class → `a.b.Class`.
fn qualified(src: &str, class: &str) -> String {
    match src.lines().find_map(|l| l.trim().strip_prefix("package ").map(|p| p.trim_end_matches(';').trim().to_string())) {
        Some(p) if !p.is_empty() => format!("{p}.{class}"),
        _ => class.to_string(),
    }
}

/// What the program whose main class is `main` does. `web`: Spring Boot's web
/// starter is on the classpath (a Spring Boot app then serves HTTP).
pub fn behaviour(sources: &[(String, String)], main: &str, web: bool, resources: &[(String, String)]) -> Behaviour {
    let mut b = Behaviour { main: Some(main.to_string()), ..Behaviour::default() };
    let simple = main.rsplit('.').next().unwrap_or(main);
    let stripped: Vec<String> = sources.iter().map(|(_, s)| strip_comments(s)).collect();
    let Some(src) = stripped
        .iter()
        .find(|s| s.contains("static void main(") && class_before(s, s.find("static void main(").unwrap_or(0)).as_deref() == Some(simple))
    else {
        b.unsupported.push(format!("class {main} (its source is not in the build)"));
        return b;
    };
    let start = src.find("static void main(").unwrap_or(0);
    let Some(open) = src[start..].find('{').map(|o| start + o) else { return b };
    let Some((body, _)) = block(src, open) else { return b };
    let spring = src.contains("@SpringBootApplication") && body.contains("SpringApplication.run(");
    for stmt in split_top(body, ';') {
        let s = stmt.trim();
        if s.is_empty() || s.starts_with("SpringApplication.run(") {
            continue;
        }
        let call = ["System.out.println(", "System.out.print(", "System.out.printf("].iter().find(|p| s.starts_with(**p));
        let Some(call) = call else {
            b.unsupported.push(format!("this Java statement in main ({})", s.chars().take(50).collect::<String>()));
            return b;
        };
        let arg = s[call.len()..].strip_suffix(')').unwrap_or("");
        let newline = call.ends_with("println(");
        match (arg.trim().is_empty(), literal(arg)) {
            (true, _) if newline => b.prints.push("\n".into()),
            (_, Some(mut text)) => {
                if call.ends_with("printf(") {
                    text = text.replace("%n", "\n").replace("%%", "%");
                }
                if newline {
                    text.push('\n');
                }
                b.prints.push(text);
            }
            _ => {
                b.unsupported.push(format!("printing a value computed at run time ({})", arg.chars().take(40).collect::<String>()));
                return b;
            }
        }
    }
    if spring {
        b.framework = Some("spring-boot".into());
        if web {
            b.listen = Some(server_port(resources).unwrap_or(8080));
            b.port_env = Some("SERVER_PORT".into());
            for s in &stripped {
                controller_routes(s, &mut b);
            }
        }
    }
    b
}

/// `server.port` from application.properties or application.yml.
fn server_port(resources: &[(String, String)]) -> Option<u16> {
    for (path, text) in resources {
        if path.ends_with("application.properties") {
            if let Some(p) = text
                .lines()
                .find_map(|l| l.trim().strip_prefix("server.port").map(|v| v.trim_start_matches([' ', '=', ':']).trim().to_string()))
            {
                return p.parse().ok();
            }
        }
        if path.ends_with("application.yml") || path.ends_with("application.yaml") {
            let mut in_server = false;
            for l in text.lines() {
                if !l.starts_with(' ') {
                    in_server = l.trim_end() == "server:";
                } else if in_server {
                    if let Some(v) = l.trim().strip_prefix("port:") {
                        return v.trim().parse().ok();
                    }
                }
            }
        }
    }
    None
}

/// The path an annotation names: `("/x")`, `(value = "/x")`, `(path = "/x")`, `({"/x", …})`, none.
fn mapping_path(args: &str) -> Vec<String> {
    let a = args.trim();
    if a.is_empty() {
        return vec![String::new()];
    }
    let mut paths = Vec::new();
    for part in split_top(a, ',') {
        let p = part.trim();
        let v = match p.split_once('=') {
            Some((k, v)) if matches!(k.trim(), "value" | "path") => v.trim(),
            Some(_) => continue,
            None => p,
        };
        let v = v.trim_start_matches('{').trim_end_matches('}');
        for one in split_top(v, ',') {
            if let Some(l) = literal(one) {
                paths.push(l);
            }
        }
    }
    if paths.is_empty() {
        paths.push(String::new());
    }
    paths
}

/// The argument text of the annotation `name` at `at` (after the name).
fn annotation_args(src: &str, at: usize) -> &str {
    let rest = &src[at..];
    if let Some(r) = rest.strip_prefix('(') {
        let mut depth = 1;
        for (i, c) in r.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        return &r[..i];
                    }
                }
                _ => {}
            }
        }
    }
    ""
}

fn join_path(prefix: &str, path: &str) -> String {
    let mut p = format!("{}/{}", prefix.trim_end_matches('/'), path.trim_start_matches('/'));
    if p.len() > 1 {
        p = p.trim_end_matches('/').to_string();
    }
    if !p.starts_with('/') {
        p.insert(0, '/');
    }
    p
}

/// A controller's GET routes: a `@RestController`'s fixed `return "…";`
/// answers, or computed ones; a `@Controller`'s views (a template's name) are
/// computed, as the simulator renders no templates.
fn controller_routes(src: &str, b: &mut Behaviour) {
    let rest_ci = src.find("@RestController").or_else(|| src.find("@Controller").filter(|_| src.contains("@ResponseBody")));
    let views = rest_ci.is_none();
    let Some(ci) = rest_ci.or_else(|| src.find("@Controller")) else {
        return;
    };
    let class_at = src[ci..].find("class ").map(|i| ci + i).unwrap_or(ci);
    // A class-level @RequestMapping prefix.
    let prefix = src[ci..class_at]
        .find("@RequestMapping")
        .map(|i| mapping_path(annotation_args(src, ci + i + "@RequestMapping".len())).remove(0))
        .unwrap_or_default();
    let mut rest = class_at;
    loop {
        let hit = ["@GetMapping", "@RequestMapping"].iter().filter_map(|a| src[rest..].find(a).map(|i| (rest + i, *a))).min();
        let Some((at, name)) = hit else { break };
        let args = annotation_args(src, at + name.len());
        rest = at + name.len() + args.len();
        if name == "@RequestMapping" && args.contains("method") && !args.contains("GET") {
            continue;
        }
        let Some(open) = src[rest..].find('{').map(|o| rest + o) else { break };
        let Some((body, after)) = block(src, open) else { break };
        let signature = &src[rest..open];
        let fixed =
            body.trim().strip_prefix("return ").filter(|_| !views).and_then(|r| r.trim().strip_suffix(';')).and_then(literal).filter(
                |_| {
                    let params = signature.rsplit_once('(').map(|(_, p)| p.trim_end().trim_end_matches(')').trim()).unwrap_or("");
                    params.is_empty() && split_top(body, ';').iter().filter(|s| !s.trim().is_empty()).count() == 1
                },
            );
        for path in mapping_path(args) {
            let full = join_path(&prefix, &path);
            match &fixed {
                Some(text) => {
                    b.routes.push((full, text.clone()));
                    b.route_types.push("text/plain;charset=UTF-8".into());
                }
                None => {
                    b.routes.push((full, String::new()));
                    b.route_types.push(COMPUTED.into());
                }
            }
        }
        rest = after;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(s: &str) -> Vec<(String, String)> {
        vec![("/app/src/main/java/com/example/demo/DemoApplication.java".into(), s.into())]
    }

    #[test]
    fn hello_world_prints() {
        let s = src("public class Hello {\n  // greet\n  public static void main(String[] args) {\n    System.out.println(\"Hello, \" + \"World!\");\n    System.out.print(\"x\");\n  }\n}\n");
        assert_eq!(main_classes(&s), vec!["Hello".to_string()]);
        let b = behaviour(&s, "Hello", false, &[]);
        assert_eq!(b.prints, vec!["Hello, World!\n".to_string(), "x".to_string()]);
        assert!(b.unsupported.is_empty());
    }

    #[test]
    fn spring_routes_and_port() {
        let s = src("package com.example.demo;\n@SpringBootApplication\n@RestController\n@RequestMapping(\"/api\")\npublic class DemoApplication {\n  @GetMapping(\"/\")\n  public String home() { return \"Hello Docker World\"; }\n  @GetMapping(value = \"/greet/{name}\")\n  public String greet(@PathVariable String name) { return \"Hi \" + name; }\n  public static void main(String[] args) { SpringApplication.run(DemoApplication.class, args); }\n}\n");
        assert_eq!(main_classes(&s), vec!["com.example.demo.DemoApplication".to_string()]);
        let res = vec![("src/main/resources/application.properties".to_string(), "server.port=9090\n".to_string())];
        let b = behaviour(&s, "com.example.demo.DemoApplication", true, &res);
        assert_eq!(b.listen, Some(9090));
        assert_eq!(b.routes[0], ("/api".to_string(), "Hello Docker World".to_string()));
        assert_eq!(b.routes[1].0, "/api/greet/{name}");
        assert_eq!(b.route_types[1], COMPUTED);
    }

    #[test]
    fn computed_main_is_unsupported() {
        let s = src("class A { public static void main(String[] a) { int x = 2; System.out.println(x); } }");
        assert!(!behaviour(&s, "A", false, &[]).unsupported.is_empty());
    }
}
