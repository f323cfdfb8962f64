//! Classes: `class A extends B { field = 1; constructor() { super() } m() {}
//! static s() {} get g() {} }`, parsed into a [`ClassDef`] and made at run
//! time into a class value: an object holding its `prototype` (methods,
//! getters), its statics, its constructor and its parent. Instances link to
//! the prototype through the hidden `\0proto` key, which property lookup
//! follows and printing, keys and JSON leave out.

use super::{FnDef, FnSrc, Parser, Scope, Thrown, Tok, Val, World, PR, R};
use std::rc::Rc;

/// What a class member is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Method,
    Get,
    Set,
}

#[derive(Debug)]
pub struct Method {
    pub name: String,
    pub kind: Kind,
    pub is_static: bool,
    pub def: Rc<FnDef>,
}

#[derive(Debug)]
pub struct ClassDef {
    pub name: String,
    pub parent: Option<super::Expr>,
    pub ctor: Option<Rc<FnDef>>,
    /// TypeScript parameter properties: (parameter index, name).
    pub param_props: Vec<(usize, String)>,
    pub methods: Vec<Method>,
    /// Fields: name, initialiser, static.
    pub fields: Vec<(String, Option<super::Expr>, bool)>,
}

/// The hidden key linking an object to its prototype.
pub const PROTO: &str = "\0proto";

/// Keys that are not the object's own enumerable properties.
pub fn hidden(key: &str) -> bool {
    key.starts_with('\0') || key.starts_with('#')
}

/// Whether `v` is a class value.
pub fn is_class(v: &Val) -> bool {
    matches!(v, Val::Obj(o) if o.borrow().iter().any(|(k, _)| k == "\0class"))
}

/// The class name an instance prints with (`User { … }`), if any.
pub fn instance_name(fields: &[(String, Val)]) -> Option<String> {
    let proto = fields.iter().find(|(k, _)| k == PROTO)?.1.clone();
    match &proto.get("\0name") {
        Val::Str(s) => Some(s.to_string()),
        _ => None,
    }
}

/// `x instanceof C` for classes: C's prototype is on x's chain.
pub fn instance_of(x: &Val, class: &Val) -> bool {
    let proto = class.get("prototype");
    let Val::Obj(target) = &proto else { return false };
    let mut cur = x.get(PROTO);
    for _ in 0..64 {
        match &cur {
            Val::Obj(p) if Rc::ptr_eq(p, target) => return true,
            Val::Obj(_) => cur = cur.get(PROTO),
            _ => return false,
        }
    }
    false
}

impl Parser {
    /// After `class`: an optional name, `extends`, `implements`, the body.
    pub(super) fn class_rest(&mut self, name_required: bool) -> PR<Rc<ClassDef>> {
        let name = match self.peek() {
            Tok::Id(n) if n != "extends" && n != "implements" => {
                let n = n.clone();
                self.next();
                n
            }
            _ if name_required => return Err(self.err()),
            _ => String::new(),
        };
        self.ts_type_params()?;
        let parent = if self.eat("extends") {
            let e = self.postfix_no_call()?;
            if self.ts && self.is("<") {
                let s = self.pos;
                self.skip_angles()?;
                self.ts_skipped(s);
            }
            Some(e)
        } else {
            None
        };
        if self.ts && self.is("implements") {
            let s = self.pos;
            self.next();
            loop {
                self.skip_type()?;
                if !self.eat(",") {
                    break;
                }
            }
            self.ts_skipped(s);
        }
        self.expect("{")?;
        let mut def = ClassDef { name, parent, ctor: None, param_props: Vec::new(), methods: Vec::new(), fields: Vec::new() };
        while !self.eat("}") {
            if *self.peek() == Tok::Eof {
                return Err(self.err());
            }
            if self.eat(";") {
                continue;
            }
            self.class_member(&mut def)?;
        }
        Ok(Rc::new(def))
    }

    fn class_member(&mut self, def: &mut ClassDef) -> PR<()> {
        let member_start = self.pos;
        let mut is_static = false;
        let mut kind = Kind::Method;
        let mut is_abstract = false;
        // Modifiers, when a name follows them (`static()` is a method named static).
        while let Tok::Id(w) = self.peek().clone() {
            let follows_name = matches!(self.toks.get(self.pos + 1), Some((Tok::Id(_) | Tok::Str(_) | Tok::P("[" | "*"), ..)));
            if !follows_name {
                break;
            }
            match w.as_str() {
                "static" => is_static = true,
                "async" => {}
                "get" => kind = Kind::Get,
                "set" => kind = Kind::Set,
                "public" | "private" | "protected" | "readonly" | "override" | "declare" | "accessor" if self.ts => {
                    let s = self.pos;
                    self.next();
                    self.ts_skipped(s);
                    continue;
                }
                "abstract" if self.ts => is_abstract = true,
                _ => break,
            }
            self.next();
        }
        if is_static && self.is("{") {
            return Err(format!("{}: dockersim: static blocks in classes are not simulated", self.line()));
        }
        self.eat("*");
        let name = match self.next() {
            Tok::Id(n) | Tok::Str(n) => n,
            Tok::Num(n) => super::num_str(n),
            Tok::P("[") => return Err(format!("{}: dockersim: computed class member names are not simulated", self.line())),
            _ => {
                self.pos = self.pos.saturating_sub(1);
                return Err(self.err());
            }
        };
        if self.is("(") || self.is("<") {
            self.ts_type_params()?;
            self.expect("(")?;
            let ctor = name == "constructor" && !is_static;
            if ctor {
                self.param_props.clear();
            }
            let params = self.params()?;
            if ctor {
                def.param_props = std::mem::take(&mut self.param_props);
            }
            self.ts_return_type()?;
            if self.ts && !self.is("{") {
                // An overload signature or an abstract method: no body.
                self.eat(";");
                self.ts_skipped(member_start);
                return Ok(());
            }
            if ctor && self.ts && !def.param_props.is_empty() {
                let names = def.param_props.iter().map(|(_, n)| n.clone()).collect();
                self.ctors.push((self.pos, names, def.parent.is_some()));
            }
            let body = self.block()?;
            let f = Rc::new(FnDef { params, body: FnSrc::Block(body), arrow: false });
            if ctor {
                def.ctor = Some(f);
            } else {
                def.methods.push(Method { name, kind, is_static, def: f });
            }
            return Ok(());
        }
        // A field: `name`, `name = value`, `name?: T`, `name!: T = v`.
        let before_type = self.pos;
        self.ts_optional_and_type()?;
        let declared_only = self.pos > before_type && !self.is("=");
        let init = if self.eat("=") { Some(self.assign()?) } else { None };
        self.eat(";");
        if is_abstract || (self.ts && declared_only && init.is_none()) {
            // `abstract x: T;` and `x: T;` make no field in tsc's output (before ES2022 fields).
            self.ts_skipped(member_start);
            return Ok(());
        }
        def.fields.push((name, init, is_static));
        Ok(())
    }
}

impl World<'_> {
    /// Makes the class value of a definition, in `scope`.
    pub(super) fn make_class(&mut self, def: &Rc<ClassDef>, scope: &Scope) -> R<Val> {
        let parent = match &def.parent {
            Some(e) => Some(self.eval(e, scope)?),
            None => None,
        };
        let proto = Val::obj(vec![("\0name", Val::s(&def.name))]);
        let class = Val::obj(vec![("\0class", Val::s(&def.name)), ("prototype", proto.clone()), ("name", Val::s(&def.name))]);
        match &parent {
            Some(p) if is_class(p) => {
                proto.set(PROTO, p.get("prototype"));
                class.set(PROTO, p.clone());
                class.set("\0super", p.clone());
            }
            Some(Val::Native(n, _)) if &**n == "module.Error" => class.set("\0super", parent.clone().unwrap_or(Val::Undef)),
            Some(Val::Native(n, _)) => {
                return Err(Thrown::Error(
                    "Error".into(),
                    format!("dockersim: extending {} is not simulated", n.trim_start_matches("module.").trim_start_matches("pkg.")),
                ))
            }
            Some(other) => {
                return Err(super::type_error(format!(
                    "Class extends value {} is not a constructor or null",
                    super::inspect(other, 0, false)
                )))
            }
            None => {}
        }
        let inner = Scope::new(Some(scope.clone()));
        if !def.name.is_empty() {
            inner.declare(&def.name, class.clone());
        }
        for m in &def.methods {
            let f = Val::Func(Rc::new(super::Func { def: m.def.clone(), scope: inner.clone(), home: Some(class.clone()) }));
            let key = match m.kind {
                Kind::Method => m.name.clone(),
                Kind::Get => format!("\0get:{}", m.name),
                Kind::Set => format!("\0set:{}", m.name),
            };
            if m.is_static { &class } else { &proto }.set(&key, f);
        }
        if let Some(c) = &def.ctor {
            class.set("\0ctor", Val::Func(Rc::new(super::Func { def: c.clone(), scope: inner.clone(), home: Some(class.clone()) })));
        }
        let id = self.classes.len();
        self.classes.push((def.clone(), inner.clone()));
        class.set("\0def", Val::Num(id as f64));
        // Static fields, with `this` the class.
        self.set_fields(def, &inner, &class, true)?;
        Ok(class)
    }

    /// `new C(…args)`.
    pub(super) fn construct(&mut self, class: &Val, args: Vec<Val>) -> R<Val> {
        let inst = Val::obj(vec![(PROTO, class.get("prototype"))]);
        self.init_instance(class, &inst, args)?;
        Ok(inst)
    }

    /// Runs a class's constructor on `inst` (its parent's first, through
    /// `super(…)` or implicitly).
    fn init_instance(&mut self, class: &Val, inst: &Val, args: Vec<Val>) -> R<()> {
        self.tick()?;
        let parent = class.get("\0super");
        match class.get("\0ctor") {
            f @ Val::Func(_) => {
                if matches!(parent, Val::Undef) {
                    self.init_fields(class, inst, &args)?;
                }
                self.call_with(&f, inst.clone(), args)?;
            }
            _ => {
                if !matches!(parent, Val::Undef) {
                    self.super_construct(&parent, inst, args.clone())?;
                }
                self.init_fields(class, inst, &args)?;
            }
        }
        Ok(())
    }

    fn super_construct(&mut self, parent: &Val, inst: &Val, args: Vec<Val>) -> R<()> {
        if is_class(parent) {
            if self.stack + 3 > super::STACK_UNITS {
                return Err(super::stack_exceeded());
            }
            self.stack += 3;
            let r = self.init_instance(parent, inst, args);
            self.stack -= 3;
            return r;
        }
        // extends Error
        if let Some(m) = args.first().filter(|m| !matches!(m, Val::Undef)) {
            inst.set("message", Val::s(&m.to_str()));
        }
        Ok(())
    }

    /// Instance fields and TypeScript parameter properties, `this` = inst.
    fn init_fields(&mut self, class: &Val, inst: &Val, args: &[Val]) -> R<()> {
        let Val::Num(id) = class.get("\0def") else { return Ok(()) };
        let Some((def, scope)) = self.classes.get(id as usize).cloned() else { return Ok(()) };
        for (i, name) in &def.param_props {
            inst.set(name, args.get(*i).cloned().unwrap_or(Val::Undef));
        }
        self.set_fields(&def, &scope, inst, false)
    }

    /// The static or the instance fields of a class, set on `target`
    /// (which each initialiser sees as `this`).
    fn set_fields(&mut self, def: &ClassDef, scope: &Scope, target: &Val, statics: bool) -> R<()> {
        for (name, init, is_static) in &def.fields {
            if *is_static == statics {
                let s = Scope::new(Some(scope.clone()));
                s.declare("this", target.clone());
                let v = match init {
                    Some(e) => self.eval(e, &s)?,
                    None => Val::Undef,
                };
                target.set(name, v);
            }
        }
        Ok(())
    }

    /// `super(…)` in a derived constructor: the parent's constructor on
    /// this instance, then this class's fields.
    pub(super) fn call_super(&mut self, payload: &Val, args: Vec<Val>) -> R<Val> {
        let class = payload.get("0");
        let inst = payload.get("1");
        let own_args = match &payload.get("2") {
            Val::Arr(a) => a.borrow().clone(),
            _ => Vec::new(),
        };
        let parent = class.get("\0super");
        if !matches!(parent, Val::Undef) {
            self.super_construct(&parent, &inst, args)?;
        }
        self.init_fields(&class, &inst, &own_args)?;
        Ok(Val::Undef)
    }

    /// `super.name`: the parent prototype's member (the parent class's,
    /// in a static method).
    pub(super) fn super_member(&mut self, payload: &Val, key: &str) -> R<Val> {
        let class = payload.get("0");
        let this = payload.get("1");
        let parent = class.get("\0super");
        let from = if is_class(&this) { parent } else { parent.get("prototype") };
        self.member(&from, key)
    }

    /// A getter on `obj`'s prototype chain for `key`, called with `this`.
    pub(super) fn getter(&mut self, obj: &Val, key: &str) -> R<Option<Val>> {
        match accessor(obj, &format!("\0get:{key}"), Some(key)) {
            Some(g) => self.call_with(&g, obj.clone(), Vec::new()).map(Some),
            None => Ok(None),
        }
    }

    /// A setter on `obj`'s prototype chain for `key`: true when one ran.
    pub(super) fn setter(&mut self, obj: &Val, key: &str, v: &Val) -> R<bool> {
        match accessor(&obj.get_own(PROTO), &format!("\0set:{key}"), None) {
            Some(s) => self.call_with(&s, obj.clone(), vec![v.clone()]).map(|_| true),
            None => Ok(false),
        }
    }
}

/// The accessor `name` on the chain from `start`; the search stops at an
/// object that has `shadow` as a plain property.
fn accessor(start: &Val, name: &str, shadow: Option<&str>) -> Option<Val> {
    let mut cur = start.clone();
    for _ in 0..64 {
        let Val::Obj(o) = &cur else { return None };
        let next = {
            let b = o.borrow();
            if let Some((_, f)) = b.iter().find(|(k, _)| k == name) {
                return Some(f.clone());
            }
            if shadow.is_some_and(|s| b.iter().any(|(k, _)| k == s)) {
                return None;
            }
            b.iter().find(|(k, _)| k == PROTO).map(|(_, p)| p.clone())?
        };
        cur = next;
    }
    None
}
