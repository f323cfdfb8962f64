//! The shell's syntax tree. Words keep their quotes; expansion happens when
//! a command runs.

/// A redirection operator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RedirOp {
    /// `>` (or `>|`)
    Out,
    /// `>>`
    Append,
    /// `<`
    In,
    /// `>&N` / `<&N`
    Dup,
    /// `<<` / `<<-` with the body and whether it expands.
    Heredoc { body: String, expand: bool },
    /// bash's `<<< word`.
    HereString,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redir {
    pub fd: u32,
    pub op: RedirOp,
    pub target: String,
}

/// A command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cmd {
    Simple {
        assigns: Vec<(String, String)>,
        words: Vec<String>,
        redirs: Vec<Redir>,
        line: usize,
    },
    Pipeline {
        cmds: Vec<Cmd>,
        negate: bool,
    },
    And(Box<Cmd>, Box<Cmd>),
    Or(Box<Cmd>, Box<Cmd>),
    Seq(Vec<Cmd>),
    /// `cmd &`: runs to completion in the simulation (there is no job control).
    Background(Box<Cmd>),
    If {
        branches: Vec<(Cmd, Cmd)>,
        otherwise: Option<Box<Cmd>>,
    },
    For {
        var: String,
        items: Option<Vec<String>>,
        body: Box<Cmd>,
    },
    While {
        cond: Box<Cmd>,
        body: Box<Cmd>,
        until: bool,
    },
    Case {
        word: String,
        arms: Vec<(Vec<String>, Cmd)>,
    },
    Group(Box<Cmd>),
    Subshell(Box<Cmd>),
    Func {
        name: String,
        body: Box<Cmd>,
    },
    Redirected(Box<Cmd>, Vec<Redir>),
    /// bash's `[[ … ]]`.
    Cond {
        expr: CondExpr,
        line: usize,
    },
    /// bash's `(( … ))`.
    Arith {
        expr: String,
        line: usize,
    },
    /// bash's `for (( init; cond; step ))`.
    ForArith {
        init: String,
        cond: String,
        step: String,
        body: Box<Cmd>,
    },
}

/// The expression of `[[ … ]]`; words keep their quotes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CondExpr {
    And(Box<CondExpr>, Box<CondExpr>),
    Or(Box<CondExpr>, Box<CondExpr>),
    Not(Box<CondExpr>),
    /// `-f word`, `-z word`, …
    Unary(String, String),
    /// `word op word`
    Binary(String, String, String),
    /// A lone word: true when not empty.
    Word(String),
}
