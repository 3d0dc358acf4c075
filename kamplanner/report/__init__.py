"""The only package that imports ReportLab: plan in, PDF bytes out."""
