"""tidesk's command line: the same core and reports as the app, headless. A stable interface."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tidesk import __version__
from tidesk.core.errors import TideskError
from tidesk.core.places import DATA_DIR_ENV, Places

if TYPE_CHECKING:
    from tidesk.core.workspace import Workspace

COMMANDS = ("demo", "check", "backup", "restore", "export", "forms")


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"tidesk: {message}", file=sys.stderr)
        raise SystemExit(2)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir", metavar="DIR", help=f"keep workspaces, backups and settings in DIR (or set {DATA_DIR_ENV})"
    )


def _app_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tidesk",
        description="Open tidesk. Commands: " + ", ".join(COMMANDS) + " (tidesk COMMAND --help).",
    )
    parser.add_argument("workspace", nargs="?", type=Path, help="the workspace to open (default: your own)")
    parser.add_argument("--version", action="version", version=f"tidesk {__version__}")
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="for benchmarks and smoke tests: quit as soon as the window is ready; "
        "anything that would wait for a person is printed as one line instead (exit 1)",
    )
    _common(parser)
    return parser


def _command_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="tidesk")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    demo = sub.add_parser("demo", help="write a fictional, realistic demo workspace")
    demo.add_argument("path", type=Path)
    demo.add_argument("--scale", type=int, default=1, help="multiply the volume of records (benchmarks)")
    demo.add_argument("--seed", type=int, default=2026)

    check = sub.add_parser("check", help="integrity, schema version and counts; exit 1 if damaged")
    check.add_argument("workspace", type=Path)

    backup = sub.add_parser("backup", help="make a verified copy")
    backup.add_argument("workspace", type=Path)
    backup.add_argument("--to", type=Path, metavar="DIR", help="put the copy in DIR")

    restore = sub.add_parser("restore", help="put a backup back (the current file is kept aside first)")
    restore.add_argument("backup", type=Path)
    restore.add_argument("workspace", type=Path)

    export = sub.add_parser("export", help="write a report")
    export.add_argument("workspace", type=Path)
    what = export.add_mutually_exclusive_group(required=True)
    what.add_argument("--list", action="store_true", help="list the reports this workspace can produce")
    what.add_argument("--report", metavar="NAME")
    what.add_argument("--responses", metavar="FORM_ID", help="a form's responses, as CSV or a spreadsheet (.xlsx)")
    export.add_argument("-o", "--output", type=Path, metavar="OUT.pdf|OUT.csv|OUT.xlsx")
    export.add_argument("--force", action="store_true", help="replace a file already at OUT (never a workspace)")

    forms = sub.add_parser("forms", help="check form definitions, or convert a spreadsheet form")
    forms_sub = forms.add_subparsers(dest="forms_command", required=True, parser_class=_Parser)
    forms_check = forms_sub.add_parser("check", help="validate definitions; errors as FILE:LINE: message")
    forms_check.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="form files or folders (default: the forms that come with tidesk)",
    )
    xlsform = forms_sub.add_parser("import-xlsform", help="convert a spreadsheet form (XLSForm) into a tidesk form")
    xlsform.add_argument("file", type=Path, metavar="FILE.xlsx")
    xlsform.add_argument("--force", action="store_true", help="replace a file already at OUT.yaml")
    xlsform.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT.yaml",
        help="where to write the definition (default: beside the spreadsheet)",
    )
    for child in (*sub.choices.values(), forms_check, xlsform):
        _common(child)
    return parser


def _demo(args: argparse.Namespace, _places: Places) -> int:
    from tidesk.core.demo import write_demo

    counts = write_demo(args.path, scale=args.scale, seed=args.seed)
    print(f"Wrote a fictional demo workspace to {args.path} ({sum(counts.values())} records).")
    return 0


def _check(args: argparse.Namespace, _places: Places) -> int:
    from tidesk.core import schema
    from tidesk.core.workspace import inspect_file

    facts = inspect_file(args.workspace, full_check=True, count_rows=True)
    if facts.schema_is_current:
        state = "current"
    elif facts.schema_is_newer:
        state = "newer than this tidesk: update tidesk to open it"
    else:
        state = f"older; tidesk upgrades it to {schema.head_revision()} (after a backup) when it is opened"
    print(f"Workspace:  {facts.path}")
    print("Integrity:  ok")
    print(f"Schema:     {facts.schema_revision} ({state})")
    print(f"Identity:   {facts.workspace_uuid}{'  (fictional demo)' if facts.is_demo else ''}")
    print(f"Changes:    {facts.revision}")
    for table, shown in protected_counts(facts.counts, facts.threshold).items():
        print(f"  {table:<28} {shown:>8}")
    return 0


# Rows that are people's answers: their counts say how many people answered, so they follow the rule.
PEOPLE_TABLES = ("form_response", "form_answer")


def protected_counts(counts: dict[str, int], threshold: int) -> dict[str, str]:
    """Every table's row count, those about people under the small-number rule (answers withheld along
    with the responses, since answers over questions would give the number of people)."""
    from tidesk.core import privacy

    rule = privacy.Rule(max(threshold, privacy.MIN_THRESHOLD))
    people = privacy.count(counts.get("form_response", 0), rule)
    shown = {}
    for table, count in counts.items():
        if table in PEOPLE_TABLES:
            shown[table] = str(count) if people.shown and count >= rule.threshold else "withheld"
        else:
            shown[table] = str(count)
    return shown


def _backup(args: argparse.Namespace, places: Places) -> int:
    from tidesk.core.backup import take_backup

    made = take_backup(args.workspace, places.backups, reason="manual", folder=args.to)
    print(f"Backed up and verified: {made.path}")
    return 0


def _restore(args: argparse.Namespace, _places: Places) -> int:
    from tidesk.core.backup import restore

    set_aside = restore(args.backup, args.workspace)
    print(f"Restored {args.workspace} from {args.backup}.")
    if set_aside:
        print(f"The file it replaced is kept at {set_aside}.")
    return 0


def _export(args: argparse.Namespace, _places: Places) -> int:
    from tidesk.core.workspace import Workspace
    from tidesk.reports.registry import available_reports, export_report

    with Workspace.open_read_only(args.workspace) as ws:
        if args.list:
            for spec in available_reports(ws):
                print(f"{spec.name:<16} {spec.title}: {spec.description}")
            return 0
        if args.output is None:
            raise UsageError(f"export {'--report' if args.report else '--responses'} needs -o OUT")
        if args.responses:
            written = _export_responses(ws, args.responses, args.output, args.force)
        else:
            written = export_report(ws, args.report, args.output, force=args.force)
    print(f"Wrote {written}")
    return 0


def _export_responses(ws: Workspace, form_id: str, out: Path, force: bool) -> Path:
    """A form's responses: one row each where the form names people, summaries under the small-number
    rule where it is anonymous, as CSV or a spreadsheet by the file's ending."""
    from tidesk.core.forms import export

    suffix = out.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise UsageError("export --responses writes OUT.csv or OUT.xlsx")
    write = export.export_csv if suffix == ".csv" else export.export_xlsx
    return write(ws, form_id, out, force=force)


def _forms(args: argparse.Namespace, _places: Places) -> int:
    if args.forms_command == "check":
        return _forms_check(args.paths)
    return _forms_import(args.file, args.output, args.force)


def _forms_check(paths: list[Path]) -> int:
    from tidesk.core.forms.library import check_files, shipped_folder

    files: list[Path] = []
    for path in paths or [shipped_folder()]:
        if path.is_dir():
            files.extend(sorted(path.glob("*.yaml")))
        elif path.exists():
            files.append(path)
        else:
            raise TideskError(f"{path}: there is no file here")
    problems = check_files(files)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"{len(files)} form{'s' if len(files) != 1 else ''} checked: no problems found.")
    return 0


def _forms_import(source: Path, output: Path | None, force: bool) -> int:
    from tidesk.core.forms.xlsform import convert_file

    written = convert_file(source, output, force=force)
    print(f"Wrote {written}. Check it with: tidesk forms check {written}")
    return 0


XCB_LIBRARIES = ("xcb-cursor", "xkbcommon-x11", "xcb-icccm", "xcb-keysyms", "xcb-shape", "xcb-xkb")
XCB_PACKAGES = (
    "libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 "
    "libxcb-render-util0 libxcb-shape0 libxcb-xkb1"
)


def display_problem() -> str | None:
    """Why the window cannot open here, if it cannot: Qt would abort the whole program instead of saying so."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        return (
            "there is no display here to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set); "
            "the commands (tidesk --help) work without one"
        )
    if os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        import ctypes.util

        missing = [name for name in XCB_LIBRARIES if ctypes.util.find_library(name) is None]
        if missing and not getattr(sys, "frozen", False):
            return (
                f"the window needs system libraries that are missing ({', '.join(missing)}); on Debian or "
                f"Ubuntu: sudo apt install {XCB_PACKAGES}"
            )
    return None


HANDLERS: dict[str, Callable[[argparse.Namespace, Places], int]] = {
    "demo": _demo,
    "check": _check,
    "backup": _backup,
    "restore": _restore,
    "export": _export,
    "forms": _forms,
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in HANDLERS:
            args = _command_parser().parse_args(argv)
            return HANDLERS[args.command](args, Places.resolve(args.data_dir))
        if argv and argv[0] in COMMANDS:
            print(f"tidesk: '{argv[0]}' is not available in this version yet", file=sys.stderr)
            return 2
        args = _app_parser().parse_args(argv)
        if args.workspace is not None and not args.workspace.exists() and not args.workspace.is_symlink():
            raise UsageError(
                f"'{args.workspace}' is neither a command nor a workspace file; the commands are "
                f"{', '.join(COMMANDS)} (tidesk COMMAND --help)"
            )
        problem = display_problem()
        if problem:
            raise TideskError(problem)
        from tidesk.gui.shell.app import run

        return run(args.workspace, Places.resolve(args.data_dir), exit_when_ready=args.exit_when_ready)
    except UsageError as exc:
        print(f"tidesk: {exc}", file=sys.stderr)
        return 2
    except TideskError as exc:
        for line in str(exc).splitlines() or [""]:  # a form's problems come one per line
            print(f"tidesk: {line}", file=sys.stderr)
        return 1
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"tidesk: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("tidesk: stopped", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not bad input: still one line, with the detail for a report
        if os.environ.get("TIDESK_DEBUG"):
            raise
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        print(
            f"tidesk: something unexpected went wrong ({type(exc).__name__}: {first}); "
            "set TIDESK_DEBUG=1 to see the details",
            file=sys.stderr,
        )
        return 1
