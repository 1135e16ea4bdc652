"""Makes `import resource` fail, as it does on Windows, for a generator run in a subprocess (tests/test_portable.py).

psutil (needed by sparse-dot-topn) is imported first: its Linux backend uses `resource`, its Windows backend
does not, so only the generator's own use of `resource` is put to the test.
"""

import sys

import psutil  # noqa: F401

sys.modules["resource"] = None
