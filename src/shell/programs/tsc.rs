//! tsc's emit for a project: the TypeScript files its tsconfig includes
//! compiled to JavaScript (`crate::apps::js::emit`) under `outDir`, laid
//! out from `rootDir` as tsc lays them out. Types are not checked: a
//! program tsc would reject for a type error still compiles here.

use crate::apps::js::emit::{emit, Options};
use crate::shell::interp::{Flow, Shell};
use serde_json::Value;

/// Compiles the project of `config` (its text and directory), with the
/// options given on the command line overriding it. Prints tsc's
/// diagnostics; the exit status.
pub fn build(sh: &mut Shell, config: &Value, dir: &str, cli: &[(&str, &str)], files: &[String]) -> Result<i32, Flow> {
    let opts = &config["compilerOptions"];
    let opt = |name: &str| -> Option<String> {
        cli.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.to_string())
            .or_else(|| opts[name].as_str().map(str::to_string).or_else(|| opts[name].as_bool().map(|b| b.to_string())))
    };
    let flag = |name: &str| opt(name).is_some_and(|v| v == "true");
    let target = opt("target").unwrap_or_else(|| "es5".into()).to_ascii_lowercase();
    let module = opt("module").map(|m| m.to_ascii_lowercase()).unwrap_or_else(|| {
        if matches!(target.as_str(), "es3" | "es5") {
            "commonjs".into()
        } else {
            "es2015".into()
        }
    });
    let package_module = sh
        .fs()
        .read(&crate::vfs::join(dir, "package.json"))
        .ok()
        .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
        .is_some_and(|p| p["type"].as_str() == Some("module"));
    let commonjs = module == "commonjs" || (matches!(module.as_str(), "node16" | "nodenext") && !package_module);
    let options = Options { commonjs, interop: flag("esModuleInterop"), strict: flag("strict") || flag("alwaysStrict") };
    let inputs = if files.is_empty() { inputs(sh, config, dir, opt("outDir").as_deref()) } else { files.to_vec() };
    if inputs.is_empty() {
        let at = crate::vfs::join(dir, "tsconfig.json");
        sh.out_str(&format!("error TS18003: No inputs were found in config file '{at}'. Specified 'include' paths were '[\"**/*\"]' and 'exclude' paths were '[]'.\n\n\nFound 1 error.\n\n"))?;
        return Ok(2);
    }
    let root = opt("rootDir").map(|r| crate::vfs::join(dir, &r)).unwrap_or_else(|| common_dir(&inputs));
    let out_dir = opt("outDir").map(|o| crate::vfs::join(dir, &o));
    if flag("declaration") {
        sh.err_str("dockersim: tsc: declaration files (.d.ts) are not emitted\n")?;
    }
    let mut outputs = Vec::new();
    for file in &inputs {
        let src = String::from_utf8_lossy(&sh.fs().read(file).unwrap_or_default()).into_owned();
        let js = match emit(&src, options) {
            Ok(js) => js,
            Err(e) => {
                let shown = file.strip_prefix(&format!("{}/", sh.cwd.trim_end_matches('/'))).unwrap_or(file);
                let (line, msg) = e.split_once(": ").unwrap_or(("1", &e));
                sh.err_str(&format!("dockersim: tsc: {shown}:{line}: {msg} (tsc's diagnostics are not simulated)\n"))?;
                return Ok(1);
            }
        };
        let rel = file.strip_prefix(&format!("{}/", root.trim_end_matches('/'))).unwrap_or(file.trim_start_matches('/'));
        let rel = out_name(rel);
        let path = match &out_dir {
            Some(o) => crate::vfs::join(o, &rel),
            None => crate::vfs::join(&root, &rel),
        };
        outputs.push((path, js));
    }
    let total: u64 = outputs.iter().map(|(_, js)| js.len() as u64).sum();
    sh.charge_fs(total, outputs.len() as u64)?;
    for (path, js) in outputs {
        if let Some(i) = path.rfind('/').filter(|&i| i > 0) {
            let m = sh.meta(0o755);
            let _ = sh.fs_mut().mkdir_all(&path[..i], m);
        }
        let m = sh.meta(0o644);
        let _ = sh.fs_mut().write(&path, crate::vfs::Content::from_bytes(js.into_bytes()), m);
    }
    Ok(0)
}

/// `x.ts` → `x.js`, `.mts` → `.mjs`, `.cts` → `.cjs`, `.tsx` → `.js`.
fn out_name(rel: &str) -> String {
    for (from, to) in [(".mts", ".mjs"), (".cts", ".cjs"), (".tsx", ".js"), (".ts", ".js")] {
        if let Some(stem) = rel.strip_suffix(from) {
            return format!("{stem}{to}");
        }
    }
    rel.to_string()
}

/// The files a tsconfig includes: `files`, else `include` (default every
/// TypeScript file), less `exclude`, node_modules and the output directory.
fn inputs(sh: &Shell, config: &Value, dir: &str, out_dir: Option<&str>) -> Vec<String> {
    let prefix = format!("{}/", dir.trim_end_matches('/'));
    if let Some(files) = config["files"].as_array() {
        return files.iter().filter_map(|f| f.as_str()).map(|f| crate::vfs::join(dir, f)).filter(|f| sh.fs().exists(f)).collect();
    }
    let include: Vec<String> = config["include"]
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
        .unwrap_or_else(|| vec!["**/*".into()]);
    let mut exclude: Vec<String> =
        config["exclude"].as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()).unwrap_or_default();
    exclude.push("node_modules".into());
    if let Some(o) = out_dir {
        exclude.push(o.trim_start_matches("./").to_string());
    }
    let mut out = Vec::new();
    for (path, node) in sh.fs().walk() {
        let abs = format!("/{path}");
        let Some(rel) = abs.strip_prefix(&prefix) else { continue };
        if !matches!(node, crate::vfs::Node::File { .. }) || !crate::apps::js::is_typescript(&abs) {
            continue;
        }
        if rel.split('/').any(|p| p.starts_with('.')) || exclude.iter().any(|e| matches_pattern(e, rel)) {
            continue;
        }
        if include.iter().any(|i| matches_pattern(i, rel)) {
            out.push(abs);
        }
    }
    out
}

/// tsconfig's include/exclude patterns: a directory or file name, or a
/// path with `*` and `**/` wildcards.
fn matches_pattern(pattern: &str, rel: &str) -> bool {
    let p = pattern.trim_start_matches("./").trim_end_matches('/');
    if !p.contains('*') && !p.contains('?') {
        return rel == p || rel.starts_with(&format!("{p}/"));
    }
    match p.split_once("**/") {
        Some((dir, rest)) => {
            let under = if dir.is_empty() { Some(rel) } else { rel.strip_prefix(dir) };
            under.is_some_and(|u| {
                let name = u.rsplit('/').next().unwrap_or(u);
                crate::glob::Glob::shell(rest).is_match(name)
            })
        }
        None => crate::glob::Glob::shell(p).is_match(rel),
    }
}

/// The deepest directory holding every input (tsc's default rootDir).
fn common_dir(files: &[String]) -> String {
    let dirs: Vec<&str> = files.iter().map(|f| f.rsplit_once('/').map_or("/", |(d, _)| d)).collect();
    let mut common: Vec<&str> = dirs.first().map(|d| d.split('/').collect()).unwrap_or_default();
    for d in &dirs[1..] {
        let parts: Vec<&str> = d.split('/').collect();
        let n = common.iter().zip(&parts).take_while(|(a, b)| a == b).count();
        common.truncate(n);
    }
    let joined = common.join("/");
    if joined.is_empty() {
        "/".into()
    } else {
        joined
    }
}
