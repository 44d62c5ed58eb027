"""Exports: the CSV, XLS, XLSX and web-page files people download from 支付宝, 微信 and their banks.

sniff.py says what a file is from its bytes; grid.py and html.py turn it into sheets of text
cells; spec.py declares what a format is and platforms.py / banks.py declare each one (listed in
registry.py); reader.py and statement.py read any of them into the same Statement the PDF
readers give. Nothing is imported here: generator.parsers imports sniff.py on every run, and a
case of PDFs needs none of the rest.
"""
