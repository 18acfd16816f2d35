"""The figures IRO services are judged by, each defined once with its counting rule.

The Figures screen, ``iro-desktop figures`` and the central store's annual report all call
``report.compute``, so the three can never disagree. Every measure keeps its numerator,
denominator and the items behind them, so a wrong number can be traced to a child.
"""
