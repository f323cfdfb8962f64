//! Front-end bundlers as tutorials use them: `vite build` and Create React
//! App's `react-scripts build` (webpack). The module graph is real: every
//! import is resolved as the tool resolves it (relative files with the
//! tool's extensions, packages in `node_modules`, Vite's `/` root and `@`
//! alias), and one that does not resolve fails with the tool's error. The
//! output is laid out, named (content hashes), sized and reported as the
//! tool does it. The bytes of a bundle are the app's own modules (their
//! text, imports dropped) followed by each bundled library as `void 0;`
//! filler of its minified size under a banner naming it: valid JavaScript
//! that says what it stands for.

use crate::vfs::{Content, Fs, Node};
use std::collections::BTreeSet;
use std::sync::Arc;

/// Which bundler.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    Vite,
    ReactScripts,
}

/// A line of the size report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reported {
    /// Relative to the output directory (`assets/index-Bq3x.js`).
    pub name: String,
    pub size: u64,
    pub gzip: Option<u64>,
    pub group: Group,
}

/// Vite reports assets, then CSS, then JS.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    Assets,
    Css,
    Js,
}

/// A finished build: files to write (paths relative to the project root).
#[derive(Debug)]
pub struct Built {
    pub out_dir: String,
    pub files: Vec<(String, Content)>,
    pub report: Vec<Reported>,
    pub modules: usize,
}

/// A failed build: the tool's message, and how many modules it had
/// transformed when it stopped.
#[derive(Debug, PartialEq, Eq)]
pub struct Failed(pub String, pub usize);

/// What a Vite project's config sets (`vite.config.{js,ts,mjs,mts}`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViteConfig {
    pub out_dir: Option<String>,
    pub base: Option<String>,
    pub port: Option<u16>,
    pub host: bool,
    pub strict_port: bool,
    pub preview_port: Option<u16>,
    pub preview_host: bool,
    /// `@vitejs/plugin-react` is used (dev pages get the refresh preamble).
    pub react: bool,
    /// `@` is aliased (to `src`, as create-vue writes it).
    pub at_alias: bool,
}

impl ViteConfig {
    pub fn read(fs: &Fs, root: &str) -> ViteConfig {
        let Some(text) = ["js", "ts", "mjs", "mts", "cjs"]
            .iter()
            .find_map(|e| fs.read(&format!("{root}/vite.config.{e}")).ok())
            .map(|b| String::from_utf8_lossy(&b).into_owned())
        else {
            return ViteConfig::default();
        };
        let server = section(&text, "server").unwrap_or_default();
        let preview = section(&text, "preview").unwrap_or_default();
        let alias = section(&text, "alias").unwrap_or_default();
        let truthy = |v: Option<String>| v.is_some_and(|v| v != "false" && v != "localhost" && v != "127.0.0.1");
        ViteConfig {
            out_dir: value_after(&text, "outDir"),
            base: value_after(&text, "base"),
            port: value_after(&server, "port").and_then(|p| p.parse().ok()),
            host: truthy(value_after(&server, "host")),
            strict_port: value_after(&server, "strictPort").as_deref() == Some("true"),
            preview_port: value_after(&preview, "port").and_then(|p| p.parse().ok()),
            preview_host: truthy(value_after(&preview, "host")),
            react: text.contains("@vitejs/plugin-react"),
            at_alias: ["'@'", "\"@\"", "'@/'", "\"@/\""].iter().any(|k| alias.contains(k)),
        }
    }

    /// The output directory, relative to the root.
    pub fn out_dir(&self) -> String {
        self.out_dir.clone().unwrap_or_else(|| "dist".into()).trim_start_matches("./").trim_end_matches('/').to_string()
    }

    fn base(&self) -> String {
        let b = self.base.clone().unwrap_or_else(|| "/".into());
        if b.ends_with('/') {
            b
        } else {
            format!("{b}/")
        }
    }
}

/// The text of `{ … }` after `name:` (the first such key).
fn section(text: &str, name: &str) -> Option<String> {
    let mut from = 0;
    while let Some(i) = text[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
            continue;
        }
        let rest = text[from..].trim_start();
        let Some(rest) = rest.strip_prefix(':') else { continue };
        let rest = rest.trim_start();
        if !rest.starts_with('{') {
            continue;
        }
        let mut depth = 0;
        for (j, ch) in rest.char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(rest[1..j].to_string());
                    }
                }
                _ => {}
            }
        }
        return None;
    }
    None
}

/// The value after `key:` — a quoted string or a bare word.
fn value_after(text: &str, key: &str) -> Option<String> {
    let mut from = 0;
    while let Some(i) = text[from..].find(key) {
        let at = from + i;
        from = at + key.len();
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        // A quoted key (`'outDir':`) closes its quote first.
        let rest = text[from..].strip_prefix(['\'', '"']).unwrap_or(&text[from..]);
        let Some(rest) = rest.trim_start().strip_prefix(':') else { continue };
        let rest = rest.trim_start();
        if let Some(q) = rest.chars().next().filter(|c| matches!(c, '\'' | '"' | '`')) {
            let body = &rest[1..];
            return body.find(q).map(|end| body[..end].to_string());
        }
        let word: String = rest.chars().take_while(|c| c.is_alphanumeric() || matches!(c, '.' | '_')).collect();
        return (!word.is_empty()).then_some(word);
    }
    None
}

/// The module specifiers a JavaScript (or TypeScript, JSX) text imports:
/// `import … from 'x'`, `import 'x'`, `export … from 'x'`, `import('x')`
/// (dynamic: true) and `require('x')`. Comment lines are skipped.
pub fn imports(text: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut in_block = false;
    let code: String = text
        .lines()
        .map(|l| {
            let t = l.trim_start();
            if in_block {
                if let Some(end) = t.find("*/") {
                    in_block = false;
                    return t[end + 2..].to_string();
                }
                return String::new();
            }
            if t.starts_with("//") {
                return String::new();
            }
            if t.starts_with("/*") && !t.contains("*/") {
                in_block = true;
                return String::new();
            }
            l.to_string()
        })
        .collect::<Vec<_>>()
        .join("\n");
    let b = code.as_bytes();
    let quoted = |at: usize| -> Option<String> {
        let q = *b.get(at)?;
        if !matches!(q, b'\'' | b'"') {
            return None;
        }
        let end = code[at + 1..].find(q as char)?;
        let s = &code[at + 1..at + 1 + end];
        (!s.contains('\n')).then(|| s.to_string())
    };
    let boundary =
        |at: usize| at == 0 || !(b[at - 1].is_ascii_alphanumeric() || b[at - 1] == b'_' || b[at - 1] == b'.' || b[at - 1] == b'$');
    let skip_ws = |mut at: usize| {
        while at < b.len() && b[at].is_ascii_whitespace() {
            at += 1;
        }
        at
    };
    let mut i = 0;
    while i < b.len() {
        for (word, dynamic, paren) in [("from", false, false), ("import", false, false), ("import", true, true), ("require", false, true)] {
            if !code[i..].starts_with(word) || !boundary(i) {
                continue;
            }
            let mut at = skip_ws(i + word.len());
            if paren {
                if b.get(at) != Some(&b'(') {
                    continue;
                }
                at = skip_ws(at + 1);
            } else if at == i + word.len() {
                continue;
            }
            if let Some(spec) = quoted(at) {
                out.push((spec, dynamic));
                break;
            }
        }
        i += code[i..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// A library's minified size in a bundle, its gzip size, and the modules
/// it adds to the graph (the default for any other package).
fn lib_size(name: &str) -> (u64, u64, usize) {
    match name {
        "react" => (7_900, 3_050, 9),
        "react-dom" => (132_600, 42_700, 15),
        "vue" => (58_400, 23_300, 8),
        "react-router-dom" | "react-router" => (62_000, 20_400, 6),
        "axios" => (36_200, 14_200, 48),
        "web-vitals" => (4_700, 1_770, 1),
        "@tanstack/react-query" => (38_000, 11_300, 20),
        "bootstrap" => (80_300, 23_700, 1),
        _ => (9_000, 3_400, 3),
    }
}

/// The package a bare specifier names (`@scope/pkg/sub` → `@scope/pkg`).
fn package_of(spec: &str) -> String {
    super::js::package_name(spec)
}

fn is_file(fs: &Fs, path: &str) -> bool {
    matches!(fs.get(path), Ok(Node::File { .. }))
}

fn text_of(fs: &Fs, path: &str) -> String {
    fs.read(path).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default()
}

fn dir_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("/", |(d, _)| if d.is_empty() { "/" } else { d })
}

fn ext_of(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map_or("", |(_, e)| e)
}

const STYLE: &[&str] = &["css", "scss", "sass", "less"];
const ASSET: &[&str] = &["svg", "png", "jpg", "jpeg", "gif", "webp", "ico", "avif", "woff", "woff2", "ttf", "eot", "mp4", "webm", "mp3"];

/// What the graph walk gathered.
#[derive(Default)]
struct Graph {
    /// JavaScript modules: path and text.
    js: Vec<(String, String)>,
    css: Vec<(String, String)>,
    assets: Vec<String>,
    /// Packages imported statically, and only dynamically.
    libs: BTreeSet<String>,
    lazy_libs: BTreeSet<String>,
    /// Files under `public/` referred to from `/` (Vite).
    public_refs: usize,
}

struct Walk<'a> {
    fs: &'a Fs,
    root: &'a str,
    tool: Tool,
    at_alias: bool,
}

impl Walk<'_> {
    fn exts(&self) -> &'static [&'static str] {
        match self.tool {
            Tool::Vite => &[".mjs", ".js", ".mts", ".ts", ".jsx", ".tsx", ".json"],
            Tool::ReactScripts => &[".mjs", ".js", ".ts", ".tsx", ".json", ".jsx"],
        }
    }

    /// A file the specifier names, trying the tool's extensions and index files.
    fn file(&self, base: &str) -> Option<String> {
        let base = crate::vfs::normalize(base);
        if is_file(self.fs, &base) {
            return Some(base);
        }
        for e in self.exts() {
            if is_file(self.fs, &format!("{base}{e}")) {
                return Some(format!("{base}{e}"));
            }
        }
        self.exts().iter().map(|e| format!("{base}/index{e}")).find(|p| is_file(self.fs, p))
    }

    /// Whether package `name` is installed where Node would look from `from`.
    fn package_installed(&self, name: &str, from: &str) -> bool {
        let mut dir = dir_of(from).to_string();
        loop {
            if self.fs.get(&format!("{}/node_modules/{name}/package.json", dir.trim_end_matches('/'))).is_ok() {
                return true;
            }
            if dir == "/" {
                return false;
            }
            dir = dir_of(&dir).to_string();
        }
    }

    fn rel(&self, path: &str) -> String {
        path.strip_prefix(&format!("{}/", self.root)).unwrap_or(path).to_string()
    }

    fn unresolved(&self, spec: &str, importer: &str, bare: bool) -> Failed {
        match self.tool {
            Tool::Vite if bare => Failed(format!(
                "[vite]: Rollup failed to resolve import \"{spec}\" from \"{importer}\".\nThis is most likely unintended because it can break your application at runtime.\nIf you do want to externalize this module explicitly add it to\n`build.rollupOptions.external`"
            ), 0),
            Tool::Vite => Failed(format!("Could not resolve \"{spec}\" from \"{}\"\nfile: {importer}", self.rel(importer)), 0),
            Tool::ReactScripts => Failed(format!("Module not found: Error: Can't resolve '{spec}' in '{}'", dir_of(importer)), 0),
        }
    }

    fn walk(&self, entries: &[String]) -> Result<Graph, Failed> {
        let mut g = Graph::default();
        let mut seen = BTreeSet::new();
        let mut queue: Vec<String> = entries.to_vec();
        queue.reverse();
        while let Some(path) = queue.pop() {
            if !seen.insert(path.clone()) || seen.len() > 5_000 {
                continue;
            }
            let ext = ext_of(&path).to_ascii_lowercase();
            let modules = seen.len();
            let stamp = |e: Failed| Failed(e.0, modules);
            if STYLE.contains(&ext.as_str()) {
                if ext != "css"
                    && self.tool == Tool::Vite
                    && !self.package_installed("sass", &path)
                    && !self.package_installed("sass-embedded", &path)
                {
                    return Err(Failed(format!(
                        "[vite:css] Preprocessor dependency \"sass-embedded\" not found. Did you install it? Try `npm install -D sass-embedded`.\nfile: {path}"
                    ), 0));
                }
                g.css.push((path.clone(), text_of(self.fs, &path)));
                continue;
            }
            if ASSET.contains(&ext.as_str()) {
                g.assets.push(path);
                continue;
            }
            let mut text = text_of(self.fs, &path);
            if ext == "vue" {
                let (script, styles) = vue_parts(&text);
                for (i, s) in styles.into_iter().enumerate() {
                    g.css.push((format!("{path}?vue&type=style&index={i}"), s));
                }
                text = script;
            }
            if ext != "json" {
                for (spec, dynamic) in imports(&text) {
                    self.follow(&spec, dynamic, &path, &mut g, &mut queue).map_err(stamp)?;
                }
            }
            g.js.push((path, text));
        }
        Ok(g)
    }

    fn follow(&self, spec: &str, dynamic: bool, importer: &str, g: &mut Graph, queue: &mut Vec<String>) -> Result<(), Failed> {
        let spec_path = spec.split(['?', '#']).next().unwrap_or(spec);
        if spec_path.starts_with("./") || spec_path.starts_with("../") || spec_path == "." || spec_path == ".." {
            let base = format!("{}/{spec_path}", dir_of(importer));
            return match self.file(&base) {
                Some(p) => {
                    queue.push(p);
                    Ok(())
                }
                None => Err(self.unresolved(spec, importer, false)),
            };
        }
        if let Some(rest) = spec_path.strip_prefix('/') {
            if self.tool == Tool::Vite {
                // Vite: the project root, else the public directory (served as is).
                if let Some(p) = self.file(&format!("{}/{rest}", self.root)) {
                    queue.push(p);
                    return Ok(());
                }
                if is_file(self.fs, &format!("{}/public/{rest}", self.root)) {
                    g.public_refs += 1;
                    return Ok(());
                }
            }
            return match self.file(spec_path) {
                Some(p) => {
                    queue.push(p);
                    Ok(())
                }
                None => Err(self.unresolved(spec, importer, false)),
            };
        }
        if let Some(rest) = spec_path.strip_prefix("@/").filter(|_| self.at_alias) {
            return match self.file(&format!("{}/src/{rest}", self.root)) {
                Some(p) => {
                    queue.push(p);
                    Ok(())
                }
                None => Err(self.unresolved(spec, importer, false)),
            };
        }
        let name = package_of(spec_path);
        if !self.package_installed(&name, importer) {
            return Err(self.unresolved(spec, importer, true));
        }
        if dynamic {
            if !g.libs.contains(&name) {
                g.lazy_libs.insert(name);
            }
        } else {
            g.lazy_libs.remove(&name);
            g.libs.insert(name);
        }
        Ok(())
    }
}

/// A single-file component's script (both `<script>` blocks) and styles.
fn vue_parts(text: &str) -> (String, Vec<String>) {
    let mut script = String::new();
    let mut styles = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let tag: String = after.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
        if tag == "script" || tag == "style" {
            if let Some(gt) = after.find('>') {
                let body = &after[gt + 1..];
                if let Some(close) = body.find(&format!("</{tag}>")) {
                    if tag == "script" {
                        script.push_str(&body[..close]);
                        script.push('\n');
                    } else {
                        styles.push(body[..close].to_string());
                    }
                    rest = &body[close..];
                    continue;
                }
            }
        }
        rest = after;
    }
    (script, styles)
}

/// CSS as a minifier leaves it: no comments, no optional whitespace.
fn minify_css(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start + 2..].find("*/").map_or("", |e| &rest[start + 2 + e + 2..]);
    }
    out.push_str(rest);
    let mut min = String::new();
    let mut space = false;
    for ch in out.chars() {
        if ch.is_whitespace() {
            space = true;
            continue;
        }
        if space && !min.is_empty() && !min.ends_with(['{', '}', ';', ':', ',', '>']) && !matches!(ch, '{' | '}' | ';' | ':' | ',' | '>') {
            min.push(' ');
        }
        space = false;
        if ch == '}' && min.ends_with(';') {
            min.pop();
        }
        min.push(ch);
    }
    min
}

/// JavaScript as the bundle carries the app's modules: import and export-from
/// lines dropped, indentation and blank lines gone.
fn strip_module(text: &str) -> String {
    let mut out = String::new();
    let mut in_import = false;
    for line in text.lines() {
        let t = line.trim();
        if in_import {
            in_import = !(t.contains(" from ") || t.starts_with("} from") || t.ends_with(';'));
            continue;
        }
        if t.is_empty() || t.starts_with("//") {
            continue;
        }
        if t.starts_with("import ") || t.starts_with("import{") {
            in_import = !(t.contains(" from ") || t.ends_with(';') || t.contains('\'') || t.contains('"'));
            continue;
        }
        out.push_str(t);
        out.push('\n');
    }
    out
}

/// gzip's size for `bytes` (level 9, as the tools measure).
pub fn gzip_size(bytes: &[u8]) -> u64 {
    miniz_oxide::deflate::compress_to_vec(bytes, 9).len() as u64 + 18
}

/// A content hash in the alphabet Rollup names files with.
fn rollup_hash(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    crate::digest::sha256_bytes(bytes).iter().take(8).map(|b| ALPHABET[(*b & 63) as usize] as char).collect()
}

fn hex_hash(bytes: &[u8], len: usize) -> String {
    crate::digest::sha256_hex(bytes)[..len].to_string()
}

/// The version of package `name` installed where Node would find it from
/// directory `from` (its `node_modules`, then each parent's).
pub fn installed_version(fs: &Fs, from: &str, name: &str) -> Option<String> {
    let mut dir = from.trim_end_matches('/').to_string();
    loop {
        let text = text_of(fs, &format!("{dir}/node_modules/{name}/package.json"));
        if let Some(v) = serde_json::from_str::<serde_json::Value>(&text).ok().and_then(|v| v["version"].as_str().map(str::to_string)) {
            return Some(v);
        }
        if dir.is_empty() {
            return None;
        }
        dir = dir.rsplit_once('/').map_or(String::new(), |(d, _)| d.to_string());
    }
}

/// A bundle's content: `header`, the app's code, then the libraries.
fn bundle(fs: &Fs, root: &str, header: &str, app: &str, libs: &BTreeSet<String>) -> (Content, u64, u64) {
    let mut text = String::from(header);
    text.push_str(app);
    let mut parts = Vec::new();
    let (mut size, mut gz) = (0u64, 0u64);
    for name in libs {
        let (bytes, gzip, _) = lib_size(name);
        let banner =
            format!("/*! {name}@{} (minified library code, {bytes} bytes) */\n", installed_version(fs, root, name).unwrap_or_default());
        text.push_str(&banner);
        parts.push(Content::from_bytes(std::mem::take(&mut text)));
        parts.push(Content::Repeat { size: bytes, pattern: Arc::new(b"void 0;".to_vec()) });
        size += bytes;
        gz += gzip;
    }
    let tail = text;
    let own: u64 = parts.iter().filter(|c| matches!(c, Content::Bytes(_))).map(Content::len).sum::<u64>() + tail.len() as u64;
    let own_text: Vec<u8> =
        parts.iter().filter_map(|c| if let Content::Bytes(b) = c { Some(b.as_slice()) } else { None }).flatten().copied().collect();
    gz += gzip_size(&[own_text.as_slice(), tail.as_bytes()].concat());
    if !tail.is_empty() {
        parts.push(Content::from_bytes(tail));
    }
    let content = if parts.len() == 1 { parts.remove(0) } else { Content::Concat(Arc::new(parts)) };
    (content, size + own, gz)
}

/// The files under `dir` (relative paths), for copying `public/`.
pub fn files_under(fs: &Fs, dir: &str) -> Vec<(String, Content)> {
    let mut out = Vec::new();
    fn visit(node: &Node, rel: &str, out: &mut Vec<(String, Content)>) {
        match node {
            Node::Dir { entries, .. } => {
                for (name, child) in entries {
                    let r = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
                    visit(child, &r, out);
                }
            }
            Node::File { content, .. } => out.push((rel.to_string(), content.clone())),
            Node::Symlink { .. } => {}
        }
    }
    if let Ok(node) = fs.get(dir) {
        visit(node, "", &mut out);
    }
    out
}

/// The `src` of each `<script type="module" src=…>` in an HTML page.
fn module_scripts(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<script") {
        let tag_end = rest[i..].find('>').map_or(rest.len(), |e| i + e);
        let tag = &rest[i..tag_end];
        if tag.contains("type=\"module\"") || tag.contains("type='module'") {
            if let Some(src) = attr(tag, "src") {
                out.push(src);
            }
        }
        rest = &rest[tag_end..];
    }
    out
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!("{name}="))? + name.len() + 1;
    let q = tag[at..].chars().next()?;
    if q == '"' || q == '\'' {
        let body = &tag[at + 1..];
        body.find(q).map(|e| body[..e].to_string())
    } else {
        Some(tag[at..].split(|c: char| c.is_whitespace() || c == '>').next().unwrap_or("").to_string())
    }
}

/// `vite build` in `root`.
pub fn vite(fs: &Fs, root: &str) -> Result<Built, Failed> {
    let config = ViteConfig::read(fs, root);
    let index = format!("{root}/index.html");
    let Ok(html) = fs.read(&index).map(|b| String::from_utf8_lossy(&b).into_owned()) else {
        return Err(Failed("Could not resolve entry module \"index.html\".".to_string(), 0));
    };
    let walk = Walk { fs, root, tool: Tool::Vite, at_alias: config.at_alias };
    let mut entries = Vec::new();
    for src in module_scripts(&html) {
        let path = if let Some(rest) = src.strip_prefix('/') { format!("{root}/{rest}") } else { format!("{root}/{src}") };
        match walk.file(&path) {
            Some(p) => entries.push(p),
            None => {
                return Err(Failed(format!("[vite:build-html] Failed to resolve {src} from {index}\nfile: {index}"), 0));
            }
        }
    }
    let g = walk.walk(&entries)?;
    let out = config.out_dir();
    let base = config.base();
    let mut files = Vec::new();
    let mut report = Vec::new();
    // Assets of 4 kB and more are emitted; smaller ones are inlined as data URLs.
    for a in &g.assets {
        let content = fs.get(a).ok().and_then(|n| if let Node::File { content, .. } = n { Some(content.clone()) } else { None });
        let Some(content) = content else { continue };
        if content.len() < 4096 {
            continue;
        }
        let file = a.rsplit('/').next().unwrap_or(a);
        let (stem, ext) = file.rsplit_once('.').unwrap_or((file, ""));
        let name = format!("assets/{stem}-{}.{ext}", rollup_hash(&content.to_vec()));
        let compressible = matches!(ext, "svg" | "json" | "txt" | "xml" | "html");
        let gz = compressible.then(|| gzip_size(&content.to_vec()));
        report.push(Reported { name: name.clone(), size: content.len(), gzip: gz, group: Group::Assets });
        files.push((format!("{out}/{name}"), content));
    }
    let mut head_tags = Vec::new();
    if !g.css.is_empty() {
        let css = minify_css(&g.css.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join("\n"));
        let name = format!("assets/index-{}.css", rollup_hash(css.as_bytes()));
        report.push(Reported { name: name.clone(), size: css.len() as u64, gzip: Some(gzip_size(css.as_bytes())), group: Group::Css });
        files.push((format!("{out}/{name}"), Content::from_bytes(css.into_bytes())));
        head_tags.push(format!("<link rel=\"stylesheet\" crossorigin href=\"{base}{name}\">"));
    }
    let app: String = g.js.iter().map(|(_, t)| strip_module(t)).collect();
    const POLYFILL: &str = "(function(){const t=document.createElement(\"link\").relList;if(t&&t.supports&&t.supports(\"modulepreload\"))return;for(const r of document.querySelectorAll('link[rel=\"modulepreload\"]'))o(r);new MutationObserver(r=>{for(const e of r)if(e.type===\"childList\")for(const i of e.addedNodes)i.tagName===\"LINK\"&&i.rel===\"modulepreload\"&&o(i)}).observe(document,{childList:!0,subtree:!0});function o(r){if(r.ep)return;r.ep=!0;fetch(r.href)}})();\n";
    let mut libs = g.libs.clone();
    libs.extend(g.lazy_libs.iter().cloned());
    let (js, size, gz) = bundle(fs, root, POLYFILL, &app, &libs);
    let name = format!("assets/index-{}.js", rollup_hash(&[app.as_bytes(), format!("{libs:?}").as_bytes()].concat()));
    report.push(Reported { name: name.clone(), size, gzip: Some(gz), group: Group::Js });
    files.push((format!("{out}/{name}"), js));
    head_tags.insert(0, format!("<script type=\"module\" crossorigin src=\"{base}{name}\"></script>"));
    // index.html: the module scripts leave the body; the bundle's tags end the head.
    let mut page = String::new();
    for line in html.split_inclusive('\n') {
        let t = line.trim();
        if t.starts_with("<script") && t.ends_with("</script>") && !module_scripts(t).is_empty() {
            continue;
        }
        if t == "</head>" {
            let indent = &line[..line.len() - line.trim_start().len()];
            for tag in &head_tags {
                page.push_str(&format!("{indent}  {tag}\n"));
            }
        }
        page.push_str(line);
    }
    report.insert(
        0,
        Reported { name: "index.html".into(), size: page.len() as u64, gzip: Some(gzip_size(page.as_bytes())), group: Group::Assets },
    );
    files.insert(0, (format!("{out}/index.html"), Content::from_bytes(page.into_bytes())));
    for (rel, content) in files_under(fs, &format!("{root}/public")) {
        files.push((format!("{out}/{rel}"), content));
    }
    let lib_modules: usize = libs.iter().map(|l| lib_size(l).2).sum();
    let modules = 1 + g.js.len() + g.css.len() + g.assets.len() + g.public_refs + lib_modules + 1;
    Ok(Built { out_dir: out, files, report, modules })
}

/// `react-scripts build` in `root` (Create React App 5: webpack 5).
pub fn react_scripts(fs: &Fs, root: &str, env_sourcemap: bool) -> Result<Built, Failed> {
    let walk = Walk { fs, root, tool: Tool::ReactScripts, at_alias: false };
    let Some(entry) = walk.file(&format!("{root}/src/index")) else {
        return Err(Failed(format!("Could not find a required file.\n  Name: index.js\n  Searched in: {root}/src"), 0));
    };
    let index = format!("{root}/public/index.html");
    let Ok(html) = fs.read(&index).map(|b| String::from_utf8_lossy(&b).into_owned()) else {
        return Err(Failed(format!("Could not find a required file.\n  Name: index.html\n  Searched in: {root}/public"), 0));
    };
    let g = walk.walk(&[entry])?;
    let out = "build".to_string();
    let mut files = Vec::new();
    let mut report = Vec::new();
    let mut manifest: Vec<(String, String)> = Vec::new();
    let mut entrypoints = Vec::new();
    // Images under 10,000 bytes are inlined; SVGs are always files.
    let mut media = Vec::new();
    for a in &g.assets {
        let Ok(Node::File { content, .. }) = fs.get(a) else { continue };
        if content.len() < 10_000 && ext_of(a) != "svg" {
            continue;
        }
        let file = a.rsplit('/').next().unwrap_or(a);
        let (stem, ext) = file.rsplit_once('.').unwrap_or((file, ""));
        let name = format!("static/media/{stem}.{}.{ext}", hex_hash(&content.to_vec(), 20));
        media.push((format!("static/media/{file}"), format!("/{name}")));
        files.push((format!("{out}/{name}"), content.clone()));
    }
    let mut css_name = None;
    if !g.css.is_empty() {
        let css = minify_css(&g.css.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join("\n"));
        let hash = hex_hash(css.as_bytes(), 8);
        let name = format!("static/css/main.{hash}.css");
        let text = format!("{css}\n/*# sourceMappingURL=main.{hash}.css.map*/");
        report.push(Reported { name: name.clone(), size: text.len() as u64, gzip: Some(gzip_size(text.as_bytes())), group: Group::Css });
        if env_sourcemap {
            let map = format!("{{\"version\":3,\"file\":\"static/css/main.{hash}.css\",\"mappings\":\"\",\"sources\":[],\"names\":[]}}");
            files.push((format!("{out}/{name}.map"), Content::from_bytes(map.into_bytes())));
            manifest.push((format!("main.{hash}.css.map"), format!("/{name}.map")));
        }
        files.push((format!("{out}/{name}"), Content::from_bytes(text.into_bytes())));
        css_name = Some(name);
    }
    let app: String = g.js.iter().map(|(_, t)| strip_module(t)).collect();
    let seed = [app.as_bytes(), format!("{:?}", g.libs).as_bytes()].concat();
    let hash = hex_hash(&seed, 8);
    let main = format!("static/js/main.{hash}.js");
    let header = format!("/*! For license information please see main.{hash}.js.LICENSE.txt */\n");
    let (js, size, gz) = bundle(fs, root, &header, &app, &g.libs);
    report.push(Reported { name: main.clone(), size, gzip: Some(gz), group: Group::Js });
    files.push((format!("{out}/{main}"), js));
    let license = "/**\n * @license React\n * react-dom.production.min.js\n *\n * Copyright (c) Facebook, Inc. and its affiliates.\n *\n * This source code is licensed under the MIT license found in the\n * LICENSE file in the root directory of this source tree.\n */\n";
    files.push((format!("{out}/{main}.LICENSE.txt"), Content::from_bytes(license.as_bytes().to_vec())));
    let mut chunks = Vec::new();
    for lib in &g.lazy_libs {
        let (_, _, n) = lib_size(lib);
        let id = 100 + (crate::digest::sha256_bytes(lib.as_bytes())[0] as usize * 3 + n) % 900;
        let chash = hex_hash(format!("{lib}{id}").as_bytes(), 8);
        let name = format!("static/js/{id}.{chash}.chunk.js");
        let set: BTreeSet<String> = std::iter::once(lib.clone()).collect();
        let (content, size, gz) =
            bundle(fs, root, "\"use strict\";(self.webpackChunkapp=self.webpackChunkapp||[]).push([[", &format!("{id}]]);\n"), &set);
        report.push(Reported { name: name.clone(), size, gzip: Some(gz), group: Group::Js });
        files.push((format!("{out}/{name}"), content));
        chunks.push(name);
    }
    if let Some(css) = &css_name {
        manifest.insert(0, ("main.css".into(), format!("/{css}")));
        entrypoints.push(css.clone());
    }
    manifest.insert(usize::from(css_name.is_some()), ("main.js".into(), format!("/{main}")));
    for c in &chunks {
        manifest.push((c.clone(), format!("/{c}")));
    }
    manifest.extend(media.iter().cloned());
    manifest.push(("index.html".into(), "/index.html".into()));
    if env_sourcemap {
        let map = format!("{{\"version\":3,\"file\":\"{main}\",\"mappings\":\"\",\"sources\":[],\"names\":[]}}");
        files.push((format!("{out}/{main}.map"), Content::from_bytes(map.into_bytes())));
        manifest.push((format!("main.{hash}.js.map"), format!("/{main}.map")));
    }
    entrypoints.push(main.clone());
    let mut m = String::from("{\n  \"files\": {\n");
    let lines: Vec<String> = manifest.iter().map(|(k, v)| format!("    \"{k}\": \"{v}\"")).collect();
    m.push_str(&lines.join(",\n"));
    m.push_str("\n  },\n  \"entrypoints\": [\n");
    let eps: Vec<String> = entrypoints.iter().map(|e| format!("    \"{e}\"")).collect();
    m.push_str(&eps.join(",\n"));
    m.push_str("\n  ]\n}");
    files.push((format!("{out}/asset-manifest.json"), Content::from_bytes(m.into_bytes())));
    // index.html: %PUBLIC_URL% gone, the bundle's tags at the end of the head, minified to one line.
    let mut tags = format!("<script defer=\"defer\" src=\"/{main}\"></script>");
    if let Some(css) = &css_name {
        tags.push_str(&format!("<link href=\"/{css}\" rel=\"stylesheet\">"));
    }
    let page = minify_html(&html.replace("%PUBLIC_URL%", "")).replacen("</head>", &format!("{tags}</head>"), 1);
    files.push((format!("{out}/index.html"), Content::from_bytes(page.into_bytes())));
    for (rel, content) in files_under(fs, &format!("{root}/public")) {
        if rel != "index.html" {
            files.push((format!("{out}/{rel}"), content));
        }
    }
    report.sort_by_key(|r| std::cmp::Reverse(r.gzip));
    let modules = g.js.len() + g.css.len() + g.assets.len();
    Ok(Built { out_dir: out, files, report, modules })
}

/// HTML as html-minifier leaves CRA's page: comments and the whitespace
/// between tags gone.
fn minify_html(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        rest = rest[start + 4..].find("-->").map_or("", |e| &rest[start + 4 + e + 3..]);
    }
    out.push_str(rest);
    let mut min = String::new();
    for line in out.lines() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if !min.is_empty() && !min.ends_with('>') && !t.starts_with('<') {
            min.push(' ');
        }
        min.push_str(t);
    }
    min
}

/// Sizes as Vite prints them: `143.86 kB`, with thousands separated.
pub fn vite_size(bytes: u64) -> String {
    let hundredths = (bytes * 100 + 500) / 1000;
    let whole = hundredths / 100;
    let mut w = whole.to_string();
    let mut i = w.len() as isize - 3;
    while i > 0 {
        w.insert(i as usize, ',');
        i -= 3;
    }
    format!("{w}.{:02} kB", hundredths % 100)
}

/// Sizes as filesize (CRA's report) prints them: `46.61 kB`, `513 B`.
pub fn filesize(bytes: u64) -> String {
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let v = bytes as f64 / 1000.0;
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s} kB")
}

/// Vite's report lines: assets, CSS, JS, each group by size.
pub fn vite_report(out_dir: &str, report: &[Reported]) -> Vec<String> {
    let longest = report.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let size_pad = report.iter().map(|r| vite_size(r.size).len()).max().unwrap_or(0);
    let gz_pad = report.iter().filter_map(|r| r.gzip).map(|g| vite_size(g).len()).max().unwrap_or(0);
    let mut sorted: Vec<&Reported> = report.iter().collect();
    sorted.sort_by(|a, b| a.group.cmp(&b.group).then(a.size.cmp(&b.size)));
    sorted
        .iter()
        .map(|r| {
            let mut line = format!("{out_dir}/{:<w$}{:>s$}", r.name, vite_size(r.size), w = longest + 2, s = size_pad);
            if let Some(g) = r.gzip {
                line.push_str(&format!(" │ gzip: {:>p$}", vite_size(g), p = gz_pad));
            }
            line
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_imports() {
        let text = "import React, { useState } from 'react'\nimport './App.css'\n// import x from 'nope'\nimport {\n  a,\n} from \"./a.js\"\nconst w = import('web-vitals');\nexport { b } from './b'\nconst from = 1;\n";
        let got: Vec<String> = imports(text).into_iter().map(|(s, d)| format!("{s}{}", if d { "*" } else { "" })).collect();
        assert_eq!(got, ["react", "./App.css", "./a.js", "web-vitals*", "./b"]);
    }

    fn project(files: &[(&str, &str)]) -> Fs {
        let mut fs = Fs::new();
        for (path, text) in files {
            let dir = &path[..path.rfind('/').unwrap()];
            fs.mkdir_all(dir, crate::vfs::Meta::new(0o755, 0)).unwrap();
            fs.write(path, Content::from_bytes(text.as_bytes()), crate::vfs::Meta::new(0o644, 0)).unwrap();
        }
        fs
    }

    #[test]
    fn vite_builds_the_graph_and_fails_on_what_does_not_resolve() {
        let mut files = vec![
            (
                "/app/index.html",
                "<html>\n  <head>\n  </head>\n  <body>\n    <script type=\"module\" src=\"/src/main.js\"></script>\n  </body>\n</html>\n",
            ),
            ("/app/src/main.js", "import './style.css'\nimport { x } from './lib'\nimport big from './big.svg'\nconsole.log(x, big)\n"),
            ("/app/src/lib/index.ts", "export const x: number = 1\n"),
            ("/app/src/style.css", "body {\n  margin: 0;\n}\n"),
            ("/app/public/robots.txt", "User-agent: *\n"),
        ];
        let svg = format!("<svg>{}</svg>", "x".repeat(5000));
        files.push(("/app/src/big.svg", &svg));
        let built = vite(&project(&files), "/app").unwrap();
        let names: Vec<&str> = built.files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(names[0], "dist/index.html");
        assert!(names.iter().any(|n| n.starts_with("dist/assets/big-") && n.ends_with(".svg")));
        assert!(names.contains(&"dist/robots.txt"));
        let page = String::from_utf8(built.files[0].1.to_vec()).unwrap();
        assert!(page.contains("<script type=\"module\" crossorigin src=\"/assets/index-") && !page.contains("/src/main.js"), "{page}");
        files.push(("/app/src/extra.js", "import 'left-pad'\n"));
        files[1].1 = "import './extra.js'\n";
        let err = vite(&project(&files), "/app").unwrap_err();
        assert!(err.0.starts_with("[vite]: Rollup failed to resolve import \"left-pad\" from \"/app/src/extra.js\""), "{}", err.0);
    }

    #[test]
    fn create_react_app_inlines_small_images_and_splits_dynamic_imports() {
        let files = [
            ("/app/public/index.html", "<html><head><title>%PUBLIC_URL%</title></head><body></body></html>"),
            ("/app/src/index.js", "import App from './App';\nimport('web-vitals');\n"),
            ("/app/src/App.jsx", "import logo from './logo.png';\nexport default () => logo;\n"),
            ("/app/src/logo.png", "PNG"),
            ("/app/node_modules/web-vitals/package.json", "{\"version\": \"2.1.4\"}"),
        ];
        let built = react_scripts(&project(&files), "/app", false).unwrap();
        let names: Vec<&str> = built.files.iter().map(|(p, _)| p.as_str()).collect();
        assert!(!names.iter().any(|n| n.contains("media")), "{names:?}");
        assert!(names.iter().any(|n| n.ends_with(".chunk.js")), "{names:?}");
        assert!(!names.iter().any(|n| n.ends_with(".map")), "{names:?}");
        let err = react_scripts(&project(&files[1..]), "/app", true).unwrap_err();
        assert!(err.0.contains("Name: index.html"));
    }

    #[test]
    fn sizes_print_as_the_tools_print_them() {
        assert_eq!(vite_size(143_861), "143.86 kB");
        assert_eq!(vite_size(460), "0.46 kB");
        assert_eq!(vite_size(1_234_567), "1,234.57 kB");
        assert_eq!(filesize(46_610), "46.61 kB");
        assert_eq!(filesize(513), "513 B");
        assert_eq!(filesize(1_500), "1.5 kB");
    }

    #[test]
    fn config_values() {
        let text = "export default defineConfig({\n  plugins: [react()],\n  server: { host: true, port: 3000 },\n  build: { outDir: 'build' },\n})\n";
        assert_eq!(section(text, "server").as_deref(), Some(" host: true, port: 3000 "));
        assert_eq!(value_after(text, "outDir").as_deref(), Some("build"));
        assert_eq!(minify_css("a {\n  color: red;\n}\n/* x */\nb > c { margin: 0 auto; }"), "a{color:red}b>c{margin:0 auto}");
    }
}
