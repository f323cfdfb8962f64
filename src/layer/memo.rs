//! DiffIDs remembered by what decides the tar bytes, so that a layer with
//! the same content is not hashed twice (a second engine building the same
//! app, a lesson reset, two embeds on one page). Generated file content
//! enters the key as its seed and size, so the key costs little to compute
//! even for hundreds of megabytes. A pure cache: a hit returns exactly the
//! digest hashing would, so results never depend on it.

use super::Entry;
use crate::digest::Hasher;
use crate::vfs::Node;
use std::collections::BTreeMap;
use std::sync::Mutex;

/// How many digests are kept (oldest dropped first).
const KEEP: usize = 512;

struct Memo {
    digests: BTreeMap<String, (u64, String)>,
    tick: u64,
}

static MEMO: Mutex<Memo> = Mutex::new(Memo { digests: BTreeMap::new(), tick: 0 });

/// Worth remembering only when hashing the tar would cost more than the key.
const MIN_BYTES: u64 = 64 * 1024;

/// The DiffID of `entries` written with `epoch`, from the memo or from `hash`.
pub fn diff_id(entries: &[Entry], epoch: i64, hash: impl FnOnce() -> String) -> String {
    let stated: u64 = entries.iter().filter_map(|e| e.node.as_ref()).map(Node::file_size).sum();
    if stated < MIN_BYTES {
        return hash();
    }
    let key = key(entries, epoch);
    let Ok(mut memo) = MEMO.lock() else { return hash() };
    memo.tick += 1;
    let tick = memo.tick;
    if let Some((used, digest)) = memo.digests.get_mut(&key) {
        *used = tick;
        return digest.clone();
    }
    drop(memo);
    let digest = hash();
    if let Ok(mut memo) = MEMO.lock() {
        if memo.digests.len() >= KEEP {
            if let Some(oldest) = memo.digests.iter().min_by_key(|(_, (used, _))| *used).map(|(k, _)| k.clone()) {
                memo.digests.remove(&oldest);
            }
        }
        memo.digests.insert(key, (tick, digest.clone()));
    }
    digest
}

/// Everything `write_tar` reads: paths, kinds, modes, owners, times (and the
/// epoch that clamps them), sizes, link targets, and the content itself
/// (generated content by seed and size).
fn key(entries: &[Entry], epoch: i64) -> String {
    let mut h = Hasher::new();
    h.update(&epoch.to_le_bytes());
    for e in entries {
        h.update(e.path.as_bytes());
        h.update(&[0]);
        match &e.node {
            None => h.update(b"w"),
            Some(node) => {
                let m = node.meta();
                h.update(&m.mode.to_le_bytes());
                h.update(&m.uid.to_le_bytes());
                h.update(&m.gid.to_le_bytes());
                h.update(&m.mtime.to_le_bytes());
                match node {
                    Node::Dir { .. } => h.update(b"d"),
                    Node::Symlink { target, .. } => {
                        h.update(b"l");
                        h.update(target.as_bytes());
                        h.update(&[0]);
                    }
                    Node::File { content, .. } => content.key_into(&mut |b| h.update(b)),
                }
            }
        }
    }
    h.finish_digest()
}

#[cfg(test)]
mod tests {
    use super::super::Layer;
    use crate::vfs::{Content, Fs, Meta};

    #[test]
    fn remembered_digests_equal_hashed_ones() {
        let mut fs = Fs::new();
        fs.write("/big", Content::Generated { size: 1 << 20, seed: 7 }, Meta::new(0o644, 5)).unwrap();
        let first = Layer::diff(&Fs::new(), &fs, 10);
        let again = Layer::diff(&Fs::new(), &fs, 10);
        assert_eq!(first.diff_id, again.diff_id);
        let mut hasher = crate::digest::Hasher::new();
        hasher.update(&first.to_tar(10));
        assert_eq!(first.diff_id, hasher.finish_digest());
        // Anything that changes the tar changes the key.
        fs.write("/big", Content::Generated { size: 1 << 20, seed: 8 }, Meta::new(0o644, 5)).unwrap();
        assert_ne!(Layer::diff(&Fs::new(), &fs, 10).diff_id, first.diff_id);
        assert_ne!(Layer::diff(&Fs::new(), &fs, 3).diff_id, Layer::diff(&Fs::new(), &fs, 10).diff_id);
    }

    #[test]
    fn described_content_gives_the_diff_id_of_its_bytes() {
        let zeros = Content::zeros(300_000);
        let generated = Content::Generated { size: 200_000, seed: 3 };
        let mixed = Content::concat(vec![
            Content::from_bytes("head"),
            zeros.slice(5, 100_000),
            generated.slice(7, 150_000),
            Content::repeat(70_001, b"y\n"),
        ]);
        let mut described = Fs::new();
        let mut real = Fs::new();
        for (path, c) in [("/zeros", &zeros), ("/mixed", &mixed)] {
            described.write(path, c.clone(), Meta::new(0o644, 5)).unwrap();
            real.write(path, Content::from_bytes(c.to_vec()), Meta::new(0o644, 5)).unwrap();
        }
        let a = Layer::diff(&Fs::new(), &described, 10);
        let b = Layer::diff(&Fs::new(), &real, 10);
        assert_eq!(a.to_tar(10), b.to_tar(10));
        assert_eq!(a.diff_id, b.diff_id);
        let mut hasher = crate::digest::Hasher::new();
        hasher.update(&b.to_tar(10));
        assert_eq!(a.diff_id, hasher.finish_digest());
    }
}
