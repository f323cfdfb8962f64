//! A global allocator that counts live heap bytes and allocation calls, for
//! benchmarks that report memory (`#[path = "common/counting_alloc.rs"] mod
//! counting_alloc;`). `counting(false)` pauses counting, so that timed code
//! runs at the system allocator's speed.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Counts live heap bytes.
pub struct Counting;

/// Live heap bytes right now (while counting is on).
pub static LIVE: AtomicUsize = AtomicUsize::new(0);

/// The most live heap bytes seen (reset it by storing `LIVE`'s value).
#[allow(dead_code)]
pub static PEAK: AtomicUsize = AtomicUsize::new(0);

/// Allocations and reallocations made while counting was on.
#[allow(dead_code)]
pub static CALLS: AtomicUsize = AtomicUsize::new(0);

static ON: AtomicBool = AtomicBool::new(true);

/// Turns counting on or off.
#[allow(dead_code)]
pub fn counting(on: bool) {
    ON.store(on, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if ON.load(Ordering::Relaxed) {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
            CALLS.fetch_add(1, Ordering::Relaxed);
        }
        System.alloc(layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if ON.load(Ordering::Relaxed) {
            let live = LIVE.fetch_add(new_size, Ordering::Relaxed) + new_size;
            PEAK.fetch_max(live, Ordering::Relaxed);
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            CALLS.fetch_add(1, Ordering::Relaxed);
        }
        System.realloc(ptr, layout, new_size)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if ON.load(Ordering::Relaxed) {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;
