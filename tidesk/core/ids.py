"""Names every layer shares without importing the database layer: what a workspace is, and new row ids."""

from __future__ import annotations

import uuid

APPLICATION_ID = "tidesk"
INCLUDE_REMOVED = "include_removed"  # an execution option: this query also sees rows marked removed
ANONYMOUS = "anonymous"  # a row with a true column of this name is never stamped with a revision


def new_uuid() -> str:
    return str(uuid.uuid4())
