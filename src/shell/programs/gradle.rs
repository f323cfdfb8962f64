//! Gradle (`gradle`, `./gradlew`) building a Java project: the build
//! scripts (`settings.gradle[.kts]`, `build.gradle[.kts]`) read for the
//! project's name, version, plugins (java, application, Spring Boot) and
//! dependencies; the tasks of `build`, `assemble`, `jar`, `bootJar`,
//! `test`, `classes` and `clean` run in order with Gradle's plain console
//! output, and the jars land in `build/libs` carrying what the program does
//! (`java_source.rs`), as Maven's do (`java.rs`).

use super::java;
use super::packages::read_text;
use crate::shell::interp::{Flow, Shell};

/// What Gradle reads from the build scripts.
struct Project {
    name: String,
    version: Option<String>,
    boot: Option<String>,
    application: bool,
    main_class: Option<String>,
    web: bool,
    /// Declared dependencies (group, artifact, version, configuration).
    deps: Vec<(String, String, Option<String>, String)>,
}

/// The string after `key` on a script line: `key = 'v'`, `key "v"`, `key.set("v")`.
fn quoted_after(line: &str, key: &str) -> Option<String> {
    let rest = line.trim().strip_prefix(key)?;
    let rest = rest.trim_start().trim_start_matches(".set(").trim_start_matches('=').trim_start().trim_start_matches('(');
    let q = rest.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let inner = &rest[1..];
    inner.find(q).map(|i| inner[..i].to_string())
}

/// `implementation 'g:a[:v]'` or `implementation("g:a:v")`: (group, artifact, version, configuration).
fn dependency(line: &str) -> Option<(String, String, Option<String>, String)> {
    let t = line.trim();
    let conf: String = t.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    if !matches!(conf.as_str(), "implementation" | "api" | "runtimeOnly" | "compileOnly" | "testImplementation" | "developmentOnly") {
        return None;
    }
    let coords = quoted_after(t, &conf)?;
    let mut parts = coords.split(':');
    let (g, a) = (parts.next()?.to_string(), parts.next()?.to_string());
    let scope = if conf.starts_with("test") { "test" } else { "compile" };
    Some((g, a, parts.next().map(str::to_string), scope.to_string()))
}

impl Project {
    fn read(sh: &Shell, dir: &str) -> Option<Project> {
        let file = |n: &str| read_text(sh, &crate::vfs::join(dir, n));
        let settings = file("settings.gradle").or_else(|| file("settings.gradle.kts"));
        let build = file("build.gradle").or_else(|| file("build.gradle.kts"));
        if settings.is_none() && build.is_none() {
            return None;
        }
        let build = build.unwrap_or_default();
        let name = settings
            .as_deref()
            .and_then(|s| s.lines().find_map(|l| quoted_after(l, "rootProject.name")))
            .unwrap_or_else(|| dir.rsplit('/').next().filter(|n| !n.is_empty()).unwrap_or("root").to_string());
        let version = build.lines().find_map(|l| quoted_after(l, "version"));
        let boot = build.lines().find(|l| l.contains("org.springframework.boot") && l.contains("id")).and_then(|l| {
            let after = &l[l.find("version")? + "version".len()..];
            quoted_after(&format!("v{after}"), "v")
        });
        let main_class = build.lines().find_map(|l| {
            quoted_after(l, "mainClass").or_else(|| quoted_after(l, "mainClassName")).or_else(|| {
                let i = l.find("'Main-Class'").or_else(|| l.find("\"Main-Class\""))?;
                let rest = l[i + 12..].trim_start().trim_start_matches([':', ',', '=', ' ']);
                quoted_after(&format!("k{rest}"), "k")
            })
        });
        Some(Project {
            name,
            version,
            boot,
            application: build.lines().any(|l| {
                let t = l.trim();
                t == "application"
                    || t.starts_with("id 'application'")
                    || t.starts_with("id(\"application\")")
                    || t == "apply plugin: 'application'"
            }),
            main_class,
            web: build.contains("spring-boot-starter-web"),
            deps: build.lines().filter_map(dependency).collect(),
        })
    }

    fn jar_name(&self, classifier: &str) -> String {
        match &self.version {
            Some(v) => format!("{}-{v}{classifier}.jar", self.name),
            None => format!("{}{classifier}.jar", self.name),
        }
    }
}

/// `gradle [options] tasks…` (or `./gradlew`, `wrapper` naming its release).
pub fn gradle(sh: &mut Shell, args: &[&str], wrapper: bool) -> Result<i32, Flow> {
    let version = if wrapper {
        let props = read_text(sh, &sh.abs("gradle/wrapper/gradle-wrapper.properties")).unwrap_or_default();
        match props.lines().find_map(|l| l.trim().strip_prefix("distributionUrl=")).and_then(|u| u.rsplit("gradle-").next()) {
            Some(v) => v.trim_end_matches("-bin.zip").trim_end_matches("-all.zip").to_string(),
            None => {
                sh.err_str("Exception in thread \"main\" java.lang.RuntimeException: No value with key 'distributionUrl' specified in wrapper properties file '/app/gradle/wrapper/gradle-wrapper.properties'.\n")?;
                return Ok(1);
            }
        }
    } else {
        sh.var("GRADLE_VERSION").unwrap_or_else(|| "8.12".into())
    };
    let mut tasks: Vec<String> = Vec::new();
    let mut excluded: Vec<String> = Vec::new();
    let (mut quiet, mut daemon) = (false, true);
    let mut i = 0;
    while i < args.len() {
        match args[i] {
            "-v" | "--version" => {
                sh.err_str(&format!(
                    "dockersim: gradle {}: not simulated (the simulator has no copy of Gradle {version}'s version text)\n",
                    args[i]
                ))?;
                return Ok(super::NOT_SIMULATED);
            }
            "-q" | "--quiet" => quiet = true,
            "--no-daemon" => daemon = false,
            "-x" | "--exclude-task" => {
                if let Some(t) = args.get(i + 1) {
                    excluded.push(t.trim_start_matches(':').to_string());
                }
                i += 1;
            }
            "-p" | "--project-dir" | "-D" | "-P" | "--console" | "-g" | "--gradle-user-home" => i += 1,
            a if a.starts_with('-') => {}
            a => tasks.push(a.trim_start_matches(':').to_string()),
        }
        i += 1;
    }
    let dir = sh.cwd.clone();
    let mut out = String::new();
    if !quiet {
        out.push_str(if daemon { "Starting a Gradle Daemon (subsequent builds will be faster)\n" } else { "" });
        if !daemon {
            out.push_str(&format!("To honour the JVM settings for this build a single-use Daemon process will be forked. For more on this, please refer to https://docs.gradle.org/{version}/userguide/gradle_daemon.html#sec:disabling_the_daemon in the Gradle documentation.\nDaemon will be stopped at the end of the build \n"));
        }
    }
    let Some(project) = Project::read(sh, &dir) else {
        sh.out_str(&out)?;
        sh.err_str(&format!(
            "\nFAILURE: Build failed with an exception.\n\n* What went wrong:\nDirectory '{dir}' does not contain a Gradle build.\n\nA Gradle build should contain a 'settings.gradle' or 'settings.gradle.kts' file in its root directory. It may also contain a 'build.gradle' or 'build.gradle.kts' file.\n\nTo create a new Gradle build in this directory run 'gradle init'\n\n* Try:\n> Run gradle init to create a new Gradle build in this directory.\n> Run with --stacktrace option to get the stack trace.\n> Run with --info or --debug option to get more log output.\n> Get more help at https://help.gradle.org.\n"
        ))?;
        sh.out_str("\nBUILD FAILED in 1s\n")?;
        return Ok(1);
    };
    if tasks.is_empty() {
        tasks.push("help".into());
    }
    let sources = java::sources_under(sh, &crate::vfs::join(&dir, "src/main/java"), ".java");
    let resources = java::sources_under(sh, &crate::vfs::join(&dir, "src/main/resources"), "");
    let tests = java::sources_under(sh, &crate::vfs::join(&dir, "src/test/java"), ".java");
    let mut plan: Vec<(String, &'static str)> = Vec::new();
    for t in &tasks {
        let graph = match task_graph(t, &project) {
            Some(g) => g,
            None if t == "help" => {
                out.push_str("\n> Task :help\n\nWelcome to Gradle ");
                out.push_str(&version);
                out.push_str(".\n\nTo run a build, run gradle <task> ...\n\nTo see a list of available tasks, run gradle tasks\n\nTo see more detail about a task, run gradle help --task <task>\n\nTo see a list of command-line options, run gradle --help\n\nFor more detail on using Gradle, see https://docs.gradle.org/");
                out.push_str(&version);
                out.push_str("/command_line_interface.html\n\nFor troubleshooting, visit https://help.gradle.org\n");
                continue;
            }
            None => {
                sh.out_str(&out)?;
                let what = if matches!(t.as_str(), "bootRun" | "run") {
                    sh.err_str(&format!(
                        "dockersim: gradle {t} is not simulated; build the jar (gradle build) and run it with java -jar\n"
                    ))?;
                    return Ok(1);
                } else {
                    format!("Task '{t}' not found in root project '{}'.", project.name)
                };
                sh.err_str(&format!("\nFAILURE: Build failed with an exception.\n\n* What went wrong:\n{what}\n\n* Try:\n> Run gradle tasks to get a list of available tasks.\n> For more on name expansion, please refer to https://docs.gradle.org/{version}/userguide/command_line_interface.html#sec:name_abbreviation in the Gradle documentation.\n> Run with --stacktrace option to get the stack trace.\n> Run with --info or --debug option to get more log output.\n> Run with --scan to get full insights.\n> Get more help at https://help.gradle.org.\n"))?;
                sh.out_str("\nBUILD FAILED in 1s\n")?;
                return Ok(1);
            }
        };
        for (name, kind) in graph {
            if !plan.iter().any(|(n, _)| n == &name) {
                plan.push((name, kind));
            }
        }
    }
    // `-x test` drops the task and what only it needs.
    if excluded.iter().any(|e| e == "test") {
        excluded.extend(["compileTestJava", "processTestResources", "testClasses"].map(String::from));
    }
    plan.retain(|(n, _)| !excluded.contains(n));
    let libs = crate::vfs::join(&dir, "build/libs");
    let main = project.main_class.clone().or_else(|| super::java_source::main_classes(&sources).into_iter().next());
    let mut actionable = 0;
    for (name, kind) in &plan {
        let no_source = match name.as_str() {
            "compileJava" => sources.is_empty(),
            "processResources" => resources.is_empty(),
            "compileTestJava" | "processTestResources" | "test" => tests.is_empty() || name == "processTestResources",
            _ => false,
        };
        if !quiet {
            out.push_str(&format!("> Task :{name}{}\n", if no_source { " NO-SOURCE" } else { "" }));
        }
        if no_source || *kind == "lifecycle" {
            continue;
        }
        actionable += 1;
        match name.as_str() {
            "clean" => {
                let _ = sh.fs_mut().remove(&crate::vfs::join(&dir, "build"), true);
            }
            "compileJava" => java::write_classes(sh, &sources, &crate::vfs::join(&dir, "build/classes/java/main"), project.web, &resources),
            "jar" | "bootJar" => {
                let mut b =
                    main.as_deref().map(|m| super::java_source::behaviour(&sources, m, project.web, &resources)).unwrap_or_default();
                b.artifact = Some(format!("{} {}", project.name, project.version.clone().unwrap_or_else(|| "unspecified".into())));
                if b.framework.is_some() {
                    b.framework = Some(format!("spring-boot {}", project.boot.clone().unwrap_or_else(|| "3.4.0".into())));
                }
                let res_dir = crate::vfs::join(&dir, "src/main/resources");
                let res: Vec<(String, u64)> = resources.iter().map(|(p, t)| (super::maven::rel_to(p, &res_dir), t.len() as u64)).collect();
                if name == "bootJar" {
                    b.manifest = main.is_some();
                    let deps: Vec<(String, u64)> = super::maven::dependency_jars(project.boot.as_deref(), &project.deps)
                        .into_iter()
                        .map(|(_, a, v, s)| (format!("{a}-{v}.jar"), s))
                        .collect();
                    b.entries = super::jars::entries(&sources, &res, &deps, true);
                    java::write_jar(sh, &crate::vfs::join(&libs, &project.jar_name("")), &b, super::jars::size(&b.entries));
                } else {
                    b.manifest = project.main_class.is_some() && project.boot.is_none() && !project.application;
                    let classifier = if project.boot.is_some() { "-plain" } else { "" };
                    b.entries = super::jars::entries(&sources, &res, &[], false);
                    java::write_jar(sh, &crate::vfs::join(&libs, &project.jar_name(classifier)), &b, super::jars::size(&b.entries));
                }
            }
            _ => {}
        }
    }
    if !quiet {
        out.push_str(&format!("\nBUILD SUCCESSFUL in {}s\n", 3 + sources.len() + 4 * usize::from(!tests.is_empty())));
        let s = if actionable == 1 { "" } else { "s" };
        out.push_str(&format!("{actionable} actionable task{s}: {actionable} executed\n"));
    }
    sh.out_str(&out)?;
    Ok(0)
}

/// The tasks a requested task runs, in order, with their kind ("action" or "lifecycle").
fn task_graph(task: &str, p: &Project) -> Option<Vec<(String, &'static str)>> {
    let mut compile = vec![("compileJava", "action"), ("processResources", "action"), ("classes", "lifecycle")];
    let mut assemble = compile.clone();
    if p.boot.is_some() {
        assemble.extend([("resolveMainClassName", "action"), ("bootJar", "action"), ("jar", "action")]);
    } else {
        assemble.push(("jar", "action"));
        if p.application {
            assemble.extend([("startScripts", "action"), ("distTar", "action"), ("distZip", "action")]);
        }
    }
    let check = [
        ("compileTestJava", "action"),
        ("processTestResources", "action"),
        ("testClasses", "lifecycle"),
        ("test", "action"),
        ("check", "lifecycle"),
    ];
    let list: Vec<(&str, &'static str)> = match task {
        "clean" => vec![("clean", "action")],
        "compileJava" => vec![("compileJava", "action")],
        "classes" => compile,
        "jar" => {
            compile.push(("jar", "action"));
            compile
        }
        "bootJar" if p.boot.is_some() => {
            compile.extend([("resolveMainClassName", "action"), ("bootJar", "action")]);
            compile
        }
        "assemble" => {
            assemble.push(("assemble", "lifecycle"));
            assemble
        }
        "test" | "check" => {
            let mut l = compile;
            l.extend(check.iter().take(if task == "test" { 4 } else { 5 }).copied());
            l
        }
        "build" => {
            assemble.push(("assemble", "lifecycle"));
            assemble.extend(check);
            assemble.push(("build", "lifecycle"));
            assemble
        }
        _ => return None,
    };
    Some(list.into_iter().map(|(n, k)| (n.to_string(), k)).collect())
}
