//! `expr`: GNU coreutils' grammar, results, exit codes (0 a non-null
//! result, 1 null or 0, 2 an invalid expression) and messages; BusyBox's
//! wording on Alpine. `STRING : REGEX` is an anchored BRE (`crate::regex`).

use super::Prog;
use crate::regex::{Regex, Syntax};
use crate::shell::interp::{Flow, Shell};

type Out = Result<Option<i32>, Flow>;

#[derive(Clone, Debug)]
enum Val {
    Int(i128),
    Str(String),
}

impl Val {
    fn text(&self) -> String {
        match self {
            Val::Int(n) => n.to_string(),
            Val::Str(s) => s.clone(),
        }
    }

    /// Empty, or a zero (`0`, `-0`, `00`).
    fn is_null(&self) -> bool {
        match self {
            Val::Int(n) => *n == 0,
            Val::Str(s) => {
                let d = s.strip_prefix('-').unwrap_or(s);
                s.is_empty() || (!d.is_empty() && d.bytes().all(|b| b == b'0'))
            }
        }
    }

    fn int(&self) -> Option<i128> {
        match self {
            Val::Int(n) => Some(*n),
            Val::Str(s) => as_int(s),
        }
    }
}

fn as_int(s: &str) -> Option<i128> {
    let d = s.strip_prefix('-').unwrap_or(s);
    if d.is_empty() || !d.bytes().all(|b| b.is_ascii_digit()) || d.len() > 36 {
        return None;
    }
    s.parse().ok()
}

/// Why evaluation stopped: the message and the exit status.
struct Fail(String, i32);

struct Ev<'a> {
    args: &'a [String],
    i: usize,
    busybox: bool,
}

impl Ev<'_> {
    fn peek(&self) -> Option<&str> {
        self.args.get(self.i).map(String::as_str)
    }

    fn syntax(&self, gnu: String) -> Fail {
        Fail(if self.busybox { "syntax error".into() } else { format!("syntax error: {gnu}") }, 2)
    }

    fn missing_after(&self) -> Fail {
        let prev = self.i.checked_sub(1).and_then(|k| self.args.get(k)).cloned().unwrap_or_default();
        self.syntax(format!("missing argument after '{prev}'"))
    }

    fn non_integer(&self) -> Fail {
        Fail(if self.busybox { "non-numeric argument".into() } else { "non-integer argument".into() }, 2)
    }

    fn take(&mut self) -> Result<String, Fail> {
        match self.args.get(self.i) {
            Some(a) => {
                self.i += 1;
                Ok(a.clone())
            }
            None => Err(self.missing_after()),
        }
    }

    fn or(&mut self) -> Result<Val, Fail> {
        let mut l = self.and()?;
        while self.peek() == Some("|") {
            self.i += 1;
            let r = self.and()?;
            l = if !l.is_null() {
                l
            } else if !r.is_null() || self.busybox {
                r
            } else {
                Val::Int(0)
            };
        }
        Ok(l)
    }

    fn and(&mut self) -> Result<Val, Fail> {
        let mut l = self.cmp()?;
        while self.peek() == Some("&") {
            self.i += 1;
            let r = self.cmp()?;
            l = if l.is_null() || r.is_null() { Val::Int(0) } else { l };
        }
        Ok(l)
    }

    fn cmp(&mut self) -> Result<Val, Fail> {
        let mut l = self.sum()?;
        while let Some(op) = self.peek().filter(|o| matches!(*o, "<" | "<=" | "=" | "==" | "!=" | ">=" | ">")).map(str::to_string) {
            self.i += 1;
            let r = self.sum()?;
            let ord = match (l.int(), r.int()) {
                (Some(a), Some(b)) => a.cmp(&b),
                _ => l.text().as_bytes().cmp(r.text().as_bytes()),
            };
            let t = match op.as_str() {
                "<" => ord.is_lt(),
                "<=" => ord.is_le(),
                "=" | "==" => ord.is_eq(),
                "!=" => ord.is_ne(),
                ">=" => ord.is_ge(),
                _ => ord.is_gt(),
            };
            l = Val::Int(i128::from(t));
        }
        Ok(l)
    }

    fn sum(&mut self) -> Result<Val, Fail> {
        let mut l = self.product()?;
        while let Some(op) = self.peek().filter(|o| matches!(*o, "+" | "-")).map(str::to_string) {
            self.i += 1;
            let r = self.product()?;
            let (Some(a), Some(b)) = (l.int(), r.int()) else { return Err(self.non_integer()) };
            let v = if op == "+" { a.checked_add(b) } else { a.checked_sub(b) };
            l = Val::Int(v.ok_or_else(|| Fail("integer result too large".into(), 3))?);
        }
        Ok(l)
    }

    fn product(&mut self) -> Result<Val, Fail> {
        let mut l = self.matching()?;
        while let Some(op) = self.peek().filter(|o| matches!(*o, "*" | "/" | "%")).map(str::to_string) {
            self.i += 1;
            let r = self.matching()?;
            let (Some(a), Some(b)) = (l.int(), r.int()) else { return Err(self.non_integer()) };
            if op != "*" && b == 0 {
                return Err(Fail("division by zero".into(), 2));
            }
            let v = match op.as_str() {
                "*" => a.checked_mul(b),
                "/" => a.checked_div(b),
                _ => a.checked_rem(b),
            };
            l = Val::Int(v.ok_or_else(|| Fail("integer result too large".into(), 3))?);
        }
        Ok(l)
    }

    fn matching(&mut self) -> Result<Val, Fail> {
        let mut l = self.primary()?;
        while self.peek() == Some(":") {
            self.i += 1;
            let r = self.primary()?;
            l = self.regex_match(&l.text(), &r.text())?;
        }
        Ok(l)
    }

    fn regex_match(&self, s: &str, pattern: &str) -> Result<Val, Fail> {
        let re = Regex::new(pattern, Syntax::Bre, false).map_err(|e| {
            let msg = if self.busybox { format!("bad regex '{pattern}': {}", e.musl()) } else { e.gnu().to_string() };
            Fail(msg, 2)
        })?;
        let m = re.find_at(s, 0).filter(|m| m.start == 0);
        if re.exhausted() {
            return Err(Fail(crate::regex::exhausted_line("expr"), 2));
        }
        Ok(match (m, re.groups() > 0) {
            (Some(m), true) => {
                Val::Str(m.groups[1].map_or(String::new(), |(a, b)| String::from_utf8_lossy(&s.as_bytes()[a..b]).into_owned()))
            }
            (Some(m), false) => Val::Int((m.end - m.start) as i128),
            (None, true) => Val::Str(String::new()),
            (None, false) => Val::Int(0),
        })
    }

    fn primary(&mut self) -> Result<Val, Fail> {
        let Some(tok) = self.peek().map(str::to_string) else { return Err(self.missing_after()) };
        self.i += 1;
        // A keyword is an operator only when an operand follows it.
        let has_more = self.i < self.args.len();
        match tok.as_str() {
            "(" => {
                let v = self.or()?;
                match self.peek() {
                    Some(")") => {
                        self.i += 1;
                        Ok(v)
                    }
                    Some(other) => {
                        let other = other.to_string();
                        Err(self.syntax(format!("expecting ')' instead of '{other}'")))
                    }
                    None => {
                        let last = self.args.last().cloned().unwrap_or_default();
                        Err(self.syntax(format!("expecting ')' after '{last}'")))
                    }
                }
            }
            "+" if has_more => Ok(Val::Str(self.take()?)),
            "match" if has_more => {
                let s = self.primary()?.text();
                let p = self.primary()?.text();
                self.regex_match(&s, &p)
            }
            "length" if has_more => {
                let s = self.primary()?.text();
                Ok(Val::Int(s.len() as i128))
            }
            "index" if has_more => {
                let s = self.primary()?.text();
                let chars = self.primary()?.text();
                let at = s.bytes().position(|b| chars.as_bytes().contains(&b)).map_or(0, |p| p + 1);
                Ok(Val::Int(at as i128))
            }
            "substr" if has_more => {
                let s = self.primary()?.text();
                let pos = self.primary()?;
                let len = self.primary()?;
                let (Some(pos), Some(len)) = (pos.int(), len.int()) else { return Ok(Val::Str(String::new())) };
                if pos < 1 || len < 1 || pos as usize > s.len() {
                    return Ok(Val::Str(String::new()));
                }
                let start = (pos - 1) as usize;
                let end = start.saturating_add(len.min(s.len() as i128) as usize).min(s.len());
                Ok(Val::Str(String::from_utf8_lossy(&s.as_bytes()[start..end]).into_owned()))
            }
            "match" | "length" | "index" | "substr" | "+" if !self.busybox => Err(self.missing_after()),
            _ => Ok(Val::Str(tok)),
        }
    }
}

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    if prog.name != "expr" {
        return Ok(None);
    }
    let mut args = &argv[1..];
    if args.first().is_some_and(|a| a == "--") && !prog.busybox {
        args = &args[1..];
    }
    if args.is_empty() {
        let msg =
            if prog.busybox { "expr: too few arguments\n" } else { "expr: missing operand\nTry 'expr --help' for more information.\n" };
        sh.err_str(msg)?;
        return Ok(Some(2));
    }
    let mut ev = Ev { args, i: 0, busybox: prog.busybox };
    let result = ev.or().and_then(|v| match ev.peek() {
        None => Ok(v),
        Some(extra) => {
            let extra = extra.to_string();
            Err(ev.syntax(format!("unexpected argument '{extra}'")))
        }
    });
    match result {
        Ok(v) => {
            sh.out_str(&format!("{}\n", v.text()))?;
            Ok(Some(if v.is_null() { 1 } else { 0 }))
        }
        Err(Fail(msg, status)) if msg.starts_with("dockersim:") => {
            sh.err_str(&msg)?;
            Ok(Some(status))
        }
        Err(Fail(msg, status)) => {
            sh.err_str(&format!("expr: {msg}\n"))?;
            Ok(Some(status))
        }
    }
}
