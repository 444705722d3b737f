"""Textual's ``Markdown`` widget, without loading pygments until a code block is drawn.

Textual's Markdown module imports ``textual.highlight`` as it loads, for the colours of fenced code blocks,
and that module loads pygments and its table of lexers: 1.45 MiB of resident memory for the whole session
(issue 20: the app within 20 MiB of a bare Textual app), loaded ahead with the day screen by the warm-up,
for blocks that no shipped step has. Before Textual's module is first imported, a stand-in takes the name
``textual.highlight``: its ``highlight`` (the one name Textual's Markdown binds as it loads) and any other
name asked of it (the themes, which Textual imports when a block is drawn) import the real module and
hand over to it. So a step with a code block still shows it highlighted, the real module loaded when the
first such block is drawn (about 60 ms, once); every other session never loads it.

Textual is pinned (pyproject.toml), and ``tests/test_lazy_imports.py`` checks both: pygments is not loaded
by a day of reading steps, and a fenced block is still coloured.
"""

from __future__ import annotations

import importlib
import sys
import threading
import types
from typing import Any

_NAME = "textual.highlight"
_lock = threading.Lock()


def _real() -> types.ModuleType:
    """The real ``textual.highlight``, imported when first needed (it then replaces the stand-in)."""
    with _lock:
        module = sys.modules.get(_NAME)
        if module is None or getattr(module, "_workshop_stand_in", False):
            sys.modules.pop(_NAME, None)
            module = importlib.import_module(_NAME)
        return module


def _stand_in() -> types.ModuleType:
    stand_in = types.ModuleType(_NAME, "Stands in for textual.highlight until a code block is drawn.")

    def highlight(*args: Any, **kwargs: Any) -> Any:
        return _real().highlight(*args, **kwargs)

    def __getattr__(name: str) -> Any:  # noqa: N807 - a module's own __getattr__ (PEP 562)
        if name.startswith("__"):  # the import system asks for ``__path__`` and the like: not the themes
            raise AttributeError(name)
        return getattr(_real(), name)

    stand_in.__dict__.update(highlight=highlight, __getattr__=__getattr__, _workshop_stand_in=True)
    return stand_in


if _NAME not in sys.modules and "textual.widgets._markdown" not in sys.modules:
    sys.modules[_NAME] = _stand_in()

from textual.widgets import Markdown  # noqa: E402 - after the stand-in, which it must find

__all__ = ["Markdown"]
