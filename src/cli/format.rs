//! `--format` for list commands: Go templates over row contexts, the
//! `table` directive with headers, and the tabwriter.

use super::table::tabwrite;
use super::template::Template;
use super::Out;
use serde_json::{Map, Value};

/// A list command's rows and how to print them.
pub struct Listing<'a> {
    /// The default `table …` format.
    pub default: &'a str,
    /// Column labels by field name (`ID` → `CONTAINER ID`).
    pub headers: &'a [(&'a str, &'a str)],
    /// Go type of the row context, for "can't evaluate field" errors.
    pub type_name: &'a str,
    pub rows: Vec<Map<String, Value>>,
}

/// Prints `listing` with the user's `--format` (or the default). Returns the exit status.
pub fn print(listing: &Listing, format: Option<&str>, out: &mut Out) -> i32 {
    let format = match format {
        None | Some("") | Some("table") => listing.default.to_string(),
        Some("json") => "{{json .}}".to_string(),
        Some(f) => f.to_string(),
    };
    let (table, body) = match format.strip_prefix("table") {
        Some(rest) => (true, rest.trim_start_matches([' ', '\t']).to_string()),
        None => (false, format.clone()),
    };
    let body = body.replace("\\t", "\t").replace("\\n", "\n");
    let template = match Template::parse(&body) {
        Ok(t) => t.strict(listing.type_name),
        Err(e) => {
            out.eline(format!("template parsing error: {e}"));
            return 64;
        }
    };
    let mut text = String::new();
    if table {
        let header: Map<String, Value> = listing.headers.iter().map(|(k, v)| (k.to_string(), Value::String(v.to_string()))).collect();
        let loose = Template::parse(&body).expect("parsed above");
        let line = loose.execute(&Value::Object(header)).unwrap_or_default().replace("<no value>", "");
        text.push_str(&line);
        text.push('\n');
    }
    for row in &listing.rows {
        match template.execute(&Value::Object(row.clone())) {
            Ok(line) => {
                text.push_str(&line);
                text.push('\n');
            }
            Err(e) => {
                out.out(if table { tabwrite(&text) } else { text });
                out.eline(e);
                return 1;
            }
        }
    }
    out.out(if table { tabwrite(&text) } else { text });
    0
}

/// A row from `(field, value)` pairs.
pub fn row(pairs: Vec<(&str, Value)>) -> Map<String, Value> {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// Go's `%q`-quoting of a command, cut to 20 characters with `…` (ps COMMAND).
pub fn ellipsis(s: &str, max: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= max {
        s.to_string()
    } else {
        let mut t: String = chars[..max - 1].iter().collect();
        t.push('…');
        t
    }
}
