"""The only package that imports PySide6: windows, item models, delegates, undo commands."""
