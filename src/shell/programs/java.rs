//! The JVM toolchain as Java tutorials use it: `javac` compiles classes,
//! Maven (`mvn`, `./mvnw`) builds a project into `target/NAME-VERSION.jar`
//! (a Spring Boot app into its executable jar), and `java` runs a class, a
//! source file or a jar, with `-version`. What a program does comes from
//! its source (`java_source.rs`) and travels in the artifact, as Go's does
//! (`toolchains.rs`); a Spring Boot web app run as a container's main
//! process serves its routes (`container/process.rs`).

use super::jars;
use super::java_source;
use super::packages::read_text;
use super::toolchains::{run_built, write_artifact, Behaviour};
use super::Prog;
use crate::shell::interp::{Flow, Shell};
use crate::vfs::Node;

type Out = Result<Option<i32>, Flow>;

/// A zip archive's first bytes (jar files are zips).
const ZIP: &[u8] = b"PK\x03\x04";

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    let args: Vec<&str> = argv[1..].iter().map(String::as_str).collect();
    match prog.name.as_str() {
        "java" => java(sh, &args).map(Some),
        "javac" => javac(sh, &args).map(Some),
        "mvn" => super::maven::maven(sh, &args, None).map(Some),
        "mvnw" => {
            // The wrapper runs the Maven release its properties name.
            let props = read_text(sh, &sh.abs(".mvn/wrapper/maven-wrapper.properties")).unwrap_or_default();
            let version = props
                .lines()
                .find_map(|l| l.trim().strip_prefix("distributionUrl="))
                .and_then(|u| u.rsplit("apache-maven-").next())
                .map(|v| v.trim_end_matches("-bin.zip").to_string());
            if version.is_none() {
                sh.err_str("cannot read distributionUrl property in ./.mvn/wrapper/maven-wrapper.properties\n")?;
                return Ok(Some(1));
            }
            super::maven::maven(sh, &args, version).map(Some)
        }
        "jar" => jar(sh, &args).map(Some),
        "gradle" => super::gradle::gradle(sh, &args, false).map(Some),
        "gradlew" => super::gradle::gradle(sh, &args, true).map(Some),
        _ => Ok(None),
    }
}

// ------------------------------------------------------------ the JDK ----

/// The JDK a container (or the host) has.
pub(super) struct Jdk {
    /// The version `java -version` prints (`17.0.13`, `1.8.0_432`).
    pub version: String,
    /// The build number (`11`, `b06`).
    pub build: String,
    /// Who built it: Temurin, the openjdk image's Oracle build, or a distribution's package.
    pub vendor: Vendor,
    /// `JAVA_HOME`.
    pub home: String,
}

#[derive(PartialEq)]
pub(super) enum Vendor {
    Temurin,
    Oracle,
    /// A distribution's package: the name in its build string and the package revision (`Debian`, `2deb12u1`).
    Distro(&'static str, String),
}

impl Jdk {
    /// The vendor `mvn -v` names.
    pub fn vendor_name(&self) -> &'static str {
        match &self.vendor {
            Vendor::Temurin => "Eclipse Adoptium",
            Vendor::Oracle => "Oracle Corporation",
            Vendor::Distro("Ubuntu", _) => "Private Build",
            Vendor::Distro(d, _) => d,
        }
    }
}

/// The JDK in the image: the image's `JAVA_VERSION`, or the package apt or apk installed.
pub(super) fn jdk(sh: &Shell) -> Jdk {
    let Some(raw) = sh.var("JAVA_VERSION") else {
        if let Some(j) = packaged_jdk(sh) {
            return j;
        }
        return Jdk { version: "17.0.13".into(), build: "11".into(), vendor: Vendor::Temurin, home: "/opt/java/openjdk".into() };
    };
    let home = sh.var("JAVA_HOME").unwrap_or_else(|| "/opt/java/openjdk".into());
    let vendor = if home == "/opt/java/openjdk" { Vendor::Temurin } else { Vendor::Oracle };
    let v = raw.trim_start_matches("jdk-").trim_start_matches("jdk");
    if let Some(u) = v.strip_prefix("8u") {
        // jdk8u432-b06
        let (update, build) = u.split_once('-').unwrap_or((u, "b06"));
        return Jdk { version: format!("1.8.0_{update}"), build: build.to_string(), vendor, home };
    }
    let (version, build) = v.split_once(['+', '_']).unwrap_or((v, "8"));
    Jdk { version: version.to_string(), build: build.to_string(), vendor, home }
}

/// A JDK from the distribution's packages (`apt install openjdk-17-jdk`, `apk add openjdk17`).
fn packaged_jdk(sh: &Shell) -> Option<Jdk> {
    let status = read_text(sh, "/var/lib/dpkg/status").unwrap_or_default();
    for feature in ["21", "17", "11", "8"] {
        let pkg = format!("Package: openjdk-{feature}-jre-headless\n");
        if let Some(raw) = super::packages::db_field(&status, &pkg, "Version: ") {
            // 17.0.13+11-2~deb12u1
            let (upstream, revision) = raw.split_once('-').unwrap_or((&raw, "1"));
            let (version, build) = upstream.split_once('+').unwrap_or((upstream, "11"));
            let distro = if read_text(sh, "/etc/os-release").unwrap_or_default().contains("ID=ubuntu") { "Ubuntu" } else { "Debian" };
            let home = format!("/usr/lib/jvm/java-{feature}-openjdk-amd64");
            return Some(Jdk {
                version: version.into(),
                build: build.into(),
                vendor: Vendor::Distro(distro, revision.replace('~', "")),
                home,
            });
        }
    }
    let apk = read_text(sh, "/lib/apk/db/installed")?;
    for feature in ["21", "17", "11"] {
        let Some(stanza) = apk
            .split("\n\n")
            .find(|s| s.lines().any(|l| l == format!("P:openjdk{feature}-jre-headless") || l == format!("P:openjdk{feature}")))
        else {
            continue;
        };
        // 17.0.13_p11-r0
        let Some(raw) = stanza.lines().find_map(|l| l.strip_prefix("V:")) else { continue };
        let (upstream, revision) = raw.split_once('-').unwrap_or((raw, "r0"));
        let (version, build) = upstream.split_once("_p").unwrap_or((upstream, "11"));
        let home = format!("/usr/lib/jvm/java-{feature}-openjdk");
        return Some(Jdk { version: version.into(), build: build.into(), vendor: Vendor::Distro("alpine", revision.into()), home });
    }
    None
}

fn version_text(sh: &Shell, long: bool) -> String {
    let Jdk { version: v, build, vendor, .. } = jdk(sh);
    let temurin = vendor == Vendor::Temurin;
    if v.starts_with("1.8") {
        let update = v.rsplit('_').next().unwrap_or("432");
        let full = format!("{v}-{build}");
        let (rt, vm) = if temurin { ("(Temurin)", "(Temurin)") } else { ("", "") };
        return format!(
            "openjdk version \"{v}\"\nOpenJDK Runtime Environment {rt}(build {full})\nOpenJDK 64-Bit Server VM {vm}(build 25.{update}-{build}, mixed mode)\n"
        );
    }
    let date = if matches!(vendor, Vendor::Oracle) { "2022-01-18" } else { "2024-10-15" };
    let first = if long { format!("openjdk {v} {date}") } else { format!("openjdk version \"{v}\" {date}") };
    let (runtime, full) = match &vendor {
        Vendor::Temurin => (format!(" Temurin-{v}+{build}"), format!("{v}+{build}")),
        Vendor::Oracle => (String::new(), format!("{v}+{build}-86")),
        Vendor::Distro(name, rev) => (String::new(), format!("{v}+{build}-{name}-{rev}")),
    };
    format!("{first}\nOpenJDK Runtime Environment{runtime} (build {full})\nOpenJDK 64-Bit Server VM{runtime} (build {full}, mixed mode, sharing)\n")
}

/// `java -version`, `java -jar APP.jar`, `java [-cp PATH] Main`, `java
/// Main.java`, and Spring Boot's `-Djarmode=layertools -jar app.jar extract`.
fn java(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    for (i, a) in args.iter().enumerate() {
        match *a {
            "-version" => {
                sh.err_str(&version_text(sh, false))?;
                return Ok(0);
            }
            "--version" => {
                sh.out_str(&version_text(sh, true))?;
                return Ok(0);
            }
            "-cp" | "-classpath" | "--class-path" | "-jar" => break,
            _ if a.starts_with("-Djarmode=") => return jarmode(sh, &a["-Djarmode=".len()..], &args[i + 1..]),
            _ if a.starts_with("-D")
                || a.starts_with("-X")
                || a.starts_with("--add-opens")
                || a.starts_with("-ea")
                || a.starts_with("-agentlib") => {}
            _ if a.starts_with('-') => {
                sh.err_str(&format!("Unrecognized option: {a}\nError: Could not create the Java Virtual Machine.\nError: A fatal exception has occurred. Program will exit.\n"))?;
                return Ok(1);
            }
            _ if a.ends_with(".java") => return run_source(sh, a),
            _ => break,
        }
    }
    let cwd = sh.cwd.clone();
    match jars::resolve(sh.fs(), &cwd, args) {
        Ok((b, _)) => {
            if b.listen.is_some() && b.unsupported.is_empty() {
                let mut argv = vec!["java".to_string()];
                argv.extend(args.iter().map(|a| a.to_string()));
                sh.hand_over(argv)?;
                sh.err_str("dockersim: a Spring Boot web app runs only as a container's main process (CMD or ENTRYPOINT)\n")?;
                return Ok(1);
            }
            // A Spring Boot app without a web server starts and ends.
            run_built(sh, &Behaviour { listen: None, ..b }, None)
        }
        Err((text, status)) => {
            sh.err_str(&text)?;
            Ok(status)
        }
    }
}

/// `java -Djarmode=layertools -jar app.jar extract [--destination DIR]`.
fn jarmode(sh: &mut Shell, mode: &str, rest: &[&str]) -> Result<i32, Flow> {
    let jar = rest.iter().position(|a| *a == "-jar").and_then(|i| rest.get(i + 1)).copied();
    let command = rest.iter().position(|a| *a == "-jar").and_then(|i| rest.get(i + 2)).copied();
    let Some(jar) = jar else {
        sh.err_str("Error: -jar requires jar file specification\n")?;
        return Ok(1);
    };
    let path = sh.abs(jar);
    let b = match sh.fs().get(&path) {
        Ok(Node::File { content: crate::vfs::Content::Bytes(bytes), .. }) => Behaviour::decode(bytes),
        Ok(_) => None,
        Err(_) => {
            sh.err_str(&format!("Error: Unable to access jarfile {jar}\n"))?;
            return Ok(1);
        }
    };
    let Some(b) = b.filter(|b| b.entries.iter().any(|(p, _)| p.starts_with("BOOT-INF/"))) else {
        sh.err_str(&format!("Unsupported jarmode '{mode}'\n"))?;
        return Ok(1);
    };
    if mode != "layertools" {
        sh.err_str(&format!("dockersim: -Djarmode={mode} is not simulated (layertools is)\n"))?;
        return Ok(1);
    }
    match command {
        Some("extract") => {
            let at = rest.iter().position(|a| *a == "--destination");
            let dest = at.and_then(|i| rest.get(i + 1)).map(|d| sh.abs(d)).unwrap_or_else(|| sh.cwd.clone());
            let meta = sh.meta(0o644);
            let boot = b.framework.clone().unwrap_or_default();
            if boot.as_str() >= "spring-boot 3.3" {
                sh.out_str("Warning: This command is deprecated. Use '-Djarmode=tools extract --layers --launcher' instead.\n")?;
            }
            jars::extract_layers(sh.fs_mut(), &b, &dest, &meta);
            Ok(0)
        }
        Some("list") => {
            sh.out_str("dependencies\nspring-boot-loader\nsnapshot-dependencies\napplication\n")?;
            Ok(0)
        }
        _ => {
            sh.err_str("dockersim: this layertools command is not simulated (extract and list are)\n")?;
            Ok(1)
        }
    }
}

/// `java Main.java`: the source launcher.
fn run_source(sh: &mut Shell, name: &str) -> Result<i32, Flow> {
    let path = sh.abs(name);
    let Some(text) = read_text(sh, &path) else {
        sh.err_str(&format!("error: file not found: {name}\n"))?;
        return Ok(1);
    };
    let sources = vec![(path, text)];
    let Some(main) = java_source::main_classes(&sources).into_iter().next() else {
        sh.err_str(&format!("error: can't find main(String[]) method in class: {}\n", name.trim_end_matches(".java")))?;
        return Ok(1);
    };
    let b = java_source::behaviour(&sources, &main, false, &[]);
    run_built(sh, &b, None)
}

/// `jar xf|tf FILE` (also `-xf`, `--extract --file`), `jar --version`.
fn jar(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    if matches!(args.first(), Some(&"--version")) {
        let v = jdk(sh).version;
        sh.out_str(&format!("jar {v}\n"))?;
        return Ok(0);
    }
    let mode = args.first().map(|a| a.trim_start_matches('-')).unwrap_or("");
    let Some(file) = args.get(1) else {
        sh.err_str("Usage: jar [OPTION...] [ [--release VERSION] [-C dir] files] ...\nTry `jar --help' for more information.\n")?;
        return Ok(1);
    };
    let (extract, list) = (mode.contains('x') && mode.contains('f'), mode.contains('t') && mode.contains('f'));
    if !extract && !list {
        sh.err_str("dockersim: jar: only listing (tf) and extracting (xf) are simulated\n")?;
        return Ok(1);
    }
    let path = sh.abs(file);
    let b = match sh.fs().get(&path) {
        Ok(Node::File { content: crate::vfs::Content::Bytes(bytes), .. }) => Behaviour::decode(bytes).filter(|b| !b.entries.is_empty()),
        Ok(_) => None,
        Err(_) => {
            sh.err_str(&format!("java.io.FileNotFoundException: {file} (No such file or directory)\n"))?;
            return Ok(1);
        }
    };
    let Some(b) = b else {
        sh.err_str(&format!("dockersim: jar: {file} was not made by a simulated build tool; its entries are unknown\n"))?;
        return Ok(1);
    };
    if list {
        let mut dirs: Vec<String> = Vec::new();
        let mut out = String::new();
        for (p, _) in &b.entries {
            let mut acc = String::new();
            for part in p.split('/').collect::<Vec<_>>().split_last().map(|(_, d)| d.to_vec()).unwrap_or_default() {
                acc.push_str(part);
                acc.push('/');
                if !dirs.contains(&acc) {
                    dirs.push(acc.clone());
                    out.push_str(&format!("{acc}\n"));
                }
            }
            out.push_str(&format!("{p}\n"));
        }
        sh.out_str(&out)?;
        return Ok(0);
    }
    let cwd = sh.cwd.clone();
    let meta = sh.meta(0o644);
    jars::extract(sh.fs_mut(), &b, &cwd, &meta);
    Ok(0)
}

/// The `.java` files under `dir` (sorted), with their text.
pub(super) fn sources_under(sh: &Shell, dir: &str, ext: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_string()];
    while let Some(d) = stack.pop() {
        let Ok(Node::Dir { entries, .. }) = sh.fs().get(&d) else { continue };
        for (name, node) in entries.iter() {
            let p = crate::vfs::join(&d, name);
            match node {
                Node::Dir { .. } => stack.push(p),
                _ if ext.is_empty() || name.ends_with(ext) => {
                    if let Some(t) = read_text(sh, &p) {
                        out.push((p, t));
                    }
                }
                _ => {}
            }
        }
    }
    out.sort();
    out
}

/// Writes one class file per top-level class of each source into `out_dir`
/// (by package); the class with `main` carries the program's behaviour.
pub(super) fn write_classes(sh: &mut Shell, sources: &[(String, String)], out_dir: &str, web: bool, resources: &[(String, String)]) {
    let mains = java_source::main_classes(sources);
    for (path, text) in sources {
        let stripped = java_source::strip_comments(text);
        let package = stripped.lines().find_map(|l| l.trim().strip_prefix("package ").map(|p| p.trim_end_matches(';').trim().to_string()));
        let class = path.rsplit('/').next().unwrap_or("").trim_end_matches(".java").to_string();
        let fqn = match &package {
            Some(p) if !p.is_empty() => format!("{p}.{class}"),
            _ => class.clone(),
        };
        let b = if mains.contains(&fqn) { java_source::behaviour(sources, &fqn, web, resources) } else { Behaviour::default() };
        let dir = match &package {
            Some(p) if !p.is_empty() => crate::vfs::join(out_dir, &p.replace('.', "/")),
            _ => out_dir.to_string(),
        };
        let size = 400 + text.len() / 2;
        write_artifact(sh, &crate::vfs::join(&dir, &format!("{class}.class")), &b, "java", size, jars::CLASS, 0o644);
    }
}

/// Writes a jar carrying `b`, `size` bytes long.
pub(super) fn write_jar(sh: &mut Shell, path: &str, b: &Behaviour, size: usize) {
    write_artifact(sh, path, b, "java", size, ZIP, 0o644);
}

/// `javac [-d DIR] Files.java…`
fn javac(sh: &mut Shell, args: &[&str]) -> Result<i32, Flow> {
    let mut out_dir = None;
    let mut files = Vec::new();
    let mut i = 0;
    while i < args.len() {
        match args[i] {
            "-version" | "--version" => {
                let v = jdk(sh).version;
                sh.out_str(&format!("javac {v}\n"))?;
                return Ok(0);
            }
            "-d" => {
                out_dir = args.get(i + 1).map(|s| s.to_string());
                i += 2;
                continue;
            }
            "-cp" | "-classpath" | "--release" | "-source" | "-target" | "-encoding" | "-sourcepath" => {
                i += 2;
                continue;
            }
            a if a.starts_with('-') => {}
            a => files.push(a.to_string()),
        }
        i += 1;
    }
    if files.is_empty() {
        sh.err_str("error: no source files\n")?;
        return Ok(2);
    }
    let mut sources = Vec::new();
    for f in &files {
        if !f.ends_with(".java") {
            sh.err_str(&format!(
                "error: invalid flag: {f}\nUsage: javac <options> <source files>\nuse --help for a list of possible options\n"
            ))?;
            return Ok(2);
        }
        let p = sh.abs(f);
        match read_text(sh, &p) {
            Some(t) => sources.push((p, t)),
            None => {
                sh.err_str(&format!(
                    "error: file not found: {f}\nUsage: javac <options> <source files>\nuse --help for a list of possible options\n"
                ))?;
                return Ok(2);
            }
        }
    }
    // Classes land next to their sources, or under -d by package.
    if let Some(d) = out_dir {
        let d = sh.abs(&d);
        if !sh.fs().exists(&d) {
            sh.err_str(&format!("error: directory not found: {d}\n"))?;
            return Ok(2);
        }
        write_classes(sh, &sources, &d, false, &[]);
    } else {
        for s in &sources {
            let dir = s.0.rsplit_once('/').map(|(d, _)| d.to_string()).unwrap_or_else(|| "/".into());
            let stripped = java_source::strip_comments(&s.1);
            let class = s.0.rsplit('/').next().unwrap_or("").trim_end_matches(".java").to_string();
            let fqn = stripped
                .lines()
                .find_map(|l| l.trim().strip_prefix("package ").map(|p| format!("{}.{class}", p.trim_end_matches(';').trim())))
                .unwrap_or(class.clone());
            let mains = java_source::main_classes(std::slice::from_ref(s));
            let b = if mains.contains(&fqn) { java_source::behaviour(&sources, &fqn, false, &[]) } else { Behaviour::default() };
            write_artifact(sh, &format!("{dir}/{class}.class"), &b, "java", 400 + s.1.len() / 2, jars::CLASS, 0o644);
        }
    }
    Ok(0)
}
