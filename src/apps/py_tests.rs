//! One test per feature of the Python evaluator (the table in
//! docs/simulated-programs.md), its errors, runaway programs and fuzzed
//! input; `python_matches_cpython` compares with the real python3's
//! recorded output (tests/python/*.py → *.out, scripts/python-expect.sh).

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

fn env_of(fs: &Fs) -> PyEnv<'_> {
    let env: BTreeMap<String, String> = [("GREETING".to_string(), "hi".to_string())].into_iter().collect();
    PyEnv { fs, env, cwd: "/app".into(), hostname: "c0ffee123456".into(), now: 1_767_225_600, stdin: String::new(), net: None }
}

fn run_file(src: &str) -> PyRun {
    let fs = fs_with(&[("/app/app.py", src)]);
    run_python(env_of(&fs), PyMain::File("/app/app.py"), &["/app/app.py".to_string()])
}

fn out(src: &str) -> String {
    let r = run_file(src);
    assert_eq!(r.stderr, "", "stderr for {src:?}");
    r.stdout
}

#[test]
fn smoke() {
    assert_eq!(out("print(sum(range(10)))"), "45\n");
}

fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The simulated run of a tests/python case, in the recorded format.
fn simulate_case(name: &str, src: &str, stdin: &str) -> String {
    let path = format!("/work/{name}.py");
    let fs = fs_with(&[(&path, src)]);
    let mut e = env_of(&fs);
    e.cwd = "/work".into();
    e.stdin = stdin.to_string();
    let r = run_python(e, PyMain::File(&path), std::slice::from_ref(&path));
    let stderr: String = r
        .stderr
        .lines()
        .filter(|l| !l.trim().chars().all(|c| c == '^' || c == '~') || l.trim().is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    format!("status: {}\n--- stdout\n{}--- stderr\n{stderr}", r.status, r.stdout)
}

fn cases() -> Vec<(String, String, String)> {
    let dir = root().join("tests/python");
    let mut names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".py").map(str::to_string)).collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let src = std::fs::read_to_string(dir.join(format!("{n}.py"))).unwrap();
            let stdin = std::fs::read_to_string(dir.join(format!("{n}.stdin"))).unwrap_or_default();
            (n, src, stdin)
        })
        .collect()
}

#[test]
fn python_matches_cpython() {
    let mut failures = Vec::new();
    for (name, src, stdin) in cases() {
        let want = std::fs::read_to_string(root().join(format!("tests/python/{name}.out"))).unwrap();
        let got = simulate_case(&name, &src, &stdin);
        if got != want {
            failures.push(format!("== {name}\n-- want\n{want}-- got\n{got}"));
        }
    }
    assert!(failures.is_empty(), "{} of the recorded cases differ:\n{}", failures.len(), failures.join("\n"));
}

/// The recordings are what this machine's python3 prints (skipped without
/// python3 unless DOCKERSIM_REQUIRE_ORACLES=1, which makes it fail).
#[test]
fn python_recordings_are_current() {
    let have = std::process::Command::new("python3").arg("--version").output().is_ok();
    if !have {
        assert!(std::env::var("DOCKERSIM_REQUIRE_ORACLES").is_err(), "python3 is required (DOCKERSIM_REQUIRE_ORACLES=1)");
        eprintln!("skipped: python3 not found");
        return;
    }
    let script = root().join("scripts/python-expect.sh");
    let tmp = std::env::temp_dir().join(format!("dockersim-py-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(tmp.join("scripts")).unwrap();
    std::fs::create_dir_all(tmp.join("tests/python")).unwrap();
    std::fs::copy(&script, tmp.join("scripts/python-expect.sh")).unwrap();
    for (name, src, stdin) in cases() {
        std::fs::write(tmp.join(format!("tests/python/{name}.py")), src).unwrap();
        if !stdin.is_empty() {
            std::fs::write(tmp.join(format!("tests/python/{name}.stdin")), stdin).unwrap();
        }
    }
    let st = std::process::Command::new("bash").arg(tmp.join("scripts/python-expect.sh")).output().unwrap();
    assert!(st.status.success(), "{}", String::from_utf8_lossy(&st.stderr));
    for (name, ..) in cases() {
        let fresh = std::fs::read_to_string(tmp.join(format!("tests/python/{name}.out"))).unwrap();
        let kept = std::fs::read_to_string(root().join(format!("tests/python/{name}.out"))).unwrap();
        assert_eq!(fresh, kept, "tests/python/{name}.out is stale: run scripts/python-expect.sh {name}");
    }
    let _ = std::fs::remove_dir_all(&tmp);
}

fn err(src: &str) -> (String, i32) {
    let r = run_file(src);
    (r.stderr, r.status)
}

#[test]
fn print_with_sep_end_and_file() {
    let r = run_file("import sys\nprint(1, 'a', sep='-', end='!\\n')\nprint('oops', file=sys.stderr)\nsys.stdout.write('w\\n')");
    assert_eq!((r.stdout.as_str(), r.stderr.as_str()), ("1-a!\nw\n", "oops\n"));
}

#[test]
fn numbers_ints_floats_and_overflow() {
    assert_eq!(out("print(7 // 2, -7 % 3, 2 ** 10, 7 / 2, 0.1 + 0.2, 1e16, round(2.5))"), "3 2 1024 3.5 0.30000000000000004 1e+16 2\n");
    let (e, s) = err("print(2 ** 64)");
    assert!(e == "dockersim: integers beyond 64 bits are not simulated\n" && s == 1, "{e}");
}

#[test]
fn strings_methods_slicing_and_formatting() {
    assert_eq!(out("s = 'Hello'\nprint(s[1:4], s[::-1], s.upper(), s.replace('l', 'L'), ','.join(['a', 'b']), f'{3.14159:.2f}|{42:>5}|{s!r}', '%s=%d' % ('x', 5), '{} {k}'.format(1, k=2))"), "ell olleH HELLO HeLLo a,b 3.14|   42|'Hello' x=5 1 2\n");
}

#[test]
fn lists_dicts_tuples_sets_and_comprehensions() {
    assert_eq!(out("d = {'a': 1}\nd['b'] = 2\nprint([x * x for x in range(4) if x], {k: v for k, v in d.items()}, sorted({3, 1, 2}), (1,), list(zip('ab', [1, 2])))"), "[1, 4, 9] {'a': 1, 'b': 2} [1, 2, 3] (1,) [('a', 1), ('b', 2)]\n");
}

#[test]
fn unpacking_and_control_flow() {
    assert_eq!(out("a, *b = [1, 2, 3]\nfor i in range(5):\n    if i == 1:\n        continue\n    if i == 3:\n        break\n    print(i, end=' ')\nelse:\n    print('no')\nn = 0\nwhile n < 2:\n    n += 1\nprint(a, b, n)"), "0 2 1 [2, 3] 2\n");
}

#[test]
fn functions_defaults_varargs_kwargs_lambdas_closures() {
    assert_eq!(out("def f(a, b=2, *rest, k=0, **kw):\n    return (a, b, rest, k, kw)\nprint(f(1), f(1, 3, 4, k=5, z=6))\ndef mk():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n        return n\n    return inc\ni = mk(); i()\nprint(i(), (lambda x: x + 1)(1))"), "(1, 2, (), 0, {}) (1, 3, (4,), 5, {'z': 6})\n2 2\n");
    let (e, _) = err("def f(a):\n    pass\nf()");
    assert!(e.ends_with("TypeError: f() missing 1 required positional argument: 'a'\n"), "{e}");
}

#[test]
fn classes_inheritance_super_and_dunders() {
    assert_eq!(out("class A:\n    def __init__(self, n):\n        self.n = n\n    def who(self):\n        return 'A' + str(self.n)\n    def __repr__(self):\n        return f'A({self.n})'\nclass B(A):\n    def who(self):\n        return 'B/' + super().who()\nprint(B(2).who(), [A(1)], isinstance(B(1), A))"), "B/A2 [A(1)] True\n");
}

#[test]
fn exceptions_try_except_finally_raise_and_tracebacks() {
    assert_eq!(
        out("try:\n    {}['k']\nexcept KeyError as e:\n    print('missing', e)\nfinally:\n    print('done')"),
        "missing 'k'\ndone\n"
    );
    let (e, s) = err("def f():\n    raise ValueError('bad')\nf()");
    assert_eq!(e, "Traceback (most recent call last):\n  File \"/app/app.py\", line 3, in <module>\n    f()\n  File \"/app/app.py\", line 2, in f\n    raise ValueError('bad')\nValueError: bad\n");
    assert_eq!(s, 1);
}

#[test]
fn sys_exit_codes_and_argv() {
    let fs = fs_with(&[("/app/app.py", "import sys\nprint(sys.argv)\nsys.exit(int(sys.argv[1]))")]);
    let r = run_python(env_of(&fs), PyMain::File("/app/app.py"), &["app.py".into(), "3".into()]);
    assert_eq!((r.stdout.as_str(), r.status), ("['app.py', '3']\n", 3));
    assert_eq!(run_file("raise SystemExit('bye')").stderr, "bye\n");
}

#[test]
fn python_dash_c_and_stdin_scripts() {
    let fs = Fs::new();
    let r = run_python(env_of(&fs), PyMain::Code("print(sum(range(10)))"), &["-c".into()]);
    assert_eq!(r.stdout, "45\n");
    let r = run_python(env_of(&fs), PyMain::Code("x"), &["-c".into()]);
    assert_eq!(
        r.stderr,
        "Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\nNameError: name 'x' is not defined\n"
    );
    let r = run_python(env_of(&fs), PyMain::Stdin("print('in')\n1 + 1"), &["".into()]);
    assert_eq!(r.stdout, "in\n");
}

#[test]
fn repl_echoes_values_and_keeps_state() {
    let fs = Fs::new();
    let (r, ok) = run_repl(env_of(&fs), &["x = 20\n".to_string()], "x * 2 + 2\n");
    assert_eq!((r.stdout.as_str(), ok), ("42\n", true));
    let (r, ok) = run_repl(env_of(&fs), &[], "'a' + 'b'\nNone\n");
    assert_eq!((r.stdout.as_str(), ok), ("'ab'\n", true));
}

#[test]
fn modules_os_json_time_math_random_platform_socket() {
    assert_eq!(out("import os, json, time, math, random, platform, socket\nprint(os.environ['GREETING'], os.getenv('NOPE', 'd'), os.path.join('/a', 'b'), os.getcwd())\nprint(json.dumps({'a': [1, None]}), json.loads('[1, 2]'), math.sqrt(9))\nt = time.time(); time.sleep(2); print(time.time() - t, socket.gethostname(), platform.system())\nrandom.seed(1); a = random.randint(1, 6); random.seed(1); print(a == random.randint(1, 6))"), "hi d /a/b /app\n{\"a\": [1, null]} [1, 2] 3.0\n2.0 c0ffee123456 Linux\nTrue\n");
    assert_eq!(
        out("import datetime\nprint(datetime.datetime.now().isoformat(), datetime.date.today())"),
        "2026-01-01T00:00:00 2026-01-01\n"
    );
}

#[test]
fn open_reads_and_writes_files() {
    let fs = fs_with(&[
        (
            "/app/app.py",
            "with open('out.txt', 'w') as f:\n    f.write('x\\n')\nprint(open('data.txt').read().strip(), open('out.txt').read())",
        ),
        ("/app/data.txt", "d\n"),
    ]);
    let r = run_python(env_of(&fs), PyMain::File("/app/app.py"), &[]);
    assert_eq!(r.stdout, "d x\n\n");
    assert_eq!(r.written.get("/app/out.txt").map(Vec::as_slice), Some(&b"x\n"[..]));
}

#[test]
fn local_imports_and_missing_modules() {
    let fs = fs_with(&[
        ("/app/app.py", "import helper\nfrom helper import twice\nprint(helper.NAME, twice(4))"),
        ("/app/helper.py", "NAME = 'h'\ndef twice(x):\n    return 2 * x\n"),
    ]);
    assert_eq!(run_python(env_of(&fs), PyMain::File("/app/app.py"), &[]).stdout, "h 8\n");
    let (e, s) = err("import numpy");
    assert!(e.ends_with("ModuleNotFoundError: No module named 'numpy'\n") && s == 1, "{e}");
    let (e, _) = err("import collections");
    assert!(e.starts_with("dockersim: the standard library module 'collections' is not simulated\n"), "{e}");
    let fs = fs_with(&[("/app/app.py", "import pandas"), ("/usr/local/lib/python3.12/site-packages/pandas/__init__.py", "")]);
    let r = run_python(env_of(&fs), PyMain::File("/app/app.py"), &[]);
    assert!(r.stderr.starts_with("dockersim: the installed package 'pandas' is not simulated\n") && r.status == 1, "{}", r.stderr);
}

fn flask_fs(app: &str) -> Fs {
    fs_with(&[
        ("/app/app.py", app),
        ("/usr/local/lib/python3.12/site-packages/flask/__init__.py", ""),
        ("/app/templates/t.html", "<p>{{ name }}</p>{% for i in xs %}[{{ i }}]{% endfor %}\n"),
    ])
}

#[test]
fn flask_routes_params_json_status_and_templates() {
    let app = "from flask import Flask, jsonify, request, render_template\napp = Flask(__name__)\n@app.route('/')\ndef index():\n    return 'hi ' + request.args.get('n', 'x')\n@app.route('/u/<int:uid>')\ndef user(uid):\n    return jsonify(id=uid, ok=True)\n@app.route('/made', methods=['POST'])\ndef made():\n    return {'made': 1}, 201\n@app.route('/t')\ndef t():\n    return render_template('t.html', name='<b>', xs=[1, 2])\nif __name__ == '__main__':\n    app.run(host='0.0.0.0', port=8080)\n";
    let fs = flask_fs(app);
    let r = run_python(env_of(&fs), PyMain::File("/app/app.py"), &[]);
    assert_eq!(r.listening, Some(("0.0.0.0".to_string(), 8080, false)));
    let ask = |m: &str, t: &str| python_request(env_of(&fs), "/app/app.py", None, m, t, "").0;
    let a = ask("GET", "/?n=5");
    assert_eq!((a.status, a.body.as_str()), (200, "hi 5"));
    let a = ask("GET", "/u/7");
    assert_eq!((a.status, a.content_type.as_str(), a.body.as_str()), (200, "application/json", "{\"id\":7,\"ok\":true}\n"));
    assert_eq!(ask("POST", "/made").status, 201);
    assert_eq!(ask("GET", "/made").status, 405);
    assert_eq!(ask("GET", "/nope").status, 404);
    assert_eq!(ask("GET", "/t").body, "<p>&lt;b&gt;</p>[1][2]");
}

#[test]
fn flask_view_errors_answer_500_and_log_the_traceback() {
    let fs = flask_fs("from flask import Flask\napp = Flask(__name__)\n@app.route('/')\ndef index():\n    return 1 / 0\n");
    let (a, log) = python_request(env_of(&fs), "/app/app.py", Some("app"), "GET", "/", "");
    assert_eq!(a.status, 500);
    assert!(log.contains("ERROR in app: Exception on / [GET]") && log.ends_with("ZeroDivisionError: division by zero\n"), "{log}");
}

#[test]
fn fastapi_views_answer_json_and_async_def_runs_only_under_the_framework() {
    let app = "from fastapi import FastAPI\napp = FastAPI()\n@app.get('/')\nasync def root():\n    return {'message': 'Hello World', 'n': [1, 'é']}\n@app.get('/items/{item_id}')\ndef item(item_id):\n    return {'item_id': item_id}\n@app.post('/p')\ndef p():\n    return 'posted'\n";
    let fs = fs_with(&[("/app/app.py", app), ("/usr/local/lib/python3.12/site-packages/fastapi/__init__.py", "")]);
    let ask = |m: &str, t: &str| python_request(env_of(&fs), "/app/app.py", Some("app"), m, t, "").0;
    let a = ask("GET", "/");
    assert_eq!(
        (a.status, a.content_type.as_str(), a.body.as_str()),
        (200, "application/json", "{\"message\":\"Hello World\",\"n\":[1,\"é\"]}")
    );
    assert_eq!(ask("GET", "/items/foo").body, "{\"item_id\":\"foo\"}");
    assert_eq!(ask("POST", "/p").body, "\"posted\"");
    assert_eq!((ask("GET", "/p").status, ask("GET", "/p").body), (405, "{\"detail\":\"Method Not Allowed\"}".to_string()));
    assert_eq!((ask("GET", "/nope").status, ask("GET", "/nope").body), (404, "{\"detail\":\"Not Found\"}".to_string()));
    let direct = "from fastapi import FastAPI\napp = FastAPI()\nasync def f():\n    return 1\nprint(f())\n";
    let fs = fs_with(&[("/app/app.py", direct), ("/usr/local/lib/python3.12/site-packages/fastapi/__init__.py", "")]);
    let r = run_python(env_of(&fs), PyMain::File("/app/app.py"), &[]);
    assert_eq!(r.status, 1);
    assert!(r.stderr.contains("dockersim: calling an async function"), "{}", r.stderr);
}

struct FakeRedis(Fs);
impl PyNet for FakeRedis {
    fn resolve(&mut self, host: &str) -> Option<String> {
        (host == "redis").then(|| "172.18.0.2".into())
    }
    fn redis(&mut self, host: &str, _port: u16, argv: &[String]) -> Result<redis::Reply, NetErr> {
        if host != "redis" {
            return Err(NetErr::Unknown);
        }
        Ok(redis::execute(&mut self.0, argv))
    }
}

#[test]
fn redis_client_commands_and_connection_errors() {
    let fs = fs_with(&[("/usr/local/lib/python3.12/site-packages/redis/__init__.py", "")]);
    let mut net = FakeRedis(Fs::new());
    let code = "import redis\nr = redis.Redis(host='redis', port=6379, decode_responses=True)\nprint(r.ping(), r.incr('hits'), r.incr('hits'), r.set('k', 'v'), r.get('k'), r.get('none'))\nr.rpush('l', 'a', 'b'); r.hset('h', 'f', '1')\nprint(r.lrange('l', 0, -1), r.hgetall('h'), sorted(r.keys('*')), r.delete('k'), r.exists('k'))\nb = redis.Redis(host='redis')\nprint(b.get('hits'))";
    let mut e = env_of(&fs);
    e.net = Some(&mut net);
    let r = run_python(e, PyMain::Code(code), &[]);
    assert_eq!(r.stdout, "True 1 2 True v None\n['a', 'b'] {'f': '1'} ['h', 'hits', 'k', 'l'] 1 0\nb'2'\n", "{}", r.stderr);
    let code = "import redis\ntry:\n    redis.Redis(host='db').incr('x')\nexcept redis.exceptions.ConnectionError as e:\n    print(type(e).__name__, e)";
    let mut e = env_of(&fs);
    e.net = Some(&mut net);
    assert_eq!(
        run_python(e, PyMain::Code(code), &[]).stdout,
        "ConnectionError Error -2 connecting to db:6379. Name or service not known.\n"
    );
}

#[test]
fn redis_server_replies_in_redis_cli_formats() {
    let mut fs = Fs::new();
    let run = |fs: &mut Fs, line: &str| redis::format(&redis::execute(fs, &redis::split_line(line).unwrap()), true);
    assert_eq!(run(&mut fs, "PING"), "PONG");
    assert_eq!(run(&mut fs, "SET foo \"bar baz\""), "OK");
    assert_eq!(run(&mut fs, "GET foo"), "\"bar baz\"");
    assert_eq!(run(&mut fs, "INCR n"), "(integer) 1");
    assert_eq!(run(&mut fs, "GET nope"), "(nil)");
    assert_eq!(run(&mut fs, "KEYS *"), "1) \"foo\"\n2) \"n\"");
    assert_eq!(run(&mut fs, "INCR foo"), "(error) ERR value is not an integer or out of range");
    assert_eq!(run(&mut fs, "LRANGE none 0 -1"), "(empty array)");
    assert!(fs.exists(redis::DUMP), "the data lives in /data");
}

#[test]
fn syntax_and_indentation_errors_in_pythons_words() {
    let (e, s) = err("print('x'");
    assert_eq!((e.as_str(), s), ("  File \"/app/app.py\", line 1\n    print('x'\n         ^\nSyntaxError: '(' was never closed\n", 1));
    let (e, _) = err("if True:\nprint(1)");
    assert!(e.ends_with("IndentationError: expected an indented block after 'if' statement on line 1\n"), "{e}");
    let (e, _) = err("x = 1\n  y = 2");
    assert!(e.ends_with("IndentationError: unexpected indent\n"), "{e}");
}

#[test]
fn runaway_programs_stop() {
    assert!(err("while True:\n    pass").0.contains("dockersim: the program ran more than"));
    assert!(err("def f():\n    return f()\nf()").0.ends_with("RecursionError: maximum recursion depth exceeded\n"));
    assert_eq!(err(&"(".repeat(5000)).1, 1);
    assert!(err("x = 'a'\nwhile True:\n    x = x + x").0.contains("MemoryError"));
    assert!(err("while True:\n    print('y' * 1000)").0.contains("dockersim: the program wrote more than"));
}

#[test]
fn deep_programs_fit_a_one_megabyte_stack() {
    // wasm's stack is 1 MiB; debug builds use the most per frame.
    let run = |src: String| std::thread::Builder::new().stack_size(1 << 20).spawn(move || run_file(&src)).unwrap().join().is_ok();
    assert!(run("(".repeat(5000)));
    assert!(run("x = ".to_string() + &"[".repeat(200) + &"]".repeat(200)));
    assert!(run("def f(n):\n    return 0 if n == 0 else 1 + f(n - 1)\nprint(f(100))".into()));
    assert!(run("def f():\n    return f()\nf()".into()));
    assert!(run("class A:\n    def m(self, n):\n        return self.m(n + 1)\nA().m(0)".into()));
    assert!(run("def f(n):\n    return [f(n + 1) for _ in range(1)]\nf(0)".into()));
}

#[test]
fn fuzzed_programs_never_panic() {
    let pieces = [
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        ":",
        "\n",
        "\n    ",
        "x",
        "1",
        "'s'",
        "f'{",
        "}'",
        ",",
        ".",
        "+",
        "=",
        "def",
        "return",
        "if",
        "for",
        "in",
        "while",
        "class",
        "try",
        "except",
        "lambda",
        "print",
        "import os",
        "*",
        "**",
        "yield",
        "not",
        "%",
        "[1,2][",
        "None",
        "\\",
    ];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..500 {
        let mut src = String::new();
        for _ in 0..(seed % 40) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            src.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            src.push(' ');
        }
        let r = run_file(&src);
        assert!(
            r.status == 0 || r.stderr.lines().last().is_some_and(|l| l.contains("Error") || l.contains("dockersim")),
            "{src:?}: {}",
            r.stderr
        );
    }
}

#[test]
fn packages_in_a_virtual_environment_are_found() {
    let fs = fs_with(&[
        ("/app/app.py", "import flask\nprint(flask.__name__)"),
        ("/opt/venv/lib/python3.12/site-packages/flask/__init__.py", ""),
    ]);
    let mut e = env_of(&fs);
    e.env.insert("PATH".into(), "/opt/venv/bin:/usr/local/bin:/usr/bin".into());
    assert_eq!(run_python(e, PyMain::File("/app/app.py"), &[]).stdout, "flask\n");
}

#[test]
fn string_searches_take_start_and_end() {
    assert_eq!(
        out("s = 'a{b}c{d}'\nprint(s.find('{', 2), s.find('{', 1, 3), s.startswith('b', 2), s.endswith('c', 0, 5), s.count('{', 2))"),
        "5 1 True True 1\n"
    );
}

#[test]
fn objects_answer_in_and_missing_attributes() {
    let code = "class Box:\n    def __contains__(self, x):\n        return x == 3\n    def __getattr__(self, name):\n        return name.upper()\nb = Box()\nprint(3 in b, 4 in b, b.hello)";
    assert_eq!(out(code), "True False HELLO\n");
}

#[test]
fn relative_imports_inside_a_package() {
    let fs = fs_with(&[
        ("/app/main.py", "from pkg import views\nprint(views.hello())"),
        ("/app/pkg/__init__.py", ""),
        ("/app/pkg/util.py", "NAME = 'util'\n"),
        ("/app/pkg/views.py", "from . import util\nfrom .util import NAME\ndef hello():\n    return util.NAME + NAME\n"),
    ]);
    assert_eq!(run_python(env_of(&fs), PyMain::File("/app/main.py"), &[]).stdout, "utilutil\n");
    let (e, _) = err("from . import x");
    assert!(e.ends_with("ImportError: attempted relative import with no known parent package\n"), "{e}");
}

#[test]
fn re_and_pathlib() {
    let code = "import re\nm = re.match(r'(?P<y>\\d+)-(\\d+)', '2024-12 x')\nprint(m.group(0), m.group('y'), m.groups(), re.sub(r'[aeiou]', '_', 'docker'), re.findall(r'\\d', 'a1b22'))\n\
from pathlib import Path\np = Path('/code/mysite/settings.py').resolve().parent.parent\nprint(p, p / 'db.sqlite3', (p / 'x.tar.gz').suffix, repr(Path('a') / 'b'))";
    assert_eq!(out(code), "2024-12 2024 ('2024', '12') d_ck_r ['1', '2', '2']\n/code /code/db.sqlite3 .gz PosixPath('a/b')\n");
}
