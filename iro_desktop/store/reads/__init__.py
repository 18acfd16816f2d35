"""Read-side queries, one module per screen or report."""
