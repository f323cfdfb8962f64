//! Pure path arithmetic on `/`-separated absolute paths.

/// Normalises an absolute path: collapses `//`, removes `.`, applies `..`
/// (never above `/`). A relative path is treated as relative to `/`.
pub fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for comp in path.split('/') {
        match comp {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            c => parts.push(c),
        }
    }
    let mut out = String::from("/");
    out.push_str(&parts.join("/"));
    out
}

/// Joins `rel` onto `base` (an absolute `rel` replaces `base`) and normalises.
pub fn join(base: &str, rel: &str) -> String {
    if rel.starts_with('/') {
        normalize(rel)
    } else {
        normalize(&format!("{base}/{rel}"))
    }
}

/// The components of a normalised absolute path (`/a/b` → `["a", "b"]`).
pub fn split_components(path: &str) -> Vec<String> {
    path.split('/').filter(|c| !c.is_empty()).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_like_linux() {
        assert_eq!(normalize("/a//b/./c/../d/"), "/a/b/d");
        assert_eq!(normalize("/../.."), "/");
        assert_eq!(join("/app", "src/../x"), "/app/x");
        assert_eq!(join("/app", "/etc"), "/etc");
    }
}
