# The provenance image: `provenance serve` against DATABASE_URL (and `provenance db upgrade`).
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
# The pinned dependencies first (a layer that changes only with the lock), then the package.
COPY requirements.lock ./
RUN pip install --requirement requirements.lock
COPY pyproject.toml README.md ./
COPY migrations ./migrations
COPY seeds ./seeds
COPY provenance ./provenance
RUN pip install --no-deps . \
    && useradd --system --uid 10001 --home-dir /app provenance

USER provenance
EXPOSE 8000
ENV PROVENANCE_HOST=0.0.0.0 PROVENANCE_PORT=8000
# Follows PROVENANCE_PORT.
HEALTHCHECK --interval=10s --timeout=5s --retries=5 CMD ["python", "-m", "provenance.healthcheck"]
CMD ["provenance", "serve"]
