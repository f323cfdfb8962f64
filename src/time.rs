//! Simulated time. The core never reads a clock: the embedder passes the
//! current Unix time in, and every timestamp is derived from it.

/// Formats Unix seconds as RFC 3339 UTC (`2024-01-02T03:04:05Z`), as Go's
/// `time.Time` marshals a whole-second UTC time.
pub fn rfc3339(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// Formats nanoseconds since the epoch as Docker's `RFC3339NanoFixed`
/// (`2024-01-02T03:04:05.000000000Z`), the stamp `docker logs -t` prints.
pub fn rfc3339_nano_fixed(ns: i64) -> String {
    let secs = ns.div_euclid(1_000_000_000);
    let frac = ns.rem_euclid(1_000_000_000);
    let whole = rfc3339(secs);
    format!("{}.{frac:09}Z", whole.trim_end_matches('Z'))
}

/// The latest instant the simulated clock reaches (2255-03-14): times in
/// nanoseconds, as Docker stores them, stay inside an i64. `sleep` stops there.
pub const MAX_SECS: i64 = 9_000_000_000;

/// A UTC civil date and time: (year, month, day, hour, minute, second).
pub fn civil(secs: i64) -> (i64, u32, u32, u32, u32, u32) {
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let rem = secs.rem_euclid(86_400) as u32;
    (y, m, d, rem / 3600, rem % 3600 / 60, rem % 60)
}

/// Unix seconds of a UTC civil date and time (the inverse of [`rfc3339`]).
pub fn unix_from_civil(y: i64, m: u32, d: u32, hh: u32, mm: u32, ss: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 } as i64;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + hh as i64 * 3600 + mm as i64 * 60 + ss as i64
}

/// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// The default simulated start time: 2026-01-01T00:00:00Z. The same default
/// everywhere keeps digests identical natively and in the browser.
pub const DEFAULT_EPOCH: i64 = 1_767_225_600;

/// An HTTP `Date` header's value (RFC 9110 IMF-fixdate):
/// `Thu, 01 Jan 2026 00:00:00 GMT`.
pub fn http_date(secs: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(secs);
    format!("{}, {d:02} {} {y} {h:02}:{mi:02}:{s:02} GMT", weekday_abbr(secs), month_abbr(mo))
}

/// The English abbreviation of month `m` (1–12): `Jan` … `Dec`.
pub fn month_abbr(m: u32) -> &'static str {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    MONTHS[(m as usize).clamp(1, 12) - 1]
}

/// The English abbreviation of the UTC weekday at `secs`: `Mon` … `Sun`.
pub fn weekday_abbr(secs: i64) -> &'static str {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    DAYS[secs.div_euclid(86_400).rem_euclid(7) as usize]
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats_known_instants() {
        assert_eq!(super::rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::rfc3339(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(super::rfc3339_nano_fixed(1_700_000_000_000_000_123), "2023-11-14T22:13:20.000000123Z");
        assert_eq!(super::rfc3339_nano_fixed(-1), "1969-12-31T23:59:59.999999999Z");
    }

    #[test]
    fn civil_round_trips() {
        for secs in [0, 951_782_400, 1_700_000_000, 4_102_444_800 + 86_399] {
            let iso = super::rfc3339(secs);
            let n = |r: std::ops::Range<usize>| iso[r].parse::<u32>().unwrap();
            let y = iso[..4].parse::<i64>().unwrap();
            assert_eq!(super::unix_from_civil(y, n(5..7), n(8..10), n(11..13), n(14..16), n(17..19)), secs, "{iso}");
        }
    }
}
