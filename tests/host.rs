//! The host terminal against the real bash: every `tests/host/NAME.sh` is
//! typed line by line at the simulated prompt, and what the terminal shows
//! (stdout, stderr, the last status) must equal `NAME.bash`, recorded from
//! an interactive bash by `scripts/host-expect.sh` — never written by hand.

use dockersim::Engine;
use std::path::PathBuf;

/// Cases that still differ from bash, with the reason.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[];

fn run(script: &str) -> String {
    let mut engine = Engine::default();
    let (mut out, mut err, mut status) = (String::new(), String::new(), 0);
    let mut take = |o: dockersim::cli::CommandOutput, status: &mut i32| {
        out.push_str(&o.stdout());
        err.push_str(&o.stderr());
        *status = o.exit_code;
    };
    for line in script.lines() {
        let o = engine.run_command(line);
        if !engine.pending_input() {
            take(o, &mut status);
        }
    }
    if let Some(o) = engine.end_of_script() {
        take(o, &mut status);
    }
    format!("status: {status}\n--- stdout\n{out}--- stderr\n{err}")
}

#[test]
fn host_terminal_matches_bash() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/host");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/host")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "sh"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 20, "too few host cases");
    let mut failures = Vec::new();
    let mut known = 0;
    for case in &cases {
        let name = case.file_stem().and_then(|s| s.to_str()).expect("name").to_string();
        let script = std::fs::read_to_string(case).expect("read case");
        let expected = std::fs::read_to_string(case.with_extension("bash"))
            .unwrap_or_else(|_| panic!("{name}.bash missing: run scripts/host-expect.sh"));
        let actual = run(&script);
        let differs = actual != expected;
        match (differs, KNOWN_DIFFERENCES.iter().find(|(n, _)| *n == name)) {
            (true, Some(_)) => known += 1,
            (true, None) => failures.push(format!("{name}:\n--- expected (bash)\n{expected}\n--- actual\n{actual}")),
            (false, Some(_)) => failures.push(format!("{name} now matches bash: remove it from KNOWN_DIFFERENCES")),
            (false, None) => {}
        }
    }
    println!("{} host cases, {} match bash, {known} known differences", cases.len(), cases.len() - known - failures.len());
    assert!(failures.is_empty(), "{} host case(s) differ from bash:\n\n{}", failures.len(), failures.join("\n\n"));
}
