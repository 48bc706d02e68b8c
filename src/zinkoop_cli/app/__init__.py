"""Use cases: what a command does, between loading and rendering."""
