//! The parsed awk program.

/// Where a variable lives: a global slot or a function's local (parameter) slot.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Var {
    Global(usize),
    Local(usize),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CmpOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Builtin {
    Length,
    Substr,
    Index,
    Split,
    Sub,
    Gsub,
    Match,
    Sprintf,
    Tolower,
    Toupper,
    Int,
    Sqrt,
    Exp,
    Log,
    Sin,
    Cos,
    Atan2,
    Rand,
    Srand,
    System,
    Close,
    Fflush,
}

impl Builtin {
    pub fn from_name(name: &str) -> Option<Builtin> {
        use Builtin::*;
        Some(match name {
            "length" => Length,
            "substr" => Substr,
            "index" => Index,
            "split" => Split,
            "sub" => Sub,
            "gsub" => Gsub,
            "match" => Match,
            "sprintf" => Sprintf,
            "tolower" => Tolower,
            "toupper" => Toupper,
            "int" => Int,
            "sqrt" => Sqrt,
            "exp" => Exp,
            "log" => Log,
            "sin" => Sin,
            "cos" => Cos,
            "atan2" => Atan2,
            "rand" => Rand,
            "srand" => Srand,
            "system" => System,
            "close" => Close,
            "fflush" => Fflush,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug)]
pub enum GetlineSrc {
    /// The main input (`getline`, `getline var`).
    Main,
    /// `getline < file`.
    File(Box<Expr>),
    /// `cmd | getline`.
    Cmd(Box<Expr>),
}

#[derive(Clone, Debug)]
pub enum Expr {
    Num(f64),
    Str(String),
    /// `/re/`: an index into `Program::regexes`; as a value it matches `$0`.
    Regex(usize),
    Var(Var),
    Field(Box<Expr>),
    Index(Var, Vec<Expr>),
    Assign(Option<BinOp>, Box<Expr>, Box<Expr>),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    Plus(Box<Expr>),
    Bin(BinOp, Box<Expr>, Box<Expr>),
    Cmp(CmpOp, Box<Expr>, Box<Expr>),
    /// `a ~ b` (false) or `a !~ b` (true).
    Match(bool, Box<Expr>, Box<Expr>),
    Concat(Box<Expr>, Box<Expr>),
    In(Vec<Expr>, Var),
    IncDec {
        pre: bool,
        inc: bool,
        lv: Box<Expr>,
    },
    Call(usize, Vec<Expr>),
    Builtin(Builtin, Vec<Expr>),
    Getline(GetlineSrc, Option<Box<Expr>>),
    /// A parenthesised expression (kept for `print (a)(b) > f` and `(x) in a`).
    Group(Box<Expr>),
}

impl Expr {
    pub fn is_lvalue(&self) -> bool {
        matches!(self, Expr::Var(_) | Expr::Field(_) | Expr::Index(..))
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Redir {
    Write,
    Append,
    Pipe,
}

/// `print`'s arguments and redirection.
pub type PrintArgs = (Vec<Expr>, Option<(Redir, Expr)>);

#[derive(Clone, Debug)]
pub enum Stmt {
    Expr(Expr),
    Print(Vec<Expr>, Option<(Redir, Expr)>),
    Printf(Vec<Expr>, Option<(Redir, Expr)>),
    If(Expr, Box<Stmt>, Option<Box<Stmt>>),
    While(Expr, Box<Stmt>),
    Do(Box<Stmt>, Expr),
    For(Option<Box<Stmt>>, Option<Expr>, Option<Box<Stmt>>, Box<Stmt>),
    ForIn(Box<Expr>, Var, Box<Stmt>),
    Block(Vec<Stmt>),
    Next,
    NextFile,
    Exit(Option<Expr>),
    Return(Option<Expr>),
    Break,
    Continue,
    Delete(Var, Option<Vec<Expr>>),
}

#[derive(Clone, Debug)]
pub enum Pattern {
    All,
    Expr(Expr),
    /// A range `p1, p2`: its index in the interpreter's range states.
    Range(Expr, Expr, usize),
}

#[derive(Clone, Debug)]
pub struct Item {
    pub pattern: Pattern,
    /// `None`: print the record.
    pub action: Option<Vec<Stmt>>,
}

#[derive(Clone, Debug, Default)]
pub struct Func {
    pub name: String,
    pub params: Vec<String>,
    /// Which parameters the body uses as arrays.
    pub array_params: Vec<bool>,
    pub body: Vec<Stmt>,
    pub defined: bool,
}

#[derive(Debug, Default)]
pub struct Program {
    pub begin: Vec<Vec<Stmt>>,
    pub end: Vec<Vec<Stmt>>,
    pub items: Vec<Item>,
    pub funcs: Vec<Func>,
    /// Global names by slot (the special variables first, see `interp::SPECIALS`).
    pub globals: Vec<String>,
    /// Regular-expression literals' source text.
    pub regexes: Vec<String>,
    pub ranges: usize,
}

/// The special variables, in their global slots.
pub const SPECIALS: &[&str] =
    &["NR", "NF", "FNR", "FS", "OFS", "ORS", "RS", "FILENAME", "SUBSEP", "RSTART", "RLENGTH", "CONVFMT", "OFMT", "ENVIRON", "ARGC", "ARGV"];
pub const NR: usize = 0;
pub const NF: usize = 1;
pub const FNR: usize = 2;
pub const FS: usize = 3;
pub const OFS: usize = 4;
pub const ORS: usize = 5;
pub const RS: usize = 6;
pub const FILENAME: usize = 7;
pub const SUBSEP: usize = 8;
pub const RSTART: usize = 9;
pub const RLENGTH: usize = 10;
pub const CONVFMT: usize = 11;
pub const OFMT: usize = 12;
pub const ENVIRON: usize = 13;
pub const ARGC: usize = 14;
pub const ARGV: usize = 15;
