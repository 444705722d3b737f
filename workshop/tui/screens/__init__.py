"""The screens of the self-paced workshop. Each is thin: it asks the flow layer and shows the answer."""
