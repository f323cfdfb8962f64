//! A bzip2 decoder, enough for ADD: whole input in, whole output out
//! (concatenated streams too, as pbzip2 writes them).

use super::MAX_INFLATED;

pub fn decode(data: &[u8]) -> Option<Vec<u8>> {
    let mut bits = Bits { data, at: 0 };
    let mut out = Vec::new();
    while bits.at / 8 + 4 <= data.len() && data[bits.at / 8..].starts_with(b"BZh") {
        bits.at += 24;
        let level = bits.get(8)?.checked_sub(b'0' as u32).filter(|l| (1..=9).contains(l))?;
        let mut combined = 0u32;
        loop {
            let magic = (bits.get(24)? as u64) << 24 | bits.get(24)? as u64;
            let crc = bits.get(32)?;
            if magic == 0x1772_4538_5090 {
                if crc != combined {
                    return None;
                }
                break;
            }
            let start = out.len();
            if magic != 0x3141_5926_5359 || block(&mut bits, level as usize * 100_000, &mut out).is_none() {
                return None;
            }
            let block_crc = out[start..].iter().fold(u32::MAX, |mut c, &b| {
                c ^= (b as u32) << 24;
                for _ in 0..8 {
                    c = if c >> 31 != 0 { c << 1 ^ 0x04c1_1db7 } else { c << 1 };
                }
                c
            });
            if !block_crc != crc || out.len() > MAX_INFLATED {
                return None;
            }
            combined = combined.rotate_left(1) ^ crc;
        }
        bits.at = bits.at.next_multiple_of(8);
    }
    Some(out).filter(|_| bits.at > 0)
}

/// A big-endian bit reader.
struct Bits<'a> {
    data: &'a [u8],
    at: usize,
}

impl Bits<'_> {
    fn get(&mut self, count: usize) -> Option<u32> {
        let mut n = 0;
        for _ in 0..count {
            let byte = *self.data.get(self.at / 8)?;
            n = n << 1 | (byte >> (7 - self.at % 8) & 1) as u32;
            self.at += 1;
        }
        Some(n)
    }
}

/// A canonical Huffman code: how many codes of each length, and the
/// symbols sorted by code.
struct Huffman {
    counts: [u16; 21],
    symbols: Vec<u16>,
}

impl Huffman {
    fn new(lengths: &[u8]) -> Huffman {
        let mut counts = [0; 21];
        lengths.iter().for_each(|&l| counts[l as usize] += 1);
        let symbols = (1..=20).flat_map(|l| (0..lengths.len() as u16).filter(move |&s| lengths[s as usize] == l)).collect();
        Huffman { counts, symbols }
    }

    fn decode(&self, bits: &mut Bits) -> Option<usize> {
        let (mut code, mut first, mut index) = (0, 0, 0);
        for &count in &self.counts[1..] {
            code |= bits.get(1)? as usize;
            let count = count as usize;
            if code.wrapping_sub(first) < count {
                return Some(self.symbols[index + code - first] as usize);
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        None
    }
}

/// One block: Huffman-coded MTF/RLE2 symbols, the inverse BWT, then RLE1.
fn block(bits: &mut Bits, max: usize, out: &mut Vec<u8>) -> Option<()> {
    if bits.get(1)? != 0 {
        return None; // randomised blocks: obsolete since bzip2 0.9.5
    }
    let origin = bits.get(24)? as usize;
    let groups = bits.get(16)?;
    let mut used = Vec::new();
    for i in (0..16).filter(|i| groups >> (15 - i) & 1 != 0) {
        let map = bits.get(16)?;
        used.extend((0..16).filter(|j| map >> (15 - j) & 1 != 0).map(|j| (i * 16 + j) as u8));
    }
    let alphabet = used.len() + 2;
    let tables = bits.get(3)? as usize;
    let selectors = bits.get(15)? as usize;
    if !(2..=6).contains(&tables) || selectors == 0 {
        return None;
    }
    let mut order: Vec<u8> = (0..tables as u8).collect();
    let mut chosen = Vec::with_capacity(selectors);
    for _ in 0..selectors {
        let mut j = 0;
        while bits.get(1)? == 1 {
            j += 1;
            if j >= tables {
                return None;
            }
        }
        order[..=j].rotate_right(1);
        chosen.push(order[0]);
    }
    let mut codes = Vec::with_capacity(tables);
    for _ in 0..tables {
        let mut len = bits.get(5)? as u8;
        let mut lengths = Vec::with_capacity(alphabet);
        for _ in 0..alphabet {
            loop {
                if !(1..=20).contains(&len) {
                    return None;
                }
                if bits.get(1)? == 0 {
                    break;
                }
                len = if bits.get(1)? == 0 { len + 1 } else { len - 1 };
            }
            lengths.push(len);
        }
        codes.push(Huffman::new(&lengths));
    }
    // Symbols: RUNA/RUNB spell run lengths of the front byte in bijective
    // base 2; n names the byte n-1 places down the MTF list.
    let mut mtf = used.clone();
    let mut bwt: Vec<u8> = Vec::new();
    let (mut run, mut weight) = (0, 1);
    for i in 0.. {
        let code = &codes[*chosen.get(i / 50)? as usize];
        let sym = code.decode(bits)?;
        if sym <= 1 {
            run += weight << sym;
            weight <<= 1;
            if run > max {
                return None;
            }
            continue;
        }
        bwt.resize(bwt.len() + run, *mtf.first()?);
        (run, weight) = (0, 1);
        if sym == alphabet - 1 {
            break;
        }
        mtf[..sym].rotate_right(1);
        bwt.push(mtf[0]);
        if bwt.len() > max {
            return None;
        }
    }
    if origin >= bwt.len() {
        return None;
    }
    // Inverse BWT: next[i] is where the byte after bwt's i-th byte sits.
    let mut start = [0; 256];
    bwt.iter().for_each(|&b| start[b as usize] += 1);
    let mut sum = 0;
    for s in start.iter_mut() {
        (*s, sum) = (sum, sum + *s);
    }
    let mut next = vec![0u32; bwt.len()];
    for (i, &b) in bwt.iter().enumerate() {
        next[start[b as usize]] = i as u32;
        start[b as usize] += 1;
    }
    // Undo RLE1: after four equal bytes, a count of further copies.
    let mut at = next[origin] as usize;
    let (mut last, mut same) = (None, 0);
    for _ in 0..bwt.len() {
        let b = bwt[at];
        at = next[at] as usize;
        if same == 4 {
            out.resize(out.len() + b as usize, last?);
            same = 0;
            continue;
        }
        same = if Some(b) == last { same + 1 } else { 1 };
        last = Some(b);
        out.push(b);
    }
    Some(())
}
