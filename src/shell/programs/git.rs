//! git, as tutorials use it: `git clone` of the repositories the simulation
//! has as data (`crate::web`), `git init`, `git rev-parse HEAD` and
//! `--version`. Other subcommands say that they are not simulated and fail.

use super::Prog;
use crate::shell::interp::{Flow, Shell};
use crate::vfs::{Content, Node};

type Out = Result<Option<i32>, Flow>;

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    if prog.name != "git" {
        return Ok(None);
    }
    // Global options before the subcommand (`git -C dir …`).
    let mut i = 1;
    let mut dir: Option<String> = None;
    while let Some(a) = argv.get(i) {
        match a.as_str() {
            "-C" => {
                dir = argv.get(i + 1).cloned();
                i += 2;
            }
            "-c" => i += 2,
            "--no-pager" | "-P" => i += 1,
            _ => break,
        }
    }
    let base = match &dir {
        Some(d) => sh.abs(d),
        None => sh.abs("."),
    };
    let args = &argv[(i + 1).min(argv.len())..];
    match argv.get(i).map(String::as_str) {
        None => {
            sh.out_str(USAGE)?;
            Ok(Some(1))
        }
        Some("--version" | "version") => {
            sh.out_str(&format!("git version {}\n", version(sh)))?;
            Ok(Some(0))
        }
        Some("clone") => clone(sh, &base, args),
        Some("init") => init(sh, &base, args),
        Some("rev-parse") => rev_parse(sh, &base, args),
        Some(other) if other.starts_with('-') => {
            sh.err_str(&format!("unknown option: {other}\n{USAGE}"))?;
            Ok(Some(129))
        }
        Some(other) => {
            sh.err_str(&format!("dockersim: git {other} is not simulated (git clone, git init, git rev-parse and git --version are)\n"))?;
            Ok(Some(1))
        }
    }
}

const USAGE: &str = "usage: git [-v | --version] [-h | --help] [-C <path>] [-c <name>=<value>]\n           [--exec-path[=<path>]] [--html-path] [--man-path] [--info-path]\n           [-p | --paginate | -P | --no-pager] [--no-replace-objects] [--no-lazy-fetch]\n           [--no-optional-locks] [--no-advice] [--bare] [--git-dir=<path>]\n           [--work-tree=<path>] [--namespace=<name>] [--config-env=<name>=<envvar>]\n           <command> [<args>]\n";

/// The version of the git the machine has: the package dpkg (or apk) has
/// installed, else (an image that ships git without a status entry) the
/// version its release's apt index carries.
fn version(sh: &Shell) -> String {
    if let Some(v) = super::packages::installed_version(sh, &["git"], "git") {
        return v;
    }
    if sh.fs().exists("/etc/alpine-release") {
        return "2.45.2".into();
    }
    let os = sh.fs().read("/etc/os-release").map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    super::pkg_index::get(super::pkg_index::apt_index_for(&os))
        .ok()
        .and_then(|ix| ix.lookup("git").map(|p| super::packages::upstream_version(p.latest())))
        .unwrap_or_else(|| "2.43.0".into())
}

fn clone(sh: &mut Shell, base: &str, args: &[String]) -> Out {
    let (mut quiet, mut depth, mut branch) = (false, None::<String>, None::<String>);
    let mut positional = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-q" | "--quiet" => quiet = true,
            "--depth" => depth = it.next().cloned(),
            "-b" | "--branch" => branch = it.next().cloned(),
            "--single-branch" | "--no-single-branch" | "--recursive" | "--recurse-submodules" | "--progress" | "-v" | "--verbose" => {}
            "--" => positional.extend(it.by_ref().cloned()),
            s if s.starts_with("--depth=") => depth = Some(s["--depth=".len()..].to_string()),
            s if s.starts_with("--branch=") => branch = Some(s["--branch=".len()..].to_string()),
            s if s.starts_with('-') && s.len() > 1 => {
                sh.err_str(&format!("error: unknown option `{}'\n", s.trim_start_matches('-')))?;
                return Ok(Some(129));
            }
            s => positional.push(s.to_string()),
        }
    }
    let Some(url) = positional.first().cloned() else {
        sh.err_str("fatal: You must specify a repository to clone.\n\nusage: git clone [<options>] [--] <repo> [<dir>]\n")?;
        return Ok(Some(129));
    };
    let default_dir = url.trim_end_matches('/').rsplit(['/', ':']).next().unwrap_or("").trim_end_matches(".git").to_string();
    let target_name = positional.get(1).cloned().unwrap_or(default_dir);
    let target = crate::vfs::join(base, &target_name);
    if let Ok(node) = sh.fs().get(&target) {
        let empty = matches!(node, Node::Dir { entries, .. } if entries.is_empty());
        if !empty {
            sh.err_str(&format!("fatal: destination path '{target_name}' already exists and is not an empty directory.\n"))?;
            return Ok(Some(128));
        }
    }
    let Some((host, owner, name)) = crate::web::parse_url(&url) else {
        sh.err_str(&format!("fatal: repository '{url}' does not exist\n"))?;
        return Ok(Some(128));
    };
    if !quiet {
        sh.err_str(&format!("Cloning into '{target_name}'...\n"))?;
    }
    let Some(repo) = crate::web::repository(&url) else {
        let shown = format!("https://{host}/{owner}/{name}/");
        let msg = if host == "github.com" {
            format!("remote: Repository not found.\nfatal: repository '{shown}' not found\n")
        } else {
            format!("fatal: unable to access '{shown}': Could not resolve host: {host}\n")
        };
        sh.err_str(&msg)?;
        sh.err_str(&format!(
            "dockersim: {host}/{owner}/{name} is not one of the simulator's repositories (docs/repositories.md says which are, and how to add one)\n"
        ))?;
        return Ok(Some(128));
    };
    if let Some(b) = &branch {
        if b != &repo.branch {
            sh.err_str(&format!("fatal: Remote branch {b} not found in upstream origin\n"))?;
            return Ok(Some(128));
        }
    }
    let total: u64 = repo.files.iter().map(|f| f.size).sum();
    sh.charge_fs(total, repo.files.len() as u64 + 8)?;
    let dir_meta = sh.meta(0o755);
    let _ = sh.fs_mut().mkdir_all(&target, dir_meta.clone());
    for f in &repo.files {
        let path = crate::vfs::join(&target, &f.path);
        if let Some(idx) = path.rfind('/').filter(|&i| i > 0) {
            let _ = sh.fs_mut().mkdir_all(&path[..idx], dir_meta.clone());
        }
        let content = match &f.text {
            Some(t) => Content::from_bytes(t.as_bytes()),
            None => Content::Generated { size: f.size, seed: seed_of(&format!("{}/{}", repo.url, f.path)) },
        };
        let meta = sh.meta(f.mode);
        if let Err(e) = sh.fs_mut().write(&path, content, meta) {
            sh.err_str(&format!("fatal: could not create work tree dir '{target_name}': {}\n", e.reason()))?;
            return Ok(Some(128));
        }
    }
    let shallow = depth.is_some();
    write_git_dir(sh, &target, &repo.url, &repo.branch, &repo.commit, shallow);
    Ok(Some(0))
}

/// The `.git` directory of a fresh clone (or of `git init` without a commit).
fn write_git_dir(sh: &mut Shell, top: &str, url: &str, branch: &str, commit: &str, shallow: bool) {
    let git = format!("{top}/.git");
    let dir_meta = sh.meta(0o755);
    for d in ["branches", "hooks", "info", "objects/info", "objects/pack", "refs/heads", "refs/tags", "refs/remotes/origin"] {
        let _ = sh.fs_mut().mkdir_all(&format!("{git}/{d}"), dir_meta.clone());
    }
    let mut config = String::from("[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n\tlogallrefupdates = true\n");
    if !url.is_empty() {
        config.push_str(&format!(
            "[remote \"origin\"]\n\turl = {url}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[branch \"{branch}\"]\n\tremote = origin\n\tmerge = refs/heads/{branch}\n"
        ));
    }
    let mut files = vec![
        ("HEAD".to_string(), format!("ref: refs/heads/{branch}\n")),
        ("config".to_string(), config),
        ("description".to_string(), "Unnamed repository; edit this file 'description' to name the repository.\n".to_string()),
        (
            "info/exclude".to_string(),
            "# git ls-files --others --exclude-from=.git/info/exclude\n# Lines that start with '#' are comments.\n".to_string(),
        ),
    ];
    if !commit.is_empty() {
        files.push((format!("refs/heads/{branch}"), format!("{commit}\n")));
        files.push(("refs/remotes/origin/HEAD".to_string(), format!("ref: refs/remotes/origin/{branch}\n")));
        files.push((format!("refs/remotes/origin/{branch}"), format!("{commit}\n")));
        if shallow {
            files.push(("shallow".to_string(), format!("{commit}\n")));
        }
    }
    for (rel, text) in files {
        let meta = sh.meta(0o644);
        let _ = sh.fs_mut().write(&format!("{git}/{rel}"), Content::from_bytes(text.into_bytes()), meta);
    }
}

fn init(sh: &mut Shell, base: &str, args: &[String]) -> Out {
    let quiet = args.iter().any(|a| a == "-q" || a == "--quiet");
    let branch = args
        .iter()
        .position(|a| a == "-b" || a == "--initial-branch")
        .and_then(|i| args.get(i + 1).cloned())
        .or_else(|| args.iter().find_map(|a| a.strip_prefix("--initial-branch=").map(str::to_string)))
        .unwrap_or_else(|| "master".into());
    let dir = args.iter().filter(|a| !a.starts_with('-')).find(|a| Some(a.as_str()) != Some(branch.as_str())).cloned();
    let top = match &dir {
        Some(d) => crate::vfs::join(base, d),
        None => base.to_string(),
    };
    let existed = sh.fs().exists(&format!("{top}/.git/HEAD"));
    let meta = sh.meta(0o755);
    let _ = sh.fs_mut().mkdir_all(&top, meta);
    if !existed {
        write_git_dir(sh, &top, "", &branch, "", false);
    }
    if !quiet {
        let word = if existed { "Reinitialized existing" } else { "Initialized empty" };
        sh.out_str(&format!("{word} Git repository in {}/.git/\n", top.trim_end_matches('/')))?;
    }
    Ok(Some(0))
}

fn rev_parse(sh: &mut Shell, base: &str, args: &[String]) -> Out {
    // The repository holding `base`.
    let mut top = base.trim_end_matches('/').to_string();
    loop {
        if sh.fs().exists(&format!("{top}/.git/HEAD")) {
            break;
        }
        match top.rfind('/') {
            Some(0) | None if top == "/" || top.is_empty() => {
                sh.err_str("fatal: not a git repository (or any of the parent directories): .git\n")?;
                return Ok(Some(128));
            }
            Some(0) => top = "/".into(),
            Some(i) => top.truncate(i),
            None => top = "/".into(),
        }
        if top == "/" && !sh.fs().exists("/.git/HEAD") {
            sh.err_str("fatal: not a git repository (or any of the parent directories): .git\n")?;
            return Ok(Some(128));
        }
    }
    let read = |sh: &Shell, p: &str| sh.fs().read(p).map(|b| String::from_utf8_lossy(&b).trim().to_string()).ok();
    let head = read(sh, &format!("{top}/.git/HEAD")).unwrap_or_default();
    let branch = head.strip_prefix("ref: refs/heads/").unwrap_or("").to_string();
    let commit = read(sh, &format!("{top}/.git/refs/heads/{branch}"));
    let mut short = None;
    let mut out = String::new();
    for a in args {
        match a.as_str() {
            "--short" => short = Some(7),
            s if s.starts_with("--short=") => short = s["--short=".len()..].parse().ok(),
            "--show-toplevel" => out.push_str(&format!("{top}\n")),
            "--abbrev-ref" => short = Some(0),
            "--is-inside-work-tree" => out.push_str("true\n"),
            "HEAD" => match (&commit, short) {
                (_, Some(0)) => out.push_str(&format!("{branch}\n")),
                (Some(c), Some(n)) => out.push_str(&format!("{}\n", &c[..n.clamp(4, c.len())])),
                (Some(c), None) => out.push_str(&format!("{c}\n")),
                (None, _) => {
                    sh.out_str("HEAD\n")?;
                    sh.err_str("fatal: ambiguous argument 'HEAD': unknown revision or path not in the working tree.\nUse '--' to separate paths from revisions, like this:\n'git <command> [<revision>...] -- [<file>...]'\n")?;
                    return Ok(Some(128));
                }
            },
            other => {
                sh.err_str(&format!("dockersim: git rev-parse {other} is not simulated\n"))?;
                return Ok(Some(1));
            }
        }
    }
    sh.out_str(&out)?;
    Ok(Some(0))
}

/// A generated file's seed from its name (FNV-1a).
fn seed_of(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}
