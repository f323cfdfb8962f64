//! History as the classic (pre-BuildKit) builder wrote it, for images built
//! before the official images moved to BuildKit (node:14, debian:buster,
//! ubuntu): metadata steps are `/bin/sh -c #(nop)  ENV …`, RUN steps are the
//! bare `/bin/sh -c …`, and ADD/COPY name the file by a content hash
//! (`/bin/sh -c #(nop) COPY file:<hex> in /usr/local/bin/ `).

use super::Step;
use crate::digest::sha256_hex;

/// One BuildKit-style `created_by` in the classic builder's words; `key`
/// seeds the `file:` hash of ADD/COPY steps.
pub(crate) fn created_by(buildkit: &str, key: &str) -> String {
    let text = buildkit.strip_suffix(" # buildkit").unwrap_or(buildkit);
    if let Some(run) = text.strip_prefix("RUN ") {
        return run.to_string();
    }
    if text.starts_with("/bin/sh -c") {
        return text.to_string();
    }
    let add = |verb: &str, dest: &str| format!("/bin/sh -c #(nop) {verb} file:{} in {dest} ", sha256_hex(key.as_bytes()));
    if let Some(rest) = text.strip_prefix("COPY ") {
        return add("COPY", rest.rsplit(' ').next().unwrap_or("/"));
    }
    if let Some(rest) = text.strip_prefix("ADD ") {
        return add("ADD", rest.rsplit(' ').next().unwrap_or("/"));
    }
    if text.starts_with("# debian.sh") || text.starts_with("BusyBox") {
        return add("ADD", "/");
    }
    format!("/bin/sh -c #(nop)  {text}")
}

/// Rewrites every step's `created_by` in the classic form.
pub(crate) fn steps(steps: Vec<Step>) -> Vec<Step> {
    steps
        .into_iter()
        .map(|step| match step {
            Step::Layer { key, created_by: by, build } => Step::Layer { created_by: created_by(&by, &key), key, build },
            Step::Meta(by) => Step::Meta(created_by(&by, "")),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::created_by;

    #[test]
    fn buildkit_history_reads_as_the_classic_builder_wrote_it() {
        assert_eq!(created_by("ENV NODE_VERSION=14.21.3", ""), "/bin/sh -c #(nop)  ENV NODE_VERSION=14.21.3");
        assert_eq!(created_by("CMD [\"node\"]", ""), "/bin/sh -c #(nop)  CMD [\"node\"]");
        assert_eq!(created_by("RUN /bin/sh -c set -ex && true # buildkit", "k"), "/bin/sh -c set -ex && true");
        let copy = created_by("COPY docker-entrypoint.sh /usr/local/bin/ # buildkit", "node-entrypoint");
        assert!(copy.starts_with("/bin/sh -c #(nop) COPY file:") && copy.ends_with(" in /usr/local/bin/ "), "{copy}");
        let add = created_by("# debian.sh --arch 'amd64' out/ 'buster' '@1686528000'", "debian:buster");
        assert!(add.starts_with("/bin/sh -c #(nop) ADD file:") && add.ends_with(" in / "), "{add}");
    }
}
