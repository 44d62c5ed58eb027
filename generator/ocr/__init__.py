"""Scans and images: OCR into the words the layout readers take from a text layer (optional extra `ocr`)."""
