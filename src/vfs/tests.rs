use super::*;

fn m() -> Meta {
    Meta::new(0o644, 0)
}

#[test]
fn write_read_and_errors() {
    let mut fs = Fs::new();
    fs.mkdir_all("/app/src", Meta::new(0o755, 0)).unwrap();
    fs.write("/app/src/a.txt", Content::from_bytes("hi"), m()).unwrap();
    assert_eq!(fs.read("/app/src/a.txt").unwrap(), b"hi");
    assert_eq!(fs.read("/nope").unwrap_err().reason(), "No such file or directory");
    assert_eq!(fs.read("/app").unwrap_err().reason(), "Is a directory");
    let err = fs.write("/app/src/a.txt/x", Content::from_bytes(""), m()).unwrap_err();
    assert_eq!(err.reason(), "Not a directory");
}

#[test]
fn symlinks_resolve_and_loops_stop() {
    let mut fs = Fs::new();
    fs.mkdir_all("/usr/bin", Meta::new(0o755, 0)).unwrap();
    fs.write("/usr/bin/busybox", Content::from_bytes("bb"), m()).unwrap();
    fs.insert("/bin", Node::Symlink { meta: Meta::new(0o777, 0), target: "usr/bin".into() }).unwrap();
    assert_eq!(fs.read("/bin/busybox").unwrap(), b"bb");
    fs.insert("/loop", Node::Symlink { meta: Meta::new(0o777, 0), target: "/loop".into() }).unwrap();
    assert_eq!(fs.read("/loop").unwrap_err().reason(), "Too many levels of symbolic links");
}

#[test]
fn generated_content_is_deterministic_and_sized() {
    let c = Content::Generated { size: 100_000, seed: 7 };
    let a = c.to_vec();
    assert_eq!(a.len(), 100_000);
    assert_eq!(a, c.to_vec());
    assert_ne!(a, Content::Generated { size: 100_000, seed: 8 }.to_vec());
}

#[test]
fn walk_is_depth_first_by_name() {
    let mut fs = Fs::new();
    fs.mkdir_all("/a", Meta::new(0o755, 0)).unwrap();
    fs.write("/a-b", Content::from_bytes(""), m()).unwrap();
    fs.write("/a/b", Content::from_bytes(""), m()).unwrap();
    let paths: Vec<String> = fs.walk().into_iter().map(|(p, _)| p).collect();
    assert_eq!(paths, vec!["a", "a/b", "a-b"]);
}
