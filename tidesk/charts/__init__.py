"""Diagrams laid out once in plain Python, for the reports and the screen to render in their own way."""
