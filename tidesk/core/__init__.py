"""The Qt-free core of tidesk: one module per area of the programme, over one SQLite workspace."""
