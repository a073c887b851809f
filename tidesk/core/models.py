"""Every area's models, imported together so the metadata (and Alembic) sees the whole schema."""

from tidesk.core import familiarisation, service
from tidesk.core.db import Base, Setting, WorkspaceMeta

__all__ = ["Base", "Setting", "WorkspaceMeta", "familiarisation", "service"]
