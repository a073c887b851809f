"""PDF reports made from plain data (no Qt). Importing this package does not load ReportLab."""

from tidesk.reports.registry import REPORTS, ReportSpec, available_reports, export_report

__all__ = ["REPORTS", "ReportSpec", "available_reports", "export_report"]
