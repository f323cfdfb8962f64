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
