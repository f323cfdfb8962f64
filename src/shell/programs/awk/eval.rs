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
                    self.exit_code = (v as i64 & 0xff) as i32;
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
        for a in args {
            vals.push(self.eval(a)?);
        }
        let fmt = self.to_str(&vals[0]);
        let convfmt = self.special_str(CONVFMT);
        let f = super::format::format(&fmt, &vals[1..], &mut |n| super::format::num_to_str(n, &convfmt));
        if f.star && self.dialect == Dialect::Busybox {
            return self.runtime_error("", "", "%*x formats are not supported");
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
        Ok(b(m.is_match(&self.record)))
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
        let a = self.eval(x)?;
        let c = self.eval(y)?;
        let o = self.compare(&a, &c);
        use std::cmp::Ordering::*;
        Ok(b(match op {
            CmpOp::Lt => o == Less,
            CmpOp::Le => o != Greater,
            CmpOp::Eq => o == Equal,
            CmpOp::Ne => o != Equal,
            CmpOp::Gt => o == Greater,
            CmpOp::Ge => o != Less,
        }))
    }

    #[inline(never)]
    fn eval_match(&mut self, neg: bool, x: &Expr, r: &Expr) -> J<Value> {
        let v = self.eval(x)?;
        let s = self.to_str(&v);
        let m = self.regex_of(r)?;
        Ok(b(m.is_match(&s) != neg))
    }

    #[inline(never)]
    fn eval_concat(&mut self, x: &Expr, y: &Expr) -> J<Value> {
        let a = self.eval(x)?;
        let mut s = self.to_str(&a);
        let c = self.eval(y)?;
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
