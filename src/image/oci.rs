//! `docker save` / `docker load` archives: an OCI image layout (`oci-layout`,
//! `index.json`, `blobs/sha256/…`) with Docker's `manifest.json`, as recent
//! Docker writes them. Layers are stored uncompressed, so each layer blob's
//! digest is its DiffID.

use super::{Image, ImageConfig};
use crate::digest::sha256_digest;
use crate::layer::{layer_from_tar, read_tar, write_tar, Layer};
use crate::vfs::{Content, Fs, Meta};
use serde_json::json;
use std::collections::BTreeMap;
use std::sync::Arc;

const MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
const CONFIG: &str = "application/vnd.oci.image.config.v1+json";
const LAYER: &str = "application/vnd.oci.image.layer.v1.tar";

/// The archive of `images`, each with the tags it is saved under
/// (`name:tag` familiar form). `now` stamps the archive's own entries.
pub fn save(images: &[(&Image, Vec<String>)], now: i64) -> Result<Vec<u8>, String> {
    let mut fs = Fs::new();
    let meta = Meta::new(0o644, now);
    let _ = fs.mkdir_all("/blobs/sha256", Meta::new(0o755, now));
    let blob = |fs: &mut Fs, bytes: Vec<u8>| -> (String, usize) {
        let digest = sha256_digest(&bytes);
        let size = bytes.len();
        let _ = fs.write(&format!("/blobs/sha256/{}", &digest[7..]), Content::from_bytes(bytes), meta.clone());
        (digest, size)
    };
    let mut index = Vec::new();
    let mut docker_manifest = Vec::new();
    for (image, tags) in images {
        let mut layers = Vec::new();
        for layer in &image.layers {
            let tar = layer.to_tar(i64::MAX);
            let (digest, size) = blob(&mut fs, tar);
            if digest != layer.diff_id {
                return Err(format!("layer {} does not reproduce its DiffID", layer.diff_id));
            }
            layers.push((digest, size));
        }
        let (config_digest, config_size) = blob(&mut fs, image.config.to_json().into_bytes());
        let manifest = json!({
            "schemaVersion": 2,
            "mediaType": MANIFEST,
            "config": { "mediaType": CONFIG, "digest": config_digest, "size": config_size },
            "layers": layers.iter().map(|(d, s)| json!({ "mediaType": LAYER, "digest": d, "size": s })).collect::<Vec<_>>(),
        });
        let (manifest_digest, manifest_size) = blob(&mut fs, serde_json::to_vec(&manifest).map_err(|e| e.to_string())?);
        let descriptor = |annotations: serde_json::Value| json!({ "mediaType": MANIFEST, "digest": manifest_digest, "size": manifest_size, "annotations": annotations });
        if tags.is_empty() {
            index.push(descriptor(json!({})));
        }
        for tag in tags {
            let short = tag.rsplit_once(':').map_or("latest", |(_, t)| t);
            index.push(descriptor(json!({
                "io.containerd.image.name": full_name(tag),
                "org.opencontainers.image.ref.name": short,
            })));
        }
        docker_manifest.push(json!({
            "Config": format!("blobs/sha256/{}", &config_digest[7..]),
            "RepoTags": tags,
            "Layers": layers.iter().map(|(d, _)| format!("blobs/sha256/{}", &d[7..])).collect::<Vec<_>>(),
        }));
    }
    let index = json!({ "schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": index });
    let _ = fs.write("/index.json", Content::from_bytes(serde_json::to_vec(&index).map_err(|e| e.to_string())?), meta.clone());
    let _ = fs.write("/manifest.json", Content::from_bytes(serde_json::to_vec(&docker_manifest).map_err(|e| e.to_string())?), meta.clone());
    let _ = fs.write("/oci-layout", Content::from_bytes(br#"{"imageLayoutVersion":"1.0.0"}"#.to_vec()), meta.clone());
    let entries = Layer::diff_entries(&Fs::new(), &fs);
    let mut out = Vec::new();
    write_tar(&entries, now, &mut |chunk: &[u8]| out.extend_from_slice(chunk));
    Ok(out)
}

/// The images in an archive with their tags (`docker load`).
pub fn load(archive: &[u8]) -> Result<Vec<(Image, Vec<String>)>, String> {
    let files: BTreeMap<String, Vec<u8>> =
        crate::btree::map(read_tar(archive)?.into_iter().filter(|i| i.typeflag != b'5').map(|i| (i.path, i.data)));
    let manifest = files.get("manifest.json").ok_or("archive/tar: invalid tar header: no manifest.json (not a docker save archive)")?;
    let manifest: Vec<serde_json::Value> = serde_json::from_slice(manifest).map_err(|e| format!("invalid manifest.json: {e}"))?;
    let mut out = Vec::new();
    for entry in manifest {
        let get = |path: &str| files.get(path).ok_or_else(|| format!("open {path}: no such file or directory"));
        let config_path = entry["Config"].as_str().ok_or("manifest.json: missing Config")?;
        let config_bytes = get(config_path)?;
        let config: ImageConfig = serde_json::from_slice(config_bytes).map_err(|e| format!("invalid image config: {e}"))?;
        let mut layers = Vec::new();
        for path in entry["Layers"].as_array().ok_or("manifest.json: missing Layers")? {
            let blob = get(path.as_str().unwrap_or(""))?;
            layers.push(Arc::new(layer_from_tar(blob)?));
        }
        let diff_ids: Vec<&String> = layers.iter().map(|l| &l.diff_id).collect();
        if diff_ids != config.rootfs.diff_ids.iter().collect::<Vec<_>>() {
            return Err("layer digests do not match the image config's rootfs.diff_ids".into());
        }
        let mut image = Image::new(config, layers);
        let id = sha256_digest(config_bytes);
        image.id = id;
        let tags =
            entry["RepoTags"].as_array().map(|t| t.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()).unwrap_or_default();
        out.push((image, tags));
    }
    Ok(out)
}

/// `app:latest` → `docker.io/library/app:latest`.
fn full_name(tag: &str) -> String {
    let first = tag.split('/').next().unwrap_or("");
    if !tag.contains('/') {
        format!("docker.io/library/{tag}")
    } else if first.contains('.') || first.contains(':') || first == "localhost" {
        tag.to_string()
    } else {
        format!("docker.io/{tag}")
    }
}
