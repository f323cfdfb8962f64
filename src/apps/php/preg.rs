//! preg_* on the project's regex engine: PCRE patterns are translated to
//! POSIX ERE (classes `\d \w \s`, non-capturing groups, lazy quantifiers
//! read as greedy); what cannot be translated fails with a dockersim error.

use super::eval::{Flow, Php, R};
use super::value::*;
use crate::regex::{Regex, Syntax};

fn compile(p: &mut Php, pat: &str) -> R<Regex> {
    let b = pat.as_bytes();
    let Some(&delim) = b.first() else { return Err(p.throw_error("ValueError", "preg_match(): Argument #1 ($pattern) must not be empty")) };
    let close = match delim {
        b'(' => b')',
        b'{' => b'}',
        b'[' => b']',
        b'<' => b'>',
        d => d,
    };
    let end = pat.rfind(close as char).filter(|&e| e > 0).unwrap_or(0);
    if end == 0 {
        p.warn("Warning", "preg_match(): No ending delimiter '/' found");
        return Err(Flow::Fatal("dockersim: a regular expression without its ending delimiter".into()));
    }
    let body = &pat[1..end];
    let flags = &pat[end + 1..];
    let icase = flags.contains('i');
    let ere = crate::regex::pcre::to_ere_with(body, flags.contains('s'));
    if flags.contains('m') { Regex::new_multiline(&ere, Syntax::Ere, icase) } else { Regex::new(&ere, Syntax::Ere, icase) }
        .map_err(|_| Flow::Fatal(format!("dockersim: the PCRE pattern {pat} is beyond the simulated regex engine")))
}

fn groups(text: &str, m: &crate::regex::Match) -> Vec<V> {
    let mut g: Vec<V> = m.groups.iter().map(|x| x.map_or(V::s(""), |(s, e)| V::s(&text[s..e]))).collect();
    while g.len() > 1 && matches!(m.groups.get(g.len() - 1), Some(None)) {
        g.pop();
    }
    g
}

pub fn call(p: &mut Php, name: &str, a: &mut [V]) -> R<V> {
    let sv = |p: &mut Php, i: usize, a: &[V]| -> R<String> { a.get(i).map_or(Ok(String::new()), |v| p.to_str(v)) };
    if name == "preg_quote" {
        let t = sv(p, 0, a)?;
        let d = sv(p, 1, a)?;
        let mut out = String::new();
        for c in t.chars() {
            if ".\\+*?[^]$(){}=!<>|:-#/".contains(c) || d.contains(c) {
                out.push('\\');
            }
            out.push(c);
        }
        return Ok(V::s(&out));
    }
    let pat = sv(p, 0, a)?;
    let re = compile(p, &pat)?;
    let result = search(p, name, &re, a)?;
    // Out of steps: PHP's answer when PCRE hits its backtrack limit (false;
    // null from preg_replace).
    if re.exhausted() {
        return Ok(if name.starts_with("preg_replace") { V::Null } else { V::Bool(false) });
    }
    Ok(result)
}

fn search(p: &mut Php, name: &str, re: &Regex, a: &mut [V]) -> R<V> {
    let sv = |p: &mut Php, i: usize, a: &[V]| -> R<String> { a.get(i).map_or(Ok(String::new()), |v| p.to_str(v)) };
    match name {
        "preg_match" => {
            let t = sv(p, 1, a)?;
            match re.find_at(&t, 0) {
                Some(m) => {
                    if a.len() > 2 {
                        a[2] = V::arr(Arr::list(groups(&t, &m)));
                    }
                    Ok(V::Int(1))
                }
                None => {
                    if a.len() > 2 {
                        a[2] = V::arr(Arr::default());
                    }
                    Ok(V::Int(0))
                }
            }
        }
        "preg_match_all" => {
            let t = sv(p, 1, a)?;
            let mut all: Vec<Vec<V>> = vec![Vec::new(); re.groups() + 1];
            let mut pos = 0;
            let mut n = 0;
            while pos <= t.len() {
                let Some(m) = re.find_at(&t, pos) else { break };
                n += 1;
                for (i, g) in m.groups.iter().enumerate() {
                    all[i].push(g.map_or(V::s(""), |(s, e)| V::s(&t[s..e])));
                }
                pos = if m.end > m.start { m.end } else { next_char(&t, m.end) };
            }
            if a.len() > 2 {
                a[2] = V::arr(Arr::list(all.into_iter().map(|g| V::arr(Arr::list(g))).collect()));
            }
            Ok(V::Int(n))
        }
        "preg_replace" | "preg_replace_callback" => {
            let t = sv(p, 2, a)?;
            let rep = a.get(1).cloned().unwrap_or_default();
            let mut out = String::new();
            let mut pos = 0;
            let mut last = 0;
            while pos <= t.len() {
                let Some(m) = re.find_at(&t, pos) else { break };
                out.push_str(&t[last..m.start]);
                let gs = groups(&t, &m);
                if name == "preg_replace_callback" {
                    let r = p.call_value(&rep, vec![V::arr(Arr::list(gs))])?;
                    out.push_str(&p.to_str(&r)?);
                } else {
                    let r = p.to_str(&rep)?;
                    out.push_str(&expand(&r, &gs));
                }
                last = m.end;
                pos = if m.end > m.start { m.end } else { next_char(&t, m.end) };
                if m.end == m.start && m.start < t.len() {
                    out.push_str(&t[m.start..pos]);
                    last = pos;
                }
            }
            out.push_str(&t[last.min(t.len())..]);
            Ok(V::s(&out))
        }
        "preg_split" => {
            let t = sv(p, 1, a)?;
            let no_empty = a.get(3).is_some_and(|f| f.to_int() & 1 != 0);
            let mut parts = Vec::new();
            let mut pos = 0;
            let mut last = 0;
            while pos < t.len() {
                let Some(m) = re.find_at(&t, pos) else { break };
                if m.end == m.start {
                    pos = next_char(&t, m.end);
                    if m.start == 0 {
                        continue;
                    }
                }
                parts.push(t[last..m.start].to_string());
                last = m.end;
                pos = pos.max(m.end);
            }
            parts.push(t[last..].to_string());
            Ok(V::arr(Arr::list(parts.into_iter().filter(|x| !no_empty || !x.is_empty()).map(|x| V::s(&x)).collect())))
        }
        _ => {
            let items = match a.get(1).map(V::deref) {
                Some(V::Arr(x)) => x,
                _ => return Ok(V::arr(Arr::default())),
            };
            let mut out = Arr::default();
            for (k, v) in &items.items {
                let t = p.to_str(v)?;
                if re.is_match(&t) {
                    out.set(k.clone(), v.clone());
                }
            }
            Ok(V::arr(out))
        }
    }
}

fn next_char(t: &str, i: usize) -> usize {
    let mut j = i + 1;
    while j < t.len() && !t.is_char_boundary(j) {
        j += 1;
    }
    j
}

fn expand(r: &str, gs: &[V]) -> String {
    let b = r.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        if (b[i] == b'$' || b[i] == b'\\') && i + 1 < b.len() && (b[i + 1].is_ascii_digit() || b[i] == b'$' && b[i + 1] == b'{') {
            let mut j = i + 1;
            let brace = b[j] == b'{';
            if brace {
                j += 1;
            }
            let st = j;
            while j < b.len() && b[j].is_ascii_digit() && j - st < 2 {
                j += 1;
            }
            let n: usize = r[st..j].parse().unwrap_or(0);
            if brace && j < b.len() && b[j] == b'}' {
                j += 1;
            }
            if let Some(V::Str(g)) = gs.get(n) {
                out.push_str(g);
            }
            i = j;
            continue;
        }
        let ch = r[i..].chars().next().unwrap_or(' ');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}
