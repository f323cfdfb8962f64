//! The simulated shell against the real dash (Debian) and BusyBox ash
//! (Alpine): each tests/shell/NAME.sh runs in the catalog's debian:bookworm
//! and alpine:3.20 filesystems and must print what NAME.dash / NAME.ash
//! recorded (scripts/shell-expect.sh regenerates those from the real shells).

use dockersim::image::catalog;
use dockersim::shell::{run_argv, ExecContext, Flavor};
use dockersim::vfs::{Fs, Meta};
use std::collections::BTreeMap;
use std::path::Path;

fn rootfs(reference: &str) -> Fs {
    let image = catalog::pull(reference).expect("catalog image");
    let mut fs = Fs::new();
    for layer in &image.layers {
        layer.apply(&mut fs).expect("apply");
    }
    fs.mkdir_all("/tmp/work", Meta::new(0o755, 0)).expect("mkdir");
    fs
}

fn run(fs: &Fs, flavor: Flavor, script: &str) -> String {
    let mut fs = fs.clone();
    let env: BTreeMap<String, String> = [("HOME", "/root"), ("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let mut ctx = ExecContext { fs: &mut fs, env, cwd: "/tmp/work".into(), now: 1_767_225_600, flavor, user: String::new(), host: None };
    let argv: Vec<String> = vec!["/bin/sh".into(), "-c".into(), script.into(), "/bin/sh".into()];
    let r = run_argv(&argv, &mut ctx);
    format!("status: {}\n--- stdout\n{}--- stderr\n{}", r.status, r.stdout, r.stderr)
}

#[test]
fn shell_matches_dash_and_busybox() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/shell");
    let debian = rootfs("debian:bookworm");
    let alpine = rootfs("alpine:3.20");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "sh"))
        .collect();
    cases.sort();
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in &cases {
        let script = std::fs::read_to_string(case).unwrap();
        for (ext, fs, flavor) in [("dash", &debian, Flavor::Dash), ("ash", &alpine, Flavor::Busybox)] {
            let expected_path = case.with_extension(ext);
            let Ok(expected) = std::fs::read_to_string(&expected_path) else { continue };
            let actual = run(fs, flavor, script.trim_end_matches('\n'));
            checked += 1;
            if actual != expected {
                failures.push(format!("{}:\n--- expected\n{expected}--- actual\n{actual}", expected_path.display()));
            }
        }
    }
    assert!(checked >= 50, "only {checked} expectations found");
    assert!(failures.is_empty(), "{} of {checked} differ:\n\n{}", failures.len(), failures.join("\n"));
}
