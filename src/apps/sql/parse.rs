//! Statements: the SQL that tutorials type, parsed from tokens.

use super::lex::{Kind, Tok};
use super::Value;

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub name: String,
    /// The type as the server shows it (`int`, `varchar(255)`, `integer`).
    pub ty: String,
    pub not_null: bool,
    pub pk: bool,
    pub auto: bool,
    pub default: Option<Value>,
    /// `DEFAULT CURRENT_TIMESTAMP` / `DEFAULT now()`.
    pub now: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Stmt {
    CreateDb {
        name: String,
        if_not: bool,
    },
    DropDb {
        name: String,
        if_exists: bool,
    },
    Use(String),
    CreateTable {
        name: String,
        if_not: bool,
        cols: Vec<Column>,
        auto_inc: Option<i64>,
    },
    DropTable {
        names: Vec<(String, usize)>,
        if_exists: bool,
    },
    Insert {
        table: String,
        at: usize,
        cols: Option<Vec<String>>,
        rows: Vec<Vec<Expr>>,
    },
    Select(Select),
    Update {
        table: String,
        at: usize,
        sets: Vec<(String, Expr)>,
        filter: Option<Expr>,
    },
    Delete {
        table: String,
        at: usize,
        filter: Option<Expr>,
    },
    ShowDatabases,
    ShowTables,
    Describe(String, usize),
    CreateUser {
        name: String,
        password: String,
    },
    /// Accepted and without effect here (GRANT, FLUSH, SET, BEGIN, COMMIT): the command tag.
    Noop(&'static str),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Select {
    pub items: Vec<Item>,
    pub from: Option<(String, usize)>,
    pub filter: Option<Expr>,
    pub group: Vec<Expr>,
    pub order: Vec<(Expr, bool)>,
    pub limit: Option<usize>,
    pub offset: usize,
    pub distinct: bool,
}

/// One selected expression, its alias, and its text as typed (MySQL's header).
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub expr: Expr,
    pub alias: Option<String>,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Lit(Value),
    /// A column and where its name starts.
    Col(String, usize),
    Star,
    Bin(&'static str, Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    IsNull(Box<Expr>, bool),
    Like(Box<Expr>, Box<Expr>, bool),
    In(Box<Expr>, Vec<Expr>, bool),
    /// A function call, name lower-cased (`count(*)` has `[Star]`).
    Call(String, Vec<Expr>),
}

/// A parse failure at a token offset (the statement's length at its end).
#[derive(Debug, PartialEq)]
pub struct SyntaxError(pub usize);

const MAX_DEPTH: usize = 64;

struct P<'a> {
    t: &'a [Tok],
    i: usize,
    src: &'a str,
    depth: usize,
    /// PostgreSQL: booleans are `t`/`f`, not 1/0.
    pg: bool,
}

type R<T> = Result<T, SyntaxError>;

/// Parses one statement (without its terminating `;`); `pg`: PostgreSQL's literals.
pub fn parse(src: &str, toks: &[Tok], pg: bool) -> R<Stmt> {
    let mut p = P { t: toks, i: 0, src, depth: 0, pg };
    let s = p.stmt()?;
    p.eat_sym(";");
    if p.i < p.t.len() {
        return Err(p.err());
    }
    Ok(s)
}

impl P<'_> {
    fn err(&self) -> SyntaxError {
        SyntaxError(self.t.get(self.i).map_or(self.src.len(), |t| t.pos))
    }
    fn peek(&self) -> Option<&Tok> {
        self.t.get(self.i)
    }
    fn at(&self, kw: &str) -> bool {
        self.peek().is_some_and(|t| t.is(kw))
    }
    fn eat(&mut self, kw: &str) -> bool {
        let yes = self.at(kw);
        self.i += yes as usize;
        yes
    }
    fn want(&mut self, kw: &str) -> R<()> {
        if self.eat(kw) {
            Ok(())
        } else {
            Err(self.err())
        }
    }
    fn at_sym(&self, s: &str) -> bool {
        matches!(self.peek(), Some(Tok { kind: Kind::Sym(x), .. }) if *x == s)
    }
    fn eat_sym(&mut self, s: &str) -> bool {
        let yes = self.at_sym(s);
        self.i += yes as usize;
        yes
    }
    fn want_sym(&mut self, s: &str) -> R<()> {
        if self.eat_sym(s) {
            Ok(())
        } else {
            Err(self.err())
        }
    }
    /// A name: a bare word (lower-cased unquoted in PostgreSQL is the caller's business) or a quoted name.
    fn name(&mut self) -> R<(String, usize)> {
        match self.peek() {
            Some(Tok { kind: Kind::Word(w) | Kind::Name(w), pos }) if !w.is_empty() => {
                let r = (w.clone(), *pos);
                self.i += 1;
                Ok(r)
            }
            _ => Err(self.err()),
        }
    }
    /// A table name; `db.table` (MySQL) or `schema.table` keeps the qualifier before a dot.
    fn table(&mut self) -> R<(String, usize)> {
        let (mut n, at) = self.name()?;
        if self.eat_sym(".") {
            n = format!("{n}.{}", self.name()?.0);
        }
        Ok((n, at))
    }
    fn if_not_exists(&mut self) -> R<bool> {
        if self.eat("IF") {
            self.want("NOT")?;
            self.want("EXISTS")?;
            return Ok(true);
        }
        Ok(false)
    }
    fn if_exists(&mut self) -> R<bool> {
        if self.eat("IF") {
            self.want("EXISTS")?;
            return Ok(true);
        }
        Ok(false)
    }
    fn skip_to_end(&mut self) {
        while self.peek().is_some() && !self.at_sym(";") {
            self.i += 1;
        }
    }

    fn stmt(&mut self) -> R<Stmt> {
        if self.eat("CREATE") {
            if self.eat("DATABASE") || self.eat("SCHEMA") {
                let if_not = self.if_not_exists()?;
                let name = self.name()?.0;
                self.skip_to_end();
                return Ok(Stmt::CreateDb { name, if_not });
            }
            if self.eat("TABLE") {
                return self.create_table();
            }
            if self.eat("USER") || self.eat("ROLE") {
                let _ = self.if_not_exists()?;
                let name = match self.peek() {
                    Some(Tok { kind: Kind::Str(s), .. }) => {
                        let s = s.clone();
                        self.i += 1;
                        s
                    }
                    _ => self.name()?.0,
                };
                let mut password = String::new();
                while let Some(t) = self.peek() {
                    if let (Kind::Str(s), true) =
                        (&t.kind, self.i > 0 && (self.t[self.i - 1].is("BY") || self.t[self.i - 1].is("PASSWORD")))
                    {
                        password = s.clone();
                    }
                    if self.at_sym(";") {
                        break;
                    }
                    self.i += 1;
                }
                return Ok(Stmt::CreateUser { name, password });
            }
            return Err(self.err());
        }
        if self.eat("DROP") {
            if self.eat("DATABASE") || self.eat("SCHEMA") {
                let if_exists = self.if_exists()?;
                return Ok(Stmt::DropDb { if_exists, name: self.name()?.0 });
            }
            self.want("TABLE")?;
            let if_exists = self.if_exists()?;
            let mut names = vec![self.table()?];
            while self.eat_sym(",") {
                names.push(self.table()?);
            }
            self.eat("CASCADE");
            return Ok(Stmt::DropTable { names, if_exists });
        }
        if self.eat("USE") {
            return Ok(Stmt::Use(self.name()?.0));
        }
        if self.eat("SHOW") {
            if self.eat("DATABASES") || self.eat("SCHEMAS") {
                return Ok(Stmt::ShowDatabases);
            }
            self.eat("FULL");
            self.want("TABLES")?;
            return Ok(Stmt::ShowTables);
        }
        if self.eat("DESCRIBE") || self.eat("DESC") {
            let (t, at) = self.table()?;
            return Ok(Stmt::Describe(t, at));
        }
        if self.at("SHOW") || self.eat("EXPLAIN") {
            return Err(self.err());
        }
        if self.eat("INSERT") {
            self.want("INTO")?;
            return self.insert();
        }
        if self.at("SELECT") {
            return Ok(Stmt::Select(self.select()?));
        }
        if self.eat("UPDATE") {
            let (table, at) = self.table()?;
            self.want("SET")?;
            let mut sets = Vec::new();
            loop {
                let c = self.name()?.0;
                self.want_sym("=")?;
                sets.push((c, self.expr()?));
                if !self.eat_sym(",") {
                    break;
                }
            }
            let filter = if self.eat("WHERE") { Some(self.expr()?) } else { None };
            return Ok(Stmt::Update { table, at, sets, filter });
        }
        if self.eat("DELETE") {
            self.want("FROM")?;
            let (table, at) = self.table()?;
            let filter = if self.eat("WHERE") { Some(self.expr()?) } else { None };
            return Ok(Stmt::Delete { table, at, filter });
        }
        for (kw, tag) in
            [("GRANT", "GRANT"), ("FLUSH", "FLUSH"), ("SET", "SET"), ("BEGIN", "BEGIN"), ("START", "BEGIN"), ("COMMIT", "COMMIT")]
        {
            if self.eat(kw) {
                self.skip_to_end();
                return Ok(Stmt::Noop(tag));
            }
        }
        Err(self.err())
    }

    fn create_table(&mut self) -> R<Stmt> {
        let if_not = self.if_not_exists()?;
        let name = self.table()?.0;
        self.want_sym("(")?;
        let mut cols: Vec<Column> = Vec::new();
        loop {
            if self.eat("PRIMARY") {
                self.want("KEY")?;
                for k in self.name_list()? {
                    if let Some(c) = cols.iter_mut().find(|c| c.name.eq_ignore_ascii_case(&k)) {
                        c.pk = true;
                        c.not_null = true;
                    }
                }
            } else if self.at("UNIQUE") || self.at("KEY") || self.at("INDEX") || self.at("CONSTRAINT") || self.at("FOREIGN") {
                self.skip_group()?;
            } else {
                cols.push(self.column()?);
            }
            if !self.eat_sym(",") {
                break;
            }
        }
        self.want_sym(")")?;
        let mut auto_inc = None;
        while self.peek().is_some() && !self.at_sym(";") {
            if self.eat("AUTO_INCREMENT") {
                self.eat_sym("=");
                auto_inc = self.number();
            } else {
                self.i += 1;
            }
        }
        Ok(Stmt::CreateTable { name, if_not, cols, auto_inc })
    }

    fn number(&mut self) -> Option<i64> {
        let Some(Tok { kind: Kind::Num(n), .. }) = self.peek() else { return None };
        let v = n.parse().ok();
        self.i += 1;
        v
    }

    /// Skips a table constraint up to the next top-level `,` or `)`.
    fn skip_group(&mut self) -> R<()> {
        let mut depth = 0usize;
        while let Some(t) = self.peek() {
            match t.kind {
                Kind::Sym("(") => depth += 1,
                Kind::Sym(")") if depth == 0 => return Ok(()),
                Kind::Sym(")") => depth -= 1,
                Kind::Sym(",") if depth == 0 => return Ok(()),
                _ => {}
            }
            self.i += 1;
        }
        Err(self.err())
    }

    fn name_list(&mut self) -> R<Vec<String>> {
        self.want_sym("(")?;
        let mut v = vec![self.name()?.0];
        while self.eat_sym(",") {
            v.push(self.name()?.0);
        }
        self.want_sym(")")?;
        Ok(v)
    }

    fn column(&mut self) -> R<Column> {
        let name = self.name()?.0;
        let (base, _) = match self.peek() {
            Some(Tok { kind: Kind::Word(w), .. }) => (w.to_ascii_lowercase(), ()),
            _ => return Err(self.err()),
        };
        self.i += 1;
        let mut ty = base;
        while ["VARYING", "PRECISION", "UNSIGNED", "WITHOUT", "WITH", "TIME", "ZONE"].iter().any(|w| self.at(w)) {
            ty.push(' ');
            ty.push_str(&self.name()?.0.to_ascii_lowercase());
        }
        if self.eat_sym("(") {
            let mut args = Vec::new();
            while let Some(Tok { kind: Kind::Num(n), .. }) = self.peek() {
                args.push(n.clone());
                self.i += 1;
                if !self.eat_sym(",") {
                    break;
                }
            }
            self.want_sym(")")?;
            ty = format!("{ty}({})", args.join(","));
        }
        let mut c = Column { name, ty, not_null: false, pk: false, auto: false, default: None, now: false };
        if matches!(c.ty.as_str(), "serial" | "bigserial" | "smallserial") {
            c.auto = true;
            c.not_null = true;
        }
        loop {
            if self.eat("NOT") {
                self.want("NULL")?;
                c.not_null = true;
            } else if self.eat("NULL") || self.eat("UNSIGNED") || self.eat("UNIQUE") {
            } else if self.eat("PRIMARY") {
                self.want("KEY")?;
                c.pk = true;
                c.not_null = true;
            } else if self.eat("AUTO_INCREMENT") || self.eat("AUTOINCREMENT") {
                c.auto = true;
                c.not_null = true;
            } else if self.eat("DEFAULT") {
                c.default = Some(match self.primary()? {
                    Expr::Lit(v) => v,
                    Expr::Neg(e) => match *e {
                        Expr::Lit(Value::Int(n)) => Value::Int(-n),
                        Expr::Lit(Value::Num(n)) => Value::Num(-n),
                        _ => return Err(self.err()),
                    },
                    Expr::Call(f, _) if matches!(f.as_str(), "current_timestamp" | "now" | "localtimestamp") => {
                        c.now = true;
                        continue;
                    }
                    _ => Value::Null,
                });
            } else if self.eat("REFERENCES") || self.eat("CHECK") || self.eat("COMMENT") || self.eat("CHARACTER") || self.eat("COLLATE") {
                self.skip_group()?;
            } else {
                return Ok(c);
            }
        }
    }

    fn insert(&mut self) -> R<Stmt> {
        let (table, at) = self.table()?;
        let cols = if self.at_sym("(") { Some(self.name_list()?) } else { None };
        if !self.eat("VALUES") {
            self.want("VALUE")?;
        }
        let mut rows = Vec::new();
        loop {
            self.want_sym("(")?;
            let mut row = vec![];
            if !self.at_sym(")") {
                row.push(self.expr()?);
                while self.eat_sym(",") {
                    row.push(self.expr()?);
                }
            }
            self.want_sym(")")?;
            rows.push(row);
            if !self.eat_sym(",") {
                break;
            }
        }
        Ok(Stmt::Insert { table, at, cols, rows })
    }

    fn select(&mut self) -> R<Select> {
        self.want("SELECT")?;
        let distinct = self.eat("DISTINCT");
        self.eat("ALL");
        let mut items = Vec::new();
        loop {
            let start = self.peek().map_or(self.src.len(), |t| t.pos);
            let expr = if self.eat_sym("*") { Expr::Star } else { self.expr()? };
            let end = self.peek().map_or(self.src.len(), |t| t.pos);
            let text = self.src[start..end].trim_end().to_string();
            let alias = if self.eat("AS")
                || matches!(self.peek(), Some(Tok { kind: Kind::Word(w), .. }) if !is_reserved(w))
                || matches!(self.peek(), Some(Tok { kind: Kind::Name(_) | Kind::Str(_), .. }))
            {
                match self.peek() {
                    Some(Tok { kind: Kind::Word(w) | Kind::Name(w) | Kind::Str(w), .. }) => {
                        let w = w.clone();
                        self.i += 1;
                        Some(w)
                    }
                    _ => return Err(self.err()),
                }
            } else {
                None
            };
            items.push(Item { expr, alias, text });
            if !self.eat_sym(",") {
                break;
            }
        }
        let mut s = Select { items, from: None, filter: None, group: vec![], order: vec![], limit: None, offset: 0, distinct };
        if self.eat("FROM") {
            s.from = Some(self.table()?);
            // A table alias (`FROM todos t`, `FROM todos AS t`): columns are looked up by name.
            if self.eat("AS") || matches!(self.peek(), Some(Tok { kind: Kind::Word(w), .. }) if !is_reserved(w)) {
                self.name()?;
            }
        }
        if self.eat("WHERE") {
            s.filter = Some(self.expr()?);
        }
        if self.eat("GROUP") {
            self.want("BY")?;
            s.group.push(self.expr()?);
            while self.eat_sym(",") {
                s.group.push(self.expr()?);
            }
        }
        if self.eat("ORDER") {
            self.want("BY")?;
            loop {
                let e = self.expr()?;
                let desc = self.eat("DESC");
                if !desc {
                    self.eat("ASC");
                }
                s.order.push((e, desc));
                if !self.eat_sym(",") {
                    break;
                }
            }
        }
        if self.eat("LIMIT") {
            let a = self.number().ok_or_else(|| self.err())?;
            if self.eat_sym(",") {
                s.offset = a.max(0) as usize;
                s.limit = Some(self.number().ok_or_else(|| self.err())?.max(0) as usize);
            } else {
                s.limit = Some(a.max(0) as usize);
            }
        }
        if self.eat("OFFSET") {
            s.offset = self.number().ok_or_else(|| self.err())?.max(0) as usize;
        }
        Ok(s)
    }

    fn expr(&mut self) -> R<Expr> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err());
        }
        let r = self.or();
        self.depth -= 1;
        r
    }

    fn or(&mut self) -> R<Expr> {
        let mut l = self.and()?;
        while self.eat("OR") {
            l = Expr::Bin("OR", Box::new(l), Box::new(self.and()?));
        }
        Ok(l)
    }

    fn and(&mut self) -> R<Expr> {
        let mut l = self.not()?;
        while self.eat("AND") {
            l = Expr::Bin("AND", Box::new(l), Box::new(self.not()?));
        }
        Ok(l)
    }

    fn not(&mut self) -> R<Expr> {
        if self.eat("NOT") {
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return Err(self.err());
            }
            let e = self.not()?;
            self.depth -= 1;
            return Ok(Expr::Not(Box::new(e)));
        }
        self.cmp()
    }

    fn cmp(&mut self) -> R<Expr> {
        let l = self.add()?;
        for op in ["=", "<>", "!=", "<=", ">=", "<", ">"] {
            if self.eat_sym(op) {
                let op = if op == "!=" { "<>" } else { op };
                let op: &'static str = ["=", "<>", "<=", ">=", "<", ">"].into_iter().find(|o| *o == op).unwrap_or("=");
                return Ok(Expr::Bin(op, Box::new(l), Box::new(self.add()?)));
            }
        }
        if self.eat("IS") {
            let neg = self.eat("NOT");
            self.want("NULL")?;
            return Ok(Expr::IsNull(Box::new(l), !neg));
        }
        let neg = self.eat("NOT");
        if self.eat("LIKE") || self.eat("ILIKE") {
            return Ok(Expr::Like(Box::new(l), Box::new(self.add()?), neg));
        }
        if self.eat("IN") {
            self.want_sym("(")?;
            let mut v = vec![self.expr()?];
            while self.eat_sym(",") {
                v.push(self.expr()?);
            }
            self.want_sym(")")?;
            return Ok(Expr::In(Box::new(l), v, neg));
        }
        if self.eat("BETWEEN") {
            let lo = self.add()?;
            self.want("AND")?;
            let hi = self.add()?;
            let e = Expr::Bin(
                "AND",
                Box::new(Expr::Bin(">=", Box::new(l.clone()), Box::new(lo))),
                Box::new(Expr::Bin("<=", Box::new(l), Box::new(hi))),
            );
            return Ok(if neg { Expr::Not(Box::new(e)) } else { e });
        }
        if neg {
            return Err(self.err());
        }
        Ok(l)
    }

    fn add(&mut self) -> R<Expr> {
        let mut l = self.mul()?;
        loop {
            let op = if self.eat_sym("+") {
                "+"
            } else if self.eat_sym("-") {
                "-"
            } else if self.eat_sym("||") {
                "||"
            } else {
                return Ok(l);
            };
            l = Expr::Bin(op, Box::new(l), Box::new(self.mul()?));
        }
    }

    fn mul(&mut self) -> R<Expr> {
        let mut l = self.unary()?;
        loop {
            let op = if self.eat_sym("*") {
                "*"
            } else if self.eat_sym("/") {
                "/"
            } else {
                return Ok(l);
            };
            l = Expr::Bin(op, Box::new(l), Box::new(self.unary()?));
        }
    }

    fn unary(&mut self) -> R<Expr> {
        if self.eat_sym("-") {
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return Err(self.err());
            }
            let e = self.unary()?;
            self.depth -= 1;
            return Ok(Expr::Neg(Box::new(e)));
        }
        let e = self.primary()?;
        if self.eat_sym("::") {
            self.name()?;
        }
        Ok(e)
    }

    fn primary(&mut self) -> R<Expr> {
        let Some(t) = self.peek().cloned() else { return Err(self.err()) };
        self.i += 1;
        match t.kind {
            Kind::Num(n) => {
                Ok(Expr::Lit(n.parse().map(Value::Int).or_else(|_| n.parse().map(Value::Num)).map_err(|_| SyntaxError(t.pos))?))
            }
            Kind::Str(s) => Ok(Expr::Lit(Value::Text(s))),
            Kind::Sym("(") => {
                let e = self.expr()?;
                self.want_sym(")")?;
                Ok(e)
            }
            Kind::Name(n) => Ok(self.column_ref(n, t.pos)?),
            Kind::Word(w) => {
                let up = w.to_ascii_uppercase();
                match up.as_str() {
                    "NULL" => return Ok(Expr::Lit(Value::Null)),
                    "TRUE" | "FALSE" if self.pg => return Ok(Expr::Lit(Value::Text(if up == "TRUE" { "t" } else { "f" }.into()))),
                    "TRUE" => return Ok(Expr::Lit(Value::Int(1))),
                    "FALSE" => return Ok(Expr::Lit(Value::Int(0))),
                    "CURRENT_TIMESTAMP" | "CURRENT_DATE" | "CURRENT_USER" if !self.at_sym("(") => {
                        return Ok(Expr::Call(w.to_ascii_lowercase(), vec![]))
                    }
                    _ => {}
                }
                if self.eat_sym("(") {
                    let mut args = vec![];
                    if self.eat_sym("*") {
                        args.push(Expr::Star);
                    } else if !self.at_sym(")") {
                        self.eat("DISTINCT");
                        args.push(self.expr()?);
                        while self.eat_sym(",") {
                            args.push(self.expr()?);
                        }
                    }
                    self.want_sym(")")?;
                    return Ok(Expr::Call(w.to_ascii_lowercase(), args));
                }
                if is_reserved(&w) {
                    return Err(SyntaxError(t.pos));
                }
                self.column_ref(w, t.pos)
            }
            _ => Err(SyntaxError(t.pos)),
        }
    }

    fn column_ref(&mut self, n: String, pos: usize) -> R<Expr> {
        if self.eat_sym(".") {
            let (c, at) = self.name()?;
            return Ok(Expr::Col(c, at));
        }
        Ok(Expr::Col(n, pos))
    }
}

/// Words that end a select item rather than name its alias.
fn is_reserved(w: &str) -> bool {
    const R: [&str; 33] = [
        "FROM", "WHERE", "GROUP", "ORDER", "LIMIT", "OFFSET", "AND", "OR", "NOT", "AS", "ON", "SELECT", "BY", "VALUES", "SET", "IS",
        "LIKE", "IN", "BETWEEN", "DESC", "ASC", "HAVING", "JOIN", "INNER", "LEFT", "RIGHT", "CROSS", "NATURAL", "FULL", "UNION", "USING",
        "OUTER", "ILIKE",
    ];
    R.iter().any(|r| r.eq_ignore_ascii_case(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> R<Stmt> {
        parse(s, &super::super::lex::lex(s, true).unwrap(), false)
    }

    #[test]
    fn statements() {
        assert!(matches!(
            p("CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(255) NOT NULL DEFAULT 'x');"),
            Ok(Stmt::CreateTable { .. })
        ));
        let Ok(Stmt::Select(s)) =
            p("select id, count(*) as n from t where a = 1 and b like 'x%' or c is not null order by id desc limit 2")
        else {
            panic!()
        };
        assert_eq!(s.items[1].alias.as_deref(), Some("n"));
        assert_eq!(s.items[0].text, "id");
        assert_eq!(s.limit, Some(2));
        assert!(matches!(p("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y')"), Ok(Stmt::Insert { ref rows, .. }) if rows.len() == 2));
        assert_eq!(p("SELEC 1"), Err(SyntaxError(0)));
        assert_eq!(p("SELECT * FROM"), Err(SyntaxError(13)));
        let deep = format!("SELECT {}1{}", "(".repeat(500), ")".repeat(500));
        assert!(p(&deep).is_err());
    }
}
