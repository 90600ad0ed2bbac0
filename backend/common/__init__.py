"""Pure-Python pieces shared by the lightweight server and the heavy scripts (no torch, no aiohttp)."""
