//! The reviewer's command-line tool; see `microneedling-check --help`.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    microneedling_check::cli::run_os(std::env::args_os().skip(1), &mut std::io::stdout(), &mut std::io::stderr())
}

#[cfg(target_arch = "wasm32")]
fn main() {}
