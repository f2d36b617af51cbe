"""The one exception the deploy raises: its message is a complete, one-line explanation."""


class DeployError(Exception):
    """Configuration, credentials, network or bucket problem; nothing was deleted."""
