"""The JSON API under /api/v1, described by the OpenAPI document it serves."""
