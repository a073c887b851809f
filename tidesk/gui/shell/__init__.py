"""The window and its plumbing: start-up, the main window, context, tasks, undo, theme, preferences."""
