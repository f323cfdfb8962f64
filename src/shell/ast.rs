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
    Simple { assigns: Vec<(String, String)>, words: Vec<String>, redirs: Vec<Redir>, line: usize },
    Pipeline { cmds: Vec<Cmd>, negate: bool },
    And(Box<Cmd>, Box<Cmd>),
    Or(Box<Cmd>, Box<Cmd>),
    Seq(Vec<Cmd>),
    /// `cmd &`: runs to completion in the simulation (there is no job control).
    Background(Box<Cmd>),
    If { branches: Vec<(Cmd, Cmd)>, otherwise: Option<Box<Cmd>> },
    For { var: String, items: Option<Vec<String>>, body: Box<Cmd> },
    While { cond: Box<Cmd>, body: Box<Cmd>, until: bool },
    Case { word: String, arms: Vec<(Vec<String>, Cmd)> },
    Group(Box<Cmd>),
    Subshell(Box<Cmd>),
    Func { name: String, body: Box<Cmd> },
    Redirected(Box<Cmd>, Vec<Redir>),
}
