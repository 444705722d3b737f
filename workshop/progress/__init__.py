"""Progress: where the journal lives, the TOML store that never loses a word, and export."""
