"""Where cpdesk's bundled resources (profiles, icons, fonts) live on disk."""

from __future__ import annotations

from pathlib import Path


def resources_dir() -> Path:
    """The repository's (or the frozen bundle's) `resources/` folder."""
    return Path(__file__).resolve().parents[2] / "resources"


def profiles_dir() -> Path:
    """The folder of bundled procedure profiles (`*.toml`)."""
    return resources_dir() / "profiles"
