"""Modal dialogs over a screen: a question, a link leaving the handbook, the keys, a definition, a plan."""
