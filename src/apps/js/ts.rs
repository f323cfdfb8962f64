//! TypeScript's syntax on top of the JavaScript parser: in a `.ts` file
//! (`Parser::ts`) type annotations, type parameters and arguments, `as`
//! and `satisfies`, non-null `!`, `interface`, `type`, `declare` and
//! overload signatures are read and dropped, as Node's type stripping and
//! tsc's emit drop them; `enum` becomes the object tsc makes of it. The
//! skipped spans are recorded so `tsc` can emit the JavaScript that is left.

use super::{num_str, Expr, LitV, Parser, Pat, Stmt, Tok, PR};

/// An enum tsc rewrites: its token range, name and members.
pub(super) type Enum = (usize, usize, String, Vec<(String, Expr)>);

impl Parser {
    /// Marks the tokens from `start` to the current position as TypeScript
    /// only (tsc leaves them out of its output).
    pub(super) fn ts_skipped(&mut self, start: usize) {
        if start < self.pos {
            self.erased.push((start, self.pos));
        }
    }

    /// `<T, U extends X = Y>` after a function or class name.
    pub(super) fn ts_type_params(&mut self) -> PR<()> {
        if self.ts && self.is("<") {
            let start = self.pos;
            self.skip_angles()?;
            self.ts_skipped(start);
        }
        Ok(())
    }

    /// `public`, `private`, `protected`, `readonly`, `override` before a
    /// constructor parameter (a parameter property) — the names it makes
    /// `this.x` of are returned by [`Parser::params`]' caller.
    pub(super) fn ts_param_modifiers(&mut self) -> bool {
        let mut any = false;
        while self.ts
            && matches!(self.peek(), Tok::Id(m) if matches!(m.as_str(), "public" | "private" | "protected" | "readonly" | "override"))
            && matches!(self.toks.get(self.pos + 1), Some((Tok::Id(_), ..)) | Some((Tok::P("{" | "["), ..)))
        {
            let start = self.pos;
            self.next();
            self.ts_skipped(start);
            any = true;
        }
        any
    }

    /// `?`, `!` and `: Type` after a binding.
    pub(super) fn ts_optional_and_type(&mut self) -> PR<()> {
        if !self.ts {
            return Ok(());
        }
        let start = self.pos;
        if self.is("?") || self.is("!") {
            self.next();
        }
        if self.eat(":") {
            self.skip_type()?;
        }
        self.ts_skipped(start);
        Ok(())
    }

    /// `: Type` after a parameter list (a return type, a type predicate).
    pub(super) fn ts_return_type(&mut self) -> PR<()> {
        if self.ts && self.is(":") {
            let start = self.pos;
            self.next();
            if matches!(self.peek(), Tok::Id(a) if a == "asserts") {
                self.next();
            }
            if matches!(self.toks.get(self.pos + 1), Some((Tok::Id(is), ..)) if is == "is") {
                self.next();
                self.next();
            }
            self.skip_type()?;
            self.ts_skipped(start);
        }
        Ok(())
    }

    /// Skips balanced `<…>` (type parameters or arguments).
    pub(super) fn skip_angles(&mut self) -> PR<()> {
        self.expect("<")?;
        let mut depth = 1;
        while depth > 0 {
            match self.next() {
                Tok::P("<") => depth += 1,
                Tok::P(">") => depth -= 1,
                Tok::P(">=") => depth -= 1,
                Tok::P("(" | "[" | "{") => {
                    self.pos = self.pos.saturating_sub(1);
                    self.skip_balanced()?;
                }
                Tok::P(";") | Tok::Eof => {
                    self.pos = self.pos.saturating_sub(1);
                    return Err(self.err());
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Skips a balanced `(…)`, `[…]` or `{…}`.
    fn skip_balanced(&mut self) -> PR<()> {
        let mut depth = 0usize;
        loop {
            match self.next() {
                Tok::P("(" | "[" | "{") => depth += 1,
                Tok::P(")" | "]" | "}") => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Ok(());
                    }
                }
                Tok::Eof => {
                    self.pos = self.pos.saturating_sub(1);
                    return Err(self.err());
                }
                _ => {}
            }
        }
    }

    /// Skips a type: unions and intersections of primary types, each with
    /// `[]`/`[K]` suffixes, function types, conditional types.
    pub(super) fn skip_type(&mut self) -> PR<()> {
        self.depth += 1;
        if self.depth > 64 {
            return Err(format!("{}: RangeError: Maximum call stack size exceeded", self.line()));
        }
        self.eat("|");
        self.eat("&");
        loop {
            self.skip_primary_type()?;
            if self.eat("|") || self.eat("&") {
                continue;
            }
            break;
        }
        if self.is("extends") {
            // T extends U ? X : Y
            self.next();
            self.skip_primary_type()?;
            if self.eat("?") {
                self.skip_type()?;
                self.expect(":")?;
                self.skip_type()?;
            }
        }
        self.depth -= 1;
        Ok(())
    }

    fn skip_primary_type(&mut self) -> PR<()> {
        while matches!(self.peek(), Tok::Id(k) if matches!(k.as_str(), "keyof" | "typeof" | "readonly" | "unique" | "infer" | "new" | "abstract"))
        {
            self.next();
        }
        match self.peek().clone() {
            Tok::P("(") => {
                self.skip_balanced()?;
                if self.eat("=>") {
                    self.skip_type()?;
                }
            }
            Tok::P("<") => {
                // <T>(x: T) => T
                self.skip_angles()?;
                self.skip_balanced()?;
                self.expect("=>")?;
                self.skip_type()?;
            }
            Tok::P("{") | Tok::P("[") => self.skip_balanced()?,
            Tok::P("-") => {
                self.next();
                self.next();
            }
            Tok::Id(_) => {
                self.next();
                while self.is(".") {
                    self.next();
                    self.ident()?;
                }
                if self.is("<") {
                    self.skip_angles()?;
                }
                if matches!(self.peek(), Tok::Id(is) if is == "is") {
                    self.next();
                    self.skip_type()?;
                }
            }
            Tok::Str(_) | Tok::Num(_) | Tok::Tpl(..) => {
                self.next();
            }
            _ => return Err(self.err()),
        }
        // T[] and T[K]
        while self.is("[") && !self.newline_before() {
            self.skip_balanced()?;
        }
        Ok(())
    }

    /// Whether the current token starts a new line (type suffixes do not
    /// continue over one).
    fn newline_before(&self) -> bool {
        self.pos > 0 && self.toks.get(self.pos).map(|t| t.1) != self.toks.get(self.pos - 1).map(|t| t.1)
    }

    /// A type argument list before a call (`useState<string>(…)`,
    /// `new Map<string, number>()`): skipped when what follows `>` is `(`.
    pub(super) fn ts_call_type_args(&mut self) -> bool {
        if !self.ts || !self.is("<") {
            return false;
        }
        let save = self.pos;
        if self.skip_angles().is_ok() && (self.is("(") || matches!(self.peek(), Tok::Tpl(..))) {
            self.ts_skipped(save);
            return true;
        }
        self.pos = save;
        false
    }

    /// TypeScript-only statements: `interface`, `type X =`, `declare …`,
    /// `enum`, `abstract class` (the class is parsed by the caller), and
    /// `namespace` (not simulated). None when the statement is JavaScript.
    pub(super) fn ts_stmt(&mut self) -> PR<Option<Stmt>> {
        let Tok::Id(word) = self.peek().clone() else { return Ok(None) };
        let next_is_name = matches!(self.toks.get(self.pos + 1), Some((Tok::Id(_), ..)));
        let start = self.pos;
        match word.as_str() {
            "interface" if next_is_name => {
                self.next();
                self.next();
                if self.is("<") {
                    self.skip_angles()?;
                }
                if self.eat("extends") {
                    loop {
                        self.skip_primary_type()?;
                        if !self.eat(",") {
                            break;
                        }
                    }
                }
                self.skip_balanced()?;
            }
            "type" if next_is_name && matches!(self.toks.get(self.pos + 2), Some((Tok::P("=" | "<"), ..))) => {
                self.next();
                self.next();
                if self.is("<") {
                    self.skip_angles()?;
                }
                self.expect("=")?;
                self.skip_type()?;
                self.eat(";");
            }
            "declare" if next_is_name => {
                self.next();
                let what = self.ident()?;
                if matches!(what.as_str(), "module" | "global" | "namespace") {
                    while !self.is("{") && *self.peek() != Tok::Eof {
                        self.next();
                    }
                    self.skip_balanced()?;
                } else {
                    // declare const x: T; declare function f(): T;
                    let mut depth = 0usize;
                    loop {
                        match self.next() {
                            Tok::P("(" | "[" | "{" | "<") => depth += 1,
                            Tok::P(")" | "]" | "}" | ">") => depth = depth.saturating_sub(1),
                            Tok::P(";") if depth == 0 => break,
                            Tok::Eof => break,
                            _ => {}
                        }
                    }
                }
            }
            "enum" if next_is_name => return self.ts_enum(start).map(Some),
            "const" if matches!(self.toks.get(self.pos + 1), Some((Tok::Id(e), ..)) if e == "enum") => {
                self.next();
                return self.ts_enum(start).map(Some);
            }
            "namespace" | "module" if next_is_name && matches!(self.toks.get(self.pos + 2), Some((Tok::P("{" | "."), ..))) => {
                return Err(format!("{}: dockersim: TypeScript namespaces are not simulated", self.line()));
            }
            _ => return Ok(None),
        }
        self.ts_skipped(start);
        Ok(Some(Stmt::Empty))
    }

    /// `enum Color { Red, Green = 5, Blue = "b" }` → the object tsc builds:
    /// numeric members map both ways, string members one way.
    fn ts_enum(&mut self, start: usize) -> PR<Stmt> {
        self.expect("enum")?;
        let name = self.ident()?;
        self.expect("{")?;
        let mut fields: Vec<(String, Expr)> = Vec::new();
        let mut next = 0.0;
        while !self.eat("}") {
            let key = match self.next() {
                Tok::Id(s) | Tok::Str(s) => s,
                _ => {
                    self.pos = self.pos.saturating_sub(1);
                    return Err(self.err());
                }
            };
            if self.eat("=") {
                let value = self.assign()?;
                let number = match &value {
                    Expr::Lit(LitV::Num(n)) => Some(*n),
                    Expr::Unary("-", inner) => match **inner {
                        Expr::Lit(LitV::Num(n)) => Some(-n),
                        _ => None,
                    },
                    _ => None,
                };
                match number {
                    Some(n) => {
                        fields.push((key.clone(), Expr::Lit(LitV::Num(n))));
                        fields.push((num_str(n), Expr::Lit(LitV::Str(key))));
                        next = n + 1.0;
                    }
                    None => fields.push((key, value)),
                }
            } else {
                fields.push((key.clone(), Expr::Lit(LitV::Num(next))));
                fields.push((num_str(next), Expr::Lit(LitV::Str(key))));
                next += 1.0;
            }
            if !self.eat(",") {
                self.expect("}")?;
                break;
            }
        }
        self.enums.push((start, self.pos, name.clone(), fields.clone()));
        Ok(Stmt::Let(Pat::Name(name), Some(Expr::Obj(fields))))
    }
}
