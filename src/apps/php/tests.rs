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
            net: None,
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
fn deep_programs_fit_a_one_megabyte_stack() {
    // wasm's stack is 1 MiB (checked in release builds; debug frames are
    // many times larger). Each program nests as deep as the parser or the
    // interpreter lets it.
    let stack = if cfg!(debug_assertions) { 256 << 20 } else { 1 << 20 };
    let run = |code: String| {
        eprintln!("case {}", &code[..code.len().min(50)]);
        std::thread::Builder::new().stack_size(stack).spawn(move || php(&code)).unwrap().join().expect("no stack overflow")
    };
    for code in [format!("echo {}1{};", "(".repeat(20000), ")".repeat(20000)), format!("echo {}1;", "- ".repeat(20000)), "{".repeat(20000)]
    {
        let r = run(code);
        assert!(r.stderr.contains("dockersim: code nested deeper than"), "{r:?}");
    }
    assert_eq!(run(format!("echo {}1{};", "(".repeat(20), ")".repeat(20))).stdout, "1");
    assert_eq!(run(format!("echo {}1{};", "[".repeat(20), "]".repeat(20)).replace("echo", "echo count(").replace(";", ");")).stdout, "1");
    let r = run("function f($n) { return $n ? 1 + f($n - 1) : 0; } echo f(60), \"\\n\"; echo f(100000);".into());
    assert!(r.stdout.starts_with("60\n") && r.stderr.contains("dockersim: PHP calls nested deeper than"), "{r:?}");
    let r =
        run("function f($n) { if ($n) { foreach ([1] as $x) { $a = array_map(fn($y) => f($n - 1), [1]); } } return 0; } f(100000);".into());
    assert!(r.stderr.contains("dockersim: PHP calls nested deeper than"), "{r:?}");
}

#[test]
fn statements_take_parameters_as_emulated_prepares_do() {
    let r = php(r#"var_dump(__dockersim_mysql_bind("INSERT INTO t VALUES (?, '?', ?, ?)", ["it's", 2, null]));
var_dump(__dockersim_mysql_bind("SELECT * FROM t WHERE a = :a AND b = :b", ["a" => "x\\y", ":b" => 1.5]));
var_dump(__dockersim_mysql_bind("SELECT ?", []));"#);
    assert_eq!(
        r.stdout,
        "string(44) \"INSERT INTO t VALUES ('it\\'s', '?', 2, NULL)\"\nstring(44) \"SELECT * FROM t WHERE a = 'x\\\\y' AND b = 1.5\"\nbool(false)\n"
    );
}

#[test]
fn without_the_extensions_mysqli_and_the_mysql_driver_are_missing() {
    let r = php(r#"var_dump(class_exists("mysqli"), function_exists("mysqli_connect")); new PDO("mysql:host=db", "u", "p");"#);
    assert!(r.stdout.starts_with("bool(false)\nbool(false)\n"), "{r:?}");
    assert!(r.stdout.contains("Uncaught PDOException: could not find driver"), "{r:?}");
}
