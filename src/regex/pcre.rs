//! PCRE patterns (PHP's preg_*, nginx's locations and rewrites) in the
//! engine's POSIX ERE: classes `\d \w \s`, non-capturing and named
//! groups as plain groups, lazy and possessive quantifiers read as greedy.
//! The engine then matches leftmost-longest where PCRE is leftmost-first;
//! the patterns configurations use (anchored, alternations of literals)
//! match the same text either way.

/// The ERE for a PCRE pattern (`.` stops at a newline, as in PCRE).
pub fn to_ere(s: &str) -> String {
    to_ere_with(s, false)
}

/// The ERE for a PCRE pattern; `dotall` (preg's `/s`): `.` matches a newline too.
pub fn to_ere_with(s: &str, dotall: bool) -> String {
    let mut out = String::new();
    let mut it = s.chars().peekable();
    let mut in_class = false;
    while let Some(c) = it.next() {
        match c {
            '\\' => {
                let n = it.next().unwrap_or('\\');
                let cls = match n {
                    'd' => Some(("0-9", "[0-9]")),
                    'D' => Some(("^0-9", "[^0-9]")),
                    'w' => Some(("A-Za-z0-9_", "[A-Za-z0-9_]")),
                    'W' => Some(("^A-Za-z0-9_", "[^A-Za-z0-9_]")),
                    's' => Some(("[:space:]", "[[:space:]]")),
                    'S' => Some(("^[:space:]", "[^[:space:]]")),
                    _ => None,
                };
                match cls {
                    Some((inner, outer)) => out.push_str(if in_class { inner } else { outer }),
                    None => match n {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        'b' => out.push_str("\\b"),
                        c if c.is_ascii_alphanumeric() => {
                            out.push('\\');
                            out.push(c);
                        }
                        c if in_class => {
                            if c == ']' || c == '\\' || c == '^' || c == '-' {
                                out.push('\\');
                            }
                            out.push(c);
                        }
                        c => {
                            out.push('\\');
                            out.push(c);
                        }
                    },
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                if it.peek() == Some(&'^') {
                    out.push(it.next().unwrap_or('^'));
                }
                if it.peek() == Some(&']') {
                    out.push(it.next().unwrap_or(']'));
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '(' if !in_class && it.peek() == Some(&'?') => {
                it.next();
                match it.next() {
                    Some(':') => out.push('('),
                    Some('P') | Some('<') => {
                        for x in it.by_ref() {
                            if x == '>' {
                                break;
                            }
                        }
                        out.push('(');
                    }
                    _ => out.push('('),
                }
            }
            '?' | '+' if !in_class && matches!(out.chars().last(), Some('*' | '+' | '?' | '}')) => {}
            '.' if !in_class && !dotall => out.push_str("[^\n]"),
            c => out.push(c),
        }
    }
    out
}
