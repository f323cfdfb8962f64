//! Variable scopes of a stage (ENV, ARG, predefined platform args) and word
//! expansion where BuildKit applies it.

use std::collections::BTreeMap;

/// The predefined global args (`dockerfile2llb/platform.go`).
pub fn predefined_args() -> Vec<(String, String)> {
    [
        ("BUILDPLATFORM", "linux/amd64"),
        ("BUILDOS", "linux"),
        ("BUILDARCH", "amd64"),
        ("BUILDVARIANT", ""),
        ("TARGETPLATFORM", "linux/amd64"),
        ("TARGETOS", "linux"),
        ("TARGETARCH", "amd64"),
        ("TARGETVARIANT", ""),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// Expands `$X`, `${X}`, `${X:-w}`, `${X-w}`, `${X:+w}`, `${X+w}` and removes
/// quotes, as BuildKit's `ProcessWord` does for COPY/ENV/WORKDIR/... words.
pub fn expand(word: &str, env: &BTreeMap<String, String>) -> Result<String, String> {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let (mut single, mut double) = (false, false);
    while i < chars.len() {
        let c = chars[i];
        if single {
            if c == '\'' { single = false } else { out.push(c) }
            i += 1;
            continue;
        }
        match c {
            '\'' if !double => single = true,
            '"' => double = !double,
            '\\' if i + 1 < chars.len() => {
                let n = chars[i + 1];
                if double && !matches!(n, '"' | '$' | '\\') {
                    out.push('\\');
                }
                out.push(n);
                i += 1;
            }
            '\\' => {}
            '$' => {
                let (text, used) = dollar(&chars[i + 1..], env).map_err(|e| format!("failed to process {word:?}: {e}"))?;
                out.push_str(&text);
                i += used;
            }
            c => out.push(c),
        }
        i += 1;
    }
    if single {
        return Err(format!("failed to process {word:?}: unexpected end of statement while looking for matching single-quote"));
    }
    if double {
        return Err(format!("failed to process {word:?}: unexpected end of statement while looking for matching double-quote"));
    }
    Ok(out)
}

fn dollar(rest: &[char], env: &BTreeMap<String, String>) -> Result<(String, usize), String> {
    if rest.first() == Some(&'{') {
        let close = rest.iter().position(|&c| c == '}').ok_or("syntax error: missing '}'")?;
        let inner: String = rest[1..close].iter().collect();
        let name_len = inner.char_indices().find(|(_, c)| !(c.is_alphanumeric() || *c == '_')).map_or(inner.len(), |(i, _)| i);
        if name_len == 0 {
            return Err("syntax error: bad substitution".into());
        }
        let name = &inner[..name_len];
        let modifier = &inner[name_len..];
        let value = env.get(name);
        let text = match modifier {
            "" => value.cloned().unwrap_or_default(),
            m if m.starts_with(":-") => value.filter(|v| !v.is_empty()).cloned().map_or_else(|| expand(&m[2..], env), Ok)?,
            m if m.starts_with('-') => value.cloned().map_or_else(|| expand(&m[1..], env), Ok)?,
            m if m.starts_with(":+") => {
                if value.is_some_and(|v| !v.is_empty()) { expand(&m[2..], env)? } else { String::new() }
            }
            m if m.starts_with('+') => {
                if value.is_some() { expand(&m[1..], env)? } else { String::new() }
            }
            m => return Err(format!("unsupported modifier ({}) in substitution", m.chars().take(2).collect::<String>())),
        };
        return Ok((text, close + 1));
    }
    let name: String = rest.iter().take_while(|c| c.is_alphanumeric() || **c == '_').collect();
    if name.is_empty() {
        return Ok(("$".into(), 0));
    }
    let n = name.chars().count();
    Ok((env.get(&name).cloned().unwrap_or_default(), n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_like_buildkit() {
        let env: BTreeMap<String, String> = [("A".to_string(), "x".to_string()), ("E".to_string(), String::new())].into();
        assert_eq!(expand("$A/${A}/${B:-d}/${E:-d}/${E-d}/${A:+y}", &env).unwrap(), "x/x/d/d//y");
        assert_eq!(expand("'$A' \"$A\" \\$A", &env).unwrap(), "$A x $A");
        assert!(expand("${A", &env).unwrap_err().contains("missing '}'"));
        assert_eq!(expand("${한글}-${A:-x}", &env).unwrap(), "-x");
        assert!(expand("${A€x}", &env).unwrap_err().contains("unsupported modifier (€x)"));
    }
}
