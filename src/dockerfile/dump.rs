//! BuildKit's `Node.Dump()` format (the `result` files of its parser tests):
//! `(cmd ["--flag"] "arg" …)` with Go `strconv.Quote` quoting.

use super::Node;

/// One instruction as BuildKit's AST dump prints it.
pub fn dump(node: &Node) -> String {
    format!("({})", dump_inner(node))
}

fn dump_inner(node: &Node) -> String {
    let mut out = node.cmd.to_lowercase();
    if !node.flags.is_empty() {
        let flags: Vec<String> = node.flags.iter().map(|f| go_quote(f)).collect();
        out.push_str(&format!(" [{}]", flags.join(" ")));
    }
    if let Some(sub) = &node.sub {
        out.push_str(&format!(" ({})", dump_inner(sub)));
        return out;
    }
    match node.pair_sep {
        Some(sep) => {
            for pair in node.value.chunks(2) {
                for v in pair.iter().map(|v| v.as_ref()).chain([sep]) {
                    out.push(' ');
                    out.push_str(&go_quote(v));
                }
            }
        }
        None => {
            for v in &node.value {
                out.push(' ');
                out.push_str(&go_quote(v));
            }
        }
    }
    out
}

/// Go's `strconv.Quote`.
pub fn go_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x0b' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if is_printable(c) => out.push(c),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// An approximation of Go's `unicode.IsPrint`: not a control or format
/// character, not an unassigned/private/surrogate code point, not a non-ASCII space.
fn is_printable(c: char) -> bool {
    let u = c as u32;
    !(c.is_control()
        || (0x80..0xa0).contains(&u)
        || u == 0xad
        || (0x2000..=0x200f).contains(&u)
        || (0x2028..=0x202f).contains(&u)
        || (0x205f..=0x206f).contains(&u)
        || u == 0x3000
        || u == 0xfeff
        || (0xe000..=0xf8ff).contains(&u)
        || (0xfff0..=0xfffb).contains(&u)
        || u == 0xa0
        || u == 0x1680)
}
