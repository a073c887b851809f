"""Shared pieces of the window: the Page base, the ordered list, two-line list items, the fields dialog,
named controls and headings, and the chart view."""
