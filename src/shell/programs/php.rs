//! `php`: the CLI of the php images, running scripts in the evaluator of
//! `crate::apps::php` (`php -v`, `-r CODE`, `FILE [args]`, `-m`, `-S` as a
//! container's main process, `-l`).

use crate::shell::interp::{Flow, Shell};

/// `PHP_VERSION` of the image, else the distribution's package apt or apk
/// installed (php8.2-cli on Debian 12, php8.3-cli on Ubuntu 24.04), else 8.2.26.
pub fn php_version(sh: &Shell) -> String {
    sh.var("PHP_VERSION")
        .or_else(|| {
            super::packages::installed_version(sh, &["php8.4-cli", "php8.3-cli", "php8.2-cli", "php8.1-cli", "php7.4-cli"], "php83")
        })
        .unwrap_or_else(|| "8.2.26".into())
}

/// The version banner `php -v` prints.
pub fn banner(version: &str) -> String {
    let mut parts = version.split('.');
    let (major, minor) = (parts.next().unwrap_or("8"), parts.next().unwrap_or("2"));
    let patch = parts.next().unwrap_or("0");
    let zend = if major == "7" { format!("3.{minor}.0") } else { format!("4.{minor}.{patch}") };
    format!("PHP {version} (cli) (built: Nov 21 2024 18:17:01) (NTS)\nCopyright (c) The PHP Group\nZend Engine v{zend}, Copyright (c) Zend Technologies\n")
}

pub fn php(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    let version = php_version(sh);
    let mut i = 0;
    while i < args.len() {
        match args[i] {
            "-v" | "--version" => {
                sh.out_str(&banner(&version))?;
                return Ok(0);
            }
            "-m" | "--modules" => {
                let mut out = String::from("[PHP Modules]\n");
                let loaded = crate::apps::php::loaded_extensions(sh.fs(), &sh.env());
                for m in &loaded {
                    out.push_str(m);
                    out.push('\n');
                }
                out.push_str("\n[Zend Modules]\n");
                for (m, zend) in [("xdebug", "Xdebug"), ("Zend OPcache", "Zend OPcache")] {
                    if loaded.iter().any(|l| l == m) {
                        out.push_str(zend);
                        out.push('\n');
                    }
                }
                out.push('\n');
                sh.out_str(&out)?;
                return Ok(0);
            }
            "-i" | "--info" => return run(sh, crate::apps::php::Script::Code("phpinfo();"), vec!["Standard input code".into()]),
            "-n" | "-q" | "-e" | "-H" => i += 1,
            "-d" | "-c" => i += 2,
            f if f.starts_with("-d") => i += 1,
            "-r" => {
                let Some(code) = args.get(i + 1) else {
                    sh.err_str("Usage: php [options] [-f] <file> [--] [args...]\n")?;
                    return Ok(1);
                };
                let argv: Vec<String> =
                    std::iter::once("Standard input code".to_string()).chain(args[i + 2..].iter().map(|a| a.to_string())).collect();
                return run(sh, crate::apps::php::Script::Code(code), argv);
            }
            "-l" => {
                let file = args.get(i + 1).copied().unwrap_or("");
                let path = sh.abs(file);
                let src = match sh.fs().read(&path) {
                    Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                    Err(_) => {
                        sh.out_str(&format!("Could not open input file: {file}\n"))?;
                        return Ok(1);
                    }
                };
                return match crate::apps::php::lex::lex(&src).and_then(crate::apps::php::parse::parse) {
                    Ok(_) => {
                        sh.out_str(&format!("No syntax errors detected in {file}\n"))?;
                        Ok(0)
                    }
                    Err((msg, line)) => {
                        sh.out_str(&format!("PHP Parse error:  {msg} in {file} on line {line}\nErrors parsing {file}\n"))?;
                        Ok(255)
                    }
                };
            }
            "-S" => {
                let addr = args.get(i + 1).copied().unwrap_or("");
                if !addr.contains(':') {
                    sh.err_str(&format!("Invalid address: {addr}\n"))?;
                    return Ok(1);
                }
                // No model of the built-in server yet: say so rather than serve nothing.
                sh.err_str("dockersim: php -S (PHP's built-in web server) is not simulated; the php:*-apache images serve PHP\n")?;
                return Ok(1);
            }
            "-a" | "--interactive" => {
                // Interactive shell: reads the program from stdin.
                let code = String::from_utf8_lossy(&std::mem::take(&mut sh.stdin)).into_owned();
                if code.trim().is_empty() {
                    sh.out_str("Interactive shell\n\n")?;
                    return Ok(0);
                }
                let code = code.trim_start().strip_prefix("<?php").unwrap_or(&code).to_string();
                return run(sh, crate::apps::php::Script::Code(&code), vec!["php".into()]);
            }
            "-f" => i += 1,
            "--" => {
                i += 1;
                break;
            }
            f if f.starts_with('-') && f.len() > 1 => {
                sh.err_str(&format!("dockersim: php {f} is not simulated\n"))?;
                return Ok(1);
            }
            _ => break,
        }
    }
    match args.get(i) {
        Some(file) => {
            let path = sh.abs(file);
            let argv: Vec<String> = args[i..].iter().map(|a| a.to_string()).collect();
            if sh.fs().read(&path).is_err() {
                sh.out_str(&format!("Could not open input file: {file}\n"))?;
                return Ok(1);
            }
            run(sh, crate::apps::php::Script::File(&path), argv)
        }
        None => {
            // The program on stdin.
            let code = String::from_utf8_lossy(&std::mem::take(&mut sh.stdin)).into_owned();
            let path = "Standard input code";
            let _ = path;
            let tmp = code;
            run_source(sh, &tmp)
        }
    }
}

fn run_source(sh: &mut Shell, src: &str) -> Result<i32, Flow> {
    // A script read from stdin: inline HTML and tags as in a file.
    let mut fs = crate::vfs::Fs::new();
    let _ = fs.write("/dev/stdin.php", crate::vfs::Content::from_bytes(src.as_bytes().to_vec()), crate::vfs::Meta::new(0o644, 0));
    let penv = penv(sh, &fs, vec!["Standard input code".into()]);
    let r = crate::apps::php::run(penv, crate::apps::php::Script::File("/dev/stdin.php"));
    finish(sh, r)
}

fn penv<'a>(sh: &Shell, fs: &'a crate::vfs::Fs, argv: Vec<String>) -> crate::apps::php::PhpEnv<'a> {
    let hostname = super::clock::hostname(sh);
    crate::apps::php::PhpEnv {
        fs,
        env: sh.env(),
        cwd: sh.cwd.clone(),
        hostname,
        now: sh.now(),
        version: php_version(sh),
        argv,
        stdin: String::new(),
        request: None,
        net: None,
    }
}

fn run(sh: &mut Shell, script: crate::apps::php::Script, argv: Vec<String>) -> Result<i32, Flow> {
    let stdin = String::from_utf8_lossy(&std::mem::take(&mut sh.stdin)).into_owned();
    let r = {
        let (env, cwd, hostname, now, version) = (sh.env(), sh.cwd.clone(), super::clock::hostname(sh), sh.now(), php_version(sh));
        let (fs, net) = sh.fs_and_net();
        let pe = crate::apps::php::PhpEnv { fs, net, env, cwd, hostname, now, version, argv, stdin, request: None };
        crate::apps::php::run(pe, script)
    };
    finish(sh, r)
}

fn finish(sh: &mut Shell, r: crate::apps::php::PhpRun) -> Result<i32, Flow> {
    let now = sh.now();
    for (path, bytes) in &r.written {
        let _ = sh.fs_mut().write(path, crate::vfs::Content::from_bytes(bytes.clone()), crate::vfs::Meta::new(0o644, now));
    }
    for (err, text) in r.interleaved() {
        // A script read from stdin is named as PHP names it.
        let text = text.replace("/dev/stdin.php", "Standard input code");
        if err {
            sh.err_str(&text)?;
        } else {
            sh.out_str(&text)?;
        }
    }
    Ok(r.status)
}
