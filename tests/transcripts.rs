//! Golden terminal transcripts: every `tests/transcripts/NAME.txt` is a
//! terminal session — `$ command` lines, each followed by exactly what the
//! terminal shows (stdout and stderr interleaved) and, when the status is
//! not 0, an `[exit N]` line; `? ` lines answer a question a command asked
//! (the prompt, then the answer); `> ` lines continue a line that left a
//! construct open (a here-document, a loop). A sibling folder `NAME/` is copied into the
//! learner's home directory first. `UPDATE_EXPECT=1` rewrites the files.

use dockersim::Engine;
use std::path::{Path, PathBuf};

fn import(engine: &mut Engine, root: &Path, dir: &Path) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("read fixture dir").map(|e| e.expect("entry").path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            import(engine, root, &path);
        } else {
            let rel = path.strip_prefix(root).expect("under root").to_string_lossy().replace('\\', "/");
            let bytes = std::fs::read(&path).expect("read fixture");
            engine.write_host_file(&format!("/home/learner/{rel}"), &bytes).expect("write fixture");
        }
    }
}

/// Runs the commands of a transcript and renders what the terminal showed.
fn replay(text: &str, fixtures: Option<&Path>) -> String {
    let mut engine = Engine::default();
    if let Some(dir) = fixtures {
        import(&mut engine, dir, dir);
    }
    let mut out = String::new();
    for line in text.lines() {
        // `> ` lines continue an open construct (here-document, quote, loop…).
        let more = engine.pending_input().then(|| line.strip_prefix("> ").or_else(|| (line == ">").then_some(""))).flatten();
        // A question the client asked (`docker init`'s `? …`): the line after its prompt answers it.
        let prompt = engine.prompt();
        // (An answer never starts with a space: the question's own menu header in the output is not one.)
        let answer = prompt
            .starts_with("? ")
            .then(|| if line == prompt.trim_end() { Some("") } else { line.strip_prefix(prompt.as_str()).filter(|a| !a.starts_with(' ')) })
            .flatten();
        let Some(cmd) = more.or(answer).or_else(|| line.strip_prefix("$ ").or_else(|| (line == "$").then_some(""))) else { continue };
        out.push_str(line);
        out.push('\n');
        let result = engine.run_command(cmd);
        let shown = result.text();
        out.push_str(&shown);
        if !shown.is_empty() && !shown.ends_with('\n') {
            out.push('\n');
        }
        if result.exit_code != 0 {
            out.push_str(&format!("[exit {}]\n", result.exit_code));
        }
    }
    out
}

#[test]
fn transcripts_match() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts");
    let update = std::env::var("UPDATE_EXPECT").is_ok_and(|v| v == "1");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/transcripts exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no transcripts found");
    let mut failures = Vec::new();
    for file in &files {
        let expected = std::fs::read_to_string(file).expect("read transcript");
        let fixtures = file.with_extension("");
        let actual = replay(&expected, fixtures.is_dir().then_some(fixtures.as_path()));
        if actual != expected {
            if update {
                std::fs::write(file, &actual).expect("write transcript");
            } else {
                failures.push(format!("{}:\n{}", file.display(), first_difference(&expected, &actual)));
            }
        }
    }
    assert!(failures.is_empty(), "{} transcript(s) differ (UPDATE_EXPECT=1 to accept):\n\n{}", failures.len(), failures.join("\n\n"));
}

fn first_difference(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let i = e.iter().zip(&a).position(|(x, y)| x != y).unwrap_or(e.len().min(a.len()));
    format!(
        "line {}:\n  expected: {:?}\n  actual:   {:?}",
        i + 1,
        e.get(i).copied().unwrap_or("<end>"),
        a.get(i).copied().unwrap_or("<end>")
    )
}
