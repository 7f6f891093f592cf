"""The domain of a safeguarding meeting: pydantic models, enums and pure rules.

Nothing here imports Qt, SQLite or ReportLab.
"""

import os

# No pydantic plugin runs in Caseroom: a plugin installed beside it would see every record
# validated, and looking for plugins scans every installed package at start-up (~30 ms).
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
