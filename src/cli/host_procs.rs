//! The host's `/proc`: the system's daemons, each running container's
//! runtime shim and main process, and the learner's login shell. The host's
//! `ps` and `top` read it as they read a container's, so `docker run -d
//! nginx` then `ps aux | grep nginx` finds the container's process on the
//! host, as on a real machine. Rewritten before each line and after each
//! docker command.

use crate::vfs::{Content, Fs, Meta, Node};
use crate::Engine;

/// The learner's login shell.
pub const SHELL_PID: u32 = 1203;

/// Rewrites `/proc` in `fs` (the host's) from the daemon's containers.
pub fn refresh(engine: &Engine, fs: &mut Fs) {
    let now = engine.daemon.boot;
    let mut procs: Vec<(u32, u32, u32, String)> = vec![
        (1, 0, 0, "/sbin/init".into()),
        (712, 1, 0, "/usr/bin/containerd".into()),
        (845, 1, 0, "/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock".into()),
        (SHELL_PID, 1, 1000, "-bash".into()),
    ];
    for c in engine.daemon.containers.iter().filter(|c| c.is_running()) {
        let (shim, _) = c.host_pids();
        procs.push((
            shim,
            1,
            0,
            format!("/usr/bin/containerd-shim-runc-v2 -namespace moby -id {} -address /run/containerd/containerd.sock", c.id),
        ));
        procs.extend(c.processes());
    }
    if !fs.exists("/dev/pts/0") {
        let _ = fs.mkdir_all("/dev/pts", Meta::new(0o755, now));
        let _ = fs.write("/dev/pts/0", Content::from_bytes(Vec::new()), Meta::new(0o620, now));
    }
    let _ = fs.remove("/proc", true);
    let dir = Meta::new(0o555, now);
    let _ = fs.mkdir_all("/proc", dir.clone());
    for (pid, ppid, uid, cmd) in procs {
        let base = format!("/proc/{pid}");
        let _ = fs.mkdir_all(&base, dir.clone());
        let name = cmd.split_whitespace().next().unwrap_or("").trim_start_matches('-').rsplit('/').next().unwrap_or("").to_string();
        let file = Meta::new(0o444, now);
        let cmdline: Vec<u8> = cmd.split(' ').flat_map(|w| w.bytes().chain([0])).collect();
        let _ = fs.write(&format!("{base}/cmdline"), Content::from_bytes(cmdline), file.clone());
        let status = format!("Name:\t{name}\nState:\tS (sleeping)\nPid:\t{pid}\nPPid:\t{ppid}\nUid:\t{uid}\t{uid}\t{uid}\t{uid}\nGid:\t{uid}\t{uid}\t{uid}\t{uid}\n");
        let _ = fs.write(&format!("{base}/status"), Content::from_bytes(status), file);
        if pid == SHELL_PID {
            let _ = fs.mkdir_all(&format!("{base}/fd"), dir.clone());
            let _ = fs.insert(&format!("{base}/fd/0"), Node::Symlink { meta: Meta::new(0o700, now), target: "/dev/pts/0".into() });
        }
    }
}

/// A user ID as the host's `ps` names it (docker top runs ps on the host):
/// the host's `/etc/passwd` name, else the number.
pub fn user_name(engine: &Engine, uid: u32) -> String {
    let passwd = engine.host.fs.read("/etc/passwd").map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    passwd
        .lines()
        .map(|l| l.split(':').collect::<Vec<_>>())
        .find(|f| f.len() > 2 && f[2] == uid.to_string())
        .map(|f| f[0].to_string())
        .unwrap_or_else(|| if uid == 0 { "root".into() } else { uid.to_string() })
}
