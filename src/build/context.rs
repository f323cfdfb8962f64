//! The build context as BuildKit sees it: the files a client sends after
//! `.dockerignore`, and content checksums of selected paths (BuildKit's
//! `contenthash`: names, modes, owners, sizes and bytes, never mtimes).

use super::pattern::IgnoreFile;
use crate::digest::{hex, Hasher};
use crate::vfs::{Content, Fs, Node};
use serde::Serialize;
use sha2::{Digest as _, Sha256};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The context after `.dockerignore`.
#[derive(Clone, Debug)]
pub struct BuildContext {
    /// What COPY and ADD can see.
    pub fs: Arc<Fs>,
    pub ignore: IgnoreFile,
    /// Size of `.dockerignore` (BuildKit shows `2B` when there is none).
    pub dockerignore_size: u64,
    /// Fingerprints of the whole filtered context, once computed.
    pub sums: Option<Vec<FileSum>>,
}

impl BuildContext {
    /// Reads `<Dockerfile>.dockerignore` next to the Dockerfile, else
    /// `/.dockerignore`, and filters the tree with it.
    pub fn load(context: &Fs, dockerfile_name: &str) -> Result<BuildContext, String> {
        let specific = format!("/{dockerfile_name}.dockerignore");
        let file = context.get(&specific).or_else(|_| context.get("/.dockerignore"));
        let (ignore, dockerignore_size) = match file {
            Ok(Node::File { content, .. }) => {
                let text = String::from_utf8_lossy(&content.to_vec()).into_owned();
                (IgnoreFile::parse(&text)?, content.len())
            }
            _ => (IgnoreFile::default(), 2),
        };
        let mut fs = if ignore.is_empty() { context.clone() } else { filter(context, &ignore) };
        // The client sends every file as root's (fsutil's resetUIDAndGID):
        // COPY from the context gives 0:0 unless --chown says otherwise.
        if !owned_by_root(fs.root()) {
            let mut root = fs.root().clone();
            chown_root(&mut root);
            let _ = fs.insert("/", root);
        }
        Ok(BuildContext { fs: Arc::new(fs), ignore, dockerignore_size, sums: None })
    }

    /// Paths (relative) present in the full context but excluded.
    pub fn excluded(&self, original: &Fs) -> Vec<String> {
        original.walk().into_iter().map(|(p, _)| p).filter(|p| self.ignore.excludes(p)).collect()
    }
}

fn owned_by_root(node: &Node) -> bool {
    let meta = node.meta();
    meta.uid == 0 && meta.gid == 0 && if let Node::Dir { entries, .. } = node { entries.values().all(owned_by_root) } else { true }
}

fn chown_root(node: &mut Node) {
    let meta = node.meta_mut();
    meta.uid = 0;
    meta.gid = 0;
    if let Node::Dir { entries, .. } = node {
        for child in entries.values_mut() {
            chown_root(child);
        }
    }
}

fn filter(context: &Fs, ignore: &IgnoreFile) -> Fs {
    fn keep(node: &Node, path: &str, ignore: &IgnoreFile) -> Option<Node> {
        match node {
            Node::Dir { meta, entries } => {
                let mut kept = BTreeMap::new();
                for (name, child) in entries {
                    let child_path = if path.is_empty() { name.clone() } else { format!("{path}/{name}") };
                    if let Some(c) = keep(child, &child_path, ignore) {
                        kept.insert(name.clone(), c);
                    }
                }
                if path.is_empty() || !kept.is_empty() || !ignore.excludes(path) {
                    Some(Node::Dir { meta: meta.clone(), entries: kept })
                } else {
                    None
                }
            }
            other => (!ignore.excludes(path)).then(|| other.clone()),
        }
    }
    let mut fs = Fs::new();
    if let Some(root) = keep(context.root(), "", ignore) {
        let _ = fs.insert("/", root);
    }
    fs
}

/// One file's fingerprint, for cache keys and for explaining misses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileSum {
    /// Path relative to the selected source (`server.js`, `src/app.js`).
    pub path: String,
    /// Hex sha256 over the tarsum-style header and the content.
    pub digest: String,
    pub size: u64,
}

/// The checksum of `path` in `fs` and the fingerprints of every entry under it.
/// `path` must exist (callers resolve wildcards and report missing paths).
pub fn checksum(fs: &Fs, path: &str) -> (String, Vec<FileSum>) {
    let mut sums = Vec::new();
    if let Ok(node) = fs.get(path) {
        let base = path.rsplit('/').next().unwrap_or("").to_string();
        match node {
            Node::Dir { .. } => sum_tree(node, "", &mut sums),
            _ => sums.push(FileSum { path: base, digest: node_digest(node), size: node.file_size() }),
        }
    }
    aggregate(sums)
}

/// The same as `checksum(fs, path)`, derived from the fingerprints of the
/// whole tree (`checksum(fs, "/")`), so a build hashes its context once.
pub fn sub_checksum(fs: &Fs, root: &[FileSum], path: &str) -> (String, Vec<FileSum>) {
    let rel = path.trim_start_matches('/');
    if rel.is_empty() {
        return aggregate(root.to_vec());
    }
    match fs.get(path) {
        Ok(Node::Dir { .. }) if fs.get_nofollow(path).is_ok_and(|n| n.is_dir()) => {
            let prefix = format!("{rel}/");
            aggregate(
                root.iter()
                    .filter_map(|s| {
                        s.path.strip_prefix(&prefix).map(|p| FileSum { path: p.to_string(), digest: s.digest.clone(), size: s.size })
                    })
                    .collect(),
            )
        }
        Ok(Node::File { .. }) if fs.get_nofollow(path).is_ok() => match root.iter().find(|s| s.path == rel) {
            Some(s) => {
                let base = rel.rsplit('/').next().unwrap_or("").to_string();
                aggregate(vec![FileSum { path: base, digest: s.digest.clone(), size: s.size }])
            }
            None => checksum(fs, path),
        },
        _ => checksum(fs, path),
    }
}

fn aggregate(sums: Vec<FileSum>) -> (String, Vec<FileSum>) {
    let mut h = Hasher::new();
    for s in &sums {
        h.update(s.path.as_bytes());
        h.update(&[0]);
        h.update(s.digest.as_bytes());
    }
    (h.finish_digest(), sums)
}

fn sum_tree(node: &Node, prefix: &str, out: &mut Vec<FileSum>) {
    if let Node::Dir { entries, .. } = node {
        for (name, child) in entries {
            let path = if prefix.is_empty() { name.clone() } else { format!("{prefix}/{name}") };
            out.push(FileSum { path: path.clone(), digest: node_digest(child), size: child.file_size() });
            sum_tree(child, &path, out);
        }
    }
}

/// Header fields in tarsum order (mode, uid, gid, size, type, link) and the content; no mtime.
/// Files at least this large have their fingerprint remembered by content
/// identity, so `docker build` repeated over an unchanged context hashes a
/// large file once.
const MEMO_MIN: usize = 256 * 1024;
const MEMO_ENTRIES: usize = 32;

type Memo = Vec<(std::sync::Weak<Vec<u8>>, (u32, u32, u32), String)>;

std::thread_local! {
    static MEMO: std::cell::RefCell<Memo> = const { std::cell::RefCell::new(Vec::new()) };
}

fn node_digest(node: &Node) -> String {
    let Node::File { content: Content::Bytes(bytes), meta } = node else { return compute_digest(node) };
    if bytes.len() < MEMO_MIN {
        return compute_digest(node);
    }
    let key = (meta.mode, meta.uid, meta.gid);
    let same = |w: &std::sync::Weak<Vec<u8>>| w.upgrade().is_some_and(|a| std::sync::Arc::ptr_eq(&a, bytes));
    if let Some(hit) = MEMO.with(|m| m.borrow().iter().find(|(w, k, _)| *k == key && same(w)).map(|e| e.2.clone())) {
        return hit;
    }
    let digest = compute_digest(node);
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        m.retain(|(w, _, _)| w.strong_count() > 0);
        if m.len() >= MEMO_ENTRIES {
            m.remove(0);
        }
        m.push((std::sync::Arc::downgrade(bytes), key, digest.clone()));
    });
    digest
}

fn compute_digest(node: &Node) -> String {
    let mut h = Sha256::new();
    let meta = node.meta();
    let (kind, link, size) = match node {
        Node::File { content, .. } => (b'0', "", content.len()),
        Node::Dir { .. } => (b'5', "", 0),
        Node::Symlink { target, .. } => (b'2', target.as_str(), 0),
    };
    h.update(meta.mode.to_le_bytes());
    h.update(meta.uid.to_le_bytes());
    h.update(meta.gid.to_le_bytes());
    h.update(size.to_le_bytes());
    h.update([kind]);
    h.update(link.as_bytes());
    if let Node::File { content, .. } = node {
        match content {
            Content::Bytes(b) => h.update(b.as_slice()),
            // Generated content is identified by its seed; no need to expand it.
            Content::Generated { size, seed } => {
                h.update(b"generated");
                h.update(size.to_le_bytes());
                h.update(seed.to_le_bytes());
            }
            // Other described content by its description.
            other => other.key_into(&mut |b| h.update(b)),
        }
    }
    hex(&h.finalize()[..16])
}

/// What changed between two sets of fingerprints, in plain words
/// (`server.js changed`, `new file b.txt`, `a.txt removed`).
pub fn describe_changes(old: &[FileSum], new: &[FileSum]) -> Option<String> {
    let old_map: BTreeMap<&str, &FileSum> = crate::btree::map(old.iter().map(|s| (s.path.as_str(), s)));
    let (changed, added, removed) = change_lists(old, new);
    let mut parts = Vec::new();
    if !changed.is_empty() {
        parts.push(format!("{} changed", list(&changed)));
    }
    if !added.is_empty() {
        parts.push(format!("{} added", list(&added)));
    }
    if !removed.is_empty() {
        parts.push(format!("{} removed", list(&removed)));
    }
    if parts.is_empty() {
        // Only directory metadata (modes) differ.
        let meta: Vec<&str> =
            new.iter().filter(|s| old_map.get(s.path.as_str()).is_some_and(|o| o.digest != s.digest)).map(|s| s.path.as_str()).collect();
        if meta.is_empty() {
            return None;
        }
        parts.push(format!("{} changed", list(&meta)));
    }
    Some(parts.join(", "))
}

/// The files whose content changed (directories left out), were added and
/// were removed between two fingerprint lists.
pub fn change_lists<'a>(old: &'a [FileSum], new: &'a [FileSum]) -> (Vec<&'a str>, Vec<&'a str>, Vec<&'a str>) {
    let old_map: BTreeMap<&str, &FileSum> = crate::btree::map(old.iter().map(|s| (s.path.as_str(), s)));
    let new_map: BTreeMap<&str, &FileSum> = crate::btree::map(new.iter().map(|s| (s.path.as_str(), s)));
    let is_dir_entry = |s: &FileSum| new_map.keys().chain(old_map.keys()).any(|p| p.starts_with(&format!("{}/", s.path)));
    let changed = new
        .iter()
        .filter(|s| old_map.get(s.path.as_str()).is_some_and(|o| o.digest != s.digest) && !is_dir_entry(s))
        .map(|s| s.path.as_str())
        .collect();
    let added = new.iter().filter(|s| !old_map.contains_key(s.path.as_str())).map(|s| s.path.as_str()).collect();
    let removed = old.iter().filter(|s| !new_map.contains_key(s.path.as_str())).map(|s| s.path.as_str()).collect();
    (changed, added, removed)
}

/// `a`, `a and b`, `a, b and c`, `a, b and 3 more`.
fn list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [a] => (*a).to_string(),
        [a, b] => format!("{a} and {b}"),
        [a, b, c] => format!("{a}, {b} and {c}"),
        [a, b, rest @ ..] => format!("{a}, {b} and {} more", rest.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vfs::Meta;

    #[test]
    fn the_client_sends_files_as_roots_keeping_modes() {
        let mut fs = ctx(&[("a/b.sh", "x")]);
        let mut meta = Meta::new(0o750, 0);
        meta.uid = 1000;
        meta.gid = 1000;
        fs.insert("/a/b.sh", Node::File { meta, content: Content::from_bytes(&b"x"[..]) }).unwrap();
        let loaded = BuildContext::load(&fs, "Dockerfile").unwrap();
        let m = loaded.fs.get("/a/b.sh").unwrap().meta().clone();
        assert_eq!((m.uid, m.gid, m.mode), (0, 0, 0o750));
    }

    fn ctx(files: &[(&str, &str)]) -> Fs {
        let mut fs = Fs::new();
        for (p, body) in files {
            let abs = format!("/{p}");
            if let Some(i) = abs.rfind('/').filter(|&i| i > 0) {
                fs.mkdir_all(&abs[..i], Meta::new(0o755, 0)).unwrap();
            }
            fs.write(&abs, Content::from_bytes(*body), Meta::new(0o644, 0)).unwrap();
        }
        fs
    }

    #[test]
    fn dockerignore_filters_and_mtime_does_not_count() {
        let fs = ctx(&[(".dockerignore", "node_modules\n*.log\n"), ("a.js", "1"), ("x.log", "l"), ("node_modules/m/i.js", "m")]);
        let c = BuildContext::load(&fs, "Dockerfile").unwrap();
        assert!(c.fs.exists("/a.js") && !c.fs.exists("/x.log") && !c.fs.exists("/node_modules"));
        let mut later = (*c.fs).clone();
        later.write("/a.js", Content::from_bytes("1"), Meta::new(0o644, 999)).unwrap();
        assert_eq!(checksum(&c.fs, "/").0, checksum(&later, "/").0);
    }

    #[test]
    fn a_dockerfile_specific_ignore_file_wins() {
        let fs = ctx(&[(".dockerignore", "a.js\n"), ("Dockerfile.dev.dockerignore", "b.js\n"), ("a.js", "1"), ("b.js", "2")]);
        let dev = BuildContext::load(&fs, "Dockerfile.dev").unwrap();
        assert!(dev.fs.exists("/a.js") && !dev.fs.exists("/b.js"));
        let plain = BuildContext::load(&fs, "Dockerfile").unwrap();
        assert!(!plain.fs.exists("/a.js") && plain.fs.exists("/b.js"));
    }

    #[test]
    fn sub_checksums_equal_direct_ones() {
        let fs = ctx(&[("a.js", "1"), ("src/b.js", "2"), ("src/lib/c.js", "3")]);
        let root = checksum(&fs, "/").1;
        for p in ["/", "/a.js", "/src", "/src/lib", "/src/lib/c.js"] {
            assert_eq!(sub_checksum(&fs, &root, p), checksum(&fs, p), "{p}");
        }
    }

    #[test]
    fn explains_what_changed() {
        let a = checksum(&ctx(&[("server.js", "1"), ("package.json", "{}")]), "/").1;
        let b = checksum(&ctx(&[("server.js", "2"), ("package.json", "{}"), ("new.txt", "")]), "/").1;
        assert_eq!(describe_changes(&a, &b).unwrap(), "server.js changed, new.txt added");
        assert_eq!(describe_changes(&a, &a), None);
    }
}
