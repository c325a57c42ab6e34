"""Shared test configuration: Hypothesis profiles.

CI (``CI=true``) runs derandomised so a run is reproducible; locally the
default profile explores new examples each time.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "default", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci",
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci" if os.environ.get("CI") else "default")

# tests/typing holds code for mypy only (lines that must not type-check).
collect_ignore = ["typing"]
