//! How the MongoDB shells print values: mongosh through Node's
//! `util.inspect` (compact 3, break length 80, depth 6, `ObjectId('…')`),
//! the legacy `mongo` shell through its `tojson` (`{ "_id" : ObjectId("…") }`,
//! tab-indented lines, collapsed to one line under 80 characters).

use serde_json::Value as J;

/// A value ready to print: scalars already rendered, containers to lay out.
#[derive(Clone, Debug)]
pub enum Show {
    Atom(String),
    /// A string: quoted inside containers, bare at the top (`print`).
    Str(String),
    Arr(Vec<Show>),
    Obj(Vec<(String, Show)>),
}

/// Formats a number as JavaScript prints it.
pub fn num(n: f64) -> String {
    crate::apps::js::num_str(n)
}

/// A stored value (extended JSON: `{"$oid"}`, `{"$date"}`) for printing.
pub fn show(v: &J, legacy: bool) -> Show {
    match v {
        J::Null => Show::Atom("null".into()),
        J::Bool(b) => Show::Atom(b.to_string()),
        J::Number(n) => Show::Atom(num(n.as_f64().unwrap_or(0.0))),
        J::String(s) => Show::Str(s.clone()),
        J::Array(a) => Show::Arr(a.iter().map(|x| show(x, legacy)).collect()),
        J::Object(o) => {
            if let Some(special) = special(o, legacy) {
                return Show::Atom(special);
            }
            Show::Obj(o.iter().map(|(k, x)| (k.clone(), show(x, legacy))).collect())
        }
    }
}

/// `ObjectId('…')`, `ISODate('…')` (the legacy shell's with double quotes).
fn special(o: &serde_json::Map<String, J>, legacy: bool) -> Option<String> {
    if o.len() != 1 {
        return None;
    }
    let q = if legacy { '"' } else { '\'' };
    if let Some(J::String(h)) = o.get("$oid") {
        return Some(format!("ObjectId({q}{h}{q})"));
    }
    if let Some(ms) = o.get("$date").and_then(J::as_f64) {
        return Some(format!("ISODate({q}{}{q})", iso_date(ms as i64)));
    }
    None
}

/// `2024-01-01T00:00:00.000Z` for milliseconds since the epoch.
pub fn iso_date(ms: i64) -> String {
    let (y, mo, d, h, mi, s) = crate::time::civil(ms.div_euclid(1000));
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{:03}Z", ms.rem_euclid(1000))
}

// ------------------------------------------------------------- mongosh ----

struct Ctx {
    indent: usize,
    current_depth: usize,
    max_array: usize,
}

/// mongosh's rendering of a result (`util.inspect` with its options).
pub fn inspect(v: &Show, max_array: usize) -> String {
    match v {
        Show::Str(s) => s.clone(),
        _ => value(&mut Ctx { indent: 0, current_depth: 0, max_array }, v, 0),
    }
}

/// A string as util.inspect quotes it.
pub fn quote(s: &str) -> String {
    let esc = |s: &str, q: char| {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\\' => out.push_str("\\\\"),
                c if c == q => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            }
        }
        out
    };
    if !s.contains('\'') {
        format!("'{}'", esc(s, '\''))
    } else if !s.contains('"') {
        format!("\"{}\"", esc(s, '"'))
    } else if !s.contains('`') && !s.contains("${") {
        format!("`{}`", esc(s, '`'))
    } else {
        format!("'{}'", esc(s, '\''))
    }
}

fn key_text(k: &str) -> String {
    let ident = k.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if ident {
        k.to_string()
    } else {
        quote(k)
    }
}

fn value(ctx: &mut Ctx, v: &Show, depth: usize) -> String {
    match v {
        Show::Atom(a) => a.clone(),
        Show::Str(s) => quote(s),
        Show::Arr(items) if items.is_empty() => "[]".into(),
        Show::Obj(fields) if fields.is_empty() => "{}".into(),
        Show::Arr(_) if depth > 6 => "[Array]".into(),
        Show::Obj(_) if depth > 6 => "[Object]".into(),
        Show::Arr(items) => {
            ctx.current_depth = depth;
            let mut out = Vec::new();
            for x in items.iter().take(ctx.max_array) {
                ctx.indent += 2;
                out.push(value(ctx, x, depth + 1));
                ctx.indent -= 2;
            }
            let more = items.len().saturating_sub(ctx.max_array);
            if more > 0 {
                out.push(format!("... {more} more item{}", if more > 1 { "s" } else { "" }));
            }
            let entries = out.len();
            let out = if entries > 6 { group(ctx, out, more > 0, items) } else { out };
            reduce(ctx, out, entries, ('[', ']'), depth)
        }
        Show::Obj(fields) => {
            ctx.current_depth = depth;
            let mut out = Vec::new();
            for (k, x) in fields {
                ctx.indent += 2;
                let shown = value(ctx, x, depth + 1);
                ctx.indent -= 2;
                out.push(format!("{}: {shown}", key_text(k)));
            }
            let entries = out.len();
            reduce(ctx, out, entries, ('{', '}'), depth)
        }
    }
}

/// Node's `reduceToSingleString`: one line when the entries fit in 80
/// columns and no more than three levels nest inside.
fn reduce(ctx: &Ctx, out: Vec<String>, entries: usize, braces: (char, char), depth: usize) -> String {
    if ctx.current_depth.saturating_sub(depth) < 3 && entries == out.len() {
        let start = out.len() + ctx.indent + 1 + 10;
        let total: usize = out.iter().map(|s| s.chars().count()).sum::<usize>() + out.len() + start;
        if total <= 80 {
            let joined = out.join(", ");
            if !joined.contains('\n') {
                return format!("{} {joined} {}", braces.0, braces.1);
            }
        }
    }
    let ind = format!("\n{}", " ".repeat(ctx.indent));
    format!("{}{ind}  {}{ind}{}", braces.0, out.join(&format!(",{ind}  ")), braces.1)
}

/// Node's `groupArrayElements`: short entries of a long array in columns.
fn group(ctx: &Ctx, out: Vec<String>, has_more: bool, items: &[Show]) -> Vec<String> {
    let len = if has_more { out.len() - 1 } else { out.len() };
    let data: Vec<usize> = out.iter().take(len).map(|s| s.chars().count()).collect();
    let total: usize = data.iter().map(|l| l + 2).sum();
    let max = data.iter().copied().max().unwrap_or(0);
    let actual = max + 2;
    if !(actual * 3 + ctx.indent < 80 && (total as f64 / actual as f64 > 5.0 || max <= 6)) {
        return out;
    }
    let bias = (actual as f64 - total as f64 / out.len() as f64).sqrt();
    let biased = (actual as f64 - 3.0 - bias).max(1.0);
    let columns =
        ((2.5 * biased * len as f64).sqrt() / biased).round().min(((80 - ctx.indent) / actual) as f64).min(12.0).min(15.0) as usize;
    if columns <= 1 {
        return out;
    }
    let widths: Vec<usize> = (0..columns).map(|i| (i..len).step_by(columns).map(|j| data[j]).max().unwrap_or(0) + 2).collect();
    let numbers = items.iter().all(|x| matches!(x, Show::Atom(a) if a.parse::<f64>().is_ok()));
    let mut rows = Vec::new();
    for i in (0..len).step_by(columns) {
        let end = (i + columns).min(len);
        let mut row = String::new();
        for j in i..end {
            let cell = if j + 1 < end { format!("{}, ", out[j]) } else { out[j].clone() };
            let w = if j + 1 < end { widths[j - i] } else { widths[j - i] - 2 };
            let pad = " ".repeat(w.saturating_sub(cell.chars().count()));
            if numbers {
                row.push_str(&pad);
                row.push_str(&cell);
            } else if j + 1 < end {
                row.push_str(&cell);
                row.push_str(&pad);
            } else {
                row.push_str(&cell);
            }
        }
        rows.push(row);
    }
    if has_more {
        rows.push(out[len].clone());
    }
    rows
}

/// mongosh's `show dbs` size: `40.00 KiB` (numeral's `0.00 ib`).
pub fn bytes(n: u64) -> String {
    if n <= 1000 {
        return format!("{n} B");
    }
    let units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u + 1 < units.len() {
        v /= 1024.0;
        u += 1;
    }
    format!("{v:.2} {}", units[u])
}

/// text-table's two columns (names left, sizes right), two spaces apart.
pub fn table(rows: &[(String, String)]) -> String {
    let a = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
    let b = rows.iter().map(|r| r.1.chars().count()).max().unwrap_or(0);
    rows.iter().map(|(x, y)| format!("{x:<a$}  {y:>b$}").trim_end().to_string()).collect::<Vec<_>>().join("\n")
}

// -------------------------------------------------------------- legacy ----

/// The legacy shell's `tojson(x)`: multi-line with tabs, collapsed to one
/// line when shorter than 80 characters (`nolint` forces one line).
pub fn tojson(v: &Show, nolint: bool) -> String {
    let s = legacy(v, "", nolint);
    if !nolint && s.len() < 80 && matches!(v, Show::Obj(_)) {
        let mut out = String::new();
        let mut ws = false;
        for c in s.chars() {
            if matches!(c, '\t' | '\n' | '\r') {
                if !ws {
                    out.push(' ');
                }
                ws = true;
            } else {
                out.push(c);
                ws = false;
            }
        }
        return out;
    }
    s
}

fn legacy(v: &Show, indent: &str, nolint: bool) -> String {
    match v {
        Show::Atom(a) => a.clone(),
        Show::Str(s) => serde_json::to_string(s).unwrap_or_default(),
        Show::Arr(items) => {
            if items.is_empty() {
                return "[ ]".into();
            }
            let (end, inner) = if nolint { (" ", String::new()) } else { ("\n", format!("{indent}\t")) };
            let parts: Vec<String> = items.iter().map(|x| format!("{inner}{}", legacy(x, &inner, nolint))).collect();
            format!("[{end}{}{end}{}]", parts.join(&format!(",{end}")), if nolint { "" } else { indent })
        }
        Show::Obj(fields) => {
            let (end, inner) = if nolint { (" ", String::new()) } else { ("\n", format!("{indent}\t")) };
            if fields.is_empty() {
                return format!("{{{end}{inner}{end}{}}}", if nolint { "" } else { indent });
            }
            let parts: Vec<String> = fields.iter().map(|(k, x)| format!("{inner}\"{k}\" : {}", legacy(x, &inner, nolint))).collect();
            format!("{{{end}{}{end}{}}}", parts.join(&format!(",{end}")), if nolint { "" } else { indent })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn j(s: &str) -> J {
        serde_json::from_str(s).unwrap()
    }

    #[test]
    fn mongosh_lays_out_like_util_inspect() {
        let ins = j(r#"{"acknowledged":true,"insertedId":{"$oid":"65a1b2c3d4e5f6a7b8c9d0e1"}}"#);
        assert_eq!(inspect(&show(&ins, false), 100), "{\n  acknowledged: true,\n  insertedId: ObjectId('65a1b2c3d4e5f6a7b8c9d0e1')\n}");
        let del = j(r#"{"acknowledged":true,"deletedCount":1}"#);
        assert_eq!(inspect(&show(&del, false), 100), "{ acknowledged: true, deletedCount: 1 }");
        let upd = j(r#"{"acknowledged":true,"insertedId":null,"matchedCount":1,"modifiedCount":1,"upsertedCount":0}"#);
        assert!(inspect(&show(&upd, false), 100).starts_with("{\n  acknowledged: true,\n  insertedId: null,"));
        let nums = j("[1,2,3,4,5,6,7,8,9,10]");
        assert_eq!(inspect(&show(&nums, false), 100), "[\n  1, 2, 3, 4,  5,\n  6, 7, 8, 9, 10\n]");
        assert_eq!(inspect(&show(&j(r#"{"a b":"it's"}"#), false), 100), "{ 'a b': \"it's\" }");
    }

    #[test]
    fn legacy_shell_tojson() {
        let upd = j(r#"{"acknowledged":true,"matchedCount":1,"modifiedCount":1}"#);
        assert_eq!(tojson(&show(&upd, true), false), "{ \"acknowledged\" : true, \"matchedCount\" : 1, \"modifiedCount\" : 1 }");
        let ins = j(r#"{"acknowledged":true,"insertedId":{"$oid":"65a1b2c3d4e5f6a7b8c9d0e1"}}"#);
        assert_eq!(
            tojson(&show(&ins, true), false),
            "{\n\t\"acknowledged\" : true,\n\t\"insertedId\" : ObjectId(\"65a1b2c3d4e5f6a7b8c9d0e1\")\n}"
        );
        let doc = j(r#"{"_id":{"$oid":"65a1b2c3d4e5f6a7b8c9d0e1"},"name":"Ann","tags":["a"]}"#);
        assert_eq!(
            tojson(&show(&doc, true), true),
            "{ \"_id\" : ObjectId(\"65a1b2c3d4e5f6a7b8c9d0e1\"), \"name\" : \"Ann\", \"tags\" : [ \"a\" ] }"
        );
    }
}
