"""The Qt layer: a thin shell of views and item models over the core (``annotator``)."""
