//! Base64 (RFC 4648, standard alphabet, padded): `base64` the program and
//! the credentials in `~/.docker/config.json`.

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Encodes without line breaks.
pub fn encode(data: &[u8]) -> String {
    let mut enc = String::with_capacity(data.len() * 4 / 3 + 4);
    for chunk in data.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, &b)| acc | (u32::from(b) << (16 - 8 * i)));
        for k in 0..4 {
            if k <= chunk.len() {
                enc.push(B64[((n >> (18 - 6 * k)) & 63) as usize] as char);
            } else {
                enc.push('=');
            }
        }
    }
    enc
}

/// Decodes, skipping padding and line breaks; other bytes outside the
/// alphabet are skipped when `skip_garbage`, else decoding stops there and
/// `Err` carries what was decoded before.
pub fn decode(data: &[u8], skip_garbage: bool) -> Result<Vec<u8>, Vec<u8>> {
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in data {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' | b'\n' | b'\r' => continue,
            _ if skip_garbage => continue,
            _ => return Err(out),
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn round_trip() {
        assert_eq!(super::encode(b"me:pw"), "bWU6cHc=");
        assert_eq!(super::decode(b"bWU6cHc=", false), Ok(b"me:pw".to_vec()));
        assert_eq!(super::decode(b"bW!U", false), Err(b"m".to_vec()));
    }
}
