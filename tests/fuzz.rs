//! Structured fuzzing on stable Rust: generators that mix the fragments each
//! surface finds tricky, mutate the inputs kept in `tests/fuzz-corpus/<target>/`,
//! and feed the result to the surface. A panic (or an input slower than
//! `SLOW`) is a finding: it is printed and written to `target/fuzz-findings/`.
//!
//! - `cargo test --test fuzz` runs a smoke pass (every corpus input, then a
//!   few hundred generated inputs per target) in seconds;
//! - `make fuzz` (`cargo test --release --test fuzz -- --ignored --nocapture`)
//!   runs each target for `FUZZ_SECONDS` (default 60) and prints how many
//!   inputs each ran. `FUZZ_SEED` changes the generated inputs.
//!
//! Targets: `dockerfile` (parse, checks, word expansion), `shell` (parse and
//! run with the shell's limits on a BusyBox filesystem), `cli` (a terminal
//! line through `Engine::run_command`), `template` (Go templates over a
//! docker JSON), `lesson` (lesson files: parse, start, goals), `archive` (tar,
//! gzip, bzip2, xz, docker-load archives), `sql` (statements and psql
//! meta-commands through the mysql and psql clients, then a save and reload
//! of the data directory), `regex` (a pattern and a text: compiled as BRE and
//! ERE, with and without -i, every match and its groups), `awk` (awk programs as mawk,
//! gawk and BusyBox awk over a small input: parse and run within the limits),
//! `compose` (Compose files: YAML, interpolation, the model and the start order).

use dockersim::cli::template::Template;
use dockersim::shell::{ExecContext, Flavor};
use dockersim::vfs::Fs;
use dockersim::Engine;
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// An input that takes longer than this is reported as a finding.
const SLOW: Duration = Duration::from_secs(5);

mod common;
use common::Rng;

/// One fuzz target: how to make an input, and how to feed it.
struct Target {
    name: &'static str,
    generate: fn(&mut Rng, &[Vec<u8>]) -> Vec<u8>,
    run: fn(&mut State, &[u8]),
}

/// What targets keep between inputs (a shell filesystem, an engine).
#[derive(Default)]
struct State {
    busybox: Option<Fs>,
    engine: Option<Engine>,
    runs: usize,
}

fn corpus(name: &str) -> Vec<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-corpus").join(name);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    files.sort();
    files.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

// ---- generators ----

const DOCKERFILE: &[&str] = &[
    "FROM busybox\n",
    "FROM alpine AS b\n",
    "RUN ",
    "CMD ",
    "ENTRYPOINT ",
    "ENV ",
    "ARG ",
    "LABEL ",
    "COPY ",
    "ADD ",
    "WORKDIR ",
    "USER ",
    "EXPOSE ",
    "ONBUILD ",
    "HEALTHCHECK ",
    "SHELL ",
    "VOLUME ",
    "--from=b ",
    "--chown=1:1 ",
    "--mount=type=cache,target=/c ",
    "\\\n",
    "\n",
    "# escape=`\n",
    "# syntax=docker/dockerfile:1\n",
    "[\"a\",\"b\"]",
    "[",
    "]",
    "\"",
    "'",
    "=",
    "A=b ",
    "<<EOF\n",
    "EOF\n",
    "<<-X\n",
    "$",
    "${",
    "}",
    "${A:-x}",
    "${A#*}",
    "${A%%a*}",
    "${A/a/b}",
    "${A:?no}",
    "$$",
    "*",
    "?",
    "é",
    "\t",
    " ",
    "${A:+${B:-${C}}}",
    "\r\n",
    "\u{feff}",
    "${",
    "((",
    "))",
];

const SHELL: &[&str] = &[
    "echo ",
    "printf ",
    "'%s\\n' ",
    "\"%5d\" ",
    "x",
    "$x",
    "${x:-y}",
    "${#x}",
    "${x#*a}",
    "${x%%b*}",
    "$((1+2*3))",
    "$(( x / 0 ))",
    "$(echo a)",
    "`echo b`",
    " | ",
    " && ",
    " || ",
    "; ",
    "\n",
    " & ",
    "( ",
    " )",
    "{ ",
    "; }",
    "if true; then ",
    "; fi",
    "else ",
    "for i in 1 2 3; do ",
    "; done",
    "while false; do ",
    "case x in ",
    "x) ",
    ";; ",
    "*) ",
    "esac",
    "f() { ",
    "; }; f",
    "> f",
    ">> f",
    "< f",
    "2>&1",
    "<<EOF\nhi\nEOF\n",
    "cat ",
    "ls ",
    "grep ",
    "sed ",
    "head -n 2 ",
    "tail ",
    "wc -l ",
    "sort ",
    "tr a b ",
    "cut -c1 ",
    "yes ",
    "seq 1 5 ",
    "test ",
    "[ ",
    " ]",
    "-f ",
    "-n ",
    "=",
    "!",
    "\"",
    "'",
    "\\",
    "*",
    "?",
    "[a-z]",
    "~",
    "/",
    ".",
    "..",
    "é",
    "set -e; ",
    "set -u; ",
    "exit 3",
    "return ",
    "shift ",
    "read x ",
    "export A=1 ",
    "unset x ",
    "local y ",
    "sleep 1 ",
    "date ",
    "chmod ",
    "u+x ",
    "touch ",
    "mkdir -p a/b ",
    "rm -rf ",
    "cp ",
    "mv ",
    "ln -s ",
    "tar -cf t.tar ",
    "tar -xf t.tar ",
    "gzip ",
];

const CLI: &[&str] = &[
    "docker ",
    "run ",
    "build ",
    "images ",
    "ps ",
    "-a ",
    "rm ",
    "rmi ",
    "pull ",
    "tag ",
    "inspect ",
    "logs ",
    "exec ",
    "stop ",
    "start ",
    "create ",
    "commit ",
    "save ",
    "load ",
    "cp ",
    "history ",
    "system ",
    "df ",
    "prune ",
    "-f ",
    "builder ",
    "volume ",
    "network ",
    "busybox ",
    "alpine ",
    "nginx ",
    "node:20-alpine ",
    "python:3.12-slim ",
    "x ",
    "web ",
    "--name web ",
    "-d ",
    "-it ",
    "--rm ",
    "-p 8080:80 ",
    "-v ",
    "/tmp:/x ",
    "-e A=1 ",
    "--format ",
    "'{{.ID}}' ",
    "'{{json .}}' ",
    "-q ",
    "-t app ",
    ". ",
    "-o a.tar ",
    "-i a.tar ",
    "sh -c 'echo hi' ",
    "echo hi ",
    "ls ",
    "cat ",
    "cd ",
    "mkdir ",
    "Dockerfile ",
    "| ",
    "&& ",
    "; ",
    "$(",
    ")",
    "\"",
    "'",
    "\\",
    "*",
    "é",
    "--",
    "--help ",
    "-",
    "=",
    "@sha256:",
    ":latest ",
    "printf 'FROM busybox\\nRUN echo hi\\n' > Dockerfile ",
    "curl localhost:8080 ",
    "sleep 2 ",
    "export A=b ",
    "echo $A ",
    "> /dev/null ",
    "2>&1 ",
];

const TEMPLATE: &[&str] = &[
    "{{",
    "}}",
    ".",
    ".ID",
    ".Repository",
    ".Config.Env",
    ".Size",
    "json ",
    "join ",
    "\",\" ",
    "index ",
    "0 ",
    "len ",
    "upper ",
    "lower ",
    "title ",
    "pad ",
    "3 ",
    "1 ",
    "truncate ",
    "printf ",
    "\"%s\" ",
    "println ",
    "if ",
    "else",
    "end",
    "range ",
    "with ",
    " | ",
    "(",
    ")",
    "not ",
    "and ",
    "or ",
    "eq ",
    "ne ",
    "$",
    "$.ID",
    "-",
    " ",
    "\"",
    "`",
    "x",
    "true ",
    "false ",
    "1e300 ",
    "-5 ",
    "split ",
    "\":\" ",
    "é",
];

const SQL: &[&str] = &[
    "SELECT ",
    "* ",
    "FROM t ",
    "WHERE ",
    "a = 1 ",
    "AND ",
    "OR ",
    "NOT ",
    "LIKE '%x_' ",
    "IS NULL ",
    "IS NOT NULL ",
    "IN (1, 2) ",
    "ORDER BY a DESC ",
    "GROUP BY b ",
    "LIMIT 2 ",
    "OFFSET 1 ",
    "COUNT(*) ",
    "SUM(a) ",
    "MAX(b) ",
    "version() ",
    "now() ",
    "(",
    ")",
    ",",
    ";",
    "CREATE TABLE t (a INT AUTO_INCREMENT PRIMARY KEY, b VARCHAR(10) NOT NULL DEFAULT 'x', c BOOLEAN);",
    "CREATE TABLE u (id SERIAL PRIMARY KEY, v TEXT);",
    "INSERT INTO t (b, c) VALUES ('p', true), ('q', NULL);",
    "INSERT INTO t VALUES ",
    "UPDATE t SET b = b || 'z' WHERE a > 0;",
    "DELETE FROM t WHERE b LIKE 'p%';",
    "DROP TABLE t;",
    "CREATE DATABASE d;",
    "USE d;",
    "DROP DATABASE d;",
    "SHOW TABLES;",
    "SHOW DATABASES;",
    "DESCRIBE t;",
    "\\dt",
    "\\d t",
    "\\l",
    "\\c d",
    "'",
    "\"",
    "`",
    "--",
    "/*",
    "*/",
    "\n",
    "-",
    "+",
    "1e309",
    "-9223372036854775808",
    "é",
    "NULL ",
    "a.b.c ",
    "::text ",
    "BETWEEN 1 AND 2 ",
];

fn mix(rng: &mut Rng, pieces: &[&str], max: usize) -> String {
    let mut s = String::new();
    for _ in 0..rng.below(max) + 1 {
        match rng.below(12) {
            0 => s.push(char::from_u32(rng.below(0x300) as u32).unwrap_or('?')),
            1 => {
                // Repetition: the shapes that find depth and size bugs.
                let piece = rng.pick(pieces);
                let times = 1 << rng.below(12);
                s.push_str(&piece.repeat(times.min(4096 / piece.len().max(1))));
            }
            _ => s.push_str(rng.pick(pieces)),
        }
    }
    s
}

/// A corpus input with a few byte-level mutations, or a fresh mix.
fn mutate_or(rng: &mut Rng, corpus: &[Vec<u8>], fresh: impl FnOnce(&mut Rng) -> Vec<u8>) -> Vec<u8> {
    if corpus.is_empty() || rng.below(3) == 0 {
        return fresh(rng);
    }
    let mut bytes = corpus[rng.below(corpus.len())].clone();
    for _ in 0..rng.below(8) + 1 {
        let at = rng.below(bytes.len() + 1);
        match rng.below(5) {
            0 if at < bytes.len() => bytes[at] = rng.next() as u8,
            1 if at < bytes.len() => {
                bytes.remove(at);
            }
            2 => bytes.insert(at, rng.next() as u8),
            3 if at < bytes.len() => {
                let end = (at + rng.below(64)).min(bytes.len());
                let chunk = bytes[at..end].to_vec();
                bytes.splice(at..at, chunk);
            }
            _ if at < bytes.len() => bytes[at] ^= 1 << rng.below(8),
            _ => {}
        }
    }
    bytes
}

fn gen_dockerfile(rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    mutate_or(rng, corpus, |r| mix(r, DOCKERFILE, 40).into_bytes())
}

const AWK: &[&str] = &[
    "BEGIN",
    "END",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    ";",
    "\n",
    ",",
    " ",
    "$",
    "$0",
    "$1",
    "$NF",
    "$(NF-1)",
    "NF",
    "NR",
    "FS",
    "OFS",
    "RS",
    "\"\"",
    "\"a b\"",
    "\"%d %s %5.2f %c %x %*d\\n\"",
    "/a+/",
    "/[0-9]*/",
    "/^/",
    "/$/",
    "x",
    "a[i]",
    "a[1,2]",
    "i",
    "(i,j) in a",
    "k in a",
    "=",
    "+=",
    "-=",
    "*=",
    "/=",
    "%=",
    "^=",
    "**",
    "++",
    "--",
    "+",
    "-",
    "*",
    "/",
    "%",
    "^",
    "!",
    "~",
    "!~",
    "<",
    "<=",
    "==",
    "!=",
    ">",
    ">=",
    "&&",
    "||",
    "?",
    ":",
    "1",
    "0",
    "-1",
    "1e308",
    "0.1",
    "999999999",
    "if (x) ",
    "else ",
    "while (i++ < 3) ",
    "do ",
    "for (i=0;i<5;i++) ",
    "for (k in a) ",
    "break",
    "continue",
    "next",
    "nextfile",
    "exit ",
    "return ",
    "delete a",
    "delete a[1]",
    "print ",
    "printf ",
    "print > \"/tmp/o\"",
    "print | \"cat\"",
    "getline",
    "getline x < \"/etc/passwd\"",
    "\"echo hi\" | getline y",
    "length",
    "length(a)",
    "substr(x, 2, 3)",
    "index(x, \"b\")",
    "split($0, a, /,/)",
    "sub(/a/, \"&&\")",
    "gsub(/x*/, \"-\", x)",
    "match($0, /b+/)",
    "sprintf(\"%s\", 1)",
    "tolower(x)",
    "toupper(x)",
    "int(x)",
    "sqrt(x)",
    "exp(x)",
    "log(x)",
    "sin(x)",
    "cos(x)",
    "atan2(x, 1)",
    "rand()",
    "srand(1)",
    "system(\"true\")",
    "close(\"cat\")",
    "fflush()",
    "function f(p, q) { return p + q } ",
    "f(1, a)",
    "function g(n) { return n ? g(n-1) : 0 } ",
    "g(100)",
    "NF = 3",
    "$5 = \"z\"",
    "#",
    "\\\n",
    "\"\\t\"",
];

fn gen_awk(rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    mutate_or(rng, corpus, |r| mix(r, AWK, 24).into_bytes())
}

fn run_awk(state: &mut State, input: &[u8]) {
    let program = String::from_utf8_lossy(input).into_owned();
    let base = state.busybox.get_or_insert_with(|| {
        let mut fs = busybox_fs();
        let meta = dockersim::vfs::Meta::new(0o755, 0);
        fs.mkdir_all("/usr/bin", meta.clone()).expect("mkdir");
        fs.mkdir_all("/tmp", meta.clone()).expect("mkdir");
        for p in ["/usr/bin/mawk", "/usr/bin/gawk"] {
            fs.write(p, dockersim::vfs::Content::from_bytes(b"\x7fELF".to_vec()), meta.clone()).expect("awk");
        }
        fs.write("/tmp/in", dockersim::vfs::Content::from_bytes(b"a b 1\nc,d 2\n\nx y z\n".to_vec()), meta).expect("input");
        fs
    });
    let mut fs = base.clone();
    let env = [("PATH".to_string(), "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".to_string())].into();
    let mut ctx =
        ExecContext { fs: &mut fs, env, cwd: "/".into(), now: 1_700_000_000, flavor: Flavor::Busybox, user: String::new(), host: None };
    let awk = ["awk", "mawk", "gawk"][input.len() % 3];
    let argv: Vec<String> = vec![awk.into(), program, "/tmp/in".into()];
    let _ = dockersim::shell::run_argv(&argv, &mut ctx);
}

fn gen_shell(rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    mutate_or(rng, corpus, |r| mix(r, SHELL, 30).into_bytes())
}

fn gen_cli(rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    mutate_or(rng, corpus, |r| mix(r, CLI, 12).into_bytes())
}

fn gen_sql(rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    mutate_or(rng, corpus, |r| mix(r, SQL, 30).into_bytes())
}

fn gen_template(rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    mutate_or(rng, corpus, |r| mix(r, TEMPLATE, 20).into_bytes())
}

fn gen_lesson(rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    mutate_or(rng, corpus, |r| {
        let name = mix(r, &["a", "/", "..", ".", "", "Dockerfile", "é", "\\u0000"], 4);
        let cmd = mix(r, CLI, 6).replace('\\', "\\\\").replace('"', "\\\"");
        format!(
            r#"{{"id":"f","title":{{"en":"","ko":""}},"story":{{"en":"","ko":""}},"setup":{{"files":{{"{}":"FROM busybox\n"}},"commands":["{}"]}},"goals":[{{"text":{{"en":"","ko":""}},"check":{{"kind":"image_exists","image":"x"}}}}],"solution":{{}},"par":1}}"#,
            name.replace('"', ""),
            cmd.replace('\n', " ")
        )
        .into_bytes()
    })
}

const REGEX: &[&str] = &[
    "a",
    "b",
    "ab",
    ".",
    "*",
    "+",
    "?",
    "|",
    "\\|",
    "(",
    ")",
    "\\(",
    "\\)",
    "{",
    "}",
    "\\{",
    "\\}",
    "{2}",
    "{1,3}",
    "{,2}",
    "{2,}",
    "\\{1,2\\}",
    "[",
    "]",
    "[a-z]",
    "[^ab]",
    "[]a]",
    "[[:alpha:]]",
    "[[:digit:]]",
    "[[:foo:]]",
    "[[.a.]]",
    "[[=a=]]",
    "[a-",
    "^",
    "$",
    "\\1",
    "\\2",
    "\\9",
    "\\w",
    "\\W",
    "\\s",
    "\\S",
    "\\b",
    "\\B",
    "\\<",
    "\\>",
    "\\",
    "\\n",
    "(a*)*",
    "(a|aa)+",
    "x*",
    "é",
];

fn gen_regex(rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    mutate_or(rng, corpus, |r| {
        let pattern = mix(r, REGEX, 12);
        let text = mix(r, &["a", "b", "aa", "ab", " ", "_", "1", "\n", "é", "x"], 24);
        format!("{pattern}\0{text}").into_bytes()
    })
}

fn gen_archive(rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    mutate_or(rng, corpus, |r| {
        // A small tar made of random headers, sometimes compressed-looking.
        let mut out = Vec::new();
        let magic: &[&[u8]] = &[b"", &[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3], b"BZh9", &[0xfd, b'7', b'z', b'X', b'Z', 0]];
        out.extend_from_slice(magic[r.below(magic.len())]);
        for _ in 0..r.below(4) {
            let mut h = [0u8; 512];
            let name = mix(r, &["a", "/", "..", "./", "b/c", ".wh.", ".wh..wh..opq", "manifest.json", "é"], 5);
            let n = name.len().min(100);
            h[..n].copy_from_slice(&name.as_bytes()[..n]);
            let size = format!("{:011o}", r.below(600));
            h[124..135].copy_from_slice(size.as_bytes());
            h[156] = *[b'0', b'5', b'2', b'1', b'L', b'x', b'g', 0].get(r.below(8)).unwrap_or(&b'0');
            h[257..262].copy_from_slice(b"ustar");
            out.extend_from_slice(&h);
            out.extend(std::iter::repeat_n(b'x', r.below(1024)));
        }
        out
    })
}

// ---- runners ----

fn run_dockerfile(_: &mut State, input: &[u8]) {
    let text = String::from_utf8_lossy(input);
    if let Ok(df) = dockersim::dockerfile::parse(&text) {
        for node in &df.nodes {
            let _ = dockersim::dockerfile::dump::dump(node);
        }
    }
    let _ = dockersim::build::check(&text);
    let env: BTreeMap<String, String> = [("A".to_string(), "abc".to_string()), ("B".to_string(), String::new())].into();
    for line in text.lines().take(8) {
        let _ = dockersim::dockerfile::expand::process_word(line, &env, '\\');
        let _ = dockersim::dockerfile::expand::process_words(line, &env, '`');
    }
}

fn busybox_fs() -> Fs {
    let image = dockersim::image::catalog::pull("busybox").expect("busybox is in the catalog");
    dockersim::build::diff::materialize(&image.layers)
}

fn run_shell(state: &mut State, input: &[u8]) {
    let script = String::from_utf8_lossy(input);
    let base = state.busybox.get_or_insert_with(busybox_fs);
    let mut fs = base.clone();
    let env = [("PATH".to_string(), "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".to_string())].into();
    let mut ctx =
        ExecContext { fs: &mut fs, env, cwd: "/".into(), now: 1_700_000_000, flavor: Flavor::Busybox, user: String::new(), host: None };
    let _ = dockersim::shell::run_script(&script, &mut ctx);
}

fn run_cli(state: &mut State, input: &[u8]) {
    // A fresh machine every 100 lines, so state builds up but stays small.
    state.runs += 1;
    if state.runs % 100 == 1 {
        state.engine = Some(Engine::default());
    }
    let engine = state.engine.get_or_insert_with(Engine::default);
    let line = String::from_utf8_lossy(input);
    for l in line.lines().take(4) {
        let _ = engine.run_command(l);
    }
}

fn run_sql(_: &mut State, input: &[u8]) {
    use dockersim::apps::sql::client::{run, Mode, Prog, Ran};
    use dockersim::apps::sql::store::{load, save, Kind};
    use dockersim::apps::sql::{exec::Conn, Db, Dialect, Server};
    let text = String::from_utf8_lossy(input);
    for (prog, dialect, kind) in [(Prog::Mysql, Dialect::Mysql, Kind::Mysql), (Prog::Psql, Dialect::Postgres, Kind::Postgres)] {
        let mut server = Server::new(dialect, "1.0");
        server.dbs.insert("d0".into(), Db::default());
        for mode in [Mode::Interactive, Mode::Batch { tty: false }] {
            let mut conn = Conn { server: &mut server, db: Some("d0".into()), user: "root".into(), now: 0, changed: false };
            let mut ran = Ran::default();
            run(&mut conn, prog, &text, mode, false, false, &mut ran);
            for line in text.lines().take(4) {
                run(&mut conn, prog, line, mode, false, false, &mut ran);
            }
        }
        let mut fs = Fs::new();
        let env = BTreeMap::new();
        save(&mut fs, &server, kind, &env, 0);
        let _ = load(&fs, kind, &env);
    }
}

fn run_template(_: &mut State, input: &[u8]) {
    let text = String::from_utf8_lossy(input);
    let data = serde_json::json!({"ID": "abc", "Repository": "nginx", "Size": 1234, "Config": {"Env": ["A=1", "B=2"]}, "List": [1, 2, 3]});
    if let Ok(t) = Template::parse(&text) {
        let _ = t.execute(&data);
    }
}

const COMPOSE: &[&str] = &[
    "services:\n",
    "  web:\n",
    "    image: nginx\n",
    "    build: .\n",
    "    ports:\n      - \"8080:80\"\n",
    "    depends_on:\n      - db\n",
    "    depends_on:\n      db:\n        condition: service_healthy\n",
    "    environment:\n      A: ${B:-x}\n",
    "    command: [\"sh\", \"-c\", \"echo hi\"]\n",
    "  db:\n    image: postgres\n",
    "volumes:\n  data:\n",
    "networks:\n  front: {}\n",
    "x-common: &c\n  image: alpine\n",
    "  <<: *c\n",
    "[",
    "{",
    "]",
    "}",
    ": ",
    "- ",
    "\t",
    "\"",
    "'",
    "${",
    "$$",
    "&a ",
    "*a",
    "!!str ",
    "|\n",
    ">-\n",
    "#",
    "\n",
    "    ",
];

fn gen_compose(rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    mutate_or(rng, corpus, |r| mix(r, COMPOSE, 16).into_bytes())
}

fn run_compose(_: &mut State, input: &[u8]) {
    use dockersim::compose::model::{load, order};
    let text = String::from_utf8_lossy(input);
    let env: BTreeMap<String, String> = [("B".to_string(), "b".to_string())].into_iter().collect();
    if let Ok(project) = load(&text, "compose.yaml", "/home/learner/p", &env, None) {
        let _ = order(&project);
    }
}

fn run_lesson(_: &mut State, input: &[u8]) {
    let text = String::from_utf8_lossy(input);
    if let Ok(lesson) = dockersim::lesson::Lesson::from_json(&text) {
        let engine = lesson.start();
        let _ = lesson.evaluate(&engine);
    }
}

fn run_regex(_: &mut State, input: &[u8]) {
    use dockersim::regex::{Regex, Syntax};
    let input = String::from_utf8_lossy(input);
    let (pattern, text) = input.split_once('\0').unwrap_or((&input, "aab ab_1"));
    for syntax in [Syntax::Bre, Syntax::Ere] {
        for icase in [false, true] {
            // A 300,000-step budget: a thousandth of the engine's, so a
            // pathological pattern costs milliseconds (it still runs out and
            // the exhausted path is what is checked).
            let Ok(re) = Regex::new(pattern, syntax, icase).map(|re| re.with_fuel(300_000)) else { continue };
            let mut pos = 0;
            while pos <= text.len() {
                let Some(m) = re.find_at(text, pos) else { break };
                assert!(m.start >= pos && m.start <= m.end && m.end <= text.len(), "bad match {m:?}");
                for (a, b) in m.groups.iter().flatten() {
                    assert!(a <= b && *b <= text.len(), "bad group {m:?}");
                }
                pos = if m.end > m.start { m.end } else { m.end + 1 };
            }
            // A spent budget answers every later search with no match.
            assert!(!re.exhausted() || re.find_at(text, 0).is_none(), "a search after the budget ran out matched");
        }
    }
}

const NGINX: &[&str] = &[
    "server {",
    "}",
    "http {",
    "events {}",
    "listen 80;",
    "listen 8080 default_server;",
    "server_name localhost;",
    "root /srv;",
    "index index.php index.html;",
    "location / {",
    "location = /x {",
    "location ^~ /static/ {",
    "location ~ \\.php$ {",
    "location ~* ^/(a|b)/(.*)$ {",
    "location @back {",
    "try_files $uri $uri/ /index.html;",
    "try_files $uri =404;",
    "try_files $uri @back;",
    "return 200 \"ok $uri\";",
    "return 301 https://$host$request_uri;",
    "rewrite ^/old/(.*)$ /new/$1 last;",
    "rewrite ^ /index.php break;",
    "rewrite ^/(.*)$ /$1 last;",
    "proxy_pass http://app:3000/;",
    "proxy_pass http://backend;",
    "upstream backend { server a:1; server b:2; }",
    "fastcgi_pass php:9000;",
    "fastcgi_split_path_info ^(.+\\.php)(/.+)$;",
    "fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;",
    "include /etc/nginx/nginx.conf;",
    "include /etc/nginx/*.conf;",
    "error_page 404 /404.html;",
    "error_page 404 =200 /;",
    "add_header X-A $host always;",
    "set $v \"${uri}x\";",
    "if ($v ~ (x)) { return 204; }",
    "if (-f $request_filename) { break; }",
    "alias /data/;",
    "autoindex on;",
    "sub_filter a b;",
    "'unterminated",
    "# comment\n",
    "\n",
    ";",
    "{",
];

fn gen_nginx(rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    mutate_or(rng, corpus, |r| mix(r, NGINX, 30).into_bytes())
}

/// An nginx configuration: loaded (includes, errors), then four requests
/// answered from it (rewrites, internal redirects, error pages).
fn run_nginx(_: &mut State, input: &[u8]) {
    use dockersim::vfs::{Content, Meta};
    let mut fs = Fs::new();
    let meta = Meta::new(0o644, 0);
    fs.mkdir_all("/etc/nginx/conf.d", meta.clone()).expect("mkdir");
    fs.mkdir_all("/srv/static", meta.clone()).expect("mkdir");
    fs.write("/srv/index.html", Content::from_bytes("hi\n"), meta.clone()).expect("write");
    let main = format!("events {{}}\nhttp {{\n{}\n}}\n", String::from_utf8_lossy(input));
    fs.write("/etc/nginx/nginx.conf", Content::from_bytes(main.into_bytes()), meta).expect("write");
    let Ok(top) = dockersim::apps::nginx_conf::load(&fs) else { return };
    let conf = dockersim::apps::nginx_conf::Config::from(&top);
    for target in ["/", "/x", "/old/a?b=1", "/static/../a.php/i"] {
        let req = dockersim::container::http::Request::get(target);
        let _ = dockersim::container::nginx::respond("1.27.3", &conf, 80, &req, &fs, 0, "172.17.0.1", 1);
    }
}

fn run_archive(_: &mut State, input: &[u8]) {
    let _ = dockersim::archive::tar_stream(input);
    let _ = dockersim::archive::gunzip(input);
    let _ = dockersim::layer::read_tar(input);
    let _ = dockersim::layer::layer_from_tar(input);
    let _ = dockersim::image::oci::load(input);
}

const TARGETS: &[Target] = &[
    Target { name: "dockerfile", generate: gen_dockerfile, run: run_dockerfile },
    Target { name: "shell", generate: gen_shell, run: run_shell },
    Target { name: "cli", generate: gen_cli, run: run_cli },
    Target { name: "template", generate: gen_template, run: run_template },
    Target { name: "lesson", generate: gen_lesson, run: run_lesson },
    Target { name: "archive", generate: gen_archive, run: run_archive },
    Target { name: "sql", generate: gen_sql, run: run_sql },
    Target { name: "regex", generate: gen_regex, run: run_regex },
    Target { name: "awk", generate: gen_awk, run: run_awk },
    Target { name: "compose", generate: gen_compose, run: run_compose },
    Target { name: "nginx", generate: gen_nginx, run: run_nginx },
];

/// Runs one target: its corpus, then generated inputs until `count` inputs
/// or `time` is up. Returns (inputs run, findings).
fn fuzz(target: &Target, seed: u64, count: usize, time: Duration) -> (usize, Vec<String>) {
    let corpus = corpus(target.name);
    let mut rng = Rng(seed ^ (target.name.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut state = State::default();
    let mut findings = Vec::new();
    let started = Instant::now();
    let mut runs = 0;
    let mut i = 0;
    while runs < count && started.elapsed() < time {
        let input = match corpus.get(i) {
            Some(c) => c.clone(),
            None => (target.generate)(&mut rng, &corpus),
        };
        i += 1;
        if trace() {
            eprintln!("{} input {runs}: {:?}", target.name, String::from_utf8_lossy(&input));
        }
        let t0 = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| (target.run)(&mut state, &input)));
        let took = t0.elapsed();
        runs += 1;
        let problem = match result {
            Err(e) => Some(format!(
                "panic: {}",
                e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default()
            )),
            Ok(()) if took > SLOW => Some(format!("slow: {took:?}")),
            Ok(()) => None,
        };
        if let Some(problem) = problem {
            state = State::default();
            let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-findings").join(target.name);
            let _ = std::fs::create_dir_all(&dir);
            let file = dir.join(format!("{:016x}", dockersim_hash(&input)));
            let _ = std::fs::write(&file, &input);
            findings.push(format!("{}: {problem} ({})", target.name, file.display()));
        }
    }
    (runs, findings)
}

/// FUZZ_TRACE=1 prints every input before it runs (to find a hang).
fn trace() -> bool {
    std::env::var("FUZZ_TRACE").is_ok_and(|v| v == "1")
}

fn dockersim_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

fn quiet_panics() {
    std::panic::set_hook(Box::new(|_| {}));
}

/// The smoke pass `make test` runs: every corpus input and a few hundred
/// generated inputs per target; no finding allowed.
#[test]
fn fuzz_smoke() {
    quiet_panics();
    let mut all = Vec::new();
    for target in TARGETS {
        let count = corpus(target.name).len() + if target.name == "cli" || target.name == "lesson" { 60 } else { 300 };
        let (runs, findings) = fuzz(target, 0x5eed, count, Duration::from_secs(60));
        eprintln!("fuzz smoke {:<10} {runs} inputs, {} findings", target.name, findings.len());
        all.extend(findings);
    }
    let _ = std::panic::take_hook();
    assert!(all.is_empty(), "findings:\n{}", all.join("\n"));
}

/// `make fuzz`: each target for FUZZ_SECONDS (default 60), or, with
/// FUZZ_INPUTS set, until it has run that many inputs (`make fuzz-million`).
#[test]
#[ignore]
fn fuzz_long() {
    quiet_panics();
    let inputs: Option<usize> = std::env::var("FUZZ_INPUTS").ok().and_then(|s| s.parse().ok());
    let default_seconds = if inputs.is_some() { u64::MAX / 4 } else { 60 };
    let seconds: u64 = std::env::var("FUZZ_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(default_seconds);
    let seed: u64 = std::env::var("FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0xfeed);
    let only = std::env::var("FUZZ_TARGET").ok();
    let mut all = Vec::new();
    for target in TARGETS.iter().filter(|t| only.as_deref().is_none_or(|o| o == t.name)) {
        let started = Instant::now();
        let (runs, findings) = fuzz(target, seed, inputs.unwrap_or(usize::MAX), Duration::from_secs(seconds));
        println!("fuzz {:<10} {runs:>9} inputs in {:.0?}, {} findings", target.name, started.elapsed(), findings.len());
        for f in &findings {
            println!("  {f}");
        }
        all.extend(findings);
    }
    let _ = std::panic::take_hook();
    assert!(all.is_empty(), "{} findings", all.len());
}
