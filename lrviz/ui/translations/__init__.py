"""The window's translations: lrviz_<language>.ts (made by assets/update_translations.py) and its compiled .qm."""
