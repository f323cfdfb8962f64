//! One test per feature of the JavaScript evaluator (the table in
//! docs/simulated-programs.md), its errors, and fuzzed input.

use super::*;
use crate::vfs::{Content, Fs, Meta};

fn fs_with(files: &[(&str, &str)]) -> Fs {
    let mut fs = Fs::new();
    for (p, body) in files {
        if let Some(i) = p.rfind('/').filter(|&i| i > 0) {
            fs.mkdir_all(&p[..i], Meta::new(0o755, 0)).unwrap();
        }
        fs.write(p, Content::from_bytes(body.as_bytes().to_vec()), Meta::new(0o644, 0)).unwrap();
    }
    fs
}

fn node(src: &str) -> NodeRun {
    let fs = fs_with(&[("/app/index.js", src), ("/app/node_modules/express/package.json", "{}")]);
    let env: BTreeMap<String, String> = [("GREETING".to_string(), "hi".to_string())].into_iter().collect();
    run_node(&fs, "/app/index.js", &env, "/app", "c0ffee123456", &[])
}

fn out(src: &str) -> String {
    let r = node(src);
    assert_eq!(r.stderr, "", "stderr for {src:?}");
    r.stdout
}

#[test]
fn console_log_with_concatenation_and_os_hostname() {
    assert_eq!(out("const os = require('os');\nconsole.log(\"hello from \" + os.hostname());"), "hello from c0ffee123456\n");
}

#[test]
fn template_literals_and_process_env() {
    assert_eq!(out("console.log(`${process.env.GREETING}, ${1 + 2} ${process.env.NOPE}`)"), "hi, 3 undefined\n");
    assert_eq!(out("const port = process.env.PORT || 3000; console.log('port', port)"), "port 3000\n");
}

#[test]
fn variables_functions_closures_and_arrows() {
    assert_eq!(out("function add(a, b) { return a + b }\nconst twice = f => x => f(f(x));\nlet n = 1; n += 2; n++;\nconsole.log(add(n, 1), twice(x => x * 3)(2))"), "5 18\n");
}

#[test]
fn objects_arrays_and_json() {
    assert_eq!(out("const o = { a: 1, b: [1, 'x'], c: { d: true } }; o.e = null;\nconsole.log(o);\nconsole.log(JSON.stringify(o));\nconsole.log(JSON.stringify({a:[1,2]}, null, 2))"), "{ a: 1, b: [ 1, 'x' ], c: { d: true }, e: null }\n{\"a\":1,\"b\":[1,\"x\"],\"c\":{\"d\":true},\"e\":null}\n{\n  \"a\": [\n    1,\n    2\n  ]\n}\n");
    assert_eq!(
        out("const {a, b} = {a: 1, b: [2]}; const [x] = b; const {a: y} = {a: 5}; console.log(a, y, Object.keys({p:1,q:2}).join('+'))"),
        "1 5 p+q\n"
    );
}

#[test]
fn control_flow() {
    assert_eq!(out("let s = ''; for (let i = 0; i < 3; i++) { if (i === 1) continue; s += i } let j = 0; while (j < 5) j += 2; for (const c of ['a','b']) s += c; console.log(s, j, true ? 'y' : 'n')"), "02ab 6 y\n");
}

#[test]
fn string_and_array_methods() {
    assert_eq!(out("console.log(' Ab '.trim().toUpperCase(), 'a,b'.split(','), [3,1,2].sort().map(x => x * 2).filter(x => x > 2).join('-'), 'abc'.includes('b'), [1,2,3].reduce((a, b) => a + b, 0))"), "AB [ 'a', 'b' ] 4-6 true 6\n");
}

#[test]
fn require_of_local_modules_and_json() {
    let fs = fs_with(&[
        ("/app/index.js", "const m = require('./lib/math'); const c = require('./config.json'); console.log(m.sq(4), c.name)"),
        ("/app/lib/math.js", "module.exports = { sq: x => x * x };"),
        ("/app/config.json", "{\"name\":\"cfg\"}"),
    ]);
    let r = run_node(&fs, "/app/index.js", &BTreeMap::new(), "/app", "h", &[]);
    assert_eq!((r.stdout.as_str(), r.stderr.as_str()), ("16 cfg\n", ""));
}

#[test]
fn fs_and_path() {
    let fs = fs_with(&[("/app/index.js", "const fs = require('fs'); const path = require('path'); console.log(fs.readFileSync(path.join(__dirname, 'a.txt'), 'utf8').trim(), path.basename('/x/y.js', '.js'))"), ("/app/a.txt", "data\n")]);
    assert_eq!(run_node(&fs, "/app/index.js", &BTreeMap::new(), "/app", "h", &[]).stdout, "data y\n");
}

#[test]
fn express_routes_static_json_and_params() {
    let src = "const express = require('express');\nconst app = express();\napp.use(express.json());\napp.use(express.static('public'));\napp.get('/hi', (req, res) => res.send('Hello ' + (req.query.name || 'world')));\napp.get('/items/:id', (req, res) => { res.status(201).json({ id: req.params.id }) });\napp.listen(3000, () => console.log('Listening on port 3000'));\n";
    let fs =
        fs_with(&[("/app/index.js", src), ("/app/public/index.html", "<h1>Todo</h1>\n"), ("/app/node_modules/express/package.json", "{}")]);
    let r = run_node(&fs, "/app/index.js", &BTreeMap::new(), "/app", "h", &[]);
    assert_eq!((r.stdout.as_str(), r.listening), ("Listening on port 3000\n", Some(3000)));
    let get = |t: &str| node_request(&fs, "/app/index.js", &BTreeMap::new(), "/app", "h", "GET", t, Default::default()).unwrap();
    assert_eq!(get("/").body, "<h1>Todo</h1>\n");
    assert_eq!(get("/hi?name=ann").body, "Hello ann");
    let item = get("/items/7");
    assert_eq!((item.status, item.body.as_str(), item.content_type.as_str()), (201, "{\"id\":\"7\"}", "application/json; charset=utf-8"));
    let missing = get("/nope");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<pre>Cannot GET /nope</pre>"));
}

#[test]
fn http_create_server() {
    let src = "const http = require('http');\nconst server = http.createServer((req, res) => { res.writeHead(200, {'Content-Type': 'text/plain'}); res.end('Hello World\\n'); });\nserver.listen(8080);\n";
    let fs = fs_with(&[("/app/server.js", src)]);
    let r = run_node(&fs, "/app/server.js", &BTreeMap::new(), "/app", "h", &[]);
    assert_eq!(r.listening, Some(8080));
    assert_eq!(
        node_request(&fs, "/app/server.js", &BTreeMap::new(), "/app", "h", "GET", "/", Default::default()).unwrap().body,
        "Hello World\n"
    );
}

#[test]
fn errors_in_nodes_words() {
    let r = node("const a = 1;\nconsole.log(missing);\n");
    assert_eq!(r.status, 1);
    assert!(r.stderr.starts_with("/app/index.js:2\nconsole.log(missing);\n^\n\nReferenceError: missing is not defined\n    at Object.<anonymous> (/app/index.js:2:1)"), "{}", r.stderr);
    assert!(node("let x = ;").stderr.contains("SyntaxError: Unexpected token ';'"));
    assert!(node("require('left-pad')").stderr.contains("Error: Cannot find module 'left-pad'"));
    assert!(node("const o = undefined; o.x").stderr.contains("TypeError: Cannot read properties of undefined (reading 'x')"));
    assert!(node("const f = 1; f()").stderr.contains("TypeError: f is not a function"));
    assert!(node("@Component class A {}").stderr.contains("dockersim: decorators are not simulated"));
    assert!(node("class A {}\nA()").stderr.contains("TypeError: Class constructor A cannot be invoked without 'new'"));
}

#[test]
fn runaway_programs_stop() {
    assert!(node("while (true) {}").stderr.contains("dockersim: the program ran more than"));
    assert!(node("function f() { return f() } f()").stderr.contains("RangeError: Maximum call stack size exceeded"));
    assert!(node(&"(".repeat(5000)).status == 1);
}

#[test]
fn fuzzed_programs_never_panic() {
    let pieces = [
        "(",
        ")",
        "{",
        "}",
        "[",
        "]",
        "=>",
        "x",
        "1",
        "'s'",
        "`a${",
        "}`",
        ";",
        ",",
        ".",
        "+",
        "=",
        "function",
        "return",
        "if",
        "for",
        "const",
        "console.log",
        "require('os')",
        "\n",
        "?.",
        "...",
        "!",
        "new",
        "while",
    ];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..400 {
        let mut src = String::new();
        for _ in 0..(seed % 40) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            src.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            src.push(' ');
        }
        let _ = node(&src);
    }
}

#[test]
fn deep_programs_fit_a_one_megabyte_stack() {
    // wasm's stack is 1 MiB; debug builds use the most per frame. Each
    // program nests as deep as the evaluator lets it, one way or another.
    let run = |src: String| std::thread::Builder::new().stack_size(1 << 20).spawn(move || node(&src)).unwrap().join().is_ok();
    let nest =
        |open: &str, close: &str| format!("function f(n) {{ return n ? {}f(n - 1){} : 0 }}\nf(1000)", open.repeat(40), close.repeat(40));
    assert!(run("(".repeat(5000)));
    assert!(run(format!("{}1{}", "(".repeat(60), ")".repeat(60))));
    assert!(run(format!("console.log({}1{})", "`${".repeat(60), "}`".repeat(60))));
    assert!(run("function f(n) { return n === 0 ? 0 : 1 + f(n - 1) }\nconsole.log(f(20))".into()));
    assert!(run("function f(n) { const x = n ? f(n - 1) : 0; return x }\nf(1000)".into()));
    assert!(run("function f(n) { return n ? [1].map(() => f(n - 1)) : 0 }\nf(1000)".into()));
    for (open, close) in [("1+(", ")"), ("[", "]"), ("new Error(", ")"), ("{a: ", "}"), ("-(", ")")] {
        assert!(run(nest(open, close)), "{open}");
    }
    assert!(run(format!("function f(n) {{ if (n) {{ {} f(n - 1) {} }} }}\nf(1000)", "if (n) {".repeat(40), "}".repeat(40))));
    // Deep data: parsed, built in a loop, printed, serialised, dropped.
    assert!(run(format!("JSON.parse('{}')", "[".repeat(100_000))));
    assert!(run("let o = {}; for (let i = 0; i < 100000; i++) { o = { a: o } }; JSON.stringify(o)".into()));
    assert!(run("let o = []; for (let i = 0; i < 100000; i++) { o = [o] }; console.log(String(o).length)".into()));
}

#[test]
fn recursion_is_bounded_like_v8s_stack() {
    let depth = out("function f(n) { return n === 0 ? 0 : 1 + f(n - 1) }\nlet d = 0\nfor (let i = 1; i < 100; i++) { try { f(i); d = i } catch (e) { break } }\nconsole.log(d)");
    assert!(depth.trim().parse::<u32>().unwrap() >= 20, "{depth}");
    let r = node("function f(n) { return n === 0 ? 0 : 1 + f(n - 1) }\nf(500)");
    assert!(r.stderr.contains("RangeError: Maximum call stack size exceeded"), "{}", r.stderr);
}

#[test]
fn values_that_contain_themselves() {
    assert!(node("const o = {}; o.self = o; JSON.stringify(o)").stderr.contains("TypeError: Converting circular structure to JSON"));
    assert_eq!(out("const a = [1]; a.push(a); console.log(String(a))"), "1,\n");
    assert_eq!(out("const o = {}; o.self = o; console.log('%j', o)"), "[Circular]\n");
}

/// A todo app in the getting-started app's shape, over sqlite3 and uuid.
const TODO_APP: &str = "const express = require('express');\nconst sqlite3 = require('sqlite3').verbose();\nconst { v4: uuid } = require('uuid');\nconst fs = require('fs');\nconst app = express();\napp.use(express.json());\nconst location = '/etc/todos/todo.db';\nlet db;\nif (!fs.existsSync('/etc/todos')) fs.mkdirSync('/etc/todos', { recursive: true });\nnew Promise((acc, rej) => { db = new sqlite3.Database(location, err => { if (err) return rej(err); db.run('CREATE TABLE IF NOT EXISTS todo_items (id varchar(36), name varchar(255), completed boolean)', e => e ? rej(e) : acc()); }); }).then(() => app.listen(3000, () => console.log('Listening on port 3000')));\napp.get('/items', (req, res) => db.all('SELECT * FROM todo_items', (err, rows) => res.send(rows.map(r => Object.assign({}, r, { completed: r.completed === 1 })))));\napp.post('/items', (req, res) => { const item = { id: uuid(), name: req.body.name, completed: false }; db.run('INSERT INTO todo_items (id, name, completed) VALUES (?, ?, ?)', [item.id, item.name, item.completed ? 1 : 0], err => res.send(item)); });\n";

fn todo_fs() -> Fs {
    fs_with(&[
        ("/app/index.js", TODO_APP),
        ("/app/node_modules/express/package.json", "{}"),
        ("/app/node_modules/sqlite3/package.json", "{}"),
        ("/app/node_modules/uuid/package.json", "{}"),
    ])
}

fn serve(fs: &Fs, method: &str, target: &str, body: &str, seed: &str) -> NodeServed {
    let req = NodeReq { method, target, body, content_type: "application/json" };
    let nenv = NodeEnv { net: None, now: 0, seed: seed.into(), mode: Default::default() };
    node_serve(fs, "/app/index.js", &BTreeMap::new(), "/app", "h", &req, nenv)
}

#[test]
fn sqlite3_keeps_rows_in_the_database_file() {
    let mut fs = todo_fs();
    let r = run_node(&fs, "/app/index.js", &BTreeMap::new(), "/app", "h", &[]);
    assert_eq!((r.stdout.as_str(), r.stderr.as_str(), r.listening), ("Listening on port 3000\n", "", Some(3000)));
    assert!(r.written.get("/etc/todos").is_some_and(Option::is_none), "the directory is made");
    apply_written(&mut fs, &r.written, 0);
    let post = serve(&fs, "POST", "/items", "{\"name\":\"Buy milk\"}", "a");
    let body = post.response.unwrap().body;
    assert!(body.starts_with("{\"id\":\"") && body.ends_with("\",\"name\":\"Buy milk\",\"completed\":false}"), "{body}");
    apply_written(&mut fs, &post.written, 0);
    let list = serve(&fs, "GET", "/items", "", "b").response.unwrap().body;
    assert_eq!(list, format!("[{body}]"));
    assert!(String::from_utf8_lossy(&fs.read("/etc/todos/todo.db").unwrap()).starts_with("SQLite format 3\0"));
}

#[test]
fn uuid_v4_is_deterministic_per_seed_and_well_formed() {
    let fs = todo_fs();
    let id = |seed: &str| {
        let b = serve(&fs, "POST", "/items", "{\"name\":\"x\"}", seed).response.unwrap().body;
        b[7..43].to_string()
    };
    let (a, again, b) = (id("one"), id("one"), id("two"));
    assert_eq!(a, again);
    assert_ne!(a, b);
    let parts: Vec<&str> = a.split('-').collect();
    assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), vec![8, 4, 4, 4, 12]);
    assert!(parts[2].starts_with('4') && matches!(parts[3].chars().next(), Some('8' | '9' | 'a' | 'b')), "{a}");
}

#[test]
fn placeholders_bind_as_quoted_literals_outside_strings() {
    assert_eq!(
        js_pkgs::bind("INSERT INTO t VALUES (?, '?', ?)", &[js::Val::Str("it's".into()), js::Val::Num(1.0)]),
        "INSERT INTO t VALUES ('it''s', '?', 1)"
    );
}

#[test]
fn mysql2_without_a_network_says_so() {
    let src = "const mysql = require('mysql2');\nconst pool = mysql.createPool({ host: 'mysql', user: 'root', password: 'secret', database: 'todos' });\npool.query('SELECT 1', (err, rows) => console.log(err, rows));\n";
    let fs = fs_with(&[("/app/index.js", src), ("/app/node_modules/mysql2/package.json", "{}")]);
    let r = run_node(&fs, "/app/index.js", &BTreeMap::new(), "/app", "h", &[]);
    assert!(r.stderr.starts_with("dockersim: mysql2:"), "{r:?}");
    assert_eq!(r.status, 1);
}
