"""The generated form view, its editors, and the Forms page."""
