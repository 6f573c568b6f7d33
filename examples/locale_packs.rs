//! Writes each locale's pack, the texts the widget receives at run time (it carries none):
//! `cargo run --example locale_packs -- DIR` writes `DIR/<code>.txt` for every locale and prints
//! the locales as `code dir` lines. `scripts/build.sh` compresses them into the shipped
//! `microneedling-check-texts-<code>.bin` files and writes their integrity into the loader.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use microneedling_check::i18n::Locale;

    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: locale_packs DIR");
        return std::process::ExitCode::from(2);
    };
    let dir = std::path::PathBuf::from(dir);
    if let Err(error) = std::fs::create_dir_all(&dir) {
        eprintln!("locale_packs: cannot create {}: {error}", dir.display());
        return std::process::ExitCode::FAILURE;
    }
    for locale in Locale::all() {
        let path = dir.join(format!("{}.txt", locale.code()));
        if let Err(error) = std::fs::write(&path, locale.pack()) {
            eprintln!("locale_packs: cannot write {}: {error}", path.display());
            return std::process::ExitCode::FAILURE;
        }
        println!("{} {}", locale.code(), if locale.is_rtl() { "rtl" } else { "ltr" });
    }
    std::process::ExitCode::SUCCESS
}

#[cfg(target_arch = "wasm32")]
fn main() {}
