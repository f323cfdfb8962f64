//! A small Go `text/template` evaluator over JSON values, with the docker
//! CLI's extra functions (`json`, `join`, `split`, `upper`, `lower`, `title`,
//! `truncate`, `pad`). Used by every `--format`.

use super::template_parse::{lex, parse_list, Arg, Node, Pipeline};
use serde_json::Value;

/// A parsed template.
#[derive(Clone, Debug)]
pub struct Template {
    nodes: Vec<Node>,
    /// Variables in scope while it runs (`$` is the data it was given).
    vars: std::cell::RefCell<Vec<(String, Value)>>,
    /// Go type name for "can't evaluate field X in type T" (`None`: maps, missing → `<no value>`).
    strict: Option<String>,
}

impl Template {
    /// Parses `text`. Errors read like Go's (`template: :1: unexpected "}" in operand`).
    pub fn parse(text: &str) -> Result<Template, String> {
        let mut tokens = lex(text)?.into_iter().peekable();
        let (nodes, end) = parse_list(&mut tokens)?;
        match end.as_deref() {
            None => Ok(Template { nodes, strict: None, vars: Default::default() }),
            Some(word) => Err(format!("template: :1: unexpected {{{{{word}}}}}")),
        }
    }

    /// Missing fields become an error naming `type_name`, as on docker's row contexts.
    pub fn strict(mut self, type_name: &str) -> Template {
        self.strict = Some(type_name.into());
        self
    }

    pub fn execute(&self, data: &Value) -> Result<String, String> {
        let mut out = String::new();
        *self.vars.borrow_mut() = vec![(String::new(), data.clone())];
        self.exec_list(&self.nodes, data, &mut out)?;
        if out.len() > OUTPUT_LIMIT {
            return Err(too_large());
        }
        Ok(out)
    }

    /// Runs `nodes`; variables they declare end with them (Go's scoping).
    fn exec_list(&self, nodes: &[Node], dot: &Value, out: &mut String) -> Result<(), String> {
        let scope = self.vars.borrow().len();
        let r = self.exec_nodes(nodes, dot, out);
        self.vars.borrow_mut().truncate(scope);
        r
    }

    fn set_var(&self, name: &str, value: Value, declare: bool) {
        let mut vars = self.vars.borrow_mut();
        match vars.iter_mut().rev().find(|(n, _)| n == name) {
            Some(slot) if !declare => slot.1 = value,
            _ => vars.push((name.to_string(), value)),
        }
    }

    fn exec_nodes(&self, nodes: &[Node], dot: &Value, out: &mut String) -> Result<(), String> {
        for node in nodes {
            if out.len() > OUTPUT_LIMIT {
                return Err(too_large());
            }
            match node {
                Node::Text(t) => out.push_str(t),
                Node::Action(decl, p) if decl.is_empty() => out.push_str(&print(&self.pipeline(p, dot)?)),
                Node::Action(decl, p) => {
                    let v = self.pipeline(p, dot)?;
                    for name in decl {
                        self.set_var(name, v.clone(), true);
                    }
                }
                Node::If(p, then, otherwise) => {
                    let branch = if truthy(&self.pipeline(p, dot)?) { then } else { otherwise };
                    self.exec_list(branch, dot, out)?;
                }
                Node::With(p, then, otherwise) => {
                    let v = self.pipeline(p, dot)?;
                    if truthy(&v) {
                        self.exec_list(then, &v, out)?
                    } else {
                        self.exec_list(otherwise, dot, out)?
                    }
                }
                Node::Range(decl, p, body, otherwise) => {
                    // Go ranges over a map's keys in sorted order.
                    let items: Vec<(Value, Value)> = match self.pipeline(p, dot)? {
                        Value::Array(a) => a.into_iter().enumerate().map(|(i, v)| (Value::from(i), v)).collect(),
                        Value::Object(m) => {
                            let mut pairs: Vec<(String, Value)> = m.into_iter().collect();
                            pairs.sort_by(|a, b| a.0.cmp(&b.0));
                            pairs.into_iter().map(|(k, v)| (Value::String(k), v)).collect()
                        }
                        Value::Null => Vec::new(),
                        other => return Err(format!("template: :1: range can't iterate over {}", print(&other))),
                    };
                    if items.is_empty() {
                        self.exec_list(otherwise, dot, out)?;
                    }
                    for (key, item) in &items {
                        let scope = self.vars.borrow().len();
                        match decl.as_slice() {
                            [one] => self.set_var(one, item.clone(), true),
                            [k, v] => {
                                self.set_var(k, key.clone(), true);
                                self.set_var(v, item.clone(), true);
                            }
                            _ => {}
                        }
                        let r = self.exec_list(body, item, out);
                        self.vars.borrow_mut().truncate(scope);
                        r?;
                    }
                }
            }
        }
        Ok(())
    }

    fn pipeline(&self, p: &Pipeline, dot: &Value) -> Result<Value, String> {
        let mut piped: Option<Value> = None;
        for cmd in p {
            piped = Some(self.command(cmd, dot, piped)?);
        }
        Ok(piped.unwrap_or(Value::Null))
    }

    fn command(&self, cmd: &[Arg], dot: &Value, piped: Option<Value>) -> Result<Value, String> {
        match cmd.first() {
            Some(Arg::Func(name)) => {
                let mut args = Vec::new();
                for a in &cmd[1..] {
                    args.push(self.arg(a, dot)?);
                }
                args.extend(piped);
                call(name, args)
            }
            Some(a) if cmd.len() == 1 && piped.is_none() => self.arg(a, dot),
            Some(_) => Err("template: :1: can't give argument to non-function".into()),
            None => Err("template: :1: empty command".into()),
        }
    }

    fn arg(&self, a: &Arg, dot: &Value) -> Result<Value, String> {
        Ok(match a {
            Arg::Str(s) => Value::String(s.clone()),
            Arg::Num(n) => serde_json::Number::from_f64(*n).map(Value::Number).unwrap_or(Value::Null),
            Arg::Bool(b) => Value::Bool(*b),
            Arg::Func(name) => call(name, Vec::new())?,
            Arg::Sub(p) => self.pipeline(p, dot)?,
            Arg::Var(name, path) => {
                let found = self.vars.borrow().iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.clone());
                let Some(base) = found else {
                    return Err(format!("template: :1: undefined variable \"${name}\""));
                };
                self.field(base, path, 0)?
            }
            Arg::Field(path, col) => self.field(dot.clone(), path, *col)?,
            Arg::SubField(p, path) => {
                let v = self.pipeline(p, dot)?;
                self.field(v, path, 0)?
            }
        })
    }

    /// Follows `.A.B` from `v`.
    fn field(&self, v: Value, path: &[String], col: usize) -> Result<Value, String> {
        Ok({
            {
                let mut v = v;
                for name in path {
                    v = match v {
                        Value::Object(mut m) => match m.remove(name) {
                            Some(x) => x,
                            None => match &self.strict {
                                Some(t) => {
                                    return Err(format!(
                                        "template: :1:{col}: executing \"\" at <.{name}>: can't evaluate field {name} in type {t}"
                                    ))
                                }
                                None => return Ok(Value::String("<no value>".into())),
                            },
                        },
                        Value::Null => return Ok(Value::String("<no value>".into())),
                        other => {
                            return Err(format!(
                                "template: :1:{col}: executing \"\" at <.{name}>: can't evaluate field {name} in type {}",
                                go_type(&other)
                            ))
                        }
                    };
                }
                v
            }
        })
    }
}

fn go_type(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "string",
        Value::Number(_) => "float64",
        Value::Bool(_) => "bool",
        Value::Array(_) => "[]interface {}",
        _ => "interface {}",
    }
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::String(s) => !s.is_empty(),
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::Array(a) => !a.is_empty(),
        Value::Object(m) => !m.is_empty(),
    }
}

/// Go's `fmt.Sprint` of a decoded JSON value.
pub fn print(v: &Value) -> String {
    match v {
        Value::Null => "<no value>".into(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        // The CLI runs templates on Docker's typed structs first: integers
        // (Size, Pid, ExitCode…) print as integers, `7800000`, not `7.8e+06`.
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => u.to_string(),
            (_, Some(i), _) => i.to_string(),
            (_, _, Some(f)) => go_float(f),
            _ => n.to_string(),
        },
        Value::Array(a) => format!("[{}]", a.iter().map(print).collect::<Vec<_>>().join(" ")),
        Value::Object(m) => {
            let mut pairs: Vec<(&String, &Value)> = m.iter().collect();
            crate::sort::sort_by(&mut pairs, |a, b| a.0.cmp(b.0));
            format!("map[{}]", pairs.iter().map(|(k, v)| format!("{k}:{}", print(v))).collect::<Vec<_>>().join(" "))
        }
    }
}

/// `%v` of a float64: shortest digits, exponent form from 1e+06 on.
fn go_float(f: f64) -> String {
    let sci = format!("{f:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if !(-4..6).contains(&exp) {
        format!("{mantissa}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs())
    } else {
        format!("{f}")
    }
}

/// Go's `json.Marshal` of a value (compact, `<>&` escaped).
pub fn go_json(v: &Value) -> String {
    escape_html(&serde_json::to_string(v).unwrap_or_default())
}

/// Bytes one execution of a template may produce (the simulated CLI's
/// budget: `pad` with a billion spaces stops here instead of exhausting memory).
pub const OUTPUT_LIMIT: usize = 8 << 20;

fn too_large() -> String {
    format!("template: :1: dockersim: output larger than {} MiB (the simulated CLI's template limit)", OUTPUT_LIMIT >> 20)
}

/// Go's JSON encoder escapes `<`, `>` and `&` inside strings.
pub fn escape_html(json: &str) -> String {
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

fn call(name: &str, args: Vec<Value>) -> Result<Value, String> {
    let s = |v: &Value| print(v);
    let want = |n: usize| -> Result<(), String> {
        if args.len() == n {
            Ok(())
        } else {
            Err(format!("template: :1: wrong number of args for {name}: want {n} got {}", args.len()))
        }
    };
    Ok(match name {
        "json" => {
            want(1)?;
            Value::String(go_json(&args[0]))
        }
        "upper" => {
            want(1)?;
            Value::String(s(&args[0]).to_uppercase())
        }
        "lower" => {
            want(1)?;
            Value::String(s(&args[0]).to_lowercase())
        }
        "title" => {
            want(1)?;
            Value::String(title(&s(&args[0])))
        }
        "println" => Value::String(format!("{}\n", args.iter().map(s).collect::<Vec<_>>().join(" "))),
        "print" => Value::String(args.iter().map(s).collect::<Vec<_>>().join("")),
        "printf" => Value::String(printf(&args)),
        "len" => {
            want(1)?;
            let n = match &args[0] {
                Value::Array(a) => a.len(),
                Value::Object(m) => m.len(),
                Value::String(x) => x.len(),
                other => return Err(format!("template: :1: error calling len: len of type {}", go_type(other))),
            };
            Value::from(n as u64)
        }
        "index" => {
            let mut v = args.first().cloned().unwrap_or(Value::Null);
            for key in args.iter().skip(1) {
                v = match (&v, key) {
                    (Value::Array(a), Value::Number(n)) => {
                        let i = n.as_f64().unwrap_or(-1.0) as i64;
                        match a.get(i as usize).filter(|_| i >= 0) {
                            Some(x) => x.clone(),
                            None => return Err(format!("template: :1: error calling index: index out of range: {i}")),
                        }
                    }
                    (Value::Object(m), k) => m.get(&s(k)).cloned().unwrap_or(Value::Null),
                    (Value::Null, _) => return Err("template: :1: error calling index: index of untyped nil".into()),
                    _ => return Err("template: :1: error calling index: cannot index slice/array with type string".into()),
                };
            }
            v
        }
        "join" => {
            want(2)?;
            let items: Vec<String> = match &args[0] {
                Value::Array(a) => a.iter().map(s).collect(),
                other => vec![s(other)],
            };
            Value::String(items.join(&s(&args[1])))
        }
        "split" => {
            want(2)?;
            Value::Array(s(&args[0]).split(&s(&args[1])).map(|x| Value::String(x.into())).collect())
        }
        "truncate" => {
            want(2)?;
            let n = args[1].as_f64().unwrap_or(0.0) as usize;
            Value::String(s(&args[0]).chars().take(n).collect())
        }
        "pad" => {
            want(3)?;
            // docker's padWithSpace: an empty string stays empty.
            let source = s(&args[0]);
            let l = args[1].as_f64().unwrap_or(0.0).max(0.0) as usize;
            let r = args[2].as_f64().unwrap_or(0.0).max(0.0) as usize;
            if source.is_empty() {
                return Ok(Value::String(source));
            }
            if l.saturating_add(r).saturating_add(source.len()) > OUTPUT_LIMIT {
                return Err(too_large());
            }
            Value::String(format!("{}{source}{}", " ".repeat(l), " ".repeat(r)))
        }
        "not" => Value::Bool(!truthy(args.first().unwrap_or(&Value::Null))),
        "and" => args.iter().find(|a| !truthy(a)).or(args.last()).cloned().unwrap_or(Value::Null),
        "or" => args.iter().find(|a| truthy(a)).or(args.last()).cloned().unwrap_or(Value::Null),
        "eq" => Value::Bool(args.len() >= 2 && args[1..].iter().any(|a| s(a) == s(&args[0]))),
        "ne" => {
            want(2)?;
            Value::Bool(s(&args[0]) != s(&args[1]))
        }
        _ => return Err(format!("template: :1: function \"{name}\" not defined")),
    })
}

fn title(s: &str) -> String {
    let mut out = String::new();
    let mut start = true;
    for c in s.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = !c.is_alphanumeric();
    }
    out
}

fn printf(args: &[Value]) -> String {
    let Some(format) = args.first().map(print) else { return String::new() };
    let mut out = String::new();
    let mut rest = args[1..].iter();
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('%') => out.push('%'),
            Some('q') => out.push_str(&rest.next().map(|v| go_json(&Value::String(print(v)))).unwrap_or_default()),
            Some(_) => out.push_str(&rest.next().map(print).unwrap_or_else(|| "%!v(MISSING)".into())),
            None => out.push_str("%!(NOVERB)"),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(t: &str, v: Value) -> String {
        Template::parse(t).and_then(|t| t.execute(&v)).unwrap_or_else(|e| e)
    }

    #[test]
    fn fields_functions_and_ranges() {
        let v = json!({"ID": "abc", "RepoDigests": ["nginx@sha256:1"], "RootFS": {"Layers": ["a", "b"]}, "Config": {"Env": ["A=1", "B=2"]}, "Size": 187654321});
        assert_eq!(run("{{.ID}}: {{index .RepoDigests 0}}", v.clone()), "abc: nginx@sha256:1");
        assert_eq!(run("{{len .RootFS.Layers}}", v.clone()), "2");
        assert_eq!(run("{{.Config.Env}}", v.clone()), "[A=1 B=2]");
        assert_eq!(run("{{json .Config.Env}}", v.clone()), "[\"A=1\",\"B=2\"]");
        assert_eq!(run("{{range .Config.Env}}{{println .}}{{end}}", v.clone()), "A=1\nB=2\n");
        assert_eq!(run("{{join .RootFS.Layers \",\"}}", v.clone()), "a,b");
        assert_eq!(run("{{.Size}}", v.clone()), "187654321");
        assert_eq!(run("{{if .ID}}yes{{else}}no{{end}}", v.clone()), "yes");
        assert_eq!(run("{{.ID | upper}}", v), "ABC");
    }

    #[test]
    fn budgets_and_depth() {
        assert!(run("{{pad .ID 1000000000 0}}", json!({"ID": "x"})).contains("output larger than 8 MiB"));
        assert_eq!(run("[{{pad .ID 2 1}}]", json!({"ID": "x"})), "[  x ]");
        assert_eq!(run("[{{pad .ID 2 1}}]", json!({"ID": ""})), "[]");
        let deep = format!("{{{{{}.ID{}}}}}", "(".repeat(5000), ")".repeat(5000));
        assert_eq!(run(&deep, json!({"ID": "x"})), "template: :1: max expression depth exceeded");
        let nested = format!("{}x{}", "{{if 1}}".repeat(5000), "{{end}}".repeat(5000));
        assert_eq!(run(&nested, json!({})), "template: :1: max expression depth exceeded");
        assert_eq!(run("{{.ID)}}", json!({"ID": "x"})), "template: :1: unexpected right paren U+0029 ')'");
        assert_eq!(run("{{upper}}", json!({})), "template: :1: wrong number of args for upper: want 1 got 0");
        let items: Vec<u32> = (0..200).collect();
        assert!(run("{{range .}}{{pad \"x\" 100000 0}}{{end}}", json!(items)).contains("output larger"));
    }

    #[test]
    fn strict_contexts_reject_unknown_fields() {
        let t = Template::parse("{{.Nope}}").unwrap().strict("*formatter.ImageContext");
        assert_eq!(
            t.execute(&json!({})).unwrap_err(),
            "template: :1:2: executing \"\" at <.Nope>: can't evaluate field Nope in type *formatter.ImageContext"
        );
    }
}
