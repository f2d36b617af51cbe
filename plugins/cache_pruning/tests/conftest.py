from __future__ import annotations

import pytest

from warta.testing import SiteUnderTest


@pytest.fixture
def site(tmp_path) -> SiteUnderTest:
    return SiteUnderTest(tmp_path / "site")
