//! `--since` / `--until` values as the Docker CLI reads them (moby's
//! `GetTimestamp`): a Go duration before now, a date in one of the RFC 3339
//! shapes (local time is UTC in the simulator), or Unix `seconds[.nanos]`.
//! Errors carry Go's `time.Parse` wording.

const NS: i64 = 1_000_000_000;

/// The `--since` and `--until` flags of `p` as nanoseconds (absent or
/// empty: `None`); an error names the flag.
pub fn window(p: &super::flags::Parsed, now_secs: i64) -> Result<[Option<i64>; 2], (&'static str, String)> {
    let mut bounds = [None, None];
    for (slot, name) in bounds.iter_mut().zip(["since", "until"]) {
        if let Some(value) = p.value(name).filter(|v| !v.is_empty()) {
            *slot = Some(timestamp(value, now_secs).map_err(|e| (name, e))?);
        }
    }
    Ok(bounds)
}

/// Nanoseconds since the epoch that `value` names, `now` being the client's clock.
pub fn timestamp(value: &str, now_secs: i64) -> Result<i64, String> {
    if value != "0" {
        if let Some(d) = go_duration(value) {
            return Ok((now_secs * NS - d).div_euclid(NS) * NS);
        }
    }
    let local = !value.contains(['z', 'Z', '+']) && value.matches('-').count() != 3;
    let layout = if value.contains('.') {
        if local {
            "2006-01-02T15:04:05.999999999"
        } else {
            "2006-01-02T15:04:05.999999999Z07:00"
        }
    } else if value.contains('T') {
        let mut colons = value.matches(':').count();
        if !local && !value.contains(['z', 'Z']) && colons > 0 {
            colons -= 1;
        }
        match (local, colons) {
            (true, 0) => "2006-01-02T15",
            (true, 1) => "2006-01-02T15:04",
            (true, _) => "2006-01-02T15:04:05",
            (false, 0) => "2006-01-02T15Z07:00",
            (false, 1) => "2006-01-02T15:04Z07:00",
            (false, _) => "2006-01-02T15:04:05Z07:00",
        }
    } else if local {
        "2006-01-02"
    } else {
        "2006-01-02Z07:00"
    };
    match parse_layout(layout, value) {
        Ok(ns) => Ok(ns),
        Err(e) if value.contains('-') => Err(e),
        Err(_) => unix(value).ok_or_else(|| format!("failed to parse value as time or duration: \"{value}\"")),
    }
}

/// Go's `time.ParseDuration`, in nanoseconds.
pub fn go_duration(s: &str) -> Option<i64> {
    let (neg, mut rest) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    if rest == "0" {
        return Some(0);
    }
    if rest.is_empty() {
        return None;
    }
    let mut total = 0f64;
    while !rest.is_empty() {
        let num_len = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        let number = &rest[..num_len];
        if number.is_empty() || number == "." || number.matches('.').count() > 1 {
            return None;
        }
        rest = &rest[num_len..];
        let unit_len = rest.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(rest.len());
        let scale = match &rest[..unit_len] {
            "ns" => 1.0,
            "us" | "µs" | "μs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return None,
        };
        rest = &rest[unit_len..];
        total += number.parse::<f64>().ok()? * scale;
    }
    (total <= i64::MAX as f64).then_some(if neg { -(total as i64) } else { total as i64 })
}

/// `seconds[.nanoseconds]`.
fn unix(value: &str) -> Option<i64> {
    let (secs, frac) = value.split_once('.').unwrap_or((value, ""));
    let secs: i64 = secs.parse().ok()?;
    let nanos = if frac.is_empty() {
        0
    } else {
        if frac.len() > 9 || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        format!("{frac:0<9}").parse::<i64>().ok()?
    };
    secs.checked_mul(NS)?.checked_add(if secs < 0 { -nanos } else { nanos })
}

/// The subset of Go's `time.Parse` these layouts use.
fn parse_layout(layout: &str, value: &str) -> Result<i64, String> {
    let bad = |rest: &str, elem: &str| format!("parsing time \"{value}\" as \"{layout}\": cannot parse \"{rest}\" as \"{elem}\"");
    let range = |what: &str| format!("parsing time \"{value}\": {what} out of range");
    let (mut y, mut mo, mut d, mut h, mut mi, mut s, mut nanos, mut offset) = (0i64, 1u32, 1u32, 0u32, 0u32, 0u32, 0i64, 0i64);
    let mut lay = layout;
    let mut v = value;
    while !lay.is_empty() {
        let elem = ["2006", "01", "02", "15", "04", "05", ".999999999", "Z07:00"].into_iter().find(|e| lay.starts_with(e));
        let Some(elem) = elem else {
            let lit = &lay[..1];
            if !v.starts_with(lit) {
                return Err(bad(v, lit));
            }
            lay = &lay[1..];
            v = &v[1..];
            continue;
        };
        lay = &lay[elem.len()..];
        let digits = |v: &str, fixed: bool| -> Option<(u32, usize)> {
            let n = v.bytes().take(2).take_while(u8::is_ascii_digit).count();
            if n == 0 || (fixed && n < 2) {
                return None;
            }
            Some((v[..n].parse().ok()?, n))
        };
        match elem {
            "2006" => {
                if v.len() < 4 || !v.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
                    return Err(bad(v, elem));
                }
                y = v[..4].parse().map_err(|_| bad(v, elem))?;
                v = &v[4..];
            }
            "01" | "02" | "15" | "04" | "05" => {
                let (n, len) = digits(v, elem != "15").ok_or_else(|| bad(v, elem))?;
                v = &v[len..];
                match elem {
                    "01" if !(1..=12).contains(&n) => return Err(range("month")),
                    "01" => mo = n,
                    "02" => d = n,
                    "15" if n > 23 => return Err(range("hour")),
                    "15" => h = n,
                    "04" if n > 59 => return Err(range("minute")),
                    "04" => mi = n,
                    "05" if n > 59 => return Err(range("second")),
                    _ => s = n,
                }
                if elem == "05" && v.len() > 1 && v.starts_with('.') && v.as_bytes()[1].is_ascii_digit() && !lay.starts_with('.') {
                    let n = v[1..].bytes().take_while(u8::is_ascii_digit).count();
                    nanos = fraction(&v[1..1 + n]);
                    v = &v[1 + n..];
                }
            }
            ".999999999" => {
                if v.starts_with('.') {
                    let n = v[1..].bytes().take_while(u8::is_ascii_digit).count();
                    nanos = fraction(&v[1..1 + n]);
                    v = &v[1 + n..];
                }
            }
            _ => {
                if let Some(rest) = v.strip_prefix('Z') {
                    v = rest;
                } else {
                    let b = v.as_bytes();
                    let ok =
                        b.len() >= 6 && matches!(b[0], b'+' | b'-') && b[3] == b':' && [1, 2, 4, 5].iter().all(|&i| b[i].is_ascii_digit());
                    if !ok {
                        return Err(bad(v, elem));
                    }
                    let hh: i64 = v[1..3].parse().unwrap_or(0);
                    let mm: i64 = v[4..6].parse().unwrap_or(0);
                    offset = (hh * 3600 + mm * 60) * if b[0] == b'-' { -1 } else { 1 };
                    v = &v[6..];
                }
            }
        }
    }
    if !v.is_empty() {
        return Err(format!("parsing time \"{value}\": extra text: \"{v}\""));
    }
    if d < 1 || d > days_in(y, mo) {
        return Err(range("day"));
    }
    Ok((crate::time::unix_from_civil(y, mo, d, h, mi, s) - offset) * NS + nanos)
}

fn fraction(digits: &str) -> i64 {
    let nine: String = digits.chars().chain(std::iter::repeat('0')).take(9).collect();
    nine.parse().unwrap_or(0)
}

fn days_in(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_700_000_000; // 2023-11-14T22:13:20Z

    #[test]
    fn durations_count_back_from_now() {
        assert_eq!(timestamp("10m", NOW), Ok((NOW - 600) * NS));
        assert_eq!(timestamp("1h30m", NOW), Ok((NOW - 5400) * NS));
        assert_eq!(timestamp("1.5s", NOW), Ok((NOW - 2) * NS));
        assert_eq!(go_duration("7d"), None);
    }

    #[test]
    fn dates_and_unix_stamps() {
        assert_eq!(timestamp("2023-11-14", NOW), Ok((NOW - 80_000) * NS));
        assert_eq!(timestamp("2023-11-14T22:13:20Z", NOW), Ok(NOW * NS));
        assert_eq!(timestamp("2023-11-14T22:13", NOW), Ok((NOW - 20) * NS));
        assert_eq!(timestamp("2023-11-14T23:13:20+01:00", NOW), Ok(NOW * NS));
        assert_eq!(timestamp("2023-11-14T22:13:20.5", NOW), Ok(NOW * NS + 500_000_000));
        assert_eq!(timestamp("1700000000.000000001", NOW), Ok(NOW * NS + 1));
        assert_eq!(timestamp("0", NOW), Ok(0));
    }

    #[test]
    fn errors_read_like_docker() {
        assert_eq!(timestamp("13:50", NOW), Err("failed to parse value as time or duration: \"13:50\"".into()));
        assert_eq!(timestamp("7d", NOW), Err("failed to parse value as time or duration: \"7d\"".into()));
        assert_eq!(timestamp("2023-13-01", NOW), Err("parsing time \"2023-13-01\": month out of range".into()));
        assert_eq!(timestamp("2023-02-30", NOW), Err("parsing time \"2023-02-30\": day out of range".into()));
        assert_eq!(
            timestamp("23-11-14", NOW),
            Err("parsing time \"23-11-14\" as \"2006-01-02\": cannot parse \"23-11-14\" as \"2006\"".into())
        );
        assert_eq!(timestamp("2023-11-14x", NOW), Err("parsing time \"2023-11-14x\": extra text: \"x\"".into()));
    }
}
