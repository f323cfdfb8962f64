//! One glob matcher for every pattern language in the simulator: the shell's
//! `case`/globbing/`${v#p}`, Go's `filepath.Match` and moby's `.dockerignore`
//! patterns, `docker images 'w*'`, and BuildKit's `${var#pattern}`.
//!
//! Each caller parses its own syntax into [`Tok`]s; matching is a Thompson
//! NFA simulated over the text with a set of states, so it takes
//! O(text × pattern) steps whatever the pattern (`*a*a*a*…b` included) —
//! never the exponential backtracking of a recursive matcher.

/// One element of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tok {
    Lit(char),
    /// `?`: one character (not the stop character).
    Any,
    /// `*`: any run of characters (not the stop character).
    Star,
    /// `**/` followed by more pattern: zero or more whole segments (`(.*/)?`).
    DoubleStar,
    /// `**` at the end: anything at all.
    Rest,
    /// `[...]`: ranges, negated when the flag is set (not the stop character).
    Class(bool, Vec<(char, char)>),
}

#[derive(Clone, Debug)]
enum Node {
    /// Consumes one character the test accepts, then goes to the next node.
    Char(Test, usize),
    /// Goes to both nodes without consuming.
    Split(usize, usize),
    Accept,
}

#[derive(Clone, Debug)]
enum Test {
    Is(char),
    /// Any character but the stop character.
    NotStop,
    /// Any character at all.
    Anything,
    Class(bool, Vec<(char, char)>),
}

/// A compiled pattern.
#[derive(Clone, Debug)]
pub struct Glob {
    nodes: Vec<Node>,
    start: usize,
    stop: Option<char>,
}

impl Glob {
    /// Compiles tokens; `stop` is the character `*`, `?` and classes never
    /// match (`/` for paths, `\n` for BuildKit's regexp-based patterns).
    pub fn new(toks: &[Tok], stop: Option<char>) -> Glob {
        // Built back to front: each token's nodes lead to the following ones.
        let mut nodes = vec![Node::Accept];
        let mut next = 0;
        for tok in toks.iter().rev() {
            next = match tok {
                Tok::Lit(c) => push(&mut nodes, Node::Char(Test::Is(*c), next)),
                Tok::Any => push(&mut nodes, Node::Char(Test::NotStop, next)),
                Tok::Class(neg, ranges) => push(&mut nodes, Node::Char(Test::Class(*neg, ranges.clone()), next)),
                Tok::Star | Tok::Rest => {
                    let test = if *tok == Tok::Star { Test::NotStop } else { Test::Anything };
                    // loop: split(char → loop, next)
                    let split = push(&mut nodes, Node::Split(usize::MAX, next));
                    let ch = push(&mut nodes, Node::Char(test, split));
                    nodes[split] = Node::Split(ch, next);
                    split
                }
                Tok::DoubleStar => {
                    // (.*/)? : split(next, X); X = split(any → X, '/' → next)
                    let slash = push(&mut nodes, Node::Char(Test::Is('/'), next));
                    let x = push(&mut nodes, Node::Split(usize::MAX, slash));
                    let any = push(&mut nodes, Node::Char(Test::Anything, x));
                    nodes[x] = Node::Split(any, slash);
                    push(&mut nodes, Node::Split(next, x))
                }
            };
        }
        Glob { nodes, start: next, stop }
    }

    /// The shell's pattern syntax (`*`, `?`, `[...]` with `!`/`^` and ranges,
    /// `\` escapes; a `[` without a closing `]` is literal).
    pub fn shell(pattern: &str) -> Glob {
        Glob::new(&shell_tokens(pattern), None)
    }

    /// Whether the whole of `text` matches.
    pub fn is_match(&self, text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        self.ends(&chars, 0).last() == Some(&chars.len())
    }

    /// Every position `p` (ascending) such that `text[start..p]` matches.
    pub fn ends(&self, text: &[char], start: usize) -> Vec<usize> {
        let n = self.nodes.len();
        let mut current = vec![false; n];
        let mut next = vec![false; n];
        let mut stack = Vec::new();
        self.close(self.start, &mut current, &mut stack);
        let mut out = Vec::new();
        let mut pos = start;
        loop {
            if current[0] {
                out.push(pos);
            }
            let Some(&c) = text.get(pos) else { break };
            next.iter_mut().for_each(|s| *s = false);
            let mut any = false;
            for (i, on) in current.iter().enumerate() {
                if !on {
                    continue;
                }
                if let Node::Char(test, to) = &self.nodes[i] {
                    if self.accepts(test, c) {
                        self.close(*to, &mut next, &mut stack);
                        any = true;
                    }
                }
            }
            if !any {
                break;
            }
            std::mem::swap(&mut current, &mut next);
            pos += 1;
        }
        out
    }

    fn accepts(&self, test: &Test, c: char) -> bool {
        let stop = self.stop == Some(c);
        match test {
            Test::Is(x) => *x == c,
            Test::NotStop => !stop,
            Test::Anything => true,
            Test::Class(neg, ranges) => !stop && ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != *neg,
        }
    }

    /// Adds `node` and everything reachable from it without consuming.
    fn close(&self, node: usize, set: &mut [bool], stack: &mut Vec<usize>) {
        stack.push(node);
        while let Some(i) = stack.pop() {
            if set[i] {
                continue;
            }
            set[i] = true;
            if let Node::Split(a, b) = self.nodes[i] {
                stack.push(b);
                stack.push(a);
            }
        }
    }
}

fn push(nodes: &mut Vec<Node>, node: Node) -> usize {
    nodes.push(node);
    nodes.len() - 1
}

/// The shell's pattern syntax as tokens.
pub fn shell_tokens(pattern: &str) -> Vec<Tok> {
    let p: Vec<char> = pattern.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < p.len() {
        match p[i] {
            '*' => {
                if toks.last() != Some(&Tok::Star) {
                    toks.push(Tok::Star);
                }
                i += 1;
            }
            '?' => {
                toks.push(Tok::Any);
                i += 1;
            }
            '\\' if i + 1 < p.len() => {
                toks.push(Tok::Lit(p[i + 1]));
                i += 2;
            }
            '[' => match p[i + 1..].iter().position(|&c| c == ']').map(|e| i + 1 + e) {
                None => {
                    toks.push(Tok::Lit('['));
                    i += 1;
                }
                Some(end) => {
                    let class = &p[i + 1..end];
                    let (negate, class) = match class.first() {
                        Some('!') | Some('^') => (true, &class[1..]),
                        _ => (false, class),
                    };
                    let mut ranges = Vec::new();
                    let mut k = 0;
                    while k < class.len() {
                        if k + 2 < class.len() && class[k + 1] == '-' {
                            ranges.push((class[k], class[k + 2]));
                            k += 3;
                        } else {
                            ranges.push((class[k], class[k]));
                            k += 1;
                        }
                    }
                    toks.push(Tok::Class(negate, ranges));
                    i = end + 1;
                }
            },
            c => {
                toks.push(Tok::Lit(c));
                i += 1;
            }
        }
    }
    toks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_syntax() {
        let m = |p: &str, t: &str| Glob::shell(p).is_match(t);
        assert!(m("*.txt", "a.txt") && !m("*.txt", "a.txv"));
        assert!(m("a?c", "abc") && !m("a?c", "ac"));
        assert!(m("[a-c]x", "bx") && !m("[!a-c]x", "bx") && m("[^a-c]x", "dx"));
        assert!(m("\\*", "*") && !m("\\*", "a"));
        assert!(m("[", "[") && m("a[b", "a[b"));
        assert!(m("*", "") && m("**", "a/b"));
    }

    #[test]
    fn paths_and_double_star() {
        let path = |t: Vec<Tok>, s: &str| Glob::new(&t, Some('/')).is_match(s);
        assert!(!path(vec![Tok::Star], "a/b"));
        assert!(path(vec![Tok::DoubleStar, Tok::Lit('x')], "x"));
        assert!(path(vec![Tok::DoubleStar, Tok::Lit('x')], "a/b/x"));
        assert!(!path(vec![Tok::DoubleStar, Tok::Lit('x')], "ax"));
        assert!(path(vec![Tok::Lit('a'), Tok::Rest], "a/b/c"));
    }

    #[test]
    fn ends_give_shortest_and_longest() {
        let g = Glob::new(&[Tok::Lit('a'), Tok::Star, Tok::Lit('b')], Some('\n'));
        let text: Vec<char> = "aXbYb\nb".chars().collect();
        assert_eq!(g.ends(&text, 0), vec![3, 5]);
    }

    #[test]
    fn exponential_patterns_are_linear() {
        let pattern = format!("{}b", "*a".repeat(40));
        let text = "a".repeat(10_000);
        let start = std::time::Instant::now();
        assert!(!Glob::shell(&pattern).is_match(&text));
        assert!(start.elapsed().as_secs() < 5);
    }
}
