//! find: an expression over each file below the start points — tests
//! (-name -iname -path -type -size -mtime -mmin -newer -empty -perm -user
//! -group), actions (-print -print0 -exec … ; and + -delete -prune -quit),
//! operators (! -not -a -o and parentheses), -maxdepth/-mindepth/-depth.
//! Directories are walked in name order (a real filesystem's order varies).

use super::{fail, Prog};
use crate::shell::expand::fnmatch;
use crate::shell::interp::{Flow, Shell};
use crate::vfs::Node;

type Out = Result<Option<i32>, Flow>;

/// Files one find may visit.
const VISIT_LIMIT: usize = 200_000;

enum Cmp {
    More(u64),
    Less(u64),
    Exactly(u64),
}

impl Cmp {
    fn parse(s: &str) -> Option<Cmp> {
        if let Some(n) = s.strip_prefix('+') {
            n.parse().ok().map(Cmp::More)
        } else if let Some(n) = s.strip_prefix('-') {
            n.parse().ok().map(Cmp::Less)
        } else {
            s.parse().ok().map(Cmp::Exactly)
        }
    }

    fn matches(&self, v: u64) -> bool {
        match self {
            Cmp::More(n) => v > *n,
            Cmp::Less(n) => v < *n,
            Cmp::Exactly(n) => v == *n,
        }
    }
}

enum Expr {
    Name(String, bool),
    Path(String, bool),
    Type(char),
    Size(Cmp, u64),
    Mtime(Cmp, i64),
    Newer(i64),
    Empty,
    Perm(u32, char),
    Uid(u32),
    Gid(u32),
    True,
    False,
    Print(bool),
    Exec(Vec<String>, bool),
    Delete,
    Prune,
    Quit,
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
}

impl Expr {
    fn has_action(&self) -> bool {
        match self {
            Expr::Print(_) | Expr::Exec(..) | Expr::Delete | Expr::Quit => true,
            Expr::Not(e) => e.has_action(),
            Expr::And(a, b) | Expr::Or(a, b) => a.has_action() || b.has_action(),
            _ => false,
        }
    }
}

struct Parser<'a> {
    toks: &'a [String],
    pos: usize,
    maxdepth: Option<usize>,
    mindepth: usize,
    depth_first: bool,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&str> {
        self.toks.get(self.pos).map(String::as_str)
    }

    fn or(&mut self, sh: &Shell) -> Result<Expr, String> {
        let mut left = self.and(sh)?;
        while matches!(self.peek(), Some("-o") | Some("-or")) {
            self.pos += 1;
            let right = self.and(sh)?;
            left = Expr::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and(&mut self, sh: &Shell) -> Result<Expr, String> {
        let mut left = self.unary(sh)?;
        loop {
            match self.peek() {
                Some("-a") | Some("-and") => self.pos += 1,
                None | Some("-o") | Some("-or") | Some(")") => return Ok(left),
                _ => {}
            }
            let right = self.unary(sh)?;
            left = Expr::And(Box::new(left), Box::new(right));
        }
    }

    fn unary(&mut self, sh: &Shell) -> Result<Expr, String> {
        match self.peek() {
            Some("!") | Some("-not") => {
                self.pos += 1;
                Ok(Expr::Not(Box::new(self.unary(sh)?)))
            }
            Some("(") => {
                self.pos += 1;
                let e = self.or(sh)?;
                if self.peek() != Some(")") {
                    return Err("invalid expression; I was expecting to find a ')' somewhere but did not see one.".into());
                }
                self.pos += 1;
                Ok(e)
            }
            _ => self.primary(sh),
        }
    }

    fn arg(&mut self, opt: &str) -> Result<String, String> {
        self.pos += 1;
        self.toks.get(self.pos - 1).cloned().ok_or_else(|| format!("missing argument to `{opt}'"))
    }

    fn primary(&mut self, sh: &Shell) -> Result<Expr, String> {
        let Some(tok) = self.peek().map(str::to_string) else {
            return Err("invalid expression".into());
        };
        self.pos += 1;
        let e = match tok.as_str() {
            "-name" | "-iname" => Expr::Name(self.arg(&tok)?, tok == "-iname"),
            "-path" | "-ipath" | "-wholename" | "-iwholename" => Expr::Path(self.arg(&tok)?, tok.starts_with("-i")),
            "-type" | "-xtype" => {
                let t = self.arg(&tok)?;
                match t.as_str() {
                    "f" | "d" | "l" | "b" | "c" | "p" | "s" => Expr::Type(t.chars().next().unwrap_or('f')),
                    _ => return Err(format!("Unknown argument to -type: {t}")),
                }
            }
            "-size" => {
                let v = self.arg(&tok)?;
                let (num, unit) = v.split_at(v.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(v.len()));
                let unit = match unit {
                    "" | "b" => 512,
                    "c" => 1,
                    "w" => 2,
                    "k" => 1024,
                    "M" => 1 << 20,
                    "G" => 1 << 30,
                    _ => return Err(format!("invalid -size type `{unit}'")),
                };
                Expr::Size(Cmp::parse(num).ok_or_else(|| format!("invalid argument `{v}' to `-size'"))?, unit)
            }
            "-mtime" | "-mmin" | "-atime" | "-ctime" | "-amin" | "-cmin" => {
                let v = self.arg(&tok)?;
                let unit = if tok.ends_with("min") { 60 } else { 86_400 };
                Expr::Mtime(Cmp::parse(&v).ok_or_else(|| format!("invalid argument `{v}' to `{tok}'"))?, unit)
            }
            "-newer" => {
                let f = self.arg(&tok)?;
                match sh.fs().get(&sh.abs(&f)) {
                    Ok(n) => Expr::Newer(n.meta().mtime),
                    Err(e) => return Err(format!("'{f}': {}", e.reason())),
                }
            }
            "-empty" => Expr::Empty,
            "-perm" => {
                let v = self.arg(&tok)?;
                let (how, digits) = match v.chars().next() {
                    Some(c @ ('-' | '/' | '+')) => (c, &v[1..]),
                    _ => ('=', v.as_str()),
                };
                let mode = u32::from_str_radix(digits, 8).map_err(|_| format!("invalid mode `{v}'"))?;
                Expr::Perm(mode, how)
            }
            "-user" | "-uid" | "-group" | "-gid" => {
                let v = self.arg(&tok)?;
                let file = if tok.starts_with("-u") { "/etc/passwd" } else { "/etc/group" };
                let id = v.parse::<u32>().ok().or_else(|| {
                    let text = sh.fs().read(file).ok()?;
                    String::from_utf8_lossy(&text)
                        .lines()
                        .find(|l| l.split(':').next() == Some(v.as_str()))
                        .and_then(|l| l.split(':').nth(2)?.parse().ok())
                });
                let Some(id) = id else {
                    return Err(format!(
                        "{} `{v}' is not the name of a known {}",
                        if tok.starts_with("-u") { "user" } else { "group" },
                        if tok.starts_with("-u") { "user" } else { "group" }
                    ));
                };
                if tok.starts_with("-u") {
                    Expr::Uid(id)
                } else {
                    Expr::Gid(id)
                }
            }
            "-true" => Expr::True,
            "-false" => Expr::False,
            "-print" => Expr::Print(false),
            "-print0" => Expr::Print(true),
            "-delete" => {
                self.depth_first = true;
                Expr::Delete
            }
            "-prune" => Expr::Prune,
            "-quit" => Expr::Quit,
            "-exec" | "-execdir" | "-ok" => {
                let mut cmd = Vec::new();
                loop {
                    let Some(t) = self.toks.get(self.pos) else {
                        return Err(format!("missing argument to `{tok}'"));
                    };
                    self.pos += 1;
                    if t == ";" {
                        return Ok(Expr::Exec(cmd, false));
                    }
                    if t == "+" && cmd.last().map(String::as_str) == Some("{}") {
                        cmd.pop();
                        return Ok(Expr::Exec(cmd, true));
                    }
                    cmd.push(t.clone());
                }
            }
            "-maxdepth" | "-mindepth" => {
                let v = self.arg(&tok)?;
                let n: usize = v.parse().map_err(|_| format!("Expected a positive decimal integer argument to {tok}, but got `{v}'"))?;
                if tok == "-maxdepth" {
                    self.maxdepth = Some(n)
                } else {
                    self.mindepth = n
                }
                Expr::True
            }
            "-depth" | "-d" => {
                self.depth_first = true;
                Expr::True
            }
            "-xdev" | "-mount" | "-follow" | "-noleaf" | "-ignore_readdir_race" => Expr::True,
            _ if tok.starts_with('-') => return Err(format!("unknown predicate `{tok}'")),
            _ => return Err(format!("paths must precede expression: `{tok}'")),
        };
        Ok(e)
    }
}

struct Walk<'e> {
    expr: &'e Expr,
    now: i64,
    out: String,
    /// `-exec … +` batches: command → paths.
    batches: Vec<(Vec<String>, Vec<String>)>,
    deletes: Vec<String>,
    quit: bool,
    status: i32,
    visited: usize,
}

fn size_of(node: &Node) -> u64 {
    match node {
        Node::File { content, .. } => content.len(),
        Node::Dir { .. } => 4096,
        Node::Symlink { target, .. } => target.len() as u64,
    }
}

/// Evaluates `e` on one file: (matched, prune).
fn eval(sh: &mut Shell, w: &mut Walk, e: &Expr, shown: &str, abs: &str, node: &Node) -> Result<(bool, bool), Flow> {
    let base = if shown == "/" { "/" } else { shown.trim_end_matches('/').rsplit('/').next().unwrap_or(shown) };
    let m = node.meta();
    Ok(match e {
        Expr::Name(p, i) => (if *i { fnmatch(&p.to_lowercase(), &base.to_lowercase()) } else { fnmatch(p, base) }, false),
        Expr::Path(p, i) => (if *i { fnmatch(&p.to_lowercase(), &shown.to_lowercase()) } else { fnmatch(p, shown) }, false),
        Expr::Type(t) => {
            let kind = match node {
                Node::File { content, .. } if content.device().is_some() => 'c',
                Node::File { .. } => 'f',
                Node::Dir { .. } => 'd',
                Node::Symlink { .. } => 'l',
            };
            (*t == kind, false)
        }
        Expr::Size(cmp, unit) => (cmp.matches(size_of(node).div_ceil(*unit)), false),
        Expr::Mtime(cmp, unit) => (cmp.matches((w.now - m.mtime).max(0) as u64 / *unit as u64), false),
        Expr::Newer(t) => (m.mtime > *t, false),
        Expr::Empty => (
            match node {
                Node::File { content, .. } => content.is_empty(),
                Node::Dir { entries, .. } => entries.is_empty(),
                _ => false,
            },
            false,
        ),
        Expr::Perm(mode, how) => {
            let have = m.mode & 0o7777;
            (
                match how {
                    '-' => have & mode == *mode,
                    '/' | '+' => *mode == 0 || have & mode != 0,
                    _ => have == *mode,
                },
                false,
            )
        }
        Expr::Uid(id) => (m.uid == *id, false),
        Expr::Gid(id) => (m.gid == *id, false),
        Expr::True => (true, false),
        Expr::False => (false, false),
        Expr::Print(nul) => {
            w.out.push_str(shown);
            w.out.push(if *nul { '\0' } else { '\n' });
            (true, false)
        }
        Expr::Exec(cmd, batch) => {
            if *batch {
                match w.batches.iter_mut().find(|(c, _)| c == cmd) {
                    Some((_, paths)) => paths.push(shown.to_string()),
                    None => w.batches.push((cmd.clone(), vec![shown.to_string()])),
                }
                (true, false)
            } else {
                sh.out_str(&std::mem::take(&mut w.out))?;
                let argv: Vec<String> = cmd.iter().map(|a| a.replace("{}", shown)).collect();
                sh.step()?;
                (super::run_external(sh, &argv)? == 0, false)
            }
        }
        Expr::Delete => {
            w.deletes.push(abs.to_string());
            (true, false)
        }
        Expr::Prune => (true, true),
        Expr::Quit => {
            w.quit = true;
            (true, false)
        }
        Expr::Not(inner) => {
            let (r, p) = eval(sh, w, inner, shown, abs, node)?;
            (!r, p)
        }
        Expr::And(a, b) => {
            let (r, p) = eval(sh, w, a, shown, abs, node)?;
            if !r || w.quit {
                (r, p)
            } else {
                let (r2, p2) = eval(sh, w, b, shown, abs, node)?;
                (r2, p || p2)
            }
        }
        Expr::Or(a, b) => {
            let (r, p) = eval(sh, w, a, shown, abs, node)?;
            if r || w.quit {
                (r, p)
            } else {
                let (r2, p2) = eval(sh, w, b, shown, abs, node)?;
                (r2, p || p2)
            }
        }
    })
}

#[allow(clippy::too_many_arguments)]
fn visit(
    sh: &mut Shell,
    w: &mut Walk,
    shown: &str,
    abs: &str,
    node: &Node,
    depth: usize,
    p: &(Option<usize>, usize, bool),
) -> Result<(), Flow> {
    w.visited += 1;
    if w.quit || w.visited > VISIT_LIMIT {
        return Ok(());
    }
    let (maxdepth, mindepth, depth_first) = *p;
    let mut prune = false;
    if !depth_first && depth >= mindepth {
        prune = eval(sh, w, w.expr, shown, abs, node)?.1;
    }
    if let Node::Dir { entries, .. } = node {
        if !prune && maxdepth.is_none_or(|m| depth < m) {
            for (name, child) in entries {
                let child_shown = if shown.ends_with('/') { format!("{shown}{name}") } else { format!("{shown}/{name}") };
                let child_abs = if abs == "/" { format!("/{name}") } else { format!("{abs}/{name}") };
                visit(sh, w, &child_shown, &child_abs, child, depth + 1, p)?;
            }
        }
    }
    if depth_first && depth >= mindepth && !w.quit {
        eval(sh, w, w.expr, shown, abs, node)?;
    }
    Ok(())
}

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    if prog.name != "find" {
        return Ok(None);
    }
    let args = &argv[1..];
    let mut i = 0;
    while i < args.len() && matches!(args[i].as_str(), "-H" | "-L" | "-P") {
        i += 1;
    }
    let start = i;
    while i < args.len() && !(args[i].starts_with('-') && args[i].len() > 1) && args[i] != "!" && args[i] != "(" {
        i += 1;
    }
    let roots: Vec<String> = if i == start { vec![".".into()] } else { args[start..i].to_vec() };
    let mut parser = Parser { toks: &args[i..], pos: 0, maxdepth: None, mindepth: 0, depth_first: false };
    let parsed = if parser.toks.is_empty() { Ok(Expr::True) } else { parser.or(sh) };
    let expr = match parsed {
        Ok(e) if parser.pos < parser.toks.len() => {
            let _ = e;
            let msg = if parser.toks[parser.pos] == ")" {
                "invalid expression; you have too many ')'".to_string()
            } else {
                format!("paths must precede expression: `{}'", parser.toks[parser.pos])
            };
            return fail(sh, prog, &msg, 1);
        }
        Ok(e) => e,
        Err(msg) => {
            let msg = if prog.busybox {
                format!("unrecognized: {}", parser.toks.get(parser.pos.saturating_sub(1)).map_or("", String::as_str))
            } else {
                msg
            };
            return fail(sh, prog, &msg, 1);
        }
    };
    let expr = if expr.has_action() { expr } else { Expr::And(Box::new(expr), Box::new(Expr::Print(false))) };
    let params = (parser.maxdepth, parser.mindepth, parser.depth_first);
    let mut w = Walk {
        expr: &expr,
        now: sh.now(),
        out: String::new(),
        batches: Vec::new(),
        deletes: Vec::new(),
        quit: false,
        status: 0,
        visited: 0,
    };
    for root in &roots {
        let abs = sh.abs(root);
        let node = match sh.fs().get_nofollow(&abs).and_then(|n| match n {
            Node::Symlink { .. } if root.ends_with('/') => sh.fs().get(&abs),
            other => Ok(other),
        }) {
            Ok(n) => n.clone(),
            Err(e) => {
                sh.out_str(&std::mem::take(&mut w.out))?;
                let msg = if prog.busybox { format!("{root}: {}", e.reason()) } else { format!("'{root}': {}", e.reason()) };
                fail(sh, prog, &msg, 1)?;
                w.status = 1;
                continue;
            }
        };
        visit(sh, &mut w, root, &abs, &node, 0, &params)?;
    }
    sh.out_str(&std::mem::take(&mut w.out))?;
    for (cmd, paths) in std::mem::take(&mut w.batches) {
        let argv: Vec<String> = cmd.into_iter().chain(paths).collect();
        sh.step()?;
        if super::run_external(sh, &argv)? != 0 {
            w.status = 1;
        }
    }
    for path in std::mem::take(&mut w.deletes) {
        if !sh.may_change(&path) {
            fail(sh, prog, &format!("cannot delete '{path}': Permission denied"), 1)?;
            w.status = 1;
            continue;
        }
        if let Err(e) = sh.fs_mut().remove(&path, false) {
            fail(sh, prog, &format!("cannot delete '{path}': {}", e.reason()), 1)?;
            w.status = 1;
        }
    }
    if w.visited > VISIT_LIMIT {
        fail(sh, prog, &format!("dockersim: find stopped after {VISIT_LIMIT} files"), 1)?;
        return Ok(Some(1));
    }
    Ok(Some(w.status))
}
