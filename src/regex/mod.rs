//! POSIX regular expressions (BRE and ERE, with the GNU extensions grep and
//! sed accept) for the simulated text tools: `grep`, `sed`, `expr`, `awk`
//! and bash's `[[ =~ ]]`. Byte-oriented (the C locale), leftmost-longest.
//!
//! API (stable; other modules code against it):
//! - `Regex::new(pattern, Syntax::Bre | Syntax::Ere, icase) -> Result<Regex, RegexError>`;
//! - `re.find_at(text, start) -> Option<Match>`: the leftmost-longest match
//!   starting at or after byte `start` (anchors and word boundaries see the
//!   whole `text`), with `Match { start, end, groups }` where `groups[0]` is
//!   the whole match and `groups[i]` the last text group `i` matched, if any;
//! - `re.is_match(text)`, `re.groups()` (the number of `(…)` groups),
//!   `re.warnings()` (GNU grep's `warning: …` lines: `* at start of
//!   expression`).
//! - `RegexError::gnu()` / `RegexError::musl()`: the C library's message
//!   (glibc's for GNU grep/sed/expr, musl's for BusyBox on Alpine).
//!
//! Execution: without back-references a Thompson NFA is simulated over the
//! text (O(text × pattern)); groups are then assigned by a memoised
//! depth-first search over the match found (O(pattern × match); glibc's
//! rule: the highest-priority path that ends where the match ends).
//! Back-references need a backtracking search. Patterns are bounded in size,
//! and all the searches of one compiled pattern share a budget of steps
//! (`FUEL`): once it is spent every search fails and `re.exhausted()` is
//! true, so the tool can say so (`dockersim: … too costly …`) instead of
//! answering wrong. No pattern hangs, however many matches a caller asks for.

use std::cell::Cell;

mod class;
mod exec;
mod parse;
pub mod pcre;
#[cfg(test)]
mod tests;

/// BRE (`grep`, `sed`, `expr`) or ERE (`grep -E`, `sed -E`, `awk`, `=~`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    Bre,
    Ere,
}

/// Why a pattern does not compile (the C library's error codes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegexError {
    BadPattern,
    Collate,
    Class,
    Escape,
    Subreg,
    Brack,
    Paren,
    Brace,
    BadBrace,
    Range,
    BadRepeat,
    Size,
    RParen,
}

impl RegexError {
    /// glibc's `regerror` text (GNU grep, sed, expr).
    pub fn gnu(self) -> &'static str {
        match self {
            RegexError::BadPattern => "Invalid regular expression",
            RegexError::Collate => "Invalid collation character",
            RegexError::Class => "Invalid character class name",
            RegexError::Escape => "Trailing backslash",
            RegexError::Subreg => "Invalid back reference",
            RegexError::Brack => "Unmatched [, [^, [:, [., or [=",
            RegexError::Paren => "Unmatched ( or \\(",
            RegexError::Brace => "Unmatched \\{",
            RegexError::BadBrace => "Invalid content of \\{\\}",
            RegexError::Range => "Invalid range end",
            RegexError::BadRepeat => "Invalid preceding regular expression",
            RegexError::Size => "Regular expression too big",
            RegexError::RParen => "Unmatched ) or \\)",
        }
    }

    /// musl's `regerror` text (BusyBox on Alpine).
    pub fn musl(self) -> &'static str {
        match self {
            RegexError::BadPattern | RegexError::RParen => "Invalid regexp",
            RegexError::Collate => "Unknown collating element",
            RegexError::Class => "Unknown character class name",
            RegexError::Escape => "Trailing backslash",
            RegexError::Subreg => "Invalid back reference",
            RegexError::Brack => "Missing ']'",
            RegexError::Paren => "Missing ')'",
            RegexError::Brace => "Missing '}'",
            RegexError::BadBrace => "Invalid contents of {}",
            RegexError::Range => "Invalid character range",
            RegexError::BadRepeat => "Repetition not preceded by valid expression",
            RegexError::Size => "Out of memory",
        }
    }
}

/// A match: byte offsets into the searched text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    /// `groups[0]` is `(start, end)`; `groups[i]` what group `i` matched last.
    pub groups: Vec<Option<(usize, usize)>>,
}

/// A compiled pattern.
#[derive(Clone, Debug)]
pub struct Regex {
    root: parse::Node,
    prog: Option<exec::Prog>,
    ngroups: usize,
    icase: bool,
    warnings: Vec<String>,
    /// The steps its searches may still take (see `FUEL`).
    fuel: Cell<u64>,
}

/// The longest pattern accepted (bytes).
pub const MAX_PATTERN: usize = 64 * 1024;

/// The steps all the searches of one compiled pattern may take together
/// (about a second of matching): far more than grep over the largest file
/// the simulator keeps asks of an ordinary pattern, and the bound on a
/// pathological one (thousands of nested groups matched at every position).
pub const FUEL: u64 = 300_000_000;

/// The line `tool` prints on stderr when a pattern's budget ran out.
pub fn exhausted_line(tool: &str) -> String {
    format!("dockersim: {tool}: the regular expression needs more steps than the simulator allows (it stops after {} million); simplify the pattern\n", FUEL / 1_000_000)
}

impl Regex {
    pub fn new(pattern: &str, syntax: Syntax, icase: bool) -> Result<Regex, RegexError> {
        Regex::build(pattern, syntax, icase, false)
    }

    /// A pattern whose `^` and `$` match at every line's start and end
    /// (PCRE's multiline mode, preg's `/m`).
    pub fn new_multiline(pattern: &str, syntax: Syntax, icase: bool) -> Result<Regex, RegexError> {
        Regex::build(pattern, syntax, icase, true)
    }

    fn build(pattern: &str, syntax: Syntax, icase: bool, lines: bool) -> Result<Regex, RegexError> {
        if pattern.len() > MAX_PATTERN {
            return Err(RegexError::Size);
        }
        let mut parsed = parse::parse(pattern.as_bytes(), syntax, icase)?;
        if lines {
            parsed.root = parse::multiline(parsed.root);
        }
        let prog = if parsed.backrefs { None } else { Some(exec::compile(&parsed.root).ok_or(RegexError::Size)?) };
        if parsed.backrefs && parse::size(&parsed.root) > exec::MAX_PROG {
            return Err(RegexError::Size);
        }
        Ok(Regex { root: parsed.root, prog, ngroups: parsed.groups, icase, warnings: parsed.warnings, fuel: Cell::new(FUEL) })
    }

    /// The same pattern with a budget of `fuel` steps instead of `FUEL`
    /// (the fuzzer's smaller budget, so pathological patterns cost
    /// milliseconds rather than a second each and a million inputs fit in
    /// an hour; exhaustion is reached and tested the same way).
    pub fn with_fuel(self, fuel: u64) -> Regex {
        Regex { fuel: Cell::new(fuel), ..self }
    }

    /// The number of parenthesised groups.
    pub fn groups(&self) -> usize {
        self.ngroups
    }

    /// GNU grep's warnings for this pattern (without the `grep: warning: ` prefix).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// True once the searches spent the pattern's budget: every search since
    /// has answered "no match", which may be wrong; print `exhausted_line`.
    pub fn exhausted(&self) -> bool {
        self.fuel.get() == 0
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.find_span(text.as_bytes(), 0).is_some()
    }

    /// The leftmost-longest match at or after `start`.
    pub fn find_at(&self, text: &str, start: usize) -> Option<Match> {
        let t = text.as_bytes();
        let (s, e) = self.find_span(t, start)?;
        let mut groups = vec![None; self.ngroups + 1];
        groups[0] = Some((s, e));
        if self.ngroups > 0 {
            let fuel = exec::Fuel(&self.fuel);
            let caps = match &self.prog {
                Some(p) => p.captures(t, s, e, self.ngroups, &fuel),
                None => exec::captures(&self.root, t, s, e, self.ngroups, self.icase, &fuel),
            };
            match caps {
                Some(caps) => groups[1..].copy_from_slice(&caps[1..]),
                // Groups unknown: the match is no answer either.
                None if fuel.spent() => return None,
                None => {}
            }
        }
        Some(Match { start: s, end: e, groups })
    }

    fn find_span(&self, t: &[u8], start: usize) -> Option<(usize, usize)> {
        let fuel = exec::Fuel(&self.fuel);
        if start > t.len() || fuel.spent() {
            return None;
        }
        match &self.prog {
            Some(p) => p.find(t, start, &fuel),
            None => exec::find_backtrack(&self.root, t, start, self.ngroups, self.icase, &fuel),
        }
    }
}
