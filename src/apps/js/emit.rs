//! tsc's emit: the JavaScript a TypeScript file compiles to. The file is
//! parsed as TypeScript ([`super::ts`] records what is TypeScript only);
//! the output is the source with those spans removed, enums and parameter
//! properties written out as tsc writes them, and for `"module":
//! "commonjs"` imports and exports turned into `require` and `exports`
//! (imports used only as types are dropped, as tsc drops them).

use super::esm::{Export, Import};
use super::{lex_spanned, Expr, LitV, Parser, Stmt, Tok};
use std::collections::BTreeMap;

/// The compiler options that shape the output.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// `"module": "commonjs"` (else the ES module syntax stays).
    pub commonjs: bool,
    /// `"esModuleInterop"`: default imports go through `__importDefault`.
    pub interop: bool,
    /// `"strict"`/`"alwaysStrict"`: the `"use strict";` prologue.
    pub strict: bool,
}

struct Edit {
    start: usize,
    end: usize,
    text: String,
}

/// Compiles one TypeScript source. Err: the first syntax error, as
/// `line: message`.
pub fn emit(src: &str, opts: Options) -> Result<String, String> {
    let chars: Vec<char> = src.chars().collect();
    let (toks, spans) = lex_spanned(src)?;
    let mut p = Parser::new(toks, true, 0);
    let prog = p.program()?;
    let span = |i: usize| spans.get(i).copied().unwrap_or((chars.len(), chars.len()));
    let mut edits: Vec<Edit> = Vec::new();
    let mut prologue = String::new();
    let mut hoisted: Vec<String> = Vec::new();
    let mut exported_fns: Vec<(String, String)> = Vec::new();

    // Imports: which local names they bind, and what replaces each.
    let mut bindings: BTreeMap<String, String> = BTreeMap::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (t, _) in &p.refs {
        if let Some((Tok::Id(n), _)) = p.toks.get(*t) {
            *counts.entry(n.clone()).or_default() += 1;
        }
    }
    let used = |n: &str| counts.get(n).copied().unwrap_or(0) > 0;
    let mut module_vars: BTreeMap<String, usize> = BTreeMap::new();
    let mut needs_default_helper = false;
    for (stmt, &(a, b)) in prog.iter().zip(&p.top) {
        let (start, end) = (span(a).0, span(b.saturating_sub(1)).1);
        let end = swallow_newline(&chars, end);
        match stmt {
            Stmt::Import(imp) => {
                let text = if opts.commonjs {
                    import_commonjs(imp, opts, &used, &mut bindings, &mut module_vars, &mut needs_default_helper)
                } else {
                    import_esm(imp, &used, &chars, span(a).0, span(b.saturating_sub(1)).1)
                };
                edits.push(Edit { start, end, text });
            }
            Stmt::Export(ex) if opts.commonjs => {
                export_commonjs(ex, &p, a, b, &span, &chars, &mut edits, &mut hoisted, &mut exported_fns)?;
            }
            _ => {}
        }
    }
    // References to imported names.
    edits.extend(rewrite_refs(&p, &spans, &bindings));
    // Imported names inside template literals.
    if !bindings.is_empty() {
        for (i, (tok, _)) in p.toks.iter().enumerate() {
            if let Tok::Tpl(parts, _) = tok {
                if parts.is_empty() {
                    continue;
                }
                let (s, e) = span(i);
                let raw: String = chars[s..e].iter().collect();
                let text = rewrite_template(&raw, &bindings)?;
                if text != raw {
                    edits.push(Edit { start: s, end: e, text });
                }
            }
        }
    }
    // TypeScript-only spans.
    for &(a, b) in &p.erased {
        let (mut s, mut e) = (span(a).0, span(b.saturating_sub(1)).1);
        let first: String = chars[s..e.min(chars.len())].iter().take_while(|c| c.is_alphanumeric()).collect();
        if matches!(first.as_str(), "as" | "satisfies" | "implements") {
            while s > 0 && chars[s - 1] == ' ' {
                s -= 1;
            }
        } else if matches!(
            first.as_str(),
            "public" | "private" | "protected" | "readonly" | "override" | "declare" | "abstract" | "accessor"
        ) && b == a + 1
        {
            while e < chars.len() && chars[e] == ' ' {
                e += 1;
            }
        }
        // A whole line of TypeScript (an interface, a type alias) goes with its line.
        let line_start = chars[..s].iter().rposition(|c| *c == '\n').map_or(0, |i| i + 1);
        if chars[line_start..s].iter().all(|c| c.is_whitespace()) {
            let after = swallow_newline(&chars, e);
            if after != e {
                s = line_start;
                e = after;
            }
        }
        edits.push(Edit { start: s, end: e, text: String::new() });
    }
    // Enums, as tsc writes them.
    for (a, b, name, fields) in &p.enums {
        let (s, e) = (span(*a).0, span(b.saturating_sub(1)).1);
        let indent = indent_at(&chars, s);
        let mut text = format!("var {name};\n{indent}(function ({name}) {{\n");
        let mut i = 0;
        while i < fields.len() {
            let (k, v) = &fields[i];
            let numeric =
                fields.get(i + 1).is_some_and(|(k2, v2)| matches!(v2, Expr::Lit(LitV::Str(s)) if s == k) && k2.parse::<f64>().is_ok());
            match (v, numeric) {
                (Expr::Lit(LitV::Num(n)), true) => {
                    text.push_str(&format!("{indent}    {name}[{name}[\"{k}\"] = {}] = \"{k}\";\n", super::num_str(*n)));
                    i += 2;
                    continue;
                }
                (Expr::Lit(LitV::Str(v)), _) => text.push_str(&format!("{indent}    {name}[\"{k}\"] = {};\n", quote(v))),
                _ => return Err(format!("{}: dockersim: tsc: computed enum members are not simulated", p.toks.get(*a).map_or(1, |t| t.1))),
            }
            i += 1;
        }
        let export =
            if opts.commonjs && hoisted.contains(name) { format!("exports.{name} = {name} = {{}}") } else { format!("{name} = {{}}") };
        text.push_str(&format!("{indent}}})({name} || ({export}));"));
        edits.push(Edit { start: s, end: e, text });
    }
    // Parameter properties: `this.x = x;` first thing (after `super(…)`).
    for (brace, names, derived) in &p.ctors {
        let mut at = *brace;
        if *derived {
            at = super_call_end(&p, *brace).unwrap_or(*brace);
        }
        let pos = span(at).1;
        let member = indent_at(&chars, span(*brace).0);
        let unit = if member.is_empty() { "    ".to_string() } else { member.clone() };
        let mut text: String = names.iter().map(|n| format!("\n{member}{unit}this.{n} = {n};")).collect();
        if at == *brace && matches!(p.toks.get(brace + 1), Some((Tok::P("}"), _))) {
            text.push_str(&format!("\n{member}"));
        }
        edits.push(Edit { start: pos, end: pos, text });
    }

    // The CommonJS prologue.
    let is_module = prog.iter().any(|s| matches!(s, Stmt::Import(_) | Stmt::Export(_)));
    if opts.strict || (opts.commonjs && is_module) {
        prologue.push_str("\"use strict\";\n");
    }
    if opts.commonjs && needs_default_helper {
        prologue.push_str("var __importDefault = (this && this.__importDefault) || function (mod) {\n    return (mod && mod.__esModule) ? mod : { \"default\": mod };\n};\n");
    }
    if opts.commonjs && is_module {
        prologue.push_str("Object.defineProperty(exports, \"__esModule\", { value: true });\n");
        if !hoisted.is_empty() {
            let chain: String = hoisted.iter().rev().map(|n| format!("exports.{n} = ")).collect();
            prologue.push_str(&format!("{chain}void 0;\n"));
        }
        for (name, local) in &exported_fns {
            prologue.push_str(&format!("exports.{name} = {local};\n"));
        }
    }
    Ok(prologue + &apply(&chars, edits))
}

/// Applies edits in order; an edit inside one already applied is dropped.
fn apply(chars: &[char], mut edits: Vec<Edit>) -> String {
    edits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out = String::new();
    let mut at = 0;
    for e in edits {
        if e.start < at {
            continue;
        }
        out.extend(&chars[at..e.start.min(chars.len())]);
        out.push_str(&e.text);
        at = e.end.max(e.start);
    }
    if at < chars.len() {
        out.extend(&chars[at..]);
    }
    out
}

fn swallow_newline(chars: &[char], mut end: usize) -> usize {
    let save = end;
    while end < chars.len() && matches!(chars[end], ' ' | '\t' | '\r') {
        end += 1;
    }
    if end < chars.len() && chars[end] == '\n' {
        end + 1
    } else if end >= chars.len() {
        end
    } else {
        save
    }
}

fn indent_at(chars: &[char], pos: usize) -> String {
    let line_start = chars[..pos.min(chars.len())].iter().rposition(|c| *c == '\n').map_or(0, |i| i + 1);
    chars[line_start..].iter().take_while(|c| **c == ' ' || **c == '\t').collect()
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// The token after `super(…);` in a constructor body starting at `brace`.
fn super_call_end(p: &Parser, brace: usize) -> Option<usize> {
    let mut i = brace + 1;
    let mut depth = 0usize;
    while let Some((t, _)) = p.toks.get(i) {
        match t {
            Tok::Id(s) if s == "super" && depth == 0 && matches!(p.toks.get(i + 1), Some((Tok::P("("), _))) => {
                let mut d = 0usize;
                let mut j = i + 1;
                while let Some((t, _)) = p.toks.get(j) {
                    match t {
                        Tok::P("(") => d += 1,
                        Tok::P(")") => {
                            d -= 1;
                            if d == 0 {
                                break;
                            }
                        }
                        Tok::Eof => return None,
                        _ => {}
                    }
                    j += 1;
                }
                if matches!(p.toks.get(j + 1), Some((Tok::P(";"), _))) {
                    j += 1;
                }
                return Some(j);
            }
            Tok::P("{" | "(" | "[") => depth += 1,
            Tok::P("}" | ")" | "]") => {
                if depth == 0 {
                    return None;
                }
                depth -= 1;
            }
            Tok::Eof => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

/// The variable tsc names a module's import by: `express_1`, `routes_1`.
fn module_var(source: &str, taken: &mut BTreeMap<String, usize>) -> String {
    let base = source.rsplit('/').next().unwrap_or(source);
    let base = base.split('.').next().unwrap_or(base);
    let mut name: String = base.chars().map(|c| if c.is_alphanumeric() || c == '_' || c == '$' { c } else { '_' }).collect();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    let n = taken.entry(name.clone()).or_insert(0);
    *n += 1;
    format!("{name}_{n}")
}

fn import_commonjs(
    imp: &Import,
    opts: Options,
    used: &dyn Fn(&str) -> bool,
    bindings: &mut BTreeMap<String, String>,
    taken: &mut BTreeMap<String, usize>,
    needs_default_helper: &mut bool,
) -> String {
    let req = format!("require({})", quote(&imp.source));
    let default = imp.default.as_ref().filter(|d| used(d));
    let named: Vec<&(String, String)> = imp.named.iter().filter(|(_, l)| used(l)).collect();
    if imp.default.is_none() && imp.namespace.is_none() && imp.named.is_empty() {
        return format!("{req};\n");
    }
    if let Some(ns) = imp.namespace.as_ref().filter(|n| used(n)) {
        return format!("const {ns} = {req};\n");
    }
    if default.is_none() && named.is_empty() {
        return String::new();
    }
    let var = module_var(&imp.source, taken);
    if let Some(d) = default {
        bindings.insert(d.clone(), format!("{var}.default"));
    }
    for (name, local) in &named {
        bindings.insert(local.clone(), format!("{var}.{name}"));
    }
    if default.is_some() && opts.interop {
        *needs_default_helper = true;
        format!("const {var} = __importDefault({req});\n")
    } else {
        format!("const {var} = {req};\n")
    }
}

/// An import kept as an ES import, without the names used only as types.
fn import_esm(imp: &Import, used: &dyn Fn(&str) -> bool, chars: &[char], s: usize, e: usize) -> String {
    let original: String = chars[s..e].iter().collect();
    if imp.default.is_none() && imp.namespace.is_none() && imp.named.is_empty() {
        return format!("{original}\n");
    }
    let default = imp.default.as_ref().filter(|d| used(d));
    let named: Vec<String> =
        imp.named.iter().filter(|(_, l)| used(l)).map(|(n, l)| if n == l { n.clone() } else { format!("{n} as {l}") }).collect();
    let ns = imp.namespace.as_ref().filter(|n| used(n));
    let mut parts = Vec::new();
    if let Some(d) = default {
        parts.push(d.clone());
    }
    if let Some(n) = ns {
        parts.push(format!("* as {n}"));
    }
    if !named.is_empty() {
        parts.push(format!("{{ {} }}", named.join(", ")));
    }
    if parts.is_empty() {
        return String::new();
    }
    format!("import {} from {};\n", parts.join(", "), quote(&imp.source))
}

#[allow(clippy::too_many_arguments)]
fn export_commonjs(
    ex: &Export,
    p: &Parser,
    a: usize,
    b: usize,
    span: &dyn Fn(usize) -> (usize, usize),
    chars: &[char],
    edits: &mut Vec<Edit>,
    hoisted: &mut Vec<String>,
    exported_fns: &mut Vec<(String, String)>,
) -> Result<(), String> {
    let line = p.toks.get(a).map_or(1, |t| t.1);
    // The `export` keyword (and `default`) go; what follows stays.
    let kw_end = |n: usize| span(a + n - 1).1;
    let skip_space = |mut e: usize| {
        while e < chars.len() && chars[e] == ' ' {
            e += 1;
        }
        e
    };
    let stmt_end = span(b.saturating_sub(1)).1;
    match ex {
        Export::Decl(decl, names) => {
            edits.push(Edit { start: span(a).0, end: skip_space(kw_end(1)), text: String::new() });
            match &**decl {
                Stmt::Func(n, _) => exported_fns.push((n.clone(), n.clone())),
                _ if p.enums.iter().any(|en| en.0 == a + 1) => hoisted.extend(names.iter().cloned()),
                _ => {
                    hoisted.extend(names.iter().cloned());
                    let text: String = names.iter().map(|n| format!("\nexports.{n} = {n};")).collect();
                    edits.push(Edit { start: stmt_end, end: stmt_end, text });
                }
            }
        }
        Export::Default(_) => {
            edits.push(Edit { start: span(a).0, end: skip_space(kw_end(2)), text: "exports.default = ".into() });
        }
        Export::DefaultDecl(decl, name) => {
            edits.push(Edit { start: span(a).0, end: skip_space(kw_end(2)), text: String::new() });
            match &**decl {
                Stmt::Func(..) => exported_fns.push(("default".into(), name.clone())),
                _ => edits.push(Edit { start: stmt_end, end: stmt_end, text: format!("\nexports.default = {name};") }),
            }
        }
        Export::Names(names) => {
            hoisted.extend(names.iter().map(|(_, e)| e.clone()));
            let text: String = names.iter().map(|(l, e)| format!("exports.{e} = {l};\n")).collect();
            edits.push(Edit { start: span(a).0, end: swallow_newline(chars, stmt_end), text });
        }
        Export::From(..) | Export::All(..) => {
            return Err(format!("{line}: dockersim: tsc: `export … from` with \"module\": \"commonjs\" is not simulated"));
        }
    }
    Ok(())
}

/// A template literal's source with imported names in its `${…}` parts rewritten.
fn rewrite_template(raw: &str, bindings: &BTreeMap<String, String>) -> Result<String, String> {
    let c: Vec<char> = raw.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < c.len() {
        if c[i] == '\\' && i + 1 < c.len() {
            out.push(c[i]);
            out.push(c[i + 1]);
            i += 2;
            continue;
        }
        if c[i] == '$' && c.get(i + 1) == Some(&'{') {
            let start = i + 2;
            let j = super::substitution_end(&c, start);
            let code: String = c[start..j.min(c.len())].iter().collect();
            out.push_str("${");
            out.push_str(&rewrite_expr(&code, bindings)?);
            out.push('}');
            i = j + 1;
            continue;
        }
        out.push(c[i]);
        i += 1;
    }
    Ok(out)
}

fn rewrite_expr(code: &str, bindings: &BTreeMap<String, String>) -> Result<String, String> {
    let chars: Vec<char> = code.chars().collect();
    let (toks, spans) = lex_spanned(code)?;
    let mut p = Parser::new(toks, true, 0);
    p.expr()?;
    Ok(apply(&chars, rewrite_refs(&p, &spans, bindings)))
}

/// The edits that rewrite references to imported names: `express` →
/// `express_1.default`, called as `(0, express_1.default)(…)`, and in a
/// shorthand property `{ express: express_1.default }`.
fn rewrite_refs(p: &Parser, spans: &[(usize, usize)], bindings: &BTreeMap<String, String>) -> Vec<Edit> {
    let mut edits = Vec::new();
    for &(t, shorthand) in &p.refs {
        let Some((Tok::Id(n), _)) = p.toks.get(t) else { continue };
        let Some(with) = bindings.get(n) else { continue };
        let Some(&(s, e)) = spans.get(t) else { continue };
        let called = matches!(p.toks.get(t + 1), Some((Tok::P("("), _)))
            && !matches!(t.checked_sub(1).and_then(|i| p.toks.get(i)), Some((Tok::Id(k), _)) if k == "new")
            && with.contains('.');
        let text = if shorthand {
            format!("{n}: {with}")
        } else if called {
            format!("(0, {with})")
        } else {
            with.clone()
        };
        edits.push(Edit { start: s, end: e, text });
    }
    edits
}
