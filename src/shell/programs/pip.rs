//! pip: install (names, version specifiers, `-r` files with pins,
//! `--no-cache-dir`), list, freeze, show and uninstall, over the `pip` index.

use super::packages::{kb, read_text, write_generated, write_text};
use super::pkg_index::{self, cmp_versions, pip_matches, split_dep, Pkg};
use crate::shell::interp::{Flow, Shell};
use std::collections::BTreeMap;

fn site_packages(sh: &Shell) -> String {
    let version = super::runtimes::python_version(sh);
    let minor: String = version.split('.').take(2).collect::<Vec<_>>().join(".");
    format!("/usr/local/lib/python{minor}/site-packages")
}

/// What is installed: (name, version) from the `*.dist-info` directories.
fn installed(sh: &Shell) -> Vec<(String, String)> {
    let sp = site_packages(sh);
    let mut out = Vec::new();
    if let Ok(crate::vfs::Node::Dir { entries, .. }) = sh.fs().get(&sp) {
        for name in entries.keys() {
            if let Some(stem) = name.strip_suffix(".dist-info") {
                let meta = read_text(sh, &format!("{sp}/{name}/METADATA")).unwrap_or_default();
                let field = |k: &str| meta.lines().find_map(|l| l.strip_prefix(k).map(|v| v.trim().to_string()));
                let (n, v) = stem.rsplit_once('-').unwrap_or((stem, ""));
                out.push((field("Name:").unwrap_or_else(|| n.to_string()), field("Version:").unwrap_or_else(|| v.to_string())));
            }
        }
    }
    // The pip the image ships (site-packages/pip without dist-info in the catalog).
    if !out.iter().any(|(n, _)| n.eq_ignore_ascii_case("pip")) && sh.fs().exists(&format!("{sp}/pip")) {
        out.push(("pip".into(), pip_version(sh)));
    }
    crate::sort::sort_by_key(&mut out, |(n, _)| n.to_ascii_lowercase());
    out
}

fn pip_version(sh: &Shell) -> String {
    sh.var("PYTHON_PIP_VERSION").unwrap_or_else(|| "24.3.1".into())
}

pub fn pip(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    if args.iter().any(|a| *a == "--version" || *a == "-V") {
        let sp = site_packages(sh);
        let minor = sp.split("python").nth(1).and_then(|s| s.split('/').next()).unwrap_or("3.12").to_string();
        let v = pip_version(sh);
        sh.out_str(&format!("pip {v} from {sp}/pip (python {minor})\n"))?;
        return Ok(0);
    }
    let Some(sub) = args.iter().find(|a| !a.starts_with('-')).copied() else {
        sh.out_str("\nUsage:   \n  pip <command> [options]\n")?;
        return Ok(0);
    };
    match sub {
        "install" => install(sh, args),
        "list" => {
            let list = installed(sh);
            let w = list.iter().map(|(n, _)| n.len()).max().unwrap_or(0).max(7);
            let vw = list.iter().map(|(_, v)| v.len()).max().unwrap_or(0).max(7);
            let mut text = format!("{:<w$} {}\n{} {}\n", "Package", "Version", "-".repeat(w), "-".repeat(vw));
            for (n, v) in &list {
                text.push_str(&format!("{n:<w$} {v}\n"));
            }
            sh.out_str(&text)?;
            Ok(0)
        }
        "freeze" => {
            let text: String = installed(sh)
                .iter()
                .filter(|(n, _)| !matches!(n.to_ascii_lowercase().as_str(), "pip" | "setuptools" | "wheel"))
                .map(|(n, v)| format!("{n}=={v}\n"))
                .collect();
            sh.out_str(&text)?;
            Ok(0)
        }
        "show" => {
            let wanted: Vec<&str> = args.iter().filter(|a| !a.starts_with('-')).skip(1).copied().collect();
            let list = installed(sh);
            let sp = site_packages(sh);
            let mut text = String::new();
            for w in &wanted {
                if let Some((n, v)) = list.iter().find(|(n, _)| pkg_index::key("pip", n) == pkg_index::key("pip", w)) {
                    if !text.is_empty() {
                        text.push_str("---\n");
                    }
                    text.push_str(&format!("Name: {n}\nVersion: {v}\nLocation: {sp}\n"));
                }
            }
            if text.is_empty() {
                sh.err_str(&format!("WARNING: Package(s) not found: {}\n", wanted.join(", ")))?;
                return Ok(1);
            }
            sh.out_str(&text)?;
            Ok(0)
        }
        "uninstall" => {
            let wanted: Vec<&str> = args.iter().filter(|a| !a.starts_with('-')).skip(1).copied().collect();
            let list = installed(sh);
            let sp = site_packages(sh);
            for w in wanted {
                match list.iter().find(|(n, _)| pkg_index::key("pip", n) == pkg_index::key("pip", w)) {
                    Some((n, v)) => {
                        let module = pkg_index::key("pip", n).replace('-', "_");
                        let _ = sh.fs_mut().remove(&format!("{sp}/{module}"), true);
                        let _ = sh.fs_mut().remove(&format!("{sp}/{module}-{v}.dist-info"), true);
                        sh.out_str(&format!(
                            "Found existing installation: {n} {v}\nUninstalling {n}-{v}:\n  Successfully uninstalled {n}-{v}\n"
                        ))?;
                    }
                    None => sh.err_str(&format!("WARNING: Skipping {w} as it is not installed.\n"))?,
                }
            }
            Ok(0)
        }
        "wheel" => {
            sh.err_str("dockersim: pip wheel is not simulated\n")?;
            Ok(1)
        }
        other => {
            sh.err_str(&format!("ERROR: unknown command \"{other}\"\n"))?;
            Ok(1)
        }
    }
}

/// One requirement: as written, the name, the specifier, where it came from.
struct Req {
    text: String,
    name: String,
    spec: String,
    from: String,
}

fn parse_req(text: &str, from: &str) -> Req {
    let clean = text.split(';').next().unwrap_or("").trim();
    let (name, rest) = split_dep("pip", clean);
    let rest = rest.trim();
    let spec = if rest.starts_with('[') { rest.split_once(']').map_or("", |(_, s)| s) } else { rest };
    Req { text: clean.to_string(), name: name.trim().to_string(), spec: spec.replace(' ', ""), from: from.to_string() }
}

fn install(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    let ix = match pkg_index::get("pip") {
        Ok(ix) => ix,
        Err(e) => {
            sh.err_str(&format!("{e}\n"))?;
            return Ok(1);
        }
    };
    let no_cache = args.contains(&"--no-cache-dir");
    let quiet = args.iter().any(|a| *a == "-q" || *a == "--quiet" || *a == "-qq");
    let upgrade = args.iter().any(|a| *a == "-U" || *a == "--upgrade");
    let mut reqs: Vec<Req> = Vec::new();
    let mut it = args.iter().skip_while(|a| **a != "install").skip(1);
    while let Some(a) = it.next() {
        let file = if *a == "-r" || *a == "--requirement" {
            it.next().copied()
        } else {
            a.strip_prefix("-r").filter(|f| !f.is_empty()).or_else(|| a.strip_prefix("--requirement="))
        };
        if let Some(file) = file {
            let path = sh.abs(file);
            let Some(text) = read_text(sh, &path) else {
                sh.err_str(&format!("ERROR: Could not open requirements file: [Errno 2] No such file or directory: '{file}'\n"))?;
                return Ok(1);
            };
            for (n, line) in text.lines().enumerate() {
                let line = line.split(" #").next().unwrap_or("").trim();
                if !line.is_empty() && !line.starts_with('#') && !line.starts_with('-') {
                    reqs.push(parse_req(line, &format!("-r {file} (line {})", n + 1)));
                }
            }
        } else if matches!(
            *a,
            "-i" | "--index-url" | "--extra-index-url" | "-c" | "--constraint" | "-t" | "--target" | "--root-user-action" | "--prefix"
        ) {
            it.next();
        } else if a.contains("://")
            || *a == "."
            || a.starts_with("./")
            || a.starts_with('/')
            || a.ends_with(".whl")
            || a.ends_with(".tar.gz")
            || *a == "-e"
        {
            sh.err_str(&format!("dockersim: pip install of {a} (a local project, an archive or a URL) is not simulated\n"))?;
            return Ok(1);
        } else if !a.starts_with('-') {
            reqs.push(parse_req(a, ""));
        }
    }
    if reqs.is_empty() {
        sh.err_str("ERROR: You must give at least one requirement to install (see \"pip help install\")\n")?;
        return Ok(1);
    }
    let mut out = String::new();
    let already = installed(sh);
    let sp = site_packages(sh);
    // Every constraint per project: (specifier, who asked).
    let mut constraints: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for r in &reqs {
        constraints.entry(pkg_index::key("pip", &r.name)).or_default().push((r.spec.clone(), format!("The user requested {}", r.text)));
    }
    // Breadth-first: the user's requirements, then each one's dependencies.
    let mut queue: Vec<(String, String, String, String)> =
        reqs.iter().map(|r| (r.name.clone(), r.spec.clone(), r.text.clone(), r.from.clone())).collect();
    let mut chosen: BTreeMap<String, (&Pkg, String)> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut downloads: Vec<(String, u64)> = Vec::new();
    let mut satisfied: Vec<String> = Vec::new();
    let mut qi = 0;
    while qi < queue.len() && qi < 2000 {
        let (name, spec, text, from) = queue[qi].clone();
        qi += 1;
        let k = pkg_index::key("pip", &name);
        let suffix = if from.is_empty() { String::new() } else { format!(" (from {from})") };
        if let Some((pkg, version)) = chosen.get(&k) {
            if !spec.is_empty() && !pip_matches(version, &spec) {
                return conflict(sh, &out, &k, pkg, version, &constraints, &text, &from);
            }
            continue;
        }
        let Some(pkg) = ix.lookup(&name) else {
            sh.out_str(&out)?;
            sh.out_str(&format!("Collecting {text}{suffix}\n"))?;
            sh.err_str(&format!("ERROR: Could not find a version that satisfies the requirement {text} (from versions: none)\nERROR: No matching distribution found for {text}\n"))?;
            return Ok(1);
        };
        // Installed and good enough: pip keeps it.
        if let Some((n, v)) = already.iter().find(|(n, _)| pkg_index::key("pip", n) == k) {
            let all = constraints.get(&k).cloned().unwrap_or_default();
            if !upgrade && pip_matches(v, &spec) && all.iter().all(|(s, _)| pip_matches(v, s)) {
                out.push_str(&format!(
                    "Requirement already satisfied: {} in {sp}{suffix} ({v})\n",
                    text.split(['<', '>', '=', '!', '~']).next().unwrap_or(n).trim()
                ));
                satisfied.push(k.clone());
                chosen.insert(k, (pkg, v.clone()));
                continue;
            }
        }
        let all: Vec<(String, String)> = constraints.get(&k).cloned().unwrap_or_default();
        // `==4.2.3` of a release the index does not list but its line implies (`crate::release`).
        let implied = spec
            .strip_prefix("==")
            .filter(|v| !v.contains(['*', ',']) && crate::release::exists(v, &pkg.versions))
            .filter(|v| all.iter().all(|(s, _)| pip_matches(v, s)))
            .map(str::to_string);
        let pick = pkg
            .versions
            .iter()
            .filter(|v| pip_matches(v, &spec) && all.iter().all(|(s, _)| pip_matches(v, s)))
            .max_by(|a, b| cmp_versions(a, b))
            .cloned()
            .or(implied);
        out.push_str(&format!("Collecting {text}{suffix}\n"));
        let Some(version) = pick else {
            if all.iter().filter(|(s, _)| !s.is_empty()).count() > 1 && pkg.versions.iter().any(|v| pip_matches(v, &spec)) {
                let pkg_ref = pkg;
                return conflict(sh, &out, &k, pkg_ref, "", &constraints, &text, &from);
            }
            let mut versions = pkg.versions.clone();
            versions.sort_by(|a, b| cmp_versions(a, b));
            sh.out_str(&out)?;
            sh.err_str(&format!(
                "ERROR: Could not find a version that satisfies the requirement {text} (from versions: {})\nERROR: No matching distribution found for {text}\n",
                versions.join(", ")
            ))?;
            return Ok(1);
        };
        let wheel = wheel_name(pkg, &version);
        out.push_str(&format!("  Downloading {wheel}.metadata ({:.1} kB)\n", 1.0 + (pkg.name.len() % 7) as f64 * 0.7));
        downloads.push((wheel, pkg.size / 3));
        let label = if from.is_empty() { text.clone() } else { format!("{text}->{from}") };
        for dep in &pkg.deps {
            // `DEP;SPEC`: a dependency of the releases matching SPEC only.
            let dep = match dep.split_once(';') {
                Some((d, when)) if pip_matches(&version, when) => d,
                Some(_) => continue,
                None => dep.as_str(),
            };
            let (dn, ds) = split_dep("pip", dep);
            constraints
                .entry(pkg_index::key("pip", dn))
                .or_default()
                .push((ds.to_string(), format!("{} {version} depends on {dep}", pkg.name)));
            queue.push((dn.to_string(), ds.to_string(), dep.to_string(), label.clone()));
        }
        chosen.insert(k.clone(), (pkg, version));
        order.push(k);
    }
    for (wheel, size) in &downloads {
        out.push_str(&format!("Downloading {wheel} ({})\n", kb(*size)));
    }
    // Install order: dependencies before the projects that need them.
    let mut install_order: Vec<String> = Vec::new();
    fn visit(k: &str, chosen: &BTreeMap<String, (&Pkg, String)>, order: &mut Vec<String>, fresh: &[String], depth: usize) {
        if order.iter().any(|o| o == k) || depth > 40 {
            return;
        }
        if let Some((pkg, _)) = chosen.get(k) {
            for d in &pkg.deps {
                visit(&pkg_index::key("pip", split_dep("pip", d).0), chosen, order, fresh, depth + 1);
            }
        }
        if fresh.iter().any(|f| f == k) && !order.iter().any(|o| o == k) {
            order.push(k.to_string());
        }
    }
    for k in &order {
        visit(k, &chosen, &mut install_order, &order, 0);
    }
    if !install_order.is_empty() {
        let names: Vec<&str> = install_order.iter().filter_map(|k| chosen.get(k)).map(|(p, _)| p.name.as_str()).collect();
        out.push_str(&format!("Installing collected packages: {}\n", names.join(", ")));
        // Replacing an installed version.
        for k in &install_order {
            if let (Some((n, v)), Some((_, new))) = (already.iter().find(|(n, _)| pkg_index::key("pip", n) == *k), chosen.get(k)) {
                if v != new {
                    out.push_str(&format!("  Attempting uninstall: {n}\n    Found existing installation: {n} {v}\n    Uninstalling {n}-{v}:\n      Successfully uninstalled {n}-{v}\n"));
                    let module = k.replace('-', "_");
                    let _ = sh.fs_mut().remove(&format!("{sp}/{module}-{v}.dist-info"), true);
                }
            }
        }
        let mut done: Vec<String> = install_order.iter().filter_map(|k| chosen.get(k)).map(|(p, v)| format!("{}-{v}", p.name)).collect();
        crate::sort::sort_by_key(&mut done, |s| s.to_string());
        out.push_str(&format!("Successfully installed {}\n", done.join(" ")));
    }
    for k in &install_order {
        let Some((pkg, version)) = chosen.get(k) else { continue };
        let module = k.replace('-', "_");
        write_text(sh, &format!("{sp}/{module}/__init__.py"), &format!("__version__ = \"{version}\"\n"));
        write_generated(sh, &format!("{sp}/{module}/_core.py"), pkg.size.saturating_sub(200), 0o644);
        write_text(
            sh,
            &format!("{sp}/{module}-{version}.dist-info/METADATA"),
            &format!("Metadata-Version: 2.1\nName: {}\nVersion: {version}\n", pkg.name),
        );
        for script in &pkg.files {
            let path = format!("/usr/local/bin/{script}");
            // The entry point: the package's `main`, or the one its metadata names.
            let (from, func) = match script.as_str() {
                "django-admin" => ("django.core.management", "execute_from_command_line"),
                _ => (module.as_str(), "main"),
            };
            let text = format!("#!/usr/local/bin/python3\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom {from} import {func}\nif __name__ == \"__main__\":\n    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n    sys.exit({func}())\n");
            write_text(sh, &path, &text);
            if let Ok(mut node) = sh.fs().get(&path).cloned() {
                node.meta_mut().mode = 0o755;
                let _ = sh.fs_mut().insert(&path, node);
            }
        }
    }
    // Without --no-cache-dir pip keeps what it downloaded in ~/.cache/pip.
    if !no_cache && !downloads.is_empty() {
        let home = if sh.who.uid == 0 { "/root".to_string() } else { sh.var("HOME").unwrap_or_else(|| "/root".into()) };
        for (wheel, size) in &downloads {
            let h = wheel.bytes().fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64));
            write_generated(sh, &format!("{home}/.cache/pip/http-v2/{:x}/{:x}/{h:016x}.body", h % 16, (h >> 4) % 16), *size, 0o600);
        }
    }
    if !quiet {
        sh.out_str(&out)?;
    }
    if sh.who.uid == 0 && !install_order.is_empty() && !args.iter().any(|a| a.starts_with("--root-user-action")) {
        sh.err_str("WARNING: Running pip as the 'root' user can result in broken permissions and conflicting behaviour with the system package manager, possibly rendering your system unusable. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv. Use the --root-user-action option if you know what you are doing and want to suppress this warning.\n")?;
    }
    let _ = satisfied;
    Ok(0)
}

/// The wheel pip downloads: pure Python, or a manylinux build for big binary projects.
fn wheel_name(pkg: &Pkg, version: &str) -> String {
    let stem = pkg_index::key("pip", &pkg.name).replace('-', "_");
    if pkg.size > 5_000_000 {
        format!("{stem}-{version}-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl")
    } else {
        format!("{stem}-{version}-py3-none-any.whl")
    }
}

/// pip's ResolutionImpossible report.
#[allow(clippy::too_many_arguments)]
fn conflict(
    sh: &mut Shell,
    out: &str,
    k: &str,
    pkg: &Pkg,
    _version: &str,
    constraints: &BTreeMap<String, Vec<(String, String)>>,
    _text: &str,
    _from: &str,
) -> Result<i32, Flow> {
    sh.out_str(out)?;
    let causes = constraints.get(k).cloned().unwrap_or_default();
    let asked: Vec<String> = causes
        .iter()
        .filter(|(_, who)| who.starts_with("The user requested"))
        .map(|(_, who)| who.trim_start_matches("The user requested ").to_string())
        .collect();
    let mut text = String::new();
    if asked.len() > 1 {
        text.push_str(&format!(
            "ERROR: Cannot install {} because these package versions have conflicting dependencies.\n\n",
            asked.join(" and ")
        ));
    } else {
        text.push_str(&format!(
            "ERROR: Cannot install {} because these package versions have conflicting dependencies.\n\n",
            asked.first().cloned().unwrap_or_else(|| pkg.name.clone())
        ));
    }
    text.push_str("The conflict is caused by:\n");
    for (_, who) in &causes {
        text.push_str(&format!("    {who}\n"));
    }
    text.push_str("\nTo fix this you could try to:\n1. loosen the range of package versions you've specified\n2. remove package versions to allow pip to attempt to solve the dependency conflict\n\nERROR: ResolutionImpossible: for help visit https://pip.pypa.io/en/latest/topics/dependency-resolution/#dealing-with-dependency-conflicts\n");
    sh.err_str(&text)?;
    Ok(1)
}
