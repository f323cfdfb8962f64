//! Here-documents on RUN, COPY and ADD (BuildKit `parser.go`
//! `heredocsFromLine`): bodies are lifted out of the Dockerfile text before
//! line parsing (replaced by empty lines, so line numbers stay) and attached
//! to the instruction whose line holds the `<<MARKER`.

use super::plan::Heredoc;
use std::collections::BTreeMap;

/// The text with heredoc bodies blanked, and the heredocs by 1-based marker line.
pub fn extract(text: &str) -> Result<(String, BTreeMap<usize, Vec<Heredoc>>), String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut found: BTreeMap<usize, Vec<Heredoc>> = BTreeMap::new();
    let mut keyword = String::new();
    let mut continued = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_start();
        if !continued && !trimmed.is_empty() && !trimmed.starts_with('#') {
            keyword = trimmed.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
        }
        continued = line.trim_end_matches(['\r', ' ', '\t']).ends_with('\\') && !trimmed.starts_with('#');
        out.push(line.to_string());
        let marker_line = i + 1;
        i += 1;
        if !matches!(keyword.as_str(), "RUN" | "COPY" | "ADD") || trimmed.starts_with('#') {
            continue;
        }
        let markers: Vec<(String, bool, bool)> = line.split_whitespace().filter_map(marker).collect();
        for (name, chomp, expand) in markers {
            let mut body = String::new();
            let mut closed = false;
            while i < lines.len() {
                let l = lines[i].trim_end_matches('\r');
                out.push(String::new());
                i += 1;
                let cmp = if chomp { l.trim_start_matches('\t') } else { l };
                if cmp == name {
                    closed = true;
                    break;
                }
                body.push_str(if chomp { l.trim_start_matches('\t') } else { l });
                body.push('\n');
            }
            if !closed {
                return Err("unterminated heredoc".into());
            }
            found.entry(marker_line).or_default().push(Heredoc { name, content: body, expand });
        }
    }
    Ok((out.join("\n"), found))
}

/// `<<EOF`, `<<-EOF`, `<<"EOF"`, `2<<'EOF'` → (name, chomp tabs, expand).
fn marker(word: &str) -> Option<(String, bool, bool)> {
    let at = word.find("<<")?;
    if !word[..at].chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let rest = &word[at + 2..];
    let (chomp, rest) = match rest.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    if rest.is_empty() || rest.contains('<') {
        return None;
    }
    let quoted = rest.contains(['"', '\'']);
    let name: String = rest.chars().filter(|c| *c != '"' && *c != '\'').collect();
    if name.is_empty() {
        return None;
    }
    Some((name, chomp, !quoted))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifts_bodies_and_keeps_line_numbers() {
        let text = "FROM busybox\nRUN <<EOF\necho one\n# not a comment here\nEOF\nCOPY <<-'A' <<B /dst/\n\tx $V\n\tA\ny\nB\nCMD x\n";
        let (clean, docs) = extract(text).unwrap();
        assert_eq!(clean.lines().count(), text.lines().count());
        assert_eq!(clean.lines().nth(10), Some("CMD x"));
        assert_eq!(docs[&2][0].content, "echo one\n# not a comment here\n");
        let copy = &docs[&6];
        assert_eq!((copy[0].name.as_str(), copy[0].content.as_str(), copy[0].expand), ("A", "x $V\n", false));
        assert_eq!((copy[1].name.as_str(), copy[1].content.as_str(), copy[1].expand), ("B", "y\n", true));
        assert_eq!(extract("FROM a\nRUN <<EOF\nnever closed\n").unwrap_err(), "unterminated heredoc");
        assert!(extract("FROM a\nRUN echo \"<<NOT\" a<<b\n").unwrap().1.is_empty());
    }
}
