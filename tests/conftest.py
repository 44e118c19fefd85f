"""Test-session settings shared by every test module."""

from __future__ import annotations

import os

# The medlint command keeps compiled regexes in a table beside its bytecode
# (medlint/regex_cache.py). The many `python -m medlint` processes of the suite, with
# their test lexicons, would fill that table with patterns no real run uses, and each
# test's outcome would depend on what earlier ones wrote (the memory-scale tests' peak
# ratios, for one). tests/test_regex_cache.py turns it back on in the processes it
# starts, each with a table of its own.
os.environ["MEDLINT_NO_REGEX_CACHE"] = "1"
