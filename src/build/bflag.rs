//! BuildKit's instruction flags (`instructions/bflag.go`): which flags each
//! instruction takes, their kinds, and the exact error texts.

/// What kind of value a flag takes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Str,
    Bool,
    /// May be given several times (`--mount`, `--exclude`).
    List,
}

fn flags_of(instruction: &str) -> &'static [(&'static str, Kind)] {
    use Kind::*;
    match instruction {
        "FROM" => &[("platform", Str)],
        "RUN" => &[("mount", List), ("network", Str), ("security", Str), ("device", List)],
        "COPY" => &[("from", Str), ("chown", Str), ("chmod", Str), ("link", Bool), ("parents", Bool), ("exclude", List), ("checksum", Str)],
        "ADD" => &[
            ("chown", Str),
            ("chmod", Str),
            ("link", Bool),
            ("keep-git-dir", Bool),
            ("checksum", Str),
            ("unpack", Bool),
            ("exclude", List),
        ],
        "HEALTHCHECK" => &[("interval", Str), ("timeout", Str), ("start-period", Str), ("start-interval", Str), ("retries", Str)],
        _ => &[],
    }
}

/// Checks an instruction's raw flags (`--from=x`); the error is BuildKit's.
pub fn check(instruction: &str, raw: &[String]) -> Result<(), String> {
    let known = flags_of(instruction);
    let mut seen: Vec<&str> = Vec::new();
    for flag in raw {
        let Some(body) = flag.strip_prefix("--") else {
            return Err(format!("arg should start with -- : {flag}"));
        };
        let (name, value) = match body.split_once('=') {
            Some((n, v)) => (n, Some(v)),
            None => (body, None),
        };
        let Some(&(_, kind)) = known.iter().find(|(n, _)| *n == name) else {
            let names: Vec<&str> = known.iter().map(|(n, _)| *n).collect();
            return Err(format!("unknown flag: --{name}{}", suggestion(name, &names)));
        };
        if kind != Kind::List && seen.contains(&name) {
            return Err(format!("duplicate flag specified: --{name}"));
        }
        seen.push(name);
        match (kind, value) {
            (Kind::Bool, None) => {}
            (Kind::Bool, Some(v)) if v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("false") => {}
            (Kind::Bool, Some("")) => return Err(format!("missing a value on flag: --{name}")),
            (Kind::Bool, Some(v)) => return Err(format!("expecting boolean value for flag --{name}, not: {v}")),
            (_, None) | (_, Some("")) => return Err(format!("missing a value on flag: --{name}")),
            _ => {}
        }
    }
    Ok(())
}

/// ` (did you mean x?)` for a flag name within Levenshtein distance 2.
fn suggestion(name: &str, options: &[&str]) -> String {
    let mut best = None;
    let mut min = 3;
    for o in options {
        let d = super::plan::levenshtein(name, o);
        if d < min {
            best = Some(*o);
            min = d;
        }
    }
    best.map(|b| format!(" (did you mean {b}?)")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn flag_errors_as_bflag_words_them() {
        let f = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(check("COPY", &f(&["--chwon=1"])).unwrap_err(), "unknown flag: --chwon (did you mean chown?)");
        assert_eq!(check("ADD", &f(&["--from=x"])).unwrap_err(), "unknown flag: --from");
        assert_eq!(check("COPY", &f(&["--from"])).unwrap_err(), "missing a value on flag: --from");
        assert_eq!(check("COPY", &f(&["--link=maybe"])).unwrap_err(), "expecting boolean value for flag --link, not: maybe");
        assert_eq!(check("COPY", &f(&["--from=a", "--from=b"])).unwrap_err(), "duplicate flag specified: --from");
        assert!(check("COPY", &f(&["--exclude=a", "--exclude=b", "--link"])).is_ok());
        assert!(check("RUN", &f(&["--mount=type=cache,target=/x", "--mount=type=tmpfs,target=/t"])).is_ok());
        assert_eq!(check("WORKDIR", &f(&["--x"])).unwrap_err(), "unknown flag: --x");
    }
}
