//! Path patterns as Docker matches them: Go's `filepath.Match` (COPY/ADD
//! wildcards, `--exclude`) and moby's `patternmatcher` (`.dockerignore`:
//! `**`, `!` exceptions, the last matching rule wins, a matching parent
//! directory excludes its children).

use crate::glob::{Glob, Tok};

/// A compiled pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    toks: Vec<Tok>,
}

/// Why a pattern is malformed (Go's `filepath.ErrBadPattern`).
pub const BAD_PATTERN: &str = "syntax error in pattern";

impl Pattern {
    /// Compiles a Go `filepath.Match` pattern (no `**`).
    pub fn glob(pattern: &str) -> Result<Pattern, &'static str> {
        compile(pattern, false)
    }

    /// Compiles a `.dockerignore` pattern (with `**`).
    pub fn ignore(pattern: &str) -> Result<Pattern, &'static str> {
        compile(pattern, true)
    }

    /// Whether the whole of `name` matches.
    pub fn matches(&self, name: &str) -> bool {
        Glob::new(&self.toks, Some('/')).is_match(name)
    }
}

/// Whether `s` contains glob metacharacters (`*`, `?`, `[`, or a `\` escape).
pub fn has_meta(s: &str) -> bool {
    s.contains(['*', '?', '[', '\\'])
}

fn compile(pattern: &str, double_star: bool) -> Result<Pattern, &'static str> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        match c {
            '*' if double_star && chars.get(i) == Some(&'*') => {
                i += 1;
                if chars.get(i) == Some(&'/') {
                    i += 1;
                }
                toks.push(if i >= chars.len() { Tok::Rest } else { Tok::DoubleStar });
            }
            '*' => {
                if toks.last() != Some(&Tok::Star) {
                    toks.push(Tok::Star);
                }
            }
            '?' => toks.push(Tok::Any),
            '\\' => {
                let next = *chars.get(i).ok_or(BAD_PATTERN)?;
                i += 1;
                toks.push(Tok::Lit(next));
            }
            '[' => {
                let negated = matches!(chars.get(i), Some('^'));
                if negated {
                    i += 1;
                }
                let mut ranges = Vec::new();
                loop {
                    let c = *chars.get(i).ok_or(BAD_PATTERN)?;
                    if c == ']' && !ranges.is_empty() {
                        i += 1;
                        break;
                    }
                    let lo = class_char(&chars, &mut i)?;
                    let hi = if chars.get(i) == Some(&'-') && chars.get(i + 1).is_some_and(|&c| c != ']') {
                        i += 1;
                        class_char(&chars, &mut i)?
                    } else {
                        lo
                    };
                    if hi < lo {
                        return Err(BAD_PATTERN);
                    }
                    ranges.push((lo, hi));
                }
                toks.push(Tok::Class(negated, ranges));
            }
            c => toks.push(Tok::Lit(c)),
        }
    }
    Ok(Pattern { toks })
}

fn class_char(chars: &[char], i: &mut usize) -> Result<char, &'static str> {
    let c = *chars.get(*i).ok_or(BAD_PATTERN)?;
    *i += 1;
    if c == '\\' {
        let n = *chars.get(*i).ok_or(BAD_PATTERN)?;
        *i += 1;
        return Ok(n);
    }
    if c == '-' || c == ']' {
        return Err(BAD_PATTERN);
    }
    Ok(c)
}

/// One `.dockerignore` rule.
#[derive(Clone, Debug)]
struct Rule {
    pattern: Pattern,
    exclusion: bool,
}

/// A parsed `.dockerignore`.
#[derive(Clone, Debug, Default)]
pub struct IgnoreFile {
    rules: Vec<Rule>,
    /// The cleaned patterns as written (with `!`), for display.
    pub patterns: Vec<String>,
}

impl IgnoreFile {
    /// Reads `.dockerignore` text with `ignorefile.ReadAll`'s rules.
    pub fn parse(text: &str) -> Result<IgnoreFile, String> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut out = IgnoreFile::default();
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut pattern = line.trim();
            if pattern.is_empty() {
                continue;
            }
            let exclusion = pattern.starts_with('!');
            if exclusion {
                pattern = pattern[1..].trim();
            }
            let mut cleaned = go_clean(pattern);
            if cleaned.len() > 1 && cleaned.starts_with('/') {
                cleaned.remove(0);
            }
            let compiled = Pattern::ignore(&cleaned).map_err(|e| format!("error parsing .dockerignore pattern {cleaned:?}: {e}"))?;
            out.patterns.push(if exclusion { format!("!{cleaned}") } else { cleaned });
            out.rules.push(Rule { pattern: compiled, exclusion });
        }
        Ok(out)
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// `MatchesOrParentMatches`: whether `path` (relative, `/`-separated) is excluded.
    pub fn excludes(&self, path: &str) -> bool {
        let parents: Vec<&str> = path.match_indices('/').map(|(i, _)| &path[..i]).collect();
        let mut matched = false;
        for rule in &self.rules {
            if rule.exclusion != matched {
                continue;
            }
            let hit = rule.pattern.matches(path) || parents.iter().any(|p| rule.pattern.matches(p));
            if hit {
                matched = !rule.exclusion;
            }
        }
        matched
    }
}

/// Go's `path.Clean` (`filepath.Clean` on Unix).
pub fn go_clean(p: &str) -> String {
    if p.is_empty() {
        return ".".into();
    }
    let rooted = p.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for comp in p.split('/') {
        match comp {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|l| *l != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            c => parts.push(c),
        }
    }
    let body = parts.join("/");
    match (rooted, body.is_empty()) {
        (true, _) => format!("/{body}"),
        (false, true) => ".".into(),
        (false, false) => body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_filepath_match_cases() {
        let m = |p: &str, s: &str| Pattern::glob(p).unwrap().matches(s);
        assert!(m("*.json", "package.json"));
        assert!(m("package*.json", "package-lock.json"));
        assert!(!m("*.json", "dir/package.json"));
        assert!(m("a?c", "abc"));
        assert!(m("[a-c]x", "bx"));
        assert!(!m("[^a-c]x", "bx"));
        assert!(m("\\*", "*"));
        assert!(Pattern::glob("[").is_err());
    }

    #[test]
    fn dockerignore_rules() {
        let ig = IgnoreFile::parse("# comment\nnode_modules\n*.log\n!keep.log\n**/*.tmp\n/dist/\n").unwrap();
        assert!(ig.excludes("node_modules"));
        assert!(ig.excludes("node_modules/a/b.js"));
        assert!(ig.excludes("debug.log"));
        assert!(!ig.excludes("keep.log"));
        assert!(!ig.excludes("src/debug.log"));
        assert!(ig.excludes("a/b/c.tmp"));
        assert!(ig.excludes("x.tmp"));
        assert!(ig.excludes("dist/app.js"));
        assert!(!ig.excludes("server.js"));
        assert_eq!(ig.patterns, ["node_modules", "*.log", "!keep.log", "**/*.tmp", "dist"]);
    }

    #[test]
    fn last_match_wins_and_double_star_suffix() {
        let ig = IgnoreFile::parse("*\n!src\nsrc/**/*.md\n").unwrap();
        assert!(ig.excludes("README.md"));
        assert!(!ig.excludes("src/app.js"));
        assert!(ig.excludes("src/docs/a.md"));
        assert!(ig.excludes("src/a.md"));
    }

    #[test]
    fn clean_like_go() {
        assert_eq!(go_clean("./a//b/../c/"), "a/c");
        assert_eq!(go_clean("../x"), "../x");
        assert_eq!(go_clean("/../x"), "/x");
        assert_eq!(go_clean(""), ".");
    }
}
