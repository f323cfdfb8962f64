//! sed's script parser (GNU sed 4.9's `compile.c` rules and messages): the
//! `-e`/`-f` pieces become one flat command list, blocks and branches
//! resolved to indices.

use crate::regex::{Regex, Syntax};

/// One `-e` expression or `-f` file.
pub enum Source {
    Expr(String),
    File(String, String),
}

#[derive(Clone, Debug)]
pub enum Addr {
    Line(u64),
    Last,
    /// A regex (its index; `None`: the last regex used).
    Re(Option<usize>),
    /// `0,/re/`.
    Zero,
    Step(u64, u64),
    Plus(u64),
    Tilde(u64),
}

pub enum Repl {
    Lit(Vec<u8>),
    Group(usize),
    /// `\U \L \u \l \E`.
    Case(u8),
}

pub struct Subst {
    pub re: Option<usize>,
    pub repl: Vec<Repl>,
    pub global: bool,
    pub nth: usize,
    pub print: usize,
    pub write: Option<String>,
}

pub enum Kind {
    /// `{`: the index of its `}`.
    Block(usize),
    EndBlock,
    Label,
    Eq,
    Append(String),
    Insert(String),
    Change(String),
    Branch(Option<usize>),
    /// `t` (true) / `T` (false).
    BranchIf(Option<usize>, bool),
    Delete,
    DeleteFirst,
    Get,
    GetAppend,
    Hold,
    HoldAppend,
    Exchange,
    List(Option<usize>),
    Next,
    NextAppend,
    Print,
    PrintFirst,
    Quit(i32),
    QuitSilent(i32),
    Read(String),
    /// `w` (false) / `W` (true: the first line).
    Write(String, bool),
    Translate(Box<[u8; 256]>),
    Zap,
    FileName,
    Subst(Box<Subst>),
}

pub struct Cmd {
    pub a1: Option<Addr>,
    pub a2: Option<Addr>,
    pub neg: bool,
    pub kind: Kind,
}

pub struct Script {
    pub cmds: Vec<Cmd>,
    pub res: Vec<Regex>,
    pub wfiles: Vec<String>,
    /// `#n` on the first line: as `-n`.
    pub hash_n: bool,
}

struct Chunk {
    start: usize,
    end: usize,
    /// `Some(n)`: `-e expression #n`; else a file name.
    expr: Option<usize>,
    file: String,
}

struct P {
    b: Vec<u8>,
    i: usize,
    chunks: Vec<Chunk>,
    syntax: Syntax,
    busybox: bool,
    cmds: Vec<Cmd>,
    res: Vec<Regex>,
    wfiles: Vec<String>,
    labels: Vec<(String, usize)>,
    branches: Vec<(usize, String)>,
    blocks: Vec<usize>,
}

pub fn parse(sources: &[Source], syntax: Syntax, busybox: bool) -> Result<Script, String> {
    let mut b = Vec::new();
    let mut chunks = Vec::new();
    let mut n = 0;
    for s in sources {
        let start = b.len();
        match s {
            Source::Expr(e) => {
                n += 1;
                b.extend_from_slice(e.as_bytes());
                chunks.push(Chunk { start, end: b.len(), expr: Some(n), file: String::new() });
            }
            Source::File(name, text) => {
                b.extend_from_slice(text.strip_suffix('\n').unwrap_or(text).as_bytes());
                chunks.push(Chunk { start, end: b.len(), expr: None, file: name.clone() });
            }
        }
        b.push(b'\n');
    }
    let hash_n = b.starts_with(b"#n\n");
    let mut p = P {
        b,
        i: 0,
        chunks,
        syntax,
        busybox,
        cmds: Vec::new(),
        res: Vec::new(),
        wfiles: Vec::new(),
        labels: Vec::new(),
        branches: Vec::new(),
        blocks: Vec::new(),
    };
    p.script()?;
    if busybox {
        // BusyBox runs a block left open to the end of the script.
        while let Some(open) = p.blocks.pop() {
            let here = p.cmds.len();
            p.cmds[open].kind = Kind::Block(here);
            p.cmds.push(Cmd { a1: None, a2: None, neg: false, kind: Kind::EndBlock });
        }
    }
    if !p.blocks.is_empty() {
        p.i = p.chunks.last().map_or(0, |c| c.start);
        return Err(p.err_at(0, "unmatched `{'"));
    }
    for (k, label) in std::mem::take(&mut p.branches) {
        let Some(&(_, target)) = p.labels.iter().find(|(l, _)| *l == label) else {
            return Err(if busybox {
                format!("can't find label for jump to '{label}'")
            } else {
                format!("can't find label for jump to `{label}'")
            });
        };
        match &mut p.cmds[k].kind {
            Kind::Branch(t) | Kind::BranchIf(t, _) => *t = Some(target),
            _ => {}
        }
    }
    Ok(Script { cmds: p.cmds, res: p.res, wfiles: p.wfiles, hash_n })
}

impl P {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        Some(c)
    }

    /// A message located where the parser stands (GNU counts characters read in the expression).
    fn err(&self, msg: &str) -> String {
        let at = self.i.saturating_sub(1);
        let chunk = self.chunks.iter().find(|c| at >= c.start && at <= c.end).or(self.chunks.last());
        let Some(c) = chunk else { return msg.to_string() };
        let pos = self.i.min(c.end) - c.start;
        self.located(c, pos, msg)
    }

    fn err_at(&self, pos: usize, msg: &str) -> String {
        match self.chunks.last() {
            Some(c) => self.located(c, pos, msg),
            None => msg.to_string(),
        }
    }

    fn located(&self, c: &Chunk, pos: usize, msg: &str) -> String {
        match c.expr {
            Some(n) => format!("-e expression #{n}, char {pos}: {msg}"),
            None => {
                let line = self.b[c.start..(c.start + pos).min(self.b.len())].iter().filter(|&&x| x == b'\n').count() + 1;
                format!("file {} line {line}: {msg}", c.file)
            }
        }
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.i += 1;
        }
    }

    fn number(&mut self) -> u64 {
        let mut n: u64 = 0;
        while let Some(d) = self.peek().filter(u8::is_ascii_digit) {
            n = n.saturating_mul(10).saturating_add(u64::from(d - b'0'));
            self.i += 1;
        }
        n
    }

    fn script(&mut self) -> Result<(), String> {
        loop {
            while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b';')) {
                self.i += 1;
            }
            let Some(c) = self.peek() else { return Ok(()) };
            if c == b'#' {
                while self.peek().is_some_and(|c| c != b'\n') {
                    self.i += 1;
                }
                continue;
            }
            self.command()?;
        }
    }

    fn address(&mut self) -> Result<Option<Addr>, String> {
        let Some(c) = self.peek() else { return Ok(None) };
        let a = match c {
            b'0'..=b'9' => {
                let n = self.number();
                self.skip_ws();
                if self.peek() == Some(b'~') && !self.busybox {
                    self.i += 1;
                    self.skip_ws();
                    let step = self.number();
                    Addr::Step(n, step)
                } else {
                    Addr::Line(n)
                }
            }
            b'$' => {
                self.i += 1;
                Addr::Last
            }
            b'/' | b'\\' => {
                self.i += 1;
                let delim = if c == b'\\' {
                    match self.next() {
                        Some(d) if d != b'\n' && d != b'\\' => d,
                        _ => return Err(self.err("unterminated address regex")),
                    }
                } else {
                    b'/'
                };
                let Some(raw) = self.delimited(delim, true) else {
                    return Err(if self.busybox {
                        format!("unmatched '{}'", delim as char)
                    } else {
                        self.err("unterminated address regex")
                    });
                };
                let mut icase = false;
                while let Some(f) = self.peek() {
                    match f {
                        b'I' if !self.busybox => icase = true,
                        b'M' => {}
                        _ => break,
                    }
                    self.i += 1;
                }
                Addr::Re(self.compile(&raw, icase)?)
            }
            _ => return Ok(None),
        };
        Ok(Some(a))
    }

    /// Text up to an unescaped `delim` (consumed); `\delim` is the delimiter
    /// itself, `\n` a newline in a regex. `None` if the line ends first.
    fn delimited(&mut self, delim: u8, regex: bool) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        loop {
            let c = self.next()?;
            if c == b'\\' {
                let d = self.next()?;
                if d == delim {
                    out.push(d);
                } else if d == b'n' && regex {
                    out.push(b'\n');
                } else {
                    out.push(b'\\');
                    out.push(d);
                }
            } else if c == b'[' && regex {
                // A bracket expression may hold the delimiter.
                out.push(c);
                let mut first = true;
                if self.peek() == Some(b'^') {
                    out.push(b'^');
                    self.i += 1;
                }
                loop {
                    let d = self.next()?;
                    if d == b'\n' {
                        return None;
                    }
                    out.push(d);
                    if d == b']' && !first {
                        break;
                    }
                    if d == b'[' && matches!(self.peek(), Some(b':' | b'.' | b'=')) {
                        let kind = self.next()?;
                        out.push(kind);
                        loop {
                            let e = self.next()?;
                            if e == b'\n' {
                                return None;
                            }
                            out.push(e);
                            if e == kind && self.peek() == Some(b']') {
                                out.push(b']');
                                self.i += 1;
                                break;
                            }
                        }
                    }
                    first = false;
                }
            } else if c == delim {
                return Some(out);
            } else if c == b'\n' && regex {
                return None;
            } else {
                out.push(c);
            }
        }
    }

    /// Compiles a regex (GNU sed's escapes `\t` & co. first); empty: the last one used.
    fn compile(&mut self, raw: &[u8], icase: bool) -> Result<Option<usize>, String> {
        if raw.is_empty() {
            return Ok(None);
        }
        let mut text = Vec::new();
        let mut k = 0;
        while k < raw.len() {
            if raw[k] == b'\\' && k + 1 < raw.len() {
                let e = match raw[k + 1] {
                    b't' => Some(b'\t'),
                    b'r' => Some(b'\r'),
                    b'f' => Some(0x0c),
                    b'v' => Some(0x0b),
                    b'a' => Some(0x07),
                    _ => None,
                };
                match e {
                    Some(b) => text.push(b),
                    None => text.extend_from_slice(&raw[k..k + 2]),
                }
                k += 2;
            } else {
                text.push(raw[k]);
                k += 1;
            }
        }
        let pattern = String::from_utf8_lossy(&text).into_owned();
        match Regex::new(&pattern, self.syntax, icase) {
            Ok(re) => {
                self.res.push(re);
                Ok(Some(self.res.len() - 1))
            }
            Err(e) => Err(if self.busybox { format!("bad regex '{pattern}': {}", e.musl()) } else { self.err(e.gnu()) }),
        }
    }

    fn end_of_cmd(&mut self) -> Result<(), String> {
        self.skip_ws();
        match self.peek() {
            None | Some(b';' | b'\n' | b'#' | b'}') => Ok(()),
            // BusyBox reads the next command right away.
            Some(_) if self.busybox => Ok(()),
            Some(_) => {
                self.i += 1;
                Err(self.err("extra characters after command"))
            }
        }
    }

    fn label(&mut self, stop_at_semicolon: bool) -> String {
        self.skip_ws();
        let start = self.i;
        while self.peek().is_some_and(|c| c != b'\n' && !(stop_at_semicolon && c == b';')) {
            self.i += 1;
        }
        String::from_utf8_lossy(&self.b[start..self.i]).trim_end().to_string()
    }

    fn filename(&mut self) -> Result<String, String> {
        let name = self.label(false);
        if name.is_empty() {
            return Err(self.err("missing filename in r/R/w/W commands"));
        }
        Ok(name)
    }

    /// The text of `a`, `i`, `c`.
    fn text(&mut self) -> Result<String, String> {
        self.skip_ws();
        let mut out = Vec::new();
        match self.peek() {
            Some(b'\\') => {
                self.i += 1;
                if self.peek() == Some(b'\n') {
                    self.i += 1;
                }
            }
            None | Some(b'\n') if self.busybox => return Ok(String::new()),
            None | Some(b'\n') => return Err(self.err("expected \\ after `a', `c' or `i'")),
            _ => {}
        }
        while let Some(c) = self.next() {
            match c {
                b'\\' => match self.next() {
                    Some(d) => out.push(d),
                    None => break,
                },
                b'\n' => {
                    // The script's last newline is not part of the text.
                    self.i -= 1;
                    break;
                }
                _ => out.push(c),
            }
        }
        Ok(String::from_utf8_lossy(&out).into_owned())
    }

    fn command(&mut self) -> Result<(), String> {
        let a1 = self.address()?;
        self.skip_ws();
        let mut a2 = None;
        if a1.is_some() && self.peek() == Some(b',') {
            self.i += 1;
            self.skip_ws();
            a2 = match self.peek() {
                Some(b'+') => {
                    self.i += 1;
                    Some(Addr::Plus(self.number()))
                }
                Some(b'~') if self.busybox => return Err("no address after comma".into()),
                Some(b'~') => {
                    self.i += 1;
                    Some(Addr::Tilde(self.number()))
                }
                _ => match self.address()? {
                    Some(Addr::Step(n, _)) => Some(Addr::Line(n)),
                    Some(a) => Some(a),
                    None => return Err(self.err("unexpected `,'")),
                },
            };
            self.skip_ws();
        }
        let zero_ok = matches!(a2, Some(Addr::Re(_)));
        let mut neg = false;
        if self.peek() == Some(b'!') {
            self.i += 1;
            neg = true;
            self.skip_ws();
            if self.peek() == Some(b'!') {
                self.i += 1;
                return Err(if self.busybox { "unsupported command !".into() } else { self.err("multiple `!'s") });
            }
        }
        let Some(c) = self.next() else {
            return Err(self.err("missing command"));
        };
        let a1 = match a1 {
            Some(Addr::Line(0)) if zero_ok => Some(Addr::Zero),
            Some(Addr::Line(0)) if self.busybox => Some(Addr::Line(0)),
            Some(Addr::Line(0)) => return Err(self.err("invalid usage of line address 0")),
            a => a,
        };
        let has_addr = a1.is_some();
        let kind = match c {
            b'{' => {
                self.blocks.push(self.cmds.len());
                self.cmds.push(Cmd { a1, a2, neg, kind: Kind::Block(0) });
                return Ok(());
            }
            b'}' => {
                if has_addr {
                    return Err(self.err("} doesn't want any addresses"));
                }
                let Some(open) = self.blocks.pop() else {
                    if self.busybox {
                        // BusyBox ignores a `}` without its `{`.
                        return Ok(());
                    }
                    return Err(self.err("unexpected `}'"));
                };
                let here = self.cmds.len();
                self.cmds[open].kind = Kind::Block(here);
                self.cmds.push(Cmd { a1: None, a2: None, neg: false, kind: Kind::EndBlock });
                return self.end_of_cmd();
            }
            b'=' => Kind::Eq,
            b'd' => Kind::Delete,
            b'D' => Kind::DeleteFirst,
            b'g' => Kind::Get,
            b'G' => Kind::GetAppend,
            b'h' => Kind::Hold,
            b'H' => Kind::HoldAppend,
            b'x' => Kind::Exchange,
            b'n' => Kind::Next,
            b'N' => Kind::NextAppend,
            b'p' => Kind::Print,
            b'P' => Kind::PrintFirst,
            b'z' => Kind::Zap,
            b'F' => Kind::FileName,
            b'l' => {
                self.skip_ws();
                let n = self.peek().filter(u8::is_ascii_digit).map(|_| self.number() as usize);
                Kind::List(n)
            }
            b'Q' if self.busybox => return Err("unsupported command Q".into()),
            b'q' | b'Q' => {
                if a2.is_some() {
                    return Err(self.err("command only uses one address"));
                }
                self.skip_ws();
                let code = self.number() as i32;
                if c == b'q' {
                    Kind::Quit(code)
                } else {
                    Kind::QuitSilent(code)
                }
            }
            b'a' | b'i' | b'c' => {
                let t = self.text()?;
                let kind = match c {
                    b'a' => Kind::Append(t),
                    b'i' => Kind::Insert(t),
                    _ => Kind::Change(t),
                };
                self.cmds.push(Cmd { a1, a2, neg, kind });
                return Ok(());
            }
            b':' => {
                if has_addr {
                    return Err(self.err(": doesn't want any addresses"));
                }
                let l = self.label(true);
                if l.is_empty() {
                    return Err(self.err("\":\" lacks a label"));
                }
                self.labels.push((l, self.cmds.len()));
                Kind::Label
            }
            b'b' | b't' | b'T' => {
                let l = self.label(true);
                if !l.is_empty() {
                    self.branches.push((self.cmds.len(), l));
                }
                match c {
                    b'b' => Kind::Branch(None),
                    b't' => Kind::BranchIf(None, true),
                    _ => Kind::BranchIf(None, false),
                }
            }
            b'r' | b'R' => Kind::Read(self.filename()?),
            b'w' | b'W' => {
                let f = self.filename()?;
                self.wfiles.push(f.clone());
                Kind::Write(f, c == b'W')
            }
            b's' => Kind::Subst(Box::new(self.subst()?)),
            b'y' => self.translate()?,
            b'#' => {
                return Err(self.err("comments don't accept any addresses"));
            }
            b'e' => return Err("dockersim: sed: the `e' command (running a shell command) is not simulated".into()),
            b'v' => {
                self.label(true);
                Kind::Label
            }
            _ => {
                return Err(if self.busybox {
                    format!("unsupported command {}", c as char)
                } else {
                    self.err(&format!("unknown command: `{}'", c as char))
                })
            }
        };
        self.cmds.push(Cmd { a1, a2, neg, kind });
        self.end_of_cmd()
    }

    fn subst(&mut self) -> Result<Subst, String> {
        let delim = match self.next() {
            Some(d) if d != b'\n' && d != b'\\' => d,
            _ => return Err(self.err("unterminated `s' command")),
        };
        let unterminated = |p: &mut P| -> String {
            if p.busybox {
                format!("unmatched '{}'", delim as char)
            } else {
                // GNU reports at the end of the expression.
                while p.peek().is_some_and(|c| c != b'\n') {
                    p.i += 1;
                }
                p.err("unterminated `s' command")
            }
        };
        let Some(raw_re) = self.delimited(delim, true) else { return Err(unterminated(self)) };
        let Some(raw_repl) = self.delimited(delim, false) else { return Err(unterminated(self)) };
        let mut sub = Subst { re: None, repl: Vec::new(), global: false, nth: 1, print: 0, write: None };
        let mut icase = false;
        let mut nth_seen = false;
        loop {
            match self.peek() {
                Some(b'g') => {
                    self.i += 1;
                    if sub.global && !self.busybox {
                        return Err(self.err("multiple `g' options to `s' command"));
                    }
                    sub.global = true;
                }
                Some(b'p') => {
                    self.i += 1;
                    if sub.print > 0 {
                        return Err(self.err("multiple `p' options to `s' command"));
                    }
                    sub.print = 1;
                }
                Some(b'i' | b'I') => {
                    self.i += 1;
                    icase = true;
                }
                Some(b'm' | b'M') => self.i += 1,
                Some(b'0'..=b'9') => {
                    let n = self.number();
                    if nth_seen {
                        return Err(self.err("multiple number options to `s' command"));
                    }
                    if n == 0 {
                        return Err(self.err("number option to `s' command may not be zero"));
                    }
                    nth_seen = true;
                    sub.nth = n as usize;
                }
                Some(b'w') => {
                    self.i += 1;
                    let f = self.filename()?;
                    self.wfiles.push(f.clone());
                    sub.write = Some(f);
                    break;
                }
                Some(b'e') => return Err("dockersim: sed: the `e' flag (running a shell command) is not simulated".into()),
                None | Some(b';' | b'\n' | b'}' | b'#' | b' ' | b'\t') => break,
                Some(_) => {
                    self.i += 1;
                    return Err(if self.busybox {
                        "bad option in substitution expression".into()
                    } else {
                        self.err("unknown option to `s'")
                    });
                }
            }
        }
        sub.re = self.compile(&raw_re, icase)?;
        sub.repl = replacement(&raw_repl, self.busybox);
        if self.busybox && sub.global {
            sub.nth = 1;
        }
        let groups = sub.re.map(|i| self.res[i].groups()).filter(|_| !self.busybox);
        if let Some(groups) = groups {
            for part in &sub.repl {
                if let Repl::Group(g) = part {
                    if *g > groups {
                        return Err(if self.busybox {
                            format!("invalid reference \\{g} on `s' command's RHS")
                        } else {
                            self.err(&format!("invalid reference \\{g} on `s' command's RHS"))
                        });
                    }
                }
            }
        }
        Ok(sub)
    }

    fn translate(&mut self) -> Result<Kind, String> {
        let delim = match self.next() {
            Some(d) if d != b'\n' && d != b'\\' => d,
            _ => return Err(self.err("unterminated `y' command")),
        };
        let unterminated = |p: &mut P| -> String {
            while p.peek().is_some_and(|c| c != b'\n') {
                p.i += 1;
            }
            p.err("unterminated `y' command")
        };
        let Some(src) = self.delimited(delim, false) else { return Err(unterminated(self)) };
        let Some(dst) = self.delimited(delim, false) else { return Err(unterminated(self)) };
        let unescape = |v: &[u8]| -> Vec<u8> {
            let mut out = Vec::new();
            let mut k = 0;
            while k < v.len() {
                if v[k] == b'\\' && k + 1 < v.len() {
                    out.push(match v[k + 1] {
                        b'n' => b'\n',
                        b't' => b'\t',
                        b'\\' => b'\\',
                        other => other,
                    });
                    k += 2;
                } else {
                    out.push(v[k]);
                    k += 1;
                }
            }
            out
        };
        let (src, dst) = (unescape(&src), unescape(&dst));
        if src.len() != dst.len() && !self.busybox {
            return Err(self.err("strings for `y' command are different lengths"));
        }
        let mut map = [0u8; 256];
        for (k, m) in map.iter_mut().enumerate() {
            *m = k as u8;
        }
        for (s, d) in src.iter().zip(&dst) {
            map[*s as usize] = *d;
        }
        Ok(Kind::Translate(Box::new(map)))
    }
}

/// The replacement of `s`: `&`, `\1`…`\9`, `\n`, case conversions, literals.
fn replacement(raw: &[u8], busybox: bool) -> Vec<Repl> {
    let mut parts = Vec::new();
    let mut lit = Vec::new();
    let mut k = 0;
    let flush = |lit: &mut Vec<u8>, parts: &mut Vec<Repl>| {
        if !lit.is_empty() {
            parts.push(Repl::Lit(std::mem::take(lit)));
        }
    };
    while k < raw.len() {
        let c = raw[k];
        k += 1;
        match c {
            b'&' => {
                flush(&mut lit, &mut parts);
                parts.push(Repl::Group(0));
            }
            b'\\' if k < raw.len() => {
                let d = raw[k];
                k += 1;
                match d {
                    b'0'..=b'9' => {
                        flush(&mut lit, &mut parts);
                        parts.push(Repl::Group(usize::from(d - b'0')));
                    }
                    b'n' => lit.push(b'\n'),
                    b't' => lit.push(b'\t'),
                    b'r' => lit.push(b'\r'),
                    b'a' => lit.push(0x07),
                    b'f' => lit.push(0x0c),
                    b'v' => lit.push(0x0b),
                    b'U' | b'L' | b'u' | b'l' | b'E' if !busybox => {
                        flush(&mut lit, &mut parts);
                        parts.push(Repl::Case(d));
                    }
                    other => lit.push(other),
                }
            }
            _ => lit.push(c),
        }
    }
    flush(&mut lit, &mut parts);
    parts
}
