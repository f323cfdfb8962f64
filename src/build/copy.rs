//! COPY and ADD file semantics (BuildKit's FileOp copy through fsutil):
//! wildcards, directory contents, trailing-slash destinations, ownership,
//! modes, `--parents`, `--exclude` and ADD's tar extraction.

use super::pattern::{go_clean, has_meta, Pattern};
use crate::archive;
use crate::vfs::{self, Content, Fs, Meta, Node};

/// How to copy.
#[derive(Clone, Debug, Default)]
pub struct CopyOptions {
    /// `--chown` resolved to numbers.
    pub chown: Option<(u32, u32)>,
    /// `--chmod` parsed.
    pub chmod: Option<Chmod>,
    pub parents: bool,
    pub excludes: Vec<Pattern>,
    /// ADD: unpack local tar archives.
    pub unpack: bool,
    /// Unix time for directories the copy creates.
    pub now: i64,
}

/// A `--chmod` value: octal, or symbolic clauses (`u+x,go=rX`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Chmod {
    Octal(u32),
    Symbolic(Vec<(u32, char, u32, bool)>),
}

impl Chmod {
    pub fn parse(value: &str) -> Result<Chmod, String> {
        if value.chars().all(|c| c.is_ascii_digit()) && !value.is_empty() {
            return match u32::from_str_radix(value, 8) {
                Ok(m) if m <= 0o7777 => Ok(Chmod::Octal(m)),
                _ => Err(format!("invalid chmod parameter: '{value}'. it should be octal string and between 0 and 07777")),
            };
        }
        let bad = || format!("invalid chmod parameter: '{value}'. it should be octal string and between 0 and 07777");
        let mut clauses = Vec::new();
        for clause in value.split(',') {
            let op_at = clause.find(['+', '-', '=']).ok_or_else(bad)?;
            let who = clause[..op_at].chars().try_fold(0u32, |acc, c| match c {
                'u' => Some(acc | 0o4700),
                'g' => Some(acc | 0o2070),
                'o' => Some(acc | 0o1007),
                'a' => Some(acc | 0o7777),
                _ => None,
            });
            let who = match who.ok_or_else(bad)? {
                0 => 0o7777,
                w => w,
            };
            let op = clause[op_at..].chars().next().ok_or_else(bad)?;
            let (mut perm, mut big_x) = (0u32, false);
            for c in clause[op_at + 1..].chars() {
                match c {
                    'r' => perm |= 0o444,
                    'w' => perm |= 0o222,
                    'x' => perm |= 0o111,
                    'X' => big_x = true,
                    's' => perm |= 0o6000,
                    't' => perm |= 0o1000,
                    _ => return Err(bad()),
                }
            }
            clauses.push((who, op, perm, big_x));
        }
        Ok(Chmod::Symbolic(clauses))
    }

    /// The mode after applying to `mode` (permission bits) of a node.
    pub fn apply(&self, mode: u32, is_dir: bool) -> u32 {
        match self {
            Chmod::Octal(m) => *m,
            Chmod::Symbolic(clauses) => clauses.iter().fold(mode, |m, &(who, op, perm, big_x)| {
                let x = if big_x && (is_dir || m & 0o111 != 0) { 0o111 } else { 0 };
                let bits = (perm | x) & who;
                match op {
                    '+' => m | bits,
                    '-' => m & !bits,
                    _ => (m & !(who & 0o777)) | bits,
                }
            }),
        }
    }
}

/// The error BuildKit gives when a source does not exist: `"/x": not found`.
pub fn not_found(path: &str) -> String {
    format!("{:?}: not found", path)
}

/// Cleans a source path as BuildKit does (`./a/../b/` → `/b`; `..` cannot escape).
pub fn clean_source(src: &str) -> String {
    let cleaned = go_clean(&format!("/{src}"));
    if cleaned.is_empty() {
        "/".into()
    } else {
        cleaned
    }
}

/// Resolves one source (possibly with wildcards) to absolute paths in `fs`.
/// A missing literal path is an error; a wildcard may match nothing.
pub fn resolve(fs: &Fs, src: &str) -> Result<Vec<String>, String> {
    let cleaned = clean_source(src);
    if !has_meta(&cleaned) {
        return match fs.get(&cleaned) {
            Ok(_) => Ok(vec![cleaned]),
            Err(_) => Err(not_found(&cleaned)),
        };
    }
    let mut current = vec!["/".to_string()];
    for comp in cleaned.split('/').filter(|c| !c.is_empty()) {
        let mut next = Vec::new();
        if has_meta(comp) {
            let pattern = Pattern::glob(comp).map_err(|e| e.to_string())?;
            for dir in &current {
                if let Ok(Node::Dir { entries, .. }) = fs.get(dir) {
                    for name in entries.keys().filter(|n| pattern.matches(n)) {
                        next.push(vfs::join(dir, name));
                    }
                }
            }
        } else {
            for dir in &current {
                let p = vfs::join(dir, comp);
                if fs.get(&p).is_ok() {
                    next.push(p);
                }
            }
        }
        current = next;
    }
    Ok(current)
}

/// Whether `dest` (as written) names a directory: `.`, or a trailing `/`.
pub fn dest_is_dir(dest: &str) -> bool {
    dest.is_empty() || dest == "." || dest.ends_with('/')
}

/// Copies the resolved `src` (absolute in `from`) into `to` at `dest`
/// (absolute; `dest_dir` when the destination is known to be a directory).
pub fn copy_one(from: &Fs, src: &str, to: &mut Fs, dest: &str, dest_dir: bool, opts: &CopyOptions) -> Result<(), String> {
    let node = from.get(src).map_err(|_| not_found(src))?.clone();
    let mut node = node;
    if !opts.excludes.is_empty() {
        prune(&mut node, "", &opts.excludes);
    }
    restamp(&mut node, opts);
    let target = if opts.parents {
        let rel = src.trim_start_matches('/');
        let rel = rel.split_once("/./").map_or(rel, |(_, after)| after);
        vfs::join(dest, rel)
    } else {
        dest.to_string()
    };
    if let (true, Node::File { content: Content::Bytes(bytes), .. }) = (opts.unpack, &node) {
        if let Some(tar) = archive::tar_stream(bytes) {
            return extract_tar(&tar, to, &target, opts);
        }
    }
    match node {
        Node::Dir { entries, meta } => {
            make_dirs(to, &target, opts)?;
            if opts.parents {
                set_meta(to, &target, meta);
            }
            for (name, child) in entries {
                to.insert(&vfs::join(&target, &name), child).map_err(|e| e.to_string())?;
            }
            Ok(())
        }
        other => {
            let into_dir = !opts.parents && (dest_dir || matches!(to.get(&target), Ok(Node::Dir { .. })));
            let path = if into_dir {
                make_dirs(to, &target, opts)?;
                vfs::join(&target, src.rsplit('/').next().unwrap_or(""))
            } else {
                target
            };
            let parent = parent_of(&path);
            make_dirs(to, &parent, opts)?;
            if let Ok(Node::Dir { .. }) = to.get_nofollow(&path) {
                return Err(format!("cannot replace to directory {path} with file"));
            }
            to.insert(&path, other).map_err(|e| e.to_string())
        }
    }
}

fn parent_of(path: &str) -> String {
    match path.rfind('/') {
        Some(0) | None => "/".into(),
        Some(i) => path[..i].to_string(),
    }
}

fn make_dirs(fs: &mut Fs, path: &str, opts: &CopyOptions) -> Result<(), String> {
    let (uid, gid) = opts.chown.unwrap_or((0, 0));
    let mut meta = Meta::new(0o755, opts.now);
    meta.uid = uid;
    meta.gid = gid;
    fs.mkdir_all(path, meta).map_err(|e| e.to_string())
}

fn set_meta(fs: &mut Fs, path: &str, meta: Meta) {
    if let Ok(Node::Dir { .. }) = fs.get(path) {
        let _ = fs.insert(path, Node::empty_dir(meta));
    }
}

/// Applies `--chown`/`--chmod` to a copied tree.
fn restamp(node: &mut Node, opts: &CopyOptions) {
    let is_dir = node.is_dir();
    let meta = node.meta_mut();
    if let Some((uid, gid)) = opts.chown {
        meta.uid = uid;
        meta.gid = gid;
    }
    if let Some(chmod) = &opts.chmod {
        meta.mode = chmod.apply(meta.mode, is_dir);
    }
    if let Node::Dir { entries, .. } = node {
        for child in entries.values_mut() {
            restamp(child, opts);
        }
    }
}

/// Removes entries matching `--exclude` patterns (matched against the path
/// relative to the source and against its base name).
fn prune(node: &mut Node, prefix: &str, excludes: &[Pattern]) {
    if let Node::Dir { entries, .. } = node {
        entries.retain(|name, _| {
            let rel = if prefix.is_empty() { name.clone() } else { format!("{prefix}/{name}") };
            !excludes.iter().any(|p| p.matches(&rel) || p.matches(name))
        });
        for (name, child) in entries.iter_mut() {
            let rel = if prefix.is_empty() { name.clone() } else { format!("{prefix}/{name}") };
            prune(child, &rel, excludes);
        }
    }
}

/// Unpacks a tar stream into `dest` (ADD's auto-extraction). BuildKit
/// unpacks chrooted at `dest`: members are unpacked into a tree whose root is
/// `dest`, so a member symlink (`link -> /etc`) followed by `link/passwd`
/// stays under `dest` and never reaches the image's `/etc`.
fn extract_tar(bytes: &[u8], to: &mut Fs, dest: &str, opts: &CopyOptions) -> Result<(), String> {
    make_dirs(to, dest, opts)?;
    let mut sub = Fs::new();
    if let Ok(node) = to.get(dest) {
        let _ = sub.insert("/", Node::empty_dir(node.meta().clone()));
    }
    unpack_members(bytes, &mut sub, "/", opts)?;
    let root = sub.root().clone();
    to.insert(&to.resolve(dest, true).map_err(|e| e.to_string())?, root).map_err(|e| e.to_string())
}

fn unpack_members(bytes: &[u8], to: &mut Fs, dest: &str, opts: &CopyOptions) -> Result<(), String> {
    let mut at = 0;
    while at + 512 <= bytes.len() {
        let header = &bytes[at..at + 512];
        if header.iter().all(|&b| b == 0) {
            break;
        }
        let field = |from: usize, len: usize| {
            let raw = &header[from..from + len];
            let end = raw.iter().position(|&b| b == 0).unwrap_or(len);
            String::from_utf8_lossy(&raw[..end]).into_owned()
        };
        let octal = |from: usize, len: usize| u64::from_str_radix(field(from, len).trim(), 8).unwrap_or(0);
        let prefix = field(345, 155);
        let name = if prefix.is_empty() { field(0, 100) } else { format!("{prefix}/{}", field(0, 100)) };
        let size = octal(124, 12);
        let mut meta = Meta::new(octal(100, 8) as u32 & 0o7777, octal(136, 12) as i64);
        meta.uid = opts.chown.map_or(octal(108, 8) as u32, |c| c.0);
        meta.gid = opts.chown.map_or(octal(116, 8) as u32, |c| c.1);
        let body_start = at + 512;
        let body_end = body_start.checked_add(size as usize).filter(|&e| e <= bytes.len()).ok_or("unexpected EOF in tar archive")?;
        let path = vfs::join(dest, go_clean(&format!("/{name}")).trim_start_matches('/'));
        make_dirs(to, &parent_of(&path), opts)?;
        let node = match header[156] {
            b'5' => Node::empty_dir(meta),
            b'2' => Node::Symlink { meta, target: field(157, 100) },
            b'0' | 0 => Node::File { meta, content: Content::from_bytes(bytes[body_start..body_end].to_vec()) },
            _ => {
                at = body_start + (size as usize).div_ceil(512) * 512;
                continue;
            }
        };
        if path != "/" {
            to.insert(&path, node).map_err(|e| e.to_string())?;
        }
        at = body_start + (size as usize).div_ceil(512) * 512;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fs_with(files: &[&str]) -> Fs {
        let mut fs = Fs::new();
        for p in files {
            let abs = format!("/{p}");
            fs.mkdir_all(&parent_of(&abs), Meta::new(0o755, 0)).unwrap();
            fs.write(&abs, Content::from_bytes(p.as_bytes().to_vec()), Meta::new(0o644, 0)).unwrap();
        }
        fs
    }

    #[test]
    fn wildcards_and_missing_sources() {
        let ctx = fs_with(&["package.json", "package-lock.json", "src/a.js"]);
        assert_eq!(resolve(&ctx, "package*.json").unwrap(), ["/package-lock.json", "/package.json"]);
        assert_eq!(resolve(&ctx, "./src/../nope").unwrap_err(), "\"/nope\": not found");
        assert!(resolve(&ctx, "*.txt").unwrap().is_empty());
        assert_eq!(resolve(&ctx, "../../package.json").unwrap(), ["/package.json"]);
    }

    #[test]
    fn file_to_dir_and_file_to_file_and_dir_contents() {
        let ctx = fs_with(&["a.txt", "src/b.js"]);
        let mut fs = Fs::new();
        let opts = CopyOptions::default();
        copy_one(&ctx, "/a.txt", &mut fs, "/app", true, &opts).unwrap();
        copy_one(&ctx, "/a.txt", &mut fs, "/renamed", false, &opts).unwrap();
        copy_one(&ctx, "/src", &mut fs, "/app", true, &opts).unwrap();
        assert!(fs.exists("/app/a.txt") && fs.exists("/app/b.js") && !fs.exists("/app/src"));
        assert!(matches!(fs.get("/renamed"), Ok(Node::File { .. })));
    }

    #[test]
    fn chown_chmod_parents() {
        let ctx = fs_with(&["x/y/z.sh"]);
        let mut fs = Fs::new();
        let opts =
            CopyOptions { chown: Some((1000, 1000)), chmod: Some(Chmod::parse("755").unwrap()), parents: true, ..Default::default() };
        copy_one(&ctx, "/x/y/z.sh", &mut fs, "/dst", true, &opts).unwrap();
        let meta = fs.get("/dst/x/y/z.sh").unwrap().meta().clone();
        assert_eq!((meta.uid, meta.mode), (1000, 0o755));
        assert_eq!(Chmod::parse("u+x").unwrap().apply(0o644, false), 0o744);
        assert!(Chmod::parse("99999").is_err());
    }
}
