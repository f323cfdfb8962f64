//! go-units: decimal sizes (`7.8MB`) and human durations (`2 minutes`), and
//! Go's `%g` formatting that both rest on.

/// Go's `fmt.Sprintf("%.*g", precision, v)` for finite non-negative values.
pub fn go_g(v: f64, precision: usize) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let p = precision.max(1);
    let sci = format!("{:.*e}", p - 1, v);
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if exp < -4 || exp >= p as i32 {
        let m = trim_zeros(mantissa);
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{m}e{sign}{:02}", exp.abs())
    } else {
        let decimals = (p as i32 - 1 - exp).max(0) as usize;
        trim_zeros(&format!("{v:.decimals$}")).to_string()
    }
}

fn trim_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

const DECIMAL: [&str; 9] = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];

/// `units.HumanSizeWithPrecision`: 1000-based units.
pub fn human_size_prec(size: u64, precision: usize) -> String {
    let mut v = size as f64;
    let mut i = 0;
    while v >= 1000.0 && i < DECIMAL.len() - 1 {
        v /= 1000.0;
        i += 1;
    }
    format!("{}{}", go_g(v, precision), DECIMAL[i])
}

/// `units.HumanSize` (4 significant digits): `docker system df`.
pub fn human_size(size: u64) -> String {
    human_size_prec(size, 4)
}

/// The 3-significant-digit sizes of `docker images`, `history`, `ps -s`.
pub fn size3(size: u64) -> String {
    human_size_prec(size, 3)
}

/// `units.HumanDuration` of a span in seconds.
pub fn human_duration(secs: i64) -> String {
    let secs = secs.max(0);
    let minutes = secs / 60;
    let hours = ((secs as f64) / 3600.0 + 0.5) as i64;
    if secs < 1 {
        "Less than a second".into()
    } else if secs == 1 {
        "1 second".into()
    } else if secs < 60 {
        format!("{secs} seconds")
    } else if minutes == 1 {
        "About a minute".into()
    } else if minutes < 60 {
        format!("{minutes} minutes")
    } else if hours == 1 {
        "About an hour".into()
    } else if hours < 48 {
        format!("{hours} hours")
    } else if hours < 24 * 7 * 2 {
        format!("{} days", hours / 24)
    } else if hours < 24 * 30 * 2 {
        format!("{} weeks", hours / 24 / 7)
    } else if hours < 24 * 365 * 2 {
        format!("{} months", hours / 24 / 30)
    } else {
        format!("{} years", secs / 3600 / 24 / 365)
    }
}

/// `<duration> ago`, or `N/A` before 2000 as the CLI prints it.
pub fn ago(now: i64, then: i64) -> String {
    if then < 946_684_800 {
        return "N/A".into();
    }
    format!("{} ago", human_duration(now - then))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_match_go_units() {
        assert_eq!(size3(0), "0B");
        assert_eq!(size3(7_800_000), "7.8MB");
        assert_eq!(size3(1_159_496), "1.16MB");
        assert_eq!(size3(999_700), "1e+03kB");
        assert_eq!(human_size(187_654_321), "187.7MB");
        assert_eq!(size3(42), "42B");
    }

    #[test]
    fn durations_match_go_units() {
        assert_eq!(human_duration(0), "Less than a second");
        assert_eq!(human_duration(61), "About a minute");
        assert_eq!(human_duration(3 * 3600), "3 hours");
        assert_eq!(human_duration(40 * 86_400), "5 weeks");
        assert_eq!(human_duration(800 * 86_400), "2 years");
    }
}

/// Parses an RFC 3339 UTC time (`2024-09-26T21:31:42Z`, fractions ignored) to Unix seconds.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let (date, time) = s.split_once('T')?;
    let mut d = date.split('-').map(|x| x.parse::<i64>().ok());
    let (y, m, day) = (d.next()??, d.next()??, d.next()??);
    let time = time.trim_end_matches('Z');
    let time = time.split(['.', '+']).next()?;
    let mut t = time.split(':').map(|x| x.parse::<i64>().ok());
    let (hh, mm, ss) = (t.next()??, t.next()??, t.next()??);
    // Howard Hinnant's days-from-civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hh * 3600 + mm * 60 + ss)
}

#[cfg(test)]
mod parse_tests {
    #[test]
    fn round_trips_rfc3339() {
        for secs in [0, 1_700_000_000, 1_727_386_302, 1_767_225_600] {
            assert_eq!(super::parse_rfc3339(&crate::time::rfc3339(secs)), Some(secs));
        }
    }
}
