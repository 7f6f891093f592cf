"""The PySide6 desktop app: screens, table models and background operations."""
