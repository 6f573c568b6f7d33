//! The widget's memory allocator: size classes of powers of two, each with a free list, carved
//! from `memory.grow` pages and never returned.
//!
//! Why not the default (dlmalloc): it is about 7 kB of code (3 kB gzip) to handle patterns this
//! widget never has (huge, long-lived, fragmented heaps; threads). A page of this widget allocates
//! small, short-lived blocks (virtual DOM nodes, strings); freed blocks are reused by the next
//! allocation of the same class, so memory stays near the most the widget ever had in use, at most
//! about twice over (a block is rounded up to its class). WebAssembly in a page is single-threaded,
//! so no locking is needed.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::ptr::null_mut;

/// Classes 2^3 (8 bytes) to 2^31; a request is served by the smallest class that holds it.
const MIN_SHIFT: usize = 3;
const CLASSES: usize = 32 - MIN_SHIFT;
const PAGE: usize = 65_536;

pub struct Allocator(UnsafeCell<State>);

struct State {
    /// First free block of each class; a free block holds the address of the next one.
    free: [*mut u8; CLASSES],
    /// The unused rest of the last pages taken from `memory.grow`.
    next: usize,
    end: usize,
}

// SAFETY: WebAssembly in a browser page runs the widget on one thread; nothing shares `State`.
unsafe impl Sync for Allocator {}

impl Allocator {
    pub const fn new() -> Self {
        Allocator(UnsafeCell::new(State { free: [null_mut(); CLASSES], next: 0, end: 0 }))
    }
}

/// The class of `layout`: blocks of a class are `1 << (class + MIN_SHIFT)` bytes, aligned to their
/// size (up to a page), so any block of the class satisfies the alignment that put it there.
fn class(layout: Layout) -> usize {
    let size = layout.size().max(layout.align()).max(1 << MIN_SHIFT);
    (usize::BITS - (size - 1).leading_zeros()) as usize - MIN_SHIFT
}

unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let class = class(layout);
        if class >= CLASSES || layout.align() > PAGE {
            return null_mut();
        }
        // SAFETY: single-threaded (see `Sync`), and no allocation happens while `state` is borrowed.
        let state = unsafe { &mut *self.0.get() };
        let head = state.free[class];
        if !head.is_null() {
            // SAFETY: `head` is a free block of this class, whose first word is the next free block.
            state.free[class] = unsafe { *head.cast::<*mut u8>() };
            return head;
        }
        let size = 1usize << (class + MIN_SHIFT);
        let align = size.min(PAGE);
        let start = (state.next + align - 1) & !(align - 1);
        if start == 0 || start + size > state.end {
            let pages = size.div_ceil(PAGE) + 1;
            let first = core::arch::wasm32::memory_grow(0, pages);
            if first == usize::MAX {
                return null_mut();
            }
            state.next = first * PAGE;
            state.end = state.next + pages * PAGE;
            // The old rest is abandoned: at most one class-size, and only when a bigger block is needed.
            let start = (state.next + align - 1) & !(align - 1);
            state.next = start + size;
            return start as *mut u8;
        }
        state.next = start + size;
        start as *mut u8
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let class = class(layout);
        // SAFETY: as in `alloc`; `ptr` came from `alloc` with the same layout, so from this class.
        let state = unsafe { &mut *self.0.get() };
        unsafe { *ptr.cast::<*mut u8>() = state.free[class] };
        state.free[class] = ptr;
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `GlobalAlloc::realloc`'s contract makes this a valid layout of the same alignment.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        if class(new_layout) == class(layout) {
            return ptr; // the block already has room: a growing string or vector stays where it is
        }
        // SAFETY: as `GlobalAlloc::realloc`'s default: a new block, the contents copied, the old freed.
        unsafe {
            let new = self.alloc(new_layout);
            if !new.is_null() {
                core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            new
        }
    }
}
