//! The Python evaluator's built-ins: operators, `repr`/`str`, format specs
//! and `%` formatting, built-in functions, and the methods of str, list,
//! dict, set, tuple, bytes and files. Modules are in `py_mods.rs`.

use super::py_eval::{cmp, eq, float_repr, range_len, Ctl, Obj, Py, MAX_LEN, R, TYPES, V};
use std::rc::Rc;

const BUILTINS: &[&str] = &[
    "print",
    "len",
    "range",
    "str",
    "int",
    "float",
    "bool",
    "list",
    "dict",
    "tuple",
    "set",
    "frozenset",
    "bytes",
    "type",
    "object",
    "sorted",
    "reversed",
    "enumerate",
    "zip",
    "map",
    "filter",
    "sum",
    "min",
    "max",
    "abs",
    "round",
    "isinstance",
    "issubclass",
    "repr",
    "input",
    "open",
    "hasattr",
    "getattr",
    "setattr",
    "any",
    "all",
    "chr",
    "ord",
    "hex",
    "oct",
    "bin",
    "divmod",
    "pow",
    "iter",
    "next",
    "super",
    "exit",
    "quit",
    "format",
    "callable",
    "id",
    "hash",
    "staticmethod",
    "classmethod",
    "property",
    "vars",
    "globals",
    "locals",
    "dir",
    "ascii",
    "NotImplemented",
    "__import__",
    "help",
    "breakpoint",
    "exec",
    "eval",
    "compile",
    "memoryview",
    "bytearray",
    "slice",
    "delattr",
    "complex",
];

/// A built-in name's value (exception classes included).
pub fn builtin(py: &mut Py, name: &str) -> Option<V> {
    if let Some(c) = py.classes.get(name) {
        if name != "JSONDecodeError" {
            return Some(V::Class(c.clone()));
        }
    }
    if name == "__name__" {
        return Some(V::s("builtins"));
    }
    BUILTINS.contains(&name).then(|| V::bi(name, V::None))
}

// ------------------------------------------------------------- operators ----

impl Py<'_> {
    pub fn binop(&mut self, op: &str, a: &V, b: &V) -> R<V> {
        if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
            return self.int_op(op, x, y);
        }
        if let (Some(x), Some(y), false, false) = (a.as_f(), b.as_f(), matches!(a, V::Str(_)), matches!(b, V::Str(_))) {
            return Ok(V::Float(match op {
                "+" => x + y,
                "-" => x - y,
                "*" => x * y,
                "/" | "//" | "%" if y == 0.0 => {
                    let m = if op == "/" {
                        "float division by zero"
                    } else if op == "%" {
                        "float modulo"
                    } else {
                        "float floor division by zero"
                    };
                    return Err(self.exc("ZeroDivisionError", m));
                }
                "/" => x / y,
                "//" => (x / y).floor(),
                "%" => x - y * (x / y).floor(),
                "**" => x.powf(y),
                _ => return Err(self.unsupported(op, a, b)),
            }));
        }
        match (op, a, b) {
            ("+", V::Str(x), V::Str(y)) => {
                if x.len() + y.len() > MAX_LEN * 4 {
                    return Err(self.exc("MemoryError", ""));
                }
                Ok(V::s(&format!("{x}{y}")))
            }
            ("+", V::Str(_), _) => Err(self.type_err(format!("can only concatenate str (not \"{}\") to str", b.type_name()))),
            ("+", V::List(x), V::List(y)) => Ok(V::list(x.borrow().iter().chain(y.borrow().iter()).cloned().collect())),
            ("+", V::List(_), _) => Err(self.type_err(format!("can only concatenate list (not \"{}\") to list", b.type_name()))),
            ("+", V::Tuple(x), V::Tuple(y)) => Ok(V::tuple(x.iter().chain(y.iter()).cloned().collect())),
            ("+", V::Bytes(x), V::Bytes(y)) => Ok(V::Bytes(x.iter().chain(y.iter()).copied().collect::<Vec<u8>>().into())),
            ("*", V::Str(_) | V::List(_) | V::Tuple(_), V::Int(_) | V::Bool(_)) => self.repeat(a, b.as_int().unwrap_or(0)),
            ("*", V::Int(_) | V::Bool(_), V::Str(_) | V::List(_) | V::Tuple(_)) => self.repeat(b, a.as_int().unwrap_or(0)),
            ("%", V::Str(f), _) => Ok(V::s(&self.percent(f, b)?)),
            ("|", V::Dict(x), V::Dict(y)) => {
                let d = V::dict(x.borrow().clone());
                for (k, v) in y.borrow().clone() {
                    self.setitem(&d, k, v)?;
                }
                Ok(d)
            }
            ("|" | "&" | "-" | "^", V::Set(x), V::Set(y)) => {
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                let inx = |v: &V, s: &[V]| s.iter().any(|w| eq(v, w));
                let out: Vec<V> = match op {
                    "|" => x.iter().chain(y.iter()).cloned().collect(),
                    "&" => x.iter().filter(|v| inx(v, &y)).cloned().collect(),
                    "-" => x.iter().filter(|v| !inx(v, &y)).cloned().collect(),
                    _ => x.iter().filter(|v| !inx(v, &y)).chain(y.iter().filter(|v| !inx(v, &x))).cloned().collect(),
                };
                self.make_set(out)
            }
            _ => {
                if let V::Obj(o) = a {
                    let m = dunder(op);
                    if o.cls.lookup(m).is_some() {
                        let f = self.getattr(a, m)?;
                        return self.call(&f, vec![b.clone()], vec![]);
                    }
                }
                Err(self.unsupported(op, a, b))
            }
        }
    }

    fn unsupported(&mut self, op: &str, a: &V, b: &V) -> Ctl {
        let op = if op == "**" { "** or pow()" } else { op };
        self.type_err(format!("unsupported operand type(s) for {op}: '{}' and '{}'", a.type_name(), b.type_name()))
    }

    fn repeat(&mut self, v: &V, n: i64) -> R<V> {
        let n = n.max(0) as usize;
        let len = match v {
            V::Str(s) => s.len(),
            V::List(l) => l.borrow().len(),
            V::Tuple(t) => t.len(),
            _ => 0,
        };
        if len.saturating_mul(n) > MAX_LEN * 4 {
            return Err(self.exc("MemoryError", ""));
        }
        Ok(match v {
            V::Str(s) => V::s(&s.repeat(n)),
            V::List(l) => {
                let l = l.borrow();
                V::list((0..n).flat_map(|_| l.iter().cloned()).collect())
            }
            V::Tuple(t) => V::tuple((0..n).flat_map(|_| t.iter().cloned()).collect()),
            _ => V::None,
        })
    }

    fn int_op(&mut self, op: &str, x: i64, y: i64) -> R<V> {
        let r = match op {
            "+" => x.checked_add(y),
            "-" => x.checked_sub(y),
            "*" => x.checked_mul(y),
            "/" => {
                if y == 0 {
                    return Err(self.exc("ZeroDivisionError", "division by zero"));
                }
                return Ok(V::Float(x as f64 / y as f64));
            }
            "//" | "%" => {
                if y == 0 {
                    return Err(self.exc("ZeroDivisionError", "integer division or modulo by zero"));
                }
                let q = x.checked_div(y).map(|q| if (x % y != 0) && ((x < 0) != (y < 0)) { q - 1 } else { q });
                match (op, q) {
                    ("//", q) => q,
                    (_, Some(q)) => Some(x - q * y),
                    _ => None,
                }
            }
            "**" => {
                if y < 0 {
                    return Ok(V::Float((x as f64).powf(y as f64)));
                }
                x.checked_pow(u32::try_from(y).unwrap_or(u32::MAX))
            }
            "&" => Some(x & y),
            "|" => Some(x | y),
            "^" => Some(x ^ y),
            "<<" => {
                if y < 0 {
                    return Err(self.exc("ValueError", "negative shift count"));
                }
                if y >= 63 || (x << y) >> y != x {
                    None
                } else {
                    Some(x << y)
                }
            }
            ">>" => {
                if y < 0 {
                    return Err(self.exc("ValueError", "negative shift count"));
                }
                Some(x >> y.min(63))
            }
            _ => return Err(self.unsupported(op, &V::Int(x), &V::Int(y))),
        };
        r.map(V::Int).ok_or_else(|| self.overflow())
    }

    // -------------------------------------------------------- repr / str ----

    pub fn repr(&mut self, v: &V) -> R<String> {
        self.repr_d(v, 0)
    }

    fn repr_d(&mut self, v: &V, d: usize) -> R<String> {
        if d > 40 {
            return Ok("...".into());
        }
        Ok(match v {
            V::None => "None".into(),
            V::Bool(b) => if *b { "True" } else { "False" }.into(),
            V::Int(n) => n.to_string(),
            V::Float(f) => float_repr(*f),
            V::Str(s) => str_repr(s),
            V::Bytes(b) => bytes_repr(b),
            V::List(l) => {
                let items = l.borrow().clone();
                format!("[{}]", self.join_repr(&items, d)?)
            }
            V::Tuple(t) if t.len() == 1 => format!("({},)", self.repr_d(&t[0], d + 1)?),
            V::Tuple(t) => format!("({})", self.join_repr(t, d)?),
            V::Set(s) if s.borrow().is_empty() => "set()".into(),
            V::Set(s) => {
                let items = s.borrow().clone();
                format!("{{{}}}", self.join_repr(&items, d)?)
            }
            V::Dict(m) => {
                let items = m.borrow().clone();
                let mut parts = Vec::new();
                for (k, v) in &items {
                    parts.push(format!("{}: {}", self.repr_d(k, d + 1)?, self.repr_d(v, d + 1)?));
                }
                format!("{{{}}}", parts.join(", "))
            }
            V::Range(a, b, s) if *s == 1 => format!("range({a}, {b})"),
            V::Range(a, b, s) => format!("range({a}, {b}, {s})"),
            V::Func(f) => format!("<function {} at 0x7f{:010x}>", f.qual, Rc::as_ptr(f) as usize as u64 % 0x10000 * 16),
            V::Bi(n, _) if TYPES.contains(&&**n) || &**n == "object" => format!("<class '{n}'>"),
            V::Bi(n, this) if !this.is_none() => {
                format!("<built-in method {} of {} object>", n.rsplit('.').next().unwrap_or(n), this.type_name())
            }
            V::Bi(n, _) => format!("<built-in function {n}>"),
            V::Class(c) if &*c.module == "builtins" => format!("<class '{}'>", c.name),
            V::Class(c) => format!("<class '{}.{}'>", c.module, c.name),
            V::Method(this, f) => {
                let name = match &**f {
                    V::Func(f) => f.qual.clone(),
                    _ => "?".into(),
                };
                let r = self.repr_d(this, d + 1)?;
                format!("<bound method {name} of {r}>")
            }
            V::Super(..) => "<super object>".into(),
            V::Iter(i) if i.borrow().2.starts_with("dict_") => {
                let (items, _, kind) = i.borrow().clone();
                format!("{kind}([{}])", self.join_repr(&items, d)?)
            }
            V::Iter(i) => format!("<{} object at 0x7f3c2a1b{:04x}>", i.borrow().2, i.borrow().0.len() % 0x10000),
            V::Obj(o) => {
                if let Some((f, c)) = o.cls.lookup("__repr__") {
                    if &*c.name != "object" {
                        let r = self.call(&f, vec![v.clone()], vec![])?;
                        return self.str(&r);
                    }
                }
                if o.cls.is_named("BaseException") {
                    let args = o.attrs.borrow().get("args").cloned().unwrap_or(V::tuple(vec![]));
                    let inner = match &args {
                        V::Tuple(t) => self.join_repr(t, d)?,
                        _ => String::new(),
                    };
                    return Ok(format!("{}({inner})", o.cls.name));
                }
                if let Some(r) = super::py_mods::special_repr(self, o) {
                    return Ok(r);
                }
                format!("<{}.{} object at 0x7f3c2a{:06x}>", o.cls.module, o.cls.name, 0x1b0000 + o.id * 0x30)
            }
        })
    }

    fn join_repr(&mut self, items: &[V], d: usize) -> R<String> {
        let mut parts = Vec::new();
        for x in items {
            parts.push(self.repr_d(x, d + 1)?);
        }
        Ok(parts.join(", "))
    }

    pub fn str(&mut self, v: &V) -> R<String> {
        match v {
            V::Str(s) => Ok(s.to_string()),
            V::Obj(o) => {
                if let Some((f, c)) = o.cls.lookup("__str__") {
                    if &*c.name != "object" {
                        let r = self.call(&f, vec![v.clone()], vec![])?;
                        return self.str(&r);
                    }
                }
                if o.cls.is_named("BaseException") {
                    let args = o.attrs.borrow().get("args").cloned().unwrap_or(V::tuple(vec![]));
                    return match &args {
                        V::Tuple(t) if t.is_empty() => Ok(String::new()),
                        V::Tuple(t) if t.len() == 1 && &*o.cls.name == "KeyError" => self.repr(&t[0]),
                        V::Tuple(t) if t.len() == 1 => self.str(&t[0]),
                        other => self.repr(other),
                    };
                }
                self.repr(v)
            }
            _ => self.repr(v),
        }
    }

    // --------------------------------------------------------- formatting ----

    /// `format(v, spec)`: Python's format mini-language.
    pub fn format_value(&mut self, v: &V, spec: &str) -> R<String> {
        if spec.is_empty() {
            return self.str(v);
        }
        if let V::Obj(o) = v {
            if o.cls.lookup("__format__").is_some() {
                let f = self.getattr(v, "__format__")?;
                let r = self.call(&f, vec![V::s(spec)], vec![])?;
                return self.str(&r);
            }
        }
        let c: Vec<char> = spec.chars().collect();
        let mut i = 0;
        let (mut fill, mut align) = (' ', None);
        if c.len() >= 2 && "<>^=".contains(c[1]) {
            fill = c[0];
            align = Some(c[1]);
            i = 2;
        } else if !c.is_empty() && "<>^=".contains(c[0]) {
            align = Some(c[0]);
            i = 1;
        }
        let mut sign = '-';
        if i < c.len() && "+- ".contains(c[i]) {
            sign = c[i];
            i += 1;
        }
        let alt = i < c.len() && c[i] == '#';
        if alt {
            i += 1;
        }
        if i < c.len() && c[i] == '0' {
            if align.is_none() {
                fill = '0';
                align = Some('=');
            } else if !(c.len() >= 2 && "<>^=".contains(c[1])) {
                fill = '0';
            }
            i += 1;
        }
        let mut width = 0usize;
        while i < c.len() && c[i].is_ascii_digit() {
            width = (width * 10 + c[i] as usize - '0' as usize).min(10_000);
            i += 1;
        }
        let mut grouping = None;
        if i < c.len() && (c[i] == ',' || c[i] == '_') {
            grouping = Some(c[i]);
            i += 1;
        }
        let mut prec: Option<usize> = None;
        if i < c.len() && c[i] == '.' {
            i += 1;
            let mut p = 0;
            while i < c.len() && c[i].is_ascii_digit() {
                p = (p * 10 + c[i] as usize - '0' as usize).min(1000);
                i += 1;
            }
            prec = Some(p);
        }
        let ty = c.get(i).copied();
        if i + usize::from(ty.is_some()) != c.len() {
            return Err(self.exc("ValueError", "Invalid format specifier"));
        }
        let is_num = matches!(v, V::Int(_) | V::Float(_) | V::Bool(_));
        let (neg, body) = match (ty, v) {
            (None | Some('s'), V::Str(s)) => {
                let s: String = match prec {
                    Some(p) => s.chars().take(p).collect(),
                    None => s.to_string(),
                };
                (false, s)
            }
            (Some('s'), _) | (_, V::Str(_)) if !is_num || ty == Some('s') => {
                let t = v.type_name();
                let tc = ty.unwrap_or('s');
                if let V::Str(_) = v {
                    return Err(self.exc("ValueError", &format!("Unknown format code '{tc}' for object of type 'str'")));
                }
                return Err(self.exc("ValueError", &format!("Unknown format code '{tc}' for object of type '{t}'")));
            }
            (None | Some('d' | 'n'), V::Int(_) | V::Bool(_)) if prec.is_none() || ty.is_none() && prec.is_none() => {
                let n = v.as_int().unwrap_or(0);
                (n < 0, n.unsigned_abs().to_string())
            }
            (Some('x' | 'X' | 'o' | 'b'), V::Int(_) | V::Bool(_)) => {
                let n = v.as_int().unwrap_or(0);
                let u = n.unsigned_abs();
                let t = ty.unwrap_or('d');
                let s = match t {
                    'x' => format!("{u:x}"),
                    'X' => format!("{u:X}"),
                    'o' => format!("{u:o}"),
                    _ => format!("{u:b}"),
                };
                let prefix = if alt {
                    match t {
                        'x' => "0x",
                        'X' => "0X",
                        'o' => "0o",
                        _ => "0b",
                    }
                } else {
                    ""
                };
                (n < 0, format!("{prefix}{s}"))
            }
            (Some('c'), V::Int(n)) => (false, char::from_u32(*n as u32).map(String::from).unwrap_or_default()),
            (Some('d'), V::Float(_)) => return Err(self.exc("ValueError", "Unknown format code 'd' for object of type 'float'")),
            (t, _) if is_num => {
                let f = v.as_f().unwrap_or(0.0);
                let p = prec.unwrap_or(6);
                let s = match t {
                    Some('f' | 'F') => format!("{:.*}", p, f.abs()),
                    Some('%') => format!("{:.*}%", p, f.abs() * 100.0),
                    Some('e' | 'E') => {
                        let s = exp_fmt(f.abs(), p);
                        if t == Some('E') {
                            s.to_uppercase()
                        } else {
                            s
                        }
                    }
                    Some('g' | 'G') | None => {
                        if t.is_none() && prec.is_none() {
                            let r = float_repr(f.abs());
                            if matches!(v, V::Float(_)) {
                                r
                            } else {
                                f.abs().to_string()
                            }
                        } else {
                            general(f.abs(), prec.unwrap_or(if t.is_none() { 12 } else { 6 }).max(1), t.is_none())
                        }
                    }
                    Some(other) => {
                        return Err(self.exc("ValueError", &format!("Unknown format code '{other}' for object of type '{}'", v.type_name())))
                    }
                };
                (f.is_sign_negative() && f != 0.0 || f < 0.0, s)
            }
            _ => {
                let s = self.str(v)?;
                (false, s)
            }
        };
        let body = match grouping {
            Some(g) => group(&body, g),
            None => body,
        };
        let sign_s = if neg {
            "-"
        } else if is_num && sign == '+' {
            "+"
        } else if is_num && sign == ' ' {
            " "
        } else {
            ""
        };
        let len = sign_s.chars().count() + body.chars().count();
        let pad = width.saturating_sub(len);
        let align = align.unwrap_or(if is_num { '>' } else { '<' });
        let f = |n: usize| fill.to_string().repeat(n);
        Ok(match align {
            '<' => format!("{sign_s}{body}{}", f(pad)),
            '^' => format!("{}{sign_s}{body}{}", f(pad / 2), f(pad - pad / 2)),
            '=' => format!("{sign_s}{}{body}", f(pad)),
            _ => format!("{}{sign_s}{body}", f(pad)),
        })
    }

    /// `"%s and %d" % args`.
    pub fn percent(&mut self, fmt: &str, args: &V) -> R<String> {
        let items: Vec<V> = match args {
            V::Tuple(t) => t.to_vec(),
            other => vec![other.clone()],
        };
        let dict = if let V::Dict(_) = args { Some(args.clone()) } else { None };
        let mut out = String::new();
        let c: Vec<char> = fmt.chars().collect();
        let mut i = 0;
        let mut k = 0;
        while i < c.len() {
            if c[i] != '%' {
                out.push(c[i]);
                i += 1;
                continue;
            }
            i += 1;
            let mut key = None;
            if c.get(i) == Some(&'(') {
                let end = c[i..].iter().position(|&x| x == ')').map(|p| p + i).unwrap_or(c.len());
                key = Some(c[i + 1..end.min(c.len())].iter().collect::<String>());
                i = end + 1;
            }
            let start = i;
            while i < c.len() && "-+ #0123456789.".contains(c[i]) {
                i += 1;
            }
            let flags: String = c[start..i.min(c.len())].iter().collect();
            let Some(&conv) = c.get(i) else {
                return Err(self.exc("ValueError", "incomplete format"));
            };
            i += 1;
            if conv == '%' {
                out.push('%');
                continue;
            }
            let v = match (&key, &dict) {
                (Some(k), Some(d)) => self.getitem(d, &V::s(k))?,
                _ => match items.get(k) {
                    Some(v) => {
                        k += 1;
                        v.clone()
                    }
                    None => return Err(self.type_err("not enough arguments for format string".into())),
                },
            };
            let (left, rest) = match flags.strip_prefix('-') {
                Some(r) => (true, r.to_string()),
                None => (false, flags.clone()),
            };
            let spec_core = if !left && rest.starts_with(|c: char| c.is_ascii_digit() && c != '0') && matches!(conv, 's' | 'r') {
                format!(">{rest}")
            } else {
                rest
            };
            let s = match conv {
                's' => {
                    let s = self.str(&v)?;
                    self.format_value(&V::s(&s), &spec_core)?
                }
                'r' => {
                    let s = self.repr(&v)?;
                    self.format_value(&V::s(&s), &spec_core)?
                }
                'd' | 'i' | 'u' => {
                    let n = match &v {
                        V::Float(f) => V::Int(f.trunc() as i64),
                        V::Int(_) | V::Bool(_) => V::Int(v.as_int().unwrap_or(0)),
                        _ => return Err(self.type_err(format!("%d format: a real number is required, not {}", v.type_name()))),
                    };
                    let spec = spec_core.split('.').next().unwrap_or("").to_string();
                    self.format_value(&n, &format!("{spec}d"))?
                }
                'f' | 'F' | 'e' | 'E' | 'g' | 'G' | 'x' | 'X' | 'o' | 'c' => {
                    if !matches!(v, V::Int(_) | V::Float(_) | V::Bool(_)) {
                        return Err(self.type_err(format!("must be real number, not {}", v.type_name())));
                    }
                    let v = if matches!(conv, 'x' | 'X' | 'o' | 'c') { v } else { V::Float(v.as_f().unwrap_or(0.0)) };
                    self.format_value(&v, &format!("{spec_core}{conv}"))?
                }
                other => {
                    return Err(self
                        .exc("ValueError", &format!("unsupported format character '{other}' (0x{:x}) at index {}", other as u32, i - 1)))
                }
            };
            if left {
                let w: usize = flags.trim_start_matches('-').split('.').next().unwrap_or("").parse().unwrap_or(0);
                let s = s.trim_start().to_string();
                let n = s.chars().count();
                out.push_str(&s);
                out.push_str(&" ".repeat(w.saturating_sub(n)));
            } else {
                out.push_str(&s);
            }
        }
        if k < items.len() && dict.is_none() && !items.is_empty() && !matches!(args, V::Tuple(t) if t.is_empty()) {
            return Err(self.type_err("not all arguments converted during string formatting".into()));
        }
        Ok(out)
    }

    /// `"{} {name}".format(…)`.
    pub fn str_format(&mut self, fmt: &str, args: &[V], kw: &[(Rc<str>, V)]) -> R<String> {
        let c: Vec<char> = fmt.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        let mut auto = 0;
        while i < c.len() {
            match c[i] {
                '{' if c.get(i + 1) == Some(&'{') => {
                    out.push('{');
                    i += 2;
                }
                '}' if c.get(i + 1) == Some(&'}') => {
                    out.push('}');
                    i += 2;
                }
                '{' => {
                    let end = c[i..].iter().position(|&x| x == '}').map(|p| p + i);
                    let Some(end) = end else {
                        return Err(self.exc("ValueError", "Single '{' encountered in format string"));
                    };
                    let field: String = c[i + 1..end].iter().collect();
                    i = end + 1;
                    let (name, spec) = field.split_once(':').unwrap_or((&field, ""));
                    let (name, conv) = match name.split_once('!') {
                        Some((n, cv)) => (n, cv.chars().next()),
                        None => (name, None),
                    };
                    let (head, path) = match name.find(['.', '[']) {
                        Some(p) => (&name[..p], &name[p..]),
                        None => (name, ""),
                    };
                    let mut v = if head.is_empty() {
                        auto += 1;
                        args.get(auto - 1).cloned()
                    } else if let Ok(n) = head.parse::<usize>() {
                        args.get(n).cloned()
                    } else {
                        kw.iter().find(|(k, _)| &**k == head).map(|(_, v)| v.clone())
                    };
                    let Some(mut val) = v.take() else {
                        return Err(if head.is_empty() || head.parse::<usize>().is_ok() {
                            self.exc(
                                "IndexError",
                                &format!(
                                    "Replacement index {} out of range for positional args tuple",
                                    if head.is_empty() { auto - 1 } else { head.parse().unwrap_or(0) }
                                ),
                            )
                        } else {
                            let e = self.exc_val("KeyError", vec![V::s(head)]);
                            self.raise(e)
                        });
                    };
                    for part in path.split_inclusive(['.', '[']).filter(|p| !p.is_empty()) {
                        let part = part.trim_end_matches(['.', '[']);
                        if let Some(idx) = part.strip_suffix(']') {
                            let key = idx.parse::<i64>().map(V::Int).unwrap_or_else(|_| V::s(idx));
                            val = self.getitem(&val, &key)?;
                        } else if !part.is_empty() {
                            val = self.getattr(&val, part)?;
                        }
                    }
                    let val = match conv {
                        Some('r') => V::s(&self.repr(&val)?),
                        Some('s') => V::s(&self.str(&val)?),
                        _ => val,
                    };
                    out.push_str(&self.format_value(&val, spec)?);
                }
                '}' => return Err(self.exc("ValueError", "Single '}' encountered in format string")),
                x => {
                    out.push(x);
                    i += 1;
                }
            }
        }
        Ok(out)
    }
}

fn dunder(op: &str) -> &'static str {
    match op {
        "+" => "__add__",
        "-" => "__sub__",
        "*" => "__mul__",
        "/" => "__truediv__",
        "//" => "__floordiv__",
        "%" => "__mod__",
        _ => "__pow__",
    }
}

fn group(s: &str, g: char) -> String {
    let (int, frac) = match s.find('.') {
        Some(p) => (&s[..p], &s[p..]),
        None => (s, ""),
    };
    if !int.bytes().all(|b| b.is_ascii_digit()) {
        return s.to_string();
    }
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(g);
        }
        out.push(ch);
    }
    out + frac
}

fn exp_fmt(f: f64, p: usize) -> String {
    let s = format!("{:.*e}", p, f);
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
}

/// The `g` presentation type.
fn general(f: f64, p: usize, repr_like: bool) -> String {
    if f == 0.0 {
        return if repr_like { "0.0".into() } else { "0".into() };
    }
    let exp = f.abs().log10().floor() as i32;
    let s = if exp < -4 || exp >= p as i32 {
        let s = exp_fmt(f, p - 1);
        let (m, e) = s.split_once('e').unwrap_or((&s, ""));
        let m = if m.contains('.') { m.trim_end_matches('0').trim_end_matches('.') } else { m };
        format!("{m}e{e}")
    } else {
        let decimals = (p as i32 - 1 - exp).max(0) as usize;
        let s = format!("{:.*}", decimals, f);
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    };
    if repr_like && !s.contains(['.', 'e', 'n', 'i']) {
        format!("{s}.0")
    } else {
        s
    }
}

pub fn str_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::from(q);
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c == q => {
                out.push('\\');
                out.push(c)
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

fn bytes_repr(b: &[u8]) -> String {
    let q = if b.contains(&b'\'') && !b.contains(&b'"') { '"' } else { '\'' };
    let mut out = format!("b{q}");
    for &x in b {
        match x {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\t' => out.push_str("\\t"),
            b'\r' => out.push_str("\\r"),
            x if x as char == q => {
                out.push('\\');
                out.push(q)
            }
            0x20..=0x7e => out.push(x as char),
            x => out.push_str(&format!("\\x{x:02x}")),
        }
    }
    out.push(q);
    out
}

// -------------------------------------------------------------- methods ----

const STR_METHODS: &[&str] = &[
    "upper",
    "lower",
    "strip",
    "lstrip",
    "rstrip",
    "split",
    "rsplit",
    "join",
    "replace",
    "startswith",
    "endswith",
    "find",
    "rfind",
    "index",
    "count",
    "format",
    "isdigit",
    "isalpha",
    "isalnum",
    "isupper",
    "islower",
    "isspace",
    "isnumeric",
    "isdecimal",
    "title",
    "capitalize",
    "center",
    "ljust",
    "rjust",
    "zfill",
    "splitlines",
    "encode",
    "partition",
    "rpartition",
    "swapcase",
    "casefold",
    "removeprefix",
    "removesuffix",
    "isidentifier",
    "istitle",
    "expandtabs",
    "rindex",
];
const LIST_METHODS: &[&str] = &["append", "extend", "insert", "pop", "remove", "index", "count", "sort", "reverse", "copy", "clear"];
const DICT_METHODS: &[&str] = &["get", "keys", "values", "items", "pop", "setdefault", "update", "copy", "clear", "popitem", "fromkeys"];
const SET_METHODS: &[&str] = &[
    "add",
    "remove",
    "discard",
    "union",
    "intersection",
    "difference",
    "symmetric_difference",
    "issubset",
    "issuperset",
    "copy",
    "clear",
    "pop",
    "update",
    "isdisjoint",
];

/// A method of a built-in value, bound to it.
pub fn method(o: &V, name: &str) -> Option<V> {
    let (ty, table) = match o {
        V::Str(_) => ("str", STR_METHODS),
        V::List(_) => ("list", LIST_METHODS),
        V::Dict(_) => ("dict", DICT_METHODS),
        V::Set(_) => ("set", SET_METHODS),
        V::Tuple(_) => ("tuple", &["index", "count"][..]),
        V::Bytes(_) => ("bytes", &["decode", "startswith", "endswith", "split", "strip", "upper", "lower", "hex"][..]),
        V::Int(_) | V::Bool(_) => ("int", &["bit_length", "to_bytes"][..]),
        V::Float(_) => ("float", &["is_integer"][..]),
        V::Iter(_) => ("iter", &["__next__"][..]),
        V::Bi(n, _) if &**n == "dict" && name == "fromkeys" => return Some(V::bi("dict.fromkeys", V::dict(vec![]))),
        V::Bi(n, _) if &**n == "datetime.datetime" && matches!(name, "now" | "utcnow" | "today") => {
            return Some(V::bi(&format!("datetime.{name}"), V::None))
        }
        V::Bi(n, _) if &**n == "datetime.date" && name == "today" => return Some(V::bi("date.today", V::None)),
        V::Bi(n, _) if &**n == "str" && name == "maketrans" => return None,
        _ => return None,
    };
    table.contains(&name).then(|| V::bi(&format!("{ty}.{name}"), o.clone()))
}

pub fn is_file(o: &Obj) -> bool {
    &*o.cls.name == "TextIOWrapper"
}

/// The remaining lines of a file opened for reading.
pub fn file_lines(py: &mut Py, o: &Obj) -> Vec<V> {
    let _ = py;
    let data = o.attrs.borrow().get("__data").and_then(|v| v.str_ref().map(str::to_string)).unwrap_or_default();
    let pos = o.attrs.borrow().get("__pos").and_then(V::as_int).unwrap_or(0) as usize;
    let rest = data.get(pos.min(data.len())..).unwrap_or("").to_string();
    o.attrs.borrow_mut().insert(Rc::from("__pos"), V::Int(data.len() as i64));
    rest.split_inclusive('\n').map(V::s).collect()
}

/// Attributes computed for built-in objects (files, modules, Flask).
pub fn obj_attr(py: &mut Py, ob: &Rc<Obj>, o: &V, name: &str) -> Option<V> {
    if is_file(ob) {
        return ["read", "readline", "readlines", "write", "writelines", "close", "__enter__", "__exit__", "flush"]
            .contains(&name)
            .then(|| V::bi(&format!("file.{name}"), o.clone()));
    }
    super::py_mods::obj_attr(py, ob, o, name)
}

fn arg(args: &[V], i: usize) -> Option<&V> {
    args.get(i)
}

fn kwarg(kw: &[(Rc<str>, V)], name: &str) -> Option<V> {
    kw.iter().find(|(k, _)| &**k == name).map(|(_, v)| v.clone())
}

/// Calls the built-in `name` bound to `this`.
pub fn call(py: &mut Py, name: &str, this: &V, args: Vec<V>, kw: Vec<(Rc<str>, V)>) -> R<V> {
    if let Some((ty, m)) = name.split_once('.') {
        match ty {
            "str" => return str_method(py, m, this, &args, &kw),
            "list" | "tuple" => return list_method(py, m, this, &args, &kw),
            "dict" => return dict_method(py, m, this, &args),
            "set" => return set_method(py, m, this, &args),
            "file" => return file_method(py, m, this, &args),
            "bytes" => {
                let V::Bytes(b) = this else { return Ok(V::None) };
                return match m {
                    "decode" => Ok(V::s(&String::from_utf8_lossy(b))),
                    "hex" => Ok(V::s(&b.iter().map(|x| format!("{x:02x}")).collect::<String>())),
                    _ => {
                        let s = V::s(&String::from_utf8_lossy(b));
                        let r = str_method(py, m, &s, &args, &kw)?;
                        Ok(match r {
                            V::Str(s) => V::Bytes(s.as_bytes().to_vec().into()),
                            other => other,
                        })
                    }
                };
            }
            "int" => {
                let n = this.as_int().unwrap_or(0);
                return Ok(V::Int(64 - n.unsigned_abs().leading_zeros() as i64));
            }
            "float" => return Ok(V::Bool(this.as_f().is_some_and(|f| f.fract() == 0.0))),
            "iter" => return builtin_call(py, "next", std::slice::from_ref(this), &kw),
            "object" => {
                if let (V::Obj(o), "exc_init") = (this, m) {
                    o.attrs.borrow_mut().insert(Rc::from("args"), V::tuple(args));
                }
                return Ok(V::None);
            }
            _ => return super::py_mods::call(py, name, this, args, kw),
        }
    }
    builtin_call(py, name, &args, &kw)
}

fn builtin_call(py: &mut Py, name: &str, args: &[V], kw: &[(Rc<str>, V)]) -> R<V> {
    let a0 = arg(args, 0).cloned().unwrap_or(V::None);
    let need = |py: &mut Py, n: usize| -> R<()> {
        if args.len() < n {
            let what = if n == 1 { "exactly one argument".to_string() } else { format!("{n} arguments") };
            return Err(py.type_err(format!("{name}() takes {what} ({} given)", args.len())));
        }
        Ok(())
    };
    Ok(match name {
        "print" => {
            let sep = match kwarg(kw, "sep") {
                Some(V::None) | None => " ".to_string(),
                Some(v) => py.str(&v)?,
            };
            let end = match kwarg(kw, "end") {
                Some(V::None) | None => "\n".to_string(),
                Some(v) => py.str(&v)?,
            };
            let mut parts = Vec::new();
            for a in args {
                parts.push(py.str(a)?);
            }
            let text = parts.join(&sep) + &end;
            match kwarg(kw, "file") {
                Some(V::Obj(o)) if &*o.cls.name == "stderr" => py.stderr.push_str(&text),
                Some(f @ V::Obj(_)) => {
                    let w = py.getattr(&f, "write")?;
                    py.call(&w, vec![V::s(&text)], vec![])?;
                }
                _ => py.stdout.push_str(&text),
            }
            V::None
        }
        "len" => {
            need(py, 1)?;
            V::Int(match &a0 {
                V::Str(s) => s.chars().count(),
                V::Bytes(b) => b.len(),
                V::List(l) | V::Set(l) => l.borrow().len(),
                V::Tuple(t) => t.len(),
                V::Dict(d) => d.borrow().len(),
                V::Range(a, b, s) => range_len(*a, *b, *s) as usize,
                V::Iter(i) if i.borrow().2.starts_with("dict_") => i.borrow().0.len(),
                V::Obj(o) if o.cls.lookup("__len__").is_some() => {
                    let f = py.getattr(&a0, "__len__")?;
                    return py.call(&f, vec![], vec![]);
                }
                V::Obj(o) if o.attrs.borrow().contains_key("__environ") => {
                    let d = o.attrs.borrow().get("__environ").cloned().unwrap_or(V::None);
                    return builtin_call(py, "len", &[d], kw);
                }
                other => return Err(py.type_err(format!("object of type '{}' has no len()", other.type_name()))),
            } as i64)
        }
        "range" => {
            let mut ns = Vec::new();
            for a in args {
                match a.as_int() {
                    Some(n) => ns.push(n),
                    None => return Err(py.type_err(format!("'{}' object cannot be interpreted as an integer", a.type_name()))),
                }
            }
            match ns[..] {
                [b] => V::Range(0, b, 1),
                [a, b] => V::Range(a, b, 1),
                [a, b, 0] => {
                    let _ = (a, b);
                    return Err(py.exc("ValueError", "range() arg 3 must not be zero"));
                }
                [a, b, s] => V::Range(a, b, s),
                _ => return Err(py.type_err(format!("range expected at least 1 argument, got {}", ns.len()))),
            }
        }
        "str" => match (args.len(), &a0) {
            (0, _) => V::s(""),
            (_, V::Bytes(b)) if args.len() > 1 => V::s(&String::from_utf8_lossy(b)),
            _ => V::s(&py.str(&a0)?),
        },
        "repr" | "ascii" => V::s(&py.repr(&a0)?),
        "int" => match &a0 {
            _ if args.is_empty() => V::Int(0),
            V::Int(_) | V::Bool(_) => V::Int(a0.as_int().unwrap_or(0)),
            V::Float(f) => {
                if f.is_nan() || f.is_infinite() || f.abs() >= 9.2e18 {
                    return Err(py.overflow());
                }
                V::Int(f.trunc() as i64)
            }
            V::Str(s) => {
                let base = arg(args, 1).and_then(V::as_int).or_else(|| kwarg(kw, "base").and_then(|v| v.as_int())).unwrap_or(10);
                let t = s.trim().replace('_', "");
                let (neg, digits) = match t.strip_prefix('-') {
                    Some(d) => (true, d.to_string()),
                    None => (false, t.trim_start_matches('+').to_string()),
                };
                let (digits, base) = match (base, digits.get(..2).map(|p| p.to_ascii_lowercase())) {
                    (0 | 16, Some(p)) if p == "0x" => (digits[2..].to_string(), 16),
                    (0 | 8, Some(p)) if p == "0o" => (digits[2..].to_string(), 8),
                    (0 | 2, Some(p)) if p == "0b" => (digits[2..].to_string(), 2),
                    (0, _) => (digits, 10),
                    _ => (digits, base),
                };
                match i64::from_str_radix(&digits, base.clamp(2, 36) as u32) {
                    Ok(n) if !digits.starts_with(['+', '-']) => V::Int(if neg { -n } else { n }),
                    Err(e) if matches!(e.kind(), std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow) => {
                        return Err(py.overflow())
                    }
                    _ => return Err(py.exc("ValueError", &format!("invalid literal for int() with base {base}: {}", str_repr(s)))),
                }
            }
            other => {
                return Err(py.type_err(format!(
                    "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                    other.type_name()
                )))
            }
        },
        "float" => match &a0 {
            _ if args.is_empty() => V::Float(0.0),
            V::Str(s) => {
                let t = s.trim().to_ascii_lowercase();
                let f = match t.as_str() {
                    "inf" | "+inf" | "infinity" => Some(f64::INFINITY),
                    "-inf" | "-infinity" => Some(f64::NEG_INFINITY),
                    "nan" => Some(f64::NAN),
                    _ if t.contains(|c: char| c.is_ascii_alphabetic() && c != 'e') => None,
                    _ => t.replace('_', "").parse().ok(),
                };
                match f {
                    Some(f) => V::Float(f),
                    None => return Err(py.exc("ValueError", &format!("could not convert string to float: {}", str_repr(s)))),
                }
            }
            v => match v.as_f() {
                Some(f) => V::Float(f),
                None => return Err(py.type_err(format!("float() argument must be a string or a real number, not '{}'", v.type_name()))),
            },
        },
        "bool" => V::Bool(py.truth(&a0)?),
        "list" => V::list(if args.is_empty() { vec![] } else { py.iterate(&a0)? }),
        "tuple" => V::tuple(if args.is_empty() { vec![] } else { py.iterate(&a0)? }),
        "set" | "frozenset" => {
            let items = if args.is_empty() { vec![] } else { py.iterate(&a0)? };
            py.make_set(items)?
        }
        "dict" => {
            let d = V::dict(vec![]);
            if let Some(src) = arg(args, 0) {
                if let V::Dict(_) = src {
                    for (k, v) in py.dict_items(src)? {
                        py.setitem(&d, k, v)?;
                    }
                } else {
                    for pair in py.iterate(src)? {
                        let kv = py.iterate(&pair)?;
                        if kv.len() != 2 {
                            return Err(py.exc(
                                "ValueError",
                                &format!("dictionary update sequence element #0 has length {}; 2 is required", kv.len()),
                            ));
                        }
                        py.setitem(&d, kv[0].clone(), kv[1].clone())?;
                    }
                }
            }
            for (k, v) in kw {
                py.setitem(&d, V::Str(k.clone()), v.clone())?;
            }
            d
        }
        "bytes" | "bytearray" => match &a0 {
            V::Str(s) => V::Bytes(s.as_bytes().to_vec().into()),
            V::Int(n) => V::Bytes(vec![0u8; (*n).clamp(0, 1 << 20) as usize].into()),
            V::None => V::Bytes(Vec::new().into()),
            other => {
                let items = py.iterate(other)?;
                V::Bytes(items.iter().map(|v| v.as_int().unwrap_or(0) as u8).collect::<Vec<u8>>().into())
            }
        },
        "type" => match &a0 {
            V::Obj(o) => V::Class(o.cls.clone()),
            V::Bool(_) => V::bi("bool", V::None),
            other => {
                let t = other.type_name();
                match TYPES.iter().find(|x| **x == t) {
                    Some(t) => V::bi(t, V::None),
                    None => V::Class(py.class(&t, "builtins")),
                }
            }
        },
        "object" => {
            let c = py.classes["object"].clone();
            py.new_obj(c, vec![])
        }
        "sorted" => {
            let items = py.iterate(&a0)?;
            let l = V::list(items);
            list_method(py, "sort", &l, &[], kw)?;
            l
        }
        "reversed" => {
            let mut items = py.iterate(&a0)?;
            items.reverse();
            V::iter(items, "list_reverseiterator")
        }
        "enumerate" => {
            let start = arg(args, 1).cloned().or_else(|| kwarg(kw, "start")).and_then(|v| v.as_int()).unwrap_or(0);
            let items = py.iterate(&a0)?;
            V::iter(items.into_iter().enumerate().map(|(i, v)| V::tuple(vec![V::Int(start + i as i64), v])).collect(), "enumerate")
        }
        "zip" => {
            let mut cols = Vec::new();
            for a in args {
                cols.push(py.iterate(a)?);
            }
            let n = cols.iter().map(Vec::len).min().unwrap_or(0);
            V::iter((0..n).map(|i| V::tuple(cols.iter().map(|c| c[i].clone()).collect())).collect(), "zip")
        }
        "map" => {
            need(py, 2)?;
            let mut cols = Vec::new();
            for a in &args[1..] {
                cols.push(py.iterate(a)?);
            }
            let n = cols.iter().map(Vec::len).min().unwrap_or(0);
            let mut out = Vec::new();
            for i in 0..n {
                out.push(py.call(&a0, cols.iter().map(|c| c[i].clone()).collect(), vec![])?);
            }
            V::iter(out, "map")
        }
        "filter" => {
            need(py, 2)?;
            let mut out = Vec::new();
            for x in py.iterate(&args[1])? {
                let keep = if a0.is_none() { x.truthy() } else { py.call(&a0, vec![x.clone()], vec![])?.truthy() };
                if keep {
                    out.push(x);
                }
            }
            V::iter(out, "filter")
        }
        "sum" => {
            let mut acc = arg(args, 1).cloned().or_else(|| kwarg(kw, "start")).unwrap_or(V::Int(0));
            for x in py.iterate(&a0)? {
                acc = py.binop("+", &acc, &x)?;
            }
            acc
        }
        "min" | "max" => {
            let items = if args.len() == 1 { py.iterate(&a0)? } else { args.to_vec() };
            let key = kwarg(kw, "key").filter(|k| !k.is_none());
            if items.is_empty() {
                if let Some(d) = kwarg(kw, "default") {
                    return Ok(d);
                }
                return Err(py.exc("ValueError", &format!("{name}() iterable argument is empty")));
            }
            let mut best = items[0].clone();
            let mut best_k = match &key {
                Some(k) => py.call(k, vec![best.clone()], vec![])?,
                None => best.clone(),
            };
            for x in items.into_iter().skip(1) {
                let xk = match &key {
                    Some(k) => py.call(k, vec![x.clone()], vec![])?,
                    None => x.clone(),
                };
                let better = if name == "min" { py.compare("<", &xk, &best_k)? } else { py.compare(">", &xk, &best_k)? };
                if better {
                    best = x;
                    best_k = xk;
                }
            }
            best
        }
        "abs" => match &a0 {
            V::Int(n) => V::Int(n.checked_abs().ok_or_else(|| py.overflow())?),
            V::Bool(b) => V::Int(*b as i64),
            V::Float(f) => V::Float(f.abs()),
            other => return Err(py.type_err(format!("bad operand type for abs(): '{}'", other.type_name()))),
        },
        "round" => {
            let nd = arg(args, 1).and_then(V::as_int);
            match (&a0, nd) {
                (V::Int(_) | V::Bool(_), _) => V::Int(a0.as_int().unwrap_or(0)),
                (V::Float(f), None) => {
                    let r = f.round();
                    let r = if (f - f.trunc()).abs() == 0.5 { 2.0 * (f / 2.0).round() } else { r };
                    if r.is_nan() || r.is_infinite() {
                        return Err(py.exc("ValueError", "cannot convert float NaN to integer"));
                    }
                    V::Int(r as i64)
                }
                (V::Float(f), Some(n)) => {
                    let s = format!("{:.*}", n.clamp(0, 300) as usize, f);
                    V::Float(s.parse().unwrap_or(*f))
                }
                _ => return Err(py.type_err(format!("type {} doesn't define __round__ method", a0.type_name()))),
            }
        }
        "isinstance" => {
            need(py, 2)?;
            V::Bool(isinstance(&a0, &args[1]))
        }
        "issubclass" => {
            need(py, 2)?;
            V::Bool(match (&a0, &args[1]) {
                (V::Class(a), V::Class(b)) => a.is_sub(b),
                _ => false,
            })
        }
        "input" => {
            if let Some(p) = arg(args, 0) {
                let p = py.str(p)?;
                py.stdout.push_str(&p);
            }
            let rest = &py.stdin[py.stdin_pos.min(py.stdin.len())..];
            if rest.is_empty() {
                return Err(py.exc("EOFError", "EOF when reading a line"));
            }
            let line = rest.split_inclusive('\n').next().unwrap_or("").to_string();
            py.stdin_pos += line.len();
            V::s(line.trim_end_matches('\n'))
        }
        "open" => super::py_mods::open(py, args.to_vec(), kw.to_vec())?,
        "hasattr" => {
            need(py, 2)?;
            let n = py.str(&args[1])?;
            V::Bool(py.getattr(&a0, &n).is_ok())
        }
        "getattr" => {
            need(py, 2)?;
            let n = py.str(&args[1])?;
            match py.getattr(&a0, &n) {
                Ok(v) => v,
                Err(e) => match arg(args, 2) {
                    Some(d) => d.clone(),
                    None => return Err(e),
                },
            }
        }
        "setattr" => {
            need(py, 3)?;
            let n = py.str(&args[1])?;
            py.setattr(&a0, &n, args[2].clone())?;
            V::None
        }
        "delattr" => {
            if let (V::Obj(o), Some(V::Str(n))) = (&a0, arg(args, 1)) {
                o.attrs.borrow_mut().remove(&**n);
            }
            V::None
        }
        "any" | "all" => {
            let items = py.iterate(&a0)?;
            let mut r = name == "all";
            for x in items {
                if py.truth(&x)? == (name == "any") {
                    r = name == "any";
                    break;
                }
            }
            V::Bool(r)
        }
        "chr" => match a0.as_int().and_then(|n| u32::try_from(n).ok()).and_then(char::from_u32) {
            Some(c) => V::s(&c.to_string()),
            None => return Err(py.exc("ValueError", "chr() arg not in range(0x110000)")),
        },
        "ord" => match &a0 {
            V::Str(s) if s.chars().count() == 1 => V::Int(s.chars().next().map_or(0, |c| c as i64)),
            V::Str(s) => return Err(py.type_err(format!("ord() expected a character, but string of length {} found", s.chars().count()))),
            other => return Err(py.type_err(format!("ord() expected string of length 1, but {} found", other.type_name()))),
        },
        "hex" | "oct" | "bin" => {
            let Some(n) = a0.as_int() else {
                return Err(py.type_err(format!("'{}' object cannot be interpreted as an integer", a0.type_name())));
            };
            let u = n.unsigned_abs();
            let s = match name {
                "hex" => format!("0x{u:x}"),
                "oct" => format!("0o{u:o}"),
                _ => format!("0b{u:b}"),
            };
            V::s(&if n < 0 { format!("-{s}") } else { s })
        }
        "divmod" => {
            need(py, 2)?;
            let q = py.binop("//", &a0, &args[1])?;
            let r = py.binop("%", &a0, &args[1])?;
            V::tuple(vec![q, r])
        }
        "pow" => {
            need(py, 2)?;
            if let (Some(b), Some(e), Some(m)) = (a0.as_int(), args[1].as_int(), arg(args, 2).and_then(V::as_int)) {
                if m == 0 {
                    return Err(py.exc("ValueError", "pow() 3rd argument cannot be 0"));
                }
                let (mut r, mut b, mut e) = (1i128, (b as i128).rem_euclid(m as i128), e);
                while e > 0 {
                    if e & 1 == 1 {
                        r = r * b % m as i128;
                    }
                    b = b * b % m as i128;
                    e >>= 1;
                }
                return Ok(V::Int(r as i64));
            }
            py.binop("**", &a0, &args[1])?
        }
        "iter" => match &a0 {
            V::Iter(_) => a0,
            _ => {
                let items = py.iterate(&a0)?;
                let kind = match &a0 {
                    V::List(_) => "list_iterator",
                    V::Str(_) => "str_ascii_iterator",
                    V::Dict(_) => "dict_keyiterator",
                    V::Tuple(_) => "tuple_iterator",
                    _ => "iterator",
                };
                V::iter(items, kind)
            }
        },
        "next" => match &a0 {
            V::Iter(it) => {
                let mut it = it.borrow_mut();
                if it.1 < it.0.len() {
                    it.1 += 1;
                    it.0[it.1 - 1].clone()
                } else {
                    drop(it);
                    if let Some(d) = arg(args, 1) {
                        return Ok(d.clone());
                    }
                    let e = py.exc_val("StopIteration", vec![]);
                    return Err(py.raise(e));
                }
            }
            V::Obj(_) => {
                let f = py.getattr(&a0, "__next__")?;
                py.call(&f, vec![], vec![])?
            }
            other => return Err(py.type_err(format!("'{}' object is not an iterator", other.type_name()))),
        },
        "super" => match &a0 {
            V::Class(c) if args.len() == 2 => V::Super(c.clone(), Rc::new(args[1].clone())),
            _ => return Err(py.exc("RuntimeError", "super(): no arguments")),
        },
        "exit" | "quit" => {
            let e = py.exc_val("SystemExit", args.to_vec());
            return Err(py.raise(e));
        }
        "format" => {
            let spec = match arg(args, 1) {
                Some(s) => py.str(s)?,
                None => String::new(),
            };
            V::s(&py.format_value(&a0, &spec)?)
        }
        "callable" => V::Bool(matches!(a0, V::Func(_) | V::Bi(..) | V::Class(_) | V::Method(..))),
        "id" => V::Int(match &a0 {
            V::Obj(o) => 140_000_000_000_000 + o.id as i64 * 48,
            _ => 140_000_000_000_000,
        }),
        "hash" => match &a0 {
            V::Int(n) => V::Int(*n),
            V::Bool(b) => V::Int(*b as i64),
            V::Str(s) => V::Int(s.bytes().fold(0i64, |h, b| h.wrapping_mul(1_000_003) ^ b as i64)),
            V::List(_) | V::Dict(_) | V::Set(_) => return Err(py.type_err(format!("unhashable type: '{}'", a0.type_name()))),
            _ => V::Int(0),
        },
        "staticmethod" | "classmethod" | "property" => V::bi(name, a0),
        "vars" | "globals" | "locals" | "dir" | "help" | "breakpoint" | "exec" | "eval" | "compile" | "memoryview" | "__import__"
        | "complex" | "slice" | "NotImplemented" => {
            return Err(py.exc("NotImplementedError", &format!("dockersim: the built-in {name}() is not simulated")))
        }
        _ => return Err(py.exc("NotImplementedError", &format!("dockersim: {name}() is not simulated"))),
    })
}

pub fn isinstance(v: &V, t: &V) -> bool {
    match t {
        V::Tuple(ts) => ts.iter().any(|t| isinstance(v, t)),
        V::Class(c) => match v {
            V::Obj(o) => o.cls.is_sub(c),
            _ => &*c.name == "object",
        },
        V::Bi(n, _) => {
            let tn = v.type_name();
            tn == **n || (&**n == "int" && tn == "bool") || &**n == "object" || (&**n == "frozenset" && tn == "set")
        }
        _ => false,
    }
}

/// The byte range of `s[start:end]` (character indices, negative from the end, clamped).
fn char_window(s: &str, start: Option<&V>, end: Option<&V>) -> (usize, usize) {
    let n = s.chars().count() as i64;
    let idx = |v: Option<&V>, default: i64| -> i64 {
        match v.and_then(V::as_int) {
            Some(i) if i < 0 => (n + i).max(0),
            Some(i) => i.min(n),
            None => default,
        }
    };
    let (a, b) = (idx(start, 0), idx(end, n));
    let byte = |c: i64| s.char_indices().nth(c as usize).map_or(s.len(), |(b, _)| b);
    let (a, b) = (byte(a), byte(b.max(a)));
    (a, b)
}

fn str_method(py: &mut Py, m: &str, this: &V, args: &[V], kw: &[(Rc<str>, V)]) -> R<V> {
    let V::Str(s) = this else { return Ok(V::None) };
    let s: &str = s;
    let sarg = |py: &mut Py, i: usize| -> R<Option<String>> {
        match args.get(i) {
            None | Some(V::None) => Ok(None),
            Some(V::Str(x)) => Ok(Some(x.to_string())),
            Some(other) => Err(py.type_err(format!("must be str or None, not {}", other.type_name()))),
        }
    };
    let chars_arg = |py: &mut Py| -> R<Option<Vec<char>>> { Ok(sarg(py, 0)?.map(|x| x.chars().collect())) };
    Ok(match m {
        "upper" => V::s(&s.to_uppercase()),
        "lower" | "casefold" => V::s(&s.to_lowercase()),
        "swapcase" => V::s(
            &s.chars()
                .map(|c| if c.is_uppercase() { c.to_lowercase().collect::<String>() } else { c.to_uppercase().collect() })
                .collect::<String>(),
        ),
        "strip" | "lstrip" | "rstrip" => {
            let set = chars_arg(py)?;
            let f = |c: char| match &set {
                Some(cs) => cs.contains(&c),
                None => c.is_whitespace(),
            };
            V::s(match m {
                "strip" => s.trim_matches(f),
                "lstrip" => s.trim_start_matches(f),
                _ => s.trim_end_matches(f),
            })
        }
        "split" | "rsplit" => {
            let sep = match kwarg(kw, "sep") {
                Some(V::Str(x)) => Some(x.to_string()),
                _ => sarg(py, 0)?,
            };
            let max = args.get(1).and_then(V::as_int).or_else(|| kwarg(kw, "maxsplit").and_then(|v| v.as_int())).unwrap_or(-1);
            let parts: Vec<String> = match sep {
                Some(sep) if sep.is_empty() => return Err(py.exc("ValueError", "empty separator")),
                Some(sep) if max < 0 => s.split(sep.as_str()).map(str::to_string).collect(),
                Some(sep) if m == "split" => s.splitn(max as usize + 1, sep.as_str()).map(str::to_string).collect(),
                Some(sep) => {
                    let mut v: Vec<String> = s.rsplitn(max as usize + 1, sep.as_str()).map(str::to_string).collect();
                    v.reverse();
                    v
                }
                None => {
                    let mut out: Vec<String> = Vec::new();
                    let mut rest = s.trim_start();
                    while !rest.is_empty() {
                        if max >= 0 && out.len() as i64 == max {
                            out.push(rest.trim_end().to_string());
                            break;
                        }
                        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                        out.push(rest[..end].to_string());
                        rest = rest[end..].trim_start();
                    }
                    out
                }
            };
            V::list(parts.iter().map(|p| V::s(p)).collect())
        }
        "splitlines" => V::list(s.lines().map(V::s).collect()),
        "join" => {
            let items = py.iterate(args.first().unwrap_or(&V::None))?;
            let mut parts = Vec::new();
            for (i, x) in items.iter().enumerate() {
                match x {
                    V::Str(p) => parts.push(p.to_string()),
                    other => return Err(py.type_err(format!("sequence item {i}: expected str instance, {} found", other.type_name()))),
                }
            }
            V::s(&parts.join(s))
        }
        "replace" => {
            let (Some(a), Some(b)) = (sarg(py, 0)?, sarg(py, 1)?) else {
                return Err(py.type_err(format!("replace expected at least 2 arguments, got {}", args.len())));
            };
            match args.get(2).and_then(V::as_int) {
                Some(n) if n >= 0 => V::s(&s.replacen(&a, &b, n as usize)),
                _ => {
                    if s.len() + (b.len().saturating_sub(a.len())) * s.len() > MAX_LEN * 4 {
                        return Err(py.exc("MemoryError", ""));
                    }
                    V::s(&s.replace(&a, &b))
                }
            }
        }
        "startswith" | "endswith" => {
            let pats: Vec<String> = match args.first() {
                Some(V::Tuple(t)) => t.iter().filter_map(|x| x.str_ref().map(str::to_string)).collect(),
                Some(V::Str(x)) => vec![x.to_string()],
                _ => return Err(py.type_err(format!("{m} first arg must be str or a tuple of str"))),
            };
            let (lo, hi) = char_window(s, args.get(1), args.get(2));
            let s = &s[lo..hi];
            V::Bool(pats.iter().any(|p| if m == "startswith" { s.starts_with(p.as_str()) } else { s.ends_with(p.as_str()) }))
        }
        "find" | "rfind" | "index" | "rindex" | "count" => {
            let sub = sarg(py, 0)?.unwrap_or_default();
            // str[start:end] is searched; positions are the whole string's.
            let (lo, hi) = char_window(s, args.get(1), args.get(2));
            let offset = s[..lo].chars().count() as i64;
            let s = &s[lo..hi];
            if m == "count" {
                return Ok(V::Int(if sub.is_empty() { s.chars().count() as i64 + 1 } else { s.matches(sub.as_str()).count() as i64 }));
            }
            let pos = if m.starts_with('r') { s.rfind(sub.as_str()) } else { s.find(sub.as_str()) };
            match pos {
                Some(b) => V::Int(offset + s[..b].chars().count() as i64),
                None if m.contains("find") => V::Int(-1),
                None => return Err(py.exc("ValueError", "substring not found")),
            }
        }
        "format" => V::s(&py.str_format(s, args, kw)?),
        "isdigit" | "isnumeric" | "isdecimal" => V::Bool(!s.is_empty() && s.chars().all(|c| c.is_ascii_digit())),
        "isalpha" => V::Bool(!s.is_empty() && s.chars().all(char::is_alphabetic)),
        "isalnum" => V::Bool(!s.is_empty() && s.chars().all(char::is_alphanumeric)),
        "isspace" => V::Bool(!s.is_empty() && s.chars().all(char::is_whitespace)),
        "isupper" => V::Bool(s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)),
        "islower" => V::Bool(s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_uppercase)),
        "isidentifier" => {
            V::Bool(!s.is_empty() && !s.starts_with(|c: char| c.is_ascii_digit()) && s.chars().all(|c| c.is_alphanumeric() || c == '_'))
        }
        "istitle" => V::Bool(s == title(s) && s.chars().any(char::is_alphabetic)),
        "title" => V::s(&title(s)),
        "capitalize" => {
            let mut c = s.chars();
            V::s(&match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(),
                None => String::new(),
            })
        }
        "center" | "ljust" | "rjust" => {
            let w = args.first().and_then(V::as_int).unwrap_or(0).clamp(0, 100_000) as usize;
            let fill = sarg(py, 1)?.and_then(|f| f.chars().next()).unwrap_or(' ');
            let n = s.chars().count();
            let pad = w.saturating_sub(n);
            let f = |k: usize| fill.to_string().repeat(k);
            V::s(&match m {
                "ljust" => format!("{s}{}", f(pad)),
                "rjust" => format!("{}{s}", f(pad)),
                _ => {
                    let left = pad / 2 + (pad & w & 1);
                    format!("{}{s}{}", f(left), f(pad - left))
                }
            })
        }
        "zfill" => {
            let w = args.first().and_then(V::as_int).unwrap_or(0).clamp(0, 100_000) as usize;
            let n = s.chars().count();
            let (sign, digits) = if s.starts_with(['-', '+']) { (&s[..1], &s[1..]) } else { ("", s) };
            V::s(&format!("{sign}{}{digits}", "0".repeat(w.saturating_sub(n))))
        }
        "encode" => V::Bytes(s.as_bytes().to_vec().into()),
        "partition" | "rpartition" => {
            let sep = sarg(py, 0)?.unwrap_or_default();
            let found = if m == "partition" { s.find(sep.as_str()) } else { s.rfind(sep.as_str()) };
            match found {
                Some(i) => V::tuple(vec![V::s(&s[..i]), V::s(&sep), V::s(&s[i + sep.len()..])]),
                None if m == "partition" => V::tuple(vec![V::s(s), V::s(""), V::s("")]),
                None => V::tuple(vec![V::s(""), V::s(""), V::s(s)]),
            }
        }
        "removeprefix" => V::s(s.strip_prefix(sarg(py, 0)?.unwrap_or_default().as_str()).unwrap_or(s)),
        "removesuffix" => V::s(s.strip_suffix(sarg(py, 0)?.unwrap_or_default().as_str()).unwrap_or(s)),
        "expandtabs" => V::s(&s.replace('\t', "        ")),
        _ => return Err(py.exc("AttributeError", &format!("'str' object has no attribute '{m}'"))),
    })
}

fn title(s: &str) -> String {
    let mut out = String::new();
    let mut prev_alpha = false;
    for c in s.chars() {
        if c.is_alphabetic() {
            if prev_alpha {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            prev_alpha = true;
        } else {
            out.push(c);
            prev_alpha = false;
        }
    }
    out
}

fn list_method(py: &mut Py, m: &str, this: &V, args: &[V], kw: &[(Rc<str>, V)]) -> R<V> {
    let l = match this {
        V::List(l) => l.clone(),
        V::Tuple(t) => Rc::new(std::cell::RefCell::new(t.to_vec())),
        _ => return Ok(V::None),
    };
    let a0 = args.first().cloned().unwrap_or(V::None);
    Ok(match m {
        "append" => {
            if l.borrow().len() >= MAX_LEN {
                return Err(py.exc("MemoryError", ""));
            }
            l.borrow_mut().push(a0);
            V::None
        }
        "extend" => {
            let items = py.iterate(&a0)?;
            if l.borrow().len() + items.len() > MAX_LEN {
                return Err(py.exc("MemoryError", ""));
            }
            l.borrow_mut().extend(items);
            V::None
        }
        "insert" => {
            let n = l.borrow().len() as i64;
            let i = a0.as_int().unwrap_or(0);
            let i = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
            l.borrow_mut().insert(i, args.get(1).cloned().unwrap_or(V::None));
            V::None
        }
        "pop" => {
            let n = l.borrow().len();
            if n == 0 {
                return Err(py.exc("IndexError", "pop from empty list"));
            }
            let i = if args.is_empty() { n - 1 } else { py.index_of(&a0, n, "pop")? };
            l.borrow_mut().remove(i)
        }
        "remove" => {
            let pos = l.borrow().iter().position(|x| eq(x, &a0));
            match pos {
                Some(p) => {
                    l.borrow_mut().remove(p);
                    V::None
                }
                None => return Err(py.exc("ValueError", "list.remove(x): x not in list")),
            }
        }
        "index" => match l.borrow().iter().position(|x| eq(x, &a0)) {
            Some(p) => V::Int(p as i64),
            None => {
                let r = py.repr(&a0)?;
                let what =
                    if let V::Tuple(_) = this { "tuple.index(x): x not in tuple".to_string() } else { format!("{r} is not in list") };
                return Err(py.exc("ValueError", &what));
            }
        },
        "count" => V::Int(l.borrow().iter().filter(|x| eq(x, &a0)).count() as i64),
        "reverse" => {
            l.borrow_mut().reverse();
            V::None
        }
        "copy" => V::list(l.borrow().clone()),
        "clear" => {
            l.borrow_mut().clear();
            V::None
        }
        "sort" => {
            let key = kwarg(kw, "key").filter(|k| !k.is_none());
            let rev = kwarg(kw, "reverse").is_some_and(|v| v.truthy());
            let items = l.borrow().clone();
            let mut keyed = Vec::new();
            for x in items {
                let k = match &key {
                    Some(f) => py.call(f, vec![x.clone()], vec![])?,
                    None => x.clone(),
                };
                keyed.push((k, x));
            }
            let mut bad: Option<(String, String)> = None;
            let mut objs = Vec::new();
            keyed.sort_by(|a, b| match cmp(&a.0, &b.0) {
                Some(o) => {
                    if rev {
                        o.reverse()
                    } else {
                        o
                    }
                }
                None => {
                    if let (V::Obj(_), _) = (&a.0, &b.0) {
                        objs.push(());
                    }
                    bad.get_or_insert((b.0.type_name(), a.0.type_name()));
                    std::cmp::Ordering::Equal
                }
            });
            if let Some((x, y)) = bad {
                return Err(py.type_err(format!("'<' not supported between instances of '{x}' and '{y}'")));
            }
            *l.borrow_mut() = keyed.into_iter().map(|(_, x)| x).collect();
            V::None
        }
        _ => V::None,
    })
}

fn dict_method(py: &mut Py, m: &str, this: &V, args: &[V]) -> R<V> {
    let V::Dict(d) = this else { return Ok(V::None) };
    let a0 = args.first().cloned().unwrap_or(V::None);
    Ok(match m {
        "get" => match py.dict_find(d, &a0)? {
            Some(p) => d.borrow()[p].1.clone(),
            None => args.get(1).cloned().unwrap_or(V::None),
        },
        "keys" => V::iter(d.borrow().iter().map(|(k, _)| k.clone()).collect(), "dict_keys"),
        "values" => V::iter(d.borrow().iter().map(|(_, v)| v.clone()).collect(), "dict_values"),
        "items" => V::iter(d.borrow().iter().map(|(k, v)| V::tuple(vec![k.clone(), v.clone()])).collect(), "dict_items"),
        "pop" => match py.dict_find(d, &a0)? {
            Some(p) => d.borrow_mut().remove(p).1,
            None => match args.get(1) {
                Some(v) => v.clone(),
                None => {
                    let e = py.exc_val("KeyError", vec![a0]);
                    return Err(py.raise(e));
                }
            },
        },
        "popitem" => match d.borrow_mut().pop() {
            Some((k, v)) => V::tuple(vec![k, v]),
            None => V::None,
        },
        "setdefault" => match py.dict_find(d, &a0)? {
            Some(p) => d.borrow()[p].1.clone(),
            None => {
                let v = args.get(1).cloned().unwrap_or(V::None);
                py.setitem(this, a0, v.clone())?;
                v
            }
        },
        "update" => {
            if let V::Dict(_) = a0 {
                for (k, v) in py.dict_items(&a0)? {
                    py.setitem(this, k, v)?;
                }
            } else if !a0.is_none() {
                for pair in py.iterate(&a0)? {
                    let kv = py.iterate(&pair)?;
                    if kv.len() == 2 {
                        py.setitem(this, kv[0].clone(), kv[1].clone())?;
                    }
                }
            }
            V::None
        }
        "copy" => V::dict(d.borrow().clone()),
        "clear" => {
            d.borrow_mut().clear();
            V::None
        }
        "fromkeys" => {
            let out = V::dict(vec![]);
            for k in py.iterate(&a0)? {
                py.setitem(&out, k, args.get(1).cloned().unwrap_or(V::None))?;
            }
            out
        }
        _ => V::None,
    })
}

fn set_method(py: &mut Py, m: &str, this: &V, args: &[V]) -> R<V> {
    let V::Set(s) = this else { return Ok(V::None) };
    let a0 = args.first().cloned().unwrap_or(V::None);
    Ok(match m {
        "add" => {
            let v = py.make_set(vec![a0])?;
            if let V::Set(n) = v {
                let x = n.borrow()[0].clone();
                if !s.borrow().iter().any(|y| eq(y, &x)) {
                    s.borrow_mut().push(x);
                }
            }
            V::None
        }
        "remove" | "discard" => {
            let pos = s.borrow().iter().position(|y| eq(y, &a0));
            match pos {
                Some(p) => {
                    s.borrow_mut().remove(p);
                }
                None if m == "remove" => {
                    let e = py.exc_val("KeyError", vec![a0]);
                    return Err(py.raise(e));
                }
                None => {}
            }
            V::None
        }
        "union" | "intersection" | "difference" | "symmetric_difference" | "update" => {
            let other = py.iterate(&a0)?;
            let other = py.make_set(other)?;
            let op = match m {
                "union" | "update" => "|",
                "intersection" => "&",
                "difference" => "-",
                _ => "^",
            };
            let r = py.binop(op, this, &other)?;
            if m == "update" {
                if let V::Set(n) = r {
                    *s.borrow_mut() = n.borrow().clone();
                }
                return Ok(V::None);
            }
            r
        }
        "issubset" | "issuperset" | "isdisjoint" => {
            let other = py.iterate(&a0)?;
            let mine = s.borrow().clone();
            V::Bool(match m {
                "issubset" => mine.iter().all(|x| other.iter().any(|y| eq(x, y))),
                "issuperset" => other.iter().all(|x| mine.iter().any(|y| eq(x, y))),
                _ => !mine.iter().any(|x| other.iter().any(|y| eq(x, y))),
            })
        }
        "copy" => V::Set(Rc::new(std::cell::RefCell::new(s.borrow().clone()))),
        "clear" => {
            s.borrow_mut().clear();
            V::None
        }
        "pop" => match s.borrow_mut().pop() {
            Some(v) => v,
            None => return Err(py.exc("KeyError", "pop from an empty set")),
        },
        _ => V::None,
    })
}

fn file_method(py: &mut Py, m: &str, this: &V, args: &[V]) -> R<V> {
    let V::Obj(o) = this else { return Ok(V::None) };
    let get = |k: &str| o.attrs.borrow().get(k).cloned().unwrap_or(V::None);
    let mode = get("mode").str_ref().unwrap_or("r").to_string();
    let path = get("__full").str_ref().unwrap_or("").to_string();
    if get("closed").truthy() && !matches!(m, "close" | "__exit__") {
        return Err(py.exc("ValueError", "I/O operation on closed file."));
    }
    Ok(match m {
        "read" | "readline" | "readlines" => {
            if !mode.contains('r') {
                return Err(py.exc("io.UnsupportedOperation", "not readable"));
            }
            let data = get("__data").str_ref().unwrap_or("").to_string();
            let pos = get("__pos").as_int().unwrap_or(0) as usize;
            let rest = data.get(pos.min(data.len())..).unwrap_or("").to_string();
            let (out, used) = match m {
                "read" => match args.first().and_then(V::as_int).filter(|n| *n >= 0) {
                    Some(n) => {
                        let t: String = rest.chars().take(n as usize).collect();
                        let l = t.len();
                        (V::s(&t), l)
                    }
                    None => (V::s(&rest), rest.len()),
                },
                "readline" => {
                    let line = rest.split_inclusive('\n').next().unwrap_or("").to_string();
                    let l = line.len();
                    (V::s(&line), l)
                }
                _ => (V::list(rest.split_inclusive('\n').map(V::s).collect()), rest.len()),
            };
            o.attrs.borrow_mut().insert(Rc::from("__pos"), V::Int((pos + used) as i64));
            if mode.contains('b') {
                if let V::Str(s) = &out {
                    return Ok(V::Bytes(s.as_bytes().to_vec().into()));
                }
            }
            out
        }
        "write" | "writelines" => {
            if mode.contains('r') && !mode.contains('+') {
                return Err(py.exc("io.UnsupportedOperation", "not writable"));
            }
            let items = if m == "write" { vec![args.first().cloned().unwrap_or(V::None)] } else { py.iterate(&args[0])? };
            let mut n = 0;
            for a in items {
                let bytes = match &a {
                    V::Str(s) if !mode.contains('b') => s.as_bytes().to_vec(),
                    V::Bytes(b) if mode.contains('b') => b.to_vec(),
                    other => {
                        let want = if mode.contains('b') { "a bytes-like object is required" } else { "write() argument must be str" };
                        return Err(py.type_err(format!("{want}, not {}", other.type_name())));
                    }
                };
                n += match &a {
                    V::Str(s) => s.chars().count(),
                    _ => bytes.len(),
                };
                let buf = py.written.entry(path.clone()).or_default();
                if buf.len() + bytes.len() > MAX_LEN * 4 {
                    return Err(py.exc("OSError", "[Errno 28] No space left on device"));
                }
                buf.extend(bytes);
            }
            if m == "write" {
                V::Int(n as i64)
            } else {
                V::None
            }
        }
        "close" | "__exit__" => {
            o.attrs.borrow_mut().insert(Rc::from("closed"), V::Bool(true));
            if m == "__exit__" {
                V::Bool(false)
            } else {
                V::None
            }
        }
        "__enter__" => this.clone(),
        _ => V::None,
    })
}
