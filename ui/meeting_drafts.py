"""Nothing typed in a meeting is lost: what is typed is kept as an encrypted draft in the
workspace (a few seconds after each edit, and whenever a save fails or the app locks), and
put back, with its messages, the next time the meeting is opened."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

from storage import drafts
from storage.errors import WorkspaceError
from ui.i18n import tr

if TYPE_CHECKING:
    from ui.meeting_screen import MeetingScreen

DEBOUNCE_MS = 2000  # a crash loses at most the last two seconds of typing


def fingerprint(screen: MeetingScreen) -> str:
    return hashlib.sha256(screen.meeting.model_dump_json().encode()).hexdigest()


class MeetingDrafts(QObject):
    def __init__(self, screen: MeetingScreen) -> None:
        super().__init__(screen)
        self.screen = screen
        self.key = f"meeting:{screen.meeting.id}"
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.keep)
        self.kept = False

    def soon(self) -> None:
        """An edit: keep the draft once the typing pauses."""
        self.timer.start(DEBOUNCE_MS)

    def keep(self) -> None:
        """Keep what is typed in every step, valid or not, encrypted in the workspace."""
        self.timer.stop()
        screen = self.screen
        data: dict[str, Any] = {
            "step": screen.agenda_list.currentRow(),
            "meeting": fingerprint(screen),
            "steps": {str(row): step.draft() for row, step in screen.built.items()},
        }
        try:
            drafts.keep(screen.workspace, self.key, data)
            self.kept = True
        except WorkspaceError as exc:
            screen.banner.setText(tr("The draft could not be kept: {0}").format(exc))
            screen.banner.show()

    def drop(self) -> None:
        self.timer.stop()
        if self.kept or drafts.read(self.screen.workspace, self.key) is not None:
            drafts.discard(self.screen.workspace, self.key)
        self.kept = False

    def restore(self) -> bool:
        """Put back the draft; the lists too when the meeting has not changed since."""
        screen = self.screen
        data = drafts.read(screen.workspace, self.key)
        if not data:
            return False
        same = data.get("meeting") == fingerprint(screen)
        for row, state in (data.get("steps") or {}).items():
            if row.isdigit() and int(row) < screen.minutes_row and state:
                if not same:  # saved since by someone: keep their rows, give back the forms
                    state = {**state, "lists": [{**s, "items": None} for s in state["lists"]]}
                screen.step(int(row)).restore(state)
        screen.agenda_list.setCurrentRow(int(data.get("step", 0)))
        self.kept = True
        return True
