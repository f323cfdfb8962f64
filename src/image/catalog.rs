//! The built-in registry: base images generated from code, not stored bytes.
//!
//! Each entry describes a real image's layers, sizes, history and config,
//! and generates a representative filesystem for each layer.

use super::{ContainerConfig, History, Image, ImageConfig, RootFs};
use crate::layer::Layer;
use crate::vfs::{Content, Fs, Meta, Node};
use std::sync::Arc;

/// Looks up `name:tag` in the catalog and generates the image.
pub fn pull(reference: &str) -> Option<Image> {
    let normalized = super::store::normalize_reference(reference);
    let normalized = normalized.strip_prefix("docker.io/").unwrap_or(&normalized);
    let normalized = normalized.strip_prefix("library/").unwrap_or(normalized);
    match normalized {
        "busybox:latest" | "busybox:1.37" => Some(busybox()),
        _ => None,
    }
}

/// The Unix time the catalog's busybox image was created.
const BUSYBOX_CREATED: &str = "2024-09-26T21:31:42Z";
const BUSYBOX_EPOCH: i64 = 1_727_386_302;

fn busybox() -> Image {
    let dir = |fs: &mut Fs, p: &str| fs.mkdir_all(p, Meta::new(0o755, BUSYBOX_EPOCH)).expect("mkdir");
    let mut fs = Fs::new();
    for d in ["/bin", "/dev", "/etc", "/home", "/lib", "/root", "/tmp", "/usr/sbin", "/var/spool/mail", "/var/www"] {
        dir(&mut fs, d);
    }
    let file = |fs: &mut Fs, p: &str, c: Content, mode: u32| {
        fs.write(p, c, Meta::new(mode, BUSYBOX_EPOCH)).expect("write");
    };
    file(&mut fs, "/bin/busybox", Content::Generated { size: 1_159_496, seed: 0xb0b0 }, 0o755);
    for applet in ["sh", "echo", "cat", "ls", "mkdir", "rm", "cp", "mv", "touch", "true", "false", "env", "pwd"] {
        fs.insert(
            &format!("/bin/{applet}"),
            Node::Symlink { meta: Meta::new(0o777, BUSYBOX_EPOCH), target: "busybox".into() },
        )
        .expect("symlink");
    }
    file(&mut fs, "/etc/passwd", Content::from_bytes("root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n"), 0o644);
    file(&mut fs, "/etc/group", Content::from_bytes("root:x:0:\nnobody:x:65534:\n"), 0o644);
    let layer = Layer::diff(&Fs::new(), &fs, BUSYBOX_EPOCH);
    let config = ImageConfig {
        architecture: "amd64".into(),
        os: "linux".into(),
        created: BUSYBOX_CREATED.into(),
        config: ContainerConfig {
            env: vec![super::config::DEFAULT_PATH.into()],
            cmd: Some(vec!["sh".into()]),
            ..Default::default()
        },
        history: vec![
            History {
                created: BUSYBOX_CREATED.into(),
                created_by: "BusyBox 1.37.0 (glibc), Debian 12".into(),
                ..Default::default()
            },
            History {
                created: BUSYBOX_CREATED.into(),
                created_by: "CMD [\"sh\"]".into(),
                comment: Some("buildkit.dockerfile.v0".into()),
                empty_layer: true,
                ..Default::default()
            },
        ],
        rootfs: RootFs { kind: "layers".into(), diff_ids: vec![layer.diff_id.clone()] },
    };
    Image::new(config, vec![Arc::new(layer)])
}
