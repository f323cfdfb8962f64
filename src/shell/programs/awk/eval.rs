//! Statements and expressions.

use super::ast::*;
use super::interp::{ArrayRef, Cell, Interp, Jump, CALL_DEPTH, J, MAX_STRING};
use super::value::Value;
use super::Dialect;
use std::cell::RefCell;
use std::rc::Rc;

/// Nested expression evaluations (through calls too): bounds the native stack.
const EVAL_DEPTH: usize = 200;

/// Budget bytes a new array element is charged as (16 steps).
const NEW_ELEMENT_COST: usize = 16 * 256;

fn b(x: bool) -> Value {
    Value::Num(if x { 1.0 } else { 0.0 })
}

impl Interp<'_, '_, '_, '_> {
    pub fn exec_block(&mut self, stmts: &[Stmt]) -> J<()> {
        for s in stmts {
            self.exec(s)?;
        }
        Ok(())
    }

    fn cell(&mut self, v: Var) -> &mut Cell {
        match v {
            Var::Global(g) => &mut self.globals[g],
            Var::Local(l) => {
                let frame = self.frames.last_mut().expect("a local outside a function");
                &mut frame[l]
            }
        }
    }

    fn var_name(&self, v: Var) -> String {
        match v {
            Var::Global(g) => self.prog.globals[g].clone(),
            Var::Local(l) => format!("parameter #{}", l + 1),
        }
    }

    fn array_in_scalar<T>(&self, v: Var) -> J<T> {
        let name = self.var_name(v);
        self.runtime_error(
            &format!("attempt to use array `{name}' in a scalar context"),
            &format!("can't use array {name} in scalar context"),
            &format!("can't use array {name} in scalar context"),
        )
    }

    pub fn get_var(&mut self, v: Var) -> J<Value> {
        let busybox = self.dialect == Dialect::Busybox;
        match self.cell(v) {
            Cell::Val(x) => Ok(x.clone()),
            Cell::Arr(_) if busybox => Ok(Value::Uninit),
            Cell::Arr(_) => self.array_in_scalar(v),
        }
    }

    pub fn set_var(&mut self, v: Var, x: Value) -> J<()> {
        if v == Var::Global(NF) {
            return self.set_nf(x.num());
        }
        let busybox = self.dialect == Dialect::Busybox;
        match self.cell(v) {
            c @ Cell::Val(_) => {
                *c = Cell::Val(x);
                Ok(())
            }
            c @ Cell::Arr(_) if busybox => {
                *c = Cell::Val(x);
                Ok(())
            }
            Cell::Arr(_) => self.array_in_scalar(v),
        }
    }

    /// The array `v` names (an unused name becomes an array).
    pub fn array_of(&mut self, v: Var) -> J<ArrayRef> {
        let busybox = self.dialect == Dialect::Busybox;
        let cell = self.cell(v);
        match cell {
            Cell::Arr(a) => Ok(a.clone()),
            Cell::Val(_) if busybox => {
                let a: ArrayRef = Rc::new(RefCell::new(Default::default()));
                *cell = Cell::Arr(a.clone());
                Ok(a)
            }
            Cell::Val(Value::Uninit) => {
                let a: ArrayRef = Rc::new(RefCell::new(Default::default()));
                *cell = Cell::Arr(a.clone());
                Ok(a)
            }
            Cell::Val(_) => {
                let name = self.var_name(v);
                self.runtime_error(
                    &format!("attempt to use scalar `{name}' as an array"),
                    &format!("can't use scalar {name} as array"),
                    &format!("can't use scalar {name} as array"),
                )
            }
        }
    }

    pub fn key(&mut self, keys: &[Expr]) -> J<String> {
        if keys.len() == 1 {
            let v = self.eval(&keys[0])?;
            return Ok(self.to_str(&v));
        }
        let sep = self.special_str(SUBSEP);
        let mut parts = Vec::new();
        for k in keys {
            let v = self.eval(k)?;
            parts.push(self.to_str(&v));
        }
        Ok(parts.join(&sep))
    }

    pub fn assign(&mut self, lv: &Expr, x: Value) -> J<()> {
        match lv {
            Expr::Var(v) => self.set_var(*v, x),
            Expr::Field(i) => {
                let i = self.eval(i)?.num();
                self.set_field(i, x)
            }
            Expr::Index(v, keys) => {
                let k = self.key(keys)?;
                let a = self.array_of(*v)?;
                if !a.borrow().contains(&k) {
                    // A new element costs more: arrays are bounded by the budget too.
                    self.charge(NEW_ELEMENT_COST)?;
                }
                a.borrow_mut().set(k, x);
                Ok(())
            }
            Expr::Group(e) => self.assign(e, x),
            _ => Ok(()),
        }
    }

    fn redirect(&mut self, r: &Option<(Redir, Expr)>) -> J<Option<(Redir, String)>> {
        match r {
            Some((kind, e)) => {
                let v = self.eval(e)?;
                Ok(Some((*kind, self.to_str(&v))))
            }
            None => Ok(None),
        }
    }

    pub fn exec(&mut self, s: &Stmt) -> J<()> {
        self.step()?;
        match s {
            Stmt::Expr(e) => {
                self.eval(e)?;
            }
            Stmt::Print(args, redir) if self.dialect == Dialect::Busybox && !args.is_empty() => {
                // BusyBox opens the destination, then writes each value (and
                // OFS) as it evaluates it: what precedes a run-time error is out.
                let r = self.redirect(redir)?;
                let ofs = self.special_str(OFS);
                for (i, a) in args.iter().enumerate() {
                    let v = self.eval(a)?;
                    let mut text = self.to_out_str(&v);
                    // fputs: a C string ends at a NUL.
                    if let Some(nul) = text.find('\0') {
                        text.truncate(nul);
                    }
                    if i + 1 < args.len() {
                        text.push_str(&ofs);
                    }
                    self.charge(text.len())?;
                    self.write_to(r.clone(), &text)?;
                }
                let ors = self.special_str(ORS);
                self.write_to(r, &ors)?;
            }
            Stmt::Print(args, redir) => {
                let mut text = String::new();
                if args.is_empty() {
                    text.push_str(&self.record);
                } else {
                    let ofs = self.special_str(OFS);
                    for (i, a) in args.iter().enumerate() {
                        if i > 0 {
                            text.push_str(&ofs);
                        }
                        let v = self.eval(a)?;
                        text.push_str(&self.to_out_str(&v));
                        if text.len() > MAX_STRING {
                            return Err(Jump::Fatal("dockersim: awk: a string grew past 16 MiB (the simulator's limit)\n".into(), 2));
                        }
                    }
                }
                text.push_str(&self.special_str(ORS));
                self.charge(text.len())?;
                let r = self.redirect(redir)?;
                self.write_to(r, &text)?;
            }
            Stmt::Printf(args, redir) => {
                let text = self.format(args, "printf")?;
                let r = self.redirect(redir)?;
                self.write_to(r, &text)?;
            }
            Stmt::If(c, a, other) => {
                if self.eval(c)?.truthy() {
                    self.exec(a)?;
                } else if let Some(o) = other {
                    self.exec(o)?;
                }
            }
            Stmt::While(c, body) => {
                while self.eval(c)?.truthy() {
                    match self.exec(body) {
                        Err(Jump::Break) => break,
                        Err(Jump::Continue) | Ok(()) => {}
                        Err(e) => return Err(e),
                    }
                    self.step()?;
                }
            }
            Stmt::Do(body, c) => loop {
                match self.exec(body) {
                    Err(Jump::Break) => break,
                    Err(Jump::Continue) | Ok(()) => {}
                    Err(e) => return Err(e),
                }
                self.step()?;
                if !self.eval(c)?.truthy() {
                    break;
                }
            },
            Stmt::For(init, cond, step, body) => {
                if let Some(i) = init {
                    self.exec(i)?;
                }
                loop {
                    if let Some(c) = cond {
                        if !self.eval(c)?.truthy() {
                            break;
                        }
                    }
                    match self.exec(body) {
                        Err(Jump::Break) => break,
                        Err(Jump::Continue) | Ok(()) => {}
                        Err(e) => return Err(e),
                    }
                    if let Some(s) = step {
                        self.exec(s)?;
                    }
                    self.step()?;
                }
            }
            Stmt::ForIn(lv, arr, body) => {
                let a = self.array_of(*arr)?;
                let keys = a.borrow().keys();
                for k in keys {
                    if !a.borrow().contains(&k) {
                        continue;
                    }
                    let key = if self.dialect == Dialect::Gawk { Value::StrNum(k) } else { Value::Str(k) };
                    self.assign(lv, key)?;
                    match self.exec(body) {
                        Err(Jump::Break) => break,
                        Err(Jump::Continue) | Ok(()) => {}
                        Err(e) => return Err(e),
                    }
                }
            }
            Stmt::Block(b) => self.exec_block(b)?,
            Stmt::Next => return Err(Jump::Next),
            Stmt::NextFile => return Err(Jump::NextFile),
            Stmt::Exit(e) => {
                if let Some(e) = e {
                    let v = self.eval(e)?.num();
                    // mawk's d_to_I clamps to ±INT_MAX (NaN gives -INT_MAX);
                    // BusyBox's `(int)d` gives INT_MIN out of range (x86).
                    let code = match self.dialect {
                        Dialect::Mawk if v >= 2_147_483_647.0 => 2_147_483_647,
                        Dialect::Mawk if v > -2_147_483_647.0 => v as i64,
                        Dialect::Mawk => -2_147_483_647,
                        Dialect::Busybox if v.is_nan() || v >= 2_147_483_648.0 || v <= -2_147_483_649.0 => i64::from(i32::MIN),
                        _ => v as i64,
                    };
                    self.exit_code = (code & 0xff) as i32;
                }
                return Err(Jump::Exit);
            }
            Stmt::Return(e) => {
                let v = match e {
                    Some(e) => self.eval(e)?,
                    None => Value::Uninit,
                };
                return Err(Jump::Return(v));
            }
            Stmt::Break => return Err(Jump::Break),
            Stmt::Continue => return Err(Jump::Continue),
            Stmt::Delete(v, keys) => {
                let a = self.array_of(*v)?;
                match keys {
                    Some(k) => {
                        let k = self.key(k)?;
                        a.borrow_mut().remove(&k);
                    }
                    None => a.borrow_mut().clear(),
                }
            }
        }
        Ok(())
    }

    /// printf/sprintf: the format and its arguments.
    pub fn format(&mut self, args: &[Expr], who: &str) -> J<String> {
        let mut vals = Vec::new();
        // BusyBox evaluates an argument when its conversion comes up: those
        // past the format's conversions are never evaluated.
        let (wanted, invalid) = if self.dialect == Dialect::Busybox {
            vals.push(self.eval(&args[0])?);
            let f = self.to_str(&vals[0]);
            let (n, invalid) = busybox_conversions(f.split('\0').next().unwrap_or_default());
            (1 + n, invalid)
        } else {
            (usize::MAX, false)
        };
        for a in args.iter().take(wanted).skip(vals.len()) {
            vals.push(self.eval(a)?);
        }
        if invalid {
            return self.runtime_error("", "", "Invalid format specifier");
        }
        let mut fmt = self.to_str(&vals[0]);
        // mawk and BusyBox hand the format to C as a string: it ends at a NUL.
        if self.dialect != Dialect::Gawk {
            if let Some(nul) = fmt.find('\0') {
                fmt.truncate(nul);
            }
        }
        let convfmt = self.special_str(CONVFMT);
        let f = super::format::format(&fmt, &vals[1..], &mut |n| super::format::num_to_str(n, &convfmt));
        if f.star && self.dialect == Dialect::Busybox {
            return self.runtime_error("", "", "%*x formats are not supported");
        }
        if let (Some(n), Some(at)) = (f.bad, f.ran_out) {
            if who == "printf" {
                self.out(&f.text[..at])?;
            }
            return self.runtime_error("", &format!("improper conversion(number {n}) in {who}(\"{fmt}\")"), "");
        }
        if let (Some(at), false) = (f.ran_out, self.dialect == Dialect::Busybox) {
            return match self.dialect {
                Dialect::Gawk => Err(Jump::Fatal(
                    format!(
                        "gawk: cmd. line:1: fatal: not enough arguments to satisfy format string\n\t`{fmt}'\n\t{}^ ran out for this one\n",
                        " ".repeat(f.ran_out_conv + 1)
                    ),
                    2,
                )),
                _ => {
                    if who == "printf" {
                        self.out(&f.text[..at])?;
                    }
                    self.runtime_error("", &format!("not enough arguments passed to {who}(\"{fmt}\")"), "")
                }
            };
        }
        let text = f.text;
        self.charge(text.len())?;
        if text.len() > MAX_STRING {
            return Err(Jump::Fatal("dockersim: awk: a string grew past 16 MiB (the simulator's limit)\n".into(), 2));
        }
        Ok(text)
    }

    pub fn eval(&mut self, e: &Expr) -> J<Value> {
        self.eval_depth += 1;
        if self.eval_depth > EVAL_DEPTH {
            self.eval_depth -= 1;
            return Err(Jump::Fatal(
                format!("dockersim: awk: expressions and calls nested deeper than {EVAL_DEPTH} (the simulator's limit)\n"),
                2,
            ));
        }
        let r = self.eval_inner(e);
        self.eval_depth -= 1;
        r
    }

    /// One node. The arms live in small out-of-line functions so that the
    /// recursion's native frames stay small (deep expressions, recursion).
    fn eval_inner(&mut self, e: &Expr) -> J<Value> {
        match e {
            Expr::Num(n) => Ok(Value::Num(*n)),
            Expr::Str(s) => Ok(Value::Str(s.clone())),
            Expr::Regex(i) => self.eval_regex(*i),
            Expr::Var(v) => self.get_var(*v),
            Expr::Field(i) => self.eval_field(i),
            Expr::Index(v, keys) => self.eval_index(*v, keys),
            Expr::Assign(op, lv, rhs) => self.eval_assign(*op, lv, rhs),
            Expr::Cond(c, x, y) => self.eval_cond(c, x, y),
            Expr::And(x, y) => self.eval_logic(true, x, y),
            Expr::Or(x, y) => self.eval_logic(false, x, y),
            Expr::Not(x) => self.eval_unary(0, x),
            Expr::Neg(x) => self.eval_unary(1, x),
            Expr::Plus(x) => self.eval_unary(2, x),
            Expr::Bin(op, x, y) => self.eval_bin(*op, x, y),
            Expr::Cmp(op, x, y) => self.eval_cmp(*op, x, y),
            Expr::Match(neg, x, r) => self.eval_match(*neg, x, r),
            Expr::Concat(x, y) => self.eval_concat(x, y),
            Expr::In(keys, arr) => self.eval_in(keys, *arr),
            Expr::IncDec { pre, inc, lv } => self.eval_incdec(*pre, *inc, lv),
            Expr::Call(f, args) => self.call(*f, args),
            Expr::Builtin(f, args) => self.builtin(*f, args),
            Expr::Getline(src, var) => self.getline(src, var.as_deref()),
            Expr::Group(x) => self.eval(x),
        }
    }

    #[inline(never)]
    fn eval_regex(&mut self, i: usize) -> J<Value> {
        let m = self.literal_regex(i)?;
        Ok(b(m.is_match(&self.record)?))
    }

    #[inline(never)]
    fn eval_field(&mut self, i: &Expr) -> J<Value> {
        let i = self.eval(i)?.num();
        self.get_field(i)
    }

    #[inline(never)]
    fn eval_index(&mut self, v: Var, keys: &[Expr]) -> J<Value> {
        let k = self.key(keys)?;
        let a = self.array_of(v)?;
        let found = a.borrow().get(&k).cloned();
        match found {
            Some(x) => Ok(x),
            None => {
                self.charge(NEW_ELEMENT_COST)?;
                a.borrow_mut().set(k, Value::Uninit);
                Ok(Value::Uninit)
            }
        }
    }

    #[inline(never)]
    fn eval_assign(&mut self, op: Option<BinOp>, lv: &Expr, rhs: &Expr) -> J<Value> {
        let mut v = self.eval(rhs)?;
        if let Some(op) = op {
            let cur = self.eval(lv)?.num();
            v = Value::Num(self.arith(op, cur, v.num())?);
        }
        self.assign(lv, v.clone())?;
        Ok(v)
    }

    #[inline(never)]
    fn eval_cond(&mut self, c: &Expr, x: &Expr, y: &Expr) -> J<Value> {
        if self.eval(c)?.truthy() {
            self.eval(x)
        } else {
            self.eval(y)
        }
    }

    #[inline(never)]
    fn eval_logic(&mut self, and: bool, x: &Expr, y: &Expr) -> J<Value> {
        let l = self.eval(x)?.truthy();
        if l != and {
            return Ok(b(l));
        }
        Ok(b(self.eval(y)?.truthy()))
    }

    #[inline(never)]
    fn eval_unary(&mut self, kind: u8, x: &Expr) -> J<Value> {
        let v = self.eval(x)?;
        Ok(match kind {
            0 => b(!v.truthy()),
            1 => Value::Num(-v.num()),
            _ => Value::Num(v.num()),
        })
    }

    #[inline(never)]
    fn eval_bin(&mut self, op: BinOp, x: &Expr, y: &Expr) -> J<Value> {
        let a = self.eval(x)?.num();
        let c = self.eval(y)?.num();
        Ok(Value::Num(self.arith(op, a, c)?))
    }

    #[inline(never)]
    fn eval_cmp(&mut self, op: CmpOp, x: &Expr, y: &Expr) -> J<Value> {
        let (a, c) = self.eval_pair(x, y)?;
        use std::cmp::Ordering::*;
        if self.dialect != Dialect::Gawk && a.numeric() && c.numeric() && (a.num().is_nan() || c.num().is_nan()) {
            // mawk's compare answers 0 when neither is greater (NaN "equals"
            // anything); BusyBox's tests the difference: `x > 0`, `x >= 0`,
            // `x == 0` are false and their negations (<=, <, !=) true.
            let mawk = self.dialect == Dialect::Mawk;
            return Ok(b(match op {
                CmpOp::Eq | CmpOp::Ge => mawk,
                CmpOp::Le => true,
                CmpOp::Gt => false,
                CmpOp::Lt | CmpOp::Ne => !mawk,
            }));
        }
        let o = self.compare(&a, &c);
        Ok(b(match op {
            CmpOp::Lt => o == Less,
            CmpOp::Le => o != Greater,
            CmpOp::Eq => o == Equal,
            CmpOp::Ne => o != Equal,
            CmpOp::Gt => o == Greater,
            CmpOp::Ge => o != Less,
        }))
    }

    /// Both operands of a comparison or concatenation. BusyBox evaluates the
    /// left one to its variable and reads it after the right one ran, so
    /// `(x) (x = 5)` sees the new x: a plain variable, field or constant-key
    /// element on the left is read after the right.
    fn eval_pair(&mut self, x: &Expr, y: &Expr) -> J<(Value, Value)> {
        fn plain(e: &Expr) -> bool {
            match e {
                Expr::Group(inner) => plain(inner),
                Expr::Var(_) => true,
                Expr::Field(i) => matches!(**i, Expr::Num(_)),
                Expr::Index(_, keys) => keys.iter().all(|k| matches!(k, Expr::Num(_) | Expr::Str(_))),
                _ => false,
            }
        }
        if self.dialect == Dialect::Busybox && plain(x) {
            // Evaluated first (an element is created), read again after.
            self.eval(x)?;
            let c = self.eval(y)?;
            let a = self.eval(x)?;
            return Ok((a, c));
        }
        let a = self.eval(x)?;
        let c = self.eval(y)?;
        Ok((a, c))
    }

    #[inline(never)]
    fn eval_match(&mut self, neg: bool, x: &Expr, r: &Expr) -> J<Value> {
        let v = self.eval(x)?;
        let s = self.to_str(&v);
        let m = self.regex_of(r)?;
        Ok(b(m.is_match(&s)? != neg))
    }

    #[inline(never)]
    fn eval_concat(&mut self, x: &Expr, y: &Expr) -> J<Value> {
        let (a, c) = self.eval_pair(x, y)?;
        let mut s = self.to_str(&a);
        s.push_str(&self.to_str(&c));
        self.charge(s.len())?;
        if s.len() > MAX_STRING {
            return Err(Jump::Fatal("dockersim: awk: a string grew past 16 MiB (the simulator's limit)\n".into(), 2));
        }
        Ok(Value::Str(s))
    }

    #[inline(never)]
    fn eval_in(&mut self, keys: &[Expr], arr: Var) -> J<Value> {
        let k = self.key(keys)?;
        let a = self.array_of(arr)?;
        let has = a.borrow().contains(&k);
        Ok(b(has))
    }

    #[inline(never)]
    fn eval_incdec(&mut self, pre: bool, inc: bool, lv: &Expr) -> J<Value> {
        let cur = self.eval(lv)?.num();
        let new = if inc { cur + 1.0 } else { cur - 1.0 };
        self.assign(lv, Value::Num(new))?;
        Ok(Value::Num(if pre { new } else { cur }))
    }

    fn arith(&mut self, op: BinOp, a: f64, c: f64) -> J<f64> {
        let r = match op {
            BinOp::Add => a + c,
            BinOp::Sub => a - c,
            BinOp::Mul => a * c,
            BinOp::Div | BinOp::Mod if c == 0.0 && self.dialect != Dialect::Mawk => {
                return self.runtime_error(
                    &format!("division by zero attempted{}", if op == BinOp::Mod { " in `%'" } else { "" }),
                    "",
                    "Division by zero",
                );
            }
            BinOp::Div => a / c,
            // BusyBox: `L -= (long long)(L / R) * R` (LLONG_MIN out of range).
            BinOp::Mod if self.dialect == Dialect::Busybox => {
                let q = a / c;
                let q = if q.abs() < super::value::TWO_63 { q.trunc() } else { -super::value::TWO_63 };
                a - q * c
            }
            BinOp::Mod => a % c,
            BinOp::Pow => a.powf(c),
        };
        Ok(x86_nan(r, a, c))
    }

    fn call(&mut self, id: usize, args: &[Expr]) -> J<Value> {
        let f = &self.prog.funcs[id];
        if args.len() > f.params.len() {
            let name = f.name.clone();
            return self.runtime_error(
                &format!("function `{name}' called with more arguments than declared"),
                &format!("too many arguments in call to {name}"),
                &format!("too many arguments in call to {name}"),
            );
        }
        if self.frames.len() >= CALL_DEPTH {
            return Err(Jump::Fatal(
                format!("dockersim: awk: function calls nested deeper than {CALL_DEPTH} (the simulator's limit)\n"),
                2,
            ));
        }
        self.step()?;
        let mut frame = Vec::with_capacity(f.params.len());
        for j in 0..f.params.len() {
            let cell = match args.get(j) {
                Some(Expr::Var(v)) => {
                    let is_arr = matches!(self.cell(*v), Cell::Arr(_));
                    let wants = f.array_params[j] && matches!(self.cell(*v), Cell::Val(Value::Uninit));
                    if is_arr || wants {
                        Cell::Arr(self.array_of(*v)?)
                    } else {
                        Cell::Val(self.get_var(*v)?)
                    }
                }
                Some(a) => Cell::Val(self.eval(a)?),
                None => Cell::Val(Value::Uninit),
            };
            frame.push(cell);
        }
        self.frames.push(frame);
        let r = self.exec_block(&f.body);
        self.frames.pop();
        match r {
            Ok(()) => Ok(Value::Uninit),
            Err(Jump::Return(v)) => Ok(v),
            Err(Jump::Break | Jump::Continue) => Ok(Value::Uninit),
            Err(e) => Err(e),
        }
    }
}

/// A NaN result as x86 makes it: an operand's NaN passes through; a new
/// one (`0/0`, `1%0`, `(-8)^(1/3)`) is the negative default NaN, which C
/// prints as `-nan`. (Rust leaves the sign unspecified; wasm differs.)
pub fn x86_nan(r: f64, a: f64, c: f64) -> f64 {
    if !r.is_nan() {
        r
    } else if a.is_nan() {
        a
    } else if c.is_nan() {
        c
    } else {
        -f64::NAN
    }
}

/// How many arguments BusyBox's printf takes for `fmt`: one per `%`
/// conversion (up to a letter; `%%` takes none), stopping at a `*` (an error
/// there) or a `%` with no letter after it; and whether it stopped at a
/// letter that is no conversion (after evaluating that one's argument).
fn busybox_conversions(fmt: &str) -> (usize, bool) {
    let b = fmt.as_bytes();
    let (mut i, mut n) = (0, 0);
    while i < b.len() {
        if b[i] != b'%' {
            i += 1;
            continue;
        }
        i += 1;
        match b.get(i) {
            None => break,
            Some(b'%') => {
                i += 1;
                continue;
            }
            Some(_) => {}
        }
        while i < b.len() && !b[i].is_ascii_alphabetic() {
            if b[i] == b'*' {
                return (n, false);
            }
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        n += 1;
        if !b"cdiouxXeEfFgGaAs".contains(&b[i]) {
            return (n, true);
        }
        i += 1;
    }
    (n, false)
}
