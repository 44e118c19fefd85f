"""Pure text analysers used by rules: they see strings and offsets, never files or nodes."""
