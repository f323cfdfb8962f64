//! Recursive-descent parser from tokens to [`Cmd`] (POSIX grammar subset).

use super::ast::{Cmd, CondExpr, Redir};
use super::lex::{tokenize, tokenize_as, CondTok, Tok, Token};

/// Parses a whole script. Errors read like dash's (`Syntax error: …`).
pub fn parse(src: &str) -> Result<Cmd, String> {
    let toks = tokenize(src)?;
    let mut p = Parser { toks, pos: 0, depth: 0, bash: false };
    let list = p.list(&[])?;
    if let Some(t) = p.peek() {
        return Err(format!("Syntax error: {} unexpected", describe(&t.tok)));
    }
    Ok(list)
}

/// A syntax error with what bash needs to word it.
#[derive(Clone, Debug)]
pub struct SyntaxError {
    /// dash's wording (`Syntax error: "(" unexpected`).
    pub msg: String,
    /// The line the offending token is on.
    pub line: usize,
    /// The offending token as written; `None` at the end of the script.
    pub token: Option<String>,
    /// An unterminated quote (`"`, `'`, `` ` ``, `)`).
    pub open_quote: Option<char>,
}

/// Parses a script as bash reads it: one top-level line (complete command)
/// at a time. Returns the lines that parsed before the first error.
pub fn parse_lines(src: &str) -> (Vec<Cmd>, Option<SyntaxError>) {
    let toks = match tokenize_as(src, true) {
        Ok(t) => t,
        Err(msg) => {
            let (single, quote_line) = unterminated_single(src);
            let open_quote = if msg.contains("Unterminated quoted string") {
                Some(if single { '\'' } else { '"' })
            } else if msg.contains("backquote") {
                Some('`')
            } else if msg.contains("expecting \")\"") {
                Some(')')
            } else {
                None
            };
            let line = if open_quote.is_some_and(|q| q != ')') { quote_line } else { src.lines().count() + 1 };
            // The lexer's `"X" unexpected` (a redirection without its word) names a token.
            let token =
                msg.strip_prefix("Syntax error: ").and_then(|r| r.strip_suffix(" unexpected")).map(|t| t.trim_matches('"').to_string());
            let line = if token.is_some() { src.lines().count().max(1) } else { line };
            return (Vec::new(), Some(SyntaxError { msg, line, token, open_quote }));
        }
    };
    let mut p = Parser { toks, pos: 0, depth: 0, bash: true };
    let mut out = Vec::new();
    loop {
        p.skip_newlines();
        if p.peek().is_none() {
            return (out, None);
        }
        match p.line_group() {
            Ok(cmd) => out.push(cmd),
            Err(msg) => {
                let (line, token) = match p.peek() {
                    Some(t) => (t.line, Some(token_text(&t.tok))),
                    None => (src.lines().count() + 1, None),
                };
                return (out, Some(SyntaxError { msg, line, token, open_quote: None }));
            }
        }
    }
}

/// Whether the quote left open is a single one, and the line it opens on.
fn unterminated_single(src: &str) -> (bool, usize) {
    let (mut single, mut double) = (false, false);
    let (mut line, mut opened) = (1, 1);
    let mut chars = src.chars();
    while let Some(c) = chars.next() {
        match c {
            '\n' => line += 1,
            '\\' if !single && chars.next() == Some('\n') => line += 1,
            '\'' if !double => {
                single = !single;
                opened = line;
            }
            '"' if !single => {
                double = !double;
                opened = line;
            }
            _ => {}
        }
    }
    (single, opened)
}

fn token_text(tok: &Tok) -> String {
    match tok {
        Tok::Word(w) => w.clone(),
        Tok::Op(o) => (*o).to_string(),
        Tok::Redir(r) => r.target.clone(),
        Tok::Newline => "newline".into(),
        Tok::Cond(_) => "[[".into(),
        Tok::Arith(_) => "((".into(),
    }
}

struct Parser {
    toks: Vec<Token>,
    pos: usize,
    /// Nesting of compound commands being parsed.
    depth: u32,
    /// bash's grammar (`a+=x`, `a[i]=x` assignments).
    bash: bool,
}

/// Compound commands nested deeper than this are refused (the parser
/// recurses once per level; bash's own parser gives up with "memory exhausted").
pub const PARSE_DEPTH_LIMIT: u32 = 200;

/// Parses the words of `[[ … ]]` into an expression.
fn cond_expr(words: &[CondTok]) -> Result<CondExpr, String> {
    let mut p = CondParser { w: words, i: 0, depth: 0 };
    if words.is_empty() {
        return Err("Syntax error: \"]]\" unexpected".into());
    }
    let e = p.or()?;
    if p.i < words.len() {
        return Err(format!("Syntax error: \"{}\" unexpected", cond_text(&words[p.i])));
    }
    Ok(e)
}

fn cond_text(t: &CondTok) -> &str {
    match t {
        CondTok::Op(s) | CondTok::Word(s) => s,
    }
}

struct CondParser<'w> {
    w: &'w [CondTok],
    i: usize,
    depth: u32,
}

const COND_UNARY: &[&str] = &[
    "-a", "-b", "-c", "-d", "-e", "-f", "-g", "-h", "-k", "-p", "-r", "-s", "-t", "-u", "-w", "-x", "-G", "-L", "-N", "-O", "-S", "-z",
    "-n", "-o", "-v", "-R",
];
const COND_BINARY: &[&str] = &["==", "=", "!=", "=~", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef"];

impl CondParser<'_> {
    fn op(&self, s: &str) -> bool {
        matches!(self.w.get(self.i), Some(CondTok::Op(o)) if o == s)
    }
    fn or(&mut self) -> Result<CondExpr, String> {
        let mut l = self.and()?;
        while self.op("||") {
            self.i += 1;
            l = CondExpr::Or(Box::new(l), Box::new(self.and()?));
        }
        Ok(l)
    }
    fn and(&mut self) -> Result<CondExpr, String> {
        let mut l = self.not()?;
        while self.op("&&") {
            self.i += 1;
            l = CondExpr::And(Box::new(l), Box::new(self.not()?));
        }
        Ok(l)
    }
    fn not(&mut self) -> Result<CondExpr, String> {
        self.depth += 1;
        if self.depth > PARSE_DEPTH_LIMIT {
            return Err(format!("Syntax error: nesting deeper than {PARSE_DEPTH_LIMIT} levels"));
        }
        let r = self.not_inner();
        self.depth -= 1;
        r
    }
    fn not_inner(&mut self) -> Result<CondExpr, String> {
        if self.op("!") {
            self.i += 1;
            return Ok(CondExpr::Not(Box::new(self.not()?)));
        }
        if self.op("(") {
            self.i += 1;
            let e = self.or()?;
            if !self.op(")") {
                return Err("Syntax error: expecting \")\"".into());
            }
            self.i += 1;
            return Ok(e);
        }
        let Some(CondTok::Word(first)) = self.w.get(self.i).cloned() else {
            let found = self.w.get(self.i).map_or("]]", cond_text);
            return Err(format!("Syntax error: \"{found}\" unexpected"));
        };
        self.i += 1;
        let next = self.w.get(self.i).cloned();
        match next {
            Some(CondTok::Word(op)) if COND_BINARY.contains(&op.as_str()) => {
                self.i += 1;
                let Some(CondTok::Word(right)) = self.w.get(self.i).cloned() else {
                    return Err(format!("Syntax error: \"{op}\" unexpected"));
                };
                self.i += 1;
                Ok(CondExpr::Binary(first, op, right))
            }
            Some(CondTok::Op(op)) if op == "<" || op == ">" => {
                self.i += 1;
                let Some(CondTok::Word(right)) = self.w.get(self.i).cloned() else {
                    return Err(format!("Syntax error: \"{op}\" unexpected"));
                };
                self.i += 1;
                Ok(CondExpr::Binary(first, op, right))
            }
            Some(CondTok::Word(arg)) if COND_UNARY.contains(&first.as_str()) => {
                self.i += 1;
                Ok(CondExpr::Unary(first, arg))
            }
            _ => Ok(CondExpr::Word(first)),
        }
    }
}

fn describe(tok: &Tok) -> String {
    match tok {
        Tok::Word(w) => format!("\"{w}\""),
        Tok::Op(o) => format!("\"{o}\""),
        Tok::Redir(_) => "redirection".into(),
        Tok::Newline => "newline".into(),
        Tok::Cond(_) => "\"[[\"".into(),
        Tok::Arith(_) => "\"((\"".into(),
    }
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.toks.get(self.pos)
    }

    fn peek_word(&self) -> Option<&str> {
        match self.peek().map(|t| &t.tok) {
            Some(Tok::Word(w)) => Some(w),
            _ => None,
        }
    }

    fn is_op(&self, op: &str) -> bool {
        matches!(self.peek().map(|t| &t.tok), Some(Tok::Op(o)) if *o == op)
    }

    fn skip_newlines(&mut self) {
        while matches!(self.peek().map(|t| &t.tok), Some(Tok::Newline)) {
            self.pos += 1;
        }
    }

    fn expect_word(&mut self, word: &str) -> Result<(), String> {
        self.skip_newlines();
        if self.peek_word() == Some(word) {
            self.pos += 1;
            Ok(())
        } else {
            let found = self.peek().map_or("end of file".to_string(), |t| describe(&t.tok));
            Err(format!("Syntax error: {found} unexpected (expecting \"{word}\")"))
        }
    }

    /// The and-or commands of one top-level line (up to a newline).
    fn line_group(&mut self) -> Result<Cmd, String> {
        let mut items = Vec::new();
        while self.peek().is_some() && !matches!(self.peek().map(|t| &t.tok), Some(Tok::Newline)) {
            if self.is_op(")") || self.is_op(";;") {
                return Err(format!("Syntax error: {} unexpected", describe(&self.peek().expect("token").tok)));
            }
            let cmd = self.and_or()?;
            if self.is_op("&") {
                self.pos += 1;
                items.push(Cmd::Background(Box::new(cmd)));
            } else {
                if self.is_op(";") {
                    self.pos += 1;
                }
                items.push(cmd);
            }
        }
        Ok(if items.len() == 1 { items.pop().expect("one") } else { Cmd::Seq(items) })
    }

    /// A list of and-or commands, until one of `stops` (reserved words) or `)`.
    fn list(&mut self, stops: &[&str]) -> Result<Cmd, String> {
        let mut items = Vec::new();
        loop {
            self.skip_newlines();
            match self.peek() {
                None => break,
                Some(t) => match &t.tok {
                    Tok::Word(w) if stops.contains(&w.as_str()) => break,
                    Tok::Op(")") | Tok::Op(";;") => break,
                    _ => {}
                },
            }
            let cmd = self.and_or()?;
            if self.is_op("&") {
                self.pos += 1;
                items.push(Cmd::Background(Box::new(cmd)));
            } else {
                if self.is_op(";") {
                    self.pos += 1;
                }
                items.push(cmd);
            }
        }
        Ok(if items.len() == 1 { items.pop().expect("one") } else { Cmd::Seq(items) })
    }

    fn and_or(&mut self) -> Result<Cmd, String> {
        let mut left = self.pipeline()?;
        loop {
            if self.is_op("&&") {
                self.pos += 1;
                self.skip_newlines();
                left = Cmd::And(Box::new(left), Box::new(self.pipeline()?));
            } else if self.is_op("||") {
                self.pos += 1;
                self.skip_newlines();
                left = Cmd::Or(Box::new(left), Box::new(self.pipeline()?));
            } else {
                return Ok(left);
            }
        }
    }

    fn pipeline(&mut self) -> Result<Cmd, String> {
        let negate = self.peek_word() == Some("!");
        if negate {
            self.pos += 1;
        }
        let mut cmds = vec![self.command()?];
        while self.is_op("|") {
            self.pos += 1;
            self.skip_newlines();
            cmds.push(self.command()?);
        }
        Ok(if cmds.len() == 1 && !negate { cmds.pop().expect("one") } else { Cmd::Pipeline { cmds, negate } })
    }

    fn command(&mut self) -> Result<Cmd, String> {
        self.depth += 1;
        if self.depth > PARSE_DEPTH_LIMIT {
            return Err(format!("Syntax error: nesting deeper than {PARSE_DEPTH_LIMIT} levels"));
        }
        let r = self.command_inner();
        self.depth -= 1;
        r
    }

    fn command_inner(&mut self) -> Result<Cmd, String> {
        if let Some(t) = self.peek() {
            let line = t.line;
            match &t.tok {
                Tok::Cond(words) => {
                    let words = words.clone();
                    self.pos += 1;
                    let expr = cond_expr(&words)?;
                    let redirs = self.redirs();
                    let cmd = Cmd::Cond { expr, line };
                    return Ok(if redirs.is_empty() { cmd } else { Cmd::Redirected(Box::new(cmd), redirs) });
                }
                Tok::Arith(expr) => {
                    let cmd = Cmd::Arith { expr: expr.clone(), line };
                    self.pos += 1;
                    let redirs = self.redirs();
                    return Ok(if redirs.is_empty() { cmd } else { Cmd::Redirected(Box::new(cmd), redirs) });
                }
                _ => {}
            }
        }
        if self.peek_word() == Some("function") {
            if let Some(Tok::Word(name)) = self.toks.get(self.pos + 1).map(|t| t.tok.clone()) {
                self.pos += 2;
                if self.is_op("(") && matches!(self.toks.get(self.pos + 1).map(|t| &t.tok), Some(Tok::Op(")"))) {
                    self.pos += 2;
                }
                self.skip_newlines();
                let body = self.command()?;
                return Ok(Cmd::Func { name, body: Box::new(body) });
            }
        }
        let cmd = match self.peek_word() {
            Some("if") => self.if_cmd()?,
            Some("while") | Some("until") => self.while_cmd()?,
            Some("for") => self.for_cmd()?,
            Some("case") => self.case_cmd()?,
            Some("{") => {
                self.pos += 1;
                let body = self.list(&["}"])?;
                self.expect_word("}")?;
                Cmd::Group(Box::new(body))
            }
            _ if self.is_op("(") => {
                self.pos += 1;
                let body = self.list(&[])?;
                if !self.is_op(")") {
                    return Err("Syntax error: end of file unexpected (expecting \")\")".into());
                }
                self.pos += 1;
                Cmd::Subshell(Box::new(body))
            }
            _ => return self.simple(),
        };
        let redirs = self.redirs();
        Ok(if redirs.is_empty() { cmd } else { Cmd::Redirected(Box::new(cmd), redirs) })
    }

    fn redirs(&mut self) -> Vec<Redir> {
        let mut out = Vec::new();
        while let Some(Tok::Redir(r)) = self.peek().map(|t| &t.tok) {
            out.push(r.clone());
            self.pos += 1;
        }
        out
    }

    fn simple(&mut self) -> Result<Cmd, String> {
        let line = self.peek().map_or(1, |t| t.line);
        let mut assigns = Vec::new();
        let mut words: Vec<String> = Vec::new();
        let mut redirs = Vec::new();
        loop {
            match self.peek().map(|t| t.tok.clone()) {
                Some(Tok::Word(w)) => {
                    if words.is_empty() {
                        if let Some((name, value)) = assignment(&w).filter(|(n, _)| self.bash || !n.contains(['+', '['])) {
                            assigns.push((name, value));
                            self.pos += 1;
                            continue;
                        }
                        if matches!(w.as_str(), "then" | "else" | "elif" | "fi" | "do" | "done" | "esac" | "}") && assigns.is_empty() {
                            return Err(format!("Syntax error: \"{w}\" unexpected"));
                        }
                    }
                    words.push(w);
                    self.pos += 1;
                    // `name() { … }` defines a function.
                    if words.len() == 1 && self.is_op("(") && matches!(self.toks.get(self.pos + 1).map(|t| &t.tok), Some(Tok::Op(")"))) {
                        self.pos += 2;
                        self.skip_newlines();
                        let body = self.command()?;
                        return Ok(Cmd::Func { name: words.pop().expect("name"), body: Box::new(body) });
                    }
                }
                Some(Tok::Redir(r)) => {
                    redirs.push(r);
                    self.pos += 1;
                }
                _ => break,
            }
        }
        if words.is_empty() && assigns.is_empty() && redirs.is_empty() {
            let found = self.peek().map_or("end of file".to_string(), |t| describe(&t.tok));
            return Err(format!("Syntax error: {found} unexpected"));
        }
        Ok(Cmd::Simple { assigns, words, redirs, line })
    }

    fn if_cmd(&mut self) -> Result<Cmd, String> {
        self.pos += 1;
        let mut branches = Vec::new();
        let cond = self.list(&["then"])?;
        self.expect_word("then")?;
        let body = self.list(&["elif", "else", "fi"])?;
        branches.push((cond, body));
        let mut otherwise = None;
        loop {
            self.skip_newlines();
            match self.peek_word() {
                Some("elif") => {
                    self.pos += 1;
                    let c = self.list(&["then"])?;
                    self.expect_word("then")?;
                    let b = self.list(&["elif", "else", "fi"])?;
                    branches.push((c, b));
                }
                Some("else") => {
                    self.pos += 1;
                    otherwise = Some(Box::new(self.list(&["fi"])?));
                }
                _ => break,
            }
        }
        self.expect_word("fi")?;
        Ok(Cmd::If { branches, otherwise })
    }

    fn while_cmd(&mut self) -> Result<Cmd, String> {
        let until = self.peek_word() == Some("until");
        self.pos += 1;
        let cond = self.list(&["do"])?;
        self.expect_word("do")?;
        let body = self.list(&["done"])?;
        self.expect_word("done")?;
        Ok(Cmd::While { cond: Box::new(cond), body: Box::new(body), until })
    }

    fn for_cmd(&mut self) -> Result<Cmd, String> {
        self.pos += 1;
        if let Some(Tok::Arith(expr)) = self.peek().map(|t| t.tok.clone()) {
            self.pos += 1;
            let parts: Vec<&str> = expr.splitn(3, ';').collect();
            if parts.len() != 3 {
                return Err("Syntax error: \"((\" unexpected".into());
            }
            if self.is_op(";") {
                self.pos += 1;
            }
            self.skip_newlines();
            let (body, closer) = if self.peek_word() == Some("{") {
                (self.command()?, None)
            } else {
                self.expect_word("do")?;
                (self.list(&["done"])?, Some("done"))
            };
            if let Some(w) = closer {
                self.expect_word(w)?;
            }
            return Ok(Cmd::ForArith {
                init: parts[0].trim().into(),
                cond: parts[1].trim().into(),
                step: parts[2].trim().into(),
                body: Box::new(body),
            });
        }
        let var = self.peek_word().map(str::to_string).ok_or("Syntax error: Bad for loop variable")?;
        self.pos += 1;
        self.skip_newlines();
        let mut items = None;
        if self.peek_word() == Some("in") {
            self.pos += 1;
            let mut list = Vec::new();
            while let Some(w) = self.peek_word() {
                list.push(w.to_string());
                self.pos += 1;
            }
            items = Some(list);
        }
        if self.is_op(";") {
            self.pos += 1;
        }
        self.expect_word("do")?;
        let body = self.list(&["done"])?;
        self.expect_word("done")?;
        Ok(Cmd::For { var, items, body: Box::new(body) })
    }

    fn case_cmd(&mut self) -> Result<Cmd, String> {
        self.pos += 1;
        let word = self.peek_word().map(str::to_string).ok_or("Syntax error: expecting word")?;
        self.pos += 1;
        self.expect_word("in")?;
        let mut arms = Vec::new();
        loop {
            self.skip_newlines();
            if self.peek_word() == Some("esac") {
                self.pos += 1;
                break;
            }
            if self.is_op("(") {
                self.pos += 1;
            }
            let mut patterns = Vec::new();
            loop {
                let p = self.peek_word().map(str::to_string).ok_or("Syntax error: expecting pattern")?;
                patterns.push(p);
                self.pos += 1;
                if self.is_op("|") {
                    self.pos += 1;
                } else {
                    break;
                }
            }
            if !self.is_op(")") {
                return Err("Syntax error: expecting \")\"".into());
            }
            self.pos += 1;
            let body = self.list(&["esac"])?;
            arms.push((patterns, body));
            if self.is_op(";;") {
                self.pos += 1;
            }
        }
        Ok(Cmd::Case { word, arms })
    }
}

/// `NAME=value` at the start of a simple command (bash also `NAME+=value`
/// and `NAME[index]=value`; the name keeps the `+` and the subscript).
fn assignment(word: &str) -> Option<(String, String)> {
    let (name, value) = word.split_once('=')?;
    if let Some(open) = name.find('[') {
        let base = &name[..open];
        let valid = !base.is_empty()
            && base.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && base.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        let closes = name.trim_end_matches('+').ends_with(']');
        return (valid && closes).then(|| (name.to_string(), value.to_string()));
    }
    let bare = name.strip_suffix('+').unwrap_or(name);
    if bare.len() != name.len() {
        let valid = !bare.is_empty()
            && bare.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && bare.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        return valid.then(|| (name.to_string(), value.to_string()));
    }
    let valid = !name.is_empty()
        && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    valid.then(|| (name.to_string(), value.to_string()))
}
