//! The wizard's questions and files, platform by platform.

use super::*;

fn project(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

#[test]
fn python_wizard_writes_the_four_files() {
    let names = project(&["app.py", "requirements.txt"]);
    let read = |_: &str| None;
    let p = Project { names: &names, paths: &[], read: &read };
    let (mut w, text) = Wizard::start(&p).unwrap();
    assert!(text.contains("> Python - (detected) suitable for a Python server application\n"));
    assert_eq!(w.prompt(), "? What application platform does your project use? ");
    assert_eq!(w.answer(&p, ""), Step::Ask(String::new()));
    assert_eq!(w.prompt(), "? What version of Python do you want to use? (3.12) ");
    w.answer(&p, "3.12");
    assert_eq!(w.answer(&p, "80000"), Step::Retry("dockersim: 80000 is not a port number (1-65535)\n".into()));
    w.answer(&p, "8000");
    assert_eq!(w.prompt(), "? What is the command to run your app? ");
    let Step::Done { files, .. } = w.answer(&p, "python3 -m uvicorn app:app --host=0.0.0.0 --port=8000") else { panic!() };
    assert_eq!(files.len(), 4);
    assert!(files[1].1.contains("ARG PYTHON_VERSION=3.12\n"));
    assert!(files[1].1.ends_with("CMD python3 -m uvicorn app:app --host=0.0.0.0 --port=8000\n"));
    assert!(files[2].1.contains("      - 8000:8000\n"));
}

#[test]
fn node_wizard_asks_for_npm() {
    let names = project(&["package.json", "package-lock.json"]);
    let read = |n: &str| (n == "package.json").then(|| "{\"main\": \"src/index.js\"}".to_string());
    let p = Project { names: &names, paths: &[], read: &read };
    let (mut w, _) = Wizard::start(&p).unwrap();
    w.answer(&p, "node");
    w.answer(&p, "18.20.5");
    assert!(matches!(w.answer(&p, "yarn"), Step::Retry(_)));
    w.answer(&p, "");
    assert_eq!(w.prompt(), "? What command do you want to use to start the app: (node src/index.js) ");
    w.answer(&p, "node src/index.js");
    let Step::Done { files, .. } = w.answer(&p, "3000") else { panic!() };
    assert!(files[1].1.contains("ARG NODE_VERSION=18.20.5\n"));
    assert!(files[2].1.contains("      NODE_ENV: production\n    ports:\n      - 3000:3000\n"));
}

#[test]
fn php_wizard_copies_the_app_directory() {
    let names = project(&["composer.json", "composer.lock", "src"]);
    let read = |_: &str| None;
    let p = Project { names: &names, paths: &[], read: &read };
    let (mut w, text) = Wizard::start(&p).unwrap();
    assert!(text.contains("> PHP with Apache - (detected) suitable for a PHP web application\n"));
    for line in ["", "8.2", "./src"] {
        w.answer(&p, line);
    }
    let Step::Done { files, text } = w.answer(&p, "9000") else { panic!() };
    assert!(files[1].1.contains("FROM php:8.2-apache as final\n"));
    assert!(files[1].1.contains("COPY ./src /var/www/html\n"));
    assert!(files[2].1.contains("      - 9000:80\n"));
    assert!(text.ends_with("http://localhost:9000\n"));
}

#[test]
fn other_says_it_is_not_simulated() {
    let names = project(&["main.c"]);
    let read = |_: &str| None;
    let p = Project { names: &names, paths: &[], read: &read };
    let (mut w, _) = Wizard::start(&p).unwrap();
    let Step::End { status, error, .. } = w.answer(&p, "Other") else { panic!() };
    assert_eq!(status, 1);
    assert_eq!(error, "dockersim: docker init for the Other platform is not simulated\n");
}

/// Answers every question with its line; the last answer's step.
fn run(p: &Project<'_>, w: &mut Wizard, lines: &[&str]) -> Step {
    let mut last = Step::Ask(String::new());
    for line in lines {
        last = w.answer(p, line);
    }
    last
}

fn done(step: Step) -> (String, Vec<(String, String)>) {
    match step {
        Step::Done { text, files } => (text, files),
        other => panic!("not done: {other:?}"),
    }
}

#[test]
fn go_wizard_proposes_go_mod_version_and_checks_the_directory() {
    let names = project(&["go.mod", "go.sum", "main.go"]);
    let read = |n: &str| (n == "go.mod").then(|| "module example.com/x\n\ngo 1.22.4\n".to_string());
    let p = Project { names: &names, paths: &names, read: &read };
    let (mut w, text) = Wizard::start(&p).unwrap();
    assert!(text.contains("> Go - (detected) suitable for a Go server application\n"));
    w.answer(&p, "");
    assert_eq!(w.prompt(), "? What version of Go do you want to use? (1.22.4) ");
    w.answer(&p, "");
    assert_eq!(w.prompt(), "? What's the relative directory (with a leading .) of your main package? (.) ");
    for bad in ["cmd", "./..", "../x"] {
        let Step::Retry(e) = w.answer(&p, bad) else { panic!("{bad} taken") };
        assert!(e.starts_with("X Sorry, your reply was invalid: you must specify a relative path"));
    }
    w.answer(&p, "");
    assert_eq!(w.prompt(), "? What port does your server listen on? (8080) ");
    let (text, files) = done(w.answer(&p, "6000"));
    assert!(!text.contains("Warning"));
    // The size of a public, unedited docker init output for these answers (1.22.4, ., 6000).
    assert_eq!(files[1].1.len(), 3127);
    assert!(files[1].1.contains("ARG GO_VERSION=1.22.4\n"));
    assert!(files[1].1.contains("go build -o /bin/server .\n"));
    assert!(files[2].1.contains("      target: final\n    ports:\n      - 6000:6000\n"));
    assert!(files[3].1.ends_with("* [Docker's Go guide](https://docs.docker.com/language/golang/)"));
}

#[test]
fn go_wizard_warns_without_go_mod() {
    let names = project(&["main.go"]);
    let read = |_: &str| None;
    let p = Project { names: &names, paths: &names, read: &read };
    let (mut w, _) = Wizard::start(&p).unwrap();
    let (text, files) = done(run(&p, &mut w, &["Go", "1.23.4", "./cmd/server", "8000"]));
    assert!(text.contains("generated files.\n\n! Warning → No go.mod file was found but is required to build your application. Create it with: go mod init your-package-name.\n\nWhat's next?"));
    assert!(files[1].1.contains("go build -o /bin/server ./cmd/server\n"));
}

#[test]
fn rust_wizard_names_the_binary_after_the_package() {
    let names = project(&["Cargo.toml", "Cargo.lock", "src"]);
    let read = |n: &str| {
        (n == "Cargo.toml")
            .then(|| "[package]\nname = \"docker-rust-hello\"\nversion = \"0.1.0\"\n\n[dependencies]\nrocket = \"0.5\"\n".to_string())
    };
    let p = Project { names: &names, paths: &names, read: &read };
    let (mut w, _) = Wizard::start(&p).unwrap();
    w.answer(&p, "");
    assert_eq!(w.prompt(), "? What version of Rust do you want to use? (1.70.0) ");
    w.answer(&p, "1.70.0");
    assert_eq!(w.prompt(), "? What port does your server listen on? (8000) ");
    let (_, files) = done(w.answer(&p, ""));
    assert!(files[1].1.contains("ARG RUST_VERSION=1.70.0\nARG APP_NAME=docker-rust-hello\n"));
    assert!(files[1].1.contains("FROM rust:${RUST_VERSION}-alpine AS build\n"));
    assert!(files[1].1.contains("EXPOSE 8000\n"));
    assert!(files[2].1.contains("      - 8000:8000\n"));
}

#[test]
fn java_wizard_overwrites_an_existing_compose_file() {
    let names = project(&["docker-compose.yml", "mvnw", "pom.xml", "src"]);
    let read =
        |n: &str| (n == "pom.xml").then(|| "<project><properties><java.version>21</java.version></properties></project>".to_string());
    let p = Project { names: &names, paths: &names, read: &read };
    let (mut w, text) = Wizard::start(&p).unwrap();
    assert!(text.ends_with("! Warning → The following Docker files already exist in this directory:\n  - docker-compose.yml\n"));
    assert_eq!(w.prompt(), "? Do you want to overwrite them? (y/N) ");
    assert!(matches!(w.answer(&p, "maybe"), Step::Retry(_)));
    let Step::Ask(menu) = w.answer(&p, "y") else { panic!() };
    assert!(menu.contains("> Java - (detected) suitable for a Java application"));
    w.answer(&p, "");
    assert_eq!(w.prompt(), "? What's the relative directory (with a leading .) for your app? (./src) ");
    w.answer(&p, "");
    assert_eq!(w.prompt(), "? What version of Java do you want to use? (21) ");
    w.answer(&p, "");
    let (text, files) = done(w.answer(&p, "8080"));
    assert!(text.contains("✔ Created → docker-compose.yml\n"));
    assert_eq!(files[2].0, "docker-compose.yml");
    assert!(files[1].1.contains("FROM eclipse-temurin:21-jdk-jammy as deps\n"));
    assert!(files[1].1.contains("COPY ./src src/\n"));
    assert!(files[1].1.contains("FROM eclipse-temurin:21-jre-jammy AS final\n"));
    assert!(files[0].1.contains("**/target\n"));
    assert!(files[3].1.ends_with("docs for more detail on building and pushing."));
}

#[test]
fn keeping_existing_files_stops_the_wizard() {
    let names = project(&["Dockerfile", "go.mod"]);
    let read = |_: &str| None;
    let p = Project { names: &names, paths: &names, read: &read };
    let (mut w, _) = Wizard::start(&p).unwrap();
    assert!(matches!(w.answer(&p, ""), Step::End { status: 1, .. }));
}

#[test]
fn dotnet_wizard_picks_the_project_and_its_target_framework() {
    let names = project(&["README.md", "src"]);
    let paths = project(&["README.md", "src/Program.cs", "src/myWebApp.csproj"]);
    let read = |n: &str| {
        (n == "src/myWebApp.csproj")
            .then(|| "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>\n  </PropertyGroup>\n</Project>".to_string())
    };
    let p = Project { names: &names, paths: &paths, read: &read };
    let (mut w, _) = Wizard::start(&p).unwrap();
    let Step::Ask(list) = w.answer(&p, "ASP.NET Core") else { panic!() };
    assert_eq!(list, "? What's the name of your solution's main project?  [Use arrows to move, type to filter]\n> myWebApp\n");
    assert_eq!(w.prompt(), "? What's the name of your solution's main project? ");
    w.answer(&p, "");
    assert_eq!(w.prompt(), "? What version of .NET do you want to use? (8.0) ");
    w.answer(&p, "");
    assert_eq!(w.prompt(), "? What local port do you want to use to access your server? (8080) ");
    let (_, files) = done(w.answer(&p, ""));
    assert!(files[1].1.contains("sdk:8.0-alpine AS build\n\nCOPY . /source\n\nWORKDIR /source/src\n"));
    assert!(files[1].1.contains("FROM mcr.microsoft.com/dotnet/aspnet:8.0-alpine AS final\n"));
    assert!(files[1].1.ends_with("USER $APP_UID\n\nENTRYPOINT [\"dotnet\", \"myWebApp.dll\"]\n"));
    assert!(files[2].1.contains("      target: final\n    ports:\n      - 8080:8080\n"));
    assert!(files[3].1.ends_with("  repository has many relevant samples and docs."));
}

#[test]
fn dotnet_without_a_project_file_is_not_simulated() {
    let names = project(&["Program.cs"]);
    let read = |_: &str| None;
    let p = Project { names: &names, paths: &names, read: &read };
    let (mut w, _) = Wizard::start(&p).unwrap();
    assert!(matches!(w.answer(&p, "ASP.NET Core"), Step::End { status: 1, .. }));
}
