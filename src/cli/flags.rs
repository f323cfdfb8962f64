//! A small pflag: the docker CLI's flag syntax and its error texts.

use std::collections::BTreeMap;

/// One flag a command accepts.
#[derive(Clone, Copy, Debug)]
pub struct Flag {
    pub long: &'static str,
    pub short: Option<char>,
    /// Takes a value (`--name web`); otherwise a boolean.
    pub takes_value: bool,
}

/// Shorthand for a boolean flag.
pub const fn b(long: &'static str, short: Option<char>) -> Flag {
    Flag { long, short, takes_value: false }
}

/// Shorthand for a flag with a value.
pub const fn v(long: &'static str, short: Option<char>) -> Flag {
    Flag { long, short, takes_value: true }
}

/// Parsed flags and positional arguments.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    values: BTreeMap<&'static str, Vec<String>>,
    pub args: Vec<String>,
}

impl Parsed {
    /// A boolean flag (`--rm`, `--rm=false`).
    pub fn on(&self, long: &str) -> bool {
        self.values.get(long).and_then(|v| v.last()).is_some_and(|v| v != "false")
    }

    /// The last value of a flag.
    pub fn value(&self, long: &str) -> Option<&str> {
        self.values.get(long).and_then(|v| v.last()).map(String::as_str)
    }

    /// Every value of a repeatable flag, in order.
    pub fn values(&self, long: &str) -> &[String] {
        self.values.get(long).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn given(&self, long: &str) -> bool {
        self.values.contains_key(long)
    }
}

/// Parses `args` against `flags`. With `interspersed == false` (docker run,
/// exec, create) the first positional argument ends flag parsing.
pub fn parse(flags: &[Flag], args: &[String], interspersed: bool) -> Result<Parsed, String> {
    let mut parsed = Parsed::default();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        if arg == "--" {
            parsed.args.extend(args[i..].iter().cloned());
            break;
        }
        if let Some(body) = arg.strip_prefix("--") {
            let (name, inline) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (body, None),
            };
            let flag = flags.iter().find(|f| f.long == name).ok_or_else(|| format!("unknown flag: --{name}"))?;
            let value = match (flag.takes_value, inline) {
                (_, Some(v)) => v,
                (false, None) => "true".into(),
                (true, None) => {
                    let next = args.get(i).ok_or_else(|| format!("flag needs an argument: --{name}"))?;
                    i += 1;
                    next.clone()
                }
            };
            if !flag.takes_value
                && !matches!(value.as_str(), "true" | "false" | "1" | "0" | "t" | "f" | "TRUE" | "FALSE" | "True" | "False")
            {
                return Err(format!(
                    "invalid argument \"{value}\" for \"--{name}\" flag: strconv.ParseBool: parsing \"{value}\": invalid syntax"
                ));
            }
            parsed.values.entry(flag.long).or_default().push(value);
        } else if arg.len() > 1 && arg.starts_with('-') {
            let shorts: Vec<char> = arg[1..].chars().collect();
            let mut j = 0;
            while j < shorts.len() {
                let c = shorts[j];
                let rest: String = shorts[j..].iter().collect();
                let flag = flags.iter().find(|f| f.short == Some(c)).ok_or_else(|| format!("unknown shorthand flag: '{c}' in -{rest}"))?;
                if flag.takes_value {
                    let inline: String = shorts[j + 1..].iter().collect();
                    let value = if let Some(v) = inline.strip_prefix('=') {
                        v.to_string()
                    } else if !inline.is_empty() {
                        inline
                    } else {
                        let next = args.get(i).ok_or_else(|| format!("flag needs an argument: '{c}' in -{c}"))?;
                        i += 1;
                        next.clone()
                    };
                    parsed.values.entry(flag.long).or_default().push(value);
                    break;
                }
                if shorts.get(j + 1) == Some(&'=') {
                    let value: String = shorts[j + 2..].iter().collect();
                    parsed.values.entry(flag.long).or_default().push(value);
                    break;
                }
                parsed.values.entry(flag.long).or_default().push("true".into());
                j += 1;
            }
        } else {
            parsed.args.push(arg.clone());
            if !interspersed {
                parsed.args.extend(args[i..].iter().cloned());
                break;
            }
        }
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RUN: &[Flag] =
        &[b("detach", Some('d')), b("interactive", Some('i')), b("tty", Some('t')), v("publish", Some('p')), v("name", None)];

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn combined_shorthands_and_values() {
        let p = parse(RUN, &s(&["-it", "-p", "80:80", "--name=web", "nginx", "-p", "x"]), false).unwrap();
        assert!(p.on("interactive") && p.on("tty"));
        assert_eq!(p.values("publish"), &["80:80".to_string()]);
        assert_eq!(p.value("name"), Some("web"));
        assert_eq!(p.args, s(&["nginx", "-p", "x"]));
    }

    #[test]
    fn errors_read_like_pflag() {
        assert_eq!(parse(RUN, &s(&["--bogus"]), true).unwrap_err(), "unknown flag: --bogus");
        assert_eq!(parse(RUN, &s(&["-x"]), true).unwrap_err(), "unknown shorthand flag: 'x' in -x");
        assert_eq!(parse(RUN, &s(&["--name"]), true).unwrap_err(), "flag needs an argument: --name");
        assert_eq!(parse(RUN, &s(&["-p"]), true).unwrap_err(), "flag needs an argument: 'p' in -p");
    }
}
