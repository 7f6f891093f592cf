"""The domain of a safeguarding meeting: pydantic models, enums and pure rules.

Nothing here imports Qt, SQLite or ReportLab.
"""
