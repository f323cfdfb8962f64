//! An xz decoder (the `.xz` container around LZMA2, the only filter xz
//! writes by default), enough for ADD: whole input in, whole output out.
//! Blocks with other filters (BCJ, delta) are refused, so ADD copies them.

use super::{crc, crc32, MAX_INFLATED};
use sha2::{Digest, Sha256};

pub fn decode(data: &[u8]) -> Option<Vec<u8>> {
    if data.get(8..12)? != crc32(&data[6..8]).to_le_bytes() {
        return None;
    }
    let check = data[7] & 15;
    let mut at = 12;
    let mut out = Vec::new();
    // Blocks until the index (a zero where a block header size would be).
    while *data.get(at)? != 0 {
        let header = data.get(at..at + (data[at] as usize + 1) * 4)?;
        let (filters, start) = (*header.get(1)?, out.len());
        let mut r = &header[2..];
        for bit in [0x40, 0x80] {
            if filters & bit != 0 {
                varint(&mut r)?;
            }
        }
        // One filter, LZMA2 (0x21) with its one-byte dictionary size.
        if filters & 3 != 0 || varint(&mut r)? != 0x21 || varint(&mut r)? != 1 {
            return None;
        }
        at += header.len();
        at = lzma2(data, at, &mut out)?.next_multiple_of(4);
        let sum = &out[start..];
        let size = if check == 0 { 0 } else { 4 << ((check - 1) / 3) };
        let stored = data.get(at..at + size)?;
        let intact = match check {
            1 => stored == crc32(sum).to_le_bytes(),
            4 => stored == crc(sum, 0xc96c_5795_d787_0f42, u64::MAX).to_le_bytes(),
            10 => stored == Sha256::digest(sum).as_slice(),
            _ => true,
        };
        if !intact {
            return None;
        }
        at += size;
    }
    // The index (its records skipped, its CRC checked), then the footer.
    let index = at;
    let mut r = &data[at + 1..];
    for _ in 0..varint(&mut r)?.checked_mul(2)? {
        varint(&mut r)?;
    }
    at = (data.len() - r.len()).next_multiple_of(4);
    let intact = data.get(at..at + 4)? == crc32(&data[index..at]).to_le_bytes() && data.get(at + 14..at + 16)? == b"YZ";
    intact.then_some(out)
}

fn varint(r: &mut &[u8]) -> Option<u64> {
    let mut n = 0;
    for i in 0..9 {
        let (&b, rest) = r.split_first()?;
        *r = rest;
        n |= u64::from(b & 0x7f) << (7 * i);
        if b < 0x80 {
            return Some(n);
        }
    }
    None
}

/// Decodes LZMA2 chunks from `data[at..]` onto `out`; returns where they end.
fn lzma2(data: &[u8], mut at: usize, out: &mut Vec<u8>) -> Option<usize> {
    let be16 = |i: usize| Some(u16::from_be_bytes([*data.get(i)?, *data.get(i + 1)?]) as usize + 1);
    let mut lz: Option<Lzma> = None;
    let mut dict = out.len();
    loop {
        let control = *data.get(at)?;
        if control == 0 {
            return Some(at + 1);
        }
        if control == 1 || control >= 0xe0 {
            dict = out.len();
        }
        let size = if control < 0x80 { be16(at + 1)? } else { ((control as usize & 0x1f) << 16) + be16(at + 1)? };
        if out.len() + size > MAX_INFLATED {
            return None;
        }
        if control < 0x80 {
            // 1 and 2: stored bytes (with and without a dictionary reset).
            out.extend_from_slice(data.get(at + 3..at + 3 + size).filter(|_| control < 3)?);
            at += 3 + size;
            continue;
        }
        let packed = be16(at + 3)?;
        at += 5;
        let reset = control >> 5 & 3;
        if reset >= 2 {
            let props = *data.get(at)? as usize;
            at += 1;
            let (lc, lp, pb) = (props % 9, props / 9 % 5, props / 45);
            if props >= 225 || lc + lp > 4 {
                return None;
            }
            lz = Some(Lzma::new(lc, lp, pb));
        }
        let lz = lz.as_mut()?;
        if reset == 1 {
            lz.reset();
        }
        let mut rc = Rc::new(data.get(at..at + packed)?)?;
        lz.chunk(&mut rc, out, dict, size)?;
        if rc.at != packed {
            return None;
        }
        at += packed;
    }
}

/// The range decoder.
struct Rc<'a> {
    data: &'a [u8],
    at: usize,
    range: u32,
    code: u32,
}

impl<'a> Rc<'a> {
    fn new(data: &'a [u8]) -> Option<Rc<'a>> {
        let code = u32::from_be_bytes(data.get(1..5)?.try_into().ok()?);
        (data[0] == 0).then_some(Rc { data, at: 5, range: u32::MAX, code })
    }

    fn normalize(&mut self) {
        if self.range < 1 << 24 {
            self.range <<= 8;
            // Past the end reads zeros; the caller then sees `at` overshoot.
            self.code = self.code << 8 | *self.data.get(self.at).unwrap_or(&0) as u32;
            self.at += 1;
        }
    }

    fn bit(&mut self, prob: &mut u16) -> usize {
        let bound = (self.range >> 11) * *prob as u32;
        let bit = if self.code < bound {
            self.range = bound;
            *prob += (2048 - *prob) >> 5;
            0
        } else {
            self.range -= bound;
            self.code -= bound;
            *prob -= *prob >> 5;
            1
        };
        self.normalize();
        bit
    }

    fn direct(&mut self, count: usize) -> usize {
        let mut n = 0;
        for _ in 0..count {
            self.range >>= 1;
            let bit = (self.code >= self.range) as usize;
            if bit == 1 {
                self.code -= self.range;
            }
            n = n << 1 | bit;
            self.normalize();
        }
        n
    }

    /// A bit tree of `bits` levels, most significant bit first.
    fn tree(&mut self, probs: &mut [u16], bits: usize) -> usize {
        let mut m = 1;
        for _ in 0..bits {
            m = m << 1 | self.bit(&mut probs[m]);
        }
        m - (1 << bits)
    }

    /// A bit tree read least significant bit first.
    fn reverse(&mut self, probs: &mut [u16], bits: usize) -> usize {
        let (mut m, mut n) = (1, 0);
        for i in 0..bits {
            let bit = self.bit(&mut probs[m]);
            m = m << 1 | bit;
            n |= bit << i;
        }
        n
    }
}

/// Match lengths: choice bits, then 8 low, 8 middle or 256 high lengths.
#[derive(Clone)]
struct Len([u16; 2 + 16 * 8 * 2 + 256]);

impl Len {
    fn decode(&mut self, rc: &mut Rc, pos_state: usize) -> usize {
        let p = &mut self.0;
        if rc.bit(&mut p[0]) == 0 {
            2 + rc.tree(&mut p[2 + pos_state * 8..], 3)
        } else if rc.bit(&mut p[1]) == 0 {
            10 + rc.tree(&mut p[130 + pos_state * 8..], 3)
        } else {
            18 + rc.tree(&mut p[258..], 8)
        }
    }
}

/// LZMA's probabilities (all reset to one half, 1024) and state.
struct Lzma {
    lc: usize,
    lp: usize,
    pb: usize,
    state: usize,
    reps: [usize; 4],
    is_match: [u16; 192],
    is_rep: [[u16; 12]; 4],
    is_rep0_long: [u16; 192],
    slots: [u16; 256],
    special: [u16; 115],
    align: [u16; 16],
    len: Len,
    rep_len: Len,
    literal: Vec<u16>,
}

impl Lzma {
    fn new(lc: usize, lp: usize, pb: usize) -> Lzma {
        Lzma {
            lc,
            lp,
            pb,
            state: 0,
            reps: [0; 4],
            is_match: [1024; 192],
            is_rep: [[1024; 12]; 4],
            is_rep0_long: [1024; 192],
            slots: [1024; 256],
            special: [1024; 115],
            align: [1024; 16],
            len: Len([1024; 514]),
            rep_len: Len([1024; 514]),
            literal: vec![1024; 0x300 << (lc + lp)],
        }
    }

    fn reset(&mut self) {
        *self = Lzma::new(self.lc, self.lp, self.pb);
    }

    /// Decodes `size` bytes onto `out`; matches reach back to `dict`.
    fn chunk(&mut self, rc: &mut Rc, out: &mut Vec<u8>, dict: usize, size: usize) -> Option<()> {
        let end = out.len() + size;
        while out.len() < end {
            let pos = out.len() - dict;
            let pos_state = pos & ((1 << self.pb) - 1);
            let s = self.state;
            if rc.bit(&mut self.is_match[s << 4 | pos_state]) == 0 {
                let prev = if pos > 0 { out[out.len() - 1] as usize } else { 0 };
                let lit = ((pos & ((1 << self.lp) - 1)) << self.lc) + (prev >> (8 - self.lc));
                let probs = &mut self.literal[0x300 * lit..0x300 * (lit + 1)];
                let mut m = 1;
                if s >= 7 {
                    let mut matched = *out.get(out.len().checked_sub(self.reps[0] + 1)?)? as usize;
                    while m < 0x100 {
                        let mbit = matched >> 7 & 1;
                        matched <<= 1;
                        let bit = rc.bit(&mut probs[0x100 + (mbit << 8) + m]);
                        m = m << 1 | bit;
                        if bit != mbit {
                            break;
                        }
                    }
                }
                while m < 0x100 {
                    m = m << 1 | rc.bit(&mut probs[m]);
                }
                out.push(m as u8);
                self.state = [0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 4, 5][s];
                continue;
            }
            let len = if rc.bit(&mut self.is_rep[0][s]) == 0 {
                let len = self.len.decode(rc, pos_state);
                self.state = if s < 7 { 7 } else { 10 };
                self.reps = [self.distance(rc, len), self.reps[0], self.reps[1], self.reps[2]];
                len
            } else {
                if rc.bit(&mut self.is_rep[1][s]) == 0 {
                    if rc.bit(&mut self.is_rep0_long[s << 4 | pos_state]) == 0 {
                        self.state = if s < 7 { 9 } else { 11 };
                        copy(out, dict, self.reps[0], 1)?;
                        continue;
                    }
                } else {
                    let i = if rc.bit(&mut self.is_rep[2][s]) == 0 { 1 } else { 2 + rc.bit(&mut self.is_rep[3][s]) };
                    self.reps[..=i].rotate_right(1);
                }
                self.state = if s < 7 { 8 } else { 11 };
                self.rep_len.decode(rc, pos_state)
            };
            if len > end - out.len() {
                return None;
            }
            copy(out, dict, self.reps[0], len)?;
        }
        Some(())
    }

    fn distance(&mut self, rc: &mut Rc, len: usize) -> usize {
        let slot = rc.tree(&mut self.slots[(len - 2).min(3) << 6..], 6);
        if slot < 4 {
            return slot;
        }
        let bits = (slot >> 1) - 1;
        let base = (2 | (slot & 1)) << bits;
        if slot < 14 {
            base + rc.reverse(&mut self.special[base - slot..], bits)
        } else {
            base + (rc.direct(bits - 4) << 4) + rc.reverse(&mut self.align, 4)
        }
    }
}

/// Appends `len` bytes copied from `rep + 1` bytes back (overlapping).
fn copy(out: &mut Vec<u8>, dict: usize, rep: usize, len: usize) -> Option<()> {
    let from = out.len().checked_sub(rep + 1).filter(|&f| f >= dict)?;
    for i in from..from + len {
        out.push(out[i]);
    }
    Some(())
}
