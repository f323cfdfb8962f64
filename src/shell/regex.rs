//! A small backtracking regular-expression matcher for grep and sed:
//! literals, `.`, `[...]`, `^`, `$`, and `*`, `+`, `?` (BRE `\+`/`\?` too).

#[derive(Clone, Debug)]
enum Atom {
    Char(char),
    Any,
    Class(Vec<(char, char)>, bool),
}

#[derive(Clone, Debug)]
struct Piece {
    atom: Atom,
    min: usize,
    max: usize,
}

/// A compiled pattern.
#[derive(Clone, Debug)]
pub struct Regex {
    pieces: Vec<Piece>,
    anchored_start: bool,
    anchored_end: bool,
    icase: bool,
}

impl Regex {
    pub fn new(pattern: &str, icase: bool) -> Regex {
        let chars: Vec<char> = pattern.chars().collect();
        let mut pieces: Vec<Piece> = Vec::new();
        let mut i = 0;
        let anchored_start = chars.first() == Some(&'^');
        if anchored_start {
            i = 1;
        }
        let mut anchored_end = false;
        while i < chars.len() {
            let c = chars[i];
            let quant = |p: &mut Vec<Piece>, min: usize, max: usize| {
                if let Some(last) = p.last_mut() {
                    last.min = min;
                    last.max = max;
                }
            };
            match c {
                '$' if i + 1 == chars.len() => {
                    anchored_end = true;
                    i += 1;
                }
                '*' if !pieces.is_empty() => {
                    quant(&mut pieces, 0, usize::MAX);
                    i += 1;
                }
                '+' | '?' if !pieces.is_empty() => {
                    if c == '+' {
                        quant(&mut pieces, 1, usize::MAX)
                    } else {
                        quant(&mut pieces, 0, 1)
                    }
                    i += 1;
                }
                '\\' if matches!(chars.get(i + 1), Some('+') | Some('?')) && !pieces.is_empty() => {
                    if chars[i + 1] == '+' {
                        quant(&mut pieces, 1, usize::MAX)
                    } else {
                        quant(&mut pieces, 0, 1)
                    }
                    i += 2;
                }
                '\\' if i + 1 < chars.len() => {
                    let atom = match chars[i + 1] {
                        'd' => Atom::Class(vec![('0', '9')], false),
                        's' => Atom::Class(vec![(' ', ' '), ('\t', '\t')], false),
                        'w' => Atom::Class(vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')], false),
                        '(' | ')' | '{' | '}' | '|' => {
                            i += 2;
                            continue;
                        }
                        other => Atom::Char(other),
                    };
                    pieces.push(Piece { atom, min: 1, max: 1 });
                    i += 2;
                }
                '(' | ')' => i += 1,
                '.' => {
                    pieces.push(Piece { atom: Atom::Any, min: 1, max: 1 });
                    i += 1;
                }
                '[' => {
                    let mut j = i + 1;
                    let negate = chars.get(j) == Some(&'^');
                    if negate {
                        j += 1;
                    }
                    let mut ranges = Vec::new();
                    let mut first = true;
                    while j < chars.len() && (chars[j] != ']' || first) {
                        first = false;
                        if chars[j..].starts_with(&['[', ':']) {
                            let end = chars[j..].iter().position(|&c| c == ']').map_or(chars.len(), |p| j + p);
                            let name: String = chars[j + 2..end.saturating_sub(1)].iter().collect();
                            ranges.extend(match name.as_str() {
                                "digit" => vec![('0', '9')],
                                "alpha" => vec![('a', 'z'), ('A', 'Z')],
                                "alnum" => vec![('a', 'z'), ('A', 'Z'), ('0', '9')],
                                "space" => vec![(' ', ' '), ('\t', '\t')],
                                "upper" => vec![('A', 'Z')],
                                "lower" => vec![('a', 'z')],
                                _ => vec![],
                            });
                            j = end + 1;
                            continue;
                        }
                        if j + 2 < chars.len() && chars[j + 1] == '-' && chars[j + 2] != ']' {
                            ranges.push((chars[j], chars[j + 2]));
                            j += 3;
                        } else {
                            ranges.push((chars[j], chars[j]));
                            j += 1;
                        }
                    }
                    pieces.push(Piece { atom: Atom::Class(ranges, negate), min: 1, max: 1 });
                    i = j + 1;
                }
                _ => {
                    pieces.push(Piece { atom: Atom::Char(c), min: 1, max: 1 });
                    i += 1;
                }
            }
        }
        Regex { pieces, anchored_start, anchored_end, icase }
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.find(&text.chars().collect::<Vec<_>>(), 0).is_some()
    }

    /// Replaces the first (or every) match; `&` in `repl` is the match.
    pub fn replace(&self, text: &str, repl: &str, global: bool) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        let mut pos = 0;
        while pos <= chars.len() {
            match self.find(&chars, pos) {
                Some((s, e)) => {
                    out.extend(&chars[pos..s]);
                    let matched: String = chars[s..e].iter().collect();
                    let mut r = String::new();
                    let mut rc = repl.chars();
                    while let Some(c) = rc.next() {
                        match c {
                            '&' => r.push_str(&matched),
                            '\\' => match rc.next() {
                                Some('n') => r.push('\n'),
                                Some(o) => r.push(o),
                                None => {}
                            },
                            o => r.push(o),
                        }
                    }
                    out.push_str(&r);
                    if e == s {
                        if s < chars.len() {
                            out.push(chars[s]);
                        }
                        pos = s + 1;
                    } else {
                        pos = e;
                    }
                    if !global {
                        if pos <= chars.len() {
                            out.extend(&chars[pos.min(chars.len())..]);
                        }
                        return out;
                    }
                }
                None => {
                    out.extend(&chars[pos.min(chars.len())..]);
                    return out;
                }
            }
        }
        out
    }

    fn find(&self, t: &[char], from: usize) -> Option<(usize, usize)> {
        let starts: Vec<usize> = if self.anchored_start {
            if from == 0 {
                vec![0]
            } else {
                vec![]
            }
        } else {
            (from..=t.len()).collect()
        };
        for s in starts {
            if let Some(e) = self.match_at(t, s, 0) {
                return Some((s, e));
            }
        }
        None
    }

    fn match_at(&self, t: &[char], pos: usize, piece: usize) -> Option<usize> {
        if piece == self.pieces.len() {
            return (!self.anchored_end || pos == t.len()).then_some(pos);
        }
        let p = &self.pieces[piece];
        let mut count = 0;
        let mut positions = vec![pos];
        let mut cur = pos;
        while count < p.max && cur < t.len() && self.atom_matches(&p.atom, t[cur]) {
            cur += 1;
            count += 1;
            positions.push(cur);
        }
        for (n, &at) in positions.iter().enumerate().rev() {
            if n < p.min {
                break;
            }
            if let Some(e) = self.match_at(t, at, piece + 1) {
                return Some(e);
            }
        }
        None
    }

    fn atom_matches(&self, atom: &Atom, c: char) -> bool {
        let fold = |x: char| if self.icase { x.to_ascii_lowercase() } else { x };
        match atom {
            Atom::Any => c != '\n',
            Atom::Char(a) => fold(*a) == fold(c),
            Atom::Class(ranges, negate) => {
                let hit = ranges.iter().any(|&(lo, hi)| {
                    (lo <= c && c <= hi)
                        || (self.icase && lo <= fold(c).to_ascii_uppercase() && fold(c).to_ascii_uppercase() <= hi)
                        || (self.icase && lo <= fold(c) && fold(c) <= hi)
                });
                hit != *negate
            }
        }
    }
}
