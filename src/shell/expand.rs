//! Word expansion: parameters, command substitution, arithmetic, field
//! splitting, globbing and quote removal, in POSIX order.

use super::interp::Shell;
use crate::vfs::{self, Node};

/// One character of an expanded word and how it came to be.
#[derive(Clone, Copy)]
struct Ch {
    c: char,
    /// Inside quotes: never split, never a glob.
    quoted: bool,
    /// Produced by an unquoted expansion: subject to field splitting.
    split: bool,
}

/// Characters one word may expand to.
pub const WORD_LIMIT: usize = 1 << 20;

/// Separates the fields of a quoted `"$@"`.
const FIELD_BREAK: char = '\u{0}';

impl Shell<'_, '_> {
    /// Expands a word into fields (splitting and globbing apply).
    pub fn expand_fields(&mut self, word: &str) -> Result<Vec<String>, String> {
        let chars = self.expand_chars(word)?;
        let mut fields: Vec<Vec<Ch>> = Vec::new();
        let mut current: Vec<Ch> = Vec::new();
        let mut has_content = false;
        if self.positional.is_empty() && (word == "\"$@\"" || word == "\"${@}\"") {
            return Ok(Vec::new());
        }
        for ch in chars {
            if ch.split && ch.c == FIELD_BREAK {
                fields.push(std::mem::take(&mut current));
                has_content = false;
                continue;
            }
            if ch.split && !ch.quoted && matches!(ch.c, ' ' | '\t' | '\n') {
                if has_content {
                    fields.push(std::mem::take(&mut current));
                    has_content = false;
                }
                continue;
            }
            current.push(ch);
            has_content = true;
        }
        let quoted_empty = word.contains("\"\"") || word.contains("''") || (word.starts_with('"') && word.ends_with('"'));
        if has_content || (fields.is_empty() && quoted_empty) {
            fields.push(current);
        }
        let mut out = Vec::new();
        for field in fields {
            let has_glob = field.iter().any(|ch| !ch.quoted && matches!(ch.c, '*' | '?' | '['));
            let text: String = field.iter().map(|ch| ch.c).collect();
            if has_glob {
                let pattern: String = field
                    .iter()
                    .map(|ch| if ch.quoted && matches!(ch.c, '*' | '?' | '[' | '\\') { format!("\\{}", ch.c) } else { ch.c.to_string() })
                    .collect();
                let matches = self.glob(&pattern);
                if matches.is_empty() {
                    out.push(text);
                } else {
                    out.extend(matches);
                }
            } else {
                out.push(text);
            }
        }
        Ok(out)
    }

    /// Expands a word to one string (no splitting or globbing: assignments,
    /// redirection targets, case words, here-document bodies).
    pub fn expand_word(&mut self, word: &str) -> Result<String, String> {
        Ok(self.expand_chars(word)?.into_iter().map(|c| if c.c == FIELD_BREAK && c.split { ' ' } else { c.c }).collect())
    }

    /// Expands `$…` and backquotes in a here-document body (quotes stay).
    pub fn expand_heredoc(&mut self, body: &str) -> Result<String, String> {
        let mut out = String::new();
        let chars: Vec<char> = body.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            match chars[i] {
                '\\' if matches!(chars.get(i + 1), Some('$' | '`' | '\\')) => {
                    out.push(chars[i + 1]);
                    i += 2;
                }
                '$' | '`' => {
                    let (text, used) = self.dollar(&chars[i..], true)?;
                    out.push_str(&text);
                    i += used;
                }
                c => {
                    out.push(c);
                    i += 1;
                }
            }
        }
        Ok(out)
    }

    fn expand_chars(&mut self, word: &str) -> Result<Vec<Ch>, String> {
        let chars: Vec<char> = word.chars().collect();
        let mut out = Vec::new();
        let mut i = 0;
        // A leading `~` is the home directory.
        if chars.first() == Some(&'~') && matches!(chars.get(1), None | Some('/')) {
            let home = self.var("HOME").unwrap_or_else(|| "/root".into());
            out.extend(home.chars().map(|c| Ch { c, quoted: true, split: false }));
            i = 1;
        }
        while i < chars.len() {
            match chars[i] {
                '\'' => {
                    let end = chars[i + 1..].iter().position(|&c| c == '\'').map_or(chars.len(), |p| i + 1 + p);
                    out.extend(chars[i + 1..end].iter().map(|&c| Ch { c, quoted: true, split: false }));
                    i = end + 1;
                }
                '"' => {
                    i += 1;
                    let mut any = false;
                    while i < chars.len() && chars[i] != '"' {
                        any = true;
                        match chars[i] {
                            '\\' if matches!(chars.get(i + 1), Some('$' | '`' | '"' | '\\' | '\n')) => {
                                if chars[i + 1] != '\n' {
                                    out.push(Ch { c: chars[i + 1], quoted: true, split: false });
                                }
                                i += 2;
                            }
                            '$' if chars.get(i + 1) == Some(&'@') => {
                                // "$@": one field per positional parameter.
                                for (n, arg) in self.positional.clone().iter().enumerate() {
                                    if n > 0 {
                                        out.push(Ch { c: FIELD_BREAK, quoted: false, split: true });
                                    }
                                    out.extend(arg.chars().map(|c| Ch { c, quoted: true, split: false }));
                                }
                                i += 2;
                            }
                            '$' | '`' => {
                                let (text, used) = self.dollar(&chars[i..], true)?;
                                out.extend(text.chars().map(|c| Ch { c, quoted: true, split: false }));
                                i += used;
                            }
                            c => {
                                out.push(Ch { c, quoted: true, split: false });
                                i += 1;
                            }
                        }
                    }
                    let _ = any;
                    i += 1;
                }
                '\\' => {
                    if let Some(&n) = chars.get(i + 1) {
                        out.push(Ch { c: n, quoted: true, split: false });
                    }
                    i += 2;
                }
                '$' | '`' => {
                    let (text, used) = self.dollar(&chars[i..], false)?;
                    out.extend(text.chars().map(|c| Ch { c, quoted: false, split: true }));
                    i += used;
                }
                c => {
                    out.push(Ch { c, quoted: false, split: false });
                    i += 1;
                }
            }
            if out.len() > WORD_LIMIT {
                return Err(format!(
                    "dockersim: script stopped: a word expanded to more than {} MiB (the simulated shell's word limit)",
                    WORD_LIMIT >> 20
                ));
            }
        }
        Ok(out)
    }

    /// Expands the `$…` or backquote at the start of `s`: (text, chars consumed).
    fn dollar(&mut self, s: &[char], quoted: bool) -> Result<(String, usize), String> {
        if s[0] == '`' {
            let end = s[1..].iter().position(|&c| c == '`').map_or(s.len(), |p| p + 1);
            let inner: String = s[1..end].iter().collect::<String>().replace("\\`", "`");
            return Ok((self.command_substitution(&inner)?, end + 1));
        }
        match s.get(1) {
            Some('(') if s.get(2) == Some(&'(') => {
                let end = find_close(s, 1, '(', ')');
                let inner: String = s[3..end.saturating_sub(2).max(3)].iter().collect();
                let expanded = self.expand_word(&inner)?;
                Ok((super::arith::eval(&expanded, self)?.to_string(), end))
            }
            Some('(') => {
                let end = find_close(s, 1, '(', ')');
                let inner: String = s[2..end - 1].iter().collect();
                Ok((self.command_substitution(&inner)?, end))
            }
            Some('{') => {
                let end = find_close(s, 1, '{', '}');
                let inner: String = s[2..end - 1].iter().collect();
                Ok((self.braced(&inner, quoted)?, end))
            }
            Some(&c) if c.is_ascii_alphabetic() || c == '_' => {
                let len = s[1..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == '_').count();
                let name: String = s[1..1 + len].iter().collect();
                Ok((self.lookup(&name)?, 1 + len))
            }
            Some(&c) if c.is_ascii_digit() || matches!(c, '?' | '#' | '@' | '*' | '$' | '!' | '-') => {
                Ok((self.lookup(&c.to_string())?, 2))
            }
            _ => Ok(("$".into(), 1)),
        }
    }

    /// A variable's value; with `set -u`, an unset variable is an error.
    fn lookup(&mut self, name: &str) -> Result<String, String> {
        match self.special_or_var(name) {
            Some(v) => Ok(v),
            None if self.nounset => Err(format!("{name}: parameter not set")),
            None => Ok(String::new()),
        }
    }

    fn braced(&mut self, inner: &str, _quoted: bool) -> Result<String, String> {
        if let Some(name) = inner.strip_prefix('#') {
            if !name.is_empty() {
                return Ok(self.special_or_var(name).unwrap_or_default().chars().count().to_string());
            }
        }
        let name_len = inner
            .char_indices()
            .find(|(i, c)| !(c.is_ascii_alphanumeric() || *c == '_' || (*i == 0 && matches!(c, '?' | '#' | '@' | '*' | '$' | '!' | '-'))))
            .map_or(inner.len(), |(i, _)| i);
        let name = &inner[..name_len];
        if name.is_empty() {
            return Err(format!("${{{inner}}}: Bad substitution"));
        }
        let rest = &inner[name_len..];
        let value = self.special_or_var(name);
        let (op, arg) = if let Some(r) = rest.strip_prefix(':') {
            let op_len = r.chars().next().map_or(0, |c| c.len_utf8());
            (format!(":{}", &r[..op_len]), &r[op_len..])
        } else if rest.starts_with("##") || rest.starts_with("%%") {
            (rest[..2].to_string(), &rest[2..])
        } else {
            let op_len = rest.chars().next().map_or(0, |c| c.len_utf8());
            (rest[..op_len].to_string(), &rest[op_len..])
        };
        let empty = value.as_deref().is_none_or(str::is_empty);
        Ok(match op.as_str() {
            "" => match value {
                Some(v) => v,
                None if self.nounset => return Err(format!("{name}: parameter not set")),
                None => String::new(),
            },
            ":-" => if empty { self.expand_word(arg)? } else { value.unwrap_or_default() },
            "-" => match value { None => self.expand_word(arg)?, Some(v) => v },
            ":=" | "=" => {
                if (op == ":=" && empty) || value.is_none() {
                    let v = self.expand_word(arg)?;
                    self.set_var(name, &v);
                    v
                } else {
                    value.unwrap_or_default()
                }
            }
            ":+" => if empty { String::new() } else { self.expand_word(arg)? },
            "+" => if value.is_none() { String::new() } else { self.expand_word(arg)? },
            ":?" | "?" => {
                if (op == ":?" && empty) || value.is_none() {
                    let msg = if arg.is_empty() { "parameter not set".to_string() } else { self.expand_word(arg)? };
                    return Err(format!("{name}: {msg}"));
                }
                value.unwrap_or_default()
            }
            "#" | "##" | "%" | "%%" => {
                let v = value.unwrap_or_default();
                let pattern = self.expand_word(arg)?;
                trim(&v, &pattern, &op)
            }
            _ => return Err(format!("${{{inner}}}: Bad substitution")),
        })
    }

    fn command_substitution(&mut self, script: &str) -> Result<String, String> {
        let out = self.subshell_capture(script)?;
        Ok(out.trim_end_matches('\n').to_string())
    }

    /// Paths matching a glob pattern (relative patterns relative to the cwd), sorted.
    fn glob(&self, pattern: &str) -> Vec<String> {
        let absolute = pattern.starts_with('/');
        let base = if absolute { "/".to_string() } else { self.cwd.clone() };
        let parts: Vec<&str> = pattern.split('/').filter(|p| !p.is_empty()).collect();
        let mut current: Vec<(String, String)> = vec![(base, String::new())];
        for (idx, part) in parts.iter().enumerate() {
            let last = idx + 1 == parts.len();
            let mut next = Vec::new();
            for (dir, shown) in &current {
                let join_shown = |name: &str| if shown.is_empty() { if absolute { format!("/{name}") } else { name.to_string() } } else { format!("{shown}/{name}") };
                if !part.contains(['*', '?', '[']) {
                    let unescaped = part.replace('\\', "");
                    let p = vfs::join(dir, &unescaped);
                    if self.fs().get(&p).is_ok() {
                        next.push((p, join_shown(&unescaped)));
                    }
                    continue;
                }
                if let Ok(Node::Dir { entries, .. }) = self.fs().get(dir) {
                    for name in entries.keys() {
                        if name.starts_with('.') && !part.starts_with('.') {
                            continue;
                        }
                        if fnmatch(part, name) {
                            let p = vfs::join(dir, name);
                            if !last && !matches!(self.fs().get(&p), Ok(Node::Dir { .. })) {
                                continue;
                            }
                            next.push((p, join_shown(name)));
                        }
                    }
                }
            }
            current = next;
        }
        let mut out: Vec<String> = current.into_iter().map(|(_, shown)| shown).collect();
        crate::sort::sort(&mut out);
        out
    }
}

/// Index just after the bracket matching `s[open_at]`.
fn find_close(s: &[char], open_at: usize, open: char, close: char) -> usize {
    let mut depth = 0;
    let mut i = open_at;
    while i < s.len() {
        match s[i] {
            '\\' => i += 1,
            '\'' if open == '(' => {
                i += s[i + 1..].iter().position(|&c| c == '\'').map_or(0, |p| p + 1);
            }
            c if c == open => depth += 1,
            c if c == close => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    s.len()
}

/// `${v#p}` and friends.
fn trim(value: &str, pattern: &str, op: &str) -> String {
    let idx: Vec<usize> = value.char_indices().map(|(i, _)| i).chain(std::iter::once(value.len())).collect();
    match op {
        "#" => idx.iter().find(|&&i| fnmatch(pattern, &value[..i])).map_or(value.to_string(), |&i| value[i..].to_string()),
        "##" => idx.iter().rev().find(|&&i| fnmatch(pattern, &value[..i])).map_or(value.to_string(), |&i| value[i..].to_string()),
        "%" => idx.iter().rev().find(|&&i| fnmatch(pattern, &value[i..])).map_or(value.to_string(), |&i| value[..i].to_string()),
        _ => idx.iter().find(|&&i| fnmatch(pattern, &value[i..])).map_or(value.to_string(), |&i| value[..i].to_string()),
    }
}

/// Shell pattern matching (`*`, `?`, `[...]`, `\` escapes) on a whole string
/// (linear time: `crate::glob`).
pub fn fnmatch(pattern: &str, text: &str) -> bool {
    crate::glob::Glob::shell(pattern).is_match(text)
}
