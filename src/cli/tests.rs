//! The engine's terminal API as the page and the lessons use it.

use crate::Engine;

#[test]
fn prompt_follows_the_directory_and_sessions() {
    let mut e = Engine::default();
    assert_eq!(e.prompt(), "learner@dockersim:~$ ");
    e.write_host_file("app/Dockerfile", b"FROM busybox\n").unwrap();
    assert_eq!(e.run_command("cd app").exit_code, 0);
    assert_eq!(e.prompt(), "learner@dockersim:~/app$ ");
    let out = e.run_command("docker run -it busybox");
    assert_eq!(out.exit_code, 0);
    assert!(e.session().is_some());
    assert_eq!(e.prompt(), "/ # ");
    e.run_command("exit");
    assert!(e.session().is_none());
    assert_eq!(e.prompt(), "learner@dockersim:~/app$ ");
}

#[test]
fn output_keeps_stream_order_and_exit_codes() {
    let mut e = Engine::default();
    let out = e.run_command("docker run busybox echo hi");
    assert_eq!(out.exit_code, 0);
    assert!(out.stderr().starts_with("Unable to find image 'busybox:latest' locally\n"));
    assert!(out.text().ends_with("hi\n"));
    assert_eq!(e.run_command("docker nope").exit_code, 1);
    assert_eq!(e.run_command("docker run --nope busybox").exit_code, 125);
    assert_eq!(e.command_history().len(), 3);
}

#[test]
fn host_files_flow_into_builds() {
    let mut e = Engine::default();
    e.write_host_file("/home/learner/app/Dockerfile", b"FROM busybox\nCOPY hello.txt /hello.txt\n").unwrap();
    e.write_host_file("/home/learner/app/hello.txt", b"v1\n").unwrap();
    e.run_command("cd app");
    assert_eq!(e.run_command("docker build -t app .").exit_code, 0);
    assert_eq!(e.run_command("docker run --rm app cat /hello.txt").stdout(), "v1\n");
    assert_eq!(e.run_command("echo v2 > hello.txt").exit_code, 0);
    assert_eq!(e.read_host_file("hello.txt").unwrap(), b"v2\n");
    e.run_command("docker build -t app .");
    assert_eq!(e.run_command("docker run --rm app cat /hello.txt").stdout(), "v2\n");
    assert!(e.last_build().is_some_and(|b| b.ok));
    assert!(e.image("app").is_some());
    assert_eq!(e.list_host_files("."), vec!["Dockerfile".to_string(), "hello.txt".to_string()]);
}

#[test]
fn containers_share_image_layers_but_not_changes() {
    let mut e = Engine::default();
    e.run_command("docker run --name one busybox sh -c 'echo a > /a.txt'");
    e.run_command("docker run --name two busybox sh -c 'echo b > /b.txt'");
    let a = e.container("one").unwrap();
    let b = e.container("two").unwrap();
    assert!(std::sync::Arc::ptr_eq(&a.base, &b.base));
    assert!(a.fs.exists("/a.txt") && !a.fs.exists("/b.txt"));
    assert!(b.fs.exists("/b.txt") && !b.fs.exists("/a.txt"));
    let commit = e.run_command("docker commit one withfile");
    assert_eq!(commit.exit_code, 0);
    let base_layers = e.image("busybox").unwrap().layers.len();
    assert_eq!(e.image("withfile").unwrap().layers.len(), base_layers + 1);
}

#[test]
fn summaries_describe_containers_and_images() {
    let mut e = Engine::default();
    e.run_command("docker run --name writer busybox sh -c 'echo x > /tmp/x'");
    let s = e.container_summaries();
    assert_eq!(s.len(), 1);
    assert_eq!((s[0].name.as_str(), s[0].state.as_str(), s[0].exit_code), ("writer", "exited", Some(0)));
    assert_eq!(s[0].changes, vec![("C".to_string(), "/tmp".to_string()), ("A".to_string(), "/tmp/x".to_string())]);
    let images = e.image_summaries();
    assert_eq!(images[0].tags, vec!["busybox:latest".to_string()]);
    assert!(serde_json::to_string(&s).is_ok());
}

#[test]
fn disk_usage_counts_shared_layers_once() {
    let mut e = Engine::default();
    e.run_command("docker pull node:20-alpine");
    e.run_command("docker pull nginx:alpine");
    e.run_command("docker run -d --name web nginx:alpine");
    e.run_command("docker exec web sh -c 'echo hi > /tmp/x'");
    let du = super::system::disk_usage(&e);
    assert_eq!(du.images.len(), 2);
    // Both are built on alpine: its layer is counted in each image but stored once.
    assert!(du.images.iter().all(|i| i.shared > 0), "{du:?}");
    assert_eq!(du.images_logical - du.images_actual, du.images[0].shared);
    assert_eq!((du.containers.len(), du.containers[0].running, du.containers[0].size), (1, true, 3));
    assert!(du.images.iter().any(|i| i.name == "nginx:alpine" && i.in_use));
}
