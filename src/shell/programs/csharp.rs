//! C# as .NET tutorials write it: what `dotnet build`/`publish` reads from a
//! project's sources ([`analyse`]: a console program's statements, an
//! ASP.NET Core app's `MapGet` routes and Razor pages) and a small
//! evaluator that runs a console program's statements ([`run`]: variables,
//! `Console.WriteLine` with interpolated strings, `while`/`for`/`foreach`/
//! `if`, `args`, `await Task.Delay` on the simulated clock). What it does
//! not know stops the program with a `dockersim:` line naming it.

use crate::shell::interp::{Flow, Shell};
use std::collections::BTreeMap;

/// Nesting the evaluator follows before it gives up (blocks, expressions).
const MAX_DEPTH: usize = 64;

// ----------------------------------------------------------- analysis ----

/// What a project's C# sources make: the program's statements (console)
/// or a web app's routes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Analysis {
    /// The statements `Main` (or the top-level program) runs.
    pub statements: String,
    /// An ASP.NET Core app (`WebApplication.CreateBuilder`).
    pub web: bool,
    /// `app.MapGet("/path", () => "text")`: (path, body); a handler that
    /// computes its answer has `None`.
    pub routes: Vec<(String, Option<String>)>,
    /// `app.MapRazorPages()` / `AddRazorPages`.
    pub razor: bool,
    /// `app.UseStaticFiles()` / `MapStaticAssets()`.
    pub static_files: bool,
    /// `app.Run("http://…:PORT")` / `UseUrls`: the URL the app binds.
    pub url: Option<String>,
}

/// Reads `Program.cs` (and the other sources' text, for web markers).
pub fn analyse(program: &str) -> Analysis {
    let src = strip_comments(program);
    let web = src.contains("WebApplication.CreateBuilder") || src.contains("WebApplication.Create(") || src.contains("UseStartup<");
    let mut a = Analysis { web, ..Analysis::default() };
    if a.web {
        a.razor = src.contains("MapRazorPages") || src.contains("AddRazorPages");
        a.static_files = src.contains("UseStaticFiles") || src.contains("MapStaticAssets");
        let mut rest = src.as_str();
        while let Some(i) = rest.find(".MapGet(") {
            rest = &rest[i + ".MapGet(".len()..];
            let Some((path, after)) = string_literal(rest.trim_start()) else { continue };
            let after = after.trim_start().trim_start_matches(',').trim_start();
            // `() => "text"` or `() => { return "text"; }`
            let body = after.split_once("=>").map(|(_, b)| b.trim_start()).and_then(|b| {
                let b = b.strip_prefix('{').map(|x| x.trim_start().strip_prefix("return").unwrap_or(x).trim_start()).unwrap_or(b);
                let (text, tail) = string_literal(b)?;
                let tail = tail.trim_start();
                (tail.starts_with(')') || tail.starts_with(';')).then_some(text)
            });
            a.routes.push((path, body));
        }
        for marker in ["app.Run(\"", ".UseUrls(\""] {
            if let Some(i) = src.find(marker) {
                a.url = string_literal(&src[i + marker.len() - 1..]).map(|(u, _)| u);
            }
        }
        return a;
    }
    a.statements = main_body(&src);
    a
}

/// The statements a program runs: `static … Main(…) { … }`'s body, or the
/// top-level statements (without `using` directives and type declarations).
fn main_body(src: &str) -> String {
    if let Some(i) = src.find(" Main(") {
        if let Some(open) = src[i..].find('{') {
            let start = i + open;
            if let Some(end) = matching_brace(src, start) {
                return src[start + 1..end].to_string();
            }
        }
    }
    let mut out = String::new();
    let mut rest = src;
    while !rest.is_empty() {
        let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let line = &rest[..line_end];
        let t = line.trim_start();
        let decl = ["class ", "static class ", "public class ", "internal class ", "record ", "public record ", "namespace "]
            .iter()
            .any(|k| t.starts_with(k));
        if t.starts_with("using ") && t.trim_end().ends_with(';') && !t.contains('(') {
            rest = &rest[line_end..];
            continue;
        }
        if decl {
            // Skip the declaration and its body.
            match rest.find('{').and_then(|o| matching_brace(rest, o)) {
                Some(end) => {
                    rest = &rest[end + 1..];
                    continue;
                }
                None => break,
            }
        }
        out.push_str(line);
        rest = &rest[line_end..];
    }
    out
}

fn matching_brace(s: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_str = false;
    let mut prev = ' ';
    for (i, c) in s[open..].char_indices() {
        match c {
            '"' if prev != '\\' => in_str = !in_str,
            '{' if !in_str => depth += 1,
            '}' if !in_str => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i);
                }
            }
            _ => {}
        }
        prev = c;
    }
    None
}

/// Removes `//` and `/* */` comments outside string literals.
pub fn strip_comments(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut it = src.chars().peekable();
    let mut in_str = false;
    while let Some(c) = it.next() {
        if in_str {
            out.push(c);
            if c == '\\' {
                if let Some(n) = it.next() {
                    out.push(n);
                }
            } else if c == '"' {
                in_str = false;
            }
            continue;
        }
        match (c, it.peek()) {
            ('"', _) => {
                in_str = true;
                out.push(c);
            }
            ('/', Some('/')) => {
                for n in it.by_ref() {
                    if n == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            ('/', Some('*')) => {
                it.next();
                let mut last = ' ';
                for n in it.by_ref() {
                    if last == '*' && n == '/' {
                        break;
                    }
                    last = n;
                }
                out.push(' ');
            }
            _ => out.push(c),
        }
    }
    out
}

/// A regular C# string literal at the start of `s`: its value and the rest.
fn string_literal(s: &str) -> Option<(String, &str)> {
    let body = s.strip_prefix('"')?;
    let mut out = String::new();
    let mut it = body.char_indices();
    while let Some((i, c)) = it.next() {
        match c {
            '"' => return Some((out, &body[i + 1..])),
            '\\' => match it.next().map(|(_, e)| e) {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('0') => out.push('\0'),
                Some(o) => out.push(o),
                None => return None,
            },
            _ => out.push(c),
        }
    }
    None
}

// ------------------------------------------------------------- tokens ----

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Int(i64),
    Num(f64),
    Str(String),
    /// `$"…"`: literal parts and expression sources alternate (text first).
    Interp(Vec<(String, Option<String>)>),
    Char(char),
    Op(&'static str),
}

const OPS: [&str; 33] = [
    "??=", "++", "--", "+=", "-=", "*=", "/=", "==", "!=", "<=", ">=", "&&", "||", "??", "=>", "?.", "+", "-", "*", "/", "%", "<", ">",
    "=", "!", "(", ")", "{", "}", "[", "]", ";", ",",
];

fn lex(src: &str) -> Result<Vec<Tok>, String> {
    let chars: Vec<char> = src.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_' || chars[i] == '.') {
                if chars[i] == '.' && !chars.get(i + 1).is_some_and(char::is_ascii_digit) {
                    break;
                }
                i += 1;
            }
            let text: String = chars[start..i].iter().filter(|c| **c != '_').collect();
            let text = text.trim_end_matches(['L', 'l', 'u', 'U', 'm', 'M', 'd', 'D', 'f', 'F']);
            if let Ok(n) = text.parse::<i64>() {
                toks.push(Tok::Int(n));
            } else if let Ok(f) = text.parse::<f64>() {
                toks.push(Tok::Num(f));
            } else {
                return Err(format!("the number {text}"));
            }
            continue;
        }
        if c.is_alphabetic() || c == '_' || c == '@' && chars.get(i + 1).is_some_and(|n| n.is_alphabetic()) {
            let start = i;
            i += 1;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            toks.push(Tok::Ident(word.trim_start_matches('@').to_string()));
            continue;
        }
        if c == '\'' {
            let (ch, len) = match (chars.get(i + 1), chars.get(i + 2), chars.get(i + 3)) {
                (Some('\\'), Some(e), Some('\'')) => (unescape(*e), 4),
                (Some(ch), Some('\''), _) => (*ch, 3),
                _ => return Err("this character literal".into()),
            };
            toks.push(Tok::Char(ch));
            i += len;
            continue;
        }
        let interp = c == '$' && chars.get(i + 1) == Some(&'"');
        let verbatim = c == '@' && chars.get(i + 1) == Some(&'"');
        if c == '"' || interp || verbatim {
            i += if c == '"' { 1 } else { 2 };
            let mut parts: Vec<(String, Option<String>)> = vec![(String::new(), None)];
            loop {
                let Some(&ch) = chars.get(i) else { return Err("an unterminated string".into()) };
                i += 1;
                match ch {
                    '"' if verbatim && chars.get(i) == Some(&'"') => {
                        i += 1;
                        parts.last_mut().expect("parts").0.push('"');
                    }
                    '"' => break,
                    '\\' if !verbatim => {
                        let e = chars.get(i).copied().unwrap_or(' ');
                        i += 1;
                        parts.last_mut().expect("parts").0.push(unescape(e));
                    }
                    '{' if interp && chars.get(i) == Some(&'{') => {
                        i += 1;
                        parts.last_mut().expect("parts").0.push('{');
                    }
                    '}' if interp && chars.get(i) == Some(&'}') => {
                        i += 1;
                        parts.last_mut().expect("parts").0.push('}');
                    }
                    '{' if interp => {
                        let mut depth = 1;
                        let start = i;
                        while i < chars.len() && depth > 0 {
                            match chars[i] {
                                '{' => depth += 1,
                                '}' => depth -= 1,
                                _ => {}
                            }
                            i += 1;
                        }
                        let expr: String = chars[start..i.saturating_sub(1)].iter().collect();
                        parts.last_mut().expect("parts").1 = Some(expr);
                        parts.push((String::new(), None));
                    }
                    other => parts.last_mut().expect("parts").0.push(other),
                }
            }
            if interp {
                toks.push(Tok::Interp(parts));
            } else {
                toks.push(Tok::Str(parts.into_iter().map(|p| p.0).collect()));
            }
            continue;
        }
        let rest: String = chars[i..chars.len().min(i + 3)].iter().collect();
        let Some(op) = OPS.iter().find(|o| rest.starts_with(**o)) else {
            match c {
                '.' => {
                    toks.push(Tok::Op("."));
                    i += 1;
                    continue;
                }
                '?' => {
                    toks.push(Tok::Op("?"));
                    i += 1;
                    continue;
                }
                ':' => {
                    toks.push(Tok::Op(":"));
                    i += 1;
                    continue;
                }
                _ => return Err(format!("the character '{c}'")),
            }
        };
        toks.push(Tok::Op(op));
        i += op.chars().count();
    }
    Ok(toks)
}

fn unescape(e: char) -> char {
    match e {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        '0' => '\0',
        o => o,
    }
}

// ------------------------------------------------------------- values ----

#[derive(Clone, Debug, PartialEq)]
enum Val {
    Int(i64),
    Num(f64),
    Str(String),
    Bool(bool),
    Null,
    /// `args`.
    Args,
    /// A `TimeSpan`, in milliseconds.
    Span(i64),
}

impl Val {
    /// How `Console.WriteLine` and string interpolation print a value.
    fn show(&self, args: &[String]) -> String {
        match self {
            Val::Int(n) => n.to_string(),
            Val::Num(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
            Val::Num(f) => f.to_string(),
            Val::Str(s) => s.clone(),
            Val::Bool(true) => "True".into(),
            Val::Bool(false) => "False".into(),
            Val::Null => String::new(),
            Val::Args => format!("System.String[] ({} items)", args.len()),
            Val::Span(ms) => {
                let s = ms / 1000;
                format!(
                    "{:02}:{:02}:{:02}{}",
                    s / 3600,
                    s / 60 % 60,
                    s % 60,
                    if ms % 1000 != 0 { format!(".{:03}0000", ms % 1000) } else { String::new() }
                )
            }
        }
    }
}

// ---------------------------------------------------------- evaluator ----

/// Why evaluation stopped early.
enum Stop {
    /// A construct the simulator does not model.
    Unsupported(String),
    /// An exception the runtime throws (its type and message).
    Throw(String, String),
    /// `return` / `Environment.Exit`.
    Exit(i32),
    Break,
    Continue,
    /// The shell's budgets (steps, output) or its output closing.
    Flow(Flow),
}

impl From<Flow> for Stop {
    fn from(f: Flow) -> Stop {
        Stop::Flow(f)
    }
}

struct Vm<'s, 'a, 'b> {
    sh: &'s mut Shell<'a, 'b>,
    args: Vec<String>,
    vars: BTreeMap<String, Val>,
    toks: Vec<Tok>,
    pos: usize,
    depth: usize,
    /// Milliseconds of delay not yet moved onto the clock (it moves in whole seconds).
    pending_ms: i64,
    env: BTreeMap<String, String>,
    hostname: String,
}

type Res<T> = Result<T, Stop>;

/// Runs a console program's statements with `args`; its exit status.
pub fn run(sh: &mut Shell, statements: &str, args: &[String], program: &str) -> Result<i32, Flow> {
    let toks = match lex(statements) {
        Ok(t) => t,
        Err(what) => {
            sh.err_str(&format!("dockersim: {program}: C# with {what} is not simulated\n"))?;
            return Ok(1);
        }
    };
    let env = sh.env();
    let hostname = super::clock::hostname(sh);
    let mut vm = Vm { sh, args: args.to_vec(), vars: BTreeMap::new(), toks, pos: 0, depth: 0, pending_ms: 0, env, hostname };
    let result = vm.block_until_end();
    match result {
        Ok(()) | Err(Stop::Break | Stop::Continue) => Ok(0),
        Err(Stop::Exit(code)) => Ok(code),
        Err(Stop::Flow(f)) => Err(f),
        Err(Stop::Unsupported(what)) => {
            vm.sh
                .err_str(&format!("dockersim: {program}: {what} is not simulated (the simulator runs C# programs' simple statements)\n"))?;
            Ok(1)
        }
        Err(Stop::Throw(ty, msg)) => {
            vm.sh.err_str(&format!("Unhandled exception. {ty}: {msg}\n"))?;
            // SIGABRT, as the runtime ends on an unhandled exception.
            Ok(134)
        }
    }
}

impl Vm<'_, '_, '_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn is_op(&self, op: &str) -> bool {
        matches!(self.peek(), Some(Tok::Op(o)) if *o == op)
    }

    fn is_ident(&self, name: &str) -> bool {
        matches!(self.peek(), Some(Tok::Ident(n)) if n == name)
    }

    fn eat_op(&mut self, op: &str) -> bool {
        if self.is_op(op) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, op: &str) -> Res<()> {
        if self.eat_op(op) {
            Ok(())
        } else {
            Err(Stop::Unsupported(format!("this statement (expected '{op}' near {})", self.near())))
        }
    }

    fn near(&self) -> String {
        match self.peek() {
            Some(Tok::Ident(n)) => format!("'{n}'"),
            Some(Tok::Op(o)) => format!("'{o}'"),
            Some(Tok::Int(n)) => format!("'{n}'"),
            Some(Tok::Str(_) | Tok::Interp(_)) => "a string".into(),
            Some(_) => "a literal".into(),
            None => "the end".into(),
        }
    }

    fn ident(&mut self) -> Option<String> {
        match self.peek() {
            Some(Tok::Ident(n)) => {
                let n = n.clone();
                self.pos += 1;
                Some(n)
            }
            _ => None,
        }
    }

    fn block_until_end(&mut self) -> Res<()> {
        while self.pos < self.toks.len() {
            self.statement(true)?;
        }
        self.flush_delay();
        Ok(())
    }

    /// Moves pending delay onto the shell's clock, in whole seconds.
    fn flush_delay(&mut self) {
        let secs = self.pending_ms / 1000;
        if secs > 0 {
            self.sh.ctx.now = self.sh.ctx.now.saturating_add(secs);
            self.pending_ms -= secs * 1000;
        }
    }

    /// Skips one statement without running it.
    fn skip_statement(&mut self) -> Res<()> {
        if self.eat_op("{") {
            let mut depth = 1;
            while depth > 0 {
                match self.toks.get(self.pos) {
                    Some(Tok::Op("{")) => depth += 1,
                    Some(Tok::Op("}")) => depth -= 1,
                    None => return Err(Stop::Unsupported("an unterminated block".into())),
                    _ => {}
                }
                self.pos += 1;
            }
            return Ok(());
        }
        let keyword = matches!(self.peek(), Some(Tok::Ident(k)) if matches!(k.as_str(), "if" | "while" | "for" | "foreach"));
        if keyword {
            self.pos += 1;
            self.skip_parens()?;
            self.skip_statement()?;
            if self.is_ident("else") {
                self.pos += 1;
                self.skip_statement()?;
            }
            return Ok(());
        }
        let mut depth = 0i32;
        while let Some(t) = self.toks.get(self.pos) {
            self.pos += 1;
            match t {
                Tok::Op("(" | "[" | "{") => depth += 1,
                Tok::Op(")" | "]" | "}") => depth -= 1,
                Tok::Op(";") if depth <= 0 => return Ok(()),
                _ => {}
            }
        }
        Ok(())
    }

    fn skip_parens(&mut self) -> Res<()> {
        self.expect("(")?;
        let mut depth = 1;
        while depth > 0 {
            match self.toks.get(self.pos) {
                Some(Tok::Op("(")) => depth += 1,
                Some(Tok::Op(")")) => depth -= 1,
                None => return Err(Stop::Unsupported("an unterminated condition".into())),
                _ => {}
            }
            self.pos += 1;
        }
        Ok(())
    }

    fn statement(&mut self, run: bool) -> Res<()> {
        if !run {
            return self.skip_statement();
        }
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Stop::Unsupported("code nested this deep".into()));
        }
        self.sh.step()?;
        let r = self.statement_inner();
        self.depth -= 1;
        r
    }

    fn statement_inner(&mut self) -> Res<()> {
        if self.eat_op(";") {
            return Ok(());
        }
        if self.eat_op("{") {
            while !self.eat_op("}") {
                if self.pos >= self.toks.len() {
                    return Err(Stop::Unsupported("an unterminated block".into()));
                }
                self.statement(true)?;
            }
            return Ok(());
        }
        let Some(Tok::Ident(word)) = self.peek().cloned() else {
            // `++x;`
            self.expr()?;
            return self.expect(";");
        };
        match word.as_str() {
            "if" => {
                self.pos += 1;
                self.expect("(")?;
                let c = self.truthy()?;
                self.expect(")")?;
                self.statement(c)?;
                if self.is_ident("else") {
                    self.pos += 1;
                    self.statement(!c)?;
                }
                Ok(())
            }
            "while" => {
                self.pos += 1;
                let start = self.pos;
                loop {
                    self.pos = start;
                    self.expect("(")?;
                    let c = self.truthy()?;
                    self.expect(")")?;
                    if !c {
                        return self.skip_statement();
                    }
                    match self.statement(true) {
                        Ok(()) | Err(Stop::Continue) => {}
                        Err(Stop::Break) => {
                            self.pos = start;
                            self.skip_parens()?;
                            return self.skip_statement();
                        }
                        Err(e) => return Err(e),
                    }
                    self.sh.step()?;
                }
            }
            "for" => {
                self.pos += 1;
                self.expect("(")?;
                if !self.is_op(";") {
                    self.declaration_or_expr()?;
                }
                self.expect(";")?;
                let cond_at = self.pos;
                loop {
                    self.pos = cond_at;
                    let c = if self.is_op(";") { true } else { self.truthy()? };
                    self.expect(";")?;
                    let step_at = self.pos;
                    // Skip the step to reach the body.
                    let mut depth = 0;
                    while let Some(t) = self.toks.get(self.pos) {
                        match t {
                            Tok::Op("(") => depth += 1,
                            Tok::Op(")") if depth == 0 => break,
                            Tok::Op(")") => depth -= 1,
                            _ => {}
                        }
                        self.pos += 1;
                    }
                    self.expect(")")?;
                    if !c {
                        return self.skip_statement();
                    }
                    let body_at = self.pos;
                    let broke = match self.statement(true) {
                        Ok(()) | Err(Stop::Continue) => false,
                        Err(Stop::Break) => true,
                        Err(e) => return Err(e),
                    };
                    if broke {
                        self.pos = body_at;
                        return self.skip_statement();
                    }
                    self.pos = step_at;
                    if !self.is_op(")") {
                        self.expr()?;
                        while self.eat_op(",") {
                            self.expr()?;
                        }
                    }
                    self.sh.step()?;
                }
            }
            "foreach" => {
                self.pos += 1;
                self.expect("(")?;
                self.ident(); // var / string
                let name = self.ident().ok_or_else(|| Stop::Unsupported("this foreach".into()))?;
                if !self.is_ident("in") {
                    return Err(Stop::Unsupported("this foreach".into()));
                }
                self.pos += 1;
                let items = match self.expr()? {
                    Val::Args => self.args.iter().cloned().map(Val::Str).collect::<Vec<_>>(),
                    Val::Str(s) => s.chars().map(|c| Val::Str(c.to_string())).collect(),
                    _ => return Err(Stop::Unsupported("foreach over this value".into())),
                };
                self.expect(")")?;
                let body = self.pos;
                for item in items {
                    self.pos = body;
                    self.vars.insert(name.clone(), item);
                    match self.statement(true) {
                        Ok(()) | Err(Stop::Continue) => {}
                        Err(Stop::Break) => break,
                        Err(e) => return Err(e),
                    }
                }
                self.pos = body;
                self.skip_statement()
            }
            "break" => {
                self.pos += 1;
                self.expect(";")?;
                Err(Stop::Break)
            }
            "continue" => {
                self.pos += 1;
                self.expect(";")?;
                Err(Stop::Continue)
            }
            "return" => {
                self.pos += 1;
                let code = if self.is_op(";") { 0 } else { self.int_of()? as i32 };
                self.flush_delay();
                Err(Stop::Exit(code))
            }
            "throw" => {
                self.pos += 1;
                if self.is_ident("new") {
                    self.pos += 1;
                }
                let ty = self.ident().unwrap_or_else(|| "Exception".into());
                self.expect("(")?;
                let msg = if self.is_op(")") { "Exception of type 'System.Exception' was thrown.".into() } else { self.string_of()? };
                Err(Stop::Throw(format!("System.{ty}"), msg))
            }
            _ => {
                self.declaration_or_expr()?;
                self.expect(";")
            }
        }
    }

    fn declaration_or_expr(&mut self) -> Res<()> {
        // `var x = …`, `int x = …`, `string? x = …`
        let types = ["var", "int", "long", "string", "bool", "double", "float", "decimal", "object", "TimeSpan"];
        if let (Some(Tok::Ident(t)), Some(next)) = (self.toks.get(self.pos), self.toks.get(self.pos + 1)) {
            let typed = types.contains(&t.as_str());
            let nullable = matches!(next, Tok::Op("?")) && matches!(self.toks.get(self.pos + 2), Some(Tok::Ident(_)));
            if typed && (matches!(next, Tok::Ident(_)) || nullable) {
                self.pos += if nullable { 2 } else { 1 };
                loop {
                    let name = self.ident().ok_or_else(|| Stop::Unsupported("this declaration".into()))?;
                    let v = if self.eat_op("=") { self.expr()? } else { Val::Null };
                    self.vars.insert(name, v);
                    if !self.eat_op(",") {
                        break;
                    }
                }
                return Ok(());
            }
        }
        self.expr().map(|_| ())
    }

    fn truthy(&mut self) -> Res<bool> {
        match self.expr()? {
            Val::Bool(b) => Ok(b),
            _ => Err(Stop::Unsupported("a condition that is not a bool".into())),
        }
    }

    fn int_of(&mut self) -> Res<i64> {
        match self.expr()? {
            Val::Int(n) => Ok(n),
            Val::Span(ms) => Ok(ms),
            Val::Num(f) => Ok(f as i64),
            _ => Err(Stop::Unsupported("a number that is not an int".into())),
        }
    }

    fn string_of(&mut self) -> Res<String> {
        let v = self.expr()?;
        Ok(v.show(&self.args))
    }

    fn expr(&mut self) -> Res<Val> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Stop::Unsupported("an expression nested this deep".into()));
        }
        let r = self.assignment();
        self.depth -= 1;
        r
    }

    fn assignment(&mut self) -> Res<Val> {
        if let (Some(Tok::Ident(name)), Some(Tok::Op(op))) = (self.toks.get(self.pos), self.toks.get(self.pos + 1)) {
            if matches!(*op, "=" | "+=" | "-=" | "*=" | "/=" | "??=") {
                let (name, op) = (name.clone(), *op);
                self.pos += 2;
                let rhs = self.expr()?;
                let old = self.vars.get(&name).cloned().unwrap_or(Val::Null);
                let v = match op {
                    "=" => rhs,
                    "??=" if old == Val::Null => rhs,
                    "??=" => old,
                    _ => self.binary(&op[..1], old, rhs)?,
                };
                self.vars.insert(name, v.clone());
                return Ok(v);
            }
        }
        self.ternary()
    }

    fn ternary(&mut self) -> Res<Val> {
        let c = self.binary_level(0)?;
        if self.eat_op("?") {
            let pick = match c {
                Val::Bool(b) => b,
                _ => return Err(Stop::Unsupported("a condition that is not a bool".into())),
            };
            // Only the chosen branch runs.
            if pick {
                let a = self.expr()?;
                self.expect(":")?;
                self.skip_expr(false);
                return Ok(a);
            }
            self.skip_expr(true);
            self.expect(":")?;
            return self.expr();
        }
        Ok(c)
    }

    /// Skips an expression without evaluating it: up to a `:` of this
    /// conditional (`to_colon`) or to what ends the expression.
    fn skip_expr(&mut self, _to_colon: bool) {
        let mut depth = 0i32;
        let mut pending = 0i32;
        while let Some(t) = self.toks.get(self.pos) {
            match t {
                Tok::Op("(" | "[" | "{") => depth += 1,
                Tok::Op(")" | "]" | "}") if depth == 0 => return,
                Tok::Op(")" | "]" | "}") => depth -= 1,
                Tok::Op(";" | ",") if depth == 0 => return,
                Tok::Op("?") if depth == 0 => pending += 1,
                Tok::Op(":") if depth == 0 && pending > 0 => pending -= 1,
                // This conditional's `:` (or, skipping its else branch, an enclosing one's).
                Tok::Op(":") if depth == 0 => return,
                _ => {}
            }
            self.pos += 1;
        }
    }

    fn binary_level(&mut self, level: usize) -> Res<Val> {
        const LEVELS: [&[&str]; 7] = [&["??"], &["||"], &["&&"], &["==", "!="], &["<", ">", "<=", ">="], &["+", "-"], &["*", "/", "%"]];
        if level == LEVELS.len() {
            return self.unary();
        }
        let mut left = self.binary_level(level + 1)?;
        loop {
            // `x is -1`, `x is not null`
            if level == 4 && self.is_ident("is") {
                self.pos += 1;
                let negate = self.is_ident("not");
                if negate {
                    self.pos += 1;
                }
                let right = self.unary()?;
                let eq = self.binary("==", left, right)? == Val::Bool(true);
                left = Val::Bool(eq != negate);
                continue;
            }
            let Some(Tok::Op(op)) = self.peek() else { break };
            let op = *op;
            if !LEVELS[level].contains(&op) {
                break;
            }
            self.pos += 1;
            // Short-circuit.
            if op == "&&" && left == Val::Bool(false) || op == "||" && left == Val::Bool(true) {
                let save = self.sh.ctx.now;
                let _ = self.binary_level(level + 1)?;
                self.sh.ctx.now = save;
                continue;
            }
            let right = self.binary_level(level + 1)?;
            left = self.binary(op, left, right)?;
        }
        Ok(left)
    }

    fn binary(&self, op: &str, a: Val, b: Val) -> Res<Val> {
        use Val::*;
        let num = |v: &Val| match v {
            Int(n) => Some(*n as f64),
            Num(f) => Some(*f),
            _ => None,
        };
        Ok(match (op, &a, &b) {
            ("??", Null, _) => b,
            ("??", _, _) => a,
            ("+", Str(x), y) => Str(format!("{x}{}", y.show(&self.args))),
            ("+", x, Str(y)) => Str(format!("{}{y}", x.show(&self.args))),
            ("+" | "-" | "*" | "/" | "%", Int(x), Int(y)) => {
                let (x, y) = (*x, *y);
                match op {
                    "+" => Int(x.wrapping_add(y)),
                    "-" => Int(x.wrapping_sub(y)),
                    "*" => Int(x.wrapping_mul(y)),
                    _ if y == 0 => return Err(Stop::Throw("System.DivideByZeroException".into(), "Attempted to divide by zero.".into())),
                    "/" => Int(x.wrapping_div(y)),
                    _ => Int(x.wrapping_rem(y)),
                }
            }
            ("+" | "-" | "*" | "/" | "%", _, _) if num(&a).is_some() && num(&b).is_some() => {
                let (x, y) = (num(&a).unwrap_or(0.0), num(&b).unwrap_or(0.0));
                Num(match op {
                    "+" => x + y,
                    "-" => x - y,
                    "*" => x * y,
                    "/" => x / y,
                    _ => x % y,
                })
            }
            ("==", _, _) => Bool(equal(&a, &b)),
            ("!=", _, _) => Bool(!equal(&a, &b)),
            ("<" | ">" | "<=" | ">=", _, _) if num(&a).is_some() && num(&b).is_some() => {
                let (x, y) = (num(&a).unwrap_or(0.0), num(&b).unwrap_or(0.0));
                Bool(match op {
                    "<" => x < y,
                    ">" => x > y,
                    "<=" => x <= y,
                    _ => x >= y,
                })
            }
            ("&&", Bool(x), Bool(y)) => Bool(*x && *y),
            ("||", Bool(x), Bool(y)) => Bool(*x || *y),
            _ => return Err(Stop::Unsupported(format!("the operator {op} on these values"))),
        })
    }

    fn unary(&mut self) -> Res<Val> {
        if self.eat_op("!") {
            return match self.unary()? {
                Val::Bool(b) => Ok(Val::Bool(!b)),
                _ => Err(Stop::Unsupported("! on a value that is not a bool".into())),
            };
        }
        if self.eat_op("-") {
            return match self.unary()? {
                Val::Int(n) => Ok(Val::Int(n.wrapping_neg())),
                Val::Num(f) => Ok(Val::Num(-f)),
                _ => Err(Stop::Unsupported("- on a value that is not a number".into())),
            };
        }
        for (op, d) in [("++", 1), ("--", -1)] {
            if self.is_op(op) {
                self.pos += 1;
                let name = self.ident().ok_or_else(|| Stop::Unsupported(format!("{op} on this expression")))?;
                let v = match self.vars.get(&name) {
                    Some(Val::Int(n)) => Val::Int(n + d),
                    _ => return Err(Stop::Unsupported(format!("{op} on {name}"))),
                };
                self.vars.insert(name, v.clone());
                return Ok(v);
            }
        }
        if self.is_ident("await") {
            self.pos += 1;
        }
        self.postfix()
    }

    fn postfix(&mut self) -> Res<Val> {
        // `name++`
        if let (Some(Tok::Ident(name)), Some(Tok::Op(op @ ("++" | "--")))) = (self.toks.get(self.pos), self.toks.get(self.pos + 1)) {
            let (name, d) = (name.clone(), if *op == "++" { 1 } else { -1 });
            self.pos += 2;
            let old = match self.vars.get(&name) {
                Some(Val::Int(n)) => *n,
                _ => return Err(Stop::Unsupported(format!("++ on {name}"))),
            };
            self.vars.insert(name, Val::Int(old + d));
            return Ok(Val::Int(old));
        }
        let mut v = self.primary()?;
        loop {
            if self.eat_op("[") {
                let i = self.int_of()?;
                self.expect("]")?;
                v = match v {
                    Val::Args => match usize::try_from(i).ok().and_then(|i| self.args.get(i)) {
                        Some(a) => Val::Str(a.clone()),
                        None => {
                            return Err(Stop::Throw(
                                "System.IndexOutOfRangeException".into(),
                                "Index was outside the bounds of the array.".into(),
                            ))
                        }
                    },
                    Val::Str(s) => match usize::try_from(i).ok().and_then(|i| s.chars().nth(i)) {
                        Some(c) => Val::Str(c.to_string()),
                        None => {
                            return Err(Stop::Throw(
                                "System.IndexOutOfRangeException".into(),
                                "Index was outside the bounds of the array.".into(),
                            ))
                        }
                    },
                    _ => return Err(Stop::Unsupported("indexing this value".into())),
                };
                continue;
            }
            if self.eat_op(".") || self.eat_op("?.") {
                let member = self.ident().ok_or_else(|| Stop::Unsupported("this member access".into()))?;
                let call_args = if self.is_op("(") { Some(self.call_args()?) } else { None };
                v = self.member(v, &member, call_args)?;
                continue;
            }
            break;
        }
        Ok(v)
    }

    fn call_args(&mut self) -> Res<Vec<Val>> {
        self.expect("(")?;
        let mut out = Vec::new();
        while !self.eat_op(")") {
            out.push(self.expr()?);
            if !self.eat_op(",") {
                self.expect(")")?;
                break;
            }
        }
        Ok(out)
    }

    fn member(&mut self, v: Val, member: &str, call: Option<Vec<Val>>) -> Res<Val> {
        let args = &self.args;
        Ok(match (v, member, call.as_deref()) {
            (Val::Args, "Length", None) => Val::Int(args.len() as i64),
            (Val::Str(s), "Length", None) => Val::Int(s.chars().count() as i64),
            (Val::Str(s), "ToUpper" | "ToUpperInvariant", Some([])) => Val::Str(s.to_uppercase()),
            (Val::Str(s), "ToLower" | "ToLowerInvariant", Some([])) => Val::Str(s.to_lowercase()),
            (Val::Str(s), "Trim", Some([])) => Val::Str(s.trim().to_string()),
            (Val::Str(s), "Contains", Some([Val::Str(x)])) => Val::Bool(s.contains(x.as_str())),
            (Val::Str(s), "StartsWith", Some([Val::Str(x)])) => Val::Bool(s.starts_with(x.as_str())),
            (Val::Str(s), "EndsWith", Some([Val::Str(x)])) => Val::Bool(s.ends_with(x.as_str())),
            (Val::Str(s), "Replace", Some([Val::Str(a), Val::Str(b)])) => Val::Str(s.replace(a.as_str(), b)),
            (v, "ToString", Some([])) => Val::Str(v.show(args)),
            (Val::Span(ms), "TotalMilliseconds", None) => Val::Num(ms as f64),
            (Val::Span(ms), "TotalSeconds", None) => Val::Num(ms as f64 / 1000.0),
            (_, m, _) => return Err(Stop::Unsupported(format!("the member {m}"))),
        })
    }

    fn primary(&mut self) -> Res<Val> {
        let Some(t) = self.peek().cloned() else { return Err(Stop::Unsupported("an incomplete statement".into())) };
        self.pos += 1;
        match t {
            Tok::Int(n) => Ok(Val::Int(n)),
            Tok::Num(f) => Ok(Val::Num(f)),
            Tok::Str(s) => Ok(Val::Str(s)),
            Tok::Char(c) => Ok(Val::Str(c.to_string())),
            Tok::Interp(parts) => {
                let mut out = String::new();
                for (text, expr) in parts {
                    out.push_str(&text);
                    if let Some(e) = expr {
                        out.push_str(&self.sub_expr(&e)?);
                    }
                }
                Ok(Val::Str(out))
            }
            Tok::Op("(") => {
                let v = self.expr()?;
                self.expect(")")?;
                Ok(v)
            }
            Tok::Op(o) => Err(Stop::Unsupported(format!("'{o}' here"))),
            Tok::Ident(name) => self.name(&name),
        }
    }

    /// An interpolation hole `{expr[,align][:format]}`.
    fn sub_expr(&mut self, src: &str) -> Res<String> {
        let (expr, format) = match src.rfind(':') {
            Some(i) if !src[i..].contains('"') && !src[..i].contains('?') => (&src[..i], Some(&src[i + 1..])),
            _ => (src, None),
        };
        let toks = lex(expr).map_err(|w| Stop::Unsupported(format!("C# with {w}")))?;
        let saved = (std::mem::replace(&mut self.toks, toks), self.pos);
        self.pos = 0;
        let r = self.expr();
        let ended = self.pos >= self.toks.len();
        self.toks = saved.0;
        self.pos = saved.1;
        let v = r?;
        if !ended {
            return Err(Stop::Unsupported(format!("the interpolation {{{src}}}")));
        }
        match (format, &v) {
            (None, _) => Ok(v.show(&self.args)),
            (Some(f), Val::Int(n)) if f.starts_with('D') => Ok(format!("{:0width$}", n, width = f[1..].parse().unwrap_or(0))),
            (Some(f), Val::Num(x) | Val::Num(x)) if f.starts_with('F') => Ok(format!("{:.prec$}", x, prec = f[1..].parse().unwrap_or(2))),
            (Some(f), _) => Err(Stop::Unsupported(format!("the format :{f}"))),
        }
    }

    fn name(&mut self, name: &str) -> Res<Val> {
        match name {
            "true" => return Ok(Val::Bool(true)),
            "false" => return Ok(Val::Bool(false)),
            "null" => return Ok(Val::Null),
            "args" if !self.vars.contains_key("args") => return Ok(Val::Args),
            _ => {}
        }
        if let Some(v) = self.vars.get(name) {
            return Ok(v.clone());
        }
        // Qualified calls: Console.WriteLine, Task.Delay, …
        let mut path = name.to_string();
        while self.is_op(".") {
            if let Some(Tok::Ident(n)) = self.toks.get(self.pos + 1) {
                path = format!("{path}.{n}");
                self.pos += 2;
            } else {
                break;
            }
        }
        let path = path.trim_start_matches("System.").to_string();
        let call = if self.is_op("(") { Some(self.call_args()?) } else { None };
        self.builtin(&path, call)
    }

    fn builtin(&mut self, path: &str, call: Option<Vec<Val>>) -> Res<Val> {
        let args = self.args.clone();
        match (path, call.as_deref()) {
            ("Console.WriteLine", Some(a)) => {
                let text = a.first().map(|v| v.show(&args)).unwrap_or_default();
                self.flush_delay();
                self.sh.out_str(&format!("{text}\n"))?;
                Ok(Val::Null)
            }
            ("Console.Write", Some([v])) => {
                self.flush_delay();
                self.sh.out_str(&v.show(&args))?;
                Ok(Val::Null)
            }
            ("Console.Error.WriteLine", Some(a)) => {
                let text = a.first().map(|v| v.show(&args)).unwrap_or_default();
                self.flush_delay();
                self.sh.err_str(&format!("{text}\n"))?;
                Ok(Val::Null)
            }
            ("Task.Delay" | "Thread.Sleep" | "Threading.Thread.Sleep" | "Threading.Tasks.Task.Delay", Some([v])) => {
                let ms = match v {
                    Val::Int(n) => *n,
                    Val::Span(ms) => *ms,
                    _ => return Err(Stop::Unsupported("this delay".into())),
                };
                self.pending_ms = self.pending_ms.saturating_add(ms.max(0));
                self.flush_delay();
                Ok(Val::Null)
            }
            ("TimeSpan.FromMilliseconds", Some([Val::Int(n)])) => Ok(Val::Span(*n)),
            ("TimeSpan.FromSeconds", Some([Val::Int(n)])) => Ok(Val::Span(n.saturating_mul(1000))),
            ("TimeSpan.FromSeconds", Some([Val::Num(f)])) => Ok(Val::Span((f * 1000.0) as i64)),
            ("TimeSpan.FromMinutes", Some([Val::Int(n)])) => Ok(Val::Span(n.saturating_mul(60_000))),
            ("Convert.ToInt32" | "int.Parse" | "Int32.Parse" | "Convert.ToInt64" | "long.Parse", Some([v])) => match v {
                Val::Int(n) => Ok(Val::Int(*n)),
                Val::Str(s) => s.trim().parse::<i64>().map(Val::Int).map_err(|_| {
                    Stop::Throw("System.FormatException".into(), format!("The input string '{s}' was not in a correct format."))
                }),
                Val::Null if path.starts_with("Convert") => Ok(Val::Int(0)),
                _ => Err(Stop::Unsupported(format!("{path} of this value"))),
            },
            ("Environment.GetEnvironmentVariable", Some([Val::Str(k)])) => {
                Ok(self.env.get(k.as_str()).map_or(Val::Null, |v| Val::Str(v.clone())))
            }
            ("Environment.MachineName", None) => Ok(Val::Str(self.hostname.clone())),
            ("Environment.ProcessorCount", None) => Ok(Val::Int(2)),
            ("Environment.NewLine", None) => Ok(Val::Str("\n".into())),
            ("Environment.Exit", Some([Val::Int(n)])) => {
                self.flush_delay();
                Err(Stop::Exit(*n as i32))
            }
            ("string.IsNullOrEmpty" | "String.IsNullOrEmpty", Some([v])) => {
                Ok(Val::Bool(matches!(v, Val::Null) || *v == Val::Str(String::new())))
            }
            ("Math.Max", Some([Val::Int(a), Val::Int(b)])) => Ok(Val::Int(*a.max(b))),
            ("Math.Min", Some([Val::Int(a), Val::Int(b)])) => Ok(Val::Int(*a.min(b))),
            ("string.Empty" | "String.Empty", None) => Ok(Val::Str(String::new())),
            ("int.MaxValue", None) => Ok(Val::Int(i32::MAX as i64)),
            _ => Err(Stop::Unsupported(match call {
                Some(_) => format!("the call {path}(…)"),
                None => format!("the name {path}"),
            })),
        }
    }
}

fn equal(a: &Val, b: &Val) -> bool {
    match (a, b) {
        (Val::Int(x), Val::Num(y)) | (Val::Num(y), Val::Int(x)) => (*x as f64) == *y,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_top_level_statements_and_main() {
        let top = "using System;\n// comment\nvar counter = 0;\nConsole.WriteLine($\"Counter: {++counter}\");\n";
        assert_eq!(analyse(top).statements, "\nvar counter = 0;\nConsole.WriteLine($\"Counter: {++counter}\");\n");
        let main =
            "namespace App {\n  class Program {\n    static void Main(string[] args) {\n      Console.WriteLine(\"Hi\");\n    }\n  }\n}\n";
        assert!(analyse(main).statements.contains("Console.WriteLine(\"Hi\");"));
    }

    #[test]
    fn reads_minimal_api_routes() {
        let web = "var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\n\napp.MapGet(\"/\", () => \"Hello World!\");\napp.MapGet(\"/time\", () => DateTime.Now);\napp.Run();\n";
        let a = analyse(web);
        assert!(a.web);
        assert_eq!(a.routes, vec![("/".into(), Some("Hello World!".into())), ("/time".into(), None)]);
    }

    #[test]
    fn lexes_interpolation_and_numbers() {
        let t = lex("$\"a {x:D2} {{b}}\" 1_000").unwrap();
        assert_eq!(t[0], Tok::Interp(vec![("a ".into(), Some("x:D2".into())), (" {b}".into(), None)]));
        assert_eq!(t[1], Tok::Int(1000));
        assert!(lex("\"open").is_err());
    }
}
