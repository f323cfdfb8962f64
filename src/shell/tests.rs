use super::*;
use crate::image::catalog;
use crate::vfs::{Content, Meta};

fn image_fs(reference: &str) -> Fs {
    let image = catalog::pull(reference).unwrap();
    let mut fs = Fs::new();
    for layer in &image.layers {
        layer.apply(&mut fs).unwrap();
    }
    fs
}

fn run_in(fs: &mut Fs, reference: &str, cwd: &str, script: &str) -> ExecResult {
    let image = catalog::pull(reference).unwrap();
    let env = image.config.config.env.iter().filter_map(|kv| kv.split_once('=')).map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let flavor = if fs.exists("/bin/busybox") { Flavor::Busybox } else { Flavor::Dash };
    let mut ctx = ExecContext { fs, env, cwd: cwd.into(), now: 1_767_225_600, flavor, user: String::new(), host: None };
    run_script(script, &mut ctx)
}

#[test]
fn runaway_scripts_stop_with_a_clear_message() {
    let scripts = [
        "while true; do :; done",
        "yes > /big",
        "f() { f; }; f",
        "f() { f | f; }; f",
        "while :; do echo spam; done",
        "i=0; while :; do cp -r /usr /tmp/copy$i; i=$((i+1)); done",
        "x=a; while :; do x=$x$x; done",
    ];
    for script in scripts {
        let mut fs = image_fs("alpine:3.20");
        let r = run_in(&mut fs, "alpine:3.20", "/", script);
        assert_eq!(r.status, interp::LIMIT_STATUS, "{script}");
        assert!(r.stderr.contains("dockersim: script stopped"), "{script}: {}", r.stderr);
    }
}

#[test]
fn npm_install_writes_node_modules_and_reports_like_npm() {
    let mut fs = image_fs("node:20");
    fs.mkdir_all("/app", Meta::new(0o755, 0)).unwrap();
    fs.write(
        "/app/package.json",
        Content::from_bytes(r#"{"name":"app","version":"1.0.0","dependencies":{"express":"^4.21.2"}}"#),
        Meta::new(0o644, 0),
    )
    .unwrap();
    let r = run_in(&mut fs, "node:20", "/app", "npm install");
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(r.stdout.contains("added ") && r.stdout.contains(" packages, and audited "), "{}", r.stdout);
    assert!(r.stdout.contains("found 0 vulnerabilities"));
    assert!(fs.exists("/app/node_modules/express/package.json"));
    assert!(fs.exists("/app/node_modules/body-parser/index.js"), "dependencies of dependencies are installed");
    assert!(fs.exists("/app/package-lock.json"));
}

#[test]
fn npm_without_package_json_reports_enoent() {
    let mut fs = image_fs("node:20");
    let r = run_in(&mut fs, "node:20", "/", "npm install");
    assert_eq!(r.status, 254);
    assert!(r.stderr.starts_with("npm error code ENOENT\n"), "{}", r.stderr);
    let mut old = image_fs("node:14");
    let r = run_in(&mut old, "node:14", "/", "npm install");
    assert!(r.stderr.starts_with("npm ERR! code ENOENT\n"), "npm 6 wording: {}", r.stderr);
}

#[test]
fn pip_installs_requirements_into_site_packages() {
    let mut fs = image_fs("python:3.8");
    fs.write("/requirements.txt", Content::from_bytes("flask\n"), Meta::new(0o644, 0)).unwrap();
    let r = run_in(&mut fs, "python:3.8", "/", "pip install -r requirements.txt");
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("Collecting flask (from -r requirements.txt (line 1))\n"), "{}", r.stdout);
    assert!(r.stdout.contains("Successfully installed"));
    assert!(fs.exists("/usr/local/lib/python3.8/site-packages/flask/__init__.py"));
    assert!(fs.exists("/usr/local/bin/flask"));
    let r = run_in(&mut fs, "python:3.8", "/", "pip install nosuchpackage");
    assert_eq!(r.status, 1);
    assert!(r.stderr.contains("No matching distribution found for nosuchpackage"));
}

#[test]
fn apt_get_needs_update_first_like_a_real_debian_image() {
    let mut fs = image_fs("debian:bookworm");
    let r = run_in(&mut fs, "debian:bookworm", "/", "apt-get install -y curl");
    assert_eq!(r.status, 100);
    assert_eq!(r.stderr, "E: Unable to locate package curl\n");
    let r = run_in(&mut fs, "debian:bookworm", "/", "apt-get update && apt-get install -y curl && curl --version >/dev/null");
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Setting up curl"));
    assert!(fs.exists("/usr/bin/curl"));
}

#[test]
fn apk_add_installs_and_fails_on_unknown_packages() {
    let mut fs = image_fs("alpine:3.20");
    let r = run_in(&mut fs, "alpine:3.20", "/", "apk add --no-cache curl");
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Installing curl (8.11.1-r0)"));
    let r = run_in(&mut fs, "alpine:3.20", "/", "apk add nosuch");
    assert_eq!(r.status, 1);
    assert!(r.stderr.contains("nosuch (no such package)"));
}

#[test]
fn programs_exist_only_where_the_image_has_them() {
    let mut fs = image_fs("alpine:3.20");
    let r = run_in(&mut fs, "alpine:3.20", "/", "npm install");
    assert_eq!((r.status, r.stderr.as_str()), (127, "/bin/sh: npm: not found\n"));
    let mut node = image_fs("node:18-alpine");
    let r = run_in(&mut node, "node:18-alpine", "/", "node -v && npm -v");
    assert_eq!(r.stdout, "v18.20.5\n10.8.2\n");
}

/// Inputs the no-panic property test feeds the shell (per flavour).
const FUZZ_INPUTS: usize = 15_000;

#[test]
fn no_input_panics() {
    // A deterministic stream of shell-ish fragments glued together, run in
    // real image filesystems so programs get arbitrary arguments too.
    let pieces = [
        "echo",
        " ",
        "'",
        "\"",
        "$",
        "{",
        "}",
        "(",
        ")",
        "|",
        "&&",
        ";",
        "\n",
        "if",
        "then",
        "fi",
        "for",
        "do",
        "done",
        "case",
        "esac",
        "<<",
        "EOF",
        ">",
        "2>&1",
        "$(",
        "`",
        "*",
        "x=1",
        "[",
        "]",
        "\\",
        "${x:-",
        "$((",
        "1+",
        "#",
        "ls",
        "cat",
        "sed",
        "s/a/b/",
        "grep",
        "-r",
        "rm",
        "/",
        "npm",
        "install",
        "apt-get",
        "apk",
        "pip",
        "sh",
        "-c",
        "while",
        "true",
        "\"$@\"",
        "${#x}",
        "${x%%*}",
        "test",
        "-f",
        "printf",
        "%d",
        "~",
        "2>",
        "<",
        "&",
        "!",
        "||",
        "set",
        "-e",
        "-x",
        "-u",
        "cd",
        "..",
        "f()",
        "tar",
        "-xzf",
        "find",
        ".",
        "-name",
        "head",
        "-n",
        "sort",
        "wc",
        "tr",
        "a-z",
        "node",
        "python3",
        "-m",
        "curl",
        "localhost:80",
        "useradd",
        "chmod",
        "777",
        "ln",
        "-s",
        "mkdir",
        "-p",
        "cp",
        "mv",
        "touch",
    ];
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut ran = 0;
    for reference in ["alpine:3.20", "debian:bookworm"] {
        let mut fs = image_fs(reference);
        for _ in 0..FUZZ_INPUTS {
            let mut script = String::new();
            for _ in 0..(state % 14) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                script.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            let mut ctx = ExecContext {
                fs: &mut fs,
                env: Default::default(),
                cwd: "/tmp".into(),
                now: 0,
                flavor: Flavor::Dash,
                user: String::new(),
                host: None,
            };
            let r = run_script(&script, &mut ctx);
            assert!((0..=255).contains(&r.status), "{script:?} gave status {}", r.status);
            ran += 1;
        }
    }
    assert_eq!(ran, 2 * FUZZ_INPUTS);
}

#[test]
fn the_flavour_comes_from_the_image_not_the_caller() {
    let mut fs = image_fs("alpine:3.20");
    let mut ctx = ExecContext {
        fs: &mut fs,
        env: Default::default(),
        cwd: "/".into(),
        now: 0,
        flavor: Flavor::Dash,
        user: String::new(),
        host: None,
    };
    assert_eq!(run_script("nosuch", &mut ctx).stderr, "/bin/sh: nosuch: not found\n");
    let mut fs = image_fs("debian:bookworm");
    let mut ctx = ExecContext {
        fs: &mut fs,
        env: Default::default(),
        cwd: "/".into(),
        now: 0,
        flavor: Flavor::Busybox,
        user: String::new(),
        host: None,
    };
    assert_eq!(run_script("nosuch", &mut ctx).stderr, "/bin/sh: 1: nosuch: not found\n");
    assert_eq!(Flavor::detect(&Fs::new()), None);
}

#[test]
fn adding_users_edits_passwd_and_group_like_the_real_tools() {
    let mut fs = image_fs("alpine:3.20");
    let r = run_in(&mut fs, "alpine:3.20", "/", "addgroup -S app && adduser -S -G app app && id app && grep '^app:' /etc/passwd");
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("uid=100(app) gid=101(app) groups=101(app)\n") || r.stdout.contains("(app) gid="), "{}", r.stdout);
    assert!(r.stdout.contains(":/home/app:/sbin/nologin"), "{}", r.stdout);
    let r = run_in(&mut fs, "alpine:3.20", "/", "adduser -D app");
    assert_eq!((r.status, r.stderr.as_str()), (1, "adduser: user 'app' in use\n"));
    let mut fs = image_fs("debian:bookworm");
    let r = run_in(&mut fs, "debian:bookworm", "/", "useradd -m learner && id learner && test -d /home/learner && echo /home/learner");
    assert_eq!(r.stdout, "uid=1000(learner) gid=1000(learner) groups=1000(learner)\n/home/learner\n", "{}", r.stderr);
    let r = run_in(&mut fs, "debian:bookworm", "/", "useradd learner");
    assert_eq!((r.status, r.stderr.as_str()), (9, "useradd: user 'learner' already exists\n"));
}

#[test]
fn sleep_moves_only_the_simulated_clock() {
    let mut fs = image_fs("debian:bookworm");
    let mut ctx = ExecContext {
        fs: &mut fs,
        env: Default::default(),
        cwd: "/".into(),
        now: 1_767_225_600,
        flavor: Flavor::Dash,
        user: String::new(),
        host: None,
    };
    let r = run_script("date; sleep 90; date; sleep x", &mut ctx);
    assert_eq!(r.stdout, "Thu Jan  1 00:00:00 UTC 2026\nThu Jan  1 00:01:30 UTC 2026\n");
    assert_eq!(r.stderr, "sleep: invalid time interval 'x'\nTry 'sleep --help' for more information.\n");
    assert_eq!(ctx.now, 1_767_225_690);
}

#[test]
fn copying_a_whole_system_tree_fits_the_quota() {
    for reference in ["debian:bookworm", "node:20", "python:3.12"] {
        let mut fs = image_fs(reference);
        let r = run_in(&mut fs, reference, "/", "cp -r /usr /usr-copy && echo copied");
        assert_eq!((r.status, r.stdout.as_str()), (0, "copied\n"), "{reference}: {}", r.stderr);
    }
}

#[test]
fn downloads_fail_like_a_machine_without_dns() {
    let mut fs = image_fs("debian:bookworm");
    let r = run_in(
        &mut fs,
        "debian:bookworm",
        "/",
        "apt-get update >/dev/null && apt-get install -y curl >/dev/null 2>&1 && curl -fsL https://example.com/install.sh",
    );
    assert_eq!(r.status, 6, "{}", r.stderr);
    assert_eq!(r.stderr, "", "-s without -S hides the error");
    let r = run_in(&mut fs, "debian:bookworm", "/", "curl -sS http://example.com/");
    assert_eq!((r.status, r.stderr.as_str()), (6, "curl: (6) Could not resolve host: example.com\n"));
    let mut alpine = image_fs("alpine:3.20");
    let r = run_in(&mut alpine, "alpine:3.20", "/", "wget http://example.com/x");
    assert_eq!((r.status, r.stderr.as_str()), (1, "wget: bad address 'example.com'\n"));
}

#[test]
fn tar_and_gzip_round_trip() {
    let mut fs = image_fs("alpine:3.20");
    let r = run_in(&mut fs, "alpine:3.20", "/tmp", "mkdir -p src/a && echo hello > src/a/f.txt && tar -czf out.tgz src && rm -rf src && tar -tzf out.tgz && tar -xzf out.tgz && cat src/a/f.txt && echo data > d && gzip d && zcat d.gz && gunzip d.gz && cat d");
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "src/\nsrc/a/\nsrc/a/f.txt\nhello\ndata\ndata\n");
}

#[test]
fn whoami_and_id_follow_the_acting_user() {
    let mut fs = image_fs("node:20-alpine");
    let image = catalog::pull("node:20-alpine").unwrap();
    let env = image.config.config.env.iter().filter_map(|kv| kv.split_once('=')).map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let mut ctx = ExecContext { fs: &mut fs, env, cwd: "/".into(), now: 0, flavor: Flavor::Busybox, user: "node".into(), host: None };
    let r = run_script("whoami; id", &mut ctx);
    assert_eq!(r.stdout, "node\nuid=1000(node) gid=1000(node) groups=1000(node)\n");
    ctx.user = "4242".into();
    let r = run_script("whoami", &mut ctx);
    assert_eq!((r.status, r.stderr.as_str()), (1, "whoami: cannot find name for user ID 4242\n"));
    ctx.user = String::new();
    assert_eq!(run_script("whoami", &mut ctx).stdout, "root\n");
}
