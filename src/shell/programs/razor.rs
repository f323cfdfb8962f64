//! Razor Pages as `dotnet build` compiles them, for the pages tutorials
//! serve: each `Pages/*.cshtml` rendered into its layout (`_ViewStart`'s
//! `Layout`), with `ViewData` assignments and reads, `@RenderBody()`,
//! sections left out, and the tag helpers the templates use (`asp-page`,
//! `asp-area`, `asp-append-version`, `~/`). Code blocks that compute (`@if`,
//! `@foreach`, `@Model.…`) are left out of the rendered page.

use super::packages::read_text;
use crate::shell::interp::Shell;
use crate::vfs::Node;
use std::collections::BTreeMap;

/// The routes of a project's Razor Pages and their rendered HTML.
pub fn render_pages(sh: &Shell, dir: &str, _name: &str) -> Vec<(String, String)> {
    let pages = format!("{dir}/Pages");
    let mut files = Vec::new();
    collect(sh, &pages, &mut files);
    let layout = layout_name(sh, &pages).and_then(|l| {
        [format!("{pages}/Shared/{l}.cshtml"), format!("{pages}/{l}.cshtml"), format!("{dir}/Views/Shared/{l}.cshtml")]
            .into_iter()
            .find_map(|p| read_text(sh, &p))
    });
    let mut out = Vec::new();
    for path in files {
        let rel = &path[pages.len()..];
        let file = rel.rsplit('/').next().unwrap_or("");
        if file.starts_with('_') || rel.starts_with("/Shared/") {
            continue;
        }
        let Some(text) = read_text(sh, &path) else { continue };
        let route = rel.trim_end_matches(".cshtml");
        let route = match route.strip_suffix("/Index") {
            Some("") => "/".to_string(),
            Some(r) => r.to_string(),
            None => route.to_string(),
        };
        let mut data = BTreeMap::new();
        let body = render(sh, dir, &text, &mut data, None);
        let html = match &layout {
            Some(l) => render(sh, dir, l, &mut data, Some(&body)),
            None => body,
        };
        if route == "/" {
            out.push(("/Index".to_string(), html.clone()));
        }
        out.push((route, html));
    }
    out
}

fn collect(sh: &Shell, dir: &str, out: &mut Vec<String>) {
    let Ok(Node::Dir { entries, .. }) = sh.fs().get(dir) else { return };
    for (name, node) in entries.iter() {
        let p = crate::vfs::join(dir, name);
        match node {
            Node::Dir { .. } => collect(sh, &p, out),
            _ if name.ends_with(".cshtml") => out.push(p),
            _ => {}
        }
    }
}

/// `_ViewStart.cshtml`'s `Layout = "_Layout";`.
fn layout_name(sh: &Shell, pages: &str) -> Option<String> {
    let text = read_text(sh, &format!("{pages}/_ViewStart.cshtml"))?;
    let i = text.find("Layout")?;
    let rest = &text[i..];
    let q = rest.find('"')? + 1;
    let end = rest[q..].find('"')? + q;
    Some(rest[q..end].to_string())
}

/// Renders one Razor file: directives out, code blocks read for ViewData, expressions filled.
fn render(sh: &Shell, dir: &str, text: &str, data: &mut BTreeMap<String, String>, body: Option<&str>) -> String {
    let text = text.trim_start_matches('\u{feff}');
    let mut out = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let line = &rest[..line_end];
        let t = line.trim_start();
        if ["@page", "@model ", "@using ", "@namespace ", "@addTagHelper ", "@inject "].iter().any(|d| t.starts_with(d)) {
            rest = &rest[line_end..];
            continue;
        }
        if t.starts_with("@{") || t.starts_with("@if") || t.starts_with("@foreach") || t.starts_with("@for ") {
            let start = line.len() - t.len();
            match rest[start..].find('{').and_then(|o| close_brace(&rest[start..], o)) {
                Some(end) => {
                    let block = &rest[start..start + end + 1];
                    if t.starts_with("@{") {
                        read_assignments(block, data);
                    }
                    rest = &rest[start + end + 1..];
                    rest = rest.strip_prefix("\r\n").or_else(|| rest.strip_prefix('\n')).unwrap_or(rest);
                    continue;
                }
                None => break,
            }
        }
        out.push_str(line);
        rest = &rest[line_end..];
    }
    let mut html = out;
    for (k, v) in data.iter() {
        html = html.replace(&format!("@ViewData[\"{k}\"]"), &escape(v));
    }
    if let Some(b) = body {
        html = html.replace("@RenderBody()", b);
    }
    html = remove_calls(&html, "@await RenderSectionAsync(");
    html = remove_calls(&html, "@RenderSection(");
    html = remove_calls(&html, "@await Html.PartialAsync(");
    tag_helpers(sh, dir, &html)
}

fn close_brace(s: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i);
                }
            }
            _ => {}
        }
    }
    None
}

fn read_assignments(block: &str, data: &mut BTreeMap<String, String>) {
    for stmt in block.split(';') {
        let s = stmt.trim().trim_start_matches("@{").trim();
        let Some(rest) = s.strip_prefix("ViewData[\"") else { continue };
        let Some((key, value)) = rest.split_once("\"]") else { continue };
        let value = value.trim().trim_start_matches('=').trim();
        if let Some(v) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
            data.insert(key.to_string(), v.to_string());
        }
    }
}

fn remove_calls(html: &str, call: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find(call) {
        out.push_str(&rest[..i]);
        let after = &rest[i + call.len()..];
        let mut depth = 1;
        let mut end = after.len();
        for (j, c) in after.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        end = j + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The anchor and link tag helpers: `asp-page` → `href`, `asp-area` dropped,
/// `asp-append-version` → `?v=` (the file's SHA-256, base64url), `~/` → `/`.
fn tag_helpers(sh: &Shell, dir: &str, html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let Some(end) = rest[i..].find('>') else {
            out.push_str(&rest[i..]);
            return out;
        };
        let tag = &rest[i..i + end + 1];
        out.push_str(&rewrite_tag(sh, dir, tag));
        rest = &rest[i + end + 1..];
    }
    out.push_str(rest);
    out
}

fn rewrite_tag(sh: &Shell, dir: &str, tag: &str) -> String {
    if !tag.contains("asp-") && !tag.contains("\"~/") {
        return tag.to_string();
    }
    let mut t = tag.replace(" asp-area=\"\"", "");
    if let Some(i) = t.find(" asp-page=\"") {
        let start = i + " asp-page=\"".len();
        let end = t[start..].find('"').map_or(t.len(), |e| start + e);
        let page = t[start..end].to_string();
        let href = match page.strip_suffix("/Index") {
            Some("") => "/".to_string(),
            Some(p) => p.to_string(),
            None => page,
        };
        t = format!("{} href=\"{href}\"{}", &t[..i], &t[end + 1..]);
    }
    let version = t.contains(" asp-append-version=\"true\"");
    t = t.replace(" asp-append-version=\"true\"", "");
    for attr in ["href=\"~/", "src=\"~/"] {
        if let Some(i) = t.find(attr) {
            let start = i + attr.len();
            let end = t[start..].find('"').map_or(t.len(), |e| start + e);
            let rel = t[start..end].to_string();
            let v = if version { hash_of(sh, dir, &rel).map(|h| format!("?v={h}")).unwrap_or_default() } else { String::new() };
            t = format!("{}/{rel}{v}{}", &t[..start - 2], &t[end..]);
        }
    }
    t
}

/// `asp-append-version`'s value: SHA-256 of the file, base64url without padding.
fn hash_of(sh: &Shell, dir: &str, rel: &str) -> Option<String> {
    let bytes = match sh.fs().read(&format!("{dir}/wwwroot/{rel}")) {
        Ok(b) => b,
        // The scoped-CSS bundle the build writes (`NAME.styles.css`).
        Err(_) => scoped_css(sh, dir, rel.strip_suffix(".styles.css")?)?.into_bytes(),
    };
    let digest = crate::digest::sha256_bytes(&bytes);
    let b64 = crate::base64::encode(&digest);
    Some(b64.replace('+', "-").replace('/', "_").trim_end_matches('=').to_string())
}

/// The scoped-CSS bundle `NAME.styles.css` (each `*.cshtml.css`, with its origin).
pub fn scoped_css(sh: &Shell, dir: &str, name: &str) -> Option<String> {
    let mut files = Vec::new();
    collect_css(sh, dir, &mut files);
    if files.is_empty() {
        return None;
    }
    let mut out = String::new();
    for f in files {
        let rel = &f[dir.len() + 1..];
        let text = read_text(sh, &f).unwrap_or_default();
        out.push_str(&format!("/* _content/{name}/{}.rz.scp.css */\n{}\n", rel, text.trim_start_matches('\u{feff}').trim_end()));
    }
    Some(out)
}

fn collect_css(sh: &Shell, dir: &str, out: &mut Vec<String>) {
    let Ok(Node::Dir { entries, .. }) = sh.fs().get(dir) else { return };
    for (name, node) in entries.iter() {
        let p = crate::vfs::join(dir, name);
        match node {
            Node::Dir { .. } if !matches!(name.as_str(), "bin" | "obj" | "wwwroot") => collect_css(sh, &p, out),
            _ if name.ends_with(".cshtml.css") => out.push(p),
            _ => {}
        }
    }
}
