"""National code sets: packaged data, loading, importing official exports, and the read model."""

from archiving.codesets.loader import load_packaged
from archiving.codesets.readmodel import Code, CodeSets, DocType, Unit

__all__ = ["Code", "CodeSets", "DocType", "Unit", "load_packaged"]
