"""The desktop editor: the only package that imports Qt."""

from . import qtfix  # noqa: F401  - before any signal is emitted
