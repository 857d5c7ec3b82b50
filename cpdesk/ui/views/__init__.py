"""Screens and their controllers: the caseload, the alerts panel, the child's record and tabs."""
