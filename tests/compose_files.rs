//! Compose files: every `tests/compose/NAME.yaml` is placed at
//! `/home/learner/<project>/compose.yaml` (the project folder is NAME up to
//! its first `-`, so `err01-…` runs in project `err01`), sibling files
//! `NAME.files.REL` beside it at REL, and the commands of its first line
//! (`# cmd: …`, default `docker compose config`) are run; what the terminal
//! shows, with `[exit N]`, must equal `NAME.expected`. `err*` files are
//! malformed (Compose's error text), `ok*` files exercise one supported key
//! each (see docs/compose.md). `UPDATE_EXPECT=1` rewrites the expectations.

use dockersim::Engine;
use std::path::PathBuf;

#[test]
fn compose_files_behave_as_compose() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/compose");
    let update = std::env::var("UPDATE_EXPECT").is_ok_and(|v| v == "1");
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "yaml")).collect();
    files.sort();
    assert!(files.iter().filter(|f| f.file_name().unwrap().to_string_lossy().starts_with("err")).count() >= 30);
    let mut failures = Vec::new();
    for file in &files {
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        let project = stem.split('-').next().unwrap().to_string();
        let text = std::fs::read(file).unwrap();
        let mut engine = Engine::default();
        let home = format!("/home/learner/{project}");
        engine.write_host_file(&format!("{home}/compose.yaml"), &text).unwrap();
        for side in std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()) {
            let name = side.file_name().unwrap().to_string_lossy().into_owned();
            if let Some(rel) = name.strip_prefix(&format!("{stem}.files.")) {
                engine.write_host_file(&format!("{home}/{rel}"), &std::fs::read(&side).unwrap()).unwrap();
            }
        }
        let first = String::from_utf8_lossy(&text).lines().next().unwrap_or("").to_string();
        let cmds = first.strip_prefix("# cmd: ").unwrap_or("docker compose config").to_string();
        let mut shown = String::new();
        for cmd in std::iter::once(format!("cd {project}")).chain(cmds.split(" && ").map(str::to_string)) {
            shown.push_str(&format!("$ {cmd}\n"));
            let r = engine.run_command(&cmd);
            let t = r.text();
            shown.push_str(&t);
            if !t.is_empty() && !t.ends_with('\n') {
                shown.push('\n');
            }
            if r.exit_code != 0 {
                shown.push_str(&format!("[exit {}]\n", r.exit_code));
            }
        }
        let expected_path = dir.join(format!("{stem}.expected"));
        if update {
            std::fs::write(&expected_path, &shown).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != shown {
            failures.push(format!("{stem}:\n--- expected\n{expected}--- got\n{shown}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
