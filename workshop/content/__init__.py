"""Content: the pydantic models of a program and the loader that validates program folders."""
