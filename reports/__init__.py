"""Pure functions: a frozen minutes snapshot to PDF bytes, signing, verification."""
