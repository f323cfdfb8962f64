//! What is inside the jars the simulated build tools make, and how the JVM
//! finds a program: `java -jar`, a class path of directories and jars
//! (`app:app/lib/*`), Spring Boot's `JarLauncher` in an exploded jar;
//! `jar -xf`/`-tf` and Spring Boot's `-Djarmode=layertools … extract`
//! write or list the entries.

use super::toolchains::Behaviour;
use crate::vfs::{Content, Fs, Meta, Node};

/// A class file's first bytes.
pub const CLASS: &[u8] = &[0xca, 0xfe, 0xba, 0xbe];

/// Spring Boot's launcher class (3.2 moved it into `launch`).
pub fn launcher(boot: &str) -> &'static str {
    if boot.starts_with("2.") || boot.starts_with("3.0") || boot.starts_with("3.1") {
        "org.springframework.boot.loader.JarLauncher"
    } else {
        "org.springframework.boot.loader.launch.JarLauncher"
    }
}

/// The manifest of a jar carrying `b`.
pub fn manifest(b: &Behaviour) -> String {
    let mut m = String::from("Manifest-Version: 1.0\n");
    let (name, version) = b.artifact.as_deref().and_then(|a| a.split_once(' ')).unwrap_or(("app", ""));
    m.push_str(&format!("Implementation-Title: {name}\nImplementation-Version: {version}\n"));
    let boot = b
        .framework
        .as_deref()
        .and_then(|f| f.strip_prefix("spring-boot "))
        .filter(|_| b.entries.iter().any(|(p, _)| p.starts_with("BOOT-INF/")));
    match (boot, &b.main) {
        (Some(v), Some(main)) => m.push_str(&format!(
            "Main-Class: {}\nStart-Class: {main}\nSpring-Boot-Version: {v}\nSpring-Boot-Classes: BOOT-INF/classes/\nSpring-Boot-Lib: BOOT-INF/lib/\nSpring-Boot-Classpath-Index: BOOT-INF/classpath.idx\nSpring-Boot-Layers-Index: BOOT-INF/layers.idx\n",
            launcher(v)
        )),
        (None, Some(main)) if b.manifest => m.push_str(&format!("Main-Class: {main}\n")),
        _ => {}
    }
    m
}

/// The entries of a jar: its classes (`BOOT-INF/classes/` in Spring Boot's
/// fat jar, with the loader and the dependencies' jars) and resources.
pub fn entries(sources: &[(String, String)], resources: &[(String, u64)], deps: &[(String, u64)], boot: bool) -> Vec<(String, u64)> {
    let mut out = vec![("META-INF/MANIFEST.MF".to_string(), 0)];
    let prefix = if boot { "BOOT-INF/classes/" } else { "" };
    if boot {
        for c in ["JarLauncher", "Launcher", "LaunchedClassLoader", "ExecutableArchiveLauncher"] {
            out.push((format!("org/springframework/boot/loader/launch/{c}.class"), 4_000));
        }
    }
    for (path, text) in sources {
        let stripped = super::java_source::strip_comments(text);
        let class = path.rsplit('/').next().unwrap_or("").trim_end_matches(".java");
        let pkg =
            stripped.lines().find_map(|l| l.trim().strip_prefix("package ").map(|p| p.trim_end_matches(';').trim().replace('.', "/")));
        let rel = match pkg {
            Some(p) if !p.is_empty() => format!("{p}/{class}.class"),
            _ => format!("{class}.class"),
        };
        out.push((format!("{prefix}{rel}"), 400 + text.len() as u64 / 2));
    }
    for (rel, size) in resources {
        out.push((format!("{prefix}{rel}"), *size));
    }
    if boot {
        for (jar, size) in deps {
            out.push((format!("BOOT-INF/lib/{jar}"), *size));
        }
        out.push(("BOOT-INF/classpath.idx".into(), 60 * deps.len() as u64));
        out.push(("BOOT-INF/layers.idx".into(), 130));
    }
    out
}

/// The bytes a jar with these entries takes.
pub fn size(entries: &[(String, u64)]) -> usize {
    entries.iter().map(|(p, s)| 80 + p.len() as u64 + s).sum::<u64>() as usize
}

fn write_file(fs: &mut Fs, path: &str, content: Content, meta: &Meta) {
    if let Some(i) = path.rfind('/').filter(|&i| i > 0) {
        let mut d = meta.clone();
        d.mode = 0o755;
        let _ = fs.mkdir_all(&path[..i], d);
    }
    let _ = fs.write(path, content, meta.clone());
}

/// A class file carrying `b` (the main class) or nothing.
pub fn class_bytes(b: &Behaviour, size: u64) -> Vec<u8> {
    let mut bytes = CLASS.to_vec();
    bytes.resize(64, 0);
    bytes.extend_from_slice(b.encode("java").as_bytes());
    bytes.resize((size as usize).max(bytes.len()), 0);
    bytes
}

/// The bytes of one entry of the jar carrying `b`.
fn entry_content(b: &Behaviour, path: &str, size: u64) -> Content {
    if path == "META-INF/MANIFEST.MF" {
        return Content::from_bytes(manifest(b).into_bytes());
    }
    if let Some(class) = path.strip_suffix(".class") {
        let fqn = class.trim_start_matches("BOOT-INF/classes/").replace('/', ".");
        let program = if b.main.as_deref() == Some(fqn.as_str()) {
            Behaviour { manifest: false, entries: Vec::new(), ..b.clone() }
        } else {
            Behaviour::default()
        };
        return Content::from_bytes(class_bytes(&program, size));
    }
    let d = crate::digest::sha256_hex(format!("{}\0{path}", b.artifact.clone().unwrap_or_default()).as_bytes());
    Content::Generated { size, seed: u64::from_str_radix(&d[..16], 16).unwrap_or(0) }
}

/// `jar -xf`: every entry under `dest`.
pub fn extract(fs: &mut Fs, b: &Behaviour, dest: &str, meta: &Meta) {
    for (path, size) in &b.entries {
        write_file(fs, &crate::vfs::join(dest, path), entry_content(b, path, *size), meta);
    }
}

/// The layer an entry belongs to in Spring Boot's default layering.
fn layer(path: &str) -> &'static str {
    if path.starts_with("org/springframework/boot/loader/") {
        "spring-boot-loader"
    } else if path.starts_with("BOOT-INF/lib/") {
        if path.contains("-SNAPSHOT") {
            "snapshot-dependencies"
        } else {
            "dependencies"
        }
    } else {
        "application"
    }
}

/// `java -Djarmode=layertools -jar app.jar extract --destination DIR`: the
/// entries split into Spring Boot's four layers.
pub fn extract_layers(fs: &mut Fs, b: &Behaviour, dest: &str, meta: &Meta) {
    for l in ["dependencies", "spring-boot-loader", "snapshot-dependencies", "application"] {
        let mut d = meta.clone();
        d.mode = 0o755;
        let _ = fs.mkdir_all(&crate::vfs::join(dest, l), d);
    }
    for (path, size) in &b.entries {
        let target = crate::vfs::join(&crate::vfs::join(dest, layer(path)), path);
        write_file(fs, &target, entry_content(b, path, *size), meta);
    }
}

fn decode(fs: &Fs, path: &str) -> Option<Behaviour> {
    match fs.get(path) {
        Ok(Node::File { content: Content::Bytes(b), .. }) => Behaviour::decode(b),
        _ => None,
    }
}

/// How `java ARGS` resolves its program: the behaviour and the file it came
/// from, or the JVM's error text and exit status.
pub fn resolve(fs: &Fs, cwd: &str, args: &[&str]) -> Result<(Behaviour, String), (String, i32)> {
    let abs = |p: &str| if p.starts_with('/') { p.to_string() } else { crate::vfs::join(cwd, p) };
    let mut cp: Vec<String> = vec![".".into()];
    let mut i = 0;
    while i < args.len() {
        match args[i] {
            "-cp" | "-classpath" | "--class-path" => {
                cp = args.get(i + 1).map(|c| c.split(':').map(str::to_string).collect()).unwrap_or_default();
                i += 2;
                continue;
            }
            "-jar" => {
                let Some(jar) = args.get(i + 1) else { return Err(("Error: -jar requires jar file specification\n".into(), 1)) };
                let path = abs(jar);
                if !fs.exists(&path) {
                    return Err((format!("Error: Unable to access jarfile {jar}\n"), 1));
                }
                return match decode(fs, &path) {
                    Some(b) if b.manifest => Ok((b, path)),
                    Some(_) => Err((format!("no main manifest attribute, in {jar}\n"), 1)),
                    None => Err((format!("Error: Invalid or corrupt jarfile {jar}\n"), 1)),
                };
            }
            a if a.starts_with('-') => {}
            name => return find_class(fs, &cp, name, &abs),
        }
        i += 1;
    }
    Err(("Usage: java [options] <mainclass> [args...]\n           (to execute a class)\n   or  java [options] -jar <jarfile> [args...]\n           (to execute a jar file)\n".into(), 1))
}

/// Class `name` on the class path (directories, jars, `dir/*`); Spring Boot's
/// JarLauncher runs the manifest's Start-Class from an exploded jar.
fn find_class(fs: &Fs, cp: &[String], name: &str, abs: &dyn Fn(&str) -> String) -> Result<(Behaviour, String), (String, i32)> {
    let launcher = matches!(name, "org.springframework.boot.loader.launch.JarLauncher" | "org.springframework.boot.loader.JarLauncher");
    let rel = format!("{}.class", name.replace('.', "/"));
    for entry in cp {
        if let Some(dir) = entry.strip_suffix("/*") {
            let dir = abs(dir);
            if let Ok(Node::Dir { entries, .. }) = fs.get(&dir) {
                for n in entries.keys().filter(|n| n.ends_with(".jar")) {
                    let p = crate::vfs::join(&dir, n);
                    if let Some(b) = decode(fs, &p).filter(|b| b.main.as_deref() == Some(name)) {
                        return Ok((b, p));
                    }
                }
            }
            continue;
        }
        let path = abs(entry);
        if entry.ends_with(".jar") {
            if let Some(b) = decode(fs, &path).filter(|b| b.main.as_deref() == Some(name) || (launcher && b.manifest)) {
                return Ok((b, path));
            }
            continue;
        }
        if launcher && fs.exists(&crate::vfs::join(&path, &rel)) {
            let manifest = fs
                .read(&crate::vfs::join(&path, "META-INF/MANIFEST.MF"))
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default();
            if let Some(start) = manifest.lines().find_map(|l| l.strip_prefix("Start-Class: ")) {
                let class = crate::vfs::join(&path, &format!("BOOT-INF/classes/{}.class", start.trim().replace('.', "/")));
                if let Some(b) = decode(fs, &class) {
                    return Ok((b, class));
                }
            }
        }
        let class = crate::vfs::join(&path, &rel);
        if let Some(b) = decode(fs, &class) {
            return Ok((b, class));
        }
    }
    Err((format!("Error: Could not find or load main class {name}\nCaused by: java.lang.ClassNotFoundException: {name}\n"), 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app() -> Behaviour {
        Behaviour {
            main: Some("hello.Application".into()),
            manifest: true,
            listen: Some(8080),
            framework: Some("spring-boot 3.2.0".into()),
            artifact: Some("demo 0.1.0".into()),
            entries: vec![
                ("META-INF/MANIFEST.MF".into(), 0),
                ("org/springframework/boot/loader/launch/JarLauncher.class".into(), 5000),
                ("BOOT-INF/classes/hello/Application.class".into(), 900),
                ("BOOT-INF/lib/spring-web-6.1.1.jar".into(), 2_000_000),
            ],
            ..Behaviour::default()
        }
    }

    #[test]
    fn an_exploded_boot_jar_runs_through_jarlauncher() {
        let mut fs = Fs::new();
        let meta = Meta::new(0o644, 0);
        extract(&mut fs, &app(), "/app", &meta);
        let (b, path) = resolve(&fs, "/app", &["org.springframework.boot.loader.launch.JarLauncher"]).expect("resolves");
        assert_eq!(path, "/app/BOOT-INF/classes/hello/Application.class");
        assert_eq!(b.listen, Some(8080));
        assert!(String::from_utf8_lossy(&fs.read("/app/META-INF/MANIFEST.MF").unwrap()).contains("Start-Class: hello.Application"));
    }

    #[test]
    fn layers_split_dependencies_loader_and_application() {
        let mut fs = Fs::new();
        extract_layers(&mut fs, &app(), "/x", &Meta::new(0o644, 0));
        assert!(fs.exists("/x/dependencies/BOOT-INF/lib/spring-web-6.1.1.jar"));
        assert!(fs.exists("/x/spring-boot-loader/org/springframework/boot/loader/launch/JarLauncher.class"));
        assert!(fs.exists("/x/application/BOOT-INF/classes/hello/Application.class"));
        assert!(fs.exists("/x/snapshot-dependencies"));
    }

    #[test]
    fn missing_classes_get_the_jvm_error() {
        let fs = Fs::new();
        let e = resolve(&fs, "/", &["-cp", "app:app/lib/*", "hello.Application"]).unwrap_err();
        assert!(e.0.starts_with("Error: Could not find or load main class hello.Application"));
    }
}
