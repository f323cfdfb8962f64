//! Linux permission checks for a simulated non-root user: who the user is
//! (from the image's /etc/passwd and /etc/group), and whether they may read,
//! write or search a path. Root may do anything.

use super::{Fs, FsError, Node};

/// The acting user: uid, primary gid and supplementary groups.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Who {
    pub uid: u32,
    pub gid: u32,
    pub groups: Vec<u32>,
}

/// What is asked of a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
    /// Execute a file, or search (enter) a directory.
    Exec,
}

impl Who {
    pub fn root() -> Who {
        Who { uid: 0, gid: 0, groups: Vec::new() }
    }

    pub fn is_root(&self) -> bool {
        self.uid == 0
    }

    /// Resolves `USER`'s value (`node`, `1000`, `node:staff`, `1000:1000`; empty
    /// means root) against the filesystem's /etc/passwd and /etc/group.
    pub fn resolve(fs: &Fs, spec: &str) -> Who {
        let spec = spec.trim();
        if spec.is_empty() {
            return Who::root();
        }
        let (user, group) = spec.split_once(':').map_or((spec, None), |(u, g)| (u, Some(g)));
        let read = |path: &str| fs.read(path).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
        let passwd = read("/etc/passwd");
        let groups_file = read("/etc/group");
        let entry = passwd.lines().map(|l| l.split(':').collect::<Vec<_>>()).find(|f| f.len() > 3 && (f[0] == user || f[2] == user));
        let (uid, mut gid, name) = match &entry {
            Some(f) => (f[2].parse().unwrap_or(0), f[3].parse().unwrap_or(0), f[0].to_string()),
            None => {
                let id = user.parse().unwrap_or(0);
                (id, id, user.to_string())
            }
        };
        if let Some(g) = group {
            gid = groups_file
                .lines()
                .map(|l| l.split(':').collect::<Vec<_>>())
                .find(|f| f.len() > 2 && f[0] == g)
                .and_then(|f| f[2].parse().ok())
                .unwrap_or_else(|| g.parse().unwrap_or(gid));
        }
        let groups = groups_file
            .lines()
            .map(|l| l.split(':').collect::<Vec<_>>())
            .filter(|f| f.len() > 3 && f[3].split(',').any(|m| m == name))
            .filter_map(|f| f[2].parse().ok())
            .collect();
        Who { uid, gid, groups }
    }

    /// Whether the mode bits of `node` grant `access` to this user.
    pub fn allowed(&self, node: &Node, access: Access) -> bool {
        let meta = node.meta();
        if self.is_root() {
            // Root executes a file only if someone may.
            return access != Access::Exec || node.is_dir() || meta.mode & 0o111 != 0;
        }
        let shift = if meta.uid == self.uid {
            6
        } else if meta.gid == self.gid || self.groups.contains(&meta.gid) {
            3
        } else {
            0
        };
        let bit = match access {
            Access::Read => 4,
            Access::Write => 2,
            Access::Exec => 1,
        };
        (meta.mode >> shift) & bit != 0
    }

    /// `access` to `path` itself, with search permission on every directory above it.
    pub fn may(&self, fs: &Fs, path: &str, access: Access) -> Result<(), FsError> {
        if self.is_root() {
            return match fs.get(path) {
                Ok(node) if !self.allowed(node, access) => Err(FsError::PermissionDenied(path.to_string())),
                _ => Ok(()),
            };
        }
        self.may_search_to(fs, path)?;
        match fs.get(path) {
            Ok(node) if !self.allowed(node, access) => Err(FsError::PermissionDenied(path.to_string())),
            _ => Ok(()),
        }
    }

    /// Creating or removing `path`: write and search permission on its directory.
    pub fn may_change_entry(&self, fs: &Fs, path: &str) -> Result<(), FsError> {
        if self.is_root() {
            return Ok(());
        }
        let parent = match path.rfind('/') {
            Some(0) => "/",
            Some(i) => &path[..i],
            None => return Ok(()),
        };
        self.may_search_to(fs, parent)?;
        match fs.get(parent) {
            Ok(dir) if !(self.allowed(dir, Access::Write) && self.allowed(dir, Access::Exec)) => {
                Err(FsError::PermissionDenied(path.to_string()))
            }
            // The sticky bit (/tmp): only the owner removes or renames an entry.
            Ok(dir) if dir.meta().mode & 0o1000 != 0 => match fs.get_nofollow(path) {
                Ok(node) if node.meta().uid != self.uid && dir.meta().uid != self.uid => Err(FsError::PermissionDenied(path.to_string())),
                _ => Ok(()),
            },
            _ => Ok(()),
        }
    }

    /// Search permission on `path` and every directory above it.
    fn may_search_to(&self, fs: &Fs, path: &str) -> Result<(), FsError> {
        let mut at = String::new();
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        for part in &parts[..parts.len().saturating_sub(1)] {
            at.push('/');
            at.push_str(part);
            match fs.get(&at) {
                Ok(dir @ Node::Dir { .. }) if !self.allowed(dir, Access::Exec) => return Err(FsError::PermissionDenied(path.to_string())),
                Ok(_) => {}
                Err(_) => return Ok(()),
            }
        }
        match fs.root() {
            root if !self.allowed(root, Access::Exec) => Err(FsError::PermissionDenied(path.to_string())),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vfs::{Content, Meta};

    fn fs() -> Fs {
        let mut fs = Fs::new();
        fs.mkdir_all("/etc", Meta::new(0o755, 0)).unwrap();
        fs.write(
            "/etc/passwd",
            Content::from_bytes("root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\n"),
            Meta::new(0o644, 0),
        )
        .unwrap();
        fs.write("/etc/group", Content::from_bytes("root:x:0:\nnode:x:1000:\nstaff:x:50:node\n"), Meta::new(0o644, 0)).unwrap();
        fs.write("/etc/shadow", Content::from_bytes("root:*::0:::::\n"), Meta::new(0o640, 0)).unwrap();
        fs.mkdir_all("/app", Meta::new(0o755, 0)).unwrap();
        fs.mkdir_all("/tmp", Meta::new(0o1777, 0)).unwrap();
        fs
    }

    #[test]
    fn users_resolve_from_passwd_and_group() {
        let fs = fs();
        assert_eq!(Who::resolve(&fs, "node"), Who { uid: 1000, gid: 1000, groups: vec![50] });
        assert_eq!(Who::resolve(&fs, "1000:staff"), Who { uid: 1000, gid: 50, groups: vec![50] });
        assert_eq!(Who::resolve(&fs, "4242"), Who { uid: 4242, gid: 4242, groups: vec![] });
        assert!(Who::resolve(&fs, "").is_root());
    }

    #[test]
    fn a_non_root_user_meets_the_mode_bits() {
        let mut fs = fs();
        let node = Who::resolve(&fs, "node");
        assert!(node.may(&fs, "/etc/passwd", Access::Read).is_ok());
        assert_eq!(node.may(&fs, "/etc/shadow", Access::Read), Err(FsError::PermissionDenied("/etc/shadow".into())));
        assert!(node.may_change_entry(&fs, "/app/node_modules").is_err());
        assert!(node.may_change_entry(&fs, "/tmp/x").is_ok());
        assert!(Who::root().may_change_entry(&fs, "/app/node_modules").is_ok());
        let mut mine = Meta::new(0o755, 0);
        mine.uid = 1000;
        fs.insert("/app", Node::empty_dir(mine)).unwrap();
        assert!(node.may_change_entry(&fs, "/app/node_modules").is_ok());
        // The sticky /tmp: another user's file stays.
        fs.write("/tmp/roots", Content::from_bytes("x"), Meta::new(0o666, 0)).unwrap();
        assert!(node.may_change_entry(&fs, "/tmp/roots").is_err());
    }
}
