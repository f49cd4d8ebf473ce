//! `mtlint init`: write a commented starter mtlint.toml.

use super::InitArgs;
use crate::config::{FILE_NAME, STARTER};

pub fn run(args: InitArgs) -> u8 {
    let path = args.dir.join(FILE_NAME);
    if path.exists() && !args.force {
        eprintln!("error: {} already exists (use --force to overwrite)", path.display());
        return 2;
    }
    if let Err(e) = std::fs::create_dir_all(&args.dir).and_then(|()| std::fs::write(&path, STARTER)) {
        eprintln!("error: {}: {}", path.display(), crate::input::io_message(&e));
        return 2;
    }
    eprintln!("wrote {}", path.display());
    0
}
