"""The PySide6 desktop app: windows, views, table models and widgets.

Qt lives only here and in cpdesk/app.py. Views call services and show the records they return;
nothing here builds SQL or holds a database session.

Importing PySide6 sets an import hook (for PySide's opt-in `from __feature__ import ...`) that,
for every module named in an import statement from then on, reads the module's whole source to
see whether it mentions PySide6 (~10 ms of start-up: the standard library's, SQLAlchemy's and
the models' sources, named again by the modules here; issue 10). A module loaded before PySide6
cannot use those features (asking for one imports PySide6), so `_skip_source_reads` records
each such module as the hook would, "ignore this module", and only the modules loaded from
here on are read. Should PySide change that hook, it does nothing.
"""

import sys

import PySide6  # noqa: F401 - sets the hook this module's import answers

_LOADED_WITH_QT = ("PySide6", "shiboken6", "shibokensupport", "__feature__", "cpdesk.app",
                   "cpdesk.ui")


def _skip_source_reads() -> None:
    feature = sys.modules.get("shibokensupport.feature")
    known = getattr(feature, "pyside_feature_dict", None)
    if not isinstance(known, dict):
        return
    for name in list(sys.modules):
        if not name.startswith(_LOADED_WITH_QT):
            known.setdefault(name, -1)  # -1: the hook's own answer for a module without Qt


_skip_source_reads()
