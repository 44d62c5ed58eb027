"""Types of the optional C helper generator/_pdfscan.c (see generator/pdf_pdfium.py)."""

def scan(functions: tuple[int | None, ...], textpage: int | None, text: str) -> list[
        tuple[int, int, int, float, int, float, float, float, float, float, float, float, float]]: ...
