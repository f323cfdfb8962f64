//! Shell arithmetic (`$(( … ))`, bash's `(( … ))` and `let`): C's integer
//! operators with assignment, `++`/`--`, `?:`, `,`, bases (`0x1f`, `017`,
//! `2#101`) and variables (a variable holding an expression is evaluated).
//!
//! It evaluates while it parses, as bash does: a `noeval` count skips the
//! side effects of the branch not taken. Chains of one precedence loop;
//! only parentheses, unary operators and right-associative operators
//! recurse, and [`DEPTH_LIMIT`] bounds that.

use super::interp::Shell;
use super::Flavor;

/// Nesting of parentheses, unary operators and variable indirections.
/// (bash allows 1024; the simulator's stack, 1 MB in the browser, fewer.)
pub const DEPTH_LIMIT: u32 = 200;

/// Evaluates `expr`; the error is worded for the shell's flavour.
pub fn eval(expr: &str, sh: &mut Shell) -> Result<i64, String> {
    eval_depth(expr, sh, 0)
}

fn eval_depth(expr: &str, sh: &mut Shell, depth: u32) -> Result<i64, String> {
    let flavor = sh.flavor();
    let mut p = P { s: expr.chars().collect(), i: 0, sh, noeval: 0, depth, tok_start: 0, last_op: 0 };
    let r = p.full();
    r.map_err(|e| p.word(e, expr, flavor))
}

/// What went wrong, before it is worded.
enum E {
    DivZero,
    Operand,
    Syntax,
    Missing(char),
    Recursion,
    BadNumber(String),
    /// Already worded (a nested variable's error).
    Raw(String),
}

struct P<'s, 'a, 'b> {
    s: Vec<char>,
    i: usize,
    sh: &'s mut Shell<'a, 'b>,
    /// >0 while parsing a branch that is not taken.
    noeval: u32,
    depth: u32,
    /// Where the token that failed starts (bash's "error token").
    tok_start: usize,
    /// Where the last operator read starts (the error token of a missing operand).
    last_op: usize,
}

/// Binary operators by precedence level, lowest first.
const LEVELS: &[&[&str]] =
    &[&["||"], &["&&"], &["|"], &["^"], &["&"], &["==", "!="], &["<=", ">=", "<", ">"], &["<<", ">>"], &["+", "-"], &["*", "/", "%"]];

const ASSIGN_OPS: &[&str] = &["<<=", ">>=", "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "="];

impl P<'_, '_, '_> {
    fn word(&self, e: E, expr: &str, flavor: Flavor) -> String {
        let rest: String = self.s[self.tok_start.min(self.s.len())..].iter().collect();
        match flavor {
            Flavor::Bash => {
                let what = match e {
                    E::DivZero => "division by 0".to_string(),
                    E::Operand => "syntax error: operand expected".into(),
                    E::Syntax => "syntax error in expression".into(),
                    E::Missing(c) => format!("missing `{c}'"),
                    E::Recursion => "expression recursion level exceeded".into(),
                    E::BadNumber(n) => return format!("{n}: value too great for base (error token is \"{n}\")"),
                    E::Raw(m) => return m,
                };
                format!("{}: {what} (error token is \"{rest}\")", expr.trim_start())
            }
            _ => match e {
                E::DivZero if flavor == Flavor::Busybox => "arithmetic syntax error: divide by zero".into(),
                E::DivZero => "arithmetic expression: division by zero: \"".to_string() + expr + "\"",
                E::Raw(m) => m,
                E::Recursion => format!("arithmetic expression: nesting deeper than {DEPTH_LIMIT}: \"{expr}\""),
                _ if flavor == Flavor::Busybox => "arithmetic syntax error".into(),
                E::Missing(_) => format!("arithmetic expression: expecting ')': \"{expr}\""),
                E::BadNumber(_) | E::Operand => format!("arithmetic expression: expecting primary: \"{expr}\""),
                E::Syntax => format!("arithmetic expression: expecting EOF: \"{expr}\""),
            },
        }
    }

    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_whitespace() {
            self.i += 1;
        }
    }

    /// Whether `op` is next (and not the start of a longer operator).
    fn peek_op(&mut self, op: &str) -> bool {
        self.ws();
        let n = op.chars().count();
        if self.i + n > self.s.len() || !self.s[self.i..self.i + n].iter().copied().eq(op.chars()) {
            return false;
        }
        let next = self.s.get(self.i + n).copied();
        // `<` is not `<<` or `<=`; `=` is not `==`; `&` is not `&&`; `*` is not `**`.
        match (op, next) {
            ("<" | "<<", Some('<' | '=')) | (">" | ">>", Some('>' | '=')) => false,
            ("=", Some('=')) | ("!", Some('=')) => false,
            ("&" | "|", Some(c)) if c == op.chars().next().unwrap_or(' ') || c == '=' => false,
            ("*", Some('*' | '=')) | ("^", Some('=')) | ("+" | "-" | "/" | "%", Some('=')) => false,
            ("+", Some('+')) | ("-", Some('-')) => false,
            _ => true,
        }
    }

    fn eat(&mut self, op: &str) -> bool {
        if self.peek_op(op) {
            self.i += op.chars().count();
            true
        } else {
            false
        }
    }

    fn full(&mut self) -> Result<i64, E> {
        self.ws();
        if self.i >= self.s.len() {
            return Ok(0);
        }
        let v = self.comma()?;
        self.ws();
        if self.i < self.s.len() {
            self.tok_start = self.i;
            return Err(E::Syntax);
        }
        Ok(v)
    }

    fn comma(&mut self) -> Result<i64, E> {
        let mut v = self.assign()?;
        while self.eat(",") {
            v = self.assign()?;
        }
        Ok(v)
    }

    fn deeper(&mut self) -> Result<(), E> {
        self.depth += 1;
        if self.depth > DEPTH_LIMIT {
            self.tok_start = self.i;
            return Err(E::Recursion);
        }
        Ok(())
    }

    fn assign(&mut self) -> Result<i64, E> {
        // NAME op= expr
        self.ws();
        let save = self.i;
        if let Some(name) = self.lvalue()? {
            self.ws();
            for op in ASSIGN_OPS {
                if self.peek_op(op) || (*op == "=" && self.s.get(self.i) == Some(&'=') && self.s.get(self.i + 1) != Some(&'=')) {
                    self.i += op.chars().count();
                    self.deeper()?;
                    let rhs = self.assign()?;
                    self.depth -= 1;
                    let value = if *op == "=" {
                        rhs
                    } else {
                        let cur = self.get_var(&name)?;
                        self.binop(&op[..op.len() - 1], cur, rhs)?
                    };
                    if self.noeval == 0 {
                        self.set_var(&name, value);
                    }
                    return Ok(value);
                }
            }
            self.i = save;
        }
        self.ternary()
    }

    fn ternary(&mut self) -> Result<i64, E> {
        let c = self.binary(0)?;
        if !self.eat("?") {
            return Ok(c);
        }
        self.deeper()?;
        if c == 0 {
            self.noeval += 1;
        }
        let a = self.comma()?;
        if c == 0 {
            self.noeval -= 1;
        }
        if !self.eat(":") {
            self.tok_start = self.i;
            return Err(E::Missing(':'));
        }
        if c != 0 {
            self.noeval += 1;
        }
        let b = self.assign()?;
        if c != 0 {
            self.noeval -= 1;
        }
        self.depth -= 1;
        Ok(if c != 0 { a } else { b })
    }

    fn binary(&mut self, level: usize) -> Result<i64, E> {
        if level == LEVELS.len() {
            return self.power();
        }
        let mut l = self.binary(level + 1)?;
        loop {
            let Some(op) = LEVELS[level].iter().find(|op| self.peek_op(op)) else { return Ok(l) };
            let start = self.i;
            self.last_op = start;
            self.i += op.len();
            let short = (*op == "&&" && l == 0) || (*op == "||" && l != 0);
            if short {
                self.noeval += 1;
            }
            let r = self.binary(level + 1)?;
            if short {
                self.noeval -= 1;
            }
            self.tok_start = start + op.len();
            l = match *op {
                "&&" => i64::from(l != 0 && r != 0),
                "||" => i64::from(l != 0 || r != 0),
                _ => {
                    let after = self.i;
                    // bash's error token for division by zero is the divisor's text.
                    self.tok_start = start + op.len();
                    while self.tok_start < after && self.s[self.tok_start].is_whitespace() {
                        self.tok_start += 1;
                    }
                    self.binop(op, l, r)?
                }
            };
        }
    }

    fn binop(&mut self, op: &str, l: i64, r: i64) -> Result<i64, E> {
        Ok(match op {
            "|" => l | r,
            "^" => l ^ r,
            "&" => l & r,
            "==" => i64::from(l == r),
            "!=" => i64::from(l != r),
            "<=" => i64::from(l <= r),
            ">=" => i64::from(l >= r),
            "<" => i64::from(l < r),
            ">" => i64::from(l > r),
            "<<" => l.wrapping_shl(r as u32),
            ">>" => l.wrapping_shr(r as u32),
            "+" => l.wrapping_add(r),
            "-" => l.wrapping_sub(r),
            "*" => l.wrapping_mul(r),
            "/" | "%" if r == 0 && self.noeval == 0 => return Err(E::DivZero),
            "/" | "%" if r == 0 => 0,
            "/" => l.wrapping_div(r),
            "%" => l.wrapping_rem(r),
            _ => return Err(E::Syntax),
        })
    }

    fn power(&mut self) -> Result<i64, E> {
        let base = self.unary()?;
        if self.eat("**") {
            self.deeper()?;
            let exp = self.power()?;
            self.depth -= 1;
            if exp < 0 {
                return Err(E::Raw("exponent less than 0".into()));
            }
            let mut v: i64 = 1;
            for _ in 0..exp.min(64) {
                v = v.wrapping_mul(base);
            }
            if exp > 64 {
                v = if base == 1 {
                    1
                } else if base == -1 {
                    if exp % 2 == 0 {
                        1
                    } else {
                        -1
                    }
                } else if base == 0 {
                    0
                } else {
                    base.wrapping_pow(exp as u32)
                };
            }
            return Ok(v);
        }
        Ok(base)
    }

    fn unary(&mut self) -> Result<i64, E> {
        self.ws();
        for op in ["++", "--"] {
            if self.s[self.i.min(self.s.len())..].starts_with(&[op.as_bytes()[0] as char, op.as_bytes()[1] as char]) {
                let save = self.i;
                self.i += 2;
                self.ws();
                if let Some(name) = self.lvalue()? {
                    let v = self.get_var(&name)? + if op == "++" { 1 } else { -1 };
                    if self.noeval == 0 {
                        self.set_var(&name, v);
                    }
                    return Ok(v);
                }
                self.i = save;
            }
        }
        for op in ["!", "~", "-", "+"] {
            if self.peek_op(op)
                || (op == "-" && self.s.get(self.i) == Some(&'-') && self.s.get(self.i + 1) != Some(&'='))
                || (op == "+" && self.s.get(self.i) == Some(&'+') && self.s.get(self.i + 1) != Some(&'='))
            {
                self.i += 1;
                self.deeper()?;
                let v = self.unary()?;
                self.depth -= 1;
                return Ok(match op {
                    "!" => i64::from(v == 0),
                    "~" => !v,
                    "-" => v.wrapping_neg(),
                    _ => v,
                });
            }
        }
        self.postfix()
    }

    fn postfix(&mut self) -> Result<i64, E> {
        self.ws();
        let save = self.i;
        if let Some(name) = self.lvalue()? {
            self.ws();
            let rest: String = self.s[self.i..(self.i + 2).min(self.s.len())].iter().collect();
            if rest == "++" || rest == "--" {
                self.i += 2;
                let v = self.get_var(&name)?;
                if self.noeval == 0 {
                    self.set_var(&name, v + if rest == "++" { 1 } else { -1 });
                }
                return Ok(v);
            }
            return self.get_var(&name);
        }
        self.i = save;
        self.primary()
    }

    fn primary(&mut self) -> Result<i64, E> {
        self.ws();
        self.tok_start = self.i;
        match self.s.get(self.i) {
            None => {
                self.tok_start = self.last_op;
                Err(E::Operand)
            }
            Some('(') => {
                self.i += 1;
                self.deeper()?;
                let v = self.comma()?;
                self.depth -= 1;
                if !self.eat(")") {
                    self.tok_start = self.i;
                    return Err(E::Missing(')'));
                }
                Ok(v)
            }
            Some(c) if c.is_ascii_digit() => {
                let start = self.i;
                while self.i < self.s.len()
                    && (self.s[self.i].is_ascii_alphanumeric() || self.s[self.i] == '#' || self.s[self.i] == '_' || self.s[self.i] == '@')
                {
                    self.i += 1;
                }
                let text: String = self.s[start..self.i].iter().collect();
                parse_number(&text).ok_or(E::BadNumber(text))
            }
            Some(_) => Err(E::Operand),
        }
    }

    /// A variable name (with an optional `[subscript]`) at the cursor.
    fn lvalue(&mut self) -> Result<Option<String>, E> {
        let start = self.i;
        if !self.s.get(self.i).is_some_and(|c| c.is_ascii_alphabetic() || *c == '_') {
            return Ok(None);
        }
        while self.i < self.s.len() && (self.s[self.i].is_ascii_alphanumeric() || self.s[self.i] == '_') {
            self.i += 1;
        }
        let mut name: String = self.s[start..self.i].iter().collect();
        if self.s.get(self.i) == Some(&'[') {
            let mut depth = 0;
            let open = self.i;
            while self.i < self.s.len() {
                match self.s[self.i] {
                    '[' => depth += 1,
                    ']' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                self.i += 1;
            }
            if self.i >= self.s.len() {
                self.tok_start = open;
                return Err(E::Missing(']'));
            }
            self.i += 1;
            let sub: String = self.s[open + 1..self.i - 1].iter().collect();
            // The subscript of an indexed array is itself arithmetic.
            let key = if self.sh.is_assoc(&name) {
                self.sh.expand_word(&sub).unwrap_or(sub)
            } else {
                self.deeper()?;
                let v = eval_depth(&sub, self.sh, self.depth).map_err(E::Raw)?;
                self.depth -= 1;
                v.to_string()
            };
            name = format!("{name}[{key}]");
        }
        Ok(Some(name))
    }

    fn get_var(&mut self, name: &str) -> Result<i64, E> {
        let raw = self.sh.arith_var(name).unwrap_or_default();
        let text = raw.trim();
        if text.is_empty() {
            return Ok(0);
        }
        if let Some(n) = parse_number(text) {
            return Ok(n);
        }
        if self.noeval > 0 {
            return Ok(0);
        }
        // A variable holding an expression: evaluate it (bounded like nesting).
        self.deeper()?;
        let v = eval_depth(text, self.sh, self.depth).map_err(E::Raw);
        self.depth -= 1;
        v
    }

    fn set_var(&mut self, name: &str, value: i64) {
        self.sh.arith_assign(name, &value.to_string());
    }
}

/// `42`, `0x2a`, `052`, `2#101010`, `36#z`.
pub fn parse_number(text: &str) -> Option<i64> {
    if let Some((base, digits)) = text.split_once('#') {
        let base: u32 = base.parse().ok().filter(|b| (2..=64).contains(b))?;
        let mut v: i64 = 0;
        for c in digits.chars() {
            let d = match c {
                '0'..='9' => c as u32 - '0' as u32,
                'a'..='z' => c as u32 - 'a' as u32 + 10,
                'A'..='Z' if base <= 36 => c as u32 - 'A' as u32 + 10,
                'A'..='Z' => c as u32 - 'A' as u32 + 36,
                '@' => 62,
                '_' => 63,
                _ => return None,
            };
            if d >= base {
                return None;
            }
            v = v.wrapping_mul(i64::from(base)).wrapping_add(i64::from(d));
        }
        return (!digits.is_empty()).then_some(v);
    }
    if let Some(hex) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        return u64::from_str_radix(hex, 16).ok().map(|v| v as i64);
    }
    if text.len() > 1 && text.starts_with('0') {
        return u64::from_str_radix(&text[1..], 8).ok().map(|v| v as i64);
    }
    if text.chars().all(|c| c.is_ascii_digit()) {
        return Some(text.parse::<u64>().map_or(i64::MAX, |v| v as i64));
    }
    if let Some(neg) = text.strip_prefix('-') {
        return parse_number(neg).map(i64::wrapping_neg);
    }
    None
}
