//! Differential suite of the PHP evaluator (`src/apps/php/`) against the
//! real PHP CLI: every `tests/php/*.php` runs through `php -n` (no php.ini,
//! as in the official images) and through the simulator; standard output
//! and the exit status must agree. The real php is required (installed by
//! `scripts/setup.sh test`): without it the test fails.
//! `PHP_CASE=name` runs one case and prints both outputs. Cases named
//! `html_*` run as a web request (mod_php's html_errors).

use dockersim::apps::php::{run, PhpEnv, Request, Script};
use dockersim::vfs::{Content, Fs, Meta};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Cases named `html_*` run as under Apache's mod_php: errors displayed as
/// HTML (html_errors=1, the default outside the CLI).
fn real(dir: &Path, name: &str) -> (String, i32) {
    let html = if name.starts_with("html_") { "html_errors=1" } else { "html_errors=0" };
    let out = Command::new("php")
        .args(["-n", "-d", "include_path=.:/usr/local/lib/php", "-d", "date.timezone=UTC", "-d", html, &format!("{name}.php")])
        .current_dir(dir)
        .env_clear()
        .env("PATH", "/usr/local/bin:/usr/bin:/bin")
        .output()
        .expect("the real php is needed for tests/php.rs (scripts/setup.sh test installs php8.2-cli)");
    let text = String::from_utf8_lossy(&out.stdout).replace(&dir.display().to_string(), "/app");
    (text, out.status.code().unwrap_or(-1))
}

fn simulated(src: &[u8], name: &str) -> (String, i32) {
    let mut fs = Fs::new();
    let path = format!("/app/{name}.php");
    fs.mkdir_all("/app", Meta::new(0o755, 0)).expect("mkdir");
    fs.write(&path, Content::from_bytes(src.to_vec()), Meta::new(0o644, 0)).expect("write");
    let mut env = BTreeMap::new();
    env.insert("PATH".to_string(), "/usr/local/bin:/usr/bin:/bin".to_string());
    // mod_php with the image's defaults: no php.ini, read once when Apache starts.
    let request = name.starts_with("html_").then(|| Request {
        ini: dockersim::apps::php::ini::Ini::load(&fs, &env, "apache2handler"),
        sapi: "apache2handler",
        ..Default::default()
    });
    let r = run(
        PhpEnv {
            fs: &fs,
            env,
            cwd: "/app".into(),
            hostname: "test".into(),
            now: 1_700_000_000,
            version: "8.2.26".into(),
            argv: vec![format!("{name}.php")],
            stdin: String::new(),
            request,
            net: None,
        },
        Script::File(&path),
    );
    (r.stdout + &r.stderr, r.status)
}

#[test]
fn php_cases_match_the_real_php() {
    let have = Command::new("php").arg("-v").output().is_ok_and(|o| o.status.success());
    assert!(have, "the real php is needed for tests/php.rs (scripts/setup.sh test installs php8.2-cli)");
    let only = std::env::var("PHP_CASE").ok();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = root.join("target/php-oracle");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).expect("work dir");
    let mut names: Vec<String> = std::fs::read_dir(root.join("tests/php"))
        .expect("tests/php")
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".php")).map(str::to_string))
        .collect();
    names.sort();
    let mut failed = Vec::new();
    let mut passed = 0;
    for name in &names {
        if only.as_ref().is_some_and(|o| o != name) {
            continue;
        }
        let src = std::fs::read(root.join(format!("tests/php/{name}.php"))).expect("case");
        let dir = work.canonicalize().expect("work").join(name);
        std::fs::create_dir_all(&dir).expect("case dir");
        std::fs::write(dir.join(format!("{name}.php")), &src).expect("copy");
        let want = real(&dir, name);
        let got = simulated(&src, name);
        if only.is_some() {
            println!("--- real (status {})\n{}--- simulated (status {})\n{}", want.1, want.0, got.1, got.0);
        }
        if want == got {
            passed += 1;
        } else {
            let diff = first_diff(&want.0, &got.0);
            failed.push(format!("{name}: status {} vs {}; {diff}", want.1, got.1));
        }
    }
    println!("{passed} passed, {} failed", failed.len());
    assert!(failed.is_empty(), "PHP cases differ from the real php:\n{}", failed.join("\n"));
}

fn first_diff(a: &str, b: &str) -> String {
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("line {}: real {x:?} vs simulated {y:?}", i + 1);
        }
    }
    format!("real has {} lines, simulated {}", a.lines().count(), b.lines().count())
}
