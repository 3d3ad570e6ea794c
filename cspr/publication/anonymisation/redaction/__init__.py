"""Redacted copies of a document about to be published: every text the business manager marked "redact"
replaced by its pseudonym ("Child K") or "[redacted]", consistently, wherever it appears.

`text.redact_text` redacts a string (briefings, and each paragraph of a rebuilt document); `docx` redacts a
Word document in place so its layout survives; `pdf` draws a plain A4 PDF of a Word document; `copies` puts
them together (`redacted_copies`) and checks the result by reading the files back (`leftovers`).
No Django here, like the rest of the anonymisation package.
"""
