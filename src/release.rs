//! Which releases of a versioned thing exist, inferred from the ones the
//! simulator's data lists (the newest patch of each line, or a package
//! index's selection). Two rules hold for the upstreams tutorials pin (the
//! official images' languages and databases, PyPI and npm packages): patch
//! numbers within a line are contiguous (3.11.4 exists when 3.11.11 does),
//! and every minor line of a major starts at `.0` (18.17.0 exists when
//! 18.20.5 does). Nothing else is inferred.

/// The numbers of a plain release (`3.11.4` → `[3, 11, 4]`); None for a
/// pre-release or anything not all numbers, or fewer than two of them.
pub fn numbers(version: &str) -> Option<Vec<u64>> {
    let n: Option<Vec<u64>> = version.split('.').map(|p| if p.is_empty() { None } else { p.parse().ok() }).collect();
    n.filter(|n| n.len() >= 2)
}

/// Whether release `asked` must exist given that `known` does (same number of parts).
pub fn implied_by(asked: &[u64], known: &[u64]) -> bool {
    let n = asked.len();
    if n != known.len() || n < 2 || asked >= known {
        return false;
    }
    let same_line = asked[..n - 1] == known[..n - 1];
    let minor_start = n == 3 && asked[0] == known[0] && asked[1] < known[1] && asked[2] == 0;
    same_line || minor_start
}

/// Whether `asked` is listed in `known` or implied by one of them.
pub fn exists(asked: &str, known: &[String]) -> bool {
    if known.iter().any(|k| k == asked) {
        return true;
    }
    let Some(a) = numbers(asked) else { return false };
    known.iter().filter_map(|k| numbers(k)).any(|k| implied_by(&a, &k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patches_and_minor_starts() {
        let known: Vec<String> = ["4.2.17", "5.1.4", "4.21.2"].iter().map(|s| s.to_string()).collect();
        assert!(exists("4.2.3", &known) && exists("4.2.17", &known) && exists("4.17.0", &known) && exists("5.0.0", &known));
        assert!(!exists("4.2.18", &known) && !exists("4.17.1", &known) && !exists("4.2.3rc1", &known) && !exists("3.0.0", &known));
    }
}
