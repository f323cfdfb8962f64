//! Hostile inputs as data (`tests/hostile/`): archives and files an attacker
//! or a careless learner hands the simulator. Each must end with the real
//! tool's error or a contained result — never a panic, a hang or an escape.

use dockersim::vfs::Node;
use dockersim::Engine;
use std::path::PathBuf;

fn data(name: &str) -> Vec<u8> {
    std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/hostile").join(name)).expect("hostile input")
}

fn run(engine: &mut Engine, line: &str) -> (i32, String) {
    let out = engine.run_command(line);
    (out.exit_code, out.text())
}

/// Every entry name in a tree is a plain name.
fn plain_names(node: &Node, at: &str) {
    if let Node::Dir { entries, .. } = node {
        for (name, child) in entries {
            assert!(!name.is_empty() && name != "." && name != ".." && !name.contains('/'), "entry {name:?} under {at}");
            plain_names(child, &format!("{at}/{name}"));
        }
    }
}

#[test]
fn docker_load_cleans_dotdot_entries_like_the_chrooted_unpack() {
    let mut engine = Engine::default();
    engine.write_host_file("/home/learner/evil.tar", &data("load-dotdot.tar")).unwrap();
    assert_eq!(run(&mut engine, "docker load -q -i evil.tar"), (0, "Loaded image: evil:latest\n".into()));
    run(&mut engine, "docker create --name cc evil");
    let (code, text) = run(&mut engine, "docker cp cc:/ root");
    assert_eq!(code, 0, "{text}");
    plain_names(engine.host_fs().root(), "");
    for f in ["escaped", "escaped2", "abs"] {
        assert_eq!(engine.read_host_file(&format!("/home/learner/root/{f}")).unwrap(), b"pwned\n");
    }
}

#[test]
fn export_never_writes_outside_its_directory() {
    let bin = env!("CARGO_BIN_EXE_dockersim");
    let tmp = std::env::temp_dir().join(format!("dockersim-hostile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(tmp.join("out/deep")).unwrap();
    std::fs::write(tmp.join("evil.tar"), data("load-dotdot.tar")).unwrap();
    let import = format!("{}:evil.tar", tmp.join("evil.tar").display());
    let export = format!("root:{}", tmp.join("out/deep/DIR").display());
    let status = std::process::Command::new(bin)
        .args(["shell", "--import", &import, "--export", &export, "-c"])
        .arg("docker load -q -i evil.tar\ndocker create --name cc evil\ndocker cp cc:/ root")
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    assert!(tmp.join("out/deep/DIR/escaped").is_file());
    assert!(!tmp.join("out/escaped").exists() && !tmp.join("escaped").exists());
    // An existing symlink inside the export directory is never written through.
    #[cfg(unix)]
    {
        std::fs::create_dir_all(tmp.join("elsewhere")).unwrap();
        std::fs::create_dir_all(tmp.join("out2")).unwrap();
        std::os::unix::fs::symlink(tmp.join("elsewhere"), tmp.join("out2/app")).unwrap();
        let export = format!("app:{}", tmp.join("out2/app").display());
        let status =
            std::process::Command::new(bin).args(["shell", "--export", &export, "-c", "mkdir app; echo x > app/f"]).output().unwrap();
        assert!(!status.status.success());
        assert!(String::from_utf8_lossy(&status.stderr).contains("symlink"));
        assert!(!tmp.join("elsewhere/f").exists());
    }
    // Two names that are not UTF-8 would map to the same name: refused, not merged.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let dir = tmp.join("latin1");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(std::ffi::OsStr::from_bytes(b"caf\xe9")), "1").unwrap();
        std::fs::write(dir.join(std::ffi::OsStr::from_bytes(b"caf\xe8")), "2").unwrap();
        let import = format!("{}:latin1", dir.display());
        let status = std::process::Command::new(bin).args(["shell", "--import", &import, "-c", "ls latin1"]).output().unwrap();
        assert!(!status.status.success());
        assert!(String::from_utf8_lossy(&status.stderr).contains("not valid UTF-8"), "{}", String::from_utf8_lossy(&status.stderr));
    }
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn add_of_a_tar_with_a_symlink_breakout_stays_in_the_destination() {
    let mut engine = Engine::default();
    engine.write_host_file("/home/learner/ctx/x.tar", &data("add-symlink-breakout.tar")).unwrap();
    engine.write_host_file("/home/learner/ctx/Dockerfile", b"FROM busybox\nADD x.tar /app/\n").unwrap();
    let (code, text) = run(&mut engine, "docker build -q -t addtar ctx");
    assert_eq!(code, 0, "{text}");
    let (_, passwd) = run(&mut engine, "docker run --rm addtar cat /etc/passwd");
    assert!(passwd.starts_with("root:x:0:0:root"), "{passwd}");
    let (_, inside) = run(&mut engine, "docker run --rm addtar cat /app/etc/passwd /app/up");
    assert_eq!(inside, "hacker::0:0::/:/bin/sh\nhacker::0:0::/:/bin/sh\n");
}

#[test]
fn tar_extract_refuses_or_strips_dotdot_members() {
    let mut engine = Engine::default();
    engine.write_host_file("/home/learner/ctx/x.tar", &data("add-symlink-breakout.tar")).unwrap();
    for (image, expect) in [
        ("debian", ["tar: link/passwd: Cannot open: Not a directory", "tar: ../../up: Member name contains '..'", "status=2"]),
        ("busybox", ["tar: removing leading '../../' from member names", "tar: can't create symlink 'link' to '/etc'", "status=1"]),
    ] {
        let dockerfile = format!("FROM {image}\nWORKDIR /w/x\nCOPY x.tar .\nRUN tar -xf x.tar; echo status=$?; ls /w/x /w /up\n");
        engine.write_host_file("/home/learner/ctx/Dockerfile", dockerfile.as_bytes()).unwrap();
        let (_, text) = run(&mut engine, "docker build --progress=plain --no-cache ctx");
        for line in expect {
            assert!(text.contains(line), "{image}: {line}: {text}");
        }
        assert!(text.contains("ls: /up: No such file or directory") || text.contains("ls: cannot access '/up'"), "{image}: {text}");
    }
}

#[test]
fn lesson_files_outside_the_project_are_refused() {
    for name in ["../../x", "", ".", "/", "/etc/passwd", "a/../../b"] {
        let lesson = serde_json::json!({
            "id": "evil", "title": {"en": "", "ko": ""}, "story": {"en": "", "ko": ""},
            "setup": {"files": {name: "x"}},
            "goals": [{"text": {"en": "", "ko": ""}, "check": {"kind": "image_exists", "image": "x"}}],
            "solution": {}, "par": 1
        });
        let err = dockersim::lesson::Lesson::from_json(&lesson.to_string());
        assert!(err.as_ref().is_err_and(|e| e.contains("not a relative path")), "{name:?}: {err:?}");
    }
}

#[test]
fn env_values_that_double_each_line_hit_the_expansion_limit() {
    let mut engine = Engine::default();
    engine.write_host_file("/home/learner/ctx/Dockerfile", &data("env-doubling/Dockerfile")).unwrap();
    let (code, text) = run(&mut engine, "docker build -q ctx");
    assert_eq!(code, 1);
    assert!(text.contains("failed to process \"$A$A\": the expanded value is longer than 1 MiB"), "{text}");
    assert_eq!(run(&mut engine, "echo ok"), (0, "ok\n".into()));
}

#[test]
fn sixteen_thousand_env_lines_build_in_linear_time() {
    let mut dockerfile = String::from("FROM busybox\n");
    for i in 0..16_000 {
        dockerfile.push_str(&format!("ENV V{i}=value{i}\n"));
    }
    dockerfile.push_str("RUN echo $V15999 $V0\n");
    let mut engine = Engine::default();
    engine.write_host_file("/home/learner/ctx/Dockerfile", dockerfile.as_bytes()).unwrap();
    let start = std::time::Instant::now();
    let (code, text) = run(&mut engine, "docker build -q ctx");
    assert_eq!(code, 0, "{text}");
    eprintln!("16,000 ENV lines: {:?}", start.elapsed());
}

#[test]
fn run_yes_is_clipped_like_buildkit_and_makes_few_events() {
    let mut engine = Engine::default();
    engine.write_host_file("/home/learner/ctx/Dockerfile", &data("run-yes/Dockerfile")).unwrap();
    let (code, text) = run(&mut engine, "docker build -q ctx");
    assert_eq!(code, 1);
    assert!(text.contains(" [output clipped, log limit 2MiB reached]\n"), "{}", &text[text.len().saturating_sub(2000)..]);
    assert!(text.contains("dockersim: script stopped: it wrote more than 8 MiB of output"));
    let events = engine.last_build().unwrap().events.len();
    assert!(events < 5_000, "{events} events");
    // A container's log keeps 2 MiB of a run, and says so.
    let (code, _) = run(&mut engine, "docker run --name yy busybox yes > /dev/null");
    assert_eq!(code, 137);
    let c = engine.container("yy").unwrap();
    let lines = c.log_lines(engine.now());
    assert!(lines.len() < 1_100_000, "{} lines", lines.len());
    assert!(lines.iter().any(|(_, l)| l.contains("output clipped at 2 MiB")));
}

#[test]
fn repeated_docker_save_meets_the_host_disk_budget() {
    let mut engine = Engine::default();
    run(&mut engine, "docker pull -q node:20-alpine");
    for i in 1..=3 {
        assert_eq!(run(&mut engine, &format!("docker save -o a{i}.tar node:20-alpine")).0, 0);
    }
    let (code, text) = run(&mut engine, "docker save -o a4.tar node:20-alpine");
    assert_eq!(code, 1);
    assert!(text.starts_with("failed to save image: write a4.tar: no space left on device"), "{text}");
    assert_eq!(run(&mut engine, "rm a1.tar a2.tar").0, 0);
    assert_eq!(run(&mut engine, "docker save -o a4.tar node:20-alpine").0, 0);
}

#[test]
fn patterns_that_backtrack_exponentially_match_in_linear_time() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/hostile/glob-backtracking");
    let mut engine = Engine::default();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        engine.write_host_file(&format!("/home/learner/ctx/{name}"), &std::fs::read(&path).unwrap()).unwrap();
    }
    let pattern = format!("{}b", "*a".repeat(30));
    let text = "a".repeat(60);
    let start = std::time::Instant::now();
    // Dockerfile expansion (${A#p}, ${A%p}, ${A/p/x}) and .dockerignore.
    let (code, out) = run(&mut engine, "docker build --progress=plain --no-cache ctx");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(&format!(" {text}|{text}|{text}\n")), "{out}");
    assert!(out.contains(" Dockerfile\n") && out.contains(&format!(" {text}\n")), "{out}");
    // The shell's case and ${v#p}; docker images' reference filter.
    let script = format!("A={text}; case $A in {pattern}) echo match;; *) echo none;; esac; echo ${{A#{pattern}}}");
    let (_, out) = run(&mut engine, &format!("docker run --rm busybox sh -c '{script}'"));
    assert_eq!(out, format!("none\n{text}\n"));
    run(&mut engine, &format!("docker tag busybox {text}"));
    let (code, out) = run(&mut engine, &format!("docker images --format '{{{{.Repository}}}}' '{pattern}'"));
    assert_eq!((code, out.as_str()), (0, ""));
    assert!(start.elapsed().as_secs() < 60, "{:?}", start.elapsed());
}

#[test]
fn a_full_host_disk_refuses_writes_until_files_are_removed() {
    let mut engine = Engine::default();
    engine.write_host_file("/home/learner/big.bin", &vec![7u8; (513 << 20) as usize]).unwrap();
    let (code, text) = run(&mut engine, "echo hi > x");
    assert_eq!(code, 137, "{text}");
    assert!(
        text.contains("dockersim: script stopped: the disk is full (its files hold 513 MiB; the simulator keeps at most 512 MiB"),
        "{text}"
    );
    // Reading, listing and removing still work; then writes work again.
    assert_eq!(run(&mut engine, "ls big.bin"), (0, "big.bin\n".into()));
    assert_eq!(run(&mut engine, "rm big.bin").0, 0);
    assert_eq!(run(&mut engine, "echo hi > x && cat x"), (0, "hi\n".into()));
}

#[test]
fn a_dockerfile_past_the_budget_is_refused_before_it_is_built() {
    let mut engine = Engine::default();
    let mut dockerfile = String::from("FROM busybox\nCOPY <<EOF /big\n");
    while dockerfile.len() <= 17 << 20 {
        dockerfile.push_str(&"x".repeat(99));
        dockerfile.push('\n');
    }
    dockerfile.push_str("EOF\n");
    engine.write_host_file("/home/learner/ctx/Dockerfile", dockerfile.as_bytes()).unwrap();
    let (code, text) = run(&mut engine, "docker build -q ctx");
    assert_eq!(code, 1);
    assert!(
        text.contains("failed to read dockerfile: dockersim: the Dockerfile is 17.0 MiB; the simulator reads Dockerfiles up to 16 MiB"),
        "{text}"
    );
}

#[test]
fn a_lone_bracket_never_scans_the_working_directory() {
    // `[ $i -lt N ]` in a directory of many files: `[` is not a pattern
    // (no closing `]`), so no command reads the directory.
    let mut engine = Engine::default();
    let start = std::time::Instant::now();
    let (code, text) = run(
        &mut engine,
        "mkdir d && cd d && touch $(seq -f f%g 1 5000) && i=0; while [ $i -lt 2000 ]; do i=$((i+1)); done; echo $i [ [x; touch b; echo [ab] *'*'",
    );
    assert_eq!((code, text.as_str()), (0, "2000 [ [x\nb **\n"));
    assert!(start.elapsed().as_secs() < 30, "{:?}", start.elapsed());
}

#[test]
fn a_pattern_that_costs_too_much_says_so_in_each_tool() {
    // Found by fuzzing: hundreds of nested-star groups matched at every
    // position of a line took up to 16 minutes. Every search of a pattern
    // now pays from one budget; the tool stops in about a second and says so.
    let mut engine = Engine::default();
    let setup = "r=$(printf 'a%.0s' $(seq 1500)); p=\"|a*$(printf 'a%.0s' $(seq 2000))\"; t=\"${r}b${r}b${r}b\"";
    let start = std::time::Instant::now();
    for (cmd, status, tool) in [
        ("echo \"$t\" | grep -oE \"$p\"", 2, "grep"),
        ("echo \"$t\" | sed -E \"s/$p/-/g\"", 4, "sed"),
        ("echo \"$t\" | awk -v p=\"(${p#|})?\" '{ n = gsub(p, \"-\"); print n }'", 2, "awk"),
        ("expr \"$t\" : \"\\($(printf '\\(a*\\)*%.0s' $(seq 800))\\)\\1b\"", 2, "expr"),
    ] {
        let (code, text) = run(&mut engine, &format!("{setup}; {cmd}"));
        let line = format!("dockersim: {tool}: the regular expression needs more steps than the simulator allows");
        assert!(code == status && text.contains(&line), "{tool}: {code} {}", &text[..text.len().min(300)]);
    }
    // The same shapes finish where the work is bounded: groups over a long
    // line of non-matching bytes (a match at each position).
    let (code, text) = run(&mut engine, "p=$(printf '(a*)*%.0s' $(seq 800)); printf 'x%.0s' $(seq 3000) | sed -E \"s/$p|b/-/g\" | wc -c");
    assert_eq!((code, text.as_str()), (0, "6001\n"));
    // About 5 s in a release build; debug builds run the engine ~6× slower.
    let bound = if cfg!(debug_assertions) { 120 } else { 20 };
    assert!(start.elapsed().as_secs() < bound, "{:?}", start.elapsed());
    // An ordinary pattern over a large input keeps its budget.
    let (code, text) = run(&mut engine, "seq 200000 | grep -cE '^(1|2)+[0-9]*7$'");
    assert_eq!((code, text.as_str()), (0, "12222\n"));
}
