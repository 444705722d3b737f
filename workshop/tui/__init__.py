"""The self-paced workshop in the terminal: Textual screens over the flow layer."""
