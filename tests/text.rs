//! The simulated text tools (grep, sed, expr and the regex engine under
//! them) against the real ones: each tests/text/NAME.sh runs in the catalog's
//! debian:bookworm (dash + GNU grep/sed/coreutils) and alpine:3.20 (BusyBox)
//! filesystems and must print what NAME.dash / NAME.ash recorded from the
//! real programs (`scripts/text-expect.sh`, never by hand). Cases listed in `known-differences.txt` (with the reason) are
//! reported, not failed; a listed case that now matches fails, so the list
//! stays true.

use dockersim::image::catalog;
use dockersim::shell::{run_argv, ExecContext, Flavor};
use dockersim::vfs::{Content, Fs, Meta, Node};
use std::collections::BTreeMap;
use std::path::Path;

/// Tools the real images have that the catalog's filesystems do not list yet.
const DEBIAN_EXTRA: &[&str] = &["expr", "egrep", "fgrep"];
const ALPINE_EXTRA: &[&str] = &["expr", "egrep", "fgrep"];

fn rootfs(reference: &str, extra: &[&str], busybox: bool) -> Fs {
    let image = catalog::pull(reference).expect("catalog image");
    let mut fs = Fs::new();
    for layer in &image.layers {
        layer.apply(&mut fs).expect("apply");
    }
    for tool in extra {
        let path = format!("/usr/bin/{tool}");
        if fs.exists(&path) {
            continue;
        }
        if busybox {
            fs.insert(&path, Node::Symlink { meta: Meta::new(0o777, 0), target: "/bin/busybox".into() }).expect("link");
        } else {
            fs.write(&path, Content::from_bytes(b"\x7fELF".to_vec()), Meta::new(0o755, 0)).expect("tool");
        }
    }
    // Like the recording's `mktemp -d`: mode 0700.
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
fn text_tools_match_gnu_and_busybox() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/text");
    let known: BTreeMap<String, String> = std::fs::read_to_string(dir.join("known-differences.txt"))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (k, reason) = l.split_once(char::is_whitespace).unwrap_or((l, ""));
            (k.to_string(), reason.trim().to_string())
        })
        .collect();
    let debian = rootfs("debian:bookworm", DEBIAN_EXTRA, false);
    let alpine = rootfs("alpine:3.20", ALPINE_EXTRA, true);
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "sh"))
        .collect();
    cases.sort();
    let (mut failures, mut fixed, mut listed) = (Vec::new(), Vec::new(), Vec::new());
    let mut checked = 0;
    for case in &cases {
        let script = std::fs::read_to_string(case).unwrap();
        for (ext, fs, flavor) in [("dash", &debian, Flavor::Dash), ("ash", &alpine, Flavor::Busybox)] {
            let expected_path = case.with_extension(ext);
            let Ok(expected) = std::fs::read_to_string(&expected_path) else {
                continue;
            };
            let key = expected_path.file_name().unwrap().to_string_lossy().into_owned();
            let actual = run(fs, flavor, script.trim_end_matches('\n'));
            checked += 1;
            match (actual == expected, known.get(&key)) {
                (true, Some(_)) => fixed.push(key),
                (true, None) => {}
                (false, Some(reason)) => listed.push(format!("{key}: {reason}")),
                (false, None) => failures.push(format!("{}:\n--- expected\n{expected}--- actual\n{actual}", expected_path.display())),
            }
        }
    }
    println!("{checked} expectations, {} known differences:\n  {}", listed.len(), listed.join("\n  "));
    assert!(checked >= 400, "only {checked} expectations found");
    assert!(fixed.is_empty(), "these now match; remove them from known-differences.txt: {fixed:?}");
    assert!(failures.is_empty(), "{} of {checked} differ:\n\n{}", failures.len(), failures.join("\n"));
}
