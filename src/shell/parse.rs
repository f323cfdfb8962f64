//! Recursive-descent parser from tokens to [`Cmd`] (POSIX grammar subset).

use super::ast::{Cmd, Redir};
use super::lex::{tokenize, Tok, Token};

/// Parses a whole script. Errors read like dash's (`Syntax error: …`).
pub fn parse(src: &str) -> Result<Cmd, String> {
    let toks = tokenize(src)?;
    let mut p = Parser { toks, pos: 0 };
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
    let toks = match tokenize(src) {
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
            let token = msg.strip_prefix("Syntax error: ").and_then(|r| r.strip_suffix(" unexpected")).map(|t| t.trim_matches('"').to_string());
            let line = if token.is_some() { src.lines().count().max(1) } else { line };
            return (Vec::new(), Some(SyntaxError { msg, line, token, open_quote }));
        }
    };
    let mut p = Parser { toks, pos: 0 };
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
    }
}

struct Parser {
    toks: Vec<Token>,
    pos: usize,
}

fn describe(tok: &Tok) -> String {
    match tok {
        Tok::Word(w) => format!("\"{w}\""),
        Tok::Op(o) => format!("\"{o}\""),
        Tok::Redir(_) => "redirection".into(),
        Tok::Newline => "newline".into(),
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
                        if let Some((name, value)) = assignment(&w) {
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

/// `NAME=value` at the start of a simple command.
fn assignment(word: &str) -> Option<(String, String)> {
    let (name, value) = word.split_once('=')?;
    let valid = !name.is_empty()
        && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    valid.then(|| (name.to_string(), value.to_string()))
}
