//! The reviewer's command-line tool; see `microneedling-check --help`.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    microneedling_check::cli::run(&args, &mut std::io::stdout(), &mut std::io::stderr())
}

#[cfg(target_arch = "wasm32")]
fn main() {}
