//! PHP's values: scalars, ordered arrays (copy on write), objects, and the
//! conversions and comparisons of PHP 8.

use std::cell::RefCell;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    I(i64),
    S(Rc<str>),
}

impl Key {
    pub fn to_v(&self) -> V {
        match self {
            Key::I(i) => V::Int(*i),
            Key::S(s) => V::Str(s.clone()),
        }
    }
    /// A string key that looks like a canonical integer is one.
    pub fn of_str(s: &str) -> Key {
        if let Ok(i) = s.parse::<i64>() {
            if i.to_string() == s {
                return Key::I(i);
            }
        }
        Key::S(s.into())
    }
}

#[derive(Clone, Debug, Default)]
pub struct Arr {
    pub items: Vec<(Key, V)>,
    pub next: i64,
}

impl Arr {
    pub fn get(&self, k: &Key) -> Option<&V> {
        self.items.iter().find(|(kk, _)| kk == k).map(|(_, v)| v)
    }
    pub fn get_mut(&mut self, k: &Key) -> Option<&mut V> {
        self.items.iter_mut().find(|(kk, _)| kk == k).map(|(_, v)| v)
    }
    pub fn set(&mut self, k: Key, v: V) {
        if let Some(slot) = self.get_mut(&k) {
            *slot = v;
            return;
        }
        if let Key::I(i) = k {
            if i >= self.next {
                self.next = i.saturating_add(1);
            }
        }
        self.items.push((k, v));
    }
    pub fn push(&mut self, v: V) {
        let k = self.next;
        self.next = k.saturating_add(1);
        self.items.push((Key::I(k), v));
    }
    pub fn remove(&mut self, k: &Key) -> Option<V> {
        let i = self.items.iter().position(|(kk, _)| kk == k)?;
        Some(self.items.remove(i).1)
    }
    pub fn list(vs: Vec<V>) -> Arr {
        let n = vs.len() as i64;
        Arr { items: vs.into_iter().enumerate().map(|(i, v)| (Key::I(i as i64), v)).collect(), next: n }
    }
    pub fn len(&self) -> usize {
        self.items.len()
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    pub fn is_list(&self) -> bool {
        self.items.iter().enumerate().all(|(i, (k, _))| *k == Key::I(i as i64))
    }
    /// Keeps the keys as they are (`preserve_keys`).
    pub fn keyed(items: impl IntoIterator<Item = (Key, V)>) -> Arr {
        let mut a = Arr::default();
        for (k, v) in items {
            a.set(k, v);
        }
        a
    }
    /// Renumbers integer keys from 0 (what array functions do).
    pub fn reindexed(items: Vec<(Key, V)>) -> Arr {
        let mut a = Arr::default();
        for (k, v) in items {
            match k {
                Key::I(_) => a.push(v),
                Key::S(_) => a.set(k, v),
            }
        }
        a
    }
}

pub struct Obj {
    pub id: usize,
    pub class: Rc<super::eval::Class>,
    pub props: RefCell<Vec<(Rc<str>, V)>>,
    /// A closure's code and captured variables.
    pub closure: Option<super::eval::Closure>,
}

impl std::fmt::Debug for Obj {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "object({})#{}", self.class.name, self.id)
    }
}

impl Obj {
    pub fn get(&self, name: &str) -> Option<V> {
        self.props.borrow().iter().find(|(k, _)| &**k == name).map(|(_, v)| v.clone())
    }
    pub fn set(&self, name: &str, v: V) {
        let mut p = self.props.borrow_mut();
        match p.iter_mut().find(|(k, _)| &**k == name) {
            Some(slot) => slot.1 = v,
            None => p.push((name.into(), v)),
        }
    }
}

#[derive(Clone, Debug, Default)]
pub enum V {
    #[default]
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Rc<str>),
    Arr(Rc<Arr>),
    Obj(Rc<Obj>),
    /// A variable bound by reference (`global`, `static`, `use (&$x)`).
    Ref(Rc<RefCell<V>>),
}

impl V {
    pub fn s(s: &str) -> V {
        V::Str(s.into())
    }
    pub fn arr(a: Arr) -> V {
        V::Arr(Rc::new(a))
    }
    pub fn deref(&self) -> V {
        match self {
            V::Ref(r) => r.borrow().deref(),
            v => v.clone(),
        }
    }
    pub fn type_name(&self) -> &'static str {
        match self {
            V::Null => "null",
            V::Bool(_) => "bool",
            V::Int(_) => "int",
            V::Float(_) => "float",
            V::Str(_) => "string",
            V::Arr(_) => "array",
            V::Obj(_) => "object",
            V::Ref(r) => r.borrow().type_name(),
        }
    }
    /// `gettype()`'s words.
    pub fn gettype(&self) -> &'static str {
        match self {
            V::Null => "NULL",
            V::Bool(_) => "boolean",
            V::Int(_) => "integer",
            V::Float(_) => "double",
            V::Str(_) => "string",
            V::Arr(_) => "array",
            V::Obj(_) => "object",
            V::Ref(r) => r.borrow().gettype(),
        }
    }
    pub fn truthy(&self) -> bool {
        match self {
            V::Null => false,
            V::Bool(b) => *b,
            V::Int(i) => *i != 0,
            V::Float(f) => *f != 0.0,
            V::Str(s) => !(s.is_empty() || &**s == "0"),
            V::Arr(a) => !a.is_empty(),
            V::Obj(_) => true,
            V::Ref(r) => r.borrow().truthy(),
        }
    }
    pub fn to_int(&self) -> i64 {
        match self {
            V::Null => 0,
            V::Bool(b) => *b as i64,
            V::Int(i) => *i,
            V::Float(f) => float_to_int(*f),
            V::Str(s) => str_num(s).map_or(0, |n| match n {
                Num::I(i) => i,
                Num::F(f) => float_to_int(f),
            }),
            V::Arr(a) => (!a.is_empty()) as i64,
            V::Obj(_) => 1,
            V::Ref(r) => r.borrow().to_int(),
        }
    }
    pub fn to_float(&self) -> f64 {
        match self {
            V::Float(f) => *f,
            V::Str(s) => str_num(s).map_or(0.0, |n| match n {
                Num::I(i) => i as f64,
                Num::F(f) => f,
            }),
            V::Ref(r) => r.borrow().to_float(),
            other => other.to_int() as f64,
        }
    }
    /// A number for arithmetic (leading-numeric strings give their prefix).
    pub fn to_num(&self) -> Num {
        match self {
            V::Int(i) => Num::I(*i),
            V::Float(f) => Num::F(*f),
            V::Str(s) => str_num(s).unwrap_or(Num::I(0)),
            V::Ref(r) => r.borrow().to_num(),
            other => Num::I(other.to_int()),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Num {
    I(i64),
    F(f64),
}

fn float_to_int(f: f64) -> i64 {
    if f.is_finite() && f.abs() < 9.2e18 {
        f as i64
    } else {
        0
    }
}

/// The number a string starts with (leading whitespace allowed), if any.
pub fn str_num(s: &str) -> Option<Num> {
    let t = s.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    let b = t.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let ds = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let mut float = false;
    if i < b.len() && b[i] == b'.' {
        let j = i + 1;
        let mut k = j;
        while k < b.len() && b[k].is_ascii_digit() {
            k += 1;
        }
        if k > j || i > ds {
            float = true;
            i = k;
        }
    }
    if i == ds || (i == ds + 1 && b.get(ds) == Some(&b'.')) {
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut k = i + 1;
        if k < b.len() && (b[k] == b'+' || b[k] == b'-') {
            k += 1;
        }
        if k < b.len() && b[k].is_ascii_digit() {
            while k < b.len() && b[k].is_ascii_digit() {
                k += 1;
            }
            float = true;
            i = k;
        }
    }
    let txt = &t[..i];
    if !float {
        if let Ok(v) = txt.parse::<i64>() {
            return Some(Num::I(v));
        }
    }
    txt.parse::<f64>().ok().map(Num::F)
}

/// Whether the whole string is numeric (trailing whitespace allowed).
pub fn is_numeric_str(s: &str) -> bool {
    let t = s.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    let t2 = t.trim_end_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    if t2.is_empty() {
        return false;
    }
    let b = t2.as_bytes();
    let mut i = 0;
    if b[0] == b'+' || b[0] == b'-' {
        i = 1;
    }
    let mut digits = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
        digits += 1;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
            digits += 1;
        }
    }
    if digits == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == s {
            return false;
        }
    }
    i == b.len()
}

/// A float as PHP writes it with `precision` significant digits (14 for
/// echo; 0 means the shortest that reads back, as var_dump and json do).
pub fn fmt_float(f: f64, precision: usize, exp_char: char) -> String {
    if f.is_nan() {
        return "NAN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "INF".into() } else { "-INF".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0".into() } else { "0".into() };
    }
    let sci = if precision == 0 { format!("{:e}", f) } else { format!("{:.*e}", precision - 1, f) };
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    let p = if precision == 0 { 17 } else { precision as i32 };
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if exp < -4 || exp >= p {
        out.push_str(&digits[..1]);
        out.push('.');
        out.push_str(if digits.len() > 1 { &digits[1..] } else { "0" });
        out.push(exp_char);
        out.push(if exp < 0 { '-' } else { '+' });
        out.push_str(&exp.abs().to_string());
    } else if exp < 0 {
        out.push_str("0.");
        out.push_str(&"0".repeat((-exp - 1) as usize));
        out.push_str(digits);
    } else {
        let e = exp as usize + 1;
        if digits.len() <= e {
            out.push_str(digits);
            out.push_str(&"0".repeat(e - digits.len()));
        } else {
            out.push_str(&digits[..e]);
            out.push('.');
            out.push_str(&digits[e..]);
        }
    }
    out
}

/// PHP 8's loose comparison: -1, 0, 1 (None: uncomparable, e.g. arrays of different keys).
pub fn loose_cmp(a: &V, b: &V) -> i32 {
    use V::*;
    let a = a.deref();
    let b = b.deref();
    match (&a, &b) {
        (Str(x), Str(y)) => {
            if is_numeric_str(x) && is_numeric_str(y) {
                return num_cmp(a.to_num(), b.to_num());
            }
            ord(x.as_bytes().cmp(y.as_bytes()))
        }
        (Null, Str(s)) => ord("".cmp(s)),
        (Str(s), Null) => ord((**s).cmp("")),
        (Bool(_), _) | (_, Bool(_)) | (Null, _) | (_, Null) => ord(a.truthy().cmp(&b.truthy())),
        (Str(s), Int(_) | Float(_)) => {
            if is_numeric_str(s) {
                num_cmp(a.to_num(), b.to_num())
            } else {
                ord(s.as_bytes().cmp(to_str_plain(&b).as_bytes()))
            }
        }
        (Int(_) | Float(_), Str(s)) => {
            if is_numeric_str(s) {
                num_cmp(a.to_num(), b.to_num())
            } else {
                ord(to_str_plain(&a).as_bytes().cmp(s.as_bytes()))
            }
        }
        (Int(_) | Float(_), Int(_) | Float(_)) => num_cmp(a.to_num(), b.to_num()),
        (Arr(x), Arr(y)) => {
            if x.len() != y.len() {
                return ord(x.len().cmp(&y.len()));
            }
            for (k, v) in &x.items {
                match y.get(k) {
                    Some(w) => {
                        let c = loose_cmp(v, w);
                        if c != 0 {
                            return c;
                        }
                    }
                    None => return 1,
                }
            }
            0
        }
        (Arr(_), _) => 1,
        (_, Arr(_)) => -1,
        (Obj(x), Obj(y)) => {
            if Rc::ptr_eq(x, y) {
                return 0;
            }
            let px = x.props.borrow().clone();
            let py = y.props.borrow().clone();
            if !Rc::ptr_eq(&x.class, &y.class) || px.len() != py.len() {
                return 1;
            }
            for ((_, v), (_, w)) in px.iter().zip(py.iter()) {
                let c = loose_cmp(v, w);
                if c != 0 {
                    return c;
                }
            }
            0
        }
        (Obj(_), _) => 1,
        (_, Obj(_)) => -1,
        _ => 0,
    }
}

fn to_str_plain(v: &V) -> String {
    match v {
        V::Int(i) => i.to_string(),
        V::Float(f) => fmt_float(*f, 14, 'E'),
        _ => String::new(),
    }
}

fn ord(o: std::cmp::Ordering) -> i32 {
    o as i32
}

fn num_cmp(a: Num, b: Num) -> i32 {
    match (a, b) {
        (Num::I(x), Num::I(y)) => ord(x.cmp(&y)),
        (x, y) => {
            let (x, y) = (nf(x), nf(y));
            if x < y {
                -1
            } else if x > y {
                1
            } else {
                0
            }
        }
    }
}

pub fn nf(n: Num) -> f64 {
    match n {
        Num::I(i) => i as f64,
        Num::F(f) => f,
    }
}

pub fn strict_eq(a: &V, b: &V) -> bool {
    use V::*;
    match (&a.deref(), &b.deref()) {
        (Null, Null) => true,
        (Bool(x), Bool(y)) => x == y,
        (Int(x), Int(y)) => x == y,
        (Float(x), Float(y)) => x == y,
        (Str(x), Str(y)) => x == y,
        (Arr(x), Arr(y)) => {
            x.len() == y.len() && x.items.iter().zip(y.items.iter()).all(|((k1, v1), (k2, v2))| k1 == k2 && strict_eq(v1, v2))
        }
        (Obj(x), Obj(y)) => Rc::ptr_eq(x, y),
        _ => false,
    }
}
