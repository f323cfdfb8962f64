//! PHP's grammar: statements (also the `if (): … endif;` forms templates
//! use) and expressions by precedence climbing, PHP 8's table.

use super::ast::*;
use super::lex::{Spanned, Tok};
use std::rc::Rc;

pub struct Parser {
    toks: Vec<Spanned>,
    pos: usize,
    anon: usize,
    /// Nesting of statements and expressions being parsed ([`MAX_NESTING`]).
    depth: usize,
}

/// How deeply statements and expressions may nest: the parser and the
/// interpreter recurse once per level, and the page's engine has a small stack.
pub const MAX_NESTING: usize = 64;

/// A parse error: PHP's message and the line.
pub type PErr = (String, usize);
type P<T> = Result<T, PErr>;

const KEYWORDS: &[&str] = &[
    "echo",
    "print",
    "if",
    "else",
    "elseif",
    "while",
    "do",
    "for",
    "foreach",
    "function",
    "return",
    "class",
    "new",
    "switch",
    "case",
    "default",
    "break",
    "continue",
    "try",
    "catch",
    "finally",
    "throw",
    "as",
    "public",
    "private",
    "protected",
    "static",
    "const",
    "endif",
    "endforeach",
    "endwhile",
    "endfor",
    "endswitch",
    "match",
    "fn",
    "global",
    "unset",
    "isset",
    "empty",
    "include",
    "require",
    "include_once",
    "require_once",
    "extends",
    "implements",
    "interface",
    "trait",
    "abstract",
    "final",
    "instanceof",
    "use",
    "namespace",
    "list",
    "array",
    "and",
    "or",
    "xor",
    "readonly",
    "enum",
    "clone",
    "exit",
    "die",
];

pub fn parse(toks: Vec<Spanned>) -> P<Vec<Stmt>> {
    let mut p = Parser { toks, pos: 0, anon: 0, depth: 0 };
    let mut out = Vec::new();
    while !p.at_end() {
        out.push(p.stmt()?);
    }
    Ok(out)
}

/// Parses one expression from source text (`{$…}` in strings).
pub fn parse_expr_src(src: &str, line: usize) -> P<Expr> {
    let toks = super::lex::lex(&format!("<?php {src};")).map_err(|(m, _)| (m, line))?;
    let toks = toks.into_iter().map(|(t, _)| (t, line)).collect();
    let mut p = Parser { toks, pos: 0, anon: 0, depth: 0 };
    p.expr()
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Var(v) => format!("variable \"${v}\""),
        Tok::Name(n) if KEYWORDS.contains(&n.to_ascii_lowercase().as_str()) => format!("token \"{n}\""),
        Tok::Name(n) => format!("identifier \"{n}\""),
        Tok::Int(i) => format!("integer \"{i}\""),
        Tok::Float(f) => format!("floating-point number \"{f}\""),
        Tok::Str(s) => format!("single-quoted string \"{s}\""),
        Tok::Interp(s, _) => format!("double-quoted string \"{s}\""),
        Tok::Op(o) => format!("token \"{o}\""),
        Tok::Cast(c) => format!("token \"({c})\""),
        Tok::Html(_) | Tok::OpenEcho => "token \"?>\"".into(),
        Tok::End => "end of file".into(),
    }
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.toks[self.pos.min(self.toks.len() - 1)].0
    }
    fn peek_at(&self, n: usize) -> &Tok {
        &self.toks[(self.pos + n).min(self.toks.len() - 1)].0
    }
    pub fn line(&self) -> usize {
        self.toks[self.pos.min(self.toks.len() - 1)].1
    }
    fn at_end(&self) -> bool {
        matches!(self.peek(), Tok::End)
    }
    fn next(&mut self) -> Tok {
        let t = self.peek().clone();
        if self.pos < self.toks.len() {
            self.pos += 1;
        }
        t
    }
    fn is_op(&self, op: &str) -> bool {
        matches!(self.peek(), Tok::Op(o) if *o == op)
    }
    fn is_kw(&self, kw: &str) -> bool {
        matches!(self.peek(), Tok::Name(n) if n.eq_ignore_ascii_case(kw))
    }
    fn eat(&mut self, op: &str) -> bool {
        if self.is_op(op) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn eat_kw(&mut self, kw: &str) -> bool {
        if self.is_kw(kw) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn unexpected<T>(&self) -> P<T> {
        Err((format!("syntax error, unexpected {}", describe(self.peek())), self.line()))
    }
    fn expect(&mut self, op: &str) -> P<()> {
        if self.eat(op) {
            return Ok(());
        }
        // `?>` ends a statement like `;`.
        Err((format!("syntax error, unexpected {}, expecting \"{op}\"", describe(self.peek())), self.line()))
    }
    fn semi(&mut self) -> P<()> {
        if self.eat(";") || matches!(self.peek(), Tok::Html(_) | Tok::End) {
            return Ok(());
        }
        self.unexpected()
    }
    fn name(&mut self) -> P<Rc<str>> {
        match self.next() {
            Tok::Name(n) => Ok(n.into()),
            _ => {
                self.pos -= 1;
                self.unexpected()
            }
        }
    }

    fn block_or_stmt(&mut self) -> P<Vec<Stmt>> {
        if self.eat("{") {
            self.stmts_until(&["}"])
        } else {
            Ok(vec![self.stmt()?])
        }
    }

    /// Statements up to one of `ends` (a `}` is eaten; keywords are left).
    fn stmts_until(&mut self, ends: &[&str]) -> P<Vec<Stmt>> {
        let mut out = Vec::new();
        let open_line = self.toks[self.pos.saturating_sub(1)].1;
        loop {
            if self.at_end() {
                if ends.contains(&"}") {
                    return Err((format!("Unclosed '{{' on line {open_line}"), self.line()));
                }
                return self.unexpected();
            }
            if ends.contains(&"}") && self.eat("}") {
                return Ok(out);
            }
            if ends.iter().any(|e| *e != "}" && self.is_kw(e)) {
                return Ok(out);
            }
            out.push(self.stmt()?);
        }
    }

    /// A body in braces or in the alternative syntax (`: … endX;`).
    fn body(&mut self, end: &str, also: &[&str]) -> P<(Vec<Stmt>, bool)> {
        if self.eat(":") {
            let mut ends = vec![end];
            ends.extend_from_slice(also);
            let b = self.stmts_until(&ends)?;
            Ok((b, true))
        } else {
            Ok((self.block_or_stmt()?, false))
        }
    }

    pub fn stmt(&mut self) -> P<Stmt> {
        let line = self.line();
        // A statement's frames are the parser's largest: it costs four levels.
        let s = self.nested_by(4, Self::stmt_inner)?;
        Ok(Stmt::Line(line, Box::new(s)))
    }

    /// Runs `parse` one level deeper, refusing past [`MAX_NESTING`].
    fn nested<T>(&mut self, parse: impl FnOnce(&mut Self) -> P<T>) -> P<T> {
        self.nested_by(1, parse)
    }

    /// [`Parser::nested`] for a construct that counts as `cost` levels.
    fn nested_by<T>(&mut self, cost: usize, parse: impl FnOnce(&mut Self) -> P<T>) -> P<T> {
        if self.depth + cost > MAX_NESTING {
            return Err((format!("dockersim: code nested deeper than {MAX_NESTING} levels is not simulated"), self.line()));
        }
        self.depth += cost;
        let r = parse(self);
        self.depth -= cost;
        r
    }

    fn stmt_inner(&mut self) -> P<Stmt> {
        match self.peek().clone() {
            Tok::Html(h) => {
                self.pos += 1;
                return Ok(Stmt::Html(h.into()));
            }
            Tok::OpenEcho => {
                self.pos += 1;
                let mut es = vec![self.expr()?];
                while self.eat(",") {
                    es.push(self.expr()?);
                }
                self.semi()?;
                return Ok(Stmt::Echo(es));
            }
            Tok::Op(";") => {
                self.pos += 1;
                return Ok(Stmt::Nop);
            }
            Tok::Op("{") => {
                self.pos += 1;
                return Ok(Stmt::Block(self.stmts_until(&["}"])?));
            }
            Tok::Name(n) => {
                let kw = n.to_ascii_lowercase();
                // `name:` is a label (goto is not simulated): skip it.
                match kw.as_str() {
                    "echo" => {
                        self.pos += 1;
                        let mut es = vec![self.expr()?];
                        while self.eat(",") {
                            es.push(self.expr()?);
                        }
                        if self.semi().is_err() {
                            // PHP's parser names what may follow an echo list.
                            return Err((
                                format!("syntax error, unexpected {}, expecting \",\" or \";\"", describe(self.peek())),
                                self.line(),
                            ));
                        }
                        return Ok(Stmt::Echo(es));
                    }
                    "if" => return self.if_stmt(),
                    "while" => {
                        self.pos += 1;
                        self.expect("(")?;
                        let c = self.expr()?;
                        self.expect(")")?;
                        let (b, alt) = self.body("endwhile", &[])?;
                        if alt {
                            self.pos += 1;
                            self.semi()?;
                        }
                        return Ok(Stmt::While(c, b));
                    }
                    "do" => {
                        self.pos += 1;
                        let b = self.block_or_stmt()?;
                        if !self.eat_kw("while") {
                            return self.unexpected();
                        }
                        self.expect("(")?;
                        let c = self.expr()?;
                        self.expect(")")?;
                        self.semi()?;
                        return Ok(Stmt::DoWhile(b, c));
                    }
                    "for" => {
                        self.pos += 1;
                        self.expect("(")?;
                        let mut parts = Vec::new();
                        for end in [";", ";", ")"] {
                            let mut es = Vec::new();
                            if !self.is_op(end) {
                                es.push(self.expr()?);
                                while self.eat(",") {
                                    es.push(self.expr()?);
                                }
                            }
                            self.expect(end)?;
                            parts.push(es);
                        }
                        let (b, alt) = self.body("endfor", &[])?;
                        if alt {
                            self.pos += 1;
                            self.semi()?;
                        }
                        let step = parts.pop().unwrap_or_default();
                        let cond = parts.pop().unwrap_or_default();
                        let init = parts.pop().unwrap_or_default();
                        return Ok(Stmt::For(init, cond, step, b));
                    }
                    "foreach" => {
                        self.pos += 1;
                        self.expect("(")?;
                        let subject = self.expr()?;
                        if !self.eat_kw("as") {
                            return Err((format!("syntax error, unexpected {}, expecting \"as\"", describe(self.peek())), self.line()));
                        }
                        let mut by_ref = self.eat("&");
                        let first = self.expr_bp(5)?;
                        let (key, val) = if self.eat("=>") {
                            by_ref = self.eat("&");
                            (Some(first), self.expr_bp(5)?)
                        } else {
                            (None, first)
                        };
                        self.expect(")")?;
                        let val = if matches!(val, Expr::Array(_)) { to_list(val) } else { val };
                        let (b, alt) = self.body("endforeach", &[])?;
                        if alt {
                            self.pos += 1;
                            self.semi()?;
                        }
                        return Ok(Stmt::Foreach(subject, key, val, by_ref, b));
                    }
                    "switch" => return self.switch_stmt(),
                    "break" | "continue" => {
                        self.pos += 1;
                        let n = match self.peek() {
                            Tok::Int(n) => {
                                let n = *n as usize;
                                self.pos += 1;
                                n.max(1)
                            }
                            _ => 1,
                        };
                        self.semi()?;
                        return Ok(if kw == "break" { Stmt::Break(n) } else { Stmt::Continue(n) });
                    }
                    "return" => {
                        self.pos += 1;
                        if self.eat(";") || matches!(self.peek(), Tok::Html(_) | Tok::End) {
                            return Ok(Stmt::Return(None));
                        }
                        let e = self.expr()?;
                        self.semi()?;
                        return Ok(Stmt::Return(Some(e)));
                    }
                    "function"
                        if matches!(self.peek_at(1), Tok::Name(_))
                            || matches!(self.peek_at(1), Tok::Op("&")) && matches!(self.peek_at(2), Tok::Name(_)) =>
                    {
                        self.pos += 1;
                        let by_ref = self.eat("&");
                        let name = self.name()?;
                        let mut f = self.func_rest(name, true)?;
                        f.by_ref = by_ref;
                        return Ok(Stmt::Func(Rc::new(f)));
                    }
                    "abstract" | "final" | "class" | "interface" | "trait" | "readonly" | "enum"
                        if kw != "enum" || matches!(self.peek_at(1), Tok::Name(_)) =>
                    {
                        return Ok(Stmt::Class(Rc::new(self.class_decl(None)?)));
                    }
                    "try" => return self.try_stmt(),
                    "throw" => {
                        self.pos += 1;
                        let e = self.expr()?;
                        self.semi()?;
                        return Ok(Stmt::Throw(e));
                    }
                    "global" => {
                        self.pos += 1;
                        let mut names = Vec::new();
                        loop {
                            match self.next() {
                                Tok::Var(v) => names.push(v.into()),
                                _ => {
                                    self.pos -= 1;
                                    return self.unexpected();
                                }
                            }
                            if !self.eat(",") {
                                break;
                            }
                        }
                        self.semi()?;
                        return Ok(Stmt::Global(names));
                    }
                    "static" if matches!(self.peek_at(1), Tok::Var(_)) => {
                        self.pos += 1;
                        let mut vars = Vec::new();
                        loop {
                            let Tok::Var(v) = self.next() else { return self.unexpected() };
                            let init = if self.eat("=") { Some(self.expr()?) } else { None };
                            vars.push((v.into(), init));
                            if !self.eat(",") {
                                break;
                            }
                        }
                        self.semi()?;
                        return Ok(Stmt::Static(vars));
                    }
                    "unset" => {
                        self.pos += 1;
                        self.expect("(")?;
                        let mut es = Vec::new();
                        while !self.eat(")") {
                            es.push(self.expr()?);
                            if !self.eat(",") {
                                self.expect(")")?;
                                break;
                            }
                        }
                        self.semi()?;
                        return Ok(Stmt::Unset(es));
                    }
                    "namespace" => {
                        self.pos += 1;
                        while !self.is_op(";") && !self.is_op("{") && !self.at_end() {
                            self.pos += 1;
                        }
                        if self.eat("{") {
                            return Ok(Stmt::Block(self.stmts_until(&["}"])?));
                        }
                        self.semi()?;
                        return Ok(Stmt::Nop);
                    }
                    "use" => {
                        self.pos += 1;
                        while !self.is_op(";") && !self.at_end() {
                            self.pos += 1;
                        }
                        self.semi()?;
                        return Ok(Stmt::Nop);
                    }
                    "declare" => {
                        self.pos += 1;
                        self.expect("(")?;
                        while !self.eat(")") && !self.at_end() {
                            self.pos += 1;
                        }
                        self.semi()?;
                        return Ok(Stmt::Nop);
                    }
                    "const" => {
                        self.pos += 1;
                        let mut cs = Vec::new();
                        loop {
                            let n = self.name()?;
                            self.expect("=")?;
                            cs.push((n, self.expr()?));
                            if !self.eat(",") {
                                break;
                            }
                        }
                        self.semi()?;
                        return Ok(Stmt::Const(cs));
                    }
                    "else" | "elseif" | "endif" | "endforeach" | "endwhile" | "endfor" | "endswitch" | "case" | "default" | "catch"
                    | "finally"
                        if !matches!(self.peek_at(1), Tok::Op("(") | Tok::Op("::")) || kw != "default" =>
                    {
                        return self.unexpected();
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        let e = self.expr()?;
        self.semi()?;
        Ok(Stmt::Expr(e))
    }

    fn if_stmt(&mut self) -> P<Stmt> {
        self.pos += 1;
        self.expect("(")?;
        let c = self.expr()?;
        self.expect(")")?;
        if self.eat(":") {
            let mut arms = vec![(c, self.stmts_until(&["elseif", "else", "endif"])?)];
            let mut other = None;
            loop {
                if self.eat_kw("elseif") {
                    self.expect("(")?;
                    let c = self.expr()?;
                    self.expect(")")?;
                    self.expect(":")?;
                    arms.push((c, self.stmts_until(&["elseif", "else", "endif"])?));
                } else if self.eat_kw("else") {
                    self.expect(":")?;
                    other = Some(self.stmts_until(&["endif"])?);
                } else {
                    if !self.eat_kw("endif") {
                        return self.unexpected();
                    }
                    self.semi()?;
                    return Ok(Stmt::If(arms, other));
                }
            }
        }
        let mut arms = vec![(c, self.block_or_stmt()?)];
        let mut other = None;
        loop {
            if self.is_kw("elseif") || self.is_kw("else") && matches!(self.peek_at(1), Tok::Name(n) if n.eq_ignore_ascii_case("if")) {
                // `else if` or `elseif`.
                self.eat_kw("else");
                self.pos += 1;
                self.expect("(")?;
                let c = self.expr()?;
                self.expect(")")?;
                arms.push((c, self.block_or_stmt()?));
            } else if self.eat_kw("else") {
                other = Some(self.block_or_stmt()?);
                break;
            } else {
                break;
            }
        }
        Ok(Stmt::If(arms, other))
    }

    fn switch_stmt(&mut self) -> P<Stmt> {
        self.pos += 1;
        self.expect("(")?;
        let subject = self.expr()?;
        self.expect(")")?;
        let alt = !self.eat("{");
        if alt {
            self.expect(":")?;
        }
        let mut cases = Vec::new();
        loop {
            if !alt && self.eat("}") || alt && self.eat_kw("endswitch") {
                break;
            }
            let test = if self.eat_kw("case") {
                Some(self.expr()?)
            } else if self.eat_kw("default") {
                None
            } else {
                return self.unexpected();
            };
            if !self.eat(":") {
                self.expect(";")?;
            }
            let body = self.stmts_until(&["case", "default", "endswitch", "}"]);
            // stmts_until eats `}`: put it back for the loop.
            let body = match body {
                Ok(b) => {
                    if matches!(self.toks.get(self.pos.wrapping_sub(1)), Some((Tok::Op("}"), _))) && !alt {
                        self.pos -= 1;
                    }
                    b
                }
                Err(e) => return Err(e),
            };
            cases.push((test, body));
        }
        if alt {
            self.semi()?;
        }
        Ok(Stmt::Switch(subject, cases))
    }

    fn try_stmt(&mut self) -> P<Stmt> {
        self.pos += 1;
        self.expect("{")?;
        let body = self.stmts_until(&["}"])?;
        let mut catches = Vec::new();
        while self.eat_kw("catch") {
            self.expect("(")?;
            let mut types = vec![self.name()?];
            while self.eat("|") {
                types.push(self.name()?);
            }
            let var = match self.peek().clone() {
                Tok::Var(v) => {
                    self.pos += 1;
                    Some(v.into())
                }
                _ => None,
            };
            self.expect(")")?;
            self.expect("{")?;
            catches.push((types, var, self.stmts_until(&["}"])?));
        }
        let finally = if self.eat_kw("finally") {
            self.expect("{")?;
            Some(self.stmts_until(&["}"])?)
        } else {
            None
        };
        if catches.is_empty() && finally.is_none() {
            return Err(("Cannot use try without catch or finally".to_string(), self.line()));
        }
        Ok(Stmt::Try(body, catches, finally))
    }

    fn params(&mut self) -> P<Vec<Param>> {
        self.expect("(")?;
        let mut ps = Vec::new();
        while !self.eat(")") {
            let mut promote = None;
            loop {
                if let Tok::Name(n) = self.peek().clone() {
                    let l = n.to_ascii_lowercase();
                    if matches!(l.as_str(), "public" | "private" | "protected" | "readonly") {
                        self.pos += 1;
                        if l != "readonly" || promote.is_none() {
                            promote = Some(Rc::from(if l == "readonly" { "public" } else { l.as_str() }));
                        }
                        continue;
                    }
                }
                break;
            }
            let ty = self.skip_type();
            let by_ref = self.eat("&");
            let variadic = self.eat("...");
            let Tok::Var(name) = self.next() else {
                self.pos -= 1;
                return Err((format!("syntax error, unexpected {}, expecting variable", describe(self.peek())), self.line()));
            };
            let default = if self.eat("=") { Some(self.expr()?) } else { None };
            ps.push(Param { name: name.into(), default, by_ref, variadic, promote, ty });
            if !self.eat(",") {
                self.expect(")")?;
                break;
            }
        }
        Ok(ps)
    }

    /// A type declaration (`?int`, `string|null`, `Foo`), skipped; its text is kept.
    fn skip_type(&mut self) -> Option<Rc<str>> {
        let mut text = String::new();
        loop {
            if self.eat("?") {
                text.push('?');
                continue;
            }
            if self.is_op("(") && !text.is_empty() {
                // DNF types `(A&B)|null`.
                self.pos += 1;
                continue;
            }
            match self.peek().clone() {
                Tok::Name(n) if !text.ends_with(|c: char| c.is_alphanumeric()) => {
                    self.pos += 1;
                    text.push_str(&n);
                    if self.is_op("|") || self.is_op("&") && !matches!(self.peek_at(1), Tok::Var(_) | Tok::Op("...")) {
                        self.pos += 1;
                        text.push('|');
                        continue;
                    }
                    if self.eat(")") {
                        continue;
                    }
                    break;
                }
                _ => break,
            }
        }
        (!text.is_empty()).then(|| text.into())
    }

    fn func_rest(&mut self, name: Rc<str>, body_required: bool) -> P<FuncDecl> {
        let line = self.line();
        let params = self.params()?;
        if self.eat(":") {
            self.eat("?");
            self.skip_type();
            if self.is_kw("static") {
                self.pos += 1;
            }
        }
        let body = if !body_required && self.eat(";") {
            Vec::new()
        } else {
            self.expect("{")?;
            self.stmts_until(&["}"])?
        };
        Ok(FuncDecl { name, params, body, by_ref: false, is_static: false, visibility: "public".into(), is_abstract: false, line })
    }

    fn class_decl(&mut self, anon: Option<Rc<str>>) -> P<ClassDecl> {
        let mut is_abstract = false;
        let kind: Rc<str>;
        if let Some(n) = anon {
            kind = "class".into();
            return self.class_body(n, kind, false);
        }
        loop {
            let n = self.name()?.to_ascii_lowercase();
            match n.as_str() {
                "abstract" => is_abstract = true,
                "final" | "readonly" => {}
                "class" | "interface" | "trait" | "enum" => {
                    kind = n.into();
                    break;
                }
                _ => {
                    self.pos -= 1;
                    return self.unexpected();
                }
            }
        }
        let name = self.name()?;
        self.class_body(name, kind, is_abstract)
    }

    fn class_body(&mut self, name: Rc<str>, kind: Rc<str>, is_abstract: bool) -> P<ClassDecl> {
        let mut c = ClassDecl {
            name,
            parent: None,
            interfaces: Vec::new(),
            kind,
            consts: Vec::new(),
            props: Vec::new(),
            methods: Vec::new(),
            traits: Vec::new(),
            is_abstract,
            cases: Vec::new(),
        };
        if &*c.kind == "enum" && self.eat(":") {
            self.name()?;
        }
        if self.eat_kw("extends") {
            c.parent = Some(self.name()?);
            // Interfaces may extend several.
            while self.eat(",") {
                c.interfaces.push(self.name()?);
            }
        }
        if self.eat_kw("implements") {
            loop {
                c.interfaces.push(self.name()?);
                if !self.eat(",") {
                    break;
                }
            }
        }
        self.expect("{")?;
        while !self.eat("}") {
            if self.at_end() {
                return self.unexpected();
            }
            if self.eat_kw("use") {
                loop {
                    c.traits.push(self.name()?);
                    if !self.eat(",") {
                        break;
                    }
                }
                if self.eat("{") {
                    while !self.eat("}") && !self.at_end() {
                        self.pos += 1;
                    }
                } else {
                    self.semi()?;
                }
                continue;
            }
            if self.eat_kw("case") {
                let n = self.name()?;
                let v = if self.eat("=") { Some(self.expr()?) } else { None };
                self.semi()?;
                c.cases.push((n, v));
                continue;
            }
            let mut vis: Rc<str> = "public".into();
            let mut is_static = false;
            let mut is_abs = false;
            let mut readonly = false;
            while let Tok::Name(n) = self.peek() {
                {
                    match n.to_ascii_lowercase().as_str() {
                        v @ ("public" | "private" | "protected") => {
                            vis = v.into();
                            self.pos += 1;
                        }
                        "static" => {
                            is_static = true;
                            self.pos += 1;
                        }
                        "abstract" => {
                            is_abs = true;
                            self.pos += 1;
                        }
                        "final" | "var" => self.pos += 1,
                        "readonly" => {
                            readonly = true;
                            self.pos += 1;
                        }
                        _ => break,
                    }
                }
            }
            if self.eat_kw("const") {
                // `const TYPE NAME = …` (8.3) or `const NAME = …`.
                loop {
                    let mut n = self.name()?;
                    if let Tok::Name(_) = self.peek() {
                        n = self.name()?;
                    }
                    self.expect("=")?;
                    c.consts.push((n, self.expr()?));
                    if !self.eat(",") {
                        break;
                    }
                }
                self.semi()?;
                continue;
            }
            if self.eat_kw("function") {
                let by_ref = self.eat("&");
                let n = self.name()?;
                let mut f = self.func_rest(n, false)?;
                f.by_ref = by_ref;
                f.is_static = is_static;
                f.visibility = vis;
                f.is_abstract = is_abs || &*c.kind == "interface";
                c.methods.push(Rc::new(f));
                continue;
            }
            self.skip_type();
            loop {
                let Tok::Var(v) = self.next() else {
                    self.pos -= 1;
                    return Err((
                        format!("syntax error, unexpected {}, expecting \"function\" or \"const\"", describe(self.peek())),
                        self.line(),
                    ));
                };
                let d = if self.eat("=") { Some(self.expr()?) } else { None };
                c.props.push((v.into(), d, is_static, vis.clone(), readonly));
                if !self.eat(",") {
                    break;
                }
            }
            self.semi()?;
        }
        Ok(c)
    }

    pub fn expr(&mut self) -> P<Expr> {
        self.expr_bp(0)
    }

    fn args(&mut self) -> P<Vec<Arg>> {
        let mut args = Vec::new();
        while !self.eat(")") {
            // `f(...)`: a first-class callable.
            if self.is_op("...") && matches!(self.peek_at(1), Tok::Op(")")) {
                self.pos += 2;
                return Ok(vec![Arg { value: Expr::Null, spread: true, name: Some("...".into()) }]);
            }
            let spread = self.eat("...");
            let name = match (self.peek().clone(), self.peek_at(1)) {
                (Tok::Name(n), Tok::Op(":")) if !matches!(self.peek_at(2), Tok::Op(":")) => {
                    self.pos += 2;
                    Some(n.into())
                }
                _ => None,
            };
            args.push(Arg { value: self.expr()?, spread, name });
            if !self.eat(",") {
                self.expect(")")?;
                break;
            }
        }
        Ok(args)
    }

    fn array_items(&mut self, close: &str) -> P<Vec<(Option<Expr>, Expr, bool)>> {
        let mut items = Vec::new();
        while !self.eat(close) {
            if self.is_op(",") {
                // A skipped slot in list().
                self.pos += 1;
                items.push((None, Expr::Null, false));
                continue;
            }
            if self.eat("...") {
                items.push((None, self.expr()?, true));
            } else {
                self.eat("&");
                let v = self.expr()?;
                if self.eat("=>") {
                    self.eat("&");
                    let val = self.expr()?;
                    items.push((Some(v), val, false));
                } else {
                    items.push((None, v, false));
                }
            }
            if !self.eat(",") {
                self.expect(close)?;
                break;
            }
        }
        Ok(items)
    }

    fn expr_bp(&mut self, min: u8) -> P<Expr> {
        self.nested(|p| p.expr_bp_inner(min))
    }

    fn expr_bp_inner(&mut self, min: u8) -> P<Expr> {
        let mut left = self.unary()?;
        loop {
            let op = match self.peek() {
                Tok::Op(o) => *o,
                Tok::Name(n) => match n.to_ascii_lowercase().as_str() {
                    "and" => "and",
                    "or" => "or",
                    "xor" => "xor",
                    "instanceof" => "instanceof",
                    _ => break,
                },
                _ => break,
            };
            if matches!(op, "=" | "+=" | "-=" | "*=" | "/=" | ".=" | "%=" | "**=" | "??=" | "&=" | "|=" | "^=" | "<<=" | ">>=") {
                if !is_lvalue(&left) {
                    if matches!(left, Expr::Array(_)) && op == "=" {
                        left = to_list(left);
                    } else {
                        return self.unexpected();
                    }
                }
                self.pos += 1;
                if op == "=" && self.is_op("&") {
                    self.pos += 1;
                    let r = self.expr_bp(4)?;
                    left = Expr::AssignRef(Box::new(left), Box::new(r));
                    continue;
                }
                let r = self.expr_bp(4)?;
                left = if op == "=" {
                    Expr::Assign(Box::new(left), Box::new(r))
                } else {
                    Expr::AssignOp(&op[..op.len() - 1], Box::new(left), Box::new(r))
                };
                continue;
            }
            let (lbp, rbp): (u8, u8) = match op {
                "or" => (1, 2),
                "xor" => (2, 3),
                "and" => (3, 4),
                "?" => (5, 0),
                "??" => (7, 6),
                "||" => (7, 8),
                "&&" => (8, 9),
                "|" => (9, 10),
                "^" => (10, 11),
                "&" => (11, 12),
                "==" | "!=" | "===" | "!==" | "<>" | "<=>" => (12, 13),
                "<" | "<=" | ">" | ">=" => (13, 14),
                "." => (14, 15),
                "<<" | ">>" => (15, 16),
                "+" | "-" => (16, 17),
                "*" | "/" | "%" => (17, 18),
                "instanceof" => (19, 20),
                "**" => (21, 20),
                _ => break,
            };
            if lbp < min {
                break;
            }
            self.pos += 1;
            if op == "?" {
                let then = if self.eat(":") {
                    None
                } else {
                    let t = self.expr_bp(5)?;
                    self.expect(":")?;
                    Some(Box::new(t))
                };
                let other = self.expr_bp(6)?;
                left = Expr::Ternary(Box::new(left), then, Box::new(other));
                continue;
            }
            if op == "instanceof" {
                let cls = match self.next() {
                    Tok::Name(n) => n.into(),
                    Tok::Var(v) => format!("${v}").into(),
                    _ => return self.unexpected(),
                };
                left = Expr::InstanceOf(Box::new(left), cls);
                continue;
            }
            let right = self.expr_bp(rbp)?;
            let op = if op == "<>" { "!=" } else { op };
            left = Expr::Bin(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> P<Expr> {
        self.nested(Self::unary_inner)
    }

    fn unary_inner(&mut self) -> P<Expr> {
        let line = self.line();
        match self.peek().clone() {
            Tok::Op(o @ ("!" | "-" | "+" | "~")) => {
                self.pos += 1;
                let e = self.expr_bp(if o == "!" { 18 } else { 20 })?;
                if o == "-" {
                    if let Expr::Int(i) = e {
                        return Ok(Expr::Int(i.wrapping_neg()));
                    }
                    if let Expr::Float(f) = e {
                        return Ok(Expr::Float(-f));
                    }
                }
                return Ok(Expr::Unary(o, Box::new(e)));
            }
            Tok::Op("@") => {
                self.pos += 1;
                return Ok(Expr::Silence(Box::new(self.expr_bp(20)?)));
            }
            Tok::Op(o @ ("++" | "--")) => {
                self.pos += 1;
                let e = self.expr_bp(20)?;
                return Ok(Expr::IncDec(o == "++", true, Box::new(e)));
            }
            Tok::Op("&") => {
                self.pos += 1;
                return self.unary();
            }
            Tok::Cast(c) => {
                self.pos += 1;
                return Ok(Expr::Cast(c, Box::new(self.expr_bp(20)?)));
            }
            Tok::Name(n) => {
                let l = n.to_ascii_lowercase();
                match l.as_str() {
                    "new" => {
                        self.pos += 1;
                        if self.is_kw("class") {
                            self.pos += 1;
                            let args = if self.eat("(") { self.args()? } else { Vec::new() };
                            self.anon += 1;
                            let name: Rc<str> = format!("class@anonymous#{}", self.anon).into();
                            let decl = self.class_decl(Some(name))?;
                            return self.postfix(Expr::NewAnon(Rc::new(decl), args));
                        }
                        let cls: Rc<str> = match self.next() {
                            Tok::Name(n) => n.into(),
                            Tok::Var(v) => format!("${v}").into(),
                            _ => {
                                self.pos -= 1;
                                return self.unexpected();
                            }
                        };
                        let args = if self.eat("(") { self.args()? } else { Vec::new() };
                        return self.postfix(Expr::Line(line, Box::new(Expr::New(cls, args))));
                    }
                    "clone" => {
                        self.pos += 1;
                        return Ok(Expr::Clone(Box::new(self.expr_bp(20)?)));
                    }
                    "print" => {
                        self.pos += 1;
                        return Ok(Expr::Print(Box::new(self.expr_bp(5)?)));
                    }
                    "throw" => {
                        self.pos += 1;
                        return Ok(Expr::Throw(Box::new(self.expr_bp(0)?)));
                    }
                    "include" | "require" | "include_once" | "require_once" => {
                        self.pos += 1;
                        let e = self.expr_bp(5)?;
                        return Ok(Expr::Line(line, Box::new(Expr::Include(Box::new(e), l.starts_with("require"), l.ends_with("_once")))));
                    }
                    "exit" | "die" => {
                        self.pos += 1;
                        let arg = if self.eat("(") {
                            if self.eat(")") {
                                None
                            } else {
                                let e = self.expr()?;
                                self.expect(")")?;
                                Some(Box::new(e))
                            }
                        } else {
                            None
                        };
                        return Ok(Expr::Exit(arg));
                    }
                    "yield" => return Err(("dockersim: PHP generators (yield) are not simulated".into(), line)),
                    _ => {}
                }
            }
            _ => {}
        }
        let p = self.primary()?;
        self.postfix(p)
    }

    fn postfix(&mut self, mut e: Expr) -> P<Expr> {
        loop {
            let line = self.line();
            if self.eat("[") {
                if self.eat("]") {
                    e = Expr::Index(Box::new(e), None);
                } else {
                    let k = self.expr()?;
                    self.expect("]")?;
                    e = Expr::Index(Box::new(e), Some(Box::new(k)));
                }
            } else if self.is_op("->") || self.is_op("?->") {
                let nullsafe = self.is_op("?->");
                self.pos += 1;
                let name = match self.next() {
                    Tok::Name(n) => Expr::Str(n.into()),
                    Tok::Var(v) => Expr::Var(v.into()),
                    Tok::Op("{") => {
                        let x = self.expr()?;
                        self.expect("}")?;
                        x
                    }
                    _ => {
                        self.pos -= 1;
                        return self.unexpected();
                    }
                };
                if self.eat("(") {
                    let args = self.args()?;
                    e = Expr::Line(line, Box::new(Expr::MethodCall(Box::new(e), Box::new(name), args, nullsafe)));
                } else {
                    e = Expr::Prop(Box::new(e), Box::new(name), nullsafe);
                }
            } else if self.is_op("::") {
                self.pos += 1;
                let cls: Rc<str> = match &e {
                    Expr::Name(n) | Expr::Const(n) => n.clone(),
                    Expr::Var(v) => format!("${v}").into(),
                    _ => return self.unexpected(),
                };
                match self.next() {
                    Tok::Var(v) => e = Expr::StaticProp(cls, v.into()),
                    Tok::Name(n) => {
                        if self.eat("(") {
                            let args = self.args()?;
                            e = Expr::Line(line, Box::new(Expr::StaticCall(cls, n.into(), args)));
                        } else {
                            e = Expr::ClassConst(cls, n.into());
                        }
                    }
                    _ => {
                        self.pos -= 1;
                        return self.unexpected();
                    }
                }
            } else if self.is_op("(") && !matches!(e, Expr::Const(_) if false) {
                if !matches!(
                    e,
                    Expr::Name(_)
                        | Expr::Const(_)
                        | Expr::Var(_)
                        | Expr::Index(..)
                        | Expr::Prop(..)
                        | Expr::Closure(..)
                        | Expr::Line(..)
                        | Expr::StaticProp(..)
                ) {
                    break;
                }
                self.pos += 1;
                let args = self.args()?;
                let callee = match e {
                    Expr::Const(n) => Expr::Name(n),
                    other => other,
                };
                e = Expr::Line(line, Box::new(Expr::Call(Box::new(callee), args)));
            } else if self.is_op("++") || self.is_op("--") {
                let inc = self.is_op("++");
                if !is_lvalue(&e) {
                    break;
                }
                self.pos += 1;
                e = Expr::IncDec(inc, false, Box::new(e));
            } else {
                break;
            }
        }
        Ok(e)
    }

    fn primary(&mut self) -> P<Expr> {
        let line = self.line();
        match self.next() {
            Tok::Var(v) => Ok(Expr::Var(v.into())),
            Tok::Int(i) => Ok(Expr::Int(i)),
            Tok::Float(f) => Ok(Expr::Float(f)),
            Tok::Str(s) => Ok(Expr::Str(s.into())),
            Tok::Interp(s, heredoc) => interp(&s, heredoc, line),
            Tok::Op("(") => {
                let e = self.expr()?;
                self.expect(")")?;
                Ok(e)
            }
            Tok::Op("[") => Ok(Expr::Array(self.array_items("]")?)),
            Tok::Op("$") => {
                if self.eat("{") {
                    let e = self.expr()?;
                    self.expect("}")?;
                    return Ok(Expr::VarVar(Box::new(e)));
                }
                let e = self.primary()?;
                Ok(Expr::VarVar(Box::new(e)))
            }
            Tok::Name(n) => {
                let l = n.to_ascii_lowercase();
                match l.as_str() {
                    "true" => return Ok(Expr::Bool(true)),
                    "false" => return Ok(Expr::Bool(false)),
                    "null" => return Ok(Expr::Null),
                    "__line__" => return Ok(Expr::Int(line as i64)),
                    "array" if self.is_op("(") => {
                        self.pos += 1;
                        return Ok(Expr::Array(self.array_items(")")?));
                    }
                    "list" if self.is_op("(") => {
                        self.pos += 1;
                        return Ok(to_list(Expr::Array(self.array_items(")")?)));
                    }
                    "isset" => {
                        self.expect("(")?;
                        let mut es = Vec::new();
                        while !self.eat(")") {
                            es.push(self.expr()?);
                            if !self.eat(",") {
                                self.expect(")")?;
                                break;
                            }
                        }
                        return Ok(Expr::Isset(es));
                    }
                    "empty" => {
                        self.expect("(")?;
                        let e = self.expr()?;
                        self.expect(")")?;
                        return Ok(Expr::Empty(Box::new(e)));
                    }
                    "function" | "fn" => {
                        let is_fn = l == "fn";
                        self.eat("&");
                        let params = self.params()?;
                        let mut uses = Vec::new();
                        if !is_fn && self.eat_kw("use") {
                            self.expect("(")?;
                            while !self.eat(")") {
                                let by_ref = self.eat("&");
                                let Tok::Var(v) = self.next() else { return self.unexpected() };
                                uses.push((v.into(), by_ref));
                                if !self.eat(",") {
                                    self.expect(")")?;
                                    break;
                                }
                            }
                        }
                        if self.eat(":") {
                            self.eat("?");
                            self.skip_type();
                        }
                        let mk = |body| FuncDecl {
                            name: "{closure}".into(),
                            params,
                            body,
                            by_ref: false,
                            is_static: false,
                            visibility: "public".into(),
                            is_abstract: false,
                            line,
                        };
                        if is_fn {
                            self.expect("=>")?;
                            let e = self.expr_bp(4)?;
                            return Ok(Expr::Arrow(Rc::new(mk(vec![Stmt::Line(line, Box::new(Stmt::Return(Some(e))))]))));
                        }
                        self.expect("{")?;
                        let body = self.stmts_until(&["}"])?;
                        return Ok(Expr::Closure(Rc::new(mk(body)), uses, false));
                    }
                    "static" if matches!(self.peek(), Tok::Name(n) if n == "function" || n == "fn") => return self.primary(),
                    "match" if self.is_op("(") => {
                        self.pos += 1;
                        let subject = self.expr()?;
                        self.expect(")")?;
                        self.expect("{")?;
                        let mut arms = Vec::new();
                        while !self.eat("}") {
                            let conds = if self.eat_kw("default") {
                                None
                            } else {
                                let mut cs = vec![self.expr()?];
                                while self.eat(",") {
                                    if self.is_op("=>") {
                                        break;
                                    }
                                    cs.push(self.expr()?);
                                }
                                Some(cs)
                            };
                            self.expect("=>")?;
                            arms.push((conds, self.expr()?));
                            if !self.eat(",") {
                                self.expect("}")?;
                                break;
                            }
                        }
                        return Ok(Expr::Match(Box::new(subject), arms));
                    }
                    _ => {}
                }
                if KEYWORDS.contains(&l.as_str()) && !matches!(l.as_str(), "static" | "list" | "array" | "enum" | "readonly") {
                    self.pos -= 1;
                    return self.unexpected();
                }
                if self.is_op("(") || self.is_op("::") {
                    return Ok(Expr::Name(n.into()));
                }
                Ok(Expr::Const(n.into()))
            }
            _ => {
                self.pos -= 1;
                self.unexpected()
            }
        }
    }
}

fn is_lvalue(e: &Expr) -> bool {
    matches!(e, Expr::Var(_) | Expr::VarVar(_) | Expr::Index(..) | Expr::Prop(..) | Expr::StaticProp(..) | Expr::List(_))
}

fn to_list(e: Expr) -> Expr {
    match e {
        Expr::Array(items) => Expr::List(
            items.into_iter().map(|(k, v, _)| if k.is_none() && matches!(v, Expr::Null) { None } else { Some((k, to_list(v))) }).collect(),
        ),
        other => other,
    }
}

/// Splits a double-quoted string or heredoc into literal pieces and expressions.
pub fn interp(s: &str, heredoc: bool, line: usize) -> P<Expr> {
    let b = s.as_bytes();
    let mut parts: Vec<Expr> = Vec::new();
    let mut lit: Vec<u8> = Vec::new();
    let mut i = 0;
    let flush = |lit: &mut Vec<u8>, parts: &mut Vec<Expr>| {
        if !lit.is_empty() {
            parts.push(Expr::Str(String::from_utf8_lossy(lit).into()));
            lit.clear();
        }
    };
    while i < b.len() {
        let c = b[i];
        if c == b'\\' && i + 1 < b.len() {
            let n = b[i + 1];
            i += 2;
            match n {
                b'n' => lit.push(b'\n'),
                b't' => lit.push(b'\t'),
                b'r' => lit.push(b'\r'),
                b'v' => lit.push(0x0b),
                b'e' => lit.push(0x1b),
                b'f' => lit.push(0x0c),
                b'\\' => lit.push(b'\\'),
                b'$' => lit.push(b'$'),
                b'"' if !heredoc => lit.push(b'"'),
                b'0'..=b'7' => {
                    let mut v = (n - b'0') as u32;
                    let mut k = 0;
                    while k < 2 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                        v = v * 8 + (b[i] - b'0') as u32;
                        i += 1;
                        k += 1;
                    }
                    lit.push((v & 0xff) as u8);
                }
                b'x' if i < b.len() && b[i].is_ascii_hexdigit() => {
                    let mut v = 0u32;
                    let mut k = 0;
                    while k < 2 && i < b.len() && b[i].is_ascii_hexdigit() {
                        v = v * 16 + (b[i] as char).to_digit(16).unwrap_or(0);
                        i += 1;
                        k += 1;
                    }
                    lit.push(v as u8);
                }
                b'u' if b.get(i) == Some(&b'{') => {
                    let e = s[i..].find('}').map_or(b.len(), |e| e + i);
                    let v = u32::from_str_radix(&s[i + 1..e], 16).unwrap_or(0xfffd);
                    let ch = char::from_u32(v).unwrap_or('\u{fffd}');
                    lit.extend_from_slice(ch.to_string().as_bytes());
                    i = (e + 1).min(b.len());
                }
                other => {
                    lit.push(b'\\');
                    lit.push(other);
                }
            }
            continue;
        }
        if c == b'$' && b.get(i + 1).is_some_and(|&n| super::lex::is_ident_start(n)) {
            flush(&mut lit, &mut parts);
            let s0 = i + 1;
            i = s0;
            while i < b.len() && super::lex::is_ident(b[i]) {
                i += 1;
            }
            let mut e = Expr::Var(s[s0..i].into());
            if b.get(i) == Some(&b'[') {
                let close = s[i..].find(']').map(|x| x + i);
                if let Some(close) = close {
                    let key = &s[i + 1..close];
                    let k = if let Some(v) = key.strip_prefix('$') {
                        Expr::Var(v.into())
                    } else if let Ok(n) = key.parse::<i64>() {
                        Expr::Int(n)
                    } else {
                        Expr::Str(key.trim_matches('\'').into())
                    };
                    e = Expr::Index(Box::new(e), Some(Box::new(k)));
                    i = close + 1;
                }
            } else if b.get(i) == Some(&b'-') && b.get(i + 1) == Some(&b'>') && b.get(i + 2).is_some_and(|&n| super::lex::is_ident_start(n))
            {
                let p0 = i + 2;
                let mut j = p0;
                while j < b.len() && super::lex::is_ident(b[j]) {
                    j += 1;
                }
                e = Expr::Prop(Box::new(e), Box::new(Expr::Str(s[p0..j].into())), false);
                i = j;
            }
            parts.push(e);
            continue;
        }
        if (c == b'{' && b.get(i + 1) == Some(&b'$')) || (c == b'$' && b.get(i + 1) == Some(&b'{')) {
            flush(&mut lit, &mut parts);
            let start = i + if c == b'{' { 1 } else { 2 };
            let mut depth = 1;
            let mut j = start;
            while j < b.len() && depth > 0 {
                match b[j] {
                    b'{' => depth += 1,
                    b'}' => depth -= 1,
                    _ => {}
                }
                j += 1;
            }
            let inner = &s[start..j.saturating_sub(1).max(start)];
            let e = if c == b'$' {
                // `${name}`: the variable `name`.
                if inner.bytes().all(super::lex::is_ident) {
                    Expr::Var(inner.into())
                } else {
                    Expr::VarVar(Box::new(parse_expr_src(inner, line)?))
                }
            } else {
                parse_expr_src(inner, line)?
            };
            parts.push(e);
            i = j;
            continue;
        }
        lit.push(c);
        i += 1;
    }
    flush(&mut lit, &mut parts);
    match parts.len() {
        0 => Ok(Expr::Str("".into())),
        1 if matches!(parts[0], Expr::Str(_)) => Ok(parts.pop().unwrap_or(Expr::Null)),
        _ => Ok(Expr::Interp(parts)),
    }
}
