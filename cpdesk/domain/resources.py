"""Where cpdesk's bundled resources (profiles, icons, fonts) live on disk.

From a checkout or an editable install they are the repository's top-level `resources/`; a
frozen bundle (PyInstaller) keeps them beside the package; a wheel installs them under
`<prefix>/share/cpdesk/resources` (pyproject's data-files).
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path


@functools.cache  # where cpdesk is installed does not change while it runs (issue 10)
def resources_dir() -> Path:
    beside_package = Path(__file__).resolve().parents[2] / "resources"
    if beside_package.is_dir():
        return beside_package
    return Path(sys.prefix) / "share" / "cpdesk" / "resources"


def profiles_dir() -> Path:
    """The folder of bundled procedure profiles (`*.toml`)."""
    return resources_dir() / "profiles"
