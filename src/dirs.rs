//! Where warta keeps its files, by the XDG base-directory convention.

use std::path::PathBuf;

/// `$VAR/warta` when `VAR` holds an absolute path, else `~/FALLBACK/warta`.
pub fn xdg_dir(var: &str, fallback_under_home: &str) -> Option<PathBuf> {
    let from_env = |name| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    from_env(var)
        .filter(|p| p.is_absolute())
        .or_else(|| from_env("HOME").map(|home| home.join(fallback_under_home)))
        .map(|base| base.join("warta"))
}
