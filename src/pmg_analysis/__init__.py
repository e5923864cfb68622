"""pmg-analysis: from a PMG members' survey export to a prioritised work programme."""

from pmg_analysis.errors import InputError
from pmg_analysis.instrument import Instrument, load_instrument

__all__ = ["InputError", "Instrument", "load_instrument", "__version__"]
__version__ = "0.1.0"
