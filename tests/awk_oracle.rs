//! Differential fuzz of the simulated awk against the real ones: small awk
//! programs made by a structured generator (BEGIN/END, patterns and ranges,
//! fields, `$0`/`NF`/`NR` assignment, `-F`/`-v`, printf, arithmetic, string
//! and number comparisons, the string functions, dynamic regexes, arrays,
//! getline from files, next/exit, CONVFMT/OFMT) run over a few fixed input
//! files by the real `mawk` and `busybox awk` and by the simulator in the
//! same flavour (Debian's awk is mawk; Alpine's is BusyBox's). Standard
//! output, standard error and the exit status must agree.
//!
//! - Needs `mawk` and `busybox`: without them the test is skipped with a
//!   message, unless `DOCKERSIM_REQUIRE_ORACLES=1` (set by `make test`),
//!   where it fails.
//! - `AWK_ORACLE_COUNT` sets how many programs per flavour (default 1000;
//!   `make fuzz` runs 100,000), `AWK_ORACLE_SEED` the seed,
//!   `AWK_ORACLE_FLAVOUR` (`mawk` or `busybox`) one flavour only,
//!   `AWK_ORACLE_SHOW=N` prints program N and both results.
//! - A panic, or a program that runs longer than `SLOW` on either side, is a
//!   failure. Differences listed in `tests/awk_oracle_known.txt` (a flavour,
//!   a construct the program contains, the stream that differs, and why) are
//!   counted, not failed; any other difference fails (STREAMS `hang`: the
//!   real awk, not ours, was killed). A listed kind that no
//!   program hit is reported (not failed: a small run may miss it). Every
//!   finding is written to `target/awk-oracle-findings.txt`.

use dockersim::image::catalog;
use dockersim::vfs::{Content, Fs, Meta};
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A program slower than this (on either side) is a finding: the real awks
/// finish every generated program in milliseconds, and the simulator's step
/// limit stops endless loops well before.
const SLOW: Duration = Duration::from_secs(10);

/// The input files every program may read (by name, in the working directory).
const INPUTS: &[(&str, &str)] = &[
    ("data1", "alpha 10 3.5\nbeta 20 -2\ngamma 0x1A 1e3\n\ndelta  7   abc\nAlpha 10 3.50\n"),
    ("data2", "a:b:c\n1:2:3\n::\nfoo:bar\n 12 : 3 \nx,y:z\n"),
    ("data3", "10\n9\n010\n1e1\n+5\n-0\n.5\nabc\n 3 \n2147483648\n"),
    ("data4", "  lead  trail  \n\tt1\tt2\nsingle\nA-B-C\n"),
];

#[derive(Clone, Copy, PartialEq, Debug)]
enum Flavour {
    Mawk,
    Busybox,
}

impl Flavour {
    fn name(self) -> &'static str {
        match self {
            Flavour::Mawk => "mawk",
            Flavour::Busybox => "busybox",
        }
    }
}

mod common;
use common::Rng;

/// One generated run: awk's arguments (options, program text, operands),
/// and whether standard output is compared as a sorted list of lines
/// (`for (k in a)` printing keys visits them in each awk's hash order).
struct Case {
    args: Vec<String>,
    unordered: bool,
}

/// Scalars the generator assigns; `u` is never assigned (uninitialised),
/// `line` only by getline, `k` only by `for (k in …)`.
const SCALARS: &[&str] = &["x", "y", "s", "n"];
const READ_ONLY_SCALARS: &[&str] = &["u", "line", "k"];
const SPECIALS: &[&str] = &["NR", "NF", "FNR", "FILENAME", "RSTART", "RLENGTH", "CONVFMT", "OFMT", "FS", "OFS", "SUBSEP"];
const NUMBERS: &[&str] = &[
    "0",
    "1",
    "2",
    "3",
    "7",
    "10",
    "(-1)",
    "(-3)",
    "0.5",
    "1.5",
    "2.5",
    "1e3",
    "1e-3",
    "100000",
    "123456789",
    "2147483648",
    "0.1",
    "3.0",
    "017",
    ".5",
    "1e6",
    "1000000",
    "1e300",
    "0.30000000000000004",
];
const STRINGS: &[&str] = &[
    "\"\"",
    "\"a\"",
    "\"abc\"",
    "\"10\"",
    "\" 3 \"",
    "\"1e2\"",
    "\"0x1A\"",
    "\"+5\"",
    "\".5\"",
    "\"A b\"",
    "\"x:y\"",
    "\"a\\tb\"",
    "\"-\"",
    "\"3x\"",
    "\"alpha\"",
    "\"Beta\"",
    "\"10.0\"",
    "\"-0\"",
    "\" \"",
    "\"a.b.c\"",
];
/// Regular expressions, as literals (`/…/`); all valid, no intervals
/// (Debian's mawk 1.3.4 reads `{n,m}` literally: tests/awk/known-differences.txt).
const REGEXES: &[&str] = &[
    "a",
    "^a",
    "a$",
    "[0-9]+",
    "^[A-Z]",
    "a|e",
    "(al|ga)",
    "\\.",
    "^$",
    "[[:digit:]]",
    "[[:upper:]][a-z]",
    "x*",
    ".+",
    "[^ ]+$",
    "ph?a",
    "[.]",
    "b+e",
    "(a)(l)",
    ":",
    "^[ \\t]*$",
    "[aeiou]",
    "l+",
    "^.",
    ".$",
    "[[:space:]]+",
    "[^a-z]",
    "1|2",
    "0x",
    "e[0-9]",
    "-",
];
/// The same as string constants (dynamic regexes): a string's backslashes doubled.
fn regex_string(re: &str) -> String {
    format!("\"{}\"", re.replace('\\', "\\\\"))
}

struct Gen<'a> {
    r: &'a mut Rng,
    flavour: Flavour,
    /// Loop variables in use (`i`, `j`): the loop bodies never assign them.
    loops: Vec<&'static str>,
    /// Inside a loop body whose increment `continue` would skip (while, do).
    in_while: bool,
    in_for: bool,
    in_forin: bool,
    /// Where the statement runs: 0 BEGIN, 1 a main rule, 2 END.
    section: u8,
    unordered: bool,
}

impl Gen<'_> {
    fn atom(&mut self) -> String {
        match self.r.below(12) {
            0..=2 => self.r.pick(NUMBERS).to_string(),
            3..=4 => self.r.pick(STRINGS).to_string(),
            5 => self.r.pick(SCALARS).to_string(),
            6 => {
                if !self.loops.is_empty() && self.r.chance(2) {
                    self.loops[self.r.below(self.loops.len())].to_string()
                } else {
                    self.r.pick(READ_ONLY_SCALARS).to_string()
                }
            }
            7 => self.r.pick(SPECIALS).to_string(),
            8..=9 => self.field(),
            _ => {
                let arr = self.r.pick(&["a", "b"]);
                format!("{arr}[{}]", self.key())
            }
        }
    }

    fn field(&mut self) -> String {
        match self.r.below(10) {
            0 => "$0".into(),
            1..=3 => "$1".into(),
            4..=5 => "$2".into(),
            6 => "$3".into(),
            7 => "$NF".into(),
            8 => format!("$({})", self.r.pick(&["NF-1", "i", "NR", "1+1", "\"2\"", "x"])),
            _ => "$(NF>1?NF-1:1)".into(),
        }
    }

    fn key(&mut self) -> String {
        match self.r.below(8) {
            0..=2 => self.r.pick(&["1", "2", "3", "\"x\"", "\"1\"", "0.5", "\"\"", "01"]).to_string(),
            3 => self.r.pick(&["$1", "$2", "NR", "x", "s"]).to_string(),
            4 if !self.loops.is_empty() => self.loops[0].to_string(),
            5 => format!("{}, {}", self.r.pick(&["1", "\"x\"", "NR"]), self.r.pick(&["2", "$1", "\"y\""])),
            _ => self.r.pick(&["1", "2", "\"k\""]).to_string(),
        }
    }

    fn lvalue(&mut self) -> String {
        match self.r.below(8) {
            0..=3 => self.r.pick(SCALARS).to_string(),
            4 => self.r.pick(&["$0", "$1", "$2", "$3", "$5"]).to_string(),
            _ => format!("{}[{}]", self.r.pick(&["a", "b"]), self.key()),
        }
    }

    fn regex(&mut self) -> String {
        let re = self.r.pick(REGEXES);
        match self.r.below(4) {
            0 => regex_string(re),
            1 if self.r.chance(2) => self.r.pick(SCALARS).to_string(),
            _ => format!("/{re}/"),
        }
    }

    fn expr(&mut self, depth: usize) -> String {
        if depth == 0 || self.r.chance(4) {
            return self.atom();
        }
        let d = depth - 1;
        match self.r.below(30) {
            0..=3 => {
                let ops: &[&str] = if self.flavour == Flavour::Busybox {
                    // Debian's BusyBox (the oracle) is built without awk's
                    // libm: `^` says "Math support is not compiled in", as
                    // Alpine's does not (tests/awk/known-differences.txt).
                    &["+", "-", "*", "/", "%", "+", "-", "*"]
                } else {
                    &["+", "-", "*", "/", "%", "^", "+", "-", "*"]
                };
                let op = self.r.pick(ops);
                format!("({} {op} {})", self.expr(d), self.expr(d))
            }
            4 => format!("-{}", self.paren(d)),
            5 => format!("!{}", self.paren(d)),
            6..=8 => {
                let op = self.r.pick(&["<", "<=", "==", "!=", ">", ">="]);
                format!("({} {op} {})", self.expr(d), self.expr(d))
            }
            9..=10 => format!("({} {})", self.paren(d), self.paren(d)),
            11..=12 => {
                let op = self.r.pick(&["~", "!~"]);
                format!("({} {op} {})", self.expr(d), self.regex())
            }
            13 => format!("({} ? {} : {})", self.expr(d), self.expr(d), self.expr(d)),
            14 => format!("({} {} {})", self.expr(d), self.r.pick(&["&&", "||"]), self.expr(d)),
            15 => format!("(({}) in {})", self.key(), self.r.pick(&["a", "b"])),
            16 => {
                let lv = if self.flavour == Flavour::Mawk && self.r.chance(4) {
                    // BusyBox reads `$2++` as `$(2++)` (tests/awk/known-differences.txt).
                    self.r.pick(&["$2", "$1"]).to_string()
                } else {
                    let mut lv = self.lvalue();
                    while lv.starts_with('$') {
                        lv = self.lvalue();
                    }
                    lv
                };
                match self.r.below(4) {
                    0 => format!("({lv}++)"),
                    1 => format!("({lv}--)"),
                    2 => format!("(++{lv})"),
                    _ => format!("(--{lv})"),
                }
            }
            17 => {
                let op = self.r.pick(&["=", "=", "+=", "-=", "*=", "/=", "%="]);
                format!("({} {op} {})", self.lvalue(), self.expr(d))
            }
            _ => self.builtin(d),
        }
    }

    fn paren(&mut self, d: usize) -> String {
        let e = self.expr(d);
        if e.starts_with('(') && e.ends_with(')') {
            e
        } else {
            format!("({e})")
        }
    }

    fn builtin(&mut self, d: usize) -> String {
        match self.r.below(16) {
            0 => format!("length({})", self.expr(d)),
            1 => self.r.pick(&["length", "length()", "length($0)"]).to_string(),
            2 => format!("substr({}, {})", self.expr(d), self.small()),
            3 => format!("substr({}, {}, {})", self.expr(d), self.small(), self.small()),
            4 => format!("index({}, {})", self.expr(d), self.r.pick(STRINGS)),
            5 => {
                let arr = self.r.pick(&["a", "b", "parts"]);
                match self.r.below(3) {
                    0 => format!("split({}, {arr})", self.expr(d)),
                    _ => format!("split({}, {arr}, {})", self.expr(d), self.separator()),
                }
            }
            6 | 7 => self.substitution(d),
            8 => format!("match({}, {})", self.expr(d), self.regex()),
            9 => format!("(match({}, {}) \" \" RSTART \" \" RLENGTH)", self.expr(d), self.regex()),
            10 => format!("sprintf({})", self.format_call(d)),
            11 => format!("tolower({})", self.expr(d)),
            12 => format!("toupper({})", self.expr(d)),
            13 => format!("int({})", self.expr(d)),
            14 => self.getline_expr(),
            _ => format!("({} \"\")", self.expr(d)),
        }
    }

    fn small(&mut self) -> String {
        self.r.pick(&["0", "1", "2", "3", "(-1)", "1.5", "2.5", "100", "\"2\"", "x", "NR", "length(s)"]).to_string()
    }

    fn separator(&mut self) -> String {
        self.r.pick(&["\":\"", "\"\"", "\" \"", "/[:,]/", "\"a\"", "\",\"", "/ +/", "\"[ab]\"", "\".\"", "FS", "\"\\t\""]).to_string()
    }

    fn substitution(&mut self, d: usize) -> String {
        let f = self.r.pick(&["sub", "gsub"]);
        let repl = match self.r.below(6) {
            0 => "\"[&]\"".to_string(),
            1 => "\"\\\\&\"".to_string(),
            2 => "\"\"".to_string(),
            3 => self.expr(d),
            _ => self.r.pick(&["\"x\"", "\"-\"", "\"&&\"", "\"<&>\"", "\"\\\\\\\\&\""]).to_string(),
        };
        if self.r.chance(3) {
            format!("{f}({}, {repl})", self.regex())
        } else {
            let target = self.r.pick(&["$0", "$1", "$2", "s", "x", "a[1]", "b[\"x\"]", "$3"]);
            format!("{f}({}, {repl}, {target})", self.regex())
        }
    }

    fn getline_expr(&mut self) -> String {
        match self.r.below(4) {
            0 => format!("(getline line < \"{}\")", self.r.pick(&["data2", "data3", "nofile"])),
            1 => format!("(getline < \"{}\")", self.r.pick(&["data1", "data4"])),
            2 if self.section == 1 => self.r.pick(&["(getline)", "(getline line)"]).to_string(),
            _ => format!("close(\"{}\")", self.r.pick(&["data2", "data3", "data1", "nofile"])),
        }
    }

    /// printf's arguments: a format (usually a literal) and values for it.
    fn format_call(&mut self, d: usize) -> String {
        if self.r.chance(12) {
            let f = self.expr(d);
            return if self.r.chance(2) { f } else { format!("{f}, {}", self.expr(d)) };
        }
        let mut fmt = String::new();
        let mut args = Vec::new();
        for _ in 0..self.r.below(3) + 1 {
            if self.r.chance(3) {
                fmt.push_str(self.r.pick(&["x", "|", " ", "\\t", "=", "%%", "\\\\", "\\\"", "ab"]));
            }
            fmt.push('%');
            let conv = self.r.pick(&["d", "i", "o", "x", "X", "u", "c", "s", "e", "E", "f", "g", "G", "s", "d", "s"]);
            for flag in ["-", "+", " ", "#", "0"] {
                // `#` with d, i, u, c or s is undefined in C (mawk's output
                // then depends on how it splits the format).
                if self.r.chance(8) && (flag != "#" || "oxXeEfgG".contains(conv)) {
                    fmt.push_str(flag);
                }
            }
            match self.r.below(5) {
                0 => fmt.push_str(self.r.pick(&["1", "3", "5", "8", "12"])),
                1 if self.r.chance(3) => {
                    fmt.push('*');
                    args.push(self.r.pick(&["3", "(-4)", "0", "\"2\"", "NR"]).to_string());
                }
                _ => {}
            }
            match self.r.below(5) {
                0 => {
                    fmt.push('.');
                    fmt.push_str(self.r.pick(&["0", "1", "2", "3", "6", "10", ""]));
                }
                1 if self.r.chance(3) => {
                    fmt.push_str(".*");
                    // A negative precision from `*` makes mawk print memory (it
                    // passes it on to its own string copy): never generated.
                    args.push(self.r.pick(&["2", "0", "\"1\"", "NR"]).to_string());
                }
                _ => {}
            }
            fmt.push_str(conv);
            args.push(self.expr(d));
        }
        if self.r.chance(2) {
            fmt.push_str("\\n");
        }
        if self.r.chance(25) {
            args.pop();
        } else if self.r.chance(25) {
            args.push(self.atom());
        }
        let mut call = format!("\"{fmt}\"");
        for a in args {
            call.push_str(", ");
            call.push_str(&a);
        }
        call
    }

    fn simple(&mut self, depth: usize) -> String {
        match self.r.below(26) {
            0..=4 => match self.r.below(6) {
                0 => "print".into(),
                1 => format!("print {}", self.expr(depth)),
                2 => format!("print {}, {}", self.expr(depth), self.expr(depth)),
                3 => format!("print {} {}", self.paren(depth), self.paren(depth)),
                4 => format!("print {}, {}, {}", self.atom(), self.atom(), self.expr(depth)),
                _ => format!("print {} > \"/dev/stderr\"", self.paren(depth)),
            },
            5..=7 => {
                let call = self.format_call(depth);
                if self.r.chance(4) {
                    format!("printf({call})")
                } else {
                    format!("printf {call}")
                }
            }
            8..=10 => {
                let op = self.r.pick(&["=", "=", "=", "+=", "-=", "*=", "/=", "%="]);
                format!("{} {op} {}", self.lvalue(), self.expr(depth))
            }
            11 => match self.r.below(10) {
                0..=2 => format!("NF = {}", self.r.pick(&["0", "1", "2", "3", "5", "NF+1", "NF-1"])),
                3 => format!("$0 = {}", self.r.pick(&["\"p q r\"", "\"1:2\"", "s", "$2", "\"\"", "\"  x  y \""])),
                4 => format!("NR = {}", self.r.pick(&["10", "0", "\"5\""])),
                5 => format!("OFS = {}", self.r.pick(&["\"-\"", "\":\"", "\"\"", "\" | \""])),
                6 => format!("CONVFMT = {}", self.r.pick(&["\"%.2g\"", "\"%d\"", "\"%.3f\"", "\"%.6g\""])),
                7 => format!("OFMT = {}", self.r.pick(&["\"%.2g\"", "\"%.3f\"", "\"%.6g\"", "\"%e\""])),
                8 => format!("FS = {}", self.r.pick(&["\":\"", "\",\"", "\" \"", "\"[:,]\"", "\"a\""])),
                _ => format!("ORS = {}", self.r.pick(&["\"\\n\\n\"", "\";\\n\"", "\"\\n\""])),
            },
            12 => {
                let mut lv = self.lvalue();
                if self.flavour == Flavour::Busybox {
                    while lv.starts_with('$') {
                        lv = self.lvalue();
                    }
                }
                match self.r.below(4) {
                    0 => format!("{lv}++"),
                    1 => format!("{lv}--"),
                    2 => format!("++{lv}"),
                    _ => format!("--{lv}"),
                }
            }
            13 => format!("n = split({}, {}, {})", self.expr(depth), self.r.pick(&["a", "b"]), self.separator()),
            14 => self.substitution(depth),
            15 => match self.r.below(3) {
                0 => "delete a".into(),
                _ => format!("delete {}[{}]", self.r.pick(&["a", "b"]), self.key()),
            },
            16 => match self.r.below(5) {
                0 => format!("while ((getline line < \"{}\") > 0) n++", self.r.pick(&["data2", "data3"])),
                1 => format!("getline line < \"{}\"", self.r.pick(&["data2", "data4", "nofile"])),
                2 if self.section == 1 => self.r.pick(&["getline", "getline line", "getline x"]).to_string(),
                3 => format!("close(\"{}\")", self.r.pick(&["data2", "data3", "data4"])),
                _ => format!("getline < \"{}\"", self.r.pick(&["data1", "data3"])),
            },
            17 if self.section == 1 && self.loops.is_empty() && self.r.chance(2) => "next".into(),
            18 if self.r.chance(3) => match self.r.below(4) {
                0 => "exit".into(),
                1 => format!("exit {}", self.r.pick(&["0", "1", "3", "(-1)", "256", "\"2\"", "x", "NR"])),
                _ => format!("exit {}", self.expr(1)),
            },
            19 if !self.loops.is_empty() && self.r.chance(2) => {
                if self.in_for && !self.in_while && self.r.chance(2) {
                    "continue".into()
                } else {
                    "break".into()
                }
            }
            _ => format!("x = {}", self.expr(depth)),
        }
    }

    fn block(&mut self, depth: usize, max: usize) -> String {
        let n = self.r.below(max) + 1;
        let sep = if self.r.chance(3) { "\n" } else { "; " };
        (0..n).map(|_| self.stmt(depth)).collect::<Vec<_>>().join(sep)
    }

    fn stmt(&mut self, depth: usize) -> String {
        if depth == 0 || self.r.below(10) < 7 {
            return self.simple(depth.min(2));
        }
        let d = depth - 1;
        match self.r.below(6) {
            0 | 1 => {
                let c = self.expr(2);
                if self.r.chance(2) {
                    format!("if ({c}) {{ {} }}", self.block(d, 2))
                } else {
                    format!("if ({c}) {{ {} }} else {{ {} }}", self.block(d, 2), self.block(d, 2))
                }
            }
            2 if self.loops.len() < 2 => {
                let v = if self.loops.is_empty() { "i" } else { "j" };
                let n = self.r.pick(&["0", "1", "2", "3", "NF", "length(s) % 4"]);
                let (outer_for, outer_while) = (self.in_for, self.in_while);
                self.loops.push(v);
                let kind = self.r.below(3);
                self.in_for = kind == 0;
                self.in_while = kind != 0;
                let body = self.block(d, 2);
                self.loops.pop();
                self.in_for = outer_for;
                self.in_while = outer_while;
                match kind {
                    0 => format!("for ({v} = 0; {v} < {n}; {v}++) {{ {body} }}"),
                    1 => format!("{v} = 0; while ({v} < {n}) {{ {body}; {v}++ }}"),
                    _ => format!("{v} = 0; do {{ {body}; {v}++ }} while ({v} < {n})"),
                }
            }
            3 if !self.in_forin => {
                let arr = self.r.pick(&["a", "b", "parts"]);
                self.in_forin = true;
                let body = match self.r.below(6) {
                    0 => format!("x += {arr}[k]"),
                    1 => "n++".to_string(),
                    2 => format!("if ({arr}[k] > y) y = {arr}[k]"),
                    3 => format!("delete {arr}[k]"),
                    _ => {
                        self.unordered = true;
                        format!("print k, {arr}[k]")
                    }
                };
                self.in_forin = false;
                format!("for (k in {arr}) {body}")
            }
            _ => format!("{{ {} }}", self.block(d, 3)),
        }
    }

    fn pattern(&mut self) -> String {
        match self.r.below(12) {
            0 | 1 => format!("/{}/", self.r.pick(REGEXES)),
            2 => format!("!/{}/", self.r.pick(REGEXES)),
            3 => format!("NR == {}", self.r.pick(&["1", "2", "3", "\"2\""])),
            4 => format!("{}, {}", self.range_end(), self.range_end()),
            5 => format!("{} ~ {}", self.field(), self.regex()),
            6 => self.r.pick(&["NF", "!NF", "$2", "length > 4", "$1 == \"10\"", "$1 > 5", "$1 > \"b\"", "NR % 2", "x"]).to_string(),
            7 => format!("{} {} {}", self.field(), self.r.pick(&["<", "==", ">=", "!="]), self.atom()),
            _ => self.expr(2),
        }
    }

    fn range_end(&mut self) -> String {
        match self.r.below(3) {
            0 => format!("/{}/", self.r.pick(REGEXES)),
            1 => format!("NR == {}", self.r.pick(&["1", "2", "3", "5"])),
            _ => format!("FNR == {}", self.r.pick(&["1", "2", "4"])),
        }
    }

    fn program(&mut self) -> String {
        let mut items = Vec::new();
        let mut bare_pattern = false;
        if self.r.chance(2) {
            self.section = 0;
            items.push(format!("BEGIN {{ {} }}", self.block(2, 3)));
        }
        for _ in 0..self.r.below(3) {
            self.section = 1;
            let item = match self.r.below(4) {
                0 => format!("{{ {} }}", self.block(2, 3)),
                1 => {
                    bare_pattern = true;
                    self.pattern()
                }
                _ => format!("{} {{ {} }}", self.pattern(), self.block(2, 3)),
            };
            items.push(item);
        }
        if items.is_empty() || self.r.chance(2) {
            self.section = 2;
            items.push(format!("END {{ {} }}", self.block(2, 3)));
        }
        // A pattern without an action ends at a newline (`NF /x/` would be a division).
        let sep = if bare_pattern || self.r.chance(2) { "\n" } else { " " };
        items.join(sep)
    }
}

fn generate(seed: u64, k: u64, flavour: Flavour) -> Case {
    let mut r = Rng::new(seed, k);
    let mut args = Vec::new();
    if r.chance(4) {
        let fs = r.pick(&[":", ",", " ", "\\t", "[:,]", "a", "|", "\\|", ".", "-", ":+", "t"]);
        if r.chance(2) {
            args.push(format!("-F{fs}"));
        } else {
            args.push("-F".into());
            args.push(fs.into());
        }
    }
    for _ in 0..[0, 0, 0, 1, 1, 2][r.below(6)] {
        args.push("-v".into());
        let a = r.pick(&[
            "x=5",
            "s=hello",
            "n=010",
            "x=1e2",
            "s=a\\tb",
            "OFS=-",
            "CONVFMT=%.2g",
            "OFMT=%.2f",
            "x= 3 ",
            "y=0x10",
            "s=",
            "y=abc",
            "s=a:b:c",
            "x=.5",
        ]);
        args.push(a.into());
    }
    let (program, unordered) = {
        let mut g =
            Gen { r: &mut r, flavour, loops: Vec::new(), in_while: false, in_for: false, in_forin: false, section: 0, unordered: false };
        let p = g.program();
        (p, g.unordered)
    };
    args.push(program);
    for _ in 0..[0, 1, 1, 1, 2, 2, 3][r.below(7)] {
        let operand = match r.below(12) {
            0 => r.pick(&["x=7", "s=ok", "FS=:", "n=1e1"]),
            1 if r.chance(4) => "nofile",
            _ => r.pick(&["data1", "data2", "data3", "data4", "data1"]),
        };
        args.push(operand.into());
    }
    Case { args, unordered }
}

#[derive(PartialEq, Debug)]
struct Outcome {
    status: i32,
    stdout: String,
    stderr: String,
}

fn compared(o: &Outcome, unordered: bool) -> Outcome {
    let stdout = if unordered {
        let mut lines: Vec<&str> = o.stdout.split_inclusive('\n').collect();
        lines.sort();
        lines.concat()
    } else {
        o.stdout.clone()
    };
    Outcome { status: o.status, stdout, stderr: o.stderr.clone() }
}

/// A simulated filesystem as the flavour's image has it, with the inputs in /tmp/work.
fn image_fs(flavour: Flavour) -> Fs {
    let reference = match flavour {
        Flavour::Mawk => "debian:bookworm",
        Flavour::Busybox => "alpine:3.20",
    };
    let image = catalog::pull(reference).expect("catalog image");
    let mut fs = Fs::new();
    for layer in &image.layers {
        layer.apply(&mut fs).expect("apply");
    }
    fs.mkdir_all("/tmp/work", Meta::new(0o755, 0)).expect("mkdir");
    for (name, text) in INPUTS {
        fs.write(&format!("/tmp/work/{name}"), Content::from_bytes(text.as_bytes().to_vec()), Meta::new(0o644, 0)).expect("input");
    }
    fs
}

fn ours(fs: &Fs, case: &Case) -> Result<Outcome, String> {
    let mut argv = vec!["awk".to_string()];
    argv.extend(case.args.iter().cloned());
    let r = catch_unwind(AssertUnwindSafe(|| common::run_in(fs, &argv)))
        .map_err(|e| e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default())?;
    Ok(Outcome { status: r.status, stdout: r.stdout, stderr: r.stderr })
}

/// Kills the real awk when it outlives its deadline (a hang).
struct Watchdog {
    slot: Arc<Mutex<Option<(u32, Instant)>>>,
}

impl Watchdog {
    fn start() -> Watchdog {
        let slot: Arc<Mutex<Option<(u32, Instant)>>> = Arc::new(Mutex::new(None));
        let watched = Arc::clone(&slot);
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_millis(200));
            let due = matches!(*watched.lock().unwrap(), Some((_, deadline)) if Instant::now() > deadline);
            if due {
                if let Some((pid, _)) = watched.lock().unwrap().take() {
                    let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
                }
            }
        });
        Watchdog { slot }
    }
}

struct Oracle {
    dir: PathBuf,
    awk: PathBuf,
}

impl Oracle {
    fn spawn(&self, case: &Case) -> std::process::Child {
        Command::new(&self.awk)
            .args(&case.args)
            .current_dir(&self.dir)
            .env_clear()
            .env("LC_ALL", "C")
            .env("PATH", "/usr/bin:/bin")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run the real awk")
    }
}

fn finish(child: std::process::Child, dog: &Watchdog) -> Option<Outcome> {
    *dog.slot.lock().unwrap() = Some((child.id(), Instant::now() + SLOW));
    let out = child.wait_with_output().expect("wait");
    *dog.slot.lock().unwrap() = None;
    // Killed by a signal: the watchdog (a hang).
    let status = out.status.code()?;
    Some(Outcome {
        status,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    })
}

/// A known kind of difference: in `flavour`, a program containing `needle`
/// may differ in the streams `what` names.
struct Known {
    flavour: String,
    needle: String,
    what: Vec<String>,
    line: String,
}

fn known_list() -> Vec<Known> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/awk_oracle_known.txt");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let fields: Vec<&str> = l.split('\t').filter(|f| !f.is_empty()).collect();
            assert!(fields.len() >= 4, "tests/awk_oracle_known.txt: want FLAVOUR<TAB>CONSTRUCT<TAB>STREAMS<TAB>WHY, got {l:?}");
            Known {
                flavour: fields[0].to_string(),
                needle: unescape_needle(fields[1]),
                what: fields[2].split(',').map(|s| s.trim().to_string()).collect(),
                line: l.to_string(),
            }
        })
        .collect()
}

/// `\t` and `\n` in a construct stand for a tab and a newline; `\\` for a backslash.
fn unescape_needle(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some(o) => out.push(o),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn differing(a: &Outcome, b: &Outcome) -> Vec<&'static str> {
    let mut what = Vec::new();
    if a.stdout != b.stdout {
        what.push("stdout");
    }
    if a.stderr != b.stderr {
        what.push("stderr");
    }
    if a.status != b.status {
        what.push("status");
    }
    what
}

/// An outcome on one line, long output cut.
fn brief(o: &Outcome) -> String {
    let cut = |s: &str| {
        let s: String = format!("{s:?}");
        if s.len() > 300 {
            format!("{}…({} bytes)", &s[..s.char_indices().nth(300).map_or(s.len(), |(i, _)| i)], s.len())
        } else {
            s
        }
    };
    format!("status {} stdout {} stderr {}", o.status, cut(&o.stdout), cut(&o.stderr))
}

fn shell_quote(args: &[String]) -> String {
    args.iter().map(|a| format!("'{}'", a.replace('\'', "'\\''"))).collect::<Vec<_>>().join(" ")
}

fn have(program: &str, arg: &str) -> bool {
    Command::new(program).arg(arg).stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok()
}

#[test]
fn awk_matches_mawk_and_busybox() {
    let require = std::env::var("DOCKERSIM_REQUIRE_ORACLES").is_ok_and(|v| v == "1");
    let mawk = Command::new("sh").args(["-c", "command -v mawk"]).output().ok().filter(|o| o.status.success());
    let busybox = Command::new("sh").args(["-c", "command -v busybox"]).output().ok().filter(|o| o.status.success());
    let (Some(mawk), Some(busybox)) = (mawk, busybox) else {
        assert!(!require, "mawk and busybox are needed (DOCKERSIM_REQUIRE_ORACLES=1)");
        println!("skipped: mawk or busybox not found");
        return;
    };
    assert!(have("busybox", "--help"));
    let count: u64 = std::env::var("AWK_ORACLE_COUNT").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    let seed: u64 = std::env::var("AWK_ORACLE_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(0xa3c5_1d2e);
    let show: Option<u64> = std::env::var("AWK_ORACLE_SHOW").ok().and_then(|v| v.parse().ok());
    let only = std::env::var("AWK_ORACLE_FLAVOUR").ok();
    let known = known_list();
    let mut hits = vec![0usize; known.len()];
    let dir = std::env::temp_dir().join(format!("dockersim-awk-oracle-{}", std::process::id()));
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).expect("temp dir");
    for (name, text) in INPUTS {
        std::fs::write(dir.join(name), text).expect("input");
    }
    let dog = Watchdog::start();
    let mut failures = Vec::new();
    let mut report = Vec::new();
    for flavour in [Flavour::Mawk, Flavour::Busybox] {
        if only.as_ref().is_some_and(|o| o != flavour.name()) {
            continue;
        }
        // The real program runs as `awk` (a symlink), so its messages say `awk:` as ours do.
        let awk = bin.join(flavour.name()).join("awk");
        std::fs::create_dir_all(awk.parent().unwrap()).expect("bin dir");
        let target = String::from_utf8_lossy(if flavour == Flavour::Mawk { &mawk.stdout } else { &busybox.stdout }).trim().to_string();
        let _ = std::fs::remove_file(&awk);
        std::os::unix::fs::symlink(&target, &awk).expect("symlink");
        let oracle = Oracle { dir: dir.clone(), awk };
        let fs = image_fs(flavour);
        let started = Instant::now();
        let (mut same, mut listed, mut ours_time) = (0usize, 0usize, Duration::ZERO);
        let range = match show {
            Some(k) => k..k + 1,
            None => 0..count,
        };
        for k in range.clone() {
            let case = generate(seed, k, flavour);
            let child = oracle.spawn(&case);
            let t = Instant::now();
            let mine = ours(&fs, &case);
            let took = t.elapsed();
            ours_time += took;
            let theirs = finish(child, &dog);
            let cmd = format!("awk {}", shell_quote(&case.args));
            if show.is_some() {
                println!("{} #{k}: {cmd}\n--- real\n{theirs:#?}\n--- ours\n{mine:#?}", flavour.name());
            }
            let mine = match mine {
                Err(panic) => {
                    failures.push(format!("{} #{k} PANIC ({panic}): {cmd}", flavour.name()));
                    continue;
                }
                Ok(m) => m,
            };
            if took > SLOW {
                failures.push(format!("{} #{k} SLOW (ours {took:?}): {cmd}", flavour.name()));
            }
            let Some(theirs) = theirs else {
                // The real awk hanging (not ours) may be a listed kind: streams `hang`.
                let program = case.args.join(" ");
                if let Some(i) = known
                    .iter()
                    .position(|kn| kn.flavour == flavour.name() && program.contains(&kn.needle) && kn.what.iter().any(|w| w == "hang"))
                {
                    hits[i] += 1;
                    listed += 1;
                    continue;
                }
                failures.push(format!("{} #{k} HANG (the real awk was killed after {SLOW:?}): {cmd}", flavour.name()));
                continue;
            };
            let (a, b) = (compared(&theirs, case.unordered), compared(&mine, case.unordered));
            if a == b {
                same += 1;
                continue;
            }
            let what = differing(&a, &b);
            let program = case.args.join(" ");
            let hit = known.iter().position(|kn| {
                kn.flavour == flavour.name() && program.contains(&kn.needle) && what.iter().all(|w| kn.what.iter().any(|x| x == w))
            });
            if let Some(i) = hit {
                hits[i] += 1;
                listed += 1;
                continue;
            }
            failures.push(format!(
                "{} #{k} differs in {}: {cmd}\n  real: {}\n  ours: {}",
                flavour.name(),
                what.join(","),
                brief(&theirs),
                brief(&mine)
            ));
        }
        let n = range.end - range.start;
        let line = format!(
            "{}: {n} programs in {:.1?} (simulator {:.1?}), {same} agree, {listed} known differences",
            flavour.name(),
            started.elapsed(),
            ours_time
        );
        println!("{line}");
        report.push(line);
    }
    let _ = std::fs::remove_dir_all(&dir);
    for (kn, n) in known.iter().zip(&hits) {
        println!("known {n:>6}  {}", kn.line);
    }
    let findings = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/awk-oracle-findings.txt");
    let _ = std::fs::write(&findings, failures.iter().map(|f| format!("{f}\n")).collect::<String>());
    let shown: Vec<&String> = failures.iter().take(60).collect();
    let _ = std::io::stdout().flush();
    assert!(
        failures.is_empty(),
        "{} findings (all in {}; the first {}):\n{}\n{}",
        failures.len(),
        findings.display(),
        shown.len(),
        shown.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n"),
        report.join("\n")
    );
}
