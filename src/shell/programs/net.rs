//! curl, wget, tar and gzip. The network a RUN step or a container sees is
//! simulated and empty: no outside host resolves and nothing listens on
//! localhost, so downloads fail exactly as they do on a machine without DNS.

use super::{fail, q, Prog};
use crate::layer::{read_tar_members, write_tar, Layer};
use crate::shell::interp::{Flow, Shell};
use crate::vfs::{Content, Fs, Meta, Node};
use std::collections::BTreeSet;

type Out = Result<Option<i32>, Flow>;

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    let args = &argv[1..];
    match prog.name.as_str() {
        "curl" => curl(sh, args),
        "wget" => wget(sh, prog, args),
        "tar" => tar(sh, prog, args),
        "gzip" | "gunzip" | "zcat" => gzip(sh, prog, args),
        _ => Ok(None),
    }
}

/// The host and port of a URL (`http://a:8080/x` → `a`, 8080).
fn host_port(url: &str) -> (String, u16) {
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
    let default = if scheme == "https" { 443 } else { 80 };
    match authority.rsplit_once(':') {
        Some((h, p)) => (h.to_string(), p.parse().unwrap_or(default)),
        None => (authority.to_string(), default),
    }
}

fn is_local(host: &str) -> bool {
    matches!(host, "localhost" | "127.0.0.1" | "0.0.0.0" | "[::1]" | "::1")
}

/// What `curl --version` prints (the shell's curl and the daemon's alike):
/// the version of the curl package installed in `fs` (dpkg's or apk's
/// database), else the version the images ship.
pub fn curl_version(fs: &crate::vfs::Fs) -> String {
    let db = |path: &str| fs.read(path).ok().map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    let dpkg = db("/var/lib/dpkg/status");
    let apk = db("/lib/apk/db/installed");
    let from_dpkg = super::packages::db_field(&dpkg, "Package: curl\n", "Version: ")
        .map(|v| v.rsplit(':').next().unwrap_or(&v).split(['-', '+', '~']).next().unwrap_or(&v).to_string());
    let from_apk = super::packages::db_field(&apk, "P:curl\n", "V:").map(|v| v.split("-r").next().unwrap_or(&v).to_string());
    let version = from_dpkg.or(from_apk).unwrap_or_else(|| "8.11.1".into());
    format!("curl {version} (x86_64-pc-linux-gnu) libcurl/{version} OpenSSL/3.3.2 zlib/1.3.1\nProtocols: file ftp ftps http https\n")
}

fn curl(sh: &mut Shell, args: &[String]) -> Out {
    if args.iter().any(|a| a == "--version" || a == "-V") {
        let text = curl_version(sh.fs());
        sh.out_str(&text)?;
        return Ok(Some(0));
    }
    let silent = args.iter().any(|a| a.starts_with('-') && !a.starts_with("--") && a.contains('s'));
    let show_error = args.iter().any(|a| a == "--show-error" || (a.starts_with('-') && !a.starts_with("--") && a.contains('S')));
    let Some(url) = args.iter().find(|a| !a.starts_with('-') && (a.contains('.') || a.contains("://") || a.contains("localhost"))) else {
        sh.err_str("curl: try 'curl --help' or 'curl --manual' for more information\n")?;
        return Ok(Some(2));
    };
    let (host, port) = host_port(url);
    let (code, msg) = if is_local(&host) {
        (7, format!("curl: (7) Failed to connect to {host} port {port} after 0 ms: Couldn't connect to server"))
    } else {
        (6, format!("curl: (6) Could not resolve host: {host}"))
    };
    if !silent || show_error {
        sh.err_str(&format!("{msg}\n"))?;
    }
    Ok(Some(code))
}

fn wget(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let Some(url) = args.iter().find(|a| !a.starts_with('-')) else {
        return fail(sh, prog, "missing URL", 1);
    };
    let (host, port) = host_port(url);
    if prog.busybox {
        let msg = if is_local(&host) {
            format!("can't connect to remote host ({host}): Connection refused")
        } else {
            format!("bad address {}", q(&host))
        };
        return fail(sh, prog, &msg, 1);
    }
    let when = crate::time::rfc3339(sh.now()).replace('T', " ").trim_end_matches('Z').to_string();
    if is_local(&host) {
        sh.err_str(&format!("--{when}--  {url}\nConnecting to {host} ({host})|127.0.0.1|:{port}... failed: Connection refused.\n"))?;
        return Ok(Some(4));
    }
    sh.err_str(&format!("--{when}--  {url}\nResolving {host} ({host})... failed: Temporary failure in name resolution.\nwget: unable to resolve host address {}\n", q(&host)))?;
    Ok(Some(4))
}

fn gzip(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let decompress = prog.name != "gzip" || args.iter().any(|a| a == "-d" || a == "--decompress");
    let to_stdout = prog.name == "zcat" || args.iter().any(|a| a == "-c" || a == "--stdout");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    if files.is_empty() {
        let input = std::mem::take(&mut sh.stdin);
        return match transform(&input, decompress) {
            Some(out) => sh.write_out(&out).map(|_| Some(0)),
            None => fail(sh, prog, "stdin: not in gzip format", 1),
        };
    }
    for f in files {
        let path = sh.abs(f);
        let data = match sh.fs().read(&path) {
            Ok(d) => d,
            Err(e) => return fail(sh, prog, &format!("{f}: {}", e.reason()), 1),
        };
        let Some(out) = transform(&data, decompress) else {
            return fail(sh, prog, &format!("{f}: not in gzip format"), 1);
        };
        if to_stdout {
            sh.write_out(&out)?;
            continue;
        }
        let target = if decompress { path.strip_suffix(".gz").unwrap_or(&path).to_string() } else { format!("{path}.gz") };
        let meta = sh.fs().get(&path).map(|n| n.meta().clone()).unwrap_or_else(|_| sh.meta(0o644));
        let _ = sh.fs_mut().write(&target, Content::from_bytes(out), meta);
        let _ = sh.fs_mut().remove(&path, false);
    }
    Ok(Some(0))
}

/// gzip (RFC 1952) around a deflate stream.
fn transform(data: &[u8], decompress: bool) -> Option<Vec<u8>> {
    if decompress {
        if data.len() < 18 || data[0] != 0x1f || data[1] != 0x8b {
            return None;
        }
        // The deflate stream ends before the 8-byte trailer (CRC-32, size).
        return crate::archive::gunzip(&data[..data.len() - 8]);
    }
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
    out.extend(miniz_oxide::deflate::compress_to_vec(data, 6));
    out.extend(crate::archive::crc32(data).to_le_bytes());
    out.extend((data.len() as u32).to_le_bytes());
    Some(out)
}

/// tar -c/-x/-t with -f, -z, -C (archives in the simulated filesystem).
/// Without `-f`, or with `-f -`, the archive is standard input or output
/// (both tars' default), so `tar c -C /data . > backup.tar` and
/// `tar x -C /data < backup.tar` pass it through a pipe.
fn tar(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let mut mode = None;
    let mut file = None;
    let mut gz = false;
    let mut verbose = false;
    let mut dir = None;
    let mut names = Vec::new();
    let mut it = args.iter().peekable();
    let mut first = true;
    while let Some(a) = it.next() {
        let flags = if let Some(f) = a.strip_prefix('-') {
            Some(f.to_string())
        } else if first && !a.contains('/') && !a.contains('.') {
            Some(a.clone())
        } else {
            None
        };
        first = false;
        match flags {
            Some(f) if a.starts_with("--") => match f.as_str() {
                "-create" => mode = Some('c'),
                "-extract" => mode = Some('x'),
                "-list" => mode = Some('t'),
                "-gzip" => gz = true,
                "-verbose" => verbose = true,
                _ => {}
            },
            Some(f) if a.as_str() == "-C" || f == "C" => dir = it.next().cloned(),
            Some(f) => {
                for c in f.chars() {
                    match c {
                        'c' | 'x' | 't' => mode = Some(c),
                        'z' => gz = true,
                        'v' => verbose = true,
                        'f' => file = it.next().cloned(),
                        'C' => dir = it.next().cloned(),
                        _ => {}
                    }
                }
            }
            None => names.push(a.clone()),
        }
    }
    let Some(mode) = mode else {
        return fail(sh, prog, "You must specify one of the '-Acdtrux', '--delete' or '--test-label' options", 2);
    };
    let base = sh.abs(dir.as_deref().unwrap_or("."));
    let file = file.filter(|f| f != "-");
    if mode == 'c' {
        if names.is_empty() {
            return if prog.busybox {
                fail(sh, prog, "empty archive", 1)
            } else {
                sh.err_str("tar: Cowardly refusing to create an empty archive\nTry 'tar --help' or 'tar --usage' for more information.\n")?;
                Ok(Some(2))
            };
        }
        if file.is_none() && sh.stdout_tty() && !prog.busybox {
            sh.err_str(
                "tar: Refusing to write archive contents to terminal (missing -f option?)\ntar: Error is not recoverable: exiting now\n",
            )?;
            return Ok(Some(2));
        }
        let mut fs = Fs::new();
        for name in &names {
            let Ok(node) = sh.fs().get(&crate::vfs::join(&base, name)) else {
                sh.err_str(&format!("tar: {name}: Cannot stat: No such file or directory\n"))?;
                return Ok(Some(2));
            };
            let _ = fs.insert(&format!("/{}", name.trim_start_matches("./").trim_end_matches('/')), node.clone());
        }
        // The archive is real bytes: its size is charged to the run's disk
        // quota, and capped, before any byte is written.
        let (size, count) = tar_size(fs.root());
        if size > TAR_LIMIT {
            let msg = format!(
                "{}: Cannot write: File too large (dockersim keeps archives up to {} MiB)",
                file.as_deref().unwrap_or("-"),
                TAR_LIMIT >> 20
            );
            return fail(sh, prog, &msg, 2);
        }
        sh.charge_fs(size, count)?;
        let mut entries = Layer::diff_entries(&Fs::new(), &fs);
        if names.iter().all(|n| n == "." || n == "./") {
            // `tar c -C DIR .`: members are named `./`, `./a`, `./d/b`.
            for e in &mut entries {
                e.path = format!("./{}", e.path);
            }
            if let Ok(node) = sh.fs().get(&base) {
                let dir = Node::empty_dir(node.meta().clone());
                entries.insert(0, crate::layer::Entry { path: ".".into(), kind: crate::layer::ChangeKind::Added, node: Some(dir) });
            }
        }
        if verbose {
            // `-v` names each member: on stdout, or on stderr when the archive is stdout.
            let list: String = entries
                .iter()
                .map(|e| if matches!(e.node, Some(Node::Dir { .. })) { format!("{}/\n", e.path) } else { format!("{}\n", e.path) })
                .collect();
            if file.is_none() {
                sh.err_str(&list)?;
            } else {
                sh.out_str(&list)?;
            }
        }
        let mut bytes = Vec::new();
        write_tar(&entries, i64::MAX, &mut |c: &[u8]| bytes.extend_from_slice(c));
        let bytes = if gz { transform(&bytes, false).unwrap_or_default() } else { bytes };
        let Some(file) = file else {
            sh.write_out(&bytes)?;
            return Ok(Some(0));
        };
        let path = sh.abs(&file);
        let meta = sh.meta(0o644);
        let _ = sh.fs_mut().write(&path, Content::from_bytes(bytes), meta);
        return Ok(Some(0));
    }
    let raw = match &file {
        // At the terminal's prompt with nothing piped, GNU tar will not read the keyboard.
        None if sh.stdin.is_empty() && sh.stdout_tty() && !prog.busybox => {
            sh.err_str(
                "tar: Refusing to read archive contents from terminal (missing -f option?)\ntar: Error is not recoverable: exiting now\n",
            )?;
            return Ok(Some(2));
        }
        None => std::mem::take(&mut sh.stdin),
        Some(file) => match sh.fs().read(&sh.abs(file)) {
            Ok(b) => b,
            Err(e) => return fail(sh, prog, &format!("{file}: Cannot open: {}", e.reason()), 2),
        },
    };
    let data = if raw.starts_with(&[0x1f, 0x8b]) { transform(&raw, true).unwrap_or_default() } else { raw };
    let items = match read_tar_members(&data) {
        Ok(i) if !i.is_empty() || data.iter().all(|&b| b == 0) => i,
        _ => return fail(sh, prog, "This does not look like a tar archive", 2),
    };
    let mut failed = false;
    let mut warned = BTreeSet::new();
    let mut links = Vec::new();
    for mut item in items {
        // Member names that climb out of the directory: GNU tar skips them,
        // BusyBox strips the leading `../` (both drop a leading `/`).
        if mode == 'x' {
            let (clean, removed, refused) = member_path(&item.path, prog.busybox);
            if !removed.is_empty() && warned.insert(removed.clone()) {
                let msg = if prog.busybox {
                    format!("tar: removing leading '{removed}' from member names\n")
                } else {
                    format!("tar: Removing leading `{removed}' from member names\n")
                };
                sh.err_str(&msg)?;
            }
            if refused {
                sh.err_str(&format!("tar: {}: Member name contains '..'\n", item.path))?;
                failed = true;
                continue;
            }
            if clean.is_empty() {
                continue;
            }
            item.path = clean;
            sh.charge_fs(item.data.len() as u64, 1)?;
        }
        if mode == 'x' && verbose {
            sh.out_str(&format!("{}\n", item.name))?;
        }
        if mode == 't' {
            let suffix = if item.typeflag == b'5' && !item.name.ends_with('/') { "/" } else { "" };
            sh.out_str(&format!("{}{suffix}\n", item.name))?;
            continue;
        }
        let path = crate::vfs::join(&base, &item.path);
        let meta = Meta { mode: item.mode, uid: item.uid, gid: item.gid, mtime: item.mtime };
        // Both tars create the archive's symlinks last, so a later member never
        // writes through one (`link -> /etc`, then `link/passwd`): GNU tar has a
        // placeholder file there, BusyBox makes a directory and then fails to
        // create the link.
        if item.typeflag == b'2' {
            links.push((path, item.path, Node::Symlink { meta, target: item.link }));
            continue;
        }
        if !prog.busybox && links.iter().any(|(p, _, _)| path.starts_with(&format!("{p}/"))) {
            sh.err_str(&format!("tar: {}: Cannot open: Not a directory\n", item.path))?;
            failed = true;
            continue;
        }
        if item.typeflag == b'5' && matches!(sh.fs().get_nofollow(&path), Ok(Node::Dir { .. })) {
            // An existing directory keeps its contents (`./` of `tar x -C /data`).
            continue;
        }
        let node = match item.typeflag {
            b'5' => Node::empty_dir(meta),
            _ => Node::File { meta, content: Content::from_bytes(item.data) },
        };
        if let Some(i) = path.rfind('/').filter(|&i| i > 0) {
            let m = sh.meta(0o755);
            let _ = sh.fs_mut().mkdir_all(&path[..i], m);
        }
        let _ = sh.fs_mut().insert(&path, node);
    }
    for (path, name, link) in links {
        if prog.busybox && sh.fs().get_nofollow(&path).is_ok_and(|n| matches!(n, Node::Dir { .. })) {
            let Node::Symlink { target, .. } = &link else { continue };
            sh.err_str(&format!("tar: can't create symlink '{name}' to '{target}'\n"))?;
            return Ok(Some(1));
        }
        let _ = sh.fs_mut().remove(&path, false);
        let _ = sh.fs_mut().insert(&path, link);
    }
    if failed {
        sh.err_str("tar: Exiting with failure status due to previous errors\n")?;
        return Ok(Some(2));
    }
    Ok(Some(0))
}

/// Bytes of real archive `tar -c` writes at most.
pub const TAR_LIMIT: u64 = 256 << 20;

/// The tar stream's size for a tree (a 512-byte header per entry, data padded
/// to 512) and its number of entries, without building it.
fn tar_size(node: &Node) -> (u64, u64) {
    match node {
        Node::Dir { entries, .. } => entries.values().fold((0, 0), |(s, n), c| {
            let (cs, cn) = tar_size(c);
            (s.saturating_add(cs).saturating_add(512), n + cn + 1)
        }),
        other => (other.file_size().div_ceil(512) * 512, 0),
    }
}

/// Where an archive member lands relative to the extraction directory, the
/// prefix tar says it removes (a leading `/`, or everything up to the last
/// `../`), and whether the member is refused: GNU tar skips names with `..`,
/// BusyBox extracts them with the prefix removed.
fn member_path(name: &str, busybox: bool) -> (String, String, bool) {
    let trimmed = name.trim_start_matches('/');
    let mut removed = name[..name.len() - trimmed.len()].to_string();
    if !trimmed.split('/').any(|c| c == "..") {
        return (trimmed.to_string(), removed, false);
    }
    let cut = trimmed.rfind("../").map_or(trimmed.len(), |i| i + 3);
    removed.push_str(&trimmed[..cut]);
    let rest = crate::vfs::normalize(&trimmed[cut..]);
    (rest.trim_start_matches('/').to_string(), removed, !busybox)
}
