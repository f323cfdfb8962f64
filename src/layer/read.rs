//! Reading tar archives (USTAR, with GNU long names and PAX `path`/`linkpath`
//! records), for `docker load` and imported layers.

use super::{ChangeKind, Entry, Layer};
use crate::digest::sha256_digest;
use crate::vfs::{Content, Meta, Node};

/// One member of a tar archive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TarItem {
    /// Relative path without a leading `./` or a trailing `/`.
    pub path: String,
    /// The name as the archive stores it (`./d/`), which `tar t` lists.
    pub name: String,
    pub typeflag: u8,
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    pub mtime: i64,
    pub link: String,
    pub data: Vec<u8>,
}

fn octal(field: &[u8]) -> u64 {
    let text: String = field.iter().take_while(|&&b| b != 0).map(|&b| b as char).collect();
    u64::from_str_radix(text.trim(), 8).unwrap_or(0)
}

fn string(field: &[u8]) -> String {
    String::from_utf8_lossy(&field[..field.iter().position(|&b| b == 0).unwrap_or(field.len())]).into_owned()
}

/// Every member of the archive, in order, but the top directory (`./`).
pub fn read_tar(bytes: &[u8]) -> Result<Vec<TarItem>, String> {
    read_members(bytes, false)
}

/// Every member of the archive, in order, the top directory (`./`, with an
/// empty `path`) included: what `tar t` lists.
pub fn read_tar_members(bytes: &[u8]) -> Result<Vec<TarItem>, String> {
    read_members(bytes, true)
}

fn read_members(bytes: &[u8], with_top: bool) -> Result<Vec<TarItem>, String> {
    let mut items = Vec::new();
    let mut pos = 0;
    let mut long_name: Option<String> = None;
    let mut long_link: Option<String> = None;
    while pos + 512 <= bytes.len() {
        let h = &bytes[pos..pos + 512];
        if h.iter().all(|&b| b == 0) {
            break;
        }
        let size = octal(&h[124..136]) as usize;
        let data_start = pos + 512;
        let data_end = data_start.checked_add(size).filter(|&e| e <= bytes.len()).ok_or("archive/tar: unexpected EOF")?;
        let data = &bytes[data_start..data_end];
        pos = data_start + size.div_ceil(512) * 512;
        let typeflag = h[156];
        match typeflag {
            b'L' => {
                long_name = Some(string(data));
                continue;
            }
            b'K' => {
                long_link = Some(string(data));
                continue;
            }
            b'x' => {
                for record in String::from_utf8_lossy(data).lines() {
                    if let Some((_, kv)) = record.split_once(' ') {
                        if let Some(p) = kv.strip_prefix("path=") {
                            long_name = Some(p.to_string());
                        } else if let Some(l) = kv.strip_prefix("linkpath=") {
                            long_link = Some(l.to_string());
                        }
                    }
                }
                continue;
            }
            b'g' => continue,
            _ => {}
        }
        let prefix = string(&h[345..500]);
        let name = string(&h[0..100]);
        let full =
            long_name
                .take()
                .unwrap_or_else(|| if prefix.is_empty() || &h[257..262] != b"ustar" { name } else { format!("{prefix}/{name}") });
        let path = full.trim_start_matches("./").trim_end_matches('/').to_string();
        if path.is_empty() && (!with_top || full.is_empty()) {
            continue;
        }
        items.push(TarItem {
            path,
            name: full,
            typeflag,
            mode: octal(&h[100..108]) as u32 & 0o7777,
            uid: octal(&h[108..116]) as u32,
            gid: octal(&h[116..124]) as u32,
            mtime: octal(&h[136..148]) as i64,
            link: long_link.take().unwrap_or_else(|| string(&h[157..257])),
            data: data.to_vec(),
        });
    }
    Ok(items)
}

/// An archive member's path as the daemon's chrooted unpack sees it: relative,
/// normalised, never above the root (`../x` → `x`, `/etc/x` → `etc/x`).
pub fn clean_member(path: &str) -> String {
    crate::vfs::normalize(path).trim_start_matches('/').to_string()
}

/// A layer from its tar blob: `.wh.` whiteouts become deletions, a
/// `.wh..wh..opq` an opaque-directory marker; the DiffID is the blob's own digest.
pub fn layer_from_tar(blob: &[u8]) -> Result<Layer, String> {
    let mut entries = Vec::new();
    for mut item in read_tar(blob)? {
        // The daemon unpacks a layer chrooted at its root: `a/../../x` lands at
        // `/x`, and nothing climbs above the root.
        item.path = clean_member(&item.path);
        if item.path.is_empty() {
            continue;
        }
        let (dir, base) = match item.path.rfind('/') {
            Some(i) => (&item.path[..=i], &item.path[i + 1..]),
            None => ("", item.path.as_str()),
        };
        if base == super::OPAQUE {
            entries.push(Entry { path: item.path, kind: ChangeKind::Deleted, node: None });
            continue;
        }
        if let Some(hidden) = base.strip_prefix(".wh.") {
            entries.push(Entry { path: format!("{dir}{hidden}"), kind: ChangeKind::Deleted, node: None });
            continue;
        }
        let meta = Meta { mode: item.mode, uid: item.uid, gid: item.gid, mtime: item.mtime };
        let node = match item.typeflag {
            b'5' => Node::empty_dir(meta),
            b'2' => Node::Symlink { meta, target: item.link.clone() },
            // A hard link names an earlier member of the same archive: the
            // simulator keeps a second file with the same content.
            b'1' => {
                let target = clean_member(&item.link);
                let target = target.as_str();
                let content = entries
                    .iter()
                    .rev()
                    .find(|e: &&Entry| e.path == target)
                    .and_then(|e| match &e.node {
                        Some(Node::File { content, .. }) => Some(content.clone()),
                        _ => None,
                    })
                    .unwrap_or_else(|| Content::from_bytes(Vec::new()));
                Node::File { meta, content }
            }
            _ => Node::File { meta, content: Content::from_bytes(item.data) },
        };
        entries.push(Entry { path: item.path, kind: ChangeKind::Added, node: Some(node) });
    }
    Ok(Layer::with_diff_id(entries, sha256_digest(blob)))
}
