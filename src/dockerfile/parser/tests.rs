use super::*;
use crate::dockerfile::dump::dump;

fn dumps(text: &str) -> Vec<String> {
    parse(text).unwrap().nodes.iter().map(dump).collect()
}

#[test]
fn comments_inside_continuations_are_dropped() {
    assert_eq!(dumps("RUN echo hello \\\n# comment\n  world\n"), vec![r#"(run "echo hello   world")"#]);
}

#[test]
fn trailing_hash_is_not_a_comment() {
    let df = parse("FROM node # base image\n").unwrap();
    assert_eq!(df.nodes[0].value, vec!["node", "#", "base", "image"]);
}

#[test]
fn invalid_json_falls_back_to_shell_form_but_non_strings_fail() {
    assert_eq!(dumps("CMD ['echo','x']\n"), vec![r#"(cmd "['echo','x']")"#]);
    assert_eq!(parse("CMD [\"a\", 1]\n").unwrap_err().message, "when using JSON array syntax, arrays must be comprised of strings only");
}

#[test]
fn env_forms_and_errors() {
    assert_eq!(dumps("ENV A=1 B=\"2 3\"\nENV LEGACY a b\n"), vec![r#"(env "A" "1" "=" "B" "\"2 3\"" "=")"#, r#"(env "LEGACY" "a b" "")"#]);
    assert_eq!(parse("ENV A\n").unwrap_err().message, "ENV must have two arguments");
    assert_eq!(parse("ENV A=1 B\n").unwrap_err().message, "Syntax error - can't find = in \"B\". Must be of the form: name=value");
}

#[test]
fn heredocs_and_onbuild() {
    let df = parse("RUN <<A cat && 2<<-'B' cat\na\nA\n\tb\n\tB\nONBUILD RUN echo hi\n").unwrap();
    let docs = &df.nodes[0].heredocs;
    assert_eq!((docs[0].name.as_str(), docs[0].content.as_ref(), docs[0].expand), ("A", "a\n", true));
    assert_eq!((docs[1].file_descriptor, docs[1].chomp, docs[1].expand), (2, true, false));
    assert_eq!((df.nodes[0].start_line, df.nodes[0].end_line), (1, 5));
    assert_eq!(dump(&df.nodes[1]), r#"(onbuild (run "echo hi"))"#);
    assert_eq!(parse("RUN <<EOF\nx\n").unwrap_err().message, "unterminated heredoc");
}

#[test]
fn escape_directive_and_empty_continuation_warning() {
    let df = parse("# escape=`\nRUN a `\n\n  b\n").unwrap();
    assert_eq!(df.nodes[0].value, vec!["a   b"]);
    assert_eq!(df.warnings[0].message, "Empty continuation line found in: RUN a   b");
    assert_eq!(parse("# only\n\n").unwrap_err().message, "file with no instructions");
}

/// Property: no input makes the line parser, the dump or the expander panic.
#[test]
fn no_input_panics() {
    const ALPHABET: &[&str] = &[
        "FROM",
        "RUN",
        "ENV",
        "LABEL",
        "ONBUILD",
        "HEALTHCHECK",
        "COPY",
        "ARG",
        "x",
        "=",
        " ",
        "\t",
        "\n",
        "\r\n",
        "\\",
        "`",
        "#",
        "# escape=`\n",
        "\"",
        "'",
        "[",
        "]",
        ",",
        "\"a\"",
        "1",
        "--",
        "--flag=\"v\"",
        "<<",
        "<<-",
        "EOF",
        "$",
        "{",
        "}",
        ":-",
        ":?",
        "%%",
        "##",
        "/",
        "//",
        "\u{feff}",
        "é",
        "한",
        "\0",
        "*",
        "?",
    ];
    let mut state = 0x1234_5678_9abc_def1u64;
    let env: std::collections::BTreeMap<String, String> = [("A".to_string(), "1".to_string())].into();
    for _ in 0..20_000 {
        let mut text = String::new();
        for _ in 0..(state % 24) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(ALPHABET[(state % ALPHABET.len() as u64) as usize]);
        }
        if let Ok(df) = parse(&text) {
            for n in &df.nodes {
                let _ = dump(n);
            }
        }
        let _ = crate::dockerfile::expand::process_word(&text, &env, '\\');
        let _ = crate::dockerfile::expand::process_words(&text, &env, '`');
    }
}
