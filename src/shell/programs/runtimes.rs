//! Language runtimes, honestly scoped: versions match the image, and a
//! script "runs" by printing what its literal `console.log`/`print` calls
//! print. Servers are modelled by the container layer, not here.

use super::Prog;
use crate::shell::interp::{Flow, Shell};

type Out = Result<Option<i32>, Flow>;

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    let args: Vec<&str> = argv[1..].iter().map(String::as_str).collect();
    match prog.name.as_str() {
        "node" | "nodejs" => node(sh, &args).map(Some),
        n if n == "python" || n.starts_with("python3") => python(sh, &args).map(Some),
        "go" => {
            let v = sh.var("GOLANG_VERSION").unwrap_or_else(|| "1.22.10".into());
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
            }
            Ok(Some(0))
        }
        "httpd" => {
            if args.contains(&"-v") {
                let v = sh.var("HTTPD_VERSION").unwrap_or_else(|| "2.4.62".into());
                sh.out_str(&format!("Server version: Apache/{v} (Unix)\nServer built:   Dec 26 2024 02:09:55\n"))?;
            }
            Ok(Some(0))
        }
        _ => Ok(None),
    }
}

fn node(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    let version = sh.var("NODE_VERSION").unwrap_or_else(|| "20.18.1".into());
    match args.first().copied() {
        Some("-v" | "--version") => {
            sh.out_str(&format!("v{version}\n"))?;
            Ok(0)
        }
        Some("-e" | "--eval" | "-p" | "--print") => {
            let code = args.get(1).copied().unwrap_or("");
            let out = literal_prints(code, "console.log(");
            sh.out_str(&out)?;
            Ok(0)
        }
        Some(file) if !file.starts_with('-') => {
            let path = sh.abs(file);
            match sh.fs().read(&path) {
                Ok(bytes) => {
                    let text = String::from_utf8_lossy(&bytes).into_owned();
                    let out = literal_prints(&text, "console.log(");
                    sh.out_str(&out)?;
                    Ok(0)
                }
                Err(_) => {
                    let text = format!("node:internal/modules/cjs/loader:1228\n  throw err;\n  ^\n\nError: Cannot find module '{path}'\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)\n    at Module._load (node:internal/modules/cjs/loader:1051:27)\n    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:174:12)\n    at node:internal/main/run_main_module:28:49 {{\n  code: 'MODULE_NOT_FOUND',\n  requireStack: []\n}}\n\nNode.js v{version}\n");
                    sh.err_str(&text)?;
                    Ok(1)
                }
            }
        }
        _ => Ok(0),
    }
}

fn python(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    let version = sh.var("PYTHON_VERSION").unwrap_or_else(|| "3.12.8".into());
    match args.first().copied() {
        Some("-V" | "--version") => {
            sh.out_str(&format!("Python {version}\n"))?;
            Ok(0)
        }
        Some("-m") if args.get(1) == Some(&"pip") => {
            let rest: Vec<String> = std::iter::once("pip".to_string()).chain(args[2..].iter().map(|s| s.to_string())).collect();
            super::packages::run(sh, &super::Prog { name: "pip".into(), busybox: false }, &rest).map(|s| s.unwrap_or(0))
        }
        Some("-c") => {
            let out = literal_prints(args.get(1).copied().unwrap_or(""), "print(");
            sh.out_str(&out)?;
            Ok(0)
        }
        Some(file) if !file.starts_with('-') => {
            let path = sh.abs(file);
            match sh.fs().read(&path) {
                Ok(bytes) => {
                    let out = literal_prints(&String::from_utf8_lossy(&bytes), "print(");
                    sh.out_str(&out)?;
                    Ok(0)
                }
                Err(_) => {
                    let text = format!("python3: can't open file '{path}': [Errno 2] No such file or directory\n");
                    sh.err_str(&text)?;
                    Ok(2)
                }
            }
        }
        _ => Ok(0),
    }
}

/// The string literals passed to `call` (e.g. `console.log(`), one line each.
fn literal_prints(code: &str, call: &str) -> String {
    let mut out = String::new();
    let mut rest = code;
    while let Some(i) = rest.find(call) {
        rest = &rest[i + call.len()..];
        let trimmed = rest.trim_start();
        let Some(quote) = trimmed.chars().next().filter(|c| matches!(c, '"' | '\'' | '`')) else { continue };
        if let Some(end) = trimmed[1..].find(quote) {
            let literal = &trimmed[1..1 + end];
            let after = trimmed[1 + end + 1..].trim_start();
            if after.starts_with(')') || after.starts_with(';') {
                out.push_str(literal);
                out.push('\n');
            }
        }
    }
    out
}
