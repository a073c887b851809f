"""Every old schema stays openable: a kept workspace from each revision before the head is opened, upgraded,
and compared, table by table, with the golden dump kept beside it.

``python -m tests.core.test_fixtures`` writes the golden dumps again (look at the difference before keeping it).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from tidesk.core import schema
from tidesk.core.opening import open_workspace
from tidesk.core.places import Places
from tidesk.core.workspace import inspect_file

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _golden(fixture: Path) -> Path:
    return fixture.with_name(fixture.name.replace(".tidesk", ".golden.json"))


def upgraded_dump(fixture: Path, scratch: Path) -> dict[str, list[list[object]]]:
    """Open a copy of the fixture as the app does (backup, upgrade), then every table's rows, in order."""
    path = scratch / fixture.name
    shutil.copy(fixture, path)
    with open_workspace(path, Places.resolve(scratch / "data")).workspace:
        pass
    with sqlite3.connect(path) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        dump: dict[str, list[list[object]]] = {}
        for table in tables:
            if table == "alembic_version":
                continue
            columns = [c[1] for c in db.execute(f'PRAGMA table_info("{table}")')]
            rows = db.execute(f'SELECT * FROM "{table}"').fetchall()
            dump[table] = [columns, *sorted(([*row] for row in rows), key=repr)]
    return dump


def test_a_fixture_is_kept_for_every_revision_before_the_head() -> None:
    kept = {inspect_file(path).schema_revision for path in FIXTURES.glob("workspace-*.tidesk")}
    assert kept == set(schema.REVISIONS[:-1])
    for path in FIXTURES.glob("workspace-*.tidesk"):
        assert _golden(path).is_file(), f"{path.name} has no golden dump beside it"


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("workspace-*.tidesk")))
def test_every_kept_workspace_opens_upgraded_to_its_golden_dump(fixture: str, tmp_path: Path) -> None:
    source = FIXTURES / fixture
    found = upgraded_dump(source, tmp_path)
    assert inspect_file(tmp_path / fixture).schema_revision == schema.head_revision()
    expected = json.loads(_golden(source).read_text(encoding="utf-8"))
    assert json.loads(json.dumps(found, default=str)) == expected


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("workspace-*.tidesk")))
def test_no_upgrade_loses_a_row(fixture: str, tmp_path: Path) -> None:
    """Every table an old workspace had keeps at least as many rows once upgraded (a table rebuilt by copying
    would take its children with it through their cascading foreign keys)."""
    with sqlite3.connect(FIXTURES / fixture) as db:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        before = {name: db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}
    after = upgraded_dump(FIXTURES / fixture, tmp_path)
    for name, count in before.items():
        if name != "alembic_version":
            assert len(after[name]) - 1 >= count, f"{name}: {count} rows before, {len(after[name]) - 1} after"


def main() -> None:  # pragma: no cover - run by hand when a migration is added
    import tempfile

    for path in sorted(FIXTURES.glob("workspace-*.tidesk")):
        with tempfile.TemporaryDirectory() as scratch:
            dump = upgraded_dump(path, Path(scratch))
        _golden(path).write_text(json.dumps(dump, indent=1, default=str, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {_golden(path).name}")


if __name__ == "__main__":
    main()
