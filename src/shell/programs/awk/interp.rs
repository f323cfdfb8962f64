//! Runs a parsed awk program over the shell's files and standard input.

use super::ast::*;
use super::format::num_to_str;
use super::re::{self, Matcher};
use super::value::{compare, Value};
use super::Dialect;
use crate::shell::interp::{Flow, Shell};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// Statements, loop iterations and calls one awk run may take (strings
/// built or scanned cost one step per 256 bytes).
pub const STEP_LIMIT: u64 = 3_000_000;
/// Nested user-function calls.
pub const CALL_DEPTH: usize = 64;
/// Longest string a run may build.
pub const MAX_STRING: usize = 16 << 20;

#[derive(Default, Debug)]
pub struct Array {
    map: BTreeMap<String, (u64, Value)>,
    seq: u64,
}

impl Array {
    pub fn get(&self, k: &str) -> Option<&Value> {
        self.map.get(k).map(|(_, v)| v)
    }
    pub fn set(&mut self, k: String, v: Value) {
        if let Some(slot) = self.map.get_mut(&k) {
            slot.1 = v;
            return;
        }
        self.seq += 1;
        self.map.insert(k, (self.seq, v));
    }
    pub fn remove(&mut self, k: &str) {
        self.map.remove(k);
    }
    pub fn clear(&mut self) {
        self.map.clear();
    }
    pub fn len(&self) -> usize {
        self.map.len()
    }
    pub fn contains(&self, k: &str) -> bool {
        self.map.contains_key(k)
    }
    /// Keys in the order `for (k in a)` visits them: numeric keys in
    /// ascending order first, then the others as they were inserted.
    pub fn keys(&self) -> Vec<String> {
        if super::value::mode() == Dialect::Busybox {
            return self.busybox_keys();
        }
        let mut nums: Vec<(f64, String)> = Vec::new();
        let mut other: Vec<(u64, String)> = Vec::new();
        for (k, (seq, _)) in &self.map {
            match k.parse::<i64>() {
                Ok(n) if n.to_string() == *k => nums.push((n as f64, k.clone())),
                _ => other.push((*seq, k.clone())),
            }
        }
        crate::sort::sort_by(&mut nums, |a, b| a.0.total_cmp(&b.0));
        crate::sort::sort_by(&mut other, |a, b| a.0.cmp(&b.0));
        nums.into_iter().map(|x| x.1).chain(other.into_iter().map(|x| x.1)).collect()
    }
}

impl Array {
    /// BusyBox's order: its hash table (61 buckets, more past 8 items a
    /// bucket), each bucket's chain newest first, rebuilt by walking it.
    fn busybox_keys(&self) -> Vec<String> {
        const PRIMES: [usize; 5] = [251, 1021, 4093, 16381, 65521];
        fn hashidx(name: &str) -> u32 {
            // `char` is signed on x86: a byte past ASCII adds a negative.
            name.bytes().fold(0u32, |idx, c| (i32::from(c as i8) as u32).wrapping_add(idx << 6).wrapping_sub(idx))
        }
        let mut order: Vec<(u64, &String)> = self.map.iter().map(|(k, (seq, _))| (*seq, k)).collect();
        crate::sort::sort_by(&mut order, |a, b| a.0.cmp(&b.0));
        let mut buckets: Vec<Vec<&String>> = vec![Vec::new(); 61];
        let mut next_prime = 0;
        for (n, (_, k)) in order.iter().enumerate() {
            if n + 1 > buckets.len() * 8 && next_prime < PRIMES.len() {
                let size = PRIMES[next_prime];
                next_prime += 1;
                let mut fresh: Vec<Vec<&String>> = vec![Vec::new(); size];
                for chain in &buckets {
                    for key in chain {
                        fresh[hashidx(key) as usize % size].insert(0, key);
                    }
                }
                buckets = fresh;
            }
            let size = buckets.len();
            buckets[hashidx(k) as usize % size].insert(0, k);
        }
        buckets.into_iter().flatten().cloned().collect()
    }
}

pub type ArrayRef = Rc<RefCell<Array>>;

#[derive(Clone, Debug)]
pub enum Cell {
    Val(Value),
    Arr(ArrayRef),
}

/// Non-local exits from statements and expressions.
pub enum Jump {
    Next,
    NextFile,
    Exit,
    Return(Value),
    Break,
    Continue,
    /// A runtime error: the message (already in the flavour's words) and status.
    Fatal(String, i32),
    Flow(Flow),
}

impl From<Flow> for Jump {
    fn from(f: Flow) -> Jump {
        Jump::Flow(f)
    }
}

impl From<re::Exhausted> for Jump {
    fn from(_: re::Exhausted) -> Jump {
        Jump::Fatal(crate::regex::exhausted_line("awk"), 2)
    }
}

pub type J<T> = Result<T, Jump>;

/// A source of records: a file's or command's text and a read position.
pub struct Reader {
    pub data: String,
    pub pos: usize,
}

pub enum Output {
    File { path: String, data: Vec<u8> },
    Pipe { cmd: String, data: Vec<u8> },
}

pub struct Interp<'p, 's, 'a, 'b> {
    pub prog: &'p Program,
    pub sh: &'s mut Shell<'a, 'b>,
    pub dialect: Dialect,
    pub globals: Vec<Cell>,
    pub frames: Vec<Vec<Cell>>,
    /// `$1…$NF` (index 0 unused); `record` is `$0`.
    pub fields: Vec<Value>,
    pub record: String,
    pub regexes: Vec<Option<Matcher>>,
    pub dynamic: BTreeMap<String, Matcher>,
    pub ranges: Vec<bool>,
    /// The next ARGV index to open, the current main input, whether one was opened.
    pub arg_index: usize,
    pub main: Option<Reader>,
    pub opened_main: bool,
    pub readers: BTreeMap<String, Reader>,
    pub outputs: BTreeMap<String, Output>,
    pub exit_code: i32,
    pub rand_seed: f64,
    pub rand_state: u64,
    pub steps: u64,
    /// mawk's and gawk's standard output buffer: written when a command is
    /// started (pipe, `system`), on `fflush`, and at exit after the output
    /// pipes' commands ran — the order a file receives. BusyBox writes at once.
    pub out_buf: Vec<u8>,
    pub eval_depth: usize,
    pub in_end: bool,
    /// The OFS `$0` was last rebuilt with from the fields (None: `$0` is as
    /// read or assigned).
    pub rebuilt_with: Option<String>,
    /// BusyBox's field variables: how many it has (NF, or more once a field
    /// past NF is used), and how many were ever cleared by a new record.
    pub bb_fields: usize,
    pub bb_cleared: usize,
    /// The records read (NR, FNR) as mawk's run-time errors show them:
    /// assignments to NR and FNR do not change these.
    pub nr_number: f64,
    pub fnr_number: f64,
}

fn fatal<T>(msg: String, status: i32) -> J<T> {
    Err(Jump::Fatal(msg, status))
}

impl<'p, 's, 'a, 'b> Interp<'p, 's, 'a, 'b> {
    pub fn new(prog: &'p Program, sh: &'s mut Shell<'a, 'b>, dialect: Dialect) -> Self {
        let mut globals: Vec<Cell> = prog.globals.iter().map(|_| Cell::Val(Value::Uninit)).collect();
        let s = |x: &str| Cell::Val(Value::Str(x.into()));
        globals[FS] = s(" ");
        globals[OFS] = s(" ");
        globals[ORS] = s("\n");
        globals[RS] = s("\n");
        globals[SUBSEP] = s("\x1c");
        globals[CONVFMT] = s("%.6g");
        globals[OFMT] = s("%.6g");
        globals[NR] = Cell::Val(Value::Num(0.0));
        globals[NF] = Cell::Val(Value::Num(0.0));
        globals[FNR] = Cell::Val(Value::Num(0.0));
        // Until match() runs, gawk's RSTART and RLENGTH are 0; mawk's and
        // BusyBox's are unset (they print as empty strings).
        if dialect == Dialect::Gawk {
            globals[RSTART] = Cell::Val(Value::Num(0.0));
            globals[RLENGTH] = Cell::Val(Value::Num(0.0));
        }
        globals[FILENAME] = Cell::Val(Value::Str(String::new()));
        let mut env = Array::default();
        for (k, v) in sh.env() {
            env.set(k, Value::StrNum(v));
        }
        globals[ENVIRON] = Cell::Arr(Rc::new(RefCell::new(env)));
        globals[ARGV] = Cell::Arr(Rc::new(RefCell::new(Array::default())));
        let regexes = prog.regexes.iter().map(|r| re::compile(r, false).ok()).collect();
        Interp {
            prog,
            sh,
            dialect,
            globals,
            frames: Vec::new(),
            fields: vec![Value::Uninit],
            record: String::new(),
            regexes,
            dynamic: BTreeMap::new(),
            ranges: vec![false; prog.ranges],
            arg_index: 1,
            main: None,
            opened_main: false,
            readers: BTreeMap::new(),
            outputs: BTreeMap::new(),
            exit_code: 0,
            rand_seed: 0.0,
            rand_state: 0x2545_f491_4f6c_dd1d,
            steps: 0,
            out_buf: Vec::new(),
            eval_depth: 0,
            in_end: false,
            rebuilt_with: None,
            bb_fields: 0,
            bb_cleared: 0,
            nr_number: 0.0,
            fnr_number: 0.0,
        }
    }

    /// A regular-expression literal that does not compile stops the program
    /// before it runs, as the real awks' parsers do.
    pub fn check_literals(&self) -> Result<(), (String, i32)> {
        for src in &self.prog.regexes {
            if let Err(e) = re::compile(src, false) {
                return Err(match self.dialect {
                    Dialect::Mawk => (format!("mawk: line 1: regular expression compile failed ({})\n{src}\n", e.mawk), 2),
                    Dialect::Gawk => (format!("gawk: cmd. line:1: error: {}: /{src}/\n", e.gnu), 1),
                    Dialect::Busybox => (format!("awk: bad regex '{src}': {}\n", e.musl), 1),
                });
            }
        }
        Ok(())
    }

    // ----- steps and errors -----

    /// Charges work on `bytes` of text against the step budget.
    pub fn charge(&mut self, bytes: usize) -> J<()> {
        self.steps += (bytes / 256) as u64;
        self.step()
    }

    pub fn step(&mut self) -> J<()> {
        self.steps += 1;
        if self.steps % 10_000 == 0 {
            self.sh.step()?;
        }
        if self.steps > STEP_LIMIT {
            return Err(Jump::Flow(Flow::Abort(format!(
                "dockersim: awk stopped after {STEP_LIMIT} steps (the simulated awk's step limit; is there an endless loop?)"
            ))));
        }
        Ok(())
    }

    /// A runtime error in the flavour's words (`what` in gawk's/BusyBox's
    /// wording; mawk's is usually the same words).
    pub fn runtime_error<T>(&self, gawk: &str, mawk: &str, busybox: &str) -> J<T> {
        // mawk names its own record counts, whatever the program assigned.
        let (fnr, nr) = match self.dialect {
            Dialect::Mawk => (self.fnr_number, self.nr_number),
            _ => (self.special_num(FNR), self.special_num(NR)),
        };
        let filename = self.special_str(FILENAME);
        match self.dialect {
            Dialect::Gawk => {
                let place = if nr > 0.0 {
                    format!("(FILENAME={} FNR={}) ", if filename.is_empty() { "-" } else { &filename }, num_to_str(fnr, "%.6g"))
                } else {
                    String::new()
                };
                fatal(format!("gawk: cmd. line:1: {place}fatal: {gawk}\n"), 2)
            }
            Dialect::Mawk => fatal(
                format!(
                    "mawk: run time error: {mawk}\n\tFILENAME=\"{filename}\" FNR={} NR={}\n",
                    num_to_str(fnr, "%.6g"),
                    num_to_str(nr, "%.6g")
                ),
                2,
            ),
            Dialect::Busybox => fatal(format!("awk: cmd. line:1: {busybox}\n"), 1),
        }
    }

    // ----- special variables -----

    pub fn special(&self, slot: usize) -> Value {
        match &self.globals[slot] {
            Cell::Val(v) => v.clone(),
            Cell::Arr(_) => Value::Uninit,
        }
    }

    pub fn special_str(&self, slot: usize) -> String {
        let v = self.special(slot);
        v.str_with(&mut |n| num_to_str(n, "%.6g"))
    }

    pub fn special_num(&self, slot: usize) -> f64 {
        self.special(slot).num()
    }

    pub fn set_special(&mut self, slot: usize, v: Value) {
        self.globals[slot] = Cell::Val(v);
    }

    /// Number → string with CONVFMT.
    pub fn to_str(&self, v: &Value) -> String {
        match v {
            Value::Str(s) | Value::StrNum(s) => return s.clone(),
            Value::Uninit => return String::new(),
            Value::Num(n) if *n == n.trunc() && n.abs() < 1e9 => return format!("{}", *n as i64),
            Value::Num(_) => {}
        }
        let fmt = self.special_str(CONVFMT);
        v.str_with(&mut |n| num_to_str(n, &fmt))
    }

    /// Number → string with OFMT (print).
    pub fn to_out_str(&self, v: &Value) -> String {
        if !matches!(v, Value::Num(_)) {
            return self.to_str(v);
        }
        let fmt = self.special_str(OFMT);
        v.str_with(&mut |n| num_to_str(n, &fmt))
    }

    pub fn compare(&self, a: &Value, b: &Value) -> std::cmp::Ordering {
        let fmt = self.special_str(CONVFMT);
        compare(a, b, &mut |n| num_to_str(n, &fmt))
    }

    // ----- fields -----

    pub fn set_record(&mut self, text: String) -> J<()> {
        self.charge(text.len())?;
        self.record = text;
        self.rebuilt_with = None;
        self.split_record()
    }

    fn split_record(&mut self) -> J<()> {
        let fs = self.special_str(FS);
        let paragraph = self.special_str(RS).is_empty();
        let rec = std::mem::take(&mut self.record);
        let parts = self.split_text(&rec, &fs, None, paragraph)?;
        self.record = rec;
        self.fields = std::iter::once(Value::Uninit).chain(parts.into_iter().map(Value::StrNum)).collect();
        let nf = self.fields.len() - 1;
        self.bb_cleared = self.bb_cleared.max(self.bb_fields);
        self.bb_fields = nf;
        self.set_special(NF, Value::Num(nf as f64));
        Ok(())
    }

    /// Splits `text` as field splitting does with separator `fs` (or the regex `re`).
    pub fn split_text(&mut self, text: &str, fs: &str, re: Option<usize>, paragraph: bool) -> J<Vec<String>> {
        self.charge(text.len())?;
        if paragraph && fs != " " && re.is_none() && self.dialect != Dialect::Mawk {
            let mut out = Vec::new();
            for line in text.split('\n') {
                if line.is_empty() {
                    out.push(String::new());
                }
                out.extend(self.split_text(line, fs, None, false)?);
            }
            return Ok(out);
        }
        if re.is_none() && fs == " " {
            return Ok(text.split([' ', '\t', '\n']).filter(|s| !s.is_empty()).map(str::to_string).collect());
        }
        if text.is_empty() {
            return Ok(Vec::new());
        }
        if re.is_none() && fs.is_empty() {
            return Ok(text.chars().map(String::from).collect());
        }
        if re.is_none() && fs.chars().count() == 1 && fs != "\\" {
            return Ok(text.split(fs).map(str::to_string).collect());
        }
        let m = match re {
            Some(i) => self.literal_regex(i)?,
            None => self.regex(fs)?,
        };
        let mut out = Vec::new();
        let mut pos = 0;
        let mut from = 0;
        while from <= text.len() {
            match m.find(text, from)? {
                Some((s, e)) if e > s => {
                    out.push(text[pos..s].to_string());
                    pos = e;
                    from = e;
                }
                Some((s, _)) => {
                    from = s + text[s..].chars().next().map_or(1, char::len_utf8);
                }
                None => break,
            }
        }
        out.push(text[pos..].to_string());
        Ok(out)
    }

    /// A negative field index (NaN is one for mawk and BusyBox: their int
    /// conversions give the most negative value), or an error for it.
    fn bad_field_index<T>(&self, i: f64) -> Option<J<T>> {
        // BusyBox's `(int)d` of 2^31 or more is INT_MIN too.
        let wraps = self.dialect == Dialect::Busybox && i >= 2_147_483_648.0;
        if !(i < 0.0 || wraps || (i.is_nan() && self.dialect != Dialect::Gawk)) {
            return None;
        }
        // mawk names the index with `%.6g`.
        let shown = super::format::sprintf("%.6g", &[Value::Num(i)], &mut |_| String::new()).0;
        Some(self.runtime_error(
            &format!("attempt to access field {}", i as i64),
            &format!("negative field index ${shown}"),
            "Access to negative field",
        ))
    }

    pub fn get_field(&mut self, i: f64) -> J<Value> {
        if let Some(e) = self.bad_field_index(i) {
            return e;
        }
        let i = i as usize;
        if i == 0 {
            self.charge(self.record.len())?;
            return Ok(Value::StrNum(self.record.clone()));
        }
        if let Some(f) = self.fields.get(i) {
            return Ok(f.clone());
        }
        if self.dialect != Dialect::Busybox {
            return Ok(Value::StrNum(String::new()));
        }
        // BusyBox keeps its field variables: one past NF that a record before
        // had (or the program touched) was cleared to a string "", one never
        // used is uninitialised (a number in comparisons).
        self.bb_fields = self.bb_fields.max(i);
        Ok(if i <= self.bb_cleared { Value::Str(String::new()) } else { Value::Uninit })
    }

    pub fn set_field(&mut self, i: f64, v: Value) -> J<()> {
        if let Some(e) = self.bad_field_index(i) {
            return e;
        }
        let i = i as usize;
        if i == 0 {
            let s = self.to_str(&v);
            return self.set_record(s);
        }
        if i > 100_000 {
            return fatal(format!("dockersim: awk: field index {i} is more than this simulator keeps\n"), 2);
        }
        if i >= self.fields.len() {
            self.bb_fields = self.bb_fields.max(i);
            self.grow_fields(i);
            self.set_special(NF, Value::Num(i as f64));
        }
        self.fields[i] = v;
        self.rebuild_record()
    }

    pub fn set_nf(&mut self, n: f64) -> J<()> {
        if n.trunc() < 0.0 {
            return self.runtime_error("NF set to negative value", "negative value assigned to NF", "NF set to negative value");
        }
        let n = (n as usize).min(100_000);
        let old = self.fields.len() - 1;
        if n < self.bb_fields {
            self.bb_cleared = self.bb_cleared.max(self.bb_fields);
        }
        self.bb_fields = n;
        if n + 1 < self.fields.len() {
            self.fields.truncate(n + 1);
        } else {
            self.grow_fields(n);
        }
        self.set_special(NF, Value::Num(n as f64));
        let ofs = self.special_str(OFS);
        if n > old && old > 0 && self.rebuilt_with.as_deref() == Some(ofs.as_str()) {
            // Growing NF adds empty fields: their separators go on the end
            // (no rebuild of all the fields, which made `NF++` loops quadratic).
            let add = ofs.repeat(n - old);
            if self.record.len() + add.len() > MAX_STRING {
                return fatal("dockersim: awk: a string grew past 16 MiB (the simulator's limit)\n".into(), 2);
            }
            self.charge(add.len())?;
            self.record.push_str(&add);
            return Ok(());
        }
        self.rebuild_record()
    }

    /// Makes `$1…$n` exist: new ones are unset, but BusyBox's that an earlier
    /// record cleared are strings ("").
    fn grow_fields(&mut self, n: usize) {
        while self.fields.len() <= n {
            let j = self.fields.len();
            let cleared = self.dialect == Dialect::Busybox && j <= self.bb_cleared;
            self.fields.push(if cleared { Value::Str(String::new()) } else { Value::Uninit });
        }
    }

    fn rebuild_record(&mut self) -> J<()> {
        let ofs = self.special_str(OFS);
        let fmt = self.special_str(CONVFMT);
        let mut s = String::new();
        for (k, f) in self.fields.iter().enumerate().skip(1) {
            if k > 1 {
                s.push_str(&ofs);
            }
            match f {
                Value::Str(t) | Value::StrNum(t) => s.push_str(t),
                Value::Uninit => {}
                Value::Num(n) if *n == n.trunc() && n.abs() < 1e9 => s.push_str(&format!("{}", *n as i64)),
                Value::Num(n) => s.push_str(&num_to_str(*n, &fmt)),
            }
            if s.len() > MAX_STRING {
                return fatal("dockersim: awk: a string grew past 16 MiB (the simulator's limit)\n".into(), 2);
            }
        }
        // Each field costs a step as well as its bytes.
        self.steps += (self.fields.len() / 64) as u64;
        self.charge(s.len())?;
        self.record = s;
        self.rebuilt_with = Some(ofs);
        Ok(())
    }

    // ----- regular expressions -----

    pub fn literal_regex(&mut self, i: usize) -> J<Matcher> {
        match self.regexes.get(i).cloned().flatten() {
            Some(m) => Ok(m),
            None => {
                let src = self.prog.regexes.get(i).cloned().unwrap_or_default();
                self.regex(&src)
            }
        }
    }

    pub fn regex(&mut self, src: &str) -> J<Matcher> {
        self.compile_regex(src, false)
    }

    /// A dynamic regex; `literal`: the program's string constant, which mawk
    /// compiles (and refuses) while parsing, a computed one at run time.
    fn compile_regex(&mut self, src: &str, literal: bool) -> J<Matcher> {
        if let Some(m) = self.dynamic.get(src) {
            return Ok(m.clone());
        }
        let refused = match self.dialect {
            Dialect::Mawk => re::mawk_refuses(src),
            _ => None,
        };
        let compiled = match refused {
            Some(why) => Err((why, "")),
            None => re::compile(src, false).map_err(|e| (e.mawk, e.gnu)),
        };
        match compiled {
            Ok(m) => {
                if self.dynamic.len() > 256 {
                    self.dynamic.clear();
                }
                self.dynamic.insert(src.to_string(), m.clone());
                Ok(m)
            }
            Err(_) if self.dialect == Dialect::Busybox => Ok(Matcher::never()),
            Err((why, _)) if self.dialect == Dialect::Mawk && literal => {
                fatal(format!("mawk: line 1: regular expression compile failed ({why})\n{src}\n"), 2)
            }
            Err((why, _)) if self.dialect == Dialect::Mawk => {
                self.runtime_error("", &format!("regular expression compile failed ({why})\n{src}"), "")
            }
            Err((_, gnu)) => self.runtime_error(&format!("invalid regexp: {gnu}: /{src}/"), "", ""),
        }
    }

    /// The regex an operand stands for: a literal, or its string value.
    pub fn regex_of(&mut self, e: &Expr) -> J<Matcher> {
        match e {
            Expr::Regex(i) => self.literal_regex(*i),
            Expr::Group(inner) if matches!(**inner, Expr::Regex(_)) => self.regex_of(inner),
            Expr::Str(s) => self.compile_regex(s, true),
            other => {
                let v = self.eval(other)?;
                let s = self.to_str(&v);
                self.regex(&s)
            }
        }
    }

    // ----- input -----

    /// The next record from `r` with the current RS, or None at its end.
    pub fn next_record(&mut self, r: &mut Reader) -> J<Option<String>> {
        let rs = self.special_str(RS);
        let data = &r.data;
        if r.pos >= data.len() {
            return Ok(None);
        }
        if rs.is_empty() {
            let rest = &data[r.pos..];
            let skip = rest.len() - rest.trim_start_matches('\n').len();
            let start = r.pos + skip;
            if start >= data.len() {
                r.pos = data.len();
                return Ok(None);
            }
            let body = &data[start..];
            let (rec, next) = match body.find("\n\n") {
                Some(i) => {
                    let after = &body[i..];
                    let nl = after.len() - after.trim_start_matches('\n').len();
                    (body[..i].to_string(), start + i + nl)
                }
                None if self.dialect == Dialect::Busybox => (body.to_string(), data.len()),
                None => (body.trim_end_matches('\n').to_string(), data.len()),
            };
            r.pos = next;
            return Ok(Some(rec));
        }
        if rs.chars().count() == 1 {
            let rest = &data[r.pos..];
            let (rec, used) = match rest.find(rs.as_str()) {
                Some(i) => (rest[..i].to_string(), i + rs.len()),
                None => (rest.to_string(), rest.len()),
            };
            r.pos += used;
            return Ok(Some(rec));
        }
        let m = self.regex(&rs)?;
        let rest = &data[r.pos..];
        let mut from = 0;
        loop {
            match m.find(rest, from)? {
                Some((s, e)) if e > s => {
                    let rec = rest[..s].to_string();
                    r.pos += e;
                    return Ok(Some(rec));
                }
                Some((s, _)) if s < rest.len() => from = s + rest[s..].chars().next().map_or(1, char::len_utf8),
                _ => {
                    let rec = rest.to_string();
                    r.pos = data.len();
                    return Ok(Some(rec));
                }
            }
        }
    }

    fn read_operand(&mut self, name: &str) -> J<Result<String, String>> {
        match super::super::bytes::open(self.sh, name) {
            Ok(c) => {
                let bytes = super::super::bytes::bounded(self.sh, &c)?;
                Ok(Ok(String::from_utf8_lossy(&bytes).into_owned()))
            }
            Err(e) => Ok(Err(e.reason().to_string())),
        }
    }

    /// The next record of the main input (ARGV's files, or stdin).
    pub fn next_main(&mut self) -> J<Option<String>> {
        for _ in 0..1_000_000 {
            if let Some(mut r) = self.main.take() {
                let rec = self.next_record(&mut r)?;
                self.main = Some(r);
                if rec.is_some() {
                    return Ok(rec);
                }
                self.main = None;
            }
            let argc = self.special_num(ARGC).max(0.0) as usize;
            let mut opened = false;
            while self.arg_index < argc {
                let i = self.arg_index;
                self.arg_index += 1;
                let arg = match &self.globals[ARGV] {
                    Cell::Arr(a) => a.borrow().get(&i.to_string()).cloned(),
                    Cell::Val(_) => None,
                };
                let Some(arg) = arg.map(|v| self.to_str(&v)) else { continue };
                if arg.is_empty() {
                    continue;
                }
                if let Some((name, value)) = super::assignment(&arg) {
                    self.assign_global_name(&name, Value::StrNum(super::lex::unescape(&value)));
                    continue;
                }
                let data = match self.read_operand(&arg)? {
                    Ok(d) => d,
                    Err(reason) => {
                        return match self.dialect {
                            Dialect::Mawk => fatal(format!("mawk: cannot open {arg} ({reason})\n"), 2),
                            Dialect::Gawk => fatal(format!("gawk: fatal: cannot open file `{arg}' for reading: {reason}\n"), 2),
                            Dialect::Busybox => fatal(format!("awk: {arg}: {reason}\n"), 1),
                        };
                    }
                };
                self.set_special(FILENAME, Value::Str(arg));
                self.set_special(FNR, Value::Num(0.0));
                self.fnr_number = 0.0;
                self.main = Some(Reader { data, pos: 0 });
                self.opened_main = true;
                opened = true;
                break;
            }
            if !opened {
                if self.opened_main {
                    return Ok(None);
                }
                self.opened_main = true;
                let c = self.sh.stdin_content();
                let bytes = super::super::bytes::bounded(self.sh, &c)?;
                self.set_special(FNR, Value::Num(0.0));
                self.fnr_number = 0.0;
                // Standard input as the main input is named `-`.
                self.set_special(FILENAME, Value::Str("-".into()));
                self.main = Some(Reader { data: String::from_utf8_lossy(&bytes).into_owned(), pos: 0 });
            }
        }
        Ok(None)
    }

    pub fn assign_global_name(&mut self, name: &str, v: Value) {
        if let Some(slot) = self.prog.globals.iter().position(|g| g == name) {
            if slot == NF {
                let _ = self.set_nf(v.num());
                return;
            }
            if !matches!(self.globals[slot], Cell::Arr(_)) {
                self.globals[slot] = Cell::Val(v);
            }
        }
    }

    pub fn bump(&mut self, slot: usize) {
        let n = self.special_num(slot) + 1.0;
        self.set_special(slot, Value::Num(n));
        match slot {
            NR => self.nr_number += 1.0,
            FNR => self.fnr_number += 1.0,
            _ => {}
        }
    }

    // ----- output -----

    /// Standard output, through mawk's and gawk's buffer.
    pub fn out(&mut self, text: &str) -> J<()> {
        if self.dialect == Dialect::Busybox {
            self.sh.out_str(text)?;
            return Ok(());
        }
        self.sh.check_output(self.out_buf.len() + text.len())?;
        self.out_buf.extend_from_slice(text.as_bytes());
        Ok(())
    }

    pub fn flush_stdout(&mut self) -> J<()> {
        if !self.out_buf.is_empty() {
            let buf = std::mem::take(&mut self.out_buf);
            self.sh.write_out(&buf)?;
        }
        Ok(())
    }

    pub fn write_to(&mut self, redir: Option<(Redir, String)>, text: &str) -> J<()> {
        let Some((kind, dest)) = redir else {
            return self.out(text);
        };
        if kind != Redir::Pipe {
            match dest.as_str() {
                "/dev/stdout" | "-" => return self.out(text),
                "/dev/stderr" => {
                    self.sh.err_str(text)?;
                    return Ok(());
                }
                "/dev/null" => return Ok(()),
                _ => {}
            }
        }
        if !self.outputs.contains_key(&dest) {
            if self.outputs.len() >= 256 {
                return fatal(format!("dockersim: awk: more than 256 open files or pipes ({dest})\n"), 2);
            }
            let out = match kind {
                Redir::Pipe => {
                    self.flush_stdout()?;
                    Output::Pipe { cmd: dest.clone(), data: Vec::new() }
                }
                _ => {
                    let path = self.sh.abs(&dest);
                    if kind == Redir::Write || !self.sh.fs().exists(&path) {
                        let meta = self.sh.meta(0o644);
                        if self.sh.fs_mut().write(&path, crate::vfs::Content::from_bytes(Vec::new()), meta).is_err() {
                            return self.cannot_redirect(&dest);
                        }
                    }
                    Output::File { path, data: Vec::new() }
                }
            };
            self.outputs.insert(dest.clone(), out);
        }
        self.sh.check_output(text.len())?;
        self.sh.charge_fs(text.len() as u64, 0)?;
        match self.outputs.get_mut(&dest) {
            Some(Output::File { data, .. } | Output::Pipe { data, .. }) => data.extend_from_slice(text.as_bytes()),
            None => {}
        }
        Ok(())
    }

    fn cannot_redirect<T>(&self, dest: &str) -> J<T> {
        match self.dialect {
            Dialect::Gawk => fatal(format!("gawk: cmd. line:1: fatal: cannot redirect to `{dest}': No such file or directory\n"), 2),
            Dialect::Mawk => fatal(format!("mawk: cannot open \"{dest}\" for output\n"), 2),
            Dialect::Busybox => fatal(format!("awk: cmd. line:1: can't open '{dest}': No such file or directory\n"), 1),
        }
    }

    /// Closes an output or input stream; its status (a pipe's command's).
    pub fn close(&mut self, name: &str) -> J<f64> {
        let mut status = if self.dialect == Dialect::Busybox { 0.0 } else { -1.0 };
        if let Some(out) = self.outputs.remove(name) {
            status = self.finish_output(out)?;
        }
        if self.readers.remove(name).is_some() {
            status = 0.0;
        }
        Ok(status)
    }

    fn finish_output(&mut self, out: Output) -> J<f64> {
        match out {
            Output::File { path, data } => {
                let meta = self.sh.meta(0o644);
                let _ = self.sh.fs_mut().append(&path, &data, meta);
                Ok(0.0)
            }
            Output::Pipe { cmd, data } => {
                let saved = std::mem::replace(&mut self.sh.stdin, data);
                let saved_big = self.sh.stdin_big.take();
                let r = self.sh.child_shell(&cmd, "sh", &[]);
                self.sh.stdin = saved;
                self.sh.stdin_big = saved_big;
                let status = f64::from(r?);
                // BusyBox returns the wait status (exit code × 256).
                Ok(if self.dialect == Dialect::Busybox { status * 256.0 } else { status })
            }
        }
    }

    pub fn close_all(&mut self) -> J<()> {
        let outs = std::mem::take(&mut self.outputs);
        for (_, out) in outs {
            self.finish_output(out)?;
        }
        Ok(())
    }

    /// Runs `cmd` through the shell and returns what it printed.
    pub fn capture(&mut self, cmd: &str) -> J<String> {
        self.flush_stdout()?;
        let saved = std::mem::take(&mut self.sh.stdin);
        let saved_big = self.sh.stdin_big.take();
        let r = self.sh.subshell_capture(cmd);
        self.sh.stdin = saved;
        self.sh.stdin_big = saved_big;
        r.map_err(|m| Jump::Flow(Flow::Abort(m)))
    }

    // ----- random numbers (deterministic) -----

    pub fn rand(&mut self) -> f64 {
        self.rand_state ^= self.rand_state << 13;
        self.rand_state ^= self.rand_state >> 7;
        self.rand_state ^= self.rand_state << 17;
        (self.rand_state >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn srand(&mut self, seed: Option<f64>) -> f64 {
        let prev = self.rand_seed;
        let s = seed.unwrap_or(self.sh.now() as f64);
        self.rand_seed = s;
        self.rand_state = (s.to_bits() ^ 0x9e37_79b9_7f4a_7c15) | 1;
        prev
    }
}
