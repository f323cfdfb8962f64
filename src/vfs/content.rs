//! Content that is described rather than stored: repeated patterns (zeros,
//! `yes`), windows into other content and pieces laid end to end, so that
//! `dd if=/dev/zero bs=1M count=500`, `fallocate -l 500M` or `cp` of such a
//! file cost a few bytes of heap. Reading always yields the real bytes.

use super::{fill_generated, Content};
use std::sync::Arc;

/// The size of an endless stream (`/dev/zero`, `/dev/urandom`, `yes`).
pub const ENDLESS: u64 = u64::MAX;

/// Content at most this long is kept as plain bytes.
const SMALL: u64 = 4096;

/// Bytes produced per chunk when streaming.
const CHUNK: usize = 64 * 1024;

impl Content {
    /// Real bytes of memory the content keeps (generated content costs
    /// nothing; shared bytes count once per reference, which overstates).
    pub fn held_bytes(&self) -> u64 {
        match self {
            Content::Bytes(b) => b.len() as u64,
            Content::Generated { .. } | Content::Device { .. } => 0,
            Content::Repeat { pattern, .. } => pattern.len() as u64,
            Content::Concat(parts) => parts.iter().map(Content::held_bytes).fold(0u64, u64::saturating_add),
            Content::Slice { of, .. } => of.held_bytes(),
        }
    }

    /// `size` zero bytes.
    pub fn zeros(size: u64) -> Content {
        Content::repeat(size, b"\0")
    }

    /// `size` bytes repeating `pattern` (empty if the pattern is).
    pub fn repeat(size: u64, pattern: &[u8]) -> Content {
        if pattern.is_empty() || size == 0 {
            return Content::from_bytes(Vec::new());
        }
        if size <= SMALL {
            return Content::from_bytes(pattern.iter().copied().cycle().take(size as usize).collect::<Vec<u8>>());
        }
        Content::Repeat { size, pattern: Arc::new(pattern.to_vec()) }
    }

    /// Whether this is an endless stream.
    pub fn is_endless(&self) -> bool {
        self.len() == ENDLESS
    }

    /// `parts` one after another; small results become plain bytes.
    pub fn concat(parts: Vec<Content>) -> Content {
        let mut flat: Vec<Content> = Vec::new();
        for p in parts {
            match p {
                Content::Concat(inner) => flat.extend(inner.iter().cloned()),
                p if p.is_empty() => {}
                p => flat.push(p),
            }
        }
        let total = flat.iter().map(Content::len).fold(0u64, u64::saturating_add);
        if total <= SMALL {
            let mut out = Vec::with_capacity(total as usize);
            for p in &flat {
                p.for_each_chunk(|c| out.extend_from_slice(c));
            }
            return Content::from_bytes(out);
        }
        // Neighbouring small byte pieces merge.
        let mut merged: Vec<Content> = Vec::with_capacity(flat.len());
        for p in flat {
            if let (Some(Content::Bytes(a)), Content::Bytes(b)) = (merged.last_mut(), &p) {
                if (a.len() + b.len()) as u64 <= SMALL {
                    Arc::make_mut(a).extend_from_slice(b);
                    continue;
                }
            }
            merged.push(p);
        }
        if merged.len() == 1 {
            return merged.pop().expect("one piece");
        }
        Content::Concat(Arc::new(merged))
    }

    /// `len` bytes from `start` (clamped to the content).
    pub fn slice(&self, start: u64, len: u64) -> Content {
        let total = self.len();
        let start = start.min(total);
        let len = len.min(total - start);
        if start == 0 && len == total {
            return self.clone();
        }
        if len <= SMALL {
            let mut out = Vec::with_capacity(len as usize);
            self.range_chunks(start, len, &mut |c| out.extend_from_slice(c));
            return Content::from_bytes(out);
        }
        match self {
            Content::Bytes(b) => Content::from_bytes(b[start as usize..(start + len) as usize].to_vec()),
            Content::Repeat { pattern, .. } if start % pattern.len() as u64 == 0 => Content::Repeat { size: len, pattern: pattern.clone() },
            Content::Slice { of, start: s, .. } => Content::Slice { of: of.clone(), start: s + start, len },
            Content::Concat(parts) => {
                let mut picked = Vec::new();
                let mut at = 0u64;
                for p in parts.iter() {
                    let plen = p.len();
                    let (from, to) = (start.max(at), (start + len).min(at.saturating_add(plen)));
                    if from < to {
                        picked.push(p.slice(from - at, to - from));
                    }
                    at = at.saturating_add(plen);
                }
                Content::concat(picked)
            }
            _ => Content::Slice { of: Arc::new(self.clone()), start, len },
        }
    }

    /// Feeds bytes `start..start + len` to `sink` in chunks.
    pub fn range_chunks(&self, start: u64, len: u64, sink: &mut dyn FnMut(&[u8])) {
        let end = start.saturating_add(len).min(self.len());
        if start >= end {
            return;
        }
        match self {
            Content::Bytes(b) => sink(&b[start as usize..end as usize]),
            Content::Generated { seed, .. } => {
                let mut buf = vec![0u8; CHUNK.min((end - start) as usize)];
                let mut at = start;
                while at < end {
                    let n = ((end - at) as usize).min(buf.len());
                    fill_generated(*seed, at, &mut buf[..n]);
                    sink(&buf[..n]);
                    at += n as u64;
                }
            }
            Content::Repeat { pattern, .. } => {
                // A buffer of whole patterns, read from the right phase.
                let plen = pattern.len();
                let reps = (CHUNK / plen).max(1) + 1;
                let buf: Vec<u8> =
                    pattern.iter().copied().cycle().take(plen * reps.min(((end - start) as usize).div_ceil(plen) + 1)).collect();
                let mut at = start;
                while at < end {
                    let phase = (at % plen as u64) as usize;
                    let n = ((end - at) as usize).min(buf.len() - phase).min(CHUNK);
                    sink(&buf[phase..phase + n]);
                    at += n as u64;
                }
            }
            Content::Concat(parts) => {
                let mut at = 0u64;
                for p in parts.iter() {
                    let plen = p.len();
                    let (from, to) = (start.max(at), end.min(at.saturating_add(plen)));
                    if from < to {
                        p.range_chunks(from - at, to - from, sink);
                    }
                    at = at.saturating_add(plen);
                    if at >= end {
                        break;
                    }
                }
            }
            Content::Slice { of, start: s, .. } => of.range_chunks(s + start, end - start, sink),
            Content::Device { .. } => {}
        }
    }

    /// Feeds what identifies the bytes to `sink`, cheaply: real bytes as
    /// they are, described content by its description. Equal keys mean equal
    /// bytes (different descriptions of the same bytes may differ).
    pub fn key_into(&self, sink: &mut dyn FnMut(&[u8])) {
        match self {
            Content::Bytes(b) => {
                sink(b"f");
                sink(&(b.len() as u64).to_le_bytes());
                sink(b);
            }
            Content::Generated { size, seed } => {
                sink(b"g");
                sink(&size.to_le_bytes());
                sink(&seed.to_le_bytes());
            }
            Content::Repeat { size, pattern } => {
                sink(b"r");
                sink(&size.to_le_bytes());
                sink(&(pattern.len() as u64).to_le_bytes());
                sink(pattern);
            }
            Content::Concat(parts) => {
                sink(b"c");
                sink(&(parts.len() as u64).to_le_bytes());
                for p in parts.iter() {
                    p.key_into(sink);
                }
            }
            Content::Slice { of, start, len } => {
                sink(b"s");
                sink(&start.to_le_bytes());
                sink(&len.to_le_bytes());
                of.key_into(sink);
            }
            Content::Device { major, minor } => {
                sink(b"d");
                sink(&major.to_le_bytes());
                sink(&minor.to_le_bytes());
            }
        }
    }

    /// Whether the content is all zero bytes (a sparse file's holes).
    pub fn is_zeros(&self) -> bool {
        match self {
            Content::Repeat { pattern, .. } => pattern.iter().all(|&b| b == 0),
            Content::Concat(parts) => parts.iter().all(Content::is_zeros),
            Content::Slice { of, .. } => of.is_zeros(),
            Content::Bytes(b) => b.iter().all(|&b| b == 0),
            Content::Generated { .. } | Content::Device { .. } => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(c: &Content) -> Vec<u8> {
        c.to_vec()
    }

    #[test]
    fn repeat_slice_and_concat_read_as_their_bytes() {
        let y = Content::repeat(100_003, b"y\n");
        let real: Vec<u8> = b"y\n".iter().copied().cycle().take(100_003).collect();
        assert_eq!(bytes(&y), real);
        assert!(matches!(y, Content::Repeat { .. }));
        let s = y.slice(7, 90_000);
        assert_eq!(bytes(&s), real[7..90_007].to_vec());
        let g = Content::Generated { size: 200_000, seed: 3 };
        let gs = g.slice(1_000, 150_000);
        assert_eq!(bytes(&gs), bytes(&g)[1_000..151_000].to_vec());
        let c = Content::concat(vec![Content::from_bytes("head"), Content::zeros(70_000), gs.clone()]);
        let mut expect = b"head".to_vec();
        expect.extend(vec![0u8; 70_000]);
        expect.extend(bytes(&gs));
        assert_eq!(bytes(&c), expect);
        assert_eq!(bytes(&c.slice(3, 80_000)), expect[3..80_003].to_vec());
        assert_eq!(c.len(), expect.len() as u64);
    }

    #[test]
    fn endless_streams_slice_cheaply() {
        let zero = Content::Repeat { size: ENDLESS, pattern: Arc::new(vec![0]) };
        let big = zero.slice(0, 500_000_000);
        assert!(matches!(big, Content::Repeat { size: 500_000_000, .. }));
        assert!(big.is_zeros());
    }
}
