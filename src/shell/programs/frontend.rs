//! Front-end toolchains from `node_modules/.bin`: `vite`, `react-scripts`,
//! `tsc` and `serve`. Builds run `crate::apps::bundle` over the project and
//! write its output with the tool's report; dev servers and static servers
//! are handed to the container as its main process (`container::devserver`
//! answers their requests), and say so when started anywhere else.

use super::Prog;
use crate::apps::bundle;
use crate::shell::interp::{Flow, Shell};

type Out = Result<Option<i32>, Flow>;

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    let args: Vec<&str> = argv[1..].iter().map(String::as_str).collect();
    match prog.name.as_str() {
        "vite" => vite(sh, argv, &args).map(Some),
        "react-scripts" => react_scripts(sh, argv, &args).map(Some),
        "tsc" => tsc(sh, &args).map(Some),
        "serve" => server(sh, argv, "serve").map(Some),
        "create-vite" | "cva" => super::scaffold::create_vite(sh, &args).map(Some),
        "create-react-app" => super::scaffold::create_react_app(sh, &args).map(Some),
        "npx" => super::npx::npx(sh, &args, super::npx::Via::Npx).map(Some),
        _ => Ok(None),
    }
}

/// The version of package `name` installed for the project (or `default`).
fn package_version(sh: &Shell, name: &str, default: &str) -> String {
    bundle::installed_version(sh.fs(), &sh.cwd, name).unwrap_or_else(|| default.to_string())
}

/// A server the container runs as its main process: handed over, or the
/// simulator says it cannot run it here.
fn server(sh: &mut Shell, argv: &[String], what: &str) -> Result<i32, Flow> {
    sh.hand_over(argv.to_vec())?;
    sh.err_str(&format!(
        "dockersim: {what}: a server started from a shell is not simulated (it serves as a container's main process: CMD, or the command of docker run)\n"
    ))?;
    Ok(super::NOT_SIMULATED)
}

/// Writes a build's files under the project (replacing the output directory).
fn write_build(sh: &mut Shell, built: &bundle::Built) -> Result<(), Flow> {
    let root = sh.cwd.clone();
    let out = crate::vfs::join(&root, &built.out_dir);
    let total: u64 = built.files.iter().map(|(_, c)| c.len()).sum();
    sh.charge_fs(total, built.files.len() as u64)?;
    let _ = sh.fs_mut().remove(&out, true);
    let dir_meta = sh.meta(0o755);
    for (rel, content) in &built.files {
        let path = crate::vfs::join(&root, rel);
        if let Some(i) = path.rfind('/').filter(|&i| i > 0) {
            let _ = sh.fs_mut().mkdir_all(&path[..i], dir_meta.clone());
        }
        let meta = sh.meta(0o644);
        let _ = sh.fs_mut().write(&path, content.clone(), meta);
    }
    Ok(())
}

/// Milliseconds a build takes, from what it did (time is never read).
fn build_ms(modules: usize, files: usize) -> u64 {
    380 + modules as u64 * 19 + files as u64 * 7
}

fn display_time(ms: u64) -> String {
    if ms < 1000 {
        format!("{ms}ms")
    } else {
        format!("{:.2}s", ms as f64 / 1000.0)
    }
}

fn vite(sh: &mut Shell, argv: &[String], args: &[&str]) -> Result<i32, Flow> {
    let version = package_version(sh, "vite", "6.0.5");
    if args.iter().any(|a| matches!(*a, "-v" | "--version")) {
        let node = sh.var("NODE_VERSION").unwrap_or_else(|| "20.18.1".into());
        sh.out_str(&format!("vite/{version} linux-x64 node-v{node}\n"))?;
        return Ok(0);
    }
    let sub = args.iter().find(|a| !a.starts_with('-')).copied();
    match sub {
        Some("build") => vite_build(sh, &version, args),
        Some("optimize") => {
            sh.err_str("dockersim: vite optimize: not simulated (build, dev and preview are)\n")?;
            Ok(super::NOT_SIMULATED)
        }
        _ => server(sh, argv, "vite"),
    }
}

fn vite_build(sh: &mut Shell, version: &str, args: &[&str]) -> Result<i32, Flow> {
    let root = sh.cwd.clone();
    let mode = args.windows(2).find(|w| w[0] == "--mode" || w[0] == "-m").map_or("production", |w| w[1]);
    sh.out_str(&format!("vite v{version} building for {mode}...\n"))?;
    let result = bundle::vite(sh.fs(), &root);
    let mut built = match result {
        Ok(b) => b,
        Err(bundle::Failed(message, modules)) => {
            let modules = modules.max(1);
            sh.out_str(&format!("transforming...\n✓ {modules} modules transformed.\n"))?;
            let ms = build_ms(modules, 0);
            let stack = if message.starts_with("[vite]:") {
                format!(
                    "Error: {message}\n    at onRollupWarning (file://{root}/node_modules/vite/dist/node/chunks/dep-C6uTJdX2.js:65434:13)\n    at onwarn (file://{root}/node_modules/vite/dist/node/chunks/dep-C6uTJdX2.js:65135:7)"
                )
            } else {
                format!(
                    "{message}\n    at getRollupError (file://{root}/node_modules/rollup/dist/es/shared/parseAst.js:396:41)\n    at error (file://{root}/node_modules/rollup/dist/es/shared/parseAst.js:392:42)"
                )
            };
            sh.err_str(&format!("x Build failed in {}\nerror during build:\n{stack}\n", display_time(ms)))?;
            return Ok(1);
        }
    };
    // --outDir / --base on the command line win over the config.
    if let Some(w) = args.windows(2).find(|w| w[0] == "--outDir") {
        let old = format!("{}/", built.out_dir);
        let new = w[1].trim_start_matches("./").trim_end_matches('/').to_string();
        for (p, _) in built.files.iter_mut() {
            if let Some(rest) = p.strip_prefix(&old) {
                *p = format!("{new}/{rest}");
            }
        }
        built.out_dir = new;
    }
    write_build(sh, &built)?;
    let mut text = format!("transforming...\n✓ {} modules transformed.\nrendering chunks...\ncomputing gzip size...\n", built.modules);
    for line in bundle::vite_report(&built.out_dir, &built.report) {
        text.push_str(&line);
        text.push('\n');
    }
    text.push_str(&format!("✓ built in {}\n", display_time(build_ms(built.modules, built.files.len()))));
    sh.out_str(&text)?;
    Ok(0)
}

fn react_scripts(sh: &mut Shell, argv: &[String], args: &[&str]) -> Result<i32, Flow> {
    match args.first().copied() {
        Some("build") => cra_build(sh),
        Some("start") => server(sh, argv, "react-scripts start"),
        Some(other @ ("test" | "eject")) => {
            sh.err_str(&format!("dockersim: react-scripts {other}: not simulated (build and start are)\n"))?;
            Ok(super::NOT_SIMULATED)
        }
        other => {
            sh.out_str(&format!("Unknown script \"{}\".\nPerhaps you need to update react-scripts?\nSee: https://facebook.github.io/create-react-app/docs/updating-to-new-releases\n", other.unwrap_or("")))?;
            Ok(1)
        }
    }
}

fn cra_build(sh: &mut Shell) -> Result<i32, Flow> {
    let root = sh.cwd.clone();
    let sourcemap = sh.var("GENERATE_SOURCEMAP").is_none_or(|v| v != "false");
    let built = match bundle::react_scripts(sh.fs(), &root, sourcemap) {
        Ok(b) => b,
        // react-scripts checks its required files before it starts.
        Err(bundle::Failed(message, _)) if message.starts_with("Could not find a required file.") => {
            sh.out_str(&format!("{message}\n"))?;
            return Ok(1);
        }
        Err(bundle::Failed(message, _)) => {
            // The build directory was emptied and public/ copied before webpack ran.
            let files: Vec<(String, crate::vfs::Content)> = bundle::files_under(sh.fs(), &format!("{root}/public"))
                .into_iter()
                .filter(|(p, _)| p != "index.html")
                .map(|(p, c)| (format!("build/{p}"), c))
                .collect();
            write_build(sh, &bundle::Built { out_dir: "build".into(), files, report: Vec::new(), modules: 0 })?;
            sh.out_str(&format!("Creating an optimized production build...\nFailed to compile.\n\n{message}\n\n\n"))?;
            return Ok(1);
        }
    };
    sh.out_str("Creating an optimized production build...\n")?;
    write_build(sh, &built)?;
    let labels: Vec<(String, String)> =
        built.report.iter().map(|r| (bundle::filesize(r.gzip.unwrap_or(r.size)), format!("build/{}", r.name))).collect();
    let longest = labels.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
    let mut text = String::from("Compiled successfully.\n\nFile sizes after gzip:\n\n");
    for (label, name) in labels {
        text.push_str(&format!("  {label:<longest$}  {name}\n"));
    }
    let pkg: serde_json::Value =
        sh.fs().read(&format!("{root}/package.json")).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default();
    match pkg["homepage"].as_str() {
        Some(home) => {
            let path = home.split_once("://").map_or(home, |(_, r)| r.find('/').map_or("/", |i| &r[i..]));
            text.push_str(&format!("\nThe project was built assuming it is hosted at {path}.\nYou can control this with the homepage field in your package.json.\n"));
        }
        None => text.push_str(
            "\nThe project was built assuming it is hosted at /.\nYou can control this with the homepage field in your package.json.\n",
        ),
    }
    text.push_str("\nThe build folder is ready to be deployed.\nYou may serve it with a static server:\n\n  npm install -g serve\n  serve -s build\n\nFind out more about deployment here:\n\n  https://cra.link/deployment\n\n");
    sh.out_str(&text)?;
    Ok(0)
}

/// `tsc`: the version, and type-checking runs (`--noEmit`, or a project
/// whose configs say `noEmit`, as Vite's TypeScript templates do) pass;
/// emitting JavaScript is not simulated.
fn tsc(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    let version = package_version(sh, "typescript", "5.7.2");
    if args.iter().any(|a| matches!(*a, "-v" | "--version")) {
        sh.out_str(&format!("Version {version}\n"))?;
        return Ok(0);
    }
    let config_at = |name: &str| sh.fs().read(&sh.abs(name)).ok().map(|b| String::from_utf8_lossy(&b).into_owned());
    let project = args.windows(2).find(|w| matches!(w[0], "-p" | "--project")).map(|w| w[1].to_string());
    let build = args.iter().any(|a| matches!(*a, "-b" | "--build"));
    let no_emit = args.contains(&"--noEmit");
    if args.iter().any(|a| matches!(*a, "-w" | "--watch")) {
        sh.err_str("dockersim: tsc: watch mode is not simulated (run tsc again after a change)\n")?;
        return Ok(super::NOT_SIMULATED);
    }
    // Options given on the command line: `--outDir dist`, `--module commonjs`.
    let mut cli: Vec<(&str, &str)> = Vec::new();
    let mut files: Vec<String> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i];
        if let Some(name) = a.strip_prefix("--") {
            if matches!(name, "noEmit" | "build" | "project" | "pretty" | "listFiles") {
                i += if name == "project" { 2 } else { 1 };
                continue;
            }
            match args.get(i + 1) {
                Some(v) if !v.starts_with('-') && !v.ends_with(".ts") => {
                    cli.push((name, v));
                    i += 2;
                }
                _ => {
                    cli.push((name, "true"));
                    i += 1;
                }
            }
            continue;
        }
        if a == "-p" {
            i += 2;
            continue;
        }
        if crate::apps::js::is_typescript(a) {
            files.push(sh.abs(a));
        }
        i += 1;
    }
    let main = project.clone().unwrap_or_else(|| "tsconfig.json".into());
    let main = if config_at(&main).is_none() && config_at(&format!("{}/tsconfig.json", main.trim_end_matches('/'))).is_some() {
        format!("{}/tsconfig.json", main.trim_end_matches('/'))
    } else {
        main
    };
    if !files.is_empty() {
        // `tsc file.ts`: the file alone, with the command line's options (tsconfig.json is not read).
        if no_emit {
            return Ok(0);
        }
        let cwd = sh.cwd.clone();
        return super::tsc::build(sh, &serde_json::Value::Null, &cwd, &cli, &files);
    }
    let Some(config) = config_at(&main) else {
        if project.is_some() {
            sh.out_str(&format!("error TS5058: The specified path does not exist: '{main}'.\n"))?;
            return Ok(1);
        }
        sh.out_str(&format!("Version {version}\ntsc: The TypeScript Compiler - Version {version}\n\nCOMMON COMMANDS\n\n  tsc\n  Compiles the current project (tsconfig.json in the working directory.)\n"))?;
        return Ok(1);
    };
    // A solution config (`files: []` with references) builds the referenced projects.
    let mut configs = vec![(main.clone(), config.clone())];
    if build {
        let v: serde_json::Value = serde_json::from_str(&strip_json_comments(&config)).unwrap_or_default();
        for r in v["references"].as_array().into_iter().flatten() {
            if let Some(p) = r["path"].as_str() {
                let p = if p.ends_with(".json") { p.to_string() } else { format!("{}/tsconfig.json", p.trim_end_matches('/')) };
                if let Some(text) = config_at(&p) {
                    configs.push((p, text));
                }
            }
        }
        if configs.len() > 1 {
            configs.remove(0);
        }
    }
    if no_emit {
        return Ok(0);
    }
    for (path, text) in &configs {
        let v: serde_json::Value = serde_json::from_str(&strip_json_comments(text)).unwrap_or_default();
        if v["compilerOptions"]["noEmit"].as_bool() == Some(true) {
            continue;
        }
        let abs = sh.abs(path);
        let dir = abs.rsplit_once('/').map_or("/".to_string(), |(d, _)| if d.is_empty() { "/".into() } else { d.to_string() });
        let status = super::tsc::build(sh, &v, &dir, &cli, &[])?;
        if status != 0 {
            return Ok(status);
        }
    }
    Ok(0)
}

/// tsconfig files are JSON with comments and trailing commas.
fn strip_json_comments(text: &str) -> String {
    let out = super::csharp::strip_comments(text);
    // Trailing commas before } or ].
    let mut cleaned = String::new();
    let chars: Vec<char> = out.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if *c == ',' {
            let next = chars[i + 1..].iter().find(|n| !n.is_whitespace());
            if matches!(next, Some('}') | Some(']')) {
                continue;
            }
        }
        cleaned.push(*c);
    }
    cleaned
}
