//! `docker init`: Docker's wizard that writes `.dockerignore`, `Dockerfile`,
//! `compose.yaml` and `README.Docker.md` for a project. The wizard is data
//! and answers: [`Wizard::start`] looks at the project's files, each
//! [`Wizard::prompt`] is the next question, [`Wizard::answer`] takes the
//! line typed for it. Each platform is a row of `platforms.rs` (its
//! questions and values) and a folder of `templates/` (Docker's own
//! templates, with `{{NAME}}` where the answers go). The terminal glue is
//! `cli/init.rs`.

mod platforms;

use platforms::{Platform, Readme, PLATFORMS};

const WELCOME: &str = include_str!("templates/welcome.txt");
const DONE: &str = include_str!("templates/done.txt");
const MENU: &str = include_str!("templates/platforms.txt");
const README: &str = include_str!("templates/README.Docker.md");

/// The files `docker init` writes, in the order it reports them.
pub const FILES: [&str; 4] = [".dockerignore", "Dockerfile", "compose.yaml", "README.Docker.md"];

/// The Docker files whose presence makes the wizard ask before overwriting, in its order.
const EXISTING: [&str; 7] =
    [".dockerignore", "Dockerfile", "compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml", "README.Docker.md"];

/// The platform question's extra choices after the platforms.
const EXTRA: [&str; 2] = ["Don't see something you need? Let us know!", "Quit"];

/// What an answer must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Check {
    None,
    /// A TCP port, 1-65535.
    Port,
    /// A relative path with a leading `.` inside the project.
    RelDir,
    /// npm (yarn's and pnpm's templates are not simulated).
    Manager,
}

/// One question: its text, the answer taken when the line is empty, and for
/// a select question its choices.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Ask {
    key: &'static str,
    text: String,
    default: String,
    choices: Vec<String>,
    check: Check,
}

/// A `docker init` in progress.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wizard {
    /// The platform the project's files suggest.
    detected: Option<String>,
    /// Existing Docker files not yet confirmed to be overwritten.
    confirm: bool,
    /// The name the Compose file is written under (an existing one's).
    compose: String,
    platform: Option<usize>,
    asks: Vec<Ask>,
    answers: Vec<(&'static str, String)>,
}

/// What an answer led to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Printed text; the wizard asks its next question.
    Ask(String),
    /// An answer the wizard does not take (a line for stderr); it asks again.
    Retry(String),
    /// Every question answered: what to print and the files to write.
    Done { text: String, files: Vec<(String, String)> },
    /// The wizard ends with this status; `text` goes to stdout, `error` to stderr.
    End { text: String, error: String, status: i32 },
}

/// The project's facts the wizard reads.
pub struct Project<'a> {
    /// Names of the files in the project's top directory.
    pub names: &'a [String],
    /// Paths of the project's files, relative to its top directory.
    pub paths: &'a [String],
    /// The text of a file, by relative path.
    pub read: &'a dyn Fn(&str) -> Option<String>,
}

fn menu_entries() -> Vec<(&'static str, &'static str)> {
    MENU.lines().filter_map(|l| l.split_once('\t')).collect()
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

/// The answer a select question takes: typing filters, Enter picks the first match.
fn pick<'c>(choices: &[&'c str], typed: &str) -> Option<&'c str> {
    let low = typed.to_ascii_lowercase();
    choices.iter().copied().find(|n| n.to_ascii_lowercase().contains(&low))
}

/// A select question's list: the first choice marked.
fn select(text: &str, choices: &[String]) -> String {
    let mut s = format!("? {text}  [Use arrows to move, type to filter]\n");
    for (i, c) in choices.iter().enumerate() {
        s.push_str(if i == 0 { "> " } else { "  " });
        s.push_str(c);
        s.push('\n');
    }
    s
}

/// Why an answer is refused, as survey prints it.
fn invalid(why: &str) -> String {
    format!("X Sorry, your reply was invalid: {why}\n")
}

impl Wizard {
    /// Starts the wizard in a project: the welcome text (and the platform
    /// menu, or the question whether to overwrite existing Docker files).
    pub fn start(p: &Project<'_>) -> Result<(Wizard, String), Step> {
        let existing: Vec<&str> = EXISTING.iter().copied().filter(|f| p.names.iter().any(|n| n == f)).collect();
        let compose = existing.iter().find(|f| f.contains("compose")).unwrap_or(&"compose.yaml").to_string();
        let w = Wizard {
            detected: detect(p).map(str::to_string),
            confirm: !existing.is_empty(),
            compose,
            platform: None,
            asks: Vec::new(),
            answers: Vec::new(),
        };
        let mut text = WELCOME.to_string();
        if existing.is_empty() {
            text.push_str(&w.menu());
        } else {
            text.push_str("! Warning → The following Docker files already exist in this directory:\n");
            for f in existing {
                text.push_str(&format!("  - {f}\n"));
            }
        }
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
        let mut all = menu_entries();
        if let Some(i) = all.iter().position(|(n, _)| Some(*n) == self.detected.as_deref()) {
            let d = all.remove(i);
            all.insert(0, d);
        }
        all.extend(EXTRA.iter().map(|e| (*e, "")));
        all
    }

    fn platform(&self) -> Option<&'static Platform> {
        self.platform.map(|i| &PLATFORMS[i])
    }

    /// The next question, as the prompt shows it.
    pub fn prompt(&self) -> String {
        if self.confirm {
            return "? Do you want to overwrite them? (y/N) ".to_string();
        }
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
        if self.confirm {
            return match typed.to_ascii_lowercase().as_str() {
                "y" | "yes" => {
                    self.confirm = false;
                    Step::Ask(self.menu())
                }
                "" | "n" | "no" => Step::End {
                    text: String::new(),
                    error: "dockersim: what docker init does when you keep the existing Docker files is not simulated\n".into(),
                    status: 1,
                },
                _ => Step::Retry(invalid(&format!("\"{typed}\" is not a valid answer, please try again."))),
            };
        }
        if self.platform.is_none() {
            return self.choose(p, typed);
        }
        let Some(ask) = self.asks.get(self.answers.len()).cloned() else {
            return Step::End { text: String::new(), error: String::new(), status: 0 };
        };
        let value = if !ask.choices.is_empty() {
            let choices: Vec<&str> = ask.choices.iter().map(String::as_str).collect();
            match pick(&choices, typed) {
                Some(c) => c.to_string(),
                None => return Step::Ask(String::new()),
            }
        } else if typed.is_empty() {
            ask.default.clone()
        } else {
            typed.to_string()
        };
        if value.is_empty() {
            return Step::Ask(String::new());
        }
        if let Some(error) = refuse(ask.check, &value) {
            return Step::Retry(error);
        }
        self.answers.push((ask.key, value));
        match self.asks.get(self.answers.len()) {
            Some(next) if !next.choices.is_empty() => Step::Ask(select(&next.text, &next.choices)),
            Some(_) => Step::Ask(String::new()),
            None => self.finish(p),
        }
    }

    /// The platform picked in the menu.
    fn choose(&mut self, p: &Project<'_>, typed: &str) -> Step {
        let choices = self.choices();
        let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
        let Some(name) = pick(&names, typed) else {
            return Step::Ask(String::new());
        };
        if name == "Quit" {
            return Step::End { text: String::new(), error: String::new(), status: 0 };
        }
        let Some(i) = PLATFORMS.iter().position(|pl| pl.name == name) else {
            let error = if name == EXTRA[0] {
                "dockersim: docker init's feedback link is not simulated\n".to_string()
            } else {
                format!("dockersim: docker init for the {name} platform is not simulated\n")
            };
            return Step::End { text: String::new(), error, status: 1 };
        };
        match (PLATFORMS[i].asks)(p) {
            Err(step) => step,
            Ok(asks) => {
                let text = asks.first().filter(|a| !a.choices.is_empty()).map_or(String::new(), |a| select(&a.text, &a.choices));
                self.platform = Some(i);
                self.asks = asks;
                Step::Ask(text)
            }
        }
    }

    fn get(&self, key: &str) -> String {
        self.answers.iter().find(|(k, _)| *k == key).map_or(String::new(), |(_, v)| v.clone())
    }

    fn finish(&self, p: &Project<'_>) -> Step {
        let Some(pl) = self.platform() else {
            return Step::End { text: String::new(), error: String::new(), status: 0 };
        };
        // The app's directory: the current one as `.`.
        let dir = match self.get("DIR").as_str() {
            "./ (current directory)" | "./" | "." => ".".to_string(),
            d => d.to_string(),
        };
        let derived = (pl.vars)(p, &|k| self.get(k));
        let (guide, guide_url) = match pl.readme {
            Readme::Guide(g, u) => (g, u),
            Readme::Tail(_) => ("", ""),
        };
        let names: Vec<String> = [FILES[0], FILES[1], self.compose.as_str(), FILES[3]].iter().map(|s| s.to_string()).collect();
        let created: String = names.iter().map(|n| format!("✔ Created → {n}\n")).collect();
        let notes = (pl.notes)(p);
        let (version, port, command) = (self.get("VERSION"), self.get("PORT"), self.get("COMMAND"));
        let mut vars: Vec<(&str, &str)> = vec![
            ("DIR", &dir),
            ("VERSION", &version),
            ("PORT", &port),
            ("COMMAND", &command),
            ("GUIDE", guide),
            ("GUIDE_URL", guide_url),
            ("CREATED", &created),
            ("NOTES", &notes),
        ];
        vars.extend(derived.iter().map(|(k, v)| (*k, v.as_str())));
        let readme = match pl.readme {
            Readme::Guide(..) => fill(README, &vars),
            Readme::Tail(tail) => {
                let head = README.split("\n\n### References").next().unwrap_or(README);
                fill(head, &vars) + tail
            }
        };
        let t = &pl.templates;
        let files = vec![
            (names[0].clone(), t.dockerignore.to_string()),
            (names[1].clone(), fill(t.dockerfile, &vars)),
            (names[2].clone(), fill(t.compose, &vars)),
            (names[3].clone(), readme),
        ];
        Step::Done { text: fill(DONE, &vars), files }
    }
}

/// Why an answer is not taken, or None.
fn refuse(check: Check, value: &str) -> Option<String> {
    match check {
        Check::None => None,
        Check::Port if value.parse::<u16>().map_or(true, |p| p == 0) => {
            Some(format!("dockersim: {value} is not a port number (1-65535)\n"))
        }
        Check::Port => None,
        Check::Manager => match value {
            "npm" => None,
            "yarn" | "pnpm" => Some(format!("dockersim: docker init's {value} templates are not simulated (npm's are)\n")),
            _ => Some(format!("dockersim: {value} is not one of npm, yarn, pnpm\n")),
        },
        Check::RelDir => {
            let escapes = value.split('/').filter(|c| !c.is_empty() && *c != ".").try_fold(0i32, |depth, c| {
                let d = if c == ".." { depth - 1 } else { depth + 1 };
                (d >= 0).then_some(d)
            });
            (!value.starts_with('.') || escapes.is_none()).then(|| {
                invalid("you must specify a relative path with a leading '.' that does not escape its parent directory (e.g. './example')")
            })
        }
    }
}

#[cfg(test)]
mod tests;
