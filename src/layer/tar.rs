//! A deterministic tar writer with Go `archive/tar`'s USTAR byte layout, so
//! DiffIDs match what containerd's diff writer would produce.

use super::Entry;
use crate::vfs::Node;

/// Anything that receives the archive bytes in order.
pub trait TarSink {
    fn write(&mut self, bytes: &[u8]);
}

impl<F: FnMut(&[u8])> TarSink for F {
    fn write(&mut self, bytes: &[u8]) {
        self(bytes)
    }
}

const BLOCK: usize = 512;

/// Streams the tar of `entries` into `sink`. Whiteouts get mtime 0 (as
/// containerd 2 writes them); other entries keep their own mtime, clamped to `epoch`.
pub fn write_tar(entries: &[Entry], epoch: i64, sink: &mut dyn TarSink) {
    for entry in entries {
        match &entry.node {
            None => {
                let (dir, base) = match entry.path.rfind('/') {
                    Some(i) => (&entry.path[..=i], &entry.path[i + 1..]),
                    None => ("", entry.path.as_str()),
                };
                let name = if base == super::OPAQUE { entry.path.clone() } else { format!("{dir}.wh.{base}") };
                sink.write(&header(&name, 0o644, 0, 0, 0, 0, b'0', ""));
            }
            Some(node) => {
                let meta = node.meta();
                let mtime = meta.mtime.min(epoch).max(0);
                match node {
                    Node::Dir { .. } => {
                        let name = format!("{}/", entry.path);
                        sink.write(&header(&name, meta.mode, meta.uid, meta.gid, 0, mtime, b'5', ""));
                    }
                    Node::Symlink { target, .. } => {
                        sink.write(&header(&entry.path, meta.mode, meta.uid, meta.gid, 0, mtime, b'2', target));
                    }
                    Node::File { content, .. } => {
                        let size = content.len();
                        sink.write(&header(&entry.path, meta.mode, meta.uid, meta.gid, size, mtime, b'0', ""));
                        content.for_each_chunk(|chunk| sink.write(chunk));
                        let pad = (BLOCK - (size as usize % BLOCK)) % BLOCK;
                        if pad > 0 {
                            sink.write(&[0u8; BLOCK][..pad]);
                        }
                    }
                }
            }
        }
    }
    sink.write(&[0u8; BLOCK * 2]);
}

#[allow(clippy::too_many_arguments)]
fn header(name: &str, mode: u32, uid: u32, gid: u32, size: u64, mtime: i64, typeflag: u8, link: &str) -> [u8; BLOCK] {
    let mut h = [0u8; BLOCK];
    let (prefix, short) = split_name(name);
    put_str(&mut h[0..100], short);
    put_octal(&mut h[100..108], mode as u64);
    put_octal(&mut h[108..116], uid as u64);
    put_octal(&mut h[116..124], gid as u64);
    put_octal(&mut h[124..136], size);
    put_octal(&mut h[136..148], mtime as u64);
    h[156] = typeflag;
    put_str(&mut h[157..257], link);
    h[257..263].copy_from_slice(b"ustar\0");
    h[263..265].copy_from_slice(b"00");
    put_octal(&mut h[329..337], 0);
    put_octal(&mut h[337..345], 0);
    put_str(&mut h[345..500], prefix);
    // The checksum is computed with the checksum field as spaces.
    h[148..156].copy_from_slice(b"        ");
    let sum: u64 = h.iter().map(|&b| b as u64).sum();
    put_octal(&mut h[148..155], sum);
    h[155] = b' ';
    h
}

/// Splits a long name into USTAR prefix and name at a `/` (Go's `splitUSTARPath`).
fn split_name(name: &str) -> (&str, &str) {
    if name.len() <= 100 {
        return ("", name);
    }
    let limit = name.len().min(156);
    let bytes = name.as_bytes();
    let mut i = limit - 1;
    while i > 0 {
        if bytes[i] == b'/' && name.len() - i - 1 <= 100 && i <= 155 {
            return (&name[..i], &name[i + 1..]);
        }
        i -= 1;
    }
    ("", name)
}

fn put_str(field: &mut [u8], s: &str) {
    let n = s.len().min(field.len());
    field[..n].copy_from_slice(&s.as_bytes()[..n]);
}

/// Go's `formatOctal`: zero-padded digits filling all but the last byte, which stays NUL.
fn put_octal(field: &mut [u8], value: u64) {
    let digits = format!("{value:o}");
    let width = field.len() - 1;
    let padded = format!("{digits:0>width$}");
    put_str(field, &padded[padded.len().saturating_sub(width)..]);
}
