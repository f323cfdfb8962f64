//! Sets of bytes: bracket expressions, `.`, `\w`, `\s` and literals (the C locale).

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ByteSet([u64; 4]);

impl ByteSet {
    pub fn new() -> ByteSet {
        ByteSet([0; 4])
    }

    pub fn all() -> ByteSet {
        ByteSet([u64::MAX; 4])
    }

    pub fn byte(b: u8, icase: bool) -> ByteSet {
        let mut s = ByteSet::new();
        s.add(b);
        if icase {
            s.fold();
        }
        s
    }

    pub fn add(&mut self, b: u8) {
        self.0[usize::from(b >> 6)] |= 1 << (b & 63);
    }

    pub fn add_range(&mut self, lo: u8, hi: u8) {
        for b in lo..=hi {
            self.add(b);
        }
    }

    pub fn has(&self, b: u8) -> bool {
        self.0[usize::from(b >> 6)] & (1 << (b & 63)) != 0
    }

    pub fn negate(&mut self) {
        for w in &mut self.0 {
            *w = !*w;
        }
    }

    /// Adds the other case of every ASCII letter in the set.
    pub fn fold(&mut self) {
        for b in b'a'..=b'z' {
            let u = b.to_ascii_uppercase();
            if self.has(b) || self.has(u) {
                self.add(b);
                self.add(u);
            }
        }
    }

    /// Adds a POSIX class by name (`alpha`, `digit`…); false for an unknown name.
    pub fn add_class(&mut self, name: &[u8]) -> bool {
        let test: fn(u8) -> bool = match name {
            b"alpha" => |b| b.is_ascii_alphabetic(),
            b"digit" => |b| b.is_ascii_digit(),
            b"alnum" => |b| b.is_ascii_alphanumeric(),
            b"upper" => |b| b.is_ascii_uppercase(),
            b"lower" => |b| b.is_ascii_lowercase(),
            b"space" => |b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c),
            b"blank" => |b| matches!(b, b' ' | b'\t'),
            b"punct" => |b| b.is_ascii_punctuation(),
            b"print" => |b| (0x20..0x7f).contains(&b),
            b"graph" => |b| (0x21..0x7f).contains(&b),
            b"cntrl" => |b| b < 0x20 || b == 0x7f,
            b"xdigit" => |b| b.is_ascii_hexdigit(),
            _ => return false,
        };
        for b in 0..=255u8 {
            if test(b) {
                self.add(b);
            }
        }
        true
    }
}

/// A word character for `\w`, `\b`, `\<`, `\>`, `grep -w`.
pub fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}
