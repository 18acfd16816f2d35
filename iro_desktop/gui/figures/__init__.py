"""The Figures screen: the IRO's own figures for a period, each opening its children."""
