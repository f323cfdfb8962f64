//! Numbers as awk prints them, and `printf`/`sprintf` formats.

use super::value::Value;

/// `%.6g`-style conversion of `v` with a C format (CONVFMT/OFMT); integral
/// values print as integers.
pub fn num_to_str(v: f64, fmt: &str) -> String {
    if v.is_nan() {
        return if v.is_sign_negative() { "-nan".into() } else { "nan".into() };
    }
    if v.is_infinite() {
        return if v < 0.0 { "-inf".into() } else { "inf".into() };
    }
    if v == v.trunc() {
        match super::value::mode() {
            super::Dialect::Mawk if v.abs() <= 2_147_483_647.0 => return format!("{}", v as i64),
            super::Dialect::Gawk => return if v == 0.0 { "0".into() } else { format!("{v:.0}") },
            // `n == (long long)n`: LLONG_MIN itself prints as an integer.
            super::Dialect::Busybox if (-super::value::TWO_63..super::value::TWO_63).contains(&v) => return format!("{}", v as i64),
            _ => {}
        }
    }
    if fmt == "%.6g" {
        return fmt_g(v, 6, false, false);
    }
    let mut s = sprintf(fmt, &[Value::Num(v)], &mut |_| String::new()).0;
    // BusyBox formats into a 240-byte buffer (snprintf: 239 characters).
    if super::value::mode() == super::Dialect::Busybox && s.len() > 239 {
        s.truncate(s.char_indices().take_while(|(i, _)| *i < 239).last().map_or(0, |(i, ch)| i + ch.len_utf8()));
    }
    s
}

/// `digits` with zeros in front up to `p` digits (a precision of `%d`/`%x`).
fn zero_extend(digits: String, p: usize) -> String {
    if digits.len() >= p {
        return digits;
    }
    let mut out = "0".repeat(p - digits.len());
    out.push_str(&digits);
    out
}

/// C's `%e` body: mantissa with `prec` decimals and a two-digit exponent.
fn fmt_e(v: f64, prec: usize, upper: bool) -> String {
    let s = format!("{v:.prec$e}");
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    let out = format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    if upper {
        out.to_uppercase()
    } else {
        out
    }
}

/// C's `#` flag for the floating conversions: the mantissa always has a
/// decimal point (`%#.0e` of 1 is `1.e+00`, `%#g` of 0 is `0.`).
fn alt_point(s: String) -> String {
    if s.contains('.') {
        return s;
    }
    match s.find(['e', 'E']) {
        Some(i) => format!("{}.{}", &s[..i], &s[i..]),
        None => format!("{s}."),
    }
}

/// C's `%g`: precision `p` significant digits; `alt` (`#`) keeps zeros.
pub fn fmt_g(v: f64, p: usize, upper: bool, alt: bool) -> String {
    let p = p.max(1);
    if v == 0.0 {
        let z = if alt { alt_point(format!("{:.*}", p - 1, 0.0)) } else { "0".into() };
        return if v.is_sign_negative() { format!("-{z}") } else { z };
    }
    let e = format!("{v:.*e}", p - 1);
    let x: i32 = e.split_once('e').map_or(0, |(_, x)| x.parse().unwrap_or(0));
    let s = if x < -4 || x >= p as i32 { fmt_e(v, p - 1, upper) } else { format!("{v:.*}", (p as i32 - 1 - x).max(0) as usize) };
    if alt {
        return alt_point(s);
    }
    // Strip trailing zeros of the fraction (before any exponent).
    let (mant, exp) = match s.find(['e', 'E']) {
        Some(i) => (s[..i].to_string(), s[i..].to_string()),
        None => (s.clone(), String::new()),
    };
    let mant = if mant.contains('.') { mant.trim_end_matches('0').trim_end_matches('.').to_string() } else { mant };
    format!("{mant}{exp}")
}

/// A double as the flavour's printf takes an integer from it: mawk's d_to_I
/// clamps to ±INT_MAX (NaN gives -INT_MAX); BusyBox's `(int)d` gives
/// INT_MIN out of range (x86's conversion).
fn c_int(v: f64) -> i32 {
    match super::value::mode() {
        super::Dialect::Mawk => {
            if v >= 2_147_483_647.0 {
                2_147_483_647
            } else if v > -2_147_483_647.0 {
                v as i32
            } else {
                -2_147_483_647
            }
        }
        _ => {
            if v.is_nan() || v >= 2_147_483_648.0 || v <= -2_147_483_649.0 {
                i32::MIN
            } else {
                v as i32
            }
        }
    }
}

/// `%c` of a number: the low byte (a byte past ASCII is not text: shown as
/// U+FFFD, as the simulator shows any such byte).
fn byte_char(n: i32) -> String {
    let b = n as u8;
    if b < 0x80 {
        char::from(b).to_string()
    } else {
        '\u{FFFD}'.to_string()
    }
}

fn pad(s: String, width: usize, left: bool, zero: bool) -> String {
    let n = s.chars().count();
    if n >= width {
        return s;
    }
    let fill = width - n;
    if left {
        format!("{s}{}", " ".repeat(fill))
    } else if zero {
        let sign_len = usize::from(s.starts_with(['-', '+', ' ']));
        let prefix_len = if s[sign_len..].starts_with("0x") || s[sign_len..].starts_with("0X") { sign_len + 2 } else { sign_len };
        format!("{}{}{}", &s[..prefix_len], "0".repeat(fill), &s[prefix_len..])
    } else {
        format!("{}{s}", " ".repeat(fill))
    }
}

/// What `sprintf` made.
pub struct Formatted {
    pub text: String,
    /// Where the arguments ran out (mawk and gawk then fail; BusyBox uses empty values).
    pub ran_out: Option<usize>,
    /// The format's character index of the conversion that ran out.
    pub ran_out_conv: usize,
    /// A `*` width or precision (BusyBox refuses them).
    pub star: bool,
    /// mawk's "improper conversion": the number of the conversion (`ran_out`
    /// then says where the text stops).
    pub bad: Option<usize>,
}

/// Formats `fmt` with `args`. `to_str` converts a number to a string
/// (CONVFMT) for `%s`.
pub fn format(fmt: &str, args: &[Value], to_str: &mut dyn FnMut(f64) -> String) -> Formatted {
    let (text, ran_out, star, ran_out_conv, bad) = sprintf_inner(fmt, args, to_str);
    Formatted { text, ran_out, star, ran_out_conv, bad }
}

/// The text alone.
pub fn sprintf(fmt: &str, args: &[Value], to_str: &mut dyn FnMut(f64) -> String) -> (String, bool) {
    let f = format(fmt, args, to_str);
    (f.text, f.ran_out.is_some())
}

type Inner = (String, Option<usize>, bool, usize, Option<usize>);

fn sprintf_inner(fmt: &str, args: &[Value], to_str: &mut dyn FnMut(f64) -> String) -> Inner {
    let c: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut next = 0;
    let mut ran_out = false;
    let mut ran_out_at = None;
    let mut star = false;
    let mut conv_at = 0;
    // mawk's count of conversions (for "improper conversion"), BusyBox's of pieces.
    let mut conversions = 0;
    let mut pieces = 0;
    let mut bad = None;
    let mut i = 0;
    while i < c.len() {
        if ran_out && ran_out_at.is_none() {
            ran_out_at = Some(out.len());
        }
        if c[i] != '%' {
            out.push(c[i]);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        conversions += 1;
        let (mut left, mut plus, mut space, mut alt, mut zero) = (false, false, false, false, false);
        while i < c.len() {
            match c[i] {
                '-' => left = true,
                '+' => plus = true,
                ' ' => space = true,
                '#' => alt = true,
                '0' => zero = true,
                _ => break,
            }
            i += 1;
        }
        let take_num = |i: &mut usize, next: &mut usize, ran_out: &mut bool, star_used: &mut bool| -> Option<i64> {
            if c.get(*i) == Some(&'*') {
                *i += 1;
                *star_used = true;
                let v = args.get(*next).map(Value::num);
                if v.is_none() {
                    *ran_out = true;
                }
                *next += 1;
                return Some(v.unwrap_or(0.0) as i64);
            }
            let s = *i;
            while c.get(*i).is_some_and(char::is_ascii_digit) {
                *i += 1;
            }
            (*i > s).then(|| c[s..*i].iter().collect::<String>().parse().unwrap_or(i64::MAX).min(1 << 24))
        };
        let mut width = take_num(&mut i, &mut next, &mut ran_out, &mut star).unwrap_or(0);
        if width < 0 {
            left = true;
            width = -width;
        }
        let width = width.min(1 << 24) as usize;
        let mut prec = None;
        // mawk formats `%c` and `%s` itself: a `.` without digits (or `*`)
        // sets no precision there.
        let mut prec_given = false;
        if c.get(i) == Some(&'.') {
            i += 1;
            let p = take_num(&mut i, &mut next, &mut ran_out, &mut star);
            prec_given = p.is_some();
            prec = Some(p.unwrap_or(0)).filter(|p| *p >= 0).map(|p| p.min(1 << 24) as usize);
        }
        let mode = super::value::mode();
        if mode == super::Dialect::Mawk && !(i == start + 1 && c.get(i) == Some(&'%')) {
            // mawk takes one `l` or `h`, then one of its conversions; anything
            // else is an "improper conversion" (after the argument check).
            let modifier = matches!(c.get(i), Some('h' | 'l'));
            if modifier {
                i += 1;
            }
            let conv = c.get(i).copied();
            let fine = match conv {
                Some('d' | 'i' | 'o' | 'x' | 'X' | 'u') => true,
                Some('c' | 's' | 'e' | 'E' | 'f' | 'g' | 'G') => !modifier,
                _ => false,
            };
            if !fine {
                if ran_out_at.is_none() {
                    ran_out_at = Some(out.len());
                    conv_at = start;
                }
                if args.get(next).is_none() {
                    ran_out = true;
                } else {
                    bad = Some(conversions);
                }
                break;
            }
        }
        // Length modifiers are accepted and ignored.
        while matches!(c.get(i), Some('h' | 'l' | 'L' | 'q' | 'j' | 'z' | 't')) {
            i += 1;
        }
        let Some(&conv) = c.get(i) else {
            out.extend(&c[start..]);
            break;
        };
        i += 1;
        if conv == '%' {
            let plain = i == start + 2;
            match super::value::mode() {
                super::Dialect::Busybox if !plain => out.extend(&c[start..i]),
                super::Dialect::Mawk if !plain && args.get(next).is_none() => {
                    ran_out = true;
                    if ran_out_at.is_none() {
                        ran_out_at = Some(out.len());
                        conv_at = start;
                    }
                }
                _ => out.push('%'),
            }
            pieces += 1;
            continue;
        }
        if !"cdiouxXeEfFgGs".contains(conv) {
            out.extend(&c[start..i]);
            continue;
        }
        let arg = match args.get(next) {
            Some(a) => a.clone(),
            None => {
                if ran_out_at.is_none() {
                    ran_out_at = Some(out.len());
                    conv_at = start;
                }
                ran_out = true;
                Value::Uninit
            }
        };
        next += 1;
        let sign = |neg: bool| {
            if neg {
                "-"
            } else if plus {
                "+"
            } else if space {
                " "
            } else {
                ""
            }
        };
        let text = match conv {
            'c' => {
                let s = match &arg {
                    // mawk and BusyBox print one byte: a number's (through
                    // their int conversions), NUL for an empty or unset value.
                    Value::Num(_) | Value::Uninit if mode != super::Dialect::Gawk => byte_char(c_int(arg.num())),
                    Value::StrNum(s) if mode != super::Dialect::Gawk && super::value::looks_numeric(s) => byte_char(c_int(arg.num())),
                    Value::Num(n) => char::from_u32(*n as u32).map(String::from).unwrap_or_default(),
                    other => match other.str_with(to_str).chars().next() {
                        Some(ch) => String::from(ch),
                        None if mode != super::Dialect::Gawk => "\0".into(),
                        None => String::new(),
                    },
                };
                match mode {
                    // mawk's own %c: the byte cut by a precision (`%.0c` is empty).
                    super::Dialect::Mawk => pad(if prec_given && prec == Some(0) { String::new() } else { s }, width, left, false),
                    // BusyBox formats NUL into its buffer and then copies the
                    // piece (the text since the last conversion) with strcpy:
                    // but for the first piece, from the NUL on the bytes are
                    // the allocation's (zeros).
                    super::Dialect::Busybox if s == "\0" && pieces > 0 => {
                        let t = pad(s, width, left, false);
                        let at = t.find('\0').unwrap_or(0);
                        format!("{}{}", &t[..at], "\0".repeat(t.len() - at))
                    }
                    _ => pad(s, width, left, false),
                }
            }
            's' => {
                let mut s = arg.str_with(to_str);
                let mawk = mode == super::Dialect::Mawk;
                if let Some(p) = prec.filter(|_| prec_given || !mawk) {
                    s = s.chars().take(p).collect();
                }
                // mawk writes one space for an empty string with the space
                // flag, then pads to the width as if it were not there.
                let lead = if mawk && space && arg.str_with(to_str).is_empty() { " " } else { "" };
                format!("{lead}{}", pad(s, width, left, false))
            }
            'd' | 'i' => {
                let v = match super::value::mode() {
                    super::Dialect::Gawk => arg.num(),
                    _ => f64::from(c_int(arg.num())),
                };
                if !v.is_finite() {
                    pad(format!("{}{}", sign(v < 0.0), if v.is_nan() { "nan" } else { "inf" }), width, left, false)
                } else {
                    let n = v.trunc();
                    let mut digits = format!("{}", n.abs() as u128);
                    if n.abs() >= 1e30 {
                        digits = format!("{:.0}", n.abs());
                    }
                    if let Some(p) = prec {
                        if p == 0 && n == 0.0 {
                            digits.clear();
                        }
                        digits = zero_extend(digits, p);
                    }
                    pad(format!("{}{digits}", sign(n < 0.0)), width, left, zero && prec.is_none())
                }
            }
            'o' | 'u' | 'x' | 'X' => {
                let v = arg.num();
                let n = match super::value::mode() {
                    // mawk's d_to_U: clamped to 0..=UINT_MAX.
                    super::Dialect::Mawk if v.is_nan() || v <= 0.0 => 0,
                    super::Dialect::Mawk => v.min(4_294_967_295.0) as u64,
                    // BusyBox passes `(int)d` to printf.
                    super::Dialect::Busybox => u64::from(c_int(v) as u32),
                    _ if v < 0.0 => (v as i64) as u64,
                    _ => v.min(u64::MAX as f64) as u64,
                };
                let mut digits = match conv {
                    'o' => format!("{n:o}"),
                    'x' => format!("{n:x}"),
                    'X' => format!("{n:X}"),
                    _ => n.to_string(),
                };
                if let Some(p) = prec {
                    if p == 0 && n == 0 {
                        digits.clear();
                    }
                    digits = zero_extend(digits, p);
                }
                if alt && conv == 'o' && !digits.starts_with('0') {
                    digits.insert(0, '0');
                }
                if alt && n != 0 {
                    match conv {
                        'x' => digits.insert_str(0, "0x"),
                        'X' => digits.insert_str(0, "0X"),
                        _ => {}
                    }
                }
                pad(digits, width, left, zero && prec.is_none())
            }
            _ => {
                let v = arg.num();
                let p = prec.unwrap_or(6);
                let body = if !v.is_finite() {
                    let s = if v.is_nan() { "nan" } else { "inf" };
                    if conv.is_ascii_uppercase() {
                        s.to_uppercase()
                    } else {
                        s.to_string()
                    }
                } else {
                    match conv {
                        'f' | 'F' => {
                            let s = format!("{:.p$}", v.abs());
                            if alt && p == 0 {
                                format!("{s}.")
                            } else {
                                s
                            }
                        }
                        'e' | 'E' if alt => alt_point(fmt_e(v.abs(), p, conv == 'E')),
                        'e' | 'E' => fmt_e(v.abs(), p, conv == 'E'),
                        _ => fmt_g(v.abs(), if p == 0 { 1 } else { p }, conv == 'G', alt),
                    }
                };
                // C prints the sign of -0 and of a negative NaN (`-nan`,
                // `-0.000000`, `-0`); gawk drops it for zero.
                let neg = v.is_sign_negative()
                    && (super::value::mode() != super::Dialect::Gawk
                        || (!v.is_nan() && (v != 0.0 || body.chars().any(|c| c != '0' && c != '.'))));
                pad(format!("{}{body}", sign(neg)), width, left, zero && v.is_finite())
            }
        };
        out.push_str(&text);
        pieces += 1;
    }
    if ran_out && ran_out_at.is_none() {
        ran_out_at = Some(out.len());
    }
    (out, ran_out_at, star, conv_at, bad)
}
