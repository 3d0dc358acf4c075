"""kamplanner: key-account plans, from first draft to signed-off PDF."""

__version__ = "0.1.0"
