//! The JavaScript-facing API, exercised from inside wasm (runs under Node via
//! wasm-bindgen-test-runner; see `make test-wasm`).
#![cfg(target_arch = "wasm32")]

use dockersim::bindings::DockerSim;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn files(pairs: &[(&str, &str)]) -> JsValue {
    let obj = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(&obj, &JsValue::from_str(k), &JsValue::from_str(v)).unwrap();
    }
    obj.into()
}

fn get(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

const DF: &str = "FROM scratch\nCOPY hello.txt /\n";

#[wasm_bindgen_test]
fn build_returns_a_plain_object_with_events_and_digests() {
    let mut sim = DockerSim::new(None);
    let report = sim.build(DF, files(&[("hello.txt", "hi")]), Some("app".into()), false).unwrap();
    assert_eq!(get(&report, "ok"), JsValue::TRUE);
    let id = get(&report, "image_id").as_string().unwrap();
    assert!(id.starts_with("sha256:") && id.len() == 71, "{id}");
    let events = js_sys::Array::from(&get(&report, "events"));
    let kinds: Vec<String> = events.iter().map(|e| get(&e, "type").as_string().unwrap()).collect();
    assert!(kinds.contains(&"step_done".to_string()), "{kinds:?}");
    assert_eq!(kinds.last().map(String::as_str), Some("image_written"), "{kinds:?}");
    assert!(get(&report, "plain").as_string().unwrap().contains("[1/1] COPY hello.txt /"));
}

#[wasm_bindgen_test]
fn digests_match_a_second_engine_and_rebuilds_are_cached() {
    let mut a = DockerSim::new(None);
    let mut b = DockerSim::new(None);
    let ra = a.build(DF, files(&[("hello.txt", "hi")]), None, false).unwrap();
    let rb = b.build(DF, files(&[("hello.txt", "hi")]), None, false).unwrap();
    assert_eq!(get(&ra, "image_id"), get(&rb, "image_id"));
    let again = a.build(DF, files(&[("hello.txt", "hi")]), None, false).unwrap();
    let events = js_sys::Array::from(&get(&again, "events"));
    let cached = events.iter().filter(|e| get(e, "type").as_string().as_deref() == Some("step_cached")).count();
    assert_eq!(cached, 1, "the COPY step comes from the cache");
}

#[wasm_bindgen_test]
fn bad_files_argument_is_an_error_not_a_panic() {
    let mut sim = DockerSim::new(None);
    assert!(sim.build(DF, JsValue::from_f64(3.0), None, false).is_err());
}

const APP: &str = "/home/learner/app";

/// A machine with `~/app` holding a one-file context, the terminal in it.
fn machine() -> DockerSim {
    let mut sim = DockerSim::new(None);
    sim.run(&format!("mkdir -p {APP}")).unwrap();
    sim.write_file(&format!("{APP}/Dockerfile"), DF).unwrap();
    sim.write_file(&format!("{APP}/hello.txt"), "hi").unwrap();
    sim.run(&format!("cd {APP}")).unwrap();
    sim
}

#[wasm_bindgen_test]
fn a_terminal_line_returns_chunks_exit_code_prompt_and_the_build() {
    let mut sim = machine();
    let out = sim.run("docker build -t app .").unwrap();
    assert_eq!(get(&out, "exit_code").as_f64(), Some(0.0));
    assert_eq!(get(&out, "prompt").as_string().unwrap(), sim.prompt());
    let build = get(&out, "build");
    assert_eq!(get(&build, "ok"), JsValue::TRUE);
    let chunks = js_sys::Array::from(&get(&out, "chunks"));
    let first = js_sys::Array::from(&chunks.get(0));
    assert!(matches!(first.get(0).as_string().as_deref(), Some("stdout" | "stderr")));
    let ls = sim.run("ls").unwrap();
    assert!(get(&ls, "build").is_null() || get(&ls, "build").is_undefined());
    assert!(get(&ls, "text").as_string().unwrap().contains("hello.txt"));
    let bad = sim.run("docker nosuch").unwrap();
    assert_ne!(get(&bad, "exit_code").as_f64(), Some(0.0));
}

#[wasm_bindgen_test]
fn files_written_from_js_are_what_the_terminal_sees() {
    let mut sim = machine();
    sim.run("echo more >> hello.txt").unwrap();
    assert_eq!(sim.read_file("hello.txt").as_deref(), Some("himore\n"));
    sim.remove_file("hello.txt").unwrap();
    assert_eq!(sim.read_file(&format!("{APP}/hello.txt")), None);
}

#[wasm_bindgen_test]
fn check_gives_severity_message_lines_and_byte_spans() {
    let sim = DockerSim::new(None);
    let found = js_sys::Array::from(&sim.check("FROM alpine\nRUNN x\n").unwrap());
    assert_eq!(found.length(), 1);
    let d = found.get(0);
    assert_eq!(get(&d, "severity").as_string().as_deref(), Some("error"));
    assert_eq!(get(&d, "start_line").as_f64(), Some(2.0));
    let span = js_sys::Array::from(&get(&d, "span"));
    assert_eq!(span.get(0).as_f64(), Some(12.0));
    assert!(js_sys::Array::from(&sim.check("FROM alpine\n").unwrap()).length() == 0);
}

#[wasm_bindgen_test]
fn predict_and_state_describe_what_a_build_would_do_and_made() {
    let mut sim = machine();
    let before = sim.predict(DF).unwrap();
    let steps = js_sys::Array::from(&get(&before, "steps"));
    assert!(steps.iter().any(|s| get(&s, "cached") == JsValue::FALSE));
    sim.run("docker build -t app .").unwrap();
    let after = js_sys::Array::from(&get(&sim.predict(DF).unwrap(), "steps"));
    assert!(after.iter().all(|s| get(&s, "cached") == JsValue::TRUE));
    let state = sim.state().unwrap();
    let images = js_sys::Array::from(&get(&state, "images"));
    assert_eq!(images.length(), 1);
    let layers = js_sys::Array::from(&get(&images.get(0), "layers"));
    assert_eq!(layers.length(), 1);
    assert_eq!(get(&state, "cwd").as_string().as_deref(), Some(APP));
}

#[wasm_bindgen_test]
fn layer_changes_list_what_a_layer_added() {
    let mut sim = machine();
    sim.run("docker build -t app .").unwrap();
    let changes = sim.layer_changes("app", 0, 10).unwrap();
    assert_eq!(get(&changes, "total").as_f64(), Some(1.0));
    let entry = js_sys::Array::from(&get(&changes, "entries")).get(0);
    assert_eq!(get(&entry, "path").as_string().as_deref(), Some("hello.txt"));
    assert_eq!(get(&entry, "kind").as_string().as_deref(), Some("A"));
    assert_eq!(get(&entry, "size").as_f64(), Some(2.0));
    assert!(sim.layer_changes("app", 5, 10).is_err());
}

#[wasm_bindgen_test]
fn merged_filesystems_of_layers_and_containers_browse_folder_by_folder() {
    let mut sim = machine();
    sim.run("docker build -t app .").unwrap();
    let root = js_sys::Array::from(&sim.fs_listing("app", 0, "/").unwrap());
    let names: Vec<String> = root.iter().map(|e| get(&e, "name").as_string().unwrap()).collect();
    assert_eq!(names, ["hello.txt"]);
    assert_eq!(get(&root.get(0), "mode").as_string().as_deref(), Some("-rw-r--r--"));
    assert!(sim.fs_listing("app", 0, "/nope").is_err());
    sim.run("docker create --name c1 app /hello.txt").unwrap();
    let changes = sim.container_changes("c1", 10).unwrap();
    assert_eq!(get(&changes, "total").as_f64(), Some(0.0));
    let listing = js_sys::Array::from(&sim.container_fs_listing("c1", "/").unwrap());
    assert!(listing.iter().any(|e| get(&e, "name").as_string().as_deref() == Some("hello.txt")));
}
