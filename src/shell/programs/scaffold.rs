//! Project generators tutorials start from: `create-vite` (what `npm create
//! vite@latest` runs) and `create-react-app`. The templates are data
//! (`repos/npm/<package>/<template>/`, loaded like a repository through
//! `crate::web::template`); the generators write them as the real ones do,
//! with their messages, and Create React App installs its packages with npm.

use crate::shell::interp::{Flow, Shell};
use crate::vfs::Content;

/// create-vite's templates the simulation has, and the others it knows.
const VITE_TEMPLATES: &[&str] = &["vanilla", "react", "react-ts", "vue"];
const VITE_OTHERS: &[&str] = &[
    "vanilla-ts",
    "vue-ts",
    "custom-create-vue",
    "custom-nuxt",
    "react-swc",
    "react-swc-ts",
    "custom-react-router",
    "preact",
    "preact-ts",
    "lit",
    "lit-ts",
    "svelte",
    "svelte-ts",
    "custom-svelte-kit",
    "solid",
    "solid-ts",
    "qwik",
    "qwik-ts",
    "custom-qwik-city",
    "angular",
    "custom-analog",
];

/// The package manager that ran the generator (`npm_config_user_agent`).
fn package_manager(sh: &Shell) -> String {
    sh.var("npm_config_user_agent")
        .and_then(|a| a.split('/').next().map(str::to_string))
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "npm".into())
}

/// Whether a directory is missing or empty (a lone `.git` counts as empty).
fn is_empty_dir(sh: &Shell, dir: &str) -> bool {
    match sh.fs().get(dir) {
        Ok(crate::vfs::Node::Dir { entries, .. }) => entries.keys().all(|k| k == ".git"),
        Ok(_) => false,
        Err(_) => true,
    }
}

/// Writes a template's files into `root` (`rename` maps a template name to
/// the written one); `package.json` is left to the caller when `skip_pkg`.
fn write_template(
    sh: &mut Shell,
    repo: &crate::web::Repo,
    root: &str,
    rename: &dyn Fn(&str) -> String,
    skip_pkg: bool,
) -> Result<(), Flow> {
    let total: u64 = repo.files.iter().map(|f| f.size).sum();
    sh.charge_fs(total, repo.files.len() as u64)?;
    let dir_meta = sh.meta(0o755);
    let _ = sh.fs_mut().mkdir_all(root, dir_meta.clone());
    for f in &repo.files {
        if skip_pkg && f.path == "package.json" {
            continue;
        }
        let path = crate::vfs::join(root, &rename(&f.path));
        if let Some(i) = path.rfind('/').filter(|&i| i > 0) {
            let _ = sh.fs_mut().mkdir_all(&path[..i], dir_meta.clone());
        }
        let seed = crate::digest::sha256_bytes(format!("{}/{}", repo.url, f.path).as_bytes())
            .iter()
            .take(8)
            .fold(0u64, |h, b| (h << 8) | *b as u64);
        let content = match &f.text {
            Some(t) => Content::from_bytes(t.as_bytes()),
            None => Content::Generated { size: f.size, seed },
        };
        let meta = sh.meta(0o644);
        let _ = sh.fs_mut().write(&path, content, meta);
    }
    Ok(())
}

/// A name npm accepts for a package, as create-vite derives it from the directory.
fn valid_package_name(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .replace(|c: char| c.is_whitespace(), "-")
        .trim_start_matches(['.', '_'])
        .replace(|c: char| !(c.is_ascii_alphanumeric() || "-~".contains(c)), "-")
}

fn interactive(sh: &mut Shell, what: &str, hint: &str) -> Result<i32, Flow> {
    sh.err_str(&format!("dockersim: {what}: its interactive questions are not simulated; {hint}\n"))?;
    Ok(1)
}

/// `create-vite [DIR] [--template T] [--overwrite]`.
pub fn create_vite(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    let (mut target, mut template, mut overwrite) = (None::<String>, None::<String>, false);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match *a {
            "-t" | "--template" => template = it.next().map(|t| t.to_string()),
            "--overwrite" => overwrite = true,
            "-h" | "--help" => {
                sh.out_str("Usage: create-vite [OPTION]... [DIRECTORY]\n\nCreate a new Vite project in JavaScript or TypeScript.\nWith no arguments, start the CLI in interactive mode.\n\nOptions:\n  -t, --template NAME        use a specific template\n\nAvailable templates:\nvanilla-ts     vanilla\nvue-ts         vue\nreact-ts       react\nreact-swc-ts   react-swc\npreact-ts      preact\nlit-ts         lit\nsvelte-ts      svelte\nsolid-ts       solid\nqwik-ts        qwik\n")?;
                return Ok(0);
            }
            a if a.starts_with("--template=") => template = Some(a["--template=".len()..].to_string()),
            a if !a.starts_with('-') && target.is_none() => target = Some(a.trim_end_matches('/').to_string()),
            _ => {}
        }
    }
    let pm = package_manager(sh);
    let example = format!("{} create vite@latest my-app -- --template react", if pm == "yarn" { "yarn" } else { "npm" });
    let Some(target) = target else {
        return interactive(sh, "create-vite", &format!("name the project and its template: {example}"));
    };
    let Some(template) = template else {
        return interactive(sh, "create-vite", &format!("give the template: {example}"));
    };
    if !VITE_TEMPLATES.contains(&template.as_str()) {
        if VITE_OTHERS.contains(&template.as_str()) {
            sh.err_str(&format!("dockersim: create-vite: the {template} template is not simulated ({} are)\n", VITE_TEMPLATES.join(", ")))?;
            return Ok(super::NOT_SIMULATED);
        }
        // The real generator then asks for a framework.
        return interactive(
            sh,
            "create-vite",
            &format!("\"{template}\" isn't a valid template ({} are simulated)", VITE_TEMPLATES.join(", ")),
        );
    }
    let root = sh.abs(&target);
    if !is_empty_dir(sh, &root) && !overwrite {
        let shown = if target == "." { "Current directory".to_string() } else { format!("Target directory \"{target}\"") };
        return interactive(sh, "create-vite", &format!("{shown} is not empty (add --overwrite to empty it first)"));
    }
    let Some(repo) = crate::web::template("create-vite", &format!("template-{template}")) else {
        sh.err_str(&format!("dockersim: create-vite: the {template} template's data is not loaded\n"))?;
        return Ok(1);
    };
    sh.out_str(&format!("\nScaffolding project in {root}...\n"))?;
    if overwrite {
        let names: Vec<String> = match sh.fs().get(&root) {
            Ok(crate::vfs::Node::Dir { entries, .. }) => entries.keys().filter(|k| *k != ".git").cloned().collect(),
            _ => Vec::new(),
        };
        for n in names {
            let _ = sh.fs_mut().remove(&format!("{root}/{n}"), true);
        }
    }
    write_template(sh, &repo, &root, &|p| if p == "_gitignore" { ".gitignore".into() } else { p.to_string() }, true)?;
    let name = valid_package_name(root.rsplit('/').next().unwrap_or("vite-project"));
    if let Some(pkg) = repo.files.iter().find(|f| f.path == "package.json").and_then(|f| f.text.clone()) {
        let mut v: serde_json::Value = serde_json::from_str(&pkg).unwrap_or_default();
        v["name"] = serde_json::Value::String(name);
        super::packages::write_text(sh, &format!("{root}/package.json"), &(serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"));
    }
    let mut done = String::from("\nDone. Now run:\n\n");
    if root != sh.cwd {
        let rel = root.strip_prefix(&format!("{}/", sh.cwd.trim_end_matches('/'))).unwrap_or(&root).to_string();
        let rel = if rel.contains(' ') { format!("\"{rel}\"") } else { rel };
        done.push_str(&format!("  cd {rel}\n"));
    }
    if pm == "yarn" {
        done.push_str("  yarn\n  yarn dev\n");
    } else {
        done.push_str(&format!("  {pm} install\n  {pm} run dev\n"));
    }
    done.push('\n');
    sh.out_str(&done)?;
    Ok(0)
}

/// npm's naming rules, as create-react-app reports them.
fn npm_name_problems(name: &str) -> Vec<&'static str> {
    let mut p = Vec::new();
    if name.chars().any(|c| c.is_ascii_uppercase()) {
        p.push("name can no longer contain capital letters");
    }
    if name.starts_with('.') || name.starts_with('_') {
        p.push("name cannot start with a period or an underscore");
    }
    if name.chars().any(|c| c.is_whitespace() || "~'!()*".contains(c)) {
        p.push("name can only contain URL-friendly characters");
    }
    if name.len() > 214 {
        p.push("name can no longer contain more than 214 characters");
    }
    p
}

/// The directory create-react-app's package is installed in (for its
/// once-per-install deprecation notice).
fn cra_package_dir(sh: &Shell) -> Option<String> {
    let path = sh.var("PATH").unwrap_or_default();
    path.split(':').find(|d| sh.fs().get(&format!("{d}/create-react-app")).is_ok()).map(|d| match d.strip_suffix("/.bin") {
        Some(nm) => format!("{nm}/create-react-app"),
        None => "/usr/local/lib/node_modules/create-react-app".to_string(),
    })
}

/// `create-react-app NAME [--template cra-template]`.
pub fn create_react_app(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    if args.iter().any(|a| matches!(*a, "-V" | "--version")) {
        sh.out_str("5.1.0\n")?;
        return Ok(0);
    }
    let mut out = String::new();
    if let Some(dir) = cra_package_dir(sh) {
        let marker = format!("{dir}/given-deprecation-warning");
        if sh.fs().get(&marker).is_err() {
            out.push_str("create-react-app is deprecated.\n\nYou can find a list of up-to-date React frameworks on react.dev\nFor more info see:https://react.dev/link/cra\n\nThis error message will only be shown once per install.\n");
            super::packages::write_text(sh, &marker, "true");
        }
    }
    let mut name = None::<String>;
    let mut template = "cra-template".to_string();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match *a {
            "--template" => template = it.next().map_or(template, |t| t.to_string()),
            "--use-npm" | "--verbose" | "--use-pnp" => {}
            "--scripts-version" => {
                it.next();
            }
            a if !a.starts_with('-') && name.is_none() => name = Some(a.to_string()),
            _ => {}
        }
    }
    let Some(name) = name else {
        out.push_str("Please specify the project directory:\n  create-react-app <project-directory>\n\nFor example:\n  create-react-app my-react-app\n\nRun create-react-app --help to see all options.\n");
        sh.err_str(&out)?;
        return Ok(1);
    };
    if !matches!(template.as_str(), "cra-template" | "default") {
        sh.out_str(&out)?;
        sh.err_str(&format!("dockersim: create-react-app --template {template}: not simulated (the default cra-template is)\n"))?;
        return Ok(super::NOT_SIMULATED);
    }
    let root = sh.abs(&name);
    let app_name = root.rsplit('/').next().unwrap_or(&name).to_string();
    let problems = npm_name_problems(&app_name);
    if !problems.is_empty() {
        out.push_str(&format!("Cannot create a project named \"{app_name}\" because of npm naming restrictions:\n\n"));
        for p in problems {
            out.push_str(&format!("  * {p}\n"));
        }
        out.push_str("\nPlease choose a different project name.\n");
        sh.err_str(&out)?;
        return Ok(1);
    }
    let Some(repo) = crate::web::template("cra-template", "template") else {
        sh.err_str("dockersim: create-react-app: cra-template's data is not loaded\n")?;
        return Ok(1);
    };
    // Files that may already be there (create-react-app's own list).
    const VALID: &[&str] = &[
        ".DS_Store",
        ".git",
        ".gitattributes",
        ".gitignore",
        ".gitlab-ci.yml",
        ".hg",
        ".hgcheck",
        ".hgignore",
        ".idea",
        ".npmignore",
        ".travis.yml",
        "docs",
        "LICENSE",
        "README.md",
        "mkdocs.yml",
        "Thumbs.db",
    ];
    let conflicts: Vec<String> = match sh.fs().get(&root) {
        Ok(crate::vfs::Node::Dir { entries, .. }) => entries.keys().filter(|k| !VALID.contains(&k.as_str())).cloned().collect(),
        Ok(_) => vec![app_name.clone()],
        Err(_) => Vec::new(),
    };
    if !conflicts.is_empty() {
        out.push_str(&format!("The directory {app_name} contains files that could conflict:\n\n"));
        for c in conflicts {
            out.push_str(&format!("  {c}\n"));
        }
        out.push_str("\nEither try using a new directory name, or remove the files listed above.\n");
        sh.out_str(&out)?;
        return Ok(1);
    }
    out.push_str(&format!(
        "\nCreating a new React app in {root}.\n\nInstalling packages. This might take a couple of minutes.\nInstalling react, react-dom, and react-scripts with cra-template...\n\n"
    ));
    sh.out_str(&out)?;
    let meta = sh.meta(0o755);
    let _ = sh.fs_mut().mkdir_all(&root, meta);
    super::packages::write_text(
        sh,
        &format!("{root}/package.json"),
        &format!("{{\n  \"name\": \"{app_name}\",\n  \"version\": \"0.1.0\",\n  \"private\": true\n}}\n"),
    );
    let saved_cwd = std::mem::replace(&mut sh.cwd, root.clone());
    let result = cra_install(sh, &repo, &root, &app_name);
    sh.cwd = saved_cwd;
    let status = result?;
    if status != 0 {
        return Ok(status);
    }
    let cd = if sh.abs(&app_name) == root { app_name.clone() } else { root.clone() };
    sh.out_str(&format!(
        "\nSuccess! Created {app_name} at {root}\nInside that directory, you can run several commands:\n\n  npm start\n    Starts the development server.\n\n  npm run build\n    Bundles the app into static files for production.\n\n  npm test\n    Starts the test runner.\n\n  npm run eject\n    Removes this tool and copies build dependencies, configuration files\n    and scripts into the app directory. If you do this, you can’t go back!\n\nWe suggest that you begin by typing:\n\n  cd {cd}\n  npm start\n\nHappy hacking!\n"
    ))?;
    Ok(0)
}

/// The installs and template copy create-react-app and react-scripts' init do, in `root`.
fn cra_install(sh: &mut Shell, repo: &crate::web::Repo, root: &str, app_name: &str) -> Result<i32, Flow> {
    let status =
        super::npm::npm(sh, &["install", "--no-audit", "--save", "--save-exact", "react", "react-dom", "react-scripts", "cra-template"])?;
    if status != 0 {
        return Ok(status);
    }
    // react and react-dom get caret ranges; the template's files and package.json fields follow.
    let pkg_path = format!("{root}/package.json");
    let mut pkg: serde_json::Value = sh
        .fs()
        .read(&pkg_path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_else(|| serde_json::json!({ "name": app_name }));
    for dep in ["react", "react-dom"] {
        if let Some(v) = pkg["dependencies"][dep].as_str().map(str::to_string) {
            pkg["dependencies"][dep] = serde_json::Value::String(format!("^{v}"));
        }
    }
    pkg["scripts"] = serde_json::json!({
        "start": "react-scripts start",
        "build": "react-scripts build",
        "test": "react-scripts test",
        "eject": "react-scripts eject"
    });
    pkg["eslintConfig"] = serde_json::json!({ "extends": ["react-app", "react-app/jest"] });
    pkg["browserslist"] = serde_json::json!({
        "production": [">0.2%", "not dead", "not op_mini all"],
        "development": ["last 1 chrome version", "last 1 firefox version", "last 1 safari version"]
    });
    super::packages::write_text(sh, &pkg_path, &(serde_json::to_string_pretty(&pkg).unwrap_or_default() + "\n"));
    write_template(sh, repo, root, &|p| if p == "gitignore" { ".gitignore".into() } else { p.to_string() }, false)?;
    sh.out_str("\nInstalling template dependencies using npm...\n")?;
    let status = super::npm::npm(
        sh,
        &[
            "install",
            "--no-audit",
            "--save",
            "@testing-library/dom@^10.4.0",
            "@testing-library/jest-dom@^6.6.3",
            "@testing-library/react@^16.1.0",
            "@testing-library/user-event@^13.2.1",
            "web-vitals@^2.1.0",
        ],
    )?;
    if status != 0 {
        return Ok(status);
    }
    sh.out_str("Removing template package using npm...\n\n")?;
    let _ = sh.fs_mut().remove(&format!("{root}/node_modules/cra-template"), true);
    let mut pkg: serde_json::Value = sh.fs().read(&pkg_path).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default();
    if let Some(deps) = pkg["dependencies"].as_object_mut() {
        deps.shift_remove("cra-template");
    }
    super::packages::write_text(sh, &pkg_path, &(serde_json::to_string_pretty(&pkg).unwrap_or_default() + "\n"));
    let count = match sh.fs().get(&format!("{root}/node_modules")) {
        Ok(crate::vfs::Node::Dir { entries, .. }) => entries.keys().filter(|k| !k.starts_with('.')).count(),
        _ => 0,
    };
    sh.out_str(&format!("\nremoved 1 package, and audited {} packages in 1s\n\nfound 0 vulnerabilities\n", count + 1))?;
    Ok(0)
}
