"""Full-text search over what a person typed: SQLite's FTS5 in memory, with a plain scan where it is missing.

Part of the one place that speaks SQLite's own dialect (``tidesk/core/workspace/``). The areas decide what to
index (``core/familiarisation/search.py``); this module only keeps texts and finds them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class TextHit:
    key: str  # what the caller indexed the text under (a row's uuid)
    kind: str
    context: str  # the words around the first match, with the matched words between « and »


def _folded(text: str) -> str:
    """Lower case without accents, so "mairi" finds "Màiri" on the path without FTS5 too."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _words(query: str) -> list[str]:
    return [word for word in "".join(c if c.isalnum() else " " for c in query).split() if word]


class TextIndex:
    """Texts a person typed, searchable as they type: SQLite's FTS5 in memory, kept apart from the workspace
    file (it is rebuilt from the rows, so it never needs a migration or a backup). Where this SQLite has no
    FTS5, a plain scan of folded text gives the same results, more slowly. Safe to use from two threads."""

    CONTEXT_WORDS = 12

    def __init__(self, *, fts: bool | None = None) -> None:
        import threading

        self._lock = threading.Lock()
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self.fts = self._make_fts() if fts is None or fts else False
        if not self.fts:
            self._db.execute("CREATE TABLE text (key TEXT PRIMARY KEY, kind TEXT, body TEXT, folded TEXT)")

    def _make_fts(self) -> bool:
        try:
            self._db.execute(
                "CREATE VIRTUAL TABLE text USING fts5(key UNINDEXED, kind UNINDEXED, body, "
                "tokenize = 'unicode61 remove_diacritics 2')"
            )
        except sqlite3.OperationalError:  # built without FTS5
            return False
        return True

    def put(self, entries: Iterable[tuple[str, str, str]]) -> None:
        """Add or replace texts: (key, kind, text) each; an empty text is left out."""
        rows = list(entries)
        with self._lock:
            self._db.executemany("DELETE FROM text WHERE key = ?", [(key,) for key, _k, _t in rows])
            kept = [(key, kind, text) for key, kind, text in rows if text.strip()]
            if self.fts:
                self._db.executemany("INSERT INTO text (key, kind, body) VALUES (?, ?, ?)", kept)
            else:
                self._db.executemany(
                    "INSERT INTO text VALUES (?, ?, ?, ?)", [(k, kind, t, _folded(t)) for k, kind, t in kept]
                )

    def drop(self, keys: Iterable[str]) -> None:
        with self._lock:
            self._db.executemany("DELETE FROM text WHERE key = ?", [(key,) for key in keys])

    def search(self, query: str, limit: int = 50) -> list[TextHit]:
        """Texts holding every word of ``query`` (the last may be the start of a word), best first."""
        words = _words(query)
        if not words:
            return []
        with self._lock:
            if self.fts:
                match = " ".join(f'"{word}"' for word in words[:-1]) + f' "{words[-1]}"*'
                rows = self._db.execute(
                    "SELECT key, kind, snippet(text, 2, '«', '»', '…', ?) FROM text WHERE text MATCH ? "
                    "ORDER BY rank LIMIT ?",
                    (self.CONTEXT_WORDS, match, limit),
                ).fetchall()
                return [TextHit(key, kind, context) for key, kind, context in rows]
            folded = [_folded(word) for word in words]
            where = " AND ".join("folded LIKE ? ESCAPE '\\'" for _ in folded)
            like = ["%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for w in folded]
            scanned = self._db.execute(
                f"SELECT key, kind, body, folded FROM text WHERE {where} LIMIT ?", (*like, limit)
            )
            return [TextHit(key, kind, _context(body, text, folded[0])) for key, kind, body, text in scanned]

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _context(body: str, folded: str, word: str) -> str:
    """The words around the first place ``word`` appears (positions in folded text match the original's
    closely enough for context: folding only ever drops accents)."""
    at = max(0, folded.find(word))
    start, end = max(0, at - 60), min(len(body), at + len(word) + 60)
    found = body[at : at + len(word)]
    return (
        ("…" if start else "")
        + body[start:at]
        + f"«{found}»"
        + body[at + len(word) : end]
        + ("…" if end < len(body) else "")
    )
