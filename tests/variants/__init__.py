"""Variant documents drawn blind from ../shared/FORMATS-REAL.md: see base.py."""
