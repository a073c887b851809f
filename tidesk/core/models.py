"""Every area's models, imported together so the metadata (and Alembic) sees the whole schema."""

from tidesk.core import familiarisation, service
from tidesk.core.db import Base, Setting, WorkspaceMeta
from tidesk.core.forms import library, responses

__all__ = ["Base", "Setting", "WorkspaceMeta", "familiarisation", "library", "responses", "service"]
