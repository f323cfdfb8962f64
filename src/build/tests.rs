use super::*;
use crate::vfs::Content;

fn context(files: &[(&str, &str)]) -> Fs {
    let mut fs = Fs::new();
    for (path, body) in files {
        fs.write(&format!("/{path}"), Content::from_bytes(*body), Meta::new(0o644, 0)).unwrap();
    }
    fs
}

fn build_once(images: &mut ImageStore, cache: &mut BuildCache, dockerfile: &str, ctx: &Fs) -> BuildReport {
    let request = BuildRequest { dockerfile: dockerfile.into(), context: ctx.clone(), tags: vec!["app".into()], no_cache: false };
    build(BuildEnv { images, cache, now: 1_700_000_000 }, &request)
}

const DF: &str = "FROM busybox\nWORKDIR /app\nCOPY hello.txt .\nRUN echo built > /app/built.txt\nCMD [\"cat\", \"/app/hello.txt\"]\n";

#[test]
fn same_inputs_same_image_id_and_second_build_is_cached() {
    let ctx = context(&[("hello.txt", "hi\n")]);
    let (mut i1, mut c1) = (ImageStore::default(), BuildCache::default());
    let (mut i2, mut c2) = (ImageStore::default(), BuildCache::default());
    let a = build_once(&mut i1, &mut c1, DF, &ctx);
    let b = build_once(&mut i2, &mut c2, DF, &ctx);
    assert!(a.ok, "{:?}", a.error);
    assert_eq!(a.image_id, b.image_id);
    let again = build_once(&mut i1, &mut c1, DF, &ctx);
    let cached = again.events.iter().filter(|e| matches!(e, BuildEvent::StepCached { .. })).count();
    assert_eq!(cached, 3);
    assert_eq!(again.image_id, a.image_id);
}

#[test]
fn changing_a_copied_byte_changes_the_id_and_reruns_later_steps() {
    let (mut images, mut cache) = (ImageStore::default(), BuildCache::default());
    let a = build_once(&mut images, &mut cache, DF, &context(&[("hello.txt", "hi\n")]));
    let b = build_once(&mut images, &mut cache, DF, &context(&[("hello.txt", "ho\n")]));
    assert_ne!(a.image_id, b.image_id);
    let reasons: Vec<&str> = b
        .events
        .iter()
        .filter_map(|e| match e {
            BuildEvent::StepDone { reason: Some(r), .. } => Some(r.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(reasons.len(), 2);
    assert!(reasons[1].starts_with("re-runs because step"));
}

#[test]
fn scratch_copy_works_and_run_without_shell_fails_like_buildkit() {
    let (mut images, mut cache) = (ImageStore::default(), BuildCache::default());
    let ok = build_once(&mut images, &mut cache, "FROM scratch\nCOPY hello.txt /\n", &context(&[("hello.txt", "hi")]));
    assert!(ok.ok);
    let bad = build_once(&mut images, &mut cache, "FROM scratch\nRUN echo hi > /x\n", &context(&[]));
    let err = bad.error.unwrap();
    assert_eq!(err.start_line, 2);
    assert!(err.message.contains("/bin/sh"), "{}", err.message);
}

#[test]
fn plain_progress_names_steps_and_errors() {
    let (mut images, mut cache) = (ImageStore::default(), BuildCache::default());
    let report = build_once(&mut images, &mut cache, "FROM busybox\nRUN false\n", &context(&[]));
    let plain = render_plain(&report);
    assert!(plain.contains("#2 [2/2] RUN false\n"), "{plain}");
    assert!(plain.ends_with(
        "ERROR: failed to build: failed to solve: process \"/bin/sh -c false\" did not complete successfully: exit code: 1\n"
    ));
}
