"""The corpus cases render their messages as strictly as the core tests (see tests/core/conftest.py)."""

from tests.core.conftest import strict_templates  # noqa: F401
