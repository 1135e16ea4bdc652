"""Peak memory of this process, where the platform reports it (not on Windows)."""

from __future__ import annotations

import sys

try:
    import resource
except ImportError:  # Windows has no `resource` module
    resource = None

# ru_maxrss is in kibibytes on Linux and the BSDs, in bytes on macOS.
MAXRSS_PER_MIB = 1024 * 1024 if sys.platform == "darwin" else 1024


def peak_mib() -> float | None:
    """The largest resident set size so far, in MiB; None where the platform gives no figure."""
    if resource is None:
        return None
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / MAXRSS_PER_MIB, 1)
