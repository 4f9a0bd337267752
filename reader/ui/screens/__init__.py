"""Screens of the reading app: help, article picker, errors."""
