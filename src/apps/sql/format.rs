//! Results and errors as the clients print them: mysql's `+---+` tables
//! and tab-separated batch output, psql's aligned tables and command tags.

use super::exec::Error;
use super::Value;

fn width(s: &str) -> usize {
    s.chars().count()
}

fn numeric_columns(n: usize, rows: &[Vec<Value>]) -> Vec<bool> {
    (0..n)
        .map(|i| {
            rows.iter().any(|r| r.get(i).is_some_and(Value::is_num))
                && rows.iter().all(|r| r.get(i).is_none_or(|v| v.is_num() || *v == Value::Null))
        })
        .collect()
}

/// mysql's table (interactive, or `-t`): borders, NULL spelled out, numbers to the right.
pub fn mysql_table(cols: &[String], rows: &[Vec<Value>]) -> String {
    let cells: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|v| v.show().unwrap_or_else(|| "NULL".into())).collect()).collect();
    let num = numeric_columns(cols.len(), rows);
    let w: Vec<usize> = (0..cols.len())
        .map(|i| cells.iter().map(|r| r.get(i).map_or(0, |c| width(c))).chain([width(&cols[i])]).max().unwrap_or(0))
        .collect();
    let rule: String = w.iter().map(|w| format!("+{}", "-".repeat(w + 2))).collect::<String>() + "+\n";
    let line = |vals: &[String], right: &[bool]| -> String {
        let mut s = String::new();
        for (i, v) in vals.iter().enumerate() {
            let pad = " ".repeat(w[i] - width(v));
            if right.get(i) == Some(&true) {
                s.push_str(&format!("| {pad}{v} "));
            } else {
                s.push_str(&format!("| {v}{pad} "));
            }
        }
        s + "|\n"
    };
    let mut out = rule.clone();
    out.push_str(&line(cols, &[]));
    out.push_str(&rule);
    for r in &cells {
        out.push_str(&line(r, &num));
    }
    out.push_str(&rule);
    out
}

/// mysql's batch output (not a terminal): a header line, then tab-separated rows with escapes.
pub fn mysql_tabs(cols: &[String], rows: &[Vec<Value>]) -> String {
    let esc = |s: &str| s.replace('\\', "\\\\").replace('\n', "\\n").replace('\t', "\\t").replace('\0', "\\0");
    let mut out = cols.join("\t") + "\n";
    for r in rows {
        out.push_str(&r.iter().map(|v| v.show().map_or_else(|| "NULL".into(), |s| esc(&s))).collect::<Vec<_>>().join("\t"));
        out.push('\n');
    }
    out
}

/// psql's aligned format: centred headers, `-+-` rule, numbers to the right,
/// multi-line cells continued with `+`, and the `(N rows)` footer.
pub fn psql_table(title: Option<&str>, cols: &[String], rows: &[Vec<Value>], footer: bool) -> String {
    let cells: Vec<Vec<Vec<String>>> =
        rows.iter().map(|r| r.iter().map(|v| v.show().unwrap_or_default().split('\n').map(String::from).collect()).collect()).collect();
    let num = numeric_columns(cols.len(), rows);
    let n = cols.len();
    let w: Vec<usize> = (0..n)
        .map(|i| cells.iter().flat_map(|r| r.get(i).into_iter().flatten()).map(|c| width(c)).chain([width(&cols[i])]).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    if let Some(t) = title {
        let total: usize = w.iter().map(|w| w + 3).sum::<usize>().saturating_sub(1);
        let tw = width(t);
        out.push_str(&format!("{}{t}\n", " ".repeat(total.saturating_sub(tw) / 2)));
    }
    for (i, c) in cols.iter().enumerate() {
        let d = w[i] - width(c);
        out.push_str(&format!("{}{}{c}{}", if i == 0 { " " } else { "| " }, " ".repeat(d / 2), " ".repeat(d.div_ceil(2))));
        out.push(' ');
    }
    out.push('\n');
    out.push_str(&w.iter().map(|w| "-".repeat(w + 2)).collect::<Vec<_>>().join("+"));
    out.push('\n');
    for r in &cells {
        let height = r.iter().map(Vec::len).max().unwrap_or(1);
        for l in 0..height {
            let mut s = String::new();
            for i in 0..n {
                let text = r.get(i).and_then(|c| c.get(l)).map_or("", String::as_str);
                let more = r.get(i).is_some_and(|c| l + 1 < c.len());
                let pad = " ".repeat(w[i] - width(text));
                s.push_str(if i == 0 { " " } else { "| " });
                if num[i] {
                    s.push_str(&format!("{pad}{text}"));
                } else if i + 1 < n || more {
                    s.push_str(&format!("{text}{pad}"));
                } else {
                    s.push_str(text);
                }
                if more {
                    s.push('+');
                } else if i + 1 < n {
                    s.push(' ');
                }
            }
            out.push_str(&s);
            out.push('\n');
        }
    }
    if footer {
        let k = rows.len();
        out.push_str(&format!("({k} row{})\n", if k == 1 { "" } else { "s" }));
    }
    out
}

/// MySQL's error line (`at line N` in batch mode).
pub fn mysql_error(e: &Error, stmt: &str, line: Option<usize>) -> String {
    let (code, state, msg) = match e {
        Error::Syntax(at) => {
            let near: String = stmt.get((*at).min(stmt.len())..).unwrap_or("").trim_end().trim_end_matches(';').chars().take(80).collect();
            (1064, "42000", format!("You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '{near}' at line {}", 1 + stmt[..(*at).min(stmt.len())].matches('\n').count()))
        }
        Error::UnknownDb(d) => (1049, "42000", format!("Unknown database '{d}'")),
        Error::DbExists(d) => (1007, "HY000", format!("Can't create database '{d}'; database exists")),
        Error::DropUnknownDb(d) => (1008, "HY000", format!("Can't drop database '{d}'; database doesn't exist")),
        Error::NoTable(t, _) => (1146, "42S02", format!("Table '{t}' doesn't exist")),
        Error::DropNoTable(t) => (1051, "42S02", format!("Unknown table '{t}'")),
        Error::TableExists(t) => (1050, "42S01", format!("Table '{t}' already exists")),
        Error::NoColumn(c, _, clause) => (1054, "42S22", format!("Unknown column '{c}' in '{clause}'")),
        Error::NoDb => (1046, "3D000", "No database selected".into()),
        Error::Count => (1136, "21S01", "Column count doesn't match value count at row 1".into()),
        Error::NullIn(c, true) => (1364, "HY000", format!("Field '{c}' doesn't have a default value")),
        Error::NullIn(c, false) => (1048, "23000", format!("Column '{c}' cannot be null")),
        Error::Duplicate(t, _, v) => (1062, "23000", format!("Duplicate entry '{v}' for key '{t}.PRIMARY'")),
        Error::NoFunction(f, _) => (1305, "42000", format!("FUNCTION {f} does not exist")),
        Error::PgParam(_) => (1064, "42000", "You have an error in your SQL syntax".into()),
        Error::Limit(what) => return format!("dockersim: mysql: too many {what} for the simulated server\n"),
        Error::TooLong(c, _) => (1406, "22001", format!("Data too long for column '{c}' at row 1")),
        Error::Unmodelled(w) => return format!("dockersim: mysql: {w} is not modelled by the simulated server\n"),
    };
    match line {
        Some(n) => format!("ERROR {code} ({state}) at line {n}: {msg}\n"),
        None => format!("ERROR {code} ({state}): {msg}\n"),
    }
}

/// PostgreSQL's error, with `LINE n:` and a caret under the offending token.
pub fn psql_error(e: &Error, stmt: &str, table_of: &str) -> String {
    let (msg, at, detail) = match e {
        Error::Syntax(at) => {
            let word: String =
                stmt.get((*at).min(stmt.len())..).unwrap_or("").chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            let msg = if *at >= stmt.trim_end().trim_end_matches(';').len() {
                "syntax error at end of input".to_string()
            } else {
                let tok = if word.is_empty() { stmt[*at..].chars().next().map(String::from).unwrap_or_default() } else { word };
                format!("syntax error at or near \"{tok}\"")
            };
            (msg, Some((*at).min(stmt.trim_end().trim_end_matches(';').len())), None)
        }
        Error::UnknownDb(d) => (format!("database \"{d}\" does not exist"), None, None),
        Error::DbExists(d) => (format!("database \"{d}\" already exists"), None, None),
        Error::DropUnknownDb(d) => (format!("database \"{d}\" does not exist"), None, None),
        Error::NoTable(t, at) => (format!("relation \"{t}\" does not exist"), Some(*at), None),
        Error::DropNoTable(t) => (format!("table \"{t}\" does not exist"), None, None),
        Error::TableExists(t) => (format!("relation \"{t}\" already exists"), None, None),
        Error::NoColumn(c, at, _) => (format!("column \"{c}\" does not exist"), Some(*at), None),
        Error::NoDb => ("no database selected".into(), None, None),
        Error::Count => ("INSERT has more expressions than target columns".into(), None, None),
        Error::NullIn(c, _) => {
            (format!("null value in column \"{c}\" of relation \"{table_of}\" violates not-null constraint"), None, None)
        }
        Error::Duplicate(t, cols, v) => (
            format!("duplicate key value violates unique constraint \"{t}_pkey\""),
            None,
            Some(format!("Key ({cols})=({v}) already exists.")),
        ),
        Error::NoFunction(f, at) => (format!("function {f}() does not exist"), Some(*at), None),
        Error::PgParam(p) => (format!("unrecognized configuration parameter \"{p}\""), None, None),
        Error::Limit(what) => return format!("dockersim: psql: too many {what} for the simulated server\n"),
        Error::TooLong(_, ty) => (format!("value too long for type {ty}"), None, None),
        Error::Unmodelled(w) => return format!("dockersim: psql: {w} is not modelled by the simulated server\n"),
    };
    let mut out = format!("ERROR:  {msg}\n");
    if let Some(at) = at.filter(|a| *a <= stmt.len() && stmt.is_char_boundary(*a)) {
        let line_start = stmt[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_no = 1 + stmt[..at].matches('\n').count();
        let line_end = stmt[line_start..].find('\n').map_or(stmt.len(), |i| line_start + i);
        let prefix = format!("LINE {line_no}: ");
        out.push_str(&format!("{prefix}{}\n", &stmt[line_start..line_end]));
        out.push_str(&format!("{}^\n", " ".repeat(width(&prefix) + width(&stmt[line_start..at]))));
    }
    if let Some(d) = detail {
        out.push_str(&format!("DETAIL:  {d}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables() {
        let cols = vec!["id".to_string(), "name".to_string()];
        let rows = vec![vec![Value::Int(1), Value::Text("milk".into())], vec![Value::Int(10), Value::Null]];
        assert_eq!(mysql_table(&cols, &rows), "+----+------+\n| id | name |\n+----+------+\n|  1 | milk |\n| 10 | NULL |\n+----+------+\n");
        assert_eq!(psql_table(None, &cols, &rows, true), " id | name \n----+------\n  1 | milk\n 10 | \n(2 rows)\n");
        assert_eq!(mysql_tabs(&cols, &rows), "id\tname\n1\tmilk\n10\tNULL\n");
        let e = psql_error(&Error::NoTable("x".into(), 14), "SELECT * FROM x;", "");
        assert_eq!(e, "ERROR:  relation \"x\" does not exist\nLINE 1: SELECT * FROM x;\n                      ^\n");
    }
}
