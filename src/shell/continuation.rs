//! Whether typed text leaves a construct open, so that the terminal asks for
//! more with bash's `> ` prompt instead of running it: an unterminated quote
//! or here-document, a `\` at the end, an open `if`/`for`/`while`/`case`/`{`/
//! `(`/function body, or `&&`, `||`, `|` with nothing after them.
//! It asks the one parser, so what counts as open is what the shell parses.

use super::ast::RedirOp;
use super::lex::{tokenize, Tok};

/// Whether `src` needs more lines before it can run.
pub fn incomplete(src: &str) -> bool {
    let trailing = src.chars().rev().take_while(|&c| c == '\\').count();
    if trailing % 2 == 1 {
        return true;
    }
    match super::parse::parse(src) {
        // A `case` waits for its patterns: the text is open if `esac` would close it.
        Err(msg) => {
            open_error(&msg)
                || (msg.contains("expecting")
                    && match super::parse::parse(&format!("{src}\nesac")) {
                        Ok(_) => true,
                        Err(m) => open_error(&m),
                    })
        }
        Ok(_) => heredoc_open(src),
    }
}

/// Parser errors that mean "the text stopped too early".
fn open_error(msg: &str) -> bool {
    ["end of file unexpected", "Unterminated quoted string", "EOF in backquote", "Missing '}'", "unexpected end of file", "unexpected EOF"]
        .iter()
        .any(|m| msg.contains(m))
}

/// Whether a here-document's delimiter line has not come yet.
fn heredoc_open(src: &str) -> bool {
    let Ok(toks) = tokenize(src) else {
        return false;
    };
    let lines: Vec<&str> = src.split('\n').collect();
    // The line (1-based) after which the next body may start.
    let mut after = 0;
    for t in &toks {
        let Tok::Redir(r) = &t.tok else { continue };
        if !matches!(r.op, RedirOp::Heredoc { .. }) {
            continue;
        }
        let delim: String = r.target.chars().filter(|c| !matches!(c, '\'' | '"' | '\\')).collect();
        let start = after.max(t.line);
        match lines.iter().enumerate().skip(start).find(|(_, l)| l.trim_start_matches('\t') == delim) {
            Some((i, _)) => after = i + 1,
            None => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::incomplete;

    #[test]
    fn open_constructs_ask_for_more() {
        for src in [
            "cat > Dockerfile <<EOF",
            "cat > Dockerfile <<EOF\nFROM alpine",
            "cat <<'EOF'\nx\nEOF\ncat <<EOF",
            "echo 'abc",
            "echo \"abc",
            "echo abc \\",
            "for i in 1 2 3; do",
            "for i in 1 2 3\ndo echo $i",
            "if true; then",
            "while false",
            "case x in",
            "for x in a b; do\n  case \"$x\" in",
            "case x in\n a) echo a;;",
            "f() {",
            "echo a &&",
            "echo a ||",
            "echo a |",
            "(echo a",
            "echo $(date",
            "echo `date",
        ] {
            assert!(incomplete(src), "{src:?} should be incomplete");
        }
    }

    #[test]
    fn finished_text_runs() {
        for src in [
            "",
            "echo hi",
            "echo hi # a comment; with ; semicolons",
            "cat > Dockerfile <<EOF\nFROM alpine\nEOF",
            "cat <<-EOF\n\tx\n\tEOF",
            "for i in 1 2 3; do echo $i; done",
            "if true; then echo y; fi",
            "echo 'it''s'",
            "echo \\\\",
            "echo )",
            "fi",
        ] {
            assert!(!incomplete(src), "{src:?} should be complete");
        }
    }
}
