//! figlet: renders text in FIGlet's standard font, read from the font file
//! (`packages/figlet/standard.flf`, the FIGfont 2 format) with FIGlet's
//! horizontal smushing rules, wrapped at 80 columns as FIGlet does when
//! its output is not a terminal.

use super::{fail, Prog};
use crate::shell::interp::{Flow, Shell};

/// The standard font (ASCII and the required Deutsch characters).
pub const STANDARD: &str = include_str!("../../../packages/figlet/standard.flf");

type Out = Result<Option<i32>, Flow>;

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    if !matches!(prog.name.as_str(), "figlet" | "figlet-figlet") {
        return Ok(None);
    }
    let mut width = 80usize;
    let mut words: Vec<String> = Vec::new();
    let mut font = "standard".to_string();
    let mut it = argv[1..].iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-w" => width = it.next().and_then(|w| w.parse().ok()).unwrap_or(80),
            "-f" => font = it.next().cloned().unwrap_or_default(),
            "-t" | "-k" | "-S" | "-s" | "-l" | "-x" => {}
            "-v" => {
                sh.out_str("FIGlet Copyright (C) 1991-2012 Glenn Chappell, Ian Chai, John Cowan,\nChristiaan Keet and Claudio Matsuoka\nInternet: <info@figlet.org> Version: 2.2.5, date: 31 May 2012\n\nFIGlet, along with the various FIGlet fonts and documentation, may be\nfreely copied and distributed.\n\nIf you use FIGlet, please send an e-mail message to <info@figlet.org>.\n\nThe latest version of FIGlet is available from the web site,\n\thttp://www.figlet.org/\n\n")?;
                return Ok(Some(0));
            }
            w if w.starts_with("-w") => width = w[2..].parse().unwrap_or(80),
            f if f.starts_with("-f") => font = f[2..].to_string(),
            o if o.starts_with('-') && o.len() > 1 => {
                return fail(sh, prog, &format!("invalid option -- '{}'", o.trim_start_matches('-').chars().next().unwrap_or('?')), 1);
            }
            w => words.push(w.to_string()),
        }
    }
    let font_name = font.trim_end_matches(".flf").rsplit('/').next().unwrap_or("").to_string();
    if font_name != "standard" {
        sh.err_str(&format!("figlet: {font}: Unable to open font file\n"))?;
        return Ok(Some(1));
    }
    // The font file must be installed (apt/apk put it there).
    let on_disk = ["/usr/share/figlet/standard.flf", "/usr/share/figlet/fonts/standard.flf"].iter().any(|p| sh.fs().exists(p));
    if !on_disk {
        sh.err_str("figlet: standard: Unable to open font file\n")?;
        return Ok(Some(1));
    }
    let Some(font) = Font::parse(STANDARD) else {
        sh.err_str("dockersim: figlet's font data is damaged\n")?;
        return Ok(Some(1));
    };
    let text = if words.is_empty() { String::from_utf8_lossy(&sh.stdin).into_owned() } else { words.join(" ") + "\n" };
    let mut out = String::new();
    for line in text.lines() {
        out.push_str(&font.render(line, width.max(2)));
    }
    sh.out_str(&out)?;
    Ok(Some(0))
}

/// A FIGfont: its glyphs and layout.
pub struct Font {
    hardblank: char,
    height: usize,
    smush: u32,
    glyphs: std::collections::BTreeMap<u32, Vec<Vec<char>>>,
}

const SM_EQUAL: u32 = 1;
const SM_LOWLINE: u32 = 2;
const SM_HIERARCHY: u32 = 4;
const SM_PAIR: u32 = 8;
const SM_BIGX: u32 = 16;
const SM_HARDBLANK: u32 = 32;
const SM_KERN: u32 = 64;
const SM_SMUSH: u32 = 128;

impl Font {
    pub fn parse(text: &str) -> Option<Font> {
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next()?.split_whitespace().collect();
        let sig = header.first()?;
        let hardblank = sig.strip_prefix("flf2a")?.chars().next()?;
        let num = |i: usize| header.get(i).and_then(|v| v.parse::<i64>().ok());
        let height = num(1)? as usize;
        let old_layout = num(4)?;
        let comments = num(5)? as usize;
        let smush = match num(7) {
            Some(full) => (full as u32) & 0xff,
            None if old_layout == 0 => SM_KERN,
            None if old_layout < 0 => 0,
            None => ((old_layout as u32) & 31) | SM_SMUSH,
        };
        let body: Vec<&str> = lines.skip(comments).collect();
        let codes = (32u32..127).chain([196, 214, 220, 228, 246, 252, 223]);
        let mut glyphs = std::collections::BTreeMap::new();
        for (n, code) in codes.enumerate() {
            let rows = body.get(n * height..(n + 1) * height)?;
            let glyph: Vec<Vec<char>> = rows
                .iter()
                .map(|r| {
                    let end = r.chars().last().unwrap_or('@');
                    r.trim_end().trim_end_matches(end).chars().collect()
                })
                .collect();
            glyphs.insert(code, glyph);
        }
        (height > 0 && height < 64).then_some(Font { hardblank, height, smush, glyphs })
    }

    fn smushem(&self, l: char, r: char, prev_w: usize, cur_w: usize) -> Option<char> {
        if l == ' ' {
            return Some(r);
        }
        if r == ' ' {
            return Some(l);
        }
        if prev_w < 2 || cur_w < 2 || self.smush & SM_SMUSH == 0 {
            return None;
        }
        let m = self.smush;
        if m & 63 == 0 {
            if l == self.hardblank {
                return Some(r);
            }
            return Some(r);
        }
        let hb = self.hardblank;
        if m & SM_HARDBLANK != 0 && l == hb && r == hb {
            return Some(l);
        }
        if l == hb || r == hb {
            return None;
        }
        if m & SM_EQUAL != 0 && l == r {
            return Some(l);
        }
        let is = |set: &str, c: char| set.contains(c);
        if m & SM_LOWLINE != 0 {
            if l == '_' && is("|/\\[]{}()<>", r) {
                return Some(r);
            }
            if r == '_' && is("|/\\[]{}()<>", l) {
                return Some(l);
            }
        }
        if m & SM_HIERARCHY != 0 {
            for (a, b) in [("|", "/\\[]{}()<>"), ("/\\", "[]{}()<>"), ("[]", "{}()<>"), ("{}", "()<>"), ("()", "<>")] {
                if is(a, l) && is(b, r) {
                    return Some(r);
                }
                if is(a, r) && is(b, l) {
                    return Some(l);
                }
            }
        }
        if m & SM_PAIR != 0 && matches!((l, r), ('[', ']') | (']', '[') | ('{', '}') | ('}', '{') | ('(', ')') | (')', '(')) {
            return Some('|');
        }
        if m & SM_BIGX != 0 {
            match (l, r) {
                ('/', '\\') => return Some('|'),
                ('\\', '/') => return Some('Y'),
                ('>', '<') => return Some('X'),
                _ => {}
            }
        }
        None
    }

    /// How far glyph `g` can move left into `out` (FIGlet's smushamt).
    fn smush_amount(&self, out: &[Vec<char>], g: &[Vec<char>], prev_w: usize) -> usize {
        if self.smush & (SM_SMUSH | SM_KERN) == 0 {
            return 0;
        }
        let cur_w = g[0].len();
        let mut max = cur_w as i64;
        for row in 0..self.height {
            let line = &out[row];
            let len = line.len();
            let mut linebd = len as i64;
            let mut ch1;
            loop {
                ch1 = line.get(linebd as usize).copied();
                if linebd > 0 && ch1.is_none_or(|c| c == ' ') {
                    linebd -= 1;
                } else {
                    break;
                }
            }
            let crow = &g[row];
            let charbd = crow.iter().position(|&c| c != ' ').unwrap_or(crow.len());
            let ch2 = crow.get(charbd).copied();
            let mut amt = charbd as i64 + len as i64 - 1 - linebd;
            match (ch1, ch2) {
                (None, _) | (Some(' '), _) => amt += 1,
                (Some(a), Some(b)) if self.smushem(a, b, prev_w, cur_w).is_some() => amt += 1,
                _ => {}
            }
            max = max.min(amt);
        }
        max.max(0) as usize
    }

    fn glyph(&self, c: char) -> Option<&Vec<Vec<char>>> {
        self.glyphs.get(&(c as u32)).or_else(|| self.glyphs.get(&0))
    }

    /// Appends `c` to `out` unless the line would pass `limit` columns.
    fn add(&self, out: &mut [Vec<char>], prev_w: &mut usize, c: char, limit: usize) -> bool {
        let Some(g) = self.glyph(c) else { return true };
        let cur_w = g[0].len();
        let amount = self.smush_amount(out, g, *prev_w);
        let len = out[0].len();
        if len + cur_w - amount.min(len + cur_w) > limit {
            return false;
        }
        for row in 0..self.height {
            let line = &mut out[row];
            let l = line.len();
            for k in 0..amount {
                if l + k >= amount {
                    let at = l + k - amount;
                    let (a, b) = (line[at], g[row].get(k).copied().unwrap_or(' '));
                    line[at] = self.smushem(a, b, *prev_w, cur_w).unwrap_or(b);
                }
            }
            line.extend(g[row].iter().skip(amount));
        }
        *prev_w = cur_w;
        true
    }

    fn flush(&self, out: &mut Vec<Vec<char>>, text: &mut String) {
        for row in out.iter() {
            let s: String = row.iter().map(|&c| if c == self.hardblank { ' ' } else { c }).collect();
            text.push_str(&s);
            text.push('\n');
        }
        *out = vec![Vec::new(); self.height];
    }

    /// One input line, wrapped at word boundaries to `width` columns.
    pub fn render(&self, line: &str, width: usize) -> String {
        let limit = width - 1;
        let mut text = String::new();
        let mut out = vec![Vec::new(); self.height];
        let mut prev_w = 0;
        let mut pending: Vec<char> = Vec::new();
        let chars: Vec<char> = line.chars().map(|c| if c == '\t' { ' ' } else { c }).collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if self.add(&mut out, &mut prev_w, c, limit) {
                pending.push(c);
                i += 1;
                continue;
            }
            // Overflow: break after the last blank of what is on the line.
            match pending.iter().rposition(|&c| c == ' ') {
                Some(at) if at > 0 => {
                    let (keep, carry) = (pending[..at].to_vec(), pending[at + 1..].to_vec());
                    let mut redo = vec![Vec::new(); self.height];
                    let mut w = 0;
                    for &k in &keep {
                        self.add(&mut redo, &mut w, k, usize::MAX);
                    }
                    out = redo;
                    self.flush(&mut out, &mut text);
                    prev_w = 0;
                    pending.clear();
                    for &k in &carry {
                        self.add(&mut out, &mut prev_w, k, usize::MAX);
                        pending.push(k);
                    }
                }
                _ if pending.is_empty() => {
                    // A glyph wider than the line: print it alone.
                    self.add(&mut out, &mut prev_w, c, usize::MAX);
                    self.flush(&mut out, &mut text);
                    prev_w = 0;
                    i += 1;
                }
                _ => {
                    self.flush(&mut out, &mut text);
                    prev_w = 0;
                    pending.clear();
                    if c == ' ' {
                        i += 1;
                    }
                }
            }
        }
        if !pending.is_empty() || text.is_empty() {
            self.flush(&mut out, &mut text);
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hello_in_the_standard_font() {
        let font = Font::parse(STANDARD).unwrap();
        let want = " _   _      _ _       \n| | | | ___| | | ___  \n| |_| |/ _ \\ | |/ _ \\ \n|  _  |  __/ | | (_) |\n|_| |_|\\___|_|_|\\___/ \n                      \n";
        assert_eq!(font.render("Hello", 80), want);
    }

    /// Differential test against the real figlet (apt-get install figlet).
    #[test]
    fn matches_the_real_figlet() {
        let real = std::path::Path::new("/usr/bin/figlet");
        if !real.exists() {
            assert!(std::env::var("DOCKERSIM_REQUIRE_ORACLES").is_err(), "figlet is not installed (scripts/setup.sh test)");
            eprintln!("skipping: /usr/bin/figlet is not installed");
            return;
        }
        let font = Font::parse(STANDARD).unwrap();
        let samples = [
            "Hello",
            "Hello, World!",
            "Docker",
            "hello from docker",
            "0123456789",
            "The quick brown fox jumps over the lazy dog",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            "abcdefghijklmnopqrstuvwxyz",
            "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
            "a_b|c/d\\e[f]g{h}i(j)k<l>",
            "Welcome to Docker 101, have fun learning containers today",
            "x",
            "  two  spaces  ",
            "supercalifragilisticexpialidocious-antidisestablishmentarianism",
        ];
        for s in samples {
            let out = std::process::Command::new(real).arg("-w").arg("80").arg(s).output().unwrap();
            let want = String::from_utf8_lossy(&out.stdout);
            assert_eq!(font.render(s, 80), want, "figlet {s:?}");
        }
    }
}
