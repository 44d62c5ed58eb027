"""The parser protocol: one declarative class per document format.

A parser says how it recognises its document (`identifiers`: every string of at least one
group must appear on the first page) and turns an open PDF into a `Statement`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from generator.documents import Document
from generator.models import DocumentKind
from generator.pdf import Page, PdfDocument


class DocumentParser(ABC):
    name: ClassVar[str]  # unique parser id, also the fixture folder: "cmb", "lender_settlement", ...
    provider: ClassVar[str]  # the contract's provider ("cmb", "lender", "pboc"); defaults to `name`
    fallback: ClassVar[bool] = False  # tried only when no specific parser recognises the document
    kind: ClassVar[DocumentKind]
    title: ClassVar[str]  # how a person would call the document, for `dispute providers`
    identifiers: ClassVar[tuple[tuple[str, ...], ...]]

    abstract: ClassVar[bool] = False  # a shared base such as StatementFormat: not a format itself
    required: ClassVar[tuple[str, ...]] = ("name", "kind", "title", "identifiers")

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("abstract", False):
            return
        for attr in cls.required:
            if not hasattr(cls, attr):
                raise TypeError(f"{cls.__name__}: parser class must set `{attr}`")
        if "provider" not in cls.__dict__:
            cls.provider = cls.name
        if not cls.identifiers or not all(cls.identifiers):
            raise TypeError(f"{cls.__name__}: `identifiers` needs at least one non-empty group")

    @classmethod
    def identify(cls, first_page: Page) -> bool:
        text = cls.recognition_text(first_page).replace(" ", "")
        return any(all(s.replace(" ", "") in text for s in group) for group in cls.identifiers)

    @classmethod
    def recognition_text(cls, first_page: Page) -> str:
        """Where the identifiers are looked for: the whole first page."""
        return first_page.text()

    @classmethod
    def describe(cls) -> str:
        return " | ".join(" + ".join(group) for group in cls.identifiers)

    @abstractmethod
    def parse(self, doc: PdfDocument, file: str, sha256: str) -> Document:
        """Read the whole document; transactions and rows in printed order."""
