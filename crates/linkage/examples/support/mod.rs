//! What the development examples share: flags and the engine they open.

use std::path::PathBuf;

use lantern_linkage::link::Engine;

/// The value after `--name`, if given.
pub fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

/// The engine of `--config` and the path of `--input`.
pub fn engine_and_input(args: &[String]) -> Result<(Engine, PathBuf, PathBuf), String> {
    let config = PathBuf::from(flag(args, "--config").ok_or("--config")?);
    let input = PathBuf::from(flag(args, "--input").ok_or("--input")?);
    let engine = Engine::from_config_file(&config).map_err(|e| e.to_string())?;
    Ok((engine, config, input))
}
