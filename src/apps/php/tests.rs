use super::*;

fn php(code: &str) -> PhpRun {
    with_files(&[], "8.2.26", code)
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

fn with_files(files: &[(&str, &str)], version: &str, code: &str) -> PhpRun {
    let mut fs = Fs::new();
    for (path, text) in files {
        let _ = fs.mkdir_all(path.rsplit_once('/').map_or("/", |(d, _)| d), crate::vfs::Meta::new(0o755, 0));
        fs.write(path, crate::vfs::Content::from_bytes(text.as_bytes().to_vec()), crate::vfs::Meta::new(0o644, 0)).unwrap();
    }
    let env: BTreeMap<String, String> = [("PHP_VERSION".to_string(), version.to_string())].into_iter().collect();
    run(
        PhpEnv {
            fs: &fs,
            env,
            cwd: "/".into(),
            hostname: "h".into(),
            now: 0,
            version: version.into(),
            argv: vec!["Standard input code".into()],
            stdin: String::new(),
            request: None,
            net: None,
        },
        Script::Code(code),
    )
}

#[test]
fn ini_values_come_from_php_ini_then_conf_d() {
    let files = [
        (
            "/usr/local/etc/php/php.ini",
            "; comment\n[PHP]\nmemory_limit = 256M ; trailing\nshort_open_tag = Off\nerror_reporting = E_ALL & ~E_NOTICE\n",
        ),
        ("/usr/local/etc/php/conf.d/b.ini", "memory_limit = \"512M\"\n"),
    ];
    let r = with_files(
        &files,
        "8.3.15",
        "var_dump(ini_get('memory_limit'), ini_get('short_open_tag'), ini_get('error_reporting'), ini_get('nope'));",
    );
    assert_eq!(r.stdout, "string(4) \"512M\"\nstring(0) \"\"\nstring(5) \"32759\"\nbool(false)\n");
    let r = with_files(
        &[],
        "8.3.15",
        "echo ini_set('memory_limit', '1G'), ' ', ini_get('memory_limit'), ' ', var_export(ini_set('nope', 1), true);",
    );
    assert_eq!(r.stdout, "128M 1G false");
}

#[test]
fn errors_follow_the_version_and_error_reporting() {
    // PHP 7 hides notices by default; PHP 8 warns.
    assert_eq!(with_files(&[], "7.4.33", "echo $x, 'ok';").stdout, "ok");
    assert_eq!(with_files(&[], "8.3.15", "echo $x, 'ok';").stdout, "\nWarning: Undefined variable $x in Command line code on line 1\nok");
    let dev = [("/usr/local/etc/php/php.ini", "error_reporting = E_ALL\nlog_errors = On\n")];
    let r = with_files(&dev, "7.4.33", "echo 'a'; echo $x, 'ok';");
    assert_eq!(r.stdout, "a\nNotice: Undefined variable: x in Command line code on line 1\nok");
    assert_eq!(r.stderr, "PHP Notice:  Undefined variable: x in Command line code on line 1\n");
    // The log line comes between what was echoed before and the display.
    let order: Vec<(bool, &str)> = r.interleaved();
    assert_eq!(order[0], (false, "a"));
    assert!(order[1].0);
    let r = with_files(&[], "8.3.15", "error_reporting(E_ALL & ~E_WARNING); echo $x, 'ok';");
    assert_eq!(r.stdout, "ok");
}

#[test]
fn phpinfo_reports_the_configuration() {
    let files = [("/usr/local/etc/php/conf.d/docker-php-ext-sodium.ini", "extension=sodium\n")];
    let r = with_files(&files, "8.3.15", "phpinfo();");
    assert!(r.stdout.starts_with("phpinfo()\nPHP Version => 8.3.15\n\nSystem => Linux h "), "{}", r.stdout);
    for line in [
        "Server API => Command Line Interface\n",
        "Loaded Configuration File => (none)\n",
        "Additional .ini files parsed => /usr/local/etc/php/conf.d/docker-php-ext-sodium.ini\n",
        "PHP API => 20230831\n",
        "Zend Engine v4.3.15, Copyright (c) Zend Technologies\n",
        "\nCore\n\nPHP Version => 8.3.15\n",
        "memory_limit => 128M => 128M\n",
        "max_execution_time => 0 => 0\n",
        "display_errors => STDOUT => STDOUT\n",
        "\nPHP License\n",
    ] {
        assert!(r.stdout.contains(line), "missing {line:?}");
    }
}
