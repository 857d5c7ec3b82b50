"""cpdesk: case recording for the lead social worker of a child on a child protection plan."""

__version__ = "0.1.0"
