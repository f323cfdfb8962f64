//! `docker init`: Docker's wizard that writes `.dockerignore`, `Dockerfile`,
//! `compose.yaml` and `README.Docker.md` for a project. The wizard is data
//! and answers: [`Wizard::start`] looks at the project's files, each
//! [`Wizard::prompt`] is the next question, [`Wizard::answer`] takes the
//! line typed for it. The files' text lives in `templates/` (Docker's own
//! templates, with `{{NAME}}` where the answers go). The terminal glue is
//! `cli/init.rs`.

const WELCOME: &str = include_str!("templates/welcome.txt");
const DONE: &str = include_str!("templates/done.txt");
const PLATFORMS: &str = include_str!("templates/platforms.txt");
const README: &str = include_str!("templates/README.Docker.md");

/// A platform's templates: .dockerignore, Dockerfile, compose.yaml; its guide.
struct Templates {
    dockerignore: &'static str,
    dockerfile: &'static str,
    compose: &'static str,
    guide: (&'static str, &'static str),
}

const PYTHON: Templates = Templates {
    dockerignore: include_str!("templates/python/dockerignore"),
    dockerfile: include_str!("templates/python/Dockerfile"),
    compose: include_str!("templates/python/compose.yaml"),
    guide: ("Docker's Python guide", "https://docs.docker.com/language/python/"),
};

const PHP: Templates = Templates {
    dockerignore: include_str!("templates/php/dockerignore"),
    dockerfile: include_str!("templates/php/Dockerfile"),
    compose: include_str!("templates/php/compose.yaml"),
    guide: ("Docker's PHP guide", "https://docs.docker.com/language/php/"),
};

const NODE: Templates = Templates {
    dockerignore: include_str!("templates/node/dockerignore"),
    dockerfile: include_str!("templates/node/Dockerfile"),
    compose: include_str!("templates/node/compose.yaml"),
    guide: ("Docker's Node.js guide", "https://docs.docker.com/language/nodejs/"),
};

/// The files `docker init` writes, in the order it reports them.
pub const FILES: [&str; 4] = [".dockerignore", "Dockerfile", "compose.yaml", "README.Docker.md"];

/// The platform question's extra choices after the platforms.
const EXTRA: [&str; 2] = ["Don't see something you need? Let us know!", "Quit"];

/// One question: its text and the answer taken when the line is empty.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Ask {
    key: &'static str,
    text: String,
    default: String,
}

/// A `docker init` in progress.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wizard {
    /// The platform the project's files suggest.
    detected: Option<String>,
    platform: Option<String>,
    asks: Vec<Ask>,
    answers: Vec<(&'static str, String)>,
}

/// What an answer led to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Printed text; the wizard asks its next question.
    Ask(String),
    /// An answer the wizard does not take (a `dockersim:` line for stderr); it asks again.
    Retry(String),
    /// Every question answered: what to print and the files to write.
    Done { text: String, files: Vec<(&'static str, String)> },
    /// The wizard ends with this status; `text` goes to stdout, `error` to stderr.
    End { text: String, error: String, status: i32 },
}

/// The project's facts the wizard reads.
pub struct Project<'a> {
    /// Names of the files in the project's top directory.
    pub names: &'a [String],
    /// The text of a top-level file.
    pub read: &'a dyn Fn(&str) -> Option<String>,
}

fn platforms() -> Vec<(&'static str, &'static str)> {
    PLATFORMS.lines().filter_map(|l| l.split_once('\t')).collect()
}

/// The platform a project's top-level files point to.
fn detect(p: &Project<'_>) -> Option<&'static str> {
    let has = |n: &str| p.names.iter().any(|x| x == n);
    let ends = |s: &str| p.names.iter().any(|x| x.ends_with(s));
    if has("go.mod") {
        Some("Go")
    } else if has("Cargo.toml") {
        Some("Rust")
    } else if has("package.json") {
        Some("Node")
    } else if has("pom.xml") {
        Some("Java")
    } else if ends(".csproj") || ends(".sln") {
        Some("ASP.NET Core")
    } else if has("composer.json") {
        Some("PHP with Apache")
    } else if has("requirements.txt") || has("pyproject.toml") || ends(".py") {
        Some("Python")
    } else {
        None
    }
}

fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut s = template.to_string();
    for (k, v) in vars {
        s = s.replace(&format!("{{{{{k}}}}}"), v);
    }
    s
}

impl Wizard {
    /// Starts the wizard in a project: the welcome text, or why it stops.
    pub fn start(p: &Project<'_>) -> Result<(Wizard, String), Step> {
        let existing: Vec<&str> = FILES.iter().copied().filter(|f| p.names.iter().any(|n| n == f)).collect();
        if !existing.is_empty() {
            return Err(Step::End {
                text: WELCOME.to_string(),
                error: format!(
                    "dockersim: docker init over existing Docker files ({}) is not simulated; remove them first\n",
                    existing.join(", ")
                ),
                status: 1,
            });
        }
        let w = Wizard { detected: detect(p).map(str::to_string), platform: None, asks: Vec::new(), answers: Vec::new() };
        let mut text = WELCOME.to_string();
        text.push_str(&w.menu());
        Ok((w, text))
    }

    /// The platform menu as the wizard shows it: the detected platform first.
    fn menu(&self) -> String {
        let mut s = String::from("? What application platform does your project use?  [Use arrows to move, type to filter]\n");
        for (i, (name, blurb)) in self.choices().iter().enumerate() {
            let mark = if i == 0 { "> " } else { "  " };
            if blurb.is_empty() {
                s.push_str(&format!("{mark}{name}\n"));
            } else if self.detected.as_deref() == Some(name) {
                s.push_str(&format!("{mark}{name} - (detected) {blurb}\n"));
            } else {
                s.push_str(&format!("{mark}{name} - {blurb}\n"));
            }
        }
        s
    }

    fn choices(&self) -> Vec<(&'static str, &'static str)> {
        let mut all = platforms();
        if let Some(i) = all.iter().position(|(n, _)| Some(*n) == self.detected.as_deref()) {
            let d = all.remove(i);
            all.insert(0, d);
        }
        all.extend(EXTRA.iter().map(|e| (*e, "")));
        all
    }

    /// The next question, as the prompt shows it.
    pub fn prompt(&self) -> String {
        match self.asks.get(self.answers.len()) {
            _ if self.platform.is_none() => "? What application platform does your project use? ".to_string(),
            Some(a) if a.default.is_empty() => format!("? {} ", a.text),
            Some(a) => format!("? {} ({}) ", a.text, a.default),
            None => String::new(),
        }
    }

    /// Takes the line typed at the prompt.
    pub fn answer(&mut self, p: &Project<'_>, line: &str) -> Step {
        let typed = line.trim();
        if self.platform.is_none() {
            let choices = self.choices();
            // Typing filters the list; Enter picks the first match (the top with no filter).
            let low = typed.to_ascii_lowercase();
            let Some((name, _)) = choices.iter().find(|(n, _)| n.to_ascii_lowercase().contains(&low)) else {
                return Step::Ask(String::new());
            };
            return match *name {
                "PHP with Apache" if !p.names.iter().any(|n| n == "composer.json") => Step::End {
                    text: String::new(),
                    error: "dockersim: docker init's PHP template for a project without composer.json is not simulated\n".into(),
                    status: 1,
                },
                "Python" | "Node" | "PHP with Apache" => {
                    self.platform = Some(name.to_string());
                    self.asks = match *name {
                        "Python" => python_asks(p),
                        "Node" => node_asks(p),
                        _ => php_asks(),
                    };
                    Step::Ask(String::new())
                }
                "Quit" => Step::End { text: String::new(), error: String::new(), status: 0 },
                other => Step::End {
                    text: String::new(),
                    error: format!(
                        "dockersim: docker init for the {other} platform is not simulated (Python, Node and PHP with Apache are)\n"
                    ),
                    status: 1,
                },
            };
        }
        let Some(ask) = self.asks.get(self.answers.len()).cloned() else {
            return Step::End { text: String::new(), error: String::new(), status: 0 };
        };
        let value = if typed.is_empty() { ask.default.clone() } else { typed.to_string() };
        if value.is_empty() {
            return Step::Ask(String::new());
        }
        if ask.key == "MANAGER" && value != "npm" {
            let error = match value.as_str() {
                "yarn" | "pnpm" => format!("dockersim: docker init's {value} templates are not simulated (npm's are)\n"),
                _ => format!("dockersim: {value} is not one of npm, yarn, pnpm\n"),
            };
            return Step::Retry(error);
        }
        if ask.key == "PORT" && value.parse::<u16>().map_or(true, |p| p == 0) {
            return Step::Retry(format!("dockersim: {value} is not a port number (1-65535)\n"));
        }
        self.answers.push((ask.key, value));
        if self.answers.len() < self.asks.len() {
            return Step::Ask(String::new());
        }
        self.finish()
    }

    fn get(&self, key: &str) -> &str {
        self.answers.iter().find(|(k, _)| *k == key).map_or("", |(_, v)| v.as_str())
    }

    fn finish(&self) -> Step {
        let t = match self.platform.as_deref() {
            Some("Node") => &NODE,
            Some("PHP with Apache") => &PHP,
            _ => &PYTHON,
        };
        // The app's directory: the current one as `.`.
        let dir = match self.get("DIR") {
            "./ (current directory)" | "./" | "." => ".",
            d => d,
        };
        let vars = [
            ("DIR", dir),
            ("VERSION", self.get("VERSION")),
            ("PORT", self.get("PORT")),
            ("COMMAND", self.get("COMMAND")),
            ("GUIDE", t.guide.0),
            ("GUIDE_URL", t.guide.1),
        ];
        let files = vec![
            (FILES[0], t.dockerignore.to_string()),
            (FILES[1], fill(t.dockerfile, &vars)),
            (FILES[2], fill(t.compose, &vars)),
            (FILES[3], fill(README, &vars)),
        ];
        Step::Done { text: fill(DONE, &vars), files }
    }
}

fn python_asks(_p: &Project<'_>) -> Vec<Ask> {
    vec![
        Ask { key: "VERSION", text: "What version of Python do you want to use?".into(), default: "3.12".into() },
        Ask { key: "PORT", text: "What port do you want your app to listen on?".into(), default: "8000".into() },
        Ask { key: "COMMAND", text: "What is the command to run your app?".into(), default: String::new() },
    ]
}

fn php_asks() -> Vec<Ask> {
    vec![
        Ask { key: "VERSION", text: "What version of PHP do you want to use?".into(), default: "8.2".into() },
        Ask {
            key: "DIR",
            text: "Please enter the relative directory (with a leading .) for your app:".into(),
            default: "./ (current directory)".into(),
        },
        Ask { key: "PORT", text: "What port do you want to use to access your app?".into(), default: "9000".into() },
    ]
}

fn node_asks(p: &Project<'_>) -> Vec<Ask> {
    // The start command defaults to running package.json's "main".
    let main = (p.read)("package.json")
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|j| j.get("main").and_then(|m| m.as_str()).map(str::to_string))
        .unwrap_or_else(|| "index.js".into());
    vec![
        Ask { key: "VERSION", text: "What version of Node do you want to use?".into(), default: "22.12.0".into() },
        Ask { key: "MANAGER", text: "Which package manager do you want to use?".into(), default: "npm".into() },
        Ask { key: "COMMAND", text: "What command do you want to use to start the app:".into(), default: format!("node {main}") },
        Ask { key: "PORT", text: "What port does your server listen on?".into(), default: "3000".into() },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn python_wizard_writes_the_four_files() {
        let names = project(&["app.py", "requirements.txt"]);
        let read = |_: &str| None;
        let p = Project { names: &names, read: &read };
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
        let p = Project { names: &names, read: &read };
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
        let p = Project { names: &names, read: &read };
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
    fn other_platforms_say_they_are_not_simulated() {
        let names = project(&["go.mod"]);
        let read = |_: &str| None;
        let p = Project { names: &names, read: &read };
        let (mut w, text) = Wizard::start(&p).unwrap();
        assert!(text.contains("> Go - (detected)"));
        assert!(matches!(w.answer(&p, ""), Step::End { status: 1, .. }));
    }
}
