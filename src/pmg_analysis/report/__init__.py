"""Reports: executing notebooks (papermill), exporting HTML (nbconvert), the index page, and
escaped, Dutch-formatted tables for use inside notebooks."""

from pmg_analysis.report.build import ReportConfig, build_report, build_reports
from pmg_analysis.report.html import HtmlConfig, export_html
from pmg_analysis.report.index import ReportEntry, write_index
from pmg_analysis.report.notebook import ReportBuildError, execute_notebook, normalise
from pmg_analysis.report.tables import show_table, table_html

__all__ = [
    "HtmlConfig", "ReportBuildError", "ReportConfig", "ReportEntry",
    "build_report", "build_reports", "execute_notebook", "export_html", "normalise",
    "show_table", "table_html", "write_index",
]
