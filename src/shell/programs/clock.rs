//! The simulated clock and machine: date (strftime formats, -d, -u, -R, -I),
//! sleep (advances the clock), uname (the container's hostname; GNU's and
//! BusyBox's `-a`). Containers run in UTC.

use super::{fail, q, Prog};
use crate::shell::interp::{Flow, Shell};

type Out = Result<Option<i32>, Flow>;

pub(crate) use crate::apps::{KERNEL, KERNEL_VERSION};
const DAYS: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
/// GNU date refuses times whose year does not fit a C `int` (+1900).
const MAX_SECS: i128 = 67_768_036_191_676_799;

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    match prog.name.as_str() {
        "date" => date(sh, prog, &argv[1..]),
        "sleep" => sleep(sh, prog, &argv[1..]),
        "uname" => uname(sh, prog, &argv[1..]),
        "uptime" => uptime(sh, prog, &argv[1..]),
        "free" => free(sh, prog, &argv[1..]),
        "nproc" => {
            // The machine `docker info` describes: 2 CPUs.
            sh.out_str("2\n")?;
            Ok(Some(0))
        }
        _ => Ok(None),
    }
}

/// A broken-down UTC time.
struct Tm {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    min: u32,
    sec: u32,
    /// 0 = Sunday.
    wday: u32,
    /// 0-based day of the year.
    yday: u32,
    secs: i64,
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn tm(secs: i64) -> Tm {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400) as u32;
    // Days to civil (proleptic Gregorian), after Howard Hinnant.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    const CUM: [u32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let yday = CUM[month as usize - 1] + day - 1 + u32::from(month > 2 && is_leap(year));
    Tm { year, month, day, hour: rem / 3600, min: rem / 60 % 60, sec: rem % 60, wday: (days + 4).rem_euclid(7) as u32, yday, secs }
}

/// glibc's/musl's strftime of Unix seconds in UTC (other programs' dates:
/// dig's `WHEN:`).
pub fn strftime_utc(fmt: &str, secs: i64) -> String {
    strftime(fmt, &tm(secs), false)
}

/// strftime over `t` (the fields GNU and BusyBox share, plus `%N` for GNU).
fn strftime(fmt: &str, t: &Tm, busybox: bool) -> String {
    let mut out = String::new();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(f) = chars.next() else {
            out.push('%');
            break;
        };
        let hour12 = if t.hour % 12 == 0 { 12 } else { t.hour % 12 };
        let s = match f {
            'Y' => t.year.to_string(),
            'C' => format!("{:02}", t.year.div_euclid(100)),
            'y' => format!("{:02}", t.year.rem_euclid(100)),
            'm' => format!("{:02}", t.month),
            'd' => format!("{:02}", t.day),
            'e' => format!("{:>2}", t.day),
            'H' => format!("{:02}", t.hour),
            'k' => format!("{:>2}", t.hour),
            'I' => format!("{hour12:02}"),
            'l' => format!("{hour12:>2}"),
            'M' => format!("{:02}", t.min),
            'S' => format!("{:02}", t.sec),
            'j' => format!("{:03}", t.yday + 1),
            'a' => DAYS[t.wday as usize][..3].to_string(),
            'A' => DAYS[t.wday as usize].to_string(),
            'b' | 'h' => MONTHS[t.month as usize - 1][..3].to_string(),
            'B' => MONTHS[t.month as usize - 1].to_string(),
            'p' => if t.hour < 12 { "AM" } else { "PM" }.to_string(),
            'P' => if t.hour < 12 { "am" } else { "pm" }.to_string(),
            'Z' => "UTC".into(),
            'z' => "+0000".into(),
            's' => t.secs.to_string(),
            'u' => (if t.wday == 0 { 7 } else { t.wday }).to_string(),
            'w' => t.wday.to_string(),
            'n' => "\n".into(),
            't' => "\t".into(),
            '%' => "%".into(),
            'D' => format!("{:02}/{:02}/{:02}", t.month, t.day, t.year.rem_euclid(100)),
            'F' => format!("{}-{:02}-{:02}", t.year, t.month, t.day),
            'T' => format!("{:02}:{:02}:{:02}", t.hour, t.min, t.sec),
            'R' => format!("{:02}:{:02}", t.hour, t.min),
            'r' => format!("{hour12:02}:{:02}:{:02} {}", t.min, t.sec, if t.hour < 12 { "AM" } else { "PM" }),
            'c' => format!(
                "{} {} {:>2} {:02}:{:02}:{:02} {}",
                &DAYS[t.wday as usize][..3],
                &MONTHS[t.month as usize - 1][..3],
                t.day,
                t.hour,
                t.min,
                t.sec,
                t.year
            ),
            'x' => format!("{:02}/{:02}/{:02}", t.month, t.day, t.year.rem_euclid(100)),
            'X' => format!("{:02}:{:02}:{:02}", t.hour, t.min, t.sec),
            'U' => format!("{:02}", (t.yday + 7 - t.wday) / 7),
            'W' => format!("{:02}", (t.yday + 7 - (t.wday + 6) % 7) / 7),
            'N' if !busybox => "000000000".into(),
            'q' if !busybox => ((t.month - 1) / 3 + 1).to_string(),
            other => format!("%{other}"),
        };
        out.push_str(&s);
    }
    out
}

/// `-d` strings: `@SECS`, `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]`, `now`.
fn parse_date(s: &str, now: i64) -> Option<i128> {
    let s = s.trim();
    if let Some(n) = s.strip_prefix('@') {
        return n.trim().parse::<i128>().ok();
    }
    if s.is_empty() || s == "now" {
        return Some(now as i128);
    }
    let (date, time) = s.split_once([' ', 'T']).unwrap_or((s, "00:00:00"));
    let d: Vec<&str> = date.split('-').collect();
    let [y, m, dd] = d.as_slice() else {
        return None;
    };
    let (y, m, dd): (i64, u32, u32) = (y.parse().ok()?, m.parse().ok()?, dd.parse().ok()?);
    let t: Vec<u32> = time.trim_end_matches('Z').split(':').map(|p| p.parse().ok()).collect::<Option<Vec<u32>>>()?;
    let (hh, mm, ss) = match t.as_slice() {
        [h, m] => (*h, *m, 0),
        [h, m, s] => (*h, *m, *s),
        _ => return None,
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&dd) || hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    Some(crate::time::unix_from_civil(y, m, dd, hh, mm, ss) as i128)
}

fn date(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let mut format: Option<String> = None;
    let mut when: Option<String> = None;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        i += 1;
        match a {
            "-u" | "--utc" | "--universal" => {}
            "-R" | "--rfc-email" | "--rfc-2822" => format = Some("%a, %d %b %Y %H:%M:%S %z".into()),
            "-I" | "--iso-8601" | "-Idate" | "--iso-8601=date" => format = Some("%Y-%m-%d".into()),
            "-Ihours" | "--iso-8601=hours" => format = Some("%Y-%m-%dT%H+00:00".into()),
            "-Iminutes" | "--iso-8601=minutes" => format = Some("%Y-%m-%dT%H:%M+00:00".into()),
            "-Iseconds" | "--iso-8601=seconds" => format = Some("%Y-%m-%dT%H:%M:%S+00:00".into()),
            "-d" | "--date" => {
                let Some(v) = args.get(i) else {
                    return fail(sh, prog, "option requires an argument -- 'd'", 1);
                };
                i += 1;
                when = Some(v.clone());
            }
            _ if a.starts_with("-d") => when = Some(a[2..].to_string()),
            _ if a.starts_with("--date=") => when = Some(a[7..].to_string()),
            _ if a.starts_with('+') => format = Some(a[1..].to_string()),
            _ => {
                let msg = if a.starts_with('-') {
                    format!("invalid option -- '{}'", a.chars().nth(1).unwrap_or('-'))
                } else {
                    format!("invalid date {}", q(a))
                };
                return fail(sh, prog, &msg, 1);
            }
        }
    }
    let secs = match &when {
        Some(w) => match parse_date(w, sh.now()) {
            Some(s) if s.abs() <= MAX_SECS => s as i64,
            Some(_) if !prog.busybox => {
                let shown = w.trim_start_matches('@');
                return fail(sh, prog, &format!("time {} is out of range", q(shown)), 1);
            }
            _ => return fail(sh, prog, &format!("invalid date {}", q(w)), 1),
        },
        None => sh.now(),
    };
    let fmt = format.unwrap_or_else(|| "%a %b %e %H:%M:%S %Z %Y".into());
    let text = strftime(&fmt, &tm(secs), prog.busybox);
    sh.out_str(&format!("{text}\n"))?;
    Ok(Some(0))
}

fn sleep(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    if args.is_empty() {
        let msg = if prog.busybox {
            "usage: sleep [N]...".to_string()
        } else {
            "missing operand\nTry 'sleep --help' for more information.".to_string()
        };
        return fail(sh, prog, &msg, 1);
    }
    let mut secs = 0.0f64;
    for op in args {
        let (num, unit) = op.split_at(op.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(op.len()));
        let mult = match unit {
            "" | "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            "d" => 86400.0,
            _ => f64::NAN,
        };
        match num.parse::<f64>() {
            Ok(n) if n >= 0.0 && mult.is_finite() && (n != 0.0 || !num.is_empty()) => secs += n * mult,
            _ => {
                let msg = if prog.busybox {
                    format!("invalid number {}", q(op))
                } else {
                    format!("invalid time interval {}\nTry 'sleep --help' for more information.", q(op))
                };
                return fail(sh, prog, &msg, 1);
            }
        }
    }
    // Only the simulated clock moves (whole seconds; the caller reads ctx.now back).
    sh.ctx.now = sh.ctx.now.saturating_add(secs.min(1e12).ceil() as i64).min(crate::time::MAX_SECS.max(sh.ctx.now));
    Ok(Some(0))
}

/// The host name: the container's (its /etc/hostname), BuildKit's in a build.
pub fn hostname(sh: &Shell) -> String {
    sh.fs()
        .read("/etc/hostname")
        .ok()
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "buildkitsandbox".into())
}

fn uname(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let mut want = [false; 8]; // s n r v m p i o
    for a in args {
        let letters: Vec<char> = match a.as_str() {
            "--all" => vec!['a'],
            "--kernel-name" => vec!['s'],
            "--nodename" => vec!['n'],
            "--kernel-release" => vec!['r'],
            "--kernel-version" => vec!['v'],
            "--machine" => vec!['m'],
            "--processor" => vec!['p'],
            "--hardware-platform" => vec!['i'],
            "--operating-system" => vec!['o'],
            _ if a.starts_with('-') && a.len() > 1 => a[1..].chars().collect(),
            _ => {
                let msg = if prog.busybox {
                    "usage: uname [-amnrspvio]".to_string()
                } else {
                    format!("extra operand {}\nTry 'uname --help' for more information.", q(a))
                };
                return fail(sh, prog, &msg, 1);
            }
        };
        for l in letters {
            match "snrvmpio".find(l) {
                Some(i) => want[i] = true,
                None if l == 'a' => {
                    for (i, w) in want.iter_mut().enumerate() {
                        // -a leaves out -p and -i when they are unknown.
                        *w |= i != 5 && i != 6;
                    }
                }
                None => {
                    let msg = if prog.busybox {
                        format!("invalid option -- '{l}'\nusage: uname [-amnrspvio]")
                    } else {
                        format!("invalid option -- '{l}'\nTry 'uname --help' for more information.")
                    };
                    return fail(sh, prog, &msg, 1);
                }
            }
        }
    }
    if !want.iter().any(|&w| w) {
        want[0] = true;
    }
    let host = hostname(sh);
    let (p, i) = ("unknown", "unknown");
    let os = if prog.busybox { "Linux" } else { "GNU/Linux" };
    let fields = ["Linux", host.as_str(), KERNEL, KERNEL_VERSION, "x86_64", p, i, os];
    let picked: Vec<&str> = fields.iter().zip(want).filter(|(_, w)| *w).map(|(f, _)| *f).collect();
    sh.out_str(&format!("{}\n", picked.join(" ")))?;
    Ok(Some(0))
}

/// The machine booted a minute before the simulated clock's default start.
fn up_seconds(sh: &Shell) -> i64 {
    (sh.now() - crate::time::DEFAULT_EPOCH).max(0) + 60
}

/// `uptime` (procps, or BusyBox without the user count); `-p` pretty.
fn uptime(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let up = up_seconds(sh);
    let (days, hours, mins) = (up / 86_400, up % 86_400 / 3600, up % 3600 / 60);
    if args.iter().any(|a| a == "-p" || a == "--pretty") {
        let mut parts = Vec::new();
        for (n, unit) in [(days, "day"), (hours, "hour"), (mins, "minute")] {
            if n > 0 {
                parts.push(format!("{n} {unit}{}", if n == 1 { "" } else { "s" }));
            }
        }
        sh.out_str(&format!("up {}\n", if parts.is_empty() { "0 minutes".into() } else { parts.join(", ") }))?;
        return Ok(Some(0));
    }
    let (_, _, _, hh, mm, ss) = crate::time::civil(sh.now());
    let mut text = format!(" {hh:02}:{mm:02}:{ss:02} up ");
    if days > 0 {
        text.push_str(&format!("{days} day{}, ", if days == 1 { "" } else { "s" }));
    }
    if hours > 0 {
        text.push_str(&format!("{hours:2}:{mins:02},"));
    } else {
        text.push_str(&format!("{mins} min,"));
    }
    if !prog.busybox {
        text.push_str("  1 user,");
    }
    text.push_str("  load average: 0.00, 0.00, 0.00\n");
    sh.out_str(&text)?;
    Ok(Some(0))
}

/// `free [-b|-k|-m|-g|-h]`: the machine `docker info` describes (3.82 GiB).
fn free(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    // KiB: total, used, free, shared, buff/cache, available.
    let mem: [u64; 6] = [4_005_376, 831_488, 2_401_280, 1_024, 772_608, 3_173_888];
    let unit = args.iter().rev().find_map(|a| match a.as_str() {
        "-b" | "--bytes" => Some('b'),
        "-k" | "--kibi" => Some('k'),
        "-m" | "--mebi" => Some('m'),
        "-g" | "--gibi" => Some('g'),
        "-h" | "--human" => Some('h'),
        _ => None,
    });
    let show = |kib: u64| -> String {
        match unit {
            Some('b') => (kib * 1024).to_string(),
            Some('m') => (kib / 1024).to_string(),
            Some('g') => (kib / 1024 / 1024).to_string(),
            Some('h') => {
                let b = kib as f64 * 1024.0;
                let (v, u) = if b >= 1024f64.powi(3) {
                    (b / 1024f64.powi(3), "Gi")
                } else if b >= 1024f64.powi(2) {
                    (b / 1024f64.powi(2), "Mi")
                } else if b >= 1024.0 {
                    (b / 1024.0, "Ki")
                } else {
                    (b, "B")
                };
                if v < 10.0 && u != "B" {
                    format!("{v:.1}{u}")
                } else {
                    format!("{}{u}", v.round())
                }
            }
            _ => kib.to_string(),
        }
    };
    let mut text = if prog.busybox {
        "              total        used        free      shared  buff/cache   available\n".to_string()
    } else {
        "               total        used        free      shared  buff/cache   available\n".to_string()
    };
    let label = |l: &str| if prog.busybox { format!("{l:<7}") } else { format!("{l:<8}") };
    text.push_str(&label("Mem:"));
    for v in mem {
        text.push_str(&format!("{:>12}", show(v)));
    }
    text.push('\n');
    text.push_str(&label("Swap:"));
    for _ in 0..3 {
        text.push_str(&format!("{:>12}", show(0)));
    }
    text.push('\n');
    sh.out_str(&text)?;
    Ok(Some(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_and_formats() {
        let t = tm(1_767_225_600);
        assert_eq!(strftime("%a %b %e %H:%M:%S %Z %Y %j %u", &t, false), "Thu Jan  1 00:00:00 UTC 2026 001 4");
        assert_eq!(strftime("%F %T", &tm(99_999_999_999_999), false), "3170843-11-07 09:46:39");
        assert_eq!(strftime("%F %a", &tm(-100_000_000_000), false), "-1199-02-15 Thu");
        assert_eq!(strftime("%F", &tm(951_782_400), false), "2000-02-29");
    }
}
