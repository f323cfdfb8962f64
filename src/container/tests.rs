use super::*;
use crate::vfs::{Content, Meta};

fn container(base: &Fs) -> Container {
    Container {
        id: "a".repeat(64),
        name: "t".into(),
        image_id: "sha256:x".into(),
        image_ref: "x".into(),
        created: 0,
        config: RunConfig::default(),
        ports: Vec::new(),
        auto_remove: false,
        state: State::Created,
        base: Arc::new(base.clone()),
        fs: base.clone(),
        logs: Vec::new(),
        log_times: Vec::new(),
        service: None,
        restart_count: 0,
        restarts: Default::default(),
        mounts: Vec::new(),
        health: None,
        exits_at: None,
        paused: false,
        stdin: Vec::new(),
        binary_out: None,
    }
}

#[test]
fn diff_lists_added_changed_deleted_with_parents() {
    let mut base = Fs::new();
    base.mkdir_all("/etc", Meta::new(0o755, 1)).unwrap();
    base.write("/etc/motd", Content::from_bytes("a"), Meta::new(0o644, 1)).unwrap();
    base.write("/etc/old", Content::from_bytes("b"), Meta::new(0o644, 1)).unwrap();
    let mut c = container(&base);
    c.fs.write("/etc/motd", Content::from_bytes("changed"), Meta::new(0o644, 5)).unwrap();
    c.fs.remove("/etc/old", false).unwrap();
    c.fs.mkdir_all("/app", Meta::new(0o755, 5)).unwrap();
    c.fs.write("/app/x", Content::from_bytes("new"), Meta::new(0o644, 5)).unwrap();
    let lines: Vec<String> = c.changes().iter().map(|(k, p)| format!("{k:?} {p}")).collect();
    assert_eq!(lines, ["Added /app", "Added /app/x", "Changed /etc", "Changed /etc/motd", "Deleted /etc/old"]);
}

#[test]
fn two_containers_never_see_each_others_changes() {
    let base = Fs::new();
    let mut a = container(&base);
    let b = container(&base);
    a.fs.write("/only-a", Content::from_bytes("x"), Meta::new(0o644, 1)).unwrap();
    assert!(a.fs.exists("/only-a") && !b.fs.exists("/only-a") && !a.base.exists("/only-a"));
}
