//! Package managers: npm, yarn, pip, apt-get/apt and apk, installing from
//! the built-in index (`pkg_index`) into the real places on the filesystem.

use super::pkg_index::{self, Entry};
use super::Prog;
use crate::shell::interp::{Flow, Shell};
use crate::vfs::{Content, Node};

type Out = Result<Option<i32>, Flow>;

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    let args: Vec<&str> = argv[1..].iter().map(String::as_str).collect();
    match prog.name.as_str() {
        "npm" => npm(sh, &args).map(Some),
        "yarn" | "yarnpkg" => yarn(sh, &args).map(Some),
        "pip" | "pip3" => pip(sh, &args).map(Some),
        n if n.starts_with("pip3.") => pip(sh, &args).map(Some),
        "apt-get" | "apt" => apt(sh, prog, &args).map(Some),
        "apk" => apk(sh, &args).map(Some),
        _ => Ok(None),
    }
}

fn write_text(sh: &mut Shell, path: &str, text: &str) {
    if let Some(i) = path.rfind('/').filter(|&i| i > 0) {
        let meta = sh.meta(0o755);
        let _ = sh.fs_mut().mkdir_all(&path[..i], meta);
    }
    let meta = sh.meta(0o644);
    let _ = sh.fs_mut().write(path, Content::from_bytes(text.as_bytes().to_vec()), meta);
}

fn write_generated(sh: &mut Shell, path: &str, size: u64, mode: u32) {
    if let Some(i) = path.rfind('/').filter(|&i| i > 0) {
        let meta = sh.meta(0o755);
        let _ = sh.fs_mut().mkdir_all(&path[..i], meta);
    }
    let seed = path.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3));
    let meta = sh.meta(mode);
    let _ = sh.fs_mut().write(path, Content::Generated { size, seed }, meta);
}

fn read_text(sh: &Shell, path: &str) -> Option<String> {
    sh.fs().read(path).ok().map(|b| String::from_utf8_lossy(&b).into_owned())
}

// ---------------------------------------------------------------- npm ----

/// The npm version the image ships (from npm's own package.json).
fn npm_version(sh: &Shell) -> String {
    read_text(sh, "/usr/local/lib/node_modules/npm/package.json")
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| v["version"].as_str().map(str::to_string))
        .unwrap_or_else(|| "10.9.2".into())
}

fn npm_old(sh: &Shell) -> bool {
    npm_version(sh).split('.').next().and_then(|m| m.parse::<u32>().ok()).is_some_and(|m| m < 7)
}

fn npm_err(sh: &mut Shell, lines: &[String], status: i32) -> Result<i32, Flow> {
    let prefix = if npm_old(sh) { "npm ERR!" } else { "npm error" };
    for l in lines {
        let line = if l.is_empty() { format!("{prefix}\n") } else { format!("{prefix} {l}\n") };
        sh.err_str(&line)?;
    }
    Ok(status)
}

fn npm(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    let sub = args.iter().find(|a| !a.starts_with('-')).copied();
    match sub {
        None if args.iter().any(|a| *a == "-v" || *a == "--version") => {
            let v = npm_version(sh);
            sh.out_str(&format!("{v}\n"))?;
            Ok(0)
        }
        Some("install" | "i" | "ci" | "add") => npm_install(sh, args),
        Some("run" | "run-script") => {
            let name = args.iter().filter(|a| !a.starts_with('-')).nth(1).copied();
            npm_run(sh, name)
        }
        Some("start") => npm_run(sh, Some("start")),
        Some("test" | "t") => npm_run(sh, Some("test")),
        Some("init") => {
            let pkg = format!("{{\n  \"name\": \"{}\",\n  \"version\": \"1.0.0\",\n  \"main\": \"index.js\",\n  \"scripts\": {{\n    \"test\": \"echo \\\"Error: no test specified\\\" && exit 1\"\n  }},\n  \"license\": \"ISC\"\n}}\n", sh.cwd.rsplit('/').next().filter(|s| !s.is_empty()).unwrap_or("app"));
            let path = sh.abs("package.json");
            write_text(sh, &path, &pkg);
            sh.out_str(&format!("Wrote to {path}:\n\n{pkg}\n\n"))?;
            Ok(0)
        }
        Some(other) => {
            npm_err(sh, &[format!("Unknown command: \"{other}\""), String::new(), "To see a list of supported npm commands, run:".into(), "  npm help".into()], 1)
        }
        None => {
            sh.out_str("npm <command>\n\nUsage:\n\nnpm install        install all the dependencies in your project\nnpm install <foo>  add the <foo> dependency to your project\nnpm test           run this project's tests\nnpm run <foo>      run the script named <foo>\n")?;
            Ok(1)
        }
    }
}

/// The acting user's home directory: their /etc/passwd entry's, else `HOME`, else /root.
fn home(sh: &Shell) -> String {
    let uid = sh.who.uid.to_string();
    let from_passwd = read_text(sh, "/etc/passwd")
        .and_then(|t| t.lines().map(|l| l.split(':').map(str::to_string).collect::<Vec<_>>()).find(|f| f.len() > 5 && f[2] == uid).map(|f| f[5].clone()));
    from_passwd.or_else(|| sh.vars.get("HOME").cloned().filter(|h| !h.is_empty())).unwrap_or_else(|| "/root".into())
}

fn npm_log_path(sh: &Shell) -> String {
    let iso = crate::time::rfc3339(sh.now()).replace(':', "_");
    format!("/root/.npm/_logs/{}_000Z-debug-0.log", iso.trim_end_matches('Z'))
}

fn package_json(sh: &mut Shell) -> Result<Result<serde_json::Value, i32>, Flow> {
    let path = sh.abs("package.json");
    let Some(text) = read_text(sh, &path) else {
        let log = npm_log_path(sh);
        let lines = if npm_old(sh) {
            vec!["code ENOENT".into(), "syscall open".into(), format!("path {path}"), "errno -2".into(), format!("enoent ENOENT: no such file or directory, open '{path}'"), "enoent This is related to npm not being able to find a file.".into(), "enoent ".into(), String::new(), "A complete log of this run can be found in:".into(), format!("    {log}")]
        } else {
            vec!["code ENOENT".into(), "syscall open".into(), format!("path {path}"), "errno -2".into(), format!("enoent Could not read package.json: Error: ENOENT: no such file or directory, open '{path}'"), "enoent This is related to npm not being able to find a file.".into(), "enoent".into(), format!("A complete log of this run can be found in: {log}")]
        };
        return npm_err(sh, &lines, 254).map(Err);
    };
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(v) => Ok(Ok(v)),
        Err(e) => npm_err(sh, &["code EJSONPARSE".into(), format!("JSON.parse Invalid package.json: JSONParseError: {e}"), "JSON.parse Failed to parse JSON data.".into()], 1).map(Err),
    }
}

fn npm_install(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    let ci = args.contains(&"ci");
    let production = args.iter().any(|a| *a == "--production" || *a == "--omit=dev" || *a == "--only=production");
    let extra: Vec<&str> = args.iter().filter(|a| !a.starts_with('-')).skip(1).copied().collect();
    let pkg = match package_json(sh)? {
        Ok(v) => v,
        Err(status) => return Ok(status),
    };
    // node_modules is created (or written) in the working directory: a
    // root-owned WORKDIR refuses a non-root USER.
    let modules = sh.abs("node_modules");
    let writable = if sh.fs().get(&modules).is_ok() { sh.may(&modules, crate::vfs::access::Access::Write) } else { sh.may_change(&modules) };
    if !writable {
        let log = npm_log_path(sh).replace("/root/", &format!("{}/", home(sh)));
        let op = format!("EACCES: permission denied, mkdir '{modules}'");
        return npm_err(
            sh,
            &[
                "code EACCES".into(),
                "syscall mkdir".into(),
                format!("path {modules}"),
                "errno -13".into(),
                format!("Error: {op}"),
                format!(" [Error: {op}] {{"),
                "  errno: -13,".into(),
                "  code: 'EACCES',".into(),
                "  syscall: 'mkdir',".into(),
                format!("  path: '{modules}'"),
                "}".into(),
                String::new(),
                "The operation was rejected by your operating system.".into(),
                "It is likely you do not have the permissions to access this file as the current user".into(),
                String::new(),
                "If you believe this might be a permissions issue, please double-check the".into(),
                "permissions of the file and its containing directories, or try running".into(),
                "the command again as root/Administrator.".into(),
                format!("A complete log of this run can be found in: {log}"),
            ],
            243,
        );
    }
    let lock = sh.abs("package-lock.json");
    if ci && sh.fs().get(&lock).is_err() {
        return npm_err(sh, &["code EUSAGE".into(), String::new(), "The `npm ci` command can only install with an existing package-lock.json or".into(), "npm-shrinkwrap.json with lockfileVersion >= 1. Run an install with npm@5 or".into(), "later to generate a package-lock.json file, then try again.".into()], 1);
    }
    let mut wanted: Vec<String> = Vec::new();
    for key in ["dependencies", "devDependencies"] {
        if key == "devDependencies" && production {
            continue;
        }
        if let Some(deps) = pkg[key].as_object() {
            wanted.extend(deps.keys().cloned());
        }
    }
    let added_args: Vec<String> = extra.iter().map(|s| s.split('@').next().unwrap_or(s).to_string()).filter(|s| !s.is_empty()).collect();
    wanted.extend(added_args.iter().cloned());
    let names: Vec<&str> = wanted.iter().map(String::as_str).collect();
    let entries = match pkg_index::closure(pkg_index::NPM, &names) {
        Ok(e) => e,
        Err(missing) => {
            let log = npm_log_path(sh);
            return npm_err(sh, &["code E404".into(), format!("404 Not Found - GET {missing} - Not found"), "404".into(), format!("404  '{missing}@*' is not in this registry."), "404".into(), "404 Note that you can also install from a".into(), "404 tarball, folder, http url, or git url.".into(), format!("A complete log of this run can be found in: {log}")], 1);
        }
    };
    // `npm install x` records x in package.json.
    if !added_args.is_empty() {
        let mut pkg = pkg.clone();
        for name in &added_args {
            if let Some(e) = pkg_index::lookup(pkg_index::NPM, name) {
                pkg["dependencies"][e.0] = serde_json::Value::String(format!("^{}", e.1));
            }
        }
        let path = sh.abs("package.json");
        let text = serde_json::to_string_pretty(&pkg).unwrap_or_default() + "\n";
        write_text(sh, &path, &text);
    }
    let nm = sh.abs("node_modules");
    let mut lock_packages = serde_json::Map::new();
    for (name, version, size, deps) in &entries {
        let dir = format!("{nm}/{name}");
        let dep_obj: serde_json::Map<String, serde_json::Value> = deps.iter().filter_map(|d| pkg_index::lookup(pkg_index::NPM, d)).map(|d| (d.0.to_string(), serde_json::Value::String(format!("^{}", d.1)))).collect();
        let manifest = serde_json::json!({ "name": name, "version": version, "main": "index.js", "dependencies": dep_obj });
        write_text(sh, &format!("{dir}/package.json"), &(serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n"));
        write_text(sh, &format!("{dir}/index.js"), &format!("'use strict';\n\nmodule.exports = require('./lib/{name}');\n"));
        write_generated(sh, &format!("{dir}/lib/{name}.js"), size.saturating_sub(400), 0o644);
        lock_packages.insert(format!("node_modules/{name}"), serde_json::json!({ "version": version }));
    }
    let name = pkg["name"].as_str().unwrap_or("app").to_string();
    let version = pkg["version"].as_str().unwrap_or("1.0.0").to_string();
    let lockfile = serde_json::json!({ "name": name, "version": version, "lockfileVersion": 3, "requires": true, "packages": lock_packages });
    let lock_text = serde_json::to_string_pretty(&lockfile).unwrap_or_default() + "\n";
    if !entries.is_empty() {
        write_text(sh, &format!("{nm}/.package-lock.json"), &lock_text);
    }
    if !ci || sh.fs().get(&lock).is_err() {
        write_text(sh, &lock, &lock_text);
    }
    let n = entries.len();
    let secs = 1 + n / 25;
    if npm_old(sh) {
        if pkg.get("description").is_none() {
            sh.err_str(&format!("npm WARN {name}@{version} No description\n"))?;
        }
        if pkg.get("repository").is_none() {
            sh.err_str(&format!("npm WARN {name}@{version} No repository field.\n"))?;
        }
        let text = if n == 0 {
            format!("up to date in {secs}.{:03}s\nfound 0 vulnerabilities\n\n", (n * 37) % 1000)
        } else {
            format!("added {n} packages from {} contributors and audited {n} packages in {secs}.{:03}s\nfound 0 vulnerabilities\n\n", n * 3 / 4 + 1, (n * 37) % 1000)
        };
        sh.out_str(&text)?;
        return Ok(0);
    }
    let funded = entries.iter().filter(|e| FUNDED.contains(&e.0)).count();
    let mut text = if n == 0 {
        format!("\nup to date, audited 1 package in {}ms\n", 150 + n)
    } else {
        format!("\nadded {n} packages, and audited {} packages in {secs}s\n", n + 1)
    };
    if funded > 0 {
        let s = if funded == 1 { " is" } else { "s are" };
        text.push_str(&format!("\n{funded} package{s} looking for funding\n  run `npm fund` for details\n"));
    }
    text.push_str("\nfound 0 vulnerabilities\n");
    sh.out_str(&text)?;
    Ok(0)
}

/// Packages whose manifests ask for funding (npm counts them after install).
const FUNDED: &[&str] = &["qs", "side-channel", "call-bind", "get-intrinsic", "has-proto", "has-symbols", "object-inspect", "gopd", "has-property-descriptors", "function-bind", "es-define-property", "define-data-property", "set-function-length", "hasown", "follow-redirects", "chalk", "chokidar", "nodemon"];

fn npm_run(sh: &mut Shell, script: Option<&str>) -> Result<i32, Flow> {
    let pkg = match package_json(sh)? {
        Ok(v) => v,
        Err(status) => return Ok(status),
    };
    let name = pkg["name"].as_str().unwrap_or("app").to_string();
    let version = pkg["version"].as_str().unwrap_or("1.0.0").to_string();
    let Some(script) = script else {
        let mut text = format!("Lifecycle scripts included in {name}@{version}:\n");
        if let Some(scripts) = pkg["scripts"].as_object() {
            for (k, v) in scripts {
                text.push_str(&format!("  {k}\n    {}\n", v.as_str().unwrap_or("")));
            }
        }
        sh.out_str(&text)?;
        return Ok(0);
    };
    let command = match pkg["scripts"][script].as_str() {
        Some(c) => c.to_string(),
        None if script == "start" && sh.fs().get(&sh.abs("server.js")).is_ok() => "node server.js".to_string(),
        None => {
            return npm_err(sh, &[format!("Missing script: \"{script}\""), String::new(), "To see a list of scripts, run:".into(), "  npm run".into()], 1);
        }
    };
    sh.out_str(&format!("\n> {name}@{version} {script}\n> {command}\n\n"))?;
    let bin = sh.abs("node_modules/.bin");
    let path = sh.var("PATH").unwrap_or_default();
    let saved = path.clone();
    sh.set_var("PATH", &format!("{bin}:{path}"));
    let status = match sh.run_source(&command) {
        Ok(s) | Err(Flow::Exit(s)) => s,
        Err(e) => return Err(e),
    };
    sh.set_var("PATH", &saved);
    if status != 0 {
        let cwd = sh.cwd.clone();
        npm_err(sh, &[format!("Lifecycle script `{script}` failed with error:"), format!("code {status}"), format!("path {cwd}"), format!("workspace {name}@{version}"), format!("location {cwd}"), format!("command failed"), format!("command sh -c {command}")], status)?;
    }
    Ok(status)
}

fn yarn(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    let version = sh.var("YARN_VERSION").unwrap_or_else(|| "1.22.22".into());
    if args.iter().any(|a| *a == "-v" || *a == "--version") {
        sh.out_str(&format!("{version}\n"))?;
        return Ok(0);
    }
    let sub = args.first().copied().unwrap_or("install");
    if sub != "install" && sub != "add" {
        return npm_run(sh, Some(sub));
    }
    sh.out_str(&format!("yarn {sub} v{version}\n"))?;
    let path = sh.abs("package.json");
    if sh.fs().get(&path).is_err() {
        sh.out_str("info No lockfile found.\n")?;
    }
    let saved = sh.stdin.clone();
    let status = {
        let before = sh.take_err_len();
        let s = npm_install_quiet(sh)?;
        sh.truncate_err(before);
        s
    };
    sh.stdin = saved;
    if status != 0 {
        sh.err_str(&format!("error Couldn't find a package.json file in \"{}\"\n", sh.cwd))?;
        sh.out_str("info Visit https://yarnpkg.com/en/docs/cli/install for documentation about this command.\n")?;
        return Ok(1);
    }
    let lock = sh.abs("yarn.lock");
    write_text(sh, &lock, "# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n");
    sh.out_str("[1/4] Resolving packages...\n[2/4] Fetching packages...\n[3/4] Linking dependencies...\n[4/4] Building fresh packages...\nsuccess Saved lockfile.\nDone in 2.41s.\n")?;
    Ok(0)
}

fn npm_install_quiet(sh: &mut Shell) -> Result<i32, Flow> {
    let before = sh.take_out_len();
    let s = npm_install(sh, &["install"])?;
    sh.truncate_out(before);
    Ok(s)
}

// ---------------------------------------------------------------- pip ----

fn site_packages(sh: &Shell) -> String {
    let version = sh.var("PYTHON_VERSION").unwrap_or_else(|| "3.12.8".into());
    let minor: String = version.split('.').take(2).collect::<Vec<_>>().join(".");
    format!("/usr/local/lib/python{minor}/site-packages")
}

fn pip(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    if args.iter().any(|a| *a == "--version" || *a == "-V") {
        let sp = site_packages(sh);
        let minor = sp.split("python").nth(1).and_then(|s| s.split('/').next()).unwrap_or("3.12").to_string();
        sh.out_str(&format!("pip 24.3.1 from {sp}/pip (python {minor})\n"))?;
        return Ok(0);
    }
    let Some(sub) = args.iter().find(|a| !a.starts_with('-')).copied() else {
        sh.out_str("\nUsage:   \n  pip <command> [options]\n")?;
        return Ok(0);
    };
    if sub == "freeze" || sub == "list" {
        return Ok(0);
    }
    if sub != "install" {
        sh.err_str(&format!("ERROR: unknown command \"{sub}\"\n"))?;
        return Ok(1);
    }
    let mut reqs: Vec<(String, String)> = Vec::new();
    let mut it = args.iter().skip_while(|a| **a != "install").skip(1);
    while let Some(a) = it.next() {
        if *a == "-r" || *a == "--requirement" {
            let Some(file) = it.next() else { continue };
            let path = sh.abs(file);
            let Some(text) = read_text(sh, &path) else {
                sh.err_str(&format!("ERROR: Could not open requirements file: [Errno 2] No such file or directory: '{file}'\n"))?;
                return Ok(1);
            };
            for (n, line) in text.lines().enumerate() {
                let line = line.split('#').next().unwrap_or("").trim();
                if !line.is_empty() && !line.starts_with('-') {
                    reqs.push((line.to_string(), format!("-r {file} (line {})", n + 1)));
                }
            }
        } else if let Some(file) = a.strip_prefix("-r") {
            let _ = file;
        } else if !a.starts_with('-') {
            reqs.push((a.to_string(), String::new()));
        }
    }
    let mut out = String::new();
    let mut order: Vec<&'static Entry> = Vec::new();
    for (spec, from) in &reqs {
        let name: String = spec.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_' || *c == '.').collect();
        let suffix = if from.is_empty() { String::new() } else { format!(" (from {from})") };
        out.push_str(&format!("Collecting {spec}{suffix}\n"));
        let Some(_) = pkg_index::lookup(pkg_index::PYPI, &name) else {
            sh.out_str(&out)?;
            sh.err_str(&format!("ERROR: Could not find a version that satisfies the requirement {spec} (from versions: none)\nERROR: No matching distribution found for {spec}\n"))?;
            return Ok(1);
        };
        let closure = pkg_index::closure(pkg_index::PYPI, &[name.as_str()]).unwrap_or_default();
        for e in closure {
            if order.iter().any(|o| o.0 == e.0) {
                continue;
            }
            let wheel = format!("{}-{}-py3-none-any.whl", e.0.replace('-', "_"), e.1);
            if e.0 != name.to_ascii_lowercase() {
                out.push_str(&format!("Collecting {} (from {name}{suffix})\n", e.0));
            }
            out.push_str(&format!("  Downloading {wheel} ({})\n", kb(e.2 / 3)));
            order.push(e);
        }
    }
    let sp = site_packages(sh);
    if order.is_empty() {
        sh.err_str("ERROR: You must give at least one requirement to install (see \"pip help install\")\n")?;
        return Ok(1);
    }
    let names: Vec<String> = order.iter().map(|e| e.0.to_string()).collect();
    out.push_str(&format!("Installing collected packages: {}\n", names.join(", ")));
    let mut installed: Vec<String> = order.iter().map(|e| format!("{}-{}", e.0, e.1)).collect();
    crate::sort::sort_by_key(&mut installed, |s| s.to_ascii_lowercase());
    out.push_str(&format!("Successfully installed {}\n", installed.join(" ")));
    for (name, version, size, _) in &order {
        let module = name.replace('-', "_");
        write_text(sh, &format!("{sp}/{module}/__init__.py"), &format!("__version__ = \"{version}\"\n"));
        write_generated(sh, &format!("{sp}/{module}/_core.py"), size.saturating_sub(100), 0o644);
        write_text(sh, &format!("{sp}/{module}-{version}.dist-info/METADATA"), &format!("Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"));
        if matches!(*name, "flask" | "gunicorn" | "uvicorn" | "django" | "pytest" | "fastapi") {
            let script = if *name == "django" { "django-admin" } else { name };
            let text = format!("#!/usr/local/bin/python3\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom {module} import main\nif __name__ == \"__main__\":\n    sys.exit(main())\n");
            write_text(sh, &format!("/usr/local/bin/{script}"), &text);
            if let Ok(mut node) = sh.fs().get(&format!("/usr/local/bin/{script}")).cloned() {
                node.meta_mut().mode = 0o755;
                let _ = sh.fs_mut().insert(&format!("/usr/local/bin/{script}"), node);
            }
        }
    }
    sh.out_str(&out)?;
    sh.err_str("WARNING: Running pip as the 'root' user can result in broken permissions and conflicting behaviour with the system package manager, possibly rendering your system unusable. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv. Use the --root-user-action option if you know what you are doing and want to suppress this warning.\n")?;
    Ok(0)
}

/// Download and disk sizes as pip and apt print them (`102 kB`, `8.8 MB`).
fn kb(bytes: u64) -> String {
    if bytes >= 1_000_000 { format!("{:.1} MB", bytes as f64 / 1e6) } else { format!("{} kB", (bytes / 1000).max(1)) }
}

// ---------------------------------------------------------------- apt ----

fn codename(sh: &Shell) -> String {
    read_text(sh, "/etc/os-release")
        .and_then(|t| t.lines().find_map(|l| l.strip_prefix("VERSION_CODENAME=").map(str::to_string)))
        .unwrap_or_else(|| "bookworm".into())
}

fn lists_ready(sh: &Shell) -> bool {
    matches!(sh.fs().get("/var/lib/apt/lists"), Ok(Node::Dir { entries, .. }) if entries.keys().any(|k| k.ends_with("_Packages")))
}

fn apt(sh: &mut Shell, prog: &Prog, args: &[&str]) -> Result<i32, Flow> {
    let ubuntu = read_text(sh, "/etc/os-release").is_some_and(|t| t.contains("ID=ubuntu"));
    let mirror = if ubuntu { "http://archive.ubuntu.com/ubuntu" } else { "http://mirror.dockersim/debian" };
    let code = codename(sh);
    let Some(sub) = args.iter().find(|a| !a.starts_with('-')).copied() else {
        sh.out_str("apt 2.6.1 (amd64)\nUsage: apt-get [options] command\n")?;
        return Ok(0);
    };
    if prog.name == "apt" {
        sh.err_str("\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n")?;
    }
    match sub {
        "update" => {
            let text = format!(
                "Get:1 {mirror} {code} InRelease [151 kB]\nGet:2 {mirror} {code}-updates InRelease [55.4 kB]\nGet:3 {mirror}-security {code}-security InRelease [48.0 kB]\nGet:4 {mirror} {code}/main amd64 Packages [8792 kB]\nGet:5 {mirror} {code}-updates/main amd64 Packages [13.5 kB]\nGet:6 {mirror}-security {code}-security/main amd64 Packages [241 kB]\nFetched 9301 kB in 1s (7124 kB/s)\nReading package lists...\n"
            );
            sh.out_str(&text)?;
            write_generated(sh, &format!("/var/lib/apt/lists/mirror_debian_dists_{code}_main_binary-amd64_Packages"), 8_792_000, 0o644);
            write_generated(sh, &format!("/var/lib/apt/lists/mirror_debian_dists_{code}_InRelease"), 151_000, 0o644);
            Ok(0)
        }
        "install" => {
            let yes = args.iter().any(|a| matches!(*a, "-y" | "--yes" | "--assume-yes" | "-qy" | "-yq"));
            let names: Vec<&str> = args.iter().filter(|a| !a.starts_with('-')).skip(1).copied().collect();
            sh.out_str("Reading package lists...\nBuilding dependency tree...\nReading state information...\n")?;
            let status_file = read_text(sh, "/var/lib/dpkg/status").unwrap_or_default();
            if !lists_ready(sh) {
                if let Some(n) = names.first() {
                    sh.err_str(&format!("E: Unable to locate package {n}\n"))?;
                    return Ok(100);
                }
            }
            let entries = match pkg_index::closure(pkg_index::APT, &names) {
                Ok(e) => e,
                Err(missing) => {
                    sh.err_str(&format!("E: Unable to locate package {missing}\n"))?;
                    return Ok(100);
                }
            };
            let new: Vec<&&Entry> = entries.iter().filter(|e| !status_file.contains(&format!("Package: {}\n", e.0))).collect();
            if new.is_empty() {
                let mut text = String::new();
                for n in &names {
                    if let Some(e) = pkg_index::lookup(pkg_index::APT, n) {
                        text.push_str(&format!("{} is already the newest version ({}).\n", e.0, e.1));
                    }
                }
                text.push_str("0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n");
                sh.out_str(&text)?;
                return Ok(0);
            }
            let extra: Vec<&str> = new.iter().map(|e| e.0).filter(|n| !names.contains(n)).collect();
            let mut text = String::new();
            if !extra.is_empty() {
                text.push_str(&format!("The following additional packages will be installed:\n  {}\n", extra.join(" ")));
            }
            let all: Vec<&str> = new.iter().map(|e| e.0).collect();
            let total: u64 = new.iter().map(|e| e.2).sum();
            text.push_str(&format!("The following NEW packages will be installed:\n  {}\n", all.join(" ")));
            text.push_str(&format!("0 upgraded, {} newly installed, 0 to remove and 0 not upgraded.\nNeed to get {} of archives.\nAfter this operation, {} of additional disk space will be used.\n", new.len(), kb(total / 3), kb(total)));
            if !yes {
                text.push_str("Do you want to continue? [Y/n] Abort.\n");
                sh.out_str(&text)?;
                return Ok(1);
            }
            for (i, e) in new.iter().enumerate() {
                text.push_str(&format!("Get:{} {mirror} {code}/main amd64 {} amd64 {} [{}]\n", i + 1, e.0, e.1, kb(e.2 / 3)));
            }
            text.push_str(&format!("Fetched {} in 0s ({} /s)\ndebconf: delaying package configuration, since apt-utils is not installed\n", kb(total / 3), kb(total)));
            let mut dpkg = status_file.clone();
            for (i, e) in new.iter().enumerate() {
                text.push_str(&format!("Selecting previously unselected package {}.\n", e.0));
                if i == 0 {
                    text.push_str("(Reading database ... 6090 files and directories currently installed.)\n");
                }
                text.push_str(&format!("Preparing to unpack .../{}_{}_amd64.deb ...\nUnpacking {} ({}) ...\n", e.0, e.1.split(':').last().unwrap_or(e.1), e.0, e.1));
                install_deb(sh, e);
                dpkg.push_str(&format!("Package: {}\nStatus: install ok installed\nInstalled-Size: {}\nArchitecture: amd64\nVersion: {}\n\n", e.0, e.2 / 1024, e.1));
            }
            for e in &new {
                text.push_str(&format!("Setting up {} ({}) ...\n", e.0, e.1));
            }
            text.push_str("Processing triggers for libc-bin (2.36-9+deb12u9) ...\n");
            write_text(sh, "/var/lib/dpkg/status", &dpkg);
            sh.out_str(&text)?;
            Ok(0)
        }
        "upgrade" | "dist-upgrade" => {
            sh.out_str("Reading package lists...\nBuilding dependency tree...\nReading state information...\nCalculating upgrade...\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n")?;
            Ok(0)
        }
        "clean" | "autoremove" | "purge" | "remove" => Ok(0),
        other => {
            sh.err_str(&format!("E: Invalid operation {other}\n"))?;
            Ok(100)
        }
    }
}

fn install_deb(sh: &mut Shell, e: &Entry) {
    let (name, _, size, _) = *e;
    if name.starts_with("lib") {
        write_generated(sh, &format!("/usr/lib/x86_64-linux-gnu/{name}.so"), size, 0o644);
    } else {
        let bin = match name { "iputils-ping" => "ping", "net-tools" => "ifconfig", "python3.11" => "python3.11", "build-essential" | "git-man" | "vim-runtime" | "ca-certificates" => "", n => n };
        let bin_size = (size / 4).max(1000);
        if !bin.is_empty() {
            write_generated(sh, &format!("/usr/bin/{bin}"), bin_size, 0o755);
        }
        write_generated(sh, &format!("/usr/share/{name}/data"), size.saturating_sub(if bin.is_empty() { 0 } else { bin_size }), 0o644);
    }
    write_text(sh, &format!("/usr/share/doc/{name}/copyright"), "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n");
}

// ---------------------------------------------------------------- apk ----

fn apk(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    let Some(sub) = args.iter().find(|a| !a.starts_with('-')).copied() else {
        sh.out_str("apk-tools 2.14.4, compiled for x86_64.\n")?;
        return Ok(0);
    };
    let branch = read_text(sh, "/etc/alpine-release").map(|v| {
        let v = v.trim().to_string();
        v.rsplit_once('.').map_or(v.clone(), |(a, _)| a.to_string())
    }).unwrap_or_else(|| "3.20".into());
    let fetch = format!("fetch https://dl-cdn.alpinelinux.org/alpine/v{branch}/main/x86_64/APKINDEX.tar.gz\nfetch https://dl-cdn.alpinelinux.org/alpine/v{branch}/community/x86_64/APKINDEX.tar.gz\n");
    match sub {
        "update" => {
            sh.out_str(&format!("{fetch}v{branch}.3-96-g1a2b3c4d5e [https://dl-cdn.alpinelinux.org/alpine/v{branch}/main]\nOK: 24165 distinct packages available\n"))?;
            Ok(0)
        }
        "add" => {
            let names: Vec<&str> = args.iter().filter(|a| !a.starts_with('-')).skip(1).copied().collect();
            let installed = read_text(sh, "/lib/apk/db/installed").unwrap_or_default();
            sh.out_str(&fetch)?;
            let entries = match pkg_index::closure(pkg_index::APK, &names) {
                Ok(e) => e,
                Err(missing) => {
                    sh.err_str(&format!("ERROR: unable to select packages:\n  {missing} (no such package):\n    required by: world[{missing}]\n"))?;
                    return Ok(1);
                }
            };
            let new: Vec<&&Entry> = entries.iter().filter(|e| !installed.contains(&format!("P:{}\n", e.0))).collect();
            let mut text = String::new();
            let mut db = installed.clone();
            for (i, e) in new.iter().enumerate() {
                text.push_str(&format!("({}/{}) Installing {} ({})\n", i + 1, new.len(), e.0, e.1));
                let bin_size = (e.2 / 3).max(1000);
                write_generated(sh, &format!("/usr/bin/{}", e.0), bin_size, 0o755);
                write_generated(sh, &format!("/usr/share/{}/data", e.0), e.2 - bin_size.min(e.2), 0o644);
                db.push_str(&format!("P:{}\nV:{}\nA:x86_64\nI:{}\n\n", e.0, e.1, e.2));
            }
            write_text(sh, "/lib/apk/db/installed", &db);
            let count = db.matches("\nP:").count() + usize::from(db.starts_with("P:"));
            let total_mb = 7 + new.iter().map(|e| e.2).sum::<u64>() / 1_048_576;
            text.push_str(&format!("Executing busybox-1.36.1-r29.trigger\nOK: {total_mb} MiB in {count} packages\n"));
            sh.out_str(&text)?;
            Ok(0)
        }
        "del" | "cache" | "info" => Ok(0),
        other => {
            sh.err_str(&format!("apk-tools 2.14.4, compiled for x86_64.\n\nERROR: '{other}' is not an apk command. See 'apk --help'.\n"))?;
            Ok(1)
        }
    }
}
