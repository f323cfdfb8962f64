//! `tree`: a directory listed as a tree, as tree 2.x prints it in a
//! container (the C locale: ASCII line drawing, byte-order sorting).

use super::Prog;
use crate::shell::interp::{Flow, Shell};
use crate::vfs::Node;

type Out = Result<Option<i32>, Flow>;

struct Options {
    all: bool,
    dirs_only: bool,
    full_path: bool,
    dirs_first: bool,
    report: bool,
    max_depth: Option<usize>,
    ignore: Vec<String>,
}

#[derive(Default)]
struct Counts {
    dirs: usize,
    files: usize,
}

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    if prog.name != "tree" {
        return Ok(None);
    }
    let mut o =
        Options { all: false, dirs_only: false, full_path: false, dirs_first: false, report: true, max_depth: None, ignore: Vec::new() };
    let mut roots = Vec::new();
    let mut args = argv[1..].iter();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--noreport" => o.report = false,
            "--dirsfirst" => o.dirs_first = true,
            "--version" => {
                sh.out_str("tree v2.1.0 © 1996 - 2022 by Steve Baker, Thomas Moore, Francesc Rocher, Florian Sesser, Kyosuke Tokoro\n")?;
                return Ok(Some(0));
            }
            "-L" | "-I" => {
                let Some(v) = args.next() else {
                    sh.err_str(&format!("tree: Missing argument to {a} option.\n"))?;
                    return Ok(Some(1));
                };
                if a == "-L" {
                    match v.parse::<usize>() {
                        Ok(n) if n > 0 => o.max_depth = Some(n),
                        _ => {
                            sh.err_str("tree: Invalid level, must be greater than 0.\n")?;
                            return Ok(Some(1));
                        }
                    }
                } else {
                    o.ignore.extend(v.split('|').map(str::to_string));
                }
            }
            s if s.starts_with("--") => {
                sh.err_str(&format!("tree: Invalid argument `{s}'.\n"))?;
                return Ok(Some(1));
            }
            s if s.starts_with('-') && s.len() > 1 => {
                for c in s[1..].chars() {
                    match c {
                        'a' => o.all = true,
                        'd' => o.dirs_only = true,
                        'f' => o.full_path = true,
                        // Colour, indentation and charset choices change nothing here.
                        'C' | 'n' | 'N' | 'l' => {}
                        _ => {
                            sh.err_str(&format!("tree: Invalid argument -`{c}'.\n"))?;
                            return Ok(Some(1));
                        }
                    }
                }
            }
            _ => roots.push(a.clone()),
        }
    }
    if roots.is_empty() {
        roots.push(".".into());
    }
    let mut text = String::new();
    let mut counts = Counts::default();
    for root in &roots {
        let abs = sh.abs(root);
        match sh.fs().get(&abs) {
            Ok(node @ Node::Dir { .. }) => {
                text.push_str(root);
                text.push('\n');
                walk(node, root, "", 1, &o, &mut counts, &mut text);
            }
            Ok(_) => {
                text.push_str(&format!("{root}  [error opening dir]\n"));
            }
            Err(_) => text.push_str(&format!("{root}  [error opening dir]\n")),
        }
    }
    if o.report {
        let dirs = format!("{} director{}", counts.dirs, if counts.dirs == 1 { "y" } else { "ies" });
        if o.dirs_only {
            text.push_str(&format!("\n{dirs}\n"));
        } else {
            text.push_str(&format!("\n{dirs}, {} file{}\n", counts.files, if counts.files == 1 { "" } else { "s" }));
        }
    }
    sh.out_str(&text)?;
    Ok(Some(0))
}

fn walk(dir: &Node, path: &str, prefix: &str, depth: usize, o: &Options, counts: &mut Counts, text: &mut String) {
    let Node::Dir { entries, .. } = dir else { return };
    if o.max_depth.is_some_and(|m| depth > m) || depth > 64 {
        return;
    }
    let mut shown: Vec<(&String, &Node)> = entries
        .iter()
        .filter(|(name, _)| o.all || !name.starts_with('.'))
        .filter(|(name, _)| !o.ignore.iter().any(|p| crate::glob::Glob::shell(p).is_match(name)))
        .filter(|(_, n)| !o.dirs_only || matches!(n, Node::Dir { .. }))
        .collect();
    if o.dirs_first {
        shown.sort_by_key(|(name, n)| (!matches!(n, Node::Dir { .. }), name.as_bytes()));
    }
    let last = shown.len().saturating_sub(1);
    for (i, (name, node)) in shown.into_iter().enumerate() {
        let child = format!("{}/{name}", path.trim_end_matches('/'));
        let shown_name = if o.full_path { child.clone() } else { name.clone() };
        let branch = if i == last { "`-- " } else { "|-- " };
        match node {
            Node::Symlink { target, .. } => {
                text.push_str(&format!("{prefix}{branch}{shown_name} -> {target}\n"));
                counts.files += 1;
            }
            Node::Dir { .. } => {
                text.push_str(&format!("{prefix}{branch}{shown_name}\n"));
                counts.dirs += 1;
                let deeper = format!("{prefix}{}", if i == last { "    " } else { "|   " });
                walk(node, &child, &deeper, depth + 1, o, counts, text);
            }
            _ => {
                text.push_str(&format!("{prefix}{branch}{shown_name}\n"));
                counts.files += 1;
            }
        }
    }
}
