"""Support: what the app is not, who to call, and what happens to what you write. One key everywhere."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from workshop.content.support import SupportDirectory, SupportLine
from workshop.text import display_text
from workshop.ui_text import plain

NOT_A_CRISIS_SERVICE = (
    "This workshop is a space for reflection. It is not therapy, not a diagnosis, and not a crisis "
    "service, and nobody is watching what you write. If you are struggling, the people below are there "
    "for exactly this, and many of them are doctors themselves."
)
YOUR_COUNTRY = (
    "Lines for the country your computer is set to come first. To choose another, put country = \"IE\" "
    "(any two-letter code) in settings.toml."
)
PRIVACY = (
    "Privacy: everything you write stays on this computer, in files only your account can read. "
    "Nothing is sent anywhere, and nothing is reported to anyone."
)
GENTLE_OPENING = (
    "Thank you for answering honestly. Your answers suggest that things are heavy for you right now. "
    "That is common among clinicians, and it is not a failing. You do not have to carry it alone: the "
    "lines below include people who support doctors and other clinicians, many of them clinicians "
    "themselves, and most are confidential. Close this whenever you like to carry on; it is always one "
    "key away (ctrl+g)."
)


class SupportScreen(ModalScreen[None]):
    """Crisis and physician-support lines by country, each with the date it was last checked."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape,q", "dismiss", "Close", id="support.close"),
    ]

    def __init__(self, directory: SupportDirectory, *, gentle: bool = False) -> None:
        super().__init__(classes="support-screen")
        self.directory = directory
        self.gentle = gentle

    def compose(self) -> ComposeResult:
        with Vertical(classes="support"):
            yield Static("Support", classes="support-title")
            with VerticalScroll(classes="support-body"):
                if self.gentle:
                    yield Static(GENTLE_OPENING, classes="support-gentle")
                yield Static(NOT_A_CRISIS_SERVICE, classes="support-intro")
                yield Static(plain(self.directory.emergency), classes="support-emergency")
                for country, lines in self.directory.by_country().items():
                    yield Static(plain(country), classes="support-country")
                    for line in lines:
                        yield Static(self._describe(line), classes="support-line")
                yield Static(PRIVACY, classes="support-privacy")
                yield Static(YOUR_COUNTRY, classes="support-privacy dim")
            yield Static("Esc closes · ↑ ↓ PgUp PgDn scroll", classes="dim")

    def on_mount(self) -> None:
        self.query_one(".support-body").focus()  # arrows and page keys scroll the lines at once

    @staticmethod
    def _describe(line: SupportLine) -> Content:
        checked = f"(checked {line.checked:%d %B %Y})"
        details = f"{line.contact} · {line.hours}\n{line.about}\n{line.url or ''}  {checked}"
        return Content.assemble((display_text(line.name), "bold"), "\n", plain(details))

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
