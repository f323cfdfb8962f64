//! Every lesson in lessons/ is solved by its reference solution, and its
//! plausible wrong solution leaves at least one goal unmet.

use dockersim::lesson::{run_solution, Lesson};
use std::path::Path;

fn lessons() -> Vec<(String, Lesson)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                Lesson::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display())),
            )
        })
        .collect()
}

#[test]
fn every_lesson_is_solved_by_its_solution_within_par() {
    let all = lessons();
    assert!(all.len() >= 15, "only {} lessons", all.len());
    let mut failures = Vec::new();
    for (file, lesson) in &all {
        let mut engine = lesson.start();
        let before = lesson.evaluate(&engine);
        assert!(before.iter().any(|g| !g.met), "{file}: already solved before starting");
        let used = run_solution(&mut engine, &lesson.solution);
        assert!(used <= lesson.par + 1, "{file}: solution uses {used} commands, par {}", lesson.par);
        for g in lesson.evaluate(&engine) {
            if !g.met {
                failures.push(format!("{file}: unmet after the solution: {}", g.text.en));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_wrong_solution_leaves_a_named_goal_unmet() {
    for (file, lesson) in lessons() {
        let wrong = lesson.wrong_solution.as_ref().unwrap_or_else(|| panic!("{file}: no wrong_solution"));
        let mut engine = lesson.start();
        run_solution(&mut engine, wrong);
        let unmet: Vec<String> = lesson.evaluate(&engine).into_iter().filter(|g| !g.met).map(|g| g.text.en).collect();
        assert!(!unmet.is_empty(), "{file}: the wrong solution passes every goal");
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            println!("UNMET {file}\t{}", unmet.join("\t"));
            continue;
        }
        assert!(!lesson.wrong_solution_unmet.is_empty(), "{file}: wrong_solution_unmet names no goal");
        for named in &lesson.wrong_solution_unmet {
            assert!(unmet.contains(named), "{file}: the wrong solution should leave \"{named}\" unmet; unmet: {unmet:?}");
        }
    }
}

#[test]
fn stray_images_and_containers_never_block_completion() {
    for (file, lesson) in lessons() {
        let mut engine = lesson.start();
        for line in ["docker pull busybox", "docker run --name stray-box busybox true", "docker tag busybox stray:1"] {
            engine.run_command(line);
        }
        run_solution(&mut engine, &lesson.solution);
        assert!(lesson.evaluate(&engine).iter().all(|g| g.met), "{file}: extra images/containers blocked completion");
    }
}
