"""Turning source documents into records: one module (or package) per document kind."""
