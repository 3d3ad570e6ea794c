"""Placeholder: filled in by its part of the action plans work."""

urlpatterns = []
