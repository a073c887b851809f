"""tidesk: an offline companion for a health and care team becoming trauma-informed."""

__version__ = "0.1.0"
