//! Arithmetic with PHP 8's rules: integer overflow to float, numeric
//! strings, TypeError for arrays, warnings for non-numeric strings.

use super::eval::{Php, R};
use super::value::*;

fn operand(p: &mut Php, v: &V, op: &str, other: &V) -> R<Num> {
    match v.deref() {
        V::Str(s) => {
            if is_numeric_str(&s) {
                return Ok(v.to_num());
            }
            match str_num(&s) {
                Some(n) => {
                    p.warn("Warning", "A non-numeric value encountered");
                    Ok(n)
                }
                None => {
                    Err(p.throw_error("TypeError", &format!("Unsupported operand types: string {op} {}", other.type_name()))).or_else(|e| {
                        // PHP 8 throws only for arrays; a non-numeric string warns and counts as 0.
                        let _ = e;
                        p.warn("Warning", "A non-numeric value encountered");
                        Ok(Num::I(0))
                    })
                }
            }
        }
        V::Arr(_) => {
            let (l, r) = (v.type_name(), other.type_name());
            Err(p.throw_error("TypeError", &format!("Unsupported operand types: {l} {op} {r}")))
        }
        V::Obj(o) => {
            let cname = o.class.name.clone();
            Err(p.throw_error("TypeError", &format!("Unsupported operand types: {cname} {op} {}", other.type_name())))
        }
        other => Ok(other.to_num()),
    }
}

pub fn arith(p: &mut Php, op: &str, a: &V, b: &V) -> R<V> {
    if op == "+" {
        if let (V::Arr(x), V::Arr(y)) = (a.deref(), b.deref()) {
            let mut out = (*x).clone();
            for (k, v) in &y.items {
                if out.get(k).is_none() {
                    out.set(k.clone(), v.clone());
                }
            }
            return Ok(V::arr(out));
        }
    }
    if let (V::Arr(_), _) | (_, V::Arr(_)) = (a, b) {
        return Err(p.throw_error("TypeError", &format!("Unsupported operand types: {} {op} {}", a.type_name(), b.type_name())));
    }
    let x = operand(p, a, op, b)?;
    let y = operand(p, b, op, a)?;
    Ok(match op {
        "+" | "-" | "*" => match (x, y) {
            (Num::I(i), Num::I(j)) => {
                let r = match op {
                    "+" => i.checked_add(j),
                    "-" => i.checked_sub(j),
                    _ => i.checked_mul(j),
                };
                match r {
                    Some(v) => V::Int(v),
                    None => V::Float(fop(op, i as f64, j as f64)),
                }
            }
            _ => V::Float(fop(op, nf(x), nf(y))),
        },
        "/" => {
            if nf(y) == 0.0 {
                return Err(p.throw_error("DivisionByZeroError", "Division by zero"));
            }
            match (x, y) {
                (Num::I(i), Num::I(j)) if j != 0 && i.checked_rem(j) == Some(0) => V::Int(i / j),
                _ => V::Float(nf(x) / nf(y)),
            }
        }
        "%" => {
            let (i, j) = (int_of(x), int_of(y));
            if j == 0 {
                return Err(p.throw_error("DivisionByZeroError", "Modulo by zero"));
            }
            V::Int(i.checked_rem(j).unwrap_or(0))
        }
        "**" => match (x, y) {
            (Num::I(i), Num::I(j)) if j >= 0 => match u32::try_from(j).ok().and_then(|j| i.checked_pow(j)) {
                Some(v) => V::Int(v),
                None => V::Float((i as f64).powf(j as f64)),
            },
            _ => V::Float(nf(x).powf(nf(y))),
        },
        _ => V::Null,
    })
}

fn int_of(n: Num) -> i64 {
    match n {
        Num::I(i) => i,
        Num::F(f) => V::Float(f).to_int(),
    }
}

fn fop(op: &str, a: f64, b: f64) -> f64 {
    match op {
        "+" => a + b,
        "-" => a - b,
        _ => a * b,
    }
}
