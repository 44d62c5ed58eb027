"""Types of the optional C helper generator/pdf/_pdfscan.c (see generator/pdf/pdfium.py)."""

def scan(functions: tuple[int | None, ...], textpage: int | None, text: str) -> list[
        tuple[int, int, int, float, int, float, float, float, float, float, float, float, float]]: ...
