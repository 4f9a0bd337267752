"""Pilot tests: every app's notifications are recorded, for `apphelpers.notices`."""

from __future__ import annotations

import pytest

from tests.apphelpers import record_notifications


@pytest.fixture(autouse=True)
def recorded_notifications(monkeypatch):
    record_notifications(monkeypatch)
