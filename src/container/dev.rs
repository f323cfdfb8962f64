//! A container's `/dev`: the tmpfs the runtime mounts, with the device nodes
//! and links runc creates (not part of the image or of the read/write layer,
//! so `docker diff` and `docker commit` never see it). Reading and writing
//! the devices goes through the shell's device table
//! (`shell::interp::stream::device`); the nodes here are what `ls /dev` and
//! `test -e /dev/null` see.

use crate::vfs::{Content, Fs, Meta, Node};

/// Character devices runc creates: name, major, minor (all mode 0666).
const DEVICES: [(&str, u32, u32); 6] = [("full", 1, 7), ("null", 1, 3), ("random", 1, 8), ("tty", 5, 0), ("urandom", 1, 9), ("zero", 1, 5)];

/// Links runc makes.
const LINKS: [(&str, &str); 6] = [
    ("core", "/proc/kcore"),
    ("fd", "/proc/self/fd"),
    ("ptmx", "pts/ptmx"),
    ("stderr", "/proc/self/fd/2"),
    ("stdin", "/proc/self/fd/0"),
    ("stdout", "/proc/self/fd/1"),
];

/// Directories: `pts`, and the sticky `shm` and `mqueue`.
const DIRS: [(&str, u32); 3] = [("mqueue", 0o1777), ("pts", 0o755), ("shm", 0o1777)];

/// Mounts `/dev` in a new container's filesystem (the host's has the same).
pub fn populate(fs: &mut Fs, now: i64) {
    let _ = fs.insert("/dev", Node::Dir { meta: Meta::new(0o755, now), entries: Default::default() });
    for (name, major, minor) in DEVICES {
        let _ = fs.write(&format!("/dev/{name}"), Content::Device { major, minor }, Meta::new(0o666, now));
    }
    for (name, target) in LINKS {
        let _ = fs.insert(&format!("/dev/{name}"), Node::Symlink { meta: Meta::new(0o777, now), target: target.to_string() });
    }
    for (name, mode) in DIRS {
        let _ = fs.insert(&format!("/dev/{name}"), Node::Dir { meta: Meta::new(mode, now), entries: Default::default() });
    }
}
