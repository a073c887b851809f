"""The service area on screen: its page and dialogs."""
