//! The simulated shell in its bash flavour against the real bash: each
//! tests/bash/NAME.sh runs as `bash -c SCRIPT` in the catalog's
//! debian:bookworm filesystem and must print what NAME.bash recorded
//! (scripts/bash-expect.sh regenerates those from the real bash).

mod common;

use dockersim::image::catalog;
use dockersim::vfs::{Fs, Meta};
use std::path::Path;

/// Cases whose output still differs from bash's, with the reason.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[];

fn rootfs(reference: &str) -> Fs {
    let image = catalog::pull(reference).expect("catalog image");
    let mut fs = Fs::new();
    for layer in &image.layers {
        layer.apply(&mut fs).expect("apply");
    }
    fs.mkdir_all("/tmp/work", Meta::new(0o755, 0)).expect("mkdir");
    fs
}

fn run(fs: &Fs, script: &str) -> String {
    let argv: Vec<String> = vec!["bash".into(), "-c".into(), script.into()];
    let r = common::run_in(fs, &argv);
    format!("status: {}\n--- stdout\n{}--- stderr\n{}", r.status, r.stdout, r.stderr)
}

#[test]
fn shell_matches_bash() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bash");
    let debian = rootfs("debian:bookworm");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "sh"))
        .collect();
    cases.sort();
    let only = std::env::var("BASH_CASE").ok();
    let mut failures = Vec::new();
    let mut known = Vec::new();
    let mut checked = 0;
    for case in &cases {
        let name = case.file_stem().unwrap().to_string_lossy().into_owned();
        if only.as_ref().is_some_and(|o| !name.contains(o.as_str())) {
            continue;
        }
        let script = std::fs::read_to_string(case).unwrap();
        let expected_path = case.with_extension("bash");
        let Ok(expected) = std::fs::read_to_string(&expected_path) else { continue };
        let actual = run(&debian, script.trim_end_matches('\n'));
        checked += 1;
        let listed = KNOWN_DIFFERENCES.iter().any(|(n, _)| *n == name);
        if actual != expected {
            if listed {
                known.push(name);
            } else {
                failures.push(format!("{}:\n--- expected\n{expected}--- actual\n{actual}", expected_path.display()));
            }
        } else if listed {
            failures.push(format!("{name}: listed as a known difference but now matches; remove it from KNOWN_DIFFERENCES"));
        }
    }
    if only.is_none() {
        assert!(checked >= 10, "only {checked} expectations found");
    }
    if !known.is_empty() {
        println!("{} known differences: {}", known.len(), known.join(", "));
    }
    assert!(failures.is_empty(), "{} of {checked} differ:\n\n{}", failures.len(), failures.join("\n"));
}
