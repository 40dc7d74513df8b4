//! The `sesam` command: parse the command line and hand over to the library.

fn main() -> std::process::ExitCode {
    sesam_api::cli::main()
}
