"""The familiarisation page and its parts: conversations, findings, documents, readiness."""
