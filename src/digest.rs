//! Digests: SHA-256 (the `sha2` crate; hex-encoded here and nowhere else),
//! and MD5 and SHA-1 written out for md5sum/sha1sum, PHP and Express's ETags.

use sha2::{Digest as _, Sha256};

/// Lowercase hex of the SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The raw 32-byte SHA-256 of `bytes`.
pub fn sha256_bytes(bytes: &[u8]) -> Vec<u8> {
    Sha256::digest(bytes).to_vec()
}

/// `sha256:<hex>` of `bytes`, the form OCI descriptors use.
pub fn sha256_digest(bytes: &[u8]) -> String {
    format!("sha256:{}", sha256_hex(bytes))
}

/// Lowercase hex encoding.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 15) as usize] as char);
    }
    out
}

/// An incremental SHA-256 hasher that can be written to.
#[derive(Default, Clone)]
pub struct Hasher(Sha256);

impl Hasher {
    pub fn new() -> Hasher {
        Hasher(Sha256::new())
    }
    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }
    /// `sha256:<hex>` of everything written.
    pub fn finish_digest(self) -> String {
        format!("sha256:{}", hex(&self.0.finalize()))
    }
}

/// The 12-hex-digit short form Docker prints (`sha256:` prefix removed).
pub fn short_id(digest: &str) -> &str {
    let hex = digest.strip_prefix("sha256:").unwrap_or(digest);
    &hex[..hex.len().min(12)]
}

/// The 64-byte blocks MD5 and SHA-1 consume: input is buffered until a
/// block is full.
struct Blocks {
    buf: Vec<u8>,
    len: u64,
}

impl Blocks {
    fn new() -> Blocks {
        Blocks { buf: Vec::with_capacity(64), len: 0 }
    }

    /// Adds `data`, handing each completed block to `each`.
    fn feed(&mut self, mut data: &[u8], mut each: impl FnMut(&[u8; 64])) {
        self.len = self.len.wrapping_add(data.len() as u64);
        while !data.is_empty() {
            let n = (64 - self.buf.len()).min(data.len());
            self.buf.extend_from_slice(&data[..n]);
            data = &data[n..];
            if self.buf.len() == 64 {
                let block: [u8; 64] = self.buf[..].try_into().expect("64 bytes");
                each(&block);
                self.buf.clear();
            }
        }
    }

    /// The final padding: 0x80, zeros to 56 bytes past a block boundary,
    /// then the message's length in bits, its bytes in the hash's order.
    fn padding(&self, order: fn(u64) -> [u8; 8]) -> Vec<u8> {
        let mut pad = vec![0x80u8];
        pad.resize(((119 - self.len % 64) % 64 + 1) as usize, 0);
        pad.extend_from_slice(&order(self.len.wrapping_mul(8)));
        pad
    }
}

/// MD5 (RFC 1321), streaming.
pub struct Md5 {
    state: [u32; 4],
    blocks: Blocks,
}

impl Default for Md5 {
    fn default() -> Md5 {
        Md5::new()
    }
}

impl Md5 {
    pub fn new() -> Md5 {
        Md5 { state: [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476], blocks: Blocks::new() }
    }

    pub fn update(&mut self, data: &[u8]) {
        let state = &mut self.state;
        self.blocks.feed(data, |b| Self::block(state, b));
    }

    fn block(state: &mut [u32; 4], b: &[u8; 64]) {
        const S: [u32; 64] = [
            7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 4, 11, 16,
            23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
        ];
        let m: Vec<u32> = b.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        let [mut a, mut bb, mut c, mut d] = *state;
        for (i, shift) in S.iter().enumerate() {
            let k = ((i as f64 + 1.0).sin().abs() * 4294967296.0) as u32;
            let (f, g) = match i / 16 {
                0 => ((bb & c) | (!bb & d), i),
                1 => ((d & bb) | (!d & c), (5 * i + 1) % 16),
                2 => (bb ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (bb | !d), (7 * i) % 16),
            };
            let t = d;
            d = c;
            c = bb;
            bb = bb.wrapping_add(a.wrapping_add(f).wrapping_add(k).wrapping_add(m[g]).rotate_left(*shift));
            a = t;
        }
        for (s, v) in state.iter_mut().zip([a, bb, c, d]) {
            *s = s.wrapping_add(v);
        }
    }

    pub fn finish(mut self) -> Vec<u8> {
        let pad = self.blocks.padding(u64::to_le_bytes);
        self.update(&pad);
        self.state.iter().flat_map(|s| s.to_le_bytes()).collect()
    }
}

/// The MD5 digest of `data` (md5sum, PHP's md5()).
pub fn md5(data: &[u8]) -> Vec<u8> {
    let mut h = Md5::new();
    h.update(data);
    h.finish()
}

/// The SHA-1 digest of `data` (Express's ETags hash bodies with it).
pub fn sha1(data: &[u8]) -> Vec<u8> {
    let mut h = Sha1::new();
    h.update(data);
    h.finish()
}

/// SHA-1 (FIPS 180-4), streaming.
pub struct Sha1 {
    state: [u32; 5],
    blocks: Blocks,
}

impl Default for Sha1 {
    fn default() -> Sha1 {
        Sha1::new()
    }
}

impl Sha1 {
    pub fn new() -> Sha1 {
        Sha1 { state: [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0], blocks: Blocks::new() }
    }

    pub fn update(&mut self, data: &[u8]) {
        let state = &mut self.state;
        self.blocks.feed(data, |b| Self::block(state, b));
    }

    fn block(state: &mut [u32; 5], b: &[u8; 64]) {
        let mut w = [0u32; 80];
        for (i, c) in b.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([c[0], c[1], c[2], c[3]]);
        }
        for i in 16..80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
        }
        let [mut a, mut bb, mut c, mut d, mut e] = *state;
        for (i, wi) in w.iter().enumerate() {
            let (f, k) = match i / 20 {
                0 => ((bb & c) | (!bb & d), 0x5A827999),
                1 => (bb ^ c ^ d, 0x6ED9EBA1),
                2 => ((bb & c) | (bb & d) | (c & d), 0x8F1BBCDC),
                _ => (bb ^ c ^ d, 0xCA62C1D6u32),
            };
            let t = a.rotate_left(5).wrapping_add(f).wrapping_add(e).wrapping_add(k).wrapping_add(*wi);
            e = d;
            d = c;
            c = bb.rotate_left(30);
            bb = a;
            a = t;
        }
        for (s, v) in state.iter_mut().zip([a, bb, c, d, e]) {
            *s = s.wrapping_add(v);
        }
    }

    pub fn finish(mut self) -> Vec<u8> {
        let pad = self.blocks.padding(u64::to_be_bytes);
        self.update(&pad);
        self.state.iter().flat_map(|s| s.to_be_bytes()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_layer_digest_matches_docker() {
        // 1024 zero bytes is an empty tar; Docker knows its DiffID by heart.
        assert_eq!(sha256_digest(&[0u8; 1024]), "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef");
    }

    #[test]
    fn short_id_is_twelve_hex_digits() {
        assert_eq!(short_id("sha256:0123456789abcdef0123"), "0123456789ab");
    }

    #[test]
    fn md5_and_sha1_match_the_standard_vectors() {
        let million = vec![b'a'; 1_000_000];
        assert_eq!(hex(&md5(b"")), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(hex(&md5(b"abc")), "900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(hex(&md5(&million)), "7707d6ae4e027c70eea2a935c2296f21");
        assert_eq!(hex(&sha1(b"")), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
        assert_eq!(hex(&sha1(b"abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
        assert_eq!(hex(&sha1(&million)), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
        // Fed in pieces across block boundaries, the same digest.
        let mut h = Sha1::new();
        for piece in million.chunks(63) {
            h.update(piece);
        }
        assert_eq!(hex(&h.finish()), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
    }
}
