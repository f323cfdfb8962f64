//! SHA-256 helpers. `sha2` digests are hex-encoded here and nowhere else.

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
}
