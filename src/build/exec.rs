//! RUN, COPY/ADD and WORKDIR: computing each step's cache key and history
//! text from its inputs (`prepare`), and doing the work on a miss (`execute`).

use super::cache::step_key;
use super::clock;
use super::context::{checksum, FileSum};
use super::copy::{self, Chmod, CopyOptions};
use super::format::go_quote;
use super::pattern::Pattern;
use super::plan::{CopySpec, Op, Step};
use super::run::{argv_of, heredoc_argv, parse_mounts, run_program, Mount};
use super::runner::Builder;
use super::stage::{is_url, StageResult, StageState};
use super::vars::expand;
use crate::digest::sha256_hex;
use crate::vfs::{self, Content, Fs, Meta, Node};
use std::collections::BTreeMap;
use std::sync::Arc;

/// A step ready to be looked up in the cache.
pub(crate) struct Prepared {
    /// The step's cache key: what the next step builds on.
    pub key: String,
    /// `COPY --link`: the key of the copy alone, which does not depend on
    /// the layers below (BuildKit merges it onto the parent in a second op
    /// whose key is `key`).
    pub layer_key: Option<String>,
    pub inputs: Vec<FileSum>,
    pub created_by: String,
    work: Work,
}

enum Work {
    Run { argv: Vec<String>, env: Vec<String>, mounts: Vec<Mount>, pipes: Vec<(String, String)> },
    Copy { sources: Vec<(Arc<Fs>, String)>, dest: String, dest_dir: bool, spec: CopySpec },
    Workdir { path: String },
}

impl Prepared {
    /// The paths the step can change (`None`: anywhere, as for RUN).
    pub fn touched(&self) -> Option<Vec<String>> {
        match &self.work {
            Work::Run { .. } => None,
            Work::Copy { dest, .. } => Some(vec![dest.clone()]),
            Work::Workdir { path } => Some(vec![path.clone()]),
        }
    }
}

/// What executing a step produced.
pub(crate) struct Outcome {
    pub output: Vec<(u64, String)>,
    pub ms: u64,
    /// (vertex message, solve message) on failure.
    pub error: Option<(String, String)>,
    /// `COPY --link`: the files as they land on an empty filesystem (the
    /// layer is their changeset against nothing, merged on top afterwards).
    pub linked: Option<Fs>,
}

pub(crate) type StepError = (String, String);

pub(crate) fn same(msg: String) -> StepError {
    (msg.clone(), msg)
}

/// Keys a vertex step and records the config changes it makes (WORKDIR).
pub(crate) fn prepare(
    b: &mut Builder,
    state: &mut StageState,
    step: &Step,
    vars: &BTreeMap<String, String>,
    names: &[String],
    results: &BTreeMap<usize, StageResult>,
) -> Result<Prepared, StepError> {
    match &step.op {
        Op::Run { cmd, mounts, network, heredocs } => {
            let argv = if heredocs.is_empty() {
                argv_of(cmd, &state.config.config.shell)
            } else {
                heredoc_argv(cmd, heredocs, &state.config.config.shell)
            };
            let env = state.run_env();
            let mut parts: Vec<String> = vec![
                "RUN".into(),
                argv.join("\0"),
                env.join("\n"),
                state.config.config.user.clone(),
                state.workdir(),
                mounts.join("\n"),
                network.clone().unwrap_or_default(),
            ];
            let mut inputs = Vec::new();
            let mounts = parse_mounts(b, mounts, &state.workdir(), names, results, &mut parts, &mut inputs)?;
            let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
            let key = step_key(&state.key, &refs);
            let args: Vec<String> = state.args.iter().filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={v}"))).collect();
            let prefix = if args.is_empty() { String::new() } else { format!("|{} {} ", args.len(), args.join(" ")) };
            Ok(Prepared {
                layer_key: None,
                key,
                inputs,
                created_by: format!("RUN {prefix}{} # buildkit", argv.join(" ")),
                work: Work::Run {
                    pipes: heredocs
                        .iter()
                        .map(|d| (format!("/dev/pipes/{}", d.name), d.content.clone()))
                        .filter(|(p, _)| argv.contains(p))
                        .collect(),
                    argv,
                    env,
                    mounts,
                },
            })
        }
        Op::Workdir(path) => {
            let expanded = expand(path, vars).map_err(same)?;
            let abs = vfs::join(&state.workdir(), &expanded);
            state.config.config.working_dir = abs.clone();
            let key = step_key(&state.key, &["WORKDIR", &abs, &state.config.config.user]);
            Ok(Prepared {
                key,
                layer_key: None,
                inputs: Vec::new(),
                created_by: format!("WORKDIR {abs}"),
                work: Work::Workdir { path: abs },
            })
        }
        Op::Copy(spec) => prepare_copy(b, state, spec, vars, names, results),
        _ => Err(same("not a vertex step".into())),
    }
}

fn prepare_copy(
    b: &mut Builder,
    state: &mut StageState,
    spec: &CopySpec,
    vars: &BTreeMap<String, String>,
    names: &[String],
    results: &BTreeMap<usize, StageResult>,
) -> Result<Prepared, StepError> {
    let kw = if spec.add { "ADD" } else { "COPY" };
    let mut spec = spec.clone();
    if spec.from.as_deref().is_some_and(|f| f.contains('$')) {
        return Err(same(
            "variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround"
                .into(),
        ));
    }
    let heredoc_names: Vec<String> = spec.heredocs.iter().map(|h| format!("<<{}", h.name)).collect();
    let mut sources = Vec::new();
    for s in &spec.sources {
        if heredoc_names.contains(s) {
            sources.push(s.clone());
        } else {
            sources.push(expand(s, vars).map_err(same)?);
        }
    }
    spec.dest = expand(&spec.dest, vars).map_err(same)?;
    spec.chown = spec.chown.as_deref().map(|c| expand(c, vars)).transpose().map_err(same)?;
    spec.chmod = spec.chmod.as_deref().map(|c| expand(c, vars)).transpose().map_err(same)?;
    if let Some(c) = &spec.chmod {
        Chmod::parse(c).map_err(same)?;
    }
    // Where the sources come from.
    let (from_fs, ref_name): (Arc<Fs>, String) = match spec.from.as_deref() {
        None => (b.context.as_ref().map(|c| c.fs.clone()).unwrap_or_default(), "context".into()),
        Some(from) => {
            let stage = names.iter().position(|n| n.eq_ignore_ascii_case(from)).or_else(|| from.parse::<usize>().ok());
            match stage.and_then(|i| results.get(&i)) {
                Some(r) => {
                    let fs =
                        r.fs.clone().or_else(|| b.cache.snapshot(&r.key)).unwrap_or_else(|| Arc::new(super::diff::materialize(&r.layers)));
                    (fs, from.to_string())
                }
                None => match b.resolve_image(from) {
                    Some((image, _)) => (Arc::new(super::diff::materialize(&image.layers)), image.id.clone()),
                    None => {
                        let canonical = super::stage::canonical_name(from);
                        return Err(same(format!(
                            "{from}: failed to resolve source metadata for {canonical}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed"
                        )));
                    }
                },
            }
        }
    };
    let mut resolved: Vec<(Arc<Fs>, String)> = Vec::new();
    let mut inputs = Vec::new();
    let mut parts: Vec<String> = vec![kw.into()];
    for src in &sources {
        if let Some(h) = spec.heredocs.iter().find(|h| format!("<<{}", h.name) == *src) {
            let mut fs = Fs::new();
            // BuildKit expands a heredoc's variables with raw quotes and escapes (they stay in the file).
            let raw = crate::dockerfile::expand::Options { raw_quotes: true, raw_escapes: true, ..Default::default() };
            let body = if h.expand {
                crate::dockerfile::expand::process_word_with(&h.content, vars, '\\', raw).unwrap_or_else(|_| h.content.clone())
            } else {
                h.content.clone()
            };
            let _ = fs.write(&format!("/{}", h.name), Content::from_bytes(body), Meta::new(0o644, 0));
            let (digest, sums) = checksum(&fs, &format!("/{}", h.name));
            inputs.extend(sums);
            parts.push(format!("{src}\0{digest}"));
            resolved.push((Arc::new(fs), format!("/{}", h.name)));
            continue;
        }
        if is_url(src) {
            let content = fetch(src).map_err(|e| (e.clone(), format!("failed to load cache key: {e}")))?;
            let name = src.rsplit('/').next().filter(|n| !n.is_empty()).unwrap_or("index.html").to_string();
            let mut fs = Fs::new();
            let _ = fs.write(&format!("/{name}"), Content::from_bytes(content), Meta::new(0o600, 0));
            let (digest, sums) = checksum(&fs, &format!("/{name}"));
            inputs.extend(sums);
            parts.push(format!("{src}\0{digest}"));
            resolved.push((Arc::new(fs), format!("/{name}")));
            continue;
        }
        let matches = copy::resolve(&from_fs, src).map_err(|e| {
            let vertex = format!("failed to calculate checksum of ref {}: {e}", ref_id(&ref_name, b.req));
            (vertex.clone(), format!("failed to compute cache key: {vertex}"))
        })?;
        let root_sums = if spec.from.is_none() { b.context.as_ref().and_then(|c| c.sums.clone()) } else { None };
        for m in matches {
            let (digest, sums) = match &root_sums {
                Some(root) => super::context::sub_checksum(&from_fs, root, &m),
                None => checksum(&from_fs, &m),
            };
            let shown = m.trim_start_matches('/');
            inputs.extend(sums.into_iter().map(|mut s| {
                if !shown.is_empty() && s.path != shown.rsplit('/').next().unwrap_or("") {
                    s.path = format!("{shown}/{}", s.path);
                } else if !shown.is_empty() {
                    s.path = shown.to_string();
                }
                s
            }));
            parts.push(format!("{}\0{m}\0{digest}", copy::clean_source(src)));
            resolved.push((from_fs.clone(), m));
        }
    }
    let dest = vfs::join(&state.workdir(), &spec.dest);
    // BuildKit (unlike the classic builder) does not insist on a trailing slash
    // for several sources: without one, each source lands on the same path
    // (moby/buildkit#1853), unless that path is an existing directory.
    let dest_dir = copy::dest_is_dir(&spec.dest);
    parts.push(format!("{dest}\0{dest_dir}"));
    parts.push(format!("{:?}{:?}{}{}{:?}{:?}", spec.chown, spec.chmod, spec.link, spec.parents, spec.excludes, spec.unpack));
    let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
    // --link copies onto scratch (BuildKit ignores it when --chmod is set),
    // then a merge op lays that onto the parent: the copy's key does not
    // depend on what is below, the merge's (and so every later step's) does.
    let (key, layer_key) = if spec.link && spec.chmod.is_none() {
        let copy = step_key("", &refs);
        (step_key(&state.key, &["LINK", &copy]), Some(copy))
    } else {
        (step_key(&state.key, &refs), None)
    };
    let mut created_by = format!("{kw} ");
    if spec.parents {
        created_by.push_str("--parents ");
    }
    if let Some(c) = &spec.chown {
        created_by.push_str(&format!("--chown={c} "));
    }
    if let Some(c) = &spec.chmod {
        created_by.push_str(&format!("--chmod={c} "));
    }
    created_by.push_str(&format!("{} {} # buildkit", sources.join(" "), spec.dest));
    Ok(Prepared { key, layer_key, inputs, created_by, work: Work::Copy { sources: resolved, dest, dest_dir, spec } })
}

/// A BuildKit-looking, deterministic ref id for checksum errors.
pub(crate) fn ref_id(name: &str, req: &super::BuildRequest) -> String {
    let h = sha256_hex(format!("{name}\0{}", req.dockerfile).as_bytes());
    let alnum: String = h.bytes().map(|b| (b'a' + b % 26) as char).take(25).collect();
    format!("{}-{}-{}-{}-{}::{alnum}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
}

/// The simulated network for `ADD <url>`. The simulated host has no
/// internet access, so every lookup fails as Go's resolver reports it.
pub(crate) fn fetch(url: &str) -> Result<Vec<u8>, String> {
    let host = url.split("://").nth(1).unwrap_or(url).split(['/', ':', '?']).next().unwrap_or("");
    Err(format!("Get {}: dial tcp: lookup {host} on 127.0.0.11:53: no such host", go_quote(url)))
}

/// Does a vertex step's work on the stage filesystem.
/// BuildKit's per-step log limit: the output past 2 MiB is dropped and one
/// line says so.
pub const STEP_LOG_LIMIT: usize = 2 << 20;

pub(crate) fn clip_log(mut lines: Vec<String>) -> Vec<String> {
    let mut bytes = 0usize;
    let Some(cut) = lines.iter().position(|l| {
        bytes += l.len() + 1;
        bytes > STEP_LOG_LIMIT
    }) else {
        return lines;
    };
    lines.truncate(cut);
    lines.push(format!("[output clipped, log limit {}MiB reached]", STEP_LOG_LIMIT >> 20));
    lines
}

/// Lines of a long output travel in chunks (one log event per chunk, lines
/// joined by `\n`, at the first line's time), so a step printing a million
/// lines makes a thousand events; short outputs keep one event per line.
fn coalesce_log(lines: Vec<(u64, String)>) -> Vec<(u64, String)> {
    const CHUNK: usize = 1000;
    if lines.len() <= CHUNK {
        return lines;
    }
    let mut out: Vec<(u64, String)> = Vec::with_capacity(lines.len() / CHUNK + 1);
    for (i, (at, line)) in lines.into_iter().enumerate() {
        match out.last_mut() {
            Some((_, text)) if i % CHUNK != 0 => {
                text.push('\n');
                text.push_str(&line);
            }
            _ => out.push((at, line)),
        }
    }
    out
}

pub(crate) fn execute(b: &mut Builder, state: &mut StageState, _step: &Step, p: &Prepared, vars: &BTreeMap<String, String>) -> Outcome {
    let _ = vars;
    let now = b.now + (b.clock.now_ms / 1000) as i64;
    let user = state.config.config.user.clone();
    let workdir = state.workdir();
    match &p.work {
        Work::Run { argv, env, mounts, pipes } => {
            // Cache mounts bring back what earlier steps left in them.
            let kept: Vec<(String, Node)> =
                mounts.iter().filter_map(|m| Some((m.target.clone(), b.cache.cache_mount(m.cache_id.as_deref()?)?.clone()))).collect();
            let fs = state.fs(b.cache);
            for (path, body) in pipes {
                let _ = fs.mkdir_all("/dev/pipes", Meta::new(0o755, now));
                let _ = fs.write(path, Content::from_bytes(body.clone()), Meta::new(0o755, now));
            }
            let saved: Vec<(String, Option<Node>)> = mounts.iter().map(|m| (m.target.clone(), fs.get(&m.target).ok().cloned())).collect();
            // The mount points' missing ancestors, which BuildKit removes again when empty.
            let mut stubs: Vec<String> = Vec::new();
            for m in mounts {
                let mut p = m.target.clone();
                while let Some((parent, _)) = p.rsplit_once('/').filter(|(d, _)| !d.is_empty()) {
                    if fs.exists(parent) {
                        break;
                    }
                    stubs.push(parent.to_string());
                    p = parent.to_string();
                }
            }
            for m in mounts {
                let _ = fs.mkdir_all(&m.target, Meta::new(0o755, now));
                if let Some(node) = m.source.as_ref().and_then(|(src, path)| src.get(path).ok()) {
                    let _ = fs.remove(&m.target, true);
                    let _ = fs.insert(&m.target, node.clone());
                }
            }
            for (target, node) in kept {
                let _ = fs.remove(&target, true);
                let _ = fs.insert(&target, node);
            }
            let (status, lines, work_ms) = run_program(fs, argv, env, &workdir, &user, now);
            let to_keep: Vec<(String, Node)> =
                mounts.iter().filter_map(|m| Some((m.cache_id.clone()?, fs.get(&m.target).ok()?.clone()))).collect();
            for (target, node) in saved {
                let _ = fs.remove(&target, true);
                // A mount point that did not exist is a stub BuildKit removes
                // after the step (executor.MountStubsCleaner), with its empty
                // parents (llb sets RemoveMountStubsRecursive).
                if let Some(n) = node {
                    let _ = fs.insert(&target, n);
                }
            }
            for dir in stubs {
                if matches!(fs.get(&dir), Ok(Node::Dir { entries, .. }) if entries.is_empty()) {
                    let _ = fs.remove(&dir, false);
                }
            }
            if !pipes.is_empty() {
                let _ = fs.remove("/dev/pipes", true);
            }
            for (id, node) in to_keep {
                b.cache.keep_cache_mount(id, node);
            }
            let ms = clock::run_ms(work_ms, lines.len() as u64, 0, 0);
            let n = lines.len() as u64;
            // npm prints its summary at the end; pip, apt and cargo stream as they go.
            let streams = lines.iter().any(|l| l.starts_with("Collecting ") || l.starts_with("Get:") || l.starts_with("   Compiling "));
            let at = |i: u64| if work_ms > 0 && !streams { 40 + work_ms + i * 4 } else { 40 + ms.saturating_sub(60) * i / n.max(1) };
            let output = coalesce_log(lines.into_iter().enumerate().map(|(i, l)| (at(i as u64), l)).collect());
            let error = (status != 0).then(|| {
                let msg = format!("process {} did not complete successfully: exit code: {status}", go_quote(&argv.join(" ")));
                (msg.clone(), msg)
            });
            Outcome { output, ms, error, linked: None }
        }
        Work::Workdir { path } => {
            let (uid, gid) = lookup_user(state.fs(b.cache), &user).unwrap_or((0, 0));
            let mut meta = Meta::new(0o755, now);
            meta.uid = uid;
            meta.gid = gid;
            let fs = state.fs(b.cache);
            let error = fs.mkdir_all(path, meta).err().map(|e| same(format!("mkdir {path}: {}", e.reason())));
            Outcome { output: Vec::new(), ms: 20, error, linked: None }
        }
        Work::Copy { sources, dest, dest_dir, spec } => {
            let mut opts = CopyOptions { now, unpack: spec.add && spec.unpack != Some(false), parents: spec.parents, ..Default::default() };
            opts.chmod = spec.chmod.as_deref().and_then(|c| Chmod::parse(c).ok());
            opts.excludes = spec.excludes.iter().filter_map(|e| Pattern::glob(e).ok()).collect();
            if let Some(chown) = &spec.chown {
                match parse_chown(state.fs(b.cache), chown) {
                    Ok(ids) => opts.chown = Some(ids),
                    Err(e) => return Outcome { output: Vec::new(), ms: 0, error: Some(same(e)), linked: None },
                }
            }
            let (bytes, files) = sources.iter().fold((0u64, 0u64), |(b, f), (fs, p)| {
                let sums = fs.get(p).map(count).unwrap_or((0, 0));
                (b + sums.0, f + sums.1)
            });
            // --link copies into scratch (BuildKit ignores it when --chmod is set).
            let link = spec.link && spec.chmod.is_none();
            let mut scratch = Fs::new();
            let fs = if link { &mut scratch } else { state.fs(b.cache) };
            for (src_fs, path) in sources {
                if let Err(e) = copy::copy_one(src_fs, path, fs, dest, *dest_dir, &opts) {
                    return Outcome { output: Vec::new(), ms: 0, error: Some(same(e)), linked: None };
                }
            }
            Outcome { output: Vec::new(), ms: clock::copy_ms(bytes, files), error: None, linked: link.then_some(scratch) }
        }
    }
}

fn count(node: &Node) -> (u64, u64) {
    match node {
        Node::Dir { entries, .. } => entries.values().map(count).fold((0, 0), |a, c| (a.0 + c.0, a.1 + c.1)),
        n => (n.file_size(), 1),
    }
}

/// `--chown=user[:group]` with names looked up in the image's passwd/group.
fn parse_chown(fs: &Fs, chown: &str) -> Result<(u32, u32), String> {
    let (user, group) = chown.split_once(':').map_or((chown, None), |(u, g)| (u, Some(g)));
    let lookup = |file: &str, name: &str, field: usize| -> Option<u32> {
        if let Ok(n) = name.parse() {
            return Some(n);
        }
        let text = String::from_utf8(fs.read(file).ok()?).ok()?;
        text.lines().find_map(|l| {
            let cols: Vec<&str> = l.split(':').collect();
            (cols.first() == Some(&name)).then(|| cols.get(field).and_then(|v| v.parse().ok())).flatten()
        })
    };
    let uid = lookup("/etc/passwd", user, 2).ok_or_else(|| {
        format!("unable to convert uid/gid chown string to host mapping: can't find uid for user {user}: no such user: {user}")
    })?;
    let gid = match group {
        Some(g) => lookup("/etc/group", g, 2).ok_or_else(|| {
            format!("unable to convert uid/gid chown string to host mapping: can't find gid for group {g}: no such group: {g}")
        })?,
        None => uid,
    };
    Ok((uid, gid))
}

/// The uid/gid of a `USER` value (for WORKDIR's mkdir).
fn lookup_user(fs: &Fs, user: &str) -> Option<(u32, u32)> {
    if user.is_empty() {
        return None;
    }
    parse_chown(fs, user).ok()
}
