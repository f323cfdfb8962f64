//! var_dump, print_r, var_export and json_encode/json_decode in PHP's exact formats.

use super::eval::{Php, R};
use super::value::*;
use std::rc::Rc;

pub fn var_dump(p: &mut Php, v: &V, ind: usize, out: &mut String) {
    let pad = " ".repeat(ind);
    match v.deref() {
        V::Null => out.push_str(&format!("{pad}NULL\n")),
        V::Bool(b) => out.push_str(&format!("{pad}bool({b})\n")),
        V::Int(i) => out.push_str(&format!("{pad}int({i})\n")),
        V::Float(f) => out.push_str(&format!("{pad}float({})\n", fmt_float(f, 0, 'E'))),
        V::Str(s) => out.push_str(&format!("{pad}string({}) \"{s}\"\n", s.len())),
        V::Arr(a) => {
            out.push_str(&format!("{pad}array({}) {{\n", a.len()));
            for (k, x) in &a.items {
                match k {
                    Key::I(i) => out.push_str(&format!("{pad}  [{i}]=>\n")),
                    Key::S(s) => out.push_str(&format!("{pad}  [\"{s}\"]=>\n")),
                }
                var_dump(p, x, ind + 2, out);
            }
            out.push_str(&format!("{pad}}}\n"));
        }
        V::Obj(o) => {
            if o.class.decl.kind.as_ref() == "enum" {
                let n = o.get("name").map(|v| p.to_str(&v).unwrap_or_default()).unwrap_or_default();
                out.push_str(&format!("{pad}enum({}::{n})\n", o.class.name));
                return;
            }
            let props = visible_props(&o);
            out.push_str(&format!("{pad}object({})#{} ({}) {{\n", o.class.name, o.id, props.len()));
            for (n, x) in props {
                let vis = prop_vis(&o, &n);
                let label = match vis.as_str() {
                    "public" => format!("\"{n}\""),
                    "protected" => format!("\"{n}\":protected"),
                    _ => format!("\"{n}\":\"{}\":private", owner(&o, &n)),
                };
                out.push_str(&format!("{pad}  [{label}]=>\n"));
                var_dump(p, &x, ind + 2, out);
            }
            out.push_str(&format!("{pad}}}\n"));
        }
        V::Ref(_) => {}
    }
}

fn visible_props(o: &Obj) -> Vec<(Rc<str>, V)> {
    o.props.borrow().iter().filter(|(k, _)| !k.starts_with("__")).map(|(k, v)| (k.clone(), v.deref())).collect()
}

pub fn prop_vis(o: &Obj, n: &str) -> String {
    let mut c = Some(o.class.clone());
    while let Some(k) = c {
        if let Some(p) = k.decl.props.iter().find(|p| &*p.0 == n) {
            return p.3.to_string();
        }
        for m in &k.decl.methods {
            if m.name.eq_ignore_ascii_case("__construct") {
                if let Some(pp) = m.params.iter().find(|pp| &*pp.name == n) {
                    if let Some(v) = &pp.promote {
                        return v.to_string();
                    }
                }
            }
        }
        c = k.parent.clone();
    }
    "public".into()
}

fn owner(o: &Obj, n: &str) -> String {
    let mut c = Some(o.class.clone());
    while let Some(k) = c {
        if k.decl.props.iter().any(|p| &*p.0 == n)
            || k.decl.methods.iter().any(|m| m.params.iter().any(|pp| &*pp.name == n && pp.promote.is_some()))
        {
            return k.name.to_string();
        }
        c = k.parent.clone();
    }
    o.class.name.to_string()
}

pub fn print_r(p: &mut Php, v: &V, ind: usize, out: &mut String) -> R<()> {
    match v.deref() {
        V::Arr(a) => {
            let pad = " ".repeat(ind);
            out.push_str(&format!("Array\n{pad}(\n"));
            for (k, x) in &a.items {
                let ks = match k {
                    Key::I(i) => i.to_string(),
                    Key::S(s) => s.to_string(),
                };
                out.push_str(&format!("{pad}    [{ks}] => "));
                print_r(p, x, ind + 8, out)?;
                out.push('\n');
            }
            out.push_str(&format!("{pad})\n"));
        }
        V::Obj(o) if o.closure.is_none() && o.class.decl.kind.as_ref() != "enum" => {
            let pad = " ".repeat(ind);
            out.push_str(&format!("{} Object\n{pad}(\n", o.class.name));
            for (n, x) in visible_props(&o) {
                let vis = prop_vis(&o, &n);
                let label = match vis.as_str() {
                    "public" => n.to_string(),
                    "protected" => format!("{n}:protected"),
                    _ => format!("{n}:{}:private", owner(&o, &n)),
                };
                out.push_str(&format!("{pad}    [{label}] => "));
                print_r(p, &x, ind + 8, out)?;
                out.push('\n');
            }
            out.push_str(&format!("{pad})\n"));
        }
        V::Obj(o) if o.class.decl.kind.as_ref() == "enum" => {
            let n = o.get("name").map(|v| p.to_str(&v).unwrap_or_default()).unwrap_or_default();
            out.push_str(&format!("{} Enum\n(\n    [name] => {n}\n)\n", o.class.name));
        }
        other => {
            let s = p.to_str(&other)?;
            out.push_str(&s);
        }
    }
    Ok(())
}

pub fn var_export(v: &V, ind: usize, out: &mut String) {
    let pad = " ".repeat(ind);
    match v.deref() {
        V::Null => out.push_str("NULL"),
        V::Bool(b) => out.push_str(if b { "true" } else { "false" }),
        V::Int(i) => out.push_str(&i.to_string()),
        V::Float(f) => {
            let s = fmt_float(f, 0, 'E');
            out.push_str(&s);
            if f.is_finite() && !s.contains(['.', 'E', 'N', 'I']) {
                out.push_str(".0");
            }
        }
        V::Str(s) => out.push_str(&format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))),
        V::Arr(a) => {
            out.push_str("array (\n");
            for (k, x) in &a.items {
                match k {
                    Key::I(i) => out.push_str(&format!("{pad}  {i} => ")),
                    Key::S(s) => out.push_str(&format!("{pad}  '{}' => ", s.replace('\\', "\\\\").replace('\'', "\\'"))),
                }
                if matches!(x.deref(), V::Arr(_) | V::Obj(_)) {
                    out.push_str(&format!("\n{pad}  "));
                }
                var_export(x, ind + 2, out);
                out.push_str(",\n");
            }
            out.push_str(&format!("{pad})"));
        }
        V::Obj(o) => {
            if o.class.name.as_ref() == "stdClass" {
                out.push_str("(object) array(\n");
            } else {
                out.push_str(&format!("\\{}::__set_state(array(\n", o.class.name));
            }
            for (n, x) in visible_props(&o) {
                out.push_str(&format!("{pad}   '{n}' => "));
                if matches!(x, V::Arr(_) | V::Obj(_)) {
                    out.push_str(&format!("\n{pad}  "));
                }
                var_export(&x, ind + 2, out);
                out.push_str(",\n");
            }
            out.push_str(&format!("{pad}{}", if o.class.name.as_ref() == "stdClass" { ")" } else { "))" }));
        }
        V::Ref(_) => {}
    }
}

/// A value as `match`'s error shows it.
pub fn export_short(v: &V) -> String {
    match v.deref() {
        V::Str(s) => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
        V::Int(i) => i.to_string(),
        V::Float(f) => fmt_float(f, 0, 'E'),
        V::Bool(b) => if b { "true" } else { "false" }.into(),
        V::Null => "NULL".into(),
        _ => "of type ".to_string() + v.type_name(),
    }
}

pub const JSON_HEX_TAG: i64 = 1;
pub const JSON_PRETTY_PRINT: i64 = 128;
pub const JSON_UNESCAPED_SLASHES: i64 = 64;
pub const JSON_UNESCAPED_UNICODE: i64 = 256;
pub const JSON_THROW_ON_ERROR: i64 = 4_194_304;
pub const JSON_FORCE_OBJECT: i64 = 16;
pub const JSON_NUMERIC_CHECK: i64 = 32;
pub const JSON_PRESERVE_ZERO_FRACTION: i64 = 1024;

pub fn json_encode(p: &mut Php, v: &V, flags: i64, depth: usize, out: &mut String) -> R<bool> {
    let pretty = flags & JSON_PRETTY_PRINT != 0;
    let nl = |d: usize| if pretty { format!("\n{}", "    ".repeat(d)) } else { String::new() };
    match v.deref() {
        V::Null => out.push_str("null"),
        V::Bool(b) => out.push_str(if b { "true" } else { "false" }),
        V::Int(i) => out.push_str(&i.to_string()),
        V::Float(f) => {
            if !f.is_finite() {
                return Ok(false);
            }
            let s = fmt_float(f, 0, 'e');
            out.push_str(&s);
            if flags & JSON_PRESERVE_ZERO_FRACTION != 0 && !s.contains(['.', 'e']) {
                out.push_str(".0");
            }
        }
        V::Str(s) => json_str(&s, flags, out),
        V::Arr(a) => {
            let list = a.is_list() && flags & JSON_FORCE_OBJECT == 0;
            if a.is_empty() {
                out.push_str(if list { "[]" } else { "{}" });
                return Ok(true);
            }
            out.push(if list { '[' } else { '{' });
            for (i, (k, x)) in a.items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&nl(depth + 1));
                if !list {
                    let ks = match k {
                        Key::I(n) => n.to_string(),
                        Key::S(s) => s.to_string(),
                    };
                    json_str(&ks, flags, out);
                    out.push_str(if pretty { ": " } else { ":" });
                }
                if !json_encode(p, x, flags, depth + 1, out)? {
                    return Ok(false);
                }
            }
            out.push_str(&nl(depth));
            out.push(if list { ']' } else { '}' });
        }
        V::Obj(o) => {
            if o.class.is_a("JsonSerializable") {
                let r = p.call_method(o.clone(), "jsonSerialize", vec![])?;
                return json_encode(p, &r, flags, depth, out);
            }
            if o.class.decl.kind.as_ref() == "enum" {
                let v = o.get("value").unwrap_or_default();
                return json_encode(p, &v, flags, depth, out);
            }
            let props: Vec<(Rc<str>, V)> = visible_props(&o).into_iter().filter(|(n, _)| prop_vis(&o, n) == "public").collect();
            if props.is_empty() {
                out.push_str("{}");
                return Ok(true);
            }
            out.push('{');
            for (i, (k, x)) in props.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&nl(depth + 1));
                json_str(k, flags, out);
                out.push_str(if pretty { ": " } else { ":" });
                if !json_encode(p, x, flags, depth + 1, out)? {
                    return Ok(false);
                }
            }
            out.push_str(&nl(depth));
            out.push('}');
        }
        V::Ref(_) => {}
    }
    Ok(true)
}

fn json_str(s: &str, flags: i64, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '/' if flags & JSON_UNESCAPED_SLASHES == 0 => out.push_str("\\/"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if (c as u32) > 0x7f && flags & JSON_UNESCAPED_UNICODE == 0 => {
                let mut buf = [0u16; 2];
                for u in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{:04x}", u));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// json_decode: objects become stdClass (or arrays with `assoc`).
pub fn json_decode(p: &mut Php, s: &str, assoc: bool) -> R<Option<V>> {
    let Ok(j) = serde_json::from_str::<serde_json::Value>(s) else { return Ok(None) };
    Ok(Some(from_json(p, &j, assoc)?))
}

fn from_json(p: &mut Php, j: &serde_json::Value, assoc: bool) -> R<V> {
    use serde_json::Value as J;
    Ok(match j {
        J::Null => V::Null,
        J::Bool(b) => V::Bool(*b),
        J::Number(n) => match n.as_i64() {
            Some(i) => V::Int(i),
            None => V::Float(n.as_f64().unwrap_or(0.0)),
        },
        J::String(s) => V::s(s),
        J::Array(a) => {
            let mut vs = Vec::new();
            for x in a {
                vs.push(from_json(p, x, assoc)?);
            }
            V::arr(Arr::list(vs))
        }
        J::Object(m) => {
            if assoc {
                let mut a = Arr::default();
                for (k, x) in m {
                    let v = from_json(p, x, assoc)?;
                    a.set(Key::of_str(k), v);
                }
                V::arr(a)
            } else {
                let cls = p.class("stdClass")?;
                let o = p.new_obj(cls);
                for (k, x) in m {
                    let v = from_json(p, x, assoc)?;
                    o.set(k, v);
                }
                V::Obj(o)
            }
        }
    })
}
