"""Modules and values loaded when first used, not at import: start-up (issue 10).

`cpdesk` with no command starts the desktop app through cli.py, so whatever cli.py imports at
the top the app waits for. The command-line-only services (interchange, verify, consistency,
demo data, ...) are therefore `lazy_module`s there: a module object whose code runs the first
time one of its names is read (the standard library's importlib.util.LazyLoader), and argparse
choices that come from those modules are `LazyChoices`. Imports nothing of cpdesk.

A frozen build (PyInstaller) cannot see these imports: list the modules in its hiddenimports.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator, Sequence
from types import ModuleType
from typing import Any, overload


def lazy_module(name: str) -> ModuleType:
    """The module `name`, its code run on first attribute access (at once if already loaded)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


class LazyChoices(Sequence[str]):
    """argparse choices read from `module.attribute` only when a command's arguments are
    checked or its help is printed (give the argument a metavar: argparse lists the choices of
    one without)."""

    def __init__(self, module: str, attribute: str) -> None:
        self._where = (module, attribute)
        self._values: tuple[str, ...] | None = None

    def _load(self) -> tuple[str, ...]:
        if self._values is None:
            module, attribute = self._where
            self._values = tuple(getattr(importlib.import_module(module), attribute))
        return self._values

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: Any) -> Any:
        return self._load()[index]

    def __len__(self) -> int:
        return len(self._load())

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __contains__(self, value: object) -> bool:
        return value in self._load()
