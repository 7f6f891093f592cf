"""Where the organisation's policy sets a value, the screen shows it read-only and says so."""

from __future__ import annotations

from storage import policy as org_policy
from ui.forms import ModelForm
from ui.i18n import tr

# The workspace settings a policy file can set (storage/policy.py).
POLICY_FIELDS = ("idle_lock_minutes", "protective_marking")


def show_policy(form: ModelForm, policy: org_policy.Policy | None = None) -> list[str]:
    """Make the fields the policy sets read-only, each saying so beside it; return them."""
    policy = policy or org_policy.current()
    marked = []
    for name in POLICY_FIELDS:
        editor = form.editors.get(name)
        if editor is None or not policy.sets(name):
            continue
        note = tr("Set by your organisation.")
        editor.widget.setEnabled(False)
        editor.widget.setToolTip(note)
        editor.widget.setAccessibleDescription(note)
        label = form.errors[name]
        label.setObjectName("hint")
        label.setText(note)
        label.show()
        marked.append(name)
    return marked
