"""Familiarisation (phase 1): meetings with staff and partners, what was heard, and the documents collected.

Its tables exist (``models.py``) and its demo content is kept (``demo.py``); the area is registered in
``tidesk/areas.py`` when its page, report and tests are built.
"""
