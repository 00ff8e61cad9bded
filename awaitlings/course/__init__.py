"""The instructor's course tools: generated files, `verify`, the kept right and wrong answers, the
student template. Not shipped to students."""
