//! The `brandlint` command: parse the arguments, run, exit with the code the run decided.

mod cli;

/// mimalloc: brandlint makes many small, short-lived allocations (segments, pieces,
/// matches), which it serves faster than the system allocator, from each thread's own heap.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
