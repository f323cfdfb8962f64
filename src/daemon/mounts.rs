//! Volumes and bind mounts. A mount's content lives outside the container
//! (host directory or named volume) and is copied in before anything runs
//! in the container and back out afterwards, so both sides stay in step.

use super::Daemon;
use crate::vfs::{self, Fs, Meta, Node};

/// Copies every mount's source into the container.
impl Daemon {
    /// (The host's filesystem holds bind mounts' sources.)
    pub fn sync_in(&mut self, host: &mut Fs, id: &str) {
        let Some(c) = self.containers.get_mut(id) else { return };
        // The daemon writes through read-only mounts; the container may not.
        c.fs.set_mounts(Vec::new());
        let mounts = c.mounts.clone();
        for m in mounts {
            let source = if m.bind {
                if host.get(&m.source).is_err() {
                    let _ = host.mkdir_all(&m.source, Meta::new(0o755, self.now));
                }
                host.get(&m.source).ok().cloned()
            } else {
                if !self.volumes.contains_key(&m.source) {
                    // A new volume starts with what the image has at the mount point.
                    let initial = self
                        .containers
                        .get(id)
                        .and_then(|c| c.fs.get(&m.destination).ok().cloned())
                        .filter(Node::is_dir)
                        .unwrap_or_else(|| Node::empty_dir(Meta::new(0o755, self.now)));
                    let owner = self.containers.get(id).map(|c| (c.id.clone(), c.auto_remove));
                    self.ensure_volume(&m.source, Some(initial), owner);
                }
                self.volumes.get(&m.source).cloned()
            };
            if let (Some(node), Some(c)) = (source, self.containers.get_mut(id)) {
                replace(&mut c.fs, &m.destination, node, self.now);
            }
        }
        if let Some(c) = self.containers.get_mut(id) {
            let table = mount_table(c);
            c.fs.set_mounts(table);
        }
    }
}

/// The container's mount points and which are read-only.
fn mount_table(c: &crate::container::Container) -> Vec<(String, bool)> {
    let mut table = vec![("/".to_string(), c.config.read_only)];
    if c.config.read_only {
        for p in ["/dev", "/proc", "/sys", "/etc/hosts", "/etc/hostname", "/etc/resolv.conf"] {
            table.push((p.to_string(), false));
        }
    }
    table.extend(c.mounts.iter().map(|m| (vfs::normalize(&m.destination), m.read_only)));
    table.extend(c.config.tmpfs.iter().map(|t| (vfs::normalize(t), false)));
    if table.len() == 1 && !c.config.read_only {
        table.clear();
    }
    table
}

/// Copies what the container wrote under each writable mount back out.
impl Daemon {
    /// (The host's filesystem receives bind mounts' content.)
    pub fn sync_out(&mut self, host: &mut Fs, id: &str) {
        let Some(c) = self.containers.get(id) else { return };
        let updates: Vec<_> = c
            .mounts
            .iter()
            .filter(|m| !m.read_only)
            .filter_map(|m| c.fs.get(&m.destination).ok().map(|n| (m.clone(), n.clone())))
            .collect();
        for (m, node) in updates {
            if m.bind {
                replace(&mut *host, &m.source, node, self.now);
            } else {
                self.volumes.insert(m.source, node);
            }
        }
    }
}

fn replace(fs: &mut Fs, path: &str, node: Node, now: i64) {
    let _ = fs.remove(path, true);
    if let Some(idx) = path.rfind('/').filter(|&i| i > 0) {
        let _ = fs.mkdir_all(&path[..idx], Meta::new(0o755, now));
    }
    let _ = fs.insert(&vfs::normalize(path), node);
}
