//! jq: the filters tutorials use — `.`, `.a.b`, `.[0]`, `.[]`, `|`, `,`,
//! comparisons, `and`/`or`, `//`, object and array construction, and the
//! builtins `keys length select map has type add sort sort_by unique
//! reverse first last to_entries from_entries join split tostring tonumber
//! not empty min max ascii_downcase ascii_upcase map_values values`;
//! options `-r -c -n -e -s`. Errors are jq's.

use super::Prog;
use crate::shell::interp::{Flow, Shell};
use serde_json::{Map, Value};

type Out = Result<Option<i32>, Flow>;

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    if prog.name != "jq" {
        return Ok(None);
    }
    let (mut raw, mut compact, mut null_input, mut exit_status, mut slurp, mut join) = (false, false, false, false, false, false);
    let mut filter = None;
    let mut files = Vec::new();
    let mut vars: Vec<(String, Value)> = Vec::new();
    let mut it = argv[1..].iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--arg" => {
                if let (Some(k), Some(v)) = (it.next(), it.next()) {
                    vars.push((k.clone(), Value::String(v.clone())));
                }
            }
            "--version" => {
                // The installed package's (Debian 12 and Ubuntu 22.04: 1.6, 24.04: 1.7.1).
                let fallback = if sh.fs().exists("/etc/debian_version") { "1.6" } else { "1.7.1" };
                let version = super::packages::installed_version(sh, &["jq"], "jq").unwrap_or_else(|| fallback.into());
                sh.out_str(&format!("jq-{version}\n"))?;
                return Ok(Some(0));
            }
            "--raw-output" => raw = true,
            "--compact-output" => compact = true,
            "--null-input" => null_input = true,
            "--slurp" => slurp = true,
            "--join-output" => {
                raw = true;
                join = true;
            }
            "--help" | "-h" => {
                sh.err_str("dockersim: jq --help: not simulated (the simulator has no copy of this text)\n")?;
                return Ok(Some(1));
            }
            f if f.starts_with("--") && f.len() > 2 => {
                sh.err_str(&format!("jq: Unknown option: {f}\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.github.io/jq\n"))?;
                return Ok(Some(2));
            }
            f if f.starts_with('-') && f.len() > 1 && !f.starts_with("--") => {
                for c in f[1..].chars() {
                    match c {
                        'r' => raw = true,
                        'c' => compact = true,
                        'n' => null_input = true,
                        'e' => exit_status = true,
                        's' => slurp = true,
                        'j' => {
                            raw = true;
                            join = true;
                        }
                        'M' | 'C' | 'S' => {}
                        _ => {
                            sh.err_str(&format!("jq: Unknown option: {f}\n"))?;
                            return Ok(Some(2));
                        }
                    }
                }
            }
            x if filter.is_none() => filter = Some(x.to_string()),
            x => files.push(x.to_string()),
        }
    }
    let Some(filter) = filter else {
        sh.err_str("Usage:\tjq [OPTIONS] FILTER [FILES...]\n")?;
        return Ok(Some(2));
    };
    let expr = match ParserInit::new(&filter).parse_all() {
        Ok(e) => e,
        Err(msg) => {
            sh.err_str(&format!("jq: error: {msg}\njq: 1 compile error\n"))?;
            return Ok(Some(3));
        }
    };
    let mut text = String::new();
    if files.is_empty() {
        text = String::from_utf8_lossy(&sh.stdin).into_owned();
    } else {
        for f in &files {
            match sh.fs().read(&sh.abs(f)) {
                Ok(b) => text.push_str(&String::from_utf8_lossy(&b)),
                Err(e) => {
                    sh.err_str(&format!("jq: error: Could not open {f}: {}\n", e.reason()))?;
                    return Ok(Some(2));
                }
            }
        }
    }
    // jq 1.6 (Debian, Ubuntu) and 1.7 (Alpine) word some errors differently.
    let v16 = sh.fs().exists("/etc/debian_version");
    let source = files.first().cloned().unwrap_or_else(|| "<stdin>".into());
    let mut inputs: Vec<Value> = Vec::new();
    let mut lines: Vec<usize> = Vec::new();
    if null_input {
        inputs.push(Value::Null);
        lines.push(0);
    } else {
        let mut stream = serde_json::Deserializer::from_str(&text).into_iter::<Value>();
        loop {
            match stream.next() {
                Some(Ok(v)) => {
                    inputs.push(v);
                    lines.push(1 + text[..stream.byte_offset().min(text.len())].matches('\n').count());
                }
                Some(Err(e)) => {
                    let msg = format!("parse error: Invalid numeric literal at line {}, column {}\n", e.line(), e.column());
                    let done = flush(sh, &expr, &inputs, &lines, &source, v16, &vars, raw, compact, join)?;
                    let _ = done;
                    sh.err_str(&msg)?;
                    return Ok(Some(2));
                }
                None => break,
            }
        }
        if slurp {
            inputs = vec![Value::Array(inputs)];
            lines = vec![lines.last().copied().unwrap_or(0)];
        }
    }
    match flush(sh, &expr, &inputs, &lines, &source, v16, &vars, raw, compact, join)? {
        Err(status) => Ok(Some(status)),
        Ok(last) => Ok(Some(if exit_status {
            if matches!(last, Some(Value::Null) | Some(Value::Bool(false))) {
                1
            } else if last.is_none() {
                4
            } else {
                0
            }
        } else {
            0
        })),
    }
}

#[allow(clippy::too_many_arguments)]
fn flush(
    sh: &mut Shell,
    expr: &Expr,
    inputs: &[Value],
    lines: &[usize],
    source: &str,
    v16: bool,
    vars: &[(String, Value)],
    raw: bool,
    compact: bool,
    join: bool,
) -> Result<Result<Option<Value>, i32>, Flow> {
    let mut last = None;
    for (n, input) in inputs.iter().enumerate() {
        let mut env = Env { vars: vars.to_vec(), steps: 0 };
        match eval(expr, input, &mut env) {
            Ok(outs) => {
                let mut text = String::new();
                for v in outs {
                    match (&v, raw) {
                        (Value::String(s), true) => text.push_str(s),
                        _ if compact => text.push_str(&serde_json::to_string(&v).unwrap_or_default()),
                        _ => text.push_str(&serde_json::to_string_pretty(&v).unwrap_or_default()),
                    }
                    if !join {
                        text.push('\n');
                    }
                    last = Some(v);
                }
                sh.out_str(&text)?;
            }
            Err(msg) => {
                let msg = if v16 { msg.replace(" with \"", " with string \"") } else { msg };
                sh.err_str(&format!("jq: error (at {source}:{}): {msg}\n", lines.get(n).copied().unwrap_or(n + 1)))?;
                return Ok(Err(5));
            }
        }
    }
    Ok(Ok(last))
}

#[derive(Clone, Debug)]
enum Expr {
    Identity,
    Recurse,
    Field(Box<Expr>, String, bool),
    Index(Box<Expr>, Box<Expr>, bool),
    Slice(Box<Expr>, Option<Box<Expr>>, Option<Box<Expr>>),
    Iterate(Box<Expr>, bool),
    Literal(Value),
    Pipe(Box<Expr>, Box<Expr>),
    Comma(Box<Expr>, Box<Expr>),
    Binary(String, Box<Expr>, Box<Expr>),
    Array(Option<Box<Expr>>),
    Object(Vec<(Expr, Option<Expr>)>),
    Call(String, Vec<Expr>),
    Var(String),
    If(Box<Expr>, Box<Expr>, Option<Box<Expr>>),
    As(Box<Expr>, String, Box<Expr>),
}

struct Parser {
    toks: Vec<String>,
    pos: usize,
}

fn tokenize(s: &str) -> Result<Vec<String>, String> {
    let chars: Vec<char> = s.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '#' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '"' {
            let mut t = String::from("\"");
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' && i + 1 < chars.len() {
                    t.push(chars[i]);
                    i += 1;
                }
                t.push(chars[i]);
                i += 1;
            }
            if i >= chars.len() {
                return Err("syntax error, unexpected end of file, expecting QQSTRING_TEXT or QQSTRING_INTERP_START or QQSTRING_END (Unix shell quoting issues?) at <top-level>, line 1:".into());
            }
            t.push('"');
            toks.push(t);
            i += 1;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.' || chars[i] == 'e' || chars[i] == 'E') {
                i += 1;
            }
            toks.push(chars[start..i].iter().collect());
        } else if c.is_alphabetic()
            || c == '_'
            || c == '$'
            || (c == '.' && chars.get(i + 1).is_some_and(|n| n.is_alphabetic() || *n == '_'))
        {
            let start = i;
            i += 1;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_' || (chars[i] == ':' && chars.get(i + 1) == Some(&':')))
            {
                i += 1;
            }
            toks.push(chars[start..i].iter().collect());
        } else {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            if ["==", "!=", "<=", ">=", "//", "..", "|="].contains(&two.as_str()) {
                toks.push(two);
                i += 2;
            } else {
                toks.push(c.to_string());
                i += 1;
            }
        }
    }
    Ok(toks)
}

impl Parser {
    fn peek(&self) -> Option<&str> {
        self.toks.get(self.pos).map(String::as_str)
    }
    fn eat(&mut self, t: &str) -> bool {
        if self.peek() == Some(t) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn expect(&mut self, t: &str) -> Result<(), String> {
        if self.eat(t) {
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }
    fn unexpected(&self) -> String {
        match self.peek() {
            Some(t) => format!("syntax error, unexpected {t} (Unix shell quoting issues?) at <top-level>, line 1:"),
            None => "syntax error, unexpected $end (Unix shell quoting issues?) at <top-level>, line 1:".into(),
        }
    }
    fn pipe(&mut self) -> Result<Expr, String> {
        let mut left = self.comma()?;
        if self.eat("as") {
            let var = self.peek().filter(|t| t.starts_with('$')).ok_or_else(|| self.unexpected())?.to_string();
            self.pos += 1;
            self.expect("|")?;
            let body = self.pipe()?;
            return Ok(Expr::As(Box::new(left), var, Box::new(body)));
        }
        while self.eat("|") {
            let right = self.pipe()?;
            left = Expr::Pipe(Box::new(left), Box::new(right));
        }
        Ok(left)
    }
    fn comma(&mut self) -> Result<Expr, String> {
        let mut left = self.alt()?;
        while self.eat(",") {
            let right = self.alt()?;
            left = Expr::Comma(Box::new(left), Box::new(right));
        }
        Ok(left)
    }
    fn alt(&mut self) -> Result<Expr, String> {
        let mut left = self.or()?;
        while self.eat("//") {
            let right = self.or()?;
            left = Expr::Binary("//".into(), Box::new(left), Box::new(right));
        }
        Ok(left)
    }
    fn or(&mut self) -> Result<Expr, String> {
        let mut left = self.and()?;
        while self.eat("or") {
            let right = self.and()?;
            left = Expr::Binary("or".into(), Box::new(left), Box::new(right));
        }
        Ok(left)
    }
    fn and(&mut self) -> Result<Expr, String> {
        let mut left = self.cmp()?;
        while self.eat("and") {
            let right = self.cmp()?;
            left = Expr::Binary("and".into(), Box::new(left), Box::new(right));
        }
        Ok(left)
    }
    fn cmp(&mut self) -> Result<Expr, String> {
        let left = self.add()?;
        for op in ["==", "!=", "<=", ">=", "<", ">"] {
            if self.eat(op) {
                let right = self.add()?;
                return Ok(Expr::Binary(op.into(), Box::new(left), Box::new(right)));
            }
        }
        Ok(left)
    }
    fn add(&mut self) -> Result<Expr, String> {
        let mut left = self.mul()?;
        loop {
            let op = if self.eat("+") {
                "+"
            } else if self.eat("-") {
                "-"
            } else {
                break;
            };
            let right = self.mul()?;
            left = Expr::Binary(op.into(), Box::new(left), Box::new(right));
        }
        Ok(left)
    }
    fn mul(&mut self) -> Result<Expr, String> {
        let mut left = self.postfix()?;
        loop {
            let op = if self.eat("*") {
                "*"
            } else if self.eat("/") {
                "/"
            } else if self.eat("%") {
                "%"
            } else {
                break;
            };
            let right = self.postfix()?;
            left = Expr::Binary(op.into(), Box::new(left), Box::new(right));
        }
        Ok(left)
    }
    fn postfix(&mut self) -> Result<Expr, String> {
        let mut e = self.primary()?;
        loop {
            if let Some(t) = self.peek().filter(|t| t.starts_with('.') && t.len() > 1 && *t != "..") {
                let name = t[1..].to_string();
                self.pos += 1;
                let opt = self.eat("?");
                e = Expr::Field(Box::new(e), name, opt);
            } else if self.peek() == Some(".") && self.toks.get(self.pos + 1).is_some_and(|t| t.starts_with('"')) {
                self.pos += 1;
                let key = unquote(&self.toks[self.pos])?;
                self.pos += 1;
                e = Expr::Field(Box::new(e), key, self.eat("?"));
            } else if self.peek() == Some("[") || (self.peek() == Some(".") && self.toks.get(self.pos + 1).map(String::as_str) == Some("["))
            {
                if self.peek() == Some(".") {
                    self.pos += 1;
                }
                self.pos += 1;
                if self.eat("]") {
                    let opt = self.eat("?");
                    e = Expr::Iterate(Box::new(e), opt);
                    continue;
                }
                if self.eat(":") {
                    let hi = self.pipe()?;
                    self.expect("]")?;
                    e = Expr::Slice(Box::new(e), None, Some(Box::new(hi)));
                    continue;
                }
                let idx = self.pipe()?;
                if self.eat(":") {
                    let hi = if self.peek() == Some("]") { None } else { Some(Box::new(self.pipe()?)) };
                    self.expect("]")?;
                    e = Expr::Slice(Box::new(e), Some(Box::new(idx)), hi);
                    continue;
                }
                self.expect("]")?;
                let opt = self.eat("?");
                e = Expr::Index(Box::new(e), Box::new(idx), opt);
            } else {
                break;
            }
        }
        Ok(e)
    }
    fn primary(&mut self) -> Result<Expr, String> {
        let Some(t) = self.peek().map(str::to_string) else { return Err(self.unexpected()) };
        self.pos += 1;
        match t.as_str() {
            "." => Ok(Expr::Identity),
            ".." => Ok(Expr::Recurse),
            "(" => {
                let e = self.pipe()?;
                self.expect(")")?;
                Ok(e)
            }
            "[" => {
                if self.eat("]") {
                    return Ok(Expr::Array(None));
                }
                let e = self.pipe()?;
                self.expect("]")?;
                Ok(Expr::Array(Some(Box::new(e))))
            }
            "{" => {
                let mut fields = Vec::new();
                while !self.eat("}") {
                    let key_tok = self.peek().map(str::to_string).ok_or_else(|| self.unexpected())?;
                    self.pos += 1;
                    let key = if key_tok == "(" {
                        let k = self.pipe()?;
                        self.expect(")")?;
                        k
                    } else if key_tok.starts_with('"') {
                        Expr::Literal(Value::String(unquote(&key_tok)?))
                    } else if let Some(v) = key_tok.strip_prefix('$') {
                        fields.push((Expr::Literal(Value::String(v.to_string())), Some(Expr::Var(key_tok.clone()))));
                        if !self.eat(",") {
                            self.expect("}")?;
                            break;
                        }
                        continue;
                    } else {
                        Expr::Literal(Value::String(key_tok.clone()))
                    };
                    let value = if self.eat(":") { Some(self.alt_no_comma()?) } else { None };
                    fields.push((key, value));
                    if !self.eat(",") {
                        self.expect("}")?;
                        break;
                    }
                }
                Ok(Expr::Object(fields))
            }
            "-" => {
                let e = self.postfix()?;
                Ok(Expr::Binary("-".into(), Box::new(Expr::Literal(Value::from(0))), Box::new(e)))
            }
            "if" => {
                let cond = self.pipe()?;
                self.expect("then")?;
                let then = self.pipe()?;
                let mut other = None;
                if self.eat("elif") {
                    self.pos -= 1;
                    self.toks[self.pos] = "if".into();
                    other = Some(Box::new(self.primary()?));
                    return Ok(Expr::If(Box::new(cond), Box::new(then), other));
                }
                if self.eat("else") {
                    other = Some(Box::new(self.pipe()?));
                }
                self.expect("end")?;
                Ok(Expr::If(Box::new(cond), Box::new(then), other))
            }
            s if s.starts_with('"') => Ok(Expr::Literal(Value::String(unquote(s)?))),
            s if s.starts_with('$') => Ok(Expr::Var(s.to_string())),
            s if s.starts_with(|c: char| c.is_ascii_digit()) => s.parse::<f64>().map(num).map(Expr::Literal).map_err(|_| self.unexpected()),
            s if s.starts_with('.') => {
                // `.foo` at the start of a term.
                let opt = self.eat("?");
                Ok(Expr::Field(Box::new(Expr::Identity), s[1..].to_string(), opt))
            }
            "true" => Ok(Expr::Literal(Value::Bool(true))),
            "false" => Ok(Expr::Literal(Value::Bool(false))),
            "null" => Ok(Expr::Literal(Value::Null)),
            s if s.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_') => {
                let mut args = Vec::new();
                if self.eat("(") {
                    loop {
                        args.push(self.pipe_no_semicolon()?);
                        if self.eat(";") {
                            continue;
                        }
                        self.expect(")")?;
                        break;
                    }
                }
                Ok(Expr::Call(s.to_string(), args))
            }
            _ => {
                self.pos -= 1;
                Err(self.unexpected())
            }
        }
    }
    fn alt_no_comma(&mut self) -> Result<Expr, String> {
        let mut e = self.alt()?;
        while self.eat("|") {
            let r = self.alt()?;
            e = Expr::Pipe(Box::new(e), Box::new(r));
        }
        Ok(e)
    }
    fn pipe_no_semicolon(&mut self) -> Result<Expr, String> {
        self.pipe()
    }
}

struct ParserInit(String);

impl ParserInit {
    fn new(s: &str) -> ParserInit {
        ParserInit(s.to_string())
    }

    fn parse_all(self) -> Result<Expr, String> {
        let toks = tokenize(&self.0)?;
        let mut p = Parser { toks, pos: 0 };
        if p.toks.is_empty() {
            return Ok(Expr::Identity);
        }
        let e = p.pipe()?;
        if p.pos < p.toks.len() {
            return Err(p.unexpected());
        }
        Ok(e)
    }
}

fn unquote(t: &str) -> Result<String, String> {
    serde_json::from_str::<String>(t).map_err(|_| format!("syntax error, unexpected INVALID_CHARACTER in {t}"))
}

fn num(f: f64) -> Value {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        Value::from(f as i64)
    } else {
        serde_json::Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null)
    }
}

struct Env {
    vars: Vec<(String, Value)>,
    steps: usize,
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn truthy(v: &Value) -> bool {
    !matches!(v, Value::Null | Value::Bool(false))
}

/// A value as jq shows it in error messages (`"abc"`, `{"a":1}` truncated).
fn shown(v: &Value) -> String {
    let s = serde_json::to_string(v).unwrap_or_default();
    if s.len() > 11 {
        format!("{}...", &s[..s.char_indices().nth(10).map_or(s.len(), |(i, _)| i)])
    } else {
        s
    }
}

fn order(v: &Value) -> u8 {
    match v {
        Value::Null => 0,
        Value::Bool(false) => 1,
        Value::Bool(true) => 2,
        Value::Number(_) => 3,
        Value::String(_) => 4,
        Value::Array(_) => 5,
        Value::Object(_) => 6,
    }
}

fn compare(a: &Value, b: &Value) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            x.as_f64().unwrap_or(0.0).partial_cmp(&y.as_f64().unwrap_or(0.0)).unwrap_or(Ordering::Equal)
        }
        (Value::String(x), Value::String(y)) => x.cmp(y),
        (Value::Array(x), Value::Array(y)) => {
            x.iter().zip(y).map(|(p, q)| compare(p, q)).find(|o| o.is_ne()).unwrap_or(x.len().cmp(&y.len()))
        }
        (Value::Object(x), Value::Object(y)) => {
            let mut kx: Vec<&String> = x.keys().collect();
            let mut ky: Vec<&String> = y.keys().collect();
            kx.sort();
            ky.sort();
            kx.cmp(&ky).then_with(|| kx.iter().map(|k| compare(&x[*k], &y[*k])).find(|o| o.is_ne()).unwrap_or(Ordering::Equal))
        }
        _ => order(a).cmp(&order(b)),
    }
}

fn eval(e: &Expr, input: &Value, env: &mut Env) -> Result<Vec<Value>, String> {
    env.steps += 1;
    if env.steps > 200_000 {
        return Err("dockersim: jq program stopped after 200000 steps".into());
    }
    Ok(match e {
        Expr::Identity => vec![input.clone()],
        Expr::Recurse => {
            let mut out = Vec::new();
            fn walk(v: &Value, out: &mut Vec<Value>) {
                out.push(v.clone());
                match v {
                    Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
                    Value::Object(o) => o.values().for_each(|x| walk(x, out)),
                    _ => {}
                }
            }
            walk(input, &mut out);
            out
        }
        Expr::Literal(v) => vec![v.clone()],
        Expr::Var(name) => match name.as_str() {
            "$ENV" | "$__loc__" => vec![Value::Object(Map::new())],
            _ => vec![env
                .vars
                .iter()
                .rev()
                .find(|(k, _)| format!("${k}") == *name || k == name)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| format!("{name} is not defined"))?],
        },
        Expr::Field(base, name, opt) => {
            let mut out = Vec::new();
            for v in eval(base, input, env)? {
                match &v {
                    Value::Object(o) => out.push(o.get(name).cloned().unwrap_or(Value::Null)),
                    Value::Null => out.push(Value::Null),
                    other if *opt => {
                        let _ = other;
                    }
                    other => return Err(format!("Cannot index {} with \"{name}\"", type_name(other))),
                }
            }
            out
        }
        Expr::Index(base, idx, opt) => {
            let mut out = Vec::new();
            for v in eval(base, input, env)? {
                for i in eval(idx, input, env)? {
                    match (&v, &i) {
                        (Value::Array(a), Value::Number(n)) => {
                            let n = n.as_f64().unwrap_or(0.0).floor() as i64;
                            let at = if n < 0 { a.len() as i64 + n } else { n };
                            out.push(if at >= 0 { a.get(at as usize).cloned().unwrap_or(Value::Null) } else { Value::Null });
                        }
                        (Value::Object(o), Value::String(k)) => out.push(o.get(k).cloned().unwrap_or(Value::Null)),
                        (Value::Null, Value::Number(_) | Value::String(_)) => out.push(Value::Null),
                        _ if *opt => {}
                        (v, Value::String(k)) => return Err(format!("Cannot index {} with \"{k}\"", type_name(v))),
                        (v, i) => return Err(format!("Cannot index {} with {}", type_name(v), type_name(i))),
                    }
                }
            }
            out
        }
        Expr::Slice(base, lo, hi) => {
            let mut out = Vec::new();
            for v in eval(base, input, env)? {
                let len = match &v {
                    Value::Array(a) => a.len(),
                    Value::String(s) => s.chars().count(),
                    Value::Null => {
                        out.push(Value::Null);
                        continue;
                    }
                    other => return Err(format!("Cannot index {} with object", type_name(other))),
                } as i64;
                let bound = |e: &Option<Box<Expr>>, env: &mut Env, dflt: i64| -> Result<i64, String> {
                    match e {
                        None => Ok(dflt),
                        Some(e) => {
                            let n = eval(e, input, env)?.first().and_then(Value::as_f64).unwrap_or(dflt as f64) as i64;
                            Ok(if n < 0 { (len + n).max(0) } else { n.min(len) })
                        }
                    }
                };
                let (a, b) = (bound(lo, env, 0)?, bound(hi, env, len)?);
                let (a, b) = (a as usize, (b.max(a)) as usize);
                out.push(match &v {
                    Value::Array(arr) => Value::Array(arr[a..b].to_vec()),
                    Value::String(s) => Value::String(s.chars().skip(a).take(b - a).collect()),
                    _ => Value::Null,
                });
            }
            out
        }
        Expr::Iterate(base, opt) => {
            let mut out = Vec::new();
            for v in eval(base, input, env)? {
                match v {
                    Value::Array(a) => out.extend(a),
                    Value::Object(o) => out.extend(o.into_iter().map(|(_, v)| v)),
                    _ if *opt => {}
                    other => {
                        return Err(format!(
                            "Cannot iterate over {}{}",
                            type_name(&other),
                            if matches!(other, Value::Null) { String::new() } else { format!(" ({})", shown(&other)) }
                        ))
                    }
                }
            }
            out
        }
        Expr::Pipe(a, b) => {
            let mut out = Vec::new();
            for v in eval(a, input, env)? {
                out.extend(eval(b, &v, env)?);
            }
            out
        }
        Expr::As(a, var, body) => {
            let mut out = Vec::new();
            for v in eval(a, input, env)? {
                env.vars.push((var.clone(), v));
                let r = eval(body, input, env);
                env.vars.pop();
                out.extend(r?);
            }
            out
        }
        Expr::Comma(a, b) => {
            let mut out = eval(a, input, env)?;
            out.extend(eval(b, input, env)?);
            out
        }
        Expr::Array(None) => vec![Value::Array(Vec::new())],
        Expr::Array(Some(inner)) => vec![Value::Array(eval(inner, input, env)?)],
        Expr::Object(fields) => {
            let mut objs = vec![Map::new()];
            for (k, v) in fields {
                let keys = eval(k, input, env)?;
                let values = match v {
                    Some(v) => eval(v, input, env)?,
                    None => {
                        let name = keys.first().and_then(Value::as_str).unwrap_or("").to_string();
                        vec![input.get(&name).cloned().unwrap_or(Value::Null)]
                    }
                };
                let mut next = Vec::new();
                for o in &objs {
                    for key in &keys {
                        let Value::String(key) = key else { return Err("Object keys must be strings".to_string()) };
                        for val in &values {
                            let mut o = o.clone();
                            o.insert(key.clone(), val.clone());
                            next.push(o);
                        }
                    }
                }
                objs = next;
            }
            objs.into_iter().map(Value::Object).collect()
        }
        Expr::If(c, t, f) => {
            let mut out = Vec::new();
            for cv in eval(c, input, env)? {
                if truthy(&cv) {
                    out.extend(eval(t, input, env)?);
                } else if let Some(f) = f {
                    out.extend(eval(f, input, env)?);
                } else {
                    out.push(input.clone());
                }
            }
            out
        }
        Expr::Binary(op, a, b) => {
            if op == "//" {
                let left: Vec<Value> = eval(a, input, env).unwrap_or_default().into_iter().filter(truthy).collect();
                return if left.is_empty() { eval(b, input, env) } else { Ok(left) };
            }
            let mut out = Vec::new();
            for r in eval(b, input, env)? {
                for l in eval(a, input, env)? {
                    out.push(binary(op, &l, &r)?);
                }
            }
            out
        }
        Expr::Call(name, args) => call(name, args, input, env)?,
    })
}

fn binary(op: &str, l: &Value, r: &Value) -> Result<Value, String> {
    Ok(match op {
        "==" => Value::Bool(compare(l, r).is_eq()),
        "!=" => Value::Bool(!compare(l, r).is_eq()),
        "<" => Value::Bool(compare(l, r).is_lt()),
        "<=" => Value::Bool(compare(l, r).is_le()),
        ">" => Value::Bool(compare(l, r).is_gt()),
        ">=" => Value::Bool(compare(l, r).is_ge()),
        "and" => Value::Bool(truthy(l) && truthy(r)),
        "or" => Value::Bool(truthy(l) || truthy(r)),
        "+" => match (l, r) {
            (Value::Null, x) | (x, Value::Null) => x.clone(),
            (Value::Number(a), Value::Number(b)) => num(a.as_f64().unwrap_or(0.0) + b.as_f64().unwrap_or(0.0)),
            (Value::String(a), Value::String(b)) => Value::String(format!("{a}{b}")),
            (Value::Array(a), Value::Array(b)) => Value::Array(a.iter().chain(b).cloned().collect()),
            (Value::Object(a), Value::Object(b)) => {
                let mut m = a.clone();
                m.extend(b.clone());
                Value::Object(m)
            }
            _ => return Err(format!("{} ({}) and {} ({}) cannot be added", type_name(l), shown(l), type_name(r), shown(r))),
        },
        "-" => match (l, r) {
            (Value::Number(a), Value::Number(b)) => num(a.as_f64().unwrap_or(0.0) - b.as_f64().unwrap_or(0.0)),
            (Value::Array(a), Value::Array(b)) => Value::Array(a.iter().filter(|x| !b.contains(x)).cloned().collect()),
            _ => return Err(format!("{} ({}) and {} ({}) cannot be subtracted", type_name(l), shown(l), type_name(r), shown(r))),
        },
        "*" | "/" | "%" => match (l, r) {
            (Value::Number(a), Value::Number(b)) => {
                let (a, b) = (a.as_f64().unwrap_or(0.0), b.as_f64().unwrap_or(0.0));
                if op != "*" && b == 0.0 {
                    return Err(format!(
                        "{} ({}) and {} ({}) cannot be divided because the divisor is zero",
                        type_name(l),
                        shown(l),
                        type_name(r),
                        shown(r)
                    ));
                }
                num(match op {
                    "*" => a * b,
                    "/" => a / b,
                    _ => ((a as i64) % (b as i64)) as f64,
                })
            }
            (Value::String(s), Value::String(sep)) if op == "/" => {
                Value::Array(s.split(sep.as_str()).map(|p| Value::String(p.to_string())).collect())
            }
            _ => {
                return Err(format!(
                    "{} ({}) and {} ({}) cannot be {}",
                    type_name(l),
                    shown(l),
                    type_name(r),
                    shown(r),
                    if op == "*" { "multiplied" } else { "divided" }
                ))
            }
        },
        _ => Value::Null,
    })
}

fn call(name: &str, args: &[Expr], input: &Value, env: &mut Env) -> Result<Vec<Value>, String> {
    let arg1 = |env: &mut Env| -> Result<Value, String> {
        args.first()
            .map(|a| eval(a, input, env))
            .transpose()?
            .and_then(|v| v.into_iter().next())
            .ok_or_else(|| format!("{name}/0 is not defined"))
    };
    let one = |v: Value| Ok(vec![v]);
    match (name, args.len()) {
        ("empty", 0) => Ok(Vec::new()),
        ("not", 0) => one(Value::Bool(!truthy(input))),
        ("length", 0) => one(match input {
            Value::Null => Value::from(0),
            Value::Bool(_) => return Err("boolean (".to_string() + &shown(input) + ") has no length"),
            Value::Number(n) => num(n.as_f64().unwrap_or(0.0).abs()),
            Value::String(s) => Value::from(s.chars().count()),
            Value::Array(a) => Value::from(a.len()),
            Value::Object(o) => Value::from(o.len()),
        }),
        ("keys" | "keys_unsorted", 0) => one(match input {
            Value::Object(o) => {
                let mut k: Vec<String> = o.keys().cloned().collect();
                if name == "keys" {
                    k.sort();
                }
                Value::Array(k.into_iter().map(Value::String).collect())
            }
            Value::Array(a) => Value::Array((0..a.len()).map(Value::from).collect()),
            other => return Err(format!("{} ({}) has no keys", type_name(other), shown(other))),
        }),
        ("values", 0) => Ok(if truthy(input) { vec![input.clone()] } else { Vec::new() }),
        ("type", 0) => one(Value::String(type_name(input).into())),
        ("has", 1) => {
            let k = arg1(env)?;
            one(Value::Bool(match (input, &k) {
                (Value::Object(o), Value::String(s)) => o.contains_key(s),
                (Value::Array(a), Value::Number(n)) => (n.as_f64().unwrap_or(-1.0) as usize) < a.len(),
                _ => return Err(format!("Cannot check whether {} has a {} key", type_name(input), type_name(&k))),
            }))
        }
        ("select", 1) => {
            let mut out = Vec::new();
            for c in eval(&args[0], input, env)? {
                if truthy(&c) {
                    out.push(input.clone());
                }
            }
            Ok(out)
        }
        ("map", 1) | ("map_values", 1) => {
            let items: Vec<(Option<String>, Value)> = match input {
                Value::Array(a) => a.iter().map(|v| (None, v.clone())).collect(),
                Value::Object(o) => o.iter().map(|(k, v)| (Some(k.clone()), v.clone())).collect(),
                other => return Err(format!("Cannot iterate over {}", type_name(other))),
            };
            if name == "map_values" {
                let mut m = Map::new();
                for (k, v) in items {
                    if let Some(first) = eval(&args[0], &v, env)?.into_iter().next() {
                        m.insert(k.unwrap_or_default(), first);
                    }
                }
                return one(if matches!(input, Value::Object(_)) {
                    Value::Object(m)
                } else {
                    Value::Array(m.into_iter().map(|(_, v)| v).collect())
                });
            }
            let mut out = Vec::new();
            for (_, v) in items {
                out.extend(eval(&args[0], &v, env)?);
            }
            one(Value::Array(out))
        }
        ("add", 0) => {
            let Value::Array(a) = input else { return Err(format!("Cannot iterate over {}", type_name(input))) };
            let mut acc = Value::Null;
            for v in a {
                acc = binary("+", &acc, v)?;
            }
            one(acc)
        }
        ("sort", 0) | ("unique", 0) | ("reverse", 0) | ("min", 0) | ("max", 0) | ("first", 0) | ("last", 0) => {
            let a = match input {
                Value::Array(a) => a.clone(),
                Value::Null if name == "reverse" => return one(Value::Array(Vec::new())),
                Value::String(s) if name == "reverse" => return one(Value::String(s.chars().rev().collect())),
                other => {
                    return Err(format!(
                        "{} ({}) cannot be {}",
                        type_name(other),
                        shown(other),
                        if name == "reverse" { "reversed" } else { "sorted, as it is not an array" }
                    ))
                }
            };
            let mut s = a.clone();
            s.sort_by(compare);
            one(match name {
                "sort" => Value::Array(s),
                "unique" => {
                    s.dedup_by(|x, y| compare(x, y).is_eq());
                    Value::Array(s)
                }
                "reverse" => Value::Array(a.into_iter().rev().collect()),
                "min" => s.first().cloned().unwrap_or(Value::Null),
                "max" => s.last().cloned().unwrap_or(Value::Null),
                "first" => a.first().cloned().unwrap_or(Value::Null),
                _ => a.last().cloned().unwrap_or(Value::Null),
            })
        }
        ("first" | "last", 1) => {
            let all = eval(&args[0], input, env)?;
            Ok(if name == "first" { all.into_iter().take(1).collect() } else { all.into_iter().last().into_iter().collect() })
        }
        ("sort_by" | "group_by" | "unique_by" | "min_by" | "max_by", 1) => {
            let Value::Array(a) = input else { return Err(format!("Cannot index {} with number", type_name(input))) };
            let mut keyed: Vec<(Value, Value)> = Vec::new();
            for v in a {
                keyed.push((Value::Array(eval(&args[0], v, env)?), v.clone()));
            }
            keyed.sort_by(|x, y| compare(&x.0, &y.0));
            one(match name {
                "sort_by" => Value::Array(keyed.into_iter().map(|(_, v)| v).collect()),
                "min_by" => keyed.first().map(|(_, v)| v.clone()).unwrap_or(Value::Null),
                "max_by" => keyed.last().map(|(_, v)| v.clone()).unwrap_or(Value::Null),
                _ => {
                    let mut groups: Vec<(Value, Vec<Value>)> = Vec::new();
                    for (k, v) in keyed {
                        match groups.last_mut() {
                            Some((gk, g)) if compare(gk, &k).is_eq() => g.push(v),
                            _ => groups.push((k, vec![v])),
                        }
                    }
                    if name == "group_by" {
                        Value::Array(groups.into_iter().map(|(_, g)| Value::Array(g)).collect())
                    } else {
                        Value::Array(groups.into_iter().filter_map(|(_, g)| g.into_iter().next()).collect())
                    }
                }
            })
        }
        ("to_entries", 0) => {
            let Value::Object(o) = input else { return Err(format!("{} ({}) has no keys", type_name(input), shown(input))) };
            one(Value::Array(o.iter().map(|(k, v)| serde_json::json!({ "key": k, "value": v })).collect()))
        }
        ("from_entries", 0) => {
            let Value::Array(a) = input else { return Err(format!("Cannot iterate over {}", type_name(input))) };
            let mut m = Map::new();
            for e in a {
                let k = e.get("key").or_else(|| e.get("name")).or_else(|| e.get("k")).cloned().unwrap_or(Value::Null);
                let k = match k {
                    Value::String(s) => s,
                    Value::Null => "null".into(),
                    other => serde_json::to_string(&other).unwrap_or_default(),
                };
                m.insert(k, e.get("value").or_else(|| e.get("v")).cloned().unwrap_or(Value::Null));
            }
            one(Value::Object(m))
        }
        ("with_entries", 1) => {
            let entries = call("to_entries", &[], input, env)?;
            let mapped = call("map", args, &entries[0], env)?;
            call("from_entries", &[], &mapped[0], env)
        }
        ("join", 1) => {
            let sep = arg1(env)?;
            let Value::Array(a) = input else { return Err(format!("Cannot iterate over {}", type_name(input))) };
            let sep = sep.as_str().unwrap_or("").to_string();
            let parts: Result<Vec<String>, String> = a
                .iter()
                .map(|v| match v {
                    Value::Null => Ok(String::new()),
                    Value::String(s) => Ok(s.clone()),
                    Value::Number(_) | Value::Bool(_) => Ok(serde_json::to_string(v).unwrap_or_default()),
                    other => Err(format!("Cannot join with {}", type_name(other))),
                })
                .collect();
            one(Value::String(parts?.join(&sep)))
        }
        ("split", 1) => {
            let sep = arg1(env)?;
            let (Value::String(s), Value::String(sep)) = (input, &sep) else {
                return Err("split input and separator must be strings".into());
            };
            one(Value::Array(s.split(sep.as_str()).map(|p| Value::String(p.to_string())).collect()))
        }
        ("test" | "contains" | "startswith" | "endswith" | "ltrimstr" | "rtrimstr", 1) => {
            let a = arg1(env)?;
            let (s, p) = (input.as_str().unwrap_or(""), a.as_str().unwrap_or(""));
            one(match name {
                "test" | "contains" => Value::Bool(s.contains(p)),
                "startswith" => Value::Bool(s.starts_with(p)),
                "endswith" => Value::Bool(s.ends_with(p)),
                "ltrimstr" => Value::String(s.strip_prefix(p).unwrap_or(s).to_string()),
                _ => Value::String(s.strip_suffix(p).unwrap_or(s).to_string()),
            })
        }
        ("tostring", 0) => one(match input {
            Value::String(_) => input.clone(),
            other => Value::String(serde_json::to_string(other).unwrap_or_default()),
        }),
        ("tonumber", 0) => one(match input {
            Value::Number(_) => input.clone(),
            Value::String(s) => s.trim().parse::<f64>().map(num).map_err(|_| format!("Cannot parse '{s}' as JSON"))?,
            other => return Err(format!("{} ({}) cannot be parsed as a number", type_name(other), shown(other))),
        }),
        ("ascii_downcase" | "ascii_upcase", 0) => {
            let Value::String(s) = input else { return Err(format!("{name} input must be a string")) };
            one(Value::String(if name == "ascii_downcase" { s.to_ascii_lowercase() } else { s.to_ascii_uppercase() }))
        }
        ("tojson", 0) => one(Value::String(serde_json::to_string(input).unwrap_or_default())),
        ("fromjson", 0) => one(serde_json::from_str(input.as_str().unwrap_or(""))
            .map_err(|e| format!("{e} (while parsing '{}')", input.as_str().unwrap_or("")))?),
        ("env", 0) => one(Value::Object(Map::new())),
        ("error", 0 | 1) => Err(match args.first() {
            Some(_) => arg1(env)?.as_str().unwrap_or("null (null)").to_string(),
            None => format!("{} (not a string)", shown(input)),
        }),
        _ => Err(format!("{name}/{} is not defined", args.len())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jq(filter: &str, input: &str) -> Result<Vec<String>, String> {
        let e = ParserInit::new(filter).parse_all()?;
        let v: Value = serde_json::from_str(input).unwrap();
        let mut env = Env { vars: Vec::new(), steps: 0 };
        Ok(eval(&e, &v, &mut env)?.iter().map(|v| serde_json::to_string(v).unwrap()).collect())
    }

    #[test]
    fn common_filters() {
        let doc = r#"{"name":"app","tags":["a","b"],"nested":{"x":1},"items":[{"id":1,"ok":true},{"id":2,"ok":false}]}"#;
        assert_eq!(jq(".name", doc).unwrap(), ["\"app\""]);
        assert_eq!(jq(".nested.x", doc).unwrap(), ["1"]);
        assert_eq!(jq(".tags[]", doc).unwrap(), ["\"a\"", "\"b\""]);
        assert_eq!(jq(".tags[0]", doc).unwrap(), ["\"a\""]);
        assert_eq!(jq("keys", doc).unwrap(), ["[\"items\",\"name\",\"nested\",\"tags\"]"]);
        assert_eq!(jq(".tags | length", doc).unwrap(), ["2"]);
        assert_eq!(jq(".items[] | select(.ok) | .id", doc).unwrap(), ["1"]);
        assert_eq!(jq(".items | map(.id)", doc).unwrap(), ["[1,2]"]);
        assert_eq!(jq("{n: .name, c: (.tags | length)}", doc).unwrap(), ["{\"n\":\"app\",\"c\":2}"]);
        assert_eq!(jq(".items[] | select(.id > 1) | .id * 10", doc).unwrap(), ["20"]);
        assert_eq!(jq(".missing // \"default\"", doc).unwrap(), ["\"default\""]);
        assert_eq!(jq(".name | ascii_upcase", doc).unwrap(), ["\"APP\""]);
        assert_eq!(jq(".[0]", "[5,6]").unwrap(), ["5"]);
        assert!(jq(".a.b", "{\"a\":\"s\"}").unwrap_err().contains("Cannot index string with \"b\""));
        assert!(ParserInit::new(".a |").parse_all().is_err());
    }

    /// Differential test against the real jq.
    #[test]
    fn matches_the_real_jq() {
        let real = std::path::Path::new("/usr/bin/jq");
        if !real.exists() {
            assert!(std::env::var("DOCKERSIM_REQUIRE_ORACLES").is_err(), "jq is not installed");
            eprintln!("skipping: /usr/bin/jq is not installed");
            return;
        }
        let doc = r#"{"name":"app","version":"1.2.3","tags":["web","api"],"config":{"port":8080,"debug":false},"users":[{"name":"ann","age":31},{"name":"bob","age":25}]}"#;
        for (flags, filter) in [
            ("", "."),
            ("-c", "."),
            ("", ".name"),
            ("-r", ".name"),
            ("", ".config.port"),
            ("-r", ".tags[]"),
            ("", ".users[0]"),
            ("-c", ".users[] | select(.age > 30)"),
            ("-r", ".users[].name"),
            ("", "keys"),
            ("", ".users | length"),
            ("-c", ".users | map(.name)"),
            ("-c", "{name, port: .config.port}"),
            ("", ".config | to_entries"),
            ("-r", ".tags | join(\",\")"),
            ("", ".users | sort_by(.age) | .[0].name"),
            ("", ".missing"),
            ("", "[.users[].age] | add"),
        ] {
            let mut cmd = std::process::Command::new(real);
            if !flags.is_empty() {
                cmd.arg(flags);
            }
            let out = cmd.arg(filter).stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).spawn().and_then(|mut c| {
                use std::io::Write;
                c.stdin.take().unwrap().write_all(doc.as_bytes())?;
                c.wait_with_output()
            });
            let want = String::from_utf8_lossy(&out.unwrap().stdout).into_owned();
            let e = ParserInit::new(filter).parse_all().unwrap();
            let v: Value = serde_json::from_str(doc).unwrap();
            let mut env = Env { vars: Vec::new(), steps: 0 };
            let mut got = String::new();
            for r in eval(&e, &v, &mut env).unwrap() {
                match (&r, flags.contains('r')) {
                    (Value::String(s), true) => got.push_str(s),
                    _ if flags.contains('c') => got.push_str(&serde_json::to_string(&r).unwrap()),
                    _ => got.push_str(&serde_json::to_string_pretty(&r).unwrap()),
                }
                got.push('\n');
            }
            assert_eq!(got, want, "jq {flags} {filter:?}");
        }
    }
}
