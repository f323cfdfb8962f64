//! `dockersim shell` end to end: imports, commands, exports, exit status.

use std::process::Command;

#[test]
fn imports_runs_exports_and_exits_with_the_last_status() {
    let dir = std::env::temp_dir().join(format!("dockersim-shell-{}", std::process::id()));
    let project = dir.join("project");
    std::fs::create_dir_all(&project).unwrap();
    std::fs::write(project.join("Dockerfile"), "FROM busybox\nCOPY hello.txt /hello.txt\nCMD [\"cat\", \"/hello.txt\"]\n").unwrap();
    std::fs::write(project.join("hello.txt"), "hi from the import\n").unwrap();
    let exported = dir.join("out.txt");
    let output = Command::new(env!("CARGO_BIN_EXE_dockersim"))
        .args(["shell", "--import", &format!("{}:app", project.display()), "--cwd", "app"])
        .args(["--export", &format!("app/out.txt:{}", exported.display())])
        .args(["-c", "docker build -q -t hello .\ndocker run --rm hello > out.txt\ndocker run --rm hello\ndocker nope"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stdout.starts_with("sha256:"), "{stdout}");
    assert!(stdout.ends_with("hi from the import\n"), "{stdout}");
    assert!(stderr.ends_with("docker: 'nope' is not a docker command.\nSee 'docker --help'\n"), "{stderr}");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&exported).unwrap(), "hi from the import\n");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn reads_commands_from_stdin_without_a_prompt() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_dockersim"))
        .arg("shell")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawns");
    child.stdin.take().unwrap().write_all(b"pwd\ndocker ps\n").unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "/home/learner\nCONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n"
    );
    assert_eq!(output.status.code(), Some(0));
}

/// The page's first build of its example workspace (`mkdir -p` and `cd`
/// into ~/app, then Build) gives the image ID recorded in
/// `tests/e2e/page-build-id.txt`; the e2e suite checks the page gives it too.
#[test]
fn the_pages_first_build_gives_the_recorded_id() {
    let root = env!("CARGO_MANIFEST_DIR");
    let output = Command::new(env!("CARGO_BIN_EXE_dockersim"))
        .args(["shell", "--import", &format!("{root}/examples/node-app:app")])
        .args(["-c", "mkdir -p /home/learner/app\ncd /home/learner/app\ndocker build -q -t app ."])
        .output()
        .expect("runs");
    let id = String::from_utf8_lossy(&output.stdout).trim().to_string();
    let recorded = std::fs::read_to_string(format!("{root}/tests/e2e/page-build-id.txt")).unwrap();
    assert_eq!(id, recorded.trim(), "update tests/e2e/page-build-id.txt only if the page gives the new ID too");
}

/// An argument that is not UTF-8 (a fuzzed script with a byte 0xB1) is read
/// with U+FFFD in place of the bad byte; it once panicked in `std::env::args`.
#[cfg(unix)]
#[test]
fn an_argument_that_is_not_utf8_is_read_lossily() {
    use std::os::unix::ffi::OsStrExt;
    let script = std::ffi::OsStr::from_bytes(b"echo \"a\xb1b\"; printf '%s\\n' done");
    let output = Command::new(env!("CARGO_BIN_EXE_dockersim")).arg("shell").arg("-c").arg(script).output().expect("runs");
    assert_eq!(String::from_utf8_lossy(&output.stdout), "a\u{fffd}b\ndone\n");
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(output.status.code(), Some(0));
}
