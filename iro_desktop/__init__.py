"""IRO Desktop: offline, encrypted casework for Independent Reviewing Officers."""

__version__ = "0.1.0"
