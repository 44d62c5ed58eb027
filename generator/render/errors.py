"""The error the PDF and DOCX writers raise.

`generator.errors` already defines `RenderError` as a `DisputeError` (the CLI reports it on one
line), so this module re-exports that class instead of defining a second one: every renderer,
Jinja and the writers alike, raises the same type.
"""

from __future__ import annotations

from generator.errors import RenderError

__all__ = ["RenderError"]
