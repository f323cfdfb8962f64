//! npm and yarn: install from package.json (ranges, lock files,
//! `--production`/`--omit=dev`, `-g`), `npm run`/`yarn <script>` through the
//! shell, over the `npm` index.

use super::packages::{read_text, write_generated, write_link, write_text};
use super::pkg_index::{self, cmp_versions, npm_matches, split_dep, Pkg};
use crate::shell::interp::{Flow, Shell};
use std::collections::BTreeMap;

/// The npm version the image ships (from npm's own package.json).
/// The official images' npm, else the distribution's package (Ubuntu
/// 22.04's `apt install npm` gives 8.5.1).
pub(super) fn npm_version(sh: &Shell) -> String {
    read_text(sh, "/usr/local/lib/node_modules/npm/package.json")
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| v["version"].as_str().map(str::to_string))
        .or_else(|| super::packages::installed_version(sh, &["npm"], "npm"))
        .unwrap_or_else(|| "10.9.2".into())
}

fn npm_major(sh: &Shell) -> u32 {
    npm_version(sh).split('.').next().and_then(|m| m.parse::<u32>().ok()).unwrap_or(10)
}

fn npm_old(sh: &Shell) -> bool {
    npm_major(sh) < 7
}

/// How npm marks a line of a level: `npm error`/`npm warn` from npm 10 on,
/// `npm ERR!`/`npm WARN` before.
pub(super) fn npm_prefix(sh: &Shell, error: bool) -> &'static str {
    match (npm_major(sh) < 10, error) {
        (true, true) => "npm ERR!",
        (true, false) => "npm WARN",
        (false, true) => "npm error",
        (false, false) => "npm warn",
    }
}

fn npm_err(sh: &mut Shell, lines: &[String], status: i32) -> Result<i32, Flow> {
    let prefix = npm_prefix(sh, true);
    for l in lines {
        let line = if l.is_empty() { format!("{prefix}\n") } else { format!("{prefix} {l}\n") };
        sh.err_str(&line)?;
    }
    Ok(status)
}

/// npm 10's commands and aliases (`npm help`'s list): the ones the simulator
/// does not model say so rather than calling them unknown.
const NPM_COMMANDS: &[&str] = &[
    "access",
    "adduser",
    "audit",
    "bugs",
    "cache",
    "ci",
    "completion",
    "config",
    "dedupe",
    "deprecate",
    "diff",
    "dist-tag",
    "docs",
    "doctor",
    "edit",
    "exec",
    "explain",
    "explore",
    "find-dupes",
    "fund",
    "get",
    "help",
    "help-search",
    "hook",
    "init",
    "install-ci-test",
    "install-test",
    "link",
    "ll",
    "login",
    "logout",
    "ls",
    "list",
    "la",
    "org",
    "outdated",
    "owner",
    "pack",
    "ping",
    "pkg",
    "prefix",
    "profile",
    "prune",
    "publish",
    "query",
    "rebuild",
    "repo",
    "restart",
    "root",
    "sbom",
    "search",
    "set",
    "shrinkwrap",
    "star",
    "stars",
    "stop",
    "team",
    "token",
    "uninstall",
    "remove",
    "rm",
    "r",
    "un",
    "unlink",
    "unpublish",
    "unstar",
    "update",
    "up",
    "upgrade",
    "version",
    "view",
    "info",
    "show",
    "v",
    "whoami",
    "x",
    "c",
    "cit",
    "it",
    "ln",
    "sit",
    "author",
    "home",
    "issues",
    "create",
    "innit",
    "verison",
    "why",
];

pub fn npm(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
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
            npm_run(sh, name, &passed_args(args))
        }
        Some("start") => npm_run(sh, Some("start"), &passed_args(args)),
        Some("test" | "t") => npm_run(sh, Some("test"), &passed_args(args)),
        Some("exec" | "x") => {
            let at = args.iter().position(|a| matches!(*a, "exec" | "x")).unwrap_or(0);
            super::npx::npx(sh, &args[at + 1..], super::npx::Via::Npx)
        }
        Some("create" | "innit" | "init") if args.iter().filter(|a| !a.starts_with('-')).nth(1).is_some() => {
            let at = args.iter().position(|a| matches!(*a, "create" | "innit" | "init")).unwrap_or(0);
            let rest: Vec<&str> = args[at + 1..].to_vec();
            let Some(i) = rest.iter().position(|a| !a.starts_with('-')) else { return Ok(1) };
            super::npx::create(sh, rest[i], &rest[i + 1..], super::npx::Via::NpmInit)
        }
        Some("init") => {
            let pkg = format!("{{\n  \"name\": \"{}\",\n  \"version\": \"1.0.0\",\n  \"main\": \"index.js\",\n  \"scripts\": {{\n    \"test\": \"echo \\\"Error: no test specified\\\" && exit 1\"\n  }},\n  \"license\": \"ISC\"\n}}\n", project_dir(sh));
            let path = sh.abs("package.json");
            write_text(sh, &path, &pkg);
            sh.out_str(&format!("Wrote to {path}:\n\n{pkg}\n\n"))?;
            Ok(0)
        }
        Some(other) if NPM_COMMANDS.contains(&other) => {
            sh.err_str(&format!("dockersim: npm {other}: not simulated (install, ci, run, start, test and init are)\n"))?;
            Ok(1)
        }
        Some(other) => npm_err(
            sh,
            &[
                format!("Unknown command: \"{other}\""),
                String::new(),
                "To see a list of supported npm commands, run:".into(),
                "  npm help".into(),
            ],
            1,
        ),
        None => {
            sh.out_str("npm <command>\n\nUsage:\n\nnpm install        install all the dependencies in your project\nnpm install <foo>  add the <foo> dependency to your project\nnpm test           run this project's tests\nnpm run <foo>      run the script named <foo>\n")?;
            Ok(1)
        }
    }
}

/// The project's directory name: `npm init`'s default name, and the lock
/// file's when package.json has none.
fn project_dir<'s>(sh: &'s Shell<'_, '_>) -> &'s str {
    sh.cwd.rsplit('/').next().filter(|s| !s.is_empty()).unwrap_or("app")
}

/// The acting user's home directory: their /etc/passwd entry's, else `HOME`, else /root.
fn home(sh: &Shell) -> String {
    let uid = sh.who.uid.to_string();
    let from_passwd = read_text(sh, "/etc/passwd").and_then(|t| {
        t.lines().map(|l| l.split(':').map(str::to_string).collect::<Vec<_>>()).find(|f| f.len() > 5 && f[2] == uid).map(|f| f[5].clone())
    });
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
            vec![
                "code ENOENT".into(),
                "syscall open".into(),
                format!("path {path}"),
                "errno -2".into(),
                format!("enoent ENOENT: no such file or directory, open '{path}'"),
                "enoent This is related to npm not being able to find a file.".into(),
                "enoent ".into(),
                String::new(),
                "A complete log of this run can be found in:".into(),
                format!("    {log}"),
            ]
        } else {
            vec![
                "code ENOENT".into(),
                "syscall open".into(),
                format!("path {path}"),
                "errno -2".into(),
                format!("enoent Could not read package.json: Error: ENOENT: no such file or directory, open '{path}'"),
                "enoent This is related to npm not being able to find a file.".into(),
                "enoent".into(),
                format!("A complete log of this run can be found in: {log}"),
            ]
        };
        return npm_err(sh, &lines, 254).map(Err);
    };
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(v) => Ok(Ok(v)),
        Err(e) => npm_err(
            sh,
            &[
                "code EJSONPARSE".into(),
                format!("JSON.parse Invalid package.json: JSONParseError: {e}"),
                "JSON.parse Failed to parse JSON data.".into(),
            ],
            1,
        )
        .map(Err),
    }
}

/// Packages whose manifests ask for funding (npm counts them after install).
const FUNDED: &[&str] = &[
    "qs",
    "side-channel",
    "call-bind",
    "get-intrinsic",
    "has-proto",
    "has-symbols",
    "object-inspect",
    "gopd",
    "has-property-descriptors",
    "function-bind",
    "es-define-property",
    "define-data-property",
    "set-function-length",
    "hasown",
    "follow-redirects",
    "chalk",
    "chokidar",
    "nodemon",
    "picomatch",
];

/// The stand-in for the registry's address in messages.
const REGISTRY: &str = "https://registry.dockersim";

/// One package chosen for node_modules.
struct Chosen<'a> {
    pkg: &'a Pkg,
    version: String,
    dev: bool,
}

/// Why resolution failed: a name the registry does not have, or no version in range.
enum Unresolved {
    NotFound(String),
    NoMatch(String, String),
    NotSimulated(String),
}

/// Resolves the roots (name, range, dev) and their dependencies, one version
/// per name: the locked version when the lock file has one in range, else
/// the newest in range.
fn resolve<'a>(
    ix: &'a pkg_index::Index,
    roots: &[(String, String, bool)],
    locked: &BTreeMap<String, String>,
) -> Result<Vec<Chosen<'a>>, Unresolved> {
    let mut chosen: Vec<Chosen<'a>> = Vec::new();
    let mut queue: Vec<(String, String, bool)> = roots.to_vec();
    let mut i = 0;
    while i < queue.len() && i < 20_000 {
        let (name, range, dev) = queue[i].clone();
        i += 1;
        if let Some(c) = chosen.iter_mut().find(|c| c.pkg.name == name) {
            c.dev &= dev;
            if !dev {
                // A production dependency makes its own dependencies production too.
                let deps: Vec<(String, String, bool)> =
                    c.pkg.deps.iter().map(|d| split_dep("npm", d)).map(|(n, r)| (n.to_string(), r.to_string(), false)).collect();
                for d in deps {
                    if chosen.iter().any(|c| c.pkg.name == d.0 && c.dev) {
                        queue.push(d);
                    }
                }
            }
            continue;
        }
        if range.contains(':') || (range.contains('/') && !range.starts_with('@')) {
            return Err(Unresolved::NotSimulated(format!("{name}@{range}")));
        }
        let Some(pkg) = ix.lookup(&name) else { return Err(Unresolved::NotFound(name)) };
        let in_range = |v: &String| range.is_empty() || npm_matches(v, &range);
        // A lock file's or an exact pin's release the index does not list but its line implies (`crate::release`).
        let exact = range.strip_prefix('=').unwrap_or(&range).trim_start_matches('v');
        let version = match locked.get(&name).filter(|v| crate::release::exists(v, &pkg.versions) && in_range(v)) {
            Some(v) => v.clone(),
            None => match pkg.versions.iter().filter(|v| in_range(v)).max_by(|a, b| cmp_versions(a, b)) {
                Some(v) => v.clone(),
                None if crate::release::exists(exact, &pkg.versions) => exact.to_string(),
                None => return Err(Unresolved::NoMatch(name, range)),
            },
        };
        for d in &pkg.deps {
            let (n, r) = split_dep("npm", d);
            queue.push((n.to_string(), r.to_string(), dev));
        }
        chosen.push(Chosen { pkg, version, dev });
    }
    Ok(chosen)
}

/// Installs packages for `npx` / `npm exec` into `nm` (its `.bin` links
/// beside them): each package's name, version and commands, or npm's
/// error already printed (`Err(status)`).
pub(super) type ExecPkg = (String, String, Vec<String>);
pub(super) fn install_for_exec(sh: &mut Shell, specs: &[(String, String)], nm: &str) -> Result<Result<Vec<ExecPkg>, i32>, Flow> {
    let ix = match pkg_index::get("npm") {
        Ok(ix) => ix,
        Err(e) => {
            sh.err_str(&format!("{e}\n"))?;
            return Ok(Err(1));
        }
    };
    let roots: Vec<(String, String, bool)> =
        specs.iter().map(|(n, r)| (n.clone(), if r == "latest" { String::new() } else { r.clone() }, false)).collect();
    let chosen = match resolve(&ix, &roots, &BTreeMap::new()) {
        Ok(c) => c,
        Err(why) => return npm_fail(sh, why).map(Err),
    };
    write_modules(sh, &chosen, nm, &format!("{nm}/.bin"));
    Ok(Ok(chosen
        .iter()
        .filter(|c| specs.iter().any(|(n, _)| *n == c.pkg.name))
        .map(|c| (c.pkg.name.clone(), c.version.clone(), c.pkg.files.clone()))
        .collect()))
}

/// The version of `name` the registry would give for `range` (`latest`: the newest).
pub(super) fn registry_version(name: &str, range: &str) -> Option<String> {
    let ix = pkg_index::get("npm").ok()?;
    let pkg = ix.lookup(name)?;
    let range = if range == "latest" { "" } else { range };
    pkg.versions.iter().filter(|v| range.is_empty() || npm_matches(v, range)).max_by(|a, b| cmp_versions(a, b)).cloned()
}

/// `name@range` as typed after `npm install` (`express`, `express@4`, `@types/node@20`).
pub(super) fn parse_spec(spec: &str) -> (String, String) {
    let (n, r) = split_dep("npm", spec);
    (n.to_string(), r.to_string())
}

/// The versions a lock file pins: package-lock.json's `packages`, or yarn.lock's entries.
fn locked_versions(sh: &Shell) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Some(text) = read_text(sh, &sh.abs("package-lock.json")) {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
            if let Some(pkgs) = v["packages"].as_object() {
                for (k, p) in pkgs {
                    if let (Some(name), Some(ver)) = (k.strip_prefix("node_modules/"), p["version"].as_str()) {
                        out.insert(name.to_string(), ver.to_string());
                    }
                }
            }
            if let Some(deps) = v["dependencies"].as_object() {
                for (k, p) in deps {
                    if let Some(ver) = p["version"].as_str() {
                        out.entry(k.clone()).or_insert_with(|| ver.to_string());
                    }
                }
            }
        }
    }
    if let Some(text) = read_text(sh, &sh.abs("yarn.lock")) {
        let mut current: Vec<String> = Vec::new();
        for line in text.lines() {
            if !line.starts_with(' ') && line.ends_with(':') && !line.starts_with('#') {
                current = line.trim_end_matches(':').split(", ").map(|e| parse_spec(e.trim_matches('"')).0).collect();
            } else if let Some(v) = line.trim().strip_prefix("version ") {
                for n in &current {
                    out.entry(n.clone()).or_insert_with(|| v.trim_matches('"').to_string());
                }
            }
        }
    }
    out
}

fn npm_fail(sh: &mut Shell, why: Unresolved) -> Result<i32, Flow> {
    let log = npm_log_path(sh);
    match why {
        Unresolved::NotFound(name) => npm_err(
            sh,
            &[
                "code E404".into(),
                format!("404 Not Found - GET {REGISTRY}/{name} - Not found"),
                "404".into(),
                format!("404  '{name}@*' is not in this registry."),
                "404".into(),
                "404 Note that you can also install from a".into(),
                "404 tarball, folder, http url, or git url.".into(),
                format!("A complete log of this run can be found in: {log}"),
            ],
            1,
        ),
        Unresolved::NoMatch(name, range) => npm_err(
            sh,
            &[
                "code ETARGET".into(),
                format!("notarget No matching version found for {name}@{range}."),
                "notarget In most cases you or one of your dependencies are requesting".into(),
                "notarget a package version that doesn't exist.".into(),
                format!("A complete log of this run can be found in: {log}"),
            ],
            1,
        ),
        Unresolved::NotSimulated(spec) => {
            sh.err_str(&format!("dockersim: installing {spec} (a git, file or URL dependency) is not simulated\n"))?;
            Ok(1)
        }
    }
}

/// Installs the chosen packages under `nm` (a node_modules directory), with
/// `.bin` links in `bin_dir`.
fn write_modules(sh: &mut Shell, chosen: &[Chosen], nm: &str, bin_dir: &str) {
    for c in chosen {
        let name = &c.pkg.name;
        let dir = format!("{nm}/{name}");
        let deps: serde_json::Map<String, serde_json::Value> = c
            .pkg
            .deps
            .iter()
            .map(|d| split_dep("npm", d))
            .map(|(n, r)| (n.to_string(), serde_json::Value::String(r.to_string())))
            .collect();
        let mut manifest = serde_json::json!({ "name": name, "version": c.version, "main": "index.js" });
        if !deps.is_empty() {
            manifest["dependencies"] = serde_json::Value::Object(deps);
        }
        let bins: serde_json::Map<String, serde_json::Value> =
            c.pkg.files.iter().map(|b| (b.clone(), serde_json::Value::String(format!("bin/{b}")))).collect();
        if !bins.is_empty() {
            manifest["bin"] = serde_json::Value::Object(bins);
        }
        write_text(sh, &format!("{dir}/package.json"), &(serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n"));
        write_text(
            sh,
            &format!("{dir}/index.js"),
            &format!("'use strict';\n\nmodule.exports = require('./lib/{}');\n", name.rsplit('/').next().unwrap_or(name)),
        );
        write_generated(sh, &format!("{dir}/lib/{}.js", name.rsplit('/').next().unwrap_or(name)), c.pkg.size.saturating_sub(400), 0o644);
        for b in &c.pkg.files {
            write_text(
                sh,
                &format!("{dir}/bin/{b}"),
                &format!("#!/usr/bin/env node\nrequire('../lib/{}');\n", name.rsplit('/').next().unwrap_or(name)),
            );
            if let Ok(mut node) = sh.fs().get(&format!("{dir}/bin/{b}")).cloned() {
                node.meta_mut().mode = 0o755;
                let _ = sh.fs_mut().insert(&format!("{dir}/bin/{b}"), node);
            }
            let target = if bin_dir.ends_with("/.bin") { format!("../{name}/bin/{b}") } else { format!("{dir}/bin/{b}") };
            write_link(sh, &format!("{bin_dir}/{b}"), &target);
        }
    }
}

fn npm_install(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    let ix = match pkg_index::get("npm") {
        Ok(ix) => ix,
        Err(e) => {
            sh.err_str(&format!("{e}\n"))?;
            return Ok(1);
        }
    };
    let ci = args.contains(&"ci");
    let global = args.iter().any(|a| *a == "-g" || *a == "--global");
    let save_dev = args.iter().any(|a| *a == "-D" || *a == "--save-dev");
    let save_exact = args.iter().any(|a| *a == "-E" || *a == "--save-exact");
    let production = args.iter().any(|a| matches!(*a, "--production" | "--omit=dev" | "--only=production" | "--only=prod"))
        || sh.var("NODE_ENV").is_some_and(|e| e == "production") && !args.contains(&"--include=dev");
    let extra: Vec<(String, String)> = args.iter().filter(|a| !a.starts_with('-')).skip(1).map(|s| parse_spec(s)).collect();
    if global {
        let roots: Vec<(String, String, bool)> = extra.iter().map(|(n, r)| (n.clone(), r.clone(), false)).collect();
        let chosen = match resolve(&ix, &roots, &BTreeMap::new()) {
            Ok(c) => c,
            Err(why) => return npm_fail(sh, why),
        };
        write_modules(sh, &chosen, "/usr/local/lib/node_modules", "/usr/local/bin");
        let n = chosen.len();
        sh.out_str(&format!("\nadded {n} package{} in {}s\n", if n == 1 { "" } else { "s" }, 1 + n / 25))?;
        return Ok(0);
    }
    // npm 7 and later install named packages into a directory without a
    // package.json and create one holding just their dependencies.
    let fresh = !extra.is_empty() && !ci && !npm_old(sh) && read_text(sh, &sh.abs("package.json")).is_none();
    let pkg = if fresh {
        serde_json::json!({})
    } else {
        match package_json(sh)? {
            Ok(v) => v,
            Err(status) => return Ok(status),
        }
    };
    // node_modules is created (or written) in the working directory: a
    // root-owned WORKDIR refuses a non-root USER.
    let modules = sh.abs("node_modules");
    let writable =
        if sh.fs().get(&modules).is_ok() { sh.may(&modules, crate::vfs::access::Access::Write) } else { sh.may_change(&modules) };
    if !writable {
        return npm_eacces(sh, &modules);
    }
    let lock = sh.abs("package-lock.json");
    let locked = locked_versions(sh);
    if ci && sh.fs().get(&lock).is_err() {
        return npm_err(
            sh,
            &[
                "code EUSAGE".into(),
                String::new(),
                "The `npm ci` command can only install with an existing package-lock.json or".into(),
                "npm-shrinkwrap.json with lockfileVersion >= 1. Run an install with npm@5 or".into(),
                "later to generate a package-lock.json file, then try again.".into(),
            ],
            1,
        );
    }
    let mut roots: Vec<(String, String, bool)> = Vec::new();
    for (key, dev) in [("dependencies", false), ("devDependencies", true)] {
        if let Some(deps) = pkg[key].as_object() {
            for (n, r) in deps {
                roots.push((n.clone(), r.as_str().unwrap_or("*").to_string(), dev));
            }
        }
    }
    if ci {
        if let Some((n, r, _)) = roots.iter().find(|(n, _, _)| !locked.contains_key(n)) {
            let lines = vec![
                "code EUSAGE".to_string(),
                String::new(),
                "`npm ci` can only install packages when your package.json and package-lock.json or npm-shrinkwrap.json are in sync. Please update your lock file with `npm install` before continuing.".into(),
                String::new(),
                format!("Missing: {n}@{r} from lock file"),
                String::new(),
                "Clean install a project".into(),
            ];
            return npm_err(sh, &lines, 1);
        }
    }
    // What is named on the command line replaces package.json's range for it.
    roots.retain(|(n, _, _)| !extra.iter().any(|(e, _)| e == n));
    roots.extend(extra.iter().map(|(n, r)| (n.clone(), r.clone(), save_dev)));
    let chosen = match resolve(&ix, &roots, &locked) {
        Ok(c) => c,
        Err(why) => return npm_fail(sh, why),
    };
    // `npm install x` records x in package.json.
    let mut pkg = pkg;
    if !extra.is_empty() {
        let field = if save_dev { "devDependencies" } else { "dependencies" };
        for (name, range) in &extra {
            if let Some(c) = chosen.iter().find(|c| &c.pkg.name == name) {
                let saved = if save_exact {
                    c.version.clone()
                } else if range.is_empty() || range == "latest" {
                    format!("^{}", c.version)
                } else {
                    range.clone()
                };
                pkg[field][name] = serde_json::Value::String(saved);
            }
        }
        // npm saves dependencies sorted by name.
        if let Some(deps) = pkg[field].as_object_mut() {
            let mut sorted: Vec<(String, serde_json::Value)> = std::mem::take(deps).into_iter().collect();
            sorted.sort_by(|a, b| a.0.cmp(&b.0));
            deps.extend(sorted);
        }
        let path = sh.abs("package.json");
        write_text(sh, &path, &(serde_json::to_string_pretty(&pkg).unwrap_or_default() + "\n"));
    }
    let nm = sh.abs("node_modules");
    if ci {
        let _ = sh.fs_mut().remove(&nm, true);
    }
    let installed: Vec<Chosen> = chosen.into_iter().filter(|c| !(production && c.dev)).collect();
    // What node_modules already holds at the chosen version is not added again.
    let added = installed
        .iter()
        .filter(|c| {
            let manifest = read_text(sh, &format!("{nm}/{}/package.json", c.pkg.name));
            let present = manifest.and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok());
            present.is_none_or(|m| m["version"].as_str() != Some(c.version.as_str()))
        })
        .count();
    write_modules(sh, &installed, &nm, &format!("{nm}/.bin"));
    // Without a name, the lock file names the project after its directory.
    let name = pkg["name"].as_str().unwrap_or(project_dir(sh)).to_string();
    let version = pkg["version"].as_str().map(str::to_string);
    let mut lock_packages = serde_json::Map::new();
    let mut root = serde_json::json!({});
    if pkg["name"].is_string() {
        root["name"] = serde_json::Value::String(name.clone());
    }
    if let Some(v) = &version {
        root["version"] = serde_json::Value::String(v.clone());
    }
    for key in ["dependencies", "devDependencies"] {
        if pkg[key].is_object() {
            root[key] = pkg[key].clone();
        }
    }
    lock_packages.insert(String::new(), root);
    let mut sorted: Vec<&Chosen> = installed.iter().collect();
    crate::sort::sort_by_key(&mut sorted, |c| c.pkg.name.clone());
    for c in sorted {
        let mut entry = serde_json::json!({ "version": c.version });
        if c.dev {
            entry["dev"] = serde_json::Value::Bool(true);
        }
        lock_packages.insert(format!("node_modules/{}", c.pkg.name), entry);
    }
    let mut lockfile = serde_json::json!({ "name": name });
    if let Some(v) = &version {
        lockfile["version"] = serde_json::Value::String(v.clone());
    }
    lockfile["lockfileVersion"] = 3.into();
    lockfile["requires"] = true.into();
    lockfile["packages"] = serde_json::Value::Object(lock_packages);
    let lock_text = serde_json::to_string_pretty(&lockfile).unwrap_or_default() + "\n";
    if !installed.is_empty() {
        write_text(sh, &format!("{nm}/.package-lock.json"), &lock_text);
    }
    if !ci && !production {
        write_text(sh, &lock, &lock_text);
    }
    let n = installed.len();
    let secs = 1 + n / 25;
    // `--silent` / `-s` / `--loglevel silent`: npm prints nothing.
    let silent = args.iter().any(|a| matches!(*a, "--silent" | "-s" | "--loglevel=silent"))
        || args.windows(2).any(|w| w[0] == "--loglevel" && w[1] == "silent");
    if silent {
        return Ok(0);
    }
    if npm_old(sh) {
        let version = version.as_deref().unwrap_or("1.0.0");
        if pkg.get("description").is_none() {
            sh.err_str(&format!("npm WARN {name}@{version} No description\n"))?;
        }
        if pkg.get("repository").is_none() {
            sh.err_str(&format!("npm WARN {name}@{version} No repository field.\n"))?;
        }
        let text = if n == 0 {
            format!("up to date in {secs}.{:03}s\nfound 0 vulnerabilities\n\n", (n * 37) % 1000)
        } else {
            format!(
                "added {n} packages from {} contributors and audited {n} packages in {secs}.{:03}s\nfound 0 vulnerabilities\n\n",
                n * 3 / 4 + 1,
                (n * 37) % 1000
            )
        };
        sh.out_str(&text)?;
        return Ok(0);
    }
    let funded = installed.iter().filter(|c| FUNDED.contains(&c.pkg.name.as_str())).count();
    let no_audit = args.contains(&"--no-audit");
    let mut text = if no_audit && added > 0 {
        format!("\nadded {added} package{} in {}s\n", if added == 1 { "" } else { "s" }, 1 + added / 25)
    } else if no_audit {
        format!("\nup to date in {}ms\n", 150 + n)
    } else if n == 0 {
        format!("\nup to date, audited 1 package in {}ms\n", 150 + n)
    } else if added == 0 {
        format!("\nup to date, audited {} packages in {secs}s\n", n + 1)
    } else {
        let secs = 1 + added / 25;
        format!("\nadded {added} package{}, and audited {} packages in {secs}s\n", if added == 1 { "" } else { "s" }, n + 1)
    };
    if funded > 0 {
        let s = if funded == 1 { " is" } else { "s are" };
        text.push_str(&format!("\n{funded} package{s} looking for funding\n  run `npm fund` for details\n"));
    }
    if !no_audit {
        text.push_str("\nfound 0 vulnerabilities\n");
    }
    sh.out_str(&text)?;
    Ok(0)
}

fn npm_eacces(sh: &mut Shell, modules: &str) -> Result<i32, Flow> {
    let log = npm_log_path(sh).replace("/root/", &format!("{}/", home(sh)));
    let op = format!("EACCES: permission denied, mkdir '{modules}'");
    npm_err(
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
    )
}

/// What follows `--` on an `npm run` line: arguments for the script.
fn passed_args(args: &[&str]) -> Vec<String> {
    args.iter().skip_while(|a| **a != "--").skip(1).map(|a| a.to_string()).collect()
}

/// A word as `sh -c` reads it back (npm quotes the arguments it appends).
pub(super) fn sh_quote(word: &str) -> String {
    if !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || "-_./=:@%+,".contains(c)) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

fn npm_run(sh: &mut Shell, script: Option<&str>, extra: &[String]) -> Result<i32, Flow> {
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
            return npm_err(
                sh,
                &[format!("Missing script: \"{script}\""), String::new(), "To see a list of scripts, run:".into(), "  npm run".into()],
                1,
            );
        }
    };
    let command = std::iter::once(command).chain(extra.iter().map(|a| sh_quote(a))).collect::<Vec<_>>().join(" ");
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
        // npm 9 and 10 name the script and the workspace first; npm 11 says nothing more.
        let major = npm_major(sh);
        if major >= 11 {
            return Ok(status);
        }
        let lines = if major >= 9 {
            vec![
                format!("Lifecycle script `{script}` failed with error:"),
                format!("code {status}"),
                format!("path {cwd}"),
                format!("workspace {name}@{version}"),
                format!("location {cwd}"),
                "command failed".to_string(),
                format!("command sh -c {command}"),
            ]
        } else {
            vec![format!("code {status}"), format!("path {cwd}"), "command failed".to_string(), format!("command sh -c {command}")]
        };
        npm_err(sh, &lines, status)?;
    }
    Ok(status)
}

pub fn yarn(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    let version = sh.var("YARN_VERSION").unwrap_or_else(|| "1.22.22".into());
    if args.iter().any(|a| *a == "-v" || *a == "--version") {
        sh.out_str(&format!("{version}\n"))?;
        return Ok(0);
    }
    let sub = args.iter().find(|a| !a.starts_with('-')).copied().unwrap_or("install");
    match sub {
        "install" | "add" => yarn_install(sh, args, sub, &version),
        "run" => {
            let script = args.iter().filter(|a| !a.starts_with('-')).nth(1).copied();
            let extra = script.map(|s| after_word(args, s, usize::from(s == "run"))).unwrap_or_default();
            yarn_run(sh, script, &version, &extra)
        }
        "create" => {
            let rest: Vec<&str> = args.iter().skip_while(|a| **a != "create").skip(1).copied().collect();
            match rest.iter().position(|a| !a.starts_with('-')) {
                Some(i) => super::npx::create(sh, rest[i], &rest[i + 1..], super::npx::Via::YarnCreate),
                None => {
                    sh.err_str("error Missing argument `starter-kit-package`.\n")?;
                    Ok(1)
                }
            }
        }
        "global" | "remove" | "upgrade" | "cache" => {
            sh.err_str(&format!("dockersim: yarn {sub} is not simulated\n"))?;
            Ok(1)
        }
        script => yarn_run(sh, Some(script), &version, &after_word(args, script, 0)),
    }
}

fn yarn_install(sh: &mut Shell, args: &[&str], sub: &str, version: &str) -> Result<i32, Flow> {
    let ix = match pkg_index::get("npm") {
        Ok(ix) => ix,
        Err(e) => {
            sh.err_str(&format!("{e}\n"))?;
            return Ok(1);
        }
    };
    let production = args.iter().any(|a| matches!(*a, "--production" | "--prod" | "--production=true"))
        || sh.var("NODE_ENV").is_some_and(|e| e == "production");
    let frozen = args.iter().any(|a| matches!(*a, "--frozen-lockfile" | "--immutable"));
    let dev = args.iter().any(|a| *a == "-D" || *a == "--dev");
    let extra: Vec<(String, String)> =
        if sub == "add" { args.iter().filter(|a| !a.starts_with('-')).skip(1).map(|s| parse_spec(s)).collect() } else { Vec::new() };
    let mut out = format!("yarn {sub} v{version}\n");
    let lock_path = sh.abs("yarn.lock");
    let has_lock = sh.fs().get(&lock_path).is_ok();
    if !has_lock {
        out.push_str("info No lockfile found.\n");
    }
    let pkg = read_text(sh, &sh.abs("package.json"))
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .unwrap_or_else(|| serde_json::json!({}));
    let mut roots: Vec<(String, String, bool)> = Vec::new();
    for (key, is_dev) in [("dependencies", false), ("devDependencies", true)] {
        if let Some(deps) = pkg[key].as_object() {
            for (n, r) in deps {
                roots.push((n.clone(), r.as_str().unwrap_or("*").to_string(), is_dev));
            }
        }
    }
    roots.retain(|(n, _, _)| !extra.iter().any(|(e, _)| e == n));
    roots.extend(extra.iter().map(|(n, r)| (n.clone(), r.clone(), dev)));
    let locked = locked_versions(sh);
    out.push_str("[1/4] Resolving packages...\n");
    let chosen = match resolve(&ix, &roots, &locked) {
        Ok(c) => c,
        Err(why) => {
            sh.out_str(&out)?;
            let cwd = sh.cwd.clone();
            match why {
                Unresolved::NotFound(name) => {
                    sh.err_str(&format!("error An unexpected error occurred: \"{REGISTRY}/{name}: Not found\".\n"))?;
                    sh.out_str(&format!("info If you think this is a bug, please open a bug report with the information provided in \"{cwd}/yarn-error.log\".\n"))?;
                }
                Unresolved::NoMatch(name, range) => {
                    sh.err_str(&format!("error Couldn't find any versions for \"{name}\" that matches \"{range}\"\n"))?
                }
                Unresolved::NotSimulated(spec) => {
                    sh.err_str(&format!("dockersim: installing {spec} (a git, file or URL dependency) is not simulated\n"))?;
                    return Ok(1);
                }
            }
            sh.out_str(&format!("info Visit https://yarnpkg.com/en/docs/cli/{sub} for documentation about this command.\n"))?;
            return Ok(1);
        }
    };
    if frozen && (!has_lock || roots.iter().any(|(n, _, _)| !locked.contains_key(n))) {
        sh.out_str(&out)?;
        sh.err_str("error Your lockfile needs to be updated, but yarn was run with `--frozen-lockfile`.\n")?;
        sh.out_str(&format!("info Visit https://yarnpkg.com/en/docs/cli/{sub} for documentation about this command.\n"))?;
        return Ok(1);
    }
    // yarn.lock: one entry per package, keyed by the ranges asked for.
    let mut ranges: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (n, r, _) in &roots {
        ranges.entry(n.clone()).or_default().push(if r.is_empty() {
            format!("^{}", chosen.iter().find(|c| &c.pkg.name == n).map_or("0.0.0", |c| c.version.as_str()))
        } else {
            r.clone()
        });
    }
    for c in &chosen {
        for d in &c.pkg.deps {
            let (n, r) = split_dep("npm", d);
            ranges.entry(n.to_string()).or_default().push(r.to_string());
        }
    }
    let mut lock = String::from("# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n");
    let mut sorted: Vec<&Chosen> = chosen.iter().collect();
    crate::sort::sort_by_key(&mut sorted, |c| c.pkg.name.clone());
    for c in sorted {
        let mut keys: Vec<String> = ranges.get(&c.pkg.name).cloned().unwrap_or_default();
        crate::sort::sort_by_key(&mut keys, |k| k.clone());
        keys.dedup();
        let quote = |k: &str| {
            if k.contains(['^', '~', ' ', '>', '<', '|']) || c.pkg.name.starts_with('@') {
                format!("\"{}@{k}\"", c.pkg.name)
            } else {
                format!("{}@{k}", c.pkg.name)
            }
        };
        let head: Vec<String> = keys.iter().map(|k| quote(k)).collect();
        lock.push_str(&format!("\n{}:\n  version \"{}\"\n", head.join(", "), c.version));
        if !c.pkg.deps.is_empty() {
            lock.push_str("  dependencies:\n");
            for d in &c.pkg.deps {
                let (n, r) = split_dep("npm", d);
                lock.push_str(&format!("    {n} \"{r}\"\n"));
            }
        }
    }
    // node_modules/.yarn-integrity: what the last install linked; the same
    // again with the same lockfile is up to date.
    let nm = sh.abs("node_modules");
    let abi = match sh.var("NODE_VERSION").unwrap_or_default().split('.').next().unwrap_or("") {
        "16" => "93",
        "18" => "108",
        "20" => "115",
        "21" => "120",
        "22" => "127",
        "23" => "131",
        _ => "137",
    };
    let mut patterns: Vec<String> = roots.iter().map(|(n, r, _)| format!("{n}@{r}")).collect();
    crate::sort::sort_by_key(&mut patterns, |p| p.clone());
    let integrity = serde_json::to_string_pretty(&serde_json::json!({
        "systemParams": format!("linux-x64-{abi}"),
        "modulesFolders": ["node_modules"],
        "flags": if production { vec!["production"] } else { Vec::new() },
        "linkedModules": [],
        "topLevelPatterns": patterns,
    }))
    .unwrap_or_default();
    let integrity_path = format!("{nm}/.yarn-integrity");
    let lock_kept = read_text(sh, &lock_path).as_deref() == Some(lock.as_str()) || (production && has_lock);
    if extra.is_empty() && lock_kept && read_text(sh, &integrity_path).as_deref() == Some(integrity.as_str()) {
        out.push_str("success Already up-to-date.\nDone in 0.07s.\n");
        sh.out_str(&out)?;
        return Ok(0);
    }
    out.push_str("[2/4] Fetching packages...\n[3/4] Linking dependencies...\n[4/4] Building fresh packages...\n");
    let installed: Vec<&Chosen> = chosen.iter().filter(|c| !(production && c.dev)).collect();
    let owned: Vec<Chosen> = installed.iter().map(|c| Chosen { pkg: c.pkg, version: c.version.clone(), dev: c.dev }).collect();
    write_modules(sh, &owned, &nm, &format!("{nm}/.bin"));
    if !extra.is_empty() {
        let mut pkg = pkg.clone();
        let field = if dev { "devDependencies" } else { "dependencies" };
        for (name, range) in &extra {
            if let Some(c) = chosen.iter().find(|c| &c.pkg.name == name) {
                pkg[field][name] = serde_json::Value::String(if range.is_empty() { format!("^{}", c.version) } else { range.clone() });
            }
        }
        let path = sh.abs("package.json");
        write_text(sh, &path, &(serde_json::to_string_pretty(&pkg).unwrap_or_default() + "\n"));
    }
    write_text(sh, &integrity_path, &integrity);
    if (!production || !has_lock) && !lock_kept {
        write_text(sh, &lock_path, &lock);
        out.push_str("success Saved lockfile.\n");
    }
    if !extra.is_empty() {
        let n = extra.len();
        out.push_str(&format!("success Saved {n} new dependenc{}.\ninfo Direct dependencies\n", if n == 1 { "y" } else { "ies" }));
        for (i, (name, _)) in extra.iter().enumerate() {
            let v = chosen.iter().find(|c| &c.pkg.name == name).map_or(String::new(), |c| c.version.clone());
            out.push_str(&format!("{} {name}@{v}\n", if i + 1 == n { "└─" } else { "├─" }));
        }
    }
    out.push_str(&format!("Done in {}.{:02}s.\n", 1 + installed.len() / 30, (installed.len() * 7) % 100));
    sh.out_str(&out)?;
    Ok(0)
}

/// The arguments after the `skip`+1-th occurrence of `word` (yarn passes them to the script; a `--` is dropped).
fn after_word(args: &[&str], word: &str, skip: usize) -> Vec<String> {
    let at = args.iter().enumerate().filter(|(_, a)| **a == word).nth(skip).map(|(i, _)| i + 1).unwrap_or(args.len());
    args[at.min(args.len())..].iter().filter(|a| **a != "--").map(|a| a.to_string()).collect()
}

fn yarn_run(sh: &mut Shell, script: Option<&str>, version: &str, extra: &[String]) -> Result<i32, Flow> {
    sh.out_str(&format!("yarn run v{version}\n"))?;
    let cwd = sh.cwd.clone();
    let Some(text) = read_text(sh, &sh.abs("package.json")) else {
        sh.err_str(&format!("error Couldn't find a package.json file in \"{cwd}\"\n"))?;
        sh.out_str("info Visit https://yarnpkg.com/en/docs/cli/run for documentation about this command.\n")?;
        return Ok(1);
    };
    let pkg = serde_json::from_str::<serde_json::Value>(&text).unwrap_or_default();
    let Some(script) = script else {
        sh.err_str("error No command specified.\n")?;
        return Ok(1);
    };
    let Some(command) = pkg["scripts"][script].as_str().map(str::to_string) else {
        sh.err_str(&format!("error Command \"{script}\" not found.\n"))?;
        sh.out_str("info Visit https://yarnpkg.com/en/docs/cli/run for documentation about this command.\n")?;
        return Ok(1);
    };
    let command = std::iter::once(command).chain(extra.iter().map(|a| sh_quote(a))).collect::<Vec<_>>().join(" ");
    sh.out_str(&format!("$ {command}\n"))?;
    let bin = sh.abs("node_modules/.bin");
    let saved = sh.var("PATH").unwrap_or_default();
    sh.set_var("PATH", &format!("{bin}:{saved}"));
    let status = match sh.run_source(&command) {
        Ok(s) | Err(Flow::Exit(s)) => s,
        Err(e) => return Err(e),
    };
    sh.set_var("PATH", &saved);
    if status != 0 {
        sh.err_str(&format!("error Command failed with exit code {status}.\n"))?;
        sh.out_str("info Visit https://yarnpkg.com/en/docs/cli/run for documentation about this command.\n")?;
        return Ok(status);
    }
    sh.out_str("Done in 0.52s.\n")?;
    Ok(0)
}
