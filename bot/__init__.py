"""Arkistobotti: the chat product (settings, app factory, channel edge, turn logic, web, desk)."""
