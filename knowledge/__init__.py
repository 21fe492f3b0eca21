"""Instructions: article parsing, publishing, Finnish normalisation, matching, rendering.

Knows nothing of aiohttp or botbuilder.
"""
