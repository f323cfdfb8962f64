//! PHP's syntax tree.

use std::rc::Rc;

#[derive(Debug, Clone)]
pub enum Expr {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Rc<str>),
    /// An interpolated string: literal pieces and expressions.
    Interp(Vec<Expr>),
    Var(Rc<str>),
    /// `$$name`.
    VarVar(Box<Expr>),
    Array(Vec<(Option<Expr>, Expr, bool)>),
    Index(Box<Expr>, Option<Box<Expr>>),
    Prop(Box<Expr>, Box<Expr>, bool),
    StaticProp(Rc<str>, Rc<str>),
    ClassConst(Rc<str>, Rc<str>),
    Const(Rc<str>),
    Call(Box<Expr>, Vec<Arg>),
    Name(Rc<str>),
    MethodCall(Box<Expr>, Box<Expr>, Vec<Arg>, bool),
    StaticCall(Rc<str>, Rc<str>, Vec<Arg>),
    New(Rc<str>, Vec<Arg>),
    NewAnon(Rc<ClassDecl>, Vec<Arg>),
    Bin(&'static str, Box<Expr>, Box<Expr>),
    Unary(&'static str, Box<Expr>),
    Assign(Box<Expr>, Box<Expr>),
    AssignRef(Box<Expr>, Box<Expr>),
    AssignOp(&'static str, Box<Expr>, Box<Expr>),
    IncDec(bool, bool, Box<Expr>),
    Ternary(Box<Expr>, Option<Box<Expr>>, Box<Expr>),
    Cast(&'static str, Box<Expr>),
    Isset(Vec<Expr>),
    Empty(Box<Expr>),
    Closure(Rc<FuncDecl>, Vec<(Rc<str>, bool)>, bool),
    Arrow(Rc<FuncDecl>),
    Match(Box<Expr>, Vec<(Option<Vec<Expr>>, Expr)>),
    InstanceOf(Box<Expr>, Rc<str>),
    Include(Box<Expr>, bool, bool),
    Print(Box<Expr>),
    Exit(Option<Box<Expr>>),
    List(Vec<Option<(Option<Expr>, Expr)>>),
    Throw(Box<Expr>),
    Silence(Box<Expr>),
    Clone(Box<Expr>),
    /// `__LINE__` and others resolved at parse time have their value; this is the line of a call.
    Line(usize, Box<Expr>),
}

#[derive(Debug, Clone)]
pub struct Arg {
    pub value: Expr,
    pub spread: bool,
    pub name: Option<Rc<str>>,
}

#[derive(Debug, Clone)]
pub struct Param {
    pub name: Rc<str>,
    pub default: Option<Expr>,
    pub by_ref: bool,
    pub variadic: bool,
    pub promote: Option<Rc<str>>,
    pub ty: Option<Rc<str>>,
}

#[derive(Debug)]
pub struct FuncDecl {
    pub name: Rc<str>,
    pub params: Vec<Param>,
    pub body: Vec<Stmt>,
    pub by_ref: bool,
    pub is_static: bool,
    pub visibility: Rc<str>,
    pub is_abstract: bool,
    /// Where it is declared.
    pub line: usize,
}

#[derive(Debug)]
pub struct ClassDecl {
    pub name: Rc<str>,
    pub parent: Option<Rc<str>>,
    pub interfaces: Vec<Rc<str>>,
    pub kind: Rc<str>,
    pub consts: Vec<(Rc<str>, Expr)>,
    /// name, default, static, visibility.
    pub props: Vec<PropDecl>,
    pub methods: Vec<Rc<FuncDecl>>,
    pub traits: Vec<Rc<str>>,
    pub is_abstract: bool,
    /// Enum cases: name, value.
    pub cases: Vec<(Rc<str>, Option<Expr>)>,
}

/// A property: name, default, static, visibility, readonly.
pub type PropDecl = (Rc<str>, Option<Expr>, bool, Rc<str>, bool);

/// A catch clause: the classes, the variable, the body.
pub type Catch = (Vec<Rc<str>>, Option<Rc<str>>, Vec<Stmt>);

#[derive(Debug, Clone)]
pub enum Stmt {
    Echo(Vec<Expr>),
    Html(Rc<str>),
    Expr(Expr),
    If(Vec<(Expr, Vec<Stmt>)>, Option<Vec<Stmt>>),
    While(Expr, Vec<Stmt>),
    DoWhile(Vec<Stmt>, Expr),
    For(Vec<Expr>, Vec<Expr>, Vec<Expr>, Vec<Stmt>),
    Foreach(Expr, Option<Expr>, Expr, bool, Vec<Stmt>),
    Switch(Expr, Vec<(Option<Expr>, Vec<Stmt>)>),
    Break(usize),
    Continue(usize),
    Return(Option<Expr>),
    Func(Rc<FuncDecl>),
    Class(Rc<ClassDecl>),
    Try(Vec<Stmt>, Vec<Catch>, Option<Vec<Stmt>>),
    Throw(Expr),
    Global(Vec<Rc<str>>),
    Static(Vec<(Rc<str>, Option<Expr>)>),
    Unset(Vec<Expr>),
    Block(Vec<Stmt>),
    Const(Vec<(Rc<str>, Expr)>),
    Nop,
    /// A statement and its line (for error messages).
    Line(usize, Box<Stmt>),
}
