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

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    for code in [format!("echo {}1{};", "(".repeat(20000), ")".repeat(20000)), format!("echo {}1;", "- ".repeat(20000)), "{".repeat(20000)]
    {
        let r = php(&code);
        assert!(r.stderr.contains("dockersim: code nested deeper than 200 levels is not simulated"), "{r:?}");
    }
    assert_eq!(php(&format!("echo {}1{};", "(".repeat(60), ")".repeat(60))).stdout, "1");
}
