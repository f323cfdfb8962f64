//! A filesystem one directory at a time, for views that browse an image's
//! merged filesystem at some layer, or a container's.

use super::{Content, Fs, FsError, Node};
use serde::Serialize;

/// One directory entry, as `ls -l` would describe it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ListingEntry {
    pub name: String,
    /// `dir`, `file` or `symlink`.
    pub kind: &'static str,
    /// File size in bytes (0 for directories and symlinks).
    pub size: u64,
    /// `drwxr-xr-x`.
    pub mode: String,
    pub uid: u32,
    pub gid: u32,
    /// A symlink's target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// How many entries a directory holds.
    pub children: usize,
}

/// `ls -l`'s mode column for `node` (`-rw-r--r--`, `drwxr-xr-x`, `lrwxrwxrwx`).
pub fn mode_string(node: &Node) -> String {
    let kind = match node {
        Node::Dir { .. } => 'd',
        Node::File { content: Content::Device { .. }, .. } => 'c',
        Node::File { .. } => '-',
        Node::Symlink { .. } => 'l',
    };
    let mode = node.meta().mode;
    let mut out: Vec<char> =
        std::iter::once(kind).chain((0..9).map(|i| if mode & (1 << (8 - i)) == 0 { '-' } else { ['r', 'w', 'x'][i % 3] })).collect();
    // setuid, setgid and sticky show in the exec slots (`s`/`S`, `t`/`T`).
    for (bit, slot, set) in [(0o4000, 3, 's'), (0o2000, 6, 's'), (0o1000, 9, 't')] {
        if mode & bit != 0 {
            out[slot] = if out[slot] == 'x' { set } else { set.to_ascii_uppercase() };
        }
    }
    out.into_iter().collect()
}

/// The entries of directory `path` (symlinks on the way are followed), sorted by name.
pub fn list_dir(fs: &Fs, path: &str) -> Result<Vec<ListingEntry>, FsError> {
    let Node::Dir { entries, .. } = fs.get(path)? else {
        return Err(FsError::NotADirectory(path.to_string()));
    };
    Ok(entries
        .iter()
        .map(|(name, node)| {
            let meta = node.meta();
            let (kind, size, target, children) = match node {
                Node::Dir { entries, .. } => ("dir", 0, None, entries.len()),
                Node::File { content, .. } => ("file", content.len(), None, 0),
                Node::Symlink { target, .. } => ("symlink", 0, Some(target.clone()), 0),
            };
            ListingEntry { name: name.clone(), kind, size, mode: mode_string(node), uid: meta.uid, gid: meta.gid, target, children }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vfs::{Content, Meta};

    #[test]
    fn lists_one_directory_with_modes_sizes_and_links() {
        let mut fs = Fs::new();
        fs.mkdir_all("/app/lib", Meta::new(0o755, 1)).unwrap();
        fs.write("/app/server.js", Content::from_bytes("hi"), Meta::new(0o644, 1)).unwrap();
        fs.insert("/app/link", Node::Symlink { meta: Meta::new(0o777, 1), target: "server.js".into() }).unwrap();
        let names: Vec<(String, &str, u64, String)> =
            list_dir(&fs, "/app").unwrap().into_iter().map(|e| (e.name, e.kind, e.size, e.mode)).collect();
        assert_eq!(
            names,
            [
                ("lib".into(), "dir", 0, "drwxr-xr-x".into()),
                ("link".into(), "symlink", 0, "lrwxrwxrwx".into()),
                ("server.js".into(), "file", 2, "-rw-r--r--".into()),
            ]
        );
        assert!(list_dir(&fs, "/app/server.js").is_err());
        let tmp = Node::empty_dir(Meta::new(0o1777, 1));
        assert_eq!(mode_string(&tmp), "drwxrwxrwt");
        assert_eq!(mode_string(&Node::File { meta: Meta::new(0o4644, 1), content: Content::from_bytes("") }), "-rwSr--r--");
        assert!(list_dir(&fs, "/nope").is_err());
    }
}
