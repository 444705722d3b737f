"""The workshop's own themes: calm by default, one with high contrast.

Textual's ``ansi-dark`` and ``ansi-light`` themes use the terminal's own colours; they are offered too,
and NO_COLOR turns every theme monochrome (Textual does that itself).
"""

from __future__ import annotations

from textual.theme import Theme

DUSK = Theme(
    name="workshop-dusk",
    primary="#8FB8C9",
    secondary="#B7A6D9",
    accent="#E3B778",
    foreground="#E6E1D8",
    background="#1C2126",
    surface="#242A30",
    panel="#2C333A",
    success="#9CC59A",
    warning="#E3B778",
    error="#E08A7E",
    dark=True,
)

PAPER = Theme(
    name="workshop-paper",
    primary="#2F6179",
    secondary="#5E4B8B",
    accent="#9A5B13",
    foreground="#2A2723",
    background="#F7F3EA",
    surface="#EFE9DC",
    panel="#E6DFCF",
    success="#3B6E3A",
    warning="#9A5B13",
    error="#A23B2E",
    dark=False,
)

HIGH_CONTRAST = Theme(
    name="workshop-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFFFF",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    success="#00FF00",
    warning="#FFFF00",
    error="#FF5555",
    dark=True,
)

WORKSHOP_THEMES = (DUSK, PAPER, HIGH_CONTRAST)
