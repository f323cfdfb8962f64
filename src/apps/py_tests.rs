//! One test per feature of the Python evaluator (the table in
//! docs/simulated-programs.md), its errors, runaway programs and fuzzed
//! input; `python_matches_cpython` compares with the real python3's
//! recorded output (tests/python/*.py → *.out, scripts/python-expect.sh).

use super::*;
use crate::vfs::{Content, Fs, Meta};

fn fs_with(files: &[(&str, &str)]) -> Fs {
    let mut fs = Fs::new();
    for (p, body) in files {
        if let Some(i) = p.rfind('/').filter(|&i| i > 0) {
            fs.mkdir_all(&p[..i], Meta::new(0o755, 0)).unwrap();
        }
        fs.write(p, Content::from_bytes(body.as_bytes().to_vec()), Meta::new(0o644, 0)).unwrap();
    }
    fs
}

fn env_of(fs: &Fs) -> PyEnv<'_> {
    let env: BTreeMap<String, String> = [("GREETING".to_string(), "hi".to_string())].into_iter().collect();
    PyEnv { fs, env, cwd: "/app".into(), hostname: "c0ffee123456".into(), now: 1_767_225_600, stdin: String::new(), net: None }
}

fn run_file(src: &str) -> PyRun {
    let fs = fs_with(&[("/app/app.py", src)]);
    run_python(env_of(&fs), PyMain::File("/app/app.py"), &["/app/app.py".to_string()])
}

fn out(src: &str) -> String {
    let r = run_file(src);
    assert_eq!(r.stderr, "", "stderr for {src:?}");
    r.stdout
}

#[test]
fn smoke() {
    assert_eq!(out("print(sum(range(10)))"), "45\n");
}

fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The simulated run of a tests/python case, in the recorded format.
fn simulate_case(name: &str, src: &str, stdin: &str) -> String {
    let path = format!("/work/{name}.py");
    let fs = fs_with(&[(&path, src)]);
    let mut e = env_of(&fs);
    e.cwd = "/work".into();
    e.stdin = stdin.to_string();
    let r = run_python(e, PyMain::File(&path), std::slice::from_ref(&path));
    let stderr: String = r
        .stderr
        .lines()
        .filter(|l| !l.trim().chars().all(|c| c == '^' || c == '~') || l.trim().is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    format!("status: {}\n--- stdout\n{}--- stderr\n{stderr}", r.status, r.stdout)
}

fn cases() -> Vec<(String, String, String)> {
    let dir = root().join("tests/python");
    let mut names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".py").map(str::to_string)).collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let src = std::fs::read_to_string(dir.join(format!("{n}.py"))).unwrap();
            let stdin = std::fs::read_to_string(dir.join(format!("{n}.stdin"))).unwrap_or_default();
            (n, src, stdin)
        })
        .collect()
}

#[test]
fn python_matches_cpython() {
    let mut failures = Vec::new();
    for (name, src, stdin) in cases() {
        let want = std::fs::read_to_string(root().join(format!("tests/python/{name}.out"))).unwrap();
        let got = simulate_case(&name, &src, &stdin);
        if got != want {
            failures.push(format!("== {name}\n-- want\n{want}-- got\n{got}"));
        }
    }
    assert!(failures.is_empty(), "{} of the recorded cases differ:\n{}", failures.len(), failures.join("\n"));
}

/// The recordings are what this machine's python3 prints (skipped without
/// python3 unless DOCKERSIM_REQUIRE_ORACLES=1, which makes it fail).
#[test]
fn python_recordings_are_current() {
    let have = std::process::Command::new("python3").arg("--version").output().is_ok();
    if !have {
        assert!(std::env::var("DOCKERSIM_REQUIRE_ORACLES").is_err(), "python3 is required (DOCKERSIM_REQUIRE_ORACLES=1)");
        eprintln!("skipped: python3 not found");
        return;
    }
    let script = root().join("scripts/python-expect.sh");
    let tmp = std::env::temp_dir().join(format!("dockersim-py-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(tmp.join("scripts")).unwrap();
    std::fs::create_dir_all(tmp.join("tests/python")).unwrap();
    std::fs::copy(&script, tmp.join("scripts/python-expect.sh")).unwrap();
    for (name, src, stdin) in cases() {
        std::fs::write(tmp.join(format!("tests/python/{name}.py")), src).unwrap();
        if !stdin.is_empty() {
            std::fs::write(tmp.join(format!("tests/python/{name}.stdin")), stdin).unwrap();
        }
    }
    let st = std::process::Command::new("bash").arg(tmp.join("scripts/python-expect.sh")).output().unwrap();
    assert!(st.status.success(), "{}", String::from_utf8_lossy(&st.stderr));
    for (name, ..) in cases() {
        let fresh = std::fs::read_to_string(tmp.join(format!("tests/python/{name}.out"))).unwrap();
        let kept = std::fs::read_to_string(root().join(format!("tests/python/{name}.out"))).unwrap();
        assert_eq!(fresh, kept, "tests/python/{name}.out is stale: run scripts/python-expect.sh {name}");
    }
    let _ = std::fs::remove_dir_all(&tmp);
}
