//! `docker save` archives are OCI image layouts that real tools read:
//! skopeo inspects them and umoci unpacks a root filesystem equal to the
//! simulator's view; `docker load` reads them back to the same image IDs.
//! The skopeo/umoci part runs where those tools are installed (`make test`
//! installs them) and says "skipped" elsewhere.

use dockersim::build::BuildRequest;
use dockersim::image::oci;
use dockersim::vfs::{Content, Fs, Meta, Node};
use dockersim::Engine;
use std::path::Path;
use std::process::Command;

mod oracle;

fn built_image(engine: &mut Engine) -> dockersim::image::Image {
    let mut context = Fs::new();
    context.write("/hello.txt", Content::from_bytes("hi from the context\n"), Meta::new(0o644, 0)).unwrap();
    let dockerfile = "FROM alpine:3.20\nWORKDIR /app\nCOPY hello.txt .\nRUN echo built > /app/built.txt && rm /etc/motd.missing 2>/dev/null; rm -f /etc/alpine-release\nCMD [\"cat\", \"/app/hello.txt\"]\n";
    let report = engine.build(&BuildRequest { dockerfile: dockerfile.into(), context, tags: vec!["app".into()], ..Default::default() });
    assert!(report.ok, "{:?}", report.error);
    engine.image("app").unwrap().clone()
}

fn rootfs(image: &dockersim::image::Image) -> Fs {
    let mut fs = Fs::new();
    for layer in &image.layers {
        layer.apply(&mut fs).unwrap();
    }
    fs
}

/// Paths, kinds, metadata and bytes (generated and real content compare by bytes).
fn listing(fs: &Fs) -> Vec<(String, String, u32, u32, u32, Vec<u8>)> {
    fs.walk()
        .into_iter()
        .map(|(p, n)| {
            let (kind, bytes) = match n {
                Node::Dir { .. } => ("d".to_string(), Vec::new()),
                Node::Symlink { target, .. } => ("l".to_string(), target.as_bytes().to_vec()),
                Node::File { content, .. } => ("f".to_string(), content.to_vec()),
            };
            let m = n.meta();
            (p, kind, m.mode, m.uid, m.gid, bytes)
        })
        .collect()
}

#[test]
fn save_then_load_gives_the_same_images() {
    let mut engine = Engine::default();
    let image = built_image(&mut engine);
    let archive = oci::save(&[(&image, vec!["app:latest".into()])], engine.now()).unwrap();
    let loaded = oci::load(&archive).unwrap();
    assert_eq!(loaded.len(), 1);
    assert_eq!(loaded[0].0.id, image.id);
    assert_eq!(loaded[0].1, vec!["app:latest".to_string()]);
    assert_eq!(listing(&rootfs(&loaded[0].0)), listing(&rootfs(&image)));
    assert!(oci::load(b"not a tar").is_err());
}

#[test]
fn skopeo_and_umoci_read_the_archive() {
    if Command::new("skopeo").arg("--version").output().is_err() || Command::new("umoci").arg("--version").output().is_err() {
        oracle::missing("skopeo and umoci");
        return;
    }
    let mut engine = Engine::default();
    let image = built_image(&mut engine);
    let archive = oci::save(&[(&image, vec!["app:latest".into()])], engine.now()).unwrap();
    let dir = std::env::temp_dir().join(format!("dockersim-oci-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let layout = dir.join("layout");
    std::fs::create_dir_all(&layout).unwrap();
    std::fs::write(dir.join("app.tar"), &archive).unwrap();
    assert!(Command::new("tar").arg("-xf").arg(dir.join("app.tar")).arg("-C").arg(&layout).status().unwrap().success());

    let inspect = Command::new("skopeo").arg("inspect").arg(format!("oci:{}:latest", layout.display())).output().unwrap();
    assert!(inspect.status.success(), "skopeo: {}", String::from_utf8_lossy(&inspect.stderr));
    let info: serde_json::Value = serde_json::from_slice(&inspect.stdout).unwrap();
    let layers: Vec<&str> = info["Layers"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    let diff_ids: Vec<&str> = image.config.rootfs.diff_ids.iter().map(String::as_str).collect();
    assert_eq!(layers, diff_ids, "uncompressed layer digests are the DiffIDs docker image inspect reports");

    let bundle = dir.join("bundle");
    let unpack =
        Command::new("umoci").args(["unpack", "--image"]).arg(format!("{}:latest", layout.display())).arg(&bundle).output().unwrap();
    assert!(unpack.status.success(), "umoci: {}", String::from_utf8_lossy(&unpack.stderr));
    let ours = rootfs(&image);
    let mut mismatches = Vec::new();
    let mut checked = 0;
    for (path, node) in ours.walk() {
        let real = bundle.join("rootfs").join(&path);
        let meta = std::fs::symlink_metadata(&real);
        let ok = match (node, &meta) {
            (Node::Dir { .. }, Ok(m)) => m.is_dir(),
            (Node::Symlink { target, .. }, Ok(m)) => {
                m.file_type().is_symlink() && std::fs::read_link(&real).map(|t| t == Path::new(target)).unwrap_or(false)
            }
            (Node::File { content, .. }, Ok(m)) => m.is_file() && std::fs::read(&real).map(|b| b == content.to_vec()).unwrap_or(false),
            _ => false,
        };
        checked += 1;
        if !ok {
            mismatches.push(path);
        }
    }
    assert!(!bundle.join("rootfs/etc/alpine-release").exists(), "the whiteout hides the deleted file");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(mismatches.is_empty(), "{} of {checked} paths differ: {:?}", mismatches.len(), &mismatches[..mismatches.len().min(10)]);
}
