//! awk's grammar (POSIX, with the common extensions every awk here takes:
//! `**`, `nextfile`, `delete a`, `func`), by recursive descent.

use super::ast::*;
use super::lex::{Tok, Token};
use std::collections::BTreeMap;

/// Deepest expression or statement nesting the parser accepts.
const MAX_DEPTH: usize = 150;

#[derive(Debug, PartialEq)]
pub enum ErrKind {
    /// An unexpected token (the error is at it).
    Syntax,
    /// The program ended inside a construct.
    Eof,
    /// A `}` outside any block.
    ExtraBrace,
    /// A variable used both as a scalar and as an array (mawk refuses it
    /// before running): the message.
    Usage(String),
    /// A function is called and never defined.
    Undefined(String),
    /// Another message, in plain words.
    Other(String),
}

#[derive(Debug)]
pub struct ParseError {
    pub kind: ErrKind,
    pub line: usize,
    pub pos: usize,
    /// The token's text (mawk's `syntax error at or near X`).
    pub near: String,
}

type P<T> = Result<T, ParseError>;

pub struct Parser<'s> {
    src: &'s str,
    toks: Vec<Token>,
    i: usize,
    prog: Program,
    global_ids: BTreeMap<String, usize>,
    func_ids: BTreeMap<String, usize>,
    locals: Option<Vec<String>>,
    no_gt: bool,
    depth: usize,
    /// Where each function was first called (for "never defined").
    calls: BTreeMap<usize, (usize, usize)>,
    /// Uses of globals in program order: (slot, as an array, line, offset).
    uses: Vec<(usize, bool, usize, usize)>,
}

pub fn parse(src: &str, toks: Vec<Token>) -> P<Program> {
    let mut p = Parser {
        src,
        toks,
        i: 0,
        prog: Program::default(),
        global_ids: BTreeMap::new(),
        func_ids: BTreeMap::new(),
        locals: None,
        no_gt: false,
        depth: 0,
        calls: BTreeMap::new(),
        uses: Vec::new(),
    };
    for s in SPECIALS {
        p.global(s);
    }
    p.program()?;
    for (id, f) in p.prog.funcs.iter().enumerate() {
        if !f.defined {
            let (line, pos) = p.calls.get(&id).copied().unwrap_or((1, 0));
            return Err(ParseError { kind: ErrKind::Undefined(f.name.clone()), line, pos, near: String::new() });
        }
    }
    mark_array_params(&mut p.prog.funcs);
    if super::value::mode() == super::Dialect::Mawk {
        p.check_uses()?;
    }
    Ok(p.prog)
}

/// A parameter passed on to a function that uses it as an array is an array too.
fn mark_array_params(funcs: &mut [Func]) {
    for _ in 0..=funcs.len() {
        let mut changed = false;
        for f in 0..funcs.len() {
            let mut calls = Vec::new();
            walk_stmts(&funcs[f].body, &mut |e| {
                if let Expr::Call(callee, args) = e {
                    for (j, a) in args.iter().enumerate() {
                        if let Expr::Var(Var::Local(l)) = a {
                            calls.push((*callee, j, *l));
                        }
                    }
                }
            });
            for (callee, j, l) in calls {
                if funcs[callee].array_params.get(j).copied().unwrap_or(false) && !funcs[f].array_params[l] {
                    funcs[f].array_params[l] = true;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
}

fn walk_stmts(stmts: &[Stmt], f: &mut dyn FnMut(&Expr)) {
    for s in stmts {
        walk_stmt(s, f);
    }
}

fn walk_stmt(s: &Stmt, f: &mut dyn FnMut(&Expr)) {
    match s {
        Stmt::Expr(e) => walk_expr(e, f),
        Stmt::Do(b, e) | Stmt::While(e, b) => {
            walk_expr(e, f);
            walk_stmt(b, f);
        }
        Stmt::Print(args, r) | Stmt::Printf(args, r) => {
            args.iter().for_each(|a| walk_expr(a, f));
            if let Some((_, e)) = r {
                walk_expr(e, f);
            }
        }
        Stmt::If(c, a, b) => {
            walk_expr(c, f);
            walk_stmt(a, f);
            if let Some(b) = b {
                walk_stmt(b, f);
            }
        }
        Stmt::For(a, c, n, b) => {
            if let Some(a) = a {
                walk_stmt(a, f);
            }
            if let Some(c) = c {
                walk_expr(c, f);
            }
            if let Some(n) = n {
                walk_stmt(n, f);
            }
            walk_stmt(b, f);
        }
        Stmt::ForIn(v, _, b) => {
            walk_expr(v, f);
            walk_stmt(b, f);
        }
        Stmt::Block(b) => walk_stmts(b, f),
        Stmt::Exit(Some(e)) | Stmt::Return(Some(e)) => walk_expr(e, f),
        Stmt::Delete(_, Some(k)) => k.iter().for_each(|e| walk_expr(e, f)),
        _ => {}
    }
}

fn walk_expr(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    f(e);
    match e {
        Expr::Field(a) | Expr::Not(a) | Expr::Neg(a) | Expr::Plus(a) | Expr::Group(a) => walk_expr(a, f),
        Expr::IncDec { lv, .. } => walk_expr(lv, f),
        Expr::Assign(_, a, b) | Expr::And(a, b) | Expr::Or(a, b) | Expr::Bin(_, a, b) | Expr::Cmp(_, a, b) | Expr::Match(_, a, b) => {
            walk_expr(a, f);
            walk_expr(b, f);
        }
        Expr::Concat(a, b) => {
            walk_expr(a, f);
            walk_expr(b, f);
        }
        Expr::Cond(a, b, c) => {
            walk_expr(a, f);
            walk_expr(b, f);
            walk_expr(c, f);
        }
        Expr::Index(_, k) | Expr::In(k, _) | Expr::Call(_, k) | Expr::Builtin(_, k) => k.iter().for_each(|x| walk_expr(x, f)),
        Expr::Getline(src, v) => {
            if let GetlineSrc::File(x) | GetlineSrc::Cmd(x) = src {
                walk_expr(x, f);
            }
            if let Some(v) = v {
                walk_expr(v, f);
            }
        }
        _ => {}
    }
}

fn is_assign_op(p: &str) -> Option<Option<BinOp>> {
    Some(match p {
        "=" => None,
        "+=" => Some(BinOp::Add),
        "-=" => Some(BinOp::Sub),
        "*=" => Some(BinOp::Mul),
        "/=" => Some(BinOp::Div),
        "%=" => Some(BinOp::Mod),
        "^=" | "**=" => Some(BinOp::Pow),
        _ => return None,
    })
}

impl Parser<'_> {
    fn tok(&self) -> &Tok {
        &self.toks[self.i.min(self.toks.len() - 1)].tok
    }

    fn peek(&self, n: usize) -> &Tok {
        &self.toks[(self.i + n).min(self.toks.len() - 1)].tok
    }

    fn advance(&mut self) -> Tok {
        let t = self.tok().clone();
        if self.i < self.toks.len() - 1 {
            self.i += 1;
        }
        t
    }

    /// What BusyBox's parser takes after a bare `length`: the end of a
    /// statement, `,`, an operator, or an operand it joins by concatenation
    /// (not `)`, `{`, `$`, `!`, `|`, `in`, the end of the program…).
    fn busybox_after_length(&self) -> bool {
        match self.tok() {
            Tok::Newline | Tok::Num(_) | Tok::Str(_) | Tok::Name(_) | Tok::FuncName(_) | Tok::Builtin(_) => true,
            Tok::Punct(p) => matches!(
                *p,
                ";" | "}"
                    | ","
                    | "+"
                    | "-"
                    | "*"
                    | "/"
                    | "%"
                    | "^"
                    | "**"
                    | "=="
                    | "!="
                    | "<"
                    | "<="
                    | ">"
                    | ">="
                    | "~"
                    | "!~"
                    | "&&"
                    | "||"
                    | "?"
                    | ":"
                    | "++"
                    | "--"
                    | "+="
                    | "-="
                    | "*="
                    | "/="
                    | "%="
                    | "^="
                    | "**="
            ),
            _ => false,
        }
    }

    fn is(&self, p: &str) -> bool {
        matches!(self.tok(), Tok::Punct(x) if *x == p)
    }

    fn is_kw(&self, k: &str) -> bool {
        matches!(self.tok(), Tok::Kw(x) if *x == k)
    }

    fn error(&self) -> ParseError {
        let t = &self.toks[self.i.min(self.toks.len() - 1)];
        let kind = if t.tok == Tok::Eof { ErrKind::Eof } else { ErrKind::Syntax };
        let near = match &t.tok {
            Tok::Newline => "end of line".to_string(),
            Tok::Eof => "end of file".to_string(),
            Tok::Punct(p) => p.to_string(),
            Tok::Kw(k) => k.to_string(),
            Tok::Name(n) | Tok::FuncName(n) => n.clone(),
            Tok::Str(s) => format!("\"{s}\""),
            Tok::Ere(s) => format!("/{s}/"),
            _ => {
                let rest = &self.src[t.pos.min(self.src.len())..];
                rest.split(|c: char| c.is_whitespace()).next().unwrap_or("").to_string()
            }
        };
        ParseError { kind, line: t.line, pos: t.pos, near }
    }

    fn expect(&mut self, p: &str) -> P<()> {
        if self.is(p) {
            self.advance();
            Ok(())
        } else {
            Err(self.error())
        }
    }

    fn nls(&mut self) {
        while *self.tok() == Tok::Newline {
            self.advance();
        }
    }

    fn terminators(&mut self) {
        while *self.tok() == Tok::Newline || self.is(";") {
            self.advance();
        }
    }

    fn enter(&mut self) -> P<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let t = &self.toks[self.i.min(self.toks.len() - 1)];
            return Err(ParseError {
                kind: ErrKind::Other("program nested too deeply".into()),
                line: t.line,
                pos: t.pos,
                near: String::new(),
            });
        }
        Ok(())
    }

    fn global(&mut self, name: &str) -> usize {
        if let Some(&g) = self.global_ids.get(name) {
            return g;
        }
        let g = self.prog.globals.len();
        self.prog.globals.push(name.to_string());
        self.global_ids.insert(name.to_string(), g);
        g
    }

    fn var(&mut self, name: &str) -> Var {
        if let Some(l) = self.locals.as_ref().and_then(|ls| ls.iter().position(|x| x == name)) {
            return Var::Local(l);
        }
        Var::Global(self.global(name))
    }

    /// Records a use of `v` (globals only) for mawk's check that a name is
    /// either a scalar or an array.
    fn use_var(&mut self, v: Var, array: bool) {
        if let Var::Global(g) = v {
            let t = &self.toks[self.i.saturating_sub(1).min(self.toks.len() - 1)];
            self.uses.push((g, array, t.line, t.pos));
        }
    }

    /// A bare name passed to a function is neither scalar nor array yet;
    /// `split`'s second argument is an array.
    fn retype_last_use(&mut self, g: usize, to: Option<bool>) {
        if let Some(i) = self.uses.iter().rposition(|u| u.0 == g) {
            match to {
                Some(a) => self.uses[i].1 = a,
                None => {
                    self.uses.remove(i);
                }
            }
        }
    }

    fn check_uses(&self) -> P<()> {
        let mut kinds: BTreeMap<usize, bool> = BTreeMap::new();
        kinds.insert(ENVIRON, true);
        kinds.insert(ARGV, true);
        for &(g, array, line, pos) in &self.uses {
            let k = *kinds.entry(g).or_insert(array);
            if k != array {
                let name = &self.prog.globals[g];
                let msg =
                    if array { format!("illegal reference to variable {name}") } else { format!("illegal reference to array {name}") };
                return Err(ParseError { kind: ErrKind::Usage(msg), line, pos, near: String::new() });
            }
        }
        Ok(())
    }

    fn func_id(&mut self, name: &str) -> usize {
        if let Some(&f) = self.func_ids.get(name) {
            return f;
        }
        let f = self.prog.funcs.len();
        self.prog.funcs.push(Func { name: name.to_string(), ..Func::default() });
        self.func_ids.insert(name.to_string(), f);
        f
    }

    fn program(&mut self) -> P<()> {
        loop {
            self.terminators();
            match self.tok().clone() {
                Tok::Eof => return Ok(()),
                Tok::Kw("BEGIN") => {
                    self.advance();
                    let b = self.block()?;
                    self.prog.begin.push(b);
                }
                Tok::Kw("END") => {
                    self.advance();
                    let b = self.block()?;
                    self.prog.end.push(b);
                }
                Tok::Kw("function" | "func") => self.function()?,
                Tok::Punct("}") => return Err(ParseError { kind: ErrKind::ExtraBrace, ..self.error() }),
                Tok::Punct("{") => {
                    let b = self.block()?;
                    self.prog.items.push(Item { pattern: Pattern::All, action: Some(b) });
                }
                _ => {
                    let first = self.expr()?;
                    let pattern = if self.is(",") {
                        self.advance();
                        self.nls();
                        let second = self.expr()?;
                        self.prog.ranges += 1;
                        Pattern::Range(first, second, self.prog.ranges - 1)
                    } else {
                        Pattern::Expr(first)
                    };
                    let action = if self.is("{") {
                        Some(self.block()?)
                    } else if matches!(self.tok(), Tok::Newline | Tok::Eof) || self.is(";") {
                        None
                    } else {
                        return Err(self.error());
                    };
                    self.prog.items.push(Item { pattern, action });
                }
            }
        }
    }

    fn function(&mut self) -> P<()> {
        self.advance();
        let name = match self.advance() {
            Tok::Name(n) | Tok::FuncName(n) => n,
            _ => {
                self.i -= 1;
                return Err(self.error());
            }
        };
        let id = self.func_id(&name);
        if self.prog.funcs[id].defined {
            self.i -= 1;
            return Err(ParseError { kind: ErrKind::Other(format!("function {name} redefined")), ..self.error() });
        }
        self.expect("(")?;
        let mut params = Vec::new();
        self.nls();
        while let Tok::Name(n) = self.tok().clone() {
            self.advance();
            params.push(n);
            self.nls();
            if self.is(",") {
                self.advance();
                self.nls();
            } else {
                break;
            }
        }
        self.expect(")")?;
        self.nls();
        self.locals = Some(params.clone());
        let body = self.block();
        self.locals = None;
        let body = body?;
        let mut arrays = vec![false; params.len()];
        walk_stmts(&body, &mut |e| match e {
            Expr::Index(Var::Local(l), _) | Expr::In(_, Var::Local(l)) => arrays[*l] = true,
            Expr::Builtin(Builtin::Split, args) => {
                if let Some(Expr::Var(Var::Local(l))) = args.get(1) {
                    arrays[*l] = true;
                }
            }
            _ => {}
        });
        mark_stmt_arrays(&body, &mut arrays);
        let f = &mut self.prog.funcs[id];
        f.params = params;
        f.array_params = arrays;
        f.body = body;
        f.defined = true;
        Ok(())
    }

    fn block(&mut self) -> P<Vec<Stmt>> {
        self.enter()?;
        self.expect("{")?;
        let mut out = Vec::new();
        loop {
            self.terminators();
            if self.is("}") {
                self.advance();
                break;
            }
            if *self.tok() == Tok::Eof {
                return Err(self.error());
            }
            out.push(self.stmt()?);
        }
        self.depth -= 1;
        Ok(out)
    }

    /// After a simple statement: `;` or a newline (consumed), or `}` / the end.
    fn end_simple(&mut self) -> P<()> {
        match self.tok() {
            Tok::Newline => {
                self.advance();
                Ok(())
            }
            Tok::Punct(";") => {
                self.advance();
                Ok(())
            }
            Tok::Punct("}") | Tok::Eof => Ok(()),
            _ => Err(self.error()),
        }
    }

    /// A loop or `if` body: a statement, or `;` alone.
    fn body(&mut self) -> P<Stmt> {
        if self.is(";") {
            self.advance();
            return Ok(Stmt::Block(Vec::new()));
        }
        self.nls();
        self.stmt()
    }

    fn stmt(&mut self) -> P<Stmt> {
        self.enter()?;
        let s = self.stmt_inner();
        self.depth -= 1;
        s
    }

    fn stmt_inner(&mut self) -> P<Stmt> {
        match self.tok().clone() {
            Tok::Punct("{") => Ok(Stmt::Block(self.block()?)),
            Tok::Punct(";") => {
                self.advance();
                Ok(Stmt::Block(Vec::new()))
            }
            Tok::Kw("if") => {
                self.advance();
                self.expect("(")?;
                let cond = self.expr()?;
                self.expect(")")?;
                let then = self.body()?;
                let save = self.i;
                self.terminators();
                if self.is_kw("else") {
                    self.advance();
                    let other = self.body()?;
                    Ok(Stmt::If(cond, Box::new(then), Some(Box::new(other))))
                } else {
                    self.i = save;
                    Ok(Stmt::If(cond, Box::new(then), None))
                }
            }
            Tok::Kw("while") => {
                self.advance();
                self.expect("(")?;
                let cond = self.expr()?;
                self.expect(")")?;
                let body = self.body()?;
                Ok(Stmt::While(cond, Box::new(body)))
            }
            Tok::Kw("do") => {
                self.advance();
                self.nls();
                let body = self.stmt()?;
                self.terminators();
                if !self.is_kw("while") {
                    return Err(self.error());
                }
                self.advance();
                self.expect("(")?;
                let cond = self.expr()?;
                self.expect(")")?;
                self.end_simple()?;
                Ok(Stmt::Do(Box::new(body), cond))
            }
            Tok::Kw("for") => self.for_stmt(),
            _ => {
                let s = self.simple()?;
                self.end_simple()?;
                Ok(s)
            }
        }
    }

    fn for_stmt(&mut self) -> P<Stmt> {
        self.advance();
        self.expect("(")?;
        // for (k in a)
        if let (Tok::Name(k), Tok::Kw("in"), Tok::Name(a), Tok::Punct(")")) =
            (self.peek(0).clone(), self.peek(1), self.peek(2).clone(), self.peek(3))
        {
            self.i += 4;
            let kv = self.var(&k);
            self.use_var(kv, false);
            let av = self.var(&a);
            self.use_var(av, true);
            let body = self.body()?;
            return Ok(Stmt::ForIn(Box::new(Expr::Var(kv)), av, Box::new(body)));
        }
        let init = if self.is(";") { None } else { Some(Box::new(self.simple()?)) };
        self.expect(";")?;
        self.nls();
        let cond = if self.is(";") { None } else { Some(self.expr()?) };
        self.expect(";")?;
        self.nls();
        let step = if self.is(")") { None } else { Some(Box::new(self.simple()?)) };
        self.expect(")")?;
        let body = self.body()?;
        Ok(Stmt::For(init, cond, step, Box::new(body)))
    }

    fn simple(&mut self) -> P<Stmt> {
        match self.tok().clone() {
            Tok::Kw("break") => {
                self.advance();
                Ok(Stmt::Break)
            }
            Tok::Kw("continue") => {
                self.advance();
                Ok(Stmt::Continue)
            }
            Tok::Kw("next") => {
                self.advance();
                Ok(Stmt::Next)
            }
            Tok::Kw("nextfile") => {
                self.advance();
                Ok(Stmt::NextFile)
            }
            Tok::Kw("exit") => {
                self.advance();
                Ok(Stmt::Exit(if self.at_end() { None } else { Some(self.expr()?) }))
            }
            Tok::Kw("return") => {
                self.advance();
                if self.locals.is_none() {
                    self.i -= 1;
                    return Err(self.error());
                }
                Ok(Stmt::Return(if self.at_end() { None } else { Some(self.expr()?) }))
            }
            Tok::Kw("delete") => {
                self.advance();
                let paren = self.is("(");
                if paren {
                    self.advance();
                }
                let Tok::Name(n) = self.tok().clone() else { return Err(self.error()) };
                self.advance();
                let v = self.var(&n);
                self.use_var(v, true);
                let keys = if self.is("[") {
                    self.advance();
                    let k = self.expr_list()?;
                    self.expect("]")?;
                    Some(k)
                } else {
                    None
                };
                if paren {
                    self.expect(")")?;
                }
                Ok(Stmt::Delete(v, keys))
            }
            Tok::Kw("print") => {
                self.advance();
                let (args, redir) = self.print_args()?;
                Ok(Stmt::Print(args, redir))
            }
            Tok::Kw("printf") => {
                self.advance();
                let (args, redir) = self.print_args()?;
                if args.is_empty() {
                    return Err(self.error());
                }
                Ok(Stmt::Printf(args, redir))
            }
            _ => Ok(Stmt::Expr(self.expr()?)),
        }
    }

    fn at_end(&self) -> bool {
        matches!(self.tok(), Tok::Newline | Tok::Eof | Tok::Punct(";" | "}"))
    }

    fn at_print_end(&self) -> bool {
        self.at_end() || matches!(self.tok(), Tok::Punct(">" | ">>" | "|"))
    }

    fn print_args(&mut self) -> P<PrintArgs> {
        let mut args = Vec::new();
        if !self.at_print_end() {
            let mut done = false;
            if self.is("(") {
                let save = self.i;
                self.advance();
                let saved = std::mem::replace(&mut self.no_gt, false);
                let list = self.expr_list();
                self.no_gt = saved;
                if let Ok(list) = list {
                    if self.is(")") {
                        self.advance();
                        if self.at_print_end() {
                            args = list;
                            done = true;
                        }
                    }
                }
                if !done {
                    self.i = save;
                }
            }
            if !done {
                let saved = std::mem::replace(&mut self.no_gt, true);
                let list = self.expr_list();
                self.no_gt = saved;
                args = list?;
            }
        }
        let redir = match self.tok() {
            Tok::Punct(">") => Some(Redir::Write),
            Tok::Punct(">>") => Some(Redir::Append),
            Tok::Punct("|") => Some(Redir::Pipe),
            _ => None,
        };
        let redir = match redir {
            Some(r) => {
                self.advance();
                let saved = std::mem::replace(&mut self.no_gt, true);
                let target = self.concat();
                self.no_gt = saved;
                Some((r, target?))
            }
            None => None,
        };
        Ok((args, redir))
    }

    fn expr_list(&mut self) -> P<Vec<Expr>> {
        let mut v = vec![self.expr()?];
        while self.is(",") {
            self.advance();
            self.nls();
            v.push(self.expr()?);
        }
        Ok(v)
    }

    pub fn expr(&mut self) -> P<Expr> {
        self.enter()?;
        let lhs = self.ternary()?;
        let r = match self.tok() {
            Tok::Punct(p) if lhs.is_lvalue() && is_assign_op(p).is_some() => {
                let op = is_assign_op(p).flatten();
                self.advance();
                self.nls();
                let rhs = self.expr()?;
                Expr::Assign(op, Box::new(lhs), Box::new(rhs))
            }
            _ => lhs,
        };
        self.depth -= 1;
        Ok(r)
    }

    fn ternary(&mut self) -> P<Expr> {
        let c = self.or()?;
        if self.is("?") {
            self.advance();
            self.nls();
            let a = self.expr()?;
            self.nls();
            self.expect(":")?;
            self.nls();
            let b = self.expr()?;
            return Ok(Expr::Cond(Box::new(c), Box::new(a), Box::new(b)));
        }
        Ok(c)
    }

    fn or(&mut self) -> P<Expr> {
        let mut chained = 0;
        let mut l = self.and()?;
        while self.is("||") {
            self.enter()?;
            chained += 1;
            self.advance();
            self.nls();
            let r = self.and()?;
            l = Expr::Or(Box::new(l), Box::new(r));
        }
        self.depth -= chained;
        Ok(l)
    }

    fn and(&mut self) -> P<Expr> {
        let mut chained = 0;
        let mut l = self.in_expr()?;
        while self.is("&&") {
            self.enter()?;
            chained += 1;
            self.advance();
            self.nls();
            let r = self.in_expr()?;
            l = Expr::And(Box::new(l), Box::new(r));
        }
        self.depth -= chained;
        Ok(l)
    }

    fn in_expr(&mut self) -> P<Expr> {
        let mut chained = 0;
        let mut l = self.match_expr()?;
        while self.is_kw("in") {
            self.enter()?;
            chained += 1;
            self.advance();
            let Tok::Name(a) = self.tok().clone() else { return Err(self.error()) };
            self.advance();
            let v = self.var(&a);
            self.use_var(v, true);
            l = Expr::In(vec![l], v);
        }
        self.depth -= chained;
        Ok(l)
    }

    fn match_expr(&mut self) -> P<Expr> {
        let mut chained = 0;
        let mut l = self.cmp()?;
        loop {
            self.enter()?;
            chained += 1;
            let neg = match self.tok() {
                Tok::Punct("~") => false,
                Tok::Punct("!~") => true,
                _ => {
                    self.depth -= chained;
                    return Ok(l);
                }
            };
            self.advance();
            let r = self.cmp()?;
            l = Expr::Match(neg, Box::new(l), Box::new(r));
        }
    }

    fn cmp(&mut self) -> P<Expr> {
        let mut l = self.concat()?;
        while self.is("|") && matches!(self.peek(1), Tok::Kw("getline")) {
            self.i += 2;
            let var = self.getline_var()?;
            l = Expr::Getline(GetlineSrc::Cmd(Box::new(l)), var);
        }
        let op = match self.tok() {
            Tok::Punct("<") => CmpOp::Lt,
            Tok::Punct("<=") => CmpOp::Le,
            Tok::Punct("==") => CmpOp::Eq,
            Tok::Punct("!=") => CmpOp::Ne,
            Tok::Punct(">") if !self.no_gt => CmpOp::Gt,
            Tok::Punct(">=") => CmpOp::Ge,
            _ => return Ok(l),
        };
        self.advance();
        let r = self.concat()?;
        Ok(Expr::Cmp(op, Box::new(l), Box::new(r)))
    }

    fn starts_operand(&self) -> bool {
        match self.tok() {
            Tok::Num(_) | Tok::Str(_) | Tok::Ere(_) | Tok::Name(_) | Tok::FuncName(_) | Tok::Builtin(_) => true,
            Tok::Punct(p) => matches!(*p, "$" | "(" | "++" | "--"),
            _ => false,
        }
    }

    fn concat(&mut self) -> P<Expr> {
        let mut chained = 0;
        let mut l = self.additive()?;
        while self.starts_operand() {
            self.enter()?;
            chained += 1;
            let r = self.additive()?;
            l = Expr::Concat(Box::new(l), Box::new(r));
        }
        self.depth -= chained;
        Ok(l)
    }

    fn additive(&mut self) -> P<Expr> {
        let mut chained = 0;
        let mut l = self.mul()?;
        loop {
            self.enter()?;
            chained += 1;
            let op = match self.tok() {
                Tok::Punct("+") => BinOp::Add,
                Tok::Punct("-") => BinOp::Sub,
                _ => {
                    self.depth -= chained;
                    return Ok(l);
                }
            };
            self.advance();
            let r = self.mul()?;
            l = Expr::Bin(op, Box::new(l), Box::new(r));
        }
    }

    fn mul(&mut self) -> P<Expr> {
        let mut chained = 0;
        let mut l = self.unary()?;
        loop {
            self.enter()?;
            chained += 1;
            let op = match self.tok() {
                Tok::Punct("*") => BinOp::Mul,
                Tok::Punct("/") => BinOp::Div,
                Tok::Punct("%") => BinOp::Mod,
                _ => {
                    self.depth -= chained;
                    return Ok(l);
                }
            };
            self.advance();
            let r = self.unary()?;
            l = Expr::Bin(op, Box::new(l), Box::new(r));
        }
    }

    fn unary(&mut self) -> P<Expr> {
        self.enter()?;
        let r = match self.tok() {
            Tok::Punct("!") => {
                self.advance();
                Expr::Not(Box::new(self.unary()?))
            }
            Tok::Punct("-") => {
                self.advance();
                Expr::Neg(Box::new(self.unary()?))
            }
            Tok::Punct("+") => {
                self.advance();
                Expr::Plus(Box::new(self.unary()?))
            }
            _ => self.pow()?,
        };
        self.depth -= 1;
        Ok(r)
    }

    fn pow(&mut self) -> P<Expr> {
        let base = self.postfix()?;
        if self.is("^") || self.is("**") {
            self.advance();
            let e = self.unary()?;
            return Ok(Expr::Bin(BinOp::Pow, Box::new(base), Box::new(e)));
        }
        Ok(base)
    }

    fn postfix(&mut self) -> P<Expr> {
        let e = self.primary()?;
        if e.is_lvalue() && (self.is("++") || self.is("--")) {
            let inc = self.is("++");
            self.advance();
            return Ok(Expr::IncDec { pre: false, inc, lv: Box::new(e) });
        }
        Ok(e)
    }

    fn getline_var(&mut self) -> P<Option<Box<Expr>>> {
        match self.tok() {
            Tok::Name(_) | Tok::Punct("$") => Ok(Some(Box::new(self.primary()?))),
            _ => Ok(None),
        }
    }

    fn primary(&mut self) -> P<Expr> {
        self.enter()?;
        let r = self.primary_inner();
        self.depth -= 1;
        r
    }

    fn primary_inner(&mut self) -> P<Expr> {
        match self.tok().clone() {
            Tok::Num(n) => {
                self.advance();
                Ok(Expr::Num(n))
            }
            Tok::Str(s) => {
                self.advance();
                Ok(Expr::Str(s))
            }
            Tok::Ere(r) => {
                self.advance();
                self.prog.regexes.push(r);
                Ok(Expr::Regex(self.prog.regexes.len() - 1))
            }
            Tok::Punct("(") => {
                self.advance();
                let saved = std::mem::replace(&mut self.no_gt, false);
                self.nls();
                let list = self.expr_list();
                self.no_gt = saved;
                let list = list?;
                self.nls();
                self.expect(")")?;
                if list.len() > 1 {
                    if !self.is_kw("in") {
                        return Err(self.error());
                    }
                    self.advance();
                    let Tok::Name(a) = self.tok().clone() else { return Err(self.error()) };
                    self.advance();
                    let v = self.var(&a);
                    self.use_var(v, true);
                    return Ok(Expr::In(list, v));
                }
                Ok(Expr::Group(Box::new(list.into_iter().next().unwrap_or(Expr::Num(0.0)))))
            }
            Tok::Punct("$") => {
                self.advance();
                let e = match self.tok() {
                    Tok::Punct("++" | "--") => {
                        let inc = self.is("++");
                        self.advance();
                        let lv = self.primary()?;
                        if !lv.is_lvalue() {
                            return Err(self.error());
                        }
                        Expr::IncDec { pre: true, inc, lv: Box::new(lv) }
                    }
                    Tok::Punct("-") => {
                        self.advance();
                        Expr::Neg(Box::new(self.primary()?))
                    }
                    _ => self.primary()?,
                };
                Ok(Expr::Field(Box::new(e)))
            }
            Tok::Punct(p @ ("++" | "--")) => {
                self.advance();
                let lv = self.primary()?;
                if !lv.is_lvalue() {
                    return Err(self.error());
                }
                Ok(Expr::IncDec { pre: true, inc: p == "++", lv: Box::new(lv) })
            }
            Tok::Punct("-") => {
                self.advance();
                Ok(Expr::Neg(Box::new(self.unary()?)))
            }
            Tok::Punct("!") => {
                self.advance();
                Ok(Expr::Not(Box::new(self.unary()?)))
            }
            Tok::Name(n) => {
                self.advance();
                let v = self.var(&n);
                self.use_var(v, self.is("["));
                if self.is("[") {
                    self.advance();
                    let saved = std::mem::replace(&mut self.no_gt, false);
                    let k = self.expr_list();
                    self.no_gt = saved;
                    let k = k?;
                    self.expect("]")?;
                    return Ok(Expr::Index(v, k));
                }
                Ok(Expr::Var(v))
            }
            Tok::FuncName(n) => {
                let t = &self.toks[self.i];
                let at = (t.line, t.pos);
                self.advance();
                let id = self.func_id(&n);
                self.calls.entry(id).or_insert(at);
                self.expect("(")?;
                let args = self.call_args()?;
                for a in &args {
                    if let Expr::Var(Var::Global(g)) = a {
                        self.retype_last_use(*g, None);
                    }
                }
                Ok(Expr::Call(id, args))
            }
            Tok::Builtin(b) => {
                self.advance();
                if self.is("(") {
                    self.advance();
                    let args = self.call_args()?;
                    match (b, args.first(), args.get(1)) {
                        (Builtin::Length, Some(Expr::Var(Var::Global(g))), _) => self.retype_last_use(*g, None),
                        (Builtin::Split, _, Some(Expr::Var(Var::Global(g)))) => self.retype_last_use(*g, Some(true)),
                        _ => {}
                    }
                    Ok(Expr::Builtin(b, args))
                } else if b == Builtin::Length {
                    if super::value::mode() == super::Dialect::Busybox && !self.busybox_after_length() {
                        return Err(self.error());
                    }
                    Ok(Expr::Builtin(b, Vec::new()))
                } else {
                    Err(self.error())
                }
            }
            Tok::Kw("getline") => {
                self.advance();
                let var = self.getline_var()?;
                if self.is("<") {
                    self.advance();
                    let file = self.postfix()?;
                    return Ok(Expr::Getline(GetlineSrc::File(Box::new(file)), var));
                }
                Ok(Expr::Getline(GetlineSrc::Main, var))
            }
            _ => {
                // The program ended where an operand was due.
                let mut e = self.error();
                if e.kind == ErrKind::Eof {
                    e.near = "operand".into();
                }
                Err(e)
            }
        }
    }

    /// Arguments after `(` up to and including `)`.
    fn call_args(&mut self) -> P<Vec<Expr>> {
        let saved = std::mem::replace(&mut self.no_gt, false);
        self.nls();
        let r = if self.is(")") { Ok(Vec::new()) } else { self.expr_list() };
        self.no_gt = saved;
        let args = r?;
        self.nls();
        self.expect(")")?;
        Ok(args)
    }
}

/// `delete p`, `for (k in p)` make parameter `p` an array.
fn mark_stmt_arrays(stmts: &[Stmt], arrays: &mut [bool]) {
    for s in stmts {
        match s {
            Stmt::Delete(Var::Local(l), _) | Stmt::ForIn(_, Var::Local(l), _) => arrays[*l] = true,
            _ => {}
        }
        match s {
            Stmt::If(_, a, b) => {
                mark_stmt_arrays(std::slice::from_ref(a), arrays);
                if let Some(b) = b {
                    mark_stmt_arrays(std::slice::from_ref(b), arrays);
                }
            }
            Stmt::While(_, b) | Stmt::Do(b, _) | Stmt::ForIn(_, _, b) | Stmt::For(_, _, _, b) => {
                mark_stmt_arrays(std::slice::from_ref(b), arrays)
            }
            Stmt::Block(b) => mark_stmt_arrays(b, arrays),
            _ => {}
        }
    }
}
