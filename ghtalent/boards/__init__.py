"""Boards: building the ranked tables (build.py) and rendering them (export.py, report.py)."""
