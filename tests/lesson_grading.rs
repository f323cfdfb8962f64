//! Grading for classes: `dockersim lesson grade` over a folder of
//! submissions (correct, wrong, empty, broken) writes the expected CSV, and
//! every `--format` of `lesson check` matches its golden file
//! (`UPDATE_EXPECT=1` rewrites the goldens; review them).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn golden(name: &str, actual: &str) {
    let path = root().join("tests/lesson_grading").join(name);
    if std::env::var("UPDATE_EXPECT").is_ok_and(|v| v == "1") {
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{name} missing: UPDATE_EXPECT=1"));
    assert_eq!(actual, expected, "{name} differs (UPDATE_EXPECT=1 to accept)");
}

#[test]
fn a_class_folder_grades_to_the_expected_csv() {
    let out = std::env::temp_dir().join(format!("dockersim-grade-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    let lesson = root().join("lessons/13-multi-stage.json");
    let class = root().join("tests/lesson_grading/class");
    let run = Command::new(env!("CARGO_BIN_EXE_dockersim"))
        .args(["lesson", "grade"])
        .arg(&lesson)
        .arg("--submissions")
        .arg(&class)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("run dockersim");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    golden("results.csv", &std::fs::read_to_string(out.join("results.csv")).unwrap());
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("results.json")).unwrap()).unwrap();
    assert_eq!(json.as_array().map(Vec::len), Some(6));
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn every_format_matches_its_golden_file() {
    let lesson = root().join("lessons/13-multi-stage.json");
    let script = root().join("tests/lesson_grading/class/bob.sh");
    for format in ["text", "json", "junit", "tap", "gradescope"] {
        let run = Command::new(env!("CARGO_BIN_EXE_dockersim"))
            .args(["lesson", "check"])
            .arg(&lesson)
            .arg("--script")
            .arg(&script)
            .args(["--format", format])
            .output()
            .expect("run");
        assert_eq!(run.status.code(), Some(1), "{format}: some goals are unmet");
        golden(&format!("bob.{format}"), &String::from_utf8_lossy(&run.stdout));
    }
    let junit = std::fs::read_to_string(root().join("tests/lesson_grading/bob.junit")).unwrap();
    assert!(junit.starts_with("<?xml") && junit.matches("<testcase").count() == 2 && junit.contains("<failure"), "JUnit shape");
}

#[test]
fn exit_status_says_met_unmet_or_cannot_run() {
    let bin = env!("CARGO_BIN_EXE_dockersim");
    let lesson = root().join("lessons/13-multi-stage.json");
    let code = |args: &[&str]| Command::new(bin).args(args).output().expect("run").status.code();
    assert_eq!(code(&["lesson", "check", lesson.to_str().unwrap()]), Some(0), "the reference solution");
    assert_eq!(code(&["lesson", "check", lesson.to_str().unwrap(), "--script", "/nonexistent.sh"]), Some(2));
    assert_eq!(code(&["lesson", "check", "/nonexistent.json"]), Some(2));
    assert_eq!(code(&["lesson", "check", lesson.to_str().unwrap(), "--format", "xml"]), Some(2));
    assert_eq!(code(&["lesson", "check", "--help"]), Some(0));
    assert_eq!(code(&["lesson", "--help"]), Some(0));
}

#[test]
fn every_bundled_lesson_passes_lint() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("lessons"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut problems = Vec::new();
    for f in &files {
        for issue in dockersim::lesson::lint::lint(&std::fs::read_to_string(f).unwrap()) {
            problems.push(format!("{}:{}:{}: {}", f.display(), issue.line, issue.column, issue.message));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let broken = dockersim::lesson::lint::lint("{\n  \"id\": \"x\",\n  \"title\": 3\n}\n");
    assert_eq!((broken[0].line, broken[0].column), (3, 12), "{:?}", broken[0]);
}
