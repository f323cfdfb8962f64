//! Small system programs Dockerfiles call: `install`, `mktemp`, `tac`,
//! `update-ca-certificates`, and `sync`/`ldconfig`, whose real work
//! (flushing disks, the loader's cache) leaves nothing a learner can see;
//! `sudo` (the learner may run anything as root, without a password, as on
//! a cloud machine).

use super::{fail, q, Prog};
use crate::shell::interp::{Flow, Shell};
use crate::vfs::{Content, Node};

type Out = Result<Option<i32>, Flow>;

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    let args = &argv[1..];
    match prog.name.as_str() {
        "sync" | "ldconfig" if args.is_empty() => Ok(Some(0)),
        "update-ca-certificates" => {
            let debian = !prog.busybox && sh.fs().exists("/etc/debian_version");
            if debian {
                sh.out_str("Updating certificates in /etc/ssl/certs...\n0 added, 0 removed; done.\nRunning hooks in /etc/ca-certificates/update.d...\ndone.\n")?;
            }
            Ok(Some(0))
        }
        "tac" => {
            let text = match args.iter().find(|a| !a.starts_with('-')) {
                Some(f) => match sh.fs().read(&sh.abs(f)) {
                    Ok(b) => b,
                    Err(e) => return fail(sh, prog, &format!("failed to open {} for reading: {}", q(f), e.reason()), 1),
                },
                None => std::mem::take(&mut sh.stdin),
            };
            let text = String::from_utf8_lossy(&text).into_owned();
            let out: String = text.lines().rev().map(|l| format!("{l}\n")).collect();
            sh.out_str(&out)?;
            Ok(Some(0))
        }
        "mktemp" => mktemp(sh, prog, args),
        "sudo" => sudo(sh, args).map(Some),
        "install" => install(sh, prog, args),
        _ => Ok(None),
    }
}

/// `mktemp [-d] [TEMPLATE]`: a new file (0600) or directory (0700) whose
/// X's are letters derived from the simulated clock and what already exists
/// (deterministic, never an existing name).
fn mktemp(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let dir = args.iter().any(|a| a == "-d");
    let xs = if prog.busybox { 6 } else { 10 };
    let template = args.iter().find(|a| !a.starts_with('-')).cloned().unwrap_or_else(|| format!("/tmp/tmp.{}", "X".repeat(xs)));
    let template = if template.contains('/') { sh.abs(&template) } else { format!("/tmp/{template}") };
    let n = template.len() - template.trim_end_matches('X').len();
    if n < 3 {
        return fail(sh, prog, &format!("too few X's in template {}", q(&template)), 1);
    }
    const LETTERS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut seed = (sh.now() as u64) ^ 0x9e37_79b9_7f4a_7c15;
    for _ in 0..64 {
        let mut name = template[..template.len() - n].to_string();
        for _ in 0..n {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            name.push(LETTERS[(seed % LETTERS.len() as u64) as usize] as char);
        }
        if sh.fs().exists(&name) {
            continue;
        }
        let created = if dir {
            let meta = sh.meta(0o700);
            sh.fs_mut().mkdir_all(&name, meta)
        } else {
            let meta = sh.meta(0o600);
            sh.fs_mut().write(&name, Content::from_bytes(Vec::new()), meta)
        };
        if let Err(e) = created {
            let what = if dir { "directory" } else { "file" };
            return fail(sh, prog, &format!("failed to create {what} via template {}: {}", q(&template), e.reason()), 1);
        }
        sh.out_str(&format!("{name}\n"))?;
        return Ok(Some(0));
    }
    fail(sh, prog, &format!("failed to create file via template {}: File exists", q(&template)), 1)
}

/// `install [-d] [-m MODE] [-o/-g …] SRC… DEST`: copies with a mode (0755
/// unless -m), or makes directories with -d.
fn install(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let mut mode = 0o755;
    let mut dirs = false;
    let mut operands = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-d" | "--directory" => dirs = true,
            "-m" | "--mode" => {
                let m = it.next().cloned().unwrap_or_default();
                match u32::from_str_radix(&m, 8) {
                    Ok(v) if v <= 0o7777 => mode = v,
                    _ => return fail(sh, prog, &format!("invalid mode {}", q(&m)), 1),
                }
            }
            "-o" | "-g" | "--owner" | "--group" => {
                it.next();
            }
            a if a.starts_with("--mode=") => mode = u32::from_str_radix(&a[7..], 8).unwrap_or(0o755),
            a if a.starts_with('-') && a.len() > 1 => {}
            a => operands.push(a.to_string()),
        }
    }
    if operands.is_empty() {
        return fail(sh, prog, "missing file operand", 1);
    }
    if dirs {
        for d in &operands {
            let path = sh.abs(d);
            let meta = sh.meta(mode);
            if let Err(e) = sh.fs_mut().mkdir_all(&path, meta) {
                return fail(sh, prog, &format!("cannot create directory {}: {}", q(d), e.reason()), 1);
            }
        }
        return Ok(Some(0));
    }
    let Some((dest, sources)) = operands.split_last().filter(|(_, s)| !s.is_empty()) else {
        return fail(sh, prog, &format!("missing destination file operand after {}", q(&operands[0])), 1);
    };
    let dest_abs = sh.abs(dest);
    let into_dir = matches!(sh.fs().get(&dest_abs), Ok(Node::Dir { .. }));
    if sources.len() > 1 && !into_dir {
        return fail(sh, prog, &format!("target {} is not a directory", q(dest)), 1);
    }
    for src in sources {
        let content = match sh.fs().get(&sh.abs(src)) {
            Ok(Node::File { content, .. }) => content.clone(),
            Ok(_) => return fail(sh, prog, &format!("omitting directory {}", q(src)), 1),
            Err(_) => return fail(sh, prog, &format!("cannot stat {}: No such file or directory", q(src)), 1),
        };
        let target = if into_dir {
            format!("{}/{}", dest_abs.trim_end_matches('/'), src.rsplit('/').next().unwrap_or(src))
        } else {
            dest_abs.clone()
        };
        let meta = sh.meta(mode);
        if let Err(e) = sh.fs_mut().write(&target, content, meta) {
            return fail(sh, prog, &format!("cannot create regular file {}: {}", q(&target), e.reason()), 1);
        }
    }
    Ok(Some(0))
}

/// `sudo [-u USER] [-E] [-H] COMMAND…`: runs the command as root (or USER).
fn sudo(sh: &mut Shell, args: &[String]) -> Result<i32, Flow> {
    let mut user = "root".to_string();
    let mut i = 0;
    let mut login = false;
    while i < args.len() && args[i].starts_with('-') {
        let a = args[i].as_str();
        i += 1;
        match a {
            "--" => break,
            "-u" | "--user" => {
                user = args.get(i).cloned().unwrap_or_default();
                i += 1;
            }
            "-V" | "--version" => {
                sh.out_str("Sudo version 1.9.15p5\nSudoers policy plugin version 1.9.15p5\nSudoers file grammar version 50\nSudoers I/O plugin version 1.9.15p5\nSudoers audit plugin version 1.9.15p5\n")?;
                return Ok(0);
            }
            "-v" | "--validate" | "-k" | "-K" | "--reset-timestamp" | "--remove-timestamp" => return Ok(0),
            "-i" | "--login" | "-s" | "--shell" => login = true,
            _ if a.starts_with("--user=") => user = a["--user=".len()..].to_string(),
            _ if a.starts_with("-u") => user = a[2..].to_string(),
            // -E, -H, -n, -S, -P, -b… change nothing the simulation keeps.
            _ => {}
        }
    }
    let command = &args[i.min(args.len())..];
    if command.is_empty() {
        if login {
            sh.err_str("dockersim: sudo: an interactive root shell is not simulated; put sudo in front of each command instead\n")?;
            return Ok(1);
        }
        sh.err_str("usage: sudo -h | -K | -k | -V\nusage: sudo -v [-ABkNnS] [-g group] [-h host] [-p prompt] [-u user]\nusage: sudo -l [-ABkNnS] [-g group] [-h host] [-p prompt] [-U user] [-u user] [command [arg ...]]\nusage: sudo [-ABbEHkNnPS] [-r role] [-t type] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] [VAR=value] [-i | -s] [<command>]\nusage: sudo -e [-ABkNnS] [-r role] [-t type] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] file ...\n")?;
        return Ok(1);
    }
    let passwd = sh.fs().read("/etc/passwd").map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    if user != "root" && !user.starts_with('#') && !passwd.lines().any(|l| l.split(':').next() == Some(user.as_str())) {
        sh.err_str(&format!("sudo: unknown user {user}\nsudo: error initializing audit plugin sudoers_audit\n"))?;
        return Ok(1);
    }
    let name = &command[0];
    if !sh.host_provides(name) && super::find_in_path(sh, name).is_none() {
        sh.err_str(&format!("sudo: {name}: command not found\n"))?;
        return Ok(1);
    }
    let who = crate::vfs::access::Who::resolve(sh.fs(), if user == "root" { "" } else { &user });
    let saved = std::mem::replace(&mut sh.who, who);
    let r = super::run_external(sh, command);
    sh.who = saved;
    r
}
