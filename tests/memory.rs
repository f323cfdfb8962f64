//! Memory over a long session: 500 builds and 500 container runs (run, then
//! rm) in one engine. The live heap (a counting allocator) is printed before
//! and after; once the learner prunes what they made, it must come back near
//! where it started.

#[path = "../examples/common/counting_alloc.rs"]
mod counting_alloc;

use counting_alloc::LIVE;
use dockersim::Engine;
use std::sync::atomic::Ordering;

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

#[test]
fn five_hundred_builds_and_runs_return_near_the_start() {
    let mut engine = Engine::default();
    let ok = |engine: &mut Engine, line: &str| {
        let out = engine.run_command(line);
        assert_eq!(out.exit_code, 0, "{line}: {}", out.text());
    };
    engine.write_host_file("/home/learner/app/Dockerfile", b"FROM busybox\nCOPY n.txt /n.txt\nRUN cat /n.txt\n").unwrap();
    engine.write_host_file("/home/learner/app/n.txt", b"0\n").unwrap();
    ok(&mut engine, "cd app");
    // Warm up: the base image, the first build and run, lazily built tables.
    ok(&mut engine, "docker build -q -t app .");
    ok(&mut engine, "docker run --name c0 app cat /n.txt");
    ok(&mut engine, "docker rm c0");
    ok(&mut engine, "docker image prune -f");
    ok(&mut engine, "docker builder prune -af");
    let before = LIVE.load(Ordering::Relaxed);
    for i in 1..=500 {
        engine.write_host_file("/home/learner/app/n.txt", format!("{i}\n").as_bytes()).unwrap();
        ok(&mut engine, "docker build -q -t app .");
        ok(&mut engine, &format!("docker run --name c{i} app cat /n.txt"));
        ok(&mut engine, &format!("docker rm c{i}"));
    }
    let peak_session = LIVE.load(Ordering::Relaxed);
    ok(&mut engine, "docker image prune -f");
    ok(&mut engine, "docker builder prune -af");
    let after = LIVE.load(Ordering::Relaxed);
    println!(
        "heap: {:.2} MB before, {:.2} MB after 500 builds and 500 runs, {:.2} MB after image and builder prune",
        mb(before),
        mb(peak_session),
        mb(after)
    );
    assert!(after <= before + 2_000_000, "heap grew from {:.2} MB to {:.2} MB", mb(before), mb(after));
}
