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
