//! The `brandlint` command: parse the arguments, run, exit with the code the run decided.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
