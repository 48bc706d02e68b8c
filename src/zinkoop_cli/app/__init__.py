"""Use cases: one function per command, from plain values to rows, warnings or files."""
