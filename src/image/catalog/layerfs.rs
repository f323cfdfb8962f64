//! A small builder for the filesystem of one catalog layer.

use crate::digest::Hasher;
use crate::vfs::{self, Content, Fs, Meta, Node};

/// The files one layer adds, all stamped with the layer's creation time.
pub(crate) struct LayerFs {
    pub fs: Fs,
    /// Unix seconds the layer was created (tar mtimes).
    pub mtime: i64,
    /// Distinguishes generated content of equal-named files in different layers.
    salt: String,
    /// Paths of lower layers this layer deletes (whiteouts).
    pub deleted: Vec<String>,
}

impl LayerFs {
    pub fn new(salt: &str, mtime: i64) -> LayerFs {
        LayerFs { fs: Fs::new(), mtime, salt: salt.to_string(), deleted: Vec::new() }
    }

    fn meta(&self, mode: u32) -> Meta {
        Meta::new(mode, self.mtime)
    }

    fn parent(&mut self, path: &str) {
        if let Some(i) = path.rfind('/').filter(|&i| i > 0) {
            let meta = self.meta(0o755);
            // Parent creation can only fail on a symlinked parent we created on purpose.
            let _ = self.fs.mkdir_all(&path[..i], meta);
        }
    }

    /// Deletes `path` of a lower layer (`RUN rm …`: a whiteout in the tar).
    pub fn whiteout(&mut self, path: &str) -> &mut Self {
        self.deleted.push(path.trim_start_matches('/').to_string());
        self
    }

    /// The layer's changeset: its files, and its whiteouts in path order.
    pub fn entries(&self) -> Vec<crate::layer::Entry> {
        let mut entries = crate::layer::Layer::diff_entries(&Fs::new(), &self.fs);
        if self.deleted.is_empty() {
            return entries;
        }
        for path in &self.deleted {
            entries.push(crate::layer::Entry { path: path.clone(), kind: crate::layer::ChangeKind::Deleted, node: None });
        }
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        entries
    }

    /// A directory with `mode`.
    pub fn dir(&mut self, path: &str, mode: u32) -> &mut Self {
        let meta = self.meta(mode);
        let _ = self.fs.mkdir_all(path, meta.clone());
        if let Ok(node) = self.fs.get_nofollow(path) {
            if node.is_dir() {
                let _ = self.fs.insert(path, Node::empty_dir(meta));
            }
        }
        self
    }

    /// Several directories, mode 0755.
    pub fn dirs(&mut self, paths: &[&str]) -> &mut Self {
        for p in paths {
            self.dir(p, 0o755);
        }
        self
    }

    /// A text file.
    pub fn text(&mut self, path: &str, text: &str, mode: u32) -> &mut Self {
        self.parent(path);
        let meta = self.meta(mode);
        let _ = self.fs.write(path, Content::from_bytes(text.as_bytes().to_vec()), meta);
        self
    }

    /// A generated binary of `size` bytes.
    pub fn bin(&mut self, path: &str, size: u64) -> &mut Self {
        self.generated(path, size, 0o755)
    }

    /// Generated content with `mode`.
    pub fn generated(&mut self, path: &str, size: u64, mode: u32) -> &mut Self {
        self.parent(path);
        let seed = seed_of(&self.salt, path);
        let meta = self.meta(mode);
        let _ = self.fs.write(path, Content::Generated { size, seed }, meta);
        self
    }

    /// Several binaries in `dir`, each `(name, size)`.
    pub fn bins(&mut self, dir: &str, items: &[(&str, u64)]) -> &mut Self {
        for (name, size) in items {
            self.bin(&vfs::join(dir, name), *size);
        }
        self
    }

    /// A symlink at `path` pointing at `target`.
    pub fn link(&mut self, path: &str, target: &str) -> &mut Self {
        self.parent(path);
        let meta = self.meta(0o777);
        let _ = self.fs.insert(path, Node::Symlink { meta, target: target.to_string() });
        self
    }

    /// Symlinks `dir/name` → `target` for every name.
    pub fn links(&mut self, dir: &str, names: &[&str], target: &str) -> &mut Self {
        for name in names {
            self.link(&vfs::join(dir, name), target);
        }
        self
    }

    /// The seed of generated content at `path` in this layer.
    pub fn seed(&self, path: &str) -> u64 {
        seed_of(&self.salt, path)
    }

    /// Gives `path` and everything under it to uid/gid `id`.
    pub fn own(&mut self, path: &str, id: u32) {
        let abs = format!("/{}", path.trim_start_matches('/'));
        let mut paths = vec![abs.clone()];
        let under = format!("{abs}/");
        paths.extend(self.fs.walk().into_iter().map(|(p, _)| format!("/{p}")).filter(|p| p.starts_with(&under)));
        for p in paths {
            if let Ok(node) = self.fs.get_nofollow(&p) {
                let mut node = node.clone();
                if let Node::Dir { entries, .. } = &mut node {
                    entries.clear();
                }
                node.meta_mut().uid = id;
                node.meta_mut().gid = id;
                let _ = self.fs.insert(&p, node);
            }
        }
    }

    /// Total bytes of regular files so far.
    pub fn total(&self) -> u64 {
        self.fs.walk().iter().map(|(_, n)| n.file_size()).sum()
    }

    /// Pads the layer up to `target` bytes with generated files under `dir`
    /// named `stem.N.suffix` (libraries, share data…), at most 64 MB each.
    pub fn fill_to(&mut self, target: u64, dir: &str, stem: &str, suffix: &str) -> &mut Self {
        const CHUNK: u64 = 64_000_000;
        let mut remaining = target.saturating_sub(self.total());
        let mut i = 0;
        while remaining > 0 {
            let size = remaining.min(CHUNK);
            self.generated(&format!("{dir}/{stem}{i}{suffix}"), size, 0o644);
            remaining -= size;
            i += 1;
        }
        self
    }
}

/// A stable 64-bit seed from the layer salt and a path.
fn seed_of(salt: &str, path: &str) -> u64 {
    let mut h = Hasher::new();
    h.update(salt.as_bytes());
    h.update(b"\0");
    h.update(path.as_bytes());
    let digest = h.finish_digest();
    u64::from_str_radix(&digest[7..23], 16).unwrap_or(0)
}
