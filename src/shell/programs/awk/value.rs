//! awk values: numbers, strings, and "strnums" (input text that compares as
//! a number when it looks like one).

use super::lex::number_prefix;
use std::cmp::Ordering;

thread_local! {
    /// The flavour running on this thread: number conversions differ a little
    /// (mawk and BusyBox read `0x1A` as a number; integer output ranges).
    static MODE: std::cell::Cell<super::Dialect> = const { std::cell::Cell::new(super::Dialect::Mawk) };
}

/// 2^63: where C's `(long long)d` stops (beyond, and for NaN, x86 gives LLONG_MIN).
pub const TWO_63: f64 = 9_223_372_036_854_775_808.0;

pub fn set_mode(d: super::Dialect) {
    MODE.with(|m| m.set(d));
}

pub fn mode() -> super::Dialect {
    MODE.with(std::cell::Cell::get)
}

/// A hexadecimal number (`0x1A`) at the start of `b`, as strtod reads it.
fn hex_prefix(b: &[u8]) -> Option<(f64, usize)> {
    if mode() == super::Dialect::Gawk {
        return None;
    }
    let (neg, i) = match b.first() {
        Some(b'-') => (true, 1),
        Some(b'+') => (false, 1),
        _ => (false, 0),
    };
    if !(b.get(i) == Some(&b'0') && matches!(b.get(i + 1), Some(b'x' | b'X'))) {
        return None;
    }
    let mut j = i + 2;
    let mut v = 0f64;
    while let Some(d) = b.get(j).and_then(|c| (*c as char).to_digit(16)) {
        v = v * 16.0 + f64::from(d);
        j += 1;
    }
    (j > i + 2).then_some((if neg { -v } else { v }, j))
}

/// BusyBox's my_strtod: text starting `0` and a digit is an octal integer
/// (`010` is 8) unless a digit or `.` follows the octal digits (`09`, `010.5`
/// go to strtod).
fn octal_prefix(b: &[u8]) -> Option<(f64, usize)> {
    if mode() != super::Dialect::Busybox || b.first() != Some(&b'0') || !b.get(1).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let mut j = 1;
    let mut v = 0f64;
    while let Some(d) = b.get(j).filter(|c| (b'0'..=b'7').contains(c)) {
        v = v * 8.0 + f64::from(d - b'0');
        j += 1;
    }
    (!matches!(b.get(j), Some(b'0'..=b'9' | b'.'))).then_some((v, j))
}

/// strtod's `inf`, `infinity` and `nan` (any case, after a sign), which
/// mawk's and BusyBox's conversions read.
fn inf_nan_prefix(b: &[u8]) -> Option<(f64, usize)> {
    if mode() == super::Dialect::Gawk {
        return None;
    }
    let (neg, i) = match b.first() {
        Some(b'-') => (true, 1),
        Some(b'+') => (false, 1),
        _ => (false, 0),
    };
    let rest: Vec<u8> = b[i..].iter().take(8).map(u8::to_ascii_lowercase).collect();
    let (v, n) = if rest.starts_with(b"infinity") {
        (f64::INFINITY, 8)
    } else if rest.starts_with(b"inf") {
        (f64::INFINITY, 3)
    } else if rest.starts_with(b"nan") {
        (f64::NAN, 3)
    } else {
        return None;
    };
    Some((if neg { -v } else { v }, i + n))
}

/// The number at the start of `b`; `blanks`: blanks came before it (BusyBox
/// looks for octal only at the very start).
fn num_prefix(b: &[u8], blanks: bool) -> (f64, usize) {
    (if blanks { None } else { octal_prefix(b) })
        .or_else(|| hex_prefix(b))
        .or_else(|| inf_nan_prefix(b))
        .unwrap_or_else(|| number_prefix(b))
}

#[derive(Clone, Debug, Default)]
pub enum Value {
    #[default]
    Uninit,
    Num(f64),
    Str(String),
    /// Text from input (fields, getline, split, ARGV, ENVIRON, `-v`).
    StrNum(String),
}

fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// The number at the start of `s` (after blanks), 0 if none: awk's `+s`.
pub fn str_to_num(s: &str) -> f64 {
    let b = s.as_bytes();
    let start = b.iter().position(|&c| !is_blank(c)).unwrap_or(b.len());
    num_prefix(&b[start..], start > 0).0
}

/// Whether all of `s` (blanks aside) is one number.
pub fn looks_numeric(s: &str) -> bool {
    let b = s.as_bytes();
    let start = b.iter().position(|&c| !is_blank(c)).unwrap_or(b.len());
    let end = b.iter().rposition(|&c| !is_blank(c)).map_or(start, |e| e + 1);
    if start >= end {
        return false;
    }
    // mawk: the text must start with a digit, sign or `.` and end with a
    // digit or `.` (so `0x1A` and `-nan` are strings), and not overflow.
    if mode() == super::Dialect::Mawk
        && (!matches!(b[start], b'0'..=b'9' | b'+' | b'-' | b'.') || !matches!(b[end - 1], b'0'..=b'9' | b'.'))
    {
        return false;
    }
    let (v, n) = num_prefix(&b[start..end], start > 0);
    if mode() == super::Dialect::Mawk && v.is_infinite() {
        return false;
    }
    n > 0 && n == end - start
}

impl Value {
    pub fn num(&self) -> f64 {
        match self {
            Value::Uninit => 0.0,
            Value::Num(n) => *n,
            Value::Str(s) | Value::StrNum(s) => str_to_num(s),
        }
    }

    /// The string value; numbers go through `to_str` (CONVFMT or OFMT).
    pub fn str_with(&self, to_str: &mut dyn FnMut(f64) -> String) -> String {
        match self {
            Value::Uninit => String::new(),
            Value::Num(n) => to_str(*n),
            Value::Str(s) | Value::StrNum(s) => s.clone(),
        }
    }

    pub fn truthy(&self) -> bool {
        match self {
            Value::Uninit => false,
            Value::Num(n) => *n != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::StrNum(s) => {
                if looks_numeric(s) {
                    str_to_num(s) != 0.0
                } else {
                    !s.is_empty()
                }
            }
        }
    }

    /// Whether comparisons treat it as a number.
    pub fn numeric(&self) -> bool {
        match self {
            Value::Uninit | Value::Num(_) => true,
            Value::Str(_) => false,
            Value::StrNum(s) => looks_numeric(s),
        }
    }
}

/// awk's comparison: numeric when both sides are numeric, else as strings.
pub fn compare(a: &Value, b: &Value, to_str: &mut dyn FnMut(f64) -> String) -> Ordering {
    if a.numeric() && b.numeric() {
        let (x, y) = (a.num(), b.num());
        return x.partial_cmp(&y).unwrap_or(if x.is_nan() && !y.is_nan() { Ordering::Greater } else { Ordering::Less });
    }
    a.str_with(to_str).as_bytes().cmp(b.str_with(to_str).as_bytes())
}
