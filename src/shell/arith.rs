//! `$(( … ))` integer arithmetic: + - * / % comparisons, parentheses, variables.

use super::interp::Shell;

pub fn eval(expr: &str, sh: &mut Shell) -> Result<i64, String> {
    let tokens = tokenize(expr)?;
    let mut p = P { t: tokens, i: 0, sh };
    let v = p.cmp()?;
    if p.i < p.t.len() {
        return Err(format!("arithmetic expression: expecting EOF: \"{expr}\""));
    }
    Ok(v)
}

fn tokenize(s: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let c: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < c.len() {
        if c[i].is_whitespace() {
            i += 1;
        } else if c[i].is_ascii_alphanumeric() || c[i] == '_' {
            let start = i;
            while i < c.len() && (c[i].is_ascii_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            out.push(c[start..i].iter().collect());
        } else {
            let two: String = c[i..(i + 2).min(c.len())].iter().collect();
            if ["==", "!=", "<=", ">=", "&&", "||"].contains(&two.as_str()) {
                out.push(two);
                i += 2;
            } else {
                out.push(c[i].to_string());
                i += 1;
            }
        }
    }
    Ok(out)
}

struct P<'s, 'a, 'b> {
    t: Vec<String>,
    i: usize,
    sh: &'s mut Shell<'a, 'b>,
}

impl P<'_, '_, '_> {
    fn peek(&self) -> Option<&str> {
        self.t.get(self.i).map(String::as_str)
    }
    fn cmp(&mut self) -> Result<i64, String> {
        let mut l = self.add()?;
        while let Some(op) = self.peek().map(str::to_string) {
            if !["==", "!=", "<", ">", "<=", ">="].contains(&op.as_str()) {
                break;
            }
            self.i += 1;
            let r = self.add()?;
            l = i64::from(match op.as_str() { "==" => l == r, "!=" => l != r, "<" => l < r, ">" => l > r, "<=" => l <= r, _ => l >= r });
        }
        Ok(l)
    }
    fn add(&mut self) -> Result<i64, String> {
        let mut l = self.mul()?;
        while let Some(op) = self.peek().map(str::to_string) {
            if op != "+" && op != "-" {
                break;
            }
            self.i += 1;
            let r = self.mul()?;
            l = if op == "+" { l.wrapping_add(r) } else { l.wrapping_sub(r) };
        }
        Ok(l)
    }
    fn mul(&mut self) -> Result<i64, String> {
        let mut l = self.unary()?;
        while let Some(op) = self.peek().map(str::to_string) {
            if !["*", "/", "%"].contains(&op.as_str()) {
                break;
            }
            self.i += 1;
            let r = self.unary()?;
            if op != "*" && r == 0 {
                return Err("arithmetic expression: division by zero".into());
            }
            l = match op.as_str() { "*" => l.wrapping_mul(r), "/" => l.wrapping_div(r), _ => l.wrapping_rem(r) };
        }
        Ok(l)
    }
    fn unary(&mut self) -> Result<i64, String> {
        match self.peek() {
            Some("-") => { self.i += 1; Ok(self.unary()?.wrapping_neg()) }
            Some("+") => { self.i += 1; self.unary() }
            Some("!") => { self.i += 1; Ok(i64::from(self.unary()? == 0)) }
            Some("(") => {
                self.i += 1;
                let v = self.cmp()?;
                if self.peek() != Some(")") {
                    return Err("arithmetic expression: expecting ')'".into());
                }
                self.i += 1;
                Ok(v)
            }
            Some(tok) => {
                let tok = tok.to_string();
                self.i += 1;
                if let Ok(n) = tok.parse::<i64>() {
                    Ok(n)
                } else if tok.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_') {
                    Ok(self.sh.var(&tok).and_then(|v| v.trim().parse().ok()).unwrap_or(0))
                } else {
                    Err(format!("arithmetic expression: expecting primary: \"{tok}\""))
                }
            }
            None => Err("arithmetic expression: expecting primary".into()),
        }
    }
}
