//! Matching. `Prog` is a Thompson NFA simulated over the text (Pike's VM
//! keeping each thread's start): the leftmost-longest match in
//! O(text × pattern), no backtracking. Groups, and patterns with
//! back-references, use `Bt`, a backtracking search bounded by a step budget:
//! groups are assigned as glibc does once the match is known (alternatives
//! in order, repetitions greedy, the match's end fixed).

use super::class::ByteSet;
use super::parse::{Assert, Node};

/// The most NFA instructions a pattern may compile to.
pub const MAX_PROG: usize = 100_000;
/// Steps one backtracking search (a pattern with back-references) may take.
const BT_BUDGET: usize = 500_000;
/// The most bits of (instruction, position) memo the capture search keeps
/// (4 MiB); past it, groups are assigned by the slower thread simulation.
const BITSTATE_MAX: usize = 32 << 20;

/// The steps a compiled pattern may still take, over all its searches: every
/// unit of matching work is paid from it, and once it is spent every search
/// fails and `Regex::exhausted` says so. Shared by the searches of one
/// pattern because a tool finds all matches of a line one after another.
pub struct Fuel<'a>(pub &'a std::cell::Cell<u64>);

impl Fuel<'_> {
    /// Pays `n` units; false once the fuel is gone.
    fn pay(&self, n: usize) -> bool {
        let left = self.0.get();
        if left < n as u64 {
            self.0.set(0);
            return false;
        }
        self.0.set(left - n as u64);
        true
    }

    pub fn spent(&self) -> bool {
        self.0.get() == 0
    }

    /// The steps one backtracking search may take: `BT_BUDGET`, or what is left.
    fn budget(&self) -> usize {
        usize::try_from(self.0.get()).unwrap_or(usize::MAX).min(BT_BUDGET)
    }
}
/// How deep the backtracking search may recurse (a few frames per byte).
const MAX_DEPTH: usize = 1_000;

/// Each group's span, if it took part (`[0]`: the whole match).
pub type Groups = Vec<Option<(usize, usize)>>;

#[derive(Clone, Debug)]
enum Inst {
    Set(u32),
    Split(u32, u32),
    Jmp(u32),
    Assert(Assert),
    /// Records the position in a capture slot (group i: 2i open, 2i+1 close).
    Save(u32),
    Match,
}

#[derive(Clone, Debug)]
pub struct Prog {
    insts: Vec<Inst>,
    sets: Vec<ByteSet>,
    /// Starts with `^`: only position 0 can start a match.
    anchored: bool,
    /// The bytes a match can start with (`None`: it may be empty).
    first: Option<ByteSet>,
}

pub fn compile(root: &Node) -> Option<Prog> {
    let mut p = Prog { insts: Vec::new(), sets: Vec::new(), anchored: starts_anchored(root), first: None };
    p.emit(root)?;
    p.insts.push(Inst::Match);
    p.first = p.first_bytes();
    Some(p)
}

fn starts_anchored(n: &Node) -> bool {
    match n {
        Node::Assert(Assert::Bol) => true,
        Node::Cat(v) => v.first().is_some_and(starts_anchored),
        Node::Group(_, inner) => starts_anchored(inner),
        Node::Alt(v) => v.iter().all(starts_anchored),
        _ => false,
    }
}

impl Prog {
    fn push(&mut self, i: Inst) -> Option<u32> {
        if self.insts.len() >= MAX_PROG {
            return None;
        }
        self.insts.push(i);
        Some((self.insts.len() - 1) as u32)
    }

    fn pc(&self) -> u32 {
        self.insts.len() as u32
    }

    fn emit(&mut self, n: &Node) -> Option<()> {
        match n {
            Node::Empty => {}
            Node::Set(s) => {
                let idx = match self.sets.iter().position(|x| x == &**s) {
                    Some(i) => i,
                    None => {
                        self.sets.push((**s).clone());
                        self.sets.len() - 1
                    }
                };
                self.push(Inst::Set(idx as u32))?;
            }
            Node::Assert(a) => {
                self.push(Inst::Assert(*a))?;
            }
            Node::Group(i, inner) => {
                self.push(Inst::Save(2 * *i as u32))?;
                self.emit(inner)?;
                self.push(Inst::Save(2 * *i as u32 + 1))?;
            }
            Node::Cat(v) => {
                for x in v {
                    self.emit(x)?;
                }
            }
            Node::Alt(v) => {
                let mut jumps = Vec::new();
                for (k, x) in v.iter().enumerate() {
                    if k + 1 < v.len() {
                        let split = self.push(Inst::Split(0, 0))?;
                        self.emit(x)?;
                        jumps.push(self.push(Inst::Jmp(0))?);
                        let next = self.pc();
                        self.insts[split as usize] = Inst::Split(split + 1, next);
                    } else {
                        self.emit(x)?;
                    }
                }
                let end = self.pc();
                for j in jumps {
                    self.insts[j as usize] = Inst::Jmp(end);
                }
            }
            Node::Repeat(inner, min, max) => {
                for _ in 0..*min {
                    self.emit(inner)?;
                }
                match max {
                    None => {
                        let split = self.push(Inst::Split(0, 0))?;
                        self.emit(inner)?;
                        self.push(Inst::Jmp(split))?;
                        let end = self.pc();
                        self.insts[split as usize] = Inst::Split(split + 1, end);
                    }
                    Some(max) => {
                        let mut splits = Vec::new();
                        for _ in *min..*max {
                            splits.push(self.push(Inst::Split(0, 0))?);
                            self.emit(inner)?;
                        }
                        let end = self.pc();
                        for s in splits {
                            self.insts[s as usize] = Inst::Split(s + 1, end);
                        }
                    }
                }
            }
            Node::Backref(_) => return None,
        }
        Some(())
    }

    /// The union of the byte sets reachable from the start without reading
    /// (assertions taken as passable); `None` if the match can be empty.
    fn first_bytes(&self) -> Option<ByteSet> {
        let mut seen = vec![false; self.insts.len()];
        let mut stack = vec![0u32];
        let mut first = ByteSet::new();
        while let Some(pc) = stack.pop() {
            let i = pc as usize;
            if std::mem::replace(&mut seen[i], true) {
                continue;
            }
            match self.insts[i] {
                Inst::Set(k) => first.union(&self.sets[k as usize]),
                Inst::Split(a, b) => stack.extend([a, b]),
                Inst::Jmp(a) => stack.push(a),
                Inst::Assert(_) | Inst::Save(_) => stack.push(pc + 1),
                Inst::Match => return None,
            }
        }
        Some(first)
    }

    /// The leftmost-longest match starting at or after `start`.
    pub fn find(&self, t: &[u8], start: usize, fuel: &Fuel) -> Option<(usize, usize)> {
        let n = self.insts.len();
        let mut marks = vec![0u32; n];
        let mut gen = 1u32;
        let mut clist: Vec<(u32, usize)> = Vec::new();
        let mut nlist: Vec<(u32, usize)> = Vec::new();
        let mut stack: Vec<u32> = Vec::new();
        let mut best: Option<(usize, usize)> = None;
        let mut pos = start;
        loop {
            if best.is_none() && (!self.anchored || pos == 0) {
                let steps = self.add(&mut clist, &mut marks, gen, &mut stack, 0, pos, t, pos);
                if !fuel.pay(steps) {
                    return None;
                }
            }
            gen += 1;
            if clist.is_empty() {
                if best.is_some() || (self.anchored && pos > 0) || pos >= t.len() {
                    break;
                }
                pos += 1;
                // Skip to the next byte a match can start with.
                if let Some(first) = &self.first {
                    while pos < t.len() && !first.has(t[pos]) {
                        pos += 1;
                    }
                    if pos >= t.len() {
                        break;
                    }
                }
                continue;
            }
            nlist.clear();
            let mut steps = clist.len();
            for &(pc, s) in &clist {
                if best.is_some_and(|(bs, _)| s > bs) {
                    break;
                }
                match self.insts[pc as usize] {
                    Inst::Match if best.is_none_or(|(bs, be)| s < bs || (s == bs && pos > be)) => best = Some((s, pos)),
                    Inst::Set(i) if pos < t.len() && self.sets[i as usize].has(t[pos]) => {
                        steps += self.add(&mut nlist, &mut marks, gen, &mut stack, pc + 1, s, t, pos + 1);
                    }
                    _ => {}
                }
            }
            if !fuel.pay(steps) {
                return None;
            }
            std::mem::swap(&mut clist, &mut nlist);
            if pos >= t.len() {
                break;
            }
            pos += 1;
        }
        best
    }

    /// Adds the thread at `pc` and everything reachable without reading a
    /// byte; returns the steps it took.
    #[allow(clippy::too_many_arguments)]
    fn add(
        &self,
        list: &mut Vec<(u32, usize)>,
        marks: &mut [u32],
        gen: u32,
        stack: &mut Vec<u32>,
        pc: u32,
        s: usize,
        t: &[u8],
        pos: usize,
    ) -> usize {
        let mut steps = 0;
        stack.push(pc);
        while let Some(pc) = stack.pop() {
            steps += 1;
            let i = pc as usize;
            if marks[i] == gen {
                continue;
            }
            marks[i] = gen;
            match self.insts[i] {
                Inst::Jmp(a) => stack.push(a),
                Inst::Save(_) => stack.push(pc + 1),
                Inst::Split(a, b) => {
                    stack.push(b);
                    stack.push(a);
                }
                Inst::Assert(k) => {
                    if k.holds(t, pos) {
                        stack.push(pc + 1);
                    }
                }
                _ => list.push((pc, s)),
            }
        }
        steps
    }
}

impl Prog {
    /// The groups of the match `[s, e)` as glibc assigns them: the
    /// highest-priority path (alternatives in order, repetitions greedy)
    /// that ends at `e`.
    pub fn captures(&self, t: &[u8], s: usize, e: usize, ngroups: usize, fuel: &Fuel) -> Option<Groups> {
        if self.insts.len().saturating_mul(e - s + 1) <= BITSTATE_MAX {
            self.captures_bitstate(t, s, e, ngroups, fuel)
        } else {
            self.captures_threads(t, s, e, ngroups, fuel)
        }
    }

    /// `captures` as a depth-first search in priority order that visits each
    /// (instruction, position) once (RE2's "bit state"): the first path to
    /// reach the end is the highest-priority one, and a pair visited before
    /// cannot lead anywhere a higher-priority visit did not. O(pattern ×
    /// match), no copying of groups.
    pub(super) fn captures_bitstate(&self, t: &[u8], s: usize, e: usize, ngroups: usize, fuel: &Fuel) -> Option<Groups> {
        enum Job {
            Try(u32, usize),
            Restore(u32, usize),
        }
        let width = e - s + 1;
        let mut visited = vec![0u64; (self.insts.len() * width).div_ceil(64)];
        let mut caps = vec![usize::MAX; 2 * (ngroups + 1)];
        let mut jobs = vec![Job::Try(0, s)];
        let mut steps = 0usize;
        while let Some(job) = jobs.pop() {
            let (mut pc, mut pos) = match job {
                Job::Restore(slot, old) => {
                    caps[slot as usize] = old;
                    continue;
                }
                Job::Try(pc, pos) => (pc, pos),
            };
            loop {
                steps += 1;
                if steps >= 4096 {
                    if !fuel.pay(steps) {
                        return None;
                    }
                    steps = 0;
                }
                let bit = pc as usize * width + (pos - s);
                if visited[bit / 64] & (1 << (bit % 64)) != 0 {
                    break;
                }
                visited[bit / 64] |= 1 << (bit % 64);
                match self.insts[pc as usize] {
                    Inst::Set(i) => {
                        if pos < e && self.sets[i as usize].has(t[pos]) {
                            pc += 1;
                            pos += 1;
                        } else {
                            break;
                        }
                    }
                    Inst::Split(a, b) => {
                        jobs.push(Job::Try(b, pos));
                        pc = a;
                    }
                    Inst::Jmp(a) => pc = a,
                    Inst::Assert(k) => {
                        if !k.holds(t, pos) {
                            break;
                        }
                        pc += 1;
                    }
                    Inst::Save(slot) => {
                        jobs.push(Job::Restore(slot, caps[slot as usize]));
                        caps[slot as usize] = pos;
                        pc += 1;
                    }
                    Inst::Match => {
                        if pos == e {
                            fuel.pay(steps);
                            return Some(groups_of(&caps, ngroups));
                        }
                        break;
                    }
                }
            }
        }
        fuel.pay(steps);
        None
    }

    /// `captures` by simulating the threads, each carrying its groups: for
    /// matches too long for the bit-state memo.
    pub(super) fn captures_threads(&self, t: &[u8], s: usize, e: usize, ngroups: usize, fuel: &Fuel) -> Option<Groups> {
        let n = self.insts.len();
        let nslots = 2 * (ngroups + 1);
        let mut marks = vec![0u32; n];
        let mut gen = 1u32;
        let mut clist: Vec<(u32, Vec<usize>)> = Vec::new();
        let mut nlist: Vec<(u32, Vec<usize>)> = Vec::new();
        let mut stack: Vec<(u32, Vec<usize>)> = Vec::new();
        // Each step copies the groups: it costs in proportion to them.
        let cost = 1 + nslots / 8;
        let steps = self.add_caps(&mut clist, &mut marks, gen, &mut stack, 0, vec![usize::MAX; nslots], t, s);
        if !fuel.pay(steps * cost) {
            return None;
        }
        let mut pos = s;
        loop {
            gen += 1;
            nlist.clear();
            let mut steps = clist.len();
            for (pc, caps) in clist.drain(..) {
                match self.insts[pc as usize] {
                    Inst::Match if pos == e => return Some(groups_of(&caps, ngroups)),
                    Inst::Set(i) if pos < e && self.sets[i as usize].has(t[pos]) => {
                        steps += self.add_caps(&mut nlist, &mut marks, gen, &mut stack, pc + 1, caps, t, pos + 1);
                    }
                    _ => {}
                }
            }
            if !fuel.pay(steps * cost) {
                return None;
            }
            if pos >= e || nlist.is_empty() {
                return None;
            }
            std::mem::swap(&mut clist, &mut nlist);
            pos += 1;
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn add_caps(
        &self,
        list: &mut Vec<(u32, Vec<usize>)>,
        marks: &mut [u32],
        gen: u32,
        stack: &mut Vec<(u32, Vec<usize>)>,
        pc: u32,
        caps: Vec<usize>,
        t: &[u8],
        pos: usize,
    ) -> usize {
        let mut steps = 0;
        stack.push((pc, caps));
        while let Some((pc, mut caps)) = stack.pop() {
            steps += 1;
            let i = pc as usize;
            if marks[i] == gen {
                continue;
            }
            marks[i] = gen;
            match self.insts[i] {
                Inst::Jmp(a) => stack.push((a, caps)),
                Inst::Split(a, b) => {
                    stack.push((b, caps.clone()));
                    stack.push((a, caps));
                }
                Inst::Assert(k) => {
                    if k.holds(t, pos) {
                        stack.push((pc + 1, caps));
                    }
                }
                Inst::Save(slot) => {
                    caps[slot as usize] = pos;
                    stack.push((pc + 1, caps));
                }
                _ => list.push((pc, caps)),
            }
        }
        steps
    }
}

/// Capture slots (group i: 2i open, 2i+1 close) as the groups that took part.
fn groups_of(caps: &[usize], ngroups: usize) -> Groups {
    (0..=ngroups)
        .map(|g| {
            let (a, b) = (caps[2 * g], caps[2 * g + 1]);
            (a != usize::MAX && b != usize::MAX && a <= b).then_some((a, b))
        })
        .collect()
}

/// What to do with a path that reached the end of the pattern.
enum Mode {
    /// Remember the longest end (finding with back-references).
    Longest(Option<usize>),
    /// Succeed only at this end (assigning groups).
    Exact(usize),
}

/// The rest of the pattern after the node being matched.
enum K<'n, 'k> {
    Done,
    Cat(&'n [Node], &'k K<'n, 'k>),
    Close(usize, usize, &'k K<'n, 'k>),
    /// A repetition after `count` iterations, the last one begun at `last`.
    Rep {
        node: &'n Node,
        count: u32,
        min: u32,
        max: Option<u32>,
        last: usize,
        next: &'k K<'n, 'k>,
    },
}

struct Bt<'t> {
    t: &'t [u8],
    caps: Vec<Option<(usize, usize)>>,
    steps: usize,
    /// The steps this search may take: `BT_BUDGET`, or less when the
    /// pattern's fuel has less left.
    budget: usize,
    depth: usize,
    mode: Mode,
    icase: bool,
}

impl Bt<'_> {
    fn cont(&mut self, pos: usize, k: &K) -> bool {
        self.steps += 1;
        if self.steps > self.budget {
            return false;
        }
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            // Out of stack: give up like an exhausted budget.
            self.steps = self.budget + 1;
            self.depth -= 1;
            return false;
        }
        let r = self.step(pos, k);
        self.depth -= 1;
        r
    }

    fn step(&mut self, pos: usize, k: &K) -> bool {
        match k {
            K::Done => match &mut self.mode {
                Mode::Exact(e) => pos == *e,
                Mode::Longest(best) => {
                    if best.is_none_or(|b| pos > b) {
                        *best = Some(pos);
                    }
                    pos == self.t.len()
                }
            },
            K::Cat(rest, next) => match rest.split_first() {
                None => self.cont(pos, next),
                Some((first, more)) => self.node(first, pos, &K::Cat(more, next)),
            },
            K::Close(i, open, next) => {
                let old = self.caps[*i];
                self.caps[*i] = Some((*open, pos));
                if self.cont(pos, next) {
                    return true;
                }
                self.caps[*i] = old;
                false
            }
            K::Rep { node, count, min, max, last, next } => {
                // After an empty iteration, another would add nothing.
                if max.is_none_or(|m| *count < m) && (pos != *last || *count < *min) {
                    let k2 = K::Rep { node, count: count + 1, min: *min, max: *max, last: pos, next };
                    if self.node(node, pos, &k2) {
                        return true;
                    }
                }
                *count >= *min && self.cont(pos, next)
            }
        }
    }

    fn node(&mut self, n: &Node, pos: usize, k: &K) -> bool {
        if self.steps > self.budget {
            return false;
        }
        let t = self.t;
        match n {
            Node::Empty => self.cont(pos, k),
            Node::Set(s) => pos < t.len() && s.has(t[pos]) && self.cont(pos + 1, k),
            Node::Assert(a) => a.holds(t, pos) && self.cont(pos, k),
            Node::Backref(i) => {
                let Some((a, b)) = self.caps[*i] else { return false };
                let len = b - a;
                if pos + len > t.len() {
                    return false;
                }
                let same = if self.icase { t[a..b].eq_ignore_ascii_case(&t[pos..pos + len]) } else { t[a..b] == t[pos..pos + len] };
                same && self.cont(pos + len, k)
            }
            Node::Cat(v) => self.cont(pos, &K::Cat(v, k)),
            Node::Alt(v) => {
                for a in v {
                    if self.node(a, pos, k) {
                        return true;
                    }
                    if self.steps > self.budget {
                        return false;
                    }
                }
                false
            }
            Node::Group(i, inner) => self.node(inner, pos, &K::Close(*i, pos, k)),
            Node::Repeat(inner, min, max) => {
                self.cont(pos, &K::Rep { node: inner, count: 0, min: *min, max: *max, last: usize::MAX, next: k })
            }
        }
    }
}

impl Bt<'_> {
    /// Pays for the search; false (and the fuel gone) if it ran out of budget.
    fn settle(&self, fuel: &Fuel) -> bool {
        if self.steps > self.budget {
            fuel.0.set(0);
            return false;
        }
        fuel.pay(self.steps)
    }
}

/// The groups of the match `[s, e)`, as glibc assigns them; `None` if the
/// search ran out of budget.
pub fn captures(root: &Node, t: &[u8], s: usize, e: usize, ngroups: usize, icase: bool, fuel: &Fuel) -> Option<Groups> {
    let mut bt = Bt { t, caps: vec![None; ngroups + 1], steps: 0, budget: fuel.budget(), depth: 0, mode: Mode::Exact(e), icase };
    let found = bt.node(root, s, &K::Done);
    (bt.settle(fuel) && found).then_some(bt.caps)
}

/// The leftmost-longest match of a pattern with back-references; `None` if
/// there is none or the search ran out of budget (then the fuel is gone: a
/// longest match cut short would be a wrong answer).
pub fn find_backtrack(root: &Node, t: &[u8], start: usize, ngroups: usize, icase: bool, fuel: &Fuel) -> Option<(usize, usize)> {
    let mut bt = Bt { t, caps: vec![None; ngroups + 1], steps: 0, budget: fuel.budget(), depth: 0, mode: Mode::Longest(None), icase };
    for s in start..=t.len() {
        bt.mode = Mode::Longest(None);
        bt.node(root, s, &K::Done);
        if bt.steps > bt.budget {
            bt.settle(fuel);
            return None;
        }
        if let Mode::Longest(Some(e)) = bt.mode {
            return bt.settle(fuel).then_some((s, e));
        }
    }
    bt.settle(fuel);
    None
}
