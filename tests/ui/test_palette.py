"""Readable in a light and in a dark system theme: the stylesheet's text colours keep at least
4.5:1 against the background they are drawn on, and under a dark palette every colour the
light stylesheet sets is set again (style-dark.qss)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor, QPalette

import resources
from ui.app import is_dark, stylesheet

# The window and base colours text may sit on: common light and dark system palettes.
LIGHT_BACKGROUNDS = ("#ffffff", "#efefef", "#f6f5f4")
DARK_BACKGROUNDS = ("#1e1e1e", "#2d2d2d", "#353535", "#242424")
COLOURS = ("color", "background", "background-color")


def rules(name: str) -> dict[str, dict[str, str]]:
    """Selector -> its declarations, later rules overriding earlier ones (as Qt applies them)."""
    text = re.sub(r"/\*.*?\*/", "", resources.path(name).read_text(encoding="utf-8"), flags=re.S)
    found: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", text):
        declarations = dict(
            (key.strip(), value.strip())
            for key, _, value in (d.partition(":") for d in body.split(";") if ":" in d)
        )
        for selector in selectors.split(","):
            found.setdefault(" ".join(selector.split()), {}).update(declarations)
    return found


def luminance(colour: str) -> float:
    c = QColor(colour)
    assert c.isValid(), colour

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def text_pairs(sheet: dict[str, dict[str, str]], backgrounds: tuple[str, ...]):
    for selector, decl in sheet.items():
        if "color" in decl:
            own = decl.get("background") or decl.get("background-color")
            for bg in (own,) if own else backgrounds:
                yield selector, decl["color"], bg


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_text_colours_keep_4_5_to_1(dark):
    sheet = rules("style.qss")
    if dark:
        for selector, decl in rules("style-dark.qss").items():
            sheet.setdefault(selector, {}).update(decl)
    backgrounds = DARK_BACKGROUNDS if dark else LIGHT_BACKGROUNDS
    low = [
        (selector, fg, bg, round(contrast(fg, bg), 2))
        for selector, fg, bg in text_pairs(sheet, backgrounds)
        if contrast(fg, bg) < 4.5
    ]
    assert low == []


def test_every_colour_of_the_light_sheet_is_set_again_for_dark():
    dark = rules("style-dark.qss")
    missing = [
        (selector, key)
        for selector, decl in rules("style.qss").items()
        for key in COLOURS
        if key in decl and key not in dark.get(selector, {})
    ]
    assert missing == []


def test_the_dark_sheet_follows_a_dark_palette(qapp):
    light = QPalette(QColor("#efefef"))
    dark = QPalette(QColor("#2d2d2d"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#f0f0f0"))
    light.setColor(QPalette.ColorRole.WindowText, QColor("#101010"))
    assert not is_dark(light) and is_dark(dark)
    assert "#ff8a80" in stylesheet(11, dark=True) and "#ff8a80" not in stylesheet(11)
