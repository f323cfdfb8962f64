//! Language runtimes, honestly scoped: versions match the image; Node and
//! Python programs run in the evaluators of `crate::apps`. Servers are
//! modelled by the container layer, not here.

use super::Prog;
use crate::shell::interp::{Flow, Shell};

type Out = Result<Option<i32>, Flow>;

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    let args: Vec<&str> = argv[1..].iter().map(String::as_str).collect();
    match prog.name.as_str() {
        "node" | "nodejs" => node(sh, &args).map(Some),
        "nodemon" => nodemon(sh, &args).map(Some),
        "ts-node" | "tsx" | "ts-node-dev" => ts_runner(sh, &prog.name, &args).map(Some),
        "php" => super::php::php(sh, &args).map(Some),
        n if n == "python" || n.starts_with("python3") => python(sh, n, &args).map(Some),
        "go" => {
            let v = super::toolchains::go_version(sh);
            if args.first() == Some(&"version") {
                sh.out_str(&format!("go version go{v} linux/amd64\n"))?;
            }
            Ok(Some(0))
        }
        "nginx" => {
            if args.contains(&"-v") || args.contains(&"-V") {
                let v = sh.var("NGINX_VERSION").unwrap_or_else(|| "1.27.3".into());
                sh.err_str(&format!("nginx version: nginx/{v}\n"))?;
            } else if args.contains(&"-t") {
                sh.err_str("nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n")?;
            } else {
                return server_from_shell(sh, "nginx").map(Some);
            }
            Ok(Some(0))
        }
        "httpd" => {
            if args.contains(&"-v") {
                let v = sh.var("HTTPD_VERSION").unwrap_or_else(|| "2.4.62".into());
                sh.out_str(&format!("Server version: Apache/{v} (Unix)\nServer built:   Dec 26 2024 02:09:55\n"))?;
                return Ok(Some(0));
            }
            server_from_shell(sh, "httpd").map(Some)
        }
        _ => Ok(None),
    }
}

/// A web server started from a shell: only a container's main process
/// serves (the container layer models it), so this says so and fails.
fn server_from_shell(sh: &mut Shell, name: &str) -> Result<i32, Flow> {
    sh.err_str(&format!(
        "dockersim: {name}: starting the server from a shell is not simulated (a container whose main process is {name} serves)\n"
    ))?;
    Ok(1)
}

/// nodemon: its banner, then node on the script. A change to a watched
/// file restarts the app; since every request runs the app again over the
/// current files, the simulation answers with the new code at once.
fn nodemon(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    let pkg = sh.fs().read(&sh.abs("node_modules/nodemon/package.json")).ok();
    let version = pkg
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|v| v["version"].as_str().map(str::to_string))
        .unwrap_or_else(|| "3.1.9".into());
    if args.iter().any(|a| matches!(*a, "-v" | "--version" | "-V")) {
        sh.out_str(&format!("{version}\n"))?;
        return Ok(0);
    }
    let (mut watch, mut ext, mut script, mut rest) = (Vec::new(), None::<String>, None::<String>, Vec::new());
    let mut exec: Option<String> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match *a {
            "-L" | "--legacy-watch" | "-q" | "--quiet" | "-V" | "--verbose" | "-I" | "--no-stdin" => {}
            "-w" | "--watch" => watch.extend(it.next().map(|w| w.to_string())),
            "-x" | "--exec" => exec = it.next().map(|e| e.to_string()),
            "-e" | "--ext" => ext = it.next().map(|e| e.to_string()),
            "-d" | "--delay" | "-i" | "--ignore" | "--signal" => {
                it.next();
            }
            f if f.starts_with('-') && script.is_none() => {
                sh.err_str(&format!("dockersim: nodemon {f} is not simulated\n"))?;
                return Ok(1);
            }
            s if script.is_none() => script = Some(s.to_string()),
            s => rest.push(s.to_string()),
        }
    }
    let script = match script {
        Some(s) => s,
        None => {
            let main = sh
                .fs()
                .read(&sh.abs("package.json"))
                .ok()
                .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
                .and_then(|v| v["main"].as_str().map(str::to_string))
                .unwrap_or_else(|| "index.js".into());
            if sh.fs().read(&sh.abs(&main)).is_err() {
                sh.out_str(&format!("[nodemon] {version}\n"))?;
                sh.err_str("Usage: nodemon [nodemon options] [script.js] [args]\n\n  See \"nodemon --help\" for more.\n\n")?;
                return Ok(0);
            }
            main
        }
    };
    // A `.ts` script runs under ts-node, as nodemon does by default.
    let ts = script.ends_with(".ts") || exec.as_deref().is_some_and(|e| e.contains("ts-node") || e.contains("tsx"));
    let runner = exec.clone().unwrap_or_else(|| if ts { "ts-node".into() } else { "node".into() });
    let ext = ext.unwrap_or_else(|| if ts { "ts,json".into() } else { "js,mjs,json".into() });
    let watched = if watch.is_empty() { "*.*".to_string() } else { watch.join(" ") };
    let shown: Vec<&str> = std::iter::once(script.as_str()).chain(rest.iter().map(String::as_str)).collect();
    sh.out_str(&format!(
        "[nodemon] {version}\n[nodemon] to restart at any time, enter `rs`\n[nodemon] watching path(s): {watched}\n[nodemon] watching extensions: {ext}\n[nodemon] starting `{runner} {}`\n",
        shown.join(" ")
    ))?;
    let watch = (format!("{runner} {}", shown.join(" ")), ext.split(',').map(str::to_string).collect());
    let flags: &[&str] = if ts { &["-r", "ts-node/register"] } else { &[] };
    let status = node_flags(sh, &shown, Some(watch), flags)?;
    // nodemon keeps running after its app ends, waiting for a change.
    if status == 0 {
        sh.out_str("[nodemon] clean exit - waiting for changes before restart\n")?;
    } else {
        sh.err_str("[nodemon] app crashed - waiting for file changes before starting...\n")?;
    }
    // As a main process's script, the container stays up with nodemon waiting.
    let watch = (format!("node {}", shown.join(" ")), ext.split(',').map(str::to_string).collect());
    sh.hand_over_watched(Vec::new(), Some(watch))?;
    Ok(status)
}

/// ts-node and tsx: node with their loader, which strips the types and
/// resolves imports without extensions (`tsx watch FILE` restarts on a change).
fn ts_runner(sh: &mut Shell, name: &str, args: &[&str]) -> Result<i32, Flow> {
    let (flags, watch): (&[&str], bool) = match name {
        "tsx" => (&["--import", "tsx"], args.first() == Some(&"watch")),
        _ => (&["-r", "ts-node/register"], name == "ts-node-dev"),
    };
    if args.iter().any(|a| matches!(*a, "-v" | "--version")) {
        let pkg = if name == "ts-node-dev" { "ts-node-dev" } else { name };
        let version = crate::apps::bundle::installed_version(sh.fs(), &sh.cwd, pkg).unwrap_or_else(|| "10.9.2".into());
        sh.out_str(&format!("v{version}\n"))?;
        return Ok(0);
    }
    let rest: Vec<&str> =
        args.iter().copied().skip(usize::from(name == "tsx" && watch)).filter(|a| !a.starts_with("--") || a.contains('=')).collect();
    let rest: Vec<&str> = rest.into_iter().filter(|a| !matches!(*a, "--respawn" | "--transpile-only" | "-T" | "--files")).collect();
    if rest.is_empty() {
        sh.err_str(&format!("dockersim: {name}: the interactive TypeScript prompt is not simulated\n"))?;
        return Ok(super::NOT_SIMULATED);
    }
    let w = watch.then(|| (format!("{name} {}", args.join(" ")), vec!["ts".to_string(), "js".to_string(), "json".to_string()]));
    node_flags(sh, &rest, w, flags)
}

/// The official images say it in `NODE_VERSION`; a distribution's package
/// in its database (`apt install nodejs` on Ubuntu 22.04 gives 12.22.9).
fn node_version(sh: &Shell) -> String {
    sh.var("NODE_VERSION").or_else(|| super::packages::installed_version(sh, &["nodejs"], "nodejs")).unwrap_or_else(|| "20.18.1".into())
}

/// The interpreters Debian's and Ubuntu's releases package (the versioned
/// one first: its version is the interpreter's, `python3`'s is the
/// metapackage's).
const PYTHON_DEBS: &[&str] = &["python3.13", "python3.12", "python3.11", "python3.10", "python3.9", "python3.8", "python3"];

/// As [`node_version`]: `PYTHON_VERSION`, else the distribution's python3.
pub(super) fn python_version(sh: &Shell) -> String {
    sh.var("PYTHON_VERSION").or_else(|| super::packages::installed_version(sh, PYTHON_DEBS, "python3")).unwrap_or_else(|| "3.12.8".into())
}

fn node(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    node_with(sh, args, None)
}

/// `node ARGS`; `watch`: nodemon runs it (what it shows, the extensions).
fn node_with(sh: &mut Shell, args: &[&str], watch: Option<(String, Vec<String>)>) -> Result<i32, Flow> {
    node_flags(sh, args, watch, &[])
}

/// [`node_with`] after the `flags` already read.
fn node_flags(sh: &mut Shell, args: &[&str], watch: Option<(String, Vec<String>)>, flags: &[&str]) -> Result<i32, Flow> {
    let version = node_version(sh);
    match args.first().copied() {
        Some("-v" | "--version") => {
            sh.out_str(&format!("v{version}\n"))?;
            Ok(0)
        }
        // Flags that change nothing the simulation shows, then the program.
        Some(f)
            if NODE_QUIET_FLAGS.contains(&f)
                || f.starts_with("--experimental-")
                || f.starts_with("--max-old-space-size=")
                || f.starts_with("--require=")
                || f.starts_with("--import=")
                || f.starts_with("--loader=") =>
        {
            node_flags(sh, &args[1..], watch, &[flags, &args[..1]].concat())
        }
        Some("-r" | "--require" | "--import" | "--loader" | "--experimental-loader") if args.len() >= 2 => {
            node_flags(sh, &args[2..], watch, &[flags, &args[..2]].concat())
        }
        // The program on stdin (`echo 'console.log(1)' | node`); an empty stdin runs nothing, as node does.
        None | Some("-") => {
            let code = String::from_utf8_lossy(&std::mem::take(&mut sh.stdin)).into_owned();
            if code.trim().is_empty() {
                return Ok(0);
            }
            node(sh, &["-e", &code])
        }
        Some(flag @ ("-e" | "--eval" | "-p" | "--print")) => {
            let code = args.get(1).copied().unwrap_or("");
            // -p prints the value of the last expression.
            let code = if flag.contains('p') { format!("console.log({})", code.trim().trim_end_matches(';')) } else { code.to_string() };
            let hostname = super::clock::hostname(sh);
            let env = sh.env();
            let cwd = sh.cwd.clone();
            let r = crate::apps::run_node_eval(sh.fs(), &code, &env, &cwd, &hostname);
            sh.out_str(&r.stdout)?;
            sh.err_str(&r.stderr)?;
            Ok(r.status)
        }
        Some(file) if !file.starts_with('-') => {
            let path = sh.abs(file);
            match sh.fs().read(&path) {
                Ok(_) => {
                    let hostname = super::clock::hostname(sh);
                    let argv: Vec<String> = ["/usr/local/bin/node".to_string(), path.clone()]
                        .into_iter()
                        .chain(args[1..].iter().map(|a| a.to_string()))
                        .collect();
                    let env = sh.env();
                    let cwd = sh.cwd.clone();
                    let now = sh.now();
                    let seed = format!("{hostname}/{now}/0");
                    let mode = crate::apps::NodeMode::from_flags(flags, &version);
                    let r = {
                        let (fs, net) = sh.fs_and_net();
                        crate::apps::run_node_in(fs, &path, &env, &cwd, &hostname, &argv, crate::apps::NodeEnv { net, now, seed, mode })
                    };
                    if r.listening.is_some() {
                        let mut node_argv: Vec<String> = std::iter::once("node").chain(flags.iter().copied()).map(str::to_string).collect();
                        node_argv.push(path.clone());
                        node_argv.extend(args[1..].iter().map(|a| a.to_string()));
                        sh.hand_over_watched(node_argv, watch.clone())?;
                    }
                    crate::apps::apply_written(sh.fs_mut(), &r.written, now);
                    sh.out_str(&r.stdout)?;
                    sh.err_str(&r.stderr)?;
                    if let Some(port) = r.listening {
                        sh.err_str(&format!(
                            "dockersim: the server on port {port} runs only as a container's main process (docker run); here it stops\n"
                        ))?;
                    }
                    Ok(r.status)
                }
                Err(_) => {
                    let text = format!("node:internal/modules/cjs/loader:1228\n  throw err;\n  ^\n\nError: Cannot find module '{path}'\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)\n    at Module._load (node:internal/modules/cjs/loader:1051:27)\n    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:174:12)\n    at node:internal/main/run_main_module:28:49 {{\n  code: 'MODULE_NOT_FOUND',\n  requireStack: []\n}}\n\nNode.js v{version}\n");
                    sh.err_str(&text)?;
                    Ok(1)
                }
            }
        }
        Some(f) if f.starts_with("--") || f.len() == 2 => {
            sh.err_str(&format!("node: bad option: {f}\n"))?;
            Ok(9)
        }
        Some(f) => {
            sh.err_str(&format!("dockersim: node {f} is not simulated\n"))?;
            Ok(1)
        }
    }
}

/// node's flags that change nothing the simulation shows.
const NODE_QUIET_FLAGS: &[&str] = &[
    "--inspect",
    "--inspect-brk",
    "--trace-warnings",
    "--enable-source-maps",
    "--no-warnings",
    "--no-deprecation",
    "--expose-gc",
    "--trace-uncaught",
    "--preserve-symlinks",
];

fn python(sh: &mut Shell, name: &str, args: &[&str]) -> Result<i32, Flow> {
    let version = python_version(sh);
    match args.first().copied() {
        // Flags that change nothing the simulation shows, then the program.
        Some("-u" | "-B" | "-O" | "-OO" | "-q" | "-s" | "-S" | "-E" | "-I" | "-b" | "-bb" | "-d" | "-v" | "-P" | "-R") => {
            python(sh, name, &args[1..])
        }
        Some("-W" | "-X") => python(sh, name, args.get(2..).unwrap_or(&[])),
        Some("-V" | "--version") => {
            sh.out_str(&format!("Python {version}\n"))?;
            Ok(0)
        }
        Some("-m") if args.get(1) == Some(&"pip") => {
            let rest: Vec<String> = std::iter::once("pip".to_string()).chain(args[2..].iter().map(|s| s.to_string())).collect();
            super::packages::run(sh, &super::Prog { name: "pip".into(), busybox: false }, &rest).map(|s| s.unwrap_or(0))
        }
        Some("-m") if args.get(1) == Some(&"json.tool") => json_tool(sh, &args[2..]),
        Some("-m") if args.get(1) == Some(&"venv") => {
            let Some(dir) = args[2..].iter().find(|a| !a.starts_with('-')) else {
                sh.err_str("usage: venv [-h] [--system-site-packages] [--symlinks | --copies] [--clear] [--upgrade] [--without-pip] [--prompt PROMPT] [--upgrade-deps] ENV_DIR [ENV_DIR ...]\nvenv: error: the following arguments are required: ENV_DIR\n")?;
                return Ok(2);
            };
            let root = sh.abs(dir);
            let minor: String = version.split('.').take(2).collect::<Vec<_>>().join(".");
            super::packages::write_text(sh, &format!("{root}/pyvenv.cfg"), &format!("home = /usr/local/bin\ninclude-system-site-packages = false\nversion = {version}\nexecutable = /usr/local/bin/python{minor}\ncommand = /usr/local/bin/python3 -m venv {root}\n"));
            super::packages::write_text(sh, &format!("{root}/bin/activate"), &format!("# This file must be used with \"source bin/activate\" *from bash*\nVIRTUAL_ENV=\"{root}\"\nexport VIRTUAL_ENV\nPATH=\"$VIRTUAL_ENV/bin:$PATH\"\nexport PATH\n"));
            for (link, target) in
                [("python", "/usr/local/bin/python3"), ("python3", "python"), (&format!("python{minor}") as &str, "python")]
            {
                super::packages::write_link(sh, &format!("{root}/bin/{link}"), target);
            }
            for p in ["pip", "pip3"] {
                super::packages::write_link(sh, &format!("{root}/bin/{p}"), "/usr/local/bin/pip");
            }
            let meta = sh.meta(0o755);
            let _ = sh.fs_mut().mkdir_all(&format!("{root}/lib/python{minor}/site-packages"), meta);
            Ok(0)
        }
        // `python -m django …` is django-admin (when Django is installed).
        Some("-m") if args.get(1) == Some(&"django") => {
            let minor: String = version.split('.').take(2).collect::<Vec<_>>().join(".");
            let main = format!("/usr/local/lib/python{minor}/site-packages/django/__main__.py");
            let argv: Vec<String> = std::iter::once(main).chain(args[2..].iter().map(|a| a.to_string())).collect();
            run_py(
                sh,
                crate::apps::PyMain::Code("from django.core.management import execute_from_command_line\nexecute_from_command_line()\n"),
                &argv,
                name,
            )
        }
        Some("-m") if args.get(1).is_some_and(|m| !matches!(*m, "pip" | "flask")) => {
            let module = args.get(1).copied().unwrap_or("");
            sh.err_str(&format!("dockersim: python3 -m {module} is not simulated\n"))?;
            Ok(1)
        }
        Some("-c") => {
            let Some(code) = args.get(1) else {
                sh.err_str("Argument expected for the -c option\nusage: python3 [option] ... [-c cmd | -m mod | file | -] [arg] ...\nTry `python -h' for more information.\n")?;
                return Ok(2);
            };
            let argv: Vec<String> = std::iter::once("-c".to_string()).chain(args[2..].iter().map(|a| a.to_string())).collect();
            run_py(sh, crate::apps::PyMain::Code(code), &argv, name)
        }
        Some(file) if !file.starts_with('-') => {
            let path = sh.abs(file);
            let argv: Vec<String> = args.iter().map(|a| a.to_string()).collect();
            let status = run_py(sh, crate::apps::PyMain::File(&path), &argv, name)?;
            Ok(status)
        }
        Some("-") | None => {
            let src = String::from_utf8_lossy(&sh.stdin).into_owned();
            if src.is_empty() && args.is_empty() {
                return Ok(0);
            }
            let argv: Vec<String> = std::iter::once(String::new()).chain(args.iter().skip(1).map(|a| a.to_string())).collect();
            run_py(sh, crate::apps::PyMain::Stdin(&src), &argv, name)
        }
        Some(f) if f.starts_with("--") || (f.len() == 2 && !matches!(f, "-h" | "-i" | "-m")) => {
            let what = if f.starts_with("--") { format!("unknown option {f}") } else { format!("Unknown option: {f}") };
            sh.err_str(&format!(
                "{what}\nusage: {name} [option] ... [-c cmd | -m mod | file | -] [arg] ...\nTry `python -h' for more information.\n"
            ))?;
            Ok(2)
        }
        Some(f) => {
            sh.err_str(&format!("dockersim: {name} {f} is not simulated\n"))?;
            Ok(1)
        }
    }
}

/// Runs a Python program with the evaluator; files it wrote land in the shell's filesystem.
fn run_py(sh: &mut Shell, main: crate::apps::PyMain, argv: &[String], name: &str) -> Result<i32, Flow> {
    let hostname = super::clock::hostname(sh);
    let env = sh.env();
    let cwd = sh.cwd.clone();
    let now = sh.now();
    let stdin = match main {
        crate::apps::PyMain::Stdin(_) => String::new(),
        _ => String::from_utf8_lossy(&sh.stdin).into_owned(),
    };
    let penv = crate::apps::PyEnv { fs: sh.fs(), env, cwd, hostname, now, stdin, net: None };
    let is_file = matches!(main, crate::apps::PyMain::File(_));
    let r = crate::apps::run_python(penv, main, argv);
    if r.listening.is_some() && is_file {
        sh.hand_over(std::iter::once(name.to_string()).chain(argv.iter().cloned()).collect())?;
    }
    for dir in &r.dirs {
        let meta = sh.meta(0o755);
        let _ = sh.fs_mut().mkdir_all(dir, meta);
    }
    for (path, bytes) in &r.written {
        super::packages::write_text(sh, path, &String::from_utf8_lossy(bytes));
        if let Some(mode) = r.modes.get(path) {
            if let Ok(mut node) = sh.fs().get(path).cloned() {
                node.meta_mut().mode = *mode;
                let _ = sh.fs_mut().insert(path, node);
            }
        }
    }
    sh.out_str(&r.stdout)?;
    if let Some(dj) = &r.django {
        for (err, line) in &dj.banner {
            if *err {
                sh.err_str(&format!("{line}\n"))?;
            } else {
                sh.out_str(&format!("{line}\n"))?;
            }
        }
    }
    sh.err_str(&r.stderr.replacen("python3: can't open", &format!("{name}: can't open"), 1))?;
    if let Some((_, port, _)) = r.listening {
        sh.err_str(&format!("dockersim: the server on port {port} runs only as a container's main process (docker run); here it stops\n"))?;
    }
    Ok(r.status)
}

/// `python3 -m json.tool [FILE]`: the JSON re-indented by four spaces, as Python's json module writes it.
fn json_tool(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    let text = match args.iter().find(|a| !a.starts_with('-')) {
        Some(f) => match sh.fs().read(&sh.abs(f)) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(_) => {
                sh.err_str(&format!("usage: python -m json.tool [-h] [--sort-keys] [--no-ensure-ascii] [--json-lines] [--indent INDENT | --tab | --no-indent | --compact] [infile] [outfile]\npython -m json.tool: error: argument infile: can't open '{f}': [Errno 2] No such file or directory: '{f}'\n"))?;
                return Ok(2);
            }
        },
        None => String::from_utf8_lossy(&sh.stdin).into_owned(),
    };
    let value: serde_json::Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            let what = "Expecting value";
            let col = e.column().max(1);
            let offset: usize = text.lines().take(e.line().saturating_sub(1)).map(|l| l.len() + 1).sum::<usize>() + col - 1;
            sh.err_str(&format!("{what}: line {} column {col} (char {offset})\n", e.line().max(1)))?;
            return Ok(1);
        }
    };
    let sort = args.contains(&"--sort-keys");
    let mut out = String::new();
    py_json(&value, 0, sort, &mut out);
    out.push('\n');
    sh.out_str(&out)?;
    Ok(0)
}

fn py_json(v: &serde_json::Value, depth: usize, sort: bool, out: &mut String) {
    use serde_json::Value;
    let pad = |d: usize| "    ".repeat(d);
    match v {
        Value::Array(a) if !a.is_empty() => {
            out.push_str("[\n");
            for (i, x) in a.iter().enumerate() {
                out.push_str(&pad(depth + 1));
                py_json(x, depth + 1, sort, out);
                out.push_str(if i + 1 < a.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(depth));
            out.push(']');
        }
        Value::Object(o) if !o.is_empty() => {
            out.push_str("{\n");
            let mut keys: Vec<&String> = o.keys().collect();
            if sort {
                keys.sort();
            }
            for (i, k) in keys.iter().enumerate() {
                out.push_str(&pad(depth + 1));
                out.push_str(&py_str(k));
                out.push_str(": ");
                py_json(&o[*k], depth + 1, sort, out);
                out.push_str(if i + 1 < keys.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(depth));
            out.push('}');
        }
        Value::String(s) => out.push_str(&py_str(s)),
        other => out.push_str(&serde_json::to_string(other).unwrap_or_default()),
    }
}

/// A string as Python's json writes it (ensure_ascii: non-ASCII as \uXXXX).
fn py_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut buf = [0u16; 2];
                for u in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{:04x}", u));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
