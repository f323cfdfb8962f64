//! The built-in functions and `getline`.

use super::ast::*;
use super::interp::{Cell, Interp, Jump, Reader, J, MAX_STRING};
use super::value::Value;

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Byte offset → character count.
fn chars_before(s: &str, byte: usize) -> usize {
    s[..byte.min(s.len())].chars().count()
}

/// `sub`/`gsub`'s replacement for one match: `&` is the match, `\&` a
/// literal `&`; mawk reads `\\` as one backslash, gawk and BusyBox keep
/// it unless a `&` follows (`\\&`: a backslash, then the match).
fn replacement(repl: &str, matched: &str, out: &mut String, mawk: bool) {
    let c: Vec<char> = repl.chars().collect();
    let mut i = 0;
    while i < c.len() {
        match (c[i], c.get(i + 1), c.get(i + 2)) {
            ('\\', Some('&'), _) => {
                out.push('&');
                i += 2;
            }
            ('\\', Some('\\'), Some('&')) if !mawk => {
                out.push('\\');
                out.push_str(matched);
                i += 3;
            }
            ('\\', Some('\\'), _) if mawk => {
                out.push('\\');
                i += 2;
            }
            ('&', _, _) => {
                out.push_str(matched);
                i += 1;
            }
            (x, _, _) => {
                out.push(x);
                i += 1;
            }
        }
    }
}

impl Interp<'_, '_, '_, '_> {
    fn arg_num(&mut self, args: &[Expr], i: usize) -> J<f64> {
        match args.get(i) {
            Some(e) => Ok(self.eval(e)?.num()),
            None => Ok(0.0),
        }
    }

    fn arg_str(&mut self, args: &[Expr], i: usize) -> J<String> {
        match args.get(i) {
            Some(e) => {
                let v = self.eval(e)?;
                Ok(self.to_str(&v))
            }
            None => Ok(String::new()),
        }
    }

    fn arity<T>(&self, name: &str) -> J<T> {
        Err(Jump::Fatal(
            match self.dialect {
                super::Dialect::Gawk => format!("gawk: cmd. line:1: fatal: {name}: wrong number of arguments\n"),
                super::Dialect::Mawk => format!("mawk: line 1: wrong number of arguments in call to {name}\n"),
                super::Dialect::Busybox => "awk: cmd. line:1: Too few arguments for builtin\n".into(),
            },
            2,
        ))
    }

    pub fn builtin(&mut self, f: Builtin, args: &[Expr]) -> J<Value> {
        let v = self.builtin_inner(f, args)?;
        if let Value::Str(s) = &v {
            self.charge(s.len())?;
        }
        Ok(v)
    }

    fn builtin_inner(&mut self, f: Builtin, args: &[Expr]) -> J<Value> {
        use Builtin::*;
        let need = |n: usize, m: usize| args.len() >= n && args.len() <= m;
        let ok = match f {
            Length | Srand | Fflush => need(0, 1),
            Rand => need(0, 0),
            Substr => need(2, 3),
            Index | Atan2 => need(2, 2),
            Split => need(2, 3),
            Sub | Gsub => need(2, 3),
            Match => need(2, 2),
            Sprintf => need(1, usize::MAX),
            Close | System | Tolower | Toupper | Int | Sqrt | Exp | Log | Sin | Cos => need(1, 1),
        };
        if !ok {
            let name = format!("{f:?}").to_lowercase();
            return self.arity(&name);
        }
        Ok(match f {
            Length => match args.first() {
                None => Value::Num(char_len(&self.record) as f64),
                Some(Expr::Var(v)) if matches!(self.var_cell(*v), Cell::Arr(_)) => {
                    let a = self.array_of(*v)?;
                    let n = a.borrow().len();
                    Value::Num(n as f64)
                }
                Some(_) => Value::Num(char_len(&self.arg_str(args, 0)?) as f64),
            },
            Substr => {
                let s = self.arg_str(args, 0)?;
                let m = self.arg_num(args, 1)?;
                let n = if args.len() > 2 { Some(self.arg_num(args, 2)?) } else { None };
                let len = char_len(&s) as f64;
                let mut start = if m.is_nan() { 1.0 } else { m.trunc() };
                let mut count = match n {
                    Some(n) if n.is_nan() => 0.0,
                    Some(n) => n.trunc(),
                    None => f64::INFINITY,
                };
                if start < 1.0 {
                    if self.dialect == super::Dialect::Mawk {
                        count -= start;
                    }
                    start = 1.0;
                }
                let end = (start + count).min(len + 1.0);
                if end <= start {
                    Value::Str(String::new())
                } else {
                    let (a, b) = (start as usize - 1, end as usize - 1);
                    Value::Str(s.chars().skip(a).take(b - a).collect())
                }
            }
            Index => {
                let s = self.arg_str(args, 0)?;
                let t = self.arg_str(args, 1)?;
                if t.is_empty() && self.dialect == super::Dialect::Busybox {
                    Value::Num(0.0)
                } else {
                    Value::Num(s.find(&t).map_or(0, |i| chars_before(&s, i) + 1) as f64)
                }
            }
            Split => {
                let s = self.arg_str(args, 0)?;
                let Some(Expr::Var(v)) = args.get(1) else { return self.arity("split") };
                let parts = match args.get(2) {
                    Some(Expr::Regex(i)) => self.split_text(&s, "", Some(*i), false)?,
                    Some(e) => {
                        let v = self.eval(e)?;
                        let fs = self.to_str(&v);
                        self.split_text(&s, &fs, None, false)?
                    }
                    None => {
                        let fs = self.special_str(FS);
                        self.split_text(&s, &fs, None, false)?
                    }
                };
                let a = self.array_of(*v)?;
                let mut a = a.borrow_mut();
                a.clear();
                let n = parts.len();
                for (i, p) in parts.into_iter().enumerate() {
                    a.set((i + 1).to_string(), Value::StrNum(p));
                }
                Value::Num(n as f64)
            }
            Sub | Gsub => {
                let m = self.regex_of(&args[0])?;
                let repl = self.arg_str(args, 1)?;
                let target = args.get(2).cloned().unwrap_or(Expr::Field(Box::new(Expr::Num(0.0))));
                let tv = self.eval(&target)?;
                let text = self.to_str(&tv);
                self.charge(text.len())?;
                let mut out = String::new();
                let mut pos = 0;
                let mut count = 0;
                let mut last_end: Option<usize> = None;
                while pos <= text.len() {
                    self.step()?;
                    let Some((s, e)) = m.find(&text, pos)? else { break };
                    if e == s && last_end == Some(s) && self.dialect != super::Dialect::Busybox {
                        // An empty match right after a match is skipped
                        // (BusyBox replaces it too: `gsub("x*", "-")` on
                        // "xx" gives "--").
                        match text[s..].chars().next() {
                            Some(c) => {
                                out.push(c);
                                pos = s + c.len_utf8();
                                continue;
                            }
                            None => break,
                        }
                    }
                    out.push_str(&text[pos..s]);
                    replacement(&repl, &text[s..e], &mut out, self.dialect == super::Dialect::Mawk);
                    count += 1;
                    if out.len() > MAX_STRING {
                        return Err(Jump::Fatal("dockersim: awk: a string grew past 16 MiB (the simulator's limit)\n".into(), 2));
                    }
                    if e == s {
                        match text[s..].chars().next() {
                            Some(c) => out.push(c),
                            None => {
                                pos = text.len() + 1;
                                break;
                            }
                        }
                        pos = s + text[s..].chars().next().map_or(1, char::len_utf8);
                    } else {
                        pos = e;
                    }
                    last_end = Some(e);
                    if f == Sub {
                        break;
                    }
                }
                if pos <= text.len() {
                    out.push_str(&text[pos..]);
                }
                // BusyBox assigns the result even when nothing matched (a
                // field so rebuilds `$0`, a number becomes a string).
                if (count > 0 || self.dialect == super::Dialect::Busybox) && target.is_lvalue() {
                    self.assign(&target, Value::Str(out))?;
                }
                Value::Num(count as f64)
            }
            Match => {
                let s = self.arg_str(args, 0)?;
                let m = self.regex_of(&args[1])?;
                let (start, len) = match m.find(&s, 0)? {
                    Some((a, b)) => ((chars_before(&s, a) + 1) as f64, char_len(&s[a..b]) as f64),
                    None => (0.0, -1.0),
                };
                self.set_special(RSTART, Value::Num(start));
                self.set_special(RLENGTH, Value::Num(len));
                Value::Num(start)
            }
            Sprintf => {
                let mut text = self.format(args, "sprintf")?;
                // BusyBox's strings are C strings: the result ends at a NUL.
                if self.dialect == super::Dialect::Busybox {
                    if let Some(nul) = text.find('\0') {
                        text.truncate(nul);
                    }
                }
                Value::Str(text)
            }
            Tolower => Value::Str(self.arg_str(args, 0)?.to_ascii_lowercase()),
            Toupper => Value::Str(self.arg_str(args, 0)?.to_ascii_uppercase()),
            Int => {
                let v = self.arg_num(args, 0)?;
                // BusyBox's `(long long)d`: out of range (and NaN) is LLONG_MIN on x86.
                if self.dialect == super::Dialect::Busybox && (v.is_nan() || v.abs() >= super::value::TWO_63) {
                    Value::Num(-super::value::TWO_63)
                } else {
                    Value::Num(v.trunc())
                }
            }
            Sqrt => {
                let x = self.arg_num(args, 0)?;
                Value::Num(super::eval::x86_nan(x.sqrt(), x, x))
            }
            Exp => {
                let x = self.arg_num(args, 0)?;
                Value::Num(super::eval::x86_nan(x.exp(), x, x))
            }
            Log => {
                let x = self.arg_num(args, 0)?;
                Value::Num(super::eval::x86_nan(x.ln(), x, x))
            }
            Sin => {
                let x = self.arg_num(args, 0)?;
                Value::Num(super::eval::x86_nan(x.sin(), x, x))
            }
            Cos => {
                let x = self.arg_num(args, 0)?;
                Value::Num(super::eval::x86_nan(x.cos(), x, x))
            }
            Atan2 => {
                let y = self.arg_num(args, 0)?;
                let x = self.arg_num(args, 1)?;
                Value::Num(super::eval::x86_nan(y.atan2(x), y, x))
            }
            Rand => Value::Num(self.rand()),
            Srand => {
                let seed = if args.is_empty() { None } else { Some(self.arg_num(args, 0)?) };
                Value::Num(self.srand(seed))
            }
            System => {
                let cmd = self.arg_str(args, 0)?;
                self.flush_files()?;
                self.flush_stdout()?;
                let status = self.sh.child_shell(&cmd, "sh", &[])?;
                Value::Num(f64::from(status))
            }
            Close => {
                let name = self.arg_str(args, 0)?;
                Value::Num(self.close(&name)?)
            }
            Fflush => {
                self.flush_files()?;
                self.flush_stdout()?;
                Value::Num(0.0)
            }
        })
    }

    fn var_cell(&mut self, v: Var) -> Cell {
        match v {
            Var::Global(g) => self.globals[g].clone(),
            Var::Local(l) => self.frames.last().map_or(Cell::Val(Value::Uninit), |f| f[l].clone()),
        }
    }

    /// Writes buffered file output so far (before `system()` runs).
    fn flush_files(&mut self) -> J<()> {
        let names: Vec<String> = self.outputs.keys().cloned().collect();
        for n in names {
            if let Some(super::interp::Output::File { path, data }) = self.outputs.get_mut(&n) {
                let data = std::mem::take(data);
                let path = path.clone();
                let meta = self.sh.meta(0o644);
                let _ = self.sh.fs_mut().append(&path, &data, meta);
            }
        }
        Ok(())
    }

    pub fn getline(&mut self, src: &GetlineSrc, var: Option<&Expr>) -> J<Value> {
        let rec = match src {
            GetlineSrc::Main => {
                // BusyBox's plain getline stays in the current file: at its
                // end it returns 0, and the main loop moves to the next one.
                let rec = match self.main.take() {
                    Some(mut r) if self.dialect == super::Dialect::Busybox => {
                        let rec = self.next_record(&mut r);
                        self.main = Some(r);
                        rec?
                    }
                    other => {
                        self.main = other;
                        self.next_main()?
                    }
                };
                let Some(rec) = rec else { return Ok(Value::Num(0.0)) };
                self.bump(NR);
                self.bump(FNR);
                rec
            }
            GetlineSrc::File(f) | GetlineSrc::Cmd(f) => {
                let v = self.eval(f)?;
                let name = self.to_str(&v);
                if !self.readers.contains_key(&name) {
                    let data = if let GetlineSrc::Cmd(_) = src {
                        self.capture(&name)?
                    } else if name == "-" || name == "/dev/stdin" {
                        let c = self.sh.stdin_content();
                        String::from_utf8_lossy(&crate::shell::programs::bytes::bounded(self.sh, &c)?).into_owned()
                    } else {
                        match crate::shell::programs::bytes::open(self.sh, &name) {
                            Ok(c) => String::from_utf8_lossy(&crate::shell::programs::bytes::bounded(self.sh, &c)?).into_owned(),
                            Err(_) => return Ok(Value::Num(-1.0)),
                        }
                    };
                    if self.readers.len() >= 256 {
                        return Ok(Value::Num(-1.0));
                    }
                    self.readers.insert(name.clone(), Reader { data, pos: 0 });
                }
                let Some(mut r) = self.readers.remove(&name) else { return Ok(Value::Num(-1.0)) };
                let rec = self.next_record(&mut r);
                self.readers.insert(name, r);
                let Some(rec) = rec? else { return Ok(Value::Num(0.0)) };
                rec
            }
        };
        match var {
            Some(lv) => self.assign(lv, Value::StrNum(rec))?,
            None => self.set_record(rec)?,
        }
        Ok(Value::Num(1.0))
    }
}
