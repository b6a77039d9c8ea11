# The backend as an image: `glossary serve` on port 8000, serving the bundled AI glossary.
# docs/deploy.md says how to run it behind a reverse proxy, and with a dictionary of your own.
# No Docker daemon where the tests run: hadolint checks this file, and
# tests/deploy/test_image_steps.py performs its steps outside Docker.

# Build: the wheel, from the package's own files only (what .dockerignore leaves).
FROM python:3.11-slim-bookworm AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY backend/ backend/
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

# Run: the dependencies exactly as locked, the wheel, the dictionary, a user without rights.
FROM python:3.11-slim-bookworm
RUN groupadd --system --gid 10001 glossary \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin glossary
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1
COPY requirements.lock /tmp/requirements.lock
COPY --from=build /wheels/ /tmp/wheels/
# requirements.lock (scripts/lock.sh) pins every dependency with its hashes: pip refuses any
# other file. The wheel goes in without dependencies of its own choosing, and `pip check`
# fails the build if the lock lacks one it needs.
RUN python -m venv /opt/venv \
    && pip install --no-cache-dir --require-hashes --no-deps -r /tmp/requirements.lock \
    && pip install --no-cache-dir --no-deps /tmp/wheels/ai_glossary-*.whl \
    && pip check \
    && rm -rf /tmp/wheels /tmp/requirements.lock
# The bundled glossary, owned by root and so read-only to the server. A wheel has no
# dictionary of its own: the command names this folder. To serve yours, mount it and pass
# its folder in place of this one (docs/deploy.md).
COPY dictionary/ /app/dictionary/

# Behind a reverse proxy (docs/deploy.md). The address readers use, with its path if any
# ("https://glossary.example.org"): links, canonical URLs, JSON-LD and card URLs carry it.
ENV GLOSSARY_PUBLIC_URL=""
# Host names answered, comma-separated ("glossary.example.org,localhost"); any other Host
# gets a 400. Empty answers every host (links then come from GLOSSARY_PUBLIC_URL).
ENV GLOSSARY_TRUSTED_HOSTS=""
# Addresses of the proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (uvicorn's
# forwarded_allow_ips), comma-separated ("10.0.0.0/8" style networks too). Empty: no one's.
ENV GLOSSARY_FORWARDED_ALLOW_IPS=""
# GLOSSARY_ADMIN_TOKEN (for POST /v1/admin/reload) is a secret: pass it at run time, never here.

# By number, so Kubernetes' runAsNonRoot can see that it is not root.
USER 10001:10001
WORKDIR /app
EXPOSE 8000
# /healthz is the liveness probe: the process answers. Loading the glossary takes seconds.
# It asks for Host "localhost": list that in GLOSSARY_TRUSTED_HOSTS beside the public name.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request as u; u.urlopen(u.Request('http://127.0.0.1:8000/healthz', headers={'Host': 'localhost'}), timeout=4)"]
# Exec form: the server is PID 1 and gets SIGTERM itself. Arguments after the image name
# replace CMD: `--workers 4 --dictionary /srv/my-glossary`.
ENTRYPOINT ["glossary", "serve", "--host", "0.0.0.0", "--port", "8000"]
CMD ["--workers", "2", "--dictionary", "/app/dictionary"]
