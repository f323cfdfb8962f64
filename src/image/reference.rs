//! Image references (`nginx`, `nginx:1.27`, `diamol/ch03-web-ping`,
//! `nginx@sha256:…`), parsed and normalised as distribution/reference does.

/// A parsed, normalised reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// `docker.io` unless the first component names a registry.
    pub domain: String,
    /// `library/nginx`.
    pub path: String,
    pub tag: Option<String>,
    /// `sha256:…`.
    pub digest: Option<String>,
}

impl Reference {
    /// Parses `s`; errors are the daemon's wording after `invalid reference format`.
    pub fn parse(s: &str) -> Result<Reference, String> {
        let bad = || "invalid reference format".to_string();
        if s.is_empty() || s.len() > 255 {
            return Err(bad());
        }
        let (rest, digest) = match s.split_once('@') {
            Some((r, d)) => {
                let hex = d.strip_prefix("sha256:").ok_or_else(bad)?;
                if hex.len() != 64 || !hex.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()) {
                    return Err(bad());
                }
                (r, Some(d.to_string()))
            }
            None => (s, None),
        };
        let last_slash = rest.rfind('/').map(|i| i + 1).unwrap_or(0);
        let (name, tag) = match rest[last_slash..].rfind(':') {
            Some(i) => (&rest[..last_slash + i], Some(rest[last_slash + i + 1..].to_string())),
            None => (rest, None),
        };
        if let Some(t) = &tag {
            let ok = !t.is_empty()
                && t.len() <= 128
                && t.chars().next().is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
                && t.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
            if !ok {
                return Err(bad());
            }
        }
        let mut components: Vec<&str> = name.split('/').collect();
        let domain = if components.len() > 1 && (components[0].contains('.') || components[0].contains(':') || components[0] == "localhost")
        {
            components.remove(0).to_string()
        } else {
            "docker.io".to_string()
        };
        if components.is_empty() {
            return Err(bad());
        }
        let mut uppercase = false;
        for c in &components {
            if !valid_component(&c.to_ascii_lowercase()) {
                return Err(bad());
            }
            uppercase |= c.chars().any(|ch| ch.is_ascii_uppercase());
        }
        let mut path = components.join("/");
        if domain == "docker.io" && components.len() == 1 {
            path = format!("library/{path}");
        }
        if uppercase {
            return Err(format!("invalid reference format: repository name ({path}) must be lowercase"));
        }
        Ok(Reference { domain, path, tag, digest })
    }

    /// `nginx`, `diamol/ch03-web-ping`, `localhost:5000/app`.
    pub fn familiar_name(&self) -> String {
        if self.domain == "docker.io" {
            self.path.strip_prefix("library/").unwrap_or(&self.path).to_string()
        } else {
            format!("{}/{}", self.domain, self.path)
        }
    }

    /// The tag, defaulting to `latest` when there is neither tag nor digest.
    pub fn tag_or_latest(&self) -> Option<String> {
        match (&self.tag, &self.digest) {
            (Some(t), _) => Some(t.clone()),
            (None, None) => Some("latest".into()),
            (None, Some(_)) => None,
        }
    }

    /// `nginx:latest` or `nginx@sha256:…`: the store's key.
    pub fn familiar(&self) -> String {
        match (&self.tag_or_latest(), &self.digest) {
            (_, Some(d)) => format!("{}@{d}", self.familiar_name()),
            (Some(t), None) => format!("{}:{t}", self.familiar_name()),
            (None, None) => self.familiar_name(),
        }
    }

    /// `docker.io/library/nginx:latest`.
    pub fn canonical(&self) -> String {
        match (&self.tag_or_latest(), &self.digest) {
            (_, Some(d)) => format!("{}/{}@{d}", self.domain, self.path),
            (Some(t), None) => format!("{}/{}:{t}", self.domain, self.path),
            (None, None) => format!("{}/{}", self.domain, self.path),
        }
    }
}

fn valid_component(c: &str) -> bool {
    let b = c.as_bytes();
    if b.is_empty() || !b[0].is_ascii_alphanumeric() || !b[b.len() - 1].is_ascii_alphanumeric() {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_lowercase() || b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !(b[i].is_ascii_lowercase() || b[i].is_ascii_digit()) {
            i += 1;
        }
        let sep = &c[start..i];
        let ok = sep == "." || sep == "_" || sep == "__" || sep.chars().all(|ch| ch == '-');
        if !ok {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_like_docker() {
        let r = Reference::parse("nginx").unwrap();
        assert_eq!((r.familiar(), r.canonical()), ("nginx:latest".into(), "docker.io/library/nginx:latest".into()));
        let r = Reference::parse("diamol/ch03-web-ping").unwrap();
        assert_eq!(r.canonical(), "docker.io/diamol/ch03-web-ping:latest");
        let r = Reference::parse("localhost:5000/app:1.0").unwrap();
        assert_eq!(r.familiar(), "localhost:5000/app:1.0");
    }

    #[test]
    fn rejects_bad_references() {
        assert_eq!(Reference::parse("Nginx").unwrap_err(), "invalid reference format: repository name (library/Nginx) must be lowercase");
        assert_eq!(Reference::parse("a b").unwrap_err(), "invalid reference format");
        assert_eq!(Reference::parse("nginx:").unwrap_err(), "invalid reference format");
        assert_eq!(Reference::parse("nginx@sha256:12").unwrap_err(), "invalid reference format");
    }
}
