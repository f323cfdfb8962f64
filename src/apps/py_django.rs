//! Django for the Python evaluator. The package's modules are Python source
//! in `pysite/` (with `pathlib`, which settings files use), run by the
//! evaluator when a program imports them and Django is installed; they call
//! back into Rust through the `_dockersim` module for what Python code here
//! cannot do itself (the installed version, imports by name, the clock,
//! regular expressions, the database file, the pages Django serves).
//! `manage.py runserver` ends in [`Serving`]; each request then runs
//! `django.core.handlers.handle` again over the project's files
//! ([`request`]).

use super::py_eval::{Ctl, Py, Scope, R, V};
use std::collections::BTreeMap;
use std::rc::Rc;

/// Module name → Python source. Packages are their `__init__.py`.
const SITE: &[(&str, &str)] = &[
    ("pathlib", include_str!("pysite/pathlib.py")),
    ("re", include_str!("pysite/re.py")),
    ("django", include_str!("pysite/django/__init__.py")),
    ("django.apps", include_str!("pysite/django/apps/__init__.py")),
    ("django.conf", include_str!("pysite/django/conf/__init__.py")),
    ("django.conf.templates", include_str!("pysite/django/conf/templates.py")),
    ("django.conf.urls", include_str!("pysite/django/conf/urls/__init__.py")),
    ("django.conf.urls.static", include_str!("pysite/django/conf/urls/static.py")),
    ("django.contrib", include_str!("pysite/django/contrib/__init__.py")),
    ("django.contrib.admin", include_str!("pysite/django/contrib/admin.py")),
    ("django.contrib.auth", include_str!("pysite/django/contrib/auth/__init__.py")),
    ("django.contrib.auth.models", include_str!("pysite/django/contrib/auth/models.py")),
    ("django.core", include_str!("pysite/django/core/__init__.py")),
    ("django.core.asgi", include_str!("pysite/django/core/asgi.py")),
    ("django.core.exceptions", include_str!("pysite/django/core/exceptions.py")),
    ("django.core.handlers", include_str!("pysite/django/core/handlers.py")),
    ("django.core.management", include_str!("pysite/django/core/management/__init__.py")),
    ("django.core.management.migration", include_str!("pysite/django/core/management/migration.py")),
    ("django.core.wsgi", include_str!("pysite/django/core/wsgi.py")),
    ("django.db", include_str!("pysite/django/db/__init__.py")),
    ("django.db.migrations", include_str!("pysite/django/db/migrations.py")),
    ("django.db.models", include_str!("pysite/django/db/models/__init__.py")),
    ("django.db.models.deletion", include_str!("pysite/django/db/models/deletion.py")),
    ("django.http", include_str!("pysite/django/http/__init__.py")),
    ("django.shortcuts", include_str!("pysite/django/shortcuts.py")),
    ("django.template", include_str!("pysite/django/template/__init__.py")),
    ("django.template.loader", include_str!("pysite/django/template/loader.py")),
    ("django.test", include_str!("pysite/django/test.py")),
    ("django.urls", include_str!("pysite/django/urls/__init__.py")),
    ("django.utils", include_str!("pysite/django/utils/__init__.py")),
    ("django.utils.datastructures", include_str!("pysite/django/utils/datastructures.py")),
    ("django.utils.timezone", include_str!("pysite/django/utils/timezone.py")),
    ("django.views", include_str!("pysite/django/views/__init__.py")),
    ("django.views.generic", include_str!("pysite/django/views/generic.py")),
];

/// The module's source, and the package that must be installed for it
/// (`None`: part of the standard library).
pub fn source(module: &str) -> Option<(&'static str, Option<&'static str>)> {
    let src = SITE.iter().find(|(m, _)| *m == module)?.1;
    Some((src, (module == "django" || module.starts_with("django.")).then_some("django")))
}

/// Whether a module of the site is a package (its submodules are attributes).
pub fn is_package(module: &str) -> bool {
    let prefix = format!("{module}.");
    SITE.iter().any(|(m, _)| m.starts_with(&prefix))
}

/// What `manage.py runserver` printed before serving, and what it serves.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Serving {
    /// The settings module (`mysite.settings`).
    pub settings: String,
    /// Lines printed at start-up; `true`: on stderr.
    pub banner: Vec<(bool, String)>,
}

/// The `_dockersim` module the site's Python calls.
pub const HOOKS: &[&str] = &[
    "django_version",
    "import_module",
    "module_vars",
    "module_exists",
    "package_dir",
    "is_package",
    "class_module",
    "class_fields",
    "is_class",
    "random_string",
    "now_format",
    "serve",
    "re_match",
    "re_search",
    "page",
    "html_escape",
    "file_http_date",
    "now_http_date",
    "csrf_token",
    "call_view",
    "function_module",
    "spaceless",
    "sqlite_rows",
    "sqlite_insert",
    "isatty",
];

fn arg(args: &[V], i: usize) -> V {
    args.get(i).cloned().unwrap_or(V::None)
}

/// Calls `_dockersim.NAME`.
pub fn call(py: &mut Py, name: &str, args: Vec<V>) -> R<V> {
    let a0 = arg(&args, 0);
    Ok(match name {
        "django_version" => V::s(&installed_version(py)),
        "import_module" => {
            let m = py.str(&a0)?;
            py.import(&m)?
        }
        "module_vars" => match &a0 {
            V::Obj(o) => V::dict(o.attrs.borrow().iter().map(|(k, v)| (V::Str(k.clone()), v.clone())).collect()),
            _ => V::dict(vec![]),
        },
        "module_exists" => {
            let m = py.str(&a0)?;
            V::Bool(py.importable(&m))
        }
        "is_package" => {
            let m = py.str(&a0)?;
            V::Bool(py.local_module(&m).is_some_and(|f| f.ends_with("/__init__.py")))
        }
        "package_dir" => {
            let m = py.str(&a0)?;
            let parts: Vec<&str> = m.split('.').collect();
            let mut found = V::None;
            for n in (1..=parts.len()).rev() {
                let name = parts[..n].join(".");
                if let Some(file) = py.local_module(&name).filter(|f| f.ends_with("/__init__.py")) {
                    found = V::s(file.trim_end_matches("/__init__.py"));
                    break;
                }
            }
            found
        }
        "class_module" => match &a0 {
            V::Class(c) => V::Str(c.module.clone()),
            _ => V::None,
        },
        "class_fields" => match &a0 {
            V::Class(c) => {
                let mut out = Vec::new();
                for (k, v) in c.attrs.borrow().iter() {
                    if let V::Obj(o) = v {
                        if o.cls.mro().iter().any(|b| &*b.name == "Field" && &*b.module == "django.db.models") {
                            out.push(V::tuple(vec![V::Str(k.clone()), v.clone()]));
                        }
                    }
                }
                V::list(out)
            }
            _ => V::list(vec![]),
        },
        "is_class" => V::Bool(matches!(a0, V::Class(_))),
        "random_string" => {
            let n = a0.as_int().unwrap_or(0).clamp(0, 1024) as usize;
            let chars: Vec<char> = py.str(&arg(&args, 1))?.chars().collect();
            let mut seed = crate::digest::sha256_hex(format!("{}\n{}\n{}", py.now, py.cwd, py.argv.join(" ")).as_bytes());
            let mut out = String::new();
            while out.chars().count() < n && !chars.is_empty() {
                for pair in seed.as_bytes().chunks(2) {
                    if out.chars().count() >= n {
                        break;
                    }
                    let x = u8::from_str_radix(std::str::from_utf8(pair).unwrap_or("0"), 16).unwrap_or(0) as usize;
                    out.push(chars[x % chars.len()]);
                }
                seed = crate::digest::sha256_hex(seed.as_bytes());
            }
            V::s(&out)
        }
        "now_format" => V::s(&date_format(py.now as i64, &py.str(&a0)?)),
        "serve" => {
            let host = py.str(&a0)?;
            let port = arg(&args, 1).as_int().unwrap_or(8000).clamp(0, 65535) as u16;
            let mut banner = Vec::new();
            for line in py.iterate(&arg(&args, 2))? {
                let parts = py.iterate(&line)?;
                let stream = parts.first().and_then(V::as_int) == Some(2);
                let text = py.str(&parts.get(1).cloned().unwrap_or(V::None))?;
                banner.push((stream, text));
            }
            let settings = py.str(&arg(&args, 3))?;
            py.django = Some(Serving { settings, banner });
            py.listening = Some((host, port, false));
            return Err(Ctl::Serve);
        }
        "re_match" => {
            let (pattern, text) = (py.str(&a0)?, py.str(&arg(&args, 1))?);
            match re_search(&pattern, &text, 0, true, false) {
                Ok(Some((_, end, groups, named))) => {
                    let named: Vec<(V, V)> = named.into_iter().map(|(k, v)| (V::s(&k), v.map_or(V::None, |v| V::s(&v)))).collect();
                    let groups = groups.into_iter().map(|g| g.map_or(V::None, |g| V::s(&g))).collect();
                    V::tuple(vec![V::Int(end as i64), V::list(groups), V::dict(named)])
                }
                _ => V::None,
            }
        }
        "re_search" => {
            let (pattern, text) = (py.str(&a0)?, py.str(&arg(&args, 1))?);
            let pos = arg(&args, 2).as_int().unwrap_or(0).max(0) as usize;
            let anchored = arg(&args, 3).truthy();
            let icase = arg(&args, 4).truthy();
            match re_search(&pattern, &text, pos.min(text.len()), anchored, icase) {
                Ok(Some((start, end, groups, named))) => {
                    let names: Vec<V> = named.iter().map(|(k, _)| V::s(k)).collect();
                    let all = groups.into_iter().map(|g| g.map_or(V::None, |g| V::s(&g))).collect();
                    V::tuple(vec![V::Int(start as i64), V::Int(end as i64), V::list(all), V::list(names)])
                }
                Ok(None) => V::None,
                Err(msg) => return Err(py.exc("re.error", &msg)),
            }
        }
        "page" => {
            let name = py.str(&a0)?;
            let values = py.dict_items(&arg(&args, 1))?;
            let mut map = BTreeMap::new();
            for (k, v) in values {
                map.insert(py.str(&k)?, v);
            }
            V::s(&page(py, &name, &map)?)
        }
        "html_escape" => V::s(&html_escape(&py.str(&a0)?)),
        "now_http_date" => V::s(&crate::time::http_date(py.now as i64)),
        // A file's mtime as an HTTP date (static files' Last-Modified).
        "file_http_date" => {
            let path = py.str(&a0)?;
            V::s(&py.fs.get(&path).map(|n| crate::time::http_date(n.meta().mtime)).unwrap_or_default())
        }
        "csrf_token" => {
            let seed = crate::digest::sha256_hex(format!("csrf\n{}\n{}", py.now, py.cwd).as_bytes());
            let letters: Vec<char> = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".chars().collect();
            V::s(&seed.bytes().map(|b| letters[b as usize % letters.len()]).collect::<String>())
        }
        "call_view" => {
            let f = a0;
            let mut call_args = vec![arg(&args, 1)];
            call_args.extend(py.iterate(&arg(&args, 2))?);
            let mut kw = Vec::new();
            for (k, v) in py.dict_items(&arg(&args, 3))? {
                kw.push((Rc::from(py.str(&k)?.as_str()), v));
            }
            match py.call(&f, call_args, kw) {
                Ok(v) => V::tuple(vec![v, V::None, V::None]),
                Err(e @ Ctl::Exc(..)) => {
                    let exc = match &e {
                        Ctl::Exc(v, _) => v.clone(),
                        _ => V::None,
                    };
                    let text = super::traceback(py, &e);
                    V::tuple(vec![V::None, exc, V::s(&text)])
                }
                Err(other) => return Err(other),
            }
        }
        "function_module" => {
            let mut found = V::s("__main__");
            for (name, m) in &py.modules {
                if let V::Obj(o) = m {
                    if o.attrs.borrow().values().any(|v| same_function(v, &a0)) {
                        found = V::s(name);
                        break;
                    }
                }
            }
            found
        }
        "spaceless" => V::s(&spaceless(&py.str(&a0)?)),
        "sqlite_rows" => {
            let path = py.str(&a0)?;
            let table = py.str(&arg(&args, 1))?;
            let text = read_text(py, &path);
            V::list(sqlite_rows(&text, &table).into_iter().map(|r| V::list(r.into_iter().map(|c| V::s(&c)).collect())).collect())
        }
        "sqlite_insert" => {
            let path = py.str(&a0)?;
            let table = py.str(&arg(&args, 1))?;
            let mut rows = Vec::new();
            for r in py.iterate(&arg(&args, 2))? {
                let mut row = Vec::new();
                for c in py.iterate(&r)? {
                    row.push(py.str(&c)?);
                }
                rows.push(row);
            }
            let text = read_text(py, &path);
            py.written.insert(path, sqlite_insert(&text, &table, &rows).into_bytes());
            V::None
        }
        "isatty" => V::Bool(false),
        _ => return Err(py.exc("NotImplementedError", &format!("dockersim: _dockersim.{name}() is not simulated"))),
    })
}

fn same_function(a: &V, b: &V) -> bool {
    match (a, b) {
        (V::Func(x), V::Func(y)) => Rc::ptr_eq(x, y),
        _ => false,
    }
}

fn read_text(py: &Py, path: &str) -> String {
    if let Some(b) = py.written.get(path) {
        return String::from_utf8_lossy(b).into_owned();
    }
    py.fs.read(path).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default()
}

/// The Django version pip installed: `__version__` in the package's
/// `__init__.py`, or its `*.dist-info` directory's name.
fn installed_version(py: &Py) -> String {
    let Some(dir) = py.package_dir_of("django") else { return "5.1.4".into() };
    if let Ok(b) = py.fs.read(&format!("{dir}/__init__.py")) {
        let text = String::from_utf8_lossy(&b);
        if let Some(v) = text.lines().find_map(|l| l.strip_prefix("__version__ = ")) {
            return v.trim_matches(|c| c == '"' || c == '\'').to_string();
        }
    }
    "5.1.4".into()
}

/// Django's `date` format characters the commands use.
pub fn date_format(now: i64, fmt: &str) -> String {
    let (y, m, d, hh, mm, ss) = crate::time::civil(now);
    const MONTHS: [&str; 12] =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    let mut out = String::new();
    for ch in fmt.chars() {
        match ch {
            'F' => out.push_str(MONTHS[(m as usize).saturating_sub(1) % 12]),
            'M' => out.push_str(crate::time::month_abbr(m)),
            'd' => out.push_str(&format!("{d:02}")),
            'j' => out.push_str(&d.to_string()),
            'm' => out.push_str(&format!("{m:02}")),
            'Y' => out.push_str(&y.to_string()),
            'y' => out.push_str(&format!("{:02}", y.rem_euclid(100))),
            'H' => out.push_str(&format!("{hh:02}")),
            'i' => out.push_str(&format!("{mm:02}")),
            's' => out.push_str(&format!("{ss:02}")),
            'u' => out.push_str("000000"),
            other => out.push(other),
        }
    }
    out
}

pub fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#x27;")
}

fn spaceless(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('>') {
        out.push_str(&rest[..=i]);
        let after = &rest[i + 1..];
        let trimmed = after.trim_start();
        rest = if trimmed.starts_with('<') { trimmed } else { after };
    }
    out.push_str(rest);
    out
}

/// Python's regular-expression syntax as POSIX ERE for the one regex
/// engine: `\d \w \s`, `(?P<name>…)` and `(?:…)`; the names of the groups
/// in order (`None`: unnamed).
fn python_to_ere(pattern: &str) -> (String, Vec<Option<String>>) {
    let mut names = Vec::new();
    let mut ere = String::new();
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('d') => ere.push_str("[0-9]"),
                Some('D') => ere.push_str("[^0-9]"),
                Some('w') => ere.push_str("[A-Za-z0-9_]"),
                Some('W') => ere.push_str("[^A-Za-z0-9_]"),
                Some('s') => ere.push_str("[ \t\n\r\x0c\x0b]"),
                Some('S') => ere.push_str("[^ \t\n\r\x0c\x0b]"),
                Some('A') => ere.push('^'),
                Some('Z') => ere.push('$'),
                Some('n') => ere.push('\n'),
                Some('t') => ere.push('\t'),
                Some(o) => {
                    ere.push('\\');
                    ere.push(o);
                }
                None => ere.push_str("\\\\"),
            },
            '(' if chars.peek() == Some(&'?') => {
                chars.next();
                if chars.peek() == Some(&'P') {
                    chars.next();
                }
                if chars.peek() == Some(&'<') {
                    chars.next();
                    let name: String = chars.by_ref().take_while(|&c| c != '>').collect();
                    names.push(Some(name));
                } else {
                    // (?:…): a group here too, left out of the numbering.
                    chars.next();
                    names.push(Some(String::new()));
                }
                ere.push('(');
            }
            '(' => {
                names.push(None);
                ere.push('(');
            }
            other => ere.push(other),
        }
    }
    (ere, names)
}

type Found = (usize, usize, Vec<Option<String>>, Vec<(String, Option<String>)>);

/// The first match of a Python pattern in `text` at or after `pos`
/// (`anchored`: only at `pos`): start, end, the numbered groups, the named ones.
fn re_search(pattern: &str, text: &str, pos: usize, anchored: bool, icase: bool) -> Result<Option<Found>, String> {
    let (mut ere, names) = python_to_ere(pattern);
    if anchored && !ere.starts_with('^') {
        ere.insert(0, '^');
    }
    let re = crate::regex::Regex::new(&ere, crate::regex::Syntax::Ere, icase).map_err(|e| e.gnu().to_string())?;
    let hay = if anchored { &text[pos..] } else { text };
    let from = if anchored { 0 } else { pos };
    let Some(m) = re.find_at(hay, from) else { return Ok(None) };
    let shift = if anchored { pos } else { 0 };
    let mut groups = Vec::new();
    let mut named = Vec::new();
    for (i, n) in names.iter().enumerate() {
        let g = m.groups.get(i + 1).cloned().flatten().map(|(s, e)| hay[s..e].to_string());
        match n {
            Some(n) if n.is_empty() => {}
            Some(n) => {
                named.push((n.clone(), g.clone()));
                groups.push(g);
            }
            None => groups.push(g),
        }
    }
    Ok(Some((m.start + shift, m.end + shift, groups, named)))
}

fn major(py: &Py) -> (u32, u32) {
    let v = installed_version(py);
    let mut it = v.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    (it.next().unwrap_or(5), it.next().unwrap_or(0))
}

/// One of the pages Django serves, filled in.
fn page(py: &mut Py, name: &str, values: &BTreeMap<String, V>) -> R<String> {
    let (maj, min) = major(py);
    let docs = format!("{maj}.{min}");
    let mut text = match name {
        "welcome" if maj >= 5 => include_str!("pysite/pages/welcome-5.html").to_string(),
        "welcome" if maj == 3 => include_str!("pysite/pages/welcome-4.html")
            .replacen(
                "        <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
                "        <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n        <link rel=\"stylesheet\" type=\"text/css\" href=\"/static/admin/css/fonts.css\">\n",
                1,
            )
            .replacen("-apple-system, BlinkMacSystemFont, \"Segoe UI\", ui-system, sans-serif", "Roboto, sans-serif", 1),
        "welcome" => include_str!("pysite/pages/welcome-4.html").to_string(),
        "404_debug" => debug_404(py, maj, values)?,
        "404" => include_str!("pysite/pages/404.html").to_string(),
        "400" => include_str!("pysite/pages/400.html").to_string(),
        "500" => include_str!("pysite/pages/500.html").to_string(),
        "500_debug" => include_str!("pysite/pages/500-debug.html").to_string(),
        "admin_login" if maj >= 5 => include_str!("pysite/pages/admin-login-5.html").to_string(),
        "admin_login" => include_str!("pysite/pages/admin-login-4.html").to_string(),
        _ => return Err(py.exc("NotImplementedError", &format!("dockersim: Django's {name} page is not simulated"))),
    };
    text = text.replace("{{docs}}", &docs);
    if name == "admin_login" {
        let token = call(py, "csrf_token", vec![])?;
        let token = py.str(&token)?;
        text = text.replace("{{csrf}}", &token);
    }
    for (k, v) in values {
        let s = if v.is_none() { String::new() } else { py.str(v)? };
        text = text.replace(&format!("{{{{{k}}}}}"), &s);
    }
    Ok(text)
}

/// Django's technical 404 page: the patterns tried, in order.
fn debug_404(py: &mut Py, maj: u32, values: &BTreeMap<String, V>) -> R<String> {
    let five = maj >= 5;
    let mut patterns = String::from("\n        ");
    let tried = values.get("tried").cloned().unwrap_or(V::list(vec![]));
    for chain in py.iterate(&tried)? {
        patterns.push_str("\n          <li>\n            ");
        let items = py.iterate(&chain)?;
        let n = items.len();
        for (i, item) in items.iter().enumerate() {
            let parts = py.iterate(item)?;
            let pat = html_escape(&py.str(&parts.first().cloned().unwrap_or(V::None))?);
            let name = match parts.get(1) {
                Some(V::Str(s)) if i + 1 == n && !s.is_empty() => format!("[name='{}']", html_escape(s)),
                _ => String::new(),
            };
            if five {
                patterns.push_str(&format!(
                    "\n              <code>\n                {pat}\n                {name}\n              </code>\n            "
                ));
            } else {
                patterns.push_str(&format!("\n                {pat}\n                {name}\n            "));
            }
        }
        patterns.push_str("\n          </li>\n        ");
    }
    let reason = values.get("reason").filter(|v| !v.is_none()).map(|v| py.str(v)).transpose()?;
    let raised = values.get("raised_by").filter(|v| !v.is_none()).map(|v| py.str(v)).transpose()?;
    let th = if five { "<th scope=\"row\">" } else { "<th>" };
    let mut text = if five { include_str!("pysite/pages/404-debug-5.html") } else { include_str!("pysite/pages/404-debug-4.html") }
        .replace("{{patterns}}", &patterns)
        .replace(
            "{{exception_value}}",
            &reason
                .as_ref()
                .map(|r| format!("    <pre class=\"exception_value\">{}</pre>\n", html_escape(r)))
                .unwrap_or_else(|| "    \n".into()),
        )
        .replace(
            "{{raised_by}}",
            &raised
                .map(|r| format!("      <tr>\n        {th}Raised by:</th>\n        <td>{}</td>\n      </tr>\n      \n", html_escape(&r)))
                .unwrap_or_default(),
        )
        .replace("{{outcome}}", if reason.is_some() { "matched the last one." } else { "didn’t match any of these." });
    if values.get("no_patterns").is_some_and(V::truthy) {
        // A 404 raised before URL resolving (static files): no patterns, no explanation.
        if let (Some(a), Some(b)) = (text.find("<main id=\"info\">"), text.find("</main>")) {
            text.replace_range(a..b, "<main id=\"info\">\n    \n  ");
        }
        if let (Some(a), Some(b)) = (text.find("<div id=\"info\">"), text.find("</div>\n\n  <div id=\"explanation\">")) {
            text.replace_range(a..b, "<div id=\"info\">\n    \n  ");
        }
    }
    if values.get("path").is_some_and(|p| matches!(p, V::Str(s) if s.is_empty())) {
        text = text.replace("The current path, <code>{{path}}</code>,", "The empty path");
    }
    for key in ["tried", "reason", "raised_by", "no_patterns"] {
        text = text.replace(&format!("{{{{{key}}}}}"), "");
    }
    Ok(text)
}

/// The rows of `table` in a database file the simulator wrote (its
/// `INSERT` statements; the first column is the row id).
fn sqlite_rows(text: &str, table: &str) -> Vec<Vec<String>> {
    let prefix = format!("INSERT INTO \"{table}\" VALUES(");
    text.lines().filter_map(|l| l.strip_prefix(&prefix)).filter_map(|l| l.strip_suffix(");")).map(split_values).collect()
}

fn split_values(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' if quoted && chars.peek() == Some(&'\'') => {
                chars.next();
                cur.push('\'');
            }
            '\'' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            other => cur.push(other),
        }
    }
    out.push(cur);
    out
}

/// The file with `rows` added to `table` (created as Django creates
/// `django_migrations`), in the simulated sqlite3's format: its header,
/// then the statements that rebuild it.
fn sqlite_insert(text: &str, table: &str, rows: &[Vec<String>]) -> String {
    let header = "SQLite format 3\0\n";
    let mut out = if text.starts_with(header) { text.to_string() } else { format!("{header}{text}") };
    let create = format!(
        "CREATE TABLE \"{table}\" (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, \"app\" varchar(255) NOT NULL, \"name\" varchar(255) NOT NULL, \"applied\" datetime NOT NULL);"
    );
    if !out.contains(&create) {
        out.push_str(&create);
        out.push('\n');
    }
    let mut id = sqlite_rows(&out, table).len();
    for row in rows {
        id += 1;
        let cells: Vec<String> = row.iter().map(|c| format!("'{}'", c.replace('\'', "''"))).collect();
        out.push_str(&format!("INSERT INTO \"{table}\" VALUES({id},{});\n", cells.join(",")));
    }
    out
}

/// What a request to a Django project answered, and what it logged.
pub struct Answer {
    pub status: u16,
    /// The response's headers in Django's order (after the middleware).
    pub headers: Vec<(String, String)>,
    pub content_type: String,
    pub body: String,
    pub log: String,
}

/// Answers one request: the project's settings and URLconf are loaded again
/// (as the autoreloading runserver would see edited files) and
/// `django.core.handlers.handle` runs the view.
pub fn request(py: &mut Py, settings: &str, manage: &str, method: &str, target: &str, host: &str) -> Answer {
    py.env.insert("DJANGO_SETTINGS_MODULE".into(), settings.to_string());
    py.frames.clear();
    py.frames.push((Rc::from(manage), 0, Rc::from("<module>")));
    let scope = Scope::new(None, false);
    scope.set(&Rc::from("__name__"), V::s("__main__"));
    let code = "from django.core.handlers import handle\n";
    let r = py.run_source("<dockersim>", code, &scope).and_then(|_| {
        let f = scope.get("handle").unwrap_or(V::None);
        py.call(&f, vec![V::s(method), V::s(target), V::s(""), V::s(host)], vec![])
    });
    let mut log = std::mem::take(&mut py.stdout);
    log.push_str(&std::mem::take(&mut py.stderr));
    match r {
        Ok(V::Tuple(t)) => {
            let status = t.first().and_then(V::as_int).unwrap_or(500) as u16;
            let content_type = t.get(1).and_then(|v| v.str_ref().map(str::to_string)).unwrap_or_default();
            let body = t.get(2).and_then(|v| v.str_ref().map(str::to_string)).unwrap_or_default();
            let headers = t.get(3).map(super::py_web::header_pairs).unwrap_or_default();
            Answer { status, headers, content_type, body, log }
        }
        Ok(_) => Answer {
            status: 500,
            headers: Vec::new(),
            content_type: "text/html".into(),
            body: include_str!("pysite/pages/500.html").into(),
            log,
        },
        Err(e) => {
            let report = super::traceback(py, &e);
            log.push_str(&report);
            Answer {
                status: 500,
                headers: Vec::new(),
                content_type: "text/plain".into(),
                body: "A server error occurred.  Please contact the administrator.".into(),
                log,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_table_round_trips() {
        let text = sqlite_insert("", "django_migrations", &[vec!["auth".into(), "0001_initial".into(), "2026-12-05 18:00:00".into()]]);
        let text = sqlite_insert(&text, "django_migrations", &[vec!["sessions".into(), "0001_initial".into(), "x'y".into()]]);
        let rows = sqlite_rows(&text, "django_migrations");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1], vec!["2", "sessions", "0001_initial", "x'y"]);
        assert!(text.starts_with("SQLite format 3\0\n"));
    }

    #[test]
    fn dates_as_runserver_prints_them() {
        assert_eq!(date_format(1_796_493_787, "F d, Y - H:i:s"), "December 05, 2026 - 18:03:07");
    }
}
