"""Files read and written safely by every layer: bounded reads that refuse links out of a folder and
special files, and atomic writes (temp file, fsync, replace)."""
