"""Alt+letter to every field: each label gets a letter no other label, button or menu of its
screen already uses."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QAbstractButton, QLabel, QTabWidget, QWidget

# The main window's menus (Workspace, Go, Room screen, Help) take these letters everywhere.
MENU_LETTERS = frozenset("woce")


def mnemonic(text: str) -> str | None:
    """The letter after a single '&' in a label's text, lower case, or None."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1].lower()
            i += 1
        i += 1
    return None


def _labelled(root: QWidget) -> list[QWidget]:
    """The labels with a field and the buttons of `root`, in the order they were made."""
    found: list[QWidget] = []
    for widget in root.findChildren(QWidget):
        if (isinstance(widget, QLabel) and widget.buddy() is not None) or (
            isinstance(widget, QAbstractButton) and widget.text()
        ):
            found.append(widget)
    return found


def used_letters(widgets: Iterable[QWidget]) -> list[str]:
    letters = []
    for widget in widgets:
        text = widget.text()  # type: ignore[attr-defined]
        letter = mnemonic(text)
        if letter:
            letters.append(letter)
    return letters


def _candidates(text: str) -> list[str]:
    """A label's letters, first letters of its words first."""
    starts = [c for i, c in enumerate(text) if c.isalnum() and (i == 0 or text[i - 1] == " ")]
    letters = [c.lower() for c in starts + list(text) if c.isalnum() and c.isascii()]
    return list(dict.fromkeys(letters))


def _match(options: list[list[str]], taken: set[str]) -> dict[int, str]:
    """Give as many labels as possible a letter each (a bipartite matching, preferring each
    label's earlier options)."""
    owner: dict[str, int] = {}

    def place(label: int, seen: set[str]) -> bool:
        for letter in options[label]:
            if letter in taken or letter in seen:
                continue
            seen.add(letter)
            if letter not in owner or place(owner[letter], seen):
                owner[letter] = label
                return True
        return False

    for label in range(len(options)):
        place(label, set())
    return {label: letter for letter, label in owner.items()}


def assign(root: QWidget, reserved: Iterable[str] = MENU_LETTERS) -> None:
    """Give every label (and check box) under `root` without a letter a free one: the first
    letter of a word if it can, else any letter of its text. Push buttons keep their own."""
    widgets = _labelled(root)
    taken = set(reserved) | set(used_letters(widgets))
    todo = [
        w
        for w in widgets
        if not mnemonic(w.text())  # type: ignore[attr-defined]
        and not (isinstance(w, QAbstractButton) and not w.isCheckable())
    ]
    # Labels first (a label is how one jumps to its field); check boxes get what is left.
    for group in (
        [w for w in todo if isinstance(w, QLabel)],
        [w for w in todo if isinstance(w, QAbstractButton)],
    ):
        texts = [w.text() for w in group]
        chosen = _match([_candidates(t) for t in texts], taken)
        for index, letter in chosen.items():
            plain = texts[index].replace("&", "&&")
            places = [i for i, c in enumerate(plain) if c.lower() == letter]
            starts = [i for i in places if i == 0 or plain[i - 1] == " "]
            at = (starts or places)[0]
            group[index].setText(plain[:at] + "&" + plain[at:])
            taken.add(letter)


def give_mnemonics(step: QWidget) -> None:
    """Letters for a step of a screen: each tab of it is a scope of its own (one is shown at a
    time), and what lies outside the tabs shares its letters with every tab."""
    tabs = step.findChildren(QTabWidget)
    if not tabs:
        assign(step)
        return
    for index in range(tabs[0].count()):
        page = tabs[0].widget(index)
        if page is not None:
            assign(page)
