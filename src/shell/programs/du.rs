//! `du`: the disk usage of files and directories, as GNU coreutils and
//! BusyBox print it. Usage is counted as an ext4-like filesystem allocates
//! it: whole 4 KiB blocks per file and per directory, nothing for a symlink
//! (`--apparent-size` / `-b` count bytes instead).

use super::{q, Prog};
use crate::shell::interp::{Flow, Shell};
use crate::vfs::Node;

type Out = Result<Option<i32>, Flow>;

const BLOCK: u64 = 4096;

#[derive(Clone, Copy, PartialEq)]
enum Unit {
    Kib,
    Mib,
    Bytes,
    Human,
}

struct Options {
    all: bool,
    total: bool,
    apparent: bool,
    unit: Unit,
    max_depth: Option<usize>,
    busybox: bool,
}

pub fn run(sh: &mut Shell, prog: &Prog, argv: &[String]) -> Out {
    if prog.name != "du" {
        return Ok(None);
    }
    let mut o = Options { all: false, total: false, apparent: false, unit: Unit::Kib, max_depth: None, busybox: prog.busybox };
    let mut operands = Vec::new();
    let mut args = argv[1..].iter();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--summarize" => o.max_depth = Some(0),
            "--human-readable" => o.unit = Unit::Human,
            "--all" => o.all = true,
            "--total" => o.total = true,
            "--apparent-size" => o.apparent = true,
            "--bytes" => (o.apparent, o.unit) = (true, Unit::Bytes),
            "--" => operands.extend(args.by_ref().cloned()),
            _ if a.starts_with("--max-depth=") => match a["--max-depth=".len()..].parse() {
                Ok(n) => o.max_depth = Some(n),
                Err(_) => return bad_depth(sh, prog, &a["--max-depth=".len()..]),
            },
            _ if a.starts_with('-') && a.len() > 1 && !a.starts_with("--") => {
                let flags: Vec<char> = a[1..].chars().collect();
                for (i, f) in flags.iter().enumerate() {
                    match f {
                        's' => o.max_depth = Some(0),
                        'h' => o.unit = Unit::Human,
                        'a' => o.all = true,
                        'c' => o.total = true,
                        'k' => o.unit = Unit::Kib,
                        'm' => o.unit = Unit::Mib,
                        'b' => (o.apparent, o.unit) = (true, Unit::Bytes),
                        'x' | 'L' | 'H' | 'P' | 'l' => {}
                        'd' => {
                            let rest: String = flags[i + 1..].iter().collect();
                            let value = if rest.is_empty() { args.next().cloned().unwrap_or_default() } else { rest };
                            match value.parse() {
                                Ok(n) => o.max_depth = Some(n),
                                Err(_) => return bad_depth(sh, prog, &value),
                            }
                            break;
                        }
                        other => {
                            let msg = if prog.busybox {
                                format!("du: unrecognized option: {other}\n")
                            } else {
                                format!("du: invalid option -- '{other}'\nTry 'du --help' for more information.\n")
                            };
                            sh.err_str(&msg)?;
                            return Ok(Some(1));
                        }
                    }
                }
            }
            _ => operands.push(a.clone()),
        }
    }
    if operands.is_empty() {
        operands.push(".".into());
    }
    let mut status = 0;
    let mut grand = 0;
    for op in &operands {
        let path = sh.abs(op);
        let node = match sh.fs().get_nofollow(&path) {
            Ok(n) => n.clone(),
            Err(e) => {
                let msg = if prog.busybox {
                    format!("du: {op}: {}\n", e.reason())
                } else {
                    format!("du: cannot access {}: {}\n", q(op), e.reason())
                };
                sh.err_str(&msg)?;
                status = 1;
                continue;
            }
        };
        let mut lines = String::new();
        grand += walk(&node, op, 0, &o, &mut lines);
        sh.out_str(&lines)?;
    }
    if o.total {
        sh.out_str(&format!("{}\ttotal\n", show(grand, &o)))?;
    }
    Ok(Some(status))
}

fn bad_depth(sh: &mut Shell, prog: &Prog, value: &str) -> Out {
    let msg = if prog.busybox { format!("du: invalid number '{value}'\n") } else { format!("du: invalid maximum depth {}\n", q(value)) };
    sh.err_str(&msg)?;
    Ok(Some(1))
}

/// The usage of `node` (shown as `shown`), printing the lines `du` prints
/// for it and what is below it, deepest first.
fn walk(node: &Node, shown: &str, depth: usize, o: &Options, lines: &mut String) -> u64 {
    let listed = o.max_depth.is_none_or(|max| depth <= max);
    let size = match node {
        Node::Dir { entries, .. } => {
            let mut sum = allocated(node);
            for (name, child) in entries {
                let child_shown = if shown.ends_with('/') { format!("{shown}{name}") } else { format!("{shown}/{name}") };
                sum += walk(child, &child_shown, depth + 1, o, lines);
            }
            sum
        }
        Node::File { content, .. } if o.apparent => content.len(),
        Node::Symlink { target, .. } if o.apparent => target.len() as u64,
        other => allocated(other),
    };
    // Files are listed with -a, or when named on the command line.
    if listed && (node.is_dir() || o.all || depth == 0) {
        lines.push_str(&format!("{}\t{shown}\n", show(size, o)));
    }
    size
}

/// The bytes a node itself occupies on disk (its contents not counted for
/// a directory): whole blocks for a file or a directory, none for a symlink
/// (ext4 keeps a short target in the inode). `ls -l`'s `total` counts these too.
pub fn allocated(node: &Node) -> u64 {
    match node {
        Node::Dir { .. } => BLOCK,
        Node::File { content, .. } => content.len().div_ceil(BLOCK) * BLOCK,
        Node::Symlink { .. } => 0,
    }
}

fn show(bytes: u64, o: &Options) -> String {
    match o.unit {
        Unit::Kib => bytes.div_ceil(1024).to_string(),
        Unit::Mib => bytes.div_ceil(1024 * 1024).to_string(),
        Unit::Bytes => bytes.to_string(),
        Unit::Human if o.busybox => busybox_human(bytes),
        Unit::Human => gnu_human(bytes),
    }
}

const SUFFIXES: [char; 7] = ['K', 'M', 'G', 'T', 'P', 'E', 'Z'];

/// GNU's `-h`: powers of 1024 rounded up, one decimal below 10 (`4.0K`,
/// `12K`, `1.5M`), plain bytes below 1 KiB.
pub fn gnu_human(bytes: u64) -> String {
    if bytes < 1024 {
        return bytes.to_string();
    }
    let mut unit = 0;
    let mut div: u128 = 1024;
    while (bytes as u128) >= div * 1024 && unit + 1 < SUFFIXES.len() {
        div *= 1024;
        unit += 1;
    }
    let tenths = (bytes as u128 * 10).div_ceil(div);
    if tenths < 100 {
        return format!("{}.{}{}", tenths / 10, tenths % 10, SUFFIXES[unit]);
    }
    let whole = (bytes as u128).div_ceil(div);
    if whole >= 1024 && unit + 1 < SUFFIXES.len() {
        return format!("1.0{}", SUFFIXES[unit + 1]);
    }
    format!("{whole}{}", SUFFIXES[unit])
}

/// BusyBox's `-h`: one decimal rounded to nearest at every scale (`4.0K`,
/// `12.0K`, `126.4M`), plain bytes below 1 KiB.
pub fn busybox_human(bytes: u64) -> String {
    if bytes == 0 {
        return "0".into();
    }
    let (mut val, mut frac, mut unit) = (bytes, 0u64, None::<usize>);
    while val >= 1024 {
        frac = ((val % 1024) * 10 + 512) / 1024;
        val /= 1024;
        unit = Some(unit.map_or(0, |u| u + 1));
    }
    if frac >= 10 {
        val += 1;
        frac = 0;
    }
    match unit {
        None => val.to_string(),
        Some(u) => format!("{val}.{frac}{}", SUFFIXES[u.min(SUFFIXES.len() - 1)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_sizes_as_gnu_and_busybox_print_them() {
        let cases = [
            (0, "0", "0"),
            (512, "512", "512"),
            (4096, "4.0K", "4.0K"),
            (12288, "12K", "12.0K"),
            (1536, "1.5K", "1.5K"),
            (10137, "9.9K", "9.9K"),
            (132_527_104, "127M", "126.4M"),
            (1_048_575, "1.0M", "1024.0K"),
        ];
        for (bytes, gnu, bb) in cases {
            assert_eq!((gnu_human(bytes).as_str(), busybox_human(bytes).as_str()), (gnu, bb), "{bytes}");
        }
    }
}
