"""Pure-Python pieces shared by the light server and the heavy scripts (no torch, no aiohttp)."""
