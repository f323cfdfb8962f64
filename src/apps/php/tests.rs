use super::*;

fn php(code: &str) -> PhpRun {
    let fs = Fs::new();
    run(
        PhpEnv {
            fs: &fs,
            env: BTreeMap::new(),
            cwd: "/".into(),
            hostname: "h".into(),
            now: 0,
            version: "8.2.26".into(),
            argv: vec!["Standard input code".into()],
            stdin: String::new(),
            request: None,
        },
        Script::Code(code),
    )
}

#[test]
fn echo_and_arithmetic() {
    assert_eq!(php("echo 1 + 2, \"\\n\";").stdout, "3\n");
    assert_eq!(php("$a = ['x' => 1]; echo \"v={$a['x']}\";").stdout, "v=1");
}

#[test]
fn runaway_loops_stop() {
    let r = php("while (true) {}");
    assert!(r.stderr.contains("dockersim:"), "{r:?}");
}
