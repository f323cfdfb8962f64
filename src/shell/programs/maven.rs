//! Maven (`mvn`, `./mvnw`) building a Java project from its pom.xml: the
//! lifecycle phases with Maven 3.9's log, `dependency:go-offline`,
//! `resolve` and `tree` into `~/.m2`, and the jar in `target/` carrying what
//! the program does (`java_source.rs`), Spring Boot's repackaged fat jar
//! included.

use super::java::{jdk, sources_under, write_classes, write_jar};
use super::java_source;
use super::packages::{read_text, write_text};
use crate::shell::interp::{Flow, Shell};
use crate::vfs::Node;

/// What Maven reads from pom.xml.
#[derive(Default)]
struct Pom {
    group: String,
    artifact: String,
    version: String,
    packaging: String,
    name: Option<String>,
    final_name: Option<String>,
    /// spring-boot-starter-parent's version.
    boot: Option<String>,
    deps: Vec<(String, String, Option<String>, String)>,
    main_class: Option<String>,
    release: Option<String>,
    boot_plugin: bool,
}

fn tag<'a>(xml: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}>");
    let i = xml.find(&open)? + open.len();
    let j = xml[i..].find(&format!("</{name}>"))? + i;
    Some(xml[i..j].trim())
}

/// `xml` without the `<name>…</name>` sections.
fn without(xml: &str, name: &str) -> String {
    let (open, close) = (format!("<{name}>"), format!("</{name}>"));
    let mut out = xml.to_string();
    while let Some(i) = out.find(&open) {
        match out[i..].find(&close) {
            Some(j) => out.replace_range(i..i + j + close.len(), ""),
            None => break,
        }
    }
    out
}

fn strip_xml_comments(xml: &str) -> String {
    let mut out = xml.to_string();
    while let Some(i) = out.find("<!--") {
        match out[i..].find("-->") {
            Some(j) => out.replace_range(i..i + j + 3, ""),
            None => break,
        }
    }
    out
}

impl Pom {
    fn parse(text: &str) -> Result<Pom, String> {
        let xml = strip_xml_comments(text);
        if xml.trim().is_empty() {
            return Err("input contained no data".into());
        }
        if !xml.contains("<project") {
            return Err("expected START_TAG or END_TAG not TEXT".into());
        }
        let parent = tag(&xml, "parent").unwrap_or("");
        let props = tag(&xml, "properties").unwrap_or("");
        let mut top = xml.clone();
        for section in [
            "parent",
            "dependencies",
            "dependencyManagement",
            "build",
            "properties",
            "profiles",
            "plugins",
            "developers",
            "licenses",
            "scm",
        ] {
            top = without(&top, section);
        }
        let boot = (tag(parent, "artifactId") == Some("spring-boot-starter-parent"))
            .then(|| tag(parent, "version").unwrap_or("3.4.0").to_string());
        let mut pom = Pom {
            group: tag(&top, "groupId").or_else(|| tag(parent, "groupId")).unwrap_or("").to_string(),
            artifact: tag(&top, "artifactId").unwrap_or("").to_string(),
            version: tag(&top, "version").or_else(|| tag(parent, "version")).unwrap_or("").to_string(),
            packaging: tag(&top, "packaging").unwrap_or("jar").to_string(),
            name: tag(&top, "name").map(str::to_string),
            final_name: tag(&xml, "finalName").map(str::to_string),
            boot,
            main_class: tag(&xml, "mainClass").or_else(|| tag(props, "start-class")).map(str::to_string),
            release: ["java.version", "maven.compiler.release", "maven.compiler.target", "maven.compiler.source"]
                .iter()
                .find_map(|k| tag(props, k))
                .map(str::to_string),
            boot_plugin: xml.contains("<artifactId>spring-boot-maven-plugin</artifactId>"),
            deps: Vec::new(),
        };
        if pom.artifact.is_empty() {
            return Err("'artifactId' is missing.".into());
        }
        if pom.version.is_empty() {
            return Err("'version' is missing.".into());
        }
        let deps_xml = without(&xml, "dependencyManagement");
        if let Some(deps) = tag(&deps_xml, "dependencies") {
            for d in deps.split("<dependency>").skip(1) {
                let g = tag(d, "groupId").unwrap_or("").to_string();
                let a = tag(d, "artifactId").unwrap_or("").to_string();
                let v = tag(d, "version").map(str::to_string);
                let scope = tag(d, "scope").unwrap_or("compile").to_string();
                pom.deps.push((g, a, v, scope));
            }
        }
        Ok(pom)
    }

    fn final_name(&self) -> String {
        let f = self.final_name.clone().unwrap_or_else(|| "${project.artifactId}-${project.version}".into());
        f.replace("${project.artifactId}", &self.artifact)
            .replace("${artifactId}", &self.artifact)
            .replace("${project.version}", &self.version)
    }

    fn web(&self) -> bool {
        self.deps.iter().any(|(_, a, _, _)| {
            matches!(a.as_str(), "spring-boot-starter-web" | "spring-boot-starter-webmvc" | "spring-boot-starter-webflux")
        })
    }

    /// The plugins' versions: those Spring Boot's parent manages, or Maven 3.9's defaults.
    fn plugin(&self, name: &str) -> &'static str {
        const BOOT: &[(&str, &str)] = &[
            ("clean", "3.3.2"),
            ("resources", "3.3.1"),
            ("compiler", "3.13.0"),
            ("surefire", "3.5.2"),
            ("jar", "3.4.2"),
            ("install", "3.1.3"),
            ("dependency", "3.8.1"),
        ];
        const MAVEN: &[(&str, &str)] = &[
            ("clean", "3.2.0"),
            ("resources", "3.3.1"),
            ("compiler", "3.13.0"),
            ("surefire", "3.2.5"),
            ("jar", "3.4.1"),
            ("install", "3.1.2"),
            ("dependency", "3.7.0"),
        ];
        let table = if self.boot.is_some() { BOOT } else { MAVEN };
        table.iter().find(|(n, _)| *n == name).map_or("3.1.2", |(_, v)| v)
    }
}

/// The jars a dependency brings (its own and the main transitive ones), with sizes in bytes.
fn resolved(pom: &Pom) -> Vec<(String, String, String, u64)> {
    dependency_jars(pom.boot.as_deref(), &pom.deps)
}

/// The jars of declared dependencies (group, artifact, version, scope) under Spring Boot `boot`'s management.
pub(super) fn dependency_jars(boot: Option<&str>, deps: &[(String, String, Option<String>, String)]) -> Vec<(String, String, String, u64)> {
    let boot = boot.unwrap_or("3.4.0").to_string();
    let spring = spring_framework(&boot);
    let mut out: Vec<(String, String, String, u64)> = Vec::new();
    let mut add = |g: &str, a: &str, v: &str, size: u64| {
        if !out.iter().any(|(_, x, _, _)| x == a) {
            out.push((g.to_string(), a.to_string(), v.to_string(), size));
        }
    };
    for (g, a, v, scope) in deps {
        if scope == "test" {
            continue;
        }
        let version = v.clone().unwrap_or_else(|| if g.starts_with("org.springframework.boot") { boot.clone() } else { "managed".into() });
        if g == "org.springframework.boot" && a.starts_with("spring-boot-starter") {
            add(g, a, &version, 4_800);
            add(g, "spring-boot", &boot, 1_700_000);
            add(g, "spring-boot-autoconfigure", &boot, 2_000_000);
            add("ch.qos.logback", "logback-classic", "1.5.12", 300_000);
            add("ch.qos.logback", "logback-core", "1.5.12", 620_000);
            add("org.slf4j", "slf4j-api", "2.0.16", 70_000);
            add("org.yaml", "snakeyaml", "2.3", 340_000);
            add("org.springframework", "spring-core", &spring, 1_900_000);
            add("org.springframework", "spring-context", &spring, 1_300_000);
            add("org.springframework", "spring-beans", &spring, 870_000);
            add("org.springframework", "spring-aop", &spring, 420_000);
            add("org.springframework", "spring-expression", &spring, 310_000);
            if matches!(a.as_str(), "spring-boot-starter-web" | "spring-boot-starter-webmvc") {
                add("org.springframework", "spring-web", &spring, 2_000_000);
                add("org.springframework", "spring-webmvc", &spring, 1_100_000);
                add("org.apache.tomcat.embed", "tomcat-embed-core", tomcat(&boot), 3_600_000);
                add("org.apache.tomcat.embed", "tomcat-embed-websocket", tomcat(&boot), 280_000);
                add("com.fasterxml.jackson.core", "jackson-databind", "2.18.1", 1_650_000);
                add("com.fasterxml.jackson.core", "jackson-core", "2.18.1", 600_000);
                add("com.fasterxml.jackson.core", "jackson-annotations", "2.18.1", 78_000);
                add("io.micrometer", "micrometer-observation", "1.14.1", 75_000);
            }
        } else {
            add(g, a, &version, 250_000);
        }
    }
    out
}

/// The Spring Framework release a Spring Boot release uses.
fn spring_framework(boot: &str) -> String {
    match boot.get(..3) {
        Some("3.0") => "6.0.13",
        Some("3.1") => "6.0.14",
        Some("3.2") => "6.1.1",
        Some("3.3") => "6.1.15",
        Some("2.7") => "5.3.31",
        _ => "6.2.0",
    }
    .to_string()
}

/// The Tomcat release a Spring Boot release embeds.
pub fn tomcat(boot: &str) -> &'static str {
    match boot.get(..3) {
        Some("3.0") => "10.1.15",
        Some("3.1") => "10.1.16",
        Some("3.2") => "10.1.16",
        Some("3.3") => "10.1.33",
        Some("2.7") => "9.0.83",
        _ => "10.1.33",
    }
}

const PHASES: &[&str] = &[
    "validate",
    "initialize",
    "generate-sources",
    "process-sources",
    "generate-resources",
    "process-resources",
    "compile",
    "process-classes",
    "generate-test-sources",
    "process-test-sources",
    "generate-test-resources",
    "process-test-resources",
    "test-compile",
    "process-test-classes",
    "test",
    "prepare-package",
    "package",
    "pre-integration-test",
    "integration-test",
    "post-integration-test",
    "verify",
    "install",
    "deploy",
];

/// Maven's console: `[INFO] …` lines unless `-q`.
struct Log {
    text: String,
    quiet: bool,
}

impl Log {
    fn info(&mut self, s: &str) {
        if !self.quiet {
            self.text.push_str(&format!("[INFO] {s}\n"));
        }
    }
    fn blank(&mut self) {
        if !self.quiet {
            self.text.push_str("[INFO] \n");
        }
    }
}

/// Maven's closing block: BUILD SUCCESS/FAILURE, time and clock.
fn footer(log: &mut Log, ok: bool, ms: u64, now: i64) {
    let rule = "------------------------------------------------------------------------";
    log.info(rule);
    log.info(if ok { "BUILD SUCCESS" } else { "BUILD FAILURE" });
    log.info(rule);
    let time =
        if ms >= 60_000 { format!("{:02}:{:02} min", ms / 60_000, ms / 1000 % 60) } else { format!("{}.{:03} s", ms / 1000, ms % 1000) };
    log.info(&format!("Total time:  {time}"));
    log.info(&format!("Finished at: {}", crate::time::rfc3339(now)));
    log.info(rule);
}

fn maven_errors(sh: &mut Shell, log: &mut Log, lines: &[String], help: Option<&str>) -> Result<i32, Flow> {
    let mut t = std::mem::take(&mut log.text);
    for l in lines {
        t.push_str(&format!("[ERROR] {l}\n"));
    }
    t.push_str("[ERROR] \n[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.\n[ERROR] Re-run Maven using the -X switch to enable full debug logging.\n");
    if let Some(h) = help {
        t.push_str(&format!("[ERROR] \n[ERROR] For more information about the errors and possible solutions, please read the following articles:\n[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/{h}\n"));
    }
    sh.out_str(&t)?;
    Ok(1)
}

fn maven_version_text(sh: &Shell, version: &str) -> String {
    let j = jdk(sh);
    let (jv, vendor, java_home) = (j.version.clone(), j.vendor_name(), j.home.clone());
    let home = sh.var("MAVEN_HOME").unwrap_or_else(|| "/usr/share/maven".into());
    // Each release's source revision, as `mvn -v` prints it.
    // Debian's and Ubuntu's builds print no revision.
    let official =
        sh.fs().exists(&format!("{home}/lib/maven-core-{version}.jar")) || sh.fs().exists(&sh.abs(".mvn/wrapper/maven-wrapper.properties"));
    let rev = match version {
        "3.9.9" => " (8e8579a9e76f7d015ee5ec7bfcdc97d260186937)",
        "3.8.8" => " (4c87b05d9aedce574290d1acc98575ed5eb6cd39)",
        "3.6.3" => " (cecedd343002696d0abb50b32b541b8a6ba2883f)",
        _ => "",
    };
    let rev = if official { rev } else { "" };
    let locale =
        sh.var("LANG").and_then(|l| l.split('.').next().map(str::to_string)).filter(|l| l.contains('_')).unwrap_or_else(|| "en".into());
    let kernel = super::clock::KERNEL;
    format!(
        "Apache Maven {version}{rev}\nMaven home: {home}\nJava version: {jv}, vendor: {vendor}, runtime: {java_home}\nDefault locale: {locale}, platform encoding: UTF-8\nOS name: \"linux\", version: \"{kernel}\", arch: \"amd64\", family: \"unix\"\n"
    )
}

/// The Maven release in the image, from its `lib/maven-core-VERSION.jar`.
fn installed_maven(sh: &Shell) -> String {
    let home = sh.var("MAVEN_HOME").unwrap_or_else(|| "/usr/share/maven".into());
    match sh.fs().get(&format!("{home}/lib")) {
        Ok(Node::Dir { entries, .. }) => {
            entries.keys().find_map(|n| n.strip_prefix("maven-core-")?.strip_suffix(".jar").map(str::to_string))
        }
        _ => None,
    }
    .or_else(|| super::packages::installed_version(sh, &["maven"], "maven"))
    .unwrap_or_else(|| "3.9.9".into())
}

/// `mvn [options] goals…` (or `./mvnw`, with the wrapper's Maven `version`).
pub(super) fn maven(sh: &mut Shell, args: &[&str], wrapper: Option<String>) -> Result<i32, Flow> {
    let version = wrapper.unwrap_or_else(|| installed_maven(sh));
    let mut goals: Vec<String> = Vec::new();
    let mut props: Vec<(String, String)> = Vec::new();
    let mut quiet = false;
    let mut file: Option<String> = None;
    let mut i = 0;
    while i < args.len() {
        let a = args[i];
        match a {
            "-v" | "--version" | "-V" | "--show-version" => {
                sh.out_str(&maven_version_text(sh, &version))?;
                if a == "-v" || a == "--version" {
                    return Ok(0);
                }
            }
            "-q" | "--quiet" => quiet = true,
            "-f" | "--file" => {
                file = args.get(i + 1).map(|s| s.to_string());
                i += 1;
            }
            "-D" | "--define" => {
                if let Some(kv) = args.get(i + 1) {
                    let (k, v) = kv.split_once('=').unwrap_or((kv, "true"));
                    props.push((k.to_string(), v.to_string()));
                }
                i += 1;
            }
            "-T" | "--threads" | "-P" | "--activate-profiles" | "-pl" | "--projects" | "-s" | "--settings" | "-gs" | "-t" | "-l" => i += 1,
            _ if a.starts_with("-D") => {
                let kv = &a[2..];
                let (k, v) = kv.split_once('=').unwrap_or((kv, "true"));
                props.push((k.to_string(), v.to_string()));
            }
            _ if a.starts_with('-') => {}
            _ => goals.push(a.to_string()),
        }
        i += 1;
    }
    let prop = |k: &str| props.iter().rev().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let skip_all = prop("maven.test.skip").is_some_and(|v| v != "false");
    let skip_tests = skip_all || prop("skipTests").is_some_and(|v| v != "false");
    let mut log = Log { text: String::new(), quiet };
    let now = sh.now();
    log.info("Scanning for projects...");
    let (dir, pom_path) = match &file {
        Some(f) => {
            let p = sh.abs(f);
            let p = if matches!(sh.fs().get(&p), Ok(Node::Dir { .. })) { crate::vfs::join(&p, "pom.xml") } else { p };
            (p.rsplit_once('/').map(|(d, _)| if d.is_empty() { "/".to_string() } else { d.to_string() }).unwrap_or_default(), p)
        }
        None => (sh.cwd.clone(), sh.abs("pom.xml")),
    };
    let Some(pom_text) = read_text(sh, &pom_path) else {
        if goals.is_empty() {
            footer(&mut log, false, 95, now);
            let lines = vec!["No goals have been specified for this build. You must specify a valid lifecycle phase or a goal in the format <plugin-prefix>:<goal> or <plugin-group-id>:<plugin-artifact-id>[:<plugin-version>]:<goal>. Available lifecycle phases are: pre-clean, clean, post-clean, validate, initialize, generate-sources, process-sources, generate-resources, process-resources, compile, process-classes, generate-test-sources, process-test-sources, generate-test-resources, process-test-resources, test-compile, process-test-classes, test, prepare-package, package, pre-integration-test, integration-test, post-integration-test, verify, install, deploy, pre-site, site, post-site, site-deploy. -> [Help 1]".to_string()];
            return maven_errors(sh, &mut log, &lines, Some("NoGoalSpecifiedException"));
        }
        footer(&mut log, false, 95, now);
        let lines = vec![format!(
            "The goal you specified requires a project to execute but there is no POM in this directory ({dir}). Please verify you invoked Maven from the correct directory. -> [Help 1]"
        )];
        return maven_errors(sh, &mut log, &lines, Some("MissingProjectException"));
    };
    let pom = match Pom::parse(&pom_text) {
        Ok(p) => p,
        Err(e) => {
            // Maven prints the model problems before its usual error block.
            log.text.push_str(&format!(
                "[ERROR] [ERROR] Some problems were encountered while processing the POMs:\n[FATAL] Non-parseable POM {pom_path}: {e} @ line 1, column 1\n @ \n"
            ));
            let lines = vec![
                "The build could not read 1 project -> [Help 1]".to_string(),
                "  ".to_string(),
                format!("  The project  ({pom_path}) has 1 error"),
                format!("    Non-parseable POM {pom_path}: {e} @ line 1, column 1 -> [Help 2]"),
            ];
            return maven_errors(sh, &mut log, &lines, Some("ProjectBuildingException"));
        }
    };
    if goals.is_empty() {
        footer(&mut log, false, 110, now);
        let lines = vec!["No goals have been specified for this build. You must specify a valid lifecycle phase or a goal in the format <plugin-prefix>:<goal> or <plugin-group-id>:<plugin-artifact-id>[:<plugin-version>]:<goal>. Available lifecycle phases are: pre-clean, clean, post-clean, validate, initialize, generate-sources, process-sources, generate-resources, process-resources, compile, process-classes, generate-test-sources, process-test-sources, generate-test-resources, process-test-resources, test-compile, process-test-classes, test, prepare-package, package, pre-integration-test, integration-test, post-integration-test, verify, install, deploy, pre-site, site, post-site, site-deploy. -> [Help 1]".to_string()];
        return maven_errors(sh, &mut log, &lines, Some("NoGoalSpecifiedException"));
    }
    for g in &goals {
        let known = g == "clean" || PHASES.contains(&g.as_str()) || g.contains(':');
        if !known {
            footer(&mut log, false, 120, now);
            let lines = vec![format!("Unknown lifecycle phase \"{g}\". You must specify a valid lifecycle phase or a goal in the format <plugin-prefix>:<goal> or <plugin-group-id>:<plugin-artifact-id>[:<plugin-version>]:<goal>. Available lifecycle phases are: pre-clean, clean, post-clean, validate, initialize, generate-sources, process-sources, generate-resources, process-resources, compile, process-classes, generate-test-sources, process-test-sources, generate-test-resources, process-test-resources, test-compile, process-test-classes, test, prepare-package, package, pre-integration-test, integration-test, post-integration-test, verify, install, deploy, pre-site, site, post-site, site-deploy. -> [Help 1]")];
            return maven_errors(sh, &mut log, &lines, Some("LifecyclePhaseNotFoundException"));
        }
    }
    let id = format!("{}:{}", pom.group, pom.artifact);
    let pad = 72usize.saturating_sub(id.len() + 4);
    log.blank();
    log.info(&format!("{}< {id} >{}", "-".repeat(pad / 2), "-".repeat(pad - pad / 2)));
    log.info(&format!("Building {} {}", pom.name.clone().unwrap_or_else(|| pom.artifact.clone()), pom.version));
    log.info("  from pom.xml");
    let pk = format!("[ {} ]", pom.packaging);
    let pad = 72usize.saturating_sub(pk.len());
    log.info(&format!("{}{pk}{}", "-".repeat(pad / 2), "-".repeat(pad - pad / 2)));
    let m2 = format!("{}/.m2/repository", sh.var("HOME").filter(|h| !h.is_empty()).unwrap_or_else(|| "/root".into()));
    let target = crate::vfs::join(&dir, "target");
    let a = pom.artifact.clone();
    let mut ms: u64 = 900;
    let mut built_jar: Option<String> = None;
    for g in &goals {
        if g == "clean" {
            log.blank();
            log.info(&format!("--- clean:{}:clean (default-clean) @ {a} ---", pom.plugin("clean")));
            if sh.fs().exists(&target) {
                log.info(&format!("Deleting {target}"));
                let _ = sh.fs_mut().remove(&target, true);
            }
            ms += 150;
            continue;
        }
        if let Some((plugin, goal)) = g.split_once(':') {
            match (plugin, goal) {
                ("dependency", "go-offline" | "resolve" | "resolve-plugins" | "copy-dependencies" | "tree") => {
                    log.blank();
                    log.info(&format!("--- dependency:{}:{goal} (default-cli) @ {a} ---", pom.plugin("dependency")));
                    let jars = resolved(&pom);
                    fetch_jars(sh, &m2, &jars);
                    match goal {
                        "go-offline" => {
                            for (_, art, v, _) in &jars {
                                log.info(&format!("Resolved dependency: {art}-{v}.jar"));
                            }
                        }
                        "tree" => {
                            log.info(&format!("{id}:{}:{}", pom.packaging, pom.version));
                            let n = jars.len();
                            for (k, (gr, art, v, _)) in jars.iter().enumerate() {
                                let branch = if k + 1 == n { "\\-" } else { "+-" };
                                log.info(&format!("{branch} {gr}:{art}:jar:{v}:compile"));
                            }
                        }
                        _ => {
                            log.blank();
                            log.info("The following files have been resolved:");
                            for (gr, art, v, _) in &jars {
                                log.info(&format!("   {gr}:{art}:jar:{v}:compile"));
                            }
                            log.blank();
                        }
                    }
                    ms += 2_000 + 150 * jars.len() as u64;
                }
                ("help", "evaluate") => {
                    let expr = prop("expression").unwrap_or_default();
                    let value = match expr.as_str() {
                        "project.artifactId" => pom.artifact.clone(),
                        "project.groupId" => pom.group.clone(),
                        "project.version" => pom.version.clone(),
                        "project.packaging" => pom.packaging.clone(),
                        "project.name" => pom.name.clone().unwrap_or_else(|| pom.artifact.clone()),
                        "project.build.finalName" => pom.final_name(),
                        "project.build.directory" => target.clone(),
                        "project.basedir" => dir.clone(),
                        _ => "null object or invalid expression".to_string(),
                    };
                    if prop("forceStdout").is_some() && quiet {
                        sh.out_str(&value)?;
                        return Ok(0);
                    }
                    log.blank();
                    log.info(&format!("--- help:3.5.1:evaluate (default-cli) @ {a} ---"));
                    log.text.push_str(&format!("{value}\n"));
                    ms += 300;
                }
                ("spring-boot", "run") | ("exec", "java") => {
                    log.text.push_str(&format!("[INFO] --- {plugin}:{goal} ---\n"));
                    sh.out_str(&std::mem::take(&mut log.text))?;
                    sh.err_str(&format!("dockersim: mvn {g} is not simulated; build the jar (mvn package) and run it with java -jar\n"))?;
                    return Ok(1);
                }
                _ => {
                    sh.out_str(&std::mem::take(&mut log.text))?;
                    sh.err_str(&format!(
                        "dockersim: mvn {g} is not simulated (the lifecycle phases and dependency:go-offline/resolve/tree are)\n"
                    ))?;
                    return Ok(1);
                }
            }
            continue;
        }
        let upto = PHASES.iter().position(|p| p == g).unwrap_or(0);
        let at = |p: &str| PHASES.iter().position(|x| *x == p).is_some_and(|i| i <= upto);
        let main_src = crate::vfs::join(&dir, "src/main/java");
        let sources = sources_under(sh, &main_src, ".java");
        let res_dir = crate::vfs::join(&dir, "src/main/resources");
        let resources = sources_under(sh, &res_dir, "");
        let tests = sources_under(sh, &crate::vfs::join(&dir, "src/test/java"), ".java");
        let jars = resolved(&pom);
        if at("process-resources") {
            fetch_jars(sh, &m2, &jars);
            log.blank();
            log.info(&format!("--- resources:{}:resources (default-resources) @ {a} ---", pom.plugin("resources")));
            copy_resources(sh, &mut log, &resources, &dir, &pom);
        }
        let classes = crate::vfs::join(&target, "classes");
        if at("compile") {
            log.blank();
            log.info(&format!("--- compiler:{}:compile (default-compile) @ {a} ---", pom.plugin("compiler")));
            if sources.is_empty() {
                log.info("No sources to compile");
            } else {
                let up_to_date = sources.iter().all(|(p, _)| {
                    let rel = p.strip_prefix(&format!("{main_src}/")).unwrap_or(p).trim_end_matches(".java");
                    sh.fs().exists(&format!("{classes}/{rel}.class"))
                });
                if up_to_date {
                    log.info("Nothing to compile - all classes are up to date.");
                } else {
                    log.info("Recompiling the module because of changed source code.");
                    let n = sources.len();
                    let release = pom.release.clone().unwrap_or_else(|| "8".into());
                    let how = if pom.release.is_some() { format!("release {release}") } else { "target 1.8".to_string() };
                    log.info(&format!(
                        "Compiling {n} source file{} with javac [debug {how}] to target/classes",
                        if n == 1 { "" } else { "s" }
                    ));
                    let meta = sh.meta(0o755);
                    let _ = sh.fs_mut().mkdir_all(&classes, meta);
                    write_classes(sh, &sources, &classes, pom.web(), &resources);
                    ms += 1_200 + 300 * n as u64;
                }
            }
        }
        if at("process-test-resources") {
            log.blank();
            log.info(&format!("--- resources:{}:testResources (default-testResources) @ {a} ---", pom.plugin("resources")));
            let test_res = crate::vfs::join(&dir, "src/test/resources");
            if sh.fs().exists(&test_res) {
                let n = sources_under(sh, &test_res, "").len();
                log.info(&format!("Copying {n} resource{} from src/test/resources to target/test-classes", if n == 1 { "" } else { "s" }));
            } else {
                log.info(&format!("skip non existing resourceDirectory {test_res}"));
            }
        }
        if at("test-compile") {
            log.blank();
            log.info(&format!("--- compiler:{}:testCompile (default-testCompile) @ {a} ---", pom.plugin("compiler")));
            if skip_all {
                log.info("Not compiling test sources");
            } else if tests.is_empty() {
                log.info("No sources to compile");
            } else {
                let n = tests.len();
                log.info("Recompiling the module because of changed dependency.");
                let release = pom.release.clone().map(|r| format!("release {r}")).unwrap_or_else(|| "target 1.8".into());
                log.info(&format!(
                    "Compiling {n} source file{} with javac [debug {release}] to target/test-classes",
                    if n == 1 { "" } else { "s" }
                ));
                ms += 800;
            }
        }
        if at("test") {
            log.blank();
            log.info(&format!("--- surefire:{}:test (default-test) @ {a} ---", pom.plugin("surefire")));
            if skip_tests {
                log.info("Tests are skipped.");
            } else if tests.is_empty() {
                log.info("No tests to run.");
            } else {
                run_tests(&mut log, &tests);
                ms += 4_000;
            }
        }
        if at("package") {
            log.blank();
            let ext = if pom.packaging == "war" { "war" } else { "jar" };
            let jar = format!("{target}/{}.{ext}", pom.final_name());
            log.info(&format!("--- {ext}:{}:{ext} (default-{ext}) @ {a} ---", if ext == "war" { "3.4.0" } else { pom.plugin("jar") }));
            log.info(&format!("Building {ext}: {jar}"));
            let main = pom.main_class.clone().or_else(|| java_source::main_classes(&sources).into_iter().next());
            let mut b = main.as_deref().map(|m| java_source::behaviour(&sources, m, pom.web(), &resources)).unwrap_or_default();
            b.artifact = Some(format!("{} {}", pom.artifact, pom.version));
            if b.framework.is_some() {
                b.framework = Some(format!("spring-boot {}", pom.boot.clone().unwrap_or_else(|| "3.4.0".into())));
            }
            let boot = pom.boot.is_some() && pom.boot_plugin;
            b.manifest = pom.main_class.is_some() && !boot;
            let res: Vec<(String, u64)> = resources.iter().map(|(p, t)| (rel_to(p, &res_dir), t.len() as u64)).collect();
            b.entries = super::jars::entries(&sources, &res, &[], false);
            write_jar(sh, &jar, &b, super::jars::size(&b.entries));
            if boot {
                log.blank();
                log.info(&format!("--- spring-boot:{}:repackage (repackage) @ {a} ---", pom.boot.clone().unwrap_or_default()));
                log.info(&format!("Replacing main artifact {jar} with repackaged archive, adding nested dependencies in BOOT-INF/."));
                log.info(&format!("The original artifact has been renamed to {jar}.original"));
                write_jar(sh, &format!("{jar}.original"), &b, super::jars::size(&b.entries));
                let deps: Vec<(String, u64)> = jars.iter().map(|(_, a, v, s)| (format!("{a}-{v}.jar"), *s)).collect();
                b.entries = super::jars::entries(&sources, &res, &deps, true);
                b.manifest = main.is_some();
                write_jar(sh, &jar, &b, super::jars::size(&b.entries));
            }
            built_jar = Some(jar);
            ms += 700;
        }
        if at("install") {
            log.blank();
            log.info(&format!("--- install:{}:install (default-install) @ {a} ---", pom.plugin("install")));
            let base = format!("{m2}/{}/{a}/{}", pom.group.replace('.', "/"), pom.version);
            log.info(&format!("Installing {pom_path} to {base}/{a}-{}.pom", pom.version));
            write_text(sh, &format!("{base}/{a}-{}.pom", pom.version), &pom_text);
            if let Some(jar) = &built_jar {
                let ext = jar.rsplit('.').next().unwrap_or("jar");
                let dest = format!("{base}/{a}-{}.{ext}", pom.version);
                log.info(&format!("Installing {jar} to {dest}"));
                if let Ok(bytes) = sh.fs().read(jar) {
                    let meta = sh.meta(0o644);
                    let _ = sh.fs_mut().write(&dest, crate::vfs::Content::from_bytes(bytes), meta);
                }
            }
        }
        if at("deploy") {
            log.blank();
            log.info(&format!("--- deploy:3.1.2:deploy (default-deploy) @ {a} ---"));
            footer(&mut log, false, ms, now);
            let lines = vec![format!("Failed to execute goal org.apache.maven.plugins:maven-deploy-plugin:3.1.2:deploy (default-deploy) on project {a}: Deployment failed: repository element was not specified in the POM inside distributionManagement element or in -DaltDeploymentRepository=id::url parameter -> [Help 1]")];
            return maven_errors(sh, &mut log, &lines, Some("MojoExecutionException"));
        }
    }
    footer(&mut log, true, ms, now);
    sh.out_str(&log.text)?;
    Ok(0)
}

/// `path` relative to `dir`.
pub(super) fn rel_to(path: &str, dir: &str) -> String {
    path.strip_prefix(&format!("{dir}/")).unwrap_or(path).to_string()
}

/// The dependencies' jars land in the local repository (what `RUN mvn
/// dependency:go-offline` caches in its layer).
fn fetch_jars(sh: &mut Shell, m2: &str, jars: &[(String, String, String, u64)]) {
    for (g, a, v, size) in jars {
        let dir = format!("{m2}/{}/{a}/{v}", g.replace('.', "/"));
        let jar = format!("{dir}/{a}-{v}.jar");
        if sh.fs().exists(&jar) {
            continue;
        }
        let meta = sh.meta(0o755);
        let _ = sh.fs_mut().mkdir_all(&dir, meta);
        let meta = sh.meta(0o644);
        let _ = sh.fs_mut().write(&jar, crate::vfs::Content::Generated { size: *size, seed: seed_of(&jar) }, meta);
        write_text(
            sh,
            &format!("{dir}/{a}-{v}.pom"),
            &format!("<project><groupId>{g}</groupId><artifactId>{a}</artifactId><version>{v}</version></project>\n"),
        );
    }
}

fn seed_of(s: &str) -> u64 {
    let d = crate::digest::sha256_hex(s.as_bytes());
    u64::from_str_radix(&d[..16], 16).unwrap_or(0)
}

fn copy_resources(sh: &mut Shell, log: &mut Log, resources: &[(String, String)], dir: &str, pom: &Pom) {
    let res_dir = crate::vfs::join(dir, "src/main/resources");
    if !sh.fs().exists(&res_dir) {
        log.info(&format!("skip non existing resourceDirectory {res_dir}"));
        return;
    }
    let classes = crate::vfs::join(dir, "target/classes");
    for (p, t) in resources {
        let rel = p.strip_prefix(&format!("{res_dir}/")).unwrap_or(p);
        write_text(sh, &crate::vfs::join(&classes, rel), t);
    }
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    if pom.boot.is_some() {
        // Spring Boot's parent filters application*.properties/yml and copies the rest as is.
        let app = resources.iter().filter(|(p, _)| p.rsplit('/').next().is_some_and(|n| n.starts_with("application"))).count();
        log.info(&format!("Copying {app} resource{} from src/main/resources to target/classes", plural(app)));
        let other = resources.len() - app;
        log.info(&format!("Copying {other} resource{} from src/main/resources to target/classes", plural(other)));
    } else {
        let n = resources.len();
        log.info(&format!("Copying {n} resource{} from src/main/resources to target/classes", plural(n)));
    }
}

/// Surefire's report: each test class and its `@Test` methods, all passing.
fn run_tests(log: &mut Log, tests: &[(String, String)]) {
    let dash = "-------------------------------------------------------";
    log.info(dash);
    log.info(" T E S T S");
    log.info(dash);
    let mut total = 0;
    for (p, t) in tests {
        let n = t.matches("@Test").count();
        if n == 0 {
            continue;
        }
        total += n;
        let stripped = java_source::strip_comments(t);
        let class = p.rsplit('/').next().unwrap_or("").trim_end_matches(".java");
        let fqn = stripped
            .lines()
            .find_map(|l| l.trim().strip_prefix("package ").map(|x| format!("{}.{class}", x.trim_end_matches(';').trim())))
            .unwrap_or_else(|| class.to_string());
        log.info(&format!("Running {fqn}"));
        log.info(&format!("Tests run: {n}, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 1.234 s -- in {fqn}"));
    }
    log.blank();
    log.info("Results:");
    log.blank();
    log.info(&format!("Tests run: {total}, Failures: 0, Errors: 0, Skipped: 0"));
    log.blank();
}
