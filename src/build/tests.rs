use super::*;
use crate::vfs::{Content, Meta};

fn context(files: &[(&str, &str)]) -> Fs {
    let mut fs = Fs::new();
    for (path, body) in files {
        let abs = format!("/{path}");
        if let Some(i) = abs.rfind('/').filter(|&i| i > 0) {
            fs.mkdir_all(&abs[..i], Meta::new(0o755, 0)).unwrap();
        }
        fs.write(&abs, Content::from_bytes(*body), Meta::new(0o644, 0)).unwrap();
    }
    fs
}

struct Host {
    images: ImageStore,
    cache: BuildCache,
    now: i64,
}

impl Host {
    fn new() -> Host {
        Host { images: ImageStore::default(), cache: BuildCache::default(), now: 1_700_000_000 }
    }

    fn build_with(&mut self, req: BuildRequest) -> BuildReport {
        let report = build(BuildEnv { images: &mut self.images, cache: &mut self.cache, now: self.now }, &req);
        self.now += 60;
        report
    }

    fn build(&mut self, dockerfile: &str, ctx: &Fs) -> BuildReport {
        self.build_with(BuildRequest {
            dockerfile: dockerfile.into(),
            context: ctx.clone(),
            tags: vec!["app".into()],
            ..Default::default()
        })
    }
}

/// (label, cached, reason) of every Dockerfile step except FROM.
fn steps(report: &BuildReport) -> Vec<(String, bool, String)> {
    report
        .steps
        .iter()
        .filter(|s| s.instruction != "FROM")
        .map(|s| (s.label.clone(), s.cached, s.reason.clone().unwrap_or_default()))
        .collect()
}

const DF: &str = "FROM busybox\nWORKDIR /app\nCOPY hello.txt .\nRUN echo built > /app/built.txt\nCMD [\"cat\", \"/app/hello.txt\"]\n";

#[test]
fn same_inputs_same_image_id_and_cached_rebuild_keeps_the_id() {
    let ctx = context(&[("hello.txt", "hi\n")]);
    let (mut a, mut b) = (Host::new(), Host::new());
    let first = a.build(DF, &ctx);
    assert!(first.ok, "{:?}", first.error);
    assert_eq!(first.image_id, b.build(DF, &ctx).image_id);
    let again = a.build(DF, &ctx);
    assert!(steps(&again).iter().all(|s| s.1), "{:?}", steps(&again));
    // BuildKit keeps layer creation times on cache hits, so the ID is stable.
    assert_eq!(again.image_id, first.image_id);
}

#[test]
fn cache_lesson_dependency_manifest_first() {
    let good = "FROM busybox\nWORKDIR /app\nCOPY package.json .\nRUN echo installing > deps.txt\nCOPY . .\n";
    let bad = "FROM busybox\nWORKDIR /app\nCOPY . .\nRUN echo installing > deps.txt\n";
    let v1 = context(&[("package.json", "{}"), ("server.js", "v1")]);
    let v2 = context(&[("package.json", "{}"), ("server.js", "v2")]);
    let mut h = Host::new();
    h.build(good, &v1);
    let s = steps(&h.build(good, &v2));
    assert!(s[2].1, "install stays cached: {s:?}");
    assert!(!s[3].1);
    assert_eq!(s[3].2, "COPY . .: server.js changed");
    let mut h = Host::new();
    h.build(bad, &v1);
    let r = h.build(bad, &v2);
    let s = steps(&r);
    assert_eq!(s[1].2, "COPY . .: server.js changed");
    assert!(!s[2].1);
    assert_eq!(s[2].2, "re-runs because step 3 re-ran");
    // The same reasons as data, for the page to say in Korean.
    let whys: Vec<_> = r.steps.iter().filter(|s| s.instruction != "FROM").map(|s| s.why.clone().unwrap_or_default()).collect();
    assert_eq!(whys[0].code, "unchanged");
    assert_eq!((whys[1].code, whys[1].args.get("changed").map(String::as_str)), ("files_changed", Some("server.js")));
    assert_eq!((whys[2].code, whys[2].args.get("step").map(String::as_str)), ("parent_reran", Some("3")));
    let plain = render_plain(&r);
    assert!(plain.contains("#6 [2/4] WORKDIR /app\n#6 CACHED\n"), "{plain}");
    assert!(plain.contains("#8 [4/4] RUN echo installing > deps.txt\n#8 DONE"), "{plain}");
}

#[test]
fn no_cache_reruns_run_and_copy_but_not_workdir() {
    let ctx = context(&[("hello.txt", "hi\n")]);
    let mut h = Host::new();
    h.build(DF, &ctx);
    let r = h.build_with(BuildRequest { dockerfile: DF.into(), context: ctx, no_cache: true, ..Default::default() });
    let s = steps(&r);
    assert!(s[0].1 && !s[1].1 && !s[2].1, "{s:?}");
    assert!(s[1].2.starts_with("--no-cache"));
}

#[test]
fn dockerignore_hides_files_from_copy_and_the_cache() {
    let df = "FROM busybox\nCOPY . /app\n";
    let mut h = Host::new();
    let a = h.build(df, &context(&[(".dockerignore", "*.log\n"), ("a.txt", "a"), ("x.log", "1")]));
    assert!(a.ok);
    let b = h.build(df, &context(&[(".dockerignore", "*.log\n"), ("a.txt", "a"), ("x.log", "2")]));
    assert!(steps(&b)[0].1, "an ignored file does not bust the cache");
    let img = h.images.get(b.image_id.as_ref().unwrap()).unwrap();
    let paths: Vec<String> = img.layers.last().unwrap().entries.iter().map(|e| e.path.clone()).collect();
    assert!(paths.contains(&"app/a.txt".to_string()) && !paths.iter().any(|p| p.ends_with(".log")), "{paths:?}");
}

#[test]
fn missing_source_fails_with_buildkit_checksum_error() {
    let mut h = Host::new();
    let r = h.build("FROM busybox\nCOPY nope.txt /\n", &context(&[]));
    let err = r.error.unwrap();
    assert!(err.message.starts_with("failed to compute cache key: failed to calculate checksum of ref "), "{}", err.message);
    assert!(err.message.ends_with(": \"/nope.txt\": not found"));
    let plain = render_plain(&h.build("FROM busybox\nCOPY nope.txt /\n", &context(&[])));
    assert!(
        plain.contains("Dockerfile:2\n--------------------\n   1 |     FROM busybox\n   2 | >>> COPY nope.txt /\n   3 |     \n"),
        "{plain}"
    );
}

#[test]
fn failed_run_prints_the_error_block() {
    let mut h = Host::new();
    let report = h.build("FROM busybox\nRUN nope\n", &context(&[]));
    let plain = render_plain(&report);
    assert!(plain.contains("#5 [2/2] RUN nope\n#5 0."), "{plain}");
    assert!(plain.contains("------\n > [2/2] RUN nope:\n0."), "{plain}");
    assert!(
        plain.ends_with(
            "ERROR: failed to build: failed to solve: process \"/bin/sh -c nope\" did not complete successfully: exit code: 127\n"
        ),
        "{plain}"
    );
}

#[test]
fn history_texts_and_empty_layers() {
    let df = "FROM busybox\nARG V=1\nENV A=$V B=x\nWORKDIR /app\nRUN echo hi\nEXPOSE 80 53/UDP 8000-8001\nCMD [\"node\",\"server.js \"]\n";
    let mut h = Host::new();
    let r = h.build(df, &context(&[]));
    let img = h.images.get(r.image_id.as_ref().unwrap()).unwrap();
    let texts: Vec<(&str, bool)> = img.config.history.iter().skip(2).map(|h| (h.created_by.as_str(), h.empty_layer)).collect();
    assert_eq!(
        texts,
        [
            ("ARG V=1", true),
            ("ENV A=1 B=x", true),
            ("WORKDIR /app", false),
            ("RUN |1 V=1 /bin/sh -c echo hi # buildkit", false),
            ("EXPOSE [53/udp 80/tcp 8000/tcp 8001/tcp]", true),
            ("CMD [\"node\" \"server.js \"]", true),
        ]
    );
    assert_eq!(img.config.config.env, ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "A=1", "B=x"]);
}

#[test]
fn multi_stage_target_and_skipping() {
    let df = "FROM busybox AS build\nRUN echo x > /out.txt\nFROM busybox AS unused\nRUN echo never\nFROM scratch\nCOPY --from=build /out.txt /\n";
    let mut h = Host::new();
    let r = h.build(df, &context(&[]));
    assert!(r.ok, "{:?}", r.error);
    let labels: Vec<String> = steps(&r).into_iter().map(|s| s.0).collect();
    assert_eq!(labels, ["[build 2/2] RUN echo x > /out.txt", "[stage-2 1/1] COPY --from=build /out.txt /"]);
    let img = h.images.get(r.image_id.as_ref().unwrap()).unwrap();
    assert_eq!(img.layers.len(), 1, "only the final stage's layers");
    let t = h.build_with(BuildRequest { dockerfile: df.into(), target: Some("unused".into()), ..Default::default() });
    assert_eq!(steps(&t).len(), 1);
}

#[test]
fn build_arg_change_busts_later_runs_with_a_reason() {
    let df = "FROM busybox\nARG VERSION=1\nRUN echo building\n";
    let mut h = Host::new();
    h.build(df, &context(&[]));
    let mut args = BTreeMap::new();
    args.insert("VERSION".to_string(), "2".to_string());
    let r = h.build_with(BuildRequest { dockerfile: df.into(), build_args: args, tags: vec!["app".into()], ..Default::default() });
    assert_eq!(steps(&r)[0].2, "build arg VERSION changed (1 → 2)");
}

#[test]
fn prediction_matches_the_build_without_building() {
    let df = "FROM busybox\nWORKDIR /app\nCOPY a.txt .\nRUN echo hi\n";
    let mut h = Host::new();
    h.build(df, &context(&[("a.txt", "1")]));
    let req = BuildRequest { dockerfile: df.into(), context: context(&[("a.txt", "2")]), tags: vec!["app".into()], ..Default::default() };
    let p = predict(&h.images, &h.cache, &req, h.now);
    let fate: Vec<(bool, &str)> = p.steps.iter().map(|s| (s.cached, s.reason.as_str())).collect();
    assert_eq!(fate, [(true, fate[0].1), (false, "COPY a.txt .: a.txt changed"), (false, "re-runs because step 3 re-ran")]);
    let before = h.cache.len();
    let _ = predict(&h.images, &h.cache, &req, h.now);
    assert_eq!(h.cache.len(), before);
}

#[test]
fn parse_errors_show_the_excerpt() {
    let mut h = Host::new();
    let r = h.build("FROM node # the base\n\nRUN x\n", &context(&[]));
    let plain = render_plain(&r);
    assert!(plain.ends_with(
        "#1 DONE 0.0s\nDockerfile:1\n--------------------\n   1 | >>> FROM node # the base\n   2 |     \n   3 |     RUN x\n--------------------\nERROR: failed to build: failed to solve: dockerfile parse error on line 1: FROM requires either one or three arguments\n"
    ), "{plain}");
}

#[test]
fn copy_into_root_makes_a_layer() {
    let mut h = Host::new();
    let r = h.build("FROM scratch\nCOPY . /\n", &context(&[("a.txt", "a")]));
    let img = h.images.get(r.image_id.as_ref().unwrap()).unwrap();
    assert_eq!(img.layers[0].entries.len(), 1);
}

#[test]
fn add_extracts_local_tar_archives_and_copy_does_not() {
    let mut src = Fs::new();
    src.mkdir_all("/pkg", Meta::new(0o755, 0)).unwrap();
    src.write("/pkg/readme.txt", Content::from_bytes("inside"), Meta::new(0o644, 0)).unwrap();
    let entries = crate::layer::Layer::diff(&Fs::new(), &src, 0).entries;
    let mut tar = Vec::new();
    crate::layer::write_tar(&entries, 0, &mut |b: &[u8]| tar.extend_from_slice(b));
    let mut ctx = Fs::new();
    ctx.write("/bundle.tar", Content::Bytes(std::sync::Arc::new(tar)), Meta::new(0o644, 0)).unwrap();
    let mut h = Host::new();
    let r = h.build("FROM scratch\nADD bundle.tar /opt/\nCOPY bundle.tar /raw/\n", &ctx);
    assert!(r.ok, "{:?}", r.error);
    let img = h.images.get(r.image_id.as_ref().unwrap()).unwrap();
    let mut fs = Fs::new();
    for l in &img.layers {
        l.apply(&mut fs).unwrap();
    }
    assert_eq!(fs.read("/opt/pkg/readme.txt").unwrap(), b"inside");
    assert!(fs.exists("/raw/bundle.tar"));
}

#[test]
fn cache_mounts_and_their_stubs_stay_out_of_the_layer_and_exec_form_runs() {
    let mut h = Host::new();
    let r = h.build("FROM busybox\nRUN --mount=type=cache,target=/root/.npm echo hi > /root/.npm/x && echo kept > /kept\nRUN [\"echo\", \"exec form\"]\n", &context(&[]));
    assert!(r.ok, "{:?}", r.error);
    let img = h.images.get(r.image_id.as_ref().unwrap()).unwrap();
    let paths: Vec<&str> = img.layers[1].entries.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["kept"], "BuildKit removes the mount point's stub (executor.MountStubsCleaner)");
    assert!(img.layers[1].entries.iter().all(|e| !e.path.ends_with("/x")));
    assert!(render_plain(&r).contains("exec form"));
    assert_eq!(img.config.history.last().unwrap().created_by, "RUN echo exec form # buildkit");
}

#[test]
fn cache_mounts_keep_their_contents_across_builds() {
    let mut h = Host::new();
    let r = h.build("FROM busybox\nRUN --mount=type=cache,target=/cache echo one >> /cache/log && cat /cache/log\n", &context(&[]));
    assert!(r.ok, "{:?}", r.error);
    // Another step (a different key) with the same target sees what the first left.
    let r = h.build("FROM busybox\nRUN --mount=type=cache,target=/cache echo two >> /cache/log && cat /cache/log\n", &context(&[]));
    assert!(r.ok, "{:?}", r.error);
    assert!(render_plain(&r).contains("one\n") && render_plain(&r).contains("two"), "{}", render_plain(&r));
    // A different id is another cache.
    let r = h.build("FROM busybox\nRUN --mount=type=cache,id=other,target=/cache ls /cache\n", &context(&[]));
    assert!(r.ok, "{:?}", r.error);
    assert!(!render_plain(&r).contains("log"));
}

#[test]
fn onbuild_triggers_fire_in_a_child_stage_only() {
    let df = "FROM busybox AS base\nONBUILD RUN echo triggered > /t.txt\nRUN echo base\nFROM base\nRUN cat /t.txt\n";
    let mut h = Host::new();
    let r = h.build(df, &context(&[]));
    assert!(r.ok, "{:?}", r.error);
    let labels: Vec<String> = steps(&r).into_iter().map(|s| s.0).collect();
    assert_eq!(labels, ["[base 2/2] RUN echo base", "[stage-1 1/2] ONBUILD RUN echo triggered > /t.txt", "[stage-1 2/2] RUN cat /t.txt"]);
    assert!(render_plain(&r).contains(" 0.040 triggered\n") || render_plain(&r).contains("triggered"));
    let img = h.images.get(r.image_id.as_ref().unwrap()).unwrap();
    assert!(!img.config.history.iter().any(|h| h.created_by.starts_with("ONBUILD")));
}

#[test]
fn the_event_log_serialises_with_type_tags() {
    let mut h = Host::new();
    let r = h.build(DF, &context(&[("hello.txt", "hi\n")]));
    let json = serde_json::to_value(&r).unwrap();
    let types: Vec<&str> = json["events"].as_array().unwrap().iter().map(|e| e["type"].as_str().unwrap()).collect();
    for t in ["step_started", "step_status", "step_done", "metadata_applied", "image_written"] {
        assert!(types.contains(&t), "{t} missing from {types:?}");
    }
    let copy = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["type"] == "step_done" && e["inputs"].as_array().is_some_and(|i| !i.is_empty()))
        .unwrap();
    assert_eq!(copy["inputs"][0]["path"], "hello.txt");
    assert!(copy["layer"]["diff_id"].as_str().unwrap().starts_with("sha256:"));
    assert_eq!(copy["layer"]["changes"][1]["path"], "/app/hello.txt");
}

#[test]
fn copy_keys_on_cleaned_paths_and_content_not_spelling() {
    let ctx = context(&[("a.txt", "a")]);
    let mut h = Host::new();
    h.build("FROM busybox\nCOPY ./a.txt /x\n", &ctx);
    let r = h.build("FROM busybox\nCOPY a.txt /x\n", &ctx);
    assert!(steps(&r)[0].1, "{:?}", steps(&r));
}

#[test]
fn base_image_and_parent_stage_changes_are_named() {
    let mut h = Host::new();
    let base = |h: &mut Host, n: &str| {
        h.build_with(BuildRequest { dockerfile: format!("FROM busybox\nRUN echo {n}\n"), tags: vec!["base".into()], ..Default::default() })
    };
    let child = "FROM base\nRUN echo child\n";
    base(&mut h, "1");
    h.build(child, &context(&[]));
    base(&mut h, "2");
    let r = h.build(child, &context(&[]));
    assert_eq!(steps(&r)[0].2, "the base image changed (base now points to another image)");

    let df = |n: &str| format!("FROM busybox AS deps\nRUN echo {n}\nFROM deps\nRUN echo app\n");
    h.build(&df("1"), &context(&[]));
    let r = h.build(&df("2"), &context(&[]));
    assert_eq!(steps(&r)[1].2, "its parent stage deps changed", "{:?}", steps(&r));
}

#[test]
fn copy_from_an_image_loads_its_metadata() {
    let mut h = Host::new();
    let r = h.build("FROM scratch\nCOPY --from=busybox /etc/passwd /passwd\n", &context(&[]));
    assert!(r.ok, "{:?}", r.error);
    let plain = render_plain(&r);
    assert!(plain.contains("#2 [internal] load metadata for docker.io/library/busybox:latest\n"), "{plain}");
    assert!(!plain.contains("load build context"), "{plain}");
    let r = h.build("FROM scratch\nCOPY --from=nope:1 /x /x\n", &context(&[]));
    assert!(r
        .error
        .unwrap()
        .message
        .starts_with("nope:1: failed to resolve source metadata for docker.io/library/nope:1: pull access denied"));
}

#[test]
fn syntax_directive_loads_the_frontend() {
    let mut h = Host::new();
    let r = h.build("# syntax=docker/dockerfile:1\nFROM busybox\n", &context(&[]));
    let plain = render_plain(&r);
    assert!(plain.contains("\n#2 resolve image config for docker-image://docker.io/docker/dockerfile:1\n#2 DONE 0.4s\n\n#3 docker-image://docker.io/docker/dockerfile:1@sha256:"), "{plain}");
    assert!(plain.contains("#3 CACHED\n\n#4 [internal] load metadata for docker.io/library/busybox:latest"), "{plain}");
}

#[test]
fn add_url_fails_without_a_network_and_copy_url_is_refused() {
    let mut h = Host::new();
    let r = h.build("FROM busybox\nADD https://example.com/app.tar.gz /opt/\n", &context(&[]));
    let plain = render_plain(&r);
    assert!(plain.contains("#5 https://example.com/app.tar.gz\n#5 ERROR: Get \"https://example.com/app.tar.gz\": dial tcp: lookup example.com on 127.0.0.11:53: no such host\n"), "{plain}");
    assert!(plain.ends_with("ERROR: failed to build: failed to solve: failed to load cache key: Get \"https://example.com/app.tar.gz\": dial tcp: lookup example.com on 127.0.0.11:53: no such host\n"));
    let r = h.build("FROM busybox\nCOPY https://example.com/x /x\n", &context(&[]));
    assert_eq!(r.error.unwrap().message, "dockerfile parse error on line 2: source can't be a URL for COPY");
}

#[test]
fn workdir_root_is_history_only() {
    let mut h = Host::new();
    let r = h.build("FROM busybox\nWORKDIR /\nRUN echo hi\n", &context(&[]));
    let labels: Vec<String> = steps(&r).into_iter().map(|s| s.0).collect();
    assert_eq!(labels, ["[3/3] RUN echo hi"]);
    let img = h.images.get(r.image_id.as_ref().unwrap()).unwrap();
    let wd = img.config.history.iter().find(|h| h.created_by == "WORKDIR /").unwrap();
    assert!(wd.empty_layer);
}

#[test]
fn onbuild_and_healthcheck_land_in_the_config_and_triggers_fire_in_children() {
    let mut h = Host::new();
    let base = "FROM busybox\nONBUILD RUN echo from-trigger > /t.txt\nHEALTHCHECK --interval=5s CMD true\n";
    let r = h.build_with(BuildRequest { dockerfile: base.into(), tags: vec!["base".into()], ..Default::default() });
    let img = h.images.get(r.image_id.as_ref().unwrap()).unwrap().clone();
    assert_eq!(img.config.config.on_build, ["RUN echo from-trigger > /t.txt"]);
    let hc = img.config.config.healthcheck.clone().unwrap();
    assert_eq!((hc.test, hc.interval), (vec!["CMD-SHELL".to_string(), "true".to_string()], 5_000_000_000));
    assert!(img.config.to_json().contains(
        "\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"true\"],\"Interval\":5000000000},\"OnBuild\":[\"RUN echo from-trigger > /t.txt\"]"
    ));
    let child = h.build("FROM base\nRUN cat /t.txt\n", &context(&[]));
    assert!(child.ok, "{:?}", child.error);
    let labels: Vec<String> = steps(&child).into_iter().map(|s| s.0).collect();
    assert_eq!(labels, ["[2/3] ONBUILD RUN echo from-trigger > /t.txt", "[3/3] RUN cat /t.txt"]);
    let img = h.images.get(child.image_id.as_ref().unwrap()).unwrap();
    assert!(img.config.config.on_build.is_empty(), "triggers are not passed on to grandchildren");
}

#[test]
fn copy_link_layers_do_not_depend_on_what_is_below() {
    let ctx = context(&[("a.txt", "a")]);
    let mut h = Host::new();
    let one = h.build("FROM busybox\nRUN echo one > /one\nCOPY --link a.txt /etc/\nRUN cat /etc/a.txt\n", &ctx);
    let two = h.build("FROM busybox\nRUN echo two > /two\nCOPY --link a.txt /etc/\nRUN cat /etc/a.txt\n", &ctx);
    let s = steps(&two);
    // BuildKit shows the copy and its merge onto the new parent as one step,
    // CACHED only when both are: here only the copy is, so it says DONE and
    // every later step (which sits on the merge) runs again.
    assert!(!s[0].1 && !s[1].1 && !s[2].1, "{s:?}");
    assert!(render_plain(&two).contains("COPY --link a.txt /etc/\n#7 DONE 0.0s\n"), "{}", render_plain(&two));
    let again = h.build("FROM busybox\nRUN echo two > /two\nCOPY --link a.txt /etc/\nRUN cat /etc/a.txt\n", &ctx);
    assert!(steps(&again).iter().all(|s| s.1), "an unchanged rebuild is all CACHED");
    let layer = |r: &BuildReport| {
        let layers = &h.images.get(r.image_id.as_ref().unwrap()).unwrap().layers;
        layers[layers.len() - 2].clone()
    };
    assert_eq!(layer(&one).diff_id, layer(&two).diff_id);
    let kinds: Vec<(String, crate::layer::ChangeKind)> = layer(&one).entries.iter().map(|e| (e.path.clone(), e.kind)).collect();
    assert_eq!(kinds, [("etc".to_string(), crate::layer::ChangeKind::Added), ("etc/a.txt".to_string(), crate::layer::ChangeKind::Added)]);
}

#[test]
fn bind_mounts_are_visible_during_run_only_and_key_on_their_content() {
    let df = "FROM busybox\nRUN --mount=type=bind,source=data.txt,target=/mnt/data.txt cat /mnt/data.txt\n";
    let mut h = Host::new();
    let r = h.build(df, &context(&[("data.txt", "mounted\n")]));
    assert!(r.ok, "{:?}", r.error);
    assert!(render_plain(&r).contains(" mounted\n"));
    let img = h.images.get(r.image_id.as_ref().unwrap()).unwrap();
    let layer = img.layers.last().unwrap();
    assert_eq!(layer.size, 0, "the mounted file is not in the layer");
    assert!(steps(&h.build(df, &context(&[("data.txt", "mounted\n")])))[0].1);
    let s = steps(&h.build(df, &context(&[("data.txt", "changed\n")])));
    assert!(!s[0].1);
    assert!(s[0].2.ends_with(": data.txt changed"), "{}", s[0].2);
}

#[test]
fn catalog_based_builds_are_deterministic_and_fully_cached_the_second_time() {
    let df = "FROM node:14-alpine\nWORKDIR /app\nCOPY package.json .\nCOPY . .\nCMD [\"node\", \"server.js\"]\n";
    let ctx = context(&[("package.json", "{}"), ("server.js", "console.log(1)")]);
    let (mut a, mut b) = (Host::new(), Host::new());
    let first = a.build(df, &ctx);
    assert!(first.ok, "{:?}", first.error);
    assert_eq!(first.image_id, b.build(df, &ctx).image_id);
    let again = a.build(df, &ctx);
    assert!(steps(&again).iter().all(|s| s.1));
    assert_eq!(again.image_id, first.image_id);
    let img = a.images.get(first.image_id.as_ref().unwrap()).unwrap();
    assert_eq!(img.config.config.cmd.as_deref(), Some(&["node".to_string(), "server.js".to_string()][..]));
    assert!(img.layers.len() > 3, "base layers are kept under the new ones");
}

#[test]
fn several_sources_without_a_trailing_slash_overwrite_one_path_as_buildkit_does() {
    let ctx = context(&[("one", "1"), ("two", "2")]);
    let mut h = Host::new();
    let r = h.build("FROM scratch\nCOPY one two /dest\nCOPY one two /dir/\n", &ctx);
    assert!(r.ok, "{:?}", r.error);
    let img = h.images.get(r.image_id.as_ref().unwrap()).unwrap();
    let fs = super::diff::materialize(&img.layers);
    assert_eq!(fs.read("/dest").unwrap(), b"2", "moby/buildkit#1853");
    assert!(fs.exists("/dir/one") && fs.exists("/dir/two"));
}

#[test]
fn cache_lesson_with_npm_install() {
    let good = "FROM node\nWORKDIR /app\nCOPY package.json /app\nRUN npm install\nCOPY . /app\nCMD [\"node\", \"server.js\"]\n";
    let bad = "FROM node\nWORKDIR /app\nCOPY . /app\nRUN npm install\nCMD [\"node\", \"server.js\"]\n";
    let pkg = "{\"name\":\"app\",\"version\":\"1.0.0\",\"dependencies\":{\"express\":\"^4.18.2\"}}";
    let v1 = context(&[("package.json", pkg), ("server.js", "require('express')().listen(80)")]);
    let v2 = context(&[("package.json", pkg), ("server.js", "require('express')().listen(8080)")]);

    let mut h = Host::new();
    let first = h.build(good, &v1);
    assert!(first.ok, "{:?}", first.error);
    assert!(render_plain(&first).contains("added "), "npm really ran: {}", render_plain(&first));
    let r = h.build(good, &v2);
    let s = steps(&r);
    assert_eq!((s[2].0.as_str(), s[2].1), ("[4/5] RUN npm install", true), "{s:?}");
    assert_eq!(s[3].2, "COPY . /app: server.js changed");
    assert!(render_plain(&r).contains("#8 [4/5] RUN npm install\n#8 CACHED\n"));

    let mut h = Host::new();
    h.build(bad, &v1);
    let r = h.build(bad, &v2);
    let s = steps(&r);
    assert_eq!((s[2].0.as_str(), s[2].1, s[2].2.as_str()), ("[4/4] RUN npm install", false, "re-runs because step 3 re-ran"));
    let plain = render_plain(&r);
    assert!(plain.contains("#8 [4/4] RUN npm install\n#8 "), "{plain}");
    assert!(!plain.contains("#8 CACHED"), "{plain}");
}

#[test]
fn unknown_instructions_get_buildkit_suggestions() {
    let mut h = Host::new();
    let msg = |h: &mut Host, df: &str| h.build(df, &context(&[])).error.unwrap().message;
    assert_eq!(msg(&mut h, "FROM busybox\nRUM echo\n"), "dockerfile parse error on line 2: unknown instruction: RUM (did you mean RUN?)");
    assert_eq!(
        msg(&mut h, "FROM busybox\ncopyy a b\n"),
        "dockerfile parse error on line 2: unknown instruction: copyy (did you mean copy?)"
    );
    assert_eq!(msg(&mut h, "FROM busybox\nBADCMD x\n"), "dockerfile parse error on line 2: unknown instruction: BADCMD");
}

#[test]
fn instruction_errors_word_and_prefix_as_buildkit() {
    let mut h = Host::new();
    let msg = |h: &mut Host, df: &str| h.build(df, &context(&[])).error.unwrap().message;
    assert_eq!(msg(&mut h, "FROM busybox\nENV ONLY\n"), "ENV must have two arguments");
    assert_eq!(msg(&mut h, "FROM busybox\nENV a=1 b\n"), "Syntax error - can't find = in \"b\". Must be of the form: name=value");
    assert_eq!(
        msg(&mut h, "FROM busybox AS 1st\n"),
        "dockerfile parse error on line 1: invalid name for build stage: \"1st\", name can't start with a number or contain symbols"
    );
    assert_eq!(msg(&mut h, "FROM busybox\nEXPOSE\n"), "dockerfile parse error on line 2: EXPOSE requires at least one argument");
    assert_eq!(msg(&mut h, "FROM busybox\nARG =x\n"), "dockerfile parse error on line 2: ARG names can not be blank");
}

#[test]
fn build_checks_are_reported_after_the_progress() {
    let mut h = Host::new();
    let r = h.build("FROM busybox as base\nENV A 1\nWORKDIR app\nCMD echo hi\n", &context(&[]));
    let plain = render_plain(&r);
    assert!(plain.ends_with(
        "\n 4 warnings found (use docker --debug to expand):\n - FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)\n - LegacyKeyValueFormat: \"ENV key=value\" should be used instead of legacy \"ENV key value\" format (line 2)\n - WorkdirRelativePath: Relative workdir \"app\" can have unexpected results if the base image changes (line 3)\n - JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals (line 4)\n"
    ), "{plain}");
}

#[test]
fn secrets_in_arg_or_env_are_flagged() {
    let mut h = Host::new();
    let r = h.build("FROM busybox\nARG DB_PASSWORD\nENV API_TOKEN=x PUBLIC_KEY=y MONKEY=z\n", &context(&[]));
    let rules: Vec<(String, String)> = r.lint.iter().map(|w| (w.rule.clone(), w.message.clone())).collect();
    assert_eq!(
        rules,
        [
            (
                "SecretsUsedInArgOrEnv".to_string(),
                "Do not use ARG or ENV instructions for sensitive data (ARG \"DB_PASSWORD\")".to_string()
            ),
            ("SecretsUsedInArgOrEnv".to_string(), "Do not use ARG or ENV instructions for sensitive data (ENV \"API_TOKEN\")".to_string()),
        ]
    );
}
