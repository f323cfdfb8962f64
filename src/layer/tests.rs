use super::*;
use crate::vfs::{Content, Meta};

fn fs_with(files: &[(&str, &str)]) -> Fs {
    let mut fs = Fs::new();
    for (path, body) in files {
        let parent = &path[..path.rfind('/').unwrap()];
        if !parent.is_empty() {
            fs.mkdir_all(parent, Meta::new(0o755, 0)).unwrap();
        }
        fs.write(path, Content::from_bytes(*body), Meta::new(0o644, 0)).unwrap();
    }
    fs
}

#[test]
fn empty_diff_is_dockers_empty_layer() {
    let fs = fs_with(&[("/a", "x")]);
    let layer = Layer::diff(&fs, &fs, 0);
    assert!(layer.entries.is_empty());
    assert_eq!(layer.diff_id, "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef");
}

#[test]
fn diff_then_apply_reproduces_the_new_tree() {
    let old = fs_with(&[("/app/a.txt", "1"), ("/app/gone/x", "x"), ("/keep", "k")]);
    let mut new = old.clone();
    new.write("/app/a.txt", Content::from_bytes("2"), Meta::new(0o644, 0)).unwrap();
    new.remove("/app/gone", true).unwrap();
    new.write("/b", Content::from_bytes("b"), Meta::new(0o644, 0)).unwrap();
    let layer = Layer::diff(&old, &new, 0);
    let kinds: Vec<(String, ChangeKind)> = layer.entries.iter().map(|e| (e.path.clone(), e.kind)).collect();
    assert_eq!(
        kinds,
        vec![
            ("app".into(), ChangeKind::Changed),
            ("app/a.txt".into(), ChangeKind::Changed),
            ("app/gone".into(), ChangeKind::Deleted),
            ("b".into(), ChangeKind::Added),
        ]
    );
    let mut applied = old.clone();
    layer.apply(&mut applied).unwrap();
    assert_eq!(applied, new);
}

#[test]
fn digest_changes_with_one_byte() {
    let base = Fs::new();
    let a = Layer::diff(&base, &fs_with(&[("/f", "hello")]), 0);
    let b = Layer::diff(&base, &fs_with(&[("/f", "hellp")]), 0);
    assert_ne!(a.diff_id, b.diff_id);
    assert_eq!(a.diff_id, Layer::diff(&base, &fs_with(&[("/f", "hello")]), 0).diff_id);
}

#[test]
fn hard_links_in_a_loaded_archive_keep_their_targets_content() {
    // A tar as GNU tar or Docker writes one for /bin/busybox and a hard link to it.
    let mut fs = Fs::new();
    fs.mkdir_all("/bin", Meta::new(0o755, 0)).unwrap();
    fs.write("/bin/busybox", Content::from_bytes("ELF..."), Meta::new(0o755, 0)).unwrap();
    let mut tar = Layer::diff(&Fs::new(), &fs, 0).to_tar(0);
    tar.truncate(tar.len() - 1024);
    let mut link = [0u8; 512];
    link[..6].copy_from_slice(b"bin/sh");
    link[100..107].copy_from_slice(b"0000755");
    link[124..135].copy_from_slice(b"00000000000");
    link[156] = b'1';
    link[157..168].copy_from_slice(b"bin/busybox");
    link[257..263].copy_from_slice(b"ustar\0");
    link[148..156].copy_from_slice(b"        ");
    let sum: u32 = link.iter().map(|&b| b as u32).sum();
    link[148..155].copy_from_slice(format!("{sum:06o}\0").as_bytes());
    tar.extend_from_slice(&link);
    tar.extend_from_slice(&[0u8; 1024]);
    let layer = layer_from_tar(&tar).unwrap();
    let mut applied = Fs::new();
    layer.apply(&mut applied).unwrap();
    assert_eq!(applied.read("/bin/sh").unwrap(), b"ELF...");
}
