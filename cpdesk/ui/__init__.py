"""The PySide6 desktop app: windows, views, table models and widgets.

Qt lives only here and in cpdesk/app.py. Views call services and show the records they return;
nothing here builds SQL or holds a database session.
"""
