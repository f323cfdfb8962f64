//! The simulated internet beyond registries: the git repositories that
//! tutorials clone (`git clone https://github.com/docker/getting-started-app`).
//! Each repository is data (`catalog/repo-<owner>-<name>.json`, generated
//! by `scripts/repos-gen.py` from `repos/`): compiled into the native build,
//! fetched by the page on first use like a catalog family (the line that
//! needed it is run again once it is loaded), so the wasm does not grow
//! with the repositories. The project templates npm generators write
//! (`create-vite`'s, `cra-template`) are kept the same way ([`template`]).

mod files;

use serde_json::Value;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// One file of a repository.
#[derive(Clone, Debug)]
pub struct RepoFile {
    pub path: String,
    pub mode: u32,
    /// The text, or `None` for a vendored file whose `size` bytes are generated.
    pub text: Option<String>,
    pub size: u64,
}

/// A repository as its default branch's last commit has it.
#[derive(Clone, Debug)]
pub struct Repo {
    /// `https://github.com/docker/getting-started-app`.
    pub url: String,
    pub branch: String,
    pub commit: String,
    pub files: Vec<RepoFile>,
}

thread_local! {
    static REPOS: RefCell<BTreeMap<String, Rc<Repo>>> = const { RefCell::new(BTreeMap::new()) };
    static NEEDED: RefCell<BTreeSet<String>> = const { RefCell::new(BTreeSet::new()) };
}

/// `host`, `owner`, `name` of a clone URL (`https://github.com/o/n.git`,
/// `git@github.com:o/n.git`, `https://gitlab.com/o/n`).
pub fn parse_url(url: &str) -> Option<(String, String, String)> {
    let rest = if let Some(r) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")).or_else(|| url.strip_prefix("git://"))
    {
        r.to_string()
    } else if let Some(r) = url.strip_prefix("git@") {
        r.replacen(':', "/", 1)
    } else {
        return None;
    };
    let rest = rest.trim_end_matches('/');
    let rest = rest.strip_suffix(".git").unwrap_or(rest);
    let mut parts = rest.split('/');
    let (host, owner, name) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || host.is_empty() || owner.is_empty() || name.is_empty() {
        return None;
    }
    Some((host.to_ascii_lowercase(), owner.to_string(), name.to_string()))
}

/// The data file's name for a repository.
pub fn data_name(host: &str, owner: &str, name: &str) -> String {
    if host == "github.com" {
        format!("repo-{owner}-{name}")
    } else {
        format!("repo-{host}-{owner}-{name}")
    }
}

/// Whether a catalog data name is a repository's.
pub fn is_repo_data(name: &str) -> bool {
    name.starts_with("repo-")
}

/// Every repository the simulation has, by data name (whether loaded or not).
pub fn known(name: &str) -> bool {
    files::FILES.iter().any(|(n, _)| *n == name) || REPOS.with(|r| r.borrow().contains_key(name))
}

/// The repository at `url`: loaded, compiled in, or else `None` — and, on
/// the page, the name is noted so the page can fetch it and run the line again.
pub fn repository(url: &str) -> Option<Rc<Repo>> {
    let (host, owner, name) = parse_url(url)?;
    by_name(data_name(&host, &owner, &name))
}

/// A scaffolding template an npm package carries (`create-vite`'s
/// `template-react`, `cra-template`'s `template`): data like a repository,
/// kept under `repos/npm/<package>/<template>/`.
pub fn template(package: &str, name: &str) -> Option<Rc<Repo>> {
    by_name(data_name("npm", package, name))
}

fn by_name(key: String) -> Option<Rc<Repo>> {
    let lower = key.to_ascii_lowercase();
    for k in [&key, &lower] {
        if let Some(found) = REPOS.with(|r| r.borrow().get(k.as_str()).cloned()) {
            return Some(found);
        }
        if let Some((_, text)) = files::FILES.iter().find(|(n, _)| n == k) {
            load(k, text).ok()?;
            return REPOS.with(|r| r.borrow().get(k.as_str()).cloned());
        }
    }
    if cfg!(target_arch = "wasm32") {
        NEEDED.with(|n| n.borrow_mut().insert(key));
    }
    None
}

/// Repositories a line wanted but found unloaded; cleared by the call.
pub fn take_needed() -> Vec<String> {
    NEEDED.with(|n| std::mem::take(&mut *n.borrow_mut()).into_iter().collect())
}

/// Parses and keeps one repository's data.
pub fn load(name: &str, text: &str) -> Result<(), String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("catalog/{name}.json: {e}"))?;
    let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let mut files = Vec::new();
    for f in v.get("files").and_then(Value::as_array).into_iter().flatten() {
        let path = f.get(0).and_then(Value::as_str).ok_or_else(|| format!("catalog/{name}.json: a file without a path"))?;
        let mode = f.get(1).and_then(Value::as_u64).unwrap_or(0o644) as u32;
        let (text, size) = match f.get(2) {
            Some(Value::String(t)) => (Some(t.clone()), t.len() as u64),
            Some(other) => (None, other.get("size").and_then(Value::as_u64).unwrap_or(0)),
            None => (None, 0),
        };
        files.push(RepoFile { path: path.to_string(), mode, text, size });
    }
    let repo = Repo { url: s("repository"), branch: s("branch"), commit: s("commit"), files };
    REPOS.with(|r| r.borrow_mut().insert(name.to_string(), Rc::new(repo)));
    NEEDED.with(|n| n.borrow_mut().remove(name));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let want = Some(("github.com".to_string(), "docker".to_string(), "getting-started-app".to_string()));
        assert_eq!(parse_url("https://github.com/docker/getting-started-app.git"), want);
        assert_eq!(parse_url("https://github.com/docker/getting-started-app"), want);
        assert_eq!(parse_url("git@github.com:docker/getting-started-app.git"), want);
        assert_eq!(parse_url("https://github.com/docker"), None);
        assert_eq!(parse_url("getting-started-app"), None);
    }

    #[test]
    fn compiled_repositories_load() {
        for (name, text) in files::FILES {
            load(name, text).unwrap();
        }
        let repo = repository("https://github.com/docker/getting-started-app.git").expect("bundled");
        assert!(repo.files.iter().any(|f| f.path == "src/static/js/app.js"));
    }

    #[test]
    fn data_is_up_to_date() {
        let root = env!("CARGO_MANIFEST_DIR");
        match std::process::Command::new("python3").arg(format!("{root}/scripts/repos-gen.py")).arg("--check").output() {
            Ok(o) => assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr)),
            Err(e) => panic!("python3 is needed to check the repositories' data: {e}"),
        }
    }
}
