//! The in-memory filesystem every image, container and host shell works on.
//!
//! A [`Fs`] is a tree of [`Node`]s. File content is either real bytes or
//! generated content of a stated size, so a 90 MB binary costs no memory.
//! Paths are absolute, `/`-separated, and resolved like Linux resolves them
//! (`.`/`..`, symlinks with a depth limit).

pub mod access;
pub mod content;
mod error;
pub mod listing;
mod path;

pub use error::FsError;
pub use path::{join, normalize, split_components};

use std::collections::BTreeMap;
use std::sync::Arc;

/// Linux `SYMLOOP_MAX`-like limit on symlinks followed in one resolution.
const MAX_SYMLINK_DEPTH: usize = 40;

/// Ownership, permission bits and modification time of a node.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Meta {
    /// Permission bits only (e.g. `0o755`); the node kind carries the type.
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    /// Seconds since the Unix epoch; always from the injected clock.
    pub mtime: i64,
}

impl Meta {
    pub fn new(mode: u32, mtime: i64) -> Meta {
        Meta { mode, uid: 0, gid: 0, mtime }
    }
}

/// What a regular file holds.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Content {
    /// Real bytes, shared between copies.
    Bytes(Arc<Vec<u8>>),
    /// `size` bytes generated deterministically from `seed` (see [`Content::bytes_at`]).
    Generated { size: u64, seed: u64 },
    /// `size` bytes repeating `pattern` from its first byte: zeros (`[0]`,
    /// `/dev/zero`, `fallocate`, `truncate`), `yes`'s `y\n`. A size of
    /// [`content::ENDLESS`] is an endless stream (`/dev/zero`, `yes`).
    Repeat { size: u64, pattern: Arc<Vec<u8>> },
    /// Pieces laid end to end (an appended write, a file grown by `truncate`).
    Concat(Arc<Vec<Content>>),
    /// `len` bytes of `of` from `start` (`head -c`, `dd skip=`).
    Slice { of: Arc<Content>, start: u64, len: u64 },
    /// A character device node (`/dev/null` is 1, 3): empty as a file; the
    /// shell's device table gives reading and writing it their meaning.
    Device { major: u32, minor: u32 },
}

impl Content {
    pub fn from_bytes(bytes: impl Into<Vec<u8>>) -> Content {
        Content::Bytes(Arc::new(bytes.into()))
    }

    pub fn len(&self) -> u64 {
        match self {
            Content::Bytes(b) => b.len() as u64,
            Content::Generated { size, .. } | Content::Repeat { size, .. } => *size,
            Content::Concat(parts) => parts.iter().map(Content::len).fold(0u64, u64::saturating_add),
            Content::Slice { len, .. } => *len,
            Content::Device { .. } => 0,
        }
    }

    /// A character device's numbers (major, minor).
    pub fn device(&self) -> Option<(u32, u32)> {
        match self {
            Content::Device { major, minor } => Some((*major, *minor)),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Feeds the content to `sink` in chunks, without materialising generated content.
    pub fn for_each_chunk(&self, mut sink: impl FnMut(&[u8])) {
        match self {
            Content::Bytes(b) => sink(b),
            _ => self.range_chunks(0, self.len(), &mut sink),
        }
    }

    /// The whole content as bytes (generated content is materialised).
    pub fn to_vec(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.len() as usize);
        self.for_each_chunk(|c| out.extend_from_slice(c));
        out
    }
}

/// Length of the noise table generated content is cut from.
const NOISE_LEN: u64 = 1 << 20;

/// One MiB of deterministic pseudo-random bytes (a splitmix-style stream),
/// built once. Generated files are windows into this ring, so producing their
/// bytes costs a `memcpy`, even in debug builds and in the browser.
fn noise() -> &'static [u8] {
    static NOISE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    NOISE.get_or_init(|| {
        let mut table = vec![0u8; NOISE_LEN as usize];
        for (i, chunk) in table.chunks_exact_mut(8).enumerate() {
            let mut x = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            x ^= x >> 33;
            x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
            x ^= x >> 33;
            chunk.copy_from_slice(&x.to_le_bytes());
        }
        table
    })
}

/// Deterministic filler for generated files: the noise ring read from a
/// start point derived from `seed`.
fn fill_generated(seed: u64, offset: u64, out: &mut [u8]) {
    let table = noise();
    let start = seed.wrapping_mul(0x2545_F491_4F6C_DD1D) % NOISE_LEN;
    let mut written = 0usize;
    while written < out.len() {
        let pos = ((start + (offset + written as u64) % NOISE_LEN) % NOISE_LEN) as usize;
        let n = (table.len() - pos).min(out.len() - written);
        out[written..written + n].copy_from_slice(&table[pos..pos + n]);
        written += n;
    }
}

/// One entry of the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    File { meta: Meta, content: Content },
    Dir { meta: Meta, entries: BTreeMap<String, Node> },
    Symlink { meta: Meta, target: String },
}

impl Node {
    /// Real bytes held by the files of a tree ([`Content::held_bytes`]).
    pub fn held_bytes(&self) -> u64 {
        match self {
            Node::Dir { entries, .. } => entries.values().map(Node::held_bytes).fold(0u64, u64::saturating_add),
            Node::File { content, .. } => content.held_bytes(),
            Node::Symlink { .. } => 0,
        }
    }

    pub fn meta(&self) -> &Meta {
        match self {
            Node::File { meta, .. } | Node::Dir { meta, .. } | Node::Symlink { meta, .. } => meta,
        }
    }

    pub fn meta_mut(&mut self) -> &mut Meta {
        match self {
            Node::File { meta, .. } | Node::Dir { meta, .. } | Node::Symlink { meta, .. } => meta,
        }
    }

    pub fn is_dir(&self) -> bool {
        matches!(self, Node::Dir { .. })
    }

    /// The node without its children: how changesets and tar entries carry
    /// directories (children are entries of their own).
    pub fn shallow(&self) -> Node {
        match self {
            Node::Dir { meta, .. } => Node::empty_dir(meta.clone()),
            other => other.clone(),
        }
    }

    pub fn empty_dir(meta: Meta) -> Node {
        Node::Dir { meta, entries: BTreeMap::new() }
    }

    /// Size as `ls -l` and Docker's layer sizes count it (regular files only).
    pub fn file_size(&self) -> u64 {
        match self {
            Node::File { content, .. } => content.len(),
            _ => 0,
        }
    }
}

/// A whole filesystem tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fs {
    root: Node,
    /// Mount points and whether each is read-only (`-v src:dst:ro`, `/` for
    /// `--read-only`): the deepest one holding a path decides whether the
    /// path may change. Empty for every filesystem but a container's.
    mounts: Vec<(String, bool)>,
}

impl Default for Fs {
    fn default() -> Fs {
        Fs::new()
    }
}

impl Fs {
    /// An empty filesystem: just `/`, mode 0755, owned by root.
    pub fn new() -> Fs {
        Fs { root: Node::empty_dir(Meta::new(0o755, 0)), mounts: Vec::new() }
    }

    /// Sets the mount table (see the field); returns the previous one.
    pub fn set_mounts(&mut self, mounts: Vec<(String, bool)>) -> Vec<(String, bool)> {
        std::mem::replace(&mut self.mounts, mounts)
    }

    /// Whether `path` lies on a read-only mount (`EROFS` for any change).
    pub fn is_read_only(&self, path: &str) -> bool {
        if self.mounts.is_empty() {
            return false;
        }
        let norm = normalize(path);
        let under = |m: &str| m == "/" || norm == m || norm.strip_prefix(m).is_some_and(|r| r.starts_with('/'));
        self.mounts.iter().filter(|(m, _)| under(m)).max_by_key(|(m, _)| if m == "/" { 0 } else { m.len() }).is_some_and(|(_, ro)| *ro)
    }

    fn check_writable(&self, path: &str) -> Result<(), FsError> {
        if self.is_read_only(path) {
            return Err(FsError::ReadOnly(path.to_string()));
        }
        Ok(())
    }

    pub fn root(&self) -> &Node {
        &self.root
    }

    /// Resolves `path` (absolute) following symlinks, and returns the node.
    pub fn get(&self, path: &str) -> Result<&Node, FsError> {
        let resolved = self.resolve(path, true)?;
        self.get_exact(&resolved).ok_or_else(|| FsError::NotFound(path.to_string()))
    }

    /// Like [`Fs::get`] but does not follow a symlink in the last component.
    pub fn get_nofollow(&self, path: &str) -> Result<&Node, FsError> {
        let resolved = self.resolve(path, false)?;
        self.get_exact(&resolved).ok_or_else(|| FsError::NotFound(path.to_string()))
    }

    pub fn exists(&self, path: &str) -> bool {
        self.get(path).is_ok()
    }

    /// Reads a regular file's content.
    pub fn read(&self, path: &str) -> Result<Vec<u8>, FsError> {
        match self.get(path)? {
            Node::File { content, .. } => Ok(content.to_vec()),
            Node::Dir { .. } => Err(FsError::IsADirectory(path.to_string())),
            Node::Symlink { .. } => Err(FsError::NotFound(path.to_string())),
        }
    }

    /// Creates or truncates a regular file with `content`. The parent must exist.
    pub fn write(&mut self, path: &str, content: Content, meta: Meta) -> Result<(), FsError> {
        let resolved = self.resolve(path, true)?;
        self.check_writable(&resolved)?;
        let (parent, name) = parent_and_name(&resolved).ok_or_else(|| FsError::IsADirectory(path.to_string()))?;
        let entries = self.dir_entries_mut(&parent, path)?;
        match entries.get_mut(&name) {
            Some(Node::Dir { .. }) => Err(FsError::IsADirectory(path.to_string())),
            Some(Node::File { content: c, meta: m }) => {
                *c = content;
                m.mtime = meta.mtime;
                Ok(())
            }
            _ => {
                entries.insert(name, Node::File { meta, content });
                Ok(())
            }
        }
    }

    /// Appends bytes to a file, creating it if needed.
    pub fn append(&mut self, path: &str, bytes: &[u8], meta: Meta) -> Result<(), FsError> {
        self.append_content(path, Content::from_bytes(bytes), meta)
    }

    /// Appends `more` to a file, creating it if needed; large pieces stay unmaterialised.
    pub fn append_content(&mut self, path: &str, more: Content, meta: Meta) -> Result<(), FsError> {
        let existing = match self.get(path) {
            Ok(Node::File { content, .. }) => content.clone(),
            Ok(Node::Dir { .. }) => return Err(FsError::IsADirectory(path.to_string())),
            _ => Content::from_bytes(Vec::new()),
        };
        self.write(path, Content::concat(vec![existing, more]), meta)
    }

    /// `mkdir -p`: creates `path` and its missing parents with `meta`.
    pub fn mkdir_all(&mut self, path: &str, meta: Meta) -> Result<(), FsError> {
        // Fast path: no symlink on the way down, so directories are found or
        // made walking the tree once.
        let norm = normalize(path);
        if !self.mounts.is_empty() && !matches!(self.get(&norm), Ok(Node::Dir { .. })) {
            self.check_writable(&norm)?;
        }
        let mut node = &mut self.root;
        let comps: Vec<&str> = norm.split('/').filter(|c| !c.is_empty()).collect();
        let mut i = 0;
        while i < comps.len() {
            let Node::Dir { entries, .. } = node else { break };
            match entries.get(comps[i]) {
                Some(Node::Dir { .. }) => {}
                Some(_) => break,
                None => {
                    let mut fresh = Node::empty_dir(meta.clone());
                    for name in comps[i + 1..].iter().rev() {
                        let mut parent = Node::empty_dir(meta.clone());
                        if let Node::Dir { entries, .. } = &mut parent {
                            entries.insert((*name).to_string(), fresh);
                        }
                        fresh = parent;
                    }
                    entries.insert(comps[i].to_string(), fresh);
                    return Ok(());
                }
            }
            node = entries.get_mut(comps[i]).expect("present");
            i += 1;
        }
        if i == comps.len() {
            return Ok(());
        }
        // A symlink on the way: resolve each prefix.
        let mut current = String::from("/");
        for comp in &comps {
            let next = join(&current, comp);
            let resolved = self.resolve(&next, true).unwrap_or_else(|_| next.clone());
            match self.get_exact(&resolved) {
                Some(Node::Dir { .. }) => {}
                Some(_) => return Err(FsError::NotADirectory(next)),
                None => {
                    let (parent, name) = parent_and_name(&resolved).expect("non-root");
                    let entries = self.dir_entries_mut(&parent, &next)?;
                    entries.insert(name, Node::empty_dir(meta.clone()));
                }
            }
            current = resolved;
        }
        Ok(())
    }

    /// Inserts a whole node (file, directory tree or symlink) at `path`, replacing
    /// what was there unless both are directories, in which case they merge.
    pub fn insert(&mut self, path: &str, node: Node) -> Result<(), FsError> {
        let norm = normalize(path);
        self.check_writable(&norm)?;
        if norm == "/" {
            if let Node::Dir { entries, meta } = node {
                let root_entries = match &mut self.root {
                    Node::Dir { entries, .. } => entries,
                    _ => unreachable!("root is a directory"),
                };
                for (name, child) in entries {
                    merge_into(root_entries, name, child);
                }
                *self.root.meta_mut() = meta;
            }
            return Ok(());
        }
        let (parent, name) = parent_and_name(&norm).expect("non-root");
        let parent_resolved = self.resolve(&parent, true)?;
        let entries = self.dir_entries_mut(&parent_resolved, path)?;
        merge_into(entries, name, node);
        Ok(())
    }

    /// Removes `path` (without following a final symlink). Directories must be
    /// empty unless `recursive`.
    pub fn remove(&mut self, path: &str, recursive: bool) -> Result<Node, FsError> {
        let resolved = self.resolve(path, false)?;
        self.check_writable(&resolved)?;
        let (parent, name) = parent_and_name(&resolved).ok_or_else(|| FsError::Busy(path.to_string()))?;
        let entries = self.dir_entries_mut(&parent, path)?;
        match entries.get(&name) {
            None => Err(FsError::NotFound(path.to_string())),
            Some(Node::Dir { entries: e, .. }) if !recursive && !e.is_empty() => Err(FsError::NotEmpty(path.to_string())),
            Some(_) => Ok(entries.remove(&name).expect("present")),
        }
    }

    /// Every node except the root, depth first, siblings in byte order of
    /// their names: the order tar archives and diffs use. Paths have no leading `/`.
    pub fn walk(&self) -> Vec<(String, &Node)> {
        let mut out = Vec::new();
        walk_into(&self.root, String::new(), &mut out);
        out
    }

    /// Resolves symlinks in `path` and returns the canonical absolute path.
    /// The last component need not exist.
    pub fn resolve(&self, path: &str, follow_last: bool) -> Result<String, FsError> {
        self.resolve_depth(path, follow_last, 0)
    }

    fn resolve_depth(&self, path: &str, follow_last: bool, depth: usize) -> Result<String, FsError> {
        if depth > MAX_SYMLINK_DEPTH {
            return Err(FsError::Loop(path.to_string()));
        }
        let norm = normalize(path);
        let comps: Vec<&str> = norm.split('/').filter(|c| !c.is_empty()).collect();
        let mut current = String::with_capacity(norm.len());
        // The node at `current` (it stays the parent once a missing last
        // component is reached).
        let mut node = &self.root;
        for (i, comp) in comps.iter().enumerate() {
            let last = i + 1 == comps.len();
            let child = match node {
                Node::Dir { entries, .. } => entries.get(*comp),
                _ => None,
            };
            match child {
                Some(Node::Symlink { target, .. }) if !last || follow_last => {
                    let base = if current.is_empty() { "/" } else { current.as_str() };
                    let target_abs = if target.starts_with('/') { target.clone() } else { join(base, target) };
                    let full = if last { target_abs } else { join(&target_abs, &comps[i + 1..].join("/")) };
                    return self.resolve_depth(&full, follow_last, depth + 1);
                }
                Some(Node::Dir { .. }) => {}
                Some(_) if !last => return Err(FsError::NotADirectory(path.to_string())),
                Some(_) => {}
                None if !last => return Err(FsError::NotFound(path.to_string())),
                None => {}
            }
            current.push('/');
            current.push_str(comp);
            if let Some(c) = child {
                node = c;
            }
        }
        if current.is_empty() {
            current.push('/');
        }
        Ok(current)
    }

    /// Looks up an already-resolved path without following symlinks.
    fn get_exact(&self, resolved: &str) -> Option<&Node> {
        let mut node = &self.root;
        for comp in resolved.split('/').filter(|c| !c.is_empty()) {
            match node {
                Node::Dir { entries, .. } => node = entries.get(comp)?,
                _ => return None,
            }
        }
        Some(node)
    }

    fn dir_entries_mut(&mut self, resolved_dir: &str, for_path: &str) -> Result<&mut BTreeMap<String, Node>, FsError> {
        let mut node = &mut self.root;
        for comp in resolved_dir.split('/').filter(|c| !c.is_empty()) {
            match node {
                Node::Dir { entries, .. } => node = entries.get_mut(comp).ok_or_else(|| FsError::NotFound(for_path.to_string()))?,
                _ => return Err(FsError::NotADirectory(for_path.to_string())),
            }
        }
        match node {
            Node::Dir { entries, .. } => Ok(entries),
            _ => Err(FsError::NotADirectory(for_path.to_string())),
        }
    }
}

fn merge_into(entries: &mut BTreeMap<String, Node>, name: String, node: Node) {
    match (entries.get_mut(&name), node) {
        (Some(Node::Dir { meta, entries: existing }), Node::Dir { meta: new_meta, entries: new_entries }) => {
            *meta = new_meta;
            for (n, child) in new_entries {
                merge_into(existing, n, child);
            }
        }
        (_, node) => {
            entries.insert(name, node);
        }
    }
}

fn walk_into<'a>(node: &'a Node, prefix: String, out: &mut Vec<(String, &'a Node)>) {
    if let Node::Dir { entries, .. } = node {
        for (name, child) in entries {
            let path = if prefix.is_empty() { name.clone() } else { format!("{prefix}/{name}") };
            out.push((path.clone(), child));
            walk_into(child, path, out);
        }
    }
}

fn parent_and_name(resolved: &str) -> Option<(String, String)> {
    let norm = normalize(resolved);
    if norm == "/" {
        return None;
    }
    let idx = norm.rfind('/').expect("absolute");
    let parent = if idx == 0 { "/".to_string() } else { norm[..idx].to_string() };
    Some((parent, norm[idx + 1..].to_string()))
}

#[cfg(test)]
mod tests;
