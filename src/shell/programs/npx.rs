//! `npx`, `npm exec` and the initializers (`npm create vite@latest`,
//! `npm init react-app`, `yarn create vite`): a command from the project's
//! `node_modules/.bin` or a global install runs as it is; otherwise the
//! package is installed into npm's cache (`~/.npm/_npx/<hash>`) first, with
//! npm's warning, and its command runs from there.

use super::npm::{install_for_exec, parse_spec, registry_version, sh_quote as quote};
use crate::shell::interp::{Flow, Shell};

/// The package an initializer names: `vite` → `create-vite`,
/// `@scope` → `@scope/create`, `@scope/x` → `@scope/create-x`.
pub fn initializer_package(name: &str) -> String {
    let (n, range) = parse_spec(name);
    let pkg = if let Some(scope) = n.strip_prefix('@') {
        match scope.split_once('/') {
            Some((s, p)) => format!("@{s}/create-{p}"),
            None => format!("@{scope}/create"),
        }
    } else {
        format!("create-{n}")
    };
    if range.is_empty() {
        pkg
    } else {
        format!("{pkg}@{range}")
    }
}

/// Where a command `bin` is installed for the project or globally.
fn installed_bin(sh: &Shell, bin: &str) -> Option<String> {
    let mut dir = sh.cwd.clone();
    loop {
        let candidate = format!("{}/node_modules/.bin/{bin}", dir.trim_end_matches('/'));
        if sh.fs().get(&candidate).is_ok() {
            return Some(dir);
        }
        if dir == "/" || dir.is_empty() {
            break;
        }
        dir = dir.rsplit_once('/').map_or("/", |(d, _)| if d.is_empty() { "/" } else { d }).to_string();
    }
    ["/usr/local/bin", "/usr/bin"].iter().find(|d| sh.fs().get(&format!("{d}/{bin}")).is_ok()).map(|_| String::new())
}

/// The command a package provides for `npx NAME` (its only bin, or the one
/// named like the package).
fn bin_of(name: &str, bins: &[String]) -> Option<String> {
    let short = name.rsplit('/').next().unwrap_or(name);
    bins.iter().find(|b| *b == short).or(bins.first()).cloned()
}

/// Who runs the package: `npx`/`npm exec`, npm's initializers (which show
/// `> npx` and the command), or `yarn create` (which installs it globally
/// with yarn's steps).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Npx,
    NpmInit,
    YarnCreate,
}

/// `npx [options] PKG[@range] ARGS…`.
pub fn npx(sh: &mut Shell, args: &[&str], via: Via) -> Result<i32, Flow> {
    let mut it = args.iter().copied().peekable();
    let mut packages: Vec<String> = Vec::new();
    let mut call: Option<String> = None;
    let mut words: Vec<String> = Vec::new();
    while let Some(a) = it.next() {
        match a {
            "-y" | "--yes" | "--no-install" | "--no" | "-q" | "--quiet" | "--silent" => {}
            "-p" | "--package" => packages.extend(it.next().map(str::to_string)),
            "-c" | "--call" => call = it.next().map(str::to_string),
            "--version" | "-v" if words.is_empty() => {
                let v = super::npm::npm_version(sh);
                sh.out_str(&format!("{v}\n"))?;
                return Ok(0);
            }
            "--" if words.is_empty() => {}
            a if a.starts_with("--package=") => packages.push(a["--package=".len()..].to_string()),
            a => {
                words.push(a.to_string());
                words.extend(it.by_ref().map(str::to_string));
            }
        }
    }
    if words.is_empty() && call.is_none() {
        let e = super::npm::npm_prefix(sh, true);
        sh.err_str(&format!("{e} code EUSAGE\n{e}\n{e} Run a command from a local or remote npm package\n"))?;
        return Ok(1);
    }
    let first = words.first().cloned().unwrap_or_default();
    if packages.is_empty() && !first.is_empty() {
        packages.push(first.clone());
    }
    let specs: Vec<(String, String)> = packages.iter().map(|p| parse_spec(p)).collect();
    // The command: the first word's package's bin (`npx create-react-app`), else the first word.
    let (pkg_name, range) = specs.first().cloned().unwrap_or_default();
    let index_bins = super::pkg_index::get("npm").ok().and_then(|ix| ix.lookup(&pkg_name).map(|p| p.files.clone())).unwrap_or_default();
    let bin = if packages.len() == 1 && words.first().is_some_and(|w| parse_spec(w).0 == pkg_name) {
        bin_of(&pkg_name, &index_bins).unwrap_or_else(|| pkg_name.rsplit('/').next().unwrap_or(&pkg_name).to_string())
    } else {
        first.clone()
    };
    let mut path_prefix = String::new();
    let local = range.is_empty() && installed_bin(sh, &bin).is_some();
    if !local {
        let Some(version) = registry_version(&pkg_name, &range) else {
            // npm's own 404 / ETARGET for what the registry lacks.
            let nm = format!("{}/.npm/_npx/unresolved/node_modules", home(sh));
            return install_for_exec(sh, &specs, &nm).map(|r| r.err().unwrap_or(1));
        };
        let hash = &crate::digest::sha256_hex(format!("{pkg_name}@{version}").as_bytes())[..16];
        let nm = format!("{}/.npm/_npx/{hash}/node_modules", home(sh));
        let cached = sh.fs().get(&format!("{nm}/{pkg_name}/package.json")).is_ok();
        if !cached && via == Via::YarnCreate {
            let yv = sh.var("YARN_VERSION").unwrap_or_else(|| "1.22.22".into());
            sh.out_str(&format!(
                "yarn create v{yv}\n[1/4] Resolving packages...\n[2/4] Fetching packages...\n[3/4] Linking dependencies...\n[4/4] Building fresh packages...\n"
            ))?;
            if let Err(status) = install_for_exec(sh, &specs, &nm)? {
                return Ok(status);
            }
            let bins: String = index_bins.iter().map(|b| format!("      - {b}\n")).collect();
            sh.out_str(&format!("success Installed \"{pkg_name}@{version}\" with binaries:\n{bins}"))?;
        } else if !cached {
            let list = specs
                .iter()
                .map(|(n, r)| format!("{n}@{}", registry_version(n, r).unwrap_or_else(|| r.clone())))
                .collect::<Vec<_>>()
                .join(", ");
            let warn = super::npm::npm_prefix(sh, false);
            sh.err_str(&format!("{warn} exec The following package was not found and will be installed: {list}\n"))?;
            if let Err(status) = install_for_exec(sh, &specs, &nm)? {
                return Ok(status);
            }
        }
        path_prefix = format!("{nm}/.bin:");
    }
    let command = match &call {
        Some(c) => c.clone(),
        None => std::iter::once(quote(&bin)).chain(words.iter().skip(1).map(|w| quote(w))).collect::<Vec<_>>().join(" "),
    };
    if via == Via::NpmInit {
        sh.out_str(&format!("\n> npx\n> {command}\n\n"))?;
    }
    let saved = sh.var("PATH").unwrap_or_default();
    let project_bin = format!("{}/node_modules/.bin", sh.cwd.trim_end_matches('/'));
    sh.set_var("PATH", &format!("{path_prefix}{project_bin}:{saved}"));
    let status = match sh.run_source(&command) {
        Ok(s) | Err(Flow::Exit(s)) => s,
        Err(e) => {
            sh.set_var("PATH", &saved);
            return Err(e);
        }
    };
    sh.set_var("PATH", &saved);
    if via == Via::YarnCreate && status == 0 {
        sh.out_str("Done in 2.51s.\n")?;
    }
    Ok(status)
}

/// `npm create NAME …` / `npm init NAME …` / `yarn create NAME …`: npx on
/// the initializer's package, with the rest of the line (npm drops a `--`).
pub fn create(sh: &mut Shell, name: &str, rest: &[&str], via: Via) -> Result<i32, Flow> {
    let pkg = initializer_package(name);
    let mut argv: Vec<&str> = vec![pkg.as_str()];
    argv.extend(rest.iter().copied().filter(|a| *a != "--"));
    let saved = sh.var("npm_config_user_agent");
    let agent = if via == Via::YarnCreate { "yarn/1.22.22 npm/? node/v20.18.1 linux x64" } else { "npm/10.9.2 node/v20.18.1 linux x64" };
    sh.set_var("npm_config_user_agent", agent);
    let status = npx(sh, &argv, via);
    match saved {
        Some(v) => sh.set_var("npm_config_user_agent", &v),
        None => sh.unset_var("npm_config_user_agent"),
    }
    status
}

fn home(sh: &Shell) -> String {
    sh.var("HOME").unwrap_or_else(|| "/root".into())
}
