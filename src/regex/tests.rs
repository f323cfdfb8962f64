use super::{Regex, RegexError, Syntax};

fn find(p: &str, syn: Syntax, t: &str) -> Option<String> {
    let re = Regex::new(p, syn, false).expect("compiles");
    re.find_at(t, 0).map(|m| t[m.start..m.end].to_string())
}

fn groups(p: &str, syn: Syntax, t: &str) -> Vec<String> {
    let re = Regex::new(p, syn, false).expect("compiles");
    let m = re.find_at(t, 0).expect("matches");
    m.groups.iter().map(|g| g.map_or("-".to_string(), |(a, b)| t[a..b].to_string())).collect()
}

fn err(p: &str, syn: Syntax) -> RegexError {
    Regex::new(p, syn, false).expect_err("refused")
}

#[test]
fn leftmost_longest() {
    assert_eq!(find("a|ab", Syntax::Ere, "xabc").as_deref(), Some("ab"));
    assert_eq!(find("(a|ab)(c|bcd)", Syntax::Ere, "abcd").as_deref(), Some("abcd"));
    assert_eq!(find("x*", Syntax::Bre, "abc").as_deref(), Some(""));
    assert_eq!(find("b+", Syntax::Ere, "abbbc").as_deref(), Some("bbb"));
    assert_eq!(find("a\\{2,3\\}", Syntax::Bre, "aaaa").as_deref(), Some("aaa"));
    assert_eq!(find("^ab$", Syntax::Bre, "ab").as_deref(), Some("ab"));
    assert_eq!(find("a^b", Syntax::Bre, "a^b").as_deref(), Some("a^b"));
    assert_eq!(find("a$b", Syntax::Bre, "a$b").as_deref(), Some("a$b"));
    assert_eq!(find("*a", Syntax::Bre, "x*a").as_deref(), Some("*a"));
    assert_eq!(find("[]a]*", Syntax::Bre, "]a]b").as_deref(), Some("]a]"));
    assert_eq!(find("[[:digit:]]\\+", Syntax::Bre, "ab123c").as_deref(), Some("123"));
    assert_eq!(find("[^[:space:]]+", Syntax::Ere, "  foo bar").as_deref(), Some("foo"));
    assert_eq!(find("\\<is\\>", Syntax::Bre, "this is").as_deref(), Some("is"));
    assert_eq!(find("a{,2}", Syntax::Ere, "aaa").as_deref(), Some("aa"));
    assert_eq!(find("a{1", Syntax::Ere, "a{1").as_deref(), Some("a{1"));
    assert_eq!(find("\\(ab\\)\\1", Syntax::Bre, "xababy").as_deref(), Some("abab"));
    assert_eq!(find("(a*)b\\1", Syntax::Ere, "aabaaa").as_deref(), Some("aabaa"));
}

#[test]
fn groups_as_glibc() {
    assert_eq!(groups("(a|ab)(c|bcd)(d*)", Syntax::Ere, "abcd"), ["abcd", "a", "bcd", ""]);
    assert_eq!(groups("((a)|b)+", Syntax::Ere, "abcd"), ["ab", "b", "a"]);
    assert_eq!(groups("(a*)*", Syntax::Ere, "aaa"), ["aaa", "aaa"]);
    assert_eq!(groups("\\(x\\)\\|\\(y\\)", Syntax::Bre, "y"), ["y", "-", "y"]);
}

#[test]
fn errors() {
    assert_eq!(err("(", Syntax::Ere), RegexError::Paren);
    assert_eq!(err("\\(", Syntax::Bre), RegexError::Paren);
    assert_eq!(err("\\)", Syntax::Bre), RegexError::RParen);
    assert_eq!(err("[a", Syntax::Bre), RegexError::Brack);
    assert_eq!(err("[[:foo:]]", Syntax::Bre), RegexError::Class);
    assert_eq!(err("[b-a]", Syntax::Bre), RegexError::Range);
    assert_eq!(err("a\\", Syntax::Bre), RegexError::Escape);
    assert_eq!(err("\\1", Syntax::Bre), RegexError::Subreg);
    assert_eq!(err("a{2,1}", Syntax::Ere), RegexError::BadBrace);
    assert_eq!(err("a\\{1", Syntax::Bre), RegexError::Brace);
    assert_eq!(err("x{99999}", Syntax::Ere), RegexError::Size);
    assert_eq!(err("((((a{100}){100}){100}){100})", Syntax::Ere), RegexError::Size);
}

#[test]
fn no_blowup() {
    let text = "a".repeat(5000);
    assert!(Regex::new("(a*)*b", Syntax::Ere, false).unwrap().find_at(&text, 0).is_none());
    assert!(Regex::new("(a|aa)*c", Syntax::Ere, false).unwrap().find_at(&text, 0).is_none());
    let re = Regex::new("\\(a*\\)*\\1b", Syntax::Bre, false).unwrap();
    assert!(re.find_at(&text[..200], 0).is_none());
    let m = Regex::new("\\(.*\\)", Syntax::Bre, false).unwrap().find_at(&text, 0).unwrap();
    assert_eq!((m.start, m.end), (0, 5000));
}

#[test]
fn icase_and_classes() {
    let re = Regex::new("hello [[:upper:]]", Syntax::Bre, true).unwrap();
    assert!(re.is_match("HeLLo w"));
    let re = Regex::new("\\(ab\\)\\1", Syntax::Bre, true).unwrap();
    assert!(re.is_match("abAB"));
}

/// The memoised search and the thread simulation assign the same groups
/// (the first is used when the memo fits, the second past it).
#[test]
fn both_capture_searches_agree() {
    let atoms = ["a", "b", "a*", "(a|ab)", "(a*)", "(b|)", "(a|b)+", "((a)|b)*", "(ab?)", "a{1,2}", "^", "$", "\\<", "(a*)*"];
    let texts = ["", "a", "ab", "aab", "abab", "ba ab", "aaaa", "abba", "b a aab"];
    let mut seed = 7u64;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    let cell = std::cell::Cell::new(super::FUEL);
    for _ in 0..3000 {
        let parts = 1 + next(4);
        let pattern: String = (0..parts).map(|_| atoms[next(atoms.len())]).collect();
        let Ok(re) = Regex::new(&pattern, Syntax::Ere, false) else { continue };
        let Some(prog) = &re.prog else { continue };
        for t in texts {
            let Some(m) = re.find_at(t, 0) else { continue };
            let fuel = super::exec::Fuel(&cell);
            let a = prog.captures_bitstate(t.as_bytes(), m.start, m.end, re.groups(), &fuel);
            let b = prog.captures_threads(t.as_bytes(), m.start, m.end, re.groups(), &fuel);
            assert_eq!(a, b, "{pattern} on {t:?}");
        }
    }
}

/// All the matches of a pathological pattern (hundreds of nested-star
/// groups, found by fuzzing) cost a bounded number of steps: the search
/// either answers or says its budget ran out, in about a second at most.
#[test]
fn many_matches_share_one_budget() {
    let pattern = "(a*)*".repeat(800);
    let text = "x".repeat(4000);
    let re = Regex::new(&pattern, Syntax::Ere, false).unwrap();
    let mut pos = 0;
    let mut found = 0;
    while let Some(m) = re.find_at(&text, pos) {
        found += 1;
        pos = m.end + 1;
    }
    assert!(found == 4001 || re.exhausted(), "{found} matches");
    let re = Regex::new(&format!("|a*{}", "a".repeat(2000)), Syntax::Ere, false).unwrap();
    let text = format!("{}b", "a".repeat(1500)).repeat(4);
    let mut pos = 0;
    while let Some(m) = re.find_at(&text, pos) {
        pos = m.end.max(m.start + 1);
    }
    assert!(re.exhausted());
    // An ordinary pattern over a large text keeps its budget.
    let re = Regex::new(".*b.*", Syntax::Ere, false).unwrap();
    let big = "abcdef\n".repeat(100_000);
    assert!(re.is_match(&big) && !re.exhausted());
}
