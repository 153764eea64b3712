//! Work the reader does in the background — loading, forming the stories — runs at a lower
//! scheduling priority than the reader's own thread, so that on a machine with few cores a
//! key and the query it starts get the cores first, and background work takes what is left.

/// How much less the scheduler favours a background thread: a nice value this much higher
/// (on Linux, a thread of nice 10 gets about a tenth of a core that one of nice 0 also wants).
const BACKGROUND_NICENESS: libc::c_int = 10;

/// Lowers the calling thread's priority for background work; threads it starts afterwards
/// inherit it. Only on Linux, where a nice value belongs to one thread: elsewhere it belongs
/// to the whole process, and lowering it would slow the reader too.
pub fn lower_this_thread() {
    #[cfg(target_os = "linux")]
    // SAFETY: nice takes no pointers; on Linux it changes the calling thread's nice value.
    // A failure (already as nice as allowed) leaves the priority as it was, which is fine.
    unsafe {
        libc::nice(BACKGROUND_NICENESS);
    }
}

/// The calling thread's nice value (Linux), for the tests.
#[cfg(all(test, target_os = "linux"))]
fn this_thread_niceness() -> libc::c_int {
    // SAFETY: gettid and getpriority take no pointers.
    unsafe {
        let thread = libc::syscall(libc::SYS_gettid) as libc::id_t;
        libc::getpriority(libc::PRIO_PROCESS, thread)
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn a_lowered_thread_and_those_it_starts_are_nicer_and_the_caller_is_not() {
        let caller = this_thread_niceness();
        let (lowered, started) = std::thread::spawn(|| {
            lower_this_thread();
            let started = std::thread::spawn(this_thread_niceness).join().unwrap();
            (this_thread_niceness(), started)
        })
        .join()
        .unwrap();
        let expected = (caller + BACKGROUND_NICENESS).min(19);
        assert_eq!(lowered, expected, "the background thread is nicer");
        assert_eq!(started, expected, "and so are the threads it starts");
        assert_eq!(this_thread_niceness(), caller, "the caller's is unchanged");
    }
}
