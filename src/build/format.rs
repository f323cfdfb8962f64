//! Small text formats BuildKit and Go print: `%q`, `%q` of a string slice,
//! `tonistiigi/units` byte sizes, `%.1f` seconds.

/// Go's `strconv.Quote`: printable Unicode stays, control characters are escaped.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if c.is_control() => {
                if (c as u32) < 0x10000 {
                    out.push_str(&format!("\\u{:04x}", c as u32))
                } else {
                    out.push_str(&format!("\\U{:08x}", c as u32))
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Go's `%q` of a `[]string`: `["/bin/sh" "-c" "x"]`.
pub fn go_quote_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| go_quote(s)).collect();
    format!("[{}]", quoted.join(" "))
}

/// Go's `%v` of a `[]string`: `[a b]`.
pub fn go_list(items: &[String]) -> String {
    format!("[{}]", items.join(" "))
}

/// `tonistiigi/units` `%.2f` of a byte count: `282B`, `1.55kB`, `3.40MB`.
pub fn bytes(n: u64) -> String {
    if n < 1000 {
        return format!("{n}B");
    }
    let units = ["kB", "MB", "GB", "TB", "PB", "EB"];
    let mut value = n as f64 / 1000.0;
    let mut i = 0;
    while value >= 1000.0 && i + 1 < units.len() {
        value /= 1000.0;
        i += 1;
    }
    format!("{value:.2}{}", units[i])
}

/// Seconds with one decimal from milliseconds, as `%.1f` prints them.
pub fn secs(ms: u64) -> String {
    // Go rounds half to even on the binary value; milliseconds are exact enough.
    format!("{:.1}", ms as f64 / 1000.0)
}

/// Seconds with three decimals (the log-line timestamps).
pub fn secs3(ms: u64) -> String {
    format!("{}.{:03}", ms / 1000, ms % 1000)
}

/// Go's `time.Duration.String()` of nanoseconds (`0s`, `1.5s`, `1m30s`, `500ms`).
pub fn go_duration(ns: u64) -> String {
    if ns == 0 {
        return "0s".into();
    }
    if ns < 1_000_000_000 {
        let (unit, div) = if ns < 1_000 {
            ("ns", 1u64)
        } else if ns < 1_000_000 {
            ("µs", 1_000)
        } else {
            ("ms", 1_000_000)
        };
        return format!("{}{unit}", trim_float(ns as f64 / div as f64));
    }
    let (h, rem) = (ns / 3_600_000_000_000, ns % 3_600_000_000_000);
    let (m, rem) = (rem / 60_000_000_000, rem % 60_000_000_000);
    let secs = trim_float(rem as f64 / 1e9);
    match (h, m) {
        (0, 0) => format!("{secs}s"),
        (0, m) => format!("{m}m{secs}s"),
        (h, m) => format!("{h}h{m}m{secs}s"),
    }
}

fn trim_float(v: f64) -> String {
    let s = format!("{v:.9}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Go's `%q` of an integer: a quoted rune literal (`'\x03'`, `'a'`).
pub fn go_rune(n: u64) -> String {
    match char::from_u32(n as u32) {
        Some(c) if !c.is_control() && n >= 0x20 => format!("'{c}'"),
        _ if n < 0x80 => format!("'\\x{n:02x}'"),
        _ => format!("'\\u{n:04x}'"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_like_go() {
        assert_eq!(go_quote("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
        assert_eq!(go_quote("♥\u{0}"), "\"♥\\x00\"");
        assert_eq!(go_quote_list(&["node".into(), "server.js ".into()]), "[\"node\" \"server.js \"]");
    }

    #[test]
    fn sizes_like_units() {
        assert_eq!(bytes(2), "2B");
        assert_eq!(bytes(999), "999B");
        assert_eq!(bytes(1550), "1.55kB");
        assert_eq!(bytes(169_770), "169.77kB");
        assert_eq!(bytes(3_400_000), "3.40MB");
        assert_eq!(bytes(1_000_000), "1.00MB");
    }

    #[test]
    fn go_durations_and_runes() {
        assert_eq!(go_duration(0), "0s");
        assert_eq!(go_duration(30_000_000_000), "30s");
        assert_eq!(go_duration(90_000_000_000), "1m30s");
        assert_eq!(go_duration(1_500_000_000), "1.5s");
        assert_eq!(go_duration(500_000_000), "500ms");
        assert_eq!(go_rune(3), "'\\x03'");
        assert_eq!(go_rune(0), "'\\x00'");
    }

    #[test]
    fn seconds() {
        assert_eq!(secs(0), "0.0");
        assert_eq!(secs(1340), "1.3");
        assert_eq!(secs3(75), "0.075");
        assert_eq!(secs3(12_345), "12.345");
    }
}
