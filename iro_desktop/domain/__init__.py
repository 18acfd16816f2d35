"""Pure rules of the IRO's work: dates, timescales, codes, participation and measures.

Nothing here touches Qt, SQL or files, so the laptop, the central store and the tests
can all trust the same answers.
"""
