//! `docker init`'s platforms as data: each is its templates (`templates/DIR/`),
//! its questions and the values its templates take from the project. Where
//! each template's text was checked is in `templates/SOURCES.md`.

use super::{Ask, Check, Project, Step};

/// A platform's templates: .dockerignore, Dockerfile, compose.yaml.
pub(super) struct Templates {
    pub dockerignore: &'static str,
    pub dockerfile: &'static str,
    pub compose: &'static str,
}

/// What README.Docker.md ends with.
pub(super) enum Readme {
    /// The shared template, its References naming this guide (a final newline).
    Guide(&'static str, &'static str),
    /// The shared text up to "building and pushing.", then this tail (no final newline).
    Tail(&'static str),
}

/// Values a platform's templates take (`{{NAME}}`, value).
pub(super) type Vars = Vec<(&'static str, String)>;

/// An answer by its question's key.
pub(super) type Answer<'a> = &'a dyn Fn(&str) -> String;

/// One platform of the menu.
pub(super) struct Platform {
    /// The menu's name (`templates/platforms.txt`).
    pub name: &'static str,
    pub templates: Templates,
    pub readme: Readme,
    /// The questions, or why the wizard stops for this project.
    pub asks: fn(&Project<'_>) -> Result<Vec<Ask>, Step>,
    /// Values the templates take from the project and the answers.
    pub vars: fn(&Project<'_>, Answer<'_>) -> Vars,
    /// Warnings printed after the files are written.
    pub notes: fn(&Project<'_>) -> String,
}

macro_rules! templates {
    ($dir:literal) => {
        Templates {
            dockerignore: include_str!(concat!("templates/", $dir, "/dockerignore")),
            dockerfile: include_str!(concat!("templates/", $dir, "/Dockerfile")),
            compose: include_str!(concat!("templates/", $dir, "/compose.yaml")),
        }
    };
}

/// The simulated platforms (the menu's others say they are not simulated).
pub(super) const PLATFORMS: &[Platform] = &[
    Platform {
        name: "Go",
        templates: templates!("go"),
        readme: Readme::Tail("\n\n### References\n* [Docker's Go guide](https://docs.docker.com/language/golang/)"),
        asks: go_asks,
        vars: no_vars,
        notes: go_notes,
    },
    Platform {
        name: "Python",
        templates: templates!("python"),
        readme: Readme::Guide("Docker's Python guide", "https://docs.docker.com/language/python/"),
        asks: python_asks,
        vars: no_vars,
        notes: no_notes,
    },
    Platform {
        name: "Node",
        templates: templates!("node"),
        readme: Readme::Guide("Docker's Node.js guide", "https://docs.docker.com/language/nodejs/"),
        asks: node_asks,
        vars: no_vars,
        notes: no_notes,
    },
    Platform {
        name: "Rust",
        templates: templates!("rust"),
        readme: Readme::Tail("\n\n### References\n* [Docker's Rust guide](https://docs.docker.com/language/rust/)"),
        asks: rust_asks,
        vars: rust_vars,
        notes: no_notes,
    },
    Platform {
        name: "ASP.NET Core",
        templates: templates!("dotnet"),
        readme: Readme::Tail(
            "\n\n### References\n* [Docker's .NET guide](https://docs.docker.com/language/dotnet/)\n* The [dotnet-docker](https://github.com/dotnet/dotnet-docker/tree/main/samples)\n  repository has many relevant samples and docs.",
        ),
        asks: dotnet_asks,
        vars: dotnet_vars,
        notes: no_notes,
    },
    Platform {
        name: "PHP with Apache",
        templates: templates!("php"),
        readme: Readme::Guide("Docker's PHP guide", "https://docs.docker.com/language/php/"),
        asks: php_asks,
        vars: no_vars,
        notes: no_notes,
    },
    Platform {
        name: "Java",
        templates: templates!("java"),
        readme: Readme::Tail(""),
        asks: java_asks,
        vars: no_vars,
        notes: no_notes,
    },
];

fn ask(key: &'static str, text: &str, default: &str) -> Ask {
    Ask { key, text: text.into(), default: default.into(), choices: Vec::new(), check: Check::None }
}

fn port(text: &str, default: &str) -> Ask {
    Ask { check: Check::Port, ..ask("PORT", text, default) }
}

fn no_vars(_: &Project<'_>, _: Answer<'_>) -> Vars {
    Vec::new()
}

fn no_notes(_: &Project<'_>) -> String {
    String::new()
}

/// The value of the first line of `text` that starts with `key` (after spaces).
fn line_value(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|l| l.trim().strip_prefix(key).map(|v| v.trim().to_string())).filter(|v| !v.is_empty())
}

/// The text between `<tag>` and `</tag>`.
fn xml_value(text: &str, tag: &str) -> Option<String> {
    let start = text.find(&format!("<{tag}>"))? + tag.len() + 2;
    let end = text[start..].find(&format!("</{tag}>"))? + start;
    Some(text[start..end].trim().to_string()).filter(|v| !v.is_empty())
}

fn python_asks(_p: &Project<'_>) -> Result<Vec<Ask>, Step> {
    Ok(vec![
        ask("VERSION", "What version of Python do you want to use?", "3.12"),
        port("What port do you want your app to listen on?", "8000"),
        ask("COMMAND", "What is the command to run your app?", ""),
    ])
}

fn php_asks(p: &Project<'_>) -> Result<Vec<Ask>, Step> {
    if !p.names.iter().any(|n| n == "composer.json") {
        return Err(Step::End {
            text: String::new(),
            error: "dockersim: docker init's PHP template for a project without composer.json is not simulated\n".into(),
            status: 1,
        });
    }
    Ok(vec![
        ask("VERSION", "What version of PHP do you want to use?", "8.2"),
        ask("DIR", "Please enter the relative directory (with a leading .) for your app:", "./ (current directory)"),
        port("What port do you want to use to access your app?", "9000"),
    ])
}

fn node_asks(p: &Project<'_>) -> Result<Vec<Ask>, Step> {
    // The start command defaults to running package.json's "main".
    let main = (p.read)("package.json")
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|j| j.get("main").and_then(|m| m.as_str()).map(str::to_string))
        .unwrap_or_else(|| "index.js".into());
    Ok(vec![
        ask("VERSION", "What version of Node do you want to use?", "22.12.0"),
        Ask { check: Check::Manager, ..ask("MANAGER", "Which package manager do you want to use?", "npm") },
        ask("COMMAND", "What command do you want to use to start the app:", &format!("node {main}")),
        port("What port does your server listen on?", "3000"),
    ])
}

fn go_asks(p: &Project<'_>) -> Result<Vec<Ask>, Step> {
    // go.mod's `go` directive proposes the version.
    let version = (p.read)("go.mod").and_then(|t| line_value(&t, "go ")).unwrap_or_else(|| "1.23".into());
    Ok(vec![
        ask("VERSION", "What version of Go do you want to use?", &version),
        Ask { check: Check::RelDir, ..ask("DIR", "What's the relative directory (with a leading .) of your main package?", ".") },
        port("What port does your server listen on?", "8080"),
    ])
}

fn go_notes(p: &Project<'_>) -> String {
    if p.names.iter().any(|n| n == "go.mod") {
        return String::new();
    }
    "\n! Warning → No go.mod file was found but is required to build your application. Create it with: go mod init your-package-name.\n"
        .into()
}

fn rust_asks(_p: &Project<'_>) -> Result<Vec<Ask>, Step> {
    Ok(vec![ask("VERSION", "What version of Rust do you want to use?", "1.70.0"), port("What port does your server listen on?", "8000")])
}

fn rust_vars(p: &Project<'_>, _: Answer<'_>) -> Vars {
    // The binary is the package's name in Cargo.toml.
    let name = (p.read)("Cargo.toml")
        .and_then(|t| {
            let package = t.split("[package]").nth(1)?.split("\n[").next()?.to_string();
            line_value(&package, "name").map(|v| v.trim_start_matches('=').trim().trim_matches('"').to_string())
        })
        .unwrap_or_default();
    vec![("APP_NAME", name)]
}

fn java_asks(p: &Project<'_>) -> Result<Vec<Ask>, Step> {
    // pom.xml's java.version proposes the version.
    let version = (p.read)("pom.xml").and_then(|t| xml_value(&t, "java.version")).unwrap_or_else(|| "17".into());
    Ok(vec![
        Ask { check: Check::RelDir, ..ask("DIR", "What's the relative directory (with a leading .) for your app?", "./src") },
        ask("VERSION", "What version of Java do you want to use?", &version),
        port("What port does your server listen on?", "8080"),
    ])
}

/// The project files (`.csproj`) under the project, by path.
fn csprojs<'a>(p: &Project<'a>) -> Vec<&'a str> {
    p.paths.iter().map(String::as_str).filter(|f| f.ends_with(".csproj")).collect()
}

fn project_name(path: &str) -> &str {
    let file = path.rsplit('/').next().unwrap_or(path);
    file.strip_suffix(".csproj").unwrap_or(file)
}

fn dotnet_asks(p: &Project<'_>) -> Result<Vec<Ask>, Step> {
    let projects = csprojs(p);
    if projects.is_empty() {
        return Err(Step::End {
            text: String::new(),
            error: "dockersim: docker init's ASP.NET Core template for a project without a .csproj file is not simulated\n".into(),
            status: 1,
        });
    }
    // The first project's TargetFramework (netX.Y) proposes the version.
    let version = (p.read)(projects[0])
        .and_then(|t| xml_value(&t, "TargetFramework"))
        .and_then(|f| f.strip_prefix("net").map(str::to_string))
        .filter(|v| v.contains('.') && v.chars().all(|c| c.is_ascii_digit() || c == '.'))
        .unwrap_or_else(|| "8.0".into());
    Ok(vec![
        Ask {
            choices: projects.iter().map(|f| project_name(f).to_string()).collect(),
            ..ask("PROJECT", "What's the name of your solution's main project?", "")
        },
        ask("VERSION", "What version of .NET do you want to use?", &version),
        port("What local port do you want to use to access your server?", "8080"),
    ])
}

fn dotnet_vars(p: &Project<'_>, get: Answer<'_>) -> Vars {
    let name = get("PROJECT");
    let path = csprojs(p).into_iter().find(|f| project_name(f) == name).unwrap_or_default();
    let workdir = match path.rsplit_once('/') {
        Some((dir, _)) => format!("/source/{dir}"),
        None => "/source".into(),
    };
    vec![("APP_NAME", name), ("WORKDIR", workdir)]
}
