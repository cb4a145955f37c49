"""Ingest news as it is held: saved web pages, WARC archives, RSS/Atom feeds and URLs.

Each input becomes an :class:`~provenance.ingest.items.Item`; :mod:`.html` finds its main
text and metadata (trafilatura), :mod:`.outlets` names its outlet from the mapping table,
and :mod:`.pipeline` deduplicates, stores it through the extraction store and records it
in the ledger (:mod:`.ledger`), so that runs resume and repeat without adding anything.
"""
