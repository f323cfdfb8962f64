//! `nginx` as a command: `-t` and `-T` test the configuration (and dump it),
//! `-v` and `-V` print the version and build, `-h` the usage. Signals
//! (`-s reload`) reach a running master only through the daemon (the
//! container's `nginx -s` is answered there); without one, `-s` fails as
//! nginx does when its pid file is missing. Starting the server is the
//! container's business: in a RUN or a shell it is not simulated.

use super::Prog;
use crate::apps::nginx_conf::{self, Config};
use crate::shell::interp::{Flow, Shell};
use crate::vfs::Fs;
use std::collections::BTreeMap;

type Out = Result<Option<i32>, Flow>;

/// What one `nginx` command printed and returned.
pub struct Ran {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// nginx's version in this filesystem: the official image's NGINX_VERSION,
/// or the distribution package's.
pub fn version(fs: &Fs, env: &BTreeMap<String, String>) -> String {
    if let Some(v) = env.get("NGINX_VERSION") {
        return v.clone();
    }
    let status = String::from_utf8_lossy(&fs.read("/var/lib/dpkg/status").unwrap_or_default()).into_owned();
    let from_dpkg = status.split("\n\n").find(|s| s.lines().any(|l| l == "Package: nginx")).and_then(|stanza| {
        let version = stanza.lines().find_map(|l| l.strip_prefix("Version: "))?;
        Some(version.split_once(':').map_or(version, |(_, r)| r).split(['-', '~', '+']).next()?.to_string())
    });
    // Alpine's: `P:nginx` then `V:1.26.2-r0` in apk's database.
    let apk = String::from_utf8_lossy(&fs.read("/lib/apk/db/installed").unwrap_or_default()).into_owned();
    let from_apk = apk.split("\n\n").find(|s| s.lines().any(|l| l == "P:nginx")).and_then(|stanza| {
        let version = stanza.lines().find_map(|l| l.strip_prefix("V:"))?;
        Some(version.split('-').next()?.to_string())
    });
    if let Some(v) = from_apk {
        return v;
    }
    match from_dpkg {
        Some(v) if String::from_utf8_lossy(&fs.read("/etc/os-release").unwrap_or_default()).contains("ID=ubuntu") => {
            format!("{v} (Ubuntu)")
        }
        Some(v) => v,
        None => "1.27.3".into(),
    }
}

/// The configuration as `nginx -t` checks it: parsed, and every upstream
/// host resolved (`resolves`), or the `[emerg]` text.
pub fn test(fs: &Fs, resolves: &mut dyn FnMut(&str) -> bool) -> Result<Vec<nginx_conf::Directive>, String> {
    let top = nginx_conf::load(fs).map_err(|e| e.text())?;
    for (addr, d) in Config::upstream_hosts(&top) {
        let host = addr.rsplit_once(':').filter(|(h, _)| !h.is_empty()).map_or(addr.as_str(), |(h, _)| h);
        let host = host.trim_start_matches('[').trim_end_matches(']');
        if !resolves(host) {
            return Err(format!("host not found in upstream \"{addr}\" in {}:{}", d.file, d.line));
        }
    }
    Ok(top)
}

/// Names that resolve without a network: addresses, localhost, /etc/hosts.
pub fn resolves_locally(fs: &Fs, host: &str) -> bool {
    if host == "localhost" || host.parse::<std::net::IpAddr>().is_ok() || host == "*" {
        return true;
    }
    let hosts = String::from_utf8_lossy(&fs.read("/etc/hosts").unwrap_or_default()).into_owned();
    hosts.lines().any(|l| l.split('#').next().unwrap_or("").split_whitespace().skip(1).any(|n| n == host))
}

/// The configure line of the official image's build.
fn configure(version: &str, alpine: bool) -> String {
    let paths = "--prefix=/etc/nginx --sbin-path=/usr/sbin/nginx --modules-path=/usr/lib/nginx/modules --conf-path=/etc/nginx/nginx.conf --error-log-path=/var/log/nginx/error.log --http-log-path=/var/log/nginx/access.log --pid-path=/var/run/nginx.pid --lock-path=/var/run/nginx.lock --http-client-body-temp-path=/var/cache/nginx/client_temp --http-proxy-temp-path=/var/cache/nginx/proxy_temp --http-fastcgi-temp-path=/var/cache/nginx/fastcgi_temp --http-uwsgi-temp-path=/var/cache/nginx/uwsgi_temp --http-scgi-temp-path=/var/cache/nginx/scgi_temp --user=nginx --group=nginx --with-compat --with-file-aio --with-threads --with-http_addition_module --with-http_auth_request_module --with-http_dav_module --with-http_flv_module --with-http_gunzip_module --with-http_gzip_static_module --with-http_mp4_module --with-http_random_index_module --with-http_realip_module --with-http_secure_link_module --with-http_slice_module --with-http_ssl_module --with-http_stub_status_module --with-http_sub_module --with-http_v2_module --with-http_v3_module --with-mail --with-mail_ssl_module --with-stream --with-stream_realip_module --with-stream_ssl_module --with-stream_ssl_preread_module";
    if alpine {
        format!("{paths} --with-cc-opt='-Os -fstack-clash-protection -Wformat -Werror=format-security -fno-plt -g' --with-ld-opt='-Wl,--as-needed,-O1,--sort-common -Wl,-z,pack-relative-relocs'")
    } else {
        format!("{paths} --with-cc-opt='-g -O2 -ffile-prefix-map=/data/builder/debuild/nginx-{version}/debian/debuild-base/nginx-{version}=. -fstack-protector-strong -Wformat -Werror=format-security -Wp,-D_FORTIFY_SOURCE=2 -fPIC' --with-ld-opt='-Wl,-z,relro -Wl,-z,now -Wl,--as-needed -pie'")
    }
}

const USAGE: &str = "Usage: nginx [-?hvVtTq] [-s signal] [-p prefix]\n             [-e filename] [-c filename] [-g directives]\n\nOptions:\n  -?,-h         : this help\n  -v            : show version and exit\n  -V            : show version and configure options then exit\n  -t            : test configuration and exit\n  -T            : test configuration, dump it and exit\n  -q            : suppress non-error messages during configuration testing\n  -s signal     : send signal to a master process: stop, quit, reopen, reload\n  -p prefix     : set prefix path (default: /etc/nginx/)\n  -e filename   : set error log file (default: /var/log/nginx/error.log)\n  -c filename   : set configuration file (default: /etc/nginx/nginx.conf)\n  -g directives : set global directives out of configuration file\n\n";

/// What `nginx ARGS` does short of starting the server: None when it would
/// start it (no option that ends it first). `signal` answers `-s NAME`
/// (a running master's reply, or None when there is none).
pub fn cli(
    fs: &Fs,
    env: &BTreeMap<String, String>,
    args: &[String],
    resolves: &mut dyn FnMut(&str) -> bool,
    signal: &mut dyn FnMut(&str) -> Option<Ran>,
    now: i64,
) -> Option<Ran> {
    let version = version(fs, env);
    let alpine = fs.exists("/etc/alpine-release");
    let mut out = Ran { stdout: String::new(), stderr: String::new(), code: 0 };
    let (mut test_only, mut dump, mut quiet) = (false, false, false);
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let Some(flags) = a.strip_prefix('-') else {
            out.stderr = format!("nginx: invalid option: \"{a}\"\n");
            out.code = 1;
            return Some(out);
        };
        let mut chars = flags.chars();
        while let Some(f) = chars.next() {
            match f {
                '?' | 'h' => {
                    out.stderr = format!("nginx version: nginx/{version}\n{USAGE}");
                    return Some(out);
                }
                'v' => {
                    out.stderr = format!("nginx version: nginx/{version}\n");
                    return Some(out);
                }
                'V' => {
                    let gcc = if alpine { "gcc 13.2.1 20240309 (Alpine 13.2.1_git20240309) " } else { "gcc 12.2.0 (Debian 12.2.0-14) " };
                    let ssl = if alpine {
                        "OpenSSL 3.3.2 3 Sep 2024"
                    } else {
                        "OpenSSL 3.0.11 19 Sep 2023 (running with OpenSSL 3.0.15 3 Sep 2024)"
                    };
                    out.stderr = format!(
                        "nginx version: nginx/{version}\nbuilt by {gcc}\nbuilt with {ssl}\nTLS SNI support enabled\nconfigure arguments: {}\n",
                        configure(&version, alpine)
                    );
                    return Some(out);
                }
                't' => test_only = true,
                'T' => {
                    test_only = true;
                    dump = true;
                }
                'q' => quiet = true,
                's' | 'p' | 'e' | 'c' | 'g' => {
                    let rest: String = chars.by_ref().collect();
                    let value = if rest.is_empty() {
                        i += 1;
                        match args.get(i) {
                            Some(v) => v.clone(),
                            None => {
                                out.stderr = format!(
                                    "nginx: option \"-{f}\" requires {}\n",
                                    match f {
                                        's' => "signal name",
                                        'p' => "directory name",
                                        'g' => "parameter",
                                        _ => "file name",
                                    }
                                );
                                out.code = 1;
                                return Some(out);
                            }
                        }
                    } else {
                        rest
                    };
                    match f {
                        's' => {
                            if !matches!(value.as_str(), "stop" | "quit" | "reopen" | "reload") {
                                out.stderr = format!("nginx: invalid option: \"-s {value}\"\n");
                                out.code = 1;
                                return Some(out);
                            }
                            if value == "reload" {
                                // The signaller reads the configuration first.
                                if let Err(e) = test(fs, resolves) {
                                    out.stderr = format!("nginx: [emerg] {e}\n");
                                    out.code = 1;
                                    return Some(out);
                                }
                            }
                            return Some(signal(&value).unwrap_or_else(|| {
                                let pid = nginx_conf::load(fs)
                                    .ok()
                                    .and_then(|top| top.iter().find(|d| d.name == "pid").and_then(|d| d.args.first().cloned()))
                                    .unwrap_or_else(|| "/run/nginx.pid".into());
                                let failed = format!("open() \"{pid}\" failed (2: No such file or directory)");
                                let t = log_time(now);
                                Ran {
                                    stdout: String::new(),
                                    stderr: format!("{t} [notice] 40#40: signal process started\n{t} [error] 40#40: {failed}\nnginx: [error] {failed}\n"),
                                    code: 1,
                                }
                            }));
                        }
                        'c' if value != nginx_conf::MAIN => {
                            out.stderr = format!("dockersim: nginx: -c {value}: only {} is simulated\n", nginx_conf::MAIN);
                            out.code = 1;
                            return Some(out);
                        }
                        _ => {}
                    }
                    break;
                }
                other => {
                    out.stderr = format!("nginx: invalid option: \"{other}\"\n");
                    out.code = 1;
                    return Some(out);
                }
            }
        }
        i += 1;
    }
    if !test_only {
        return None;
    }
    match test(fs, resolves) {
        Ok(_) => {
            if !quiet {
                out.stderr = format!(
                    "nginx: the configuration file {0} syntax is ok\nnginx: configuration file {0} test is successful\n",
                    nginx_conf::MAIN
                );
            }
            if dump {
                for file in nginx_conf::files(fs) {
                    let text = String::from_utf8_lossy(&fs.read(&file).unwrap_or_default()).into_owned();
                    out.stdout.push_str(&format!("# configuration file {file}:\n{text}\n"));
                }
            }
        }
        Err(e) => {
            out.stderr = format!("nginx: [emerg] {e}\nnginx: configuration file {} test failed\n", nginx_conf::MAIN);
            out.code = 1;
        }
    }
    Some(out)
}

/// The error log's time: `2026/01/01 00:00:05`.
pub fn log_time(now: i64) -> String {
    let (y, mo, d, h, mi, s) = crate::time::civil(now);
    format!("{y:04}/{mo:02}/{d:02} {h:02}:{mi:02}:{s:02}")
}

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    if prog.name != "nginx" && prog.name != "nginx-debug" {
        return Ok(None);
    }
    let env: BTreeMap<String, String> = ["NGINX_VERSION"].iter().filter_map(|k| sh.var(k).map(|v| (k.to_string(), v))).collect();
    let now = sh.now();
    let fs = sh.fs();
    let mut resolves = |h: &str| resolves_locally(fs, h);
    let ran = cli(fs, &env, &argv[1..], &mut resolves, &mut |_| None, now);
    match ran {
        Some(r) => {
            sh.out_str(&r.stdout)?;
            sh.err_str(&r.stderr)?;
            Ok(Some(r.code))
        }
        None => {
            sh.err_str("dockersim: nginx: the server runs only as a container's main process (CMD [\"nginx\", \"-g\", \"daemon off;\"]); here it is not simulated\n")?;
            Ok(Some(1))
        }
    }
}
