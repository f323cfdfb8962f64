//! Differential tests compare with real programs (BuildKit's parser through
//! PyPI `dockerfile`, skopeo, umoci…). `make test` installs them and sets
//! `DOCKERSIM_REQUIRE_ORACLES=1`, so a missing oracle fails there; run by
//! hand without them, the test says it skipped.

pub fn missing(what: &str) {
    if std::env::var("DOCKERSIM_REQUIRE_ORACLES").is_ok_and(|v| v == "1") {
        panic!("oracle missing: {what} (make test installs it)");
    }
    eprintln!("skipped: {what}");
}
