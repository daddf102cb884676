"""The web layer: Gradio handlers, HTML rendering (Jinja2 templates), the /chat API, per-session state.

Importing any module here switches telemetry off before gradio (or huggingface_hub) can be imported.
"""

import os

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
