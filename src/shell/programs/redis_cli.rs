//! `redis-cli`: one command from its arguments (or stdin lines) sent to the
//! Redis server running in this container (`crate::apps::redis`), replies in
//! redis-cli's formats — quoted and typed on a terminal, raw in a pipe.
//! Other hosts are reached only from an interactive session.

use crate::shell::interp::{Flow, Shell};

pub fn run(sh: &mut Shell, argv: &[String]) -> Result<i32, Flow> {
    let mut host = "127.0.0.1".to_string();
    let mut port = "6379".to_string();
    let mut raw = false;
    let mut i = 1;
    while i < argv.len() {
        match argv[i].as_str() {
            "-h" => {
                host = argv.get(i + 1).cloned().unwrap_or_default();
                i += 1;
            }
            "-p" => {
                port = argv.get(i + 1).cloned().unwrap_or_default();
                i += 1;
            }
            "-n" | "-a" | "--user" | "--pass" => i += 1,
            "--raw" => raw = true,
            "--no-raw" | "--no-auth-warning" => {}
            "-v" | "--version" => {
                sh.out_str("redis-cli 7.4.1\n")?;
                return Ok(0);
            }
            _ => break,
        }
        i += 1;
    }
    let local = matches!(host.as_str(), "127.0.0.1" | "localhost" | "::1");
    if !local || port != "6379" || !sh.fs().exists("/usr/local/bin/redis-server") {
        let why = if local { "Connection refused" } else { "Name or service not known" };
        if !local {
            sh.err_str(&format!("dockersim: redis-cli reaches other containers only from an interactive shell (docker exec -it); try docker exec -it {host} redis-cli\n"))?;
        }
        sh.err_str(&format!("Could not connect to Redis at {host}:{port}: {why}\n"))?;
        return Ok(1);
    }
    let tty = sh.stdout_tty() && !raw;
    let mut commands: Vec<Vec<String>> = Vec::new();
    if i < argv.len() {
        commands.push(argv[i..].to_vec());
    } else {
        let input = String::from_utf8_lossy(&sh.stdin).into_owned();
        if input.is_empty() {
            sh.err_str("dockersim: the interactive redis-cli prompt needs a terminal (docker exec -it … redis-cli)\n")?;
            return Ok(1);
        }
        for line in input.lines().filter(|l| !l.trim().is_empty()) {
            match crate::apps::redis::split_line(line) {
                Ok(args) => commands.push(args),
                Err(e) => {
                    sh.err_str(&format!("{e}\n"))?;
                    return Ok(1);
                }
            }
        }
    }
    for cmd in commands {
        let reply = crate::apps::redis::execute(sh.fs_mut(), &cmd);
        let text = crate::apps::redis::format(&reply, tty);
        sh.out_str(&format!("{text}\n"))?;
    }
    Ok(0)
}
