"""The PyTorch environment the heavy scripts run in: where it is, whether it is ready, install.

Light code only: this package inspects and builds the environment from outside and never imports
torch or any other heavy library.
"""
