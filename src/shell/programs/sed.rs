//! `sed`: GNU sed 4.9's script language, options and messages (BusyBox's
//! wording on Alpine), over `crate::regex`. The script is parsed into a flat
//! list of commands (`sed_parse.rs`) and run over the input one cycle per line.

use super::grep::materialise;
use super::sed_parse::{parse, Addr, Cmd, Kind, Repl, Script, Source};
use super::{bytes, Prog};
use crate::regex::{Regex, Syntax};
use crate::shell::interp::{Flow, Shell};
use crate::vfs::{Content, FsError};

type Out = Result<Option<i32>, Flow>;

/// How many commands one run may execute before it is stopped (a `b` loop).
const STEP_LIMIT: u64 = 20_000_000;

const USAGE: &str = "Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
      --debug
                 annotate program execution
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the `l' command
  --posix
                 disable all GNU extensions.
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single,
                 continuous long stream.
      --sandbox
                 operate in sandbox mode (disable e/r/w commands).
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
";

struct Opts {
    quiet: bool,
    ere: bool,
    in_place: Option<String>,
    separate: bool,
    null: bool,
    line_len: usize,
}

pub fn sed(sh: &mut Shell, prog: &Prog, args: &[String]) -> Out {
    let mut o = Opts { quiet: false, ere: false, in_place: None, separate: false, null: false, line_len: 70 };
    let mut sources: Vec<Source> = Vec::new();
    let mut operands: Vec<String> = Vec::new();
    let mut i = 0;
    let mut only_operands = false;
    let bad_option = |sh: &mut Shell, msg: String| -> Out {
        sh.err_str(&format!("sed: {msg}\n{USAGE}"))?;
        Ok(Some(1))
    };
    while i < args.len() {
        let a = args[i].clone();
        i += 1;
        if only_operands || a == "-" || !a.starts_with('-') {
            operands.push(a);
            continue;
        }
        if a == "--" {
            only_operands = true;
            continue;
        }
        if let Some(long) = a.strip_prefix("--") {
            let (name, value) = match long.split_once('=') {
                Some((n, v)) => (n.to_string(), Some(v.to_string())),
                None => (long.to_string(), None),
            };
            let take = |i: &mut usize, value: Option<String>| -> Option<String> {
                value.or_else(|| {
                    *i += 1;
                    args.get(*i - 1).cloned()
                })
            };
            match name.as_str() {
                "quiet" | "silent" => o.quiet = true,
                "regexp-extended" => o.ere = true,
                "separate" => o.separate = true,
                "null-data" => o.null = true,
                "in-place" => {
                    o.in_place = Some(value.unwrap_or_default());
                    o.separate = true;
                }
                "posix" | "unbuffered" | "follow-symlinks" | "sandbox" | "debug" => {}
                "expression" => match take(&mut i, value) {
                    Some(v) => sources.push(Source::Expr(v)),
                    None => return bad_option(sh, "option '--expression' requires an argument".into()),
                },
                "file" => match take(&mut i, value) {
                    Some(v) => match read_script(sh, &v)? {
                        Ok(text) => sources.push(Source::File(v, text)),
                        Err(s) => return Ok(Some(s)),
                    },
                    None => return bad_option(sh, "option '--file' requires an argument".into()),
                },
                "line-length" => o.line_len = take(&mut i, value).and_then(|v| v.parse().ok()).unwrap_or(70),
                "help" => {
                    sh.out_str(USAGE)?;
                    return Ok(Some(0));
                }
                "version" => {
                    sh.out_str("sed (GNU sed) 4.9\n")?;
                    return Ok(Some(0));
                }
                _ => return bad_option(sh, format!("unrecognized option '--{name}'")),
            }
            continue;
        }
        let chars: Vec<char> = a[1..].chars().collect();
        let mut k = 0;
        while k < chars.len() {
            let c = chars[k];
            k += 1;
            let rest: String = chars[k..].iter().collect();
            match c {
                'n' => o.quiet = true,
                'E' | 'r' => o.ere = true,
                's' | 'z' if prog.busybox => {
                    sh.err_str(&format!("sed: invalid option -- '{c}'\n"))?;
                    return Ok(Some(1));
                }
                's' => o.separate = true,
                'z' => o.null = true,
                'u' => {}
                'i' => {
                    o.in_place = Some(rest);
                    o.separate = true;
                    break;
                }
                'e' | 'f' | 'l' => {
                    let v = if !rest.is_empty() {
                        rest
                    } else if i < args.len() {
                        i += 1;
                        args[i - 1].clone()
                    } else {
                        return bad_option(sh, format!("option requires an argument -- '{c}'"));
                    };
                    match c {
                        'e' => sources.push(Source::Expr(v)),
                        'f' => match read_script(sh, &v)? {
                            Ok(text) => sources.push(Source::File(v, text)),
                            Err(s) => return Ok(Some(s)),
                        },
                        _ => o.line_len = v.parse().unwrap_or(70),
                    }
                    break;
                }
                _ => {
                    if prog.busybox {
                        sh.err_str(&format!("sed: invalid option -- '{c}'\n"))?;
                        return Ok(Some(1));
                    }
                    return bad_option(sh, format!("invalid option -- '{c}'"));
                }
            }
        }
    }
    if sources.is_empty() {
        if operands.is_empty() {
            if prog.busybox {
                sh.err_str("BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...\nor: sed [-i[SFX]] [-nrE] CMD [FILE]...\n")?;
            } else {
                sh.err_str(USAGE)?;
            }
            return Ok(Some(1));
        }
        sources.push(Source::Expr(operands.remove(0)));
    }
    let syntax = if o.ere { Syntax::Ere } else { Syntax::Bre };
    let script = match parse(&sources, syntax, prog.busybox) {
        Ok(s) => s,
        Err(msg) => {
            sh.err_str(&format!("sed: {msg}\n"))?;
            // GNU sed panics (status 4) on a missing label.
            return Ok(Some(if msg.starts_with("can't find label") && !prog.busybox { 4 } else { 1 }));
        }
    };
    if o.in_place.is_some() && operands.is_empty() {
        if prog.busybox {
            sh.err_str("sed: -i requires an argument\n")?;
            return Ok(Some(1));
        }
        sh.err_str("sed: no input files\n")?;
        return Ok(Some(if prog.busybox { 1 } else { 4 }));
    }
    if operands.is_empty() {
        operands.push("-".into());
    }
    let mut run = Run::new(&script, &o);
    // Files named by `w` are truncated before the first line is read.
    for f in script.wfiles.iter() {
        if !is_std(f) {
            let path = sh.abs(f);
            let meta = sh.meta(0o644);
            let _ = sh.fs_mut().write(&path, Content::from_bytes(Vec::new()), meta);
        }
    }
    let mut status = 0;
    if o.separate || o.in_place.is_some() {
        for f in &operands {
            let Some(data) = open(sh, prog, f, &mut status)? else { continue };
            run.inputs = vec![data];
            run.reset_file();
            let output = run.go(sh)?;
            if let Some(suffix) = &o.in_place {
                let path = sh.abs(f);
                let meta = sh.fs().get(&path).map(|n| n.meta().clone()).unwrap_or_else(|_| sh.meta(0o644));
                if !suffix.is_empty() {
                    let backup = if suffix.contains('*') {
                        let base = f.rsplit('/').next().unwrap_or(f);
                        let name = suffix.replace('*', base);
                        if name.contains('/') {
                            name
                        } else {
                            match f.rfind('/') {
                                Some(p) => format!("{}/{name}", &f[..p]),
                                None => name,
                            }
                        }
                    } else {
                        format!("{f}{suffix}")
                    };
                    if let Ok(old) = sh.fs().read(&path) {
                        let bpath = sh.abs(&backup);
                        let _ = sh.fs_mut().write(&bpath, Content::from_bytes(old), meta.clone());
                    }
                }
                let _ = sh.fs_mut().write(&path, Content::from_bytes(output), meta);
                let stdout = std::mem::take(&mut run.stdout_direct);
                sh.write_out(&stdout)?;
            } else {
                sh.write_out(&output)?;
            }
            if run.quit.is_some() {
                break;
            }
        }
    } else {
        let mut inputs = Vec::new();
        for f in &operands {
            if let Some(data) = open(sh, prog, f, &mut status)? {
                inputs.push(data);
            }
        }
        run.inputs = inputs;
        run.reset_file();
        let output = run.go(sh)?;
        sh.write_out(&output)?;
    }
    run.flush_wfiles(sh);
    if run.s.res.iter().any(Regex::exhausted) {
        sh.err_str(&crate::regex::exhausted_line("sed"))?;
        return Ok(Some(4));
    }
    if run.steps > STEP_LIMIT {
        sh.err_str("dockersim: sed: script stopped after too many steps\n")?;
        return Ok(Some(137));
    }
    if let Some(code) = run.quit {
        if code != 0 {
            return Ok(Some(code));
        }
    }
    Ok(Some(status))
}

fn is_std(f: &str) -> bool {
    f == "/dev/stdout" || f == "/dev/stderr"
}

fn read_script(sh: &mut Shell, f: &str) -> Result<Result<String, i32>, Flow> {
    match bytes::open(sh, f) {
        Ok(c) => Ok(Ok(String::from_utf8_lossy(&materialise(&c)).into_owned())),
        Err(e) => {
            sh.err_str(&format!("sed: couldn't open file {f}: {}\n", e.reason()))?;
            Ok(Err(1))
        }
    }
}

fn open(sh: &mut Shell, prog: &Prog, f: &str, status: &mut i32) -> Result<Option<Vec<u8>>, Flow> {
    let path = sh.abs(f);
    if f != "-" {
        if let Ok(crate::vfs::Node::Dir { .. }) = sh.fs().get(&path) {
            let msg = if prog.busybox {
                format!("sed: read error on {f}: Is a directory\n")
            } else {
                format!("sed: couldn't edit {f}: not a regular file\n")
            };
            let msg = if prog.busybox { msg } else { format!("sed: read error on {f}: Is a directory\n") };
            sh.err_str(&msg)?;
            *status = 2;
            return Ok(None);
        }
    }
    match bytes::open(sh, f) {
        Ok(c) => Ok(Some(materialise(&c))),
        Err(e) => {
            let reason = match e {
                FsError::NotFound(_) => "No such file or directory",
                other => other.reason(),
            };
            let msg = if prog.busybox { format!("sed: {f}: {reason}\n") } else { format!("sed: can't read {f}: {reason}\n") };
            sh.err_str(&msg)?;
            *status = if prog.busybox { 1 } else { 2 };
            Ok(None)
        }
    }
}

/// One run of a script over its inputs.
struct Run<'s> {
    s: &'s Script,
    quiet: bool,
    null: bool,
    line_len: usize,
    inputs: Vec<Vec<u8>>,
    /// (input index, byte offset) of the next line.
    at: (usize, usize),
    line_no: u64,
    /// Whether the line last read ended with the separator.
    had_nl: bool,
    ps: Vec<u8>,
    hs: Vec<u8>,
    out: Vec<u8>,
    /// `w /dev/stdout` output while editing in place.
    stdout_direct: Vec<u8>,
    append: Vec<Vec<u8>>,
    ranges: Vec<Option<u64>>,
    replaced: bool,
    quit: Option<i32>,
    last_re: Option<usize>,
    wbufs: Vec<(String, Vec<u8>)>,
    steps: u64,
    in_place: bool,
}

impl<'s> Run<'s> {
    fn new(s: &'s Script, o: &Opts) -> Run<'s> {
        Run {
            s,
            quiet: o.quiet || s.hash_n,
            null: o.null,
            line_len: o.line_len,
            inputs: Vec::new(),
            at: (0, 0),
            line_no: 0,
            had_nl: true,
            ps: Vec::new(),
            hs: Vec::new(),
            out: Vec::new(),
            stdout_direct: Vec::new(),
            append: Vec::new(),
            ranges: vec![None; s.cmds.len()],
            replaced: false,
            quit: None,
            last_re: None,
            wbufs: Vec::new(),
            steps: 0,
            in_place: o.in_place.is_some(),
        }
    }

    fn reset_file(&mut self) {
        self.at = (0, 0);
        self.line_no = 0;
        self.had_nl = true;
    }

    fn sep(&self) -> u8 {
        if self.null {
            0
        } else {
            b'\n'
        }
    }

    /// Reads the next line into `buf`; false at the end of input.
    fn read_line(&mut self) -> Option<Vec<u8>> {
        loop {
            let (f, off) = self.at;
            let data = self.inputs.get(f)?;
            if off >= data.len() {
                self.at = (f + 1, 0);
                continue;
            }
            let sep = self.sep();
            let end = data[off..].iter().position(|&b| b == sep).map(|p| off + p);
            let (line, next, nl) = match end {
                Some(e) => (data[off..e].to_vec(), e + 1, true),
                None => (data[off..].to_vec(), data.len(), false),
            };
            self.at = (f, next);
            self.had_nl = nl;
            self.line_no += 1;
            return Some(line);
        }
    }

    fn is_last(&self) -> bool {
        let (mut f, mut off) = self.at;
        while let Some(d) = self.inputs.get(f) {
            if off < d.len() {
                return false;
            }
            f += 1;
            off = 0;
        }
        true
    }

    fn emit(&mut self, bytes: &[u8], nl: bool) {
        self.out.extend_from_slice(bytes);
        if nl {
            self.out.push(self.sep());
        }
    }

    fn end_cycle_output(&mut self, autoprint: bool) {
        if autoprint && !self.quiet {
            let ps = std::mem::take(&mut self.ps);
            let nl = self.had_nl;
            self.emit(&ps, nl);
            self.ps = ps;
        }
        self.flush_append();
    }

    fn flush_append(&mut self) {
        for a in std::mem::take(&mut self.append) {
            self.out.extend_from_slice(&a);
        }
    }

    fn go(&mut self, sh: &mut Shell) -> Result<Vec<u8>, Flow> {
        self.out.clear();
        let mut restart_without_read = false;
        loop {
            if self.quit.is_some() || self.steps > STEP_LIMIT {
                break;
            }
            if !restart_without_read {
                match self.read_line() {
                    Some(l) => self.ps = l,
                    None => break,
                }
                self.replaced = false;
            }
            restart_without_read = false;
            match self.cycle(sh)? {
                End::Normal => self.end_cycle_output(true),
                End::Delete => self.flush_append(),
                End::Restart => {
                    self.flush_append();
                    restart_without_read = true;
                }
                End::Quit(code, print) => {
                    self.end_cycle_output(print);
                    self.quit = Some(code);
                }
                End::Stop => break,
            }
            if self.out.len() > 64 << 20 {
                break;
            }
        }
        Ok(std::mem::take(&mut self.out))
    }

    fn matches_addr(&mut self, a: &Addr) -> bool {
        match a {
            Addr::Line(n) => self.line_no == *n,
            Addr::Last => self.is_last(),
            Addr::Zero => false,
            Addr::Step(first, step) => {
                if *step == 0 {
                    self.line_no == *first
                } else {
                    self.line_no >= *first && (self.line_no - first) % step == 0
                }
            }
            Addr::Re(idx) => self.re_match(*idx),
            Addr::Plus(_) | Addr::Tilde(_) => false,
        }
    }

    fn re_of(&mut self, idx: Option<usize>) -> Option<usize> {
        match idx {
            Some(i) => {
                self.last_re = Some(i);
                Some(i)
            }
            None => self.last_re,
        }
    }

    fn re_match(&mut self, idx: Option<usize>) -> bool {
        let Some(i) = self.re_of(idx) else { return false };
        let text = String::from_utf8_lossy(&self.ps).into_owned();
        self.s.res[i].is_match(&text)
    }

    /// Whether command `k`'s address selects the current line (updating range state).
    fn selected(&mut self, k: usize) -> bool {
        let cmd = &self.s.cmds[k];
        let hit = match (&cmd.a1, &cmd.a2) {
            (None, _) => true,
            (Some(a1), None) => {
                let a1 = a1.clone();
                self.matches_addr(&a1)
            }
            (Some(a1), Some(a2)) => {
                let (a1, a2) = (a1.clone(), a2.clone());
                if let Some(start) = self.ranges[k] {
                    // In a range: does this line end it?
                    let ends = match &a2 {
                        Addr::Line(n) => self.line_no >= *n,
                        Addr::Plus(n) => self.line_no >= start + n,
                        Addr::Tilde(n) => *n == 0 || self.line_no % n == 0,
                        other => self.matches_addr(other),
                    };
                    if matches!(a2, Addr::Line(n) if self.line_no > n) {
                        // A line number already passed: the range ended before this line.
                        self.ranges[k] = None;
                        self.matches_addr(&a1) && self.start_range(k, &a2)
                    } else {
                        if ends {
                            self.ranges[k] = None;
                        }
                        true
                    }
                } else {
                    let starts = if matches!(a1, Addr::Zero) { false } else { self.matches_addr(&a1) };
                    if starts {
                        self.start_range(k, &a2)
                    } else if matches!(a1, Addr::Zero) && self.ranges[k].is_none() && self.line_no == 1 {
                        // 0,/re/: the end may match on the first line.
                        if self.matches_addr(&a2) {
                            true
                        } else {
                            self.ranges[k] = Some(0);
                            true
                        }
                    } else {
                        false
                    }
                }
            }
        };
        hit != self.s.cmds[k].neg
    }

    /// The first line of a range: true; remembers whether it continues.
    fn start_range(&mut self, k: usize, a2: &Addr) -> bool {
        let n = self.line_no;
        let continues = match a2 {
            Addr::Line(m) => *m > n,
            Addr::Plus(m) => *m > 0,
            Addr::Tilde(m) => *m > 0 && n % m != 0,
            _ => true,
        };
        if continues {
            self.ranges[k] = Some(n);
        }
        true
    }

    fn cycle(&mut self, sh: &mut Shell) -> Result<End, Flow> {
        let mut pc = 0;
        let cmds = &self.s.cmds;
        while pc < cmds.len() {
            self.steps += 1;
            if self.steps > STEP_LIMIT {
                return Ok(End::Stop);
            }
            let cmd: &Cmd = &cmds[pc];
            if !self.selected(pc) {
                pc = match cmd.kind {
                    Kind::Block(end) => end + 1,
                    _ => pc + 1,
                };
                continue;
            }
            pc += 1;
            match &cmd.kind {
                Kind::Block(_) | Kind::EndBlock | Kind::Label => {}
                Kind::Eq => {
                    let s = format!("{}\n", self.line_no);
                    self.out.extend_from_slice(s.as_bytes());
                }
                Kind::Append(t) => self.append.push(format!("{t}\n").into_bytes()),
                Kind::Insert(t) => {
                    let s = format!("{t}\n");
                    self.out.extend_from_slice(s.as_bytes());
                }
                Kind::Change(t) => {
                    // In a range, the text replaces the whole range (printed at its end).
                    let in_range = cmd.a2.is_some() && !cmd.neg && self.ranges[pc - 1].is_some();
                    if !in_range {
                        let s = format!("{t}\n");
                        self.out.extend_from_slice(s.as_bytes());
                    }
                    return Ok(End::Delete);
                }
                Kind::Branch(target) => pc = target.unwrap_or(cmds.len()),
                Kind::BranchIf(target, on_replaced) => {
                    let jump = self.replaced == *on_replaced;
                    self.replaced = false;
                    if jump {
                        pc = target.unwrap_or(cmds.len());
                    }
                }
                Kind::Delete => return Ok(End::Delete),
                Kind::DeleteFirst => match self.ps.iter().position(|&b| b == b'\n') {
                    Some(p) => {
                        self.ps.drain(..=p);
                        return Ok(End::Restart);
                    }
                    None => return Ok(End::Delete),
                },
                Kind::Get => self.hs.clone_into(&mut self.ps),
                Kind::GetAppend => {
                    self.ps.push(b'\n');
                    let hs = self.hs.clone();
                    self.ps.extend_from_slice(&hs);
                }
                Kind::Hold => self.ps.clone_into(&mut self.hs),
                Kind::HoldAppend => {
                    self.hs.push(b'\n');
                    let ps = self.ps.clone();
                    self.hs.extend_from_slice(&ps);
                }
                Kind::Exchange => std::mem::swap(&mut self.ps, &mut self.hs),
                Kind::List(n) => {
                    let width = n.unwrap_or(self.line_len);
                    let text = list_escape(&self.ps, width);
                    self.out.extend_from_slice(text.as_bytes());
                }
                Kind::Next => {
                    if self.quit.is_none() && !self.is_last() {
                        self.end_cycle_output(true);
                        if let Some(l) = self.read_line() {
                            self.ps = l;
                        }
                    } else {
                        // No next line: GNU sed ends without running the rest.
                        return Ok(End::Quit(0, true));
                    }
                }
                Kind::NextAppend => {
                    if self.is_last() {
                        return Ok(End::Quit(0, true));
                    }
                    self.flush_append();
                    if let Some(l) = self.read_line() {
                        self.ps.push(b'\n');
                        self.ps.extend_from_slice(&l);
                    }
                }
                Kind::Print => {
                    let ps = self.ps.clone();
                    self.emit(&ps, true);
                }
                Kind::PrintFirst => {
                    let end = self.ps.iter().position(|&b| b == b'\n').unwrap_or(self.ps.len());
                    let first = self.ps[..end].to_vec();
                    self.emit(&first, true);
                }
                Kind::Quit(code) => return Ok(End::Quit(*code, true)),
                Kind::QuitSilent(code) => return Ok(End::Quit(*code, false)),
                Kind::Read(f) => {
                    let path = sh.abs(f);
                    if let Ok(c) = sh.read_content(&path) {
                        let mut data = materialise(&c);
                        if !data.is_empty() && !data.ends_with(b"\n") {
                            data.push(b'\n');
                        }
                        self.append.push(data);
                    }
                }
                Kind::Write(f, first) => {
                    let data = if *first {
                        let end = self.ps.iter().position(|&b| b == b'\n').unwrap_or(self.ps.len());
                        self.ps[..end].to_vec()
                    } else {
                        self.ps.clone()
                    };
                    self.write_to(f, &data);
                }
                Kind::Translate(map) => {
                    for b in self.ps.iter_mut() {
                        *b = map[*b as usize];
                    }
                }
                Kind::Zap => self.ps.clear(),
                Kind::FileName => self.out.extend_from_slice(b"-\n"),
                Kind::Subst(sub) => {
                    let Some(ri) = self.re_of(sub.re) else { continue };
                    if let Some(new) = substitute(&self.s.res[ri], &self.ps, sub) {
                        self.ps = new;
                        self.replaced = true;
                        if sub.print > 0 {
                            for _ in 0..sub.print {
                                let ps = self.ps.clone();
                                self.emit(&ps, true);
                            }
                        }
                        if let Some(f) = &sub.write {
                            let ps = self.ps.clone();
                            self.write_to(f, &ps);
                        }
                    }
                }
            }
        }
        Ok(End::Normal)
    }

    fn write_to(&mut self, f: &str, data: &[u8]) {
        let mut line = data.to_vec();
        line.push(b'\n');
        if f == "/dev/stdout" {
            if self.in_place {
                self.stdout_direct.extend_from_slice(&line);
            } else {
                self.out.extend_from_slice(&line);
            }
            return;
        }
        match self.wbufs.iter_mut().find(|(n, _)| n == f) {
            Some((_, buf)) => buf.extend_from_slice(&line),
            None => self.wbufs.push((f.to_string(), line)),
        }
    }

    fn flush_wfiles(&mut self, sh: &mut Shell) {
        for (f, data) in std::mem::take(&mut self.wbufs) {
            if f == "/dev/stderr" {
                let _ = sh.err_str(&String::from_utf8_lossy(&data));
                continue;
            }
            let path = sh.abs(&f);
            let meta = sh.meta(0o644);
            let _ = sh.fs_mut().write(&path, Content::from_bytes(data), meta);
        }
    }
}

enum End {
    Normal,
    Delete,
    Restart,
    Quit(i32, bool),
    Stop,
}

/// `l`: C escapes, octal for other bytes, lines folded at `width` (0: never), `$` at the end.
fn list_escape(ps: &[u8], width: usize) -> String {
    let mut out = String::new();
    let mut col = 0;
    for &b in ps {
        let piece = match b {
            b'\\' => "\\\\".to_string(),
            0x07 => "\\a".into(),
            0x08 => "\\b".into(),
            0x0c => "\\f".into(),
            b'\n' => "\\n".into(),
            b'\r' => "\\r".into(),
            b'\t' => "\\t".into(),
            0x0b => "\\v".into(),
            0x20..=0x7e => (b as char).to_string(),
            _ => format!("\\{b:03o}"),
        };
        if width > 1 && col + piece.len() > width - 1 {
            out.push_str("\\\n");
            col = 0;
        }
        col += piece.len();
        out.push_str(&piece);
    }
    out.push_str("$\n");
    out
}

/// Applies `s` to the pattern space; `None` when nothing was replaced.
fn substitute(re: &Regex, ps: &[u8], sub: &super::sed_parse::Subst) -> Option<Vec<u8>> {
    let text = String::from_utf8_lossy(ps).into_owned();
    let t = text.as_bytes();
    let mut out: Vec<u8> = Vec::new();
    let mut pos = 0;
    let mut copied = 0;
    let mut count = 0;
    let mut done = false;
    let mut prev_end = usize::MAX;
    while pos <= t.len() {
        let Some(m) = re.find_at(&text, pos) else { break };
        if m.start == m.end && m.start == prev_end {
            // An empty match right after a match does not count.
            let mut next = m.end + 1;
            while next < t.len() && !text.is_char_boundary(next) {
                next += 1;
            }
            pos = next;
            prev_end = usize::MAX;
            continue;
        }
        prev_end = m.end;
        count += 1;
        let wanted = count >= sub.nth && (sub.global || count == sub.nth);
        if wanted {
            out.extend_from_slice(&t[copied..m.start]);
            expand_repl(&mut out, t, &m.groups, &sub.repl);
            copied = m.end;
            done = true;
        }
        if !sub.global && count >= sub.nth {
            break;
        }
        if m.end == m.start {
            // An empty match: step over one character.
            let mut next = m.end + 1;
            while next < t.len() && !text.is_char_boundary(next) {
                next += 1;
            }
            pos = next;
        } else {
            pos = m.end;
        }
    }
    if !done {
        return None;
    }
    out.extend_from_slice(&t[copied.min(t.len())..]);
    Some(out)
}

fn expand_repl(out: &mut Vec<u8>, t: &[u8], groups: &[Option<(usize, usize)>], repl: &[Repl]) {
    // Case conversion state: \U \L until \E; \u \l for the next character.
    let mut mode = 0u8;
    let mut once = 0u8;
    let push = |out: &mut Vec<u8>, bytes: &[u8], mode: u8, once: &mut u8| {
        for &b in bytes {
            let mut c = match mode {
                b'U' => b.to_ascii_uppercase(),
                b'L' => b.to_ascii_lowercase(),
                _ => b,
            };
            if *once == b'u' {
                c = c.to_ascii_uppercase();
                *once = 0;
            } else if *once == b'l' {
                c = c.to_ascii_lowercase();
                *once = 0;
            }
            out.push(c);
        }
    };
    for part in repl {
        match part {
            Repl::Lit(s) => push(out, s, mode, &mut once),
            Repl::Group(g) => {
                if let Some(Some((a, b))) = groups.get(*g) {
                    push(out, &t[*a..*b], mode, &mut once);
                }
            }
            Repl::Case(c) => match c {
                b'U' | b'L' => {
                    mode = *c;
                    once = 0;
                }
                b'E' => {
                    mode = 0;
                    once = 0;
                }
                _ => once = *c,
            },
        }
    }
}
