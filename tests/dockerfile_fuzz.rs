//! No input panics the front end: a deterministic property test that feeds
//! the line parser, the checks and the shell lexer random mixes of the
//! fragments that make Dockerfiles tricky (continuations, heredocs, JSON,
//! directives, quotes, `${…}` modifiers) and of arbitrary characters.
//! Every call must return `Ok` or `Err`; a panic fails the test.

use dockersim::dockerfile::{self, dump::dump, expand};
use std::collections::BTreeMap;

/// xorshift64: the same inputs on every run and machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const LINE_PIECES: &[&str] = &[
    "FROM ",
    "from ",
    "RUN ",
    "CMD ",
    "ENTRYPOINT ",
    "ENV ",
    "LABEL ",
    "ARG ",
    "COPY ",
    "ADD ",
    "ONBUILD ",
    "HEALTHCHECK ",
    "SHELL ",
    "EXPOSE ",
    "VOLUME ",
    "USER ",
    "WORKDIR ",
    "STOPSIGNAL ",
    "MAINTAINER ",
    "AS ",
    "NONE",
    "CMD",
    "alpine",
    "--from=",
    "--platform=",
    "--mount=type=cache,target=/x ",
    "--chown=",
    "--interval=",
    "-- ",
    "--",
    "\\",
    "`",
    "\\\n",
    "`\n",
    "\n",
    "\r\n",
    "\r",
    "#",
    "# escape=`\n",
    "# syntax=x\n",
    "# check=skip=all\n",
    "\u{feff}",
    "[",
    "]",
    "\"",
    "'",
    ",",
    "[\"a\", \"b\"]",
    "[\"a\", 1]",
    "[]",
    "=",
    "a=b ",
    "\"a b\"=c ",
    "<<",
    "<<-",
    "<<EOF",
    "<<'EOF'",
    "<<\"E\"",
    "EOF",
    "\tEOF",
    "2<<X",
    "X\n",
    " ",
    "\t",
    "$",
    "${",
    "}",
    "$x",
    "${x:-y}",
    "${x#*/}",
    "${x//a/b}",
    "${x:?oops}",
    "é",
    "\0",
    "\u{7f}",
    "日本",
];

const WORD_PIECES: &[&str] = &[
    "$", "${", "}", "{", ":", "-", "+", "?", "#", "##", "%", "%%", "/", "//", "*", "\\", "`", "'", "\"", "a", "PWD", "x", "EMPTY", "UNSET",
    " ", "\t", "\n", "é", "[", "]", "$$", "${#", "=", "0", "9",
];

fn mix(rng: &mut Rng, pieces: &[&str], max: usize) -> String {
    let mut s = String::new();
    for _ in 0..rng.below(max) + 1 {
        if rng.below(8) == 0 {
            s.push(char::from_u32(rng.below(0x250) as u32).unwrap_or('?'));
        } else {
            s.push_str(pieces[rng.below(pieces.len())]);
        }
    }
    s
}

#[test]
fn no_dockerfile_panics_the_parser_or_checks() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let n = 20_000;
    let (mut ok, mut err) = (0, 0);
    for _ in 0..n {
        let text = mix(&mut rng, LINE_PIECES, 60);
        match dockerfile::parse(&text) {
            Ok(df) => {
                ok += 1;
                for node in &df.nodes {
                    let _ = dump(node);
                    let _ = dockerfile::node_json(node);
                }
            }
            Err(e) => {
                err += 1;
                assert!(e.span.0 <= e.span.1 && e.span.1 <= text.len(), "span {:?} outside {text:?}", e.span);
            }
        }
        for f in dockersim::build::check(&text) {
            let (a, b) = f.diagnostic.span;
            assert!(a <= b && b <= text.len(), "span {:?} outside {text:?}", f.diagnostic.span);
        }
    }
    eprintln!("fuzzed the parser and checks with {n} inputs ({ok} parsed, {err} rejected)");
    assert!(ok > 0 && err > 0, "the generator should reach both outcomes");
}

#[test]
fn no_word_panics_the_lexer() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let env: BTreeMap<String, String> =
        [("PWD", "/home"), ("x", "a/b/c.tar.gz"), ("EMPTY", "")].iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let n = 50_000;
    let mut errors = 0;
    for i in 0..n {
        let word = mix(&mut rng, WORD_PIECES, 16);
        let escape = if i % 4 == 0 { '`' } else { '\\' };
        if expand::process_word(&word, &env, escape).is_err() {
            errors += 1;
        }
        let _ = expand::process_words(&word, &env, escape);
    }
    eprintln!("fuzzed the lexer with {n} words ({errors} rejected)");
    assert!(errors > 0 && errors < n, "the generator should reach both outcomes");
}
