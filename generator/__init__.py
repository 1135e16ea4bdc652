"""Static site generator for browsable research-paper catalogues."""

__version__ = "0.1.0"  # also in pyproject.toml; tests/test_portable.py keeps the two equal
