//! Volumes on the daemon: creation, users, and the anonymous volumes that
//! go with `--rm` containers.

use super::{Daemon, VolumeMeta};
use crate::container::Mount;
use crate::vfs::{Meta, Node};
use std::collections::BTreeMap;

impl Daemon {
    /// Creates a volume if it does not exist (content: `initial` or empty).
    pub fn ensure_volume(&mut self, name: &str, initial: Option<Node>, owner: Option<(String, bool)>) {
        let now = self.now;
        if !self.volumes.contains_key(name) {
            self.volumes.insert(name.to_string(), initial.unwrap_or_else(|| Node::empty_dir(Meta::new(0o755, now))));
        }
        let anonymous = name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit());
        if !self.volume_meta.contains_key(name) {
            self.volume_event(name, "create", &[]);
        }
        self.volume_meta.entry(name.to_string()).or_insert_with(|| VolumeMeta {
            created: now,
            labels: if anonymous {
                crate::btree::map([("com.docker.volume.anonymous".to_string(), String::new())])
            } else {
                BTreeMap::new()
            },
            anonymous,
            owner,
        });
    }

    /// Containers that mount volume `name`.
    pub fn volume_users(&self, name: &str) -> Vec<String> {
        self.containers.iter().filter(|c| c.mounts.iter().any(|m| !m.bind && m.source == name)).map(|c| c.id.clone()).collect()
    }

    /// Anonymous volumes of `--rm` containers go with them (as the daemon removes them).
    pub fn collect_volumes(&mut self) {
        let gone: Vec<String> = self
            .volume_meta
            .iter()
            .filter(|(_, m)| m.anonymous && m.owner.as_ref().is_some_and(|(cid, rm)| *rm && self.containers.get(cid).is_none()))
            .map(|(n, _)| n.clone())
            .collect();
        for n in gone {
            self.drop_volume(&n);
        }
        let names: Vec<String> = self.volumes.keys().filter(|n| !self.volume_meta.contains_key(*n)).cloned().collect();
        for n in names {
            self.ensure_volume(&n, None, None);
        }
    }

    /// `docker rm -v`: the container's anonymous volumes go too.
    pub fn remove_anonymous_of(&mut self, mounts: &[Mount]) {
        for m in mounts.iter().filter(|m| !m.bind) {
            if self.volume_meta.get(&m.source).is_some_and(|meta| meta.anonymous) && self.volume_users(&m.source).is_empty() {
                self.drop_volume(&m.source);
            }
        }
    }

    /// Removes a volume with its content, recording `destroy`.
    pub fn drop_volume(&mut self, name: &str) -> Option<Node> {
        self.volume_meta.remove(name);
        let node = self.volumes.remove(name);
        if node.is_some() {
            self.volume_event(name, "destroy", &[]);
        }
        node
    }
}
