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
    /// Expands a word into fields (brace expansion in bash, then splitting
    /// and globbing).
    pub fn expand_fields(&mut self, word: &str) -> Result<Vec<String>, String> {
        if self.flavor() == super::Flavor::Bash && word.contains('{') {
            let mut out = Vec::new();
            for w in brace_expand(word)? {
                out.extend(self.expand_fields_one(&w)?);
            }
            return Ok(out);
        }
        self.expand_fields_one(word)
    }

    fn expand_fields_one(&mut self, word: &str) -> Result<Vec<String>, String> {
        let (chars, quoted_empty) = self.expand_chars_full(word)?;
        let mut fields: Vec<Vec<Ch>> = Vec::new();
        let mut current: Vec<Ch> = Vec::new();
        let mut has_content = false;
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
                    if !self.shopts.contains("nullglob") {
                        out.push(text);
                    }
                } else {
                    out.extend(matches);
                }
            } else {
                out.push(text);
            }
        }
        Ok(out)
    }

    /// Expands a word into a shell pattern: quoted `*?[\\` are escaped.
    pub fn expand_pattern(&mut self, word: &str) -> Result<String, String> {
        let chars = self.expand_chars(word)?;
        Ok(chars
            .iter()
            .map(|ch| if ch.quoted && matches!(ch.c, '*' | '?' | '[' | ']' | '\\') { format!("\\{}", ch.c) } else { ch.c.to_string() })
            .collect())
    }

    /// Expands the right side of `=~`: quoted characters match literally.
    pub fn expand_regex(&mut self, word: &str) -> Result<String, String> {
        let chars = self.expand_chars(word)?;
        Ok(chars
            .iter()
            .map(|ch| if ch.quoted && "\\.[]()*+?{}|^$".contains(ch.c) { format!("\\{}", ch.c) } else { ch.c.to_string() })
            .collect())
    }

    /// The text of `(( … ))` with `$…` expanded (names stay for arithmetic).
    pub fn expand_arith_text(&mut self, expr: &str) -> Result<String, String> {
        self.expand_heredoc(expr)
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
        Ok(self.expand_chars_full(word)?.0)
    }

    /// The expanded characters, and whether quotes in the word make an
    /// empty field (`""`, `"$x"`, but not `"$@"` with no parameters).
    fn expand_chars_full(&mut self, word: &str) -> Result<(Vec<Ch>, bool), String> {
        let bash = self.flavor() == super::Flavor::Bash;
        let chars: Vec<char> = word.chars().collect();
        let mut out = Vec::new();
        let mut quoted_empty = false;
        let mut i = 0;
        // A leading `~` is the home directory.
        if chars.first() == Some(&'~') && matches!(chars.get(1), None | Some('/')) {
            let home = self.var("HOME").unwrap_or_else(|| "/root".into());
            out.extend(home.chars().map(|c| Ch { c, quoted: true, split: false }));
            i = 1;
        }
        while i < chars.len() {
            match chars[i] {
                '$' if bash && chars.get(i + 1) == Some(&'\'') => {
                    let mut j = i + 2;
                    while j < chars.len() && chars[j] != '\'' {
                        j += if chars[j] == '\\' { 2 } else { 1 };
                    }
                    let raw: String = chars[i + 2..j.min(chars.len())].iter().collect();
                    let (text, _) = unescape_ansi(&raw);
                    out.extend(text.chars().map(|c| Ch { c, quoted: true, split: false }));
                    quoted_empty = true;
                    i = j + 1;
                }
                '<' | '>' if bash && chars.get(i + 1) == Some(&'(') => {
                    let end = find_close(&chars, i + 1, '(', ')');
                    let inner: String = chars[i + 2..end.saturating_sub(1).max(i + 2)].iter().collect();
                    let path = self.process_substitution(chars[i], &inner)?;
                    out.extend(path.chars().map(|c| Ch { c, quoted: true, split: false }));
                    i = end;
                }
                '\'' => {
                    let end = chars[i + 1..].iter().position(|&c| c == '\'').map_or(chars.len(), |p| i + 1 + p);
                    out.extend(chars[i + 1..end].iter().map(|&c| Ch { c, quoted: true, split: false }));
                    quoted_empty = true;
                    i = end + 1;
                }
                '"' => {
                    i += 1;
                    let mut only_lists = false;
                    let mut other = false;
                    while i < chars.len() && chars[i] != '"' {
                        match chars[i] {
                            '\\' if matches!(chars.get(i + 1), Some('$' | '`' | '"' | '\\' | '\n')) => {
                                if chars[i + 1] != '\n' {
                                    out.push(Ch { c: chars[i + 1], quoted: true, split: false });
                                }
                                other = true;
                                i += 2;
                            }
                            '$' | '`' => {
                                let (val, used) = self.dollar_val(&chars[i..], true)?;
                                match val {
                                    Val::Str(text) => {
                                        out.extend(text.chars().map(|c| Ch { c, quoted: true, split: false }));
                                        other = true;
                                    }
                                    Val::List(items) => {
                                        // "$@", "${a[@]}": one field per element.
                                        for (n, arg) in items.iter().enumerate() {
                                            if n > 0 {
                                                out.push(Ch { c: FIELD_BREAK, quoted: false, split: true });
                                            }
                                            out.extend(arg.chars().map(|c| Ch { c, quoted: true, split: false }));
                                        }
                                        if items.is_empty() {
                                            only_lists = true;
                                        } else {
                                            other = true;
                                        }
                                    }
                                }
                                i += used;
                            }
                            c => {
                                out.push(Ch { c, quoted: true, split: false });
                                other = true;
                                i += 1;
                            }
                        }
                    }
                    if other || !only_lists {
                        quoted_empty = true;
                    }
                    i += 1;
                }
                '\\' => {
                    if let Some(&n) = chars.get(i + 1) {
                        out.push(Ch { c: n, quoted: true, split: false });
                    }
                    i += 2;
                }
                '$' | '`' => {
                    let (val, used) = self.dollar_val(&chars[i..], false)?;
                    match val {
                        Val::Str(text) => out.extend(text.chars().map(|c| Ch { c, quoted: false, split: true })),
                        Val::List(items) => {
                            for (n, arg) in items.iter().enumerate() {
                                if n > 0 {
                                    out.push(Ch { c: FIELD_BREAK, quoted: false, split: true });
                                }
                                out.extend(arg.chars().map(|c| Ch { c, quoted: false, split: true }));
                            }
                        }
                    }
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
        Ok((out, quoted_empty))
    }

    /// `<(cmd)`: runs `cmd` and gives a path to read its output from.
    fn process_substitution(&mut self, dir: char, script: &str) -> Result<String, String> {
        if dir == '>' {
            return Err("dockersim: >(…) process substitution is not simulated".into());
        }
        let out = self.subshell_capture(script)?;
        let path = format!("/dev/fd/{}", 63 - self.proc_files.len().min(50));
        let _ = self.ctx.fs.mkdir_all("/dev/fd", crate::vfs::Meta::new(0o755, self.ctx.now));
        let meta = self.meta(0o600);
        let _ = self.ctx.fs.write(&path, crate::vfs::Content::from_bytes(out.into_bytes()), meta);
        self.proc_files.push(path.clone());
        Ok(path)
    }

    /// Removes the files of finished process substitutions.
    pub fn clear_proc_files(&mut self) {
        for p in std::mem::take(&mut self.proc_files) {
            let _ = self.ctx.fs.remove(&p, false);
        }
    }

    /// [`Shell::dollar`] for expansions that may give several fields.
    fn dollar_val(&mut self, s: &[char], quoted: bool) -> Result<(Val, usize), String> {
        if s.get(1) == Some(&'@') {
            return Ok((Val::List(self.positional.clone()), 2));
        }
        if s.get(1) == Some(&'{') {
            let end = find_close(s, 1, '{', '}');
            let inner: String = s[2..end - 1].iter().collect();
            return Ok((self.braced_val(&inner, quoted)?, end));
        }
        let (text, used) = self.dollar(s, quoted)?;
        Ok((Val::Str(text), used))
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
            Some(&c) if c.is_ascii_digit() || matches!(c, '?' | '#' | '@' | '*' | '$' | '!' | '-') => Ok((self.lookup(&c.to_string())?, 2)),
            _ => Ok(("$".into(), 1)),
        }
    }

    /// A variable's value; with `set -u`, an unset variable is an error.
    fn lookup(&mut self, name: &str) -> Result<String, String> {
        if name == "RANDOM" && self.flavor() == super::Flavor::Bash && !self.vars.contains_key("RANDOM") {
            return Ok(self.next_random().to_string());
        }
        match self.special_or_var(name) {
            Some(v) => Ok(v),
            None if self.nounset => Err(self.unbound(name)),
            None => Ok(String::new()),
        }
    }

    /// The message for an unset variable under `set -u`.
    fn unbound(&self, name: &str) -> String {
        if self.flavor() == super::Flavor::Bash {
            format!("{name}: unbound variable")
        } else {
            format!("{name}: parameter not set")
        }
    }

    fn braced(&mut self, inner: &str, quoted: bool) -> Result<String, String> {
        Ok(match self.braced_val(inner, quoted)? {
            Val::Str(s) => s,
            Val::List(items) => items.join(" "),
        })
    }

    /// `${…}` with bash's arrays, indirection and operators.
    fn braced_val(&mut self, inner: &str, quoted: bool) -> Result<Val, String> {
        if self.flavor() != super::Flavor::Bash {
            return self.braced_posix(inner, quoted).map(Val::Str);
        }
        let bad = || format!("${{{inner}}}: bad substitution");
        // ${#…}: lengths.
        if let Some(rest) = inner.strip_prefix('#') {
            if !rest.is_empty() && !rest.starts_with(['-', '=', '?', '+', ':']) || rest == "#" {
                let (name, sub, tail) = split_name(rest).ok_or_else(bad)?;
                if !tail.is_empty() {
                    return Err(bad());
                }
                return Ok(Val::Str(match sub.as_deref() {
                    Some("@" | "*") => self.array_values(&name).len().to_string(),
                    Some(k) => {
                        let key = self.subscript(&name, k)?;
                        self.element(&name, &key).unwrap_or_default().chars().count().to_string()
                    }
                    None if name == "@" || name == "*" => self.positional.len().to_string(),
                    None => self.lookup(&name)?.chars().count().to_string(),
                }));
            }
        }
        // ${!…}: indirection, names, keys.
        if let Some(rest) = inner.strip_prefix('!') {
            if let Some(prefix) = rest.strip_suffix('*').or_else(|| rest.strip_suffix('@')) {
                if prefix.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !prefix.is_empty() {
                    let mut names: Vec<String> =
                        self.vars.keys().chain(self.arrays.keys()).filter(|n| n.starts_with(prefix)).cloned().collect();
                    crate::sort::sort(&mut names);
                    names.dedup();
                    return Ok(if rest.ends_with('@') && quoted { Val::List(names) } else { Val::Str(names.join(" ")) });
                }
            }
            let (name, sub, tail) = split_name(rest).ok_or_else(bad)?;
            if let Some("@" | "*") = sub.as_deref() {
                let keys = self.array_keys(&name);
                return Ok(if sub.as_deref() == Some("@") && quoted { Val::List(keys) } else { Val::Str(keys.join(" ")) });
            }
            let target = match sub {
                Some(k) => {
                    let key = self.subscript(&name, &k)?;
                    self.element(&name, &key).unwrap_or_default()
                }
                None => self.lookup(&name)?,
            };
            if target.is_empty() {
                return Err(format!("{name}: invalid indirect expansion"));
            }
            return self.braced_val(&format!("{target}{tail}"), quoted);
        }
        let (name, sub, rest) = split_name(inner).ok_or_else(bad)?;
        // The value(s) the operator applies to.
        let (values, is_list, set) = match sub.as_deref() {
            Some(k @ ("@" | "*")) => {
                let v = self.array_values(&name);
                let set = !v.is_empty();
                (v, k == "@" || !quoted, set)
            }
            Some(k) => {
                let key = self.subscript(&name, k)?;
                let v = self.element(&name, &key);
                (v.clone().into_iter().collect(), false, v.is_some())
            }
            None if name == "@" || name == "*" => {
                let v = self.positional.clone();
                let set = !v.is_empty();
                (v, name == "@" || !quoted, set)
            }
            None => {
                let v = if name == "RANDOM" { Some(self.lookup("RANDOM")?) } else { self.special_or_var(&name) };
                (v.clone().into_iter().collect(), false, v.is_some())
            }
        };
        let joined = |v: &[String]| v.join(" ");
        let wrap = |v: Vec<String>| if is_list { Val::List(v) } else { Val::Str(v.join(" ")) };
        if rest.is_empty() {
            if !set && self.nounset && sub.is_none() && name != "@" && name != "*" {
                return Err(self.unbound(&name));
            }
            return Ok(wrap(values));
        }
        let first = rest.chars().next().unwrap_or(' ');
        let after = &rest[first.len_utf8()..];
        let value = joined(&values);
        match first {
            ':' if !after.starts_with(['-', '=', '+', '?']) => {
                // ${v:offset[:length]}
                let (off_text, len_text) = split_top(after, ':');
                let off = self.arith_word(off_text)?;
                let len = match len_text {
                    Some(t) => Some(self.arith_word(t)?),
                    None => None,
                };
                if is_list || name == "@" {
                    let mut items = values;
                    if name == "@" || name == "*" {
                        items.insert(0, self.arg0.clone());
                    }
                    let n = items.len() as i64;
                    let start = if off < 0 { (n + off).max(0) } else { off.min(n) };
                    let end = match len {
                        Some(l) if l < 0 => return Err(format!("{}: substring expression < 0", len_text.unwrap_or("").trim())),
                        Some(l) => (start + l).min(n),
                        None => n,
                    };
                    return Ok(wrap(items[start as usize..end.max(start) as usize].to_vec()));
                }
                let chars: Vec<char> = value.chars().collect();
                let n = chars.len() as i64;
                let start = if off < 0 { n + off } else { off };
                if start < 0 || start > n {
                    return Ok(Val::Str(String::new()));
                }
                let end = match len {
                    Some(l) if l < 0 => {
                        let e = n + l;
                        if e < start {
                            return Err(format!("{}: substring expression < 0", len_text.unwrap_or("").trim()));
                        }
                        e
                    }
                    Some(l) => (start + l).min(n),
                    None => n,
                };
                Ok(Val::Str(chars[start as usize..end as usize].iter().collect()))
            }
            ':' | '-' | '=' | '+' | '?' => {
                let (colon, op, arg) =
                    if first == ':' { (true, after.chars().next().unwrap_or('-'), &after[1..]) } else { (false, first, after) };
                let empty = !set || (colon && value.is_empty());
                match op {
                    '-' => {
                        if empty {
                            Ok(Val::Str(self.expand_word(arg)?))
                        } else {
                            Ok(wrap(values))
                        }
                    }
                    '=' => {
                        if empty {
                            let v = self.expand_word(arg)?;
                            match sub {
                                Some(k) => {
                                    let key = self.subscript(&name, &k)?;
                                    self.set_element(&name, &key, &v);
                                }
                                None => self.set_var(&name, &v),
                            }
                            Ok(Val::Str(v))
                        } else {
                            Ok(wrap(values))
                        }
                    }
                    '+' => {
                        if empty {
                            Ok(Val::Str(String::new()))
                        } else {
                            Ok(Val::Str(self.expand_word(arg)?))
                        }
                    }
                    _ => {
                        if empty {
                            let msg = if arg.is_empty() { "parameter null or not set".to_string() } else { self.expand_word(arg)? };
                            return Err(format!("\u{1}{name}: {msg}"));
                        }
                        Ok(wrap(values))
                    }
                }
            }
            '#' | '%' => {
                let double = after.starts_with(first);
                let op = if double { format!("{first}{first}") } else { first.to_string() };
                let pat = self.expand_pattern(if double { &after[1..] } else { after })?;
                Ok(wrap(values.iter().map(|v| trim(v, &pat, &op)).collect()))
            }
            '/' => {
                let (mode, body) = match after.chars().next() {
                    Some('/') => ('g', &after[1..]),
                    Some('#') => ('#', &after[1..]),
                    Some('%') => ('%', &after[1..]),
                    _ => ('1', after),
                };
                let (pat_raw, rep_raw) = split_top(body, '/');
                let pat = self.expand_pattern(pat_raw)?;
                let rep = match rep_raw {
                    Some(r) => self.expand_word(r)?,
                    None => String::new(),
                };
                Ok(wrap(values.iter().map(|v| replace_pattern(v, &pat, &rep, mode)).collect()))
            }
            '^' | ',' => {
                let all = after.starts_with(first);
                let upper = first == '^';
                Ok(wrap(values.iter().map(|v| change_case(v, upper, all)).collect()))
            }
            '@' => {
                let f = |v: &String| -> String {
                    match after {
                        "Q" => shell_quote(v),
                        "U" => v.to_uppercase(),
                        "L" => v.to_lowercase(),
                        "u" => change_case(v, true, false),
                        "E" => unescape_ansi(v).0,
                        _ => String::new(),
                    }
                };
                if !matches!(after, "Q" | "U" | "L" | "u" | "E") {
                    return Err(bad());
                }
                Ok(wrap(values.iter().map(f).collect()))
            }
            _ => Err(bad()),
        }
    }

    /// The key of `name[sub]`: arithmetic for indexed arrays, a word for associative ones.
    fn subscript(&mut self, name: &str, sub: &str) -> Result<String, String> {
        if self.is_assoc(name) {
            return self.expand_word(sub);
        }
        Ok(self.arith_word(sub)?.to_string())
    }

    /// Evaluates an arithmetic word (an offset, a subscript).
    fn arith_word(&mut self, text: &str) -> Result<i64, String> {
        let expanded = self.expand_heredoc(text)?;
        super::arith::eval(&expanded, self)
    }

    /// dash's and BusyBox ash's words for a `${…}` they do not know.
    fn bad_substitution(&self) -> String {
        match self.flavor() {
            super::Flavor::Busybox => "syntax error: bad substitution".to_string(),
            _ => "Bad substitution".to_string(),
        }
    }

    fn braced_posix(&mut self, inner: &str, _quoted: bool) -> Result<String, String> {
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
            return Err(self.bad_substitution());
        }
        let rest = &inner[name_len..];
        let value = self.special_or_var(name);
        if self.flavor() == super::Flavor::Busybox {
            // BusyBox ash's bash compatibility (on in Alpine's build): ${v/p/r} and ${v:off:len}.
            if let Some(after) = rest.strip_prefix('/') {
                // No anchored forms: `#` and `%` are part of the pattern.
                let (mode, body) = match after.strip_prefix('/') {
                    Some(b) => ('g', b),
                    None => ('1', after),
                };
                let (pat_raw, rep_raw) = split_top(body, '/');
                let pat = self.expand_pattern(pat_raw)?;
                let rep = match rep_raw {
                    Some(r) => self.expand_word(r)?,
                    None => String::new(),
                };
                return Ok(replace_pattern(&value.unwrap_or_default(), &pat, &rep, mode));
            }
            if let Some(after) = rest.strip_prefix(':').filter(|a| !a.starts_with(['-', '=', '+', '?'])) {
                let (off_text, len_text) = split_top(after, ':');
                let chars: Vec<char> = value.unwrap_or_default().chars().collect();
                let n = chars.len() as i64;
                let off = self.arith_word(off_text)?;
                let start = if off < 0 { (n + off).max(0) } else { off.min(n) };
                let end = match len_text {
                    Some(t) => {
                        let l = self.arith_word(t)?;
                        if l < 0 {
                            (n + l).max(start)
                        } else {
                            (start + l).min(n)
                        }
                    }
                    None => n,
                };
                return Ok(chars[start as usize..end as usize].iter().collect());
            }
        }
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
            ":-" => {
                if empty {
                    self.expand_word(arg)?
                } else {
                    value.unwrap_or_default()
                }
            }
            "-" => match value {
                None => self.expand_word(arg)?,
                Some(v) => v,
            },
            ":=" | "=" => {
                if (op == ":=" && empty) || value.is_none() {
                    let v = self.expand_word(arg)?;
                    self.set_var(name, &v);
                    v
                } else {
                    value.unwrap_or_default()
                }
            }
            ":+" => {
                if empty {
                    String::new()
                } else {
                    self.expand_word(arg)?
                }
            }
            "+" => {
                if value.is_none() {
                    String::new()
                } else {
                    self.expand_word(arg)?
                }
            }
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
            _ => return Err(self.bad_substitution()),
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
                let join_shown = |name: &str| {
                    if shown.is_empty() {
                        if absolute {
                            format!("/{name}")
                        } else {
                            name.to_string()
                        }
                    } else {
                        format!("{shown}/{name}")
                    }
                };
                let toks = crate::glob::shell_tokens(part);
                if let Some(literal) =
                    toks.iter().map(|t| if let crate::glob::Tok::Lit(c) = t { Some(*c) } else { None }).collect::<Option<String>>()
                {
                    // No wildcard (a lone `[` is literal): one lookup, not a scan of the directory.
                    let p = vfs::join(dir, &literal);
                    if self.fs().get(&p).is_ok() {
                        next.push((p, join_shown(&literal)));
                    }
                    continue;
                }
                let glob = crate::glob::Glob::new(&toks, None);
                if let Ok(Node::Dir { entries, .. }) = self.fs().get(dir) {
                    for name in entries.keys() {
                        if name.starts_with('.') && !part.starts_with('.') {
                            continue;
                        }
                        if glob.is_match(name) {
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

/// What a `$…` gave: one string, or fields (`"$@"`, `"${a[@]}"`).
enum Val {
    Str(String),
    List(Vec<String>),
}

/// `name`, `name[sub]` or a special parameter at the start of `${…}`:
/// (name, subscript, the rest).
fn split_name(inner: &str) -> Option<(String, Option<String>, &str)> {
    let first = inner.chars().next()?;
    let len = if first.is_ascii_digit() {
        inner.chars().take_while(char::is_ascii_digit).count()
    } else if matches!(first, '?' | '#' | '@' | '*' | '$' | '!' | '-') {
        1
    } else if first.is_ascii_alphabetic() || first == '_' {
        inner.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').count()
    } else {
        return None;
    };
    let name = inner[..len].to_string();
    let rest = &inner[len..];
    if rest.starts_with('[') && (first.is_ascii_alphabetic() || first == '_') {
        let close = find_close(&rest.chars().collect::<Vec<_>>(), 0, '[', ']');
        let chars: Vec<char> = rest.chars().collect();
        if close > chars.len() || chars.get(close - 1) != Some(&']') {
            return None;
        }
        let sub: String = chars[1..close - 1].iter().collect();
        let tail_start: usize = chars[..close].iter().map(|c| c.len_utf8()).sum();
        return Some((name, Some(sub), &rest[tail_start..]));
    }
    Some((name, None, rest))
}

/// Splits at the first `sep` outside quotes and brackets: (before, after).
fn split_top(s: &str, sep: char) -> (&str, Option<&str>) {
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match (quote, c) {
            (_, '\\') if quote != Some('\'') => escaped = true,
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '{' | '(' | '[') => depth += 1,
            (None, '}' | ')' | ']') => depth -= 1,
            (None, c) if c == sep && depth <= 0 => return (&s[..i], Some(&s[i + c.len_utf8()..])),
            _ => {}
        }
    }
    (s, None)
}

/// `${v/p/r}` (mode `1`), `${v//p/r}` (`g`), `${v/#p/r}` (`#`), `${v/%p/r}` (`%`).
fn replace_pattern(value: &str, pat: &str, rep: &str, mode: char) -> String {
    let idx: Vec<usize> = value.char_indices().map(|(i, _)| i).chain(std::iter::once(value.len())).collect();
    if pat.is_empty() && mode != '#' && mode != '%' {
        return value.to_string();
    }
    match mode {
        '#' => match idx.iter().rev().find(|&&e| fnmatch(pat, &value[..e])) {
            Some(&e) => format!("{rep}{}", &value[e..]),
            None => value.to_string(),
        },
        '%' => match idx.iter().find(|&&b| fnmatch(pat, &value[b..])) {
            Some(&b) => format!("{}{rep}", &value[..b]),
            None => value.to_string(),
        },
        _ => {
            let mut out = String::new();
            let mut k = 0;
            while k < idx.len() {
                let start = idx[k];
                // Longest match starting here.
                let hit = idx[k..].iter().rev().find(|&&e| e > start && fnmatch(pat, &value[start..e]));
                match hit {
                    Some(&e) => {
                        out.push_str(rep);
                        if mode != 'g' {
                            out.push_str(&value[e..]);
                            return out;
                        }
                        k = idx.iter().position(|&x| x == e).unwrap_or(idx.len());
                    }
                    None => {
                        if start < value.len() {
                            out.push_str(&value[start..idx[k + 1]]);
                        }
                        k += 1;
                    }
                }
            }
            out
        }
    }
}

fn change_case(v: &str, upper: bool, all: bool) -> String {
    let conv = |c: char| -> String {
        if upper {
            c.to_uppercase().collect()
        } else {
            c.to_lowercase().collect()
        }
    };
    if all {
        return v.chars().map(conv).collect();
    }
    let mut chars = v.chars();
    match chars.next() {
        Some(c) => conv(c) + chars.as_str(),
        None => String::new(),
    }
}

/// `${v@Q}`: quoted for reuse as shell input.
pub fn shell_quote(v: &str) -> String {
    if v.chars().any(|c| c.is_control()) {
        let mut out = String::from("$'");
        for c in v.chars() {
            match c {
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                '\'' => out.push_str("\\'"),
                '\\' => out.push_str("\\\\"),
                c if c.is_control() => out.push_str(&format!("\\{:03o}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('\'');
        return out;
    }
    format!("'{}'", v.replace('\'', "'\\''"))
}

/// bash's `$'…'` escapes: (text, whether `\c` stopped it).
pub fn unescape_ansi(s: &str) -> (String, bool) {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '\\' || i + 1 >= chars.len() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let c = chars[i + 1];
        i += 2;
        let digits = |i: &mut usize, max: usize, radix: u32| -> Option<u32> {
            let start = *i;
            while *i < chars.len() && *i - start < max && chars[*i].is_digit(radix) {
                *i += 1;
            }
            (*i > start).then(|| u32::from_str_radix(&chars[start..*i].iter().collect::<String>(), radix).unwrap_or(0))
        };
        match c {
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'e' | 'E' => out.push('\u{1b}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\u{b}'),
            '\\' | '\'' | '"' | '?' => out.push(c),
            '0'..='7' => {
                i -= 1;
                let v = digits(&mut i, 3, 8).unwrap_or(0);
                out.push(char::from_u32(v & 0xff).unwrap_or('?'));
            }
            'x' => match digits(&mut i, 2, 16) {
                Some(v) => out.push(char::from_u32(v).unwrap_or('?')),
                None => out.push_str("\\x"),
            },
            'u' | 'U' => match digits(&mut i, if c == 'u' { 4 } else { 8 }, 16) {
                Some(v) => out.push(char::from_u32(v).unwrap_or('?')),
                None => {
                    out.push('\\');
                    out.push(c);
                }
            },
            'c' => {
                if let Some(&n) = chars.get(i) {
                    out.push(char::from_u32((n.to_ascii_uppercase() as u32) ^ 0x40).unwrap_or('?'));
                    i += 1;
                }
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    (out, false)
}

/// Brace expansion (`a{b,c}d`, `{1..5}`, `{a..e..2}`, `{01..10}`), outside
/// quotes and `${…}`; nested groups expand left to right.
pub fn brace_expand(word: &str) -> Result<Vec<String>, String> {
    const MAX_WORDS: usize = 100_000;
    let mut words = vec![word.to_string()];
    for _ in 0..10_000 {
        let mut next = Vec::new();
        let mut changed = false;
        for w in &words {
            match brace_group(w) {
                Some((start, end, alts)) => {
                    changed = true;
                    for a in alts {
                        next.push(format!("{}{a}{}", &w[..start], &w[end..]));
                    }
                }
                None => next.push(w.clone()),
            }
            if next.len() > MAX_WORDS {
                return Err(format!("dockersim: script stopped: a brace expansion made more than {MAX_WORDS} words"));
            }
        }
        words = next;
        if !changed {
            return Ok(words);
        }
    }
    Ok(words)
}

/// The first brace group of `w`: (byte start, byte end, alternatives).
fn brace_group(w: &str) -> Option<(usize, usize, Vec<String>)> {
    let b = w.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'\'' => i += w[i + 1..].find('\'').map_or(b.len(), |p| p + 2),
            b'"' => {
                let mut j = i + 1;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                i = j + 1;
            }
            b'$' if b.get(i + 1) == Some(&b'{') || b.get(i + 1) == Some(&b'(') => {
                let chars: Vec<char> = w[i..].chars().collect();
                let (open, close) = if b[i + 1] == b'{' { ('{', '}') } else { ('(', ')') };
                let end = find_close(&chars, 1, open, close);
                i += chars[..end].iter().map(|c| c.len_utf8()).sum::<usize>();
            }
            b'{' => {
                // Find the matching close and top-level commas.
                let mut depth = 0;
                let mut j = i;
                let mut commas = Vec::new();
                let mut close = None;
                while j < b.len() {
                    match b[j] {
                        b'\\' => j += 1,
                        b'\'' => j += w[j + 1..].find('\'').map_or(b.len(), |p| p + 1),
                        b'"' => {
                            j += 1;
                            while j < b.len() && b[j] != b'"' {
                                j += if b[j] == b'\\' { 2 } else { 1 };
                            }
                        }
                        b'$' if b.get(j + 1) == Some(&b'{') => {
                            let chars: Vec<char> = w[j..].chars().collect();
                            let end = find_close(&chars, 1, '{', '}');
                            j += chars[..end].iter().map(|c| c.len_utf8()).sum::<usize>() - 1;
                        }
                        b'{' => depth += 1,
                        b'}' => {
                            depth -= 1;
                            if depth == 0 {
                                close = Some(j);
                                break;
                            }
                        }
                        b',' if depth == 1 => commas.push(j),
                        _ => {}
                    }
                    j += 1;
                }
                let close = close?;
                if !commas.is_empty() {
                    let mut alts = Vec::new();
                    let mut from = i + 1;
                    for &c in &commas {
                        alts.push(w[from..c].to_string());
                        from = c + 1;
                    }
                    alts.push(w[from..close].to_string());
                    return Some((i, close + 1, alts));
                }
                if let Some(seq) = sequence(&w[i + 1..close]) {
                    return Some((i, close + 1, seq));
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    None
}

/// `1..5`, `05..10..2`, `a..e`: the words of a sequence expression.
fn sequence(body: &str) -> Option<Vec<String>> {
    let parts: Vec<&str> = body.split("..").collect();
    if parts.len() != 2 && parts.len() != 3 {
        return None;
    }
    let step: i64 = match parts.get(2) {
        Some(s) => s.parse().ok()?,
        None => 1,
    };
    let step = step.unsigned_abs().max(1) as i64;
    if let (Ok(a), Ok(b)) = (parts[0].parse::<i64>(), parts[1].parse::<i64>()) {
        let padded = |p: &str| p.trim_start_matches('-').len() > 1 && p.trim_start_matches('-').starts_with('0');
        let width = if padded(parts[0]) || padded(parts[1]) { parts[0].len().max(parts[1].len()) } else { 0 };
        let count = (a - b).unsigned_abs() / step as u64 + 1;
        if count > 100_000 {
            return None;
        }
        let mut out = Vec::new();
        let mut v = a;
        for _ in 0..count {
            out.push(if width > 0 {
                if v < 0 {
                    format!("-{:0w$}", -v, w = width - 1)
                } else {
                    format!("{v:0width$}")
                }
            } else {
                v.to_string()
            });
            v += if a <= b { step } else { -step };
        }
        return Some(out);
    }
    let (a, b) = (parts[0].chars().collect::<Vec<_>>(), parts[1].chars().collect::<Vec<_>>());
    if a.len() == 1 && b.len() == 1 && a[0].is_ascii_alphabetic() && b[0].is_ascii_alphabetic() {
        let (a, b) = (a[0] as i64, b[0] as i64);
        let mut out = Vec::new();
        let mut v = a;
        loop {
            out.push(char::from_u32(v as u32).unwrap_or('?').to_string());
            if (a <= b && v + step > b) || (a > b && v - step < b) {
                break;
            }
            v += if a <= b { step } else { -step };
        }
        return Some(out);
    }
    None
}

/// `=~`: the match and its groups (BASH_REMATCH; a group that did not take
/// part is empty), `None` when it does not match; `Err` for an invalid regex
/// (the C library's words) or one that ran out of steps (a `dockersim:` line).
pub fn regex_captures(pattern: &str, text: &str) -> Result<Option<Vec<String>>, String> {
    use crate::regex::{Regex, Syntax};
    let re = Regex::new(pattern, Syntax::Ere, false).map_err(|e| e.gnu().to_string())?;
    let found = re.find_at(text, 0);
    if re.exhausted() {
        return Err(crate::regex::exhausted_line("bash").trim_end().to_string());
    }
    Ok(found.map(|m| {
        m.groups.iter().map(|g| g.map_or(String::new(), |(a, b)| String::from_utf8_lossy(&text.as_bytes()[a..b]).into_owned())).collect()
    }))
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
