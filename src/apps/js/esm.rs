//! ES modules: `import` and `export` statements, which module system a
//! file is run in (as Node decides: `.mjs`/`.cjs`, the nearest
//! package.json's `"type"`, and from Node 22.7 the syntax itself), and
//! Node's errors for the mistakes tutorials make with them.

use super::{class, Expr, Parser, Pat, Scope, Stmt, Thrown, Tok, Val, World, PR, R};

/// `import d, { a, b as c } from 'm'`, `import * as ns from 'm'`, `import 'm'`.
#[derive(Clone, Debug)]
pub struct Import {
    pub source: String,
    pub default: Option<String>,
    pub namespace: Option<String>,
    /// (imported name, local name).
    pub named: Vec<(String, String)>,
    pub line: usize,
}

#[derive(Clone, Debug)]
pub enum Export {
    /// `export const x = …`, `export function f`, `export class C`: the
    /// declaration and the names it exports.
    Decl(Box<Stmt>, Vec<String>),
    /// `export default <expr>`.
    Default(Expr),
    /// `export default function f() {}` / `class C {}`: declared as `name`.
    DefaultDecl(Box<Stmt>, String),
    /// `export { local as exported }`.
    Names(Vec<(String, String)>),
    /// `export { a as b } from 'm'`.
    From(String, Vec<(String, String)>),
    /// `export * from 'm'`, `export * as ns from 'm'`.
    All(String, Option<String>),
}

/// The names a pattern binds.
fn pat_names(p: &Pat, out: &mut Vec<String>) {
    match p {
        Pat::Name(n) => out.push(n.clone()),
        Pat::Obj(fields) => fields.iter().for_each(|(_, t)| pat_names(t, out)),
        Pat::Arr(items) => items.iter().flatten().for_each(|t| pat_names(t, out)),
        Pat::Default(p, _) | Pat::Rest(p) => pat_names(p, out),
    }
}

fn decl_names(s: &Stmt, out: &mut Vec<String>) {
    match s {
        Stmt::Let(p, _) => pat_names(p, out),
        Stmt::Seq(all) => all.iter().for_each(|s| decl_names(s, out)),
        Stmt::Func(n, _) | Stmt::Class(n, _) => out.push(n.clone()),
        _ => {}
    }
}

impl Parser {
    fn module_source(&mut self) -> PR<String> {
        match self.next() {
            Tok::Str(s) => {
                // import attributes: `with { type: 'json' }`
                if self.is("with") || self.is("assert") {
                    self.next();
                    self.block_skip()?;
                }
                self.semi();
                Ok(s)
            }
            _ => {
                self.pos = self.pos.saturating_sub(1);
                Err(self.err())
            }
        }
    }

    fn block_skip(&mut self) -> PR<()> {
        self.expect("{")?;
        while !self.eat("}") {
            if *self.peek() == Tok::Eof {
                return Err(self.err());
            }
            self.next();
        }
        Ok(())
    }

    /// `{ a, b as c, type T }` (TypeScript's type-only names dropped).
    fn name_list(&mut self) -> PR<Vec<(String, String)>> {
        self.expect("{")?;
        let mut out = Vec::new();
        while !self.eat("}") {
            let start = self.pos;
            let mut name = match self.next() {
                Tok::Id(n) | Tok::Str(n) => n,
                _ => {
                    self.pos = self.pos.saturating_sub(1);
                    return Err(self.err());
                }
            };
            let mut type_only = false;
            if self.ts && name == "type" && matches!(self.peek(), Tok::Id(_) | Tok::Str(_)) {
                type_only = true;
                name = match self.next() {
                    Tok::Id(n) | Tok::Str(n) => n,
                    _ => String::new(),
                };
            }
            let local = if self.eat("as") { self.ident().or_else(|_| self.string())? } else { name.clone() };
            if type_only {
                self.ts_skipped(start);
            } else {
                out.push((name, local));
            }
            if !self.eat(",") {
                self.expect("}")?;
                break;
            }
        }
        Ok(out)
    }

    fn string(&mut self) -> PR<String> {
        match self.next() {
            Tok::Str(s) => Ok(s),
            _ => {
                self.pos = self.pos.saturating_sub(1);
                Err(self.err())
            }
        }
    }

    /// After `import` (not `import(` or `import.meta`).
    pub(super) fn import_stmt(&mut self, start: usize) -> PR<Stmt> {
        let line = self.line();
        let after = self.toks.get(self.pos + 1).map(|t| &t.0);
        let type_only =
            self.ts && self.is("type") && !matches!(after, Some(Tok::P(","))) && !matches!(after, Some(Tok::Id(f)) if f == "from");
        if type_only {
            // import type { X } from 'm' — all of it TypeScript.
            while !matches!(self.peek(), Tok::Str(_) | Tok::Eof) {
                self.next();
            }
            self.module_source()?;
            self.ts_skipped(start);
            return Ok(Stmt::Empty);
        }
        let mut imp = Import { source: String::new(), default: None, namespace: None, named: Vec::new(), line };
        if let Tok::Str(_) = self.peek() {
            imp.source = self.module_source()?;
            return Ok(Stmt::Import(imp));
        }
        if let Tok::Id(d) = self.peek().clone() {
            if d != "from" || matches!(self.toks.get(self.pos + 1), Some((Tok::Id(f), ..)) if f == "from") {
                self.next();
                imp.default = Some(d);
                if !self.eat(",") {
                    self.expect("from")?;
                    imp.source = self.module_source()?;
                    return Ok(Stmt::Import(imp));
                }
            }
        }
        if self.eat("*") {
            self.expect("as")?;
            imp.namespace = Some(self.ident()?);
        } else {
            imp.named = self.name_list()?;
        }
        self.expect("from")?;
        imp.source = self.module_source()?;
        if self.ts && imp.default.is_none() && imp.namespace.is_none() && imp.named.is_empty() {
            // Every name was a type: tsc drops the whole import.
            self.ts_skipped(start);
            return Ok(Stmt::Empty);
        }
        Ok(Stmt::Import(imp))
    }

    /// After `export`.
    pub(super) fn export_stmt(&mut self, start: usize) -> PR<Stmt> {
        if self.eat("default") {
            if self.is("function") || (self.is("async") && matches!(self.toks.get(self.pos + 1), Some((Tok::Id(f), ..)) if f == "function"))
            {
                self.eat("async");
                self.next();
                self.eat("*");
                let name = match self.peek() {
                    Tok::Id(n) => {
                        let n = n.clone();
                        self.next();
                        n
                    }
                    _ => "default".to_string(),
                };
                let f = self.func_rest()?;
                return Ok(Stmt::Export(Export::DefaultDecl(Box::new(Stmt::Func(name.clone(), f)), name)));
            }
            if self.is("class") || (self.ts && self.is("abstract")) {
                self.eat("abstract");
                self.next();
                let def = self.class_rest(false)?;
                let name = if def.name.is_empty() { "default".to_string() } else { def.name.clone() };
                return Ok(Stmt::Export(Export::DefaultDecl(Box::new(Stmt::Class(name.clone(), def)), name)));
            }
            if self.ts && self.is("interface") {
                self.ts_stmt()?;
                self.ts_skipped(start);
                return Ok(Stmt::Empty);
            }
            let e = self.assign()?;
            self.semi();
            return Ok(Stmt::Export(Export::Default(e)));
        }
        if self.eat("*") {
            let ns = if self.eat("as") { Some(self.ident()?) } else { None };
            self.expect("from")?;
            let src = self.module_source()?;
            return Ok(Stmt::Export(Export::All(src, ns)));
        }
        if self.ts && self.is("type") && matches!(self.toks.get(self.pos + 1), Some((Tok::P("{" | "*"), ..))) {
            while !matches!(self.peek(), Tok::P(";") | Tok::Eof) && !self.is("}") {
                self.next();
            }
            self.eat("}");
            if self.eat("from") {
                self.module_source()?;
            } else {
                self.semi();
            }
            self.ts_skipped(start);
            return Ok(Stmt::Empty);
        }
        if self.is("{") {
            let names = self.name_list()?;
            if self.eat("from") {
                let src = self.module_source()?;
                return Ok(Stmt::Export(Export::From(src, names)));
            }
            self.semi();
            return Ok(Stmt::Export(Export::Names(names)));
        }
        if self.is("=") {
            return Err(format!("{}: dockersim: TypeScript's `export =` is not simulated", self.line()));
        }
        let decl = self.stmt()?;
        if matches!(decl, Stmt::Empty) {
            // export interface / export type / export declare
            self.ts_skipped(start);
            return Ok(Stmt::Empty);
        }
        let mut names = Vec::new();
        decl_names(&decl, &mut names);
        if names.is_empty() {
            return Err(format!("{}: SyntaxError: Unexpected token 'export'", self.line()));
        }
        Ok(Stmt::Export(Export::Decl(Box::new(decl), names)))
    }
}

/// Whether a program uses module syntax at its top level.
pub(super) fn has_module_syntax(prog: &[Stmt]) -> Option<&'static str> {
    prog.iter().find_map(|s| match s {
        Stmt::Import(_) => Some("import"),
        Stmt::Export(_) => Some("export"),
        _ => None,
    })
}

/// How Node runs a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    CommonJs,
    /// An ES module, and why (the package.json that says so), for errors.
    Esm(Option<String>),
}

impl World<'_> {
    /// The nearest package.json above `path`, and its `"type"`.
    pub(super) fn package_type(&self, path: &str) -> Option<(String, Option<String>)> {
        let mut dir = path.rsplit_once('/').map_or("/", |(d, _)| d).to_string();
        for _ in 0..32 {
            let pj = format!("{}/package.json", dir.trim_end_matches('/'));
            if let Some(text) = self.read_text(&pj) {
                let ty = serde_json::from_str::<serde_json::Value>(&text)
                    .ok()
                    .and_then(|j| j.get("type").and_then(|t| t.as_str()).map(str::to_string));
                return Some((pj, ty));
            }
            if dir.is_empty() || dir == "/" {
                return None;
            }
            dir = dir.rsplit_once('/').map_or("/", |(d, _)| if d.is_empty() { "/" } else { d }).to_string();
        }
        None
    }

    /// Which module system runs `path`, given the syntax it uses. Err: Node's
    /// SyntaxError for module syntax in a CommonJS file.
    pub(super) fn module_kind(&mut self, path: &str, syntax: Option<&'static str>, line: usize) -> R<Kind> {
        let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
        match ext {
            "mjs" | "mts" => return Ok(Kind::Esm(None)),
            "cjs" | "cts" => return self.commonjs(syntax, line),
            _ => {}
        }
        let pkg = self.package_type(path);
        if let Some((pj, Some(ty))) = &pkg {
            if ty == "module" {
                return Ok(Kind::Esm(Some(pj.clone())));
            }
            return self.commonjs(syntax, line);
        }
        if syntax.is_none() {
            return Ok(Kind::CommonJs);
        }
        // No "type": Node 22.7+ (and 20.19+) detects module syntax.
        if self.node_at_least(22, 7) || (self.node_major() == 20 && self.node_at_least(20, 19)) {
            if let Some((pj, None)) = pkg {
                if self.warned_typeless.insert(pj.clone()) {
                    self.stderr.push_str(&format!(
                        "(node:1) [MODULE_TYPELESS_PACKAGE_JSON] Warning: Module type of file://{path} is not specified and it doesn't parse as CommonJS.\nReparsing as ES module because module syntax was detected. This incurs a performance overhead.\nTo eliminate this warning, add \"type\": \"module\" to {pj}.\n(Use `node --trace-warnings ...` to show where the warning was created)\n"
                    ));
                }
            }
            return Ok(Kind::Esm(None));
        }
        self.commonjs(syntax, line)
    }

    /// CommonJS, or for module syntax Node's warning and SyntaxError.
    fn commonjs(&mut self, syntax: Option<&'static str>, line: usize) -> R<Kind> {
        match syntax {
            None => Ok(Kind::CommonJs),
            Some(word) => {
                self.stderr.push_str("(node:1) Warning: To load an ES module, set \"type\": \"module\" in the package.json or use the .mjs extension.\n(Use `node --trace-warnings ...` to show where the warning was created)\n");
                let msg = if word == "import" {
                    "Cannot use import statement outside a module".to_string()
                } else {
                    "Unexpected token 'export'".to_string()
                };
                Err(Thrown::Error("SyntaxError".into(), format!("{line}: SyntaxError: {msg}")))
            }
        }
    }

    fn node_major(&self) -> u32 {
        self.node_version().split('.').next().and_then(|m| m.parse().ok()).unwrap_or(0)
    }

    pub(super) fn node_at_least(&self, major: u32, minor: u32) -> bool {
        let v = self.node_version();
        let mut it = v.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
        let (ma, mi) = (it.next().unwrap_or(0), it.next().unwrap_or(0));
        (ma, mi) >= (major, minor)
    }

    /// Declares what an ES module's scope has instead of CommonJS's
    /// `require`, `module` and `__dirname`.
    pub(super) fn esm_scope(&self, scope: &Scope, path: &str, why: &Option<String>) {
        let dir = path.rsplit_once('/').map_or("/", |(d, _)| if d.is_empty() { "/" } else { d });
        scope.declare(
            "import.meta",
            Val::obj(vec![("dirname", Val::s(dir)), ("filename", Val::s(path)), ("url", Val::s(&format!("file://{path}")))]),
        );
        scope.declare("this", Val::Undef);
        let note = match why {
            Some(pj) => format!("\nThis file is being treated as an ES module because it has a '.js' file extension and '{pj}' contains \"type\": \"module\". To treat it as a CommonJS script, rename it to use the '.cjs' file extension."),
            None => String::new(),
        };
        scope.declare("\0esm", Val::s(&note));
    }

    /// Runs `import …`: binds the names in `scope`.
    pub(super) fn exec_import(&mut self, imp: &Import, scope: &Scope) -> R<()> {
        if self.file_stack.len() == 1 {
            self.line = imp.line;
        }
        let (exports, esm, file) = self.import_module(&imp.source)?;
        if let Some(d) = &imp.default {
            let v = if esm { self.esm_export(&exports, "default", &imp.source)? } else { exports.clone() };
            scope.declare(d, v);
        }
        if let Some(ns) = &imp.namespace {
            scope.declare(ns, exports.clone());
        }
        let detected = match (&file, esm) {
            (Some(path), false) => Some(cjs_export_names(&self.read_text(path).unwrap_or_default())),
            _ => None,
        };
        for (name, local) in &imp.named {
            if detected.as_ref().is_some_and(|n| !n.contains(name)) {
                let src = &imp.source;
                return Err(Thrown::Error("SyntaxError".into(), format!("0: SyntaxError: Named export '{name}' not found. The requested module '{src}' is a CommonJS module, which may not support all module.exports as named exports.\nCommonJS modules can always be imported via the default export, for example using:\n\nimport pkg from '{src}';\nconst {{ {name} }} = pkg;\n")));
            }
            let v = if esm { self.esm_export(&exports, name, &imp.source)? } else { self.member(&exports, name)? };
            scope.declare(local, v);
        }
        Ok(())
    }

    fn esm_export(&mut self, exports: &Val, name: &str, source: &str) -> R<Val> {
        if let Val::Obj(o) = exports {
            if let Some((_, v)) = o.borrow().iter().find(|(k, _)| k == name) {
                return Ok(v.clone());
            }
        }
        Err(Thrown::Error(
            "SyntaxError".into(),
            format!("0: SyntaxError: The requested module '{source}' does not provide an export named '{name}'"),
        ))
    }

    /// The exports of the module `source`, whether it is an ES module, and
    /// its file when it is one of the program's own.
    fn import_module(&mut self, source: &str) -> R<(Val, bool, Option<String>)> {
        let from = self.file_stack.last().cloned().unwrap_or_default();
        let relative = source.starts_with("./") || source.starts_with("../") || source.starts_with('/');
        let is_esm =
            |v: &Val| matches!(v, Val::Obj(_)) && (matches!(v.get_own("\0esm"), Val::Bool(true)) || v.get_own("__esModule").truthy());
        if relative && self.loose_imports {
            let v = self.require(source)?;
            let esm = is_esm(&v);
            return Ok((v, esm, None));
        }
        if relative {
            // ES modules name files exactly: no extensions or index files added.
            let dir = from.rsplit_once('/').map_or("/".to_string(), |(d, _)| if d.is_empty() { "/".into() } else { d.to_string() });
            let path = crate::vfs::join(&dir, source);
            if !matches!(self.fs.get(&path), Ok(crate::vfs::Node::File { .. })) && !self.written.contains_key(&path) {
                let hint = ["js", "mjs", "cjs", "json"]
                    .iter()
                    .map(|e| format!("{path}.{e}"))
                    .chain(["index.js"].iter().map(|i| format!("{path}/{i}")))
                    .find(|c| self.fs.exists(c))
                    .map(|c| format!("\nDid you mean to import \"{}\"?", c.replacen(&dir, ".", 1)))
                    .unwrap_or_default();
                return Err(Thrown::Error(
                    "ERR_MODULE_NOT_FOUND".into(),
                    format!("Cannot find module '{path}' imported from {from}{hint}"),
                ));
            }
            let exports = self.load_file(&path)?;
            let esm = is_esm(&exports);
            return Ok((exports, esm, Some(path)));
        }
        match self.require(source) {
            Ok(v) => {
                let esm = is_esm(&v);
                Ok((v, esm, None))
            }
            Err(Thrown::Error(k, _)) if k == "MODULE_NOT_FOUND" => {
                let pkg = package_name(source);
                Err(Thrown::Error("ERR_MODULE_NOT_FOUND".into(), format!("Cannot find package '{pkg}' imported from {from}")))
            }
            Err(e) => Err(e),
        }
    }

    /// Runs `export …` in a module whose exports object is `exports`.
    pub(super) fn exec_export(&mut self, ex: &Export, scope: &Scope) -> R<()> {
        let exports = scope.get("\0exports").unwrap_or(Val::Undef);
        match ex {
            Export::Decl(decl, names) => {
                if let Stmt::Class(name, def) = &**decl {
                    let c = self.make_class(def, scope)?;
                    scope.declare(name, c);
                } else {
                    self.exec(decl, scope)?;
                }
                for n in names {
                    exports.set(n, scope.get(n).unwrap_or(Val::Undef));
                }
            }
            Export::Default(e) => {
                let v = self.eval(e, scope)?;
                exports.set("default", v);
            }
            Export::DefaultDecl(decl, name) => {
                let v = match &**decl {
                    Stmt::Class(_, def) => self.make_class(def, scope)?,
                    Stmt::Func(_, f) => self.make_fn(f, scope),
                    _ => Val::Undef,
                };
                if name != "default" {
                    scope.declare(name, v.clone());
                }
                exports.set("default", v);
            }
            Export::Names(names) => {
                for (local, exported) in names {
                    let v = match scope.get(local) {
                        Some(v) => v,
                        None => {
                            return Err(Thrown::Error(
                                "SyntaxError".into(),
                                format!("0: SyntaxError: Export '{local}' is not defined in module"),
                            ))
                        }
                    };
                    exports.set(exported, v);
                }
            }
            Export::From(src, names) => {
                let (m, esm, _) = self.import_module(src)?;
                for (name, exported) in names {
                    let v = if esm || name != "default" { self.member(&m, name)? } else { m.clone() };
                    exports.set(exported, v);
                }
            }
            Export::All(src, ns) => {
                let (m, _, _) = self.import_module(src)?;
                match ns {
                    Some(n) => exports.set(n, m),
                    None => {
                        if let Val::Obj(o) = &m {
                            let fields: Vec<(String, Val)> = o.borrow().clone();
                            for (k, v) in fields {
                                if k != "default" && !class::hidden(&k) {
                                    exports.set(&k, v);
                                }
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// The names Node's CommonJS lexer finds a module exporting: `exports.x =`,
/// `module.exports.x =`, and `module.exports = { a, b: c }` (identifier
/// values only; the lexer stops at anything else).
fn cjs_export_names(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let ident = |s: &str| -> String { s.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$').collect() };
    let mut rest = src;
    while let Some(i) = rest.find("exports") {
        let before = rest[..i].chars().next_back();
        let after = &rest[i + "exports".len()..];
        rest = after;
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        if let Some(tail) = after.strip_prefix('.') {
            let name = ident(tail);
            let next = tail[name.len()..].trim_start();
            if !name.is_empty() && next.starts_with('=') && !next.starts_with("==") {
                out.push(name);
            }
        } else if let Some(obj) = after.trim_start().strip_prefix('=').map(str::trim_start).and_then(|t| t.strip_prefix('{')) {
            for entry in obj.split([',', '}']) {
                let entry = entry.trim();
                if entry.is_empty() {
                    break;
                }
                let (key, value) = entry.split_once(':').map_or((entry, entry), |(k, v)| (k.trim(), v.trim()));
                let key = key.trim_matches(|c| c == '\'' || c == '"');
                if ident(value) != value || ident(key) != key {
                    break;
                }
                out.push(key.to_string());
            }
        }
    }
    out
}

/// `express` of `express/lib/router`, `@scope/pkg` of `@scope/pkg/sub`.
pub fn package_name(spec: &str) -> String {
    let mut parts = spec.split('/');
    let first = parts.next().unwrap_or("");
    if first.starts_with('@') {
        format!("{first}/{}", parts.next().unwrap_or(""))
    } else {
        first.to_string()
    }
}
