# The provenance API image: `provenance serve` against DATABASE_URL.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# graphviz draws chain pictures; postgresql-client gives `provenance sql` its psql.
RUN apt-get update \
    && apt-get install -y --no-install-recommends graphviz postgresql-client \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md alembic.ini ./
COPY provenance ./provenance
COPY migrations ./migrations
COPY seeds ./seeds
RUN pip install . \
    && useradd --system --uid 10001 --home-dir /app provenance

USER provenance
EXPOSE 8000
ENV PROVENANCE_HOST=0.0.0.0 PROVENANCE_PORT=8000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
CMD ["provenance", "serve"]
