"""Builds the optional C helper generator/_pdfscan.c; all other metadata is in pyproject.toml.

`optional=True`: without a C compiler the install still succeeds, and generator/pdf_pdfium.py
runs the same scan in Python (slower, same output).
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("generator._pdfscan", ["generator/_pdfscan.c"], optional=True)])
