"""Packaged code-set data files (a package so that installs ship the CSVs)."""
