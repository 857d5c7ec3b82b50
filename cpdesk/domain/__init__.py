"""The practice rules in plain Python.

Must not import Qt, SQLAlchemy or ReportLab, and never reads the clock: callers pass `today`.
"""
