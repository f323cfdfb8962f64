use super::*;
use crate::vfs::Fs;

fn rootfs(image: &Image) -> Fs {
    let mut fs = Fs::new();
    for layer in &image.layers {
        layer.apply(&mut fs).unwrap();
    }
    fs
}

fn text(fs: &Fs, path: &str) -> String {
    String::from_utf8(fs.read(path).unwrap()).unwrap()
}

#[test]
fn pinned_diff_ids_match_the_real_tar_streams() {
    let computed = compute_all_pins();
    let rendered: String = computed.iter().map(|(k, d)| format!("{k} {d}\n")).collect();
    if std::env::var("UPDATE_EXPECT").is_ok() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/image/catalog/pinned.txt");
        std::fs::write(path, &rendered).unwrap();
        return;
    }
    let mut stale = Vec::new();
    for (key, diff_id) in &computed {
        if pinned_diff_id(key) != Some(diff_id.as_str()) {
            stale.push(format!("{key}: pinned {:?}, computed {diff_id}", pinned_diff_id(key)));
        }
    }
    assert!(stale.is_empty(), "stale pins (UPDATE_EXPECT=1 to rewrite):\n{}", stale.join("\n"));
}

#[test]
fn every_reference_pulls_with_the_same_id_twice() {
    // The data catalog's references have their own test (data/tests.rs).
    for reference in families::ALL_REFERENCES.iter().map(|r| r.to_string()) {
        let a = pull(&reference).unwrap_or_else(|| panic!("{reference} missing"));
        let b = pull(&reference).unwrap();
        assert_eq!(a.id, b.id, "{reference}");
        assert_eq!(a.config.rootfs.diff_ids.len(), a.layers.len(), "{reference}");
        let empty = a.config.history.iter().filter(|h| !h.empty_layer).count();
        assert_eq!(empty, a.layers.len(), "{reference}: one non-empty history entry per layer");
    }
    assert!(pull("nosuchimage:latest").is_none());
    assert!(pull("node:99").is_none());
    assert_eq!(pull("library/node:20").unwrap().id, pull("docker.io/library/node:20").unwrap().id);
}

#[test]
fn aliases_are_the_same_image() {
    assert_eq!(pull("node").unwrap().id, pull("node:latest").unwrap().id);
    assert_eq!(pull("alpine").unwrap().id, pull("alpine:3.20").unwrap().id);
    assert_eq!(pull("node:lts").unwrap().id, pull("node:22").unwrap().id);
}

#[test]
fn images_on_one_base_share_its_layers() {
    let alpine = pull("alpine:3.20").unwrap().config.rootfs.diff_ids[0].clone();
    for r in ["node:20-alpine", "nginx:alpine", "python:3.12-alpine", "golang:1.22-alpine"] {
        assert_eq!(pull(r).unwrap().config.rootfs.diff_ids[0], alpine, "{r}");
    }
    let bookworm = pull("debian:bookworm").unwrap().config.rootfs.diff_ids[0].clone();
    let node = pull("node:20").unwrap().config.rootfs.diff_ids;
    let python = pull("python:3.12").unwrap().config.rootfs.diff_ids;
    assert_eq!(node[0], bookworm);
    assert_eq!(node[..4], python[..4], "node and python share debian + buildpack-deps");
    let slim = pull("debian:bookworm-slim").unwrap().config.rootfs.diff_ids[0].clone();
    assert_eq!(pull("nginx:latest").unwrap().config.rootfs.diff_ids[0], slim);
}

#[test]
fn sizes_are_those_of_the_real_images() {
    let mb = |r: &str| pull(r).unwrap().size() / 1_000_000;
    let between = |r: &str, lo: u64, hi: u64| {
        let size = mb(r);
        assert!((lo..=hi).contains(&size), "{r}: {size} MB not in {lo}..={hi}");
    };
    between("node:14", 850, 1000);
    between("node:14-alpine", 100, 125);
    between("node:20", 1000, 1150);
    between("alpine:3.20", 7, 9);
    between("nginx:latest", 180, 200);
    between("nginx:alpine", 40, 55);
    between("python:3.12-slim", 120, 140);
    between("busybox", 4, 5);
    between("ubuntu:24.04", 75, 80);
}

#[test]
fn filesystems_look_like_the_real_images() {
    let node = rootfs(&pull("node:20").unwrap());
    assert!(text(&node, "/etc/os-release").contains("Debian GNU/Linux 12 (bookworm)"));
    assert!(node.exists("/usr/local/bin/node"));
    assert!(node.exists("/usr/local/bin/npm"), "npm symlink resolves");
    assert!(text(&node, "/etc/passwd").contains("node:x:1000:1000"));
    assert!(text(&node, "/usr/local/bin/docker-entrypoint.sh").starts_with("#!/bin/sh"));
    assert!(node.exists("/bin/sh") && node.exists("/var/lib/apt/lists"));
    let alpine = rootfs(&pull("node:18-alpine").unwrap());
    assert!(text(&alpine, "/etc/os-release").contains("Alpine Linux v3.20"));
    assert!(matches!(alpine.get_nofollow("/bin/sh"), Ok(crate::vfs::Node::Symlink { target, .. }) if target == "/bin/busybox"));
    let nginx = rootfs(&pull("nginx:alpine").unwrap());
    assert!(text(&nginx, "/usr/share/nginx/html/index.html").contains("Welcome to nginx!"));
    let ping = pull("diamol/ch03-web-ping").unwrap();
    assert!(ping.config.config.env.contains(&"TARGET=blog.sixeyed.com".to_string()));
    assert!(text(&rootfs(&ping), "/web-ping/app.js").contains("web-ping"));
    let py = rootfs(&pull("python:3.8").unwrap());
    assert!(py.exists("/usr/local/bin/python3") && py.exists("/usr/local/bin/pip"));
}

#[test]
fn digest_references_resolve_to_the_same_image() {
    let nginx = pull("nginx:alpine").unwrap();
    let digest = manifest_digest("nginx:alpine").unwrap();
    assert!(digest.starts_with("sha256:") && digest.len() == 71);
    assert_eq!(pull(&format!("nginx@{digest}")).unwrap().id, nginx.id);
    assert_eq!(pull(&format!("docker.io/library/nginx:alpine@{digest}")).unwrap().id, nginx.id);
    assert!(pull(&format!("nginx:latest@{digest}")).is_none(), "tag and digest disagree");
    assert!(pull(&format!("alpine@{digest}")).is_none(), "digest of another repository");
    assert_ne!(manifest_digest("nginx:latest"), manifest_digest("nginx:alpine"));
    let manifest = manifest_json(&nginx);
    assert!(manifest.starts_with("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\""));
    assert!(manifest.contains(&nginx.config.rootfs.diff_ids[0]));
}

#[test]
fn tar_len_is_the_length_of_the_real_tar_stream() {
    for layer in &pull("alpine:3.20").unwrap().layers {
        let mut len = 0u64;
        crate::layer::write_tar(&layer.entries, 0, &mut |chunk: &[u8]| len += chunk.len() as u64);
        assert_eq!(tar_len(layer), len);
    }
}

#[test]
fn node_14_is_debian_based_with_many_layers() {
    let node = pull("node:14").unwrap();
    assert!(node.layers.len() >= 7, "{} layers", node.layers.len());
    assert!(text(&rootfs(&node), "/etc/os-release").contains("Debian"));
    let env = &node.config.config.env;
    assert!(env.iter().any(|e| e.starts_with("NODE_VERSION=14.")), "{env:?}");
    assert!(env.iter().any(|e| e.starts_with("YARN_VERSION=")), "{env:?}");
    assert_eq!(node.config.config.entrypoint, Some(vec!["docker-entrypoint.sh".to_string()]));
}

#[test]
fn older_images_have_the_classic_builders_history() {
    let node = pull("node:14").unwrap().config;
    assert!(node.created.starts_with("2023-"));
    let by: Vec<&str> = node.history.iter().map(|h| h.created_by.as_str()).collect();
    assert!(by[0].starts_with("/bin/sh -c #(nop) ADD file:") && by[0].ends_with(" in / "), "{}", by[0]);
    assert!(by.contains(&"/bin/sh -c #(nop)  ENV NODE_VERSION=14.21.3"), "{by:?}");
    assert!(node.history.iter().all(|h| h.comment.is_none() && !h.created_by.contains("# buildkit")));
    let node20 = pull("node:20").unwrap().config;
    assert!(node20.history.iter().any(|h| h.created_by == "ENV NODE_VERSION=20.18.1"));
    let ubuntu = pull("ubuntu:24.04").unwrap().config;
    assert_eq!(ubuntu.config.labels["org.opencontainers.image.version"], "24.04");
    assert_eq!(ubuntu.history[2].created_by, "/bin/sh -c #(nop)  LABEL org.opencontainers.image.ref.name=ubuntu");
    assert!(ubuntu.history[4].created_by.starts_with("/bin/sh -c #(nop) ADD file:"));
}
