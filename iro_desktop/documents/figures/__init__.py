"""The figures printed and exported: text and CSV tables, charts, the annual report PDF."""
