"""The record's page."""
