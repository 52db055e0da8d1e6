"""Shared fixtures of the runner tests."""

import pytest

from historiograph.components.base import REGISTRY


@pytest.fixture
def registry():
    """The component registry, restored after a test that registers its own components."""
    saved = dict(REGISTRY)
    yield REGISTRY
    REGISTRY.clear()
    REGISTRY.update(saved)
