//! `docker login` and `docker logout`: credentials in
//! `~/.docker/config.json` (base64 `user:password`, as the file store keeps
//! them), asked for on the terminal when flags do not give them.

use super::flags::{self, b, v, Flag};
use super::registry::{self, INDEX_SERVER};
use super::{arg_error, flag_error, Out};
use crate::engine::Question;
use crate::Engine;

const REGISTER_SUGGEST: &str = "Log in with your Docker ID or email address to push and pull images from Docker Hub. If you don't have a Docker ID, head over to https://hub.docker.com/ to create one.";
const PAT_SUGGEST: &str = "You can log in with your password or a Personal Access Token (PAT). Using a limited-scope PAT grants better security and is required for organizations using SSO. Learn more at https://docs.docker.com/go/access-tokens/";

/// `https://index.docker.io/v1/` for Docker Hub, else the host[:port].
fn server_key(arg: Option<&String>) -> String {
    match arg.map(String::as_str) {
        None | Some("") | Some("docker.io") | Some("index.docker.io") => INDEX_SERVER.to_string(),
        Some(s) if s.trim_end_matches('/') == INDEX_SERVER.trim_end_matches('/') => INDEX_SERVER.to_string(),
        Some(s) => {
            let s = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://")).unwrap_or(s);
            s.split('/').next().unwrap_or(s).to_string()
        }
    }
}

fn domain_of(key: &str) -> &str {
    if key == INDEX_SERVER {
        "docker.io"
    } else {
        key
    }
}

/// The CLI's `Info →` note on stderr.
fn note(engine: &Engine, text: &str, out: &mut Out) {
    let header = if engine.host.stderr_tty { "i Info → " } else { " Info -> " };
    let mut s = format!("\n{header}");
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            s.push_str("         ");
        }
        s.push_str(line);
        s.push('\n');
    }
    out.err(s);
}

pub fn login(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    const FLAGS: &[Flag] = &[v("username", Some('u')), v("password", Some('p')), b("password-stdin", None)];
    let p = match flags::parse(FLAGS, args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("login", &e, out),
    };
    if p.args.len() > 1 {
        return arg_error(
            "login",
            "at most 1 argument",
            "[OPTIONS] [SERVER]",
            "Authenticate to a registry.\nDefaults to Docker Hub if no server is specified.",
            out,
        );
    }
    let error = |msg: &str, out: &mut Out| {
        out.eline(msg);
        1
    };
    if p.on("password-stdin") {
        if p.given("password") {
            return error("conflicting options: cannot specify both --password and --password-stdin", out);
        }
        if !p.given("username") {
            return error("the --password-stdin option requires --username to be set", out);
        }
    }
    let mut user = p.value("username").unwrap_or("").trim().to_string();
    let mut password = p.value("password").unwrap_or("").to_string();
    if p.given("username") && user.is_empty() {
        return error("username is empty", out);
    }
    if p.given("password") && password.is_empty() {
        return error("password is empty", out);
    }
    if !password.is_empty() {
        out.eline("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
    }
    let piped = !engine.host.stdin.is_empty();
    if p.on("password-stdin") {
        let text = String::from_utf8_lossy(&std::mem::take(&mut engine.host.stdin)).into_owned();
        password = text.strip_suffix('\n').unwrap_or(&text).to_string();
        password = password.strip_suffix('\r').unwrap_or(&password).to_string();
    }
    let key = server_key(p.args.first());
    if user.is_empty() && password.is_empty() {
        if let Some((stored_user, stored_pass)) = registry::logged_in(engine, &key) {
            out.err(format!("Authenticating with existing credentials... [Username: {stored_user}]\n"));
            note(engine, "To login with a different account, run 'docker logout' followed by 'docker login'", out);
            out.err("\n\n");
            return finish(engine, &key, &stored_user, &stored_pass, out);
        }
    }
    let tty = !piped && !p.on("password-stdin") && engine.host.stderr_tty;
    if (user.is_empty() || password.is_empty()) && !tty {
        return error("Error: Cannot perform an interactive login from a non TTY device", out);
    }
    if key == INDEX_SERVER && user.is_empty() && password.is_empty() {
        out.eline("dockersim: Docker Hub's web-based login (a device code confirmed in a browser) is not simulated; log in with `docker login -u USERNAME`");
        return 1;
    }
    if user.is_empty() {
        if key == INDEX_SERVER {
            out.line(REGISTER_SUGGEST);
            out.line(PAT_SUGGEST);
            out.line("");
        }
        engine.question = Some(Question::Username { server: key });
        return 0;
    }
    if password.is_empty() {
        ask_password(engine, key, std::mem::take(&mut user), out);
        return 0;
    }
    finish(engine, &key, &user, &password, out)
}

fn ask_password(engine: &mut Engine, server: String, user: String, out: &mut Out) {
    if server == INDEX_SERVER {
        note(engine, "A Personal Access Token (PAT) can be used instead.\nTo create a PAT, visit https://app.docker.com/settings\n\n", out);
    }
    engine.question = Some(Question::Password { server, user });
}

/// The line typed after `Username: ` or `Password: `.
pub fn answer(engine: &mut Engine, question: Question, line: &str, out: &mut Out) -> i32 {
    match question {
        Question::Username { server } => {
            let user = line.trim().to_string();
            if user.is_empty() {
                out.eline("Error: Non-null Username Required");
                return 1;
            }
            ask_password(engine, server, user, out);
            0
        }
        Question::Password { server, user } => {
            out.line("");
            let password = line.trim();
            if password.is_empty() {
                out.eline("Error: Password Required");
                return 1;
            }
            finish(engine, &server, &user, password, out)
        }
        Question::Confirm(_) | Question::Init(_) => 0,
    }
}

/// Logs in (any credentials are accepted; a local registry must be running)
/// and stores the credentials.
fn finish(engine: &mut Engine, key: &str, user: &str, password: &str, out: &mut Out) -> i32 {
    if let Err(e) = engine.daemon.registry_store(domain_of(key)) {
        out.eline(format!("Error response from daemon: {e}"));
        return 1;
    }
    if registry::store_auth(engine, key, Some((user, password))) {
        let path = registry::config_path(engine);
        out.err(format!(
            "\nWARNING! Your credentials are stored unencrypted in '{path}'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\n"
        ));
    }
    out.line("Login Succeeded");
    0
}

pub fn logout(engine: &mut Engine, args: &[String], out: &mut Out) -> i32 {
    let p = match flags::parse(&[], args, true) {
        Ok(p) => p,
        Err(e) => return flag_error("logout", &e, out),
    };
    if p.args.len() > 1 {
        return arg_error(
            "logout",
            "at most 1 argument",
            "[SERVER]",
            "Log out from a registry.\nIf no server is specified, the default is defined by the daemon.",
            out,
        );
    }
    let key = server_key(p.args.first());
    out.line(format!("Removing login credentials for {key}"));
    registry::store_auth(engine, &key, None);
    0
}
