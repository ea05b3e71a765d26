"""Ingestion: read date-marked text, plain text, JSON Lines, HTML and WARC into stored, analysed articles."""

from newsline.ingest.records import RawRecord, Rejection
from newsline.ingest.run import IngestAborted, IngestReport, ingest
from newsline.ingest.sources import ReadOptions, read_inputs

__all__ = ["IngestAborted", "IngestReport", "RawRecord", "ReadOptions", "Rejection", "ingest", "read_inputs"]
