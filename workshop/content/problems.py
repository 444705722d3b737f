"""Problems found in content files, reported one per line as ``FILE:LINE: WHERE: WHAT``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one content file."""

    file: Path
    what: str
    where: str = ""
    line: int | None = None

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}" if self.line else str(self.file)
        return f"{place}: {self.where}: {self.what}" if self.where else f"{place}: {self.what}"


class ContentError(Exception):
    """Raised by the loader when content files are invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
