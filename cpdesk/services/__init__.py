"""One function per user action. Each opens one unit of work (`store.session()`), validates
again, writes, audits and returns a `Changes` value naming what it touched.

Imports domain, models and reports; never Qt.
"""
