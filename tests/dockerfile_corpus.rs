//! The line parser against BuildKit's own parser test data and, through the
//! PyPI package `dockerfile` (a wrapper of BuildKit's Go parser), against
//! BuildKit itself on every Dockerfile in the shared corpus.
//!
//! The corpus lives outside the repository (`../shared/corpus`, or
//! `$DOCKERSIM_CORPUS`); where it is absent these tests say so and pass.

use dockersim::dockerfile::{self, dump::dump};
use std::path::{Path, PathBuf};
use std::process::Command;

mod oracle;

fn corpus() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let candidates: Vec<PathBuf> = match std::env::var_os("DOCKERSIM_CORPUS") {
        Some(dir) => vec![PathBuf::from(dir)],
        None => vec![root.join("../shared/corpus"), root.join("../../shared/corpus")],
    };
    let found = candidates.iter().find(|d| d.is_dir()).cloned();
    if found.is_none() {
        oracle::missing(&format!("no corpus at {} (set DOCKERSIM_CORPUS)", candidates[0].display()));
    }
    found
}

/// The Python wrapper passes strings through C, so they end at the first
/// NUL; BuildKit itself keeps it (the AST test above checks that).
fn truncate_at_nul(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) => {
            if let Some(i) = s.find('\0') {
                s.truncate(i);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(truncate_at_nul),
        serde_json::Value::Object(map) => {
            for v in map.values_mut() {
                truncate_at_nul(v);
            }
        }
        _ => {}
    }
}

fn subdirs(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|r| r.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_dir()).collect()).unwrap_or_default();
    v.sort();
    v
}

fn read(path: &Path) -> String {
    String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned()
}

#[test]
fn buildkit_ast_cases() {
    let Some(corpus) = corpus() else { return };
    let cases = subdirs(&corpus.join("buildkit/frontend/dockerfile/parser/testfiles"));
    assert_eq!(cases.len(), 33);
    let mut failures = Vec::new();
    for case in &cases {
        let text = read(&case.join("Dockerfile"));
        let expected = read(&case.join("result"));
        let actual = match dockerfile::parse(&text) {
            Ok(df) => df.nodes.iter().map(|n| format!("{}\n", dump(n))).collect::<String>(),
            Err(e) => format!("error: {}\n", e.message),
        };
        if actual != expected {
            failures.push(format!("{}:\n--- expected\n{expected}--- actual\n{actual}", case.display()));
        }
    }
    assert!(failures.is_empty(), "{} of {} AST cases differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn buildkit_negative_cases_fail() {
    let Some(corpus) = corpus() else { return };
    let cases = subdirs(&corpus.join("buildkit/frontend/dockerfile/parser/testfiles-negative"));
    assert_eq!(cases.len(), 4);
    for case in &cases {
        let text = read(&case.join("Dockerfile"));
        assert!(dockerfile::parse(&text).is_err(), "{} should not parse", case.display());
    }
}

#[test]
fn buildkit_line_numbers() {
    let Some(corpus) = corpus() else { return };
    let text = read(&corpus.join("buildkit/frontend/dockerfile/parser/testfile-line/Dockerfile"));
    let df = dockerfile::parse(&text).unwrap();
    let lines: Vec<(usize, usize)> = df.nodes.iter().map(|n| (n.start_line, n.end_line)).collect();
    assert_eq!(lines, vec![(5, 5), (11, 12), (17, 31)]);
}

const ORACLE: &str = r#"
import json, sys, dockerfile
# The wrapper hands flags back through a C string decoded as Latin-1, so
# non-ASCII flags come out mojibake'd; undo that (BuildKit keeps UTF-8).
def unmangle(f):
    try:
        return f.encode('latin-1').decode('utf-8')
    except (UnicodeEncodeError, UnicodeDecodeError):
        return f
out = {}
for path in sys.argv[1:]:
    try:
        cmds = dockerfile.parse_file(path)
        out[path] = [dict(cmd=c.cmd, sub_cmd=c.sub_cmd, json=c.json, original=c.original,
            start_line=c.start_line, end_line=c.end_line, flags=[unmangle(f) for f in c.flags], value=list(c.value),
            heredocs=[dict(name=h.name, file_descriptor=h.file_descriptor, content=h.content) for h in c.heredocs])
            for c in cmds]
    except Exception as e:
        out[path] = {"error": str(e)}
print(json.dumps(out))
"#;

fn dockerfiles(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            dockerfiles(&p, out);
        } else if p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("Dockerfile")) {
            out.push(p);
        }
    }
}

#[test]
fn identical_to_buildkit_on_the_corpus() {
    let Some(corpus) = corpus() else { return };
    let mut files = Vec::new();
    dockerfiles(&corpus, &mut files);
    if let Ok(extra) = std::env::var("DOCKERSIM_EXTRA_DOCKERFILES") {
        dockerfiles(Path::new(&extra), &mut files);
    }
    let output = Command::new("python3").arg("-c").arg(ORACLE).args(&files).output();
    let Some(output) = output.ok().filter(|o| o.status.success()) else {
        oracle::missing("python3 with the `dockerfile` package (pip install dockerfile==3.4.0)");
        return;
    };
    let oracle: serde_json::Value = serde_json::from_slice(&output.stdout).expect("oracle JSON");
    let mut failures = Vec::new();
    for file in &files {
        let key = file.to_string_lossy().into_owned();
        let expected = &oracle[&key];
        let text = String::from_utf8_lossy(&std::fs::read(file).unwrap()).into_owned();
        let mut actual = match dockerfile::parse(&text) {
            Ok(df) => serde_json::Value::Array(df.nodes.iter().map(dockerfile::node_json).collect()),
            Err(e) => serde_json::json!({ "error": e.message }),
        };
        truncate_at_nul(&mut actual);
        let same = match (expected.get("error"), actual.get("error")) {
            (Some(_), Some(_)) => true,
            _ => expected == &actual,
        };
        if !same {
            let (e, a) = (expected.as_array(), actual.as_array());
            let detail = match (e, a) {
                (Some(e), Some(a)) => e
                    .iter()
                    .zip(a)
                    .find(|(x, y)| x != y)
                    .map(|(x, y)| format!("expected {x}\n actual  {y}"))
                    .unwrap_or_else(|| format!("{} vs {} instructions", e.len(), a.len())),
                _ => format!("expected {expected}\n actual  {actual}"),
            };
            failures.push(format!("{key}:\n {detail}"));
        }
    }
    eprintln!("compared {} Dockerfiles with BuildKit's parser", files.len());
    assert!(failures.is_empty(), "{} of {} Dockerfiles differ from BuildKit:\n{}", failures.len(), files.len(), failures.join("\n"));
}

/// Generated Dockerfiles (a deterministic mix of tricky fragments), parsed by
/// both BuildKit (through the oracle) and us: also a fuzz test, since every
/// input must parse or fail without panicking.
#[test]
fn identical_to_buildkit_on_generated_dockerfiles() {
    const PIECES: &[&str] = &[
        "FROM alpine",
        "from node:14 AS build",
        "FROM --platform=$BUILDPLATFORM golang AS b",
        "RUN echo hi",
        "RUN [\"echo\", \"x\"]",
        "RUN ['bad']",
        "CMD [\"a\", 1]",
        "CMD echo $HOME # not a comment",
        "ENV A=1 B=\"2 3\"",
        "ENV LEGACY value with  spaces",
        "ENV ONLY",
        "LABEL \"a b\"=c d='e f'",
        "ARG V=1 W",
        "COPY --chown=\"a b\" --from=build x y",
        "COPY --link . /app/",
        "ADD [\"a\", \"b\"]",
        "EXPOSE 80 443/udp",
        "VOLUME /data /logs",
        "WORKDIR /app",
        "USER node",
        "STOPSIGNAL SIGTERM",
        "HEALTHCHECK --interval=5s CMD curl -f http://x/ || exit 1",
        "HEALTHCHECK NONE",
        "HEALTHCHECK CMD [\"true\"]",
        "ONBUILD RUN echo trigger",
        "onbuild copy [\"a\", \"b\"]",
        "MAINTAINER someone",
        "SHELL [\"/bin/bash\", \"-c\"]",
        "RUN a \\",
        "  b \\",
        "# comment",
        "",
        "   ",
        "\t",
        "RUN <<EOF",
        "hello $x",
        "EOF",
        "COPY <<-'END' /f",
        "\tbody",
        "\tEND",
        "RUN 2<<X cat",
        "X",
        "bogus instruction here",
        "RUN --mount=type=cache,target=/c npm ci",
        "ENTRYPOINT [\"node\"]",
        "RUN echo \\\\",
        "RUN echo `",
        "# escape=`",
        "# syntax=docker/dockerfile:1",
        "COPY",
        "ENV",
        "FROM",
        "RUN -- --x",
        "CMD [\"a\"] # trailing text",
        "ENTRYPOINT [\"x\"]]",
        "RUN echo ${v##*-} <<EOF",
        "RUN cat <<EOF \"open",
        "\\",
        "COPY <<A ${x/y/z} /f",
        "RUN ${a:1} <<EOF",
    ];
    let Some(_) = corpus() else { return };
    let dir = std::env::temp_dir().join(format!("dockersim-gen-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut files = Vec::new();
    for i in 0..2000 {
        let mut text = String::new();
        let n = 1 + (state % 9) as usize;
        for _ in 0..n {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(PIECES[(state % PIECES.len() as u64) as usize]);
            text.push(if state % 11 == 0 { '\r' } else { '\n' });
            if state % 11 == 0 {
                text.push('\n');
            }
        }
        let path = dir.join(format!("Dockerfile.{i}"));
        std::fs::write(&path, &text).unwrap();
        files.push(path);
    }
    let output = Command::new("python3").arg("-c").arg(ORACLE).args(&files).output();
    let Some(output) = output.ok().filter(|o| o.status.success()) else {
        oracle::missing("python3 with the `dockerfile` package (pip install dockerfile==3.4.0)");
        return;
    };
    let oracle: serde_json::Value = serde_json::from_slice(&output.stdout).expect("oracle JSON");
    let mut failures = Vec::new();
    for file in &files {
        let expected = &oracle[file.to_string_lossy().as_ref()];
        let text = std::fs::read_to_string(file).unwrap();
        let actual = match dockerfile::parse(&text) {
            Ok(df) => serde_json::Value::Array(df.nodes.iter().map(dockerfile::node_json).collect()),
            Err(e) => serde_json::json!({ "error": e.message }),
        };
        let ok = match (expected.get("error"), actual.get("error")) {
            (Some(e), Some(a)) => e.as_str().is_some_and(|e| e.contains(a.as_str().unwrap_or("?"))),
            _ => expected == &actual,
        };
        if !ok {
            failures.push(format!("{}:\n{text:?}\n expected {expected}\n actual   {actual}", file.display()));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!("compared {} generated Dockerfiles with BuildKit's parser", files.len());
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n{}",
        failures.len(),
        files.len(),
        failures.iter().take(5).cloned().collect::<Vec<_>>().join("\n")
    );
}

fn lexer_env(pairs: &[(&str, &str)]) -> std::collections::BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn buildkit_env_var_table() {
    use dockersim::dockerfile::expand::process_word;
    let Some(corpus) = corpus() else { return };
    let text = read(&corpus.join("buildkit/frontend/dockerfile/shell/envVarTest"));
    let env = lexer_env(&[("PWD", "/home"), ("SHELL", "bash"), ("KOREAN", "한국어"), ("NULL", "")]);
    let (mut checked, mut failures) = (0, Vec::new());
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let parts: Vec<&str> = line.splitn(3, '|').collect();
        let [platform, input, expected] = parts.as_slice() else { continue };
        if platform.trim() == "W" {
            continue;
        }
        let (input, expected) = (input.trim(), expected.trim());
        checked += 1;
        match (process_word(input, &env, '\\'), expected) {
            (Err(_), "error") => {}
            (Ok(got), want) if got == want => {}
            (got, want) => failures.push(format!("{input:?}: want {want:?}, got {got:?}")),
        }
    }
    assert!(checked >= 226, "only {checked} cases");
    assert!(failures.is_empty(), "{} of {checked} differ:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn buildkit_words_table() {
    use dockersim::dockerfile::expand::process_words;
    let Some(corpus) = corpus() else { return };
    let text = read(&corpus.join("buildkit/frontend/dockerfile/shell/wordsTest"));
    let mut env = std::collections::BTreeMap::new();
    let (mut checked, mut failures) = (0, Vec::new());
    // As BuildKit's harness reads it: lines untrimmed (an ENV value keeps trailing spaces),
    // the input trimmed, the expected words only left-trimmed of spaces.
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        if let Some(kv) = line.strip_prefix("ENV ") {
            if let Some((k, v)) = kv.trim_start_matches(' ').split_once('=') {
                env.insert(k.to_string(), v.to_string());
            }
            continue;
        }
        let Some((input, expected)) = line.split_once('|') else { continue };
        checked += 1;
        let want: Vec<String> = expected.trim_start_matches(' ').split(',').map(str::to_string).collect();
        match process_words(input.trim(), &env, '\\') {
            Err(_) if expected.trim() == "error" => {}
            Ok(got) if got == want => {}
            got => failures.push(format!("{input:?}: want {want:?}, got {got:?}")),
        }
    }
    assert_eq!(checked, 24);
    assert!(failures.is_empty(), "{} of {checked} differ:\n{}", failures.len(), failures.join("\n"));
}
