//! What several test crates share: the seeded generator the fuzzers use and
//! a program run in a fresh copy of an image's root filesystem. Each test
//! crate uses part of it.
#![allow(dead_code)]

use dockersim::shell::{run_argv, ExecContext, ExecResult, Flavor};
use dockersim::vfs::Fs;
use std::collections::BTreeMap;

/// xorshift64*: the same inputs for the same seed on every machine.
pub struct Rng(pub u64);

impl Rng {
    /// splitmix64 of (seed, k): input k is reproducible on its own.
    pub fn new(seed: u64, k: u64) -> Rng {
        let mut z = seed.wrapping_add(k.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    pub fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

/// Runs `argv` as root in /tmp/work of a copy of `fs`, with the images'
/// default HOME and PATH, at the default simulated instant.
pub fn run_in(fs: &Fs, argv: &[String]) -> ExecResult {
    let mut fs = fs.clone();
    let env: BTreeMap<String, String> = [("HOME", "/root"), ("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let mut ctx = ExecContext {
        fs: &mut fs,
        env,
        cwd: "/tmp/work".into(),
        now: 1_767_225_600,
        flavor: Flavor::Dash,
        user: String::new(),
        host: None,
    };
    run_argv(argv, &mut ctx)
}
