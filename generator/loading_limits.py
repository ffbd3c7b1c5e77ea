"""The size limits of a process file (one place, read by the loader and the check's cache)."""

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 20
