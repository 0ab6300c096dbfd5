"""The plain commands behind `handbook COMMAND`: thin clients of the core, one module per area."""
