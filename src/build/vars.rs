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

/// Expands variables and removes quotes exactly as BuildKit's `ProcessWord`
/// does for COPY/ENV/WORKDIR/... words (see `dockerfile::expand`).
pub fn expand(word: &str, env: &BTreeMap<String, String>) -> Result<String, String> {
    let value = crate::dockerfile::expand::process_word(word, env, '\\')?;
    if value.len() > MAX_EXPANDED {
        return Err(format!(
            "failed to process \"{}\": the expanded value is longer than {} MiB (dockersim's limit)",
            shorten(word),
            MAX_EXPANDED >> 20
        ));
    }
    Ok(value)
}

/// Bytes one expanded word may hold (`ENV A=$A$A` repeated doubles it each line).
pub const MAX_EXPANDED: usize = 1 << 20;

fn shorten(word: &str) -> String {
    match word.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &word[..i]),
        None => word.to_string(),
    }
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
        assert!(expand("${A€x}", &env).unwrap_err().ends_with("unsupported modifier (€) in substitution"));
    }
}
