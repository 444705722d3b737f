"""A guided reflection workshop for clinicians, in the terminal.

The package is layered so that each folder only leans on the ones above it:

- ``content``  - the classes of a program (plain dataclasses), the loader that validates them with pydantic
  (no I/O beyond reading files).
- ``progress`` - where files live, the TOML journal store, export.
- ``flow``     - where the user is, what comes next, scoring: plain Python, no Textual.
- ``tui`` / ``present`` - Textual screens that render the flow.
"""

__version__ = "0.1.0"
