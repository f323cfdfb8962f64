//! The simulated awk against the real ones: each tests/awk/NAME.sh runs with
//! `awk` naming mawk (debian:bookworm's awk), gawk (Debian with gawk
//! installed) and BusyBox awk (alpine:3.20), and must print what NAME.mawk,
//! NAME.gawk and NAME.busybox recorded from the real programs
//! (`scripts/awk-expect.sh`, never by hand). Cases listed in
//! `known-differences.txt` (with the reason) are reported, not failed; a
//! listed case that now matches fails, so the list stays true.

use dockersim::image::catalog;
use dockersim::shell::{run_argv, ExecContext, Flavor};
use dockersim::vfs::{Content, Fs, Meta, Node};
use std::collections::BTreeMap;
use std::path::Path;

fn rootfs(reference: &str, awk: Option<&str>) -> Fs {
    let image = catalog::pull(reference).expect("catalog image");
    let mut fs = Fs::new();
    for layer in &image.layers {
        layer.apply(&mut fs).expect("apply");
    }
    if let Some(awk) = awk {
        let real = format!("/usr/bin/{awk}");
        if !fs.exists(&real) {
            fs.write(&real, Content::from_bytes(b"\x7fELF".to_vec()), Meta::new(0o755, 0)).expect("awk");
        }
        let _ = fs.remove("/usr/bin/awk", false);
        let _ = fs.remove("/etc/alternatives/awk", false);
        fs.mkdir_all("/etc/alternatives", Meta::new(0o755, 0)).expect("mkdir");
        fs.insert("/etc/alternatives/awk", Node::Symlink { meta: Meta::new(0o777, 0), target: real }).expect("link");
        fs.insert("/usr/bin/awk", Node::Symlink { meta: Meta::new(0o777, 0), target: "/etc/alternatives/awk".into() }).expect("link");
    }
    fs.mkdir_all("/tmp/work", Meta::new(0o700, 0)).expect("mkdir");
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
fn awk_matches_mawk_gawk_and_busybox() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/awk");
    let known: BTreeMap<String, String> = std::fs::read_to_string(dir.join("known-differences.txt"))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (k, reason) = l.split_once(char::is_whitespace).unwrap_or((l, ""));
            (k.to_string(), reason.trim().to_string())
        })
        .collect();
    let mawk = rootfs("debian:bookworm", Some("mawk"));
    let gawk = rootfs("debian:bookworm", Some("gawk"));
    let busybox = rootfs("alpine:3.20", None);
    let only = std::env::var("AWK_CASE").ok();
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "sh"))
        .filter(|p| only.as_ref().is_none_or(|o| p.file_stem().is_some_and(|s| s.to_string_lossy() == *o)))
        .collect();
    cases.sort();
    let (mut failures, mut fixed, mut listed) = (Vec::new(), Vec::new(), Vec::new());
    let mut checked = 0;
    for case in &cases {
        let script = std::fs::read_to_string(case).unwrap();
        for (ext, fs, flavor) in [("mawk", &mawk, Flavor::Dash), ("gawk", &gawk, Flavor::Dash), ("busybox", &busybox, Flavor::Busybox)] {
            let expected_path = case.with_extension(ext);
            let Ok(expected) = std::fs::read_to_string(&expected_path) else {
                continue;
            };
            let key = expected_path.file_name().unwrap().to_string_lossy().into_owned();
            let actual = run(fs, flavor, script.trim_end_matches('\n'));
            checked += 1;
            let known_reason = known.get(&key).or_else(|| known.get(case.file_name().unwrap().to_string_lossy().as_ref()));
            match (actual == expected, known_reason) {
                (true, Some(_)) => fixed.push(key),
                (true, None) => {}
                (false, Some(reason)) => listed.push(format!("{key}: {reason}")),
                (false, None) => failures.push(format!("{}:\n--- expected\n{expected}--- actual\n{actual}", expected_path.display())),
            }
        }
    }
    println!("{checked} expectations, {} known differences:\n  {}", listed.len(), listed.join("\n  "));
    if only.is_none() {
        assert!(checked >= 450, "only {checked} expectations found");
    }
    assert!(fixed.is_empty(), "these now match; remove them from known-differences.txt: {fixed:?}");
    assert!(failures.is_empty(), "{} of {checked} differ:\n\n{}", failures.len(), failures.join("\n"));
}
