//! Debian's Apache helpers in the php `-apache` images: `a2enmod`,
//! `a2dismod`, `a2ensite`, `a2dissite`, `a2enconf`, `a2disconf`. They link
//! (or unlink) `mods-available/NAME.load` into `mods-enabled/`, and the
//! same for sites and confs, with a2enmod's messages.

use super::Prog;
use crate::shell::interp::{Flow, Shell};
use crate::vfs::Node;

type Out = Result<Option<i32>, Flow>;

/// What each command handles: (kind, the word in messages, enable?).
fn kind(name: &str) -> Option<(&'static str, &'static str, bool)> {
    Some(match name {
        "a2enmod" => ("mods", "module", true),
        "a2dismod" => ("mods", "module", false),
        "a2ensite" => ("sites", "site", true),
        "a2dissite" => ("sites", "site", false),
        "a2enconf" => ("conf", "conf", true),
        "a2disconf" => ("conf", "conf", false),
        _ => return None,
    })
}

/// Modules a module needs (`# Depends:` in Debian's .load files).
fn depends(module: &str) -> &'static [&'static str] {
    match module {
        "ssl" => &["setenvif", "mime", "socache_shmcb"],
        "proxy_http" | "proxy_fcgi" | "proxy_wstunnel" | "proxy_ajp" | "proxy_balancer" | "proxy_connect" | "proxy_http2" => &["proxy"],
        "cache_disk" => &["cache"],
        "dav_fs" => &["dav"],
        "authn_dbd" | "authz_dbd" => &["dbd"],
        "proxy_html" => &["xml2enc"],
        _ => &[],
    }
}

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    let Some((dir, word, enable)) = kind(&prog.name) else { return Ok(None) };
    let confdir = sh.var("APACHE_CONFDIR").unwrap_or_else(|| "/etc/apache2".into());
    if !sh.fs().exists(&format!("{confdir}/{dir}-available")) {
        sh.err_str(&format!("ERROR: could not find {confdir}/{dir}-available\n"))?;
        return Ok(Some(1));
    }
    let names: Vec<String> = argv[1..].iter().filter(|a| !a.starts_with('-')).cloned().collect();
    if names.is_empty() {
        sh.err_str(&format!("dockersim: {} without a name: the interactive choice is not simulated\n", prog.name))?;
        return Ok(Some(1));
    }
    let quiet = argv[1..].iter().any(|a| a == "-q" || a == "--quiet");
    let mut out = String::new();
    let mut status = 0;
    let mut changed = false;
    for name in &names {
        let name = name.trim_end_matches(".load").trim_end_matches(".conf");
        let r = if enable {
            enable_one(sh, &confdir, dir, word, name, &mut out, &mut changed)
        } else {
            disable_one(sh, &confdir, dir, word, name, &mut out, &mut changed)
        };
        if !r {
            status = 1;
        }
    }
    if changed && !quiet {
        let action = if dir == "mods" { "restart" } else { "reload" };
        out.push_str(&format!("To activate the new configuration, you need to run:\n  service apache2 {action}\n"));
    }
    sh.out_str(&out)?;
    Ok(Some(status))
}

fn file_name(dir: &str, name: &str) -> String {
    if dir == "mods" {
        format!("{name}.load")
    } else {
        format!("{name}.conf")
    }
}

fn enable_one(sh: &mut Shell, confdir: &str, dir: &str, word: &str, name: &str, out: &mut String, changed: &mut bool) -> bool {
    let file = file_name(dir, name);
    let available = format!("{confdir}/{dir}-available/{file}");
    if !sh.fs().exists(&available) {
        let shown = if dir == "mods" {
            "Module"
        } else if dir == "sites" {
            "Site"
        } else {
            "Conf"
        };
        let _ = sh.err_str(&format!("ERROR: {shown} {name} does not exist!\n"));
        return false;
    }
    if dir == "mods" {
        for dep in depends(name) {
            out.push_str(&format!("Considering dependency {dep} for {name}:\n"));
            enable_one(sh, confdir, dir, word, dep, out, changed);
        }
        // Only one MPM at a time: enabling one disables the others.
        if name.starts_with("mpm_") {
            for other in ["mpm_event", "mpm_prefork", "mpm_worker"] {
                if other != name && sh.fs().get_nofollow(&format!("{confdir}/mods-enabled/{other}.load")).is_ok() {
                    out.push_str(&format!("Considering conflict {other} for {name}:\n"));
                    out.push_str(&format!(
                        "ERROR: Module {other} is enabled - cannot proceed due to conflicts. It needs to be disabled first!\n"
                    ));
                    return false;
                }
            }
        }
    }
    let link = format!("{confdir}/{dir}-enabled/{file}");
    if sh.fs().get_nofollow(&link).is_ok() {
        let shown = capital(word);
        out.push_str(&format!("{shown} {name} already enabled\n"));
        return true;
    }
    let now = sh.now();
    let target = format!("../{dir}-available/{file}");
    let _ = sh.fs_mut().mkdir_all(&format!("{confdir}/{dir}-enabled"), crate::vfs::Meta::new(0o755, now));
    let _ = sh.fs_mut().insert(&link, Node::Symlink { target, meta: crate::vfs::Meta::new(0o777, now) });
    // A module's .conf comes with it.
    if dir == "mods" && sh.fs().exists(&format!("{confdir}/mods-available/{name}.conf")) {
        let conf = format!("{confdir}/mods-enabled/{name}.conf");
        let _ = sh
            .fs_mut()
            .insert(&conf, Node::Symlink { target: format!("../mods-available/{name}.conf"), meta: crate::vfs::Meta::new(0o777, now) });
    }
    out.push_str(&format!("Enabling {word} {name}.\n"));
    if dir == "mods" && name == "ssl" {
        out.push_str("See /usr/share/doc/apache2/README.Debian.gz on how to configure SSL and create self-signed certificates.\n");
    }
    *changed = true;
    true
}

fn disable_one(sh: &mut Shell, confdir: &str, dir: &str, word: &str, name: &str, out: &mut String, changed: &mut bool) -> bool {
    let file = file_name(dir, name);
    let link = format!("{confdir}/{dir}-enabled/{file}");
    if sh.fs().get_nofollow(&link).is_err() {
        if !sh.fs().exists(&format!("{confdir}/{dir}-available/{file}")) {
            let _ = sh.err_str(&format!("ERROR: {} {name} does not exist!\n", capital(word)));
            return false;
        }
        out.push_str(&format!("{} {name} already disabled\n", capital(word)));
        return true;
    }
    let _ = sh.fs_mut().remove(&link, false);
    if dir == "mods" {
        let _ = sh.fs_mut().remove(&format!("{confdir}/mods-enabled/{name}.conf"), false);
    }
    out.push_str(&format!("{} {name} disabled.\n", capital(word)));
    *changed = true;
    true
}

fn capital(word: &str) -> String {
    let mut c = word.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}
