"""Content: the classes of a program (plain dataclasses) and the loader that validates program folders
with pydantic."""
